//! The `tool_uses` table: each time a tool was started, whether it was finished or stopped, and the
//! optional 0-10 distress ratings before and after. Private, and the source of "what helped".

use std::collections::HashMap;

use rusqlite::params;

use super::{Migration, Result, Store, StoreError};
use crate::domain::tools::ToolUse;
use crate::domain::{EntryId, LocalStamp};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 4,
    name: "tool_uses: create",
    sql: "CREATE TABLE tool_uses (
              id TEXT PRIMARY KEY NOT NULL,
              tool_key TEXT NOT NULL,
              started_at_ms INTEGER NOT NULL,
              offset_s INTEGER NOT NULL,
              ended_at_ms INTEGER,
              completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
              distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
              distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10)
          ) STRICT;
          CREATE INDEX tool_uses_by_tool ON tool_uses (tool_key);",
}];

impl Store {
    /// Records that a tool was started, with the rating before if one was given.
    pub fn start_tool_use(
        &mut self,
        tool: &str,
        before: Option<u8>,
        at: LocalStamp,
    ) -> Result<EntryId> {
        let id = EntryId::new();
        self.conn
            .prepare_cached(
                "INSERT INTO tool_uses (id, tool_key, started_at_ms, offset_s, distress_before)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id.as_str(),
                tool,
                at.utc_millis(),
                at.offset_seconds(),
                before
            ])?;
        Ok(id)
    }

    /// Records how a use ended: finished or stopped, and the rating after if one was given.
    pub fn end_tool_use(
        &mut self,
        id: &EntryId,
        completed: bool,
        after: Option<u8>,
        at: LocalStamp,
    ) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE tool_uses SET ended_at_ms = ?2, completed = ?3, distress_after = ?4
                 WHERE id = ?1",
            )?
            .execute(params![id.as_str(), at.utc_millis(), completed, after])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Every use, grouped by tool key.
    pub fn tool_uses(&self) -> Result<HashMap<String, Vec<ToolUse>>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT tool_key, distress_before, distress_after FROM tool_uses ORDER BY started_at_ms",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                ToolUse {
                    before: row.get(1)?,
                    after: row.get(2)?,
                },
            ))
        })?;
        let mut by_tool: HashMap<String, Vec<ToolUse>> = HashMap::new();
        for row in rows {
            let (key, tool_use) = row?;
            by_tool.entry(key).or_default().push(tool_use);
        }
        Ok(by_tool)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_are_recorded_with_their_ratings() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let now = LocalStamp::now();
        let first = store.start_tool_use("box", Some(8), now).unwrap();
        store.end_tool_use(&first, true, Some(4), now).unwrap();
        let second = store.start_tool_use("box", None, now).unwrap();
        store.end_tool_use(&second, false, None, now).unwrap();
        store.start_tool_use("senses", Some(3), now).unwrap();
        let uses = store.tool_uses().unwrap();
        assert_eq!(
            uses["box"],
            vec![
                ToolUse {
                    before: Some(8),
                    after: Some(4)
                },
                ToolUse {
                    before: None,
                    after: None
                }
            ]
        );
        assert_eq!(uses["senses"].len(), 1);
        assert!(store.start_tool_use("box", Some(11), now).is_err());
        assert!(matches!(
            store.end_tool_use(&EntryId::new(), true, None, now),
            Err(StoreError::NotFound)
        ));
    }
}
