//! Input written by someone else: a scenario or a pricing table that tries to
//! read files it should not, to hang or exhaust `calc`, or to inject into its
//! output. The trust boundary is described in `SECURITY.md`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{Run, toml_string, was_rejected};

/// A folder of its own for one test, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("calc-hostile-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    /// Writes `contents` at `relative`, creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(&path, contents).expect("write");
        self.path(relative)
    }

    pub fn path(&self, relative: &str) -> String {
        self.0
            .join(relative)
            .to_str()
            .expect("UTF-8 path")
            .to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const LIMIT: Duration = Duration::from_secs(20);

/// Runs the `calc` binary and kills it if it takes longer than [`LIMIT`]:
/// input must never make `calc` block or grind.
pub fn calc_quickly(args: &[&str], env: &[(&str, &str)]) -> Run {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let dir = TempDir::new(&format!("run-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    let (out, err) = (dir.path("stdout"), dir.path("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_calc"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(File::create(&out).expect("stdout file"))
        .stderr(File::create(&err).expect("stderr file"))
        .spawn()
        .expect("calc runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("calc {args:?} was still running after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        stdout: std::fs::read_to_string(out).expect("stdout is UTF-8"),
        stderr: std::fs::read_to_string(err).expect("stderr is UTF-8"),
        code: status.code().expect("calc exits, not killed"),
    }
}

/// Like `support::rejected`, within the time limit: exit 2, nothing on stdout.
pub fn refused(args: &[&str]) -> String {
    refused_with_env(args, &[])
}

fn refused_with_env(args: &[&str], env: &[(&str, &str)]) -> String {
    was_rejected(args, calc_quickly(args, env))
}

pub fn scenario_naming(pricing: &str) -> String {
    format!(
        "name = \"s\"\npricing = {pricing:?}\n[workload]\nrecords_per_second = 3000\n\
         record_size = \"1 KB\"\n[[alternatives]]\nname = \"Kinesis\"\n\
         components = [{{ service = \"kinesis_data_streams\" }}]\n"
    )
}

pub const BUNDLED_TABLE: &str = include_str!("../pricing/aws-us-east-1.toml");

// Finding 1: a scenario could read any file and print part of it.

#[cfg(target_os = "linux")]
#[test]
fn a_scenario_cannot_read_the_process_environment() {
    let dir = TempDir::new("environ");
    let scenario = dir.write("s.toml", scenario_naming("/proc/self/environ"));
    let secret = [("CALC_TEST_SECRET", "s3cr3t-value")];
    let stderr = refused_with_env(&[&scenario], &secret);
    assert!(
        stderr
            .contains("error: pricing table `/proc/self/environ` is outside the scenario's folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("pass `--pricing /proc/self/environ` or `--allow-outside-pricing`"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cr3t"), "{stderr}");
    // Allowed by the person running calc, the file is read, but it is no
    // text file and nothing of it is quoted.
    for args in [
        vec!["--allow-outside-pricing", &scenario],
        vec!["--pricing", "/proc/self/environ", &scenario],
        vec![
            "services",
            "kinesis_data_streams",
            "--pricing",
            "/proc/self/environ",
        ],
    ] {
        let stderr = refused_with_env(&args, &secret);
        assert!(
            stderr.contains("is not a UTF-8 text file: control character U+0000 at byte"),
            "{stderr}"
        );
        assert!(!stderr.contains("s3cr3t"), "{stderr}");
        assert!(!stderr.contains('|'), "a line was quoted: {stderr}");
    }
}

#[test]
fn a_scenario_cannot_leave_its_folder() {
    let dir = TempDir::new("leave");
    dir.write(
        "x.toml",
        "secret = \"hunter2\"\nthis line is not toml: hunter3\n",
    );
    let scenario = dir.write("a/b/s.toml", scenario_naming("../../x.toml"));
    let stderr = refused(&[&scenario]);
    assert!(
        stderr.contains("pricing table `../../x.toml` is outside the scenario's folder"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter"), "{stderr}");

    let scenario = dir.write(
        "a/s.toml",
        scenario_naming("../../../../../../../../etc/passwd"),
    );
    let stderr = refused(&[&scenario]);
    assert!(
        stderr.contains("is outside the scenario's folder"),
        "{stderr}"
    );
    assert!(!stderr.contains("root:"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_cannot_lead_out_of_the_folder() {
    let dir = TempDir::new("symlink");
    dir.write(
        "x.toml",
        "secret = \"hunter2\"\nthis line is not toml: hunter3\n",
    );
    let scenario = dir.write("a/s.toml", scenario_naming("link.toml"));
    std::os::unix::fs::symlink(dir.path("x.toml"), dir.path("a/link.toml")).expect("symlink");
    let stderr = refused(&[&scenario]);
    assert!(
        stderr.contains(
            "pricing table `link.toml` does not lead to a `.toml` file in the scenario's folder"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter"), "{stderr}");
}

#[test]
fn a_scenario_names_only_toml_files() {
    let dir = TempDir::new("dotenv");
    dir.write("config/.env", "API_KEY=hunter2\n");
    let scenario = dir.write("s.toml", scenario_naming("config/.env"));
    let stderr = refused(&[&scenario]);
    assert!(
        stderr.contains("pricing table `config/.env` is not a `.toml` file"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn tables_inside_the_folder_and_tables_the_user_names_are_read() {
    let dir = TempDir::new("inside");
    dir.write("tables/t.toml", BUNDLED_TABLE);
    let scenario = dir.write("s.toml", scenario_naming("tables/../tables/t.toml"));
    let run = calc_quickly(&[&scenario], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Outside the folder, with the user's consent, by flag or by path.
    let table = dir.write("elsewhere/t.toml", BUNDLED_TABLE);
    let scenario = dir.write("a/s.toml", scenario_naming("../elsewhere/t.toml"));
    refused(&[&scenario]);
    let run = calc_quickly(&["--allow-outside-pricing", &scenario], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = calc_quickly(&["--pricing", &table, &scenario], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

// Finding 2: a FIFO blocked forever.

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once() {
    let dir = TempDir::new("fifo");
    let fifo = dir.path("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let scenario = dir.write("s.toml", scenario_naming("fifo.toml"));
    let cases: [&[&str]; 5] = [
        &[&fifo],
        &[&scenario],
        &["--pricing", &fifo, "scenarios/kinesis-vs-dynamodb.toml"],
        &["services", "sqs", "--pricing", &fifo],
        // Offer files have no size limit, but are regular files all the same.
        &["pricing", "import", "--region", "us-east-1", &fifo],
    ];
    for args in cases {
        let stderr = refused(args);
        assert!(
            stderr.contains("fifo.toml`: a named pipe (FIFO), not a regular file"),
            "{stderr}"
        );
    }
}

// Finding 3: unbounded reads.

#[cfg(unix)]
#[test]
fn a_device_is_refused_at_once() {
    for args in [
        &["/dev/zero"][..],
        &[
            "--pricing",
            "/dev/zero",
            "scenarios/kinesis-vs-dynamodb.toml",
        ],
        &["pricing", "import", "--region", "us-east-1", "/dev/zero"],
    ] {
        let stderr = refused(args);
        assert!(
            stderr.contains("`/dev/zero`: a device, not a regular file"),
            "{stderr}"
        );
    }
}

#[test]
fn a_file_over_4_mib_is_refused_unread() {
    let dir = TempDir::new("large");
    let path = dir.path("large.toml");
    // Sparse: 40 MB of zeros that take no room on disk.
    File::create(&path)
        .and_then(|f| f.set_len(40 * 1024 * 1024))
        .expect("sparse file");
    let stderr = refused(&[&path]);
    assert!(
        stderr.ends_with(
            "large.toml`: it has 41,943,040 bytes, over the limit of 4,194,304 bytes (4 MiB) for an input file\n"
        ),
        "{stderr}"
    );
    let stderr = refused(&["--pricing", &path, "scenarios/kinesis-vs-dynamodb.toml"]);
    assert!(
        stderr.starts_with("error: cannot read pricing table `"),
        "{stderr}"
    );
}

#[test]
fn a_long_line_makes_a_short_message() {
    let dir = TempDir::new("long-line");
    let scenario = dir.write("s.toml", format!("name = \"{}\n", "x".repeat(3_000_000)));
    let stderr = refused(&[&scenario]);
    assert!(stderr.len() < 4_000, "a message of {} bytes", stderr.len());
    assert!(stderr.contains("s.toml:1:3000009"), "{stderr}");
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let dir = TempDir::new("nesting");
    let scenario = dir.write("s.toml", format!("name = {}", "[".repeat(4_000_000)));
    let stderr = refused(&[&scenario]);
    assert!(stderr.len() < 4_000, "a message of {} bytes", stderr.len());
}

// Finding 8: a file that is not UTF-8 had no place in its message.

#[test]
fn a_file_that_is_not_utf8_is_located_and_not_quoted() {
    let dir = TempDir::new("not-utf8");
    let scenario = dir.write("s.toml", b"name = \"s\"\n# key: \xff\xfe secret\n");
    let stderr = refused(&[&scenario]);
    assert_eq!(
        stderr,
        format!(
            "error: `{scenario}` is not a UTF-8 text file: invalid UTF-8 at byte 18\n --> {scenario}:2:8\n"
        )
    );
    let table = dir.write("t.toml", b"name = \"\xc3\x28\"\n");
    let stderr = refused(&["--pricing", &table, "scenarios/kinesis-vs-dynamodb.toml"]);
    assert_eq!(
        stderr,
        format!(
            "error: `{table}` is not a UTF-8 text file: invalid UTF-8 at byte 8\n --> {table}:1:9\n"
        )
    );
}

// Finding 5: text from a scenario or a table reached the output as it was.

/// Names that try to act on a terminal, a Markdown viewer or a spreadsheet.
const PAYLOADS: [&str; 7] = [
    "clear\u{1b}[2J\u{7}\r\u{202e}gnp.exe",
    "a\n# injected heading",
    "`code` <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) *b* _i_ \\|",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
];

/// A scenario whose every name is a payload, priced by a table in its folder
/// whose name, region, currency and date are payloads too.
fn injecting_scenario(dir: &TempDir) -> String {
    let table = BUNDLED_TABLE
        .replacen(
            "name = \"aws-us-east-1\"",
            &format!("name = {}", toml_string("<b>t</b>|\u{1b}]8;;http://x\u{7}")),
            1,
        )
        .replacen(
            "region = \"us-east-1\"",
            &format!("region = {}", toml_string("\u{202e}us-east-1")),
            1,
        )
        .replacen(
            "currency = \"USD\"",
            &format!("currency = {}", toml_string("US|D\u{1b}[31m")),
            1,
        )
        .replacen(
            "as_of = \"2026-11-24\"",
            &format!("as_of = {}", toml_string("`2026`\n# as of")),
            1,
        );
    dir.write("t.toml", table);
    let mut scenario = format!(
        "name = {}\npricing = \"t.toml\"\n[workload]\nrecords_per_second = 3000\nrecord_size = \"1 KB\"\n\
         [requirements]\nmax_monthly_cost = 100\n",
        toml_string(PAYLOADS[0])
    );
    for payload in PAYLOADS {
        scenario.push_str(&format!(
            "[[alternatives]]\nname = {}\ncomponents = [{{ service = \"kinesis_data_streams\" }}, {{ service = \"sqs\" }}]\n",
            toml_string(payload)
        ));
    }
    dir.write("s.toml", scenario)
}

fn report(format: &str, scenario: &str) -> String {
    let outcome = calc::run(["calc", "--format", format, scenario]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    outcome.stdout
}

/// Nothing a terminal acts on: no control character but the line break, no
/// character that reorders text.
fn assert_inert_for_a_terminal(text: &str) {
    for c in text.chars() {
        let acts = (c.is_control() && c != '\n') || ('\u{2028}'..='\u{202e}').contains(&c);
        assert!(!acts, "{:?} reached the output:\n{text}", c);
    }
}

#[test]
fn table_output_shows_control_characters_as_escapes() {
    let dir = TempDir::new("inject-table");
    let stdout = report("table", &injecting_scenario(&dir));
    assert_inert_for_a_terminal(&stdout);
    assert!(
        stdout.starts_with("clear\\u{1b}[2J\\u{7}\\u{d}\\u{202e}gnp.exe\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("== a\\u{a}# injected heading =="),
        "{stdout}"
    );
    assert!(
        stdout.contains("US|D\\u{1b}[31m 143.23 a month"),
        "{stdout}"
    );
}

/// Markdown text less every character a backslash escapes.
fn without_escaped_characters(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// The cells of a Markdown table row: its `|` that no backslash escapes.
fn markdown_cells(row: &str) -> usize {
    let mut pipes = 0;
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => pipes += 1,
            _ => {}
        }
    }
    pipes - 1
}

#[test]
fn markdown_output_keeps_names_as_text() {
    let dir = TempDir::new("inject-markdown");
    let stdout = report("markdown", &injecting_scenario(&dir));
    assert_inert_for_a_terminal(&stdout);
    for line in stdout.lines() {
        assert!(!line.starts_with("# injected"), "{line}");
        assert!(!line.starts_with("# as of"), "{line}");
        if line.starts_with('|') {
            let cells = markdown_cells(line);
            assert!(cells == 5 || cells == 6, "{cells} cells in {line}");
        }
    }
    let unescaped = without_escaped_characters(&stdout);
    for raw in [
        "<script",
        "<img",
        "](javascript",
        "`code`",
        "<b>",
        "*b*",
        "_i_",
    ] {
        assert!(
            !unescaped.contains(raw),
            "{raw} reached the Markdown:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("| \\`code\\` \\<script\\>alert(1)\\</script\\>"),
        "{stdout}"
    );
    assert!(
        stdout.contains("US\\|D\\u{1b}\\[31m 143.23 a month"),
        "{stdout}"
    );
}

/// The fields of one CSV record (RFC 4180, no line breaks inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("a field").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().expect("a field").push(c),
        }
    }
    fields
}

#[test]
fn csv_output_has_no_formulas() {
    let dir = TempDir::new("inject-csv");
    let stdout = report("csv", &injecting_scenario(&dir));
    assert_inert_for_a_terminal(&stdout);
    let mut names = std::collections::BTreeSet::new();
    for line in stdout.lines() {
        let fields = csv_fields(line);
        assert_eq!(fields.len(), 11, "{line}");
        for field in &fields[..6] {
            assert!(!field.starts_with(['=', '+', '-', '@']), "{line}");
        }
        names.insert(fields[0].clone());
    }
    for name in [
        "'=HYPERLINK(\"http://evil.example\",\"click\")",
        "'+cmd|' /C calc'!A0",
        "'@SUM(1+1)",
        "'-2+3",
        "a\\u{a}# injected heading",
    ] {
        assert!(names.contains(name), "{name} missing from {names:?}");
    }
}

#[test]
fn json_output_escapes_control_characters_and_keeps_text_exact() {
    let dir = TempDir::new("inject-json");
    let stdout = report("json", &injecting_scenario(&dir));
    assert_inert_for_a_terminal(&stdout.replace('\u{202e}', ""));
    assert!(stdout.contains("clear\\u001b[2J\\u0007\\r"), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["scenario"], PAYLOADS[0]);
    assert_eq!(json["pricing"]["currency"], "US|D\u{1b}[31m");
    let names: Vec<&str> = json["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .map(|a| a["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, PAYLOADS);
}

#[test]
fn error_messages_show_control_characters_as_escapes() {
    let dir = TempDir::new("inject-error");
    let scenario = dir.write(
        "s.toml",
        "name = \"s\"\n[[alternatives]]\nname = \"a\"\n\
         components = [{ service = \"\\u001b[2J\\u0007\\r\\u202Esqs\" }]\n",
    );
    let outcome = calc::run(["calc", &scenario]);
    assert_eq!(outcome.code, 2);
    assert_inert_for_a_terminal(&outcome.stderr);
    assert!(
        outcome
            .stderr
            .starts_with("error: unknown service `\\u{1b}[2J\\u{7}\\u{d}\\u{202e}sqs`\n"),
        "{}",
        outcome.stderr
    );
    let outcome = calc::run(["calc", "--format", "\u{1b}[2J", &scenario]);
    assert_eq!(outcome.code, 2);
    assert_inert_for_a_terminal(&outcome.stderr);
}

// Finding 6: the comparison looked at every alternative for each of its rows.

#[test]
fn the_comparison_of_many_alternatives_takes_linear_time() {
    use calc::model::report::AlternativeResult;
    use calc::render::{Format, render};
    use rust_decimal::Decimal;
    // Hand-built alternatives without components, so that the time goes to
    // the comparison alone.
    let mut report = report_with_alternatives(1);
    report.alternatives = (0..20_000)
        .map(|i| AlternativeResult {
            name: format!("alternative {i}").into(),
            components: Vec::new(),
            monthly_cost: Decimal::from(1 + i % 1000),
            latency: report.alternatives[0].latency,
            violations: Default::default(),
        })
        .collect();
    let start = Instant::now();
    for format in [Format::Table, Format::Json, Format::Markdown] {
        let output = render(&report, format);
        assert!(output.contains("alternative 19999"), "{format:?}");
    }
    // About a second in a debug build; comparing every row with every
    // alternative took minutes.
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

/// The seed scenario's report with its alternatives copied `n` times over,
/// each with a cost of its own.
pub fn report_with_alternatives(n: usize) -> calc::model::report::Report {
    let scenario = calc::scenario::parse(
        calc::base::diagnostic::Source::new(
            "seed.toml",
            include_str!("../scenarios/kinesis-vs-dynamodb.toml"),
        ),
        Path::new("scenarios"),
        &calc::scenario::Overrides::default(),
    )
    .expect("the seed scenario parses");
    let mut report = calc::evaluate::evaluate(&scenario).expect("evaluates");
    let seed = std::mem::take(&mut report.alternatives);
    report.alternatives = (0..n)
        .map(|i| {
            let mut alternative = seed[i % seed.len()].clone();
            alternative.name = format!("alternative {i}").into();
            alternative.monthly_cost += rust_decimal::Decimal::from(i % 1000);
            alternative
        })
        .collect();
    report
}
