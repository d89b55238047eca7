//! The add-only migration chain. Each table module lists its own steps; every step has a global
//! sequence number and is recorded with a hash of its SQL when it runs. A step is never edited:
//! opening a database whose recorded hash differs is refused, and a database that ran steps this
//! version does not know (written by a newer app) is refused rather than guessed at.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::{
    Result, StoreError, comfort_items, custom_tags, goal_check_ins, goal_steps, goals, identity,
    mentee_devices, mentor_devices, mentor_inbox, moods, notices, own_devices, replies,
    safety_plan_items, sharing, tool_prefs, tool_uses, trusted_people,
};

/// One schema step.
#[derive(Debug)]
pub struct Migration {
    /// Global order; new steps take a number above every existing one.
    pub seq: u32,
    /// A readable name, "table: what it does".
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every step of every table. The order here does not matter; `seq` does.
pub const MIGRATIONS: [&[Migration]; 18] = [
    moods::MIGRATIONS,
    custom_tags::MIGRATIONS,
    tool_prefs::MIGRATIONS,
    tool_uses::MIGRATIONS,
    comfort_items::MIGRATIONS,
    trusted_people::MIGRATIONS,
    safety_plan_items::MIGRATIONS,
    goals::MIGRATIONS,
    goal_steps::MIGRATIONS,
    goal_check_ins::MIGRATIONS,
    identity::MIGRATIONS,
    sharing::MIGRATIONS,
    mentor_devices::MIGRATIONS,
    mentor_inbox::MIGRATIONS,
    own_devices::MIGRATIONS,
    mentee_devices::MIGRATIONS,
    notices::MIGRATIONS,
    replies::MIGRATIONS,
];

/// The whole chain in `seq` order.
pub fn chain() -> Vec<&'static Migration> {
    let mut steps: Vec<&Migration> = MIGRATIONS.iter().flat_map(|table| table.iter()).collect();
    steps.sort_by_key(|step| step.seq);
    steps
}

/// FNV-1a, 64 bit: a stable fingerprint of a step's SQL (not a security measure).
pub fn fingerprint(sql: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in sql.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Brings the database up to date, one transaction per step.
pub(super) fn run(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             seq INTEGER PRIMARY KEY,
             name TEXT NOT NULL,
             fingerprint TEXT NOT NULL,
             applied_at_ms INTEGER NOT NULL
         ) STRICT;",
    )?;
    let applied: HashMap<u32, String> = conn
        .prepare("SELECT seq, fingerprint FROM schema_migrations")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let steps = chain();
    for (seq, recorded) in &applied {
        match steps.iter().find(|step| step.seq == *seq) {
            None => return Err(StoreError::NewerVersion),
            Some(step) if fingerprint(step.sql) != *recorded => {
                return Err(StoreError::MigrationChanged(step.name.to_string()));
            }
            Some(_) => {}
        }
    }
    for step in steps.into_iter().filter(|s| !applied.contains_key(&s.seq)) {
        let tx = conn.transaction()?;
        tx.execute_batch(step.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (seq, name, fingerprint, applied_at_ms)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                step.seq,
                step.name,
                fingerprint(step.sql),
                chrono::Utc::now().timestamp_millis()
            ],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sequence_numbers_are_unique_and_every_step_applies_on_a_fresh_database() {
        let steps = chain();
        let seqs: HashSet<u32> = steps.iter().map(|s| s.seq).collect();
        assert_eq!(seqs.len(), steps.len(), "two steps share a seq");
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        // Running again changes nothing.
        run(&mut conn).unwrap();
        let count: i64 = conn
            .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count as usize, steps.len());
    }

    #[test]
    fn an_edited_step_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        conn.execute(
            "UPDATE schema_migrations SET fingerprint = 'edited' WHERE seq = 1",
            [],
        )
        .unwrap();
        assert!(matches!(
            run(&mut conn),
            Err(StoreError::MigrationChanged(_))
        ));
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (9999, 'future', 'x', 0)",
            [],
        )
        .unwrap();
        assert!(matches!(run(&mut conn), Err(StoreError::NewerVersion)));
    }
}
