//! What only the PostgreSQL store has to show (the rest is the whole server suite, run again
//! with every test server on PostgreSQL): a URL asking for TLS is refused rather than served in
//! the clear, a newer server's schema is refused, the audit log cannot be emptied, and text
//! PostgreSQL cannot keep is a plain error. Needs `STEADY_TEST_POSTGRES`.

use steady::server::store::ServerStoreError;

use crate::common::postgres;
use crate::common::sync_server::{Pair, SyncServer};

#[test]
fn a_database_url_asking_for_tls_is_refused_not_served_in_the_clear() {
    let Some(admin) = postgres::for_test("a_database_url_asking_for_tls_is_refused") else {
        return;
    };
    let url = format!("{}?sslmode=require", postgres::new_database(&admin));
    let refused = steady::server::PostgresStore::open(&url, "Bright Paths")
        .err()
        .expect("no store without TLS");
    assert!(refused.to_string().contains("TLS"), "{refused}");
}

#[test]
fn a_newer_servers_schema_is_refused_and_left_as_it_is() {
    let Some(admin) = postgres::for_test("a_newer_servers_schema_is_refused") else {
        return;
    };
    let url = postgres::new_database(&admin);
    drop(steady::server::PostgresStore::open(&url, "Bright Paths").unwrap());
    postgres::run(
        &url,
        "INSERT INTO schema_migrations VALUES (999, 'from the future', 'x', 0)",
    )
    .unwrap();
    let refused = steady::server::PostgresStore::open(&url, "Bright Paths")
        .err()
        .expect("refused");
    assert!(refused.to_string().contains("newer version"), "{refused}");
    let steps = postgres::query_strings(&url, "SELECT count(*) FROM schema_migrations").unwrap();
    assert_eq!(steps, ["2"], "nothing added or taken away");
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
    let pair = Pair::enrol(&server, &server.base).await;
    steady::server::add_staff(&server.store, "Dana", "a long enough password").unwrap();
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
    drop(pair);
}
