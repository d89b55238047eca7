//! The staff console's storage on PostgreSQL: the same queries as `staff_store.rs`, with the
//! lock PostgreSQL needs where SQLite's single writer gave it for free (sign-in tries one at a
//! time, on every node).

use std::collections::HashMap;

use tokio_postgres::Row;

use super::PostgresStore;
use crate::staff_seal::{Sealed, SessionRow, StaffAccount};
use crate::storage::Result;
use crate::storage::staff::{
    AuditLine, Audited, DeviceRow, PeopleChange, PersonRow, StaffStore, Totals,
};

/// Keeps `line` in the PostgreSQL transaction `tx`.
pub(super) fn keep_audit(
    tx: &mut super::connections::Db<'_, tokio_postgres::Transaction<'_>>,
    line: &Audited<'_>,
) -> Result<()> {
    tx.run(
        "INSERT INTO audit_log (at, staff, action, detail) VALUES ($1, $2, $3, $4)",
        &[&line.at, &line.staff, &line.action, &line.detail],
    )?;
    Ok(())
}

/// An account read as `id, name, password_hash, safeguarding, seal`.
fn account_row(row: &Row) -> Sealed<StaffAccount> {
    Sealed::from_database(
        StaffAccount {
            id: row.get(0),
            name: row.get(1),
            password_hash: row.get(2),
            safeguarding: row.get(3),
        },
        row.get(4),
    )
}

impl StaffStore for PostgresStore {
    fn add_staff(&self, account: &StaffAccount, seal: &str, now: i64) -> Result<()> {
        self.change(
            "INSERT INTO staff (id, name, password_hash, safeguarding, seal, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &account.id,
                &account.name,
                &account.password_hash,
                &account.safeguarding,
                &seal,
                &now,
            ],
        )?;
        Ok(())
    }

    fn staff_login(&self, name: &str) -> Result<Option<Sealed<StaffAccount>>> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT id, name, password_hash, safeguarding, seal FROM staff WHERE name = $1",
                &[&name],
            )?
            .map(|row| account_row(&row)))
    }

    fn staff_account(&self, staff_id: &str) -> Result<Option<Sealed<StaffAccount>>> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT id, name, password_hash, safeguarding, seal FROM staff WHERE id = $1",
                &[&staff_id],
            )?
            .map(|row| account_row(&row)))
    }

    fn staff_accounts(&self) -> Result<Vec<Sealed<StaffAccount>>> {
        Ok(self
            .take()?
            .db()
            .rows(
                "SELECT id, name, password_hash, safeguarding, seal FROM staff
                 ORDER BY name COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(account_row)
            .collect())
    }

    fn reseal_staff(&self, old: &StaffAccount, new: &StaffAccount, seal: &str) -> Result<bool> {
        if old.id != new.id {
            return Ok(false);
        }
        Ok(self.change(
            "UPDATE staff SET name = $5, password_hash = $6, safeguarding = $7, seal = $8
             WHERE id = $1 AND name = $2 AND password_hash = $3 AND safeguarding = $4",
            &[
                &old.id,
                &old.name,
                &old.password_hash,
                &old.safeguarding,
                &new.name,
                &new.password_hash,
                &new.safeguarding,
                &seal,
            ],
        )? == 1)
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

    fn start_session(&self, session: &SessionRow, seal: &str) -> Result<()> {
        self.change(
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf, expires_at, seal)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &session.token_hash,
                &session.staff_id,
                &session.csrf,
                &session.expires_at,
                &seal,
            ],
        )?;
        Ok(())
    }

    fn staff_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(Sealed<SessionRow>, Sealed<StaffAccount>)>> {
        Ok(self
            .take()?
            .db()
            .opt(
                "SELECT s.token_hash, s.staff_id, s.csrf, s.expires_at, s.seal,
                        t.id, t.name, t.password_hash, t.safeguarding, t.seal
                 FROM staff_sessions s JOIN staff t ON t.id = s.staff_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
                &[&token_hash, &now],
            )?
            .map(|row| {
                let session = SessionRow {
                    token_hash: row.get(0),
                    staff_id: row.get(1),
                    csrf: row.get(2),
                    expires_at: row.get(3),
                };
                let account = StaffAccount {
                    id: row.get(5),
                    name: row.get(6),
                    password_hash: row.get(7),
                    safeguarding: row.get(8),
                };
                (
                    Sealed::from_database(session, row.get(4)),
                    Sealed::from_database(account, row.get(9)),
                )
            }))
    }

    fn end_session(&self, token_hash: &str, audit: Option<&Audited<'_>>) -> Result<()> {
        self.write(|tx| {
            tx.run(
                "DELETE FROM staff_sessions WHERE token_hash = $1",
                &[&token_hash],
            )?;
            match audit {
                Some(audit) => keep_audit(tx, audit),
                None => Ok(()),
            }
        })
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

    fn change_people(
        &self,
        change: &PeopleChange<'_>,
        now: i64,
        audit: Option<&Audited<'_>>,
    ) -> Result<bool> {
        self.write(|tx| {
            let changed = match *change {
                PeopleChange::Pair { mentee, mentor } => {
                    let roles = tx.rows(
                        "SELECT id, role FROM people WHERE id = ANY($1)",
                        &[&vec![mentee, mentor]],
                    )?;
                    let role = |id: &str| {
                        roles
                            .iter()
                            .find(|row| row.get::<_, String>(0) == id)
                            .map(|row| row.get::<_, String>(1))
                    };
                    crate::rules::may_pair(role(mentee).as_deref(), role(mentor).as_deref())?;
                    tx.run(
                        "INSERT INTO pairings (mentee_id, mentor_id, paired_at) VALUES ($1, $2, $3)
                         ON CONFLICT DO NOTHING",
                        &[&mentee, &mentor, &now],
                    )?;
                    true
                }
                PeopleChange::Unpair { mentee, mentor } => {
                    tx.lock_mentee(mentee)?;
                    let ended = tx.run(
                        "DELETE FROM pairings WHERE mentee_id = $1 AND mentor_id = $2",
                        &[&mentee, &mentor],
                    )? == 1;
                    tx.run(
                        "UPDATE records SET audience = replace(audience, $2, '') WHERE mentee_id = $1",
                        &[&mentee, &crate::rules::audience_mark(mentor)],
                    )?;
                    ended
                }
                PeopleChange::RemoveDevice { device } => {
                    tx.run(
                        "UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                        &[&device, &now],
                    )? == 1
                }
                PeopleChange::CancelInvites { person } => {
                    tx.run(
                        "DELETE FROM invites WHERE person_id = $1 AND used_at IS NULL",
                        &[&person],
                    )? > 0
                }
                PeopleChange::Delete { person } => {
                    tx.lock_mentee(person)?;
                    tx.run("DELETE FROM people WHERE id = $1", &[&person])? == 1
                }
            };
            if let Some(audit) = audit.filter(|_| changed) {
                keep_audit(tx, audit)?;
            }
            Ok(changed)
        })
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

    fn set_directory_draft(&self, contacts: &[String], audit: &Audited<'_>) -> Result<()> {
        self.write(|tx| {
            tx.run("DELETE FROM directory_draft", &[])?;
            for (position, contact) in contacts.iter().enumerate() {
                tx.run(
                    "INSERT INTO directory_draft (position, contact) VALUES ($1, $2)",
                    &[&(position as i64), contact],
                )?;
            }
            keep_audit(tx, audit)
        })
    }
}
