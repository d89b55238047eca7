//! Help: the crisis card first, then the mentee's own people, then their safety plan. Works with no
//! network: everything is on the device.

use dioxus::prelude::*;

use crate::domain::ShareKind;
use crate::domain::share::SAFETY_PLAN_ID;

use crate::domain::PlanSection;
use crate::ui::components::{CrisisCard, PeopleList, PlanSectionEditor};
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn HelpScreen() -> Element {
    let session = use_session();
    let mut showing_plan = use_signal(|| false);
    if showing_plan() {
        return rsx! {
            SafetyPlan { on_back: move |_| showing_plan.set(false) }
        };
    }
    session.track();
    let plan_shared = session
        .device()
        .share_mode(ShareKind::SafetyPlan, SAFETY_PLAN_ID)
        .is_ok_and(|mode| mode.is_shared());
    rsx! {
        CrisisCard {}
        PeopleList {}
        section { class: "card", aria_labelledby: "plan-title",
            h2 { id: "plan-title", "My safety plan" }
            p { class: "muted",
                "Your own steps for hard moments, in your own words. "
                if plan_shared { "You share it with your mentor (change that in Sharing)." } else { "Only you can see it." }
            }
            button {
                r#type: "button",
                class: "primary",
                id: "open-plan",
                onclick: move |_| showing_plan.set(true),
                "Open my safety plan"
            }
        }
    }
}

#[component]
fn SafetyPlan(on_back: EventHandler<()>) -> Element {
    let session = use_session();
    session.track();
    let plan = session.device().safety_plan().unwrap_or_default();
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, "My safety plan" }
        p { class: "muted",
            "Fill in what feels right, whenever you like. You can change it any time. Only you can see it."
        }
        button { r#type: "button", id: "back-to-help", onclick: move |_| on_back.call(()), "Back to Get help" }
        for section in PlanSection::ALL {
            PlanSectionEditor {
                key: "{section.key()}",
                section,
                items: plan.get(&section).cloned().unwrap_or_default(),
            }
        }
    }
}
