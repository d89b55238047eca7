//! The server's fuzz target: arbitrary bytes as the body of each request that carries one, sent
//! through the real router and store in-process. Whatever the bytes, the answer is a 2xx or a
//! 4xx with a JSON message, never a 5xx and never a panic.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use tower::ServiceExt;

use super::config::Config;
use super::{ServerState, admin, router};
use crate::sqlite::SqliteStore;
use crate::storage::ServerStore;
use steady_core::crypto::DeviceKeys;
use steady_core::files::scratch;
use steady_core::protocol::{
    EnrollRequest, EnrollResponse, PROTOCOL_HEADER, PROTOCOL_VERSION, Role,
};

/// A server with one enrolled mentee, kept across inputs.
pub struct ServerTarget {
    runtime: tokio::runtime::Runtime,
    router: Router,
    token: String,
    _dir: scratch::Dir,
}

impl ServerTarget {
    pub fn new() -> Self {
        let dir = scratch::Dir::new();
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            rate_per_second: 1e9,
            rate_burst: 1e9,
            ..Config::default()
        };
        let store: Arc<dyn ServerStore> =
            Arc::new(SqliteStore::open(dir.path(), "Fuzz").expect("server store"));
        let invite = admin::create_invite(&store, Role::Mentee, "Fuzz", None, 1).expect("invite");
        let router = router(ServerState::new(store, &config));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let keys = DeviceKeys::generate().expect("keys").public();
        let body = serde_json::to_vec(&EnrollRequest {
            invite_code: invite.code,
            signing_key: B64.encode(keys.signing),
            receiving_key: B64.encode(keys.receiving),
        })
        .expect("enrol body");
        let mut target = Self {
            runtime,
            router,
            token: String::new(),
            _dir: dir,
        };
        let (status, bytes) = target.send(Method::POST, "/v1/enroll", None, body);
        assert_eq!(status, 200, "the fuzz server enrols its mentee");
        let enrolled: EnrollResponse = serde_json::from_slice(&bytes).expect("enrol response");
        target.token = enrolled.token;
        target
    }

    fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
    ) -> (u16, Vec<u8>) {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION)
            .header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request.body(Body::from(body)).expect("request");
        self.runtime.block_on(async {
            let response = self
                .router
                .clone()
                .oneshot(request)
                .await
                .expect("infallible");
            let status = response.status().as_u16();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            (status, bytes)
        })
    }

    /// The first byte picks the request; the rest is its body.
    pub fn run(&self, data: &[u8]) {
        let Some((&pick, body)) = data.split_first() else {
            return;
        };
        let (path, token) = match pick % 3 {
            0 => ("/v1/enroll", None),
            1 => ("/v1/records", Some(self.token.as_str())),
            _ => ("/v1/records", Some("not-a-token")),
        };
        let (status, answer) = self.send(Method::POST, path, token, body.to_vec());
        assert!(status < 500, "{path} answered {status} to fuzz input");
        if status >= 400 {
            let message: serde_json::Value =
                serde_json::from_slice(&answer).expect("every refusal is JSON");
            assert!(message.get("message").is_some(), "{message}");
        }
    }
}

impl Default for ServerTarget {
    fn default() -> Self {
        Self::new()
    }
}
