//! The server's load run: no-change pulls (a mentor asking "anything new?" when nothing is) per
//! second under wrk, beside an axum hello-world measured in the same run on the same machine; and
//! pushes of one new sealed check-in each, every one answered only once it is on disk (the cost of
//! durable acknowledgements). A second floor, hello world served through the server's own
//! connection handling (limits, timeouts), splits what the handler costs from what serving costs.
//! Then the same pulls and pushes again over two server nodes sharing the one database, wrk
//! driving both at once (half the connections each). All of it on SQLite, then on PostgreSQL
//! when `STEADY_TEST_POSTGRES` names a server to make a database on.
//! Needs `wrk` (Debian package); prints a notice and exits when it is missing.
//!
//! `cargo bench --bench load` (set LOAD_SECONDS to change the 10 s per run).

mod common;

use std::process::Command;

use steady_server::{self as server, Config};

fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("wrk is not installed (apt-get install wrk); skipping the load run");
        return;
    }
    let seconds = std::env::var("LOAD_SECONDS").unwrap_or_else(|_| "10".into());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (hello, ours) = runtime.block_on(async {
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
        (hello_url, ours_url)
    });
    // Every target gets its own wrk, all at once, sharing 2 threads and 64 connections.
    let run_on = |targets: &[(&str, Option<&std::path::Path>)], headers: &[String]| -> f64 {
        let share = targets.len();
        let children: Vec<_> = targets
            .iter()
            .map(|(url, script)| {
                let mut command = Command::new("wrk");
                command.args([
                    format!("-t{}", 2 / share),
                    format!("-c{}", 64 / share),
                    format!("-d{seconds}s"),
                ]);
                if let Some(script) = script {
                    command.arg("-s").arg(script);
                }
                for header in headers {
                    command.args(["-H", header]);
                }
                command
                    .arg(url)
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .expect("wrk runs")
            })
            .collect();
        children
            .into_iter()
            .map(|child| {
                let output = child.wait_with_output().expect("wrk ends");
                let text = String::from_utf8_lossy(&output.stdout).into_owned();
                print!("{text}");
                text.lines()
                    .find_map(|l| l.strip_prefix("Requests/sec:"))
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .unwrap_or(0.0)
            })
            .sum()
    };

    println!("== axum hello world ==");
    let hello_rps = run_on(&[(&hello, None)], &[]);
    println!("== hello world through the server's connection handling ==");
    let ours_rps = run_on(&[(&ours, None)], &[]);

    let mut results = Vec::new();
    for backend in common::Backend::available() {
        let name = backend.name();
        let target = runtime.block_on(Target::set_up(backend));
        // Pulls first, while nothing new has come: the pushes below add to the feed.
        let pull_headers = [
            "Steady-Protocol: 1".to_owned(),
            format!("Authorization: Bearer {}", target.mentor_token),
        ];
        println!(
            "== {name}: no-change pull (GET /v1/mentees/{{id}}/records after the latest cursor) =="
        );
        let pull = run_on(&[(&target.pull, None)], &pull_headers);
        println!("== {name}, two nodes on one database: no-change pulls through both at once ==");
        let pull_two = run_on(
            &[
                (&target.pull, None),
                (&target.on_second(&target.pull), None),
            ],
            &pull_headers,
        );
        let push = &target.push;
        let push_headers = [
            "Steady-Protocol: 1".into(),
            "Content-Type: application/json".into(),
            format!("Authorization: Bearer {}", push.token),
        ];
        let script = |prefix: &str| {
            let path = dir.path().join(format!("push-{name}-{prefix}.lua"));
            std::fs::write(&path, push.lua(&format!("{name}-{prefix}"))).unwrap();
            path
        };
        println!(
            "== {name}: pushes of one new sealed check-in each (POST /v1/records, durable) =="
        );
        let push_one = run_on(&[(&push.url, Some(&script("one")))], &push_headers);
        println!("== {name}, two nodes on one database: durable pushes through both at once ==");
        let push_second = target.on_second(&push.url);
        let (script_a, script_b) = (script("a"), script("b"));
        let push_two = run_on(
            &[
                (&push.url, Some(&script_a)),
                (&push_second, Some(&script_b)),
            ],
            &push_headers,
        );
        results.push((name, pull, pull_two, push_one, push_two));
        drop(target);
    }

    println!("hello world: {hello_rps:.0} req/s");
    println!(
        "hello world through the server's connection handling: {ours_rps:.0} req/s ({:.0}% of hello world)",
        100.0 * ours_rps / hello_rps.max(1.0)
    );
    let share = |rps: f64| 100.0 * rps / hello_rps.max(1.0);
    for (name, pull, pull_two, push_one, push_two) in results {
        println!(
            "{name}: no-change pulls {pull:.0} req/s ({:.0}% of hello world), two nodes {pull_two:.0} req/s ({:.0}%); \
             durable pushes {push_one:.0} req/s, two nodes {push_two:.0} req/s",
            share(pull),
            share(pull_two),
        );
    }
}

/// A server on one store with a second node beside it, Alex and Sam enrolled, 100 check-ins
/// shared and pulled: what the runs aim at.
struct Target {
    pull: String,
    mentor_token: String,
    push: Push,
    second: String,
    _world: (common::Server, common::Pair),
}

impl Target {
    async fn set_up(backend: common::Backend) -> Target {
        let server = common::start_server_on("Load", backend).await;
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
            base: server.base.clone(),
            url: format!("{}/v1/records", server.base),
            token: pair.mentee_token(),
            envelope: pair.first_sealed(&server),
        };
        let (_, second) = common::start_node(&server, "Load").await;
        Target {
            pull,
            mentor_token: pair.mentor_token(),
            push,
            second,
            _world: (server, pair),
        }
    }

    /// `url` on the second node.
    fn on_second(&self, url: &str) -> String {
        url.replacen(&self.push.base, &self.second, 1)
    }
}

/// One sealed check-in to push again and again under new item ids.
struct Push {
    base: String,
    url: String,
    token: String,
    envelope: String,
}

impl Push {
    /// A wrk script: every request a new item id (each wrk thread its own prefix after
    /// `prefix`, each wrk its own `prefix`), so each one is a real write, not a retry the server
    /// recognises.
    fn lua(&self, prefix: &str) -> String {
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
  local body = '{{"records":[{{"item_id":"load-{prefix}-' .. id .. '-' .. counter .. '","version":1,"envelope":' .. {lua_string} .. '}}]}}'
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
