//! The preview build (`cargo run`'s demo, simulated devices served to a browser): where it keeps them.

use std::path::PathBuf;

/// Where the demo keeps its simulated devices unless told otherwise.
pub fn app_data_dir() -> PathBuf {
    super::xdg_data_dir("steady-demo")
}
