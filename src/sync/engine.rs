//! One round of sync for one device. A mentee's device refreshes its mentor's devices, seals what
//! waits in the outbox (keeping the sealed bytes so a retry sends the same ones) and pushes it; a
//! mentor's device pulls each paired mentee's changes by cursor, verifies and opens them, and
//! caches the result. The store's lock is never held across a network call.

use thiserror::Error;

use super::client::{Api, CallError};
use super::protocol::Role;
use crate::store::{OpenStore, SlotError, StoreError, StoreSlot};

#[derive(Debug, Error)]
pub enum SyncError {
    #[error("This app isn't linked with a program yet.")]
    NotEnrolled,
    #[error(transparent)]
    Call(#[from] CallError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("The app hit a problem and stopped updating to be safe.")]
    Poisoned,
    #[error("The app is locked, so updates wait until it's opened.")]
    Locked,
}

/// What one round did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub sent: usize,
    pub waiting: usize,
    pub refused: Vec<String>,
    /// Items the server held a newer version of; sent again above it.
    pub conflicts: usize,
    pub received: usize,
    pub removed: usize,
    pub unverified: usize,
    /// Mentor devices (mentee side) or mentee devices (mentor side) waiting for a yes.
    pub devices_waiting: usize,
    /// The mentee's own other devices waiting for their yes.
    pub own_devices_waiting: usize,
    /// Matches this round found ended.
    pub matches_ended: usize,
    /// Notices this round brought (something passed on).
    pub notices: usize,
}

pub(super) type Shared = StoreSlot;

pub(super) fn lock(store: &Shared) -> Result<OpenStore<'_>, SyncError> {
    store.get().map_err(|err| match err {
        SlotError::Locked => SyncError::Locked,
        SlotError::Poisoned => SyncError::Poisoned,
    })
}

/// One round for whichever role this device has.
pub async fn sync_once(store: &Shared) -> Result<SyncReport, SyncError> {
    let enrolment = lock(store)?.enrolment()?.ok_or(SyncError::NotEnrolled)?;
    let api = Api::new(&enrolment.server_url);
    let report = match enrolment.role {
        Role::Mentee => super::push::push(store, &api, &enrolment).await?,
        Role::Mentor => super::pull::pull(store, &api, &enrolment).await?,
    };
    lock(store)?.mark_synced(chrono::Utc::now().timestamp_millis())?;
    Ok(report)
}

/// Maps `f` over `items` on up to four threads, keeping the order.
pub(super) fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
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

impl crate::i18n::Say for SyncError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            SyncError::NotEnrolled => crate::t!(lang, "err-not-enrolled"),
            SyncError::Call(err) => err.say(lang),
            SyncError::Store(err) => err.say(lang),
            SyncError::Poisoned => crate::t!(lang, "err-sync-poisoned"),
            SyncError::Locked => crate::t!(lang, "err-sync-locked"),
        }
    }
}
