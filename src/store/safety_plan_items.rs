//! The `safety_plan_items` table: each line of the safety plan, by section, in the mentee's words.

use std::collections::HashMap;

use rusqlite::params;

use super::{Migration, Result, Store, StoreError};
use crate::domain::{EntryId, PlanSection};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 7,
    name: "safety_plan_items: create",
    sql: "CREATE TABLE safety_plan_items (
              id TEXT PRIMARY KEY NOT NULL,
              section TEXT NOT NULL CHECK (section IN ('warning_signs', 'things_i_can_do',
                  'people_and_places', 'people_to_ask', 'professionals', 'safer_space', 'reasons')),
              text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
              created_at_ms INTEGER NOT NULL,
              updated_at_ms INTEGER NOT NULL
          ) STRICT;",
}];

/// One line of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    pub id: EntryId,
    pub text: String,
}

impl Store {
    pub fn add_plan_item(&mut self, section: PlanSection, text: &str) -> Result<PlanItem> {
        let item = PlanItem {
            id: EntryId::new(),
            text: text.to_string(),
        };
        let now = chrono::Utc::now().timestamp_millis();
        self.conn
            .prepare_cached(
                "INSERT INTO safety_plan_items (id, section, text, created_at_ms, updated_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )?
            .execute(params![item.id.as_str(), section.key(), item.text, now])?;
        Ok(item)
    }

    pub fn update_plan_item(&mut self, id: &EntryId, text: &str) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE safety_plan_items SET text = ?2, updated_at_ms = ?3 WHERE id = ?1",
            )?
            .execute(params![
                id.as_str(),
                text,
                chrono::Utc::now().timestamp_millis()
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub fn remove_plan_item(&mut self, id: &EntryId) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM safety_plan_items WHERE id = ?1", [id.as_str()])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The whole plan, each section's lines in the order they were added.
    pub fn safety_plan(&self) -> Result<HashMap<PlanSection, Vec<PlanItem>>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, section, text FROM safety_plan_items ORDER BY created_at_ms, rowid",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get(2)?,
            ))
        })?;
        let mut plan: HashMap<PlanSection, Vec<PlanItem>> = HashMap::new();
        for row in rows {
            let (id, section, text) = row?;
            if let (Some(id), Some(section)) =
                (EntryId::parse(&id), PlanSection::from_key(&section))
            {
                plan.entry(section).or_default().push(PlanItem { id, text });
            }
        }
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_lines_are_kept_by_section() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let sign = store
            .add_plan_item(PlanSection::WarningSigns, "Can't sleep")
            .unwrap();
        store
            .add_plan_item(PlanSection::ReasonsToKeepGoing, "My little brother")
            .unwrap();
        store
            .update_plan_item(&sign.id, "Can't sleep for days")
            .unwrap();
        let plan = store.safety_plan().unwrap();
        assert_eq!(
            plan[&PlanSection::WarningSigns][0].text,
            "Can't sleep for days"
        );
        assert_eq!(plan[&PlanSection::ReasonsToKeepGoing].len(), 1);
        store.remove_plan_item(&sign.id).unwrap();
        assert!(
            !store
                .safety_plan()
                .unwrap()
                .contains_key(&PlanSection::WarningSigns)
        );
        assert!(store.update_plan_item(&sign.id, "x").is_err());
        assert!(store.add_plan_item(PlanSection::SaferSpace, "").is_err());
    }
}
