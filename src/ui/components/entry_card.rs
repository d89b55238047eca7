//! One check-in in History: time, mood, words, tags and note, with Edit, Delete and sharing.

use dioxus::prelude::*;

use super::ShareControl;
use crate::domain::{EmotionWord, MoodEntry, ShareKind};

#[component]
pub fn EntryCard(
    entry: MoodEntry,
    on_edit: EventHandler<()>,
    on_delete: EventHandler<()>,
) -> Element {
    let time = entry.recorded_at.clock_time();
    let level = entry.level;
    rsx! {
        article { class: "card entry", "data-entry": "{entry.id}", aria_label: "Check-in at {time}",
            div { class: "entry-head",
                span { class: "entry-time", "{time}" }
                span { class: "entry-level mood-{level.value()}", "{level.label()} ({level.value()} of 5)" }
            }
            if !entry.details.emotions.is_empty() {
                ul { class: "pill-list", aria_label: "Feeling words",
                    for key in entry.details.emotions.iter() {
                        li { key: "{key}", "{EmotionWord::label_for(key)}" }
                    }
                }
            }
            if !entry.details.tags.is_empty() {
                ul { class: "pill-list", aria_label: "About",
                    for tag in entry.details.tags.iter() {
                        li { key: "{tag.label()}", "{tag.label()}" }
                    }
                }
            }
            if let Some(note) = &entry.details.note {
                p { class: "entry-note", "{note}" }
            }
            div { class: "row",
                button {
                    r#type: "button",
                    class: "edit",
                    aria_label: "Edit check-in from {time}",
                    onclick: move |_| on_edit.call(()),
                    "Edit"
                }
                button {
                    r#type: "button",
                    class: "delete",
                    aria_label: "Delete check-in from {time}",
                    onclick: move |_| on_delete.call(()),
                    "Delete"
                }
                ShareControl {
                    kind: ShareKind::Mood,
                    item_id: entry.id.as_str().to_owned(),
                    label: format!("your check-in from {} at {time}", crate::domain::time::short_date(entry.recorded_at.local_date())),
                }
            }
        }
    }
}
