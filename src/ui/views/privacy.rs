//! Privacy: a plain "who can see what" page, the passcode (set, change, remove, when to lock),
//! discreet mode, and "My data" (export, import, delete everything).

use dioxus::prelude::*;

use crate::domain::AutoLock;
use crate::i18n::{Lang, Say};
use crate::sync::protocol::Role;
use crate::ui::components::CareStatement;
use crate::ui::views::my_data::MyData;
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn PrivacyScreen() -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let role = session.device().role();
    let (care, own) = session.device().program_care_in(lang);
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "tab-privacy")} }
        WhoCanSee {}
        section { class: "card", id: "care", aria_labelledby: "care-title",
            h2 { id: "care-title",
                if role == Role::Mentee { {t!(lang, "care-title-mentee")} } else { {t!(lang, "care-title-mentor")} }
            }
            CareStatement { care, own, mentor: role == Role::Mentor }
        }
        LanguageChoice {}
        PasscodeSettings {}
        Discreet {}
        if role == Role::Mentee { MyData {} } else { MyData { mentor: true } }
    }
}

#[component]
fn WhoCanSee() -> Element {
    let session = use_session();
    let lang = session.lang();
    let device = session.device();
    let mentor = device
        .mentor_devices()
        .ok()
        .and_then(|devices| devices.first().map(|d| d.mentor_name.clone()))
        .unwrap_or_else(|| t!(lang, "your-mentor-cap"));
    let has_passcode = device.has_passcode();
    rsx! {
        section { class: "card", aria_labelledby: "who-title", id: "who-can-see",
            h2 { id: "who-title", {t!(lang, "who-title")} }
            dl { class: "who",
                dt { {t!(lang, "who-you")} }
                dd { {t!(lang, "who-you-see")} }
                dt { "{mentor}" }
                dd { {t!(lang, "who-mentor-see")} }
                dt { {t!(lang, "who-staff")} }
                dd { {t!(lang, "who-staff-see")} }
                dt { {t!(lang, "who-server")} }
                dd { {t!(lang, "who-server-see")} }
                dt { {t!(lang, "who-holder")} }
                dd {
                    if has_passcode { {t!(lang, "who-holder-passcode")} } else { {t!(lang, "who-holder-open")} }
                }
                dt { {t!(lang, "who-anyone")} }
                dd { {t!(lang, "who-anyone-see")} }
            }
        }
    }
}

/// Set, change or remove the passcode, and when to lock. (A mentor's device can't remove it.)
#[component]
pub fn PasscodeSettings() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let device = session.device();
    let has_passcode = device.has_passcode();
    let settings = device.settings();
    // Which form is open: "set", "change" or "remove".
    let mut open = use_signal(|| None::<&'static str>);
    let mut current = use_signal(String::new);
    let mut new = use_signal(String::new);
    let mut again = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    let mut status = use_signal(String::new);
    let mut reset = move || {
        current.set(String::new());
        new.set(String::new());
        again.set(String::new());
        problem.set(None);
    };
    let submit = move |event: FormEvent| {
        event.prevent_default();
        let device = session.device();
        let outcome = match open() {
            Some("remove") => device.remove_passcode(&current()),
            Some("change") => device.set_passcode(Some(&current()), &new(), &again()),
            _ => device.set_passcode(None, &new(), &again()),
        };
        match outcome {
            Ok(()) => {
                status.set(match open() {
                    Some("remove") => t!(lang, "passcode-removed"),
                    Some("change") => t!(lang, "passcode-changed"),
                    _ => t!(lang, "passcode-set"),
                });
                open.set(None);
                reset();
                session.changed();
            }
            Err(err) => problem.set(Some(err.say(lang))),
        }
    };
    let field = |id: &'static str, label: String, mut value: Signal<String>, auto: &'static str| {
        rsx! {
            label { r#for: id, "{label}" }
            input {
                id,
                r#type: "password",
                autocomplete: auto,
                aria_describedby: "passcode-problem",
                initial_value: "{value}",
                oninput: move |e: FormEvent| value.set(e.value()),
            }
        }
    };
    rsx! {
        section { class: "card", aria_labelledby: "passcode-title",
            h2 { id: "passcode-title", {t!(lang, "passcode-title")} }
            p { class: "hint",
                if has_passcode {
                    {t!(lang, "passcode-asks")}
                } else {
                    {t!(lang, "passcode-keeps-out")} " " {session.device().key_guard().hint_in(lang)}
                }
            }
            p { role: "status", class: "status", id: "passcode-status", "{status}" }
            if let Some(which) = open() {
                form { class: "passcode-form", onsubmit: submit,
                    if which != "set" { {field("passcode-current", t!(lang, "passcode-current"), current, "current-password")} }
                    if which != "remove" {
                        {field("passcode-new", t!(lang, "passcode-new"), new, "new-password")}
                        {field("passcode-again", t!(lang, "passcode-again"), again, "new-password")}
                    }
                    p { id: "passcode-problem", role: "alert", class: "error",
                        if let Some(text) = problem() { "{text}" }
                    }
                    div { class: "row",
                        button { r#type: "submit", class: "primary", id: "passcode-save",
                            match which { "remove" => t!(lang, "passcode-remove"), "change" => t!(lang, "passcode-change"), _ => t!(lang, "passcode-do-set") }
                        }
                        button { r#type: "button", onclick: move |_| { open.set(None); reset(); }, {t!(lang, "not-now")} }
                    }
                }
            } else if has_passcode {
                fieldset { class: "auto-lock",
                    legend { {t!(lang, "when-to-lock")} }
                    for choice in AutoLock::ALL {
                        label { class: "choice", key: "{choice.key()}",
                            input {
                                r#type: "radio",
                                name: "auto-lock",
                                value: choice.key(),
                                checked: settings.auto_lock == choice,
                                onchange: move |_| {
                                    let device = session.device();
                                    let mut chosen = device.settings();
                                    chosen.auto_lock = choice;
                                    match device.set_settings(chosen) {
                                        Ok(()) => status.set(t!(lang, "will-lock", when = choice.words(lang).to_lowercase())),
                                        Err(err) => problem.set(Some(err.say(lang))),
                                    }
                                    session.changed();
                                },
                            }
                            span { {choice.words(lang)} }
                        }
                    }
                    p { class: "hint small", {t!(lang, "lock-right-away-hint")} }
                }
                div { class: "row",
                    button { r#type: "button", id: "change-passcode", onclick: move |_| { status.set(String::new()); open.set(Some("change")) }, {t!(lang, "passcode-change")} }
                    if !settings.mentor_mode {
                        button { r#type: "button", id: "remove-passcode", onclick: move |_| { status.set(String::new()); open.set(Some("remove")) }, {t!(lang, "passcode-remove")} }
                    }
                }
            } else {
                button { r#type: "button", class: "primary", id: "set-passcode",
                    onclick: move |_| { status.set(String::new()); open.set(Some("set")) },
                    {t!(lang, "passcode-set-a")}
                }
            }
        }
    }
}

/// The language every screen speaks: the phone's, or one chosen here (kept on the device,
/// readable while locked).
#[component]
fn LanguageChoice() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let chosen = session.device().settings().language;
    let mut pick = move |language: Option<Lang>| {
        let device = session.device();
        let mut settings = device.settings();
        settings.language = language;
        if device.set_settings(settings).is_ok() {
            // "My phone's language" is what the phone (in the preview, the page and browser) said
            // at the start, not the language of the machine serving the preview.
            session.set_lang(language.unwrap_or_else(|| session.system_lang()));
            session.changed();
        }
    };
    rsx! {
        section { class: "card", id: "language", aria_labelledby: "language-title",
            h2 { id: "language-title", {t!(lang, "language-title")} }
            fieldset {
                legend { class: "visually-hidden", {t!(lang, "language-title")} }
                label { class: "choice",
                    input { r#type: "radio", name: "language", value: "system", checked: chosen.is_none(),
                        onchange: move |_| pick(None) }
                    span { {t!(lang, "language-system")} }
                }
                for choice in Lang::CHOICES {
                    label { key: "{choice.code()}", class: "choice", lang: "{choice.code()}",
                        input { r#type: "radio", name: "language", value: "{choice.code()}",
                            checked: chosen == Some(choice), onchange: move |_| pick(Some(choice)) }
                        span { {t!(choice, "language-own-name")} }
                    }
                }
            }
        }
    }
}

#[component]
fn Discreet() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let settings = session.device().settings();
    let mut problem = use_signal(|| None::<String>);
    rsx! {
        section { class: "card", aria_labelledby: "discreet-title",
            h2 { id: "discreet-title", {t!(lang, "discreet-title")} }
            label { class: "choice",
                input {
                    r#type: "checkbox",
                    id: "discreet",
                    checked: settings.discreet,
                    aria_describedby: "discreet-hint",
                    onchange: move |e: FormEvent| {
                        let device = session.device();
                        let mut chosen = device.settings();
                        chosen.discreet = e.checked();
                        if let Err(err) = device.set_settings(chosen) {
                            problem.set(Some(err.say(lang)));
                        }
                        session.changed();
                    },
                }
                span { {t!(lang, "discreet-plain-name")} }
            }
            p { class: "hint", id: "discreet-hint", {t!(lang, "discreet-hint")} }
            p { {t!(lang, "quick-hide-hint")} }
            if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
        }
    }
}
