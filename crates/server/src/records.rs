//! How the SQLite store applies one record change: idempotent by (item id, version), a new feed
//! sequence number per change, the audience (the paired mentors an envelope was sealed to), and
//! the bytes each mentee's records take against the storage quota. The server reads only an
//! envelope's unsealed header (recipient devices, and whether it is a tombstone), never its body.

use rusqlite::{OptionalExtension, params};

use super::store::{Result, ServerStoreError};
use steady_core::crypto::envelope::is_tombstone;
use steady_core::protocol::{PutOutcome, RecordPut};

/// How a mentor id is marked in a record's audience: quoted, so one id never matches inside another.
pub(super) fn audience_mark(mentor_id: &str) -> String {
    format!("\"{mentor_id}\"")
}

/// Applies one change; returns what was done and the version the server now holds.
pub(super) fn put_one(
    tx: &rusqlite::Transaction<'_>,
    mentee_id: &str,
    record: &RecordPut,
    quota_bytes: u64,
) -> Result<(PutOutcome, u64)> {
    let Some(envelope) = record.envelope.as_deref() else {
        return Err(ServerStoreError::Unsigned(record.item_id.clone()));
    };
    let existing: Option<(i64, Option<Vec<u8>>, String)> = tx
        .query_row(
            "SELECT version, envelope, audience FROM records WHERE mentee_id = ?1 AND item_id = ?2",
            params![mentee_id, record.item_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let bytes = envelope.as_bytes();
    let (previous_audience, previous_len) = match &existing {
        Some((version, _, _)) if (*version as u64) > record.version => {
            return Ok((PutOutcome::Superseded, *version as u64));
        }
        Some((version, stored, _)) if *version as u64 == record.version => {
            return if stored.as_deref() == Some(bytes) {
                Ok((PutOutcome::AlreadyStored, record.version))
            } else {
                Err(ServerStoreError::VersionConflict(record.version))
            };
        }
        Some((_, stored, audience)) => (
            Some(audience.clone()),
            stored.as_ref().map_or(0, |e| e.len() as i64),
        ),
        None => (None, 0),
    };
    let previous_audience = previous_audience.unwrap_or_default();
    let audience = if is_tombstone(bytes) {
        // A tombstone goes to whoever could read the item before.
        previous_audience
    } else {
        let readers = audience_of(tx, mentee_id, envelope)?;
        if readers.is_empty() {
            return Err(ServerStoreError::NoAudience(record.item_id.clone()));
        }
        widened(previous_audience, &readers)
    };
    let (seq, used): (i64, i64) = tx.query_row(
        "INSERT INTO feed_seq (mentee_id, last, bytes) VALUES (?1, 1, ?2)
         ON CONFLICT (mentee_id) DO UPDATE SET last = last + 1, bytes = bytes + ?2
         RETURNING last, bytes",
        params![mentee_id, bytes.len() as i64 - previous_len],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if used.max(0) as u64 > quota_bytes {
        return Err(ServerStoreError::QuotaFull);
    }
    tx.execute(
        "INSERT INTO records (mentee_id, item_id, version, seq, envelope, audience)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (mentee_id, item_id) DO UPDATE SET
           version = excluded.version, seq = excluded.seq, envelope = excluded.envelope,
           audience = excluded.audience",
        params![
            mentee_id,
            record.item_id,
            record.version as i64,
            seq,
            bytes,
            audience
        ],
    )?;
    Ok((PutOutcome::Stored, record.version))
}

/// The paired mentors whose devices an envelope's content key was wrapped to. The server reads
/// only the envelope's recipient list, never its sealed body.
fn audience_of(
    tx: &rusqlite::Transaction<'_>,
    mentee_id: &str,
    envelope: &str,
) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT d.person_id FROM devices d JOIN pairings x ON x.mentor_id = d.person_id
         WHERE d.id = ?1 AND x.mentee_id = ?2",
    )?;
    let mut mentors: Vec<String> = Vec::new();
    for device in recipients(envelope) {
        if let Some(mentor) = stmt
            .query_row(params![device, mentee_id], |r| r.get::<_, String>(0))
            .optional()?
            && !mentors.contains(&mentor)
        {
            mentors.push(mentor);
        }
    }
    Ok(mentors)
}

/// The devices an envelope's content key was wrapped to, as its unsealed header names them
/// (none if it has no such header). Only that list is read, never the sealed body.
pub(super) fn recipients(envelope: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Key {
        device: String,
    }
    #[derive(serde::Deserialize)]
    struct Header {
        keys: Vec<Key>,
    }
    serde_json::from_str::<Header>(envelope)
        .map(|header| header.keys.into_iter().map(|key| key.device).collect())
        .unwrap_or_default()
}

/// An item's audience after a change sealed to `readers` (mentor ids). Whoever could read an
/// earlier version keeps getting the item's changes while paired: a version no longer sealed to
/// a mentor is how their device learns, signed by the mentee, that it was taken back from them
/// (consent is per mentor).
pub(super) fn widened(mut audience: String, readers: &[impl AsRef<str>]) -> String {
    for mark in readers.iter().map(|mentor| audience_mark(mentor.as_ref())) {
        if !audience.contains(&mark) {
            audience.push_str(&mark);
        }
    }
    audience
}
