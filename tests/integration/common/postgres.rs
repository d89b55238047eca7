//! PostgreSQL for the tests. `STEADY_TEST_POSTGRES` names a server the tests may make databases
//! on (a URL with a role allowed to `CREATE DATABASE`, e.g.
//! `postgres://steady:steady@127.0.0.1:5432/postgres`). Then:
//!
//! - the PostgreSQL-only tests (the migration, nodes on PostgreSQL) run; without it they print
//!   why they skipped, and fail instead when `STEADY_REQUIRE_POSTGRES=1` (CI sets it);
//! - with `STEADY_TEST_STORE=postgres` as well, every test server keeps its data in PostgreSQL:
//!   one new database per data folder, so nodes started over one folder share it.

use std::path::Path;
use std::sync::Mutex;

/// The server the tests may use, if any.
pub fn admin_url() -> Option<String> {
    std::env::var("STEADY_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty())
}

/// Whether every test server runs on PostgreSQL.
pub fn every_server() -> bool {
    std::env::var("STEADY_TEST_STORE").is_ok_and(|store| store == "postgres")
}

/// The PostgreSQL server for a test that needs one; `None` (with a printed reason) when there is
/// none and none is required.
pub fn for_test(test: &str) -> Option<String> {
    let url = admin_url();
    if url.is_none() {
        if std::env::var("STEADY_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
            panic!("STEADY_REQUIRE_POSTGRES=1 but STEADY_TEST_POSTGRES is not set");
        }
        eprintln!(
            "SKIPPED {test}: no PostgreSQL (set STEADY_TEST_POSTGRES=postgres://user:pass@host/db)"
        );
    }
    url
}

static MADE: Mutex<()> = Mutex::new(());

/// The database of the test server over `data`, made on first use, when every server runs on
/// PostgreSQL.
pub fn database_for(data: &Path) -> Option<String> {
    if !every_server() {
        return None;
    }
    let admin = admin_url().expect("STEADY_TEST_STORE=postgres needs STEADY_TEST_POSTGRES");
    let _one_at_a_time = MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    std::fs::create_dir_all(data).expect("data folder");
    let marker = data.join("test-database-url");
    if let Ok(url) = std::fs::read_to_string(&marker) {
        return Some(url);
    }
    let url = new_database(&admin);
    std::fs::write(&marker, &url).expect("note the test database");
    Some(url)
}

/// A new, empty database on the test server; its URL.
pub fn new_database(admin: &str) -> String {
    static SWEPT: std::sync::Once = std::sync::Once::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    SWEPT.call_once(|| sweep_old_databases(admin, now));
    let name = format!("steady_test_{now}_{}", uuid::Uuid::new_v4().simple());
    run(admin, &format!("CREATE DATABASE {name}")).expect("make a test database");
    let (server, _) = admin.rsplit_once('/').expect("a URL with a database name");
    format!("{server}/{name}")
}

/// Test databases from runs more than two hours ago go, so a developer's server does not fill.
fn sweep_old_databases(admin: &str, now: u64) {
    let names = query_strings(
        admin,
        "SELECT datname FROM pg_database WHERE datname LIKE 'steady\\_test\\_%'",
    )
    .unwrap_or_default();
    for name in names {
        let made: u64 = name
            .split('_')
            .nth(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(now);
        if now.saturating_sub(made) > 2 * 3600 {
            let _ = run(
                admin,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

/// Runs `work` on a runtime of its own on a thread of its own: callable from tests on any
/// runtime, or none.
fn on_own_runtime<T: Send + 'static>(
    work: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(work)
    })
    .join()
    .expect("no panic")
}

async fn connect(url: &str) -> Result<tokio_postgres::Client, String> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(|err| err.to_string())?;
    tokio::spawn(connection);
    Ok(client)
}

fn describe(err: tokio_postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => err.to_string(),
    }
}

/// Runs `sql` (one or more statements) on the database at `url`.
pub fn run(url: &str, sql: &str) -> Result<(), String> {
    let (url, sql) = (url.to_owned(), sql.to_owned());
    on_own_runtime(async move {
        let client = connect(&url).await?;
        client.batch_execute(&sql).await.map_err(describe)
    })
}

/// The first column of every row `sql` returns, as text.
pub fn query_strings(url: &str, sql: &str) -> Result<Vec<String>, String> {
    let (url, sql) = (url.to_owned(), sql.to_owned());
    on_own_runtime(async move {
        let client = connect(&url).await?;
        let rows = client.simple_query(&sql).await.map_err(describe)?;
        Ok(rows
            .into_iter()
            .filter_map(|message| match message {
                tokio_postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_owned),
                _ => None,
            })
            .collect())
    })
}

/// Everything the database at `url` holds, as an operator reading it would see it: every value
/// of every table, byte strings as their bytes (not as hex, which would hide text in them).
pub fn dump(url: &str) -> Vec<u8> {
    let url = url.to_owned();
    on_own_runtime(async move {
        let client = connect(&url).await.expect("connect");
        let columns = client
            .query(
                "SELECT table_name::text, column_name::text, data_type::text
                 FROM information_schema.columns WHERE table_schema = 'public'
                 ORDER BY table_name, ordinal_position",
                &[],
            )
            .await
            .expect("columns");
        let mut all = Vec::new();
        for column in columns {
            let (table, name, kind): (String, String, String) =
                (column.get(0), column.get(1), column.get(2));
            let sql = if kind == "bytea" {
                format!("SELECT \"{name}\" FROM \"{table}\"")
            } else {
                format!("SELECT \"{name}\"::text FROM \"{table}\"")
            };
            for row in client.query(&sql, &[]).await.expect("read a column") {
                if kind == "bytea" {
                    all.extend(row.get::<_, Option<Vec<u8>>>(0).unwrap_or_default());
                } else {
                    all.extend(
                        row.get::<_, Option<String>>(0)
                            .unwrap_or_default()
                            .into_bytes(),
                    );
                }
                all.push(b'\n');
            }
        }
        all
    })
}
