//! Who is calling. Every device route sits behind [`authenticated`], which checks the bearer
//! token and the device's rate once, before the handler runs. (A known token is a cache hit; a
//! PostgreSQL look-up steps off the worker by itself, `postgres::connections::wait`.) A handler names the role it serves by the extractor it
//! takes: [`Mentee`], [`Mentor`], or any enrolled [`Device`]. Each reads what [`authenticated`]
//! found; without it (a handler put on the public router by mistake) each refuses as signed out.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Peer;
use crate::ServerState;
use crate::error::Refusal;
use crate::storage::Caller;
use steady_core::protocol::Role;

pub(super) fn slow_down(message: &str) -> Refusal {
    Refusal::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
}

/// The caller [`authenticated`] found, for the role extractors.
#[derive(Clone)]
struct Authenticated(Caller);

/// Middleware for every device route: the caller behind the bearer token, or the refusal.
pub(super) async fn authenticated(
    State(state): State<ServerState>,
    peer: Peer,
    mut request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    match authenticate(&state, token.as_deref(), &peer) {
        Ok(caller) => {
            request.extensions_mut().insert(Authenticated(caller));
            next.run(request).await
        }
        Err(refusal) => refusal.into_response(),
    }
}

/// The caller behind the bearer token, if it is valid and within its rate. Wrong tokens are
/// counted per address, so tokens cannot be guessed quickly.
fn authenticate(state: &ServerState, token: Option<&str>, peer: &Peer) -> Result<Caller, Refusal> {
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

/// The caller, whose role must be `role`.
fn caller_as(parts: &Parts, role: Option<Role>) -> Result<Caller, Refusal> {
    let Some(Authenticated(caller)) = parts.extensions.get::<Authenticated>() else {
        return Err(Refusal::unauthorized());
    };
    match role {
        Some(role) if caller.role != role => Err(Refusal::forbidden()),
        _ => Ok(caller.clone()),
    }
}

/// A call from a mentee's device.
pub(super) struct Mentee(pub Caller);

/// A call from a mentor's device.
pub(super) struct Mentor(pub Caller);

/// A call from any enrolled device, mentee's or mentor's.
pub(super) struct Device(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for Mentee {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refusal> {
        caller_as(parts, Some(Role::Mentee)).map(Mentee)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Mentor {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refusal> {
        caller_as(parts, Some(Role::Mentor)).map(Mentor)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Device {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refusal> {
        caller_as(parts, None).map(Device)
    }
}
