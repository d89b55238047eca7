//! What the server keeps for the program's duty of care: the confidentiality statement staff are
//! editing, the safeguarding inbox's keys (each public key, and its private key wrapped in the
//! browser under a passphrase the server never sees), concerns exactly as mentors' devices sealed
//! them, and the signed notices that tell a mentee something of theirs was passed on. The server
//! can read none of a concern: only who raised it, about whom, and when.

use rusqlite::{OptionalExtension, params};

use super::sqlite::SqliteStore;
use super::staff_seal::{Sealed, StaffAccount};
use super::staff_store::{Audited, keep_audit};
use super::store::{Result, ServerStoreError};

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

fn key_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SafeguardingKeyRow> {
    Ok(SafeguardingKeyRow {
        id: r.get(0)?,
        public_key: r.get(1)?,
        wrapped: r.get(2)?,
        contact_name: r.get(3)?,
        created_at: r.get(4)?,
        created_by: r.get(5)?,
    })
}

const KEY_COLUMNS: &str =
    "SELECT id, public_key, wrapped, contact_name, created_at, created_by FROM safeguarding_keys";

/// Keeps a lead's own key (the one row both setting it and setting the inbox up write).
fn insert_lead(tx: &rusqlite::Transaction<'_>, staff_id: &str, key: &LeadKey) -> Result<()> {
    tx.execute(
        "INSERT INTO safeguarding_leads
             (staff_id, public_key, wrapped, signed_by, signature, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            staff_id,
            key.public_key,
            key.wrapped,
            key.signed_by,
            key.signature,
            key.created_at
        ],
    )?;
    Ok(())
}

impl CareStore for SqliteStore {
    fn care_draft(&self) -> Result<Option<String>> {
        Ok(self
            .writer()?
            .query_row(
                "SELECT care FROM program_care_draft WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn set_care_draft(&self, care: &str, audit: &Audited<'_>) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO program_care_draft (id, care) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET care = excluded.care",
            [care],
        )?;
        keep_audit(&tx, audit)?;
        tx.commit()?;
        Ok(())
    }

    fn safeguarding_key(&self) -> Result<Option<SafeguardingKeyRow>> {
        Ok(self
            .reader()?
            .query_row(
                &format!("{KEY_COLUMNS} ORDER BY id DESC LIMIT 1"),
                [],
                key_row,
            )
            .optional()?)
    }

    fn safeguarding_keys(&self) -> Result<Vec<SafeguardingKeyRow>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(&format!("{KEY_COLUMNS} ORDER BY id DESC"))?;
        let keys = stmt
            .query_map([], key_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    fn add_safeguarding_key(
        &self,
        public_key: &str,
        wrapped: &str,
        contact_name: &str,
        by: &str,
        now: i64,
    ) -> Result<i64> {
        let conn = self.writer()?;
        conn.execute(
            "INSERT INTO safeguarding_keys (public_key, wrapped, contact_name, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![public_key, wrapped, contact_name, now, by],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn set_up_inbox(&self, setup: &InboxSetup<'_>) -> Result<i64> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        if let Some((staff_id, key)) = setup.own_key {
            // A plain insert: a key this lead chose meanwhile (another tab) makes it fail, and
            // nothing changes.
            insert_lead(&tx, staff_id, key)?;
        }
        tx.execute(
            "INSERT INTO safeguarding_keys (public_key, wrapped, contact_name, created_at, created_by)
             VALUES (?1, '', ?2, ?3, ?4)",
            params![setup.public_key, setup.contact_name, setup.now, setup.by],
        )?;
        let key_id = tx.last_insert_rowid();
        for (staff_id, lead_key, sealed) in setup.grants {
            let kept = tx.execute(
                "INSERT INTO safeguarding_grants (key_id, staff_id, sealed, granted_by, created_at)
                 SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS
                     (SELECT 1 FROM safeguarding_leads WHERE staff_id = ?2 AND public_key = ?6)",
                params![key_id, staff_id, sealed, setup.by, setup.now, lead_key],
            )?;
            if kept != 1 {
                // That lead chose another key meanwhile: the grant would open nothing.
                return Err(ServerStoreError::Changed);
            }
        }
        let (version, signed) = &setup.directory;
        tx.execute(
            "INSERT INTO directory_versions (version, signed, published_at) VALUES (?1, ?2, ?3)",
            params![*version as i64, signed, setup.now],
        )?;
        for line in setup.audit {
            keep_audit(&tx, line)?;
        }
        tx.commit()?;
        Ok(key_id)
    }

    fn safeguarding_staff(&self) -> Result<Vec<(Sealed<StaffAccount>, Option<LeadKey>)>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT s.id, s.name, s.password_hash, s.safeguarding, s.seal, l.public_key,
                    l.wrapped, l.signed_by, l.signature, l.created_at
             FROM staff s LEFT JOIN safeguarding_leads l ON l.staff_id = s.id ORDER BY s.name",
        )?;
        let staff = stmt
            .query_map([], |r| {
                let account = StaffAccount {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    password_hash: r.get(2)?,
                    safeguarding: r.get(3)?,
                };
                let public_key: Option<String> = r.get(5)?;
                let key = match public_key {
                    Some(public_key) => Some(LeadKey {
                        public_key,
                        wrapped: r.get(6)?,
                        signed_by: r.get(7)?,
                        signature: r.get(8)?,
                        created_at: r.get(9)?,
                    }),
                    None => None,
                };
                Ok((Sealed::from_database(account, r.get(4)?), key))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(staff)
    }

    fn set_lead_key(&self, staff_id: &str, key: &LeadKey, audit: &Audited<'_>) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM safeguarding_grants WHERE staff_id = ?1",
            [staff_id],
        )?;
        tx.execute(
            "DELETE FROM safeguarding_leads WHERE staff_id = ?1",
            [staff_id],
        )?;
        insert_lead(&tx, staff_id, key)?;
        keep_audit(&tx, audit)?;
        tx.commit()?;
        Ok(())
    }

    fn grants(&self) -> Result<Vec<Grant>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT key_id, staff_id, sealed FROM safeguarding_grants ORDER BY key_id, staff_id",
        )?;
        let grants = stmt
            .query_map([], |r| {
                Ok(Grant {
                    key_id: r.get(0)?,
                    staff_id: r.get(1)?,
                    sealed: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(grants)
    }

    fn add_grants(
        &self,
        staff_id: &str,
        grants: &[(i64, String)],
        by: &str,
        now: i64,
        audit: &Audited<'_>,
    ) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        for (key_id, sealed) in grants {
            tx.execute(
                "INSERT INTO safeguarding_grants (key_id, staff_id, sealed, granted_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key_id, staff_id) DO NOTHING",
                params![key_id, staff_id, sealed, by, now],
            )?;
        }
        keep_audit(&tx, audit)?;
        tx.commit()?;
        Ok(())
    }

    fn remove_lead(&self, old: &StaffAccount, seal: &str, audit: &Audited<'_>) -> Result<bool> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let changed = tx.execute(
            "UPDATE staff SET safeguarding = 0, seal = ?4
             WHERE id = ?1 AND name = ?2 AND password_hash = ?3 AND safeguarding = 1",
            params![old.id, old.name, old.password_hash, seal],
        )?;
        if changed != 1 || !old.safeguarding {
            // Dropped unfinished: nothing changes.
            return Ok(false);
        }
        tx.execute(
            "DELETE FROM safeguarding_grants WHERE staff_id = ?1",
            [&old.id],
        )?;
        tx.execute(
            "DELETE FROM safeguarding_leads WHERE staff_id = ?1",
            [&old.id],
        )?;
        keep_audit(&tx, audit)?;
        tx.commit()?;
        Ok(true)
    }

    fn add_concern(&self, concern: &NewConcern, now: i64, audit: &Audited<'_>) -> Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO concerns (id, mentee_id, mentee_name, mentor_id, mentor_name, device_id,
                 device_key, key_id, sealed, mentee_told, created_at, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id,
                concern.mentee_id,
                concern.mentee_name,
                concern.mentor_id,
                concern.mentor_name,
                concern.device_id,
                concern.device_key,
                concern.key_id,
                concern.sealed,
                concern.mentee_told,
                now,
                concern.kind
            ],
        )?;
        if let Some(notice) = &concern.notice {
            tx.execute(
                "INSERT INTO notices (mentee_id, notice, created_at) VALUES (?1, ?2, ?3)",
                params![concern.mentee_id, notice, now],
            )?;
        }
        keep_audit(&tx, audit)?;
        tx.commit()?;
        Ok(id)
    }

    fn concerns(&self) -> Result<Vec<ConcernRow>> {
        Ok(self.concerns_page(0, u32::MAX)?.0)
    }

    fn concerns_page(&self, offset: u32, limit: u32) -> Result<(Vec<ConcernRow>, i64)> {
        let conn = self.writer()?;
        let mut stmt = conn.prepare(
            "SELECT id, mentee_name, mentor_name, device_key, key_id, sealed, mentee_told,
                    created_at, handled_at, handled_by, kind, mentee_id, mentor_id
             FROM concerns ORDER BY handled_at IS NOT NULL, created_at DESC, id
             LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map(params![i64::from(limit), i64::from(offset)], |r| {
                let handled_at: Option<i64> = r.get(8)?;
                let handled_by: Option<String> = r.get(9)?;
                Ok(ConcernRow {
                    id: r.get(0)?,
                    kind: r.get(10)?,
                    mentee_id: r.get(11)?,
                    mentor_id: r.get(12)?,
                    mentee_name: r.get(1)?,
                    mentor_name: r.get(2)?,
                    device_key: r.get(3)?,
                    key_id: r.get(4)?,
                    sealed: r.get(5)?,
                    mentee_told: r.get(6)?,
                    created_at: r.get(7)?,
                    handled: handled_at.zip(handled_by),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total = conn.query_row("SELECT count(*) FROM concerns", [], |r| r.get(0))?;
        Ok((rows, total))
    }

    fn open_between(&self, kind: &str, mentee_id: &str, mentor_id: &str) -> Result<i64> {
        Ok(self.reader()?.query_row(
            "SELECT count(*) FROM concerns WHERE kind = ?1 AND handled_at IS NULL
             AND mentee_id = ?2 AND mentor_id = ?3",
            params![kind, mentee_id, mentor_id],
            |r| r.get(0),
        )?)
    }

    fn wrote_to(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        Ok(self
            .reader()?
            .prepare_cached(
                "SELECT 1 FROM replies WHERE mentee_id = ?1 AND mentor_id = ?2 LIMIT 1",
            )?
            .exists(params![mentee_id, mentor_id])?)
    }

    fn handle_concern(&self, id: &str, by: &str, now: i64, audit: &Audited<'_>) -> Result<bool> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let handled = tx.execute(
            "UPDATE concerns SET handled_at = ?3, handled_by = ?2
             WHERE id = ?1 AND handled_at IS NULL",
            params![id, by, now],
        )? == 1;
        if handled {
            keep_audit(&tx, audit)?;
            tx.commit()?;
        }
        Ok(handled)
    }

    fn put_replies(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        replies: &[steady_core::protocol::ReplyPut],
        quota_bytes: u64,
        now: i64,
    ) -> Result<Vec<steady_core::protocol::PutOutcome>> {
        use steady_core::protocol::PutOutcome;
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        // Replies are never taken back, so without a cap one mentor's device could fill the
        // server through a single mentee; all of a mentee's replies share one allowance.
        let mut used: i64 = tx.query_row(
            "SELECT coalesce(sum(length(envelope)), 0) FROM replies WHERE mentee_id = ?1",
            [mentee_id],
            |r| r.get(0),
        )?;
        let mut outcomes = Vec::with_capacity(replies.len());
        for reply in replies {
            let kept: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT envelope FROM replies WHERE mentee_id = ?1 AND reply_id = ?2",
                    params![mentee_id, reply.reply_id],
                    |r| r.get(0),
                )
                .optional()?;
            match kept {
                Some(bytes) if bytes == reply.envelope.as_bytes() => {
                    outcomes.push(PutOutcome::AlreadyStored);
                }
                Some(_) => return Err(super::store::ServerStoreError::VersionConflict(1)),
                None => {
                    used += reply.envelope.len() as i64;
                    if used.max(0) as u64 > quota_bytes {
                        return Err(super::store::ServerStoreError::RepliesFull);
                    }
                    tx.execute(
                        "INSERT INTO replies (mentee_id, mentor_id, reply_id, envelope, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![
                            mentee_id,
                            mentor_id,
                            reply.reply_id,
                            reply.envelope.as_bytes(),
                            now
                        ],
                    )?;
                    outcomes.push(PutOutcome::Stored);
                }
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn replies(
        &self,
        mentee_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<steady_core::protocol::ReplyChange>, bool)> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT seq, reply_id, mentor_id, envelope FROM replies
             WHERE mentee_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let mut rows: Vec<steady_core::protocol::ReplyChange> = stmt
            .query_map(params![mentee_id, after, limit + 1], |r| {
                let envelope: Vec<u8> = r.get(3)?;
                Ok(steady_core::protocol::ReplyChange {
                    seq: r.get(0)?,
                    reply_id: r.get(1)?,
                    mentor_id: r.get(2)?,
                    envelope: String::from_utf8_lossy(&envelope).into_owned(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        Ok((rows, more))
    }

    fn replies_paused(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        Ok(self
            .reader()?
            .prepare_cached(
                "SELECT 1 FROM concerns WHERE kind = 'report' AND mentee_id = ?1 AND mentor_id = ?2
                 AND handled_at IS NULL",
            )?
            .exists(params![mentee_id, mentor_id])?)
    }

    fn replies_since(&self, since: i64) -> Result<i64> {
        Ok(self.reader()?.query_row(
            "SELECT count(*) FROM replies WHERE created_at >= ?1",
            [since],
            |r| r.get(0),
        )?)
    }

    fn notices(&self, mentee_id: &str, after: i64) -> Result<Vec<(i64, String)>> {
        let conn = self.writer()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, notice FROM notices WHERE mentee_id = ?1 AND id > ?2 ORDER BY id LIMIT 100",
        )?;
        let rows = stmt
            .query_map(params![mentee_id, after], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
