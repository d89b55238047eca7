//! One crisis contact: who they are, what they offer, when, in which languages, and big call / text
//! / web buttons.

use dioxus::prelude::*;

use super::OutsideLink;
use crate::domain::CrisisContact;

#[component]
pub fn ContactCard(contact: CrisisContact) -> Element {
    let languages = contact.languages.join(", ");
    let checked = contact.last_checked.format("%B %-d, %Y").to_string();
    rsx! {
        li { class: "card contact",
            h2 { "{contact.name}" }
            p { "{contact.offers}" }
            dl {
                dt { "When" }
                dd { "{contact.hours}" }
                dt { "Languages" }
                dd { "{languages}" }
                dt { "Last checked" }
                dd { "{checked}" }
            }
            div { class: "row actions",
                for action in contact.actions() {
                    OutsideLink {
                        key: "{action.href}",
                        class: "button primary",
                        href: action.href.clone(),
                        accessible_name: action.accessible_name.clone(),
                        "{action.label}"
                    }
                }
            }
        }
    }
}
