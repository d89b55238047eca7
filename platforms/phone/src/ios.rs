//! iOS, through objc2 (UIKit, Foundation) and the Security framework's Keychain (security-framework
//! for reads and randomness, security-framework-sys for the add-only write; both are Rust
//! bindings with no C to build). UIKit calls must
//! run on the main thread; they check for it and refuse (never panic) anywhere else. The app's
//! webview delegate and tao's lifecycle events both arrive on the main thread.

use std::path::PathBuf;

use core_foundation::base::TCFType;
use core_foundation::data::CFData;
use core_foundation::dictionary::CFDictionary;
use core_foundation::string::{CFString, CFStringRef};
use objc2::MainThreadMarker;
use objc2::rc::Retained;
use objc2_core_foundation::CGRect;
use objc2_foundation::{
    NSDictionary, NSFileManager, NSNumber, NSSearchPathDirectory, NSSearchPathDomainMask, NSString,
    NSURL, NSURLIsExcludedFromBackupKey,
};
use objc2_ui_kit::{
    UIApplication, UIColor, UIImpactFeedbackGenerator, UIImpactFeedbackStyle, UIView,
    UIViewAutoresizing,
};
use security_framework::access_control::{ProtectionMode, SecAccessControl};
use security_framework::passwords::generic_password;
use security_framework::passwords_options::PasswordOptions;
use security_framework::random::SecRandom;
use security_framework_sys::item::{
    kSecAttrAccessControl, kSecAttrAccount, kSecAttrService, kSecClass, kSecClassGenericPassword,
    kSecValueData,
};
use security_framework_sys::keychain_item::SecItemAdd;

use crate::keychain::{ERR_SEC_SUCCESS, SecretKeychain, read_or_make_secret};
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

/// `tel:`, `sms:` (with `&body=`), `mailto:` and `https:` through `UIApplication.open(_:options:)`,
/// after `canOpenURL(_:)` says an app takes it (an iPad has no phone app for `tel:`), so the app
/// can say so with the number. `canOpenURL` answers only for the schemes Info.plist lists in
/// `LSApplicationQueriesSchemes` (Apple's canOpenURL(_:) documentation), so Dioxus.toml lists
/// tel, sms and mailto.
pub fn open_link(link: &PhoneLink) -> Result<(), PhoneError> {
    let text = match link {
        PhoneLink::Dial(number) => format!("tel:{number}"),
        PhoneLink::Message { number, body: None } => format!("sms:{number}"),
        PhoneLink::Message {
            number,
            body: Some(body),
        } => format!("sms:{number}&body={}", crate::percent_encode(body)),
        PhoneLink::Email(address) => format!("mailto:{address}"),
        PhoneLink::Browse(url) => url.clone(),
    };
    let mtm = main_thread("openURL")?;
    let url = NSURL::URLWithString(&NSString::from_str(&text))
        .ok_or_else(|| PhoneError::Platform("NSURL".into()))?;
    if !UIApplication::sharedApplication(mtm).canOpenURL(&url) {
        return Err(PhoneError::Platform("canOpenURL: no app for it".into()));
    }
    let options = NSDictionary::new();
    // SAFETY: an empty options dictionary is valid; no completion handler is needed.
    unsafe {
        UIApplication::sharedApplication(mtm)
            .openURL_options_completionHandler(&url, &options, None)
    };
    Ok(())
}

/// The app's 32-byte wrapping secret from the Keychain (this device only, only while unlocked,
/// never synced or backed up), made with the system's random source when the Keychain says there
/// is none, and never replaced (the rule and its tests are in [`crate::keychain`]).
pub fn device_secret() -> Result<[u8; 32], PhoneError> {
    read_or_make_secret(&mut Keychain)
}

/// The Keychain's generic-password item for Steady's secret: read and add, no update.
struct Keychain;

impl SecretKeychain for Keychain {
    /// `SecItemCopyMatching` for the item's data; the failed status is kept, since only
    /// `errSecItemNotFound` means there is no secret yet.
    /// https://developer.apple.com/documentation/security/secitemcopymatching(_:_:)
    fn read(&mut self) -> Result<Vec<u8>, i32> {
        generic_password(PasswordOptions::new_generic_password(
            KEYCHAIN_SERVICE,
            KEYCHAIN_ACCOUNT,
        ))
        .map_err(|err| err.code())
    }

    /// `SecItemAdd` alone: it answers `errSecDuplicateItem` and changes nothing when the item
    /// exists (security-framework's `set_generic_password*` would then fall back to
    /// `SecItemUpdate` and replace the secret).
    /// https://developer.apple.com/documentation/security/secitemadd(_:_:)
    fn add(&mut self, secret: &[u8; 32]) -> Result<(), i32> {
        // Readable only while the phone is unlocked, and never leaves it (not in backups, not
        // moved to a new phone).
        // https://developer.apple.com/documentation/security/ksecattraccessiblewhenunlockedthisdeviceonly
        let access = SecAccessControl::create_with_protection(
            Some(ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly),
            0,
        )
        .map_err(|err| err.code())?;
        // SAFETY: the kSec* names are constant CFStrings that Security.framework exports for
        // the life of the process; reading them and retaining them (`wrap_under_get_rule`) is
        // what Core Foundation's get rule allows.
        let name = |constant: CFStringRef| unsafe { CFString::wrap_under_get_rule(constant) };
        // SAFETY: reading the exported constants, as above.
        let (class_key, class, service_key, account_key, access_key, data_key) = unsafe {
            (
                kSecClass,
                kSecClassGenericPassword,
                kSecAttrService,
                kSecAttrAccount,
                kSecAttrAccessControl,
                kSecValueData,
            )
        };
        let attributes = CFDictionary::from_CFType_pairs(&[
            (name(class_key), name(class).into_CFType()),
            (
                name(service_key),
                CFString::new(KEYCHAIN_SERVICE).into_CFType(),
            ),
            (
                name(account_key),
                CFString::new(KEYCHAIN_ACCOUNT).into_CFType(),
            ),
            (name(access_key), access.into_CFType()),
            (name(data_key), CFData::from_buffer(secret).into_CFType()),
        ]);
        // SAFETY: a valid CFDictionary for the call's duration; no result is asked for, so the
        // out pointer may be null.
        let status = unsafe { SecItemAdd(attributes.as_concrete_TypeRef(), std::ptr::null_mut()) };
        if status == ERR_SEC_SUCCESS {
            Ok(())
        } else {
            Err(status)
        }
    }

    fn fresh(&mut self) -> Result<[u8; 32], PhoneError> {
        let mut secret = [0u8; 32];
        SecRandom::default()
            .copy_bytes(&mut secret)
            .map_err(|_| PhoneError::Platform("SecRandomCopyBytes".into()))?;
        Ok(secret)
    }
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

/// One tap of the Taptic Engine: `UIImpactFeedbackGenerator.impactOccurred()`, light for a short
/// buzz and heavy from 200 ms (a tap has no length of its own). UIKit plays it only while the app
/// is in the foreground and System Haptics is on, and never with a sound
/// (<https://developer.apple.com/documentation/uikit/uiimpactfeedbackgenerator>). Main thread only,
/// as UIKit requires; dioxus runs the app's tasks there.
pub fn vibrate(ms: u32) -> Result<(), PhoneError> {
    let mtm = main_thread("vibrate")?;
    let style = if ms >= 200 {
        UIImpactFeedbackStyle::Heavy
    } else {
        UIImpactFeedbackStyle::Light
    };
    // Apple now prefers feedbackGeneratorWithStyle:forView: (iOS 17.5 and later), which older
    // phones lack; initWithStyle: still plays on every iOS the app supports.
    #[allow(deprecated)]
    let generator = UIImpactFeedbackGenerator::initWithStyle(mtm.alloc(), style);
    // Wakes the Taptic Engine first, so the tap lands as the phase starts.
    generator.prepare();
    generator.impactOccurred();
    Ok(())
}

/// Keeps the screen from dimming and locking while a breathing pacer runs (or lets it again):
/// `UIApplication.isIdleTimerDisabled`
/// (<https://developer.apple.com/documentation/uikit/uiapplication/isidletimerdisabled>). Main
/// thread only.
pub fn keep_screen_on(on: bool) -> Result<(), PhoneError> {
    let mtm = main_thread("idleTimerDisabled")?;
    UIApplication::sharedApplication(mtm).setIdleTimerDisabled(on);
    Ok(())
}
