//! `[growth]`: the workload month by month. Every figure is worked by hand
//! in the comments; month 1 is the scenario as written.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TempFolder, accepted, accepted_json, calc, calc_json};

/// 2,000 records/s of 1 KB into one provisioned stream, growing 10% a
/// month for 24 months; `extra` adds to `[growth]`, `requirements` is the
/// `[requirements]` table's body.
fn stream(extra: &str, requirements: &str) -> String {
    format!(
        r#"name = "a stream that grows"

[workload]
records_per_second = 2000
record_size = "1 KB"

[requirements]
{requirements}

[growth]
rate = "10% per month"
months = 24
{extra}

[[alternatives]]
name = "Kinesis"
components = [{{ service = "kinesis_data_streams", capacity_mode = "provisioned" }}]
"#
    )
}

fn number(value: &serde_json::Value) -> Decimal {
    value.to_string().parse().expect("a number")
}

#[test]
fn a_stream_needs_its_fifth_shard_in_month_nine() {
    // Month m carries 2,000 × 1.1^(m−1) records/s, each under a shard's
    // 1,000 records/s (1 KB is under its 1 MB/s): month 8 is 2,000 ×
    // 1.9487171 = 3,897.43 records/s, 4 shards; month 9 is 2,000 ×
    // 2.14358881 = 4,287.18, above 4,000: the fifth shard.
    let folder = TempFolder::new();
    let path = folder.write("stream.toml", &stream("", ""));
    let json = calc_json(&[&path]);
    let growth = &json["growth"];
    assert_eq!(growth["first_month"], 1);
    assert_eq!(growth["months"], 24);
    let kinesis = &growth["alternatives"][0];
    let months = kinesis["months"].as_array().expect("months");
    assert_eq!(months.len(), 24);
    let shards = |m: usize| months[m - 1]["capacity"][0]["value"].as_u64();
    assert_eq!(months[8]["month"], 9);
    assert_eq!(number(&months[8]["factor"]), dec!(2.14358881));
    assert_eq!((shards(8), shards(9)), (Some(4), Some(5)));
    let fifth = kinesis["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["to"] == 5)
        .expect("a step to 5 shards");
    assert_eq!(
        (fifth["month"].as_u64(), fifth["from"].as_u64()),
        (Some(9), Some(4))
    );

    // Each month: shards × 730 h × $0.015 = shards × $10.95, plus the
    // PUT payload units, one a 1 KB record: rate × 730 × 3,600 s ÷ 10^6
    // × $0.014 = rate × $0.036792. Shards over the 24 months: 2, 3 (months
    // 2–5), 4 (6–8), 5 (9–10), 6 (11–12), 7 (13–14), 8, 9, 10, …, 15,
    // 17, 18: 189 in all, $2,069.55. Records: 2,000 × (1.1^24 − 1) ÷ 0.1 =
    // 2,000 × 88.49732675807611094711841 = 176,994.65351615222189423682,
    // × $0.036792 = $6,511.98729216627254793276…: $8,581.5372921662725…
    let total = number(&kinesis["total_cost"]);
    assert_eq!(total.round_dp(12), dec!(8581.537292166273));
    // Month 1 is the report's own bill: 2 × $10.95 + 2,000 × $0.036792.
    assert_eq!(number(&months[0]["monthly_cost"]), dec!(95.484));
    assert_eq!(
        number(&json["alternatives"][0]["monthly_cost"]),
        dec!(95.484)
    );

    let table = accepted(&[&path]);
    assert!(
        table.contains("Growth: 10% a month over 24 months (month 1 is the scenario as written)"),
        "{table}"
    );
    assert!(table.contains("5 from month 9"), "{table}");
    assert!(table.contains("$8,581.54 over 24 months"), "{table}");
}

#[test]
fn check_names_the_month_a_design_crosses_its_budget() {
    // $200 a month: month 8 costs 4 × $10.95 + 3,897.4342 × $0.036792 =
    // $187.19, month 9 costs 5 × $10.95 + 4,287.17762 × $0.036792 =
    // $212.48: over it from month 9, though month 1 ($95.48) is well
    // within it.
    let folder = TempFolder::new();
    let within_today = stream("budget_months = 12", "max_monthly_cost = 200");
    let path = folder.write("budget.toml", &within_today);
    let run = calc(&["check", &path]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("costs $212.48 a month in month 9 as the workload grows; budget: $200.00 a month, held for 12 months"),
        "{}",
        run.stdout
    );
    let run = calc(&["check", &path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let reason = &json["scenarios"][0]["alternatives"][0]["reasons"][0];
    assert_eq!(reason["month"], 9);
    assert_eq!(reason["rule"], "max_monthly_cost");

    // Held for 8 months only, it passes: month 8 is the last, $187.19.
    let path = folder.write(
        "eight.toml",
        &stream("budget_months = 8", "max_monthly_cost = 200"),
    );
    assert_eq!(calc(&["check", &path]).code, 0);
    // Without `budget_months`, only the month as written is held.
    let path = folder.write("today.toml", &stream("", "max_monthly_cost = 200"));
    assert_eq!(calc(&["check", &path]).code, 0);
}

#[test]
fn a_budget_over_the_total_is_crossed_by_the_running_total() {
    // $160 a month over 12 months is $1,920 in all. Month 6 alone costs
    // 4 × $10.95 + 3,221.02 × $0.036792 = $162.31, over $160; but the
    // running total reaches $1,823.50 in month 11 and $2,099.14 in month
    // 12 (months 1–12: 48 shard-months, $525.60, and 2,000 × (1.1^12 − 1)
    // ÷ 0.1 = 42,768.567534 records/s-months, $1,573.54).
    let folder = TempFolder::new();
    let path = folder.write(
        "total.toml",
        &stream(
            "budget_months = 12\nbudget = \"total\"",
            "max_monthly_cost = 160",
        ),
    );
    let run = calc(&["check", &path]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "costs $2,099.14 over months 1 to 12 as the workload grows; budget: $1,920.00 over 12 months"
        ),
        "{}",
        run.stdout
    );
    let path = folder.write(
        "each.toml",
        &stream("budget_months = 12", "max_monthly_cost = 160"),
    );
    let run = calc(&["check", &path]);
    assert!(
        run.stdout.contains("in month 6 as the workload grows"),
        "{}",
        run.stdout
    );
}

#[test]
fn no_growth_is_the_bill_as_written_for_every_bundled_scenario() {
    let growth = calc::model::growth::Growth {
        rates: vec![Decimal::ZERO],
        months: 3,
        budget_months: None,
        budget: calc::model::growth::BudgetOver::EachMonth,
    };
    for entry in std::fs::read_dir("scenarios").expect("scenarios") {
        let path = entry.expect("entry").path();
        let scenario = calc::scenario::load(&path, &calc::scenario::Overrides::default())
            .expect("a bundled scenario loads");
        let report = calc::evaluate::evaluate(&scenario).expect("evaluates");
        let months = calc::whatif::growth::over(&scenario, &scenario.params.values, &growth)
            .expect("evaluates month by month");
        for (alternative, grown) in report.alternatives.iter().zip(&months.alternatives) {
            for month in &grown.months {
                assert_eq!(
                    month.cost,
                    Some(alternative.monthly_cost),
                    "{} {}",
                    path.display(),
                    alternative.name
                );
            }
            assert!(grown.steps.is_empty(), "{}", path.display());
            assert_eq!(grown.total, Some(alternative.monthly_cost * dec!(3)));
        }
    }
}

#[test]
fn every_rate_grows_and_nothing_else() {
    // A component's own writes and reads grow with the workload; its
    // stated storage does not. DynamoDB provisioned, 100 writes/s and 50
    // eventual reads/s of 1 KB, doubling into month 2: 100 → 200 WCU,
    // and 50 reads/s at 2 a RCU (eventual) 25 → 50 RCU.
    let folder = TempFolder::new();
    let path = folder.write(
        "table.toml",
        r#"name = "a table that doubles"

[growth]
rate = "100% per month"
months = 2

[[alternatives]]
name = "table"
components = [{ service = "dynamodb", writes_per_second = 100, reads_per_second = 50, item_size = "1 KB", storage = "10 GB" }]
"#,
    );
    let json = calc_json(&[&path]);
    let months = &json["growth"]["alternatives"][0]["months"];
    let figure = |m: usize, key: &str| {
        months[m]["capacity"]
            .as_array()
            .expect("capacity")
            .iter()
            .find(|f| f["key"] == key)
            .map(|f| number(&f["value"]))
    };
    assert_eq!(figure(0, "wcu"), Some(dec!(100)));
    assert_eq!(figure(1, "wcu"), Some(dec!(200)));
    assert_eq!(figure(0, "rcu"), Some(dec!(25)));
    assert_eq!(figure(1, "rcu"), Some(dec!(50)));
}

#[test]
fn csv_carries_every_month() {
    let folder = TempFolder::new();
    let path = folder.write("stream.toml", &stream("", ""));
    let csv = accepted(&[&path, "--format", "csv"]);
    let (_, months) = csv
        .split_once("\n\n")
        .expect("a table of months after the bill");
    let mut lines = months.lines();
    assert_eq!(
        lines.next(),
        Some("alternative,month,factor,monthly_cost,component,capacity_key,capacity")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 24);
    assert!(rows[8].starts_with("Kinesis,9,2.14358881,"), "{}", rows[8]);
    assert!(rows[8].ends_with(",0,shards,5"), "{}", rows[8]);
}

#[test]
fn a_later_month_is_a_value_to_set_sweep_and_solve_for() {
    // Month 9 carries 2,000 × 1.1^8 = 4,287.17762 records/s: 5 shards ×
    // $10.95 = $54.75, and 4,287.17762 × $0.036792 = $157.73383899504 of
    // PUT payload units: $212.48383899504, over the $200 budget; month 8
    // ($187.19, 4 shards) is the last within it.
    let folder = TempFolder::new();
    let path = folder.write("stream.toml", &stream("", "max_monthly_cost = 200"));
    let json = calc_json(&[&path, "--set", "month=9"]);
    let kinesis = &json["alternatives"][0];
    assert_eq!(number(&kinesis["monthly_cost"]), dec!(212.48383899504));
    assert_eq!(
        number(&kinesis["components"][0]["input"]["records_per_second"]),
        dec!(4287.17762)
    );
    // The month's months table still starts from the scenario as written.
    assert_eq!(
        number(&json["growth"]["alternatives"][0]["months"][0]["monthly_cost"]),
        dec!(95.484)
    );

    // Swept over the months, point 9 is the same bill.
    let sweep = accepted_json(&[
        "sweep",
        &path,
        "--vary",
        "month=1..24",
        "--steps",
        "23",
        "--format",
        "json",
    ]);
    let point = sweep["points"]
        .as_array()
        .expect("points")
        .iter()
        .find(|p| p["value"] == 9)
        .expect("month 9");
    assert_eq!(
        number(&point["alternatives"][0]["monthly_cost"]),
        dec!(212.48383899504)
    );

    // Solved for, the budget holds up to month 8, and past it month 9 costs
    // the same; the search spans the 24 months `[growth]` states.
    let solved = accepted_json(&[
        "solve",
        &path,
        "--for",
        "month",
        "--until",
        "cost<=200",
        "--format",
        "json",
    ]);
    let holds = &solved["alternatives"][0];
    assert_eq!(holds["high"]["value"], 8);
    assert_eq!(holds["high"]["outside"]["value"], 9);
    assert_eq!(
        number(&holds["high"]["outside"]["monthly_cost"]),
        dec!(212.48383899504)
    );
    assert_eq!(solved["range"]["to"], 24);
}

#[test]
fn a_month_past_the_first_needs_growth() {
    let folder = TempFolder::new();
    let path = folder.write(
        "flat.toml",
        r#"name = "no growth"

[workload]
records_per_second = 2000
record_size = "1 KB"

[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams", capacity_mode = "provisioned" }]
"#,
    );
    let run = calc(&[&path, "--set", "month=3"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("`month` is 3, but the scenario has no `[growth]`: every month is month 1"),
        "{}",
        run.stderr
    );
    // Month 1 is the scenario as written, with or without growth.
    assert_eq!(
        calc_json(&[&path, "--set", "month=1"])["alternatives"],
        calc_json(&[&path])["alternatives"]
    );
}
