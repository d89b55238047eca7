//! Crisis contacts: who a mentee can reach right now, what they offer, and how (call, text, web,
//! chat), and when they are open (`hours`). The app ships a default directory as data
//! (assets/crisis/) so Help works before any program directory arrives and with no network.
//! Contacts are validated when read, so a bad number or a non-https link never becomes a button.
//! The card a mentee sees is the program's contacts beside the bundled lines, which nothing can
//! remove or renumber ([`CrisisDirectory::card`]), ordered by who can be reached now
//! ([`CrisisDirectory::by_open_now`]).

use chrono::{DateTime, NaiveDate, Utc};

mod bundled;
mod form;

pub use bundled::bundled_crisis_directory;
pub use form::{ContactForm, FieldProblem};

use super::hours::{OpenHours, OpenNow};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a directory could not be read.
#[derive(Debug, Error)]
pub enum DirectoryError {
    /// The text is not a directory at all.
    #[error("The crisis contact list could not be read: {0}")]
    Malformed(#[from] serde_json::Error),
    /// A contact's phone or text number is not a number we can dial.
    #[error("The contact \"{name}\" has a number that can't be dialled.")]
    BadNumber { name: String },
    /// A contact's web address is not https.
    #[error("The contact \"{name}\" has a web address that isn't safe (https) to open.")]
    BadWebAddress { name: String },
    /// A contact's opening times can't be used (`why` is a catalogue key).
    #[error("The contact \"{name}\" has opening times that can't be read: {}", crate::i18n::tr(crate::i18n::Lang::En, .why))]
    BadHours { name: String, why: &'static str },
    /// The program's statement can't be used.
    #[error("The program's confidentiality statement can't be published: {0}")]
    BadCare(#[from] super::care::CareError),
}

/// A set of contacts, in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisDirectory {
    pub version: u64,
    pub region: String,
    pub contacts: Vec<CrisisContact>,
    /// The program's confidentiality statement, coordinator and safeguarding lead, when staff
    /// have written them (see `domain::care`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<super::care::ProgramCare>,
}

/// One place to get help.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisContact {
    pub name: String,
    /// What they offer, in one plain sentence.
    pub offers: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub text: Option<TextLine>,
    #[serde(default)]
    pub web: Option<String>,
    /// A web chat (https), for a mentee who can't talk or text where they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<String>,
    /// When they are open; `None` only in directories from before opening times were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<OpenHours>,
    /// Anything else about the hours, in words ("Closed on public holidays").
    #[serde(default)]
    pub hours: String,
    pub languages: Vec<String>,
    /// Where the contact serves (empty: everywhere the program works).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    pub last_checked: NaiveDate,
    /// Its words in other languages, by language code ("es"); a part left empty falls back to
    /// the main text, plainly.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: std::collections::BTreeMap<String, ContactWords>,
}

/// A contact's words in one more language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactWords {
    /// The line's name in that language (as the service names itself there), if different.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub offers: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hours: String,
    /// How to reach them in that language ("Call and press 2 for Spanish").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how: String,
    /// The word to text in that language, when it differs ("AYUDA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_keyword: Option<String>,
    /// The web chat for that language (https), shown instead of the main one ("988lineadevida.org").
    /// Optional: directories from before it was kept read as they always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<String>,
    /// A WhatsApp number for that language, in international form ("+14422983263").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<String>,
}

/// A contact as a reader in one language sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactInLang {
    pub name: String,
    pub offers: String,
    pub hours: String,
    pub how: String,
    pub languages: String,
    pub actions: Vec<ContactAction>,
}

impl CrisisContact {
    /// Whether nobody has checked this contact for more than 180 days.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        (today - self.last_checked).num_days() > 180
    }
}

/// A number to text, and the word to start with when the line needs one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextLine {
    pub number: String,
    #[serde(default)]
    pub keyword: Option<String>,
}

/// A button on the crisis card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactAction {
    pub href: String,
    /// What the button says, e.g. "Call 988".
    pub label: String,
    /// What a screen reader says, e.g. "Call 988 Suicide & Crisis Lifeline at 988".
    pub accessible_name: String,
}

impl CrisisDirectory {
    /// Reads and checks a directory written as JSON.
    pub fn from_json(text: &str) -> Result<Self, DirectoryError> {
        let directory: CrisisDirectory = serde_json::from_str(text)?;
        for contact in &directory.contacts {
            contact.check()?;
        }
        if let Some(care) = &directory.program {
            care.check()?;
        }
        Ok(directory)
    }
}

impl CrisisContact {
    fn check(&self) -> Result<(), DirectoryError> {
        let numbers = self
            .phone
            .iter()
            .chain(self.text.iter().map(|line| &line.number));
        for number in numbers {
            if !is_dialable(number) {
                return Err(DirectoryError::BadNumber {
                    name: self.name.clone(),
                });
            }
        }
        let words = self.translations.values();
        let whatsapp = words.clone().filter_map(|w| w.whatsapp.as_ref());
        for number in whatsapp {
            if !number.starts_with('+') || !is_dialable(number) {
                return Err(DirectoryError::BadNumber {
                    name: self.name.clone(),
                });
            }
        }
        let chats = words.filter_map(|w| w.chat.as_ref());
        for web in self.web.iter().chain(self.chat.iter()).chain(chats) {
            if !web.starts_with("https://") || web.contains(char::is_whitespace) {
                return Err(DirectoryError::BadWebAddress {
                    name: self.name.clone(),
                });
            }
        }
        if let Some(open) = &self.open {
            open.check().map_err(|why| DirectoryError::BadHours {
                name: self.name.clone(),
                why,
            })?;
        }
        Ok(())
    }

    /// Whether the line is open at `now` (unknown for a line with hours only in words).
    pub fn open_now(&self, now: DateTime<Utc>) -> OpenNow {
        self.open
            .as_ref()
            .map_or(OpenNow::Unknown, |open| open.status(now))
    }

    /// The call, text, WhatsApp, chat and web buttons for this contact, in that order (English).
    pub fn actions(&self) -> Vec<ContactAction> {
        self.in_lang(crate::i18n::Lang::En).actions
    }

    /// Everything a reader in `lang` sees of this contact: its translation where staff (or the
    /// bundled card) gave one, else its own words. Each button's spoken name starts with its
    /// visible words (so voice control can say what it sees), then whose line it is.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> ContactInLang {
        let words = self
            .translations
            .get(lang.code())
            .cloned()
            .unwrap_or_default();
        let pick = |translated: &str, main: &str| {
            if translated.trim().is_empty() {
                main.to_owned()
            } else {
                translated.to_owned()
            }
        };
        let name = pick(&words.name, &self.name);
        let mut actions = Vec::new();
        let named = |label: String, href: String| ContactAction {
            accessible_name: crate::t!(lang, "contact-action-aria", action = &label, name = &name),
            href,
            label,
        };
        if let Some(phone) = &self.phone {
            actions.push(named(
                crate::t!(lang, "contact-call", number = display_number(phone)),
                format!("tel:{phone}"),
            ));
        }
        if let Some(line) = &self.text {
            let number = &line.number;
            let shown = display_number(number);
            let keyword = words.text_keyword.clone().or_else(|| line.keyword.clone());
            actions.push(match &keyword {
                // "?&body=" is read by both Android and iOS messaging apps.
                Some(word) => named(
                    crate::t!(lang, "contact-text-word", word = word, number = &shown),
                    format!("sms:{number}?&body={}", encode_query(word)),
                ),
                None => named(
                    crate::t!(lang, "contact-text", number = &shown),
                    format!("sms:{number}"),
                ),
            });
        }
        if let Some(number) = &words.whatsapp {
            // wa.me opens WhatsApp where it is installed, and its page where it isn't.
            actions.push(named(
                crate::t!(lang, "contact-whatsapp", number = display_number(number)),
                format!("https://wa.me/{}", number.trim_start_matches('+')),
            ));
        }
        if let Some(chat) = words.chat.as_ref().or(self.chat.as_ref()) {
            actions.push(named(crate::t!(lang, "contact-chat"), chat.clone()));
        }
        if let Some(web) = &self.web {
            actions.push(named(crate::t!(lang, "contact-web"), web.clone()));
        }
        let languages = self
            .languages
            .iter()
            .map(|language| {
                let key = format!(
                    "language-{}",
                    language.trim().to_lowercase().replace(' ', "-")
                );
                if crate::i18n::has(crate::i18n::Lang::En, &key) {
                    crate::i18n::tr(lang, &key)
                } else {
                    language.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        ContactInLang {
            offers: pick(&words.offers, &self.offers),
            hours: pick(&words.hours, &self.hours),
            how: words.how,
            languages,
            actions,
            name,
        }
    }
}

/// A number as people write it where they live: US and Canadian numbers as (555) 555-0123; short
/// codes and other countries' numbers as stored.
pub fn display_number(number: &str) -> String {
    match number.strip_prefix("+1") {
        Some(rest) if rest.len() == 10 && rest.chars().all(|c| c.is_ascii_digit()) => {
            format!("({}) {}-{}", &rest[..3], &rest[3..6], &rest[6..])
        }
        _ => number.to_owned(),
    }
}

impl CrisisDirectory {
    /// The card a mentee sees: `program`'s contacts first, then every bundled line exactly as
    /// shipped. A program contact under a bundled line's name is left out: it could only repeat
    /// that line, or pass another number off as it. Returns whether program contacts are in it.
    pub fn card(bundled: &CrisisDirectory, program: Option<CrisisDirectory>) -> (Self, bool) {
        let Some(program) = program else {
            return (bundled.clone(), false);
        };
        let mut contacts: Vec<CrisisContact> = program
            .contacts
            .into_iter()
            .filter(|contact| {
                !bundled
                    .contacts
                    .iter()
                    .any(|line| line.name.trim().eq_ignore_ascii_case(contact.name.trim()))
            })
            .collect();
        contacts.extend(bundled.contacts.iter().cloned());
        (
            CrisisDirectory {
                version: program.version,
                region: program.region,
                contacts,
                program: program.program,
            },
            true,
        )
    }

    /// The contacts in the order Help shows them at `now`: lines open any time first, then the
    /// ones open now, then those with hours only in words, then closed lines by when they open.
    /// Within each group the directory's own order holds (the program's first).
    pub fn by_open_now(&self, now: DateTime<Utc>) -> Vec<(CrisisContact, OpenNow)> {
        let mut contacts: Vec<(CrisisContact, OpenNow)> = self
            .contacts
            .iter()
            .map(|contact| (contact.clone(), contact.open_now(now)))
            .collect();
        contacts.sort_by_key(|(_, open)| open.order());
        contacts
    }
}

/// E.164 (`+` then 8 to 15 digits) or a short code of 3 to 6 digits.
pub fn is_dialable(number: &str) -> bool {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    match number.strip_prefix('+') {
        Some(rest) => (8..=15).contains(&rest.len()) && digits(rest),
        None => (3..=6).contains(&number.len()) && digits(number),
    }
}

fn encode_query(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLED: &str = include_str!("../../../../../assets/crisis/default-us.json");

    #[test]
    fn bundled_directory_has_988_crisis_text_line_and_911() {
        let directory = CrisisDirectory::from_json(BUNDLED).unwrap();
        let hrefs: Vec<String> = directory
            .contacts
            .iter()
            .flat_map(|c| c.actions())
            .map(|a| a.href)
            .collect();
        for expected in [
            "tel:988",
            "sms:988",
            "https://988lifeline.org/chat",
            "sms:741741?&body=HOME",
            "tel:911",
        ] {
            assert!(hrefs.contains(&expected.to_string()), "{expected} missing");
        }
        // The retired "press 3" option must never come back.
        assert!(!BUNDLED.to_lowercase().contains("press 3"));
        // 988 is for someone you're worried about too.
        let lifeline = directory.contacts[0].in_lang(crate::i18n::Lang::En);
        assert!(
            lifeline.offers.contains("if you're worried about someone"),
            "{}",
            lifeline.offers
        );
        // LGBTQ+ young people have The Trevor Project since 988's press 3 ended (July 2025).
        let trevor = directory
            .contacts
            .iter()
            .find(|c| c.name == "The Trevor Project")
            .expect("The Trevor Project is on the card")
            .in_lang(crate::i18n::Lang::En);
        assert!(trevor.offers.starts_with("For LGBTQ+ young people"));
        let buttons: Vec<(&str, &str)> = trevor
            .actions
            .iter()
            .map(|a| (a.label.as_str(), a.href.as_str()))
            .collect();
        assert_eq!(
            buttons,
            [
                ("Call (866) 488-7386", "tel:+18664887386"),
                ("Text START to 678678", "sms:678678?&body=START"),
                ("Chat online", "https://www.thetrevorproject.org/get-help/"),
                ("Website", "https://www.thetrevorproject.org"),
            ]
        );
        // Spanish-only ways in stay off the English card.
        assert!(
            !hrefs
                .iter()
                .any(|h| h.contains("wa.me") || h.contains("lineadevida"))
        );
    }

    #[test]
    fn bundled_directory_in_spanish_has_the_spanish_ways_in() {
        let directory = CrisisDirectory::from_json(BUNDLED).unwrap();
        let spanish: Vec<ContactInLang> = directory
            .contacts
            .iter()
            .map(|c| c.in_lang(crate::i18n::Lang::Es))
            .collect();
        let hrefs: Vec<&str> = spanish
            .iter()
            .flat_map(|c| c.actions.iter().map(|a| a.href.as_str()))
            .collect();
        // 988: text AYUDA; Crisis Text Line: text AYUDA to 741741 (its own announcement).
        for expected in [
            "tel:988",
            "sms:988?&body=AYUDA",
            "sms:741741?&body=AYUDA",
            "tel:911",
        ] {
            assert!(
                hrefs.contains(&expected),
                "{expected} missing from {hrefs:?}"
            );
        }
        let lifeline = &spanish[0];
        assert_eq!(
            lifeline.name,
            "988 Línea de Prevención del Suicidio y Crisis"
        );
        assert!(lifeline.how.contains("marca 2"), "{}", lifeline.how);
        assert!(
            lifeline.offers.contains("si te preocupa otra persona"),
            "{}",
            lifeline.offers
        );
        // 988's chat in Spanish is its own site, in place of the English chat.
        let chats: Vec<(&str, &str)> = lifeline
            .actions
            .iter()
            .filter(|a| a.label == "Chatear en línea")
            .map(|a| (a.label.as_str(), a.href.as_str()))
            .collect();
        assert_eq!(chats, [("Chatear en línea", "https://988lineadevida.org")]);
        // The Crisis Text Line in Spanish: AYUDA to 741741, or WhatsApp 442-AYUDAME.
        let text_line = &spanish[1];
        assert!(text_line.how.contains("442-AYUDAME"), "{}", text_line.how);
        let whatsapp = text_line
            .actions
            .iter()
            .find(|a| a.href == "https://wa.me/14422983263")
            .expect("the WhatsApp button");
        assert_eq!(whatsapp.label, "WhatsApp (442) 298-3263");
        assert!(whatsapp.accessible_name.contains("Crisis Text Line"));
        assert!(
            lifeline.actions[0].label.starts_with("Llamar"),
            "{:?}",
            lifeline.actions
        );
        assert!(
            lifeline.languages.contains("español"),
            "{}",
            lifeline.languages
        );
        // A line with no Spanish words of its own keeps its English ones, plainly.
        let english = directory.contacts[1].in_lang(crate::i18n::Lang::En);
        assert_eq!(english.name, "Crisis Text Line");
        assert!(english.how.is_empty());
    }

    #[test]
    fn every_button_says_its_visible_words_first_and_numbers_read_as_people_write_them() {
        let directory = CrisisDirectory::from_json(BUNDLED).unwrap();
        for action in directory.contacts.iter().flat_map(|c| c.actions()) {
            assert!(
                action.accessible_name.starts_with(&action.label),
                "{action:?}"
            );
        }
        assert_eq!(display_number("+15555550123"), "(555) 555-0123");
        assert_eq!(display_number("988"), "988");
        assert_eq!(display_number("+442079460000"), "+442079460000");
    }

    #[test]
    fn at_two_in_the_morning_the_first_call_button_rings_a_line_that_is_open() {
        let bundled = CrisisDirectory::from_json(BUNDLED).unwrap();
        let program: CrisisDirectory = serde_json::from_str(
            r#"{"version": 3, "region": "Riverside", "contacts": [
              {"name": "Riverside Youth Line", "offers": "Talk to someone your age.",
               "phone": "+19515550123", "open": {"kind": "weekly", "time_zone": "America/Los_Angeles",
               "times": [{"days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "21:00"}]},
               "languages": ["English"], "last_checked": "2026-11-01"}]}"#,
        )
        .unwrap();
        let (card, from_program) = CrisisDirectory::card(&bundled, Some(program));
        assert!(from_program);
        // Tuesday 2 am in Los Angeles.
        let night = DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let shown = card.by_open_now(night);
        let first_call = shown
            .iter()
            .find(|(c, _)| c.phone.is_some())
            .map(|(c, open)| (c.name.clone(), *open))
            .unwrap();
        assert_eq!(first_call.0, "988 Suicide & Crisis Lifeline");
        assert_eq!(first_call.1, OpenNow::Always);
        assert_eq!(shown.last().unwrap().0.name, "Riverside Youth Line");
        assert!(!shown.last().unwrap().1.is_open());
        // At noon the program's line is open, and comes right after the lines open any time.
        let noon = DateTime::parse_from_rfc3339("2026-11-24T20:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let shown = card.by_open_now(noon);
        let always = bundled.contacts.len();
        assert_eq!(shown[always].0.name, "Riverside Youth Line");
        assert!(matches!(shown[always].1, OpenNow::Until(_)));
    }

    #[test]
    fn numbers_must_be_dialable() {
        assert!(is_dialable("988"));
        assert!(is_dialable("+15555550123"));
        assert!(!is_dialable("98"));
        assert!(!is_dialable("call me"));
        assert!(!is_dialable("+1"));
    }

    #[test]
    fn bad_numbers_and_plain_http_links_are_refused() {
        let bad_phone = BUNDLED.replacen("\"988\"", "\"9-8-8\"", 1);
        assert!(matches!(
            CrisisDirectory::from_json(&bad_phone),
            Err(DirectoryError::BadNumber { .. })
        ));
        let plain_http = BUNDLED.replacen("https://", "http://", 1);
        assert!(matches!(
            CrisisDirectory::from_json(&plain_http),
            Err(DirectoryError::BadWebAddress { .. })
        ));
        assert!(CrisisDirectory::from_json("{").is_err());
    }

    #[test]
    fn a_directory_from_before_per_language_links_still_reads_and_new_ones_round_trip() {
        // As a program published it before a language could have its own chat or WhatsApp.
        let old = r#"{"version": 2, "region": "Riverside", "contacts": [
          {"name": "Riverside Youth Line", "offers": "Talk to someone your age.",
           "phone": "+19515550123", "chat": "https://example.org/chat",
           "languages": ["English", "Spanish"], "last_checked": "2026-11-01",
           "translations": {"es": {"offers": "Habla con alguien de tu edad.", "text_keyword": "HOLA"}}}]}"#;
        let directory = CrisisDirectory::from_json(old).unwrap();
        let spanish = directory.contacts[0].in_lang(crate::i18n::Lang::Es);
        assert_eq!(spanish.offers, "Habla con alguien de tu edad.");
        assert!(
            spanish
                .actions
                .iter()
                .any(|a| a.href == "https://example.org/chat"),
            "{:?}",
            spanish.actions
        );
        // Written back out, it has no new fields, so older phones read it too.
        let written = serde_json::to_string(&directory).unwrap();
        assert!(!written.contains("whatsapp") && !written.contains("\"chat\":null"));
        assert_eq!(CrisisDirectory::from_json(&written).unwrap(), directory);
        // The bundled card, with both new fields, comes back exactly as it went out.
        let bundled = CrisisDirectory::from_json(BUNDLED).unwrap();
        let again = serde_json::to_string(&bundled).unwrap();
        assert_eq!(CrisisDirectory::from_json(&again).unwrap(), bundled);
    }

    #[test]
    fn a_per_language_link_is_checked_like_any_other() {
        let plain_http = BUNDLED.replacen(
            "\"chat\": \"https://988lineadevida.org\"",
            "\"chat\": \"http://988lineadevida.org\"",
            1,
        );
        assert_ne!(plain_http, BUNDLED);
        assert!(matches!(
            CrisisDirectory::from_json(&plain_http),
            Err(DirectoryError::BadWebAddress { .. })
        ));
        let bad_whatsapp = BUNDLED.replacen("\"+14422983263\"", "\"442-AYUDAME\"", 1);
        assert_ne!(bad_whatsapp, BUNDLED);
        assert!(matches!(
            CrisisDirectory::from_json(&bad_whatsapp),
            Err(DirectoryError::BadNumber { .. })
        ));
    }
}

#[cfg(test)]
mod spelled_numbers {
    use super::*;

    const BUNDLED: &str = include_str!("../../../../../assets/crisis/default-us.json");

    /// A letter's digit on a phone keypad (ITU E.161).
    fn keypad(letter: char) -> Option<char> {
        let digit = match letter.to_ascii_uppercase() {
            'A'..='C' => '2',
            'D'..='F' => '3',
            'G'..='I' => '4',
            'J'..='L' => '5',
            'M'..='O' => '6',
            'P'..='S' => '7',
            'T'..='V' => '8',
            'W'..='Z' => '9',
            _ => return None,
        };
        Some(digit)
    }

    /// Every number written in letters ("442-AYUDAME") in the bundled card's words spells the
    /// digits written beside it, and a WhatsApp button dials those digits: a person who types
    /// the letters and a person who taps the button reach the same line.
    #[test]
    fn a_number_in_letters_spells_the_number_its_button_dials() {
        let directory = CrisisDirectory::from_json(BUNDLED).unwrap();
        let mut checked = 0;
        for contact in &directory.contacts {
            for words in contact.translations.values() {
                let Some(at) = words.how.find("442-") else {
                    continue;
                };
                let spelled: String = words.how[at + 4..]
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                let digits: String = spelled.chars().filter_map(keypad).collect();
                assert_eq!(digits.len(), 7, "{spelled}");
                let written = format!("(442-{}-{})", &digits[..3], &digits[3..]);
                assert!(
                    words.how.contains(&written),
                    "{} lacks {written}",
                    words.how
                );
                if let Some(whatsapp) = &words.whatsapp {
                    assert_eq!(whatsapp, &format!("+1442{digits}"));
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 1, "442-AYUDAME is on the card");
        assert_eq!(keypad('A'), Some('2'));
        assert_eq!(keypad('Y'), Some('9'));
    }
}
