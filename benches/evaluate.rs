//! `cargo bench`: how long `calc` takes on the seed scenario.
//!
//! - evaluate: the numeric core alone (capacity, bill, checks for the three
//!   alternatives), the cost of one point of a what-if sweep;
//! - parse + evaluate + render: everything but the process;
//! - process: the whole `calc` binary, as a user or CI runs it.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use calc::diagnostic::Source;
use calc::render::{Format, render};
use calc::scenario::{Overrides, parse};

const SEED: &str = include_str!("../scenarios/kinesis-vs-dynamodb.toml");

fn main() {
    let scenario = parse(
        Source::new("seed.toml", SEED),
        Path::new("scenarios"),
        &Overrides::default(),
    )
    .expect("the seed scenario parses");

    measure("evaluate (3 alternatives)", 20_000, || {
        black_box(calc::evaluate::evaluate(black_box(&scenario)).expect("evaluates"));
    });
    measure("parse + evaluate + render (table)", 2_000, || {
        let scenario = parse(
            Source::new("seed.toml", SEED),
            Path::new("scenarios"),
            &Overrides::default(),
        )
        .expect("parses");
        let report = calc::evaluate::evaluate(&scenario).expect("evaluates");
        black_box(render(&report, Format::Table));
    });

    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/calc");
    if binary.exists() {
        measure(
            "process: calc scenarios/kinesis-vs-dynamodb.toml",
            100,
            || {
                let status = Command::new(&binary)
                    .arg("scenarios/kinesis-vs-dynamodb.toml")
                    .current_dir(env!("CARGO_MANIFEST_DIR"))
                    .output()
                    .expect("calc runs");
                assert!(status.status.success());
            },
        );
    } else {
        eprintln!("process: skipped (run `cargo build --release` first)");
    }
}

/// Runs `f` `iterations` times after a warm-up and prints the median of five
/// batches; `cargo bench -- WORD` runs only the measurements whose name has WORD.
fn measure(name: &str, iterations: u32, mut f: impl FnMut()) {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !filters.is_empty() && !filters.iter().any(|w| name.contains(w.as_str())) {
        return;
    }
    for _ in 0..iterations / 10 {
        f();
    }
    let mut batches: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations / 5 {
                f();
            }
            start.elapsed() / (iterations / 5)
        })
        .collect();
    batches.sort();
    eprintln!(
        "{name:<52} {:>12.2?} per run (median of 5 batches)",
        batches[2]
    );
}
