//! One round of sync for one device. A mentee's device refreshes its mentor's devices, seals what
//! waits in the outbox (keeping the sealed bytes so a retry sends the same ones) and pushes it; a
//! mentor's device pulls each paired mentee's changes by cursor, verifies and opens them, and
//! caches the result. The store's lock is never held across a network call.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};

use thiserror::Error;

use super::client::{Api, CallError, decode_keys};
use super::protocol::{MAX_BATCH, PutOutcome, RecordBatch, RecordPut, Role};
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

    let keys = lock(store)?.device_keys()?;
    // Items that must wait this round (shared, but no mentor device to seal them to yet).
    let mut waiting: HashSet<String> = HashSet::new();
    loop {
        let (mut batch, to_seal) = {
            let store = lock(store)?;
            let mut ready = Vec::new();
            let mut to_seal = Vec::new();
            for record in store.outbox(MAX_BATCH + waiting.len())? {
                if waiting.contains(&record.item_id) {
                    continue;
                }
                if ready.len() + to_seal.len() >= MAX_BATCH {
                    break;
                }
                match &record.envelope {
                    Some(sealed) => ready.push(RecordPut {
                        item_id: record.item_id.clone(),
                        version: record.version,
                        envelope: Some(String::from_utf8_lossy(sealed).into_owned()),
                    }),
                    None => match content_of(&store, &record)? {
                        None => ready.push(RecordPut {
                            item_id: record.item_id.clone(),
                            version: record.version,
                            envelope: None,
                        }),
                        Some(_) if recipients.is_empty() => {
                            report.waiting += 1;
                            waiting.insert(record.item_id.clone());
                        }
                        Some(content) => to_seal.push((
                            ItemRef {
                                item_id: record.item_id.clone(),
                                kind: record.kind.key().to_owned(),
                                version: record.version,
                                mentee_id: enrolment.person_id.clone(),
                            },
                            content.to_json(),
                        )),
                    },
                }
            }
            (ready, to_seal)
        };
        let sealed = seal_all(&to_seal, &enrolment.device_id, &keys, &recipients)?;
        // Keep the sealed bytes before sending, so a retry after a lost answer sends the same ones.
        lock(store)?.keep_sealed_many(&sealed)?;
        batch.extend(
            sealed
                .into_iter()
                .map(|(item_id, version, envelope)| RecordPut {
                    item_id,
                    version,
                    envelope: Some(String::from_utf8_lossy(&envelope).into_owned()),
                }),
        );
        if batch.is_empty() {
            break;
        }
        let versions: Vec<(String, u64)> = batch
            .iter()
            .map(|r| (r.item_id.clone(), r.version))
            .collect();
        let sent_all = send_batch(store, api, enrolment, batch, &versions, &mut report).await?;
        if !sent_all {
            break;
        }
    }
    Ok(report)
}

/// Seals many items, spread over the device's cores (sealing is most of a large push's time).
fn seal_all(
    items: &[(ItemRef, Vec<u8>)],
    signer_id: &str,
    keys: &crate::crypto::DeviceKeys,
    recipients: &[Recipient],
) -> Result<Vec<(String, u64, Vec<u8>)>, SyncError> {
    let seal_one = |(item, payload): &(ItemRef, Vec<u8>)| {
        crypto::envelope::seal(item, payload, signer_id, keys, recipients)
            .map(|sealed| (item.item_id.clone(), item.version, sealed))
            .map_err(|_| SyncError::Store(StoreError::IdentityDamaged))
    };
    in_parallel(items, seal_one).into_iter().collect()
}

/// Maps `f` over `items` on up to four threads, keeping the order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if items.len() < 16 || threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
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
            lock(store)?.outbox_sent_many(versions)?;
            report.sent += response
                .outcomes
                .iter()
                .filter(|o| **o != PutOutcome::Superseded)
                .count();
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
