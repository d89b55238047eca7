//! What a mentee shares: the share modes, and the exact content a mentor's device receives for
//! each kind of item. Building the shared form here (and nowhere else) means the preview the
//! mentee sees and the envelope the mentor opens come from the same function.

use serde::{Deserialize, Serialize};

use super::{Goal, GoalState, LocalStamp, MoodEntry, PlanSection};

/// How one item is shared. Private is the default for everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareMode {
    Private,
    Shared,
    SharedWithoutNote,
}

impl ShareMode {
    pub fn key(self) -> &'static str {
        match self {
            ShareMode::Private => "private",
            ShareMode::Shared => "shared",
            ShareMode::SharedWithoutNote => "without_note",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Private, Self::Shared, Self::SharedWithoutNote]
            .into_iter()
            .find(|m| m.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            ShareMode::Private => "Just for me",
            ShareMode::Shared => "Share with my mentor",
            ShareMode::SharedWithoutNote => "Share, but keep my notes private",
        }
    }

    pub fn is_shared(self) -> bool {
        self != ShareMode::Private
    }
}

/// The kinds of item that can be shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareKind {
    Mood,
    Goal,
    SafetyPlan,
    ContactRequest,
    /// The mentee's terms for replies (on or off; may the mentor see what was read).
    Terms,
}

impl ShareKind {
    pub fn key(self) -> &'static str {
        match self {
            ShareKind::Mood => "mood",
            ShareKind::Goal => "goal",
            ShareKind::SafetyPlan => "safety_plan",
            ShareKind::ContactRequest => "contact_request",
            ShareKind::Terms => "terms",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [
            Self::Mood,
            Self::Goal,
            Self::SafetyPlan,
            Self::ContactRequest,
            Self::Terms,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// The item id the safety plan is shared under (there is one plan).
pub const SAFETY_PLAN_ID: &str = "safety-plan";

/// The item id the mentee's reply terms are shared under (one per phone).
pub const TERMS_ID: &str = "reply-terms";

/// A moment as the mentor sees it: UTC milliseconds and the mentee's offset then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedTime {
    pub utc_ms: i64,
    pub offset_s: i32,
}

impl SharedTime {
    pub fn of(stamp: &LocalStamp) -> Self {
        SharedTime {
            utc_ms: stamp.utc_millis(),
            offset_s: stamp.offset_seconds(),
        }
    }

    pub fn stamp(self) -> Option<LocalStamp> {
        LocalStamp::from_parts(self.utc_ms, self.offset_s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedStep {
    pub text: String,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedCheckIn {
    pub at: SharedTime,
    pub how: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSection {
    pub title: String,
    pub items: Vec<String>,
}

/// Exactly what a mentor's device receives. Nothing else of the item leaves the phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SharedContent {
    Mood {
        at: SharedTime,
        level: u8,
        feeling: String,
        emotions: Vec<String>,
        tags: Vec<String>,
        note: Option<String>,
    },
    Goal {
        title: String,
        why: Option<String>,
        state: String,
        target: Option<String>,
        steps: Vec<SharedStep>,
        check_ins: Vec<SharedCheckIn>,
    },
    SafetyPlan {
        sections: Vec<SharedSection>,
    },
    ContactRequest {
        at: SharedTime,
    },
    /// The mentee's terms for replies, sent to each mentor they have.
    Terms {
        replies: bool,
        read_receipts: bool,
        /// With read receipts on: replies up to this moment were read.
        #[serde(default)]
        read_up_to_ms: i64,
    },
}

impl SharedContent {
    pub fn kind(&self) -> ShareKind {
        match self {
            SharedContent::Mood { .. } => ShareKind::Mood,
            SharedContent::Goal { .. } => ShareKind::Goal,
            SharedContent::SafetyPlan { .. } => ShareKind::SafetyPlan,
            SharedContent::ContactRequest { .. } => ShareKind::ContactRequest,
            SharedContent::Terms { .. } => ShareKind::Terms,
        }
    }

    /// When the shared moment happened, for items that are a moment (check-ins, nudges).
    pub fn at(&self) -> Option<SharedTime> {
        match self {
            SharedContent::Mood { at, .. } | SharedContent::ContactRequest { at } => Some(*at),
            _ => None,
        }
    }

    pub fn mood(entry: &MoodEntry, mode: ShareMode) -> Self {
        SharedContent::Mood {
            at: SharedTime::of(&entry.recorded_at),
            level: entry.level.value(),
            feeling: entry.level.label().to_owned(),
            emotions: entry.details.emotions.clone(),
            tags: entry
                .details
                .tags
                .iter()
                .map(|t| t.label().to_owned())
                .collect(),
            note: match mode {
                ShareMode::Shared => entry.details.note.clone(),
                _ => None,
            },
        }
    }

    /// A goal with its steps and check-ins; without notes, the "why" and check-in notes stay home.
    pub fn goal(goal: &Goal, mode: ShareMode) -> Self {
        let with_notes = mode == ShareMode::Shared;
        SharedContent::Goal {
            title: goal.title.clone(),
            why: (with_notes && !goal.why.is_empty()).then(|| goal.why.clone()),
            state: goal_state_words(goal.state).to_owned(),
            target: goal.target.map(|d| d.format("%B %-d, %Y").to_string()),
            steps: goal
                .steps
                .iter()
                .map(|s| SharedStep {
                    text: s.text.clone(),
                    done: s.done,
                })
                .collect(),
            check_ins: goal
                .check_ins
                .iter()
                .map(|c| SharedCheckIn {
                    at: SharedTime::of(&c.at),
                    how: c.progress.label().to_owned(),
                    note: if with_notes { c.note.clone() } else { None },
                })
                .collect(),
        }
    }

    pub fn safety_plan(sections: &[(PlanSection, Vec<String>)]) -> Self {
        SharedContent::SafetyPlan {
            sections: sections
                .iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(section, items)| SharedSection {
                    title: section.title().to_owned(),
                    items: items.clone(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }
}

/// A shared goal's state, in the reader's language (it travels in English words).
pub fn goal_state_in(lang: crate::i18n::Lang, shared: &str) -> String {
    GoalState::ALL
        .into_iter()
        .find(|state| goal_state_words(*state) == shared)
        .map_or_else(|| shared.to_owned(), |state| state.words(lang))
}

/// A shared goal check-in's "how it's going", in the reader's language.
pub fn progress_in(lang: crate::i18n::Lang, shared: &str) -> String {
    super::Progress::ALL
        .into_iter()
        .find(|p| p.label() == shared)
        .map_or_else(|| shared.to_owned(), |p| p.words(lang))
}

/// A shared safety-plan section's title, in the reader's language.
pub fn plan_title_in(lang: crate::i18n::Lang, shared: &str) -> String {
    PlanSection::ALL
        .into_iter()
        .find(|s| s.title() == shared)
        .map_or_else(|| shared.to_owned(), |s| s.title_in(lang))
}

/// A shared feeling word (it travels as the English word), in the reader's language.
pub fn emotion_in(lang: crate::i18n::Lang, shared: &str) -> String {
    super::emotions::WORDS
        .iter()
        .find(|w| w.label == shared || w.key == shared)
        .map_or_else(|| shared.to_owned(), |w| w.words(lang))
}

fn goal_state_words(state: GoalState) -> &'static str {
    match state {
        GoalState::Active => "Working on it",
        GoalState::Paused => "Resting for now",
        GoalState::Done => "Done",
        GoalState::LetGo => "Let go",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MoodDetails, MoodLevel};

    fn entry() -> MoodEntry {
        let mut entry = MoodEntry::new(MoodLevel::new(2).unwrap(), LocalStamp::now());
        entry.details = MoodDetails {
            emotions: vec!["tired".into()],
            note: Some("exam tomorrow".into()),
            ..Default::default()
        };
        entry
    }

    #[test]
    fn sharing_without_the_note_leaves_the_note_out_entirely() {
        let shared = SharedContent::mood(&entry(), ShareMode::SharedWithoutNote);
        let json = String::from_utf8(shared.to_json()).unwrap();
        assert!(!json.contains("exam tomorrow"));
        assert!(json.contains("tired"));
        let full = SharedContent::mood(&entry(), ShareMode::Shared);
        assert!(
            String::from_utf8(full.to_json())
                .unwrap()
                .contains("exam tomorrow")
        );
    }

    #[test]
    fn shared_content_round_trips_and_names_its_kind() {
        let shared = SharedContent::mood(&entry(), ShareMode::Shared);
        let again = SharedContent::from_json(&shared.to_json()).unwrap();
        assert_eq!(again, shared);
        assert_eq!(again.kind(), ShareKind::Mood);
        assert_eq!(
            ShareKind::from_key("safety_plan"),
            Some(ShareKind::SafetyPlan)
        );
        assert_eq!(
            ShareMode::from_key("without_note"),
            Some(ShareMode::SharedWithoutNote)
        );
    }
}
