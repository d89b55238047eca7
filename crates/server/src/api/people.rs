//! Who a device shares with: a mentee's mentors, a mentor's mentees, removing oneself, and the
//! mentee's vouches for their mentors' devices.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::auth::{Device, Mentee, Mentor};
use super::{off_the_workers, parse_body};
use crate::ServerState;
use crate::error::Refusal;
use steady_core::protocol::*;

pub(super) async fn recipients(
    State(state): State<ServerState>,
    Mentee(caller): Mentee,
) -> Result<Json<Recipients>, Refusal> {
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

pub(super) async fn mentees(
    State(state): State<ServerState>,
    Mentor(caller): Mentor,
) -> Result<Json<Mentees>, Refusal> {
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

pub(super) async fn delete_me(
    State(state): State<ServerState>,
    Device(caller): Device,
) -> Result<StatusCode, Refusal> {
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
            off_the_workers(move || store.revoke_device(&device, crate::now())).await?;
            tracing::info!(device = %caller.device_id, "a mentor device removed itself");
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A mentee device vouches for another device of the same mentee. The server only keeps the
/// signature; mentors' devices check it against the devices they already trust.
pub(super) async fn vouch(
    State(state): State<ServerState>,
    Mentee(caller): Mentee,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Refusal> {
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
