//! Whether the server's costs stay flat as a program grows. For each program size (100, 1,000 and
//! 10,000 mentees by default, each holding 1,000 sealed records seeded by batch insert) it measures
//! over real HTTP on loopback: a mentee's push of one check-in, a mentor's pull of the latest 100
//! changes, and a no-change pull, each as p50 and p99 of sequential requests; and the bytes on disk
//! per record. It prints the ratio of the largest size to the smallest for each.
//!
//! `cargo bench --bench scale` (STEADY_SCALE_MENTEES="100,1000,10000", STEADY_SCALE_RECORDS=1000,
//! STEADY_SCALE_SAMPLES=400 to change the run; the largest default run needs about 12 GB of disk).
//! `STEADY_SCALE_STORE=postgres` runs it on PostgreSQL (a new database on the server
//! `STEADY_TEST_POSTGRES` names; "on disk" is then the database's size).

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use steady::crypto::sha256_hex;
use steady::sync::protocol::{RecordPut, Role};
use steady_server::storage::NewDevice;
use steady_server::{self as server, ServerStore};

/// Mentees per mentor in the seeded program.
const MENTEES_PER_MENTOR: usize = 4;

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}

/// p50 and p99 of a set of timings.
fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

struct Sized {
    mentees: usize,
    push: (Duration, Duration),
    pull: (Duration, Duration),
    no_change: (Duration, Duration),
    bytes_per_record: f64,
    seeded_in: Duration,
}

/// The measured pair (real devices enrolled through the real API) with one check-in shared, so
/// the server holds a real envelope sealed to the mentor's device.
async fn real_pair(server: &common::Server) -> (common::Pair, serde_json::Value) {
    let pair = common::enrolled_pair(server).await;
    pair.share_check_in(4, Some("x".repeat(700)));
    assert_eq!(pair.mentee.sync_now().await.unwrap().sent, 1);
    let envelope = serde_json::from_str(&pair.first_sealed(server)).unwrap();
    (pair, envelope)
}

/// A real envelope's bytes, re-addressed to `device` (the server reads only the recipient list).
fn addressed(envelope: &serde_json::Value, device: &str) -> String {
    let mut envelope = envelope.clone();
    if let Some(keys) = envelope["keys"].as_array_mut() {
        for key in keys {
            key["device"] = device.into();
        }
    }
    envelope.to_string()
}

fn records(prefix: &str, count: usize, envelope: &str) -> Vec<RecordPut> {
    (0..count)
        .map(|n| RecordPut {
            item_id: format!("{prefix}-{n}"),
            version: 1,
            envelope: Some(envelope.to_owned()),
        })
        .collect()
}

/// Adds `mentees` mentees (one mentor for every four, each with one device), each holding
/// `per_mentee` sealed records, by batch insert straight into the store.
fn seed(
    store: &Arc<dyn ServerStore>,
    mentees: usize,
    per_mentee: usize,
    template: &serde_json::Value,
) {
    let now = server::now();
    let mut mentor = None;
    for n in 0..mentees {
        if n % MENTEES_PER_MENTOR == 0 {
            let person = store.add_person(Role::Mentor, "Mentor", now).unwrap();
            let code_hash = sha256_hex(format!("seed-invite-{n}").as_bytes());
            store
                .add_invite(&person.id, &code_hash, now + 86_400)
                .unwrap();
            let device_id = format!("seed-device-{n}");
            let device = NewDevice {
                id: device_id.clone(),
                token_hash: sha256_hex(format!("seed-token-{n}").as_bytes()),
                signing_key: "seed".into(),
                receiving_key: "seed".into(),
            };
            store.enroll(&code_hash, &device, now).unwrap();
            mentor = Some((person.id, addressed(template, &device_id)));
        }
        let (mentor_id, envelope) = mentor.as_ref().expect("a mentor for every four");
        let mentee = store.add_person(Role::Mentee, "Mentee", now).unwrap();
        store.pair(&mentee.id, mentor_id, now).unwrap();
        let batch = records("seed", per_mentee, envelope);
        store.put_records(&mentee.id, &batch, u64::MAX).unwrap();
    }
}

fn disk_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

async fn timed(samples: usize, mut request: impl AsyncFnMut(usize)) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(samples);
    for n in 0..samples {
        let started = Instant::now();
        request(n).await;
        times.push(started.elapsed());
    }
    percentiles(times)
}

async fn measure(
    mentees: usize,
    per_mentee: usize,
    samples: usize,
    backend: common::Backend,
) -> Sized {
    let server = common::start_server_on("Scale", backend).await;
    let (store, base) = (server.store.clone(), server.base.clone());
    let (pair, envelope) = real_pair(&server).await;
    let started = Instant::now();
    let template = envelope.clone();
    let seeding = store.clone();
    tokio::task::spawn_blocking(move || seed(&seeding, mentees - 1, per_mentee, &template))
        .await
        .unwrap();
    // The measured mentee holds as many records as every other (one is already there).
    let own = envelope.to_string();
    store
        .put_records(
            &pair.mentee_id,
            &records("own", per_mentee - 1, &own),
            u64::MAX,
        )
        .unwrap();
    let seeded_in = started.elapsed();
    let total_records = (mentees * per_mentee) as f64;
    let on_disk = match &server.database {
        Some(url) => {
            common::postgres::query_strings(url, "SELECT pg_database_size(current_database())")
                .unwrap()[0]
                .parse()
                .unwrap()
        }
        None => disk_bytes(server.dir()),
    };
    let bytes_per_record = on_disk as f64 / total_records;

    let client = reqwest::Client::new();
    let (mentee_token, mentor_token) = (pair.mentee_token(), pair.mentor_token());
    let head = per_mentee as i64;
    let pull_url = |after: i64| {
        format!(
            "{base}/v1/mentees/{}/records?after={after}&limit=100",
            pair.mentee_id
        )
    };
    let get = |url: String| {
        client
            .get(url)
            .header("Steady-Protocol", "1")
            .bearer_auth(&mentor_token)
            .send()
    };
    let no_change = timed(samples, async |_| {
        let page: serde_json::Value = get(pull_url(head)).await.unwrap().json().await.unwrap();
        assert!(page["changes"].as_array().unwrap().is_empty());
    })
    .await;
    let pull = timed(samples, async |_| {
        let page: serde_json::Value = get(pull_url(head - 100))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(page["changes"].as_array().unwrap().len(), 100);
    })
    .await;
    let push = timed(samples, async |n| {
        let batch = serde_json::json!({ "records": records(&format!("push-{n}"), 1, &own) });
        let answer = client
            .post(format!("{base}/v1/records"))
            .header("Steady-Protocol", "1")
            .bearer_auth(&mentee_token)
            .json(&batch)
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "{}", answer.status());
    })
    .await;
    Sized {
        mentees,
        push,
        pull,
        no_change,
        bytes_per_record,
        seeded_in,
    }
}

fn main() {
    let sizes = env_list("STEADY_SCALE_MENTEES", "100,1000,10000");
    let per_mentee = env_list("STEADY_SCALE_RECORDS", "1000")[0];
    let samples = env_list("STEADY_SCALE_SAMPLES", "400")[0];
    let backend = if std::env::var("STEADY_SCALE_STORE").is_ok_and(|store| store == "postgres") {
        common::Backend::Postgres
    } else {
        common::Backend::Sqlite
    };
    println!("store: {}", backend.name());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut results: Vec<Sized> = Vec::new();
    for &mentees in &sizes {
        let sized = runtime.block_on(measure(mentees, per_mentee, samples, backend));
        println!(
            "{:>6} mentees x {per_mentee} records (seeded in {:.0} s): \
             push p50 {:.2} ms p99 {:.2} ms | pull 100 p50 {:.2} ms p99 {:.2} ms | \
             no-change p50 {:.3} ms p99 {:.3} ms | {:.0} bytes on disk per record",
            sized.mentees,
            sized.seeded_in.as_secs_f64(),
            ms(sized.push.0),
            ms(sized.push.1),
            ms(sized.pull.0),
            ms(sized.pull.1),
            ms(sized.no_change.0),
            ms(sized.no_change.1),
            sized.bytes_per_record,
        );
        results.push(sized);
    }
    if let (Some(small), Some(large)) = (results.first(), results.last()) {
        let ratio = |f: fn(&Sized) -> (Duration, Duration)| {
            let (a, b) = (f(small), f(large));
            (
                b.0.as_secs_f64() / a.0.as_secs_f64(),
                b.1.as_secs_f64() / a.1.as_secs_f64(),
            )
        };
        for (name, (p50, p99)) in [
            ("push", ratio(|s| s.push)),
            ("pull 100", ratio(|s| s.pull)),
            ("no-change pull", ratio(|s| s.no_change)),
        ] {
            println!(
                "{name}: {} mentees vs {}: p50 x{p50:.2}, p99 x{p99:.2}",
                large.mentees, small.mentees
            );
        }
    }
}
