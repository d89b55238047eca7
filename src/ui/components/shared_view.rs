//! Shared content exactly as a mentor sees it. The mentee's share preview and the mentor's
//! timeline both render through this one component, so the preview cannot drift from the truth.

use dioxus::prelude::*;

use crate::domain::share::{SharedTime, emotion_in, goal_state_in, plan_title_in, progress_in};
use crate::domain::time::{short_date_in, weekday_short};
use crate::domain::{ContextTag, MoodLevel, SharedContent};
use crate::i18n::Lang;
use crate::ui::use_lang;

/// "Tue, Nov 3, 4:05 PM" in the mentee's local time then, in `lang`.
pub fn when(lang: Lang, at: SharedTime) -> String {
    at.stamp().map_or_else(String::new, |stamp| {
        t!(
            lang,
            "when-short",
            weekday = weekday_short(lang, stamp.local_date()),
            date = short_date_in(lang, stamp.local_date()),
            time = stamp.clock_in(lang)
        )
    })
}

#[component]
pub fn SharedView(content: SharedContent) -> Element {
    let lang = use_lang();
    match content {
        SharedContent::Terms {
            replies,
            read_receipts,
            ..
        } => rsx! {
            div { class: "shared terms", "data-kind": "terms",
                p {
                    if replies { {t!(lang, "terms-replies-on")} } else { {t!(lang, "terms-replies-off")} }
                    if replies && read_receipts { " " {t!(lang, "terms-read-receipts")} }
                }
            }
        },
        SharedContent::Mood {
            at,
            level,
            emotions,
            tags,
            note,
            ..
        } => rsx! {
            div { class: "shared mood", "data-kind": "mood",
                p { class: "shared-title",
                    span { class: "entry-level mood-{level}",
                        {t!(lang, "mood-with-level", mood = MoodLevel::new(level).map(|l| l.words(lang)).unwrap_or_default(), level = level)}
                    }
                    " · {when(lang, at)}"
                }
                if !emotions.is_empty() {
                    p { {t!(lang, "shared-feeling", words = emotions.iter().map(|e| emotion_in(lang, e)).collect::<Vec<_>>().join(", "))} }
                }
                if !tags.is_empty() {
                    p { {t!(lang, "shared-about", words = tags.iter().map(|t| ContextTag::from(t.clone()).words(lang)).collect::<Vec<_>>().join(", "))} }
                }
                if let Some(note) = note {
                    p { class: "entry-note", "{note}" }
                }
            }
        },
        SharedContent::Goal {
            title,
            why,
            state,
            target,
            steps,
            check_ins,
        } => {
            let done = steps.iter().filter(|s| s.done).count();
            let total = steps.len();
            rsx! {
                div { class: "shared goal", "data-kind": "goal",
                    p { class: "shared-title", {t!(lang, "shared-goal", title = title)} }
                    p { {goal_state_in(lang, &state)} if total > 0 { " · " {t!(lang, "steps-done", done = done, total = total)} } }
                    if let Some(why) = why {
                        p { {t!(lang, "shared-why", why = why)} }
                    }
                    if let Some(target) = target {
                        p { {t!(lang, "shared-target", target = target)} }
                    }
                    if !steps.is_empty() {
                        ul { class: "plain-list steps",
                            for (i, step) in steps.iter().enumerate() {
                                li { key: "{i}",
                                    span { aria_hidden: "true", if step.done { "✓ " } else { "○ " } }
                                    span { class: "visually-hidden", if step.done { {t!(lang, "step-done-sr")} } else { {t!(lang, "step-todo-sr")} } " " }
                                    "{step.text}"
                                }
                            }
                        }
                    }
                    for (i, check_in) in check_ins.iter().enumerate() {
                        p { key: "c{i}", class: "check-in",
                            "{when(lang, check_in.at)}: {progress_in(lang, &check_in.how)}"
                            if let Some(note) = &check_in.note { " · {note}" }
                        }
                    }
                }
            }
        }
        SharedContent::SafetyPlan { sections } => rsx! {
            div { class: "shared plan", "data-kind": "safety_plan",
                p { class: "shared-title", {t!(lang, "shared-plan")} }
                for section in sections.iter() {
                    h4 { key: "{section.title}", {plan_title_in(lang, &section.title)} }
                    ul {
                        for (i, item) in section.items.iter().enumerate() {
                            li { key: "{i}", "{item}" }
                        }
                    }
                }
            }
        },
        SharedContent::ContactRequest { at } => rsx! {
            div { class: "shared contact-request", "data-kind": "contact_request",
                p { class: "shared-title", {t!(lang, "shared-asked")} }
                p { {when(lang, at)} }
            }
        },
    }
}
