//! The data key's file. For now the key lives in the device's private data directory (mode 0600);
//! the passcode and keystore issue wraps it. A key is only ever created when there is no database
//! yet, so a lost key file can never lead to a fresh key silently replacing the old one.

use std::path::Path;

use super::{Result, StoreError};
use crate::crypto::DataKey;

/// Reads the key at `path`, or creates one when neither key nor database exists.
pub(super) fn load_or_create(path: &Path, database_exists: bool) -> Result<DataKey> {
    match std::fs::read(path) {
        Ok(bytes) => {
            DataKey::from_bytes(&bytes).map_err(|_| StoreError::KeyDamaged(path.to_path_buf()))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if database_exists {
                return Err(StoreError::KeyMissing(path.to_path_buf()));
            }
            let key = DataKey::generate()
                .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?;
            crate::platform::write_private_file(path, key.as_bytes())?;
            Ok(key)
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_key_beside_a_database_is_an_error_not_a_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        assert!(matches!(
            load_or_create(&path, true),
            Err(StoreError::KeyMissing(_))
        ));
        assert!(!path.exists());
    }

    #[test]
    fn a_key_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let created = load_or_create(&path, false).unwrap();
        assert_eq!(load_or_create(&path, true).unwrap(), created);
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            load_or_create(&path, true),
            Err(StoreError::KeyDamaged(_))
        ));
    }
}
