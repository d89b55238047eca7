//! A concern sealed for the program's safeguarding lead, and only them.
//!
//! The safeguarding key is an X25519 key pair made in a staff member's browser (WebCrypto): its
//! private half never leaves the browser unwrapped (it is kept on the server wrapped under a
//! passphrase only safeguarding staff know), and its public half reaches phones inside the signed
//! program directory. A mentor's device seals each concern to it with a one-off key:
//!
//! - `shared = X25519(ephemeral secret, safeguarding public)` (ring);
//! - `key = HKDF-SHA256(salt = "steady-concern-v1", ikm = shared, info = ephemeral public ‖
//!   safeguarding public)`, 32 bytes;
//! - the concern (JSON) under AES-256-GCM with that key, a random nonce, and the label as
//!   associated data.
//!
//! Every part is in WebCrypto, so the safeguarding inbox opens concerns in the browser; the server
//! holds only ciphertext. The concern itself carries the mentee's original envelope and its
//! content key ([`super::envelope::Evidence`]), so the inbox checks the mentee's own signature,
//! and is signed by the mentor's device.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey, X25519};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

use super::CryptoError;

/// The label bound into every concern's key and associated data.
pub const CONCERN_LABEL: &[u8] = b"steady-concern-v1";

/// A concern as it travels and is stored: only the safeguarding key opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedConcern {
    pub v: u32,
    /// The one-off X25519 public key, unpadded base64url.
    pub epk: String,
    pub nonce: String,
    /// The concern under AES-256-GCM, tag appended.
    pub ct: String,
}

/// The bytes a mentor device signs for a notice to a mentee (the notice's JSON text).
pub fn notice_message(notice_json: &str) -> Vec<u8> {
    let mut message = b"steady-notice-v1".to_vec();
    message.extend_from_slice(&(notice_json.len() as u64).to_be_bytes());
    message.extend_from_slice(notice_json.as_bytes());
    message
}

/// The bytes a mentor device signs for a concern (the concern's JSON text, before sealing).
pub fn concern_message(concern_json: &str) -> Vec<u8> {
    let mut message = b"steady-concern-signed-v1".to_vec();
    message.extend_from_slice(&(concern_json.len() as u64).to_be_bytes());
    message.extend_from_slice(concern_json.as_bytes());
    message
}

/// What a concern says, before the mentor's device signs and seals it. The safeguarding inbox
/// reads this in the browser (assets/console/console.js), so its field names are the format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernBody {
    pub v: u32,
    pub raised_at_ms: i64,
    pub mentee_id: String,
    pub mentee_name: String,
    pub mentor_id: String,
    pub mentor_name: String,
    /// The mentor device that raised it (its key signs the concern).
    pub mentor_device: String,
    /// Why the mentor is worried, in their words.
    pub reason: String,
    pub mentee_told: bool,
    /// When the mentee was not told: why, under the program's written policy.
    #[serde(default)]
    pub not_told_because: String,
    /// The item's kind ("mood", "goal", "safety_plan", "contact_request").
    pub kind: String,
    /// The item as the mentor saw it (the shared content's JSON).
    pub content: String,
    /// The mentee's envelope and its content key: the inbox checks the mentee's signature and
    /// that this body opens to `content`.
    pub evidence: super::envelope::Evidence,
    /// The mentee device that signed the envelope, and its signing key as the mentor's device
    /// trusted it (unpadded base64url).
    pub mentee_device: String,
    pub mentee_device_key: String,
}

/// A concern body and the mentor device's signature over it ([`concern_message`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedConcern {
    /// The [`ConcernBody`] as JSON: the exact text that was signed.
    pub body: String,
    pub signature: String,
}

/// Checks that `public` (unpadded base64url) is a 32-byte X25519 public key.
pub fn parse_public_key(public: &str) -> Result<[u8; 32], CryptoError> {
    B64.decode(public.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or(CryptoError::MalformedKey)
}

/// Seals `concern` (JSON) to the safeguarding public key.
pub fn seal_concern(safeguarding: &[u8; 32], concern: &[u8]) -> Result<SealedConcern, CryptoError> {
    let rng = SystemRandom::new();
    let ephemeral =
        EphemeralPrivateKey::generate(&X25519, &rng).map_err(|_| CryptoError::RandomUnavailable)?;
    let epk = ephemeral
        .compute_public_key()
        .map_err(|_| CryptoError::SealFailed)?;
    let epk = epk.as_ref().to_vec();
    let mut info = epk.clone();
    info.extend_from_slice(safeguarding);
    let key = agreement::agree_ephemeral(
        ephemeral,
        &UnparsedPublicKey::new(&X25519, safeguarding),
        |shared| concern_key(shared, &info),
    )
    .map_err(|_| CryptoError::MalformedKey)??;
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce)
        .map_err(|_| CryptoError::RandomUnavailable)?;
    let mut body = concern.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(CONCERN_LABEL),
        &mut body,
    )
    .map_err(|_| CryptoError::SealFailed)?;
    Ok(SealedConcern {
        v: 1,
        epk: B64.encode(epk),
        nonce: B64.encode(nonce),
        ct: B64.encode(body),
    })
}

/// The AES-256-GCM key for one concern, from the X25519 shared secret.
pub fn concern_key(shared: &[u8], info: &[u8]) -> Result<LessSafeKey, CryptoError> {
    let info = [info];
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, CONCERN_LABEL).extract(shared);
    let okm = prk
        .expand(&info, &AES_256_GCM)
        .map_err(|_| CryptoError::SealFailed)?;
    Ok(LessSafeKey::new(UnboundKey::from(okm)))
}

/// Opens a concern given the X25519 shared secret with its one-off key (what the browser derives
/// with the safeguarding private key). For tests and tools; phones never open concerns.
pub fn open_concern_with_shared(
    sealed: &SealedConcern,
    shared: &[u8],
    safeguarding: &[u8; 32],
) -> Result<Vec<u8>, CryptoError> {
    let epk = B64
        .decode(&sealed.epk)
        .map_err(|_| CryptoError::MalformedKey)?;
    let mut info = epk;
    info.extend_from_slice(safeguarding);
    let key = concern_key(shared, &info)?;
    let nonce: [u8; NONCE_LEN] = B64
        .decode(&sealed.nonce)
        .ok()
        .and_then(|n| n.try_into().ok())
        .ok_or(CryptoError::MalformedKey)?;
    let mut body = B64
        .decode(&sealed.ct)
        .map_err(|_| CryptoError::MalformedKey)?;
    let opened = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(CONCERN_LABEL),
            &mut body,
        )
        .map_err(|_| CryptoError::MalformedKey)?;
    Ok(opened.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_pair() -> (x25519_dalek::StaticSecret, [u8; 32]) {
        let secret = x25519_dalek::StaticSecret::from(crate::crypto::random_bytes().unwrap());
        let public = x25519_dalek::PublicKey::from(&secret).to_bytes();
        (secret, public)
    }

    fn open(
        sealed: &SealedConcern,
        secret: &x25519_dalek::StaticSecret,
        public: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoError> {
        let epk: [u8; 32] = B64.decode(&sealed.epk).unwrap().try_into().unwrap();
        let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(epk));
        open_concern_with_shared(sealed, shared.as_bytes(), public)
    }

    #[test]
    fn only_the_safeguarding_key_opens_a_concern() {
        let (secret, public) = key_pair();
        let sealed = seal_concern(&public, b"{\"reason\":\"worried\"}").unwrap();
        assert_eq!(
            open(&sealed, &secret, &public).unwrap(),
            b"{\"reason\":\"worried\"}"
        );
        assert!(!serde_json::to_string(&sealed).unwrap().contains("worried"));

        let (other, other_public) = key_pair();
        assert!(open(&sealed, &other, &other_public).is_err());
        assert!(open(&sealed, &other, &public).is_err());

        let mut tampered = sealed.clone();
        let mut ct = B64.decode(&tampered.ct).unwrap();
        ct[0] ^= 1;
        tampered.ct = B64.encode(ct);
        assert!(open(&tampered, &secret, &public).is_err());
    }

    #[test]
    fn a_bad_public_key_is_refused() {
        assert_eq!(parse_public_key("short"), Err(CryptoError::MalformedKey));
        // A low-order point gives no shared secret: ring refuses it.
        assert!(seal_concern(&[0u8; 32], b"x").is_err());
    }
}
