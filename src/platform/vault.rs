//! The key vault: what wraps the data key's file with a secret kept outside the data folder, so a
//! copy of the folder alone opens nothing. One trait, three homes:
//!
//! | where | vault | what a copied data folder gets the copier |
//! |---|---|---|
//! | Android | the Android Keystore's AES-256-GCM key (never leaves secure hardware) | nothing |
//! | iOS | a 32-byte secret in the Keychain, this device only, while unlocked | nothing |
//! | desktop | a secret file in the user's config folder, beside but outside the data | nothing, unless the config folder is copied too |
//! | preview | a secret file inside each simulated device's folder (a phone with no keystore) | the data, unless a passcode is set |
//!
//! Where nothing binds the key to the device ([`KeyVault::binds_to_device`] is false), the
//! passcode has to carry the weight alone: Steady then asks for a longer one and a slower
//! Argon2id (see `domain::lock` and `crypto::passcode`).

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::crypto::vault::{open_with_secret, seal_with_secret};

/// Why the vault did not seal or open.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The platform's keystore (or the secret file) could not be reached.
    #[error("this device's key store didn't answer ({0})")]
    Unavailable(String),
    /// The sealed bytes are damaged, or were sealed by another device or vault.
    #[error("the key was sealed on another device, or is damaged")]
    Damaged,
}

/// Which vault sealed a key file; written in the file's header so a file from another kind of
/// vault is named as such rather than guessed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultKind {
    SecretFile = 1,
    AndroidKeystore = 2,
    IosKeychain = 3,
    /// A secret file in the data folder, used only when the platform's vault could not seal
    /// (a phone keystore not ready yet): the key is then kept as on a computer, never bare.
    FallbackFile = 4,
}

impl VaultKind {
    pub fn from_byte(byte: u8) -> Option<Self> {
        [
            Self::SecretFile,
            Self::AndroidKeystore,
            Self::IosKeychain,
            Self::FallbackFile,
        ]
        .into_iter()
        .find(|kind| *kind as u8 == byte)
    }
}

/// Seals small secrets (the data key's file) so that only this device can open them.
pub trait KeyVault: Send + Sync {
    fn kind(&self) -> VaultKind;
    /// Whether the wrapping key lives in the device's secure hardware or OS keystore, so that a
    /// copied key file cannot be opened anywhere else (and guessing a passcode needs the device).
    fn binds_to_device(&self) -> bool;
    fn seal(&self, secret: &[u8]) -> Result<Vec<u8>, VaultError>;
    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, VaultError>;
}

/// A vault whose wrapping secret is 32 random bytes from somewhere outside the data folder.
pub struct SecretVault<F> {
    kind: VaultKind,
    binds: bool,
    secret: F,
}

impl<F> SecretVault<F>
where
    F: Fn() -> Result<[u8; 32], VaultError> + Send + Sync,
{
    pub fn new(kind: VaultKind, binds: bool, secret: F) -> Self {
        Self {
            kind,
            binds,
            secret,
        }
    }
}

impl<F> KeyVault for SecretVault<F>
where
    F: Fn() -> Result<[u8; 32], VaultError> + Send + Sync,
{
    fn kind(&self) -> VaultKind {
        self.kind
    }

    fn binds_to_device(&self) -> bool {
        self.binds
    }

    fn seal(&self, secret: &[u8]) -> Result<Vec<u8>, VaultError> {
        let mut key = (self.secret)()?;
        let sealed =
            seal_with_secret(&key, secret).map_err(|err| VaultError::Unavailable(err.to_string()));
        key.fill(0);
        sealed
    }

    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        let mut key = (self.secret)()?;
        let opened = open_with_secret(&key, sealed).ok_or(VaultError::Damaged);
        key.fill(0);
        opened
    }
}

/// A vault with its secret in a file (mode 0600), made on first use and never overwritten.
pub fn secret_file_vault(path: PathBuf) -> SecretVault<impl Fn() -> Result<[u8; 32], VaultError>> {
    SecretVault::new(VaultKind::SecretFile, false, move || {
        read_or_make_secret(&path)
    })
}

/// The file [`fallback_vault`] keeps its secret in, inside the device's data folder.
pub const FALLBACK_SECRET_FILE: &str = "device-secret-fallback";

/// The vault used when the platform's own cannot seal: a secret file in the data folder, as the
/// preview keeps, so the key file is never written bare. It binds nothing to the device, so the
/// passcode rules and cost are the stricter ones while it is in use.
pub fn fallback_vault(data_dir: &Path) -> SecretVault<impl Fn() -> Result<[u8; 32], VaultError>> {
    let path = data_dir.join(FALLBACK_SECRET_FILE);
    SecretVault::new(VaultKind::FallbackFile, false, move || {
        read_or_make_secret(&path)
    })
}

fn read_or_make_secret(path: &Path) -> Result<[u8; 32], VaultError> {
    let unavailable = |err: std::io::Error| VaultError::Unavailable(err.kind().to_string());
    match std::fs::read(path) {
        Ok(bytes) => bytes.try_into().map_err(|_| VaultError::Damaged),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                super::create_private_dir(parent).map_err(unavailable)?;
            }
            let fresh = crate::crypto::random_bytes()
                .map_err(|err| VaultError::Unavailable(err.to_string()))?;
            match super::write_private_file(path, &fresh) {
                Ok(()) => Ok(fresh),
                // Another opener made it first: use theirs.
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => std::fs::read(path)
                    .map_err(unavailable)?
                    .try_into()
                    .map_err(|_| VaultError::Damaged),
                Err(err) => Err(unavailable(err)),
            }
        }
        Err(err) => Err(unavailable(err)),
    }
}

/// The checks every vault must pass, run here against the secret-file vault (the host's) and
/// meant for any new one: a round trip, a fresh seal each time, a reopened vault still opens old
/// seals, and damaged or foreign bytes are refused without a panic.
#[cfg(test)]
pub(crate) mod contract {
    use super::*;

    pub fn check(make: &dyn Fn() -> Box<dyn KeyVault>, other: &dyn KeyVault) {
        let vault = make();
        let key = [42u8; 32];
        let sealed = vault.seal(&key).expect("seals");
        assert!(
            !sealed.windows(8).any(|w| w == &key[..8]),
            "the key is not visible in the sealed bytes"
        );
        assert_eq!(vault.open(&sealed).expect("opens"), key);
        assert_ne!(vault.seal(&key).unwrap(), sealed, "every seal is fresh");

        let reopened = make();
        assert_eq!(
            reopened.open(&sealed).expect("a restart still opens it"),
            key
        );

        let mut damaged = sealed.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 0x40;
        assert_eq!(vault.open(&damaged), Err(VaultError::Damaged));
        assert_eq!(
            vault.open(&sealed[..sealed.len() / 2]),
            Err(VaultError::Damaged)
        );
        assert_eq!(vault.open(b""), Err(VaultError::Damaged));
        assert_eq!(
            other.open(&sealed),
            Err(VaultError::Damaged),
            "another device's vault cannot open it"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_file_vault_keeps_the_contract() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("device-secret");
        let other = secret_file_vault(dir.path().join("elsewhere").join("device-secret"));
        let make = || -> Box<dyn KeyVault> { Box::new(secret_file_vault(path.clone())) };
        contract::check(&make, &other);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o600,
                "the secret is readable by this user only"
            );
        }
        assert!(!make().binds_to_device());
        assert_eq!(make().kind(), VaultKind::SecretFile);
    }

    #[test]
    fn a_damaged_secret_file_is_named_damaged_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("device-secret");
        std::fs::write(&path, b"too short").unwrap();
        let vault = secret_file_vault(path.clone());
        assert_eq!(vault.seal(b"k"), Err(VaultError::Damaged));
        assert_eq!(std::fs::read(&path).unwrap(), b"too short");
    }

    #[test]
    fn vault_kinds_round_trip_through_their_header_byte() {
        for kind in [
            VaultKind::SecretFile,
            VaultKind::AndroidKeystore,
            VaultKind::IosKeychain,
            VaultKind::FallbackFile,
        ] {
            assert_eq!(VaultKind::from_byte(kind as u8), Some(kind));
        }
        assert_eq!(VaultKind::from_byte(0), None);
    }

    #[test]
    fn a_vault_that_cannot_be_reached_is_unavailable_never_damaged() {
        // A secret that can't be read (here a folder in its place) is the host's stand-in for a
        // keystore that isn't ready: a reason to try again, never "sealed on another device".
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("device-secret");
        std::fs::create_dir(&path).unwrap();
        let vault = secret_file_vault(path);
        assert!(matches!(vault.seal(b"k"), Err(VaultError::Unavailable(_))));
        assert!(matches!(
            vault.open(&[0u8; 64]),
            Err(VaultError::Unavailable(_))
        ));
    }
}
