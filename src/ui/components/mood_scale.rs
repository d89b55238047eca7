//! The 5-point mood scale: five large buttons, each with a colour dot and plain words.

use dioxus::prelude::*;

use crate::domain::MoodLevel;
use crate::ui::use_lang;

#[component]
pub fn MoodScale(
    /// The id of the heading that names this group.
    labelled_by: String,
    /// The level shown as chosen, if any.
    selected: Option<MoodLevel>,
    on_pick: EventHandler<MoodLevel>,
) -> Element {
    let lang = use_lang();
    rsx! {
        div { class: "mood-scale", role: "group", aria_labelledby: "{labelled_by}",
            for level in MoodLevel::ALL {
                button {
                    key: "{level.value()}",
                    r#type: "button",
                    class: "mood-button mood-{level.value()}",
                    "data-mood": "{level.value()}",
                    aria_pressed: if selected == Some(level) { "true" } else { "false" },
                    aria_label: t!(lang, "mood-button-aria", mood = level.words(lang), level = level.value()),
                    onclick: move |_| on_pick.call(level),
                    span { class: "mood-dot", aria_hidden: "true" }
                    span { {level.words(lang)} }
                }
            }
        }
    }
}
