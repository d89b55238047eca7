//! Seams a handler cannot skip. Every sync route but joining refuses a call without a valid
//! token, and every console form refuses without a session, or with a session and a token that
//! is not that session's. The routes are read from the routers' own source, so a route added
//! there is checked here without anyone remembering to add it. Each refusal leaves the audit
//! log as it was: nothing happened.

use reqwest::{Method, StatusCode};

use crate::common::console::{Console, PASSWORD, form};
use crate::common::hostile::Raw;
use crate::common::sync_server::SyncServer;

/// The routes a router's source names between `from` and `to`: each method with its path, a
/// path parameter filled in with something plausible. Read with the spaces taken out, so
/// rustfmt's line breaks do not matter.
fn routes_in(source: &str, from: &str, to: &str) -> Vec<(Method, String)> {
    let start = source.find(from).expect("the router's start");
    let end = start + source[start..].find(to).expect("the router's end");
    let section: String = source[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut routes = Vec::new();
    for call in section.split(".route(\"").skip(1) {
        let (path, handlers) = call.split_at(call.find('"').unwrap());
        if path.contains("{*") || path == "/v1" || path == "/v1/" {
            continue;
        }
        let path = path
            .replace("{id}", "someone")
            .replace("{action}", "remove");
        for (name, method) in [
            ("get(", Method::GET),
            ("post(", Method::POST),
            ("delete(", Method::DELETE),
        ] {
            // `get(x)` first, or chained as `.get(x)`.
            if handlers.starts_with(&format!("\",{name}")) || handlers.contains(&format!(".{name}"))
            {
                routes.push((method, path.clone()));
            }
        }
    }
    assert!(
        !routes.is_empty(),
        "no routes read between {from:?} and {to:?}"
    );
    routes
}

fn source(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_sync_route_but_joining_refuses_a_call_without_a_valid_token() {
    let server = SyncServer::start().await;
    // reqwest is built with rustls and no provider of its own: ring is the one provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let raw = Raw::new(&server.base);
    // Every route the router names, wherever in it a route is added.
    let routes: Vec<_> = routes_in(
        &source("crates/server/src/api/mod.rs"),
        "pub(crate) fn routes(state: ServerState) -> Router {",
        ".with_state(state)",
    )
    .into_iter()
    .filter(|(_, path)| path != "/v1/enroll")
    .collect();
    assert!(routes.len() >= 12, "{routes:?}");
    // No token, then a made-up one, turn about: an address gets 20 wrong guesses before it
    // must wait, and each route is asked once.
    for (at, (method, path)) in routes.iter().enumerate() {
        let token = (at % 2 == 1).then_some("not-a-token-anyone-was-given");
        let (status, body) = raw
            .send(method.clone(), path, token, Some(b"{}".to_vec()))
            .await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{method} {path} with {token:?}: {body}"
        );
        assert_eq!(body["error"], "unauthorized", "{method} {path}: {body}");
    }
    // Joining is the one open door, and it still wants a real invite.
    let (status, _) = raw
        .send(
            Method::POST,
            "/v1/enroll",
            None,
            Some(br#"{"invite_code":"nope","signing_key":"","receiving_key":""}"#.to_vec()),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_console_form_refuses_without_a_session_or_with_another_sessions_token() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    steady_server::set_safeguarding(&server.store, &server.dir, "Dana", true).unwrap();
    steady_server::add_staff(&server.store, &server.dir, "Sam", PASSWORD).unwrap();
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let sam = console.sign_in("Sam").await;
    let forms: Vec<String> = routes_in(
        &source("crates/server/src/console/mod.rs"),
        "pub(crate) fn routes(state: ServerState) -> Router {",
        ".layer(",
    )
    .into_iter()
    .filter(|(method, path)| *method == Method::POST && path != "/staff/sign-in")
    .map(|(_, path)| path)
    .collect();
    assert!(forms.len() >= 14, "{forms:?}");
    let audit_before = server.store.audit_log(500).unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for path in &forms {
        let post = |cookie: Option<&str>, csrf: &str| {
            let mut request = http
                .post(format!("{}{path}", server.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form(&[("csrf", csrf), ("name", "Sam"), ("role", "mentee")]));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send()
        };
        let status = post(None, &dana.csrf).await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path} with no session");
        // Dana's session with Sam's form token: a page from another session, or a forged one.
        let refused = post(Some(&dana.cookie), &sam.csrf).await.unwrap();
        assert!(
            refused.status() == StatusCode::FORBIDDEN
                || refused.status() == StatusCode::BAD_REQUEST,
            "{path} with another session's token: {}",
            refused.status()
        );
    }
    assert_eq!(
        server.store.audit_log(500).unwrap().len(),
        audit_before.len(),
        "a refused form did nothing, so it wrote nothing"
    );
    // Dana is still signed in: the refusals ended nothing.
    assert_eq!(console.get("/staff", &dana.cookie).await.0, StatusCode::OK);
}

/// Makes the audit log refuse every new line, as a full disk or a failing database would.
fn refuse_audit_lines(server: &SyncServer) {
    let sql = if server.database.is_some() {
        "CREATE OR REPLACE FUNCTION audit_refused() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'the log is full'; END $$;
         CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log
             FOR EACH ROW EXECUTE FUNCTION audit_refused();"
    } else {
        "CREATE TRIGGER IF NOT EXISTS audit_refused BEFORE INSERT ON audit_log
             BEGIN SELECT RAISE(ABORT, 'the log is full'); END;"
    };
    server.execute_sql(sql).unwrap();
}

fn accept_audit_lines(server: &SyncServer) {
    server
        .execute_sql("DROP TRIGGER audit_refused ON audit_log")
        .or_else(|_| server.execute_sql("DROP TRIGGER audit_refused"))
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_whose_audit_line_cannot_be_written_does_not_happen_but_signing_out_does() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let (_, alex) = server.invite(steady::sync::protocol::Role::Mentee, "Alex");
    let (_, sam) = server.invite(steady::sync::protocol::Role::Mentor, "Sam");
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |path: &str, fields: Vec<(&str, String)>| {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        http.post(format!("{}{path}", server.base))
            .header("cookie", &dana.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&fields))
            .send()
    };
    let pair = || {
        vec![
            ("csrf", dana.csrf.clone()),
            ("mentee", alex.clone()),
            ("mentor", sam.clone()),
        ]
    };
    let lines_before = server.store.audit_log(500).unwrap().len();

    refuse_audit_lines(&server);
    // Pairing: refused, said plainly, and Alex and Sam are not matched.
    let refused = post("/staff/people/pair", pair()).await.unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(!server.store.is_paired(&alex, &sam).unwrap());
    // Signing in: no line, no session.
    let refused = console.try_sign_in("Dana", PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(crate::common::console::cookie_value(&refused, "steady_staff").is_none());
    // A contact saved to the draft: not kept.
    let draft_before = server.store.directory_draft().unwrap();
    let saved = post(
        "/staff/directory/save",
        vec![
            ("csrf", dana.csrf.clone()),
            ("name", "Teen Line".into()),
            ("offers", "Talk with a teen.".into()),
            ("phone", "+15555550100".into()),
            ("open_kind", "always".into()),
            ("languages", "English".into()),
            ("last_checked", "2026-11-01".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(saved.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(server.store.directory_draft().unwrap(), draft_before);
    assert_eq!(server.store.audit_log(500).unwrap().len(), lines_before);

    // The log works again: the same pairing goes through, and the log says so.
    accept_audit_lines(&server);
    let paired = post("/staff/people/pair", pair()).await.unwrap();
    assert_eq!(paired.status(), StatusCode::SEE_OTHER);
    assert!(server.store.is_paired(&alex, &sam).unwrap());
    let newest = &server.store.audit_log(1).unwrap()[0];
    assert_eq!(
        (newest.staff.as_str(), newest.action.as_str()),
        ("Dana", "paired")
    );

    // Signing out is the one thing that works without its line: the next person at a shared
    // computer must not find the console open.
    refuse_audit_lines(&server);
    let lines = server.store.audit_log(500).unwrap().len();
    let out = post("/staff/sign-out", vec![("csrf", dana.csrf.clone())])
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        console.get("/staff/people", &dana.cookie).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(server.store.audit_log(500).unwrap().len(), lines);
}
