//! Mentor mode: the same app, for a device enrolled with a mentor invite. Lists the paired
//! mentees; for one mentee, shows "asked you to get in touch" first, a month chart of shared
//! check-ins, shared goals with progress, and the timeline. Everything here was decrypted on this
//! device; an item that failed its checks says so instead of showing anything.

use dioxus::prelude::*;

use crate::domain::history::{chart_points, summarize_in};
use crate::domain::{ChartRange, MoodLevel, MoodPoint, SharedContent};
use crate::i18n::{Lang, Phrase};
use crate::ui::components::{
    AckButton, AvailabilityForm, CheerSteps, ConcernControl, KeyCode, MenteeDevices, MoodChart,
    NoteComposer, SentReplies, SharedView, SyncButton,
};
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn MentorApp() -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let mut open = use_signal(|| None::<String>);
    let device = session.device();
    let mentees = device.mentees().unwrap_or_default();
    let notices = device.notices().unwrap_or_default();
    let status = device.sync_line().ok();

    let this_device = rsx! {
        details { class: "card", id: "this-device",
            summary { {t!(lang, "this-device")} }
            p { id: "sync-status", role: "status",
                match status.as_ref().and_then(|s| s.last_synced) {
                    Some(at) => t!(lang, "sync-last", time = at.clock_in(lang)),
                    None => t!(lang, "sync-not-yet"),
                }
                if status.as_ref().is_some_and(|s| s.offline) { " " {t!(lang, "sync-offline")} }
            }
            SyncButton {}
            if let Ok(code) = device.device_fingerprint() {
                p { class: "hint", id: "device-code",
                    {t!(lang, "device-code-before")} " " KeyCode { code } ". "
                    {t!(lang, "device-code-after")}
                }
            }
        }
    };
    rsx! {
        if let Some(mentee_id) = open() {
            button { r#type: "button", id: "back-to-mentees", onclick: move |_| open.set(None), {t!(lang, "back-to-mentees")} }
            MenteeView { mentee_id }
            {this_device}
        } else {
            h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "your-mentees")} }
            if !notices.is_empty() {
                section { class: "card notices", id: "notices", aria_label: t!(lang, "what-happened"),
                    ul { class: "plain-list",
                        for (i, notice) in notices.iter().enumerate() {
                            li { key: "{i}", class: "notice", "data-kind": notice.kind.key(), {Phrase::say_text(lang, &notice.text)} }
                        }
                    }
                }
            }
            if mentees.is_empty() {
                p { id: "no-mentees", {t!(lang, "no-mentees")} }
            }
            ul { class: "plain-list", id: "mentees",
                for mentee in mentees {
                    {
                        let id = mentee.person_id.clone();
                        let items = device.mentee_items(&mentee.person_id).unwrap_or_default();
                        let asked = items
                            .iter()
                            .any(|i| matches!(i.content, Some(SharedContent::ContactRequest { .. })));
                        let last = last_check_in(lang, &items);
                        rsx! {
                            li { key: "{mentee.person_id}", class: "card mentee-card",
                                button {
                                    r#type: "button",
                                    class: "mentee",
                                    "data-mentee": "{mentee.display_name}",
                                    onclick: move |_| open.set(Some(id.clone())),
                                    "{mentee.display_name}"
                                }
                                if asked { p { class: "badge", {t!(lang, "shared-asked")} } }
                                p { class: "muted small",
                                    match last {
                                        Some(words) => t!(lang, "last-check-in", words = words),
                                        None => t!(lang, "no-check-ins"),
                                    }
                                }
                            }
                        }
                    }
                }
            }
            AvailabilityForm {}
            {this_device}
        }
    }
}

/// The newest shared check-in of a mentee, in words: "Tue, Nov 3, 4:05 PM · Good".
fn last_check_in(lang: Lang, items: &[crate::state::MentorItem]) -> Option<String> {
    items
        .iter()
        .filter_map(|item| match &item.content {
            Some(SharedContent::Mood { at, level, .. }) => Some((at.utc_ms, *at, *level)),
            _ => None,
        })
        .max_by_key(|(ms, _, _)| *ms)
        .map(|(_, at, level)| {
            let mood = MoodLevel::new(level)
                .map(|l| l.words(lang))
                .unwrap_or_default();
            format!("{} · {mood}", crate::ui::components::when(lang, at))
        })
}

#[component]
fn MenteeView(mentee_id: String) -> Element {
    let session = use_session();
    session.track();
    let lang = session.lang();
    let device = session.device();
    let name = device
        .mentees()
        .unwrap_or_default()
        .into_iter()
        .find(|m| m.person_id == mentee_id)
        .map_or_else(|| t!(lang, "a-mentee"), |m| m.display_name);
    // The mentee's reply terms travel as an item too; they shape the compose, not the timeline.
    let items: Vec<_> = device
        .mentee_items(&mentee_id)
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !matches!(i.content, Some(SharedContent::Terms { .. })))
        .collect();
    let requests: Vec<_> = items
        .iter()
        .filter(|i| matches!(i.content, Some(SharedContent::ContactRequest { .. })))
        .cloned()
        .collect();
    let goals: Vec<_> = items
        .iter()
        .filter(|i| matches!(i.content, Some(SharedContent::Goal { .. })))
        .cloned()
        .collect();
    let mut points: Vec<MoodPoint> = items
        .iter()
        .filter_map(|i| match &i.content {
            Some(SharedContent::Mood { at, level, .. }) => Some(MoodPoint {
                at: at.stamp()?,
                level: MoodLevel::new(*level).ok()?,
            }),
            _ => None,
        })
        .collect();
    points.sort_by_key(|p| p.at.utc_millis());
    let today = device.today();
    let chart = chart_points(&points, ChartRange::Month, today);
    let summary = summarize_in(lang, &points, ChartRange::Month, today, Some(&name));
    let mut timeline: Vec<_> = items
        .iter()
        .filter(|i| {
            !matches!(
                i.content,
                Some(SharedContent::ContactRequest { .. }) | Some(SharedContent::Goal { .. })
            )
        })
        .cloned()
        .collect();
    // Newest moment first, as the mentee lived them (not as they arrived).
    timeline.sort_by_key(|item| {
        std::cmp::Reverse(
            item.content
                .as_ref()
                .and_then(|c| c.at())
                .map(|at| at.utc_ms),
        )
    });

    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, id: "mentee-name", "{name}" }
        MenteeDevices { mentee_id: mentee_id.clone(), name: name.clone() }
        for request in requests {
            div { key: "{request.item_id}", class: "card highlight", role: "note", id: "contact-request",
                if let Some(content) = request.content { SharedView { content } }
                AckButton { mentee_id: mentee_id.clone(), request_id: request.item_id.clone() }
                ConcernControl { mentee_id: mentee_id.clone(), mentee_name: name.clone(), item_id: request.item_id.clone() }
            }
        }
        if !points.is_empty() {
            MoodChart { points: chart, summary, range: ChartRange::Month }
        }
        if !goals.is_empty() {
            h2 { {t!(lang, "tab-goals")} }
            for goal in goals {
                article { key: "{goal.item_id}", class: "card", "data-item": "{goal.item_id}",
                    if let Some(content) = goal.content.clone() { SharedView { content } }
                    CheerSteps {
                        mentee_id: mentee_id.clone(),
                        goal_id: goal.item_id.clone(),
                        done: match &goal.content {
                            Some(SharedContent::Goal { steps, .. }) => steps.iter().filter(|s| s.done).map(|s| s.text.clone()).collect(),
                            _ => Vec::new(),
                        },
                    }
                    NoteComposer { mentee_id: mentee_id.clone(), about: goal.item_id.clone() }
                    ConcernControl { mentee_id: mentee_id.clone(), mentee_name: name.clone(), item_id: goal.item_id.clone() }
                }
            }
        }
        h2 { {t!(lang, "check-ins-and-more")} }
        if items.is_empty() {
            p { id: "nothing-shared", {t!(lang, "nothing-shared-yet", name = name.clone())} }
        } else if timeline.is_empty() {
            p { class: "muted", id: "no-check-ins", {t!(lang, "no-check-ins")} }
        }
        for item in timeline {
            article { key: "{item.item_id}", class: "card", "data-item": "{item.item_id}",
                match item.content {
                    Some(content) => rsx! {
                        SharedView { content }
                        NoteComposer { mentee_id: mentee_id.clone(), about: item.item_id.clone() }
                        ConcernControl { mentee_id: mentee_id.clone(), mentee_name: name.clone(), item_id: item.item_id.clone() }
                    },
                    None => rsx! {
                        p { class: "unverified", {t!(lang, "unverified-item")} }
                    },
                }
            }
        }
        section { class: "card", id: "note-to-mentee", aria_labelledby: "note-title",
            h2 { id: "note-title", {t!(lang, "note-for", name = name.clone())} }
            NoteComposer { mentee_id: mentee_id.clone(), about: String::new() }
        }
        SentReplies { mentee_id: mentee_id.clone(), mentee_name: name.clone() }
    }
}
