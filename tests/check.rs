//! `calc check`: every exit code, the formats CI reads, and the annotations.
//!
//! Most scenarios here are one Kinesis stream, provisioned, taking 3,000
//! records of 1 KB a second at 730 hours a month. By hand, from the bundled
//! prices ($0.015 a shard-hour, $0.014 a million PUT payload units):
//!
//! - shards: writes need max(3,000 records / 1,000 a shard, 3,000 KB/s /
//!   1,024 KB/s a shard = 2.93) = 3 shards: 3 × 730 h × $0.015 = $32.85;
//! - PUT payload units: one per record up to 25 KB, so 3,000/s × 3,600 s ×
//!   730 h = 7,884,000,000 = 7,884 million × $0.014 = $110.376;
//! - a month: $32.85 + $110.376 = $143.226, shown as $143.23.

use calc::base::environment::Environment;

use crate::support::{TempFolder, TempScenario, calc, calc_binary, rejected};

/// The stream above with `requirements` and more `extra` at the top.
fn stream(requirements: &str, extra: &str) -> String {
    format!(
        r#"name = "stream"
{extra}
[workload]
records_per_second = 3000
record_size = "1 KB"

[requirements]
{requirements}

[[alternatives]]
name = "Kinesis"
components = [{{ service = "kinesis_data_streams" }}]
"#
    )
}

/// The stream beside an MSK cluster, whose verdict is at best `warning`
/// (its per-broker throughput is not checked). The cluster costs 3 brokers
/// × 730 h × $0.21 = $459.90, and 3 × 2 TB = 6,144 GB-months of storage ×
/// $0.10 = $614.40: $1,074.30 a month.
fn with_msk(choice: &str, requirements: &str) -> String {
    format!(
        r#"name = "stream or cluster"
choice = "{choice}"

[workload]
records_per_second = 3000
record_size = "1 KB"

[requirements]
{requirements}

[[alternatives]]
name = "Kinesis"
components = [{{ service = "kinesis_data_streams" }}]

[[alternatives]]
name = "MSK"
components = [
  {{ service = "msk", broker_type = "kafka.m5.large", brokers = 3, storage_per_broker = "2 TB" }},
]
"#
    )
}

/// Runs `calc check` over a file it cannot check: exit 2 even under
/// `--warn-only`, the file reported on stdout as an error, and the error
/// in full on stderr, which is returned.
fn unchecked(args: &[&str]) -> String {
    let run = calc(args);
    assert_eq!(run.code, 2, "calc {args:?}:\n{}", run.stdout);
    assert!(
        run.stdout.contains("ERROR: ") && run.stdout.contains("cannot be checked"),
        "calc {args:?}:\n{}",
        run.stdout
    );
    run.stderr
}

fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = calc(&all);
    assert_eq!(run.stderr, "", "{args:?}");
    (
        serde_json::from_str(&run.stdout).expect("valid JSON"),
        run.code,
    )
}

#[test]
fn a_scenario_within_its_budget_passes() {
    let file = TempScenario::new("within", &stream("max_monthly_cost = 500", ""));
    let (report, code) = json(&[file.path()]);
    assert_eq!(code, 0);
    assert_eq!(report["passed"], true);
    let kinesis = &report["scenarios"][0]["alternatives"][0];
    assert_eq!(kinesis["status"], "pass");
    assert_eq!(kinesis["monthly_cost"].to_string(), "143.226");
    assert_eq!(kinesis["budget"].to_string(), "500");
    // $500 − $143.226.
    assert_eq!(kinesis["headroom"].to_string(), "356.774");
    let table = calc(&["check", file.path()]);
    assert_eq!(table.code, 0);
    assert!(
        table.stdout.contains("$356.77 (71.35%)"),
        "headroom in money and percent of the budget: {}",
        table.stdout
    );
    assert!(table.stdout.ends_with("PASS: 1 scenario passes\n"));
}

#[test]
fn a_scenario_over_its_budget_fails() {
    // $143.226 is over $143.
    let file = TempScenario::new("over", &stream("max_monthly_cost = 143", ""));
    let run = calc(&["check", file.path()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("-$0.23"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("over.toml:11: Kinesis: costs $143.23 a month; budget: $143.00"),
        "the reason, at the line of the alternative's name: {}",
        run.stdout
    );
    assert!(run.stdout.ends_with("FAIL: 1 of 1 scenario fails\n"));
}

#[test]
fn a_broken_requirement_fails() {
    // A provisioned stream adds 200 ms.
    let file = TempScenario::new("latency", &stream(r#"max_latency = "100 ms""#, ""));
    let (report, code) = json(&[file.path()]);
    assert_eq!(code, 1);
    let reasons = &report["scenarios"][0]["alternatives"][0]["reasons"];
    assert_eq!(reasons[0]["rule"], "max_latency");
    assert_eq!(
        reasons[0]["message"],
        "adds 200 ms of latency; requirement: at most 100 ms"
    );
}

#[test]
fn a_broken_service_limit_fails() {
    let text = stream("", "").replace(r#"record_size = "1 KB""#, r#"record_size = "2 MB""#);
    let file = TempScenario::new("limit", &text);
    let (report, code) = json(&[file.path()]);
    assert_eq!(code, 1);
    assert_eq!(
        report["scenarios"][0]["alternatives"][0]["reasons"][0]["rule"],
        "limit"
    );
}

#[test]
fn invalid_and_missing_files_are_never_a_pass() {
    let bad = TempScenario::new("bad", "name = \"x\"\n[workload\n");
    let stderr = unchecked(&["check", bad.path()]);
    assert!(stderr.contains("bad.toml:2:"), "{stderr}");
    let stderr = unchecked(&["check", "scenarios/no-such-design.toml"]);
    assert!(
        stderr.contains("cannot read `scenarios/no-such-design.toml`"),
        "{stderr}"
    );
    // Even with --warn-only.
    unchecked(&["check", "--warn-only", "scenarios/no-such-design.toml"]);
}

#[test]
fn one_bad_file_in_a_folder_fails_the_check() {
    let folder = TempFolder::new();
    folder.write("a/good.toml", &stream("max_monthly_cost = 500", ""));
    folder.write("b/unknown.toml", &stream("max_monthly_cots = 500", ""));
    folder.write("c/good.toml", &stream("max_monthly_cost = 500", ""));
    let stderr = unchecked(&["check", folder.path()]);
    assert!(stderr.contains("unknown.toml:8:1"), "{stderr}");
    assert!(
        stderr.contains("did you mean `max_monthly_cost`?"),
        "{stderr}"
    );
}

#[test]
fn a_folder_is_checked_at_every_depth_in_sorted_order() {
    let folder = TempFolder::new();
    // Written out of order: the check sorts them.
    folder.write("z.toml", &stream("max_monthly_cost = 500", ""));
    folder.write("a/deep/b.toml", &stream("max_monthly_cost = 500", ""));
    folder.write("a/a.toml", &stream("max_monthly_cost = 100", ""));
    folder.write("notes.md", "not a scenario");
    folder.write(".hidden/x.toml", "not read");
    // A pricing table beside the scenarios is not a scenario.
    folder.write(
        "prices.toml",
        &std::fs::read_to_string("pricing/aws-us-east-1.toml").expect("bundled table"),
    );
    let (report, code) = json(&[folder.path()]);
    assert_eq!(code, 1, "a/a.toml is over its $100 budget");
    let files: Vec<String> = report["scenarios"]
        .as_array()
        .expect("scenarios")
        .iter()
        .map(|s| {
            let file = s["file"].as_str().expect("file");
            file.strip_prefix(folder.path()).expect("in the folder")[1..].to_string()
        })
        .collect();
    assert_eq!(files, ["a/a.toml", "a/deep/b.toml", "z.toml"]);
    assert_eq!(report["summary"]["failed"], 1);
    assert_eq!(report["summary"]["passed"], 2);
}

#[test]
fn an_empty_folder_is_an_error() {
    let folder = TempFolder::new();
    folder.write("notes.md", "no scenarios here");
    let stderr = rejected(&["check", folder.path()]);
    assert!(
        stderr.contains("no `.toml` scenarios in folder"),
        "{stderr}"
    );
}

#[test]
fn warn_only_reports_failures_and_exits_0() {
    let file = TempScenario::new("over", &stream("max_monthly_cost = 100", ""));
    let run = calc(&["check", "--warn-only", file.path()]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("FAIL: 1 of 1 scenario fails"));
}

#[test]
fn warnings_fail_only_when_denied() {
    let file = TempScenario::new("msk", &with_msk("MSK", ""));
    let (report, code) = json(&[file.path()]);
    assert_eq!(code, 0);
    assert_eq!(report["scenarios"][0]["status"], "warning");
    let (report, code) = json(&["--deny-warnings", file.path()]);
    assert_eq!(code, 1);
    assert_eq!(report["scenarios"][0]["status"], "fail");
}

#[test]
fn only_the_chosen_alternative_must_pass() {
    // MSK's $1,074.30 is over $500: the scenario passes while it chose
    // Kinesis ($143.226), and fails when it chooses MSK.
    let kinesis = TempScenario::new(
        "chose-kinesis",
        &with_msk("Kinesis", "max_monthly_cost = 500"),
    );
    let (report, code) = json(&[kinesis.path()]);
    assert_eq!(code, 0);
    let alternatives = &report["scenarios"][0]["alternatives"];
    assert_eq!(alternatives[0]["checked"], true);
    assert_eq!(alternatives[1]["checked"], false);
    assert_eq!(report["scenarios"][0]["choice"], "Kinesis");
    assert_eq!(alternatives[1]["status"], "fail", "shown for context");
    let msk = TempScenario::new("chose-msk", &with_msk("MSK", "max_monthly_cost = 500"));
    let (report, code) = json(&[msk.path()]);
    assert_eq!(code, 1);
    let alternatives = &report["scenarios"][0]["alternatives"];
    assert_eq!(alternatives[1]["monthly_cost"].to_string(), "1074.3");
    assert_eq!(alternatives[1]["reasons"][0]["rule"], "max_monthly_cost");
}

#[test]
fn an_unknown_choice_is_explained() {
    let file = TempScenario::new("choice", &with_msk("Kinesys", ""));
    let stderr = unchecked(&["check", file.path()]);
    assert!(
        stderr.contains("error: no alternative is named `Kinesys`"),
        "{stderr}"
    );
    assert!(stderr.contains("choice.toml:2:10"), "{stderr}");
    assert!(stderr.contains("did you mean `Kinesis`?"), "{stderr}");
}

#[test]
fn an_alternative_may_have_its_own_budget() {
    // Its own $140 replaces the scenario's $500: $143.226 is over it.
    let text = stream("max_monthly_cost = 500", "").replace(
        "name = \"Kinesis\"\n",
        "name = \"Kinesis\"\nmax_monthly_cost = 140\n",
    );
    let file = TempScenario::new("own", &text);
    let (report, code) = json(&[file.path()]);
    assert_eq!(code, 1);
    let kinesis = &report["scenarios"][0]["alternatives"][0];
    assert_eq!(kinesis["budget"].to_string(), "140");
    assert_eq!(
        kinesis["reasons"][0]["message"],
        "costs $143.23 a month; budget: $140.00"
    );
    // The report says the same.
    let run = calc(&[file.path()]);
    assert_eq!(run.code, 0, "a report is not a check");
    assert!(
        run.stdout
            .contains("✗ costs $143.23 a month; budget: $140.00")
    );
    // And a larger budget of its own lifts the scenario's.
    let lifted = TempScenario::new(
        "lifted",
        &stream("max_monthly_cost = 100", "").replace(
            "name = \"Kinesis\"\n",
            "name = \"Kinesis\"\nmax_monthly_cost = 150\n",
        ),
    );
    assert_eq!(json(&[lifted.path()]).1, 0);
    let negative = TempScenario::new(
        "negative",
        &stream("", "").replace(
            "name = \"Kinesis\"\n",
            "name = \"Kinesis\"\nmax_monthly_cost = -1\n",
        ),
    );
    let stderr = unchecked(&["check", negative.path()]);
    assert!(
        stderr.contains("`max_monthly_cost` cannot be negative"),
        "{stderr}"
    );
    assert!(stderr.contains("negative.toml:12:20"), "{stderr}");
}

#[test]
fn an_increase_over_the_baseline_is_limited() {
    // At 6,000 records/s: 6 shards, 6 × 730 × $0.015 = $65.70, and 15,768
    // million PUT units × $0.014 = $220.752; $286.452 a month, $143.226
    // (exactly +100%) over the baseline's $143.226.
    let baseline = TempScenario::new("base", &stream("max_monthly_cost = 500", ""));
    let head = TempScenario::new(
        "head",
        &stream("max_monthly_cost = 500", "")
            .replace("records_per_second = 3000", "records_per_second = 6000"),
    );
    let check = |limit: &str| {
        json(&[
            head.path(),
            "--baseline",
            baseline.path(),
            "--max-increase",
            limit,
        ])
    };
    let (report, code) = check("10%");
    assert_eq!(code, 1);
    let kinesis = &report["scenarios"][0]["alternatives"][0];
    assert_eq!(kinesis["baseline_cost"].to_string(), "143.226");
    assert_eq!(kinesis["reasons"][0]["rule"], "max_increase");
    assert_eq!(
        kinesis["reasons"][0]["message"],
        "costs $286.45 a month, $143.23 more than the baseline's $143.23 (+100%); allowed: +10%"
    );
    assert_eq!(check("100%").1, 0, "exactly +100% is allowed");
    assert_eq!(check("143.23").1, 0, "$143.226 is within $143.23");
    assert_eq!(check("143.22").1, 1);
    // Without a baseline, `--max-increase` means nothing.
    rejected(&["check", head.path(), "--max-increase", "10%"]);
    let stderr = rejected(&[
        "check",
        head.path(),
        "--baseline",
        baseline.path(),
        "--max-increase",
        "ten",
    ]);
    assert!(stderr.contains("is not a percentage"), "{stderr}");
}

#[test]
fn a_baseline_folder_matches_scenarios_by_place() {
    let base = TempFolder::new();
    let head = TempFolder::new();
    base.write("design/a.toml", &stream("max_monthly_cost = 500", ""));
    head.write(
        "design/a.toml",
        &stream("max_monthly_cost = 500", "")
            .replace("records_per_second = 3000", "records_per_second = 6000"),
    );
    // New in this change: no baseline, so no increase to limit.
    head.write("design/new.toml", &stream("max_monthly_cost = 500", ""));
    let (report, code) = json(&[
        head.path(),
        "--baseline",
        base.path(),
        "--max-increase",
        "50%",
    ]);
    assert_eq!(code, 1);
    assert_eq!(report["scenarios"][0]["status"], "fail");
    assert_eq!(report["scenarios"][1]["status"], "pass");
    assert!(report["scenarios"][1]["alternatives"][0]["baseline_cost"].is_null());
}

#[test]
fn markdown_is_a_pull_request_comment_that_user_text_cannot_break() {
    let text = stream("max_monthly_cost = 100", "")
        .replace("name = \"Kinesis\"", "name = \"a|b `c` <script>\"")
        .replace(
            "name = \"stream\"",
            "name = \"<img src=x onerror=alert(1)>\"",
        );
    let file = TempScenario::new("escape", &text);
    let run = calc(&["check", "--format", "markdown", file.path()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("### ❌ calc check: 1 of 1 scenario fails\n")
    );
    // Every `<` is escaped, but for calc's own `<details>` and `<summary>`.
    let own = run
        .stdout
        .replace("<details>", "")
        .replace("</details>", "")
        .replace("<summary>", "")
        .replace("</summary>", "");
    let raw = own
        .char_indices()
        .filter(|&(i, c)| c == '<' && !own[..i].ends_with('\\'))
        .count();
    assert_eq!(raw, 0, "{}", run.stdout);
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("a\\|b"))
        .expect("the alternative's row");
    // Cells split at pipes that are not escaped: 8 columns, 9 pipes.
    let pipes = row
        .char_indices()
        .filter(|&(i, c)| c == '|' && !row[..i].ends_with('\\'))
        .count();
    assert_eq!(pipes, 8, "{row}");
    assert!(row.contains("a\\|b \\`c\\` \\<script\\>"), "{row}");
    assert!(run.stdout.contains("<details>") && run.stdout.contains("</details>"));
    assert!(
        run.stdout
            .contains("&lt;img src=x onerror=alert(1)&gt;</summary>"),
        "{}",
        run.stdout
    );
}

#[test]
fn junit_has_a_suite_a_scenario_and_a_case_a_requirement() {
    let folder = TempFolder::new();
    folder.write(
        "over.toml",
        &stream("max_monthly_cost = 100\nmax_latency = \"1 s\"", ""),
    );
    folder.write("fine.toml", &stream("max_monthly_cost = 500", ""));
    let run = calc(&["check", "--format", "junit", folder.path()]);
    assert_eq!(run.code, 1);
    let xml = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 2);
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        assert!(cases.iter().all(|c| c.tag_name().name() == "testcase"));
        assert!(cases.iter().all(|c| c.attribute("classname").is_some()));
        let failures = cases
            .iter()
            .filter(|c| c.children().any(|f| f.has_tag_name("failure")))
            .count();
        assert_eq!(
            suite.attribute("tests"),
            Some(cases.len().to_string().as_str())
        );
        assert_eq!(
            suite.attribute("failures"),
            Some(failures.to_string().as_str())
        );
    }
    // fine.toml sorts first: budget, limits, warnings, all passing.
    let names = |suite: &roxmltree::Node| -> Vec<String> {
        suite
            .children()
            .filter(|n| n.is_element())
            .map(|c| c.attribute("name").expect("name").to_string())
            .collect()
    };
    assert_eq!(
        names(&suites[0]),
        [
            "Kinesis: max_monthly_cost",
            "Kinesis: limit",
            "Kinesis: warning"
        ]
    );
    // over.toml: a case for the budget and one for the latency it states.
    assert_eq!(
        names(&suites[1]),
        [
            "Kinesis: max_monthly_cost",
            "Kinesis: max_latency",
            "Kinesis: limit",
            "Kinesis: warning"
        ]
    );
    assert_eq!(suites[1].attribute("failures"), Some("1"));
    let failure = suites[1]
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    assert_eq!(failure.attribute("type"), Some("max_monthly_cost"));
    assert_eq!(
        failure.attribute("message"),
        Some("costs $143.23 a month; budget: $100.00")
    );
    assert_eq!(root.attribute("tests"), Some("7"));
    assert_eq!(root.attribute("failures"), Some("1"));
}

#[test]
fn github_actions_get_annotations_and_a_job_summary() {
    let text = stream("max_monthly_cost = 100", "")
        .replace("name = \"Kinesis\"", "name = \"Kinesis, 100%: fast\"");
    let file = TempScenario::new("annotated", &text);
    let env = Environment {
        github_actions: true,
        step_summary: Some("summary.md".into()),
        color: false,
        ..Environment::plain()
    };
    let outcome = calc::run_in(["calc", "check", file.path()], &env);
    assert_eq!(outcome.code, 1);
    // The title is a property: its `:`, `,` and `%` are encoded; the
    // message only its `%`.
    assert_eq!(
        outcome.stderr,
        format!(
            "::error file={},line=11,title=calc check%3A Kinesis%2C 100%25%3A fast::Kinesis, 100%25: fast: costs $143.23 a month; budget: $100.00\n",
            file.path()
        )
    );
    let appendix = outcome.appendix.expect("a job summary");
    assert_eq!(appendix.path, std::path::Path::new("summary.md"));
    assert!(
        appendix
            .text
            .starts_with("### ❌ calc check: 1 of 1 scenario fails")
    );
    // Outside GitHub Actions, stderr stays quiet.
    let plain = calc(&["check", file.path()]);
    assert_eq!(plain.stderr, "");
}

#[test]
fn the_binary_appends_the_job_summary() {
    let file = TempScenario::new("summary", &stream("max_monthly_cost = 500", ""));
    let folder = TempFolder::new();
    let summary = folder.write("summary.md", "earlier step\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_calc"))
        .args(["check", file.path()])
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("NO_COLOR", "1")
        .output()
        .expect("calc runs");
    assert_eq!(output.status.code(), Some(0));
    let written = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        written.starts_with("earlier step\n### ✅ calc check: 1 scenario passes\n"),
        "{written}"
    );
    // Passing, it annotates nothing.
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn the_bundled_scenarios_check_as_documented() {
    // The seed scenario chose nothing, so each alternative must pass; two
    // of its three are over the $500 budget.
    let run = calc_binary(&["check", "scenarios/kinesis-vs-dynamodb.toml"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("FAIL: 1 of 1 scenario fails"));
}

#[test]
fn colour_only_when_asked_for() {
    let file = TempScenario::new("colour", &stream("max_monthly_cost = 100", ""));
    let coloured = Environment {
        color: true,
        ..Environment::plain()
    };
    let outcome = calc::run_in(["calc", "check", file.path()], &coloured);
    assert!(
        outcome
            .stdout
            .ends_with("\n\u{1b}[31mFAIL: 1 of 1 scenario fails\u{1b}[0m\n"),
        "{}",
        outcome.stdout
    );
    // Not on a terminal, or with NO_COLOR: no escape sequences at all.
    let plain = calc_binary(&["check", file.path()]);
    assert!(!plain.stdout.contains('\u{1b}'), "{}", plain.stdout);
}

#[test]
fn prices_older_than_allowed_fail_the_check() {
    // The stream's shard-hour price, the first of its oldest, is dated
    // 2024-07-01 in the bundled table (the table itself 2026-11-24), so
    // it is at least a day old on any day after: 0 days allowed fails, a
    // hundred years passes.
    let file = TempScenario::new("fresh", &stream("max_monthly_cost = 500", ""));
    let (report, code) = json(&["--max-price-age", "0d", file.path()]);
    assert_eq!(code, 1);
    let reason = &report["scenarios"][0]["alternatives"][0]["reasons"][0];
    assert_eq!(reason["rule"], "max_price_age");
    let message = reason["message"].as_str().expect("a message");
    assert!(
        message.starts_with(
            "the oldest price it uses, `kinesis_data_streams.shard_hour` of pricing table aws-us-east-1, is dated 2024-07-01, "
        )
            && message.contains("allowed: 0 days; "),
        "{message}"
    );
    let (report, code) = json(&["--max-price-age", "36500d", file.path()]);
    assert_eq!(code, 0, "{report}");
    let stderr = crate::support::rejected(&["check", "--max-price-age", "old", file.path()]);
    assert!(stderr.contains("--max-price-age"), "{stderr}");
}

#[test]
fn a_destinations_price_is_named_where_the_table_writes_it() {
    // The only price a transfer to us-east-2 uses is that pair's rate,
    // dated 2020-01-01 in this price book: the check names it as a table
    // writes it.
    let book = TempScenario::new(
        "old-pair",
        r#"name = "old-pair"
extends = "aws-us-east-1"

[prices.data_transfer.inter_region_gb]
price = 0.02
unit = "GB"
source = "a test figure"
as_of = "2026-11-26"
evidence = "unverified"

[prices.data_transfer.inter_region_gb.to."us-east-2"]
price = 0.01
source = "a test figure"
as_of = "2020-01-01"
evidence = "unverified"
"#,
    );
    let file = TempScenario::new(
        "to-ohio",
        r#"name = "a terabyte to Ohio"

[workload]
records_per_second = 1
record_size = "1 KB"

[[alternatives]]
name = "to Ohio"
components = [{ service = "data_transfer", inter_region = "1 TB", to_region = "us-east-2" }]
"#,
    );
    let (report, code) = json(&[
        "--max-price-age",
        "0d",
        "--pricing",
        book.path(),
        file.path(),
    ]);
    assert_eq!(code, 1, "{report}");
    let message = report["scenarios"][0]["alternatives"][0]["reasons"][0]["message"]
        .as_str()
        .expect("a message");
    assert!(
        message.starts_with(
            "the oldest price it uses, `data_transfer.inter_region_gb.to.\"us-east-2\"` of pricing table old-pair, is dated 2020-01-01, "
        ),
        "{message}"
    );
}

#[test]
fn the_report_marks_the_chosen_alternative() {
    let file = TempScenario::new("chosen", &with_msk("MSK", ""));
    let table = crate::support::accepted(&[file.path()]);
    assert!(table.contains("== MSK (chosen) =="), "{table}");
    let report = crate::support::calc_json(&[file.path()]);
    assert_eq!(report["choice"], "MSK");
}

/// A folder where one scenario passes and one has an unknown key on line 8.
fn folder_with_a_broken_file() -> (TempFolder, String) {
    let folder = TempFolder::new();
    folder.write("a/good.toml", &stream("max_monthly_cost = 500", ""));
    let bad = folder.write("b/bad.toml", &stream("max_monthly_cots = 500", ""));
    (folder, bad)
}

#[test]
fn a_file_that_cannot_be_checked_is_in_every_format() {
    let (folder, bad) = folder_with_a_broken_file();
    let run = |format: &str| {
        let run = calc(&["check", folder.path(), "--format", format]);
        assert_eq!(run.code, 2, "{format}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("unknown key `max_monthly_cots` for `requirements`")
        );
        run.stdout
    };

    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    assert_eq!(json["passed"], false);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(
        json["summary"]["passed"], 1,
        "the good scenario is still checked"
    );
    let error = &json["errors"][0];
    assert_eq!(error["scenario"], bad.as_str());
    assert_eq!(error["file"], bad.as_str());
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(8), Some(1))
    );
    assert_eq!(
        error["message"],
        "unknown key `max_monthly_cots` for `requirements`"
    );
    assert_eq!(error["help"], "did you mean `max_monthly_cost`?");

    let junit = run("junit");
    let document = roxmltree::Document::parse(&junit).expect("XML");
    let root = document.root_element();
    assert_eq!(root.attribute("errors"), Some("1"));
    let case = root
        .descendants()
        .find(|n| n.attribute("name") == Some(&format!("{bad}: read")))
        .expect("a test case for the file");
    let error = case
        .children()
        .find(|n| n.has_tag_name("error"))
        .expect("an error");
    assert_eq!(
        error.attribute("message"),
        Some("unknown key `max_monthly_cots` for `requirements`")
    );
    assert_eq!(
        error.text(),
        Some(format!("{bad}:8:1: unknown key `max_monthly_cots` for `requirements`").as_str())
    );

    let markdown = run("markdown");
    assert!(markdown.starts_with("### ❌ calc check: 1 of 2 scenarios cannot be checked\n"));
    assert!(markdown.contains("| ❗ error | "), "{markdown}");
    assert!(markdown.contains("bad.toml:8:1: unknown key"), "{markdown}");

    let table = run("table");
    assert!(
        table.contains("ERROR: 1 of 2 scenarios cannot be checked"),
        "{table}"
    );
    assert!(
        table.contains("bad.toml:8:1: unknown key `max_monthly_cots` for `requirements`"),
        "{table}"
    );
}

#[test]
fn github_actions_annotate_a_file_that_cannot_be_checked() {
    let (folder, bad) = folder_with_a_broken_file();
    let env = Environment {
        github_actions: true,
        step_summary: Some("summary.md".into()),
        color: false,
        ..Environment::plain()
    };
    let outcome = calc::run_in(["calc", "check", folder.path()], &env);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.ends_with(&format!(
            "::error file={bad},line=8,col=1,title=calc check%3A cannot be checked::unknown key `max_monthly_cots` for `requirements`\n"
        )),
        "{}",
        outcome.stderr
    );
    let summary = outcome.appendix.expect("a job summary").text;
    assert!(summary.contains("| ❗ error | "), "{summary}");
    // Even with --warn-only, a file that cannot be checked fails the step.
    let warn_only = calc::run_in(["calc", "check", "--warn-only", folder.path()], &env);
    assert_eq!(warn_only.code, 2);
}
