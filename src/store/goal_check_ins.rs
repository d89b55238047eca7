//! The `goal_check_ins` table: notes on how a goal is going, newest first when read.

use rusqlite::params;

use super::{Migration, Result, Store};
use crate::domain::{EntryId, GoalCheckIn, LocalStamp, Progress};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 10,
    name: "goal_check_ins: create",
    sql: "CREATE TABLE goal_check_ins (
              id TEXT PRIMARY KEY NOT NULL,
              goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
              progress INTEGER NOT NULL CHECK (progress BETWEEN 1 AND 3),
              note TEXT CHECK (note IS NULL OR length(note) <= 2000),
              at_ms INTEGER NOT NULL,
              offset_s INTEGER NOT NULL
          ) STRICT;
          CREATE INDEX goal_check_ins_by_goal ON goal_check_ins (goal_id, at_ms);",
}];

impl Store {
    pub fn add_goal_check_in(
        &mut self,
        goal: &EntryId,
        progress: Progress,
        note: Option<&str>,
        at: LocalStamp,
    ) -> Result<EntryId> {
        let id = EntryId::new();
        self.conn
            .prepare_cached(
                "INSERT INTO goal_check_ins (id, goal_id, progress, note, at_ms, offset_s)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                id.as_str(),
                goal.as_str(),
                progress.value(),
                note,
                at.utc_millis(),
                at.offset_seconds()
            ])?;
        Ok(id)
    }

    pub(super) fn goal_check_ins(&self, goal: &EntryId) -> Result<Vec<GoalCheckIn>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, progress, note, at_ms, offset_s FROM goal_check_ins
             WHERE goal_id = ?1 ORDER BY at_ms DESC, rowid DESC",
        )?;
        let rows = statement.query_map([goal.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u8>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i32>(4)?,
            ))
        })?;
        let mut check_ins = Vec::new();
        for row in rows {
            let (id, progress, note, at, offset) = row?;
            if let (Some(id), Some(progress), Some(at)) = (
                EntryId::parse(&id),
                Progress::from_value(progress),
                LocalStamp::from_parts(at, offset),
            ) {
                check_ins.push(GoalCheckIn {
                    id,
                    progress,
                    note,
                    at,
                });
            }
        }
        Ok(check_ins)
    }
}
