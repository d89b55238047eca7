//! The emotion words, in four groups by energy and pleasantness. Each word is a toggle button.
//! Forty words at once is a lot, so each group starts with its first four (the everyday ones),
//! and "More words" shows the rest; a word already picked always shows.

use dioxus::prelude::*;

use crate::domain::Quadrant;

/// How many words each group shows before "More words".
const FIRST_WORDS: usize = 4;

#[component]
pub fn EmotionGrid(selected: Vec<String>, on_toggle: EventHandler<String>) -> Element {
    let lang = crate::ui::use_lang();
    let mut all = use_signal(|| false);
    rsx! {
        div { class: "quadrants", id: "emotion-grid",
            for (index, quadrant) in Quadrant::ALL.into_iter().enumerate() {
                div { key: "{index}", class: "quadrant", role: "group", aria_labelledby: "quadrant-{index}",
                    h3 { id: "quadrant-{index}", {quadrant.title(lang)} }
                    div { class: "row",
                        for (position, word) in quadrant.words().enumerate() {
                            if all() || position < FIRST_WORDS || selected.iter().any(|k| k == word.key) {
                                button {
                                    key: "{word.key}",
                                    r#type: "button",
                                    class: "chip",
                                    "data-word": word.key,
                                    aria_pressed: if selected.iter().any(|k| k == word.key) { "true" } else { "false" },
                                    onclick: move |_| on_toggle.call(word.key.to_string()),
                                    {word.words(lang)}
                                }
                            }
                        }
                    }
                }
            }
            button {
                r#type: "button",
                class: "quiet",
                id: "more-words",
                aria_expanded: if all() { "true" } else { "false" },
                onclick: move |_| all.toggle(),
                if all() { {t!(lang, "fewer-words")} } else { {t!(lang, "more-words")} }
            }
        }
    }
}
