//! Private files: directories and files only this app's user can read. On Unix (Linux, Android,
//! macOS, iOS) that is mode 0700 / 0600; elsewhere the platform's app sandbox is relied on.
//! Writes go to a temporary file that is synced and then renamed, so a crash never leaves half a file.
//!
//! Files are published by rename, never by hard link: Android's SELinux policy forbids hard
//! links to every ordinary app (AOSP system/sepolicy, `private/app_neverallows.te`:
//! `neverallow all_untrusted_apps file_type:file link;`), so `link`/`linkat` fail with EACCES
//! there. A rename replaces what it lands on, so a file that must never be replaced (a key) is
//! published under an exclusive lock that every such writer in the folder takes, with the check
//! that nothing is there yet inside it. The lock is `flock` on a lock file (`File::lock`), which
//! apps may use on their own files: SQLite locks its database files the same way on every phone.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The lock file every no-replace publish in a folder takes.
const PUBLISH_LOCK: &str = ".publish.lock";

/// Creates `dir` (and its parents) readable by this user only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Writes `bytes`, synced to disk, to a private temporary file beside `path`; returns its path.
/// Each write has its own name, so two writers never share a temporary file.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = private_options().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(temp),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}

/// Renames `temp` onto `path` and syncs the folder, or removes `temp` if the rename fails.
fn publish(temp: &Path, path: &Path) -> io::Result<()> {
    if let Err(err) = fs::rename(temp, path) {
        let _ = fs::remove_file(temp);
        return Err(err);
    }
    sync_dir(parent_of(path))
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically (a crash leaves the old file or the new one, never half),
/// readable by this user only, replacing what was there.
pub fn replace_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    publish(&temp, path)
}

/// Writes `bytes` to `path` atomically, readable by this user only. Refuses to replace an
/// existing file (or anything else at that name), so a key can never be overwritten by accident,
/// even by another writer at the same moment.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let lock = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(parent_of(path).join(PUBLISH_LOCK))?;
    lock.lock()?;
    let already = || {
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            "refusing to overwrite an existing private file",
        )
    };
    // `symlink_metadata`: a dangling link at the name counts as taken, too.
    if fs::symlink_metadata(path).is_ok() {
        return Err(already());
    }
    let temp = write_temp(path, bytes)?;
    publish(&temp, path)
    // The lock is released as `lock` closes.
}

/// Moves the private file at `from` onto `to` (replacing it) in one rename, and syncs the folder:
/// a crash leaves one or the other, never neither.
pub fn move_private_file(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    sync_dir(parent_of(to))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A private temporary directory without a dev-dependency, for fuzz targets (which build the
/// libraries alone).
pub mod scratch {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Self {
            let name = format!(
                "steady-fuzz-{}-{}",
                std::process::id(),
                uuid::Uuid::new_v4().simple()
            );
            let path = std::env::temp_dir().join(name);
            super::create_private_dir(&path).expect("temp dir");
            Dir(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Default for Dir {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_files_are_owner_only_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        write_private_file(&path, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert!(write_private_file(&path, b"two").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn writers_racing_for_one_new_file_publish_exactly_one_and_the_rest_are_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        let results: Vec<io::Result<()>> = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..8u8)
                .map(|n| {
                    let path = &path;
                    scope.spawn(move || write_private_file(path, &[n; 32]))
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        let won: Vec<usize> = (0..8).filter(|&n| results[n].is_ok()).collect();
        assert_eq!(won.len(), 1, "exactly one writer publishes");
        assert_eq!(fs::read(&path).unwrap(), vec![won[0] as u8; 32]);
        for result in results.iter().filter(|r| r.is_err()) {
            let kind = result.as_ref().unwrap_err().kind();
            assert_eq!(kind, io::ErrorKind::AlreadyExists);
        }
    }

    #[test]
    fn a_replaced_file_is_whole_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        replace_private_file(&path, b"{}").unwrap();
        replace_private_file(&path, b"{\"a\":1}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{\"a\":1}");
        let leftovers = fs::read_dir(dir.path())
            .unwrap()
            .filter(|entry| {
                let name = entry.as_ref().unwrap().file_name();
                name.to_string_lossy().ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}
