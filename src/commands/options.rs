//! The options every command that evaluates a scenario shares, and reading
//! a scenario with them.

use std::path::Path;

use clap::Args;
use rust_decimal::Decimal;

use crate::base::diagnostic::Diagnostic;
use crate::model::keys::Value;
use crate::model::report::Override;
use crate::scenario::params::Ranged;
use crate::scenario::{self, Overrides, Scenario};
use crate::whatif::monte_carlo;

/// How a scenario is read and evaluated, with values set over its own: the
/// report's, the sweep's and the solve's options.
#[derive(Debug, Default, Args)]
pub struct ScenarioOptions {
    #[command(flatten)]
    pub evaluation: Evaluation,

    #[command(flatten)]
    pub sampling: Sampling,

    /// Set a value over the scenario's, by its path, in the scenario's own syntax: `workload.records_per_second=6000`, `workload.record_size="35 KB"`. Repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
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

/// How a Monte Carlo run over the scenario's ranges samples.
#[derive(Debug, Default, Args)]
pub struct Sampling {
    /// Samples to draw over the scenario's ranges (40000 by default: every chance within ±0.5 percentage point, 95 times in 100).
    #[arg(long, value_name = "N")]
    pub samples: Option<u32>,

    /// Seed of the samples (1 by default): the same seed gives the same figures on every run and machine.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

impl From<&Sampling> for monte_carlo::Plan {
    fn from(sampling: &Sampling) -> Self {
        let default = Self::default();
        Self {
            samples: sampling.samples.unwrap_or(default.samples),
            seed: sampling.seed.unwrap_or(default.seed),
            percentile: None,
        }
    }
}

impl From<&Evaluation> for Overrides {
    fn from(evaluation: &Evaluation) -> Self {
        Self {
            hours_per_month: evaluation.hours_per_month,
            pricing: evaluation.pricing.clone(),
            allow_outside_pricing: evaluation.allow_outside_pricing,
        }
    }
}

/// A scenario read with `options`: the scenario, its values with each
/// `--set` applied, and what those changed.
pub struct Loaded {
    pub scenario: Scenario,
    pub values: Vec<Value>,
    /// The values written as ranges, in the scenario or by `--set`.
    pub ranges: Vec<Ranged>,
    pub overrides: Vec<Override>,
}

/// Reads the scenario at `path` with `options`.
pub fn load(path: &Path, options: &ScenarioOptions) -> Result<Loaded, Diagnostic> {
    let scenario = scenario::load(path, &Overrides::from(&options.evaluation))?;
    let scenario::set::Applied {
        values,
        ranges,
        overrides,
    } = scenario::set::apply(&scenario, &options.set)?;
    Ok(Loaded {
        scenario,
        values,
        ranges,
        overrides,
    })
}
