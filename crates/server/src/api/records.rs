//! Sealed records: a mentee puts them, a paired mentor reads them page by page.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;

use super::auth::{Mentee, Mentor};
use super::{Cursor, off_the_workers, parse_body};
use crate::ServerState;
use crate::error::Refusal;
use steady_core::protocol::*;

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
        return Err(crate::storage::ServerStoreError::Unsigned(record.item_id.clone()).into());
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

pub(super) async fn put_records(
    State(state): State<ServerState>,
    Mentee(caller): Mentee,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<BatchResponse>, Refusal> {
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

pub(super) async fn mentee_records(
    State(state): State<ServerState>,
    Mentor(caller): Mentor,
    Path(mentee_id): Path<String>,
    cursor: Result<Query<Cursor>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<RecordPage>, Refusal> {
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
