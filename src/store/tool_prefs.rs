//! The `tool_prefs` table: which tools the mentee favourited or hid, and their paced-breathing pace.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Migration, Result, Store};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 3,
    name: "tool_prefs: create",
    sql: "CREATE TABLE tool_prefs (
              tool_key TEXT PRIMARY KEY NOT NULL,
              favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
              hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
              pace_in_s INTEGER CHECK (pace_in_s BETWEEN 2 AND 10),
              pace_out_s INTEGER CHECK (pace_out_s BETWEEN 2 AND 10)
          ) STRICT;",
}];

/// What the mentee chose for one tool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ToolPrefs {
    pub favourite: bool,
    pub hidden: bool,
}

impl Store {
    /// Every tool the mentee changed something for.
    pub fn tool_prefs(&self) -> Result<HashMap<String, ToolPrefs>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT tool_key, favourite, hidden FROM tool_prefs")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                ToolPrefs {
                    favourite: row.get(1)?,
                    hidden: row.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_tool_prefs(&mut self, key: &str, prefs: ToolPrefs) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO tool_prefs (tool_key, favourite, hidden) VALUES (?1, ?2, ?3)
                 ON CONFLICT (tool_key) DO UPDATE SET favourite = ?2, hidden = ?3",
            )?
            .execute(params![key, prefs.favourite, prefs.hidden])?;
        Ok(())
    }

    /// The (in, out) seconds chosen for an adjustable tool, if any.
    pub fn tool_pace(&self, key: &str) -> Result<Option<(u32, u32)>> {
        let pace: Option<(Option<u32>, Option<u32>)> = self
            .conn
            .prepare_cached("SELECT pace_in_s, pace_out_s FROM tool_prefs WHERE tool_key = ?1")?
            .query_row([key], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        Ok(pace.and_then(|(breathe_in, breathe_out)| breathe_in.zip(breathe_out)))
    }

    /// Saves a pace; the schema refuses anything outside 2..=10 seconds.
    pub fn set_tool_pace(&mut self, key: &str, pace: (u32, u32)) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO tool_prefs (tool_key, pace_in_s, pace_out_s) VALUES (?1, ?2, ?3)
                 ON CONFLICT (tool_key) DO UPDATE SET pace_in_s = ?2, pace_out_s = ?3",
            )?
            .execute(params![key, pace.0, pace.1])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_and_pace_are_kept_separately_per_tool() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let favourite = ToolPrefs {
            favourite: true,
            hidden: false,
        };
        store.set_tool_prefs("box", favourite).unwrap();
        store.set_tool_pace("paced", (5, 8)).unwrap();
        store
            .set_tool_prefs(
                "paced",
                ToolPrefs {
                    favourite: false,
                    hidden: true,
                },
            )
            .unwrap();
        let prefs = store.tool_prefs().unwrap();
        assert_eq!(prefs["box"], favourite);
        assert!(prefs["paced"].hidden);
        assert_eq!(store.tool_pace("paced").unwrap(), Some((5, 8)));
        assert_eq!(store.tool_pace("box").unwrap(), None);
        assert!(store.set_tool_pace("paced", (1, 30)).is_err());
        assert_eq!(store.tool_pace("paced").unwrap(), Some((5, 8)));
    }
}
