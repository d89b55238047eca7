//! The staff tables on SQLite: accounts, sign-in throttles, sessions, the audit log, the people
//! page and the contacts draft.

use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use crate::staff_seal::{Sealed, SessionRow, StaffAccount};
use crate::storage::Result;
use crate::storage::staff::*;

/// Keeps `line` in the SQLite transaction `tx`.
pub(super) fn keep_audit(tx: &rusqlite::Transaction<'_>, line: &Audited<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, staff, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![line.at, line.staff, line.action, line.detail],
    )?;
    Ok(())
}

/// The columns an account is read with, for [`account_row`].
const ACCOUNT_COLUMNS: &str = "SELECT id, name, password_hash, safeguarding, seal FROM staff";

fn account_row(r: &rusqlite::Row) -> rusqlite::Result<Sealed<StaffAccount>> {
    Ok(Sealed::from_database(
        StaffAccount {
            id: r.get(0)?,
            name: r.get(1)?,
            password_hash: r.get(2)?,
            safeguarding: r.get(3)?,
        },
        r.get(4)?,
    ))
}

impl StaffStore for SqliteStore {
    fn add_staff(&self, account: &StaffAccount, seal: &str, now: i64) -> Result<()> {
        self.writer()?.execute(
            "INSERT INTO staff (id, name, password_hash, safeguarding, seal, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                account.id,
                account.name,
                account.password_hash,
                account.safeguarding,
                seal,
                now
            ],
        )?;
        Ok(())
    }

    fn staff_login(&self, name: &str) -> Result<Option<Sealed<StaffAccount>>> {
        Ok(self
            .writer()?
            .query_row(
                &format!("{ACCOUNT_COLUMNS} WHERE name = ?1"),
                [name],
                account_row,
            )
            .optional()?)
    }

    fn staff_account(&self, staff_id: &str) -> Result<Option<Sealed<StaffAccount>>> {
        Ok(self
            .writer()?
            .query_row(
                &format!("{ACCOUNT_COLUMNS} WHERE id = ?1"),
                [staff_id],
                account_row,
            )
            .optional()?)
    }

    fn staff_accounts(&self) -> Result<Vec<Sealed<StaffAccount>>> {
        let conn = self.writer()?;
        let mut stmt = conn.prepare(&format!("{ACCOUNT_COLUMNS} ORDER BY name"))?;
        let accounts = stmt
            .query_map([], account_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(accounts)
    }

    fn reseal_staff(&self, old: &StaffAccount, new: &StaffAccount, seal: &str) -> Result<bool> {
        if old.id != new.id {
            return Ok(false);
        }
        Ok(self.writer()?.execute(
            "UPDATE staff SET name = ?5, password_hash = ?6, safeguarding = ?7, seal = ?8
             WHERE id = ?1 AND name = ?2 AND password_hash = ?3 AND safeguarding = ?4",
            params![
                old.id,
                old.name,
                old.password_hash,
                old.safeguarding,
                new.name,
                new.password_hash,
                new.safeguarding,
                seal
            ],
        )? == 1)
    }

    fn throttle_try(&self, keys: &[(String, u32)], now: i64) -> Result<Option<i64>> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM sign_in_throttle WHERE updated_at < ?1 AND locked_until < ?2",
            params![now - 86_400, now],
        )?;
        let mut locked_until = None::<i64>;
        for (key, _) in keys {
            let until: Option<i64> = tx
                .query_row(
                    "SELECT locked_until FROM sign_in_throttle WHERE key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(until) = until.filter(|until| *until > now) {
                locked_until = Some(locked_until.map_or(until, |l| l.max(until)));
            }
        }
        if locked_until.is_some() {
            return Ok(locked_until);
        }
        for (key, free) in keys {
            let failures: i64 = tx.query_row(
                "INSERT INTO sign_in_throttle (key, failures, locked_until, updated_at)
                 VALUES (?1, 1, 0, ?2)
                 ON CONFLICT (key) DO UPDATE SET failures = failures + 1, updated_at = ?2
                 RETURNING failures",
                params![key, now],
                |r| r.get(0),
            )?;
            let over = failures - i64::from(*free);
            if over >= 0 {
                let lock = (60_i64 << over.min(4)).min(15 * 60);
                tx.execute(
                    "UPDATE sign_in_throttle SET locked_until = ?2 WHERE key = ?1",
                    params![key, now + lock],
                )?;
            }
        }
        tx.commit()?;
        Ok(None)
    }

    fn throttle_settle(&self, clear: &[String], release: &[(String, u32)]) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        for key in clear {
            tx.execute("DELETE FROM sign_in_throttle WHERE key = ?1", [key])?;
        }
        for (key, free) in release {
            tx.execute(
                "UPDATE sign_in_throttle SET failures = max(failures - 1, 0),
                     locked_until = CASE WHEN failures - 1 < ?2 THEN 0 ELSE locked_until END
                 WHERE key = ?1",
                params![key, i64::from(*free)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn start_session(&self, session: &SessionRow, seal: &str) -> Result<()> {
        self.writer()?.execute(
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf, expires_at, seal)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                session.token_hash,
                session.staff_id,
                session.csrf,
                session.expires_at,
                seal
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
            .writer()?
            .query_row(
                "SELECT s.token_hash, s.staff_id, s.csrf, s.expires_at, s.seal,
                        t.id, t.name, t.password_hash, t.safeguarding, t.seal
                 FROM staff_sessions s JOIN staff t ON t.id = s.staff_id
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![token_hash, now],
                |r| {
                    let session = SessionRow {
                        token_hash: r.get(0)?,
                        staff_id: r.get(1)?,
                        csrf: r.get(2)?,
                        expires_at: r.get(3)?,
                    };
                    let account = StaffAccount {
                        id: r.get(5)?,
                        name: r.get(6)?,
                        password_hash: r.get(7)?,
                        safeguarding: r.get(8)?,
                    };
                    Ok((
                        Sealed::from_database(session, r.get(4)?),
                        Sealed::from_database(account, r.get(9)?),
                    ))
                },
            )
            .optional()?)
    }

    fn end_session(&self, token_hash: &str, audit: Option<&Audited<'_>>) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM staff_sessions WHERE token_hash = ?1",
            [token_hash],
        )?;
        if let Some(audit) = audit {
            keep_audit(&tx, audit)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn audit(&self, staff: &str, action: &str, detail: &str, now: i64) -> Result<()> {
        self.writer()?.execute(
            "INSERT INTO audit_log (at, staff, action, detail) VALUES (?1, ?2, ?3, ?4)",
            params![now, staff, action, detail],
        )?;
        Ok(())
    }

    fn audit_log(&self, limit: u32) -> Result<Vec<AuditLine>> {
        let conn = self.writer()?;
        let mut stmt = conn
            .prepare("SELECT at, staff, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?;
        let lines = stmt
            .query_map([limit], |r| {
                Ok(AuditLine {
                    at: r.get(0)?,
                    staff: r.get(1)?,
                    action: r.get(2)?,
                    detail: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(lines)
    }

    fn totals(&self, now: i64) -> Result<Totals> {
        let conn = self.writer()?;
        let count =
            |sql: &str, arg: i64| -> Result<i64> { Ok(conn.query_row(sql, [arg], |r| r.get(0))?) };
        let active =
            "SELECT count(DISTINCT p.id) FROM people p JOIN devices d ON d.person_id = p.id
                      WHERE p.role = 'mentee' AND d.revoked_at IS NULL AND d.last_seen >= ?1";
        Ok(Totals {
            mentees: count(
                "SELECT count(*) FROM people WHERE role = 'mentee' AND ?1 = ?1",
                0,
            )?,
            mentors: count(
                "SELECT count(*) FROM people WHERE role = 'mentor' AND ?1 = ?1",
                0,
            )?,
            active_7_days: count(active, now - 7 * 86_400)?,
            active_30_days: count(active, now - 30 * 86_400)?,
            pending_invites: count(
                "SELECT count(*) FROM invites WHERE used_at IS NULL AND expires_at > ?1",
                now,
            )?,
            replies_30_days: count(
                "SELECT count(*) FROM replies WHERE created_at >= ?1",
                now - 30 * 86_400,
            )?,
        })
    }

    fn people(&self) -> Result<Vec<PersonRow>> {
        let conn = self.writer()?;
        let mut people: Vec<PersonRow> = conn
            .prepare(
                "SELECT id, role, display_name FROM people ORDER BY role DESC, display_name, id",
            )?
            .query_map([], |r| {
                Ok(PersonRow {
                    id: r.get(0)?,
                    role: r.get(1)?,
                    name: r.get(2)?,
                    devices: Vec::new(),
                    invites: Vec::new(),
                    partners: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut devices = conn.prepare(
            "SELECT id, enrolled_at, revoked_at IS NOT NULL, last_seen FROM devices
             WHERE person_id = ?1 ORDER BY enrolled_at, id",
        )?;
        let mut invites = conn.prepare(
            "SELECT expires_at FROM invites WHERE person_id = ?1 AND used_at IS NULL
             ORDER BY expires_at",
        )?;
        let mut partners = conn.prepare(
            "SELECT p.id, p.display_name FROM pairings x JOIN people p
               ON p.id = CASE WHEN x.mentee_id = ?1 THEN x.mentor_id ELSE x.mentee_id END
             WHERE x.mentee_id = ?1 OR x.mentor_id = ?1 ORDER BY p.display_name",
        )?;
        for person in &mut people {
            person.devices = devices
                .query_map([&person.id], |r| {
                    Ok(DeviceRow {
                        id: r.get(0)?,
                        enrolled_at: r.get(1)?,
                        revoked: r.get(2)?,
                        last_seen: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            person.invites = invites
                .query_map([&person.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            person.partners = partners
                .query_map([&person.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(people)
    }

    fn change_people(
        &self,
        change: &PeopleChange<'_>,
        now: i64,
        audit: Option<&Audited<'_>>,
    ) -> Result<bool> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let changed = match *change {
            PeopleChange::Pair { mentee, mentor } => {
                let role = |id: &str| {
                    tx.query_row("SELECT role FROM people WHERE id = ?1", [id], |r| {
                        r.get::<_, String>(0)
                    })
                    .optional()
                };
                crate::rules::may_pair(role(mentee)?.as_deref(), role(mentor)?.as_deref())?;
                tx.execute(
                    "INSERT INTO pairings (mentee_id, mentor_id, paired_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![mentee, mentor, now],
                )?;
                true
            }
            PeopleChange::Unpair { mentee, mentor } => {
                let ended = tx.execute(
                    "DELETE FROM pairings WHERE mentee_id = ?1 AND mentor_id = ?2",
                    params![mentee, mentor],
                )? == 1;
                tx.execute(
                    "UPDATE records SET audience = replace(audience, ?2, '') WHERE mentee_id = ?1",
                    params![mentee, crate::rules::audience_mark(mentor)],
                )?;
                ended
            }
            PeopleChange::RemoveDevice { device } => {
                tx.execute(
                    "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                    params![device, now],
                )? == 1
            }
            PeopleChange::CancelInvites { person } => {
                tx.execute(
                    "DELETE FROM invites WHERE person_id = ?1 AND used_at IS NULL",
                    [person],
                )? > 0
            }
            // The cascade removes devices, invites, pairings, records and the feed counter.
            PeopleChange::Delete { person } => {
                tx.execute("DELETE FROM people WHERE id = ?1", [person])? == 1
            }
        };
        // Committed either way, as on PostgreSQL (an unpair scrubs the audience even when the
        // match had ended already); the line only when something changed.
        if let Some(audit) = audit.filter(|_| changed) {
            keep_audit(&tx, audit)?;
        }
        tx.commit()?;
        Ok(changed)
    }

    fn directory_draft(&self) -> Result<Vec<String>> {
        let conn = self.writer()?;
        let mut stmt = conn.prepare("SELECT contact FROM directory_draft ORDER BY position")?;
        let contacts = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(contacts)
    }

    fn set_directory_draft(&self, contacts: &[String], audit: &Audited<'_>) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM directory_draft", [])?;
        for (position, contact) in contacts.iter().enumerate() {
            tx.execute(
                "INSERT INTO directory_draft (position, contact) VALUES (?1, ?2)",
                params![position as i64, contact],
            )?;
        }
        keep_audit(&tx, audit)?;
        tx.commit()?;
        Ok(())
    }

    fn touch_device(&self, device_id: &str, now: i64) -> Result<()> {
        self.writer()?.execute(
            "UPDATE devices SET last_seen = ?2 WHERE id = ?1",
            params![device_id, now],
        )?;
        Ok(())
    }
}
