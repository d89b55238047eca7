//! Every refusal the API gives: a status, a stable code and a plain message, as JSON.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::storage::ServerStoreError;
use steady_core::protocol::ApiError;

#[derive(Debug)]
pub(crate) struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl Refusal {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            status,
            code,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "This device is not signed in, or its access was removed.",
        )
    }

    pub(crate) fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "This device may not do that.",
        )
    }

    pub(crate) fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "There is nothing here.")
    }
}

impl From<ServerStoreError> for Refusal {
    fn from(err: ServerStoreError) -> Self {
        match err {
            ServerStoreError::BadInvite => Refusal::new(
                StatusCode::FORBIDDEN,
                "bad_invite",
                "That invite code didn't work. It may be mistyped, used already or expired.",
            ),
            ServerStoreError::NoSuchPerson => Refusal::not_found(),
            ServerStoreError::WrongRoles => Refusal::bad_request(err.to_string()),
            ServerStoreError::VersionConflict(_) => {
                Refusal::new(StatusCode::CONFLICT, "version_conflict", err.to_string())
            }
            ServerStoreError::NoAudience(_) => {
                Refusal::new(StatusCode::CONFLICT, "no_audience", err.to_string())
            }
            ServerStoreError::Unsigned(_) => Refusal::new(
                StatusCode::BAD_REQUEST,
                "unsigned",
                "Every change must be a signed envelope or a signed tombstone. Update the app.",
            ),
            ServerStoreError::QuotaFull => Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "storage_full",
                "Your shared items have reached your program's storage limit. Stop sharing some older items to make room.",
            ),
            ServerStoreError::RepliesFull => Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "replies_full",
                "The notes kept for this mentee have reached your program's storage limit. Your program can help.",
            ),
            ServerStoreError::NotYourDevice => Refusal::not_found(),
            ServerStoreError::Changed => Refusal::new(
                StatusCode::CONFLICT,
                "changed",
                "Something this depends on changed meanwhile. Nothing was kept; try again.",
            ),
            ServerStoreError::ZeroCharacter => Refusal::bad_request(
                "Text sent to the server may not contain a zero character (\\u0000).",
            ),
            ServerStoreError::Sqlite(_)
            | ServerStoreError::Postgres(_)
            | ServerStoreError::Poisoned
            | ServerStoreError::NewerSchema
            | ServerStoreError::SchemaChanged(_) => {
                tracing::error!("server store failed: {err}");
                Refusal::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "The server had a problem. Nothing was changed; try again soon.",
                )
            }
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = ApiError {
            error: self.code.to_owned(),
            message: self.message,
        };
        (self.status, Json(body)).into_response()
    }
}

/// What went wrong in the server outside a request's refusal: starting, the program key, staff
/// accounts, publishing. Said plainly for the operator who reads the log or the command line.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] ServerStoreError),
    #[error(transparent)]
    Config(#[from] super::ConfigError),
    #[error("{what}: {source}")]
    Io {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// Listening, or serving the connections.
    #[error("the network: {0}")]
    Network(#[from] std::io::Error),
    #[error(transparent)]
    Crypto(#[from] steady_core::crypto::CryptoError),
    /// A crisis directory that breaks the directory's rules (nothing was published).
    #[error(transparent)]
    DirectoryRules(#[from] steady_core::domain::crisis::DirectoryError),
    /// The program key: missing, damaged, not this program's, or replaced on another node.
    #[error("{0}")]
    ProgramKey(String),
    /// A staff account that cannot be made or sealed as asked.
    #[error("{0}")]
    Staff(String),
    /// The crisis directory could not be published as asked (nothing was).
    #[error("{0}")]
    Directory(String),
}

impl ServerError {
    /// An IO error, with what was being done.
    pub(crate) fn io(what: &'static str) -> impl FnOnce(std::io::Error) -> ServerError {
        move |source| ServerError::Io { what, source }
    }
}

/// A result whose error is a [`ServerError`] unless said otherwise.
pub type ServerResult<T, E = ServerError> = std::result::Result<T, E>;
