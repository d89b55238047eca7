//! One crisis contact: who they are, what they offer, whether they are open now (and if not, when
//! they open, in the mentee's own time), their languages, and big call / text / chat / web buttons.

use chrono::{DateTime, Local, Utc};
use dioxus::prelude::*;

use super::OutsideLink;
use crate::domain::{CrisisContact, OpenNow};

/// A moment in the mentee's own time, said plainly: "9:00 PM", or "Monday 9:00 AM" when it is not
/// today.
fn when(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Local);
    if local.date_naive() == Local::now().date_naive() {
        local.format("%-I:%M %p").to_string()
    } else {
        local.format("%A %-I:%M %p").to_string()
    }
}

fn open_words(open: OpenNow) -> String {
    match open {
        OpenNow::Always => "Open now, any time of day or night.".into(),
        OpenNow::Until(until) => format!("Open now, until {}.", when(until)),
        OpenNow::OpensAt(at) => format!("Closed now. Opens {}.", when(at)),
        OpenNow::Unknown => String::new(),
    }
}

#[component]
pub fn ContactCard(contact: CrisisContact, open: OpenNow) -> Element {
    let languages = contact.languages.join(", ");
    let checked = contact.last_checked.format("%B %Y").to_string();
    let status = open_words(open);
    let button_class = if open.is_open() {
        "button primary"
    } else {
        "button"
    };
    rsx! {
        li { class: if open.is_open() { "card contact" } else { "card contact closed" },
            "data-open": if open.is_open() { "true" } else { "false" },
            "data-contact": "{contact.name}",
            h3 { "{contact.name}" }
            p { "{contact.offers}" }
            if !status.is_empty() {
                p { class: "open-status", "{status}" }
            }
            if !contact.hours.is_empty() {
                p { class: "muted small", "{contact.hours}" }
            }
            p { class: "muted small", "Speaks {languages}. Details checked {checked}." }
            div { class: "row actions",
                for action in contact.actions() {
                    OutsideLink {
                        key: "{action.href}",
                        class: button_class,
                        href: action.href.clone(),
                        accessible_name: action.accessible_name.clone(),
                        "{action.label}"
                    }
                }
            }
        }
    }
}
