//! Attacks on the staff console by someone who can write to the server's database but does not
//! hold `program.key`: a session they make up, a session moved to a lead, a password hash they
//! know, the safeguarding role given by a flag or by a lead's seal copied over. Each is refused by
//! the real server on 127.0.0.1 (SQLite, or PostgreSQL under `STEADY_TEST_STORE=postgres`), and
//! putting the row back as it was gives the staff member their access back: nothing is lost.
//! Then the operator's side: a rotation keeps every account, and `staff seal` vouches for an
//! account from before seals.

use std::sync::Arc;

use reqwest::StatusCode;

use crate::common::console::{Console, PASSWORD, form};
use crate::common::sync_server::{SyncServer, steady_server};

/// What a request with `cookie` gets from a page only signed-in staff see.
async fn status(console: &Console, path: &str, cookie: &str) -> StatusCode {
    console.get(path, cookie).await.0
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_writer_cannot_mint_a_session_swap_a_password_or_give_the_role() {
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    steady_server::add_staff(&server.store, &server.dir, "Lee", PASSWORD).unwrap();
    steady_server::set_safeguarding(&server.store, &server.dir, "Lee", true).unwrap();
    let console = Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let dana_id = server.staff("Dana").unwrap().id;
    let lee_id = server.staff("Lee").unwrap().id;
    assert_eq!(
        status(&console, "/staff/safeguarding", &dana.cookie).await,
        StatusCode::FORBIDDEN,
        "Dana has no safeguarding role"
    );

    // A session row they write for a cookie they know: with no seal, or with Dana's real
    // session's seal copied over. Neither signs anyone in.
    let token = "a-cookie-the-writer-chose";
    let hash = steady::crypto::sha256_hex(token.as_bytes());
    for seal in ["NULL", "(SELECT seal FROM staff_sessions LIMIT 1)"] {
        server
            .execute_sql(&format!(
                "INSERT INTO staff_sessions (token_hash, staff_id, csrf, expires_at, seal)
                 VALUES ('{hash}', '{lee_id}', 'csrf', 99999999999, {seal});"
            ))
            .unwrap();
        let minted = format!("steady_staff={token}");
        assert_eq!(
            status(&console, "/staff/people", &minted).await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            status(&console, "/staff/safeguarding", &minted).await,
            StatusCode::UNAUTHORIZED
        );
        server
            .execute_sql(&format!(
                "DELETE FROM staff_sessions WHERE token_hash = '{hash}';"
            ))
            .unwrap();
    }

    // Dana's own session moved to Lee, the lead: refused, and moved back it works again.
    let dana_hash =
        steady::crypto::sha256_hex(dana.cookie.trim_start_matches("steady_staff=").as_bytes());
    server
        .execute_sql(&format!(
            "UPDATE staff_sessions SET staff_id = '{lee_id}' WHERE token_hash = '{dana_hash}';"
        ))
        .unwrap();
    assert_eq!(
        status(&console, "/staff/safeguarding", &dana.cookie).await,
        StatusCode::UNAUTHORIZED
    );
    server
        .execute_sql(&format!(
            "UPDATE staff_sessions SET staff_id = '{dana_id}' WHERE token_hash = '{dana_hash}';"
        ))
        .unwrap();
    assert_eq!(
        status(&console, "/staff/people", &dana.cookie).await,
        StatusCode::OK
    );

    // The role by a flag, or by a flag and Lee's seal: Dana's account no longer holds at all, so
    // neither her session nor a new sign-in opens the inbox or sets up a key of her own.
    for seal in ["seal", "(SELECT seal FROM staff WHERE name = 'Lee')"] {
        server
            .execute_sql(&format!(
                "UPDATE staff SET safeguarding = TRUE, seal = {seal} WHERE name = 'Dana';"
            ))
            .unwrap();
        for path in ["/staff/people", "/staff/safeguarding"] {
            assert_eq!(
                status(&console, path, &dana.cookie).await,
                StatusCode::UNAUTHORIZED,
                "{path}"
            );
        }
        let setup = console
            .http
            .post(format!("{}/staff/safeguarding/lead-key", server.base))
            .header("cookie", &dana.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[("csrf", &dana.csrf), ("public_key", "AAAA")]))
            .send()
            .await
            .unwrap();
        assert_eq!(setup.status(), StatusCode::UNAUTHORIZED);
        assert!(server.staff("Dana").is_none());
        assert!(
            server
                .store
                .safeguarding_staff()
                .unwrap()
                .iter()
                .all(|(_, key)| key.is_none()),
            "no lead key was set up"
        );
        assert_eq!(
            console.try_sign_in("Dana", PASSWORD).await.status(),
            StatusCode::UNAUTHORIZED,
            "a row the program key did not seal cannot sign in"
        );
        // Lee, whose row nobody touched, sees no Dana among the leads.
        let lee = console.sign_in("Lee").await;
        let (_, page) = console.get("/staff/safeguarding", &lee.cookie).await;
        assert!(!page.contains("data-lead-name=\"Dana\""), "{page}");
        // The flag put back: after the first try Dana's own seal holds again, and her session
        // with it.
        server
            .execute_sql("UPDATE staff SET safeguarding = FALSE WHERE name = 'Dana';")
            .unwrap();
        if seal == "seal" {
            assert_eq!(
                status(&console, "/staff/people", &dana.cookie).await,
                StatusCode::OK
            );
        }
    }
    // After the second, her row holds Lee's seal: the operator looks at it and vouches for it.
    assert!(server.staff("Dana").is_none());
    let config = cli_config(&server);
    let (ok, text) = steady_server(&config, &["staff", "seal", "Dana"]);
    assert!(ok, "{text}");
    assert!(text.contains("Dana"), "{text}");
    assert!(!text.contains("safeguarding role"), "{text}");
    assert_eq!(
        status(&console, "/staff/people", &dana.cookie).await,
        StatusCode::OK
    );

    // A password hash the writer knows: their password does not sign in, and neither does
    // Dana's until the row is as the program sealed it.
    let own_hash = server.staff("Dana").unwrap().password_hash;
    let known = steady::crypto::hash_password("the writer's own password").unwrap();
    server
        .execute_sql(&format!(
            "UPDATE staff SET password_hash = '{known}' WHERE name = 'Dana';"
        ))
        .unwrap();
    assert_eq!(
        console
            .try_sign_in("Dana", "the writer's own password")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        status(&console, "/staff/people", &dana.cookie).await,
        StatusCode::UNAUTHORIZED
    );
    server
        .execute_sql(&format!(
            "UPDATE staff SET password_hash = '{own_hash}' WHERE name = 'Dana';"
        ))
        .unwrap();
    console.sign_in("Dana").await;
    assert_eq!(
        server.staff("Dana").map(|a| a.safeguarding),
        Some(false),
        "Dana is as she was: signed in, no role"
    );
}

/// A config file for `steady-server` on the command line, over `server`'s data.
fn cli_config(server: &SyncServer) -> std::path::PathBuf {
    let config = server.dir.with_file_name("server.toml");
    let mut toml = format!(
        "data_dir = \"{}\"\nprogram_name = \"Bright Paths\"\n",
        server.dir.display()
    );
    if let Some(url) = &server.database {
        toml.push_str(&format!("database_url = \"{url}\"\n"));
    }
    std::fs::write(&config, toml).unwrap();
    config
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rotation_keeps_every_account_and_staff_seal_vouches_for_one_from_before() {
    let root = Arc::new(tempfile::tempdir().unwrap());
    let server = SyncServer::start_in(root.clone(), None).await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", PASSWORD).unwrap();
    steady_server::add_staff(&server.store, &server.dir, "Kim", PASSWORD).unwrap();
    steady_server::set_safeguarding(&server.store, &server.dir, "Dana", true).unwrap();
    let console = Console::new(&server);
    let before = console.sign_in("Dana").await;

    // Kim's account as a server from before seals left it.
    server
        .execute_sql("UPDATE staff SET seal = NULL WHERE name = 'Kim';")
        .unwrap();
    assert_eq!(
        steady_server::unsealed_accounts(server.store.as_ref(), &server.dir).unwrap(),
        vec!["Kim".to_owned()]
    );
    let refused = steady_server::set_safeguarding(&server.store, &server.dir, "Kim", true)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("staff seal"), "{refused}");

    // Dana's own lead key, as the program key vouched for it when she chose her passphrase.
    let dana_id = server
        .staff("Dana")
        .map(|account| account.id)
        .expect("Dana's account");
    let first = server.program_key();
    let dana_public = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE".to_owned();
    server
        .store
        .set_lead_key(
            &dana_id,
            &steady_server::storage::care::LeadKey {
                public_key: dana_public.clone(),
                wrapped: "{}".into(),
                signed_by: first.public(),
                signature: first.vouch_for_lead(&dana_id, &dana_public),
                created_at: 0,
            },
            &crate::common::TEST_AUDIT,
        )
        .unwrap();
    let dana_key = || {
        server
            .store
            .safeguarding_staff()
            .unwrap()
            .into_iter()
            .find(|(account, _)| account.unchecked().id == dana_id)
            .and_then(|(_, key)| key)
            .expect("Dana's lead key")
    };

    // The program key rotates: everyone signs in again, Dana keeps her role, Kim stays out.
    let state = steady_server::ServerState::new(
        server.store.clone(),
        &steady_server::Config {
            data_dir: server.dir.clone(),
            ..steady_server::Config::default()
        },
    );
    state.rotate_program_key().unwrap();
    // Dana's key is vouched for by the new key, in the rotation's transaction: the retired key's
    // vouch no longer counts for anyone.
    let carried = dana_key();
    assert_eq!(carried.signed_by, server.program_key().public());
    assert!(steady::crypto::lead_key_vouched(
        &carried.signed_by,
        &dana_id,
        &dana_public,
        &carried.signature
    ));
    assert_eq!(
        status(&console, "/staff/people", &before.cookie).await,
        StatusCode::UNAUTHORIZED,
        "a session from before the rotation"
    );
    let after = console.sign_in("Dana").await;
    assert_eq!(
        status(&console, "/staff/safeguarding", &after.cookie).await,
        StatusCode::OK
    );
    assert_eq!(
        console.try_sign_in("Kim", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The operator vouches for Kim's account as it is: Kim signs in, with no role.
    let config = cli_config(&server);
    let (ok, text) = steady_server(&config, &["staff", "seal", "Nobody"]);
    assert!(!ok && text.contains("no staff account named"), "{text}");
    let (ok, text) = steady_server(&config, &["staff", "seal", "Kim"]);
    assert!(ok, "{text}");
    let kim = console.sign_in("Kim").await;
    assert_eq!(
        status(&console, "/staff/safeguarding", &kim.cookie).await,
        StatusCode::FORBIDDEN
    );
    assert!(
        steady_server::unsealed_accounts(server.store.as_ref(), &server.dir)
            .unwrap()
            .is_empty()
    );
    let (_, audit) = console.get("/staff/audit", &after.cookie).await;
    assert!(audit.contains("sealed a staff account"), "{audit}");
}
