//! The `comfort_items` table: the mentee's own list of things that help, in their words.

use rusqlite::params;

use super::{Migration, Result, Store, StoreError};
use crate::domain::EntryId;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 5,
    name: "comfort_items: create",
    sql: "CREATE TABLE comfort_items (
              id TEXT PRIMARY KEY NOT NULL,
              text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
              created_at_ms INTEGER NOT NULL
          ) STRICT;",
}];

/// One thing on the comfort list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComfortItem {
    pub id: EntryId,
    pub text: String,
}

impl Store {
    pub fn add_comfort_item(&mut self, text: &str) -> Result<ComfortItem> {
        let item = ComfortItem {
            id: EntryId::new(),
            text: text.to_string(),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO comfort_items (id, text, created_at_ms) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![
                item.id.as_str(),
                item.text,
                chrono::Utc::now().timestamp_millis()
            ])?;
        Ok(item)
    }

    pub fn remove_comfort_item(&mut self, id: &EntryId) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM comfort_items WHERE id = ?1", [id.as_str()])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The list, oldest first.
    pub fn comfort_items(&self) -> Result<Vec<ComfortItem>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, text FROM comfort_items ORDER BY created_at_ms, rowid")?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get(1)?)))?;
        let mut items = Vec::new();
        for row in rows {
            let (id, text) = row?;
            if let Some(id) = EntryId::parse(&id) {
                items.push(ComfortItem { id, text });
            }
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_listed_in_order_and_removed_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let song = store.add_comfort_item("My favourite song").unwrap();
        store.add_comfort_item("Hot chocolate").unwrap();
        store.remove_comfort_item(&song.id).unwrap();
        let texts: Vec<String> = store
            .comfort_items()
            .unwrap()
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert_eq!(texts, vec!["Hot chocolate"]);
        assert!(store.add_comfort_item("").is_err());
        assert!(store.remove_comfort_item(&song.id).is_err());
    }
}
