//! Sharing: connect to a program with an invite code; then the sync status line and "sync now",
//! "let my mentor know", the mentor's devices (with fingerprints, and approval of new ones),
//! everything shared with a way to stop sharing each, the safety plan switch, and the sharing log.

use dioxus::prelude::*;

use crate::domain::share::SAFETY_PLAN_ID;
use crate::domain::time::short_date;
use crate::domain::{ShareKind, ShareMode};
use crate::state::SyncLine;
use crate::ui::components::{
    FromMentor, MentorDevices, MentorNudge, OwnDevices, PasscodeField, ReplySettings, ShareControl,
    SyncButton, confirm_passcode,
};
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn SharingScreen() -> Element {
    let session = use_session();
    session.track();
    let device = session.device();
    let enrolment = match device.enrolment() {
        Ok(enrolment) => enrolment,
        Err(err) => return rsx! { h1 { "Sharing" } p { class: "error", role: "alert", "{err}" } },
    };
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, "Sharing" }
        p { class: "intro",
            "Everything you write stays on this phone unless you choose to share it. "
            "Shared things are locked so only your mentor's devices can read them."
        }
        if let Some(enrolment) = enrolment {
            p { id: "program", "Connected to {enrolment.program_name} as {enrolment.display_name}." }
            StatusLine {}
            FromMentor {}
            MentorNudge {}
            ReplySettings {}
            OwnDevices {}
            MentorDevices {}
            SharedList {}
            ShareLog {}
        } else {
            ConnectForm {}
        }
    }
}

fn status_words(line: &SyncLine) -> String {
    let mut words = Vec::new();
    if line.offline {
        words.push("Offline for now. Your shares will go when you're back online.".to_owned());
    } else if let Some(at) = &line.last_synced {
        words.push(format!("Last synced at {}.", at.clock_time()));
    } else {
        words.push("Not synced yet.".to_owned());
    }
    match line.pending {
        0 => words.push("Nothing waiting.".into()),
        1 => words.push("1 change waiting to send.".into()),
        n => words.push(format!("{n} changes waiting to send.")),
    }
    match line.conflicts {
        0 => {}
        1 => words.push(
            "The server had a different copy of 1 shared thing, maybe from another phone. Yours was sent again, so your latest words count."
                .into(),
        ),
        n => words.push(format!(
            "The server had different copies of {n} shared things, maybe from another phone. Yours were sent again, so your latest words count."
        )),
    }
    words.join(" ")
}

#[component]
fn StatusLine() -> Element {
    let session = use_session();
    session.track();
    let Ok(line) = session.device().sync_line() else {
        return rsx! {};
    };
    rsx! {
        section { class: "card", aria_labelledby: "sync-title",
            h2 { id: "sync-title", "Sync" }
            p { id: "sync-status", role: "status", "{status_words(&line)}" }
            if let Some(problem) = &line.problem {
                p { class: "error", role: "alert", "{problem}" }
            }
            SyncButton {}
        }
    }
}

fn kind_words(kind: ShareKind) -> &'static str {
    match kind {
        ShareKind::Mood => "Check-in",
        ShareKind::Goal => "Goal",
        ShareKind::SafetyPlan => "Safety plan",
        ShareKind::ContactRequest => "Nudge",
        ShareKind::Terms => "Reply settings",
    }
}

#[component]
fn SharedList() -> Element {
    let mut session = use_session();
    session.track();
    let mut problem = use_signal(|| None::<String>);
    let things = session.device().shared_things().unwrap_or_default();
    rsx! {
        section { class: "card", aria_labelledby: "shared-title", id: "shared-now",
            h2 { id: "shared-title", "What you share" }
            if things.is_empty() {
                p { id: "nothing-shared", "Nothing yet. Everything is just for you." }
            }
            ul { class: "plain-list",
                for thing in things {
                    li { key: "{thing.item_id}", "data-shared": "{thing.item_id}",
                        span { "{kind_words(thing.kind)}: {thing.label}" }
                        if let Some(with) = session.device().shared_with(thing.kind, &thing.item_id).ok().flatten() {
                            span { class: "hint shared-with", ", with {with}" }
                        }
                        if thing.mode == ShareMode::SharedWithoutNote {
                            span { class: "hint", " (notes kept private)" }
                        }
                        {
                            let id = thing.item_id.clone();
                            let kind = thing.kind;
                            let label = thing.label.clone();
                            rsx! {
                                button {
                                    r#type: "button",
                                    class: "unshare",
                                    aria_label: "Stop sharing {label}",
                                    onclick: move |_| {
                                        match session.device().set_share(kind, &id, ShareMode::Private, &label) {
                                            Ok(()) => problem.set(None),
                                            Err(err) => problem.set(Some(err.to_string())),
                                        }
                                        session.changed();
                                    },
                                    "Stop sharing"
                                }
                            }
                        }
                    }
                }
            }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            div { class: "row", id: "share-plan",
                span { "My safety plan" }
                ShareControl {
                    kind: ShareKind::SafetyPlan,
                    item_id: SAFETY_PLAN_ID.to_owned(),
                    label: "your safety plan".to_owned(),
                }
            }
        }
    }
}

#[component]
fn ShareLog() -> Element {
    let session = use_session();
    session.track();
    let log = session.device().share_log().unwrap_or_default();
    let notices = session.device().notices().unwrap_or_default();
    rsx! {
        if !notices.is_empty() {
            section { class: "card notices", aria_labelledby: "notices-title", id: "notices",
                h2 { id: "notices-title", "What happened" }
                ul { class: "plain-list",
                    for (i, notice) in notices.iter().enumerate() {
                        li { key: "{i}", class: "notice", "data-kind": notice.kind.key(),
                            p { class: "muted small", "{short_date(notice.at.datetime().date_naive())}, {notice.at.clock_time()}" }
                            p { "{notice.text}" }
                        }
                    }
                }
            }
        }
        section { class: "card", aria_labelledby: "log-title",
            h2 { id: "log-title", "Sharing log" }
            if log.is_empty() {
                p { "Every time you share or stop sharing, it shows here." }
            }
            ol { class: "plain-list", id: "share-log",
                for (i, line) in log.iter().filter(|l| l.kind != ShareKind::Terms).enumerate() {
                    li { key: "{i}",
                        "{short_date(line.at.datetime().date_naive())}, {line.at.clock_time()}: "
                        match (line.kind, line.mode) {
                            (ShareKind::ContactRequest, _) => match session.device().ack_for(&line.item_id).ok().flatten() {
                                Some(ack) => format!("asked your mentor to get in touch. {}", ack.reply.words_for_mentee(&ack.mentor_name)),
                                None => "asked your mentor to get in touch".to_owned(),
                            },
                            (_, ShareMode::Private) if !line.audience.is_empty() => format!("{} became private again (the match with {} ended)", line.label, line.audience),
                            (_, ShareMode::Private) => format!("stopped sharing {}", line.label),
                            (_, ShareMode::SharedWithoutNote) => format!("shared {} with {} without notes", line.label, with_whom(&line.audience)),
                            (_, ShareMode::Shared) => format!("shared {} with {}", line.label, with_whom(&line.audience)),
                        }
                    }
                }
            }
        }
    }
}

/// The log's words for who something was shared with.
fn with_whom(audience: &str) -> &str {
    if audience.is_empty() {
        "your mentor"
    } else {
        audience
    }
}

#[component]
fn ConnectForm() -> Element {
    let mut session = use_session();
    let mut problem = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let mut code = use_signal(String::new);
    let mut address = use_signal(String::new);
    let passcode = use_signal(String::new);
    let has_passcode = session.device().has_passcode();
    rsx! {
        section { class: "card", aria_labelledby: "connect-title",
            h2 { id: "connect-title", "Connect to your mentor" }
            p { "Your program gives you an invite code. You only need to do this once." }
            form {
                onsubmit: move |event: FormEvent| async move {
                    event.prevent_default();
                    if let Err(text) = confirm_passcode(&session.device(), &passcode()) {
                        problem.set(Some(text));
                        return;
                    }
                    busy.set(true);
                    let result = session.device().enroll(&address(), &code()).await;
                    busy.set(false);
                    match result {
                        Ok(_) => {
                            problem.set(None);
                            session.changed();
                        }
                        Err(err) => problem.set(Some(err.to_string())),
                    }
                },
                label { r#for: "invite-code", "Invite code" }
                input {
                    id: "invite-code",
                    autocomplete: "off",
                    aria_describedby: "connect-problem",
                    oninput: move |e: FormEvent| code.set(e.value()),
                }
                label { r#for: "program-address", "Program address" }
                input {
                    id: "program-address",
                    r#type: "url",
                    placeholder: "https://",
                    oninput: move |e: FormEvent| address.set(e.value()),
                }
                PasscodeField { id: "connect-passcode", value: passcode, has_passcode }
                p { id: "connect-problem", role: "alert", class: "error",
                    if let Some(text) = problem() { "{text}" }
                }
                button { r#type: "submit", class: "primary", id: "connect", disabled: busy(),
                    if busy() { "Connecting…" } else { "Connect" }
                }
            }
        }
    }
}
