//! One crisis contact: who they are, what they offer, whether they are open now (and if not, when
//! they open, in the mentee's own time), their languages, and big call / text / chat / web buttons.
//! Everything is in the reader's language where the program gave a translation.

use chrono::{DateTime, Local, Utc};
use dioxus::prelude::*;

use steady_core::domain::time::{clock, month_year, weekday_long};
use steady_core::domain::{CrisisContact, OpenNow};
use steady_core::i18n::Lang;
use steady_core::t;

use crate::{Opener, OutsideLink};

/// When a line closes or opens, in the mentee's own time: "until 9:00 PM", or "opens Monday at
/// 9:00 AM" when it is not today.
fn open_words(lang: Lang, open: OpenNow) -> String {
    let parts = |at: DateTime<Utc>| {
        let local = at.with_timezone(&Local);
        let today = local.date_naive() == Local::now().date_naive();
        (
            today,
            clock(lang, local.time()),
            weekday_long(lang, local.date_naive()),
        )
    };
    match open {
        OpenNow::Always => t!(lang, "open-always"),
        OpenNow::Until(at) => match parts(at) {
            (true, time, _) => t!(lang, "open-until", time = time),
            (false, time, weekday) => t!(lang, "open-until-day", weekday = weekday, time = time),
        },
        OpenNow::OpensAt(at) => match parts(at) {
            (true, time, _) => t!(lang, "open-opens-at", time = time),
            (false, time, weekday) => t!(lang, "open-opens-day", weekday = weekday, time = time),
        },
        OpenNow::Unknown => String::new(),
    }
}

#[component]
pub fn ContactCard(contact: CrisisContact, open: OpenNow, lang: Lang, opener: Opener) -> Element {
    let words = contact.in_lang(lang);
    let speaks = t!(
        lang,
        "contact-speaks",
        languages = &words.languages,
        checked = month_year(lang, contact.last_checked)
    );
    let status = open_words(lang, open);
    let button_class = if open.is_open() {
        "button primary"
    } else {
        "button"
    };
    rsx! {
        li { class: if open.is_open() { "card contact" } else { "card contact closed" },
            "data-open": if open.is_open() { "true" } else { "false" },
            "data-contact": "{contact.name}",
            h3 { "{words.name}" }
            p { "{words.offers}" }
            if !words.how.is_empty() {
                p { class: "contact-how", "{words.how}" }
            }
            if !status.is_empty() {
                p { class: "open-status", "{status}" }
            }
            if !words.hours.is_empty() {
                p { class: "muted small", "{words.hours}" }
            }
            p { class: "muted small", "{speaks}" }
            div { class: "row actions",
                for action in words.actions {
                    OutsideLink {
                        key: "{action.href}",
                        class: button_class,
                        href: action.href.clone(),
                        accessible_name: action.accessible_name.clone(),
                        opener,
                        lang,
                        "{action.label}"
                    }
                }
            }
        }
    }
}
