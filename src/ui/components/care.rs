//! The program's duty of care on screen: its confidentiality statement, said the same way to a
//! mentee (before their first share, and on Privacy) and to a mentor (in their Help); and a
//! mentor's Help: their coordinator, the program's steps, and how to raise a concern. All of it
//! comes from the signed directory on the device, so it shows offline and while locked.

use dioxus::prelude::*;

use super::CoordinatorButtons;
use crate::domain::ProgramCare;
use crate::ui::use_lang;

/// What a mentor keeps, what they must pass on, and when the mentee might not be told first.
/// `mentor` words it for the mentor.
#[component]
pub fn CareStatement(care: ProgramCare, own: bool, mentor: bool) -> Element {
    let lang = use_lang();
    rsx! {
        div { class: "care-statement", id: "care-statement",
            h3 { if mentor { {t!(lang, "care-keeps-title-mentor")} } else { {t!(lang, "care-keeps-title")} } }
            p { class: "care-keeps", "{care.keeps}" }
            h3 { if mentor { {t!(lang, "care-passes-title-mentor")} } else { {t!(lang, "care-passes-title")} } }
            p { class: "care-passes-on", "{care.passes_on}" }
            if !care.not_told.trim().is_empty() {
                p { class: "care-not-told", "{care.not_told}" }
            }
            if !own {
                p { class: "muted small", {t!(lang, "care-usual-rules")} }
            }
        }
    }
}

/// A mentor's Help above the crisis lines: who to call, what to do, how to raise a concern.
#[component]
pub fn MentorCare(care: ProgramCare, own: bool) -> Element {
    let lang = use_lang();
    rsx! {
        section { class: "card", id: "mentor-care", aria_labelledby: "mentor-care-title",
            h2 { id: "mentor-care-title", {t!(lang, "mentor-care-title")} }
            if let Some(coordinator) = &care.coordinator {
                div { class: "coordinator", id: "coordinator",
                    p { {t!(lang, "mentor-care-coordinator")} " " strong { "{coordinator.name}" } }
                    CoordinatorButtons { coordinator: coordinator.clone() }
                }
            } else {
                p { {t!(lang, "mentor-care-no-coordinator")} }
            }
            if !care.escalation.is_empty() {
                h3 { {t!(lang, "mentor-care-steps")} }
                ol { class: "steps", id: "escalation",
                    for (i, step) in care.escalation.iter().enumerate() {
                        li { key: "{i}", "{step}" }
                    }
                }
            }
            if let Some(safeguarding) = &care.safeguarding {
                p { id: "raise-how", {t!(lang, "mentor-care-raise", team = &safeguarding.name)} }
            }
            CareStatement { care: care.clone(), own, mentor: true }
        }
    }
}
