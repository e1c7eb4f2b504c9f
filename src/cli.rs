//! The command line: the commands' own arguments, gathered.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::base::diagnostic::Diagnostic;
use crate::commands::options::ScenarioOptions;
use crate::commands::{check, diff, explain, init, pricing, report, solve, sweep};

/// Capacity, monthly cost, latency and requirement checks for AWS data
/// architectures, compared side by side.
#[derive(Debug, Parser)]
#[command(name = "calc", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The scenario to evaluate (a TOML file).
    #[arg(required = true)]
    pub scenario: Option<std::path::PathBuf>,

    /// How to print the report.
    #[arg(long, short, value_enum, default_value_t = report::Format::Table)]
    pub format: report::Format,

    /// With `--format markdown`, fold each component's working (as `calc explain` shows it) under it.
    #[arg(long)]
    pub explain: bool,

    /// Write the report to this file instead of standard output (a page
    /// for `--format html`, say); a file already there is replaced.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub options: ScenarioOptions,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the services with the properties architects compare, or show one
    /// service's keys, limits, prices and formulas.
    Services {
        /// The service to describe, e.g. `kinesis_data_streams`.
        name: Option<String>,

        /// Pricing table whose prices and limits to show: a bundled name or a path.
        #[arg(long, value_name = "TABLE")]
        pricing: Option<String>,
    },
    /// Print the JSON Schema of the scenario format, for editors to complete
    /// and check scenario files.
    Schema,
    /// The pricing tables: list the bundled ones, show one's prices and
    /// sources, check a table of your own.
    #[command(subcommand)]
    Pricing(pricing::Command),
    /// Evaluate the scenario across a range of one value: every
    /// alternative's cost, capacity and verdict, the cheapest at each point,
    /// and the exact values where that changes.
    Sweep(sweep::Args),
    /// For each alternative, the range of one value in which a condition
    /// holds: the most records a second within a budget, the largest record
    /// size that stays feasible, the break-even with another alternative.
    Solve(solve::Args),
    /// Show how each figure of the report was worked out: each capacity
    /// figure and line item as a formula with the scenario's own numbers,
    /// each rounding, and where each number comes from.
    Explain(explain::Args),
    /// Check scenarios against their budgets, requirements and AWS's limits,
    /// for CI: exit 0 when every one passes, 1 when one fails, 2 when one
    /// cannot be read.
    Check(check::Args),
    /// Compare two versions of a design: what changed, per alternative,
    /// component and line item, and how much of it is price and how much usage.
    Diff(diff::Args),
    /// Write a commented starter scenario that runs as written.
    Init(init::Args),
    /// Print a completion script for a shell.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print calc's manual page (roff), e.g. `calc man > calc.1`, or one
    /// command's, e.g. `calc man sweep > calc-sweep.1`; `--all DIR` writes
    /// every page.
    Man {
        /// The command whose page to print, e.g. `sweep` or `pricing show`; none for calc's own.
        command: Vec<String>,

        /// Write every page, calc's and each command's (`calc-sweep.1`, `calc-pricing-show.1`…), into this folder, made if missing.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        all: Option<std::path::PathBuf>,
    },
}

/// The shells `calc completions` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> String {
    use clap_complete::Shell as S;
    let generator = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(generator, &mut Cli::command(), "calc", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// calc's command tree as the manual pages see it: every command, built,
/// without clap's `help` command, which has no page.
fn man_tree() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// The manual page of `command`, in roff.
fn render_page(command: clap::Command) -> Result<String, Diagnostic> {
    let mut out = Vec::new();
    // A command's page is of calc's version, not the command's own (none).
    clap_mangen::Man::new(command)
        .source(format!("calc {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out)
        .map_err(|e| Diagnostic::plain(format!("cannot write the manual: {e}")))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The manual page of the command `path` names (`["pricing", "show"]`),
/// in roff; calc's own for an empty path. Each page the main one lists
/// under SEE ALSO (`calc-sweep(1)`) is one of these.
pub fn man_page(path: &[String]) -> Result<String, Diagnostic> {
    let mut command = man_tree();
    for (depth, name) in path.iter().enumerate() {
        let Some(sub) = command.find_subcommand(name).cloned() else {
            return Err(unknown_command(&command, &path[..depth], name));
        };
        command = sub;
    }
    render_page(command)
}

/// Every manual page, calc's first: its file name (`calc-sweep.1`) and
/// its roff, for `calc man --all`.
pub fn man_pages() -> Result<Vec<(String, String)>, Diagnostic> {
    fn walk(command: &clap::Command, pages: &mut Vec<(String, String)>) -> Result<(), Diagnostic> {
        let name = clap_mangen::Man::new(command.clone()).get_filename();
        pages.push((name, render_page(command.clone())?));
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages)?;
        }
        Ok(())
    }
    let mut pages = Vec::new();
    walk(&man_tree(), &mut pages)?;
    Ok(pages)
}

/// No command `name` under `parent` (reached by `path`): the likely one,
/// else the list.
fn unknown_command(parent: &clap::Command, path: &[String], name: &str) -> Diagnostic {
    let names: Vec<&str> = parent
        .get_subcommands()
        .map(clap::Command::get_name)
        .collect();
    let under = path.iter().map(|p| format!(" {p}")).collect::<String>();
    let mut message = format!("calc{under} has no command `{name}`");
    if names.is_empty() {
        message = format!("calc{under} has no commands, so no page for `{name}`");
    }
    let help = match crate::base::suggest::did_you_mean(name, names.iter().copied()) {
        Some(likely) => format!("did you mean `calc man{under} {likely}`?"),
        None if names.is_empty() => format!("its page is `calc man{under}`"),
        None => format!("the commands are {}", names.join(", ")),
    };
    Diagnostic::plain(message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
