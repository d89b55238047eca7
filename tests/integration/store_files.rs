//! The store's files as they sit on disk: no entry text in any of them, and a damaged, foreign or
//! wrongly keyed file gives a clear error while every byte stays as it was.

use std::path::Path;

use steady::domain::{MoodDetails, MoodLevel};
use steady::state::Device;
use steady::store::{DATABASE_FILE, KEY_FILE, Store, StoreError};

const SECRET_NOTE: &str = "my-very-private-note-about-home";

fn files_contain(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                hits.push(path.display().to_string());
            }
        }
    }
    hits
}

fn device_with_secret(dir: &Path) -> Device {
    let device = Device::open(dir).unwrap();
    let entry = device.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    let details = MoodDetails {
        emotions: vec!["lonely".into()],
        note: Some(SECRET_NOTE.into()),
        ..Default::default()
    };
    device
        .save_details(&entry.id, entry.level, details)
        .unwrap();
    device
}

#[test]
fn no_file_holds_entry_text_while_open_or_after_closing() {
    let dir = tempfile::tempdir().unwrap();
    let device = device_with_secret(dir.path());
    // While open, the WAL holds the newest pages: it must be encrypted too.
    assert_eq!(
        files_contain(dir.path(), SECRET_NOTE.as_bytes()),
        Vec::<String>::new()
    );
    assert_eq!(files_contain(dir.path(), b"lonely"), Vec::<String>::new());
    drop(device);
    assert_eq!(
        files_contain(dir.path(), SECRET_NOTE.as_bytes()),
        Vec::<String>::new()
    );
}

#[test]
fn a_corrupt_database_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(device_with_secret(dir.path()));
    let path = dir.path().join(DATABASE_FILE);
    let mut bytes = std::fs::read(&path).unwrap();
    for byte in bytes.iter_mut().take(64) {
        *byte ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(dir.path())
        .err()
        .expect("a corrupt file must not open");
    assert!(matches!(err, StoreError::CannotUnlock(_)), "{err:?}");
    assert!(err.to_string().contains("Nothing was changed or deleted"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_missing_or_damaged_key_never_replaces_the_data() {
    let dir = tempfile::tempdir().unwrap();
    drop(device_with_secret(dir.path()));
    let key_path = dir.path().join(KEY_FILE);
    let key = std::fs::read(&key_path).unwrap();
    let database = std::fs::read(dir.path().join(DATABASE_FILE)).unwrap();

    std::fs::remove_file(&key_path).unwrap();
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::KeyMissing(_))
    ));
    assert!(
        !key_path.exists(),
        "no new key may be made over existing data"
    );

    std::fs::write(&key_path, b"not a key").unwrap();
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::KeyDamaged(_))
    ));

    std::fs::write(&key_path, &key).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join(DATABASE_FILE)).unwrap(),
        database
    );
    let device = Device::open(dir.path()).unwrap();
    let today = device.history_since(device.today()).unwrap();
    assert_eq!(
        today[0].entries[0].details.note.as_deref(),
        Some(SECRET_NOTE)
    );
}

#[test]
fn a_foreign_file_in_place_of_the_database_is_named_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, b"%PDF-1.7 this is someone's homework").unwrap();
    // No key yet and a database-named file present: refuse rather than make a key over it.
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::KeyMissing(_))
    ));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"%PDF-1.7 this is someone's homework"
    );
}
