//! The `own_devices` table (mentee side): the other devices the server lists as this mentee's.
//! A new one waits until the mentee says it is theirs; then this device signs a vouch for it
//! (kept here until the server has it), and the mentor's devices take it on that vouch alone.
//! Nothing the server says makes a device the mentee's.

use rusqlite::params;

use super::{Migration, Result, Store, StoreError};
use crate::crypto::PublicKeys;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 21,
    name: "own_devices: create",
    sql: "CREATE TABLE own_devices (
              device_id TEXT PRIMARY KEY NOT NULL,
              signing_key BLOB NOT NULL,
              receiving_key BLOB NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('waiting', 'vouched', 'declined', 'gone')),
              vouch TEXT,
              vouch_sent INTEGER NOT NULL DEFAULT 0,
              first_seen_ms INTEGER NOT NULL
          ) STRICT;",
}];

/// Whether another device listed as the mentee's is theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnDeviceStatus {
    /// Waiting for the mentee to say whether it is theirs.
    Waiting,
    /// The mentee said yes; this device vouched for it.
    Vouched,
    /// The mentee said it is not theirs.
    Declined,
    /// The server no longer lists it.
    Gone,
}

impl OwnDeviceStatus {
    fn key(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Vouched => "vouched",
            Self::Declined => "declined",
            Self::Gone => "gone",
        }
    }

    fn from_key(key: &str) -> Self {
        match key {
            "waiting" => Self::Waiting,
            "vouched" => Self::Vouched,
            "declined" => Self::Declined,
            _ => Self::Gone,
        }
    }
}

/// Another device listed as this mentee's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnDevice {
    pub device_id: String,
    pub keys: PublicKeys,
    pub status: OwnDeviceStatus,
}

impl OwnDevice {
    pub fn fingerprint(&self) -> String {
        self.keys.fingerprint()
    }
}

impl Store {
    /// Brings the table in line with the devices the server lists for this mentee (this device
    /// left out). New ones wait; a known one whose keys changed waits again; ones no longer
    /// listed are gone. Returns how many wait.
    pub fn update_own_devices(
        &mut self,
        listed: &[(String, PublicKeys)],
        now_ms: i64,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        for (device_id, keys) in listed {
            tx.execute(
                "INSERT INTO own_devices (device_id, signing_key, receiving_key, status, first_seen_ms)
                 VALUES (?1, ?2, ?3, 'waiting', ?4)
                 ON CONFLICT (device_id) DO UPDATE SET
                     status = CASE
                         WHEN signing_key != excluded.signing_key OR receiving_key != excluded.receiving_key
                             THEN 'waiting'
                         WHEN status = 'gone' THEN 'waiting'
                         ELSE status END,
                     vouch = CASE
                         WHEN signing_key != excluded.signing_key OR receiving_key != excluded.receiving_key
                             THEN NULL ELSE vouch END,
                     signing_key = excluded.signing_key,
                     receiving_key = excluded.receiving_key",
                params![
                    device_id,
                    keys.signing.as_slice(),
                    keys.receiving.as_slice(),
                    now_ms
                ],
            )?;
        }
        let ids: Vec<&str> = listed.iter().map(|(id, _)| id.as_str()).collect();
        let known: Vec<String> = tx
            .prepare("SELECT device_id FROM own_devices WHERE status != 'gone'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in known.iter().filter(|id| !ids.contains(&id.as_str())) {
            tx.execute(
                "UPDATE own_devices SET status = 'gone' WHERE device_id = ?1",
                [id],
            )?;
        }
        let waiting: i64 = tx.query_row(
            "SELECT count(*) FROM own_devices WHERE status = 'waiting'",
            [],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(waiting as usize)
    }

    pub fn own_devices(&self) -> Result<Vec<OwnDevice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_id, signing_key, receiving_key, status FROM own_devices
             ORDER BY first_seen_ms, device_id",
        )?;
        Ok(super::mentee_devices::keyed_devices(&mut stmt, [])?
            .into_iter()
            .map(|(device_id, keys, status)| OwnDevice {
                device_id,
                keys,
                status: OwnDeviceStatus::from_key(&status),
            })
            .collect())
    }

    /// Says whether a waiting device is the mentee's. Saying yes keeps `vouch` (this device's
    /// signature for it) to send at the next sync.
    pub fn decide_own_device(&mut self, device_id: &str, vouch: Option<&str>) -> Result<()> {
        let status = if vouch.is_some() {
            OwnDeviceStatus::Vouched
        } else {
            OwnDeviceStatus::Declined
        };
        let changed = self.conn.execute(
            "UPDATE own_devices SET status = ?2, vouch = ?3, vouch_sent = 0
             WHERE device_id = ?1 AND status != 'gone'",
            params![device_id, status.key(), vouch],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Vouches made here that the server does not have yet: (device id, vouch JSON).
    pub fn vouches_to_send(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_id, vouch FROM own_devices
             WHERE status = 'vouched' AND vouch IS NOT NULL AND vouch_sent = 0",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn vouch_sent(&mut self, device_id: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE own_devices SET vouch_sent = 1 WHERE device_id = ?1",
            [device_id],
        )?;
        Ok(())
    }

    /// One of the mentee's other devices, if known.
    pub fn own_device(&self, device_id: &str) -> Result<Option<OwnDevice>> {
        Ok(self
            .own_devices()?
            .into_iter()
            .find(|device| device.device_id == device_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::DeviceKeys;

    fn keys() -> PublicKeys {
        DeviceKeys::generate().unwrap().public()
    }

    #[test]
    fn a_new_device_waits_a_yes_keeps_its_vouch_until_sent_and_a_key_change_waits_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let phone = keys();
        assert_eq!(
            store
                .update_own_devices(&[("phone-2".into(), phone.clone())], 1)
                .unwrap(),
            1
        );
        assert!(matches!(
            store.decide_own_device("phone-9", Some("{}")),
            Err(StoreError::NotFound)
        ));
        store
            .decide_own_device("phone-2", Some("{\"v\":1}"))
            .unwrap();
        assert_eq!(
            store.vouches_to_send().unwrap(),
            vec![("phone-2".to_string(), "{\"v\":1}".to_string())]
        );
        store.vouch_sent("phone-2").unwrap();
        assert!(store.vouches_to_send().unwrap().is_empty());
        assert_eq!(
            store.own_device("phone-2").unwrap().unwrap().status,
            OwnDeviceStatus::Vouched
        );
        // Same id, other keys: not the device the mentee said yes to.
        assert_eq!(
            store
                .update_own_devices(&[("phone-2".into(), keys())], 2)
                .unwrap(),
            1
        );
        assert!(store.vouches_to_send().unwrap().is_empty());
        store.update_own_devices(&[], 3).unwrap();
        assert_eq!(
            store.own_device("phone-2").unwrap().unwrap().status,
            OwnDeviceStatus::Gone
        );
    }
}
