//! The figures the product promises, worked out by hand or published by AWS,
//! checked end to end through the JSON output.

use serde_json::Value;

use crate::support::{TempScenario, calc_json};

fn component(json: &Value, alternative: usize) -> &Value {
    &json["alternatives"][alternative]["components"][0]
}

fn line<'a>(component: &'a Value, dimension: &str) -> &'a Value {
    component["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|item| item["dimension"] == dimension)
        .unwrap_or_else(|| panic!("no `{dimension}` in {component}"))
}

fn decimal(value: &Value) -> String {
    value.to_string()
}

/// An exact amount from the JSON, rounded to the cent.
fn cents(value: &Value) -> String {
    let exact: rust_decimal::Decimal = value.to_string().parse().expect("a decimal");
    exact.round_dp(2).to_string()
}

fn scenario(name: &str, body: &str) -> TempScenario {
    TempScenario::new(name, &format!("name = \"{name}\"\n{body}"))
}

#[test]
fn course_example_kinesis_at_720_hours() {
    // 3,000 records/s of 1 KB → 3 shards; 3 × $0.015 × 720 = $32.40 (the course's figure),
    // plus 3,000 × 3,600 × 720 = 7,776 million PUT payload units × $0.014 = $108.864.
    let json = calc_json(&[
        "--hours-per-month",
        "720",
        "scenarios/kinesis-vs-dynamodb.toml",
    ]);
    let kinesis = component(&json, 0);
    assert_eq!(kinesis["capacity"]["shards"], 3);
    assert_eq!(
        decimal(&line(kinesis, "shard_hour")["monthly_cost"]),
        "32.4"
    );
    assert_eq!(
        decimal(&line(kinesis, "put_payload_units")["quantity"]),
        "7776"
    );
    assert_eq!(
        decimal(&line(kinesis, "put_payload_units")["monthly_cost"]),
        "108.864"
    );
}

#[test]
fn course_example_dynamodb_at_744_hours() {
    // 3,000 WCU × $0.00065 × 744 = $1,450.80; with the table's minimum 1 RCU
    // (744 × $0.00013 = $0.09672) the total is $1,450.89672, the course's $1,450.90.
    let json = calc_json(&[
        "--hours-per-month",
        "744",
        "scenarios/kinesis-vs-dynamodb.toml",
    ]);
    let dynamodb = component(&json, 1);
    assert_eq!(dynamodb["capacity"]["wcu"], 3000);
    assert_eq!(
        decimal(&line(dynamodb, "wcu_hour")["monthly_cost"]),
        "1450.8"
    );
    assert_eq!(decimal(&dynamodb["monthly_cost"]), "1450.89672");
}

#[test]
fn large_records_bind_kinesis_on_bytes() {
    // 100 records/s of 35 KB = 3,500 KB/s ÷ 1,024 = 3.42 → 4 shards; 2 PUT payload units a record.
    let s = scenario(
        "35 KB records",
        r#"
[workload]
records_per_second = 100
record_size = "35 KB"
[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams" }]
"#,
    );
    let json = calc_json(&[s.path()]);
    let kinesis = component(&json, 0);
    assert_eq!(kinesis["capacity"]["shards"], 4);
    assert_eq!(kinesis["capacity"]["binding_limit"], "write_bytes");
    assert_eq!(kinesis["capacity"]["put_payload_units_per_record"], 2);
}

#[test]
fn firehose_buffering_misses_a_one_second_latency_requirement() {
    // 3,000 × 1 KB/s fills a 5 MB buffer in 5,242,880 / 3,072,000 = 1.707 s > 1 s.
    let json = calc_json(&["scenarios/kinesis-vs-dynamodb.toml"]);
    let firehose = &json["alternatives"][2];
    assert_eq!(firehose["feasible"], false);
    assert_eq!(
        firehose["components"][0]["capacity"]["flush_trigger"],
        "size"
    );
    let requirements: Vec<&Value> = firehose["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["requirement"])
        .collect();
    assert_eq!(requirements, ["max_latency", "max_monthly_cost"]);
}

#[test]
fn ordering_retention_and_replay_requirements() {
    let s = scenario(
        "properties",
        r#"
[workload]
records_per_second = 100
record_size = "1 KB"
[requirements]
ordering = "per_key"
retention = "7 d"
replay = true
[[alternatives]]
name = "Kinesis, 24 h"
components = [{ service = "kinesis_data_streams" }]
[[alternatives]]
name = "Kinesis, 7 d"
components = [{ service = "kinesis_data_streams", retention = "7 d" }]
[[alternatives]]
name = "Firehose"
components = [{ service = "firehose" }]
"#,
    );
    let json = calc_json(&[s.path()]);
    let reasons = |i: usize| -> Vec<String> {
        json["alternatives"][i]["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["requirement"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(reasons(0), ["retention"]);
    assert!(reasons(1).is_empty());
    assert_eq!(reasons(2), ["ordering", "retention", "replay"]);
    assert_eq!(
        json["alternatives"][2]["violations"][0]["message"],
        "firehose (direct_put): does not preserve order; requirement: per_key"
    );
    // The feasible alternative ranks first even though it costs more.
    assert_eq!(json["comparison"][0]["name"], "Kinesis, 7 d");
}

#[test]
fn free_tier_covers_dynamodb_capacity() {
    // 10 writes/s of 1 KB = 10 WCU, within the 25 WCU free tier: $0.
    let s = scenario(
        "free tier",
        r#"
free_tier = true
[workload]
records_per_second = 10
record_size = "1 KB"
[[alternatives]]
name = "DynamoDB"
components = [{ service = "dynamodb" }]
"#,
    );
    let json = calc_json(&[s.path()]);
    assert_eq!(decimal(&json["alternatives"][0]["monthly_cost"]), "0");
    let wcu = line(component(&json, 0), "wcu_hour");
    assert_eq!(decimal(&wcu["free_quantity"]), "7300");
}

#[test]
fn one_free_tier_for_both_lambda_architectures() {
    // Each function: 600,000 invocations of 1 s at 512 MB = 300,000 GB-s.
    // The account's 400,000 free GB-s cover the x86 function's 300,000,
    // leaving 100,000 for the Arm one: 200,000 GB-s billed at $0.0000133334
    // = $2.66668. Requests share the one free million too: 1,200,000 in
    // all, 200,000 billed at $0.20 a million = $0.04. In all, $2.70668.
    let s = scenario(
        "shared free tier",
        r#"
free_tier = true
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "two functions"
components = [
  { service = "lambda", invocations_per_month = 600000, duration = "1 s", memory = "512 MB" },
  { service = "lambda", invocations_per_month = 600000, duration = "1 s", memory = "512 MB", architecture = "arm64" },
]
"#,
    );
    let json = calc_json(&[s.path()]);
    let components = &json["alternatives"][0]["components"];
    let arm = line(&components[1], "duration_arm");
    assert_eq!(decimal(&arm["free_quantity"]), "100000");
    assert_eq!(decimal(&arm["monthly_cost"]), "2.66668");
    let x86 = line(&components[0], "duration_x86");
    assert_eq!(decimal(&x86["free_quantity"]), "300000");
    assert_eq!(decimal(&json["alternatives"][0]["monthly_cost"]), "2.70668");
}

#[test]
fn aws_published_lambda_and_flink_examples() {
    // AWS's Lambda example: 1,500,000 − 400,000 free GB-s × $0.00001667 = $18.34 (rounded up
    // from $18.337) + (3 M − 1 M free) × $0.20/M = $0.40 → $18.74.
    // AWS's Managed Flink examples (720 h, each line rounded up to the cent):
    // $1,584.00 + $100.00 + $0.03 = $1,684.03; $2.48 + $0.11 = $2.59; $0.46 + $0.03 = $0.49.
    let json = calc_json(&["scenarios/aws-pricing-examples.toml"]);
    let totals: Vec<String> = json["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| decimal(&a["monthly_cost"]))
        .collect();
    assert_eq!(totals, ["18.74", "1684.03", "2.59", "0.49"]);
    let lambda = component(&json, 0);
    assert_eq!(
        decimal(&line(lambda, "duration_x86")["monthly_cost"]),
        "18.34"
    );
    assert_eq!(decimal(&line(lambda, "requests")["monthly_cost"]), "0.4");
}

fn requirements_failed(json: &Value, alternative: usize) -> Vec<String> {
    json["alternatives"][alternative]["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v["requirement"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn sqs_fifo_needs_batches_for_3000_messages_a_second() {
    // FIFO: 300 API calls/s per action. 3,000 messages/s one at a time is 3,000 calls/s;
    // in batches of 10 it is 300 calls/s, exactly the limit.
    let json = calc_json(&["scenarios/3000-messages-per-second.toml"]);
    let names: Vec<&str> = json["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let unbatched = names
        .iter()
        .position(|n| *n == "SQS FIFO, one message a call")
        .unwrap();
    let batched = names
        .iter()
        .position(|n| *n == "SQS FIFO, batches of 10")
        .unwrap();
    assert_eq!(requirements_failed(&json, unbatched), ["limit"]);
    let message = json["alternatives"][unbatched]["violations"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("batches of 10"), "{message}");
    assert!(message.contains("high-throughput"), "{message}");
    assert_eq!(json["alternatives"][batched]["feasible"], true);
    // Standard SQS and SNS do not keep order; the rest do, per key.
    let standard = names
        .iter()
        .position(|n| *n == "SQS standard, batches of 10")
        .unwrap();
    assert_eq!(requirements_failed(&json, standard), ["ordering"]);
}

#[test]
fn a_20_minute_job_rules_out_lambda() {
    let json = calc_json(&["scenarios/scheduled-jobs.toml"]);
    for alternative in json["alternatives"].as_array().unwrap() {
        let uses_lambda = alternative["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["service"] == "lambda");
        assert_eq!(
            alternative["feasible"], !uses_lambda,
            "{}",
            alternative["name"]
        );
    }
    // An m5.large at $0.096 an hour: all month (720 h) $69.12; 30 runs of 20 minutes (10 h) $0.96.
    assert_eq!(decimal(&json["alternatives"][0]["monthly_cost"]), "69.12");
    assert_eq!(decimal(&json["alternatives"][2]["monthly_cost"]), "0.96");
}

#[test]
fn s3_prefixes_for_12000_puts_a_second() {
    // 12,000 PUT/s ÷ 3,500 per prefix = 3.43 → 4 prefixes.
    let s = scenario(
        "s3 prefixes",
        r#"
[[alternatives]]
name = "S3"
components = [{ service = "s3", puts_per_second = 12000 }]
"#,
    );
    let json = calc_json(&[s.path()]);
    assert_eq!(component(&json, 0)["capacity"]["prefixes"], 4);
}

#[test]
fn ratios_compare_with_the_cheapest_even_when_it_fails() {
    // Only DynamoDB meets 150 ms, so it ranks first; the ratio still divides by
    // the cheapest alternative, Kinesis: $1,423.5949 / $143.226 = 9.939...
    let s = scenario(
        "ratio",
        r#"
[workload]
records_per_second = 3000
record_size = "1 KB"
[requirements]
max_latency = "150 ms"
[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams", consumers = 2 }]
[[alternatives]]
name = "DynamoDB"
components = [{ service = "dynamodb", streams = true }]
"#,
    );
    let json = calc_json(&[s.path()]);
    assert_eq!(json["comparison"][0]["name"], "DynamoDB");
    assert_eq!(
        decimal(&json["comparison"][0]["ratio_to_cheapest"]),
        "9.939501"
    );
    assert_eq!(decimal(&json["comparison"][1]["ratio_to_cheapest"]), "1");
}

/// The first component's line item for `dimension`, as text, in the one
/// alternative of a scenario made of `components`.
fn cost_of(hours: &str, components: &str, dimension: &str) -> String {
    let s = scenario(
        "analytics",
        &format!(
            "hours_per_month = {hours}\n[workload]\nrecords_per_second = 1\nrecord_size = \"1 KB\"\n\
             [[alternatives]]\nname = \"A\"\ncomponents = [{components}]\n"
        ),
    );
    let json = calc_json(&[s.path()]);
    decimal(&line(component(&json, 0), dimension)["monthly_cost"])
}

#[test]
fn aws_athena_example_by_format_and_compression() {
    // AWS's example: 3 TB in 4 equal columns, a query reading one. CSV
    // reads it all: 3 TB × $5 = $15. GZIP 3:1 leaves 1 TB: $5. Parquet 3:1
    // reads one column of the 1 TB: 0.25 TB = $1.25.
    let athena = |extra: &str| {
        cost_of(
            "730",
            &format!(
                "{{ service = \"athena\", queries_per_month = 1, table_size = \"3 TB\", \
                 columns = 4, columns_read = 1{extra} }}"
            ),
            "data_scanned_tb",
        )
    };
    assert_eq!(athena(", format = \"csv\""), "15");
    assert_eq!(athena(", format = \"csv\", compression_ratio = 3"), "5");
    assert_eq!(
        athena(", format = \"parquet\", compression_ratio = 3"),
        "1.25"
    );
    // A query scanning 1 MB is billed 10 MB: 10 / 1,048,576 TB × $5.
    let small = cost_of(
        "730",
        r#"{ service = "athena", queries_per_month = 1048576, table_size = "1 MB" }"#,
        "data_scanned_tb",
    );
    assert_eq!(small, "50");
}

#[test]
fn aws_glue_examples() {
    // 6 DPUs × 0.25 h × $0.44 = $0.66; a session of the default 5 DPUs
    // for 24 minutes, 5 × 0.4 h × $0.44 = $0.88; Flex, 6 × 1/3 h × $0.29 = $0.58.
    assert_eq!(
        cost_of(
            "730",
            r#"{ service = "glue", dpus = 6, duration = "15 min" }"#,
            "etl_dpu_hour"
        ),
        "0.66"
    );
    assert_eq!(
        cost_of(
            "730",
            r#"{ service = "glue", kind = "interactive_session", duration = "24 min" }"#,
            "interactive_session_dpu_hour"
        ),
        "0.88"
    );
    assert_eq!(
        cost_of(
            "730",
            r#"{ service = "glue", dpus = 6, duration = "20 min", execution_class = "flex" }"#,
            "flex_dpu_hour"
        ),
        "0.58"
    );
}

#[test]
fn aws_redshift_concurrency_scaling_example() {
    // 10 × dc2.8xlarge = $48 an hour. Two transient clusters used 5 minutes
    // each beyond the free hour, in a day: 10 minutes × $48 / 60 = $8.00.
    assert_eq!(
        cost_of(
            "24",
            r#"{ service = "redshift", node_type = "dc2.8xlarge", nodes = 10, concurrency_scaling_hours_per_day = "70 min" }"#,
            "concurrency_scaling_node_hour"
        ),
        "8"
    );
}

#[test]
fn fargate_task_for_a_month() {
    // 1 vCPU × 730 h × $0.04048 = $29.5504; 2 GB × 730 h × $0.004445 = $6.4897.
    let task = r#"{ service = "fargate", vcpu = 1, memory = "2 GB" }"#;
    assert_eq!(cost_of("730", task, "vcpu_hour"), "29.5504");
    assert_eq!(cost_of("730", task, "gb_hour"), "6.4897");
}

#[test]
fn documentdb_clusters_at_the_infracost_figures() {
    // db.r5.4xlarge × 730 h × $2.216 = $1,617.68; 1,000 GB × $0.10 = $100.00;
    // 10 million I/Os × $0.20 = $2.00: $1,719.68. db.t3.medium × 730 h ×
    // $0.078 = $56.94.
    let s = scenario(
        "DocumentDB",
        r#"
hours_per_month = 730
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "r5.4xlarge"
components = [{ service = "documentdb", instance_type = "db.r5.4xlarge", storage = "1000 GB", io_per_month = 10000000 }]
[[alternatives]]
name = "t3.medium"
components = [{ service = "documentdb", instance_type = "db.t3.medium" }]
"#,
    );
    let json = calc_json(&[s.path()]);
    let large = component(&json, 0);
    assert_eq!(
        decimal(&line(large, "instance_hour")["monthly_cost"]),
        "1617.68"
    );
    assert_eq!(
        decimal(&line(large, "storage_gb_month")["monthly_cost"]),
        "100"
    );
    assert_eq!(decimal(&line(large, "io_requests")["monthly_cost"]), "2");
    assert_eq!(decimal(&large["monthly_cost"]), "1719.68");
    assert_eq!(large["capacity"]["instances"], 1);
    assert_eq!(large["capacity"]["vcpu"], 16);
    let small = component(&json, 1);
    assert_eq!(decimal(&small["monthly_cost"]), "56.94");
}

#[test]
fn timestream_writes_follow_aws_metering_example() {
    // AWS's metering page: 100 instances each write an event of ~83 bytes
    // every 5 s (20 a second) through a 30-day month. One event a write: 100
    // writes every 5 s × 12 × 60 × 24 × 30 = 51,840,000 writes, × $0.50 a
    // million = $25.92. Twelve events a write (under 1 KB, one unit): the
    // 100 events of each 5 s make ceil(100 / 12) = 9 writes, 108 a minute,
    // 6,480 an hour, × 720 h = 4,665,600 writes, $2.3328.
    let s = scenario(
        "Timestream metering",
        r#"
[workload]
records_per_second = 20
record_size = 83
[[alternatives]]
name = "one event a write"
components = [{ service = "timestream", memory_retention = "1 h", magnetic_retention = "1 d" }]
[[alternatives]]
name = "twelve events a write"
components = [{ service = "timestream", events_per_write = 12, batch_window = "5 s", memory_retention = "1 h", magnetic_retention = "1 d" }]
"#,
    );
    let json = calc_json(&["--hours-per-month", "720", s.path()]);
    let single = component(&json, 0);
    assert_eq!(decimal(&line(single, "write_units")["quantity"]), "51.84");
    assert_eq!(
        decimal(&line(single, "write_units")["monthly_cost"]),
        "25.92"
    );
    let batched = component(&json, 1);
    assert_eq!(decimal(&line(batched, "write_units")["quantity"]), "4.6656");
    assert_eq!(
        decimal(&line(batched, "write_units")["monthly_cost"]),
        "2.3328"
    );
    // 9 writes every 5 s: 1.8 a second.
    assert_eq!(
        decimal(&batched["capacity"]["write_requests_per_second"]),
        "1.8"
    );
}

#[test]
fn a_year_of_telemetry_in_the_bundled_time_series_scenario() {
    // The scenario's header, worked by hand: 1,000 readings/s of 100 B.
    // Timestream batching 10 a write: 100 one-unit writes a second, 262.8
    // million units ($131.40); a day in memory, 8,640,000,000 B / 2^30 ×
    // 730 h = 5,874.0377 GB-hours ($211.4654); a year on magnetic,
    // 2,937.0189 GB ($88.1106); 8 TCUs × 2 h × 730/24 days = 486.67
    // TCU-hours ($252.0933): $683.07. DocumentDB: $1,617.68 + $293.70 +
    // $525.60 = $2,436.98.
    let json = calc_json(&["scenarios/time-series-store.toml"]);
    let batched = component(&json, 2);
    assert_eq!(decimal(&line(batched, "write_units")["quantity"]), "262.8");
    assert_eq!(
        decimal(&line(batched, "magnetic_store_gb_month")["quantity"]),
        "2937.018871307373046875"
    );
    assert_eq!(cents(&batched["monthly_cost"]), "683.07");
    let documentdb = component(&json, 4);
    assert_eq!(decimal(&documentdb["monthly_cost"]), "2436.98");
}

#[test]
fn quicksight_five_authors_and_a_hundred_readers() {
    // 5 × $24 + 100 × $3 = $420 a month; their 50 GB of SPICE hold the 30 GB.
    let s = scenario(
        "dashboards",
        r#"
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "Quick Sight"
components = [{ service = "quicksight", authors = 5, readers = 100, spice = "30 GB" }]
"#,
    );
    let json = calc_json(&[s.path()]);
    assert_eq!(decimal(&json["alternatives"][0]["monthly_cost"]), "420");
    let quicksight = component(&json, 0);
    assert_eq!(
        decimal(&line(quicksight, "author_month")["monthly_cost"]),
        "120"
    );
    assert_eq!(quicksight["capacity"]["spice_extra_gb"], 0);
}

#[test]
fn internet_transfer_shares_the_free_tier_and_the_tiers_across_components() {
    // Two components of 10 TB (10,240 GB) each, one account: the first gets
    // the free 100 GB and pays (10,240 − 100) × $0.09 = $912.60; the second
    // starts at 10,240 GB, in the next tier: 10,240 × $0.085 = $870.40. In
    // all $1,783.00, as 20 TB out of one component would be.
    let s = scenario(
        "egress",
        r#"
free_tier = true
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "two sites"
components = [
  { service = "data_transfer", internet_out = "10 TB" },
  { service = "data_transfer", internet_out = "10 TB" },
]
"#,
    );
    let json = calc_json(&[s.path()]);
    let components = &json["alternatives"][0]["components"];
    let first = line(&components[0], "internet_out_gb");
    assert_eq!(decimal(&first["free_quantity"]), "100");
    assert_eq!(decimal(&first["monthly_cost"]), "912.6");
    let second = line(&components[1], "internet_out_gb");
    assert_eq!(decimal(&second["monthly_cost"]), "870.4");
    assert_eq!(decimal(&json["alternatives"][0]["monthly_cost"]), "1783");
}

#[test]
fn downloads_of_what_a_bucket_stores_go_out_to_the_internet() {
    // 10 objects of 1 MB a second written to S3, each downloaded once: the
    // transfer takes the flow's rate at its own record size. 10 MB/s ×
    // 2,628,000 s = 26,280,000 MB = 25,664.0625 GB: 10,240 × $0.09 = $921.60
    // and 15,424.0625 × $0.085 = $1,311.0453125; $2,232.6453125.
    let s = scenario(
        "downloads",
        r#"
[workload]
records_per_second = 10
record_size = "1 MB"
[[alternatives]]
name = "bucket"
components = [
  { service = "s3", storage = "1 TB" },
  { service = "data_transfer", kind = "internet_out", record_size = "1 MB" },
]
"#,
    );
    let json = calc_json(&[s.path()]);
    let out = line(&json["alternatives"][0]["components"][1], "internet_out_gb");
    assert_eq!(decimal(&out["quantity"]), "25664.0625");
    assert_eq!(decimal(&out["monthly_cost"]), "2232.6453125");
}

#[test]
fn kafka_on_ec2_pays_for_its_replicas_crossing_zones() {
    // The bundled scenario's header works it out: two follower copies of
    // 10 MB/s cross an AZ, 51,328.125 GB, billed both ways at $0.01:
    // $1,026.5625; with 3 × m5.large ($210.24) $1,236.8025. MSK bills its
    // brokers ($459.90) and storage ($300.00), and no replication: $759.90.
    let json = calc_json(&["scenarios/kafka-on-ec2-vs-msk.toml"]);
    let ec2 = &json["alternatives"][0];
    let replication = line(&ec2["components"][1], "inter_az_gb");
    assert_eq!(decimal(&replication["quantity"]), "102656.25");
    assert_eq!(decimal(&replication["monthly_cost"]), "1026.5625");
    assert_eq!(decimal(&ec2["monthly_cost"]), "1236.8025");
    assert_eq!(decimal(&json["alternatives"][1]["monthly_cost"]), "759.9");
    assert_eq!(json["comparison"][0]["name"], "MSK, 3 x kafka.m5.large");
}

#[test]
fn one_emr_node_for_one_hour_is_its_ec2_price_plus_its_emr_price() {
    // 1 × m5.xlarge On-Demand for 1 h: $0.192 (EC2) + $0.048 (EMR) = $0.240,
    // the same whether the hour is `hours_running` or the whole month.
    let by_hours = scenario(
        "emr-hour",
        r#"
[workload]
records_per_second = 1
record_size = "1 KB"
[[alternatives]]
name = "EMR"
components = [{ service = "emr", primary_instance_type = "m5.xlarge", hours_running = "1 h" }]
"#,
    );
    for args in [
        vec![by_hours.path()],
        vec!["--hours-per-month", "1", by_hours.path()],
    ] {
        let json = calc_json(&args);
        let emr = component(&json, 0);
        assert_eq!(
            decimal(&line(emr, "primary_ec2_hour")["monthly_cost"]),
            "0.192"
        );
        assert_eq!(
            decimal(&line(emr, "primary_emr_hour")["monthly_cost"]),
            "0.048"
        );
        assert_eq!(decimal(&json["alternatives"][0]["monthly_cost"]), "0.24");
    }
}

#[test]
fn an_emr_cluster_with_spot_task_nodes_discounts_only_their_ec2_part() {
    // scenarios/emr-spot-vs-on-demand.toml, 200 h: primary m5.xlarge 200 h ×
    // $0.24 = $48.00; core 2 × r5.2xlarge 400 h × ($0.504 + $0.126) = $252.00;
    // task 8 × m5.xlarge 1,600 h × ($0.192 + $0.048) = $384.00 On-Demand, or
    // 1,600 × $0.192 × 0.3 = $92.16 + $76.80 = $168.96 on Spot at 70% off.
    let json = calc_json(&["scenarios/emr-spot-vs-on-demand.toml"]);
    let cost = |i: usize| decimal(&json["alternatives"][i]["monthly_cost"]);
    assert_eq!(cost(0), "684");
    assert_eq!(cost(1), "468.96");
    let spot = component(&json, 1);
    assert_eq!(
        decimal(&line(spot, "task_ec2_hour")["unit_price"]),
        "0.0576"
    );
    assert_eq!(
        decimal(&line(spot, "task_ec2_hour")["monthly_cost"]),
        "92.16"
    );
    assert_eq!(
        decimal(&line(spot, "task_emr_hour")["monthly_cost"]),
        "76.8"
    );
    assert_eq!(json["alternatives"][1]["verdict"], "ok");
    // Core nodes on Spot too: 400 × $0.504 × 0.3 = $60.48 + $50.40 EMR:
    // $327.84, with a warning about their HDFS data.
    assert_eq!(cost(2), "327.84");
    assert_eq!(json["alternatives"][2]["verdict"], "warning");
}

#[test]
fn the_big_data_pipeline_is_sized_hop_by_hop() {
    // Worked out in the scenario's header: Firehose flushes 16 MB Parquet
    // objects 0.0305 times a second; the lake keeps 90 days of them,
    // 2,048,000 × 0.25 B/s × 7,776,000 s = 3,981,312,000,000 B; Athena reads
    // 0.0111 of it, 5 columns of 20: 11,048,140,800 B, billed 10,537 MB, and
    // 720 queries scan 7.2352… TB ($36.1762…).
    let json = calc_json(&["scenarios/big-data-ingestion.toml"]);
    let quicksight = &json["alternatives"][0];
    let lake = &quicksight["components"][2];
    assert_eq!(lake["capacity"]["stored"], 3_981_312_000_000_u64);
    let athena = &quicksight["components"][5];
    assert_eq!(
        decimal(&athena["capacity"]["scanned_bytes_per_query"]),
        "11048140800"
    );
    assert_eq!(athena["capacity"]["billed_mb_per_query"], 10537);
    // To the cent, as the header adds them up.
    assert_eq!(cents(&quicksight["monthly_cost"]), "1620.91");
    assert_eq!(cents(&json["alternatives"][1]["monthly_cost"]), "1602.81");
}

#[test]
fn the_thumbnail_pipeline_on_lambda_and_on_batch() {
    // Worked out in the scenario's header: $233.59 on Lambda, $205.73 on
    // Batch on Fargate Spot (21,900 task-hours at 30%), $136.27 on EC2 Spot
    // (228.125 instance-hours of c5.xlarge at 30% = $11.634).
    let json = calc_json(&["scenarios/thumbnail-batch.toml"]);
    let total = |i: usize| cents(&json["alternatives"][i]["monthly_cost"]);
    assert_eq!(total(0), "233.59");
    assert_eq!(total(1), "205.73");
    assert_eq!(total(2), "136.27");
    let fargate = &json["alternatives"][1]["components"][2];
    assert_eq!(decimal(&fargate["capacity"]["task_hours"]), "21900");
    let ec2 = &json["alternatives"][2]["components"][2];
    assert_eq!(decimal(&ec2["capacity"]["instance_hours"]), "228.125");
}

/// The clickstream a newcomer built: 5,000 events/s of 2 KB, 3× peak, a
/// year kept, within $20,000 a month.
const CLICKSTREAM: &str = r#"
[workload]
records_per_second = 5000
peak_to_average = 3
record_size = "2 KB"
[requirements]
retention = "365 d"
max_monthly_cost = 20000
[[alternatives]]
name = "SQS, Lambda, DynamoDB"
components = [
  { service = "sqs", batch_size = 10 },
  { service = "lambda", batch_size = 10, memory = "512 MB", duration = "200 ms" },
  { id = "table", service = "dynamodb", capacity_mode = "on_demand" },
]
"#;

#[test]
fn a_table_holds_a_year_of_what_flows_into_it() {
    // A year of 5,000 × 2,048 B/s: 5,000 × 2,048 × 31,536,000 s =
    // 322,928,640,000,000 B = 300,750.732421875 GB (2^30 B each), billed at
    // $0.25 a GB-month: $75,187.68310546875, over the $20,000 budget.
    let file = scenario("clickstream", CLICKSTREAM);
    let json = calc_json(&[file.path()]);
    let table = &json["alternatives"][0]["components"][2];
    let storage = line(table, "storage_gb_month");
    assert_eq!(decimal(&storage["quantity"]), "300750.732421875");
    assert_eq!(decimal(&storage["monthly_cost"]), "75187.68310546875");
    assert_eq!(json["alternatives"][0]["verdict"], "fails");
    let requirements: Vec<&Value> = json["alternatives"][0]["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| &v["requirement"])
        .collect();
    assert_eq!(requirements, ["max_monthly_cost"]);

    // 50 GB stated: billed as stated, and a verdict with both figures
    // (322,928,640,000,000 B is 293.7 TB in 2^40 B).
    let file = scenario(
        "clickstream-50-gb",
        &CLICKSTREAM.replace(
            "capacity_mode = \"on_demand\" }",
            "capacity_mode = \"on_demand\", storage = \"50 GB\" }",
        ),
    );
    let json = calc_json(&[file.path()]);
    let storage = line(
        &json["alternatives"][0]["components"][2],
        "storage_gb_month",
    );
    assert_eq!(decimal(&storage["quantity"]), "50");
    let violation = &json["alternatives"][0]["violations"][0];
    assert_eq!(violation["requirement"], "retention");
    assert_eq!(violation["component"], 2);
    assert_eq!(
        violation["message"],
        "table: dynamodb (on_demand): holds 50 GB, but the flow puts 293.7 TB into it over the required retention of 365 d; raise `storage`, or let items expire with `ttl`"
    );
}

#[test]
fn a_quoted_plain_number_is_read_as_the_number_in_every_key() {
    // The course's 720-hour Kinesis example, every number in quotes: a
    // rate, a ratio, a count, a plain number, a budget and the month.
    // 1,000 records/s at 3 times the average peak at 3,000: 3 shards
    // (1,000 records/s each); 3 × $0.015 × 720 h = $32.40. The PUT units
    // follow the average: 1,000 × 3,600 × 720 = 2,592 million × $0.014 =
    // $36.288.
    let quoted = scenario(
        "quoted",
        r#"hours_per_month = "720"
[workload]
records_per_second = "1000"
peak_to_average = "3"
record_size = "1 KB"
[requirements]
max_monthly_cost = "100"
[[alternatives]]
name = "Kinesis"
max_monthly_cost = "80"
components = [{ service = "kinesis_data_streams", consumers = "2" }]
[[alternatives]]
name = "Athena"
components = [{ service = "athena", queries_per_month = "30", table_size = "1 TB" }]
"#,
    );
    let json = calc_json(&[quoted.path()]);
    let kinesis = component(&json, 0);
    assert_eq!(kinesis["input"]["peak_records_per_second"], 3000);
    assert_eq!(kinesis["capacity"]["shards"], 3);
    assert_eq!(cents(&line(kinesis, "shard_hour")["monthly_cost"]), "32.4");
    assert_eq!(
        decimal(&line(kinesis, "put_payload_units")["quantity"]),
        "2592"
    );
    // 30 queries of 1 TB each at $5 a TB: $150, over the $100 budget.
    let athena = &json["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .find(|a| a["name"] == "Athena")
        .expect("Athena")["components"][0];
    assert_eq!(cents(&athena["monthly_cost"]), "150");
}

/// A stream processor writing to S3: 5,000 records/s of 2 KB through
/// Kinesis into Managed Flink with 4 tasks, into S3.
const FLINK_TO_S3: &str = r#"
[workload]
records_per_second = 5000
record_size = "2 KB"
[[alternatives]]
name = "Kinesis, Flink, S3"
components = [
  { service = "kinesis_data_streams" },
  { id = "flink", service = "managed_flink", parallelism = 4 },
  { service = "s3", retention = "30 d" },
]
"#;

#[test]
fn a_stream_processor_writes_s3_a_part_file_a_task_a_checkpoint() {
    // Flink's file sink rolls a part file per task at each checkpoint, every
    // 60 s in Managed Flink's default configuration: 4 files a minute, 4 ×
    // 2,628,000 s ÷ 60 s = 175,200 PUTs = 175.2 thousand × $0.005 = $0.876,
    // not a PUT a record (13,140,000 thousand). Each file holds what a task
    // received in the minute: 5,000 × 2,048 B × 60 s ÷ 4 = 153,600,000 B.
    let file = scenario("flink-to-s3", FLINK_TO_S3);
    let json = calc_json(&[file.path()]);
    let s3 = &json["alternatives"][0]["components"][2];
    let puts = line(s3, "put_requests");
    // A file every 15 s is 1/15 a second, which no decimal holds exactly:
    // the figures are exact to 20 places and more.
    let rounded = |value: &Value| {
        let exact: rust_decimal::Decimal = value.to_string().parse().expect("a decimal");
        exact.round_dp(20).normalize().to_string()
    };
    assert_eq!(rounded(&puts["quantity"]), "175.2");
    assert_eq!(rounded(&puts["monthly_cost"]), "0.876");
    assert_eq!(s3["input"]["record_size"], 153_600_000);
    // Checkpoints every 5 minutes: 4 × 2,628,000 ÷ 300 = 35,040 PUTs.
    let file = scenario(
        "flink-to-s3-5-min",
        &FLINK_TO_S3.replace(
            "parallelism = 4 }",
            "parallelism = 4, checkpoint_interval = \"5 min\" }",
        ),
    );
    let json = calc_json(&[file.path()]);
    let puts = line(&json["alternatives"][0]["components"][2], "put_requests");
    assert_eq!(rounded(&puts["quantity"]), "35.04");
}

#[test]
fn objects_that_look_like_records_one_by_one_are_a_warning() {
    // 500 objects a second of 2 KB straight into S3: each a PUT,
    // 500 × 2,628,000 = 1,314,000,000 a month, most likely records that
    // should have been batched.
    let file = scenario(
        "records-into-s3",
        "[workload]\nrecords_per_second = 500\nrecord_size = \"2 KB\"\n\
         [[alternatives]]\nname = \"S3\"\ncomponents = [{ service = \"s3\", retention = \"1 d\" }]\n",
    );
    let json = calc_json(&[file.path()]);
    let s3 = &json["alternatives"][0]["components"][0];
    assert_eq!(decimal(&line(s3, "put_requests")["quantity"]), "1314000");
    assert_eq!(json["alternatives"][0]["verdict"], "warning");
    let codes: Vec<&Value> = s3["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| &n["code"])
        .collect();
    assert!(
        codes.contains(&&Value::from("object_per_record")),
        "{codes:?}"
    );
}

#[test]
fn requirement_checks_show_exact_figures_when_rounded_ones_look_equal() {
    // Each figure rounds to the same text as its requirement, so the
    // messages give them exactly: a 119.95 s Firehose buffer and S3's 100 ms
    // add 120,050 ms; Kinesis keeps data 24 h, 86,400,000 ms; SQS carries at
    // most 1 MB, 1,048,576 B; Lambda runs at most 15 min, 900,000 ms.
    let s = scenario(
        "rounded alike",
        r#"
[workload]
records_per_second = 10
record_size = "1 KB"
[requirements]
max_latency = "2 min"
retention = "86401 s"
max_message_size = "1048577 B"
max_job_duration = "900.1 s"
[[alternatives]]
name = "Firehose to S3"
components = [{ service = "firehose", buffer_interval = "119.95 s" }, { service = "s3" }]
[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams" }]
[[alternatives]]
name = "SQS and Lambda"
components = [{ service = "sqs" }, { service = "lambda", duration = "1 s" }]
"#,
    );
    let json = calc_json(&[s.path()]);
    let messages = |i: usize| -> Vec<String> {
        json["alternatives"][i]["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        messages(0)
            .contains(&"adds 120,050 ms of latency; requirement: at most 120,000 ms".to_string()),
        "{:?}",
        messages(0)
    );
    assert!(
        messages(1).contains(
            &"keeps data for at most 86,400,000 ms; requirement: 86,401,000 ms".to_string()
        ),
        "{:?}",
        messages(1)
    );
    assert_eq!(
        messages(2),
        [
            "sqs (standard): carries messages of at most 1,048,576 B; requirement: 1,048,577 B",
            "lambda (x86_64): runs for at most 900,000 ms; requirement: jobs of 900,100 ms (use Batch, Fargate or EMR)",
        ]
    );
}

#[test]
fn a_function_writes_s3_an_object_an_invocation() {
    // 1,000 records/s of 1 KB handed to a function 10 at a time: 100
    // invocations a second, each putting one 10 KB object: 100 × 2,628,000
    // s = 262,800,000 PUTs = 262,800 thousand × $0.005 = $1,314.
    let file = scenario(
        "lambda-to-s3",
        "[workload]\nrecords_per_second = 1000\nrecord_size = \"1 KB\"\n\
         [[alternatives]]\nname = \"Lambda, S3\"\ncomponents = [\n\
         { service = \"lambda\", batch_size = 10, memory = \"128 MB\", duration = \"100 ms\" },\n\
         { service = \"s3\", retention = \"1 d\" },\n]\n",
    );
    let json = calc_json(&[file.path()]);
    let s3 = &json["alternatives"][0]["components"][1];
    let puts = line(s3, "put_requests");
    assert_eq!(decimal(&puts["quantity"]), "262800");
    assert_eq!(decimal(&puts["monthly_cost"]), "1314");
    assert_eq!(s3["input"]["record_size"], 10_240);
}

#[test]
fn the_small_files_warning_fits_the_fix_to_what_wrote_them() {
    // 10 records of 1 KB a second: a Firehose buffer that delivers every
    // 900 s, its longest, writes 9,000 KB = 8.79 MB objects; every 300 s,
    // its default, 3,000 KB = 2.93 MB. A bucket fed by the workload holds
    // the 2 MB objects it is told of, batched by nothing calc knows.
    let s = scenario(
        "small files",
        r#"
[workload]
records_per_second = 10
record_size = "1 KB"
[[alternatives]]
name = "buffer at its maximum"
components = [{ service = "firehose", buffer_size = "128 MB", buffer_interval = "900 s" }, { service = "s3" }, { service = "athena", queries_per_month = 100 }]
[[alternatives]]
name = "buffer below its maximum"
components = [{ service = "firehose" }, { service = "s3" }, { service = "athena", queries_per_month = 100 }]
[[alternatives]]
name = "no buffer"
components = [{ service = "s3", object_size = "2 MB" }, { service = "athena", queries_per_month = 100 }]
"#,
    );
    let json = calc_json(&[s.path()]);
    let warning = |alternative: usize| -> String {
        let components = json["alternatives"][alternative]["components"]
            .as_array()
            .unwrap();
        let athena = components.last().unwrap();
        athena["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["code"] == "small_files")
            .map(|n| n["message"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no small_files in {athena}"))
    };
    assert_eq!(
        warning(0),
        "objects of 8.79 MB: Athena spends its time opening files this small, and the buffer that batches them is at its maximum: compact them after they land to query faster"
    );
    assert_eq!(
        warning(1),
        "objects of 2.93 MB: Athena spends its time opening files this small: raise the size or interval of the buffer that batches them (it is below its maximum), or compact them, to query faster"
    );
    assert_eq!(
        warning(2),
        "objects of 2 MB: Athena spends its time opening files this small: write larger files (batch more before each write, or compact them) to query faster"
    );
    for i in 0..3 {
        assert!(!warning(i).contains("Firehose"), "{}", warning(i));
    }
}
