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
pub mod migrate;
mod postgres;
mod program_key;
mod rules;
mod serve;
mod sqlite;
pub mod staff_seal;
pub mod storage;

pub use admin::{
    Invite, create_invite, normalize_invite_code, pair, publish_contacts, publish_directory,
    publish_directory_with,
};
pub use api::MAX_OPEN_REPORTS;
pub use config::{Config, ConfigError, DatabaseUrl};
pub use error::{ServerError, ServerResult};
pub use postgres::PostgresStore;
pub use program_key::PROGRAM_KEY_FILE;
pub use serve::{ConnectionLimits, peer_address, serve_router};
pub use staff_seal::{add_staff, seal_account, set_safeguarding, unsealed_accounts};
pub use storage::{Person, ServerStore, SqliteStore};

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

use steady_core::crypto::ProgramKey;

/// What every handler shares: one pointer, because every request clones it.
#[derive(Clone)]
pub struct ServerState(Arc<Shared>);

impl std::ops::Deref for ServerState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The server's state behind [`ServerState`].
pub struct Shared {
    pub store: Arc<dyn ServerStore>,
    /// The data folder, where the program's key lives (read at each use; see `program_key`).
    pub data_dir: std::path::PathBuf,
    /// Whether the console's cookies are marked Secure: behind TLS, or whenever the server listens
    /// on anything but loopback (where plain http could only be a mistake).
    pub secure_cookies: bool,
    /// How long new invite codes stay valid, in days.
    pub invite_days: i64,
    /// How many bytes each mentee's sealed records may take.
    pub quota_bytes: u64,
    limiter: Arc<limits::RateLimiter>,
    /// Per network address: enrolment attempts, and requests with a wrong token.
    address_limits: Arc<limits::AddressLimits>,
    /// Argon2id runs off the async workers, at most this many at once, so guessing at the
    /// console's sign-in cannot slow down sync.
    pub(crate) password_slots: Arc<tokio::sync::Semaphore>,
    /// Console requests on the blocking pool at once (`console::CONSOLE_AT_ONCE`).
    pub(crate) console_slots: Arc<tokio::sync::Semaphore>,
    /// When each device was last noted as active, so the note costs a write at most every
    /// ten minutes per device.
    last_touch: Arc<std::sync::Mutex<std::collections::HashMap<String, i64>>>,
}

impl ServerState {
    /// The server's shared state; reads (or, on first start, makes) the program's signing key.
    pub fn new(store: Arc<dyn ServerStore>, config: &Config) -> Self {
        Self::try_new(store, config).expect("the program key in the data directory is readable")
    }

    pub fn try_new(store: Arc<dyn ServerStore>, config: &Config) -> ServerResult<Self> {
        // On PostgreSQL the data folder holds only the program key: it may not exist yet.
        steady_core::files::create_private_dir(&config.data_dir)?;
        // Made (or an interrupted rotation finished) now, so a bad key stops the start.
        program_key::load(&config.data_dir, store.as_ref())?;
        Ok(ServerState(Arc::new(Shared {
            store,
            data_dir: config.data_dir.clone(),
            secure_cookies: config.behind_tls || !config.listen.ip().is_loopback(),
            invite_days: config.invite_days,
            quota_bytes: config.mentee_quota_mib.saturating_mul(1024 * 1024),
            last_touch: Arc::default(),
            limiter: Arc::new(limits::RateLimiter::new(
                config.rate_per_second,
                config.rate_burst,
            )),
            address_limits: Arc::new(limits::AddressLimits::new()),
            password_slots: Arc::new(tokio::sync::Semaphore::new(2)),
            console_slots: Arc::new(tokio::sync::Semaphore::new(console::CONSOLE_AT_ONCE)),
        })))
    }
}

impl ServerState {
    /// The program's signing key as it is now.
    pub fn program_key(&self) -> ServerResult<ProgramKey> {
        program_key::load(&self.data_dir, self.store.as_ref())
    }

    /// Rotates the program's key (see `program_key`); returns the new public key.
    pub fn rotate_program_key(&self) -> ServerResult<String> {
        program_key::rotate(&self.data_dir, self.store.as_ref())
    }

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
        if due {
            // Off the async workers, and nobody waits for it: a note for the console's totals.
            let (store, device) = (self.store.clone(), device.to_owned());
            tokio::task::spawn_blocking(move || {
                if let Err(err) = store.touch_device(&device, now) {
                    tracing::warn!("could not note a device as active: {err}");
                }
            });
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

/// The store `config` names: PostgreSQL when it has a database URL, otherwise the SQLite file in
/// its data folder.
pub fn open_store(config: &Config) -> Result<Arc<dyn ServerStore>, storage::ServerStoreError> {
    Ok(match &config.database_url {
        Some(url) => Arc::new(PostgresStore::open(url.expose(), &config.program_name)?),
        None => Arc::new(SqliteStore::open(&config.data_dir, &config.program_name)?),
    })
}

/// Opens the configured store and serves on `listener` until `shutdown` completes.
pub async fn launch_with_listener(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> ServerResult<()> {
    let state = ServerState::try_new(open_store(&config)?, &config)?;
    warn_of_unsealed_accounts(&state);
    serve(
        state,
        listener,
        ConnectionLimits::from_config(&config),
        shutdown,
    )
    .await
}

/// Names the staff accounts that cannot sign in because the program key has not sealed them,
/// with what the operator does about it (they are never sealed at start: see `staff_seal`).
fn warn_of_unsealed_accounts(state: &ServerState) {
    match unsealed_accounts(state.store.as_ref(), &state.data_dir) {
        Ok(names) if names.is_empty() => {}
        Ok(names) => tracing::warn!(
            "these staff accounts are not sealed by the program key and cannot sign in: {}. If \
             each is yours as the database holds it, run `steady-server staff seal NAME`",
            names.join(", ")
        ),
        Err(err) => tracing::warn!("could not check the staff accounts' seals: {err:#}"),
    }
}

/// Serves `state` on `listener` within `limits` until `shutdown` completes.
pub async fn serve(
    state: ServerState,
    listener: TcpListener,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> ServerResult<()> {
    tracing::info!("sync server listening on {}", listener.local_addr()?);
    serve_router(router(state), listener, limits, shutdown).await?;
    Ok(())
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
