//! Moving a program from its SQLite file into PostgreSQL (`steady-server migrate --to URL`):
//! every table whole (people, devices, pairings, sealed records, directory versions, staff, the
//! audit log, the duty-of-care tables), read from one snapshot of the file and written in one
//! PostgreSQL transaction. Before it commits, every table is read back and compared with what
//! was read (row counts, and a SHA-256 over every value in key order); any difference, or a
//! database that already holds a program, and nothing is written.

use std::path::Path;

use ring::digest::{Context, SHA256};
use rusqlite::types::ValueRef;
use thiserror::Error;
use tokio_postgres::types::ToSql;

use super::postgres::{PostgresStore, wait};
use super::{ServerStore, SqliteStore};
use crate::storage::{SERVER_DATABASE, ServerStoreError};

#[derive(Debug, Error)]
pub enum MigrateError {
    #[error("there is no program to move: {0} does not exist")]
    NoSource(String),
    #[error(
        "that PostgreSQL database already holds a program ({0}); Steady moves a program only into an empty one"
    )]
    NotEmpty(String),
    #[error("row {row} of {table} does not fit its column {column}")]
    Unreadable {
        table: &'static str,
        row: u64,
        column: &'static str,
    },
    #[error("the copy of {0} did not match the original (counts or contents); nothing was written")]
    Mismatch(&'static str),
    #[error(transparent)]
    Store(#[from] ServerStoreError),
    #[error("reading the SQLite file: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("writing to PostgreSQL: {0}")]
    Postgres(String),
}

impl From<tokio_postgres::Error> for MigrateError {
    fn from(err: tokio_postgres::Error) -> Self {
        match ServerStoreError::from(err) {
            ServerStoreError::Postgres(text) => MigrateError::Postgres(text),
            other => MigrateError::Store(other),
        }
    }
}

/// What one column holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    Bytes,
    /// 0 or 1 in SQLite, a boolean in PostgreSQL.
    Flag,
}

struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
    /// The key the rows are compared in (text keys in byte order on both sides).
    order: &'static str,
    /// An identity column PostgreSQL numbers from: it continues after the copied rows.
    identity: Option<&'static str>,
}

use Kind::{Bytes, Flag, Int, Text};

/// Every table, parents before children.
const TABLES: &[Table] = &[
    Table {
        name: "program",
        columns: &[("id", Int), ("name", Text), ("public_key", Text)],
        order: "id",
        identity: None,
    },
    Table {
        name: "people",
        columns: &[
            ("id", Text),
            ("role", Text),
            ("display_name", Text),
            ("created_at", Int),
        ],
        order: "id",
        identity: None,
    },
    Table {
        name: "invites",
        columns: &[
            ("code_hash", Text),
            ("person_id", Text),
            ("expires_at", Int),
            ("used_at", Int),
        ],
        order: "code_hash",
        identity: None,
    },
    Table {
        name: "devices",
        columns: &[
            ("id", Text),
            ("person_id", Text),
            ("token_hash", Text),
            ("signing_key", Text),
            ("receiving_key", Text),
            ("enrolled_at", Int),
            ("revoked_at", Int),
            ("last_seen", Int),
            ("vouch", Text),
        ],
        order: "id",
        identity: None,
    },
    Table {
        name: "pairings",
        columns: &[("mentee_id", Text), ("mentor_id", Text), ("paired_at", Int)],
        order: "mentee_id, mentor_id",
        identity: None,
    },
    Table {
        name: "feed_seq",
        columns: &[("mentee_id", Text), ("last", Int), ("bytes", Int)],
        order: "mentee_id",
        identity: None,
    },
    Table {
        name: "records",
        columns: &[
            ("mentee_id", Text),
            ("item_id", Text),
            ("version", Int),
            ("seq", Int),
            ("envelope", Bytes),
            ("audience", Text),
        ],
        order: "mentee_id, item_id",
        identity: None,
    },
    Table {
        name: "directory_versions",
        columns: &[("version", Int), ("signed", Text), ("published_at", Int)],
        order: "version",
        identity: None,
    },
    Table {
        name: "key_rotations",
        columns: &[
            ("seq", Int),
            ("old_key", Text),
            ("new_key", Text),
            ("signature", Text),
            ("rotated_at", Int),
        ],
        order: "seq",
        identity: Some("seq"),
    },
    Table {
        name: "staff",
        columns: &[
            ("id", Text),
            ("name", Text),
            ("password_hash", Text),
            ("failed", Int),
            ("created_at", Int),
            ("safeguarding", Flag),
            ("seal", Text),
        ],
        order: "id",
        identity: None,
    },
    Table {
        name: "staff_sessions",
        columns: &[
            ("token_hash", Text),
            ("staff_id", Text),
            ("csrf", Text),
            ("expires_at", Int),
            ("seal", Text),
        ],
        order: "token_hash",
        identity: None,
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("at", Int),
            ("staff", Text),
            ("action", Text),
            ("detail", Text),
        ],
        order: "id",
        identity: Some("id"),
    },
    Table {
        name: "directory_draft",
        columns: &[("position", Int), ("contact", Text)],
        order: "position",
        identity: None,
    },
    Table {
        name: "sign_in_throttle",
        columns: &[
            ("key", Text),
            ("failures", Int),
            ("locked_until", Int),
            ("updated_at", Int),
        ],
        order: "key",
        identity: None,
    },
    Table {
        name: "program_care_draft",
        columns: &[("id", Int), ("care", Text)],
        order: "id",
        identity: None,
    },
    Table {
        name: "safeguarding_keys",
        columns: &[
            ("id", Int),
            ("public_key", Text),
            ("wrapped", Text),
            ("contact_name", Text),
            ("created_at", Int),
            ("created_by", Text),
        ],
        order: "id",
        identity: Some("id"),
    },
    Table {
        name: "safeguarding_leads",
        columns: &[
            ("staff_id", Text),
            ("public_key", Text),
            ("wrapped", Text),
            ("signed_by", Text),
            ("signature", Text),
            ("created_at", Int),
        ],
        order: "staff_id",
        identity: None,
    },
    Table {
        name: "safeguarding_grants",
        columns: &[
            ("key_id", Int),
            ("staff_id", Text),
            ("sealed", Text),
            ("granted_by", Text),
            ("created_at", Int),
        ],
        order: "key_id, staff_id",
        identity: None,
    },
    Table {
        name: "concerns",
        columns: &[
            ("id", Text),
            ("mentee_id", Text),
            ("mentee_name", Text),
            ("mentor_id", Text),
            ("mentor_name", Text),
            ("device_id", Text),
            ("device_key", Text),
            ("key_id", Int),
            ("sealed", Text),
            ("mentee_told", Flag),
            ("created_at", Int),
            ("handled_at", Int),
            ("handled_by", Text),
            ("kind", Text),
        ],
        order: "id",
        identity: None,
    },
    Table {
        name: "notices",
        columns: &[
            ("id", Int),
            ("mentee_id", Text),
            ("notice", Text),
            ("created_at", Int),
        ],
        order: "id",
        identity: Some("id"),
    },
    Table {
        name: "replies",
        columns: &[
            ("seq", Int),
            ("mentee_id", Text),
            ("mentor_id", Text),
            ("reply_id", Text),
            ("envelope", Bytes),
            ("created_at", Int),
        ],
        order: "seq",
        identity: Some("seq"),
    },
];

/// One value, as both databases can say it.
#[derive(Debug, PartialEq)]
enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Value {
    fn param(&self, kind: Kind) -> Box<dyn ToSql + Sync> {
        match (self, kind) {
            (Value::Null, Int) => Box::new(None::<i64>),
            (Value::Null, Text) => Box::new(None::<String>),
            (Value::Null, Bytes) => Box::new(None::<Vec<u8>>),
            (Value::Null, Flag) => Box::new(None::<bool>),
            (Value::Int(n), Flag) => Box::new(*n != 0),
            (Value::Int(n), _) => Box::new(*n),
            (Value::Text(text), _) => Box::new(text.clone()),
            (Value::Bytes(bytes), _) => Box::new(bytes.clone()),
        }
    }

    /// Adds the value to a table's digest: a tag, a length and the bytes, so no two different
    /// rows can say the same.
    fn digest(&self, digest: &mut Context) {
        let (tag, bytes): (u8, Vec<u8>) = match self {
            Value::Null => (0, Vec::new()),
            Value::Int(n) => (1, n.to_be_bytes().to_vec()),
            Value::Text(text) => (2, text.as_bytes().to_vec()),
            Value::Bytes(bytes) => (3, bytes.clone()),
        };
        digest.update(&[tag]);
        digest.update(&(bytes.len() as u64).to_be_bytes());
        digest.update(&bytes);
    }
}

/// What was moved: each table's name, its rows and its digest (hex).
#[derive(Debug)]
pub struct Moved {
    pub program: String,
    pub tables: Vec<(&'static str, u64, String)>,
}

/// Copies the program in `data_dir`'s SQLite file into the empty PostgreSQL database at `url`.
pub fn sqlite_to_postgres(data_dir: &Path, url: &str) -> Result<Moved, MigrateError> {
    let file = data_dir.join(SERVER_DATABASE);
    if !file.exists() {
        return Err(MigrateError::NoSource(file.display().to_string()));
    }
    // Opening brings an older file's schema up to date; its program is already named.
    let source = SqliteStore::open(data_dir, "")?;
    let program = source.program_name()?;
    let target = PostgresStore::connect(url)?;
    let mut conn = target.take_writer()?;
    let tx = wait(conn.client().transaction())?;
    let held: Option<String> =
        wait(tx.query_opt("SELECT name FROM program", &[]))?.map(|row| row.get(0));
    let others: i64 = wait(tx.query_one(
        "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM staff)
              + (SELECT count(*) FROM audit_log)",
        &[],
    ))?
    .get(0);
    if let Some(name) = held {
        return Err(MigrateError::NotEmpty(name));
    }
    if others > 0 {
        return Err(MigrateError::NotEmpty(format!(
            "{others} rows without a name"
        )));
    }

    let reader = source.reader()?;
    // One snapshot of the file for every table, even if a server is still writing to it.
    reader.execute_batch("BEGIN")?;
    let mut moved = Vec::new();
    for table in TABLES {
        let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
        let placeholders: Vec<String> = (1..=columns.len()).map(|n| format!("${n}")).collect();
        let insert = wait(tx.prepare(&format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            columns.join(", "),
            placeholders.join(", ")
        )))?;
        let select = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            table.name,
            table.order
        );
        let mut digest = Context::new(&SHA256);
        let mut count = 0_u64;
        let mut statement = reader.prepare(&select)?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            count += 1;
            let mut values = Vec::with_capacity(columns.len());
            for (index, (column, kind)) in table.columns.iter().enumerate() {
                let value =
                    from_sqlite(row.get_ref(index)?, *kind).ok_or(MigrateError::Unreadable {
                        table: table.name,
                        row: count,
                        column,
                    })?;
                value.digest(&mut digest);
                values.push(value);
            }
            let params: Vec<Box<dyn ToSql + Sync>> = values
                .iter()
                .zip(table.columns)
                .map(|(value, (_, kind))| value.param(*kind))
                .collect();
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(AsRef::as_ref).collect();
            wait(tx.execute(&insert, &refs))?;
        }
        let expected = hex(digest.finish().as_ref());

        // Read back inside the transaction: what PostgreSQL holds, in the same order.
        let collated: Vec<String> = table
            .order
            .split(", ")
            .map(|key| match kind_of(table, key) {
                Text => format!("{key} COLLATE \"C\""),
                _ => key.to_owned(),
            })
            .collect();
        let back = wait(tx.query(
            &format!(
                "SELECT {} FROM {} ORDER BY {}",
                columns.join(", "),
                table.name,
                collated.join(", ")
            ),
            &[],
        ))?;
        let mut digest = Context::new(&SHA256);
        for row in &back {
            for (index, (_, kind)) in table.columns.iter().enumerate() {
                from_postgres(row, index, *kind)?.digest(&mut digest);
            }
        }
        if back.len() as u64 != count || hex(digest.finish().as_ref()) != expected {
            return Err(MigrateError::Mismatch(table.name));
        }
        if let Some(column) = table.identity {
            wait(tx.execute(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', '{1}'),
                                   coalesce(max({1}), 0) + 1, false) FROM {0}",
                    table.name, column
                ),
                &[],
            ))?;
        }
        moved.push((table.name, count, expected));
    }
    reader.execute_batch("COMMIT")?;
    wait(tx.execute(
        "INSERT INTO audit_log (at, staff, action, detail) VALUES ($1, $2, $3, $4)",
        &[
            &super::now(),
            &"command line",
            &"moved the program to PostgreSQL",
            &"from its SQLite file",
        ],
    ))?;
    wait(tx.commit())?;
    Ok(Moved {
        program,
        tables: moved,
    })
}

fn kind_of(table: &Table, column: &str) -> Kind {
    table
        .columns
        .iter()
        .find(|(name, _)| *name == column)
        .map_or(Text, |(_, kind)| *kind)
}

fn from_sqlite(value: ValueRef<'_>, kind: Kind) -> Option<Value> {
    Some(match (value, kind) {
        (ValueRef::Null, _) => Value::Null,
        (ValueRef::Integer(n), Int | Flag) => Value::Int(n),
        (ValueRef::Text(text), Text) => Value::Text(String::from_utf8(text.to_vec()).ok()?),
        (ValueRef::Blob(bytes) | ValueRef::Text(bytes), Bytes) => Value::Bytes(bytes.to_vec()),
        _ => return None,
    })
}

fn from_postgres(
    row: &tokio_postgres::Row,
    index: usize,
    kind: Kind,
) -> Result<Value, MigrateError> {
    let value = match kind {
        Int => row.try_get::<_, Option<i64>>(index)?.map(Value::Int),
        Text => row.try_get::<_, Option<String>>(index)?.map(Value::Text),
        Bytes => row.try_get::<_, Option<Vec<u8>>>(index)?.map(Value::Bytes),
        Flag => row
            .try_get::<_, Option<bool>>(index)?
            .map(|flag| Value::Int(i64::from(flag))),
    };
    Ok(value.unwrap_or(Value::Null))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
