//! The mission loop over a real server on 127.0.0.1:0: a mentee shares, it syncs sealed, the
//! mentor's device reads it, unsharing takes it back; and what must never happen, doesn't.

use steady::domain::{MoodDetails, MoodLevel, ShareKind, ShareMode};
use steady::sync::protocol::Role;

use crate::common::sync_server::{Pair, RecordingProxy, SyncServer};

fn level(n: u8) -> MoodLevel {
    MoodLevel::new(n).unwrap()
}

fn note(text: &str) -> MoodDetails {
    MoodDetails {
        note: Some(text.into()),
        emotions: vec!["hopeful".into()],
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn shared_entries_reach_the_mentor_and_edits_and_unshares_follow() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(level(4)).unwrap();
    pair.mentee
        .save_details(&entry.id, level(4), note("Finished my art project"))
        .unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    let report = pair.mentee.sync_now().await.unwrap();
    assert_eq!(report.sent, 1);
    pair.mentor.sync_now().await.unwrap();
    let seen = pair.mentor_sees();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].contains("Finished my art project"), "{seen:?}");
    assert_eq!(pair.mentor.mentees().unwrap()[0].display_name, "Alex");

    // An edit reaches the mentor as a new version.
    pair.mentee
        .save_details(
            &entry.id,
            level(5),
            note("Finished it and it got picked for the show"),
        )
        .unwrap();
    pair.sync_both().await;
    let seen = pair.mentor_sees();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].contains("picked for the show"));
    assert!(seen[0].contains("\"level\":5"));

    // Sharing without the note takes the note back from the mentor's copy.
    pair.share(&entry.id, ShareMode::SharedWithoutNote);
    pair.sync_both().await;
    let seen = pair.mentor_sees();
    assert!(!seen[0].contains("picked for the show"));
    assert!(seen[0].contains("hopeful"));

    // Unsharing removes it from the mentor's device after their next sync.
    pair.share(&entry.id, ShareMode::Private);
    pair.sync_both().await;
    assert!(pair.mentor_sees().is_empty());

    let log = pair.mentee.share_log().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].mode, ShareMode::Private);
}

#[tokio::test(flavor = "multi_thread")]
async fn deleting_a_shared_entry_removes_it_and_undo_brings_it_back() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(level(2)).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;
    assert_eq!(pair.mentor_sees().len(), 1);
    pair.mentee.delete_mood(&entry.id).unwrap();
    pair.sync_both().await;
    assert!(pair.mentor_sees().is_empty());
    pair.mentee.undo_delete(&entry.id).unwrap();
    pair.sync_both().await;
    assert_eq!(pair.mentor_sees().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn goals_the_safety_plan_and_contact_requests_are_shared_too() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let goal = pair
        .mentee
        .create_goal(steady::domain::GoalDraft {
            title: "Run a 5k".into(),
            why: "To feel strong".into(),
            first_step: "Run to the park".into(),
            target: None,
        })
        .unwrap();
    pair.mentee
        .set_share(
            ShareKind::Goal,
            goal.as_str(),
            ShareMode::Shared,
            "Run a 5k",
        )
        .unwrap();
    pair.mentee
        .add_plan_item(
            steady::domain::PlanSection::ALL[0],
            "I stop texting people back",
        )
        .unwrap();
    pair.mentee.share_safety_plan(true).unwrap();
    pair.mentee.ask_mentor_to_reach_out().unwrap();
    pair.sync_both().await;
    let seen = pair.mentor_sees().join("\n");
    assert!(seen.contains("Run to the park"), "{seen}");
    assert!(seen.contains("I stop texting people back"));
    assert!(seen.contains("contact_request"));

    // A step ticked later reaches the mentor as progress.
    let steps = pair.mentee.goal(&goal).unwrap().steps;
    pair.mentee.set_step_done(&steps[0].id, true).unwrap();
    pair.sync_both().await;
    assert!(pair.mentor_sees().join("\n").contains("\"done\":true"));
}

#[tokio::test(flavor = "multi_thread")]
async fn private_things_never_reach_the_server_and_shared_ones_arrive_only_sealed() {
    let server = SyncServer::start().await;
    let proxy = RecordingProxy::start(&server.base).await;
    let pair = Pair::enrol(&server, &proxy.url).await;
    let private = pair.mentee.log_mood(level(1)).unwrap();
    pair.mentee
        .save_details(
            &private.id,
            level(1),
            note("PRIVATE-NOTE-my-brother-hit-me"),
        )
        .unwrap();
    let shared = pair.mentee.log_mood(level(3)).unwrap();
    pair.mentee
        .save_details(&shared.id, level(3), note("SHARED-NOTE-ok-day-at-school"))
        .unwrap();
    pair.share(&shared.id, ShareMode::Shared);
    pair.sync_both().await;
    assert!(pair.mentor_sees()[0].contains("SHARED-NOTE-ok-day-at-school"));

    let sent = proxy.sent_text();
    assert!(sent.contains("/v1/records"), "the proxy saw the upload");
    assert!(!sent.contains("PRIVATE-NOTE"));
    assert!(!sent.contains(private.id.as_str()));
    assert!(!sent.contains("SHARED-NOTE"));
    assert!(sent.contains(shared.id.as_str()));

    let files = String::from_utf8_lossy(&server.file_bytes()).into_owned();
    assert!(!files.contains("SHARED-NOTE"));
    assert!(!files.contains("PRIVATE-NOTE"));
    assert!(!files.contains(private.id.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn retries_after_a_lost_response_and_a_server_restart_end_with_exactly_the_shared_set() {
    let server = SyncServer::start().await;
    let proxy = RecordingProxy::start(&server.base).await;
    let pair = Pair::enrol(&server, &proxy.url).await;
    let mut ids = Vec::new();
    for n in 1..=5 {
        let entry = pair.mentee.log_mood(level(n)).unwrap();
        pair.share(&entry.id, ShareMode::Shared);
        ids.push(entry.id);
    }
    // Learn the mentor's devices first, so the next request is the upload.
    pair.mentee.sync_now().await.unwrap();
    let entry = pair.mentee.log_mood(level(2)).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    // The server stores the batch, but its answer never arrives.
    proxy.drop_next_response();
    proxy.drop_next_response();
    let _ = pair.mentee.sync_now().await;
    assert!(pair.mentee.sync_line().unwrap().pending <= 1);
    let server = server.restart().await;
    pair.mentee.sync_now().await.unwrap();
    pair.mentee.sync_now().await.unwrap();
    assert_eq!(pair.mentee.sync_line().unwrap().pending, 0);
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(pair.mentor_sees().len(), 6);
    drop(server);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentor_device_added_later_reads_nothing_until_the_mentee_approves_it() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(level(4)).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.mentee.sync_now().await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let tablet = steady::state::Device::open(dir.path()).unwrap();
    tablet
        .enroll(&server.base, &server.invite_again(&pair.mentor_id))
        .await
        .unwrap();
    let report = pair.mentee.sync_now().await.unwrap();
    assert_eq!(report.devices_waiting, 1);
    tablet.sync_now().await.unwrap();
    assert!(tablet.mentee_items(&pair.mentee_id).unwrap().is_empty());

    let waiting = pair
        .mentee
        .mentor_devices()
        .unwrap()
        .into_iter()
        .find(|d| d.trust == steady::store::DeviceTrust::Waiting)
        .unwrap();
    assert_eq!(waiting.fingerprint().len(), 19);
    pair.mentee
        .decide_mentor_device(&waiting.device_id, true)
        .unwrap();
    pair.mentee.sync_now().await.unwrap();
    tablet.sync_now().await.unwrap();
    let items = tablet.mentee_items(&pair.mentee_id).unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0].content.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invite_works_once() {
    let server = SyncServer::start().await;
    let (code, _) = server.invite(Role::Mentee, "Jo");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = steady::state::Device::open(a.path()).unwrap();
    let second = steady::state::Device::open(b.path()).unwrap();
    first
        .enroll(&server.base, &code.to_lowercase())
        .await
        .unwrap();
    let err = second.enroll(&server.base, &code).await.unwrap_err();
    assert!(err.to_string().contains("invite code didn't work"), "{err}");
    assert!(second.enrolment().unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_shares_wait_and_catch_up_when_the_server_is_back() {
    let root = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let mut server = SyncServer::start_in(root.clone(), None).await;
    let pair = Pair::enrol(&server, &server.base).await;
    let port: u16 = server.base.rsplit(':').next().unwrap().parse().unwrap();
    server.shutdown().await;

    let mut entries = Vec::new();
    for n in 1..=3 {
        let entry = pair.mentee.log_mood(level(n)).unwrap();
        pair.share(&entry.id, ShareMode::Shared);
        entries.push(entry);
    }
    let err = pair.mentee.sync_now().await.unwrap_err();
    assert!(err.to_string().contains("Can't reach"), "{err}");
    let line = pair.mentee.sync_line().unwrap();
    assert!(line.offline);
    assert_eq!(line.pending, 3);

    let server = SyncServer::start_in(root, Some(port)).await;
    pair.sync_both().await;
    let line = pair.mentee.sync_line().unwrap();
    assert!(!line.offline);
    assert_eq!(line.pending, 0);
    assert_eq!(pair.mentor_sees().len(), 3);
    drop(server);
}
