//! The duty of care in real browsers: a coordinator writes the program's statement and sets up
//! the safeguarding inbox (its key made by this browser's WebCrypto); a mentor reads it in Help,
//! raises a concern from a shared check-in; the mentee sees it was passed on; the safeguarding
//! lead opens it with the passphrase, checked against the mentee's own signature, and marks it
//! handled; staff without the role are kept out.

use steady::domain::{MoodDetails, MoodLevel, ShareKind, ShareMode};
use steady::sync::protocol::Role;

use steady::state::Device;

use crate::common::browser::Browser;
use crate::common::hostile::{Forged, Raw, check_in_payload};
use crate::common::preview::PreviewServer;
use crate::common::sync_server::{SyncServer, approve_mentor_devices};

const PASSPHRASE: &str = "river stones and quiet tea";

async fn sign_in(browser: &Browser, base: &str, name: &str) {
    browser.goto(&format!("{base}/staff/sign-in")).await;
    browser.type_into("#name", name).await;
    browser
        .type_into("#password", "a long staff password\n")
        .await;
    browser.wait_for("#totals").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentor_raises_a_concern_and_only_the_safeguarding_lead_reads_it() {
    let Some(browser) = Browser::start("care_concern").await else {
        return;
    };
    let sync = SyncServer::start().await;
    for name in ["Dana", "Lee"] {
        steady_server::add_staff(&sync.store, &sync.dir, name, "a long staff password").unwrap();
    }
    steady_server::set_safeguarding(&sync.store, &sync.dir, "Dana", true).unwrap();
    let preview = PreviewServer::start().await;
    let (alex_code, alex_id) = sync.invite(Role::Mentee, "Alex");
    let (sam_code, sam_id) = sync.invite(Role::Mentor, "Sam");
    sync.pair(&alex_id, &sam_id);
    let alex = preview.devices.get("alex").unwrap().unwrap();
    let sam = preview.devices.get("sam").unwrap().unwrap();
    sam.enroll(&sync.base, &sam_code).await.unwrap();
    alex.enroll(&sync.base, &alex_code).await.unwrap();
    approve_mentor_devices(&alex).await;

    // The coordinator writes the statement and the steps, then sets up the inbox.
    sign_in(&browser, &sync.base, "Dana").await;
    browser.click("a[href='/staff/care']").await;
    browser.clear_field("#passes_on").await;
    browser
        .type_into(
            "#passes_on",
            "If you or someone else could be badly hurt, your mentor tells Dana, our safeguarding lead.",
        )
        .await;
    browser.type_into("#coordinator_name", "Maya Chen").await;
    browser
        .type_into("#coordinator_phone", "(555) 010-0100")
        .await;
    browser
        .type_into(
            "#escalation",
            "Call Maya the same day.\nWrite down what was said, in their words.",
        )
        .await;
    browser.click("#save-care").await;
    browser.wait_for_text("#notice", "Saved").await;
    browser.click("a[href='/staff/safeguarding']").await;
    browser.wait_for("#safeguarding-setup").await;
    browser
        .type_into("#setup-contact", "Dana Lee, safeguarding lead")
        .await;
    browser.type_into("#setup-passphrase", PASSPHRASE).await;
    browser.type_into("#setup-again", PASSPHRASE).await;
    browser.click("#setup-inbox").await;
    browser.wait_for("#safeguarding-open").await;
    browser
        .wait_for_text("#no-concerns", "No concerns yet")
        .await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    // Setting the inbox up published where concerns go, and nothing else: the statement goes
    // out when Dana publishes it, beside the contacts, on the page that shows them all.
    browser.click("a[href='/staff/care']").await;
    browser.click("#publish-care").await;
    browser.click("#publish").await;
    browser.wait_for_text("#notice", "Published").await;

    // Alex shares a check-in; both phones sync and get the program's statement.
    let entry = alex.log_mood(MoodLevel::new(1).unwrap()).unwrap();
    alex.save_details(
        &entry.id,
        entry.level,
        MoodDetails {
            emotions: vec!["scared".into()],
            tags: Vec::new(),
            note: Some("I don't want to go home tonight".into()),
        },
    )
    .unwrap();
    alex.set_share(
        ShareKind::Mood,
        entry.id.as_str(),
        ShareMode::Shared,
        "your check-in",
    )
    .unwrap();
    alex.sync_now().await.unwrap();
    sam.sync_now().await.unwrap();
    assert_eq!(
        alex.program_care().0.passes_on,
        "If you or someone else could be badly hurt, your mentor tells Dana, our safeguarding lead."
    );

    // Sam reads what to do in Help, then raises a concern from the check-in.
    sam.set_passcode(None, "sam keeps it safe", "sam keeps it safe")
        .unwrap();
    browser.open(&preview.device_url("sam")).await;
    browser.unlock("sam keeps it safe").await;
    browser.tab("Help").await;
    browser.wait_for_text("#coordinator", "Maya Chen").await;
    browser
        .wait_for("#coordinator a[href='tel:+15550100100']")
        .await;
    browser
        .wait_for_text("#escalation", "Write down what was said")
        .await;
    browser
        .wait_for_text("#mentor-care", "What you must pass on")
        .await;
    browser.tab("Mentees").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.click("article.card button.raise-concern").await;
    browser
        .type_into(
            "textarea.concern-reason",
            "Alex doesn't feel safe going home tonight.",
        )
        .await;
    browser.click("button.send-concern").await;
    browser
        .wait_for_text(".concern-sent", "Passed on to Dana Lee, safeguarding lead")
        .await;
    browser
        .wait_for_text(".passed-on", "You passed this on")
        .await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));

    // Alex is told, in the sharing log, when and to whom.
    alex.sync_now().await.unwrap();
    browser.open(&preview.device_url("alex")).await;
    browser.tab("Sharing").await;
    browser
        .wait_for_text("#notices", "Sam passed on your check-in to Dana Lee")
        .await;
    // Deleting everything would leave that record with the program, and Alex is told so first.
    browser.click("#open-privacy").await;
    browser.click("#delete-all").await;
    browser
        .wait_for_text("#delete-keeps-safeguarding", "the program keeps that note")
        .await;
    browser.click("#keep-data").await;

    // The safeguarding lead opens it here; a wrong passphrase shows nothing.
    browser
        .goto(&format!("{}/staff/safeguarding", sync.base))
        .await;
    browser.wait_for("li[data-concern]").await;
    browser
        .wait_for_text("li[data-concern] h2", "About Alex, from Sam")
        .await;
    let page = browser.js("return document.body.innerText;", vec![]).await;
    assert!(
        !page.as_str().unwrap().contains("go home"),
        "sealed until opened"
    );
    browser
        .type_into("#open-passphrase", "not the passphrase")
        .await;
    browser.click("#open-concerns").await;
    browser
        .wait_for_text("#open-status", "doesn't open the inbox")
        .await;
    browser.clear_field("#open-passphrase").await;
    browser.type_into("#open-passphrase", PASSPHRASE).await;
    browser.click("#open-concerns").await;
    browser
        .wait_for_text(
            "li[data-concern] .concern-reason",
            "doesn't feel safe going home",
        )
        .await;
    browser
        .wait_for_text(
            "li[data-concern] .concern-content",
            "I don't want to go home tonight",
        )
        .await;
    browser
        .wait_for_text(
            "li[data-concern] .verify",
            "Checked: this is exactly what Alex's phone signed.",
        )
        .await;
    browser.screenshot("safeguarding-inbox").await;
    browser.click("li[data-concern] button.mark-handled").await;
    browser
        .wait_for_text("li[data-concern] .handled", "Handled by Dana")
        .await;
    browser.click("a[href='/staff/audit']").await;
    for action in [
        "set up the safeguarding inbox",
        "raised a concern",
        "opened the safeguarding inbox",
        "marked a concern handled",
    ] {
        browser.wait_for_text("#audit", action).await;
    }

    // Staff without the role never see the inbox.
    browser.click("form[action='/staff/sign-out'] button").await;
    sign_in(&browser, &sync.base, "Lee").await;
    browser.click("a[href='/staff/safeguarding']").await;
    browser.wait_for_text("h1", "Safeguarding staff only").await;
    assert_eq!(browser.count("li[data-concern]").await, 0);
    // The audit log tells Lee a concern was raised, not about whom or whether they were told.
    browser.goto(&format!("{}/staff/audit", sync.base)).await;
    browser.wait_for_text("#audit", "raised a concern").await;
    browser
        .wait_for_text("#audit", "shown to safeguarding staff only")
        .await;
    let audit = browser
        .js("return document.getElementById('audit').innerText;", vec![])
        .await;
    let audit = audit.as_str().unwrap();
    assert!(
        !audit.contains("about Alex") && !audit.contains("not told"),
        "{audit}"
    );

    // A changed mentor app makes up evidence: an envelope "from Alex's phone", signed with a
    // key of its own, and names that key as Alex's in the sealed body. The inbox checks the
    // signature against the keys the program enrolled for Alex, so it is not "Checked".
    forge_evidence_of_alex(&sync, &alex, &alex_id, &sam_id).await;
    browser.goto(&format!("{}/staff", sync.base)).await;
    browser.click("form[action='/staff/sign-out'] button").await;
    sign_in(&browser, &sync.base, "Dana").await;
    browser.click("a[href='/staff/safeguarding']").await;
    browser.wait_for("li[data-concern]").await;
    browser.type_into("#open-passphrase", PASSPHRASE).await;
    browser.click("#open-concerns").await;
    browser
        .wait_for_text("li[data-concern] .concern-reason", "made-up words")
        .await;
    browser
        .wait_for_text(
            "li[data-concern] .verify",
            "Could not verify this against Alex's own signature: it was not signed by a device the program enrolled for them.",
        )
        .await;
    browser.finish().await;
}

/// What a changed mentor app could send as a concern about Alex: evidence signed by a key it
/// made, under the id of Alex's real phone, with that key put in the body as Alex's.
async fn forge_evidence_of_alex(sync: &SyncServer, alex: &Device, alex_id: &str, sam_id: &str) {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use steady::crypto::envelope::{Feed, open_with_evidence, seal};
    use steady::crypto::{DeviceKeys, ItemRef, Recipient};

    let changed_app = Forged::enrol(sync, sam_id).await;
    let made_up = DeviceKeys::generate().unwrap();
    let alex_phone = alex.enrolment().unwrap().unwrap().device_id;
    let item = steady::domain::EntryId::new().as_str().to_owned();
    let content = check_in_payload("I want to hurt someone");
    let envelope = seal(
        &ItemRef {
            feed: Feed::Shared,
            item_id: item.clone(),
            version: 1,
            mentee_id: alex_id.to_owned(),
        },
        &content,
        &alex_phone,
        &made_up,
        &[Recipient {
            device_id: changed_app.device_id.clone(),
            keys: changed_app.keys.public(),
        }],
    )
    .unwrap();
    let (_, evidence) = open_with_evidence(
        &envelope,
        Feed::Shared,
        &item,
        alex_id,
        &changed_app.device_id,
        &changed_app.keys,
        |_| Some(made_up.public()),
    )
    .unwrap();
    let body = serde_json::json!({
        "v": 1, "raised_at_ms": chrono::Utc::now().timestamp_millis(),
        "mentee_id": alex_id, "mentee_name": "Alex", "mentor_id": sam_id, "mentor_name": "Sam",
        "mentor_device": changed_app.device_id, "reason": "made-up words",
        "mentee_told": false, "not_told_because": "made up", "kind": "mood",
        "content": String::from_utf8(content).unwrap(), "evidence": evidence,
        "mentee_device": alex_phone, "mentee_device_key": B64.encode(made_up.public().signing),
    })
    .to_string();
    let signed = serde_json::json!({
        "body": body,
        "signature": B64.encode(changed_app.keys.sign(&steady::crypto::concern::concern_message(&body))),
    });
    let key = alex.program_care().0.safeguarding.unwrap().key;
    let public = steady::crypto::concern::parse_public_key(&key).unwrap();
    let sealed =
        steady::crypto::concern::seal_concern(&public, signed.to_string().as_bytes()).unwrap();
    let request = serde_json::json!({
        "mentee_id": alex_id, "sealed": serde_json::to_string(&sealed).unwrap(),
        "safeguarding_key": key,
    });
    let (status, answer) = Raw::new(&sync.base)
        .send(
            reqwest::Method::POST,
            "/v1/concerns",
            Some(&changed_app.token),
            Some(request.to_string().into_bytes()),
        )
        .await;
    assert!(status.is_success(), "{status} {answer:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn alex_asks_sam_says_he_saw_it_and_alex_turns_notes_off() {
    let Some(browser) = Browser::start("replies_flow").await else {
        return;
    };
    let sync = SyncServer::start().await;
    let preview = PreviewServer::start().await;
    let (alex_code, alex_id) = sync.invite(Role::Mentee, "Alex");
    let (sam_code, sam_id) = sync.invite(Role::Mentor, "Sam");
    sync.pair(&alex_id, &sam_id);
    let alex = preview.devices.get("alex").unwrap().unwrap();
    let sam = preview.devices.get("sam").unwrap().unwrap();
    sam.enroll(&sync.base, &sam_code).await.unwrap();
    alex.enroll(&sync.base, &alex_code).await.unwrap();
    approve_mentor_devices(&alex).await;
    sam.set_passcode(None, "sam keeps it safe", "sam keeps it safe")
        .unwrap();
    sam.sync_now().await.unwrap();

    // Alex asks, from Sharing.
    browser.open(&preview.device_url("alex")).await;
    browser.tab("Sharing").await;
    browser.click("#ask-mentor").await;
    browser.click("#ask-confirm").await;
    browser.wait_for("#ask-sent").await;
    alex.sync_now().await.unwrap();
    sam.sync_now().await.unwrap();

    // Sam sees the request and answers with one tap.
    browser.open(&preview.device_url("sam")).await;
    browser.unlock("sam keeps it safe").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.wait_for("#contact-request").await;
    browser.click("#contact-request button.send-ack").await;
    browser
        .wait_for_text("#contact-request .acked", "You told them you saw it")
        .await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    sam.sync_now().await.unwrap();
    alex.sync_now().await.unwrap();

    // Alex sees it on Today, calmly, with the lines a tap away.
    browser.open(&preview.device_url("alex")).await;
    browser
        .wait_for_text("#ack-card", "Sam saw your message.")
        .await;
    browser.wait_for_text("#ack-card", "aren't on call").await;
    assert_eq!(browser.count(".badge").await, 0, "no badge counts");
    let problems = browser.accessibility_problems().await;
    assert!(problems.is_empty(), "Today with the answer: {problems:?}");
    // Alex turns notes off.
    browser.tab("Sharing").await;
    browser.wait_for("#reply-settings").await;
    let problems = browser.accessibility_problems().await;
    assert!(
        problems.is_empty(),
        "Sharing with reply settings: {problems:?}"
    );
    browser.click("#replies-on").await;
    browser
        .wait_until(
            "notes are off",
            "return document.querySelector('#replies-on').checked === false;",
            vec![],
        )
        .await;
    alex.sync_now().await.unwrap();
    // Sam's device locked when Sam's page was left; sync runs when it is open, as on a phone.
    sam.unlock("sam keeps it safe").unwrap();
    sam.sync_now().await.unwrap();

    // Sam's compose says why it is closed.
    browser.open(&preview.device_url("sam")).await;
    browser.unlock("sam keeps it safe").await;
    browser.click("button[data-mentee='Alex']").await;
    browser
        .wait_for_text(".compose-closed", "Alex has turned replies off")
        .await;
    assert_eq!(browser.count("button.open-note").await, 0);
    browser.finish().await;
}

const DANA_PASSPHRASE: &str = "river stones and quiet tea";
const LEE_PASSPHRASE: &str = "lanterns over the harbour";

async fn sign_out(browser: &Browser, base: &str) {
    browser.goto(&format!("{base}/staff")).await;
    browser.click("form[action='/staff/sign-out'] button").await;
    browser.wait_for("#name").await;
}

async fn open_inbox(browser: &Browser, base: &str, passphrase: &str) {
    browser.goto(&format!("{base}/staff/safeguarding")).await;
    browser.wait_for("#safeguarding-open").await;
    browser.clear_field("#open-passphrase").await;
    browser.type_into("#open-passphrase", passphrase).await;
    browser.click("#open-concerns").await;
}

/// A grant shaped as the browser makes it, sealed to nobody in particular.
fn made_up_grant() -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    serde_json::json!({
        "v": 1, "epk": B64.encode([7u8; 32]), "nonce": B64.encode([8u8; 12]),
        "ct": B64.encode([9u8; 64]),
    })
    .to_string()
}

/// Opens the safeguarding page and fills in setting the inbox up as Dana, with `passphrase`.
async fn fill_setup(browser: &Browser, base: &str, passphrase: &str) {
    browser.goto(&format!("{base}/staff/safeguarding")).await;
    browser
        .type_into("#setup-contact", "Dana Lee, safeguarding lead")
        .await;
    browser.type_into("#setup-passphrase", passphrase).await;
    browser.type_into("#setup-again", passphrase).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn each_lead_opens_the_inbox_with_their_own_passphrase_and_one_leaving_loses_nothing() {
    use crate::common::console::{Console, form};

    let Some(browser) = Browser::start("care_leads").await else {
        return;
    };
    let sync = SyncServer::start().await;
    for name in ["Dana", "Lee", "Kim"] {
        steady_server::add_staff(&sync.store, &sync.dir, name, "a long staff password").unwrap();
    }
    steady_server::set_safeguarding(&sync.store, &sync.dir, "Dana", true).unwrap();
    steady_server::set_safeguarding(&sync.store, &sync.dir, "Lee", true).unwrap();
    let staff_id = |name: &str| sync.staff(name).unwrap().id;

    // Dana sets the inbox up with a passphrase of her own. The first time, the database fails at
    // the last step (keeping the directory that tells phones): nothing at all is kept, neither
    // her key, the inbox key, her access nor the directory.
    sign_in(&browser, &sync.base, "Dana").await;
    let on_postgres = std::env::var("STEADY_TEST_STORE").as_deref() == Ok("postgres");
    let refuse = if on_postgres {
        "CREATE FUNCTION refuse_versions() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER refuse_versions BEFORE INSERT ON directory_versions FOR EACH ROW EXECUTE FUNCTION refuse_versions();"
    } else {
        "CREATE TRIGGER refuse_versions BEFORE INSERT ON directory_versions BEGIN SELECT RAISE(ABORT, 'refused'); END;"
    };
    sync.execute_sql(refuse).unwrap();
    let directory_before = sync.store.latest_directory().unwrap();
    fill_setup(&browser, &sync.base, DANA_PASSPHRASE).await;
    browser.click("#setup-inbox").await;
    browser.wait_for_text("h1", "Not set up").await;
    browser.wait_for_text("body", "nothing changed").await;
    assert!(sync.store.safeguarding_keys().unwrap().is_empty());
    assert!(sync.store.grants().unwrap().is_empty());
    assert!(
        sync.store
            .safeguarding_staff()
            .unwrap()
            .iter()
            .all(|(_, key)| key.is_none()),
        "no lead key kept"
    );
    assert_eq!(sync.store.latest_directory().unwrap(), directory_before);
    sync.execute_sql(if on_postgres {
        "DROP TRIGGER refuse_versions ON directory_versions; DROP FUNCTION refuse_versions();"
    } else {
        "DROP TRIGGER refuse_versions;"
    })
    .unwrap();
    fill_setup(&browser, &sync.base, DANA_PASSPHRASE).await;
    // Someone who can write to the database changes the statement's draft first. Setting the
    // inbox up signs where concerns go and nothing else, so the planted words are not signed.
    sync.store
        .set_care_draft(
            &serde_json::json!({
                "keeps": "Planted words.", "passes_on": "Planted words.", "not_told": "Planted.",
            })
            .to_string(),
            &crate::common::TEST_AUDIT,
        )
        .unwrap();
    browser.click("#setup-inbox").await;
    browser.wait_for("#safeguarding-open").await;
    browser
        .wait_for_text(
            "li[data-lead-name='Dana'] .lead-status",
            "Can open the inbox.",
        )
        .await;
    let (_, signed) = sync.store.latest_directory().unwrap().unwrap();
    assert!(signed.contains("Dana Lee, safeguarding lead"), "{signed}");
    assert!(!signed.contains("Planted"), "{signed}");
    browser
        .wait_for_text(
            "li[data-lead-name='Lee'] .lead-status",
            "Lee hasn't chosen a passphrase yet.",
        )
        .await;
    let keys = sync.store.safeguarding_keys().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].wrapped, "", "no shared passphrase is kept");

    // Sam raises a concern from Alex's shared check-in.
    let pair = crate::common::sync_server::Pair::enrol(&sync, &sync.base).await;
    let entry = pair.mentee.log_mood(MoodLevel::new(1).unwrap()).unwrap();
    pair.mentee
        .save_details(
            &entry.id,
            entry.level,
            MoodDetails {
                emotions: vec!["scared".into()],
                tags: Vec::new(),
                note: Some("I don't want to go home tonight".into()),
            },
        )
        .unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    pair.sync_both().await;
    pair.mentor
        .raise_concern(
            &pair.mentee_id,
            entry.id.as_str(),
            "Alex doesn't feel safe at home.",
            None,
        )
        .await
        .unwrap();
    sign_out(&browser, &sync.base).await;

    // Lee chooses a passphrase of her own. It works, but opens nothing until a lead gives her
    // access; the page gives the key code to read to that lead.
    sign_in(&browser, &sync.base, "Lee").await;
    browser
        .goto(&format!("{}/staff/safeguarding", sync.base))
        .await;
    browser.wait_for("#lead-key-form").await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    browser.type_into("#lead-passphrase", LEE_PASSPHRASE).await;
    browser.type_into("#lead-again", LEE_PASSPHRASE).await;
    browser.click("#make-lead-key").await;
    browser.wait_for("#safeguarding-open").await;
    open_inbox(&browser, &sync.base, LEE_PASSPHRASE).await;
    browser
        .wait_for_text("#open-status", "nobody has given you access yet")
        .await;
    let status = browser
        .js(
            "return document.getElementById('open-status').textContent;",
            vec![],
        )
        .await;
    let lee_code = status
        .as_str()
        .unwrap()
        .rsplit(": ")
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(lee_code.len(), 24, "{status}");
    // Her own row shows the same code, worked out from the key her passphrase unlocked.
    browser
        .wait_for_text("li[data-self='yes'] .own-code", &lee_code)
        .await;
    assert_eq!(browser.count("li[data-concern] .concern-reason").await, 0);
    // Nor can Lee take Dana away while Dana is the only one who can open it.
    browser
        .click("li[data-lead-name='Dana'] button.remove-lead")
        .await;
    browser.wait_for_text("h1", "Not removed").await;
    assert!(sync.staff("Dana").unwrap().safeguarding);
    sign_out(&browser, &sync.base).await;

    // Dana sees the same code for Lee, opens the inbox and gives Lee access.
    sign_in(&browser, &sync.base, "Dana").await;
    browser
        .goto(&format!("{}/staff/safeguarding", sync.base))
        .await;
    browser
        .wait_for_text("li[data-lead-name='Lee'] .lead-fingerprint", &lee_code)
        .await;
    // Said to a screen reader one character at a time, a pause between groups.
    let spelled = crate::common::browser::spelled(&lee_code);
    browser
        .wait_for_text(
            "li[data-lead-name='Lee'] .lead-fingerprint .visually-hidden",
            &spelled,
        )
        .await;
    // Dana can't choose a new passphrase yet: she is the only one who can open the inbox.
    browser.click("#new-passphrase summary").await;
    browser
        .type_into("#lead-passphrase", "a brand new passphrase")
        .await;
    browser
        .type_into("#lead-again", "a brand new passphrase")
        .await;
    browser.click("#make-lead-key").await;
    browser.wait_for_text("h1", "Passphrase not changed").await;
    open_inbox(&browser, &sync.base, DANA_PASSPHRASE).await;
    browser
        .wait_for_text(
            "li[data-concern] .concern-reason",
            "doesn't feel safe at home",
        )
        .await;
    browser
        .click("li[data-lead-name='Lee'] button.give-access")
        .await;
    browser
        .wait_for_text(
            "li[data-lead-name='Lee'] .lead-status",
            "Can open the inbox.",
        )
        .await;
    assert_eq!(browser.control_problems().await, serde_json::json!([]));
    let problems = browser.accessibility_problems().await;
    assert!(
        problems.is_empty(),
        "the leads on the inbox page: {problems:?}"
    );

    // The operator gives Kim the role; someone who can write to the database gives Kim a key of
    // their own. It carries no word from the program key: the page says so and offers nobody to
    // give it access, and a grant to it, or to any key but Lee's own, is refused.
    steady_server::set_safeguarding(&sync.store, &sync.dir, "Kim", true).unwrap();
    let stranger = x25519_dalek::StaticSecret::from([5u8; 32]);
    let stranger_public = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(x25519_dalek::PublicKey::from(&stranger).to_bytes())
    };
    let program = sync.store.program_key().unwrap().unwrap();
    sync.execute_sql(&format!(
        "INSERT INTO safeguarding_leads (staff_id, public_key, wrapped, signed_by, signature, created_at)
         SELECT id, '{stranger_public}', '{{}}', '{program}', 'Zm9yZ2Vk', 0 FROM staff WHERE name = 'Kim'"
    ))
    .unwrap();
    browser
        .goto(&format!("{}/staff/safeguarding", sync.base))
        .await;
    browser
        .wait_for_text(
            "li[data-lead-name='Kim'] .lead-status",
            "the program didn't confirm it",
        )
        .await;
    assert_eq!(
        browser
            .count("li[data-lead-name='Kim'] button.give-access")
            .await,
        0
    );
    let console = Console::new(&sync);
    let dana = console.sign_in("Dana").await;
    let key_id = keys[0].id.to_string();
    for (who, lead_key) in [
        (staff_id("Kim"), stranger_public.clone()),
        (staff_id("Lee"), stranger_public.clone()),
    ] {
        let grants = serde_json::json!([{
            "staff_id": who, "lead_key": lead_key, "key_id": keys[0].id, "sealed": made_up_grant(),
        }])
        .to_string();
        let refused = console
            .http
            .post(format!("{}/staff/safeguarding/grant", sync.base))
            .header("cookie", &dana.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("csrf", &dana.csrf),
                ("staff_id", &who),
                ("grants", &grants),
            ]))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Nor can Dana remove herself: another lead does that.
    let refused = console
        .http
        .post(format!("{}/staff/safeguarding/remove-lead", sync.base))
        .header("cookie", &dana.cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("csrf", &dana.csrf),
            ("staff_id", &staff_id("Dana")),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), reqwest::StatusCode::CONFLICT);
    assert!(sync.staff("Dana").unwrap().safeguarding);
    let grants = sync.store.grants().unwrap();
    assert!(grants.iter().all(|g| g.staff_id != staff_id("Kim")));
    assert_eq!(
        grants
            .iter()
            .filter(|g| g.key_id.to_string() == key_id)
            .count(),
        2,
        "Dana's and Lee's, and nothing else: {grants:?}"
    );
    sign_out(&browser, &sync.base).await;

    // Lee reads the concern with her own passphrase, then Dana leaves the program.
    sign_in(&browser, &sync.base, "Lee").await;
    open_inbox(&browser, &sync.base, LEE_PASSPHRASE).await;
    browser
        .wait_for_text(
            "li[data-concern] .concern-reason",
            "doesn't feel safe at home",
        )
        .await;
    browser
        .wait_for_text(
            "li[data-concern] .verify",
            "Checked: this is exactly what Alex's phone signed.",
        )
        .await;
    browser
        .click("li[data-lead-name='Dana'] button.remove-lead")
        .await;
    // Asked once, and nothing changes until Lee says yes.
    browser
        .wait_for_text("h1", "Remove Dana as a safeguarding lead?")
        .await;
    assert!(sync.staff("Dana").unwrap().safeguarding);
    browser.click("#confirm-remove-lead").await;
    browser.wait_gone("li[data-lead-name='Dana']").await;
    browser.wait_for("#safeguarding-open").await;
    assert!(!sync.staff("Dana").unwrap().safeguarding);
    assert!(
        sync.store
            .grants()
            .unwrap()
            .iter()
            .all(|g| g.staff_id != staff_id("Dana"))
    );
    // Nothing is lost: Lee still opens every concern.
    open_inbox(&browser, &sync.base, LEE_PASSPHRASE).await;
    browser
        .wait_for_text(
            "li[data-concern] .concern-reason",
            "doesn't feel safe at home",
        )
        .await;
    // And Dana, signed in, is kept out.
    let (_, page) = console.get("/staff/safeguarding", &dana.cookie).await;
    assert!(page.contains("Safeguarding staff only"), "{page}");

    browser.goto(&format!("{}/staff/audit", sync.base)).await;
    for action in [
        "set up the safeguarding inbox",
        "chose their own safeguarding passphrase",
        "gave access to the safeguarding inbox",
        "removed a safeguarding lead",
    ] {
        browser.wait_for_text("#audit", action).await;
    }
    browser.finish().await;
}
