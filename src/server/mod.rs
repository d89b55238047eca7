//! The sync server: axum routes for protocol v1 over a [`ServerStore`] (embedded SQLite by
//! default). It stores sealed envelopes it cannot open, and logs methods, routes and status codes,
//! never bodies. [`launch_with_listener`] is the seam tests and the demo use (port 0).

mod admin;
mod api;
mod cache;
mod config;
mod console;
mod error;
pub mod fuzzing;
mod limits;
mod records;
mod sqlite;
pub mod staff_store;
pub mod store;

pub use admin::{Invite, add_staff, create_invite, normalize_invite_code, pair, publish_directory};
pub use config::{Config, ConfigError};
pub use console::sign_in_delay;
pub use store::{Person, ServerStore, SqliteStore};

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

use crate::crypto::ProgramKey;

/// What every handler shares.
#[derive(Clone)]
pub struct ServerState {
    pub store: Arc<dyn ServerStore>,
    pub program_key: Arc<ProgramKey>,
    /// Whether the server sits behind TLS (its cookies are then marked Secure).
    pub behind_tls: bool,
    /// How long new invite codes stay valid, in days.
    pub invite_days: i64,
    limiter: Arc<limits::RateLimiter>,
    /// When each device was last noted as active, so the note costs a write at most every
    /// ten minutes per device.
    last_touch: Arc<std::sync::Mutex<std::collections::HashMap<String, i64>>>,
}

/// The program's signing key file inside the server's data directory.
pub const PROGRAM_KEY_FILE: &str = "program.key";

impl ServerState {
    /// The server's shared state; reads (or, on first start, makes) the program's signing key.
    pub fn new(store: Arc<dyn ServerStore>, config: &Config) -> Self {
        Self::try_new(store, config).expect("the program key in the data directory is readable")
    }

    pub fn try_new(store: Arc<dyn ServerStore>, config: &Config) -> anyhow::Result<Self> {
        let key = ProgramKey::load_or_create(&config.data_dir.join(PROGRAM_KEY_FILE))
            .map_err(|err| anyhow::anyhow!("program key: {err}"))?;
        Ok(ServerState {
            store,
            program_key: Arc::new(key),
            behind_tls: config.behind_tls,
            invite_days: config.invite_days,
            last_touch: Arc::default(),
            limiter: Arc::new(limits::RateLimiter::new(
                config.rate_per_second,
                config.rate_burst,
            )),
        })
    }
}

impl ServerState {
    /// Notes that `device` was active now (for the console's "active in the last 7 and 30 days").
    pub(crate) fn note_active(&self, device: &str) {
        let now = now();
        let due = self.last_touch.lock().is_ok_and(|mut touched| {
            let last = touched.get(device).copied().unwrap_or(i64::MIN);
            let due = now.saturating_sub(last) >= 600;
            if due {
                touched.insert(device.to_owned(), now);
            }
            due
        });
        if due && let Err(err) = self.store.touch_device(device, now) {
            tracing::warn!("could not note a device as active: {err}");
        }
    }
}

/// The sync API and the staff console, to serve beside the preview.
pub fn api_router(state: ServerState) -> Router {
    api::routes(state.clone()).merge(console::routes(state))
}

/// The whole server's routes.
pub fn router(state: ServerState) -> Router {
    api_router(state).route("/healthz", axum::routing::get(|| async { "ok" }))
}

/// Opens the configured store and serves on `listener` until `shutdown` completes.
pub async fn launch_with_listener(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let store = SqliteStore::open(&config.data_dir, &config.program_name)?;
    let state = ServerState::try_new(Arc::new(store), &config)?;
    serve(state, listener, shutdown).await
}

/// Serves `state` on `listener` until `shutdown` completes.
pub async fn serve(
    state: ServerState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    tracing::info!("sync server listening on {}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
