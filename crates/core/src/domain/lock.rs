//! The rules of the passcode lock, as plain values: what counts as a passcode, how long the app
//! waits after wrong tries, and the auto-lock choices. The key wrap itself is in `crypto::passcode`.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What guards the data key's file besides the passcode, which decides how long a passcode must
/// be. A phone's keystore binds the file to the phone, so a copied file can't be guessed at
/// elsewhere and 4 numbers (with the app's waits) are enough. Without one, a copied file can be
/// guessed at on any computer, so it takes at least 6 numbers or a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyGuard {
    /// The Android Keystore or the iOS Keychain.
    PhoneKeystore,
    /// A computer, or the preview: nothing but the passcode.
    PasscodeOnly,
    /// A phone whose keystore did not answer when the key file was written, so the file is kept
    /// as on a computer: the passcode carries the weight alone until the keystore seals it again.
    KeystoreAway,
}

impl KeyGuard {
    /// The fewest numbers a number passcode may have.
    pub fn min_digits(self) -> usize {
        match self {
            KeyGuard::PhoneKeystore => 4,
            KeyGuard::PasscodeOnly | KeyGuard::KeystoreAway => 6,
        }
    }

    /// The rule in plain words, for the passcode form, in `lang`.
    pub fn hint_in(self, lang: crate::i18n::Lang) -> String {
        match self {
            KeyGuard::PhoneKeystore => crate::t!(lang, "passcode-hint-phone"),
            KeyGuard::PasscodeOnly => crate::t!(lang, "passcode-hint-here"),
            KeyGuard::KeystoreAway => crate::t!(lang, "passcode-hint-keystore-away"),
        }
    }

    /// The rule in plain words, for the passcode form.
    pub fn hint(self) -> &'static str {
        match self {
            KeyGuard::PhoneKeystore => "Use 4 to 8 numbers, or a phrase.",
            KeyGuard::PasscodeOnly => {
                "Use 6 to 8 numbers, or a phrase. This device has no security chip guarding your data like a phone does, so a longer passcode keeps it safe."
            }
            KeyGuard::KeystoreAway => {
                "Use 6 to 8 numbers, or a phrase. This phone's secure key store didn't answer, so for now your passcode is the only lock."
            }
        }
    }
}

/// Why a new passcode was not accepted. Messages are for the mentee.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PasscodeRule {
    #[error("Use 4 to 8 numbers, or a phrase of at least 6 characters.")]
    TooShort,
    #[error(
        "Use 6 to 8 numbers, or a phrase of at least 6 characters. This device has no security chip guarding your data, so a longer passcode keeps it safe."
    )]
    TooShortHere,
    #[error(
        "Use 6 to 8 numbers, or a phrase of at least 6 characters. This phone's secure key store didn't answer, so for now your passcode is the only lock."
    )]
    TooShortKeystoreAway,
    #[error("A number passcode can be up to 8 numbers. Or use a phrase.")]
    TooManyDigits,
    #[error("That's longer than the app can use. Try something under 100 characters.")]
    TooLong,
    #[error("The two passcodes aren't the same. Try typing them again.")]
    Mismatch,
}

/// Checks a new passcode: 4 (or, with `guard` [`KeyGuard::PasscodeOnly`], 6) to 8 digits, or a
/// passphrase of 6 to 100 characters.
pub fn check_new_passcode(
    passcode: &str,
    again: &str,
    guard: KeyGuard,
) -> Result<(), PasscodeRule> {
    let length = passcode.chars().count();
    if passcode.chars().all(|c| c.is_ascii_digit()) {
        if length < 4 {
            return Err(PasscodeRule::TooShort);
        }
        if length < guard.min_digits() {
            return Err(match guard {
                KeyGuard::KeystoreAway => PasscodeRule::TooShortKeystoreAway,
                _ => PasscodeRule::TooShortHere,
            });
        }
        if length > 8 {
            return Err(PasscodeRule::TooManyDigits);
        }
    } else if length < 6 || passcode.trim().is_empty() {
        return Err(PasscodeRule::TooShort);
    } else if length > 100 {
        return Err(PasscodeRule::TooLong);
    }
    if passcode != again {
        return Err(PasscodeRule::Mismatch);
    }
    Ok(())
}

/// Wrong tries before the first wait.
pub const FREE_TRIES: u32 = 4;

/// How long to wait before the next try after `failures` wrong tries in a row: nothing for the
/// first four, then 30 seconds, 1, 5 and at most 15 minutes. Data is never wiped for wrong tries.
pub fn wait_after(failures: u32) -> Duration {
    let seconds = match failures.saturating_sub(FREE_TRIES) {
        0 => 0,
        1 => 30,
        2 => 60,
        3 => 5 * 60,
        _ => 15 * 60,
    };
    Duration::from_secs(seconds)
}

/// When the app locks itself once a passcode is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AutoLock {
    /// As soon as the mentee leaves the app (or after a minute with no touches).
    #[default]
    Immediately,
    OneMinute,
    FiveMinutes,
    FifteenMinutes,
}

impl AutoLock {
    pub const ALL: [AutoLock; 4] = [
        AutoLock::Immediately,
        AutoLock::OneMinute,
        AutoLock::FiveMinutes,
        AutoLock::FifteenMinutes,
    ];

    /// How long the app may be away (in the background) before it locks.
    pub fn away(self) -> Duration {
        Duration::from_secs(match self {
            AutoLock::Immediately => 0,
            AutoLock::OneMinute => 60,
            AutoLock::FiveMinutes => 5 * 60,
            AutoLock::FifteenMinutes => 15 * 60,
        })
    }

    /// How long the app may sit open with no touches before it locks (never less than a minute,
    /// so it doesn't lock while someone is reading).
    pub fn idle(self) -> Duration {
        self.away().max(Duration::from_secs(60))
    }

    pub fn words(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(lang, &format!("auto-lock-{}", self.key()))
    }

    pub fn label(self) -> &'static str {
        match self {
            AutoLock::Immediately => "Right away",
            AutoLock::OneMinute => "After 1 minute",
            AutoLock::FiveMinutes => "After 5 minutes",
            AutoLock::FifteenMinutes => "After 15 minutes",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            AutoLock::Immediately => "now",
            AutoLock::OneMinute => "1",
            AutoLock::FiveMinutes => "5",
            AutoLock::FifteenMinutes => "15",
        }
    }
}

/// The words a wait is shown in: "30 seconds", "1 minute", "5 minutes".
pub fn wait_words(wait: Duration) -> String {
    let seconds = wait.as_secs().max(1);
    if seconds < 60 {
        format!("{seconds} seconds")
    } else {
        let minutes = seconds.div_ceil(60);
        if minutes == 1 {
            "1 minute".into()
        } else {
            format!("{minutes} minutes")
        }
    }
}

impl crate::i18n::Say for PasscodeRule {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(
            lang,
            match self {
                PasscodeRule::TooShort => "err-passcode-short",
                PasscodeRule::TooShortHere => "err-passcode-short-here",
                PasscodeRule::TooShortKeystoreAway => "err-passcode-short-keystore",
                PasscodeRule::TooManyDigits => "err-passcode-digits",
                PasscodeRule::TooLong => "err-passcode-long",
                PasscodeRule::Mismatch => "err-passcode-mismatch",
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passcodes_are_4_to_8_digits_on_a_phone_or_a_phrase() {
        let phone = KeyGuard::PhoneKeystore;
        assert_eq!(check_new_passcode("2468", "2468", phone), Ok(()));
        assert_eq!(check_new_passcode("12345678", "12345678", phone), Ok(()));
        assert_eq!(
            check_new_passcode("246", "246", phone),
            Err(PasscodeRule::TooShort)
        );
        assert_eq!(
            check_new_passcode("123456789", "123456789", phone),
            Err(PasscodeRule::TooManyDigits)
        );
        assert_eq!(
            check_new_passcode("river stones", "river stones", phone),
            Ok(())
        );
        assert_eq!(
            check_new_passcode("river", "river", phone),
            Err(PasscodeRule::TooShort)
        );
        assert_eq!(
            check_new_passcode("      ", "      ", phone),
            Err(PasscodeRule::TooShort)
        );
        assert_eq!(
            check_new_passcode("2468", "2486", phone),
            Err(PasscodeRule::Mismatch)
        );
        let long = "a".repeat(101);
        assert_eq!(
            check_new_passcode(&long, &long, phone),
            Err(PasscodeRule::TooLong)
        );
    }

    #[test]
    fn without_a_keystore_number_passcodes_need_six_and_say_why() {
        let here = KeyGuard::PasscodeOnly;
        let short = check_new_passcode("2468", "2468", here).unwrap_err();
        assert_eq!(short, PasscodeRule::TooShortHere);
        assert!(short.to_string().contains("security chip"));
        assert_eq!(check_new_passcode("246813", "246813", here), Ok(()));
        assert_eq!(
            check_new_passcode("river stones", "river stones", here),
            Ok(())
        );
        assert!(here.hint().contains("6 to 8"));
    }

    #[test]
    fn waits_grow_after_four_tries_and_stop_growing_at_fifteen_minutes() {
        let waits: Vec<u64> = (0..10).map(|n| wait_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 30, 60, 300, 900, 900]);
        assert_eq!(wait_after(u32::MAX).as_secs(), 900);
        assert_eq!(wait_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_words(Duration::from_secs(61)), "2 minutes");
        assert_eq!(wait_words(Duration::from_secs(60)), "1 minute");
    }

    #[test]
    fn auto_lock_never_locks_a_reader_within_a_minute() {
        assert_eq!(AutoLock::Immediately.away(), Duration::ZERO);
        assert_eq!(AutoLock::Immediately.idle(), Duration::from_secs(60));
        assert_eq!(AutoLock::FiveMinutes.idle(), Duration::from_secs(300));
    }
}
