//! `steady-server` on the command line: config from a TOML file, invites and pairing that a
//! running server honours, and plain errors for mistakes.

use std::process::Command;
use std::sync::Arc;

use crate::common::sync_server::{SyncServer, server_binary, steady_server};

fn field(text: &str, prefix: &str) -> String {
    text.lines()
        .find_map(|line| {
            line.split_once(prefix)
                .map(|(_, rest)| rest.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no {prefix:?} in {text}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn invites_and_pairings_made_on_the_command_line_work_on_the_running_server() {
    let root = Arc::new(tempfile::tempdir().unwrap());
    let server = SyncServer::start_in(root.clone(), None).await;
    let config = root.path().join("server.toml");
    let mut toml = format!(
        "data_dir = \"{}\"\nprogram_name = \"Bright Paths\"\n",
        server.dir.display()
    );
    if let Some(url) = &server.database {
        toml.push_str(&format!("database_url = \"{url}\"\n"));
    }
    std::fs::write(&config, toml).unwrap();
    let (ok, mentee) = steady_server(&config, &["invite", "--role", "mentee", "--name", "Jo"]);
    assert!(ok, "{mentee}");
    let (ok, mentor) = steady_server(&config, &["invite", "--role", "mentor", "--name", "Ria"]);
    assert!(ok, "{mentor}");
    let (ok, paired) = steady_server(
        &config,
        &[
            "pair",
            &field(&mentee, "person id "),
            &field(&mentor, "person id "),
        ],
    );
    assert!(ok, "{paired}");

    let dir = tempfile::tempdir().unwrap();
    let device = steady::state::Device::open(dir.path()).unwrap();
    let enrolment = device
        .enroll(&server.base, &field(&mentee, "Code:"))
        .await
        .unwrap();
    assert_eq!(enrolment.display_name, "Jo");
    assert_eq!(enrolment.program_name, "Bright Paths");
    device.sync_now().await.unwrap();
    // Ria has no device yet, so nothing can be sealed; the pairing is there all the same.
    assert!(
        server
            .store
            .is_paired(&enrolment.person_id, &field(&mentor, "person id "))
            .unwrap()
    );

    // Staff publish a crisis directory; the phone picks it up at its next sync.
    let good = root.path().join("directory.json");
    std::fs::write(
        &good,
        r#"{"version": 0, "region": "Here", "contacts": [{"name": "Night Line",
            "offers": "Someone to talk to at night.", "phone": "+15555550100", "hours": "9pm-6am",
            "languages": ["English"], "last_checked": "2026-11-01"}]}"#,
    )
    .unwrap();
    let (ok, text) = steady_server(&config, &["directory", "publish", good.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(text.contains("version 1"), "{text}");
    device.sync_now().await.unwrap();
    assert_eq!(device.crisis_directory().contacts[0].name, "Night Line");
    let bad = root.path().join("bad.json");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&good)
            .unwrap()
            .replace("+15555550100", "call me"),
    )
    .unwrap();
    let (ok, text) = steady_server(&config, &["directory", "publish", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("can't be dialled"), "{text}");

    // A staff account, its password read from standard input, never from the command line.
    let mut child = Command::new(server_binary())
        .arg("--config")
        .arg(&config)
        .args(["staff", "add", "Dana"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long staff password\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("Staff account Dana added"));
    let audit = server.store.audit_log(10).unwrap();
    assert!(audit.iter().any(|line| line.detail == "Dana"));
    for action in [
        "invited a mentee",
        "paired",
        "published the crisis contacts",
    ] {
        assert!(audit.iter().any(|line| line.action == action), "{action}");
    }

    let (ok, text) = steady_server(&config, &["invite", "--role", "boss", "--name", "X"]);
    assert!(!ok);
    assert!(text.contains("--role mentee or --role mentor"), "{text}");
    let (ok, text) = steady_server(&config, &["frobnicate"]);
    assert!(!ok);
    assert!(text.contains("unknown command"), "{text}");
}
