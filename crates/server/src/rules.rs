//! The record rules, as pure functions both stores call (SQLite in `records.rs`, PostgreSQL in
//! `postgres/records.rs`), so the two agree by construction rather than by luck: a change is
//! idempotent by (item id, version); an older version never replaces a newer one; a version
//! stored once is never stored again with other bytes; an envelope reaches only the paired
//! mentors whose devices its content key was wrapped to, and whoever could read an item before
//! keeps getting its changes (how their device learns it was taken back); a tombstone goes to
//! whoever could read the item; a mentee's records never take more than the program's quota.
//! The server reads only an envelope's unsealed header, never its body.

use steady_core::crypto::envelope::is_tombstone;
use steady_core::protocol::{PutOutcome, RecordPut};

use crate::storage::{Result, ServerStoreError};

/// What the server holds of one item when a change to it arrives.
pub(crate) struct Held<'a> {
    pub version: u64,
    pub envelope: Option<&'a [u8]>,
    /// The mentors who could read it, each marked by [`audience_mark`].
    pub audience: &'a str,
}

/// What a change does.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Nothing to store: the outcome and the version the server holds.
    Answered(PutOutcome, u64),
    /// Store it for `audience`; the mentee's records grow by `growth` bytes (less when smaller).
    Store { audience: String, growth: i64 },
}

/// Decides one change against what is held. `readers` turns the devices an envelope names into
/// the mentors paired with this mentee who own them (each once); it is asked only when needed.
pub(crate) fn change(
    record: &RecordPut,
    held: Option<Held<'_>>,
    readers: impl FnOnce(&[String]) -> Result<Vec<String>>,
) -> Result<Change> {
    let Some(envelope) = record.envelope.as_deref() else {
        return Err(ServerStoreError::Unsigned(record.item_id.clone()));
    };
    let bytes = envelope.as_bytes();
    let (previous_audience, previous_len) = match held {
        Some(held) if held.version > record.version => {
            return Ok(Change::Answered(PutOutcome::Superseded, held.version));
        }
        Some(held) if held.version == record.version => {
            return if held.envelope == Some(bytes) {
                Ok(Change::Answered(PutOutcome::AlreadyStored, record.version))
            } else {
                Err(ServerStoreError::VersionConflict(record.version))
            };
        }
        Some(held) => (
            held.audience.to_owned(),
            held.envelope.map_or(0, |e| e.len() as i64),
        ),
        None => (String::new(), 0),
    };
    let audience = if is_tombstone(bytes) {
        previous_audience
    } else {
        let readers = readers(&recipients(envelope))?;
        if readers.is_empty() {
            return Err(ServerStoreError::NoAudience(record.item_id.clone()));
        }
        widened(previous_audience, &readers)
    };
    Ok(Change::Store {
        audience,
        growth: bytes.len() as i64 - previous_len,
    })
}

/// Whether two people may be matched, from their roles as the store keeps them (`None`: no such
/// person): a mentee and a mentor who both exist.
pub(crate) fn may_pair(mentee_role: Option<&str>, mentor_role: Option<&str>) -> Result<()> {
    match (mentee_role, mentor_role) {
        (Some("mentee"), Some("mentor")) => Ok(()),
        (None, _) | (_, None) => Err(ServerStoreError::NoSuchPerson),
        _ => Err(ServerStoreError::WrongRoles),
    }
}

/// Refuses a change that would take a mentee's records past the quota (`used` bytes after it).
pub(crate) fn within_quota(used: i64, quota_bytes: u64) -> Result<()> {
    if used.max(0) as u64 > quota_bytes {
        Err(ServerStoreError::QuotaFull)
    } else {
        Ok(())
    }
}

/// How a mentor id is marked in a record's audience: quoted, so one id never matches inside another.
pub(crate) fn audience_mark(mentor_id: &str) -> String {
    format!("\"{mentor_id}\"")
}

/// The devices an envelope's content key was wrapped to, as its unsealed header names them
/// (none if it has no such header). Only that list is read, never the sealed body.
pub(crate) fn recipients(envelope: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Key {
        device: String,
    }
    #[derive(serde::Deserialize)]
    struct Header {
        keys: Vec<Key>,
    }
    serde_json::from_str::<Header>(envelope)
        .map(|header| header.keys.into_iter().map(|key| key.device).collect())
        .unwrap_or_default()
}

/// An item's audience after a change sealed to `readers` (mentor ids): consent is per mentor,
/// and a version no longer sealed to one is how their device learns, signed by the mentee, that
/// it was taken back from them.
pub(crate) fn widened(mut audience: String, readers: &[impl AsRef<str>]) -> String {
    for mark in readers.iter().map(|mentor| audience_mark(mentor.as_ref())) {
        if !audience.contains(&mark) {
            audience.push_str(&mark);
        }
    }
    audience
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(version: u64, envelope: &str) -> RecordPut {
        RecordPut {
            item_id: "item".into(),
            version,
            envelope: Some(envelope.into()),
        }
    }

    const SEALED_TO_D1: &str = r#"{"keys":[{"device":"d1"},{"device":"d9"}],"body":"x"}"#;

    fn mentor_of_d1(devices: &[String]) -> Result<Vec<String>> {
        Ok(devices
            .iter()
            .filter(|d| *d == "d1")
            .map(|_| "m1".to_owned())
            .collect())
    }

    fn never(_: &[String]) -> Result<Vec<String>> {
        panic!("the readers were not needed")
    }

    #[test]
    fn a_new_item_goes_to_the_paired_mentors_its_envelope_names() {
        let decided = change(&put(1, SEALED_TO_D1), None, mentor_of_d1).unwrap();
        assert_eq!(
            decided,
            Change::Store {
                audience: "\"m1\"".into(),
                growth: SEALED_TO_D1.len() as i64
            }
        );
        // Sealed only to devices of nobody paired: refused, and said so.
        let nobody = change(&put(1, SEALED_TO_D1), None, |_| Ok(Vec::new()));
        assert!(matches!(nobody, Err(ServerStoreError::NoAudience(id)) if id == "item"));
    }

    #[test]
    fn the_same_version_again_is_idempotent_other_bytes_conflict_and_older_ones_lose() {
        let held = |version| Held {
            version,
            envelope: Some(SEALED_TO_D1.as_bytes()),
            audience: "\"m1\"",
        };
        assert_eq!(
            change(&put(2, SEALED_TO_D1), Some(held(2)), never).unwrap(),
            Change::Answered(PutOutcome::AlreadyStored, 2)
        );
        assert!(matches!(
            change(&put(2, "{\"other\":1}"), Some(held(2)), never),
            Err(ServerStoreError::VersionConflict(2))
        ));
        assert_eq!(
            change(&put(1, SEALED_TO_D1), Some(held(3)), never).unwrap(),
            Change::Answered(PutOutcome::Superseded, 3)
        );
        assert!(matches!(
            change(
                &RecordPut {
                    envelope: None,
                    ..put(4, "")
                },
                Some(held(3)),
                never
            ),
            Err(ServerStoreError::Unsigned(_))
        ));
    }

    #[test]
    fn a_newer_version_keeps_earlier_readers_and_a_tombstone_goes_to_them_all() {
        let held = Held {
            version: 1,
            envelope: Some(b"0123456789"),
            audience: "\"m0\"",
        };
        let decided = change(&put(2, SEALED_TO_D1), Some(held), mentor_of_d1).unwrap();
        assert_eq!(
            decided,
            Change::Store {
                audience: "\"m0\"\"m1\"".into(),
                growth: SEALED_TO_D1.len() as i64 - 10
            }
        );
        let tomb = r#"{"tomb":true,"keys":[]}"#;
        let held = Held {
            version: 2,
            envelope: Some(SEALED_TO_D1.as_bytes()),
            audience: "\"m0\"\"m1\"",
        };
        let decided = change(&put(3, tomb), Some(held), never).unwrap();
        assert!(matches!(decided, Change::Store { audience, .. } if audience == "\"m0\"\"m1\""));
    }

    #[test]
    fn marks_never_match_inside_another_id_and_the_quota_is_a_ceiling() {
        assert_eq!(widened("\"m10\"".into(), &["m1"]), "\"m10\"\"m1\"");
        assert_eq!(widened("\"m1\"".into(), &["m1"]), "\"m1\"");
        assert!(within_quota(100, 100).is_ok());
        assert!(matches!(
            within_quota(101, 100),
            Err(ServerStoreError::QuotaFull)
        ));
        assert!(may_pair(Some("mentee"), Some("mentor")).is_ok());
        assert!(matches!(
            may_pair(Some("mentee"), Some("mentee")),
            Err(ServerStoreError::WrongRoles)
        ));
        assert!(matches!(
            may_pair(None, Some("mentor")),
            Err(ServerStoreError::NoSuchPerson)
        ));
        // A shrinking mentee is never refused.
        assert!(within_quota(-5, 0).is_ok());
        assert!(recipients("not json").is_empty());
    }
}
