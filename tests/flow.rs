//! Pipelines that flow: each component consumes what the one before it (or
//! the one it names with `from`) emits, and provisioned capacity is sized for
//! the peak while requests are billed on the average. Every figure here is
//! worked out by hand.

use serde_json::Value;

use crate::support::{TempScenario, calc, calc_json};

fn scenario(name: &str, body: &str) -> TempScenario {
    TempScenario::new(name, &format!("name = \"{name}\"\n{body}"))
}

fn component(json: &Value, alternative: usize, index: usize) -> &Value {
    &json["alternatives"][alternative]["components"][index]
}

fn cost<'a>(component: &'a Value, dimension: &str) -> &'a Value {
    &component["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|item| item["dimension"] == dimension)
        .unwrap_or_else(|| panic!("no `{dimension}` in {component}"))["monthly_cost"]
}

#[test]
fn firehose_delivers_one_object_per_flush_to_s3() {
    // 2,000 records/s × 1,024 B = 2,048,000 B/s fills a 64 MB buffer
    // (67,108,864 B) in 32.768 s, before the 300 s interval. Over 730 h
    // (2,628,000 s) that is 2,628,000 ÷ 32.768 = 80,200.1953125 objects, so
    // 80.2001953125 thousand PUTs × $0.005 = $0.4010009765625, not one PUT
    // per record ($26,280).
    let file = scenario(
        "firehose-to-s3",
        r#"
[workload]
records_per_second = 2000
record_size = "1 KB"

[[alternatives]]
name = "Firehose to S3"
components = [
  { service = "firehose", buffer_size = "64 MB", buffer_interval = "300 s" },
  { service = "s3" },
]
"#,
    );
    let json = calc_json(&[file.path()]);
    let firehose = component(&json, 0, 0);
    assert_eq!(
        firehose["capacity"]["buffer_fill_seconds"].to_string(),
        "32.768"
    );
    let s3 = component(&json, 0, 1);
    assert_eq!(s3["input"]["from"], "components[0]");
    assert_eq!(s3["input"]["record_size"], 67_108_864);
    let puts = &s3["line_items"][1];
    assert_eq!(puts["dimension"], "put_requests");
    assert_eq!(puts["quantity"].to_string(), "80.2001953125");
    assert_eq!(puts["monthly_cost"].to_string(), "0.4010009765625");
}

#[test]
fn an_sns_topic_sends_each_queue_its_own_copy() {
    // 100 records/s through a topic with 3 SQS subscriptions: the queues
    // receive 300 messages/s between them.
    let file = scenario(
        "fan-out",
        r#"
[workload]
records_per_second = 100
record_size = "1 KB"

[[alternatives]]
name = "Kinesis, SNS, SQS"
components = [
  { service = "kinesis_data_streams" },
  { service = "sns", sqs_subscriptions = 3 },
  { service = "sqs" },
]
"#,
    );
    let json = calc_json(&[file.path()]);
    let sqs = component(&json, 0, 2);
    assert_eq!(sqs["input"]["records_per_second"], 300);
    assert_eq!(sqs["capacity"]["messages_per_second"], 300);
}

#[test]
fn s3_announces_each_object_to_the_queue_behind_it() {
    // 50 objects/s written to S3 are 50 object-created events/s into SQS,
    // and Lambda consumes the queue's 50 messages/s in batches of 10: 5
    // invocations/s.
    let file = scenario(
        "s3-sqs-lambda",
        r#"
[workload]
records_per_second = 50
record_size = "2 MB"

[[alternatives]]
name = "S3 events"
components = [
  { service = "s3" },
  { service = "sqs" },
  { service = "lambda", batch_size = 10, duration = "1 s" },
]
"#,
    );
    let json = calc_json(&[file.path()]);
    let sqs = component(&json, 0, 1);
    assert_eq!(sqs["input"]["records_per_second"], 50);
    assert_eq!(sqs["input"]["from"], "components[0]");
    let lambda = component(&json, 0, 2);
    assert_eq!(lambda["capacity"]["invocations_per_second"], 5);
}

#[test]
fn a_query_service_reads_what_the_bucket_holds_not_its_notifications() {
    // The bucket holds the 1 TB stated (1,099,511,627,776 B) and announces
    // each of the 10 objects a second it is written. The queue after it
    // receives those 10 notifications a second; Athena reads the 1 TB.
    let file = scenario(
        "query-the-lake",
        r#"
[workload]
records_per_second = 10
record_size = "1 KB"

[[alternatives]]
name = "Query the lake"
components = [
  { id = "lake", service = "s3", storage = "1 TB" },
  { service = "sqs", from = "lake" },
  { service = "athena", from = "lake", queries_per_month = 100, format = "parquet" },
]
"#,
    );
    let text = calc(&[file.path()]).stdout;
    assert!(
        text.contains("input: reads lake (s3), which holds 1 TB"),
        "{text}"
    );
    assert!(
        text.contains("input: 10 records/s of 1 KB from lake (s3)"),
        "{text}"
    );
    // Only the queue's input is the notifications.
    assert_eq!(
        text.matches("records/s of 1 KB from lake").count(),
        1,
        "{text}"
    );
    let json = calc_json(&[file.path()]);
    let athena = component(&json, 0, 2);
    assert_eq!(athena["input"]["store_holds"], 1_099_511_627_776_u64);
    assert_eq!(athena["input"]["from"], "lake");
    assert_eq!(component(&json, 0, 1)["input"]["store_holds"], Value::Null);
}

#[test]
fn a_component_consumes_the_one_it_names() {
    // Kinesis feeds Firehose (then S3) and, by `from`, a Lambda function:
    // the function receives the stream's 1,000 records/s, not S3's objects.
    let file = scenario(
        "branches",
        r#"
[workload]
records_per_second = 1000
record_size = "1 KB"

[[alternatives]]
name = "Two branches"
components = [
  { id = "stream", service = "kinesis_data_streams" },
  { service = "firehose", buffer_size = "5 MB", buffer_interval = "60 s" },
  { service = "s3" },
  { service = "lambda", from = "stream", batch_size = 100, duration = "100 ms" },
]
"#,
    );
    let json = calc_json(&[file.path()]);
    let lambda = component(&json, 0, 3);
    assert_eq!(lambda["input"]["from"], "stream");
    assert_eq!(lambda["input"]["records_per_second"], 1000);
    assert_eq!(lambda["capacity"]["invocations_per_second"], 10);
    // The branches run side by side: the data is as late as the slower one.
    // Stream 200 ms, then Firehose filling 5 MB at 1,024,000 B/s in 5.12 s,
    // then S3 100 ms: 5,420 ms; the Lambda branch is 200 + 100 ms = 300 ms.
    assert_eq!(json["alternatives"][0]["latency_ms"], 5420);
}

fn dynamodb(peak: &str) -> Value {
    let file = scenario(
        "dynamodb-modes",
        &format!(
            r#"
[workload]
records_per_second = 1000
{peak}
record_size = "1 KB"

[[alternatives]]
name = "provisioned"
components = [{{ service = "dynamodb" }}]

[[alternatives]]
name = "on demand"
components = [{{ service = "dynamodb", capacity_mode = "on_demand" }}]
"#
        ),
    );
    calc_json(&[file.path()])
}

fn wcu_cost(json: &Value) -> String {
    cost(component(json, 0, 0), "wcu_hour").to_string()
}

fn wru_cost(json: &Value) -> String {
    cost(component(json, 1, 0), "write_request_units").to_string()
}

#[test]
fn provisioned_capacity_is_sized_for_the_peak_and_requests_billed_on_the_average() {
    // A peak of 4,000 writes/s of 1 KB needs 4,000 WCU: 4,000 × 730 h ×
    // $0.00065 = $1,898.00. On demand bills the average: 1,000 × 2,628,000 s
    // = 2,628 million WRU × $0.625 = $1,642.50.
    let json = dynamodb("peak_records_per_second = 4000");
    assert_eq!(component(&json, 0, 0)["capacity"]["wcu"], 4000);
    assert_eq!(wcu_cost(&json), "1898");
    assert_eq!(wru_cost(&json), "1642.5");
    // The average uses a quarter of what is provisioned.
    assert_eq!(
        component(&json, 0, 0)["capacity"]["utilisation"].to_string(),
        "0.25"
    );
    assert_eq!(json["comparison"][0]["name"], "on demand");

    // No peak: 1,000 WCU × 730 h × $0.00065 = $474.50, exactly as before.
    let json = dynamodb("");
    assert_eq!(wcu_cost(&json), "474.5");
    assert_eq!(json["comparison"][0]["name"], "provisioned");
}

#[test]
fn on_demand_breaks_even_at_a_peak_of_about_3_46_times_the_average() {
    // Provisioned costs ratio × 1,000 WCU × 730 h × $0.00065 = ratio × $474.50;
    // on demand $1,642.50; they cross at 1,642.5 ÷ 474.5 = 0.00225 ÷ 0.00065
    // ≈ 3.4615. At 3.46: 3.46 × 474.5 = $1,641.77, provisioned is cheaper; at
    // 3.47: $1,646.515, on demand is.
    let below = dynamodb("peak_to_average = 3.46");
    assert_eq!(wcu_cost(&below), "1641.77");
    assert_eq!(below["comparison"][0]["name"], "provisioned");
    let above = dynamodb("peak_to_average = 3.47");
    assert_eq!(wcu_cost(&above), "1646.515");
    assert_eq!(above["comparison"][0]["name"], "on demand");
}

#[test]
fn a_flat_peak_is_no_peak() {
    let flat = dynamodb("peak_to_average = 1");
    let none = dynamodb("");
    assert_eq!(flat["alternatives"], none["alternatives"]);
}

#[test]
fn one_alternative_over_a_limit_fails_and_the_others_are_compared() {
    // 2 MB records are over Kinesis's 1 MB default and SQS's 1 MB limit, and
    // fit in S3. The report is printed (exit 0) and the two failing
    // alternatives are ranked after the feasible one.
    let file = scenario(
        "one-fails",
        r#"
[workload]
records_per_second = 10
record_size = "2 MB"

[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams" }]

[[alternatives]]
name = "S3"
components = [{ service = "s3" }]
"#,
    );
    let run = calc(&[file.path()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = calc_json(&[file.path()]);
    let kinesis = &json["alternatives"][0];
    assert_eq!(kinesis["feasible"], false);
    let violation = &kinesis["violations"][0];
    assert_eq!(violation["requirement"], "limit");
    assert!(
        violation["message"]
            .as_str()
            .unwrap()
            .contains("record size"),
        "{violation}"
    );
    assert_eq!(json["alternatives"][1]["feasible"], true);
    assert_eq!(json["comparison"][0]["name"], "S3");
}
