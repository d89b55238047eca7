//! Screens, one file each. A screen composes components and talks to the device through the session.

mod goals;
mod help;
mod history;
mod lock;
mod mentor;
mod my_data;
mod privacy;
mod sharing;
mod startup;
mod today;
mod tools;

pub use goals::GoalsScreen;
pub use help::HelpScreen;
pub use history::HistoryScreen;
pub use lock::{HiddenScreen, LockScreen, MentorPasscodeGate};
pub use mentor::MentorApp;
pub use privacy::{PasscodeSettings, PrivacyScreen};
pub use sharing::SharingScreen;
pub use startup::{DataPlace, Start, StartupLang};
pub use today::TodayScreen;
pub use tools::ToolsScreen;
