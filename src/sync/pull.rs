//! The mentor's side of a sync round: list the paired mentees, pull each one's changes by cursor,
//! verify and open them on every core, and apply each page and its cursor in one transaction.

use super::client::{Api, decode_keys};
use super::engine::{Shared, SyncError, SyncReport, in_parallel, lock};
use crate::crypto::{self, PublicKeys};
use crate::domain::SharedContent;
use crate::store::{CachedItem, Enrolment};

pub(super) async fn pull(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    let listed = api.mentees(&enrolment.token).await?;
    let rows: Vec<(String, String, String)> = listed
        .mentees
        .iter()
        .map(|m| {
            (
                m.person_id.clone(),
                m.display_name.clone(),
                serde_json::to_string(&m.devices).unwrap_or_else(|_| "[]".into()),
            )
        })
        .collect();
    lock(store)?.set_known_mentees(&rows)?;
    let keys = lock(store)?.device_keys()?;
    let mentees = lock(store)?.known_mentees()?;
    for mentee in mentees {
        let devices: Vec<super::protocol::DeviceInfo> =
            serde_json::from_str(&mentee.devices).unwrap_or_default();
        let signer = |id: &str| -> Option<PublicKeys> {
            devices
                .iter()
                .find(|d| d.device_id == id)
                .and_then(decode_keys)
        };
        let mut cursor = mentee.cursor;
        loop {
            let page = api
                .records(&enrolment.token, &mentee.person_id, cursor)
                .await?;
            let mut tombstones = Vec::new();
            let mut fresh = Vec::new();
            {
                let store = lock(store)?;
                for change in &page.changes {
                    let Some(envelope) = &change.envelope else {
                        tombstones.push(change.item_id.clone());
                        continue;
                    };
                    let cached = store.cached_version(&mentee.person_id, &change.item_id)?;
                    // An old version replayed: keep what we have.
                    if cached.is_none_or(|v| v < change.version) {
                        fresh.push((change, envelope));
                    }
                }
            }
            let now_ms = chrono::Utc::now().timestamp_millis();
            let opened = in_parallel(&fresh, |(change, envelope)| {
                open_change(
                    change,
                    envelope,
                    &mentee.person_id,
                    enrolment,
                    &keys,
                    &signer,
                    now_ms,
                )
            });
            let items: Vec<CachedItem> = opened.into_iter().flatten().collect();
            for item in &items {
                if item.problem.is_some() {
                    report.unverified += 1;
                    tracing::warn!(item = %item.item_id, "a shared item could not be verified");
                } else {
                    report.received += 1;
                }
            }
            report.removed += tombstones.len();
            cursor = page.last_seq;
            lock(store)?.apply_mentor_page(&mentee.person_id, &items, &tombstones, cursor)?;
            if !page.more {
                break;
            }
        }
    }
    Ok(report)
}

/// Verifies and opens one change; `None` when it was not sealed for this device (yet): it arrives
/// once the mentee approves this device and their phone seals everything again.
fn open_change(
    change: &super::protocol::RecordChange,
    envelope: &str,
    mentee_id: &str,
    enrolment: &Enrolment,
    keys: &crate::crypto::DeviceKeys,
    signer: &(impl Fn(&str) -> Option<PublicKeys> + Sync),
    now_ms: i64,
) -> Option<CachedItem> {
    let opened = crypto::envelope::open(
        envelope.as_bytes(),
        &change.item_id,
        mentee_id,
        &enrolment.device_id,
        keys,
        signer,
    );
    Some(match opened {
        Ok(opened) if opened.item.version == change.version => {
            match SharedContent::from_json(&opened.payload) {
                Some(content) if content.kind().key() == opened.item.kind => CachedItem {
                    item_id: change.item_id.clone(),
                    kind: Some(opened.item.kind),
                    version: change.version,
                    content: String::from_utf8(opened.payload).ok(),
                    problem: None,
                    received_at_ms: now_ms,
                },
                _ => unverified(change, now_ms, "its contents are not readable"),
            }
        }
        Ok(_) => unverified(change, now_ms, "its version does not match"),
        Err(crypto::OpenError::NotForThisDevice) => return None,
        Err(err) => unverified(change, now_ms, &err.to_string()),
    })
}

fn unverified(change: &super::protocol::RecordChange, now_ms: i64, why: &str) -> CachedItem {
    CachedItem {
        item_id: change.item_id.clone(),
        kind: None,
        version: change.version,
        content: None,
        problem: Some(why.to_owned()),
        received_at_ms: now_ms,
    }
}
