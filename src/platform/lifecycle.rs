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
/// lock screen shows only the crisis card (and the blank quick-hide screen nothing), so it may be
/// captured, but only once it is really on screen: the phone takes the switcher's snapshot as the
/// app leaves, and with "Right away" the app locks at that very moment, before the web view has
/// drawn the lock screen (on Android, clearing `FLAG_SECURE` then let the snapshot show what was
/// there before). So the screen stays private while the app is out of sight, and after it locks
/// until a frame of the lock screen has been drawn in sight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenPrivacy {
    in_sight: bool,
    lock_screen_drawn: bool,
}

impl Default for ScreenPrivacy {
    fn default() -> Self {
        ScreenPrivacy {
            in_sight: true,
            lock_screen_drawn: false,
        }
    }
}

impl ScreenPrivacy {
    /// The app left or came back.
    pub fn went(&mut self, event: Lifecycle) {
        self.in_sight = event == Lifecycle::Back;
        self.lock_screen_drawn = false;
    }

    /// The app locked or unlocked: whatever was drawn before is not the lock screen.
    pub fn lock_changed(&mut self) {
        self.lock_screen_drawn = false;
    }

    /// Whether a drawn frame must be waited for before the lock screen may be captured.
    pub fn waits_for_lock_screen(&self, locked: bool) -> bool {
        locked && self.in_sight && !self.lock_screen_drawn
    }

    /// A frame has been drawn since the app locked, while in sight.
    pub fn lock_screen_drawn(&mut self, locked: bool) {
        self.lock_screen_drawn = locked && self.in_sight;
    }

    /// Whether the screen must be kept out of screenshots and the app switcher now.
    pub fn private(&self, locked: bool) -> bool {
        !(locked && self.in_sight && self.lock_screen_drawn)
    }
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
    fn leaving_locks_at_once_with_right_away_and_the_screen_stays_private_until_the_lock_screen_is_drawn()
     {
        let (_dir, device) = device_with_passcode(AutoLock::Immediately);
        let mut privacy = ScreenPrivacy::default();
        assert!(privacy.private(device.is_locked()));
        // Leaving: the phone is about to take the switcher's snapshot of what is on screen.
        privacy.went(Lifecycle::Away);
        assert!(on_lifecycle(&device, Lifecycle::Away));
        privacy.lock_changed();
        assert!(device.is_locked());
        assert!(
            privacy.private(device.is_locked()),
            "locked while leaving, but the lock screen is not drawn yet: still private"
        );
        assert!(
            !privacy.waits_for_lock_screen(device.is_locked()),
            "nothing is drawn away"
        );
        privacy.lock_screen_drawn(device.is_locked());
        assert!(
            privacy.private(device.is_locked()),
            "a frame away counts for nothing"
        );
        // Back: the lock screen is put up, then drawn; only then may it be captured.
        privacy.went(Lifecycle::Back);
        assert!(
            on_lifecycle(&device, Lifecycle::Back),
            "still locked when back"
        );
        assert!(privacy.private(device.is_locked()));
        assert!(privacy.waits_for_lock_screen(device.is_locked()));
        privacy.lock_screen_drawn(device.is_locked());
        assert!(!privacy.private(device.is_locked()));
        // Unlocking makes it private again at once.
        device.unlock("246813").unwrap();
        privacy.lock_changed();
        assert!(privacy.private(device.is_locked()));
    }

    #[test]
    fn a_short_trip_away_with_a_delay_set_keeps_it_open_and_counts_as_a_touch() {
        let (_dir, device) = device_with_passcode(AutoLock::FiveMinutes);
        assert!(!on_lifecycle(&device, Lifecycle::Away));
        assert!(!on_lifecycle(&device, Lifecycle::Back));
        assert!(!device.is_locked());
        assert!(ScreenPrivacy::default().private(device.is_locked()));
    }

    #[test]
    fn without_a_passcode_nothing_locks() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        assert!(!on_lifecycle(&device, Lifecycle::Away));
        assert!(!on_lifecycle(&device, Lifecycle::Back));
    }
}
