//! `calc pricing list`, `show` and `check`.

use crate::support::{TempScenario, accepted, accepted_json, rejected};

const TABLE: &str = include_str!("../pricing/aws-us-east-1.toml");

#[test]
fn the_bundled_tables_are_listed_with_their_coverage() {
    let list = accepted(&["pricing", "list"]);
    // 106 prices and 121 limits (EC2's
    // instance-hour, MSK's broker-hour, Redshift's node-hour and DocumentDB's
    // instance-hour count once each, held by their catalogues of types; and
    // DynamoDB's eight reserved-capacity rates, which all three tables hold);
    // the regional tables hold the prices found for their Region (Ireland: no
    // Firehose, Flink, SQS, EventBridge, DocumentDB or EMR prices; Lambda
    // duration, Athena, Glue, Fargate, Redshift nodes and Serverless,
    // Timestream and Quick Sight's Pro roles, Readers and SPICE from AWS's
    // price feed, data transfer from Infracost's output of it; Seoul also
    // Lambda duration, Athena, Glue, Fargate, Redshift nodes and Serverless
    // and Quick Sight Readers and SPICE from AWS's price feed, data transfer
    // from Infracost's, and no Timestream, which AWS does not offer there), and the limits AWS
    // gives for every Region or names the Region in. Every figure a table
    // lacks, it lacks with a reason: us-east-1 106 - 103 = 3 prices, the
    // three of Kinesis On-demand Advantage that no source prices (no table
    // holds them); Ireland 106 - 79 = 27 prices and 121 - 117 = 4 limits,
    // Seoul 106 - 72 = 34 and 121 - 105 = 16.
    let rows = [
        "│ aws-us-east-1      ┆ us-east-1      ┆ USD      ┆ 2026-11-24 ┆ 103 of 106, 3 missing   ┆ 121 of 121              ┆ kinesis_data_streams",
        "│ aws-eu-west-1      ┆ eu-west-1      ┆ USD      ┆ 2026-11-26 ┆ 79 of 106, 27 missing   ┆ 117 of 121, 4 missing   ┆ kinesis_data_streams,",
        "│ aws-ap-northeast-2 ┆ ap-northeast-2 ┆ USD      ┆ 2026-11-26 ┆ 72 of 106, 34 missing   ┆ 105 of 121, 16 missing  ┆ kinesis_data_streams,",
    ];
    let mut at = 0;
    for row in rows {
        let found = list[at..]
            .find(row)
            .unwrap_or_else(|| panic!("no row `{row}` after the previous one in\n{list}"));
        at += found + row.len();
    }
    // The wrapped cells name every service a regional table lacks a price for.
    for service in [
        "firehose",
        "managed_flink",
        "sqs",
        "sns",
        "eventbridge",
        "emr",
        "redshift",
        "documentdb",
        "quicksight",
    ] {
        assert!(
            list.contains(&format!(" {service}")),
            "{service} in\n{list}"
        );
    }
    // Lambda's duration and data transfer are priced in both now.
    assert!(!list.contains("lambda"), "{list}");
    assert!(!list.contains("data_transfer"), "{list}");
}

#[test]
fn the_bundled_tables_are_listed_as_json_with_what_each_leaves_out() {
    let json = accepted_json(&["pricing", "list", "--format", "json"]);
    let tables = json["tables"].as_array().expect("tables");
    let names: Vec<&str> = tables.iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(
        names,
        ["aws-us-east-1", "aws-eu-west-1", "aws-ap-northeast-2"]
    );
    // (held, of, missing with a reason) for prices, then limits: what each
    // table lacks, it lacks with a reason (us-east-1: the 3 On-demand
    // Advantage prices; Seoul: 106 - 72 = 34 prices and 121 - 105 = 16 limits).
    let counts = |t: &serde_json::Value, what: &str| {
        let c = &t[what];
        (
            c["held"].as_u64(),
            c["of"].as_u64(),
            c["missing_with_reason"].as_u64(),
        )
    };
    assert_eq!(
        counts(&tables[0], "prices"),
        (Some(103), Some(106), Some(3))
    );
    assert_eq!(
        counts(&tables[1], "prices"),
        (Some(79), Some(106), Some(27))
    );
    assert_eq!(
        counts(&tables[1], "limits"),
        (Some(117), Some(121), Some(4))
    );
    assert_eq!(
        counts(&tables[2], "prices"),
        (Some(72), Some(106), Some(34))
    );
    assert_eq!(
        counts(&tables[2], "limits"),
        (Some(105), Some(121), Some(16))
    );
    assert_eq!(tables[2]["region"], "ap-northeast-2");
    assert_eq!(
        tables[0]["incomplete_for"],
        serde_json::json!(["kinesis_data_streams"])
    );
}

#[test]
fn a_figure_left_out_is_shown_with_its_reason() {
    let shown = accepted(&["pricing", "show", "aws-ap-northeast-2", "firehose"]);
    assert!(shown.contains("missing, with a reason"), "{shown}");
    assert!(shown.contains("no Seoul price found"), "{shown}");
    // Timestream for LiveAnalytics has no Seoul endpoint: every price and
    // limit says so.
    let shown = accepted(&["pricing", "show", "aws-ap-northeast-2", "timestream"]);
    assert_eq!(
        shown.matches("not offered in ap-northeast-2").count(),
        4 + 12,
        "its 4 prices and 12 limits in\n{shown}"
    );
    assert!(!shown.contains("missing from the table"), "{shown}");
}

#[test]
fn a_table_is_shown_with_every_source() {
    let shown = accepted(&["pricing", "show", "aws-us-east-1", "kinesis_data_streams"]);
    assert!(shown.contains("shard_hour"), "{shown}");
    assert!(shown.contains("$0.015"), "{shown}");
    assert!(shown.contains("Storage-ShardHour"), "{shown}");
    assert!(!shown.contains("== sqs =="), "{shown}");
    let stderr = rejected(&["pricing", "show", "aws-us-east-1", "kinesis"]);
    assert!(stderr.contains("unknown service `kinesis`"), "{stderr}");
    let stderr = rejected(&["pricing", "show", "aws-us-east-2"]);
    assert!(stderr.contains("did you mean `aws-us-east-1`?"), "{stderr}");
}

#[test]
fn the_bundled_table_passes_its_check() {
    let checked = accepted(&["pricing", "check", "pricing/aws-us-east-1.toml"]);
    assert_eq!(
        checked,
        "pricing/aws-us-east-1.toml: ok, 103 of 106 prices (3 missing with a reason) and 121 of 121 limits, each sourced and dated\n\
         incomplete for kinesis_data_streams: a scenario that needs a missing price is refused\n"
    );
}

#[test]
fn a_check_finds_every_unsourced_or_future_entry() {
    let table = TABLE
        .replacen(
            "source = \"AWS Price List API, AmazonKinesis, us-east-1, usage type Storage-ShardHour (1 shard x 730 h = $10.95)\"",
            "source = \"\"",
            1,
        )
        .replacen("as_of = \"2024-07-01\"", "as_of = \"2999-01-01\"", 1)
        .replacen("as_of = \"2024-07-01\"", "as_of = \"2024-02-30\"", 1);
    let file = TempScenario::new("table", &table);
    let stderr = rejected(&["pricing", "check", file.path()]);
    assert!(
        stderr.contains("error: price `kinesis_data_streams.shard_hour` names no source"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`as_of = \"2999-01-01\"` is after today"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`as_of = \"2024-02-30\"` is not a date YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn a_check_questions_a_price_far_from_the_default_tables() {
    // $1.50 a shard-hour is 100 times us-east-1's $0.015: likely a slip.
    let table = TABLE.replacen("price = 0.015\n", "price = 1.5\n", 1);
    let file = TempScenario::new("table", &table);
    let checked = accepted(&["pricing", "check", file.path()]);
    assert!(
        checked.contains(
            "warning: price `kinesis_data_streams.shard_hour` is 100 times aws-us-east-1's (0.015 per shard-hour): check its unit and digits"
        ),
        "{checked}"
    );
    // A unit the service does not count in is refused, with the unit to use.
    let table = TABLE.replacen("unit = \"shard-hour\"", "unit = \"shard-month\"", 1);
    let file = TempScenario::new("table", &table);
    let stderr = rejected(&["pricing", "check", file.path()]);
    assert!(
        stderr.contains("convert the price to one per `shard-hour`"),
        "{stderr}"
    );
}

#[test]
fn a_check_questions_a_price_at_either_edge_of_exact_decimals() {
    // $10^28 a shard-hour against $0.015 is 6.7 × 10^29 times: past the
    // largest decimal, and said as what it is at least.
    let table = TABLE.replacen("price = 0.015\n", "price = 1e28\n", 1);
    let file = TempScenario::new("table", &table);
    let checked = accepted(&["pricing", "check", file.path()]);
    assert!(
        checked.contains(
            "warning: price `kinesis_data_streams.shard_hour` is more than 10^28 times aws-us-east-1's (0.015 per shard-hour): check its unit and digits"
        ),
        "{checked}"
    );
    // $0.0000003 is 0.00002 times $0.015: not "0 times", as four decimal
    // places would have it.
    let table = TABLE.replacen("price = 0.015\n", "price = 0.0000003\n", 1);
    let file = TempScenario::new("table", &table);
    let checked = accepted(&["pricing", "check", file.path()]);
    assert!(
        checked.contains(
            "warning: price `kinesis_data_streams.shard_hour` is 0.00002 times aws-us-east-1's (0.015 per shard-hour): check its unit and digits"
        ),
        "{checked}"
    );
}

/// The line item `dimension` of the first component of alternative `a`.
fn line(report: &serde_json::Value, a: usize, dimension: &str) -> serde_json::Value {
    report["alternatives"][a]["components"][0]["line_items"]
        .as_array()
        .expect("line items")
        .iter()
        .find(|item| item["dimension"] == dimension)
        .unwrap_or_else(|| panic!("no {dimension}"))
        .clone()
}

const SEED: &str = "scenarios/kinesis-vs-dynamodb.toml";

#[test]
fn a_price_book_holds_only_its_differences() {
    // 12% off Kinesis, 10% off Firehose's tiered ingestion, one price of its
    // own; everything else is us-east-1's.
    let book = TempScenario::new(
        "book",
        r#"
name = "acme"
extends = "aws-us-east-1"

[discounts]
kinesis_data_streams = 0.12
"firehose.ingestion_gb" = 0.10

[prices.dynamodb.storage_gb_month]
price = 0.2
unit = "GB-month"
source = "our agreement with AWS, schedule B"
as_of = "2026-10-01"
evidence = "unverified"
"#,
    );
    let base = accepted_json(&["--format", "json", SEED]);
    let ours = accepted_json(&["--format", "json", "--pricing", book.path(), SEED]);
    // Kinesis at us-east-1's prices: 2,190 shard-hours at $0.015 = $32.85
    // and 7,884 million PUT units at $0.014 = $110.376. Less 12%: $0.0132
    // and $0.01232 a unit, $28.908 and $97.13088.
    let shards = line(&ours, 0, "shard_hour");
    assert_eq!(shards["unit_price"], serde_json::json!(0.0132));
    assert_eq!(shards["monthly_cost"], serde_json::json!(28.908));
    let puts = line(&ours, 0, "put_payload_units");
    assert_eq!(puts["monthly_cost"], serde_json::json!(97.13088));
    // Firehose's ingestion, tiered: each tier's price 10% lower, so the
    // line is 90% of us-east-1's (its quantity is in the first tier).
    let theirs = line(&base, 2, "ingestion_gb");
    let mine = line(&ours, 2, "ingestion_gb");
    assert_eq!(mine["quantity"], theirs["quantity"]);
    let (a, b) = (
        theirs["monthly_cost"].as_f64().unwrap(),
        mine["monthly_cost"].as_f64().unwrap(),
    );
    assert!((b - a * 0.9).abs() < 1e-9, "{a} × 0.9 is not {b}");
    // $0.029 a GB in the first tier, less 10%.
    assert_eq!(mine["unit_price"], serde_json::json!(0.0261));
    // DynamoDB's own lines are untouched (storage is 0 here).
    assert_eq!(
        line(&ours, 1, "wcu_hour")["monthly_cost"],
        line(&base, 1, "wcu_hour")["monthly_cost"]
    );
    let shown = accepted(&["pricing", "show", book.path(), "kinesis_data_streams"]);
    assert!(shown.contains("less 12%"), "{shown}");
}

#[test]
fn a_price_book_in_another_currency_converts_at_a_fixed_rate() {
    // KRW at 1,390.5 a dollar: a shard-hour is 0.015 × 1,390.5 = 20.8575 KRW
    // and a million PUT units 0.014 × 1,390.5 = 19.467 KRW. 2,190 shard-hours
    // = 45,677.925 KRW; 7,884 million units = 153,477.828 KRW; Kinesis in
    // all 199,155.753 KRW (= $143.226 × 1,390.5).
    let book = TempScenario::new(
        "krw",
        r#"
name = "aws-us-east-1-krw"
extends = "aws-us-east-1"
currency = "KRW"
exchange_rate = { from = "USD", rate = 1390.5, as_of = "2026-11-01" }
"#,
    );
    let report = accepted_json(&["--format", "json", "--pricing", book.path(), SEED]);
    assert_eq!(report["pricing"]["currency"], "KRW");
    assert_eq!(
        report["pricing"]["exchange_rate"],
        serde_json::json!({ "from": "USD", "rate": 1390.5, "as_of": "2026-11-01" })
    );
    assert_eq!(
        line(&report, 0, "shard_hour")["monthly_cost"],
        serde_json::json!(45677.925)
    );
    assert_eq!(
        line(&report, 0, "put_payload_units")["monthly_cost"],
        serde_json::json!(153477.828)
    );
    assert_eq!(
        report["alternatives"][0]["monthly_cost"],
        serde_json::json!(199155.753)
    );
    let table = accepted(&["--pricing", book.path(), SEED]);
    assert!(
        table.contains("converted at 1,390.5 KRW = 1 USD (as of 2026-11-01)"),
        "{table}"
    );
    assert!(table.contains("KRW 199,155.75 a month"), "{table}");
}

#[test]
fn a_price_book_says_what_it_cannot_do() {
    for (text, says) in [
        (
            "name = \"b\"\nextends = \"aws-us-east-2\"\n",
            "did you mean `aws-us-east-1`?",
        ),
        (
            "name = \"b\"\nextends = \"aws-us-east-1\"\ncurrency = \"EUR\"\n",
            "give the rate",
        ),
        (
            "name = \"b\"\nextends = \"aws-us-east-1\"\n[discounts]\nkinesis_data_stream = 0.1\n",
            "did you mean `kinesis_data_streams`?",
        ),
        (
            "name = \"b\"\nextends = \"aws-us-east-1\"\n[discounts]\nsqs = 12\n",
            "12% off is `0.12`",
        ),
        (
            "name = \"b\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n[discounts]\nsqs = 0.1\n",
            "add `extends`",
        ),
        ("name = \"b\"\n", "the table needs `region`"),
    ] {
        let book = TempScenario::new("bad", text);
        let stderr = rejected(&["--pricing", book.path(), SEED]);
        assert!(stderr.contains(says), "{text}: {stderr}");
    }
}

#[test]
fn prices_found_in_aws_feed_are_graded_by_it_with_their_rate_code() {
    // Each of these us-east-1 prices is in AWS's pricing-page feed at the
    // same figure: Fargate's vCPU-hour and GB-hour on x86 and Arm, Glue's
    // Flex DPU-hour and Timestream's TCU-hour.
    for (price, figure, rate_code) in [
        ("fargate.vcpu_hour", "0.04048", "8CESGAFWKAJ98PME"),
        ("fargate.gb_hour", "0.004445", "PBZNQUSEXZUC34C9"),
        ("fargate.vcpu_hour_arm", "0.03238", "XSZATS4VYMDC9CYN"),
        ("fargate.gb_hour_arm", "0.00356", "UNH9KPQP7W7C66C9"),
        ("glue.flex_dpu_hour", "0.29", "CW2STD52Z73SFDTA"),
        ("timestream.tcu_hour", "0.518", "7GC65EHDNA7F29AM"),
    ] {
        let header = format!("[prices.{price}]\n");
        let start = TABLE.find(&header).unwrap_or_else(|| panic!("no {header}"));
        let entry = TABLE[start..].split("\n\n").next().unwrap_or_default();
        assert!(entry.contains(&format!("price = {figure}\n")), "{entry}");
        assert!(entry.contains("evidence = \"aws-price-list\""), "{entry}");
        assert!(
            entry.contains(&format!("rate code {rate_code}.JRTCKXETXF.6YS6EN2CT7")),
            "{entry}"
        );
    }
}

/// The Glue Data Catalog at 1 million objects and 2 million requests a
/// month, with the free tier on or off.
fn catalog(free_tier: bool) -> TempScenario {
    TempScenario::new(
        "catalog",
        &format!(
            r#"name = "a data catalog"
free_tier = {free_tier}

[workload]
records_per_second = 1
record_size = "1 KB"

[[alternatives]]
name = "catalog"
components = [{{ service = "glue", kind = "data_catalog", catalog_objects = 1000000, catalog_requests_per_month = 2000000 }}]
"#
        ),
    )
}

#[test]
fn the_free_tier_says_which_kind_of_allowance_it_applies() {
    // AWS's worked example (Lake Formation and Glue pricing pages): a
    // million tables and two million requests a month cost $0 for storage
    // (the first million objects free) and $1 for the million requests over
    // the free million: $1.00. Without the free tier, 1,000,000 objects at
    // $1 per 100,000 = $10.00 and 2 million requests at $1 = $2.00: $12.00.
    let on = catalog(true);
    let json = accepted_json(&["--format", "json", on.path()]);
    assert_eq!(json["alternatives"][0]["monthly_cost"].to_string(), "1");
    assert_eq!(
        json["pricing"]["free_tier_kinds"],
        serde_json::json!(["always"])
    );
    let report = accepted(&[on.path()]);
    assert!(
        report.contains(
            "free tier on: always-free allowances, shared by all of an account's workloads"
        ),
        "{report}"
    );
    let off = catalog(false);
    let json = accepted_json(&["--format", "json", off.path()]);
    assert_eq!(json["alternatives"][0]["monthly_cost"].to_string(), "12");
    assert!(accepted(&[off.path()]).contains("· free tier off\n"));
}
