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
//!
//! The key file is never written bare. When the platform's vault cannot seal (a phone keystore
//! that is not ready after a restart, or flaky), it is sealed by the fallback vault, a secret file
//! in the data folder, as on a computer: the header says so, the device binding is then reported
//! off ([`guard`]), the passcode's rule and Argon2id cost are the stricter ones, and the next
//! open seals it with the platform's vault again once that answers.

use std::path::Path;

use super::{Result, StoreError};
use crate::crypto::DataKey;
use crate::crypto::passcode::{self, KdfCost, UnwrapError};
use crate::domain::lock::{KeyGuard, check_new_passcode};
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

/// The fallback vault for the key file at `path`: a secret file beside it.
fn fallback(path: &Path) -> impl KeyVault {
    crate::platform::fallback_vault(path.parent().unwrap_or_else(|| Path::new(".")))
}

/// Which vault sealed the key file at `path`, from its header (`None`: no file, or no header).
fn sealed_by(path: &Path) -> Option<VaultKind> {
    let bytes = std::fs::read(path).ok()?;
    VaultKind::from_byte(*bytes.strip_prefix(MAGIC)?.first()?)
}

/// What guards the key file at `path` besides the passcode: the phone's keystore only when it
/// really sealed the file. A phone whose keystore could not seal it says so.
pub(super) fn guard(path: &Path, vault: &dyn KeyVault) -> KeyGuard {
    if !vault.binds_to_device() {
        KeyGuard::PasscodeOnly
    } else if sealed_by(path) == Some(vault.kind()) {
        KeyGuard::PhoneKeystore
    } else {
        KeyGuard::KeystoreAway
    }
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
    let opened = match VaultKind::from_byte(kind) {
        Some(VaultKind::FallbackFile) => fallback(path).open(sealed),
        Some(kind) if kind == vault.kind() => vault.open(sealed),
        _ => return Err(StoreError::KeyElsewhere(path.to_path_buf())),
    };
    match opened {
        Ok(inner) => Ok(Some(inner)),
        Err(VaultError::Damaged) => Err(StoreError::KeyElsewhere(path.to_path_buf())),
        Err(VaultError::Unavailable(why)) => Err(StoreError::VaultUnavailable(why)),
    }
}

/// `sealed` with the header naming the vault `kind` that sealed it.
fn with_header(kind: VaultKind, sealed: Vec<u8>) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    bytes.push(kind as u8);
    bytes.extend_from_slice(&sealed);
    bytes
}

/// The inner bytes that `inner` makes for a file sealed by a vault (it is told whether that
/// vault binds the file to the device), sealed with their header: by the platform's `vault`, or
/// by the fallback vault when the platform's cannot seal. Never bare.
fn seal_outer(
    path: &Path,
    vault: &dyn KeyVault,
    inner: &dyn Fn(bool) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let first = inner(vault.binds_to_device())?;
    match vault.seal(&first) {
        Ok(sealed) => Ok(with_header(vault.kind(), sealed)),
        Err(VaultError::Unavailable(why)) => {
            // Never the key: only that the vault did not answer.
            tracing::warn!(
                "the key vault could not seal the key file ({why}); kept as on a computer"
            );
            let unbound = if vault.binds_to_device() {
                inner(false)?
            } else {
                first
            };
            fallback(path)
                .seal(&unbound)
                .map(|sealed| with_header(VaultKind::FallbackFile, sealed))
                .map_err(|err| StoreError::VaultUnavailable(err.to_string()))
        }
        Err(VaultError::Damaged) => Err(StoreError::VaultUnavailable(
            VaultError::Damaged.to_string(),
        )),
    }
}

/// The key file's bytes for `inner` as it is (a bare key, or a passcode wrap made before).
fn outer(path: &Path, inner: &[u8], vault: &dyn KeyVault) -> Result<Vec<u8>> {
    seal_outer(path, vault, &|_| Ok(inner.to_vec()))
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
        match sealed_by(path) {
            // Written before vaults: sealed now (by the fallback vault if need be), atomically.
            None => {
                if let Ok(bytes) = outer(path, &inner, vault) {
                    let _ = crate::platform::replace_private_file(path, &bytes);
                }
            }
            // Kept as on a computer while the platform's vault did not answer: sealed by it
            // again as soon as it does. Best effort; until then the file stays as it is.
            Some(VaultKind::FallbackFile) => {
                if let Ok(sealed) = vault.seal(&inner) {
                    let bytes = with_header(vault.kind(), sealed);
                    let _ = crate::platform::replace_private_file(path, &bytes);
                }
            }
            Some(_) => {}
        }
        return parse(inner, path);
    }
    if database_exists {
        return Err(StoreError::KeyMissing(path.to_path_buf()));
    }
    let key = DataKey::generate()
        .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))?;
    crate::platform::write_private_file(path, &outer(path, key.as_bytes(), vault)?)?;
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
/// lighter cost; without one it is the heavier cost (see [`KdfCost`]). When the platform's vault
/// cannot seal, the passcode must also meet the stricter rule, or nothing is written.
pub(super) fn rewrite(
    path: &Path,
    key: &DataKey,
    passcode: Option<&str>,
    vault: &dyn KeyVault,
) -> Result<()> {
    let inner = |bound: bool| -> Result<Vec<u8>> {
        let Some(passcode) = passcode else {
            return Ok(key.as_bytes().to_vec());
        };
        let cost = if bound {
            KdfCost::BOUND_TO_DEVICE
        } else {
            if vault.binds_to_device() {
                check_new_passcode(passcode, passcode, KeyGuard::KeystoreAway)
                    .map_err(StoreError::KeystoreAway)?;
            }
            KdfCost::UNBOUND
        };
        passcode::wrap(key, passcode, cost)
            .map_err(|err| StoreError::Io(std::io::Error::other(err.to_string())))
    };
    let bytes = seal_outer(path, vault, &inner)?;
    crate::platform::replace_private_file(path, &bytes)?;
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

    /// A phone keystore that can be made to stop answering (not ready after a restart, flaky):
    /// it binds to the device like the Android Keystore, and seals under a secret of its own.
    struct FlakyKeystore {
        down: std::sync::Arc<std::sync::atomic::AtomicBool>,
        inner: Box<dyn KeyVault>,
    }

    impl FlakyKeystore {
        fn new(dir: &Path) -> (Self, std::sync::Arc<std::sync::atomic::AtomicBool>) {
            let down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let keystore = FlakyKeystore {
                down: down.clone(),
                inner: Box::new(secret_file_vault(dir.join("keystore").join("secret"))),
            };
            (keystore, down)
        }

        fn answers(&self) -> std::result::Result<(), VaultError> {
            if self.down.load(std::sync::atomic::Ordering::SeqCst) {
                Err(VaultError::Unavailable("not ready".into()))
            } else {
                Ok(())
            }
        }
    }

    impl KeyVault for FlakyKeystore {
        fn kind(&self) -> VaultKind {
            VaultKind::AndroidKeystore
        }
        fn binds_to_device(&self) -> bool {
            true
        }
        fn seal(&self, secret: &[u8]) -> std::result::Result<Vec<u8>, VaultError> {
            self.answers()?;
            self.inner.seal(secret)
        }
        fn open(&self, sealed: &[u8]) -> std::result::Result<Vec<u8>, VaultError> {
            self.answers()?;
            self.inner.open(sealed)
        }
    }

    fn argon2_memory_kib(path: &Path, vault: &dyn KeyVault) -> u64 {
        let inner = read_inner(path, vault).unwrap().unwrap();
        let wrapped: serde_json::Value = serde_json::from_slice(&inner).unwrap();
        wrapped["m"]
            .as_u64()
            .expect("the wrap says its memory cost")
    }

    #[test]
    fn a_keystore_that_cannot_seal_keeps_the_key_as_on_a_computer_never_bare() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let (keystore, down) = FlakyKeystore::new(dir.path());
        down.store(true, std::sync::atomic::Ordering::SeqCst);
        let KeyState::Open(key) = load_or_create(&path, false, &keystore).unwrap() else {
            panic!("a new key is open");
        };
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(MAGIC), "sealed, with a header");
        assert_eq!(sealed_by(&path), Some(VaultKind::FallbackFile));
        assert!(
            !bytes.windows(16).any(|w| w == &key.as_bytes()[..16]),
            "the key is never written bare"
        );
        assert_eq!(
            guard(&path, &keystore),
            KeyGuard::KeystoreAway,
            "the binding is reported off"
        );
        assert_eq!(key_with(&path, None, &keystore).unwrap(), key);

        // The stricter rule and cost apply while the keystore is away; nothing is written for a
        // passcode that is too short for that.
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(
            rewrite(&path, &key, Some("1234"), &keystore),
            Err(StoreError::KeystoreAway(
                crate::domain::PasscodeRule::TooShortKeystoreAway
            ))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        rewrite(&path, &key, Some("135790"), &keystore).unwrap();
        assert_eq!(sealed_by(&path), Some(VaultKind::FallbackFile));
        assert_eq!(
            argon2_memory_kib(&path, &keystore),
            u64::from(KdfCost::UNBOUND.memory_kib)
        );
        assert_eq!(key_with(&path, Some("135790"), &keystore).unwrap(), key);

        // Once the keystore answers again, the next open seals the file with it.
        down.store(false, std::sync::atomic::Ordering::SeqCst);
        assert!(matches!(
            load_or_create(&path, true, &keystore),
            Ok(KeyState::Sealed(_))
        ));
        assert_eq!(sealed_by(&path), Some(VaultKind::AndroidKeystore));
        assert_eq!(guard(&path, &keystore), KeyGuard::PhoneKeystore);
        assert_eq!(key_with(&path, Some("135790"), &keystore).unwrap(), key);
        rewrite(&path, &key, Some("2468"), &keystore).unwrap();
        assert_eq!(
            argon2_memory_kib(&path, &keystore),
            u64::from(KdfCost::BOUND_TO_DEVICE.memory_kib),
            "with the keystore back, the phone's rule and cost apply again"
        );
    }

    #[test]
    fn a_keystore_that_does_not_answer_is_a_reason_to_wait_not_a_key_from_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steady.key");
        let (keystore, down) = FlakyKeystore::new(dir.path());
        let KeyState::Open(key) = load_or_create(&path, false, &keystore).unwrap() else {
            panic!("a new key is open");
        };
        assert_eq!(sealed_by(&path), Some(VaultKind::AndroidKeystore));
        let before = std::fs::read(&path).unwrap();
        down.store(true, std::sync::atomic::Ordering::SeqCst);
        assert!(matches!(
            load_or_create(&path, true, &keystore),
            Err(StoreError::VaultUnavailable(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before, "nothing changed");
        down.store(false, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(key_with(&path, None, &keystore).unwrap(), key);
    }
}
