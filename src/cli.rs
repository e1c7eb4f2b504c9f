//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
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

/// How a scenario is read and evaluated, on every command that evaluates one.
#[derive(Debug, Default, Args)]
pub struct ScenarioOptions {
    /// Hours in the billing month, over the scenario's own (730 by default; AWS's examples also use 720 and 744).
    #[arg(long, value_name = "HOURS")]
    pub hours_per_month: Option<Decimal>,

    /// Pricing table to use instead of the scenario's: a bundled name or a path.
    #[arg(long, value_name = "TABLE")]
    pub pricing: Option<String>,

    /// Let the scenario name a pricing table outside its own folder (an absolute path, `..`); trust the scenario first.
    #[arg(long)]
    pub allow_outside_pricing: bool,

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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
