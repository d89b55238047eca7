//! Identifiers of the mentee's own items. Random (UUID v4), created on the device, so an id says
//! nothing about when or what was written and never needs the server to hand it out.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The id of one mood entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(String);

impl EntryId {
    /// A fresh random id.
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// Reads an id that was written by [`EntryId::new`]; anything else is refused.
    pub fn parse(text: &str) -> Option<Self> {
        uuid::Uuid::parse_str(text)
            .ok()
            .map(|id| Self(id.hyphenated().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for EntryId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_distinct_and_parse_back() {
        let a = EntryId::new();
        let b = EntryId::new();
        assert_ne!(a, b);
        assert_eq!(EntryId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn parse_refuses_anything_that_is_not_an_id() {
        assert_eq!(EntryId::parse(""), None);
        assert_eq!(EntryId::parse("1 OR 1=1"), None);
    }
}
