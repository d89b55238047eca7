//! Steady: a calm, private companion app for young people in mentoring programs.
//!
//! The crate is layered, each layer using only the ones above it in this list:
//!
//! - [`domain`]: the pure model (mood entries, emotion words, history charts, crisis contacts).
//! - [`crypto`]: the only code that touches cryptographic libraries.
//! - [`store`]: the encrypted local SQLite database, one module per table.
//! - [`sync`]: the sync protocol's wire types and the app's sync client.
//! - [`state`]: the small app-state API the UI calls ([`state::Device`]).
//! - [`ui`]: Dioxus components and screens, the same for every platform.
//! - [`platform`]: what differs between preview, desktop and mobile, including how the app starts.
//! - `server`: the sync server (feature `sync-server`).
//! - [`fuzzing`]: the fuzz targets' entry points (arbitrary bytes in, never a panic).
//! - `preview`: the demo runner that serves simulated devices to a browser (feature `preview`).

pub mod crypto;
pub mod domain;
pub mod fuzzing;
pub mod platform;
pub mod state;
pub mod store;
pub mod sync;
pub mod ui;

#[cfg(feature = "sync-server")]
pub mod server;

#[cfg(feature = "preview")]
pub mod preview;
