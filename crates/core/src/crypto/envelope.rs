//! Sealed envelopes: how one shared item travels between a mentee's devices and their mentor's,
//! through a server that may read, drop, replay or invent anything it holds.
//!
//! A fresh 256-bit content key seals the payload with AES-256-GCM (ring); the associated data binds
//! the feed, item id, version and mentee id, so a payload cannot be moved to another item, feed or
//! version unnoticed. A SHA-256 commitment to the content key is signed with the rest, so a key
//! released later (to the program's safeguarding lead, with a concern) provably opens exactly
//! this body: AES-GCM alone does not commit to its key. AES-GCM rather than ChaCha20-Poly1305 so
//! a browser's WebCrypto can check such a body too.
//!
//! The item's kind (check-in, goal, contact request, safety plan) travels only inside the sealed
//! payload, and every payload is padded with spaces to a multiple of [`PAD_TO`] bytes, so neither
//! a field nor the size tells the server when a mentee asked for help.
//! The content key is wrapped with HPKE (RFC 9180, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
//! ChaCha20-Poly1305) to each approved device, and the whole envelope is signed with the sending
//! device's Ed25519 key.
//!
//! A tombstone (an item unshared or deleted) is an envelope with no body and no keys, signed the
//! same way, so a server cannot remove an item from a reader's device on its own say-so.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hpke::aead::ChaCha20Poly1305 as HpkeChaCha;
use hpke::kdf::HkdfSha256;
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::CryptoError;
use super::identity::{DeviceKeys, PublicKeys, Receiver};

/// The envelope format this code writes and reads.
pub const ENVELOPE_VERSION: u32 = 2;
const HPKE_INFO: &[u8] = b"steady content key v2";
/// Payloads are padded to a multiple of this many bytes.
pub const PAD_TO: usize = 512;

/// Which feed an envelope belongs to: shared items go from a mentee to their mentor; replies go
/// from a mentor to their mentee. Bound into the signature and associated data, so nothing can be
/// moved from one feed to the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feed {
    Shared,
    Replies,
}

impl Feed {
    fn key(self) -> &'static str {
        match self {
            Feed::Shared => "shared",
            Feed::Replies => "replies",
        }
    }
}

/// Which item an envelope carries; all of it is bound into the associated data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemRef {
    pub feed: Feed,
    pub item_id: String,
    pub version: u64,
    /// The mentee whose feed this is (for replies too: the mentee they are for).
    pub mentee_id: String,
}

/// A device the content key is wrapped to.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub device_id: String,
    pub keys: PublicKeys,
}

/// Why an envelope was not opened. The mentor app shows "could not verify" for every one.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("the envelope is not in a form this app reads")]
    Malformed,
    #[error("the envelope was made by a different version of the app")]
    UnknownVersion,
    #[error("the envelope was signed by a device that is not trusted for this person")]
    UnknownSigner,
    #[error("the envelope's signature does not match its contents")]
    BadSignature,
    #[error("the envelope says it is a different item than the server said")]
    Mismatch,
    /// Signed (the signature checked), but not sealed for this device: taken back from it, or not
    /// given to it yet. `signed_version` is the version the signer put their name to, so a
    /// reader can tell a removal at that version from an old envelope served as a newer one.
    #[error("the envelope was not sealed for this device")]
    NotForThisDevice { signed_version: u64 },
    #[error("the envelope could not be decrypted")]
    Undecryptable,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct WrappedKey {
    device: String,
    enc: String,
    key: String,
}

/// The envelope as it is stored and sent (JSON; byte fields in unpadded base64url).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Wire {
    v: u32,
    feed: Feed,
    item: String,
    version: u64,
    mentee: String,
    signer: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    tomb: bool,
    #[serde(default)]
    nonce: String,
    /// SHA-256 of the content key (see [`key_commitment`]).
    #[serde(default)]
    commit: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    keys: Vec<WrappedKey>,
    sig: String,
}

/// What a successfully verified (and, unless a tombstone, opened) envelope held.
#[derive(Debug, PartialEq, Eq)]
pub struct Opened {
    pub item: ItemRef,
    /// The id of the device that signed it.
    pub signer: String,
    /// The decrypted payload, or `None` for a signed tombstone.
    pub payload: Option<Vec<u8>>,
}

/// Seals `payload` for `recipients`, signed by `signer` (the mentee device `signer_id`).
pub fn seal(
    item: &ItemRef,
    payload: &[u8],
    signer_id: &str,
    signer: &DeviceKeys,
    recipients: &[Recipient],
) -> Result<Vec<u8>, CryptoError> {
    let rng = SystemRandom::new();
    let mut content_key = [0u8; 32];
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut content_key)
        .and_then(|()| rng.fill(&mut nonce))
        .map_err(|_| CryptoError::RandomUnavailable)?;
    let aad = associated_data(item);
    let aead = LessSafeKey::new(
        UnboundKey::new(&AES_256_GCM, &content_key).map_err(|_| CryptoError::MalformedKey)?,
    );
    let mut body = payload.to_vec();
    let padded = body.len().div_ceil(PAD_TO).max(1) * PAD_TO;
    body.resize(padded, b' ');
    aead.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(&aad),
        &mut body,
    )
    .map_err(|_| CryptoError::SealFailed)?;

    let mut keys = Vec::with_capacity(recipients.len());
    for recipient in recipients {
        let public = <Receiver as Kem>::PublicKey::from_bytes(&recipient.keys.receiving)
            .map_err(|_| CryptoError::MalformedKey)?;
        let (enc, wrapped) = hpke::single_shot_seal::<HpkeChaCha, HkdfSha256, Receiver>(
            &OpModeS::Base,
            &public,
            HPKE_INFO,
            &content_key,
            &wrap_aad(&aad, &recipient.device_id),
        )
        .map_err(|_| CryptoError::SealFailed)?;
        keys.push(WrappedKey {
            device: recipient.device_id.clone(),
            enc: B64.encode(enc.to_bytes()),
            key: B64.encode(wrapped),
        });
    }
    let commit = B64.encode(key_commitment(&content_key));
    content_key.fill(0);

    let mut wire = Wire {
        v: ENVELOPE_VERSION,
        feed: item.feed,
        item: item.item_id.clone(),
        version: item.version,
        mentee: item.mentee_id.clone(),
        signer: signer_id.to_owned(),
        tomb: false,
        nonce: B64.encode(nonce),
        commit,
        body: B64.encode(body),
        keys,
        sig: String::new(),
    };
    wire.sig = B64.encode(signer.sign(&signed_bytes(&wire)));
    serde_json::to_vec(&wire).map_err(|_| CryptoError::SealFailed)
}

/// A signed tombstone for `item` (at the version that ends it): no body, no keys.
pub fn seal_tombstone(
    item: &ItemRef,
    signer_id: &str,
    signer: &DeviceKeys,
) -> Result<Vec<u8>, CryptoError> {
    let mut wire = Wire {
        v: ENVELOPE_VERSION,
        feed: item.feed,
        item: item.item_id.clone(),
        version: item.version,
        mentee: item.mentee_id.clone(),
        signer: signer_id.to_owned(),
        tomb: true,
        nonce: String::new(),
        commit: String::new(),
        body: String::new(),
        keys: Vec::new(),
        sig: String::new(),
    };
    wire.sig = B64.encode(signer.sign(&signed_bytes(&wire)));
    serde_json::to_vec(&wire).map_err(|_| CryptoError::SealFailed)
}

/// Whether `envelope` says it is a tombstone (unverified: what a server may read).
pub fn is_tombstone(envelope: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Header {
        #[serde(default)]
        tomb: bool,
    }
    serde_json::from_slice::<Header>(envelope).is_ok_and(|h| h.tomb)
}

/// Verifies `envelope` as the record the server listed (`expected_feed`, item id and mentee id)
/// and opens it on the device `device_id` holding `keys`. `signer_key` gives the public keys of a
/// device this reader trusts to sign for that feed (the mentee's vouched devices for shared items,
/// the mentor's approved devices for replies), and `None` for any other. A signed tombstone
/// verifies without being sealed for anyone.
pub fn open(
    envelope: &[u8],
    expected_feed: Feed,
    expected_item: &str,
    expected_mentee: &str,
    device_id: &str,
    keys: &DeviceKeys,
    signer_key: impl Fn(&str) -> Option<PublicKeys>,
) -> Result<Opened, OpenError> {
    let wire: Wire = serde_json::from_slice(envelope).map_err(|_| OpenError::Malformed)?;
    if wire.v != ENVELOPE_VERSION {
        return Err(OpenError::UnknownVersion);
    }
    let signer = signer_key(&wire.signer).ok_or(OpenError::UnknownSigner)?;
    let signature = B64.decode(&wire.sig).map_err(|_| OpenError::Malformed)?;
    if !signer.verifies(&signed_bytes(&wire), &signature) {
        return Err(OpenError::BadSignature);
    }
    if wire.feed != expected_feed || wire.item != expected_item || wire.mentee != expected_mentee {
        return Err(OpenError::Mismatch);
    }
    let item = ItemRef {
        feed: wire.feed,
        item_id: wire.item.clone(),
        version: wire.version,
        mentee_id: wire.mentee.clone(),
    };
    if wire.tomb {
        if !wire.body.is_empty() || !wire.keys.is_empty() || !wire.commit.is_empty() {
            return Err(OpenError::Malformed);
        }
        return Ok(Opened {
            item,
            signer: wire.signer,
            payload: None,
        });
    }
    let mut content_key = unwrap_key(&wire, &item, device_id, keys)?;
    let opened = open_body(&wire, &item, &content_key);
    content_key.fill(0);
    Ok(Opened {
        item,
        signer: wire.signer,
        payload: Some(opened?),
    })
}

/// Opens an envelope's body with its content key, checking the key against the signed
/// commitment first; the payload comes back without its padding.
fn open_body(wire: &Wire, item: &ItemRef, content_key: &[u8]) -> Result<Vec<u8>, OpenError> {
    let commit = B64.decode(&wire.commit).map_err(|_| OpenError::Malformed)?;
    if commit != key_commitment(content_key) {
        return Err(OpenError::Undecryptable);
    }
    let nonce: [u8; NONCE_LEN] = B64
        .decode(&wire.nonce)
        .ok()
        .and_then(|n| n.try_into().ok())
        .ok_or(OpenError::Malformed)?;
    let mut body = B64.decode(&wire.body).map_err(|_| OpenError::Malformed)?;
    let aead = UnboundKey::new(&AES_256_GCM, content_key)
        .map(LessSafeKey::new)
        .map_err(|_| OpenError::Undecryptable)?;
    let payload = aead
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(&associated_data(item)),
            &mut body,
        )
        .map_err(|_| OpenError::Undecryptable)?;
    let end = payload
        .iter()
        .rposition(|b| *b != b' ')
        .map_or(0, |last| last + 1);
    Ok(payload[..end].to_vec())
}

/// What a mentor device hands on with a concern: the envelope exactly as the mentee's device
/// signed it, and its content key, so someone holding both (the program's safeguarding lead) can
/// check the mentee's signature and open the same body, without any device key.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Evidence {
    /// The envelope, as stored.
    pub envelope: String,
    /// Its content key, unpadded base64url.
    pub content_key: String,
}

/// Verifies and opens `envelope` as [`open`] does, and also returns its [`Evidence`].
#[allow(clippy::too_many_arguments)]
pub fn open_with_evidence(
    envelope: &[u8],
    expected_feed: Feed,
    expected_item: &str,
    expected_mentee: &str,
    device_id: &str,
    keys: &DeviceKeys,
    signer_key: impl Fn(&str) -> Option<PublicKeys>,
) -> Result<(Opened, Evidence), OpenError> {
    let opened = open(
        envelope,
        expected_feed,
        expected_item,
        expected_mentee,
        device_id,
        keys,
        &signer_key,
    )?;
    let wire: Wire = serde_json::from_slice(envelope).map_err(|_| OpenError::Malformed)?;
    let mut content_key = unwrap_key(&wire, &opened.item, device_id, keys)?;
    let evidence = Evidence {
        envelope: String::from_utf8_lossy(envelope).into_owned(),
        content_key: B64.encode(&content_key),
    };
    content_key.fill(0);
    Ok((opened, evidence))
}

/// Checks [`Evidence`] on its own: the envelope's signature by `signer` (the mentee device's
/// public keys) and its body under the released key. Returns the item and payload. This is what
/// the safeguarding inbox does in the browser, here for tests and tools.
pub fn check_evidence(evidence: &Evidence, signer: &PublicKeys) -> Result<Opened, OpenError> {
    let wire: Wire = serde_json::from_str(&evidence.envelope).map_err(|_| OpenError::Malformed)?;
    if wire.v != ENVELOPE_VERSION || wire.tomb {
        return Err(OpenError::Malformed);
    }
    let signature = B64.decode(&wire.sig).map_err(|_| OpenError::Malformed)?;
    if !signer.verifies(&signed_bytes(&wire), &signature) {
        return Err(OpenError::BadSignature);
    }
    let item = ItemRef {
        feed: wire.feed,
        item_id: wire.item.clone(),
        version: wire.version,
        mentee_id: wire.mentee.clone(),
    };
    let key = B64
        .decode(&evidence.content_key)
        .map_err(|_| OpenError::Malformed)?;
    let payload = open_body(&wire, &item, &key)?;
    Ok(Opened {
        item,
        signer: wire.signer,
        payload: Some(payload),
    })
}

/// The content key as wrapped to `device_id`.
fn unwrap_key(
    wire: &Wire,
    item: &ItemRef,
    device_id: &str,
    keys: &DeviceKeys,
) -> Result<Vec<u8>, OpenError> {
    let aad = associated_data(item);
    let mine =
        wire.keys
            .iter()
            .find(|k| k.device == device_id)
            .ok_or(OpenError::NotForThisDevice {
                signed_version: item.version,
            })?;
    let enc = B64.decode(&mine.enc).map_err(|_| OpenError::Malformed)?;
    let enc = <Receiver as Kem>::EncappedKey::from_bytes(&enc).map_err(|_| OpenError::Malformed)?;
    let wrapped = B64.decode(&mine.key).map_err(|_| OpenError::Malformed)?;
    hpke::single_shot_open::<HpkeChaCha, HkdfSha256, Receiver>(
        &OpModeR::Base,
        keys.receiving_secret(),
        &enc,
        HPKE_INFO,
        &wrapped,
        &wrap_aad(&aad, device_id),
    )
    .map_err(|_| OpenError::Undecryptable)
}

/// SHA-256 over a label and the content key: signed with the envelope, so the key is bound to it.
fn key_commitment(content_key: &[u8]) -> Vec<u8> {
    let mut input = b"steady-content-key-commitment-v2".to_vec();
    input.extend_from_slice(content_key);
    ring::digest::digest(&ring::digest::SHA256, &input)
        .as_ref()
        .to_vec()
}

/// Length-prefixed fields, so no two different items can produce the same bytes.
fn associated_data(item: &ItemRef) -> Vec<u8> {
    let mut out = b"steady-item-v2".to_vec();
    push(&mut out, item.feed.key().as_bytes());
    push(&mut out, item.item_id.as_bytes());
    push(&mut out, &item.version.to_be_bytes());
    push(&mut out, item.mentee_id.as_bytes());
    out
}

fn wrap_aad(aad: &[u8], device_id: &str) -> Vec<u8> {
    let mut out = aad.to_vec();
    push(&mut out, device_id.as_bytes());
    out
}

fn signed_bytes(wire: &Wire) -> Vec<u8> {
    let mut out = b"steady-envelope-v2".to_vec();
    push(&mut out, &wire.v.to_be_bytes());
    push(&mut out, wire.feed.key().as_bytes());
    push(&mut out, wire.item.as_bytes());
    push(&mut out, &wire.version.to_be_bytes());
    push(&mut out, wire.mentee.as_bytes());
    push(&mut out, wire.signer.as_bytes());
    push(&mut out, &[u8::from(wire.tomb)]);
    for field in [&wire.nonce, &wire.commit, &wire.body] {
        push(&mut out, field.as_bytes());
    }
    push(&mut out, &(wire.keys.len() as u64).to_be_bytes());
    for key in &wire.keys {
        for field in [&key.device, &key.enc, &key.key] {
            push(&mut out, field.as_bytes());
        }
    }
    out
}

fn push(out: &mut Vec<u8>, field: &[u8]) {
    out.extend_from_slice(&(field.len() as u64).to_be_bytes());
    out.extend_from_slice(field);
}

#[cfg(test)]
#[path = "envelope_tests.rs"]
mod tests;
