//! Sync: the wire protocol shared with the server, the HTTP client, and the engine that pushes a
//! mentee's outbox and pulls a mentor's inbox.

pub mod client;
pub mod engine;
pub use steady_core::protocol;
mod notices;
mod pull;
mod push;
mod replies;
pub mod tls;
pub mod trust;

pub use client::{Api, CallError};
pub use engine::{SyncError, SyncReport, sync_once};
pub use push::shared_content;
pub use replies::paused_mark;
