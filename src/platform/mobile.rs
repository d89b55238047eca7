//! The mobile build (Android and iOS, built with `dx`). Kept small because it cannot be built on the
//! project's CI machines (no Android NDK, no Xcode); everything else is shared with the tested builds.
//!
//! Data lives in the app's sandbox, readable by no other app:
//! - Android: `/data/data/<bundle id>/files` (the bundle id is in Dioxus.toml), the app's internal storage.
//! - iOS: `$HOME/Library/Application Support/Steady`; on iOS `HOME` is the app's container.
//!
//! Not done yet, and why: DESIGN.md asks for the data key to be wrapped by the Android Keystore /
//! iOS Keychain as well. That code (JNI to `KeyStore` with a non-exportable AES key; `SecItemAdd`
//! with `kSecAttrAccessibleWhenUnlockedThisDeviceOnly`) can't be built or tested on the project's
//! machines, so mobile keeps the same key file as desktop: inside the app's sandbox, mode 0600,
//! sealed by the passcode when one is set (`store::keyfile`). The wrap belongs here, as two
//! functions the key file calls around its bytes.

use std::path::PathBuf;

use dioxus::prelude::LaunchBuilder;

use crate::state::Device;
use crate::ui::App;

/// Must match `bundle.identifier` in Dioxus.toml.
const BUNDLE_ID: &str = "org.steadyapp.steady";

pub fn app_data_dir() -> PathBuf {
    if cfg!(target_os = "android") {
        PathBuf::from(format!("/data/data/{BUNDLE_ID}/files"))
    } else {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        home.join("Library/Application Support/Steady")
    }
}

pub fn main() -> anyhow::Result<()> {
    let device = Device::open(&app_data_dir())?;
    LaunchBuilder::mobile().with_context(device).launch(App);
    Ok(())
}
