//! "My data": export everything (JSON, re-importable) and moods (CSV), import a Steady export, and
//! delete everything, on this device and on the program's server. Also the reset offered when a
//! passcode is forgotten, which is the on-device half of deleting everything.

use std::path::{Path, PathBuf};

use chrono::Local;
use serde_json::{Map, Value as Json};

use super::lock::ATTEMPTS_FILE;
use super::{DIRECTORY_FILE, Device, DeviceError, PINNED_KEY_FILE, Result};
use crate::domain::csv::moods_csv;
use crate::store::{DATABASE_FILE, KEY_FILE, Store, StoreError};
use crate::sync::client::{Api, CallError};

/// What an export file says it is.
const EXPORT_FORMAT: &str = "steady-export";
/// How an export file's name starts: plain words, never the app's name.
const EXPORT_FILE_PREFIX: &str = "my-notes-";
const EXPORT_VERSION: u64 = 1;
/// Larger files are not Steady exports of one person's data.
const IMPORT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// The two files an export writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFiles {
    pub json: PathBuf,
    pub csv: PathBuf,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    /// Rows added (entries, goals, steps, people...); rows already here are skipped.
    pub added: usize,
}

fn import_error(key: &'static str) -> DeviceError {
    DeviceError::Import(key)
}

impl Device {
    /// Everything the mentee wrote, as one JSON document that [`Device::import_bytes`] takes back.
    pub fn export_json(&self) -> Result<String> {
        let tables = self.store()?.export_tables()?;
        let document = serde_json::json!({
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": Local::now().to_rfc3339(),
            "about": "Everything the app kept on this phone. This file is not locked: anyone who opens it can read it.",
            "tables": tables,
        });
        serde_json::to_string_pretty(&document).map_err(|err| StoreError::Io(err.into()).into())
    }

    /// Every check-in as CSV, oldest first.
    pub fn export_moods_csv(&self) -> Result<String> {
        let store = self.store()?;
        let Some(first) = store.first_mood_day()? else {
            return Ok(moods_csv(&[]));
        };
        let last = self.today().max(first) + chrono::Days::new(2);
        Ok(moods_csv(&store.moods_between(first, last)?))
    }

    /// Writes both exports into `folder` (created private if needed), named by today's date. The
    /// names are plain ("my-notes-..."), so a file list or a download bar never names the app.
    pub fn export_to(&self, folder: &Path) -> Result<ExportFiles> {
        crate::platform::create_private_dir(folder).map_err(StoreError::Io)?;
        let stamp = Local::now().format("%Y-%m-%d-%H%M%S");
        let files = ExportFiles {
            json: folder.join(format!("{EXPORT_FILE_PREFIX}{stamp}.json")),
            csv: folder.join(format!("my-check-ins-{stamp}.csv")),
        };
        crate::platform::replace_private_file(&files.json, self.export_json()?.as_bytes())
            .map_err(StoreError::Io)?;
        crate::platform::replace_private_file(&files.csv, self.export_moods_csv()?.as_bytes())
            .map_err(StoreError::Io)?;
        Ok(files)
    }

    /// Exports in `folder` (named by [`Device::export_to`], or by versions before it), newest first.
    pub fn exports_in(&self, folder: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    (n.starts_with(EXPORT_FILE_PREFIX) || n.starts_with("steady-export-"))
                        && n.ends_with(".json")
                })
            })
            .collect();
        // Newest first by the date in the name, whichever prefix it has.
        found.sort_by_key(|path| {
            path.file_name().and_then(|n| n.to_str()).map(|n| {
                n.trim_start_matches(EXPORT_FILE_PREFIX)
                    .trim_start_matches("steady-export-")
                    .to_owned()
            })
        });
        found.reverse();
        found
    }

    /// Imports the export file at `path`.
    pub fn import_file(&self, path: &Path) -> Result<ImportSummary> {
        let size = std::fs::metadata(path)
            .map_err(|_| import_error("err-import-open"))?
            .len();
        if size > IMPORT_MAX_BYTES as u64 {
            return Err(import_error("err-import-too-big"));
        }
        let bytes = std::fs::read(path).map_err(|_| import_error("err-import-read"))?;
        self.import_bytes(&bytes)
    }

    /// Adds what a Steady export holds and this device doesn't have yet. All or nothing.
    pub fn import_bytes(&self, bytes: &[u8]) -> Result<ImportSummary> {
        let tables = parse_export(bytes)?;
        match self.store()?.import_tables(&tables)? {
            Ok(added) => Ok(ImportSummary { added }),
            Err(problem) => Err(DeviceError::ImportRows(problem)),
        }
    }

    /// Deletes the mentee's copies on the program's server (when connected), then everything on
    /// this device. If the server can't be reached nothing is deleted, unless `device_only`.
    pub async fn delete_everything(&self, device_only: bool) -> Result<()> {
        if !device_only && let Some(enrolment) = self.enrolment()? {
            let api = Api::new(&enrolment.server_url);
            match api.delete_me(&enrolment.token).await {
                // 401: the server already forgot this device (removed by staff, or deleted before).
                Ok(()) | Err(CallError::Refused { status: 401, .. }) => {}
                Err(_) => {
                    return Err(DeviceError::Said("err-delete-offline"));
                }
            }
        }
        self.forget_everything()
    }

    /// Erases everything on this device and starts fresh, unlocked and empty. Used by "Delete all
    /// my data" and by the reset offered for a forgotten passcode (which works while locked).
    pub fn forget_everything(&self) -> Result<()> {
        self.store
            .replace(None)
            .map_err(|_| DeviceError::Poisoned)?;
        let dir = self.data_dir();
        // The database before its key: a crash in between leaves a key with no data (a fresh
        // start), never data with no key.
        let mut doomed: Vec<PathBuf> = ["-wal", "-shm", "-journal", ""]
            .iter()
            .map(|suffix| dir.join(format!("{DATABASE_FILE}{suffix}")))
            .collect();
        doomed.push(dir.join(crate::store::NEXT_KEY_FILE));
        doomed.push(dir.join(KEY_FILE));
        // The unlock tries go; the discreet-mode choice stays, since a fresh Steady showing its
        // real name could give away that the mentee used it.
        doomed.push(dir.join(ATTEMPTS_FILE));
        doomed.push(dir.join(DIRECTORY_FILE));
        doomed.push(dir.join(PINNED_KEY_FILE));
        for path in doomed {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => return Err(StoreError::Io(err).into()),
            }
        }
        let exports = crate::platform::exports_dir(dir);
        if exports.starts_with(dir) && exports.exists() {
            std::fs::remove_dir_all(&exports).map_err(StoreError::Io)?;
        }
        self.lock_state.set_sealed(false);
        let fresh = Store::open(dir)?;
        self.store
            .replace(Some(fresh))
            .map_err(|_| DeviceError::Poisoned)?;
        self.touch();
        self.lock_state.note_change();
        Ok(())
    }
}

/// The tables of a Steady export, or a plain error saying what is wrong with the file.
pub fn parse_export(bytes: &[u8]) -> Result<Map<String, Json>> {
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(import_error("err-import-too-big"));
    }
    let document: Json = serde_json::from_slice(bytes).map_err(|err| {
        if err.classify() == serde_json::error::Category::Eof {
            import_error("err-import-cut-off")
        } else {
            import_error("err-import-not-export")
        }
    })?;
    if document.get("format").and_then(Json::as_str) != Some(EXPORT_FORMAT) {
        return Err(import_error("err-import-not-export"));
    }
    match document.get("version").and_then(Json::as_u64) {
        Some(EXPORT_VERSION) => {}
        Some(newer) if newer > EXPORT_VERSION => {
            return Err(import_error("err-import-newer"));
        }
        _ => return Err(import_error("err-import-not-export")),
    }
    match document.get("tables") {
        Some(Json::Object(tables)) => Ok(tables.clone()),
        _ => Err(import_error("err-import-missing")),
    }
}
