//! Ranges and the Monte Carlo run over them: every figure here is worked
//! out by hand from a closed form, or is the exact point estimate.

use std::path::Path;

use calc::base::diagnostic::Source;
use calc::base::progress::Progress;
use calc::model::spread::{Distribution, Spread};
use calc::scenario::params::Ranged;
use calc::scenario::{Overrides, parse};
use calc::whatif::monte_carlo::{self, Plan};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TempScenario, accepted, accepted_json, rejected};

fn number(value: &serde_json::Value) -> Decimal {
    value
        .to_string()
        .parse()
        .unwrap_or_else(|_| panic!("{value} is a number"))
}

const MODES: &str = "scenarios/dynamodb-capacity-modes.toml";

#[test]
fn every_range_collapsed_gives_the_point_estimate_exactly() {
    // Every number, size and duration of every bundled scenario written as a
    // range of one value: each percentile and the mean are the point
    // estimate's bill exactly, and each chance is 0 or 1 as the point
    // estimate has it.
    let mut checked = 0;
    for entry in std::fs::read_dir("scenarios").expect("the scenarios folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let scenario = parse(
            Source::new(path.display().to_string(), text),
            Path::new("scenarios"),
            &Overrides::default(),
        )
        .expect("a bundled scenario parses");
        let values = scenario.params.values.clone();
        let ranges: Vec<Ranged> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| calc::model::spread::number(v).is_some())
            .map(|(slot, value)| Ranged {
                slot,
                spread: Spread {
                    low: value.clone(),
                    expected: value.clone(),
                    high: value.clone(),
                    distribution: Distribution::Pert,
                },
            })
            .collect();
        assert!(!ranges.is_empty(), "{}", path.display());
        let point = calc::evaluate::evaluate_with(&scenario, &values).expect("evaluates");
        let plan = Plan {
            samples: 25,
            seed: 9,
            percentile: None,
        };
        let odds = monte_carlo::run(&scenario, &values, &ranges, plan, &Progress::silent())
            .expect("runs")
            .expect("ranged");
        let works = |a: &calc::model::report::AlternativeResult| {
            a.all_violations()
                .all(|(_, v)| matches!(v, calc::model::report::Violation::MaxMonthlyCost { .. }))
        };
        let cheapest = point.cheapest_working();
        for (i, (spread, alternative)) in odds
            .alternatives
            .iter()
            .zip(&point.alternatives)
            .enumerate()
        {
            let cost = Some(alternative.monthly_cost);
            let at = format!("{} / {}", path.display(), alternative.name);
            assert_eq!(
                (spread.p10, spread.p50, spread.p90, spread.mean),
                (cost, cost, cost, cost),
                "{at}"
            );
            assert_eq!(spread.priced, 25, "{at}");
            assert_eq!(
                spread.feasible,
                if works(alternative) { 25 } else { 0 },
                "{at}"
            );
            assert_eq!(
                spread.cheapest,
                if cheapest == Some(i) { 25 } else { 0 },
                "{at}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} scenarios");
}

#[test]
fn a_triangular_peak_makes_on_demand_cheapest_39_5_percent_of_the_time() {
    // Provisioned: ⌈1,000 × peak⌉ WCU × $0.00065 × 730 h, plus 1 RCU
    // ($0.0949); on demand: 2,628 million writes × $0.625 = $1,642.50. At a
    // peak of 3.461 the table needs 3,461 WCU ($1,642.34, cheaper); at
    // 3.4611, 3,462 WCU ($1,642.81, dearer): on demand is cheaper exactly
    // above 3.461. For a
    // triangle from 2 to 5 peaking at 3, P(peak > 3.461) =
    // (5 − 3.461)² ÷ ((5 − 2) × (5 − 3)) = 2.368521 ÷ 6 = 0.39475.
    let json = accepted_json(&[
        MODES,
        "--format",
        "json",
        "--set",
        "workload.peak_to_average={ low = 2, expected = 3, high = 5, distribution = \"triangular\" }",
    ]);
    let mc = &json["monte_carlo"];
    assert_eq!(mc["samples"], 40_000);
    let on_demand = number(&mc["alternatives"][1]["chance_cheapest"]);
    assert!(
        (on_demand - dec!(0.39475)).abs() <= dec!(0.005),
        "{on_demand}"
    );
    // The point estimate is the expected peak's, as without a range: 3,000
    // WCU × $0.00065 × 730 = $1,423.50, and the one RCU a table has at
    // least, $0.00013 × 730 = $0.0949.
    assert_eq!(json["alternatives"][0]["monthly_cost"], 1423.5949);
    // On demand bills the average, which is not ranged: every percentile
    // is $1,642.50.
    for p in ["p10", "p50", "p90"] {
        assert_eq!(mc["alternatives"][1][p], 1642.5, "{p}");
    }
    // The table says it in words, with the chance to a tenth of a point.
    let table = accepted(&[
        MODES,
        "--set",
        "workload.peak_to_average={ low = 2, expected = 3, high = 5, distribution = \"triangular\" }",
    ]);
    let row = table
        .lines()
        .find(|l| l.contains("│ on demand"))
        .expect("a row for on demand");
    assert!(row.contains("39.") && row.contains("% ┆  100%"), "{row}");
    assert!(table.contains("workload.peak_to_average from 2 to 5, most likely 3 (triangular)"));
}

#[test]
fn one_linear_cost_has_its_median_at_the_triangles_closed_form() {
    // DynamoDB on demand, 1 KB writes: each write is one write request unit
    // at $0.625 a million, 2,628,000 seconds a month: $1.6425 per write a
    // second. A triangle from 1,000 to 5,000 peaking at 2,000: the mode's
    // share (2,000 − 1,000) ÷ 4,000 = ¼ is below ½, so the median is
    // 5,000 − √(½ × 4,000 × 3,000) = 5,000 − 2,449.49 = 2,550.51 writes/s,
    // which cost $4,189.21.
    let file = TempScenario::new(
        "linear",
        r#"
name = "one linear driver"

[workload]
records_per_second = { low = 1000, expected = 2000, high = 5000, distribution = "triangular" }
record_size = "1 KB"

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand" }]
"#,
    );
    let json = accepted_json(&[file.path(), "--format", "json"]);
    let p50 = number(&json["monte_carlo"]["alternatives"][0]["p50"]);
    assert!(
        (p50 / dec!(4189.21) - Decimal::ONE).abs() < dec!(0.01),
        "{p50}"
    );
    // The point estimate: 2,000 × $1.6425 = $3,285.
    assert_eq!(json["alternatives"][0]["monthly_cost"], 3285);
}

#[test]
fn the_same_seed_gives_the_same_report_and_another_seed_other_samples() {
    let set = "workload.peak_to_average={ low = 2, expected = 3, high = 5 }";
    let run = |seed: &str| {
        accepted(&[
            MODES,
            "--format",
            "json",
            "--samples",
            "2000",
            "--seed",
            seed,
            "--set",
            set,
        ])
    };
    assert_eq!(run("7"), run("7"));
    assert_ne!(run("7"), run("8"));
}

#[test]
fn a_range_set_on_the_command_line_is_said_as_written() {
    let json = accepted_json(&[
        MODES,
        "--format",
        "json",
        "--samples",
        "100",
        "--set",
        "workload.record_size={ low = \"1 KB\", expected = \"1 KB\", high = \"4 KB\", distribution = \"uniform\" }",
    ]);
    assert_eq!(
        json["overrides"][0]["value"],
        "{ low = \"1 KB\", expected = \"1 KB\", high = \"4 KB\", distribution = \"uniform\" }"
    );
    assert_eq!(json["overrides"][0]["was"], "1 KB");
    let range = &json["monte_carlo"]["ranges"][0];
    assert_eq!(range["path"], "workload.record_size");
    assert_eq!(range["high"], "4 KB");
    // Without a range, the report has no Monte Carlo section at all.
    let plain = accepted_json(&[MODES, "--format", "json"]);
    assert!(plain.get("monte_carlo").is_none());
}

#[test]
fn samples_out_of_bounds_are_refused() {
    let set = "workload.peak_to_average={ low = 2, expected = 3, high = 5 }";
    let error = rejected(&[MODES, "--samples", "0", "--set", set]);
    assert!(
        error.contains("--samples 0 is not between 1 and 10000000"),
        "{error}"
    );
}

/// The capacity-modes question with a budget, a choice and a ranged peak.
fn budgeted(requirements: &str, choice: &str) -> TempScenario {
    TempScenario::new(
        "budgeted",
        &format!(
            r#"
name = "DynamoDB, peak between 2x and 5x"
choice = "{choice}"

[workload]
records_per_second = 1000
peak_to_average = {{ low = 2, expected = 3, high = 5, distribution = "triangular" }}
record_size = "1 KB"

[requirements]
max_monthly_cost = 1600
{requirements}

[[alternatives]]
name = "provisioned"
components = [{{ service = "dynamodb", capacity_mode = "provisioned" }}]

[[alternatives]]
name = "on demand"
components = [{{ service = "dynamodb", capacity_mode = "on_demand" }}]
"#
        ),
    )
}

#[test]
fn check_holds_a_budget_at_a_percentile_and_says_both_figures() {
    // Expected: 3,000 WCU + 1 RCU = $1,423.59, within $1,600. The triangle's
    // 90th percentile: 1 − (5 − x)² ÷ 6 = 0.9, x = 5 − √0.6 = 4.2254, so
    // 4,226 WCU × $0.4745 + $0.0949 = $2,005.33, over it.
    let file = budgeted("budget_percentile = 90", "provisioned");
    let run = crate::support::calc(&["check", file.path()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let said = run
        .stdout
        .lines()
        .find(|l| l.contains("at P90"))
        .expect("a reason at P90");
    assert!(
        said.contains("over its budget of $1,600.00 held at the 90th percentile"),
        "{said}"
    );
    assert!(said.contains("its expected cost is $1,423.59"), "{said}");
    let p90: Decimal = said
        .split("costs $")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .map(|x| x.replace(',', "").parse().expect("a figure"))
        .expect("a cost");
    assert!((p90 - dec!(2005.33)).abs() <= dec!(10), "{p90}");
    // Held at the 10th percentile instead (x = 2 + √0.3 = 2.5477: $1,209),
    // it passes; and without a percentile, the expected cost does.
    let run = crate::support::calc(&["check", file.path(), "--budget-percentile", "10"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let plain = budgeted("", "provisioned");
    assert_eq!(crate::support::calc(&["check", plain.path()]).code, 0);
}

#[test]
fn a_choice_can_require_a_chance_of_being_cheapest() {
    // On demand is the cheapest in 39.5% of samples (see above): below 50%.
    let file = budgeted("min_chance_cheapest = 50", "on demand");
    let run = crate::support::calc(&["check", file.path()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("is the cheapest design that works in 39.")
            && run
                .stdout
                .contains("the scenario asks for at least 50% (`min_chance_cheapest`)"),
        "{}",
        run.stdout
    );
    // Provisioned is, 60.5% of the time: it passes.
    let file = budgeted("min_chance_cheapest = 50", "provisioned");
    assert_eq!(crate::support::calc(&["check", file.path()]).code, 0);
}

#[test]
fn a_sweep_over_a_ranged_scenario_has_a_band_at_every_point() {
    // DynamoDB on demand, writes a second a triangle from 1,000 to 5,000
    // peaking at 2,000, swept over the record size. At 1 KB a write is one
    // request unit, $1.6425 a month per write a second. P10: (x − 1,000)² ÷
    // (4,000 × 1,000) = 0.1, x = 1,632.46: $2,681.32; P90: (5,000 − x)² ÷
    // (4,000 × 3,000) = 0.1, x = 3,904.55: $6,413.23. A point draws 1,000
    // samples, so each is within a few percent.
    let file = TempScenario::new(
        "banded",
        r#"
name = "banded"

[workload]
records_per_second = { low = 1000, expected = 2000, high = 5000, distribution = "triangular" }
record_size = "1 KB"

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand" }]
"#,
    );
    let json = accepted_json(&[
        "sweep",
        file.path(),
        "--vary",
        "workload.record_size=\"1 KB\"..\"2 KB\"",
        "--steps",
        "4",
        "--format",
        "json",
    ]);
    let first = &json["points"][0]["alternatives"][0];
    let (p10, p90) = (number(&first["p10"]), number(&first["p90"]));
    assert!(
        (p10 / dec!(2681.32) - Decimal::ONE).abs() < dec!(0.05),
        "{p10}"
    );
    assert!(
        (p90 / dec!(6413.23) - Decimal::ONE).abs() < dec!(0.05),
        "{p90}"
    );
    // The line itself is the point estimate: 2,000 × $1.6425 = $3,285.
    assert_eq!(first["monthly_cost"], 3285);
    // The chart draws the band and says what it is.
    let svg = accepted(&[
        "sweep",
        file.path(),
        "--vary",
        "workload.record_size=\"1 KB\"..\"2 KB\"",
        "--steps",
        "4",
        "--format",
        "svg",
    ]);
    assert!(svg.contains("band: P10 to P90 of 1,000 samples a point"));
    assert!(svg.contains("<polygon"));
    // Sweeping the ranged value itself fixes it at each point: no band.
    let json = accepted_json(&[
        "sweep",
        file.path(),
        "--vary",
        "workload.records_per_second=1000..5000",
        "--steps",
        "4",
        "--format",
        "json",
    ]);
    assert!(json["points"][0]["alternatives"][0].get("p10").is_none());
}

#[test]
fn a_price_in_the_file_can_be_a_range() {
    // 1,000 writes/s of 1 KB on demand: 2,628 million request units. At
    // the expected $0.625 a million, $1,642.50; the price uniform from $0.50
    // to $1.25 has its median at $0.875: $2,299.50.
    let file = TempScenario::new(
        "ranged-price",
        r#"
name = "a ranged price"

[workload]
records_per_second = 1000
record_size = "1 KB"

[pricing_overrides]
"dynamodb.write_request_units" = { low = 0.5, expected = 0.625, high = 1.25, distribution = "uniform" }

[[alternatives]]
name = "on demand"
components = [{ service = "dynamodb", capacity_mode = "on_demand" }]
"#,
    );
    let json = accepted_json(&[file.path(), "--format", "json"]);
    assert_eq!(json["alternatives"][0]["monthly_cost"], 1642.5);
    let p50 = number(&json["monte_carlo"]["alternatives"][0]["p50"]);
    assert!(
        (p50 / dec!(2299.5) - Decimal::ONE).abs() < dec!(0.01),
        "{p50}"
    );
    assert_eq!(
        json["monte_carlo"]["ranges"][0]["path"],
        "prices.dynamodb.write_request_units"
    );
}

#[test]
fn a_range_on_one_alternatives_component_leaves_the_others_at_their_point() {
    // Reads ranged on the provisioned table only: 0 to 2,000 reads of 1 KB
    // a second, eventually consistent, half an RCU each: up to 1,000 RCU,
    // $0.00013 × 730 = $0.0949 each. Sized for a peak of 4, the table's
    // 4,000 WCU already cost $1,898, so on demand ($1,642.50, which the
    // range does not reach) is the cheapest in every sample.
    let json = accepted_json(&[
        MODES,
        "--format",
        "json",
        "--samples",
        "500",
        "--set",
        "alternatives[provisioned, sized for the peak].components[0].reads_per_second={ low = 0, expected = 500, high = 2000 }",
    ]);
    let mc = &json["monte_carlo"]["alternatives"];
    for p in ["p10", "p50", "p90", "mean"] {
        assert_eq!(mc[1][p], 1642.5, "{p}");
    }
    assert_eq!(mc[1]["chance_cheapest"], 1);
    // 4,000 WCU ($1,898) and between 1 and 1,000 RCU: from $1,898.09 up.
    let p10 = number(&mc[0]["p10"]);
    let p90 = number(&mc[0]["p90"]);
    assert!(
        p10 >= dec!(1898.09) && p90 <= dec!(1898) + dec!(94.90),
        "{p10} {p90}"
    );
}
