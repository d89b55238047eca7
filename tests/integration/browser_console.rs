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
    steady::server::add_staff(&server.store, "Dana", "a long staff password").unwrap();
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
