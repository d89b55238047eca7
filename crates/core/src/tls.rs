//! TLS as Steady's clients make it (the app's sync client, the server's PostgreSQL connection), set up in one place: rustls with ring as the only crypto provider and
//! Mozilla's root certificates bundled in the app (webpki-roots). Nothing here asks the platform
//! for its verifier, so a phone never depends on one that must be initialised first (reqwest's
//! default, rustls-platform-verifier, panics on Android until it is given the app's context).
//! The bundled roots change only with an app update; a program behind a private CA passes its
//! root in with [`client_config`]'s `extra_roots`.

use std::sync::Arc;

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
