use std::process::ExitCode;

fn main() -> ExitCode {
    let outcome = calc::run(std::env::args_os());
    let code = calc::write(
        &outcome,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
