//! "My data" against real parts: an export comes back whole on a fresh device; a truncated
//! export, a foreign file, a newer export and rule-breaking rows each get a plain error and change
//! nothing; delete-everything removes the server's copies (the mentor's device drops them at its
//! next sync) and this device's, and offline it deletes nothing unless told "this phone only".
//! Steps that widen sharing ask for the passcode when one is set.

use serde_json::Value;
use steady::domain::{GoalDraft, MoodDetails, MoodLevel, ShareMode};
use steady::state::{Device, DeviceError};
use steady::sync::protocol::Role;

use crate::common::sync_server::{Pair, SyncServer};

fn device_with_things(dir: &std::path::Path) -> Device {
    let device = Device::open(dir).unwrap();
    for (n, note) in ["first", "second, with \"quotes\"", "third"]
        .iter()
        .enumerate()
    {
        let entry = device
            .log_mood(MoodLevel::new(n as u8 + 2).unwrap())
            .unwrap();
        device
            .save_details(
                &entry.id,
                entry.level,
                MoodDetails {
                    note: Some((*note).into()),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let goal = device
        .create_goal(GoalDraft {
            title: "Walk to school twice a week".into(),
            ..Default::default()
        })
        .unwrap();
    device
        .add_goal_step(&goal, "Find a friend to walk with")
        .unwrap();
    device
        .add_plan_item(
            steady::domain::PlanSection::ALL[0],
            "When I stop replying to texts",
        )
        .unwrap();
    device
}

/// The content tables of an export (sharing records aside), for comparing two devices.
fn content(device: &Device) -> Value {
    let mut document: Value = serde_json::from_str(&device.export_json().unwrap()).unwrap();
    let tables = document["tables"].as_object_mut().unwrap();
    tables.remove("shares");
    tables.remove("share_log");
    Value::Object(tables.clone())
}

#[test]
fn an_export_comes_back_whole_on_a_fresh_device_and_twice_adds_nothing() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let source = device_with_things(a.path());
    let files = source.export_to(&a.path().join("exports")).unwrap();
    let csv = std::fs::read_to_string(&files.csv).unwrap();
    assert_eq!(csv.lines().count(), 4, "a header and three check-ins");
    assert!(csv.contains("\"second, with \"\"quotes\"\"\""), "{csv}");

    let fresh = Device::open(b.path()).unwrap();
    let summary = fresh.import_file(&files.json).unwrap();
    assert!(summary.added >= 6, "{summary:?}");
    assert_eq!(content(&fresh), content(&source));
    assert_eq!(fresh.import_file(&files.json).unwrap().added, 0);
    assert_eq!(fresh.goals().unwrap()[0].steps.len(), 1);
}

#[test]
fn bad_files_get_a_plain_error_and_change_nothing() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let source = device_with_things(a.path());
    let export = source.export_json().unwrap();
    let target = Device::open(b.path()).unwrap();
    target.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    let before = content(&target);

    let mut broken_row: Value = serde_json::from_str(&export).unwrap();
    broken_row["tables"]["mood_entries"][1]["level"] = Value::from(9);
    let mut newer: Value = serde_json::from_str(&export).unwrap();
    newer["version"] = Value::from(7);
    let mut stranger: Value = serde_json::from_str(&export).unwrap();
    stranger["tables"]["secrets"] = Value::Array(vec![]);
    let mut extra_column: Value = serde_json::from_str(&export).unwrap();
    extra_column["tables"]["goals"][0]["owner"] = Value::from("someone");

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated",
            export.as_bytes()[..export.len() / 2].to_vec(),
            "stops part way",
        ),
        (
            "foreign",
            b"\x89PNG\r\n\x1a\n not json".to_vec(),
            "isn't an export from this app",
        ),
        (
            "other json",
            br#"{"name": "my playlist"}"#.to_vec(),
            "isn't an export from this app",
        ),
        ("newer", newer.to_string().into_bytes(), "newer version"),
        (
            "rule-breaking row",
            broken_row.to_string().into_bytes(),
            "break this app's rules",
        ),
        (
            "unknown part",
            stranger.to_string().into_bytes(),
            "doesn't know",
        ),
        (
            "unknown column",
            extra_column.to_string().into_bytes(),
            "isn't in the shape",
        ),
        ("empty", Vec::new(), "stops part way"),
    ];
    for (what, bytes, expected) in cases {
        let err = target.import_bytes(&bytes).expect_err(what);
        assert!(
            matches!(err, DeviceError::Import(_) | DeviceError::ImportRows(_)),
            "{what}: {err:?}"
        );
        let message = err.to_string();
        assert!(message.contains(expected), "{what}: {message}");
        assert!(
            message.contains("Nothing was imported"),
            "{what}: {message}"
        );
        assert!(!message.contains("first"), "{what}: no content in messages");
        assert_eq!(content(&target), before, "{what} changed nothing");
    }
    assert!(
        target
            .import_file(&b.path().join("no-such-file.json"))
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_everything_removes_the_server_copies_then_this_devices() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    pair.mentee
        .save_details(
            &entry.id,
            entry.level,
            MoodDetails {
                note: Some("rough day at practice".into()),
                ..Default::default()
            },
        )
        .unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;
    assert_eq!(pair.mentor_sees().len(), 1);
    let old_token = pair.mentee.enrolment().unwrap().unwrap().token;

    pair.mentee.delete_everything(false).await.unwrap();
    assert!(pair.mentee.enrolment().unwrap().is_none(), "disconnected");
    assert!(pair.mentee.mood(&entry.id).is_err(), "gone here");
    let api = steady::sync::client::Api::new(&server.base);
    assert!(
        api.delete_me(&old_token).await.is_err(),
        "the server forgot the device"
    );
    pair.mentor.sync_now().await.unwrap();
    assert!(
        pair.mentor
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .is_empty(),
        "the mentor's copy goes at its next sync"
    );
    assert!(pair.mentor.mentees().unwrap().is_empty());
    // The fresh device works as new.
    assert!(pair.mentee.log_mood(MoodLevel::new(4).unwrap()).is_ok());
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_delete_everything_deletes_nothing_unless_told_this_phone_only() {
    let mut server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    server.shutdown().await;
    let err = pair.mentee.delete_everything(false).await.unwrap_err();
    assert!(err.to_string().contains("nothing was deleted"), "{err}");
    assert!(pair.mentee.mood(&entry.id).is_ok());
    assert!(pair.mentee.enrolment().unwrap().is_some());
    pair.mentee.delete_everything(true).await.unwrap();
    assert!(pair.mentee.mood(&entry.id).is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn connecting_and_approving_ask_for_the_passcode_when_one_is_set() {
    let server = SyncServer::start().await;
    let (code, _) = server.invite(Role::Mentee, "Jo");
    let dir = tempfile::tempdir().unwrap();
    let device = Device::open(dir.path()).unwrap();
    device.set_passcode(None, "579135", "579135").unwrap();

    let err = device.enroll(&server.base, &code).await.unwrap_err();
    assert!(matches!(err, DeviceError::NeedsPasscode), "{err:?}");
    assert!(matches!(
        device.decide_mentor_device("any-device", true),
        Err(DeviceError::NeedsPasscode)
    ));
    assert!(matches!(
        device.confirm_passcode("1975"),
        Err(DeviceError::WrongPasscode { .. })
    ));
    assert!(device.enrolment().unwrap().is_none(), "nothing changed");
    device.confirm_passcode("579135").unwrap();
    device.enroll(&server.base, &code).await.unwrap();
    // Saying no never needs the passcode.
    assert!(!matches!(
        device.decide_mentor_device("any-device", false),
        Err(DeviceError::NeedsPasscode)
    ));
}
