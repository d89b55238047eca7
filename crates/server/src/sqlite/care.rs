//! The safeguarding tables on SQLite: the care statement's draft, inbox keys, leads and their
//! grants, concerns, notices and replies.

use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use super::staff::keep_audit;
use crate::staff_seal::{Sealed, StaffAccount};
use crate::storage::care::*;
use crate::storage::staff::Audited;
use crate::storage::{Result, ServerStoreError};

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
                Some(_) => return Err(crate::storage::ServerStoreError::VersionConflict(1)),
                None => {
                    used += reply.envelope.len() as i64;
                    if used.max(0) as u64 > quota_bytes {
                        return Err(crate::storage::ServerStoreError::RepliesFull);
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
