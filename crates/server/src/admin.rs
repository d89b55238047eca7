//! What staff (and, until the console lands, the command line and the demo) do: make invites.

use crate::error::{ServerError, ServerResult};
use std::sync::Arc;

use crate::storage::{Person, Result, ServerStore};
use steady_core::protocol::Role;

/// An invite as shown once to staff: the code goes to the person, only its hash is stored.
#[derive(Clone, Debug)]
pub struct Invite {
    pub person: Person,
    pub code: String,
    pub expires_at: i64,
}

/// Crockford's base32 alphabet: no I, L, O or U, so codes read aloud cleanly.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Makes a person (or uses `existing`) and a one-time invite code for a device of theirs.
pub fn create_invite(
    store: &Arc<dyn ServerStore>,
    role: Role,
    display_name: &str,
    existing: Option<&str>,
    valid_days: i64,
) -> ServerResult<Invite> {
    let now = super::now();
    let person = match existing {
        Some(id) => store.person(id)?,
        None => store.add_person(role, display_name, now)?,
    };
    let bytes = steady_core::crypto::random_bytes()?;
    let raw: String = bytes[..12]
        .iter()
        .map(|b| ALPHABET[(*b & 31) as usize] as char)
        .collect();
    let code = format!("{}-{}-{}", &raw[..4], &raw[4..8], &raw[8..12]);
    let expires_at = now + valid_days * 86_400;
    store.add_invite(&person.id, &invite_hash(&code), expires_at)?;
    Ok(Invite {
        person,
        code,
        expires_at,
    })
}

/// Pairs a mentee with a mentor.
pub fn pair(store: &Arc<dyn ServerStore>, mentee: &str, mentor: &str) -> Result<()> {
    store.pair(mentee, mentor, super::now())
}

/// Publishes `directory_json` (a crisis directory as staff wrote it) as the next version, signed
/// with the program key as it is now. Every contact is checked first; a bad one refuses the whole
/// directory.
pub fn publish_directory(
    store: &Arc<dyn ServerStore>,
    data_dir: &std::path::Path,
    directory_json: &str,
) -> ServerResult<u64> {
    let key = super::program_key::load(data_dir, store.as_ref())?;
    publish_directory_with(store.as_ref(), &key, directory_json)
}

/// The version of the newest directory this program signed (0 before any).
pub(crate) fn newest_version(
    store: &dyn ServerStore,
    data_dir: &std::path::Path,
) -> ServerResult<u64> {
    let key = super::program_key::load(data_dir, store)?;
    Ok(newest_signed(store, &key.public())?.map_or(0, |d| d.version))
}

/// [`publish_directory`] by `staff` (their audit line kept with it), only as the version after
/// `base`: a directory kept meanwhile (the safeguarding inbox set up in another tab) makes it an
/// error, never a newer version that leaves out what that one said. (Two kept at once as the
/// same version: the second fails.)
pub(crate) fn publish_directory_after(
    store: &Arc<dyn ServerStore>,
    data_dir: &std::path::Path,
    directory_json: &str,
    base: u64,
    staff: &str,
) -> ServerResult<u64> {
    let key = super::program_key::load(data_dir, store.as_ref())?;
    let (version, signed) = sign_next_directory(store.as_ref(), &key, directory_json)?;
    if version != base + 1 {
        return Err(ServerError::Directory(format!(
            "another version (after {base}) was published meanwhile"
        )));
    }
    let detail = steady_core::i18n::Phrase::new(
        "audit-detail-version",
        &[("version", &version.to_string())],
    )
    .to_text();
    let line = crate::storage::staff::Audited::now(staff, "published the crisis contacts", &detail);
    store.publish_directory_noted(version, &signed, super::now(), Some(&line))?;
    Ok(version)
}

/// The newest published directory, when this program signed it: its signature checks with
/// `key` (or a key `key` signed over to, through the recorded rotations) and it says the version
/// it is filed under, so an old signed directory copied in at a higher version is not it either.
/// An error when the newest is not the program's: someone changed the server's database.
pub(crate) fn newest_signed(
    store: &dyn ServerStore,
    key: &str,
) -> ServerResult<Option<steady_core::domain::CrisisDirectory>> {
    let Some((latest, signed)) = store.latest_directory()? else {
        return Ok(None);
    };
    let rotations: Vec<steady_core::crypto::KeyRotation> = store
        .key_rotations()?
        .iter()
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect();
    let key = steady_core::crypto::follow_rotations(key, &rotations);
    serde_json::from_str::<steady_core::crypto::SignedDirectory>(&signed)
        .ok()
        .filter(|signed| signed.verifies_with(&key))
        .and_then(|signed| steady_core::domain::CrisisDirectory::from_json(&signed.payload).ok())
        .filter(|directory| directory.version == latest)
        .map(Some)
        .ok_or_else(|| {
            ServerError::Directory(format!(
                "the newest published directory (version {latest}) does not carry this \
                 program's signature: someone changed the server's database; nothing was published"
            ))
        })
}

/// [`publish_directory`] from the command line: a file with no `program` part (the contacts
/// alone, as in assets/crisis/) keeps the statement and where concerns go as last signed, so
/// publishing contacts never quietly takes the safeguarding inbox away. Says whether it kept it.
pub fn publish_contacts(
    store: &Arc<dyn ServerStore>,
    data_dir: &std::path::Path,
    directory_json: &str,
) -> ServerResult<(u64, bool)> {
    let key = super::program_key::load(data_dir, store.as_ref())?;
    let mut directory: serde_json::Value = serde_json::from_str(directory_json)?;
    let mut kept = false;
    if directory.get("program").is_none()
        && let Some(program) = newest_signed(store.as_ref(), &key.public())?.and_then(|d| d.program)
    {
        directory["program"] = serde_json::to_value(program)?;
        kept = true;
    }
    let version = publish_directory_with(store.as_ref(), &key, &directory.to_string())?;
    Ok((version, kept))
}

/// [`publish_directory`] with a key already loaded.
pub fn publish_directory_with(
    store: &dyn ServerStore,
    key: &steady_core::crypto::ProgramKey,
    directory_json: &str,
) -> ServerResult<u64> {
    let (version, signed) = sign_next_directory(store, key, directory_json)?;
    store.publish_directory(version, &signed, super::now())?;
    Ok(version)
}

/// `directory_json` as the next version, signed by `key`, ready to keep: (version, signed JSON).
pub(crate) fn sign_next_directory(
    store: &dyn ServerStore,
    key: &steady_core::crypto::ProgramKey,
    directory_json: &str,
) -> ServerResult<(u64, String)> {
    let mut directory = steady_core::domain::CrisisDirectory::from_json(directory_json)?;
    // The next version follows the newest one the program signed; a row written straight into
    // the database (say a version far ahead, past the 1,000 phones take at a time) is not
    // followed: nothing is published until it is gone, and the error says why.
    let version = match newest_signed(store, &key.public())? {
        None => 1,
        Some(latest) => latest
            .version
            .checked_add(1)
            .filter(|v| *v <= i64::MAX as u64)
            .ok_or_else(|| {
                ServerError::Directory("the directory's version cannot go any higher".to_string())
            })?,
    };
    directory.version = version;
    let signed = key.sign(serde_json::to_string(&directory)?);
    Ok((version, serde_json::to_string(&signed)?))
}

/// An invite code as typed: case, spaces and dashes do not matter.
pub fn normalize_invite_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub(crate) fn invite_hash(code: &str) -> String {
    steady_core::crypto::sha256_hex(normalize_invite_code(code).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_however_they_are_typed() {
        assert_eq!(
            invite_hash("AB12-CD34-EF56"),
            invite_hash(" ab12cd34 ef56 ")
        );
        assert_ne!(invite_hash("AB12-CD34-EF56"), invite_hash("AB12-CD34-EF57"));
    }
}

#[cfg(test)]
mod publish_tests {
    use super::*;

    #[test]
    fn a_publish_that_follows_an_older_version_fails_and_leaves_the_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn ServerStore> =
            Arc::new(crate::SqliteStore::open(dir.path(), "Bright Paths").unwrap());
        let card = include_str!("../../../assets/crisis/default-us.json");
        publish_directory(&store, dir.path(), card).unwrap();
        let base = newest_version(store.as_ref(), dir.path()).unwrap();
        assert_eq!(base, 1);
        // Meanwhile, another tab keeps version 2 (the inbox set up).
        publish_directory(&store, dir.path(), card).unwrap();
        let late = publish_directory_after(&store, dir.path(), card, base, "Dana");
        assert!(late.is_err(), "{late:?}");
        assert_eq!(store.latest_directory().unwrap().unwrap().0, 2);
        // Following the version it read, it publishes.
        assert_eq!(
            publish_directory_after(&store, dir.path(), card, 2, "Dana").unwrap(),
            3
        );
    }
}
