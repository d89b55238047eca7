//! The crisis directory on the device: the bundled defaults, and the program's directory once one
//! arrives. The program's is verified against the key pinned at enrolment, must be newer than the
//! one kept, and is stored in a plain file beside the database (it holds only public contacts),
//! so Help can show it while the app is locked and with no network. A bad signature or an older
//! version is refused and the last verified directory is kept forever.

use serde::{Deserialize, Serialize};

use super::{Device, DeviceError, Result, bundled_directory};
use crate::crypto::SignedDirectory;
use crate::domain::CrisisDirectory;
use crate::sync::{Api, CallError};

/// The file that keeps the last verified program directory.
pub const DIRECTORY_FILE: &str = "program-directory.json";

#[derive(Serialize, Deserialize)]
struct Kept {
    program_key: String,
    signed: SignedDirectory,
}

/// Why a fetched directory was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum DirectoryRefusal {
    BadSignature,
    NotNewer,
    Unreadable,
}

impl std::fmt::Display for DirectoryRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DirectoryRefusal::BadSignature => "its signature is not the program's",
            DirectoryRefusal::NotNewer => "it is not newer than the one kept",
            DirectoryRefusal::Unreadable => "it is not a readable directory",
        })
    }
}

impl Device {
    /// The contacts on the crisis card: the program's first (when one has arrived), then the
    /// bundled defaults they do not already list. Always available, with no network.
    pub fn crisis_directory(&self) -> CrisisDirectory {
        self.crisis_card().0
    }

    /// [`Device::crisis_directory`], and whether the program's own contacts are in it (read and
    /// verified once).
    pub fn crisis_card(&self) -> (CrisisDirectory, bool) {
        let mut directory = bundled_directory().clone();
        let program = self.program_directory();
        let from_program = program.is_some();
        if let Some(program) = program {
            let mut contacts = program.contacts;
            let defaults: Vec<_> = directory
                .contacts
                .into_iter()
                .filter(|c| !contacts_have(&contacts, &c.name))
                .collect();
            contacts.extend(defaults);
            directory = CrisisDirectory {
                version: program.version,
                region: program.region,
                contacts,
            };
        }
        (directory, from_program)
    }

    /// The program's directory kept on this device, re-verified as it is read.
    pub fn program_directory(&self) -> Option<CrisisDirectory> {
        let text = std::fs::read_to_string(self.data_dir().join(DIRECTORY_FILE)).ok()?;
        let kept: Kept = serde_json::from_str(&text).ok()?;
        if !kept.signed.verifies_with(&kept.program_key) {
            return None;
        }
        CrisisDirectory::from_json(&kept.signed.payload).ok()
    }

    /// Takes `signed` if the pinned program key signed it and it is newer than the one kept.
    pub fn accept_directory(
        &self,
        program_key: &str,
        signed: SignedDirectory,
    ) -> std::result::Result<u64, DirectoryRefusal> {
        if !signed.verifies_with(program_key) {
            return Err(DirectoryRefusal::BadSignature);
        }
        let directory = CrisisDirectory::from_json(&signed.payload)
            .map_err(|_| DirectoryRefusal::Unreadable)?;
        if self
            .program_directory()
            .is_some_and(|kept| kept.version >= directory.version)
        {
            return Err(DirectoryRefusal::NotNewer);
        }
        let kept = Kept {
            program_key: program_key.to_owned(),
            signed,
        };
        let bytes = serde_json::to_vec(&kept).map_err(|_| DirectoryRefusal::Unreadable)?;
        crate::platform::replace_private_file(&self.data_dir().join(DIRECTORY_FILE), &bytes)
            .map_err(|_| DirectoryRefusal::Unreadable)?;
        Ok(directory.version)
    }

    /// Asks the program's server for a newer directory (a 304 when there is none).
    pub(super) async fn refresh_directory(&self) -> Result<()> {
        let Some(enrolment) = self.enrolment()? else {
            return Ok(());
        };
        let Some(program_key) = enrolment.program_key else {
            return Ok(());
        };
        let kept = self.program_directory().map(|d| d.version);
        let fetched = Api::new(&enrolment.server_url)
            .directory(&enrolment.token, kept)
            .await
            .map_err(|err: CallError| DeviceError::Sync(err.to_string()))?;
        if let Some(signed) = fetched {
            self.accept_directory(&program_key, signed).map_err(|why| {
                DeviceError::Sync(format!("The crisis directory was refused: {why}."))
            })?;
        }
        Ok(())
    }
}

fn contacts_have(contacts: &[crate::domain::CrisisContact], name: &str) -> bool {
    contacts.iter().any(|c| c.name == name)
}
