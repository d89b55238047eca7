//! Sharing: connect to a program with an invite code; then the sync status line and "sync now",
//! "let my mentor know", the mentor's devices (with fingerprints, and approval of new ones),
//! everything shared with a way to stop sharing each, the safety plan switch, and the sharing log.

use dioxus::prelude::*;

use crate::domain::share::SAFETY_PLAN_ID;
use crate::domain::time::short_date_in;
use crate::domain::{ShareKind, ShareMode};
use crate::i18n::{Lang, Phrase, Say};
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
    let lang = session.lang();
    let device = session.device();
    let enrolment = match device.enrolment() {
        Ok(enrolment) => enrolment,
        Err(err) => {
            return rsx! { h1 { {t!(lang, "tab-sharing")} } p { class: "error", role: "alert", {err.say(lang)} } };
        }
    };
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "tab-sharing")} }
        p { class: "intro", {t!(lang, "sharing-intro")} }
        if let Some(enrolment) = enrolment {
            p { id: "program", {t!(lang, "sharing-connected", program = &enrolment.program_name, name = &enrolment.display_name)} }
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

fn status_words(lang: Lang, line: &SyncLine) -> String {
    let mut words = Vec::new();
    if line.offline {
        words.push(t!(lang, "sync-offline-shares"));
    } else if let Some(at) = &line.last_synced {
        words.push(t!(lang, "sync-last", time = at.clock_in(lang)));
    } else {
        words.push(t!(lang, "sync-not-yet"));
    }
    words.push(t!(lang, "sync-pending", count = line.pending));
    if line.conflicts > 0 {
        words.push(t!(lang, "sync-conflicts", count = line.conflicts));
    }
    words.join(" ")
}

#[component]
fn StatusLine() -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let Ok(line) = session.device().sync_line() else {
        return rsx! {};
    };
    rsx! {
        section { class: "card", aria_labelledby: "sync-title",
            h2 { id: "sync-title", {t!(lang, "sync-title")} }
            p { id: "sync-status", role: "status", {status_words(lang, &line)} }
            if let Some(problem) = &line.problem {
                p { class: "error", role: "alert", {problem.in_lang(lang).to_owned()} }
            }
            SyncButton {}
        }
    }
}

fn kind_words(lang: Lang, kind: ShareKind) -> String {
    crate::i18n::tr(lang, &format!("kind-{}", kind.key().replace('_', "-")))
}

#[component]
fn SharedList() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut problem = use_signal(|| None::<String>);
    let things = session.device().shared_things().unwrap_or_default();
    rsx! {
        section { class: "card", aria_labelledby: "shared-title", id: "shared-now",
            h2 { id: "shared-title", {t!(lang, "shared-title")} }
            if things.is_empty() {
                p { id: "nothing-shared", {t!(lang, "shared-nothing")} }
            }
            ul { class: "plain-list",
                for thing in things {
                    li { key: "{thing.item_id}", "data-shared": "{thing.item_id}",
                        span { "{kind_words(lang, thing.kind)}: {Phrase::say_text(lang, &thing.label)}" }
                        if let Some(with) = session.device().shared_with(thing.kind, &thing.item_id, lang).ok().flatten() {
                            span { class: "hint shared-with", {t!(lang, "shared-with-names", names = with)} }
                        }
                        if thing.mode == ShareMode::SharedWithoutNote {
                            span { class: "hint", " " {t!(lang, "notes-kept-private")} }
                        }
                        {
                            let id = thing.item_id.clone();
                            let kind = thing.kind;
                            let label = thing.label.clone();
                            let said = Phrase::say_text(lang, &label);
                            rsx! {
                                button {
                                    r#type: "button",
                                    class: "unshare",
                                    aria_label: t!(lang, "stop-sharing-aria", what = &said),
                                    onclick: move |_| {
                                        match session.device().set_share(kind, &id, ShareMode::Private, &label) {
                                            Ok(()) => problem.set(None),
                                            Err(err) => problem.set(Some(err.say(lang))),
                                        }
                                        session.changed();
                                    },
                                    {t!(lang, "stop-sharing")}
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
                span { {t!(lang, "my-safety-plan")} }
                ShareControl {
                    kind: ShareKind::SafetyPlan,
                    item_id: SAFETY_PLAN_ID.to_owned(),
                    label: t!(lang, "your-safety-plan"),
                }
            }
        }
    }
}

#[component]
fn ShareLog() -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let log = session.device().share_log().unwrap_or_default();
    let notices = session.device().notices().unwrap_or_default();
    rsx! {
        if !notices.is_empty() {
            section { class: "card notices", aria_labelledby: "notices-title", id: "notices",
                h2 { id: "notices-title", {t!(lang, "what-happened")} }
                ul { class: "plain-list",
                    for (i, notice) in notices.iter().enumerate() {
                        li { key: "{i}", class: "notice", "data-kind": notice.kind.key(),
                            p { class: "muted small", "{short_date_in(lang, notice.at.datetime().date_naive())}, {notice.at.clock_in(lang)}" }
                            p { {Phrase::say_text(lang, &notice.text)} }
                        }
                    }
                }
            }
        }
        section { class: "card", aria_labelledby: "log-title",
            h2 { id: "log-title", {t!(lang, "log-title")} }
            if log.is_empty() {
                p { {t!(lang, "log-empty")} }
            }
            ol { class: "plain-list", id: "share-log",
                for (i, line) in log.iter().filter(|l| l.kind != ShareKind::Terms).enumerate() {
                    li { key: "{i}",
                        "{short_date_in(lang, line.at.datetime().date_naive())}, {line.at.clock_in(lang)}: "
                        match (line.kind, line.mode) {
                            (ShareKind::ContactRequest, _) => match session.device().ack_for(&line.item_id).ok().flatten() {
                                Some(ack) => format!("{} {}", t!(lang, "log-asked"), ack.reply.words_for_mentee(lang, &ack.mentor_name)),
                                None => t!(lang, "log-asked"),
                            },
                            (_, ShareMode::Private) if !line.audience.is_empty() => t!(lang, "log-match-ended", what = Phrase::say_text(lang, &line.label), names = with_whom(lang, &line.audience)),
                            (_, ShareMode::Private) => t!(lang, "log-stopped", what = Phrase::say_text(lang, &line.label)),
                            (_, ShareMode::SharedWithoutNote) => t!(lang, "log-shared-without-notes", what = Phrase::say_text(lang, &line.label), names = with_whom(lang, &line.audience)),
                            (_, ShareMode::Shared) => t!(lang, "log-shared", what = Phrase::say_text(lang, &line.label), names = with_whom(lang, &line.audience)),
                        }
                    }
                }
            }
        }
    }
}

/// The log's words for who something was shared with (names kept one per line).
fn with_whom(lang: Lang, audience: &str) -> String {
    let names: Vec<String> = audience
        .lines()
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    crate::state::names_in_words(lang, &names)
}

#[component]
fn ConnectForm() -> Element {
    let mut session = use_session();
    let lang = session.lang();
    let mut problem = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let mut code = use_signal(String::new);
    let mut address = use_signal(String::new);
    let passcode = use_signal(String::new);
    let has_passcode = session.device().has_passcode();
    rsx! {
        section { class: "card", aria_labelledby: "connect-title",
            h2 { id: "connect-title", {t!(lang, "connect-title")} }
            p { {t!(lang, "connect-body")} }
            form {
                onsubmit: move |event: FormEvent| async move {
                    event.prevent_default();
                    if let Err(text) = confirm_passcode(&session.device(), &passcode(), lang) {
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
                        Err(err) => problem.set(Some(err.say(lang))),
                    }
                },
                label { r#for: "invite-code", {t!(lang, "invite-code")} }
                input {
                    id: "invite-code",
                    autocomplete: "off",
                    aria_describedby: "connect-problem",
                    oninput: move |e: FormEvent| code.set(e.value()),
                }
                label { r#for: "program-address", {t!(lang, "program-address")} }
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
                    if busy() { {t!(lang, "connecting")} } else { {t!(lang, "connect")} }
                }
            }
        }
    }
}
