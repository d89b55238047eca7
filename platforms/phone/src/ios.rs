//! iOS, through objc2 (UIKit, Foundation) and the Security framework's Keychain. UIKit calls must
//! run on the main thread; they check for it and refuse (never panic) anywhere else. The app's
//! webview delegate and tao's lifecycle events both arrive on the main thread.

use std::path::PathBuf;

use objc2::MainThreadMarker;
use objc2::rc::Retained;
use objc2_core_foundation::CGRect;
use objc2_foundation::{
    NSDictionary, NSFileManager, NSNumber, NSSearchPathDirectory, NSSearchPathDomainMask, NSString,
    NSURL, NSURLIsExcludedFromBackupKey,
};
use objc2_ui_kit::{UIApplication, UIColor, UIView, UIViewAutoresizing};
use security_framework::access_control::{ProtectionMode, SecAccessControl};
use security_framework::passwords::{generic_password, set_generic_password_options};
use security_framework::passwords_options::PasswordOptions;
use security_framework::random::SecRandom;

use crate::{PhoneError, PhoneLink};

/// The Keychain entry holding the secret that seals Steady's data key.
const KEYCHAIN_SERVICE: &str = "org.steadyapp.steady.data-key-wrap";
const KEYCHAIN_ACCOUNT: &str = "device";
/// The tag of the view that covers the window while the app is in the background.
const COVER_TAG: isize = 0x5EAD;

fn main_thread(what: &str) -> Result<MainThreadMarker, PhoneError> {
    MainThreadMarker::new().ok_or_else(|| PhoneError::Platform(format!("{what}: not on main")))
}

/// `Library/Application Support/Steady`, marked so iCloud and computer backups leave it out.
pub fn data_dir() -> Result<PathBuf, PhoneError> {
    let manager = NSFileManager::defaultManager();
    let urls = manager.URLsForDirectory_inDomains(
        NSSearchPathDirectory::ApplicationSupportDirectory,
        NSSearchPathDomainMask::UserDomainMask,
    );
    let base = urls
        .firstObject()
        .ok_or_else(|| PhoneError::Platform("Application Support".into()))?;
    let url = base
        .URLByAppendingPathComponent(&NSString::from_str("Steady"))
        .ok_or_else(|| PhoneError::Platform("Application Support".into()))?;
    let path = url
        .path()
        .ok_or_else(|| PhoneError::Platform("Application Support".into()))?
        .to_string();
    std::fs::create_dir_all(&path).map_err(|_| PhoneError::Platform("create folder".into()))?;
    exclude_from_backup(&url)?;
    Ok(PathBuf::from(path))
}

fn exclude_from_backup(url: &NSURL) -> Result<(), PhoneError> {
    let yes = NSNumber::new_bool(true);
    // SAFETY: the backup key takes an NSNumber holding a BOOL.
    unsafe { url.setResourceValue_forKey_error(Some(&yes), NSURLIsExcludedFromBackupKey) }
        .map_err(|_| PhoneError::Platform("NSURLIsExcludedFromBackupKey".into()))
}

/// `tel:`, `sms:` (with `&body=`) and `https:` through `UIApplication.open(_:options:)`.
pub fn open_link(link: &PhoneLink) -> Result<(), PhoneError> {
    let text = match link {
        PhoneLink::Dial(number) => format!("tel:{number}"),
        PhoneLink::Message { number, body: None } => format!("sms:{number}"),
        PhoneLink::Message {
            number,
            body: Some(body),
        } => format!("sms:{number}&body={}", percent_encode(body)),
        PhoneLink::Browse(url) => url.clone(),
    };
    let mtm = main_thread("openURL")?;
    let url = NSURL::URLWithString(&NSString::from_str(&text))
        .ok_or_else(|| PhoneError::Platform("NSURL".into()))?;
    let options = NSDictionary::new();
    // SAFETY: an empty options dictionary is valid; no completion handler is needed.
    unsafe {
        UIApplication::sharedApplication(mtm)
            .openURL_options_completionHandler(&url, &options, None)
    };
    Ok(())
}

/// Encodes everything but unreserved characters, so a message body cannot add URL parameters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn keychain_options() -> PasswordOptions {
    PasswordOptions::new_generic_password(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)
}

/// The app's 32-byte wrapping secret from the Keychain (this device only, only while unlocked,
/// never synced or backed up), made with the system's random source on first use.
pub fn device_secret() -> Result<[u8; 32], PhoneError> {
    if let Ok(bytes) = generic_password(keychain_options()) {
        return bytes.try_into().map_err(|_| PhoneError::Damaged);
    }
    let mut secret = [0u8; 32];
    SecRandom::default()
        .copy_bytes(&mut secret)
        .map_err(|_| PhoneError::Platform("SecRandomCopyBytes".into()))?;
    let mut options = keychain_options();
    let access = SecAccessControl::create_with_protection(
        Some(ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly),
        0,
    )
    .map_err(|_| PhoneError::Platform("SecAccessControl".into()))?;
    options.set_access_control(access);
    set_generic_password_options(&secret, options)
        .map_err(|_| PhoneError::Platform("SecItemAdd".into()))?;
    Ok(secret)
}

/// Puts a plain view over the key window (or takes it away), so the app switcher's snapshot
/// shows nothing of what was on screen.
pub fn cover_window(covered: bool) -> Result<(), PhoneError> {
    let mtm = main_thread("cover")?;
    #[allow(deprecated)] // One window, one scene: the key window is the app's.
    let window = UIApplication::sharedApplication(mtm)
        .keyWindow()
        .ok_or_else(|| PhoneError::Platform("keyWindow".into()))?;
    let existing = window.viewWithTag(COVER_TAG);
    match (covered, existing) {
        (true, None) => {
            let bounds: CGRect = window.bounds();
            let cover: Retained<UIView> = UIView::initWithFrame(mtm.alloc(), bounds);
            cover.setTag(COVER_TAG);
            cover.setBackgroundColor(Some(&UIColor::systemBackgroundColor()));
            cover.setAutoresizingMask(
                UIViewAutoresizing::FlexibleWidth | UIViewAutoresizing::FlexibleHeight,
            );
            window.addSubview(&cover);
        }
        (false, Some(cover)) => cover.removeFromSuperview(),
        _ => {}
    }
    Ok(())
}
