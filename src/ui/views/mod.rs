//! Screens, one file each. A screen composes components and talks to the device through the session.

mod goals;
mod help;
mod history;
mod mentor;
mod sharing;
mod today;
mod tools;

pub use goals::GoalsScreen;
pub use help::HelpScreen;
pub use history::HistoryScreen;
pub use mentor::MentorApp;
pub use sharing::SharingScreen;
pub use today::TodayScreen;
pub use tools::ToolsScreen;
