//! The sync API refuses what it must: every endpoint against every wrong caller, bad input of
//! each kind (each a JSON 4xx that changes nothing), and tampered envelopes the mentor refuses.

use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use steady::domain::{MoodLevel, ShareMode};
use steady::sync::protocol::Role;

use crate::common::hostile::{Raw, record_body, token};
use crate::common::sync_server::{Pair, SyncServer};

async fn shared_pair(server: &SyncServer) -> (Pair, String) {
    let pair = Pair::enrol(server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.mentee.sync_now().await.unwrap();
    (pair, entry.id.as_str().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_endpoint_refuses_every_wrong_caller_and_leaks_nothing() {
    let server = SyncServer::start().await;
    let (pair, item) = shared_pair(&server).await;
    let call = Raw::new(&server.base);
    // Another mentee, an unpaired mentor and a revoked device, each really enrolled.
    let other = Pair::enrol(&server, &server.base).await;
    let (code, _) = server.invite(Role::Mentor, "Unpaired");
    let dir = tempfile::tempdir().unwrap();
    let unpaired = steady::state::Device::open(dir.path()).unwrap();
    unpaired.enroll(&server.base, &code).await.unwrap();
    let revoked = token(&other.mentor);
    server
        .store
        .revoke_device(&other.mentor.enrolment().unwrap().unwrap().device_id, 0)
        .unwrap();

    let feed = format!("/v1/mentees/{}/records", pair.mentee_id);
    let endpoints: Vec<(Method, &str, Option<Vec<u8>>)> = vec![
        (Method::GET, "/v1/recipients", None),
        (
            Method::POST,
            "/v1/records",
            Some(record_body(&item, 9, None)),
        ),
        (Method::GET, "/v1/mentees", None),
        (Method::GET, &feed, None),
        (Method::DELETE, "/v1/me", None),
    ];
    for (method, path, body) in &endpoints {
        for bad in [None, Some("not-a-token"), Some(revoked.as_str())] {
            let (status, error) = call.send(method.clone(), path, bad, body.clone()).await;
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {bad:?}"
            );
            // A device the program removed is told so; anything else is just not signed in.
            let expected = if bad == Some(revoked.as_str()) {
                "device_removed"
            } else {
                "unauthorized"
            };
            assert_eq!(error["error"], expected, "{method} {path} with {bad:?}");
        }
    }
    // Another mentee cannot read Alex's feed, and cannot touch Alex's records.
    let (status, _) = call
        .send(Method::GET, &feed, Some(&token(&other.mentee)), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let stray = steady::crypto::envelope::seal_tombstone(
        &steady::crypto::ItemRef {
            feed: steady::crypto::envelope::Feed::Shared,
            item_id: item.clone(),
            version: 9,
            mentee_id: other.mentee_id.clone(),
        },
        "other-device",
        &steady::crypto::DeviceKeys::generate().unwrap(),
    )
    .unwrap();
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/records",
            Some(&token(&other.mentee)),
            Some(record_body(
                &item,
                9,
                Some(std::str::from_utf8(&stray).unwrap()),
            )),
        )
        .await;
    // A mentee writes only into their own records: the tombstone lands in theirs, and Alex's
    // shared entry is untouched on the server.
    assert_eq!(status, StatusCode::OK);
    let alex = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0;
    assert_eq!(alex.len(), 1);
    assert!(alex[0].envelope.is_some(), "Alex's entry is still there");
    // An unpaired mentor sees no Alex at all.
    let (status, body) = call
        .send(Method::GET, &feed, Some(&token(&unpaired)), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.to_string().contains(&item));
    let (_, body) = call
        .send(Method::GET, "/v1/mentees", Some(&token(&unpaired)), None)
        .await;
    assert_eq!(body["mentees"], json!([]));
    // A mentor may not upload, and a mentee may not list mentees.
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/records",
            Some(&token(&pair.mentor)),
            Some(record_body(&item, 9, None)),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call
        .send(Method::GET, "/v1/mentees", Some(&token(&pair.mentee)), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // After all that, Sam still sees exactly Alex's one shared entry.
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(pair.mentor_sees().len(), 1);
    assert!(!pair.mentor_sees()[0].contains("could not verify"));
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_a_plain_json_refusal_and_changes_nothing() {
    let server = SyncServer::start().await;
    let (pair, item) = shared_pair(&server).await;
    let call = Raw::new(&server.base);
    let mentee = token(&pair.mentee);
    let stored = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0;
    let envelope = stored[0].envelope.clone().unwrap();
    let too_big_envelope = "x".repeat(64 * 1024 + 1);
    let many: Vec<Value> = (0..501)
        .map(|n| json!({"item_id": format!("i{n}"), "version": 1, "envelope": null}))
        .collect();
    let cases: Vec<(&str, Vec<u8>, StatusCode)> = vec![
        (
            "an unsigned removal (only a server could make one)",
            record_body(&item, 99, None),
            StatusCode::BAD_REQUEST,
        ),
        (
            "malformed JSON",
            b"{\"records\": [".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "wrong shape",
            b"{\"records\": 5}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "unknown field",
            b"{\"records\": [], \"x\": 1}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "bad item id",
            record_body("../etc", 2, None),
            StatusCode::BAD_REQUEST,
        ),
        (
            "version zero",
            record_body(&item, 0, None),
            StatusCode::BAD_REQUEST,
        ),
        (
            "oversized envelope",
            record_body(&item, 2, Some(&too_big_envelope)),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "too many records",
            serde_json::to_vec(&json!({"records": many})).unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "body over 1 MiB",
            vec![b' '; 1024 * 1024 + 10],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "same version, other bytes",
            record_body(
                &item,
                stored[0].version,
                Some(&envelope.replace("\"v\":2", "\"v\":2 ")),
            ),
            StatusCode::CONFLICT,
        ),
    ];
    for (what, body, expected) in cases {
        let (status, error) = call
            .send(Method::POST, "/v1/records", Some(&mentee), Some(body))
            .await;
        assert_eq!(status, expected, "{what}");
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: {error}"
        );
    }
    // The same batch sent again is accepted as already stored.
    let (status, body) = call
        .send(
            Method::POST,
            "/v1/records",
            Some(&mentee),
            Some(record_body(&item, stored[0].version, Some(&envelope))),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["outcomes"], json!(["already_stored"]));

    // Protocol versions are checked before anything else.
    let response = Client::new()
        .get(format!("{}/v1/recipients", server.base))
        .header("Steady-Protocol", "2")
        .bearer_auth(&mentee)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "unsupported_protocol"
    );
    let response = Client::new()
        .get(format!("{}/v1/recipients", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "protocol_missing"
    );
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/enroll",
            None,
            Some(b"{\"invite_code\": 1}".to_vec()),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Paths the API does not have get the same plain JSON refusal, at any depth.
    for path in ["/v1", "/v1/", "/v1/nothing", "/v1/mentees/x/records/more"] {
        let (status, body) = call.send(Method::GET, path, Some(&mentee), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"], "not_found", "{path}");
    }

    let after = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0;
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].envelope.as_deref(), Some(envelope.as_str()));
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(pair.mentor_sees().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_mentor_refuses_tampered_moved_forged_and_replayed_envelopes() {
    let server = SyncServer::start().await;
    let (pair, item) = shared_pair(&server).await;
    // Sam has Alex's check-in, verified, before anything is tampered with.
    assert_eq!(pair.mentor.sync_now().await.unwrap().received, 1);
    let call = Raw::new(&server.base);
    let mentee = token(&pair.mentee);
    let original = server
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
        .unwrap()
        .0[0]
        .envelope
        .clone()
        .unwrap();
    let mut wire: Value = serde_json::from_str(&original).unwrap();
    let body = wire["body"].as_str().unwrap().to_owned();
    let flipped_char = if body.starts_with('A') { "B" } else { "A" };
    wire["body"] = json!(format!("{flipped_char}{}", &body[1..]));
    let flipped = wire.to_string();

    // A forged envelope: sealed properly to Sam's device, but signed by a key Alex never had.
    let sam_device = pair.mentor.enrolment().unwrap().unwrap().device_id;
    let sam_keys = pair
        .mentee
        .mentor_devices()
        .unwrap()
        .into_iter()
        .find(|d| d.device_id == sam_device)
        .unwrap()
        .keys;
    let impostor = steady::crypto::DeviceKeys::generate().unwrap();
    let forged_item = steady::domain::EntryId::new();
    let forged = steady::crypto::envelope::seal(
        &steady::crypto::ItemRef {
            feed: steady::crypto::envelope::Feed::Shared,
            item_id: forged_item.as_str().into(),
            version: 1,
            mentee_id: pair.mentee_id.clone(),
        },
        br#"{"type":"contact_request","at":{"utc_ms":0,"offset_s":0}}"#,
        &pair.mentee.enrolment().unwrap().unwrap().device_id,
        &impostor,
        &[steady::crypto::Recipient {
            device_id: sam_device.clone(),
            keys: sam_keys,
        }],
    )
    .unwrap();
    let moved_item = steady::domain::EntryId::new();
    let replayed_item = steady::domain::EntryId::new();
    let uploads = [
        (item.as_str(), 50, flipped.as_str()),
        (moved_item.as_str(), 1, original.as_str()),
        (
            forged_item.as_str(),
            1,
            std::str::from_utf8(&forged).unwrap(),
        ),
        (replayed_item.as_str(), 1, original.as_str()),
    ];
    for (id, version, envelope) in uploads {
        let (status, _) = call
            .send(
                Method::POST,
                "/v1/records",
                Some(&mentee),
                Some(record_body(id, version, Some(envelope))),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(report.unverified, 4, "{report:?}");
    assert_eq!(report.received, 0);

    // The honest envelope again, as a newer version of the same item: an old version replayed.
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/records",
            Some(&mentee),
            Some(record_body(&item, 60, Some(&original))),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(report.unverified, 1, "{report:?}");
    // What did not verify never replaced what did: Alex's check-in is still there as Alex shared
    // it, and the three made-up items show only "could not verify".
    let items = pair.mentor.mentee_items(&pair.mentee_id).unwrap();
    assert_eq!(items.len(), 4);
    let verified: Vec<_> = items.iter().filter(|i| i.content.is_some()).collect();
    assert_eq!(verified.len(), 1);
    assert_eq!(verified[0].item_id, item.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_device_that_asks_too_fast_is_slowed_and_others_are_not() {
    let server = SyncServer::start_with_rate(0.01, 8.0).await;
    let pair = Pair::enrol(&server, &server.base).await;
    let call = Raw::new(&server.base);
    let mentee = token(&pair.mentee);
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(
            call.send(Method::GET, "/v1/recipients", Some(&mentee), None)
                .await,
        );
    }
    let (status, body) = statuses.last().unwrap();
    assert_eq!(*status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"], "rate_limited");
    assert!(statuses[0].0.is_success());
    // The mentor's device has its own allowance.
    let (status, _) = call
        .send(Method::GET, "/v1/mentees", Some(&token(&pair.mentor)), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    // The app hears "busy", not "broken", and keeps what it has to send.
    let entry = pair.mentee.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    let err = pair.mentee.sync_now().await.unwrap_err();
    assert!(err.to_string().contains("busy"), "{err}");
    assert_eq!(pair.mentee.sync_line().unwrap().pending, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_me_removes_everything_the_server_held_for_the_mentee() {
    let server = SyncServer::start().await;
    let (pair, item) = shared_pair(&server).await;
    let call = Raw::new(&server.base);
    let mentee = token(&pair.mentee);
    let (status, _) = call
        .send(Method::DELETE, "/v1/me", Some(&mentee), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // The token no longer works, the mentor no longer sees Alex, and the record is gone.
    let (status, _) = call
        .send(Method::GET, "/v1/recipients", Some(&mentee), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (_, body) = call
        .send(Method::GET, "/v1/mentees", Some(&token(&pair.mentor)), None)
        .await;
    assert_eq!(body["mentees"], json!([]));
    assert!(
        server
            .store
            .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
            .unwrap()
            .0
            .is_empty()
    );
    assert!(server.store.person(&pair.mentee_id).is_err());
    // Sam's device drops Alex and Alex's shared items at its next sync.
    pair.mentor.sync_now().await.unwrap();
    assert!(pair.mentor.mentees().unwrap().is_empty());
    assert!(
        pair.mentor
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .is_empty()
    );
    // The mentee's phone keeps its own check-in.
    assert!(
        pair.mentee
            .mood(&steady::domain::EntryId::parse(&item).unwrap())
            .is_ok()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_record_stops_with_a_plain_message_and_the_rest_still_sync() {
    let server = SyncServer::start().await;
    let (pair, _) = shared_pair(&server).await;
    // A safety plan this long seals to more than the server's 64 KiB per item.
    for n in 0..80 {
        pair.mentee
            .add_plan_item(
                steady::domain::PlanSection::ALL[n % 7],
                &format!("{n} {}", "a".repeat(900)),
            )
            .unwrap();
    }
    pair.mentee.share_safety_plan(true).unwrap();
    let entry = pair.mentee.log_mood(MoodLevel::new(5).unwrap()).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    let report = pair.mentee.sync_now().await.unwrap();
    assert_eq!(report.refused.len(), 1, "{report:?}");
    // The refusal is kept as words the phone can say in the mentee's language.
    let said = |lang| steady::i18n::Phrase::say_text(lang, &report.refused[0]);
    assert!(said(steady::i18n::Lang::En).contains("too long to share"));
    assert!(said(steady::i18n::Lang::En).contains("still saved on your phone"));
    assert_ne!(said(steady::i18n::Lang::Es), said(steady::i18n::Lang::En));
    let line = pair.mentee.sync_line().unwrap();
    assert!(line.problem.is_some_and(|p| {
        p.in_lang(steady::i18n::Lang::En)
            .contains("Try making it shorter")
    }));
    assert_eq!(line.pending, 0, "a refused record is not 'waiting'");
    // The message stays on the status line after later rounds, until the plan changes.
    pair.mentee.sync_now().await.unwrap();
    let line = pair.mentee.sync_line().unwrap();
    assert!(line.problem.is_some_and(|p| {
        p.in_lang(steady::i18n::Lang::En)
            .contains("Try making it shorter")
    }));
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(
        pair.mentor_sees().len(),
        2,
        "both check-ins arrived; the plan did not"
    );
}

/// One batch may name an item more than once (a phone that edited it twice while offline): each
/// change is applied in order with its own feed number, the last one is what is kept, and a
/// change that contradicts what is stored refuses the whole batch. The same on both stores.
#[tokio::test(flavor = "multi_thread")]
async fn a_batch_naming_one_item_twice_applies_each_change_in_order() {
    use steady::sync::protocol::{PutOutcome, RecordPut};
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(3).unwrap()).unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.mentee.sync_now().await.unwrap();
    let (store, mentee, mentor) = (&server.store, &pair.mentee_id, &pair.mentor_id);
    let (before, _) = store.changes(mentee, mentor, 0, 10).unwrap();
    let head = before.last().unwrap().seq;
    let sealed = before[0].envelope.clone().unwrap();
    // The same header (same readers) with other bytes: the server cannot tell it from a new seal.
    let other = format!("{sealed} ");
    let put = |item: &str, version: u64, envelope: &str| RecordPut {
        item_id: item.into(),
        version,
        envelope: Some(envelope.into()),
    };
    let quota = 50 << 20;

    let outcomes = store
        .put_records(
            mentee,
            &[
                put("item-a", 1, &sealed),
                put("item-a", 2, &other),
                put("item-b", 1, &sealed),
                put("item-a", 1, &sealed),
                put("item-b", 1, &sealed),
            ],
            quota,
        )
        .unwrap();
    assert_eq!(
        outcomes,
        [
            (PutOutcome::Stored, 1),
            (PutOutcome::Stored, 2),
            (PutOutcome::Stored, 1),
            (PutOutcome::Superseded, 2),
            (PutOutcome::AlreadyStored, 1),
        ]
    );
    let (after, _) = store.changes(mentee, mentor, head, 10).unwrap();
    let seen: Vec<(String, u64, i64)> = after
        .iter()
        .map(|c| (c.item_id.clone(), c.version, c.seq))
        .collect();
    assert_eq!(
        seen,
        [
            ("item-a".to_owned(), 2, head + 2),
            ("item-b".to_owned(), 1, head + 3)
        ],
        "each change numbered; the last of item-a kept"
    );
    assert_eq!(after[0].envelope.as_deref(), Some(other.as_str()));

    // A contradiction anywhere refuses the batch: nothing before it in the batch is kept.
    let refused = store
        .put_records(
            mentee,
            &[put("item-c", 1, &sealed), put("item-b", 1, &other)],
            quota,
        )
        .unwrap_err();
    assert!(
        matches!(
            refused,
            steady_server::storage::ServerStoreError::VersionConflict(1)
        ),
        "{refused}"
    );
    let (now, _) = store.changes(mentee, mentor, head, 10).unwrap();
    assert_eq!(now.len(), 2, "item-c was not kept");
}
