//! What an Android Keystore failure means for the sealed key file. Only a failed GCM tag check
//! says "these bytes were damaged, or sealed by a key this phone does not have"; the main crate
//! turns that into "the key is from another device" and will not start. Every other failure (no
//! Java VM, a keystore that is not ready yet after boot, a provider or binder error) is the phone
//! being unavailable for now, and must never read as a key from elsewhere.
//!
//! Why each is what it is:
//!
//! - `javax.crypto.AEADBadTagException` is [`PhoneError::Damaged`]. `Cipher.doFinal` throws it
//!   "if this cipher is decrypting in an AEAD mode (such as GCM/CCM), and the received
//!   authentication tag does not match the calculated value"
//!   (<https://developer.android.com/reference/javax/crypto/Cipher#doFinal(byte[])>). AOSP's
//!   keystore cipher throws it only for KeyMint's `KM_ERROR_VERIFICATION_FAILED`, and maps every
//!   other keystore error of `doFinal` to `IllegalBlockSizeException`
//!   (`frameworks/base/keystore/java/android/security/keystore2/AndroidKeyStoreCipherSpiBase.java`,
//!   `engineDoFinal`).
//! - `java.security.KeyStoreException` (what `KeyStore.getInstance` and `getKey` throw:
//!   <https://developer.android.com/reference/java/security/KeyStore>) and Android's own
//!   `android.security.KeyStoreException`, a "failure at the Keystore / KeyMint layer" whose
//!   `isTransientFailure()` says whether the same operation is likely to succeed later, and
//!   whose codes include `ERROR_INTERNAL_SYSTEM_ERROR` and `ERROR_KEYSTORE_UNINITIALIZED`
//!   (<https://developer.android.com/reference/android/security/KeyStoreException>), are
//!   [`PhoneError::Platform`]: this is how a keystore that is busy, not yet started after a
//!   boot, or unreachable answers, and the same file opens once it is back.
//! - `java.security.ProviderException`, including AOSP's `KeyStoreConnectException` ("Failed to
//!   communicate with keystore service",
//!   `frameworks/base/keystore/java/android/security/keystore/KeyStoreConnectException.java`),
//!   and `IllegalStateException` are the provider or the service failing: `Platform`.
//! - `KeyPermanentlyInvalidatedException` (the key "can no longer be used because it has been
//!   permanently invalidated", for keys bound to user authentication:
//!   <https://developer.android.com/reference/android/security/keystore/KeyPermanentlyInvalidatedException>)
//!   and `UserNotAuthenticatedException` ("the user has not been authenticated recently enough":
//!   <https://developer.android.com/reference/android/security/keystore/UserNotAuthenticatedException>)
//!   say nothing about the sealed bytes; Steady's key needs no authentication, so either means
//!   the phone is in an unexpected state: `Platform`, never `Damaged`.
//! - No exception at all (the thread could not attach to the VM, a JNI call failed without one)
//!   is `Platform`.

use crate::PhoneError;

/// `Class.getName()` of the one exception that means the sealed bytes are not this phone's.
pub const AEAD_BAD_TAG: &str = "javax.crypto.AEADBadTagException";

/// A Java exception a platform call threw, as the glue saw it before clearing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JavaException {
    /// `Class.getName()` of what was thrown (`android.security.KeyStoreException`), for the log;
    /// `unknown` when even that could not be read.
    pub class: String,
    /// Whether it is an `AEADBadTagException` or a subclass of it (JNI `IsInstanceOf`).
    pub bad_tag: bool,
}

impl JavaException {
    /// An exception known only by its class name; a bad tag exactly when it is [`AEAD_BAD_TAG`].
    pub fn named(class: &str) -> Self {
        JavaException {
            class: class.to_owned(),
            bad_tag: class == AEAD_BAD_TAG,
        }
    }
}

/// A platform call that failed, named for the log with what Java threw, if anything.
pub fn platform_failure(call: &str, thrown: Option<&JavaException>) -> PhoneError {
    match thrown {
        Some(thrown) => PhoneError::Platform(format!("{call}: {}", thrown.class)),
        None => PhoneError::Platform(call.to_owned()),
    }
}

/// What a failed Android Keystore seal or open means: [`PhoneError::Damaged`] only for a failed
/// tag check, [`PhoneError::Platform`] for everything else (see this module's table).
pub fn keystore_failure(call: &str, thrown: Option<&JavaException>) -> PhoneError {
    match thrown {
        Some(thrown) if thrown.bad_tag => PhoneError::Damaged,
        other => platform_failure(call, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(class: &str) -> PhoneError {
        keystore_failure("Android Keystore open", Some(&JavaException::named(class)))
    }

    #[test]
    fn a_failed_tag_check_is_the_only_damage() {
        assert_eq!(
            failure("javax.crypto.AEADBadTagException"),
            PhoneError::Damaged
        );
        let subclass = JavaException {
            class: "com.example.VendorBadTagException".into(),
            bad_tag: true,
        };
        assert_eq!(
            keystore_failure("Android Keystore open", Some(&subclass)),
            PhoneError::Damaged
        );
    }

    #[test]
    fn a_keystore_that_is_not_ready_is_unavailable_not_damaged() {
        for class in [
            "java.security.KeyStoreException",
            "android.security.KeyStoreException",
            "java.security.ProviderException",
            "android.security.keystore.KeyStoreConnectException",
            "java.lang.IllegalStateException",
            "android.security.keystore.KeyPermanentlyInvalidatedException",
            "android.security.keystore.UserNotAuthenticatedException",
            // What AOSP's doFinal throws for every keystore error but a bad tag.
            "javax.crypto.IllegalBlockSizeException",
            // AEADBadTagException's parent, which is not itself a failed tag check.
            "javax.crypto.BadPaddingException",
        ] {
            assert_eq!(
                failure(class),
                PhoneError::Platform(format!("Android Keystore open: {class}")),
                "{class}"
            );
        }
    }

    #[test]
    fn no_exception_at_all_is_unavailable() {
        // The thread could not attach to the VM, or a JNI call failed without a Java exception.
        assert_eq!(
            keystore_failure("Android Keystore seal", None),
            PhoneError::Platform("Android Keystore seal".into())
        );
    }
}
