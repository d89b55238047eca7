//! The sync client's TLS, set up in one place: rustls with ring as the only crypto provider and
//! Mozilla's root certificates bundled in the app (webpki-roots). Nothing here asks the platform
//! for its verifier, so a phone never depends on one that must be initialised first (reqwest's
//! default, rustls-platform-verifier, panics on Android until it is given the app's context).
//! The bundled roots change only with an app update; a program behind a private CA passes its
//! root in with [`client_config`]'s `extra_roots`.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

/// A rustls configuration trusting the bundled roots and `extra_roots`, TLS 1.2 and 1.3 only.
pub fn client_config(extra_roots: &[CertificateDer<'static>]) -> Result<ClientConfig, String> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for root in extra_roots {
        roots
            .add(root.clone())
            .map_err(|err| format!("an extra root certificate is not usable: {err}"))?;
    }
    let mut config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|err| err.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_roots_are_there_and_a_bad_extra_root_is_named() {
        let config = client_config(&[]).unwrap();
        assert_eq!(
            config.alpn_protocols,
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        assert!(webpki_roots::TLS_SERVER_ROOTS.len() > 100);
        let junk = CertificateDer::from(vec![1u8, 2, 3]);
        assert!(client_config(&[junk]).is_err());
    }
}
