//! Moving a program from SQLite to PostgreSQL with `steady-server migrate --to`: everything
//! comes across and keeps working for Alex, Sam and Dana; a database that already holds a
//! program is refused and left as it was; a copy that comes back different writes nothing.
//! Needs a real PostgreSQL (`STEADY_TEST_POSTGRES`; see `common/postgres.rs`).

use steady::domain::Reply;
use steady::domain::replies::PRESETS;
use steady::domain::{MoodLevel, ShareMode};

use crate::common::console::{Console, PASSWORD};
use crate::common::postgres;
use crate::common::sync_server::{Pair, SyncServer, steady_server};

/// `steady-server --config FILE migrate --to URL` over `server`'s data folder.
fn migrate(server: &SyncServer, url: &str) -> (bool, String) {
    let config = server.root().path().join("server.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\nprogram_name = \"Bright Paths\"\n",
            server.dir.display()
        ),
    )
    .unwrap();
    steady_server(&config, &["migrate", "--to", url])
}

fn count(url: &str, table: &str) -> i64 {
    postgres::query_strings(url, &format!("SELECT count(*) FROM {table}")).unwrap()[0]
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_moves_whole_and_keeps_working_on_postgres() {
    let Some(admin) = postgres::for_test("a_program_moves_whole_and_keeps_working_on_postgres")
    else {
        return;
    };
    // A program with some history on SQLite: shares and a take-back, a note from Sam, a staff
    // account with audit lines, a published directory and a rotated program key.
    let mut old = SyncServer::start_on_sqlite().await;
    let pair = Pair::enrol(&old, &old.base).await;
    let mut shared = Vec::new();
    for level in 1..=4 {
        let entry = pair
            .mentee
            .log_mood(MoodLevel::new(level).unwrap())
            .unwrap();
        pair.share(&entry.id, ShareMode::Shared);
        shared.push(entry.id);
    }
    pair.sync_both().await;
    pair.share(&shared[0], ShareMode::Private);
    pair.mentor
        .send_reply(
            &pair.mentee_id,
            &Reply::Note {
                about: None,
                preset: Some(PRESETS[0].into()),
                words: None,
                at_ms: chrono::Utc::now().timestamp_millis(),
            },
        )
        .unwrap();
    pair.sync_both().await;
    pair.mentee.sync_now().await.unwrap();
    assert_eq!(pair.mentor_sees().len(), 3);
    steady_server::add_staff(&old.store, &old.dir, "Dana", PASSWORD).unwrap();
    let directory = r#"{"version": 0, "region": "Here", "contacts": [{"name": "Night Line",
        "offers": "Someone to talk to at night.", "phone": "+15555550100", "hours": "9pm-6am",
        "languages": ["English"], "last_checked": "2026-11-01"}]}"#;
    steady_server::publish_directory(&old.store, &old.dir, directory).unwrap();
    let state = steady_server::ServerState::new(
        old.store.clone(),
        &steady_server::Config {
            data_dir: old.dir.clone(),
            ..steady_server::Config::default()
        },
    );
    state.rotate_program_key().unwrap();
    // Signed in after the rotation (a rotation signs everyone out): the session must come across.
    let before = Console::new(&old).sign_in("Dana").await;
    let audit_before = old.store.audit_log(1000).unwrap();
    old.shutdown().await;

    let url = postgres::new_database(&admin);
    let (ok, text) = migrate(&old, &url);
    assert!(ok, "{text}");
    for table in [
        "people",
        "devices",
        "records",
        "replies",
        "staff",
        "audit_log",
    ] {
        assert!(text.contains(table), "{table} is reported: {text}");
    }
    assert_eq!(count(&url, "people"), 2);
    assert_eq!(
        count(&url, "records"),
        4,
        "the taken-back item's tombstone too"
    );
    assert_eq!(count(&url, "key_rotations"), 1);

    // The program runs on PostgreSQL at the same address, with the same program key.
    let (root, port) = (old.root(), old.port());
    drop(old);
    let new = SyncServer::start_on_postgres(root, Some(port), &url).await;
    assert_eq!(new.database.as_deref(), Some(url.as_str()));
    pair.sync_both().await;
    assert_eq!(pair.mentor_sees().len(), 3, "Sam sees what he saw, no more");
    assert_eq!(
        pair.mentee.crisis_directory().contacts[0].name,
        "Night Line"
    );

    // The feed goes on from where it was: a new share arrives, a take-back takes it away.
    let entry = pair.mentee.log_mood(MoodLevel::new(5).unwrap()).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;
    assert_eq!(pair.mentor_sees().len(), 4);
    pair.share(&shared[1], ShareMode::Private);
    pair.sync_both().await;
    assert_eq!(pair.mentor_sees().len(), 3);
    assert_eq!(pair.mentee.replies().unwrap().len(), 1, "Sam's note stays");

    // Dana's password and session came across, and the audit log is whole, with the move.
    let console = Console::new(&new);
    let (status, page) = console.get("/staff/people", &before.cookie).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{page}");
    console.sign_in("Dana").await;
    let audit_after = new.store.audit_log(1000).unwrap();
    assert!(audit_after.len() > audit_before.len());
    assert_eq!(
        audit_after[audit_after.len() - audit_before.len()..],
        audit_before[..]
    );
    assert!(
        audit_after
            .iter()
            .any(|line| line.action == "moved the program to PostgreSQL")
    );

    // Moving again into the same database is refused, and changes nothing there.
    let lines = count(&url, "audit_log");
    let (ok, text) = migrate(&new, &url);
    assert!(!ok);
    assert!(text.contains("already holds a program"), "{text}");
    assert_eq!(count(&url, "audit_log"), lines);
    assert_eq!(count(&url, "people"), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_copy_that_comes_back_different_writes_nothing() {
    let Some(admin) = postgres::for_test("a_copy_that_comes_back_different_writes_nothing") else {
        return;
    };
    let old = SyncServer::start_on_sqlite().await;
    let pair = Pair::enrol(&old, &old.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;

    // A target that quietly changes what it is given: the check must notice before committing.
    let url = postgres::new_database(&admin);
    drop(steady_server::PostgresStore::connect(&url).unwrap());
    postgres::run(
        &url,
        "CREATE FUNCTION mangle() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN NEW.envelope := NEW.envelope || '\\x00'::bytea; RETURN NEW; END $$;
         CREATE TRIGGER mangle BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION mangle();",
    )
    .unwrap();
    let (ok, text) = migrate(&old, &url);
    assert!(!ok, "{text}");
    assert!(
        text.contains("records") && text.contains("did not match"),
        "{text}"
    );
    for table in ["program", "people", "records", "audit_log"] {
        assert_eq!(count(&url, table), 0, "nothing in {table}");
    }

    // Nothing to move, and a URL that is not PostgreSQL, are said plainly.
    let (ok, text) = migrate(&old, "mysql://somewhere/else");
    assert!(!ok && text.contains("postgres://"), "{text}");
}
