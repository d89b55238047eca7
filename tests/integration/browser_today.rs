//! The Today screen and Help in a real browser: one tap saves, details are optional, a very long
//! note is refused without losing it, a really hard check-in offers help, and Get help is one tap
//! from every tab.

use serde_json::json;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

#[tokio::test(flavor = "multi_thread")]
async fn one_tap_saves_and_the_details_show_in_history_after_a_reload() {
    let Some(browser) = Browser::start("one_tap_saves").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("alex")).await;

    browser.click("button[data-mood='4']").await;
    browser
        .wait_for_text("#save-status", "Saved. Only you can see this.")
        .await;
    browser.wait_for_text("#details-title", "optional").await;
    browser.screenshot("today-details").await;

    browser.click("#details button[data-word='calm']").await;
    // Each group starts with a few everyday words; the rest are one tap away.
    assert_eq!(
        browser.count("#details button[data-word='left_out']").await,
        0
    );
    browser.click("#more-words").await;
    browser.click("#details button[data-word='left_out']").await;
    browser.click("#details button[data-tag='school']").await;
    browser.type_into("#new-tag", "band practice\n").await;
    browser
        .wait_until(
            "the new tag is picked",
            "const b = document.querySelector(\"button[data-tag='band practice']\");
             return !!b && b.getAttribute('aria-pressed') === 'true';",
            vec![],
        )
        .await;
    browser
        .type_into("#note", "Maths test went better than I thought")
        .await;
    browser.click("#save-details").await;
    browser.wait_gone("#details").await;
    browser
        .wait_for_text("#save-status", "Added to your check-in")
        .await;
    browser
        .wait_for_text("#today-so-far", "Good · calm, left out")
        .await;

    browser.tab("History").await;
    let card = "article.entry";
    browser.wait_for_text(card, "Good (4 of 5)").await;
    for expected in [
        "calm",
        "left out",
        "school",
        "band practice",
        "Maths test went better",
    ] {
        browser.wait_for_text(card, expected).await;
    }
    browser.wait_for_text("section.day h2", "Today").await;

    // Closing the page and coming back finds everything still there, Today included.
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser
        .wait_for_text("#today-so-far", "Good · calm, left out")
        .await;
    browser.tab("History").await;
    browser.wait_for_text(card, "Maths test went better").await;
    assert_eq!(browser.count(card).await, 1);
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_tap_corrects_the_check_in_and_skipping_details_keeps_it() {
    let Some(browser) = Browser::start("correct_and_skip").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("sky")).await;
    browser.click("button[data-mood='5']").await;
    browser.wait_for_text("#save-status", "Saved").await;
    // Oops, meant 3: the second tap changes the same check-in.
    browser.click("button[data-mood='3']").await;
    browser
        .wait_until(
            "3 is shown as chosen",
            "const b = document.querySelector(\"button[data-mood='3']\");
             return b.getAttribute('aria-pressed') === 'true';",
            vec![],
        )
        .await;
    browser.click("#close-details").await;
    browser.wait_gone("#details").await;
    browser.wait_for_text("#save-status", "saved").await;
    browser.tab("History").await;
    browser
        .wait_for_text("article.entry", "Okay (3 of 5)")
        .await;
    assert_eq!(
        browser.count("article.entry").await,
        1,
        "a correction is not a second check-in"
    );
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_overlong_note_is_refused_and_stays_in_the_field() {
    let Some(browser) = Browser::start("overlong_note").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("robin")).await;
    browser.click("button[data-mood='2']").await;
    browser.wait_for("#note").await;
    // Typing 20,001 keys through WebDriver takes minutes; paste-like input is what a user does anyway.
    browser
        .js(
            "const note = document.querySelector('#note');
             note.value = 'a'.repeat(20000);
             note.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await;
    browser.type_into("#note", "b").await;
    browser.click("#save-details").await;
    browser
        .wait_for_text("#details-problem", "longer than we can keep")
        .await;
    let kept = browser
        .js(
            "return document.querySelector('#note').value.length;",
            vec![],
        )
        .await;
    assert_eq!(kept, json!(20_001), "the typed note must stay in the field");
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#note').getAttribute('aria-invalid');",
                vec![]
            )
            .await,
        json!("true")
    );

    // The one-tap check-in itself was saved, without the refused note.
    browser.tab("History").await;
    browser
        .wait_for_text("article.entry", "Not great (2 of 5)")
        .await;
    assert_eq!(browser.count("article.entry .entry-note").await, 0);
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_really_hard_check_in_gently_offers_help_and_not_now() {
    let Some(browser) = Browser::start("low_mood_offer").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("jo")).await;
    browser.click("button[data-mood='4']").await;
    browser.wait_for_text("#save-status", "Saved").await;
    assert_eq!(
        browser.count("#low-mood-offer").await,
        0,
        "only a 1 of 5 offers help"
    );

    browser.click("button[data-mood='1']").await;
    browser
        .wait_for_text("#low-mood-offer", "That sounds really hard.")
        .await;
    browser.click("#low-mood-offer button:not(.primary)").await;
    browser.wait_gone("#low-mood-offer").await;

    browser.click("button[data-mood='1']").await;
    browser.click("#low-mood-offer button.primary").await;
    browser.wait_for_text("h1", "Get help").await;
    // The offer can also lead to a calming tool.
    browser.tab("Today").await;
    browser.click("button[data-mood='1']").await;
    browser.click("#offer-tools").await;
    browser.wait_for("#tool-list").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn get_help_is_one_tap_from_every_tab_and_lists_the_default_contacts() {
    let Some(browser) = Browser::start("get_help_everywhere").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("kai")).await;
    for tab in ["Today", "History", "Goals", "Tools", "Sharing", "Help"] {
        browser.tab(tab).await;
        browser.click("#get-help").await;
        browser.wait_for_text("h1", "Get help").await;
        browser.wait_for("#crisis-card").await;
    }
    browser.screenshot("help").await;
    let hrefs = browser
        .js(
            "return [...document.querySelectorAll('#crisis-card a')].map(a => a.getAttribute('href'));",
            vec![],
        )
        .await;
    let hrefs: Vec<String> = serde_json::from_value(hrefs).expect("hrefs");
    for expected in ["tel:988", "sms:988", "sms:741741?&body=HOME", "tel:911"] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} missing from {hrefs:?}"
        );
    }
    browser
        .wait_for_text("#crisis-card", "Text HOME to 741741")
        .await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_control_has_a_name_and_a_44px_target_on_every_screen() {
    let Some(browser) = Browser::start("controls_accessible").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("ari")).await;
    // Open the details too, so its chips and fields are checked.
    browser.click("button[data-mood='3']").await;
    browser.wait_for("#details").await;
    for tab in ["Today", "History", "Goals", "Tools", "Sharing", "Help"] {
        if tab != "Today" {
            browser.tab(tab).await;
            // Switching tabs puts keyboard and screen-reader focus on the new screen's title.
            browser
                .wait_until(
                    &format!("focus moves to the {tab} title"),
                    "const el = document.activeElement; return !!el && el.tagName === 'H1';",
                    vec![],
                )
                .await;
        }
        let problems = browser.control_problems().await;
        assert_eq!(problems, json!([]), "on {tab}");
    }
    // The share choice, opened from History, and the connect form in Sharing.
    browser.tab("History").await;
    browser.click("button.share-toggle").await;
    browser
        .wait_until(
            "focus moves into the share choice",
            "return document.activeElement && document.activeElement.classList.contains('share-panel');",
            vec![],
        )
        .await;
    let problems = browser.control_problems().await;
    assert_eq!(problems, json!([]), "in the share choice");
    // Opening a tool puts focus on its name.
    browser.tab("Tools").await;
    browser.click("li[data-tool='box'] button.open-tool").await;
    browser
        .wait_until(
            "focus moves to the tool's name",
            "return document.activeElement && document.activeElement.id === 'tool-title';",
            vec![],
        )
        .await;
    let problems = browser.control_problems().await;
    assert_eq!(problems, json!([]), "in a tool");
    browser.finish().await;
}

/// "Let my mentor know" on the card after a really hard check-in is the same as on Help: the
/// mentor's availability, that it isn't for emergencies, the lines open now beside it, and a
/// confirm before anything is sent; then the mentor sees the request.
#[tokio::test(flavor = "multi_thread")]
async fn let_my_mentor_know_at_a_hard_moment_says_what_help_says_and_asks_first() {
    use crate::common::sync_server::{SyncServer, approve_mentor_devices};
    use steady::sync::protocol::Role;

    let Some(browser) = Browser::start("hard_moment_nudge").await else {
        return;
    };
    let sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (alex_code, alex_id) = sync.invite(Role::Mentee, "Alex");
    let (sam_code, sam_id) = sync.invite(Role::Mentor, "Sam");
    sync.pair(&alex_id, &sam_id);
    let alex = preview.devices.get("alex").unwrap().unwrap();
    let sam = preview.devices.get("sam").unwrap().unwrap();
    sam.enroll(&sync.base, &sam_code).await.unwrap();
    alex.enroll(&sync.base, &alex_code).await.unwrap();
    approve_mentor_devices(&alex).await;
    sam.set_passcode(None, "sam keeps it safe", "sam keeps it safe")
        .unwrap();
    sam.sync_now().await.unwrap();
    sam.set_availability("Evenings after 6").unwrap();
    sam.sync_now().await.unwrap();
    alex.sync_now().await.unwrap();

    browser.open(&preview.device_url("alex")).await;
    browser.click("button[data-mood='1']").await;
    browser
        .wait_for_text("#low-mood-offer", "That sounds really hard.")
        .await;
    browser.click("#offer-mentor").await;
    browser
        .wait_for_text("#low-mood-offer #not-on-call", "isn't on call")
        .await;
    browser
        .wait_for_text("#low-mood-offer .availability", "Evenings after 6")
        .await;
    browser
        .wait_for_text("#low-mood-offer #open-lines", "988")
        .await;
    browser
        .wait_for_text("#low-mood-offer", "Send it now?")
        .await;
    assert_eq!(browser.count("#ask-sent").await, 0, "nothing sent yet");
    let problems = browser.accessibility_problems().await;
    assert!(problems.is_empty(), "the hard-moment card: {problems:?}");
    assert_eq!(browser.control_problems().await, json!([]));
    browser.click("#low-mood-offer #ask-confirm").await;
    browser.wait_for("#low-mood-offer #ask-sent").await;
    alex.sync_now().await.unwrap();
    sam.sync_now().await.unwrap();

    browser.open(&preview.device_url("sam")).await;
    browser.unlock("sam keeps it safe").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.wait_for("#contact-request").await;
    browser.finish().await;
}
