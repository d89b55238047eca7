//! The only place that touches cryptographic libraries (ring, hpke): the random 256-bit data key
//! that encrypts the local database, each device's signing and receiving keys, sealed envelopes
//! for shared items, the passcode's wrap of the data key, the device vault's seal, and token
//! hashing for the sync server.

pub mod concern;
pub mod directory;
pub mod envelope;
pub mod identity;
pub mod passcode;
pub mod password;
pub mod vault;

pub use directory::{
    KeyRotation, ProgramKey, SignedDirectory, fields_signed, follow_rotations, lead_key_vouched,
};
pub use envelope::{ItemRef, OpenError, Opened, Recipient};
pub use identity::{DeviceKeys, PublicKeys};
pub use password::{hash_password, verify_password};

use std::fmt;

use base64::Engine;

use ring::rand::{SecureRandom, SystemRandom};
use thiserror::Error;

/// Why a key could not be made or read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CryptoError {
    /// The operating system's random source failed.
    #[error("The device could not make a secure random key.")]
    RandomUnavailable,
    /// A stored key has the wrong length or characters.
    #[error("The saved key is damaged.")]
    MalformedKey,
    /// Sealing an envelope failed (a key was unusable).
    #[error("This item couldn't be locked for sharing.")]
    SealFailed,
}

/// 32 random bytes, e.g. a bearer token or an invite secret.
pub fn random_bytes() -> Result<[u8; 32], CryptoError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| CryptoError::RandomUnavailable)?;
    Ok(bytes)
}

/// SHA-256 of `data`, lower-case hex: how the server keeps tokens and invite codes.
pub fn sha256_hex(data: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hash = ring::digest::digest(&ring::digest::SHA256, data);
    let mut out = String::with_capacity(64);
    for byte in hash.as_ref() {
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 15)] as char);
    }
    out
}

/// SHA-256 of `data`, standard base64 (as a Content-Security-Policy hash is written).
pub fn sha256_base64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(ring::digest::digest(&ring::digest::SHA256, data).as_ref())
}

/// Compares two secrets without leaking where they differ through timing.
pub fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The key that encrypts the local database. Never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey([u8; DataKey::LEN]);

impl DataKey {
    /// Its length in bytes.
    pub const LEN: usize = 32;

    /// A fresh key from the operating system's secure random source.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut bytes = [0u8; Self::LEN];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| CryptoError::RandomUnavailable)?;
        Ok(Self(bytes))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        let bytes: [u8; Self::LEN] = bytes.try_into().map_err(|_| CryptoError::MalformedKey)?;
        Ok(Self(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }

    /// Lower-case hex, the form SQLCipher takes as a raw key (`x'…'`).
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl Drop for DataKey {
    fn drop(&mut self) {
        // Best effort: do not leave the key lying in freed memory.
        self.0.fill(0);
        std::hint::black_box(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_differ_and_never_print() {
        let a = DataKey::generate().unwrap();
        let b = DataKey::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.to_hex().len(), 64);
        assert!(!format!("{a:?}").contains(&a.to_hex()[..8]));
    }

    #[test]
    fn keys_of_the_wrong_length_are_refused() {
        assert_eq!(
            DataKey::from_bytes(&[1; 31]),
            Err(CryptoError::MalformedKey)
        );
        let key = DataKey::from_bytes(&[7; 32]).unwrap();
        assert_eq!(key.as_bytes(), &[7; 32]);
    }
}
