//! The staff console over real HTTP: sign-in and its cookies, CSRF on every form, refusals when
//! signed out, a lock after repeated wrong passwords (unknown names alike), escaping of whatever was typed, an
//! oversized form refused, and an audit log that cannot be edited.

use reqwest::StatusCode;

use crate::common::console::{Console, PASSWORD, cookie_value, form};
use crate::common::sync_server::SyncServer;

#[tokio::test(flavor = "multi_thread")]
async fn staff_sign_in_see_totals_and_sign_out_and_every_form_needs_its_token() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    // Alex and Sam enrolled and syncing; one more invite not yet used.
    let pair = crate::common::sync_server::Pair::enrol(&server, &server.base).await;
    pair.sync_both().await;
    server.invite(steady::sync::protocol::Role::Mentee, "Jo");
    let console = Console::new(&server);

    // Signed out: nothing but the sign-in page.
    let (status, _) = console.get("/staff", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = console.get("/staff/audit", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("Sign in to continue"));
    assert_eq!(console.sign_out("", "x").await, StatusCode::UNAUTHORIZED);
    let forged = console.get("/staff/audit", "steady_staff=made-up").await;
    assert_eq!(forged.0, StatusCode::UNAUTHORIZED);

    // A sign-in form without its token is refused.
    let response = console
        .http
        .post(format!("{}/staff/sign-in", console.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("csrf", "guess"),
            ("name", "Dana"),
            ("password", PASSWORD),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(cookie_value(&response, "steady_staff").is_none());

    let dana = console.sign_in("Dana").await;
    let (_, home) = console.get("/staff", &dana.cookie).await;
    assert!(home.contains("Bright Paths"));
    assert!(home.contains("Invites waiting to be used"));
    assert!(
        home.contains("<dd>1</dd>"),
        "one mentee enrolled, one invite waiting"
    );

    // Sign-out with the wrong token is refused and the session stays.
    assert_eq!(
        console.sign_out(&dana.cookie, "wrong").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(console.get("/staff", &dana.cookie).await.0, StatusCode::OK);
    assert_eq!(
        console.sign_out(&dana.cookie, &dana.csrf).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        console.get("/staff/audit", &dana.cookie).await.0,
        StatusCode::UNAUTHORIZED
    );

    let other = console.sign_in("Dana").await;
    let (_, audit) = console.get("/staff/audit", &other.cookie).await;
    for action in ["added a staff account", "signed in", "signed out"] {
        assert!(audit.contains(action), "{action}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_passwords_lock_the_name_and_say_so_plainly_for_unknown_names_too() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = Console::new(&server);
    // A right password after a few wrong ones works, and starts the count again.
    for _ in 0..3 {
        let response = console.try_sign_in("Dana", "not it").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    console.sign_in("Dana").await;
    for _ in 0..5 {
        let response = console.try_sign_in("Dana", "not it").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let page = response.text().await.unwrap();
        assert!(page.contains("password don"), "{page}");
        assert!(
            page.contains("value=\"Dana\""),
            "the name stays in the field"
        );
    }
    // Locked now: even the right password waits, and the page says so in plain words.
    let response = console.try_sign_in("Dana", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let locked = response.text().await.unwrap();
    assert!(locked.contains("Too many wrong tries"), "{locked}");
    // A name that does not exist gets exactly the same answers, so guessing names learns nothing.
    for _ in 0..5 {
        let response = console.try_sign_in("Nobody", "not it").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = console.try_sign_in("Nobody", "not it").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Too many wrong tries")
    );
    // When the lock has passed, the right password opens again (the clock moved by the store).
    let later = steady_server::now() + 61;
    assert_eq!(
        server
            .store
            .throttle_try(
                &[
                    ("pair:dana|127.0.0.1".to_owned(), 5),
                    ("name:dana".to_owned(), 30),
                ],
                later
            )
            .unwrap(),
        None
    );
}

/// Anyone can guess at a name until it locks; the account's own browser, which signed in with the
/// right password before, is never locked out by that. A made-up mark, or one from before the
/// password changed, gets no such pass, and the own browser's wrong tries still lock it.
#[tokio::test(flavor = "multi_thread")]
async fn guesses_from_anywhere_never_lock_out_the_accounts_own_browser() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = Console::new(&server);
    let mark_from = |response: &reqwest::Response| {
        let set = cookie_value(response, "steady_known").expect("the browser is remembered");
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/staff"] {
            assert!(set.contains(attribute), "{set}");
        }
        set.split(';').next().unwrap().to_owned()
    };
    let first = console.try_sign_in("Dana", PASSWORD).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let mark = mark_from(&first);

    // Someone else guesses at "Dana" until everything from here is locked.
    for _ in 0..40 {
        console.try_sign_in("Dana", "a guess").await;
    }
    let response = console.try_sign_in("Dana", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let made_up = console
        .try_sign_in_holding("Dana", PASSWORD, Some("steady_known=made.up"))
        .await;
    assert_eq!(made_up.status(), StatusCode::TOO_MANY_REQUESTS);

    // Dana's own browser still signs in, and is remembered afresh.
    let own = console
        .try_sign_in_holding("Dana", PASSWORD, Some(&mark))
        .await;
    assert_eq!(own.status(), StatusCode::SEE_OTHER);
    let mark = mark_from(&own);
    // Its mark is for Dana alone.
    steady_server::add_staff(&server.store, &server.dir, "Lee", PASSWORD).unwrap();
    for _ in 0..40 {
        console.try_sign_in("Lee", "a guess").await;
    }
    let borrowed = console
        .try_sign_in_holding("Lee", PASSWORD, Some(&mark))
        .await;
    assert_eq!(borrowed.status(), StatusCode::TOO_MANY_REQUESTS);

    // Wrong passwords from the own browser count for it: five, then it waits too.
    for _ in 0..5 {
        let response = console
            .try_sign_in_holding("Dana", "not it", Some(&mark))
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = console
        .try_sign_in_holding("Dana", PASSWORD, Some(&mark))
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread")]
async fn what_anyone_typed_is_shown_as_text_and_huge_forms_are_refused() {
    let server = SyncServer::start().await;
    let evil = "<script>alert(1)</script>";
    steady_server::add_staff(&server.store, &server.dir, evil, PASSWORD).unwrap();
    let console = Console::new(&server);
    let signed_in = console.sign_in(evil).await;
    let (_, audit) = console.get("/staff/audit", &signed_in.cookie).await;
    assert!(!audit.contains(evil));
    assert!(audit.contains("&#60;script&#62;alert(1)"), "{audit}");

    let (csrf, cookie) = console.sign_in_form().await;
    let big = "x".repeat(100 * 1024);
    let response = console
        .http
        .post(format!("{}/staff/sign-in", console.base))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("csrf", csrf.as_str()),
            ("name", "Dana"),
            ("password", big.as_str()),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_log_cannot_be_edited() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let refused = server
        .execute_sql("UPDATE audit_log SET staff = 'someone else'")
        .expect_err("no line is changed");
    assert!(refused.contains("audit log cannot be edited"), "{refused}");
    assert!(server.execute_sql("DELETE FROM audit_log").is_err());
    assert_eq!(server.store.audit_log(10).unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_console_route_refuses_the_signed_out_and_every_form_a_wrong_token() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = Console::new(&server);
    let post = |path: &'static str, cookie: String, body: String| {
        let request = console
            .http
            .post(format!("{}{path}", console.base))
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        async move { request.send().await.unwrap().status() }
    };
    let contact = |csrf: &str, name: &str| {
        form(&[
            ("csrf", csrf),
            ("name", name),
            ("offers", "Someone to talk to."),
            ("phone", "+15555550100"),
            ("open_kind", "always"),
            ("languages", "English"),
            ("last_checked", "2026-11-01"),
        ])
    };
    for path in ["/staff/audit", "/staff/directory", "/staff/people"] {
        assert_eq!(
            console.get(path, "").await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    for path in [
        "/staff/sign-out",
        "/staff/directory/save",
        "/staff/directory/change",
        "/staff/directory/publish",
        "/staff/directory/add-line",
        "/staff/people/invite",
        "/staff/people/pair",
        "/staff/people/unpair",
        "/staff/people/revoke",
        "/staff/people/deactivate",
        "/staff/people/new-code",
        "/staff/people/cancel-invite",
    ] {
        assert_eq!(
            post(path, String::new(), contact("x", "A")).await,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }

    let dana = console.sign_in("Dana").await;
    for path in [
        "/staff/directory/save",
        "/staff/directory/publish",
        "/staff/people/invite",
        "/staff/people/deactivate",
        "/staff/people/new-code",
        "/staff/people/cancel-invite",
    ] {
        assert_eq!(
            post(path, dana.cookie.clone(), contact("wrong", "A")).await,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert!(
        server.store.directory_draft().unwrap().is_empty(),
        "nothing saved"
    );
    assert!(
        server.store.latest_directory().unwrap().is_none(),
        "nothing published"
    );

    // With the right token: a contact whose name is markup is saved, and shown as text.
    let evil = "<img src=x onerror=alert(1)>";
    let status = post(
        "/staff/directory/save",
        dana.cookie.clone(),
        contact(&dana.csrf, evil),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = console.get("/staff/directory", &dana.cookie).await;
    assert!(!page.contains(evil));
    assert!(page.contains("&#60;img src=x onerror=alert(1)&#62;"));
    let shown = console.shown_for_publish(&dana.cookie).await;
    let status = post(
        "/staff/directory/publish",
        dana.cookie.clone(),
        form(&[("csrf", &dana.csrf), ("shown", &shown)]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(server.store.latest_directory().unwrap().unwrap().0, 1);
    let (_, audit) = console.get("/staff/audit", &dana.cookie).await;
    assert!(audit.contains("published the crisis contacts"));
}

#[tokio::test(flavor = "multi_thread")]
async fn deactivating_asks_once_then_deletes_the_person_from_the_server() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let pair = crate::common::sync_server::Pair::enrol(&server, &server.base).await;
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let deactivate = |confirm: &'static str| {
        let body = form(&[
            ("csrf", &dana.csrf),
            ("id", &pair.mentee_id),
            ("confirm", confirm),
        ]);
        let request = console
            .http
            .post(format!("{}/staff/people/deactivate", console.base))
            .header("cookie", dana.cookie.clone())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        async move { request.send().await.unwrap() }
    };
    let first = deactivate("").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(
        first
            .text()
            .await
            .unwrap()
            .contains("Their phone keeps its own data")
    );
    assert!(
        server.store.person(&pair.mentee_id).is_ok(),
        "nothing deleted before the yes"
    );
    assert_eq!(deactivate("yes").await.status(), StatusCode::SEE_OTHER);
    assert!(server.store.person(&pair.mentee_id).is_err());
    assert!(
        pair.mentee.sync_now().await.is_err(),
        "the phone's token no longer works"
    );
    assert!(
        pair.mentee.enrolment().unwrap().is_some(),
        "the phone keeps its own data"
    );
    let (_, audit) = console.get("/staff/audit", &dana.cookie).await;
    assert!(audit.contains("deactivated a person"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_nobody_checked_for_half_a_year_is_flagged() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let body = form(&[
        ("csrf", &dana.csrf),
        ("name", "Old Line"),
        ("offers", "Someone to talk to."),
        ("phone", "988"),
        ("open_kind", "always"),
        ("languages", "English"),
        ("last_checked", "2025-01-01"),
    ]);
    let status = console
        .http
        .post(format!("{}/staff/directory/save", console.base))
        .header("cookie", dana.cookie.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = console.get("/staff/directory", &dana.cookie).await;
    assert!(page.contains("Not checked for over 180 days"));
}

#[tokio::test(flavor = "multi_thread")]
async fn contacts_can_be_edited_moved_and_removed_and_people_unpaired() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let pair = crate::common::sync_server::Pair::enrol(&server, &server.base).await;
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let mut all = vec![("csrf", dana.csrf.clone())];
        all.extend(fields);
        let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let request = console
            .http
            .post(format!("{}{path}", console.base))
            .header("cookie", dana.cookie.clone())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&pairs));
        async move { request.send().await.unwrap().status() }
    };
    let contact = |name: &str| {
        vec![
            ("name", name.to_owned()),
            ("offers", "Someone to talk to.".to_owned()),
            ("phone", "988".to_owned()),
            ("open_kind", "always".to_owned()),
            ("languages", "English".to_owned()),
            ("last_checked", "2026-11-01".to_owned()),
        ]
    };
    assert_eq!(
        post("/staff/directory/save", contact("First")).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        post("/staff/directory/save", contact("Second")).await,
        StatusCode::SEE_OTHER
    );
    let mut edit = contact("First, renamed");
    edit.push(("index", "0".into()));
    assert_eq!(
        post("/staff/directory/save", edit).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(draft_names(&server), ["First, renamed", "Second"]);
    let change = |index: &str, action: &str| {
        vec![("index", index.to_owned()), ("action", action.to_owned())]
    };
    assert_eq!(
        post("/staff/directory/change", change("1", "up")).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(draft_names(&server), ["Second", "First, renamed"]);
    assert_eq!(
        post("/staff/directory/change", change("0", "remove")).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(draft_names(&server), ["First, renamed"]);
    assert_eq!(
        post("/staff/directory/change", change("7", "remove")).await,
        StatusCode::NOT_FOUND
    );

    let unpair = vec![
        ("mentee", pair.mentee_id.clone()),
        ("mentor", pair.mentor_id.clone()),
    ];
    assert_eq!(
        post("/staff/people/unpair", unpair.clone()).await,
        StatusCode::SEE_OTHER
    );
    assert!(
        !server
            .store
            .is_paired(&pair.mentee_id, &pair.mentor_id)
            .unwrap()
    );
    assert_eq!(
        post("/staff/people/unpair", unpair).await,
        StatusCode::BAD_REQUEST,
        "already unpaired"
    );
    let (_, audit) = console.get("/staff/audit", &dana.cookie).await;
    for action in [
        "edited a crisis contact",
        "moved a crisis contact up",
        "removed a crisis contact",
        "ended a match",
    ] {
        assert!(audit.contains(action), "{action}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sessions_expire_and_the_program_key_is_private() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let id = server.staff("Dana").unwrap().id;
    let key = server.program_key();
    for (token_hash, expires_at) in [("old-session", 1_000), ("new-session", 3_000)] {
        let row = steady_server::staff_seal::SessionRow {
            token_hash: token_hash.into(),
            staff_id: id.clone(),
            csrf: "csrf".into(),
            expires_at,
        };
        let seal = steady_server::staff_seal::seal(&key, &row);
        server.store.start_session(&row, &seal).unwrap();
    }
    assert!(
        server
            .store
            .staff_session("old-session", 2_000)
            .unwrap()
            .is_none()
    );
    assert!(
        server
            .store
            .staff_session("new-session", 2_000)
            .unwrap()
            .is_some()
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(server.dir.join(steady_server::PROGRAM_KEY_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// The console speaks the browser's language, and staff give a contact's words in Spanish: the
/// signed directory carries them, and a phone in Spanish shows them (English where none).
#[tokio::test(flavor = "multi_thread")]
async fn the_console_follows_the_browsers_language_and_contacts_carry_spanish_words() {
    use steady::i18n::Lang;
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = Console::new(&server);
    let page_in = |accept: &'static str| {
        let console = &console;
        async move {
            console
                .http
                .get(format!("{}/staff/sign-in", console.base))
                .header("accept-language", accept)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let spanish = page_in("es-MX,es;q=0.9,en;q=0.5").await;
    assert!(spanish.contains("<html lang=\"es\">"), "{spanish}");
    assert!(spanish.contains("Iniciar sesión") && spanish.contains("Contraseña"));
    // A language the console doesn't speak falls back to English, plainly.
    let other = page_in("fr-FR,de;q=0.8").await;
    assert!(other.contains("<html lang=\"en\">") && other.contains("Password"));

    let dana = console.sign_in("Dana").await;
    let send = |path: &'static str, body: String| {
        let console = &console;
        let cookie = dana.cookie.clone();
        async move {
            console
                .http
                .post(format!("{}{path}", console.base))
                .header("cookie", cookie)
                .header("accept-language", "es")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    // A refusal is in Spanish too.
    let expired = send("/staff/directory/publish", form(&[("csrf", "wrong")])).await;
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);
    assert!(
        expired
            .text()
            .await
            .unwrap()
            .contains("Ese formulario caducó")
    );

    let saved = send(
        "/staff/directory/save",
        form(&[
            ("csrf", &dana.csrf),
            ("name", "Línea Riverside"),
            ("offers", "Talk to someone your age."),
            ("offers_es", "Habla con alguien de tu edad."),
            ("phone", "+15555550199"),
            ("open_kind", "always"),
            ("hours", "Closed on public holidays."),
            ("hours_es", "Cerrado los días festivos."),
            ("languages", "English, Spanish"),
            ("last_checked", "2026-11-01"),
        ]),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let shown = console.shown_for_publish(&dana.cookie).await;
    let published = send(
        "/staff/directory/publish",
        form(&[("csrf", &dana.csrf), ("shown", &shown)]),
    )
    .await;
    assert_eq!(published.status(), StatusCode::OK);
    assert!(
        published
            .text()
            .await
            .unwrap()
            .contains("Versión 1 publicada")
    );

    let (_, signed) = server.store.latest_directory().unwrap().unwrap();
    let signed: serde_json::Value = serde_json::from_str(&signed).unwrap();
    let directory =
        steady::domain::CrisisDirectory::from_json(signed["payload"].as_str().unwrap()).unwrap();
    let line = &directory.contacts[0];
    let es = line.in_lang(Lang::Es);
    assert_eq!(es.offers, "Habla con alguien de tu edad.");
    assert_eq!(es.hours, "Cerrado los días festivos.");
    assert_eq!(es.languages, "inglés, español");
    let en = line.in_lang(Lang::En);
    assert_eq!(en.offers, "Talk to someone your age.");
    assert_eq!(en.hours, "Closed on public holidays.");
}

/// A name with a zero or another control character is refused as a name, whatever the store
/// (PostgreSQL could not even keep it); a sign-in with one is just a wrong try.
#[tokio::test(flavor = "multi_thread")]
async fn names_with_control_characters_are_refused_plainly_and_change_nothing() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    assert!(steady_server::add_staff(&server.store, &server.dir, "Da\0na", PASSWORD).is_err());
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let before = server.store.people().unwrap().len();
    for name in ["Al\0ex", "Al\nex", "Alex\u{7}"] {
        let response = console
            .http
            .post(format!("{}/staff/people/invite", console.base))
            .header("cookie", &dana.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("csrf", dana.csrf.as_str()),
                ("name", name),
                ("role", "mentee"),
            ]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{name:?}");
    }
    assert_eq!(server.store.people().unwrap().len(), before, "nobody added");
    let response = console.try_sign_in("Da\0na", PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "a wrong try, not a failure"
    );
}

/// A national line a youth program may want goes into the list being prepared with one tap:
/// only with the form's token, noted in the audit log, never twice, and on phones only once
/// staff publish.
#[tokio::test(flavor = "multi_thread")]
async fn a_national_line_is_added_with_one_tap_and_reaches_phones_only_when_published() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let request = console
            .http
            .post(format!("{}{path}", console.base))
            .header("cookie", dana.cookie.clone())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&pairs));
        async move { request.send().await.unwrap().status() }
    };
    let add = |csrf: &str, line: &str| {
        post(
            "/staff/directory/add-line",
            vec![("csrf", csrf.to_owned()), ("line", line.to_owned())],
        )
    };
    let published_names = || -> Vec<String> {
        let (_, signed) = server.store.latest_directory().unwrap().unwrap();
        let signed: serde_json::Value = serde_json::from_str(&signed).unwrap();
        steady::domain::CrisisDirectory::from_json(signed["payload"].as_str().unwrap())
            .unwrap()
            .contacts
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    const CHILDHELP: &str = "Childhelp National Child Abuse Hotline";

    // Phones have the program's own line, published.
    let own = vec![
        ("csrf", dana.csrf.clone()),
        ("name", "Riverside Youth Line".to_owned()),
        ("offers", "Talk to someone your age.".to_owned()),
        ("phone", "+19515550123".to_owned()),
        ("open_kind", "always".to_owned()),
        ("languages", "English".to_owned()),
        ("last_checked", "2026-11-01".to_owned()),
    ];
    assert_eq!(
        post("/staff/directory/save", own).await,
        StatusCode::SEE_OTHER
    );
    let shown = console.shown_for_publish(&dana.cookie).await;
    let publish = vec![("csrf", dana.csrf.clone()), ("shown", shown)];
    assert_eq!(
        post("/staff/directory/publish", publish).await,
        StatusCode::OK
    );
    assert_eq!(published_names(), ["Riverside Youth Line"]);

    // The page offers each national line with one button, and says what Childhelp may do.
    let (_, page) = console.get("/staff/directory", &dana.cookie).await;
    for button in [
        "Add Childhelp National Child Abuse Hotline",
        "Add loveisrespect",
        "Add National Domestic Violence Hotline",
    ] {
        assert!(page.contains(button), "{button}");
    }
    assert!(page.contains("they may need to tell people whose job is keeping children safe"));
    assert!(!page.contains("Already in your list."));

    // Without the page's token, or signed out: refused, and nothing added.
    assert_eq!(add("wrong", CHILDHELP).await, StatusCode::FORBIDDEN);
    let signed_out = console
        .http
        .post(format!("{}/staff/directory/add-line", console.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("csrf", &dana.csrf), ("line", CHILDHELP)]))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(signed_out, StatusCode::UNAUTHORIZED);
    assert_eq!(draft_names(&server), ["Riverside Youth Line"]);
    // Only the lines offered can be added this way.
    assert_eq!(add(&dana.csrf, "Made-up Line").await, StatusCode::NOT_FOUND);

    // With it: one tap puts the line in the list being prepared, as offered.
    assert_eq!(add(&dana.csrf, CHILDHELP).await, StatusCode::SEE_OTHER);
    assert_eq!(draft_names(&server), ["Riverside Youth Line", CHILDHELP]);
    let draft = server.store.directory_draft().unwrap();
    let added: steady::domain::CrisisContact = serde_json::from_str(&draft[1]).unwrap();
    assert_eq!(added.phone.as_deref(), Some("+18004224453"));
    // A second tap does not add it twice, and the page says it is there.
    assert_eq!(add(&dana.csrf, CHILDHELP).await, StatusCode::SEE_OTHER);
    assert_eq!(draft_names(&server).len(), 2);
    let (_, page) = console.get("/staff/directory", &dana.cookie).await;
    assert!(page.contains("Already in your list."));
    assert!(!page.contains("Add Childhelp National Child Abuse Hotline"));

    // The audit log says who added which line, once.
    let (_, audit) = console.get("/staff/audit", &dana.cookie).await;
    assert_eq!(audit.matches("added a national line").count(), 1, "{audit}");
    let at = audit.find("added a national line").unwrap();
    let row = &audit[audit[..at].rfind("<li").unwrap()..];
    let row = &row[..row.find("</li>").unwrap()];
    assert!(row.contains("Dana") && row.contains(CHILDHELP), "{row}");

    // Not on phones yet: the published directory is as it was, until Publish.
    assert_eq!(published_names(), ["Riverside Youth Line"]);
    let shown = console.shown_for_publish(&dana.cookie).await;
    let publish = vec![("csrf", dana.csrf.clone()), ("shown", shown)];
    assert_eq!(
        post("/staff/directory/publish", publish).await,
        StatusCode::OK
    );
    assert_eq!(published_names(), ["Riverside Youth Line", CHILDHELP]);
}

/// The names in the list staff are preparing, in order.
fn draft_names(server: &SyncServer) -> Vec<String> {
    server
        .store
        .directory_draft()
        .unwrap()
        .iter()
        .map(|json| {
            serde_json::from_str::<serde_json::Value>(json).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}
