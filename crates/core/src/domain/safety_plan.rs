//! The personal safety plan, in the six Stanley-Brown sections plus reasons to keep going. Each
//! section is a list in the mentee's own words; the titles and prompts here are ours, in plain words.

use thiserror::Error;

pub const ITEM_MAX_CHARS: usize = 1_000;

/// Why a plan item could not be saved.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlanError {
    #[error("Type something first.")]
    Empty,
    #[error("That's a lot for one line. Try up to 1,000 characters, or split it in two.")]
    TooLong,
}

/// A section of the plan, in the order the plan is read in a hard moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanSection {
    WarningSigns,
    ThingsICanDo,
    PeopleAndPlaces,
    PeopleToAsk,
    Professionals,
    SaferSpace,
    ReasonsToKeepGoing,
}

impl PlanSection {
    pub const ALL: [PlanSection; 7] = [
        PlanSection::WarningSigns,
        PlanSection::ThingsICanDo,
        PlanSection::PeopleAndPlaces,
        PlanSection::PeopleToAsk,
        PlanSection::Professionals,
        PlanSection::SaferSpace,
        PlanSection::ReasonsToKeepGoing,
    ];

    /// The stored key; never changes once shipped.
    pub fn key(self) -> &'static str {
        match self {
            PlanSection::WarningSigns => "warning_signs",
            PlanSection::ThingsICanDo => "things_i_can_do",
            PlanSection::PeopleAndPlaces => "people_and_places",
            PlanSection::PeopleToAsk => "people_to_ask",
            PlanSection::Professionals => "professionals",
            PlanSection::SaferSpace => "safer_space",
            PlanSection::ReasonsToKeepGoing => "reasons",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|section| section.key() == key)
    }

    /// The section's title, in `lang`.
    pub fn title_in(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            &format!("plan-{}-title", self.key().replace('_', "-")),
        )
    }

    /// The section's prompt, in `lang`.
    pub fn prompt_in(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            &format!("plan-{}-prompt", self.key().replace('_', "-")),
        )
    }

    pub fn title(self) -> &'static str {
        match self {
            PlanSection::WarningSigns => "Signs a hard time is starting",
            PlanSection::ThingsICanDo => "Things I can do on my own",
            PlanSection::PeopleAndPlaces => "People and places that take my mind off things",
            PlanSection::PeopleToAsk => "People I can ask for help",
            PlanSection::Professionals => "Helpers and places I can call",
            PlanSection::SaferSpace => "Making my space safer",
            PlanSection::ReasonsToKeepGoing => "My reasons to keep going",
        }
    }

    pub fn prompt(self) -> &'static str {
        match self {
            PlanSection::WarningSigns => {
                "Thoughts, feelings or situations that tell me a hard time might be starting."
            }
            PlanSection::ThingsICanDo => "Things that help me feel a bit calmer, by myself.",
            PlanSection::PeopleAndPlaces => {
                "Who I can be around, or where I can go, to feel less alone."
            }
            PlanSection::PeopleToAsk => {
                "People I trust to talk to when things are hard. Add someone from My people to call or text them from here."
            }
            PlanSection::Professionals => {
                "A school counselor, a doctor, a helpline, or anyone whose job is to help."
            }
            PlanSection::SaferSpace => {
                "Ways to make where I am safer, like keeping some things away."
            }
            PlanSection::ReasonsToKeepGoing => "People, pets, plans or things that matter to me.",
        }
    }
}

/// Checks one line of the plan and returns it trimmed.
pub fn check_item(text: &str) -> Result<String, PlanError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PlanError::Empty);
    }
    if text.chars().count() > ITEM_MAX_CHARS {
        return Err(PlanError::TooLong);
    }
    Ok(text.to_string())
}

impl crate::i18n::Say for PlanError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            PlanError::Empty => crate::t!(lang, "err-plan-empty"),
            PlanError::TooLong => crate::t!(lang, "err-plan-long"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_sections_plus_reasons_with_stable_keys() {
        assert_eq!(PlanSection::ALL.len(), 7);
        for section in PlanSection::ALL {
            assert_eq!(PlanSection::from_key(section.key()), Some(section));
            assert!(!section.prompt().is_empty());
        }
        assert_eq!(PlanSection::from_key("nope"), None);
    }

    #[test]
    fn items_are_trimmed_and_limited() {
        assert_eq!(check_item("  call Jo  "), Ok("call Jo".into()));
        assert_eq!(check_item("   "), Err(PlanError::Empty));
        assert_eq!(check_item(&"a".repeat(1_001)), Err(PlanError::TooLong));
    }
}
