//! The data key's file, in the device's private data directory (mode 0600). It holds either the
//! bare 32-byte key (no passcode) or the key sealed under the passcode (`crypto::passcode`). A key
//! is only ever created when there is no database yet, so a lost key file can never lead to a fresh
//! key silently replacing the old one. Changing the passcode rewrites only this file, atomically:
//! the database is never re-encrypted, so a crash mid-change leaves the old file or the new one.

use std::path::Path;

use super::{Result, StoreError};
use crate::crypto::DataKey;
use crate::crypto::passcode::{self, UnwrapError};

/// What the key file says before any passcode is typed.
pub(super) enum KeyState {
    /// No passcode: the key is ready.
    Open(DataKey),
    /// A passcode seals the key.
    Sealed(Vec<u8>),
}

/// Reads the key at `path`, or creates one when neither key nor database exists.
pub(super) fn load_or_create(path: &Path, database_exists: bool) -> Result<KeyState> {
    match std::fs::read(path) {
        Ok(bytes) if passcode::is_wrapped(&bytes) => Ok(KeyState::Sealed(bytes)),
        Ok(bytes) => DataKey::from_bytes(&bytes)
            .map(KeyState::Open)
            .map_err(|_| StoreError::KeyDamaged(path.to_path_buf())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if database_exists {
                return Err(StoreError::KeyMissing(path.to_path_buf()));
            }
            let key = DataKey::generate()
                .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?;
            crate::platform::write_private_file(path, key.as_bytes())?;
            Ok(KeyState::Open(key))
        }
        Err(err) => Err(err.into()),
    }
}

/// The key, opened with `passcode` when one is set (`None` when there is none).
pub(super) fn key_with(path: &Path, passcode: Option<&str>) -> Result<DataKey> {
    unseal(load_or_create(path, true)?, path, passcode)
}

/// The key from a key file already read (from `path`), opened with `passcode` when it is sealed.
pub(super) fn unseal(state: KeyState, path: &Path, passcode: Option<&str>) -> Result<DataKey> {
    match (state, passcode) {
        (KeyState::Open(key), _) => Ok(key),
        (KeyState::Sealed(bytes), Some(passcode)) => {
            passcode::unwrap(&bytes, passcode).map_err(|err| match err {
                UnwrapError::WrongPasscode => StoreError::WrongPasscode,
                UnwrapError::Damaged => StoreError::KeyDamaged(path.to_path_buf()),
            })
        }
        (KeyState::Sealed(_), None) => Err(StoreError::WrongPasscode),
    }
}

/// Replaces the key file with `key` sealed under `passcode`, or bare when `passcode` is `None`.
pub(super) fn rewrite(path: &Path, key: &DataKey, passcode: Option<&str>) -> Result<()> {
    let bytes = match passcode {
        Some(passcode) => passcode::wrap(key, passcode)
            .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?,
        None => key.as_bytes().to_vec(),
    };
    crate::platform::replace_private_file(path, &bytes)?;
    Ok(())
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
        let KeyState::Open(created) = load_or_create(&path, false).unwrap() else {
            panic!("a new key is open");
        };
        assert_eq!(key_with(&path, None).unwrap(), created);
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            load_or_create(&path, true),
            Err(StoreError::KeyDamaged(_))
        ));
    }

    #[test]
    fn a_sealed_key_needs_its_passcode_and_can_be_unsealed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        load_or_create(&path, false).unwrap();
        let key = key_with(&path, None).unwrap();
        rewrite(&path, &key, Some("1357")).unwrap();
        assert!(matches!(
            load_or_create(&path, true),
            Ok(KeyState::Sealed(_))
        ));
        assert!(matches!(
            key_with(&path, None),
            Err(StoreError::WrongPasscode)
        ));
        assert!(matches!(
            key_with(&path, Some("7531")),
            Err(StoreError::WrongPasscode)
        ));
        assert_eq!(key_with(&path, Some("1357")).unwrap(), key);
        rewrite(&path, &key, None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), key.as_bytes());
    }
}
