//! How the SQLite store applies one record change: idempotent by (item id, version), a new feed
//! sequence number per change, and the audience (the paired mentors an envelope was sealed to).

use rusqlite::{OptionalExtension, params};

use super::store::{Result, ServerStoreError};
use crate::sync::protocol::{PutOutcome, RecordPut};

/// How a mentor id is marked in a record's audience: quoted, so one id never matches inside another.
pub(super) fn audience_mark(mentor_id: &str) -> String {
    format!("\"{mentor_id}\"")
}

pub(super) fn put_one(
    tx: &rusqlite::Transaction<'_>,
    mentee_id: &str,
    record: &RecordPut,
) -> Result<PutOutcome> {
    let existing: Option<(i64, Option<Vec<u8>>, String)> = tx
        .query_row(
            "SELECT version, envelope, audience FROM records WHERE mentee_id = ?1 AND item_id = ?2",
            params![mentee_id, record.item_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let envelope = record.envelope.as_ref().map(|e| e.as_bytes().to_vec());
    let previous_audience = match &existing {
        Some((version, _, _)) if (*version as u64) > record.version => {
            return Ok(PutOutcome::Superseded);
        }
        Some((version, stored_envelope, _)) if *version as u64 == record.version => {
            return if *stored_envelope == envelope {
                Ok(PutOutcome::AlreadyStored)
            } else {
                Err(ServerStoreError::VersionConflict(record.version))
            };
        }
        Some((_, _, audience)) => Some(audience.clone()),
        None => None,
    };
    let audience = match &record.envelope {
        Some(envelope) => {
            let audience = audience_of(tx, mentee_id, envelope)?;
            if audience.is_empty() {
                return Err(ServerStoreError::NoAudience(record.item_id.clone()));
            }
            audience
        }
        // A tombstone goes to whoever could read the item before.
        None => previous_audience.unwrap_or_default(),
    };
    let seq: i64 = tx.query_row(
        "INSERT INTO feed_seq (mentee_id, last) VALUES (?1, 1)
         ON CONFLICT (mentee_id) DO UPDATE SET last = last + 1 RETURNING last",
        [mentee_id],
        |r| r.get(0),
    )?;
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
            envelope,
            audience
        ],
    )?;
    Ok(PutOutcome::Stored)
}

/// The paired mentors whose devices an envelope's content key was wrapped to. The server reads
/// only the envelope's recipient list, never its sealed body.
fn audience_of(tx: &rusqlite::Transaction<'_>, mentee_id: &str, envelope: &str) -> Result<String> {
    #[derive(serde::Deserialize)]
    struct Key {
        device: String,
    }
    #[derive(serde::Deserialize)]
    struct Header {
        keys: Vec<Key>,
    }
    let Ok(header) = serde_json::from_str::<Header>(envelope) else {
        return Ok(String::new());
    };
    let mut stmt = tx.prepare_cached(
        "SELECT d.person_id FROM devices d JOIN pairings x ON x.mentor_id = d.person_id
         WHERE d.id = ?1 AND x.mentee_id = ?2",
    )?;
    let mut mentors: Vec<String> = Vec::new();
    for key in header.keys {
        if let Some(mentor) = stmt
            .query_row(params![key.device, mentee_id], |r| r.get::<_, String>(0))
            .optional()?
            && !mentors.contains(&mentor)
        {
            mentors.push(mentor);
        }
    }
    Ok(mentors.iter().map(|m| audience_mark(m)).collect())
}
