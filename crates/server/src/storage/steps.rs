//! The rules every server database's schema follows, on SQLite and PostgreSQL alike: an
//! add-only chain of steps, each recorded with a fingerprint of its SQL when it runs. A step is
//! never edited, and a database that ran steps this server does not know was written by a newer
//! server and is refused.

use std::collections::HashMap;

use super::{Result, ServerStoreError};

/// One schema step.
pub(crate) struct Step {
    pub seq: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// FNV-1a, 64 bit, of a step's SQL: a stable fingerprint (not a security measure).
pub(crate) fn fingerprint(sql: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in sql.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
/// Refuses a database that ran a step this server does not know (a newer server's) or a step
/// whose SQL has changed since it ran.
pub(crate) fn check_applied(steps: &[Step], applied: &HashMap<u32, String>) -> Result<()> {
    for (seq, recorded) in applied {
        match steps.iter().find(|step| step.seq == *seq) {
            None => return Err(ServerStoreError::NewerSchema),
            Some(step) if fingerprint(step.sql) != *recorded => {
                return Err(ServerStoreError::SchemaChanged(step.name));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
