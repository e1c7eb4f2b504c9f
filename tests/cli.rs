//! The command line's contract: exit codes, streams, options. The first
//! tests run the real binary, as a user would; the rest run `calc::run` in
//! this process, which prints the same (the first test checks that).

use crate::support::{Run, TempScenario, calc, calc_binary, calc_json, rejected};

#[test]
fn binary_and_library_agree() {
    for args in [
        &["scenarios/kinesis-vs-dynamodb.toml"][..],
        &["--format", "json", "scenarios/kinesis-vs-dynamodb.toml"],
        &["--format", "markdown", "scenarios/kinesis-vs-dynamodb.toml"],
        &["services"],
        &["services", "kinesis_data_streams"],
        &["tests/bad/many-unknown-keys.toml"],
        &["tests/bad/arithmetic-overflow.toml"],
        &["--format", "yaml", "x.toml"],
        &["--help"],
    ] {
        assert_eq!(calc_binary(args), calc(args), "calc {args:?}");
    }
}

/// Runs the binary on input it must reject: exit code 2, nothing on stdout.
fn binary_rejects(args: &[&str]) -> String {
    let Run {
        stdout,
        stderr,
        code,
    } = calc_binary(args);
    assert_eq!((code, stdout.as_str()), (2, ""), "calc {args:?}");
    stderr
}

#[test]
fn the_readme_command_exits_0_and_writes_only_stdout() {
    let run = calc_binary(&["scenarios/kinesis-vs-dynamodb.toml"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("Comparison"));
}

#[test]
fn a_missing_file_exits_2() {
    let stderr = binary_rejects(&["scenarios/no-such-file.toml"]);
    assert_eq!(
        stderr,
        "error: cannot read `scenarios/no-such-file.toml`: no such file\n"
    );
}

#[test]
fn a_folder_exits_2_and_says_so() {
    let stderr = binary_rejects(&["scenarios"]);
    assert_eq!(
        stderr,
        "error: cannot read `scenarios`: it is a folder, not a file\n"
    );
}

#[test]
fn a_usage_error_exits_2() {
    let stderr = binary_rejects(&["--format", "yaml", "scenarios/kinesis-vs-dynamodb.toml"]);
    assert!(stderr.contains("invalid value 'yaml'"), "{stderr}");
    binary_rejects(&[]);
}

#[test]
fn bad_input_exits_2() {
    let stderr = binary_rejects(&["tests/bad/syntax-error.toml"]);
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn help_goes_to_stdout_and_exits_0() {
    let run = calc_binary(&["--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("--hours-per-month"));
}

#[test]
fn rates_may_be_written_with_a_period() {
    // 8.64 million a day is 100 a second: 100 × 1 KB is 102,400 bytes a
    // second, a tenth of a shard's 1,000 records a second.
    let scenario = TempScenario::new(
        "rate-per-day",
        r#"
name = "rate per day"
[workload]
records_per_second = "8.64M/day"
record_size = "1 KB"
[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams" }]
"#,
    );
    let json = calc_json(&[scenario.path()]);
    let capacity = &json["alternatives"][0]["components"][0]["capacity"];
    assert_eq!(
        capacity["write_bytes_per_second"],
        serde_json::json!(102400)
    );
    assert_eq!(capacity["write_records_shards"].to_string(), "0.1");
}

#[test]
fn hours_per_month_can_be_set_on_the_command_line() {
    // 3 shards × $0.015 × 720 h = $32.40.
    let json = calc_json(&[
        "--hours-per-month",
        "720",
        "scenarios/kinesis-vs-dynamodb.toml",
    ]);
    assert_eq!(json["hours_per_month"], serde_json::json!(720));
    let shard_hour = &json["alternatives"][0]["components"][0]["line_items"][0];
    assert_eq!(shard_hour["dimension"], "shard_hour");
    assert_eq!(shard_hour["monthly_cost"].to_string(), "32.4");
}

#[test]
fn hours_out_of_range_on_the_command_line_exit_2() {
    let stderr = rejected(&[
        "--hours-per-month",
        "0",
        "scenarios/kinesis-vs-dynamodb.toml",
    ]);
    assert!(
        stderr.contains("`hours_per_month` must be between 1 and 744 (found 0)"),
        "{stderr}"
    );
}

#[test]
fn a_pricing_table_can_be_given_by_path() {
    let stderr = rejected(&[
        "--pricing",
        "tests/bad/tables/no-shard-hour.toml",
        "scenarios/kinesis-vs-dynamodb.toml",
    ]);
    assert!(
        stderr.contains(
            "pricing table `no-shard-hour` has no price for `kinesis_data_streams.shard_hour`"
        ),
        "{stderr}"
    );
}

#[test]
fn pricing_overrides_replace_a_unit_price() {
    // A negotiated $0.012 a shard-hour: 3 × 0.012 × 730 = $26.28.
    let scenario = TempScenario::new(
        "override",
        r#"
name = "override"
[workload]
records_per_second = 3000
record_size = "1 KB"
[pricing_overrides]
"kinesis_data_streams.shard_hour" = 0.012
[[alternatives]]
name = "Kinesis"
components = [{ service = "kinesis_data_streams" }]
"#,
    );
    let json = calc_json(&[scenario.path()]);
    let item = &json["alternatives"][0]["components"][0]["line_items"][0];
    assert_eq!(item["unit_price"].to_string(), "0.012");
    assert_eq!(item["monthly_cost"].to_string(), "26.28");
}

#[test]
fn services_lists_every_service() {
    let run = calc(&["services"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["kinesis_data_streams", "firehose", "dynamodb"] {
        assert!(
            run.stdout.contains(name),
            "{name} missing from:\n{}",
            run.stdout
        );
    }
}

#[test]
fn services_describes_one_service_with_its_prices() {
    let run = calc(&["services", "kinesis_data_streams"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("shard_hour"));
    assert!(run.stdout.contains("$0.015"));
    assert!(run.stdout.contains("shards = ceil("));
}

#[test]
fn an_unknown_service_exits_2_with_a_suggestion() {
    let stderr = rejected(&["services", "kinesis_data_stream"]);
    assert_eq!(
        stderr,
        "error: unknown service `kinesis_data_stream`\n  = help: did you mean `kinesis_data_streams` (Kinesis Data Streams)?\n"
    );
    // Kafka is MSK's name in AWS's own API and permissions.
    let stderr = rejected(&["services", "kafka"]);
    assert_eq!(
        stderr,
        "error: unknown service `kafka`\n  = help: did you mean `msk` (MSK)?\n"
    );
}

#[test]
fn the_readme_scenario_example_runs() {
    let readme = include_str!("../README.md");
    let example = readme
        .split("## Scenario format\n\n```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows a scenario");
    let scenario = TempScenario::new("readme", example);
    let run = calc(&[scenario.path()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every requirement holds but the budget: the Firehose branch alone
    // costs $1,090.22 against $500 (3,000 records/s billed as 5 KB each).
    let verdict = run
        .stdout
        .lines()
        .find(|line| line.contains("┆ Kinesis Data Streams"))
        .expect("a comparison row");
    assert!(
        verdict.contains("fails: max_monthly_cost │"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_services_chart() {
    let run = calc(&["services"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_exits_2() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_calc"))
        .arg("scenarios/kinesis-vs-dynamodb.toml")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .expect("calc runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "error: cannot write the report: no space left on device\n"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Far more than a pipe holds, so that calc writes into a closed pipe.
    let mut text = String::from(
        "name = \"many\"\n[workload]\nrecords_per_second = 1000\nrecord_size = \"1 KB\"\n",
    );
    for i in 0..500 {
        text.push_str(&format!(
            "[[alternatives]]\nname = \"a{i}\"\ncomponents = [{{ service = \"kinesis_data_streams\" }}]\n"
        ));
    }
    let scenario = TempScenario::new("closed-pipe", &text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_calc"))
        .args(["--format", "json", scenario.path()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("calc runs");
    // Read nothing, as `head -c 0` would, and close the pipe.
    drop(child.stdout.take());
    let status = child.wait().expect("calc ends");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr is UTF-8");
    assert_eq!(status.code(), Some(0));
    assert_eq!(stderr, "");
}

#[test]
fn a_month_shorter_than_an_hour_is_refused() {
    // 1e-28 hours would be read as a month of almost no seconds, and every
    // rate a second would be priced as if it barely ran.
    let stderr = rejected(&[
        "--hours-per-month",
        "0.5",
        "scenarios/kinesis-vs-dynamodb.toml",
    ]);
    assert!(stderr.contains("between 1 and 744 (found 0.5)"), "{stderr}");
}
