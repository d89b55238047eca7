//! Help: the crisis card. Works with no network: the contacts are saved on the device.

use dioxus::prelude::*;

use crate::ui::components::ContactCard;
use crate::ui::use_session;

#[component]
pub fn HelpScreen() -> Element {
    let session = use_session();
    let directory = session.device().crisis_directory();
    rsx! {
        h1 { id: "help-title", "Get help" }
        p { "You don't have to handle this alone. These people are there to listen, day or night." }
        p { class: "danger-note", "If you're in danger right now, call 911." }
        ul { class: "contact-list", aria_labelledby: "help-title", id: "crisis-card",
            for contact in directory.contacts.iter() {
                ContactCard { key: "{contact.name}", contact: contact.clone() }
            }
        }
        p { class: "muted small",
            "These contacts are saved on your phone, so they work without internet."
        }
    }
}
