//! The SQLite store's memory: valid tokens, the pairings, and each mentee's newest feed number,
//! so the common "anything new?" pull needs no disk read. It is only as good as the database
//! behind it, which other writers share: a second server node on the same file, or the command
//! line. So before each use the store hands in the database's change counter
//! ([`Caches::check_version`]); any commit by anyone since the last look clears everything. A
//! reader takes a [`Ticket`] before it reads the database and fills the cache only if nothing was
//! forgotten meanwhile, so a cache never holds the state from before a change.

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::storage::{Caller, ServerStoreError};

/// Every (mentee, mentor) pair.
pub(super) type Pairings = HashSet<(String, String)>;

/// Taken before reading the database; a fill with a stale ticket is dropped.
#[derive(Clone, Copy)]
struct Ticket(u64);

#[derive(Default)]
pub(super) struct Caches {
    callers: RwLock<HashMap<String, Caller>>,
    pairings: RwLock<Option<Pairings>>,
    feed_heads: RwLock<HashMap<String, i64>>,
    generation: AtomicU64,
    /// The database's change counter when last looked at.
    version: AtomicI64,
    /// Writes through this node, and how many of them the last look covered.
    writes: AtomicU64,
    writes_looked: AtomicU64,
    /// When it was last looked at, in microseconds since `epoch` (0: never).
    looked_at: AtomicU64,
    epoch: Epoch,
}

/// A look at the change counter being made: the writes before it, and when it began.
pub(super) struct Look {
    writes: u64,
    now: u64,
}

/// The moment the caches were made, from which look times count.
struct Epoch(Instant);

impl Default for Epoch {
    fn default() -> Self {
        Epoch(Instant::now())
    }
}

impl Caches {
    /// Whether the change counter is due a look: none in the last `every`, or a write through
    /// this node since the last look began. Every request that finds it due looks (none skips
    /// while one is looking).
    pub(super) fn look_due(&self, every: Duration) -> Option<Look> {
        let now = (self.epoch.0.elapsed().as_micros() as u64).max(1);
        let writes = self.writes.load(Ordering::SeqCst);
        let looked_at = self.looked_at.load(Ordering::SeqCst);
        let stale = looked_at == 0
            || writes != self.writes_looked.load(Ordering::SeqCst)
            || now.saturating_sub(looked_at) >= every.as_micros() as u64;
        stale.then_some(Look { writes, now })
    }

    /// A look is done: it covers the writes made before it began, and the next `every`.
    pub(super) fn looked(&self, look: Look) {
        self.writes_looked.fetch_max(look.writes, Ordering::SeqCst);
        self.looked_at.fetch_max(look.now, Ordering::SeqCst);
    }

    /// Makes the next use look at the change counter (after a write through this node).
    pub(super) fn look_next_time(&self) {
        self.writes.fetch_add(1, Ordering::SeqCst);
    }

    /// Forgets everything if the database changed since the last look. The counter only has to
    /// differ, not grow, after a commit by any connection other than the one that reads it.
    pub(super) fn check_version(&self, version: i64) {
        if self.version.swap(version, Ordering::SeqCst) != version {
            self.forget();
        }
    }

    fn ticket(&self) -> Ticket {
        Ticket(self.generation.load(Ordering::SeqCst))
    }

    fn current(&self, ticket: Ticket) -> bool {
        self.generation.load(Ordering::SeqCst) == ticket.0
    }

    fn caller(&self, token_hash: &str) -> Option<Caller> {
        self.callers.read().ok()?.get(token_hash).cloned()
    }

    /// Only valid tokens are remembered, so guessing cannot grow the cache.
    fn remember_caller(&self, ticket: Ticket, token_hash: &str, caller: &Caller) {
        if let Ok(mut callers) = self.callers.write()
            && self.current(ticket)
        {
            callers.insert(token_hash.to_owned(), caller.clone());
        }
    }

    fn paired(&self, key: &(String, String)) -> Option<bool> {
        let pairings = self.pairings.read().ok()?;
        Some(pairings.as_ref()?.contains(key))
    }

    fn remember_pairings(&self, ticket: Ticket, all: Pairings) {
        if let Ok(mut pairings) = self.pairings.write()
            && self.current(ticket)
        {
            *pairings = Some(all);
        }
    }

    fn feed_head(&self, mentee_id: &str) -> Option<i64> {
        self.feed_heads.read().ok()?.get(mentee_id).copied()
    }

    fn remember_feed_head(&self, ticket: Ticket, mentee_id: &str, head: i64) {
        if let Ok(mut heads) = self.feed_heads.write()
            && self.current(ticket)
        {
            heads.insert(mentee_id.to_owned(), head);
        }
    }

    /// The caller behind `token_hash`: remembered, or read by `read` (and remembered if valid and
    /// nothing was forgotten while it read).
    pub(super) fn caller_or(
        &self,
        token_hash: &str,
        read: impl FnOnce() -> Result<Option<Caller>, ServerStoreError>,
    ) -> Result<Option<Caller>, ServerStoreError> {
        if let Some(caller) = self.caller(token_hash) {
            return Ok(Some(caller));
        }
        let ticket = self.ticket();
        let caller = read()?;
        if let Some(caller) = &caller {
            self.remember_caller(ticket, token_hash, caller);
        }
        Ok(caller)
    }

    /// Whether `key` is paired: from the remembered pairings, or from all of them as `read_all`
    /// reads them (then remembered, as in [`Caches::caller_or`]).
    pub(super) fn paired_or(
        &self,
        key: &(String, String),
        read_all: impl FnOnce() -> Result<Pairings, ServerStoreError>,
    ) -> Result<bool, ServerStoreError> {
        if let Some(known) = self.paired(key) {
            return Ok(known);
        }
        let ticket = self.ticket();
        let all = read_all()?;
        let paired = all.contains(key);
        self.remember_pairings(ticket, all);
        Ok(paired)
    }

    /// A mentee's newest feed number: remembered, or read by `read` (then remembered, as in
    /// [`Caches::caller_or`]).
    pub(super) fn feed_head_or(
        &self,
        mentee_id: &str,
        read: impl FnOnce() -> Result<i64, ServerStoreError>,
    ) -> Result<i64, ServerStoreError> {
        if let Some(head) = self.feed_head(mentee_id) {
            return Ok(head);
        }
        let ticket = self.ticket();
        let head = read()?;
        self.remember_feed_head(ticket, mentee_id, head);
        Ok(head)
    }

    /// Forgets one mentee's feed head (PostgreSQL says whose feed changed). Fills under way are
    /// dropped too, as after [`Caches::forget`].
    pub(super) fn forget_feed_head(&self, mentee_id: &str) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut heads) = self.feed_heads.write() {
            heads.remove(mentee_id);
        }
    }

    /// Forgets everything (after a change to devices, people or pairings, or any change at all
    /// by another writer).
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

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(3600);

    #[test]
    fn a_write_makes_the_next_use_look_even_while_a_look_is_under_way() {
        let caches = Caches::default();
        let first = caches.look_due(LONG).expect("the first use looks");
        caches.looked(first);
        assert!(caches.look_due(LONG).is_none(), "one look serves a while");

        caches.look_next_time();
        let during = caches
            .look_due(LONG)
            .expect("a write makes the next use look");
        // A write lands while that look is under way: its finish must not hide the write.
        caches.look_next_time();
        caches.looked(during);
        assert!(caches.look_due(LONG).is_some(), "still due after the write");
    }

    #[test]
    fn a_changed_counter_forgets_everything_and_a_stale_fill_is_dropped() {
        let caches = Caches::default();
        caches.check_version(7);
        let caller = Caller {
            device_id: "d".into(),
            person_id: "p".into(),
            role: steady_core::protocol::Role::Mentor,
        };
        let before = caches.ticket();
        caches.remember_caller(before, "token", &caller);
        caches.remember_feed_head(before, "alex", 3);
        caches.check_version(7);
        assert_eq!(
            caches.caller("token"),
            Some(caller.clone()),
            "same counter, kept"
        );

        caches.check_version(8);
        assert_eq!(caches.caller("token"), None, "another writer committed");
        assert_eq!(caches.feed_head("alex"), None);
        // A read that began before the change may not fill the cache after it.
        caches.remember_feed_head(before, "alex", 3);
        assert_eq!(caches.feed_head("alex"), None);
    }

    #[test]
    fn a_read_overtaken_by_a_change_answers_but_is_not_remembered() {
        let caches = Caches::default();
        let head = caches
            .feed_head_or("alex", || {
                // A change lands while the head is being read.
                caches.forget_feed_head("alex");
                Ok(3)
            })
            .unwrap();
        assert_eq!(head, 3, "the read's answer is used once");
        let mut read_again = false;
        let head = caches
            .feed_head_or("alex", || {
                read_again = true;
                Ok(4)
            })
            .unwrap();
        assert!(read_again, "not served from memory");
        assert_eq!(head, 4);
        assert_eq!(
            caches.feed_head_or("alex", || Ok(99)).unwrap(),
            4,
            "now remembered"
        );
    }
}
