//! The server's load run: no-change pulls (a mentor asking "anything new?" when nothing is) per
//! second under wrk, beside an axum hello-world measured in the same run on the same machine.
//! Needs `wrk` (Debian package); prints a notice and exits when it is missing.
//!
//! `cargo bench --bench load` (set LOAD_SECONDS to change the 10 s per run).

use std::process::Command;
use std::sync::Arc;

use steady::server::{self, Config, ServerState, ServerStore, SqliteStore};
use steady::sync::protocol::Role;

fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("wrk is not installed (apt-get install wrk); skipping the load run");
        return;
    }
    let seconds = std::env::var("LOAD_SECONDS").unwrap_or_else(|_| "10".into());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (hello, pull, token) = runtime.block_on(async {
        let hello = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hello_url = format!("http://{}/", hello.local_addr().unwrap());
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, World!" }));
        tokio::spawn(async move { axum::serve(hello, app).await });

        let config = Config {
            data_dir: dir.path().to_path_buf(),
            rate_per_second: 1e9,
            rate_burst: 1e9,
            ..Config::default()
        };
        let store: Arc<dyn ServerStore> =
            Arc::new(SqliteStore::open(&config.data_dir, "Load").unwrap());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(server::serve(
            ServerState::new(store.clone(), &config),
            listener,
            server::ConnectionLimits::from_config(&config),
            std::future::pending(),
        ));
        let mentee_dir = tempfile::tempdir().unwrap().keep();
        let mentor_dir = tempfile::tempdir().unwrap().keep();
        let mentee_invite = server::create_invite(&store, Role::Mentee, "Alex", None, 1).unwrap();
        let mentor_invite = server::create_invite(&store, Role::Mentor, "Sam", None, 1).unwrap();
        server::pair(&store, &mentee_invite.person.id, &mentor_invite.person.id).unwrap();
        let mentee = steady::state::Device::open(&mentee_dir).unwrap();
        let mentor = steady::state::Device::open(&mentor_dir).unwrap();
        mentor.enroll(&base, &mentor_invite.code).await.unwrap();
        mentee.enroll(&base, &mentee_invite.code).await.unwrap();
        mentee.sync_now().await.unwrap();
        for device in mentee.mentor_devices().unwrap() {
            mentee
                .decide_mentor_device(&device.device_id, true)
                .unwrap();
        }
        for n in 0..100u8 {
            let entry = mentee
                .log_mood(steady::domain::MoodLevel::new(n % 5 + 1).unwrap())
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
        mentee.sync_now().await.unwrap();
        mentor.sync_now().await.unwrap();
        let cursor = mentor.mentees().unwrap()[0].cursor;
        let pull = format!(
            "{base}/v1/mentees/{}/records?after={cursor}",
            mentee_invite.person.id
        );
        let token = mentor.enrolment().unwrap().unwrap().token;
        (hello_url, pull, token)
    });
    let _runtime = runtime;
    let run = |url: &str, headers: &[String]| -> f64 {
        let mut command = Command::new("wrk");
        command.args(["-t2", "-c64", &format!("-d{seconds}s")]);
        for header in headers {
            command.args(["-H", header]);
        }
        let output = command.arg(url).output().expect("wrk runs");
        let text = String::from_utf8_lossy(&output.stdout);
        print!("{text}");
        text.lines()
            .find_map(|l| l.strip_prefix("Requests/sec:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0)
    };
    println!("== axum hello world ==");
    let hello_rps = run(&hello, &[]);
    println!("== no-change pull (GET /v1/mentees/{{id}}/records after the latest cursor) ==");
    let pull_rps = run(
        &pull,
        &[
            "Steady-Protocol: 1".into(),
            format!("Authorization: Bearer {token}"),
        ],
    );
    println!(
        "no-change pulls: {pull_rps:.0} req/s; hello world: {hello_rps:.0} req/s; ratio {:.0}%",
        100.0 * pull_rps / hello_rps.max(1.0)
    );
}
