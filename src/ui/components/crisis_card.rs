//! The top of "Get help": its title, a calm word, the 911 line, the crisis contacts (the program's
//! first) and where they come from. The same on the Help tab and on the lock screen.

use dioxus::prelude::*;

use crate::ui::components::ContactCard;
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn CrisisCard() -> Element {
    let (directory, has_program_contacts) = use_session().device().crisis_card();
    rsx! {
        h1 { id: "help-title", tabindex: "-1", onmounted: focus_when_mounted, "Get help" }
        p { "You don't have to handle this alone. These people are there to listen, day or night." }
        p { class: "danger-note", "If you're in danger right now, call 911." }
        ul { class: "contact-list", aria_labelledby: "help-title", id: "crisis-card",
            for contact in directory.contacts.iter() {
                ContactCard { key: "{contact.name}", contact: contact.clone() }
            }
        }
        p { class: "muted small", id: "contacts-note",
            if has_program_contacts { "Your program's contacts come first. " }
            "These contacts are saved on your phone, so they work without internet."
        }
    }
}
