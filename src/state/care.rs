//! The duty-of-care part of the app-state API: the program's confidentiality statement (shown
//! before a mentee's first share, on Privacy, and in a mentor's Help), notices of what happened
//! elsewhere, and a mentor passing one shared item to the program's safeguarding lead.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::{Device, DeviceError, Result};
use crate::crypto::concern::{
    ConcernBody, SignedConcern, concern_message, notice_message, parse_public_key, seal_concern,
};
use crate::crypto::envelope::{Feed, open_with_evidence};
use crate::domain::{LocalStamp, ProgramCare, SharedContent};
use crate::store::{RaisedConcern, StoredNotice};
use crate::sync::protocol::{ConcernRequest, Notice, Role, SignedNotice};
use crate::sync::{Api, CallError};

/// The longest reason a mentor may give.
pub const MAX_REASON: usize = 500;

/// The mark under which the version of the statement a mentee last read is kept.
const CARE_SEEN_MARK: &str = "care_seen";

/// The mark under which the day a mentor was last offered a minute for themselves after raising
/// a concern is kept (days from the common era, local). On this device only; never synced.
const CARE_OFFERED_MARK: &str = "mentor_care_offered_day";

impl Device {
    /// The program's statement, or the general one until the program publishes its own; and
    /// whether it is the program's own. Readable while locked (it comes with the signed
    /// directory).
    pub fn program_care(&self) -> (ProgramCare, bool) {
        match self.program_directory().and_then(|d| d.program) {
            Some(care) => (care, true),
            None => (ProgramCare::general(), false),
        }
    }

    /// [`Device::program_care`] with its words in `lang` (the program's translation, or the
    /// usual rules in that language).
    pub fn program_care_in(&self, lang: crate::i18n::Lang) -> (ProgramCare, bool) {
        match self.program_care() {
            (care, true) => (care.in_lang(lang), true),
            (_, false) => (ProgramCare::general_in(lang), false),
        }
    }

    /// Which statement a mentee has read: the directory's version, or 0 for the general one.
    fn care_version(&self) -> i64 {
        self.program_directory()
            .filter(|d| d.program.is_some())
            .map_or(0, |d| d.version as i64)
    }

    /// Whether the mentee has read the statement in force now (asked before a first share).
    pub fn care_seen(&self) -> Result<bool> {
        let seen = self.store()?.mark(CARE_SEEN_MARK)?;
        // Stored plus one, so "never" (0) differs from "the general one" (version 0).
        Ok(seen == self.care_version() + 1)
    }

    pub fn mark_care_seen(&self) -> Result<()> {
        let version = self.care_version();
        Ok(self.store()?.set_mark(CARE_SEEN_MARK, version + 1)?)
    }

    /// Whether to offer a mentor who has just raised a concern a minute for themselves and a talk
    /// with their coordinator: at most once a day, so it stays an offer and never a routine. The
    /// day is kept on this device only; nothing about it is sent, counted or reported.
    pub fn offer_care_after_concern(&self, today: chrono::NaiveDate) -> Result<bool> {
        use chrono::Datelike;
        let day = i64::from(today.num_days_from_ce());
        let mut store = self.store()?;
        if store.mark(CARE_OFFERED_MARK)? == day {
            return Ok(false);
        }
        store.set_mark(CARE_OFFERED_MARK, day)?;
        Ok(true)
    }

    /// What happened elsewhere, newest first.
    pub fn notices(&self) -> Result<Vec<StoredNotice>> {
        Ok(self.store()?.notices(50)?)
    }

    /// The concerns raised from this device about a mentee, newest first.
    pub fn raised_concerns(&self, mentee_id: &str) -> Result<Vec<RaisedConcern>> {
        Ok(self.store()?.raised_concerns(mentee_id)?)
    }

    /// Passes one shared item to the program's safeguarding lead, with the mentor's reason:
    /// sealed here to the safeguarding key from the signed directory, carrying the mentee's own
    /// signed envelope, signed by this device. Unless `not_told_because` gives the program's
    /// reason, the mentee is told (a notice signed by this device).
    pub async fn raise_concern(
        &self,
        mentee_id: &str,
        item_id: &str,
        reason: &str,
        not_told_because: Option<&str>,
    ) -> Result<RaisedConcern> {
        let enrolment = self
            .enrolment()?
            .filter(|e| e.role == Role::Mentor)
            .ok_or_else(|| DeviceError::Said("err-mentor-only-concern"))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DeviceError::Said("err-concern-reason-empty"));
        }
        if reason.chars().count() > MAX_REASON {
            return Err(DeviceError::Said("err-concern-reason-long"));
        }
        let not_told_because = not_told_because.map(str::trim);
        if not_told_because.is_some_and(|why| why.is_empty() || why.chars().count() > MAX_REASON) {
            return Err(DeviceError::Said("err-concern-why-not"));
        }
        let (care, _) = self.program_care();
        let safeguarding = care
            .safeguarding
            .ok_or_else(|| DeviceError::Said("err-no-safeguarding"))?;
        let public = parse_public_key(&safeguarding.key)
            .map_err(|_| DeviceError::Said("err-safeguarding-key-damaged"))?;

        let (signed, notice) = {
            let mut store = self.store()?;
            let mentee_name = store
                .known_mentees()?
                .into_iter()
                .find(|m| m.person_id == mentee_id)
                .map(|m| m.display_name)
                .ok_or_else(|| DeviceError::Said("err-mentee-unpaired"))?;
            let item = store
                .mentor_items(mentee_id)?
                .into_iter()
                .find(|i| i.item_id == item_id && i.content.is_some())
                .ok_or_else(|| DeviceError::Said("err-item-unshared"))?;
            let envelope = item
                .envelope
                .ok_or_else(|| DeviceError::Said("err-sync-once-more"))?;
            let trusted = store.trusted_mentee_keys(mentee_id)?;
            let keys = store.device_keys()?;
            let (opened, evidence) = open_with_evidence(
                envelope.as_bytes(),
                Feed::Shared,
                item_id,
                mentee_id,
                &enrolment.device_id,
                &keys,
                |id| trusted.get(id).cloned(),
            )
            .map_err(|_| DeviceError::Said("err-item-unverified"))?;
            let payload = opened.payload.unwrap_or_default();
            let content = SharedContent::from_json(&payload)
                .ok_or_else(|| DeviceError::Said("err-item-unreadable"))?;
            let signer_key = trusted
                .get(&opened.signer)
                .map(|k| B64.encode(k.signing))
                .unwrap_or_default();
            let now = chrono::Utc::now().timestamp_millis();
            let body = ConcernBody {
                v: 1,
                raised_at_ms: now,
                mentee_id: mentee_id.to_owned(),
                mentee_name,
                mentor_id: enrolment.person_id.clone(),
                mentor_name: enrolment.display_name.clone(),
                mentor_device: enrolment.device_id.clone(),
                reason: reason.to_owned(),
                mentee_told: not_told_because.is_none(),
                not_told_because: not_told_because.unwrap_or_default().to_owned(),
                kind: content.kind().key().to_owned(),
                content: String::from_utf8_lossy(&payload).into_owned(),
                evidence,
                mentee_device: opened.signer.clone(),
                mentee_device_key: signer_key,
            };
            let body =
                serde_json::to_string(&body).map_err(|_| DeviceError::Said("err-try-again"))?;
            let signature = B64.encode(keys.sign(&concern_message(&body)));
            let signed = serde_json::to_vec(&SignedConcern { body, signature })
                .map_err(|_| DeviceError::Said("err-try-again"))?;
            let notice = match not_told_because {
                Some(_) => None,
                None => {
                    let notice = serde_json::to_string(&Notice::PassedOn {
                        mentee_id: mentee_id.to_owned(),
                        item_id: item_id.to_owned(),
                        passed_to: safeguarding.name.clone(),
                        at_ms: now,
                    })
                    .map_err(|_| DeviceError::Said("err-try-again"))?;
                    Some(SignedNotice {
                        device_id: enrolment.device_id.clone(),
                        signature: B64.encode(keys.sign(&notice_message(&notice))),
                        notice,
                    })
                }
            };
            (signed, notice)
        };
        let sealed =
            seal_concern(&public, &signed).map_err(|_| DeviceError::Said("err-concern-seal"))?;
        let request = ConcernRequest {
            mentee_id: mentee_id.to_owned(),
            sealed: serde_json::to_string(&sealed)
                .map_err(|_| DeviceError::Said("err-try-again"))?,
            safeguarding_key: safeguarding.key.clone(),
            notice,
        };
        let api = Api::new(&enrolment.server_url);
        api.raise_concern(&enrolment.token, &request)
            .await
            .map_err(|err| match err {
                CallError::Offline => DeviceError::Said("err-offline-concern"),
                other => DeviceError::from_call(other),
            })?;
        let raised = RaisedConcern {
            item_id: item_id.to_owned(),
            at_ms: LocalStamp::now().utc_millis(),
            passed_to: safeguarding.name,
            mentee_told: request.notice.is_some(),
        };
        self.store()?.note_concern_raised(mentee_id, &raised)?;
        Ok(raised)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mentor_is_offered_a_minute_at_most_once_a_day_even_after_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let monday = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let device = Device::open(dir.path()).unwrap();
        assert!(device.offer_care_after_concern(monday).unwrap());
        assert!(!device.offer_care_after_concern(monday).unwrap());
        drop(device);
        let device = Device::open(dir.path()).unwrap();
        assert!(
            !device.offer_care_after_concern(monday).unwrap(),
            "the same day, after the app was closed"
        );
        let tuesday = monday.succ_opt().unwrap();
        assert!(device.offer_care_after_concern(tuesday).unwrap());
        assert!(!device.offer_care_after_concern(tuesday).unwrap());
    }
}
