//! The staff console's and the duty of care's storage on PostgreSQL: the same queries as
//! `staff_store.rs` and `care_store.rs`, with the locks PostgreSQL needs where SQLite's single
//! writer gave them for free (sign-in tries one at a time; a mentee's replies and notices in
//! commit order).

use std::collections::HashMap;

use tokio_postgres::Row;

use super::PostgresStore;
use crate::server::care_store::{CareStore, ConcernRow, NewConcern, SafeguardingKeyRow};
use crate::server::staff_store::{
    AuditLine, DeviceRow, PersonRow, StaffSession, StaffStore, Totals,
};
use crate::server::store::{Result, ServerStoreError};
use crate::sync::protocol::{PutOutcome, ReplyChange, ReplyPut};

impl StaffStore for PostgresStore {
    fn add_staff(&self, name: &str, password_hash: &str, now: i64) -> Result<()> {
        self.change(
            "INSERT INTO staff (id, name, password_hash, created_at) VALUES ($1, $2, $3, $4)",
            &[
                &uuid::Uuid::new_v4().to_string(),
                &name,
                &password_hash,
                &now,
            ],
        )?;
        Ok(())
    }

    fn staff_login(&self, name: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT id, password_hash FROM staff WHERE name = $1",
                &[&name],
            )?
            .map(|row| (row.get(0), row.get(1))))
    }

    fn throttle_try(&self, keys: &[(String, u32)], now: i64) -> Result<Option<i64>> {
        self.write(|tx| {
            // One sign-in try at a time across every node, as SQLite's single writer gives:
            // parallel guesses each see the lock the one before set.
            tx.row("SELECT pg_advisory_xact_lock(7265638)", &[])?;
            tx.run(
                "DELETE FROM sign_in_throttle WHERE updated_at < $1 AND locked_until < $2",
                &[&(now - 86_400), &now],
            )?;
            let mut locked_until = None::<i64>;
            for (key, _) in keys {
                let until: Option<i64> = tx
                    .opt(
                        "SELECT locked_until FROM sign_in_throttle WHERE key = $1",
                        &[key],
                    )?
                    .map(|row| row.get(0));
                if let Some(until) = until.filter(|until| *until > now) {
                    locked_until = Some(locked_until.map_or(until, |l| l.max(until)));
                }
            }
            if locked_until.is_some() {
                return Ok(locked_until);
            }
            for (key, free) in keys {
                let failures: i64 = tx
                    .row(
                        "INSERT INTO sign_in_throttle (key, failures, locked_until, updated_at)
                         VALUES ($1, 1, 0, $2)
                         ON CONFLICT (key) DO UPDATE
                           SET failures = sign_in_throttle.failures + 1, updated_at = $2
                         RETURNING failures",
                        &[key, &now],
                    )?
                    .get(0);
                let over = failures - i64::from(*free);
                if over >= 0 {
                    let lock = (60_i64 << over.min(4)).min(15 * 60);
                    tx.run(
                        "UPDATE sign_in_throttle SET locked_until = $2 WHERE key = $1",
                        &[key, &(now + lock)],
                    )?;
                }
            }
            Ok(None)
        })
    }

    fn throttle_settle(&self, clear: &[String], release: &[(String, u32)]) -> Result<()> {
        self.write(|tx| {
            tx.row("SELECT pg_advisory_xact_lock(7265638)", &[])?;
            for key in clear {
                tx.run("DELETE FROM sign_in_throttle WHERE key = $1", &[key])?;
            }
            for (key, free) in release {
                tx.run(
                    "UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0),
                         locked_until = CASE WHEN failures - 1 < $2 THEN 0 ELSE locked_until END
                     WHERE key = $1",
                    &[key, &i64::from(*free)],
                )?;
            }
            Ok(())
        })
    }

    fn start_session(
        &self,
        staff_id: &str,
        token_hash: &str,
        csrf: &str,
        expires_at: i64,
    ) -> Result<()> {
        self.change(
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf, expires_at)
             VALUES ($1, $2, $3, $4)",
            &[&token_hash, &staff_id, &csrf, &expires_at],
        )?;
        Ok(())
    }

    fn staff_session(&self, token_hash: &str, now: i64) -> Result<Option<StaffSession>> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT s.staff_id, t.name, s.csrf FROM staff_sessions s JOIN staff t ON t.id = s.staff_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
                &[&token_hash, &now],
            )?
            .map(|row| StaffSession {
                staff_id: row.get(0),
                name: row.get(1),
                csrf: row.get(2),
            }))
    }

    fn end_session(&self, token_hash: &str) -> Result<()> {
        self.change(
            "DELETE FROM staff_sessions WHERE token_hash = $1",
            &[&token_hash],
        )?;
        Ok(())
    }

    fn audit(&self, staff: &str, action: &str, detail: &str, now: i64) -> Result<()> {
        self.change(
            "INSERT INTO audit_log (at, staff, action, detail) VALUES ($1, $2, $3, $4)",
            &[&now, &staff, &action, &detail],
        )?;
        Ok(())
    }

    fn audit_log(&self, limit: u32) -> Result<Vec<AuditLine>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT at, staff, action, detail FROM audit_log ORDER BY id DESC LIMIT $1",
                &[&i64::from(limit)],
            )?
            .iter()
            .map(|row| AuditLine {
                at: row.get(0),
                staff: row.get(1),
                action: row.get(2),
                detail: row.get(3),
            })
            .collect())
    }

    fn totals(&self, now: i64) -> Result<Totals> {
        let row = self.take()?.db().row(
            "SELECT
               (SELECT count(*) FROM people WHERE role = 'mentee'),
               (SELECT count(*) FROM people WHERE role = 'mentor'),
               (SELECT count(DISTINCT p.id) FROM people p JOIN devices d ON d.person_id = p.id
                 WHERE p.role = 'mentee' AND d.revoked_at IS NULL AND d.last_seen >= $1),
               (SELECT count(DISTINCT p.id) FROM people p JOIN devices d ON d.person_id = p.id
                 WHERE p.role = 'mentee' AND d.revoked_at IS NULL AND d.last_seen >= $2),
               (SELECT count(*) FROM invites WHERE used_at IS NULL AND expires_at > $3),
               (SELECT count(*) FROM replies WHERE created_at >= $2)",
            &[&(now - 7 * 86_400), &(now - 30 * 86_400), &now],
        )?;
        Ok(Totals {
            mentees: row.get(0),
            mentors: row.get(1),
            active_7_days: row.get(2),
            active_30_days: row.get(3),
            pending_invites: row.get(4),
            replies_30_days: row.get(5),
        })
    }

    fn touch_device(&self, device_id: &str, now: i64) -> Result<()> {
        // `last_seen` is no trigger's business: the caches stay.
        self.take_writer()?.db().run(
            "UPDATE devices SET last_seen = $2 WHERE id = $1",
            &[&device_id, &now],
        )?;
        Ok(())
    }

    fn people(&self) -> Result<Vec<PersonRow>> {
        let mut conn = self.take()?;
        let mut db = conn.db();
        // Three queries for everyone, not three per person: each is a round trip here.
        let mut devices: HashMap<String, Vec<DeviceRow>> = HashMap::new();
        for row in db.rows(
            "SELECT person_id, id, enrolled_at, revoked_at IS NOT NULL, last_seen FROM devices
             ORDER BY enrolled_at, id COLLATE \"C\"",
            &[],
        )? {
            devices.entry(row.get(0)).or_default().push(DeviceRow {
                id: row.get(1),
                enrolled_at: row.get(2),
                revoked: row.get(3),
                last_seen: row.get(4),
            });
        }
        let mut invites: HashMap<String, Vec<i64>> = HashMap::new();
        for row in db.rows(
            "SELECT person_id, expires_at FROM invites WHERE used_at IS NULL ORDER BY expires_at",
            &[],
        )? {
            invites.entry(row.get(0)).or_default().push(row.get(1));
        }
        let mut partners: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for row in db.rows(
            "SELECT x.mentee_id, x.mentor_id, e.display_name, o.display_name
             FROM pairings x JOIN people e ON e.id = x.mentee_id JOIN people o ON o.id = x.mentor_id",
            &[],
        )? {
            let (mentee, mentor): (String, String) = (row.get(0), row.get(1));
            partners
                .entry(mentee.clone())
                .or_default()
                .push((mentor.clone(), row.get(3)));
            partners.entry(mentor).or_default().push((mentee, row.get(2)));
        }
        let people = db
            .rows(
                "SELECT id, role, display_name FROM people
                 ORDER BY role COLLATE \"C\" DESC, display_name COLLATE \"C\", id COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|row: &Row| {
                let id: String = row.get(0);
                let mut partners = partners.remove(&id).unwrap_or_default();
                partners.sort_by(|a, b| a.1.cmp(&b.1));
                PersonRow {
                    devices: devices.remove(&id).unwrap_or_default(),
                    invites: invites.remove(&id).unwrap_or_default(),
                    partners,
                    role: row.get(1),
                    name: row.get(2),
                    id,
                }
            })
            .collect();
        Ok(people)
    }

    fn cancel_invites(&self, person_id: &str) -> Result<usize> {
        Ok(self.change(
            "DELETE FROM invites WHERE person_id = $1 AND used_at IS NULL",
            &[&person_id],
        )? as usize)
    }

    fn directory_draft(&self) -> Result<Vec<String>> {
        Ok(self
            .take()?
            .db()
            .rows("SELECT contact FROM directory_draft ORDER BY position", &[])?
            .iter()
            .map(|row| row.get(0))
            .collect())
    }

    fn set_directory_draft(&self, contacts: &[String]) -> Result<()> {
        self.write(|tx| {
            tx.run("DELETE FROM directory_draft", &[])?;
            for (position, contact) in contacts.iter().enumerate() {
                tx.run(
                    "INSERT INTO directory_draft (position, contact) VALUES ($1, $2)",
                    &[&(position as i64), contact],
                )?;
            }
            Ok(())
        })
    }
}

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

impl CareStore for PostgresStore {
    fn care_draft(&self) -> Result<Option<String>> {
        Ok(self
            .take()?
            .db()
            .opt("SELECT care FROM program_care_draft WHERE id = 1", &[])?
            .map(|row| row.get(0)))
    }

    fn set_care_draft(&self, care: &str) -> Result<()> {
        self.change(
            "INSERT INTO program_care_draft (id, care) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET care = excluded.care",
            &[&care],
        )?;
        Ok(())
    }

    fn is_safeguarding(&self, staff_id: &str) -> Result<bool> {
        Ok(self
            .take()?
            .db()
            .opt("SELECT safeguarding FROM staff WHERE id = $1", &[&staff_id])?
            .is_some_and(|row| row.get(0)))
    }

    fn set_safeguarding(&self, staff_name: &str, on: bool) -> Result<bool> {
        Ok(self.change(
            "UPDATE staff SET safeguarding = $2 WHERE name = $1",
            &[&staff_name, &on],
        )? == 1)
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

    fn add_concern(&self, concern: &NewConcern, now: i64) -> Result<String> {
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
            Ok(())
        })?;
        Ok(id)
    }

    fn concerns(&self) -> Result<Vec<ConcernRow>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT id, mentee_name, mentor_name, device_key, key_id, sealed, mentee_told,
                        created_at, handled_at, handled_by, kind
                 FROM concerns ORDER BY created_at DESC, id COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|row| {
                let handled_at: Option<i64> = row.get(8);
                let handled_by: Option<String> = row.get(9);
                ConcernRow {
                    id: row.get(0),
                    kind: row.get(10),
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
            .collect())
    }

    fn handle_concern(&self, id: &str, by: &str, now: i64) -> Result<bool> {
        Ok(self.change(
            "UPDATE concerns SET handled_at = $3, handled_by = $2
             WHERE id = $1 AND handled_at IS NULL",
            &[&id, &by, &now],
        )? == 1)
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
