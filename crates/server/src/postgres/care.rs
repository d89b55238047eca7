//! The duty of care's storage on PostgreSQL: the same queries as `care_store.rs`, with the lock
//! PostgreSQL needs where SQLite's single writer gave it for free (a mentee's replies and notices
//! numbered in commit order, on every node).

use tokio_postgres::Row;

use super::PostgresStore;
use super::connections::Db;
use super::staff::keep_audit;
use crate::staff_seal::{Sealed, StaffAccount};
use crate::storage::care::{
    CareStore, ConcernRow, Grant, InboxSetup, LeadKey, NewConcern, SafeguardingKeyRow,
};
use crate::storage::staff::Audited;
use crate::storage::{Result, ServerStoreError};
use steady_core::protocol::{PutOutcome, ReplyChange, ReplyPut};

fn key_row(row: &Row) -> SafeguardingKeyRow {
    SafeguardingKeyRow {
        id: row.get(0),
        public_key: row.get(1),
        wrapped: row.get(2),
        contact_name: row.get(3),
        created_at: row.get(4),
        created_by: row.get(5),
    }
}

/// Keeps a lead's own key (the one row both setting it and setting the inbox up write).
fn insert_lead(
    tx: &mut Db<'_, tokio_postgres::Transaction<'_>>,
    staff_id: &str,
    key: &LeadKey,
) -> Result<()> {
    tx.run(
        "INSERT INTO safeguarding_leads
             (staff_id, public_key, wrapped, signed_by, signature, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &staff_id,
            &key.public_key,
            &key.wrapped,
            &key.signed_by,
            &key.signature,
            &key.created_at,
        ],
    )?;
    Ok(())
}

impl CareStore for PostgresStore {
    fn care_draft(&self) -> Result<Option<String>> {
        Ok(self
            .take()?
            .db()
            .opt("SELECT care FROM program_care_draft WHERE id = 1", &[])?
            .map(|row| row.get(0)))
    }

    fn set_care_draft(&self, care: &str, audit: &Audited<'_>) -> Result<()> {
        self.write(|tx| {
            tx.run(
                "INSERT INTO program_care_draft (id, care) VALUES (1, $1)
                 ON CONFLICT (id) DO UPDATE SET care = excluded.care",
                &[&care],
            )?;
            keep_audit(tx, audit)
        })
    }

    fn safeguarding_key(&self) -> Result<Option<SafeguardingKeyRow>> {
        const NEWEST: &str = "SELECT id, public_key, wrapped, contact_name, created_at, created_by
                              FROM safeguarding_keys ORDER BY id DESC LIMIT 1";
        Ok(self.take()?.db().opt(NEWEST, &[])?.map(|row| key_row(&row)))
    }

    fn safeguarding_keys(&self) -> Result<Vec<SafeguardingKeyRow>> {
        const ALL: &str = "SELECT id, public_key, wrapped, contact_name, created_at, created_by
                           FROM safeguarding_keys ORDER BY id DESC";
        Ok(self
            .take()?
            .db()
            .rows(ALL, &[])?
            .iter()
            .map(key_row)
            .collect())
    }

    fn add_safeguarding_key(
        &self,
        public_key: &str,
        wrapped: &str,
        contact_name: &str,
        by: &str,
        now: i64,
    ) -> Result<i64> {
        self.write(|tx| {
            Ok(tx
                .row(
                    "INSERT INTO safeguarding_keys
                         (public_key, wrapped, contact_name, created_at, created_by)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[&public_key, &wrapped, &contact_name, &now, &by],
                )?
                .get(0))
        })
    }

    fn set_up_inbox(&self, setup: &InboxSetup<'_>) -> Result<i64> {
        self.write(|tx| {
            if let Some((staff_id, key)) = setup.own_key {
                // A plain insert: a key this lead chose meanwhile (another tab) makes it fail,
                // and nothing changes.
                insert_lead(tx, staff_id, key)?;
            }
            let key_id: i64 = tx
                .row(
                    "INSERT INTO safeguarding_keys
                         (public_key, wrapped, contact_name, created_at, created_by)
                     VALUES ($1, '', $2, $3, $4) RETURNING id",
                    &[&setup.public_key, &setup.contact_name, &setup.now, &setup.by],
                )?
                .get(0);
            for (staff_id, lead_key, sealed) in setup.grants {
                let kept = tx.run(
                    "INSERT INTO safeguarding_grants
                         (key_id, staff_id, sealed, granted_by, created_at)
                     SELECT $1::BIGINT, $2::TEXT, $3::TEXT, $4::TEXT, $5::BIGINT WHERE EXISTS
                         (SELECT 1 FROM safeguarding_leads WHERE staff_id = $2 AND public_key = $6)",
                    &[&key_id, staff_id, sealed, &setup.by, &setup.now, lead_key],
                )?;
                if kept != 1 {
                    // That lead chose another key meanwhile: the grant would open nothing.
                    return Err(ServerStoreError::Changed);
                }
            }
            let (version, signed) = &setup.directory;
            tx.run(
                "INSERT INTO directory_versions (version, signed, published_at) VALUES ($1, $2, $3)",
                &[&(*version as i64), signed, &setup.now],
            )?;
            for line in setup.audit {
                keep_audit(tx, line)?;
            }
            Ok(key_id)
        })
    }

    fn safeguarding_staff(&self) -> Result<Vec<(Sealed<StaffAccount>, Option<LeadKey>)>> {
        const ALL: &str = "SELECT s.id, s.name, s.password_hash, s.safeguarding, s.seal,
                                  l.public_key, l.wrapped, l.signed_by, l.signature, l.created_at
                           FROM staff s LEFT JOIN safeguarding_leads l ON l.staff_id = s.id
                           ORDER BY s.name COLLATE \"C\"";
        Ok(self
            .take()?
            .db()
            .rows(ALL, &[])?
            .iter()
            .map(|row| {
                let account = StaffAccount {
                    id: row.get(0),
                    name: row.get(1),
                    password_hash: row.get(2),
                    safeguarding: row.get(3),
                };
                let key = row.get::<_, Option<String>>(5).map(|public_key| LeadKey {
                    public_key,
                    wrapped: row.get(6),
                    signed_by: row.get(7),
                    signature: row.get(8),
                    created_at: row.get(9),
                });
                (Sealed::from_database(account, row.get(4)), key)
            })
            .collect())
    }

    fn set_lead_key(&self, staff_id: &str, key: &LeadKey, audit: &Audited<'_>) -> Result<()> {
        self.write(|tx| {
            tx.run(
                "DELETE FROM safeguarding_grants WHERE staff_id = $1",
                &[&staff_id],
            )?;
            tx.run(
                "DELETE FROM safeguarding_leads WHERE staff_id = $1",
                &[&staff_id],
            )?;
            insert_lead(tx, staff_id, key)?;
            keep_audit(tx, audit)
        })
    }

    fn grants(&self) -> Result<Vec<Grant>> {
        const ALL: &str = "SELECT key_id, staff_id, sealed FROM safeguarding_grants
                           ORDER BY key_id, staff_id COLLATE \"C\"";
        Ok(self
            .take()?
            .db()
            .rows(ALL, &[])?
            .iter()
            .map(|row| Grant {
                key_id: row.get(0),
                staff_id: row.get(1),
                sealed: row.get(2),
            })
            .collect())
    }

    fn add_grants(
        &self,
        staff_id: &str,
        grants: &[(i64, String)],
        by: &str,
        now: i64,
        audit: &Audited<'_>,
    ) -> Result<()> {
        self.write(|tx| {
            for (key_id, sealed) in grants {
                tx.run(
                    "INSERT INTO safeguarding_grants
                         (key_id, staff_id, sealed, granted_by, created_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (key_id, staff_id) DO NOTHING",
                    &[key_id, &staff_id, sealed, &by, &now],
                )?;
            }
            keep_audit(tx, audit)
        })
    }

    fn remove_lead(&self, old: &StaffAccount, seal: &str, audit: &Audited<'_>) -> Result<bool> {
        if !old.safeguarding {
            return Ok(false);
        }
        self.write(|tx| {
            // First, so a row that is no longer `old` changes nothing at all.
            let changed = tx.run(
                "UPDATE staff SET safeguarding = false, seal = $4
                 WHERE id = $1 AND name = $2 AND password_hash = $3 AND safeguarding",
                &[&old.id, &old.name, &old.password_hash, &seal],
            )?;
            if changed != 1 {
                return Ok(false);
            }
            tx.run(
                "DELETE FROM safeguarding_grants WHERE staff_id = $1",
                &[&old.id],
            )?;
            tx.run(
                "DELETE FROM safeguarding_leads WHERE staff_id = $1",
                &[&old.id],
            )?;
            keep_audit(tx, audit)?;
            Ok(true)
        })
    }

    fn add_concern(&self, concern: &NewConcern, now: i64, audit: &Audited<'_>) -> Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            // The notice takes its number under the mentee's lock: their notices feed, read
            // by cursor, never gains a number below one already read.
            tx.lock_mentee(&concern.mentee_id)?;
            tx.run(
                "INSERT INTO concerns (id, mentee_id, mentee_name, mentor_id, mentor_name, device_id,
                     device_key, key_id, sealed, mentee_told, created_at, kind)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                &[
                    &id,
                    &concern.mentee_id,
                    &concern.mentee_name,
                    &concern.mentor_id,
                    &concern.mentor_name,
                    &concern.device_id,
                    &concern.device_key,
                    &concern.key_id,
                    &concern.sealed,
                    &concern.mentee_told,
                    &now,
                    &concern.kind,
                ],
            )?;
            if let Some(notice) = &concern.notice {
                tx.run(
                    "INSERT INTO notices (mentee_id, notice, created_at) VALUES ($1, $2, $3)",
                    &[&concern.mentee_id, notice, &now],
                )?;
            }
            keep_audit(tx, audit)
        })?;
        Ok(id)
    }

    fn concerns(&self) -> Result<Vec<ConcernRow>> {
        Ok(self.concerns_page(0, u32::MAX)?.0)
    }

    fn concerns_page(&self, offset: u32, limit: u32) -> Result<(Vec<ConcernRow>, i64)> {
        let mut taken = self.take()?;
        let mut db = taken.db();
        let rows = db
            .rows(
                "SELECT id, mentee_name, mentor_name, device_key, key_id, sealed, mentee_told,
                        created_at, handled_at, handled_by, kind, mentee_id, mentor_id
                 FROM concerns ORDER BY handled_at IS NOT NULL, created_at DESC, id COLLATE \"C\"
                 LIMIT $1 OFFSET $2",
                &[&i64::from(limit), &i64::from(offset)],
            )?
            .iter()
            .map(|row| {
                let handled_at: Option<i64> = row.get(8);
                let handled_by: Option<String> = row.get(9);
                ConcernRow {
                    id: row.get(0),
                    kind: row.get(10),
                    mentee_id: row.get(11),
                    mentor_id: row.get(12),
                    mentee_name: row.get(1),
                    mentor_name: row.get(2),
                    device_key: row.get(3),
                    key_id: row.get(4),
                    sealed: row.get(5),
                    mentee_told: row.get(6),
                    created_at: row.get(7),
                    handled: handled_at.zip(handled_by),
                }
            })
            .collect();
        let total = db.row("SELECT count(*) FROM concerns", &[])?.get(0);
        Ok((rows, total))
    }

    fn open_between(&self, kind: &str, mentee_id: &str, mentor_id: &str) -> Result<i64> {
        Ok(self
            .take()?
            .db()
            .row(
                "SELECT count(*) FROM concerns WHERE kind = $1 AND handled_at IS NULL
                 AND mentee_id = $2 AND mentor_id = $3",
                &[&kind, &mentee_id, &mentor_id],
            )?
            .get(0))
    }

    fn wrote_to(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT 1 FROM replies WHERE mentee_id = $1 AND mentor_id = $2 LIMIT 1",
                &[&mentee_id, &mentor_id],
            )?
            .is_some())
    }

    fn handle_concern(&self, id: &str, by: &str, now: i64, audit: &Audited<'_>) -> Result<bool> {
        self.write(|tx| {
            let handled = tx.run(
                "UPDATE concerns SET handled_at = $3, handled_by = $2
                 WHERE id = $1 AND handled_at IS NULL",
                &[&id, &by, &now],
            )? == 1;
            if handled {
                keep_audit(tx, audit)?;
            }
            Ok(handled)
        })
    }

    fn notices(&self, mentee_id: &str, after: i64) -> Result<Vec<(i64, String)>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT id, notice FROM notices WHERE mentee_id = $1 AND id > $2
                 ORDER BY id LIMIT 100",
                &[&mentee_id, &after],
            )?
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect())
    }

    fn put_replies(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        replies: &[ReplyPut],
        quota_bytes: u64,
        now: i64,
    ) -> Result<Vec<PutOutcome>> {
        self.write(|tx| {
            // Numbers in commit order for this mentee's feed, and one quota count at a time.
            tx.lock_mentee(mentee_id)?;
            let mut used: i64 = tx
                .row(
                    "SELECT coalesce(sum(octet_length(envelope)), 0)::BIGINT FROM replies
                     WHERE mentee_id = $1",
                    &[&mentee_id],
                )?
                .get(0);
            let mut outcomes = Vec::with_capacity(replies.len());
            for reply in replies {
                let kept: Option<Vec<u8>> = tx
                    .opt(
                        "SELECT envelope FROM replies WHERE mentee_id = $1 AND reply_id = $2",
                        &[&mentee_id, &reply.reply_id],
                    )?
                    .map(|row| row.get(0));
                match kept {
                    Some(bytes) if bytes == reply.envelope.as_bytes() => {
                        outcomes.push(PutOutcome::AlreadyStored);
                    }
                    Some(_) => return Err(ServerStoreError::VersionConflict(1)),
                    None => {
                        used += reply.envelope.len() as i64;
                        if used.max(0) as u64 > quota_bytes {
                            return Err(ServerStoreError::RepliesFull);
                        }
                        tx.run(
                            "INSERT INTO replies (mentee_id, mentor_id, reply_id, envelope, created_at)
                             VALUES ($1, $2, $3, $4, $5)",
                            &[
                                &mentee_id,
                                &mentor_id,
                                &reply.reply_id,
                                &reply.envelope.as_bytes(),
                                &now,
                            ],
                        )?;
                        outcomes.push(PutOutcome::Stored);
                    }
                }
            }
            Ok(outcomes)
        })
    }

    fn replies(&self, mentee_id: &str, after: i64, limit: u32) -> Result<(Vec<ReplyChange>, bool)> {
        let mut rows: Vec<ReplyChange> = self
            .take()?
            .db()
            .rows(
                "SELECT seq, reply_id, mentor_id, envelope FROM replies
                 WHERE mentee_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                &[&mentee_id, &after, &(i64::from(limit) + 1)],
            )?
            .iter()
            .map(|row| {
                let envelope: Vec<u8> = row.get(3);
                ReplyChange {
                    seq: row.get(0),
                    reply_id: row.get(1),
                    mentor_id: row.get(2),
                    envelope: String::from_utf8_lossy(&envelope).into_owned(),
                }
            })
            .collect();
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        Ok((rows, more))
    }

    fn replies_paused(&self, mentee_id: &str, mentor_id: &str) -> Result<bool> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT 1 FROM concerns WHERE kind = 'report' AND mentee_id = $1 AND mentor_id = $2
                 AND handled_at IS NULL",
                &[&mentee_id, &mentor_id],
            )?
            .is_some())
    }

    fn replies_since(&self, since: i64) -> Result<i64> {
        Ok(self
            .take()?
            .db()
            .row(
                "SELECT count(*) FROM replies WHERE created_at >= $1",
                &[&since],
            )?
            .get(0))
    }
}
