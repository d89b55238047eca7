//! Steady: a calm, private companion app for young people in mentoring programs.
//!
//! What the app shares with the sync server (the words, the domain, crypto and the wire protocol)
//! is `steady-core`, re-exported here as [`i18n`], [`domain`] and [`crypto`] (and the protocol as
//! `sync::protocol`). This crate's own layers, each using only the ones above it:
//!
//! - [`store`]: the encrypted local SQLite database, one module per table.
//! - [`sync`]: the app's sync client and engine.
//! - [`state`]: the small app-state API the UI calls ([`state::Device`]).
//! - [`ui`]: Dioxus components and screens, the same for every platform.
//! - [`platform`]: what the app asks of the device, which differs between preview, desktop and
//!   mobile (folders, the keystore, links, the screen).
//! - `launch`: how the app opens in a desktop window or on a phone (features `desktop`, `mobile`).
//! - [`fuzzing`]: the fuzz targets' entry points (arbitrary bytes in, never a panic).
//! - `preview`: the app served through Dioxus liveview, one simulated device per `/d/{name}`
//!   (feature `preview`; the demo that `cargo run` starts is the binary's own, `src/demo.rs`).

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
