//! Replies, both ways, in the encrypted store. On a mentor's device, `mentor_replies` holds each
//! reply sealed once at writing (so a retry after a crash sends the very same bytes) until the
//! server has it, and afterwards as what was sent. On a mentee's device, `replies` holds what
//! verified against a mentor device they approved, kept until the mentee clears it; the envelope
//! is kept too, so a note can be reported with the mentor's own signature.

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        seq: 29,
        name: "mentor_replies: what this mentor device wrote, sealed, and whether it was sent",
        sql: "CREATE TABLE mentor_replies (
                  reply_id TEXT PRIMARY KEY NOT NULL,
                  mentee_id TEXT NOT NULL,
                  payload TEXT NOT NULL,
                  envelope BLOB NOT NULL,
                  at_ms INTEGER NOT NULL,
                  sent INTEGER NOT NULL DEFAULT 0
              ) STRICT;",
    },
    Migration {
        seq: 30,
        name: "replies: what mentors sent this mentee, verified",
        sql: "CREATE TABLE replies (
                  reply_id TEXT PRIMARY KEY NOT NULL,
                  mentor_id TEXT NOT NULL,
                  mentor_name TEXT NOT NULL,
                  payload TEXT NOT NULL,
                  envelope TEXT NOT NULL,
                  at_ms INTEGER NOT NULL,
                  received_at_ms INTEGER NOT NULL,
                  kept INTEGER NOT NULL DEFAULT 0,
                  cleared INTEGER NOT NULL DEFAULT 0
              ) STRICT;",
    },
];

/// A reply this mentor device wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenReply {
    pub reply_id: String,
    pub mentee_id: String,
    /// `domain::Reply` as JSON.
    pub payload: String,
    pub envelope: Vec<u8>,
    pub at_ms: i64,
    pub sent: bool,
}

/// A reply this mentee received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedReply {
    pub reply_id: String,
    pub mentor_id: String,
    pub mentor_name: String,
    /// `domain::Reply` as JSON.
    pub payload: String,
    pub envelope: String,
    pub at_ms: i64,
    pub kept: bool,
}

impl Store {
    pub fn add_written_reply(&mut self, reply: &WrittenReply) -> Result<()> {
        self.conn.execute(
            "INSERT INTO mentor_replies (reply_id, mentee_id, payload, envelope, at_ms, sent)
             VALUES (?1, ?2, ?3, ?4, ?5, 0)",
            params![
                reply.reply_id,
                reply.mentee_id,
                reply.payload,
                reply.envelope,
                reply.at_ms
            ],
        )?;
        Ok(())
    }

    /// Replies written here, for one mentee or (with `None`) waiting to be sent to anyone.
    pub fn written_replies(&self, mentee_id: Option<&str>) -> Result<Vec<WrittenReply>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reply_id, mentee_id, payload, envelope, at_ms, sent FROM mentor_replies
             WHERE (?1 IS NULL AND sent = 0) OR mentee_id = ?1 ORDER BY at_ms, reply_id",
        )?;
        let rows = stmt
            .query_map([mentee_id], |r| {
                Ok(WrittenReply {
                    reply_id: r.get(0)?,
                    mentee_id: r.get(1)?,
                    payload: r.get(2)?,
                    envelope: r.get(3)?,
                    at_ms: r.get(4)?,
                    sent: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn reply_sent(&mut self, reply_ids: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for id in reply_ids {
            tx.execute(
                "UPDATE mentor_replies SET sent = 1 WHERE reply_id = ?1",
                [id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Keeps a verified reply once; a reply already here (or cleared) is left alone. Returns
    /// whether it was new.
    pub fn add_received_reply(&mut self, reply: &ReceivedReply, now_ms: i64) -> Result<bool> {
        Ok(self.conn.execute(
            "INSERT INTO replies (reply_id, mentor_id, mentor_name, payload, envelope, at_ms,
                 received_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (reply_id) DO NOTHING",
            params![
                reply.reply_id,
                reply.mentor_id,
                reply.mentor_name,
                reply.payload,
                reply.envelope,
                reply.at_ms,
                now_ms
            ],
        )? == 1)
    }

    /// What mentors sent and the mentee hasn't cleared: kept ones first, then newest first.
    pub fn received_replies(&self) -> Result<Vec<ReceivedReply>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reply_id, mentor_id, mentor_name, payload, envelope, at_ms, kept FROM replies
             WHERE cleared = 0 ORDER BY kept DESC, at_ms DESC, reply_id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ReceivedReply {
                    reply_id: r.get(0)?,
                    mentor_id: r.get(1)?,
                    mentor_name: r.get(2)?,
                    payload: r.get(3)?,
                    envelope: r.get(4)?,
                    at_ms: r.get(5)?,
                    kept: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn received_reply(&self, reply_id: &str) -> Result<Option<ReceivedReply>> {
        Ok(self
            .received_replies()?
            .into_iter()
            .find(|r| r.reply_id == reply_id))
    }

    pub fn keep_reply(&mut self, reply_id: &str, kept: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE replies SET kept = ?2 WHERE reply_id = ?1",
            params![reply_id, kept],
        )?;
        Ok(())
    }

    /// Clears a reply from view: its words and envelope go; its id stays so it never comes back.
    pub fn clear_reply(&mut self, reply_id: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE replies SET cleared = 1, payload = '', envelope = '', kept = 0
             WHERE reply_id = ?1",
            [reply_id],
        )?;
        Ok(())
    }

    /// The newest reply time of any kind, for read receipts.
    pub fn newest_reply_ms(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT max(at_ms) FROM replies", [], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .optional()?
            .flatten()
            .unwrap_or(0))
    }
}
