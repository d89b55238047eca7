//! The program's duty of care, against a real server and real devices: consent is per mentor (a
//! new mentor starts with nothing; a new device of the same mentor gets what that mentor was
//! given), a match that ends or a device the program removes leaves nothing on the mentor's
//! device, a raised concern reaches only the safeguarding inbox (and the mentee is told, unless
//! the program's policy says otherwise and the concern says why), and no item's kind is readable
//! on the wire or in the server's files.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use steady::crypto::concern::{ConcernBody, concern_message};
use steady::crypto::envelope::check_evidence;
use steady::domain::{GoalDraft, MoodDetails, MoodLevel, ShareKind, ShareMode};
use steady::i18n::{Lang, Phrase};
use steady::state::Device;
use steady::store::NoticeKind;
use steady::sync::protocol::Role;

use crate::common::safeguarding::Inbox;
use crate::common::sync_server::{Pair, RecordingProxy, SyncServer, approve_mentor_devices};

/// A check-in with a note, shared with the mentor(s) the mentee has now.
fn share_check_in(mentee: &Device, note: &str) -> steady::domain::EntryId {
    let entry = mentee.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    mentee
        .save_details(
            &entry.id,
            entry.level,
            MoodDetails {
                emotions: vec!["scared".into()],
                tags: Vec::new(),
                note: Some(note.into()),
            },
        )
        .unwrap();
    mentee
        .set_share(
            ShareKind::Mood,
            entry.id.as_str(),
            ShareMode::Shared,
            "your check-in",
        )
        .unwrap();
    entry.id
}

/// Every file under `dir`, as bytes, recursively.
fn all_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else {
            out.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_mentor_sees_nothing_until_the_mentee_shares_with_them() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = share_check_in(&pair.mentee, "only for Sam");
    pair.sync_both().await;
    assert_eq!(pair.mentor.mentee_items(&pair.mentee_id).unwrap().len(), 1);

    // The match with Sam ends; Ria is paired with Alex.
    assert!(
        server
            .store
            .unpair(&pair.mentee_id, &pair.mentor_id)
            .unwrap()
    );
    let (ria_code, ria_id) = server.invite(Role::Mentor, "Ria");
    server.pair(&pair.mentee_id, &ria_id);
    let ria_dir = tempfile::tempdir().unwrap();
    let ria = Device::open(ria_dir.path()).unwrap();
    ria.enroll(&server.base, &ria_code).await.unwrap();

    // Alex's phone notices the match ended: the check-in is private again, and Alex is told.
    approve_mentor_devices(&pair.mentee).await;
    assert_eq!(
        pair.mentee
            .share_mode(ShareKind::Mood, entry.as_str())
            .unwrap(),
        ShareMode::Private
    );
    let notices = pair.mentee.notices().unwrap();
    assert!(
        notices.iter().any(|n| n.kind == NoticeKind::MatchEnded
            && Phrase::say_text(Lang::En, &n.text).contains("Sam")),
        "{notices:?}"
    );
    pair.mentee.sync_now().await.unwrap();

    // Ria sees nothing of what Alex gave Sam.
    ria.sync_now().await.unwrap();
    assert_eq!(ria.mentees().unwrap().len(), 1);
    assert!(ria.mentee_items(&pair.mentee_id).unwrap().is_empty());

    // Alex shares it with Ria, who now sees it; Sam, unpaired, still sees nothing.
    pair.mentee
        .set_share(
            ShareKind::Mood,
            entry.as_str(),
            ShareMode::Shared,
            "your check-in",
        )
        .unwrap();
    assert_eq!(
        pair.mentee
            .shared_with(ShareKind::Mood, entry.as_str(), Lang::En)
            .unwrap()
            .as_deref(),
        Some("Ria")
    );
    pair.mentee.sync_now().await.unwrap();
    ria.sync_now().await.unwrap();
    let seen = ria.mentee_items(&pair.mentee_id).unwrap();
    assert_eq!(seen.len(), 1);
    assert!(format!("{:?}", seen[0].content).contains("only for Sam"));
    pair.mentor.sync_now().await.unwrap();
    assert!(pair.mentor.mentees().unwrap().is_empty());

    // Ria's second phone gets what Ria was given, once Alex says yes to it.
    let second_code = server.invite_again(&ria_id);
    let second_dir = tempfile::tempdir().unwrap();
    let second = Device::open(second_dir.path()).unwrap();
    second.enroll(&server.base, &second_code).await.unwrap();
    second.sync_now().await.unwrap();
    approve_mentor_devices(&pair.mentee).await;
    pair.mentee.sync_now().await.unwrap();
    second.sync_now().await.unwrap();
    for mentee in second.mentees().unwrap() {
        for device in second.mentee_devices(&mentee.person_id).unwrap() {
            let _ = second.approve_mentee_device(&mentee.person_id, &device.device_id);
        }
    }
    second.sync_now().await.unwrap();
    assert_eq!(second.mentee_items(&pair.mentee_id).unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn during_a_handover_the_incoming_mentor_gets_nothing_the_outgoing_one_was_given() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let for_sam = share_check_in(&pair.mentee, "between me and Sam");
    pair.sync_both().await;
    // Ria joins while Sam is still paired; Alex says yes to Ria's device.
    let (ria_code, ria_id) = server.invite(Role::Mentor, "Ria");
    server.pair(&pair.mentee_id, &ria_id);
    let ria_dir = tempfile::tempdir().unwrap();
    let ria = Device::open(ria_dir.path()).unwrap();
    ria.enroll(&server.base, &ria_code).await.unwrap();
    approve_mentor_devices(&pair.mentee).await;
    pair.mentee.sync_now().await.unwrap();
    ria.sync_now().await.unwrap();
    assert!(
        ria.mentee_items(&pair.mentee_id).unwrap().is_empty(),
        "approving Ria's device sends Ria nothing Alex gave Sam"
    );
    // What Alex shares now goes to both, by name; Sam keeps what was Sam's.
    let for_both = share_check_in(&pair.mentee, "for both of you");
    assert_eq!(
        pair.mentee
            .shared_with(ShareKind::Mood, for_both.as_str(), Lang::En)
            .unwrap()
            .as_deref(),
        Some("Ria and Sam")
    );
    assert_eq!(
        pair.mentee
            .shared_with(ShareKind::Mood, for_sam.as_str(), Lang::En)
            .unwrap()
            .as_deref(),
        Some("Sam")
    );
    pair.mentee.sync_now().await.unwrap();
    ria.sync_now().await.unwrap();
    pair.mentor.sync_now().await.unwrap();
    let ria_sees: Vec<String> = ria
        .mentee_items(&pair.mentee_id)
        .unwrap()
        .iter()
        .map(|i| format!("{:?}", i.content))
        .collect();
    assert_eq!(ria_sees.len(), 1, "{ria_sees:?}");
    assert!(ria_sees[0].contains("for both of you"));
    assert_eq!(pair.mentor.mentee_items(&pair.mentee_id).unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ended_match_leaves_nothing_on_the_mentors_device() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    share_check_in(&pair.mentee, "words only Sam should read");
    pair.sync_both().await;
    assert_eq!(pair.mentor.mentee_items(&pair.mentee_id).unwrap().len(), 1);

    server
        .store
        .unpair(&pair.mentee_id, &pair.mentor_id)
        .unwrap();
    let report = pair.mentor.sync_now().await.unwrap();
    assert_eq!(report.matches_ended, 1);
    assert!(pair.mentor.mentees().unwrap().is_empty());
    assert!(
        pair.mentor
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .is_empty()
    );
    let notices = pair.mentor.notices().unwrap();
    assert!(
        Phrase::say_text(Lang::En, &notices[0].text).contains("Your match with Alex has ended"),
        "{notices:?}"
    );
    // Nothing readable is left in any file of the mentor's device.
    let files = all_bytes(pair.mentor.data_dir());
    assert!(!contains(&files, "words only Sam should read"));
    assert!(!contains(&files, "scared"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_removed_mentor_device_deletes_what_it_held() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    share_check_in(&pair.mentee, "for Sam's phone");
    pair.sync_both().await;
    let device_id = pair.mentor.enrolment().unwrap().unwrap().device_id;
    assert!(server.store.revoke_device(&device_id, 0).unwrap());

    let err = pair.mentor.sync_now().await.unwrap_err();
    assert!(err.to_string().contains("removed this device"), "{err}");
    assert!(pair.mentor.mentees().unwrap().is_empty());
    assert!(
        pair.mentor
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .is_empty()
    );
    assert!(
        pair.mentor
            .notices()
            .unwrap()
            .iter()
            .any(|n| n.kind == NoticeKind::DeviceRemoved)
    );
    assert!(!contains(
        &all_bytes(pair.mentor.data_dir()),
        "for Sam's phone"
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_raised_concern_reaches_only_the_safeguarding_inbox_and_the_mentee_is_told() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    let disclosure = "he hits me when he drinks";
    let entry = share_check_in(&pair.mentee, disclosure);
    pair.sync_both().await;
    let (care, own) = pair.mentor.program_care();
    assert!(own, "the mentor's phone has the program's statement");
    assert_eq!(care.coordinator.unwrap().name, "Maya Chen");

    // A mentor with no passcode-free shortcut: the concern needs a reason.
    assert!(
        pair.mentor
            .raise_concern(&pair.mentee_id, entry.as_str(), "  ", None)
            .await
            .is_err()
    );
    let reason = "Alex wrote that someone at home hurts them.";
    let raised = pair
        .mentor
        .raise_concern(&pair.mentee_id, entry.as_str(), reason, None)
        .await
        .unwrap();
    assert!(raised.mentee_told);
    assert_eq!(raised.passed_to, inbox.name);

    // The server holds it sealed: no word of it in its files, and only the inbox opens it.
    let files = server.file_bytes();
    for secret in [disclosure, reason, "scared"] {
        assert!(
            !contains(&files, secret),
            "{secret} is readable on the server"
        );
    }
    let concerns = server.store.concerns().unwrap();
    assert_eq!(concerns.len(), 1);
    assert_eq!(concerns[0].mentee_name, "Alex");
    assert_eq!(concerns[0].mentor_name, "Sam");
    let other = Inbox::set_up(&server, "Someone else");
    assert!(
        other.open(&concerns[0].sealed).is_err(),
        "another key can't open it"
    );
    let signed = inbox.open(&concerns[0].sealed).unwrap();
    let body: ConcernBody = serde_json::from_str(&signed.body).unwrap();
    assert_eq!(body.reason, reason);
    assert!(body.content.contains(disclosure));
    assert_eq!(body.kind, "mood");
    // Checked against the mentee's own signature, and the mentor's device signed the concern.
    let mentee_key = steady::crypto::PublicKeys::from_slices(
        &B64.decode(&body.mentee_device_key).unwrap(),
        &[0; 32],
    )
    .unwrap();
    let opened = check_evidence(&body.evidence, &mentee_key).unwrap();
    assert_eq!(
        String::from_utf8(opened.payload.unwrap()).unwrap(),
        body.content
    );
    let mentor_key = steady::crypto::PublicKeys::from_slices(
        &B64.decode(&concerns[0].device_key).unwrap(),
        &[0; 32],
    )
    .unwrap();
    assert!(mentor_key.verifies(
        &concern_message(&signed.body),
        &B64.decode(&signed.signature).unwrap()
    ));

    // The mentee is told, in words, when and to whom.
    pair.mentee.sync_now().await.unwrap();
    let told: Vec<_> = pair
        .mentee
        .notices()
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NoticeKind::PassedOn)
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    let said = Phrase::say_text(Lang::En, &told[0].text);
    assert!(
        said.contains("Sam passed on your check-in to Dana Lee"),
        "{said}"
    );
    // The server serves the same signed notice again under new ids: Alex is told once.
    server
        .execute_sql(
            "INSERT INTO notices (mentee_id, notice, created_at)
             SELECT mentee_id, notice, created_at FROM notices;
             INSERT INTO notices (mentee_id, notice, created_at)
             SELECT mentee_id, notice, created_at FROM notices;",
        )
        .unwrap();
    pair.mentee.sync_now().await.unwrap();
    let told_now = pair
        .mentee
        .notices()
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NoticeKind::PassedOn)
        .count();
    assert_eq!(told_now, 1, "a replayed notice is not news");
    // And the audit log says it happened, without what it said.
    let audit = server.store.audit_log(20).unwrap();
    let line = audit
        .iter()
        .find(|l| l.action == "raised a concern")
        .unwrap();
    assert_eq!(Phrase::say_text(Lang::En, &line.staff), "Sam (mentor)");
    assert_eq!(
        Phrase::say_text(Lang::En, &line.detail),
        "about Alex; they were told"
    );
    // Kept as words to say, so a console read in Spanish says them in Spanish.
    assert_eq!(
        Phrase::say_text(Lang::Es, &line.detail),
        "sobre Alex; se le avisó"
    );
    assert!(!format!("{audit:?}").contains(disclosure));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_concern_the_mentee_is_not_told_of_says_why_and_sends_no_notice() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = share_check_in(&pair.mentee, "please don't tell anyone");
    pair.sync_both().await;
    let why = "Alex's phone is checked by the person Alex is afraid of.";
    let raised = pair
        .mentor
        .raise_concern(
            &pair.mentee_id,
            entry.as_str(),
            "Alex may be in danger.",
            Some(why),
        )
        .await
        .unwrap();
    assert!(!raised.mentee_told);
    let concerns = server.store.concerns().unwrap();
    assert!(!concerns[0].mentee_told);
    let body: ConcernBody =
        serde_json::from_str(&inbox.open(&concerns[0].sealed).unwrap().body).unwrap();
    assert_eq!(body.not_told_because, why);
    pair.mentee.sync_now().await.unwrap();
    assert!(
        pair.mentee
            .notices()
            .unwrap()
            .iter()
            .all(|n| n.kind != NoticeKind::PassedOn)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_refuses_concerns_from_the_wrong_people_and_forged_notices() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee");
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = share_check_in(&pair.mentee, "a note");
    pair.sync_both().await;
    let hostile = crate::common::hostile::Raw::new(&server.base);
    let token = crate::common::hostile::token(&pair.mentor);
    let sealed = serde_json::to_string(
        &steady::crypto::concern::seal_concern(
            &steady::crypto::concern::parse_public_key(&inbox.public_b64).unwrap(),
            b"{}",
        )
        .unwrap(),
    )
    .unwrap();
    let request = |mentee: &str, key: &str, notice: serde_json::Value| {
        serde_json::json!({
            "mentee_id": mentee, "sealed": sealed, "safeguarding_key": key, "notice": notice,
        })
        .to_string()
    };
    // Not this mentor's mentee: it looks like nobody.
    let post = |token: String, body: String| {
        let hostile = &hostile;
        async move {
            hostile
                .send(
                    reqwest::Method::POST,
                    "/v1/concerns",
                    Some(&token),
                    Some(body.into_bytes()),
                )
                .await
        }
    };
    let (status, _) = post(
        token.clone(),
        request("someone-else", &inbox.public_b64, serde_json::Value::Null),
    )
    .await;
    assert_eq!(status, 404);
    // A stale key: the phone is told to sync first.
    let (status, body) = post(
        token.clone(),
        request(&pair.mentee_id, "AAAA", serde_json::Value::Null),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    // A notice that claims another device, or is not signed by this one, is refused.
    let forged = serde_json::json!({
        "device_id": "another-device",
        "notice": format!(r#"{{"kind":"passed_on","mentee_id":"{}","item_id":"{}","passed_to":"x","at_ms":0}}"#, pair.mentee_id, entry.as_str()),
        "signature": B64.encode([0u8; 64]),
    });
    let (status, _) = post(
        token.clone(),
        request(&pair.mentee_id, &inbox.public_b64, forged),
    )
    .await;
    assert_eq!(status, 400);
    // A mentee can't raise concerns at all.
    let mentee_token = crate::common::hostile::token(&pair.mentee);
    let (status, _) = post(
        mentee_token,
        request(&pair.mentee_id, &inbox.public_b64, serde_json::Value::Null),
    )
    .await;
    assert_eq!(status, 403);
    // Not one was kept.
    assert!(server.store.concerns().unwrap().is_empty());
}

/// Reports are about a note a mentor sent: a mentee paired with nobody cannot file them against
/// a mentor who never wrote to them, and one phone cannot bury the inbox: a few wait at a time,
/// and the inbox shows them a page at a time, those not yet handled first.
#[tokio::test(flavor = "multi_thread")]
async fn reports_need_a_mentor_who_wrote_and_cannot_flood_the_inbox() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee");
    let pair = Pair::enrol(&server, &server.base).await;
    pair.mentee.sync_now().await.unwrap();
    let hostile = crate::common::hostile::Raw::new(&server.base);
    let sealed = serde_json::to_string(
        &steady::crypto::concern::seal_concern(
            &steady::crypto::concern::parse_public_key(&inbox.public_b64).unwrap(),
            b"{}",
        )
        .unwrap(),
    )
    .unwrap();
    let report = |token: String, mentor: String| {
        let hostile = &hostile;
        let body = serde_json::json!({
            "mentor_id": mentor, "sealed": sealed, "safeguarding_key": inbox.public_b64,
        })
        .to_string();
        async move {
            hostile
                .send(
                    reqwest::Method::POST,
                    "/v1/reports",
                    Some(&token),
                    Some(body.into_bytes()),
                )
                .await
                .0
        }
    };

    // A mentee paired with nobody, against a mentor who never wrote to them: "not found".
    let (code, _) = server.invite(Role::Mentee, "Jo");
    let loner_dir = tempfile::tempdir().unwrap();
    let loner = Device::open(loner_dir.path()).unwrap();
    loner.enroll(&server.base, &code).await.unwrap();
    let loner_token = crate::common::hostile::token(&loner);
    for _ in 0..3 {
        assert_eq!(
            report(loner_token.clone(), pair.mentor_id.clone()).await,
            404
        );
    }
    assert!(server.store.concerns().unwrap().is_empty());

    // Sam sends Alex a kind note (once Sam's phone knows Alex's: on PostgreSQL the server's
    // listing follows the database's notifications, a moment behind).
    for _ in 0..50 {
        pair.mentor.sync_now().await.unwrap();
        if !pair
            .mentor
            .mentee_devices(&pair.mentee_id)
            .unwrap()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    pair.mentor
        .send_reply(
            &pair.mentee_id,
            &steady::domain::Reply::Note {
                about: None,
                preset: Some(steady::domain::replies::PRESETS[0].into()),
                words: None,
                at_ms: 0,
            },
        )
        .unwrap();
    pair.mentor.sync_now().await.unwrap();

    // Alex may report Sam (paired): ten wait at a time, then the phone is told plainly.
    let alex_token = crate::common::hostile::token(&pair.mentee);
    for _ in 0..steady_server::MAX_OPEN_REPORTS {
        assert_eq!(
            report(alex_token.clone(), pair.mentor_id.clone()).await,
            204
        );
    }
    let (status, said) = hostile
        .send(
            reqwest::Method::POST,
            "/v1/reports",
            Some(&alex_token),
            Some(
                serde_json::json!({
                    "mentor_id": pair.mentor_id, "sealed": sealed,
                    "safeguarding_key": inbox.public_b64,
                })
                .to_string()
                .into_bytes(),
            ),
        )
        .await;
    assert_eq!(status, 429);
    assert!(
        format!("{said:?}").contains("haven't been looked at yet"),
        "{said:?}"
    );
    // The limit is per mentor: Alex can still report Ray, their other mentor.
    let (_, ray) = server.invite(Role::Mentor, "Ray");
    server.pair(&pair.mentee_id, &ray);
    assert_eq!(report(alex_token.clone(), ray.clone()).await, 204);
    // Staff handle one, then the match ends: Alex can still report the note Sam sent, and Jo
    // still cannot report Sam, who never wrote to Jo.
    let about_sam = server
        .store
        .concerns()
        .unwrap()
        .into_iter()
        .find(|c| c.mentor_id == pair.mentor_id)
        .unwrap();
    server
        .store
        .handle_concern(&about_sam.id, "Dana", 0, &crate::common::TEST_AUDIT)
        .unwrap();
    server.execute_sql("DELETE FROM pairings").unwrap();
    assert_eq!(
        report(alex_token.clone(), pair.mentor_id.clone()).await,
        204
    );
    assert_eq!(
        report(loner_token.clone(), pair.mentor_id.clone()).await,
        404
    );
    assert_eq!(
        server.store.concerns().unwrap().len() as i64,
        steady_server::MAX_OPEN_REPORTS + 2
    );

    // The inbox, a page at a time, the ones not yet handled first (twenty more from others,
    // written straight into the database: enrolling twenty phones here would meet the rate limit).
    for n in 0..20 {
        server
            .execute_sql(&format!(
                "INSERT INTO concerns (id, mentee_id, mentee_name, mentor_id, mentor_name,
                     device_id, device_key, key_id, sealed, mentee_told, created_at, kind)
                 VALUES ('other-{n}', 'someone-{n}', 'Kim', '{mentor}', 'Sam', 'd', 'k',
                     (SELECT id FROM safeguarding_keys LIMIT 1), '{{}}', 1 = 1, {n}, 'report')",
                mentor = pair.mentor_id
            ))
            .unwrap();
    }
    let (first, total) = server.store.concerns_page(0, 25).unwrap();
    assert_eq!(total, 32);
    assert_eq!(first.len(), 25);
    assert!(
        first.iter().all(|c| c.handled.is_none()),
        "the handled one comes last"
    );
    let (rest, _) = server.store.concerns_page(25, 25).unwrap();
    assert_eq!(rest.len(), 7);
    assert!(rest.last().unwrap().handled.is_some());

    // As the safeguarding lead sees it.
    steady_server::add_staff(
        &server.store,
        &server.dir,
        "Dana",
        crate::common::console::PASSWORD,
    )
    .unwrap();
    steady_server::set_safeguarding(&server.store, &server.dir, "Dana", true).unwrap();
    let console = crate::common::console::Console::new(&server);
    let dana = console.sign_in("Dana").await;
    let (_, page) = console.get("/staff/safeguarding", &dana.cookie).await;
    assert_eq!(page.matches("data-concern=").count(), 25);
    assert!(page.contains("1–25 of 32"), "{page}");
    assert!(page.contains("/staff/safeguarding?page=2") && !page.contains("?page=0"));
    let (_, page) = console
        .get("/staff/safeguarding?page=2", &dana.cookie)
        .await;
    assert_eq!(page.matches("data-concern=").count(), 7);
    assert!(page.contains("26–32 of 32"));
    assert!(page.contains("?page=1") && !page.contains("?page=3"));
    let (status, page) = console
        .get("/staff/safeguarding?page=lots", &dana.cookie)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("1–25 of 32"));
}

#[tokio::test(flavor = "multi_thread")]
async fn no_item_kind_is_readable_on_the_wire_or_in_the_servers_files() {
    let server = SyncServer::start().await;
    let proxy = RecordingProxy::start(&server.base).await;
    let pair = Pair::enrol(&server, &proxy.url).await;
    // A check-in with no words, a nudge, a goal and the safety plan.
    let entry = pair.mentee.log_mood(MoodLevel::new(1).unwrap()).unwrap();
    pair.mentee
        .set_share(
            ShareKind::Mood,
            entry.id.as_str(),
            ShareMode::Shared,
            "your check-in",
        )
        .unwrap();
    pair.mentee.ask_mentor_to_reach_out().unwrap();
    let goal = pair
        .mentee
        .create_goal(GoalDraft {
            title: "Sleep more".into(),
            why: String::new(),
            first_step: String::new(),
            target: None,
        })
        .unwrap();
    pair.mentee
        .set_share(
            ShareKind::Goal,
            goal.as_str(),
            ShareMode::Shared,
            "your goal",
        )
        .unwrap();
    pair.mentee.share_safety_plan(true).unwrap();
    pair.mentee.sync_now().await.unwrap();

    let sent = proxy.sent_text();
    let stored = server.file_bytes();
    for word in [
        "safety-plan",
        "safety_plan",
        "contact_request",
        "\"mood\"",
        "\"goal\"",
        "Sleep more",
    ] {
        assert!(!sent.contains(word), "{word} was readable on the wire");
        assert!(
            !contains(&stored, word),
            "{word} is readable in the server's files"
        );
    }
    // A nudge and a bare check-in are the same size sealed: size doesn't tell them apart.
    let mentor_seen = pair.mentor.sync_now().await.unwrap();
    assert_eq!(mentor_seen.received, 4);
    let mut lengths = Vec::new();
    let mut rest = sent.as_str();
    while let Some(at) = rest.find("\"envelope\":\"") {
        rest = &rest[at + 12..];
        let end = rest.find('"').unwrap();
        lengths.push(end);
        rest = &rest[end..];
    }
    assert_eq!(lengths.len(), 4, "{lengths:?}");
    let smallest = *lengths.iter().min().unwrap();
    assert!(
        lengths.iter().filter(|l| **l == smallest).count() >= 3,
        "the check-in, the nudge and the short goal look alike: {lengths:?}"
    );
}

/// The Publish form as a staff member's browser has it: its CSRF token and the fingerprint of
/// what the page showed would be published.
async fn publish_form(
    console: &crate::common::console::Console,
    cookie: &str,
) -> (String, String, String) {
    let (status, page) = console.get("/staff/directory", cookie).await;
    assert_eq!(status, 200);
    let start = page.find("id=\"publish-form\"").expect("the Publish form");
    let form = &page[start..];
    let value = |name: &str| {
        let at = form.find(&format!("name=\"{name}\"")).unwrap();
        let rest = &form[at..];
        let v = rest.find("value=\"").unwrap() + 7;
        rest[v..v + rest[v..].find('"').unwrap()].to_owned()
    };
    (value("csrf"), value("shown"), page)
}

async fn press_publish(
    console: &crate::common::console::Console,
    cookie: &str,
    csrf: &str,
    shown: &str,
) -> (u16, String) {
    let response = console
        .http
        .post(format!("{}/staff/directory/publish", console.base))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(crate::common::console::form(&[
            ("csrf", csrf),
            ("shown", shown),
        ]))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Someone who can write to the server's database (but holds no `program.key`) adds a
/// safeguarding key of their own. An ordinary Publish by any staff member carries forward where
/// concerns go as the program last signed it: the mentor's phone still seals to the lead's key,
/// the server takes that concern, and only the lead's inbox opens it.
#[tokio::test(flavor = "multi_thread")]
async fn a_key_written_into_the_database_does_not_change_where_concerns_go() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = share_check_in(&pair.mentee, "he hits me when he drinks");
    pair.sync_both().await;

    let thief = x25519_dalek::StaticSecret::from(steady::crypto::random_bytes().unwrap());
    let thief_public = B64.encode(x25519_dalek::PublicKey::from(&thief).to_bytes());
    server
        .execute_sql(&format!(
            "INSERT INTO safeguarding_keys (public_key, wrapped, contact_name, created_at, created_by)
             VALUES ('{thief_public}', '{{}}', 'Dana Lee, safeguarding lead', 4102444800, 'Dana')"
        ))
        .unwrap();
    steady_server::add_staff(
        &server.store,
        &server.dir,
        "Lee",
        crate::common::console::PASSWORD,
    )
    .unwrap();
    let console = crate::common::console::Console::new(&server);
    let lee = console.sign_in("Lee").await;
    let (csrf, shown, page) = publish_form(&console, &lee.cookie).await;
    assert!(
        page.contains("concerns go to Dana Lee, safeguarding lead"),
        "{page}"
    );
    let (status, said) = press_publish(&console, &lee.cookie, &csrf, &shown).await;
    assert_eq!(status, 200, "{said}");
    pair.sync_both().await;
    assert_eq!(
        pair.mentor.program_care().0.safeguarding.unwrap().key,
        inbox.public_b64,
        "the mentor's phone still seals concerns to the lead's key"
    );
    pair.mentor
        .raise_concern(
            &pair.mentee_id,
            entry.as_str(),
            "Alex is scared to go home.",
            None,
        )
        .await
        .expect("the server takes a concern sealed to the key the program signed");
    let concerns = server.store.concerns().unwrap();
    assert_eq!(concerns.len(), 1);
    let opened = inbox
        .open(&concerns[0].sealed)
        .expect("the lead's key opens it");
    assert!(opened.body.contains("scared to go home"));
}

/// What Publish signs is what the person pressing it was shown: a coordinator's number changed in
/// the database after the page was drawn is not signed unseen. The page says so plainly; once
/// shown again (the new number beside the button), it publishes.
#[tokio::test(flavor = "multi_thread")]
async fn publish_signs_only_what_the_page_showed() {
    let server = SyncServer::start().await;
    let mut care = steady::domain::ProgramCare::general();
    care.coordinator = Some(steady::domain::Coordinator {
        name: "Maya Chen".into(),
        phone: "+15550100100".into(),
        email: String::new(),
    });
    server
        .store
        .set_care_draft(
            &serde_json::to_string(&care).unwrap(),
            &crate::common::TEST_AUDIT,
        )
        .unwrap();
    steady_server::add_staff(
        &server.store,
        &server.dir,
        "Lee",
        crate::common::console::PASSWORD,
    )
    .unwrap();
    let console = crate::common::console::Console::new(&server);
    let lee = console.sign_in("Lee").await;
    let (csrf, shown, page) = publish_form(&console, &lee.cookie).await;
    assert!(page.contains("Maya Chen, +15550100100"), "{page}");

    server
        .execute_sql(
            "UPDATE program_care_draft SET care = replace(care, '+15550100100', '+15550199999')",
        )
        .unwrap();
    let (status, said) = press_publish(&console, &lee.cookie, &csrf, &shown).await;
    assert_eq!(status, 409);
    assert!(said.contains("changed since this page was shown"), "{said}");
    assert!(
        said.contains("Maya Chen, +15550199999"),
        "the new number is shown"
    );
    assert_eq!(
        server.store.latest_directory().unwrap(),
        None,
        "nothing published"
    );

    let (csrf, shown, _) = publish_form(&console, &lee.cookie).await;
    let (status, said) = press_publish(&console, &lee.cookie, &csrf, &shown).await;
    assert_eq!(status, 200, "{said}");
    let (_, signed) = server.store.latest_directory().unwrap().unwrap();
    assert!(signed.contains("+15550199999"));
}

/// Delete everything takes what the mentee shared, their devices and their notices off the
/// server, and leaves the program's safeguarding record: a concern raised about them stays in the
/// inbox, still sealed, still opened only by the lead (the phone says so before they confirm).
#[tokio::test(flavor = "multi_thread")]
async fn delete_everything_leaves_the_programs_safeguarding_record() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    let entry = share_check_in(&pair.mentee, "he hits me when he drinks");
    pair.sync_both().await;
    pair.mentor
        .raise_concern(
            &pair.mentee_id,
            entry.as_str(),
            "Alex is scared to go home.",
            None,
        )
        .await
        .unwrap();
    pair.mentee.sync_now().await.unwrap();

    pair.mentee.delete_everything(false).await.unwrap();
    assert!(
        server.store.person(&pair.mentee_id).is_err(),
        "the mentee is gone from the server"
    );
    pair.mentor.sync_now().await.unwrap();
    assert!(
        pair.mentor
            .mentee_items(&pair.mentee_id)
            .unwrap()
            .is_empty()
    );
    let concerns = server.store.concerns().unwrap();
    assert_eq!(concerns.len(), 1, "the program's record stays");
    let opened = inbox.open(&concerns[0].sealed).unwrap();
    assert!(opened.body.contains("scared to go home"));
    let files = String::from_utf8_lossy(&server.file_bytes()).into_owned();
    assert!(
        !files.contains("he hits me") && !files.contains("scared to go home"),
        "still sealed on disk"
    );
}

/// Where concerns go is pinned on each phone with the program's directory: the first inbox is
/// simply taken, and any later change (a new key, even one the program signed) is told to the
/// mentor and the mentee in words, so a new inbox never takes a concern unseen.
#[tokio::test(flavor = "multi_thread")]
async fn a_change_of_where_concerns_go_is_told_on_every_phone() {
    let server = SyncServer::start().await;
    let _inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    pair.sync_both().await;
    let changed = |device: &Device| -> Vec<String> {
        device
            .notices()
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == NoticeKind::InboxChanged)
            .map(|n| Phrase::say_text(Lang::En, &n.text))
            .collect()
    };
    assert!(
        changed(&pair.mentor).is_empty(),
        "the first inbox is no change"
    );

    let other = x25519_dalek::StaticSecret::from(steady::crypto::random_bytes().unwrap());
    let other = B64.encode(x25519_dalek::PublicKey::from(&other).to_bytes());
    crate::common::safeguarding::publish_inbox(&server, "Robin Park", &other);
    pair.sync_both().await;
    for device in [&pair.mentor, &pair.mentee] {
        let told = changed(device);
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("They now go to Robin Park"), "{}", told[0]);
    }
    // The same inbox in the next version is no news.
    crate::common::safeguarding::publish_inbox(&server, "Robin Park", &other);
    pair.sync_both().await;
    assert_eq!(changed(&pair.mentor).len(), 1);
}

/// Publishing the contacts from the command line (a file with no program part, as in
/// assets/crisis/) keeps where concerns go as the program last signed it; and an old signed
/// directory copied into the database at a higher version is not taken for the newest.
#[tokio::test(flavor = "multi_thread")]
async fn publishing_contacts_keeps_the_inbox_and_an_old_signed_copy_is_not_the_newest() {
    let server = SyncServer::start().await;
    let inbox = Inbox::set_up(&server, "Dana Lee, safeguarding lead");
    let pair = Pair::enrol(&server, &server.base).await;
    let (version, kept) = steady_server::publish_contacts(
        &server.store,
        &server.dir,
        include_str!("../../assets/crisis/default-us.json"),
    )
    .unwrap();
    assert!(kept, "the statement and the inbox are carried forward");
    pair.sync_both().await;
    assert_eq!(pair.mentor.crisis_directory().version, version);
    assert_eq!(
        pair.mentor.program_care().0.safeguarding.unwrap().key,
        inbox.public_b64
    );

    // The version before, signed by the program, copied in as a higher one.
    server
        .execute_sql(&format!(
            "INSERT INTO directory_versions (version, signed, published_at)
             SELECT {}, signed, 0 FROM directory_versions WHERE version = {}",
            version + 1,
            version - 1
        ))
        .unwrap();
    let refused = steady_server::publish_contacts(
        &server.store,
        &server.dir,
        include_str!("../../assets/crisis/default-us.json"),
    )
    .expect_err("an old copy is not the newest");
    assert!(
        refused
            .to_string()
            .contains("does not carry this program's signature")
    );
}
