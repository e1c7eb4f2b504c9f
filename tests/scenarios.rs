//! Every bundled scenario runs and its report is pinned by a reviewed snapshot.

use crate::support::{calc, relative};

#[test]
fn bundled_scenarios_render() {
    insta::glob!("../scenarios", "*.toml", |path| {
        let relative = relative(path);
        let run = calc(&[relative]);
        assert_eq!(run.code, 0, "{relative} failed:\n{}", run.stderr);
        assert_eq!(run.stderr, "");
        insta::assert_snapshot!(run.stdout);
    });
}

#[test]
fn the_seed_scenario_in_every_format() {
    let json = calc(&["--format", "json", "scenarios/kinesis-vs-dynamodb.toml"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    insta::assert_snapshot!("seed_json", json.stdout);
    let markdown = calc(&["--format", "markdown", "scenarios/kinesis-vs-dynamodb.toml"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    insta::assert_snapshot!("seed_markdown", markdown.stdout);
    let csv = calc(&["--format", "csv", "scenarios/kinesis-vs-dynamodb.toml"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    insta::assert_snapshot!("seed_csv", csv.stdout);
}

#[test]
fn the_csv_rounds_quantities_as_the_table_does_and_keeps_money_exact() {
    // Redshift Serverless, 8 RPU for 4 h a day over 730 h (30.41666… days):
    // 8 × 4 × 730 ÷ 24 = 973.3333… RPU-hours, shown as the table shows it,
    // 973.3333. Its cost stays the exact figure the JSON has.
    let scenario = "scenarios/athena-or-redshift.toml";
    let csv = calc(&["--format", "csv", scenario]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let row = csv
        .stdout
        .lines()
        .find(|line| line.contains(",redshift.rpu_hour,"))
        .expect("an RPU-hour row");
    let cells: Vec<&str> = row.rsplitn(5, ',').collect();
    // From the right: cost, unit price, unit, free quantity, then the rest.
    let (cost, quantity) = (cells[0], cells[4].rsplit(',').next().unwrap());
    assert_eq!(quantity, "973.3333");
    let json = calc(&["--format", "json", scenario]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let exact = report["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .flat_map(|a| a["components"][0]["line_items"].as_array().unwrap().iter())
        .find(|item| item["price_key"] == "redshift.rpu_hour")
        .expect("an RPU-hour line item")["monthly_cost"]
        .to_string();
    assert_eq!(cost, exact);
    assert!(cost.len() > "365.00".len(), "{cost}");
}
