//! `cargo bench`: how long `calc` takes on the seed scenario.
//!
//! - evaluate: the numeric core alone (capacity, bill, checks for the three
//!   alternatives), the cost of one point of a what-if sweep;
//! - one component: a single Kinesis stream evaluated at a new rate;
//! - sweep: 100,000 evaluations of the seed scenario, each at another
//!   `workload.records_per_second`, reusing one evaluator's buffers;
//! - 4 x 10 components: 100,000 exact evaluations of four designs of ten
//!   components each, all downstream of the workload, each at another
//!   `workload.records_per_second` and `workload.record_size` (what a
//!   point of a sweep over both costs; a Monte Carlo sample evaluates the
//!   same in floats), on one core and then on all;
//! - monte carlo: `calc`'s own Monte Carlo run over the same scenario with
//!   its rate and record size ranged, 100,000 samples on every core, and
//!   128 samples (what one plan takes in the peer that plans this way);
//! - calc sweep: 100,000 points of the seed scenario through `calc sweep`'s
//!   own code (both cores, crossovers bisected), then the whole process;
//! - parse + evaluate + render: everything but the process;
//! - process: the whole `calc` binary, as a user or CI runs it, beside
//!   `calc --version` (a run that reads and evaluates nothing);
//! - 100,000 alternatives: evaluated, then rendered in every format, once
//!   each, to show that the work grows linearly with the alternatives.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use calc::base::diagnostic::Source;
use calc::evaluate::Evaluator;
use calc::model::keys::Value;
use calc::render::{Format, render};
use calc::scenario::set;
use calc::scenario::{Overrides, parse};
use rust_decimal::Decimal;

const SEED: &str = include_str!("../scenarios/kinesis-vs-dynamodb.toml");
const FOUR_BY_TEN: &str = include_str!("four-by-ten.toml");

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
    let one_stream = parse(
        Source::new(
            "one.toml",
            "name = \"one\"\n[workload]\nrecords_per_second = 3000\nrecord_size = \"1 KB\"\n\
             [[alternatives]]\nname = \"Kinesis\"\ncomponents = [{ service = \"kinesis_data_streams\" }]\n",
        ),
        Path::new("scenarios"),
        &Overrides::default(),
    )
    .expect("parses");
    let slot = set::resolve(&one_stream, "workload.records_per_second").expect("a path");
    let mut values = one_stream.params.values.clone();
    let mut evaluator = Evaluator::new(&one_stream);
    let mut rate = 0u32;
    measure(
        "one component (Kinesis, a new rate each time)",
        100_000,
        || {
            rate = rate % 10_000 + 1;
            values[slot] = Value::Number(Decimal::from(rate));
            black_box(evaluator.evaluate(black_box(&values)).expect("evaluates"));
        },
    );

    sweep(&scenario);
    four_by_ten();
    monte_carlo();
    what_if_sweep(&scenario);

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

    many_alternatives(&scenario, 100_000);

    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/calc");
    if binary.exists() {
        measure("process: calc --version", 100, || {
            let status = Command::new(&binary)
                .arg("--version")
                .output()
                .expect("calc runs");
            assert!(status.status.success());
        });
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
        measure("process: calc sweep, 100,000 points (table)", 5, || {
            let status = Command::new(&binary)
                .args(["sweep", "scenarios/kinesis-vs-dynamodb.toml"])
                .args(SWEEP_ARGS)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .expect("calc runs");
            assert!(status.status.success());
        });
    } else {
        eprintln!("process: skipped (run `cargo build --release` first)");
    }
}

/// `calc sweep`'s arguments for 100,000 points of the seed scenario.
const SWEEP_ARGS: [&str; 4] = [
    "--vary",
    "workload.records_per_second=1000..100000",
    "--steps",
    "99999",
];

/// What `calc sweep` does with 100,000 points, without the process and the
/// printing: the points on both cores, then the changes bisected.
fn what_if_sweep(scenario: &calc::scenario::Scenario) {
    let name = "calc sweep: 100,000 points, crossovers bisected";
    if !selected(name) {
        return;
    }
    let values = scenario.params.values.clone();
    let start = Instant::now();
    let plan =
        calc::whatif::sweep::plan(scenario, &values, SWEEP_ARGS[1], Some(99_999), None, false)
            .expect("a plan");
    let sweep = calc::whatif::sweep::run(scenario, &values, plan).expect("sweeps");
    assert_eq!(sweep.points.len(), 100_000);
    eprintln!("{name:<52} {:>12.2?} in all", start.elapsed());
}

/// 100,000 evaluations of the seed scenario, each at another
/// `workload.records_per_second`, timed as a whole on one core.
fn sweep(scenario: &calc::scenario::Scenario) {
    let name = "sweep: 100,000 evaluations of the seed scenario";
    if !selected(name) {
        return;
    }
    let slot = set::resolve(scenario, "workload.records_per_second").expect("a path");
    let mut values = scenario.params.values.clone();
    let mut evaluator = Evaluator::new(scenario);
    let start = Instant::now();
    for point in 0..100_000u32 {
        values[slot] = Value::Number(Decimal::from(1_000 + point / 10));
        black_box(evaluator.evaluate(black_box(&values)).expect("evaluates"));
    }
    eprintln!("{name:<52} {:>12.2?} in all", start.elapsed());
}

/// Samples of the four-by-ten scenario, a workload each: 100,000, or as
/// many as `BENCH_SAMPLES` says (fewer, to run it under a profiler that
/// counts instructions).
fn samples() -> u32 {
    std::env::var("BENCH_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The workload of sample `i`: from 500 to 10,499 records a second, of 100
/// bytes to 10,099 bytes, the two varying out of step.
fn sample(i: u32) -> (Value, Value) {
    let rate = Decimal::from(500 + i % 10_000);
    let size = calc::base::units::Bytes::from_integer(i64::from(100 + (i * 7_919) % 10_000))
        .expect("a size");
    (Value::Number(rate), Value::Bytes(size))
}

/// 100,000 evaluations of four alternatives of ten components each, every
/// component downstream of the workload's rate and record size, which each
/// evaluation varies: on one core through one evaluator, then shared
/// between every core as `calc sweep` shares its points.
fn four_by_ten() {
    let name = "4 x 10 components";
    if !selected(name) {
        return;
    }
    let scenario = parse(
        Source::new("four-by-ten.toml", FOUR_BY_TEN),
        Path::new("benches"),
        &Overrides::default(),
    )
    .expect("the four-by-ten scenario parses");
    let components: usize = scenario
        .alternatives
        .iter()
        .map(|a| a.components.len())
        .sum();
    let rate = set::resolve(&scenario, "workload.records_per_second").expect("a path");
    let size = set::resolve(&scenario, "workload.record_size").expect("a path");
    let evaluate = |points: std::ops::Range<u32>| {
        let mut values = scenario.params.values.clone();
        let mut evaluator = Evaluator::new(&scenario);
        for i in points {
            (values[rate], values[size]) = sample(i);
            let (_, failures) = evaluator
                .evaluate_each(black_box(&values))
                .expect("evaluates");
            assert!(failures.iter().all(Option::is_none), "sample {i} fails");
            black_box(failures);
        }
    };

    let samples = samples();
    let start = Instant::now();
    evaluate(0..samples);
    let elapsed = start.elapsed();
    let each = elapsed / samples;
    eprintln!(
        "{:<52} {:>12.2?} in all, {each:.2?} each, {:.2?} a component",
        format!("{name}, {samples} samples, one core"),
        elapsed,
        each / u32::try_from(components).expect("few components"),
    );

    use rayon::prelude::*;
    let threads = u32::try_from(rayon::current_num_threads()).expect("few threads");
    let share = samples.div_ceil(threads);
    let start = Instant::now();
    (0..threads).into_par_iter().for_each(|t| {
        evaluate(t * share..((t + 1) * share).min(samples));
    });
    eprintln!(
        "{:<52} {:>12.2?} in all (wall)",
        format!("{name}, {samples} samples, {threads} cores"),
        start.elapsed()
    );
}

/// The Monte Carlo run of a report over the four-by-ten scenario, its
/// rate a PERT range from 500 to 10,500 records a second (most likely
/// 2,000) and its record size one from 100 B to 10 KB (most likely 1 KB):
/// every component is downstream of both.
fn monte_carlo() {
    use calc::model::spread::{Distribution, Spread};
    use calc::scenario::params::Ranged;
    use calc::whatif::monte_carlo::{self, Plan};
    let name = "monte carlo, 4 x 10 components";
    if !selected(name) {
        return;
    }
    let scenario = parse(
        Source::new("four-by-ten.toml", FOUR_BY_TEN),
        Path::new("benches"),
        &Overrides::default(),
    )
    .expect("the four-by-ten scenario parses");
    let range = |path: &str, low: Value, high: Value| Ranged {
        slot: set::resolve(&scenario, path).expect("a path"),
        spread: Spread {
            expected: scenario.params.values[set::resolve(&scenario, path).expect("a path")]
                .clone(),
            low,
            high,
            distribution: Distribution::Pert,
        },
    };
    let bytes = |n: i64| Value::Bytes(calc::base::units::Bytes::from_integer(n).expect("a size"));
    let ranges = [
        range(
            "workload.records_per_second",
            Value::Number(Decimal::from(500)),
            Value::Number(Decimal::from(10_500)),
        ),
        range("workload.record_size", bytes(100), bytes(10_240)),
    ];
    for samples in [samples(), 128] {
        let plan = Plan {
            samples,
            ..Plan::default()
        };
        let start = Instant::now();
        let odds = monte_carlo::run(
            &scenario,
            &scenario.params.values,
            &ranges,
            plan,
            &calc::base::progress::Progress::silent(),
        )
        .expect("runs")
        .expect("ranged");
        black_box(odds);
        eprintln!(
            "{:<52} {:>12.2?} in all (wall, {} cores)",
            format!("{name}, {samples} samples"),
            start.elapsed(),
            rayon::current_num_threads()
        );
    }
}

/// The seed's alternatives copied to `n`, evaluated, and rendered in every
/// format: each step timed once, as a single run already takes long enough.
fn many_alternatives(seed: &calc::scenario::Scenario, n: usize) {
    if !selected(&format!("{n} alternatives")) {
        return;
    }
    let mut scenario = parse(
        Source::new("seed.toml", SEED),
        Path::new("scenarios"),
        &Overrides::default(),
    )
    .expect("parses");
    scenario.alternatives = (0..n)
        .map(|i| {
            let mut alternative = seed.alternatives[i % seed.alternatives.len()].clone();
            alternative.name = format!("alternative {i}").into();
            alternative
        })
        .collect();
    let start = Instant::now();
    let report = calc::evaluate::evaluate(&scenario).expect("evaluates");
    eprintln!(
        "{:<52} {:>12.2?} once",
        format!("evaluate ({n} alternatives)"),
        start.elapsed()
    );
    for format in [Format::Table, Format::Json, Format::Markdown, Format::Csv] {
        let start = Instant::now();
        let output = black_box(render(&report, format));
        eprintln!(
            "{:<52} {:>12.2?} once, {} MB",
            format!("render {format:?} ({n} alternatives)").to_lowercase(),
            start.elapsed(),
            output.len() / 1_000_000
        );
    }
}

/// Whether `cargo bench -- WORD` asked for a measurement named `name`.
fn selected(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|w| name.contains(w.as_str()))
}

/// Runs `f` `iterations` times after a warm-up and prints the median of five
/// batches; `cargo bench -- WORD` runs only the measurements whose name has WORD.
fn measure(name: &str, iterations: u32, mut f: impl FnMut()) {
    if !selected(name) {
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
