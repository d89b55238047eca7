//! The passcode lock and the mentee's privacy settings. Locking closes the database and drops its
//! key; unlocking opens it again with the passcode. Wrong tries are counted in a small plain file,
//! so closing the app doesn't skip a wait. Settings needed on the lock screen (discreet mode, the
//! auto-lock delay) live in a plain file too: they say nothing about what the mentee wrote.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Device, DeviceError, Result};
use crate::domain::lock::{AutoLock, KeyGuard, check_new_passcode, wait_after};
use crate::platform::{LockClock, LockInstant};
use crate::store::{Store, StoreError};

/// Wrong tries in a row and when the last one was (seconds since 1970).
pub(super) const ATTEMPTS_FILE: &str = "unlock-attempts.json";
/// Discreet mode and the auto-lock delay.
const SETTINGS_FILE: &str = "settings.json";

/// The mentee's privacy choices, readable while locked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Show a neutral name ("Notes") instead of "Steady".
    pub discreet: bool,
    pub auto_lock: AutoLock,
    /// The passcode is numbers only, so the lock screen opens the number pad. (This says
    /// nothing about the passcode that a phone's own lock screen doesn't.)
    pub passcode_numbers: bool,
    /// A mentor's device: its lock screen's Help shows the coordinator and the program's steps.
    pub mentor_mode: bool,
    /// The language the person chose in Privacy; `None` follows the phone (or the browser).
    /// Kept here so the lock screen and its Help speak it too.
    pub language: Option<crate::i18n::Lang>,
}

impl Settings {
    /// The settings of the device whose files are in `data_dir`, read without opening anything
    /// else (a damaged or missing file means the defaults).
    pub fn read(data_dir: &Path) -> Settings {
        read_json(&data_dir.join(SETTINGS_FILE))
    }

    /// The name the app shows for itself: neutral in discreet mode.
    pub fn app_name(&self, lang: crate::i18n::Lang) -> String {
        if self.discreet {
            t!(lang, "app-name-discreet")
        } else {
            t!(lang, "app-name")
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Attempts {
    failures: u32,
    last_failure: u64,
}

/// How long a typed passcode counts for a step that widens sharing.
const CONFIRMATION_LASTS: Duration = Duration::from_secs(120);

/// What the lock keeps in memory while the app runs: the clock (when the mentee last touched the
/// app, since when it has been out of sight, when the passcode last confirmed a step that widens
/// sharing, all read from a clock that counts time the phone sleeps: `platform::LockClock`),
/// whether a passcode seals the key, and the settings. The last two are read from their
/// files once, when the device opens, and changed only through the device, which writes them back.
#[derive(Debug)]
pub(super) struct LockState {
    time: Arc<dyn LockClock>,
    clock: Mutex<Clock>,
    sealed: AtomicBool,
    settings: Mutex<Settings>,
    /// Bumped whenever the app locks or unlocks, so every screen (and the phone's screen
    /// privacy) follows at once, whoever locked it.
    changed: tokio::sync::watch::Sender<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Clock {
    last_touch: LockInstant,
    away_since: Option<LockInstant>,
    confirmed: Option<LockInstant>,
}

impl LockState {
    /// The lock of the device whose files are in `data_dir`, timed by `time`.
    pub(super) fn load(data_dir: &Path, time: Arc<dyn LockClock>) -> Self {
        Self {
            clock: Mutex::new(Clock {
                last_touch: time.now(),
                away_since: None,
                confirmed: None,
            }),
            sealed: AtomicBool::new(Store::is_sealed(data_dir)),
            settings: Mutex::new(read_json(&data_dir.join(SETTINGS_FILE))),
            changed: tokio::sync::watch::channel(0).0,
            time,
        }
    }

    fn now(&self) -> LockInstant {
        self.time.now()
    }

    /// Tells every listener that the app locked or unlocked.
    pub(super) fn note_change(&self) {
        self.changed.send_modify(|n| *n += 1);
    }

    pub(super) fn is_sealed(&self) -> bool {
        self.sealed.load(Ordering::SeqCst)
    }

    /// Notes that the key file is now sealed (a passcode was set) or bare (removed, or reset).
    pub(super) fn set_sealed(&self, sealed: bool) {
        self.sealed.store(sealed, Ordering::SeqCst);
    }
}

fn read_json<T: for<'de> Deserialize<'de> + Default>(path: &Path) -> T {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes = serde_json::to_vec(value).map_err(|err| StoreError::Io(err.into()))?;
    crate::platform::replace_private_file(path, &bytes).map_err(StoreError::Io)?;
    Ok(())
}

fn unix_now(now: SystemTime) -> u64 {
    now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl Device {
    /// Whether the database is closed until the passcode is typed.
    pub fn is_locked(&self) -> bool {
        !self.store.is_open()
    }

    /// Whether the mentee has set a passcode.
    pub fn has_passcode(&self) -> bool {
        self.lock_state.is_sealed()
    }

    /// Closes the database if a passcode is set (without one there is nothing to lock with).
    pub fn lock(&self) {
        if self.has_passcode() && !self.is_locked() {
            let _ = self.store.replace(None);
            self.lock_state.note_change();
        }
    }

    /// A receiver that changes each time the app locks or unlocks.
    pub fn lock_changes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.lock_state.changed.subscribe()
    }

    /// Opens the app with `passcode`, after any wait earned by wrong tries.
    pub fn unlock(&self, passcode: &str) -> Result<()> {
        self.unlock_at(passcode, SystemTime::now())
    }

    pub(super) fn unlock_at(&self, passcode: &str, now: SystemTime) -> Result<()> {
        if !self.is_locked() {
            return Ok(());
        }
        self.with_attempts(now, || {
            Store::open_sealed(&self.data_dir, Some(passcode)).map_err(Into::into)
        })
        .and_then(|store| {
            self.store
                .replace(Some(store))
                .map_err(|_| DeviceError::Poisoned)
        })?;
        self.touch();
        self.lock_state.note_change();
        Ok(())
    }

    /// Checks the passcode before something that widens sharing (connecting to a program,
    /// approving a mentor's device). Without a passcode set there is nothing to check.
    pub fn confirm_passcode(&self, passcode: &str) -> Result<()> {
        if !self.has_passcode() {
            return Ok(());
        }
        self.with_attempts(SystemTime::now(), || {
            self.store()?.check_passcode(passcode).map_err(Into::into)
        })?;
        let now = self.lock_state.now();
        if let Ok(mut clock) = self.lock_state.clock.lock() {
            clock.confirmed = Some(now);
        }
        Ok(())
    }

    /// Refuses a step that widens sharing unless the passcode (when one is set) was just typed.
    pub(super) fn require_confirmed_passcode(&self) -> Result<()> {
        let now = self.lock_state.now();
        let recent = self
            .lock_state
            .clock
            .lock()
            .ok()
            .and_then(|clock| clock.confirmed)
            .is_some_and(|at| now.since(at) < CONFIRMATION_LASTS);
        if self.has_passcode() && !recent {
            return Err(DeviceError::NeedsPasscode);
        }
        Ok(())
    }

    /// What guards the data key besides the passcode here, which sets the passcode's rule.
    pub fn key_guard(&self) -> KeyGuard {
        Store::key_guard(&self.data_dir)
    }

    /// Sets or changes the passcode. `current` is needed when one is set already.
    pub fn set_passcode(&self, current: Option<&str>, new: &str, again: &str) -> Result<()> {
        check_new_passcode(new, again, self.key_guard())?;
        self.with_attempts(SystemTime::now(), || {
            self.store()?
                .set_passcode(current, Some(new))
                .map_err(Into::into)
        })?;
        self.lock_state.set_sealed(true);
        let mut settings = self.settings();
        settings.passcode_numbers = new.chars().all(|c| c.is_ascii_digit());
        self.set_settings(settings)
    }

    /// Removes the passcode; the app no longer locks. A mentor's device keeps its passcode: it
    /// holds young people's words.
    pub fn remove_passcode(&self, current: &str) -> Result<()> {
        if self.settings().mentor_mode {
            return Err(DeviceError::MentorNeedsPasscode);
        }
        self.with_attempts(SystemTime::now(), || {
            self.store()?
                .set_passcode(Some(current), None)
                .map_err(Into::into)
        })?;
        self.lock_state.set_sealed(false);
        let mut settings = self.settings();
        settings.passcode_numbers = false;
        self.set_settings(settings)
    }

    /// How long until the next passcode try is allowed (zero when it is allowed now).
    pub fn passcode_wait(&self) -> Duration {
        self.wait_at(SystemTime::now())
    }

    fn wait_at(&self, now: SystemTime) -> Duration {
        let attempts: Attempts = read_json(&self.file(ATTEMPTS_FILE));
        let wait = wait_after(attempts.failures);
        let since = Duration::from_secs(unix_now(now).saturating_sub(attempts.last_failure));
        // A clock moved backwards never makes the wait longer than the rule says.
        wait.saturating_sub(since).min(wait)
    }

    /// Runs `attempt` (which checks a passcode) unless a wait is due, counting wrong passcodes.
    fn with_attempts<T>(
        &self,
        now: SystemTime,
        attempt: impl FnOnce() -> Result<T, DeviceError>,
    ) -> Result<T> {
        let wait = self.wait_at(now);
        if !wait.is_zero() {
            return Err(DeviceError::TryAgainIn(wait));
        }
        match attempt() {
            Err(DeviceError::Store(StoreError::WrongPasscode)) => {
                let path = self.file(ATTEMPTS_FILE);
                let mut attempts: Attempts = read_json(&path);
                attempts.failures = attempts.failures.saturating_add(1);
                attempts.last_failure = unix_now(now);
                write_json(&path, &attempts)?;
                let wait = wait_after(attempts.failures);
                Err(DeviceError::WrongPasscode {
                    wait: (!wait.is_zero()).then_some(wait),
                })
            }
            Ok(value) => {
                let _ = std::fs::remove_file(self.file(ATTEMPTS_FILE));
                Ok(value)
            }
            Err(other) => Err(other),
        }
    }

    pub fn settings(&self) -> Settings {
        self.lock_state
            .settings
            .lock()
            .map(|settings| *settings)
            .unwrap_or_default()
    }

    pub fn set_settings(&self, settings: Settings) -> Result<()> {
        write_json(&self.file(SETTINGS_FILE), &settings)?;
        if let Ok(mut kept) = self.lock_state.settings.lock() {
            *kept = settings;
        }
        Ok(())
    }

    /// Call on every touch or key press: the idle clock starts again.
    pub fn touch(&self) {
        let now = self.lock_state.now();
        if let Ok(mut clock) = self.lock_state.clock.lock() {
            clock.last_touch = now;
            clock.away_since = None;
        }
    }

    /// The app is in use without a touch (a breathing pacer moving to its next phase): the idle
    /// clock starts again, but only while the app is in sight, so it never undoes being away.
    pub fn still_in_use(&self) {
        let now = self.lock_state.now();
        if let Ok(mut clock) = self.lock_state.clock.lock()
            && clock.away_since.is_none()
        {
            clock.last_touch = now;
        }
    }

    /// The app went out of sight (another app, the home screen, a hidden tab). With "Right away"
    /// it locks now; otherwise the away clock starts.
    pub fn went_away(&self) -> bool {
        let now = self.lock_state.now();
        if let Ok(mut clock) = self.lock_state.clock.lock() {
            clock.away_since.get_or_insert(now);
        }
        self.lock_if_due()
    }

    /// Locks if the app was away, or untouched, for longer than the mentee's auto-lock choice,
    /// counting any time the phone slept. Returns whether it is locked now.
    pub fn lock_if_due(&self) -> bool {
        if self.is_locked() || !self.has_passcode() {
            return self.is_locked();
        }
        let now = self.lock_state.now();
        let choice = self.settings().auto_lock;
        let Ok(clock) = self.lock_state.clock.lock().map(|clock| *clock) else {
            return false;
        };
        let away_too_long = clock
            .away_since
            .is_some_and(|since| now.since(since) >= choice.away());
        let idle_too_long = now.since(clock.last_touch) >= choice.idle();
        if away_too_long || idle_too_long {
            self.lock();
        }
        self.is_locked()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.data_dir.join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MoodLevel;

    #[test]
    fn a_passcode_locks_the_data_and_only_it_opens_it_again() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        let entry = device.log_mood(MoodLevel::new(4).unwrap()).unwrap();
        assert!(matches!(
            device.set_passcode(None, "246813", "248613"),
            Err(DeviceError::Passcode(_))
        ));
        device.set_passcode(None, "246813", "246813").unwrap();
        device.lock();
        assert!(device.is_locked());
        assert!(matches!(device.mood(&entry.id), Err(DeviceError::Locked)));
        drop(device);

        let device = Device::open(dir.path()).unwrap();
        assert!(device.is_locked(), "a restarted app starts locked");
        assert!(matches!(
            device.unlock("111111"),
            Err(DeviceError::WrongPasscode { wait: None })
        ));
        device.unlock("246813").unwrap();
        assert_eq!(device.mood(&entry.id).unwrap().level.value(), 4);

        device
            .set_passcode(Some("246813"), "river stones", "river stones")
            .unwrap();
        device.lock();
        assert!(device.unlock("246813").is_err());
        device.unlock("river stones").unwrap();
        assert!(device.remove_passcode("wrong one").is_err());
        device.remove_passcode("river stones").unwrap();
        device.lock();
        assert!(
            !device.is_locked(),
            "without a passcode there is nothing to lock"
        );
        drop(device);
        assert!(!Device::open(dir.path()).unwrap().is_locked());
    }

    #[test]
    fn wrong_tries_wait_longer_and_never_wipe_anything() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        let entry = device.log_mood(MoodLevel::new(2).unwrap()).unwrap();
        device.set_passcode(None, "246813", "246813").unwrap();
        device.lock();
        let start = SystemTime::now();
        for _ in 0..4 {
            assert!(matches!(
                device.unlock_at("000000", start),
                Err(DeviceError::WrongPasscode { wait: None })
            ));
        }
        let fifth = device.unlock_at("000000", start).unwrap_err();
        assert!(matches!(fifth, DeviceError::WrongPasscode { wait: Some(w) } if w.as_secs() == 30));
        assert!(fifth.to_string().contains("30 seconds"), "{fifth}");
        // Even the right passcode waits its turn, and closing the app doesn't skip the wait.
        let device = Device::open(dir.path()).unwrap();
        let later = start + Duration::from_secs(10);
        assert!(matches!(
            device.unlock_at("246813", later),
            Err(DeviceError::TryAgainIn(w)) if w.as_secs() == 20
        ));
        let after_wait = start + Duration::from_secs(31);
        device.unlock_at("246813", after_wait).unwrap();
        assert_eq!(device.mood(&entry.id).unwrap().level.value(), 2);
        assert!(
            device.passcode_wait().is_zero(),
            "a right passcode clears the count"
        );
    }

    /// A device with a passcode, timed by a clock the test moves (and puts to sleep).
    fn device_on(clock: &Arc<crate::platform::SleepingClock>) -> (tempfile::TempDir, Device) {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open_timed_by(dir.path(), clock.clone()).unwrap();
        device.set_passcode(None, "246813", "246813").unwrap();
        (dir, device)
    }

    #[test]
    fn auto_lock_follows_the_mentees_choice() {
        let clock = Arc::new(crate::platform::SleepingClock::default());
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open_timed_by(dir.path(), clock.clone()).unwrap();
        clock.pass(Duration::from_secs(3600));
        assert!(!device.lock_if_due(), "no passcode, no lock");
        device.set_passcode(None, "246813", "246813").unwrap();
        device
            .set_settings(Settings {
                auto_lock: AutoLock::FiveMinutes,
                ..Settings::default()
            })
            .unwrap();
        device.touch();
        clock.pass(Duration::from_secs(299));
        assert!(!device.lock_if_due());
        clock.pass(Duration::from_secs(2));
        assert!(device.lock_if_due());
        device.unlock("246813").unwrap();

        device.set_settings(Settings::default()).unwrap(); // right away
        clock.pass(Duration::from_secs(30));
        assert!(!device.lock_if_due(), "reading");
        assert!(device.went_away(), "leaving the app locks it at once");
    }

    #[test]
    fn a_pacer_in_sight_keeps_the_app_open_but_never_undoes_being_away() {
        let clock = Arc::new(crate::platform::SleepingClock::default());
        let (_dir, device) = device_on(&clock);
        device
            .set_settings(Settings {
                auto_lock: AutoLock::OneMinute,
                ..Settings::default()
            })
            .unwrap();
        device.touch();
        // Box breathing's 96 seconds, a phase every 4, eyes closed, no touch.
        for _ in 0..24 {
            clock.pass(Duration::from_secs(4));
            device.still_in_use();
            assert!(!device.lock_if_due(), "locked mid-breath");
        }
        // The pacer ends; a minute without a touch locks as chosen.
        clock.pass(Duration::from_secs(61));
        assert!(device.lock_if_due());
        device.unlock("246813").unwrap();

        // Away from the app while a pacer still ticks: away time keeps counting.
        device.touch();
        assert!(!device.went_away());
        for _ in 0..16 {
            clock.pass(Duration::from_secs(4));
            device.still_in_use();
        }
        assert!(device.lock_if_due(), "a minute away locks, pacer or not");
    }

    #[test]
    fn time_the_phone_sleeps_counts_as_time_away() {
        let clock = Arc::new(crate::platform::SleepingClock::default());
        let (_dir, device) = device_on(&clock);
        device
            .set_settings(Settings {
                auto_lock: AutoLock::FiveMinutes,
                ..Settings::default()
            })
            .unwrap();
        device.touch();
        clock.pass(Duration::from_secs(10));
        assert!(!device.went_away(), "a short trip away keeps it open");
        // The screen goes off: no time passes that Instant would see, an hour passes for real.
        clock.sleep(Duration::from_secs(3600));
        assert!(
            device.lock_if_due(),
            "an hour asleep is an hour away: coming back finds it locked"
        );
    }

    #[test]
    fn a_phone_asleep_with_the_app_open_still_locks_after_the_idle_time() {
        let clock = Arc::new(crate::platform::SleepingClock::default());
        let (_dir, device) = device_on(&clock);
        device
            .set_settings(Settings {
                auto_lock: AutoLock::OneMinute,
                ..Settings::default()
            })
            .unwrap();
        device.touch();
        clock.sleep(Duration::from_secs(61));
        assert!(device.lock_if_due());
    }

    #[test]
    fn a_typed_passcode_stops_counting_for_sharing_after_two_minutes_even_asleep() {
        let clock = Arc::new(crate::platform::SleepingClock::default());
        let (_dir, device) = device_on(&clock);
        device.confirm_passcode("246813").unwrap();
        clock.pass(Duration::from_secs(60));
        assert!(device.require_confirmed_passcode().is_ok());
        clock.sleep(Duration::from_secs(61));
        assert!(matches!(
            device.require_confirmed_passcode(),
            Err(DeviceError::NeedsPasscode)
        ));
    }

    #[test]
    fn settings_survive_and_a_damaged_settings_file_means_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        let chosen = Settings {
            discreet: true,
            auto_lock: AutoLock::OneMinute,
            passcode_numbers: false,
            mentor_mode: true,
            language: Some(crate::i18n::Lang::Es),
        };
        device.set_settings(chosen).unwrap();
        assert_eq!(Device::open(dir.path()).unwrap().settings(), chosen);
        std::fs::write(dir.path().join(SETTINGS_FILE), b"{not json").unwrap();
        assert_eq!(
            Device::open(dir.path()).unwrap().settings(),
            Settings::default()
        );
    }
}
