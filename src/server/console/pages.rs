//! The staff console's pages: Dioxus components rendered to plain HTML on the server, with plain
//! forms, so the console works in any browser without JavaScript. Dioxus escapes every text and
//! attribute value, so nothing staff or people typed can become markup.

use dioxus::prelude::*;

use crate::server::staff_store::{AuditLine, Totals};

const STYLE: &str = concat!(
    include_str!("../../../assets/css/tokens.css"),
    include_str!("../../../assets/css/help.css"),
    include_str!("../../../assets/css/console.css"),
);

/// The console's one script (assets/console/console.js): the Copy button for invite codes, and
/// the safeguarding inbox's cryptography, done in the browser so the server never holds the
/// safeguarding key or a concern's words. Every other page works without it.
const SCRIPT: &str = include_str!("../../../assets/console/console.js");

/// The console's Content-Security-Policy: only its own inline stylesheet and script (by hash),
/// images only from itself or data (the QR codes), forms post only to itself.
pub(crate) fn content_security_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        format!(
            "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; \
             img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            crate::crypto::sha256_base64(STYLE.as_bytes()),
            crate::crypto::sha256_base64(SCRIPT.as_bytes())
        )
    })
}

/// A whole page around `body`.
pub(crate) fn page(title: &str, signed_in_as: Option<(&str, &str)>, body: Element) -> String {
    let html = dioxus_ssr::render_element(rsx! {
        header { class: "console-header",
            span { class: "app-name", "Steady · Staff" }
            if let Some((name, csrf)) = signed_in_as {
                nav { aria_label: "Console",
                    a { href: "/staff", "Home" }
                    a { href: "/staff/people", "People" }
                    a { href: "/staff/directory", "Crisis contacts" }
                    a { href: "/staff/care", "Duty of care" }
                    a { href: "/staff/safeguarding", "Safeguarding" }
                    a { href: "/staff/audit", "Audit log" }
                }
                form { method: "post", action: "/staff/sign-out",
                    input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                    span { class: "muted", "Signed in as {name} " }
                    button { r#type: "submit", "Sign out" }
                }
            }
        }
        main { id: "content", {body} }
    });
    let title = dioxus_ssr::render_element(rsx! { "{title}" });
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\"><title>{title} · Steady staff</title>\
         <style>{STYLE}</style></head><body>{html}<script>{SCRIPT}</script></body></html>"
    )
}

pub(crate) fn sign_in(csrf: &str, problem: Option<&str>, name: &str) -> String {
    page(
        "Sign in",
        None,
        rsx! {
            h1 { "Sign in" }
            form { method: "post", action: "/staff/sign-in", class: "card",
                input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                if let Some(problem) = problem {
                    p { id: "sign-in-problem", class: "error", role: "alert", "{problem}" }
                }
                label { r#for: "name", "Your name" }
                input {
                    id: "name", name: "name", autocomplete: "username", required: true, value: "{name}",
                    aria_describedby: if problem.is_some() { "sign-in-problem" },
                }
                label { r#for: "password", "Password" }
                input {
                    id: "password", name: "password", r#type: "password",
                    autocomplete: "current-password", required: true,
                    aria_describedby: if problem.is_some() { "sign-in-problem" },
                }
                button { r#type: "submit", class: "primary", "Sign in" }
            }
        },
    )
}

pub(crate) fn home(name: &str, csrf: &str, program: &str, totals: &Totals) -> String {
    page(
        "Home",
        Some((name, csrf)),
        rsx! {
            h1 { "{program}" }
            section { class: "card", aria_labelledby: "totals-title",
                h2 { id: "totals-title", "The program at a glance" }
                dl { id: "totals",
                    dt { "Mentees enrolled" } dd { "{totals.mentees}" }
                    dt { "Mentors enrolled" } dd { "{totals.mentors}" }
                    dt { "Mentees active in the last 7 days" } dd { "{totals.active_7_days}" }
                    dt { "Mentees active in the last 30 days" } dd { "{totals.active_30_days}" }
                    dt { "Invites waiting to be used" } dd { "{totals.pending_invites}" }
                    dt { "Replies from mentors in the last 30 days" }
                    dd { id: "replies-count",
                        if totals.mentees >= crate::server::staff_store::SMALL_GROUP {
                            "{totals.replies_30_days}"
                        } else {
                            "Shown from 10 mentees"
                        }
                    }
                }
                p { class: "muted",
                    "Steady never shows entry content here: the server can't read what mentees share."
                }
            }
        },
    )
}

pub(crate) fn audit(name: &str, csrf: &str, lines: &[AuditLine]) -> String {
    page(
        "Audit log",
        Some((name, csrf)),
        rsx! {
            h1 { "Audit log" }
            p { class: "muted", "Every staff action, newest first. It can't be edited." }
            ol { id: "audit", class: "plain-list audit-list",
                for (i, line) in lines.iter().enumerate() {
                    li { key: "{i}", class: "card audit-line",
                        p { class: "muted",
                            {chrono::DateTime::from_timestamp(line.at, 0).map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default()}
                        }
                        p { strong { "{line.staff}" } " {line.action}" }
                        if !line.detail.is_empty() { p { class: "audit-detail", "{line.detail}" } }
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
            p { a { href: "/staff/sign-in", "Go to sign in" } }
        },
    )
}
