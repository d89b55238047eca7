//! The program's signing key on the server: `program.key` in the data folder (owner-only), read
//! each time it is used, so a rotation made from the command line takes effect at once in a
//! running server. Rotating makes a new key, has the old key sign "the new key replaces me",
//! re-signs the newest crisis directory with the new key, and swaps the files; phones follow the
//! signed chain from the key they pinned (`crypto::directory::follow_rotations`).
//!
//! A crash part-way leaves either the old key (nothing recorded) or `program.key.next` beside a
//! recorded rotation to it, which the next read finishes swapping in.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::store::ServerStore;
use crate::crypto::{KeyRotation, ProgramKey};

/// The program's signing key file inside the server's data directory.
pub const PROGRAM_KEY_FILE: &str = "program.key";
const NEXT_KEY_FILE: &str = "program.key.next";

fn path(data_dir: &Path, name: &str) -> PathBuf {
    data_dir.join(name)
}

/// The current key (made on first use), finishing an interrupted rotation first.
pub fn load(data_dir: &Path, store: &dyn ServerStore) -> anyhow::Result<ProgramKey> {
    finish_rotation(data_dir, store)?;
    ProgramKey::load_or_create(&path(data_dir, PROGRAM_KEY_FILE))
        .map_err(|err| anyhow::anyhow!("the program key {PROGRAM_KEY_FILE}: {err}"))
}

/// Replaces the program key with a new one that the old one vouches for; re-signs the newest
/// crisis directory with it. Returns the new public key.
pub fn rotate(data_dir: &Path, store: &dyn ServerStore) -> anyhow::Result<String> {
    let old = load(data_dir, store)?;
    let (next, pkcs8) = ProgramKey::generate()?;
    let next_path = path(data_dir, NEXT_KEY_FILE);
    let _ = std::fs::remove_file(&next_path);
    crate::platform::write_private_file(&next_path, &pkcs8).context("writing the new key")?;
    let rotation = old.rotate_to(&next);
    // The newest directory, signed again by the new key as the next version, so phones move to
    // the new key at their next sync.
    let resigned = match store.latest_directory()? {
        Some((version, signed)) => {
            let signed: crate::crypto::SignedDirectory = serde_json::from_str(&signed)?;
            let mut directory = crate::domain::CrisisDirectory::from_json(&signed.payload)?;
            directory.version = version + 1;
            let again = next.sign(serde_json::to_string(&directory)?);
            Some((directory.version, serde_json::to_string(&again)?))
        }
        None => None,
    };
    store.add_key_rotation(&serde_json::to_string(&rotation)?, resigned, super::now())?;
    finish_rotation(data_dir, store)?;
    Ok(next.public())
}

/// Swaps in `program.key.next` if a rotation to it was recorded (else removes it).
fn finish_rotation(data_dir: &Path, store: &dyn ServerStore) -> anyhow::Result<()> {
    let next_path = path(data_dir, NEXT_KEY_FILE);
    if !next_path.exists() {
        return Ok(());
    }
    let next = ProgramKey::load_or_create(&next_path)
        .map_err(|err| anyhow::anyhow!("the new program key: {err}"))?;
    let recorded = store
        .key_rotations()?
        .iter()
        .filter_map(|json| serde_json::from_str::<KeyRotation>(json).ok())
        .any(|rotation| rotation.new_key == next.public());
    if !recorded {
        std::fs::remove_file(&next_path)?;
        return Ok(());
    }
    let current = path(data_dir, PROGRAM_KEY_FILE);
    let retired = path(
        data_dir,
        &format!("{PROGRAM_KEY_FILE}.retired-{}", super::now()),
    );
    if current.exists() {
        std::fs::rename(&current, retired)?;
    }
    std::fs::rename(&next_path, &current)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::follow_rotations;
    use crate::server::SqliteStore;

    #[test]
    fn a_rotation_is_signed_by_the_old_key_and_resigns_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path(), "Bright Paths").unwrap();
        let first = load(dir.path(), &store).unwrap();
        crate::server::publish_directory_with(
            &store,
            &first,
            include_str!("../../assets/crisis/default-us.json"),
        )
        .unwrap();
        let new_public = rotate(dir.path(), &store).unwrap();
        let now = load(dir.path(), &store).unwrap();
        assert_eq!(now.public(), new_public);
        let rotations: Vec<KeyRotation> = store
            .key_rotations()
            .unwrap()
            .iter()
            .map(|r| serde_json::from_str(r).unwrap())
            .collect();
        assert_eq!(follow_rotations(&first.public(), &rotations), new_public);
        let (version, signed) = store.latest_directory().unwrap().unwrap();
        assert_eq!(version, 2);
        let signed: crate::crypto::SignedDirectory = serde_json::from_str(&signed).unwrap();
        assert!(signed.verifies_with(&new_public));
        assert!(!signed.verifies_with(&first.public()));
    }

    #[test]
    fn a_new_key_file_with_no_recorded_rotation_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path(), "Bright Paths").unwrap();
        let first = load(dir.path(), &store).unwrap();
        let (_, pkcs8) = ProgramKey::generate().unwrap();
        std::fs::write(dir.path().join(NEXT_KEY_FILE), pkcs8).unwrap();
        assert_eq!(load(dir.path(), &store).unwrap().public(), first.public());
        assert!(!dir.path().join(NEXT_KEY_FILE).exists());
    }
}
