//! Help, in the order a person in distress needs it: the line for danger; "right now", the first
//! steps of their own plan and their people one tap away; the lines open now (any time first);
//! "let my mentor know" when a mentor is connected (plainly not for emergencies); lines that are
//! closed, with when they open; what a call leaves behind; then My people and the safety plan to
//! edit. Works with no network: everything is on the device. A mentor's Help: what to do when
//! worried about a mentee, then "For you too", then the lines.

use dioxus::prelude::*;

use crate::domain::share::SAFETY_PLAN_ID;
use crate::domain::{PlanSection, ShareKind};
use crate::sync::protocol::Role;
use crate::ui::components::{
    CrisisLines, ForYouToo, HelpTitle, LinesPart, MentorCare, MentorNudge, PeopleList,
    PlanSectionEditor, QuickPeople, Traces, person_named,
};
use crate::ui::{focus_when_mounted, use_lang, use_session};

#[component]
pub fn HelpScreen() -> Element {
    let session = use_session();
    let lang = use_lang();
    let mut showing_plan = use_signal(|| false);
    if showing_plan() {
        return rsx! {
            SafetyPlan { on_back: move |_| showing_plan.set(false) }
        };
    }
    session.track();
    let device = session.device();
    if device.role() == Role::Mentor {
        let (care, own) = device.program_care_in(lang);
        return rsx! {
            HelpTitle {}
            MentorCare { care, own }
            ForYouToo {}
            CrisisLines { part: LinesPart::OpenNow }
            CrisisLines { part: LinesPart::Closed }
        };
    }
    let plan_shared = device
        .share_mode(ShareKind::SafetyPlan, SAFETY_PLAN_ID)
        .is_ok_and(|mode| mode.is_shared());
    let connected_mentee = device
        .enrolment()
        .ok()
        .flatten()
        .is_some_and(|e| e.role == Role::Mentee);
    rsx! {
        HelpTitle {}
        RightNow {}
        CrisisLines { part: LinesPart::OpenNow }
        if connected_mentee {
            MentorNudge {}
        }
        CrisisLines { part: LinesPart::Closed }
        Traces {}
        PeopleList {}
        section { class: "card", id: "my-plan", aria_labelledby: "plan-title",
            h2 { id: "plan-title", {t!(lang, "plan-card-title")} }
            p { class: "muted",
                {t!(lang, "plan-card-body")}
                " "
                if plan_shared { {t!(lang, "plan-card-shared")} } else { {t!(lang, "plan-card-private")} }
            }
            button {
                r#type: "button",
                class: "primary",
                id: "open-plan",
                onclick: move |_| showing_plan.set(true),
                {t!(lang, "plan-open")}
            }
        }
    }
}

/// The mentee's own first steps and people, one tap away. Shown only when there is something.
#[component]
fn RightNow() -> Element {
    let session = use_session();
    let lang = use_lang();
    let device = session.device();
    let plan = device.safety_plan().unwrap_or_default();
    let steps: Vec<String> = plan
        .get(&PlanSection::ThingsICanDo)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .take(3)
        .map(|item| item.text)
        .collect();
    // The people the plan names come first: the mentee chose them for moments like this.
    let mut people = device.people().unwrap_or_default();
    let in_plan = plan
        .get(&PlanSection::PeopleToAsk)
        .cloned()
        .unwrap_or_default();
    people.sort_by_key(|person| {
        !in_plan
            .iter()
            .any(|item| person_named(&item.text, std::slice::from_ref(person)).is_some())
    });
    if steps.is_empty() && people.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card right-now", id: "right-now", aria_labelledby: "right-now-title",
            h2 { id: "right-now-title", {t!(lang, "right-now-title")} }
            if !steps.is_empty() {
                p { class: "muted", {t!(lang, "right-now-from-plan")} }
                ol { class: "steps",
                    for step in steps {
                        li { key: "{step}", "{step}" }
                    }
                }
            }
            if !people.is_empty() {
                p { class: "muted", {t!(lang, "right-now-people")} }
                QuickPeople { people }
            }
        }
    }
}

#[component]
fn SafetyPlan(on_back: EventHandler<()>) -> Element {
    let session = use_session();
    let lang = use_lang();
    session.track();
    let plan = session.device().safety_plan().unwrap_or_default();
    let shared = session
        .device()
        .share_mode(ShareKind::SafetyPlan, SAFETY_PLAN_ID)
        .is_ok_and(|mode| mode.is_shared());
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "plan-card-title")} }
        p { class: "muted", id: "plan-intro",
            {t!(lang, "plan-intro")}
            " "
            if shared { {t!(lang, "plan-card-shared")} } else { {t!(lang, "plan-card-private")} }
        }
        p { id: "plan-step-by-step", {t!(lang, "plan-step-by-step")} }
        p { class: "muted", id: "plan-with-someone", {t!(lang, "plan-with-someone")} }
        button { r#type: "button", id: "back-to-help", onclick: move |_| on_back.call(()), {t!(lang, "plan-back")} }
        for section in PlanSection::ALL {
            PlanSectionEditor {
                key: "{section.key()}",
                section,
                items: plan.get(&section).cloned().unwrap_or_default(),
            }
        }
    }
}
