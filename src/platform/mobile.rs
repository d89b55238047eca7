//! What the mobile build (Android and iOS, built with dx; see README's phone section) asks of the
//! phone. Everything that only a phone has goes through the C-free `steady-phone` crate; this
//! file and `launch::mobile`, which opens the app's window, wire it into the app:
//!
//! - data in the folder phones never back up or move (`steady_phone::data_dir`);
//! - the data key's file sealed by the Android Keystore or a Keychain secret ([`key_vault`]);
//! - `tel:`, `sms:` and `https:` handed to the dialer, messages and browser ([`open_external`],
//!   and the web view's navigation handler as a backstop);
//! - leaving the app starts the auto-lock clock and coming back locks if due (tao's Suspended /
//!   Resumed), with the window covered in the app switcher (iOS) and `FLAG_SECURE` on every
//!   screen but the lock screen (Android);
//! - a page with `viewport-fit=cover` so the safe-area insets reach the CSS, and Android's
//!   system bars passed in as CSS variables (apps are drawn edge to edge from SDK 35).
//!
//! What only a device can show is on README's on-device checklist.

use super::vault::{KeyVault, SecretVault, VaultError, VaultKind};

/// Hands `link` to the phone's dialer, messages or browser.
pub fn hand_over(link: &steady_phone::PhoneLink) -> Result<(), steady_phone::PhoneError> {
    steady_phone::open_link(link)
}

/// The vault for the data key's file: the Android Keystore, or a Keychain secret on iOS.
pub fn key_vault(_data_dir: &std::path::Path) -> Box<dyn KeyVault> {
    if cfg!(target_os = "android") {
        Box::new(AndroidKeystore)
    } else {
        Box::new(SecretVault::new(VaultKind::IosKeychain, true, || {
            steady_phone::device_secret().map_err(vault_error)
        }))
    }
}

fn vault_error(err: steady_phone::PhoneError) -> VaultError {
    match err {
        steady_phone::PhoneError::Damaged => VaultError::Damaged,
        other => VaultError::Unavailable(other.to_string()),
    }
}

/// The Android Keystore as a key vault: the AES-256-GCM key never leaves secure hardware.
struct AndroidKeystore;

impl KeyVault for AndroidKeystore {
    fn kind(&self) -> VaultKind {
        VaultKind::AndroidKeystore
    }

    fn binds_to_device(&self) -> bool {
        true
    }

    fn seal(&self, secret: &[u8]) -> Result<Vec<u8>, VaultError> {
        steady_phone::keystore_seal(secret).map_err(vault_error)
    }

    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        steady_phone::keystore_open(sealed).map_err(vault_error)
    }
}

/// iOS: a plain view over the window while the app is in the background, so the app switcher
/// shows nothing. (Android's `FLAG_SECURE` already blanks the switcher.)
pub fn cover(covered: bool) {
    if cfg!(target_os = "ios") {
        let _ = steady_phone::cover_window(covered);
    }
}

/// Android: `FLAG_SECURE` while a private screen shows (no screenshots, no switcher thumbnail).
/// Window flags change only on Android's UI thread, which wry's JNI handle runs on.
pub fn keep_private(private: bool) {
    #[cfg(target_os = "android")]
    dioxus::mobile::wry::JniHandle.exec(move |env, activity, _webview| {
        if let Err(err) = steady_phone::android::set_window_secure(env, activity, private) {
            tracing::warn!("the screen could not be kept private: {err}");
        }
    });
    #[cfg(not(target_os = "android"))]
    let _ = private;
}

/// Keeps the screen on while a breathing pacer runs (or lets it sleep again): the window flag on
/// Android's UI thread, the idle timer on iOS.
pub fn keep_awake(on: bool) {
    #[cfg(target_os = "android")]
    dioxus::mobile::wry::JniHandle.exec(move |env, activity, _webview| {
        if let Err(err) = steady_phone::android::set_keep_screen_on(env, activity, on) {
            tracing::warn!("the screen could not be kept on: {err}");
        }
    });
    #[cfg(not(target_os = "android"))]
    if let Err(err) = steady_phone::keep_screen_on(on) {
        tracing::warn!("the screen could not be kept on: {err}");
    }
}
