//! Properties over many inputs: more load never costs less or needs less, a
//! flat peak is no peak, no scenario that parses makes `calc` panic, and no
//! vector of values that the scenario's checks accept makes an evaluation
//! panic.

use std::path::Path;

use calc::base::diagnostic::Source;
use calc::model::keys::Kind;
use calc::model::report::{CapacityValue, Report};
use calc::scenario::set;
use calc::scenario::{Overrides, parse};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::support::TempScenario;
use rust_decimal::Decimal;

fn evaluate(text: &str) -> Result<Report, String> {
    let scenario = parse(
        Source::new("p.toml", text),
        Path::new("."),
        &Overrides::default(),
    )
    .map_err(|d| d.to_string())?;
    calc::evaluate::evaluate(&scenario).map_err(|d| d.to_string())
}

fn scenario(rate: u64, size: u64, component: &str) -> String {
    peaked(rate, "", size, component)
}

/// A scenario whose workload has `peak` (a line such as `peak_to_average = 2`).
fn peaked(rate: u64, peak: &str, size: u64, component: &str) -> String {
    format!(
        "name = \"p\"\n[workload]\nrecords_per_second = {rate}\n{peak}\nrecord_size = {size}\n\
         [[alternatives]]\nname = \"a\"\ncomponents = [{component}]\n"
    )
}

/// A value of `kind`, as `--set` would take it, picked by `pick` and sized
/// by `magnitude`: edges (0, the largest rate) as often as ordinary values.
fn value_text(kind: &Kind, pick: usize, magnitude: u32) -> String {
    let number = [0u64, 1, 7, 1_000, 3_500, 1_000_000, 1_000_000_000_000][magnitude as usize % 7];
    match kind {
        Kind::Rate | Kind::Number | Kind::Ratio => [
            "0".to_string(),
            number.to_string(),
            format!("{number}.5"),
            "0.001".to_string(),
        ][pick % 4]
            .clone(),
        Kind::Count { max, .. } => (number.min(u64::from(*max))).to_string(),
        Kind::Size => {
            let unit = ["B", "KB", "MB", "GB", "TB", "PB"][pick % 6];
            format!("\"{} {unit}\"", number.min(1_000))
        }
        Kind::Duration => {
            let unit = ["ms", "s", "min", "h", "d"][pick % 5];
            format!("\"{} {unit}\"", number.min(10_000))
        }
        Kind::Durations { .. } => format!("[\"{} min\"]", number.min(10_000)),
        Kind::Choice(names) => format!("\"{}\"", names[pick % names.len()]),
        // Any type the default table's catalogue prices.
        Kind::Instance(service) => {
            let rows = calc::pricing::compiled(calc::pricing::DEFAULT_TABLE)
                .expect("the default table")
                .instances(service);
            format!("\"{}\"", rows[pick % rows.len()].name)
        }
        // The whole to the first part, or split between the first and last.
        Kind::Mix(names) => {
            if pick.is_multiple_of(2) {
                format!("{{ {} = 1 }}", names[0])
            } else {
                format!(
                    "{{ {} = 0.25, {} = 0.75 }}",
                    names[0],
                    names[names.len() - 1]
                )
            }
        }
        Kind::Flag => pick.is_multiple_of(2).to_string(),
        // A flat day, or one busy for the first `pick` hours.
        Kind::Day { .. } => {
            let busy = pick % 24 + 1;
            let hours: Vec<&str> = (0..24).map(|h| if h < busy { "3" } else { "0" }).collect();
            format!("[{}]", hours.join(", "))
        }
        // The whole day, a day that wraps midnight, or business hours.
        Kind::Hours => ["\"00-24\"", "\"22-06\"", "\"08-20\""][pick % 3].to_string(),
        Kind::Text => "\"x\"".to_string(),
    }
}

/// One configuration of every service that takes its load from the workload.
const COMPONENTS: [&str; 15] = [
    r#"{ service = "kinesis_data_streams", consumers = 2 }"#,
    r#"{ service = "kinesis_data_streams", capacity_mode = "on_demand", efo_consumers = 1, retention = "10 d" }"#,
    r#"{ service = "dynamodb", reads_per_second = 100 }"#,
    r#"{ service = "dynamodb", capacity_mode = "on_demand", reads_per_second = 100 }"#,
    r#"{ service = "firehose", format_conversion = true }"#,
    r#"{ service = "sqs", batch_size = 10 }"#,
    r#"{ service = "sqs", queue_type = "fifo", high_throughput = true, batch_size = 10 }"#,
    r#"{ service = "sns", sqs_subscriptions = 1, http_subscriptions = 2, email_subscriptions = 1 }"#,
    r#"{ service = "sns", topic_type = "fifo", sqs_subscriptions = 2 }"#,
    r#"{ service = "eventbridge", batch_size = 10, archive = true, archive_retention = "30 d" }"#,
    r#"{ service = "lambda", batch_size = 10, memory = "1 GB", duration = "300 ms" }"#,
    r#"{ service = "lambda", architecture = "arm64", memory = "512 MB", duration = "50 ms" }"#,
    r#"{ service = "s3", storage = "10 TB", gets_per_second = 100 }"#,
    r#"{ service = "msk", cluster_type = "serverless", consumers = 2 }"#,
    r#"{ service = "msk", broker_type = "kafka.m5.large", storage_per_broker = "1 TB", retention = "1 d" }"#,
];

fn capacity_sum(report: &Report) -> Decimal {
    report.alternatives[0].components[0]
        .capacity
        .iter()
        .filter(|c| {
            matches!(
                c.key,
                "shards" | "wcu" | "rcu" | "prefixes" | "concurrency" | "partitions_for_throughput"
            )
        })
        .map(|c| match c.value {
            CapacityValue::Number(n) => n,
            _ => Decimal::ZERO,
        })
        .sum()
}

proptest! {
    #[test]
    fn nothing_that_parses_panics(
        rate in prop_oneof![Just("-1".to_string()), Just("1e300".to_string()), Just("1000000000000".to_string()), any::<i64>().prop_map(|n| n.to_string()), any::<f64>().prop_map(|f| format!("{f:?}"))],
        size in prop_oneof![Just("\"0 B\"".to_string()), Just("\"1 PB\"".to_string()), any::<i64>().prop_map(|n| n.to_string()), "\"[0-9]{1,6}(\\.[0-9])? ?(B|KB|MB|GB|TB|kb|XB)\"".prop_map(|s| s)],
        component in 0..COMPONENTS.len(),
        hours in prop_oneof![Just("1".to_string()), Just("744".to_string()), Just("0.5".to_string()), any::<u16>().prop_map(|n| n.to_string())],
    ) {
        let text = format!(
            "name = \"p\"\nhours_per_month = {hours}\n[workload]\nrecords_per_second = {rate}\nrecord_size = {size}\n\
             [[alternatives]]\nname = \"a\"\ncomponents = [{}]\n",
            COMPONENTS[component]
        );
        // Through `calc::run`, as the binary runs it: every outcome is a
        // report (exit 0) or a message (exit 2), never a panic.
        let scenario = TempScenario::new("no-panic", &text);
        for format in ["table", "json", "markdown", "csv"] {
            let outcome = calc::run(["calc", "--format", format, scenario.path()]);
            match outcome.code {
                0 => prop_assert!(!outcome.stdout.is_empty() && outcome.stderr.is_empty()),
                2 => prop_assert!(outcome.stdout.is_empty() && outcome.stderr.starts_with("error: ")),
                code => prop_assert!(false, "exit {code}: {}", outcome.stderr),
            }
        }
    }

    #[test]
    fn a_flat_peak_is_no_peak(
        component in 0..COMPONENTS.len(),
        rate in 0u64..20_000,
        size in 1u64..400_000,
    ) {
        let component = COMPONENTS[component];
        let none = evaluate(&scenario(rate, size, component));
        let flat = evaluate(&peaked(rate, "peak_to_average = 1", size, component));
        let same_rate = evaluate(&peaked(rate, &format!("peak_records_per_second = {rate}"), size, component));
        prop_assert_eq!(&none, &flat);
        prop_assert_eq!(&none, &same_rate);
    }

}

/// Cases a property draws, and the fewest it must compare: a case it
/// skips (a point past the last price tier, a value the scenario refuses)
/// proves nothing, so that a property skipping them all fails instead of
/// holding without looking.
const CASES: u32 = 256;
const COMPARED_AT_LEAST: usize = 200;

/// Runs `property` over `strategy`'s cases; `property` says whether it
/// compared anything. Fails with the case that breaks it, or when too few
/// were compared.
fn holds<S: Strategy>(
    name: &str,
    strategy: S,
    property: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) {
    let compared = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config::with_cases(CASES));
    let result = runner.run(&strategy, |case| {
        if property(case)? {
            compared.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
    let compared = compared.into_inner();
    assert!(
        compared >= COMPARED_AT_LEAST,
        "{name}: only {compared} of {CASES} cases were compared"
    );
}

#[test]
fn more_load_never_costs_less() {
    let cases = (
        0..COMPONENTS.len(),
        0u64..20_000,
        0u64..20_000,
        1u64..400_000,
        0u64..10_000,
    );
    holds(
        "more load",
        cases,
        |(component, rate, extra_rate, size, extra_size)| {
            let component = COMPONENTS[component];
            // Past the last price tier (petabytes a month) `calc` refuses to
            // price rather than guess: such points are skipped, not compared.
            let Ok(base) = evaluate(&scenario(rate, size, component)) else {
                return Ok(false);
            };
            let mut compared = false;
            for (r, s) in [(rate + extra_rate, size), (rate, size + extra_size)] {
                let Ok(more) = evaluate(&scenario(r, s, component)) else {
                    continue;
                };
                prop_assert!(
                    more.alternatives[0].monthly_cost >= base.alternatives[0].monthly_cost
                );
                prop_assert!(capacity_sum(&more) >= capacity_sum(&base));
                compared = true;
            }
            Ok(compared)
        },
    );
}

#[test]
fn a_higher_peak_never_needs_less() {
    let cases = (
        0..COMPONENTS.len(),
        1u64..5_000,
        1u64..5,
        0u64..5,
        1u64..100_000,
    );
    holds(
        "a higher peak",
        cases,
        |(component, rate, ratio, extra, size)| {
            let component = COMPONENTS[component];
            let peak = |r: u64| peaked(rate, &format!("peak_to_average = {r}"), size, component);
            let (Ok(low), Ok(high)) = (evaluate(&peak(ratio)), evaluate(&peak(ratio + extra)))
            else {
                return Ok(false);
            };
            prop_assert!(capacity_sum(&high) >= capacity_sum(&low));
            prop_assert!(high.alternatives[0].monthly_cost >= low.alternatives[0].monthly_cost);
            Ok(true)
        },
    );
}

#[test]
fn no_accepted_vector_of_values_panics() {
    let cases = (
        0..BUNDLED.len(),
        prop::collection::vec((any::<usize>(), any::<usize>(), 0u32..7), 1..12),
    );
    holds("no panic", cases, |(file, changes)| {
        let (name, text) = BUNDLED[file];
        let scenario = parse(
            Source::new(name, text),
            Path::new("scenarios"),
            &Overrides::default(),
        )
        .expect("a bundled scenario parses");
        let mut values = scenario.params.values.clone();
        let slots: Vec<(String, usize)> = set::paths(&scenario).collect();
        let mut accepted = false;
        for (slot, pick, magnitude) in changes {
            let (path, slot) = &slots[slot % slots.len()];
            let kind = &scenario.params.info[*slot].key.kind;
            // A value the scenario's checks refuse is never evaluated.
            let value = value_text(kind, pick, magnitude);
            accepted |= set::set(&scenario, &mut values, path, &value).is_ok();
        }
        // A report or a located error: either is fine, a panic is not.
        let _ = calc::evaluate::evaluate_with(&scenario, &values);
        Ok(accepted)
    });
}

/// The bundled scenarios, whose values the last property varies.
const BUNDLED: [(&str, &str); 6] = [
    (
        "kinesis-vs-dynamodb.toml",
        include_str!("../scenarios/kinesis-vs-dynamodb.toml"),
    ),
    (
        "3000-messages-per-second.toml",
        include_str!("../scenarios/3000-messages-per-second.toml"),
    ),
    (
        "kinesis-vs-msk.toml",
        include_str!("../scenarios/kinesis-vs-msk.toml"),
    ),
    (
        "streaming-real-time-layer.toml",
        include_str!("../scenarios/streaming-real-time-layer.toml"),
    ),
    (
        "scheduled-jobs.toml",
        include_str!("../scenarios/scheduled-jobs.toml"),
    ),
    (
        "aws-pricing-examples.toml",
        include_str!("../scenarios/aws-pricing-examples.toml"),
    ),
];
