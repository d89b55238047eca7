//! The mentee's side of a sync round: refresh the mentor's devices (trust on first use, later ones
//! wait for approval), seal what waits in the outbox on every core, keep the sealed bytes, send in
//! batches, and on a refusal send one by one so only the refused record stops.

use std::collections::HashSet;

use super::client::{Api, CallError, decode_keys};
use super::engine::{Shared, SyncError, SyncReport, in_parallel, lock};
use super::protocol::{MAX_BATCH, PutOutcome, RecordBatch, RecordPut};
use crate::crypto::{self, ItemRef, Recipient};
use crate::domain::share::{SAFETY_PLAN_ID, SharedTime};
use crate::domain::{EntryId, PlanSection, ShareKind, ShareMode, SharedContent};
use crate::store::{DeviceTrust, Enrolment, MentorDevice, OutboxRecord, Store, StoreError};

pub(super) async fn push(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
) -> Result<SyncReport, SyncError> {
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
    if mode == ShareMode::Private {
        return Ok(None);
    }
    let gone = |err: StoreError| match err {
        StoreError::NotFound => Ok(None),
        other => Err(other),
    };
    match kind {
        ShareKind::Mood => match EntryId::parse(item_id) {
            Some(id) => store
                .mood(&id)
                .map(|entry| Some(SharedContent::mood(&entry, mode)))
                .or_else(gone),
            None => Ok(None),
        },
        ShareKind::Goal => match EntryId::parse(item_id) {
            Some(id) => store
                .goal(&id)
                .map(|goal| Some(SharedContent::goal(&goal, mode)))
                .or_else(gone),
            None => Ok(None),
        },
        ShareKind::SafetyPlan if item_id == SAFETY_PLAN_ID => {
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
                .share_changed_at(kind, item_id)?
                .map(|at| SharedContent::ContactRequest {
                    at: SharedTime::of(&at),
                }))
        }
    }
}
