//! The embedded SQLite implementation of [`ServerStore`]: WAL, one writer and a few readers, and
//! in-memory caches that keep the common "anything new?" pull off the disk. Several server
//! processes (nodes) may share one database file on one machine: every write transaction takes
//! the file's write lock up front (`BEGIN IMMEDIATE`), so each mentee's feed numbers stay strictly
//! increasing, and each node's caches follow the file's change counter, so what another node
//! wrote is seen at once.

mod care;
mod records;
pub(crate) mod schema;
mod staff;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rusqlite::{Connection, OptionalExtension, params};

use crate::cache::{Caches, Pairings};
use crate::rules::audience_mark;
use crate::staff_seal::StaffAccount;
use crate::storage::{
    Caller, NewDevice, Person, Result, RotationParts, SERVER_DATABASE, ServerStore,
    ServerStoreError,
};
use records::put_one;
use steady_core::protocol::{DeviceInfo, PutOutcome, RecordChange, RecordPut, Role};

/// The embedded SQLite store: one writer connection, a few reader connections (WAL lets reads run
/// beside writes), and the caches of `cache.rs`, checked against the change counter a connection
/// that never writes sees (`PRAGMA data_version` moves on every commit by any other connection,
/// in this process or another).
pub struct SqliteStore {
    conn: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    watcher: Mutex<Connection>,
    caches: Caches,
}

const READERS: usize = 4;

/// How long one look at the database's change counter serves the requests that follow it. A
/// change by another node is seen by requests that start this long after it.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_micros(200);

/// The writer connection; when it is put back, the next use of the caches looks at the change
/// counter, so this node's own writes are seen at once.
pub(super) struct Writer<'a> {
    conn: std::sync::MutexGuard<'a, Connection>,
    caches: &'a Caches,
}

impl std::ops::Deref for Writer<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.conn
    }
}

impl std::ops::DerefMut for Writer<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        self.caches.look_next_time();
    }
}

impl SqliteStore {
    pub fn open(dir: &Path, program_name: &str) -> Result<SqliteStore> {
        steady_core::files::create_private_dir(dir).map_err(|_| ServerStoreError::Poisoned)?;
        let mut conn = Connection::open(dir.join(SERVER_DATABASE))?;
        // Another node may be writing too: take the write lock when a transaction begins (waiting
        // for it up to the busy timeout), never half way, where SQLite could only give up.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        conn.execute_batch("PRAGMA busy_timeout = 5000;")?;
        switch_to_wal(&conn)?;
        conn.execute_batch(
            // FULL: a commit is on disk before the server answers "stored". With NORMAL, a
            // batch already acknowledged (and gone from the mentee's outbox) could vanish on
            // power loss, and the mentor would never get it.
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
        )?;
        schema::migrate(&mut conn)?;
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
        let watcher = Connection::open(dir.join(SERVER_DATABASE))?;
        watcher.execute_batch("PRAGMA query_only = ON;")?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            readers,
            next_reader: AtomicUsize::new(0),
            watcher: Mutex::new(watcher),
            caches: Caches::default(),
        })
    }

    /// The caches, emptied first if anyone committed a change since the last look. Under load
    /// one look serves the requests of the next [`LOOK_EVERY`]; after a write through this node
    /// every request looks until one has looked since.
    fn caches(&self) -> Result<&Caches> {
        if let Some(look) = self.caches.look_due(LOOK_EVERY) {
            let watcher = self
                .watcher
                .lock()
                .map_err(|_| ServerStoreError::Poisoned)?;
            let version: i64 = watcher
                .prepare_cached("PRAGMA data_version")?
                .query_row([], |r| r.get(0))?;
            self.caches.check_version(version);
            self.caches.looked(look);
        }
        Ok(&self.caches)
    }

    /// The writer's `synchronous` setting (2 is FULL): what "stored" is promised on.
    pub fn synchronous(&self) -> Result<i64> {
        Ok(self
            .writer()?
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?)
    }

    /// The writer connection (the staff and care tables use it too).
    pub(super) fn writer(&self) -> Result<Writer<'_>> {
        Ok(Writer {
            conn: self.conn.lock().map_err(|_| ServerStoreError::Poisoned)?,
            caches: &self.caches,
        })
    }

    /// A reader connection, round robin; a busy one is skipped if another is free.
    pub(super) fn reader(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
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
}

/// Puts a new database file in WAL mode. Nodes starting together on a new file race for that
/// switch, and SQLite answers the loser "busy" at once instead of waiting; it waits and asks again.
fn switch_to_wal(conn: &Connection) -> Result<()> {
    let mut tries = 0;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Err(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::DatabaseBusy && tries < 100 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            outcome => {
                outcome?;
                return Ok(());
            }
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
            .reader()?
            .query_row("SELECT name FROM program", [], |r| r.get(0))?)
    }

    fn add_person(&self, role: Role, display_name: &str, now: i64) -> Result<Person> {
        let person = Person {
            id: new_id(),
            role,
            display_name: display_name.to_owned(),
        };
        self.writer()?.execute(
            "INSERT INTO people (id, role, display_name, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![person.id, role.key(), display_name, now],
        )?;
        Ok(person)
    }

    fn person(&self, id: &str) -> Result<Person> {
        self.reader()?
            .query_row(
                "SELECT id, role, display_name FROM people WHERE id = ?1",
                [id],
                person_from_row,
            )
            .optional()?
            .ok_or(ServerStoreError::NoSuchPerson)
    }

    fn add_invite(&self, person_id: &str, code_hash: &str, expires_at: i64) -> Result<()> {
        self.writer()?.execute(
            "INSERT INTO invites (code_hash, person_id, expires_at) VALUES (?1, ?2, ?3)",
            params![code_hash, person_id, expires_at],
        )?;
        Ok(())
    }

    fn enroll(&self, code_hash: &str, device: &NewDevice, now: i64) -> Result<Person> {
        let mut conn = self.writer()?;
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
        self.caches()?.caller_or(token_hash, || {
            let conn = self.reader()?;
            let mut stmt = conn.prepare_cached(
                "SELECT d.id, p.id, p.role FROM devices d JOIN people p ON p.id = d.person_id
                 WHERE d.token_hash = ?1 AND d.revoked_at IS NULL",
            )?;
            Ok(stmt
                .query_row([token_hash], |r| {
                    let role: String = r.get(2)?;
                    Ok(Caller {
                        device_id: r.get(0)?,
                        person_id: r.get(1)?,
                        role: Role::from_key(&role).unwrap_or(Role::Mentee),
                    })
                })
                .optional()?)
        })
    }

    fn was_removed(&self, token_hash: &str) -> Result<bool> {
        Ok(self
            .reader()?
            .prepare_cached(
                "SELECT 1 FROM devices WHERE token_hash = ?1 AND revoked_at IS NOT NULL",
            )?
            .exists([token_hash])?)
    }

    fn is_paired(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        let key = (mentee_id.to_owned(), mentor_id.to_owned());
        self.caches()?.paired_or(&key, || {
            Ok(self
                .reader()?
                .prepare("SELECT mentee_id, mentor_id FROM pairings")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Pairings>>()?)
        })
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
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(sql)?;
        let people = stmt
            .query_map([person_id], person_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    fn signing_keys_ever(&self, person_id: &str) -> Result<Vec<(String, String)>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, signing_key FROM devices WHERE person_id = ?1 ORDER BY enrolled_at, id",
        )?;
        let keys = stmt
            .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    fn devices(&self, person_id: &str) -> Result<Vec<DeviceInfo>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, signing_key, receiving_key, enrolled_at, vouch FROM devices
             WHERE person_id = ?1 AND revoked_at IS NULL ORDER BY enrolled_at, id",
        )?;
        let devices = stmt
            .query_map([person_id], |r| {
                let vouch: Option<String> = r.get(4)?;
                Ok(DeviceInfo {
                    device_id: r.get(0)?,
                    signing_key: r.get(1)?,
                    receiving_key: r.get(2)?,
                    enrolled_at: r.get(3)?,
                    vouch: vouch.and_then(|v| serde_json::from_str(&v).ok()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(devices)
    }

    fn set_vouch(&self, person_id: &str, device_id: &str, vouch: &str) -> Result<()> {
        let changed = self.writer()?.execute(
            "UPDATE devices SET vouch = ?3 WHERE id = ?2 AND person_id = ?1 AND revoked_at IS NULL",
            params![person_id, device_id, vouch],
        )?;
        if changed == 0 {
            return Err(ServerStoreError::NotYourDevice);
        }
        Ok(())
    }

    fn put_records(
        &self,
        mentee_id: &str,
        records: &[RecordPut],
        quota_bytes: u64,
    ) -> Result<Vec<(PutOutcome, u64)>> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let mut outcomes = Vec::with_capacity(records.len());
        for record in records {
            outcomes.push(put_one(&tx, mentee_id, record, quota_bytes)?);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn changes(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<RecordChange>, bool)> {
        let head = self.caches()?.feed_head_or(mentee_id, || {
            Ok(self.reader()?.query_row(
                "SELECT coalesce((SELECT last FROM feed_seq WHERE mentee_id = ?1), 0)",
                [mentee_id],
                |r| r.get(0),
            )?)
        })?;
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

    fn publish_directory_noted(
        &self,
        version: u64,
        signed: &str,
        now: i64,
        audit: Option<&crate::storage::staff::Audited<'_>>,
    ) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO directory_versions (version, signed, published_at) VALUES (?1, ?2, ?3)",
            params![version as i64, signed, now],
        )?;
        if let Some(audit) = audit {
            staff::keep_audit(&tx, audit)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn add_key_rotation(
        &self,
        rotation: &str,
        resigned_directory: Option<(u64, String)>,
        resealed: &[(StaffAccount, String)],
        revouched: &[crate::storage::care::LeadRevouch],
        now: i64,
    ) -> Result<()> {
        let keys = RotationParts::parse(rotation)?;
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO key_rotations (old_key, new_key, signature, rotated_at) VALUES (?1, ?2, ?3, ?4)",
            params![keys.old_key, keys.new_key, keys.signature, now],
        )?;
        if let Some((version, signed)) = resigned_directory {
            tx.execute(
                "INSERT INTO directory_versions (version, signed, published_at) VALUES (?1, ?2, ?3)",
                params![version as i64, signed, now],
            )?;
        }
        // Only a row still exactly as the old key sealed it is sealed again.
        for (account, seal) in resealed {
            tx.execute(
                "UPDATE staff SET seal = ?5
                 WHERE id = ?1 AND name = ?2 AND password_hash = ?3 AND safeguarding = ?4",
                params![
                    account.id,
                    account.name,
                    account.password_hash,
                    account.safeguarding,
                    seal
                ],
            )?;
        }
        // Each lead's key as the old key vouched for it is vouched for by the new one.
        for lead in revouched {
            tx.execute(
                "UPDATE safeguarding_leads SET signed_by = ?4, signature = ?5
                 WHERE staff_id = ?1 AND public_key = ?2 AND signature = ?3",
                params![
                    lead.staff_id,
                    lead.public_key,
                    lead.old_signature,
                    lead.signed_by,
                    lead.signature
                ],
            )?;
        }
        // Sessions were sealed by the old key: everyone signs in again.
        tx.execute("DELETE FROM staff_sessions", [])?;
        tx.execute("UPDATE program SET public_key = ?1", [&keys.new_key])?;
        tx.commit()?;
        Ok(())
    }

    fn program_key(&self) -> Result<Option<String>> {
        Ok(self
            .reader()?
            .query_row("SELECT public_key FROM program", [], |r| r.get(0))?)
    }

    fn claim_program_key(&self, public: &str) -> Result<()> {
        self.writer()?.execute(
            "UPDATE program SET public_key = ?1 WHERE public_key IS NULL",
            [public],
        )?;
        Ok(())
    }

    fn key_rotations(&self) -> Result<Vec<String>> {
        let conn = self.reader()?;
        let mut stmt = conn
            .prepare_cached("SELECT old_key, new_key, signature FROM key_rotations ORDER BY seq")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(serde_json::json!({
                    "old_key": r.get::<_, String>(0)?,
                    "new_key": r.get::<_, String>(1)?,
                    "signature": r.get::<_, String>(2)?,
                })
                .to_string())
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
