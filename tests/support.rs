use std::path::Path;
use std::process::Command;

/// What one run of `calc` printed and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs the `calc` binary from the project's root.
pub fn calc(args: &[&str]) -> Run {
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
    let run = calc(args);
    assert_eq!(
        run.code, 2,
        "calc {args:?} was not rejected:\n{}",
        run.stdout
    );
    assert_eq!(run.stdout, "", "calc {args:?} printed a partial report");
    run.stderr
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
        let dir = std::env::temp_dir().join(format!("calc-tests-{}", std::process::id()));
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
        let _ = std::fs::remove_file(&self.path);
    }
}
