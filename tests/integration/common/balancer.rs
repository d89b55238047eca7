//! A load balancer in front of several server nodes, as a deployment puts one: every HTTP request
//! goes to the node it points at now, so a test can move one device from node to node between
//! requests.

use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::net::TcpListener;
use tokio::sync::broadcast;

#[derive(Clone)]
struct Shared {
    node: Arc<Mutex<String>>,
    client: Client<HttpConnector, axum::body::Body>,
    forwarded: broadcast::Sender<String>,
}

pub struct Balancer {
    /// Where devices are told the program is.
    pub url: String,
    node: Arc<Mutex<String>>,
    forwarded: broadcast::Sender<String>,
}

impl Balancer {
    /// Listens on 127.0.0.1:0 and sends everything to `node` (a base URL) until told otherwise.
    pub async fn start(node: &str) -> Balancer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let shared = Shared {
            node: Arc::new(Mutex::new(node.to_owned())),
            client: Client::builder(TokioExecutor::new()).build_http(),
            forwarded: broadcast::channel(256).0,
        };
        let node = shared.node.clone();
        let forwarded = shared.forwarded.clone();
        let app = axum::Router::new().fallback(forward).with_state(shared);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Balancer {
            url,
            node,
            forwarded,
        }
    }

    /// The path of every request from now on, as it is handed to a node.
    pub fn watch(&self) -> broadcast::Receiver<String> {
        self.forwarded.subscribe()
    }

    /// Sends the requests from now on to `node`.
    pub fn route_to(&self, node: &str) {
        *self.node.lock().unwrap() = node.to_owned();
    }
}

async fn forward(State(shared): State<Shared>, request: Request) -> Response {
    let node = shared.node.lock().unwrap().clone();
    let (mut parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    parts.uri = format!("{node}{path}").parse().expect("node address");
    let _ = shared.forwarded.send(parts.uri.path().to_owned());
    match shared
        .client
        .request(Request::from_parts(parts, body))
        .await
    {
        Ok(response) => response.map(axum::body::Body::new).into_response(),
        // A node that is down: what a balancer says while it has no healthy node.
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}
