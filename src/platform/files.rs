//! Private files: directories and files only this app's user can read. On Unix (Linux, Android,
//! macOS, iOS) that is mode 0700 / 0600; elsewhere the platform's app sandbox is relied on.
//! Writes go to a temporary file that is synced and then renamed, so a crash never leaves half a file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Creates `dir` (and its parents) readable by this user only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes`, synced to disk, to a private temporary file beside `path`; returns its path.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<std::path::PathBuf> {
    let temp = path.with_extension("tmp");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(temp)
}

/// Writes `bytes` to `path` atomically (a crash leaves the old file or the new one, never half),
/// readable by this user only, replacing what was there.
pub fn replace_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    fs::rename(&temp, path)?;
    if let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically, readable by this user only. Refuses to replace an
/// existing file, so a key can never be overwritten by accident.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "refusing to overwrite an existing private file",
        ));
    }
    let temp = write_temp(path, bytes)?;
    // hard_link fails if `path` appeared meanwhile, where rename would silently replace it.
    fs::hard_link(&temp, path)?;
    fs::remove_file(&temp)?;
    if let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
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
}
