//! A device's own keys: an Ed25519 key that signs what it shares (ring, PKCS#8) and an X25519 key
//! that others wrap content keys to (hpke). The secret halves live only in the encrypted local store.

use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem, Serializable};
use ring::digest::{SHA256, digest};
use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};

use super::CryptoError;

pub(crate) type Receiver = X25519HkdfSha256;

/// The public half of a device's keys, as the server and other devices see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeys {
    pub signing: [u8; 32],
    pub receiving: [u8; 32],
}

impl PublicKeys {
    pub fn from_slices(signing: &[u8], receiving: &[u8]) -> Result<Self, CryptoError> {
        Ok(PublicKeys {
            signing: signing.try_into().map_err(|_| CryptoError::MalformedKey)?,
            receiving: receiving
                .try_into()
                .map_err(|_| CryptoError::MalformedKey)?,
        })
    }

    /// A short code a person can compare on two screens: the first 8 bytes of SHA-256 over both
    /// public keys, in four groups of four hex digits.
    pub fn fingerprint(&self) -> String {
        let mut both = Vec::with_capacity(64);
        both.extend_from_slice(&self.signing);
        both.extend_from_slice(&self.receiving);
        let hash = digest(&SHA256, &both);
        hash.as_ref()[..8]
            .chunks(2)
            .map(|pair| format!("{:02X}{:02X}", pair[0], pair[1]))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `signature` is this device's Ed25519 signature of `message`.
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        UnparsedPublicKey::new(&ED25519, self.signing)
            .verify(message, signature)
            .is_ok()
    }
}

/// What a device signs to vouch that `device_id`, with `keys`, is another device of the same
/// mentee `mentee_id`: a mentor takes a new device of a mentee only with such a vouch from one it
/// already trusts. Length-prefixed, so no two statements share bytes.
pub fn vouch_message(mentee_id: &str, device_id: &str, keys: &PublicKeys) -> Vec<u8> {
    let mut out = b"steady-vouch-v1".to_vec();
    for field in [
        mentee_id.as_bytes(),
        device_id.as_bytes(),
        &keys.signing[..],
        &keys.receiving[..],
    ] {
        out.extend_from_slice(&(field.len() as u64).to_be_bytes());
        out.extend_from_slice(field);
    }
    out
}

/// A device's secret keys. Never printed.
pub struct DeviceKeys {
    pkcs8: Vec<u8>,
    signer: Ed25519KeyPair,
    receiving_secret: <Receiver as Kem>::PrivateKey,
}

impl std::fmt::Debug for DeviceKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKeys(..)")
    }
}

impl DeviceKeys {
    /// Fresh keys from the system's secure random source.
    pub fn generate() -> Result<Self, CryptoError> {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| CryptoError::RandomUnavailable)?;
        let (receiving_secret, _) = Receiver::gen_keypair();
        Self::from_parts(pkcs8.as_ref(), &receiving_secret.to_bytes())
    }

    /// Keys as [`DeviceKeys::to_parts`] wrote them.
    pub fn from_parts(pkcs8: &[u8], receiving_secret: &[u8]) -> Result<Self, CryptoError> {
        let signer = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| CryptoError::MalformedKey)?;
        let receiving_secret = <Receiver as Kem>::PrivateKey::from_bytes(receiving_secret)
            .map_err(|_| CryptoError::MalformedKey)?;
        Ok(DeviceKeys {
            pkcs8: pkcs8.to_vec(),
            signer,
            receiving_secret,
        })
    }

    /// The Ed25519 PKCS#8 document and the X25519 secret, for the encrypted store.
    pub fn to_parts(&self) -> (Vec<u8>, Vec<u8>) {
        (
            self.pkcs8.clone(),
            self.receiving_secret.to_bytes().to_vec(),
        )
    }

    pub fn public(&self) -> PublicKeys {
        let signing = self
            .signer
            .public_key()
            .as_ref()
            .try_into()
            .expect("Ed25519 public keys are 32 bytes");
        let receiving = Receiver::sk_to_pk(&self.receiving_secret)
            .to_bytes()
            .as_slice()
            .try_into()
            .expect("X25519 public keys are 32 bytes");
        PublicKeys { signing, receiving }
    }

    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.signer.sign(message).as_ref().to_vec()
    }

    pub(crate) fn receiving_secret(&self) -> &<Receiver as Kem>::PrivateKey {
        &self.receiving_secret
    }

    /// An id only this device can make for `label`, shaped like any item id (a UUID): how the
    /// safety plan is named on the wire, so its id doesn't say what it is.
    pub fn opaque_id(&self, label: &str) -> String {
        let mut input = b"steady-opaque-id-v1".to_vec();
        input.extend_from_slice(&self.receiving_secret.to_bytes());
        input.extend_from_slice(label.as_bytes());
        let hash = ring::digest::digest(&ring::digest::SHA256, &input);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&hash.as_ref()[..16]);
        // Version 4, variant 1: the same shape as every other item id.
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        uuid::Uuid::from_bytes(bytes).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_a_round_trip_through_their_stored_form() {
        let keys = DeviceKeys::generate().unwrap();
        let (pkcs8, secret) = keys.to_parts();
        let again = DeviceKeys::from_parts(&pkcs8, &secret).unwrap();
        assert_eq!(keys.public(), again.public());
        let signature = again.sign(b"hello");
        assert!(keys.public().verifies(b"hello", &signature));
        assert!(!keys.public().verifies(b"hellO", &signature));
    }

    #[test]
    fn fingerprints_are_short_readable_and_differ_between_devices() {
        let a = DeviceKeys::generate().unwrap().public();
        let b = DeviceKeys::generate().unwrap().public();
        assert_eq!(a.fingerprint().len(), 19);
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert!(!format!("{:?}", DeviceKeys::generate().unwrap()).contains('['));
    }

    #[test]
    fn a_vouch_holds_only_for_the_device_and_mentee_it_names() {
        let old = DeviceKeys::generate().unwrap();
        let new = DeviceKeys::generate().unwrap().public();
        let signature = old.sign(&vouch_message("alex", "phone-2", &new));
        assert!(
            old.public()
                .verifies(&vouch_message("alex", "phone-2", &new), &signature)
        );
        assert!(
            !old.public()
                .verifies(&vouch_message("alex", "phone-3", &new), &signature)
        );
        assert!(
            !old.public()
                .verifies(&vouch_message("sam", "phone-2", &new), &signature)
        );
        let other = DeviceKeys::generate().unwrap().public();
        assert!(
            !old.public()
                .verifies(&vouch_message("alex", "phone-2", &other), &signature)
        );
    }

    #[test]
    fn damaged_stored_keys_are_refused() {
        assert!(matches!(
            DeviceKeys::from_parts(b"not pkcs8", &[1; 32]),
            Err(CryptoError::MalformedKey)
        ));
    }
}
