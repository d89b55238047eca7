//! Privacy: a plain "who can see what" page, the passcode (set, change, remove, when to lock),
//! discreet mode, and "My data" (export, import, delete everything).

use dioxus::prelude::*;

use crate::domain::AutoLock;
use crate::sync::protocol::Role;
use crate::ui::components::CareStatement;
use crate::ui::views::my_data::MyData;
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn PrivacyScreen() -> Element {
    let session = use_session();
    session.track();
    let role = session.device().role();
    let (care, own) = session.device().program_care();
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, "Privacy" }
        WhoCanSee {}
        section { class: "card", id: "care", aria_labelledby: "care-title",
            h2 { id: "care-title",
                if role == Role::Mentee { "What your mentor keeps private" } else { "What you keep, and what you pass on" }
            }
            CareStatement { care, own, mentor: role == Role::Mentor }
        }
        PasscodeSettings {}
        Discreet {}
        if role == Role::Mentee { MyData {} } else { MyData { mentor: true } }
    }
}

#[component]
fn WhoCanSee() -> Element {
    let session = use_session();
    let device = session.device();
    let mentor = device
        .mentor_devices()
        .ok()
        .and_then(|devices| devices.first().map(|d| d.mentor_name.clone()))
        .unwrap_or_else(|| "Your mentor".into());
    let has_passcode = device.has_passcode();
    rsx! {
        section { class: "card", aria_labelledby: "who-title", id: "who-can-see",
            h2 { id: "who-title", "Who can see what" }
            dl { class: "who",
                dt { "You" }
                dd { "Everything you write. It stays on this phone, locked with a key only this app has." }
                dt { "{mentor}" }
                dd { "Only the things you choose to share, and only on devices you said yes to. You can stop sharing any time." }
                dt { "Your program's staff" }
                dd {
                    "That you're connected and when your phone last synced. Never what you write, "
                    "unless your mentor has to pass something on to keep you safe (below). Then you'll see it in Sharing."
                }
                dt { "The sync server" }
                dd { "Keeps your shared things locked. It can't read them." }
                dt { "Someone holding your phone" }
                dd {
                    if has_passcode {
                        "They need your passcode. Get help still works without it."
                    } else {
                        "They could open this app. Set a passcode below to stop that."
                    }
                }
                dt { "Anyone else" }
                dd { "No one. No ads, no trackers." }
            }
        }
    }
}

/// Set, change or remove the passcode, and when to lock. (A mentor's device can't remove it.)
#[component]
pub fn PasscodeSettings() -> Element {
    let mut session = use_session();
    session.track();
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
                    Some("remove") => "Passcode removed. The app won't lock now.".into(),
                    Some("change") => "Passcode changed.".into(),
                    _ => "Passcode set. You'll need it to open the app.".into(),
                });
                open.set(None);
                reset();
                session.changed();
            }
            Err(err) => problem.set(Some(err.to_string())),
        }
    };
    let field =
        |id: &'static str, label: &'static str, mut value: Signal<String>, auto: &'static str| {
            rsx! {
                label { r#for: id, "{label}" }
                input {
                    id,
                    r#type: "password",
                    autocomplete: auto,
                    aria_describedby: "passcode-problem",
                    value: "{value}",
                    oninput: move |e: FormEvent| value.set(e.value()),
                }
            }
        };
    rsx! {
        section { class: "card", aria_labelledby: "passcode-title",
            h2 { id: "passcode-title", "Passcode" }
            p { class: "hint",
                if has_passcode {
                    "The app asks for your passcode when you come back."
                } else {
                    "A passcode keeps anyone else from opening the app. {session.device().key_guard().hint()}"
                }
            }
            p { role: "status", class: "status", id: "passcode-status", "{status}" }
            if let Some(which) = open() {
                form { class: "passcode-form", onsubmit: submit,
                    if which != "set" { {field("passcode-current", "Your passcode now", current, "current-password")} }
                    if which != "remove" {
                        {field("passcode-new", "New passcode", new, "new-password")}
                        {field("passcode-again", "Type it again", again, "new-password")}
                    }
                    p { id: "passcode-problem", role: "alert", class: "error",
                        if let Some(text) = problem() { "{text}" }
                    }
                    div { class: "row",
                        button { r#type: "submit", class: "primary", id: "passcode-save",
                            match which { "remove" => "Remove passcode", "change" => "Change passcode", _ => "Set passcode" }
                        }
                        button { r#type: "button", onclick: move |_| { open.set(None); reset(); }, "Not now" }
                    }
                }
            } else if has_passcode {
                fieldset { class: "auto-lock",
                    legend { "When to lock" }
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
                                        Ok(()) => status.set(format!("It will lock {}.", choice.label().to_lowercase())),
                                        Err(err) => problem.set(Some(err.to_string())),
                                    }
                                    session.changed();
                                },
                            }
                            span { "{choice.label()}" }
                        }
                    }
                    p { class: "hint small", "“Right away” locks as soon as you leave the app, or after a minute with no taps." }
                }
                div { class: "row",
                    button { r#type: "button", id: "change-passcode", onclick: move |_| { status.set(String::new()); open.set(Some("change")) }, "Change passcode" }
                    if !settings.mentor_mode {
                        button { r#type: "button", id: "remove-passcode", onclick: move |_| { status.set(String::new()); open.set(Some("remove")) }, "Remove passcode" }
                    }
                }
            } else {
                button { r#type: "button", class: "primary", id: "set-passcode",
                    onclick: move |_| { status.set(String::new()); open.set(Some("set")) },
                    "Set a passcode"
                }
            }
        }
    }
}

#[component]
fn Discreet() -> Element {
    let mut session = use_session();
    session.track();
    let settings = session.device().settings();
    let mut problem = use_signal(|| None::<String>);
    rsx! {
        section { class: "card", aria_labelledby: "discreet-title",
            h2 { id: "discreet-title", "Discreet mode" }
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
                            problem.set(Some(err.to_string()));
                        }
                        session.changed();
                    },
                }
                span { "Use a plain name" }
            }
            p { class: "hint", id: "discreet-hint",
                "Shows a plain name and a plain look, so the app doesn't stand out on your screen."
            }
            p { "Need to hide the screen fast? Tap Hide at the top, or press Esc on a keyboard. "
                "The screen goes blank at once, and the app locks if you have a passcode." }
            if let Some(text) = problem() { p { class: "error", role: "alert", "{text}" } }
        }
    }
}
