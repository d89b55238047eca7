//! The PostgreSQL implementation of [`ServerStore`], for programs that outgrow one machine:
//! several server nodes share one database. The same rules as the SQLite store hold:
//!
//! - **Each mentee's feed numbers strictly increase**, whoever writes: every change to a mentee's
//!   records, replies or notices first takes that mentee's lock (a transaction-scoped advisory
//!   lock), so two nodes never interleave one mentee's changes and numbers are handed out in
//!   commit order.
//! - **Caches are correct across nodes**: triggers on people, devices, pairings and feeds send a
//!   notification as part of each commit that changes them (a feed's names its mentee); each node
//!   listens on a connection of its own and empties its caches (or that mentee's feed head) the
//!   moment a notification arrives, with no round trip on the request's path. A node's own
//!   writes empty its caches as they commit. As a backstop against a late notification, a
//!   request finding no look in the last 2 ms makes one: a round trip on the listening
//!   connection, which PostgreSQL answers only after delivering every notification of a commit
//!   made before it; only one request looks at a time, the others go on. If the listening
//!   connection drops, everything is forgotten and the next look opens it again.
//!
//! The store's calls are synchronous, like SQLite's: each waits for its queries while the
//! connections themselves run on a small runtime of the store's own, on its own thread.

mod care;
mod connections;
mod records;
pub(super) mod schema;
mod staff;

use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};

use tokio_postgres::{Client, Row, Transaction};

pub(super) use self::connections::wait;
use self::connections::{Background, Conn, Db, LOCK_MENTEE, Params, Pool, Taken, Target};
use super::cache::{Caches, Pairings};
use super::staff_seal::StaffAccount;
use crate::rules::audience_mark;
use crate::storage::{
    Caller, NewDevice, Person, Result, RotationParts, ServerStore, ServerStoreError,
};
use steady_core::protocol::{DeviceInfo, PutOutcome, RecordChange, RecordPut, Role};

/// Connections per node for reads, and as many again for writes: a write waiting for a mentee's
/// lock (another node's batch for them) holds its connection, and reads must never queue behind
/// such waits.
const CONNECTIONS: usize = 8;

/// How long one look for notifications serves the requests that follow it: the most a
/// notification can be late before a request notices anyway.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_millis(2);

/// The channel the change triggers notify.
const CHANNEL: &str = "steady_changes";

/// The PostgreSQL store: a pool of connections, one more that listens for changes, and the
/// caches of `cache.rs`.
pub struct PostgresStore {
    pool: Pool,
    /// The connection that listens for changes.
    watcher: Mutex<Option<Client>>,
    caches: Arc<Caches>,
}

impl PostgresStore {
    /// Connects, brings the schema up to date and names the program (if it has no name yet).
    pub fn open(url: &str, program_name: &str) -> Result<PostgresStore> {
        let store = PostgresStore::connect(url)?;
        store.take_writer()?.db().run(
            "INSERT INTO program (id, name) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
            &[&program_name],
        )?;
        Ok(store)
    }

    /// Connects and brings the schema up to date, adding no program.
    pub fn connect(url: &str) -> Result<PostgresStore> {
        let target = Target::parse(url)?;
        let background = Background::start()?;
        let mut first = Conn::new(background.connect(&target, None)?);
        schema::migrate(&mut first)?;
        let mut writers = vec![Mutex::new(Some(first))];
        writers.extend((1..CONNECTIONS).map(|_| Mutex::new(None)));
        let store = PostgresStore {
            pool: Pool {
                readers: (0..CONNECTIONS).map(|_| Mutex::new(None)).collect(),
                writers,
                next: AtomicUsize::new(0),
                target,
                background,
            },
            watcher: Mutex::new(None),
            caches: Arc::default(),
        };
        {
            let mut watcher = store
                .watcher
                .lock()
                .map_err(|_| ServerStoreError::Poisoned)?;
            store.look(&mut watcher)?;
        }
        Ok(store)
    }

    /// A connection for reads.
    fn take(&self) -> Result<Taken<'_>> {
        self.pool.take(&self.pool.readers)
    }

    /// A connection for writes that change nothing the caches hold (see [`Self::write`] and
    /// [`Self::change`] for the others).
    pub(super) fn take_writer(&self) -> Result<Taken<'_>> {
        self.pool.take(&self.pool.writers)
    }

    /// Runs `work` in one transaction; the caches are emptied once it has committed.
    fn write<R>(&self, work: impl FnOnce(&mut Db<'_, Transaction<'_>>) -> Result<R>) -> Result<R> {
        let done = self.take_writer()?.transaction(work);
        self.caches.forget();
        done
    }

    /// Runs `work`, which changes only `mentee_id`'s feed, in one transaction; their feed head
    /// is forgotten once it has committed.
    fn write_feed<R>(
        &self,
        mentee_id: &str,
        work: impl FnOnce(&mut Db<'_, Transaction<'_>>) -> Result<R>,
    ) -> Result<R> {
        let done = self.take_writer()?.transaction(work);
        self.caches.forget_feed_head(mentee_id);
        done
    }

    /// One statement that changes something, committed on its own; then the caches are emptied.
    fn change(&self, sql: &'static str, params: Params<'_>) -> Result<u64> {
        let changed = self.take_writer()?.db().run(sql, params);
        self.caches.forget();
        changed
    }

    /// The caches, after a look for late notifications if none was made in the last 2 ms and
    /// no other request is making one.
    fn caches(&self) -> Result<&Caches> {
        if self.caches.look_due(LOOK_EVERY).is_some() {
            match self.watcher.try_lock() {
                Ok(mut watcher) => self.look(&mut watcher)?,
                Err(std::sync::TryLockError::WouldBlock) => {}
                Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                    let mut watcher = poisoned.into_inner();
                    self.watcher.clear_poison();
                    // Listen again from scratch (the reopening forgets everything).
                    *watcher = None;
                    self.look(&mut watcher)?;
                }
            }
        }
        Ok(&self.caches)
    }

    /// One round trip on the listening connection (opened, and told to listen, if it is not
    /// open): every notification of a commit made before it has arrived when it returns.
    fn look(&self, watcher: &mut Option<Client>) -> Result<()> {
        let Some(look) = self.caches.look_due(LOOK_EVERY) else {
            return Ok(());
        };
        if watcher.as_ref().is_none_or(Client::is_closed) {
            *watcher = None;
            let client = self
                .pool
                .background
                .connect(&self.pool.target, Some(self.caches.clone()))?;
            wait(client.batch_execute(&format!("LISTEN {CHANNEL}")))?;
            // Whatever changed while nobody listened is unknown: start again.
            self.caches.forget();
            *watcher = Some(client);
        }
        if let Some(client) = watcher.as_ref() {
            wait(client.simple_query("SELECT 1"))?;
        }
        self.caches.looked(look);
        Ok(())
    }
}

fn person_from_row(row: &Row) -> Person {
    let role: String = row.get(1);
    Person {
        id: row.get(0),
        role: Role::from_key(&role).unwrap_or(Role::Mentee),
        display_name: row.get(2),
    }
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl ServerStore for PostgresStore {
    fn program_name(&self) -> Result<String> {
        Ok(self
            .take()?
            .db()
            .row("SELECT name FROM program", &[])?
            .get(0))
    }

    fn add_person(&self, role: Role, display_name: &str, now: i64) -> Result<Person> {
        let person = Person {
            id: new_id(),
            role,
            display_name: display_name.to_owned(),
        };
        self.change(
            "INSERT INTO people (id, role, display_name, created_at) VALUES ($1, $2, $3, $4)",
            &[&person.id, &role.key(), &display_name, &now],
        )?;
        Ok(person)
    }

    fn person(&self, id: &str) -> Result<Person> {
        self.take()?
            .db()
            .opt(
                "SELECT id, role, display_name FROM people WHERE id = $1",
                &[&id],
            )?
            .map(|row| person_from_row(&row))
            .ok_or(ServerStoreError::NoSuchPerson)
    }

    fn add_invite(&self, person_id: &str, code_hash: &str, expires_at: i64) -> Result<()> {
        self.change(
            "INSERT INTO invites (code_hash, person_id, expires_at) VALUES ($1, $2, $3)",
            &[&code_hash, &person_id, &expires_at],
        )?;
        Ok(())
    }

    fn enroll(&self, code_hash: &str, device: &NewDevice, now: i64) -> Result<Person> {
        self.write(|tx| {
            let person_id: String = tx
                .opt(
                    "UPDATE invites SET used_at = $2
                     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
                     RETURNING person_id",
                    &[&code_hash, &now],
                )?
                .ok_or(ServerStoreError::BadInvite)?
                .get(0);
            tx.run(
                "INSERT INTO devices (id, person_id, token_hash, signing_key, receiving_key, enrolled_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &device.id,
                    &person_id,
                    &device.token_hash,
                    &device.signing_key,
                    &device.receiving_key,
                    &now,
                ],
            )?;
            let row = tx.row(
                "SELECT id, role, display_name FROM people WHERE id = $1",
                &[&person_id],
            )?;
            Ok(person_from_row(&row))
        })
    }

    fn caller(&self, token_hash: &str) -> Result<Option<Caller>> {
        self.caches()?.caller_or(token_hash, || {
            Ok(self
                .take()?
                .db()
                .opt(
                    "SELECT d.id, p.id, p.role FROM devices d JOIN people p ON p.id = d.person_id
                     WHERE d.token_hash = $1 AND d.revoked_at IS NULL",
                    &[&token_hash],
                )?
                .map(|row| {
                    let role: String = row.get(2);
                    Caller {
                        device_id: row.get(0),
                        person_id: row.get(1),
                        role: Role::from_key(&role).unwrap_or(Role::Mentee),
                    }
                }))
        })
    }

    fn was_removed(&self, token_hash: &str) -> Result<bool> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT 1 FROM devices WHERE token_hash = $1 AND revoked_at IS NOT NULL",
                &[&token_hash],
            )?
            .is_some())
    }

    fn is_paired(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        let key = (mentee_id.to_owned(), mentor_id.to_owned());
        self.caches()?.paired_or(&key, || {
            Ok(self
                .take()?
                .db()
                .rows("SELECT mentee_id, mentor_id FROM pairings", &[])?
                .iter()
                .map(|row| (row.get(0), row.get(1)))
                .collect::<Pairings>())
        })
    }

    fn partners(&self, person_id: &str, role: Role) -> Result<Vec<Person>> {
        let sql = match role {
            Role::Mentee => {
                "SELECT p.id, p.role, p.display_name FROM pairings x JOIN people p ON p.id = x.mentor_id
                 WHERE x.mentee_id = $1 ORDER BY x.paired_at"
            }
            Role::Mentor => {
                "SELECT p.id, p.role, p.display_name FROM pairings x JOIN people p ON p.id = x.mentee_id
                 WHERE x.mentor_id = $1 ORDER BY p.display_name COLLATE \"C\""
            }
        };
        Ok(self
            .take()?
            .db()
            .rows(sql, &[&person_id])?
            .iter()
            .map(person_from_row)
            .collect())
    }

    fn signing_keys_ever(&self, person_id: &str) -> Result<Vec<(String, String)>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT id, signing_key FROM devices WHERE person_id = $1
                 ORDER BY enrolled_at, id COLLATE \"C\"",
                &[&person_id],
            )?
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect())
    }

    fn devices(&self, person_id: &str) -> Result<Vec<DeviceInfo>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT id, signing_key, receiving_key, enrolled_at, vouch FROM devices
                 WHERE person_id = $1 AND revoked_at IS NULL ORDER BY enrolled_at, id COLLATE \"C\"",
                &[&person_id],
            )?
            .iter()
            .map(|row| {
                let vouch: Option<String> = row.get(4);
                DeviceInfo {
                    device_id: row.get(0),
                    signing_key: row.get(1),
                    receiving_key: row.get(2),
                    enrolled_at: row.get(3),
                    vouch: vouch.and_then(|v| serde_json::from_str(&v).ok()),
                }
            })
            .collect())
    }

    fn set_vouch(&self, person_id: &str, device_id: &str, vouch: &str) -> Result<()> {
        let changed = self.change(
            "UPDATE devices SET vouch = $3 WHERE id = $2 AND person_id = $1 AND revoked_at IS NULL",
            &[&person_id, &device_id, &vouch],
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
        self.write_feed(mentee_id, |tx| {
            records::put_batch(tx, mentee_id, records, quota_bytes)
        })
    }

    fn changes(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<RecordChange>, bool)> {
        let head = self.caches()?.feed_head_or(mentee_id, || {
            Ok(self
                .take()?
                .db()
                .row(
                    "SELECT coalesce((SELECT last FROM feed_seq WHERE mentee_id = $1), 0)",
                    &[&mentee_id],
                )?
                .get(0))
        })?;
        if after >= head {
            return Ok((Vec::new(), false));
        }
        let mut changes: Vec<RecordChange> = self
            .take()?
            .db()
            .rows(
                "SELECT seq, item_id, version, envelope FROM records
                 WHERE mentee_id = $1 AND seq > $2 AND strpos(audience, $3) > 0
                 ORDER BY seq LIMIT $4",
                &[
                    &mentee_id,
                    &after,
                    &audience_mark(mentor_id),
                    &(i64::from(limit) + 1),
                ],
            )?
            .iter()
            .map(|row| {
                let envelope: Option<Vec<u8>> = row.get(3);
                RecordChange {
                    seq: row.get(0),
                    item_id: row.get(1),
                    version: row.get::<_, i64>(2) as u64,
                    envelope: envelope.map(|e| String::from_utf8_lossy(&e).into_owned()),
                }
            })
            .collect();
        let more = changes.len() > limit as usize;
        changes.truncate(limit as usize);
        Ok((changes, more))
    }

    fn latest_directory(&self) -> Result<Option<(u64, String)>> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT version, signed FROM directory_versions ORDER BY version DESC LIMIT 1",
                &[],
            )?
            .map(|row| (row.get::<_, i64>(0) as u64, row.get(1))))
    }

    fn publish_directory_noted(
        &self,
        version: u64,
        signed: &str,
        now: i64,
        audit: Option<&crate::storage::staff::Audited<'_>>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.run(
                "INSERT INTO directory_versions (version, signed, published_at) VALUES ($1, $2, $3)",
                &[&(version as i64), &signed, &now],
            )?;
            match audit {
                Some(audit) => staff::keep_audit(tx, audit),
                None => Ok(()),
            }
        })
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
        self.write(|tx| {
            tx.run(
                "INSERT INTO key_rotations (old_key, new_key, signature, rotated_at)
                 VALUES ($1, $2, $3, $4)",
                &[&keys.old_key, &keys.new_key, &keys.signature, &now],
            )?;
            if let Some((version, signed)) = &resigned_directory {
                tx.run(
                    "INSERT INTO directory_versions (version, signed, published_at) VALUES ($1, $2, $3)",
                    &[&(*version as i64), signed, &now],
                )?;
            }
            // Only a row still exactly as the old key sealed it is sealed again.
            for (account, seal) in resealed {
                tx.run(
                    "UPDATE staff SET seal = $5
                     WHERE id = $1 AND name = $2 AND password_hash = $3 AND safeguarding = $4",
                    &[
                        &account.id,
                        &account.name,
                        &account.password_hash,
                        &account.safeguarding,
                        seal,
                    ],
                )?;
            }
            // Each lead's key as the old key vouched for it is vouched for by the new one.
            for lead in revouched {
                tx.run(
                    "UPDATE safeguarding_leads SET signed_by = $4, signature = $5
                     WHERE staff_id = $1 AND public_key = $2 AND signature = $3",
                    &[
                        &lead.staff_id,
                        &lead.public_key,
                        &lead.old_signature,
                        &lead.signed_by,
                        &lead.signature,
                    ],
                )?;
            }
            // Sessions were sealed by the old key: everyone signs in again.
            tx.run("DELETE FROM staff_sessions", &[])?;
            tx.run("UPDATE program SET public_key = $1", &[&keys.new_key])?;
            Ok(())
        })
    }

    fn program_key(&self) -> Result<Option<String>> {
        Ok(self
            .take()?
            .db()
            .row("SELECT public_key FROM program", &[])?
            .get(0))
    }

    fn claim_program_key(&self, public: &str) -> Result<()> {
        self.change(
            "UPDATE program SET public_key = $1 WHERE public_key IS NULL",
            &[&public],
        )?;
        Ok(())
    }

    fn key_rotations(&self) -> Result<Vec<String>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT old_key, new_key, signature FROM key_rotations ORDER BY seq",
                &[],
            )?
            .iter()
            .map(|row| {
                serde_json::json!({
                    "old_key": row.get::<_, String>(0),
                    "new_key": row.get::<_, String>(1),
                    "signature": row.get::<_, String>(2),
                })
                .to_string()
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new database on the PostgreSQL that `STEADY_TEST_POSTGRES` names (as the integration
    /// tests use it); `None`, said, when there is none and none is required.
    fn new_database(test: &str) -> Option<String> {
        let Some(admin) = std::env::var("STEADY_TEST_POSTGRES")
            .ok()
            .filter(|url| !url.is_empty())
        else {
            if std::env::var("STEADY_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("STEADY_REQUIRE_POSTGRES=1 but STEADY_TEST_POSTGRES is not set");
            }
            eprintln!("SKIPPED {test}: no PostgreSQL (set STEADY_TEST_POSTGRES)");
            return None;
        };
        let name = format!(
            "steady_test_{}_{}",
            chrono::Utc::now().timestamp(),
            uuid::Uuid::new_v4().simple()
        );
        let background = Background::start().unwrap();
        let client = background
            .connect(&Target::parse(&admin).unwrap(), None)
            .unwrap();
        wait(client.batch_execute(&format!("CREATE DATABASE {name}"))).unwrap();
        let (server, _) = admin.rsplit_once('/').unwrap();
        Some(format!("{server}/{name}"))
    }

    #[test]
    fn a_panic_half_way_through_a_write_costs_that_write_and_nothing_else() {
        let Some(url) = new_database("a_panic_half_way_through_a_write") else {
            return;
        };
        let store = PostgresStore::open(&url, "Bright Paths").unwrap();
        // Enough panics to catch every write connection in the middle of a transaction.
        for _ in 0..CONNECTIONS * 2 {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                store.write(|tx| -> Result<()> {
                    tx.run(
                        "INSERT INTO people (id, role, display_name, created_at)
                         VALUES ($1, 'mentee', 'Half', 0)",
                        &[&new_id()],
                    )?;
                    panic!("half way through");
                })
            }));
            assert!(outcome.is_err());
        }
        let alex = store.add_person(Role::Mentee, "Alex", 0).unwrap();
        assert_eq!(store.person(&alex.id).unwrap().display_name, "Alex");
        let everyone: i64 = store
            .take()
            .unwrap()
            .db()
            .row("SELECT count(*) FROM people", &[])
            .unwrap()
            .get(0);
        assert_eq!(everyone, 1, "nothing half-written was kept");
    }
}
