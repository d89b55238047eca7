//! The mentor's side of a sync round: list the paired mentees, decide which of each mentee's
//! devices to trust (`sync::trust`: pinned at first sight, later ones only on a vouch), pull each
//! mentee's changes by cursor, verify and open them on every core against those devices only, and
//! apply each page and its cursor in one transaction. Only verified envelopes and signed
//! tombstones change what the mentor sees; replays at or below an item's verified version are
//! ignored (see `store::mentor_inbox`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::client::{Api, CallError, decode_keys};
use super::engine::{Shared, SyncError, SyncReport, in_parallel, lock};
use super::protocol::{MenteeInfo, RecordChange};
use super::trust::{ListedDevice, decide_mentee_devices};
use crate::crypto::envelope::Feed;
use crate::crypto::{self, PublicKeys};
use crate::domain::{LocalStamp, SharedContent};
use crate::store::{CachedItem, Enrolment, MenteeDeviceTrust, NoticeKind, PulledChange};

pub(super) async fn pull(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    let listed = match api.mentees(&enrolment.token).await {
        Ok(listed) => listed,
        Err(err @ CallError::Refused { status: 401, .. }) => {
            // The program removed this device (or the person): nothing a mentee shared stays.
            let mut store = lock(store)?;
            if store.forget_all_mentees()? > 0 {
                store.add_notice(
                    NoticeKind::DeviceRemoved,
                    &crate::i18n::Phrase::new("notice-device-removed", &[]).to_text(),
                    "",
                    LocalStamp::now(),
                )?;
            }
            return Err(err.into());
        }
        Err(err) => return Err(err.into()),
    };
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
    let ended = lock(store)?.set_known_mentees(&rows)?;
    {
        let mut store = lock(store)?;
        for mentee in &listed.mentees {
            store.set_mark(
                &super::replies::paused_mark(&mentee.person_id),
                i64::from(mentee.replies_paused),
            )?;
        }
    }
    super::replies::send_replies(store, api, enrolment, &mut report).await?;
    for name in ended {
        report.matches_ended += 1;
        lock(store)?.add_notice(
            NoticeKind::MatchEnded,
            &crate::i18n::Phrase::new("notice-match-ended-mentor", &[("name", &name)]).to_text(),
            "",
            LocalStamp::now(),
        )?;
    }
    for mentee in &listed.mentees {
        report.devices_waiting += trust_devices(store, mentee)?;
    }
    let keys = lock(store)?.device_keys()?;
    let mentees = lock(store)?.known_mentees()?;
    for mentee in mentees {
        let trusted = lock(store)?.trusted_mentee_keys(&mentee.person_id)?;
        let signer = |id: &str| -> Option<PublicKeys> { trusted.get(id).cloned() };
        let mut cursor = mentee.cursor;
        loop {
            let page = api
                .records(&enrolment.token, &mentee.person_id, cursor)
                .await?;
            let mut fresh = Vec::new();
            {
                let store = lock(store)?;
                for change in &page.changes {
                    // At or below what was verified before: a replay. Nothing to open.
                    if change.version <= store.floor(&mentee.person_id, &change.item_id)? {
                        continue;
                    }
                    match &change.envelope {
                        Some(envelope) => fresh.push((change, envelope)),
                        // An unsigned removal: only a server could have made it.
                        None => report.unverified += 1,
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
            let changes: Vec<PulledChange> = opened.into_iter().flatten().collect();
            for change in &changes {
                match change {
                    PulledChange::Verified(_) => report.received += 1,
                    PulledChange::Removed { .. } => report.removed += 1,
                    PulledChange::Unverified(item) => {
                        report.unverified += 1;
                        tracing::warn!(item = %item.item_id, "a shared item could not be verified");
                    }
                }
            }
            cursor = page.last_seq;
            lock(store)?.apply_mentor_page(&mentee.person_id, &changes, cursor)?;
            if !page.more {
                break;
            }
        }
    }
    Ok(report)
}

/// Decides and keeps which of `mentee`'s listed devices to trust; returns how many wait.
fn trust_devices(store: &Shared, mentee: &MenteeInfo) -> Result<usize, SyncError> {
    let listed: Vec<ListedDevice> = mentee
        .devices
        .iter()
        .filter_map(|device| {
            Some(ListedDevice {
                device_id: device.device_id.clone(),
                keys: decode_keys(device)?,
                vouch: device
                    .vouch
                    .as_ref()
                    .and_then(|v| Some((v.by.clone(), B64.decode(&v.signature).ok()?))),
            })
        })
        .collect();
    let mut store = lock(store)?;
    let known = store.mentee_devices(&mentee.person_id)?;
    let decided = decide_mentee_devices(&mentee.person_id, &known, &listed);
    store.set_mentee_devices(
        &mentee.person_id,
        &decided,
        chrono::Utc::now().timestamp_millis(),
    )?;
    Ok(decided
        .iter()
        .filter(|d| d.trust == MenteeDeviceTrust::Waiting)
        .count())
}

/// Verifies and opens one change. A verified change not sealed to this device removes the item
/// here: consent is per mentor, and the mentee's signature says who may read each version.
fn open_change(
    change: &RecordChange,
    envelope: &str,
    mentee_id: &str,
    enrolment: &Enrolment,
    keys: &crate::crypto::DeviceKeys,
    signer: &(impl Fn(&str) -> Option<PublicKeys> + Sync),
    now_ms: i64,
) -> Option<PulledChange> {
    let opened = crypto::envelope::open(
        envelope.as_bytes(),
        Feed::Shared,
        &change.item_id,
        mentee_id,
        &enrolment.device_id,
        keys,
        signer,
    );
    Some(match opened {
        Ok(opened) if opened.item.version != change.version => {
            unverified(change, now_ms, "its version does not match")
        }
        Ok(opened) => match opened.payload {
            None => PulledChange::Removed {
                item_id: change.item_id.clone(),
                version: change.version,
            },
            Some(payload) => match SharedContent::from_json(&payload) {
                Some(content) => PulledChange::Verified(CachedItem {
                    item_id: change.item_id.clone(),
                    kind: Some(content.kind().key().to_owned()),
                    version: change.version,
                    content: String::from_utf8(payload).ok(),
                    problem: None,
                    received_at_ms: now_ms,
                    envelope: Some(envelope.to_owned()),
                }),
                None => unverified(change, now_ms, "its contents are not readable"),
            },
        },
        // Signed by the mentee, and not sealed to this device: taken back from this mentor (or
        // not given to this device yet; it comes once the mentee approves it, at a new version).
        // A removal only at the version the mentee signed: an old envelope the server re-serves
        // at a version of its choosing (say i64::MAX) would otherwise delete the item here and
        // raise its floor past anything the mentee could ever send.
        Err(crypto::OpenError::NotForThisDevice { signed_version })
            if signed_version == change.version =>
        {
            PulledChange::Removed {
                item_id: change.item_id.clone(),
                version: change.version,
            }
        }
        Err(crypto::OpenError::NotForThisDevice { .. }) => {
            unverified(change, now_ms, "its version does not match")
        }
        Err(err) => unverified(change, now_ms, &err.to_string()),
    })
}

fn unverified(change: &RecordChange, now_ms: i64, why: &str) -> PulledChange {
    PulledChange::Unverified(CachedItem {
        item_id: change.item_id.clone(),
        kind: None,
        version: change.version,
        content: None,
        problem: Some(why.to_owned()),
        received_at_ms: now_ms,
        envelope: None,
    })
}
