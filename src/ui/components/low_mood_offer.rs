//! After a really hard check-in: a gentle offer of help that never blocks and can always be put
//! aside. When the device is connected to a mentor, it also offers "let my mentor know", sent only
//! if the mentee presses it.

use dioxus::prelude::*;

use crate::ui::use_session;

#[component]
pub fn LowMoodOffer(
    on_open_help: EventHandler<()>,
    on_open_tools: EventHandler<()>,
    on_not_now: EventHandler<()>,
) -> Element {
    let mut session = use_session();
    let connected = session.device().enrolment().ok().flatten().is_some();
    let mut asked = use_signal(|| None::<Result<(), String>>);
    rsx! {
        section { class: "card gentle-offer", aria_labelledby: "offer-title", id: "low-mood-offer",
            h2 { id: "offer-title", "That sounds really hard." }
            p { "You don't have to carry it alone. Would one of these help right now?" }
            div { class: "row",
                button {
                    r#type: "button",
                    class: "primary",
                    onclick: move |_| on_open_help.call(()),
                    "See who I can reach"
                }
                button {
                    r#type: "button",
                    class: "primary",
                    id: "offer-tools",
                    onclick: move |_| on_open_tools.call(()),
                    "Try a calming tool"
                }
                if connected && asked().is_none() {
                    button {
                        r#type: "button",
                        id: "offer-mentor",
                        onclick: move |_| {
                            let result = session
                                .device()
                                .ask_mentor_to_reach_out()
                                .map_err(|err| err.to_string());
                            asked.set(Some(result));
                            session.changed();
                        },
                        "Let my mentor know"
                    }
                }
                button { r#type: "button", onclick: move |_| on_not_now.call(()), "Not now" }
            }
            match asked() {
                Some(Ok(())) => rsx! {
                    p { role: "status", id: "offer-mentor-sent", "Sent. Your mentor will see you'd like them to get in touch." }
                },
                Some(Err(text)) => rsx! { p { class: "error", role: "alert", "{text}" } },
                None => rsx! {},
            }
        }
    }
}
