//! The optional 0-10 "how upset do you feel" rating before and after a tool.

use dioxus::prelude::*;

#[component]
pub fn DistressRating(
    /// A unique id for the question, so the group is named by it.
    id: String,
    question: String,
    selected: Option<u8>,
    on_pick: EventHandler<Option<u8>>,
) -> Element {
    let lang = crate::ui::use_lang();
    rsx! {
        fieldset { class: "rating",
            legend { id: "{id}", "{question}" }
            p { class: "muted small", {t!(lang, "rating-hint")} }
            div { class: "rating-scale", role: "group", aria_labelledby: "{id}",
                for value in 0u8..=10 {
                    button {
                        key: "{value}",
                        r#type: "button",
                        class: "chip",
                        "data-rating": "{value}",
                        aria_pressed: if selected == Some(value) { "true" } else { "false" },
                        // A second tap on the chosen number clears it.
                        onclick: move |_| on_pick.call(if selected == Some(value) { None } else { Some(value) }),
                        "{value}"
                    }
                }
            }
        }
    }
}
