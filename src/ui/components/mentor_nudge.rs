//! "Let my mentor know": a one-off, quiet request for the mentor to get in touch, sent only when
//! the mentee confirms, and plainly not for emergencies (a mentor is not on call). Shown on
//! Sharing and, when the phone is connected to a mentor, on Help below the lines open now.

use dioxus::prelude::*;

use crate::ui::use_session;

#[component]
pub fn MentorNudge() -> Element {
    let mut session = use_session();
    let mut asking = use_signal(|| false);
    let mut sent = use_signal(|| false);
    let mut problem = use_signal(|| None::<String>);
    let availability = session.device().availability().unwrap_or_default();
    rsx! {
        section { class: "card", id: "mentor-nudge", aria_labelledby: "ask-title",
            h2 { id: "ask-title", "Let my mentor know" }
            p { "Send your mentor a quiet nudge to get in touch. Nothing else is sent with it." }
            for (name, text) in availability {
                p { key: "{name}", class: "availability", "{name}: “{text}”" }
            }
            p { class: "muted", id: "not-on-call",
                "It's not for emergencies: your mentor isn't on call and may not see it for a while. "
                "For right now, call or text one of the lines above."
            }
            if sent() {
                p { id: "ask-sent", role: "status", "Sent. Your mentor will see it next time they open the app." }
            } else if asking() {
                p { "Send it now?" }
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
                            Err(err) => problem.set(Some(err.to_string())),
                        },
                        "Yes, send it"
                    }
                    button { r#type: "button", onclick: move |_| asking.set(false), "Not now" }
                }
            } else {
                button {
                    r#type: "button",
                    id: "ask-mentor",
                    onclick: move |_| asking.set(true),
                    "Let my mentor know"
                }
            }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
        }
    }
}
