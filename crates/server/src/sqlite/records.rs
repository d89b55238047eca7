//! How the SQLite store applies one record change: the record rules (`rules.rs`) decide, and
//! each change here takes a new feed sequence number and counts against the mentee's quota.

use rusqlite::{OptionalExtension, params};

use crate::rules::{self, Change, Held};
use crate::storage::Result;
use steady_core::protocol::{PutOutcome, RecordPut};

/// Applies one change by the record rules; returns what was done and the version the server
/// now holds.
pub(super) fn put_one(
    tx: &rusqlite::Transaction<'_>,
    mentee_id: &str,
    record: &RecordPut,
    quota_bytes: u64,
) -> Result<(PutOutcome, u64)> {
    let existing: Option<(i64, Option<Vec<u8>>, String)> = tx
        .query_row(
            "SELECT version, envelope, audience FROM records WHERE mentee_id = ?1 AND item_id = ?2",
            params![mentee_id, record.item_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let held = existing.as_ref().map(|(version, envelope, audience)| Held {
        version: *version as u64,
        envelope: envelope.as_deref(),
        audience,
    });
    let (audience, growth) = match rules::change(record, held, |devices| {
        paired_owners(tx, mentee_id, devices)
    })? {
        Change::Answered(outcome, version) => return Ok((outcome, version)),
        Change::Store { audience, growth } => (audience, growth),
    };
    let bytes = record.envelope.as_deref().unwrap_or_default().as_bytes();
    let (seq, used): (i64, i64) = tx.query_row(
        "INSERT INTO feed_seq (mentee_id, last, bytes) VALUES (?1, 1, ?2)
         ON CONFLICT (mentee_id) DO UPDATE SET last = last + 1, bytes = bytes + ?2
         RETURNING last, bytes",
        params![mentee_id, growth],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    rules::within_quota(used, quota_bytes)?;
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

/// The mentors paired with this mentee who own `devices`, each once. The server reads only the
/// envelope's recipient list, never its sealed body.
fn paired_owners(
    tx: &rusqlite::Transaction<'_>,
    mentee_id: &str,
    devices: &[String],
) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT d.person_id FROM devices d JOIN pairings x ON x.mentor_id = d.person_id
         WHERE d.id = ?1 AND x.mentee_id = ?2",
    )?;
    let mut mentors: Vec<String> = Vec::new();
    for device in devices {
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
