//! The `goal_steps` table: a goal's checklist, in the order the mentee arranged it.

use rusqlite::{Connection, params};

use super::{Migration, Result, Store, StoreError};
use crate::domain::{EntryId, GoalStep};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 9,
    name: "goal_steps: create",
    sql: "CREATE TABLE goal_steps (
              id TEXT PRIMARY KEY NOT NULL,
              goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
              text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
              done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
              position INTEGER NOT NULL
          ) STRICT;
          CREATE INDEX goal_steps_by_goal ON goal_steps (goal_id, position);",
}];

/// Adds a step at the end of a goal's checklist.
pub(super) fn insert_step(conn: &Connection, goal: &EntryId, text: &str) -> Result<EntryId> {
    let id = EntryId::new();
    conn.execute(
        "INSERT INTO goal_steps (id, goal_id, text, position)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), -1) + 1 FROM goal_steps WHERE goal_id = ?2))",
        params![id.as_str(), goal.as_str(), text],
    )?;
    Ok(id)
}

impl Store {
    pub fn add_goal_step(&mut self, goal: &EntryId, text: &str) -> Result<EntryId> {
        let tx = self.conn.transaction()?;
        let exists = tx
            .prepare_cached("SELECT 1 FROM goals WHERE id = ?1 AND deleted_at_ms IS NULL")?
            .exists([goal.as_str()])?;
        if !exists {
            return Err(StoreError::NotFound);
        }
        let id = insert_step(&tx, goal, text)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn set_step_done(&mut self, step: &EntryId, done: bool) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE goal_steps SET done = ?2 WHERE id = ?1",
            params![step.as_str(), done],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub fn remove_goal_step(&mut self, step: &EntryId) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM goal_steps WHERE id = ?1", [step.as_str()])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Swaps a step with the one before (`up`) or after it; at either end nothing changes.
    pub fn move_goal_step(&mut self, step: &EntryId, up: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        let (goal, position): (String, i64) = tx
            .query_row(
                "SELECT goal_id, position FROM goal_steps WHERE id = ?1",
                [step.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|_| StoreError::NotFound)?;
        let neighbour = if up {
            "SELECT id, position FROM goal_steps WHERE goal_id = ?1 AND position < ?2 ORDER BY position DESC LIMIT 1"
        } else {
            "SELECT id, position FROM goal_steps WHERE goal_id = ?1 AND position > ?2 ORDER BY position LIMIT 1"
        };
        let other: Option<(String, i64)> = tx
            .query_row(neighbour, params![goal, position], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .ok();
        if let Some((other_id, other_position)) = other {
            tx.execute(
                "UPDATE goal_steps SET position = ?2 WHERE id = ?1",
                params![step.as_str(), other_position],
            )?;
            tx.execute(
                "UPDATE goal_steps SET position = ?2 WHERE id = ?1",
                params![other_id, position],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(super) fn goal_steps(&self, goal: &EntryId) -> Result<Vec<GoalStep>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, text, done FROM goal_steps WHERE goal_id = ?1 ORDER BY position",
        )?;
        let rows = statement.query_map([goal.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?;
        let mut steps = Vec::new();
        for row in rows {
            let (id, text, done) = row?;
            if let Some(id) = EntryId::parse(&id) {
                steps.push(GoalStep { id, text, done });
            }
        }
        Ok(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GoalDraft, LocalStamp};

    #[test]
    fn steps_are_added_ticked_reordered_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let goal = store
            .insert_goal(
                &GoalDraft {
                    title: "Learn guitar".into(),
                    first_step: "Borrow a guitar".into(),
                    ..Default::default()
                },
                LocalStamp::now(),
            )
            .unwrap();
        let chords = store.add_goal_step(&goal, "Learn three chords").unwrap();
        let song = store.add_goal_step(&goal, "Play one song").unwrap();
        store.set_step_done(&chords, true).unwrap();
        store.move_goal_step(&song, true).unwrap();
        store.move_goal_step(&song, true).unwrap();
        store.move_goal_step(&song, true).unwrap(); // already first: no change
        let texts: Vec<(String, bool)> = store
            .goal_steps(&goal)
            .unwrap()
            .into_iter()
            .map(|s| (s.text, s.done))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Play one song".into(), false),
                ("Borrow a guitar".into(), false),
                ("Learn three chords".into(), true)
            ]
        );
        store.remove_goal_step(&song).unwrap();
        assert_eq!(store.goal_steps(&goal).unwrap().len(), 2);
        assert!(matches!(
            store.add_goal_step(&EntryId::new(), "orphan"),
            Err(StoreError::NotFound)
        ));
        assert!(store.add_goal_step(&goal, &"s".repeat(501)).is_err());
        assert_eq!(store.goal_steps(&goal).unwrap().len(), 2);
    }
}
