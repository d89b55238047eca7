//! The server's load run: no-change pulls (a mentor asking "anything new?" when nothing is) per
//! second under wrk, beside an axum hello-world measured in the same run on the same machine; and
//! pushes of one new sealed check-in each, every one answered only once it is on disk (the cost of
//! durable acknowledgements). A second floor, hello world served through the server's own
//! connection handling (limits, timeouts), splits what the handler costs from what serving costs.
//! Needs `wrk` (Debian package); prints a notice and exits when it is
//! missing.
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
    let (hello, ours, pull, token, push) = runtime.block_on(async {
        let hello = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hello_url = format!("http://{}/", hello.local_addr().unwrap());
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, World!" }));
        tokio::spawn(async move { axum::serve(hello, app).await });
        let ours = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let ours_url = format!("http://{}/", ours.local_addr().unwrap());
        let hello_app =
            axum::Router::new().route("/", axum::routing::get(|| async { "Hello, World!" }));
        tokio::spawn(server::serve_router(
            hello_app,
            ours,
            server::ConnectionLimits::from_config(&Config::default()),
            std::future::pending(),
        ));

        let config = Config {
            data_dir: dir.path().to_path_buf(),
            rate_per_second: 1e9,
            rate_burst: 1e9,
            mentee_quota_mib: 1 << 20,
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
        let (changes, _) = store
            .changes(&mentee_invite.person.id, &mentor_invite.person.id, 0, 1)
            .unwrap();
        let push = Push {
            url: format!("{base}/v1/records"),
            token: mentee.enrolment().unwrap().unwrap().token,
            envelope: changes[0].envelope.clone().unwrap(),
        };
        (hello_url, ours_url, pull, token, push)
    });
    let _runtime = runtime;
    let run_with = |url: &str, headers: &[String], script: Option<&std::path::Path>| -> f64 {
        let mut command = Command::new("wrk");
        command.args(["-t2", "-c64", &format!("-d{seconds}s")]);
        if let Some(script) = script {
            command.arg("-s").arg(script);
        }
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
    let run = |url: &str, headers: &[String]| run_with(url, headers, None);

    println!("== axum hello world ==");
    let hello_rps = run(&hello, &[]);
    println!("== hello world through the server's connection handling ==");
    let ours_rps = run(&ours, &[]);
    println!("== no-change pull (GET /v1/mentees/{{id}}/records after the latest cursor) ==");
    let pull_rps = run(
        &pull,
        &[
            "Steady-Protocol: 1".into(),
            format!("Authorization: Bearer {token}"),
        ],
    );
    println!("== pushes of one new sealed check-in each (POST /v1/records, durable) ==");
    let script = dir.path().join("push.lua");
    std::fs::write(&script, push.lua()).unwrap();
    let push_rps = run_with(
        &push.url,
        &[
            "Steady-Protocol: 1".into(),
            "Content-Type: application/json".into(),
            format!("Authorization: Bearer {}", push.token),
        ],
        Some(&script),
    );
    println!(
        "no-change pulls: {pull_rps:.0} req/s; hello world: {hello_rps:.0} req/s; ratio {:.0}%",
        100.0 * pull_rps / hello_rps.max(1.0)
    );
    println!(
        "hello world through the server's connection handling: {ours_rps:.0} req/s; \
         no-change pulls are {:.0}% of it",
        100.0 * pull_rps / ours_rps.max(1.0)
    );
    println!("durable pushes of one record: {push_rps:.0} req/s");
}

/// One sealed check-in to push again and again under new item ids.
struct Push {
    url: String,
    token: String,
    envelope: String,
}

impl Push {
    /// A wrk script: every request a new item id (each wrk thread its own prefix), so each one
    /// is a real write, not a retry the server recognises.
    fn lua(&self) -> String {
        let envelope = serde_json::to_string(&self.envelope).unwrap();
        format!(
            r#"wrk.method = "POST"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local counter = 0
function request()
  counter = counter + 1
  local body = '{{"records":[{{"item_id":"load-' .. id .. '-' .. counter .. '","version":1,"envelope":' .. {lua_string} .. '}}]}}'
  return wrk.format(nil, nil, nil, body)
end
"#,
            lua_string = lua_long_string(&envelope),
        )
    }
}

/// `text` as a Lua long string literal that cannot end early.
fn lua_long_string(text: &str) -> String {
    let mut level = String::new();
    while text.contains(&format!("]{level}]")) {
        level.push('=');
    }
    format!("[{level}[{text}]{level}]")
}
