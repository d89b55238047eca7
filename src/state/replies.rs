//! Replies in the app-state API, on the mentee's terms. A mentor writes an acknowledgement, a note,
//! a cheer or their availability line: sealed here to the mentee's trusted devices and signed by
//! this device, sent at the next sync. A mentee reads what verified, keeps or clears each, sets
//! whether replies come at all and whether the mentor may see what was read, and can report a
//! note to the program (which pauses that mentor's notes until staff look at it).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::{Device, DeviceError, Result};
use crate::crypto::concern::{parse_public_key, seal_concern};
use crate::crypto::envelope::{Evidence, Feed, ItemRef, Recipient, open_with_evidence};
use crate::domain::share::TERMS_ID;
use crate::domain::{EntryId, LocalStamp, Reply, ShareKind, SharedContent};
use crate::i18n::Phrase;
use crate::store::{
    MARK_READ_RECEIPTS, MARK_READ_UP_TO, MARK_REPLIES_OFF, NoticeKind, ReceivedReply, WrittenReply,
};
use crate::sync::protocol::{ReportRequest, Role};
use crate::sync::{Api, CallError, paused_mark};

/// A reply as a mentee's screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownReply {
    pub reply_id: String,
    pub mentor_id: String,
    pub mentor_name: String,
    pub reply: Reply,
    pub kept: bool,
}

/// What a mentor may send a mentee now, and if not, why (in words for the mentor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComposeState {
    Open,
    /// Why not, said in the mentor's language.
    Closed(Phrase),
}

/// A reply a mentor sent, with whether the mentee read it (only when they let the mentor see).
#[derive(Clone, Debug, PartialEq)]
pub struct SentReply {
    pub reply: Reply,
    pub sent: bool,
    pub seen: bool,
}

/// What a mentee's report says, sealed to the safeguarding key. The inbox reads this.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ReportBody {
    pub v: u32,
    /// Always "report".
    pub kind: String,
    pub raised_at_ms: i64,
    pub mentee_id: String,
    pub mentee_name: String,
    pub mentor_id: String,
    pub mentor_name: String,
    /// The note as the mentee read it (the reply's JSON).
    pub content: String,
    /// The mentor's envelope and its content key: the inbox checks the mentor's signature.
    pub evidence: Evidence,
    pub mentor_device: String,
    pub mentor_device_key: String,
}

impl Device {
    /// The mentee's terms: (replies on, read receipts on).
    pub fn reply_terms(&self) -> Result<(bool, bool)> {
        let store = self.store()?;
        Ok((
            store.mark(MARK_REPLIES_OFF)? == 0,
            store.mark(MARK_READ_RECEIPTS)? == 1,
        ))
    }

    /// Sets the mentee's terms and sends them to their mentors at the next sync (from the first
    /// change on, they go to every mentor the mentee has).
    pub fn set_reply_terms(&self, replies_on: bool, read_receipts: bool) -> Result<()> {
        let shared = {
            let mut store = self.store()?;
            store.set_mark(MARK_REPLIES_OFF, i64::from(!replies_on))?;
            store.set_mark(MARK_READ_RECEIPTS, i64::from(read_receipts))?;
            let shared = store.share_mode(ShareKind::Terms, TERMS_ID)?.is_shared();
            if shared {
                store.touch_share(ShareKind::Terms, TERMS_ID, LocalStamp::now().utc_millis())?;
            }
            shared
        };
        if !shared {
            self.set_share(
                ShareKind::Terms,
                TERMS_ID,
                crate::domain::ShareMode::Shared,
                "your reply settings",
            )?;
        }
        self.nudge_sync();
        Ok(())
    }

    /// What mentors sent and the mentee hasn't cleared: kept first, then newest first.
    pub fn replies(&self) -> Result<Vec<ShownReply>> {
        Ok(self
            .store()?
            .received_replies()?
            .into_iter()
            .filter_map(|r| {
                Some(ShownReply {
                    reply: serde_json::from_str(&r.payload).ok()?,
                    reply_id: r.reply_id,
                    mentor_id: r.mentor_id,
                    mentor_name: r.mentor_name,
                    kept: r.kept,
                })
            })
            .collect())
    }

    pub fn keep_reply(&self, reply_id: &str, kept: bool) -> Result<()> {
        Ok(self.store()?.keep_reply(reply_id, kept)?)
    }

    pub fn clear_reply(&self, reply_id: &str) -> Result<()> {
        Ok(self.store()?.clear_reply(reply_id)?)
    }

    /// The mentee looked at their replies: with read receipts on, mentors may see it.
    pub fn mark_replies_read(&self) -> Result<()> {
        let mut store = self.store()?;
        if store.mark(MARK_READ_RECEIPTS)? != 1 {
            return Ok(());
        }
        let newest = store.newest_reply_ms()?;
        if newest > store.mark(MARK_READ_UP_TO)? {
            store.set_mark(MARK_READ_UP_TO, newest)?;
            store.touch_share(ShareKind::Terms, TERMS_ID, LocalStamp::now().utc_millis())?;
            drop(store);
            self.nudge_sync();
        }
        Ok(())
    }

    /// The acknowledgement of one request for contact, if a mentor sent one.
    pub fn ack_for(&self, request_id: &str) -> Result<Option<ShownReply>> {
        Ok(self
            .replies()?
            .into_iter()
            .find(|r| matches!(&r.reply, Reply::Ack { request_id: id, .. } if id == request_id)))
    }

    /// Each mentor's newest availability line: (mentor name, text).
    pub fn availability(&self) -> Result<Vec<(String, String)>> {
        let mut lines: Vec<(String, String, i64)> = Vec::new();
        for reply in self.replies()? {
            if let Reply::Availability { text, at_ms } = &reply.reply {
                match lines
                    .iter_mut()
                    .find(|(name, _, _)| *name == reply.mentor_name)
                {
                    Some(line) if line.2 < *at_ms => {
                        *line = (reply.mentor_name.clone(), text.clone(), *at_ms)
                    }
                    Some(_) => {}
                    None => lines.push((reply.mentor_name.clone(), text.clone(), *at_ms)),
                }
            }
        }
        Ok(lines.into_iter().map(|(n, t, _)| (n, t)).collect())
    }

    /// The newest request for contact and when it was made, if the mentee asked.
    pub fn last_request(&self) -> Result<Option<(String, LocalStamp)>> {
        Ok(self
            .share_log()?
            .into_iter()
            .find(|line| line.kind == ShareKind::ContactRequest)
            .map(|line| (line.item_id, line.at)))
    }

    /// Whether the mentee's newest request has waited longer than the program says mentors
    /// answer in, with no acknowledgement (then the mentee may choose to tell the coordinator).
    pub fn request_unanswered(&self) -> Result<bool> {
        self.request_unanswered_at(chrono::Utc::now().timestamp_millis())
    }

    /// [`Device::request_unanswered`] as of `now_ms` (milliseconds since the Unix epoch).
    pub fn request_unanswered_at(&self, now_ms: i64) -> Result<bool> {
        let hours = self.program_care().0.reply_within_hours;
        if hours == 0 {
            return Ok(false);
        }
        let Some((id, at)) = self.last_request()? else {
            return Ok(false);
        };
        let waited = now_ms - at.utc_millis();
        Ok(waited > i64::from(hours) * 3_600_000 && self.ack_for(&id)?.is_none())
    }

    /// Reports one note to the program's safeguarding lead with the mentor's own signature, and
    /// pauses that mentor's notes here until staff look at it.
    pub async fn report_reply(&self, reply_id: &str) -> Result<()> {
        let enrolment = self
            .enrolment()?
            .filter(|e| e.role == Role::Mentee)
            .ok_or_else(|| DeviceError::Said("err-connect-first"))?;
        let safeguarding = self
            .program_care()
            .0
            .safeguarding
            .ok_or_else(|| DeviceError::Said("err-no-report-inbox"))?;
        let public = parse_public_key(&safeguarding.key)
            .map_err(|_| DeviceError::Said("err-program-key-damaged"))?;
        let (sealed, mentor_id) = {
            let mut store = self.store()?;
            let reply: ReceivedReply = store
                .received_reply(reply_id)?
                .ok_or_else(|| DeviceError::Said("err-note-gone"))?;
            let devices = store.mentor_devices()?;
            let keys = store.device_keys()?;
            let (opened, evidence) = open_with_evidence(
                reply.envelope.as_bytes(),
                Feed::Replies,
                reply_id,
                &enrolment.person_id,
                &enrolment.device_id,
                &keys,
                |id| {
                    devices
                        .iter()
                        .find(|d| d.device_id == id && d.mentor_id == reply.mentor_id)
                        .map(|d| d.keys.clone())
                },
            )
            .map_err(|_| DeviceError::Said("err-note-unchecked"))?;
            let mentor_key = devices
                .iter()
                .find(|d| d.device_id == opened.signer)
                .map(|d| B64.encode(d.keys.signing))
                .unwrap_or_default();
            let body = ReportBody {
                v: 1,
                kind: "report".into(),
                raised_at_ms: chrono::Utc::now().timestamp_millis(),
                mentee_id: enrolment.person_id.clone(),
                mentee_name: enrolment.display_name.clone(),
                mentor_id: reply.mentor_id.clone(),
                mentor_name: reply.mentor_name.clone(),
                content: String::from_utf8_lossy(&opened.payload.unwrap_or_default()).into_owned(),
                evidence,
                mentor_device: opened.signer,
                mentor_device_key: mentor_key,
            };
            let body =
                serde_json::to_string(&body).map_err(|_| DeviceError::Said("err-try-again"))?;
            let signature = B64.encode(keys.sign(&crate::crypto::concern::concern_message(&body)));
            let signed =
                serde_json::to_vec(&crate::crypto::concern::SignedConcern { body, signature })
                    .map_err(|_| DeviceError::Said("err-try-again"))?;
            let sealed =
                seal_concern(&public, &signed).map_err(|_| DeviceError::Said("err-report-seal"))?;
            (sealed, reply.mentor_id)
        };
        let request = ReportRequest {
            mentor_id: mentor_id.clone(),
            sealed: serde_json::to_string(&sealed)
                .map_err(|_| DeviceError::Said("err-try-again"))?,
            safeguarding_key: safeguarding.key.clone(),
        };
        Api::new(&enrolment.server_url)
            .report(&enrolment.token, &request)
            .await
            .map_err(|err| match err {
                CallError::Offline => DeviceError::Said("err-offline-not-sent"),
                other => DeviceError::from_call(other),
            })?;
        let mut store = self.store()?;
        store.set_mark(&paused_mark(&mentor_id), 1)?;
        let name = store.mentor_name(&mentor_id)?.unwrap_or_default();
        store.add_notice(
            NoticeKind::PassedOn,
            &crate::i18n::Phrase::new(
                "notice-reported",
                &[("mentor", &name), ("to", &safeguarding.name)],
            )
            .to_text(),
            reply_id,
            LocalStamp::now(),
        )?;
        Ok(())
    }

    /// Whether this mentor may send `mentee_id` a note now, and if not, why.
    pub fn compose_state(&self, mentee_id: &str) -> Result<ComposeState> {
        let store = self.store()?;
        let name = store
            .known_mentees()?
            .into_iter()
            .find(|m| m.person_id == mentee_id)
            .map(|m| m.display_name)
            .unwrap_or_default();
        if store.mark(&paused_mark(mentee_id))? == 1 {
            return Ok(ComposeState::Closed(Phrase::new(
                "compose-paused",
                &[("name", &name)],
            )));
        }
        let terms = store
            .mentor_items(mentee_id)?
            .into_iter()
            .filter_map(|i| SharedContent::from_json(i.content.as_deref()?.as_bytes()))
            .find_map(|c| match c {
                SharedContent::Terms { replies, .. } => Some(replies),
                _ => None,
            });
        Ok(match terms {
            Some(false) => ComposeState::Closed(Phrase::new("compose-off", &[("name", &name)])),
            _ => ComposeState::Open,
        })
    }

    /// Writes a reply to a mentee: checked, sealed to their trusted devices, kept to send at the
    /// next sync. Returns its id.
    pub fn send_reply(&self, mentee_id: &str, reply: &Reply) -> Result<String> {
        let enrolment = self
            .enrolment()?
            .filter(|e| e.role == Role::Mentor)
            .ok_or_else(|| DeviceError::Said("err-mentor-only-reply"))?;
        let is_note = matches!(reply, Reply::Note { .. } | Reply::Cheer { .. });
        if is_note && let ComposeState::Closed(why) = self.compose_state(mentee_id)? {
            return Err(DeviceError::Phrase(why));
        }
        let free_text = self.program_care().0.free_text_replies;
        reply.check(free_text).map_err(DeviceError::Reply)?;
        let mut store = self.store()?;
        let recipients: Vec<Recipient> = store
            .trusted_mentee_keys(mentee_id)?
            .into_iter()
            .map(|(device_id, keys)| Recipient { device_id, keys })
            .collect();
        if recipients.is_empty() {
            return Err(DeviceError::Said("err-mentee-unknown"));
        }
        let reply_id = EntryId::new().as_str().to_owned();
        let payload = serde_json::to_vec(reply).map_err(|_| DeviceError::Said("err-try-again"))?;
        let keys = store.device_keys()?;
        let envelope = crate::crypto::envelope::seal(
            &ItemRef {
                feed: Feed::Replies,
                item_id: reply_id.clone(),
                version: 1,
                mentee_id: mentee_id.to_owned(),
            },
            &payload,
            &enrolment.device_id,
            &keys,
            &recipients,
        )
        .map_err(|_| DeviceError::Said("err-note-seal"))?;
        store.add_written_reply(&WrittenReply {
            reply_id: reply_id.clone(),
            mentee_id: mentee_id.to_owned(),
            payload: String::from_utf8_lossy(&payload).into_owned(),
            envelope,
            at_ms: reply.at_ms(),
            sent: false,
        })?;
        drop(store);
        self.nudge_sync();
        Ok(reply_id)
    }

    /// What this mentor sent a mentee, oldest first, with whether each was seen (only when the
    /// mentee lets the mentor see).
    pub fn sent_replies(&self, mentee_id: &str) -> Result<Vec<SentReply>> {
        let store = self.store()?;
        let read_up_to = store
            .mentor_items(mentee_id)?
            .into_iter()
            .filter_map(|i| SharedContent::from_json(i.content.as_deref()?.as_bytes()))
            .find_map(|c| match c {
                SharedContent::Terms {
                    read_receipts: true,
                    read_up_to_ms,
                    ..
                } => Some(read_up_to_ms),
                _ => None,
            });
        Ok(store
            .written_replies(Some(mentee_id))?
            .into_iter()
            .filter_map(|w| {
                let reply: Reply = serde_json::from_str(&w.payload).ok()?;
                Some(SentReply {
                    seen: read_up_to.is_some_and(|up_to| reply.at_ms() <= up_to),
                    reply,
                    sent: w.sent,
                })
            })
            .collect())
    }

    /// The mentor's availability line, sent to every mentee they have.
    pub fn set_availability(&self, text: &str) -> Result<()> {
        let reply = Reply::Availability {
            text: text.trim().to_owned(),
            at_ms: chrono::Utc::now().timestamp_millis(),
        };
        for mentee in self.mentees()? {
            self.send_reply(&mentee.person_id, &reply)?;
        }
        Ok(())
    }

    /// The availability line this mentor sent last, if any.
    pub fn my_availability(&self) -> Result<Option<String>> {
        let mentees = self.mentees()?;
        let store = self.store()?;
        let mut newest: Option<(i64, String)> = None;
        for mentee in &mentees {
            for written in store.written_replies(Some(&mentee.person_id))? {
                if let Ok(Reply::Availability { text, at_ms }) =
                    serde_json::from_str(&written.payload)
                    && newest.as_ref().is_none_or(|(at, _)| *at < at_ms)
                {
                    newest = Some((at_ms, text));
                }
            }
        }
        Ok(newest.map(|(_, text)| text))
    }
}
