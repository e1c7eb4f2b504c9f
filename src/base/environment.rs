//! What `calc` learns from where it runs rather than from its arguments.
//! Only the binary reads the process's environment ([`Environment::of_process`]);
//! the library is given an [`Environment`], so that a test sets one
//! without touching the process's variables.

use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// Running as a GitHub Actions step (`GITHUB_ACTIONS=true`): `calc check`
    /// reports each failure as a workflow annotation on the scenario's line.
    pub github_actions: bool,
    /// `$GITHUB_STEP_SUMMARY`: the file a step appends its job summary to.
    pub step_summary: Option<PathBuf>,
    /// Colour is wanted: stdout is a terminal and `NO_COLOR` is unset or empty.
    pub color: bool,
    /// Where a long run shows how far it has got: standard error, when it
    /// is a terminal.
    pub progress: Option<crate::base::progress::Sink>,
}

impl Environment {
    /// Plain output, no CI: what the tests and the library's callers get by default.
    pub fn plain() -> Self {
        Self::default()
    }

    /// The environment of this process.
    pub fn of_process() -> Self {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        Self {
            github_actions: var("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
            step_summary: var("GITHUB_STEP_SUMMARY").map(PathBuf::from),
            // https://no-color.org: any non-empty value turns colour off.
            color: var("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
            progress: std::io::stderr().is_terminal().then_some(to_stderr as _),
        }
    }
}

/// Writes progress to standard error; a failed write loses a progress line
/// and nothing else.
fn to_stderr(text: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}
