//! `schedule = { hours, days }`: a component sized for the peak that runs
//! only in some hours of the day. Figures worked by hand in the comments.
//!
//! The rule: hours a month = hours a day × (hours_per_month ÷ 24) × (days a
//! week ÷ 7), worked out as hours a day × hours_per_month × days a week ÷
//! 168 with the one division last, to 28 significant digits.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TempFolder, accepted, calc_json};

fn number(value: &serde_json::Value) -> Decimal {
    value.to_string().parse().expect("a number")
}

/// A scenario of `alternatives`, each `(name, component)`, behind a
/// workload of 100 records/s of 1 KB shaped by `day` (a line such as
/// `profile = "business_hours"`, or none).
fn scenario(day: &str, alternatives: &[(&str, &str)]) -> String {
    let mut text = format!(
        "name = \"scheduled\"\n\n[workload]\nrecords_per_second = 100\nrecord_size = \"1 KB\"\n{day}\n"
    );
    for (name, component) in alternatives {
        text.push_str(&format!(
            "\n[[alternatives]]\nname = \"{name}\"\ncomponents = [{component}]\n"
        ));
    }
    text
}

fn component(json: &serde_json::Value, alternative: usize) -> &serde_json::Value {
    &json["alternatives"][alternative]["components"][0]
}

fn capacity_by_hour(component: &serde_json::Value) -> Vec<Decimal> {
    component["hourly"]["capacity"]
        .as_array()
        .expect("24 hours")
        .iter()
        .map(number)
        .collect()
}

/// A day of zeros but from 08:00 to 20:00.
const OFFICE_DAY: &str =
    "hourly = [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0]";

#[test]
fn a_redshift_cluster_paused_outside_office_hours_bills_its_hours_and_shows_them() {
    // 2 × ra3.xlplus at $1.086 a node-hour (the bundled table's on-demand
    // row), 08-20 on weekdays of a 730-hour month: 12 h × 730 ÷ 24 × 5 ÷ 7
    // = 43,800 ÷ 168 = 260.714285… h; 2 nodes: 521.428571… node-hours ×
    // $1.086 = 95,133.6 ÷ 168 = $566.2714285…, $566.27. All month: 1,460
    // node-hours, $1,585.56.
    let folder = TempFolder::new();
    let path = folder.write(
        "warehouse.toml",
        &scenario(
            OFFICE_DAY,
            &[
                (
                    "paused at night",
                    r#"{ service = "redshift", node_type = "ra3.xlplus", nodes = 2, schedule = { hours = "08-20", days = "weekdays" } }"#,
                ),
                (
                    "all month",
                    r#"{ service = "redshift", node_type = "ra3.xlplus", nodes = 2 }"#,
                ),
            ],
        ),
    );
    let json = calc_json(&[&path]);
    let paused = component(&json, 0);
    let line = &paused["line_items"][0];
    assert_eq!(line["dimension"], "node_hour");
    assert_eq!(
        number(&line["quantity"]),
        dec!(521.42857142857142857142857142)
    );
    assert_eq!(number(&line["unit_price"]), dec!(1.086));
    assert_eq!(number(&line["monthly_cost"]).round_dp(2), dec!(566.27));
    let mut expected = vec![dec!(0); 24];
    expected[8..20].fill(dec!(2));
    assert_eq!(capacity_by_hour(paused), expected);
    assert_eq!(paused["hourly"]["key"], "nodes");
    assert!(paused["hourly"].get("utilisation").is_none());
    let all_month = component(&json, 1);
    assert_eq!(
        number(&all_month["line_items"][0]["monthly_cost"]),
        dec!(1585.56)
    );
    assert!(all_month.get("hourly").is_none());
    // The office day reaches it only in its hours, but on every day of
    // the week: the weekend's 08:00 finds it paused, at twice the average.
    let alternative = &json["alternatives"][0];
    assert_eq!(alternative["verdict"], "fails");
    assert_eq!(
        alternative["violations"][0]["message"],
        "redshift (ra3.xlplus): receives 2 × the average at 08:00 on weekends while its schedule (08-20 on weekdays) has it paused; run it in every hour the flow reaches it, or keep what arrives in a store it reads when it runs"
    );
    assert_eq!(alternative["violations"][0]["requirement"], "limit");
}

#[test]
fn an_instance_on_a_schedule_fails_when_the_day_reaches_it_paused() {
    // m5.large at $0.096: 08-20 every day of a 730-hour month is 12 × 730
    // ÷ 24 = 365 h, $35.04; on weekdays 260.714285… h, $25.0285714…,
    // $25.03.
    let folder = TempFolder::new();
    let alternatives = [
        (
            "every day",
            r#"{ service = "ec2", instance_type = "m5.large", schedule = { hours = "08-20" } }"#,
        ),
        (
            "weekdays",
            r#"{ service = "ec2", instance_type = "m5.large", schedule = { hours = "08-20", days = "weekdays" } }"#,
        ),
    ];
    // business_hours is 0.25 × the average from 00:00 to 08:00: the
    // first hour the schedule leaves off, 00:00, receives traffic.
    let business = folder.write(
        "business.toml",
        &scenario("profile = \"business_hours\"", &alternatives),
    );
    let json = calc_json(&[&business]);
    let every_day = component(&json, 0);
    assert_eq!(number(&every_day["line_items"][0]["quantity"]), dec!(365));
    assert_eq!(
        number(&every_day["line_items"][0]["monthly_cost"]),
        dec!(35.04)
    );
    let weekdays = component(&json, 1);
    assert_eq!(
        number(&weekdays["line_items"][0]["quantity"]),
        dec!(260.71428571428571428571428571)
    );
    assert_eq!(
        number(&weekdays["line_items"][0]["monthly_cost"]).round_dp(2),
        dec!(25.03)
    );
    for alternative in 0..2 {
        let message = json["alternatives"][alternative]["violations"][0]["message"]
            .as_str()
            .expect("a violation");
        assert!(
            message.starts_with(
                "ec2 (m5.large): receives 0.25 × the average at 00:00 while its schedule (08-20"
            ),
            "{message}"
        );
    }
    // A day with nothing outside 08:00 to 20:00 passes every day, and
    // fails on weekdays only at the weekend.
    let office = folder.write("office.toml", &scenario(OFFICE_DAY, &alternatives));
    let json = calc_json(&[&office]);
    assert_eq!(json["alternatives"][0]["verdict"], "ok");
    assert_eq!(json["alternatives"][0]["violations"], serde_json::json!([]));
    assert_eq!(json["alternatives"][1]["verdict"], "fails");
    // A flat day (no profile) reaches it at 00:00 at the average itself.
    let flat = folder.write("flat.toml", &scenario("", &alternatives));
    let json = calc_json(&[&flat]);
    let message = &json["alternatives"][0]["violations"][0]["message"];
    assert!(
        message
            .as_str()
            .expect("a violation")
            .starts_with("ec2 (m5.large): receives 1 × the average at 00:00 while its schedule (08-20) has it paused"),
        "{message}"
    );
    // The report draws the day: one instance from 08:00 to 20:00.
    let report = accepted(&[&office]);
    assert!(
        report.contains("instances by hour ▁▁▁▁▁▁▁▁████████████▁▁▁▁ 0 to 1 (00:00 to 23:00)\n"),
        "{report}"
    );
}

#[test]
fn the_whole_day_every_day_bills_exactly_what_no_schedule_does() {
    // "00-24" every day is 24 × hours_per_month × 7 ÷ 168: the month
    // itself, for any month, so the bill is the same to the last digit.
    let folder = TempFolder::new();
    for (service, keys) in [
        ("ec2", r#"instance_type = "m6i.xlarge", instances = 3"#),
        (
            "redshift",
            r#"node_type = "ra3.4xlarge", nodes = 2, data_size = "1 TB""#,
        ),
        ("managed_flink", "kpus = 4"),
        (
            "documentdb",
            r#"instance_type = "db.r5.4xlarge", instances = 2, storage = "100 GB""#,
        ),
        (
            "emr",
            r#"primary_instance_type = "m5.xlarge", core_instance_type = "m5.xlarge", core_instances = 2, ebs_per_instance = "64 GB""#,
        ),
    ] {
        for hours in ["720", "730", "744", "730.5"] {
            let text = format!(
                "hours_per_month = {hours}\n{}",
                scenario(
                    "",
                    &[
                        (
                            "always",
                            &format!(
                                r#"{{ service = "{service}", {keys}, schedule = {{ hours = "00-24", days = "every_day" }} }}"#
                            ),
                        ),
                        ("plain", &format!(r#"{{ service = "{service}", {keys} }}"#)),
                    ]
                )
            );
            let path = folder.write(&format!("{service}-{hours}.toml"), &text);
            let json = calc_json(&[&path]);
            let (always, plain) = (component(&json, 0), component(&json, 1));
            assert_eq!(
                always["line_items"], plain["line_items"],
                "{service} {hours}"
            );
            assert_eq!(
                always["monthly_cost"], plain["monthly_cost"],
                "{service} {hours}"
            );
            assert_eq!(
                json["alternatives"][0]["verdict"], "ok",
                "{service} {hours}"
            );
        }
    }
}

#[test]
fn the_flat_keys_take_a_schedule_from_set() {
    // `--set` names the fields as the keys they stand for: 10 h every day
    // of a 730-hour month, 10 × 730 ÷ 24 = 304.1666… h.
    let folder = TempFolder::new();
    let path = folder.write(
        "instance.toml",
        &scenario(
            "",
            &[(
                "instance",
                r#"{ service = "ec2", instance_type = "m5.large", schedule = { hours = "08-20" } }"#,
            )],
        ),
    );
    let json = calc_json(&[
        &path,
        "--set",
        "alternatives[instance].components[0].schedule_hours=\"08-18\"",
    ]);
    assert_eq!(
        number(&component(&json, 0)["line_items"][0]["quantity"]),
        dec!(304.16666666666666666666666667)
    );
    assert_eq!(json["overrides"][0]["value"], "08-18");
    assert_eq!(json["overrides"][0]["was"], "08-20");
}
