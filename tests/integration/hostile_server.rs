//! Attacks on what the server serves to phones and on the server itself, against the real server
//! on 127.0.0.1: a crisis directory that tries to take over 988 and 911, one from the far future,
//! a forged key rotation and a doctored kept file; parallel password guesses; slow, half-sent and
//! idle connections; guessing invite codes and tokens; a mentee filling the disk; a mentor device
//! deleting its mentee; and the console's headers and cookies off this machine.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use steady::crypto::ProgramKey;
use steady_server::{Config, PROGRAM_KEY_FILE, ServerState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::console::{Console, PASSWORD, form, hidden_csrf};
use crate::common::hostile::{Raw, edit_database, record_body, token};
use crate::common::sync_server::{Pair, SyncServer};

const HIJACK: &str = r#"{"version": 0, "region": "Here", "contacts": [
  {"name": "988 Suicide & Crisis Lifeline", "offers": "Call us instead.", "phone": "+15555550100",
   "hours": "Any time", "languages": ["English"], "last_checked": "2026-11-01"},
  {"name": "emergency services", "offers": "Call us instead.", "phone": "+15555550199",
   "hours": "Any time", "languages": ["English"], "last_checked": "2026-11-01"},
  {"name": "Riverside Youth Line", "offers": "Talk to someone your age.", "phone": "+19515550123",
   "hours": "5pm to midnight", "languages": ["English"], "last_checked": "2026-11-01"}]}"#;

fn phones(device: &steady::state::Device) -> Vec<(String, String)> {
    device
        .crisis_directory()
        .contacts
        .into_iter()
        .filter_map(|c| Some((c.name, c.phone?)))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_directory_cannot_take_over_the_crisis_numbers() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    steady_server::publish_directory(&server.store, &server.dir, HIJACK).unwrap();
    pair.mentee.sync_now().await.unwrap();
    let card = phones(&pair.mentee);
    assert!(card.contains(&("988 Suicide & Crisis Lifeline".into(), "988".into())));
    assert!(card.contains(&("Emergency services".into(), "911".into())));
    assert!(
        !card.iter().any(|(_, n)| n.starts_with("+1555555")),
        "no line passes itself off as 988 or 911: {card:?}"
    );
    assert!(card.iter().any(|(n, _)| n == "Riverside Youth Line"));

    // A directory from the far future would freeze every phone on it: refused.
    let key = ProgramKey::load_or_create(&server.dir.join(PROGRAM_KEY_FILE)).unwrap();
    let far = key.sign(HIJACK.replace("\"version\": 0", "\"version\": 9000000000000000000"));
    server
        .store
        .publish_directory(
            9_000_000_000_000_000_000,
            &serde_json::to_string(&far).unwrap(),
            0,
        )
        .unwrap();
    pair.mentee.sync_now().await.unwrap();
    assert_eq!(pair.mentee.crisis_directory().version, 1);
    edit_database(
        &server,
        "DELETE FROM directory_versions WHERE version > 1000;",
    );
    // Someone with only the database writes a version far ahead: the next Publish would follow
    // it past what any phone takes. It is not followed: nothing is published, and the error says
    // why; once the row is gone, publishing goes on from the program's own newest version.
    edit_database(
        &server,
        "INSERT INTO directory_versions (version, signed, published_at)
         VALUES (5000, '{\"payload\":\"{}\",\"signature\":\"AAAA\"}', 0);",
    );
    let refused = steady_server::publish_directory(&server.store, &server.dir, HIJACK)
        .expect_err("not published past a version nobody signed");
    assert!(
        refused
            .to_string()
            .contains("does not carry this program's signature"),
        "{refused}"
    );
    edit_database(
        &server,
        "DELETE FROM directory_versions WHERE version = 5000;",
    );

    // A rotation "signed" by the server's own new key, and a directory signed by it: refused.
    let pinned = pair.mentee.pinned_program_key().unwrap();
    let stranger = ProgramKey::generate().unwrap().0;
    edit_database(
        &server,
        &format!(
            "INSERT INTO key_rotations (old_key, new_key, signature, rotated_at)
             VALUES ('{pinned}', '{}', 'AAAA', 0);",
            stranger.public()
        ),
    );
    let forged = stranger.sign(HIJACK.replace("\"version\": 0", "\"version\": 2"));
    assert_eq!(
        pair.mentee.accept_directory(forged),
        Err(steady::state::DirectoryRefusal::BadSignature)
    );

    // A real rotation, signed by the pinned key: the phone follows it and pins the new key.
    let state = ServerState::new(
        server.store.clone(),
        &Config {
            data_dir: server.dir.clone(),
            ..Config::default()
        },
    );
    let new_key = state.rotate_program_key().unwrap();
    let server = server.restart().await;
    pair.mentee.sync_now().await.unwrap();
    assert_eq!(pair.mentee.pinned_program_key(), Some(new_key));
    assert_eq!(pair.mentee.crisis_directory().version, 2);

    // Someone with file access swaps the kept directory for one signed by their own key (with
    // their key beside it): the phone shows only what the pinned key signed, so only the bundled
    // lines until the program's next directory arrives.
    let kept = pair.mentee.data_dir().join(steady::state::DIRECTORY_FILE);
    let fake = stranger.sign(HIJACK.replace("\"version\": 0", "\"version\": 3"));
    std::fs::write(
        &kept,
        serde_json::json!({"signed": fake, "program_key": stranger.public()}).to_string(),
    )
    .unwrap();
    assert!(
        !phones(&pair.mentee)
            .iter()
            .any(|(n, _)| n == "Riverside Youth Line")
    );
    drop(server);
}

async fn sign_in_try(console: &Console, name: &str, password: &str) -> StatusCode {
    let page = console
        .http
        .get(format!("{}/staff/sign-in", console.base))
        .send()
        .await
        .unwrap();
    let cookie = crate::common::console::cookie_value(&page, "steady_sign_in")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = hidden_csrf(&page.text().await.unwrap());
    console
        .http
        .post(format!("{}/staff/sign-in", console.base))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("csrf", &csrf),
            ("name", name),
            ("password", password),
        ]))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test(flavor = "multi_thread")]
async fn forty_password_guesses_at_once_are_all_locked_out() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = std::sync::Arc::new(Console::new(&server));
    let guesses: Vec<_> = (0..40)
        .map(|n| {
            let console = console.clone();
            tokio::spawn(async move { sign_in_try(&console, "Dana", &format!("guess {n}")).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let locked = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(checked <= 5, "{statuses:?}");
    assert_eq!(checked + locked, 40, "{statuses:?}");
    assert_eq!(
        sign_in_try(&console, "Dana", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the account is locked for now, right password or not"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_half_sent_and_idle_connections_are_closed_and_the_server_keeps_serving() {
    let server = SyncServer::start_with_config(Config {
        header_timeout_seconds: 1,
        request_timeout_seconds: 2,
        max_connections: 16,
        ..Config::default()
    })
    .await;
    let pair = Pair::enrol(&server, &server.base).await;
    let address = server.base.trim_start_matches("http://").to_owned();

    // Headers that never finish: the connection is closed.
    let mut half = TcpStream::connect(&address).await.unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: steady\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 256];
    let read = tokio::time::timeout(Duration::from_secs(5), half.read(&mut buf))
        .await
        .expect("closed well within five seconds");
    assert!(matches!(read, Ok(0) | Err(_)) || String::from_utf8_lossy(&buf).contains("408"));

    // A body that never finishes: a 408 with a plain message, and nothing stored.
    let mut slow = TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /v1/records HTTP/1.1\r\nHost: steady\r\nSteady-Protocol: 1\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"records\"",
        token(&pair.mentee)
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(6), slow.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("took too long"), "{answer}");

    // Three hundred sockets that say nothing: they take the 16 places, are closed one by one by
    // the header timeout, and the server answers again; it never falls over.
    let mut idle = Vec::new();
    for _ in 0..300 {
        if let Ok(socket) = TcpStream::connect(&address).await {
            idle.push(socket);
        }
    }
    let healthy = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            if let Ok(response) = reqwest::get(format!("{}/healthz", server.base)).await
                && response.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
    assert!(
        healthy.is_ok(),
        "the server answers while idle sockets wait"
    );
    drop(idle);
    pair.mentee.sync_now().await.expect("sync works as before");
}

#[tokio::test(flavor = "multi_thread")]
async fn guessing_invite_codes_or_tokens_from_one_address_is_slowed() {
    let server = SyncServer::start().await;
    let raw = Raw::new(&server.base);
    let keys = steady::crypto::DeviceKeys::generate().unwrap().public();
    let enrol = |code: &str| {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        serde_json::to_vec(&serde_json::json!({
            "invite_code": code, "signing_key": b64.encode(keys.signing),
            "receiving_key": b64.encode(keys.receiving)
        }))
        .unwrap()
    };
    for n in 0..10 {
        let (status, body) = raw
            .send(
                Method::POST,
                "/v1/enroll",
                None,
                Some(enrol(&format!("AAAA-BBBB-{n:04}"))),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    }
    let (status, body) = raw
        .send(
            Method::POST,
            "/v1/enroll",
            None,
            Some(enrol("AAAA-BBBB-CCCC")),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"], "rate_limited");
    assert!(body["message"].as_str().unwrap().contains("Wait a minute"));

    for n in 0..20 {
        let (status, _) = raw
            .send(
                Method::GET,
                "/v1/recipients",
                Some(&format!("guess-{n}")),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = raw
        .send(Method::GET, "/v1/recipients", Some("guess-21"), None)
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"], "rate_limited");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentee_cannot_fill_the_servers_disk() {
    let server = SyncServer::start_with_config(Config {
        mentee_quota_mib: 1,
        ..Config::default()
    })
    .await;
    let pair = Pair::enrol(&server, &server.base).await;
    let raw = Raw::new(&server.base);
    let padding = "x".repeat(60 * 1024);
    let mut stored = 0;
    let mut refusal = None;
    for n in 0..30 {
        let tomb = format!(r#"{{"v":2,"tomb":true,"pad":"{padding}"}}"#);
        let (status, body) = raw
            .send(
                Method::POST,
                "/v1/records",
                Some(&token(&pair.mentee)),
                Some(record_body(&format!("item-{n}"), 1, Some(&tomb))),
            )
            .await;
        if status == StatusCode::OK {
            stored += 1;
        } else {
            refusal = Some((status, body));
            break;
        }
    }
    let (status, body) = refusal.expect("the quota stops it");
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "storage_full");
    assert!(
        (15..=17).contains(&stored),
        "{stored} stored before the limit"
    );
    let held = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 100)
        .unwrap()
        .0;
    assert!(
        held.is_empty(),
        "tombstones with no audience reach no mentor"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentor_device_can_remove_itself_but_never_its_mentee() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair
        .mentee
        .log_mood(steady::domain::MoodLevel::new(3).unwrap())
        .unwrap();
    pair.share(&entry.id, steady::domain::ShareMode::Shared);
    pair.mentee.sync_now().await.unwrap();
    let raw = Raw::new(&server.base);
    let (status, _) = raw
        .send(Method::DELETE, "/v1/me", Some(&token(&pair.mentor)), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = raw
        .send(Method::GET, "/v1/mentees", Some(&token(&pair.mentor)), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "that device is gone");
    assert!(
        server
            .store
            .is_paired(&pair.mentee_id, &pair.mentor_id)
            .unwrap()
    );
    assert!(server.store.person(&pair.mentee_id).is_ok());
    assert_eq!(
        server
            .store
            .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
            .unwrap()
            .0
            .len(),
        1,
        "Alex's shared check-in is still there for Sam's other devices"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_sends_its_safety_headers_and_secure_cookies_off_this_machine() {
    let local = SyncServer::start().await;
    let response = reqwest::get(format!("{}/staff/sign-in", local.base))
        .await
        .unwrap();
    let headers = response.headers().clone();
    let policy = headers["content-security-policy"].to_str().unwrap();
    for part in [
        "default-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "style-src 'sha256-",
        "script-src 'sha256-",
    ] {
        assert!(policy.contains(part), "{policy}");
    }
    assert!(!policy.contains("unsafe"), "{policy}");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-frame-options"], "DENY");
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(
        !cookie.contains("Secure"),
        "plain http on this machine: {cookie}"
    );

    let exposed = SyncServer::start_with_config(Config {
        listen: "0.0.0.0:8443".parse().unwrap(),
        ..Config::default()
    })
    .await;
    let response = reqwest::get(format!("{}/staff/sign-in", exposed.base))
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}
