//! Screens, one file each. A screen composes components and talks to the device through the session.

mod goals;
mod help;
mod history;
mod today;
mod tools;

pub use goals::GoalsScreen;
pub use help::HelpScreen;
pub use history::HistoryScreen;
pub use today::TodayScreen;
pub use tools::ToolsScreen;
