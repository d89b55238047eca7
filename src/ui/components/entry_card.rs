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
    let lang = crate::ui::use_lang();
    let time = entry.recorded_at.clock_in(lang);
    let level = entry.level;
    rsx! {
        article { class: "card entry", "data-entry": "{entry.id}", aria_label: t!(lang, "entry-aria", time = &time),
            div { class: "entry-head",
                span { class: "entry-time", "{time}" }
                span { class: "entry-level mood-{level.value()}", {t!(lang, "mood-with-level", mood = level.words(lang), level = level.value())} }
            }
            if !entry.details.emotions.is_empty() {
                ul { class: "pill-list", aria_label: t!(lang, "entry-feeling-words"),
                    for key in entry.details.emotions.iter() {
                        li { key: "{key}", {EmotionWord::words_for(lang, key)} }
                    }
                }
            }
            if !entry.details.tags.is_empty() {
                ul { class: "pill-list", aria_label: t!(lang, "entry-about"),
                    for tag in entry.details.tags.iter() {
                        li { key: "{tag.label()}", {tag.words(lang)} }
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
                    aria_label: t!(lang, "entry-edit-aria", time = &time),
                    onclick: move |_| on_edit.call(()),
                    {t!(lang, "edit")}
                }
                button {
                    r#type: "button",
                    class: "delete",
                    aria_label: t!(lang, "entry-delete-aria", time = &time),
                    onclick: move |_| on_delete.call(()),
                    {t!(lang, "delete")}
                }
                ShareControl {
                    kind: ShareKind::Mood,
                    item_id: entry.id.as_str().to_owned(),
                    label: t!(lang, "entry-share-label", date = crate::domain::time::short_date_in(lang, entry.recorded_at.local_date()), time = &time),
                }
            }
        }
    }
}
