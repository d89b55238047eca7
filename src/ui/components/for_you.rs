//! Care for the mentor: hearing a young person's hard things is heavy, and the program's own
//! texts put mentor self-care, supervision and secondary trauma at the centre. A mentor's Help
//! has "For you too" (the program's support for mentors, their coordinator, 988, a few words for
//! a hard day, and the grounding tools); after a mentor raises a concern, a gentle offer of a
//! minute for themselves and a talk with the coordinator, at most once a day.
//!
//! Nothing here is sent, counted or reported: the tools a mentor runs stay on their device, and
//! the once-a-day mark is a local one (`Device::offer_care_after_concern`).

use dioxus::prelude::*;

use super::OutsideLink;
use crate::domain::Coordinator;
use crate::ui::app::{Tab, use_navigate};
use crate::ui::{focus_when_mounted, use_lang, use_session};

/// Call and Email for the program's coordinator, each named for a screen reader.
#[component]
pub fn CoordinatorButtons(coordinator: Coordinator) -> Element {
    let lang = use_lang();
    rsx! {
        div { class: "row actions",
            if let Some(href) = coordinator.call_href() {
                OutsideLink {
                    class: "button primary",
                    href,
                    accessible_name: t!(lang, "call-name", name = &coordinator.name),
                    {t!(lang, "call")}
                }
            }
            if let Some(href) = coordinator.email_href() {
                OutsideLink {
                    class: "button",
                    href,
                    accessible_name: t!(lang, "email-name", name = &coordinator.name),
                    {t!(lang, "email")}
                }
            }
        }
    }
}

/// 988's Call and Text, named as being for the mentor themselves.
#[component]
pub fn Line988ForYou() -> Element {
    let lang = use_lang();
    rsx! {
        div { class: "row actions",
            OutsideLink {
                class: "button",
                href: "tel:988",
                accessible_name: t!(lang, "for-you-988-call"),
                {t!(lang, "call")}
            }
            OutsideLink {
                class: "button",
                href: "sms:988",
                accessible_name: t!(lang, "for-you-988-text"),
                {t!(lang, "text")}
            }
        }
    }
}

/// "For you too", in a mentor's Help.
#[component]
pub fn ForYouToo() -> Element {
    let session = use_session();
    let lang = use_lang();
    let (care, _) = session.device().program_care_in(lang);
    let navigate = use_navigate();
    rsx! {
        section { class: "card", id: "for-you-too", aria_labelledby: "for-you-title",
            h2 { id: "for-you-title", {t!(lang, "for-you-title")} }
            p { {t!(lang, "for-you-body")} }
            if !care.mentor_support.trim().is_empty() {
                h3 { {t!(lang, "for-you-program-title")} }
                p { id: "mentor-support", class: "mentor-support", "{care.mentor_support}" }
            }
            if let Some(coordinator) = care.coordinator.clone() {
                p { id: "for-you-coordinator", {t!(lang, "for-you-coordinator", name = &coordinator.name)} }
                CoordinatorButtons { coordinator }
            } else {
                p { id: "for-you-coordinator", {t!(lang, "for-you-no-coordinator")} }
            }
            p { id: "for-you-988", {t!(lang, "for-you-988")} }
            Line988ForYou {}
            h3 { {t!(lang, "for-you-hard-day-title")} }
            ul { class: "hard-day", id: "hard-day",
                li { {t!(lang, "for-you-hard-day-1")} }
                li { {t!(lang, "for-you-hard-day-2")} }
                li { {t!(lang, "for-you-hard-day-3")} }
                li { {t!(lang, "for-you-hard-day-4")} }
            }
            if let Some(navigate) = navigate {
                button {
                    r#type: "button",
                    id: "for-you-tools",
                    onclick: move |_| navigate.call(Tab::Tools),
                    {t!(lang, "for-you-tools")}
                }
            }
            p { class: "muted small", id: "for-you-private", {t!(lang, "for-you-private")} }
        }
    }
}

/// The offer just after a mentor raised a concern: a minute for themselves, or a talk with the
/// coordinator; Not now puts it away.
#[component]
pub fn AfterConcern(on_not_now: EventHandler<()>) -> Element {
    let session = use_session();
    let lang = use_lang();
    let (care, _) = session.device().program_care_in(lang);
    let navigate = use_navigate();
    rsx! {
        section { class: "card gentle-offer", id: "after-concern", aria_labelledby: "after-concern-title",
            h3 { id: "after-concern-title", tabindex: "-1", onmounted: focus_when_mounted,
                {t!(lang, "after-concern-title")}
            }
            p { {t!(lang, "after-concern-body")} }
            if let Some(coordinator) = care.coordinator.clone() {
                p { {t!(lang, "after-concern-talk", name = &coordinator.name)} }
                CoordinatorButtons { coordinator }
            } else {
                p { {t!(lang, "after-concern-talk-none")} }
            }
            div { class: "row",
                if let Some(navigate) = navigate {
                    button {
                        r#type: "button",
                        class: "primary",
                        id: "after-concern-tools",
                        onclick: move |_| navigate.call(Tab::Tools),
                        {t!(lang, "for-you-tools")}
                    }
                }
                button {
                    r#type: "button",
                    id: "after-concern-not-now",
                    onclick: move |_| on_not_now.call(()),
                    {t!(lang, "not-now")}
                }
            }
        }
    }
}
