//! Everything the mentee wrote, as plain rows, for "Export my data" and "Import". Export reads
//! every content table (deleted-and-purged rows aside); import adds rows that are not here yet in
//! one transaction, checks them with the same readers the app uses, and rolls everything back on
//! any problem, so a bad file changes nothing. Sharing records are exported for the mentee to read
//! but never imported: imported entries arrive private.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rusqlite::types::{Value, ValueRef};
use serde_json::{Map, Value as Json};

use super::{Result, Store, StoreError};

/// Content tables in an order that satisfies their references, each with the rows it exports.
const CONTENT: [(&str, &str); 10] = [
    ("mood_entries", "deleted_at_ms IS NULL"),
    ("custom_tags", "1"),
    ("tool_prefs", "1"),
    ("tool_uses", "1"),
    ("comfort_items", "1"),
    ("trusted_people", "1"),
    ("safety_plan_items", "1"),
    ("goals", "deleted_at_ms IS NULL"),
    (
        "goal_steps",
        "goal_id IN (SELECT id FROM goals WHERE deleted_at_ms IS NULL)",
    ),
    (
        "goal_check_ins",
        "goal_id IN (SELECT id FROM goals WHERE deleted_at_ms IS NULL)",
    ),
];

/// Records of sharing: in the export so the mentee can see them, never imported.
const RECORDS: [&str; 2] = ["shares", "share_log"];

/// Why rows could not be imported. The message names the problem, never the content.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportProblem {
    #[error("This file has a part this app doesn't know ({0}). Nothing was imported.")]
    UnknownPart(String),
    #[error("Part of this file ({0}) isn't in the shape this app writes. Nothing was imported.")]
    Shape(String),
    #[error(
        "Some entries in this file ({0}) break this app's rules, so it may be damaged. Nothing was imported."
    )]
    Rules(String),
}

impl crate::i18n::Say for ImportProblem {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ImportProblem::UnknownPart(part) => {
                crate::t!(lang, "err-import-unknown-part", part = part)
            }
            ImportProblem::Shape(part) => crate::t!(lang, "err-import-shape", part = part),
            ImportProblem::Rules(part) => crate::t!(lang, "err-import-rules", part = part),
        }
    }
}

fn to_json(value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(n) => Json::from(n),
        ValueRef::Real(x) => Json::from(x),
        ValueRef::Text(text) => Json::from(String::from_utf8_lossy(text).into_owned()),
        ValueRef::Blob(bytes) => serde_json::json!({ "base64": B64.encode(bytes) }),
    }
}

fn from_json(value: &Json) -> Option<Value> {
    Some(match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64()?),
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(o) if o.len() == 1 => {
            Value::Blob(B64.decode(o.get("base64")?.as_str()?).ok()?)
        }
        _ => return None,
    })
}

impl Store {
    /// Every content table and the sharing records: table name → rows (column → value).
    pub fn export_tables(&self) -> Result<Map<String, Json>> {
        let wanted = CONTENT
            .iter()
            .copied()
            .chain(RECORDS.iter().map(|table| (*table, "1")));
        let mut tables = Map::new();
        for (table, filter) in wanted {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT * FROM {table} WHERE {filter} ORDER BY rowid"
            ))?;
            let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let rows = stmt
                .query_map([], |row| {
                    let mut object = Map::new();
                    for (index, column) in columns.iter().enumerate() {
                        object.insert(column.clone(), to_json(row.get_ref(index)?));
                    }
                    Ok(Json::Object(object))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            tables.insert(table.to_string(), Json::Array(rows));
        }
        Ok(tables)
    }

    /// Adds the rows of `tables` that are not here yet (same id), all or nothing. Returns how many
    /// rows were added. Parts that only record sharing are skipped: imported entries are private.
    pub fn import_tables(
        &mut self,
        tables: &Map<String, Json>,
    ) -> Result<Result<usize, ImportProblem>> {
        if let Some(unknown) = tables.keys().find(|name| {
            !CONTENT.iter().any(|(t, _)| t == name) && !RECORDS.contains(&name.as_str())
        }) {
            return Ok(Err(ImportProblem::UnknownPart(
                unknown.chars().take(40).collect(),
            )));
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let outcome = self.import_inside(tables);
        match outcome {
            Ok(Ok(added)) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(Ok(added))
            }
            other => {
                self.conn.execute_batch("ROLLBACK")?;
                other
            }
        }
    }

    fn import_inside(
        &mut self,
        tables: &Map<String, Json>,
    ) -> Result<Result<usize, ImportProblem>> {
        let mut added = 0;
        for (table, _) in CONTENT {
            let Some(rows) = tables.get(table) else {
                continue;
            };
            let Some(rows) = rows.as_array() else {
                return Ok(Err(ImportProblem::Shape(table.into())));
            };
            let known: Vec<String> = self
                .conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for row in rows {
                let Some(row) = row.as_object() else {
                    return Ok(Err(ImportProblem::Shape(table.into())));
                };
                let mut columns = Vec::with_capacity(row.len());
                let mut values = Vec::with_capacity(row.len());
                for (column, value) in row {
                    let (Some(column), Some(value)) =
                        (known.iter().find(|k| *k == column), from_json(value))
                    else {
                        return Ok(Err(ImportProblem::Shape(table.into())));
                    };
                    columns.push(column.as_str());
                    values.push(value);
                }
                if columns.is_empty() {
                    return Ok(Err(ImportProblem::Shape(table.into())));
                }
                // A copy of something deleted here (still waiting for its undo) brings it back.
                if let Some(id) = row.get("id").and_then(Json::as_str)
                    && known.iter().any(|k| k == "deleted_at_ms")
                {
                    self.conn.execute(
                        &format!("DELETE FROM {table} WHERE id = ?1 AND deleted_at_ms IS NOT NULL"),
                        [id],
                    )?;
                }
                // ON CONFLICT DO NOTHING skips only rows already here; OR IGNORE would also
                // silently skip rows that break a CHECK rule, which must fail the import instead.
                let sql = format!(
                    "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
                    columns.join(", "),
                    vec!["?"; columns.len()].join(", ")
                );
                match self.conn.execute(&sql, rusqlite::params_from_iter(values)) {
                    Ok(n) => added += n,
                    Err(rusqlite::Error::SqliteFailure(_, _)) => {
                        return Ok(Err(ImportProblem::Rules(table.into())));
                    }
                    Err(other) => return Err(other.into()),
                }
            }
        }
        // Read everything back the way the app will; a row that only SQL accepted fails here.
        if self.read_everything().is_err() {
            // The error itself is not logged: a conversion error can quote the row's text.
            tracing::warn!("an import was rolled back: its rows did not read back");
            return Ok(Err(ImportProblem::Rules("entries".into())));
        }
        Ok(Ok(added))
    }

    fn read_everything(&self) -> Result<()> {
        let far_past = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).ok_or(StoreError::NotFound)?;
        let far_future =
            chrono::NaiveDate::from_ymd_opt(9999, 12, 31).ok_or(StoreError::NotFound)?;
        self.moods_between(far_past, far_future)?;
        for goal in self.goals()? {
            self.goal(&goal.id)?;
        }
        self.custom_tags()?;
        self.tool_prefs()?;
        self.tool_uses()?;
        self.comfort_items()?;
        self.people()?;
        self.safety_plan()?;
        Ok(())
    }
}
