//! Fuzz target: see `steady_server::fuzzing::ServerTarget`.
#![no_main]

use std::sync::OnceLock;

static TARGET: OnceLock<steady_server::fuzzing::ServerTarget> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    TARGET
        .get_or_init(steady_server::fuzzing::ServerTarget::new)
        .run(data);
});
