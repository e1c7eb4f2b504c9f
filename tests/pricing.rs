//! `calc pricing list`, `show` and `check`.

use crate::support::{TempScenario, calc, rejected};

const TABLE: &str = include_str!("../pricing/aws-us-east-1.toml");

fn ok(args: &[&str]) -> String {
    let run = calc(args);
    assert_eq!(run.code, 0, "calc {args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn the_bundled_tables_are_listed_with_their_coverage() {
    let list = ok(&["pricing", "list"]);
    // 55 prices and 64 limits, as the us-east-1 table holds.
    assert!(
        list.contains(
            "│ aws-us-east-1 ┆ us-east-1 ┆ USD      ┆ 2026-11-24 ┆ 55 of 55 ┆ 64 of 64 ┆ -"
        ),
        "{list}"
    );
}

#[test]
fn a_table_is_shown_with_every_source() {
    let shown = ok(&["pricing", "show", "aws-us-east-1", "kinesis_data_streams"]);
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
    let checked = ok(&["pricing", "check", "pricing/aws-us-east-1.toml"]);
    assert_eq!(
        checked,
        "pricing/aws-us-east-1.toml: ok, 55 of 55 prices and 64 of 64 limits, each sourced and dated\n"
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
    let checked = ok(&["pricing", "check", file.path()]);
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
