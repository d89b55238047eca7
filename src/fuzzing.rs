//! Entry points for the fuzz targets in `fuzz/` (cargo-fuzz, libFuzzer) and for the stable test
//! that replays their checked-in corpus plus a bounded run of mutations on every `cargo test`.
//! Each takes arbitrary bytes and must never panic: bad input is an error value, nothing more.

use std::sync::OnceLock;

use base64::Engine;

use crate::crypto::{DeviceKeys, PublicKeys, SignedDirectory, envelope};
use crate::domain::{CrisisDirectory, SharedContent};
use crate::store::Store;

fn keys() -> &'static (DeviceKeys, PublicKeys) {
    static KEYS: OnceLock<(DeviceKeys, PublicKeys)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let keys = DeviceKeys::generate().expect("keys");
        let public = keys.public();
        (keys, public)
    })
}

/// A sealed envelope as a mentor's device receives it, and the shared content inside one.
pub fn envelope(data: &[u8]) {
    let (keys, public) = keys();
    for feed in [envelope::Feed::Shared, envelope::Feed::Replies] {
        let _ = envelope::open(data, feed, "item", "mentee", "device", keys, |_| {
            Some(public.clone())
        });
    }
    let _ = envelope::is_tombstone(data);
    let _ = SharedContent::from_json(data);
}

/// A signed crisis directory as the app fetches and keeps it, and the directory inside.
pub fn directory(data: &[u8]) {
    if let Ok(signed) = serde_json::from_slice::<SignedDirectory>(data) {
        let key = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(keys().1.signing);
        let _ = signed.verifies_with(&key);
        let _ = CrisisDirectory::from_json(&signed.payload);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = CrisisDirectory::from_json(text);
    }
}

/// An export file being imported, into a real (encrypted) store kept across inputs.
pub struct ImportTarget {
    store: Store,
    _dir: scratch::Dir,
}

impl ImportTarget {
    pub fn new() -> Self {
        let dir = scratch::Dir::new();
        let store = Store::open(dir.path()).expect("store");
        Self { store, _dir: dir }
    }

    pub fn run(&mut self, data: &[u8]) {
        if let Ok(tables) = crate::state::parse_export(data) {
            let _ = self.store.import_tables(&tables);
            assert!(
                self.store.integrity_ok().unwrap_or(false),
                "an import left the store damaged"
            );
        }
    }
}

impl Default for ImportTarget {
    fn default() -> Self {
        Self::new()
    }
}

pub(crate) use steady_core::files::scratch;
