//! The outbox: what must reach the server next, one row per shared item at its newest version,
//! filled by the sharing triggers (`sharing.rs`) in the same transaction as the change. Each row
//! is sealed once and its sealed bytes kept, so a retry sends the very same envelope.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::domain::ShareKind;

/// A record waiting to reach the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxRecord {
    pub item_id: String,
    pub kind: ShareKind,
    pub version: u64,
    pub envelope: Option<Vec<u8>>,
    pub attempts: u32,
    pub last_error: Option<String>,
}

impl Store {
    /// Up to `limit` outbox records that have not been stopped by a refusal, oldest first. A
    /// refused record waits for the item to change again (which clears the refusal).
    pub fn outbox(&self, limit: usize) -> Result<Vec<OutboxRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, kind, version, envelope, attempts, last_error FROM outbox
             WHERE last_error IS NULL ORDER BY queued_at_ms, item_id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<Vec<u8>>>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut records = Vec::new();
        for row in rows {
            let (item_id, kind, version, envelope, attempts, last_error) = row?;
            if let Some(kind) = ShareKind::from_key(&kind) {
                records.push(OutboxRecord {
                    item_id,
                    kind,
                    version: version as u64,
                    envelope,
                    attempts,
                    last_error,
                });
            }
        }
        Ok(records)
    }

    /// Why the server refused records that now wait for a change, one message per record.
    pub fn outbox_refusals(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY queued_at_ms",
        )?;
        let messages = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(messages)
    }

    /// How many records wait to be sent (not counting ones the server refused, which wait for a
    /// change and are reported on their own).
    pub fn outbox_len(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM outbox WHERE last_error IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Keeps the sealed form of a record so a retry sends the very same bytes. A no-op if the
    /// item changed meanwhile (its version moved on).
    pub fn keep_sealed(&mut self, item_id: &str, version: u64, envelope: &[u8]) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET envelope = ?3 WHERE item_id = ?1 AND version = ?2",
            params![item_id, version as i64, envelope],
        )?;
        Ok(())
    }

    /// [`Store::keep_sealed`] for many records, in one transaction.
    pub fn keep_sealed_many(&mut self, sealed: &[(String, u64, Vec<u8>)]) -> Result<()> {
        if sealed.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE outbox SET envelope = ?3 WHERE item_id = ?1 AND version = ?2",
            )?;
            for (item_id, version, envelope) in sealed {
                stmt.execute(params![item_id, *version as i64, envelope])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// [`Store::outbox_sent`] for many records, in one transaction.
    pub fn outbox_sent_many(&mut self, sent: &[(String, u64)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt =
                tx.prepare_cached("DELETE FROM outbox WHERE item_id = ?1 AND version = ?2")?;
            for (item_id, version) in sent {
                stmt.execute(params![item_id, *version as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The server has this version: drop it from the outbox unless a newer one is waiting.
    pub fn outbox_sent(&mut self, item_id: &str, version: u64) -> Result<()> {
        self.conn.execute(
            "DELETE FROM outbox WHERE item_id = ?1 AND version = ?2",
            params![item_id, version as i64],
        )?;
        Ok(())
    }

    /// The server holds a newer version of an item than this phone sent (an older phone's copy,
    /// or one the mentee's devices never made): this phone's copy goes out again just above it,
    /// so the mentee's latest word wins. Returns the new version, or `None` when the item is not
    /// waiting any more or the server's version leaves no room above it.
    pub fn go_past_server_version(
        &mut self,
        item_id: &str,
        server_version: u64,
    ) -> Result<Option<u64>> {
        let Some(next) = server_version
            .checked_add(1)
            .filter(|v| *v <= i64::MAX as u64)
        else {
            return Ok(None);
        };
        let tx = self.conn.transaction()?;
        let kind: Option<String> = tx
            .query_row(
                "SELECT kind FROM outbox WHERE item_id = ?1 AND version < ?2",
                params![item_id, next as i64],
                |r| r.get(0),
            )
            .optional()?;
        let Some(kind) = kind else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE shares SET version = ?3 WHERE kind = ?1 AND item_id = ?2",
            params![kind, item_id, next as i64],
        )?;
        tx.execute(
            "UPDATE outbox SET version = ?2, envelope = NULL, attempts = 0, last_error = NULL
             WHERE item_id = ?1",
            params![item_id, next as i64],
        )?;
        tx.commit()?;
        Ok(Some(next))
    }

    /// Records a failed attempt; with `refusal`, the server refused it and it waits for a change.
    pub fn outbox_failed(&mut self, item_id: &str, refusal: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE item_id = ?1",
            params![item_id, refusal],
        )?;
        Ok(())
    }
}
