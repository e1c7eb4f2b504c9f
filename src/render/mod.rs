//! Turning a report into what a user reads: a table, JSON or Markdown.

mod chart;
pub mod check;
mod csv;
pub mod diff;
pub mod import;
mod json;
mod markdown;
pub mod pricing;
pub mod services;
pub mod solve;
pub mod sweep;
pub(crate) mod table;
pub(crate) mod text;

use clap::ValueEnum;

use crate::model::report::Report;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    #[default]
    Table,
    /// The stable JSON contract, for scripts and CI.
    Json,
    /// Markdown, for pasting into a design document.
    Markdown,
    /// One row a line item, for spreadsheets.
    Csv,
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Table => table::render(report),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(report),
        Format::Csv => csv::render(report),
    }
}

/// A violation in one sentence, as the report words it.
pub fn violation_sentence(
    alternative: &crate::model::report::AlternativeResult,
    component: Option<usize>,
    violation: &crate::model::report::Violation,
    currency: &str,
) -> String {
    text::violation(alternative, component, violation, currency)
}

/// The pricing table, month and values set that a what-if report used.
fn what_if_setting(
    scenario: &crate::scenario::Scenario,
    values_hours: rust_decimal::Decimal,
    overrides: &[crate::model::report::Override],
    escape: fn(&str) -> String,
) -> String {
    let pricing = scenario.prices.info();
    text::setting(
        &pricing,
        values_hours,
        scenario.free_tier,
        overrides,
        escape,
    )
}
