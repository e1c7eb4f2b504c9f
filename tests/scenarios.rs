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
