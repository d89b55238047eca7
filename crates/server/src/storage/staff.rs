//! What the staff console keeps: staff accounts (Argon2id hashes), sign-in sessions (only the
//! SHA-256 of the cookie), the sign-in throttle (wrong passwords per name, per name and address,
//! per address), the audit log, and the program totals, as both stores keep them. Entry content
//! is never here (the server has none).

use super::Result;
use crate::staff_seal::{Sealed, SessionRow, StaffAccount};

/// A signed-in staff member, as a session names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffSession {
    pub staff_id: String,
    pub name: String,
    pub csrf: String,
    /// Whether they may open the safeguarding inbox.
    pub safeguarding: bool,
}

/// A person as the console lists them: their devices, their unused invites and who they are
/// paired with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRow {
    pub id: String,
    pub role: String,
    pub name: String,
    pub devices: Vec<DeviceRow>,
    /// When each invite not yet used runs out (or ran out), soonest first.
    pub invites: Vec<i64>,
    /// (person id, name)
    pub partners: Vec<(String, String)>,
}

/// One of a person's devices, as staff see it: never its keys or token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceRow {
    pub id: String,
    pub enrolled_at: i64,
    pub revoked: bool,
    /// When it last reached the server, if it has since this was recorded.
    pub last_seen: Option<i64>,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditLine {
    pub at: i64,
    pub staff: String,
    pub action: String,
    pub detail: String,
}

/// The audit line a write keeps in its own transaction: the change and its line are kept
/// together or not at all, so nothing is done that the log does not show.
#[derive(Clone, Copy, Debug)]
pub struct Audited<'a> {
    pub staff: &'a str,
    pub action: &'a str,
    pub detail: &'a str,
    pub at: i64,
}

impl<'a> Audited<'a> {
    /// A line for something done now.
    pub fn now(staff: &'a str, action: &'a str, detail: &'a str) -> Self {
        Audited {
            staff,
            action,
            detail,
            at: crate::now(),
        }
    }
}

/// A change staff make to who is in the program and how they are matched.
#[derive(Clone, Copy, Debug)]
pub enum PeopleChange<'a> {
    Pair {
        mentee: &'a str,
        mentor: &'a str,
    },
    /// Ends a match; nothing shared before is served to that mentor again.
    Unpair {
        mentee: &'a str,
        mentor: &'a str,
    },
    RemoveDevice {
        device: &'a str,
    },
    /// Cancels a person's unused invite codes.
    CancelInvites {
        person: &'a str,
    },
    /// Deletes the person and everything the server holds for them.
    Delete {
        person: &'a str,
    },
}

/// The program at a glance. Never any entry content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub mentees: i64,
    pub mentors: i64,
    pub active_7_days: i64,
    pub active_30_days: i64,
    pub pending_invites: i64,
    /// Replies mentors sent in the last 30 days (a count; never who, to whom, or what).
    pub replies_30_days: i64,
}

/// The fewest mentees a program needs before reply counts are shown, so a count never points
/// at one young person.
pub const SMALL_GROUP: i64 = 10;

/// The staff console's storage, part of every [`super::ServerStore`].
pub trait StaffStore {
    /// Keeps a new account with its seal (see `staff_seal`).
    fn add_staff(&self, account: &StaffAccount, seal: &str, now: i64) -> Result<()>;
    /// The account signing in as `name`.
    fn staff_login(&self, name: &str) -> Result<Option<Sealed<StaffAccount>>>;
    fn staff_account(&self, staff_id: &str) -> Result<Option<Sealed<StaffAccount>>>;
    /// Every staff account.
    fn staff_accounts(&self) -> Result<Vec<Sealed<StaffAccount>>>;
    /// Replaces the account that is exactly `old` with `new` and its seal; false (and nothing
    /// changed) when the row is no longer `old`.
    fn reseal_staff(&self, old: &StaffAccount, new: &StaffAccount, seal: &str) -> Result<bool>;
    /// Counts one sign-in try against each `(key, free tries)` before the password is checked, in
    /// one transaction, so parallel guesses cannot all slip through: returns the time until which
    /// a key is locked (nothing is counted then), or `None` to go ahead. After a key's free tries,
    /// each wrong one locks it for 1, 2, 4 ... at most 15 minutes; counts fade after a day.
    fn throttle_try(&self, keys: &[(String, u32)], now: i64) -> Result<Option<i64>>;
    /// A right password: `clear` keys start again from nothing; `release` keys give back the one
    /// try counted for it (unlocking if that brings them under their free tries).
    fn throttle_settle(&self, clear: &[String], release: &[(String, u32)]) -> Result<()>;
    fn start_session(&self, session: &SessionRow, seal: &str) -> Result<()>;
    /// The session behind a cookie, if it has not expired, and its account.
    fn staff_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(Sealed<SessionRow>, Sealed<StaffAccount>)>>;
    /// Ends a session, with its audit line when given one. Signing out must always work (a shared
    /// computer), so the console asks again without the line when the log cannot be written.
    fn end_session(&self, token_hash: &str, audit: Option<&Audited<'_>>) -> Result<()>;
    fn audit(&self, staff: &str, action: &str, detail: &str, now: i64) -> Result<()>;
    /// The newest `limit` lines of the audit log.
    fn audit_log(&self, limit: u32) -> Result<Vec<AuditLine>>;
    fn totals(&self, now: i64) -> Result<Totals>;
    /// Notes that a device made a request (for "active in the last 7 and 30 days").
    fn touch_device(&self, device_id: &str, now: i64) -> Result<()>;
    /// Everyone enrolled or invited, mentees first, with devices, unused invites and pairings.
    fn people(&self) -> Result<Vec<PersonRow>>;
    /// Cancels every unused invite for `person_id`; whether there were any.
    fn cancel_invites(&self, person_id: &str) -> Result<bool> {
        self.change_people(&PeopleChange::CancelInvites { person: person_id }, 0, None)
    }
    /// The contacts staff are editing, in order, each as JSON.
    fn directory_draft(&self) -> Result<Vec<String>>;
    /// Replaces the draft with `contacts` (JSON each), in one transaction.
    fn set_directory_draft(&self, contacts: &[String], audit: &Audited<'_>) -> Result<()>;
    /// Makes `change` and keeps `audit` with it (a staff member's; none for the command line's
    /// and the devices' own), in one transaction; false (and no line) when there was nothing to
    /// change (no such device, no unused invite, a match already ended). Pairing asks for a
    /// mentee and a mentor who both exist.
    fn change_people(
        &self,
        change: &PeopleChange<'_>,
        now: i64,
        audit: Option<&Audited<'_>>,
    ) -> Result<bool>;
}
