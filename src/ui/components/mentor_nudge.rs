//! "Let my mentor know": a one-off, quiet request for the mentor to get in touch, sent only when
//! the mentee confirms, and plainly not for emergencies (a mentor is not on call). Shown on
//! Sharing and, when the phone is connected to a mentor, on Help below the lines open now.

use dioxus::prelude::*;

use crate::i18n::Say;
use crate::ui::{use_lang, use_session};

#[component]
pub fn MentorNudge() -> Element {
    let mut session = use_session();
    let lang = use_lang();
    let mut asking = use_signal(|| false);
    let mut sent = use_signal(|| false);
    let mut problem = use_signal(|| None::<String>);
    let availability = session.device().availability().unwrap_or_default();
    rsx! {
        section { class: "card", id: "mentor-nudge", aria_labelledby: "ask-title",
            h2 { id: "ask-title", {t!(lang, "nudge-title")} }
            p { {t!(lang, "nudge-body")} }
            for (name, text) in availability {
                p { key: "{name}", class: "availability", {t!(lang, "nudge-availability", name = &name, text = &text)} }
            }
            p { class: "muted", id: "not-on-call",
                {t!(lang, "nudge-not-on-call")}
            }
            if sent() {
                p { id: "ask-sent", role: "status", {t!(lang, "nudge-sent")} }
            } else if asking() {
                p { {t!(lang, "nudge-confirm-q")} }
                div { class: "row",
                    button {
                        r#type: "button",
                        class: "primary",
                        id: "ask-confirm",
                        onclick: move |_| match session.device().ask_mentor_to_reach_out() {
                            Ok(()) => {
                                sent.set(true);
                                session.changed();
                            }
                            Err(err) => problem.set(Some(err.say(lang))),
                        },
                        {t!(lang, "nudge-confirm")}
                    }
                    button { r#type: "button", onclick: move |_| asking.set(false), {t!(lang, "not-now")} }
                }
            } else {
                button {
                    r#type: "button",
                    id: "ask-mentor",
                    onclick: move |_| asking.set(true),
                    {t!(lang, "nudge-title")}
                }
            }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
        }
    }
}
