//! The `trusted_people` table: the mentee's own contacts for the crisis card.

use rusqlite::params;

use super::{Migration, Result, Store, StoreError};
use crate::domain::{EntryId, TrustedPerson};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 6,
    name: "trusted_people: create",
    sql: "CREATE TABLE trusted_people (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
              phone TEXT NOT NULL CHECK (length(phone) BETWEEN 3 AND 16),
              created_at_ms INTEGER NOT NULL
          ) STRICT;",
}];

impl Store {
    /// Adds a person, or updates them when the id is already there.
    pub fn save_person(&mut self, person: &TrustedPerson) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO trusted_people (id, name, phone, created_at_ms) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, phone = ?3",
            )?
            .execute(params![
                person.id.as_str(),
                person.name,
                person.phone,
                chrono::Utc::now().timestamp_millis()
            ])?;
        Ok(())
    }

    pub fn remove_person(&mut self, id: &EntryId) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM trusted_people WHERE id = ?1", [id.as_str()])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Everyone, in the order they were added.
    pub fn people(&self) -> Result<Vec<TrustedPerson>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, phone FROM trusted_people ORDER BY created_at_ms, rowid",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?))
        })?;
        let mut people = Vec::new();
        for row in rows {
            let (id, name, phone) = row?;
            if let Some(id) = EntryId::parse(&id) {
                people.push(TrustedPerson { id, name, phone });
            }
        }
        Ok(people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_added_edited_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut rosa = TrustedPerson::new(EntryId::new(), "Rosa", "5551234567").unwrap();
        store.save_person(&rosa).unwrap();
        rosa.name = "Aunt Rosa".into();
        store.save_person(&rosa).unwrap();
        assert_eq!(store.people().unwrap(), vec![rosa.clone()]);
        store.remove_person(&rosa.id).unwrap();
        assert!(store.people().unwrap().is_empty());
        assert!(matches!(
            store.remove_person(&rosa.id),
            Err(StoreError::NotFound)
        ));
    }
}
