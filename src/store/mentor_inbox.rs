//! The mentor side's tables: `mentor_mentees` (paired mentees, their devices' signing keys and the
//! pull cursor) and `mentor_items` (decrypted shared items, cached in the encrypted store, or a
//! note that an envelope could not be verified). A tombstone removes the item.

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        seq: 18,
        name: "mentor_mentees: create",
        sql: "CREATE TABLE mentor_mentees (
                  person_id TEXT PRIMARY KEY NOT NULL,
                  display_name TEXT NOT NULL,
                  devices TEXT NOT NULL,
                  cursor INTEGER NOT NULL DEFAULT 0
              ) STRICT;",
    },
    Migration {
        seq: 19,
        name: "mentor_items: create",
        sql: "CREATE TABLE mentor_items (
                  mentee_id TEXT NOT NULL REFERENCES mentor_mentees (person_id) ON DELETE CASCADE,
                  item_id TEXT NOT NULL,
                  kind TEXT,
                  version INTEGER NOT NULL,
                  content TEXT,
                  problem TEXT,
                  received_at_ms INTEGER NOT NULL,
                  PRIMARY KEY (mentee_id, item_id)
              ) STRICT;",
    },
];

/// A paired mentee as this mentor device knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownMentee {
    pub person_id: String,
    pub display_name: String,
    /// JSON list of the mentee's devices (id and signing key).
    pub devices: String,
    pub cursor: i64,
}

/// One item in a mentor's cache: decrypted content (JSON) or the reason it could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedItem {
    pub item_id: String,
    pub kind: Option<String>,
    pub version: u64,
    pub content: Option<String>,
    pub problem: Option<String>,
    pub received_at_ms: i64,
}

impl Store {
    /// Replaces the list of paired mentees, keeping cursors; unpaired ones go with their items.
    pub fn set_known_mentees(&mut self, mentees: &[(String, String, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let ids: Vec<&str> = mentees.iter().map(|(id, _, _)| id.as_str()).collect();
        let known: Vec<String> = tx
            .prepare("SELECT person_id FROM mentor_mentees")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in known.iter().filter(|id| !ids.contains(&id.as_str())) {
            tx.execute("DELETE FROM mentor_mentees WHERE person_id = ?1", [id])?;
        }
        for (id, name, devices) in mentees {
            tx.execute(
                "INSERT INTO mentor_mentees (person_id, display_name, devices) VALUES (?1, ?2, ?3)
                 ON CONFLICT (person_id) DO UPDATE SET display_name = excluded.display_name,
                     devices = excluded.devices",
                params![id, name, devices],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn known_mentees(&self) -> Result<Vec<KnownMentee>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, display_name, devices, cursor FROM mentor_mentees ORDER BY display_name",
        )?;
        let mentees = stmt
            .query_map([], |r| {
                Ok(KnownMentee {
                    person_id: r.get(0)?,
                    display_name: r.get(1)?,
                    devices: r.get(2)?,
                    cursor: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(mentees)
    }

    /// The version cached for an item, if any.
    pub fn cached_version(&self, mentee_id: &str, item_id: &str) -> Result<Option<u64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT version FROM mentor_items WHERE mentee_id = ?1 AND item_id = ?2",
            )?
            .query_row(params![mentee_id, item_id], |r| r.get::<_, i64>(0))
            .optional()?
            .map(|v| v as u64))
    }

    /// Applies one page of changes and moves the cursor, in one transaction: an interrupted pull
    /// repeats the page rather than skipping it.
    pub fn apply_mentor_page(
        &mut self,
        mentee_id: &str,
        items: &[CachedItem],
        tombstones: &[String],
        cursor: i64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for item in items {
            tx.execute(
                "INSERT INTO mentor_items (mentee_id, item_id, kind, version, content, problem, received_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (mentee_id, item_id) DO UPDATE SET kind = excluded.kind,
                     version = excluded.version, content = excluded.content,
                     problem = excluded.problem, received_at_ms = excluded.received_at_ms",
                params![
                    mentee_id,
                    item.item_id,
                    item.kind,
                    item.version as i64,
                    item.content,
                    item.problem,
                    item.received_at_ms
                ],
            )?;
        }
        for item_id in tombstones {
            tx.execute(
                "DELETE FROM mentor_items WHERE mentee_id = ?1 AND item_id = ?2",
                params![mentee_id, item_id],
            )?;
        }
        tx.execute(
            "UPDATE mentor_mentees SET cursor = ?2 WHERE person_id = ?1",
            params![mentee_id, cursor],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A mentee's shared items, newest first.
    pub fn mentor_items(&self, mentee_id: &str) -> Result<Vec<CachedItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, kind, version, content, problem, received_at_ms FROM mentor_items
             WHERE mentee_id = ?1 ORDER BY received_at_ms DESC, item_id",
        )?;
        let items = stmt
            .query_map([mentee_id], |r| {
                Ok(CachedItem {
                    item_id: r.get(0)?,
                    kind: r.get(1)?,
                    version: r.get::<_, i64>(2)? as u64,
                    content: r.get(3)?,
                    problem: r.get(4)?,
                    received_at_ms: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }
}
