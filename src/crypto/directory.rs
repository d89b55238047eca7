//! The program's signing key and signed crisis directories. Staff publish a directory; the server
//! signs it with the program's Ed25519 key (kept in a file with owner-only permissions); phones
//! pin the public key at enrolment and accept only directories it signed.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::CryptoError;

const CONTEXT: &[u8] = b"steady-directory-v1";

/// A directory as published: the exact JSON text that was signed, and the signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedDirectory {
    pub payload: String,
    pub signature: String,
}

impl SignedDirectory {
    /// Whether `public_key` (base64url) signed this payload.
    pub fn verifies_with(&self, public_key: &str) -> bool {
        let (Ok(key), Ok(signature)) = (B64.decode(public_key), B64.decode(&self.signature)) else {
            return false;
        };
        let mut message = CONTEXT.to_vec();
        message.extend_from_slice(self.payload.as_bytes());
        UnparsedPublicKey::new(&ED25519, key)
            .verify(&message, &signature)
            .is_ok()
    }
}

/// The program's signing key.
pub struct ProgramKey(Ed25519KeyPair);

impl std::fmt::Debug for ProgramKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgramKey(..)")
    }
}

impl ProgramKey {
    /// Reads the key at `path`, or makes one (owner-only file) if there is none.
    pub fn load_or_create(path: &Path) -> Result<Self, CryptoError> {
        let pkcs8 = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let fresh = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
                    .map_err(|_| CryptoError::RandomUnavailable)?;
                crate::platform::write_private_file(path, fresh.as_ref())
                    .map_err(|_| CryptoError::MalformedKey)?;
                fresh.as_ref().to_vec()
            }
            Err(_) => return Err(CryptoError::MalformedKey),
        };
        Ed25519KeyPair::from_pkcs8(&pkcs8)
            .map(ProgramKey)
            .map_err(|_| CryptoError::MalformedKey)
    }

    /// The public key, base64url, as phones pin it.
    pub fn public(&self) -> String {
        B64.encode(self.0.public_key().as_ref())
    }

    pub fn sign(&self, payload: String) -> SignedDirectory {
        let mut message = CONTEXT.to_vec();
        message.extend_from_slice(payload.as_bytes());
        SignedDirectory {
            signature: B64.encode(self.0.sign(&message)),
            payload,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_verifies_only_with_its_programs_key_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let key = ProgramKey::load_or_create(&dir.path().join("program.key")).unwrap();
        let again = ProgramKey::load_or_create(&dir.path().join("program.key")).unwrap();
        assert_eq!(key.public(), again.public());
        let other = ProgramKey::load_or_create(&dir.path().join("other.key")).unwrap();
        let signed = key.sign("{\"version\":1}".into());
        assert!(signed.verifies_with(&key.public()));
        assert!(!signed.verifies_with(&other.public()));
        let mut changed = signed.clone();
        changed.payload = "{\"version\":2}".into();
        assert!(!changed.verifies_with(&key.public()));
        assert!(!signed.verifies_with("not base64!"));
    }
}
