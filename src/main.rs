use std::process::ExitCode;

fn main() -> ExitCode {
    let outcome = calc::run_in(
        std::env::args_os(),
        &calc::base::environment::Environment::of_process(),
    );
    let code = calc::write(
        &outcome,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
