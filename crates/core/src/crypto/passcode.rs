//! The passcode's wrap of the data key. Argon2id turns the passcode and a random salt into a
//! key-encryption key; ChaCha20-Poly1305 (ring) seals the 32-byte data key with it. The wrapped
//! key is one small JSON file: without the passcode it opens nothing, and a wrong passcode fails
//! the AEAD tag rather than yielding a wrong key.
//!
//! How hard Argon2id works depends on what else guards the file ([`KdfCost`]). On a phone the
//! keystore binds the file to the device, so guessing needs the phone itself and the app's waits:
//! OWASP's 19 MiB x 2 keeps unlocking quick on cheap phones. Where nothing binds it (a computer,
//! the preview), a copied file can be guessed at offline, so each guess costs 64 MiB x 5 passes:
//! about 0.3 s on a 2-core CI machine, so a 6-digit passcode takes days of CPU to exhaust rather
//! than minutes. The costs are written in the file, so either kind of file opens anywhere.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{DataKey, random_bytes};

const FORMAT: &str = "steady-wrapped-key";
const VERSION: u32 = 1;
const LANES: u32 = 1;

/// Argon2id's memory (KiB) and passes for a new wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCost {
    pub memory_kib: u32,
    pub passes: u32,
}

impl KdfCost {
    /// OWASP's minimum: enough where the keystore already binds the file to the phone.
    pub const BOUND_TO_DEVICE: KdfCost = KdfCost {
        memory_kib: 19 * 1024,
        passes: 2,
    };
    /// Where a copied file could be guessed at anywhere: at least 250 ms a guess here.
    pub const UNBOUND: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        passes: 5,
    };
}

/// Why a wrapped key could not be opened.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum UnwrapError {
    /// The passcode does not open the key.
    #[error("That passcode doesn't match.")]
    WrongPasscode,
    /// The file is not a wrapped key this version understands.
    #[error("The saved key is damaged.")]
    Damaged,
}

#[derive(Serialize, Deserialize)]
struct WrappedKey {
    format: String,
    version: u32,
    kdf: String,
    m: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    sealed: String,
}

/// Whether `bytes` are a wrapped key (JSON) rather than a bare one. A bare key is 32 random
/// bytes, so one in 256 starts with `{` too: its length tells them apart (a wrap is far longer),
/// or that mentee would meet a lock screen no passcode opens.
pub fn is_wrapped(bytes: &[u8]) -> bool {
    bytes.len() != DataKey::LEN && bytes.first() == Some(&b'{')
}

fn key_encryption_key(
    passcode: &str,
    salt: &[u8],
    costs: (u32, u32, u32),
) -> Result<LessSafeKey, UnwrapError> {
    let (m, t, p) = costs;
    // Refuse absurd costs from a tampered file instead of allocating gigabytes.
    if !(8..=256 * 1024).contains(&m) || !(1..=16).contains(&t) || !(1..=8).contains(&p) {
        return Err(UnwrapError::Damaged);
    }
    let params = Params::new(m, t, p, Some(32)).map_err(|_| UnwrapError::Damaged)?;
    let mut kek = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passcode.as_bytes(), salt, &mut kek)
        .map_err(|_| UnwrapError::Damaged)?;
    let key = UnboundKey::new(&CHACHA20_POLY1305, &kek).map_err(|_| UnwrapError::Damaged)?;
    kek.fill(0);
    Ok(LessSafeKey::new(key))
}

/// Seals `key` under `passcode` at `cost`; the result is what the key file holds.
pub fn wrap(key: &DataKey, passcode: &str, cost: KdfCost) -> Result<Vec<u8>, super::CryptoError> {
    let random = random_bytes()?;
    let (salt, nonce) = (&random[..16], &random[16..16 + NONCE_LEN]);
    let kek = key_encryption_key(passcode, salt, (cost.memory_kib, cost.passes, LANES))
        .map_err(|_| super::CryptoError::SealFailed)?;
    let mut sealed = key.as_bytes().to_vec();
    let nonce_value =
        Nonce::try_assume_unique_for_key(nonce).map_err(|_| super::CryptoError::SealFailed)?;
    kek.seal_in_place_append_tag(nonce_value, Aad::from(FORMAT.as_bytes()), &mut sealed)
        .map_err(|_| super::CryptoError::SealFailed)?;
    let file = WrappedKey {
        format: FORMAT.into(),
        version: VERSION,
        kdf: "argon2id".into(),
        m: cost.memory_kib,
        t: cost.passes,
        p: LANES,
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
        sealed: B64.encode(&sealed),
    };
    serde_json::to_vec(&file).map_err(|_| super::CryptoError::SealFailed)
}

/// Opens a key file written by [`wrap`] with `passcode`.
pub fn unwrap(bytes: &[u8], passcode: &str) -> Result<DataKey, UnwrapError> {
    let file: WrappedKey = serde_json::from_slice(bytes).map_err(|_| UnwrapError::Damaged)?;
    if file.format != FORMAT || file.version != VERSION || file.kdf != "argon2id" {
        return Err(UnwrapError::Damaged);
    }
    let decode = |text: &str| B64.decode(text).map_err(|_| UnwrapError::Damaged);
    let (salt, nonce, mut sealed) = (
        decode(&file.salt)?,
        decode(&file.nonce)?,
        decode(&file.sealed)?,
    );
    if salt.len() < 8 {
        return Err(UnwrapError::Damaged);
    }
    let nonce = Nonce::try_assume_unique_for_key(&nonce).map_err(|_| UnwrapError::Damaged)?;
    let kek = key_encryption_key(passcode, &salt, (file.m, file.t, file.p))?;
    let opened = kek
        .open_in_place(nonce, Aad::from(FORMAT.as_bytes()), &mut sealed)
        .map_err(|_| UnwrapError::WrongPasscode)?;
    let key = DataKey::from_bytes(opened).map_err(|_| UnwrapError::Damaged);
    sealed.fill(0);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passcode_opens_the_key_and_nothing_else_does() {
        let key = DataKey::generate().unwrap();
        let file = wrap(&key, "2468", KdfCost::BOUND_TO_DEVICE).unwrap();
        assert!(is_wrapped(&file));
        let text = String::from_utf8(file.clone()).unwrap();
        assert!(!text.contains(&key.to_hex()[..12]));
        assert_eq!(unwrap(&file, "2468").unwrap(), key);
        assert_eq!(unwrap(&file, "2469"), Err(UnwrapError::WrongPasscode));
        assert_eq!(unwrap(&file, ""), Err(UnwrapError::WrongPasscode));
        assert_ne!(
            wrap(&key, "2468", KdfCost::BOUND_TO_DEVICE).unwrap(),
            file,
            "salted and fresh each time"
        );
    }

    #[test]
    fn the_cost_is_written_in_the_file_so_either_kind_opens_anywhere() {
        let key = DataKey::generate().unwrap();
        let file = wrap(&key, "135790", KdfCost::UNBOUND).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&file).unwrap();
        assert_eq!(value["m"], 64 * 1024);
        assert_eq!(value["t"], 5);
        assert_eq!(unwrap(&file, "135790").unwrap(), key);
    }

    #[test]
    fn damaged_or_tampered_files_are_named_damaged_or_refused() {
        let key = DataKey::generate().unwrap();
        let file = wrap(&key, "river stones", KdfCost::BOUND_TO_DEVICE).unwrap();
        assert_eq!(
            unwrap(&file[..file.len() / 2], "river stones"),
            Err(UnwrapError::Damaged)
        );
        assert_eq!(
            unwrap(b"not a key", "river stones"),
            Err(UnwrapError::Damaged)
        );
        let mut value: serde_json::Value = serde_json::from_slice(&file).unwrap();
        value["m"] = serde_json::json!(4_000_000);
        let greedy = serde_json::to_vec(&value).unwrap();
        assert_eq!(unwrap(&greedy, "river stones"), Err(UnwrapError::Damaged));
        let mut value: serde_json::Value = serde_json::from_slice(&file).unwrap();
        value["sealed"] = serde_json::json!(B64.encode([0u8; 48]));
        let swapped = serde_json::to_vec(&value).unwrap();
        assert_eq!(
            unwrap(&swapped, "river stones"),
            Err(UnwrapError::WrongPasscode)
        );
    }
}
