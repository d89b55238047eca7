//! Fuzz target: see `steady::fuzzing::directory`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| steady::fuzzing::directory(data));
