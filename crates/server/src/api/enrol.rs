//! `POST /v1/enroll`: a device joins with a one-time invite code.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::auth::slow_down;
use super::{Peer, off_the_workers, parse_body, public_key};
use crate::ServerState;
use crate::admin::invite_hash;
use crate::error::Refusal;
use crate::storage::NewDevice;
use steady_core::protocol::*;

pub(super) async fn enroll(
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
        let person = store.enroll(&code_hash, &device, crate::now())?;
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
