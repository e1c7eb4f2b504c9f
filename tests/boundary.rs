//! The files `calc` reads on a file's behalf, and the files it writes, in
//! CI: a pull request can add links, special files and odd names, and must
//! not make `calc` read outside the folder it checks, tell what exists
//! there, or wait forever (`SECURITY.md`).

use std::path::Path;
use std::process::Command;

use crate::hostile::{BUNDLED_TABLE, TempDir, calc_quickly, refused, scenario_naming};

/// A secret beside the checked folder, and the words of it that must never
/// be printed.
const SECRET: &str = "aws_access_key_id = \"AKIASECRETSECRET\"\n[default]\nkey = hunter2\n";

fn assert_secret_kept(what: &str, text: &str) {
    for word in ["AKIA", "hunter2", "aws_access_key_id", "[default]"] {
        assert!(!text.contains(word), "{what} quotes the secret:\n{text}");
    }
}

/// A scenario over its $100 budget (3 Kinesis shards and PUT units:
/// $143.23), so that a check of it fails and annotates.
fn over_budget() -> String {
    "name = \"s\"\n[workload]\nrecords_per_second = 3000\nrecord_size = \"1 KB\"\n\
     [requirements]\nmax_monthly_cost = 100\n[[alternatives]]\nname = \"Kinesis\"\n\
     components = [{ service = \"kinesis_data_streams\" }]\n"
        .to_string()
}

#[cfg(unix)]
fn link(target: &str, at: &str) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

// A link in a checked folder was followed out of it, and its target quoted.

#[cfg(unix)]
#[test]
fn check_does_not_follow_a_link_out_of_its_folder() {
    let dir = TempDir::new("walk-out");
    dir.write("outside.toml", SECRET);
    dir.write("design/good.toml", over_budget());
    link("../outside.toml", &dir.path("design/x.toml"));
    let design = dir.path("design");
    let summary = dir.path("summary.md");
    for format in ["table", "json", "markdown", "junit"] {
        let env = [
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", summary.as_str()),
        ];
        let run = calc_quickly(&["check", &design, "--format", format], &env);
        assert_eq!(run.code, 2, "{format}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "error: `{design}/x.toml` is refused: it does not lead to a `.toml` file in `{design}`"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stdout.contains("x.toml"), "{format}: {}", run.stdout);
        // The good scenario is still checked and reported.
        assert!(run.stdout.contains("good.toml"), "{format}: {}", run.stdout);
        let written = std::fs::read_to_string(&summary).expect("a job summary");
        for (what, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert_secret_kept(&format!("{format} {what}"), text);
        }
        assert_secret_kept("the job summary", &written);
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_reads_the_same_whether_its_target_exists() {
    // Otherwise a pull request could probe the runner's files one by one.
    let dir = TempDir::new("probe");
    dir.write("home/.aws/credentials.toml", SECRET);
    dir.write("design/s.toml", scenario_naming("a.toml"));
    dir.write("design/t.toml", scenario_naming("b.toml"));
    link("../home/.aws/credentials.toml", &dir.path("design/a.toml"));
    link("../home/.aws/missing.toml", &dir.path("design/b.toml"));
    let there = refused(&[&dir.path("design/s.toml")]);
    let nowhere = refused(&[&dir.path("design/t.toml")]);
    assert_eq!(
        there.replace("a.toml", "X").replace("s.toml", "Y"),
        nowhere.replace("b.toml", "X").replace("t.toml", "Y")
    );
    assert!(
        there.contains(
            "error: pricing table `a.toml` does not lead to a `.toml` file in the scenario's folder"
        ),
        "{there}"
    );
    assert_secret_kept("the refusal", &there);
    // The same in a checked folder.
    dir.write("walk/a.toml", over_budget());
    link("../home/.aws/credentials.toml", &dir.path("walk/b.toml"));
    link("../home/.aws/missing.toml", &dir.path("walk/c.toml"));
    let run = calc_quickly(&["check", &dir.path("walk")], &[]);
    let b = format!("`{}` is refused", dir.path("walk/b.toml"));
    let c = format!("`{}` is refused", dir.path("walk/c.toml"));
    assert!(
        run.stderr.contains(&b) && run.stderr.contains(&c),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn the_toml_rule_holds_for_where_a_link_leads() {
    let dir = TempDir::new("dotenv-link");
    dir.write(".env", "AWS_SECRET_ACCESS_KEY=hunter2\n");
    let scenario = dir.write("s.toml", scenario_naming("p.toml"));
    link(".env", &dir.path("p.toml"));
    let stderr = refused(&[&scenario]);
    assert!(
        stderr.contains("pricing table `p.toml` does not lead to a `.toml` file"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(!stderr.contains("AWS_SECRET"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn links_that_stay_in_the_folder_are_followed() {
    let dir = TempDir::new("links-inside");
    dir.write("tables/real.toml", BUNDLED_TABLE);
    dir.write("design/real.toml", over_budget());
    link("real.toml", &dir.path("design/alias.toml"));
    link("tables/real.toml", &dir.path("t.toml"));
    let scenario = dir.write("s.toml", scenario_naming("t.toml"));
    let run = calc_quickly(&[&scenario], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Both names are checked: $143.23 is over the $100 budget.
    let run = calc_quickly(&["check", &dir.path("design"), "--format", "json"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["summary"]["failed"], 2);
}

#[cfg(unix)]
#[test]
fn special_files_and_odd_names_in_a_checked_folder_never_block() {
    let dir = TempDir::new("special");
    dir.write("design/good.toml", over_budget());
    let fifo = dir.path("design/pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    link("/dev/zero", &dir.path("design/zero.toml"));
    dir.write("design/-rf.toml", over_budget());
    let run = calc_quickly(&["check", &dir.path("design")], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("pipe.toml`: a named pipe (FIFO), not a regular file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("zero.toml` is refused"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("-rf.toml"), "{}", run.stdout);
}

// Writing: `calc init` and the job summary.

#[cfg(unix)]
#[test]
fn init_refuses_a_fifo_rather_than_wait_on_it() {
    let dir = TempDir::new("init-fifo");
    let fifo = dir.path("f.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for args in [&["init", &fifo, "--force"][..], &["init", &fifo]] {
        let stderr = refused(args);
        assert!(
            stderr.contains("f.toml`: a named pipe (FIFO), not a regular file"),
            "{stderr}"
        );
    }
}

#[test]
fn a_job_summary_that_cannot_be_written_leaves_stdout_empty() {
    let dir = TempDir::new("summary");
    let scenario = dir.write("s.toml", over_budget());
    let summary = dir.path("no-such-folder/summary.md");
    let run = calc_quickly(&["check", &scenario], &[("GITHUB_STEP_SUMMARY", &summary)]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stdout, "",
        "the report was written before the summary failed"
    );
    assert!(
        run.stderr.starts_with(&format!(
            "error: cannot append to `{summary}`: no such file"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_path_keeps_its_reason() {
    let deep: String = (0..3_000).map(|i| format!("d{i}/")).collect();
    let path = format!("{deep}s.toml");
    assert!(Path::new(&path).components().count() > 3_000);
    // The reason is the system's ("no such file", or "file name too
    // long"): whatever it is, it follows the end of the path.
    let stderr = refused(&[&path]);
    assert!(stderr.contains("/d2999/s.toml`: "), "{stderr}");
    let run = calc_quickly(&["check", &path], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("/d2999/s.toml`: "), "{}", run.stderr);
}
