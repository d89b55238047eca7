//! Goals the mentee sets in their own words: what, why it matters, small steps, optional target
//! date, check-ins on how it's going, and four states. Letting a goal go is a normal choice, never
//! a failure, and the words here say so.

use chrono::NaiveDate;
use thiserror::Error;

use super::{EntryId, LocalStamp};

pub const TITLE_MAX_CHARS: usize = 200;
pub const WHY_MAX_CHARS: usize = 2_000;
pub const STEP_MAX_CHARS: usize = 500;
pub const NOTE_MAX_CHARS: usize = 2_000;

/// Why a goal, step or check-in could not be saved.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum GoalError {
    #[error("Give your goal a few words first.")]
    TitleEmpty,
    #[error(
        "That's a long goal. Try saying it in up to 200 characters; you can add more under why it matters."
    )]
    TitleTooLong,
    #[error("That's a lot to say here. Try up to 2,000 characters.")]
    WhyTooLong,
    #[error("Type the step first.")]
    StepEmpty,
    #[error("That step is very long. Try up to 500 characters, or split it into smaller steps.")]
    StepTooLong,
    #[error("That note is very long. Try up to 2,000 characters.")]
    NoteTooLong,
    #[error("Pick how it's going first.")]
    NoProgress,
}

/// Where a goal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalState {
    Active,
    Paused,
    Done,
    LetGo,
}

impl GoalState {
    /// In the order the list shows them.
    pub const ALL: [GoalState; 4] = [
        GoalState::Active,
        GoalState::Paused,
        GoalState::Done,
        GoalState::LetGo,
    ];

    pub fn key(self) -> &'static str {
        match self {
            GoalState::Active => "active",
            GoalState::Paused => "paused",
            GoalState::Done => "done",
            GoalState::LetGo => "let_go",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.key() == key)
    }

    /// The heading of this group in the goals list, in `lang`.
    pub fn heading_in(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            &format!("goal-heading-{}", self.key().replace('_', "-")),
        )
    }

    /// The state in words (a shared goal, a status line), in `lang`.
    pub fn words(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            &format!("goal-state-{}", self.key().replace('_', "-")),
        )
    }

    /// The heading of this group in the goals list.
    pub fn heading(self) -> &'static str {
        match self {
            GoalState::Active => "Working on",
            GoalState::Paused => "Resting for now",
            GoalState::Done => "Done",
            GoalState::LetGo => "Let go",
        }
    }
}

/// How a goal is going, as the mentee sees it today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Progress {
    Hard,
    Okay,
    Good,
}

impl Progress {
    pub const ALL: [Progress; 3] = [Progress::Hard, Progress::Okay, Progress::Good];

    pub fn value(self) -> u8 {
        match self {
            Progress::Hard => 1,
            Progress::Okay => 2,
            Progress::Good => 3,
        }
    }

    pub fn from_value(value: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.value() == value)
    }

    pub fn words(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(lang, &format!("progress-{}", self.value()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Progress::Hard => "It's hard",
            Progress::Okay => "It's okay",
            Progress::Good => "Going well",
        }
    }
}

/// A goal as written, before it has an id or steps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalDraft {
    pub title: String,
    pub why: String,
    pub first_step: String,
    pub target: Option<NaiveDate>,
}

impl GoalDraft {
    /// Checks the rules and returns the draft trimmed.
    pub fn validated(self) -> Result<Self, GoalError> {
        let title = self.title.trim().to_string();
        if title.is_empty() {
            return Err(GoalError::TitleEmpty);
        }
        if title.chars().count() > TITLE_MAX_CHARS {
            return Err(GoalError::TitleTooLong);
        }
        let why = self.why.trim().to_string();
        if why.chars().count() > WHY_MAX_CHARS {
            return Err(GoalError::WhyTooLong);
        }
        let first_step = self.first_step.trim().to_string();
        if !first_step.is_empty() {
            check_step(&first_step)?;
        }
        Ok(Self {
            title,
            why,
            first_step,
            target: self.target,
        })
    }
}

/// Checks a step's text and returns it trimmed.
pub fn check_step(text: &str) -> Result<String, GoalError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(GoalError::StepEmpty);
    }
    if text.chars().count() > STEP_MAX_CHARS {
        return Err(GoalError::StepTooLong);
    }
    Ok(text.to_string())
}

/// Checks a check-in note and returns it trimmed (`None` when blank).
pub fn check_note(text: &str) -> Result<Option<String>, GoalError> {
    let text = text.trim();
    if text.chars().count() > NOTE_MAX_CHARS {
        return Err(GoalError::NoteTooLong);
    }
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// A saved goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: EntryId,
    pub title: String,
    pub why: String,
    pub target: Option<NaiveDate>,
    pub state: GoalState,
    pub steps: Vec<GoalStep>,
    pub check_ins: Vec<GoalCheckIn>,
    pub created_at: LocalStamp,
}

impl Goal {
    /// "2 of 5 steps done", or nothing when there are no steps.
    pub fn progress_text(&self) -> Option<String> {
        self.progress_in(crate::i18n::Lang::En)
    }

    /// "2 of 3 steps done", in `lang`; `None` with no steps.
    pub fn progress_in(&self, lang: crate::i18n::Lang) -> Option<String> {
        if self.steps.is_empty() {
            return None;
        }
        let done = self.steps.iter().filter(|s| s.done).count();
        Some(crate::t!(
            lang,
            "steps-done",
            done = done,
            total = self.steps.len()
        ))
    }
}

/// One step of a goal's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalStep {
    pub id: EntryId,
    pub text: String,
    pub done: bool,
}

/// A check-in on a goal: how it's going, and an optional note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalCheckIn {
    pub id: EntryId,
    pub progress: Progress,
    pub note: Option<String>,
    pub at: LocalStamp,
}

impl crate::i18n::Say for GoalError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            match self {
                GoalError::TitleEmpty => "err-goal-title-empty",
                GoalError::TitleTooLong => "err-goal-title-long",
                GoalError::WhyTooLong => "err-goal-why-long",
                GoalError::StepEmpty => "err-step-empty",
                GoalError::StepTooLong => "err-step-long",
                GoalError::NoteTooLong => "err-goal-note-long",
                GoalError::NoProgress => "err-goal-no-progress",
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_needs_words_and_stays_within_limits() {
        let draft = GoalDraft {
            title: "  Join the swim team ".into(),
            first_step: " Ask coach about tryouts ".into(),
            ..Default::default()
        };
        let draft = draft.validated().unwrap();
        assert_eq!(draft.title, "Join the swim team");
        assert_eq!(draft.first_step, "Ask coach about tryouts");
        assert_eq!(GoalDraft::default().validated(), Err(GoalError::TitleEmpty));
        let long_step = GoalDraft {
            title: "x".into(),
            first_step: "s".repeat(10_000),
            ..Default::default()
        };
        assert_eq!(long_step.validated(), Err(GoalError::StepTooLong));
    }

    #[test]
    fn steps_notes_and_states_follow_their_rules() {
        assert_eq!(check_step("   "), Err(GoalError::StepEmpty));
        assert_eq!(check_step(&"s".repeat(10_000)), Err(GoalError::StepTooLong));
        assert_eq!(check_note("  "), Ok(None));
        assert_eq!(check_note(&"n".repeat(2_001)), Err(GoalError::NoteTooLong));
        for state in GoalState::ALL {
            assert_eq!(GoalState::from_key(state.key()), Some(state));
        }
        assert_eq!(Progress::from_value(2), Some(Progress::Okay));
        assert_eq!(Progress::from_value(4), None);
    }

    #[test]
    fn progress_counts_done_steps() {
        let step = |done| GoalStep {
            id: EntryId::new(),
            text: "s".into(),
            done,
        };
        let goal = Goal {
            id: EntryId::new(),
            title: "t".into(),
            why: String::new(),
            target: None,
            state: GoalState::Active,
            steps: vec![step(true), step(false), step(true)],
            check_ins: Vec::new(),
            created_at: LocalStamp::now(),
        };
        assert_eq!(goal.progress_text().as_deref(), Some("2 of 3 steps done"));
    }
}
