//! The preview: Steady served to any browser on 127.0.0.1 through Dioxus liveview. Each path
//! `/d/{name}` is one simulated device with its own data directory and keys under the data root;
//! the same name always reaches the same device, so a reload keeps its state.
//!
//! dioxus-liveview's own router cannot serve "/" under axum 0.8 and builds websocket paths without a
//! leading slash for nested routes, so the routes are mounted here from its public pieces.

mod pages;

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path as UrlPath, State, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use dioxus::prelude::VirtualDom;
use dioxus_liveview::{LiveViewPool, axum_socket};
use tokio::net::TcpListener;

use crate::state::{Device, DeviceError};
use crate::ui::App;
use crate::ui::clock::TimeScale;

/// The demo mentor's passcode (a mentor's device always has one).
pub const DEMO_MENTOR_PASSCODE: &str = "sam's demo phone";

/// The simulated devices of one preview, opened on first use and kept open.
#[derive(Clone)]
pub struct Devices {
    root: PathBuf,
    open: Arc<Mutex<HashMap<String, Device>>>,
    time_scale: TimeScale,
    sync_every: Duration,
}

impl Devices {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            open: Arc::default(),
            time_scale: TimeScale::default(),
            sync_every: Duration::from_secs(15),
        }
    }

    /// Runs the tools' clocks `scale` times faster: for tests, so a 16-second breathing round
    /// takes under a second. Everything else runs as in the product.
    pub fn with_time_scale(mut self, scale: f64) -> Self {
        self.time_scale = TimeScale(scale);
        self
    }

    /// The device called `name`, opening it if needed. Names are short lower-case words.
    pub fn get(&self, name: &str) -> Result<Option<Device>, DeviceError> {
        if !is_device_name(name) {
            return Ok(None);
        }
        let mut open = self.open.lock().map_err(|_| DeviceError::Poisoned)?;
        if let Some(device) = open.get(name) {
            return Ok(Some(device.clone()));
        }
        let device = Device::open(&self.root.join(name))?;
        // Each simulated device syncs in the background like a phone would.
        device.start_background_sync(self.sync_every);
        open.insert(name.to_string(), device.clone());
        Ok(Some(device))
    }
}

fn is_device_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[derive(Clone)]
struct Preview {
    devices: Devices,
    pool: LiveViewPool,
}

/// The preview's routes, with the sync API beside them when `server` is given (the demo serves
/// both on one port, so the devices' enrolled address stays the same across restarts).
pub fn router(devices: Devices, server: Option<steady_server::ServerState>) -> Router {
    let state = Preview {
        devices,
        pool: LiveViewPool::new(),
    };
    let preview = Router::new()
        .route("/", get(|| async { Html(pages::landing()) }))
        .route("/healthz", get(|| async { "ok" }))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/d/{name}", get(device_page))
        .route("/d/{name}/ws", get(device_socket))
        .with_state(state);
    match server {
        Some(server) => preview.merge(steady_server::api_router(server)),
        None => preview,
    }
}

/// Serves the preview (and the sync API, if given) on `listener` until `shutdown` completes, with
/// the sync server's connection limits (a preview page holds one websocket).
pub async fn serve(
    listener: TcpListener,
    devices: Devices,
    server: Option<steady_server::ServerState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = steady_server::ConnectionLimits::from_config(&steady_server::Config::default());
    steady_server::serve_router(router(devices, server), listener, limits, shutdown).await
}

async fn device_page(State(preview): State<Preview>, UrlPath(name): UrlPath<String>) -> Response {
    match preview.devices.get(&name) {
        Ok(Some(_)) => Html(pages::device(&name)).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, Html(pages::not_found())).into_response(),
        Err(err) => {
            tracing::warn!(device = %name, "device could not be opened: {err}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(pages::problem(&err.to_string())),
            )
                .into_response()
        }
    }
}

async fn device_socket(
    State(preview): State<Preview>,
    UrlPath(name): UrlPath<String>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let device = match preview.devices.get(&name) {
        Ok(Some(device)) => device,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::warn!(device = %name, "device could not be opened: {err}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let time_scale = preview.devices.time_scale;
    upgrade.on_upgrade(move |socket| async move {
        let result = preview
            .pool
            .launch_virtualdom(axum_socket(socket), move || {
                VirtualDom::new(App)
                    .with_root_context(device)
                    .with_root_context(time_scale)
            })
            .await;
        if let Err(err) = result {
            tracing::debug!("a preview session ended: {err:?}");
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_short_plain_words() {
        assert!(is_device_name("mentee"));
        assert!(is_device_name("test-42"));
        assert!(!is_device_name(""));
        assert!(!is_device_name("../etc"));
        assert!(!is_device_name("Mentee"));
        assert!(!is_device_name(&"a".repeat(33)));
    }
}
