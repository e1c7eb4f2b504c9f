//! What `calc check` takes and what it finds: its arguments, and each
//! scenario judged, as data.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args as ClapArgs, ValueEnum};
use rust_decimal::Decimal;

use crate::base::diagnostic::Diagnostic;
use crate::base::units::Duration;
use crate::commands::options::{Evaluation, Sampling};
use crate::model::growth::BudgetOver;
use crate::model::report::{AlternativeResult, Note, Report, Violation};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Scenario files, and folders whose `*.toml` scenarios (at any depth) to check.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the results: a table, JSON, Markdown for a pull-request comment, JUnit XML, or an HTML page.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Report failures but exit 0 (invalid input still exits 2).
    #[arg(long)]
    pub warn_only: bool,

    /// Fail an alternative whose verdict is `warning`.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Fail an alternative whose cost rose over the baseline's by more than this: a percentage (`10%`) or an amount (`200`).
    #[arg(long, value_name = "LIMIT", requires = "baseline")]
    pub max_increase: Option<Increase>,

    /// Fail an alternative that uses a price older than this (`180d`), by the price's `as_of` date in its table against today's.
    #[arg(long, value_name = "AGE")]
    pub max_price_age: Option<Duration>,

    /// The scenarios before the change, for `--max-increase`: a file, or a folder laid out as the checked ones.
    #[arg(long, value_name = "FILE_OR_FOLDER")]
    pub baseline: Option<PathBuf>,

    /// Set a value over every checked scenario's, by its path (see `calc --help`). Repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,

    /// With ranges, hold each budget at this percentile of the Monte Carlo cost (`90`: P90), over the scenario's `budget_percentile`.
    #[arg(long, value_name = "PERCENTILE", value_parser = clap::value_parser!(u32).range(1..=99))]
    pub budget_percentile: Option<u32>,

    #[command(flatten)]
    pub evaluation: Evaluation,

    #[command(flatten)]
    pub sampling: Sampling,
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

/// How `calc check` prints its results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A line a checked alternative, then the reasons.
    #[default]
    Table,
    /// Every scenario, alternative and reason, for scripts.
    Json,
    /// A pull-request comment: the verdict, a row a checked alternative, details folded.
    Markdown,
    /// JUnit XML: a test suite a scenario, a test case a requirement.
    Junit,
    /// One self-contained page, for a CI artifact: each scenario, pass or
    /// fail, and why.
    Html,
}

/// `--max-increase`: how much more than the baseline an alternative may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Increase {
    /// Percent of the baseline's cost (`10%`).
    Percent(Decimal),
    /// An amount in the pricing table's currency (`200`).
    Amount(Decimal),
}

/// Why `--max-increase` is not an increase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadIncrease {
    NotANumber(String),
    Negative(String),
}

impl fmt::Display for BadIncrease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber(text) => write!(
                f,
                "`{text}` is not a percentage (`10%`) or an amount (`200`)"
            ),
            Self::Negative(text) => write!(f, "`{text}` is negative: an increase is at least 0"),
        }
    }
}

impl std::error::Error for BadIncrease {}

impl FromStr for Increase {
    type Err = BadIncrease;

    fn from_str(text: &str) -> Result<Self, BadIncrease> {
        let text = text.trim();
        let (number, percent) = match text.strip_suffix('%') {
            Some(number) => (number.trim_end(), true),
            None => (text, false),
        };
        let value: Decimal = number
            .parse()
            .map_err(|_| BadIncrease::NotANumber(text.to_string()))?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(BadIncrease::Negative(text.to_string()));
        }
        Ok(if percent {
            Self::Percent(value)
        } else {
            Self::Amount(value)
        })
    }
}

impl fmt::Display for Increase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Percent(p) => write!(f, "{}%", p.normalize()),
            Self::Amount(a) => write!(f, "{}", a.normalize()),
        }
    }
}

/// How a checked alternative, or a scenario, came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pass,
    /// It passes, with warnings worth reading.
    Warning,
    Fail,
}

impl Status {
    /// As JSON names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Warning => "warning",
            Self::Fail => "fail",
        }
    }
}

/// Why an alternative fails or warns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Whether it makes the alternative fail (a warning does only under
    /// `--deny-warnings`).
    pub failing: bool,
    pub why: Why,
}

/// What a reason is about, as data: the renderers word it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// A requirement or an AWS limit the alternative breaks, with the
    /// component it belongs to, if any.
    Violation {
        component: Option<usize>,
        violation: Violation,
    },
    /// A warning of one of its components.
    Warning { component: usize, note: Note },
    /// Its cost rose over its baseline's by more than `--max-increase`.
    Increase {
        cost: Decimal,
        base: Decimal,
        limit: Increase,
    },
    /// With ranges, its monthly cost at the percentile the budget is held
    /// at is over the budget; `expected` is the point estimate's.
    BudgetAtPercentile {
        percentile: u32,
        cost: Decimal,
        expected: Decimal,
        budget: Decimal,
    },
    /// With ranges, it is the cheapest design that works in a smaller
    /// share of samples than `min_chance_cheapest` (a percentage) asks.
    ChanceCheapest { chance: Decimal, required: u32 },
    /// The oldest price it uses from its pricing table is older than
    /// `--max-price-age` allows: `days` old (`None` when its `as_of` is not
    /// a date calc can read).
    StalePrices {
        table: String,
        price: PriceDate,
        days: Option<Decimal>,
        allowed_days: Decimal,
        today: String,
    },
    /// Under `[growth]` with `budget_months`, it crosses its budget in
    /// `month` (from 1): that month's cost over `allowed` (`EachMonth`),
    /// or the running total of months 1 to `month` over the budget times
    /// `months` (`Total`).
    Growth {
        month: u32,
        months: u32,
        over: BudgetOver,
        spent: Decimal,
        allowed: Decimal,
    },
}

/// A price of a pricing table and its date: what makes a report as old as
/// it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceDate {
    /// Where the table has it: `s3.put_requests`, or a catalogue row,
    /// `instances.msk."kafka.m5.large"`.
    pub key: String,
    pub as_of: String,
}

impl Reason {
    /// The rule it is about, as the JSON and JUnit name it: a requirement
    /// (`max_monthly_cost`, `limit`…), `max_increase`, `max_price_age` or
    /// `warning`.
    pub fn rule(&self) -> &'static str {
        match &self.why {
            Why::Violation { violation, .. } => violation.requirement(),
            Why::Warning { .. } => "warning",
            Why::Increase { .. } => "max_increase",
            Why::StalePrices { .. } => "max_price_age",
            Why::BudgetAtPercentile { .. } => "max_monthly_cost",
            Why::ChanceCheapest { .. } => "min_chance_cheapest",
            Why::Growth { .. } => "max_monthly_cost",
        }
    }
}

/// One alternative of a checked scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlternativeCheck {
    /// Must it pass: the chosen one, or every one when none is chosen.
    pub checked: bool,
    /// The line of its `name` in the scenario, for annotations.
    pub line: u32,
    /// Its budget: its own `max_monthly_cost`, else `[requirements]`'s.
    pub budget: Option<Decimal>,
    /// What the same alternative cost in the baseline, if there is one.
    pub baseline_cost: Option<Decimal>,
    pub status: Status,
    pub reasons: Vec<Reason>,
    /// The rules it was checked against, in order: a JUnit test case each.
    pub rules: Vec<&'static str>,
}

/// One scenario, evaluated and judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioCheck {
    /// The file, as the command line (or the walk of a folder) named it.
    pub file: String,
    pub report: Report,
    /// The chosen alternative's index, if the scenario chose one.
    pub choice: Option<usize>,
    /// In the report's order.
    pub alternatives: Vec<AlternativeCheck>,
    /// The worst status of its checked alternatives.
    pub status: Status,
}

impl ScenarioCheck {
    /// The alternatives that must pass, with their results.
    pub fn checked(&self) -> impl Iterator<Item = (&AlternativeResult, &AlternativeCheck)> {
        self.report
            .alternatives
            .iter()
            .zip(&self.alternatives)
            .filter(|(_, c)| c.checked)
    }

    /// The alternatives shown for context only.
    pub fn context(&self) -> impl Iterator<Item = (&AlternativeResult, &AlternativeCheck)> {
        self.report
            .alternatives
            .iter()
            .zip(&self.alternatives)
            .filter(|(_, c)| !c.checked)
    }
}

/// A file `calc check` could not read or evaluate: it fails the check
/// (exit 2), and every format reports it where the scenario would be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// The file, as the command line (or the walk of a folder) named it.
    pub file: String,
    /// Why: each error found, placed in the file it is about (the scenario,
    /// or a pricing table it names).
    pub error: Diagnostic,
}

/// Everything `calc check` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Results {
    pub scenarios: Vec<ScenarioCheck>,
    /// The files that could not be checked, in the order they were found.
    pub broken: Vec<Broken>,
    pub max_increase: Option<Increase>,
    /// Whether a baseline was given.
    pub baseline: bool,
    pub deny_warnings: bool,
}

impl Results {
    pub fn count(&self, status: Status) -> usize {
        self.scenarios.iter().filter(|s| s.status == status).count()
    }

    /// Whether every scenario passed and every file could be checked.
    pub fn passed(&self) -> bool {
        self.count(Status::Fail) == 0 && self.broken.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_increase_is_a_percentage_or_an_amount() {
        assert_eq!("10%".parse(), Ok(Increase::Percent(dec!(10))));
        assert_eq!("12.5 %".parse(), Ok(Increase::Percent(dec!(12.5))));
        assert_eq!("200".parse(), Ok(Increase::Amount(dec!(200))));
        assert!("-5%".parse::<Increase>().is_err());
        assert!("ten".parse::<Increase>().is_err());
    }
}
