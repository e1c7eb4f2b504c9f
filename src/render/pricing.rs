//! `calc pricing`: the bundled tables, one table in full, a table checked.

use std::fmt::Write;

use super::services::{WIDTH, limits, prices, types};
use super::table::new_wrapped_table;
use crate::base::escape::terminal;
use crate::commands::pricing::{ListFormat, Pricing};
use crate::pricing::{self, Implausible, PriceBook};
use crate::services::{self, ServiceDef};

/// How much of what calc bills and checks a table holds.
pub struct Coverage {
    pub prices: Count,
    pub limits: Count,
    /// The services it lacks something for.
    pub partial: Vec<&'static str>,
}

/// Of the figures calc uses (`of`), those a table holds, and of the rest
/// those it leaves out with a reason.
#[derive(Default)]
pub struct Count {
    pub held: usize,
    pub of: usize,
    pub missing_with_reason: usize,
}

impl Count {
    /// "59 of 95", and ", 36 missing with a reason" when some are.
    fn words(&self) -> String {
        match self.missing_with_reason {
            0 => format!("{} of {}", self.held, self.of),
            n => format!("{} of {}, {n} missing with a reason", self.held, self.of),
        }
    }

    /// "59 of 95 prices (36 missing with a reason)".
    fn phrase(&self, noun: &str) -> String {
        match self.missing_with_reason {
            0 => format!("{} of {} {noun}", self.held, self.of),
            n => format!(
                "{} of {} {noun} ({n} missing with a reason)",
                self.held, self.of
            ),
        }
    }
}

pub fn coverage(book: &PriceBook) -> Coverage {
    let (mut prices, mut limits) = (Count::default(), Count::default());
    let mut partial = Vec::new();
    for def in services::ALL {
        let mut lacks = false;
        for dimension in def.dimensions {
            prices.of += 1;
            if book.holds(&def.priced(), dimension) {
                prices.held += 1;
            } else {
                lacks = true;
                prices.missing_with_reason +=
                    usize::from(book.missing_price(dimension.key).is_some());
            }
        }
        for limit in def.limits {
            limits.of += 1;
            if book.limit(limit.key).is_some() {
                limits.held += 1;
            } else {
                lacks = true;
                limits.missing_with_reason += usize::from(book.missing_limit(limit.key).is_some());
            }
        }
        if lacks {
            partial.push(def.name);
        }
    }
    Coverage {
        prices,
        limits,
        partial,
    }
}

/// What `calc pricing` found, but an import (which writes on both streams).
pub fn render(result: &Pricing) -> String {
    match result {
        Pricing::List(ListFormat::Table) => list(),
        Pricing::List(ListFormat::Json) => list_json(),
        Pricing::Show { book, service } => show(book, *service),
        Pricing::Checked { book, warnings } => checked(book, warnings),
        Pricing::Imported { imported, name } => super::import::table(imported, name.as_deref()),
    }
}

/// The bundled tables, a row each.
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
        let coverage = coverage(book);
        table.add_row(vec![
            book.name.to_string(),
            book.region.to_string(),
            book.currency.to_string(),
            book.as_of.to_string(),
            coverage.prices.words(),
            coverage.limits.words(),
            if coverage.partial.is_empty() {
                "-".to_string()
            } else {
                coverage.partial.join(", ")
            },
        ]);
    }
    format!(
        "{table}\n`calc pricing show TABLE [SERVICE]` shows every price with its source, and \
         why each missing one is missing; a scenario that needs a price its table lacks is \
         refused, never priced at $0.\n"
    )
}

/// The bundled tables as JSON: for each, what it holds of what calc uses
/// and what it leaves out with a reason.
pub fn list_json() -> String {
    let count = |c: &Count| {
        serde_json::json!({
            "held": c.held,
            "of": c.of,
            "missing_with_reason": c.missing_with_reason,
        })
    };
    let tables: Vec<serde_json::Value> = pricing::bundled_names()
        .filter_map(pricing::compiled)
        .map(|book| {
            let coverage = coverage(book);
            serde_json::json!({
                "name": book.name,
                "region": book.region,
                "currency": book.currency,
                "as_of": book.as_of,
                "prices": count(&coverage.prices),
                "limits": count(&coverage.limits),
                "incomplete_for": coverage.partial,
            })
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&serde_json::json!({ "tables": tables })).unwrap_or_default();
    out.push('\n');
    out
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
    let Coverage {
        prices,
        limits,
        partial,
    } = coverage(book);
    let mut out = format!(
        "{}: ok, {} and {}, each sourced and dated\n",
        terminal(&book.source_name),
        prices.phrase("prices"),
        limits.phrase("limits")
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
