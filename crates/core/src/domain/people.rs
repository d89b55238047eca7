//! "My people": trusted contacts the mentee adds themselves, to call or text from the crisis card.
//! Numbers are typed by hand, so common separators are accepted and cleaned away; a US or Canadian
//! number is kept in its international form (E.164, +1...) and shown as people write it.

use thiserror::Error;

use super::EntryId;

pub const NAME_MAX_CHARS: usize = 80;

/// Why a trusted person could not be saved.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PersonError {
    #[error("Add a name, so you know who this is.")]
    NameEmpty,
    #[error("That name is a bit long. Try up to 80 characters.")]
    NameTooLong,
    #[error(
        "That doesn't look like a phone number. Use digits, like 555 123 4567, or start with + for another country."
    )]
    BadPhone,
}

/// Someone the mentee trusts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedPerson {
    pub id: EntryId,
    pub name: String,
    /// E.164 (`+` and digits), or a short code of digits.
    pub phone: String,
}

impl TrustedPerson {
    /// Checks and cleans what was typed.
    pub fn new(id: EntryId, name: &str, phone: &str) -> Result<Self, PersonError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(PersonError::NameEmpty);
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(PersonError::NameTooLong);
        }
        Ok(Self {
            id,
            name: name.to_string(),
            phone: clean_phone(phone).ok_or(PersonError::BadPhone)?,
        })
    }

    pub fn call_href(&self) -> String {
        format!("tel:{}", self.phone)
    }

    pub fn text_href(&self) -> String {
        format!("sms:{}", self.phone)
    }

    /// The number as people write it, like (555) 123-4567.
    pub fn shown_phone(&self) -> String {
        super::display_number(&self.phone)
    }
}

/// Removes spaces, dashes, dots and brackets; the rest must be 3 to 15 digits, optionally after a
/// +. Ten digits (or eleven starting with 1) are a US or Canadian number and get their +1.
pub fn clean_phone(typed: &str) -> Option<String> {
    let cleaned: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let ok = (3..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    Some(match (cleaned.starts_with('+'), digits.len()) {
        (false, 10) => format!("+1{digits}"),
        (false, 11) if digits.starts_with('1') => format!("+{digits}"),
        _ => cleaned,
    })
}

impl crate::i18n::Say for PersonError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            PersonError::NameEmpty => crate::t!(lang, "err-person-name-empty"),
            PersonError::NameTooLong => crate::t!(lang, "err-person-name-long"),
            PersonError::BadPhone => crate::t!(lang, "err-person-phone"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_cleaned_or_refused() {
        assert_eq!(
            clean_phone("(555) 123-4567").as_deref(),
            Some("+15551234567")
        );
        assert_eq!(
            clean_phone("1 555 123 4567").as_deref(),
            Some("+15551234567")
        );
        assert_eq!(clean_phone("741741").as_deref(), Some("741741"));
        assert_eq!(
            clean_phone(" +44 20 7946 0958 ").as_deref(),
            Some("+442079460958")
        );
        assert_eq!(clean_phone("call mum"), None);
        assert_eq!(clean_phone("12"), None);
        assert_eq!(clean_phone("1234567890123456"), None);
        assert_eq!(clean_phone("555;DROP TABLE"), None);
    }

    #[test]
    fn a_person_needs_a_name_and_a_real_number() {
        let aunt = TrustedPerson::new(EntryId::new(), " Aunt Rosa ", "555-123-4567").unwrap();
        assert_eq!(aunt.name, "Aunt Rosa");
        assert_eq!(aunt.call_href(), "tel:+15551234567");
        assert_eq!(aunt.text_href(), "sms:+15551234567");
        assert_eq!(aunt.shown_phone(), "(555) 123-4567");
        assert_eq!(
            TrustedPerson::new(EntryId::new(), "", "5551234567"),
            Err(PersonError::NameEmpty)
        );
        assert_eq!(
            TrustedPerson::new(EntryId::new(), "Rosa", "not a number"),
            Err(PersonError::BadPhone)
        );
        assert_eq!(
            TrustedPerson::new(EntryId::new(), &"x".repeat(81), "5551234567"),
            Err(PersonError::NameTooLong)
        );
    }
}
