//! How the PostgreSQL store applies a batch of record changes: the record rules (`rules.rs`)
//! decide, as they do for SQLite, and each change takes a new feed number and counts against
//! the mentee's quota. The caller holds the mentee's lock, so what is read here cannot change
//! before the transaction commits.

use std::collections::HashMap;

use tokio_postgres::Transaction;

use super::{Db, LOCK_MENTEE};
use crate::rules::{self, Change, Held, recipients};
use crate::storage::Result;
use steady_core::protocol::{PutOutcome, RecordPut};

/// What the server holds for one item while a batch is applied.
struct Kept {
    version: u64,
    envelope: Option<Vec<u8>>,
    audience: String,
    /// The feed number of a change made in this batch (none: untouched so far).
    seq: Option<i64>,
}

/// Takes the mentee's lock and applies a batch of changes in order, with the SQLite store's
/// outcomes and errors, in two round trips: the lock with what the server holds for the batch's
/// items, who their envelopes name and the feed's counter; then the counter and the records.
/// (One statement per record took 0.65 s for 1,000.)
pub(super) fn put_batch(
    tx: &mut Db<'_, Transaction<'_>>,
    mentee_id: &str,
    records: &[RecordPut],
    quota_bytes: u64,
) -> Result<Vec<(PutOutcome, u64)>> {
    let ids: Vec<&str> = records.iter().map(|r| r.item_id.as_str()).collect();
    let named: Vec<Vec<String>> = records
        .iter()
        .map(|r| r.envelope.as_deref().map(recipients).unwrap_or_default())
        .collect();
    let devices: Vec<&str> = named.iter().flatten().map(String::as_str).collect();
    // The mentee's lock first, then what is read under it: sent together, run in order.
    let mut read = tx
        .pipelined(&[
            (LOCK_MENTEE, &[&mentee_id]),
            (
                "SELECT item_id, version, envelope, audience FROM records
                 WHERE mentee_id = $1 AND item_id = ANY($2)",
                &[&mentee_id, &ids],
            ),
            (
                "SELECT d.id, d.person_id FROM devices d JOIN pairings x ON x.mentor_id = d.person_id
                 WHERE d.id = ANY($1) AND x.mentee_id = $2",
                &[&devices, &mentee_id],
            ),
            (
                "SELECT last, bytes FROM feed_seq WHERE mentee_id = $1",
                &[&mentee_id],
            ),
        ])?
        .into_iter()
        .skip(1);
    let (held_rows, mentor_rows, feed_rows) = (
        read.next().unwrap_or_default(),
        read.next().unwrap_or_default(),
        read.next().unwrap_or_default(),
    );
    let mut held: HashMap<String, Kept> = held_rows
        .iter()
        .map(|row| {
            let held = Kept {
                version: row.get::<_, i64>(1) as u64,
                envelope: row.get(2),
                audience: row.get(3),
                seq: None,
            };
            (row.get(0), held)
        })
        .collect();
    let mentor_of: HashMap<String, String> = mentor_rows
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let (mut last, mut used): (i64, i64) = feed_rows
        .first()
        .map_or((0, 0), |row| (row.get(0), row.get(1)));

    let mut outcomes = Vec::with_capacity(records.len());
    let mut changed: Vec<&str> = Vec::new();
    for record in records {
        let kept = held.get(&record.item_id).map(|kept| Held {
            version: kept.version,
            envelope: kept.envelope.as_deref(),
            audience: &kept.audience,
        });
        // The devices' owners were read with the lock, for every envelope in the batch.
        let owners = |devices: &[String]| {
            let mut readers: Vec<String> = Vec::new();
            for mentor in devices.iter().filter_map(|device| mentor_of.get(device)) {
                if !readers.contains(mentor) {
                    readers.push(mentor.clone());
                }
            }
            Ok(readers)
        };
        let (audience, growth) = match rules::change(record, kept, owners)? {
            Change::Answered(outcome, version) => {
                outcomes.push((outcome, version));
                continue;
            }
            Change::Store { audience, growth } => (audience, growth),
        };
        let bytes = record.envelope.as_deref().unwrap_or_default().as_bytes();
        last += 1;
        used += growth;
        rules::within_quota(used, quota_bytes)?;
        held.insert(
            record.item_id.clone(),
            Kept {
                version: record.version,
                envelope: Some(bytes.to_vec()),
                audience,
                seq: Some(last),
            },
        );
        if !changed.contains(&record.item_id.as_str()) {
            changed.push(&record.item_id);
        }
        outcomes.push((PutOutcome::Stored, record.version));
    }
    if changed.is_empty() {
        return Ok(outcomes);
    }

    // The mentee's lock is held: the counter and the bytes are this batch's to set.
    let rows: Vec<&Kept> = changed.iter().map(|id| &held[*id]).collect();
    let versions: Vec<i64> = rows.iter().map(|h| h.version as i64).collect();
    let seqs: Vec<i64> = rows.iter().map(|h| h.seq.unwrap_or_default()).collect();
    let envelopes: Vec<&[u8]> = rows
        .iter()
        .map(|h| h.envelope.as_deref().unwrap_or_default())
        .collect();
    let audiences: Vec<&str> = rows.iter().map(|h| h.audience.as_str()).collect();
    tx.pipelined(&[
        (
            "INSERT INTO feed_seq (mentee_id, last, bytes) VALUES ($1, $2, $3)
             ON CONFLICT (mentee_id) DO UPDATE SET last = excluded.last, bytes = excluded.bytes",
            &[&mentee_id, &last, &used],
        ),
        (
            "INSERT INTO records (mentee_id, item_id, version, seq, envelope, audience)
             SELECT $1, * FROM unnest($2::text[], $3::int8[], $4::int8[], $5::bytea[], $6::text[])
             ON CONFLICT (mentee_id, item_id) DO UPDATE SET
               version = excluded.version, seq = excluded.seq, envelope = excluded.envelope,
               audience = excluded.audience",
            &[
                &mentee_id, &changed, &versions, &seqs, &envelopes, &audiences,
            ],
        ),
    ])?;
    Ok(outcomes)
}
