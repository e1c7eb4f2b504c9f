use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let outcome = calc::run(std::env::args_os());
    // A closed pipe (`calc … | head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
