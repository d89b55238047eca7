//! The mentee's side of a sync round: refresh the mentor's devices (each waits for the mentee's
//! approval by its fingerprint) and the mentee's own other devices (each waits for the mentee's
//! yes, then this device vouches for it), seal what waits in the outbox on every core (signed
//! tombstones for what was unshared), keep the sealed bytes, send in batches, and on a refusal
//! send one by one so only the refused record stops. A newer version on the server is a conflict
//! the phone resolves by sending its own copy above it, never "sent".

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::client::{Api, CallError, decode_keys};
use super::engine::{Shared, SyncError, SyncReport, in_parallel, lock};
use super::protocol::{
    DeviceInfo, MAX_BATCH, PutOutcome, RecordBatch, RecordPut, Vouch, VouchRequest,
};
use crate::crypto::envelope::Feed;
use crate::crypto::{self, ItemRef, Recipient};
use crate::domain::share::{SAFETY_PLAN_ID, SharedTime, TERMS_ID};
use crate::domain::{EntryId, LocalStamp, PlanSection, ShareKind, ShareMode, SharedContent};
use crate::store::{
    DeviceTrust, Enrolment, MARK_READ_RECEIPTS, MARK_READ_UP_TO, MARK_REPLIES_OFF, MentorDevice,
    NoticeKind, OutboxRecord, OwnDeviceStatus, Store, StoreError,
};

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
    let listed_mentors: Vec<String> = listed.mentors.iter().map(|m| m.person_id.clone()).collect();
    let now_ms = chrono::Utc::now().timestamp_millis();
    let keys = lock(store)?.device_keys()?;
    let ids = WireIds::new(&keys);
    let approved: Vec<MentorDevice> = {
        let mut store = lock(store)?;
        let before = store.current_mentors()?;
        report.devices_waiting = store.update_mentor_devices(&devices, now_ms)?;
        report.own_devices_waiting = note_own_devices(&mut store, enrolment, &listed.my_devices)?;
        // A mentor no longer paired: the match ended. Nothing more goes to them, and what was
        // shared only with them goes back to private (signed removals go out below).
        for (mentor_id, name) in before.iter().filter(|(id, _)| !listed_mentors.contains(id)) {
            store.end_match(mentor_id, name, LocalStamp::now())?;
            store.add_notice(
                NoticeKind::MatchEnded,
                &crate::i18n::Phrase::new("notice-match-ended-mentee", &[("name", name)]).to_text(),
                "",
                LocalStamp::now(),
            )?;
            report.matches_ended += 1;
        }
        store.settle_pending_audience(&listed_mentors)?;
        // A report's pause ends when staff mark the report handled: the server says so here.
        // (Set on this phone the moment the report is sent; without this it never ended, and
        // every later note from that mentor was skipped.)
        for mentor in &listed.mentors {
            store.set_mark(
                &super::replies::paused_mark(&mentor.person_id),
                i64::from(mentor.replies_paused),
            )?;
        }
        store
            .mentor_devices()?
            .into_iter()
            .filter(|d| d.trust == DeviceTrust::Approved)
            .collect()
    };
    send_vouches(store, api, enrolment).await?;
    super::notices::fetch_notices(store, api, enrolment, &ids, &approved, &mut report).await?;
    super::replies::fetch_replies(store, api, enrolment, &mut report).await?;
    share_terms(store, &listed_mentors)?;

    // Items that must wait this round (shared, but no device of their mentor to seal them to
    // yet), and items already sent past a newer server version once this round.
    let mut waiting: HashSet<String> = HashSet::new();
    let mut passed: HashSet<String> = HashSet::new();
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
                let wire_id = ids.wire(record.kind, &record.item_id);
                if let Some(sealed) = &record.envelope {
                    ready.push(RecordPut {
                        item_id: wire_id,
                        version: record.version,
                        envelope: Some(String::from_utf8_lossy(sealed).into_owned()),
                    });
                    continue;
                }
                let item = ItemRef {
                    feed: Feed::Shared,
                    item_id: wire_id,
                    version: record.version,
                    mentee_id: enrolment.person_id.clone(),
                };
                // Sealed only to the devices of the mentors this item was shared with.
                let audience = store.share_audience(record.kind, &record.item_id)?;
                let recipients: Vec<Recipient> = approved
                    .iter()
                    .filter(|d| audience.contains(&d.mentor_id))
                    .map(|d| Recipient {
                        device_id: d.device_id.clone(),
                        keys: d.keys.clone(),
                    })
                    .collect();
                match content_of(&store, &record)? {
                    None => to_seal.push(Sealing {
                        local_id: record.item_id.clone(),
                        item,
                        payload: None,
                        recipients,
                    }),
                    Some(_) if recipients.is_empty() => {
                        report.waiting += 1;
                        waiting.insert(record.item_id.clone());
                    }
                    Some(content) => to_seal.push(Sealing {
                        local_id: record.item_id.clone(),
                        item,
                        payload: Some(content.to_json()),
                        recipients,
                    }),
                }
            }
            (ready, to_seal)
        };
        let sealed = seal_all(&to_seal, &enrolment.device_id, &keys)?;
        // Keep the sealed bytes before sending, so a retry after a lost answer sends the same ones.
        lock(store)?.keep_sealed_many(
            &sealed
                .iter()
                .map(|(local, _, version, envelope)| (local.clone(), *version, envelope.clone()))
                .collect::<Vec<_>>(),
        )?;
        batch.extend(
            sealed
                .into_iter()
                .map(|(_, wire_id, version, envelope)| RecordPut {
                    item_id: wire_id,
                    version,
                    envelope: Some(String::from_utf8_lossy(&envelope).into_owned()),
                }),
        );
        if batch.is_empty() {
            break;
        }
        let sent_all =
            send_batch(store, api, enrolment, &ids, batch, &mut passed, &mut report).await?;
        if !sent_all {
            break;
        }
    }
    Ok(report)
}

/// How items are named on the wire: as on the phone, except the safety plan and the reply terms,
/// whose fixed local ids would tell the server what they are; they go under ids only this device
/// makes.
pub(super) struct WireIds {
    plan: String,
    terms: String,
}

impl WireIds {
    pub(super) fn new(keys: &crate::crypto::DeviceKeys) -> Self {
        WireIds {
            plan: keys.opaque_id("safety plan"),
            terms: keys.opaque_id("reply terms"),
        }
    }

    fn wire(&self, kind: ShareKind, local_id: &str) -> String {
        match kind {
            ShareKind::SafetyPlan if local_id == SAFETY_PLAN_ID => self.plan.clone(),
            ShareKind::Terms if local_id == TERMS_ID => self.terms.clone(),
            _ => local_id.to_owned(),
        }
    }

    pub(super) fn local(&self, wire_id: &str) -> String {
        if wire_id == self.plan {
            SAFETY_PLAN_ID.to_owned()
        } else if wire_id == self.terms {
            TERMS_ID.to_owned()
        } else {
            wire_id.to_owned()
        }
    }
}

/// Once the mentee has set their reply terms, they go to every mentor they have now, so each
/// mentor's device knows whether notes are on (a new mentor gets them as soon as they are
/// paired). Until then, mentors' devices assume the defaults: notes on, nothing read shown.
fn share_terms(store: &Shared, mentors: &[String]) -> Result<(), SyncError> {
    if mentors.is_empty() {
        return Ok(());
    }
    let mut store = lock(store)?;
    if !store.share_mode(ShareKind::Terms, TERMS_ID)?.is_shared() {
        return Ok(());
    }
    let mut wanted = mentors.to_vec();
    wanted.sort();
    if store.share_audience(ShareKind::Terms, TERMS_ID)? != wanted {
        store.set_share(
            ShareKind::Terms,
            TERMS_ID,
            ShareMode::Shared,
            "your reply settings",
            LocalStamp::now(),
            &wanted,
            "",
        )?;
    }
    Ok(())
}

/// One record to seal this round.
struct Sealing {
    local_id: String,
    item: ItemRef,
    payload: Option<Vec<u8>>,
    recipients: Vec<Recipient>,
}

/// Notes the mentee's other devices as the server lists them. One that another trusted device of
/// the mentee already vouched for (or this one did) counts as vouched; the rest wait for the
/// mentee's yes. Returns how many wait.
fn note_own_devices(
    store: &mut Store,
    enrolment: &Enrolment,
    listed: &[DeviceInfo],
) -> Result<usize, SyncError> {
    let others: Vec<(String, crate::crypto::PublicKeys)> = listed
        .iter()
        .filter(|d| d.device_id != enrolment.device_id)
        .filter_map(|d| Some((d.device_id.clone(), decode_keys(d)?)))
        .collect();
    let mut waiting = store.update_own_devices(&others, chrono::Utc::now().timestamp_millis())?;
    let me = store.device_keys()?.public();
    let vouched: Vec<String> = store
        .own_devices()?
        .into_iter()
        .filter(|d| d.status == OwnDeviceStatus::Vouched)
        .map(|d| d.device_id)
        .collect();
    for device in listed {
        let Some(vouch) = &device.vouch else { continue };
        let Some(keys) = decode_keys(device) else {
            continue;
        };
        let Some(own) = store.own_device(&device.device_id)? else {
            continue;
        };
        if own.status != OwnDeviceStatus::Waiting {
            continue;
        }
        let voucher = if vouch.by == enrolment.device_id {
            Some(me.clone())
        } else if vouched.contains(&vouch.by) {
            store.own_device(&vouch.by)?.map(|d| d.keys)
        } else {
            None
        };
        let message =
            crate::crypto::identity::vouch_message(&enrolment.person_id, &device.device_id, &keys);
        let signature = B64.decode(&vouch.signature).unwrap_or_default();
        if voucher.is_some_and(|v| v.verifies(&message, &signature)) {
            let json = serde_json::to_string(vouch).unwrap_or_default();
            store.decide_own_device(&device.device_id, Some(&json))?;
            store.vouch_sent(&device.device_id)?;
            waiting = waiting.saturating_sub(1);
        }
    }
    Ok(waiting)
}

/// Sends the vouches the mentee made on this device for their other devices.
async fn send_vouches(store: &Shared, api: &Api, enrolment: &Enrolment) -> Result<(), SyncError> {
    let pending = lock(store)?.vouches_to_send()?;
    for (device_id, vouch) in pending {
        let Ok(vouch) = serde_json::from_str::<Vouch>(&vouch) else {
            continue;
        };
        match api
            .vouch(
                &enrolment.token,
                &VouchRequest {
                    device_id: device_id.clone(),
                    vouch,
                },
            )
            .await
        {
            // Refused: that device is gone from the server; nothing more to send.
            Ok(()) | Err(CallError::Refused { .. }) => lock(store)?.vouch_sent(&device_id)?,
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

/// One sealed record: (local id, wire id, version, envelope).
type Sealed = (String, String, u64, Vec<u8>);

/// Seals many items (or their tombstones), each to its own recipients, spread over the
/// device's cores (sealing is most of a large push's time).
fn seal_all(
    items: &[Sealing],
    signer_id: &str,
    keys: &crate::crypto::DeviceKeys,
) -> Result<Vec<Sealed>, SyncError> {
    let seal_one = |sealing: &Sealing| {
        match &sealing.payload {
            Some(payload) => {
                crypto::envelope::seal(&sealing.item, payload, signer_id, keys, &sealing.recipients)
            }
            None => crypto::envelope::seal_tombstone(&sealing.item, signer_id, keys),
        }
        .map(|sealed| {
            (
                sealing.local_id.clone(),
                sealing.item.item_id.clone(),
                sealing.item.version,
                sealed,
            )
        })
        .map_err(|_| SyncError::Store(StoreError::IdentityDamaged))
    };
    in_parallel(items, seal_one).into_iter().collect()
}

/// Sends one batch; on a refusal, sends its records one by one so only the refused ones stop.
/// A record the server holds a newer version of is a conflict: it goes out again above that
/// version (once a round), and counts in the report, never as sent. Returns whether every record
/// left the outbox.
async fn send_batch(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
    ids: &WireIds,
    records: Vec<RecordPut>,
    passed: &mut HashSet<String>,
    report: &mut SyncReport,
) -> Result<bool, SyncError> {
    // The outbox knows items by their local ids.
    let versions: Vec<(String, u64)> = records
        .iter()
        .map(|r| (ids.local(&r.item_id), r.version))
        .collect();
    let local_of_first = records.first().map(|r| ids.local(&r.item_id));
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
            let mut sent = Vec::with_capacity(versions.len());
            for (index, (item_id, version)) in versions.into_iter().enumerate() {
                let outcome = response.outcomes.get(index).copied();
                if outcome != Some(PutOutcome::Superseded) {
                    if outcome == Some(PutOutcome::Stored) {
                        report.sent += 1;
                    }
                    sent.push((item_id, version));
                    continue;
                }
                report.conflicts += 1;
                let held = response.versions.get(index).copied().unwrap_or(version);
                if passed.insert(item_id.clone())
                    && store.go_past_server_version(&item_id, held)?.is_some()
                {
                    continue;
                }
                store.outbox_failed(
                    &item_id,
                    Some("The server holds a newer copy of this item than this phone can send past. Change it again to try once more."),
                )?;
            }
            store.outbox_sent_many(&sent)?;
            // Every record is settled: sent, refused, or (past the server's version) queued for
            // the next batch of this round.
            Ok(true)
        }
        // The server holds this very version with other contents (another phone of the mentee's
        // made it, or the server did): a conflict too, resolved the same way.
        Err(CallError::Refused { code, .. })
            if records.len() == 1
                && code == "version_conflict"
                && let Some(local) = &local_of_first
                && passed.insert(local.clone())
                && lock(store)?
                    .go_past_server_version(local, records[0].version)?
                    .is_some() =>
        {
            report.conflicts += 1;
            Ok(true)
        }
        Err(CallError::Refused { code, message, .. }) if records.len() == 1 => {
            let local = local_of_first.unwrap_or_default();
            let kept = super::client::refusal_text(&code, &message);
            lock(store)?.outbox_failed(&local, Some(&kept))?;
            report.refused.push(kept);
            Ok(false)
        }
        Err(CallError::Refused { .. }) => {
            let mut all = true;
            for record in records {
                all &= Box::pin(send_batch(
                    store,
                    api,
                    enrolment,
                    ids,
                    vec![record],
                    passed,
                    report,
                ))
                .await?;
            }
            Ok(all)
        }
        Err(err) => {
            let mut store = lock(store)?;
            for (item_id, _) in &versions {
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
        ShareKind::Terms if item_id == TERMS_ID => {
            let read_receipts = store.mark(MARK_READ_RECEIPTS)? == 1;
            Ok(Some(SharedContent::Terms {
                replies: store.mark(MARK_REPLIES_OFF)? == 0,
                read_receipts,
                read_up_to_ms: if read_receipts {
                    store.mark(MARK_READ_UP_TO)?
                } else {
                    0
                },
            }))
        }
        ShareKind::Terms => Ok(None),
    }
}
