//! One round of sync for one device. A mentee's device refreshes its mentor's devices, seals what
//! waits in the outbox (keeping the sealed bytes so a retry sends the same ones) and pushes it; a
//! mentor's device pulls each paired mentee's changes by cursor, verifies and opens them, and
//! caches the result. The store's lock is never held across a network call.

use std::sync::{Arc, Mutex, MutexGuard};

use thiserror::Error;

use super::client::{Api, CallError, decode_keys};
use super::protocol::{PutOutcome, RecordBatch, RecordPut, Role};
use crate::crypto::{self, ItemRef, PublicKeys, Recipient};
use crate::domain::share::{SAFETY_PLAN_ID, SharedTime};
use crate::domain::{EntryId, PlanSection, ShareKind, ShareMode, SharedContent};
use crate::store::{
    CachedItem, DeviceTrust, Enrolment, MentorDevice, OutboxRecord, Store, StoreError,
};

#[derive(Debug, Error)]
pub enum SyncError {
    #[error("This device isn't connected to a program yet.")]
    NotEnrolled,
    #[error(transparent)]
    Call(#[from] CallError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Steady hit a problem and stopped syncing to be safe.")]
    Poisoned,
}

/// What one round did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub sent: usize,
    pub waiting: usize,
    pub refused: Vec<String>,
    pub received: usize,
    pub removed: usize,
    pub unverified: usize,
    pub devices_waiting: usize,
}

type Shared = Arc<Mutex<Store>>;

fn lock(store: &Shared) -> Result<MutexGuard<'_, Store>, SyncError> {
    store.lock().map_err(|_| SyncError::Poisoned)
}

/// One round for whichever role this device has.
pub async fn sync_once(store: &Shared) -> Result<SyncReport, SyncError> {
    let enrolment = lock(store)?.enrolment()?.ok_or(SyncError::NotEnrolled)?;
    let api = Api::new(&enrolment.server_url);
    let report = match enrolment.role {
        Role::Mentee => push(store, &api, &enrolment).await?,
        Role::Mentor => pull(store, &api, &enrolment).await?,
    };
    lock(store)?.mark_synced(chrono::Utc::now().timestamp_millis())?;
    Ok(report)
}

async fn push(store: &Shared, api: &Api, enrolment: &Enrolment) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    let listed = api.recipients(&enrolment.token).await?;
    let devices: Vec<MentorDevice> = listed
        .mentors
        .iter()
        .flat_map(|mentor| {
            mentor.devices.iter().filter_map(|device| {
                Some(MentorDevice {
                    device_id: device.device_id.clone(),
                    mentor_id: mentor.person_id.clone(),
                    mentor_name: mentor.display_name.clone(),
                    keys: decode_keys(device)?,
                    trust: DeviceTrust::Waiting,
                })
            })
        })
        .collect();
    let now_ms = chrono::Utc::now().timestamp_millis();
    let recipients: Vec<Recipient> = {
        let mut store = lock(store)?;
        report.devices_waiting = store.update_mentor_devices(&devices, now_ms)?;
        store
            .mentor_devices()?
            .into_iter()
            .filter(|d| d.trust == DeviceTrust::Approved)
            .map(|d| Recipient {
                device_id: d.device_id,
                keys: d.keys,
            })
            .collect()
    };

    loop {
        let (batch, versions) = {
            let mut store = lock(store)?;
            let keys = store.device_keys()?;
            let mut records = Vec::new();
            let mut versions = Vec::new();
            for record in store.outbox(super::protocol::MAX_BATCH)? {
                if record.last_error.is_some() {
                    continue;
                }
                let envelope = match &record.envelope {
                    Some(sealed) => Some(String::from_utf8_lossy(sealed).into_owned()),
                    None => match content_of(&store, &record)? {
                        None => None,
                        Some(_) if recipients.is_empty() => {
                            report.waiting += 1;
                            continue;
                        }
                        Some(content) => {
                            let item = ItemRef {
                                item_id: record.item_id.clone(),
                                kind: record.kind.key().to_owned(),
                                version: record.version,
                                mentee_id: enrolment.person_id.clone(),
                            };
                            let sealed = crypto::envelope::seal(
                                &item,
                                &content.to_json(),
                                &enrolment.device_id,
                                &keys,
                                &recipients,
                            )
                            .map_err(|_| StoreError::IdentityDamaged)?;
                            store.keep_sealed(&record.item_id, record.version, &sealed)?;
                            Some(String::from_utf8_lossy(&sealed).into_owned())
                        }
                    },
                };
                versions.push((record.item_id.clone(), record.version));
                records.push(RecordPut {
                    item_id: record.item_id,
                    version: record.version,
                    envelope,
                });
            }
            (records, versions)
        };
        if batch.is_empty() {
            break;
        }
        let sent_all = send_batch(store, api, enrolment, batch, &versions, &mut report).await?;
        if !sent_all {
            break;
        }
    }
    Ok(report)
}

/// Sends one batch; on a refusal, sends its records one by one so only the refused ones stop.
/// Returns whether every record left the outbox.
async fn send_batch(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
    records: Vec<RecordPut>,
    versions: &[(String, u64)],
    report: &mut SyncReport,
) -> Result<bool, SyncError> {
    match api
        .put_records(
            &enrolment.token,
            &RecordBatch {
                records: records.clone(),
            },
        )
        .await
    {
        Ok(response) => {
            let mut store = lock(store)?;
            for ((item_id, version), outcome) in versions.iter().zip(&response.outcomes) {
                store.outbox_sent(item_id, *version)?;
                if *outcome != PutOutcome::Superseded {
                    report.sent += 1;
                }
            }
            Ok(true)
        }
        Err(CallError::Refused { message, .. }) if records.len() == 1 => {
            lock(store)?.outbox_failed(&records[0].item_id, Some(&message))?;
            report.refused.push(message);
            Ok(false)
        }
        Err(err @ CallError::Refused { .. }) => {
            let _ = err;
            let mut all = true;
            for (record, version) in records.into_iter().zip(versions) {
                let single = [version.clone()];
                all &= Box::pin(send_batch(
                    store,
                    api,
                    enrolment,
                    vec![record],
                    &single,
                    report,
                ))
                .await?;
            }
            Ok(all)
        }
        Err(err) => {
            let mut store = lock(store)?;
            for (item_id, _) in versions {
                store.outbox_failed(item_id, None)?;
            }
            Err(err.into())
        }
    }
}

/// What the mentor should see of an outbox record now, or `None` for a tombstone (unshared or
/// deleted).
fn content_of(store: &Store, record: &OutboxRecord) -> Result<Option<SharedContent>, StoreError> {
    let mode = store.share_mode(record.kind, &record.item_id)?;
    shared_content(store, record.kind, &record.item_id, mode)
}

/// Exactly what a mentor would receive for an item shared with `mode`; `None` when nothing would
/// be (private, or the item is gone). The share preview shows this same value.
pub fn shared_content(
    store: &Store,
    kind: ShareKind,
    item_id: &str,
    mode: ShareMode,
) -> Result<Option<SharedContent>, StoreError> {
    let record = OutboxRecord {
        item_id: item_id.to_owned(),
        kind,
        version: 0,
        envelope: None,
        attempts: 0,
        last_error: None,
    };
    if mode == ShareMode::Private {
        return Ok(None);
    }
    let gone = |err: StoreError| match err {
        StoreError::NotFound => Ok(None),
        other => Err(other),
    };
    let record = &record;
    match record.kind {
        ShareKind::Mood => match EntryId::parse(&record.item_id) {
            Some(id) => store
                .mood(&id)
                .map(|entry| Some(SharedContent::mood(&entry, mode)))
                .or_else(gone),
            None => Ok(None),
        },
        ShareKind::Goal => match EntryId::parse(&record.item_id) {
            Some(id) => store
                .goal(&id)
                .map(|goal| Some(SharedContent::goal(&goal, mode)))
                .or_else(gone),
            None => Ok(None),
        },
        ShareKind::SafetyPlan if record.item_id == SAFETY_PLAN_ID => {
            let plan = store.safety_plan()?;
            let sections: Vec<(PlanSection, Vec<String>)> = PlanSection::ALL
                .iter()
                .map(|s| {
                    let items = plan.get(s).map_or_else(Vec::new, |items| {
                        items.iter().map(|i| i.text.clone()).collect()
                    });
                    (*s, items)
                })
                .collect();
            Ok(Some(SharedContent::safety_plan(&sections)))
        }
        ShareKind::SafetyPlan => Ok(None),
        ShareKind::ContactRequest => {
            Ok(store
                .share_changed_at(record.kind, &record.item_id)?
                .map(|at| SharedContent::ContactRequest {
                    at: SharedTime::of(&at),
                }))
        }
    }
}

async fn pull(store: &Shared, api: &Api, enrolment: &Enrolment) -> Result<SyncReport, SyncError> {
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
            let mut items = Vec::new();
            let mut tombstones = Vec::new();
            {
                let store = lock(store)?;
                for change in &page.changes {
                    let Some(envelope) = &change.envelope else {
                        tombstones.push(change.item_id.clone());
                        continue;
                    };
                    let cached = store.cached_version(&mentee.person_id, &change.item_id)?;
                    if cached.is_some_and(|v| v >= change.version) {
                        // An old version replayed: keep what we have.
                        continue;
                    }
                    let opened = crypto::envelope::open(
                        envelope.as_bytes(),
                        &change.item_id,
                        &mentee.person_id,
                        &enrolment.device_id,
                        &keys,
                        signer,
                    );
                    let now_ms = chrono::Utc::now().timestamp_millis();
                    let item = match opened {
                        Ok(opened) if opened.item.version == change.version => {
                            match SharedContent::from_json(&opened.payload) {
                                Some(content) if content.kind().key() == opened.item.kind => {
                                    CachedItem {
                                        item_id: change.item_id.clone(),
                                        kind: Some(opened.item.kind),
                                        version: change.version,
                                        content: String::from_utf8(opened.payload).ok(),
                                        problem: None,
                                        received_at_ms: now_ms,
                                    }
                                }
                                _ => unverified(change, now_ms, "its contents are not readable"),
                            }
                        }
                        Ok(_) => unverified(change, now_ms, "its version does not match"),
                        // Not sealed for this device (yet): it arrives once the mentee approves
                        // this device and their phone seals everything again.
                        Err(crypto::OpenError::NotForThisDevice) => continue,
                        Err(err) => unverified(change, now_ms, &err.to_string()),
                    };
                    if item.problem.is_some() {
                        report.unverified += 1;
                        tracing::warn!(item = %change.item_id, "a shared item could not be verified");
                    } else {
                        report.received += 1;
                    }
                    items.push(item);
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
