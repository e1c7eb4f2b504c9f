//! `calc`: capacity, cost, latency and requirement checks for AWS data
//! architectures. The binary is a thin wrapper around [`run`].

#![warn(clippy::print_stdout, clippy::print_stderr)]

//! The floors of the house, from the ground up: each module imports only
//! from its own floor or below.
//!
//! 1. [`base`]: primitives (units, exact numbers, dates, diagnostics,
//!    escaping, files);
//! 2. [`model`]: the vocabulary, as plain data (keys, dimensions, flows,
//!    requirements, results);
//! 3. [`pricing`]: price books, read against a vocabulary;
//! 4. [`services`]: one module a service, on a small kit;
//! 5. [`scenario`]: a file read into the parameter vector and the flow;
//! 6. [`evaluate`] and [`whatif`]: capacity, bill, checks, ranking, and
//!    the same across a range;
//! 7. [`commands`]: one a command, each returning a typed result;
//! 8. [`render`]: every word and format a user reads;
//! 9. [`cli`], this file and `main.rs`.

pub mod base;
pub mod cli;
pub mod commands;
pub mod evaluate;
pub mod model;
pub mod pricing;
pub mod render;
pub mod scenario;
pub mod services;
pub mod whatif;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use crate::base::diagnostic::{Diagnostic, io_reason};
use crate::base::environment::Environment;
use crate::base::escape::terminal_lines;
use crate::base::files;
use crate::cli::{Cli, Command};
use crate::commands::pricing::Pricing;
use crate::commands::{check, diff, init, report, schema, solve, sweep};

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
    /// The file to write `stdout` to instead of standard output (`-o`).
    pub output: Option<std::path::PathBuf>,
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
    dispatch(cli, env).unwrap_or_else(|diagnostic| Outcome {
        // A message quotes the scenario: it escapes what it quotes.
        stderr: terminal_lines(&diagnostic.to_string()),
        code: exit::INVALID_INPUT,
        ..Outcome::default()
    })
}

/// Runs the command asked for and renders its result, or says why it
/// cannot. Arithmetic is checked where it is done: a figure too large for
/// exact decimals comes back as an error at its component, never a panic.
fn dispatch(cli: Cli, env: &Environment) -> Result<Outcome, Diagnostic> {
    let printed = |stdout: String| Outcome {
        stdout,
        ..Outcome::default()
    };
    Ok(match cli.command {
        None => {
            let path = cli
                .scenario
                .as_deref()
                .ok_or_else(|| Diagnostic::plain("no scenario given"))?;
            if cli.explain && cli.format != report::Format::Markdown {
                return Err(Diagnostic::plain(
                    "`--explain` folds the working into the Markdown report",
                )
                .with_help(
                    "add `--format markdown`, or run `calc explain` for the working alone; \
                     `--format html` always has it",
                ));
            }
            // The page shows each figure's working, one fold away.
            let explain = cli.explain || cli.format == report::Format::Html;
            let report = report::run(path, &cli.options, explain, env.progress)?;
            let mut stdout = render::render(&report, cli.format);
            if cli.format == report::Format::Table {
                stdout.push_str(&render::explain::pointer(path, &cli.options));
            }
            Outcome {
                output: cli.output,
                ..printed(stdout)
            }
        }
        Some(Command::Services { name, pricing }) => {
            let services = commands::services::run(name.as_deref(), pricing.as_deref())?;
            printed(render::services::render(&services))
        }
        Some(Command::Schema) => printed(render::schema(&schema::schema())),
        Some(Command::Pricing(command)) => match commands::pricing::run(&command)? {
            Pricing::Imported { imported, name } => Outcome {
                stdout: render::import::table(&imported, name.as_deref()),
                stderr: render::import::missing(&imported),
                ..Outcome::default()
            },
            result => printed(render::pricing::render(&result)),
        },
        Some(Command::Sweep(args)) => {
            let swept = sweep::run(&args, env.progress)?;
            printed(render::sweep::render(&swept, args.format))
        }
        Some(Command::Solve(args)) => {
            let solved = solve::run(&args)?;
            printed(render::solve::render(&solved, args.format))
        }
        Some(Command::Explain(args)) => {
            let explained = commands::explain::run(&args)?;
            printed(render::explain::render(&explained, args.format))
        }
        Some(Command::Check(args)) => check_outcome(&args, check::run(&args)?, env),
        Some(Command::Diff(args)) => {
            let diff = diff::run(&args)?;
            printed(render::diff::render(&diff, args.format))
        }
        Some(Command::Init(args)) => printed(render::init(&init::run(&args)?)),
        Some(Command::Completions { shell }) => printed(cli::completions(shell)),
        Some(Command::Man { command, all: None }) => printed(cli::man_page(&command)?),
        Some(Command::Man {
            all: Some(folder), ..
        }) => printed(write_man_pages(&folder)?),
    })
}

/// Writes every manual page into `folder` (made if missing), replacing
/// pages already there, and says which it wrote.
fn write_man_pages(folder: &std::path::Path) -> Result<String, Diagnostic> {
    let cannot = |what: &std::path::Path, error: &std::io::Error| {
        Diagnostic::plain(format!(
            "cannot write the manual pages to `{}`: {}",
            what.display(),
            crate::base::diagnostic::io_reason(error)
        ))
        .with_help("name a folder you can write to, e.g. `calc man --all man/`")
    };
    std::fs::create_dir_all(folder).map_err(|e| cannot(folder, &e))?;
    let pages = cli::man_pages()?;
    for (name, roff) in &pages {
        let path = folder.join(name);
        write_to(&path, roff).map_err(|e| cannot(&path, &e))?;
    }
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    Ok(format!(
        "wrote {} manual pages to {}: {}\n",
        names.len(),
        folder.display(),
        names.join(", ")
    ))
}

/// What `calc check` prints, and its exit code: the results in the format
/// asked for; a file that could not be checked in full on stderr too; under
/// GitHub Actions, an annotation a reason and the Markdown for the job
/// summary.
fn check_outcome(args: &check::Args, results: check::Results, env: &Environment) -> Outcome {
    let stdout = render::check::render(&results, args.format, env.color);
    let mut stderr: String = results
        .broken
        .iter()
        .map(|b| terminal_lines(&b.error.to_string()))
        .collect();
    if env.github_actions {
        stderr.push_str(&render::check::annotations(&results));
    }
    let appendix = env.step_summary.as_ref().map(|path| Appendix {
        path: path.clone(),
        text: render::check::markdown(&results),
    });
    let code = if !results.broken.is_empty() {
        exit::INVALID_INPUT
    } else if results.passed() || args.warn_only {
        exit::SUCCESS
    } else {
        exit::CHECK_FAILED
    };
    Outcome {
        stdout,
        stderr,
        code,
        appendix,
        output: None,
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
    let report = match &outcome.output {
        Some(path) => {
            if let Err(error) = write_to(path, &outcome.stdout) {
                let message = Diagnostic::plain(format!(
                    "cannot write the report to `{}`: {}",
                    path.display(),
                    io_reason(&error)
                ));
                let _ = stderr.write_all(terminal_lines(&message.to_string()).as_bytes());
                return exit::INVALID_INPUT;
            }
            ""
        }
        None => outcome.stdout.as_str(),
    };
    let written = stdout
        .write_all(report.as_bytes())
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

/// Writes `text` to the regular file at `path`, replacing what it held; a
/// FIFO, a device or a folder there is refused rather than written to.
fn write_to(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut file = files::open_to_write(path, files::Existing::Replace)?;
    file.write_all(text.as_bytes())?;
    file.flush()
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
