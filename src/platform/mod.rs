//! One facade over what differs between platforms: where the app keeps its private files, what
//! seals the data key's file (the key vault), how links leave the app, what leaving and coming
//! back does to the lock, and how the app starts. Each platform has its own file; the rest of the
//! crate calls only what is re-exported here, so `#[cfg]` stays in this folder. The phone half of
//! the native calls is the C-free `steady-phone` crate in `platforms/phone/`.
//!
//! | build | entry | data directory | key vault |
//! |---|---|---|---|
//! | `preview` (default) | the demo runner: simulated devices served to a browser | `--data-dir`, `STEADY_DATA_DIR`, or `~/.local/share/steady-demo` | a secret file in each device's folder |
//! | `desktop` | a native window | `$XDG_DATA_HOME/steady` or `~/.local/share/steady` | a secret file in `$XDG_CONFIG_HOME/steady` |
//! | `mobile` | dx-built Android / iOS app | Android `getNoBackupFilesDir()`, iOS Application Support (excluded from backups) | Android Keystore / iOS Keychain |

mod files;
mod lifecycle;
mod links;
mod vault;

pub use files::{create_private_dir, replace_private_file, write_private_file};
pub use lifecycle::{Lifecycle, on_lifecycle, screen_is_private};
pub use links::{LinkRoute, route_link};
pub use steady_phone::{PhoneError, PhoneLink};
pub use vault::{KeyVault, SecretVault, VaultError, VaultKind, secret_file_vault};

#[cfg(feature = "mobile")]
mod mobile;
#[cfg(feature = "mobile")]
pub use mobile::{key_vault, main, open_external};

#[cfg(all(feature = "desktop", not(feature = "mobile")))]
mod desktop;
#[cfg(all(feature = "desktop", not(feature = "mobile")))]
pub use desktop::{key_vault, main};

#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
mod preview;
#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
pub use preview::{app_data_dir, main};

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

/// Opens a link the app shows (a crisis line's call, text or web button) with the right app.
/// Returns true when it was handled here and the tap's default must be prevented. Off a phone the
/// browser (preview) or web view (desktop) follows the link itself.
#[cfg(not(feature = "mobile"))]
pub fn open_external(url: &str) -> bool {
    let _ = url;
    false
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
