//! `calc pricing`: the bundled tables, one table in full, a table checked.

use std::fmt::Write;

use super::services::{WIDTH, limits, prices, types};
use super::table::new_wrapped_table;
use crate::base::escape::terminal;
use crate::commands::pricing::Pricing;
use crate::pricing::{self, Implausible, PriceBook};
use crate::services::{self, ServiceDef};

/// How much of what calc bills and checks a table holds: (prices held,
/// prices calc uses, limits held, limits calc uses, the services it lacks
/// something for).
pub fn coverage(book: &PriceBook) -> (usize, usize, usize, usize, Vec<&'static str>) {
    let (mut prices, mut all_prices, mut limits, mut all_limits) = (0, 0, 0, 0);
    let mut partial = Vec::new();
    for def in services::ALL {
        let held_prices = def
            .dimensions
            .iter()
            .filter(|d| book.holds(&def.priced(), d))
            .count();
        let held_limits = def
            .limits
            .iter()
            .filter(|l| book.limit(l.key).is_some())
            .count();
        if held_prices < def.dimensions.len() || held_limits < def.limits.len() {
            partial.push(def.name);
        }
        prices += held_prices;
        all_prices += def.dimensions.len();
        limits += held_limits;
        all_limits += def.limits.len();
    }
    (prices, all_prices, limits, all_limits, partial)
}

/// The bundled tables, a row each.
/// What `calc pricing` found, but an import (which writes on both streams).
pub fn render(result: &Pricing) -> String {
    match result {
        Pricing::List => list(),
        Pricing::Show { book, service } => show(book, *service),
        Pricing::Checked { book, warnings } => checked(book, warnings),
        Pricing::Imported { imported, name } => super::import::table(imported, name.as_deref()),
    }
}

pub fn list() -> String {
    let mut table = new_wrapped_table(
        &[
            "table",
            "region",
            "currency",
            "as of",
            "prices",
            "limits",
            "incomplete for",
        ],
        WIDTH,
    );
    for name in pricing::bundled_names() {
        let Some(book) = pricing::compiled(name) else {
            continue;
        };
        let (prices, all_prices, limits, all_limits, partial) = coverage(book);
        table.add_row(vec![
            book.name.to_string(),
            book.region.to_string(),
            book.currency.to_string(),
            book.as_of.to_string(),
            format!("{prices} of {all_prices}"),
            format!("{limits} of {all_limits}"),
            if partial.is_empty() {
                "-".to_string()
            } else {
                partial.join(", ")
            },
        ]);
    }
    format!(
        "{table}\n`calc pricing show TABLE [SERVICE]` shows every price with its source; \
         a scenario that needs a price its table lacks is refused, never priced at $0.\n"
    )
}

/// Every price and limit of `book`, or of one service.
pub fn show(book: &PriceBook, service: Option<&ServiceDef>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {}, as of {}) from {}",
        terminal(&book.name),
        terminal(&book.region),
        terminal(&book.currency),
        terminal(&book.as_of),
        terminal(&book.source_name)
    );
    let defs: Vec<&ServiceDef> = match service {
        Some(def) => vec![def],
        None => services::ALL.to_vec(),
    };
    for def in defs {
        let _ = writeln!(out, "\n== {} ==\nPrices\n{}", def.name, prices(def, book));
        if let Some(types) = types(def, book) {
            let _ = writeln!(out, "Types\n{types}");
        }
        let _ = writeln!(out, "Limits\n{}", limits(def, book));
    }
    out
}

/// A table that passed `calc pricing check`: what it holds, and what is
/// worth a second look.
pub fn checked(book: &PriceBook, warnings: &[Implausible]) -> String {
    let (prices, all_prices, limits, all_limits, partial) = coverage(book);
    let mut out = format!(
        "{}: ok, {prices} of {all_prices} prices and {limits} of {all_limits} limits, each sourced and dated\n",
        terminal(&book.source_name)
    );
    if !partial.is_empty() {
        let _ = writeln!(
            out,
            "incomplete for {}: a scenario that needs a missing price is refused",
            partial.join(", ")
        );
    }
    for warning in warnings {
        let _ = writeln!(out, "warning: {}", terminal(&implausible(warning)));
    }
    out
}

/// "price `x` is 25 times aws-us-east-1's (0.015 per shard-hour): check its
/// unit and digits".
fn implausible(warning: &Implausible) -> String {
    let times = match warning.ratio {
        None => "more than 10^28 times".to_string(),
        Some(ratio) => {
            // A ratio under 0.00005 is not 0 times: its first digits.
            let shown = match ratio.round_dp(4) {
                rounded if rounded.is_zero() && !ratio.is_zero() => {
                    crate::base::number::significant(ratio, 2)
                }
                rounded => rounded,
            };
            format!("{} times", shown.normalize())
        }
    };
    format!(
        "{} is {times} {}'s ({} per {}): check its unit and digits",
        warning.what,
        pricing::DEFAULT_TABLE,
        warning.reference.normalize(),
        warning.unit
    )
}
