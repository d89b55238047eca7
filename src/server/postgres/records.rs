//! How the PostgreSQL store applies one record change, by the same rules as SQLite's
//! (`server/records.rs`): idempotent by (item id, version), a new feed number per change, the
//! audience an envelope was sealed to, and the mentee's storage quota. The caller holds the
//! mentee's lock, so what is read here cannot change before the transaction commits.

use tokio_postgres::Transaction;

use super::Db;
use crate::crypto::envelope::is_tombstone;
use crate::server::records::audience_mark;
use crate::server::store::{Result, ServerStoreError};
use crate::sync::protocol::{PutOutcome, RecordPut};

/// Applies one change; returns what was done and the version the server now holds.
pub(super) fn put_one(
    tx: &mut Db<'_, Transaction<'_>>,
    mentee_id: &str,
    record: &RecordPut,
    quota_bytes: u64,
) -> Result<(PutOutcome, u64)> {
    let Some(envelope) = record.envelope.as_deref() else {
        return Err(ServerStoreError::Unsigned(record.item_id.clone()));
    };
    let existing = tx
        .opt(
            "SELECT version, envelope, audience FROM records WHERE mentee_id = $1 AND item_id = $2",
            &[&mentee_id, &record.item_id],
        )?
        .map(|row| {
            (
                row.get::<_, i64>(0) as u64,
                row.get::<_, Option<Vec<u8>>>(1),
                row.get::<_, String>(2),
            )
        });
    let bytes = envelope.as_bytes();
    let (previous_audience, previous_len) = match existing {
        Some((version, _, _)) if version > record.version => {
            return Ok((PutOutcome::Superseded, version));
        }
        Some((version, stored, _)) if version == record.version => {
            return if stored.as_deref() == Some(bytes) {
                Ok((PutOutcome::AlreadyStored, record.version))
            } else {
                Err(ServerStoreError::VersionConflict(record.version))
            };
        }
        Some((_, stored, audience)) => (audience, stored.map_or(0, |e| e.len() as i64)),
        None => (String::new(), 0),
    };
    let audience = if is_tombstone(bytes) {
        // A tombstone goes to whoever could read the item before.
        previous_audience
    } else {
        let readers = audience_of(tx, mentee_id, envelope)?;
        if readers.is_empty() {
            return Err(ServerStoreError::NoAudience(record.item_id.clone()));
        }
        // Whoever could read an earlier version keeps getting the item's changes while paired.
        let mut audience = previous_audience;
        for mark in readers.iter().map(|mentor| audience_mark(mentor)) {
            if !audience.contains(&mark) {
                audience.push_str(&mark);
            }
        }
        audience
    };
    let grown = bytes.len() as i64 - previous_len;
    let row = tx.row(
        "INSERT INTO feed_seq (mentee_id, last, bytes) VALUES ($1, 1, $2)
         ON CONFLICT (mentee_id) DO UPDATE
           SET last = feed_seq.last + 1, bytes = feed_seq.bytes + excluded.bytes
         RETURNING last, bytes",
        &[&mentee_id, &grown],
    )?;
    let (seq, used): (i64, i64) = (row.get(0), row.get(1));
    if used.max(0) as u64 > quota_bytes {
        return Err(ServerStoreError::QuotaFull);
    }
    tx.run(
        "INSERT INTO records (mentee_id, item_id, version, seq, envelope, audience)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (mentee_id, item_id) DO UPDATE SET
           version = excluded.version, seq = excluded.seq, envelope = excluded.envelope,
           audience = excluded.audience",
        &[
            &mentee_id,
            &record.item_id,
            &(record.version as i64),
            &seq,
            &bytes,
            &audience,
        ],
    )?;
    Ok((PutOutcome::Stored, record.version))
}

/// The paired mentors whose devices an envelope's content key was wrapped to, in the order the
/// envelope names them. Only the envelope's recipient list is read, never its sealed body.
fn audience_of(
    tx: &mut Db<'_, Transaction<'_>>,
    mentee_id: &str,
    envelope: &str,
) -> Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Key {
        device: String,
    }
    #[derive(serde::Deserialize)]
    struct Header {
        keys: Vec<Key>,
    }
    let Ok(header) = serde_json::from_str::<Header>(envelope) else {
        return Ok(Vec::new());
    };
    let devices: Vec<String> = header.keys.into_iter().map(|key| key.device).collect();
    let found: Vec<(String, String)> = tx
        .rows(
            "SELECT d.id, d.person_id FROM devices d JOIN pairings x ON x.mentor_id = d.person_id
             WHERE d.id = ANY($1) AND x.mentee_id = $2",
            &[&devices, &mentee_id],
        )?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut mentors: Vec<String> = Vec::new();
    for device in &devices {
        if let Some((_, mentor)) = found.iter().find(|(id, _)| id == device)
            && !mentors.contains(mentor)
        {
            mentors.push(mentor.clone());
        }
    }
    Ok(mentors)
}
