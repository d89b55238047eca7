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

use super::store::Caller;

/// Every (mentee, mentor) pair.
pub(super) type Pairings = HashSet<(String, String)>;

/// Taken before reading the database; a fill with a stale ticket is dropped.
#[derive(Clone, Copy)]
pub(super) struct Ticket(u64);

#[derive(Default)]
pub(super) struct Caches {
    callers: RwLock<HashMap<String, Caller>>,
    pairings: RwLock<Option<Pairings>>,
    feed_heads: RwLock<HashMap<String, i64>>,
    generation: AtomicU64,
    /// The database's change counter when last looked at.
    version: AtomicI64,
}

impl Caches {
    /// Forgets everything if the database changed since the last look. The counter only has to
    /// differ, not grow, after a commit by any connection other than the one that reads it.
    pub(super) fn check_version(&self, version: i64) {
        if self.version.swap(version, Ordering::SeqCst) != version {
            self.forget();
        }
    }

    pub(super) fn ticket(&self) -> Ticket {
        Ticket(self.generation.load(Ordering::SeqCst))
    }

    fn current(&self, ticket: Ticket) -> bool {
        self.generation.load(Ordering::SeqCst) == ticket.0
    }

    pub(super) fn caller(&self, token_hash: &str) -> Option<Caller> {
        self.callers.read().ok()?.get(token_hash).cloned()
    }

    /// Only valid tokens are remembered, so guessing cannot grow the cache.
    pub(super) fn remember_caller(&self, ticket: Ticket, token_hash: &str, caller: &Caller) {
        if let Ok(mut callers) = self.callers.write()
            && self.current(ticket)
        {
            callers.insert(token_hash.to_owned(), caller.clone());
        }
    }

    pub(super) fn paired(&self, key: &(String, String)) -> Option<bool> {
        let pairings = self.pairings.read().ok()?;
        Some(pairings.as_ref()?.contains(key))
    }

    pub(super) fn remember_pairings(&self, ticket: Ticket, all: Pairings) {
        if let Ok(mut pairings) = self.pairings.write()
            && self.current(ticket)
        {
            *pairings = Some(all);
        }
    }

    pub(super) fn feed_head(&self, mentee_id: &str) -> Option<i64> {
        self.feed_heads.read().ok()?.get(mentee_id).copied()
    }

    pub(super) fn remember_feed_head(&self, ticket: Ticket, mentee_id: &str, head: i64) {
        if let Ok(mut heads) = self.feed_heads.write()
            && self.current(ticket)
        {
            heads.insert(mentee_id.to_owned(), head);
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
