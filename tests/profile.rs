//! `profile`: the shape of a day. Figures worked by hand in the comments.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TempFolder, calc_json};

fn number(value: &serde_json::Value) -> Decimal {
    value.to_string().parse().expect("a number")
}

/// 1,000 writes/s of 1 KB on `business_hours`, into one alternative,
/// "auto scaling", of `component`.
fn business_hours(component: &str) -> String {
    format!(
        r#"name = "a table busy in business hours"

[workload]
records_per_second = 1000
record_size = "1 KB"
profile = "business_hours"

[[alternatives]]
name = "auto scaling"
components = [{component}]
"#
    )
}

#[test]
fn a_flat_profile_is_the_report_without_one_for_every_bundled_scenario() {
    for entry in std::fs::read_dir("scenarios").expect("scenarios") {
        let path = entry.expect("entry").path();
        let path = path.to_str().expect("UTF-8");
        // A scenario with a profile of its own changes with another.
        let text = std::fs::read_to_string(path).expect("a scenario");
        if text.contains("profile =") {
            continue;
        }
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

#[test]
fn auto_scaling_follows_business_hours_and_beats_on_demand() {
    // 1,000 writes/s of 1 KB on business_hours at a 0.7 target: at night
    // (00:00–08:00, 20:00–24:00) 250 writes/s ÷ 0.7 = 357.14, 358 WCU;
    // from 08:00 to 20:00, 1,750 ÷ 0.7 = 2,500 WCU. One decrease a day
    // (at 20:00), well within AWS's quota. A day's WCU-hours: 12 × 358 +
    // 12 × 2,500 = 34,296; a 730-hour month: 34,296 ÷ 24 × 730 =
    // 1,043,170 WCU-hours × $0.00065 = $678.0605, with the 1 RCU the table
    // keeps (730 × $0.00013 = $0.0949): $678.1554. Sized for the busiest
    // hour all day (1,750 WCU): $830.375 + $0.0949 = $830.4699. On demand,
    // the same 2,628 million writes: $1,642.50. Auto scaling is the
    // cheapest, by $152.3145 against the busiest hour and $964.3446
    // against on demand.
    let folder = TempFolder::new();
    let path = folder.write(
        "table.toml",
        r#"name = "a table busy in business hours"

[workload]
records_per_second = 1000
record_size = "1 KB"
profile = "business_hours"

[[alternatives]]
name = "busiest hour"
components = [{ service = "dynamodb", capacity_mode = "provisioned" }]

[[alternatives]]
name = "auto scaling"
components = [{ service = "dynamodb", capacity_mode = "provisioned", auto_scaling_target = 0.7 }]

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand" }]
"#,
    );
    let json = calc_json(&[&path]);
    let cost = |i: usize| number(&json["alternatives"][i]["monthly_cost"]);
    assert_eq!(cost(0), dec!(830.4699));
    assert_eq!(cost(1), dec!(678.1554));
    assert_eq!(cost(2), dec!(1642.5));
    assert_eq!(cost(2) - cost(1), dec!(964.3446));
    let scaled = &json["alternatives"][1]["components"][0];
    let hours: Vec<Decimal> = scaled["hourly"]["capacity"]
        .as_array()
        .expect("24 hours")
        .iter()
        .map(number)
        .collect();
    let mut expected = vec![dec!(358); 24];
    expected[8..20].fill(dec!(2500));
    assert_eq!(hours, expected);
    assert_eq!(number(&scaled["line_items"][0]["quantity"]), dec!(1043170));
    assert_eq!(scaled["capacity"]["wcu"], 2500);
    assert_eq!(json["comparison"][0]["name"], "auto scaling");
}

#[test]
fn auto_scaling_written_as_one_table_fills_the_three_keys() {
    // 1,000 writes/s of 1 KB on business_hours at a 0.7 target need 358
    // WCU at night and 2,500 by day (as above); within min 400 and max
    // 2,000 the table keeps 400 at night and 2,000 by day. A day's
    // WCU-hours: 12 × 400 + 12 × 2,000 = 28,800; a 730-hour month:
    // 28,800 ÷ 24 × 730 = 876,000.
    let folder = TempFolder::new();
    let path = folder.write(
        "table.toml",
        &business_hours(
            r#"{ service = "dynamodb", capacity_mode = "provisioned", auto_scaling = { target = 0.7, min = 400, max = 2000 } }"#,
        ),
    );
    let hours = |json: &serde_json::Value| -> Vec<Decimal> {
        json["alternatives"][0]["components"][0]["hourly"]["capacity"]
            .as_array()
            .expect("24 hours")
            .iter()
            .map(number)
            .collect()
    };
    let json = calc_json(&[&path]);
    let mut expected = vec![dec!(400); 24];
    expected[8..20].fill(dec!(2000));
    assert_eq!(hours(&json), expected);
    let scaled = &json["alternatives"][0]["components"][0];
    assert_eq!(number(&scaled["line_items"][0]["quantity"]), dec!(876000));

    // The flat key still reaches the same slot: at 0.6, the night needs
    // 250 ÷ 0.6 = 416.67, 417 WCU; the day 1,750 ÷ 0.6 = 2,916.67, held at
    // the maximum of 2,000.
    let json = calc_json(&[
        &path,
        "--set",
        "alternatives[auto scaling].components[0].auto_scaling_target=0.6",
    ]);
    let mut expected = vec![dec!(417); 24];
    expected[8..20].fill(dec!(2000));
    assert_eq!(hours(&json), expected);
}

#[test]
fn a_day_written_by_hand_is_scaled_to_average_one_and_sizes_auto_scaling() {
    // 12 hours at 2 and 12 at 0 average 1 already: 1,000 writes/s of
    // 1 KB carry 2,000 writes/s from 00:00 to 12:00 and none after. At a
    // 0.7 target the day needs ⌈2,000 ÷ 0.7⌉ = ⌈2,857.14⌉ = 2,858 WCU and
    // the night the minimum, 100. A day's WCU-hours: 12 × 2,858 + 12 ×
    // 100 = 35,496; a 730-hour month: 35,496 ÷ 24 × 730 = 1,079,670.
    // Written as 12 hours at 5 and 12 at 0 (adding up to 60, scaled by
    // 24 ÷ 60), it is the same day.
    let folder = TempFolder::new();
    let table = |hourly: &str| {
        format!(
            r#"name = "a table busy half the day"

[workload]
records_per_second = 1000
record_size = "1 KB"
hourly = {hourly}

[[alternatives]]
name = "auto scaling"
components = [{{ service = "dynamodb", capacity_mode = "provisioned", auto_scaling = {{ target = 0.7, min = 100 }} }}]
"#
        )
    };
    let mut expected = vec![dec!(2858); 24];
    expected[12..].fill(dec!(100));
    for (name, busy) in [("two.toml", "2"), ("five.toml", "5")] {
        let hours: Vec<&str> = [busy; 12].into_iter().chain(["0"; 12]).collect();
        let path = folder.write(name, &table(&format!("[{}]", hours.join(", "))));
        let json = calc_json(&[&path]);
        let scaled = &json["alternatives"][0]["components"][0];
        let capacity: Vec<Decimal> = scaled["hourly"]["capacity"]
            .as_array()
            .expect("24 hours")
            .iter()
            .map(number)
            .collect();
        assert_eq!(capacity, expected, "{name}");
        assert_eq!(number(&scaled["line_items"][0]["quantity"]), dec!(1079670));
    }
}

#[test]
fn hourly_resharding_follows_the_day_within_update_shard_count() {
    // 2,000 records/s of 1 KB on business_hours: 500 records/s at night,
    // one shard (under 1,000 records/s and 1 MB/s); 3,500 by day, four.
    // 1 → 4 at 08:00 is two calls (1 → 2 → 4, each at most double), 4 →
    // 1 at 20:00 two more (4 → 2 → 1, each at least half): four of the
    // ten a day. Shard-hours: (12 × 1 + 12 × 4) ÷ 24 × 730 = 1,825, at
    // $0.015 = $27.375; four shards all day: 2,920, $43.80.
    let folder = TempFolder::new();
    let path = folder.write(
        "stream.toml",
        r#"name = "a stream busy in business hours"

[workload]
records_per_second = 2000
record_size = "1 KB"
profile = "business_hours"

[[alternatives]]
name = "busiest hour"
components = [{ service = "kinesis_data_streams", capacity_mode = "provisioned" }]

[[alternatives]]
name = "hourly"
components = [{ service = "kinesis_data_streams", capacity_mode = "provisioned", resharding = "hourly" }]
"#,
    );
    let json = calc_json(&[&path]);
    let shard_hours = |i: usize| &json["alternatives"][i]["components"][0]["line_items"][0];
    assert_eq!(number(&shard_hours(0)["quantity"]), dec!(2920));
    assert_eq!(number(&shard_hours(1)["quantity"]), dec!(1825));
    assert_eq!(number(&shard_hours(1)["monthly_cost"]), dec!(27.375));
    let hours: Vec<Decimal> = json["alternatives"][1]["components"][0]["hourly"]["capacity"]
        .as_array()
        .expect("24 hours")
        .iter()
        .map(number)
        .collect();
    let mut expected = vec![dec!(1); 24];
    expected[8..20].fill(dec!(4));
    assert_eq!(hours, expected);
    assert_eq!(json["alternatives"][1]["verdict"], "ok");
}

#[test]
fn a_rise_past_the_hour_before_s_capacity_warns_of_the_scaling_lag() {
    // 1,000 writes/s of 1 KB on business_hours at a 0.7 target: the night
    // runs on 358 WCU, and at 08:00 the writes jump to 1,750 a second.
    // Auto scaling reacts after two minutes over its target, so for those
    // minutes 1,750 − 358 = 1,392 write units a second are over the
    // capacity: AWS throttles them. The warning names the hour and both
    // figures, and makes the verdict a warning.
    let folder = TempFolder::new();
    let path = folder.write(
        "table.toml",
        &business_hours(
            r#"{ service = "dynamodb", capacity_mode = "provisioned", auto_scaling = { target = 0.7 } }"#,
        ),
    );
    let lag = |json: &serde_json::Value| -> Option<String> {
        json["alternatives"][0]["components"][0]["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .find(|n| n["code"] == "auto_scaling_lag")
            .map(|n| {
                assert_eq!(n["level"], "warning");
                n["message"].as_str().expect("a message").to_string()
            })
    };
    let json = calc_json(&[&path]);
    let message = lag(&json).expect("a warning at 08:00");
    assert!(
        message.starts_with(
            "at 08:00 the load needs 1,750 WCU, over the 358 WCU of the hour before: "
        ),
        "{message}"
    );
    assert_eq!(json["alternatives"][0]["verdict"], "warning");

    // A minimum of 1,750 WCU covers the jump: 1,750 writes a second fit
    // the night's capacity, and nothing is throttled while the day's
    // 2,500 is set.
    let json = calc_json(&[
        &path,
        "--set",
        "alternatives[auto scaling].components[0].auto_scaling_min=1750",
    ]);
    assert_eq!(lag(&json), None);
    assert_eq!(json["alternatives"][0]["verdict"], "ok");

    // A flat day never rises.
    let json = calc_json(&[&path, "--set", "workload.profile=flat"]);
    assert_eq!(lag(&json), None);
}
