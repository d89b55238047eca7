//! Attacks by a server that is trusted for nothing, against the real server on 127.0.0.1 and real
//! devices: a device it enrols for the mentee, made-up and rolled-back items, removals nobody
//! signed, an item brought back after the mentee stopped sharing it, a mentor device nobody
//! approved, and a safety plan edited on a new phone. Each is refused, and nothing the mentee
//! shared is lost for them or their mentor.

use reqwest::{Method, StatusCode};
use steady::domain::share::SAFETY_PLAN_ID;
use steady::domain::{MoodDetails, MoodLevel, PlanSection, ShareKind, ShareMode};
use steady::state::Device;
use steady::store::MenteeDeviceTrust;

use crate::common::hostile::{Forged, Raw, check_in_payload, edit_database, record_body};
use crate::common::sync_server::{Pair, SyncServer, approve_mentor_devices};

fn note_of(pair: &Pair, item: &str) -> Option<String> {
    pair.mentor
        .mentee_items(&pair.mentee_id)
        .unwrap()
        .into_iter()
        .find(|i| i.item_id == item)
        .and_then(|i| i.content)
        .map(|c| String::from_utf8(c.to_json()).unwrap())
}

fn write_note(device: &Device, id: &steady::domain::EntryId, note: &str) {
    let entry = device.mood(id).unwrap();
    device
        .save_details(
            id,
            entry.level,
            MoodDetails {
                note: Some(note.into()),
                ..Default::default()
            },
        )
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_device_the_server_enrols_for_the_mentee_cannot_speak_for_them() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    write_note(&pair.mentee, &entry.id, "football went well");
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;
    let item = entry.id.as_str();
    assert!(note_of(&pair, item).unwrap().contains("football went well"));

    // The server enrols a device of its own as Alex and overwrites Alex's check-in with a
    // frightening one, at a far higher version.
    let forged = Forged::enrol(&server, &pair.mentee_id).await;
    let lie = forged.seal(&pair, item, 50, &check_in_payload("I want to hurt someone"));
    let raw = Raw::new(&server.base);
    let (status, _) = raw
        .send(
            Method::POST,
            "/v1/records",
            Some(&forged.token),
            Some(record_body(item, 50, Some(&lie))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the server takes anything it likes");
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(report.unverified, 1, "{report:?}");
    assert!(
        note_of(&pair, item).unwrap().contains("football went well"),
        "Sam still sees what Alex shared"
    );
    let devices = pair.mentor.mentee_devices(&pair.mentee_id).unwrap();
    let listed = devices
        .iter()
        .find(|d| d.device_id == forged.device_id)
        .unwrap();
    assert_eq!(listed.trust, MenteeDeviceTrust::Waiting);
    assert!(
        devices.iter().any(|d| d.trust == MenteeDeviceTrust::Pinned),
        "Alex's own phone, pinned when Sam first saw Alex"
    );

    // Alex edits the check-in. The server holds version 50: a conflict Alex's phone resolves by
    // sending its own copy above it, and says so. Sam then sees Alex's words, not the lie.
    write_note(&pair.mentee, &entry.id, "football went really well");
    let report = pair.mentee.sync_now().await.unwrap();
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert_eq!(pair.mentee.sync_line().unwrap().conflicts, 1);
    assert_eq!(pair.mentee.sync_line().unwrap().pending, 0);
    pair.mentor.sync_now().await.unwrap();
    let seen = note_of(&pair, item).unwrap();
    assert!(seen.contains("football went really well"), "{seen}");

    // The forged device vouches for another forged device: a vouch from nobody trusted.
    let accomplice = Forged::enrol(&server, &pair.mentee_id).await;
    let vouch = steady::crypto::identity::vouch_message(
        &pair.mentee_id,
        &accomplice.device_id,
        &accomplice.keys.public(),
    );
    let body = serde_json::json!({"device_id": accomplice.device_id, "vouch": {
        "by": forged.device_id,
        "signature": base64_url(&forged.keys.sign(&vouch)),
    }});
    let (status, _) = raw
        .send(
            Method::POST,
            "/v1/vouches",
            Some(&forged.token),
            Some(serde_json::to_vec(&body).unwrap()),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    pair.mentor.sync_now().await.unwrap();
    let trust = |id: &str| {
        pair.mentor
            .mentee_devices(&pair.mentee_id)
            .unwrap()
            .into_iter()
            .find(|d| d.device_id == id)
            .unwrap()
            .trust
    };
    assert_eq!(trust(&accomplice.device_id), MenteeDeviceTrust::Waiting);

    // Alex's real new phone: Alex's first phone says it is theirs and vouches for it; what the
    // new phone shares then reaches Sam verified.
    let dir = tempfile::tempdir().unwrap();
    let second = Device::open(dir.path()).unwrap();
    second
        .enroll(&server.base, &server.invite_again(&pair.mentee_id))
        .await
        .unwrap();
    approve_mentor_devices(&second).await;
    pair.mentee.sync_now().await.unwrap();
    let waiting: Vec<_> = pair
        .mentee
        .own_devices()
        .unwrap()
        .into_iter()
        .filter(|d| d.status == steady::store::OwnDeviceStatus::Waiting)
        .collect();
    assert_eq!(
        waiting.len(),
        3,
        "two forged devices and the new phone wait"
    );
    let new_phone = second.enrolment().unwrap().unwrap().device_id;
    pair.mentee.decide_own_device(&new_phone, true).unwrap();
    pair.mentee
        .decide_own_device(&forged.device_id, false)
        .unwrap();
    pair.mentee.sync_now().await.unwrap();
    let from_second = second.log_mood(MoodLevel::new(4).unwrap()).unwrap();
    write_note(&second, &from_second.id, "new phone, same me");
    second
        .set_share(
            ShareKind::Mood,
            from_second.id.as_str(),
            ShareMode::Shared,
            "Check-in",
        )
        .unwrap();
    second.sync_now().await.unwrap();
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(trust(&new_phone), MenteeDeviceTrust::Vouched);
    assert!(
        note_of(&pair, from_second.id.as_str())
            .unwrap()
            .contains("new phone, same me")
    );
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test(flavor = "multi_thread")]
async fn unsigned_removals_rollbacks_and_resurrections_are_refused() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    let item = entry.id.as_str().to_owned();
    write_note(&pair.mentee, &entry.id, "first words");
    pair.share(&entry.id, ShareMode::Shared);
    pair.mentee.sync_now().await.unwrap();
    // The server keeps a copy of every envelope it is given.
    let old = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0[0]
        .clone();
    write_note(&pair.mentee, &entry.id, "second words");
    pair.sync_both().await;
    assert!(note_of(&pair, &item).unwrap().contains("second words"));

    // An unsigned removal, straight into the database: Sam keeps the item.
    edit_database(
        &server,
        &format!(
            "UPDATE feed_seq SET last = last + 1;
             UPDATE records SET envelope = NULL, seq = (SELECT last FROM feed_seq)
             WHERE item_id = '{item}';"
        ),
    );
    let server = server.restart().await;
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(report.removed, 0);
    assert!(note_of(&pair, &item).unwrap().contains("second words"));

    // The old envelope served again (a rollback): below what Sam verified, so ignored.
    edit_database(
        &server,
        &format!(
            "UPDATE feed_seq SET last = last + 1;
             UPDATE records SET envelope = CAST('{}' AS BLOB), version = {},
                 seq = (SELECT last FROM feed_seq) WHERE item_id = '{item}';",
            old.envelope.unwrap().replace('\'', "''"),
            old.version
        ),
    );
    let server = server.restart().await;
    pair.mentor.sync_now().await.unwrap();
    assert!(note_of(&pair, &item).unwrap().contains("second words"));

    // Alex stops sharing: a signed tombstone removes it from Sam's device.
    let current = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0;
    pair.share(&entry.id, ShareMode::Private);
    pair.mentee.sync_now().await.unwrap();
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(report.removed, 1);
    assert_eq!(note_of(&pair, &item), None);
    // The server brings the last envelope back: it stays gone.
    let kept = current
        .iter()
        .filter_map(|c| c.envelope.clone())
        .next_back()
        .unwrap_or_default();
    edit_database(
        &server,
        &format!(
            "UPDATE feed_seq SET last = last + 1;
             UPDATE records SET envelope = CAST('{}' AS BLOB), version = 3,
                 seq = (SELECT last FROM feed_seq) WHERE item_id = '{item}';",
            kept.replace('\'', "''")
        ),
    );
    let _server = server.restart().await;
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(
        note_of(&pair, &item),
        None,
        "an unshared item stays unshared"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn even_the_first_mentor_device_waits_for_the_mentees_yes() {
    let server = SyncServer::start().await;
    let (mentee_code, mentee_id) = server.invite(steady::sync::protocol::Role::Mentee, "Alex");
    let (mentor_code, mentor_id) = server.invite(steady::sync::protocol::Role::Mentor, "Sam");
    server.pair(&mentee_id, &mentor_id);
    let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mentee = Device::open(dirs.0.path()).unwrap();
    let mentor = Device::open(dirs.1.path()).unwrap();
    mentor.enroll(&server.base, &mentor_code).await.unwrap();
    mentee.enroll(&server.base, &mentee_code).await.unwrap();
    let entry = mentee.log_mood(MoodLevel::new(4).unwrap()).unwrap();
    mentee
        .set_share(
            ShareKind::Mood,
            entry.id.as_str(),
            ShareMode::Shared,
            "Check-in",
        )
        .unwrap();
    let report = mentee.sync_now().await.unwrap();
    assert_eq!(report.devices_waiting, 1);
    assert_eq!(report.waiting, 1, "{report:?}");
    assert!(
        server
            .store
            .changes(&mentee_id, &mentor_id, 0, 10)
            .unwrap()
            .0
            .is_empty(),
        "nothing sealed for a device nobody approved"
    );
    mentor.sync_now().await.unwrap();
    assert!(mentor.mentee_items(&mentee_id).unwrap().is_empty());
    approve_mentor_devices(&mentee).await;
    mentee.sync_now().await.unwrap();
    mentor.sync_now().await.unwrap();
    assert_eq!(mentor.mentee_items(&mentee_id).unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_safety_plan_edited_on_a_new_phone_reaches_the_mentor() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    for step in ["Call Rosa", "Walk to the park", "Breathe with the app"] {
        pair.mentee
            .add_plan_item(PlanSection::ThingsICanDo, step)
            .unwrap();
    }
    pair.mentee.share_safety_plan(true).unwrap();
    pair.sync_both().await;
    // A new phone: the plan starts again at version 1 there.
    let dir = tempfile::tempdir().unwrap();
    let second = Device::open(dir.path()).unwrap();
    second
        .enroll(&server.base, &server.invite_again(&pair.mentee_id))
        .await
        .unwrap();
    approve_mentor_devices(&second).await;
    pair.mentee.sync_now().await.unwrap();
    let new_phone = second.enrolment().unwrap().unwrap().device_id;
    pair.mentee.decide_own_device(&new_phone, true).unwrap();
    pair.mentee.sync_now().await.unwrap();
    second
        .add_plan_item(PlanSection::ThingsICanDo, "Text Jordan")
        .unwrap();
    second.share_safety_plan(true).unwrap();
    second.sync_now().await.unwrap();
    pair.mentor.sync_now().await.unwrap();
    // Each phone's plan goes under an id only that phone makes (the id says nothing about what
    // it is), so the new phone's plan arrives beside the first one rather than over it.
    let plans: Vec<String> = pair
        .mentor
        .mentee_items(&pair.mentee_id)
        .unwrap()
        .into_iter()
        .filter_map(|i| i.content)
        .map(|c| String::from_utf8(c.to_json()).unwrap())
        .filter(|json| json.contains("safety_plan"))
        .collect();
    assert_eq!(plans.len(), 2, "{plans:?}");
    assert!(plans.iter().any(|p| p.contains("Text Jordan")), "{plans:?}");
    assert!(
        plans.iter().any(|p| p.contains("Walk to the park")),
        "{plans:?}"
    );
    assert!(
        note_of(&pair, SAFETY_PLAN_ID).is_none(),
        "no item is called safety-plan"
    );
}

/// The server leaves Alex out of Sam's list for one sync (Sam's phone lets go of what Alex
/// shared), then lists Alex again with a device it enrolled itself beside Alex's own phone. Sam's
/// phone still knows which of Alex's devices it trusted: the server's device is not pinned as if
/// Sam were seeing Alex for the first time, and what it "shares" shows as not verified.
#[tokio::test(flavor = "multi_thread")]
async fn leaving_a_mentee_out_once_does_not_reset_the_mentors_trust() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    write_note(&pair.mentee, &entry.id, "football went well");
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;
    let alex_phone = pair.mentee.enrolment().unwrap().unwrap().device_id;
    let trust = |id: &str| {
        pair.mentor
            .mentee_devices(&pair.mentee_id)
            .unwrap()
            .into_iter()
            .find(|d| d.device_id == id)
            .map(|d| d.trust)
    };
    assert_eq!(trust(&alex_phone), Some(MenteeDeviceTrust::Pinned));

    edit_database(
        &server,
        &format!(
            "DELETE FROM pairings WHERE mentee_id = '{}'",
            pair.mentee_id
        ),
    );
    pair.mentor.sync_now().await.unwrap();
    assert!(
        pair.mentor
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .is_empty(),
        "unpaired, Sam's phone lets go of what Alex shared"
    );

    server.pair(&pair.mentee_id, &pair.mentor_id);
    let forged = Forged::enrol(&server, &pair.mentee_id).await;
    let lie_id = steady::domain::EntryId::new().as_str().to_owned();
    let lie = forged.seal(
        &pair,
        &lie_id,
        1,
        &check_in_payload("I want to hurt someone"),
    );
    let (status, _) = Raw::new(&server.base)
        .send(
            Method::POST,
            "/v1/records",
            Some(&forged.token),
            Some(record_body(&lie_id, 1, Some(&lie))),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(trust(&forged.device_id), Some(MenteeDeviceTrust::Waiting));
    assert_eq!(trust(&alex_phone), Some(MenteeDeviceTrust::Pinned));
    assert_eq!(report.unverified, 1, "{report:?}");
    assert!(
        note_of(&pair, &lie_id).is_none(),
        "the server's words are not shown as Alex's"
    );
    // Alex's own phone is still the one Sam trusts: what Alex shares next arrives verified.
    write_note(&pair.mentee, &entry.id, "football went really well");
    pair.sync_both().await;
    assert!(
        note_of(&pair, entry.id.as_str())
            .unwrap()
            .contains("football went really well"),
        "verified by the phone Sam pinned when Sam first saw Alex"
    );
}

/// The server serves an old envelope, signed by Alex but sealed only to Sam's first phone, to
/// Sam's tablet at a version of its own choosing (the largest there is). On the tablet that is
/// not a removal Alex signed: the item stays, and nothing the server lists can push the item's
/// floor past what Alex can send.
#[tokio::test(flavor = "multi_thread")]
async fn a_removal_only_counts_at_the_version_the_mentee_signed() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(4).unwrap()).unwrap();
    let item = entry.id.as_str().to_owned();
    write_note(&pair.mentee, &entry.id, "a good day at the park");
    pair.share(&entry.id, ShareMode::Shared);
    pair.mentee.sync_now().await.unwrap();
    // Sealed to Sam's phone alone: the tablet is not there yet.
    let old = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0[0]
        .clone();

    let dir = tempfile::tempdir().unwrap();
    let tablet = Device::open(dir.path()).unwrap();
    tablet
        .enroll(&server.base, &server.invite_again(&pair.mentor_id))
        .await
        .unwrap();
    pair.mentee.sync_now().await.unwrap();
    approve_mentor_devices(&pair.mentee).await;
    pair.mentee.sync_now().await.unwrap();
    tablet.sync_now().await.unwrap();
    let on_tablet = || {
        tablet
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .into_iter()
            .find(|i| i.item_id == item)
            .and_then(|i| i.content)
            .map(|c| String::from_utf8(c.to_json()).unwrap())
    };
    assert!(on_tablet().unwrap().contains("a good day at the park"));

    edit_database(
        &server,
        &format!(
            "UPDATE feed_seq SET last = last + 1;
             UPDATE records SET envelope = CAST('{}' AS BLOB), version = {},
                 seq = (SELECT last FROM feed_seq) WHERE item_id = '{item}';",
            old.envelope.unwrap().replace('\'', "''"),
            i64::MAX
        ),
    );
    let server = server.restart().await;
    let report = tablet.sync_now().await.unwrap();
    assert_eq!(report.removed, 0, "{report:?}");
    assert_eq!(report.unverified, 1, "{report:?}");
    assert!(
        on_tablet().unwrap().contains("a good day at the park"),
        "the tablet keeps what Alex shared"
    );
    drop(server);
}
