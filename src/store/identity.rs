//! The `device_identity` and `enrolment` tables (one row each): this device's secret keys, made at
//! first enrolment, and who the sync server knows it as. Both live only in the encrypted store.

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};
use crate::crypto::DeviceKeys;
use crate::sync::protocol::Role;

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        seq: 11,
        name: "device_identity: create",
        sql: "CREATE TABLE device_identity (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  signing_pkcs8 BLOB NOT NULL,
                  receiving_secret BLOB NOT NULL
              ) STRICT;",
    },
    Migration {
        seq: 12,
        name: "enrolment: create",
        sql: "CREATE TABLE enrolment (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  server_url TEXT NOT NULL,
                  device_id TEXT NOT NULL,
                  token TEXT NOT NULL,
                  person_id TEXT NOT NULL,
                  role TEXT NOT NULL CHECK (role IN ('mentee', 'mentor')),
                  display_name TEXT NOT NULL,
                  program_name TEXT NOT NULL,
                  enrolled_at_ms INTEGER NOT NULL,
                  last_synced_ms INTEGER
              ) STRICT;",
    },
    Migration {
        seq: 20,
        name: "enrolment: the program's public key, pinned at enrolment",
        sql: "ALTER TABLE enrolment ADD COLUMN program_key TEXT;",
    },
];

/// How this device is known to its program's sync server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolment {
    pub server_url: String,
    pub device_id: String,
    pub token: String,
    pub person_id: String,
    pub role: Role,
    pub display_name: String,
    pub program_name: String,
    pub last_synced_ms: Option<i64>,
    /// The program's signing key (base64url), pinned when this device enrolled.
    pub program_key: Option<String>,
}

impl Store {
    /// This device's keys, made on first use.
    pub fn device_keys(&mut self) -> Result<DeviceKeys> {
        let stored: Option<(Vec<u8>, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT signing_pkcs8, receiving_secret FROM device_identity",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((pkcs8, secret)) = stored {
            return DeviceKeys::from_parts(&pkcs8, &secret)
                .map_err(|_| super::StoreError::IdentityDamaged);
        }
        let keys = DeviceKeys::generate().map_err(|_| super::StoreError::IdentityDamaged)?;
        let (pkcs8, secret) = keys.to_parts();
        self.conn.execute(
            "INSERT INTO device_identity (id, signing_pkcs8, receiving_secret) VALUES (1, ?1, ?2)",
            params![pkcs8, secret],
        )?;
        Ok(keys)
    }

    pub fn enrolment(&self) -> Result<Option<Enrolment>> {
        Ok(self
            .conn
            .query_row(
                "SELECT server_url, device_id, token, person_id, role, display_name, program_name,
                        last_synced_ms, program_key FROM enrolment",
                [],
                |r| {
                    let role: String = r.get(4)?;
                    Ok(Enrolment {
                        server_url: r.get(0)?,
                        device_id: r.get(1)?,
                        token: r.get(2)?,
                        person_id: r.get(3)?,
                        role: Role::from_key(&role).unwrap_or(Role::Mentee),
                        display_name: r.get(5)?,
                        program_name: r.get(6)?,
                        last_synced_ms: r.get(7)?,
                        program_key: r.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn save_enrolment(&mut self, enrolment: &Enrolment, now_ms: i64) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO enrolment (id, server_url, device_id, token, person_id, role,
                 display_name, program_name, enrolled_at_ms, program_key)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                enrolment.server_url,
                enrolment.device_id,
                enrolment.token,
                enrolment.person_id,
                enrolment.role.key(),
                enrolment.display_name,
                enrolment.program_name,
                now_ms,
                enrolment.program_key
            ],
        )?;
        Ok(())
    }

    /// The program key this device now trusts (after following a signed rotation).
    pub fn set_program_key(&mut self, key: &str) -> Result<()> {
        self.conn
            .execute("UPDATE enrolment SET program_key = ?1", [key])?;
        Ok(())
    }

    pub fn mark_synced(&mut self, now_ms: i64) -> Result<()> {
        self.conn
            .execute("UPDATE enrolment SET last_synced_ms = ?1", [now_ms])?;
        Ok(())
    }
}
