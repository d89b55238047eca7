#![allow(dead_code)] // Each bench uses its own part of this.

//! What the server benches share: the real sync server on 127.0.0.1 port 0 over its own SQLite
//! folder (no rate limits, a storage allowance no run reaches), and a mentee and a mentor enrolled
//! with it through the real API, the mentee having said yes to the mentor's device.

use std::sync::Arc;

use steady::domain::{MoodDetails, MoodLevel, ShareKind, ShareMode};
use steady::server::{self, Config, ServerState, ServerStore, SqliteStore};
use steady::state::Device;
use steady::sync::protocol::Role;

pub struct Server {
    pub store: Arc<dyn ServerStore>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    _dir: tempfile::TempDir,
}

/// Starts the server on the current tokio runtime.
pub async fn start_server(program: &str) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let (store, base) = start_node(dir.path(), program).await;
    Server {
        store,
        base,
        _dir: dir,
    }
}

/// Starts a server node over the database in `dir` (a second node when one already serves it).
pub async fn start_node(dir: &std::path::Path, program: &str) -> (Arc<dyn ServerStore>, String) {
    let config = Config {
        data_dir: dir.to_path_buf(),
        rate_per_second: 1e9,
        rate_burst: 1e9,
        // Ingest runs store hundreds of MiB for one mentee.
        mentee_quota_mib: 1 << 20,
        ..Config::default()
    };
    let store: Arc<dyn ServerStore> =
        Arc::new(SqliteStore::open(&config.data_dir, program).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(
        ServerState::new(store.clone(), &config),
        listener,
        server::ConnectionLimits::from_config(&config),
        std::future::pending(),
    ));
    (store, base)
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
