//! Steady's phone glue: the handful of Android and iOS calls the app cannot make from portable Rust.
//! It is the native half of the main crate's `platform` facade, kept in its own crate with no C
//! code so that it checks and lints for `aarch64-linux-android` and `aarch64-apple-ios` on any
//! Linux machine (no NDK, no Xcode).
//!
//! | need | Android | iOS |
//! |---|---|---|
//! | private data folder, never backed up or moved to a new phone | `Context.getNoBackupFilesDir()` | Application Support, `NSURLIsExcludedFromBackupKey` |
//! | a key only this phone can use | Android Keystore AES-256-GCM key, not exportable | a random secret in the Keychain, this device only, when unlocked |
//! | open the dialer, messages, the browser | `ACTION_DIAL`, `ACTION_SENDTO`, `ACTION_VIEW` | `UIApplication.openURL` |
//! | keep content out of screenshots and the app switcher | `FLAG_SECURE` on the window | a cover view while the app is in the background |
//! | room for the system bars and the notch | the root window insets, cutout included | the web view's own `safe-area-inset-*` |
//! | one buzz for the breathing pacer, never a sound | `Vibrator.vibrate(VibrationEffect.createOneShot)` | `UIImpactFeedbackGenerator.impactOccurred` |
//! | the screen stays on while the pacer runs | `FLAG_KEEP_SCREEN_ON` on the window | `UIApplication.isIdleTimerDisabled` |
//!
//! Everything here is a thin call into the platform; the decisions (which link goes where, when to
//! lock, what to seal) are made and tested in the main crate. The few rules that belong to the
//! platforms themselves live in plain modules that build and test on any machine: what a Keystore
//! exception means ([`keystore`]), when the Keychain secret may be made and that it is never
//! replaced ([`keychain`]), and how bars and cutout add up to insets ([`insets`]). On any other
//! system every platform call answers [`PhoneError::Unsupported`].

use std::fmt;
use std::path::PathBuf;

#[cfg(target_os = "android")]
pub mod android;
pub mod insets;
#[cfg(target_os = "ios")]
pub mod ios;
pub mod keychain;
pub mod keystore;

pub use insets::{Insets, PixelInsets, css_insets, insets_source};
pub use keychain::{KeychainCall, KeychainNext, keychain_next, read_or_make_secret};
pub use keystore::{JavaException, keystore_failure};

/// Why a platform call did not work. Never carries anything the person wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// This system has no such call (a desktop, a test machine).
    Unsupported,
    /// The platform refused or failed; the text names the call, for the log.
    Platform(String),
    /// Sealed bytes were damaged or were sealed on another phone.
    Damaged,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneError::Unsupported => f.write_str("not available on this system"),
            PhoneError::Platform(call) => write!(f, "the phone refused: {call}"),
            PhoneError::Damaged => f.write_str("the sealed key is damaged or from another phone"),
        }
    }
}

impl std::error::Error for PhoneError {}

/// A link the app hands to another app on the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneLink {
    /// Open the dialer with this number filled in (never calls by itself).
    Dial(String),
    /// Open messages to this number, with an optional message ready to send.
    Message {
        number: String,
        body: Option<String>,
    },
    /// Open a new email to this address in the mail app (the program coordinator's).
    Email(String),
    /// Open this https address in the browser.
    Browse(String),
}

/// Percent-encodes everything but unreserved characters (RFC 3986), so a message body put in a
/// `sms:` link cannot add parameters of its own. The one encoder for every platform's links.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The app's private data folder, excluded from backups and from moving to a new phone.
pub fn data_dir() -> Result<PathBuf, PhoneError> {
    #[cfg(target_os = "android")]
    return android::data_dir();
    #[cfg(target_os = "ios")]
    return ios::data_dir();
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    Err(PhoneError::Unsupported)
}

/// Hands `link` to the phone's dialer, messages or browser.
pub fn open_link(link: &PhoneLink) -> Result<(), PhoneError> {
    #[cfg(target_os = "android")]
    return android::open_link(link);
    #[cfg(target_os = "ios")]
    return ios::open_link(link);
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    {
        let _ = link;
        Err(PhoneError::Unsupported)
    }
}

/// Seals `secret` with a key that never leaves this phone's secure hardware (Android Keystore).
/// On iOS the main crate seals with [`device_secret`] instead.
pub fn keystore_seal(secret: &[u8]) -> Result<Vec<u8>, PhoneError> {
    #[cfg(target_os = "android")]
    return android::keystore_seal(secret);
    #[cfg(not(target_os = "android"))]
    {
        let _ = secret;
        Err(PhoneError::Unsupported)
    }
}

/// Opens what [`keystore_seal`] sealed on this phone. [`PhoneError::Damaged`] only when the bytes
/// fail the tag check (damaged, or sealed by a key this phone does not have); a keystore that
/// cannot answer now (not ready after a boot, busy, unreachable) is [`PhoneError::Platform`], and
/// the same bytes may open later.
pub fn keystore_open(sealed: &[u8]) -> Result<Vec<u8>, PhoneError> {
    #[cfg(target_os = "android")]
    return android::keystore_open(sealed);
    #[cfg(not(target_os = "android"))]
    {
        let _ = sealed;
        Err(PhoneError::Unsupported)
    }
}

/// A 32-byte secret kept in the iOS Keychain for this app, readable only on this device while it
/// is unlocked, never in backups; made when the Keychain says there is none, and never replaced.
/// While the phone is locked (or the Keychain otherwise cannot answer) this is
/// [`PhoneError::Platform`]; a stored secret of the wrong length is [`PhoneError::Damaged`].
pub fn device_secret() -> Result<[u8; 32], PhoneError> {
    #[cfg(target_os = "ios")]
    return ios::device_secret();
    #[cfg(not(target_os = "ios"))]
    Err(PhoneError::Unsupported)
}

/// Covers (or uncovers) the app's window, so the app switcher's snapshot shows nothing (iOS).
/// On Android the main crate sets `FLAG_SECURE` through [`android::set_window_secure`] instead.
pub fn cover_window(covered: bool) -> Result<(), PhoneError> {
    #[cfg(target_os = "ios")]
    return ios::cover_window(covered);
    #[cfg(not(target_os = "ios"))]
    {
        let _ = covered;
        Err(PhoneError::Unsupported)
    }
}

/// The system bars' and the display cutout's space (Android, drawn edge to edge from SDK 35),
/// read fresh on each call: call it again after every resize, since rotating the phone moves the
/// bars and the notch to other sides. iOS web views report theirs through CSS
/// `env(safe-area-inset-*)`, so this is `Unsupported` there.
pub fn system_insets() -> Result<Insets, PhoneError> {
    #[cfg(target_os = "android")]
    return android::system_insets();
    #[cfg(not(target_os = "android"))]
    Err(PhoneError::Unsupported)
}

/// One buzz of about `ms` milliseconds, for the breathing pacer when the person turned buzzing on:
/// never a sound. Android plays it at the phone's default strength and follows the phone's own
/// vibration settings; iOS plays a light tap (a heavy one from 200 ms), and plays nothing when
/// System Haptics is off in Settings. A phone without a motor is [`PhoneError::Unsupported`].
pub fn vibrate(ms: u32) -> Result<(), PhoneError> {
    #[cfg(target_os = "android")]
    return android::vibrate(ms);
    #[cfg(target_os = "ios")]
    return ios::vibrate(ms);
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    {
        let _ = ms;
        Err(PhoneError::Unsupported)
    }
}

/// Keeps the screen on (or lets it sleep again) while a breathing pacer runs: iOS's idle timer.
/// On Android the main crate sets the window flag on the UI thread
/// ([`android::set_keep_screen_on`]); elsewhere [`PhoneError::Unsupported`].
pub fn keep_screen_on(on: bool) -> Result<(), PhoneError> {
    #[cfg(target_os = "ios")]
    return ios::keep_screen_on(on);
    #[cfg(not(target_os = "ios"))]
    {
        let _ = on;
        Err(PhoneError::Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_a_phone_every_call_says_unsupported_and_never_panics() {
        assert_eq!(data_dir(), Err(PhoneError::Unsupported));
        assert_eq!(
            open_link(&PhoneLink::Dial("988".into())),
            Err(PhoneError::Unsupported)
        );
        assert_eq!(keystore_seal(b"k"), Err(PhoneError::Unsupported));
        assert_eq!(keystore_open(b"k"), Err(PhoneError::Unsupported));
        assert_eq!(device_secret(), Err(PhoneError::Unsupported));
        assert_eq!(cover_window(true), Err(PhoneError::Unsupported));
        assert_eq!(system_insets(), Err(PhoneError::Unsupported));
        assert_eq!(vibrate(80), Err(PhoneError::Unsupported));
        assert_eq!(keep_screen_on(true), Err(PhoneError::Unsupported));
    }
}
