//! Replies in a sync round. A mentor's device sends the replies it sealed (the same bytes on
//! every try; the server keeps each once by id). A mentee's device reads its replies feed by
//! cursor and keeps only what verifies against a mentor device the mentee approved, on the
//! replies feed, for this mentee: anything tampered with, moved from another feed or mentee, or
//! signed by anyone else is dropped, and a reply seen before is not kept twice.

use super::client::{Api, CallError};
use super::engine::{Shared, SyncError, SyncReport, lock};
use super::protocol::{PutOutcome, ReplyBatch, ReplyPut};
use crate::crypto::envelope::Feed;
use crate::crypto::{self, PublicKeys};
use crate::domain::{Reply, ShareKind};
use crate::store::{DeviceTrust, Enrolment, MARK_REPLIES_OFF, ReceivedReply};

/// The mark under which the last reply fetched is kept.
const REPLIES_MARK: &str = "replies_after";

/// The mark saying the mentee reported one of `mentor_id`'s notes (their notes wait).
pub fn paused_mark(mentor_or_mentee_id: &str) -> String {
    format!("paused:{mentor_or_mentee_id}")
}

/// Sends every reply this mentor device wrote and the server doesn't have yet.
pub(super) async fn send_replies(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let waiting = lock(store)?.written_replies(None)?;
    let mut by_mentee: std::collections::BTreeMap<String, Vec<ReplyPut>> = Default::default();
    for reply in waiting {
        by_mentee
            .entry(reply.mentee_id)
            .or_default()
            .push(ReplyPut {
                reply_id: reply.reply_id,
                envelope: String::from_utf8_lossy(&reply.envelope).into_owned(),
            });
    }
    for (mentee_id, replies) in by_mentee {
        for chunk in replies.chunks(super::protocol::MAX_REPLY_BATCH) {
            let batch = ReplyBatch {
                mentee_id: mentee_id.clone(),
                replies: chunk.to_vec(),
            };
            match api.put_replies(&enrolment.token, &batch).await {
                Ok(response) => {
                    let sent: Vec<String> = chunk
                        .iter()
                        .zip(response.outcomes.iter())
                        .filter(|(_, outcome)| {
                            matches!(outcome, PutOutcome::Stored | PutOutcome::AlreadyStored)
                        })
                        .map(|(reply, _)| reply.reply_id.clone())
                        .collect();
                    report.sent += sent.len();
                    lock(store)?.reply_sent(&sent)?;
                }
                // Paused, or the match ended: they wait here, and the screen says why.
                Err(CallError::Refused { code, message, .. }) => report
                    .refused
                    .push(super::client::refusal_text(&code, &message)),
                Err(err) => return Err(err.into()),
            }
        }
    }
    Ok(())
}

/// How far ahead of this phone's clock a reply may be dated (another phone's clock may be off).
const MAX_CLOCK_AHEAD_MS: i64 = 24 * 3600 * 1000;

/// Reads this mentee's replies feed and keeps what verifies.
pub(super) async fn fetch_replies(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    loop {
        let after = lock(store)?.mark(REPLIES_MARK)?;
        let page = api.replies(&enrolment.token, after).await?;
        let mut store = lock(store)?;
        let keys = store.device_keys()?;
        let approved: Vec<crate::store::MentorDevice> = store
            .mentor_devices()?
            .into_iter()
            .filter(|d| d.trust == DeviceTrust::Approved)
            .collect();
        let replies_off = store.mark(MARK_REPLIES_OFF)? == 1;
        let free_text = crate::state::program_care_at(store.dir()).free_text_replies;
        // The mentee's own requests for contact, read once a page and only if an "I saw this"
        // needs them.
        let mut requests: Option<std::collections::HashSet<String>> = None;
        let now_ms = chrono::Utc::now().timestamp_millis();
        for change in &page.replies {
            let signer = |id: &str| -> Option<PublicKeys> {
                approved
                    .iter()
                    .find(|d| d.device_id == id && d.mentor_id == change.mentor_id)
                    .map(|d| d.keys.clone())
            };
            let opened = crypto::envelope::open(
                change.envelope.as_bytes(),
                Feed::Replies,
                &change.reply_id,
                &enrolment.person_id,
                &enrolment.device_id,
                &keys,
                signer,
            );
            let Ok(opened) = opened else {
                report.unverified += 1;
                tracing::warn!("a reply that did not verify was dropped");
                continue;
            };
            let Some(mut reply) = opened
                .payload
                .as_deref()
                .and_then(|p| serde_json::from_slice::<Reply>(p).ok())
            else {
                report.unverified += 1;
                continue;
            };
            // The program's rules, checked here as the mentor's app checks them before sending:
            // a changed app could otherwise put its own words (any length) in an "I saw this",
            // a made-up preset or the availability line.
            if let Err(broken) = reply.check(free_text) {
                report.unverified += 1;
                tracing::warn!("a reply that breaks the program's rules was dropped: {broken:?}");
                continue;
            }
            // A cheer names one of this mentee's own goal steps, word for word, or it is not a
            // cheer (its "step" would be a way round the rules above).
            if let Reply::Cheer { goal_id, step, .. } = &reply {
                let names_a_step = crate::domain::EntryId::parse(goal_id)
                    .and_then(|id| store.goal(&id).ok())
                    .is_some_and(|goal| goal.steps.iter().any(|s| &s.text == step));
                if !names_a_step {
                    report.unverified += 1;
                    tracing::warn!("a cheer for no goal step of this mentee was dropped");
                    continue;
                }
            }
            // "I saw this" answers one of this mentee's own requests for contact, or it is not
            // one (it always comes through, so a made-up request would be a way past notes off).
            if let Reply::Ack { request_id, .. } = &reply {
                if requests.is_none() {
                    requests = Some(
                        store
                            .share_log(10_000)?
                            .into_iter()
                            .filter(|line| line.kind == ShareKind::ContactRequest)
                            .map(|line| line.item_id)
                            .collect(),
                    );
                }
                if !requests
                    .as_ref()
                    .is_some_and(|asked| asked.contains(request_id))
                {
                    report.unverified += 1;
                    tracing::warn!("an acknowledgement of no request of this mentee was dropped");
                    continue;
                }
            }
            // Nothing dated in the future (it would sit on top of everything for good).
            if reply.at_ms() > now_ms + MAX_CLOCK_AHEAD_MS {
                report.unverified += 1;
                tracing::warn!("a reply dated in the future was dropped");
                continue;
            }
            // Notes wait for nobody when replies are off, or while this mentor is paused;
            // "I saw this" answers what the mentee asked, so it always comes through, but
            // without words of its own then: those would be a note by another name.
            let paused = store.mark(&paused_mark(&change.mentor_id))? == 1;
            let is_note = matches!(reply, Reply::Note { .. } | Reply::Cheer { .. });
            if is_note && (replies_off || paused) {
                continue;
            }
            if let Reply::Ack { words, .. } = &mut reply
                && (replies_off || paused)
            {
                *words = None;
            }
            let mentor_name = approved
                .iter()
                .find(|d| d.mentor_id == change.mentor_id)
                .map(|d| d.mentor_name.clone())
                .unwrap_or_default();
            let received = ReceivedReply {
                reply_id: change.reply_id.clone(),
                mentor_id: change.mentor_id.clone(),
                mentor_name,
                payload: serde_json::to_string(&reply).unwrap_or_default(),
                envelope: change.envelope.clone(),
                at_ms: reply.at_ms(),
                kept: false,
            };
            if store.add_received_reply(&received, now_ms)? {
                report.received += 1;
            }
        }
        store.set_mark(REPLIES_MARK, page.last_seq.max(after))?;
        if !page.more {
            return Ok(());
        }
    }
}
