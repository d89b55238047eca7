//! Protocol v1 routes, a module per resource. The protocol header is checked for every route and
//! the token for every route but joining ([`auth`]); each handler takes the caller's role as an
//! extractor and checks pairing and every limit before it touches the store, so a refusal
//! changes nothing.

mod auth;
mod concerns;
mod directory;
mod enrol;
mod people;
mod records;
mod replies;

pub use replies::MAX_OPEN_REPORTS;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::ServerState;
use crate::error::Refusal;
use crate::storage::ServerStoreError;
use steady_core::protocol::*;

pub(crate) fn routes(state: ServerState) -> Router {
    // Full paths rather than a nested router: nesting rewrites every request's URI, which was a
    // measurable share of a no-change pull.
    let not_found = || async { Refusal::not_found() };
    // Every route here is behind the token check: a route added to this router cannot skip it.
    let devices = Router::new()
        .route("/v1/recipients", get(people::recipients))
        .route("/v1/records", post(records::put_records))
        .route("/v1/mentees", get(people::mentees))
        .route("/v1/mentees/{id}/records", get(records::mentee_records))
        .route("/v1/me", delete(people::delete_me))
        .route("/v1/vouches", post(people::vouch))
        .route("/v1/concerns", post(concerns::raise_concern))
        .route(
            "/v1/replies",
            post(replies::put_replies).get(replies::get_replies),
        )
        .route("/v1/reports", post(replies::report))
        .route("/v1/notices", get(concerns::notices))
        .route("/v1/directory", get(directory::directory))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticated,
        ));
    // Only joining is open to a device without a token.
    Router::new()
        .route("/v1/enroll", post(enrol::enroll))
        .merge(devices)
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
pub(super) fn parse_body<T: DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Refusal> {
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

pub(super) fn public_key(text: &str, what: &str) -> Result<(), Refusal> {
    match B64.decode(text) {
        Ok(bytes) if bytes.len() == 32 => Ok(()),
        _ => Err(Refusal::bad_request(format!(
            "The {what} must be 32 bytes in unpadded base64url."
        ))),
    }
}

/// Runs a store write on a blocking thread. A write waits for the disk (every commit is synced),
/// with several nodes for the database's write lock (SQLite) or a mentee's lock (PostgreSQL), and
/// on PostgreSQL for the network; on the async workers that wait would hold up every other request
/// on the node, "anything new?" pulls included.
pub(super) async fn off_the_workers<T: Send + 'static>(
    write: impl FnOnce() -> Result<T, ServerStoreError> + Send + 'static,
) -> Result<T, Refusal> {
    match tokio::task::spawn_blocking(write).await {
        Ok(outcome) => Ok(outcome?),
        // The write panicked: said as the store being unavailable.
        Err(_) => Err(ServerStoreError::Poisoned.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct Cursor {
    #[serde(default)]
    pub(super) after: i64,
    pub(super) limit: Option<u32>,
}
