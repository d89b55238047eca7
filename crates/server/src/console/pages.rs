//! The staff console's pages: Dioxus components rendered to plain HTML on the server, with plain
//! forms, so the console works in any browser without JavaScript. Dioxus escapes every text and
//! attribute value, so nothing staff or people typed can become markup.

use dioxus::prelude::*;
use steady_core::i18n::Phrase;

use super::c;
use crate::storage::staff::{AuditLine, Totals};

const STYLE: &str = concat!(
    include_str!("../../../../assets/css/tokens.css"),
    include_str!("../../../../assets/css/help.css"),
    include_str!("../../../../assets/css/console.css"),
);

/// The console's one script (assets/console/console.js): the Copy button for invite codes, and
/// the safeguarding inbox's cryptography, done in the browser so the server never holds the
/// safeguarding key or a concern's words. Every other page works without it.
const SCRIPT: &str = include_str!("../../../../assets/console/console.js");

/// The console's Content-Security-Policy: only its own inline stylesheet and script (by hash),
/// images only from itself or data (the QR codes), forms post only to itself.
pub(crate) fn content_security_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        format!(
            "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; \
             img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            steady_core::crypto::sha256_base64(STYLE.as_bytes()),
            steady_core::crypto::sha256_base64(SCRIPT.as_bytes())
        )
    })
}

/// A whole page around `body`.
pub(crate) fn page(title: &str, signed_in_as: Option<(&str, &str)>, body: Element) -> String {
    let html = dioxus_ssr::render_element(rsx! {
        header { class: "console-header",
            span { class: "app-name", {c!("con-app-name")} }
            if let Some((name, csrf)) = signed_in_as {
                nav { aria_label: c!("con-nav"),
                    a { href: "/staff", {c!("con-nav-home")} }
                    a { href: "/staff/people", {c!("con-nav-people")} }
                    a { href: "/staff/directory", {c!("con-nav-directory")} }
                    a { href: "/staff/care", {c!("con-nav-care")} }
                    a { href: "/staff/safeguarding", {c!("con-nav-safeguarding")} }
                    a { href: "/staff/audit", {c!("con-nav-audit")} }
                }
                form { method: "post", action: "/staff/sign-out",
                    input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                    span { class: "muted", {c!("con-signed-in-as", name = name)} " " }
                    button { r#type: "submit", {c!("con-sign-out")} }
                }
            }
        }
        main { id: "content", {body} }
    });
    let title = dioxus_ssr::render_element(rsx! { {c!("con-title-suffix", title = title)} });
    let lang = super::lang().code();
    // The script's words, as data in the page's language (not run, so the CSP allows it).
    let words = script_words();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\"><title>{title}</title>\
         <style>{STYLE}</style></head><body>{html}\
         <script type=\"application/json\" id=\"console-words\">{words}</script>\
         <script>{SCRIPT}</script></body></html>"
    )
}

/// The words console.js shows, in the page's language; `%1`, `%2`... stand for its values.
fn script_words() -> String {
    let words: Vec<(&str, String)> = vec![
        ("js-copied", c!("js-copied")),
        ("js-why-not-item", c!("js-why-not-item")),
        ("js-why-signature", c!("js-why-signature")),
        ("js-why-not-enrolled", c!("js-why-not-enrolled")),
        ("js-why-devices-gone", c!("js-why-devices-gone")),
        ("js-why-key", c!("js-why-key")),
        ("js-why-differs", c!("js-why-differs")),
        ("js-passphrase-short", c!("js-passphrase-short")),
        ("js-passphrase-mismatch", c!("js-passphrase-mismatch")),
        ("js-no-crypto", c!("js-no-crypto")),
        ("js-key-failed", c!("js-key-failed", why = "%1")),
        (
            "js-check-in",
            c!("js-check-in", feeling = "%1", level = "%2"),
        ),
        ("js-feelings", c!("js-feelings", list = "%1")),
        ("js-about", c!("js-about", list = "%1")),
        ("js-note", c!("js-note", text = "%1")),
        ("js-goal", c!("js-goal", text = "%1")),
        ("js-why", c!("js-why", text = "%1")),
        ("js-done", c!("js-done", text = "%1")),
        ("js-step", c!("js-step", text = "%1")),
        ("js-goal-check-in", c!("js-goal-check-in", text = "%1")),
        ("js-safety-plan", c!("js-safety-plan")),
        ("js-asked", c!("js-asked")),
        ("js-cheered", c!("js-cheered", text = "%1")),
        ("js-saw", c!("js-saw")),
        ("js-unknown", c!("js-unknown")),
        ("js-wrong-passphrase", c!("js-wrong-passphrase")),
        ("js-older-key", c!("js-older-key")),
        ("js-reported", c!("js-reported", mentee = "%1")),
        ("js-worried", c!("js-worried", mentor = "%1")),
        ("js-shared", c!("js-shared", mentee = "%1")),
        (
            "js-unverified",
            c!("js-unverified", author = "%1", why = "%2"),
        ),
        (
            "js-verified-device",
            c!("js-verified-device", author = "%1"),
        ),
        ("js-verified-phone", c!("js-verified-phone", author = "%1")),
        ("js-sent-from", c!("js-sent-from", name = "%1")),
        ("js-sender-mismatch", c!("js-sender-mismatch")),
        ("js-not-told", c!("js-not-told", mentee = "%1", why = "%2")),
        ("js-cannot-open", c!("js-cannot-open")),
        ("js-opened-one", c!("js-opened-one")),
        ("js-opened-many", c!("js-opened-many", count = "%1")),
        ("js-fingerprint", c!("js-fingerprint", fingerprint = "%1")),
        ("js-no-own-key", c!("js-no-own-key")),
        (
            "js-no-access-yet",
            c!("js-no-access-yet", fingerprint = "%1"),
        ),
        ("js-open-first", c!("js-open-first")),
        ("js-own-code", c!("js-own-code", fingerprint = "%1")),
    ];
    let map: serde_json::Map<String, serde_json::Value> = words
        .into_iter()
        .map(|(key, text)| (key.to_owned(), serde_json::Value::String(text)))
        .collect();
    // Inside a <script> element, "</" must not appear.
    serde_json::Value::Object(map)
        .to_string()
        .replace("</", "<\\/")
}

/// Who did it: a staff member's name, a mentor or mentee (kept as a phrase, said in the page's
/// language), or the server's command line (`steady-server add-staff`).
fn who(staff: &str) -> String {
    if staff == "command line" {
        c!("con-command-line")
    } else {
        Phrase::say_text(super::lang(), staff)
    }
}

/// An audit line's action in the page's language (kept in English in the log itself, as written).
fn audit_action(action: &str) -> String {
    let key = format!(
        "audit-{}",
        action
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
    if steady_core::i18n::has(steady_core::i18n::Lang::En, &key) {
        steady_core::i18n::tr(super::lang(), &key)
    } else {
        action.to_owned()
    }
}

pub(crate) fn sign_in(csrf: &str, problem: Option<&str>, name: &str) -> String {
    page(
        &c!("con-sign-in"),
        None,
        rsx! {
            h1 { {c!("con-sign-in")} }
            form { method: "post", action: "/staff/sign-in", class: "card",
                input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                if let Some(problem) = problem {
                    p { id: "sign-in-problem", class: "error", role: "alert", "{problem}" }
                }
                label { r#for: "name", {c!("con-your-name")} }
                input {
                    id: "name", name: "name", autocomplete: "username", required: true, value: "{name}",
                    aria_describedby: if problem.is_some() { "sign-in-problem" },
                }
                label { r#for: "password", {c!("con-password")} }
                input {
                    id: "password", name: "password", r#type: "password",
                    autocomplete: "current-password", required: true,
                    aria_describedby: if problem.is_some() { "sign-in-problem" },
                }
                button { r#type: "submit", class: "primary", {c!("con-sign-in")} }
            }
        },
    )
}

pub(crate) fn home(name: &str, csrf: &str, program: &str, totals: &Totals) -> String {
    page(
        &c!("con-nav-home"),
        Some((name, csrf)),
        rsx! {
            h1 { "{program}" }
            section { class: "card", aria_labelledby: "totals-title",
                h2 { id: "totals-title", {c!("con-at-a-glance")} }
                dl { id: "totals",
                    dt { {c!("con-mentees-enrolled")} } dd { "{totals.mentees}" }
                    dt { {c!("con-mentors-enrolled")} } dd { "{totals.mentors}" }
                    dt { {c!("con-active-7")} } dd { "{totals.active_7_days}" }
                    dt { {c!("con-active-30")} } dd { "{totals.active_30_days}" }
                    dt { {c!("con-invites-waiting")} } dd { "{totals.pending_invites}" }
                    dt { {c!("con-replies-30")} }
                    dd { id: "replies-count",
                        if totals.mentees >= crate::storage::staff::SMALL_GROUP {
                            "{totals.replies_30_days}"
                        } else {
                            {c!("con-shown-from-10")}
                        }
                    }
                }
                p { class: "muted",
                    {c!("con-no-content")}
                }
            }
        },
    )
}

pub(crate) fn audit(name: &str, csrf: &str, lines: &[AuditLine]) -> String {
    page(
        &c!("con-nav-audit"),
        Some((name, csrf)),
        rsx! {
            h1 { {c!("con-nav-audit")} }
            p { class: "muted", {c!("con-audit-intro")} }
            ol { id: "audit", class: "plain-list audit-list",
                for (i, line) in lines.iter().enumerate() {
                    li { key: "{i}", class: "card audit-line",
                        p { class: "muted",
                            {chrono::DateTime::from_timestamp(line.at, 0).map(|t| c!("con-utc", date = t.format("%Y-%m-%d").to_string(), time = t.format("%H:%M").to_string())).unwrap_or_default()}
                        }
                        p { strong { {who(&line.staff)} } " " {audit_action(&line.action)} }
                        if !line.detail.is_empty() { p { class: "audit-detail", {Phrase::say_text(super::lang(), &line.detail)} } }
                    }
                }
            }
        },
    )
}

pub(crate) fn refused(status_words: &str, message: &str) -> String {
    page(
        status_words,
        None,
        rsx! {
            h1 { "{status_words}" }
            p { role: "alert", "{message}" }
            p { a { href: "/staff/sign-in", {c!("con-go-sign-in")} } }
        },
    )
}
