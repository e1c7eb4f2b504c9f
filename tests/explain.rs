//! `calc explain`: the working of the examples the study note and AWS work
//! by hand, checked against those hand-worked figures.

use serde_json::Value;

use crate::support::{TempScenario, accepted, accepted_json, rejected};

const SEED: &str = "scenarios/kinesis-vs-dynamodb.toml";

/// The steps of the component at `component` of the alternative `name`.
fn steps(document: &Value, name: &str, component: usize) -> Vec<Value> {
    let alternative = document["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no alternative `{name}`"));
    let components = alternative["components"].as_array().expect("components");
    let found = components
        .iter()
        .find(|c| c["index"] == component)
        .unwrap_or_else(|| panic!("no component {component} in `{name}`"));
    found["explanation"].as_array().expect("steps").clone()
}

/// The step of `figure` and `part`: its value, as text, and its text.
fn step(steps: &[Value], figure: &str, part: &str) -> (String, String) {
    let found = steps
        .iter()
        .rev()
        .find(|s| s["figure"] == figure && s["part"] == part)
        .unwrap_or_else(|| panic!("no {part} step for `{figure}`"));
    (
        found["value"].to_string(),
        found["text"].as_str().expect("text").to_string(),
    )
}

#[test]
fn the_seeds_kinesis_stream_is_worked_from_its_three_terms() {
    // 3,000 records/s of 1 KB, two shared consumers: by bytes 3,072,000 B/s
    // ÷ 1,048,576 B/s = 2.9296875; by records 3,000 ÷ 1,000 = 3; by shared
    // reads 3,072,000 × 2 ÷ 2,097,152 = 2.9296875. The records bind: ⌈3⌉ = 3
    // shards. 3 × 730 h = 2,190 shard-hours × $0.015 = $32.85. PUT payload
    // units: ⌈1,024 ÷ 25,600⌉ = 1 a record, 3,000/s × 2,628,000 s = 7,884
    // million × $0.014 = $110.376.
    let document = accepted_json(&["explain", "--format", "json", SEED]);
    let steps = steps(&document, "Kinesis Data Streams", 0);
    assert_eq!(
        step(&steps, "write_bytes_shards", "capacity").0,
        "2.9296875"
    );
    assert_eq!(step(&steps, "write_records_shards", "capacity").0, "3");
    assert_eq!(
        step(&steps, "shared_read_bytes_shards", "capacity").0,
        "2.9296875"
    );
    let shards = steps
        .iter()
        .find(|s| s["figure"] == "shards")
        .expect("shards");
    assert_eq!(shards["value"], 3);
    // ⌈max(…)⌉ at least 1: the inner maximum's binding term is the records'.
    let inner = &shards["expression"]["args"][0]["args"][0];
    assert_eq!(
        (inner["op"].as_str(), inner["binding"].as_u64()),
        (Some("max"), Some(1))
    );
    let key = "kinesis_data_streams.shard_hour";
    assert_eq!(step(&steps, key, "quantity").0, "2190");
    assert_eq!(step(&steps, key, "cost").0, "32.85");
    let key = "kinesis_data_streams.put_payload_units";
    assert_eq!(step(&steps, key, "quantity").0, "7884");
    assert_eq!(step(&steps, key, "cost").0, "110.376");

    let table = accepted(&["explain", SEED, "--alternative", "Kinesis Data Streams"]);
    for line in [
        "write_records_shards          3,000 records/s ÷ 1,000 records/s = 3 shards",
        "shard_hour                    3 shards × 730 h = 2,190 shard-hour",
        "cost                        2,190 shard-hour × $0.015/shard-hour = $32.85",
        "put_payload_units_per_record  max(⌈1,024 B ÷ 25,600 B⌉ ◀, 1) = max(⌈0.04⌉ ◀, 1) = max(1 ◀, 1) = 1",
        // A stream has at least one shard: one, in the singular.
        "shards                        max(⌈max(2.9297 shards, 3 shards ◀, 2.9297 shards)⌉ ◀, 1 shard) = max(3 ◀, 1 shard) = 3 shards",
        "1 shard  a stream has at least one shard",
        "cost                        7,884 million units × $0.014/million units = $110.376",
    ] {
        assert!(table.contains(line), "no line `{line}` in\n{table}");
    }
}

#[test]
fn the_seeds_dynamodb_table_shows_the_minimum_it_applies() {
    // 3,000 writes/s of 1 KB: ⌈1,024 ÷ 1,024⌉ = 1 WCU a write, 3,000 WCU ×
    // 730 h = 2,190,000 WCU-hours × $0.00065 = $1,423.50. No reads: the RCU
    // is the minimum of 1, which binds.
    let document = accepted_json(&["explain", "--format", "json", SEED]);
    let steps = steps(&document, "DynamoDB + Streams", 0);
    assert_eq!(step(&steps, "wcu", "capacity").0, "3000");
    assert_eq!(step(&steps, "dynamodb.wcu_hour", "quantity").0, "2190000");
    assert_eq!(step(&steps, "dynamodb.wcu_hour", "cost").0, "1423.5");
    let rcu = steps.iter().find(|s| s["figure"] == "rcu").expect("rcu");
    assert_eq!(rcu["value"], 1);
    assert_eq!(rcu["expression"]["op"], "max");
    assert_eq!(rcu["expression"]["binding"], 1);
    assert_eq!(
        rcu["expression"]["args"][1]["given"]["what"],
        "a provisioned table has at least 1 RCU"
    );
    assert_eq!(
        rcu["text"],
        "max(⌈0 reads/s × 0.5⌉, 1 RCU ◀) = max(0, 1 RCU ◀) = 1 RCU"
    );
}

#[test]
fn firehose_fills_its_buffer_before_the_interval_and_s3_counts_its_objects() {
    // 2,000 records/s of 1 KB into a 64 MB buffer: 67,108,864 B ÷ 2,048,000
    // B/s = 32.768 s, under the 300 s interval, so an object every 32.768 s:
    // 1 ÷ 32.768 = 0.030517578125 a second, and 2,628,000 s ÷ 32.768 s =
    // 80,200.1953125 PUTs a month, 80.2001953125 thousand × $0.005 =
    // $0.4010009765625.
    let file = "scenarios/ingestion-to-athena.toml";
    let document = accepted_json(&["explain", "--format", "json", file]);
    let name = "Athena on the CSV Firehose lands";
    let firehose = steps(&document, name, 1);
    assert_eq!(
        step(&firehose, "buffer_fill_seconds", "capacity").0,
        "32.768"
    );
    let (objects, text) = step(&firehose, "objects_per_second", "capacity");
    assert_eq!(objects, "0.030517578125");
    assert!(text.contains("min(300 s, 32.768 ◀)"), "{text}");
    let s3 = steps(&document, name, 2);
    assert_eq!(step(&s3, "s3.put_requests", "quantity").0, "80.2001953125");
    assert_eq!(step(&s3, "s3.put_requests", "cost").0, "0.4010009765625");
}

#[test]
fn athena_scans_text_whole_and_bills_a_small_query_as_10_mb() {
    // AWS's example: 3 TB of CSV in 4 columns, a query naming one: text is
    // read whole, 3 TB = 3,145,728 MB, 3 TB × $5 = $15. A query of a 1 KB
    // table scans ⌈1,024 ÷ 1,048,576⌉ = 1 MB, billed as the 10 MB minimum.
    let scenario = TempScenario::new(
        "athena",
        r#"name = "Athena"
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "CSV"
components = [{ service = "athena", queries_per_month = 1, table_size = "3 TB", format = "csv", columns = 4, columns_read = 1 }]
[[alternatives]]
name = "Small"
components = [{ service = "athena", queries_per_month = 1, table_size = "1 KB", format = "csv" }]
"#,
    );
    let document = accepted_json(&["explain", "--format", "json", scenario.path()]);
    let csv = steps(&document, "CSV", 0);
    assert_eq!(
        step(&csv, "scanned_bytes_per_query", "capacity").0,
        "3298534883328"
    );
    assert_eq!(step(&csv, "billed_mb_per_query", "capacity").0, "3145728");
    assert_eq!(step(&csv, "athena.data_scanned_tb", "cost").0, "15");
    let small = steps(&document, "Small", 0);
    let (mb, text) = step(&small, "billed_mb_per_query", "capacity");
    assert_eq!(mb, "10");
    assert_eq!(
        text,
        "max(⌈1,024 B ÷ 1,048,576 B⌉, 10 MB ◀) = max(⌈0.0009766⌉, 10 MB ◀) = max(1, 10 MB ◀) = 10 MB"
    );
}

#[test]
fn lambdas_free_tier_is_taken_off_in_the_working() {
    // AWS's example, free tier on: 3 million requests less the free 1 million
    // = 2 million × $0.20 = $0.40; 3,000,000 × 1 s × 0.5 GB = 1,500,000
    // GB-seconds less the free 400,000 = 1,100,000 × $0.00001667 = $18.337,
    // rounded up to the cent as the example does: $18.34.
    let file = "scenarios/aws-pricing-examples.toml";
    let document = accepted_json(&["explain", "--format", "json", file]);
    let lambda = steps(
        &document,
        "Lambda: 3 million 1-second invocations at 512 MB",
        0,
    );
    assert_eq!(step(&lambda, "lambda.requests", "free").0, "1");
    assert_eq!(step(&lambda, "lambda.requests", "cost").0, "0.4");
    assert_eq!(
        step(&lambda, "lambda.duration_x86", "quantity").0,
        "1500000"
    );
    assert_eq!(step(&lambda, "lambda.duration_x86", "free").0, "400000");
    let (cost, text) = step(&lambda, "lambda.duration_x86", "cost");
    assert_eq!(cost, "18.34");
    assert!(
        text.contains("(1,500,000 GB-seconds − 400,000 GB-second) × $0.00001667/GB-second"),
        "{text}"
    );
}

#[test]
fn explain_narrows_to_an_alternative_and_a_component() {
    let table = accepted(&["explain", SEED, "--component", "0"]);
    assert!(
        table.contains("DynamoDB + Streams\n  dynamodb (provisioned)\n"),
        "{table}"
    );
    let table = accepted(&["explain", SEED, "--alternative", "Firehose to S3"]);
    assert!(table.contains("firehose (direct_put)"), "{table}");
    assert!(!table.contains("dynamodb"), "{table}");
    let error = rejected(&["explain", SEED, "--alternative", "Kinesis Data Stream"]);
    assert!(
        error.contains("no alternative is named `Kinesis Data Stream`"),
        "{error}"
    );
    assert!(
        error.contains("did you mean `Kinesis Data Streams`?"),
        "{error}"
    );
    let error = rejected(&["explain", SEED, "--component", "1"]);
    assert!(error.contains("no component is `1`"), "{error}");
    let error = rejected(&["explain", SEED, "--component", "stream"]);
    assert!(error.contains("no component is `stream`"), "{error}");
}

#[test]
fn the_markdown_working_is_a_table_a_component() {
    let markdown = accepted(&["explain", "--format", "markdown", SEED]);
    assert!(markdown.starts_with("# 3,000 x 1 KB messages per second: the working\n"));
    assert!(markdown.contains("| figure | working |"));
    assert!(markdown.contains("| shards | max("), "{markdown}");
}

#[test]
fn a_count_of_one_is_said_in_the_singular() {
    // 1 record/s of 1 KB into a bucket: 1 PUT a second needs ⌈1 ÷ 3,500⌉ =
    // 1 prefix, the least a bucket has.
    let scenario = TempScenario::new(
        "one",
        r#"name = "one"
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "S3"
components = [{ service = "s3", storage = "1 GB" }]
"#,
    );
    let text = accepted(&["explain", scenario.path()]);
    assert!(text.contains("receives 1 record/s of 1 KB"), "{text}");
    assert!(text.contains("= 1 prefix\n"), "{text}");
    assert!(!text.contains("1 prefixes"), "{text}");
    let report = accepted(&[scenario.path()]);
    assert!(
        report.contains("input: 1 record/s of 1 KB from the workload"),
        "{report}"
    );
}
