//! The crisis lines, in the order a person in distress needs them: lines open any time first,
//! then the ones open now, then closed lines with when they open. The first Call button is never
//! a closed line. [`CrisisCard`] is the whole card (the lock screen shows it, with no unlocking);
//! Help composes [`CrisisLines`] around the mentee's own supports.

use chrono::Utc;
use dioxus::prelude::*;

use crate::domain::CrisisDirectory;
use crate::domain::{CrisisContact, OpenNow};
use crate::ui::components::{ContactCard, OutsideLink};
use crate::ui::views::DataPlace;
use crate::ui::{Session, focus_when_mounted, use_lang};

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

/// The card as it is on this device now, and whether the program's own contacts are in it. Before
/// a device has opened (the start-up problem screen), it is read from the device's folder alone.
fn card_now() -> (CrisisDirectory, bool) {
    if let Some(session) = try_consume_context::<Session>() {
        return session.device().crisis_card();
    }
    match try_consume_context::<DataPlace>().map(|place| place.0) {
        Some(Ok(dir)) => crate::state::crisis_card_at(&dir),
        _ => CrisisDirectory::card(crate::domain::crisis::bundled_crisis_directory(), None),
    }
}

/// The page's title and the one line for danger, with texting 911 for someone who can't talk
/// (where the local 911 centre takes texts; elsewhere the phone company texts back to call).
#[component]
pub fn HelpTitle() -> Element {
    let lang = use_lang();
    let text_911 = t!(lang, "help-text-911");
    rsx! {
        h1 { id: "help-title", tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "help-title")} }
        p { class: "danger-note", {t!(lang, "help-danger")} }
        p { class: "text-911",
            OutsideLink {
                class: "text-911-link".to_string(),
                href: "sms:911".to_string(),
                accessible_name: text_911.clone(),
                "{text_911}"
            }
        }
    }
}

/// One part of the crisis card.
#[component]
pub fn CrisisLines(part: LinesPart) -> Element {
    let lang = use_lang();
    let (directory, has_program_contacts) = card_now();
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
                            ContactCard { key: "{contact.name}", contact, open, lang, opener: steady_cards::Opener(crate::platform::open_external) }
                        }
                    }
                }
            },
            LinesPart::Closed => rsx! {
                section { aria_labelledby: "closed-lines-title", id: "closed-lines",
                    h2 { id: "closed-lines-title", {t!(lang, "lines-closed-title")} }
                    ul { class: "contact-list",
                        for (contact, open) in shown {
                            ContactCard { key: "{contact.name}", contact, open, lang, opener: steady_cards::Opener(crate::platform::open_external) }
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
            p { {t!(lang, "traces-shared")} }
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
