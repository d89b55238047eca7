//! The program's duty of care on screen: its confidentiality statement, said the same way to a
//! mentee (before their first share, and on Privacy) and to a mentor (in their Help); and a
//! mentor's Help: their coordinator, the program's steps, and how to raise a concern. All of it
//! comes from the signed directory on the device, so it shows offline and while locked.

use dioxus::prelude::*;

use super::OutsideLink;
use crate::domain::ProgramCare;

/// What a mentor keeps, what they must pass on, and when the mentee might not be told first.
/// `mentor` words it for the mentor.
#[component]
pub fn CareStatement(care: ProgramCare, own: bool, mentor: bool) -> Element {
    rsx! {
        div { class: "care-statement", id: "care-statement",
            h3 { if mentor { "What you keep to yourself" } else { "What your mentor keeps private" } }
            p { class: "care-keeps", "{care.keeps}" }
            h3 { if mentor { "What you must pass on" } else { "What your mentor has to pass on" } }
            p { class: "care-passes-on", "{care.passes_on}" }
            if !care.not_told.trim().is_empty() {
                p { class: "care-not-told", "{care.not_told}" }
            }
            if !own {
                p { class: "muted small", "These are the usual rules. Your program may add its own." }
            }
        }
    }
}

/// A mentor's Help above the crisis lines: who to call, what to do, how to raise a concern.
#[component]
pub fn MentorCare(care: ProgramCare, own: bool) -> Element {
    rsx! {
        section { class: "card", id: "mentor-care", aria_labelledby: "mentor-care-title",
            h2 { id: "mentor-care-title", "If you're worried about a mentee" }
            if let Some(coordinator) = &care.coordinator {
                div { class: "coordinator", id: "coordinator",
                    p { "Your coordinator: " strong { "{coordinator.name}" } }
                    div { class: "row actions",
                        if let Some(href) = coordinator.call_href() {
                            OutsideLink {
                                class: "button primary",
                                href,
                                accessible_name: "Call {coordinator.name}",
                                "Call"
                            }
                        }
                        if let Some(href) = coordinator.email_href() {
                            OutsideLink {
                                class: "button",
                                href,
                                accessible_name: "Email {coordinator.name}",
                                "Email"
                            }
                        }
                    }
                }
            } else {
                p { "Call your program's coordinator. If you think someone is in danger right now, call 911." }
            }
            if !care.escalation.is_empty() {
                h3 { "What to do" }
                ol { class: "steps", id: "escalation",
                    for (i, step) in care.escalation.iter().enumerate() {
                        li { key: "{i}", "{step}" }
                    }
                }
            }
            if let Some(safeguarding) = &care.safeguarding {
                p { id: "raise-how",
                    "To pass something a mentee shared to {safeguarding.name}, open it and choose "
                    "“Raise a concern”. Only they can read it. Never screenshot or forward it."
                }
            }
            CareStatement { care: care.clone(), own, mentor: true }
        }
    }
}
