//! Crisis contacts: who a mentee can reach right now, what they offer, and how (call, text, web).
//! The app ships a default directory as data (assets/crisis/) so Help works before any program
//! directory arrives and with no network. Contacts are validated when read, so a bad number or a
//! non-https link never becomes a button.

use chrono::NaiveDate;
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
}

/// A set of contacts, in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisDirectory {
    pub version: u64,
    pub region: String,
    pub contacts: Vec<CrisisContact>,
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
    pub hours: String,
    pub languages: Vec<String>,
    pub last_checked: NaiveDate,
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
        if let Some(web) = &self.web
            && (!web.starts_with("https://") || web.contains(char::is_whitespace))
        {
            return Err(DirectoryError::BadWebAddress {
                name: self.name.clone(),
            });
        }
        Ok(())
    }

    /// The call, text and web buttons for this contact, in that order.
    pub fn actions(&self) -> Vec<ContactAction> {
        let mut actions = Vec::new();
        if let Some(phone) = &self.phone {
            actions.push(ContactAction {
                href: format!("tel:{phone}"),
                label: format!("Call {phone}"),
                accessible_name: format!("Call {} at {phone}", self.name),
            });
        }
        if let Some(line) = &self.text {
            let number = &line.number;
            let (href, label) = match &line.keyword {
                // "?&body=" is read by both Android and iOS messaging apps.
                Some(word) => (
                    format!("sms:{number}?&body={}", encode_query(word)),
                    format!("Text {word} to {number}"),
                ),
                None => (format!("sms:{number}"), format!("Text {number}")),
            };
            actions.push(ContactAction {
                accessible_name: format!("{label}, {}", self.name),
                href,
                label,
            });
        }
        if let Some(web) = &self.web {
            actions.push(ContactAction {
                href: web.clone(),
                label: "Open website".into(),
                accessible_name: format!("Open the {} website", self.name),
            });
        }
        actions
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

    const BUNDLED: &str = include_str!("../../assets/crisis/default-us.json");

    #[test]
    fn bundled_directory_has_988_crisis_text_line_and_911() {
        let directory = CrisisDirectory::from_json(BUNDLED).unwrap();
        let hrefs: Vec<String> = directory
            .contacts
            .iter()
            .flat_map(|c| c.actions())
            .map(|a| a.href)
            .collect();
        for expected in ["tel:988", "sms:988", "sms:741741?&body=HOME", "tel:911"] {
            assert!(hrefs.contains(&expected.to_string()), "{expected} missing");
        }
        // The retired "press 3" option must never come back.
        assert!(!BUNDLED.to_lowercase().contains("press 3"));
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
}
