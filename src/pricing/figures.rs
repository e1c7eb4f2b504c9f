//! A table's numbers, read as exact decimals or refused with their place.

use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use toml::Spanned;

use super::LimitValue;
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::base::units::Bytes;
use crate::model::dimension::{Limit, LimitKind};

/// A table's number, if it reads as one.
pub(super) fn figure(figure: &Figure) -> Option<Decimal> {
    match figure.get_ref() {
        toml::Value::Integer(n) => Some(Decimal::from(*n)),
        toml::Value::Float(f) => crate::base::number::decimal_from_f64(*f),
        _ => None,
    }
}

/// A number in a table, kept with its place until it is checked.
pub(super) type Figure = Spanned<toml::Value>;

pub(super) fn non_negative(source: &Source, figure: &Figure) -> Result<Decimal, Diagnostic> {
    let value = exact(source, figure)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(source.error(
            figure.span().into(),
            format!("prices cannot be negative (found {value})"),
        ));
    }
    Ok(value)
}

/// A table's number as an exact decimal. Decimals keep 28 places: a float
/// beyond them would be rounded, and a tiny price or limit would become 0
/// (and a limit calc divides by, a division by zero). Such a number is an
/// error, never a silent change of its meaning.
pub(super) fn exact(source: &Source, figure: &Figure) -> Result<Decimal, Diagnostic> {
    let error = |message: String| source.error(figure.span().into(), message);
    match figure.get_ref() {
        toml::Value::Integer(n) => Ok(Decimal::from(*n)),
        toml::Value::Float(f) => exact_float(*f).map_err(|e| error(e.to_string())),
        toml::Value::String(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| error(format!("`{text}` is not a number"))),
        _ => Err(error("expected a number".to_string())),
    }
}

fn exact_float(value: f64) -> Result<Decimal, Unkept> {
    if !value.is_finite() {
        return Err(Unkept::NotFinite(value));
    }
    let too_large = || Unkept::TooLarge(value);
    let decimal = crate::base::number::decimal_from_f64(value).ok_or_else(too_large)?;
    let back = decimal.to_f64().ok_or_else(too_large)?;
    // `decimal_from_f64` keeps every digit written, unless they go past 28
    // decimal places; then the value is rounded, possibly to 0.
    if (back - value).abs() > value.abs() * 1e-12 {
        return Err(Unkept::TooPrecise(value));
    }
    Ok(decimal)
}

/// A float in a table that exact decimal arithmetic cannot keep as written.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unkept {
    /// Infinite, or not a number.
    NotFinite(f64),
    TooLarge(f64),
    /// Digits past the 28th decimal place.
    TooPrecise(f64),
}

impl fmt::Display for Unkept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite(value) => write!(f, "{value} is not a number calc can compute with"),
            Self::TooLarge(value) => {
                write!(f, "{value:e} is too large for exact decimal arithmetic")
            }
            Self::TooPrecise(value) => write!(
                f,
                "{value:e} has digits past the 28th decimal place, which exact decimal arithmetic cannot keep"
            ),
        }
    }
}

pub(super) fn limit_value(
    source: &Source,
    limit: &Limit,
    value: &Spanned<toml::Value>,
) -> Result<LimitValue, Diagnostic> {
    let span: Span = value.span().into();
    let bad = |expected: &str| source.error(span, format!("`{}` must be {expected}", limit.key));
    match (limit.kind, value.get_ref()) {
        (LimitKind::Count, toml::Value::Integer(n)) if *n > 0 => {
            Ok(LimitValue::Count(Decimal::from(*n)))
        }
        (LimitKind::Count, toml::Value::Float(f)) if *f > 0.0 => exact_float(*f)
            .map(LimitValue::Count)
            .map_err(|e| source.error(span, format!("`{}`: {e}", limit.key))),
        // Counts and sizes are capacities that calc divides by: never zero.
        (LimitKind::Count, _) => Err(bad("a positive number")),
        (LimitKind::Bytes, toml::Value::String(s)) => match s.parse() {
            Ok(Bytes(0)) => Err(bad("a size above 0 B")),
            Ok(bytes) => Ok(LimitValue::Bytes(bytes)),
            Err(e) => Err(source.error(span, e.to_string())),
        },
        (LimitKind::Bytes, _) => Err(bad("a size such as \"1 MB\"")),
        (LimitKind::Duration, toml::Value::String(s)) => s
            .parse()
            .map(LimitValue::Duration)
            .map_err(|e| source.error(span, e.to_string())),
        (LimitKind::Duration, _) => Err(bad("a duration such as \"200 ms\"")),
    }
}
