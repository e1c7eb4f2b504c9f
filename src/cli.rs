//! The command line: the commands' own arguments, gathered.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

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
    /// Print calc's manual page (roff), e.g. `calc man > calc.1`.
    Man,
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

/// The manual page, in roff.
pub fn man_page() -> Result<String, crate::base::diagnostic::Diagnostic> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| {
            crate::base::diagnostic::Diagnostic::plain(format!("cannot write the manual: {e}"))
        })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
