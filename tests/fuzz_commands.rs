//! A seeded fuzz campaign over the commands CI and learners run with
//! arguments of their own: `sweep`, `solve` and `--set` with random paths,
//! ranges and values at the edges of exact decimals; `pricing check` and
//! `pricing show` on mutated tables; and `check` over generated folders
//! (links in and out, special files, odd names), with and without GitHub
//! Actions. Every case must keep the contract:
//!
//! - exit 0 (1 for a failing `check`) with output on stdout and nothing on
//!   stderr but calc's own annotations, or exit 2 with an `error: ` message
//!   on stderr and nothing on stdout (`check` reports in its format);
//! - no panic, no exit code but 0, 1 and 2;
//! - every output acts on nothing (see `inert.rs`): JUnit and SVG parse as
//!   XML, JSON as JSON, and nothing of a file outside a checked folder is
//!   printed.
//!
//! `cargo test` runs a few thousand cases; the campaign runs a million:
//! `cargo test --release --test integration -- --ignored fuzz_commands --nocapture`
//! (`CALC_FUZZ_CASES` and `CALC_FUZZ_SECONDS` bound it).

use std::path::Path;
use std::time::{Duration, Instant};

use calc::base::environment::Environment;

use crate::fuzz::{Rng, mutate};
use crate::hostile::TempDir;
use crate::inert::{assert_inert, assert_xml};

const SCENARIOS: [&str; 8] = [
    "scenarios/kinesis-vs-dynamodb.toml",
    "scenarios/dynamodb-capacity-modes.toml",
    "scenarios/lambda-vs-batch.toml",
    "scenarios/athena-or-redshift.toml",
    "scenarios/time-series-store.toml",
    "scenarios/kinesis-vs-msk.toml",
    "scenarios/big-data-ingestion.toml",
    "scenarios/scheduled-jobs.toml",
];

/// Numbers at the edges of 28-digit decimals, and some that are no numbers.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "3000",
    "1e-28",
    "1e-27",
    "1e-29",
    "5e-324",
    "1e28",
    "7.9e28",
    "7.92281625142643375935439503e28",
    "1e300",
    "18446744073709551615",
    "-9223372036854775808",
    "0.000000000000000001",
    "0.0000000000000000000000000001",
    "nan",
    "inf",
    "1_000",
    "",
    "x",
    "1..2",
];
const UNITS: &[&str] = &[
    "B", "KB", "MB", "GB", "TB", "PB", "KiB", "ms", "s", "min", "h", "d", "y", "",
];
const CONDITIONS: &[&str] = &[
    "feasible",
    "cost<=500",
    "cost<=0",
    "cost<=1e-28",
    "cost<=7.9e28",
    "cost<=-1",
    "cost<=",
    "cost<=Kinesis Data Streams",
    "cost<=On demand",
    "cost<=nothing",
    "cheap",
];
const SWEEP_FORMATS: [&str; 4] = ["table", "json", "csv", "svg"];
const CHECK_FORMATS: [&str; 4] = ["table", "json", "markdown", "junit"];

/// A value in the scenario's syntax: a number, or a size or duration in
/// quotes, or something else.
fn value(rng: &mut Rng) -> String {
    let number = rng.pick(NUMBERS);
    match rng.below(6) {
        0..=2 => number.to_string(),
        3 | 4 => format!("\"{number} {}\"", rng.pick(UNITS)),
        _ => rng
            .pick(&["true", "\"on_demand\"", "\"x\"", "[]", "\"\u{1b}\"", "{}"])
            .to_string(),
    }
}

/// A path of `scenario` (any of its values, a near miss, or nonsense).
fn path(rng: &mut Rng, paths: &[String]) -> String {
    match rng.below(10) {
        0 => rng
            .pick(&["workload.x", "prices.nothing", "alternatives[9].x", "", "."])
            .to_string(),
        1 => format!("{}x", rng.pick(paths)),
        _ => rng.pick(paths).clone(),
    }
}

/// Every path a scenario's values have, as `calc` names them.
fn paths_of(scenario: &str) -> Vec<String> {
    let overrides = calc::scenario::Overrides::default();
    let loaded = calc::scenario::load(Path::new(scenario), &overrides).expect("bundled scenario");
    calc::scenario::set::paths(&loaded)
        .map(|(path, _)| path)
        .collect()
}

/// The arguments of one random `sweep`, `solve` or report with `--set`.
fn what_if(rng: &mut Rng, scenario: &str, paths: &[String]) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    match rng.below(3) {
        0 => {
            let (from, to) = (value(rng), value(rng));
            args.extend(["sweep".into(), scenario.into()]);
            args.extend([
                "--vary".into(),
                format!("{}={from}..{to}", path(rng, paths)),
            ]);
            match rng.below(4) {
                0 => args.extend([
                    "--steps".into(),
                    rng.pick(&["1", "2", "7", "50", "0"]).to_string(),
                ]),
                1 => args.extend(["--step".into(), value(rng)]),
                2 => args.push("--log".into()),
                _ => {}
            }
            args.extend(["--format".into(), rng.pick(&SWEEP_FORMATS).to_string()]);
        }
        1 => {
            args.extend([
                "solve".into(),
                scenario.into(),
                "--for".into(),
                path(rng, paths),
            ]);
            args.extend(["--until".into(), rng.pick(CONDITIONS).to_string()]);
            if rng.below(2) == 0 {
                args.extend(["--within".into(), format!("{}..{}", value(rng), value(rng))]);
            }
            args.extend(["--format".into(), rng.pick(&["table", "json"]).to_string()]);
        }
        _ => {
            args.push(scenario.into());
            args.extend([
                "--format".into(),
                rng.pick(&["table", "json", "markdown", "csv"]).to_string(),
            ]);
        }
    }
    for _ in 0..rng.below(3) {
        args.extend([
            "--set".into(),
            format!("{}={}", path(rng, paths), value(rng)),
        ]);
    }
    if rng.below(8) == 0 {
        args.extend(["--hours-per-month".into(), rng.pick(NUMBERS).to_string()]);
    }
    args
}

/// A secret beside every generated folder: no byte of it may be printed.
const SECRET: &str = "aws_secret_access_key = \"SECRETSECRET\"\n";

/// Names a file in a checked folder may have.
const NAMES: &[&str] = &[
    "a",
    "b c",
    "-rf",
    "é",
    "x\n::add-mask::y",
    "##[error]z",
    "\u{1b}]0;t\u{7}",
    "\u{202e}r",
    "@org #1",
    "~~~",
    "q\"'<&>",
    "\u{fffe}",
];

/// A folder of scenarios for `calc check`: bundled and mutated scenarios,
/// a pricing table, links that stay in and links that lead out, and a FIFO.
fn folder(rng: &mut Rng, dir: &TempDir) -> String {
    let _ = std::fs::remove_dir_all(dir.path("case"));
    dir.write("secret.toml", SECRET);
    for i in 0..=rng.below(4) {
        let name = format!("case/{}{i}.toml", rng.pick(NAMES));
        let text = std::fs::read(rng.pick(&SCENARIOS)).expect("bundled");
        let text = if rng.below(2) == 0 {
            mutate(rng, &text)
        } else {
            text
        };
        dir.write(&name, text);
        #[cfg(unix)]
        match rng.below(6) {
            0 => link(
                &dir.path("secret.toml"),
                &dir.path(&format!("case/out{i}.toml")),
            ),
            1 => link(
                &dir.path("nowhere.toml"),
                &dir.path(&format!("case/gone{i}.toml")),
            ),
            2 => link(&dir.path(&name), &dir.path(&format!("case/in{i}.toml"))),
            3 => link(&dir.path("case"), &dir.path(&format!("case/loop{i}"))),
            4 => fifo(&dir.path(&format!("case/pipe{i}.toml"))),
            _ => {}
        }
    }
    dir.path("case")
}

#[cfg(unix)]
fn link(target: &str, at: &str) {
    let _ = std::os::unix::fs::symlink(target, at);
}

#[cfg(unix)]
fn fifo(at: &str) {
    let path = std::ffi::CString::new(at).expect("no NUL");
    // SAFETY: `path` is a valid C string that outlives the call.
    unsafe { libc::mkfifo(path.as_ptr(), 0o600) };
}

/// One case; `Err` describes a broken contract.
fn case(dir: &TempDir, paths: &[Vec<String>], seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let mut env = Environment::plain();
    let args: Vec<String> = match rng.below(6) {
        0..=2 => {
            let i = rng.below(SCENARIOS.len());
            what_if(&mut rng, SCENARIOS[i], &paths[i])
        }
        3 => {
            let mut table = std::fs::read("pricing/aws-us-east-1.toml").expect("bundled table");
            for _ in 0..=rng.below(3) {
                table = mutate(&mut rng, &table);
            }
            let path = dir.write("table.toml", table);
            match rng.below(2) {
                0 => vec!["pricing".into(), "check".into(), path],
                _ => vec!["pricing".into(), "show".into(), path],
            }
        }
        _ => {
            let folder = folder(&mut rng, dir);
            if rng.below(2) == 0 {
                env.github_actions = true;
                env.step_summary = Some(dir.path("summary.md").into());
            }
            let format = rng.pick(&CHECK_FORMATS).to_string();
            vec!["check".into(), folder, "--format".into(), format]
        }
    };
    let describe = |what: &str| format!("case {seed}: calc {args:?}: {what}");
    let run = || {
        let args = std::iter::once("calc").chain(args.iter().map(String::as_str));
        std::panic::catch_unwind(|| calc::run_in(args, &env)).map_err(|_| describe("panicked"))
    };
    let outcome = run()?;
    let check = args[0] == "check";
    let (out, err) = (&outcome.stdout, &outcome.stderr);
    let kept = match outcome.code {
        0 => !out.is_empty() && (err.is_empty() || env.github_actions),
        1 => check && !out.is_empty(),
        2 => err.starts_with("error: ") && (out.is_empty() || check),
        _ => false,
    };
    if !kept {
        return Err(describe(&format!(
            "exit {}\nstdout:\n{out}\nstderr:\n{err}",
            outcome.code
        )));
    }
    let whole = std::panic::catch_unwind(|| {
        assert_inert("stdout", out, false);
        assert_inert("stderr", err, env.github_actions);
        let format = args
            .windows(2)
            .find(|w| w[0] == "--format")
            .map(|w| w[1].as_str());
        if matches!(format, Some("junit" | "svg")) && !out.is_empty() {
            assert_xml("stdout", out);
        }
        if format == Some("json") && !out.is_empty() {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(out);
            assert!(parsed.is_ok(), "not JSON: {out}");
        }
        for text in [out, err] {
            assert!(
                !text.contains("SECRETSECRET"),
                "a secret was printed: {text}"
            );
        }
    });
    whole.map_err(|payload| {
        let text = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        describe(&text.chars().take(4_000).collect::<String>())
    })?;
    // The same arguments, the same output (a folder is read again as it is).
    if seed.is_multiple_of(16) && run()? != outcome {
        return Err(describe("a second run printed something else"));
    }
    Ok(())
}

/// Runs cases from `first` (`count` of them, or until `deadline`); fails
/// with the first few broken contracts. Returns how many ran.
fn campaign(name: &str, first: u64, count: u64, deadline: Option<Duration>) -> u64 {
    let dir = TempDir::new(name);
    let paths: Vec<Vec<String>> = SCENARIOS.iter().map(|s| paths_of(s)).collect();
    let start = Instant::now();
    let mut failures = Vec::new();
    let mut ran = 0;
    for seed in first..first + count {
        if let Err(failure) = case(&dir, &paths, seed) {
            failures.push(failure);
            if failures.len() == 5 {
                break;
            }
        }
        ran += 1;
        if deadline.is_some_and(|d| start.elapsed() > d) {
            break;
        }
    }
    assert!(
        failures.is_empty(),
        "{} broken contracts in {ran} cases:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    ran
}

#[test]
fn fuzz_commands_a_few_thousand_cases() {
    let ran = campaign("fuzz-commands-quick", 0, 2_000, None);
    assert_eq!(ran, 2_000);
}

/// `cargo test --release --test integration -- --ignored fuzz_commands --nocapture`
#[test]
#[ignore = "a million cases: run it in release, as the README says"]
fn fuzz_commands_a_million_cases() {
    let count = std::env::var("CALC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let deadline = std::env::var("CALC_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs);
    let start = Instant::now();
    let ran = campaign("fuzz-commands-campaign", 1_000_000, count, deadline);
    println!(
        "fuzz_commands: {ran} cases, contract kept, in {:.1?}",
        start.elapsed()
    );
}
