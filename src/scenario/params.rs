//! Every value a scenario states, in one vector, each with a path that names
//! it (`workload.records_per_second`,
//! `alternatives[Kinesis].components[stream].consumers`). An evaluation reads
//! the vector, so a what-if changes one value and evaluates again without
//! reading the scenario again.

use std::fmt::Write;
use std::ops::Range;

use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::model::keys::{Invalid, Key, Value};
use crate::model::spread::Spread;
use crate::scenario::fields::Fields;

/// Where a value sits in the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The scenario's own settings (`hours_per_month`).
    Scenario,
    /// A unit price, by the index of its dimension in
    /// [`crate::services::dimensions`]; absent unless the scenario (or a
    /// what-if) sets it over the pricing table's.
    Price(usize),
    Workload,
    Requirements,
    /// The alternative at this index (its own `max_monthly_cost`).
    Alternative(usize),
    /// The component at `component` in the alternative at `alternative`.
    Component {
        alternative: usize,
        component: usize,
    },
}

/// What a value is: its key, its place, and where the scenario wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    pub key: &'static Key,
    pub place: Place,
    /// `None` when the value is the key's default.
    pub span: Option<Span>,
}

/// The values of a scenario and what each is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pub values: Vec<Value>,
    pub info: Vec<Param>,
    /// The values written as ranges, by slot, in the order read (the value
    /// in `values` is the expected one).
    pub ranges: Vec<Ranged>,
}

/// A value written as a range, and its slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranged {
    pub slot: usize,
    pub spread: Spread,
}

/// Puts `spread` (or, when `None`, no range) at `slot` in `ranges`, in
/// place of any it had.
pub fn put_range(ranges: &mut Vec<Ranged>, slot: usize, spread: Option<Spread>) {
    ranges.retain(|r| r.slot != slot);
    if let Some(spread) = spread {
        ranges.push(Ranged { slot, spread });
    }
}

impl Params {
    /// Reads `keys` from `fields` (each as written, else its default) and
    /// returns the slots their values take.
    pub fn read(
        &mut self,
        fields: &mut Fields,
        keys: &'static [&'static Key],
        place: Place,
    ) -> Result<Range<usize>, Diagnostic> {
        let start = self.values.len();
        for key in keys {
            let read = fields.value(key)?;
            if let Some(spread) = read.spread {
                self.ranges.push(Ranged {
                    slot: self.values.len(),
                    spread,
                });
            }
            self.values.push(read.value);
            self.info.push(Param {
                key,
                place,
                span: read.span,
            });
        }
        Ok(start..self.values.len())
    }

    /// Adds one value read by other means; returns its slot.
    pub fn push(
        &mut self,
        key: &'static Key,
        place: Place,
        span: Option<Span>,
        value: Value,
    ) -> usize {
        self.values.push(value);
        self.info.push(Param { key, place, span });
        self.values.len() - 1
    }

    /// Where the value in `slot` was written, if it was.
    pub fn span(&self, slot: usize) -> Option<Span> {
        self.info.get(slot).and_then(|p| p.span)
    }

    /// An [`Invalid`] from the values in `slots`, located at its key if the
    /// scenario wrote it, else at the component (`fallback`).
    pub fn locate(
        &self,
        source: &Source,
        slots: Range<usize>,
        invalid: Invalid,
        fallback: Span,
    ) -> Diagnostic {
        let span = invalid
            .key
            .and_then(|key| {
                slots
                    .clone()
                    .find(|&slot| std::ptr::eq(self.info[slot].key, key))
            })
            .and_then(|slot| self.span(slot))
            .unwrap_or(fallback);
        source
            .error(span, invalid.message)
            .with_help_opt(invalid.help)
    }
}

/// A unit price set over the pricing table's, in the table's currency per
/// the dimension's unit.
pub static PRICE: Key = Key::new(
    "price",
    crate::model::keys::Kind::Number,
    crate::model::keys::Default::None,
    "a unit price over the pricing table's",
)
.defaulting_to("the pricing table's");

/// The path of a value: `workload.records_per_second`,
/// `prices.kinesis_data_streams.shard_hour`, `alternatives[NAME].KEY`, or
/// `alternatives[NAME].components[ID or INDEX].KEY`.
pub fn path(place: Place, key: &Key, alternative: Option<(&str, Option<&str>)>) -> String {
    let mut path = String::new();
    match (place, alternative) {
        (Place::Scenario, _) => {
            path.push_str(key.name);
            return path;
        }
        (Place::Price(index), _) => {
            let dimension = crate::services::dimensions()
                .nth(index)
                .map_or("", |d| d.key);
            let _ = write!(path, "prices.{dimension}");
            return path;
        }
        (Place::Requirements, _) => path.push_str("requirements"),
        (Place::Alternative(_), Some((name, _))) => {
            let _ = write!(path, "alternatives[{name}]");
        }
        (Place::Workload, _) | (_, None) => path.push_str("workload"),
        (Place::Component { component, .. }, Some((name, id))) => {
            let _ = write!(path, "alternatives[{name}].components[");
            match id {
                Some(id) => path.push_str(id),
                None => {
                    let _ = write!(path, "{component}");
                }
            }
            path.push(']');
        }
    }
    let _ = write!(path, ".{}", key.name);
    path
}
