//! Several server nodes behind one balancer, sharing one database (SQLite on one machine, or
//! PostgreSQL when the tests run every server there, see `common/postgres.rs`): a
//! device's requests may land on any node, so what one node stored, another serves at once, each
//! mentee's feed stays strictly increasing while two nodes write, a node killed in the middle of
//! a batch loses and duplicates nothing, and staff sign-ins, sign-outs and lockouts hold on every
//! node.

use std::collections::BTreeSet;
use std::sync::Arc;

use steady::domain::{MoodDetails, MoodLevel, ShareMode};
use steady::sync::protocol::{PROTOCOL_HEADER, PROTOCOL_VERSION};

use crate::common::balancer::Balancer;
use crate::common::console::{Console, PASSWORD};
use crate::common::sync_server::{Pair, SyncServer, server_process};

fn level(n: u8) -> MoodLevel {
    MoodLevel::new(n).unwrap()
}

/// Two nodes over the same data folder.
async fn two_nodes() -> (SyncServer, SyncServer) {
    let root = Arc::new(tempfile::tempdir().expect("temp dir"));
    let a = SyncServer::start_in(root.clone(), None).await;
    let b = SyncServer::start_in(root, None).await;
    (a, b)
}

#[tokio::test(flavor = "multi_thread")]
async fn what_one_node_stores_another_serves_at_once() {
    let (a, b) = two_nodes().await;
    let balancer = Balancer::start(&a.base).await;
    let pair = Pair::enrol(&a, &balancer.url).await;

    // Sam has asked both nodes for news, so each has Alex's feed and Sam's device in memory.
    pair.mentor.sync_now().await.expect("Sam syncs through A");
    balancer.route_to(&b.base);
    pair.mentor.sync_now().await.expect("Sam syncs through B");

    // Alex shares through A; Sam reads through B.
    balancer.route_to(&a.base);
    let entry = pair.mentee.log_mood(level(4)).unwrap();
    pair.mentee
        .save_details(
            &entry.id,
            level(4),
            MoodDetails {
                note: Some("Made the team".into()),
                ..Default::default()
            },
        )
        .unwrap();
    pair.share(&entry.id, ShareMode::Shared);
    assert_eq!(pair.mentee.sync_now().await.unwrap().sent, 1);
    balancer.route_to(&b.base);
    pair.mentor.sync_now().await.expect("Sam syncs through B");
    let seen = pair.mentor_sees();
    assert_eq!(seen.len(), 1, "B serves what A stored");
    assert!(seen[0].contains("Made the team"), "{seen:?}");

    // Alex takes it back through B; A, which served Sam before, does not show it any more.
    pair.share(&entry.id, ShareMode::Private);
    pair.mentee.sync_now().await.expect("Alex syncs through B");
    balancer.route_to(&a.base);
    pair.mentor.sync_now().await.expect("Sam syncs through A");
    assert!(
        pair.mentor_sees().is_empty(),
        "A's memory of Alex's feed followed B's write"
    );

    // Staff remove Sam's device on B: A refuses it at once.
    let sam_device = pair.mentor.enrolment().unwrap().unwrap().device_id;
    assert!(
        b.store
            .revoke_device(&sam_device, steady_server::now())
            .unwrap()
    );
    assert!(
        pair.mentor.sync_now().await.is_err(),
        "a device removed through B is refused by A"
    );
}

/// Pushes made by hand with the mentee's token: one real sealed check-in sent again under new item
/// ids, each a real write.
struct RawPushes {
    client: reqwest::Client,
    token: String,
    sealed: String,
}

impl RawPushes {
    /// Shares and syncs one check-in to have a sealed one to send again.
    async fn set_up(server: &SyncServer, pair: &Pair) -> RawPushes {
        let entry = pair.mentee.log_mood(level(3)).unwrap();
        pair.share(&entry.id, ShareMode::Shared);
        pair.mentee.sync_now().await.unwrap();
        let sealed = server
            .store
            .changes(&pair.mentee_id, &pair.mentor_id, 0, 10)
            .unwrap()
            .0
            .into_iter()
            .find_map(|change| change.envelope)
            .expect("a sealed check-in");
        RawPushes {
            client: reqwest::Client::new(),
            token: pair.mentee.enrolment().unwrap().unwrap().token,
            sealed,
        }
    }

    /// One batch with an envelope for each of `ids`, to the node at `base`.
    async fn send(&self, base: &str, ids: &[String]) -> reqwest::Response {
        let records: Vec<_> = ids
            .iter()
            .map(|id| serde_json::json!({ "item_id": id, "version": 1, "envelope": self.sealed }))
            .collect();
        self.client
            .post(format!("{base}/v1/records"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION)
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "records": records }))
            .send()
            .await
            .expect("the node answers")
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_nodes_writing_at_once_keep_each_feed_strictly_increasing() {
    let (a, b) = two_nodes().await;
    let pair = Pair::enrol(&a, &a.base).await;
    let raw = RawPushes::set_up(&a, &pair).await;

    // Both nodes take batches for the same mentee at the same moment.
    const BATCHES: usize = 10;
    const PER_BATCH: usize = 20;
    let push = |node: String, name: &'static str| {
        let raw = &raw;
        async move {
            for batch in 0..BATCHES {
                let ids: Vec<String> = (0..PER_BATCH)
                    .map(|i| format!("{name}-{batch}-{i}"))
                    .collect();
                let response = raw.send(&node, &ids).await;
                assert_eq!(
                    response.status(),
                    200,
                    "{name}: {:?}",
                    response.text().await
                );
            }
        }
    };
    tokio::join!(push(a.base.clone(), "a"), push(b.base.clone(), "b"));

    let (changes, more) = b
        .store
        .changes(&pair.mentee_id, &pair.mentor_id, 0, 1000)
        .unwrap();
    assert!(!more);
    assert_eq!(
        changes.len(),
        1 + 2 * BATCHES * PER_BATCH,
        "every record, once"
    );
    assert!(
        changes.windows(2).all(|w| w[0].seq < w[1].seq),
        "the feed's numbers only grow"
    );
    let items: BTreeSet<&str> = changes.iter().map(|c| c.item_id.as_str()).collect();
    assert_eq!(items.len(), changes.len(), "no item twice");
    let seqs: BTreeSet<i64> = changes.iter().map(|c| c.seq).collect();
    assert_eq!(seqs.len(), changes.len(), "no number given twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_killed_in_the_middle_of_a_batch_loses_and_duplicates_nothing() {
    let root = Arc::new(tempfile::tempdir().expect("temp dir"));
    let a = SyncServer::start_in(root.clone(), None).await;
    let balancer = Balancer::start(&a.base).await;
    let pair = Pair::enrol(&a, &balancer.url).await;
    let mut shared = BTreeSet::new();
    // Spread over the batch's life on this machine: parsing, writing, committed, answering.
    for (round, wait_ms) in [0u64, 1, 2, 3, 4, 5, 6, 8, 12].into_iter().enumerate() {
        for n in 0..100 {
            let entry = pair.mentee.log_mood(level((n % 5) as u8 + 1)).unwrap();
            pair.share(&entry.id, ShareMode::Shared);
            shared.insert(entry.id.as_str().to_owned());
        }
        // Node B takes the mentee's batch and is killed while on it: some rounds before it
        // commits, some after it commits and before it answers.
        let (mut node, base) = server_process(&a.dir);
        balancer.route_to(&base);
        let mut forwarded = balancer.watch();
        let syncing = {
            let mentee = pair.mentee.clone();
            tokio::spawn(async move { mentee.sync_now().await })
        };
        while forwarded.recv().await.expect("the balancer forwards") != "/v1/records" {}
        tokio::time::sleep(std::time::Duration::from_millis(wait_ms)).await;
        node.kill().expect("kill the node");
        node.wait().expect("the node is gone");
        let _ = syncing.await.expect("the sync ends, well or not");

        // The balancer sends everything to A; the phone tries again.
        balancer.route_to(&a.base);
        pair.mentee.sync_now().await.expect("Alex syncs through A");
        assert_eq!(pair.mentee.sync_line().unwrap().pending, 0);
        if a.database.is_none() {
            let ok: String = rusqlite::Connection::open(a.dir.join("steady-server.db"))
                .unwrap()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(ok, "ok", "round {round}");
        }
    }
    pair.mentor.sync_now().await.expect("Sam syncs through A");
    let items = pair.mentor.mentee_items(&pair.mentee_id).unwrap();
    let seen: BTreeSet<String> = items.iter().map(|item| item.item_id.clone()).collect();
    assert_eq!(items.len(), seen.len(), "nothing twice");
    assert_eq!(seen.len(), shared.len(), "everything shared, nothing lost");
    assert!(
        items.iter().all(|item| item.content.is_some()),
        "each one opens and checks out"
    );
}

/// While another node holds the file's write lock (a batch of its own on the way to disk), this
/// node's pushes wait for it, and everything else goes on: Sam's whole sync (his mentees, their
/// devices, "anything new?") is answered before any waiting push is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_waiting_for_the_write_lock_still_answers_everything_else() {
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let raw = Arc::new(RawPushes::set_up(&server, &pair).await);
    pair.mentor.sync_now().await.expect("Sam syncs");

    let other_node = OtherNode::holding_the_lock(&server, &pair.mentee_id);
    // More pushes than the node has async workers, all waiting for the lock. They go through a
    // balancer, so the test knows each has reached the node before Sam syncs.
    let balancer = Balancer::start(&server.base).await;
    let mut forwarded = balancer.watch();
    let pushes: Vec<_> = (0..4)
        .map(|n| {
            let (raw, base) = (raw.clone(), balancer.url.clone());
            tokio::spawn(async move { raw.send(&base, &[format!("waiting-{n}")]).await.status() })
        })
        .collect();
    for _ in 0..pushes.len() {
        while forwarded.recv().await.expect("the balancer forwards") != "/v1/records" {}
    }
    // A moment for the node to take them up.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        pushes.iter().all(|push| !push.is_finished()),
        "the pushes wait for the lock"
    );

    pair.mentor
        .sync_now()
        .await
        .expect("Sam's sync is answered while the lock is held");
    assert!(
        pushes.iter().all(|push| !push.is_finished()),
        "Sam was answered before any waiting push: nothing queued behind them"
    );

    other_node.commit();
    for push in pushes {
        assert_eq!(push.await.unwrap(), 200, "each waiting push is stored");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_sign_ins_hold_across_nodes_and_wrong_passwords_count_on_all() {
    let (a, b) = two_nodes().await;
    steady_server::add_staff(&a.store, &a.dir, "Dana", PASSWORD).unwrap();
    let (on_a, on_b) = (Console::new(&a), Console::new(&b));

    // Signed in through A, the console keeps working when the balancer sends Dana to B.
    let session = on_a.sign_in("Dana").await;
    let (status, page) = on_b.get("/staff/people", &session.cookie).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{page}");

    // Wrong passwords spread over both nodes count together: the fifth locks the name on both.
    for n in 0..5 {
        let node = if n % 2 == 0 { &on_a } else { &on_b };
        let response = node.try_sign_in("Dana", "not it").await;
        assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
    }
    for node in [&on_a, &on_b] {
        let response = node.try_sign_in("Dana", PASSWORD).await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::TOO_MANY_REQUESTS,
            "locked on every node"
        );
    }

    // Signed out through B, the session is gone on A too.
    assert_eq!(
        on_b.sign_out(&session.cookie, &session.csrf).await,
        reqwest::StatusCode::SEE_OTHER
    );
    let (status, _) = on_a.get("/staff/people", &session.cookie).await;
    assert_ne!(status, reqwest::StatusCode::OK, "signed out everywhere");
}

/// Another node in the middle of a batch for Alex: on SQLite it holds the file's write lock, on
/// PostgreSQL Alex's lock, each in a transaction it has not committed.
enum OtherNode {
    Sqlite(rusqlite::Connection),
    Postgres(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>),
}

impl OtherNode {
    fn holding_the_lock(server: &SyncServer, mentee_id: &str) -> OtherNode {
        let Some(url) = server.database.clone() else {
            let conn = rusqlite::Connection::open(server.dir.join("steady-server.db")).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            return OtherNode::Sqlite(conn);
        };
        let (held, holding) = std::sync::mpsc::channel();
        let (commit, committed) = std::sync::mpsc::channel::<()>();
        let mentee_id = mentee_id.to_owned();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let (mut client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                    .await
                    .unwrap();
                tokio::spawn(connection);
                let tx = client.transaction().await.unwrap();
                tx.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended($1, 1))",
                    &[&mentee_id],
                )
                .await
                .unwrap();
                held.send(()).unwrap();
                let _ = tokio::task::spawn_blocking(move || committed.recv()).await;
                tx.commit().await.unwrap();
            });
        });
        holding.recv().expect("the other node holds the lock");
        OtherNode::Postgres(commit, thread)
    }

    fn commit(self) {
        match self {
            OtherNode::Sqlite(conn) => conn.execute_batch("COMMIT").unwrap(),
            OtherNode::Postgres(commit, thread) => {
                commit.send(()).unwrap();
                thread.join().unwrap();
            }
        }
    }
}

#[test]
fn nodes_starting_together_on_a_new_folder_all_start() {
    for _ in 0..5 {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("server");
        let config = steady_server::Config {
            data_dir: dir.clone(),
            program_name: "Bright Paths".into(),
            database_url: crate::common::postgres::database_for(&dir)
                .map(|url| steady_server::DatabaseUrl::parse(&url).unwrap()),
            ..steady_server::Config::default()
        };
        let together = Arc::new(std::sync::Barrier::new(3));
        let nodes: Vec<_> = (0..3)
            .map(|_| {
                let (config, together) = (config.clone(), together.clone());
                std::thread::spawn(move || {
                    together.wait();
                    steady_server::open_store(&config).map(|_| ())
                })
            })
            .collect();
        for node in nodes {
            node.join()
                .expect("no panic")
                .expect("each node opens the shared database and its steps run once");
        }
    }
}
