//! History: a week or month chart, then check-ins by day, newest first, with edit and delete (and
//! undo). Shows the last 30 days first; older days load on request so five years stay quick.

use chrono::Duration;
use dioxus::prelude::*;

use crate::domain::history::day_heading;
use crate::domain::{ChartRange, EntryId};
use crate::i18n::Say;
use crate::ui::components::{DetailsEditor, EntryCard, MoodChart, UndoToast};
use crate::ui::{focus_when_mounted, use_session};

/// How many more days "Show earlier days" adds.
const PAGE_DAYS: i64 = 30;

#[component]
pub fn HistoryScreen() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let today = session.device().today();
    let mut range = use_signal(|| ChartRange::Week);
    let mut days_shown = use_signal(|| PAGE_DAYS);
    let mut editing = use_signal(|| None::<EntryId>);
    let mut deleted = use_signal(|| None::<EntryId>);
    let mut problem = use_signal(|| None::<String>);

    let since = today - Duration::days(days_shown() - 1);
    let loaded = session.device().history_since(since).and_then(|groups| {
        let chart = session.device().chart(range(), lang)?;
        let more = session.device().has_history_before(since)?;
        let helped = session.device().what_helped(lang)?;
        Ok((groups, chart, more, helped))
    });
    let (groups, (points, summary), more, helped) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => {
            return rsx! {
                h1 { {t!(lang, "tab-history")} }
                p { class: "error", role: "alert", {err.say(lang)} }
            };
        }
    };

    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "tab-history")} }
        div { class: "row", role: "group", aria_label: t!(lang, "history-range"),
            for each in [ChartRange::Week, ChartRange::Month] {
                button {
                    key: "{each.label()}",
                    r#type: "button",
                    class: "chip",
                    "data-range": each.label(),
                    aria_pressed: if range() == each { "true" } else { "false" },
                    onclick: move |_| range.set(each),
                    {each.words(lang)}
                }
            }
        }
        MoodChart { points, summary, range: range() }
        section { class: "card", id: "what-helped", aria_labelledby: "what-helped-title",
            h2 { id: "what-helped-title", {t!(lang, "what-helped")} }
            if helped.is_empty() {
                p { class: "muted", {t!(lang, "what-helped-empty")} }
            }
            ul { class: "plain-list",
                for insight in helped {
                    li { key: "{insight.name}",
                        strong { "{insight.name}" }
                        " {insight.summary.sentence_in(lang)}"
                    }
                }
            }
        }
        if let Some(text) = problem() {
            p { class: "error", role: "alert", "{text}" }
        }
        if groups.is_empty() {
            p { class: "muted", id: "history-empty", {t!(lang, "history-empty")} }
        }
        for group in groups {
            section { key: "{group.date}", class: "day", "data-day": "{group.date}",
                h2 { {day_heading(lang, group.date, today)} }
                ul { class: "entry-list",
                    for entry in group.entries {
                        li { key: "{entry.id}",
                            if editing.read().as_ref() == Some(&entry.id) {
                                DetailsEditor {
                                    entry: entry.clone(),
                                    editing: true,
                                    on_saved: move |_| editing.set(None),
                                    on_close: move |_| editing.set(None),
                                }
                            } else {
                                EntryCard {
                                    entry: entry.clone(),
                                    on_edit: {
                                        let id = entry.id.clone();
                                        move |_| editing.set(Some(id.clone()))
                                    },
                                    on_delete: {
                                        let id = entry.id.clone();
                                        move |_| match session.device().delete_mood(&id) {
                                            Ok(()) => {
                                                deleted.set(Some(id.clone()));
                                                problem.set(None);
                                                session.changed();
                                            }
                                            Err(err) => problem.set(Some(err.say(lang))),
                                        }
                                    },
                                }
                            }
                        }
                    }
                }
            }
        }
        if more {
            button {
                r#type: "button",
                id: "show-earlier",
                onclick: move |_| days_shown += PAGE_DAYS,
                {t!(lang, "history-earlier")}
            }
        }
        if let Some(id) = deleted() {
            UndoToast {
                message: t!(lang, "history-deleted"),
                on_undo: move |_| {
                    match session.device().undo_delete(&id) {
                        Ok(_) => session.changed(),
                        Err(err) => problem.set(Some(err.say(lang))),
                    }
                    deleted.set(None);
                },
                on_dismiss: move |_| deleted.set(None),
            }
        }
    }
}
