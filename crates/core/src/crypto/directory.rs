//! The program's signing key and signed crisis directories. Staff publish a directory; the server
//! signs it with the program's Ed25519 key (kept in a file with owner-only permissions); phones
//! pin the public key at enrolment and accept only directories it signed. A key can be replaced
//! (rotated) by a new one that the old one signs: a phone follows such a chain from the key it
//! pinned, and nothing else can move it to another key.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::CryptoError;

const CONTEXT: &[u8] = b"steady-directory-v1";
const ROTATION_CONTEXT: &[u8] = b"steady-key-rotation-v1";
const LEAD_CONTEXT: &[u8] = b"steady-safeguarding-lead-v1";
/// The longest chain of rotations a phone follows in one step.
const MAX_ROTATIONS: usize = 32;

/// A directory as published: the exact JSON text that was signed, and the signature; served with
/// the program's key rotations so a phone can follow them from the key it pinned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedDirectory {
    pub payload: String,
    pub signature: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotations: Vec<KeyRotation>,
}

/// "The program's key is now `new_key`", signed by `old_key` (both public, base64url).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRotation {
    pub old_key: String,
    pub new_key: String,
    pub signature: String,
}

impl KeyRotation {
    fn message(old_key: &str, new_key: &str) -> Vec<u8> {
        let mut message = ROTATION_CONTEXT.to_vec();
        for field in [old_key, new_key] {
            message.extend_from_slice(&(field.len() as u64).to_be_bytes());
            message.extend_from_slice(field.as_bytes());
        }
        message
    }

    /// Whether the old key really signed this rotation.
    pub fn verifies(&self) -> bool {
        let (Ok(key), Ok(signature)) = (B64.decode(&self.old_key), B64.decode(&self.signature))
        else {
            return false;
        };
        UnparsedPublicKey::new(&ED25519, key)
            .verify(&Self::message(&self.old_key, &self.new_key), &signature)
            .is_ok()
    }
}

/// The newest key reachable from `pinned` through rotations each signed by the key before it.
/// A key that signed rotations to two different keys (a fork: a retired key in the wrong hands)
/// is followed no further: neither branch is trusted, and directories signed past it are refused
/// until the program sorts it out.
pub fn follow_rotations(pinned: &str, rotations: &[KeyRotation]) -> String {
    let mut key = pinned.to_owned();
    for _ in 0..MAX_ROTATIONS {
        let mut next = rotations
            .iter()
            .filter(|r| r.old_key == key && r.new_key != key && r.verifies())
            .map(|r| r.new_key.as_str());
        let Some(first) = next.next() else {
            break;
        };
        if next.any(|other| other != first) {
            break;
        }
        key = first.to_owned();
    }
    key
}

/// What the program key signs for a record of `fields` under `context`: each field
/// length-prefixed, so no two records read as the same bytes, and no record of one kind reads as
/// another's.
fn fields_message(context: &[u8], fields: &[&[u8]]) -> Vec<u8> {
    let mut message = context.to_vec();
    for field in fields {
        message.extend_from_slice(&(field.len() as u64).to_be_bytes());
        message.extend_from_slice(field);
    }
    message
}

/// Whether `signer` (a program key, base64url) signed `fields` under `context`.
pub fn fields_signed(signer: &str, context: &[u8], fields: &[&[u8]], signature: &str) -> bool {
    let (Ok(key), Ok(signature)) = (B64.decode(signer), B64.decode(signature)) else {
        return false;
    };
    UnparsedPublicKey::new(&ED25519, key)
        .verify(&fields_message(context, fields), &signature)
        .is_ok()
}

/// Whether `signer` (a program key, base64url) vouched that `public_key` is `staff_id`'s
/// safeguarding lead key: "this staff account's lead key is `public_key`", signed when the lead
/// set it up in the console.
pub fn lead_key_vouched(signer: &str, staff_id: &str, public_key: &str, signature: &str) -> bool {
    fields_signed(
        signer,
        LEAD_CONTEXT,
        &[staff_id.as_bytes(), public_key.as_bytes()],
        signature,
    )
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
                crate::files::write_private_file(path, fresh.as_ref())
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
            rotations: Vec::new(),
        }
    }

    /// This key's word that `public_key` is `staff_id`'s safeguarding lead key (base64url).
    pub fn vouch_for_lead(&self, staff_id: &str, public_key: &str) -> String {
        self.sign_fields(LEAD_CONTEXT, &[staff_id.as_bytes(), public_key.as_bytes()])
    }

    /// This key's signature (base64url) over `fields` under `context`; see [`fields_signed`].
    pub fn sign_fields(&self, context: &[u8], fields: &[&[u8]]) -> String {
        B64.encode(self.0.sign(&fields_message(context, fields)))
    }

    /// A fresh key (not yet saved).
    pub fn generate() -> Result<(Self, Vec<u8>), CryptoError> {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| CryptoError::RandomUnavailable)?;
        let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref())
            .map(ProgramKey)
            .map_err(|_| CryptoError::MalformedKey)?;
        Ok((key, pkcs8.as_ref().to_vec()))
    }

    /// This key's statement that `next` replaces it.
    pub fn rotate_to(&self, next: &ProgramKey) -> KeyRotation {
        let (old_key, new_key) = (self.public(), next.public());
        let signature = B64.encode(self.0.sign(&KeyRotation::message(&old_key, &new_key)));
        KeyRotation {
            old_key,
            new_key,
            signature,
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

    #[test]
    fn a_lead_key_is_vouched_for_only_by_the_program_key_and_only_for_its_account() {
        let key = ProgramKey::generate().unwrap().0;
        let other = ProgramKey::generate().unwrap().0;
        let signature = key.vouch_for_lead("staff-1", "lead-public");
        assert!(lead_key_vouched(
            &key.public(),
            "staff-1",
            "lead-public",
            &signature
        ));
        assert!(!lead_key_vouched(
            &other.public(),
            "staff-1",
            "lead-public",
            &signature
        ));
        assert!(!lead_key_vouched(
            &key.public(),
            "staff-2",
            "lead-public",
            &signature
        ));
        assert!(!lead_key_vouched(
            &key.public(),
            "staff-1",
            "another-key",
            &signature
        ));
        // Not a directory signature either way round.
        let directory = key.sign("lead-public".into());
        assert!(!lead_key_vouched(
            &key.public(),
            "staff-1",
            "lead-public",
            &directory.signature
        ));
    }

    #[test]
    fn a_phone_follows_rotations_signed_by_its_pinned_key_and_nothing_else() {
        let first = ProgramKey::generate().unwrap().0;
        let second = ProgramKey::generate().unwrap().0;
        let third = ProgramKey::generate().unwrap().0;
        let chain = vec![first.rotate_to(&second), second.rotate_to(&third)];
        assert!(chain.iter().all(KeyRotation::verifies));
        assert_eq!(follow_rotations(&first.public(), &chain), third.public());
        assert_eq!(follow_rotations(&second.public(), &chain), third.public());

        // A server's own key, "rotated to" without the pinned key's signature, goes nowhere.
        let stranger = ProgramKey::generate().unwrap().0;
        let mut forged = first.rotate_to(&stranger);
        forged.new_key = ProgramKey::generate().unwrap().0.public();
        assert!(!forged.verifies());
        assert_eq!(follow_rotations(&first.public(), &[forged]), first.public());
        let unrelated = stranger.rotate_to(&third);
        assert_eq!(
            follow_rotations(&first.public(), &[unrelated]),
            first.public()
        );
        // A loop ends.
        let back = vec![first.rotate_to(&second), second.rotate_to(&first)];
        let end = follow_rotations(&first.public(), &back);
        assert!(end == first.public() || end == second.public());
        // A fork: the real rotation to `second`, and one the same (retired) key signed to a
        // stranger. Neither is followed, whichever comes first, and nothing past them either.
        for forked in [
            vec![
                first.rotate_to(&second),
                first.rotate_to(&stranger),
                second.rotate_to(&third),
            ],
            vec![
                first.rotate_to(&stranger),
                first.rotate_to(&second),
                second.rotate_to(&third),
            ],
        ] {
            assert_eq!(follow_rotations(&first.public(), &forked), first.public());
        }
        // The same rotation listed twice is no fork.
        let twice = vec![first.rotate_to(&second), first.rotate_to(&second)];
        assert_eq!(follow_rotations(&first.public(), &twice), second.public());
    }
}
