//! What the server keeps for the program's duty of care: the confidentiality statement staff are
//! editing, the safeguarding inbox's keys (each public key, and its private key wrapped in the
//! browser under a passphrase the server never sees), concerns exactly as mentors' devices sealed
//! them, and the signed notices that tell a mentee something of theirs was passed on. The server
//! can read none of a concern: only who raised it, about whom, and when.

use super::Result;
use super::staff::Audited;
use crate::staff_seal::{Sealed, StaffAccount};

/// One safeguarding key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeguardingKeyRow {
    pub id: i64,
    /// X25519, unpadded base64url.
    pub public_key: String,
    /// JSON: how the browser wrapped the private key (see assets/console/console.js).
    pub wrapped: String,
    /// Who concerns go to, as mentors see it.
    pub contact_name: String,
    pub created_at: i64,
    pub created_by: String,
}

/// A staff account as the safeguarding page lists it: whether it has the role, and the lead's
/// own key once they chose their passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffLead {
    pub staff_id: String,
    pub name: String,
    pub safeguarding: bool,
    pub key: Option<LeadKey>,
}

/// Everything setting the safeguarding inbox up writes, kept in one transaction: the lead's own
/// key when they chose it just now, the inbox key, each lead's grant of it, and the signed
/// directory that tells phones where concerns go. All of it, or nothing.
pub struct InboxSetup<'a> {
    /// The lead setting it up, and their own key when this request made it.
    pub own_key: Option<(&'a str, &'a LeadKey)>,
    pub public_key: &'a str,
    pub contact_name: &'a str,
    pub by: &'a str,
    /// (staff id, the lead's own public key it was sealed to, the inbox key's private half
    /// sealed to it): kept only while that lead's key is still that key.
    pub grants: &'a [(String, String, String)],
    /// The next directory version, signed, naming this inbox.
    pub directory: (u64, String),
    pub now: i64,
    /// What the log says of it (the inbox set up, the contacts published): kept with it.
    pub audit: &'a [Audited<'a>],
}

/// A lead's key vouched for again by a new program key, as a rotation records it: only the row
/// still exactly as the old key vouched for it (`old_signature`) changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadRevouch {
    pub staff_id: String,
    pub public_key: String,
    pub old_signature: String,
    /// The new program key (base64url), and its signature.
    pub signed_by: String,
    pub signature: String,
}

/// A safeguarding lead's own key: X25519, made in their browser, its private half wrapped under
/// their passphrase (which the server never sees); the program key's word that it is theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadKey {
    /// X25519, unpadded base64url.
    pub public_key: String,
    /// JSON, as the browser wrapped it (see assets/console/console.js).
    pub wrapped: String,
    /// The program key that vouched for it (base64url), and its signature.
    pub signed_by: String,
    pub signature: String,
    pub created_at: i64,
}

/// An inbox key's private half, sealed in a lead's browser to another lead's own key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub key_id: i64,
    pub staff_id: String,
    /// JSON `{epk, nonce, ct}` (see assets/console/console.js `sealTo`).
    pub sealed: String,
}

/// A concern as a mentor's device sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConcern {
    /// "concern" (a mentor's, about a mentee's item) or "report" (a mentee's, about a mentor's
    /// note; it pauses that mentor's replies until handled).
    pub kind: String,
    pub mentee_id: String,
    pub mentee_name: String,
    pub mentor_id: String,
    pub mentor_name: String,
    pub device_id: String,
    /// The mentor device's signing key (base64url), kept so the inbox can check its signature
    /// after the device is gone.
    pub device_key: String,
    pub key_id: i64,
    /// `crypto::concern::SealedConcern` as JSON.
    pub sealed: String,
    pub mentee_told: bool,
    /// The signed notice for the mentee, when they are told.
    pub notice: Option<String>,
}

/// A concern as the inbox lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConcernRow {
    pub id: String,
    pub kind: String,
    pub mentee_name: String,
    pub mentor_name: String,
    pub mentee_id: String,
    pub mentor_id: String,
    pub device_key: String,
    pub key_id: i64,
    pub sealed: String,
    pub mentee_told: bool,
    pub created_at: i64,
    pub handled: Option<(i64, String)>,
}

impl ConcernRow {
    /// The person whose own signature the evidence carries: the mentee for a concern (they signed
    /// the shared item), the mentor for a report (they signed the reply).
    pub fn author_id(&self) -> &str {
        if self.kind == "report" {
            &self.mentor_id
        } else {
            &self.mentee_id
        }
    }
}

/// The duty-of-care storage, part of every [`super::ServerStore`].
pub trait CareStore {
    /// The statement staff are editing (JSON of `domain::ProgramCare` without the safeguarding
    /// part), if any.
    fn care_draft(&self) -> Result<Option<String>>;
    fn set_care_draft(&self, care: &str, audit: &Audited<'_>) -> Result<()>;
    /// The newest safeguarding key: the one phones seal to.
    fn safeguarding_key(&self) -> Result<Option<SafeguardingKeyRow>>;
    /// Every safeguarding key, newest first (older concerns were sealed to older keys).
    fn safeguarding_keys(&self) -> Result<Vec<SafeguardingKeyRow>>;
    fn add_safeguarding_key(
        &self,
        public_key: &str,
        wrapped: &str,
        contact_name: &str,
        by: &str,
        now: i64,
    ) -> Result<i64>;
    /// Sets the inbox up as [`InboxSetup`] says, in one transaction; returns the key's id.
    fn set_up_inbox(&self, setup: &InboxSetup<'_>) -> Result<i64>;
    /// Every staff account, by name, with its lead key if it has one (the account is checked
    /// against its seal by `staff_seal::leads`).
    fn safeguarding_staff(&self) -> Result<Vec<(Sealed<StaffAccount>, Option<LeadKey>)>>;
    /// Sets a lead's own key, replacing any earlier one and every grant sealed to it (a lead who
    /// forgot their passphrase chooses a new one; another lead gives them access again).
    fn set_lead_key(&self, staff_id: &str, key: &LeadKey, audit: &Audited<'_>) -> Result<()>;
    /// Every grant of an inbox key to a lead.
    fn grants(&self) -> Result<Vec<Grant>>;
    /// Keeps grants to one lead, in one transaction. A grant of a key the lead already has is
    /// left as it is: one lead can never overwrite another's working access.
    fn add_grants(
        &self,
        staff_id: &str,
        grants: &[(i64, String)],
        by: &str,
        now: i64,
        audit: &Audited<'_>,
    ) -> Result<()>;
    /// Takes the safeguarding role, the lead's key and their grants away, in one transaction:
    /// the account that is exactly `old` (with the role) gets `seal`, the program key's seal
    /// over it without the role. False, and nothing changed, when the row is no longer `old`.
    fn remove_lead(&self, old: &StaffAccount, seal: &str, audit: &Audited<'_>) -> Result<bool>;
    /// Keeps a concern and, when the mentee is told, their notice, in one transaction.
    fn add_concern(&self, concern: &NewConcern, now: i64, audit: &Audited<'_>) -> Result<String>;
    /// Every concern, newest first.
    fn concerns(&self) -> Result<Vec<ConcernRow>>;
    /// One page of the inbox: those not yet handled first, each part newest first; and how many
    /// there are in all.
    fn concerns_page(&self, offset: u32, limit: u32) -> Result<(Vec<ConcernRow>, i64)>;
    /// How many `kind` ("concern" or "report") items between `mentee_id` and `mentor_id` staff
    /// have not handled yet.
    fn open_between(&self, kind: &str, mentee_id: &str, mentor_id: &str) -> Result<i64>;
    /// Whether the server holds a reply from `mentor_id` to `mentee_id`: a note a mentee can
    /// report, from a mentor paired now or before.
    fn wrote_to(&self, mentee_id: &str, mentor_id: &str) -> Result<bool>;
    /// Marks a concern handled; false when there is no such concern or it was already.
    fn handle_concern(&self, id: &str, by: &str, now: i64, audit: &Audited<'_>) -> Result<bool>;
    /// A mentee's notices after `after`, oldest first: (id, signed notice).
    fn notices(&self, mentee_id: &str, after: i64) -> Result<Vec<(i64, String)>>;
    /// Keeps a mentor's replies to a mentee, each once by id, in one transaction. A reply id
    /// already kept with other bytes refuses the whole batch.
    fn put_replies(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        replies: &[steady_core::protocol::ReplyPut],
        quota_bytes: u64,
        now: i64,
    ) -> Result<Vec<steady_core::protocol::PutOutcome>>;
    /// A mentee's replies after `after`, oldest first, and whether more wait.
    fn replies(
        &self,
        mentee_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<steady_core::protocol::ReplyChange>, bool)>;
    /// Whether the mentee reported one of this mentor's notes and staff haven't handled it.
    fn replies_paused(&self, mentee_id: &str, mentor_id: &str) -> Result<bool>;
    /// Replies written since `since` (a count, nothing else).
    fn replies_since(&self, since: i64) -> Result<i64>;
}
