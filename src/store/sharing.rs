//! The sharing tables: `shares` (each item's share mode and its version, which only ever grows),
//! `outbox` (what must reach the server next) and `share_log` (every share and unshare, for the
//! mentee to read). They are one unit: triggers on the content tables put a shared item in the
//! outbox in the same transaction as the change, so no edit path can forget to sync.

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};
use crate::domain::{LocalStamp, ShareKind, ShareMode};

/// Enqueues `{id}` of `{kind}` when it is shared: bumps its version and (re)writes its outbox row.
macro_rules! enqueue {
    ($kind:literal, $id:literal) => {
        concat!(
            "UPDATE shares SET version = version + 1 WHERE kind = '", $kind, "' AND item_id = ", $id,
            " AND mode != 'private';
             INSERT INTO outbox (item_id, kind, version, queued_at_ms)
             SELECT item_id, kind, version, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM shares
             WHERE kind = '", $kind, "' AND item_id = ", $id, " AND mode != 'private'
             ON CONFLICT (item_id) DO UPDATE SET version = excluded.version, envelope = NULL,
                 attempts = 0, last_error = NULL;"
        )
    };
}

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        seq: 13,
        name: "shares: create",
        sql: "CREATE TABLE shares (
                  kind TEXT NOT NULL,
                  item_id TEXT NOT NULL,
                  mode TEXT NOT NULL CHECK (mode IN ('private', 'shared', 'without_note')),
                  version INTEGER NOT NULL CHECK (version >= 1),
                  changed_at_ms INTEGER NOT NULL,
                  PRIMARY KEY (kind, item_id)
              ) STRICT;",
    },
    Migration {
        seq: 14,
        name: "outbox: create",
        sql: "CREATE TABLE outbox (
                  item_id TEXT PRIMARY KEY NOT NULL,
                  kind TEXT NOT NULL,
                  version INTEGER NOT NULL,
                  envelope BLOB,
                  queued_at_ms INTEGER NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  last_error TEXT
              ) STRICT;",
    },
    Migration {
        seq: 15,
        name: "share_log: create",
        sql: "CREATE TABLE share_log (
                  id INTEGER PRIMARY KEY,
                  at_ms INTEGER NOT NULL,
                  offset_s INTEGER NOT NULL,
                  kind TEXT NOT NULL,
                  item_id TEXT NOT NULL,
                  mode TEXT NOT NULL,
                  label TEXT NOT NULL
              ) STRICT;",
    },
    Migration {
        seq: 16,
        name: "sharing: triggers that queue shared items when they change",
        sql: concat!(
            "CREATE TRIGGER share_mood_changed AFTER UPDATE ON mood_entries BEGIN ",
            enqueue!("mood", "NEW.id"),
            " END;
             CREATE TRIGGER share_mood_purged AFTER DELETE ON mood_entries BEGIN ",
            enqueue!("mood", "OLD.id"),
            " END;
             CREATE TRIGGER share_goal_changed AFTER UPDATE ON goals BEGIN ",
            enqueue!("goal", "NEW.id"),
            " END;
             CREATE TRIGGER share_goal_purged AFTER DELETE ON goals BEGIN ",
            enqueue!("goal", "OLD.id"),
            " END;
             CREATE TRIGGER share_step_added AFTER INSERT ON goal_steps BEGIN ",
            enqueue!("goal", "NEW.goal_id"),
            " END;
             CREATE TRIGGER share_step_changed AFTER UPDATE ON goal_steps BEGIN ",
            enqueue!("goal", "NEW.goal_id"),
            " END;
             CREATE TRIGGER share_step_removed AFTER DELETE ON goal_steps BEGIN ",
            enqueue!("goal", "OLD.goal_id"),
            " END;
             CREATE TRIGGER share_check_in_added AFTER INSERT ON goal_check_ins BEGIN ",
            enqueue!("goal", "NEW.goal_id"),
            " END;
             CREATE TRIGGER share_plan_added AFTER INSERT ON safety_plan_items BEGIN ",
            enqueue!("safety_plan", "'safety-plan'"),
            " END;
             CREATE TRIGGER share_plan_changed AFTER UPDATE ON safety_plan_items BEGIN ",
            enqueue!("safety_plan", "'safety-plan'"),
            " END;
             CREATE TRIGGER share_plan_removed AFTER DELETE ON safety_plan_items BEGIN ",
            enqueue!("safety_plan", "'safety-plan'"),
            " END;"
        ),
    },
    Migration {
        seq: 24,
        name: "share_audience: each shared item is shared with named mentors",
        // Items shared before this step were shared with whoever mentored then; one shared
        // before any mentor was known keeps '' ("my mentor, once known").
        sql: "CREATE TABLE share_audience (
                  kind TEXT NOT NULL,
                  item_id TEXT NOT NULL,
                  mentor_id TEXT NOT NULL,
                  PRIMARY KEY (kind, item_id, mentor_id)
              ) STRICT;
              INSERT INTO share_audience (kind, item_id, mentor_id)
                  SELECT s.kind, s.item_id, m.mentor_id FROM shares s
                  JOIN (SELECT DISTINCT mentor_id FROM mentor_devices WHERE status != 'gone') m
                  WHERE s.mode != 'private';
              INSERT INTO share_audience (kind, item_id, mentor_id)
                  SELECT kind, item_id, '' FROM shares s WHERE mode != 'private'
                  AND NOT EXISTS (SELECT 1 FROM share_audience a
                                  WHERE a.kind = s.kind AND a.item_id = s.item_id);
              ALTER TABLE share_log ADD COLUMN audience TEXT NOT NULL DEFAULT '';",
    },
];

/// The audience entry for "my mentor, once known": an item shared before any mentor was listed.
pub const PENDING_MENTOR: &str = "";

/// One line of the sharing log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLogLine {
    pub at: LocalStamp,
    pub kind: ShareKind,
    pub item_id: String,
    pub mode: ShareMode,
    pub label: String,
    /// Who it was shared with then, in words ("Sam"), or empty.
    pub audience: String,
}

/// An item that is shared now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedItemRef {
    pub kind: ShareKind,
    pub item_id: String,
    pub mode: ShareMode,
    pub version: u64,
}

impl Store {
    /// Sets an item's share mode and who it is shared with (mentor ids; [`PENDING_MENTOR`] for
    /// "my mentor, once known"), queues it for the server and logs it, in one transaction.
    /// `audience_words` names them for the log. Returns false when nothing changed.
    #[allow(clippy::too_many_arguments)]
    pub fn set_share(
        &mut self,
        kind: ShareKind,
        item_id: &str,
        mode: ShareMode,
        label: &str,
        at: LocalStamp,
        audience: &[String],
        audience_words: &str,
    ) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let current: Option<(String, i64)> = tx
            .query_row(
                "SELECT mode, version FROM shares WHERE kind = ?1 AND item_id = ?2",
                params![kind.key(), item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let current_mode = current
            .as_ref()
            .and_then(|(m, _)| ShareMode::from_key(m))
            .unwrap_or(ShareMode::Private);
        let audience: Vec<String> = if mode == ShareMode::Private {
            Vec::new()
        } else {
            let mut sorted = audience.to_vec();
            sorted.sort();
            sorted.dedup();
            sorted
        };
        let current_audience = audience_in(&tx, kind, item_id)?;
        if current_mode == mode && current_audience == audience {
            return Ok(false);
        }
        let version = current.map_or(1, |(_, v)| v + 1);
        tx.execute(
            "INSERT INTO shares (kind, item_id, mode, version, changed_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (kind, item_id) DO UPDATE SET mode = excluded.mode,
                 version = excluded.version, changed_at_ms = excluded.changed_at_ms",
            params![kind.key(), item_id, mode.key(), version, at.utc_millis()],
        )?;
        tx.execute(
            "DELETE FROM share_audience WHERE kind = ?1 AND item_id = ?2",
            params![kind.key(), item_id],
        )?;
        for mentor in &audience {
            tx.execute(
                "INSERT INTO share_audience (kind, item_id, mentor_id) VALUES (?1, ?2, ?3)",
                params![kind.key(), item_id, mentor],
            )?;
        }
        tx.execute(
            "INSERT INTO outbox (item_id, kind, version, queued_at_ms) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (item_id) DO UPDATE SET version = excluded.version, envelope = NULL,
                 attempts = 0, last_error = NULL",
            params![item_id, kind.key(), version, at.utc_millis()],
        )?;
        log_share(&tx, at, kind, item_id, mode, label, audience_words)?;
        tx.commit()?;
        Ok(true)
    }

    /// Sends a shared item again with a new version (its content lives outside the tables the
    /// triggers watch, like the reply terms). Nothing when it isn't shared.
    pub fn touch_share(&mut self, kind: ShareKind, item_id: &str, now_ms: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE shares SET version = version + 1
             WHERE kind = ?1 AND item_id = ?2 AND mode != 'private'",
            params![kind.key(), item_id],
        )?;
        tx.execute(
            "INSERT INTO outbox (item_id, kind, version, queued_at_ms)
             SELECT item_id, kind, version, ?3 FROM shares
             WHERE kind = ?1 AND item_id = ?2 AND mode != 'private'
             ON CONFLICT (item_id) DO UPDATE SET version = excluded.version, envelope = NULL,
                 attempts = 0, last_error = NULL",
            params![kind.key(), item_id, now_ms],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The mentors an item is shared with now (mentor ids, sorted; empty when private).
    pub fn share_audience(&self, kind: ShareKind, item_id: &str) -> Result<Vec<String>> {
        audience_in(&self.conn, kind, item_id)
    }

    /// Items shared with "my mentor, once known" now go to `mentors` (at least one).
    pub fn settle_pending_audience(&mut self, mentors: &[String]) -> Result<usize> {
        if mentors.is_empty() {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        let pending: Vec<(String, String)> = tx
            .prepare("SELECT kind, item_id FROM share_audience WHERE mentor_id = ''")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (kind, item_id) in &pending {
            tx.execute(
                "DELETE FROM share_audience WHERE kind = ?1 AND item_id = ?2 AND mentor_id = ''",
                params![kind, item_id],
            )?;
            for mentor in mentors {
                tx.execute(
                    "INSERT OR IGNORE INTO share_audience (kind, item_id, mentor_id)
                     VALUES (?1, ?2, ?3)",
                    params![kind, item_id, mentor],
                )?;
            }
        }
        tx.commit()?;
        Ok(pending.len())
    }

    /// Queues again, with a new version, every item shared with `mentor_id` (or still waiting
    /// for a mentor): after one of that mentor's devices is approved, so it is sealed to that
    /// device too. Nothing shared only with another mentor moves.
    pub fn requeue_shared_with(&mut self, mentor_id: &str, now_ms: i64) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let chosen = "SELECT kind, item_id FROM share_audience WHERE mentor_id IN (?1, '')";
        tx.execute(
            &format!(
                "UPDATE shares SET version = version + 1
                 WHERE mode != 'private' AND (kind, item_id) IN ({chosen})"
            ),
            [mentor_id],
        )?;
        let queued = tx.execute(
            &format!(
                "INSERT INTO outbox (item_id, kind, version, queued_at_ms)
                 SELECT item_id, kind, version, ?2 FROM shares
                 WHERE mode != 'private' AND (kind, item_id) IN ({chosen})
                 ON CONFLICT (item_id) DO UPDATE SET version = excluded.version, envelope = NULL,
                     attempts = 0, last_error = NULL"
            ),
            params![mentor_id, now_ms],
        )?;
        tx.commit()?;
        Ok(queued)
    }

    /// A match ended: nothing more goes to `mentor_id`. Items shared only with them become
    /// private again (their removal goes out, signed); items shared with others too go out again
    /// without them. Returns how many items were shared with them.
    pub fn end_match(
        &mut self,
        mentor_id: &str,
        mentor_name: &str,
        at: LocalStamp,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let theirs: Vec<(String, String)> = tx
            .prepare("SELECT kind, item_id FROM share_audience WHERE mentor_id = ?1")?
            .query_map([mentor_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute(
            "DELETE FROM share_audience WHERE mentor_id = ?1",
            [mentor_id],
        )?;
        for (kind_key, item_id) in &theirs {
            let Some(kind) = ShareKind::from_key(kind_key) else {
                continue;
            };
            let others_left = !audience_in(&tx, kind, item_id)?.is_empty();
            if !others_left {
                tx.execute(
                    "UPDATE shares SET mode = 'private' WHERE kind = ?1 AND item_id = ?2",
                    params![kind_key, item_id],
                )?;
                let label: String = tx
                    .query_row(
                        "SELECT label FROM share_log WHERE kind = ?1 AND item_id = ?2
                         ORDER BY id DESC LIMIT 1",
                        params![kind_key, item_id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_default();
                log_share(
                    &tx,
                    at,
                    kind,
                    item_id,
                    ShareMode::Private,
                    &label,
                    mentor_name,
                )?;
            }
            tx.execute(
                "UPDATE shares SET version = version + 1 WHERE kind = ?1 AND item_id = ?2",
                params![kind_key, item_id],
            )?;
            tx.execute(
                "INSERT INTO outbox (item_id, kind, version, queued_at_ms)
                 SELECT item_id, kind, version, ?3 FROM shares WHERE kind = ?1 AND item_id = ?2
                 ON CONFLICT (item_id) DO UPDATE SET version = excluded.version, envelope = NULL,
                     attempts = 0, last_error = NULL",
                params![kind_key, item_id, at.utc_millis()],
            )?;
        }
        tx.commit()?;
        Ok(theirs.len())
    }

    /// How an item is shared now (private when never shared).
    pub fn share_mode(&self, kind: ShareKind, item_id: &str) -> Result<ShareMode> {
        let mode: Option<String> = self
            .conn
            .prepare_cached("SELECT mode FROM shares WHERE kind = ?1 AND item_id = ?2")?
            .query_row(params![kind.key(), item_id], |r| r.get(0))
            .optional()?;
        Ok(mode
            .and_then(|m| ShareMode::from_key(&m))
            .unwrap_or(ShareMode::Private))
    }

    /// When an item was last shared or unshared, in the mentee's local time then.
    pub fn share_changed_at(&self, kind: ShareKind, item_id: &str) -> Result<Option<LocalStamp>> {
        let row: Option<(i64, i32)> = self
            .conn
            .query_row(
                "SELECT at_ms, offset_s FROM share_log WHERE kind = ?1 AND item_id = ?2
                 ORDER BY id DESC LIMIT 1",
                params![kind.key(), item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(ms, offset)| LocalStamp::from_parts(ms, offset)))
    }

    /// Every item shared now.
    pub fn shared_items(&self) -> Result<Vec<SharedItemRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, item_id, mode, version FROM shares WHERE mode != 'private'
             ORDER BY changed_at_ms DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (kind, item_id, mode, version) = row?;
            if let (Some(kind), Some(mode)) =
                (ShareKind::from_key(&kind), ShareMode::from_key(&mode))
            {
                items.push(SharedItemRef {
                    kind,
                    item_id,
                    mode,
                    version: version as u64,
                });
            }
        }
        Ok(items)
    }

    /// The sharing log, newest first.
    pub fn share_log(&self, limit: usize) -> Result<Vec<ShareLogLine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at_ms, offset_s, kind, item_id, mode, label, audience FROM share_log
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut lines = Vec::new();
        for row in rows {
            let (ms, offset, kind, item_id, mode, label, audience) = row?;
            if let (Some(at), Some(kind), Some(mode)) = (
                LocalStamp::from_parts(ms, offset),
                ShareKind::from_key(&kind),
                ShareMode::from_key(&mode),
            ) {
                lines.push(ShareLogLine {
                    at,
                    kind,
                    item_id,
                    mode,
                    label,
                    audience,
                });
            }
        }
        Ok(lines)
    }
}

fn audience_in(conn: &rusqlite::Connection, kind: ShareKind, item_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mentor_id FROM share_audience WHERE kind = ?1 AND item_id = ?2 ORDER BY mentor_id",
    )?;
    let audience = stmt
        .query_map(params![kind.key(), item_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(audience)
}

fn log_share(
    conn: &rusqlite::Connection,
    at: LocalStamp,
    kind: ShareKind,
    item_id: &str,
    mode: ShareMode,
    label: &str,
    audience_words: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO share_log (at_ms, offset_s, kind, item_id, mode, label, audience)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            at.utc_millis(),
            at.offset_seconds(),
            kind.key(),
            item_id,
            mode.key(),
            label,
            audience_words
        ],
    )?;
    Ok(())
}
