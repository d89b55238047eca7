//! When a tool didn't help: people next, as a safety plan orders it (coping alone, then people,
//! then professionals). The mentee's own people one tap away, the lines open now, "let my mentor
//! know" when a mentor is connected, and Not now. Shown only when `domain::tools::offer_people`
//! says the tool didn't bring things down; a calm run ends with nothing extra. A mentor is
//! offered their coordinator and 988 instead.

use dioxus::prelude::*;

use crate::domain::TrustedPerson;
use crate::sync::protocol::Role;
use crate::ui::components::{
    CoordinatorButtons, CrisisLines, Line988ForYou, LinesPart, MentorNudge, OutsideLink,
};
use crate::ui::{use_lang, use_session};

/// Up to three of the mentee's people, each with Call and Text.
#[component]
pub fn QuickPeople(people: Vec<TrustedPerson>) -> Element {
    let lang = use_lang();
    rsx! {
        ul { class: "plain-list quick-people",
            for person in people.into_iter().take(3) {
                li { key: "{person.id}", class: "row quick-person",
                    span { class: "person-name", "{person.name}" }
                    OutsideLink {
                        class: "button primary",
                        href: person.call_href(),
                        accessible_name: t!(lang, "call-name", name = &person.name),
                        {t!(lang, "call")}
                    }
                    OutsideLink {
                        class: "button",
                        href: person.text_href(),
                        accessible_name: t!(lang, "text-name", name = &person.name),
                        {t!(lang, "text")}
                    }
                }
            }
        }
    }
}

#[component]
pub fn ReachOut(on_not_now: EventHandler<()>) -> Element {
    let session = use_session();
    let lang = use_lang();
    let device = session.device();
    if device.role() == Role::Mentor {
        // A mentor's people for this are their coordinator and the lines, not a list of their own.
        let (care, _) = device.program_care_in(lang);
        return rsx! {
            section { class: "card gentle-offer", id: "reach-out", aria_labelledby: "reach-out-title",
                h2 { id: "reach-out-title", {t!(lang, "reach-out-title")} }
                p { role: "status", {t!(lang, "reach-out-mentor-body")} }
                if let Some(coordinator) = care.coordinator {
                    p { id: "reach-out-coordinator", {t!(lang, "reach-out-mentor-talk", name = &coordinator.name)} }
                    CoordinatorButtons { coordinator }
                } else {
                    p { id: "reach-out-coordinator", {t!(lang, "reach-out-mentor-talk-none")} }
                }
                // The lines for an adult's own hard moment (the card's youth lines are for mentees).
                p { id: "reach-out-988", {t!(lang, "for-you-988")} }
                Line988ForYou {}
                button { r#type: "button", id: "reach-out-not-now", onclick: move |_| on_not_now.call(()), {t!(lang, "not-now")} }
            }
        };
    }
    let people = device.people().unwrap_or_default();
    let connected_mentee = device
        .enrolment()
        .ok()
        .flatten()
        .is_some_and(|e| e.role == Role::Mentee);
    rsx! {
        section { class: "card gentle-offer", id: "reach-out", aria_labelledby: "reach-out-title",
            h2 { id: "reach-out-title", {t!(lang, "reach-out-title")} }
            p { role: "status", {t!(lang, "reach-out-body")} }
            if people.is_empty() {
                p { class: "muted", id: "reach-out-no-people", {t!(lang, "reach-out-no-people")} }
            } else {
                p { class: "muted", {t!(lang, "right-now-people")} }
                QuickPeople { people }
            }
            CrisisLines { part: LinesPart::OpenNow }
            if connected_mentee {
                MentorNudge {}
            }
            button { r#type: "button", id: "reach-out-not-now", onclick: move |_| on_not_now.call(()), {t!(lang, "not-now")} }
        }
    }
}
