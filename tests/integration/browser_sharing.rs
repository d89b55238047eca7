//! The mission loop in real browsers: Alex shares a check-in in the mentee preview, Sam's mentor
//! preview shows it after a sync, Alex stops sharing, and it disappears for Sam.

use steady::sync::protocol::Role;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;
use crate::common::sync_server::SyncServer;

#[tokio::test(flavor = "multi_thread")]
async fn a_shared_check_in_reaches_the_mentor_and_unsharing_takes_it_back() {
    let Some(browser) = Browser::start("sharing_loop").await else {
        return;
    };
    let sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (alex_code, alex) = sync.invite(Role::Mentee, "Alex");
    let (sam_code, sam) = sync.invite(Role::Mentor, "Sam");
    sync.pair(&alex, &sam);
    for (name, code) in [("sam", &sam_code), ("alex", &alex_code)] {
        let device = preview.devices.get(name).unwrap().unwrap();
        device.enroll(&sync.base, code).await.unwrap();
    }

    let sam_code_on_alex = preview
        .devices
        .get("sam")
        .unwrap()
        .unwrap()
        .device_fingerprint()
        .unwrap();
    browser.open(&preview.device_url("alex")).await;
    browser.click("button[data-mood='4']").await;
    browser.wait_for("#details").await;
    browser.type_into("#note", "Got picked for the team").await;
    browser.click("#save-details").await;
    browser.wait_gone("#details").await;
    browser.tab("History").await;
    browser
        .wait_for_text("button.share-toggle", "Private")
        .await;
    browser.click("button.share-toggle").await;
    browser.click("input[type='radio'][value='shared']").await;
    browser
        .wait_for_text(".share-preview", "Got picked for the team")
        .await;
    browser
        .click("input[type='radio'][value='without_note']")
        .await;
    browser
        .wait_until(
            "the preview drops the note",
            "const p = document.querySelector('.share-preview');
             return !!p && !p.textContent.includes('Got picked');",
            vec![],
        )
        .await;
    browser.click("input[type='radio'][value='shared']").await;
    browser.screenshot("share-preview").await;
    browser.click("#save-share").await;
    // Before a first share: what a mentor keeps, and what they must pass on.
    browser
        .wait_for_text("#before-sharing", "What your mentor has to pass on")
        .await;
    browser.click("#understood-share").await;
    browser.wait_for_text("button.share-toggle", "Shared").await;
    browser.tab("Sharing").await;
    browser.wait_for_text("#shared-now", "Check-in").await;
    browser
        .wait_for_text("li[data-device]", &sam_code_on_alex)
        .await;
    // Even Sam's first device waits for Alex to compare its code; until then nothing is sealed.
    browser
        .wait_for_text("li[data-device]", "Ask them to read you their code")
        .await;
    browser
        .wait_for_text("#sync-status", "1 change waiting")
        .await;
    browser.click("button.approve-device").await;
    browser
        .wait_for_text("li[data-device]", "Can read what you share")
        .await;
    browser
        .wait_for_text("#sync-status", "Nothing waiting")
        .await;
    browser.screenshot("sharing").await;

    browser.open(&preview.device_url("sam")).await;
    // Mentor mode opens only behind a passcode: Sam sets one first.
    browser
        .wait_for_text("#mentor-passcode-title", "Set a passcode first")
        .await;
    browser.click("#set-passcode").await;
    browser
        .type_into("#passcode-new", "sam keeps it safe")
        .await;
    browser
        .type_into("#passcode-again", "sam keeps it safe")
        .await;
    browser.click("#passcode-save").await;
    browser.wait_for("button[data-mentee='Alex']").await;
    // Sam can read out the same code Alex's phone shows for Sam's device.
    let sam_code = preview
        .devices
        .get("sam")
        .unwrap()
        .unwrap()
        .device_fingerprint()
        .unwrap();
    // The device details sit at the bottom, folded away until asked for.
    browser.click("#this-device summary").await;
    browser.wait_for_text("#device-code", &sam_code).await;
    // A screen reader reads it out one character at a time, a pause between groups.
    let spelled = crate::common::browser::spelled(&sam_code);
    browser
        .wait_for_text("#device-code .key-code .visually-hidden", &spelled)
        .await;
    assert_eq!(
        browser
            .js("return document.querySelector('#device-code .key-code code').getAttribute('aria-hidden');", vec![])
            .await,
        serde_json::json!("true")
    );
    browser.click("#sync-now").await;
    // The list says how Alex was, last time Alex shared, before Sam opens anything.
    browser
        .wait_for_text("li.mentee-card", "Last shared check-in:")
        .await;
    browser.wait_for_text("li.mentee-card", "· Good").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.wait_for_text("#mentee-name", "Alex").await;
    browser
        .wait_for_text("#chart-summary", "Alex chose “Good” most often")
        .await;
    browser
        .wait_for_text("article.card", "Got picked for the team")
        .await;
    browser.screenshot("mentor-sees").await;
    assert_eq!(
        browser.control_problems().await,
        serde_json::json!([]),
        "in mentor mode"
    );

    browser.open(&preview.device_url("alex")).await;
    browser.tab("Sharing").await;
    browser.click("#shared-now button.unshare").await;
    browser.wait_for("#nothing-shared").await;
    browser.wait_for_text("#share-log", "stopped sharing").await;
    browser
        .wait_for_text("#sync-status", "Nothing waiting")
        .await;

    browser.open(&preview.device_url("sam")).await;
    browser.unlock("sam keeps it safe").await;
    browser.click("#this-device summary").await;
    browser.click("#sync-now").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.wait_for("#nothing-shared").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_phone_connects_with_an_invite_code_and_a_wrong_code_is_explained() {
    let Some(browser) = Browser::start("connect").await else {
        return;
    };
    let sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (code, _) = sync.invite(Role::Mentee, "Jo");
    browser.open(&preview.device_url("jo")).await;
    browser.tab("Sharing").await;
    // An address that would send the token in the clear over a network is refused, plainly.
    browser
        .type_into("#program-address", "http://steady.example.org")
        .await;
    browser.type_into("#invite-code", &code).await;
    browser.click("#connect").await;
    browser
        .wait_for_text("#connect-problem", "should start with https://")
        .await;
    browser.clear_field("#program-address").await;
    browser.clear_field("#invite-code").await;
    browser.type_into("#program-address", &sync.base).await;
    browser.type_into("#invite-code", "WRNG-CODE-0000").await;
    browser.click("#connect").await;
    browser
        .wait_for_text("#connect-problem", "invite code didn't work")
        .await;
    // What was typed stays, so one wrong letter is easy to fix.
    let typed = browser
        .js(
            "return document.querySelector('#invite-code').value",
            vec![],
        )
        .await;
    assert_eq!(typed, serde_json::json!("WRNG-CODE-0000"));
    browser.clear_field("#invite-code").await;
    browser
        .type_into("#invite-code", &code.to_lowercase())
        .await;
    browser.click("#connect").await;
    browser
        .wait_for_text("#program", "Linked with Bright Paths as Jo.")
        .await;
    browser
        .wait_for_text("#devices-title", "Your mentor's phones and computers")
        .await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_programs_crisis_contacts_show_first_and_stay_when_the_server_is_gone() {
    let Some(browser) = Browser::start("program_directory").await else {
        return;
    };
    let mut sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (code, _) = sync.invite(Role::Mentee, "Kai");
    let device = preview.devices.get("kai").unwrap().unwrap();
    device.enroll(&sync.base, &code).await.unwrap();
    // An office line open one hour on a day three days from now is closed whenever this runs.
    let office_day = (chrono::Utc::now() + chrono::Duration::days(3))
        .format("%a")
        .to_string();
    steady_server::publish_directory(
        &sync.store,
        &sync.dir,
        &format!(
            r#"{{"version": 0, "region": "Here", "contacts": [
            {{"name": "Riverside Office", "offers": "Help with school and home.",
              "phone": "+19515550199", "open": {{"kind": "weekly", "time_zone": "America/New_York",
              "times": [{{"days": ["{office_day}"], "from": "09:00", "to": "10:00"}}]}},
              "languages": ["English"], "last_checked": "2026-11-01"}},
            {{"name": "Riverside Youth Line", "offers": "Talk to someone your age.",
              "phone": "+19515550123", "open": {{"kind": "always"}},
              "languages": ["English"], "last_checked": "2026-11-01"}}]}}"#
        ),
    )
    .unwrap();
    device.sync_now().await.unwrap();
    sync.shutdown().await;

    browser.open(&preview.device_url("kai")).await;
    browser.click("#get-help").await;
    // The program's always-open line is first; the closed office is listed first by staff but
    // moves below every open line and says when it opens.
    browser
        .wait_for_text("#crisis-card li:first-child", "Riverside Youth Line")
        .await;
    browser
        .wait_for_text("#contacts-note", "Your program's lines come first")
        .await;
    let first_call = browser
        .js(
            "return document.querySelector('#crisis-card a[href^=\"tel:\"]').getAttribute('href');",
            vec![],
        )
        .await;
    assert_eq!(first_call, serde_json::json!("tel:+19515550123"));
    browser
        .wait_for_text("#closed-lines li[data-contact='Riverside Office']", "Opens")
        .await;
    let order = browser
        .js(
            "return [...document.querySelectorAll('#crisis-card li[data-contact], #closed-lines li[data-contact]')]
                .map(li => li.dataset.contact);",
            vec![],
        )
        .await;
    let order: Vec<String> = serde_json::from_value(order).unwrap();
    assert_eq!(
        order.first().map(String::as_str),
        Some("Riverside Youth Line")
    );
    assert_eq!(order.last().map(String::as_str), Some("Riverside Office"));
    assert!(order.iter().any(|name| name.contains("988")), "{order:?}");
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn help_puts_my_own_supports_on_top_and_the_mentor_nudge_below_the_open_lines() {
    let Some(browser) = Browser::start("help_order").await else {
        return;
    };
    let sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (code, _) = sync.invite(Role::Mentee, "Kai");
    let device = preview.devices.get("kai").unwrap().unwrap();
    device.enroll(&sync.base, &code).await.unwrap();
    device
        .save_person(None, "Aunt Rosa", "(555) 123-4567")
        .unwrap();
    device
        .add_plan_item(steady::domain::PlanSection::ThingsICanDo, "Put on my music")
        .unwrap();

    browser.open(&preview.device_url("kai")).await;
    browser.click("#get-help").await;
    browser.wait_for("#right-now").await;
    let order = browser
        .js(
            "return [...document.querySelectorAll('#content section[id], #content details[id]')]
                .map(e => e.id);",
            vec![],
        )
        .await;
    let order: Vec<String> = serde_json::from_value(order).unwrap();
    let at = |id: &str| {
        order
            .iter()
            .position(|x| x == id)
            .unwrap_or_else(|| panic!("{id} is on Help: {order:?}"))
    };
    assert!(at("right-now") < at("open-lines"), "{order:?}");
    assert!(at("open-lines") < at("mentor-nudge"), "{order:?}");
    assert!(at("mentor-nudge") < at("traces"), "{order:?}");
    assert!(at("traces") < at("my-people"), "{order:?}");
    assert!(at("my-people") < at("my-plan"), "{order:?}");
    // Right now: the plan's first step and Rosa one tap away.
    browser.wait_for_text("#right-now", "Put on my music").await;
    browser
        .wait_for("#right-now a[href='tel:+15551234567']")
        .await;
    // The nudge says plainly it is not for emergencies.
    browser
        .wait_for_text("#not-on-call", "not for emergencies")
        .await;
    // What a call leaves behind, and the quieter way in.
    browser.click("#traces summary").await;
    browser.wait_for_text("#traces", "call list").await;
    browser.wait_for("#crisis-card a[href^='https://']").await;
    browser.finish().await;
}

/// What the app says about who sees a thing is what is true: "only you" while it is private, the
/// mentor once it is shared; the usual promise says "most things" and what must be passed on;
/// the lines say when they may send help.
#[tokio::test(flavor = "multi_thread")]
async fn what_the_app_says_about_who_sees_a_thing_follows_how_it_is_shared() {
    let Some(browser) = Browser::start("honest_words").await else {
        return;
    };
    let sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (code, _) = sync.invite(Role::Mentee, "Noor");
    let device = preview.devices.get("noor").unwrap().unwrap();
    device.enroll(&sync.base, &code).await.unwrap();
    let goal = device
        .create_goal(steady::domain::GoalDraft {
            title: "Read more".into(),
            ..Default::default()
        })
        .unwrap();

    browser.open(&preview.device_url("noor")).await;
    browser.click("#get-help").await;
    browser
        .wait_for_text(
            "#contacts-note",
            "If someone's life is in danger right now, they may send help.",
        )
        .await;
    browser
        .wait_for_text("#my-plan", "Only you can see it.")
        .await;
    browser.click("#open-plan").await;
    browser
        .wait_for_text("#plan-intro", "Only you can see it.")
        .await;
    browser.tab("Goals").await;
    browser.click("button[aria-label='Open Read more']").await;
    browser.click("button[data-progress='3']").await;
    browser.click("#save-check-in").await;
    browser
        .wait_for_text("#goal-status", "Check-in saved. Only you can see it.")
        .await;

    // Shared, each line says the mentor sees it, and "only you" is gone.
    device.share_safety_plan(true).unwrap();
    device
        .set_share(
            steady::domain::ShareKind::Goal,
            goal.as_str(),
            steady::domain::ShareMode::Shared,
            "your goal",
        )
        .unwrap();
    browser.client.refresh().await.expect("reload");
    browser.click("#get-help").await;
    browser
        .wait_for_text("#my-plan", "You share it with your mentor")
        .await;
    browser.click("#open-plan").await;
    browser
        .wait_for_text("#plan-intro", "You share it with your mentor")
        .await;
    let intro = browser
        .js(
            "return document.querySelector('#plan-intro').innerText;",
            vec![],
        )
        .await;
    assert!(!intro.as_str().unwrap().contains("Only you"), "{intro}");
    browser.tab("Goals").await;
    browser.click("button[aria-label='Open Read more']").await;
    browser.click("button[data-progress='2']").await;
    browser.click("#save-check-in").await;
    browser
        .wait_for_text("#goal-status", "Your mentor will see it")
        .await;

    // The usual promise, as it really is.
    browser.click("#open-privacy").await;
    for words in [
        "Most of what you share with your mentor stays between you.",
        "talk things over with their coordinator",
        "if you tell them someone has hurt you, even long ago",
        "They'll try to tell you first",
    ] {
        browser.wait_for_text("#care-statement", words).await;
    }
    browser
        .wait_for_text("#content", "Your mentor will try to tell you first.")
        .await;
    browser.finish().await;
}
