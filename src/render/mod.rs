//! Turning a report into what a user reads: a table, JSON or Markdown.

pub mod check;
mod csv;
pub mod diff;
pub mod escape;
mod json;
mod markdown;
pub mod services;
pub(crate) mod table;
pub(crate) mod text;

use clap::ValueEnum;

use crate::report::Report;

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
