//! The mentor side's tables: `mentor_mentees` (paired mentees and the pull cursor),
//! `mentor_items` (decrypted shared items, cached in the encrypted store, or a note that an
//! envelope could not be verified) and `mentor_floors` (each item's highest verified version).
//!
//! Only what verifies moves anything: a verified envelope replaces the item and raises its floor,
//! a verified (signed) tombstone removes it and raises its floor, and anything at or below the
//! floor is a replay and is ignored, so a server cannot roll an item back or bring back one the
//! mentee stopped sharing. What does not verify never replaces verified content. Floors are kept
//! under a hash of the mentee and item ids, and outlast the match, so they say nothing readable.

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
    Migration {
        seq: 23,
        name: "mentor_floors: each item's highest verified version",
        sql: "CREATE TABLE mentor_floors (
                  key TEXT PRIMARY KEY NOT NULL,
                  version INTEGER NOT NULL
              ) STRICT;",
    },
    Migration {
        seq: 28,
        name: "mentor_items: the envelope as the mentee's device signed it (for a concern)",
        sql: "ALTER TABLE mentor_items ADD COLUMN envelope TEXT;",
    },
];

/// What one pulled change does to the cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PulledChange {
    /// A verified envelope: the item as the mentee shared it at this version.
    Verified(CachedItem),
    /// A verified tombstone: the mentee stopped sharing (or deleted) the item at this version.
    Removed { item_id: String, version: u64 },
    /// Something that did not verify: shown as "could not verify" only where nothing verified is
    /// cached, and never moving the floor.
    Unverified(CachedItem),
}

/// The key an item's floor is kept under: says nothing readable about the mentee or the item.
fn floor_key(mentee_id: &str, item_id: &str) -> String {
    let mut both = mentee_id.as_bytes().to_vec();
    both.push(0);
    both.extend_from_slice(item_id.as_bytes());
    crate::crypto::sha256_hex(&both)
}

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
    /// The verified envelope itself, kept so a concern can carry the mentee's own signature.
    pub envelope: Option<String>,
}

impl Store {
    /// Replaces the list of paired mentees, keeping cursors; unpaired ones go with everything
    /// they shared (the trust in their devices stays, see `forget_mentee`). Returns the names of
    /// those who went.
    pub fn set_known_mentees(
        &mut self,
        mentees: &[(String, String, String)],
    ) -> Result<Vec<String>> {
        let tx = self.conn.transaction()?;
        let ids: Vec<&str> = mentees.iter().map(|(id, _, _)| id.as_str()).collect();
        let known: Vec<(String, String)> = tx
            .prepare("SELECT person_id, display_name FROM mentor_mentees")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut gone = Vec::new();
        for (id, name) in known.iter().filter(|(id, _)| !ids.contains(&id.as_str())) {
            forget_mentee(&tx, id)?;
            gone.push(name.clone());
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
        Ok(gone)
    }

    /// This device was removed from the program: every mentee's shared items go. Returns how
    /// many mentees there were.
    pub fn forget_all_mentees(&mut self) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let known: Vec<String> = tx
            .prepare("SELECT person_id FROM mentor_mentees")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &known {
            forget_mentee(&tx, id)?;
        }
        tx.commit()?;
        Ok(known.len())
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

    /// The highest verified version of an item (0 when none was ever verified).
    pub fn floor(&self, mentee_id: &str, item_id: &str) -> Result<u64> {
        Ok(self
            .conn
            .prepare_cached("SELECT version FROM mentor_floors WHERE key = ?1")?
            .query_row([floor_key(mentee_id, item_id)], |r| r.get::<_, i64>(0))
            .optional()?
            .map_or(0, |v| v as u64))
    }

    /// Applies one page of changes and moves the cursor, in one transaction: an interrupted pull
    /// repeats the page rather than skipping it. Changes at or below an item's floor are ignored.
    pub fn apply_mentor_page(
        &mut self,
        mentee_id: &str,
        changes: &[PulledChange],
        cursor: i64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for change in changes {
            let (item_id, version) = match change {
                PulledChange::Verified(item) | PulledChange::Unverified(item) => {
                    (&item.item_id, item.version)
                }
                PulledChange::Removed { item_id, version } => (item_id, *version),
            };
            let key = floor_key(mentee_id, item_id);
            let floor: i64 = tx
                .query_row(
                    "SELECT version FROM mentor_floors WHERE key = ?1",
                    [&key],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0);
            if version as i64 <= floor {
                continue;
            }
            match change {
                PulledChange::Verified(item) => {
                    tx.execute(
                        "INSERT INTO mentor_items (mentee_id, item_id, kind, version, content, problem,
                             received_at_ms, envelope)
                         VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7)
                         ON CONFLICT (mentee_id, item_id) DO UPDATE SET kind = excluded.kind,
                             version = excluded.version, content = excluded.content,
                             problem = NULL, received_at_ms = excluded.received_at_ms,
                             envelope = excluded.envelope",
                        params![
                            mentee_id,
                            item.item_id,
                            item.kind,
                            item.version as i64,
                            item.content,
                            item.received_at_ms,
                            item.envelope
                        ],
                    )?;
                }
                PulledChange::Removed { item_id, .. } => {
                    tx.execute(
                        "DELETE FROM mentor_items WHERE mentee_id = ?1 AND item_id = ?2",
                        params![mentee_id, item_id],
                    )?;
                }
                PulledChange::Unverified(item) => {
                    // Never over verified content, and never moving the floor.
                    tx.execute(
                        "INSERT INTO mentor_items (mentee_id, item_id, kind, version, content, problem, received_at_ms)
                         VALUES (?1, ?2, NULL, 0, NULL, ?3, ?4)
                         ON CONFLICT (mentee_id, item_id) DO UPDATE SET
                             problem = excluded.problem, received_at_ms = excluded.received_at_ms
                         WHERE mentor_items.content IS NULL",
                        params![mentee_id, item.item_id, item.problem, item.received_at_ms],
                    )?;
                    continue;
                }
            }
            tx.execute(
                "INSERT INTO mentor_floors (key, version) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET version = max(version, excluded.version)",
                params![key, version as i64],
            )?;
        }
        tx.execute(
            "UPDATE mentor_mentees SET cursor = ?2 WHERE person_id = ?1",
            params![mentee_id, cursor],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Pulls a mentee's feed from the start at the next sync (after trusting one of their
    /// devices, whose earlier items then verify). Floors keep replays out as ever.
    pub fn reset_mentee_cursor(&mut self, mentee_id: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE mentor_mentees SET cursor = 0 WHERE person_id = ?1",
            [mentee_id],
        )?;
        Ok(())
    }

    /// A mentee's shared items, newest first.
    pub fn mentor_items(&self, mentee_id: &str) -> Result<Vec<CachedItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, kind, version, content, problem, received_at_ms, envelope
             FROM mentor_items WHERE mentee_id = ?1 ORDER BY received_at_ms DESC, item_id",
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
                    envelope: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }
}

/// Deletes everything this device holds that the mentee shared or said (floors stay: they say
/// nothing readable and keep replays out if the match comes back). Which of the mentee's devices
/// this device trusted stays too: public keys and a trust mark, nothing the mentee wrote. The
/// server decides who is listed, so if dropping a mentee for one listing forgot the pins, the
/// server could list them again with a device of its own and have it pinned on "first sight".
fn forget_mentee(tx: &rusqlite::Transaction<'_>, mentee_id: &str) -> Result<()> {
    tx.execute("DELETE FROM mentor_items WHERE mentee_id = ?1", [mentee_id])?;
    tx.execute(
        "DELETE FROM raised_concerns WHERE mentee_id = ?1",
        [mentee_id],
    )?;
    tx.execute(
        "DELETE FROM mentor_mentees WHERE person_id = ?1",
        [mentee_id],
    )?;
    Ok(())
}
