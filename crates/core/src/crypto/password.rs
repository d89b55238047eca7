//! Passwords (staff now, the passcode later): Argon2id with OWASP's minimum parameters
//! (19 MiB, 2 passes, 1 lane), a random 16-byte salt, stored as one self-describing line.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;

use super::{CryptoError, random_bytes, same_secret};

const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

fn hasher(memory: u32, passes: u32, lanes: u32) -> Result<Argon2<'static>, CryptoError> {
    let params =
        Params::new(memory, passes, lanes, Some(32)).map_err(|_| CryptoError::MalformedKey)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// `argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` for `password`.
pub fn hash_password(password: &str) -> Result<String, CryptoError> {
    let salt = &random_bytes()?[..16];
    let mut out = [0u8; 32];
    hasher(MEMORY_KIB, PASSES, LANES)?
        .hash_password_into(password.as_bytes(), salt, &mut out)
        .map_err(|_| CryptoError::MalformedKey)?;
    Ok(format!(
        "argon2id$v=19$m={MEMORY_KIB},t={PASSES},p={LANES}${}${}",
        B64.encode(salt),
        B64.encode(out)
    ))
}

/// Whether `password` matches `stored` (as [`hash_password`] wrote it), compared in constant time.
/// A damaged line never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [algorithm, "v=19", params, salt, hash] = parts.as_slice() else {
        return false;
    };
    if *algorithm != "argon2id" {
        return false;
    }
    let mut costs = [0u32; 3];
    for (slot, (field, prefix)) in params.split(',').zip(["m=", "t=", "p="]).enumerate() {
        match field.strip_prefix(prefix).and_then(|v| v.parse().ok()) {
            Some(value) => costs[slot] = value,
            None => return false,
        }
    }
    let (Ok(salt), Ok(expected)) = (B64.decode(salt), B64.decode(hash)) else {
        return false;
    };
    let Ok(hasher) = hasher(costs[0], costs[1], costs[2]) else {
        return false;
    };
    let mut out = vec![0u8; expected.len().clamp(16, 64)];
    hasher
        .hash_password_into(password.as_bytes(), &salt, &mut out)
        .is_ok()
        && same_secret(&out, &expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_password_matches_and_nothing_else_does() {
        let stored = hash_password("correct horse battery").unwrap();
        assert!(stored.starts_with("argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(!stored.contains("correct horse"));
        assert!(verify_password("correct horse battery", &stored));
        assert!(!verify_password("correct horse batterY", &stored));
        assert!(!verify_password(
            "correct horse battery",
            "argon2id$v=19$m=19456$x$y"
        ));
        assert!(!verify_password("", "garbage"));
        assert_ne!(
            stored,
            hash_password("correct horse battery").unwrap(),
            "salted"
        );
    }
}
