//! The share control on a check-in or goal: shows who can see it, and opens a choice of "just for
//! me", "share" or "share without my notes" with a preview of exactly what the mentor will see.

use dioxus::prelude::*;

use super::SharedView;
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
    let id = item_id.clone();
    let state_text = match current {
        ShareMode::Private => "Just for me",
        ShareMode::Shared => "Shared with my mentor",
        ShareMode::SharedWithoutNote => "Shared, notes kept private",
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
                        " {mode.label()}"
                    }
                }
            }
            if let Some(content) = preview {
                div { class: "share-preview", aria_live: "polite",
                    p { class: "hint", "Your mentor will see exactly this:" }
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
                        match session.device().set_share(kind, &id, choice(), &label) {
                            Ok(()) => {
                                problem.set(None);
                                open.set(false);
                                session.changed();
                            }
                            Err(err) => problem.set(Some(err.to_string())),
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
