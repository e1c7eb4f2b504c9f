//! `calc pricing check`'s second look at a table: sources, dates, and prices
//! far from the default table's.

use rust_decimal::Decimal;

use super::figures::figure;
use super::raw::{RawPrice, RawTable};
use super::{DEFAULT_TABLE, Rate, compiled};
use crate::base::diagnostic::{Diagnostic, Source, Span};

/// What `calc pricing check` adds to a table's parsing: every entry names
/// a source and a real date no later than `today`; a price more than
/// [`IMPLAUSIBLE`] times the bundled default table's, or less than its
/// inverse, is worth a second look (a unit mistaken, a digit slipped). The
/// errors, all of them, or the warnings.
pub fn audit(source: &Source, today: &str) -> Result<Vec<String>, Diagnostic> {
    let raw: RawTable = toml::from_str(&source.text).map_err(|e| source.toml_error(&e))?;
    let reference = compiled(DEFAULT_TABLE);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut dated = |span: Span, what: &str, entry_source: &str, as_of: &str| {
        if entry_source.trim().is_empty() {
            errors.push(
                source
                    .error(span, format!("{what} names no source"))
                    .with_help("say where the figure comes from: a page, a price list, a document"),
            );
        }
        if !crate::base::dates::is_date(as_of) {
            errors.push(source.error(
                span,
                format!("{what}: `as_of = \"{as_of}\"` is not a date YYYY-MM-DD"),
            ));
        } else if as_of > today {
            errors.push(source.error(
                span,
                format!("{what}: `as_of = \"{as_of}\"` is after today ({today})"),
            ));
        }
    };
    let mut implausible = |what: &str, theirs: Decimal, ours: Decimal, unit: &str| {
        if ours.is_zero() {
            return;
        }
        // A ratio past the largest decimal (a price of 1e28 against a
        // fraction of a cent) is past any plausible one.
        let times = match theirs.checked_div(ours) {
            None => "more than 10^28 times".to_string(),
            Some(ratio)
                if ratio > Decimal::from(IMPLAUSIBLE)
                    || ratio * Decimal::from(IMPLAUSIBLE) < Decimal::ONE =>
            {
                // A ratio under 0.00005 is not 0 times: its first digits.
                let shown = match ratio.round_dp(4) {
                    rounded if rounded.is_zero() && !ratio.is_zero() => {
                        crate::base::number::significant(ratio, 2)
                    }
                    rounded => rounded,
                };
                format!("{} times", shown.normalize())
            }
            Some(_) => return,
        };
        warnings.push(format!(
            "{what} is {times} {DEFAULT_TABLE}'s ({} per {unit}): check its unit and digits",
            ours.normalize(),
        ));
    };
    for (service, dims) in &raw.prices {
        for (name, price) in dims {
            let what = format!("price `{}.{}`", service.get_ref(), name.get_ref());
            let entry = price.get_ref();
            dated(price.span().into(), &what, &entry.source, &entry.as_of);
            let key = format!("{}.{}", service.get_ref(), name.get_ref());
            let first = |rate: &Rate| match rate {
                Rate::Flat(p) => Some(*p),
                Rate::Tiered(tiers) => tiers.first().map(|t| t.price),
            };
            let theirs = parse_figure(entry);
            let ours = reference
                .and_then(|book| book.price(&key))
                .and_then(|p| first(&p.rate));
            if let (Some(theirs), Some(ours)) = (theirs, ours) {
                implausible(&what, theirs, ours, entry.unit.get_ref());
            }
        }
    }
    for (service, rows) in &raw.instances {
        for (name, row) in rows {
            let what = format!("type `{}` of `{}`", name.get_ref(), service.get_ref());
            let entry = row.get_ref();
            dated(row.span().into(), &what, &entry.source, &entry.as_of);
            let theirs = figure(&entry.price);
            let ours = reference
                .and_then(|book| book.instance(service.get_ref(), name.get_ref()))
                .and_then(|row| match row.price.rate {
                    Rate::Flat(p) => Some(p),
                    Rate::Tiered(_) => None,
                });
            if let (Some(theirs), Some(ours)) = (theirs, ours) {
                implausible(&what, theirs, ours, entry.unit.get_ref());
            }
        }
    }
    for (service, entries) in &raw.limits {
        for (name, limit) in entries {
            let what = format!("limit `{}.{}`", service.get_ref(), name.get_ref());
            let entry = limit.get_ref();
            dated(limit.span().into(), &what, &entry.source, &entry.as_of);
        }
    }
    if let Some(as_of) = &raw.as_of {
        if !crate::base::dates::is_date(as_of) {
            errors.push(source.error_in_file(format!(
                "the table's `as_of = \"{as_of}\"` is not a date YYYY-MM-DD"
            )));
        } else if as_of.as_str() > today {
            errors.push(source.error_in_file(format!(
                "the table's `as_of = \"{as_of}\"` is after today ({today})"
            )));
        }
    }
    match Diagnostic::all(errors) {
        Some(errors) => Err(errors),
        None => Ok(warnings),
    }
}

/// How many times the default table's price a price may be before `calc
/// pricing check` asks about it.
pub const IMPLAUSIBLE: u32 = 20;

/// A price's first figure (the flat price, or the first tier's), if it
/// reads as a number.
fn parse_figure(entry: &RawPrice) -> Option<Decimal> {
    let first = match (&entry.price, &entry.tiers) {
        (Some(price), _) => price,
        (None, Some(tiers)) => &tiers.first()?.price,
        (None, None) => return None,
    };
    figure(first)
}
