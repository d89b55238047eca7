//! Shared content exactly as a mentor sees it. The mentee's share preview and the mentor's
//! timeline both render through this one component, so the preview cannot drift from the truth.

use dioxus::prelude::*;

use crate::domain::SharedContent;
use crate::domain::share::SharedTime;

/// "Tue, Nov 3, 4:05 PM" in the mentee's local time then.
pub fn when(at: SharedTime) -> String {
    at.stamp().map_or_else(String::new, |stamp| {
        format!(
            "{}, {}, {}",
            stamp.datetime().format("%a"),
            crate::domain::time::short_date(stamp.local_date()),
            stamp.clock_time()
        )
    })
}

#[component]
pub fn SharedView(content: SharedContent) -> Element {
    match content {
        SharedContent::Terms {
            replies,
            read_receipts,
            ..
        } => rsx! {
            div { class: "shared terms", "data-kind": "terms",
                p {
                    if replies { "Replies are on." } else { "Replies are off for now." }
                    if replies && read_receipts { " You'll see when a note was read." }
                }
            }
        },
        SharedContent::Mood {
            at,
            level,
            feeling,
            emotions,
            tags,
            note,
        } => rsx! {
            div { class: "shared mood", "data-kind": "mood",
                p { class: "shared-title",
                    span { class: "entry-level mood-{level}", "{feeling} ({level} of 5)" }
                    " · {when(at)}"
                }
                if !emotions.is_empty() {
                    p { "Feeling: {emotions.join(\", \")}" }
                }
                if !tags.is_empty() {
                    p { "About: {tags.join(\", \")}" }
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
                    p { class: "shared-title", "Goal: {title}" }
                    p { "{state}" if total > 0 { " · {done} of {total} steps done" } }
                    if let Some(why) = why {
                        p { "Why it matters: {why}" }
                    }
                    if let Some(target) = target {
                        p { "Aiming for {target}" }
                    }
                    if !steps.is_empty() {
                        ul { class: "plain-list steps",
                            for (i, step) in steps.iter().enumerate() {
                                li { key: "{i}",
                                    span { aria_hidden: "true", if step.done { "✓ " } else { "○ " } }
                                    span { class: "visually-hidden", if step.done { "Done: " } else { "To do: " } }
                                    "{step.text}"
                                }
                            }
                        }
                    }
                    for (i, check_in) in check_ins.iter().enumerate() {
                        p { key: "c{i}", class: "check-in",
                            "{when(check_in.at)}: {check_in.how}"
                            if let Some(note) = &check_in.note { " · {note}" }
                        }
                    }
                }
            }
        }
        SharedContent::SafetyPlan { sections } => rsx! {
            div { class: "shared plan", "data-kind": "safety_plan",
                p { class: "shared-title", "Safety plan" }
                for section in sections.iter() {
                    h4 { key: "{section.title}", "{section.title}" }
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
                p { class: "shared-title", "Asked you to get in touch" }
                p { "{when(at)}" }
            }
        },
    }
}
