//! The `mood_entries` table: one row per check-in. Levels are checked by the schema as well as by
//! the domain, so an invalid mood cannot be stored even by a bug. Deletes are soft until the next
//! delete or the next start, which is what makes "undo" possible without keeping data for long.
//!
//! Local-day queries use `recorded_at_ms + offset_s * 1000` (the time on the mentee's clock), which
//! has its own index.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, Row, params};

use super::{Migration, Result, Store, StoreError};
use crate::domain::{
    ContextTag, EntryId, LocalStamp, MoodDetails, MoodEntry, MoodLevel, MoodPoint,
};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    seq: 1,
    name: "mood_entries: create",
    sql: "CREATE TABLE mood_entries (
              id TEXT PRIMARY KEY NOT NULL,
              level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
              emotions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emotions)),
              tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
              note TEXT CHECK (note IS NULL OR length(note) <= 20000),
              recorded_at_ms INTEGER NOT NULL,
              offset_s INTEGER NOT NULL,
              updated_at_ms INTEGER NOT NULL,
              updated_offset_s INTEGER NOT NULL,
              deleted_at_ms INTEGER
          ) STRICT;
          CREATE INDEX mood_entries_by_local_time
              ON mood_entries (recorded_at_ms + offset_s * 1000);",
}];

const COLUMNS: &str =
    "id, level, emotions, tags, note, recorded_at_ms, offset_s, updated_at_ms, updated_offset_s";

fn read_row(row: &Row<'_>) -> rusqlite::Result<MoodEntry> {
    let bad = |index: usize| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            "a stored value is out of range".into(),
        )
    };
    // Borrowed, not copied: History reads this for every check-in of a year.
    let text = |index: usize| row.get_ref(index)?.as_str().map_err(|_| bad(index));
    let level: u8 = row.get(1)?;
    Ok(MoodEntry {
        id: EntryId::parse(text(0)?).ok_or_else(|| bad(0))?,
        level: MoodLevel::new(level).map_err(|_| bad(1))?,
        details: MoodDetails {
            emotions: string_list(text(2)?, str::to_owned).ok_or_else(|| bad(2))?,
            tags: string_list(text(3)?, ContextTag::from_label).ok_or_else(|| bad(3))?,
            note: row.get(4)?,
        },
        recorded_at: LocalStamp::from_parts(row.get(5)?, row.get(6)?).ok_or_else(|| bad(5))?,
        updated_at: LocalStamp::from_parts(row.get(7)?, row.get(8)?).ok_or_else(|| bad(7))?,
    })
}

/// Check-ins in a local-time range `[?1, ?2)`, newest first in local time: read straight off
/// the local-time index, with no sort in SQLite (which would copy every row once more).
fn between_newest_first(columns: &str) -> String {
    format!(
        "SELECT {columns} FROM mood_entries
         WHERE recorded_at_ms + offset_s * 1000 >= ?1
           AND recorded_at_ms + offset_s * 1000 < ?2
           AND deleted_at_ms IS NULL
         ORDER BY recorded_at_ms + offset_s * 1000 DESC"
    )
}

/// A JSON array of strings, as [`json`] writes emotions and tags. The common case (no escapes)
/// is split directly, which is most of the cost of reading a year of History; anything else goes
/// through the JSON parser. `None` when it is not an array of strings.
fn string_list<T>(text: &str, item: impl Fn(&str) -> T) -> Option<Vec<T>> {
    if text == "[]" {
        return Some(Vec::new());
    }
    let plain = text
        .strip_prefix("[\"")
        .and_then(|rest| rest.strip_suffix("\"]"))
        .filter(|inner| is_plain_list(inner));
    match plain {
        Some(inner) => Some(inner.split("\",\"").map(item).collect()),
        None => serde_json::from_str::<Vec<String>>(text)
            .ok()
            .map(|items| items.iter().map(|text| item(text)).collect()),
    }
}

/// Whether `inner` (an array without its `["` and `"]`) is strings joined by `","` with no
/// escapes and no other quotes.
fn is_plain_list(inner: &str) -> bool {
    !inner.contains('\\') && inner.split("\",\"").all(|item| !item.contains('"'))
}

fn json(values: &impl serde::Serialize) -> String {
    // Serialising strings and plain enums cannot fail.
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

/// Milliseconds of a local wall-clock time, as if it were UTC: comparable with the index expression.
fn local_millis(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp_millis()
}

/// The half-open local-time range covering local days `first..=last`.
fn local_bounds(first: NaiveDate, last: NaiveDate) -> (i64, i64) {
    (
        local_millis(first),
        last.succ_opt().map_or(i64::MAX, local_millis),
    )
}

impl Store {
    /// Saves a new check-in in one transaction.
    pub fn insert_mood(&mut self, entry: &MoodEntry) -> Result<()> {
        let details = entry.details.clone().validated()?;
        self.conn
            .prepare_cached(&format!(
                "INSERT INTO mood_entries ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ))?
            .execute(params![
                entry.id.as_str(),
                entry.level.value(),
                json(&details.emotions),
                json(&details.tags),
                details.note,
                entry.recorded_at.utc_millis(),
                entry.recorded_at.offset_seconds(),
                entry.updated_at.utc_millis(),
                entry.updated_at.offset_seconds(),
            ])?;
        Ok(())
    }

    /// Changes a check-in's level and details; returns it as now saved.
    pub fn update_mood(
        &mut self,
        id: &EntryId,
        level: MoodLevel,
        details: MoodDetails,
        at: LocalStamp,
    ) -> Result<MoodEntry> {
        let details = details.validated()?;
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE mood_entries
                 SET level = ?2, emotions = ?3, tags = ?4, note = ?5,
                     updated_at_ms = ?6, updated_offset_s = ?7
                 WHERE id = ?1 AND deleted_at_ms IS NULL",
            )?
            .execute(params![
                id.as_str(),
                level.value(),
                json(&details.emotions),
                json(&details.tags),
                details.note,
                at.utc_millis(),
                at.offset_seconds(),
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.mood(id)
    }

    /// One check-in that has not been deleted.
    pub fn mood(&self, id: &EntryId) -> Result<MoodEntry> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM mood_entries WHERE id = ?1 AND deleted_at_ms IS NULL"
            ))?
            .query_row([id.as_str()], read_row)
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// Check-ins written on local days `first..=last`, newest first.
    pub fn moods_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<MoodEntry>> {
        let start = local_millis(first);
        let end = last.succ_opt().map_or(i64::MAX, local_millis);
        let mut statement = self.conn.prepare_cached(&between_newest_first(COLUMNS))?;
        let rows = statement.query_map(params![start, end], read_row)?;
        let mut entries: Vec<MoodEntry> = rows.collect::<rusqlite::Result<_>>()?;
        // The index gives local-time order; real time differs only where the offset changed
        // (travel, the clocks going back), so this sort has almost nothing to move.
        entries.sort_by(|a, b| {
            b.recorded_at
                .utc_millis()
                .cmp(&a.recorded_at.utc_millis())
                .then_with(|| a.id.as_str().cmp(b.id.as_str()))
        });
        Ok(entries)
    }

    /// Just the time and level of each check-in on local days `first..=last`, oldest first: what a
    /// chart needs, without reading notes.
    pub fn mood_points_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<MoodPoint>> {
        let (start, end) = local_bounds(first, last);
        let mut statement = self.conn.prepare_cached(
            "SELECT recorded_at_ms, offset_s, level FROM mood_entries
             WHERE recorded_at_ms + offset_s * 1000 >= ?1
               AND recorded_at_ms + offset_s * 1000 < ?2
               AND deleted_at_ms IS NULL
             ORDER BY recorded_at_ms + offset_s * 1000",
        )?;
        let rows = statement.query_map(params![start, end], |row| {
            let at = LocalStamp::from_parts(row.get(0)?, row.get(1)?);
            let level = MoodLevel::new(row.get(2)?).ok();
            Ok(at.zip(level))
        })?;
        let mut points = Vec::new();
        for row in rows {
            // A row that cannot be read is skipped here; the full history still shows the error.
            if let Some((at, level)) = row? {
                points.push(MoodPoint { at, level });
            }
        }
        // Local-time order from the index; real time differs only across offset changes.
        points.sort_by_key(|point| point.at.utc_millis());
        Ok(points)
    }

    /// The local day of the oldest check-in still kept, if any.
    pub fn first_mood_day(&self) -> Result<Option<NaiveDate>> {
        let oldest: Option<(i64, i32)> = self
            .conn
            .query_row(
                "SELECT recorded_at_ms, offset_s FROM mood_entries
                 WHERE deleted_at_ms IS NULL ORDER BY recorded_at_ms LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        Ok(oldest
            .and_then(|(ms, offset)| LocalStamp::from_parts(ms, offset))
            .map(|stamp| stamp.local_date()))
    }

    /// How many check-ins are kept (deleted ones not counted).
    pub fn mood_count(&self) -> Result<usize> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM mood_entries WHERE deleted_at_ms IS NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Hides a check-in so it can still be brought back with [`Store::restore_mood`]. Any earlier
    /// deleted check-in is now removed for good: only the latest delete can be undone.
    pub fn delete_mood(&mut self, id: &EntryId, at: LocalStamp) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM mood_entries WHERE deleted_at_ms IS NOT NULL AND id != ?1",
            [id.as_str()],
        )?;
        let changed = tx.execute(
            "UPDATE mood_entries SET deleted_at_ms = ?2 WHERE id = ?1 AND deleted_at_ms IS NULL",
            params![id.as_str(), at.utc_millis()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit()?;
        Ok(())
    }

    /// Brings back the check-in deleted last.
    pub fn restore_mood(&mut self, id: &EntryId) -> Result<MoodEntry> {
        let changed = self.conn.execute(
            "UPDATE mood_entries SET deleted_at_ms = NULL WHERE id = ?1 AND deleted_at_ms IS NOT NULL",
            [id.as_str()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.mood(id)
    }

    /// Removes deleted check-ins for good (run at every start, so undo lasts one session at most).
    pub fn purge_deleted_moods(&mut self) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM mood_entries WHERE deleted_at_ms IS NOT NULL",
            [],
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    fn at(text: &str) -> LocalStamp {
        LocalStamp::from_datetime(DateTime::parse_from_rfc3339(text).unwrap())
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_quick_list_reader_agrees_with_json_on_every_shape() {
        let lists: [&[&str]; 7] = [
            &[],
            &["calm"],
            &["calm", "tired"],
            &["band \"practice\"", "a\",\"b"],
            &["back\\slash", ""],
            &["ünïcode ✨", "tab\there"],
            &["\",\""],
        ];
        for list in lists {
            let text = json(&list);
            let read = string_list(&text, str::to_owned).unwrap();
            assert_eq!(read, list, "{text}");
        }
        // Written by something else (an import, an older version): still read right, or refused.
        assert_eq!(
            string_list(r#"[ "a" , "b" ]"#, str::to_owned).unwrap(),
            ["a", "b"]
        );
        assert_eq!(
            string_list(r#"["a", "b"]"#, str::to_owned).unwrap(),
            ["a", "b"]
        );
        assert_eq!(string_list(r#"["a"]  "#, str::to_owned).unwrap(), ["a"]);
        assert!(string_list(r#"["a",1]"#, str::to_owned).is_none());
        assert!(string_list(r#"["a""#, str::to_owned).is_none());
        assert!(string_list("", str::to_owned).is_none());
    }

    #[test]
    fn a_saved_entry_reads_back_exactly() {
        let (_dir, mut store) = store();
        let mut entry = MoodEntry::new(MoodLevel::new(4).unwrap(), at("2026-11-20T08:15:00-05:00"));
        entry.details = MoodDetails {
            emotions: vec!["calm".into(), "hopeful".into()],
            tags: vec![ContextTag::School, ContextTag::Custom("band".into())],
            note: Some("Maths went fine".into()),
        };
        store.insert_mood(&entry).unwrap();
        assert_eq!(store.mood(&entry.id).unwrap(), entry);
        assert_eq!(store.mood_count().unwrap(), 1);
    }

    #[test]
    fn an_invalid_level_cannot_be_stored_even_by_raw_sql() {
        let (_dir, store) = store();
        let result = store.conn.execute(
            "INSERT INTO mood_entries (id, level, recorded_at_ms, offset_s, updated_at_ms, updated_offset_s)
             VALUES ('x', 7, 0, 0, 0, 0)",
            [],
        );
        assert!(result.is_err());
        assert_eq!(store.mood_count().unwrap(), 0);
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let (_dir, mut store) = store();
        let entry = MoodEntry::new(MoodLevel::new(2).unwrap(), at("2026-11-20T08:15:00Z"));
        store.insert_mood(&entry).unwrap();
        let too_long = MoodDetails {
            note: Some("x".repeat(20_001)),
            ..Default::default()
        };
        let result = store.update_mood(
            &entry.id,
            MoodLevel::new(5).unwrap(),
            too_long,
            entry.recorded_at,
        );
        assert!(matches!(result, Err(StoreError::Invalid(_))));
        assert_eq!(store.mood(&entry.id).unwrap(), entry);
    }

    #[test]
    fn edits_keep_the_original_time() {
        let (_dir, mut store) = store();
        let entry = MoodEntry::new(MoodLevel::new(2).unwrap(), at("2026-11-20T08:15:00Z"));
        store.insert_mood(&entry).unwrap();
        let details = MoodDetails {
            note: Some("better now".into()),
            ..Default::default()
        };
        let later = at("2026-11-20T09:00:00Z");
        let saved = store
            .update_mood(&entry.id, MoodLevel::new(3).unwrap(), details, later)
            .unwrap();
        assert_eq!(saved.level.value(), 3);
        assert_eq!(saved.recorded_at, entry.recorded_at);
        assert_eq!(saved.updated_at, later);
        assert_eq!(saved.details.note.as_deref(), Some("better now"));
    }

    #[test]
    fn range_queries_use_the_local_day_and_newest_first() {
        let (_dir, mut store) = store();
        let late = MoodEntry::new(MoodLevel::new(3).unwrap(), at("2026-11-20T23:30:00-08:00"));
        let early = MoodEntry::new(MoodLevel::new(4).unwrap(), at("2026-11-20T07:00:00-08:00"));
        let next = MoodEntry::new(MoodLevel::new(5).unwrap(), at("2026-11-21T00:30:00+01:00"));
        for entry in [&early, &late, &next] {
            store.insert_mood(entry).unwrap();
        }
        let ids: Vec<EntryId> = store
            .moods_between(day("2026-11-20"), day("2026-11-20"))
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, vec![late.id.clone(), early.id.clone()]);
        assert_eq!(
            store
                .moods_between(day("2026-11-21"), day("2026-11-21"))
                .unwrap(),
            vec![next]
        );
        assert_eq!(store.first_mood_day().unwrap(), Some(day("2026-11-20")));
        let points = store
            .mood_points_between(day("2026-11-20"), day("2026-11-21"))
            .unwrap();
        let levels: Vec<u8> = points.iter().map(|p| p.level.value()).collect();
        // Oldest first in real time: the +01:00 check-in happened before the late -08:00 one.
        assert_eq!(levels, vec![4, 5, 3]);
    }

    #[test]
    fn day_range_queries_use_the_local_time_index() {
        let (_dir, store) = store();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                between_newest_first(COLUMNS)
            ))
            .unwrap()
            .query_map(params![0, 1], |row| row.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("mood_entries_by_local_time")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "no sort in SQLite: {plan:?}"
        );
    }

    #[test]
    fn delete_can_be_undone_until_the_next_delete_or_restart() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let a = MoodEntry::new(MoodLevel::new(3).unwrap(), at("2026-11-20T08:00:00Z"));
        let b = MoodEntry::new(MoodLevel::new(4).unwrap(), at("2026-11-20T09:00:00Z"));
        store.insert_mood(&a).unwrap();
        store.insert_mood(&b).unwrap();
        store.delete_mood(&a.id, b.recorded_at).unwrap();
        assert!(matches!(store.mood(&a.id), Err(StoreError::NotFound)));
        assert_eq!(store.restore_mood(&a.id).unwrap(), a);
        store.delete_mood(&a.id, b.recorded_at).unwrap();
        store.delete_mood(&b.id, b.recorded_at).unwrap();
        assert!(matches!(
            store.restore_mood(&a.id),
            Err(StoreError::NotFound)
        ));
        drop(store);
        let mut store = Store::open(dir.path()).unwrap();
        assert!(matches!(
            store.restore_mood(&b.id),
            Err(StoreError::NotFound)
        ));
        assert_eq!(store.mood_count().unwrap(), 0);
    }
}
