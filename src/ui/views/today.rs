//! Today: "How are you feeling right now?" One tap saves a check-in; then, only if the mentee wants,
//! words, tags and a note. A really hard check-in gently offers help. Below, today's check-ins so
//! far, so coming back (or reopening the app) shows what was already saved.

use dioxus::prelude::*;

use crate::domain::{EmotionWord, MoodEntry};
use crate::i18n::Say;
use crate::ui::components::{AckCard, DetailsEditor, LowMoodOffer, MoodScale};
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn TodayScreen(on_open_help: EventHandler<()>, on_open_tools: EventHandler<()>) -> Element {
    let mut session = use_session();
    let lang = session.lang();
    // The check-in just made, while its optional details are open.
    let mut current = use_signal(|| None::<MoodEntry>);
    let mut offer_help = use_signal(|| false);
    let mut status = use_signal(String::new);

    // The first tap saves a check-in; another tap while its details are open corrects it.
    let log = move |level| {
        let open = current.peek().as_ref().map(|entry| entry.id.clone());
        let saved = match open {
            Some(id) => session.device().change_level(&id, level),
            None => session.device().log_mood(level),
        };
        match saved {
            Ok(entry) => {
                offer_help.set(entry.is_low());
                current.set(Some(entry));
                status.set(t!(lang, "today-saved"));
                session.changed();
            }
            Err(err) => status.set(err.say(lang)),
        }
    };

    rsx! {
        h1 { id: "feeling-title", tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "today-title")} }
        p { class: "muted", {t!(lang, "today-hint")} }
        MoodScale {
            labelled_by: "feeling-title",
            selected: current.read().as_ref().map(|entry| entry.level),
            on_pick: log,
        }
        p { class: "status", id: "save-status", role: "status", aria_live: "polite", "{status}" }
        if offer_help() {
            LowMoodOffer {
                on_open_help: move |_| on_open_help.call(()),
                on_open_tools: move |_| on_open_tools.call(()),
                on_not_now: move |_| offer_help.set(false),
            }
        }
        AckCard { on_open_help: move |_| on_open_help.call(()) }
        TodaySoFar {}
        if let Some(entry) = current() {
            DetailsEditor {
                key: "{entry.id}",
                entry: entry.clone(),
                editing: false,
                on_saved: move |_| {
                    status.set(t!(lang, "today-details-saved"));
                    current.set(None);
                },
                on_close: move |_| {
                    status.set(t!(lang, "today-skipped"));
                    current.set(None);
                },
            }
        }
    }
}

/// Today's check-ins so far, newest first: the time, the mood, and what was added.
#[component]
fn TodaySoFar() -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let device = session.device();
    let today = device
        .history_since(device.today())
        .ok()
        .and_then(|groups| groups.into_iter().next())
        .map(|group| group.entries)
        .unwrap_or_default();
    if today.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card", id: "today-so-far", aria_labelledby: "today-so-far-title",
            h2 { id: "today-so-far-title", {t!(lang, "today-so-far")} }
            ul { class: "plain-list",
                for entry in today {
                    li { key: "{entry.id}", class: "today-entry",
                        span { class: "entry-time", {entry.recorded_at.clock_in(lang)} }
                        " "
                        span { class: "entry-level mood-{entry.level.value()}", {entry.level.words(lang)} }
                        if !entry.details.emotions.is_empty() {
                            span { class: "muted",
                                " · {entry.details.emotions.iter().map(|k| EmotionWord::words_for(lang, k)).collect::<Vec<_>>().join(\", \")}"
                            }
                        }
                        if entry.details.note.as_deref().is_some_and(|n| !n.is_empty()) {
                            span { class: "muted", " · " {t!(lang, "today-with-note")} }
                        }
                    }
                }
            }
            p { class: "muted small", {t!(lang, "today-change-in-history")} }
        }
    }
}
