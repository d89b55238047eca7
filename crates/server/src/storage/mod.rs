//! The server's storage contract: people, invites, devices, pairings and the sealed records
//! ([`ServerStore`]), the staff console's tables ([`staff`]) and the duty of care's ([`care`]),
//! and the schema rules both databases follow ([`steps`]). Two backends keep it: embedded SQLite
//! in WAL mode (`sqlite`, the default) and PostgreSQL (`postgres`), both held to it by the record
//! rules they share (`rules`) and one conformance suite (`tests/store_contract.rs`). The server
//! never holds plaintext: records are opaque envelopes.

use thiserror::Error;

use crate::staff_seal::StaffAccount;
use steady_core::protocol::{DeviceInfo, PutOutcome, RecordChange, RecordPut, Role};

pub mod care;
pub mod staff;
pub(crate) mod steps;

pub use crate::sqlite::SqliteStore;
use staff::PeopleChange;

/// The server database file inside its data directory.
pub const SERVER_DATABASE: &str = "steady-server.db";

#[derive(Debug, Error)]
pub enum ServerStoreError {
    #[error("that invite code is not valid, was used already, or has expired")]
    BadInvite,
    #[error("no such person")]
    NoSuchPerson,
    #[error("a mentee and a mentor are needed to pair")]
    WrongRoles,
    #[error("version {0} of an item was already stored with different contents")]
    VersionConflict(u64),
    #[error("nobody paired with this mentee can read item {0}")]
    NoAudience(String),
    #[error("a change to item {0} came without a signed envelope or tombstone")]
    Unsigned(String),
    #[error("this mentee's shared items have reached the program's storage limit")]
    QuotaFull,
    #[error("the notes from mentors kept for this mentee have reached the program's storage limit")]
    RepliesFull,
    #[error("that device is not one of this person's")]
    NotYourDevice,
    #[error("the server's database was written by a newer version of Steady's server")]
    NewerSchema,
    #[error("this server changed a database step it ran before ({0})")]
    SchemaChanged(&'static str),
    #[error("server database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL's error code and message, never its detail (which can quote the values).
    #[error("server database error: {0}")]
    Postgres(String),
    #[error("PostgreSQL cannot keep text with a zero character in it")]
    ZeroCharacter,
    #[error("the server database is unavailable")]
    Poisoned,
    /// What a change depended on changed meanwhile (another tab, another lead); nothing was kept.
    #[error("something this change depends on changed meanwhile; nothing was kept")]
    Changed,
}

impl From<tokio_postgres::Error> for ServerStoreError {
    fn from(err: tokio_postgres::Error) -> Self {
        use tokio_postgres::error::SqlState;
        match err.as_db_error() {
            Some(db) if *db.code() == SqlState::CHARACTER_NOT_IN_REPERTOIRE => {
                ServerStoreError::ZeroCharacter
            }
            Some(db) => {
                ServerStoreError::Postgres(format!("{} ({})", db.message(), db.code().code()))
            }
            None if err.is_closed() => ServerStoreError::Postgres("the connection closed".into()),
            None => ServerStoreError::Postgres(match std::error::Error::source(&err) {
                // Why a connection failed (refused, a certificate that cannot be verified).
                Some(cause) => format!("{err}: {cause}"),
                None => err.to_string(),
            }),
        }
    }
}

pub type Result<T, E = ServerStoreError> = std::result::Result<T, E>;

/// The device behind a valid, unrevoked token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub device_id: String,
    pub person_id: String,
    pub role: Role,
}

/// A person as staff and mentors see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub role: Role,
    pub display_name: String,
}

/// Everything the sync protocol needs from storage.
pub trait ServerStore: staff::StaffStore + care::CareStore + Send + Sync + 'static {
    fn program_name(&self) -> Result<String>;
    fn add_person(&self, role: Role, display_name: &str, now: i64) -> Result<Person>;
    fn person(&self, id: &str) -> Result<Person>;
    /// Stores an invite for `person_id` under the SHA-256 of its code.
    fn add_invite(&self, person_id: &str, code_hash: &str, expires_at: i64) -> Result<()>;
    /// Uses an invite once and adds a device for its person.
    fn enroll(&self, code_hash: &str, device: &NewDevice, now: i64) -> Result<Person>;
    fn caller(&self, token_hash: &str) -> Result<Option<Caller>>;
    /// Whether a token belonged to a device the program has since removed.
    fn was_removed(&self, token_hash: &str) -> Result<bool>;
    // The changes to people below are the command line's and the devices' own (no staff
    // session, so no audit line); each is the one `change_people` both stores implement.
    fn revoke_device(&self, device_id: &str, now: i64) -> Result<bool> {
        self.change_people(&PeopleChange::RemoveDevice { device: device_id }, now, None)
    }
    fn pair(&self, mentee_id: &str, mentor_id: &str, now: i64) -> Result<()> {
        let pair = PeopleChange::Pair {
            mentee: mentee_id,
            mentor: mentor_id,
        };
        self.change_people(&pair, now, None).map(|_| ())
    }
    fn unpair(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        let unpair = PeopleChange::Unpair {
            mentee: mentee_id,
            mentor: mentor_id,
        };
        self.change_people(&unpair, 0, None)
    }
    fn is_paired(&self, mentee_id: &str, mentor_id: &str) -> Result<bool>;
    /// The people paired with `person_id` (mentors of a mentee, or mentees of a mentor).
    fn partners(&self, person_id: &str, role: Role) -> Result<Vec<Person>>;
    fn devices(&self, person_id: &str) -> Result<Vec<DeviceInfo>>;
    /// Every device ever enrolled for `person_id`, removed ones too: (id, signing key). What a
    /// device signed while it was theirs stays theirs after the phone is lost or replaced.
    fn signing_keys_ever(&self, person_id: &str) -> Result<Vec<(String, String)>>;
    /// Keeps `vouch` (JSON) for `device_id`, which must be another device of `person_id`.
    fn set_vouch(&self, person_id: &str, device_id: &str, vouch: &str) -> Result<()>;
    /// Applies a batch of record changes in one transaction: all or nothing. Each outcome comes
    /// with the version the server holds afterwards. `quota_bytes` caps what a mentee's records
    /// may take in all.
    fn put_records(
        &self,
        mentee_id: &str,
        records: &[RecordPut],
        quota_bytes: u64,
    ) -> Result<Vec<(PutOutcome, u64)>>;
    /// Changes to a mentee's records after `after` that `mentor_id` may see.
    fn changes(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<RecordChange>, bool)>;
    /// Deletes the person and everything the server holds for them.
    fn delete_person(&self, person_id: &str) -> Result<()> {
        let delete = PeopleChange::Delete { person: person_id };
        self.change_people(&delete, 0, None).map(|_| ())
    }
    /// The newest published crisis directory: its version and its signed form (JSON).
    fn latest_directory(&self) -> Result<Option<(u64, String)>>;
    /// Stores a newly published (already signed) directory version.
    fn publish_directory(&self, version: u64, signed: &str, now: i64) -> Result<()> {
        self.publish_directory_noted(version, signed, now, None)
    }
    /// The same, with a staff member's audit line kept in the same transaction (none for the
    /// command line's).
    fn publish_directory_noted(
        &self,
        version: u64,
        signed: &str,
        now: i64,
        audit: Option<&staff::Audited<'_>>,
    ) -> Result<()>;
    /// Records a program key rotation (JSON) and, in the same transaction, the newest directory
    /// signed again by the new key as the next version.
    fn add_key_rotation(
        &self,
        rotation: &str,
        resigned_directory: Option<(u64, String)>,
        resealed: &[(StaffAccount, String)],
        revouched: &[care::LeadRevouch],
        now: i64,
    ) -> Result<()>;
    /// Every program key rotation (JSON), oldest first.
    fn key_rotations(&self) -> Result<Vec<String>>;
    /// The program's signing key (public, base64url) as the database knows it: the first node
    /// to start claims it, and each rotation moves it on. `None` before any node has started.
    fn program_key(&self) -> Result<Option<String>>;
    /// Records `public` as the program's key if none is recorded yet.
    fn claim_program_key(&self, public: &str) -> Result<()>;
}

/// A program key rotation's parts, as both stores keep them (one column each).
#[derive(serde::Deserialize)]
pub(super) struct RotationParts {
    pub old_key: String,
    pub new_key: String,
    pub signature: String,
}

impl RotationParts {
    pub(super) fn parse(rotation: &str) -> Result<RotationParts> {
        serde_json::from_str(rotation).map_err(|_| ServerStoreError::Poisoned)
    }
}

/// A device being enrolled.
pub struct NewDevice {
    pub id: String,
    pub token_hash: String,
    pub signing_key: String,
    pub receiving_key: String,
}
