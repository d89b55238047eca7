//! One store contract, run on both databases: every story here runs against `dyn ServerStore`
//! on SQLite in every `cargo test`, and on PostgreSQL whenever `STEADY_TEST_POSTGRES` names a
//! server the tests may make databases on (then each story gets a new database). With
//! `STEADY_REQUIRE_POSTGRES=1` (CI) a missing PostgreSQL fails instead of skipping.
//!
//! The stories are the rules the sync protocol relies on, as a mentee's and a mentor's devices
//! would notice them: who can join and with what, who is paired, which sealed records reach
//! which mentor and in what order, what a retry, a conflict or a full quota does, and that a
//! refused batch keeps nothing.

use std::sync::Arc;

use steady_core::protocol::{PutOutcome, RecordPut, Role};
use steady_server::storage::staff::{Audited, PeopleChange};
use steady_server::storage::{NewDevice, ServerStoreError};
use steady_server::{PostgresStore, ServerStore, SqliteStore};

/// A story told against one store.
type Story = fn(&dyn ServerStore);

/// Runs `story` on a fresh SQLite store and, when there is one, a fresh PostgreSQL database.
fn on_both(name: &str, story: Story) {
    let dir = tempfile::tempdir().unwrap();
    let sqlite: Arc<dyn ServerStore> =
        Arc::new(SqliteStore::open(dir.path(), "Bright Paths").unwrap());
    story(sqlite.as_ref());
    let Some((admin, database)) = postgres_database(name) else {
        eprintln!("{name}: SQLite only (no STEADY_TEST_POSTGRES)");
        return;
    };
    let (server, _) = admin.rsplit_once('/').expect("a URL with a database name");
    let postgres: Arc<dyn ServerStore> =
        Arc::new(PostgresStore::open(&format!("{server}/{database}"), "Bright Paths").unwrap());
    story(postgres.as_ref());
    drop(postgres);
    // Best effort: an autovacuum worker in it can keep it a moment longer, and the integration
    // suite drops test databases over two hours old anyway.
    for _ in 0..5 {
        let dropped = admin_sql(
            &admin,
            &format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
        );
        if dropped.is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// A new database on the test PostgreSQL server (its admin URL and name), or `None` when there
/// is none to use.
fn postgres_database(name: &str) -> Option<(String, String)> {
    let admin = std::env::var("STEADY_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty());
    let Some(admin) = admin else {
        assert!(
            std::env::var("STEADY_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "{name}: STEADY_REQUIRE_POSTGRES=1 but STEADY_TEST_POSTGRES is not set"
        );
        return None;
    };
    // Named as the integration suite names its test databases, so its sweep finds any left over.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let database = format!("steady_test_{now}_{}", uuid::Uuid::new_v4().simple());
    admin_sql(&admin, &format!("CREATE DATABASE {database}")).expect("make a test database");
    Some((admin, database))
}

fn admin_sql(admin: &str, sql: &str) -> Result<(), tokio_postgres::Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(admin, tokio_postgres::NoTls)
            .await
            .expect("the test PostgreSQL server");
        tokio::spawn(connection);
        client.batch_execute(sql).await
    })
}

const NOW: i64 = 1_800_000_000;

/// A person with one enrolled device; returns (person id, device id, token hash).
fn enrolled(store: &dyn ServerStore, role: Role, name: &str) -> (String, String, String) {
    let person = store.add_person(role, name, NOW).unwrap();
    let code = format!("code-{}", uuid::Uuid::new_v4());
    store.add_invite(&person.id, &code, NOW + 3600).unwrap();
    let device = new_device();
    let joined = store.enroll(&code, &device, NOW).unwrap();
    assert_eq!(joined.id, person.id);
    (person.id, device.id, device.token_hash)
}

fn new_device() -> NewDevice {
    NewDevice {
        id: uuid::Uuid::new_v4().to_string(),
        token_hash: format!("hash-{}", uuid::Uuid::new_v4()),
        signing_key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(),
        receiving_key: "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB".into(),
    }
}

/// An envelope whose unsealed header names `devices` (its body is opaque to the server).
fn sealed_to(devices: &[&str], body: &str) -> String {
    let keys: Vec<String> = devices
        .iter()
        .map(|d| format!(r#"{{"device":"{d}","wrapped":"x"}}"#))
        .collect();
    format!(r#"{{"v":2,"keys":[{}],"body":"{body}"}}"#, keys.join(","))
}

fn put(item: &str, version: u64, envelope: &str) -> RecordPut {
    RecordPut {
        item_id: item.into(),
        version,
        envelope: Some(envelope.into()),
    }
}

/// What `mentor` sees of `mentee`'s feed: (item, version) in feed order.
fn seen(store: &dyn ServerStore, mentee: &str, mentor: &str) -> Vec<(String, u64)> {
    let (changes, more) = store.changes(mentee, mentor, 0, 500).unwrap();
    assert!(!more);
    changes
        .into_iter()
        .map(|c| (c.item_id, c.version))
        .collect()
}

#[test]
fn an_invite_joins_one_device_once_and_a_removed_device_is_known_as_removed() {
    on_both("invites", |store| {
        let mentee = store.add_person(Role::Mentee, "Alex", NOW).unwrap();
        store.add_invite(&mentee.id, "once", NOW + 60).unwrap();
        store.add_invite(&mentee.id, "stale", NOW - 1).unwrap();
        let device = new_device();
        assert_eq!(store.enroll("once", &device, NOW).unwrap().id, mentee.id);
        for (code, why) in [
            ("once", "used already"),
            ("stale", "expired"),
            ("never", "unknown"),
        ] {
            assert!(
                matches!(
                    store.enroll(code, &new_device(), NOW),
                    Err(ServerStoreError::BadInvite)
                ),
                "an invite {why} is refused"
            );
        }
        let caller = store
            .caller(&device.token_hash)
            .unwrap()
            .expect("the device");
        assert_eq!(
            (caller.role, caller.person_id.as_str()),
            (Role::Mentee, mentee.id.as_str())
        );
        assert_eq!(store.devices(&mentee.id).unwrap().len(), 1);

        assert!(store.revoke_device(&device.id, NOW).unwrap());
        assert!(store.caller(&device.token_hash).unwrap().is_none());
        assert!(store.was_removed(&device.token_hash).unwrap());
        assert!(!store.was_removed("a-token-nobody-had").unwrap());
        assert!(store.devices(&mentee.id).unwrap().is_empty());
        // What it signed while it was theirs stays theirs.
        assert_eq!(store.signing_keys_ever(&mentee.id).unwrap().len(), 1);
    });
}

#[test]
fn pairing_takes_a_mentee_and_a_mentor_and_each_sees_the_other() {
    on_both("pairing", |store| {
        let (mentee, _, _) = enrolled(store, Role::Mentee, "Alex");
        let (mentor, _, _) = enrolled(store, Role::Mentor, "Sam");
        let (other_mentee, _, _) = enrolled(store, Role::Mentee, "Jo");
        assert!(matches!(
            store.pair(&mentee, &other_mentee, NOW),
            Err(ServerStoreError::WrongRoles)
        ));
        assert!(matches!(
            store.pair(&mentee, "nobody", NOW),
            Err(ServerStoreError::NoSuchPerson | ServerStoreError::WrongRoles)
        ));
        store.pair(&mentee, &mentor, NOW).unwrap();
        assert!(store.is_paired(&mentee, &mentor).unwrap());
        assert!(!store.is_paired(&other_mentee, &mentor).unwrap());
        let mentors: Vec<String> = store
            .partners(&mentee, Role::Mentee)
            .unwrap()
            .into_iter()
            .map(|p| p.display_name)
            .collect();
        assert_eq!(mentors, ["Sam"]);
        let mentees: Vec<String> = store
            .partners(&mentor, Role::Mentor)
            .unwrap()
            .into_iter()
            .map(|p| p.display_name)
            .collect();
        assert_eq!(mentees, ["Alex"]);
        assert!(store.unpair(&mentee, &mentor).unwrap());
        assert!(!store.unpair(&mentee, &mentor).unwrap());
        assert!(store.partners(&mentee, Role::Mentee).unwrap().is_empty());
    });
}

#[test]
fn a_sealed_record_reaches_only_the_paired_mentors_its_envelope_names() {
    on_both("audience", |store| {
        let (mentee, _, _) = enrolled(store, Role::Mentee, "Alex");
        let (sam, sam_phone, _) = enrolled(store, Role::Mentor, "Sam");
        let (kim, kim_phone, _) = enrolled(store, Role::Mentor, "Kim");
        let (lee, lee_phone, _) = enrolled(store, Role::Mentor, "Lee");
        store.pair(&mentee, &sam, NOW).unwrap();
        store.pair(&mentee, &kim, NOW).unwrap();
        let quota = 1 << 20;

        let for_sam = sealed_to(&[&sam_phone], "one");
        let for_both = sealed_to(&[&sam_phone, &kim_phone], "two");
        let outcomes = store
            .put_records(
                &mentee,
                &[put("a", 1, &for_sam), put("b", 1, &for_both)],
                quota,
            )
            .unwrap();
        assert_eq!(outcomes, [(PutOutcome::Stored, 1), (PutOutcome::Stored, 1)]);
        assert_eq!(
            seen(store, &mentee, &sam),
            [("a".into(), 1), ("b".into(), 1)]
        );
        assert_eq!(seen(store, &mentee, &kim), [("b".into(), 1)]);
        // Lee is not paired: sealed to Lee's phone alone reaches nobody, and is refused.
        assert!(matches!(
            store.put_records(&mentee, &[put("c", 1, &sealed_to(&[&lee_phone], "x"))], quota),
            Err(ServerStoreError::NoAudience(item)) if item == "c"
        ));
        assert!(seen(store, &mentee, &lee).is_empty());

        // Taken back from Kim: the new version is not sealed to Kim's phone, but Kim's device
        // still gets that change (how it learns, signed by the mentee, to forget the item).
        let back = sealed_to(&[&sam_phone], "two, for Sam only");
        store
            .put_records(&mentee, &[put("b", 2, &back)], quota)
            .unwrap();
        assert_eq!(seen(store, &mentee, &kim), [("b".into(), 2)]);
        // A tombstone goes to whoever could read the item.
        let tomb = r#"{"v":2,"tomb":true,"keys":[]}"#;
        store
            .put_records(&mentee, &[put("b", 3, tomb)], quota)
            .unwrap();
        assert_eq!(seen(store, &mentee, &kim), [("b".into(), 3)]);
        assert_eq!(
            seen(store, &mentee, &sam),
            [("a".into(), 1), ("b".into(), 3)]
        );
        // A mentor reads only a mentee paired with them.
        let (stranger, _, _) = enrolled(store, Role::Mentee, "Jo");
        assert!(seen(store, &stranger, &sam).is_empty());
    });
}

#[test]
fn a_retry_is_answered_as_stored_a_changed_copy_conflicts_and_an_old_version_loses() {
    on_both("versions", |store| {
        let (mentee, _, _) = enrolled(store, Role::Mentee, "Alex");
        let (mentor, phone, _) = enrolled(store, Role::Mentor, "Sam");
        store.pair(&mentee, &mentor, NOW).unwrap();
        let quota = 1 << 20;
        let v2 = sealed_to(&[&phone], "two");
        store
            .put_records(&mentee, &[put("a", 2, &v2)], quota)
            .unwrap();
        assert_eq!(
            store
                .put_records(&mentee, &[put("a", 2, &v2)], quota)
                .unwrap(),
            [(PutOutcome::AlreadyStored, 2)]
        );
        assert_eq!(
            store
                .put_records(&mentee, &[put("a", 1, &sealed_to(&[&phone], "one"))], quota)
                .unwrap(),
            [(PutOutcome::Superseded, 2)]
        );
        assert!(matches!(
            store.put_records(
                &mentee,
                &[put("a", 2, &sealed_to(&[&phone], "other"))],
                quota
            ),
            Err(ServerStoreError::VersionConflict(2))
        ));
        let unsigned = RecordPut {
            item_id: "a".into(),
            version: 3,
            envelope: None,
        };
        assert!(matches!(
            store.put_records(&mentee, &[unsigned], quota),
            Err(ServerStoreError::Unsigned(_))
        ));
        // Each change got one place in the feed: the retry and the losers none.
        let (changes, _) = store.changes(&mentee, &mentor, 0, 500).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].envelope.as_deref(), Some(v2.as_str()));
    });
}

#[test]
fn a_refused_batch_keeps_nothing_and_a_full_quota_is_said_so() {
    on_both("batches", |store| {
        let (mentee, _, _) = enrolled(store, Role::Mentee, "Alex");
        let (mentor, phone, _) = enrolled(store, Role::Mentor, "Sam");
        store.pair(&mentee, &mentor, NOW).unwrap();
        let good = sealed_to(&[&phone], "fine");
        let batch = [
            put("a", 1, &good),
            put("b", 1, &sealed_to(&["nobody's"], "x")),
        ];
        assert!(store.put_records(&mentee, &batch, 1 << 20).is_err());
        assert!(seen(store, &mentee, &mentor).is_empty(), "all or nothing");

        let quota = 2 * good.len() as u64;
        store
            .put_records(&mentee, &[put("a", 1, &good)], quota)
            .unwrap();
        let big = sealed_to(&[&phone], &"x".repeat(good.len() * 2));
        assert!(matches!(
            store.put_records(&mentee, &[put("b", 1, &big)], quota),
            Err(ServerStoreError::QuotaFull)
        ));
        // Replacing an item with a smaller version frees what it took.
        let small = sealed_to(&[&phone], "");
        store
            .put_records(&mentee, &[put("a", 2, &small)], quota)
            .unwrap();
        store
            .put_records(&mentee, &[put("b", 1, &good)], quota)
            .unwrap();
        assert_eq!(
            seen(store, &mentee, &mentor),
            [("a".into(), 2), ("b".into(), 1)]
        );
    });
}

#[test]
fn the_feed_pages_in_order_and_a_deleted_mentee_leaves_nothing() {
    on_both("feed", |store| {
        let (mentee, _, token) = enrolled(store, Role::Mentee, "Alex");
        let (mentor, phone, _) = enrolled(store, Role::Mentor, "Sam");
        store.pair(&mentee, &mentor, NOW).unwrap();
        let records: Vec<RecordPut> = (0..7)
            .map(|i| {
                put(
                    &format!("item-{i}"),
                    1,
                    &sealed_to(&[&phone], &i.to_string()),
                )
            })
            .collect();
        store.put_records(&mentee, &records, 1 << 20).unwrap();
        let mut after = 0;
        let mut items = Vec::new();
        loop {
            let (page, more) = store.changes(&mentee, &mentor, after, 3).unwrap();
            assert!(page.len() <= 3);
            assert!(page.windows(2).all(|w| w[0].seq < w[1].seq));
            after = page.last().map_or(after, |c| c.seq);
            items.extend(page.into_iter().map(|c| c.item_id));
            if !more {
                break;
            }
        }
        let expected: Vec<String> = (0..7).map(|i| format!("item-{i}")).collect();
        assert_eq!(items, expected);

        store.delete_person(&mentee).unwrap();
        assert!(store.caller(&token).unwrap().is_none());
        assert!(seen(store, &mentee, &mentor).is_empty());
        assert!(store.partners(&mentor, Role::Mentor).unwrap().is_empty());
        assert!(matches!(
            store.person(&mentee),
            Err(ServerStoreError::NoSuchPerson)
        ));
    });
}

#[test]
fn a_change_to_people_keeps_its_audit_line_with_it_and_only_when_something_changed() {
    on_both("people", |store| {
        let (mentee, _, _) = enrolled(store, Role::Mentee, "Alex");
        let (mentor, phone, token) = enrolled(store, Role::Mentor, "Sam");
        let (other, _, _) = enrolled(store, Role::Mentee, "Jo");
        let line = |action| Audited {
            staff: "Dana",
            action,
            detail: "",
            at: NOW,
        };
        let pair = PeopleChange::Pair {
            mentee: &mentee,
            mentor: &mentor,
        };
        assert!(
            store
                .change_people(&pair, NOW, Some(&line("paired")))
                .unwrap()
        );
        assert!(store.is_paired(&mentee, &mentor).unwrap());
        // Two mentees are no match: refused, and nothing is logged.
        let wrong = PeopleChange::Pair {
            mentee: &mentee,
            mentor: &other,
        };
        assert!(matches!(
            store.change_people(&wrong, NOW, Some(&line("paired"))),
            Err(ServerStoreError::WrongRoles)
        ));
        let sealed = sealed_to(&[&phone], "shared");
        store
            .put_records(&mentee, &[put("a", 1, &sealed)], 1 << 20)
            .unwrap();
        let unpair = PeopleChange::Unpair {
            mentee: &mentee,
            mentor: &mentor,
        };
        assert!(
            store
                .change_people(&unpair, NOW, Some(&line("ended a match")))
                .unwrap()
        );
        // Ended already: nothing to change, no line. Paired again, nothing shared before
        // reaches the mentor until the mentee shares it again.
        assert!(
            !store
                .change_people(&unpair, NOW, Some(&line("ended a match")))
                .unwrap()
        );
        assert!(
            store
                .change_people(&pair, NOW, Some(&line("paired")))
                .unwrap()
        );
        assert!(seen(store, &mentee, &mentor).is_empty());
        let device = PeopleChange::RemoveDevice { device: &phone };
        assert!(
            store
                .change_people(&device, NOW, Some(&line("removed a device")))
                .unwrap()
        );
        assert!(store.caller(&token).unwrap().is_none());
        assert!(
            !store
                .change_people(&device, NOW, Some(&line("removed a device")))
                .unwrap()
        );
        store.add_invite(&other, "unused", NOW + 60).unwrap();
        let cancel = PeopleChange::CancelInvites { person: &other };
        assert!(
            store
                .change_people(&cancel, NOW, Some(&line("cancelled an invite")))
                .unwrap()
        );
        assert!(matches!(
            store.enroll("unused", &new_device(), NOW),
            Err(ServerStoreError::BadInvite)
        ));
        assert!(
            !store
                .change_people(&cancel, NOW, Some(&line("cancelled an invite")))
                .unwrap()
        );
        let delete = PeopleChange::Delete { person: &other };
        assert!(
            store
                .change_people(&delete, NOW, Some(&line("deactivated a person")))
                .unwrap()
        );
        assert!(matches!(
            store.person(&other),
            Err(ServerStoreError::NoSuchPerson)
        ));
        assert!(
            !store
                .change_people(&delete, NOW, Some(&line("deactivated a person")))
                .unwrap()
        );
        let mut actions: Vec<String> = store
            .audit_log(100)
            .unwrap()
            .into_iter()
            .map(|l| l.action)
            .collect();
        actions.reverse();
        assert_eq!(
            actions,
            [
                "paired",
                "ended a match",
                "paired",
                "removed a device",
                "cancelled an invite",
                "deactivated a person"
            ]
        );
    });
}

#[test]
fn directory_versions_and_the_audit_log_keep_what_was_written_in_order() {
    on_both("directory", |store| {
        assert!(store.latest_directory().unwrap().is_none());
        store.publish_directory(1, r#"{"v":1}"#, NOW).unwrap();
        store.publish_directory(2, r#"{"v":2}"#, NOW + 1).unwrap();
        assert_eq!(
            store.latest_directory().unwrap(),
            Some((2, r#"{"v":2}"#.into()))
        );
        // A version is published once.
        assert!(
            store
                .publish_directory(2, r#"{"v":"again"}"#, NOW + 2)
                .is_err()
        );
        assert_eq!(
            store.latest_directory().unwrap(),
            Some((2, r#"{"v":2}"#.into()))
        );

        store
            .audit("Dana", "published contacts", "v1", NOW)
            .unwrap();
        store
            .audit("Dana", "published contacts", "v2", NOW + 1)
            .unwrap();
        let lines = store.audit_log(10).unwrap();
        let details: Vec<&str> = lines.iter().map(|l| l.detail.as_str()).collect();
        assert_eq!(details, ["v2", "v1"], "newest first");
        assert_eq!(store.program_name().unwrap(), "Bright Paths");
    });
}
