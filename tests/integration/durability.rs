//! A kill at any moment loses no saved entry. A child process saves check-ins in a loop and prints
//! each id once its save has returned; the parent SIGKILLs it at a random point, many times, then
//! checks, after every kill, that the database passes SQLite's integrity check and that every id
//! printed so far is intact. The kill lands a varied few milliseconds after a save returned, so
//! it often falls in the middle of the next save.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use steady::domain::{EntryId, MoodDetails, MoodLevel};
use steady::state::Device;
use steady::store::Store;

const ROUNDS: usize = 80;
const CHILD_DIR: &str = "STEADY_DURABILITY_CHILD_DIR";

/// Not a test on its own: the child side, started by the test below.
#[test]
#[ignore = "run by kill_during_saves_loses_nothing as a child process"]
fn child_saves_until_killed() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let device = Device::open(std::path::Path::new(&dir)).expect("open");
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let level = MoodLevel::new((n % 5) as u8 + 1).expect("level");
        let entry = device.log_mood(level).expect("save");
        let details = MoodDetails {
            note: Some(format!("note number {n}")),
            ..Default::default()
        };
        device
            .save_details(&entry.id, level, details)
            .expect("details");
        writeln!(out, "saved {} {n}", entry.id).expect("print");
        out.flush().expect("flush");
    }
}

#[test]
fn kill_during_saves_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut confirmed: Vec<(EntryId, String)> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "durability::child_saves_until_killed",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Vary the moment of the kill: after a few saves, a different number each round.
        let wanted = 1 + (round * 7) % 23;
        let mut seen = 0;
        for line in lines {
            let line = line.unwrap();
            let Some(rest) = line.strip_prefix("saved ") else {
                continue;
            };
            let mut parts = rest.split(' ');
            let id = EntryId::parse(parts.next().unwrap()).unwrap();
            let n = parts.next().unwrap().to_string();
            confirmed.push((id, format!("note number {n}")));
            seen += 1;
            if seen == wanted {
                // SIGKILL 0 to 5 ms after a save returned: often mid-way through the next one.
                std::thread::sleep(std::time::Duration::from_micros(
                    (round as u64 * 397) % 5000,
                ));
                child.kill().unwrap();
                break;
            }
        }
        child.wait().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(
            store.integrity_ok().unwrap(),
            "integrity after kill {round}"
        );
        drop(store);
    }
    assert!(confirmed.len() >= ROUNDS);
    let device = Device::open(dir.path()).unwrap();
    for (id, note) in &confirmed {
        let entry = device
            .mood(id)
            .unwrap_or_else(|err| panic!("{id} lost: {err}"));
        assert_eq!(entry.details.note.as_deref(), Some(note.as_str()));
    }
    drop(device);
    let store = Store::open(dir.path()).unwrap();
    assert!(store.integrity_ok().unwrap());
}

const PASSCODE_CHILD_DIR: &str = "STEADY_PASSCODE_CHILD_DIR";
const PASSCODE_CHILD_FROM: &str = "STEADY_PASSCODE_CHILD_FROM";
const PASSCODE_ROUNDS: usize = 24;

fn passcode(n: u64) -> String {
    format!("passcode number {n}")
}

/// Not a test on its own: the child side of the test below, changing the passcode in a loop.
#[test]
#[ignore = "run by kill_during_passcode_changes_loses_nothing as a child process"]
fn child_changes_the_passcode_until_killed() {
    let (Ok(dir), Ok(from)) = (
        std::env::var(PASSCODE_CHILD_DIR),
        std::env::var(PASSCODE_CHILD_FROM),
    ) else {
        return;
    };
    let from: u64 = from.parse().expect("a number");
    let store =
        Store::open_sealed(std::path::Path::new(&dir), Some(&passcode(from))).expect("open");
    let mut out = std::io::stdout().lock();
    for n in from.. {
        store
            .set_passcode(Some(&passcode(n)), Some(&passcode(n + 1)))
            .expect("change");
        writeln!(out, "changed {}", n + 1).expect("print");
        out.flush().expect("flush");
    }
}

/// A kill at any moment of a passcode change (which also re-encrypts the data under a new key)
/// loses nothing: afterwards the last passcode the app confirmed, or the one it was changing to,
/// opens every check-in, and the database passes its integrity check.
#[test]
fn kill_during_passcode_changes_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let device = Device::open(dir.path()).unwrap();
    let mut saved = Vec::new();
    for level in 1..=3 {
        saved.push(device.log_mood(MoodLevel::new(level).unwrap()).unwrap().id);
    }
    drop(device);
    Store::open(dir.path())
        .unwrap()
        .set_passcode(None, Some(&passcode(0)))
        .unwrap();
    let mut current = 0u64;
    for round in 0..PASSCODE_ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "durability::child_changes_the_passcode_until_killed",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .env(PASSCODE_CHILD_DIR, dir.path())
            .env(PASSCODE_CHILD_FROM, current.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let wanted = 1 + round % 2;
        let mut seen = 0;
        for line in lines {
            let line = line.unwrap();
            let Some(n) = line.strip_prefix("changed ") else {
                continue;
            };
            current = n.parse().unwrap();
            seen += 1;
            if seen == wanted {
                // Anywhere in the next change: its Argon2id, its new key file, its re-encryption
                // or its rename.
                std::thread::sleep(std::time::Duration::from_millis((round as u64 * 37) % 400));
                child.kill().unwrap();
                break;
            }
        }
        child.wait().unwrap();
        let opened = match Store::open_sealed(dir.path(), Some(&passcode(current))) {
            Ok(store) => store,
            Err(_) => {
                current += 1;
                Store::open_sealed(dir.path(), Some(&passcode(current))).unwrap_or_else(|err| {
                    panic!("neither passcode opens after kill {round}: {err}")
                })
            }
        };
        assert!(
            opened.integrity_ok().unwrap(),
            "integrity after kill {round}"
        );
        for id in &saved {
            opened
                .mood(id)
                .unwrap_or_else(|err| panic!("{id} lost after kill {round}: {err}"));
        }
    }
    assert!(
        current >= PASSCODE_ROUNDS as u64,
        "every round changed it at least once"
    );
}

/// The server answers "stored" only once a batch is on disk: its writer syncs every commit
/// (SQLite `synchronous = FULL`), and a server process killed right after answering still has
/// every record when it starts again.
#[tokio::test(flavor = "multi_thread")]
async fn the_server_keeps_every_record_it_acknowledged_when_killed_right_after() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("server");
    // On PostgreSQL (when the tests run every server there), "on disk" is the database's own
    // commit; the node's process is what is killed.
    let database = crate::common::postgres::database_for(&data);
    if database.is_none() {
        let store = steady_server::SqliteStore::open(&data, "Durable").unwrap();
        assert_eq!(store.synchronous().unwrap(), 2, "FULL");
    }
    let (mut server, base) = crate::common::sync_server::server_process(&data);
    let config = steady_server::Config {
        data_dir: data.clone(),
        program_name: "Durable".into(),
        database_url: database
            .as_deref()
            .map(|url| steady_server::DatabaseUrl::parse(url).unwrap()),
        ..steady_server::Config::default()
    };
    let store = steady_server::open_store(&config).unwrap();
    let (mentee_code, mentee_id) = {
        let invite = steady_server::create_invite(
            &store,
            steady::sync::protocol::Role::Mentee,
            "Alex",
            None,
            1,
        )
        .unwrap();
        (invite.code, invite.person.id)
    };
    let mentor_invite =
        steady_server::create_invite(&store, steady::sync::protocol::Role::Mentor, "Sam", None, 1)
            .unwrap();
    steady_server::pair(&store, &mentee_id, &mentor_invite.person.id).unwrap();
    let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mentee = steady::state::Device::open(dirs.0.path()).unwrap();
    let mentor = steady::state::Device::open(dirs.1.path()).unwrap();
    mentor.enroll(&base, &mentor_invite.code).await.unwrap();
    mentee.enroll(&base, &mentee_code).await.unwrap();
    crate::common::sync_server::approve_mentor_devices(&mentee).await;
    for level in 1..=5 {
        let entry = mentee
            .log_mood(steady::domain::MoodLevel::new(level).unwrap())
            .unwrap();
        mentee
            .set_share(
                steady::domain::ShareKind::Mood,
                entry.id.as_str(),
                steady::domain::ShareMode::Shared,
                "Check-in",
            )
            .unwrap();
    }
    let report = mentee.sync_now().await.unwrap();
    assert_eq!(report.sent, 5);
    // Killed the moment it answered: no clean shutdown, no checkpoint.
    server.kill().unwrap();
    server.wait().unwrap();
    let counted: i64 = match &database {
        Some(url) => crate::common::postgres::query_strings(url, "SELECT count(*) FROM records")
            .unwrap()[0]
            .parse()
            .unwrap(),
        None => rusqlite::Connection::open(data.join("steady-server.db"))
            .unwrap()
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .unwrap(),
    };
    assert_eq!(counted, 5, "every acknowledged record is on disk");
    assert_eq!(
        mentee.sync_line().unwrap().pending,
        0,
        "and the phone counts them sent"
    );
}
