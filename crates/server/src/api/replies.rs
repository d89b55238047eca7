//! A mentor's replies to a mentee, and a mentee's report of one to the safeguarding inbox.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use steady_core::i18n::Phrase;

use super::auth::{Mentee, Mentor};
use super::concerns::{InboxWords, caller_signing_key, keep_in_inbox, sealed_for_inbox};
use super::{Cursor, off_the_workers, parse_body};
use crate::ServerState;
use crate::error::Refusal;
use steady_core::protocol::*;

/// Whether an envelope's unsealed header says it is reply `reply_id` for `mentee_id` (the
/// mentee's device checks the signature; this keeps junk and misdirected bytes out).
fn reply_header_matches(envelope: &str, mentee_id: &str, reply_id: &str) -> bool {
    #[derive(Deserialize)]
    struct Header {
        feed: String,
        item: String,
        mentee: String,
        #[serde(default)]
        tomb: bool,
    }
    serde_json::from_str::<Header>(envelope).is_ok_and(|h| {
        h.feed == "replies" && h.item == reply_id && h.mentee == mentee_id && !h.tomb
    })
}

/// A paired mentor's device writes sealed replies to a mentee's feed: each kept once by id,
/// never changed, never taken back. Paused while the mentee's report of this mentor is open.
pub(super) async fn put_replies(
    State(state): State<ServerState>,
    Mentor(caller): Mentor,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ReplyBatchResponse>, Refusal> {
    let batch: ReplyBatch = parse_body(body)?;
    if !state.store.is_paired(&batch.mentee_id, &caller.person_id)? {
        return Err(Refusal::not_found());
    }
    if batch.replies.len() > MAX_REPLY_BATCH {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("Send at most {MAX_REPLY_BATCH} replies at a time."),
        ));
    }
    for reply in &batch.replies {
        let id_ok = !reply.reply_id.is_empty()
            && reply.reply_id.len() <= 64
            && reply
                .reply_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok || reply.envelope.len() > MAX_REPLY_BYTES {
            return Err(Refusal::bad_request(
                "Reply ids are 1 to 64 letters, digits, dashes or underscores, and a reply is at most 16 KiB.",
            ));
        }
        if !reply_header_matches(&reply.envelope, &batch.mentee_id, &reply.reply_id) {
            return Err(Refusal::bad_request(
                "A reply must be a sealed envelope on the replies feed, for this mentee and this id.",
            ));
        }
    }
    if state
        .store
        .replies_paused(&batch.mentee_id, &caller.person_id)?
    {
        return Err(Refusal::new(
            StatusCode::CONFLICT,
            "replies_paused",
            "Replies to this mentee are paused while your program looks at something. They will be in touch.",
        ));
    }
    let (store, quota) = (state.store.clone(), state.quota_bytes);
    let outcomes = off_the_workers(move || {
        store.put_replies(
            &batch.mentee_id,
            &caller.person_id,
            &batch.replies,
            quota,
            crate::now(),
        )
    })
    .await?;
    Ok(Json(ReplyBatchResponse { outcomes }))
}

/// A mentee's device reads its replies feed by cursor.
pub(super) async fn get_replies(
    State(state): State<ServerState>,
    Mentee(caller): Mentee,
    cursor: Result<Query<Cursor>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ReplyPage>, Refusal> {
    let Query(cursor) = cursor.map_err(|_| {
        Refusal::bad_request("`after` must be a whole number and `limit` between 1 and 500.")
    })?;
    let limit = cursor.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let after = cursor.after.max(0);
    let (replies, more) = state.store.replies(&caller.person_id, after, limit)?;
    let last_seq = replies.last().map_or(after, |r| r.seq);
    Ok(Json(ReplyPage {
        replies,
        last_seq,
        more,
    }))
}

/// How many of a mentee's reports about one mentor may wait in the inbox, not yet handled.
pub const MAX_OPEN_REPORTS: i64 = 10;

/// A mentee reports one mentor's note to the program's safeguarding lead. Sealed on the phone;
/// the server keeps it in the inbox and pauses that mentor's replies to this mentee until staff
/// mark it handled.
pub(super) async fn report(
    State(state): State<ServerState>,
    Mentee(caller): Mentee,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Refusal> {
    let request: ReportRequest = parse_body(body)?;
    // A mentor paired now, or one whose match ended: either may have sent the note, and the
    // server holds what they sent. Anyone else is "not found", as for any id not this mentee's.
    let mentor = state
        .store
        .person(&request.mentor_id)
        .ok()
        .filter(|p| p.role == Role::Mentor)
        .ok_or_else(Refusal::not_found)?;
    if !state.store.is_paired(&caller.person_id, &mentor.id)?
        && !state.store.wrote_to(&caller.person_id, &mentor.id)?
    {
        return Err(Refusal::not_found());
    }
    // A few at a time about one mentor (that mentor is paused from the first): the inbox is for
    // people, and one phone must not bury everyone else's. Another mentor can still be reported.
    if state
        .store
        .open_between("report", &caller.person_id, &mentor.id)?
        >= MAX_OPEN_REPORTS
    {
        return Err(Refusal::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_open_reports",
            "You've sent a few reports that haven't been looked at yet. They will be. \
             If you feel unsafe now, use Get help.",
        ));
    }
    let key_id = sealed_for_inbox(
        &state,
        &request.safeguarding_key,
        &request.sealed,
        &InboxWords {
            not_set_up: "Your program hasn't set up a way to report notes yet. You can talk to your coordinator.",
            moved: "Your program changed where reports go. Tap Update now, then try again.",
            not_sealed: "The report is not sealed in a form the server keeps (or is over 256 KiB).",
        },
    )?;
    let my_key = caller_signing_key(&state, &caller)?;
    let mentee = state.store.person(&caller.person_id)?;
    let report = crate::storage::care::NewConcern {
        kind: "report".into(),
        mentee_id: mentee.id.clone(),
        mentee_name: mentee.display_name.clone(),
        mentor_id: mentor.id.clone(),
        mentor_name: mentor.display_name.clone(),
        device_id: caller.device_id.clone(),
        device_key: my_key,
        key_id,
        sealed: request.sealed,
        mentee_told: true,
        notice: None,
    };
    keep_in_inbox(
        &state,
        report,
        Phrase::new("audit-who-mentee", &[("name", &mentee.display_name)]),
        "reported a note",
        Phrase::new("audit-detail-reported", &[("mentor", &mentor.display_name)]),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
