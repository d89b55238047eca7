//! The crisis lines, in the order a person in distress needs them: lines open any time first,
//! then the ones open now, then closed lines with when they open. The first Call button is never
//! a closed line. [`CrisisCard`] is the whole card (the lock screen shows it, with no unlocking);
//! Help composes [`CrisisLines`] around the mentee's own supports.

use chrono::Utc;
use dioxus::prelude::*;

use crate::domain::{CrisisContact, OpenNow};
use crate::ui::components::ContactCard;
use crate::ui::{focus_when_mounted, use_lang, use_session};

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
    let lang = use_lang();
    rsx! {
        h1 { id: "help-title", tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "help-title")} }
        p { class: "danger-note", {t!(lang, "help-danger")} }
    }
}

/// One part of the crisis card.
#[component]
pub fn CrisisLines(part: LinesPart) -> Element {
    let lang = use_lang();
    let (directory, has_program_contacts) = use_session().device().crisis_card();
    let shown = lines(directory.by_open_now(Utc::now()), part);
    if shown.is_empty() {
        return rsx! {};
    }
    rsx! {
        match part {
            LinesPart::OpenNow => rsx! {
                section { aria_labelledby: "open-lines-title", id: "open-lines",
                    h2 { id: "open-lines-title", {t!(lang, "lines-now-title")} }
                    p { class: "muted", id: "contacts-note",
                        {t!(lang, "lines-free")}
                        if has_program_contacts { " " {t!(lang, "lines-program-first")} }
                    }
                    ul { class: "contact-list", id: "crisis-card",
                        for (contact, open) in shown {
                            ContactCard { key: "{contact.name}", contact, open, lang }
                        }
                    }
                }
            },
            LinesPart::Closed => rsx! {
                section { aria_labelledby: "closed-lines-title", id: "closed-lines",
                    h2 { id: "closed-lines-title", {t!(lang, "lines-closed-title")} }
                    ul { class: "contact-list",
                        for (contact, open) in shown {
                            ContactCard { key: "{contact.name}", contact, open, lang }
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
    let lang = use_lang();
    rsx! {
        details { class: "card", id: "traces",
            summary { {t!(lang, "traces-title")} }
            p { {t!(lang, "traces-calls")} }
            p { {t!(lang, "traces-chat")} }
            p { class: "muted small", {t!(lang, "traces-offline")} }
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
