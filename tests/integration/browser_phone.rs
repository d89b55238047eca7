//! What the phone's shell relies on, checked in a real browser through the preview (the same app
//! the phone's web view runs): back goes back through the places visited and never loses the app,
//! the page asks to be drawn edge to edge and keeps clear of the system bars, and the crisis
//! card's buttons are plain call, text and web links.

use serde_json::json;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

async fn current_tab(browser: &Browser) -> serde_json::Value {
    browser
        .js(
            "const b = document.querySelector(\"nav.tab-bar button[aria-current='page']\");
             return b ? b.dataset.tab : (document.querySelector('#privacy-title') ? 'Privacy' : null);",
            vec![],
        )
        .await
}

async fn back_to(browser: &Browser, expected: &str) {
    browser.client.back().await.expect("back");
    browser
        .wait_until(
            &format!("back returns to {expected}"),
            "const b = document.querySelector(\"nav.tab-bar button[aria-current='page']\");
             return !!b && b.dataset.tab === arguments[0];",
            vec![json!(expected)],
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn back_returns_through_the_places_visited_and_the_page_keeps_clear_of_the_bars() {
    let Some(browser) = Browser::start("phone_shell").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("bo")).await;
    assert_eq!(current_tab(&browser).await, json!("Today"));
    browser.tab("Tools").await;
    browser.tab("Goals").await;
    browser.click("#get-help").await;
    browser
        .wait_for("nav.tab-bar button[data-tab='Help'][aria-current='page']")
        .await;
    back_to(&browser, "Goals").await;
    back_to(&browser, "Tools").await;
    back_to(&browser, "Today").await;
    // A form sent inside the app adds no history of its own, so back still means "the last place".
    browser.tab("History").await;
    browser.click("#open-privacy").await;
    browser.click("#set-passcode").await;
    let length = browser.js("return history.length;", vec![]).await;
    browser.type_into("#passcode-new", "1\n").await;
    browser.wait_for_text("#passcode-problem", "Use").await;
    assert_eq!(browser.js("return history.length;", vec![]).await, length);
    back_to(&browser, "History").await;
    // Still the app, on the same device page, with everything working.
    assert!(
        browser
            .js("return location.pathname;", vec![])
            .await
            .as_str()
            .is_some_and(|path| path.ends_with("/d/bo"))
    );

    // Drawn edge to edge, and the header and tabs move clear of the system bars.
    let viewport = browser
        .js(
            "return document.querySelector('meta[name=viewport]').content;",
            vec![],
        )
        .await;
    assert!(
        viewport
            .as_str()
            .is_some_and(|v| v.contains("viewport-fit=cover")),
        "{viewport}"
    );
    let moved = browser
        .js(
            "const header = document.querySelector('.app-header');
             const tabs = document.querySelector('.tab-bar');
             const before = [parseFloat(getComputedStyle(header).paddingTop),
                             parseFloat(getComputedStyle(tabs).paddingBottom)];
             document.documentElement.style.setProperty('--inset-top', '31px');
             document.documentElement.style.setProperty('--inset-bottom', '17px');
             const after = [parseFloat(getComputedStyle(header).paddingTop),
                            parseFloat(getComputedStyle(tabs).paddingBottom)];
             return [after[0] - before[0], after[1] - before[1]];",
            vec![],
        )
        .await;
    assert_eq!(moved, json!([31, 17]));

    // Every crisis button is a call, text or web link the phone's dialer, messages or browser
    // opens (see platform::route_link for where each goes on a phone).
    browser.click("#get-help").await;
    browser.wait_for(".contact a").await;
    let hrefs = browser
        .js(
            "return [...document.querySelectorAll('.contact a')].map(a => a.getAttribute('href'));",
            vec![],
        )
        .await;
    let hrefs: Vec<String> = serde_json::from_value(hrefs).unwrap();
    assert!(hrefs.contains(&"tel:988".to_string()), "{hrefs:?}");
    for href in &hrefs {
        assert!(
            matches!(
                steady::platform::route_link(href),
                steady::platform::LinkRoute::Open(_)
            ),
            "{href} would go nowhere on a phone"
        );
    }
    browser.finish().await;
}
