//! The command line.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::render::Format;

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
    pub scenario: Option<PathBuf>,

    /// How to print the report.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub options: ScenarioOptions,
}

/// How a scenario is read and evaluated, with values set over its own: the
/// report's, the sweep's and the solve's options.
#[derive(Debug, Default, Args)]
pub struct ScenarioOptions {
    #[command(flatten)]
    pub evaluation: Evaluation,

    /// Set a value over the scenario's, by its path, in the scenario's own syntax: `workload.records_per_second=6000`, `workload.record_size="35 KB"`. Repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
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
    Pricing(PricingCommand),
    /// Evaluate the scenario across a range of one value: every
    /// alternative's cost, capacity and verdict, the cheapest at each point,
    /// and the exact values where that changes.
    Sweep {
        /// The scenario to evaluate (a TOML file).
        scenario: PathBuf,

        /// The value to vary and its range, in the scenario's own syntax: `workload.records_per_second=1000..10000`, `workload.record_size="1 KB".."1 MB"`.
        #[arg(long, value_name = "PATH=FROM..TO")]
        vary: String,

        /// Cut the range into this many equal steps [default: 100].
        #[arg(long, value_name = "N", conflicts_with = "step")]
        steps: Option<u32>,

        /// Cut the range into steps of this size, in the value's own syntax (`500`, `"64 KB"`).
        #[arg(long, value_name = "S")]
        step: Option<String>,

        /// Space the points by equal ratios rather than equal differences.
        #[arg(long, conflicts_with = "step")]
        log: bool,

        /// How to print the sweep.
        #[arg(long, short, value_enum, default_value_t = SweepFormat::Table)]
        format: SweepFormat,

        #[command(flatten)]
        options: ScenarioOptions,
    },
    /// For each alternative, the range of one value in which a condition
    /// holds: the most records a second within a budget, the largest record
    /// size that stays feasible, the break-even with another alternative.
    Solve {
        /// The scenario to evaluate (a TOML file).
        scenario: PathBuf,

        /// The value to solve for, by its path: `workload.records_per_second`.
        #[arg(long = "for", value_name = "PATH")]
        path: String,

        /// What must hold: `cost<=AMOUNT`, `feasible`, or `cost<=ALTERNATIVE` (no dearer than that alternative).
        #[arg(long, value_name = "CONDITION")]
        until: String,

        /// The range to search, in the value's own syntax [default: from the least value the key takes to a million times the scenario's].
        #[arg(long, value_name = "FROM..TO")]
        within: Option<String>,

        /// How to print the answer.
        #[arg(long, short, value_enum, default_value_t = SolveFormat::Table)]
        format: SolveFormat,

        #[command(flatten)]
        options: ScenarioOptions,
    },
    /// Check scenarios against their budgets, requirements and AWS's limits,
    /// for CI: exit 0 when every one passes, 1 when one fails, 2 when one
    /// cannot be read.
    Check(CheckArgs),
    /// Compare two versions of a design: what changed, per alternative,
    /// component and line item, and how much of it is price and how much usage.
    Diff(DiffArgs),
    /// Write a commented starter scenario that runs as written.
    Init(InitArgs),
    /// Print a completion script for a shell.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print calc's manual page (roff), e.g. `calc man > calc.1`.
    Man,
}

/// `calc pricing …`.
#[derive(Debug, Subcommand)]
pub enum PricingCommand {
    /// The bundled tables: region, currency, date, and what each prices.
    List,
    /// Every price and limit of a table, with its source, date and evidence.
    Show {
        /// A bundled table's name, or the path of a table.
        table: String,

        /// Only this service's prices and limits.
        service: Option<String>,
    },
    /// Check a pricing table: keys, units, tiers, sources, dates.
    Check {
        /// The table to check.
        file: PathBuf,
    },
    /// Write a pricing table (TOML, on stdout) from AWS Price List offer
    /// files (JSON, read as a stream); the prices it cannot find are listed
    /// on stderr, never guessed.
    Import {
        /// Offer files, e.g. `offers/v1.0/aws/AmazonKinesis/current/index.json`, any size.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,

        /// The Region whose products to read (`regionCode`), e.g. `us-east-1`.
        #[arg(long)]
        region: String,

        /// The table's `name` [default: aws-REGION].
        #[arg(long)]
        name: Option<String>,

        /// The prefix of the Region's usage types (`USE2` in `USE2-Storage-ShardHour`), for a Region calc does not know.
        #[arg(long, value_name = "PREFIX")]
        usage_type_prefix: Option<String>,
    },
}

/// How `calc sweep` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// A sample of the points and every change, for a terminal.
    #[default]
    Table,
    /// Every point and every change.
    Json,
    /// One row a point, for spreadsheets.
    Csv,
    /// A line chart of monthly cost, one line an alternative.
    Svg,
}

/// How `calc solve` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SolveFormat {
    #[default]
    Table,
    Json,
}

/// The options every command that evaluates a scenario shares.
#[derive(Debug, Default, Args)]
pub struct Evaluation {
    /// Hours in the billing month, over the scenario's own (730 by default; AWS's examples also use 720 and 744).
    #[arg(long, value_name = "HOURS")]
    pub hours_per_month: Option<Decimal>,

    /// Pricing table to use instead of the scenario's: a bundled name or a path.
    #[arg(long, value_name = "TABLE")]
    pub pricing: Option<String>,

    /// Let the scenario name a pricing table outside its own folder (an absolute path, `..`); trust the scenario first.
    #[arg(long)]
    pub allow_outside_pricing: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files, and folders whose `*.toml` scenarios (at any depth) to check.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the results: a table, JSON, Markdown for a pull-request comment, or JUnit XML.
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,

    /// Report failures but exit 0 (invalid input still exits 2).
    #[arg(long)]
    pub warn_only: bool,

    /// Fail an alternative whose verdict is `warning`.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Fail an alternative whose cost rose over the baseline's by more than this: a percentage (`10%`) or an amount (`200`).
    #[arg(long, value_name = "LIMIT", requires = "baseline")]
    pub max_increase: Option<crate::check::Increase>,

    /// Fail a scenario whose pricing table is older than this (`180d`), by its `as_of` date against today's.
    #[arg(long, value_name = "AGE")]
    pub max_price_age: Option<crate::base::units::Duration>,

    /// The scenarios before the change, for `--max-increase`: a file, or a folder laid out as the checked ones.
    #[arg(long, value_name = "FILE_OR_FOLDER")]
    pub baseline: Option<PathBuf>,

    /// Set a value over every checked scenario's, by its path (see `calc --help`). Repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,

    #[command(flatten)]
    pub evaluation: Evaluation,
}

/// How `calc check` prints its results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A line a checked alternative, then the reasons.
    #[default]
    Table,
    /// Every scenario, alternative and reason, for scripts.
    Json,
    /// A pull-request comment: the verdict, a row a checked alternative, details folded.
    Markdown,
    /// JUnit XML: a test suite a scenario, a test case a requirement.
    Junit,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The scenario before; with NEW, the scenario after.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The scenario after (by default OLD again, under `--new-set` or `--new-pricing`).
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,

    /// How to print the differences.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,

    /// Set a value over the old scenario's, by its path. Repeatable.
    #[arg(long = "old-set", value_name = "PATH=VALUE")]
    pub old_set: Vec<String>,

    /// Set a value over the new scenario's, by its path. Repeatable.
    #[arg(long = "new-set", value_name = "PATH=VALUE")]
    pub new_set: Vec<String>,

    /// Pricing table for the old scenario: a bundled name or a path.
    #[arg(long, value_name = "TABLE", conflicts_with = "pricing")]
    pub old_pricing: Option<String>,

    /// Pricing table for the new scenario: a bundled name or a path.
    #[arg(long, value_name = "TABLE", conflicts_with = "pricing")]
    pub new_pricing: Option<String>,

    #[command(flatten)]
    pub evaluation: Evaluation,
}

/// How `calc diff` prints the differences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables for a terminal.
    #[default]
    Table,
    /// Every change, exact, for scripts.
    Json,
    /// Markdown, for a pull-request comment.
    Markdown,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The kind of design to start from.
    #[arg(long, value_enum, default_value_t = crate::init::Template::Streaming)]
    pub template: crate::init::Template,

    /// Where to write it; `-` prints it instead.
    #[arg(value_name = "FILE", default_value = "scenario.toml")]
    pub path: PathBuf,

    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
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
