//! What the staff console keeps: staff accounts (Argon2id hashes), sign-in sessions (only the
//! SHA-256 of the cookie), failed sign-in counts for the growing delay, the audit log, and the
//! program totals. Part of the SQLite store; entry content is never here (the server has none).

use rusqlite::{OptionalExtension, params};

use super::sqlite::SqliteStore;
use super::store::Result;

pub(crate) const STAFF_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS staff (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY, at INTEGER NOT NULL, staff TEXT NOT NULL, action TEXT NOT NULL,
    detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS directory_draft (position INTEGER PRIMARY KEY, contact TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_log_is_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_is_kept BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
";

/// A signed-in staff member, as a session names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffSession {
    pub staff_id: String,
    pub name: String,
    pub csrf: String,
}

/// A person as the console lists them: their devices and who they are paired with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRow {
    pub id: String,
    pub role: String,
    pub name: String,
    /// (device id, enrolled at, revoked)
    pub devices: Vec<(String, i64, bool)>,
    /// (person id, name)
    pub partners: Vec<(String, String)>,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditLine {
    pub at: i64,
    pub staff: String,
    pub action: String,
    pub detail: String,
}

/// The program at a glance. Never any entry content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub mentees: i64,
    pub mentors: i64,
    pub active_7_days: i64,
    pub active_30_days: i64,
    pub pending_invites: i64,
}

/// The staff console's storage, part of every [`super::ServerStore`].
pub trait StaffStore {
    fn add_staff(&self, name: &str, password_hash: &str, now: i64) -> Result<()>;
    /// An account's id, password hash and count of failed sign-ins since the last success.
    fn staff_login(&self, name: &str) -> Result<Option<(String, String, u32)>>;
    fn sign_in_failed(&self, name: &str) -> Result<()>;
    fn start_session(
        &self,
        staff_id: &str,
        token_hash: &str,
        csrf: &str,
        expires_at: i64,
    ) -> Result<()>;
    /// The session behind a cookie, if it has not expired.
    fn staff_session(&self, token_hash: &str, now: i64) -> Result<Option<StaffSession>>;
    fn end_session(&self, token_hash: &str) -> Result<()>;
    fn audit(&self, staff: &str, action: &str, detail: &str, now: i64) -> Result<()>;
    /// The newest `limit` lines of the audit log.
    fn audit_log(&self, limit: u32) -> Result<Vec<AuditLine>>;
    fn totals(&self, now: i64) -> Result<Totals>;
    /// Notes that a device made a request (for "active in the last 7 and 30 days").
    fn touch_device(&self, device_id: &str, now: i64) -> Result<()>;
    /// Everyone enrolled or invited, mentees first, with devices and pairings.
    fn people(&self) -> Result<Vec<PersonRow>>;
    /// The contacts staff are editing, in order, each as JSON.
    fn directory_draft(&self) -> Result<Vec<String>>;
    /// Replaces the draft with `contacts` (JSON each), in one transaction.
    fn set_directory_draft(&self, contacts: &[String]) -> Result<()>;
}

impl StaffStore for SqliteStore {
    fn add_staff(&self, name: &str, password_hash: &str, now: i64) -> Result<()> {
        self.writer()?.execute(
            "INSERT INTO staff (id, name, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![uuid::Uuid::new_v4().to_string(), name, password_hash, now],
        )?;
        Ok(())
    }

    fn staff_login(&self, name: &str) -> Result<Option<(String, String, u32)>> {
        Ok(self
            .writer()?
            .query_row(
                "SELECT id, password_hash, failed FROM staff WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    fn sign_in_failed(&self, name: &str) -> Result<()> {
        self.writer()?.execute(
            "UPDATE staff SET failed = failed + 1 WHERE name = ?1",
            [name],
        )?;
        Ok(())
    }

    fn start_session(
        &self,
        staff_id: &str,
        token_hash: &str,
        csrf: &str,
        expires_at: i64,
    ) -> Result<()> {
        let conn = self.writer()?;
        conn.execute("UPDATE staff SET failed = 0 WHERE id = ?1", [staff_id])?;
        conn.execute(
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash, staff_id, csrf, expires_at],
        )?;
        Ok(())
    }

    fn staff_session(&self, token_hash: &str, now: i64) -> Result<Option<StaffSession>> {
        Ok(self
            .writer()?
            .query_row(
                "SELECT s.staff_id, t.name, s.csrf FROM staff_sessions s JOIN staff t ON t.id = s.staff_id
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![token_hash, now],
                |r| {
                    Ok(StaffSession {
                        staff_id: r.get(0)?,
                        name: r.get(1)?,
                        csrf: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    fn end_session(&self, token_hash: &str) -> Result<()> {
        self.writer()?.execute(
            "DELETE FROM staff_sessions WHERE token_hash = ?1",
            [token_hash],
        )?;
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
                    partners: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut devices = conn.prepare(
            "SELECT id, enrolled_at, revoked_at IS NOT NULL FROM devices WHERE person_id = ?1
             ORDER BY enrolled_at, id",
        )?;
        let mut partners = conn.prepare(
            "SELECT p.id, p.display_name FROM pairings x JOIN people p
               ON p.id = CASE WHEN x.mentee_id = ?1 THEN x.mentor_id ELSE x.mentee_id END
             WHERE x.mentee_id = ?1 OR x.mentor_id = ?1 ORDER BY p.display_name",
        )?;
        for person in &mut people {
            person.devices = devices
                .query_map([&person.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            person.partners = partners
                .query_map([&person.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(people)
    }

    fn directory_draft(&self) -> Result<Vec<String>> {
        let conn = self.writer()?;
        let mut stmt = conn.prepare("SELECT contact FROM directory_draft ORDER BY position")?;
        let contacts = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(contacts)
    }

    fn set_directory_draft(&self, contacts: &[String]) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM directory_draft", [])?;
        for (position, contact) in contacts.iter().enumerate() {
            tx.execute(
                "INSERT INTO directory_draft (position, contact) VALUES (?1, ?2)",
                params![position as i64, contact],
            )?;
        }
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
