//! The sync client's TLS set-up (`sync::tls`) against a real TLS server on 127.0.0.1: a test CA
//! signs the server's certificate, and a TLS front (rustls on ring) passes the decrypted requests
//! to the real sync server. The client trusts the bundled roots plus what it is given, and never
//! asks the platform for a verifier (which panics on Android until initialised).

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use steady::crypto::DeviceKeys;
use steady::sync::protocol::Role;
use steady::sync::{Api, CallError};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::common::sync_server::SyncServer;

pub(crate) fn test_ca() -> (CertificateDer<'static>, Issuer<'static, KeyPair>) {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let key = KeyPair::generate().expect("CA key");
    let cert = params.self_signed(&key).expect("CA certificate");
    (cert.der().clone(), Issuer::new(params, key))
}

pub(crate) fn server_cert(
    name: &str,
    ca: &Issuer<'static, KeyPair>,
) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let params = CertificateParams::new(vec![name.to_owned()]).expect("params");
    let key = KeyPair::generate().expect("server key");
    let cert = params.signed_by(&key, ca).expect("server certificate");
    (
        cert.der().clone(),
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    )
}

/// A TLS front on 127.0.0.1 for `backend` (a plain http address); returns its port.
async fn tls_front(
    backend: &str,
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
) -> u16 {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .expect("server config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let backend = backend.trim_start_matches("http://").to_owned();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let backend = backend.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(&backend).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread")]
async fn the_client_enrols_over_tls_it_can_verify_and_refuses_what_it_cannot() {
    let server = SyncServer::start().await;
    let (ca_root, ca) = test_ca();
    let (cert, key) = server_cert("localhost", &ca);
    let port = tls_front(&server.base, cert, key).await;
    let address = format!("https://localhost:{port}");
    let keys = DeviceKeys::generate().expect("keys").public();
    let (code, _) = server.invite(Role::Mentee, "Alex");

    // Only the bundled roots: the test CA is unknown, so the handshake fails and nothing is sent.
    let bundled_only = Api::new(&address);
    assert_eq!(
        bundled_only.enroll(&code, &keys).await.unwrap_err(),
        CallError::Offline
    );

    // Trusting the program's CA: a real enrolment over TLS, with the invite still unused.
    let trusting = Api::with_roots(&address, std::slice::from_ref(&ca_root)).expect("client");
    let enrolled = trusting
        .enroll(&code, &keys)
        .await
        .expect("enrolled over TLS");
    assert_eq!(enrolled.program_name, "Bright Paths");
    assert_eq!(enrolled.role, Role::Mentee);

    // A certificate for another name, even from the trusted CA, is refused.
    let (wrong_cert, wrong_key) = server_cert("elsewhere.example", &ca);
    let wrong_port = tls_front(&server.base, wrong_cert, wrong_key).await;
    let (second_code, _) = server.invite(Role::Mentee, "Bea");
    let misnamed =
        Api::with_roots(&format!("https://localhost:{wrong_port}"), &[ca_root]).expect("client");
    assert_eq!(
        misnamed.enroll(&second_code, &keys).await.unwrap_err(),
        CallError::Offline
    );
    // Bea's invite was never used: it still enrols her, over the good front.
    assert!(trusting.enroll(&second_code, &keys).await.is_ok());
}
