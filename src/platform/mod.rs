//! One facade over what differs between platforms: where the app keeps its private files, how a
//! file is made readable by this app only, and how the app starts. Each platform has its own file;
//! the rest of the crate calls only what is re-exported here, so `#[cfg]` stays in this folder.
//!
//! | build | entry | data directory |
//! |---|---|---|
//! | `preview` (default) | the demo runner: sync of devices served to a browser | `--data-dir`, `STEADY_DATA_DIR`, or `~/.local/share/steady-demo` |
//! | `desktop` | a native window | `$XDG_DATA_HOME/steady` or `~/.local/share/steady` |
//! | `mobile` | dx-built Android / iOS app | the app's sandboxed files directory (see `mobile.rs`) |

mod files;
pub use files::{create_private_dir, replace_private_file, write_private_file};

#[cfg(feature = "mobile")]
mod mobile;
#[cfg(feature = "mobile")]
pub use mobile::{app_data_dir, main};

#[cfg(all(feature = "desktop", not(feature = "mobile")))]
mod desktop;
#[cfg(all(feature = "desktop", not(feature = "mobile")))]
pub use desktop::{app_data_dir, main};

#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
mod preview;
#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
pub use preview::{app_data_dir, main};

use std::path::{Path, PathBuf};

/// Where "Export my data" writes its files: the `exports` folder inside the device's data folder
/// (private to the app). On a phone the mentee moves them on with the system's share sheet (not
/// built yet); in the preview the page also offers each file as a download.
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// `$XDG_DATA_HOME/<name>`, else `~/.local/share/<name>`, else `./<name>`.
pub fn xdg_data_dir(name: &str) -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join(name)
}
