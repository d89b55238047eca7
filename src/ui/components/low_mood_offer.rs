//! After a really hard check-in: a gentle offer of help that never blocks and can always be put aside.

use dioxus::prelude::*;

#[component]
pub fn LowMoodOffer(
    on_open_help: EventHandler<()>,
    on_open_tools: EventHandler<()>,
    on_not_now: EventHandler<()>,
) -> Element {
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
                button { r#type: "button", onclick: move |_| on_not_now.call(()), "Not now" }
            }
        }
    }
}
