//! Fuzz target: see `steady::fuzzing::ImportTarget`.
#![no_main]

use std::sync::{Mutex, OnceLock};

static TARGET: OnceLock<Mutex<steady::fuzzing::ImportTarget>> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let target = TARGET.get_or_init(|| Mutex::new(steady::fuzzing::ImportTarget::new()));
    target.lock().expect("one input at a time").run(data);
});
