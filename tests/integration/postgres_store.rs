//! What only the PostgreSQL store has to show (the rest is the whole server suite, run again
//! with every test server on PostgreSQL): a URL asking for TLS gets it, with the certificate
//! checked, or no connection at all; a newer server's schema is refused, the audit log cannot be emptied, and text
//! PostgreSQL cannot keep is a plain error. Needs `STEADY_TEST_POSTGRES`.

use steady_server::ServerStore;
use steady_server::storage::ServerStoreError;

use crate::common::postgres;
use crate::common::sync_server::SyncServer;

/// A TLS front for PostgreSQL on 127.0.0.1: answers the client's request for TLS, completes the
/// handshake with `cert`, and passes what it decrypts to the real server. Only TLS gets through
/// it. Returns its port.
async fn tls_front(
    backend: String,
    cert: rustls::pki_types::CertificateDer<'static>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (acceptor, backend) = (acceptor.clone(), backend.clone());
            tokio::spawn(async move {
                // PostgreSQL's SSLRequest: length 8, code 80877103.
                let mut request = [0u8; 8];
                if socket.read_exact(&mut request).await.is_err()
                    || request != [0, 0, 0, 8, 4, 210, 22, 47]
                {
                    return;
                }
                if socket.write_all(b"S").await.is_err() {
                    return;
                }
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let Ok(mut plain) = tokio::net::TcpStream::connect(&backend).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_asking_for_tls_is_reached_only_over_tls_it_can_verify() {
    let Some(admin) = postgres::for_test("a_database_asking_for_tls_is_reached_only_over_tls")
    else {
        return;
    };
    let url = postgres::new_database(&admin);
    let config: tokio_postgres::Config = url.parse().unwrap();
    let backend_port = config.get_ports()[0];
    let backend = format!("127.0.0.1:{backend_port}");
    let (ca, issuer) = crate::sync_tls::test_ca();
    let (cert, key) = crate::sync_tls::server_cert("127.0.0.1", &issuer);
    let front = tls_front(backend, cert, key).await;
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    let body = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &ca);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect();
    std::fs::write(
        &ca_file,
        format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        ),
    )
    .unwrap();
    let through_front = url.replacen(&format!(":{backend_port}/"), &format!(":{front}/"), 1);

    // Trusting the program's CA, the store works through a front that speaks only TLS.
    let trusted = format!(
        "{through_front}?sslmode=verify-full&sslrootcert={}",
        ca_file.display()
    );
    let store = tokio::task::spawn_blocking(move || {
        steady_server::PostgresStore::open(&trusted, "Bright Paths")
    })
    .await
    .unwrap()
    .expect("the store connects over TLS");
    assert_eq!(store.program_name().unwrap(), "Bright Paths");

    // Without that CA the certificate cannot be verified: refused, nothing sent in the clear.
    let untrusted = format!("{through_front}?sslmode=require");
    let refused = tokio::task::spawn_blocking(move || {
        steady_server::PostgresStore::open(&untrusted, "Bright Paths")
    })
    .await
    .unwrap()
    .err()
    .expect("no store over an unverified certificate");
    assert!(refused.to_string().contains("certificate"), "{refused}");

    // Without sslmode the front is no way in: it speaks only TLS.
    let plain = through_front.clone();
    assert!(
        tokio::task::spawn_blocking(move || {
            steady_server::PostgresStore::open(&plain, "Bright Paths")
        })
        .await
        .unwrap()
        .is_err()
    );
}

#[test]
fn a_newer_servers_schema_is_refused_and_left_as_it_is() {
    let Some(admin) = postgres::for_test("a_newer_servers_schema_is_refused") else {
        return;
    };
    let url = postgres::new_database(&admin);
    drop(steady_server::PostgresStore::open(&url, "Bright Paths").unwrap());
    postgres::run(
        &url,
        "INSERT INTO schema_migrations VALUES (999, 'from the future', 'x', 0)",
    )
    .unwrap();
    let refused = steady_server::PostgresStore::open(&url, "Bright Paths")
        .err()
        .expect("refused");
    assert!(refused.to_string().contains("newer version"), "{refused}");
    let steps = postgres::query_strings(&url, "SELECT count(*) FROM schema_migrations").unwrap();
    // The server's three steps and the future one.
    assert_eq!(steps, ["4"], "nothing added or taken away");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_log_cannot_be_emptied_and_zero_characters_are_refused_plainly() {
    let Some(admin) = postgres::for_test("the_audit_log_cannot_be_emptied") else {
        return;
    };
    let url = postgres::new_database(&admin);
    let server = SyncServer::start_on_postgres(
        std::sync::Arc::new(tempfile::tempdir().unwrap()),
        None,
        &url,
    )
    .await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", "a long enough password").unwrap();
    let refused = server.execute_sql("TRUNCATE audit_log").unwrap_err();
    assert!(refused.contains("audit log cannot be edited"), "{refused}");
    assert!(!server.store.audit_log(10).unwrap().is_empty());

    // Text with a zero character never gets this far from a request (names with control
    // characters are refused first), but the store says it plainly too, and keeps nothing.
    let people = server.store.people().unwrap().len();
    let refused = server
        .store
        .add_person(steady::sync::protocol::Role::Mentee, "Al\0ex", 0)
        .unwrap_err();
    assert!(
        matches!(refused, ServerStoreError::ZeroCharacter),
        "{refused}"
    );
    assert_eq!(server.store.people().unwrap().len(), people);
}

/// Nodes on several machines share the database but each has its own data folder: a node
/// without the program's key, or with one a rotation elsewhere replaced, refuses to start (and
/// says what to copy) instead of signing crisis contacts that phones would refuse.
#[test]
fn a_node_without_the_programs_current_key_refuses_to_start() {
    let Some(admin) = postgres::for_test("a_node_without_the_programs_current_key") else {
        return;
    };
    let url = postgres::new_database(&admin);
    let machines = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let node = |dir: &std::path::Path| {
        let config = steady_server::Config {
            data_dir: dir.to_owned(),
            program_name: "Bright Paths".into(),
            database_url: Some(steady_server::DatabaseUrl::parse(&url).unwrap()),
            ..steady_server::Config::default()
        };
        let store = steady_server::open_store(&config).unwrap();
        steady_server::ServerState::try_new(store, &config)
    };
    let key_file = |dir: &tempfile::TempDir| dir.path().join(steady_server::PROGRAM_KEY_FILE);

    let a = node(machines.0.path()).expect("the first node makes the program's key");
    let refused = node(machines.1.path())
        .err()
        .expect("no key on the second machine");
    assert!(refused.to_string().contains("copy it"), "{refused}");
    assert!(
        !key_file(&machines.1).exists(),
        "no key of its own was made"
    );

    std::fs::copy(key_file(&machines.0), key_file(&machines.1)).unwrap();
    node(machines.1.path()).expect("with the copied key it starts");

    a.rotate_program_key().unwrap();
    let stale = node(machines.1.path())
        .err()
        .expect("the old key is refused");
    assert!(stale.to_string().contains("program-key rotate"), "{stale}");
    std::fs::copy(key_file(&machines.0), key_file(&machines.1)).unwrap();
    node(machines.1.path()).expect("with the new key it starts again");
}
