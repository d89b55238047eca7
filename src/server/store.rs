//! The server's store: people, invites, devices, pairings and the sealed records, behind
//! [`ServerStore`] so another database can serve deployments that outgrow one machine. The default
//! is embedded SQLite in WAL mode. The server never holds plaintext: records are opaque envelopes.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

use crate::sync::protocol::{DeviceInfo, PutOutcome, RecordChange, RecordPut, Role};

/// The server database file inside its data directory.
pub const SERVER_DATABASE: &str = "steady-server.db";

#[derive(Debug, Error)]
pub enum ServerStoreError {
    #[error("that invite code is not valid, was used already, or has expired")]
    BadInvite,
    #[error("no such person")]
    NoSuchPerson,
    #[error("a mentee and a mentor are needed to pair")]
    WrongRoles,
    #[error("version {0} of an item was already stored with different contents")]
    VersionConflict(u64),
    #[error("nobody paired with this mentee can read item {0}")]
    NoAudience(String),
    #[error("server database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the server database is unavailable")]
    Poisoned,
}

pub type Result<T, E = ServerStoreError> = std::result::Result<T, E>;

/// The device behind a valid, unrevoked token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub device_id: String,
    pub person_id: String,
    pub role: Role,
}

/// A person as staff and mentors see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub role: Role,
    pub display_name: String,
}

/// Everything the sync protocol needs from storage.
pub trait ServerStore: Send + Sync + 'static {
    fn program_name(&self) -> Result<String>;
    fn add_person(&self, role: Role, display_name: &str, now: i64) -> Result<Person>;
    fn person(&self, id: &str) -> Result<Person>;
    /// Stores an invite for `person_id` under the SHA-256 of its code.
    fn add_invite(&self, person_id: &str, code_hash: &str, expires_at: i64) -> Result<()>;
    /// Uses an invite once and adds a device for its person.
    fn enroll(&self, code_hash: &str, device: &NewDevice, now: i64) -> Result<Person>;
    fn caller(&self, token_hash: &str) -> Result<Option<Caller>>;
    fn revoke_device(&self, device_id: &str, now: i64) -> Result<bool>;
    fn pair(&self, mentee_id: &str, mentor_id: &str, now: i64) -> Result<()>;
    fn unpair(&self, mentee_id: &str, mentor_id: &str) -> Result<bool>;
    fn is_paired(&self, mentee_id: &str, mentor_id: &str) -> Result<bool>;
    /// The people paired with `person_id` (mentors of a mentee, or mentees of a mentor).
    fn partners(&self, person_id: &str, role: Role) -> Result<Vec<Person>>;
    fn devices(&self, person_id: &str) -> Result<Vec<DeviceInfo>>;
    /// Applies a batch of record changes in one transaction: all or nothing.
    fn put_records(&self, mentee_id: &str, records: &[RecordPut]) -> Result<Vec<PutOutcome>>;
    /// Changes to a mentee's records after `after` that `mentor_id` may see.
    fn changes(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<RecordChange>, bool)>;
    /// Deletes the person and everything the server holds for them.
    fn delete_person(&self, person_id: &str) -> Result<()>;
    /// The newest published crisis directory: its version and its signed form (JSON).
    fn latest_directory(&self) -> Result<Option<(u64, String)>>;
    /// Stores a newly published (already signed) directory version.
    fn publish_directory(&self, version: u64, signed: &str, now: i64) -> Result<()>;
}

/// A device being enrolled.
pub struct NewDevice {
    pub id: String,
    pub token_hash: String,
    pub signing_key: String,
    pub receiving_key: String,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS program (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, display_name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS invites (
    code_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS devices (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE, signing_key TEXT NOT NULL, receiving_key TEXT NOT NULL,
    enrolled_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS pairings (
    mentee_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentor_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    paired_at INTEGER NOT NULL, PRIMARY KEY (mentee_id, mentor_id));
CREATE TABLE IF NOT EXISTS records (
    mentee_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
    envelope BLOB, audience TEXT NOT NULL,
    PRIMARY KEY (mentee_id, item_id));
CREATE INDEX IF NOT EXISTS records_feed ON records (mentee_id, seq);
CREATE TABLE IF NOT EXISTS directory_versions (
    version INTEGER PRIMARY KEY, signed TEXT NOT NULL, published_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS feed_seq (
    mentee_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE, last INTEGER NOT NULL);
";

/// The embedded SQLite store: one writer connection, a few reader connections (WAL lets reads run
/// beside writes), and in-memory caches of valid tokens and pairings, cleared on every change to
/// devices or pairings, so the common "anything new?" pull reads the database once.
pub struct SqliteStore {
    conn: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    callers: RwLock<HashMap<String, (Caller, Instant)>>,
    pairings: RwLock<Option<(Pairings, Instant)>>,
    /// The newest sequence number of each mentee's feed, so "anything new?" with nothing new is
    /// answered without reading the database. Updated under the writer lock after each commit.
    feed_heads: RwLock<HashMap<String, i64>>,
    /// Bumped whenever the caches are cleared; a reader caches only if it did not move meanwhile.
    generation: AtomicU64,
}

/// Every (mentee, mentor) pair.
type Pairings = HashSet<(String, String)>;

const READERS: usize = 4;
/// How long a cached token or pairing is trusted before it is read again. Changes made through
/// this server clear the caches at once; this bounds how long a change made by another process
/// (`steady-server pair` or `revoke` on the command line) takes to be seen.
const CACHE_FOR: Duration = Duration::from_secs(2);

impl SqliteStore {
    pub fn open(dir: &Path, program_name: &str) -> Result<SqliteStore> {
        crate::platform::create_private_dir(dir).map_err(|_| ServerStoreError::Poisoned)?;
        let conn = Connection::open(dir.join(SERVER_DATABASE))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;",
        )?;
        conn.execute_batch(SCHEMA)?;
        conn.execute(
            "INSERT INTO program (id, name) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING",
            [program_name],
        )?;
        let readers = (0..READERS)
            .map(|_| {
                let reader = Connection::open(dir.join(SERVER_DATABASE))?;
                reader.execute_batch("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;")?;
                Ok(Mutex::new(reader))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            readers,
            next_reader: AtomicUsize::new(0),
            callers: RwLock::default(),
            pairings: RwLock::default(),
            generation: AtomicU64::new(0),
            feed_heads: RwLock::default(),
        })
    }

    fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| ServerStoreError::Poisoned)
    }

    /// A reader connection, round robin; a busy one is skipped if another is free.
    fn reader(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for offset in 0..self.readers.len() {
            if let Ok(guard) = self.readers[(start + offset) % self.readers.len()].try_lock() {
                return Ok(guard);
            }
        }
        self.readers[start % self.readers.len()]
            .lock()
            .map_err(|_| ServerStoreError::Poisoned)
    }

    /// Forgets cached tokens and pairings after a change to devices, people or pairings.
    fn forget_caches(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut callers) = self.callers.write() {
            callers.clear();
        }
        if let Ok(mut pairings) = self.pairings.write() {
            *pairings = None;
        }
        if let Ok(mut heads) = self.feed_heads.write() {
            heads.clear();
        }
    }
}

fn person_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let role: String = row.get(1)?;
    Ok(Person {
        id: row.get(0)?,
        role: Role::from_key(&role).unwrap_or(Role::Mentee),
        display_name: row.get(2)?,
    })
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl ServerStore for SqliteStore {
    fn program_name(&self) -> Result<String> {
        Ok(self
            .conn()?
            .query_row("SELECT name FROM program", [], |r| r.get(0))?)
    }

    fn add_person(&self, role: Role, display_name: &str, now: i64) -> Result<Person> {
        let person = Person {
            id: new_id(),
            role,
            display_name: display_name.to_owned(),
        };
        self.conn()?.execute(
            "INSERT INTO people (id, role, display_name, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![person.id, role.key(), display_name, now],
        )?;
        Ok(person)
    }

    fn person(&self, id: &str) -> Result<Person> {
        self.conn()?
            .query_row(
                "SELECT id, role, display_name FROM people WHERE id = ?1",
                [id],
                person_from_row,
            )
            .optional()?
            .ok_or(ServerStoreError::NoSuchPerson)
    }

    fn add_invite(&self, person_id: &str, code_hash: &str, expires_at: i64) -> Result<()> {
        self.conn()?.execute(
            "INSERT INTO invites (code_hash, person_id, expires_at) VALUES (?1, ?2, ?3)",
            params![code_hash, person_id, expires_at],
        )?;
        Ok(())
    }

    fn enroll(&self, code_hash: &str, device: &NewDevice, now: i64) -> Result<Person> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let person_id: String = tx
            .query_row(
                "UPDATE invites SET used_at = ?2
                 WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2
                 RETURNING person_id",
                params![code_hash, now],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(ServerStoreError::BadInvite)?;
        tx.execute(
            "INSERT INTO devices (id, person_id, token_hash, signing_key, receiving_key, enrolled_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                device.id,
                person_id,
                device.token_hash,
                device.signing_key,
                device.receiving_key,
                now
            ],
        )?;
        let person = tx.query_row(
            "SELECT id, role, display_name FROM people WHERE id = ?1",
            [&person_id],
            person_from_row,
        )?;
        tx.commit()?;
        Ok(person)
    }

    fn caller(&self, token_hash: &str) -> Result<Option<Caller>> {
        if let Some(caller) = self.callers.read().ok().and_then(|callers| {
            callers
                .get(token_hash)
                .filter(|(_, at)| at.elapsed() < CACHE_FOR)
                .map(|(caller, _)| caller.clone())
        }) {
            return Ok(Some(caller));
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT d.id, p.id, p.role FROM devices d JOIN people p ON p.id = d.person_id
             WHERE d.token_hash = ?1 AND d.revoked_at IS NULL",
        )?;
        let caller = stmt
            .query_row([token_hash], |r| {
                let role: String = r.get(2)?;
                Ok(Caller {
                    device_id: r.get(0)?,
                    person_id: r.get(1)?,
                    role: Role::from_key(&role).unwrap_or(Role::Mentee),
                })
            })
            .optional()?;
        // Only valid tokens are cached, so guessing cannot grow the cache.
        if let (Some(caller), Ok(mut callers)) = (&caller, self.callers.write())
            && self.generation.load(Ordering::SeqCst) == generation
        {
            callers.insert(token_hash.to_owned(), (caller.clone(), Instant::now()));
        }
        Ok(caller)
    }

    fn revoke_device(&self, device_id: &str, now: i64) -> Result<bool> {
        let _forget = ForgetOnDrop(self);
        Ok(self.conn()?.execute(
            "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![device_id, now],
        )? == 1)
    }

    fn pair(&self, mentee_id: &str, mentor_id: &str, now: i64) -> Result<()> {
        let mentee = self.person(mentee_id)?;
        let mentor = self.person(mentor_id)?;
        if mentee.role != Role::Mentee || mentor.role != Role::Mentor {
            return Err(ServerStoreError::WrongRoles);
        }
        let _forget = ForgetOnDrop(self);
        self.conn()?.execute(
            "INSERT INTO pairings (mentee_id, mentor_id, paired_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![mentee_id, mentor_id, now],
        )?;
        Ok(())
    }

    fn unpair(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        let _forget = ForgetOnDrop(self);
        Ok(self.conn()?.execute(
            "DELETE FROM pairings WHERE mentee_id = ?1 AND mentor_id = ?2",
            params![mentee_id, mentor_id],
        )? == 1)
    }

    fn is_paired(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        let key = (mentee_id.to_owned(), mentor_id.to_owned());
        if let Some(known) = self.pairings.read().ok().and_then(|p| {
            p.as_ref()
                .filter(|(_, at)| at.elapsed() < CACHE_FOR)
                .map(|(p, _)| p.contains(&key))
        }) {
            return Ok(known);
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let all: HashSet<(String, String)> = self
            .reader()?
            .prepare("SELECT mentee_id, mentor_id FROM pairings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let paired = all.contains(&key);
        if let Ok(mut pairings) = self.pairings.write()
            && self.generation.load(Ordering::SeqCst) == generation
        {
            *pairings = Some((all, Instant::now()));
        }
        Ok(paired)
    }

    fn partners(&self, person_id: &str, role: Role) -> Result<Vec<Person>> {
        let sql = match role {
            Role::Mentee => {
                "SELECT p.id, p.role, p.display_name FROM pairings x JOIN people p ON p.id = x.mentor_id
                 WHERE x.mentee_id = ?1 ORDER BY x.paired_at"
            }
            Role::Mentor => {
                "SELECT p.id, p.role, p.display_name FROM pairings x JOIN people p ON p.id = x.mentee_id
                 WHERE x.mentor_id = ?1 ORDER BY p.display_name"
            }
        };
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(sql)?;
        let people = stmt
            .query_map([person_id], person_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    fn devices(&self, person_id: &str) -> Result<Vec<DeviceInfo>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, signing_key, receiving_key, enrolled_at FROM devices
             WHERE person_id = ?1 AND revoked_at IS NULL ORDER BY enrolled_at, id",
        )?;
        let devices = stmt
            .query_map([person_id], |r| {
                Ok(DeviceInfo {
                    device_id: r.get(0)?,
                    signing_key: r.get(1)?,
                    receiving_key: r.get(2)?,
                    enrolled_at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(devices)
    }

    fn put_records(&self, mentee_id: &str, records: &[RecordPut]) -> Result<Vec<PutOutcome>> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut outcomes = Vec::with_capacity(records.len());
        for record in records {
            outcomes.push(put_one(&tx, mentee_id, record)?);
        }
        let head: Option<i64> = tx
            .query_row(
                "SELECT last FROM feed_seq WHERE mentee_id = ?1",
                [mentee_id],
                |r| r.get(0),
            )
            .optional()?;
        tx.commit()?;
        // Still under the writer lock, so heads only move forward in commit order.
        if let (Some(head), Ok(mut heads)) = (head, self.feed_heads.write()) {
            heads.insert(mentee_id.to_owned(), head);
        }
        Ok(outcomes)
    }

    fn changes(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<RecordChange>, bool)> {
        let head = self
            .feed_heads
            .read()
            .ok()
            .and_then(|heads| heads.get(mentee_id).copied());
        let head = match head {
            Some(head) => head,
            None => {
                let generation = self.generation.load(Ordering::SeqCst);
                let head: i64 = self.reader()?.query_row(
                    "SELECT coalesce((SELECT last FROM feed_seq WHERE mentee_id = ?1), 0)",
                    [mentee_id],
                    |r| r.get(0),
                )?;
                if let Ok(mut heads) = self.feed_heads.write()
                    && self.generation.load(Ordering::SeqCst) == generation
                {
                    heads.entry(mentee_id.to_owned()).or_insert(head);
                }
                head
            }
        };
        if after >= head {
            return Ok((Vec::new(), false));
        }
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT seq, item_id, version, envelope FROM records
             WHERE mentee_id = ?1 AND seq > ?2 AND instr(audience, ?3) > 0
             ORDER BY seq LIMIT ?4",
        )?;
        let mut changes: Vec<RecordChange> = stmt
            .query_map(
                params![mentee_id, after, audience_mark(mentor_id), limit + 1],
                |r| {
                    let envelope: Option<Vec<u8>> = r.get(3)?;
                    Ok(RecordChange {
                        seq: r.get(0)?,
                        item_id: r.get(1)?,
                        version: r.get::<_, i64>(2)? as u64,
                        envelope: envelope.map(|e| String::from_utf8_lossy(&e).into_owned()),
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        let more = changes.len() > limit as usize;
        changes.truncate(limit as usize);
        Ok((changes, more))
    }

    fn latest_directory(&self) -> Result<Option<(u64, String)>> {
        Ok(self
            .reader()?
            .prepare_cached(
                "SELECT version, signed FROM directory_versions ORDER BY version DESC LIMIT 1",
            )?
            .query_row([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
            .optional()?)
    }

    fn publish_directory(&self, version: u64, signed: &str, now: i64) -> Result<()> {
        self.conn()?.execute(
            "INSERT INTO directory_versions (version, signed, published_at) VALUES (?1, ?2, ?3)",
            params![version as i64, signed, now],
        )?;
        Ok(())
    }

    fn delete_person(&self, person_id: &str) -> Result<()> {
        let _forget = ForgetOnDrop(self);
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        // The cascade removes devices, invites, pairings, records and the feed counter.
        tx.execute("DELETE FROM people WHERE id = ?1", [person_id])?;
        tx.commit()?;
        Ok(())
    }
}

/// Clears the caches when a change is done (or fails), after the write lock is released, so a
/// reader never caches the state from before the change.
struct ForgetOnDrop<'a>(&'a SqliteStore);

impl Drop for ForgetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.forget_caches();
    }
}

/// How a mentor id is marked in a record's audience: quoted, so one id never matches inside another.
fn audience_mark(mentor_id: &str) -> String {
    format!("\"{mentor_id}\"")
}

fn put_one(
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
