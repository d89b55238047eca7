//! The HTTP side of sync: one reqwest client (rustls on ring) and one function per protocol call.
//! Every failure is sorted into offline (retry later), server trouble (retry later) or a refusal
//! (a 4xx: stop and tell the person), with the server's plain message.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use reqwest::{Client, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use thiserror::Error;

use super::protocol::*;
use crate::crypto::PublicKeys;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CallError {
    /// No connection: the phone is offline or the server is down.
    #[error("Can't reach your program's server right now.")]
    Offline,
    /// The server asked this device to slow down (429); trying again in a moment will work.
    #[error("Your program's server is busy. The app will try again in a moment.")]
    Busy,
    /// The server failed (5xx or an unreadable answer); trying again later may work.
    #[error("Your program's server had a problem. The app will try again.")]
    Server,
    /// The server refused the request; repeating it will not help. `code` is the server's
    /// stable error code (`version_conflict`, `storage_full`, ...), empty when it gave none.
    #[error("{message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
}

impl CallError {
    pub fn is_refusal(&self) -> bool {
        matches!(self, CallError::Refused { .. })
    }
}

/// A client for one sync server.
#[derive(Clone, Debug)]
pub struct Api {
    http: Client,
    base: String,
}

impl Api {
    /// A client for the server at `base_url`, trusting the bundled roots (see [`super::tls`]).
    pub fn new(base_url: &str) -> Self {
        Api {
            http: super::tls::shared_client(),
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }

    /// A client that also trusts `extra_roots` (a program's private CA; tests' own CA).
    pub fn with_roots(
        base_url: &str,
        extra_roots: &[rustls::pki_types::CertificateDer<'static>],
    ) -> Result<Self, String> {
        Ok(Api {
            http: super::tls::http_client(extra_roots)?,
            base: base_url.trim_end_matches('/').to_owned(),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn request(&self, method: reqwest::Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION);
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    async fn send<T: DeserializeOwned>(builder: RequestBuilder) -> Result<T, CallError> {
        let response = builder.send().await.map_err(|_| CallError::Offline)?;
        let status = response.status();
        if status.is_success() {
            return response.json().await.map_err(|_| CallError::Server);
        }
        if status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS {
            let (code, message) = response
                .json::<ApiError>()
                .await
                .map(|e| (e.error, e.message))
                .unwrap_or_else(|_| {
                    (
                        String::new(),
                        format!("The sync server said no ({status})."),
                    )
                });
            return Err(CallError::Refused {
                status: status.as_u16(),
                code,
                message,
            });
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(CallError::Busy);
        }
        Err(CallError::Server)
    }

    pub async fn enroll(
        &self,
        invite_code: &str,
        keys: &PublicKeys,
    ) -> Result<EnrollResponse, CallError> {
        let body = EnrollRequest {
            invite_code: invite_code.to_owned(),
            signing_key: B64.encode(keys.signing),
            receiving_key: B64.encode(keys.receiving),
        };
        Self::send(
            self.request(reqwest::Method::POST, "/v1/enroll", None)
                .json(&body),
        )
        .await
    }

    pub async fn recipients(&self, token: &str) -> Result<Recipients, CallError> {
        Self::send(self.request(reqwest::Method::GET, "/v1/recipients", Some(token))).await
    }

    pub async fn put_records(
        &self,
        token: &str,
        batch: &RecordBatch,
    ) -> Result<BatchResponse, CallError> {
        Self::send(
            self.request(reqwest::Method::POST, "/v1/records", Some(token))
                .json(batch),
        )
        .await
    }

    pub async fn mentees(&self, token: &str) -> Result<Mentees, CallError> {
        Self::send(self.request(reqwest::Method::GET, "/v1/mentees", Some(token))).await
    }

    pub async fn records(
        &self,
        token: &str,
        mentee_id: &str,
        after: i64,
    ) -> Result<RecordPage, CallError> {
        let path = format!("/v1/mentees/{mentee_id}/records?after={after}&limit={MAX_PULL}");
        Self::send(self.request(reqwest::Method::GET, &path, Some(token))).await
    }

    /// The program's signed crisis directory; `None` when it has not changed since `version`
    /// (or none is published yet).
    pub async fn directory(
        &self,
        token: &str,
        version: Option<u64>,
    ) -> Result<Option<crate::crypto::SignedDirectory>, CallError> {
        let mut request = self.request(reqwest::Method::GET, "/v1/directory", Some(token));
        if let Some(version) = version {
            request = request.header(reqwest::header::IF_NONE_MATCH, format!("\"v{version}\""));
        }
        let response = request.send().await.map_err(|_| CallError::Offline)?;
        match response.status() {
            StatusCode::NOT_MODIFIED | StatusCode::NOT_FOUND => Ok(None),
            s if s.is_success() => response
                .json()
                .await
                .map(Some)
                .map_err(|_| CallError::Server),
            s if s.is_client_error() => Err(CallError::Refused {
                status: s.as_u16(),
                code: String::new(),
                message: "The sync server refused the crisis directory request.".into(),
            }),
            _ => Err(CallError::Server),
        }
    }

    /// Vouches for another device of the same mentee.
    /// What mentors' devices told this mentee after notice `after`.
    pub async fn notices(&self, token: &str, after: i64) -> Result<NoticePage, CallError> {
        Self::send(self.request(
            reqwest::Method::GET,
            &format!("/v1/notices?after={after}"),
            Some(token),
        ))
        .await
    }

    /// Passes one shared item to the program's safeguarding lead (mentor).
    pub async fn raise_concern(
        &self,
        token: &str,
        request: &ConcernRequest,
    ) -> Result<ConcernResponse, CallError> {
        Self::send(
            self.request(reqwest::Method::POST, "/v1/concerns", Some(token))
                .json(request),
        )
        .await
    }

    /// Sends sealed replies to a mentee (mentor).
    pub async fn put_replies(
        &self,
        token: &str,
        batch: &ReplyBatch,
    ) -> Result<ReplyBatchResponse, CallError> {
        Self::send(
            self.request(reqwest::Method::POST, "/v1/replies", Some(token))
                .json(batch),
        )
        .await
    }

    /// This mentee's replies after `after` (mentee).
    pub async fn replies(&self, token: &str, after: i64) -> Result<ReplyPage, CallError> {
        Self::send(self.request(
            reqwest::Method::GET,
            &format!("/v1/replies?after={after}"),
            Some(token),
        ))
        .await
    }

    /// Reports one mentor's note to the program's safeguarding lead (mentee).
    pub async fn report(&self, token: &str, request: &ReportRequest) -> Result<(), CallError> {
        let response = self
            .request(reqwest::Method::POST, "/v1/reports", Some(token))
            .json(request)
            .send()
            .await
            .map_err(|_| CallError::Offline)?;
        Self::no_content(response, "The sync server refused the report.").await
    }

    pub async fn vouch(&self, token: &str, request: &VouchRequest) -> Result<(), CallError> {
        let response = self
            .request(reqwest::Method::POST, "/v1/vouches", Some(token))
            .json(request)
            .send()
            .await
            .map_err(|_| CallError::Offline)?;
        Self::no_content(response, "The sync server refused the new device's vouch.").await
    }

    async fn no_content(response: reqwest::Response, refused: &str) -> Result<(), CallError> {
        match response.status() {
            s if s.is_success() => Ok(()),
            StatusCode::TOO_MANY_REQUESTS => Err(CallError::Busy),
            s if s.is_client_error() => {
                let (code, message) = response
                    .json::<ApiError>()
                    .await
                    .map(|e| (e.error, e.message))
                    .unwrap_or_else(|_| (String::new(), refused.to_owned()));
                Err(CallError::Refused {
                    status: s.as_u16(),
                    code,
                    message,
                })
            }
            _ => Err(CallError::Server),
        }
    }

    pub async fn delete_me(&self, token: &str) -> Result<(), CallError> {
        let response = self
            .request(reqwest::Method::DELETE, "/v1/me", Some(token))
            .send()
            .await
            .map_err(|_| CallError::Offline)?;
        match response.status() {
            s if s.is_success() => Ok(()),
            s if s.is_client_error() => Err(CallError::Refused {
                status: s.as_u16(),
                code: String::new(),
                message: "The sync server refused to delete your data.".into(),
            }),
            _ => Err(CallError::Server),
        }
    }
}

/// Public keys from the server's base64url form.
pub fn decode_keys(device: &DeviceInfo) -> Option<PublicKeys> {
    let signing = B64.decode(&device.signing_key).ok()?;
    let receiving = B64.decode(&device.receiving_key).ok()?;
    PublicKeys::from_slices(&signing, &receiving).ok()
}

/// A refusal as kept for later (a record the server refused waits in the outbox): the app's own
/// words for a code it knows, so they show in the person's language, else the server's words.
pub fn refusal_text(code: &str, message: &str) -> String {
    let key = format!("server-{}", code.replace('_', "-"));
    if crate::i18n::has(crate::i18n::Lang::En, &key) {
        crate::i18n::Phrase::new(&key, &[]).to_text()
    } else {
        message.to_owned()
    }
}

/// A server's refusal in `lang`: the app's own words for a code it knows, else the server's.
pub fn refusal_words(lang: crate::i18n::Lang, code: &str, message: &str) -> String {
    let key = format!("server-{}", code.replace('_', "-"));
    if crate::i18n::has(crate::i18n::Lang::En, &key) {
        crate::i18n::tr(lang, &key)
    } else {
        message.to_owned()
    }
}

impl crate::i18n::Say for CallError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            CallError::Refused { code, message, .. } => refusal_words(lang, code, message),
            CallError::Offline => crate::i18n::tr(lang, "err-offline"),
            CallError::Busy => crate::i18n::tr(lang, "err-busy"),
            CallError::Server => crate::i18n::tr(lang, "err-server"),
        }
    }
}
