//! The two screens shown instead of the app: the lock screen (passcode, with "Get help" and the
//! whole crisis card one tap away without unlocking, and an honest way out for a forgotten
//! passcode) and the blank screen quick-hide jumps to.

use dioxus::prelude::*;

use crate::i18n::Say;
use crate::ui::components::{CrisisCard, GetHelpButton, MentorCare};
use crate::ui::views::PasscodeSettings;
use crate::ui::{focus_when_mounted, use_lang, use_session};

/// Shown while the database is closed. `name` is "Steady", or the neutral name in discreet mode;
/// `numeric` when the passcode is numbers only (the number pad opens for it).
#[component]
pub fn LockScreen(name: String, discreet: bool, numeric: bool) -> Element {
    let mut session = use_session();
    let lang = use_lang();
    let mut showing_help = use_signal(|| false);
    let mut forgot = use_signal(|| false);
    let mut typed = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);

    let body = if showing_help() {
        let device = session.device();
        let mentor = device.settings().mentor_mode;
        let (care, own) = device.program_care_in(lang);
        rsx! {
            if mentor {
                MentorCare { care, own }
            }
            CrisisCard {}
            button { r#type: "button", id: "back-to-lock", onclick: move |_| showing_help.set(false),
                {t!(lang, "back")}
            }
        }
    } else if forgot() {
        rsx! {
            h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "forgot-title")} }
            p { {t!(lang, "forgot-only-key")} }
            p { {t!(lang, "forgot-start-fresh", app = &name)} }
            p { id: "reset-problem", role: "alert", class: "error",
                if let Some(text) = problem() { "{text}" }
            }
            div { class: "row",
                button { r#type: "button", id: "keep-trying", class: "primary",
                    onclick: move |_| forgot.set(false),
                    {t!(lang, "keep-trying")}
                }
                button { r#type: "button", id: "reset-confirm",
                    onclick: move |_| match session.device().forget_everything() {
                        Ok(()) => session.changed(),
                        Err(err) => problem.set(Some(err.say(lang))),
                    },
                    {t!(lang, "erase-start-fresh")}
                }
            }
        }
    } else {
        rsx! {
            h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "welcome-back")} }
            form {
                class: "card unlock",
                onsubmit: move |event: FormEvent| {
                    event.prevent_default();
                    match session.device().unlock(&typed()) {
                        Ok(()) => {
                            typed.set(String::new());
                            problem.set(None);
                            session.changed();
                        }
                        Err(err) => problem.set(Some(err.say(lang))),
                    }
                },
                label { r#for: "unlock-passcode", {t!(lang, "your-passcode")} }
                input {
                    id: "unlock-passcode",
                    r#type: "password",
                    autocomplete: "current-password",
                    // A number passcode opens the number pad on phones.
                    inputmode: if numeric { "numeric" },
                    aria_describedby: "unlock-problem",
                    initial_value: "{typed}",
                    oninput: move |e: FormEvent| typed.set(e.value()),
                }
                p { id: "unlock-problem", role: "alert", class: "error",
                    if let Some(text) = problem() { "{text}" }
                }
                button { r#type: "submit", class: "primary", id: "unlock", {t!(lang, "unlock")} }
            }
            button { r#type: "button", class: "quiet", id: "forgot",
                onclick: move |_| {
                    problem.set(None);
                    forgot.set(true);
                },
                {t!(lang, "forgot-title")}
            }
        }
    };
    rsx! {
        div { class: "app locked",
            header { class: "app-header",
                span { class: "app-name", "{name}" }
                GetHelpButton { discreet, on_open: move |_| showing_help.set(true) }
            }
            main { class: "screen", id: "content", tabindex: "-1", {body} }
        }
    }
}

/// The blank screen quick-hide shows. One tap (or Enter) anywhere goes back, to the lock screen
/// when a passcode is set.
#[component]
pub fn HiddenScreen(on_back: EventHandler<()>) -> Element {
    let lang = use_lang();
    rsx! {
        button {
            r#type: "button",
            class: "blank-screen",
            id: "blank-screen",
            aria_label: t!(lang, "go-back"),
            onmounted: focus_when_mounted,
            onclick: move |_| on_back.call(()),
        }
    }
}

/// A mentor's device before it has a passcode: mentor mode holds young people's words, so it
/// opens only behind one. Get help works here as everywhere.
#[component]
pub fn MentorPasscodeGate(name: String, discreet: bool) -> Element {
    let lang = use_lang();
    let mut showing_help = use_signal(|| false);
    rsx! {
        div { class: "app",
            header { class: "app-header",
                span { class: "app-name", {t!(lang, "app-name-mentor", name = &name)} }
                GetHelpButton { discreet, on_open: move |_| showing_help.set(true) }
            }
            main { class: "screen", id: "content", tabindex: "-1",
                if showing_help() {
                    CrisisCard {}
                    button { r#type: "button", id: "back-to-passcode", onclick: move |_| showing_help.set(false), {t!(lang, "back")} }
                } else {
                    h1 { tabindex: "-1", onmounted: focus_when_mounted, id: "mentor-passcode-title", {t!(lang, "mentor-passcode-title")} }
                    p { {t!(lang, "mentor-passcode-why")} }
                    PasscodeSettings {}
                }
            }
        }
    }
}
