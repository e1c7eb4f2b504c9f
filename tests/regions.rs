//! The regional tables, `aws-eu-west-1` and `aws-ap-northeast-2`: their own
//! prices, worked out by hand from the figures in `pricing/*.toml`, and a
//! refusal wherever a figure was not found for the Region.

use serde_json::Value;

use crate::support::{TempScenario, calc, calc_json, rejected};

fn component(json: &Value, alternative: usize) -> &Value {
    &json["alternatives"][alternative]["components"][0]
}

fn cost(component: &Value, dimension: &str) -> String {
    component["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|item| item["dimension"] == dimension)
        .unwrap_or_else(|| panic!("no `{dimension}` in {component}"))["monthly_cost"]
        .to_string()
}

const SEOUL_BUCKET: &str = r#"name = "a bucket in Seoul"
pricing = "aws-ap-northeast-2"

[workload]
records_per_second = 100
record_size = "1 MB"

[[alternatives]]
name = "S3"
components = [{ service = "s3", storage = "100 TB", gets_per_second = 1000 }]
"#;

#[test]
fn a_seoul_bucket_is_priced_at_seoul_prices() {
    // 100 TB = 102,400 GB: the first 51,200 GB at Seoul's $0.025 = $1,280,
    // the next 51,200 GB at $0.024 = $1,228.80; $2,508.80.
    // PUTs: 100/s x 3,600 x 730 = 262,800,000 = 262,800 thousand x $0.0045 = $1,182.60.
    // GETs: 1,000/s x 3,600 x 730 = 2,628,000 thousand x $0.00035 = $919.80.
    // In all $4,611.20.
    let file = TempScenario::new("seoul-bucket", SEOUL_BUCKET);
    let json = calc_json(&[file.path()]);
    assert_eq!(json["pricing"]["name"], "aws-ap-northeast-2");
    assert_eq!(json["pricing"]["region"], "ap-northeast-2");
    let s3 = component(&json, 0);
    assert_eq!(cost(s3, "storage_gb_month"), "2508.8");
    assert_eq!(cost(s3, "put_requests"), "1182.6");
    assert_eq!(cost(s3, "get_requests"), "919.8");
    assert_eq!(
        json["alternatives"][0]["monthly_cost"].to_string(),
        "4611.2"
    );

    // The same bucket in us-east-1: 51,200 x $0.023 + 51,200 x $0.022 =
    // $2,304; 262,800 x $0.005 = $1,314; 2,628,000 x $0.0004 = $1,051.20;
    // in all $4,669.20. Seoul stores dearer and serves requests cheaper.
    let json = calc_json(&["--pricing", "aws-us-east-1", file.path()]);
    assert_eq!(json["pricing"]["name"], "aws-us-east-1");
    let s3 = component(&json, 0);
    assert_eq!(cost(s3, "storage_gb_month"), "2304");
    assert_eq!(cost(s3, "put_requests"), "1314");
    assert_eq!(cost(s3, "get_requests"), "1051.2");
    assert_eq!(
        json["alternatives"][0]["monthly_cost"].to_string(),
        "4669.2"
    );
}

const TABLE_OF_WRITES: &str = r#"name = "3,000 writes of 1 KB a second"

[workload]
records_per_second = 3000
record_size = "1 KB"

[[alternatives]]
name = "provisioned"
components = [{ service = "dynamodb", capacity_mode = "provisioned", storage = "100 GB" }]

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand", storage = "100 GB" }]

[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams", capacity_mode = "provisioned" }]
"#;

#[test]
fn an_ireland_table_of_writes_is_priced_at_ireland_prices() {
    let file = TempScenario::new("ireland-writes", TABLE_OF_WRITES);
    let json = calc_json(&["--pricing", "aws-eu-west-1", file.path()]);
    assert_eq!(json["pricing"]["name"], "aws-eu-west-1");

    // Provisioned: 3,000 WCU x 730 h = 2,190,000 WCU-hours x $0.000735 =
    // $1,609.65; the minimum 1 RCU x 730 h x $0.000147 = $0.10731; 100 GB x
    // $0.283 = $28.30. In all $1,638.05731.
    let provisioned = component(&json, 0);
    assert_eq!(provisioned["capacity"]["wcu"], 3000);
    assert_eq!(cost(provisioned, "wcu_hour"), "1609.65");
    assert_eq!(cost(provisioned, "rcu_hour"), "0.10731");
    assert_eq!(cost(provisioned, "storage_gb_month"), "28.3");
    assert_eq!(
        json["alternatives"][0]["monthly_cost"].to_string(),
        "1638.05731"
    );

    // On demand: 3,000 x 3,600 x 730 = 7,884 million WRU x $0.705 = $5,558.22.
    let on_demand = component(&json, 1);
    assert_eq!(cost(on_demand, "write_request_units"), "5558.22");

    // Kinesis, as AWS sizes it: 3 shards x 730 h x $0.017 = $37.23; PUT
    // payload units 3,000 x 3,600 x 730 / 10^6 = 7,884 million x $0.0165 =
    // $130.086. In all $167.316.
    let kinesis = component(&json, 2);
    assert_eq!(kinesis["capacity"]["shards"], 3);
    assert_eq!(cost(kinesis, "shard_hour"), "37.23");
    assert_eq!(cost(kinesis, "put_payload_units"), "130.086");
    assert_eq!(
        json["alternatives"][2]["monthly_cost"].to_string(),
        "167.316"
    );

    // us-east-1: 2,190,000 x $0.00065 = $1,423.50; 730 x $0.00013 = $0.0949;
    // 100 GB x $0.25 = $25; 7,884 x $0.625 = $4,927.50; 3 x 730 x $0.015 =
    // $32.85 and 7,884 x $0.014 = $110.376.
    let json = calc_json(&[file.path()]);
    assert_eq!(json["pricing"]["name"], "aws-us-east-1");
    let provisioned = component(&json, 0);
    assert_eq!(cost(provisioned, "wcu_hour"), "1423.5");
    assert_eq!(cost(provisioned, "rcu_hour"), "0.0949");
    assert_eq!(cost(provisioned, "storage_gb_month"), "25");
    assert_eq!(cost(component(&json, 1), "write_request_units"), "4927.5");
    let kinesis = component(&json, 2);
    assert_eq!(cost(kinesis, "shard_hour"), "32.85");
    assert_eq!(cost(kinesis, "put_payload_units"), "110.376");
}

const SMALL_WAREHOUSE: &str = r#"name = "a small warehouse"

[workload]
records_per_second = 1
record_size = "1 KB"

[[alternatives]]
name = "Redshift"
components = [{ service = "redshift", node_type = "ra3.large", nodes = 2 }]
"#;

#[test]
fn an_ra3_large_cluster_is_priced_at_each_regions_row() {
    // 2 nodes x 730 h = 1,460 node-hours: x $0.601 = $877.46 in Ireland,
    // x $0.639 = $932.94 in Seoul, x $0.543 = $792.78 in us-east-1.
    let file = TempScenario::new("small-warehouse", SMALL_WAREHOUSE);
    for (table, expected) in [
        ("aws-eu-west-1", "877.46"),
        ("aws-ap-northeast-2", "932.94"),
        ("aws-us-east-1", "792.78"),
    ] {
        let json = calc_json(&["--pricing", table, file.path()]);
        assert_eq!(cost(component(&json, 0), "node_hour"), expected, "{table}");
    }
}

#[test]
fn a_year_of_reserved_capacity_in_seoul_is_billed_at_seouls_reserved_rates() {
    // 3,000 WCU reserved for 1 year, partial upfront, at Seoul's feed rates:
    //   upfront 3,000 WCU x $1.6283 = $4,884.90, paid once; a month's share
    //   $4,884.90 / 12 = $407.075;
    //   hourly 3,000 WCU x 730 h = 2,190,000 WCU-hours x $0.00014 = $306.60;
    //   nothing beyond the reservation: 0 WCU-hours at $0.0007049;
    //   the table's one RCU, under a block, at the provisioned rate:
    //   1 x 730 h x $0.00014098 = $0.1029154.
    //   In all $407.075 + $306.60 + $0.1029154 = $713.7779154 a month, where
    //   the hourly rate bills 2,190,000 x $0.0007049 = $1,543.731 for the WCU.
    let json = calc_json(&[
        "--pricing",
        "aws-ap-northeast-2",
        "scenarios/dynamodb-reserved-capacity.toml",
    ]);
    assert_eq!(json["pricing"]["name"], "aws-ap-northeast-2");
    assert_eq!(cost(component(&json, 0), "wcu_hour"), "1543.731");

    let reserved = component(&json, 1);
    let upfront = reserved["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|item| item["dimension"] == "reserved_wcu_upfront_1y")
        .unwrap_or_else(|| panic!("no upfront fee in {reserved}"));
    assert_eq!(upfront["unit_price"].to_string(), "1.6283");
    assert_eq!(upfront["paid_once"].to_string(), "4884.9");
    assert_eq!(upfront["term_months"].to_string(), "12");
    assert_eq!(cost(reserved, "reserved_wcu_upfront_1y"), "407.075");
    assert_eq!(cost(reserved, "reserved_wcu_hour_1y"), "306.6");
    assert_eq!(cost(reserved, "wcu_hour"), "0");
    assert_eq!(cost(reserved, "rcu_hour"), "0.1029154");
    assert_eq!(
        reserved["capacity"]["upfront_paid_once"].to_string(),
        "4884.9"
    );
    assert_eq!(reserved["monthly_cost"].to_string(), "713.7779154");
}

#[test]
fn a_price_the_regional_table_lacks_is_refused_naming_it_and_the_table() {
    // No SQS price was found for Seoul: the queue is refused, not priced at
    // us-east-1's rate or at $0.
    let queue = TempScenario::new(
        "seoul-queue",
        r#"name = "a queue in Seoul"
pricing = "aws-ap-northeast-2"

[workload]
records_per_second = 100
record_size = "1 KB"

[[alternatives]]
name = "SQS"
components = [{ service = "sqs" }]
"#,
    );
    let stderr = rejected(&[queue.path()]);
    assert!(
        stderr.starts_with(
            "error: pricing table `aws-ap-northeast-2` has no price for `sqs.standard_requests`: \
             no Seoul price found"
        ),
        "{stderr}"
    );
}

#[test]
fn a_function_in_ireland_is_billed_at_irelands_duration_tiers() {
    // Ireland's feed prices the tiers, AWS's blog on tiered Lambda pricing
    // gives their bounds for every Region: 10 invocations a second over 730 h
    // = 26,280,000 requests x $0.20 a million = $5.256; each 100 ms at
    // 512 MB = 0.05 GB-s, so 1,314,000 GB-s, all in the first tier (under
    // 6 billion) at $0.0000166667 = $21.9000438; $27.1560438 in all.
    let function = TempScenario::new(
        "ireland-function",
        r#"name = "a function in Ireland"

[workload]
records_per_second = 10
record_size = "1 KB"

[[alternatives]]
name = "Lambda"
components = [{ service = "lambda", memory = "512 MB", duration = "100 ms" }]
"#,
    );
    let json = calc_json(&["--pricing", "aws-eu-west-1", function.path()]);
    let lambda = component(&json, 0);
    assert_eq!(cost(lambda, "requests"), "5.256");
    assert_eq!(cost(lambda, "duration_x86"), "21.9000438");
    assert_eq!(
        json["alternatives"][0]["monthly_cost"].to_string(),
        "27.1560438"
    );
}

#[test]
fn a_limit_set_per_region_is_not_taken_from_us_east_1() {
    // AWS gives 20,000 shards per account in us-east-1, us-west-2 and
    // eu-west-1, and 1,000 or 6,000 elsewhere: Seoul's table has no shard
    // quota, so a provisioned stream there is refused rather than checked
    // against another Region's.
    let file = TempScenario::new(
        "seoul-stream",
        &TABLE_OF_WRITES.replacen(
            "[workload]",
            "pricing = \"aws-ap-northeast-2\"\n\n[workload]",
            1,
        ),
    );
    let stderr = rejected(&[file.path()]);
    assert!(
        stderr.starts_with(
            "error: pricing table `aws-ap-northeast-2` has no limit `kinesis_data_streams.shards_per_account`: \
             AWS's Kinesis Data Streams quotas page (2026-12-07) gives 20,000 shards for us-east-1, \
             us-west-2 and eu-west-1 and, for every other Region, '1,000 or 6,000 shards per AWS account' \
             without saying which"
        ),
        "{stderr}"
    );
}

#[test]
fn a_service_aws_does_not_offer_in_the_region_is_refused_as_such() {
    // Timestream for LiveAnalytics has no Seoul endpoint: a table of
    // records there is not offered, rather than missing a price.
    let file = TempScenario::new(
        "seoul-timestream",
        r#"name = "time series in Seoul"
pricing = "aws-ap-northeast-2"

[workload]
records_per_second = 100
record_size = "1 KB"

[[alternatives]]
name = "Timestream"
components = [{ service = "timestream", memory_retention = "12 h", magnetic_retention = "30 d" }]
"#,
    );
    let stderr = rejected(&[file.path()]);
    assert!(
        stderr.starts_with(
            "error: `timestream` is not offered in ap-northeast-2 (pricing table `aws-ap-northeast-2`): \
             AWS does not offer Timestream for LiveAnalytics in Seoul"
        ),
        "{stderr}"
    );
    // One error for the service, not one for each of its 16 figures.
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}

#[test]
fn a_price_book_can_fill_a_regional_gap_with_its_own_figure() {
    // With the account's own shard quota in a price book that extends the
    // Seoul table, the stream is sized and priced at Seoul's prices:
    // 3 shards x 730 h x $0.0185 = $40.515; PUT payload units 3,000 x 3,600 x
    // 730 / 10^6 = 7,884 million x $0.0204 = $160.8336. In all $201.3486
    // (us-east-1: $32.85 + $110.376 = $143.226).
    let book = TempScenario::new(
        "seoul-book",
        r#"name = "seoul-book"
extends = "aws-ap-northeast-2"

[limits.kinesis_data_streams.shards_per_account]
value = 500
source = "the account's Service Quotas console"
as_of = "2026-11-01"
evidence = "unverified"
"#,
    );
    let stream = TempScenario::new(
        "seoul-stream",
        r#"name = "a stream in Seoul"

[workload]
records_per_second = 3000
record_size = "1 KB"

[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams", capacity_mode = "provisioned" }]
"#,
    );
    let json = calc_json(&["--pricing", book.path(), stream.path()]);
    assert_eq!(json["pricing"]["region"], "ap-northeast-2");
    let kinesis = component(&json, 0);
    assert_eq!(kinesis["capacity"]["shards"], 3);
    assert_eq!(cost(kinesis, "shard_hour"), "40.515");
    assert_eq!(cost(kinesis, "put_payload_units"), "160.8336");
    assert_eq!(
        json["alternatives"][0]["monthly_cost"].to_string(),
        "201.3486"
    );
    let json = calc_json(&[stream.path()]);
    assert_eq!(
        json["alternatives"][0]["monthly_cost"].to_string(),
        "143.226"
    );
}

#[test]
fn the_regional_tables_pass_their_check() {
    // Every figure a regional table lacks, it lacks with a reason.
    for (table, prices, limits) in [("aws-eu-west-1", 79, 117), ("aws-ap-northeast-2", 72, 105)] {
        let path = format!("pricing/{table}.toml");
        let run = calc(&["pricing", "check", &path]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.starts_with(&format!(
                "{path}: ok, {prices} of 106 prices ({} missing with a reason) and {limits} of 121 limits ({} missing with a reason), each sourced and dated\n",
                106 - prices,
                121 - limits
            )),
            "{}",
            run.stdout
        );
        // Nothing far from us-east-1's prices: no unit or digit slipped.
        assert!(!run.stdout.contains("warning"), "{}", run.stdout);
    }
}

/// A topic that fans out to a queue, and the topic alone: both need the
/// topic's figures.
const TOPIC_AND_QUEUE: &str = r#"name = "a topic and a queue"

[workload]
records_per_second = 100
record_size = "1 KB"

[[alternatives]]
name = "SNS to SQS"
components = [
  { service = "sns", sqs_subscriptions = 1 },
  { service = "sqs" },
]

[[alternatives]]
name = "SNS alone"
components = [{ service = "sns", sqs_subscriptions = 1 }]
"#;

#[test]
fn every_figure_a_table_lacks_is_named_at_once() {
    // A table that prices SQS requests and nothing else. What the scenario
    // needs of it, by the rules each service follows: a standard topic checks
    // the message against its size limit, bills its publish requests and
    // adds its latency (deliveries to SQS are not billed); a standard queue
    // checks the message and the batch against their limits and its
    // retention against the two bounds, and adds its latency. Eight figures,
    // the topic's three needed by both alternatives.
    let table = TempScenario::new(
        "queues-only",
        r#"name = "queues-only"
region = "us-east-1"
currency = "USD"
as_of = "2026-11-24"

[prices.sqs.standard_requests]
price = 0.40
unit = "million requests"
source = "a table for a test"
as_of = "2026-11-24"
evidence = "unverified"
"#,
    );
    let scenario = TempScenario::new("topic-and-queue", TOPIC_AND_QUEUE);
    let stderr = rejected(&["--pricing", table.path(), scenario.path()]);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        errors,
        [
            "error: pricing table `queues-only` has no limit `sns.max_message_size`",
            "error: pricing table `queues-only` has no price for `sns.publish_requests`",
            "error: pricing table `queues-only` has no limit `sns.latency`",
            "error: pricing table `queues-only` has no limit `sqs.max_message_size`",
            "error: pricing table `queues-only` has no limit `sqs.max_batch_payload`",
            "error: pricing table `queues-only` has no limit `sqs.min_retention`",
            "error: pricing table `queues-only` has no limit `sqs.max_retention`",
            "error: pricing table `queues-only` has no limit `sqs.latency`",
            "error: pricing table `queues-only` lacks 1 price and 7 limits that this scenario needs (above)",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "(needed by 2 components: `components[0]` of `SNS to SQS`, `components[0]` of `SNS alone`)"
        ),
        "{stderr}"
    );
    // A table of one's own is edited: the help says to add them to it.
    assert!(
        stderr.contains(
            "= help: add them to the table: `[limits.sns.max_message_size]` with `value`"
        ),
        "{stderr}"
    );
}

#[test]
fn a_bundled_table_that_lacks_figures_points_to_a_price_book_that_extends_it() {
    // Ireland's table has no SQS price: the help names both fixes,
    // another table or a price book that extends this one.
    let scenario = TempScenario::new("topic-and-queue", TOPIC_AND_QUEUE);
    let stderr = rejected(&["--pricing", "aws-eu-west-1", scenario.path()]);
    let last = stderr
        .lines()
        .rfind(|l| l.starts_with("error:"))
        .expect("an error");
    assert!(
        last.starts_with("error: pricing table `aws-eu-west-1` lacks "),
        "{stderr}"
    );
    assert!(
        stderr.contains("use `--pricing` with a table that has it (`calc pricing list`), or a price book of your own that fills it: `extends = \"aws-eu-west-1\"`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: a price book that extends the table can add `[prices.sqs.standard_requests]`"
        ),
        "{stderr}"
    );
}

/// A terabyte a month out of the table's Region, to `to_region` when given.
fn transfer(pricing: &str, kind: &str, to_region: Option<&str>) -> TempScenario {
    let to = to_region.map_or_else(String::new, |r| format!(", to_region = \"{r}\""));
    TempScenario::new(
        "transfer",
        &format!(
            r#"name = "a terabyte a month"
pricing = "{pricing}"

[workload]
records_per_second = 1
record_size = "1 KB"

[[alternatives]]
name = "transfer"
components = [{{ service = "data_transfer", {kind} = "1 TB"{to} }}]
"#
        ),
    )
}

#[test]
fn a_terabyte_leaves_seoul_at_seouls_rates() {
    // 1 TB = 1,024 GB, all in the first internet tier at Seoul's $0.126:
    // $129.024 (free tier off); to another Region at Seoul's $0.08: $81.92.
    let json = calc_json(&[transfer("aws-ap-northeast-2", "internet_out", None).path()]);
    assert_eq!(cost(component(&json, 0), "internet_out_gb"), "129.024");
    let json =
        calc_json(&[transfer("aws-ap-northeast-2", "inter_region", Some("us-east-1")).path()]);
    assert_eq!(cost(component(&json, 0), "inter_region_gb"), "81.92");
}

#[test]
fn a_pair_of_regions_priced_apart_costs_its_own_rate() {
    // us-east-1 to us-east-2 is $0.01 a GB: 1,024 x $0.01 = $10.24; to
    // eu-west-1, which the table does not price apart, the general $0.02:
    // 1,024 x $0.02 = $20.48.
    let json = calc_json(&[transfer("aws-us-east-1", "inter_region", Some("us-east-2")).path()]);
    assert_eq!(cost(component(&json, 0), "inter_region_gb"), "10.24");
    let json = calc_json(&[transfer("aws-us-east-1", "inter_region", Some("eu-west-1")).path()]);
    assert_eq!(cost(component(&json, 0), "inter_region_gb"), "20.48");
    // A Region code mistyped is refused with the nearest.
    let stderr = rejected(&[transfer("aws-us-east-1", "inter_region", Some("us-east-3")).path()]);
    assert!(stderr.contains("did you mean `us-east-"), "{stderr}");
}
