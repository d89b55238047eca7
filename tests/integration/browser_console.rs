//! The staff console in a real browser, by keyboard: sign in with Enter, see the totals, every
//! control named and at least 44 px, sign out.

use crate::common::browser::Browser;
use crate::common::sync_server::SyncServer;

#[tokio::test(flavor = "multi_thread")]
async fn staff_sign_in_by_keyboard_see_the_totals_and_sign_out() {
    let Some(browser) = Browser::start("console").await else {
        return;
    };
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", "a long staff password").unwrap();
    browser.goto(&format!("{}/staff", server.base)).await;
    browser.wait_for_text("h1", "Sign in").await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    browser.type_into("#name", "Dana").await;
    browser.type_into("#password", "not the password\n").await;
    browser.wait_for_text("#sign-in-problem", "match").await;
    browser.clear_field("#password").await;
    browser
        .type_into("#password", "a long staff password\n")
        .await;
    browser.wait_for_text("#totals", "Mentees enrolled").await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    browser.screenshot("console-home").await;
    browser.click("a[href='/staff/audit']").await;
    browser.wait_for_text("#audit", "signed in").await;
    browser.click("header form button[type='submit']").await;
    browser.wait_for_text("h1", "Sign in").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_publish_a_checked_contact_and_the_phone_shows_it_offline() {
    let Some(browser) = Browser::start("console_directory").await else {
        return;
    };
    let mut server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", "a long staff password").unwrap();
    let preview = crate::common::preview::PreviewServer::start().await;
    let (code, _) = server.invite(steady::sync::protocol::Role::Mentee, "Kai");
    let phone = preview.devices.get("kai").unwrap().unwrap();
    phone.enroll(&server.base, &code).await.unwrap();

    browser
        .goto(&format!("{}/staff/sign-in", server.base))
        .await;
    browser.type_into("#name", "Dana").await;
    browser
        .type_into("#password", "a long staff password\n")
        .await;
    browser.wait_for("#totals").await;
    browser.click("a[href='/staff/directory']").await;
    browser.wait_for_text("h1", "Crisis contacts").await;
    browser.type_into("#name", "Riverside Youth Line").await;
    browser
        .type_into("#offers", "Talk to someone your age.")
        .await;
    browser.type_into("#phone", "call us").await;
    browser
        .type_into("#hours", "Closed on public holidays.")
        .await;
    browser.type_into("#languages", "English, Spanish").await;
    browser.type_into("#last_checked", "2026-11-01").await;
    browser.click("#save-contact").await;
    browser
        .wait_for_text("#phone-problem", "international form")
        .await;
    // The message is tied to its field, and what was typed is still there.
    let described = browser
        .js(
            "return document.querySelector('#phone').getAttribute('aria-describedby')",
            vec![],
        )
        .await;
    assert_eq!(described, serde_json::json!("phone-problem"));
    browser
        .wait_until(
            "the typed name stays",
            "return document.querySelector('#name').value === 'Riverside Youth Line';",
            vec![],
        )
        .await;
    browser.clear_field("#phone").await;
    browser.type_into("#phone", "+19515550123").await;
    browser.click("#save-contact").await;
    // The preview is the phone's own card, with its call button.
    browser
        .wait_for("#phone-preview a[href='tel:+19515550123']")
        .await;
    // The preview is what phones show: the program's line and the four always there (988, the
    // Crisis Text Line, The Trevor Project, 911).
    assert_eq!(browser.count("#phone-preview li").await, 5);
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    browser.screenshot("console-directory").await;
    browser.click("#publish").await;
    browser
        .wait_for_text("#notice", "Published version 1")
        .await;

    phone.sync_now().await.unwrap();
    server.shutdown().await;
    browser.open(&preview.device_url("kai")).await;
    browser.click("#get-help").await;
    browser
        .wait_for_text("#crisis-card li:first-child", "Riverside Youth Line")
        .await;
    browser.finish().await;
}

/// Signs Dana in on the console at `base`.
async fn sign_in(browser: &Browser, base: &str) {
    browser.goto(&format!("{base}/staff/sign-in")).await;
    browser.type_into("#name", "Dana").await;
    browser
        .type_into("#password", "a long staff password\n")
        .await;
    browser.wait_for("#totals").await;
}

async fn invite_code(browser: &Browser, role: &str, name: &str) -> String {
    browser.click("a[href='/staff/people']").await;
    browser.wait_for("#invite-form").await;
    browser
        .click(&format!("#invite-form input[value='{role}']"))
        .await;
    browser.type_into("#invite-name", name).await;
    browser.click("#create-invite").await;
    browser.wait_for("#invite-code").await;
    browser.wait_for("#invite .qr svg").await;
    browser
        .js(
            "return document.querySelector('#invite-code').value",
            vec![],
        )
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_invite_pair_and_remove_a_device_whose_next_sync_is_refused() {
    let Some(browser) = Browser::start("console_people").await else {
        return;
    };
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", "a long staff password").unwrap();
    let preview = crate::common::preview::PreviewServer::start().await;
    sign_in(&browser, &server.base).await;

    let jo_code = invite_code(&browser, "mentee", "Jo").await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    let jo = preview.devices.get("jo").unwrap().unwrap();
    jo.enroll(&server.base, &jo_code).await.unwrap();
    let ria_code = invite_code(&browser, "mentor", "Ria").await;
    let ria = preview.devices.get("ria").unwrap().unwrap();
    ria.enroll(&server.base, &ria_code).await.unwrap();

    browser.click("a[href='/staff/people']").await;
    browser.wait_for("#pair-form").await;
    let (jo_id, ria_id) = (
        jo.enrolment().unwrap().unwrap().person_id,
        ria.enrolment().unwrap().unwrap().person_id,
    );
    browser
        .js(
            "document.querySelector('#pair-mentee').value = arguments[0];
             document.querySelector('#pair-mentor').value = arguments[1];",
            vec![serde_json::json!(jo_id), serde_json::json!(ria_id)],
        )
        .await;
    browser.click("#pair").await;
    browser
        .wait_for_text("section[data-person='Jo'] .partners", "Ria")
        .await;
    jo.sync_now().await.unwrap();
    assert_eq!(
        jo.mentor_devices().unwrap().len(),
        1,
        "Jo's phone now knows Ria's device"
    );

    // Staff see that Jo's phone synced today, to the day and no closer.
    browser.click("a[href='/staff/people']").await;
    let today = chrono::Utc::now().format("%-d %B %Y").to_string();
    browser
        .wait_for_text(
            "section[data-person='Jo'] .devices",
            &format!("Last synced {today}."),
        )
        .await;
    browser
        .click("section[data-person='Jo'] button.revoke")
        .await;
    browser
        .wait_for_text("section[data-person='Jo'] .devices", "Removed.")
        .await;
    let err = jo.sync_now().await.unwrap_err();
    assert!(err.to_string().contains("removed this device"), "{err}");
    browser.click("a[href='/staff/audit']").await;
    for action in [
        "invited a mentee",
        "invited a mentor",
        "paired",
        "removed a device",
    ] {
        browser.wait_for_text("#audit", action).await;
    }
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_invite_code_can_be_copied_replaced_or_cancelled() {
    let Some(browser) = Browser::start("console_invites").await else {
        return;
    };
    let server = SyncServer::start().await;
    steady_server::add_staff(&server.store, &server.dir, "Dana", "a long staff password").unwrap();
    let preview = crate::common::preview::PreviewServer::start().await;
    sign_in(&browser, &server.base).await;

    let lost = invite_code(&browser, "mentee", "Lee").await;
    // The copy button is there (the console's one script ran under its policy) and copies.
    browser
        .click("#invite button[data-copy='invite-code']")
        .await;
    let selected = browser
        .js(
            "const f = document.querySelector('#invite-code');
             return f.value.substring(f.selectionStart, f.selectionEnd);",
            vec![],
        )
        .await;
    assert_eq!(selected, serde_json::json!(lost));

    // Lee lost the code: a new one replaces it, and the old one stops working.
    browser.click("a[href='/staff/people']").await;
    browser
        .wait_for_text("section[data-person='Lee'] .invites", "Invite waiting")
        .await;
    browser
        .click("section[data-person='Lee'] button.new-code")
        .await;
    browser.wait_for_text("#invite-title", "Lee").await;
    let fresh = browser
        .js(
            "return document.querySelector('#invite-code').value",
            vec![],
        )
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(fresh, lost);
    let lee = preview.devices.get("lee").unwrap().unwrap();
    let refused = lee.enroll(&server.base, &lost).await.unwrap_err();
    assert!(refused.to_string().contains("invite"), "{refused}");

    // Then it is cancelled before Lee uses it: nothing is left that could enrol.
    browser
        .click("section[data-person='Lee'] button.cancel-invite")
        .await;
    browser
        .wait_for_text("section[data-person='Lee']", "no invite waiting")
        .await;
    assert!(lee.enroll(&server.base, &fresh).await.is_err());
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    browser.click("a[href='/staff/audit']").await;
    for action in ["made a new invite code", "cancelled an invite"] {
        browser.wait_for_text("#audit", action).await;
    }
    browser.finish().await;
}
