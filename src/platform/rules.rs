//! Test-only: the rules a phone enforces on an ordinary app, reproduced on a Linux host so code
//! that runs on phones is proven against them, not only compiled. Each rule applies to the
//! calling thread (and the threads it starts) only, so one test's rules never reach another's.
//!
//! | rule | on the phone | here |
//! |---|---|---|
//! | no hard links | Android's SELinux: `neverallow all_untrusted_apps file_type:file link;` (AOSP system/sepolicy, `private/app_neverallows.te`), so `link` and `linkat` fail with EACCES | a seccomp filter answering `link` and `linkat` with EACCES |

use std::collections::BTreeMap;

use seccompiler::{BpfProgram, SeccompAction, SeccompFilter, TargetArch};

/// Runs `body` on a new thread that follows Android's file rules for an ordinary app, and
/// returns what it returned (a panic inside is passed on).
pub fn under_android_file_rules<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    let thread = std::thread::spawn(move || {
        refuse_hard_links();
        body()
    });
    match thread.join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Installs a seccomp filter on this thread: `link` and `linkat` fail with EACCES, as SELinux
/// answers them on Android; everything else is allowed.
fn refuse_hard_links() {
    let mut rules = BTreeMap::new();
    #[cfg(target_arch = "x86_64")]
    rules.insert(libc::SYS_link, Vec::new());
    rules.insert(libc::SYS_linkat, Vec::new());
    let arch = TargetArch::try_from(std::env::consts::ARCH).expect("a seccomp architecture");
    let filter = SeccompFilter::new(
        rules,
        SeccompAction::Allow,
        SeccompAction::Errno(libc::EACCES as u32),
        arch,
    )
    .expect("a valid filter");
    let program: BpfProgram = filter.try_into().expect("a BPF program");
    seccompiler::apply_filter(&program).expect("the filter applies to this thread");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_refuse_hard_links_as_android_does_and_only_on_their_thread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let (inside, outside) = (file.clone(), file.clone());
        let refused = under_android_file_rules(move || {
            std::fs::hard_link(&inside, inside.with_extension("link")).unwrap_err()
        });
        assert_eq!(refused.kind(), std::io::ErrorKind::PermissionDenied);
        // Another thread is untouched.
        std::fs::hard_link(&outside, outside.with_extension("other")).unwrap();
    }

    #[test]
    fn first_launch_under_androids_file_rules_opens_saves_and_opens_again() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("phone");
        under_android_file_rules(move || {
            let device = crate::state::Device::open(&data).expect("the first launch opens");
            let entry = device
                .log_mood(crate::domain::MoodLevel::new(4).unwrap())
                .expect("a check-in saves");
            device.set_passcode(None, "246813", "246813").unwrap();
            drop(device);
            let device = crate::state::Device::open(&data).expect("the second launch opens");
            assert!(device.is_locked(), "with a passcode it starts locked");
            device.unlock("246813").unwrap();
            assert_eq!(device.mood(&entry.id).unwrap().level.value(), 4);
        });
    }

    #[test]
    fn a_private_file_is_published_without_a_hard_link_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        under_android_file_rules(move || {
            super::super::write_private_file(&path, b"one").expect("published by rename");
            let again = super::super::write_private_file(&path, b"two").unwrap_err();
            assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
            assert_eq!(std::fs::read(&path).unwrap(), b"one");
            let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
                .unwrap()
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(
                !names.iter().any(|name| name.ends_with(".tmp")),
                "no temporary file is left behind: {names:?}"
            );
        });
    }
}
