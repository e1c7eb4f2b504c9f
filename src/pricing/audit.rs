//! `calc pricing check`'s second look at a table: sources, dates, and prices
//! far from the default table's.

use rust_decimal::Decimal;

use super::figures::figure;
use super::raw::{RawPrice, RawTable};
use super::{DEFAULT_TABLE, Rate, compiled};
use crate::base::diagnostic::{Diagnostic, Source, Span};

/// A figure far from the bundled default table's: worth a second look (a
/// unit mistaken, a digit slipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Implausible {
    /// The entry, as a table names it: ``price `sqs.standard_requests` ``.
    pub what: String,
    /// The table's figure over the default table's; `None` past the
    /// largest decimal (a price of 1e28 against a fraction of a cent).
    pub ratio: Option<Decimal>,
    /// The default table's figure, and the unit both are in.
    pub reference: Decimal,
    pub unit: String,
}

/// What `calc pricing check` adds to a table's parsing: every entry names
/// a source and a real date no later than `today`; a price more than
/// [`IMPLAUSIBLE`] times the bundled default table's, or less than its
/// inverse, is worth a second look. The errors, all of them, or the
/// figures to look at again.
pub fn audit(source: &Source, today: &str) -> Result<Vec<Implausible>, Diagnostic> {
    let raw: RawTable = toml::from_str(&source.text).map_err(|e| source.toml_error(&e))?;
    let reference = compiled(DEFAULT_TABLE);
    let mut errors = Vec::new();
    let mut found = Vec::new();
    for (service, dims) in &raw.prices {
        for (name, price) in dims {
            let what = format!("price `{}.{}`", service.get_ref(), name.get_ref());
            let entry = price.get_ref();
            errors.extend(dated(
                source,
                price.span().into(),
                &what,
                &entry.source,
                &entry.as_of,
                today,
            ));
            let key = format!("{}.{}", service.get_ref(), name.get_ref());
            let first = |rate: &Rate| match rate {
                Rate::Flat(p) => Some(*p),
                Rate::Tiered(tiers) => tiers.first().map(|t| t.price),
            };
            let theirs = parse_figure(entry);
            let ours = reference
                .and_then(|book| book.price(&key))
                .and_then(|p| first(&p.rate));
            found.extend(implausible(what, theirs, ours, entry.unit.get_ref()));
        }
    }
    for (service, rows) in &raw.instances {
        for (name, row) in rows {
            let what = format!("type `{}` of `{}`", name.get_ref(), service.get_ref());
            let entry = row.get_ref();
            errors.extend(dated(
                source,
                row.span().into(),
                &what,
                &entry.source,
                &entry.as_of,
                today,
            ));
            let theirs = figure(&entry.price);
            let ours = reference
                .and_then(|book| book.instance(service.get_ref(), name.get_ref()))
                .and_then(|row| match row.price.rate {
                    Rate::Flat(p) => Some(p),
                    Rate::Tiered(_) => None,
                });
            found.extend(implausible(what, theirs, ours, entry.unit.get_ref()));
        }
    }
    for (service, entries) in &raw.limits {
        for (name, limit) in entries {
            let what = format!("limit `{}.{}`", service.get_ref(), name.get_ref());
            let entry = limit.get_ref();
            errors.extend(dated(
                source,
                limit.span().into(),
                &what,
                &entry.source,
                &entry.as_of,
                today,
            ));
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
        None => Ok(found),
    }
}

/// Why an entry, at `span`, is not sourced and dated: it names no source,
/// or its `as_of` is no date or a date after `today`.
fn dated(
    source: &Source,
    span: Span,
    what: &str,
    entry_source: &str,
    as_of: &str,
    today: &str,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
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
    errors
}

/// `theirs` against `ours` (the default table's figure), when it is more
/// than [`IMPLAUSIBLE`] times it, or less than its inverse.
fn implausible(
    what: String,
    theirs: Option<Decimal>,
    ours: Option<Decimal>,
    unit: &str,
) -> Option<Implausible> {
    let (theirs, ours) = (theirs?, ours?);
    if ours.is_zero() {
        return None;
    }
    let ratio = theirs.checked_div(ours);
    let plausible = ratio.is_some_and(|ratio| {
        ratio <= Decimal::from(IMPLAUSIBLE) && ratio * Decimal::from(IMPLAUSIBLE) >= Decimal::ONE
    });
    (!plausible).then(|| Implausible {
        what,
        ratio,
        reference: ours,
        unit: unit.to_string(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_figure_twenty_times_the_defaults_is_plausible_and_more_is_not() {
        let check = |theirs| implausible("p".to_string(), Some(theirs), Some(dec!(0.015)), "u");
        // 0.3 is 20 times 0.015, 0.00075 a twentieth of it: the edges pass.
        assert_eq!(check(dec!(0.3)), None);
        assert_eq!(check(dec!(0.00075)), None);
        assert_eq!(
            check(dec!(0.30001)).map(|i| i.ratio),
            Some(dec!(0.30001).checked_div(dec!(0.015)))
        );
        assert!(check(dec!(0.00074)).is_some());
        // Past the largest decimal, no ratio at all; nothing to compare, nothing said.
        assert_eq!(check(dec!(1e28)).map(|i| i.ratio), Some(None));
        assert_eq!(implausible("p".to_string(), None, Some(dec!(1)), "u"), None);
        assert_eq!(
            implausible("p".to_string(), Some(dec!(1)), Some(dec!(0)), "u"),
            None
        );
    }

    #[test]
    fn an_entry_needs_a_source_and_a_date_no_later_than_today() {
        let file = Source::new("t.toml", "x = 1\n");
        let span = Span { start: 0, end: 1 };
        let words =
            |errors: Vec<Diagnostic>| errors.into_iter().map(|e| e.message).collect::<Vec<_>>();
        assert!(dated(&file, span, "price `a`", "AWS", "2026-01-01", "2026-12-06").is_empty());
        assert_eq!(
            words(dated(
                &file,
                span,
                "price `a`",
                " ",
                "2026-13-01",
                "2026-12-06"
            )),
            [
                "price `a` names no source",
                "price `a`: `as_of = \"2026-13-01\"` is not a date YYYY-MM-DD"
            ]
        );
        assert_eq!(
            words(dated(
                &file,
                span,
                "price `a`",
                "AWS",
                "2026-12-07",
                "2026-12-06"
            )),
            ["price `a`: `as_of = \"2026-12-07\"` is after today (2026-12-06)"]
        );
    }
}
