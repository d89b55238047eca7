//! History in a real browser: the chart shows today's check-ins in words and bars, entries can be
//! edited, and a delete can be undone.

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

#[tokio::test(flavor = "multi_thread")]
async fn the_week_and_month_charts_describe_the_check_ins() {
    let Some(browser) = Browser::start("charts").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("lee")).await;
    browser.wait_for("#get-help").await;
    for mood in ["5", "3"] {
        browser.click(&format!("button[data-mood='{mood}']")).await;
        browser.wait_for("#details").await;
        browser.click("#close-details").await;
        browser.wait_gone("#details").await;
    }
    browser.tab("History").await;
    browser
        .wait_for_text(
            "#chart-summary",
            "In the last 7 days: 2 check-ins on 1 day.",
        )
        .await;
    assert_eq!(
        browser.count("#mood-chart rect.bar").await,
        1,
        "one day, one bar"
    );
    let label = browser
        .js(
            "return document.querySelector('#mood-chart svg').getAttribute('aria-label');",
            vec![],
        )
        .await;
    assert!(label.as_str().unwrap_or("").contains("2 check-ins"));
    // The day keeps its hard and its good moment: the bar runs from 3 to 5, not just their middle.
    let range = browser
        .js(
            "const bar = document.querySelector('#mood-chart rect.bar');
             return [bar.dataset.low, bar.dataset.high];",
            vec![],
        )
        .await;
    assert_eq!(range, serde_json::json!(["3", "5"]));
    browser
        .wait_for_text("#chart-summary", "They went from “Okay” to “Really good”.")
        .await;
    // The axis is in words.
    let axis = browser
        .js(
            "return [...document.querySelectorAll('#mood-chart text.axis-label')].map(t => t.textContent);",
            vec![],
        )
        .await;
    for words in ["Really hard", "Okay", "Really good"] {
        assert!(
            axis.as_array().unwrap().contains(&serde_json::json!(words)),
            "{axis}"
        );
    }
    browser.click("button[data-range='Month']").await;
    browser
        .wait_for_text("#chart-summary", "In the last 30 days")
        .await;
    browser.screenshot("history").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entry_can_be_edited_and_a_delete_undone() {
    let Some(browser) = Browser::start("edit_delete_undo").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("max")).await;
    browser.click("button[data-mood='2']").await;
    browser.click("#close-details").await;
    browser.tab("History").await;

    browser.click("article.entry button.edit").await;
    browser.click("#details button[data-mood='3']").await;
    browser.type_into("#note", "Talked to my aunt").await;
    browser.click("#save-details").await;
    browser
        .wait_for_text("article.entry", "Okay (3 of 5)")
        .await;
    browser
        .wait_for_text("article.entry", "Talked to my aunt")
        .await;

    browser.click("article.entry button.delete").await;
    browser.wait_gone("article.entry").await;
    browser.wait_for_text(".toast", "Check-in deleted.").await;
    browser.click("#undo").await;
    browser
        .wait_for_text("article.entry", "Talked to my aunt")
        .await;
    browser.wait_gone(".toast").await;

    // A delete that is not undone stays deleted after a reload.
    browser.click("article.entry button.delete").await;
    browser.wait_gone("article.entry").await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.tab("History").await;
    browser.wait_for("#history-empty").await;
    browser.finish().await;
}
