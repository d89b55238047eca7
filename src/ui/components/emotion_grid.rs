//! The emotion words, in four groups by energy and pleasantness. Each word is a toggle button.

use dioxus::prelude::*;

use crate::domain::Quadrant;

#[component]
pub fn EmotionGrid(selected: Vec<String>, on_toggle: EventHandler<String>) -> Element {
    rsx! {
        div { class: "quadrants",
            for (index, quadrant) in Quadrant::ALL.into_iter().enumerate() {
                div { key: "{index}", class: "quadrant", role: "group", aria_labelledby: "quadrant-{index}",
                    h3 { id: "quadrant-{index}", "{quadrant.label()}" }
                    div { class: "row",
                        for word in quadrant.words() {
                            button {
                                key: "{word.key}",
                                r#type: "button",
                                class: "chip",
                                "data-word": word.key,
                                aria_pressed: if selected.iter().any(|k| k == word.key) { "true" } else { "false" },
                                onclick: move |_| on_toggle.call(word.key.to_string()),
                                "{word.label}"
                            }
                        }
                    }
                }
            }
        }
    }
}
