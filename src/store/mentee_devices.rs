//! The `mentee_devices` table (mentor side): which of each mentee's devices this mentor device
//! trusts to sign what the mentee shares. The server's list is only a suggestion: the devices seen
//! the first time a mentee appears are pinned (their codes shown to compare with the mentee); a
//! later one is trusted when a trusted device of the same mentee vouched for it, or when the mentor
//! approves it after comparing codes with the mentee. What the rules decide is in
//! `sync::trust`; this keeps the result.

use std::collections::HashMap;

use rusqlite::params;

use super::{Migration, Result, Store, StoreError};
use crate::crypto::PublicKeys;

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        seq: 22,
        name: "mentee_devices: create",
        sql: "CREATE TABLE mentee_devices (
              mentee_id TEXT NOT NULL REFERENCES mentor_mentees (person_id) ON DELETE CASCADE,
              device_id TEXT NOT NULL,
              signing_key BLOB NOT NULL,
              receiving_key BLOB NOT NULL,
              trust TEXT NOT NULL
                  CHECK (trust IN ('pinned', 'vouched', 'approved', 'waiting', 'gone')),
              first_seen_ms INTEGER NOT NULL,
              PRIMARY KEY (mentee_id, device_id)
          ) STRICT;",
    },
    Migration {
        // Trust in a mentee's devices outlives the pairing: with the cascade, a server that left a
        // mentee out of one listing wiped the pins, and its own device was then pinned on "first
        // sight" when it listed the mentee again (see `mentor_inbox::forget_mentee`).
        seq: 31,
        name: "mentee_devices: pins outlive a mentee's absence from the list",
        sql: "CREATE TABLE mentee_devices_kept (
              mentee_id TEXT NOT NULL,
              device_id TEXT NOT NULL,
              signing_key BLOB NOT NULL,
              receiving_key BLOB NOT NULL,
              trust TEXT NOT NULL
                  CHECK (trust IN ('pinned', 'vouched', 'approved', 'waiting', 'gone')),
              first_seen_ms INTEGER NOT NULL,
              PRIMARY KEY (mentee_id, device_id)
          ) STRICT;
          INSERT INTO mentee_devices_kept
              SELECT mentee_id, device_id, signing_key, receiving_key, trust, first_seen_ms
              FROM mentee_devices;
          DROP TABLE mentee_devices;
          ALTER TABLE mentee_devices_kept RENAME TO mentee_devices;",
    },
];

/// How far a mentor device trusts one of a mentee's devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenteeDeviceTrust {
    /// Seen when the mentee first appeared (its code shown to compare).
    Pinned,
    /// Vouched for by a trusted device of the same mentee.
    Vouched,
    /// The mentor compared its code with the mentee and said yes.
    Approved,
    /// Listed by the server, but nothing trusted speaks for it: its items show "could not verify".
    Waiting,
    /// No longer listed (removed, or the phone was lost): nothing new from it is trusted.
    Gone,
}

impl MenteeDeviceTrust {
    pub fn is_trusted(self) -> bool {
        matches!(self, Self::Pinned | Self::Vouched | Self::Approved)
    }

    fn key(self) -> &'static str {
        match self {
            Self::Pinned => "pinned",
            Self::Vouched => "vouched",
            Self::Approved => "approved",
            Self::Waiting => "waiting",
            Self::Gone => "gone",
        }
    }

    fn from_key(key: &str) -> Self {
        match key {
            "pinned" => Self::Pinned,
            "vouched" => Self::Vouched,
            "approved" => Self::Approved,
            "waiting" => Self::Waiting,
            _ => Self::Gone,
        }
    }
}

/// One of a mentee's devices as this mentor device knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenteeDevice {
    pub device_id: String,
    pub keys: PublicKeys,
    pub trust: MenteeDeviceTrust,
}

impl MenteeDevice {
    pub fn fingerprint(&self) -> String {
        self.keys.fingerprint()
    }
}

/// Rows of (device id, signing key, receiving key, a state word), keeping only those whose keys
/// parse: a damaged row is never trusted.
pub(super) fn keyed_devices(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<(String, PublicKeys, String)>> {
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, Vec<u8>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut devices = Vec::new();
    for row in rows {
        let (device_id, signing, receiving, state) = row?;
        if let Ok(keys) = PublicKeys::from_slices(&signing, &receiving) {
            devices.push((device_id, keys, state));
        }
    }
    Ok(devices)
}

impl Store {
    /// What this mentor device knows of `mentee_id`'s devices, oldest first.
    pub fn mentee_devices(&self, mentee_id: &str) -> Result<Vec<MenteeDevice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_id, signing_key, receiving_key, trust FROM mentee_devices
             WHERE mentee_id = ?1 ORDER BY first_seen_ms, device_id",
        )?;
        Ok(keyed_devices(&mut stmt, [mentee_id])?
            .into_iter()
            .map(|(device_id, keys, trust)| MenteeDevice {
                device_id,
                keys,
                trust: MenteeDeviceTrust::from_key(&trust),
            })
            .collect())
    }

    /// The keys of the devices trusted to sign for `mentee_id`, by device id.
    pub fn trusted_mentee_keys(&self, mentee_id: &str) -> Result<HashMap<String, PublicKeys>> {
        Ok(self
            .mentee_devices(mentee_id)?
            .into_iter()
            .filter(|d| d.trust.is_trusted())
            .map(|d| (d.device_id, d.keys))
            .collect())
    }

    /// Keeps the decided trust of `mentee_id`'s devices (see `sync::trust`).
    pub fn set_mentee_devices(
        &mut self,
        mentee_id: &str,
        devices: &[MenteeDevice],
        now_ms: i64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for device in devices {
            tx.execute(
                "INSERT INTO mentee_devices
                     (mentee_id, device_id, signing_key, receiving_key, trust, first_seen_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (mentee_id, device_id) DO UPDATE SET
                     signing_key = excluded.signing_key, receiving_key = excluded.receiving_key,
                     trust = excluded.trust",
                params![
                    mentee_id,
                    device.device_id,
                    device.keys.signing.as_slice(),
                    device.keys.receiving.as_slice(),
                    device.trust.key(),
                    now_ms
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The mentor compared a waiting device's code with the mentee and trusts it.
    pub fn approve_mentee_device(&mut self, mentee_id: &str, device_id: &str) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE mentee_devices SET trust = 'approved'
             WHERE mentee_id = ?1 AND device_id = ?2 AND trust = 'waiting'",
            params![mentee_id, device_id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
