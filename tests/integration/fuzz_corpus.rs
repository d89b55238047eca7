//! The fuzz targets on stable, in every `cargo test`: each replays its checked-in corpus
//! (`fuzz/corpus/<target>/`) and then a bounded, seeded run of mutations of it (bit flips, cuts,
//! insertions, splices, JSON-significant bytes). Zero panics allowed; the server must answer
//! every body with a 2xx or a JSON 4xx. Longer coverage-guided runs use cargo-fuzz (fuzz/).

use std::path::Path;

use steady::fuzzing::{ImportTarget, directory, envelope};
use steady_server::fuzzing::ServerTarget;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{target} has a corpus");
    inputs
}

/// xorshift64*: small, seeded, the same run every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"-1",
    b"1e999",
    b"\\u0000",
    b"18446744073709551616",
    b"\xff\xfe",
    b"\"\"",
    b"[]",
    b"{}",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.truncate(at),
            2 if at < data.len() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                data.splice(at..at, piece.iter().copied());
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                data.splice(at..at, other[from..].iter().copied().take(64));
            }
            _ => {
                let byte = (rng.next() & 0xff) as u8;
                data.insert(at.min(data.len()), byte);
            }
        }
    }
    data
}

fn run(target: &str, rounds: usize, mut each: impl FnMut(&[u8])) {
    let seeds = corpus(target);
    for input in &seeds {
        each(input);
    }
    let mut rng = Rng(0x5eed_0000 ^ target.len() as u64);
    for _ in 0..rounds {
        each(&mutate(&mut rng, &seeds));
    }
}

#[test]
fn envelope_parsing_never_panics() {
    run("envelope", 3000, envelope);
}

#[test]
fn directory_parsing_never_panics() {
    run("directory", 3000, directory);
}

#[test]
fn import_parsing_never_panics_or_damages_the_store() {
    let mut target = ImportTarget::new();
    run("import", 1500, |data| target.run(data));
}

#[test]
fn server_bodies_get_a_json_answer_and_never_a_5xx() {
    let target = ServerTarget::new();
    run("server_body", 1500, |data| target.run(data));
}
