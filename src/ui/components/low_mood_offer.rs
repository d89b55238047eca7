//! After a really hard check-in: a gentle offer of help that never blocks and can always be put
//! aside. When the device is connected to a mentor, it also offers "let my mentor know": the same
//! component as on Help (the mentor's availability, "not for emergencies", the lines open now
//! beside it, and a confirm), sent only if the mentee confirms.

use dioxus::prelude::*;

use crate::ui::components::MentorNudge;
use crate::ui::use_session;

#[component]
pub fn LowMoodOffer(
    on_open_help: EventHandler<()>,
    on_open_tools: EventHandler<()>,
    on_not_now: EventHandler<()>,
) -> Element {
    let session = use_session();
    let lang = session.lang();
    let connected = session.device().enrolment().ok().flatten().is_some();
    let mut asking = use_signal(|| false);
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
                if connected && !asking() {
                    button {
                        r#type: "button",
                        id: "offer-mentor",
                        onclick: move |_| asking.set(true),
                        {t!(lang, "ask-mentor")}
                    }
                }
                button { r#type: "button", onclick: move |_| on_not_now.call(()), {t!(lang, "not-now")} }
            }
            if asking() {
                MentorNudge { at_a_hard_moment: true }
            }
        }
    }
}
