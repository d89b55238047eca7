//! Tools in a real browser, with the tool clocks sped up (the same code path, a faster clock):
//! the box-breathing pacer walks its phases in order, a tool can be stopped midway, ratings before
//! and after feed "What helped", tools can be favourited and hidden, the urge timer asks each
//! minute, and the comfort list and pace are kept.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

/// Tool seconds per real second in these tests.
const SCALE: f64 = 8.0;

#[tokio::test(flavor = "multi_thread")]
async fn box_breathing_paces_in_order_stops_midway_and_feeds_what_helped() {
    let Some(browser) = Browser::start("box_breathing").await else {
        return;
    };
    let server = PreviewServer::start_with_time_scale(SCALE).await;
    browser.open(&server.device_url("noor")).await;
    browser.tab("Tools").await;
    browser.click("li[data-tool='box'] button.open-tool").await;
    browser
        .click("#rating-before + p + div button[data-rating='7']")
        .await;
    browser.click("#start-tool").await;
    browser.wait_for_text("#pacer-label", "Breathe in").await;
    // A screen reader hears the phase once, with its length (for eyes closed), not a number
    // every second: the count is for eyes.
    let spoken = browser
        .js(
            "return document.querySelector('#pacer-label').textContent;",
            vec![],
        )
        .await;
    assert_eq!(spoken, json!("Breathe in, 4 seconds"));
    browser.wait_for_text("#pacer-count", "3").await;
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#pacer-label').textContent;",
                vec![]
            )
            .await,
        json!("Breathe in, 4 seconds")
    );
    browser.screenshot("pacer").await;

    // Watch the live region: each new phase label, with when it appeared.
    let mut seen: Vec<(String, Instant)> = Vec::new();
    let started = Instant::now();
    while seen.len() < 6 && started.elapsed() < Duration::from_secs(20) {
        let text = browser
            .js("const el = document.querySelector('#pacer-label'); return el ? el.textContent : '';", vec![])
            .await;
        let label = text
            .as_str()
            .unwrap_or("")
            .split(',')
            .next()
            .unwrap_or("")
            .to_string();
        if !label.is_empty() && seen.last().is_none_or(|(last, _)| *last != label) {
            seen.push((label, Instant::now()));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let labels: Vec<&str> = seen.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Breathe in",
            "Hold",
            "Breathe out",
            "Hold",
            "Breathe in",
            "Hold"
        ]
    );
    // A whole square is four 4-second phases; at this scale it cannot come round sooner than 2 s.
    // Timed from the first whole phase: the first was already under way when watching began.
    let round = seen[5].1 - seen[1].1;
    assert!(
        round >= Duration::from_secs_f64(16.0 / SCALE * 0.9),
        "a round took only {round:?}"
    );

    browser.click("#stop-tool").await;
    browser
        .wait_for_text("#tool-runner", "How upset do you feel now?")
        .await;
    browser.click("button[data-rating='3']").await;
    browser
        .wait_until(
            "the after rating is chosen",
            "return document.querySelector(\"button[data-rating='3']\").getAttribute('aria-pressed') === 'true';",
            vec![],
        )
        .await;
    // Calmer than before: the tool did its job, and nothing more is offered.
    assert_eq!(browser.count("#reach-out").await, 0);
    browser.click("#finish-tool").await;
    browser
        .wait_for_text("#tools-status", "Stopped. That's okay.")
        .await;

    browser.tab("History").await;
    browser.wait_for_text("#what-helped", "Box breathing").await;
    browser
        .wait_for_text(
            "#what-helped",
            "Used once. Afterwards you usually felt calmer: about 4 steps down on the 0 to 10 scale.",
        )
        .await;
    browser.finish().await;
}

/// When a tool didn't help (more upset after than before, still 7 or more, or the urge timer
/// stopped on "not yet"), people come next: the mentee's own, the lines open now, and Not now.
#[tokio::test(flavor = "multi_thread")]
async fn a_tool_that_did_not_help_offers_people_next() {
    let Some(browser) = Browser::start("reach_out").await else {
        return;
    };
    let server = PreviewServer::start_with_time_scale(60.0).await;
    browser.open(&server.device_url("ivy")).await;
    browser.tab("Tools").await;

    // More upset after than before, and nobody saved yet: the lines, and where to add people.
    browser
        .click("li[data-tool='senses'] button.open-tool")
        .await;
    browser
        .click("#rating-before + p + div button[data-rating='3']")
        .await;
    browser.click("#start-tool").await;
    browser.click("#stop-tool").await;
    browser.click("button[data-rating='5']").await;
    browser
        .wait_for_text("#reach-out h2", "Still hard? A person can help")
        .await;
    browser
        .wait_for("#reach-out #open-lines a[href^='tel:']")
        .await;
    browser
        .wait_for_text("#reach-out-no-people", "add people you trust")
        .await;
    browser.click("#reach-out-not-now").await;
    browser.wait_gone("#reach-out").await;
    browser.click("#finish-tool").await;
    browser.wait_for_text("#tools-status", "Stopped.").await;

    // Still high with no rating before, and someone saved: they are one tap away.
    let device = server.devices.get("ivy").unwrap().unwrap();
    device
        .save_person(None, "Coach Lee", "(555) 222-3333")
        .unwrap();
    browser
        .click("li[data-tool='senses'] button.open-tool")
        .await;
    browser.click("#start-tool").await;
    browser.click("#stop-tool").await;
    browser.click("button[data-rating='8']").await;
    browser
        .wait_for("#reach-out a[href='tel:+15552223333']")
        .await;
    browser.wait_for_text("#reach-out", "Coach Lee").await;
    browser.click("#skip-rating").await;

    // The urge timer stopped after "not yet", without any rating: offered too.
    browser.click("li[data-tool='urge'] button.open-tool").await;
    browser.click("#start-tool").await;
    browser
        .wait_for_text("#urge-check", "Has the urge passed?")
        .await;
    browser.click("#urge-not-yet").await;
    browser.click("#stop-tool").await;
    browser.wait_for("#reach-out").await;
    browser.click("#skip-rating").await;

    // The same timer ended on "it passed": nothing extra.
    browser.click("li[data-tool='urge'] button.open-tool").await;
    browser.click("#start-tool").await;
    browser
        .wait_for_text("#urge-check", "Has the urge passed?")
        .await;
    browser.click("#urge-check button.primary").await;
    browser
        .wait_for_text("#tool-runner", "How upset do you feel now?")
        .await;
    assert_eq!(browser.count("#reach-out").await, 0);
    browser.click("#skip-rating").await;
    browser.finish().await;
}

/// Tools for every body: 4-7-8 offers a quicker count for people who can't hold 7 seconds, and
/// says each phase's length; box breathing says the holds can be skipped.
#[tokio::test(flavor = "multi_thread")]
async fn four_seven_eight_has_a_quicker_count_and_says_each_phases_length() {
    let Some(browser) = Browser::start("quicker_count").await else {
        return;
    };
    let server = PreviewServer::start_with_time_scale(SCALE).await;
    browser.open(&server.device_url("rae")).await;
    browser.tab("Tools").await;
    browser.click("li[data-tool='box'] button.open-tool").await;
    browser
        .wait_for_text("#tool-runner", "skip the holds")
        .await;
    assert_eq!(
        browser.count("#quicker").await,
        0,
        "box breathing holds 4 s"
    );
    browser.click("#back-to-tools").await;
    browser.click("li[data-tool='478'] button.open-tool").await;
    browser
        .wait_for_text("#quicker-hint", "2 in, 4 hold, 4 out")
        .await;
    browser.click("#quicker").await;
    browser
        .wait_until(
            "the quicker count is on",
            "return document.querySelector('#quicker').getAttribute('aria-pressed') === 'true';",
            vec![],
        )
        .await;
    browser.click("#start-tool").await;
    browser
        .wait_for_text("#pacer-label", "Breathe in through your nose, 2 seconds")
        .await;
    browser
        .wait_for_text("#pacer-label", "Hold, 4 seconds")
        .await;
    browser.click("#stop-tool").await;
    browser.click("#skip-rating").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn senses_steps_run_to_the_end_and_ratings_can_be_skipped() {
    let Some(browser) = Browser::start("senses_steps").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("ash")).await;
    browser.tab("Tools").await;
    browser
        .click("li[data-tool='senses'] button.open-tool")
        .await;
    browser.click("#start-tool").await;
    browser
        .wait_for_text("#step-text", "5 things around you that you can see")
        .await;
    // Nobody has to see to do it.
    browser
        .wait_for_text(
            "#step-text",
            "With your eyes closed, name 5 things you can touch or hear",
        )
        .await;
    // The tip about smell and taste waits for the steps it is about.
    assert_eq!(browser.count("#step-note").await, 0);
    for expected in [
        "4 things you can feel",
        "3 things you can hear",
        "2 things you can smell",
        "1 thing you can taste",
    ] {
        browser.click("#next-step").await;
        browser.wait_for_text("#step-text", expected).await;
        if expected.contains("smell") {
            browser
                .wait_for_text("#step-note", "If smell or taste is hard")
                .await;
        }
    }
    browser.wait_for_text("#next-step", "Finish").await;
    browser.click("#next-step").await;
    browser.click("#skip-rating").await;
    browser
        .wait_for_text("#tools-status", "Thanks for taking a moment for yourself.")
        .await;
    browser.tab("History").await;
    browser
        .wait_for_text("#what-helped", "5-4-3-2-1 senses")
        .await;
    browser.wait_for_text("#what-helped", "Used once.").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn tools_can_be_favourited_hidden_and_shown_again_and_that_is_kept() {
    let Some(browser) = Browser::start("favourite_hide").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("rey")).await;
    browser.tab("Tools").await;
    browser
        .click("li[data-tool='muscles'] button.favourite")
        .await;
    browser
        .wait_until(
            "the favourite moves to the top",
            "const first = document.querySelector('#tool-list li');
             return !!first && first.dataset.tool === 'muscles';",
            vec![],
        )
        .await;
    browser.click("li[data-tool='478'] button.hide").await;
    browser.wait_gone("#tool-list li[data-tool='478']").await;
    browser.wait_for("#hidden-tools li[data-tool='478']").await;

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.tab("Tools").await;
    browser.wait_for("#hidden-tools li[data-tool='478']").await;
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#tool-list li').dataset.tool;",
                vec![]
            )
            .await,
        json!("muscles")
    );
    browser
        .click("#hidden-tools li[data-tool='478'] button")
        .await;
    browser.wait_for("#tool-list li[data-tool='478']").await;
    browser.wait_gone("#hidden-tools").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_urge_timer_asks_each_minute_whether_it_has_passed() {
    let Some(browser) = Browser::start("urge_timer").await else {
        return;
    };
    // One minute of tool time per second.
    let server = PreviewServer::start_with_time_scale(60.0).await;
    browser.open(&server.device_url("sam")).await;
    browser.tab("Tools").await;
    browser.click("li[data-tool='urge'] button.open-tool").await;
    browser.click("button[data-minutes='15']").await;
    browser.click("button[data-minutes='5']").await;
    browser.click("#start-tool").await;
    browser
        .wait_for_text("#urge-check", "Has the urge passed?")
        .await;
    browser.click("#urge-not-yet").await;
    browser.wait_gone("#urge-check").await;
    browser
        .wait_for_text("#urge-check", "Has the urge passed?")
        .await;
    browser.click("#urge-check button.primary").await;
    browser
        .wait_for_text("#tool-runner", "How upset do you feel now?")
        .await;
    browser.click("#skip-rating").await;
    browser.wait_for_text("#tools-status", "Thanks").await;

    // When the time runs out, the mentee chooses: a bit longer, then "I made it".
    browser.click("li[data-tool='urge'] button.open-tool").await;
    browser.click("#start-tool").await;
    browser
        .wait_for_text("#urge-done", "Time's up. You stayed with it.")
        .await;
    browser.click("#urge-longer").await;
    browser.wait_gone("#urge-done").await;
    browser.wait_for("#stop-tool").await;
    browser
        .wait_for_text("#urge-done", "Time's up. You stayed with it.")
        .await;
    browser.click("#urge-made-it").await;
    browser
        .wait_for_text("#tool-runner", "How upset do you feel now?")
        .await;
    browser.click("#skip-rating").await;
    browser.wait_for_text("#tools-status", "Thanks").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_comfort_list_and_breathing_pace_are_kept() {
    let Some(browser) = Browser::start("comfort_and_pace").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("bea")).await;
    browser.tab("Tools").await;
    browser
        .click("li[data-tool='comfort'] button.open-tool")
        .await;
    browser.type_into("#new-comfort", "Walking the dog\n").await;
    browser
        .wait_for_text("#comfort-items", "Walking the dog")
        .await;
    browser.click("#add-comfort").await;
    browser
        .wait_for_text("#comfort-problem", "Type something first.")
        .await;

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.tab("Tools").await;
    browser
        .click("li[data-tool='paced'] button.open-tool")
        .await;
    browser
        .wait_for_text("#tool-runner", "Breathe out: 6 seconds")
        .await;
    browser
        .click("button[aria-label='Breathe out longer']")
        .await;
    browser
        .wait_for_text("#tool-runner", "Breathe out: 7 seconds")
        .await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.tab("Tools").await;
    browser
        .click("li[data-tool='paced'] button.open-tool")
        .await;
    browser
        .wait_for_text("#tool-runner", "Breathe out: 7 seconds")
        .await;
    browser.click("#back-to-tools").await;
    browser
        .click("li[data-tool='comfort'] button.open-tool")
        .await;
    browser
        .wait_for_text("#comfort-items", "Walking the dog")
        .await;
    browser.finish().await;
}

/// For eyes closed: buzzing is off until chosen; once on (and kept), each phase of box breathing
/// starts with its own buzz, told apart by feel: one short in, two taps to hold, one long out.
/// The page's `navigator.vibrate` (what the preview buzzes with) is recorded, as Chrome on a
/// phone would be asked.
#[tokio::test(flavor = "multi_thread")]
async fn buzzing_is_off_until_chosen_then_each_phase_starts_with_its_own_buzz() {
    let Some(browser) = Browser::start("pacer_buzz").await else {
        return;
    };
    // Four seconds of the tool in one real second, so a phase outlasts its buzz.
    let server = PreviewServer::start_with_time_scale(4.0).await;
    browser.open(&server.device_url("rumi")).await;
    browser.tab("Tools").await;
    browser
        .js(
            "window.__buzzes = []; navigator.vibrate = (ms) => { window.__buzzes.push(ms); return true; }; return true;",
            vec![],
        )
        .await;
    let buzzes = async || browser.js("return window.__buzzes;", vec![]).await;

    browser.click("li[data-tool='box'] button.open-tool").await;
    browser
        .wait_for_text("#buzz-hint", "The app makes no sound")
        .await;
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#buzz').getAttribute('aria-pressed');",
                vec![]
            )
            .await,
        json!("false")
    );
    browser.click("#start-tool").await;
    browser.wait_for_text("#pacer-label", "Breathe out").await;
    assert_eq!(buzzes().await, json!([]), "off until chosen");
    browser.click("#stop-tool").await;
    browser.click("#skip-rating").await;

    browser.click("li[data-tool='box'] button.open-tool").await;
    browser.click("#buzz").await;
    browser.wait_for("#buzz[aria-pressed='true']").await;
    browser.click("#start-tool").await;
    browser
        .wait_until(
            "in, hold, out and hold have buzzed",
            "return window.__buzzes.length >= 6;",
            vec![],
        )
        .await;
    let felt = buzzes().await;
    assert_eq!(
        felt.as_array().unwrap()[..6],
        [
            json!(80),
            json!(40),
            json!(40),
            json!(300),
            json!(40),
            json!(40)
        ],
        "{felt}"
    );
    browser.click("#stop-tool").await;
    browser.click("#skip-rating").await;

    // The choice is kept for next time.
    browser.open(&server.device_url("rumi")).await;
    browser.tab("Tools").await;
    browser.click("li[data-tool='box'] button.open-tool").await;
    browser.wait_for("#buzz[aria-pressed='true']").await;
    assert_eq!(browser.control_problems().await, json!([]));
    browser.finish().await;
}

/// Eyes closed, nobody touches the phone: with auto-lock after a minute, a pacer that runs longer
/// (paced breathing, 100 seconds) is never locked partway; each phase counts as use while the app
/// is in sight. Real seconds: the lock's clock is not sped up.
#[tokio::test(flavor = "multi_thread")]
async fn auto_lock_waits_for_a_breathing_pacer_to_end() {
    let Some(browser) = Browser::start("pacer_auto_lock").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let device = server.devices.get("lena").unwrap().unwrap();
    device
        .set_passcode(None, "lena breathes", "lena breathes")
        .unwrap();
    device
        .set_settings(steady::state::Settings {
            auto_lock: steady::domain::AutoLock::OneMinute,
            ..device.settings()
        })
        .unwrap();
    browser.open(&server.device_url("lena")).await;
    browser.unlock("lena breathes").await;
    browser.tab("Tools").await;
    browser
        .click("li[data-tool='paced'] button.open-tool")
        .await;
    browser.click("#start-tool").await;
    browser.wait_for("#pacer-label").await;
    // Past the minute, and past the 5-second check after it.
    tokio::time::sleep(Duration::from_secs(72)).await;
    assert_eq!(
        browser.count("#pacer-label").await,
        1,
        "the pacer is still there, not the lock screen"
    );
    assert!(!device.is_locked());
    browser.click("#stop-tool").await;
    browser.finish().await;
}
