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
    let lang = session.lang();
    let connected = session.device().enrolment().ok().flatten().is_some();
    let mut asked = use_signal(|| None::<Result<(), String>>);
    rsx! {
        section { class: "card gentle-offer", aria_labelledby: "offer-title", id: "low-mood-offer",
            h2 { id: "offer-title", {t!(lang, "offer-title")} }
            p { {t!(lang, "offer-body")} }
            div { class: "row",
                button {
                    r#type: "button",
                    class: "primary",
                    onclick: move |_| on_open_help.call(()),
                    {t!(lang, "offer-help")}
                }
                button {
                    r#type: "button",
                    class: "primary",
                    id: "offer-tools",
                    onclick: move |_| on_open_tools.call(()),
                    {t!(lang, "offer-tools")}
                }
                if connected && asked().is_none() {
                    button {
                        r#type: "button",
                        id: "offer-mentor",
                        onclick: move |_| {
                            let result = session
                                .device()
                                .ask_mentor_to_reach_out()
                                .map_err(|err| crate::i18n::Say::say(&err, lang));
                            asked.set(Some(result));
                            session.changed();
                        },
                        {t!(lang, "ask-mentor")}
                    }
                }
                button { r#type: "button", onclick: move |_| on_not_now.call(()), {t!(lang, "not-now")} }
            }
            match asked() {
                Some(Ok(())) => rsx! {
                    p { role: "status", id: "offer-mentor-sent", {t!(lang, "offer-mentor-sent")} }
                },
                Some(Err(text)) => rsx! { p { class: "error", role: "alert", "{text}" } },
                None => rsx! {},
            }
        }
    }
}
