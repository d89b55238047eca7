//! Protocol v1 routes. Each handler checks the protocol header, the token, the caller's role and
//! pairing, and every limit before it touches the store, so a refusal changes nothing.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use steady_core::i18n::Phrase;

use super::ServerState;
use super::admin::invite_hash;
use super::error::Refusal;
use super::store::{Caller, NewDevice, ServerStoreError};
use steady_core::protocol::*;

pub(crate) fn routes(state: ServerState) -> Router {
    // Full paths rather than a nested router: nesting rewrites every request's URI, which was a
    // measurable share of a no-change pull.
    let not_found = || async { Refusal::not_found() };
    Router::new()
        .route("/v1/enroll", post(enroll))
        .route("/v1/recipients", get(recipients))
        .route("/v1/records", post(put_records))
        .route("/v1/mentees", get(mentees))
        .route("/v1/mentees/{id}/records", get(mentee_records))
        .route("/v1/me", delete(delete_me))
        .route("/v1/vouches", post(vouch))
        .route("/v1/concerns", post(raise_concern))
        .route("/v1/replies", post(put_replies).get(get_replies))
        .route("/v1/reports", post(report))
        .route("/v1/notices", get(notices))
        .route("/v1/directory", get(directory))
        .route("/v1", axum::routing::any(not_found))
        .route("/v1/", axum::routing::any(not_found))
        .route("/v1/{*rest}", axum::routing::any(not_found))
        .layer(middleware::from_fn(require_protocol))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

async fn require_protocol(request: Request, next: Next) -> Response {
    match request.headers().get(PROTOCOL_HEADER) {
        Some(v) if v == PROTOCOL_VERSION => next.run(request).await,
        Some(_) => Refusal::new(
            StatusCode::BAD_REQUEST,
            "unsupported_protocol",
            "This server speaks sync protocol 1 only. Update the app.",
        )
        .into_response(),
        None => Refusal::new(
            StatusCode::BAD_REQUEST,
            "protocol_missing",
            "Requests must say which sync protocol they speak (Steady-Protocol: 1).",
        )
        .into_response(),
    }
}

/// Parses a JSON body ourselves so that every refusal is JSON with a plain message.
fn parse_body<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, Refusal> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "That request is bigger than the server accepts (1 MiB).",
            )
        } else {
            Refusal::bad_request("The request body could not be read.")
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|err| {
        Refusal::bad_request(format!(
            "The request is not valid JSON for this call: {err}"
        ))
    })
}

/// The peer's address, when the request came through the server's own accept loop (`None` for
/// the in-process router the fuzz target drives).
pub(crate) struct Peer(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

fn slow_down(message: &str) -> Refusal {
    Refusal::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
}

/// The caller behind the bearer token, if it is valid and within its rate. Wrong tokens are
/// counted per address, so tokens cannot be guessed quickly.
fn authenticate(state: &ServerState, headers: &HeaderMap, peer: &Peer) -> Result<Caller, Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let token_hash = token.map(|token| steady_core::crypto::sha256_hex(token.as_bytes()));
    let caller = match &token_hash {
        Some(hash) => state.store.caller(hash)?,
        None => None,
    };
    let Some(caller) = caller else {
        if !state.address_limits.allow_bad_token(peer.0) {
            return Err(slow_down(
                "Too many requests without a valid sign-in from here. Wait a minute and try again.",
            ));
        }
        if let Some(hash) = &token_hash
            && state.store.was_removed(hash)?
        {
            return Err(Refusal::new(
                StatusCode::UNAUTHORIZED,
                "device_removed",
                "Your program removed this device.",
            ));
        }
        return Err(Refusal::unauthorized());
    };
    state.note_active(&caller.device_id);
    if !state.limiter.allow(&caller.device_id) {
        return Err(Refusal::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many requests from this device. Wait a moment and try again.",
        ));
    }
    Ok(caller)
}

fn require_role(caller: &Caller, role: Role) -> Result<(), Refusal> {
    if caller.role == role {
        Ok(())
    } else {
        Err(Refusal::forbidden())
    }
}

fn public_key(text: &str, what: &str) -> Result<(), Refusal> {
    match B64.decode(text) {
        Ok(bytes) if bytes.len() == 32 => Ok(()),
        _ => Err(Refusal::bad_request(format!(
            "The {what} must be 32 bytes in unpadded base64url."
        ))),
    }
}

async fn enroll(
    State(state): State<ServerState>,
    peer: Peer,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<EnrollResponse>, Refusal> {
    // Each enrolment spends a guess at an invite code: an address gets a few, then waits.
    if !state.address_limits.allow_enrolment(peer.0) {
        return Err(slow_down(
            "Too many tries to connect from here. Wait a minute, then check the invite code and try again.",
        ));
    }
    let request: EnrollRequest = parse_body(body)?;
    public_key(&request.signing_key, "signing key")?;
    public_key(&request.receiving_key, "receiving key")?;
    let token = B64.encode(steady_core::crypto::random_bytes().map_err(|_| Refusal::forbidden())?);
    let device = NewDevice {
        id: uuid::Uuid::new_v4().to_string(),
        token_hash: steady_core::crypto::sha256_hex(token.as_bytes()),
        signing_key: request.signing_key,
        receiving_key: request.receiving_key,
    };
    let (store, code_hash) = (state.store.clone(), invite_hash(&request.invite_code));
    let (person, device) = off_the_workers(move || {
        let person = store.enroll(&code_hash, &device, super::now())?;
        Ok((person, device))
    })
    .await?;
    tracing::info!(device = %device.id, role = person.role.key(), "device enrolled");
    Ok(Json(EnrollResponse {
        device_id: device.id,
        token,
        person_id: person.id,
        role: person.role,
        display_name: person.display_name,
        program_name: state.store.program_name()?,
        program_key: state
            .program_key()
            .map_err(|err| {
                tracing::error!("the program key could not be read: {err}");
                Refusal::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "The server had a problem. Try again soon.",
                )
            })?
            .public(),
    }))
}

async fn recipients(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
) -> Result<Json<Recipients>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentee)?;
    let mut mentors = Vec::new();
    for mentor in state.store.partners(&caller.person_id, Role::Mentee)? {
        mentors.push(MentorInfo {
            devices: state.store.devices(&mentor.id)?,
            replies_paused: state.store.replies_paused(&caller.person_id, &mentor.id)?,
            person_id: mentor.id,
            display_name: mentor.display_name,
        });
    }
    Ok(Json(Recipients {
        mentors,
        my_devices: state.store.devices(&caller.person_id)?,
    }))
}

fn check_record(record: &RecordPut) -> Result<(), Refusal> {
    let id_ok = !record.item_id.is_empty()
        && record.item_id.len() <= 64
        && record
            .item_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !id_ok {
        return Err(Refusal::bad_request(
            "Item ids are 1 to 64 letters, digits, dashes or underscores.",
        ));
    }
    if record.version == 0 || record.version > i64::MAX as u64 {
        return Err(Refusal::bad_request("Versions start at 1."));
    }
    if record.envelope.is_none() {
        return Err(super::store::ServerStoreError::Unsigned(record.item_id.clone()).into());
    }
    if record
        .envelope
        .as_ref()
        .is_some_and(|e| e.len() > MAX_ENVELOPE_BYTES)
    {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "item_too_large",
            "One shared item is bigger than the server accepts (64 KiB).",
        ));
    }
    Ok(())
}

/// Runs a store write on a blocking thread. A write waits for the disk (every commit is synced),
/// with several nodes for the database's write lock (SQLite) or a mentee's lock (PostgreSQL), and
/// on PostgreSQL for the network; on the async workers that wait would hold up every other request
/// on the node, "anything new?" pulls included.
async fn off_the_workers<T: Send + 'static>(
    write: impl FnOnce() -> Result<T, ServerStoreError> + Send + 'static,
) -> Result<T, Refusal> {
    match tokio::task::spawn_blocking(write).await {
        Ok(outcome) => Ok(outcome?),
        // The write panicked: said as the store being unavailable.
        Err(_) => Err(ServerStoreError::Poisoned.into()),
    }
}

async fn put_records(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<BatchResponse>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentee)?;
    let batch: RecordBatch = parse_body(body)?;
    if batch.records.len() > MAX_BATCH {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("Send at most {MAX_BATCH} records at a time."),
        ));
    }
    batch.records.iter().try_for_each(check_record)?;
    let (store, quota) = (state.store.clone(), state.quota_bytes);
    let held = off_the_workers(move || store.put_records(&caller.person_id, &batch.records, quota))
        .await?;
    let (outcomes, versions) = held.into_iter().unzip();
    Ok(Json(BatchResponse { outcomes, versions }))
}

async fn mentees(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
) -> Result<Json<Mentees>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentor)?;
    let mut mentees = Vec::new();
    for mentee in state.store.partners(&caller.person_id, Role::Mentor)? {
        mentees.push(MenteeInfo {
            replies_paused: state.store.replies_paused(&mentee.id, &caller.person_id)?,
            devices: state.store.devices(&mentee.id)?,
            person_id: mentee.id,
            display_name: mentee.display_name,
        });
    }
    Ok(Json(Mentees { mentees }))
}

#[derive(Deserialize)]
struct Cursor {
    #[serde(default)]
    after: i64,
    limit: Option<u32>,
}

async fn mentee_records(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    Path(mentee_id): Path<String>,
    cursor: Result<Query<Cursor>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<RecordPage>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentor)?;
    let Query(cursor) = cursor.map_err(|_| {
        Refusal::bad_request("`after` must be a whole number and `limit` between 1 and 500.")
    })?;
    // An unpaired mentee looks exactly like one that does not exist.
    if !state.store.is_paired(&mentee_id, &caller.person_id)? {
        return Err(Refusal::not_found());
    }
    let limit = cursor.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let (changes, more) =
        state
            .store
            .changes(&mentee_id, &caller.person_id, cursor.after.max(0), limit)?;
    let last_seq = changes.last().map_or(cursor.after.max(0), |c| c.seq);
    Ok(Json(RecordPage {
        changes,
        last_seq,
        more,
    }))
}

async fn delete_me(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
) -> Result<StatusCode, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    match caller.role {
        // A mentee's "delete everything": the person and all they shared.
        Role::Mentee => {
            let (store, person) = (state.store.clone(), caller.person_id.clone());
            off_the_workers(move || store.delete_person(&person)).await?;
            tracing::info!(device = %caller.device_id, "a mentee deleted their server data");
        }
        // A mentor's device may only remove itself; the person and the match stay.
        Role::Mentor => {
            let (store, device) = (state.store.clone(), caller.device_id.clone());
            off_the_workers(move || store.revoke_device(&device, super::now())).await?;
            tracing::info!(device = %caller.device_id, "a mentor device removed itself");
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A mentee device vouches for another device of the same mentee. The server only keeps the
/// signature; mentors' devices check it against the devices they already trust.
async fn vouch(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentee)?;
    let request: VouchRequest = parse_body(body)?;
    let signature_ok = B64
        .decode(&request.vouch.signature)
        .is_ok_and(|s| s.len() == 64);
    if request.vouch.by != caller.device_id
        || !signature_ok
        || request.device_id == caller.device_id
    {
        return Err(Refusal::bad_request(
            "A device can vouch for another device of the same person, with its own signature.",
        ));
    }
    let vouch = serde_json::to_string(&request.vouch)
        .map_err(|_| Refusal::bad_request("The vouch could not be read."))?;
    let store = state.store.clone();
    off_the_workers(move || store.set_vouch(&caller.person_id, &request.device_id, &vouch)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The newest signed crisis directory, with an ETag so an unchanged one costs a 304.
async fn directory(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
) -> Result<Response, Refusal> {
    authenticate(&state, &headers, &peer)?;
    let Some((version, signed)) = state.store.latest_directory()? else {
        return Err(Refusal::not_found());
    };
    // The key's rotations ride along, so a phone can follow them from the key it pinned.
    let rotations = state.store.key_rotations()?;
    // A phone holding this version already followed the rotations to the key that signed it.
    let etag = format!("\"v{version}\"");
    let signed = match serde_json::from_str::<steady_core::crypto::SignedDirectory>(&signed) {
        Ok(mut directory) => {
            directory.rotations = rotations
                .iter()
                .filter_map(|r| serde_json::from_str(r).ok())
                .collect();
            serde_json::to_string(&directory).unwrap_or(signed)
        }
        Err(_) => signed,
    };
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    Ok((
        [
            (header::ETAG, etag),
            (header::CONTENT_TYPE, "application/json".to_owned()),
        ],
        signed,
    )
        .into_response())
}

/// How a refusal names what went to the safeguarding inbox (a mentor's concern, a mentee's report).
struct InboxWords {
    not_set_up: &'static str,
    moved: &'static str,
    not_sealed: &'static str,
}

/// Checks that `sealed` is sealed, in a form the server keeps, to the inbox key the device named
/// (`sealed_to`), and that this is still the program's key. Returns the key's id.
fn sealed_for_inbox(
    state: &ServerState,
    sealed_to: &str,
    sealed: &str,
    words: &InboxWords,
) -> Result<i64, Refusal> {
    // Where concerns go is what the program signed into the directory, not the newest row in
    // the database (see `console::care::published_safeguarding`).
    let published = super::console::published_safeguarding(state).map_err(|err| {
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
fn caller_signing_key(state: &ServerState, caller: &Caller) -> Result<String, Refusal> {
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
async fn raise_concern(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ConcernResponse>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentor)?;
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
    let concern = crate::care_store::NewConcern {
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
struct NoticesAfter {
    #[serde(default)]
    after: i64,
}

/// What mentors' devices told this mentee, after the last one their device has.
async fn notices(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    after: Result<Query<NoticesAfter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<NoticePage>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentee)?;
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
async fn put_replies(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ReplyBatchResponse>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentor)?;
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
            super::now(),
        )
    })
    .await?;
    Ok(Json(ReplyBatchResponse { outcomes }))
}

/// A mentee's device reads its replies feed by cursor.
async fn get_replies(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    cursor: Result<Query<Cursor>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ReplyPage>, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentee)?;
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
async fn report(
    State(state): State<ServerState>,
    headers: HeaderMap,
    peer: Peer,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Refusal> {
    let caller = authenticate(&state, &headers, &peer)?;
    require_role(&caller, Role::Mentee)?;
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
    let report = crate::care_store::NewConcern {
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

/// Keeps a concern or report for the safeguarding inbox and says so in the audit log (who,
/// what, about whom; never its sealed words), off the async workers. Its id.
async fn keep_in_inbox(
    state: &ServerState,
    concern: crate::care_store::NewConcern,
    who: Phrase,
    action: &'static str,
    detail: Phrase,
) -> Result<String, Refusal> {
    let (store, now) = (state.store.clone(), super::now());
    let (who, detail) = (who.to_text(), detail.to_text());
    off_the_workers(move || {
        let id = store.add_concern(&concern, now)?;
        store.audit(&who, action, &detail, now)?;
        Ok(id)
    })
    .await
}
