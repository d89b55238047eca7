//! The crisis directory on the device: the bundled defaults, and the program's directory once one
//! arrives. The bundled lines (988, the Crisis Text Line, 911) are always on the card, exactly as
//! shipped; a program's contacts stand beside them and can never remove or renumber them.
//!
//! The program's directory is verified against the program key pinned at enrolment, kept in a
//! small file sealed by the device's key vault (readable while locked, so the lock screen's card
//! has the program's contacts too, and not replaceable by someone who can only write files). It
//! must be newer than the one kept, and by no absurd jump; a key rotation is followed only when
//! the pinned key signed it. The last verified directory is kept forever in a plain file beside
//! the database (public contacts only), so Help works with no network.

use serde::{Deserialize, Serialize};

use super::{Device, DeviceError, Result};
use crate::crypto::{SignedDirectory, follow_rotations};
use crate::domain::CrisisDirectory;
use crate::sync::Api;

/// The file that keeps the last verified program directory.
pub const DIRECTORY_FILE: &str = "program-directory.json";
/// The program's public key as pinned at enrolment (or followed through a signed rotation),
/// sealed by the device's key vault.
pub const PINNED_KEY_FILE: &str = "program-key.pinned";
/// How far past the kept version a new directory may jump. A program publishes one version at a
/// time; a directory claiming version 2^64 - 1 would freeze every phone on it for good.
const MAX_VERSION_JUMP: u64 = 1_000;

#[derive(Serialize, Deserialize)]
struct Kept {
    signed: SignedDirectory,
}

/// Why a fetched directory was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum DirectoryRefusal {
    BadSignature,
    NotNewer,
    TooFarAhead,
    Unreadable,
    NotPinned,
}

impl std::fmt::Display for DirectoryRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DirectoryRefusal::BadSignature => "its signature is not the program's",
            DirectoryRefusal::NotNewer => "it is not newer than the one kept",
            DirectoryRefusal::TooFarAhead => "its version jumps too far ahead",
            DirectoryRefusal::Unreadable => "it is not a readable directory",
            DirectoryRefusal::NotPinned => "this device has no program key pinned",
        })
    }
}

impl Device {
    /// The contacts on the crisis card: the program's first (when one has arrived), then every
    /// bundled line, as shipped. Always available, with no network.
    pub fn crisis_directory(&self) -> CrisisDirectory {
        self.crisis_card().0
    }

    /// [`Device::crisis_directory`], and whether the program's own contacts are in it.
    pub fn crisis_card(&self) -> (CrisisDirectory, bool) {
        crisis_card_at(self.data_dir())
    }

    /// The program's directory kept on this device, verified against the pinned key as it is read.
    pub fn program_directory(&self) -> Option<CrisisDirectory> {
        program_directory_at(self.data_dir())
    }

    /// The program key this device trusts, from its vault-sealed file.
    pub fn pinned_program_key(&self) -> Option<String> {
        pinned_program_key_at(self.data_dir())
    }

    /// Pins `key` (at enrolment, or after following a signed rotation).
    pub(super) fn pin_program_key(&self, key: &str) -> Result<()> {
        let sealed = crate::platform::key_vault(self.data_dir())
            .seal(key.as_bytes())
            .map_err(|err| DeviceError::KeyNotKept(err.to_string()))?;
        crate::platform::replace_private_file(&self.data_dir().join(PINNED_KEY_FILE), &sealed)
            .map_err(crate::store::StoreError::Io)?;
        Ok(())
    }

    /// Takes `signed` if the pinned key (or a key it signed over to) signed it, and it is newer
    /// than the one kept by a sane step. Returns the version taken.
    pub fn accept_directory(
        &self,
        signed: SignedDirectory,
    ) -> std::result::Result<u64, DirectoryRefusal> {
        let pinned = self
            .pinned_program_key()
            .ok_or(DirectoryRefusal::NotPinned)?;
        let key = follow_rotations(&pinned, &signed.rotations);
        if !signed.verifies_with(&key) {
            return Err(DirectoryRefusal::BadSignature);
        }
        let directory = CrisisDirectory::from_json(&signed.payload)
            .map_err(|_| DirectoryRefusal::Unreadable)?;
        let kept = self.program_directory().map_or(0, |d| d.version);
        if directory.version <= kept {
            return Err(DirectoryRefusal::NotNewer);
        }
        if directory.version - kept > MAX_VERSION_JUMP {
            return Err(DirectoryRefusal::TooFarAhead);
        }
        // Where concerns and reports go is pinned with the directory: a change (a new key, or
        // none) is told to the person, so a new inbox never takes their next concern unseen.
        let inbox_before = self
            .program_directory()
            .and_then(|d| d.program)
            .and_then(|p| p.safeguarding);
        let inbox_now = directory
            .program
            .as_ref()
            .and_then(|p| p.safeguarding.clone());
        let bytes =
            serde_json::to_vec(&Kept { signed }).map_err(|_| DirectoryRefusal::Unreadable)?;
        if key != pinned {
            self.pin_program_key(&key)
                .map_err(|_| DirectoryRefusal::Unreadable)?;
            if let Ok(mut store) = self.store() {
                let _ = store.set_program_key(&key);
            }
        }
        crate::platform::replace_private_file(&self.data_dir().join(DIRECTORY_FILE), &bytes)
            .map_err(|_| DirectoryRefusal::Unreadable)?;
        if let Some(before) = inbox_before
            && inbox_now.as_ref().map(|now| &now.key) != Some(&before.key)
            && let Ok(mut store) = self.store()
        {
            let words = match &inbox_now {
                Some(now) => {
                    crate::i18n::Phrase::new("notice-inbox-changed", &[("name", &now.name)])
                }
                None => crate::i18n::Phrase::new("notice-inbox-gone", &[]),
            };
            let _ = store.add_notice(
                crate::store::NoticeKind::InboxChanged,
                &words.to_text(),
                "",
                crate::domain::LocalStamp::now(),
            );
        }
        Ok(directory.version)
    }

    /// Asks the program's server for a newer directory (a 304 when there is none).
    pub(super) async fn refresh_directory(&self) -> Result<()> {
        let Some(enrolment) = self.enrolment()? else {
            return Ok(());
        };
        if self.pinned_program_key().is_none() {
            // Enrolled before keys were pinned in the vault: pin the one kept at enrolment.
            let Some(key) = enrolment.program_key.as_deref() else {
                return Ok(());
            };
            self.pin_program_key(key)?;
        }
        let kept = self.program_directory().map(|d| d.version);
        let fetched = Api::new(&enrolment.server_url)
            .directory(&enrolment.token, kept)
            .await
            .map_err(DeviceError::from_call)?;
        if let Some(signed) = fetched {
            self.accept_directory(signed)
                .map_err(|why| DeviceError::DirectoryRefused(why.to_string()))?;
        }
        Ok(())
    }
}

/// The crisis card of the device whose files are in `data_dir`, read without opening its
/// database: the bundled lines, and the program's own contacts where they still verify against
/// the pinned key. The lock screen and the screen shown when the app cannot open use it.
pub fn crisis_card_at(data_dir: &std::path::Path) -> (CrisisDirectory, bool) {
    CrisisDirectory::card(
        crate::domain::crisis::bundled_crisis_directory(),
        program_directory_at(data_dir),
    )
}

/// The program's rules as this device holds them (signed by the program key it pinned), or the
/// general ones. The mentee's phone checks every reply against these itself: a mentor's app is
/// never the only guard of what reaches a young person.
pub(crate) fn program_care_at(data_dir: &std::path::Path) -> crate::domain::ProgramCare {
    program_directory_at(data_dir)
        .and_then(|directory| directory.program)
        .unwrap_or_else(crate::domain::ProgramCare::general)
}

fn program_directory_at(data_dir: &std::path::Path) -> Option<CrisisDirectory> {
    let key = pinned_program_key_at(data_dir)?;
    let text = std::fs::read_to_string(data_dir.join(DIRECTORY_FILE)).ok()?;
    let kept: Kept = serde_json::from_str(&text).ok()?;
    let key = follow_rotations(&key, &kept.signed.rotations);
    if !kept.signed.verifies_with(&key) {
        return None;
    }
    CrisisDirectory::from_json(&kept.signed.payload).ok()
}

fn pinned_program_key_at(data_dir: &std::path::Path) -> Option<String> {
    let sealed = std::fs::read(data_dir.join(PINNED_KEY_FILE)).ok()?;
    let key = crate::platform::key_vault(data_dir).open(&sealed).ok()?;
    String::from_utf8(key).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_cannot_remove_or_renumber_the_bundled_lines() {
        let bundled = crate::domain::crisis::bundled_crisis_directory();
        let mut hijack = bundled.clone();
        hijack.version = 9;
        for contact in &mut hijack.contacts {
            contact.phone = Some("5555550100".into());
            contact.text = None;
        }
        let (card, from_program) = CrisisDirectory::card(bundled, Some(hijack));
        assert!(from_program);
        for line in &bundled.contacts {
            assert!(card.contacts.contains(line), "{} is still there", line.name);
        }
        assert_eq!(
            card.contacts.len(),
            bundled.contacts.len(),
            "nothing passes itself off as a bundled line"
        );
        let calls: Vec<_> = card
            .contacts
            .iter()
            .filter_map(|c| c.phone.clone())
            .collect();
        assert!(calls.contains(&"988".to_string()) && calls.contains(&"911".to_string()));
    }
}
