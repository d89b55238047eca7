//! What sharing costs: sealing and opening one envelope, and 1,000 shared check-ins pushed by a
//! mentee and pulled by their mentor end to end over loopback HTTP against the real server (each
//! device with its own encrypted store and keys), beside its floor in the same run: sealing and
//! opening 1,000 items on both cores with nothing else around them. And how fast the server takes
//! 1,000 sealed records of 1 KiB in batches of 100, each batch acknowledged only once it is on disk.

mod common;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use steady::crypto::envelope::Feed;
use steady::crypto::{DeviceKeys, ItemRef, Recipient, envelope};

fn seal_and_open(c: &mut Criterion) {
    let mentee = DeviceKeys::generate().unwrap();
    let mentor = DeviceKeys::generate().unwrap();
    let item = ItemRef {
        feed: Feed::Shared,
        item_id: "0b6a3f5e-3f6c-4d0e-9d55-6c1f0a7c2b11".into(),
        version: 3,
        mentee_id: "mentee".into(),
    };
    let payload = vec![b'x'; 1024];
    let to = [Recipient {
        device_id: "mentor-device".into(),
        keys: mentor.public(),
    }];
    c.bench_function("seal a 1 KiB item for one mentor device", |b| {
        b.iter(|| envelope::seal(&item, &payload, "mentee-device", &mentee, &to).unwrap())
    });
    let sealed = envelope::seal(&item, &payload, "mentee-device", &mentee, &to).unwrap();
    let signer = mentee.public();
    c.bench_function("open a 1 KiB item (verify, unwrap, decrypt)", |b| {
        b.iter(|| {
            envelope::open(
                &sealed,
                Feed::Shared,
                &item.item_id,
                "mentee",
                "mentor-device",
                &mentor,
                |_| Some(signer.clone()),
            )
            .unwrap()
        })
    });
}

/// A server, Alex and Sam, and `count` check-ins Alex shared but has not synced yet.
struct World {
    server: common::Server,
    pair: common::Pair,
}

/// With `two_nodes`, a second server node over the same database: Alex syncs through the first,
/// Sam through the second.
async fn world_with_shared_entries(
    count: usize,
    two_nodes: bool,
    backend: common::Backend,
) -> World {
    let server = common::start_server_on("Bench", backend).await;
    let mentor_node = if two_nodes {
        common::start_node(&server, "Bench").await.1
    } else {
        server.base.clone()
    };
    let pair = common::enrolled_pair_through(&server, &server.base, &mentor_node).await;
    for n in 0..count {
        let note = "A few words about the day, as a mentee might write them.";
        pair.share_check_in((n % 5) as u8 + 1, Some(note.into()));
    }
    World { server, pair }
}

fn push_and_pull(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("sync");
    group.sample_size(10);
    let backends = common::Backend::available();
    let runs = backends.iter().flat_map(|backend| {
        [
            ("1,000 shared check-ins pushed and pulled end to end", false),
            (
                "1,000 shared check-ins pushed through one node, pulled through another",
                true,
            ),
        ]
        .map(|(name, two_nodes)| {
            let name = match backend {
                common::Backend::Sqlite => name.to_owned(),
                other => format!("{name} ({})", other.name()),
            };
            (name, two_nodes, *backend)
        })
    });
    for (name, two_nodes, backend) in runs {
        group.bench_function(&name, |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let world =
                        runtime.block_on(world_with_shared_entries(1_000, two_nodes, backend));
                    let started = Instant::now();
                    runtime.block_on(async {
                        let pushed = world.pair.mentee.sync_now().await.unwrap();
                        let pulled = world.pair.mentor.sync_now().await.unwrap();
                        assert_eq!((pushed.sent, pulled.received), (1_000, 1_000));
                    });
                    total += started.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

/// The floor under "pushed and pulled end to end": the same number of seals and opens, split over
/// both cores, with no store, no network and no bookkeeping.
fn crypto_floor(c: &mut Criterion) {
    let mentee = DeviceKeys::generate().unwrap();
    let mentor = DeviceKeys::generate().unwrap();
    let signer = mentee.public();
    let to = [Recipient {
        device_id: "mentor-device".into(),
        keys: mentor.public(),
    }];
    let payload = vec![b'x'; 300];
    let items: Vec<ItemRef> = (0..1_000)
        .map(|n| ItemRef {
            feed: Feed::Shared,
            item_id: format!("item-{n}"),
            version: 1,
            mentee_id: "mentee".into(),
        })
        .collect();
    let round = |chunk: &[ItemRef]| {
        for item in chunk {
            let sealed = envelope::seal(item, &payload, "mentee-device", &mentee, &to).unwrap();
            envelope::open(
                &sealed,
                Feed::Shared,
                &item.item_id,
                "mentee",
                "mentor-device",
                &mentor,
                |_| Some(signer.clone()),
            )
            .unwrap();
        }
    };
    let mut group = c.benchmark_group("sync");
    group.sample_size(10);
    group.bench_function("floor: seal and open 1,000 items on both cores", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                for chunk in items.chunks(items.len() / 2) {
                    scope.spawn(move || round(chunk));
                }
            })
        })
    });
    group.finish();
}

/// The server alone: 1,000 sealed records of about 1 KiB, sent as ten batches of 100 over HTTP,
/// each answered only after its transaction is on disk (`synchronous=FULL`).
fn server_takes_batches(c: &mut Criterion) {
    for backend in common::Backend::available() {
        server_takes_batches_on(c, backend);
    }
}

fn server_takes_batches_on(c: &mut Criterion, backend: common::Backend) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let world = runtime.block_on(world_with_shared_entries(1, false, backend));
    runtime.block_on(world.pair.mentee.sync_now()).unwrap();
    // A real sealed check-in (with a short note it is already over 1 KiB).
    let envelope = world.pair.first_sealed(&world.server);
    assert!(envelope.len() >= 1024);
    println!("record size: {} bytes", envelope.len());
    let token = world.pair.mentee_token();
    let client = reqwest::Client::new();
    let mut round = 0u64;
    let mut group = c.benchmark_group("server");
    group.sample_size(20);
    let name = match backend {
        common::Backend::Sqlite => {
            "takes 1,000 records of 1 KiB in batches of 100 (durable)".into()
        }
        other => format!(
            "takes 1,000 records of 1 KiB in batches of 100 (durable, {})",
            other.name()
        ),
    };
    group.bench_function(&name, |b| {
        b.iter(|| {
            round += 1;
            runtime.block_on(async {
                for batch in 0..10 {
                    let records: Vec<_> = (0..100)
                        .map(|n| {
                            serde_json::json!({
                                "item_id": format!("r{round}-b{batch}-{n}"),
                                "version": 1,
                                "envelope": envelope,
                            })
                        })
                        .collect();
                    let answer = client
                        .post(format!("{}/v1/records", world.server.base))
                        .header("Steady-Protocol", "1")
                        .bearer_auth(&token)
                        .json(&serde_json::json!({ "records": records }))
                        .send()
                        .await
                        .unwrap();
                    assert!(answer.status().is_success(), "{}", answer.status());
                }
            })
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    seal_and_open,
    crypto_floor,
    push_and_pull,
    server_takes_batches
);
criterion_main!(benches);
