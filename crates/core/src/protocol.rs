//! The sync protocol's wire types (v1), shared by the app's sync client and the server. Every
//! request carries `Steady-Protocol: 1`; every error is a JSON [`ApiError`] with a 4xx or 5xx.
//!
//! Endpoints: `POST /v1/enroll`; for a mentee's device `GET /v1/recipients`, `POST /v1/records`,
//! `POST /v1/vouches`, `GET /v1/notices`; for a mentor's `GET /v1/mentees`,
//! `GET /v1/mentees/{id}/records`, `POST /v1/concerns`; for both `GET /v1/directory` and
//! `DELETE /v1/me`. A device the program removed is answered 401 `device_removed`.
//!
//! The other way, a mentor's device writes sealed replies with `POST /v1/replies` and a mentee's
//! reads them with `GET /v1/replies` (the envelope's `replies` feed; never changed or taken back);
//! a mentee reports one with `POST /v1/reports`. Older clients never call these and keep working.

use serde::{Deserialize, Serialize};

/// The header that names the protocol version of a request.
pub const PROTOCOL_HEADER: &str = "steady-protocol";
/// The version this code speaks.
pub const PROTOCOL_VERSION: &str = "1";

/// Limits the server enforces and the client respects.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
pub const MAX_BATCH: usize = 500;
pub const MAX_ENVELOPE_BYTES: usize = 64 * 1024;
pub const MAX_PULL: u32 = 500;

/// Who a person is in the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Mentee,
    Mentor,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        [Role::Mentee, Role::Mentor]
            .into_iter()
            .find(|r| r.key() == key)
    }
}

/// `POST /v1/enroll`: an invite code and this device's public keys (base64url, no padding).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    pub invite_code: String,
    pub signing_key: String,
    pub receiving_key: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub device_id: String,
    pub token: String,
    pub person_id: String,
    pub role: Role,
    pub display_name: String,
    pub program_name: String,
    /// The program's Ed25519 public key (base64url): the app pins it and accepts only crisis
    /// directories it signed.
    pub program_key: String,
}

/// A device that may receive or sign envelopes, as the server lists it. The server's word is not
/// trusted: a mentor pins a mentee's first devices and takes a later one only with a [`Vouch`]
/// from a device it already trusts; a mentee approves each mentor device by its fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub device_id: String,
    pub signing_key: String,
    pub receiving_key: String,
    pub enrolled_at: i64,
    /// For a mentee's later device: another device of the same mentee vouching for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vouch: Option<Vouch>,
}

/// One device's signature over another device of the same person (see `crypto::identity`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vouch {
    /// The device that signed.
    pub by: String,
    /// Ed25519 signature, unpadded base64url.
    pub signature: String,
}

/// `POST /v1/vouches`: a mentee device vouches for another device of the same mentee.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VouchRequest {
    pub device_id: String,
    pub vouch: Vouch,
}

/// `GET /v1/recipients`: the devices of the mentee's paired mentor(s), and the mentee's own
/// devices (so one of them can vouch for a new one).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Recipients {
    pub mentors: Vec<MentorInfo>,
    #[serde(default)]
    pub my_devices: Vec<DeviceInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MentorInfo {
    pub person_id: String,
    pub display_name: String,
    pub devices: Vec<DeviceInfo>,
    /// Whether this mentor's notes to the mentee are paused while staff look at a report of
    /// one; false again once staff mark it handled (a server before this said nothing: false).
    #[serde(default)]
    pub replies_paused: bool,
}

/// One change to a shared item: a sealed envelope, or a signed tombstone (unshared or deleted;
/// `crypto::envelope::seal_tombstone`). An unsigned change (`envelope: None`) is refused.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordPut {
    pub item_id: String,
    pub version: u64,
    pub envelope: Option<String>,
}

/// `POST /v1/records`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBatch {
    pub records: Vec<RecordPut>,
}

/// What the server did with one record of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PutOutcome {
    /// Stored now.
    Stored,
    /// This exact version was already stored: a retry.
    AlreadyStored,
    /// A newer version is already stored; this one was ignored.
    Superseded,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BatchResponse {
    pub outcomes: Vec<PutOutcome>,
    /// The version the server holds for each record after the call: for `superseded`, the newer
    /// one, which the mentee's device then goes past with its own copy.
    #[serde(default)]
    pub versions: Vec<u64>,
}

/// `GET /v1/mentees`: the mentees paired with this mentor, with their devices' signing keys.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Mentees {
    pub mentees: Vec<MenteeInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MenteeInfo {
    pub person_id: String,
    pub display_name: String,
    pub devices: Vec<DeviceInfo>,
    /// The mentee reported one of this mentor's notes and staff haven't looked yet: replies wait.
    #[serde(default)]
    pub replies_paused: bool,
}

/// One change in a mentee's feed: an envelope or a signed tombstone. `None` only ever comes from
/// a server that dropped a signature; readers ignore it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordChange {
    pub seq: i64,
    pub item_id: String,
    pub version: u64,
    pub envelope: Option<String>,
}

/// `GET /v1/mentees/{id}/records?after=SEQ&limit=N`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordPage {
    pub changes: Vec<RecordChange>,
    /// The cursor to ask with next time.
    pub last_seq: i64,
    pub more: bool,
}

/// Every error body: a stable code for programs and a plain message for people.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}

/// The most a sealed concern may take (it carries one shared item and its evidence).
pub const MAX_CONCERN_BYTES: usize = 256 * 1024;
/// The most a signed notice may take.
pub const MAX_NOTICE_BYTES: usize = 4 * 1024;

/// `POST /v1/concerns` (mentor): one shared item passed to the program's safeguarding lead,
/// sealed on the mentor's device to the safeguarding key the signed directory named.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernRequest {
    pub mentee_id: String,
    /// `crypto::concern::SealedConcern`, as JSON.
    pub sealed: String,
    /// The safeguarding public key it was sealed to (so a stale directory is caught).
    pub safeguarding_key: String,
    /// The notice for the mentee, signed by this device; absent only when the program's policy
    /// says the mentee is not told (the sealed concern says why).
    #[serde(default)]
    pub notice: Option<SignedNotice>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConcernResponse {
    pub concern_id: String,
}

/// Something a mentor's device tells a mentee, signed by that device so the server can neither
/// invent nor change it (`crypto::concern::notice_message`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedNotice {
    pub device_id: String,
    /// A [`Notice`] as JSON: the exact text that was signed.
    pub notice: String,
    pub signature: String,
}

/// What a notice says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Notice {
    /// A shared item was passed to the program's safeguarding lead.
    PassedOn {
        mentee_id: String,
        item_id: String,
        /// Who it went to, as the program named them.
        passed_to: String,
        at_ms: i64,
    },
}

/// `GET /v1/notices?after=ID` (mentee).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NoticePage {
    pub notices: Vec<NoticeEntry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NoticeEntry {
    pub id: i64,
    pub notice: SignedNotice,
}

/// The most one reply's envelope may take, and the most replies in one batch.
pub const MAX_REPLY_BYTES: usize = 16 * 1024;
pub const MAX_REPLY_BATCH: usize = 50;

/// One reply from a mentor to a mentee: an envelope on the replies feed, sealed on the mentor's
/// device to the mentee's devices and signed by it. Replies are never changed or taken back.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyPut {
    pub reply_id: String,
    pub envelope: String,
}

/// `POST /v1/replies` (mentor).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyBatch {
    pub mentee_id: String,
    pub replies: Vec<ReplyPut>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReplyBatchResponse {
    pub outcomes: Vec<PutOutcome>,
}

/// One reply in a mentee's replies feed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReplyChange {
    pub seq: i64,
    pub reply_id: String,
    pub mentor_id: String,
    pub envelope: String,
}

/// `GET /v1/replies?after=SEQ&limit=N` (mentee).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReplyPage {
    pub replies: Vec<ReplyChange>,
    pub last_seq: i64,
    pub more: bool,
}

/// `POST /v1/reports` (mentee): one mentor's note, passed to the program's safeguarding lead
/// sealed to the safeguarding key with the mentor's signed envelope. While it is open, that
/// mentor's replies to this mentee are paused.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    pub mentor_id: String,
    /// `crypto::concern::SealedConcern`, as JSON.
    pub sealed: String,
    pub safeguarding_key: String,
}
