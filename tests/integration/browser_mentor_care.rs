//! Mentors are cared for too, in a real browser against the real server: the coordinator writes
//! what the program offers its mentors; a mentor's Help has "For you too" (that support, their
//! coordinator, 988, words for a hard day); mentor mode has the grounding tools, and a tool that
//! didn't help offers the coordinator, not the mentee's "My people"; after a concern, a minute for
//! themselves is offered, once a day. Nothing of it reaches the server: every byte Sam's device
//! sends passes through a recording proxy.

use steady::domain::{MoodLevel, ShareKind, ShareMode};
use steady::sync::protocol::Role;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;
use crate::common::safeguarding::Inbox;
use crate::common::sync_server::{RecordingProxy, SyncServer, approve_mentor_devices};

const SUPPORT: &str =
    "Mentor circle on the first Tuesday at 6. After a hard visit, call Maya for a debrief.";

/// "GET /v1/…" for each request in `sent`, without its query.
fn requests(sent: &str) -> std::collections::BTreeSet<String> {
    sent.split("\r\n")
        .filter_map(|line| {
            let (method, rest) = line.split_once(' ')?;
            let path = rest.strip_suffix(" HTTP/1.1")?;
            ["GET", "POST", "PUT", "DELETE", "PATCH"]
                .contains(&method)
                .then(|| format!("{method} {}", path.split('?').next().unwrap_or(path)))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentor_has_tools_and_care_of_their_own_and_none_of_it_leaves_the_phone() {
    let Some(browser) = Browser::start("mentor_care").await else {
        return;
    };
    let sync = SyncServer::start().await;
    steady_server::add_staff(&sync.store, &sync.dir, "Maya", "a long staff password").unwrap();
    Inbox::set_up(&sync, "Dana Lee, safeguarding lead");

    // The coordinator writes what the program offers mentors, sees it beside Publish, publishes.
    browser.goto(&format!("{}/staff/sign-in", sync.base)).await;
    browser.type_into("#name", "Maya").await;
    browser
        .type_into("#password", "a long staff password\n")
        .await;
    browser.wait_for("#totals").await;
    browser.click("a[href='/staff/care']").await;
    browser.type_into("#coordinator_name", "Maya Chen").await;
    browser
        .type_into("#coordinator_phone", "(555) 010-0100")
        .await;
    browser.type_into("#mentor_support", SUPPORT).await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    browser.click("#save-care").await;
    browser.wait_for_text("#notice", "Saved").await;
    browser.click("#publish-care").await;
    browser
        .wait_for_text(
            "#publish-mentor-support",
            "Mentor circle on the first Tuesday",
        )
        .await;
    browser.click("#publish").await;
    browser.wait_for_text("#notice", "Published").await;

    // Alex shares a check-in; Sam's device talks to the server only through the proxy.
    let preview = PreviewServer::start().await;
    let proxy = RecordingProxy::start(&sync.base).await;
    let (alex_code, alex_id) = sync.invite(Role::Mentee, "Alex");
    let (sam_code, sam_id) = sync.invite(Role::Mentor, "Sam");
    sync.pair(&alex_id, &sam_id);
    let alex = preview.devices.get("alex").unwrap().unwrap();
    let sam = preview.devices.get("sam").unwrap().unwrap();
    sam.enroll(&proxy.url, &sam_code).await.unwrap();
    alex.enroll(&sync.base, &alex_code).await.unwrap();
    approve_mentor_devices(&alex).await;
    let entry = alex.log_mood(MoodLevel::new(1).unwrap()).unwrap();
    alex.set_share(
        ShareKind::Mood,
        entry.id.as_str(),
        ShareMode::Shared,
        "your check-in",
    )
    .unwrap();
    alex.sync_now().await.unwrap();
    sam.sync_now().await.unwrap();
    assert_eq!(sam.program_care().0.mentor_support, SUPPORT);

    sam.set_passcode(None, "sam keeps it safe", "sam keeps it safe")
        .unwrap();
    browser.open(&preview.device_url("sam")).await;
    browser.unlock("sam keeps it safe").await;
    let tabs = browser
        .js(
            "return [...document.querySelectorAll('nav.tab-bar button')].map(b => b.dataset.tab);",
            vec![],
        )
        .await;
    assert_eq!(tabs, serde_json::json!(["Mentees", "Tools", "Help"]));

    // Help: what to do for a mentee, then something for Sam.
    browser.tab("Help").await;
    browser
        .wait_for_text("#for-you-too h2", "For you too")
        .await;
    browser
        .wait_for_text("#mentor-support", "Mentor circle on the first Tuesday")
        .await;
    browser
        .wait_for_text("#for-you-coordinator", "talk it over with Maya Chen")
        .await;
    browser
        .wait_for("#for-you-too a[href='tel:+15550100100']")
        .await;
    browser
        .wait_for("#for-you-too a[href='tel:988'][aria-label='Call 988, for you']")
        .await;
    browser.wait_for("#for-you-too a[href='sms:988']").await;
    browser
        .wait_for_text("#hard-day", "You don't have to fix everything")
        .await;
    browser
        .wait_for_text("#hard-day", "Keep your mentee's story for your coordinator")
        .await;
    browser
        .wait_for_text("#for-you-private", "never sent to anyone")
        .await;
    assert_eq!(browser.accessibility_problems().await, Vec::<String>::new());
    browser.click("#for-you-tools").await;
    browser
        .wait_for("nav.tab-bar button[data-tab='Tools'][aria-current='page']")
        .await;
    browser
        .wait_for_text("#tools-for-you", "never sent to anyone")
        .await;
    assert_eq!(browser.accessibility_problems().await, Vec::<String>::new());

    // A concern: passed on, then a minute for Sam, with the coordinator one tap away.
    browser.tab("Mentees").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.click("article.card button.raise-concern").await;
    browser
        .type_into(
            "textarea.concern-reason",
            "Alex said home isn't safe tonight.",
        )
        .await;
    browser.click("button.send-concern").await;
    browser
        .wait_for_text(".concern-sent", "Passed on to Dana Lee")
        .await;
    browser
        .wait_for_text("#after-concern h3", "That was a lot to carry")
        .await;
    browser
        .wait_for("#after-concern a[href='tel:+15550100100']")
        .await;
    assert_eq!(browser.accessibility_problems().await, Vec::<String>::new());
    browser.click("#after-concern-tools").await;
    browser
        .wait_for("nav.tab-bar button[data-tab='Tools'][aria-current='page']")
        .await;

    // From here on, what Sam does is Sam's alone.
    let before = proxy.sent_text();
    browser
        .click("li[data-tool='senses'] button.open-tool")
        .await;
    browser
        .click("#rating-before + p + div button[data-rating='3']")
        .await;
    browser.click("#start-tool").await;
    browser.click("#stop-tool").await;
    browser.click("button[data-rating='8']").await;
    // A tool that didn't help: Sam's coordinator and 988, not "add people in Help", and not the
    // card's lines for young people.
    browser
        .wait_for_text("#reach-out-coordinator", "Maya Chen, is there for you too")
        .await;
    browser
        .wait_for("#reach-out a[href='tel:+15550100100']")
        .await;
    browser
        .wait_for("#reach-out a[href='tel:988'][aria-label='Call 988, for you']")
        .await;
    assert_eq!(browser.count("#reach-out-no-people").await, 0);
    assert_eq!(browser.count("#reach-out #open-lines").await, 0);
    browser.click("#reach-out-not-now").await;
    browser.click("#finish-tool").await;
    browser.wait_for("#tool-list").await;
    sam.sync_now().await.unwrap();
    let sent = proxy.sent_text();
    let after = &sent[before.len()..];
    assert!(
        requests(after).is_subset(&requests(&before)),
        "a tool run sends nothing a sync doesn't: {:?} beyond {:?}",
        requests(after),
        requests(&before)
    );
    for word in ["senses", "tool", "rating"] {
        assert!(!after.contains(word), "{word} went to the server");
    }

    // A second concern the same day: passed on, and no second offer.
    browser.tab("Mentees").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.click("article.card button.raise-concern").await;
    browser
        .type_into("textarea.concern-reason", "And she stopped answering.")
        .await;
    browser.click("button.send-concern").await;
    browser
        .wait_for_text(".concern-sent", "Passed on to Dana Lee")
        .await;
    assert_eq!(browser.count("#after-concern").await, 0);
    browser.finish().await;
}
