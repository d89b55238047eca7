//! The mentor's half, in mentor mode: "I saw this" on a request for contact, a short note on a
//! shared check-in or goal (kind presets; their own words only where the program allows), a
//! cheer for a goal step, what was sent (and seen, only if the mentee lets them see), and their
//! availability line. When the mentee has turned replies off, or a note is being looked at, the
//! compose says why instead.

use dioxus::prelude::*;

use crate::domain::Reply;
use crate::domain::replies::{ACK_WORDS, PRESETS};
use crate::state::ComposeState;
use crate::ui::use_session;

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// "I saw this. I'll be in touch", with a few words if the program allows.
#[component]
pub fn AckButton(mentee_id: String, request_id: String) -> Element {
    let mut session = use_session();
    let device = session.device();
    let free_text = device.program_care().0.free_text_replies;
    let already = device
        .sent_replies(&mentee_id)
        .unwrap_or_default()
        .into_iter()
        .any(|s| matches!(&s.reply, Reply::Ack { request_id: id, .. } if *id == request_id));
    let mut words = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    if already {
        return rsx! { p { class: "status acked", "You told them you saw it." } };
    }
    rsx! {
        div { class: "ack",
            if free_text {
                label { r#for: "ack-words-{request_id}", "A few words (optional)" }
                input {
                    id: "ack-words-{request_id}",
                    class: "ack-words",
                    maxlength: "280",
                    value: "{words}",
                    oninput: move |e: FormEvent| words.set(e.value()),
                }
            }
            button {
                r#type: "button",
                class: "primary send-ack",
                onclick: {
                    let mentee_id = mentee_id.clone();
                    let request_id = request_id.clone();
                    move |_| {
                        let typed = words();
                        let reply = Reply::Ack {
                            request_id: request_id.clone(),
                            words: (!typed.trim().is_empty()).then(|| typed.trim().to_owned()),
                            at_ms: now_ms(),
                        };
                        match session.device().send_reply(&mentee_id, &reply) {
                            Ok(_) => {
                                problem.set(None);
                                session.changed();
                            }
                            Err(err) => problem.set(Some(err.to_string())),
                        }
                    }
                },
                "{ACK_WORDS}"
            }
            p { class: "hint", "It doesn't promise anything: it tells them someone saw it." }
            if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
        }
    }
}

/// A short note on one shared item.
#[component]
pub fn NoteComposer(mentee_id: String, about: String) -> Element {
    let mut session = use_session();
    let device = session.device();
    let state = device
        .compose_state(&mentee_id)
        .unwrap_or(ComposeState::Open);
    let free_text = device.program_care().0.free_text_replies;
    let mut open = use_signal(|| false);
    let mut preset = use_signal(|| None::<String>);
    let mut words = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    let mut sent = use_signal(|| false);
    let group = format!("note-{about}");
    if let ComposeState::Closed(why) = state {
        return rsx! { p { class: "hint compose-closed", "{why}" } };
    }
    rsx! {
        div { class: "note-composer",
            if sent() {
                p { role: "status", class: "status note-sent", "Sent. It goes at the next sync." }
            }
            if !open() {
                button { r#type: "button", class: "open-note",
                    onclick: move |_| { sent.set(false); open.set(true) },
                    "Send a note"
                }
            } else {
                fieldset {
                    legend { "Send a kind note" }
                    for text in PRESETS {
                        label { key: "{text}", class: "choice",
                            input {
                                r#type: "radio",
                                name: "{group}",
                                class: "preset",
                                value: "{text}",
                                checked: preset().as_deref() == Some(text),
                                onchange: move |_| preset.set(Some(text.to_owned())),
                            }
                            " {text}"
                        }
                    }
                }
                if free_text {
                    label { r#for: "{group}-words", "Or in your own words (up to 280 characters)" }
                    textarea {
                        id: "{group}-words",
                        class: "note-words",
                        rows: "2",
                        maxlength: "280",
                        value: "{words}",
                        oninput: move |e: FormEvent| words.set(e.value()),
                    }
                }
                if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
                div { class: "row",
                    button {
                        r#type: "button",
                        class: "primary send-note",
                        onclick: {
                            let mentee_id = mentee_id.clone();
                            let about = about.clone();
                            move |_| {
                                let typed = words();
                                let reply = Reply::Note {
                                    about: (!about.is_empty()).then(|| about.clone()),
                                    preset: preset(),
                                    words: (!typed.trim().is_empty()).then(|| typed.trim().to_owned()),
                                    at_ms: now_ms(),
                                };
                                match session.device().send_reply(&mentee_id, &reply) {
                                    Ok(_) => {
                                        problem.set(None);
                                        preset.set(None);
                                        words.set(String::new());
                                        open.set(false);
                                        sent.set(true);
                                        session.changed();
                                    }
                                    Err(err) => problem.set(Some(err.to_string())),
                                }
                            }
                        },
                        "Send"
                    }
                    button { r#type: "button", onclick: move |_| open.set(false), "Cancel" }
                }
            }
        }
    }
}

/// A cheer for each step of a shared goal that is done.
#[component]
pub fn CheerSteps(mentee_id: String, goal_id: String, done: Vec<String>) -> Element {
    let mut session = use_session();
    let device = session.device();
    if done.is_empty() {
        return rsx! {};
    }
    if let Ok(ComposeState::Closed(_)) = device.compose_state(&mentee_id) {
        return rsx! {};
    }
    let cheered: Vec<String> = device
        .sent_replies(&mentee_id)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| match s.reply {
            Reply::Cheer {
                goal_id: g, step, ..
            } if g == goal_id => Some(step),
            _ => None,
        })
        .collect();
    rsx! {
        ul { class: "plain-list cheers",
            for step in done {
                li { key: "{step}", class: "row",
                    span { class: "grow", "Done: {step}" }
                    if cheered.contains(&step) {
                        span { class: "muted", "Cheered" }
                    } else {
                        button {
                            r#type: "button",
                            class: "cheer",
                            aria_label: "Cheer: {step}",
                            onclick: {
                                let mentee_id = mentee_id.clone();
                                let goal_id = goal_id.clone();
                                let step = step.clone();
                                move |_| {
                                    let reply = Reply::Cheer {
                                        goal_id: goal_id.clone(),
                                        step: step.clone(),
                                        at_ms: now_ms(),
                                    };
                                    if session.device().send_reply(&mentee_id, &reply).is_ok() {
                                        session.changed();
                                    }
                                }
                            },
                            "Cheer"
                        }
                    }
                }
            }
        }
    }
}

/// What this mentor sent a mentee, newest first.
#[component]
pub fn SentReplies(mentee_id: String, mentee_name: String) -> Element {
    let session = use_session();
    let sent = session
        .device()
        .sent_replies(&mentee_id)
        .unwrap_or_default();
    let shown: Vec<_> = sent
        .into_iter()
        .rev()
        .filter(|s| !matches!(s.reply, Reply::Availability { .. }))
        .collect();
    if shown.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card", id: "sent-replies", aria_labelledby: "sent-title",
            h2 { id: "sent-title", "What you sent {mentee_name}" }
            ul { class: "plain-list",
                for (i, item) in shown.iter().enumerate() {
                    li { key: "{i}", class: "sent-reply",
                        span { "{item.reply.words_for_mentor()}" }
                        span { class: "muted small",
                            if !item.sent { " · waiting to send" }
                            else if item.seen { " · seen" }
                        }
                    }
                }
            }
        }
    }
}

/// "I usually reply within a day": what mentees see before they ask.
#[component]
pub fn AvailabilityForm() -> Element {
    let mut session = use_session();
    let current = session.device().my_availability().ok().flatten();
    let mut typed = use_signal(|| current.clone().unwrap_or_default());
    let mut status = use_signal(String::new);
    rsx! {
        section { class: "card", id: "availability", aria_labelledby: "availability-title",
            h2 { id: "availability-title", "When you usually reply" }
            p { class: "hint", "Your mentees see this before they ask you to get in touch. Keep it honest: you're not on call." }
            label { r#for: "availability-text", "In your words" }
            input {
                id: "availability-text",
                maxlength: "120",
                placeholder: "I usually reply within a day.",
                value: "{typed}",
                oninput: move |e: FormEvent| typed.set(e.value()),
            }
            div { class: "row",
                button {
                    r#type: "button",
                    id: "save-availability",
                    onclick: move |_| match session.device().set_availability(&typed()) {
                        Ok(()) => {
                            status.set("Saved. Your mentees get it at the next sync.".into());
                            session.changed();
                        }
                        Err(err) => status.set(err.to_string()),
                    },
                    "Save"
                }
            }
            p { role: "status", class: "status", id: "availability-status", "{status}" }
        }
    }
}
