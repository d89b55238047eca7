//! The emotion words a mentee can pick after a check-in, laid out on an energy x pleasantness grid.
//! Each word has a stable key (what is stored) and belongs to one quadrant of the grid. The words are
//! everyday ones a 12-year-old uses, never clinical labels.

/// One quarter of the grid: how much energy the feeling has, and how nice it feels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    HighEnergyUnpleasant,
    HighEnergyPleasant,
    LowEnergyUnpleasant,
    LowEnergyPleasant,
}

impl Quadrant {
    /// In the order the grid shows them: top row high energy, left column less pleasant.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::HighEnergyUnpleasant,
        Quadrant::HighEnergyPleasant,
        Quadrant::LowEnergyUnpleasant,
        Quadrant::LowEnergyPleasant,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::HighEnergyUnpleasant => "Lots of energy, not so nice",
            Quadrant::HighEnergyPleasant => "Lots of energy, nice",
            Quadrant::LowEnergyUnpleasant => "Low energy, not so nice",
            Quadrant::LowEnergyPleasant => "Low energy, nice",
        }
    }

    /// The quadrant's heading, in `lang`.
    pub fn title(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            match self {
                Quadrant::HighEnergyUnpleasant => "quadrant-high-unpleasant",
                Quadrant::HighEnergyPleasant => "quadrant-high-pleasant",
                Quadrant::LowEnergyUnpleasant => "quadrant-low-unpleasant",
                Quadrant::LowEnergyPleasant => "quadrant-low-pleasant",
            },
        )
    }

    pub fn words(self) -> impl Iterator<Item = &'static EmotionWord> {
        WORDS.iter().filter(move |word| word.quadrant == self)
    }
}

/// A word on the grid.
#[derive(Debug, PartialEq, Eq)]
pub struct EmotionWord {
    pub key: &'static str,
    pub label: &'static str,
    pub quadrant: Quadrant,
}

impl EmotionWord {
    pub fn find(key: &str) -> Option<&'static EmotionWord> {
        WORDS.iter().find(|word| word.key == key)
    }

    /// The word to show for a stored key; a key from a newer version shows as itself.
    pub fn label_for(key: &str) -> &str {
        Self::find(key).map_or(key, |word| word.label)
    }

    /// The word in `lang`.
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(lang, &format!("emotion-{}", self.key.replace('_', "-")))
    }

    /// The word to show for a stored key in `lang`; a key from a newer version shows as itself.
    pub fn words_for(lang: crate::i18n::Lang, key: &str) -> String {
        Self::find(key).map_or_else(|| key.to_owned(), |word| word.words(lang))
    }
}

const fn word(key: &'static str, label: &'static str, quadrant: Quadrant) -> EmotionWord {
    EmotionWord {
        key,
        label,
        quadrant,
    }
}

use Quadrant::*;

/// Every word on the grid, ten to a quadrant.
pub static WORDS: [EmotionWord; 40] = [
    word("angry", "angry", HighEnergyUnpleasant),
    word("stressed", "stressed", HighEnergyUnpleasant),
    word("worried", "worried", HighEnergyUnpleasant),
    word("scared", "scared", HighEnergyUnpleasant),
    word("frustrated", "frustrated", HighEnergyUnpleasant),
    word("annoyed", "annoyed", HighEnergyUnpleasant),
    word("nervous", "nervous", HighEnergyUnpleasant),
    word("overwhelmed", "overwhelmed", HighEnergyUnpleasant),
    word("restless", "restless", HighEnergyUnpleasant),
    word("jealous", "jealous", HighEnergyUnpleasant),
    word("excited", "excited", HighEnergyPleasant),
    word("happy", "happy", HighEnergyPleasant),
    word("proud", "proud", HighEnergyPleasant),
    word("hopeful", "hopeful", HighEnergyPleasant),
    word("energetic", "full of energy", HighEnergyPleasant),
    word("playful", "playful", HighEnergyPleasant),
    word("confident", "confident", HighEnergyPleasant),
    word("amazed", "amazed", HighEnergyPleasant),
    word("cheerful", "cheerful", HighEnergyPleasant),
    word("motivated", "ready to go", HighEnergyPleasant),
    word("sad", "sad", LowEnergyUnpleasant),
    word("tired", "tired", LowEnergyUnpleasant),
    word("lonely", "lonely", LowEnergyUnpleasant),
    word("bored", "bored", LowEnergyUnpleasant),
    word("down", "down", LowEnergyUnpleasant),
    word("hurt", "hurt", LowEnergyUnpleasant),
    word("disappointed", "let down", LowEnergyUnpleasant),
    word("empty", "empty", LowEnergyUnpleasant),
    word("left_out", "left out", LowEnergyUnpleasant),
    word("drained", "drained", LowEnergyUnpleasant),
    word("calm", "calm", LowEnergyPleasant),
    word("relaxed", "relaxed", LowEnergyPleasant),
    word("content", "content", LowEnergyPleasant),
    word("safe", "safe", LowEnergyPleasant),
    word("grateful", "thankful", LowEnergyPleasant),
    word("peaceful", "peaceful", LowEnergyPleasant),
    word("cosy", "cozy", LowEnergyPleasant),
    word("thoughtful", "thoughtful", LowEnergyPleasant),
    word("rested", "rested", LowEnergyPleasant),
    word("loved", "loved", LowEnergyPleasant),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn grid_has_at_least_thirty_unique_words_in_every_quadrant() {
        let keys: HashSet<_> = WORDS.iter().map(|w| w.key).collect();
        assert_eq!(keys.len(), WORDS.len());
        assert!(WORDS.len() >= 30);
        for quadrant in Quadrant::ALL {
            assert!(quadrant.words().count() >= 7, "{quadrant:?} is thin");
        }
    }

    #[test]
    fn unknown_keys_show_as_themselves() {
        assert_eq!(EmotionWord::label_for("left_out"), "left out");
        assert_eq!(EmotionWord::label_for("wistful"), "wistful");
    }
}
