//! A mentor's concern to the safeguarding inbox, and the notices a mentee is shown about it.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;
use steady_core::i18n::Phrase;

use super::auth::{Mentee, Mentor};
use super::{off_the_workers, parse_body};
use crate::ServerState;
use crate::error::Refusal;
use crate::storage::Caller;
use crate::storage::staff::Audited;
use steady_core::protocol::*;

/// How a refusal names what went to the safeguarding inbox (a mentor's concern, a mentee's report).
pub(super) struct InboxWords {
    pub(super) not_set_up: &'static str,
    pub(super) moved: &'static str,
    pub(super) not_sealed: &'static str,
}

/// Checks that `sealed` is sealed, in a form the server keeps, to the inbox key the device named
/// (`sealed_to`), and that this is still the program's key. Returns the key's id.
pub(super) fn sealed_for_inbox(
    state: &ServerState,
    sealed_to: &str,
    sealed: &str,
    words: &InboxWords,
) -> Result<i64, Refusal> {
    // Where concerns go is what the program signed into the directory, not the newest row in
    // the database (see `console::care::published_safeguarding`).
    let published = crate::console::published_safeguarding(state).map_err(|err| {
        tracing::error!("where concerns go cannot be checked: {err}");
        Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "safeguarding_unverified",
            "The server can't check where concerns go right now. Call your coordinator instead.",
        )
    })?;
    let key = published.and_then(|inbox| {
        state
            .store
            .safeguarding_keys()
            .ok()?
            .into_iter()
            .find(|row| row.public_key == inbox.key)
    });
    let Some(key) = key else {
        return Err(Refusal::new(
            StatusCode::CONFLICT,
            "no_safeguarding",
            words.not_set_up,
        ));
    };
    if key.public_key != sealed_to {
        return Err(Refusal::new(
            StatusCode::CONFLICT,
            "safeguarding_key_changed",
            words.moved,
        ));
    }
    let sealed_ok = sealed.len() <= MAX_CONCERN_BYTES
        && serde_json::from_str::<steady_core::crypto::concern::SealedConcern>(sealed).is_ok();
    if !sealed_ok {
        return Err(Refusal::bad_request(words.not_sealed));
    }
    Ok(key.id)
}

/// The signing key of the device making this call, as enrolled.
pub(super) fn caller_signing_key(state: &ServerState, caller: &Caller) -> Result<String, Refusal> {
    state
        .store
        .devices(&caller.person_id)?
        .into_iter()
        .find(|d| d.device_id == caller.device_id)
        .map(|d| d.signing_key)
        .ok_or_else(Refusal::unauthorized)
}

/// A mentor passes one shared item to the program's safeguarding lead. The server checks who is
/// asking and about whom, that the concern was sealed to the inbox's current key, and that the
/// notice for the mentee is signed by this device; it can read none of the concern.
pub(super) async fn raise_concern(
    State(state): State<ServerState>,
    Mentor(caller): Mentor,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ConcernResponse>, Refusal> {
    let request: ConcernRequest = parse_body(body)?;
    if !state
        .store
        .is_paired(&request.mentee_id, &caller.person_id)?
    {
        return Err(Refusal::not_found());
    }
    let key_id = sealed_for_inbox(
        &state,
        &request.safeguarding_key,
        &request.sealed,
        &InboxWords {
            not_set_up: "Your program hasn't set up its safeguarding inbox yet. Call your coordinator instead.",
            moved: "Your program changed where concerns go. Tap Update now, then try again.",
            not_sealed: "The concern is not sealed in a form the server keeps (or is over 256 KiB).",
        },
    )?;
    let my_key = caller_signing_key(&state, &caller)?;
    let notice = match &request.notice {
        None => None,
        Some(signed) => {
            let signature_ok = B64
                .decode(&my_key)
                .ok()
                .zip(B64.decode(&signed.signature).ok())
                .is_some_and(|(key, signature)| {
                    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, key)
                        .verify(
                            &steady_core::crypto::concern::notice_message(&signed.notice),
                            &signature,
                        )
                        .is_ok()
                });
            let about_this_mentee = matches!(
                serde_json::from_str::<Notice>(&signed.notice),
                Ok(Notice::PassedOn { mentee_id, .. }) if mentee_id == request.mentee_id
            );
            if signed.device_id != caller.device_id
                || signed.notice.len() > MAX_NOTICE_BYTES
                || !signature_ok
                || !about_this_mentee
            {
                return Err(Refusal::bad_request(
                    "The notice for the mentee must be about them and signed by this device.",
                ));
            }
            Some(serde_json::to_string(signed).map_err(|_| Refusal::bad_request("Bad notice."))?)
        }
    };
    let mentee = state.store.person(&request.mentee_id)?;
    let mentor = state.store.person(&caller.person_id)?;
    let concern = crate::storage::care::NewConcern {
        kind: "concern".into(),
        mentee_id: mentee.id.clone(),
        mentee_name: mentee.display_name.clone(),
        mentor_id: mentor.id.clone(),
        mentor_name: mentor.display_name.clone(),
        device_id: caller.device_id.clone(),
        device_key: my_key,
        key_id,
        sealed: request.sealed.clone(),
        mentee_told: notice.is_some(),
        notice,
    };
    let told = if concern.mentee_told {
        "audit-detail-concern-told"
    } else {
        "audit-detail-concern-not-told"
    };
    let concern_id = keep_in_inbox(
        &state,
        concern,
        Phrase::new("audit-who-mentor", &[("name", &mentor.display_name)]),
        "raised a concern",
        Phrase::new(told, &[("mentee", &mentee.display_name)]),
    )
    .await?;
    tracing::info!(device = %caller.device_id, "a mentor raised a concern");
    Ok(Json(ConcernResponse { concern_id }))
}

#[derive(Deserialize)]
pub(super) struct NoticesAfter {
    #[serde(default)]
    after: i64,
}

/// What mentors' devices told this mentee, after the last one their device has.
pub(super) async fn notices(
    State(state): State<ServerState>,
    Mentee(caller): Mentee,
    after: Result<Query<NoticesAfter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<NoticePage>, Refusal> {
    let Query(after) =
        after.map_err(|_| Refusal::bad_request("`after` must be a whole number."))?;
    let notices = state
        .store
        .notices(&caller.person_id, after.after.max(0))?
        .into_iter()
        .filter_map(|(id, notice)| {
            Some(NoticeEntry {
                id,
                notice: serde_json::from_str(&notice).ok()?,
            })
        })
        .collect();
    Ok(Json(NoticePage { notices }))
}

/// Keeps a concern or report for the safeguarding inbox and, in the same transaction, says so in
/// the audit log (who, what, about whom; never its sealed words). Its id.
pub(super) async fn keep_in_inbox(
    state: &ServerState,
    concern: crate::storage::care::NewConcern,
    who: Phrase,
    action: &'static str,
    detail: Phrase,
) -> Result<String, Refusal> {
    let (store, now) = (state.store.clone(), crate::now());
    let (who, detail) = (who.to_text(), detail.to_text());
    off_the_workers(move || {
        let line = Audited {
            staff: &who,
            action,
            detail: &detail,
            at: now,
        };
        store.add_concern(&concern, now, &line)
    })
    .await
}
