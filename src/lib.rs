//! `calc`: capacity, cost, latency and requirement checks for AWS data
//! architectures. The binary is a thin wrapper around [`run`].

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod base;
pub mod check;
pub mod cli;
pub mod diff;
pub mod evaluate;
pub mod init;
pub mod model;
pub mod pricing;
pub mod render;
pub mod scenario;
pub mod schema;
pub mod services;
pub mod whatif;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use crate::base::diagnostic::{Diagnostic, io_reason};
use crate::base::environment::Environment;
use crate::base::{dates, files};
use crate::cli::{Cli, Command};
use crate::scenario::Overrides;

/// The exit codes `calc` uses.
pub mod exit {
    /// The report was printed.
    pub const SUCCESS: u8 = 0;
    /// Reserved: a budget or requirement check failed (`calc check`).
    pub const CHECK_FAILED: u8 = 1;
    /// The input (scenario, pricing table or command line) is invalid, or
    /// the report could not be written; nothing was printed on stdout,
    /// except by `calc check`, which reports a file it cannot check in
    /// every format.
    pub const INVALID_INPUT: u8 = 2;
}

/// What a run prints and how it ends; the binary writes it out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
    /// Text to append to a file once the report is written: the job
    /// summary of a CI step (`calc check` under GitHub Actions).
    pub appendix: Option<Appendix>,
}

/// Text `calc` adds to the end of a file, never replacing what is there.
#[derive(Debug, PartialEq, Eq)]
pub struct Appendix {
    pub path: std::path::PathBuf,
    pub text: String,
}

/// Runs `calc` with these arguments (the first is the program name), as if
/// in a plain environment: no CI, no colour.
pub fn run<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_in(args, &Environment::plain())
}

/// Runs `calc` with these arguments in `env` (the binary passes the
/// process's own).
pub fn run_in<I, T>(args: I, env: &Environment) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => {
            let text = crate::base::escape::terminal_lines(&clap_message(&error, &args));
            let code = u8::try_from(error.exit_code()).unwrap_or(exit::INVALID_INPUT);
            return if error.use_stderr() {
                Outcome {
                    stderr: text,
                    code,
                    ..Outcome::default()
                }
            } else {
                Outcome {
                    stdout: text,
                    code,
                    ..Outcome::default()
                }
            };
        }
    };
    // Arithmetic is checked where it is done: a figure too large for exact
    // decimals comes back as an error at its component, never as a panic.
    if let Some(Command::Check(args)) = &cli.command {
        return check::run(args, env);
    }
    if let Some(Command::Pricing(cli::PricingCommand::Import {
        files,
        region,
        name,
        usage_type_prefix,
    })) = &cli.command
    {
        let request = pricing::import::Request {
            files,
            region,
            usage_type_prefix: usage_type_prefix.as_deref(),
        };
        return pricing::import::run(&request, name.as_deref());
    }
    let result = report(&cli);
    match result {
        Ok(stdout) => Outcome {
            stdout,
            ..Outcome::default()
        },
        Err(diagnostic) => Outcome {
            // A message quotes the scenario: show its control characters, never send them.
            stderr: crate::base::escape::terminal_lines(&diagnostic.to_string()),
            code: exit::INVALID_INPUT,
            ..Outcome::default()
        },
    }
}

/// The words of a command-line error. clap quotes the arguments it could
/// not use, line breaks and all; an argument may be a file's name from a
/// pull request, so the error is told again from the arguments with their
/// control characters made visible, and no line of it can be a runner's
/// command.
fn clap_message(error: &clap::Error, args: &[OsString]) -> String {
    let visible: Vec<String> = args
        .iter()
        .map(|arg| crate::base::escape::terminal(&arg.to_string_lossy()))
        .collect();
    match Cli::try_parse_from(&visible) {
        Err(again) if again.kind() == error.kind() => again.render().to_string(),
        // The arguments read otherwise once escaped: say what is wrong
        // without quoting them.
        _ => format!("error: {}\n", error.kind()),
    }
}

/// Writes what a run printed and returns the exit code. A report that
/// cannot be written in full (a full disk) is a failure, exit 2 with a
/// message; a reader that went away (`calc … | head`) is not: the rest of
/// the output is not wanted, so calc ends quietly with the run's own code.
/// A file the report is also appended to (a CI job summary) is opened
/// first, so that when it cannot be, nothing is on stdout.
pub fn write(outcome: &Outcome, stdout: &mut impl Write, stderr: &mut impl Write) -> u8 {
    let appendix = match outcome.appendix.as_ref().map(open_appendix).transpose() {
        Ok(appendix) => appendix,
        Err(message) => {
            let _ = stderr
                .write_all(crate::base::escape::terminal_lines(&message.to_string()).as_bytes());
            return exit::INVALID_INPUT;
        }
    };
    let written = stdout
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => outcome.code,
        Err(error) => {
            let reason = match error.kind() {
                std::io::ErrorKind::StorageFull => "no space left on device".to_string(),
                _ => io_reason(&error),
            };
            let message = Diagnostic::plain(format!("cannot write the report: {reason}"));
            let _ = stderr.write_all(outcome.stderr.as_bytes());
            let _ = stderr.write_all(message.to_string().as_bytes());
            exit::INVALID_INPUT
        }
        Ok(()) => {
            let _ = stderr.write_all(outcome.stderr.as_bytes());
            if let Some((mut file, appendix)) = appendix
                && let Err(error) = file.write_all(appendix.text.as_bytes())
            {
                let message = cannot_append(appendix, &error);
                let _ = stderr.write_all(
                    crate::base::escape::terminal_lines(&message.to_string()).as_bytes(),
                );
                return exit::INVALID_INPUT;
            }
            let _ = stderr.flush();
            outcome.code
        }
    }
}

/// Opens the file `appendix` is added to, at its end; a FIFO or a device
/// in its place is refused rather than waited on.
fn open_appendix(appendix: &Appendix) -> Result<(std::fs::File, &Appendix), Diagnostic> {
    let file = files::open_to_write(&appendix.path, files::Existing::Append)
        .map_err(|e| cannot_append(appendix, &e))?;
    Ok((file, appendix))
}

fn cannot_append(appendix: &Appendix, error: &std::io::Error) -> Diagnostic {
    Diagnostic::plain(format!(
        "cannot append to `{}`: {}",
        appendix.path.display(),
        io_reason(error)
    ))
}

fn report(cli: &Cli) -> Result<String, Diagnostic> {
    match &cli.command {
        Some(Command::Services { name, pricing }) => {
            return describe_services(name.as_deref(), pricing.as_deref());
        }
        Some(Command::Schema) => return Ok(schema::render()),
        Some(Command::Pricing(command)) => return pricing_command(command),
        Some(Command::Sweep {
            scenario,
            vary,
            steps,
            step,
            log,
            format,
            options,
        }) => {
            let (scenario, values, overrides) = load(scenario, options)?;
            let plan =
                whatif::sweep::plan(&scenario, &values, vary, *steps, step.as_deref(), *log)?;
            let sweep = whatif::sweep::run(&scenario, &values, plan)?;
            return Ok(render::sweep::render(
                &sweep, &scenario, &overrides, *format,
            ));
        }
        Some(Command::Solve {
            scenario,
            path,
            until,
            within,
            format,
            options,
        }) => {
            let (scenario, values, overrides) = load(scenario, options)?;
            let question =
                whatif::solve::question(&scenario, &values, path, until, within.as_deref())?;
            let answer = whatif::solve::run(&scenario, &values, question)?;
            return Ok(render::solve::render(
                &answer, &scenario, &overrides, *format,
            ));
        }
        Some(Command::Diff(args)) => return diff::run(args),
        Some(Command::Init(args)) => return init::run(args),
        Some(Command::Completions { shell }) => return Ok(cli::completions(*shell)),
        Some(Command::Man) => return cli::man_page(),
        // `run_in` runs `calc check` itself: it has its own exit codes.
        Some(Command::Check(_)) | None => {}
    }
    let path = cli
        .scenario
        .as_deref()
        .ok_or_else(|| Diagnostic::plain("no scenario given"))?;
    let (scenario, values, overrides) = load(path, &cli.options)?;
    let mut report = evaluate::evaluate_with(&scenario, &values)?;
    report.overrides = overrides;
    Ok(render::render(&report, cli.format))
}

/// Reads the scenario at `path` with `options`: its values, with each
/// `--set` applied, and what those changed.
fn load(
    path: &std::path::Path,
    options: &cli::ScenarioOptions,
) -> Result<
    (
        scenario::Scenario,
        Vec<model::keys::Value>,
        Vec<model::report::Override>,
    ),
    Diagnostic,
> {
    let evaluation = &options.evaluation;
    let overrides = Overrides {
        hours_per_month: evaluation.hours_per_month,
        pricing: evaluation.pricing.clone(),
        allow_outside_pricing: evaluation.allow_outside_pricing,
    };
    let scenario = scenario::load(path, &overrides)?;
    let (values, set) = scenario::set::apply(&scenario, &options.set)?;
    Ok((scenario, values, set))
}

fn pricing_command(command: &cli::PricingCommand) -> Result<String, Diagnostic> {
    match command {
        cli::PricingCommand::List => Ok(render::pricing::list()),
        cli::PricingCommand::Show { table, service } => {
            let book = pricing::load(table, pricing::NamedBy::CommandLine, services::vocabulary())?;
            let def = service.as_deref().map(known_service).transpose()?;
            Ok(render::pricing::show(&book, def))
        }
        cli::PricingCommand::Check { file } => {
            let source = files::read(file, "pricing table ")?;
            let book = pricing::parse(&source, services::vocabulary())?;
            let warnings = pricing::audit(&source, &dates::today())?;
            Ok(render::pricing::checked(&book, &warnings))
        }
        // `run_in` runs `calc pricing import` itself: it writes on both streams.
        cli::PricingCommand::Import { .. } => Err(Diagnostic::plain(
            "`calc pricing import` is run by `run_in`",
        )),
    }
}

/// The service named `name`, or an error that suggests the nearest.
fn known_service(name: &str) -> Result<&'static services::ServiceDef, Diagnostic> {
    services::find(name).ok_or_else(|| {
        Diagnostic::plain(format!("unknown service `{name}`"))
            .suggesting(name, services::names())
            .or_help(format!(
                "`calc services` lists them: {}",
                services::names().collect::<Vec<_>>().join(", ")
            ))
    })
}

fn describe_services(name: Option<&str>, pricing: Option<&str>) -> Result<String, Diagnostic> {
    let Some(name) = name else {
        return Ok(render::services::list());
    };
    let def = known_service(name)?;
    let book = pricing::load(
        pricing.unwrap_or(pricing::DEFAULT_TABLE),
        pricing::NamedBy::CommandLine,
        services::vocabulary(),
    )?;
    Ok(render::services::detail(def, &book))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails as `kind`.
    struct Failing(std::io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(self.0.into())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Err(self.0.into())
        }
    }

    fn report() -> Outcome {
        Outcome {
            stdout: "report\n".to_string(),
            ..Outcome::default()
        }
    }

    #[test]
    fn a_report_that_cannot_be_written_is_an_error() {
        let mut stderr = Vec::new();
        let code = write(
            &report(),
            &mut Failing(std::io::ErrorKind::StorageFull),
            &mut stderr,
        );
        assert_eq!(code, exit::INVALID_INPUT);
        assert!(
            String::from_utf8_lossy(&stderr).starts_with("error: cannot write the report: "),
            "{}",
            String::from_utf8_lossy(&stderr)
        );
    }

    #[test]
    fn a_closed_pipe_ends_quietly() {
        let mut stderr = Vec::new();
        let code = write(
            &report(),
            &mut Failing(std::io::ErrorKind::BrokenPipe),
            &mut stderr,
        );
        assert_eq!(code, exit::SUCCESS);
        assert!(stderr.is_empty());
    }
}
