//! The app-state API the UI calls: one `Device` per phone (or per simulated device in the preview),
//! holding its open store. Screens never run SQL or touch keys; they ask a `Device` to log a mood,
//! list a month, or show the crisis card, and get values or a plain-words error back.

mod care;
mod devices;
mod directory;
mod goals;
mod help;
mod lock;
mod moods;
mod my_data;
mod replies;
mod sharing;
mod tools;

pub(crate) use directory::program_care_at;
pub use directory::{DIRECTORY_FILE, DirectoryRefusal, PINNED_KEY_FILE, crisis_card_at};
pub use lock::Settings;
pub use my_data::{ExportFiles, ImportSummary, parse_export};
pub use replies::{ComposeState, ReportBody, SentReply, ShownReply};
pub use sharing::{MentorItem, SharedThing, SyncLine, names_in_words};
pub use tools::{ToolChoice, ToolInsight, toolkit};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{Local, NaiveDate};
use thiserror::Error;

use crate::domain::lock::wait_words;
use crate::store::{OpenStore, SlotError, Store, StoreError, StoreSlot};

/// Something the mentee should hear about, in words they can act on.
#[derive(Debug, Error)]
pub enum DeviceError {
    /// The store refused or failed; its message is already written for the mentee.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A trusted person's details break a rule.
    #[error(transparent)]
    Person(crate::domain::PersonError),
    /// A goal, step or goal check-in breaks a rule.
    #[error(transparent)]
    Goal(crate::domain::GoalError),
    /// A safety-plan line breaks a rule.
    #[error(transparent)]
    Plan(crate::domain::PlanError),
    /// A sync round failed.
    #[error(transparent)]
    Round(crate::sync::SyncError),
    /// A reply breaks a rule.
    #[error(transparent)]
    Reply(crate::domain::ReplyError),
    /// A message with words of its own (a name), said in the person's language.
    #[error("{}", crate::i18n::Say::say(.0, crate::i18n::Lang::En))]
    Phrase(crate::i18n::Phrase),
    /// The program's signed crisis directory did not check out; the lines on the phone stay.
    #[error("The crisis directory was refused: {0}.")]
    DirectoryRefused(String),
    /// The program's key could not be sealed into this device's key store.
    #[error("The program's key could not be kept: {0}")]
    KeyNotKept(String),
    /// Another part of the app failed while holding the store.
    #[error("The app hit a problem and stopped saving to be safe. Close it and open it again.")]
    Poisoned,
    /// The app is locked; the passcode opens it.
    #[error("The app is locked. Type your passcode to open it.")]
    Locked,
    /// A new passcode breaks a rule.
    #[error(transparent)]
    Passcode(#[from] crate::domain::PasscodeRule),
    /// The passcode typed doesn't open the key.
    #[error("That passcode doesn't match.{}", match .wait {
        Some(wait) => format!(" You can try again in {}.", wait_words(*wait)),
        None => String::new(),
    })]
    WrongPasscode { wait: Option<Duration> },
    /// A step that widens sharing needs the passcode typed first.
    #[error("Type your passcode first. It keeps anyone else from sharing your things.")]
    NeedsPasscode,
    /// Too many wrong tries in a row; the next one must wait.
    #[error("You can try again in {}.", wait_words(*.0))]
    TryAgainIn(Duration),
    /// An export file can't be imported: why (a catalogue key), and that nothing changed.
    #[error("{} {}", crate::i18n::tr(crate::i18n::Lang::En, .0), crate::i18n::tr(crate::i18n::Lang::En, "import-nothing-changed"))]
    Import(&'static str),
    /// An export's rows break a rule; nothing was imported.
    #[error(transparent)]
    ImportRows(crate::store::ImportProblem),
    /// A message for the person, by its catalogue key (shown in their language).
    #[error("{}", crate::i18n::tr(crate::i18n::Lang::En, .0))]
    Said(&'static str),
    /// The server refused, for a reason it named by `code` (shown in the person's language when
    /// the app knows the code, else as the server worded it).
    #[error("{message}")]
    Refused { code: String, message: String },
    /// A mentor's device can't go without a passcode.
    #[error(
        "A mentor's device keeps its passcode: it holds what mentees shared with you. You can change it."
    )]
    MentorNeedsPasscode,
}

pub type Result<T, E = DeviceError> = std::result::Result<T, E>;

/// One device's open data. Cheap to clone; clones share the same store.
#[derive(Clone)]
pub struct Device {
    store: StoreSlot,
    data_dir: PathBuf,
    sync: Arc<sharing::SyncHandle>,
    lock_state: Arc<lock::LockState>,
}

impl PartialEq for Device {
    fn eq(&self, other: &Self) -> bool {
        self.store.same(&other.store)
    }
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Device")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl Device {
    /// Opens (or sets up, on first use) the device whose files are in `data_dir`. When a passcode
    /// is set the device starts locked: nothing is read until [`Device::unlock`].
    pub fn open(data_dir: &Path) -> Result<Device> {
        Device::open_timed_by(data_dir, Arc::new(crate::platform::DeviceClock))
    }

    /// [`Device::open`], with the lock timed by `clock` (the device's clock that counts sleep,
    /// or, in tests, one that can be put to sleep).
    pub(crate) fn open_timed_by(
        data_dir: &Path,
        clock: Arc<dyn crate::platform::LockClock>,
    ) -> Result<Device> {
        let lock_state = lock::LockState::load(data_dir, clock);
        let store = if lock_state.is_sealed() {
            None
        } else {
            Some(Store::open(data_dir)?)
        };
        Ok(Device {
            store: StoreSlot::new(store),
            data_dir: data_dir.to_path_buf(),
            sync: Arc::new(sharing::SyncHandle::new()),
            lock_state: Arc::new(lock_state),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    fn store(&self) -> Result<OpenStore<'_>> {
        self.store.get().map_err(|err| match err {
            SlotError::Locked => DeviceError::Locked,
            SlotError::Poisoned => DeviceError::Poisoned,
        })
    }

    /// The mentee's local date now.
    pub fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
}

impl DeviceError {
    /// A sync call's failure, as the person should read it.
    pub fn from_call(err: crate::sync::CallError) -> Self {
        match err {
            crate::sync::CallError::Refused { code, message, .. } => {
                DeviceError::Refused { code, message }
            }
            crate::sync::CallError::Offline => DeviceError::Said("err-offline"),
            crate::sync::CallError::Busy => DeviceError::Said("err-busy"),
            crate::sync::CallError::Server => DeviceError::Said("err-server"),
        }
    }
}

impl crate::i18n::Say for DeviceError {
    fn say(&self, lang: crate::i18n::Lang) -> String {
        match self {
            DeviceError::Store(err) => err.say(lang),
            DeviceError::Person(err) => err.say(lang),
            DeviceError::Goal(err) => err.say(lang),
            DeviceError::Plan(err) => err.say(lang),
            DeviceError::Round(err) => err.say(lang),
            DeviceError::Reply(err) => err.say(lang),
            DeviceError::Phrase(phrase) => phrase.say(lang),
            DeviceError::DirectoryRefused(_) => crate::t!(lang, "err-directory-refused"),
            DeviceError::KeyNotKept(_) => crate::t!(lang, "err-key-not-kept"),
            DeviceError::Poisoned => crate::t!(lang, "err-poisoned"),
            DeviceError::Locked => crate::t!(lang, "err-locked"),
            DeviceError::Passcode(rule) => rule.say(lang),
            DeviceError::WrongPasscode { wait } => match wait {
                Some(wait) => {
                    crate::t!(lang, "err-wrong-passcode-wait", wait = wait_in(lang, *wait))
                }
                None => crate::t!(lang, "err-wrong-passcode"),
            },
            DeviceError::NeedsPasscode => crate::t!(lang, "err-needs-passcode"),
            DeviceError::TryAgainIn(wait) => {
                crate::t!(lang, "err-try-again-in", wait = wait_in(lang, *wait))
            }
            DeviceError::Import(key) => format!(
                "{} {}",
                crate::i18n::tr(lang, key),
                crate::t!(lang, "import-nothing-changed")
            ),
            DeviceError::ImportRows(problem) => problem.say(lang),
            DeviceError::Said(key) => crate::i18n::tr(lang, key),
            DeviceError::Refused { code, message } => {
                crate::sync::client::refusal_words(lang, code, message)
            }
            DeviceError::MentorNeedsPasscode => crate::t!(lang, "err-mentor-passcode"),
        }
    }
}

/// A wait in words, in `lang`: "30 seconds", "5 minutes".
pub fn wait_in(lang: crate::i18n::Lang, wait: Duration) -> String {
    let seconds = wait.as_secs().max(1);
    if seconds < 60 {
        crate::t!(lang, "wait-seconds", count = seconds)
    } else {
        crate::t!(lang, "wait-minutes", count = seconds.div_ceil(60))
    }
}
