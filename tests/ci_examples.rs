//! The CI examples are what the README says they are: the workflow and the
//! pre-commit hook parse, and run `calc check` and `calc diff` as documented.

use yaml_rust2::{Yaml, YamlLoader};

fn load(path: &str) -> Yaml {
    let text = std::fs::read_to_string(path).expect("the example");
    let mut documents = YamlLoader::load_from_str(&text).expect("valid YAML");
    assert_eq!(documents.len(), 1, "{path}");
    documents.remove(0)
}

#[test]
fn the_workflow_checks_and_diffs_every_pull_request() {
    let workflow = load("examples/ci/budgets.yml");
    assert_eq!(workflow["on"].as_str(), Some("pull_request"));
    let steps = workflow["jobs"]["budgets"]["steps"]
        .as_vec()
        .expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.contains(
            &"calc check design/ --baseline ../base/design/ --max-increase 10% --deny-warnings"
        ),
        "{runs:?}"
    );
    let diff = steps
        .iter()
        .find(|s| s["name"].as_str() == Some("What the change costs"))
        .expect("the diff step");
    // It runs even when the check failed, to say why.
    assert_eq!(diff["if"].as_str(), Some("always()"));
    let script = diff["run"].as_str().expect("a script");
    assert!(script.contains("calc diff \"../base/$file\" \"$file\" --format markdown"));
    // Under `bash -e`, a loop whose last test is false fails the step: the
    // test is an `if`, never `[ … ] && …`.
    assert!(!script.contains("] &&"), "{script}");
}

#[test]
fn the_pre_commit_hook_runs_calc_check() {
    let hooks = load(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("calc-check"));
    assert_eq!(hook["entry"].as_str(), Some("calc check"));
    assert_eq!(hook["language"].as_str(), Some("system"));
    // calc check reads the folder itself: passing the changed files would
    // pass pricing tables and Cargo.toml as scenarios.
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
}
