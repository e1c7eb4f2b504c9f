use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `run` turns arithmetic overflow into an error message; keep the panic
    // hook quiet for those, and as it is for anything else.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !calc::is_arithmetic_overflow(info.payload()) {
            default_hook(info);
        }
    }));
    let outcome = calc::run(std::env::args_os());
    // A closed pipe (`calc … | head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
