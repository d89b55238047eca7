//! Goals in a real browser: write one in your own words, add and tick steps, reorder, check in,
//! finish it with a calm celebration, reload and find it all; let a goal go; delete with undo; and
//! bad input (no title, a 10,000-character step) gets a plain message and loses nothing.

use serde_json::json;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

async fn step_texts(browser: &Browser) -> serde_json::Value {
    browser
        .js(
            "return [...document.querySelectorAll('#goal-steps li')].map(li => li.dataset.step);",
            vec![],
        )
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_goal_is_written_stepped_through_checked_in_and_completed() {
    let Some(browser) = Browser::start("goal_lifecycle").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("gia")).await;
    browser.tab("Goals").await;
    browser.click("#new-goal").await;
    // Saving with no words says what is needed and keeps the rest.
    browser.type_into("#goal-why", "So I feel stronger").await;
    browser.click("#save-goal").await;
    browser
        .wait_for_text("#goal-problem", "Give your goal a few words first.")
        .await;
    browser
        .type_into("#goal-title", "Get on the swim team")
        .await;
    browser
        .type_into("#goal-first-step", "Ask about tryouts")
        .await;
    browser.click("#save-goal").await;
    browser
        .wait_for_text("#goal-title-text", "Get on the swim team")
        .await;
    browser
        .wait_for_text("#goal-detail", "So I feel stronger")
        .await;
    // A goal made seconds ago isn't pushed towards "done": that button is a quiet one.
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#mark-done').classList.contains('primary');",
                vec![]
            )
            .await,
        json!(false)
    );
    // The open goal moves focus to its title, as a screen reader needs; type after that, as a
    // person would, so no key lands while focus moves.
    browser
        .wait_until(
            "the goal's title has focus",
            "return document.activeElement && document.activeElement.id === 'goal-title-text';",
            vec![],
        )
        .await;

    for step in ["Swim twice a week", "Time my laps"] {
        browser.type_and_submit("#new-step", step).await;
        browser.wait_for(&format!("li[data-step='{step}']")).await;
    }
    browser
        .click("button[aria-label='Move “Time my laps” up']")
        .await;
    browser
        .wait_until(
            "the step moved up",
            "return document.querySelectorAll('#goal-steps li')[1].dataset.step === 'Time my laps';",
            vec![],
        )
        .await;
    browser
        .click("li[data-step='Ask about tryouts'] input[type='checkbox']")
        .await;
    browser
        .wait_for_text("#goal-progress", "1 of 3 steps done")
        .await;

    // A step far too long is refused; what was typed stays.
    browser
        .js(
            "const f = document.querySelector('#new-step'); f.value = arguments[0];
             f.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!("s".repeat(10_000))],
        )
        .await;
    browser.click("#add-step").await;
    browser
        .wait_for_text("#goal-problem", "500 characters")
        .await;
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#new-step').value.length;",
                vec![]
            )
            .await,
        json!(10_000)
    );
    browser.clear_field("#new-step").await;

    browser.click("button[data-progress='3']").await;
    browser
        .type_into("#check-in-note", "Swam 10 laps today")
        .await;
    browser.click("#save-check-in").await;
    browser.wait_for_text("#goal-check-ins", "Going well").await;
    browser
        .wait_for_text("#goal-check-ins", "Swam 10 laps today")
        .await;

    browser.click("#mark-done").await;
    browser.wait_for_text("#celebration", "You did it.").await;
    browser.screenshot("goal-done").await;

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.tab("Goals").await;
    browser
        .wait_for("section[data-state='done'] li[data-goal='Get on the swim team']")
        .await;
    browser
        .click("button[aria-label='Open Get on the swim team']")
        .await;
    browser
        .wait_for_text("#goal-progress", "1 of 3 steps done")
        .await;
    assert_eq!(
        step_texts(&browser).await,
        json!(["Ask about tryouts", "Time my laps", "Swim twice a week"])
    );
    browser
        .wait_for_text("#goal-check-ins", "Swam 10 laps today")
        .await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_goal_can_rest_be_let_go_and_be_deleted_with_undo() {
    let Some(browser) = Browser::start("goal_states").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("lou")).await;
    browser.tab("Goals").await;
    browser.click("#new-goal").await;
    browser
        .type_into("#goal-title", "Learn to cook pasta")
        .await;
    browser.click("#save-goal").await;
    browser.click("#edit-goal").await;
    browser.clear_field("#goal-title").await;
    browser
        .type_into("#goal-title", "Cook pasta for my family")
        .await;
    browser.click("#save-goal").await;
    browser
        .wait_for_text("#goal-title-text", "Cook pasta for my family")
        .await;
    browser.click("#pause-goal").await;
    browser
        .wait_for_text("#goal-status", "Resting for now")
        .await;
    browser.click("#let-go").await;
    browser.wait_for_text("#let-go-note", "That's okay").await;
    // A goal let go asks for no more check-ins, and deleting is told apart from letting go.
    assert_eq!(browser.count("#save-check-in").await, 0);
    browser
        .wait_for_text("#let-go-hint", "Deleting removes it")
        .await;
    browser.click("#back-to-goals").await;
    browser
        .wait_for("section[data-state='let_go'] li[data-goal='Cook pasta for my family']")
        .await;

    browser
        .click("button[aria-label='Open Cook pasta for my family']")
        .await;
    browser.click("#delete-goal").await;
    browser.wait_for_text(".toast", "Goal deleted.").await;
    browser.wait_for("#goals-empty").await;
    browser.click("#undo").await;
    browser
        .wait_for("li[data-goal='Cook pasta for my family']")
        .await;
    browser.finish().await;
}
