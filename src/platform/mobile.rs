//! The mobile build (Android and iOS, built with dx; see README's phone section). Everything that
//! only a phone has goes through the C-free `steady-phone` crate; this file wires it into the app:
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

use dioxus::mobile::Config;
use dioxus::mobile::tao::event::{Event, WindowEvent};
use dioxus::prelude::*;

use super::lifecycle::{Lifecycle, ScreenPrivacy, on_lifecycle};
use super::links::{LinkRoute, route_link};
use super::vault::{KeyVault, SecretVault, VaultError, VaultKind};
use crate::state::Device;
use crate::ui::App;
use crate::ui::views::{DataPlace, Start};

/// The page the web view loads: the app's root and nothing else, zoomable (never
/// `user-scalable=no`), and drawn under the system bars so the CSS can keep clear of them.
const INDEX: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Steady</title>
</head>
<body>
<div id="main"></div>
</body>
</html>"#;

/// Starts the phone app. It always opens a screen: the device is opened inside the window
/// ([`Start`]), so a folder the phone did not give or a key store that did not answer shows the
/// start-up problem screen with Get help, never a blank screen or a quit.
pub fn main() -> anyhow::Result<()> {
    let place = DataPlace(steady_phone::data_dir().map_err(|err| err.to_string()));
    let config = Config::new()
        .with_custom_index(INDEX.to_owned())
        .with_navigation_handler(|url| match route_link(url) {
            LinkRoute::StayInside => true,
            LinkRoute::Open(link) => {
                if let Err(err) = hand_over(&link) {
                    // Never the number or message: only that the phone refused.
                    tracing::warn!("the phone could not open a link: {err}");
                }
                false
            }
            LinkRoute::Refuse => false,
        });
    LaunchBuilder::mobile()
        .with_cfg(config)
        .with_context(place)
        .launch(PhoneRoot);
    Ok(())
}

/// The phone's app, opened by [`Start`].
#[component]
fn PhoneRoot() -> Element {
    rsx! {
        Start { app: rsx! { PhoneApp {} } }
    }
}

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

/// The app inside the phone's shell: lifecycle, screen privacy and insets around the shared
/// [`App`].
#[component]
fn PhoneApp() -> Element {
    let device = use_context::<Device>();
    let privacy = use_signal(ScreenPrivacy::default);
    let on_event = device.clone();
    dioxus::mobile::use_wry_event_handler(move |event, _| match event {
        Event::Suspended => {
            let mut privacy = privacy;
            privacy.write().went(Lifecycle::Away);
            // Private before anything else happens: the switcher's snapshot is taken now.
            keep_private(true);
            cover(true);
            on_lifecycle(&on_event, Lifecycle::Away);
        }
        Event::Resumed => {
            let mut privacy = privacy;
            privacy.write().went(Lifecycle::Back);
            on_lifecycle(&on_event, Lifecycle::Back);
            cover(false);
            spawn(settle_privacy(on_event.clone(), privacy));
            spawn(pass_insets());
        }
        // Rotation, a fold, split screen: the bars and the cut-out move.
        Event::WindowEvent {
            event: WindowEvent::Resized(_),
            ..
        } => {
            spawn(pass_insets());
        }
        _ => {}
    });
    use_future(move || {
        let device = device.clone();
        async move {
            pass_insets().await;
            let mut changes = device.lock_changes();
            loop {
                let mut privacy = privacy;
                privacy.write().lock_changed();
                settle_privacy(device.clone(), privacy).await;
                if changes.changed().await.is_err() {
                    break;
                }
            }
        }
    });
    rsx! { App {} }
}

/// Keeps the screen private unless the lock screen is on it, in sight, and drawn: after the app
/// locks in sight it waits two animation frames (the lock screen's page is in, then painted).
async fn settle_privacy(device: Device, mut privacy: Signal<ScreenPrivacy>) {
    keep_private(privacy.peek().private(device.is_locked()));
    if privacy.peek().waits_for_lock_screen(device.is_locked()) {
        let _ = document::eval(
            "await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
             return true;",
        )
        .await;
        privacy.write().lock_screen_drawn(device.is_locked());
        keep_private(privacy.peek().private(device.is_locked()));
    }
}

/// iOS: a plain view over the window while the app is in the background, so the app switcher
/// shows nothing. (Android's `FLAG_SECURE` already blanks the switcher.)
fn cover(covered: bool) {
    if cfg!(target_os = "ios") {
        let _ = steady_phone::cover_window(covered);
    }
}

/// Android: `FLAG_SECURE` while a private screen shows (no screenshots, no switcher thumbnail).
/// Window flags change only on Android's UI thread, which wry's JNI handle runs on.
fn keep_private(private: bool) {
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

/// Android draws the app under the system bars; the page keeps clear of them through
/// `--inset-*` CSS variables (iOS's web view reports `env(safe-area-inset-*)` itself).
async fn pass_insets() {
    if let Ok(insets) = steady_phone::system_insets() {
        let script = format!(
            "const s = document.documentElement.style;
             s.setProperty('--inset-top', '{}px'); s.setProperty('--inset-right', '{}px');
             s.setProperty('--inset-bottom', '{}px'); s.setProperty('--inset-left', '{}px');",
            insets.top, insets.right, insets.bottom, insets.left
        );
        let _ = document::eval(&script).await;
    }
}
