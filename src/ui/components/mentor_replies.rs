//! The mentor's half, in mentor mode: "I saw this" on a request for contact, a short note on a
//! shared check-in or goal (kind presets; their own words only where the program allows), a
//! cheer for a goal step, what was sent (and seen, only if the mentee lets them see), and their
//! availability line. When the mentee has turned replies off, or a note is being looked at, the
//! compose says why instead.

use dioxus::prelude::*;

use crate::domain::Reply;
use crate::domain::replies::{PRESETS, preset_words};
use crate::i18n::Say;
use crate::state::ComposeState;
use crate::ui::use_session;

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// "I saw this. I'll be in touch", with a few words if the program allows.
#[component]
pub fn AckButton(mentee_id: String, request_id: String) -> Element {
    let mut session = use_session();
    let lang = session.lang();
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
        return rsx! { p { class: "status acked", {t!(lang, "acked")} } };
    }
    rsx! {
        div { class: "ack",
            if free_text {
                label { r#for: "ack-words-{request_id}", {t!(lang, "a-few-words")} }
                input {
                    id: "ack-words-{request_id}",
                    class: "ack-words",
                    maxlength: "280",
                    initial_value: "{words}",
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
                            Err(err) => problem.set(Some(err.say(lang))),
                        }
                    }
                },
                {t!(lang, "ack-words")}
            }
            p { class: "hint", {t!(lang, "ack-hint")} }
            if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
        }
    }
}

/// A short note on one shared item.
#[component]
pub fn NoteComposer(mentee_id: String, about: String) -> Element {
    let mut session = use_session();
    let lang = session.lang();
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
        return rsx! { p { class: "hint compose-closed", {why.say(lang)} } };
    }
    rsx! {
        div { class: "note-composer",
            if sent() {
                p { role: "status", class: "status note-sent", {t!(lang, "note-sent")} }
            }
            if !open() {
                button { r#type: "button", class: "open-note",
                    onclick: move |_| { sent.set(false); open.set(true) },
                    {t!(lang, "send-a-note")}
                }
            } else {
                fieldset {
                    legend { {t!(lang, "send-kind-note")} }
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
                            " " {preset_words(lang, text)}
                        }
                    }
                }
                if free_text {
                    label { r#for: "{group}-words", {t!(lang, "own-words")} }
                    textarea {
                        id: "{group}-words",
                        class: "note-words",
                        rows: "2",
                        maxlength: "280",
                        initial_value: "{words}",
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
                                    Err(err) => problem.set(Some(err.say(lang))),
                                }
                            }
                        },
                        {t!(lang, "send")}
                    }
                    button { r#type: "button", onclick: move |_| open.set(false), {t!(lang, "cancel")} }
                }
            }
        }
    }
}

/// A cheer for each step of a shared goal that is done.
#[component]
pub fn CheerSteps(mentee_id: String, goal_id: String, done: Vec<String>) -> Element {
    let mut session = use_session();
    let lang = session.lang();
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
                    span { class: "grow", {t!(lang, "done-step", step = &step)} }
                    if cheered.contains(&step) {
                        span { class: "muted", {t!(lang, "cheered")} }
                    } else {
                        button {
                            r#type: "button",
                            class: "cheer",
                            aria_label: t!(lang, "cheer-aria", step = &step),
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
                            {t!(lang, "cheer")}
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
    let lang = session.lang();
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
            h2 { id: "sent-title", {t!(lang, "what-you-sent", name = &mentee_name)} }
            ul { class: "plain-list",
                for (i, item) in shown.iter().enumerate() {
                    li { key: "{i}", class: "sent-reply",
                        span { {item.reply.words_for_mentor(lang)} }
                        span { class: "muted small",
                            if !item.sent { " · " {t!(lang, "waiting-to-send")} }
                            else if item.seen { " · " {t!(lang, "seen")} }
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
    let lang = session.lang();
    let current = session.device().my_availability().ok().flatten();
    let mut typed = use_signal(|| current.clone().unwrap_or_default());
    let mut status = use_signal(String::new);
    rsx! {
        section { class: "card", id: "availability", aria_labelledby: "availability-title",
            h2 { id: "availability-title", {t!(lang, "availability-title")} }
            p { class: "hint", {t!(lang, "availability-hint")} }
            label { r#for: "availability-text", {t!(lang, "in-your-words")} }
            input {
                id: "availability-text",
                maxlength: "120",
                placeholder: t!(lang, "availability-placeholder"),
                initial_value: "{typed}",
                oninput: move |e: FormEvent| typed.set(e.value()),
            }
            div { class: "row",
                button {
                    r#type: "button",
                    id: "save-availability",
                    onclick: move |_| match session.device().set_availability(&typed()) {
                        Ok(()) => {
                            status.set(t!(lang, "availability-saved"));
                            session.changed();
                        }
                        Err(err) => status.set(err.say(lang)),
                    },
                    {t!(lang, "save")}
                }
            }
            p { role: "status", class: "status", id: "availability-status", "{status}" }
        }
    }
}
