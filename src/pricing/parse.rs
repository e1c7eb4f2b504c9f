//! Reading a pricing table: every key one a service uses, with the unit it
//! computes in; a price book extends a bundled table, converts its currency
//! and applies its discounts.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use toml::Spanned;

use super::figures::{Figure, exact, limit_value, non_negative};
use super::import::BILLING_CODES;
use super::raw::{RawInstance, RawPrice, RawReason, RawTable, RawTier};
use super::{
    Commitment, Instance, LimitEntry, Missing, Price, PriceBook, Rate, Tier, Vocabulary,
    bundled_names, compiled,
};
use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::base::units::Bytes;
use crate::model::dimension::Dimension;
use crate::model::priced::Priced;
use crate::model::report::{ExchangeRate, MAX_TIERS};

/// Parses and checks a pricing table: every key must be one a service uses,
/// with the unit that service computes in, so that no price is silently
/// applied to the wrong quantity.
pub fn parse(source: &Source, services: Vocabulary) -> Result<PriceBook, Diagnostic> {
    let raw: RawTable = toml::from_str(&source.text).map_err(|e| source.toml_error(&e))?;
    let base = extended(source, &raw)?;
    let required = |field: Option<&str>, key: &str| inherited(source, base, field, key);
    let region = required(raw.region.as_deref(), "region")?;
    let currency = required(
        raw.currency.as_ref().map(|c| c.get_ref().as_str()),
        "currency",
    )?;
    let as_of = required(raw.as_of.as_deref(), "as_of")?;
    let exchange_rate = exchange_rate(source, &raw, base, &currency)?;
    // The extended table's prices, converted and discounted; then this
    // table's own, which replace them.
    let mut entries = Entries::default();
    match base {
        Some(base) => {
            let conversion = Conversion {
                source,
                rate: exchange_rate.as_ref(),
                currency: &currency,
                discounts: discounts(source, &raw, services)?,
            };
            entries.inherit(base, &conversion, services)?;
        }
        None if !raw.discounts.is_empty() => {
            return Err(source.error_in_file(
                "`discounts` apply to the table a price book extends: add `extends`",
            ));
        }
        None => {}
    }
    entries.read_prices(source, &raw, services)?;
    entries.read_limits(source, &raw, services)?;
    entries.read_instances(source, &raw, services)?;
    entries.read_missing(source, &raw, services)?;
    Ok(PriceBook {
        name: Cow::Owned(raw.name),
        region: Cow::Owned(region),
        currency: Cow::Owned(currency),
        as_of: Cow::Owned(as_of),
        source_name: Cow::Owned(source.name.clone()),
        exchange_rate,
        prices: Cow::Owned(entries.prices.into_iter().collect()),
        limits: Cow::Owned(entries.limits.into_iter().collect()),
        instances: Cow::Owned(entries.instances.into_values().collect()),
        missing_prices: Cow::Owned(entries.missing_prices.into_iter().collect()),
        missing_limits: Cow::Owned(entries.missing_limits.into_iter().collect()),
        index: OnceLock::new(),
    })
}

/// The bundled table a price book extends, if it names one.
fn extended(source: &Source, raw: &RawTable) -> Result<Option<&'static PriceBook>, Diagnostic> {
    let Some(name) = &raw.extends else {
        return Ok(None);
    };
    compiled(name.get_ref()).map(Some).ok_or_else(|| {
        source
            .error(
                name.span().into(),
                format!("`extends` names no bundled table: `{}`", name.get_ref()),
            )
            .suggesting(name.get_ref(), bundled_names())
    })
}

/// A table's `region`, `currency` or `as_of`: as written, else the
/// extended table's; required of a table that extends none.
fn inherited(
    source: &Source,
    base: Option<&PriceBook>,
    written: Option<&str>,
    key: &str,
) -> Result<String, Diagnostic> {
    written
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
}

/// How a price book converts the prices it inherits: at its exchange
/// rate, then less its discounts, each step said in the price's source.
struct Conversion<'a> {
    source: &'a Source,
    rate: Option<&'a ExchangeRate>,
    currency: &'a str,
    /// (a dimension key or a service name, the fraction off).
    discounts: Vec<(&'static str, Decimal)>,
}

impl Conversion<'_> {
    /// `price`, of the dimension `key`, converted and discounted.
    fn apply(&self, key: &str, price: &Price) -> Result<Price, Diagnostic> {
        let source = self.source;
        let mut price = price.clone();
        if let Some(rate) = self.rate {
            price = scaled(price, rate.rate).ok_or_else(|| too_large(source, key))?;
            price.source = Cow::Owned(format!(
                "{} (converted at {} {} = 1 {}, as of {})",
                price.source, rate.rate, self.currency, rate.from, rate.as_of
            ));
        }
        let service = key.split_once('.').map_or(key, |(s, _)| s);
        let discount = |wanted: &str| self.discounts.iter().find(|(k, _)| *k == wanted);
        if let Some((_, off)) = discount(key).or_else(|| discount(service)) {
            price = scaled(price, Decimal::ONE - off).ok_or_else(|| too_large(source, key))?;
            price.source = Cow::Owned(format!(
                "{}; less {}% ({})",
                price.source,
                (off * Decimal::ONE_HUNDRED).normalize(),
                source.name
            ));
        }
        Ok(price)
    }
}

/// A table's prices, limits and catalogue rows, by key, as they are read.
#[derive(Default)]
struct Entries {
    prices: BTreeMap<&'static str, Price>,
    limits: BTreeMap<&'static str, LimitEntry>,
    instances: BTreeMap<(&'static str, &'static str), Instance>,
    missing_prices: BTreeMap<&'static str, Missing>,
    missing_limits: BTreeMap<&'static str, Missing>,
}

impl Entries {
    /// Everything `base` holds, its prices and rows converted.
    fn inherit(
        &mut self,
        base: &PriceBook,
        conversion: &Conversion,
        services: Vocabulary,
    ) -> Result<(), Diagnostic> {
        for (key, price) in base.prices() {
            self.prices.insert(key, conversion.apply(key, price)?);
        }
        // A row prices its service's catalogue dimension: a discount of
        // the service or of that dimension applies to it.
        for row in base.instances.iter() {
            let key = services
                .service(row.service)
                .and_then(|def| def.catalogue)
                .map_or(row.service, |d| d.key);
            let price = conversion.apply(key, &row.price)?;
            let commitments = row
                .commitments
                .iter()
                .map(|c| {
                    Ok(Commitment {
                        upfront: conversion.apply(key, &c.upfront)?,
                        hourly: conversion.apply(key, &c.hourly)?,
                        ..c.clone()
                    })
                })
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            self.instances.insert(
                (row.service, row.name),
                Instance {
                    price,
                    commitments: Cow::Owned(commitments),
                    ..row.clone()
                },
            );
        }
        self.limits
            .extend(base.limits().map(|(key, entry)| (key, entry.clone())));
        // What the base leaves out stays out, unless this table fills it.
        self.missing_prices
            .extend(base.missing_prices().map(|(k, m)| (k, m.clone())));
        self.missing_limits
            .extend(base.missing_limits().map(|(k, m)| (k, m.clone())));
        Ok(())
    }

    /// `[prices.SERVICE.DIMENSION]`: each a dimension of its service that
    /// is not priced by type, checked.
    fn read_prices(
        &mut self,
        source: &Source,
        raw: &RawTable,
        services: Vocabulary,
    ) -> Result<(), Diagnostic> {
        for (service, dims) in &raw.prices {
            let def = known_service(source, services, service)?;
            let dimension_named = |name| {
                known_entry(source, def.service, "price", name, def.dimensions, |d| {
                    d.name()
                })
            };
            for (name, raw_price) in dims {
                let dimension = dimension_named(name)?;
                if let Some(rows) = def.catalogue_service(dimension) {
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
                    price.free_pool = Some(dimension_named(shared)?.key);
                }
                for row in destinations(source, dimension, raw_price.get_ref())? {
                    self.instances.insert((row.service, row.name), row);
                }
                self.missing_prices.remove(dimension.key);
                self.prices.insert(dimension.key, price);
            }
        }
        Ok(())
    }

    /// `[limits.SERVICE.LIMIT]`: each a limit of its service, of its kind.
    fn read_limits(
        &mut self,
        source: &Source,
        raw: &RawTable,
        services: Vocabulary,
    ) -> Result<(), Diagnostic> {
        for (service, entries) in &raw.limits {
            let def = known_service(source, services, service)?;
            for (name, raw_limit) in entries {
                let limit =
                    known_entry(source, def.service, "limit", name, def.limits, |l| l.name())?;
                let raw_limit = raw_limit.get_ref();
                let value = limit_value(source, limit, &raw_limit.value)?;
                self.missing_limits.remove(limit.key);
                self.limits.insert(
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
        Ok(())
    }

    /// `[instances.SERVICE."TYPE"]`: each a row of a service's catalogue.
    fn read_instances(
        &mut self,
        source: &Source,
        raw: &RawTable,
        services: Vocabulary,
    ) -> Result<(), Diagnostic> {
        for (service, rows) in &raw.instances {
            let (def, dimension) = catalogue_of(source, services, service)?;
            for (name, raw_row) in rows {
                let row = check_instance(source, def.service, dimension, name, raw_row)?;
                self.instances.insert((row.service, row.name), row);
            }
            // A row fills every dimension this catalogue prices.
            for other in services.0 {
                for d in other.dimensions {
                    if other.catalogue_service(d) == Some(def.service) {
                        self.missing_prices.remove(d.key);
                    }
                }
            }
        }
        Ok(())
    }

    /// `[missing.…]`: each a price or limit of a service, or a service,
    /// that the table leaves out on purpose, with its reason; none that the
    /// table also holds.
    fn read_missing(
        &mut self,
        source: &Source,
        raw: &RawTable,
        services: Vocabulary,
    ) -> Result<(), Diagnostic> {
        for (service, dims) in &raw.missing.prices {
            let def = known_service(source, services, service)?;
            for (name, why) in dims {
                let dimension =
                    known_entry(source, def.service, "price", name, def.dimensions, |d| {
                        d.name()
                    })?;
                let held = match def.catalogue_service(dimension) {
                    Some(rows) => self.instances.keys().any(|(s, _)| *s == rows),
                    None => self.prices.contains_key(dimension.key),
                };
                if held {
                    return Err(also_held(source, name, "prices", dimension.key));
                }
                let missing = reason(source, why, false)?;
                self.missing_prices.insert(dimension.key, missing);
            }
        }
        for (service, limits) in &raw.missing.limits {
            let def = known_service(source, services, service)?;
            for (name, why) in limits {
                let limit =
                    known_entry(source, def.service, "limit", name, def.limits, |l| l.name())?;
                if self.limits.contains_key(limit.key) {
                    return Err(also_held(source, name, "limits", limit.key));
                }
                let missing = reason(source, why, false)?;
                self.missing_limits.insert(limit.key, missing);
            }
        }
        for (service, why) in &raw.missing.not_offered {
            let def = known_service(source, services, service)?;
            let held = def
                .dimensions
                .iter()
                .find(|d| match def.catalogue_service(d) {
                    Some(rows) => self.instances.keys().any(|(s, _)| *s == rows),
                    None => self.prices.contains_key(d.key),
                });
            let held = held.map(|d| d.key).or_else(|| {
                def.limits
                    .iter()
                    .find(|l| self.limits.contains_key(l.key))
                    .map(|l| l.key)
            });
            if let Some(key) = held {
                return Err(source
                    .error(
                        service.span().into(),
                        format!(
                            "`{}` is marked not offered, but the table holds `{key}`",
                            def.service
                        ),
                    )
                    .with_help(format!(
                        "remove `[missing.not_offered.{}]`, or the service's prices and limits",
                        def.service
                    )));
            }
            let missing = reason(source, why, true)?;
            for dimension in def.dimensions {
                self.missing_prices.insert(dimension.key, missing.clone());
            }
            for limit in def.limits {
                self.missing_limits.insert(limit.key, missing.clone());
            }
        }
        Ok(())
    }
}

/// A price's `to` entries, each the price to one destination Region, as
/// rows filed under the dimension's service by the Region's code (so that
/// a component bills them as it bills a type's row); only for a dimension
/// priced by destination.
fn destinations(
    source: &Source,
    dimension: &Dimension,
    raw: &RawPrice,
) -> Result<Vec<Instance>, Diagnostic> {
    let mut rows = Vec::with_capacity(raw.to.len());
    for (region, raw_row) in &raw.to {
        let span: Span = region.span().into();
        if !dimension.by_destination {
            return Err(source
                .error(
                    span,
                    format!("`{}` has one price for every destination", dimension.key),
                )
                .with_help("remove its `to` entries"));
        }
        let name = region.get_ref();
        let Some(known) = BILLING_CODES.iter().map(|(r, _)| *r).find(|r| r == name) else {
            return Err(source
                .error(span, format!("`{name}` is not an AWS Region code"))
                .suggesting(name, BILLING_CODES.iter().map(|(r, _)| *r)));
        };
        let row = raw_row.get_ref();
        rows.push(Instance {
            service: dimension.catalogue(),
            name: known,
            vcpu: None,
            memory: None,
            storage: None,
            price: Price {
                rate: Rate::Flat(non_negative(source, &row.price)?),
                free_per_month: Decimal::ZERO,
                free_per_hour: Decimal::ZERO,
                free_pool: None,
                free_kind: None,
                source: Cow::Owned(row.source.clone()),
                as_of: Cow::Owned(row.as_of.clone()),
                evidence: row.evidence,
            },
            commitments: Cow::Borrowed(&[]),
        });
    }
    Ok(rows)
}

/// A `[missing]` entry for a key the table also holds.
fn also_held(source: &Source, name: &Spanned<String>, what: &str, key: &str) -> Diagnostic {
    source
        .error(
            name.span().into(),
            format!("`{key}` is in the table's {what} and also marked missing"),
        )
        .with_help(format!(
            "remove `[missing.{what}.{key}]`, or the `[{what}.{key}]` it contradicts"
        ))
}

/// A `[missing]` entry's reason: words, not an empty string.
fn reason(source: &Source, why: &RawReason, not_offered: bool) -> Result<Missing, Diagnostic> {
    let text = why.reason.get_ref().trim();
    if text.is_empty() {
        return Err(source
            .error(
                why.reason.span().into(),
                "a `reason` says why the figure is missing",
            )
            .with_help("name the sources searched, e.g. \"no Seoul price in AWS's price feed\""));
    }
    Ok(Missing {
        reason: Cow::Owned(text.to_string()),
        not_offered,
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
fn discounts(
    source: &Source,
    raw: &RawTable,
    services: Vocabulary,
) -> Result<Vec<(&'static str, Decimal)>, Diagnostic> {
    let mut checked = Vec::with_capacity(raw.discounts.len());
    for (key, figure) in &raw.discounts {
        let span: Span = key.span().into();
        let name = key.get_ref();
        let target = match name.split_once('.') {
            Some(_) => services.dimension(name).map(|d| d.key).ok_or_else(|| {
                source
                    .error(span, format!("no price is named `{name}`"))
                    .suggesting(name, services.dimensions().map(|d| d.key))
            })?,
            None => services
                .service(name)
                .map(|def| def.service)
                .ok_or_else(|| {
                    source
                        .error(span, format!("unknown service `{name}`"))
                        .suggesting(name, services.names())
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

fn known_service<'a>(
    source: &Source,
    services: Vocabulary<'a>,
    name: &Spanned<String>,
) -> Result<&'a Priced, Diagnostic> {
    services.service(name.get_ref()).ok_or_else(|| {
        source
            .error(
                name.span().into(),
                format!("unknown service `{}`", name.get_ref()),
            )
            .suggesting(name.get_ref(), services.names())
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
    let (free_per_month, free_per_hour) = (free(&raw.free_per_month)?, free(&raw.free_per_hour)?);
    // The kind of an allowance: optional, so that a table written before
    // kinds were named still reads; every bundled table names it.
    let free_kind = raw.free.as_ref().map(|kind| *kind.get_ref());
    if let Some(kind) = &raw.free
        && free_per_month.is_zero()
        && free_per_hour.is_zero()
    {
        return Err(source
            .error(
                kind.span().into(),
                format!(
                    "`free` names the kind of a free tier, and `{}` has none",
                    dimension.key
                ),
            )
            .with_help(
                "give the allowance, `free_per_month` or `free_per_hour`, or remove `free`",
            ));
    }
    Ok(Price {
        rate,
        free_per_month,
        free_per_hour,
        free_pool: None,
        free_kind,
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
fn catalogue_of<'a>(
    source: &Source,
    services: Vocabulary<'a>,
    name: &Spanned<String>,
) -> Result<(&'a Priced, &'static Dimension), Diagnostic> {
    let listed: Vec<String> = services
        .0
        .iter()
        .filter(|def| def.catalogue.is_some())
        .map(|def| format!("`{}`", def.service))
        .collect();
    let def = known_service(source, services, name)?;
    def.catalogue
        .map(|dimension| (def, dimension))
        .ok_or_else(|| {
            source
                .error(
                    name.span().into(),
                    format!("`{}` has no catalogue of types", def.service),
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
            Err(e) => Err(source.error(size.span().into(), e.to_string())),
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
            free_kind: None,
            source: Cow::Owned(raw.source.clone()),
            as_of: Cow::Owned(raw.as_of.clone()),
            evidence: raw.evidence,
        },
        commitments: super::commitments::read(source, &raw.commitments)?,
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

#[cfg(test)]
mod tests;
