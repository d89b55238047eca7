//! The server's load run: no-change pulls (a mentor asking "anything new?" when nothing is) per
//! second under wrk, beside an axum hello-world measured in the same run on the same machine; and
//! pushes of one new sealed check-in each, every one answered only once it is on disk (the cost of
//! durable acknowledgements). A second floor, hello world served through the server's own
//! connection handling (limits, timeouts), splits what the handler costs from what serving costs.
//! Needs `wrk` (Debian package); prints a notice and exits when it is missing.
//!
//! `cargo bench --bench load` (set LOAD_SECONDS to change the 10 s per run).

mod common;

use std::process::Command;

use steady::server::{self, Config};

fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("wrk is not installed (apt-get install wrk); skipping the load run");
        return;
    }
    let seconds = std::env::var("LOAD_SECONDS").unwrap_or_else(|_| "10".into());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (hello, ours, pull, token, push, _world) = runtime.block_on(async {
        let hello = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hello_url = format!("http://{}/", hello.local_addr().unwrap());
        let hello_app =
            || axum::Router::new().route("/", axum::routing::get(|| async { "Hello, World!" }));
        tokio::spawn(async move { axum::serve(hello, hello_app()).await });
        let ours = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let ours_url = format!("http://{}/", ours.local_addr().unwrap());
        tokio::spawn(server::serve_router(
            hello_app(),
            ours,
            server::ConnectionLimits::from_config(&Config::default()),
            std::future::pending(),
        ));

        let server = common::start_server("Load").await;
        let pair = common::enrolled_pair(&server).await;
        for n in 0..100u8 {
            pair.share_check_in(n % 5 + 1, None);
        }
        pair.mentee.sync_now().await.unwrap();
        pair.mentor.sync_now().await.unwrap();
        let cursor = pair.mentor.mentees().unwrap()[0].cursor;
        let pull = format!(
            "{}/v1/mentees/{}/records?after={cursor}",
            server.base, pair.mentee_id
        );
        let push = Push {
            url: format!("{}/v1/records", server.base),
            token: pair.mentee_token(),
            envelope: pair.first_sealed(&server),
        };
        let token = pair.mentor_token();
        // The server and both devices live as long as the run.
        (hello_url, ours_url, pull, token, push, (server, pair))
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
