//! What-if questions: `--set`, `calc sweep` and `calc solve`, against
//! figures worked out by hand from the us-east-1 table's prices.
//!
//! Prices used below (pricing/aws-us-east-1.toml): Kinesis $0.015 a
//! shard-hour and $0.014 a million PUT payload units (25 KB each); DynamoDB
//! $0.00065 a WCU-hour, $0.00013 an RCU-hour, $0.625 a million write request
//! units. 730 hours a month unless a test says otherwise.

use crate::support::{TempScenario, accepted, accepted_json, calc_json, rejected};

const SEED: &str = "scenarios/kinesis-vs-dynamodb.toml";

/// 1,000 writes a second of 1 KB, provisioned against on demand: the issue's
/// break-even question, with the peak left to the sweep.
const DYNAMODB: &str = r#"
name = "DynamoDB: 1,000 writes/s of 1 KB"

[workload]
records_per_second = 1000
record_size = "1 KB"

[[alternatives]]
name = "Provisioned"
components = [{ id = "table", service = "dynamodb", capacity_mode = "provisioned" }]

[[alternatives]]
name = "On demand"
components = [{ id = "table", service = "dynamodb", capacity_mode = "on_demand" }]
"#;

/// One provisioned stream of 1 KB records, nothing else.
const KINESIS: &str = r#"
name = "Kinesis at 1 KB records"

[workload]
records_per_second = 1000
record_size = "1 KB"

[[alternatives]]
name = "Kinesis Data Streams"
components = [{ id = "stream", service = "kinesis_data_streams" }]
"#;

fn number(value: &serde_json::Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

// --set

#[test]
fn set_changes_a_value_and_the_report_says_so() {
    // 6,000 records/s of 1 KB: 6 shards by records (1,000 a shard), 5.86 by
    // bytes (6,144,000 B/s over 1 MiB/s): 6 shards.
    let report = calc_json(&[SEED, "--set", "workload.records_per_second=6000"]);
    let stream = &report["alternatives"][0]["components"][0];
    assert_eq!(stream["capacity"]["shards"], 6);
    // 6 × 730 shard-hours at $0.015 = $65.70.
    assert_eq!(number(&stream["line_items"][0]["monthly_cost"]), 65.7);
    assert_eq!(
        report["overrides"],
        serde_json::json!([{
            "path": "workload.records_per_second",
            "value": "6000",
            "was": "3000",
        }])
    );
    let table = accepted(&[SEED, "--set", "workload.records_per_second=6000"]);
    assert!(
        table.contains("set workload.records_per_second = 6000 (the scenario: 3000)"),
        "{table}"
    );
}

#[test]
fn set_takes_the_scenarios_syntax_and_a_component_by_id_or_index() {
    let scenario = TempScenario::new("kinesis", KINESIS);
    // 1,000 records/s of 35 KB: 35,840,000 B/s over 1 MiB/s is 34.18, so 35
    // shards by bytes; 2 PUT payload units (25 KB each) a record.
    let report = calc_json(&[
        scenario.path(),
        "--set",
        r#"workload.record_size="35 KB""#,
        "--set",
        "alternatives[Kinesis Data Streams].components[0].retention=7d",
        "--set",
        "hours_per_month=720",
    ]);
    let stream = &report["alternatives"][0]["components"][0];
    assert_eq!(stream["capacity"]["shards"], 35);
    assert_eq!(stream["capacity"]["put_payload_units_per_record"], 2);
    assert_eq!(report["hours_per_month"], 720);
    let paths: Vec<&str> = report["overrides"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|o| o["path"].as_str().expect("a path"))
        .collect();
    // The component is named by its id, however the path named it.
    assert_eq!(
        paths,
        [
            "workload.record_size",
            "alternatives[Kinesis Data Streams].components[stream].retention",
            "hours_per_month"
        ]
    );
}

#[test]
fn set_takes_any_type_the_table_prices_and_refuses_one_it_does_not() {
    let scenario = TempScenario::new(
        "ec2",
        r#"name = "a consumer fleet"
[[alternatives]]
name = "fleet"
components = [{ id = "box", service = "ec2", instance_type = "m5.large", instances = 2 }]
"#,
    );
    // 2 × m6i.xlarge × 730 h = 1,460 instance-hours × $0.192 (the row's
    // price) = $280.32.
    let report = calc_json(&[
        scenario.path(),
        "--set",
        "alternatives[fleet].components[box].instance_type=m6i.xlarge",
    ]);
    let component = &report["alternatives"][0]["components"][0];
    assert_eq!(component["mode"], "m6i.xlarge");
    let item = &component["line_items"][0];
    assert_eq!(item["price_key"], "ec2.instance_hour");
    assert_eq!(item["dimension"], "instance_hour");
    assert_eq!(item["quantity"].to_string(), "1460");
    assert_eq!(item["unit_price"].to_string(), "0.192");
    assert_eq!(item["monthly_cost"].to_string(), "280.32");
    let stderr = rejected(&[
        scenario.path(),
        "--set",
        "alternatives[fleet].components[box].instance_type=m6i.xlargee",
    ]);
    assert!(
        stderr.contains("pricing table `aws-us-east-1` has no `ec2` type `m6i.xlargee`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `m6i.xlarge`?"), "{stderr}");
    // A type is a name, not a number to sweep.
    let stderr = rejected(&[
        "sweep",
        scenario.path(),
        "--vary",
        "alternatives[fleet].components[box].instance_type=1..2",
    ]);
    assert!(
        stderr.contains("is a `ec2` type from the pricing table"),
        "{stderr}"
    );
}

#[test]
fn set_with_a_path_that_does_not_resolve_exits_2_with_the_nearest() {
    let stderr = rejected(&[SEED, "--set", "workload.recods_per_second=6000"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn set_with_a_bad_value_exits_2_at_the_value() {
    let stderr = rejected(&[SEED, "--set", "workload.record_size=\"1 Kb\""]);
    assert!(stderr.contains("--set workload.record_size"), "{stderr}");
    assert!(stderr.contains("bits"), "{stderr}");
    let stderr = rejected(&[SEED, "--set", "workload.records_per_second"]);
    assert!(stderr.contains("is not PATH=VALUE"), "{stderr}");
}

// calc sweep

#[test]
fn the_dynamodb_break_even_is_found_exactly() {
    // On demand bills the average: 1,000 × 3,600 × 730 = 2,628 million
    // write request units at $0.625 = $1,642.50, whatever the peak.
    // Provisioned is sized for the peak, in whole WCU (1 KB writes): at a
    // peak of P, ceil(P) × 730 × $0.00065 = ceil(P) × $0.4745, plus the one
    // RCU a table keeps ($0.0949). At 3,461 WCU that is $1,642.34, under
    // $1,642.50; at 3,462, $1,642.81, over. So on demand is cheaper above
    // a peak of exactly 3,461 (within 0.1% of the 3,461.5 between them).
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.peak_records_per_second=1000..10000",
        "--format",
        "json",
    ]);
    let crossovers = sweep["crossovers"].as_array().expect("a list");
    assert_eq!(crossovers.len(), 1, "{crossovers:?}");
    let crossover = &crossovers[0];
    assert_eq!(crossover["value"], 3461);
    assert!((number(&crossover["value"]) - 3461.5).abs() / 3461.5 < 0.001);
    assert_eq!(crossover["inclusive"], false);
    assert_eq!(crossover["below"], "Provisioned");
    assert_eq!(crossover["above"], "On demand");
    assert_eq!(
        crossover["text"],
        "Above 3,461 records/s: On demand is cheaper than Provisioned"
    );
    assert_eq!(sweep["turns"], serde_json::json!([]));
    // 101 points, every one of them there, each with both alternatives.
    let points = sweep["points"].as_array().expect("a list");
    assert_eq!(points.len(), 101);
    assert_eq!(sweep["vary"]["points"], 101);
    let first = &points[0];
    assert_eq!(first["value"], 1000);
    assert_eq!(first["cheapest"], "Provisioned");
    // 1,000 WCU: $474.50, and the RCU's $0.0949.
    assert_eq!(number(&first["alternatives"][0]["monthly_cost"]), 474.5949);
    assert_eq!(first["alternatives"][0]["capacity"], 1000);
    assert_eq!(number(&first["alternatives"][1]["monthly_cost"]), 1642.5);
    assert_eq!(points[100]["cheapest"], "On demand");
}

#[test]
fn the_break_even_holds_at_the_next_whole_unit() {
    // Either side of the crossover, by --set: provisioned is cheaper at a
    // peak of 3,461 and dearer at 3,462.
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let cost = |peak: &str| {
        let report = calc_json(&[
            scenario.path(),
            "--set",
            &format!("workload.peak_records_per_second={peak}"),
        ]);
        let costs: Vec<f64> = report["alternatives"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|a| number(&a["monthly_cost"]))
            .collect();
        (costs[0], costs[1])
    };
    assert_eq!(cost("3461"), (1642.3394, 1642.5));
    assert_eq!(cost("3462"), (1642.8139, 1642.5));
}

#[test]
fn a_sweep_says_where_a_design_turns_infeasible_and_why() {
    // A provisioned stream takes records of at most 1 MB (1,048,576 B): one
    // byte more fails, with the fix.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        r#"workload.record_size="512 KB".."2 MB""#,
        "--steps",
        "6",
        "--format",
        "json",
    ]);
    let turns = sweep["turns"].as_array().expect("a list");
    assert_eq!(turns.len(), 1, "{turns:?}");
    assert_eq!(turns[0]["value"], 1_048_576);
    assert_eq!(turns[0]["fails_above"], true);
    let text = turns[0]["text"].as_str().expect("text");
    assert!(
        text.starts_with("Above 1 MB: Kinesis Data Streams fails — "),
        "{text}"
    );
    assert!(
        text.contains("raise the stream's `max_record_size`"),
        "{text}"
    );
    // 512 KB to 2 MB in 6 steps of 256 KB: 7 points.
    let values: Vec<f64> = sweep["points"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| number(&p["value"]))
        .collect();
    assert_eq!(
        values,
        [
            524288.0, 786432.0, 1048576.0, 1310720.0, 1572864.0, 1835008.0, 2097152.0
        ]
    );
}

#[test]
fn a_sweep_table_shows_the_changes_and_points_on_each_side() {
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let table = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.peak_records_per_second=1000..10000",
    ]);
    assert!(
        table.contains("- Above 3,461 records/s: On demand is cheaper than Provisioned"),
        "{table}"
    );
    // The grid points either side of 3,461: 3,430 and 3,520.
    assert!(table.contains("3,430 records/s"), "{table}");
    assert!(table.contains("3,520 records/s"), "{table}");
    assert!(table.contains("$1,627.63 · 3,430 wcu"), "{table}");
}

#[test]
fn a_sweep_as_csv_has_a_row_a_point() {
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let csv = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.peak_records_per_second=1000..3000",
        "--step",
        "1000",
        "--format",
        "csv",
    ]);
    // 1,000 WCU: $474.5949; 2,000: $949.0949; 3,000: $1,423.5949.
    assert_eq!(
        csv,
        "workload.peak_records_per_second,Provisioned monthly_cost,Provisioned verdict,Provisioned wcu,On demand monthly_cost,On demand verdict,On demand wcu,cheapest\n\
         1000,474.5949,ok,1000,1642.5,ok,1000,Provisioned\n\
         2000,949.0949,ok,2000,1642.5,ok,2000,Provisioned\n\
         3000,1423.5949,ok,3000,1642.5,ok,3000,Provisioned\n"
    );
}

#[test]
fn points_on_a_ratio_scale_and_on_a_whole_axis() {
    let scenario = TempScenario::new("kinesis", KINESIS);
    let values = |args: &[&str]| -> Vec<f64> {
        let mut all = vec!["sweep", scenario.path(), "--format", "json"];
        all.extend_from_slice(args);
        accepted_json(&all)["points"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| number(&p["value"]))
            .collect()
    };
    assert_eq!(
        values(&[
            "--vary",
            "workload.records_per_second=10..10000",
            "--log",
            "--steps",
            "3"
        ]),
        [10.0, 100.0, 1000.0, 10000.0]
    );
    // Consumers are whole: 1..4 in 6 steps rounds to 1, 2, 3, 4 once each.
    assert_eq!(
        values(&[
            "--vary",
            "alternatives[Kinesis Data Streams].components[stream].consumers=1..4",
            "--steps",
            "6"
        ]),
        [1.0, 2.0, 3.0, 4.0]
    );
}

#[test]
fn many_points_on_both_cores_agree_with_few() {
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let points = |steps: &str| {
        accepted_json(&[
            "sweep",
            scenario.path(),
            "--vary",
            "workload.peak_records_per_second=1000..10000",
            "--steps",
            steps,
            "--format",
            "json",
        ])["points"]
            .as_array()
            .expect("a list")
            .clone()
    };
    let many = points("9000");
    let few = points("9");
    assert_eq!(many.len(), 9001);
    for (i, point) in few.iter().enumerate() {
        assert_eq!(&many[i * 1000], point);
    }
}

#[test]
fn a_vary_that_is_not_a_number_exits_2_with_a_suggestion() {
    let stderr = rejected(&[
        "sweep",
        SEED,
        "--vary",
        "alternatives[Kinesis Data Streams].components[0].capacity_mode=provisioned..on_demand",
    ]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_sweep_refuses_what_it_cannot_do() {
    for (args, says) in [
        (
            &["--vary", "workload.recods_per_second=1..2"][..],
            "did you mean `workload.records_per_second`?",
        ),
        (&["--vary", "workload.records_per_second=1000"], "FROM..TO"),
        (
            &["--vary", "workload.records_per_second=5..1"],
            "must go up",
        ),
        (&["--vary", "workload.records_per_second=-1..5"], "negative"),
        (
            &["--vary", "workload.records_per_second=0..10", "--log"],
            "above zero",
        ),
        (
            &["--vary", "workload.records_per_second=0..10", "--step", "0"],
            "above zero",
        ),
        (
            &[
                "--vary",
                "workload.records_per_second=0..10000000",
                "--step",
                "1",
            ],
            "more than the 1000000 points",
        ),
    ] {
        let mut all = vec!["sweep", SEED];
        all.extend_from_slice(args);
        let stderr = rejected(&all);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn the_chart_has_a_line_an_alternative_and_the_crossover_marked() {
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let svg = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.peak_records_per_second=1000..10000",
        "--format",
        "svg",
    ]);
    let document = roxmltree::Document::parse(&svg).expect("the chart is XML");
    let texts: Vec<(&str, f64)> = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let x = n.attribute("x").and_then(|x| x.parse().ok()).unwrap_or(0.0);
            (n.text().unwrap_or("").trim(), x)
        })
        .collect();
    let text = |wanted: &str| texts.iter().find(|(t, _)| *t == wanted).copied();
    // Axis titles with units, and the legend.
    for title in [
        "records received in the busiest second (records/s)",
        "monthly cost (USD)",
        "Provisioned",
        "On demand",
    ] {
        assert!(text(title).is_some(), "no text `{title}` in {texts:?}");
    }
    // One thick line an alternative (the legend's samples are 20 px long).
    let lines: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .filter_map(|n| n.attribute("points"))
        .filter(|points| points.split_whitespace().count() > 2)
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    // One marker, labelled, at x = 3,461 on the axis that runs from the
    // "1,000" tick to the "10,000" tick.
    let circles: Vec<f64> = document
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|n| n.attribute("cx")?.parse().ok())
        .collect();
    assert_eq!(circles.len(), 1, "{circles:?}");
    let (_, left) = text("1,000").expect("a 1,000 tick");
    let (_, right) = text("10,000").expect("a 10,000 tick");
    let expected = left + (right - left) * (3461.0 - 1000.0) / 9000.0;
    assert!(
        (circles[0] - expected).abs() <= 1.5,
        "marker at {}, expected {expected}",
        circles[0]
    );
    assert!(
        text("On demand above 3,461 records/s").is_some(),
        "{texts:?}"
    );
}

#[test]
fn the_chart_draws_failing_stretches_dashed() {
    let scenario = TempScenario::new("kinesis", KINESIS);
    let svg = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        r#"workload.record_size="512 KB".."2 MB""#,
        "--format",
        "svg",
    ]);
    let document = roxmltree::Document::parse(&svg).expect("the chart is XML");
    // In the alternative's colour: the feasible stretch (512 KB to 1 MB) is
    // one long line, the failing one (1 MB to 2 MB) many short dashes.
    let colour = "#0072B2";
    let lengths: Vec<usize> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(colour))
        .filter_map(|n| n.attribute("points"))
        .map(|points| points.split_whitespace().count())
        .collect();
    let long = lengths.iter().filter(|&&n| n > 10).count();
    let dashes = lengths.iter().filter(|&&n| n <= 3).count();
    assert_eq!(long, 1, "{lengths:?}");
    assert!(dashes > 10, "{lengths:?}");
    assert!(svg.contains("dashed: fails there"));
}

#[test]
fn the_readme_chart_is_what_calc_draws() {
    let svg = accepted(&[
        "sweep",
        "scenarios/dynamodb-capacity-modes.toml",
        "--vary",
        "workload.peak_to_average=1..8",
        "--format",
        "svg",
    ]);
    crate::support::generated("docs/dynamodb-sweep.svg", &svg);
}

// calc solve

#[test]
fn emr_on_spot_beats_glue_above_four_tenths_of_a_terabyte_a_night() {
    // scenarios/glue-vs-emr.toml: EMR on Spot costs 67.5 h × (3 × $0.24 +
    // 8 × ($0.192 × 0.3 + $0.048)) = 67.5 × $1.5648 = $105.624 a month.
    // Glue's 10 DPUs for 30 nightly runs cost $132 per hour a run lasts,
    // billed by the whole second: 2,880 s cost 10 × 0.8 × 30 × $0.44 =
    // $105.60, within; 2,881 s cost $105.6367, over. So Glue is no dearer
    // up to 48 min a night, 0.4 TB at the assumed 0.5 TB an hour.
    let answer = accepted_json(&[
        "solve",
        "scenarios/glue-vs-emr.toml",
        "--for",
        "alternatives[Glue, 10 G.1X workers].components[0].duration",
        "--until",
        "cost<=EMR, task nodes on Spot",
        "--within",
        "\"1 s\"..\"2 h\"",
        "--format",
        "json",
    ]);
    let glue = &answer["alternatives"][0];
    assert_eq!(glue["holds"], "range");
    assert_eq!(number(&glue["high"]["value"]), 2_880_000.0);
    assert_eq!(glue["text"], "up to 48 min");
    let past = number(&glue["high"]["outside"]["monthly_cost"]);
    assert!((past - 105.636_667).abs() < 1e-6, "{past}");
}

#[test]
fn kinesis_within_100_a_month_takes_2000_records_a_second() {
    // 1 KB records, 730 h: shards step at every 1,000 records/s, $10.95 a
    // shard (730 × $0.015); PUT payload units grow linearly, one a record:
    // r × 3,600 × 730 / 10^6 × $0.014 = r × $0.036792. At 2,000 records/s:
    // 2 shards ($21.90) + $73.584 = $95.484, within $100. Just above 2,000 a
    // third shard starts: $32.85 + $73.58 = $106.43, over. The linear part
    // alone would reach $100 only at (100 − 21.90) / 0.036792 = 2,122.7.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let answer = accepted_json(&[
        "solve",
        scenario.path(),
        "--for",
        "workload.records_per_second",
        "--until",
        "cost<=100",
        "--format",
        "json",
    ]);
    let kinesis = &answer["alternatives"][0];
    assert_eq!(kinesis["holds"], "range");
    assert_eq!(kinesis["high"]["value"], 2000);
    assert_eq!(kinesis["high"]["holds_at_value"], true);
    assert_eq!(kinesis["high"]["bounded"], true);
    assert_eq!(number(&kinesis["high"]["outside"]["monthly_cost"]), 106.434);
    assert_eq!(kinesis["low"]["bounded"], false);
    assert_eq!(kinesis["text"], "up to 2,000 records/s");
    // The default range: from 0 to a million times the scenario's 1,000.
    assert_eq!(answer["range"]["to"], 1_000_000_000);
    let table = accepted(&[
        "solve",
        scenario.path(),
        "--for",
        "workload.records_per_second",
        "--until",
        "cost <= $100",
    ]);
    assert!(table.contains("up to 2,000 records/s"), "{table}");
    assert!(table.contains("just above: $106.43 a month"), "{table}");
}

#[test]
fn kinesis_stays_feasible_up_to_1_mb_records() {
    let scenario = TempScenario::new("kinesis", KINESIS);
    let answer = accepted_json(&[
        "solve",
        scenario.path(),
        "--for",
        "workload.record_size",
        "--until",
        "feasible",
        "--format",
        "json",
    ]);
    let kinesis = &answer["alternatives"][0];
    assert_eq!(kinesis["high"]["value"], 1_048_576);
    assert_eq!(kinesis["text"], "up to 1 MB");
    let reason = kinesis["high"]["outside"]["reason"].as_str().expect("why");
    assert!(reason.contains("over the limit of 1,048,576 B"), "{reason}");
}

#[test]
fn the_break_even_with_another_alternative() {
    // As in the sweep: provisioned costs no more than on demand up to a peak
    // of 3,461 writes/s.
    let scenario = TempScenario::new("dynamodb", DYNAMODB);
    let answer = accepted_json(&[
        "solve",
        scenario.path(),
        "--for",
        "workload.peak_records_per_second",
        "--until",
        "cost<=On demand",
        "--within",
        "1000..100000",
        "--format",
        "json",
    ]);
    assert_eq!(answer["alternatives"][0]["high"]["value"], 3461);
    assert_eq!(answer["alternatives"][1]["holds"], "itself");
}

#[test]
fn an_answer_that_is_unbounded_or_empty_is_said_plainly() {
    let scenario = TempScenario::new("kinesis", KINESIS);
    let solve = |until: &str| {
        accepted(&[
            "solve",
            scenario.path(),
            "--for",
            "workload.records_per_second",
            "--until",
            until,
            "--within",
            "1000..2000",
        ])
    };
    // $10.95 a shard and $36.79 a month for each 1,000 records/s: never
    // within $10; always within $1,000 in this range.
    let never = solve("cost<=10");
    assert!(never.contains("nowhere in the range"), "{never}");
    let always = solve("cost<=1000");
    assert!(
        always.contains("everywhere in the range: no limit found"),
        "{always}"
    );
}

#[test]
fn solve_refuses_what_it_cannot_answer() {
    let scenario = TempScenario::new("kinesis", KINESIS);
    for (args, says) in [
        (
            &[
                "--until",
                "cost<=100",
                "--for",
                "workload.recods_per_second",
            ][..],
            "did you mean",
        ),
        (
            &["--until", "cheap", "--for", "workload.records_per_second"],
            "cost<=AMOUNT",
        ),
        (
            &[
                "--until",
                "cost<=Kinesis",
                "--for",
                "workload.records_per_second",
            ],
            "the alternatives: Kinesis Data Streams",
        ),
        (
            &[
                "--until",
                "cost<=100",
                "--for",
                "workload.peak_records_per_second",
            ],
            "--within FROM..TO",
        ),
    ] {
        let mut all = vec!["solve", scenario.path()];
        all.extend_from_slice(args);
        let stderr = rejected(&all);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn names_from_the_scenario_cannot_break_the_chart() {
    let scenario = TempScenario::new(
        "hostile",
        &KINESIS.replace(
            "name = \"Kinesis Data Streams\"",
            "name = \"</text><script>alert(1)</script>\\u0001\\u001b[31m & more\"",
        ),
    );
    let svg = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.records_per_second=1000..2000",
        "--format",
        "svg",
    ]);
    let document = roxmltree::Document::parse(&svg).expect("the chart is XML");
    assert!(!document.descendants().any(|n| n.has_tag_name("script")));
    assert!(!svg.contains('\u{1}') && !svg.contains('\u{1b}'));
    assert!(
        document.descendants().any(|n| n
            .text()
            .is_some_and(|t| t.contains("<script>alert(1)</script>"))),
        "the name is shown as text"
    );
}

#[test]
fn an_alternatives_own_budget_is_a_value_to_set_and_sweep() {
    // The stream's own budget of $100 fails it above 2,000 records/s (see
    // `kinesis_within_100_a_month_takes_2000_records_a_second`).
    let scenario = TempScenario::new(
        "budget",
        &KINESIS.replace(
            "name = \"Kinesis Data Streams\"",
            "name = \"Kinesis Data Streams\"\nmax_monthly_cost = 100",
        ),
    );
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.records_per_second=1000..3000",
        "--steps",
        "4",
        "--format",
        "json",
    ]);
    let turns = sweep["turns"].as_array().expect("a list");
    assert_eq!(turns.len(), 1, "{turns:?}");
    assert_eq!(turns[0]["value"], 2000);
    assert_eq!(turns[0]["reason"], "costs $106.43 a month; budget: $100.00");
    // Raised by --set, the budget holds at 3,000 records/s: 3 shards
    // ($32.85) and $110.376 of PUT units, $143.23.
    let report = calc_json(&[
        scenario.path(),
        "--set",
        "workload.records_per_second=3000",
        "--set",
        "alternatives[Kinesis Data Streams].max_monthly_cost=150",
    ]);
    assert_eq!(report["alternatives"][0]["feasible"], true);
    let report = calc_json(&[scenario.path(), "--set", "workload.records_per_second=3000"]);
    assert_eq!(report["alternatives"][0]["feasible"], false);
    let stderr = rejected(&[
        scenario.path(),
        "--set",
        "alternatives[Kinesis Data Streams].max_monthy_cost=150",
    ]);
    assert!(
        stderr.contains("did you mean `alternatives[Kinesis Data Streams].max_monthly_cost`?"),
        "{stderr}"
    );
}

#[test]
fn lambda_is_cheaper_than_batch_on_fargate_for_jobs_under_24_7_seconds() {
    // 100,000 jobs of 1 vCPU and 2 GB. Batch on Fargate bills each job at
    // least a minute: 1/60 h × ($0.04048 + 2 × $0.004445) = $0.000822833 a
    // job. Lambda at 2 GB: 2 × D × $0.0000166667 + $0.0000002 a job, equal
    // at D = 0.000822633 / 0.0000333334 = 24.6789 s; Lambda bills whole
    // milliseconds, so it holds up to 24,678 ms. Without a range, a duration
    // of 0 s is refused, so the search starts at a millionth of the
    // scenario's 20 s, and finds the same boundary.
    for range in [&["--within", "1s..15min"][..], &[]] {
        let mut args = vec![
            "solve",
            "scenarios/lambda-vs-batch.toml",
            "--for",
            "alternatives[Lambda].components[job].duration",
            "--until",
            "cost<=Batch on Fargate",
            "--format",
            "json",
        ];
        args.extend_from_slice(range);
        let answer = accepted_json(&args);
        let lambda = &answer["alternatives"][0];
        assert_eq!(lambda["text"], "up to 24,678 ms", "{range:?}");
        assert_eq!(lambda["high"]["holds_at_value"], true, "{range:?}");
    }
}

#[test]
fn a_count_a_month_is_answered_in_whole_counts() {
    // A query is whole: at $0.050001 a query (10,486 MB scanned) Athena
    // costs 7,545 × $0.050001 = $377.26 at 7,545 queries, within
    // Serverless's $377.29, and 7,546 × $0.050001 = $377.31 at 7,546.
    let answer = accepted_json(&[
        "solve",
        "scenarios/athena-or-redshift.toml",
        "--for",
        "alternatives[Athena over Parquet in S3].components[0].queries_per_month",
        "--until",
        "cost<=Redshift Serverless, 8 RPU, 4 h a day",
        "--format",
        "json",
    ]);
    let athena = &answer["alternatives"][0];
    assert_eq!(athena["text"], "up to 7,545 queries a month");
    assert_eq!(athena["high"]["value"], 7545);
    assert_eq!(athena["high"]["holds_at_value"], true);
}

#[test]
fn the_readme_athena_or_redshift_chart_is_what_calc_draws() {
    // Athena at $0.050001 a query meets Serverless's $377.29 at 7,545.6
    // queries a month (the README works it out).
    let svg = accepted(&[
        "sweep",
        "scenarios/athena-or-redshift.toml",
        "--vary",
        "alternatives[Athena over Parquet in S3].components[0].queries_per_month=1000..40000",
        "--format",
        "svg",
    ]);
    crate::support::generated("docs/athena-or-redshift-sweep.svg", &svg);
    assert!(svg.contains("above 7,545 queries a month"));
    // The x axis says what it counts, and whose, not the path.
    let texts = texts(&svg);
    assert!(
        texts.contains(&"queries a month of Athena over Parquet in S3".to_string()),
        "{texts:?}"
    );
    assert!(!svg.contains("components[0]"), "{texts:?}");
}

/// The text of every `<text>` of a chart, trimmed.
fn texts(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).expect("the chart is XML");
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// A rectangle of a chart: x, y, width, height.
type Rect = (f64, f64, f64, f64);

/// The legend's box (its border is the one light-grey rectangle) and every
/// point of the lines drawn (their thick polylines, but the legend's 20-px
/// samples) and of the crossovers' rings.
fn legend_and_marks(svg: &str) -> (Rect, Vec<(f64, f64)>) {
    let document = roxmltree::Document::parse(svg).expect("the chart is XML");
    let number = |n: roxmltree::Node, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
    };
    let legend = document
        .descendants()
        .find(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#C8C8C8"))
        .map(|n| {
            (
                number(n, "x"),
                number(n, "y"),
                number(n, "width"),
                number(n, "height"),
            )
        })
        .expect("a legend");
    let mut marks: Vec<(f64, f64)> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .filter_map(|n| n.attribute("points"))
        .filter(|points| points.split_whitespace().count() > 2)
        .flat_map(|points| {
            points.split_whitespace().filter_map(|point| {
                let (x, y) = point.split_once(',')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
        })
        .collect();
    marks.extend(
        document
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .map(|n| (number(n, "cx"), number(n, "cy"))),
    );
    (legend, marks)
}

#[test]
fn the_legend_sits_where_no_line_is() {
    // With Spot at no discount, the all-Spot cluster costs what On-Demand
    // does, and its line falls from the top left as the discount grows: a
    // legend in the upper left would sit on it.
    let svg = accepted(&[
        "sweep",
        "scenarios/emr-spot-vs-on-demand.toml",
        "--vary",
        "alternatives[Core and task nodes on Spot].components[0].spot_discount=0..0.9",
        "--format",
        "svg",
    ]);
    let ((x, y, w, h), marks) = legend_and_marks(&svg);
    let covered: Vec<_> = marks
        .iter()
        .filter(|(mx, my)| *mx >= x && *mx <= x + w && *my >= y && *my <= y + h)
        .collect();
    assert!(
        covered.is_empty(),
        "the legend at {x},{y} covers {covered:?}"
    );
    // The line does start in the upper left: the highest point of all is
    // at the axis's start.
    let top = marks
        .iter()
        .copied()
        .fold((f64::MAX, f64::MAX), |a, b| if b.1 < a.1 { b } else { a });
    let left = marks.iter().map(|m| m.0).fold(f64::MAX, f64::min);
    assert!((top.0 - left).abs() < 1.0, "{top:?} {left}");
}

#[test]
fn a_long_chart_title_is_wrapped_not_cut() {
    let name = "Kinesis against DynamoDB for the device readings of the north \
                warehouse, at the volumes the team expects next year";
    let text = std::fs::read_to_string("scenarios/dynamodb-capacity-modes.toml").expect("read");
    let scenario = TempScenario::new(
        "long",
        &text.replacen(
            "name = \"DynamoDB: 1,000 writes/s of 1 KB, peaking at 4x\"",
            &format!("name = \"{name}\""),
            1,
        ),
    );
    let svg = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.peak_to_average=1..8",
        "--format",
        "svg",
    ]);
    let texts = texts(&svg);
    assert!(!svg.contains('…'), "{texts:?}");
    // Every word of the title is in one of its lines, in order: the first
    // texts of the chart.
    let title = format!("{name}: monthly cost by peak to average");
    let lines: Vec<&String> = texts
        .iter()
        .take_while(|t| !t.is_empty() && title.contains(t.as_str()))
        .collect();
    assert!(lines.len() >= 2, "{texts:?}");
    let joined = lines
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(joined, title);
}

// At the edge of exact decimals: 28 decimal places, and no more than about
// 7.9 × 10^28. Values past either are refused at the flag that gave them,
// or taken as the nearest a decimal holds where that changes no answer.

// The Kinesis scenario's 1,000 records/s take 1 shard ($10.95 a month, 730
// × $0.015) and $36.792 of PUT payload units (1,000 × 3,600 × 730 / 10^6 ×
// $0.014).

/// A number in calc's JSON as the exact decimal it is written as.
fn decimal(value: &serde_json::Value) -> rust_decimal::Decimal {
    value
        .to_string()
        .parse()
        .unwrap_or_else(|_| panic!("not a decimal: {value}"))
}

/// The least decimal, 10^-28, `times` over.
fn least(times: i64) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(times, 28)
}

#[test]
fn a_step_too_small_to_count_is_refused_at_the_flag() {
    // 2,999 / 10^-28 steps is past the largest decimal; 2,999 / 10^-20 is
    // 3 × 10^23, past a 64-bit count. Both are far past a million points.
    for step in ["1e-28", "1e-20"] {
        let stderr = rejected(&[
            "sweep",
            SEED,
            "--vary",
            "workload.records_per_second=1..3000",
            "--step",
            step,
        ]);
        assert_eq!(
            stderr,
            format!(
                "error: `--step {step}` is too small: it cuts the range into more than the \
                 1000000 points calc evaluates\n  = help: use a larger --step, or fewer --steps\n"
            )
        );
    }
    // A step that is not zero but rounds to zero in 28 places.
    for step in ["0.00000000000000000000000000001", "1e-300"] {
        let stderr = rejected(&[
            "sweep",
            SEED,
            "--vary",
            "workload.records_per_second=1..3000",
            "--step",
            step,
        ]);
        assert_eq!(
            stderr,
            format!(
                "error: `--step {step}` is too small: exact decimals stop at 28 decimal places\n"
            )
        );
    }
}

#[test]
fn a_step_past_the_largest_decimal_takes_the_two_ends() {
    // A step of 10^40 is past any range: the sweep is its two ends.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.records_per_second=1..3000",
        "--step",
        "1e40",
        "--format",
        "json",
    ]);
    let points: Vec<f64> = sweep["points"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| number(&p["value"]))
        .collect();
    assert_eq!(points, [1.0, 3000.0]);
}

#[test]
fn a_ratio_scale_among_the_least_decimals_takes_each_of_them() {
    // Between 10^-28 and 10^-27 the only decimals are k × 10^-28, k = 1 to
    // 10; a hundred steps of equal ratio (2.3% each) land on every one. A
    // shard-hour at k × 10^-28 adds 730 × k × 10^-28 to the $36.792 of PUT
    // payload units.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let vary = "prices.kinesis_data_streams.shard_hour=1e-28..1e-27";
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        vary,
        "--log",
        "--format",
        "json",
    ]);
    let points = sweep["points"].as_array().expect("a list");
    assert_eq!(points.len(), 10);
    for (k, point) in (1..=10).zip(points) {
        assert_eq!(decimal(&point["value"]), least(k));
        let cost = decimal(&point["alternatives"][0]["monthly_cost"]);
        assert_eq!(cost, rust_decimal_macros::dec!(36.792) + least(730 * k));
    }
    // The same sweep as a chart: one line through the ten points.
    let svg = accepted(&[
        "sweep",
        scenario.path(),
        "--vary",
        vary,
        "--log",
        "--format",
        "svg",
    ]);
    let document = roxmltree::Document::parse(&svg).expect("the chart is XML");
    let lines: Vec<usize> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .filter_map(|n| n.attribute("points"))
        .map(|points| points.split_whitespace().count())
        .filter(|count| *count > 2)
        .collect();
    assert_eq!(lines, [10]);
}

#[test]
fn a_ratio_past_the_largest_decimal_is_still_a_ratio_scale() {
    // From 10^-27 to 3,000 is a ratio of 3 × 10^30: point i of 10 is
    // 10^-27 × (3 × 10^30)^(i/10), to six significant digits or to the
    // 28th decimal place, whichever is the coarser.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.records_per_second=1e-27..3000",
        "--log",
        "--steps",
        "10",
        "--format",
        "json",
    ]);
    let points = sweep["points"].as_array().expect("a list");
    assert_eq!(points.len(), 11);
    assert_eq!(decimal(&points[0]["value"]), least(10));
    assert_eq!(
        decimal(&points[10]["value"]),
        rust_decimal_macros::dec!(3000)
    );
    for (i, point) in points.iter().enumerate() {
        let expected = 1e-27 * 3e30_f64.powf(i as f64 / 10.0);
        let value = number(&point["value"]);
        assert!(
            (value - expected).abs() <= expected * 1e-5 + 1e-28,
            "point {i}: {value}, expected {expected}"
        );
    }
}

#[test]
fn solve_within_the_least_decimals_answers() {
    // Up to 10^-28 records/s the stream costs its one shard's $10.95 and a
    // trace: within $100 everywhere, within $10 nowhere.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let solve = |budget: &str| {
        accepted_json(&[
            "solve",
            scenario.path(),
            "--for",
            "workload.records_per_second",
            "--until",
            budget,
            "--within",
            "0..1e-28",
            "--format",
            "json",
        ])
    };
    let answer = solve("cost<=100");
    let kinesis = &answer["alternatives"][0];
    assert_eq!(kinesis["holds"], "range");
    assert_eq!(kinesis["low"]["bounded"], false);
    assert_eq!(kinesis["high"]["bounded"], false);
    assert_eq!(decimal(&kinesis["low"]["value"]), least(0));
    assert_eq!(decimal(&kinesis["high"]["value"]), least(1));
    assert_eq!(solve("cost<=10")["alternatives"][0]["holds"], "nowhere");
}

#[test]
fn solve_from_the_least_decimals_finds_the_limit_by_hand() {
    // As in `kinesis_within_100_a_month_takes_2000_records_a_second`: up
    // to 2,000 records/s within $100, wherever the range starts.
    let scenario = TempScenario::new("kinesis", KINESIS);
    let answer = accepted_json(&[
        "solve",
        scenario.path(),
        "--for",
        "workload.records_per_second",
        "--until",
        "cost<=100",
        "--within",
        "1e-27..10000",
        "--format",
        "json",
    ]);
    let kinesis = &answer["alternatives"][0];
    assert_eq!(kinesis["high"]["value"], 2000);
    assert_eq!(number(&kinesis["high"]["outside"]["monthly_cost"]), 106.434);
    assert_eq!(decimal(&kinesis["low"]["value"]), least(10));
    assert_eq!(kinesis["low"]["bounded"], false);
}

#[test]
fn solve_around_a_scenario_value_of_a_billionth_of_a_billionth() {
    // The default range runs to a million times the scenario's 10^-18
    // records/s: 10^-12. The stream costs $10.95 and a trace there.
    let scenario = TempScenario::new(
        "kinesis",
        &KINESIS.replace(
            "records_per_second = 1000",
            "records_per_second = 0.000000000000000001",
        ),
    );
    let solve = |budget: &str| {
        accepted_json(&[
            "solve",
            scenario.path(),
            "--for",
            "workload.records_per_second",
            "--until",
            budget,
            "--format",
            "json",
        ])
    };
    let answer = solve("cost<=100");
    assert_eq!(decimal(&answer["range"]["from"]), least(0));
    assert_eq!(
        decimal(&answer["range"]["to"]),
        rust_decimal_macros::dec!(0.000000000001)
    );
    let kinesis = &answer["alternatives"][0];
    assert_eq!(kinesis["holds"], "range");
    assert_eq!(kinesis["text"], "everywhere in the range: no limit found");
    assert_eq!(solve("cost<=10")["alternatives"][0]["holds"], "nowhere");
}

/// A function of 1 GB for 1 s an invocation, and a db.r5.4xlarge cluster
/// with a million I/Os a month.
const LAMBDA_OR_DOCUMENTDB: &str = r#"
name = "Lambda or DocumentDB"

[workload]
records_per_second = 100
record_size = "1 KB"

[[alternatives]]
name = "Lambda"
components = [{ id = "f", service = "lambda", memory = "1 GB", duration = "1 s" }]

[[alternatives]]
name = "DocumentDB"
components = [{ id = "db", service = "documentdb", instance_type = "db.r5.4xlarge", io_per_month = 1000000 }]
"#;

#[test]
fn lambda_and_documentdb_are_priced_among_the_least_decimals() {
    let scenario = TempScenario::new("lambda-or-documentdb", LAMBDA_OR_DOCUMENTDB);
    // At 10^-26 records/s Lambda runs 10^-26 × 3,600 × 730 = 2.628 × 10^-20
    // invocations a month: $0.20 a million requests and 2.628 × 10^-20
    // GB-seconds at $0.0000166667, 4.4325648 × 10^-25 in all: 4,433 ×
    // 10^-28 to 28 places, give or take the rounding of each line item. The
    // cluster's 730 h at $2.216 and a million I/Os at $0.20 a million:
    // $1,617.88 at every point.
    let sweep = accepted_json(&[
        "sweep",
        scenario.path(),
        "--vary",
        "workload.records_per_second=1e-28..1e-26",
        "--log",
        "--format",
        "json",
    ]);
    let points = sweep["points"].as_array().expect("a list");
    let last = points.last().expect("points");
    assert_eq!(decimal(&last["value"]), least(100));
    let lambda = decimal(&last["alternatives"][0]["monthly_cost"]);
    assert!((lambda - least(4433)).abs() <= least(2), "{lambda}");
    for point in points {
        assert_eq!(number(&point["alternatives"][1]["monthly_cost"]), 1617.88);
    }
    // I/Os of 10^-28 to 10^-26 a month add less than a cent: the cluster is
    // within $2,000 everywhere, and Lambda at 100 records/s ($52.56 of
    // requests, $4,380.01 of GB-seconds) nowhere.
    let answer = accepted_json(&[
        "solve",
        scenario.path(),
        "--for",
        "alternatives[DocumentDB].components[db].io_per_month",
        "--until",
        "cost<=2000",
        "--within",
        "1e-28..1e-26",
        "--format",
        "json",
    ]);
    assert_eq!(answer["alternatives"][0]["holds"], "nowhere");
    let documentdb = &answer["alternatives"][1];
    assert_eq!(documentdb["holds"], "range");
    assert_eq!(documentdb["low"]["bounded"], false);
    assert_eq!(documentdb["high"]["bounded"], false);
}

#[test]
fn numbers_past_the_scenarios_syntax_are_refused_in_calcs_words() {
    // TOML's integers stop at 2^63 − 1 and decimals at about 7.9 × 10^28:
    // past them a value is said to be out of its key's range, as one
    // written within them would be, never "not a number".
    for (args, says) in [
        (
            &[
                "--set",
                "alternatives[Kinesis Data Streams].components[0].consumers=18446744073709551615",
            ][..],
            "error: `consumers` is at most 1000 (found 18446744073709551615)",
        ),
        (
            &["--set", "prices.kinesis_data_streams.shard_hour=1e40"],
            "error: `price` is larger than calc can price (at most 10^12)",
        ),
        (
            &["--set", "hours_per_month=-18446744073709551615"],
            "error: `hours_per_month` cannot be negative (found -18446744073709551615)",
        ),
        (
            &[
                "--set",
                "workload.record_size=100000000000000000000000000000000",
            ],
            "error: `100000000000000000000000000000000` is too large for exact decimals (28 digits)",
        ),
    ] {
        let mut all = vec![SEED];
        all.extend_from_slice(args);
        let stderr = rejected(&all);
        assert!(stderr.starts_with(says), "{args:?}: {stderr}");
    }
    // The same through a range, prefixed with the flag.
    let stderr = rejected(&[
        "sweep",
        SEED,
        "--vary",
        "workload.records_per_second=1..100000000000000000000000000000000",
    ]);
    assert!(
        stderr.starts_with(
            "error: --vary workload.records_per_second: `records_per_second` is larger than calc can price (at most 10^12)"
        ),
        "{stderr}"
    );
    let stderr = rejected(&[
        "solve",
        SEED,
        "--for",
        "alternatives[Kinesis Data Streams].components[0].consumers",
        "--until",
        "cost<=500",
        "--within",
        "1..18446744073709551616",
    ]);
    assert!(
        stderr.starts_with(
            "error: --within alternatives[Kinesis Data Streams].components[0].consumers: `consumers` is at most 1000 (found 18446744073709551616)"
        ),
        "{stderr}"
    );
}

#[test]
fn a_budget_past_exact_decimals_is_refused() {
    for (budget, says) in [
        (
            "cost<=1e40",
            "error: `1e40` is too large: exact decimals hold at most 28 digits\n",
        ),
        (
            "cost<=1e-29",
            "error: `1e-29` is too small: exact decimals stop at 28 decimal places\n",
        ),
    ] {
        let stderr = rejected(&[
            "solve",
            SEED,
            "--for",
            "workload.records_per_second",
            "--until",
            budget,
        ]);
        assert!(stderr.starts_with(says), "{budget}: {stderr}");
    }
}

#[test]
fn a_position_for_an_alternative_suggests_the_alternative_at_that_position() {
    // Alternatives are named by their `name`; `[0]` is the first one,
    // "provisioned, sized for the peak", whose name is further from `0`
    // as text than "on demand" is.
    let scenario = "scenarios/dynamodb-capacity-modes.toml";
    let stderr = rejected(&[
        scenario,
        "--set",
        "alternatives[0].components[0].capacity_mode=on_demand",
    ]);
    assert!(
        stderr.contains(
            "did you mean `alternatives[provisioned, sized for the peak].components[0].capacity_mode`?"
        ),
        "{stderr}"
    );
    // A misspelt key after the position: the nearest key of that alternative.
    let stderr = rejected(&[
        scenario,
        "--set",
        "alternatives[1].components[0].capcity_mode=provisioned",
    ]);
    assert!(
        stderr.contains("did you mean `alternatives[on demand].components[0].capacity_mode`?"),
        "{stderr}"
    );
    // Past the last alternative: no other alternative is offered in its place.
    let stderr = rejected(&[
        scenario,
        "--set",
        "alternatives[2].components[0].capacity_mode=on_demand",
    ]);
    assert!(stderr.contains("no value has the path"), "{stderr}");
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

/// Firehose into S3 at 10 records/s of 1 KB: 128 MB never fills in a
/// day (10,240 B/s takes 13,107.2 s), so the interval alone sets when a
/// record lands, and S3 adds its 100 ms.
const FIREHOSE_TO_S3: &str = r#"
name = "Firehose to S3, how long a buffer?"

[workload]
records_per_second = 10
record_size = "1 KB"

[[alternatives]]
name = "Firehose to S3"
components = [
  { id = "delivery", service = "firehose", buffer_size = "128 MB", buffer_interval = "300 s" },
  { service = "s3", retention = "30 d" },
]
"#;

const INTERVAL: &str = "alternatives[Firehose to S3].components[delivery].buffer_interval";

#[test]
fn solve_finds_the_longest_buffer_within_a_latency() {
    // Latency = interval + 100 ms <= 120,000 ms: an interval of at most
    // 119,900 ms; just past it, the latency is over 2 min.
    let file = TempScenario::new("firehose-latency", FIREHOSE_TO_S3);
    let json = accepted_json(&[
        "solve",
        file.path(),
        "--for",
        INTERVAL,
        "--until",
        "latency<=2min",
        "--format",
        "json",
    ]);
    assert_eq!(json["condition"], "latency <= 2 min");
    let high = &json["alternatives"][0]["high"];
    assert_eq!(high["value"], 119900);
    assert_eq!(high["holds_at_value"], true);
    let past: rust_decimal::Decimal = high["outside"]["latency_ms"]
        .to_string()
        .parse()
        .expect("a decimal");
    assert!(past > rust_decimal::Decimal::from(120_000), "{past}");
    // Written with spaces, the same question.
    let table = accepted(&[
        "solve",
        file.path(),
        "--for",
        INTERVAL,
        "--until",
        "latency <= 120 s",
    ]);
    assert!(table.contains("up to 119,900 ms"), "{table}");
    // A latency needs its unit.
    let stderr = rejected(&[
        "solve",
        file.path(),
        "--for",
        INTERVAL,
        "--until",
        "latency<=2",
    ]);
    assert!(stderr.contains("`latency<=2min`"), "{stderr}");
}

#[test]
fn a_sweep_measures_latency_or_any_capacity_figure() {
    // From 60 s to 900 s in 2 steps: 60 s, 480 s, 900 s of interval, each
    // landing 100 ms later in S3.
    let file = TempScenario::new("firehose-sweep", FIREHOSE_TO_S3);
    let vary = format!("{INTERVAL}=\"60 s\"..\"900 s\"");
    let sweep = |measure: &str, format: &str| {
        accepted(&[
            "sweep",
            file.path(),
            "--vary",
            &vary,
            "--steps",
            "2",
            "--measure",
            measure,
            "--format",
            format,
        ])
    };
    let csv = sweep("latency", "csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "alternatives[Firehose to S3].components[delivery].buffer_interval,\
             Firehose to S3 monthly_cost,Firehose to S3 verdict,Firehose to S3 latency_ms,\
             Firehose to S3 prefixes,cheapest"
        )
    );
    let latencies: Vec<&str> = lines
        .map(|l| l.split(',').nth(3).expect("a latency"))
        .collect();
    assert_eq!(latencies, ["60100", "480100", "900100"]);
    let table = sweep("latency", "table");
    assert!(table.contains("· 480.1 s"), "{table}");
    let svg = sweep("latency", "svg");
    assert!(
        svg.contains("latency by buffer interval of Firehose to S3"),
        "{svg}"
    );
    assert!(svg.contains("latency (s)"));
    // A capacity figure by its key; one no alternative reports is refused
    // with the nearest.
    let json: serde_json::Value = serde_json::from_str(&sweep("prefixes", "json")).expect("JSON");
    assert_eq!(json["measure"], "prefixes");
    assert_eq!(json["alternatives"][0]["capacity"], "prefixes");
    let stderr = rejected(&[
        "sweep",
        file.path(),
        "--vary",
        &vary,
        "--measure",
        "prefixs",
    ]);
    assert!(
        stderr.starts_with("error: no alternative reports a capacity figure `prefixs` to measure"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `prefixes`?"), "{stderr}");
}
