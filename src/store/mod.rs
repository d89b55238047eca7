//! The mentee's local store: one SQLCipher database per device, encrypted with a random 256-bit
//! data key, opened in WAL mode with foreign keys and a busy timeout. Each table lives in its own
//! module with its migrations, row mapping and queries; `migrations` runs the add-only chain.
//!
//! Opening never creates a key over an existing database, never rewrites a file it cannot read,
//! and never deletes anything: a wrong key, a foreign file or a damaged file is a clear error.

mod comfort_items;
mod custom_tags;
mod export;
mod goal_check_ins;
mod goal_steps;
mod goals;
mod identity;
mod keyfile;
mod mentee_devices;
mod mentor_devices;
mod mentor_inbox;
mod migrations;
mod moods;
mod notices;
mod outbox;
mod own_devices;
mod replies;
mod safety_plan_items;
mod sharing;
mod slot;
mod tool_prefs;
mod tool_uses;
mod trusted_people;

pub use comfort_items::ComfortItem;
pub use export::ImportProblem;
pub use identity::Enrolment;
pub use mentee_devices::{MenteeDevice, MenteeDeviceTrust};
pub use mentor_devices::{DeviceTrust, MentorDevice};
pub use mentor_inbox::{CachedItem, KnownMentee, PulledChange};
pub use migrations::{MIGRATIONS, Migration};
pub use notices::{
    MARK_READ_RECEIPTS, MARK_READ_UP_TO, MARK_REPLIES_OFF, NoticeKind, RaisedConcern, StoredNotice,
};
pub use outbox::OutboxRecord;
pub use own_devices::{OwnDevice, OwnDeviceStatus};
pub use replies::{ReceivedReply, WrittenReply};
pub use safety_plan_items::PlanItem;
pub use sharing::{PENDING_MENTOR, ShareLogLine, SharedItemRef};
pub use slot::{OpenStore, SlotError, StoreSlot};
pub use tool_prefs::ToolPrefs;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use crate::crypto::DataKey;
use crate::domain::MoodError;

/// The database file inside a device's data directory.
pub const DATABASE_FILE: &str = "steady.db";
/// The file holding the data key: bare, or sealed under the passcode.
pub const KEY_FILE: &str = "steady.key";
/// The next data key's file while a passcode change is under way (see [`Store::set_passcode`]).
pub const NEXT_KEY_FILE: &str = "steady.key.next";

/// What went wrong in the store. Messages say what happened and what to do, never entry content.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database exists but its key file is gone; a new key would not open it.
    #[error(
        "Your saved data is here, but the key to open it is missing ({0}). Nothing was changed. Put the key file back to see your entries again."
    )]
    KeyMissing(PathBuf),
    /// A passcode seals the key and the one given doesn't open it (or none was given).
    #[error("That passcode doesn't match. Nothing was changed.")]
    WrongPasscode,
    /// The key file was sealed by another device's key store (copied here), or this device's
    /// key store no longer opens it.
    #[error(
        "The key to your saved data at {0} belongs to another device, or this device can't open it any more. Nothing was changed or deleted."
    )]
    KeyElsewhere(PathBuf),
    /// The device's key store did not answer; trying again later may work. Why (for the log,
    /// never shown) is in the value.
    #[error(
        "This device's key store didn't answer. That can happen just after a restart. Nothing was changed. Try again in a moment."
    )]
    VaultUnavailable(String),
    /// The phone's keystore could not seal the key file just now, so it is kept as on a computer,
    /// and the new passcode is too short for that.
    #[error(transparent)]
    KeystoreAway(crate::domain::PasscodeRule),
    /// The key file is not a key.
    #[error(
        "The key file at {0} is damaged, so your saved data can't be opened. Nothing was changed."
    )]
    KeyDamaged(PathBuf),
    /// The file is a plain, unencrypted SQLite database: not one Steady wrote.
    #[error(
        "The file at {0} isn't this app's data (it is not encrypted). Nothing was changed or deleted."
    )]
    ForeignFile(PathBuf),
    /// The key does not open the file, or the file is damaged.
    #[error(
        "The app couldn't open its saved data at {0}: the key doesn't fit or the file is damaged. Nothing was changed or deleted."
    )]
    CannotUnlock(PathBuf),
    /// A migration this version knows was changed after it ran: the code is wrong, not the data.
    #[error(
        "This version of the app changed a database step it ran before ({0}). Nothing was changed."
    )]
    MigrationChanged(String),
    /// The database was written by a newer version of Steady.
    #[error("Your data was saved by a newer version of the app. Update it to open your data.")]
    NewerVersion,
    /// This device's sharing keys are unreadable (or could not be made).
    #[error("This device's sharing keys are damaged, so sharing is paused. Your entries are safe.")]
    IdentityDamaged,
    /// No entry with that id (or it was deleted).
    #[error("That entry isn't here any more.")]
    NotFound,
    /// What the mentee entered breaks a rule.
    #[error(transparent)]
    Invalid(#[from] MoodError),
    /// Reading or writing a file failed.
    #[error("The app couldn't read or write its files: {0}")]
    Io(#[from] std::io::Error),
    /// SQLite reported an error.
    #[error("The app couldn't save or read that just now. Try again.")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open, unlocked local database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the device's store in `dir`, creating the directory, key and database on first use.
    /// When a passcode is set this is [`StoreError::WrongPasscode`]; use [`Store::open_sealed`].
    pub fn open(dir: &Path) -> Result<Store> {
        Store::open_sealed(dir, None)
    }

    /// Opens the store in `dir` with `passcode` when one is set (`None` when the mentee has none).
    pub fn open_sealed(dir: &Path, passcode: Option<&str>) -> Result<Store> {
        crate::platform::create_private_dir(dir)?;
        let database = dir.join(DATABASE_FILE);
        let key_path = dir.join(KEY_FILE);
        let vault = crate::platform::key_vault(dir);
        let state = keyfile::load_or_create(&key_path, database.exists(), &*vault)?;
        let next_path = dir.join(NEXT_KEY_FILE);
        let opened = keyfile::unseal(state, &key_path, passcode)
            .and_then(|key| Store::open_with_key(&database, &key));
        match opened {
            Ok(store) => {
                // A passcode change that stopped before the data key changed: its next key
                // opens nothing, so it goes.
                if next_path.exists() {
                    std::fs::remove_file(&next_path)?;
                }
                Ok(store)
            }
            // A passcode change that stopped after the data key changed and before the key file
            // was replaced: the next key (under the new passcode) opens the data, and is kept.
            Err(err) if next_path.exists() => {
                let Ok(next) = keyfile::key_with(&next_path, passcode, &*vault) else {
                    return Err(err);
                };
                let Ok(store) = Store::open_with_key(&database, &next) else {
                    return Err(err);
                };
                crate::platform::move_private_file(&next_path, &key_path)?;
                Ok(store)
            }
            Err(err) => Err(err),
        }
    }

    /// What guards the key file in `dir` besides the passcode (reads only its header).
    pub fn key_guard(dir: &Path) -> crate::domain::KeyGuard {
        keyfile::guard(&dir.join(KEY_FILE), &*crate::platform::key_vault(dir))
    }

    /// Whether a passcode seals the store in `dir` (reads only the key file).
    pub fn is_sealed(dir: &Path) -> bool {
        keyfile::is_passcode_sealed(&dir.join(KEY_FILE), &*crate::platform::key_vault(dir))
    }

    /// Sets, changes or (with `new: None`) removes the passcode. `current` must open the key when
    /// one is set. The data key changes too, so a copy of the key file from before (with the
    /// passcode it had then, or none) opens nothing: someone who saw or copied the old one and
    /// puts it back gets nothing. In three steps, each safe to stop after: the next key's file is
    /// written beside the key file; the database is re-encrypted under it in one transaction;
    /// the next key's file replaces the key file in one rename. Opening finishes or forgets a
    /// change that stopped part-way ([`Store::open_sealed`]).
    pub fn set_passcode(&self, current: Option<&str>, new: Option<&str>) -> Result<()> {
        let next = self.prepare_next_key(current, new)?;
        self.rekey(&next)?;
        crate::platform::move_private_file(&self.dir().join(NEXT_KEY_FILE), &self.key_path())?;
        Ok(())
    }

    /// Step one of [`Store::set_passcode`]: checks `current`, makes the next data key and writes
    /// its file, sealed under `new`.
    fn prepare_next_key(&self, current: Option<&str>, new: Option<&str>) -> Result<DataKey> {
        let vault = crate::platform::key_vault(self.dir());
        keyfile::key_with(&self.key_path(), current, &*vault)?;
        let next = DataKey::generate()
            .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?;
        keyfile::rewrite(&self.dir().join(NEXT_KEY_FILE), &next, new, &*vault)?;
        Ok(next)
    }

    /// Step two: every page of the database re-encrypted under `key`, committed at once (a crash
    /// before the commit leaves it all under the old key). The write-ahead log is emptied into
    /// the file before and after, so no page under the old key is left in it.
    fn rekey(&self, key: &DataKey) -> Result<()> {
        let done = self
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .and_then(|()| {
                self.conn
                    .execute_batch(&format!("PRAGMA rekey = \"x'{}'\";", key.to_hex()))
            })
            .and_then(|()| self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"));
        if let Err(err) = done {
            let _ = std::fs::remove_file(self.dir().join(NEXT_KEY_FILE));
            return Err(err.into());
        }
        Ok(())
    }

    /// Checks `passcode` against the key file without changing anything.
    pub fn check_passcode(&self, passcode: &str) -> Result<()> {
        let vault = crate::platform::key_vault(self.dir());
        keyfile::key_with(&self.key_path(), Some(passcode), &*vault).map(drop)
    }

    /// The device's data folder (where the database file is).
    pub(crate) fn dir(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }

    fn key_path(&self) -> PathBuf {
        self.dir().join(KEY_FILE)
    }

    /// Opens (or creates) the database at `path` with `key`.
    pub fn open_with_key(path: &Path, key: &DataKey) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        // The key must be the first statement; the raw-key form skips SQLCipher's own KDF because
        // the data key is already 256 random bits.
        // SQLCipher's own log would print decrypt failures to stderr; our errors say it plainly.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.to_hex()))?;
        if conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| {
                row.get::<_, i64>(0)
            })
            .is_err()
        {
            return Err(if is_plain_sqlite(path) {
                StoreError::ForeignFile(path.to_path_buf())
            } else {
                StoreError::CannotUnlock(path.to_path_buf())
            });
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA secure_delete = ON;",
        )?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        migrations::run(&mut store.conn)?;
        store.purge_deleted_moods()?;
        store.purge_deleted_goals()?;
        Ok(store)
    }

    /// Where the database file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's own check of every page and index; `Ok(true)` when all is well.
    pub fn integrity_ok(&self) -> Result<bool> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        Ok(verdict == "ok")
    }
}

fn is_plain_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

impl crate::i18n::Say for StoreError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            StoreError::KeyMissing(p) => crate::t!(lang, "err-key-missing", path = path(p)),
            StoreError::WrongPasscode => crate::t!(lang, "err-store-wrong-passcode"),
            StoreError::KeyElsewhere(p) => crate::t!(lang, "err-key-elsewhere", path = path(p)),
            StoreError::VaultUnavailable(_) => crate::t!(lang, "err-vault"),
            StoreError::KeyDamaged(p) => crate::t!(lang, "err-key-damaged", path = path(p)),
            StoreError::KeystoreAway(rule) => rule.say(lang),
            StoreError::ForeignFile(p) => crate::t!(lang, "err-foreign-file", path = path(p)),
            StoreError::CannotUnlock(p) => crate::t!(lang, "err-cannot-unlock", path = path(p)),
            StoreError::MigrationChanged(step) => {
                crate::t!(lang, "err-migration-changed", step = step)
            }
            StoreError::NewerVersion => crate::t!(lang, "err-newer-version"),
            StoreError::IdentityDamaged => crate::t!(lang, "err-identity-damaged"),
            StoreError::NotFound => crate::t!(lang, "err-not-found"),
            StoreError::Invalid(err) => err.say(lang),
            StoreError::Io(err) => crate::t!(lang, "err-io", why = err.to_string()),
            StoreError::Sqlite(_) => crate::t!(lang, "err-sqlite"),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn reopening_with_the_wrong_key_fails_and_keeps_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        let key = DataKey::generate().unwrap();
        drop(Store::open_with_key(&path, &key).unwrap());
        let before = std::fs::read(&path).unwrap();
        let wrong = DataKey::generate().unwrap();
        assert!(matches!(
            Store::open_with_key(&path, &wrong),
            Err(StoreError::CannotUnlock(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(Store::open_with_key(&path, &key).is_ok());
    }

    #[test]
    fn a_plain_sqlite_file_is_named_foreign_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        let plain = Connection::open(&path).unwrap();
        plain
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(plain);
        let before = std::fs::read(&path).unwrap();
        let key = DataKey::generate().unwrap();
        assert!(matches!(
            Store::open_with_key(&path, &key),
            Err(StoreError::ForeignFile(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// A store with one check-in; its folder's key file bytes as they are now.
    fn store_with_a_check_in(dir: &Path) -> (Store, Vec<u8>) {
        let mut store = Store::open(dir).unwrap();
        store
            .insert_mood(&crate::domain::MoodEntry::new(
                crate::domain::MoodLevel::new(4).unwrap(),
                crate::domain::LocalStamp::now(),
            ))
            .unwrap();
        let key_file = std::fs::read(dir.join(KEY_FILE)).unwrap();
        (store, key_file)
    }

    fn check_ins(store: &Store) -> usize {
        store.mood_count().unwrap()
    }

    #[test]
    fn an_old_copy_of_the_key_file_opens_nothing_once_the_passcode_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (store, before_passcode) = store_with_a_check_in(dir.path());
        store.set_passcode(None, Some("first passcode")).unwrap();
        let with_first = std::fs::read(dir.path().join(KEY_FILE)).unwrap();
        store
            .set_passcode(Some("first passcode"), Some("second passcode"))
            .unwrap();
        assert_eq!(check_ins(&store), 1, "the open store goes on as before");
        drop(store);
        let current = std::fs::read(dir.path().join(KEY_FILE)).unwrap();

        // Someone puts back the key file from before there was a passcode, or from when they
        // knew the first one: neither opens the data, and the data is left as it was.
        let database = std::fs::read(dir.path().join(DATABASE_FILE)).unwrap();
        std::fs::write(dir.path().join(KEY_FILE), &before_passcode).unwrap();
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::CannotUnlock(_))
        ));
        std::fs::write(dir.path().join(KEY_FILE), &with_first).unwrap();
        assert!(matches!(
            Store::open_sealed(dir.path(), Some("first passcode")),
            Err(StoreError::CannotUnlock(_))
        ));
        assert_eq!(
            std::fs::read(dir.path().join(DATABASE_FILE)).unwrap(),
            database
        );

        // The mentee's own key file still opens everything, with their passcode.
        std::fs::write(dir.path().join(KEY_FILE), &current).unwrap();
        let store = Store::open_sealed(dir.path(), Some("second passcode")).unwrap();
        assert_eq!(check_ins(&store), 1);
        assert!(store.integrity_ok().unwrap());
        // Removing the passcode changes the key once more.
        store.set_passcode(Some("second passcode"), None).unwrap();
        drop(store);
        std::fs::write(dir.path().join(KEY_FILE), &current).unwrap();
        assert!(Store::open_sealed(dir.path(), Some("second passcode")).is_err());
    }

    #[test]
    fn a_passcode_change_stopped_before_the_data_key_changed_keeps_the_old_passcode() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store_with_a_check_in(dir.path());
        store.set_passcode(None, Some("first passcode")).unwrap();
        store
            .prepare_next_key(Some("first passcode"), Some("second passcode"))
            .unwrap();
        drop(store);
        assert!(dir.path().join(NEXT_KEY_FILE).exists());
        assert!(matches!(
            Store::open_sealed(dir.path(), Some("second passcode")),
            Err(StoreError::WrongPasscode)
        ));
        let store = Store::open_sealed(dir.path(), Some("first passcode")).unwrap();
        assert_eq!(check_ins(&store), 1);
        assert!(!dir.path().join(NEXT_KEY_FILE).exists(), "forgotten");
    }

    #[test]
    fn a_passcode_change_stopped_after_the_data_key_changed_is_finished_by_the_new_passcode() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store_with_a_check_in(dir.path());
        store.set_passcode(None, Some("first passcode")).unwrap();
        let next = store
            .prepare_next_key(Some("first passcode"), Some("second passcode"))
            .unwrap();
        store.rekey(&next).unwrap();
        drop(store);
        // The old passcode opens the old key file, whose key no longer fits: it is refused.
        assert!(Store::open_sealed(dir.path(), Some("first passcode")).is_err());
        let store = Store::open_sealed(dir.path(), Some("second passcode")).unwrap();
        assert_eq!(check_ins(&store), 1);
        assert!(store.integrity_ok().unwrap());
        drop(store);
        assert!(
            !dir.path().join(NEXT_KEY_FILE).exists(),
            "it became the key file"
        );
        assert!(Store::open_sealed(dir.path(), Some("second passcode")).is_ok());
    }

    #[test]
    fn the_file_on_disk_is_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.integrity_ok().unwrap());
        drop(store);
        let bytes = std::fs::read(dir.path().join(DATABASE_FILE)).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"));
    }
}
