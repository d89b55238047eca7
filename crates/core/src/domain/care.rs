//! The program's duty of care, as staff publish it with their crisis contacts (signed with the
//! program's key, so phones read it offline and while locked): what a mentor keeps to themselves,
//! what they must pass on and to whom, when a mentee might not be told first; the coordinator a
//! mentor calls and the steps they follow; and the safeguarding lead concerns go to, with the
//! public key concerns are sealed to.
//!
//! A mentee is told this before their first share and can read it on Privacy; a mentor reads it in
//! their Help. Until a program publishes its own, [`ProgramCare::general`] says the usual limits
//! in plain words, so nobody is ever told nothing.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::crisis::is_dialable;

/// Longest text staff may write in one part of the statement.
pub const MAX_STATEMENT: usize = 1_000;
/// Most escalation steps.
pub const MAX_STEPS: usize = 10;

/// What a program says about confidentiality and safeguarding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramCare {
    /// What a mentor keeps between them and the mentee.
    pub keeps: String,
    /// What a mentor must pass on, and to whom.
    pub passes_on: String,
    /// When the mentee might not be told before something is passed on (may be empty).
    #[serde(default)]
    pub not_told: String,
    /// Who a mentor calls first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<Coordinator>,
    /// What a mentor does, in order, when they are worried about a mentee.
    #[serde(default)]
    pub escalation: Vec<String>,
    /// What the program offers its mentors themselves (a debrief, a mentor circle, who to call
    /// after a hard visit); shown in a mentor's Help under "For you too". May be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mentor_support: String,
    /// Where concerns go: set when the program has set up its safeguarding inbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguarding: Option<Safeguarding>,
    /// Whether mentors may write notes in their own words (otherwise only the kind presets).
    #[serde(default)]
    pub free_text_replies: bool,
    /// How many hours a mentee's request may wait for "I saw this" before the mentee is offered
    /// to tell the coordinator (0: never offered).
    #[serde(default)]
    pub reply_within_hours: u32,
    /// The statement in other languages, by language code ("es"); a part left empty falls back
    /// to the main text.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: std::collections::BTreeMap<String, CareWords>,
}

/// The statement's words in one more language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareWords {
    #[serde(default)]
    pub keeps: String,
    #[serde(default)]
    pub passes_on: String,
    #[serde(default)]
    pub not_told: String,
    #[serde(default)]
    pub escalation: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mentor_support: String,
}

/// The program's coordinator, for mentors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coordinator {
    pub name: String,
    /// International form, or empty.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// The program's safeguarding lead, as mentors see them, and their inbox's public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safeguarding {
    /// Who concerns go to, like "Dana Lee, safeguarding lead".
    pub name: String,
    /// X25519 public key, unpadded base64url.
    pub key: String,
}

/// Why a statement cannot be published.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CareError {
    #[error("Say what a mentor keeps private, and what they must pass on.")]
    Missing,
    #[error("Keep each part under 1,000 characters.")]
    TooLong,
    #[error(
        "The coordinator's phone number can't be dialled. Use the international form, like +15555550123."
    )]
    BadPhone,
    #[error("The coordinator's email address doesn't look right.")]
    BadEmail,
    #[error("Give at most 10 steps, each under 1,000 characters.")]
    TooManySteps,
    #[error("The safeguarding inbox's key is damaged. Set the inbox up again.")]
    BadKey,
    #[error(
        "Give the hours a request may wait as a number from 1 to 336 (two weeks), or leave it empty."
    )]
    ReplyTime,
}

impl crate::i18n::Say for CareError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            CareError::Missing => crate::t!(lang, "err-care-missing"),
            CareError::TooLong => crate::t!(lang, "err-care-too-long"),
            CareError::BadPhone => crate::t!(lang, "err-care-bad-phone"),
            CareError::BadEmail => crate::t!(lang, "err-care-bad-email"),
            CareError::TooManySteps => crate::t!(lang, "err-care-steps"),
            CareError::BadKey => crate::t!(lang, "err-care-bad-key"),
            CareError::ReplyTime => crate::t!(lang, "err-care-reply-time"),
        }
    }
}

impl ProgramCare {
    /// The usual limits, said plainly, for a program that has not written its own yet.
    pub fn general() -> Self {
        Self::general_in(crate::i18n::Lang::En)
    }

    /// [`ProgramCare::general`] in `lang`.
    pub fn general_in(lang: crate::i18n::Lang) -> Self {
        ProgramCare {
            keeps: crate::t!(lang, "care-general-keeps"),
            passes_on: crate::t!(lang, "care-general-passes-on"),
            not_told: crate::t!(lang, "care-general-not-told"),
            coordinator: None,
            escalation: Vec::new(),
            mentor_support: String::new(),
            safeguarding: None,
            free_text_replies: false,
            reply_within_hours: 0,
            translations: Default::default(),
        }
    }

    /// The statement as read in `lang`: its translation where staff wrote one, else as written.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> ProgramCare {
        let mut care = self.clone();
        if let Some(words) = self.translations.get(lang.code()) {
            let pick = |translated: &str, main: &str| {
                if translated.trim().is_empty() {
                    main.to_owned()
                } else {
                    translated.to_owned()
                }
            };
            care.keeps = pick(&words.keeps, &self.keeps);
            care.passes_on = pick(&words.passes_on, &self.passes_on);
            care.not_told = pick(&words.not_told, &self.not_told);
            care.mentor_support = pick(&words.mentor_support, &self.mentor_support);
            if !words.escalation.is_empty() {
                care.escalation = words.escalation.clone();
            }
        }
        care
    }

    /// Checks every part; a statement that fails is never published.
    pub fn check(&self) -> Result<(), CareError> {
        if self.keeps.trim().is_empty() || self.passes_on.trim().is_empty() {
            return Err(CareError::Missing);
        }
        let long = |text: &str| text.chars().count() > MAX_STATEMENT;
        if long(&self.keeps)
            || long(&self.passes_on)
            || long(&self.not_told)
            || long(&self.mentor_support)
        {
            return Err(CareError::TooLong);
        }
        // The Spanish words (and any other language's) keep to the same limits.
        for words in self.translations.values() {
            if long(&words.keeps)
                || long(&words.passes_on)
                || long(&words.not_told)
                || long(&words.mentor_support)
            {
                return Err(CareError::TooLong);
            }
            if words.escalation.len() > MAX_STEPS || words.escalation.iter().any(|s| long(s)) {
                return Err(CareError::TooManySteps);
            }
        }
        if self.reply_within_hours > 24 * 14 {
            return Err(CareError::ReplyTime);
        }
        if self.escalation.len() > MAX_STEPS || self.escalation.iter().any(|s| long(s)) {
            return Err(CareError::TooManySteps);
        }
        if let Some(coordinator) = &self.coordinator {
            if coordinator.name.trim().is_empty() || long(&coordinator.name) {
                return Err(CareError::Missing);
            }
            if !coordinator.phone.is_empty() && !is_dialable(&coordinator.phone) {
                return Err(CareError::BadPhone);
            }
            let email = &coordinator.email;
            let plausible = email.is_empty()
                || (email.len() <= 200
                    && !email.contains(char::is_whitespace)
                    && email
                        .split_once('@')
                        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.')));
            if !plausible {
                return Err(CareError::BadEmail);
            }
        }
        if let Some(safeguarding) = &self.safeguarding
            && (crate::crypto::concern::parse_public_key(&safeguarding.key).is_err()
                || safeguarding.name.trim().is_empty()
                || long(&safeguarding.name))
        {
            return Err(CareError::BadKey);
        }
        Ok(())
    }
}

impl Coordinator {
    pub fn call_href(&self) -> Option<String> {
        (!self.phone.is_empty()).then(|| format!("tel:{}", self.phone))
    }

    pub fn email_href(&self) -> Option<String> {
        (!self.email.is_empty()).then(|| format!("mailto:{}", self.email))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_general_statement_passes_its_own_checks() {
        assert_eq!(ProgramCare::general().check(), Ok(()));
    }

    #[test]
    fn a_statement_with_bad_parts_is_refused() {
        let mut care = ProgramCare::general();
        care.passes_on = "  ".into();
        assert_eq!(care.check(), Err(CareError::Missing));
        let mut care = ProgramCare::general();
        care.keeps = "x".repeat(1_001);
        assert_eq!(care.check(), Err(CareError::TooLong));
        let mut care = ProgramCare::general();
        care.coordinator = Some(Coordinator {
            name: "Maya".into(),
            phone: "call me".into(),
            email: String::new(),
        });
        assert_eq!(care.check(), Err(CareError::BadPhone));
        care.coordinator = Some(Coordinator {
            name: "Maya".into(),
            phone: "+15555550100".into(),
            email: "maya at program".into(),
        });
        assert_eq!(care.check(), Err(CareError::BadEmail));
        let mut care = ProgramCare::general();
        care.safeguarding = Some(Safeguarding {
            name: "Dana".into(),
            key: "not a key".into(),
        });
        assert_eq!(care.check(), Err(CareError::BadKey));
        let mut care = ProgramCare::general();
        care.escalation = vec!["step".into(); 11];
        assert_eq!(care.check(), Err(CareError::TooManySteps));
        let mut care = ProgramCare::general();
        care.mentor_support = "x".repeat(1_001);
        assert_eq!(care.check(), Err(CareError::TooLong));
    }

    #[test]
    fn support_for_mentors_is_read_in_the_mentors_language_and_old_statements_still_parse() {
        // A statement signed before mentors' support existed reads as it did: nothing offered.
        let old: ProgramCare =
            serde_json::from_str(r#"{"keeps": "Most things.", "passes_on": "Harm."}"#).unwrap();
        assert_eq!(old.mentor_support, "");
        assert!(
            !serde_json::to_string(&old)
                .unwrap()
                .contains("mentor_support"),
            "an empty part adds nothing to what is signed"
        );
        let mut care = old;
        care.mentor_support = "Mentor circle, first Tuesday at 6.".into();
        care.translations.insert(
            "es".into(),
            CareWords {
                mentor_support: "Círculo de mentores, el primer martes a las 6.".into(),
                ..CareWords::default()
            },
        );
        assert_eq!(care.check(), Ok(()));
        assert_eq!(
            care.in_lang(crate::i18n::Lang::Es).mentor_support,
            "Círculo de mentores, el primer martes a las 6."
        );
        assert_eq!(
            care.in_lang(crate::i18n::Lang::En).mentor_support,
            "Mentor circle, first Tuesday at 6."
        );
    }
}
