//! `GET /v1/directory`: the program's signed crisis directory.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::auth::Device;
use crate::ServerState;
use crate::error::Refusal;

/// The newest signed crisis directory, with an ETag so an unchanged one costs a 304.
pub(super) async fn directory(
    State(state): State<ServerState>,
    _: Device,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
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
