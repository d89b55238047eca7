//! The desktop build: the same app in a native window (WebKitGTK on Linux), with its data in the
//! user's data directory and the secret that seals the data key's file in the user's config
//! directory, so a copy of the data folder alone opens nothing.

use std::path::{Path, PathBuf};

use dioxus::desktop::{Config, WindowBuilder};
use dioxus::prelude::LaunchBuilder;

use super::vault::{KeyVault, secret_file_vault};
use crate::state::Device;
use crate::ui::App;

pub fn app_data_dir() -> PathBuf {
    super::xdg_data_dir("steady")
}

/// A secret file in `$XDG_CONFIG_HOME/steady`: outside the data folder, but on the same disk,
/// so it does not bind the key to the machine the way a phone's keystore does.
pub fn key_vault(_data_dir: &Path) -> Box<dyn KeyVault> {
    Box::new(secret_file_vault(
        super::xdg_config_dir("steady").join(super::DEVICE_SECRET_FILE),
    ))
}

pub fn main() -> anyhow::Result<()> {
    let device = Device::open(&app_data_dir())?;
    let window = WindowBuilder::new().with_title("Steady");
    LaunchBuilder::desktop()
        .with_cfg(Config::new().with_window(window).with_menu(None))
        .with_context(device)
        .launch(App);
    Ok(())
}
