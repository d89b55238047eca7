//! Replies from mentors, against a real server and real devices: sealed end to end the other way,
//! on the mentee's terms (replies off closes the compose; read receipts only if the mentee says
//! so), kept or cleared by the mentee, never taken back; every wrong caller refused; tampered,
//! moved, replayed and impostor replies dropped; a report carries the mentor's signed note and
//! pauses their notes; a crash mid-sync loses and duplicates nothing.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use reqwest::Method;
use steady::crypto::envelope::{Feed, check_evidence};
use steady::domain::replies::{PRESETS, preset_words};
use steady::domain::{Reply, ReplyError};
use steady::i18n::{Lang, Say};
use steady::state::{ComposeState, Device, ReportBody};
use steady::sync::protocol::Role;

use crate::common::hostile::{Forged, Raw, token};
use crate::common::safeguarding::Inbox;
use crate::common::sync_server::{Pair, RecordingProxy, SyncServer, approve_mentor_devices};

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn note(preset: usize) -> Reply {
    Reply::Note {
        about: None,
        preset: Some(PRESETS[preset].into()),
        words: None,
        at_ms: now_ms(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentor_acknowledges_and_notes_arrive_sealed_on_the_mentees_terms() {
    let server = SyncServer::start().await;
    let proxy = RecordingProxy::start(&server.base).await;
    let pair = Pair::enrol(&server, &proxy.url).await;
    pair.mentee.ask_mentor_to_reach_out().unwrap();
    pair.sync_both().await;
    let (request_id, _) = pair.mentee.last_request().unwrap().unwrap();

    // Sam answers "I saw this"; Alex's phone shows it in calm words.
    pair.mentor
        .send_reply(
            &pair.mentee_id,
            &Reply::Ack {
                request_id: request_id.clone(),
                words: None,
                at_ms: now_ms(),
            },
        )
        .unwrap();
    // Own words are only for programs that allow them; the kind presets always are.
    let own = Reply::Note {
        about: None,
        preset: None,
        words: Some("Saw your art, amazing".into()),
        at_ms: now_ms(),
    };
    let refused = pair.mentor.send_reply(&pair.mentee_id, &own).unwrap_err();
    assert_eq!(refused.to_string(), ReplyError::NoFreeText.to_string());
    pair.mentor.send_reply(&pair.mentee_id, &note(0)).unwrap();
    pair.sync_both().await;
    pair.mentee.sync_now().await.unwrap();
    let ack = pair.mentee.ack_for(&request_id).unwrap().unwrap();
    assert_eq!(
        ack.reply.words_for_mentee(Lang::En, &ack.mentor_name),
        "Sam saw your message."
    );
    let notes: Vec<String> = pair
        .mentee
        .replies()
        .unwrap()
        .iter()
        .map(|r| r.reply.words_for_mentee(Lang::En, &r.mentor_name))
        .collect();
    assert!(
        notes.contains(&preset_words(Lang::En, PRESETS[0])),
        "{notes:?}"
    );

    // Nothing readable crossed the wire or sits on the server.
    let sent = proxy.sent_text();
    let stored = server.file_bytes();
    for words in [PRESETS[0], "saw your message", "\"ack\"", "\"note\""] {
        assert!(!sent.contains(words), "{words} on the wire");
        assert!(
            !stored.windows(words.len()).any(|w| w == words.as_bytes()),
            "{words} on the server"
        );
    }

    // Alex keeps one and clears the other; a cleared one never comes back.
    let shown = pair.mentee.replies().unwrap();
    let kept = shown
        .iter()
        .find(|r| matches!(r.reply, Reply::Note { .. }))
        .unwrap();
    pair.mentee.keep_reply(&kept.reply_id, true).unwrap();
    let acked = shown
        .iter()
        .find(|r| matches!(r.reply, Reply::Ack { .. }))
        .unwrap();
    pair.mentee.clear_reply(&acked.reply_id).unwrap();
    pair.mentee.sync_now().await.unwrap();
    let after: Vec<_> = pair.mentee.replies().unwrap();
    assert_eq!(after.len(), 1);
    assert!(after[0].kept);

    // Alex turns notes off: Sam's compose says why, and a note is refused; "I saw this" still
    // answers what Alex asks.
    pair.mentee.set_reply_terms(false, false).unwrap();
    pair.sync_both().await;
    match pair.mentor.compose_state(&pair.mentee_id).unwrap() {
        ComposeState::Closed(why) => {
            let why = why.say(Lang::En);
            assert!(why.contains("Alex has turned replies off"), "{why}")
        }
        ComposeState::Open => panic!("the compose should be closed"),
    }
    assert!(pair.mentor.send_reply(&pair.mentee_id, &note(1)).is_err());

    // Notes on again, and Sam may see what was read: only then does "seen" show.
    pair.mentee.set_reply_terms(true, false).unwrap();
    pair.sync_both().await;
    pair.mentor.send_reply(&pair.mentee_id, &note(2)).unwrap();
    pair.sync_both().await;
    pair.mentee.sync_now().await.unwrap();
    pair.mentee.mark_replies_read().unwrap();
    pair.sync_both().await;
    assert!(
        pair.mentor
            .sent_replies(&pair.mentee_id)
            .unwrap()
            .iter()
            .all(|s| !s.seen)
    );
    pair.mentee.set_reply_terms(true, true).unwrap();
    pair.mentee.mark_replies_read().unwrap();
    pair.sync_both().await;
    let sent = pair.mentor.sent_replies(&pair.mentee_id).unwrap();
    assert!(sent.iter().all(|s| s.sent), "{sent:?}");
    assert!(sent.iter().any(|s| s.seen), "{sent:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_wrong_caller_is_refused_on_the_replies_feed() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let other = Pair::enrol(&server, &server.base).await;
    let call = Raw::new(&server.base);
    let batch = |mentee: &str, id: &str, mentee_in_header: &str| {
        serde_json::to_vec(&serde_json::json!({
            "mentee_id": mentee,
            "replies": [{"reply_id": id, "envelope": format!(
                r#"{{"v":2,"feed":"replies","item":"{id}","version":1,"mentee":"{mentee_in_header}","signer":"x","sig":"x"}}"#
            )}],
        }))
        .unwrap()
    };
    // An unpaired mentor: the mentee looks like nobody.
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/replies",
            Some(&token(&other.mentor)),
            Some(batch(&pair.mentee_id, "r1", &pair.mentee_id)),
        )
        .await;
    assert_eq!(status, 404);
    // A mentee can't write to a mentor feed, and a mentor can't read one.
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/replies",
            Some(&token(&pair.mentee)),
            Some(batch(&pair.mentee_id, "r1", &pair.mentee_id)),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = call
        .send(Method::GET, "/v1/replies", Some(&token(&pair.mentor)), None)
        .await;
    assert_eq!(status, 403);
    // A reply whose header names another mentee, or another id, is refused.
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/replies",
            Some(&token(&pair.mentor)),
            Some(batch(&pair.mentee_id, "r1", &other.mentee_id)),
        )
        .await;
    assert_eq!(status, 400);
    // A removed device is told so.
    let device = pair.mentor.enrolment().unwrap().unwrap().device_id;
    server.store.revoke_device(&device, 0).unwrap();
    let (status, body) = call
        .send(
            Method::POST,
            "/v1/replies",
            Some(&token(&pair.mentor)),
            Some(batch(&pair.mentee_id, "r2", &pair.mentee_id)),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "device_removed");
    // Nothing was kept.
    pair.mentee.sync_now().await.unwrap();
    assert!(pair.mentee.replies().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn one_mentees_replies_cannot_fill_the_server() {
    // A program allowing each mentee 1 MiB: replies to one mentee share that allowance.
    let server = SyncServer::start_with_config(steady_server::Config {
        mentee_quota_mib: 1,
        ..Default::default()
    })
    .await;
    let pair = Pair::enrol(&server, &server.base).await;
    let other = Pair::enrol(&server, &server.base).await;
    let call = Raw::new(&server.base);
    // Fifty replies of 16 KiB each (the most one may be): 800 KiB.
    let batch = |mentee: &str, first: usize, count: usize| {
        let replies: Vec<serde_json::Value> = (first..first + count)
            .map(|n| {
                let id = format!("big-{n}");
                let header = format!(
                    r#"{{"v":2,"feed":"replies","item":"{id}","version":1,"mentee":"{mentee}","signer":"x","sig":"x","pad":""}}"#
                );
                let pad = "p".repeat(16 * 1024 - header.len());
                serde_json::json!({"reply_id": id, "envelope": header.replace(r#""pad":"""#, &format!(r#""pad":"{pad}""#))})
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({"mentee_id": mentee, "replies": replies})).unwrap()
    };
    let send = |token: String, body: Vec<u8>| {
        let call = &call;
        async move {
            call.send(Method::POST, "/v1/replies", Some(&token), Some(body))
                .await
        }
    };
    let (status, _) = send(token(&pair.mentor), batch(&pair.mentee_id, 0, 50)).await;
    assert_eq!(status, 200);
    // The next fifty would pass 1 MiB: the whole batch is refused, plainly, and nothing of it kept.
    let (status, body) = send(token(&pair.mentor), batch(&pair.mentee_id, 50, 50)).await;
    assert_eq!(status, 413);
    assert_eq!(body["error"], "replies_full");
    let kept = server.store.replies(&pair.mentee_id, 0, 500).unwrap().0;
    assert_eq!(kept.len(), 50);
    // Fourteen more fill the allowance exactly (64 × 16 KiB is 1 MiB).
    let (status, _) = send(token(&pair.mentor), batch(&pair.mentee_id, 100, 14)).await;
    assert_eq!(status, 200);
    // Another mentee's allowance is their own.
    let (status, _) = send(token(&other.mentor), batch(&other.mentee_id, 0, 50)).await;
    assert_eq!(status, 200);
    // Sam's app keeps the note and says why it waits, in words a mentor can act on.
    pair.sync_both().await;
    pair.mentor.send_reply(&pair.mentee_id, &note(0)).unwrap();
    let report = pair.mentor.sync_now().await.unwrap();
    let said: Vec<String> = report
        .refused
        .iter()
        .map(|text| steady::i18n::Phrase::say_text(Lang::En, text))
        .collect();
    assert!(
        said.iter().any(|text| text.contains("storage limit")),
        "{said:?}"
    );
    assert_eq!(
        server
            .store
            .replies(&pair.mentee_id, 0, 500)
            .unwrap()
            .0
            .len(),
        64,
        "the note waits on Sam's phone, not on the server"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn tampered_moved_replayed_and_impostor_replies_never_show() {
    let server = SyncServer::start().await;
    let proxy = RecordingProxy::start(&server.base).await;
    let pair = Pair::enrol(&server, &proxy.url).await;
    pair.mentee.sync_now().await.unwrap();
    pair.mentor.sync_now().await.unwrap();
    pair.mentor.send_reply(&pair.mentee_id, &note(0)).unwrap();
    pair.mentor.sync_now().await.unwrap();
    // The real reply, as the mentor's device sent it.
    let sent = proxy.sent_text();
    let start = sent.find("{\"mentee_id\"").unwrap();
    let batch: serde_json::Value = serde_json::Deserializer::from_str(&sent[start..])
        .into_iter::<serde_json::Value>()
        .next()
        .unwrap()
        .unwrap();
    let real = batch["replies"][0].clone();
    let envelope: serde_json::Value =
        serde_json::from_str(real["envelope"].as_str().unwrap()).unwrap();
    let call = Raw::new(&server.base);
    let post = |body: serde_json::Value| {
        let call = &call;
        let token = token(&pair.mentor);
        async move {
            call.send(
                Method::POST,
                "/v1/replies",
                Some(&token),
                Some(body.to_string().into_bytes()),
            )
            .await
            .0
        }
    };
    // Replayed: the very same reply again is kept once.
    assert_eq!(post(batch.clone()).await, 200);
    // Tampered: the same sealed body under a new id (the header must say so) breaks the signature.
    let mut tampered = envelope.clone();
    tampered["item"] = "tampered-1".into();
    assert_eq!(
        post(serde_json::json!({"mentee_id": pair.mentee_id, "replies": [
            {"reply_id": "tampered-1", "envelope": tampered.to_string()}]}))
        .await,
        200
    );
    // Impostor: a device the server enrolled for Sam, which Alex never approved.
    let forged = Forged::enrol(&server, &pair.mentor_id).await;
    let alex_devices = pair.mentor.mentee_devices(&pair.mentee_id).unwrap();
    let sealed = steady::crypto::envelope::seal(
        &steady::crypto::ItemRef {
            feed: Feed::Replies,
            item_id: "impostor-1".into(),
            version: 1,
            mentee_id: pair.mentee_id.clone(),
        },
        &serde_json::to_vec(&note(3)).unwrap(),
        &forged.device_id,
        &forged.keys,
        &alex_devices
            .iter()
            .map(|d| steady::crypto::Recipient {
                device_id: d.device_id.clone(),
                keys: d.keys.clone(),
            })
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/replies",
            Some(&forged.token),
            Some(
                serde_json::to_vec(
                    &serde_json::json!({"mentee_id": pair.mentee_id, "replies": [
                {"reply_id": "impostor-1", "envelope": String::from_utf8(sealed).unwrap()}]}),
                )
                .unwrap(),
            ),
        )
        .await;
    assert_eq!(
        status, 200,
        "the server can't tell; the mentee's device can"
    );
    // Moved: another mentee's feed. The server refuses a header for someone else.
    let other = Pair::enrol(&server, &server.base).await;
    server.pair(&other.mentee_id, &pair.mentor_id);
    let (status, _) = call
        .send(
            Method::POST,
            "/v1/replies",
            Some(&token(&pair.mentor)),
            Some(
                serde_json::to_vec(&serde_json::json!({"mentee_id": other.mentee_id,
                "replies": [real]}))
                .unwrap(),
            ),
        )
        .await;
    assert_eq!(status, 400);

    let report = pair.mentee.sync_now().await.unwrap();
    let shown = pair.mentee.replies().unwrap();
    assert_eq!(shown.len(), 1, "only the real reply, once: {shown:?}");
    assert_eq!(
        shown[0].reply.words_for_mentee(Lang::En, "Sam"),
        preset_words(Lang::En, PRESETS[0])
    );
    assert!(report.unverified >= 2, "{report:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_report_carries_the_mentors_signed_note_and_pauses_their_notes() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    pair.sync_both().await;
    let reported = pair.mentor.send_reply(&pair.mentee_id, &note(1)).unwrap();
    pair.sync_both().await;
    pair.mentee.sync_now().await.unwrap();
    pair.mentee.report_reply(&reported).await.unwrap();

    // Staff (the safeguarding inbox) get exactly that note, provably from Sam's device.
    let concerns = server.store.concerns().unwrap();
    assert_eq!(concerns.len(), 1);
    assert_eq!(concerns[0].kind, "report");
    let signed = inbox.open(&concerns[0].sealed).unwrap();
    let body: ReportBody = serde_json::from_str(&signed.body).unwrap();
    assert_eq!(body.mentor_name, "Sam");
    let sam_key = steady::crypto::PublicKeys::from_slices(
        &B64.decode(&body.mentor_device_key).unwrap(),
        &[0; 32],
    )
    .unwrap();
    let opened = check_evidence(&body.evidence, &sam_key).unwrap();
    assert_eq!(opened.item.feed, Feed::Replies);
    assert!(
        String::from_utf8(opened.payload.unwrap())
            .unwrap()
            .contains(PRESETS[1])
    );

    // Sam's notes are paused: the compose says so, and the server refuses them.
    pair.mentor.sync_now().await.unwrap();
    assert!(matches!(
        pair.mentor.compose_state(&pair.mentee_id).unwrap(),
        ComposeState::Closed(why) if why.say(Lang::En).contains("paused")
    ));
    let (status, body) = Raw::new(&server.base)
        .send(Method::POST, "/v1/replies", Some(&token(&pair.mentor)),
            Some(serde_json::to_vec(&serde_json::json!({"mentee_id": pair.mentee_id, "replies": [
                {"reply_id": "after-report", "envelope": format!(
                    r#"{{"v":2,"feed":"replies","item":"after-report","version":1,"mentee":"{}","signer":"x","sig":"x"}}"#,
                    pair.mentee_id)}]})).unwrap()))
        .await;
    assert_eq!(status, 409);
    assert_eq!(body["error"], "replies_paused");
    // Staff look at it; notes can flow again.
    assert!(
        server
            .store
            .handle_concern(&concerns[0].id, "Dana", 0, &crate::common::TEST_AUDIT)
            .unwrap()
    );
    pair.mentor.sync_now().await.unwrap();
    assert_eq!(
        pair.mentor.compose_state(&pair.mentee_id).unwrap(),
        ComposeState::Open
    );
    // ... and reach Alex: the pause on Alex's phone ends with it.
    pair.mentor.send_reply(&pair.mentee_id, &note(2)).unwrap();
    pair.mentor.sync_now().await.unwrap();
    pair.mentee.sync_now().await.unwrap();
    assert!(
        pair.mentee.replies().unwrap().iter().any(
            |r| r.reply.words_for_mentee(Lang::En, "Sam") == preset_words(Lang::En, PRESETS[2])
        ),
        "the note after staff looked at the report shows"
    );
}

const REPLY_ROUNDS: usize = 16;
const REPLY_CHILD: &str = "STEADY_REPLY_KILL_DIR";

/// Not a test on its own: the mentor side, started by the test below.
#[test]
#[ignore = "run by a_killed_mentor_sync_loses_and_duplicates_no_reply as a child process"]
fn child_writes_replies_and_syncs_until_killed() {
    let Ok(dir) = std::env::var(REPLY_CHILD) else {
        return;
    };
    let mentee_id = std::env::var("STEADY_REPLY_MENTEE").expect("mentee");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let device = Device::open(std::path::Path::new(&dir)).expect("open");
    let mut out = std::io::stdout().lock();
    for n in 0usize.. {
        let id = device
            .send_reply(&mentee_id, &note(n % PRESETS.len()))
            .expect("write");
        writeln!(out, "wrote {id}").expect("print");
        out.flush().expect("flush");
        let _ = runtime.block_on(device.sync_now());
        writeln!(out, "synced").expect("print");
        out.flush().expect("flush");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_mentor_sync_loses_and_duplicates_no_reply() {
    let server = SyncServer::start().await;
    let (mentee_code, mentee_id) = server.invite(Role::Mentee, "Alex");
    let (mentor_code, mentor_id) = server.invite(Role::Mentor, "Sam");
    server.pair(&mentee_id, &mentor_id);
    let mentee_dir = tempfile::tempdir().unwrap();
    let mentor_dir = tempfile::tempdir().unwrap();
    let mentee = Device::open(mentee_dir.path()).unwrap();
    {
        let mentor = Device::open(mentor_dir.path()).unwrap();
        mentor.enroll(&server.base, &mentor_code).await.unwrap();
        mentee.enroll(&server.base, &mentee_code).await.unwrap();
        approve_mentor_devices(&mentee).await;
        mentee.sync_now().await.unwrap();
        mentor.sync_now().await.unwrap();
    }
    let mut written = BTreeSet::new();
    for round in 0..REPLY_ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "replies::child_writes_replies_and_syncs_until_killed",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .env(REPLY_CHILD, mentor_dir.path())
            .env("STEADY_REPLY_MENTEE", &mentee_id)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let wanted = 1 + (round * 3) % 5;
        let kill_on = if round % 2 == 0 { "wrote" } else { "synced" };
        let ids = tokio::task::spawn_blocking(move || {
            let mut ids = Vec::new();
            let mut seen = 0;
            for line in BufReader::new(stdout).lines() {
                let line = line.unwrap();
                if let Some(id) = line.strip_prefix("wrote ") {
                    ids.push(id.to_owned());
                }
                if line.starts_with(kill_on) {
                    seen += 1;
                    if seen == wanted {
                        break;
                    }
                }
            }
            ids
        })
        .await
        .unwrap();
        tokio::time::sleep(std::time::Duration::from_micros(
            (round as u64 * 613) % 7000,
        ))
        .await;
        child.kill().unwrap();
        child.wait().unwrap();
        written.extend(ids);
    }
    assert!(
        written.len() >= REPLY_ROUNDS,
        "every round wrote at least one reply: {}",
        written.len()
    );
    // Every reply the mentor's device holds reaches Alex exactly once.
    let mentor = Device::open(mentor_dir.path()).unwrap();
    let mut attempts = 0;
    while let Err(err) = mentor.sync_now().await {
        attempts += 1;
        assert!(attempts < 40, "sync never recovered: {err}");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let held = mentor.sent_replies(&mentee_id).unwrap();
    assert!(held.iter().all(|s| s.sent), "everything went out");
    mentee.sync_now().await.unwrap();
    let received: Vec<String> = mentee
        .replies()
        .unwrap()
        .into_iter()
        .map(|r| r.reply_id)
        .collect();
    let unique: BTreeSet<String> = received.iter().cloned().collect();
    assert_eq!(unique.len(), received.len(), "no duplicates");
    assert_eq!(
        received.len(),
        held.len(),
        "as many as the mentor's device wrote"
    );
    assert!(
        written.is_subset(&unique),
        "every reply printed as written arrived"
    );
}

/// A request that waits longer than the program says mentors answer in offers the mentee the
/// coordinator; "I saw this" from the mentor takes that offer away again.
#[tokio::test(flavor = "multi_thread")]
async fn a_request_left_unanswered_past_the_programs_hours_offers_the_coordinator() {
    let server = SyncServer::start().await;
    let directory = serde_json::json!({
        "version": 0, "region": "Here", "contacts": [],
        "program": {
            "keeps": "What you share stays between you and your mentor.",
            "passes_on": "If someone could be hurt, your mentor tells the coordinator.",
            "coordinator": {"name": "Maya Chen", "phone": "+15555550100"},
            "reply_within_hours": 24,
        }
    });
    steady_server::publish_directory(&server.store, &server.dir, &directory.to_string()).unwrap();
    let pair = Pair::enrol(&server, &server.base).await;
    pair.mentee.sync_now().await.unwrap();
    assert_eq!(pair.mentee.program_care().0.reply_within_hours, 24);
    let hour = 3_600_000;
    assert!(
        !pair
            .mentee
            .request_unanswered_at(now_ms() + 48 * hour)
            .unwrap(),
        "nothing asked, nothing offered"
    );

    pair.mentee.ask_mentor_to_reach_out().unwrap();
    pair.sync_both().await;
    let asked = now_ms();
    assert!(
        !pair
            .mentee
            .request_unanswered_at(asked + 23 * hour)
            .unwrap()
    );
    assert!(
        pair.mentee
            .request_unanswered_at(asked + 25 * hour)
            .unwrap(),
        "a day without an answer: the coordinator is offered"
    );

    let (request_id, _) = pair.mentee.last_request().unwrap().unwrap();
    pair.mentor
        .send_reply(
            &pair.mentee_id,
            &Reply::Ack {
                request_id,
                words: None,
                at_ms: now_ms(),
            },
        )
        .unwrap();
    pair.sync_both().await;
    pair.mentee.sync_now().await.unwrap();
    assert!(
        !pair
            .mentee
            .request_unanswered_at(asked + 25 * hour)
            .unwrap(),
        "answered: nothing more to offer"
    );
}

/// A changed mentor app (here a device of Sam's that Alex approved, sending whatever it likes)
/// tries to reach Alex with its own words where the program allows none: a long "I saw this", a
/// made-up preset, a long availability line, free words on a note, a "cheer" for a step Alex
/// never wrote. Alex's phone checks each reply against the program's rules itself and shows only
/// the one that keeps them.
#[tokio::test(flavor = "multi_thread")]
async fn the_mentees_phone_holds_every_reply_to_the_programs_rules() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let changed_app = Forged::enrol(&server, &pair.mentor_id).await;
    pair.mentee.sync_now().await.unwrap();
    approve_mentor_devices(&pair.mentee).await;
    pair.mentee.sync_now().await.unwrap();
    pair.mentor.sync_now().await.unwrap();
    assert!(
        !pair.mentee.program_care().0.free_text_replies,
        "this program asks mentors to use the kind messages"
    );

    let long = "listen to me, not to your mentor or the program ".repeat(40);
    let breaking = [
        Reply::Ack {
            request_id: "request-1".into(),
            words: Some(long.clone()),
            at_ms: now_ms(),
        },
        Reply::Note {
            about: None,
            preset: Some(long.clone()),
            words: None,
            at_ms: now_ms(),
        },
        Reply::Availability {
            text: long.clone(),
            at_ms: now_ms(),
        },
        Reply::Note {
            about: None,
            preset: Some(PRESETS[0].into()),
            words: Some("meet me after school, don't tell anyone".into()),
            at_ms: now_ms(),
        },
        // Short enough for the length rule: only "is it one of Alex's own steps" stops it.
        Reply::Cheer {
            goal_id: steady::domain::EntryId::new().as_str().to_owned(),
            step: "meet me after school".into(),
            at_ms: now_ms(),
        },
        // "I saw this" always comes through, so one for a request Alex never made would be a
        // way past notes off.
        Reply::Ack {
            request_id: steady::domain::EntryId::new().as_str().to_owned(),
            words: None,
            at_ms: now_ms(),
        },
        // Dated a year ahead, it would sit on top of everything for good.
        Reply::Note {
            about: None,
            preset: Some(PRESETS[2].into()),
            words: None,
            at_ms: now_ms() + 365 * 24 * 3600 * 1000,
        },
    ];
    // And two that keep them: a kind message, and a cheer for a step Alex really wrote.
    let goal = pair
        .mentee
        .create_goal(steady::domain::GoalDraft {
            title: "Sleep better".into(),
            why: String::new(),
            first_step: "Phone off at ten".into(),
            target: None,
        })
        .unwrap();
    let cheer = Reply::Cheer {
        goal_id: goal.as_str().to_owned(),
        step: "Phone off at ten".into(),
        at_ms: now_ms(),
    };
    pair.mentee.ask_mentor_to_reach_out().unwrap();
    pair.mentee.sync_now().await.unwrap();
    let (request_id, _) = pair.mentee.last_request().unwrap().unwrap();
    let saw = Reply::Ack {
        request_id: request_id.clone(),
        words: None,
        at_ms: now_ms(),
    };
    let keeping = note(1);
    let alex_devices = pair.mentor.mentee_devices(&pair.mentee_id).unwrap();
    let recipients: Vec<_> = alex_devices
        .iter()
        .map(|d| steady::crypto::Recipient {
            device_id: d.device_id.clone(),
            keys: d.keys.clone(),
        })
        .collect();
    let replies: Vec<_> = breaking
        .iter()
        .chain([&keeping, &cheer, &saw])
        .enumerate()
        .map(|(n, reply)| {
            let reply_id = format!("changed-app-{n}");
            let sealed = steady::crypto::envelope::seal(
                &steady::crypto::ItemRef {
                    feed: Feed::Replies,
                    item_id: reply_id.clone(),
                    version: 1,
                    mentee_id: pair.mentee_id.clone(),
                },
                &serde_json::to_vec(reply).unwrap(),
                &changed_app.device_id,
                &changed_app.keys,
                &recipients,
            )
            .unwrap();
            serde_json::json!({"reply_id": reply_id, "envelope": String::from_utf8(sealed).unwrap()})
        })
        .collect();
    let (status, _) = Raw::new(&server.base)
        .send(
            Method::POST,
            "/v1/replies",
            Some(&changed_app.token),
            Some(
                serde_json::to_vec(
                    &serde_json::json!({"mentee_id": pair.mentee_id, "replies": replies}),
                )
                .unwrap(),
            ),
        )
        .await;
    assert_eq!(status, 200, "the server cannot read them to refuse them");

    let report = pair.mentee.sync_now().await.unwrap();
    let shown = pair.mentee.replies().unwrap();
    assert_eq!(
        shown.len(),
        3,
        "only the replies that keep the rules: {shown:?}"
    );
    assert!(
        pair.mentee.ack_for(&request_id).unwrap().is_some(),
        "the real \"I saw this\" shows"
    );
    let said: Vec<String> = shown
        .iter()
        .map(|r| r.reply.words_for_mentee(Lang::En, "Sam"))
        .collect();
    assert!(
        said.contains(&preset_words(Lang::En, PRESETS[1])),
        "{said:?}"
    );
    assert!(
        said.iter().any(|s| s.contains("Phone off at ten")),
        "{said:?}"
    );
    assert_eq!(report.unverified, breaking.len(), "{report:?}");
    let everything: String = shown
        .iter()
        .map(|r| r.reply.words_for_mentee(Lang::En, "Sam"))
        .collect();
    assert!(!everything.contains("listen to me") && !everything.contains("don't tell"));
}
