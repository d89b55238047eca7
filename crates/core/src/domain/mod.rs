//! The pure model of Steady: what a mood entry, an emotion word or a crisis contact is, and the rules
//! they follow. Nothing here does IO or knows about SQLite, crypto or the UI, so every rule is testable
//! with plain values.

pub mod care;
pub mod crisis;
pub mod csv;
pub mod emotions;
pub mod goals;
pub mod history;
pub mod hours;
pub mod ids;
pub mod lock;
pub mod mood;
pub mod people;
pub mod replies;
pub mod safety_plan;
pub mod share;
pub mod time;
pub mod tools;

pub use care::{CareError, Coordinator, ProgramCare, Safeguarding};
pub use crisis::{
    ContactAction, ContactForm, CrisisContact, CrisisDirectory, display_number, is_dialable,
};
pub use emotions::{EmotionWord, Quadrant};
pub use goals::{Goal, GoalCheckIn, GoalDraft, GoalError, GoalState, GoalStep, Progress};
pub use history::{ChartRange, ChartSummary, DayGroup, DayPoint, MoodPoint};
pub use hours::{OpenHours, OpenNow};
pub use ids::EntryId;
pub use lock::{AutoLock, KeyGuard, PasscodeRule};
pub use mood::{ContextTag, MoodDetails, MoodEntry, MoodError, MoodLevel};
pub use people::{PersonError, TrustedPerson};
pub use replies::{Reply, ReplyError};
pub use safety_plan::{PlanError, PlanSection};
pub use share::{ShareKind, ShareMode, SharedContent};
pub use time::LocalStamp;
