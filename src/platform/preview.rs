//! The preview build: `cargo run` starts the demo runner, which serves simulated devices to a browser.

use std::path::PathBuf;

/// Where the demo keeps its simulated devices unless told otherwise.
pub fn app_data_dir() -> PathBuf {
    super::xdg_data_dir("steady-demo")
}

pub fn main() -> anyhow::Result<()> {
    crate::preview::run_demo(std::env::args().skip(1).collect())
}
