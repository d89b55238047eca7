//! Sealing with a device secret: ChaCha20-Poly1305 (ring) under a 32-byte secret held outside the
//! data folder (the iOS Keychain, or a secret file on a computer). The platform's key vault uses
//! it to wrap the key file; see `platform::vault`.

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use super::{CryptoError, random_bytes};

const AAD: &[u8] = b"steady-vault-v1";

/// Seals `plain` under `secret`: a fresh random nonce, then the ciphertext and its tag.
pub fn seal_with_secret(secret: &[u8; 32], plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let random = random_bytes()?;
    let nonce = &random[..NONCE_LEN];
    let key = LessSafeKey::new(
        UnboundKey::new(&CHACHA20_POLY1305, secret).map_err(|_| CryptoError::MalformedKey)?,
    );
    let mut body = plain.to_vec();
    key.seal_in_place_append_tag(
        Nonce::try_assume_unique_for_key(nonce).map_err(|_| CryptoError::SealFailed)?,
        Aad::from(AAD),
        &mut body,
    )
    .map_err(|_| CryptoError::SealFailed)?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&body);
    Ok(out)
}

/// Opens what [`seal_with_secret`] sealed under the same secret; `None` for anything else.
pub fn open_with_secret(secret: &[u8; 32], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE_LEN + CHACHA20_POLY1305.tag_len() {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, secret).ok()?);
    let mut body = body.to_vec();
    let opened = key
        .open_in_place(
            Nonce::try_assume_unique_for_key(nonce).ok()?,
            Aad::from(AAD),
            &mut body,
        )
        .ok()?
        .to_vec();
    body.fill(0);
    Some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_secret_opens_and_every_seal_is_fresh() {
        let secret = [7u8; 32];
        let sealed = seal_with_secret(&secret, b"data key").unwrap();
        assert_eq!(
            open_with_secret(&secret, &sealed).as_deref(),
            Some(&b"data key"[..])
        );
        assert_ne!(seal_with_secret(&secret, b"data key").unwrap(), sealed);
        assert_eq!(open_with_secret(&[8u8; 32], &sealed), None);
        let mut flipped = sealed.clone();
        flipped[NONCE_LEN] ^= 1;
        assert_eq!(open_with_secret(&secret, &flipped), None);
        assert_eq!(open_with_secret(&secret, b"short"), None);
    }
}
