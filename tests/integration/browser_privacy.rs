//! Privacy in a real browser: set a passcode (with a mismatch first), quick-hide with Escape to a
//! blank screen, the lock screen's Get help and crisis card without unlocking, a wrong passcode,
//! then the right one and the entry still there; discreet mode's plain name; a forgotten passcode's
//! reset; saving a copy, bringing it back, and deleting everything after one confirmation.

use serde_json::json;
use steady::domain::{MoodDetails, MoodEntry, MoodLevel};
use steady::state::Device;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

/// A preview device `name` with one check-in at `level` carrying `note`.
fn check_in_with_note(
    server: &PreviewServer,
    name: &str,
    level: u8,
    note: &str,
) -> (Device, MoodEntry) {
    let device = server.devices.get(name).unwrap().unwrap();
    let entry = device.log_mood(MoodLevel::new(level).unwrap()).unwrap();
    let details = MoodDetails {
        note: Some(note.into()),
        ..Default::default()
    };
    let entry = device
        .save_details(&entry.id, entry.level, details)
        .unwrap();
    (device, entry)
}

/// WebDriver's code for the Escape key.
const ESCAPE: &str = "\u{E00C}";

#[tokio::test(flavor = "multi_thread")]
async fn a_passcode_locks_quick_hide_blanks_and_help_works_while_locked() {
    let Some(browser) = Browser::start("passcode_lock").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let (device, _) = check_in_with_note(&server, "pia", 3, "walked the dog");

    browser.open(&server.device_url("pia")).await;
    browser.click("#open-privacy").await;
    browser
        .wait_for_text("#who-can-see", "Only the things you choose to share")
        .await;
    browser.click("#set-passcode").await;
    // The preview has no keystore, like a computer: 4 numbers are too few, and it says why.
    browser.type_into("#passcode-new", "2468").await;
    browser.type_into("#passcode-again", "2468").await;
    browser.click("#passcode-save").await;
    browser
        .wait_for_text("#passcode-problem", "no security chip")
        .await;
    browser.clear_field("#passcode-new").await;
    browser.clear_field("#passcode-again").await;
    browser.type_into("#passcode-new", "246813").await;
    browser.type_into("#passcode-again", "248613").await;
    browser.click("#passcode-save").await;
    browser
        .wait_for_text("#passcode-problem", "aren't the same")
        .await;
    browser.clear_field("#passcode-again").await;
    browser.type_into("#passcode-again", "246813").await;
    browser.click("#passcode-save").await;
    browser
        .wait_for_text("#passcode-status", "Passcode set")
        .await;
    browser
        .wait_for("input[name='auto-lock'][value='now']:checked")
        .await;
    assert_eq!(browser.control_problems().await, json!([]), "on Privacy");
    browser.screenshot("privacy").await;

    // Escape, from wherever the keyboard is: the screen goes blank at once.
    browser
        .wait_for("body")
        .await
        .send_keys(ESCAPE)
        .await
        .expect("press Escape");
    browser.wait_for("#blank-screen").await;
    assert_eq!(
        browser
            .js("return document.body.innerText.trim();", vec![])
            .await,
        json!(""),
        "nothing readable on the blank screen"
    );
    assert!(device.is_locked(), "hiding locked the data");
    browser.click("#blank-screen").await;
    browser.wait_for("#unlock-passcode").await;
    assert_eq!(
        browser.control_problems().await,
        json!([]),
        "on the lock screen"
    );
    // A passcode of numbers opens the number pad, not the whole keyboard.
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#unlock-passcode').getAttribute('inputmode');",
                vec![]
            )
            .await,
        json!("numeric")
    );
    browser.screenshot("lock-screen").await;

    browser.click("#get-help").await;
    browser.wait_for_text("#crisis-card", "988").await;
    assert!(device.is_locked(), "help without unlocking");
    browser.click("#back-to-lock").await;
    // The lock screen puts focus on its title as it appears; type only after that, as a person
    // would, or the keys race the focus move.
    browser
        .wait_until(
            "the lock screen's title has focus",
            "const f = document.activeElement; return !!f && f.tagName === 'H1'
                 && !!document.querySelector('#unlock-passcode');",
            vec![],
        )
        .await;

    // Enter submits; the page must not reload (which would lose the message).
    browser.js("window.stayed = true;", vec![]).await;
    browser.type_into("#unlock-passcode", "111111\n").await;
    browser
        .wait_for_text("#unlock-problem", "doesn't match")
        .await;
    assert_eq!(
        browser
            .js(
                "return window.stayed === true && location.search === '';",
                vec![]
            )
            .await,
        json!(true),
        "no page reload"
    );
    browser.clear_field("#unlock-passcode").await;
    // A keyboard user: type and press Enter.
    browser.type_into("#unlock-passcode", "246813\n").await;
    browser.tab("History").await;
    browser.wait_for_text("main", "Okay (3 of 5)").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn discreet_mode_and_a_forgotten_passcode_reset() {
    let Some(browser) = Browser::start("discreet_reset").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let device = server.devices.get("rue").unwrap().unwrap();
    device.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    device
        .set_passcode(None, "river stones", "river stones")
        .unwrap();

    // A fresh start (a new page, like reopening the app) with a passcode set opens locked.
    browser.open(&server.device_url("rue")).await;
    browser.wait_for("#unlock-passcode").await;
    assert!(device.is_locked(), "a cold start is locked");
    browser.unlock("river stones").await;
    browser.click("#open-privacy").await;
    browser.click("#discreet").await;
    browser.wait_for_text(".app-name", "Notes").await;
    browser
        .wait_until(
            "the page title is neutral",
            "return document.title === 'Notes';",
            vec![],
        )
        .await;
    // No screen says the app's name, and Get help is still one tap from each.
    let says_name =
        "return /steady/i.test(document.body.innerText) || /steady/i.test(document.title);";
    for tab in ["Today", "History", "Goals", "Tools", "Sharing", "Help"] {
        browser.tab(tab).await;
        assert_eq!(
            browser.js(says_name, vec![]).await,
            json!(false),
            "on {tab}"
        );
        browser.click("#get-help").await;
        browser.wait_for_text("#help-title", "Get help").await;
        assert_eq!(
            browser.js(says_name, vec![]).await,
            json!(false),
            "on Help from {tab}"
        );
    }
    browser.click("#open-privacy").await;
    assert_eq!(
        browser.js(says_name, vec![]).await,
        json!(false),
        "on Privacy"
    );
    browser.click("#export").await;
    browser.wait_for("#export-files a[download]").await;
    let names = browser
        .js(
            "return [...document.querySelectorAll('#export-files a[download]')].map(a => a.download);",
            vec![],
        )
        .await;
    let names: Vec<String> = serde_json::from_value(names).unwrap();
    assert_eq!(names.len(), 2);
    assert!(
        names
            .iter()
            .all(|name| name.starts_with("my-") && !name.to_lowercase().contains("steady")),
        "{names:?}"
    );

    browser.click("#quick-hide").await;
    browser.click("#blank-screen").await;
    browser.wait_for_text(".app-name", "Notes").await;
    assert_eq!(
        browser.js(says_name, vec![]).await,
        json!(false),
        "on the lock screen"
    );
    browser.click("#forgot").await;
    browser.wait_for_text("main", "Nobody can look it up").await;
    browser.click("#reset-confirm").await;
    browser.wait_for_text("#passcode-title", "Passcode").await;
    browser.wait_for_text(".app-name", "Notes").await; // discreet mode is kept: it is not data
    browser.tab("Today").await;
    browser.wait_for("button[data-mood='4']").await;
    assert!(!device.is_locked());
    assert!(!device.has_passcode());
    assert!(
        device.history_since(device.today()).unwrap().is_empty(),
        "fresh and empty"
    );
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_copy_comes_back_and_delete_all_asks_once() {
    let Some(browser) = Browser::start("my_data").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let (device, entry) = check_in_with_note(&server, "kai", 5, "beat my record");

    browser.open(&server.device_url("kai")).await;
    browser.click("#open-privacy").await;
    browser.click("#export").await;
    browser
        .wait_for_text("#my-data-status", "aren't locked")
        .await;
    assert_eq!(browser.count("#export-files a[download]").await, 2);
    let csv = browser
        .js(
            "const a = [...document.querySelectorAll('#export-files a')].find(a => a.download.endsWith('.csv'));
             return atob(a.href.split(',')[1]);",
            vec![],
        )
        .await;
    assert!(
        csv.as_str()
            .unwrap_or("")
            .contains("Really good,,,beat my record"),
        "{csv}"
    );

    device.delete_mood(&entry.id).unwrap();
    browser.click("#open-privacy").await;
    browser.click("#import-list button.import").await;
    browser
        .wait_for_text("#my-data-status", "Brought back 1 thing")
        .await;
    assert_eq!(
        device.mood(&entry.id).unwrap().details.note.as_deref(),
        Some("beat my record")
    );

    browser.click("#delete-all").await;
    browser
        .wait_for_text("#delete-question", "Delete everything?")
        .await;
    assert_eq!(
        browser.control_problems().await,
        json!([]),
        "while confirming"
    );
    browser.click("#keep-data").await;
    assert!(device.mood(&entry.id).is_ok(), "keeping changes nothing");
    browser.click("#delete-all").await;
    browser.click("#delete-confirm").await;
    browser
        .wait_for_text("#my-data-status", "Everything is deleted")
        .await;
    assert!(device.mood(&entry.id).is_err());
    assert!(device.history_since(device.today()).unwrap().is_empty());
    browser.finish().await;
}
