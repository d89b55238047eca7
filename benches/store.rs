//! What a mentee feels of the store: how long a one-tap save takes, and how long History takes to
//! load a month and a year for the charts, with five years of check-ins (about 5,500) already saved
//! in the encrypted database.

use chrono::{Duration, Local};
use criterion::{Criterion, criterion_group, criterion_main};
use steady::domain::{ContextTag, LocalStamp, MoodDetails, MoodEntry, MoodLevel};
use steady::state::Device;
use steady::store::Store;

const FIVE_YEARS: i64 = 5 * 365;

fn five_years_of_entries(store: &mut Store) {
    let now = Local::now().fixed_offset();
    for n in 0..5_500i64 {
        let at = now - Duration::minutes(n * FIVE_YEARS * 24 * 60 / 5_500);
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
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("open");
    five_years_of_entries(&mut store);
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

criterion_group!(store_benches, history, save, privacy);
criterion_main!(store_benches);
