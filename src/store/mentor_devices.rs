//! The `mentor_devices` table (mentee side): the mentor devices the server listed, with their keys
//! and fingerprints. Every one of them, the first included, waits for the mentee to compare its
//! fingerprint and approve it before anything is sealed to it: the server's list is not proof
//! that a device is the mentor's.

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};
use crate::crypto::PublicKeys;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 17,
    name: "mentor_devices: create",
    sql: "CREATE TABLE mentor_devices (
              device_id TEXT PRIMARY KEY NOT NULL,
              mentor_id TEXT NOT NULL,
              mentor_name TEXT NOT NULL,
              signing_key BLOB NOT NULL,
              receiving_key BLOB NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('approved', 'waiting', 'declined', 'gone')),
              first_seen_ms INTEGER NOT NULL
          ) STRICT;",
}];

/// Whether the mentee lets a mentor device read what they share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceTrust {
    Approved,
    Waiting,
    Declined,
    /// The server no longer lists it (revoked or unpaired).
    Gone,
}

impl DeviceTrust {
    fn key(self) -> &'static str {
        match self {
            DeviceTrust::Approved => "approved",
            DeviceTrust::Waiting => "waiting",
            DeviceTrust::Declined => "declined",
            DeviceTrust::Gone => "gone",
        }
    }

    fn from_key(key: &str) -> Self {
        match key {
            "approved" => DeviceTrust::Approved,
            "waiting" => DeviceTrust::Waiting,
            "declined" => DeviceTrust::Declined,
            _ => DeviceTrust::Gone,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentorDevice {
    pub device_id: String,
    pub mentor_id: String,
    pub mentor_name: String,
    pub keys: PublicKeys,
    pub trust: DeviceTrust,
}

impl MentorDevice {
    pub fn fingerprint(&self) -> String {
        self.keys.fingerprint()
    }
}

impl Store {
    /// Brings the table in line with what the server lists now. New devices wait for approval;
    /// devices no longer listed are marked gone. A device whose keys changed under the same id is
    /// treated as a new one. Returns how many devices now wait for approval.
    pub fn update_mentor_devices(&mut self, listed: &[MentorDevice], now_ms: i64) -> Result<usize> {
        let tx = self.conn.transaction()?;
        for device in listed {
            let status = DeviceTrust::Waiting;
            tx.execute(
                "INSERT INTO mentor_devices
                     (device_id, mentor_id, mentor_name, signing_key, receiving_key, status, first_seen_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (device_id) DO UPDATE SET
                     mentor_name = excluded.mentor_name,
                     status = CASE
                         WHEN signing_key != excluded.signing_key OR receiving_key != excluded.receiving_key
                             THEN 'waiting'
                         WHEN status = 'gone' THEN 'waiting'
                         ELSE status END,
                     signing_key = excluded.signing_key,
                     receiving_key = excluded.receiving_key",
                params![
                    device.device_id,
                    device.mentor_id,
                    device.mentor_name,
                    device.keys.signing.as_slice(),
                    device.keys.receiving.as_slice(),
                    status.key(),
                    now_ms
                ],
            )?;
        }
        let listed_ids: Vec<&str> = listed.iter().map(|d| d.device_id.as_str()).collect();
        let all: Vec<String> = tx
            .prepare("SELECT device_id FROM mentor_devices WHERE status != 'gone'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in all.iter().filter(|id| !listed_ids.contains(&id.as_str())) {
            tx.execute(
                "UPDATE mentor_devices SET status = 'gone' WHERE device_id = ?1",
                [id],
            )?;
        }
        let waiting: i64 = tx.query_row(
            "SELECT count(*) FROM mentor_devices WHERE status = 'waiting'",
            [],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(waiting as usize)
    }

    pub fn mentor_devices(&self) -> Result<Vec<MentorDevice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_id, mentor_id, mentor_name, signing_key, receiving_key, status
             FROM mentor_devices ORDER BY first_seen_ms, device_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut devices = Vec::new();
        for row in rows {
            let (device_id, mentor_id, mentor_name, signing, receiving, status) = row?;
            if let Ok(keys) = PublicKeys::from_slices(&signing, &receiving) {
                devices.push(MentorDevice {
                    device_id,
                    mentor_id,
                    mentor_name,
                    keys,
                    trust: DeviceTrust::from_key(&status),
                });
            }
        }
        Ok(devices)
    }

    /// Approves or declines a waiting device. Approving queues again what the mentee shared with
    /// that device's mentor, sealed to the new device too.
    pub fn decide_mentor_device(
        &mut self,
        device_id: &str,
        approve: bool,
        now_ms: i64,
    ) -> Result<()> {
        let status = if approve {
            DeviceTrust::Approved
        } else {
            DeviceTrust::Declined
        };
        let mentor: Option<String> = self
            .conn
            .query_row(
                "UPDATE mentor_devices SET status = ?2 WHERE device_id = ?1 AND status != 'gone'
                 RETURNING mentor_id",
                params![device_id, status.key()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(mentor) = mentor else {
            return Err(super::StoreError::NotFound);
        };
        if approve {
            // Only what the mentee gave this mentor: a new device of theirs gets it too.
            self.requeue_shared_with(&mentor, now_ms)?;
        }
        Ok(())
    }
}

impl Store {
    /// The mentors this device knows now (some device of theirs is still listed): (id, name).
    pub fn current_mentors(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT mentor_id, max(mentor_name) FROM mentor_devices WHERE status != 'gone'
             GROUP BY mentor_id ORDER BY min(first_seen_ms), mentor_id",
        )?;
        let mentors = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(mentors)
    }

    /// A mentor's name as their devices were listed, if this device ever knew them.
    pub fn mentor_name(&self, mentor_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT mentor_name FROM mentor_devices WHERE mentor_id = ?1 LIMIT 1",
                [mentor_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}
