//! The data key's file, in the device's private data directory (mode 0600). Two layers:
//!
//! - inside, the key itself: bare (no passcode) or sealed under the passcode (`crypto::passcode`);
//! - outside, the device's key vault (`platform::vault`): the Android Keystore, the iOS Keychain,
//!   or a secret file elsewhere on a computer. The file starts `SVK1` and the vault's kind.
//!
//! A key is only ever created when there is no database yet, so a lost key file can never lead
//! to a fresh key silently replacing the old one. Changing the passcode rewrites only this file,
//! atomically. A file written before vaults existed (no header) is still read, and is sealed by
//! the vault the next time it is written.

use std::path::Path;

use super::{Result, StoreError};
use crate::crypto::DataKey;
use crate::crypto::passcode::{self, KdfCost, UnwrapError};
use crate::platform::{KeyVault, VaultError, VaultKind};

/// The header of a vault-sealed key file.
const MAGIC: &[u8; 4] = b"SVK1";

/// What the key file says before any passcode is typed.
pub(super) enum KeyState {
    /// No passcode: the key is ready.
    Open(DataKey),
    /// A passcode seals the key.
    Sealed(Vec<u8>),
}

/// The inner bytes (bare key or passcode wrap) of the key file at `path`, or `None` if there
/// is no file.
fn read_inner(path: &Path, vault: &dyn KeyVault) -> Result<Option<Vec<u8>>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        // Written before vaults: read as it is, seal it next time it is written.
        return Ok(Some(bytes));
    };
    let (&kind, sealed) = rest
        .split_first()
        .ok_or_else(|| StoreError::KeyDamaged(path.to_path_buf()))?;
    if VaultKind::from_byte(kind) != Some(vault.kind()) {
        return Err(StoreError::KeyElsewhere(path.to_path_buf()));
    }
    match vault.open(sealed) {
        Ok(inner) => Ok(Some(inner)),
        Err(VaultError::Damaged) => Err(StoreError::KeyElsewhere(path.to_path_buf())),
        Err(VaultError::Unavailable(why)) => Err(StoreError::VaultUnavailable(why)),
    }
}

/// `inner` sealed by the vault with its header; the bare inner bytes if the vault can't seal
/// (a broken keystore must not make the app unusable; the log says so, without the key).
fn outer(inner: &[u8], vault: &dyn KeyVault) -> Vec<u8> {
    match vault.seal(inner) {
        Ok(sealed) => {
            let mut bytes = MAGIC.to_vec();
            bytes.push(vault.kind() as u8);
            bytes.extend_from_slice(&sealed);
            bytes
        }
        Err(err) => {
            tracing::warn!("the key vault could not seal the key file: {err}");
            inner.to_vec()
        }
    }
}

fn parse(inner: Vec<u8>, path: &Path) -> Result<KeyState> {
    if passcode::is_wrapped(&inner) {
        return Ok(KeyState::Sealed(inner));
    }
    DataKey::from_bytes(&inner)
        .map(KeyState::Open)
        .map_err(|_| StoreError::KeyDamaged(path.to_path_buf()))
}

/// Reads the key at `path`, or creates one when neither key nor database exists.
pub(super) fn load_or_create(
    path: &Path,
    database_exists: bool,
    vault: &dyn KeyVault,
) -> Result<KeyState> {
    if let Some(inner) = read_inner(path, vault)? {
        if !std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(MAGIC)) {
            // Best effort: a key file from before vaults is sealed now, atomically.
            let _ = crate::platform::replace_private_file(path, &outer(&inner, vault));
        }
        return parse(inner, path);
    }
    if database_exists {
        return Err(StoreError::KeyMissing(path.to_path_buf()));
    }
    let key = DataKey::generate()
        .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?;
    crate::platform::write_private_file(path, &outer(key.as_bytes(), vault))?;
    Ok(KeyState::Open(key))
}

/// Whether a passcode seals the key file at `path`.
pub(super) fn is_passcode_sealed(path: &Path, vault: &dyn KeyVault) -> bool {
    read_inner(path, vault)
        .ok()
        .flatten()
        .is_some_and(|inner| passcode::is_wrapped(&inner))
}

/// The key, opened with `passcode` when one is set (`None` when there is none).
pub(super) fn key_with(
    path: &Path,
    passcode: Option<&str>,
    vault: &dyn KeyVault,
) -> Result<DataKey> {
    unseal(load_or_create(path, true, vault)?, path, passcode)
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

/// Replaces the key file with `key` sealed under `passcode` (or bare when `None`), inside the
/// vault. A vault that binds the key to the device lets the passcode's Argon2id be the phone's
/// lighter cost; without one it is the heavier cost (see [`KdfCost`]).
pub(super) fn rewrite(
    path: &Path,
    key: &DataKey,
    passcode: Option<&str>,
    vault: &dyn KeyVault,
) -> Result<()> {
    let inner = match passcode {
        Some(passcode) => passcode::wrap(key, passcode, KdfCost::for_vault(vault))
            .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?,
        None => key.as_bytes().to_vec(),
    };
    crate::platform::replace_private_file(path, &outer(&inner, vault))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::secret_file_vault;

    fn vault(dir: &Path) -> impl KeyVault {
        secret_file_vault(dir.join("vault").join("secret"))
    }

    #[test]
    fn a_missing_key_beside_a_database_is_an_error_not_a_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        assert!(matches!(
            load_or_create(&path, true, &vault(dir.path())),
            Err(StoreError::KeyMissing(_))
        ));
        assert!(!path.exists());
    }

    #[test]
    fn a_key_is_created_once_sealed_by_the_vault_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let vault = vault(dir.path());
        let KeyState::Open(created) = load_or_create(&path, false, &vault).unwrap() else {
            panic!("a new key is open");
        };
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(MAGIC));
        assert!(!bytes.windows(16).any(|w| w == &created.as_bytes()[..16]));
        assert_eq!(key_with(&path, None, &vault).unwrap(), created);
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            load_or_create(&path, true, &vault),
            Err(StoreError::KeyDamaged(_))
        ));
    }

    #[test]
    fn a_key_file_copied_to_another_device_opens_nothing_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        load_or_create(&path, false, &vault(dir.path())).unwrap();
        let elsewhere = secret_file_vault(dir.path().join("other-device").join("secret"));
        assert!(matches!(
            key_with(&path, None, &elsewhere),
            Err(StoreError::KeyElsewhere(_))
        ));
    }

    #[test]
    fn a_key_file_from_before_vaults_is_read_and_then_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let key = DataKey::generate().unwrap();
        std::fs::write(&path, key.as_bytes()).unwrap();
        let vault = vault(dir.path());
        assert_eq!(key_with(&path, None, &vault).unwrap(), key);
        assert!(std::fs::read(&path).unwrap().starts_with(MAGIC));
        assert_eq!(key_with(&path, None, &vault).unwrap(), key);
    }

    #[test]
    fn a_bare_key_that_starts_like_json_is_still_open() {
        // One random key in 256 begins with the byte `{`: it must not read as passcode-sealed.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let vault = vault(dir.path());
        let mut bytes = *DataKey::generate().unwrap().as_bytes();
        bytes[0] = b'{';
        let key = DataKey::from_bytes(&bytes).unwrap();
        rewrite(&path, &key, None, &vault).unwrap();
        assert!(!is_passcode_sealed(&path, &vault));
        assert_eq!(key_with(&path, None, &vault).unwrap(), key);
        // And from before vaults, as bare bytes on disk.
        std::fs::write(&path, key.as_bytes()).unwrap();
        assert!(!is_passcode_sealed(&path, &vault));
        assert_eq!(key_with(&path, None, &vault).unwrap(), key);
        // With a passcode it is sealed, and opens with it.
        rewrite(&path, &key, Some("135790"), &vault).unwrap();
        assert!(is_passcode_sealed(&path, &vault));
        assert_eq!(key_with(&path, Some("135790"), &vault).unwrap(), key);
    }

    #[test]
    fn a_sealed_key_needs_its_passcode_and_can_be_unsealed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let vault = vault(dir.path());
        load_or_create(&path, false, &vault).unwrap();
        let key = key_with(&path, None, &vault).unwrap();
        rewrite(&path, &key, Some("135790"), &vault).unwrap();
        assert!(is_passcode_sealed(&path, &vault));
        assert!(matches!(
            load_or_create(&path, true, &vault),
            Ok(KeyState::Sealed(_))
        ));
        assert!(matches!(
            key_with(&path, None, &vault),
            Err(StoreError::WrongPasscode)
        ));
        assert!(matches!(
            key_with(&path, Some("097531"), &vault),
            Err(StoreError::WrongPasscode)
        ));
        assert_eq!(key_with(&path, Some("135790"), &vault).unwrap(), key);
        rewrite(&path, &key, None, &vault).unwrap();
        assert!(!is_passcode_sealed(&path, &vault));
        assert_eq!(key_with(&path, None, &vault).unwrap(), key);
    }
}
