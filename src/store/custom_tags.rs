//! The `custom_tags` table: words the mentee added as their own context tags, so they are offered
//! again next time. Case-insensitive and unique.

use rusqlite::params;

use super::{Migration, Result, Store};
use crate::domain::ContextTag;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 2,
    name: "custom_tags: create",
    sql: "CREATE TABLE custom_tags (
              label TEXT PRIMARY KEY NOT NULL COLLATE NOCASE CHECK (length(label) BETWEEN 1 AND 40),
              created_at_ms INTEGER NOT NULL
          ) STRICT;",
}];

impl Store {
    /// Remembers a tag the mentee typed; common tags and repeats are ignored.
    pub fn remember_tag(&mut self, tag: &ContextTag) -> Result<()> {
        if let ContextTag::Custom(label) = tag {
            self.conn
                .prepare_cached(
                    "INSERT INTO custom_tags (label, created_at_ms) VALUES (?1, ?2)
                     ON CONFLICT (label) DO NOTHING",
                )?
                .execute(params![label, chrono::Utc::now().timestamp_millis()])?;
        }
        Ok(())
    }

    /// The mentee's own tags, oldest first.
    pub fn custom_tags(&self) -> Result<Vec<ContextTag>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT label FROM custom_tags ORDER BY created_at_ms, label")?;
        let labels = statement.query_map([], |row| row.get::<_, String>(0))?;
        Ok(labels
            .map(|label| label.map(ContextTag::Custom))
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_tags_are_kept_once_regardless_of_case() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store
            .remember_tag(&ContextTag::Custom("Band".into()))
            .unwrap();
        store
            .remember_tag(&ContextTag::Custom("band".into()))
            .unwrap();
        store.remember_tag(&ContextTag::School).unwrap();
        assert_eq!(
            store.custom_tags().unwrap(),
            vec![ContextTag::Custom("Band".into())]
        );
    }
}
