//! How the server takes connections, so that slow or idle clients cannot hold it down: at most
//! `max_connections` are served at once (the rest wait in the kernel's queue, costing the server
//! no file descriptor), a client has `header_timeout` to send each request's headers (a half-sent
//! request or an idle keep-alive connection is closed after it), and each request has
//! `request_timeout` in all (body included; a 408 after it). Each request carries its peer
//! address (axum's `ConnectInfo`), for the per-address limits. Used by the sync server and by the
//! demo, which serves the preview beside it.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// The limits on connections and requests.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub request_timeout: Duration,
}

impl ConnectionLimits {
    pub fn from_config(config: &super::Config) -> Self {
        ConnectionLimits {
            max_connections: config.max_connections,
            header_timeout: Duration::from_secs(config.header_timeout_seconds),
            request_timeout: Duration::from_secs(config.request_timeout_seconds),
        }
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes, then lets the
/// requests in flight finish (each connection is asked to close after its current request).
pub async fn serve_router(
    router: Router,
    listener: TcpListener,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let request_timeout = limits.request_timeout;
    let router = router.layer(axum::middleware::from_fn(
        move |request: Request<Body>, next: axum::middleware::Next| async move {
            match tokio::time::timeout(request_timeout, next.run(request)).await {
                Ok(response) => response,
                Err(_) => timed_out(),
            }
        },
    ));
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    // Dropped on shutdown: every connection task sees its sender close and winds down.
    let (stop_tx, stop_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of descriptors, or the peer left mid-handshake: wait a moment, go on.
                    tracing::debug!("accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request.map(Body::new)
            });
        let mut stop = stop_rx.clone();
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let _permit = permit;
            let builder = {
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .keep_alive(true);
                builder
            };
            let mut connection = pin!(
                builder
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                    .with_upgrades()
            );
            loop {
                tokio::select! {
                    result = connection.as_mut() => {
                        if let Err(err) = result {
                            tracing::trace!("a connection ended with an error: {err}");
                        }
                        break;
                    }
                    _ = stop.changed() => {
                        connection.as_mut().graceful_shutdown();
                    }
                }
            }
        });
    }
    drop(stop_tx);
    // Wait (a little) for the connections in flight to finish their requests.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(5), permits.acquire_many(all)).await;
    Ok(())
}

fn timed_out() -> axum::response::Response {
    axum::response::IntoResponse::into_response((
        StatusCode::REQUEST_TIMEOUT,
        axum::Json(steady_core::protocol::ApiError {
            error: "timeout".into(),
            message: "That request took too long, so the server stopped waiting for it. It may still have been saved: look before trying again."
                .into(),
        }),
    ))
}

/// The peer address a request came from, when it came through [`serve_router`].
pub fn peer_address<B>(request: &Request<B>) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0)
}
