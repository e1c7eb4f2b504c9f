//! Output that acts on nothing. Text from a scenario, a pricing table, a
//! file's name or an argument reaches every command, format and message
//! escaped, so that a pull request cannot drive what reads calc's output:
//!
//! - a CI runner executes a line that starts with `::` (after spaces) and a
//!   `##[` anywhere in a line: no such line or marker but calc's own
//!   annotations;
//! - a terminal obeys control characters and reorders text at bidirectional
//!   controls: none is printed raw (a line break only where calc breaks);
//! - an XML reader fails on a character outside XML 1.0's `Char`: JUnit and
//!   SVG parse;
//! - GitHub renders Markdown with links, mentions, references, strikethrough
//!   and fences: what it renders of a name is the name as plain text.

use std::path::Path;

use calc::base::environment::Environment;

use crate::support::{TempFolder, calc};

/// Every kind of trouble, in TOML's own escapes: a line break that starts a
/// workflow command, a legacy command, a terminal title (ESC … BEL), a
/// right-to-left override, characters XML cannot hold, a next-line and a
/// line separator, a mention, a reference, links, strikethrough, a fence
/// and HTML.
const PAYLOAD: &str = "~~~ x\\n::add-mask::m\\r::stop-commands::s\\u001B]0;title\\u0007\\u000B\\u000C\
                       \\u202E\\uFFFE\\uFFFF\\u0085\\u2028\\u2029 ##[add-mask]y @org/team #1 GH-2 \
                       https://a.io www.b.io a@b.io ~~s~~ <b>&amp;";

/// A scenario whose every piece of free text carries [`PAYLOAD`]: two
/// Kinesis designs over a budget the first one breaks, so that checks fail
/// and annotate.
fn hostile_scenario(pricing: &str) -> String {
    format!(
        r#"name = "{PAYLOAD}"
description = "{PAYLOAD}"
pricing = "{pricing}"
choice = "A {PAYLOAD}"

[workload]
records_per_second = 3000
record_size = "1 KB"

[requirements]
max_monthly_cost = 100

[[alternatives]]
name = "A {PAYLOAD}"
components = [{{ service = "kinesis_data_streams", id = "stream" }}]

[[alternatives]]
name = "B {PAYLOAD}"
components = [{{ service = "kinesis_data_streams", capacity_mode = "on_demand" }}]
"#
    )
}

/// The bundled table, its name, Region and every source carrying [`PAYLOAD`].
fn hostile_table() -> String {
    std::fs::read_to_string("pricing/aws-us-east-1.toml")
        .expect("bundled table")
        .lines()
        .map(|line| {
            if line.starts_with("name = ") {
                format!("name = \"t {PAYLOAD}\"")
            } else if line.starts_with("source = \"") {
                format!("source = \"{PAYLOAD}\"")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `c` acts on a terminal or cannot stand in XML.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        )
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
        || (u32::from(c) & 0xfffe) == 0xfffe
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
}

/// Holds `text`, printed by `what`, to the rules every output keeps;
/// `annotations` allows calc's own workflow commands.
pub fn assert_inert(what: &str, text: &str, annotations: bool) {
    for line in text.split('\n') {
        let start = line.trim_start();
        if start.starts_with("::") {
            assert!(
                annotations && (start.starts_with("::error ") || start.starts_with("::warning ")),
                "{what}: a line is a workflow command:\n{line}"
            );
        }
        assert!(!line.contains("##["), "{what}: a legacy command:\n{line}");
    }
    if let Some(c) = text.chars().find(|&c| acts(c)) {
        panic!("{what}: U+{:04X} printed raw:\n{text}", u32::from(c));
    }
}

/// What GitHub shows of `markdown`: no link, struck text or code block
/// that the text did not ask for, no mention or issue reference.
fn assert_plain_markdown(what: &str, markdown: &str) {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    let html = comrak::markdown_to_html(markdown, &options);
    for active in ["<a ", "<del>", "<pre>", "<img"] {
        assert!(!html.contains(active), "{what}: renders {active}:\n{html}");
    }
    // GitHub's mention and reference filters read the rendered text.
    let text = html.replace("&amp;", "&");
    for (i, _) in text.match_indices(['@', '#']) {
        let next = text[i + 1..].chars().next().unwrap_or(' ');
        let mentions = text[i..].starts_with('@') && next.is_ascii_alphanumeric();
        let refers = text[i..].starts_with('#') && next.is_ascii_digit();
        assert!(
            !(mentions || refers),
            "{what}: `{}`:\n{html}",
            &text[i..i + 2]
        );
    }
    assert!(!text.contains("GH-2"), "{what}: a GH- reference:\n{html}");
}

pub fn assert_xml(what: &str, xml: &str) {
    if let Err(error) = roxmltree::Document::parse(xml) {
        panic!("{what}: not XML: {error}\n{xml}");
    }
}

/// Runs `args` in `env` and holds both streams (and a job summary) to the rules.
fn run_inert(args: &[&str], env: &Environment) -> calc::Outcome {
    let outcome = calc::run_in(std::iter::once("calc").chain(args.iter().copied()), env);
    let what = format!("calc {args:?}");
    assert_ne!(outcome.code, 101, "{what}");
    assert_inert(&format!("{what} stdout"), &outcome.stdout, false);
    assert_inert(
        &format!("{what} stderr"),
        &outcome.stderr,
        env.github_actions,
    );
    if let Some(appendix) = &outcome.appendix {
        assert_inert(&format!("{what} summary"), &appendix.text, false);
        assert_plain_markdown(&format!("{what} summary"), &appendix.text);
    }
    let format = args.windows(2).find(|w| w[0] == "--format").map(|w| w[1]);
    match format {
        Some("junit" | "svg") if outcome.code != 2 || args[0] == "check" => {
            assert_xml(&what, &outcome.stdout);
        }
        Some("markdown") => assert_plain_markdown(&what, &outcome.stdout),
        Some("json") if !outcome.stdout.is_empty() => {
            let _: serde_json::Value =
                serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("{what}: {e}"));
        }
        _ => {}
    }
    outcome
}

fn environments(folder: &TempFolder) -> [Environment; 2] {
    [
        Environment::plain(),
        Environment {
            github_actions: true,
            step_summary: Some(folder.path.join("summary.md")),
            color: false,
            ..Environment::plain()
        },
    ]
}

#[test]
fn a_hostile_scenario_acts_on_nothing_in_any_command_or_format() {
    let folder = TempFolder::new();
    let table = folder.write("t.toml", &hostile_table());
    let scenario = folder.write("s.toml", &hostile_scenario("t.toml"));
    let s = scenario.as_str();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "json", "markdown", "csv"] {
        runs.push(vec![s, "--format", format]);
    }
    let vary = "workload.records_per_second=1000..9000";
    for format in ["table", "json", "csv", "svg"] {
        runs.push(vec![
            "sweep", s, "--vary", vary, "--steps", "8", "--format", format,
        ]);
    }
    for format in ["table", "json"] {
        let until = "cost<=200";
        runs.push(vec![
            "solve",
            s,
            "--for",
            "workload.records_per_second",
            "--until",
            until,
        ]);
        runs.last_mut().expect("a run").extend(["--format", format]);
    }
    for format in ["table", "json", "markdown", "junit"] {
        runs.push(vec!["check", s, "--format", format]);
    }
    for format in ["table", "json", "markdown"] {
        let set = "workload.records_per_second=4000";
        runs.push(vec!["diff", s, "--new-set", set, "--format", format]);
    }
    runs.push(vec!["pricing", "show", &table]);
    runs.push(vec!["pricing", "check", &table]);
    runs.push(vec![
        "services",
        "kinesis_data_streams",
        "--pricing",
        &table,
    ]);
    for env in environments(&folder) {
        for args in &runs {
            let outcome = run_inert(args, &env);
            // Each of these reads the scenario and prints a result.
            assert!(
                !outcome.stdout.is_empty(),
                "calc {args:?}: {}",
                outcome.stderr
            );
        }
    }
}

#[test]
fn a_hostile_value_set_on_the_command_line_acts_on_nothing() {
    let folder = TempFolder::new();
    let scenario = folder.write("s.toml", &hostile_scenario("aws-us-east-1"));
    let value = format!("workload.record_size=\"{PAYLOAD}\"");
    let path = format!("workload.{PAYLOAD}=1");
    let vary = format!("workload.{PAYLOAD}=1..2");
    let raw_name = "x\n::add-mask::m\u{1b}]0;t\u{7}\u{202e}";
    let runs: [Vec<&str>; 6] = [
        vec![&scenario, "--set", &value],
        vec![&scenario, "--set", &path],
        vec!["sweep", &scenario, "--vary", &vary],
        vec!["solve", &scenario, "--for", &path, "--until", "feasible"],
        vec!["check", &scenario, "--set", &value],
        // An argument clap cannot use is quoted in its error.
        vec![&scenario, "--format", raw_name],
    ];
    for env in environments(&folder) {
        for args in &runs {
            let outcome = run_inert(args, &env);
            assert_eq!(outcome.code, 2, "calc {args:?}");
        }
    }
}

/// Every quoted value of every bundled scenario, one at a time, and every
/// key, replaced by the payload: whatever message it makes (an unknown
/// service, key, capacity mode, size, rate, choice, table, rounding or
/// instance type) acts on nothing, as the report does where it is valid.
#[test]
fn every_string_of_every_bundled_scenario_acts_on_nothing() {
    let folder = TempFolder::new();
    let [plain, actions] = environments(&folder);
    let mut cases = 0;
    for entry in std::fs::read_dir("scenarios").expect("scenarios") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("scenario");
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let quotes: Vec<usize> = line.match_indices('"').map(|(at, _)| at).collect();
            let mut mutated: Vec<String> = quotes
                .chunks_exact(2)
                .map(|pair| format!("{}{PAYLOAD}{}", &line[..=pair[0]], &line[pair[1]..]))
                .collect();
            if let Some((key, value)) = line.split_once(" = ") {
                let key = key.trim();
                mutated.push(format!("\"{key}{PAYLOAD}\" = {value}"));
            }
            for line in mutated {
                let mut lines: Vec<&str> = text.lines().collect();
                lines[i] = &line;
                let file = folder.write("case.toml", &lines.join("\n"));
                let name = Path::new(&path).display().to_string();
                let what = format!("{name}, line {}", i + 1);
                let outcome = run_inert(&[&file], &plain);
                assert_ne!(outcome.code, 101, "{what}");
                run_inert(&["check", &file, "--format", "junit"], &actions);
                cases += 1;
            }
        }
    }
    assert!(cases > 500, "only {cases} cases");
}

#[cfg(unix)]
#[test]
fn a_hostile_file_name_acts_on_nothing() {
    let folder = TempFolder::new();
    let name = "a\n::add-mask::m\r##[add-mask]y\u{1b}]0;title\u{7}\u{202e}\u{fffe}@org #1";
    let over = hostile_scenario("aws-us-east-1");
    folder.write(&format!("design/{name}.toml"), &over);
    folder.write(&format!("design/{name} broken.toml"), "name = \n");
    let design = folder.path.join("design");
    let design = design.to_str().expect("UTF-8");
    for env in environments(&folder) {
        for format in ["table", "json", "markdown", "junit"] {
            let outcome = run_inert(&["check", design, "--format", format], &env);
            assert_eq!(outcome.code, 2, "{format}: a file cannot be checked");
        }
    }
    assert_eq!(calc(&[&format!("{design}/{name}.toml")]).code, 0);
}
