//! The only place that touches cryptographic libraries (ring). For now: the random 256-bit data key
//! that encrypts the local database. Later issues add passcode wrapping, signatures and envelopes here.

use std::fmt;

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
}

/// The key that encrypts the local database. Never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey([u8; 32]);

impl DataKey {
    /// A fresh key from the operating system's secure random source.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut bytes = [0u8; 32];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| CryptoError::RandomUnavailable)?;
        Ok(Self(bytes))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::MalformedKey)?;
        Ok(Self(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
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
