//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
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
