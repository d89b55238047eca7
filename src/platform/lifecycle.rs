//! What leaving the app and coming back do to the lock, the same on every platform: phones send
//! tao's Suspended / Resumed, the preview and desktop send the page's `visibilitychange`. Leaving
//! starts the away clock (or locks at once with "Right away"); coming back locks if the mentee's
//! delay has passed, otherwise it counts as a touch. And which screens may be captured: only the
//! lock screen, which shows nothing but the crisis card.

use crate::state::Device;

/// The app went out of sight or came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// Another app, the home screen, the app switcher, a hidden tab, a locked phone.
    Away,
    /// In sight again.
    Back,
}

/// Applies `event` to `device`'s lock; returns whether the app is locked now.
pub fn on_lifecycle(device: &Device, event: Lifecycle) -> bool {
    match event {
        Lifecycle::Away => device.went_away(),
        Lifecycle::Back => {
            let locked = device.lock_if_due();
            if !locked {
                device.touch();
            }
            locked
        }
    }
}

/// Whether what is on screen must stay out of screenshots and the app switcher's snapshot. The
/// lock screen shows only the crisis card (and the blank quick-hide screen nothing), so those may
/// be captured; every other screen may hold the mentee's words.
pub fn screen_is_private(locked: bool) -> bool {
    !locked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AutoLock;
    use crate::state::Settings;

    fn device_with_passcode(auto_lock: AutoLock) -> (tempfile::TempDir, Device) {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        device.set_passcode(None, "246813", "246813").unwrap();
        device
            .set_settings(Settings {
                auto_lock,
                ..Settings::default()
            })
            .unwrap();
        (dir, device)
    }

    #[test]
    fn leaving_locks_at_once_with_right_away_and_the_lock_screen_may_be_captured() {
        let (_dir, device) = device_with_passcode(AutoLock::Immediately);
        assert!(screen_is_private(device.is_locked()));
        assert!(on_lifecycle(&device, Lifecycle::Away));
        assert!(device.is_locked());
        assert!(!screen_is_private(device.is_locked()));
        assert!(
            on_lifecycle(&device, Lifecycle::Back),
            "still locked when back"
        );
    }

    #[test]
    fn a_short_trip_away_with_a_delay_set_keeps_it_open_and_counts_as_a_touch() {
        let (_dir, device) = device_with_passcode(AutoLock::FiveMinutes);
        assert!(!on_lifecycle(&device, Lifecycle::Away));
        assert!(!on_lifecycle(&device, Lifecycle::Back));
        assert!(!device.is_locked());
        assert!(screen_is_private(device.is_locked()));
    }

    #[test]
    fn without_a_passcode_nothing_locks() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        assert!(!on_lifecycle(&device, Lifecycle::Away));
        assert!(!on_lifecycle(&device, Lifecycle::Back));
    }
}
