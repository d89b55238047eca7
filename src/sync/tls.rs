//! The sync client's HTTP: reqwest over the TLS set up in `steady_core::tls` (rustls on ring,
//! the bundled roots), with the sync timeouts.

use std::sync::OnceLock;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
pub use steady_core::tls::client_config;

/// An HTTP client with [`client_config`]'s TLS and the sync timeouts. Also makes ring the
/// process's default rustls provider (for any other TLS the process does; a second install is a
/// no-op), so aws-lc is never needed.
pub fn http_client(extra_roots: &[CertificateDer<'static>]) -> Result<reqwest::Client, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .tls_backend_preconfigured(client_config(extra_roots)?)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|err| err.to_string())
}

/// The app's one client with the bundled roots, made on first use and shared (its connection
/// pool too) by every sync round. Should TLS ever fail to set up, the client trusts no root at
/// all: every https call then fails as "offline" instead of reaching for a platform verifier.
pub fn shared_client() -> reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            http_client(&[]).unwrap_or_else(|err| {
                tracing::error!("the sync client's TLS could not be set up: {err}");
                reqwest::Client::builder()
                    .tls_certs_only([])
                    .build()
                    .unwrap_or_default()
            })
        })
        .clone()
}
