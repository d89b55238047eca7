//! "Let my mentor know": a one-off, quiet request for the mentor to get in touch, sent only when
//! the mentee confirms, and plainly not for emergencies (a mentor is not on call), with the
//! mentor's availability line first. One component wherever a hard moment is: on Sharing, on
//! Help below the lines open now, and on the card after a really hard check-in, where it brings
//! the lines open now with it (a mentee who reaches for their mentor at a hard moment sees the
//! people who answer right now beside it) and starts at the question, since the mentee already
//! pressed "Let my mentor know" once.

use dioxus::prelude::*;

use crate::i18n::Say;
use crate::ui::components::{CrisisLines, LinesPart};
use crate::ui::{use_lang, use_session};

#[component]
pub fn MentorNudge(
    /// Shown on the card after a really hard check-in: with the lines open now, at the question.
    #[props(default)]
    at_a_hard_moment: bool,
) -> Element {
    let mut session = use_session();
    let lang = use_lang();
    let mut asking = use_signal(move || at_a_hard_moment);
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
            if at_a_hard_moment {
                CrisisLines { part: LinesPart::OpenNow }
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
