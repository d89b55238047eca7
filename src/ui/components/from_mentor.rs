//! The mentee's side of replies: a quiet "From your mentor" place (newest first, each kept or
//! cleared, or reported to the program), the terms (replies on or off; may the mentor see what
//! was read), and on Today a calm line when a mentor saw a request, never a badge or a count.
//! Every one says plainly that mentors are not on call.

use dioxus::prelude::*;

use crate::domain::Reply;
use crate::ui::use_session;

/// Notes and acknowledgements from mentors, kept until the mentee clears them.
#[component]
pub fn FromMentor() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    // Looking here is reading: mentors see it only if the mentee said they may.
    use_hook(move || {
        let _ = session.device().mark_replies_read();
    });
    let replies: Vec<_> = session
        .device()
        .replies()
        .unwrap_or_default()
        .into_iter()
        .filter(|r| !matches!(r.reply, Reply::Availability { .. }))
        .collect();
    let mut problem = use_signal(|| None::<String>);
    let mut status = use_signal(String::new);
    let mut busy = use_signal(|| false);
    if replies.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card", id: "from-mentor", aria_labelledby: "from-mentor-title",
            h2 { id: "from-mentor-title", {t!(lang, "from-mentor")} }
            p { class: "muted small", {t!(lang, "not-on-call")} }
            ul { class: "plain-list",
                for reply in replies {
                    li { key: "{reply.reply_id}", class: "from-mentor-note", "data-reply": "{reply.reply_id}",
                        p { class: "muted small",
                            {t!(lang, "from-name", name = &reply.mentor_name)}
                            if reply.kept { " · " {t!(lang, "kept-lower")} }
                        }
                        p { class: "note-words", {reply.reply.words_for_mentee(lang, &reply.mentor_name)} }
                        div { class: "row",
                            button {
                                r#type: "button",
                                class: "keep-reply",
                                aria_pressed: if reply.kept { "true" } else { "false" },
                                onclick: {
                                    let id = reply.reply_id.clone();
                                    let kept = reply.kept;
                                    move |_| {
                                        if session.device().keep_reply(&id, !kept).is_ok() {
                                            session.changed();
                                        }
                                    }
                                },
                                if reply.kept { {t!(lang, "kept")} } else { {t!(lang, "keep")} }
                            }
                            button {
                                r#type: "button",
                                class: "clear-reply",
                                onclick: {
                                    let id = reply.reply_id.clone();
                                    move |_| {
                                        if session.device().clear_reply(&id).is_ok() {
                                            session.changed();
                                        }
                                    }
                                },
                                {t!(lang, "clear")}
                            }
                            if matches!(reply.reply, Reply::Note { .. } | Reply::Cheer { .. }) {
                                button {
                                    r#type: "button",
                                    class: "quiet report-reply",
                                    disabled: busy(),
                                    aria_label: t!(lang, "report-note-aria", name = &reply.mentor_name),
                                    onclick: {
                                        let id = reply.reply_id.clone();
                                        let name = reply.mentor_name.clone();
                                        move |_| {
                                            let id = id.clone();
                                            let name = name.clone();
                                            async move {
                                                busy.set(true);
                                                let outcome = session.device().report_reply(&id).await;
                                                busy.set(false);
                                                match outcome {
                                                    Ok(()) => {
                                                        problem.set(None);
                                                        status.set(t!(lang, "report-sent", name = &name));
                                                        session.changed();
                                                    }
                                                    Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
                                                }
                                            }
                                        }
                                    },
                                    {t!(lang, "report-note")}
                                }
                            }
                        }
                    }
                }
            }
            p { role: "status", class: "status", id: "report-status", "{status}" }
            if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
        }
    }
}

/// The mentee's terms for replies.
#[component]
pub fn ReplySettings() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let device = session.device();
    let (replies_on, read_receipts) = device.reply_terms().unwrap_or((true, false));
    let mentors = device
        .mentors_in_words(lang)
        .unwrap_or_else(|_| t!(lang, "your-mentor"));
    let mut problem = use_signal(|| None::<String>);
    let mut set = move |on: bool, receipts: bool| {
        match session.device().set_reply_terms(on, receipts) {
            Ok(()) => problem.set(None),
            Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
        }
        session.changed();
    };
    rsx! {
        section { class: "card", id: "reply-settings", aria_labelledby: "reply-settings-title",
            h2 { id: "reply-settings-title", {t!(lang, "notes-from", names = &mentors)} }
            label { class: "choice",
                input {
                    r#type: "checkbox",
                    id: "replies-on",
                    checked: replies_on,
                    onchange: move |_| set(!replies_on, read_receipts),
                }
                " " {t!(lang, "let-send-notes", names = &mentors)}
            }
            label { class: "choice",
                input {
                    r#type: "checkbox",
                    id: "read-receipts",
                    checked: read_receipts,
                    disabled: !replies_on,
                    onchange: move |_| set(replies_on, !read_receipts),
                }
                " " {t!(lang, "let-see-read", names = &mentors)}
            }
            p { class: "hint", {t!(lang, "reply-settings-hint")} }
            if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
        }
    }
}

/// On Today: the newest request for contact, and whether a mentor saw it.
#[component]
pub fn AckCard(on_open_help: EventHandler<()>) -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let device = session.device();
    let Some((request_id, at)) = device.last_request().ok().flatten() else {
        return rsx! {};
    };
    // A week on, it has done its job.
    if chrono::Utc::now().timestamp_millis() - at.utc_millis() > 7 * 86_400_000 {
        return rsx! {};
    }
    let ack = device.ack_for(&request_id).ok().flatten();
    let unanswered = device.request_unanswered().unwrap_or(false);
    let coordinator = device.program_care().0.coordinator;
    rsx! {
        section { class: "card calm", id: "ack-card", aria_labelledby: "ack-title",
            h2 { id: "ack-title",
                match &ack {
                    Some(reply) => reply.reply.words_for_mentee(lang, &reply.mentor_name),
                    None => t!(lang, "you-asked"),
                }
            }
            p { class: "muted", {t!(lang, "not-on-call")} }
            if unanswered {
                if let Some(coordinator) = coordinator {
                    p { id: "tell-coordinator", {t!(lang, "tell-coordinator", name = &coordinator.name)} }
                    div { class: "row",
                        if let Some(href) = coordinator.call_href() {
                            super::OutsideLink { class: "button", href, accessible_name: t!(lang, "call-name", name = &coordinator.name), {t!(lang, "call")} }
                        }
                        if let Some(href) = coordinator.email_href() {
                            super::OutsideLink { class: "button", href, accessible_name: t!(lang, "email-name", name = &coordinator.name), {t!(lang, "email")} }
                        }
                    }
                }
            }
            button { r#type: "button", class: "ack-help", onclick: move |_| on_open_help.call(()), {t!(lang, "people-to-talk-to")} }
        }
    }
}
