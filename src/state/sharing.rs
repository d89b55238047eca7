//! The sharing part of the app-state API: connecting to a program, choosing what to share, the
//! preview of exactly what a mentor sees, the sharing log, mentor devices, "let my mentor know",
//! the sync status line, background sync, and (for mentors) the shared items of each mentee.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use super::{Device, DeviceError, Result};
use crate::domain::share::SAFETY_PLAN_ID;
use crate::domain::{EntryId, LocalStamp, ShareKind, ShareMode, SharedContent};
use crate::i18n::Said;
use crate::store::{Enrolment, KnownMentee, ShareLogLine};
use crate::sync::protocol::Role;
use crate::sync::{Api, CallError, SyncError, SyncReport};

/// Background sync's shared state for one device.
pub(super) struct SyncHandle {
    nudge: Notify,
    problem: Mutex<Option<Said>>,
    offline: Mutex<bool>,
    round: watch::Sender<u64>,
    started: std::sync::atomic::AtomicBool,
    /// The minute of the last round, so the status line's time is kept fresh.
    minute: std::sync::atomic::AtomicI64,
    /// Conflicts the last round resolved.
    conflicts: std::sync::atomic::AtomicUsize,
}

impl SyncHandle {
    pub(super) fn new() -> Self {
        SyncHandle {
            nudge: Notify::new(),
            problem: Mutex::new(None),
            offline: Mutex::new(false),
            round: watch::channel(0).0,
            started: std::sync::atomic::AtomicBool::new(false),
            minute: std::sync::atomic::AtomicI64::new(0),
            conflicts: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

/// The sync status line's facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncLine {
    pub connected: bool,
    pub last_synced: Option<LocalStamp>,
    pub pending: usize,
    pub offline: bool,
    pub problem: Option<Said>,
    pub devices_waiting: usize,
    /// Items the last round found newer on the server than this phone's copy, and sent again
    /// above it (the mentee's own word wins).
    pub conflicts: usize,
}

/// Something that is shared now, for the Sharing screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedThing {
    pub kind: ShareKind,
    pub item_id: String,
    pub mode: ShareMode,
    pub label: String,
}

/// A shared item as a mentor's device shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct MentorItem {
    pub item_id: String,
    /// `None` when the envelope could not be verified or opened.
    pub content: Option<SharedContent>,
}

/// Why connecting failed, in words for the person.
fn enrol_error(err: CallError) -> DeviceError {
    DeviceError::from_call(err)
}

/// A program's address must be https, except on this machine (the demo and tests), so a token
/// never crosses a network in the clear. The address is parsed as a URL, so a user name or
/// password part (`http://127.0.0.1:1@elsewhere`) cannot pass for this machine.
fn check_program_address(text: &str) -> Result<String> {
    let address = text.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(address).ok().filter(|url| {
        url.username().is_empty()
            && url.password().is_none()
            && url.query().is_none()
            && url.fragment().is_none()
            && url.host().is_some()
    });
    let allowed = parsed.is_some_and(|url| match url.scheme() {
        "https" => true,
        "http" => url.host_str().is_some_and(|host| {
            host.eq_ignore_ascii_case("localhost")
                || host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }),
        _ => false,
    });
    if allowed && !address.contains(char::is_whitespace) {
        Ok(address.to_owned())
    } else {
        Err(DeviceError::Said("err-program-address"))
    }
}

impl Device {
    /// How this device is connected to a program, if it is.
    pub fn enrolment(&self) -> Result<Option<Enrolment>> {
        Ok(self.store()?.enrolment()?)
    }

    pub fn role(&self) -> Role {
        self.enrolment()
            .ok()
            .flatten()
            .map_or(Role::Mentee, |e| e.role)
    }

    /// Connects this device to the program at `server_url` with an invite code.
    pub async fn enroll(&self, server_url: &str, invite_code: &str) -> Result<Enrolment> {
        if self.enrolment()?.is_some() {
            return Err(DeviceError::Said("err-already-connected"));
        }
        let server_url = check_program_address(server_url)?;
        self.require_confirmed_passcode()?;
        let keys = self.store()?.device_keys()?.public();
        let api = Api::new(&server_url);
        let response = api
            .enroll(invite_code.trim(), &keys)
            .await
            .map_err(enrol_error)?;
        let enrolment = Enrolment {
            server_url: api.base_url().to_owned(),
            device_id: response.device_id,
            token: response.token,
            person_id: response.person_id,
            role: response.role,
            display_name: response.display_name,
            program_name: response.program_name,
            last_synced_ms: None,
            program_key: Some(response.program_key),
        };
        self.store()?
            .save_enrolment(&enrolment, chrono::Utc::now().timestamp_millis())?;
        if let Some(key) = &enrolment.program_key {
            self.pin_program_key(key)?;
        }
        if enrolment.role == Role::Mentor {
            let mut settings = self.settings();
            settings.mentor_mode = true;
            self.set_settings(settings)?;
        }
        self.nudge_sync();
        Ok(enrolment)
    }

    /// This device's short code, for a mentee to compare with what their phone shows.
    pub fn device_fingerprint(&self) -> Result<String> {
        Ok(self.store()?.device_keys()?.public().fingerprint())
    }

    /// How an item is shared now.
    pub fn share_mode(&self, kind: ShareKind, item_id: &str) -> Result<ShareMode> {
        Ok(self.store()?.share_mode(kind, item_id)?)
    }

    /// Exactly what the mentor would see if the item were shared with `mode`.
    pub fn share_preview(
        &self,
        kind: ShareKind,
        item_id: &str,
        mode: ShareMode,
    ) -> Result<Option<SharedContent>> {
        Ok(crate::sync::shared_content(
            &*self.store()?,
            kind,
            item_id,
            mode,
        )?)
    }

    /// Shares, reshapes or unshares an item, with the mentor(s) the mentee has now: consent is
    /// per mentor, so a later mentor gets nothing until the mentee shares it with them. Before
    /// any mentor is known, it goes to the mentor the mentee is first paired with. `label` is how
    /// the sharing log names it (kept only on this device).
    pub fn set_share(
        &self,
        kind: ShareKind,
        item_id: &str,
        mode: ShareMode,
        label: &str,
    ) -> Result<()> {
        let mut store = self.store()?;
        let mentors = store.current_mentors()?;
        let audience: Vec<String> = if mentors.is_empty() {
            vec![crate::store::PENDING_MENTOR.to_owned()]
        } else {
            mentors.iter().map(|(id, _)| id.clone()).collect()
        };
        // The log names who it was shared with (one name per line, said in the reader's
        // language when shown); a plain "stopped sharing" names nobody.
        let words = if mode.is_shared() {
            mentors
                .into_iter()
                .map(|(_, n)| n)
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::new()
        };
        store.set_share(
            kind,
            item_id,
            mode,
            label,
            LocalStamp::now(),
            &audience,
            &words,
        )?;
        drop(store);
        self.nudge_sync();
        Ok(())
    }

    /// Who an item is shared with now, in words ("Sam", "Sam and Ria", "your mentor"), or
    /// `None` when it is private.
    pub fn shared_with(
        &self,
        kind: ShareKind,
        item_id: &str,
        lang: crate::i18n::Lang,
    ) -> Result<Option<String>> {
        let store = self.store()?;
        let audience = store.share_audience(kind, item_id)?;
        if audience.is_empty() {
            return Ok(None);
        }
        let mut names = Vec::new();
        for mentor in &audience {
            if let Some(name) = store.mentor_name(mentor)? {
                names.push(name);
            }
        }
        Ok(Some(names_in_words(lang, &names)))
    }

    /// The mentors this mentee has now, by name, in words ("Sam", or "your mentor" when none is
    /// known yet): what "share" shares with.
    pub fn mentors_in_words(&self, lang: crate::i18n::Lang) -> Result<String> {
        let names: Vec<String> = self
            .store()?
            .current_mentors()?
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        Ok(names_in_words(lang, &names))
    }

    /// Shares the safety plan (or stops).
    pub fn share_safety_plan(&self, shared: bool) -> Result<()> {
        let mode = if shared {
            ShareMode::Shared
        } else {
            ShareMode::Private
        };
        self.set_share(
            ShareKind::SafetyPlan,
            SAFETY_PLAN_ID,
            mode,
            // Kept as a phrase, so the log says it in whatever language the mentee reads then.
            &crate::i18n::Phrase::new("plan-card-title", &[]).to_text(),
        )
    }

    /// "Let my mentor know": a one-off request for contact, sent only now.
    pub fn ask_mentor_to_reach_out(&self) -> Result<()> {
        let id = EntryId::new();
        self.set_share(
            ShareKind::ContactRequest,
            id.as_str(),
            ShareMode::Shared,
            &crate::i18n::Phrase::new("log-asked", &[]).to_text(),
        )
    }

    /// Everything shared now, newest change first.
    pub fn shared_things(&self) -> Result<Vec<SharedThing>> {
        let store = self.store()?;
        let log = store.share_log(10_000)?;
        Ok(store
            .shared_items()?
            .into_iter()
            .filter(|item| !matches!(item.kind, ShareKind::ContactRequest | ShareKind::Terms))
            .map(|item| SharedThing {
                label: log
                    .iter()
                    .find(|line| line.item_id == item.item_id)
                    .map_or_else(String::new, |line| line.label.clone()),
                kind: item.kind,
                item_id: item.item_id,
                mode: item.mode,
            })
            .collect())
    }

    pub fn share_log(&self) -> Result<Vec<ShareLogLine>> {
        Ok(self.store()?.share_log(200)?)
    }

    pub fn sync_line(&self) -> Result<SyncLine> {
        let store = self.store()?;
        let enrolment = store.enrolment()?;
        Ok(SyncLine {
            connected: enrolment.is_some(),
            last_synced: enrolment
                .and_then(|e| e.last_synced_ms)
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|at| {
                    LocalStamp::from_datetime(at.with_timezone(&chrono::Local).fixed_offset())
                }),
            pending: store.outbox_len()?,
            offline: self.sync.offline.lock().map(|o| *o).unwrap_or(false),
            // A round's own problem first; else a record the server refused, until it changes.
            problem: self
                .sync
                .problem
                .lock()
                .ok()
                .and_then(|p| p.clone())
                .or_else(|| {
                    let refusals = store.outbox_refusals().ok()?;
                    refusals.first().map(|text| Said::kept(text))
                }),
            devices_waiting: store
                .mentor_devices()?
                .iter()
                .filter(|d| d.trust == crate::store::DeviceTrust::Waiting)
                .count(),
            conflicts: self
                .sync
                .conflicts
                .load(std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Runs one sync round now and records how it went for the status line.
    pub async fn sync_now(&self) -> Result<SyncReport> {
        // The program's directory first: the replies this round brings are checked against the
        // rules it carries (a new phone would otherwise hold them to the general rules and
        // drop what the program allows).
        if let Err(err) = self.refresh_directory().await {
            // The last verified directory stays; the crisis card never goes blank.
            tracing::warn!("the program's crisis directory was not updated: {err}");
        }
        let result = crate::sync::sync_once(&self.store).await;
        let (offline, problem) = match &result {
            Ok(report) => (false, report.refused.first().map(|text| Said::kept(text))),
            Err(SyncError::Call(CallError::Offline | CallError::Server)) => (true, None),
            Err(SyncError::Call(CallError::Busy)) => (false, None),
            Err(err) => (false, Some(Said::of(err))),
        };
        if let Ok(report) = &result {
            self.sync
                .conflicts
                .store(report.conflicts, std::sync::atomic::Ordering::Relaxed);
        }
        let mut changed = result.as_ref().is_ok_and(|r| *r != SyncReport::default());
        if let Ok(mut o) = self.sync.offline.lock() {
            changed |= *o != offline;
            *o = offline;
        }
        if let Ok(mut p) = self.sync.problem.lock() {
            changed |= *p != problem;
            *p = problem;
        }
        // "Last synced at 4:05 PM" moves on once a minute even when nothing else changed.
        let minute = chrono::Utc::now().timestamp() / 60;
        let last_minute = self
            .sync
            .minute
            .swap(minute, std::sync::atomic::Ordering::Relaxed);
        changed |= minute != last_minute;
        // Screens refresh only when a round changed something they show.
        if changed {
            self.sync.round.send_modify(|n| *n += 1);
        }
        result.map_err(|err| match err {
            SyncError::Store(err) => DeviceError::Store(err),
            other => DeviceError::Round(other),
        })
    }

    /// Asks background sync to run soon.
    pub fn nudge_sync(&self) {
        self.sync.nudge.notify_one();
    }

    /// A receiver that changes after each sync round that changed something, so screens refresh.
    pub fn sync_rounds(&self) -> watch::Receiver<u64> {
        self.sync.round.subscribe()
    }

    /// Syncs in the background on the current tokio runtime: soon after each change, every
    /// `every` otherwise, backing off (up to five minutes) while offline. Never blocks the UI.
    /// Starting it again does nothing; outside a tokio runtime it does nothing either.
    pub fn start_background_sync(&self, every: Duration) {
        if tokio::runtime::Handle::try_current().is_err()
            || self
                .sync
                .started
                .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        let device = self.clone();
        tokio::spawn(async move {
            let mut wait = every;
            loop {
                let _ = tokio::time::timeout(wait, device.sync.nudge.notified()).await;
                if !matches!(device.enrolment(), Ok(Some(_))) {
                    wait = every;
                    continue;
                }
                wait = match device.sync_now().await {
                    Ok(_) => every,
                    Err(_) if device.sync_line().is_ok_and(|l| l.offline) => {
                        (wait * 2).clamp(Duration::from_secs(2), Duration::from_secs(300))
                    }
                    Err(_) => every,
                };
            }
        });
    }

    /// Mentor mode: the mentees paired with this mentor.
    pub fn mentees(&self) -> Result<Vec<KnownMentee>> {
        Ok(self.store()?.known_mentees()?)
    }

    /// Mentor mode: what a mentee shared, newest first, decrypted on this device.
    pub fn mentee_items(&self, mentee_id: &str) -> Result<Vec<MentorItem>> {
        Ok(self
            .store()?
            .mentor_items(mentee_id)?
            .into_iter()
            .map(|item| MentorItem {
                content: item
                    .content
                    .as_deref()
                    .and_then(|c| SharedContent::from_json(c.as_bytes())),
                item_id: item.item_id,
            })
            .collect())
    }
}

/// "Sam", "Sam and Ria", "Sam, Ria and Jo", or "your mentor" for nobody known yet, in `lang`.
pub fn names_in_words(lang: crate::i18n::Lang, names: &[String]) -> String {
    // One order everywhere, whatever order the ids came in.
    let mut names = names.to_vec();
    names.sort();
    names.dedup();
    match names.as_slice() {
        [] => crate::t!(lang, "your-mentor"),
        [one] => one.clone(),
        [rest @ .., last] => crate::t!(lang, "names-and", first = rest.join(", "), last = last),
    }
}

#[cfg(test)]
mod tests {
    use super::check_program_address;

    #[test]
    fn program_addresses_must_be_https_unless_on_this_machine() {
        for good in [
            "https://steady.example.org",
            "https://steady.example.org/",
            " http://127.0.0.1:8080 ",
            "http://localhost:3000",
        ] {
            assert!(check_program_address(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "steady.example.org",
            "http://steady.example.org",
            "http://127.0.0.1.evil.example",
            "http://127.0.0.1:1@elsewhere.example",
            "http://localhost@elsewhere.example",
            "https://user:pass@steady.example.org",
            "http://[::1].evil.example",
            "ftp://x",
            "https://",
            "https://steady example.org",
        ] {
            assert!(check_program_address(bad).is_err(), "{bad:?}");
        }
    }
}
