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
    let lang = session.lang();
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
        .shared_with(kind, &item_id, lang)
        .ok()
        .flatten()
        .unwrap_or_else(|| t!(lang, "your-mentor"));
    let state_text = match current {
        ShareMode::Private => t!(lang, "share-just-me"),
        ShareMode::Shared => t!(lang, "share-state-shared", names = &with),
        ShareMode::SharedWithoutNote => t!(lang, "share-state-without-notes", names = &with),
    };

    if !open() {
        return rsx! {
            button {
                r#type: "button",
                class: "share-toggle",
                "data-share": current.key(),
                aria_label: if current.is_shared() { t!(lang, "share-toggle-shared-aria", state = &state_text, what = &label) } else { t!(lang, "share-toggle-private-aria", state = &state_text, what = &label) },
                onclick: move |_| {
                    choice.set(current);
                    open.set(true);
                },
                if current.is_shared() { {t!(lang, "shared")} } else { {t!(lang, "private")} }
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
        .mentors_in_words(lang)
        .unwrap_or_else(|_| t!(lang, "your-mentor"));
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
            Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
        }
    };
    if telling() {
        let (care, own) = device.program_care_in(lang);
        return rsx! {
            div {
                class: "share-panel card",
                id: "before-sharing",
                role: "group",
                aria_labelledby: "before-sharing-title",
                tabindex: "-1",
                onmounted: focus_when_mounted,
                h3 { id: "before-sharing-title", {t!(lang, "before-you-share")} }
                CareStatement { care, own, mentor: false }
                p { class: "hint", {t!(lang, "read-again-privacy")} }
                div { class: "row",
                    button {
                        r#type: "button",
                        class: "primary",
                        id: "understood-share",
                        onclick: move |_| {
                            if let Err(err) = session.device().mark_care_seen() {
                                problem.set(Some(crate::i18n::Say::say(&err, lang)));
                                return;
                            }
                            save();
                        },
                        {t!(lang, "understood-share")}
                    }
                    button { r#type: "button", id: "not-now-share", onclick: move |_| telling.set(false), {t!(lang, "not-now")} }
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
            aria_label: t!(lang, "who-can-see-aria", what = &label),
            tabindex: "-1",
            // Keyboard and screen-reader focus follows the person into the choice they opened.
            onmounted: focus_when_mounted,
            fieldset {
                legend { {t!(lang, "who-can-see")} }
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
                            ShareMode::Shared => format!(" {}", t!(lang, "share-with", names = &mentors)),
                            ShareMode::SharedWithoutNote => format!(" {}", t!(lang, "share-with-without-notes", names = &mentors)),
                            ShareMode::Private => format!(" {}", t!(lang, "share-just-me")),
                        }
                    }
                }
            }
            if let Some(content) = preview {
                div { class: "share-preview", aria_live: "polite",
                    p { class: "hint", {t!(lang, "will-see-exactly", names = &mentors)} }
                    SharedView { content }
                }
            } else {
                p { class: "hint", aria_live: "polite", {t!(lang, "only-you")} }
            }
            if choice().is_shared() && !connected {
                p { class: "hint", id: "share-later", {t!(lang, "share-later")} }
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
                    {t!(lang, "save")}
                }
                button {
                    r#type: "button",
                    onclick: move |_| open.set(false),
                    {t!(lang, "cancel")}
                }
            }
        }
    }
}
