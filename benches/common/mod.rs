#![allow(dead_code)] // Each bench uses its own part of this.

//! What the server benches share: the real sync server on 127.0.0.1 port 0 over its own SQLite
//! folder or a new PostgreSQL database (no rate limits, a storage allowance no run reaches), and a
//! mentee and a mentor enrolled with it through the real API, the mentee having said yes to the
//! mentor's device. PostgreSQL runs happen when `STEADY_TEST_POSTGRES` names a server the benches
//! may make databases on (as for the tests).

#[path = "../../tests/integration/common/postgres.rs"]
pub mod postgres;

use std::sync::Arc;

use steady::domain::{MoodDetails, MoodLevel, ShareKind, ShareMode};
use steady::state::Device;
use steady::sync::protocol::Role;
use steady_server::{self as server, Config, DatabaseUrl, ServerState, ServerStore};

pub struct Server {
    pub store: Arc<dyn ServerStore>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its PostgreSQL database, if it is not on SQLite.
    pub database: Option<String>,
    /// Dropping these stops the server and its other nodes (and closes their connections).
    stops: std::sync::Mutex<Vec<tokio::sync::oneshot::Sender<()>>>,
    _dir: tempfile::TempDir,
}

/// Which store a bench's server keeps its data in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// SQLite, and PostgreSQL when there is one to use (else a line says why it is left out).
    pub fn available() -> Vec<Backend> {
        if postgres::admin_url().is_some() {
            vec![Backend::Sqlite, Backend::Postgres]
        } else {
            println!("PostgreSQL left out: set STEADY_TEST_POSTGRES to measure it too");
            vec![Backend::Sqlite]
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// Starts the server on the current tokio runtime, on SQLite.
pub async fn start_server(program: &str) -> Server {
    start_server_on(program, Backend::Sqlite).await
}

/// Starts the server on the current tokio runtime, on `backend` (a new database each time).
pub async fn start_server_on(program: &str, backend: Backend) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let database = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(postgres::new_database(
            &postgres::admin_url().expect("STEADY_TEST_POSTGRES"),
        )),
    };
    let (store, base, stop) = start_node_on(dir.path(), program, database.as_deref()).await;
    Server {
        store,
        base,
        database,
        stops: std::sync::Mutex::new(vec![stop]),
        _dir: dir,
    }
}

/// Starts another node of `server` (same folder, same database), stopped with it.
pub async fn start_node(server: &Server, program: &str) -> (Arc<dyn ServerStore>, String) {
    let (store, base, stop) =
        start_node_on(server.dir(), program, server.database.as_deref()).await;
    server.stops.lock().unwrap().push(stop);
    (store, base)
}

/// Starts a server node over the folder `dir` and, if given, the PostgreSQL `database`; it
/// serves until the returned sender is dropped.
async fn start_node_on(
    dir: &std::path::Path,
    program: &str,
    database: Option<&str>,
) -> (
    Arc<dyn ServerStore>,
    String,
    tokio::sync::oneshot::Sender<()>,
) {
    let config = Config {
        data_dir: dir.to_path_buf(),
        program_name: program.into(),
        database_url: database.map(|url| DatabaseUrl::parse(url).unwrap()),
        rate_per_second: 1e9,
        rate_burst: 1e9,
        // Ingest runs store hundreds of MiB for one mentee.
        mentee_quota_mib: 1 << 20,
        ..Config::default()
    };
    let store = server::open_store(&config).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::serve(
        ServerState::new(store.clone(), &config),
        listener,
        server::ConnectionLimits::from_config(&config),
        async {
            let _ = stopped.await;
        },
    ));
    (store, base, stop)
}

impl Server {
    /// The folder holding the server's database.
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

pub struct Pair {
    pub mentee: Device,
    pub mentor: Device,
    pub mentee_id: String,
    pub mentor_id: String,
    _dirs: [tempfile::TempDir; 2],
}

/// Alex and Sam, each on a device with its own encrypted store, paired and enrolled.
pub async fn enrolled_pair(server: &Server) -> Pair {
    enrolled_pair_through(server, &server.base, &server.base).await
}

/// [`enrolled_pair`], Alex's phone talking to the node at `mentee_url` and Sam's to the one at
/// `mentor_url`.
pub async fn enrolled_pair_through(server: &Server, mentee_url: &str, mentor_url: &str) -> Pair {
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let store = &server.store;
    let mentee_invite = server::create_invite(store, Role::Mentee, "Alex", None, 1).unwrap();
    let mentor_invite = server::create_invite(store, Role::Mentor, "Sam", None, 1).unwrap();
    server::pair(store, &mentee_invite.person.id, &mentor_invite.person.id).unwrap();
    let mentee = Device::open(dirs[0].path()).unwrap();
    let mentor = Device::open(dirs[1].path()).unwrap();
    mentor
        .enroll(mentor_url, &mentor_invite.code)
        .await
        .unwrap();
    mentee
        .enroll(mentee_url, &mentee_invite.code)
        .await
        .unwrap();
    // The mentee says yes to the mentor's device (as a person would after comparing its code).
    mentee.sync_now().await.unwrap();
    for device in mentee.mentor_devices().unwrap() {
        mentee
            .decide_mentor_device(&device.device_id, true)
            .unwrap();
    }
    Pair {
        mentee,
        mentor,
        mentee_id: mentee_invite.person.id,
        mentor_id: mentor_invite.person.id,
        _dirs: dirs,
    }
}

impl Pair {
    /// Saves a check-in (with `note`, if any) and shares it with the mentor.
    pub fn share_check_in(&self, level: u8, note: Option<String>) {
        let entry = self
            .mentee
            .log_mood(MoodLevel::new(level).unwrap())
            .unwrap();
        if note.is_some() {
            let details = MoodDetails {
                emotions: vec!["calm".into()],
                note,
                ..Default::default()
            };
            self.mentee
                .save_details(&entry.id, entry.level, details)
                .unwrap();
        }
        self.mentee
            .set_share(
                ShareKind::Mood,
                entry.id.as_str(),
                ShareMode::Shared,
                "Check-in",
            )
            .unwrap();
    }

    /// The first sealed record the server holds for the mentor (share and sync one first).
    pub fn first_sealed(&self, server: &Server) -> String {
        server
            .store
            .changes(&self.mentee_id, &self.mentor_id, 0, 10)
            .unwrap()
            .0
            .into_iter()
            .find_map(|change| change.envelope)
            .expect("a sealed check-in on the server")
    }

    pub fn mentee_token(&self) -> String {
        self.mentee.enrolment().unwrap().unwrap().token
    }

    pub fn mentor_token(&self) -> String {
        self.mentor.enrolment().unwrap().unwrap().token
    }
}
