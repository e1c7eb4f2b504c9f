//! Pricing tables: unit prices, free tiers and service limits, each with the
//! source it came from and the date it was true.
//!
//! Bundled tables are embedded in the binary; a scenario may name its own file.

#[cfg(test)]
mod compiled;
pub mod import;
// Written by `compiled::rust_source`, not by hand.
#[rustfmt::skip]
mod tables;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Source, Span, io_reason};
use crate::files::{self, Refusal};
use crate::services::{self, Dimension, Limit, LimitKind};
use crate::units::{Bytes, Duration};

/// The tables shipped inside the binary, by name, as written: each is
/// compiled into static data ([`tables`]), so that a run reads none of them.
pub const BUNDLED: &[(&str, &str)] = &[(
    "aws-us-east-1",
    include_str!("../../pricing/aws-us-east-1.toml"),
)];

/// Text a table holds: borrowed from a compiled table, owned when read from
/// a file.
pub type Text = Cow<'static, str>;

/// The table a scenario uses when it names none.
pub const DEFAULT_TABLE: &str = "aws-us-east-1";

/// How well a figure is backed.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// Text AWS wrote: documentation, a pricing page, a blog post.
    AwsDocs,
    /// A worked example AWS published.
    AwsExample,
    /// The AWS Price List API.
    AwsPriceList,
    /// Only third-party material agrees on it.
    ThirdParty,
    /// Not confirmed by any source consulted.
    Unverified,
    /// Set by the scenario (`[pricing_overrides]`).
    Scenario,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwsDocs => "aws-docs",
            Self::AwsExample => "aws-example",
            Self::AwsPriceList => "aws-price-list",
            Self::ThirdParty => "third-party",
            Self::Unverified => "unverified",
            Self::Scenario => "scenario",
        }
    }
}

/// One price band of a tiered price: `price` applies up to `up_to` units a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    pub up_to: Option<Decimal>,
    pub price: Decimal,
}

pub const MAX_TIERS: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rate {
    Flat(Decimal),
    Tiered(Cow<'static, [Tier]>),
}

#[derive(Clone, Debug)]
pub struct Price {
    pub rate: Rate,
    /// Units a month that the free tier does not charge for.
    pub free_per_month: Decimal,
    /// Units an hour that the free tier does not charge for (for hourly capacity such as WCU).
    pub free_per_hour: Decimal,
    pub unit: Text,
    pub source: Text,
    pub as_of: Text,
    pub evidence: Evidence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitValue {
    Count(Decimal),
    Bytes(Bytes),
    Duration(Duration),
}

impl LimitValue {
    pub fn count(self) -> Option<Decimal> {
        match self {
            Self::Count(n) => Some(n),
            _ => None,
        }
    }

    pub fn bytes(self) -> Option<Bytes> {
        match self {
            Self::Bytes(b) => Some(b),
            _ => None,
        }
    }

    pub fn duration(self) -> Option<Duration> {
        match self {
            Self::Duration(d) => Some(d),
            _ => None,
        }
    }

    /// The value as a violation states it: a count, bytes, or milliseconds.
    pub fn amount(self) -> Decimal {
        match self {
            Self::Count(n) => n,
            Self::Bytes(b) => b.decimal(),
            Self::Duration(d) => d.ms(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct LimitEntry {
    pub value: LimitValue,
    pub source: Text,
    pub as_of: Text,
    pub evidence: Evidence,
}

/// A loaded pricing table: prices and limits sorted by the registry's own
/// keys, so that the evaluation finds one by a binary search, without
/// hashing or allocating. A bundled table is static data, borrowed.
#[derive(Clone, Debug)]
pub struct PriceBook {
    pub name: Text,
    pub region: Text,
    pub currency: Text,
    pub as_of: Text,
    pub source_name: Text,
    prices: Cow<'static, [(&'static str, Price)]>,
    limits: Cow<'static, [(&'static str, LimitEntry)]>,
}

/// The entry for `key` in a slice sorted by key.
fn find<'a, T>(entries: &'a [(&'static str, T)], key: &str) -> Option<&'a T> {
    entries
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| &entries[i].1)
}

impl PriceBook {
    pub fn price(&self, key: &str) -> Option<&Price> {
        find(&self.prices, key)
    }

    pub fn limit(&self, key: &str) -> Option<&LimitEntry> {
        find(&self.limits, key)
    }

    pub fn prices(&self) -> impl Iterator<Item = (&'static str, &Price)> {
        self.prices.iter().map(|(k, v)| (*k, v))
    }

    pub fn limits(&self) -> impl Iterator<Item = (&'static str, &LimitEntry)> {
        self.limits.iter().map(|(k, v)| (*k, v))
    }

    /// This table with `other`'s prices (and free tiers) and its own
    /// limits: what a design of the same capacity costs at other prices.
    pub fn with_prices_of(&self, other: &PriceBook) -> PriceBook {
        PriceBook {
            prices: other.prices.clone(),
            ..self.clone()
        }
    }

    /// Replaces one unit price, as `[pricing_overrides]` does; the free tier stays.
    pub fn override_price(&mut self, key: &'static str, price: Decimal, unit: &'static str) {
        let prices = self.prices.to_mut();
        let index = match prices.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(index) => index,
            Err(index) => {
                let entry = Price {
                    rate: Rate::Flat(price),
                    free_per_month: Decimal::ZERO,
                    free_per_hour: Decimal::ZERO,
                    unit: Cow::Borrowed(unit),
                    source: Cow::Borrowed(""),
                    as_of: Cow::Borrowed(""),
                    evidence: Evidence::Scenario,
                };
                prices.insert(index, (key, entry));
                index
            }
        };
        let entry = &mut prices[index].1;
        entry.rate = Rate::Flat(price);
        entry.source = Cow::Borrowed("scenario [pricing_overrides]");
        entry.evidence = Evidence::Scenario;
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    name: String,
    region: String,
    currency: String,
    as_of: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    prices: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawPrice>>>,
    #[serde(default)]
    limits: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawLimit>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrice {
    price: Option<Figure>,
    tiers: Option<Vec<RawTier>>,
    unit: Spanned<String>,
    source: String,
    as_of: String,
    evidence: Evidence,
    #[serde(default)]
    free_per_month: Option<Figure>,
    #[serde(default)]
    free_per_hour: Option<Figure>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    up_to: Option<Figure>,
    price: Figure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimit {
    value: Spanned<toml::Value>,
    source: String,
    as_of: String,
    evidence: Evidence,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// Parses and checks a pricing table: every key must be one a service uses,
/// with the unit that service computes in, so that no price is silently
/// applied to the wrong quantity.
pub fn parse(source: &Source) -> Result<PriceBook, Diagnostic> {
    let raw: RawTable = toml::from_str(&source.text).map_err(|e| source.toml_error(&e))?;
    let mut prices = BTreeMap::new();
    for (service, dims) in &raw.prices {
        let def = known_service(source, service)?;
        for (name, raw_price) in dims {
            let dimension = known_entry(source, def.name, "price", name, def.dimensions, |d| {
                d.name()
            })?;
            let price = check_price(source, dimension, raw_price)?;
            prices.insert(dimension.key, price);
        }
    }
    let mut limits = BTreeMap::new();
    for (service, entries) in &raw.limits {
        let def = known_service(source, service)?;
        for (name, raw_limit) in entries {
            let limit = known_entry(source, def.name, "limit", name, def.limits, |l| l.name())?;
            let raw_limit = raw_limit.get_ref();
            let value = limit_value(source, limit, &raw_limit.value)?;
            limits.insert(
                limit.key,
                LimitEntry {
                    value,
                    source: Cow::Owned(raw_limit.source.clone()),
                    as_of: Cow::Owned(raw_limit.as_of.clone()),
                    evidence: raw_limit.evidence,
                },
            );
        }
    }
    Ok(PriceBook {
        name: Cow::Owned(raw.name),
        region: Cow::Owned(raw.region),
        currency: Cow::Owned(raw.currency),
        as_of: Cow::Owned(raw.as_of),
        source_name: Cow::Owned(source.name.clone()),
        prices: Cow::Owned(prices.into_iter().collect()),
        limits: Cow::Owned(limits.into_iter().collect()),
    })
}

fn known_service(
    source: &Source,
    name: &Spanned<String>,
) -> Result<&'static services::ServiceDef, Diagnostic> {
    services::find(name.get_ref()).ok_or_else(|| {
        source
            .error(
                name.span().into(),
                format!("unknown service `{}`", name.get_ref()),
            )
            .suggesting(name.get_ref(), services::names())
    })
}

/// The service's price or limit that a table key names, or an error that
/// suggests the closest one.
fn known_entry<T>(
    source: &Source,
    service: &str,
    what: &str,
    name: &Spanned<String>,
    entries: &'static [&'static T],
    name_of: fn(&T) -> &'static str,
) -> Result<&'static T, Diagnostic> {
    let wanted = name.get_ref();
    entries
        .iter()
        .copied()
        .find(|e| name_of(e) == wanted)
        .ok_or_else(|| {
            source
                .error(
                    name.span().into(),
                    format!("`{service}` has no {what} `{wanted}`"),
                )
                .suggesting(wanted, entries.iter().map(|e| name_of(e)))
        })
}

fn check_price(
    source: &Source,
    dimension: &Dimension,
    raw: &Spanned<RawPrice>,
) -> Result<Price, Diagnostic> {
    let span: Span = raw.span().into();
    let raw = raw.get_ref();
    if raw.unit.get_ref() != dimension.unit {
        return Err(source
            .error(
                raw.unit.span().into(),
                format!(
                    "`{}` is priced per `{}`, but calc counts it in `{}`",
                    dimension.key,
                    raw.unit.get_ref(),
                    dimension.unit
                ),
            )
            .with_help(format!("convert the price to one per `{}`", dimension.unit)));
    }
    let rate = match (&raw.price, &raw.tiers) {
        (Some(price), None) => Rate::Flat(non_negative(source, price)?),
        (None, Some(tiers)) => Rate::Tiered(Cow::Owned(check_tiers(source, span, tiers)?)),
        _ => {
            return Err(source.error(
                span,
                format!("`{}` needs either `price` or `tiers`", dimension.key),
            ));
        }
    };
    let free = |value: &Option<Figure>| {
        value
            .as_ref()
            .map_or(Ok(Decimal::ZERO), |d| non_negative(source, d))
    };
    Ok(Price {
        rate,
        free_per_month: free(&raw.free_per_month)?,
        free_per_hour: free(&raw.free_per_hour)?,
        unit: Cow::Owned(raw.unit.get_ref().clone()),
        source: Cow::Owned(raw.source.clone()),
        as_of: Cow::Owned(raw.as_of.clone()),
        evidence: raw.evidence,
    })
}

fn check_tiers(source: &Source, span: Span, tiers: &[RawTier]) -> Result<Vec<Tier>, Diagnostic> {
    if tiers.is_empty() || tiers.len() > MAX_TIERS {
        return Err(source.error(span, format!("a tiered price has 1 to {MAX_TIERS} tiers")));
    }
    let mut checked = Vec::with_capacity(tiers.len());
    let mut previous = Decimal::ZERO;
    for (i, tier) in tiers.iter().enumerate() {
        let up_to = tier
            .up_to
            .as_ref()
            .map(|d| non_negative(source, d))
            .transpose()?;
        match up_to {
            Some(bound) if bound <= previous => {
                return Err(source.error(span, "tier bounds (`up_to`) must increase"));
            }
            None if i + 1 != tiers.len() => {
                return Err(source.error(span, "only the last tier may leave out `up_to`"));
            }
            _ => {}
        }
        previous = up_to.unwrap_or(previous);
        checked.push(Tier {
            up_to,
            price: non_negative(source, &tier.price)?,
        });
    }
    Ok(checked)
}

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
        if !crate::dates::is_date(as_of) {
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
            if let (Some(theirs), Some(ours)) = (theirs, ours)
                && !ours.is_zero()
            {
                let ratio = theirs / ours;
                if ratio > Decimal::from(IMPLAUSIBLE)
                    || ratio * Decimal::from(IMPLAUSIBLE) < Decimal::ONE
                {
                    warnings.push(format!(
                        "{what} is {} times {DEFAULT_TABLE}'s ({} per {}): check its unit and digits",
                        ratio.round_dp(4).normalize(),
                        ours.normalize(),
                        entry.unit.get_ref()
                    ));
                }
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
    if !crate::dates::is_date(&raw.as_of) {
        errors.push(source.error_in_file(format!(
            "the table's `as_of = \"{}\"` is not a date YYYY-MM-DD",
            raw.as_of
        )));
    } else if raw.as_of.as_str() > today {
        errors.push(source.error_in_file(format!(
            "the table's `as_of = \"{}\"` is after today ({today})",
            raw.as_of
        )));
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
    let figure = match (&entry.price, &entry.tiers) {
        (Some(price), _) => price,
        (None, Some(tiers)) => &tiers.first()?.price,
        (None, None) => return None,
    };
    match figure.get_ref() {
        toml::Value::Integer(n) => Some(Decimal::from(*n)),
        toml::Value::Float(f) => crate::units::decimal_from_f64(*f),
        _ => None,
    }
}

/// A number in a table, kept with its place until it is checked.
type Figure = Spanned<toml::Value>;

fn non_negative(source: &Source, figure: &Figure) -> Result<Decimal, Diagnostic> {
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
fn exact(source: &Source, figure: &Figure) -> Result<Decimal, Diagnostic> {
    let error = |message: String| source.error(figure.span().into(), message);
    match figure.get_ref() {
        toml::Value::Integer(n) => Ok(Decimal::from(*n)),
        toml::Value::Float(f) => exact_float(*f).map_err(error),
        toml::Value::String(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| error(format!("`{text}` is not a number"))),
        _ => Err(error("expected a number".to_string())),
    }
}

fn exact_float(value: f64) -> Result<Decimal, String> {
    let too_large = || format!("{value:e} is too large for exact decimal arithmetic");
    if !value.is_finite() {
        return Err(format!("{value} is not a number calc can compute with"));
    }
    let decimal = crate::units::decimal_from_f64(value).ok_or_else(too_large)?;
    let back = decimal.to_f64().ok_or_else(too_large)?;
    // `decimal_from_f64` keeps every digit written, unless they go past 28
    // decimal places; then the value is rounded, possibly to 0.
    if (back - value).abs() > value.abs() * 1e-12 {
        return Err(format!(
            "{value:e} has digits past the 28th decimal place, which exact decimal arithmetic cannot keep"
        ));
    }
    Ok(decimal)
}

fn limit_value(
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
            Err(e) => Err(source.error(span, e)),
        },
        (LimitKind::Bytes, _) => Err(bad("a size such as \"1 MB\"")),
        (LimitKind::Duration, toml::Value::String(s)) => s
            .parse()
            .map(LimitValue::Duration)
            .map_err(|e| source.error(span, e)),
        (LimitKind::Duration, _) => Err(bad("a duration such as \"200 ms\"")),
    }
}

/// Who named a pricing table, which decides the files it may be (`SECURITY.md`).
#[derive(Clone, Copy, Debug)]
pub enum NamedBy<'a> {
    /// The person running calc (`--pricing`): any file, relative to the
    /// working directory.
    CommandLine,
    /// The scenario in `dir`: a `.toml` file in `dir`'s folder tree, or any
    /// file when the person running calc allows it (`--allow-outside-pricing`).
    Scenario { dir: &'a Path, allow_outside: bool },
}

/// Loads a table: a bundled one by name, or a file.
pub fn load(name: &str, named_by: NamedBy) -> Result<PriceBook, Diagnostic> {
    if let Some(book) = compiled(name) {
        return Ok(book.clone());
    }
    if !(name.ends_with(".toml") || name.contains('/') || name.contains('\\')) {
        let listed: Vec<String> = BUNDLED.iter().map(|(n, _)| format!("`{n}`")).collect();
        return Err(Diagnostic::plain(format!("unknown pricing table `{name}`"))
            .suggesting(name, BUNDLED.iter().map(|(n, _)| *n))
            .or_help(format!(
                "bundled tables: {}; or give a path to a .toml file",
                listed.join(", ")
            )));
    }
    let path = match named_by {
        NamedBy::CommandLine => PathBuf::from(name),
        NamedBy::Scenario {
            dir,
            allow_outside: true,
        } => dir.join(name),
        NamedBy::Scenario {
            dir,
            allow_outside: false,
        } => inside_the_scenario_folder(name, dir)?,
    };
    parse(&files::read(&path, "pricing table ")?)
}

/// The path of a table a scenario names, if it is one the scenario may read.
fn inside_the_scenario_folder(name: &str, dir: &Path) -> Result<PathBuf, Diagnostic> {
    let path = dir.join(name);
    let allow = format!(
        "a scenario may name a bundled table or a `.toml` file in its own folder; \
         if you trust this table, pass `--pricing {}` or `--allow-outside-pricing`",
        path.display()
    );
    // A scenario may come from anyone: it must not read a file just because
    // the file is readable (a key, `.env`), nor quote it in a message.
    let inside = files::within(dir, Path::new(name)).map_err(|refusal| match refusal {
        Refusal::Outside => Diagnostic::plain(format!(
            "pricing table `{name}` is outside the scenario's folder"
        ))
        .with_help(allow.clone()),
        Refusal::Unreadable(error) => Diagnostic::plain(format!(
            "cannot read pricing table `{}`: {}",
            path.display(),
            io_reason(&error)
        )),
    })?;
    if !name.ends_with(".toml") {
        return Err(
            Diagnostic::plain(format!("pricing table `{name}` is not a `.toml` file"))
                .with_help(allow),
        );
    }
    Ok(inside)
}

/// A bundled table, compiled: checked when it was built, read by no run.
pub fn compiled(name: &str) -> Option<&'static PriceBook> {
    tables::ALL.iter().copied().find(|book| book.name == name)
}

/// A bundled table's text, by name.
pub fn bundled(name: &str) -> Option<Source> {
    BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| Source::new(format!("pricing/{n}.toml"), *text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> PriceBook {
        parse(&bundled(name).expect("bundled")).unwrap_or_else(|d| panic!("{d}"))
    }

    #[test]
    fn every_bundled_table_prices_everything_calc_bills() {
        for (name, _) in BUNDLED {
            let book = load(name);
            for def in services::ALL {
                for dimension in def.dimensions {
                    let price = book
                        .price(dimension.key)
                        .unwrap_or_else(|| panic!("{name} has no price `{}`", dimension.key));
                    assert!(
                        !price.source.trim().is_empty(),
                        "`{}` names no source",
                        dimension.key
                    );
                    assert!(
                        is_date(&price.as_of),
                        "`{}` has no as_of date",
                        dimension.key
                    );
                }
                for limit in def.limits {
                    let entry = book
                        .limit(limit.key)
                        .unwrap_or_else(|| panic!("{name} has no limit `{}`", limit.key));
                    assert!(
                        !entry.source.trim().is_empty(),
                        "`{}` names no source",
                        limit.key
                    );
                    assert!(is_date(&entry.as_of), "`{}` has no as_of date", limit.key);
                }
            }
        }
    }

    #[test]
    fn registry_keys_belong_to_their_service() {
        for def in services::ALL {
            for dimension in def.dimensions {
                assert_eq!(
                    dimension.key.split_once('.').map(|(s, _)| s),
                    Some(def.name),
                    "{}",
                    dimension.key
                );
            }
            for limit in def.limits {
                assert_eq!(
                    limit.key.split_once('.').map(|(s, _)| s),
                    Some(def.name),
                    "{}",
                    limit.key
                );
            }
        }
    }

    #[test]
    fn prices_are_exact_decimals() {
        let book = load(DEFAULT_TABLE);
        let shard_hour = book.price("kinesis_data_streams.shard_hour").unwrap();
        assert_eq!(shard_hour.rate, Rate::Flat(Decimal::new(15, 3)));
    }

    #[test]
    fn unknown_keys_in_a_table_are_errors() {
        let text = "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n\
                    [prices.kinesis_data_streams.shard_hours]\nprice = 1\nunit = \"shard-hour\"\n\
                    source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";
        let error = parse(&Source::new("t.toml", text)).unwrap_err();
        assert_eq!(
            error.message,
            "`kinesis_data_streams` has no price `shard_hours`"
        );
        assert_eq!(error.help.as_deref(), Some("did you mean `shard_hour`?"));
    }

    #[test]
    fn a_zero_capacity_limit_is_an_error() {
        // Limits are capacities calc divides by; a zero would divide by zero.
        let text = "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n\
                    [limits.kinesis_data_streams.shard_write_records_per_second]\nvalue = 0\n\
                    source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";
        let error = parse(&Source::new("t.toml", text)).unwrap_err();
        assert_eq!(
            error.message,
            "`kinesis_data_streams.shard_write_records_per_second` must be a positive number"
        );
    }

    fn table_with(entry: &str) -> String {
        format!(
            "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n{entry}\n\
             source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n"
        )
    }

    #[test]
    fn a_tiny_limit_is_refused_not_read_as_zero() {
        // 1e-30 is positive, but 0 in 28 decimal places: calc would divide by it.
        for limit in [
            "dynamodb.partition_wcu",
            "dynamodb.partition_rcu",
            "kinesis_data_streams.shard_write_records_per_second",
            "s3.prefix_write_requests_per_second",
            "s3.prefix_read_requests_per_second",
        ] {
            let (service, name) = limit.split_once('.').expect("a key");
            for value in ["1e-30", "4.9e-29", "1.5e-28"] {
                let text = table_with(&format!("[limits.{service}.{name}]\nvalue = {value}"));
                let error = parse(&Source::new("t.toml", &text)).unwrap_err();
                assert!(
                    error.message.starts_with(&format!("`{limit}`: "))
                        && error.message.ends_with(
                            "has digits past the 28th decimal place, which exact decimal arithmetic cannot keep"
                        ),
                    "{error}"
                );
                assert_eq!(error.location.expect("located").line, 6);
            }
            let text = table_with(&format!("[limits.{service}.{name}]\nvalue = 1e-28"));
            parse(&Source::new("t.toml", &text)).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn a_tiny_price_is_refused_not_read_as_zero() {
        for entry in [
            "price = 1e-29",
            "price = 1e300",
            "tiers = [{ up_to = 1e-30, price = 1 }, { price = 1 }]",
            "price = 1\nfree_per_month = 1e-29",
        ] {
            let text = table_with(&format!(
                "[prices.kinesis_data_streams.shard_hour]\nunit = \"shard-hour\"\n{entry}"
            ));
            let error = parse(&Source::new("t.toml", &text)).unwrap_err();
            assert!(error.location.is_some(), "{error}");
            assert!(
                error.message.contains("exact decimal arithmetic"),
                "{entry}: {error}"
            );
        }
    }

    /// Every price and limit of the bundled table at its edges (0, the
    /// smallest positive decimal, huge), through `calc::run` on each bundled
    /// scenario that uses its service: a report or a message, never a panic.
    #[test]
    fn every_entry_at_its_edges_is_a_report_or_a_message() {
        use toml::Value;
        let scenarios: Vec<(String, String)> = std::fs::read_dir("scenarios")
            .expect("scenarios")
            .map(|e| e.expect("entry").path())
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("read");
                (p.display().to_string(), text)
            })
            .collect();
        let bundled: toml::Table = toml::from_str(BUNDLED[0].1).expect("the bundled table");
        let dir = std::env::temp_dir().join(format!("calc-edges-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let table_path = dir.join("edge.toml");
        let table_path = table_path.to_str().expect("UTF-8");
        let mut runs = 0;
        for section in ["prices", "limits"] {
            for (service, entries) in bundled[section].as_table().expect("a table") {
                let users: Vec<&(String, String)> = scenarios
                    .iter()
                    .filter(|(_, text)| text.contains(&format!("service = \"{service}\"")))
                    .collect();
                for name in entries.as_table().expect("a table").keys() {
                    let entry = &bundled[section][service][name];
                    let edges: Vec<Value> = match entry.get("value") {
                        Some(Value::String(_))
                            if entry["value"].as_str().is_some_and(|v| v.ends_with('B')) =>
                        {
                            ["0 B", "1 B", "1000000 TB"]
                                .map(|v| Value::String(v.into()))
                                .into()
                        }
                        Some(Value::String(_)) => ["0 ms", "1 ms", "100000 d"]
                            .map(|v| Value::String(v.into()))
                            .into(),
                        _ => vec![
                            Value::Integer(0),
                            Value::Float(1e-28),
                            Value::Integer(i64::MAX),
                        ],
                    };
                    for edge in edges {
                        let mut table = bundled.clone();
                        let entry = table[section][service][name]
                            .as_table_mut()
                            .expect("an entry");
                        if section == "limits" {
                            entry.insert("value".into(), edge.clone());
                        } else if let Some(Value::Array(tiers)) = entry.get_mut("tiers") {
                            for tier in tiers {
                                tier.as_table_mut()
                                    .expect("a tier")
                                    .insert("price".into(), edge.clone());
                            }
                        } else {
                            entry.insert("price".into(), edge.clone());
                        }
                        std::fs::write(table_path, toml::to_string(&table).expect("TOML"))
                            .expect("write");
                        for (scenario, _) in &users {
                            let outcome = crate::run(["calc", "--pricing", table_path, scenario]);
                            runs += 1;
                            match outcome.code {
                                0 => assert!(!outcome.stdout.is_empty()),
                                2 => assert!(
                                    outcome.stdout.is_empty()
                                        && outcome.stderr.starts_with("error: ")
                                ),
                                code => {
                                    panic!("exit {code} for {section}.{service}.{name} = {edge}")
                                }
                            }
                        }
                    }
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert!(runs > 300, "only {runs} runs");
    }

    fn is_date(text: &str) -> bool {
        crate::dates::is_date(text)
    }
}
