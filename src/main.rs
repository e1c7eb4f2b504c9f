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
    let code = calc::write(
        &outcome,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
