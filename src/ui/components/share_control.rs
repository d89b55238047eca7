//! The share control on a check-in or goal: shows who can see it, and opens a choice of "just for
//! me", "share" or "share without my notes" with a preview of exactly what the mentor will see.
//! Sharing is with the mentor the mentee has now, by name. Before a mentee's first share, the
//! program's confidentiality statement says what the mentor keeps and what they must pass on.

use dioxus::prelude::*;

use super::{CareStatement, SharedView};
use crate::domain::{ShareKind, ShareMode};
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn ShareControl(kind: ShareKind, item_id: String, label: String) -> Element {
    let mut session = use_session();
    session.track();
    let device = session.device();
    let current = device
        .share_mode(kind, &item_id)
        .unwrap_or(ShareMode::Private);
    let mut open = use_signal(|| false);
    let mut choice = use_signal(move || current);
    let mut problem = use_signal(|| None::<String>);
    // Set while the confidentiality statement is shown before a first share.
    let mut telling = use_signal(|| false);
    let id = item_id.clone();
    let with = device
        .shared_with(kind, &item_id)
        .ok()
        .flatten()
        .unwrap_or_else(|| "your mentor".into());
    let state_text = match current {
        ShareMode::Private => "Just for me".to_owned(),
        ShareMode::Shared => format!("Shared with {with}"),
        ShareMode::SharedWithoutNote => format!("Shared with {with}, notes kept private"),
    };

    if !open() {
        return rsx! {
            button {
                r#type: "button",
                class: "share-toggle",
                "data-share": current.key(),
                aria_label: if current.is_shared() { "Shared: {state_text}. Change who can see {label}" } else { "Private: {state_text}. Change who can see {label}" },
                onclick: move |_| {
                    choice.set(current);
                    open.set(true);
                },
                if current.is_shared() { "Shared" } else { "Private" }
            }
        };
    }

    let modes: &[ShareMode] = match kind {
        ShareKind::SafetyPlan => &[ShareMode::Private, ShareMode::Shared],
        _ => &[
            ShareMode::Private,
            ShareMode::Shared,
            ShareMode::SharedWithoutNote,
        ],
    };
    // Read only once the choice is open: History renders a control on every check-in.
    let connected = device.enrolment().ok().flatten().is_some();
    let mentors = device
        .mentors_in_words()
        .unwrap_or_else(|_| "your mentor".into());
    let (save_id, save_label) = (id.clone(), label.clone());
    let mut save = move || {
        let device = session.device();
        match device.set_share(kind, &save_id, choice(), &save_label) {
            Ok(()) => {
                problem.set(None);
                telling.set(false);
                open.set(false);
                session.changed();
            }
            Err(err) => problem.set(Some(err.to_string())),
        }
    };
    if telling() {
        let (care, own) = device.program_care();
        return rsx! {
            div {
                class: "share-panel card",
                id: "before-sharing",
                role: "group",
                aria_labelledby: "before-sharing-title",
                tabindex: "-1",
                onmounted: focus_when_mounted,
                h3 { id: "before-sharing-title", "Before you share" }
                CareStatement { care, own, mentor: false }
                p { class: "hint", "You can read this again any time in Privacy." }
                div { class: "row",
                    button {
                        r#type: "button",
                        class: "primary",
                        id: "understood-share",
                        onclick: move |_| {
                            if let Err(err) = session.device().mark_care_seen() {
                                problem.set(Some(err.to_string()));
                                return;
                            }
                            save();
                        },
                        "I understand. Share it"
                    }
                    button { r#type: "button", id: "not-now-share", onclick: move |_| telling.set(false), "Not now" }
                }
            }
        };
    }
    let preview = device.share_preview(kind, &id, choice()).ok().flatten();
    let group = format!("share-{id}");
    rsx! {
        div {
            class: "share-panel card",
            role: "group",
            aria_label: "Who can see {label}",
            tabindex: "-1",
            // Keyboard and screen-reader focus follows the person into the choice they opened.
            onmounted: focus_when_mounted,
            fieldset {
                legend { "Who can see this?" }
                for mode in modes.iter().copied() {
                    label { key: "{mode.key()}", class: "choice",
                        input {
                            r#type: "radio",
                            name: "{group}",
                            value: mode.key(),
                            checked: choice() == mode,
                            onchange: move |_| choice.set(mode),
                        }
                        match mode {
                            ShareMode::Shared => format!(" Share with {mentors}"),
                            ShareMode::SharedWithoutNote => format!(" Share with {mentors}, keep my notes private"),
                            ShareMode::Private => format!(" {}", mode.label()),
                        }
                    }
                }
            }
            if let Some(content) = preview {
                div { class: "share-preview", aria_live: "polite",
                    p { class: "hint", "{mentors} will see exactly this:" }
                    SharedView { content }
                }
            } else {
                p { class: "hint", aria_live: "polite", "Only you can see this." }
            }
            if choice().is_shared() && !connected {
                p { class: "hint", id: "share-later",
                    "You're not connected to a mentor yet. It will be shared once you connect in Sharing."
                }
            }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            div { class: "row",
                button {
                    r#type: "button",
                    class: "primary",
                    id: "save-share",
                    onclick: move |_| {
                        // The first share tells the mentee what the mentor keeps, and what not.
                        if choice().is_shared() && !session.device().care_seen().unwrap_or(false) {
                            telling.set(true);
                        } else {
                            save();
                        }
                    },
                    "Save"
                }
                button {
                    r#type: "button",
                    onclick: move |_| open.set(false),
                    "Cancel"
                }
            }
        }
    }
}
