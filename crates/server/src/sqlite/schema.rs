//! The SQLite server's schema as an add-only chain of steps, each recorded with a fingerprint of
//! its SQL when it runs (the same rules as the phone's store): a step is never edited, and a
//! database that ran steps this server does not know was written by a newer server and is refused.
//! Servers from before the chain (tables made with `IF NOT EXISTS`) are adopted: their tables are
//! the first three steps.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::storage::Result;
use crate::storage::steps::{Step, check_applied, fingerprint};

pub(super) const STEPS: &[Step] = &[
    Step {
        seq: 1,
        name: "sync: program, people, invites, devices, pairings, records, directory, feeds",
        sql: "
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
",
    },
    Step {
        seq: 2,
        name: "console: staff, sessions, the append-only audit log, the directory draft",
        sql: "
CREATE TABLE IF NOT EXISTS staff (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY, at INTEGER NOT NULL, staff TEXT NOT NULL, action TEXT NOT NULL,
    detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS directory_draft (position INTEGER PRIMARY KEY, contact TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_log_is_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_is_kept BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
",
    },
    Step {
        seq: 3,
        name: "devices: when each was last active (for the console's totals)",
        sql: "ALTER TABLE devices ADD COLUMN last_seen INTEGER;",
    },
    Step {
        seq: 4,
        name: "devices: a later device of a mentee, vouched for by one already trusted",
        sql: "ALTER TABLE devices ADD COLUMN vouch TEXT;",
    },
    Step {
        seq: 5,
        name: "feed_seq: the bytes each mentee's records take, for the storage quota",
        sql: "ALTER TABLE feed_seq ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
              UPDATE feed_seq SET bytes = coalesce(
                  (SELECT sum(length(envelope)) FROM records r WHERE r.mentee_id = feed_seq.mentee_id), 0);",
    },
    Step {
        seq: 6,
        name: "key_rotations: each new program key, signed by the one before it",
        sql: "CREATE TABLE key_rotations (
                  seq INTEGER PRIMARY KEY, old_key TEXT NOT NULL, new_key TEXT NOT NULL UNIQUE,
                  signature TEXT NOT NULL, rotated_at INTEGER NOT NULL);",
    },
    Step {
        seq: 7,
        name: "sign_in_throttle: wrong staff passwords per name and per address",
        sql: "CREATE TABLE sign_in_throttle (
                  key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL);",
    },
    Step {
        seq: 8,
        name: "duty of care: safeguarding staff, the care statement, sealed concerns, notices",
        sql: "ALTER TABLE staff ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0;
              CREATE TABLE program_care_draft (
                  id INTEGER PRIMARY KEY CHECK (id = 1), care TEXT NOT NULL);
              CREATE TABLE safeguarding_keys (
                  id INTEGER PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, wrapped TEXT NOT NULL,
                  contact_name TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL);
              CREATE TABLE concerns (
                  id TEXT PRIMARY KEY, mentee_id TEXT NOT NULL, mentee_name TEXT NOT NULL,
                  mentor_id TEXT NOT NULL, mentor_name TEXT NOT NULL, device_id TEXT NOT NULL,
                  device_key TEXT NOT NULL, key_id INTEGER NOT NULL REFERENCES safeguarding_keys (id),
                  sealed TEXT NOT NULL, mentee_told INTEGER NOT NULL, created_at INTEGER NOT NULL,
                  handled_at INTEGER, handled_by TEXT);
              CREATE TABLE notices (
                  id INTEGER PRIMARY KEY,
                  mentee_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
                  notice TEXT NOT NULL, created_at INTEGER NOT NULL);
              CREATE INDEX notices_by_mentee ON notices (mentee_id, id);",
    },
    Step {
        seq: 9,
        name: "replies: sealed notes from mentors to mentees; reports of them in the inbox",
        sql: "CREATE TABLE replies (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  mentee_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
                  mentor_id TEXT NOT NULL, reply_id TEXT NOT NULL, envelope BLOB NOT NULL,
                  created_at INTEGER NOT NULL, UNIQUE (mentee_id, reply_id));
              ALTER TABLE concerns ADD COLUMN kind TEXT NOT NULL DEFAULT 'concern';",
    },
    Step {
        seq: 10,
        name: "program: its signing key's public half, so every node signs with the same key",
        sql: "ALTER TABLE program ADD COLUMN public_key TEXT;",
    },
    Step {
        seq: 11,
        name: "safeguarding leads: each lead's own key, and the inbox key sealed to each of them",
        sql: "CREATE TABLE safeguarding_leads (
                  staff_id TEXT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
                  public_key TEXT NOT NULL UNIQUE, wrapped TEXT NOT NULL, signed_by TEXT NOT NULL,
                  signature TEXT NOT NULL, created_at INTEGER NOT NULL);
              CREATE TABLE safeguarding_grants (
                  key_id INTEGER NOT NULL REFERENCES safeguarding_keys (id),
                  staff_id TEXT NOT NULL REFERENCES safeguarding_leads (staff_id) ON DELETE CASCADE,
                  sealed TEXT NOT NULL, granted_by TEXT NOT NULL, created_at INTEGER NOT NULL,
                  PRIMARY KEY (key_id, staff_id));",
    },
    Step {
        seq: 12,
        name: "staff and sessions: the program key's seal over each row",
        sql: "ALTER TABLE staff ADD COLUMN seal TEXT;
              ALTER TABLE staff_sessions ADD COLUMN seal TEXT;",
    },
];

/// Brings the database up to date, one transaction per step.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             seq INTEGER PRIMARY KEY, name TEXT NOT NULL, fingerprint TEXT NOT NULL,
             applied_at INTEGER NOT NULL);",
    )?;
    adopt_a_server_from_before_the_chain(conn)?;
    let applied: HashMap<u32, String> = conn
        .prepare("SELECT seq, fingerprint FROM schema_migrations")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    check_applied(STEPS, &applied)?;
    for step in STEPS.iter().filter(|s| !applied.contains_key(&s.seq)) {
        // Immediate: the write lock is taken at BEGIN, not at the first write. (A deferred
        // transaction reads without it, so two nodes starting together both saw the step
        // missing, and the second failed on its record: `nodes_starting_together...`.)
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another node starting beside this one may have run the step since the look above;
        // the transaction holds the write lock, so this second look is the last word.
        let done_meanwhile = tx
            .prepare("SELECT 1 FROM schema_migrations WHERE seq = ?1")?
            .exists([step.seq])?;
        if done_meanwhile {
            continue;
        }
        tx.execute_batch(step.sql)?;
        record(&tx, step)?;
        tx.commit()?;
    }
    Ok(())
}

fn record(conn: &Connection, step: &Step) -> Result<()> {
    conn.execute(
        "INSERT INTO schema_migrations (seq, name, fingerprint, applied_at) VALUES (?1, ?2, ?3, ?4)",
        params![step.seq, step.name, fingerprint(step.sql), crate::now()],
    )?;
    Ok(())
}

/// A server that made its tables before the chain has steps 1 to 3 already: run the first two
/// (they only create what is missing), add `last_seen` if it is missing, and record all three.
fn adopt_a_server_from_before_the_chain(conn: &mut Connection) -> Result<()> {
    // Both looks under the write lock: a node starting beside this one commits step 1 (the
    // tables and its record together), and two looks without the lock could see no record yet
    // and then the tables, and take a new database for one from before the chain.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let chain_started: bool = tx.prepare("SELECT 1 FROM schema_migrations")?.exists([])?;
    let tables_exist: bool = tx
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'people'")?
        .exists([])?;
    if chain_started || !tables_exist {
        return Ok(());
    }
    for step in &STEPS[..2] {
        tx.execute_batch(step.sql)?;
        record(&tx, step)?;
    }
    let has_last_seen: bool = tx
        .prepare("SELECT 1 FROM pragma_table_info('devices') WHERE name = 'last_seen'")?
        .exists([])?;
    if !has_last_seen {
        tx.execute_batch(STEPS[2].sql)?;
    }
    record(&tx, &STEPS[2])?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::ServerStoreError;

    #[test]
    fn every_step_applies_once_in_order_on_a_fresh_database() {
        let seqs: Vec<u32> = STEPS.iter().map(|s| s.seq).collect();
        let mut sorted = seqs.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(seqs, sorted, "steps are listed in order, each seq once");
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let count: i64 = conn
            .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count as usize, STEPS.len());
    }

    #[test]
    fn a_server_from_before_the_chain_is_adopted_with_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(STEPS[0].sql).unwrap();
        conn.execute_batch(STEPS[1].sql).unwrap();
        conn.execute("INSERT INTO people VALUES ('p1', 'mentee', 'Alex', 0)", [])
            .unwrap();
        migrate(&mut conn).unwrap();
        let name: String = conn
            .query_row("SELECT display_name FROM people", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "Alex");
        assert!(conn.prepare("SELECT last_seen, vouch FROM devices").is_ok());
    }

    #[test]
    fn an_edited_step_or_a_newer_server_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "UPDATE schema_migrations SET fingerprint = 'edited' WHERE seq = 4",
            [],
        )
        .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(ServerStoreError::SchemaChanged(_))
        ));
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (999, 'future', 'x', 0)",
            [],
        )
        .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(ServerStoreError::NewerSchema)
        ));
    }
}
