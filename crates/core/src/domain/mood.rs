//! A mood check-in: a level on a 5-point scale saved with one tap, then optional emotion words,
//! context tags and a note. The rules for what may be saved live here, so the store and the UI
//! share one answer to "is this valid?".

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{EmotionWord, EntryId, LocalStamp};

/// The longest note we keep. Generous: a long letter fits; a pasted book does not.
pub const NOTE_MAX_CHARS: usize = 20_000;
/// The longest custom tag.
pub const TAG_MAX_CHARS: usize = 40;
/// How many tags and words one entry may carry.
pub const LIST_MAX: usize = 40;

/// Why a check-in could not be saved. Messages are shown to the mentee as they are, and never
/// repeat what they wrote.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MoodError {
    /// The level was outside 1..=5.
    #[error("Pick a mood from 1 to 5.")]
    LevelOutOfRange,
    /// The note is longer than [`NOTE_MAX_CHARS`].
    #[error(
        "This note is longer than we can keep ({count} of 20,000 characters). Your words are still here: try making it shorter, or split it over two check-ins."
    )]
    NoteTooLong { count: usize },
    /// A custom tag was empty once trimmed.
    #[error("Type a word for your tag first.")]
    TagEmpty,
    /// A custom tag was longer than [`TAG_MAX_CHARS`].
    #[error("Tags can be up to 40 characters. Try a shorter word.")]
    TagTooLong,
    /// More tags or words than [`LIST_MAX`].
    #[error("That's a lot of tags and words. Try picking up to 40.")]
    TooMany,
    /// An emotion word that is not on the grid.
    #[error("That feeling word isn't one we know.")]
    UnknownWord,
}

/// How the mentee feels, from 1 (really hard) to 5 (really good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct MoodLevel(u8);

impl MoodLevel {
    pub const ALL: [MoodLevel; 5] = [
        MoodLevel(1),
        MoodLevel(2),
        MoodLevel(3),
        MoodLevel(4),
        MoodLevel(5),
    ];
    pub const LOWEST: MoodLevel = MoodLevel(1);

    pub fn new(value: u8) -> Result<Self, MoodError> {
        match value {
            1..=5 => Ok(Self(value)),
            _ => Err(MoodError::LevelOutOfRange),
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// The plain words shown with the level, in `lang`.
    pub fn words(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(lang, &format!("mood-level-{}", self.0))
    }

    /// The plain words shown with the level (English: what a shared check-in carries).
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Really hard",
            2 => "Not great",
            3 => "Okay",
            4 => "Good",
            _ => "Really good",
        }
    }
}

impl TryFrom<u8> for MoodLevel {
    type Error = MoodError;
    fn try_from(value: u8) -> Result<Self, MoodError> {
        Self::new(value)
    }
}

impl From<MoodLevel> for u8 {
    fn from(level: MoodLevel) -> u8 {
        level.0
    }
}

/// What a check-in was about. The six common ones, plus words the mentee adds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum ContextTag {
    School,
    Family,
    Friends,
    Sleep,
    Health,
    Work,
    Custom(String),
}

impl ContextTag {
    pub const COMMON: [ContextTag; 6] = [
        ContextTag::School,
        ContextTag::Family,
        ContextTag::Friends,
        ContextTag::Sleep,
        ContextTag::Health,
        ContextTag::Work,
    ];

    /// A tag the mentee typed: trimmed, and one of the common ones when it matches.
    pub fn custom(text: &str) -> Result<Self, MoodError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MoodError::TagEmpty);
        }
        if text.chars().count() > TAG_MAX_CHARS {
            return Err(MoodError::TagTooLong);
        }
        Ok(Self::from(text.to_string()))
    }

    /// The tag as shown in `lang` (the mentee's own words as they wrote them).
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ContextTag::Custom(text) => text.clone(),
            common => crate::i18n::tr(lang, &format!("tag-{}", common.label())),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            ContextTag::School => "school",
            ContextTag::Family => "family",
            ContextTag::Friends => "friends",
            ContextTag::Sleep => "sleep",
            ContextTag::Health => "health",
            ContextTag::Work => "work",
            ContextTag::Custom(text) => text,
        }
    }
}

impl ContextTag {
    /// The common tag called `label` (any case), if it is one.
    fn common(label: &str) -> Option<Self> {
        Self::COMMON
            .into_iter()
            .find(|tag| tag.label().eq_ignore_ascii_case(label))
    }

    /// The tag saved as `label`; copies the text only for the mentee's own words.
    pub fn from_label(label: &str) -> Self {
        Self::common(label).unwrap_or_else(|| ContextTag::Custom(label.to_owned()))
    }
}

impl From<String> for ContextTag {
    fn from(text: String) -> Self {
        Self::common(&text).unwrap_or(ContextTag::Custom(text))
    }
}

impl From<ContextTag> for String {
    fn from(tag: ContextTag) -> String {
        tag.label().to_string()
    }
}

/// The optional layers of a check-in, edited together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoodDetails {
    /// Keys of words on the emotion grid.
    pub emotions: Vec<String>,
    pub tags: Vec<ContextTag>,
    /// `None` when there is no note; an all-blank note counts as none.
    pub note: Option<String>,
}

impl MoodDetails {
    /// Checks every rule and returns the details as they will be stored.
    pub fn validated(mut self) -> Result<Self, MoodError> {
        if let Some(note) = &self.note {
            let count = note.chars().count();
            if count > NOTE_MAX_CHARS {
                return Err(MoodError::NoteTooLong { count });
            }
            if note.trim().is_empty() {
                self.note = None;
            }
        }
        if self.emotions.len() > LIST_MAX || self.tags.len() > LIST_MAX {
            return Err(MoodError::TooMany);
        }
        if self
            .emotions
            .iter()
            .any(|key| EmotionWord::find(key).is_none())
        {
            return Err(MoodError::UnknownWord);
        }
        for tag in &self.tags {
            if let ContextTag::Custom(text) = tag {
                ContextTag::custom(text)?;
            }
        }
        dedup_in_order(&mut self.emotions);
        dedup_in_order(&mut self.tags);
        Ok(self)
    }

    pub fn is_empty(&self) -> bool {
        self.emotions.is_empty() && self.tags.is_empty() && self.note.is_none()
    }
}

/// Drops repeats, keeping the first of each in the order picked.
fn dedup_in_order<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(items.len());
    items.retain(|item| {
        let fresh = !seen.contains(item);
        if fresh {
            seen.push(item.clone());
        }
        fresh
    });
}

/// One saved check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodEntry {
    pub id: EntryId,
    pub level: MoodLevel,
    pub details: MoodDetails,
    pub recorded_at: LocalStamp,
    pub updated_at: LocalStamp,
}

impl MoodEntry {
    /// A check-in made with one tap, now.
    pub fn new(level: MoodLevel, at: LocalStamp) -> Self {
        Self {
            id: EntryId::new(),
            level,
            details: MoodDetails::default(),
            recorded_at: at,
            updated_at: at,
        }
    }

    /// Whether this check-in should gently offer tools and help.
    pub fn is_low(&self) -> bool {
        self.level == MoodLevel::LOWEST
    }
}

impl crate::i18n::Say for MoodError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            MoodError::LevelOutOfRange => crate::t!(lang, "err-mood-level"),
            MoodError::NoteTooLong { count } => {
                crate::t!(lang, "err-note-too-long", count = *count)
            }
            MoodError::TagEmpty => crate::t!(lang, "err-tag-empty"),
            MoodError::TagTooLong => crate::t!(lang, "err-tag-too-long"),
            MoodError::TooMany => crate::t!(lang, "err-too-many-words"),
            MoodError::UnknownWord => crate::t!(lang, "err-unknown-word"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_outside_one_to_five_are_refused() {
        assert_eq!(MoodLevel::new(0), Err(MoodError::LevelOutOfRange));
        assert_eq!(MoodLevel::new(6), Err(MoodError::LevelOutOfRange));
        assert_eq!(MoodLevel::new(3).map(MoodLevel::value), Ok(3));
        assert!(serde_json::from_str::<MoodLevel>("9").is_err());
    }

    #[test]
    fn a_note_over_the_limit_is_refused_and_the_message_has_no_content() {
        let note = "ab".repeat(NOTE_MAX_CHARS / 2 + 1);
        let err = MoodDetails {
            note: Some(note.clone()),
            ..Default::default()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err, MoodError::NoteTooLong { count: note.len() });
        assert!(!err.to_string().contains("abab"));
    }

    #[test]
    fn a_note_at_the_limit_is_kept_and_a_blank_note_is_none() {
        let at_limit = "é".repeat(NOTE_MAX_CHARS);
        let kept = MoodDetails {
            note: Some(at_limit.clone()),
            ..Default::default()
        }
        .validated()
        .unwrap();
        assert_eq!(kept.note, Some(at_limit));
        let blank = MoodDetails {
            note: Some("  \n".into()),
            ..Default::default()
        };
        assert_eq!(blank.validated().unwrap().note, None);
    }

    #[test]
    fn typed_tags_match_common_ones_and_respect_limits() {
        assert_eq!(ContextTag::custom(" School "), Ok(ContextTag::School));
        assert_eq!(
            ContextTag::custom("band practice"),
            Ok(ContextTag::Custom("band practice".into()))
        );
        assert_eq!(ContextTag::custom("   "), Err(MoodError::TagEmpty));
        assert_eq!(
            ContextTag::custom(&"x".repeat(41)),
            Err(MoodError::TagTooLong)
        );
    }

    #[test]
    fn unknown_emotion_words_are_refused() {
        let details = MoodDetails {
            emotions: vec!["calm".into(), "<script>".into()],
            ..Default::default()
        };
        assert_eq!(details.validated(), Err(MoodError::UnknownWord));
    }
}
