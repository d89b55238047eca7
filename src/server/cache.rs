//! The SQLite store's memory: valid tokens, the pairings, and each mentee's newest feed number,
//! so the common "anything new?" pull needs no disk read. Every change made through this server
//! clears it at once ([`Caches::forget`]); tokens and pairings are also re-read after
//! [`CACHE_FOR`], which bounds how long a change made by another process (the command line) takes
//! to be seen. A reader takes a [`Ticket`] before it reads the database and fills the cache only
//! if nothing was forgotten meanwhile, so a cache never holds the state from before a change.

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::store::Caller;

/// How long a cached token or pairing is trusted before it is read again.
pub(super) const CACHE_FOR: Duration = Duration::from_secs(2);

/// Every (mentee, mentor) pair.
pub(super) type Pairings = HashSet<(String, String)>;

/// Taken before reading the database; a fill with a stale ticket is dropped.
#[derive(Clone, Copy)]
pub(super) struct Ticket(u64);

#[derive(Default)]
pub(super) struct Caches {
    callers: RwLock<HashMap<String, (Caller, Instant)>>,
    pairings: RwLock<Option<(Pairings, Instant)>>,
    feed_heads: RwLock<HashMap<String, i64>>,
    generation: AtomicU64,
}

impl Caches {
    pub(super) fn ticket(&self) -> Ticket {
        Ticket(self.generation.load(Ordering::SeqCst))
    }

    fn current(&self, ticket: Ticket) -> bool {
        self.generation.load(Ordering::SeqCst) == ticket.0
    }

    pub(super) fn caller(&self, token_hash: &str) -> Option<Caller> {
        let callers = self.callers.read().ok()?;
        let (caller, at) = callers.get(token_hash)?;
        (at.elapsed() < CACHE_FOR).then(|| caller.clone())
    }

    /// Only valid tokens are remembered, so guessing cannot grow the cache.
    pub(super) fn remember_caller(&self, ticket: Ticket, token_hash: &str, caller: &Caller) {
        if let Ok(mut callers) = self.callers.write()
            && self.current(ticket)
        {
            callers.insert(token_hash.to_owned(), (caller.clone(), Instant::now()));
        }
    }

    pub(super) fn paired(&self, key: &(String, String)) -> Option<bool> {
        let pairings = self.pairings.read().ok()?;
        let (all, at) = pairings.as_ref()?;
        (at.elapsed() < CACHE_FOR).then(|| all.contains(key))
    }

    pub(super) fn remember_pairings(&self, ticket: Ticket, all: Pairings) {
        if let Ok(mut pairings) = self.pairings.write()
            && self.current(ticket)
        {
            *pairings = Some((all, Instant::now()));
        }
    }

    pub(super) fn feed_head(&self, mentee_id: &str) -> Option<i64> {
        self.feed_heads.read().ok()?.get(mentee_id).copied()
    }

    /// A head read from the database; a newer one already noted by a writer wins.
    pub(super) fn remember_feed_head(&self, ticket: Ticket, mentee_id: &str, head: i64) {
        if let Ok(mut heads) = self.feed_heads.write()
            && self.current(ticket)
        {
            heads.entry(mentee_id.to_owned()).or_insert(head);
        }
    }

    /// A head just committed. Called under the writer lock, so heads move forward in order.
    pub(super) fn advance_feed_head(&self, mentee_id: &str, head: i64) {
        if let Ok(mut heads) = self.feed_heads.write() {
            heads.insert(mentee_id.to_owned(), head);
        }
    }

    /// Forgets everything after a change to devices, people or pairings.
    pub(super) fn forget(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut callers) = self.callers.write() {
            callers.clear();
        }
        if let Ok(mut pairings) = self.pairings.write() {
            *pairings = None;
        }
        if let Ok(mut heads) = self.feed_heads.write() {
            heads.clear();
        }
    }
}

/// Forgets the caches when a change is done (or fails), after the write lock is released, so a
/// reader never caches the state from before the change.
pub(super) struct ForgetOnDrop<'a>(pub(super) &'a Caches);

impl Drop for ForgetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.forget();
    }
}
