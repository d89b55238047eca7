//! The crisis lines, in the order a person in distress needs them: lines open any time first,
//! then the ones open now, then closed lines with when they open. The first Call button is never
//! a closed line. [`CrisisCard`] is the whole card (the lock screen shows it, with no unlocking);
//! Help composes [`CrisisLines`] around the mentee's own supports.

use chrono::Utc;
use dioxus::prelude::*;

use crate::domain::{CrisisContact, OpenNow};
use crate::ui::components::ContactCard;
use crate::ui::{focus_when_mounted, use_session};

/// Which lines to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinesPart {
    OpenNow,
    Closed,
}

/// The lines open now, or the closed ones, from the card as it is on this device now.
pub fn lines(
    contacts: Vec<(CrisisContact, OpenNow)>,
    part: LinesPart,
) -> Vec<(CrisisContact, OpenNow)> {
    contacts
        .into_iter()
        .filter(|(_, open)| open.is_open() == (part == LinesPart::OpenNow))
        .collect()
}

/// The page's title and the one line for danger.
#[component]
pub fn HelpTitle() -> Element {
    rsx! {
        h1 { id: "help-title", tabindex: "-1", onmounted: focus_when_mounted, "Get help" }
        p { class: "danger-note", "If you're in danger right now, call 911." }
    }
}

/// One part of the crisis card.
#[component]
pub fn CrisisLines(part: LinesPart) -> Element {
    let (directory, has_program_contacts) = use_session().device().crisis_card();
    let shown = lines(directory.by_open_now(Utc::now()), part);
    if shown.is_empty() {
        return rsx! {};
    }
    rsx! {
        match part {
            LinesPart::OpenNow => rsx! {
                section { aria_labelledby: "open-lines-title", id: "open-lines",
                    h2 { id: "open-lines-title", "People to talk to now" }
                    p { class: "muted", id: "contacts-note",
                        "Free and private. "
                        if has_program_contacts { "Your program's lines come first when they're open." }
                    }
                    ul { class: "contact-list", id: "crisis-card",
                        for (contact, open) in shown {
                            ContactCard { key: "{contact.name}", contact, open }
                        }
                    }
                }
            },
            LinesPart::Closed => rsx! {
                section { aria_labelledby: "closed-lines-title", id: "closed-lines",
                    h2 { id: "closed-lines-title", "Not open right now" }
                    ul { class: "contact-list",
                        for (contact, open) in shown {
                            ContactCard { key: "{contact.name}", contact, open }
                        }
                    }
                }
            },
        }
    }
}

/// What a call or text leaves behind on the phone, and a quieter way in.
#[component]
pub fn Traces() -> Element {
    rsx! {
        details { class: "card", id: "traces",
            summary { "Worried someone will see you reached out?" }
            p {
                "Calls show in your phone's call list, and texts stay in your messages. "
                "You can delete them there afterwards."
            }
            p {
                "Online chat, where a line has one, leaves less behind. Use a private tab in your "
                "browser, and close it when you're done."
            }
            p { class: "muted small", "These lines are saved on your phone, so this page works without internet." }
        }
    }
}

/// The whole card: the title, every line in order, and what a call leaves behind.
#[component]
pub fn CrisisCard() -> Element {
    rsx! {
        HelpTitle {}
        CrisisLines { part: LinesPart::OpenNow }
        CrisisLines { part: LinesPart::Closed }
        Traces {}
    }
}
