//! The iOS Keychain secret's one rule: read it; make one only when the Keychain says there is
//! none; never replace one. Every sealed key file on the phone is sealed with this secret, so a
//! replaced secret makes every one of them unopenable, and a Keychain that is merely unavailable
//! (the phone locked, before the first unlock after a restart, a missing entitlement) must never
//! read as "no secret yet".
//!
//! The statuses (values from `SecBase.h`; Apple's list is "Security Framework Result Codes",
//! <https://developer.apple.com/documentation/security/security-framework-result-codes>):
//!
//! | status | what it says | after the read | after the add |
//! |---|---|---|---|
//! | `errSecItemNotFound` (-25300) | no item matches | make one | unavailable |
//! | `errSecDuplicateItem` (-25299) | "The item already exists." | unavailable | read theirs |
//! | `errSecInteractionNotAllowed` (-25308) | the item cannot be reached now: ours is readable only while the phone is unlocked | unavailable | unavailable |
//! | `errSecMissingEntitlement` (-34018) | "A required entitlement isn't present." (a signing problem) | unavailable | unavailable |
//! | anything else | | unavailable | unavailable |
//!
//! `SecItemCopyMatching` answers `errSecItemNotFound` when no item matches the query
//! (<https://developer.apple.com/documentation/security/secitemcopymatching(_:_:)>). `SecItemAdd`
//! answers `errSecDuplicateItem` when the keychain already has an item of the same class with
//! the same primary keys, for a generic password its service and account, and adds nothing
//! (<https://developer.apple.com/documentation/security/secitemadd(_:_:)>,
//! <https://developer.apple.com/documentation/security/errsecduplicateitem>). Our item is
//! `kSecAttrAccessibleWhenUnlockedThisDeviceOnly`, readable only while the phone is unlocked
//! (<https://developer.apple.com/documentation/security/ksecattraccessiblewhenunlockedthisdeviceonly>),
//! so a locked phone is the everyday way to meet `errSecInteractionNotAllowed`.
//!
//! So the only write is an add: another caller that made the secret between our read and our
//! add wins, and we read theirs. [`SecretKeychain`] has no update, so nothing here can overwrite
//! a secret.

use crate::PhoneError;

/// `errSecSuccess`: no error.
pub const ERR_SEC_SUCCESS: i32 = 0;
/// `errSecItemNotFound`: no such item; on a read, there is no secret yet.
pub const ERR_SEC_ITEM_NOT_FOUND: i32 = -25300;
/// `errSecDuplicateItem`: the item already exists; on an add, someone else made it first.
pub const ERR_SEC_DUPLICATE_ITEM: i32 = -25299;
/// `errSecInteractionNotAllowed`: the Keychain is locked (the phone is locked, or has not been
/// unlocked since it started).
pub const ERR_SEC_INTERACTION_NOT_ALLOWED: i32 = -25308;
/// `errSecMissingEntitlement`: the app is not signed with the entitlement the item needs.
pub const ERR_SEC_MISSING_ENTITLEMENT: i32 = -34018;

/// The Keychain calls the secret needs: a read and an add. There is deliberately no update.
pub trait SecretKeychain {
    /// The stored secret's bytes (`SecItemCopyMatching`), or the status it failed with.
    fn read(&mut self) -> Result<Vec<u8>, i32>;
    /// Stores `secret` if no secret is stored (`SecItemAdd`, never `SecItemUpdate`).
    fn add(&mut self, secret: &[u8; 32]) -> Result<(), i32>;
    /// 32 bytes from the system's random source.
    fn fresh(&mut self) -> Result<[u8; 32], PhoneError>;
}

/// Which Keychain call answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeychainCall {
    /// The first read.
    Read,
    /// The add of a fresh secret, after the first read found none.
    Add,
    /// The read after an add found the secret already made.
    ReadAgain,
}

impl KeychainCall {
    fn name(self) -> &'static str {
        match self {
            KeychainCall::Read => "SecItemCopyMatching",
            KeychainCall::Add => "SecItemAdd",
            KeychainCall::ReadAgain => "SecItemCopyMatching after errSecDuplicateItem",
        }
    }
}

/// What a failed Keychain call's status means Steady does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeychainNext {
    /// There is no secret yet: make one and add it.
    MakeOne,
    /// Another caller added the secret meanwhile: read theirs.
    ReadAgain,
    /// The Keychain is unavailable now; make nothing and replace nothing.
    GiveUp(PhoneError),
}

/// The one place the statuses are read (see this module's table).
pub fn keychain_next(call: KeychainCall, status: i32) -> KeychainNext {
    match (call, status) {
        (KeychainCall::Read, ERR_SEC_ITEM_NOT_FOUND) => KeychainNext::MakeOne,
        (KeychainCall::Add, ERR_SEC_DUPLICATE_ITEM) => KeychainNext::ReadAgain,
        (call, status) => KeychainNext::GiveUp(PhoneError::Platform(format!(
            "{}: {}",
            call.name(),
            status_name(status)
        ))),
    }
}

fn status_name(status: i32) -> String {
    let name = match status {
        ERR_SEC_ITEM_NOT_FOUND => "errSecItemNotFound",
        ERR_SEC_DUPLICATE_ITEM => "errSecDuplicateItem",
        ERR_SEC_INTERACTION_NOT_ALLOWED => "errSecInteractionNotAllowed, the phone is locked",
        ERR_SEC_MISSING_ENTITLEMENT => "errSecMissingEntitlement",
        _ => "OSStatus",
    };
    format!("{name} ({status})")
}

/// The 32-byte secret: the stored one, or a fresh one added when the Keychain has none.
pub fn read_or_make_secret(keychain: &mut impl SecretKeychain) -> Result<[u8; 32], PhoneError> {
    match keychain.read() {
        Ok(bytes) => return stored(bytes),
        Err(status) => match keychain_next(KeychainCall::Read, status) {
            KeychainNext::MakeOne => {}
            KeychainNext::ReadAgain => {
                return Err(PhoneError::Platform("SecItemCopyMatching".into()));
            }
            KeychainNext::GiveUp(err) => return Err(err),
        },
    }
    let mut fresh = keychain.fresh()?;
    match keychain.add(&fresh) {
        Ok(()) => Ok(fresh),
        Err(status) => {
            fresh.fill(0);
            match keychain_next(KeychainCall::Add, status) {
                KeychainNext::ReadAgain => match keychain.read() {
                    Ok(bytes) => stored(bytes),
                    Err(status) => Err(match keychain_next(KeychainCall::ReadAgain, status) {
                        KeychainNext::GiveUp(err) => err,
                        _ => PhoneError::Platform(KeychainCall::ReadAgain.name().into()),
                    }),
                },
                KeychainNext::GiveUp(err) => Err(err),
                KeychainNext::MakeOne => Err(PhoneError::Platform("SecItemAdd".into())),
            }
        }
    }
}

/// A stored secret of any length but 32 bytes is damaged; it is left where it is.
fn stored(mut bytes: Vec<u8>) -> Result<[u8; 32], PhoneError> {
    let secret = <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| PhoneError::Damaged);
    bytes.fill(0);
    secret
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Keychain in memory that answers the statuses it is given and records every call.
    struct FakeKeychain {
        stored: Option<Vec<u8>>,
        read_fails: Vec<i32>,
        add_fails: Option<i32>,
        /// What another caller adds just before our add (the race).
        added_meanwhile: Option<Vec<u8>>,
        calls: Vec<&'static str>,
    }

    impl FakeKeychain {
        fn holding(stored: Option<&[u8]>) -> Self {
            FakeKeychain {
                stored: stored.map(<[u8]>::to_vec),
                read_fails: Vec::new(),
                add_fails: None,
                added_meanwhile: None,
                calls: Vec::new(),
            }
        }
    }

    impl SecretKeychain for FakeKeychain {
        fn read(&mut self) -> Result<Vec<u8>, i32> {
            self.calls.push("read");
            if !self.read_fails.is_empty() {
                return Err(self.read_fails.remove(0));
            }
            self.stored.clone().ok_or(ERR_SEC_ITEM_NOT_FOUND)
        }

        fn add(&mut self, secret: &[u8; 32]) -> Result<(), i32> {
            self.calls.push("add");
            if let Some(theirs) = self.added_meanwhile.take() {
                self.stored = Some(theirs);
            }
            if let Some(status) = self.add_fails {
                return Err(status);
            }
            if self.stored.is_some() {
                return Err(ERR_SEC_DUPLICATE_ITEM);
            }
            self.stored = Some(secret.to_vec());
            Ok(())
        }

        fn fresh(&mut self) -> Result<[u8; 32], PhoneError> {
            self.calls.push("fresh");
            Ok([7; 32])
        }
    }

    #[test]
    fn the_statuses_say_what_to_do_next() {
        use KeychainCall::*;
        assert_eq!(
            keychain_next(Read, ERR_SEC_ITEM_NOT_FOUND),
            KeychainNext::MakeOne
        );
        assert_eq!(
            keychain_next(Add, ERR_SEC_DUPLICATE_ITEM),
            KeychainNext::ReadAgain
        );
        for (call, status) in [
            (Read, ERR_SEC_INTERACTION_NOT_ALLOWED),
            (Read, ERR_SEC_MISSING_ENTITLEMENT),
            (Read, ERR_SEC_DUPLICATE_ITEM),
            (Read, -50),
            (Read, -25291),
            (Add, ERR_SEC_ITEM_NOT_FOUND),
            (Add, ERR_SEC_INTERACTION_NOT_ALLOWED),
            (Add, ERR_SEC_MISSING_ENTITLEMENT),
            (ReadAgain, ERR_SEC_ITEM_NOT_FOUND),
            (ReadAgain, ERR_SEC_DUPLICATE_ITEM),
        ] {
            match keychain_next(call, status) {
                KeychainNext::GiveUp(PhoneError::Platform(why)) => {
                    assert!(why.contains(&status.to_string()), "{why}");
                }
                other => panic!("{call:?} {status}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_stored_secret_is_used_and_nothing_is_written() {
        let mut keychain = FakeKeychain::holding(Some(&[3; 32]));
        assert_eq!(read_or_make_secret(&mut keychain), Ok([3; 32]));
        assert_eq!(keychain.calls, ["read"]);
    }

    #[test]
    fn no_secret_yet_makes_one_with_an_add() {
        let mut keychain = FakeKeychain::holding(None);
        assert_eq!(read_or_make_secret(&mut keychain), Ok([7; 32]));
        assert_eq!(keychain.calls, ["read", "fresh", "add"]);
        assert_eq!(keychain.stored.as_deref(), Some(&[7; 32][..]));
    }

    #[test]
    fn a_locked_keychain_makes_nothing_and_keeps_the_secret() {
        for status in [
            ERR_SEC_INTERACTION_NOT_ALLOWED,
            ERR_SEC_MISSING_ENTITLEMENT,
            -50,
        ] {
            let mut keychain = FakeKeychain::holding(Some(&[3; 32]));
            keychain.read_fails = vec![status];
            assert!(matches!(
                read_or_make_secret(&mut keychain),
                Err(PhoneError::Platform(_))
            ));
            assert_eq!(keychain.calls, ["read"], "{status}");
            assert_eq!(keychain.stored.as_deref(), Some(&[3; 32][..]));
        }
    }

    #[test]
    fn a_secret_made_meanwhile_by_another_caller_is_read_not_replaced() {
        let mut keychain = FakeKeychain::holding(None);
        keychain.added_meanwhile = Some(vec![9; 32]);
        assert_eq!(read_or_make_secret(&mut keychain), Ok([9; 32]));
        assert_eq!(keychain.calls, ["read", "fresh", "add", "read"]);
        assert_eq!(keychain.stored.as_deref(), Some(&[9; 32][..]));
    }

    #[test]
    fn a_failed_add_or_second_read_is_unavailable() {
        let mut keychain = FakeKeychain::holding(None);
        keychain.add_fails = Some(ERR_SEC_INTERACTION_NOT_ALLOWED);
        assert!(matches!(
            read_or_make_secret(&mut keychain),
            Err(PhoneError::Platform(_))
        ));
        assert_eq!(keychain.stored, None);

        let mut keychain = FakeKeychain::holding(None);
        keychain.added_meanwhile = Some(vec![9; 32]);
        keychain.read_fails = vec![ERR_SEC_ITEM_NOT_FOUND, ERR_SEC_INTERACTION_NOT_ALLOWED];
        assert!(matches!(
            read_or_make_secret(&mut keychain),
            Err(PhoneError::Platform(_))
        ));
        // One add only: no second attempt that could race again.
        assert_eq!(keychain.calls, ["read", "fresh", "add", "read"]);
        assert_eq!(keychain.stored.as_deref(), Some(&[9; 32][..]));
    }

    #[test]
    fn a_stored_secret_of_the_wrong_length_is_damaged_and_left_alone() {
        let mut keychain = FakeKeychain::holding(Some(&[3; 16]));
        assert_eq!(read_or_make_secret(&mut keychain), Err(PhoneError::Damaged));
        assert_eq!(keychain.calls, ["read"]);
        assert_eq!(keychain.stored.as_deref(), Some(&[3; 16][..]));
    }
}
