//! Pricing tables: unit prices, free tiers and service limits, each with the
//! source it came from and the date it was true.
//!
//! Bundled tables are embedded in the binary; a scenario may name its own file.

#[cfg(test)]
mod compiled;
pub mod import;
// Written by `compiled::rust_source`, not by hand.
mod tables;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use toml::Spanned;

use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::base::files::{self, Denied};
use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::report::{ExchangeRate, MAX_TIERS, PricingInfo};
use crate::services;

/// The tables shipped inside the binary, by name, as written: each is
/// compiled into static data ([`tables`]), so that a run reads none of them.
/// The default table prices everything calc bills; a regional one holds only
/// the figures found for its Region.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "aws-us-east-1",
        include_str!("../../pricing/aws-us-east-1.toml"),
    ),
    (
        "aws-eu-west-1",
        include_str!("../../pricing/aws-eu-west-1.toml"),
    ),
    (
        "aws-ap-northeast-2",
        include_str!("../../pricing/aws-ap-northeast-2.toml"),
    ),
];

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
    /// The dimension whose free tier this one shares (Lambda's Arm
    /// duration shares x86's one allowance): its registry key, or `None`
    /// for an allowance of its own.
    pub free_pool: Option<&'static str>,
    pub unit: Text,
    pub source: Text,
    pub as_of: Text,
    pub evidence: Evidence,
}

/// A row of a service's catalogue: a type the table prices by the hour (an
/// EC2 instance type, an MSK broker type), with its size where the table
/// gives it. A scenario names the type; the row gives the unit price of the
/// service's catalogue dimension (`ec2.instance_hour`).
#[derive(Clone, Debug)]
pub struct Instance {
    pub service: &'static str,
    pub name: &'static str,
    pub vcpu: Option<u32>,
    pub memory: Option<Bytes>,
    /// The data a unit of the type holds (a Redshift node's managed or
    /// local storage), where the table gives it.
    pub storage: Option<Bytes>,
    /// A flat price per the catalogue dimension's unit, with its source.
    pub price: Price,
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
    /// The rate its prices were converted at, if they were.
    pub exchange_rate: Option<ExchangeRate>,
    prices: Cow<'static, [(&'static str, Price)]>,
    limits: Cow<'static, [(&'static str, LimitEntry)]>,
    /// Each service's catalogue, sorted by (service, type).
    instances: Cow<'static, [Instance]>,
    /// Each price's and limit's position by the hash of its key, made on
    /// the first look-up: the evaluation finds an entry by an integer.
    index: OnceLock<Index>,
}

/// Positions in a book's prices and limits, sorted by their keys' hashes.
#[derive(Clone, Debug)]
struct Index {
    prices: Box<[(u64, u32)]>,
    limits: Box<[(u64, u32)]>,
}

impl Index {
    fn of<T>(entries: &[(&'static str, T)]) -> Box<[(u64, u32)]> {
        let mut index: Vec<(u64, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, (key, _))| {
                (
                    crate::model::dimension::key_hash(key),
                    u32::try_from(i).unwrap_or(u32::MAX),
                )
            })
            .collect();
        index.sort_unstable();
        index.into_boxed_slice()
    }
}

/// The entry for `key`, whose hash is `hash`, through `index`.
fn by_hash<'a, T>(
    entries: &'a [(&'static str, T)],
    index: &[(u64, u32)],
    hash: u64,
    key: &str,
) -> Option<&'a T> {
    let first = index.partition_point(|(h, _)| *h < hash);
    index[first..]
        .iter()
        .take_while(|(h, _)| *h == hash)
        .filter_map(|(_, i)| entries.get(*i as usize))
        .find(|(k, _)| *k == key)
        .map(|(_, entry)| entry)
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

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index {
            prices: Index::of(&self.prices),
            limits: Index::of(&self.limits),
        })
    }

    /// The price of `dimension`, found by its key's compiled-in hash.
    pub fn price_of(&self, dimension: &Dimension) -> Option<&Price> {
        by_hash(
            &self.prices,
            &self.index().prices,
            dimension.hash,
            dimension.key,
        )
    }

    /// The value of `limit`, found by its key's compiled-in hash.
    pub fn limit_of(&self, limit: &Limit) -> Option<&LimitEntry> {
        by_hash(&self.limits, &self.index().limits, limit.hash, limit.key)
    }

    /// The row of `service`'s catalogue for the type `name`.
    pub fn instance(&self, service: &str, name: &str) -> Option<&Instance> {
        self.instances
            .binary_search_by(|row| (row.service, row.name).cmp(&(service, name)))
            .ok()
            .map(|i| &self.instances[i])
    }

    /// The rows of `service`'s catalogue, by type.
    pub fn instances(&self, service: &str) -> &[Instance] {
        let start = self.instances.partition_point(|row| row.service < service);
        let end = self.instances.partition_point(|row| row.service <= service);
        &self.instances[start..end]
    }

    /// Whether the table prices `dimension` of `def`: a price, or for a
    /// catalogue's dimension, at least one type.
    pub fn holds(&self, def: &services::ServiceDef, dimension: &Dimension) -> bool {
        if let Some(service) = crate::services::catalogue_service(dimension, def) {
            !self.instances(service).is_empty()
        } else {
            self.price(dimension.key).is_some()
        }
    }

    /// Every catalogue's rows, by (service, type).
    pub fn all_instances(&self) -> &[Instance] {
        &self.instances
    }

    pub fn prices(&self) -> impl Iterator<Item = (&'static str, &Price)> {
        self.prices.iter().map(|(k, v)| (*k, v))
    }

    pub fn limits(&self) -> impl Iterator<Item = (&'static str, &LimitEntry)> {
        self.limits.iter().map(|(k, v)| (*k, v))
    }

    /// This table with `other`'s prices (its free tiers and catalogues)
    /// and its own limits: what a design of the same capacity costs at
    /// other prices.
    pub fn with_prices_of(&self, other: &PriceBook) -> PriceBook {
        PriceBook {
            prices: other.prices.clone(),
            instances: other.instances.clone(),
            ..self.clone()
        }
    }

    /// Replaces one unit price, as `[pricing_overrides]` does; the free tier stays.
    pub fn override_price(&mut self, key: &'static str, price: Decimal, unit: &'static str) {
        self.index = OnceLock::new();
        let prices = self.prices.to_mut();
        let index = match prices.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(index) => index,
            Err(index) => {
                let entry = Price {
                    rate: Rate::Flat(price),
                    free_per_month: Decimal::ZERO,
                    free_per_hour: Decimal::ZERO,
                    free_pool: None,
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
    /// A bundled table this one holds only the differences from.
    #[serde(default)]
    extends: Option<Spanned<String>>,
    // Inherited from the table extended when it is left out.
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    currency: Option<Spanned<String>>,
    #[serde(default)]
    as_of: Option<String>,
    /// How the extended table's currency converts into this one's.
    #[serde(default)]
    exchange_rate: Option<Spanned<RawExchangeRate>>,
    /// A fraction off every price (and tier) of a service (`kinesis_data_streams`)
    /// or of one dimension (`"dynamodb.wcu_hour"`), from the extended table.
    #[serde(default)]
    discounts: BTreeMap<Spanned<String>, Figure>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    prices: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawPrice>>>,
    #[serde(default)]
    limits: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawLimit>>>,
    /// Each service's catalogue of types: `[instances.ec2."m5.large"]`.
    #[serde(default)]
    instances: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawInstance>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstance {
    #[serde(default)]
    vcpu: Option<Spanned<i64>>,
    #[serde(default)]
    memory: Option<Spanned<String>>,
    #[serde(default)]
    storage: Option<Spanned<String>>,
    price: Figure,
    unit: Spanned<String>,
    source: String,
    as_of: String,
    evidence: Evidence,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExchangeRate {
    from: String,
    rate: Figure,
    as_of: String,
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
    /// Another dimension of the same service whose free tier this one shares.
    #[serde(default)]
    free_shared_with: Option<Spanned<String>>,
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
    let base = match &raw.extends {
        Some(name) => Some(compiled(name.get_ref()).ok_or_else(|| {
            source
                .error(
                    name.span().into(),
                    format!("`extends` names no bundled table: `{}`", name.get_ref()),
                )
                .suggesting(name.get_ref(), BUNDLED.iter().map(|(n, _)| *n))
        })?),
        None => None,
    };
    let required = |field: Option<&str>, key: &str| {
        field
            .map(str::to_string)
            .or_else(|| {
                base.map(|book| match key {
                    "region" => book.region.to_string(),
                    "currency" => book.currency.to_string(),
                    _ => book.as_of.to_string(),
                })
            })
            .ok_or_else(|| {
                source.error_in_file(format!(
                    "the table needs `{key}` (or `extends`, to take it from a bundled table)"
                ))
            })
    };
    let region = required(raw.region.as_deref(), "region")?;
    let currency = required(
        raw.currency.as_ref().map(|c| c.get_ref().as_str()),
        "currency",
    )?;
    let as_of = required(raw.as_of.as_deref(), "as_of")?;
    let exchange_rate = exchange_rate(source, &raw, base, &currency)?;

    // The extended table's prices, converted and discounted; then this
    // table's own, which replace them.
    let mut prices: BTreeMap<&'static str, Price> = BTreeMap::new();
    let mut limits: BTreeMap<&'static str, LimitEntry> = BTreeMap::new();
    let mut instances: BTreeMap<(&'static str, &'static str), Instance> = BTreeMap::new();
    if let Some(base) = base {
        let discounts = discounts(source, &raw)?;
        let converted = |key: &str, price: &Price| {
            let mut price = price.clone();
            if let Some(rate) = &exchange_rate {
                price = scaled(price, rate.rate).ok_or_else(|| too_large(source, key))?;
                price.source = Cow::Owned(format!(
                    "{} (converted at {} {} = 1 {}, as of {})",
                    price.source, rate.rate, currency, rate.from, rate.as_of
                ));
            }
            let service = key.split_once('.').map_or(key, |(s, _)| s);
            if let Some(off) = discounts
                .iter()
                .find(|(k, _)| *k == key)
                .or_else(|| discounts.iter().find(|(k, _)| *k == service))
                .map(|(_, off)| *off)
            {
                price = scaled(price, Decimal::ONE - off).ok_or_else(|| too_large(source, key))?;
                price.source = Cow::Owned(format!(
                    "{}; less {}% ({})",
                    price.source,
                    (off * Decimal::ONE_HUNDRED).normalize(),
                    source.name
                ));
            }
            Ok::<Price, Diagnostic>(price)
        };
        for (key, price) in base.prices() {
            prices.insert(key, converted(key, price)?);
        }
        // A row prices its service's catalogue dimension: a discount of
        // the service or of that dimension applies to it.
        for row in base.instances.iter() {
            let key = services::find(row.service)
                .and_then(|def| def.catalogue)
                .map_or(row.service, |d| d.key);
            let price = converted(key, &row.price)?;
            instances.insert(
                (row.service, row.name),
                Instance {
                    price,
                    ..row.clone()
                },
            );
        }
        limits.extend(base.limits().map(|(key, entry)| (key, entry.clone())));
    } else if !raw.discounts.is_empty() {
        return Err(source
            .error_in_file("`discounts` apply to the table a price book extends: add `extends`"));
    }
    for (service, dims) in &raw.prices {
        let def = known_service(source, service)?;
        for (name, raw_price) in dims {
            let dimension = known_entry(source, def.name, "price", name, def.dimensions, |d| {
                d.name()
            })?;
            if let Some(rows) = crate::services::catalogue_service(dimension, def) {
                return Err(source
                    .error(
                        name.span().into(),
                        format!("`{}` is priced by type, in `[instances.{rows}]`", dimension.key),
                    )
                    .with_help(format!(
                        "write a row a type: `[instances.{rows}.\"TYPE\"]` with `price` and `unit = \"{}\"`",
                        dimension.unit
                    )));
            }
            let mut price = check_price(source, dimension, raw_price)?;
            if let Some(shared) = &raw_price.get_ref().free_shared_with {
                let pool = known_entry(source, def.name, "price", shared, def.dimensions, |d| {
                    d.name()
                })?;
                price.free_pool = Some(pool.key);
            }
            prices.insert(dimension.key, price);
        }
    }
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
    for (service, rows) in &raw.instances {
        let (def, dimension) = catalogue_of(source, service)?;
        for (name, raw_row) in rows {
            let row = check_instance(source, def.name, dimension, name, raw_row)?;
            instances.insert((row.service, row.name), row);
        }
    }
    Ok(PriceBook {
        name: Cow::Owned(raw.name),
        region: Cow::Owned(region),
        currency: Cow::Owned(currency),
        as_of: Cow::Owned(as_of),
        source_name: Cow::Owned(source.name.clone()),
        exchange_rate,
        prices: Cow::Owned(prices.into_iter().collect()),
        limits: Cow::Owned(limits.into_iter().collect()),
        instances: Cow::Owned(instances.into_values().collect()),
        index: OnceLock::new(),
    })
}

/// The rate that converts the extended table's currency into this one's: a
/// table in another currency must state it, and one in the same must not.
fn exchange_rate(
    source: &Source,
    raw: &RawTable,
    base: Option<&PriceBook>,
    currency: &str,
) -> Result<Option<ExchangeRate>, Diagnostic> {
    let base_currency = base.map(|b| b.currency.as_ref());
    match (&raw.exchange_rate, base_currency) {
        (None, Some(from)) if from != currency => {
            let span = raw
                .currency
                .as_ref()
                .map_or_else(Span::default, |c| c.span().into());
            Err(source
                .error(
                    span,
                    format!("the table is in {currency}, the one it extends in {from}"),
                )
                .with_help(format!(
                    "give the rate: exchange_rate = {{ from = \"{from}\", rate = …, as_of = \"YYYY-MM-DD\" }}"
                )))
        }
        (None, _) => Ok(None),
        (Some(rate), None) => Err(source.error(
            rate.span().into(),
            "`exchange_rate` converts the prices of the table a price book extends: add `extends`",
        )),
        (Some(raw_rate), Some(from)) => {
            let span: Span = raw_rate.span().into();
            let rate = raw_rate.get_ref();
            if rate.from != from {
                return Err(source.error(
                    span,
                    format!(
                        "`exchange_rate.from` is {}, but the table extended is in {from}",
                        rate.from
                    ),
                ));
            }
            if !crate::base::dates::is_date(&rate.as_of) {
                return Err(source.error(
                    span,
                    format!(
                        "`exchange_rate.as_of = \"{}\"` is not a date YYYY-MM-DD",
                        rate.as_of
                    ),
                ));
            }
            let value = exact(source, &rate.rate)?;
            if value <= Decimal::ZERO {
                return Err(source.error(span, "an exchange rate must be above zero"));
            }
            Ok(Some(ExchangeRate {
                from: Cow::Owned(rate.from.clone()),
                rate: value,
                as_of: Cow::Owned(rate.as_of.clone()),
            }))
        }
    }
}

/// The discounts a price book states: (a dimension key or a service name,
/// the fraction off), each checked.
fn discounts(source: &Source, raw: &RawTable) -> Result<Vec<(&'static str, Decimal)>, Diagnostic> {
    let mut checked = Vec::with_capacity(raw.discounts.len());
    for (key, figure) in &raw.discounts {
        let span: Span = key.span().into();
        let name = key.get_ref();
        let target = match name.split_once('.') {
            Some(_) => services::dimension(name).map(|d| d.key).ok_or_else(|| {
                source
                    .error(span, format!("no price is named `{name}`"))
                    .suggesting(name, services::dimensions().map(|d| d.key))
            })?,
            None => services::find(name).map(|def| def.name).ok_or_else(|| {
                source
                    .error(span, format!("unknown service `{name}`"))
                    .suggesting(name, services::names())
            })?,
        };
        let off = exact(source, figure)?;
        if off < Decimal::ZERO || off >= Decimal::ONE {
            return Err(source
                .error(
                    figure.span().into(),
                    format!("a discount is a fraction from 0 up to 1, not {off}"),
                )
                .with_help("12% off is `0.12`"));
        }
        checked.push((target, off));
    }
    Ok(checked)
}

/// `price` with every figure (flat or each tier) multiplied by `factor`;
/// `None` if a figure grows too large for exact decimals.
fn scaled(mut price: Price, factor: Decimal) -> Option<Price> {
    price.rate = price.rate.scaled(factor)?;
    Some(price)
}

impl Rate {
    /// Every price of the rate times `factor`; `None` past exact decimals.
    pub fn scaled(&self, factor: Decimal) -> Option<Rate> {
        Some(match self {
            Rate::Flat(p) => Rate::Flat(p.checked_mul(factor)?),
            Rate::Tiered(tiers) => Rate::Tiered(Cow::Owned(
                tiers
                    .iter()
                    .map(|t| {
                        Some(Tier {
                            up_to: t.up_to,
                            price: t.price.checked_mul(factor)?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            )),
        })
    }
}

fn too_large(source: &Source, key: &str) -> Diagnostic {
    source.error_in_file(format!(
        "converting `{key}` makes a price too large for exact decimals"
    ))
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
        free_pool: None,
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

/// The service a `[instances.<service>]` table names, and the dimension its
/// rows price; a service without a catalogue is an error naming those with one.
fn catalogue_of(
    source: &Source,
    name: &Spanned<String>,
) -> Result<(&'static services::ServiceDef, &'static Dimension), Diagnostic> {
    let with_catalogue = || services::ALL.iter().filter(|def| def.catalogue.is_some());
    let listed: Vec<String> = with_catalogue()
        .map(|def| format!("`{}`", def.name))
        .collect();
    let def = known_service(source, name)?;
    def.catalogue
        .map(|dimension| (def, dimension))
        .ok_or_else(|| {
            source
                .error(
                    name.span().into(),
                    format!("`{}` has no catalogue of types", def.name),
                )
                .with_help(format!("types are priced for {}", listed.join(", ")))
        })
}

/// The most vCPUs a catalogue row states: more is a typo.
const MAX_VCPU: i64 = 1_024;

/// A catalogue row, checked as a price is: its unit the dimension's, its
/// price an exact non-negative figure; its name a type as AWS writes it.
fn check_instance(
    source: &Source,
    service: &'static str,
    dimension: &Dimension,
    name: &Spanned<String>,
    raw: &Spanned<RawInstance>,
) -> Result<Instance, Diagnostic> {
    let span: Span = name.span().into();
    let text = name.get_ref();
    // Names reach terminals and paths: letters, digits and `.`, `-`, `_`.
    let word = !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !word {
        return Err(source
            .error(span, format!("`{text}` is not a type name"))
            .with_help("a type is written as AWS writes it, e.g. `m5.large`"));
    }
    let raw = raw.get_ref();
    if raw.unit.get_ref() != dimension.unit {
        return Err(source
            .error(
                raw.unit.span().into(),
                format!(
                    "`{service}` type `{text}` is priced per `{}`, but calc counts `{}` in `{}`",
                    raw.unit.get_ref(),
                    dimension.key,
                    dimension.unit
                ),
            )
            .with_help(format!("convert the price to one per `{}`", dimension.unit)));
    }
    let vcpu = match &raw.vcpu {
        Some(vcpu) if (1..=MAX_VCPU).contains(vcpu.get_ref()) => {
            u32::try_from(*vcpu.get_ref()).ok()
        }
        Some(vcpu) => {
            return Err(source.error(
                vcpu.span().into(),
                format!(
                    "`vcpu` is a whole number from 1 to {MAX_VCPU} (found {})",
                    vcpu.get_ref()
                ),
            ));
        }
        None => None,
    };
    let size = |field: &Option<Spanned<String>>, name: &str| match field {
        Some(size) => match size.get_ref().parse::<Bytes>() {
            Ok(Bytes(0)) => {
                Err(source.error(size.span().into(), format!("`{name}` must be above 0 B")))
            }
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) => Err(source.error(size.span().into(), e)),
        },
        None => Ok(None),
    };
    let memory = size(&raw.memory, "memory")?;
    let storage = size(&raw.storage, "storage")?;
    Ok(Instance {
        service,
        name: interned(text),
        vcpu,
        memory,
        storage,
        price: Price {
            rate: Rate::Flat(non_negative(source, &raw.price)?),
            free_per_month: Decimal::ZERO,
            free_per_hour: Decimal::ZERO,
            free_pool: None,
            unit: Cow::Owned(raw.unit.get_ref().clone()),
            source: Cow::Owned(raw.source.clone()),
            as_of: Cow::Owned(raw.as_of.clone()),
            evidence: raw.evidence,
        },
    })
}

/// `name`, kept for the life of the run: a catalogue's names are few and
/// read once, and a report names a component's type by them without
/// copying (as the registry's keys are).
fn interned(name: &str) -> &'static str {
    static NAMES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
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

/// A table's number, if it reads as one.
fn figure(figure: &Figure) -> Option<Decimal> {
    match figure.get_ref() {
        toml::Value::Integer(n) => Some(Decimal::from(*n)),
        toml::Value::Float(f) => crate::base::number::decimal_from_f64(*f),
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
    let decimal = crate::base::number::decimal_from_f64(value).ok_or_else(too_large)?;
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
    let source = match named_by {
        NamedBy::CommandLine => files::read(Path::new(name), "pricing table ")?,
        NamedBy::Scenario {
            dir,
            allow_outside: true,
        } => files::read(&dir.join(name), "pricing table ")?,
        NamedBy::Scenario {
            dir,
            allow_outside: false,
        } => read_inside_the_scenario_folder(name, dir)?,
    };
    parse(&source)
}

/// The table a scenario names, if it is one the scenario may read.
fn read_inside_the_scenario_folder(name: &str, dir: &Path) -> Result<Source, Diagnostic> {
    let allow = format!(
        "a scenario may name a bundled table or a `.toml` file in its own folder, \
         wherever a link there leads; if you trust this table, pass `--pricing {}` \
         or `--allow-outside-pricing`",
        dir.join(name).display()
    );
    // A scenario may come from anyone: it must not read a file just because
    // the file is readable (a key, `.env`), nor quote it in a message.
    let refused = |what: &str| {
        Diagnostic::plain(format!("pricing table `{name}` {what}")).with_help(allow.clone())
    };
    let written = Path::new(name);
    if !files::stays_inside(written) {
        return Err(refused("is outside the scenario's folder"));
    }
    if !name.ends_with(".toml") {
        return Err(refused("is not a `.toml` file"));
    }
    files::read_within(dir, written, "pricing table ").map_err(|denied| match denied {
        // One message whether the link leads out of the folder, to a file
        // of another name, or nowhere.
        Denied::Refused => refused("does not lead to a `.toml` file in the scenario's folder"),
        Denied::Error(error) => error,
    })
}

impl PriceBook {
    /// What a report says of the table it used.
    pub fn info(&self) -> PricingInfo {
        PricingInfo {
            name: self.name.to_string(),
            region: self.region.to_string(),
            currency: self.currency.to_string(),
            as_of: self.as_of.to_string(),
            exchange_rate: self.exchange_rate.clone(),
        }
    }
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
    fn the_default_table_prices_everything_calc_bills() {
        let book = load(DEFAULT_TABLE);
        for def in services::ALL {
            for dimension in def.dimensions {
                assert!(
                    book.holds(def, dimension),
                    "{DEFAULT_TABLE} has no price `{}`",
                    dimension.key
                );
            }
            for limit in def.limits {
                assert!(
                    book.limit(limit.key).is_some(),
                    "{DEFAULT_TABLE} has no limit `{}`",
                    limit.key
                );
            }
        }
    }

    /// A regional table may leave a price or limit out (a scenario that
    /// needs it is refused), but what it holds is sourced and dated.
    #[test]
    fn every_bundled_table_sources_and_dates_what_it_holds() {
        for (name, _) in BUNDLED {
            let book = load(name);
            assert_eq!(book.name, *name);
            let mut held = 0;
            for (key, price) in book.prices() {
                held += 1;
                assert!(
                    !price.source.trim().is_empty(),
                    "{name}: `{key}` names no source"
                );
                assert!(is_date(&price.as_of), "{name}: `{key}` has no as_of date");
            }
            for row in book.all_instances() {
                held += 1;
                let what = format!("{name}: type `{}` of `{}`", row.name, row.service);
                assert!(
                    !row.price.source.trim().is_empty(),
                    "{what} names no source"
                );
                assert!(is_date(&row.price.as_of), "{what} has no as_of date");
            }
            for (key, entry) in book.limits() {
                assert!(
                    !entry.source.trim().is_empty(),
                    "{name}: `{key}` names no source"
                );
                assert!(is_date(&entry.as_of), "{name}: `{key}` has no as_of date");
            }
            assert!(held > 0, "{name} holds no price");
        }
    }

    #[test]
    fn a_regional_table_names_its_region_in_every_price() {
        // Each price of a regional table was found for that Region: its
        // source says which, so that no us-east-1 figure passes as another's.
        for (name, region) in [
            ("aws-eu-west-1", "eu-west-1"),
            ("aws-ap-northeast-2", "ap-northeast-2"),
        ] {
            let book = load(name);
            assert_eq!(book.region, region);
            for (key, price) in book.prices() {
                assert!(
                    price.source.contains(&format!("({region})")),
                    "{name}: `{key}`'s source does not name {region}"
                );
            }
            for row in book.all_instances() {
                assert!(
                    row.price.source.contains(&format!("({region})")),
                    "{name}: type `{}`'s source does not name {region}",
                    row.name
                );
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
    fn a_catalogue_row_is_read_with_its_size_and_checked_like_a_price() {
        let row = |service: &str, name: &str, body: &str| {
            table_with(&format!("[instances.{service}.\"{name}\"]\n{body}"))
        };
        let text = row(
            "ec2",
            "m6i.xlarge",
            "vcpu = 4\nmemory = \"16 GB\"\nprice = 0.192\nunit = \"instance-hour\"",
        );
        let book = parse(&Source::new("t.toml", &text)).unwrap_or_else(|e| panic!("{e}"));
        let found = book.instance("ec2", "m6i.xlarge").expect("the row");
        assert_eq!(found.vcpu, Some(4));
        assert_eq!(found.memory, Some(Bytes(16 << 30)));
        assert_eq!(found.price.rate, Rate::Flat(Decimal::new(192, 3)));
        assert_eq!(book.instances("ec2").len(), 1);
        assert!(book.instances("msk").is_empty());

        let refused = |text: String| parse(&Source::new("t.toml", &text)).unwrap_err();
        let error = refused(row(
            "ecc2",
            "m5.large",
            "price = 1\nunit = \"instance-hour\"",
        ));
        assert_eq!(error.message, "unknown service `ecc2`");
        assert_eq!(error.help.as_deref(), Some("did you mean `ec2`?"));
        let error = refused(row("sqs", "x", "price = 1\nunit = \"instance-hour\""));
        assert_eq!(error.message, "`sqs` has no catalogue of types");
        assert_eq!(
            error.help.as_deref(),
            Some("types are priced for `msk`, `ec2`, `emr`, `redshift`, `documentdb`")
        );
        let error = refused(row(
            "msk",
            "kafka.m5.large",
            "price = 0.21\nunit = \"instance-hour\"",
        ));
        assert_eq!(
            error.message,
            "`msk` type `kafka.m5.large` is priced per `instance-hour`, but calc counts `msk.broker_hour` in `broker-hour`"
        );
        let error = refused(row(
            "ec2",
            "m5.large",
            "price = 1\nunit = \"instance-hour\"\nvcpus = 2",
        ));
        assert_eq!(error.message, "unknown key `vcpus`");
        assert_eq!(error.help.as_deref(), Some("did you mean `vcpu`?"));
        let error = refused(row(
            "ec2",
            "m5.large",
            "price = -1\nunit = \"instance-hour\"",
        ));
        assert_eq!(error.message, "prices cannot be negative (found -1)");
        let error = refused(row(
            "ec2",
            "m5 large",
            "price = 1\nunit = \"instance-hour\"",
        ));
        assert_eq!(error.message, "`m5 large` is not a type name");
        // The catalogue's dimension is priced by its rows only.
        let error = refused(table_with(
            "[prices.ec2.instance_hour]\nprice = 1\nunit = \"instance-hour\"",
        ));
        assert_eq!(
            error.message,
            "`ec2.instance_hour` is priced by type, in `[instances.ec2]`"
        );
    }

    #[test]
    fn a_price_book_converts_the_rows_it_inherits() {
        // m5.xlarge at $0.192 × 1,390.5 KRW/USD = ₩266.976 an instance-hour;
        // a row of its own replaces an inherited one (m5.large) or adds a
        // type (m6i.metal), in its own currency.
        let own = |name: &str, price: u32| {
            format!(
                "[instances.ec2.\"{name}\"]\nprice = {price}\nunit = \"instance-hour\"\n\
                 source = \"our agreement\"\nas_of = \"2026-10-01\"\nevidence = \"unverified\"\n"
            )
        };
        let text = format!(
            "name = \"acme\"\nextends = \"aws-us-east-1\"\ncurrency = \"KRW\"\n\
             exchange_rate = {{ from = \"USD\", rate = 1390.5, as_of = \"2026-11-01\" }}\n{}{}",
            own("m5.large", 130),
            own("m6i.metal", 250)
        );
        let book = parse(&Source::new("acme.toml", &text)).unwrap_or_else(|e| panic!("{e}"));
        let inherited = book.instance("ec2", "m5.xlarge").expect("inherited");
        assert_eq!(inherited.price.rate, Rate::Flat(Decimal::new(266_976, 3)));
        assert_eq!(inherited.vcpu, Some(4));
        assert!(
            inherited
                .price
                .source
                .contains("(converted at 1390.5 KRW = 1 USD"),
            "{}",
            inherited.price.source
        );
        let replaced = book.instance("ec2", "m5.large").expect("its own");
        assert_eq!(replaced.price.rate, Rate::Flat(Decimal::from(130)));
        assert_eq!(replaced.price.source, "our agreement");
        let added = book.instance("ec2", "m6i.metal").expect("its own");
        assert_eq!(added.price.rate, Rate::Flat(Decimal::from(250)));
        assert_eq!(
            book.instances("ec2").len(),
            compiled(DEFAULT_TABLE).unwrap().instances("ec2").len() + 1
        );
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
        crate::base::dates::is_date(text)
    }
}
