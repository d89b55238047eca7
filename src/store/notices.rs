//! Things the app tells the person that happened elsewhere, kept in the encrypted store: a match
//! that ended, something of the mentee's passed to the safeguarding lead, a device removed by the
//! program. Also the small marks sync keeps (the last notice fetched, the care statement seen)
//! and, on a mentor's device, the concerns raised from it.

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};
use crate::domain::LocalStamp;

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        seq: 25,
        name: "notices: what happened elsewhere, in words",
        sql: "CREATE TABLE notices (
                  id INTEGER PRIMARY KEY,
                  at_ms INTEGER NOT NULL,
                  offset_s INTEGER NOT NULL,
                  kind TEXT NOT NULL,
                  text TEXT NOT NULL,
                  item_id TEXT NOT NULL DEFAULT ''
              ) STRICT;",
    },
    Migration {
        seq: 26,
        name: "marks: small counters sync keeps",
        sql: "CREATE TABLE marks (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) STRICT;",
    },
    Migration {
        seq: 27,
        name: "raised_concerns: what this mentor device passed on, and when",
        sql: "CREATE TABLE raised_concerns (
                  mentee_id TEXT NOT NULL,
                  item_id TEXT NOT NULL,
                  at_ms INTEGER NOT NULL,
                  passed_to TEXT NOT NULL,
                  mentee_told INTEGER NOT NULL
              ) STRICT;",
    },
];

/// Marks for the mentee's reply terms: replies off (1) or on (0, the default); read receipts on
/// (1) or off (0, the default); replies read up to this moment (ms).
pub const MARK_REPLIES_OFF: &str = "replies_off";
pub const MARK_READ_RECEIPTS: &str = "read_receipts";
pub const MARK_READ_UP_TO: &str = "read_up_to";

/// What kind of thing happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// A match ended (either side).
    MatchEnded,
    /// Something the mentee shared was passed to the safeguarding lead.
    PassedOn,
    /// The program removed this device.
    DeviceRemoved,
    /// The program changed where concerns and reports go (its signed directory names a new
    /// safeguarding key, or none).
    InboxChanged,
}

impl NoticeKind {
    pub fn key(self) -> &'static str {
        match self {
            NoticeKind::MatchEnded => "match_ended",
            NoticeKind::PassedOn => "passed_on",
            NoticeKind::DeviceRemoved => "device_removed",
            NoticeKind::InboxChanged => "inbox_changed",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        [
            NoticeKind::MatchEnded,
            NoticeKind::PassedOn,
            NoticeKind::DeviceRemoved,
            NoticeKind::InboxChanged,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// One notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredNotice {
    pub at: LocalStamp,
    pub kind: NoticeKind,
    pub text: String,
    pub item_id: String,
}

/// A concern this mentor device raised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaisedConcern {
    pub item_id: String,
    pub at_ms: i64,
    pub passed_to: String,
    pub mentee_told: bool,
}

impl Store {
    pub fn add_notice(
        &mut self,
        kind: NoticeKind,
        text: &str,
        item_id: &str,
        at: LocalStamp,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO notices (at_ms, offset_s, kind, text, item_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                at.utc_millis(),
                at.offset_seconds(),
                kind.key(),
                text,
                item_id
            ],
        )?;
        Ok(())
    }

    /// The newest `limit` notices, newest first.
    pub fn notices(&self, limit: usize) -> Result<Vec<StoredNotice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at_ms, offset_s, kind, text, item_id FROM notices ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut notices = Vec::new();
        for row in rows {
            let (ms, offset, kind, text, item_id) = row?;
            if let (Some(at), Some(kind)) = (
                LocalStamp::from_parts(ms, offset),
                NoticeKind::from_key(&kind),
            ) {
                notices.push(StoredNotice {
                    at,
                    kind,
                    text,
                    item_id,
                });
            }
        }
        Ok(notices)
    }

    /// A mark's value (0 when never set).
    pub fn mark(&self, key: &str) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT value FROM marks WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(0))
    }

    pub fn set_mark(&mut self, key: &str, value: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO marks (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn note_concern_raised(&mut self, mentee_id: &str, concern: &RaisedConcern) -> Result<()> {
        self.conn.execute(
            "INSERT INTO raised_concerns (mentee_id, item_id, at_ms, passed_to, mentee_told)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                mentee_id,
                concern.item_id,
                concern.at_ms,
                concern.passed_to,
                concern.mentee_told
            ],
        )?;
        Ok(())
    }

    /// The concerns raised from this device about `mentee_id`, newest first.
    pub fn raised_concerns(&self, mentee_id: &str) -> Result<Vec<RaisedConcern>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, at_ms, passed_to, mentee_told FROM raised_concerns
             WHERE mentee_id = ?1 ORDER BY at_ms DESC",
        )?;
        let rows = stmt
            .query_map([mentee_id], |r| {
                Ok(RaisedConcern {
                    item_id: r.get(0)?,
                    at_ms: r.get(1)?,
                    passed_to: r.get(2)?,
                    mentee_told: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
