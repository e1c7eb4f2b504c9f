use std::path::Path;
use std::process::Command;

/// What one run of `calc` printed and how it exited.
#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `calc` in this process, through `calc::run` as the binary does, from
/// the project's root: what it prints is what the binary prints (the
/// binary adds only the writing to stdout and stderr; `binary_and_library_agree`
/// in `cli.rs` holds them to that).
pub fn calc(args: &[&str]) -> Run {
    // Paths in the tests and in the messages they pin are relative to the
    // project's root, where cargo runs the tests.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        std::env::current_dir().expect("a working directory"),
        root,
        "the tests run from the project's root"
    );
    let outcome = calc::run(std::iter::once("calc").chain(args.iter().copied()));
    Run {
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        code: i32::from(outcome.code),
    }
}

/// Runs the real `calc` binary from the project's root, as a user or CI would.
pub fn calc_binary(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_calc"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("NO_COLOR", "1")
        .output()
        .expect("calc runs");
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("calc exits, not killed"),
    }
}

/// A path inside the project as `calc` is given it in the tests (and in
/// messages): relative to the project's root.
pub fn relative(path: &Path) -> &str {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .expect("inside the project")
        .to_str()
        .expect("UTF-8 path")
}

/// Runs `calc` on input it must reject: exit code 2, nothing on stdout.
/// Returns what it said on stderr.
pub fn rejected(args: &[&str]) -> String {
    was_rejected(args, calc(args))
}

/// The rejected-input contract for a run of `calc` with `args`: exit code 2,
/// nothing on stdout. Returns what it said on stderr.
pub fn was_rejected(args: &[&str], run: Run) -> String {
    assert_eq!(
        run.code, 2,
        "calc {args:?} was not rejected:\n{}",
        run.stdout
    );
    assert_eq!(run.stdout, "", "calc {args:?} printed a partial report");
    run.stderr
}

/// Runs `calc` on input it must accept: exit code 0, nothing on stderr.
/// Returns what it printed.
pub fn accepted(args: &[&str]) -> String {
    let run = calc(args);
    assert_eq!(run.code, 0, "calc {args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "", "calc {args:?}");
    run.stdout
}

/// Runs `calc` with `args` as they are (a `--format json` among them) and
/// parses what it printed.
pub fn accepted_json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&accepted(args)).expect("valid JSON")
}

/// Runs `calc --format json` and parses what it printed.
pub fn calc_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = calc(&all);
    assert_eq!(run.code, 0, "calc failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

/// A scenario written to a temporary file, removed when dropped.
pub struct TempScenario {
    pub path: std::path::PathBuf,
}

impl TempScenario {
    pub fn new(name: &str, text: &str) -> Self {
        // Tests run in parallel in one process: each file gets its own
        // folder, so that two tests writing the same name never share it.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("calc-tests-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).expect("write scenario");
        Self { path }
    }

    pub fn path(&self) -> &str {
        self.path.to_str().expect("UTF-8 path")
    }
}

impl Drop for TempScenario {
    fn drop(&mut self) {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A temporary folder of files, removed when dropped.
pub struct TempFolder {
    pub path: std::path::PathBuf,
}

impl TempFolder {
    pub fn new() -> Self {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("calc-tests-folder-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&path).expect("temp dir");
        Self { path }
    }

    /// Writes `text` to `name` (which may hold folders) and returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.path.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(&path, text).expect("write file");
        path.to_str().expect("UTF-8 path").to_string()
    }

    pub fn path(&self) -> &str {
        self.path.to_str().expect("UTF-8 path")
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Holds a file calc generates (`relative` to the project's root) to what
/// calc generates now: a test fails when it is stale, and
/// `CALC_REGENERATE=1 cargo test` writes it instead, as it writes every
/// generated file.
pub fn generated(relative: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == expected {
        return;
    }
    assert!(
        std::env::var_os("CALC_REGENERATE").is_some(),
        "{relative} is out of date: run `CALC_REGENERATE=1 cargo test`"
    );
    std::fs::write(&path, expected).expect("write the generated file");
}

/// Replaces what lies between `begin` and `end` in `text`.
pub fn between(text: &str, begin: &str, end: &str, with: &str) -> String {
    let start = text.find(begin).expect("the begin marker") + begin.len();
    let stop = start + text[start..].find(end).expect("the end marker");
    format!("{}{with}{}", &text[..start], &text[stop..])
}

/// A TOML basic string: control characters as `\uXXXX`, all else as is.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Money as the page shows it, worked from the JSON's exact figure: to
/// the cent, halves away from zero, grouped by thousands.
pub fn dollars(exact: &serde_json::Value) -> String {
    let text = match exact {
        serde_json::Value::Number(n) => n.to_string(),
        other => other.as_str().expect("a number").to_string(),
    };
    let cents = <rust_decimal::Decimal as std::str::FromStr>::from_str(&text)
        .expect("a decimal")
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let plain = format!("{cents:.2}");
    let (whole, fraction) = plain.split_once('.').expect("two decimals");
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("${grouped}.{fraction}")
}
