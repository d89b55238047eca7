//! The `goals` table: each goal the mentee set, with its state. Steps and check-ins live in their
//! own tables (`goal_steps`, `goal_check_ins`) and are read with the goal. Deletes are soft until
//! the next delete or start, for undo, and take the goal's steps and check-ins with them.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store, StoreError};
use crate::domain::{EntryId, Goal, GoalDraft, GoalState, LocalStamp};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 8,
    name: "goals: create",
    sql: "CREATE TABLE goals (
              id TEXT PRIMARY KEY NOT NULL,
              title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
              why TEXT NOT NULL DEFAULT '' CHECK (length(why) <= 2000),
              target_date TEXT CHECK (target_date IS NULL OR date(target_date) = target_date),
              state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'done', 'let_go')),
              created_at_ms INTEGER NOT NULL,
              offset_s INTEGER NOT NULL,
              updated_at_ms INTEGER NOT NULL,
              deleted_at_ms INTEGER
          ) STRICT;",
}];

type GoalRow = (String, String, String, Option<String>, String, i64, i32);

impl Store {
    /// Saves a new goal and, if given, its first small step, in one transaction.
    pub fn insert_goal(&mut self, draft: &GoalDraft, at: LocalStamp) -> Result<EntryId> {
        let id = EntryId::new();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO goals (id, title, why, target_date, created_at_ms, offset_s, updated_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
            params![
                id.as_str(),
                draft.title,
                draft.why,
                draft.target.map(|d| d.to_string()),
                at.utc_millis(),
                at.offset_seconds()
            ],
        )?;
        if !draft.first_step.is_empty() {
            super::goal_steps::insert_step(&tx, &id, &draft.first_step)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Changes what, why and the target date.
    pub fn update_goal(&mut self, id: &EntryId, draft: &GoalDraft, at: LocalStamp) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE goals SET title = ?2, why = ?3, target_date = ?4, updated_at_ms = ?5
             WHERE id = ?1 AND deleted_at_ms IS NULL",
            params![
                id.as_str(),
                draft.title,
                draft.why,
                draft.target.map(|d| d.to_string()),
                at.utc_millis()
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub fn set_goal_state(&mut self, id: &EntryId, state: GoalState, at: LocalStamp) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE goals SET state = ?2, updated_at_ms = ?3 WHERE id = ?1 AND deleted_at_ms IS NULL",
            params![id.as_str(), state.key(), at.utc_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Hides a goal so [`Store::restore_goal`] can bring it back; earlier deleted goals go for good.
    pub fn delete_goal(&mut self, id: &EntryId, at: LocalStamp) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM goals WHERE deleted_at_ms IS NOT NULL AND id != ?1",
            [id.as_str()],
        )?;
        let changed = tx.execute(
            "UPDATE goals SET deleted_at_ms = ?2 WHERE id = ?1 AND deleted_at_ms IS NULL",
            params![id.as_str(), at.utc_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit()?;
        Ok(())
    }

    pub fn restore_goal(&mut self, id: &EntryId) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE goals SET deleted_at_ms = NULL WHERE id = ?1 AND deleted_at_ms IS NOT NULL",
            [id.as_str()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Removes deleted goals for good, with their steps and check-ins.
    pub(super) fn purge_deleted_goals(&mut self) -> Result<usize> {
        Ok(self
            .conn
            .execute("DELETE FROM goals WHERE deleted_at_ms IS NOT NULL", [])?)
    }

    /// One goal with its steps and check-ins.
    pub fn goal(&self, id: &EntryId) -> Result<Goal> {
        let row: Option<GoalRow> = self
            .conn
            .prepare_cached(
                "SELECT id, title, why, target_date, state, created_at_ms, offset_s FROM goals
                 WHERE id = ?1 AND deleted_at_ms IS NULL",
            )?
            .query_row([id.as_str()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .optional()?;
        let row = row.ok_or(StoreError::NotFound)?;
        self.assemble(row).ok_or(StoreError::NotFound)
    }

    /// Every goal, oldest first.
    pub fn goals(&self) -> Result<Vec<Goal>> {
        let rows: Vec<GoalRow> = self
            .conn
            .prepare_cached(
                "SELECT id, title, why, target_date, state, created_at_ms, offset_s FROM goals
                 WHERE deleted_at_ms IS NULL ORDER BY created_at_ms, rowid",
            )?
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|row| self.assemble(row))
            .collect())
    }

    fn assemble(&self, (id, title, why, target, state, at, offset): GoalRow) -> Option<Goal> {
        let id = EntryId::parse(&id)?;
        Some(Goal {
            steps: self.goal_steps(&id).ok()?,
            check_ins: self.goal_check_ins(&id).ok()?,
            id,
            title,
            why,
            target: target.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()),
            state: GoalState::from_key(&state)?,
            created_at: LocalStamp::from_parts(at, offset)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Progress;

    fn draft(title: &str, first_step: &str) -> GoalDraft {
        GoalDraft {
            title: title.into(),
            first_step: first_step.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_goal_keeps_its_first_step_state_and_target() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let now = LocalStamp::now();
        let mut with_date = draft("Read a book a month", "Pick the first book");
        with_date.target = NaiveDate::from_ymd_opt(2027, 6, 1);
        let id = store.insert_goal(&with_date, now).unwrap();
        store.set_goal_state(&id, GoalState::Paused, now).unwrap();
        let goal = store.goal(&id).unwrap();
        assert_eq!(goal.title, "Read a book a month");
        assert_eq!(goal.state, GoalState::Paused);
        assert_eq!(goal.target, NaiveDate::from_ymd_opt(2027, 6, 1));
        assert_eq!(goal.steps[0].text, "Pick the first book");
        assert_eq!(store.goals().unwrap().len(), 1);
    }

    #[test]
    fn deleting_a_goal_can_be_undone_and_later_takes_its_steps_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let now = LocalStamp::now();
        let id = store
            .insert_goal(&draft("Walk more", "Walk to school"), now)
            .unwrap();
        store
            .add_goal_check_in(&id, Progress::Good, Some("nice"), now)
            .unwrap();
        store.delete_goal(&id, now).unwrap();
        assert!(store.goals().unwrap().is_empty());
        store.restore_goal(&id).unwrap();
        assert_eq!(store.goal(&id).unwrap().check_ins.len(), 1);
        store.delete_goal(&id, now).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert!(matches!(store.goal(&id), Err(StoreError::NotFound)));
        let orphans: i64 = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM goal_steps) + (SELECT count(*) FROM goal_check_ins)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
    }
}
