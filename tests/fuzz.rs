//! A seeded fuzz campaign: the bundled scenarios and pricing table, mutated
//! (numbers at their edges, wrong types, deleted and duplicated lines, unknown
//! services, random units, unicode, long strings, deep nesting, random
//! bytes), run through `calc::run` as the binary runs them. Every case must
//! keep the contract:
//!
//! - exit 0 with a report on stdout and nothing on stderr, or exit 2 with a
//!   message that names the file and nothing on stdout;
//! - no panic (arithmetic overflow is turned into a message by `run`);
//! - the same input gives the same output.
//!
//! `cargo test` runs a few thousand cases; the campaign runs a million:
//! `cargo test --release --test integration -- --ignored fuzz --nocapture`
//! (`CALC_FUZZ_CASES` and `CALC_FUZZ_SECONDS` bound it).

use std::time::{Duration, Instant};

use crate::hostile::TempDir;

const SCENARIOS: [&str; 6] = [
    include_str!("../scenarios/3000-messages-per-second.toml"),
    include_str!("../scenarios/aws-pricing-examples.toml"),
    include_str!("../scenarios/kinesis-vs-dynamodb.toml"),
    include_str!("../scenarios/kinesis-vs-msk.toml"),
    include_str!("../scenarios/scheduled-jobs.toml"),
    include_str!("../scenarios/streaming-real-time-layer.toml"),
];
const TABLE: &str = include_str!("../pricing/aws-us-east-1.toml");
const FORMATS: [&str; 4] = ["table", "json", "markdown", "csv"];

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "1e-28",
    "1e-29",
    "4.9e-29",
    "1e-30",
    "1e-300",
    "5e-324",
    "1e28",
    "7.9e28",
    "1e300",
    "1.7976931348623157e308",
    "9223372036854775807",
    "-9223372036854775808",
    "nan",
    "inf",
    "-inf",
    "0.1",
    "3.0",
    "744",
    "745",
    "730.0000000000000000000000001",
    "\"12\"",
    "\"1_000\"",
];
const WRONG_TYPES: &[&str] = &[
    "\"x\"",
    "true",
    "[]",
    "{}",
    "[[1]]",
    "[1, \"a\"]",
    "{ a = 1 }",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "\"\"",
];
const UNITS: &[&str] = &[
    "B", "KB", "MB", "GB", "TB", "PB", "KiB", "kb", "XB", "ms", "s", "min", "h", "d", "w", "", " ",
    "µs", "1", "e3",
];
const SERVICES: &[&str] = &[
    "kinesis_data_streams",
    "firehose",
    "managed_flink",
    "msk",
    "sqs",
    "sns",
    "eventbridge",
    "lambda",
    "dynamodb",
    "s3",
    "ec2",
    "kinesis",
    "",
    "Lambda",
    "kinesis_data_streams ",
];
const UNICODE: &[&str] = &[
    "\\u001b[2J",
    "\\u0007",
    "\\r",
    "\\n# heading",
    "\u{202e}",
    "é",
    "日本",
    "🙂",
    "\u{200b}",
    "|",
    "`<script>`",
    "=cmd",
    "\\u0000",
    "\\\"",
];

/// A key in a line `key = value`, or `None`.
fn split_assignment(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(" = ")?;
    (!key.trim_start().starts_with('#')).then_some((key, value))
}

/// One mutation of `text`, as bytes (random bytes may not be UTF-8).
pub fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return flip_bytes(rng, text);
    };
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return b"name = \"empty\"\n".to_vec();
    }
    let i = rng.below(lines.len());
    match rng.below(12) {
        0 | 1 => {
            // A number at its edge.
            if let Some((key, _)) = split_assignment(&lines[i]) {
                lines[i] = format!("{key} = {}", rng.pick(NUMBERS));
            } else {
                lines[i] = replace_a_number(rng, &lines[i]);
            }
        }
        2 => {
            if let Some((key, _)) = split_assignment(&lines[i]) {
                lines[i] = format!("{key} = {}", rng.pick(WRONG_TYPES));
            }
        }
        3 => {
            lines.remove(i);
        }
        4 => {
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        5 => {
            let service = rng.pick(SERVICES);
            lines[i] = replace_quoted_after(&lines[i], "service = ", service);
        }
        6 => {
            // A size or a duration with a random number and unit.
            let value = format!(
                "{} {}",
                rng.pick(NUMBERS).trim_matches('"'),
                rng.pick(UNITS)
            );
            lines[i] = replace_first_quoted(&lines[i], &value);
        }
        7 => {
            let extra = rng.pick(UNICODE);
            lines[i] = insert_into_quoted(&lines[i], extra);
        }
        8 => {
            let long = "x".repeat(1 << rng.below(15));
            lines[i] = replace_first_quoted(&lines[i], &long);
        }
        9 => {
            let depth = 1 << rng.below(12);
            let (open, close) = if rng.below(2) == 0 {
                ("[", "]")
            } else {
                ("{ a = ", " }")
            };
            let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            if let Some((key, _)) = split_assignment(&lines[i]) {
                lines[i] = format!("{key} = {nested}");
            } else {
                lines.insert(i, format!("nested = {nested}"));
            }
        }
        10 => return flip_bytes(rng, text.as_bytes()),
        _ => {
            // A key of another line, in this line's place.
            let j = rng.below(lines.len());
            if let (Some((_, value)), Some((key, _))) =
                (split_assignment(&lines[i]), split_assignment(&lines[j]))
            {
                lines[i] = format!("{key} = {value}");
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

fn flip_bytes(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for _ in 0..=rng.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(3) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes.insert(at, rng.next() as u8),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}

fn replace_a_number(rng: &mut Rng, line: &str) -> String {
    let Some(start) = line.find(|c: char| c.is_ascii_digit()) else {
        return line.to_string();
    };
    let end = line[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .map_or(line.len(), |n| start + n);
    format!(
        "{}{}{}",
        &line[..start],
        rng.pick(NUMBERS).trim_matches('"'),
        &line[end..]
    )
}

fn replace_quoted_after(line: &str, marker: &str, value: &str) -> String {
    match line.find(marker) {
        Some(at) => {
            let (head, tail) = line.split_at(at + marker.len());
            format!("{head}{}", replace_first_quoted(tail, value))
        }
        None => line.to_string(),
    }
}

fn replace_first_quoted(line: &str, value: &str) -> String {
    let Some(start) = line.find('"') else {
        return line.to_string();
    };
    let Some(len) = line[start + 1..].find('"') else {
        return line.to_string();
    };
    let end = start + 1 + len;
    format!("{}\"{value}\"{}", &line[..start], &line[end + 1..])
}

fn insert_into_quoted(line: &str, extra: &str) -> String {
    match line.find('"') {
        Some(start) => format!("{}{extra}{}", &line[..=start], &line[start + 1..]),
        None => line.to_string(),
    }
}

/// One case: which scenario, whether the table is mutated too, what a run
/// prints. `Err` describes a broken contract.
fn case(dir: &TempDir, seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let mut scenario = rng.pick(&SCENARIOS).as_bytes().to_vec();
    let with_table = rng.below(10) == 0;
    if with_table {
        // The table is the one mutated; the scenario names it, in its folder.
        let mut table = TABLE.as_bytes().to_vec();
        for _ in 0..=rng.below(3) {
            table = mutate(&mut rng, &table);
        }
        dir.write("t.toml", &table);
        let text = String::from_utf8_lossy(&scenario).replace("pricing = \"aws-us-east-1\"", "");
        scenario = format!("pricing = \"t.toml\"\n{text}").into_bytes();
    } else {
        for _ in 0..=rng.below(3) {
            scenario = mutate(&mut rng, &scenario);
        }
    }
    let path = dir.write("s.toml", &scenario);
    let format = *rng.pick(&FORMATS);
    let args = ["calc", "--format", format, &path];
    let run = || {
        std::panic::catch_unwind(|| calc::run(args)).map_err(|payload| {
            let text = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("panicked: {text}")
        })
    };
    let describe = |what: &str| {
        format!(
            "case {seed} ({format}{}): {what}\n--- s.toml\n{}",
            if with_table { ", mutated table" } else { "" },
            String::from_utf8_lossy(&scenario)
                .chars()
                .take(2_000)
                .collect::<String>()
        )
    };
    let first = run().map_err(|e| describe(&e))?;
    match first.code {
        0 if !first.stdout.is_empty() && first.stderr.is_empty() => {}
        2 if first.stdout.is_empty()
            && first.stderr.starts_with("error: ")
            && ["s.toml", "t.toml", "pricing/aws-us-east-1.toml"]
                .iter()
                .any(|name| first.stderr.contains(name)) => {}
        code => {
            return Err(describe(&format!(
                "exit {code}, stdout {} bytes, stderr:\n{}",
                first.stdout.len(),
                first.stderr
            )));
        }
    }
    let second = run().map_err(|e| describe(&e))?;
    if second != first {
        return Err(describe("a second run printed something else"));
    }
    Ok(())
}

/// Runs cases `first..first + count` (or until `deadline`), and fails with
/// the first few broken contracts. Returns how many cases ran.
fn campaign(name: &str, first: u64, count: u64, deadline: Option<Duration>) -> u64 {
    let dir = TempDir::new(name);
    let start = Instant::now();
    let mut failures = Vec::new();
    let mut ran = 0;
    for seed in first..first + count {
        if let Err(failure) = case(&dir, seed) {
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
fn fuzz_a_few_thousand_cases() {
    campaign("fuzz-quick", 0, 2_000, None);
}

/// `cargo test --release --test integration -- --ignored fuzz --nocapture`
#[test]
#[ignore = "a million cases: run it in release, as the README says"]
fn fuzz_a_million_cases() {
    let count = std::env::var("CALC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let deadline = std::env::var("CALC_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs);
    let start = Instant::now();
    // Seeds after the quick run's, so that the two never repeat each other.
    let ran = campaign("fuzz-campaign", 1_000_000, count, deadline);
    println!(
        "fuzz: {ran} cases, contract kept, in {:.1?}",
        start.elapsed()
    );
}
