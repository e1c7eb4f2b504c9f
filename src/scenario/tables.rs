//! The scenario's tables of values: the price slots, `[workload]` and
//! `[requirements]`, and the pricing table it names.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::design::Overrides;
use super::fields::{Entry, Fields};
use super::params::{PRICE, Params, Place, Ranged};
use super::raw::{RawTable, entries};
use crate::base::diagnostic::{Diagnostic, Source};
use crate::model::keys::Value;
use crate::pricing::{self, NamedBy, PriceBook};
use crate::services;

/// A slot for every dimension's unit price, holding `[pricing_overrides]`'s
/// where it sets one: a what-if can then vary any price by its path.
pub(super) fn price_slots(
    source: &Source,
    overrides: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    params: &mut Params,
) -> Result<Range<usize>, Diagnostic> {
    for key in overrides.keys() {
        if services::dimension(key.get_ref()).is_none() {
            return Err(source
                .error(
                    key.span().into(),
                    format!("unknown price `{}`", key.get_ref()),
                )
                .suggesting(key.get_ref(), services::dimension_keys()));
        }
    }
    let start = params.values.len();
    for (index, dimension) in services::dimensions().enumerate() {
        let set = overrides
            .iter()
            .find(|(key, _)| key.get_ref() == dimension.key);
        let Some((key, price)) = set else {
            params.push(&PRICE, Place::Price(index), None, Value::Absent);
            continue;
        };
        // Read as any number of the scenario is, so that a price may be a
        // range too.
        let entry = Entry {
            key: PRICE.name.to_string(),
            key_span: key.span().into(),
            value: price.get_ref().clone(),
            value_span: price.span().into(),
        };
        let read = Fields::new(source, "pricing_overrides", vec![entry])
            .value(&PRICE)
            .map_err(|mut error| {
                let named = format!("`{}`", dimension.key);
                error.message = error.message.replace("`price`", &named);
                error.help = error
                    .help
                    .map(|help| help.replace("`price", &named[..named.len() - 1]));
                error
            })?;
        let negative = [Some(&read.value), read.spread.as_ref().map(|s| &s.low)]
            .into_iter()
            .flatten()
            .any(|v| matches!(v, Value::Number(n) if n.is_sign_negative() && !n.is_zero()));
        if negative {
            return Err(source.error(price.span().into(), "prices cannot be negative"));
        }
        let slot = params.push(
            &PRICE,
            Place::Price(index),
            Some(price.span().into()),
            read.value,
        );
        if let Some(spread) = read.spread {
            params.ranges.push(Ranged { slot, spread });
        }
    }
    Ok(start..params.values.len())
}

/// A table of declared keys (`[workload]`, `[requirements]`), read into `params`.
pub(super) fn table(
    source: &Source,
    raw: Option<Spanned<RawTable>>,
    name: &'static str,
    keys: &'static [&'static crate::model::keys::Key],
    place: Place,
    params: &mut Params,
) -> Result<Range<usize>, Diagnostic> {
    let entries = raw.map_or_else(Vec::new, |table| entries(table.into_inner()));
    let mut fields = Fields::new(source, name, entries);
    let slots = params.read(&mut fields, keys, place)?;
    fields.finish()?;
    Ok(slots)
}

pub(super) fn load_pricing(
    scenario: &Source,
    dir: &Path,
    named: Option<&Spanned<String>>,
    overrides: &Overrides,
) -> Result<PriceBook, Diagnostic> {
    let by_scenario = NamedBy::Scenario {
        dir,
        allow_outside: overrides.allow_outside_pricing,
    };
    match (overrides.pricing.as_deref(), named) {
        (Some(table), _) => pricing::load(table, NamedBy::CommandLine, services::vocabulary()),
        (None, Some(table)) => pricing::load(table.get_ref(), by_scenario, services::vocabulary())
            .map_err(|error| {
                // A table that cannot be found is the scenario's mistake: point at it.
                if error.file.is_none() {
                    let mut located = scenario.error(table.span().into(), error.message);
                    located.help = error.help;
                    located
                } else {
                    error
                }
            }),
        (None, None) => pricing::load(pricing::DEFAULT_TABLE, by_scenario, services::vocabulary()),
    }
}
