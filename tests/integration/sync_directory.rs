//! The program's crisis directory on the phone: signed by the program key pinned at enrolment,
//! shown above the bundled contacts, kept with no network, and never replaced by a tampered or
//! older directory.

use std::sync::Arc;

use steady::crypto::{ProgramKey, SignedDirectory};
use steady_server::PROGRAM_KEY_FILE;

use crate::common::sync_server::{Pair, SyncServer};

const DIRECTORY: &str = r#"{"version": 0, "region": "Riverside County", "contacts": [
  {"name": "Riverside Youth Line", "offers": "Talk to someone your age, any evening.",
   "phone": "+19515550123", "text": {"number": "+19515550123", "keyword": "TALK"},
   "hours": "5pm to midnight", "languages": ["English", "Spanish"], "last_checked": "2026-11-01"}]}"#;

fn names(device: &steady::state::Device) -> Vec<String> {
    device
        .crisis_directory()
        .contacts
        .into_iter()
        .map(|c| c.name)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_published_directory_reaches_the_phone_and_stays_without_a_network() {
    let root = Arc::new(tempfile::tempdir().unwrap());
    let mut server = SyncServer::start_in(root.clone(), None).await;
    let pair = Pair::enrol(&server, &server.base).await;
    let bundled = names(&pair.mentee);
    assert!(bundled.iter().any(|n| n.contains("988")));

    let version = steady_server::publish_directory(&server.store, &server.dir, DIRECTORY).unwrap();
    assert_eq!(version, 1);
    pair.mentee.sync_now().await.unwrap();
    let shown = names(&pair.mentee);
    assert_eq!(
        shown[0], "Riverside Youth Line",
        "program contacts come first"
    );
    assert!(
        shown.iter().any(|n| n.contains("988")),
        "the defaults stay below"
    );

    // No server, a fresh start of the app: the program's contacts are still there.
    server.shutdown().await;
    let _ = pair.mentee.sync_now().await;
    let reopened = steady::state::Device::open(pair.mentee.data_dir()).unwrap();
    assert_eq!(names(&reopened)[0], "Riverside Youth Line");
    let card = reopened.crisis_directory();
    let actions = card.contacts[0].actions();
    assert!(
        actions
            .iter()
            .any(|a| a.href == "sms:+19515550123?&body=TALK"),
        "{actions:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_or_older_directory_is_refused_and_the_last_good_one_kept() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let key = ProgramKey::load_or_create(&server.dir.join(PROGRAM_KEY_FILE)).unwrap();
    steady_server::publish_directory(&server.store, &server.dir, DIRECTORY).unwrap();
    pair.mentee.sync_now().await.unwrap();

    // Version 2, changed after signing: refused.
    let good = key.sign(DIRECTORY.replace("\"version\": 0", "\"version\": 2"));
    let tampered = SignedDirectory {
        payload: good.payload.replace("+19515550123", "+19515559999"),
        signature: good.signature.clone(),
        rotations: Vec::new(),
    };
    server
        .store
        .publish_directory(2, &serde_json::to_string(&tampered).unwrap(), 0)
        .unwrap();
    let _ = pair.mentee.sync_now().await;
    let kept = pair.mentee.crisis_directory();
    assert_eq!(kept.version, 1);
    assert_eq!(kept.contacts[0].phone.as_deref(), Some("+19515550123"));

    // Signed by someone else's key: refused.
    let stranger = ProgramKey::load_or_create(&server.dir.join("stranger.key")).unwrap();
    let forged = stranger.sign(DIRECTORY.replace("\"version\": 0", "\"version\": 3"));
    assert_eq!(
        pair.mentee.accept_directory(forged),
        Err(steady::state::DirectoryRefusal::BadSignature)
    );
    // Properly signed but older than what the phone has: refused.
    let newer = key.sign(DIRECTORY.replace("\"version\": 0", "\"version\": 5"));
    assert_eq!(pair.mentee.accept_directory(newer), Ok(5));
    let older = key.sign(DIRECTORY.replace("\"version\": 0", "\"version\": 4"));
    assert_eq!(
        pair.mentee.accept_directory(older),
        Err(steady::state::DirectoryRefusal::NotNewer)
    );
    assert_eq!(pair.mentee.crisis_directory().version, 5);
}
