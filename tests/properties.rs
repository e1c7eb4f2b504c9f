//! Properties over many inputs: more load never costs less or needs less, and
//! no scenario that parses makes `calc` panic.

use std::path::Path;

use calc::diagnostic::Source;
use calc::report::{CapacityValue, Report};
use calc::scenario::{Overrides, parse};
use proptest::prelude::*;

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
    format!(
        "name = \"p\"\n[workload]\nrecords_per_second = {rate}\nrecord_size = {size}\n\
         [[alternatives]]\nname = \"a\"\ncomponents = [{component}]\n"
    )
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
    fn more_load_never_costs_less(
        component in 0..COMPONENTS.len(),
        rate in 0u64..20_000,
        extra_rate in 0u64..20_000,
        size in 1u64..400_000,
        extra_size in 0u64..10_000,
    ) {
        let component = COMPONENTS[component];
        // Past the last price tier (petabytes a month) `calc` refuses to
        // price rather than guess: such points are skipped, not compared.
        let Ok(base) = evaluate(&scenario(rate, size, component)) else {
            return Ok(());
        };
        for (r, s) in [(rate + extra_rate, size), (rate, size + extra_size)] {
            let Ok(more) = evaluate(&scenario(r, s, component)) else {
                continue;
            };
            prop_assert!(more.alternatives[0].monthly_cost >= base.alternatives[0].monthly_cost);
            prop_assert!(capacity_sum(&more) >= capacity_sum(&base));
        }
    }

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
}
