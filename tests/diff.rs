//! `calc diff`: the change per alternative, component and line item, and
//! its split into usage (quantities) and price (unit prices), against
//! figures worked out by hand.

use serde_json::Value;

use crate::support::{TempFolder, TempScenario, calc, rejected};

const SEED: &str = "scenarios/kinesis-vs-dynamodb.toml";

fn diff(args: &[&str]) -> Value {
    let mut all = vec!["diff", "--format", "json"];
    all.extend_from_slice(args);
    let run = calc(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

fn alternative<'a>(diff: &'a Value, name: &str) -> &'a Value {
    diff["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .find(|a| a["name"] == name)
        .expect("the alternative")
}

fn line<'a>(component: &'a Value, dimension: &str) -> &'a Value {
    component["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|l| l["dimension"] == dimension)
        .expect("the line")
}

/// A JSON number as the exact decimal it holds.
fn n(value: &Value) -> String {
    value.to_string()
}

/// Every line's usage and price parts add up to its change, and the
/// components' and alternatives' to theirs.
fn parts_add_up(diff: &Value) {
    let dec = |v: &Value| {
        v.to_string()
            .parse::<rust_decimal::Decimal>()
            .expect("a number")
    };
    let check = |cost: &Value| {
        assert_eq!(
            dec(&cost["usage"]) + dec(&cost["price"]),
            dec(&cost["change"]),
            "{cost}"
        );
        assert_eq!(dec(&cost["new"]) - dec(&cost["old"]), dec(&cost["change"]));
    };
    for alternative in diff["alternatives"].as_array().expect("alternatives") {
        check(&alternative["cost"]);
        for component in alternative["components"].as_array().expect("components") {
            check(&component["cost"]);
            for line in component["line_items"].as_array().expect("lines") {
                check(&line["cost"]);
            }
        }
    }
}

#[test]
fn the_seed_at_twice_the_rate_is_all_usage() {
    // The seed's stream has two shared consumers. At 3,000 records/s of
    // 1 KB: writes need max(3,000 / 1,000, 3,000 KB / 1,024 KB) = 3 shards,
    // reads 2 × 3,000 KB / 2,048 KB = 2.93: 3 shards. At 6,000: 6, and
    // 5.86 for reads: 6 shards.
    //
    // shard-hours: 3 × 730 = 2,190 at $0.015 = $32.85, then 6 × 730 =
    //   4,380 = $65.70: +$32.85, all usage ((4,380 − 2,190) × $0.015).
    // PUT payload units (1 a 1 KB record): 3,000/s × 3,600 × 730 =
    //   7,884,000,000 = 7,884 million at $0.014 = $110.376, then 15,768
    //   million = $220.752: +$110.376, all usage.
    // The stream: $143.226 → $286.452, +$143.226, +100%.
    let diff = diff(&[
        SEED,
        "--old-set",
        "workload.records_per_second=3000",
        "--new-set",
        "workload.records_per_second=6000",
    ]);
    parts_add_up(&diff);
    assert_eq!(diff["split"], "reevaluated");
    let kinesis = alternative(&diff, "Kinesis Data Streams");
    assert_eq!(kinesis["presence"], "both");
    assert_eq!(n(&kinesis["cost"]["old"]), "143.226");
    assert_eq!(n(&kinesis["cost"]["new"]), "286.452");
    assert_eq!(n(&kinesis["cost"]["change"]), "143.226");
    assert_eq!(n(&kinesis["cost"]["percent"]), "100");
    assert_eq!(n(&kinesis["cost"]["usage"]), "143.226");
    assert_eq!(n(&kinesis["cost"]["price"]), "0");

    let stream = &kinesis["components"][0];
    assert_eq!(stream["label"], "kinesis_data_streams");
    let shards = line(stream, "kinesis_data_streams.shard_hour");
    assert_eq!(n(&shards["old_quantity"]), "2190");
    assert_eq!(n(&shards["new_quantity"]), "4380");
    assert_eq!(n(&shards["old_unit_price"]), "0.015");
    assert_eq!(n(&shards["new_unit_price"]), "0.015");
    assert_eq!(n(&shards["cost"]["old"]), "32.85");
    assert_eq!(n(&shards["cost"]["new"]), "65.7");
    assert_eq!(n(&shards["cost"]["usage"]), "32.85");
    assert_eq!(n(&shards["cost"]["price"]), "0");
    let units = line(stream, "kinesis_data_streams.put_payload_units");
    assert_eq!(n(&units["old_quantity"]), "7884");
    assert_eq!(n(&units["new_quantity"]), "15768");
    assert_eq!(n(&units["cost"]["old"]), "110.376");
    assert_eq!(n(&units["cost"]["new"]), "220.752");
    assert_eq!(n(&units["cost"]["usage"]), "110.376");
}

#[test]
fn a_line_whose_quantity_and_price_both_change_splits_exactly() {
    // Shard-hours from 2,190 at $0.015 ($32.85) to 4,380 at $0.02 ($87.60):
    // +$54.75, of which usage (4,380 − 2,190) × $0.015 = $32.85 and price
    // ($0.02 − $0.015) × 4,380 = $21.90.
    let diff = diff(&[
        SEED,
        "--new-set",
        "workload.records_per_second=6000",
        "--new-set",
        "prices.kinesis_data_streams.shard_hour=0.02",
    ]);
    parts_add_up(&diff);
    let kinesis = alternative(&diff, "Kinesis Data Streams");
    let shards = line(&kinesis["components"][0], "kinesis_data_streams.shard_hour");
    assert_eq!(n(&shards["new_unit_price"]), "0.02");
    assert_eq!(n(&shards["cost"]["change"]), "54.75");
    assert_eq!(n(&shards["cost"]["usage"]), "32.85");
    assert_eq!(n(&shards["cost"]["price"]), "21.9");
    // The stream: +$54.75 + $110.376 = +$165.126; usage $32.85 + $110.376
    // = $143.226; price $21.90.
    assert_eq!(n(&kinesis["cost"]["change"]), "165.126");
    assert_eq!(n(&kinesis["cost"]["usage"]), "143.226");
    assert_eq!(n(&kinesis["cost"]["price"]), "21.9");
    let table = calc(&[
        "diff",
        SEED,
        "--new-set",
        "workload.records_per_second=6000",
        "--new-set",
        "prices.kinesis_data_streams.shard_hour=0.02",
    ]);
    assert_eq!(table.code, 0);
    assert!(
        table
            .stdout
            .contains("== Kinesis Data Streams == $143.23 → $308.35 · +$165.13 (+115.29%) · usage +$143.23 · price +$21.90"),
        "{}",
        table.stdout
    );
}

#[test]
fn a_changed_price_in_the_table_is_all_price() {
    // The bundled table with one price raised: a shard-hour from $0.015 to
    // $0.02. The seed's stream keeps its 2,190 shard-hours, which now cost
    // 2,190 × $0.005 = $10.95 more; nothing else changes.
    let folder = TempFolder::new();
    let bundled = std::fs::read_to_string("pricing/aws-us-east-1.toml").expect("the table");
    let raised = bundled.replacen(
        "[prices.kinesis_data_streams.shard_hour]\nprice = 0.015\n",
        "[prices.kinesis_data_streams.shard_hour]\nprice = 0.02\n",
        1,
    );
    assert_ne!(raised, bundled);
    let table = folder.write("raised.toml", &raised);
    let diff = diff(&[
        SEED,
        "--old-pricing",
        "aws-us-east-1",
        "--new-pricing",
        &table,
    ]);
    parts_add_up(&diff);
    let kinesis = alternative(&diff, "Kinesis Data Streams");
    assert_eq!(n(&kinesis["cost"]["change"]), "10.95");
    assert_eq!(n(&kinesis["cost"]["price"]), "10.95");
    assert_eq!(n(&kinesis["cost"]["usage"]), "0");
    for alternative in diff["alternatives"].as_array().expect("alternatives") {
        assert_eq!(
            alternative["cost"]["price"], alternative["cost"]["change"],
            "100% of the change is price"
        );
        assert_eq!(n(&alternative["cost"]["usage"]), "0");
    }
}

#[test]
fn two_files_match_components_by_id_then_by_service_and_place() {
    let old = TempScenario::new(
        "old",
        r#"name = "pipeline"
[workload]
records_per_second = 1000
record_size = "1 KB"

[[alternatives]]
name = "queues"
components = [
  { id = "in", service = "sqs" },
  { service = "sqs", from = "in" },
]

[[alternatives]]
name = "gone"
components = [{ service = "kinesis_data_streams" }]
"#,
    );
    let new = TempScenario::new(
        "new",
        r#"name = "pipeline"
[workload]
records_per_second = 1000
record_size = "1 KB"

[[alternatives]]
name = "queues"
components = [
  { id = "in", service = "sqs" },
  { service = "lambda", from = "in", duration = "100 ms" },
  { service = "sqs", from = "in" },
]
"#,
    );
    let diff = diff(&[old.path(), new.path()]);
    parts_add_up(&diff);
    let queues = alternative(&diff, "queues");
    let labels: Vec<(&str, &str)> = queues["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| {
            (
                c["label"].as_str().expect("label"),
                c["presence"].as_str().expect("presence"),
            )
        })
        .collect();
    // The id finds its queue; the other queue, moved behind the new
    // function, is matched as the first `sqs` without an id.
    assert_eq!(
        labels,
        [("in", "both"), ("lambda", "added"), ("sqs#2", "both")]
    );
    for queue in [&queues["components"][0], &queues["components"][2]] {
        assert_eq!(n(&queue["cost"]["change"]), "0", "the same queue: {queue}");
    }
    // A new component is usage: the same bill at the old prices.
    let lambda = &queues["components"][1]["cost"];
    assert_eq!(lambda["usage"], lambda["new"]);
    assert_eq!(n(&lambda["price"]), "0");
    let gone = alternative(&diff, "gone");
    assert_eq!(gone["presence"], "removed");
    assert_eq!(n(&gone["cost"]["new"]), "0");
    assert_eq!(
        gone["cost"]["usage"].to_string(),
        format!("-{}", gone["cost"]["old"])
    );
}

#[test]
fn markdown_is_escaped_and_the_split_is_stated() {
    let run = calc(&[
        "diff",
        "--format",
        "markdown",
        SEED,
        "--new-set",
        "workload.records_per_second=6000",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("### calc diff: scenarios/kinesis-vs-dynamodb.toml\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(
        "| Kinesis Data Streams | $143.23 | $286.45 | +$143.23 (+100%) | +$143.23 | $0.00 |"
    ));
    assert!(
        run.stdout
            .contains("usage = the new quantities at the old prices")
    );
}

#[test]
fn a_diff_needs_two_versions() {
    let stderr = rejected(&["diff", SEED]);
    assert!(stderr.contains("nothing differs"), "{stderr}");
    let stderr = rejected(&["diff", SEED, "--new-set", "workload.recods_per_second=1"]);
    assert!(stderr.contains("workload.records_per_second"), "{stderr}");
    rejected(&["diff", SEED, "scenarios/no-such-file.toml"]);
}

/// Two consumers more on the seed's stream: 3,000 reads of 1 KB a second
/// for each of 3 consumers share 2 MB/s a shard, 9,000 KB/s / 2,048 KB/s =
/// 4.39, so 5 shards instead of 3: 5 × 730 = 3,650 shard-hours at $0.015,
/// $54.75 instead of $32.85. Nothing else changes.
const ONE_MORE_CONSUMER: &str = "alternatives[Kinesis Data Streams].components[0].consumers=3";

#[test]
fn a_summary_names_the_files_and_folds_what_did_not_change() {
    let run = calc(&[
        "diff",
        "--format",
        "markdown",
        SEED,
        "--new-set",
        ONE_MORE_CONSUMER,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("| Kinesis Data Streams | $143.23 | $165.13 |"),
        "{out}"
    );
    assert!(
        out.contains(
            "Unchanged, so left out: DynamoDB + Streams, Firehose to S3 (the same line items at the same costs)."
        ),
        "{out}"
    );
    assert!(!out.contains("| DynamoDB + Streams |"), "{out}");
    assert!(!out.contains("<summary>DynamoDB"), "{out}");
    assert!(!out.contains("<summary>Firehose"), "{out}");
    let table = calc(&["diff", SEED, "--new-set", ONE_MORE_CONSUMER]);
    assert!(!table.stdout.contains("== DynamoDB"), "{}", table.stdout);
    assert!(
        table.stdout.contains("Unchanged, so left out: "),
        "{}",
        table.stdout
    );

    // Two files: both names head the summary.
    let folder = TempFolder::new();
    let body = "[workload]\nrecords_per_second = 10\nrecord_size = \"1 KB\"\n[[alternatives]]\nname = \"Queue\"\ncomponents = [{ service = \"sqs\" }]\n";
    let old = folder.write("old.toml", &format!("name = \"q\"\n{body}"));
    let new = folder.write(
        "new.toml",
        &format!("name = \"q\"\n{}", body.replace("= 10", "= 20")),
    );
    let run = calc(&["diff", "--format", "markdown", &old, &new]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with(&format!("### calc diff: {old} → {new}\n")),
        "{}",
        run.stdout
    );
}

#[test]
fn csv_has_a_row_a_changed_line_item() {
    let run = calc(&[
        "diff",
        "--format",
        "csv",
        SEED,
        "--new-set",
        ONE_MORE_CONSUMER,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "alternative,component,dimension,old_quantity,new_quantity,old_cost,new_cost,usage,price\n\
         Kinesis Data Streams,kinesis_data_streams,kinesis_data_streams.shard_hour,2190,3650,32.85,54.75,21.9,0\n"
    );
    // At twice the rate, twice the shards (6 × 730 h) and twice the PUT
    // payload units (3,000 × 2,628,000 s = 7,884 million at $0.014 =
    // $110.376), all usage.
    let run = calc(&[
        "diff",
        "--format",
        "csv",
        SEED,
        "--new-set",
        "workload.records_per_second=6000",
    ]);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        rows[1..3],
        [
            "Kinesis Data Streams,kinesis_data_streams,kinesis_data_streams.shard_hour,2190,4380,32.85,65.7,32.85,0",
            "Kinesis Data Streams,kinesis_data_streams,kinesis_data_streams.put_payload_units,7884,15768,110.376,220.752,110.376,0",
        ]
    );
}
