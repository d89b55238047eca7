//! The optional layers of a check-in (feeling words, tags, note), and in edit mode the level too.
//! Nothing here is required; a refused save keeps everything typed in place and says why.

use dioxus::prelude::*;

use super::{EmotionGrid, MoodScale, TagPicker};
use crate::domain::{ContextTag, MoodDetails, MoodEntry};
use crate::i18n::Say;
use crate::ui::use_session;

#[component]
pub fn DetailsEditor(
    entry: MoodEntry,
    /// Editing an earlier check-in also lets the mentee change its level.
    editing: bool,
    on_saved: EventHandler<MoodEntry>,
    on_close: EventHandler<()>,
) -> Element {
    let mut session = use_session();
    let lang = session.lang();
    let mut level = use_signal(|| entry.level);
    let mut emotions = use_signal(|| entry.details.emotions.clone());
    let mut tags = use_signal(|| entry.details.tags.clone());
    let mut note = use_signal(|| entry.details.note.clone().unwrap_or_default());
    let mut problem = use_signal(|| None::<String>);
    let mut choices = use_signal(|| {
        session
            .device()
            .tag_choices()
            .unwrap_or_else(|_| ContextTag::COMMON.to_vec())
    });

    let id = entry.id.clone();
    // Outside edit mode the level is the one on Today's scale, which can change while this is open.
    let shown_level = entry.level;
    let save = move |_| {
        let level = if editing { level() } else { shown_level };
        let details = MoodDetails {
            emotions: emotions(),
            tags: tags(),
            note: Some(note()),
        };
        match session.device().save_details(&id, level, details) {
            Ok(saved) => {
                problem.set(None);
                session.changed();
                on_saved.call(saved);
            }
            Err(err) => problem.set(Some(err.say(lang))),
        }
    };
    let title = if editing {
        t!(lang, "details-edit-title")
    } else {
        t!(lang, "details-title")
    };

    rsx! {
        section { class: "card details", aria_labelledby: "details-title", id: "details",
            h2 { id: "details-title", "{title}" }
            if editing {
                fieldset {
                    legend { id: "edit-level", {t!(lang, "details-how-you-felt")} }
                    MoodScale {
                        labelled_by: "edit-level",
                        selected: Some(level()),
                        on_pick: move |picked| level.set(picked),
                    }
                }
            }
            fieldset {
                legend { {t!(lang, "details-feeling-words")} }
                EmotionGrid {
                    selected: emotions(),
                    on_toggle: move |key: String| {
                        let mut words = emotions.write();
                        match words.iter().position(|k| *k == key) {
                            Some(at) => {
                                words.remove(at);
                            }
                            None => words.push(key),
                        }
                    },
                }
            }
            fieldset {
                legend { {t!(lang, "details-about")} }
                TagPicker {
                    choices: choices(),
                    selected: tags(),
                    on_toggle: move |tag: ContextTag| {
                        let mut picked = tags.write();
                        match picked.iter().position(|t| *t == tag) {
                            Some(at) => {
                                picked.remove(at);
                            }
                            None => picked.push(tag),
                        }
                    },
                    on_add: move |tag: ContextTag| {
                        if !choices.read().contains(&tag) {
                            choices.write().push(tag.clone());
                        }
                        if !tags.read().contains(&tag) {
                            tags.write().push(tag);
                        }
                    },
                }
            }
            label { r#for: "note", {t!(lang, "details-note")} }
            textarea {
                id: "note",
                initial_value: "{note}",
                aria_invalid: if problem.read().is_some() { "true" } else { "false" },
                aria_describedby: "details-problem",
                oninput: move |event| note.set(event.value()),
            }
            p { id: "details-problem", class: if problem.read().is_some() { "error" } else { "" }, role: "alert",
                if let Some(text) = problem() { "{text}" }
            }
            div { class: "row",
                button { r#type: "button", class: "primary", id: "save-details", onclick: save, {t!(lang, "save")} }
                button {
                    r#type: "button",
                    id: "close-details",
                    onclick: move |_| on_close.call(()),
                    if editing { {t!(lang, "cancel")} } else { {t!(lang, "skip")} }
                }
            }
        }
    }
}
