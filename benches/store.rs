//! What a mentee feels of the store: how long a one-tap save takes, and how long History takes to
//! load a month and a year for the charts, with five years of check-ins (about 5,500) already saved
//! in the encrypted database. Beside them, measured in the same run, the floors: one row inserted
//! into plain SQLite and into SQLCipher with the same durability (WAL, `synchronous=FULL`). And
//! whether saving and the month view stay flat as the phone holds 1, 5 and 10 years.

use chrono::{Duration, Local};
use criterion::{Criterion, criterion_group, criterion_main};
use steady::domain::{ContextTag, LocalStamp, MoodDetails, MoodEntry, MoodLevel};
use steady::state::Device;
use steady::store::Store;

/// About three check-ins a day.
const PER_YEAR: i64 = 1_100;

fn years_of_entries(store: &mut Store, years: i64) {
    let now = Local::now().fixed_offset();
    let count = years * PER_YEAR;
    for n in 0..count {
        let at = now - Duration::minutes(n * years * 365 * 24 * 60 / count);
        let mut entry = MoodEntry::new(
            MoodLevel::new((n % 5) as u8 + 1).expect("level"),
            LocalStamp::from_datetime(at),
        );
        entry.details = MoodDetails {
            emotions: vec!["calm".into(), "tired".into()],
            tags: vec![ContextTag::School],
            note: (n % 3 == 0)
                .then(|| "A few words about the day, as a mentee might write.".into()),
        };
        store.insert_mood(&entry).expect("insert");
    }
}

/// A device folder holding five years of check-ins.
fn seeded_device() -> (tempfile::TempDir, Device) {
    device_with_years(5)
}

fn device_with_years(years: i64) -> (tempfile::TempDir, Device) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("open");
    years_of_entries(&mut store, years);
    drop(store);
    let device = Device::open(dir.path()).expect("open device");
    (dir, device)
}

fn history(c: &mut Criterion) {
    let (_dir, device) = seeded_device();
    let today = device.today();
    c.bench_function("load a month of history", |b| {
        b.iter(|| {
            device
                .history_since(today - Duration::days(29))
                .expect("month")
        })
    });
    c.bench_function("load a year of history", |b| {
        b.iter(|| {
            device
                .history_since(today - Duration::days(364))
                .expect("year")
        })
    });
    c.bench_function("month chart", |b| {
        b.iter(|| {
            device
                .chart(steady::domain::ChartRange::Month, steady::i18n::Lang::En)
                .expect("chart")
        })
    });
    let store = Store::open(device.data_dir()).expect("second handle");
    c.bench_function("load a year of chart data", |b| {
        b.iter(|| {
            store
                .mood_points_between(today - Duration::days(364), today)
                .expect("year points")
        })
    });
}

fn save(c: &mut Criterion) {
    // Its own folder: the saves it makes must not swell the history read above.
    let (_dir, device) = seeded_device();
    c.bench_function("save one check-in (one tap)", |b| {
        b.iter(|| {
            device
                .log_mood(MoodLevel::new(3).expect("level"))
                .expect("save")
        })
    });
}

/// The floors for a save: one row, same durability, no app around it.
fn floors(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let open = |name: &str, key: Option<&str>| {
        let conn = rusqlite::Connection::open(dir.path().join(name)).expect("open");
        if let Some(key) = key {
            conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))
                .expect("key");
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE rows (id TEXT PRIMARY KEY, level INTEGER NOT NULL, at INTEGER NOT NULL);",
        )
        .expect("schema");
        conn
    };
    let insert = |conn: &rusqlite::Connection, n: &mut u64| {
        *n += 1;
        conn.prepare_cached("INSERT INTO rows (id, level, at) VALUES (?1, 3, ?2)")
            .expect("prepare")
            .execute(rusqlite::params![format!("row-{n}"), *n as i64])
            .expect("insert");
    };
    let plain = open("plain.db", None);
    let mut n = 0;
    c.bench_function("floor: plain SQLite insert (WAL, synchronous=FULL)", |b| {
        b.iter(|| insert(&plain, &mut n))
    });
    let encrypted = open("encrypted.db", Some(&"ab".repeat(32)));
    c.bench_function("floor: SQLCipher insert (WAL, synchronous=FULL)", |b| {
        b.iter(|| insert(&encrypted, &mut n))
    });
}

/// Saving and the month view with 1, 5 and 10 years on the phone: they should not grow.
fn years(c: &mut Criterion) {
    let mut group = c.benchmark_group("phone holds");
    for years in [1, 5, 10] {
        let (_dir, device) = device_with_years(years);
        let today = device.today();
        // Read before saving: the saves below add thousands of check-ins to today.
        group.bench_function(format!("{years} years: month of history"), |b| {
            b.iter(|| {
                device
                    .history_since(today - Duration::days(29))
                    .expect("month")
            })
        });
        group.bench_function(format!("{years} years: save one check-in"), |b| {
            b.iter(|| {
                device
                    .log_mood(MoodLevel::new(3).expect("level"))
                    .expect("save")
            })
        });
    }
    group.finish();
}

fn privacy(c: &mut Criterion) {
    let (dir, device) = seeded_device();
    device
        .set_passcode(None, "246813", "246813")
        .expect("passcode");
    c.bench_function("unlock with a passcode (Argon2id + open)", |b| {
        b.iter(|| {
            device.lock();
            device.unlock("246813").expect("unlock");
        })
    });
    // A passcode change also re-encrypts the whole database under a new data key, so an old copy
    // of the key file opens nothing: its floor is the unlock above, in the same run.
    let mut passcodes = ["246813", "135792"];
    c.bench_function(
        "change the passcode (Argon2id x 2, re-encrypt 5,500 check-ins)",
        |b| {
            b.iter(|| {
                device
                    .set_passcode(Some(passcodes[0]), passcodes[1], passcodes[1])
                    .expect("change");
                passcodes.swap(0, 1);
            })
        },
    );
    // Behind a phone keystore the key file is useless off the phone, so the wrap costs less.
    let key = steady::crypto::DataKey::generate().expect("key");
    let wrapped = steady::crypto::passcode::wrap(
        &key,
        "246813",
        steady::crypto::passcode::KdfCost::BOUND_TO_DEVICE,
    )
    .expect("wrap");
    c.bench_function(
        "open the key behind a phone keystore (Argon2id 19 MiB x 2)",
        |b| b.iter(|| steady::crypto::passcode::unwrap(&wrapped, "246813").expect("unwrap")),
    );
    c.bench_function("export everything as JSON (5,500 check-ins)", |b| {
        b.iter(|| device.export_json().expect("export"))
    });
    let export = device.export_json().expect("export");
    c.bench_function("import that export into a fresh device", |b| {
        b.iter_batched(
            || {
                let fresh = tempfile::tempdir().expect("dir");
                let target = Device::open(fresh.path()).expect("open");
                (fresh, target)
            },
            |(_fresh, target)| target.import_bytes(export.as_bytes()).expect("import"),
            criterion::BatchSize::PerIteration,
        )
    });
    drop(dir);
}

criterion_group!(store_benches, floors, save, history, years, privacy);
criterion_main!(store_benches);
