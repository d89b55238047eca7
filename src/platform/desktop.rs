//! The desktop build: the same app in a native window (WebKitGTK on Linux), with its data in the
//! user's data directory.

use std::path::PathBuf;

use dioxus::desktop::{Config, WindowBuilder};
use dioxus::prelude::LaunchBuilder;

use crate::state::Device;
use crate::ui::App;

pub fn app_data_dir() -> PathBuf {
    super::xdg_data_dir("steady")
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
