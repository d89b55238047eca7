//! Steady: a calm, private companion app for young people in mentoring programs.
//!
//! The crate is layered, each layer using only the ones above it in this list:
//!
//! - [`i18n`]: every word a person reads, from message catalogues (English, Spanish).
//! - [`domain`]: the pure model (mood entries, emotion words, history charts, crisis contacts).
//! - [`crypto`]: the only code that touches cryptographic libraries.
//! - [`store`]: the encrypted local SQLite database, one module per table.
//! - [`sync`]: the sync protocol's wire types and the app's sync client.
//! - [`state`]: the small app-state API the UI calls ([`state::Device`]).
//! - [`ui`]: Dioxus components and screens, the same for every platform.
//! - [`platform`]: what the app asks of the device, which differs between preview, desktop and
//!   mobile (folders, the keystore, links, the screen).
//! - `launch`: how the app opens in a desktop window or on a phone (features `desktop`, `mobile`).
//! - [`fuzzing`]: the fuzz targets' entry points (arbitrary bytes in, never a panic).
//! - `preview`: the demo runner that serves simulated devices to a browser (feature `preview`).

// What the app shares with the server, at the paths the app has always used.
#[macro_use]
extern crate steady_core;
pub use steady_core::{crypto, domain, i18n, t};

pub mod fuzzing;
#[cfg(any(feature = "desktop", feature = "mobile"))]
pub mod launch;
pub mod platform;
pub mod state;
pub mod store;
pub mod sync;
pub mod ui;

#[cfg(feature = "preview")]
pub mod preview;

#[cfg(test)]
mod i18n_tests;

// The phone app must never carry the demo, the liveview preview or the sync server. dx keeps a
// crate's default features unless told otherwise, so a phone build without
// `--no-default-features` would; stop it here instead of shipping it (see README, phones).
#[cfg(all(feature = "mobile", feature = "preview"))]
compile_error!(
    "the phone app is built without the preview and the server: add --no-default-features \
     (dx bundle --platform android --release --no-default-features)"
);
