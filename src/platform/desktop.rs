//! What the desktop build asks of the computer: its data in the user's data directory, the secret
//! that seals the data key's file in the user's config directory (so a copy of the data folder
//! alone opens nothing), and links handed to the computer's own apps. The window itself is
//! opened by `launch::desktop`.

use std::path::{Path, PathBuf};

use super::vault::{KeyVault, secret_file_vault};
use super::{PhoneError, PhoneLink};

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

/// Hands `link` to the computer's own app for it (`xdg-open` on Linux, `open` on macOS): a
/// desktop may have a dialer or messages app registered for `tel:` and `sms:`, or may not, and
/// then the app says so with the number. Run directly, never through a shell.
pub fn hand_over(link: &PhoneLink) -> Result<(), PhoneError> {
    let url = match link {
        PhoneLink::Dial(number) => format!("tel:{number}"),
        PhoneLink::Message { number, body: None } => format!("sms:{number}"),
        PhoneLink::Message {
            number,
            body: Some(body),
        } => format!("sms:{number}?body={}", steady_phone::percent_encode(body)),
        PhoneLink::Email(address) => format!("mailto:{address}"),
        PhoneLink::Browse(url) => url.clone(),
    };
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let status = std::process::Command::new(opener)
        .arg(&url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|err| PhoneError::Platform(format!("{opener}: {}", err.kind())))?;
    if status.success() {
        Ok(())
    } else {
        Err(PhoneError::Platform(format!("{opener} answered {status}")))
    }
}
