//! One facade over what differs between platforms: where the app keeps its private files, what
//! seals the data key's file (the key vault), how links leave the app, what leaving and coming
//! back does to the lock, and the screen. Each platform has its own file; the rest of the crate
//! calls only what is re-exported here, so `#[cfg]` stays in this folder. How the app opens (the
//! window, the phone app) is `launch`; the demo is the `steady` binary's own (`src/demo.rs`). The
//! phone half of the native calls is the C-free `steady-phone` crate in `platforms/phone/`.
//!
//! | build | opened by | data directory | key vault |
//! |---|---|---|---|
//! | `preview` (default) | the demo runner: simulated devices served to a browser | `--data-dir`, `STEADY_DATA_DIR`, or `~/.local/share/steady-demo` | a secret file in each device's folder |
//! | `desktop` | a native window | `$XDG_DATA_HOME/steady` or `~/.local/share/steady` | a secret file in `$XDG_CONFIG_HOME/steady` |
//! | `mobile` | dx-built Android / iOS app | Android `getNoBackupFilesDir()`, iOS Application Support (excluded from backups) | Android Keystore / iOS Keychain |

mod clock;
mod lifecycle;
mod links;
#[cfg(all(test, target_os = "linux"))]
pub(crate) mod rules;
mod vault;

#[cfg(test)]
pub use clock::SleepingClock;
pub use clock::{DeviceClock, LockClock, LockInstant};
pub use lifecycle::{Lifecycle, ScreenPrivacy, on_lifecycle};
pub use links::{LinkRoute, route_link};
pub use steady_core::files::{
    create_private_dir, move_private_file, replace_private_file, write_private_file,
};
pub use steady_phone::{PhoneError, PhoneLink};
pub use vault::{
    FALLBACK_SECRET_FILE, KeyVault, SecretVault, VaultError, VaultKind, fallback_vault,
    secret_file_vault,
};

#[cfg(feature = "mobile")]
mod mobile;
#[cfg(feature = "mobile")]
pub use mobile::{cover, hand_over, keep_private, key_vault};

#[cfg(all(feature = "desktop", not(feature = "mobile")))]
mod desktop;
#[cfg(all(feature = "desktop", not(feature = "mobile")))]
pub use desktop::{app_data_dir, hand_over, key_vault};

#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
mod preview;
#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
pub use preview::app_data_dir;

use std::path::{Path, PathBuf};

/// The file holding the preview's (and the server-only build's) stand-in for a keystore.
pub const DEVICE_SECRET_FILE: &str = "device-secret";

/// The key vault where no phone keystore or desktop config folder is in play (the preview, the
/// tests, the server-only build): a secret file inside the device's own folder. It simulates a
/// phone without a keystore, so the passcode rules and cost are the stricter ones.
#[cfg(not(any(feature = "desktop", feature = "mobile")))]
pub fn key_vault(data_dir: &Path) -> Box<dyn KeyVault> {
    Box::new(secret_file_vault(data_dir.join(DEVICE_SECRET_FILE)))
}

pub use steady_cards::LinkOutcome;

/// Opens a link the app shows with the right app: on a phone or a computer through
/// [`route_link`] and the platform's hand-over, so the same refusals apply everywhere (the
/// native renderer would otherwise open any link it is given). The preview leaves links to the
/// browser.
pub fn open_external(url: &str) -> LinkOutcome {
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    {
        match route_link(url) {
            LinkRoute::Open(link) => match hand_over(&link) {
                Ok(()) => LinkOutcome::Opened,
                Err(err) => {
                    // Never the number or message: only that the device refused.
                    tracing::warn!("the device could not open a link: {err}");
                    LinkOutcome::Failed
                }
            },
            LinkRoute::Refuse => LinkOutcome::Refused,
            LinkRoute::StayInside => LinkOutcome::LeftToPage,
        }
    }
    #[cfg(not(any(feature = "desktop", feature = "mobile")))]
    {
        let _ = url;
        LinkOutcome::LeftToPage
    }
}

/// How this build buzzes for the breathing pacer, when the person turns buzzing on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Buzz {
    /// The phone's own motor, through `steady-phone` ([`vibrate`]).
    Phone,
    /// The page's `navigator.vibrate` (the preview, in a browser: Chrome on Android buzzes).
    Page,
    /// A computer: there is nothing to buzz, so the choice is not offered.
    Never,
}

pub fn buzz() -> Buzz {
    if cfg!(feature = "mobile") {
        Buzz::Phone
    } else if cfg!(feature = "desktop") {
        Buzz::Never
    } else {
        Buzz::Page
    }
}

/// One buzz of about `ms` milliseconds on a phone; [`PhoneError::Unsupported`] elsewhere.
pub fn vibrate(ms: u32) -> Result<(), PhoneError> {
    #[cfg(feature = "mobile")]
    return steady_phone::vibrate(ms);
    #[cfg(not(feature = "mobile"))]
    {
        let _ = ms;
        Err(PhoneError::Unsupported)
    }
}

/// Keeps the screen on while a breathing pacer runs, on a phone (a person with their eyes closed
/// never touches it, and phones buzz only in the foreground); nothing elsewhere.
pub fn keep_awake(on: bool) {
    #[cfg(feature = "mobile")]
    mobile::keep_awake(on);
    #[cfg(not(feature = "mobile"))]
    let _ = on;
}

/// Whether a saved copy can be offered as a download: only in the preview, which runs in a
/// browser. The native web view would pass a download link (a `data:` address holding every
/// word of the copy) to the system's opener, that is to another app.
pub fn offers_downloads() -> bool {
    cfg!(not(any(feature = "desktop", feature = "mobile")))
}

/// Where "Export my data" writes its files: the `exports` folder inside the device's data folder
/// (private to the app). On a phone the mentee moves them on with the system's share sheet (not
/// built yet); in the preview the page also offers each file as a download.
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// `$XDG_DATA_HOME/<name>`, else `~/.local/share/<name>`, else `./<name>`.
pub fn xdg_data_dir(name: &str) -> PathBuf {
    xdg_dir("XDG_DATA_HOME", ".local/share", name)
}

/// `$XDG_CONFIG_HOME/<name>`, else `~/.config/<name>`, else `./<name>`.
pub fn xdg_config_dir(name: &str) -> PathBuf {
    xdg_dir("XDG_CONFIG_HOME", ".config", name)
}

fn xdg_dir(variable: &str, under_home: &str, name: &str) -> PathBuf {
    let base = std::env::var_os(variable)
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(under_home)))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join(name)
}
