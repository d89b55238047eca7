//! The clock the auto-lock counts with. Time that passes while the phone sleeps must count: an
//! hour with the screen off is an hour away. Rust's `Instant` does not count it: it reads
//! CLOCK_MONOTONIC on Linux and Android and CLOCK_UPTIME_RAW on Apple (std's `Instant` docs),
//! and both stop while the device is suspended. So the lock reads, through one seam:
//!
//! | platform | clock | why it counts sleep |
//! |---|---|---|
//! | Android, Linux | `CLOCK_BOOTTIME` | clock_gettime(2): "identical to CLOCK_MONOTONIC, except it also includes any time that the system is suspended"; Android's `SystemClock.elapsedRealtime()` is this clock |
//! | iOS, macOS | `CLOCK_MONOTONIC` | Apple's clock_gettime(3): it "will continue to increment while the system is asleep" (unlike CLOCK_UPTIME_RAW) |
//! | elsewhere | `Instant` | — |
//!
//! Tests put a [`LockClock`] of their own in its place, one that can be made to sleep.

use std::time::Duration;

/// A reading of a clock that keeps counting while the device sleeps, from an arbitrary start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LockInstant(Duration);

impl LockInstant {
    /// A reading `since_start` after the clock's start.
    pub fn from_start(since_start: Duration) -> Self {
        LockInstant(since_start)
    }

    /// How long after `earlier` this is (zero if it is not after it).
    pub fn since(self, earlier: LockInstant) -> Duration {
        self.0.saturating_sub(earlier.0)
    }

    /// The reading `later` after this one.
    pub fn after(self, later: Duration) -> LockInstant {
        LockInstant(self.0.saturating_add(later))
    }
}

/// Where the lock reads the time.
pub trait LockClock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> LockInstant;
}

/// The device's own clock that counts sleep (the table above).
#[derive(Debug, Default, Clone, Copy)]
pub struct DeviceClock;

impl LockClock for DeviceClock {
    fn now(&self) -> LockInstant {
        LockInstant(counting_sleep())
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn counting_sleep() -> Duration {
    read_clock(libc::CLOCK_BOOTTIME)
}

#[cfg(target_vendor = "apple")]
fn counting_sleep() -> Duration {
    read_clock(libc::CLOCK_MONOTONIC)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn read_clock(clock: libc::clockid_t) -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec, and clock_gettime only writes to it.
    if unsafe { libc::clock_gettime(clock, &mut now) } != 0 {
        // Never happens for these clocks on these systems; the process's own clock then.
        return since_first_read();
    }
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn counting_sleep() -> Duration {
    since_first_read()
}

#[allow(dead_code)] // Only a fallback on the platforms above.
fn since_first_read() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// A clock for tests that stands still until told: `pass` is time the person is using the
/// phone, `sleep` time the phone spends asleep with its screen off. Both count, as on the
/// device's clock; `Instant` would see only `pass`.
#[cfg(test)]
#[derive(Debug, Default)]
pub struct SleepingClock {
    now: std::sync::Mutex<Duration>,
}

#[cfg(test)]
impl SleepingClock {
    pub fn pass(&self, time: Duration) {
        *self.now.lock().unwrap() += time;
    }

    pub fn sleep(&self, time: Duration) {
        *self.now.lock().unwrap() += time;
    }
}

#[cfg(test)]
impl LockClock for SleepingClock {
    fn now(&self) -> LockInstant {
        LockInstant(*self.now.lock().unwrap())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_clock_moves_forward_and_never_back() {
        let first = DeviceClock.now();
        std::thread::sleep(Duration::from_millis(20));
        let second = DeviceClock.now();
        assert!(second.since(first) >= Duration::from_millis(20));
        assert_eq!(first.since(second), Duration::ZERO);
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn on_linux_and_android_it_is_the_clock_that_counts_suspend() {
        // CLOCK_BOOTTIME is CLOCK_MONOTONIC plus the time suspended, so it is never behind it.
        let monotonic = read_clock(libc::CLOCK_MONOTONIC);
        let ours = DeviceClock.now().0;
        let boottime = read_clock(libc::CLOCK_BOOTTIME);
        assert!(ours >= monotonic);
        assert!(ours <= boottime);
    }
}
