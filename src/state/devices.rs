//! Whose devices may read and sign what is shared, decided by people and never by the server:
//! the mentee approves each of their mentor's devices by its code, says whether a new device
//! listed as theirs really is (this device then vouches for it), and a mentor sees each mentee's
//! device codes and approves a new one only after comparing codes with the mentee.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::{Device, DeviceError, Result};
use crate::crypto::identity::vouch_message;
use crate::store::{MenteeDevice, MentorDevice, OwnDevice};
use crate::sync::protocol::Vouch;

impl Device {
    /// The mentor's devices the server listed, with their codes and the mentee's decisions.
    pub fn mentor_devices(&self) -> Result<Vec<MentorDevice>> {
        Ok(self.store()?.mentor_devices()?)
    }

    /// Approves (after the passcode, when one is set) or declines a mentor's device.
    pub fn decide_mentor_device(&self, device_id: &str, approve: bool) -> Result<()> {
        if approve {
            self.require_confirmed_passcode()?;
        }
        self.store()?.decide_mentor_device(
            device_id,
            approve,
            chrono::Utc::now().timestamp_millis(),
        )?;
        self.nudge_sync();
        Ok(())
    }

    /// The other devices the server lists as this mentee's.
    pub fn own_devices(&self) -> Result<Vec<OwnDevice>> {
        Ok(self.store()?.own_devices()?)
    }

    /// Says whether a new device listed as the mentee's is theirs. Yes (after the passcode, when
    /// one is set) signs a vouch for it with this device's key, sent at the next sync; mentors'
    /// devices then trust it. No leaves it untrusted.
    pub fn decide_own_device(&self, device_id: &str, mine: bool) -> Result<()> {
        if !mine {
            self.store()?.decide_own_device(device_id, None)?;
            return Ok(());
        }
        self.require_confirmed_passcode()?;
        let mut store = self.store()?;
        let enrolment = store
            .enrolment()?
            .ok_or_else(|| DeviceError::Said("err-not-connected"))?;
        let other = store
            .own_device(device_id)?
            .ok_or(crate::store::StoreError::NotFound)?;
        let keys = store.device_keys()?;
        let signature = keys.sign(&vouch_message(&enrolment.person_id, device_id, &other.keys));
        let vouch = Vouch {
            by: enrolment.device_id,
            signature: B64.encode(signature),
        };
        let json = serde_json::to_string(&vouch).map_err(|_| DeviceError::Said("err-try-again"))?;
        store.decide_own_device(device_id, Some(&json))?;
        drop(store);
        self.nudge_sync();
        Ok(())
    }

    /// Mentor mode: a mentee's devices as this device trusts them, with their codes.
    pub fn mentee_devices(&self, mentee_id: &str) -> Result<Vec<MenteeDevice>> {
        Ok(self.store()?.mentee_devices(mentee_id)?)
    }

    /// Mentor mode: trusts a waiting device of a mentee after comparing its code with them (after
    /// the passcode, when one is set). Its items are read again at the next sync.
    pub fn approve_mentee_device(&self, mentee_id: &str, device_id: &str) -> Result<()> {
        self.require_confirmed_passcode()?;
        let mut store = self.store()?;
        store.approve_mentee_device(mentee_id, device_id)?;
        // Pull the mentee's feed again from the start: items from that device now verify.
        store.reset_mentee_cursor(mentee_id)?;
        drop(store);
        self.nudge_sync();
        Ok(())
    }
}
