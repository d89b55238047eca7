//! What a mentor can send a mentee, on the mentee's terms: an acknowledgement of "let my mentor
//! know" ("I saw this"), a short note on a shared check-in or goal (kind presets; their own words
//! only where the program allows), a cheer for a goal step, and their availability line. The
//! words a mentee reads are made here, so every screen says them the same way.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use thiserror::Error;

/// The longest note a mentor may write in their own words.
pub const MAX_WORDS: usize = 280;

/// Kind things a mentor can send with one tap, by key: each reader sees them in their own
/// language (`preset-<key>` in the catalogue).
pub const PRESETS: [&str; 5] = [
    "proud",
    "thinking-of-you",
    "you-got-this",
    "thanks-for-sharing",
    "here-for-you",
];

/// A preset's words in `lang`; nothing for a key that is not one (a reply carrying one never
/// passes [`Reply::check`], so it is never shown; this keeps a made-up "preset" from ever being
/// read out word for word).
pub fn preset_words(lang: Lang, key: &str) -> String {
    if PRESETS.contains(&key) {
        crate::i18n::tr(lang, &format!("preset-{key}"))
    } else {
        String::new()
    }
}

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

    /// How the mentor's own device lists what they sent, in `lang`.
    pub fn words_for_mentor(&self, lang: Lang) -> String {
        match self {
            Reply::Ack { words, .. } => join(crate::t!(lang, "ack-words"), words),
            Reply::Cheer { step, .. } => crate::t!(lang, "reply-cheered", step = step),
            other => other.words_for_mentee(lang, ""),
        }
    }

    /// What the mentee reads, from `mentor`, in `lang`.
    pub fn words_for_mentee(&self, lang: Lang, mentor: &str) -> String {
        match self {
            Reply::Ack { words, .. } => join(crate::t!(lang, "reply-saw", name = mentor), words),
            Reply::Note { preset, words, .. } => join(
                preset
                    .as_deref()
                    .map(|key| preset_words(lang, key))
                    .unwrap_or_default(),
                words,
            ),
            Reply::Cheer { step, .. } => {
                crate::t!(lang, "reply-cheer", name = mentor, step = step)
            }
            Reply::Availability { text, .. } => text.clone(),
        }
    }
}

/// `first` then the mentor's own words, if any.
fn join(first: String, words: &Option<String>) -> String {
    match words.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() && first.is_empty() => text.to_owned(),
        Some(text) if !text.is_empty() => format!("{first} {text}"),
        _ => first,
    }
}

impl crate::i18n::Say for ReplyError {
    fn say(&self, lang: Lang) -> String {
        crate::i18n::tr(
            lang,
            match self {
                ReplyError::Empty => "err-reply-empty",
                ReplyError::TooLong => "err-reply-long",
                ReplyError::NoFreeText => "err-reply-no-free-text",
                ReplyError::UnknownPreset => "err-reply-preset",
            },
        )
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
        assert_eq!(
            ack.words_for_mentee(Lang::En, "Sam"),
            "Sam saw your message."
        );
        assert_eq!(ack.words_for_mentee(Lang::Es, "Sam"), "Sam vio tu mensaje.");
        let ack = Reply::Ack {
            request_id: "r".into(),
            words: Some("Talk Thursday?".into()),
            at_ms: 0,
        };
        assert_eq!(
            ack.words_for_mentee(Lang::En, "Sam"),
            "Sam saw your message. Talk Thursday?"
        );
        let note = Reply::Note {
            about: None,
            preset: Some(PRESETS[0].into()),
            words: Some("The art show!".into()),
            at_ms: 0,
        };
        assert_eq!(
            note.words_for_mentee(crate::i18n::Lang::En, "Sam"),
            "I'm proud of you. The art show!"
        );
    }
}
