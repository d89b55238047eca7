//! What a mentor can send a mentee, on the mentee's terms: an acknowledgement of "let my mentor
//! know" ("I saw this"), a short note on a shared check-in or goal (kind presets; their own words
//! only where the program allows), a cheer for a goal step, and their availability line. The
//! words a mentee reads are made here, so every screen says them the same way.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest note a mentor may write in their own words.
pub const MAX_WORDS: usize = 280;

/// Kind things a mentor can send with one tap.
pub const PRESETS: [&str; 5] = [
    "I'm proud of you.",
    "Thinking of you.",
    "You've got this.",
    "Thanks for sharing this with me.",
    "That sounds hard. I'm here for you.",
];

/// The acknowledgement a mentor sends with one tap.
pub const ACK_WORDS: &str = "I saw this. I'll be in touch.";

/// One reply, sealed from the mentor's device to the mentee's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Reply {
    /// "I saw this", on one of the mentee's requests for contact.
    Ack {
        request_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        words: Option<String>,
        at_ms: i64,
    },
    /// A short note, on a shared item or on its own.
    Note {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preset: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        words: Option<String>,
        at_ms: i64,
    },
    /// A cheer for one step of a shared goal.
    Cheer {
        goal_id: String,
        step: String,
        at_ms: i64,
    },
    /// When the mentor usually replies, in their words.
    Availability { text: String, at_ms: i64 },
}

/// Why a reply can't be sent.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReplyError {
    #[error("Choose a kind message, or write a few words.")]
    Empty,
    #[error("Keep it under 280 characters.")]
    TooLong,
    #[error(
        "Your program asks mentors to choose one of the kind messages rather than write their own."
    )]
    NoFreeText,
    #[error("That isn't one of the kind messages.")]
    UnknownPreset,
}

fn words_ok(words: &Option<String>, free_text: bool) -> Result<(), ReplyError> {
    match words.as_deref().map(str::trim) {
        None | Some("") => Ok(()),
        Some(_) if !free_text => Err(ReplyError::NoFreeText),
        Some(text) if text.chars().count() > MAX_WORDS => Err(ReplyError::TooLong),
        Some(_) => Ok(()),
    }
}

impl Reply {
    pub fn at_ms(&self) -> i64 {
        match self {
            Reply::Ack { at_ms, .. }
            | Reply::Note { at_ms, .. }
            | Reply::Cheer { at_ms, .. }
            | Reply::Availability { at_ms, .. } => *at_ms,
        }
    }

    /// Checks the rules; `free_text` is whether the program lets mentors write their own words.
    pub fn check(&self, free_text: bool) -> Result<(), ReplyError> {
        match self {
            Reply::Ack { words, .. } => words_ok(words, free_text),
            Reply::Note { preset, words, .. } => {
                if let Some(preset) = preset
                    && !PRESETS.contains(&preset.as_str())
                {
                    return Err(ReplyError::UnknownPreset);
                }
                let has_words = words.as_deref().is_some_and(|w| !w.trim().is_empty());
                if preset.is_none() && !has_words {
                    return Err(ReplyError::Empty);
                }
                words_ok(words, free_text)
            }
            Reply::Cheer { step, .. } => {
                if step.chars().count() > 1_000 {
                    return Err(ReplyError::TooLong);
                }
                Ok(())
            }
            Reply::Availability { text, .. } => {
                if text.trim().is_empty() {
                    Err(ReplyError::Empty)
                } else if text.chars().count() > 120 {
                    Err(ReplyError::TooLong)
                } else {
                    Ok(())
                }
            }
        }
    }

    /// How the mentor's own device lists what they sent.
    pub fn words_for_mentor(&self) -> String {
        match self {
            Reply::Ack { words, .. } => match words.as_deref().map(str::trim) {
                Some(text) if !text.is_empty() => format!("{ACK_WORDS} {text}"),
                _ => ACK_WORDS.to_owned(),
            },
            Reply::Cheer { step, .. } => format!("Cheered “{step}”"),
            other => other.words_for_mentee(""),
        }
    }

    /// What the mentee reads, from `mentor`.
    pub fn words_for_mentee(&self, mentor: &str) -> String {
        let join = |first: &str, words: &Option<String>| match words.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() && first.is_empty() => text.to_owned(),
            Some(text) if !text.is_empty() => format!("{first} {text}"),
            _ => first.to_owned(),
        };
        match self {
            Reply::Ack { words, .. } => format!("{mentor} saw your message. {}", join("", words))
                .trim()
                .to_owned(),
            Reply::Note { preset, words, .. } => join(preset.as_deref().unwrap_or(""), words),
            Reply::Cheer { step, .. } => format!("{mentor} cheered a step you took: “{step}”"),
            Reply::Availability { text, .. } => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_follow_the_programs_rules() {
        let note = |preset: Option<&str>, words: Option<&str>| Reply::Note {
            about: None,
            preset: preset.map(str::to_owned),
            words: words.map(str::to_owned),
            at_ms: 0,
        };
        assert_eq!(note(Some(PRESETS[0]), None).check(false), Ok(()));
        assert_eq!(note(None, None).check(true), Err(ReplyError::Empty));
        assert_eq!(
            note(Some("Be quiet"), None).check(true),
            Err(ReplyError::UnknownPreset)
        );
        assert_eq!(
            note(None, Some("Great job at practice")).check(false),
            Err(ReplyError::NoFreeText)
        );
        assert_eq!(
            note(None, Some("Great job at practice")).check(true),
            Ok(())
        );
        let long = "a".repeat(281);
        assert_eq!(
            note(None, Some(&long)).check(true),
            Err(ReplyError::TooLong)
        );
    }

    #[test]
    fn the_mentee_reads_calm_plain_words() {
        let ack = Reply::Ack {
            request_id: "r".into(),
            words: None,
            at_ms: 0,
        };
        assert_eq!(ack.words_for_mentee("Sam"), "Sam saw your message.");
        let ack = Reply::Ack {
            request_id: "r".into(),
            words: Some("Talk Thursday?".into()),
            at_ms: 0,
        };
        assert_eq!(
            ack.words_for_mentee("Sam"),
            "Sam saw your message. Talk Thursday?"
        );
        let note = Reply::Note {
            about: None,
            preset: Some(PRESETS[0].into()),
            words: Some("The art show!".into()),
            at_ms: 0,
        };
        assert_eq!(
            note.words_for_mentee("Sam"),
            "I'm proud of you. The art show!"
        );
    }
}
