//! `profile`: the shape of a day. Figures worked by hand in the comments.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TempFolder, calc_json};

fn number(value: &serde_json::Value) -> Decimal {
    value.to_string().parse().expect("a number")
}

#[test]
fn a_flat_profile_is_the_report_without_one_for_every_bundled_scenario() {
    for entry in std::fs::read_dir("scenarios").expect("scenarios") {
        let path = entry.expect("entry").path();
        let path = path.to_str().expect("UTF-8");
        let mut plain = calc_json(&[path]);
        let mut flat = calc_json(&[path, "--set", "workload.profile=flat"]);
        plain["overrides"] = serde_json::Value::Null;
        flat["overrides"] = serde_json::Value::Null;
        assert_eq!(plain, flat, "{path}");
    }
}

#[test]
fn provisioned_capacity_is_sized_for_the_busiest_hour_and_volume_is_unchanged() {
    // 1,000 writes/s of 1 KB on business_hours (0.25 from 00:00 to 08:00,
    // 1.75 from 08:00 to 20:00, 0.25 to midnight): the busiest hour takes
    // 1,750 writes/s, 1,750 WCU, 1,750 × 730 h = 1,277,500 WCU-hours at
    // $0.00065 = $830.375. On demand bills the same 1,000 writes/s on
    // average: 1,000 × 2,628,000 s = 2,628 million WRU at $0.625 =
    // $1,642.50, as without a profile.
    let folder = TempFolder::new();
    let path = folder.write(
        "table.toml",
        r#"name = "a table busy in business hours"

[workload]
records_per_second = 1000
record_size = "1 KB"
profile = "business_hours"

[[alternatives]]
name = "provisioned"
components = [{ service = "dynamodb", capacity_mode = "provisioned" }]

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand" }]
"#,
    );
    let json = calc_json(&[&path]);
    let provisioned = &json["alternatives"][0]["components"][0];
    assert_eq!(provisioned["capacity"]["wcu"], 1750);
    assert_eq!(
        number(&provisioned["input"]["peak_records_per_second"]),
        dec!(1750)
    );
    assert_eq!(
        number(&provisioned["line_items"][0]["monthly_cost"]),
        dec!(830.375)
    );
    let on_demand = &json["alternatives"][1]["components"][0];
    assert_eq!(number(&on_demand["monthly_cost"]), dec!(1642.5));

    // A second-level peak applies within the busiest hour: 1,750 × 2 =
    // 3,500 WCU.
    let json = calc_json(&[&path, "--set", "workload.peak_to_average=2"]);
    assert_eq!(
        json["alternatives"][0]["components"][0]["capacity"]["wcu"],
        3500
    );
}
