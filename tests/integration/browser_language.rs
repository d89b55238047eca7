//! Steady in Spanish, in a real browser: a check-in, a tool and the crisis card with its Spanish
//! ways in (988: press 2 or text AYUDA; the Crisis Text Line: text AYUDA), the choice in Privacy
//! that is kept on the phone and spoken by the lock screen and its help while locked.

use serde_json::json;
use steady::i18n::{Lang, tr};

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

/// The page's own language attribute, for screen readers.
async fn page_lang(browser: &Browser) -> String {
    browser
        .js("return document.documentElement.lang;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn in_spanish_a_check_in_a_tool_and_the_crisis_card_speak_spanish() {
    let Some(browser) = Browser::start("spanish_walk").await else {
        return;
    };
    let server = PreviewServer::start().await;
    // The browser's language is English; the page asks for Spanish, as a phone set to it would.
    browser
        .open(&format!("{}?lang=es", server.device_url("lucia")))
        .await;
    browser
        .wait_for_text("#feeling-title", "¿Cómo te sientes ahora?")
        .await;
    assert_eq!(page_lang(&browser).await, "es");

    // A check-in: one tap, and the app says it is saved, in Spanish.
    browser.click("button[data-mood='4']").await;
    browser
        .wait_for_text("#save-status", "Guardado. Solo tú puedes verlo.")
        .await;
    let mood_words = browser
        .js(
            "return document.querySelector(\"button[data-mood='4']\").textContent;",
            vec![],
        )
        .await;
    assert!(
        mood_words
            .as_str()
            .unwrap()
            .contains(&tr(Lang::Es, "mood-level-4")),
        "{mood_words}"
    );

    // A tool: its name and its first phase in Spanish.
    browser.tab("Tools").await;
    browser
        .wait_for_text("li[data-tool='box']", "Respiración en cuadrado")
        .await;
    browser.click("li[data-tool='box'] button.open-tool").await;
    browser.click("#start-tool").await;
    browser.wait_for_text("#pacer-label", "Inhala").await;
    browser.click("#stop-tool").await;

    // The crisis card: 988 by its Spanish name, how to reach Spanish speakers, and text buttons
    // that open the messages app with AYUDA already typed.
    browser.tab("Help").await;
    browser.wait_for("#crisis-card").await;
    browser
        .wait_for_text("h1#help-title", &tr(Lang::Es, "help-title"))
        .await;
    browser
        .wait_for_text(
            "#crisis-card",
            "988 Línea de Prevención del Suicidio y Crisis",
        )
        .await;
    browser.wait_for_text("#crisis-card", "marca 2").await;
    let texts = browser
        .js(
            "return [...document.querySelectorAll('#crisis-card a[href^=\"sms:\"]')]
                 .map(a => [a.getAttribute('href'), a.textContent, a.getAttribute('aria-label') || '']);",
            vec![],
        )
        .await;
    let texts = texts.as_array().unwrap();
    for href in ["sms:988?&body=AYUDA", "sms:741741?&body=AYUDA"] {
        let link = texts
            .iter()
            .find(|t| t[0] == json!(href))
            .unwrap_or_else(|| panic!("{href} missing: {texts:?}"));
        assert!(
            link[1].as_str().unwrap().contains("AYUDA"),
            "the button says what it types: {link:?}"
        );
    }
    assert!(
        texts
            .iter()
            .all(|t| !t[1].as_str().unwrap().contains("HOME")),
        "no English keyword on a Spanish card: {texts:?}"
    );
    // In Spanish, the Crisis Text Line is on WhatsApp too (442-AYUDAME), and 988's chat button
    // opens its Spanish chat, not the English one.
    let links = |contact: &str| {
        format!(
            "return [...document.querySelectorAll('#crisis-card li[data-contact=\"{contact}\"] a')]
                 .map(a => [a.getAttribute('href'), a.textContent]);"
        )
    };
    let text_line = browser.js(&links("Crisis Text Line"), vec![]).await;
    assert!(
        text_line.as_array().unwrap().contains(&json!([
            "https://wa.me/14422983263",
            "WhatsApp (442) 298-3263"
        ])),
        "{text_line}"
    );
    browser.wait_for_text("#crisis-card", "442-AYUDAME").await;
    let lifeline = browser
        .js(&links("988 Suicide & Crisis Lifeline"), vec![])
        .await;
    let lifeline = lifeline.as_array().unwrap();
    assert!(
        lifeline.contains(&json!(["https://988lineadevida.org", "Chatear en línea"])),
        "{lifeline:?}"
    );
    assert!(
        !lifeline.contains(&json!(["https://988lifeline.org/chat", "Chatear en línea"])),
        "{lifeline:?}"
    );
    // Under the line for danger: texting 911, in Spanish.
    browser
        .wait_for_text(
            ".danger-note + .text-911 a[href='sms:911']",
            "¿No puedes hablar?",
        )
        .await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn choosing_spanish_in_privacy_is_kept_and_the_lock_screen_speaks_it() {
    let Some(browser) = Browser::start("choose_spanish").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let device = server.devices.get("mateo").unwrap().unwrap();
    browser.open(&server.device_url("mateo")).await;
    browser
        .wait_for_text("#feeling-title", "How are you feeling right now?")
        .await;
    assert_eq!(page_lang(&browser).await, "en");

    // One tap in Privacy: the whole app turns Spanish at once, and the phone keeps the choice.
    browser.click("#open-privacy").await;
    browser.click("#language input[value='es']").await;
    browser
        .wait_for_text("#language-title", &tr(Lang::Es, "language-title"))
        .await;
    assert_eq!(page_lang(&browser).await, "es");
    assert_eq!(device.settings().language, Some(Lang::Es));

    // Locked, the phone still speaks Spanish, and its help does too, before any passcode.
    device
        .set_passcode(None, "piedras del río", "piedras del río")
        .unwrap();
    browser.open(&server.device_url("mateo")).await;
    browser
        .wait_for_text("h1", &tr(Lang::Es, "welcome-back"))
        .await;
    browser.click("#get-help").await;
    browser.wait_for("#crisis-card").await;
    browser.wait_for_text("#crisis-card", "AYUDA").await;

    // Back to the phone's language: a browser in English shows English again.
    browser.click("#back-to-lock").await;
    browser.unlock("piedras del río").await;
    browser.wait_for("#open-privacy").await;
    browser.click("#open-privacy").await;
    browser.click("#language input[value='system']").await;
    browser.wait_for_text("#language-title", "Language").await;
    assert_eq!(device.settings().language, None);

    // "The phone's language" follows what the browser says, not the machine serving the
    // preview: a page asking for Spanish goes back to Spanish after a turn in English.
    browser
        .open(&format!("{}?lang=es", server.device_url("sofia")))
        .await;
    browser
        .wait_for_text("#feeling-title", &tr(Lang::Es, "today-title"))
        .await;
    browser.click("#open-privacy").await;
    browser.click("#language input[value='en']").await;
    browser.wait_for_text("#language-title", "Language").await;
    browser.click("#language input[value='system']").await;
    browser
        .wait_for_text("#language-title", &tr(Lang::Es, "language-title"))
        .await;
    assert_eq!(page_lang(&browser).await, "es");
    browser.finish().await;
}
