//! The program's signing key on the server: `program.key` in the data folder (owner-only), read
//! each time it is used, so a rotation made from the command line takes effect at once in a
//! running server. Rotating makes a new key, has the old key sign "the new key replaces me",
//! re-signs the newest crisis directory with the new key, and swaps the files; phones follow the
//! signed chain from the key they pinned (`crypto::directory::follow_rotations`).
//!
//! A crash part-way leaves either the old key (nothing recorded) or `program.key.next` beside a
//! recorded rotation to it, which the next read finishes swapping in.
//!
//! Several processes may share the folder (server nodes, the command line), so every read, first
//! making and rotation holds `program.key.lock` (an advisory lock the system lets go of when its
//! holder dies): a node never reads a half-written key, never takes a rotation in progress for a
//! crashed one, and two nodes never swap the files at once.

use crate::error::{ServerError, ServerResult};
use std::path::{Path, PathBuf};

use crate::storage::ServerStore;
use steady_core::crypto::{KeyRotation, ProgramKey};

/// The program's signing key file inside the server's data directory.
pub const PROGRAM_KEY_FILE: &str = "program.key";
const NEXT_KEY_FILE: &str = "program.key.next";
const LOCK_FILE: &str = "program.key.lock";

fn path(data_dir: &Path, name: &str) -> PathBuf {
    data_dir.join(name)
}

/// The current key (made on first use), finishing an interrupted rotation first.
pub fn load(data_dir: &Path, store: &dyn ServerStore) -> ServerResult<ProgramKey> {
    let _turn = take_turn(data_dir)?;
    current(data_dir, store)
}

/// Runs `f` with the current key, holding the key's turn until it returns: what `f` signs and
/// writes is in the database before a rotation can start, so the rotation seals it again.
pub fn with_key<R>(
    data_dir: &Path,
    store: &dyn ServerStore,
    f: impl FnOnce(&ProgramKey) -> ServerResult<R>,
) -> ServerResult<R> {
    let _turn = take_turn(data_dir)?;
    f(&current(data_dir, store)?)
}

/// Waits until no other process or thread is reading, making or rotating the key; the turn lasts
/// as long as the returned file is open.
fn take_turn(data_dir: &Path) -> ServerResult<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path(data_dir, LOCK_FILE))
        .map_err(ServerError::io("opening the program key's lock file"))?;
    file.lock()
        .map_err(ServerError::io("waiting for the program key"))?;
    Ok(file)
}

/// [`load`], for a caller that holds the turn. The key must be the one the database records
/// for the program (the first node to start records its own): a node on another machine with a
/// missing, foreign or superseded `program.key` stops here, rather than sign crisis contacts
/// that phones would refuse.
fn current(data_dir: &Path, store: &dyn ServerStore) -> ServerResult<ProgramKey> {
    finish_rotation(data_dir, store)?;
    let file = path(data_dir, PROGRAM_KEY_FILE);
    let recorded = store.program_key()?;
    if recorded.is_some() && !file.exists() {
        return Err(ServerError::ProgramKey(format!(
            "this program already has a signing key, and {PROGRAM_KEY_FILE} is not in {}: copy it \
             from the data folder of a node already serving the program",
            data_dir.display()
        )));
    }
    let key = ProgramKey::load_or_create(&file).map_err(|err| {
        ServerError::ProgramKey(format!("the program key {PROGRAM_KEY_FILE}: {err}"))
    })?;
    let recorded = match recorded {
        Some(recorded) => Some(recorded),
        // The first node claims it; another may have claimed it first.
        None => {
            store.claim_program_key(&key.public())?;
            store.program_key()?
        }
    };
    match recorded {
        Some(recorded) if recorded == key.public() => Ok(key),
        _ if replaced(store, &key.public())? => Err(ServerError::ProgramKey(format!(
            "{PROGRAM_KEY_FILE} in {} was replaced by `program-key rotate` on another node: copy \
             the new one from that node's data folder",
            data_dir.display()
        ))),
        _ => Err(ServerError::ProgramKey(format!(
            "{PROGRAM_KEY_FILE} in {} is not this program's signing key: copy it from the data \
             folder of a node already serving the program",
            data_dir.display()
        ))),
    }
}

/// Whether a rotation replaced `public`.
fn replaced(store: &dyn ServerStore, public: &str) -> ServerResult<bool> {
    Ok(store
        .key_rotations()?
        .iter()
        .filter_map(|json| serde_json::from_str::<KeyRotation>(json).ok())
        .any(|rotation| rotation.old_key == public))
}

/// Replaces the program key with a new one that the old one vouches for; re-signs the newest
/// crisis directory with it. Returns the new public key.
pub fn rotate(data_dir: &Path, store: &dyn ServerStore) -> ServerResult<String> {
    let _turn = take_turn(data_dir)?;
    let old = current(data_dir, store)?;
    let (next, pkcs8) = ProgramKey::generate()?;
    let next_path = path(data_dir, NEXT_KEY_FILE);
    let _ = std::fs::remove_file(&next_path);
    steady_core::files::write_private_file(&next_path, &pkcs8)
        .map_err(ServerError::io("writing the new key"))?;
    let rotation = old.rotate_to(&next);
    // The newest directory, signed again by the new key as the next version, so phones move to
    // the new key at their next sync.
    // Only a directory the old key signed is signed again: a row written into the database is
    // refused here, never given the new key's signature.
    let resigned = match super::admin::newest_signed(store, &old.public())? {
        Some(mut directory) => {
            directory.version += 1;
            let again = next.sign(serde_json::to_string(&directory)?);
            Some((directory.version, serde_json::to_string(&again)?))
        }
        None => None,
    };
    // Every staff account the old key sealed is sealed by the new one in the same transaction
    // (sessions end: everyone signs in again).
    let resealed = super::staff_seal::resealed(store, &old, &next)?;
    // And every lead's key the old key vouched for is vouched for by the new one.
    let revouched = super::staff_seal::revouched_leads(store, &old, &next)?;
    store.add_key_rotation(
        &serde_json::to_string(&rotation)?,
        resigned,
        &resealed,
        &revouched,
        super::now(),
    )?;
    finish_rotation(data_dir, store)?;
    Ok(next.public())
}

/// Swaps in `program.key.next` if a rotation to it was recorded (else removes it).
fn finish_rotation(data_dir: &Path, store: &dyn ServerStore) -> ServerResult<()> {
    let next_path = path(data_dir, NEXT_KEY_FILE);
    if !next_path.exists() {
        return Ok(());
    }
    let next = ProgramKey::load_or_create(&next_path)
        .map_err(|err| ServerError::ProgramKey(format!("the new program key: {err}")))?;
    let recorded = store
        .key_rotations()?
        .iter()
        .filter_map(|json| serde_json::from_str::<KeyRotation>(json).ok())
        .any(|rotation| rotation.new_key == next.public());
    if !recorded {
        std::fs::remove_file(&next_path)?;
        return Ok(());
    }
    // The new key takes the old one's place in one step (rename replaces the file), and the old
    // key is kept nowhere: a retired key left on disk, with a write to the database, could sign
    // a second rotation from itself and fork the chain phones follow.
    let current = path(data_dir, PROGRAM_KEY_FILE);
    std::fs::rename(&next_path, &current)?;
    forget_retired_keys(data_dir);
    Ok(())
}

/// Removes `program.key.retired-*` files an earlier version kept after a rotation.
fn forget_retired_keys(data_dir: &Path) {
    let prefix = format!("{PROGRAM_KEY_FILE}.retired-");
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => tracing::info!("a retired program key was removed from the data folder"),
                Err(err) => tracing::warn!("a retired program key could not be removed: {err}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;
    use steady_core::crypto::follow_rotations;

    #[test]
    fn a_rotation_is_signed_by_the_old_key_and_resigns_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path(), "Bright Paths").unwrap();
        let first = load(dir.path(), &store).unwrap();
        crate::publish_directory_with(
            &store,
            &first,
            include_str!("../../../assets/crisis/default-us.json"),
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
        let signed: steady_core::crypto::SignedDirectory = serde_json::from_str(&signed).unwrap();
        assert!(signed.verifies_with(&new_public));
        assert!(!signed.verifies_with(&first.public()));
        // The old key is kept nowhere in the folder (it could sign a fork of the chain), and a
        // retired key an earlier version left behind goes at the next rotation.
        let files = || -> Vec<String> {
            std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        };
        assert!(
            !files().iter().any(|f| f.contains("retired")),
            "{:?}",
            files()
        );
        std::fs::write(dir.path().join("program.key.retired-1"), b"old key").unwrap();
        rotate(dir.path(), &store).unwrap();
        assert!(
            !files().iter().any(|f| f.contains("retired")),
            "{:?}",
            files()
        );
    }

    /// Two nodes on one folder: one rotates again and again (as `program-key rotate` does from
    /// the command line) while both keep reading the key, as each use does.
    #[test]
    fn nodes_reading_the_key_while_another_rotates_always_get_a_key_of_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let first = {
            let store = SqliteStore::open(dir.path(), "Bright Paths").unwrap();
            load(dir.path(), &store).unwrap().public()
        };
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let (path, done) = (dir.path().to_owned(), done.clone());
                std::thread::spawn(move || {
                    let node = SqliteStore::open(&path, "Bright Paths").unwrap();
                    let mut seen = Vec::new();
                    while !done.load(std::sync::atomic::Ordering::SeqCst) {
                        seen.push(load(&path, &node).expect("the key reads").public());
                    }
                    seen
                })
            })
            .collect();
        let rotating = SqliteStore::open(dir.path(), "Bright Paths").unwrap();
        let mut chain = vec![first.clone()];
        for _ in 0..8 {
            chain.push(rotate(dir.path(), &rotating).expect("the key rotates"));
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        for reader in readers {
            for public in reader.join().unwrap() {
                assert!(chain.contains(&public), "a key outside the chain was used");
            }
        }
        let rotations: Vec<KeyRotation> = rotating
            .key_rotations()
            .unwrap()
            .iter()
            .map(|r| serde_json::from_str(r).unwrap())
            .collect();
        let last = follow_rotations(&first, &rotations);
        assert_eq!(
            &last,
            chain.last().unwrap(),
            "every rotation is in the chain"
        );
        assert_eq!(load(dir.path(), &rotating).unwrap().public(), last);
    }

    /// A lost or swapped `program.key` would sign crisis contacts no phone accepts: the server
    /// stops with what to do instead of making a new key.
    #[test]
    fn a_missing_or_foreign_key_file_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path(), "Bright Paths").unwrap();
        let first = load(dir.path(), &store).unwrap();
        assert_eq!(store.program_key().unwrap(), Some(first.public()));
        let file = dir.path().join(PROGRAM_KEY_FILE);
        let kept = std::fs::read(&file).unwrap();

        std::fs::remove_file(&file).unwrap();
        let Err(missing) = load(dir.path(), &store) else {
            panic!("no new key is made");
        };
        assert!(missing.to_string().contains("copy it"), "{missing}");
        assert!(!file.exists(), "and no stray key file is left");

        let (_, foreign) = ProgramKey::generate().unwrap();
        std::fs::write(&file, foreign).unwrap();
        let Err(refused) = load(dir.path(), &store) else {
            panic!("a foreign key is refused");
        };
        assert!(
            refused.to_string().contains("not this program's"),
            "{refused}"
        );

        std::fs::write(&file, &kept).unwrap();
        assert_eq!(load(dir.path(), &store).unwrap().public(), first.public());
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
