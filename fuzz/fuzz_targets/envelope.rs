//! Fuzz target: see `steady::fuzzing::envelope`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| steady::fuzzing::envelope(data));
