//! One declaration per key: its name, kind, default and doc. The declaration
//! drives parsing (and the unknown-key suggestion), the values an evaluation
//! reads, `calc services` and the JSON Schema, so that they never drift.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::units::{Bytes, Duration};
use crate::model::profile::Profile;
use crate::model::schedule::HourRange;

/// What a key holds, and how a scenario writes it.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// Records (or requests) a second, not negative: `3000`, `0.5`.
    Rate,
    /// A plain non-negative number: a count that may be fractional.
    Number,
    /// A ratio of at least 1 (`peak_to_average`).
    Ratio,
    /// A whole number in `min..=max`.
    Count {
        min: u32,
        max: u32,
    },
    /// A size with a unit: `"1 KB"`, or a bare number of bytes.
    Size,
    /// A duration with a unit: `"200 ms"`, `"24 h"`.
    Duration,
    /// A list of durations, at most `max` of them.
    Durations {
        max: usize,
    },
    /// One of a fixed set of names.
    Choice(&'static [&'static str]),
    /// A type from the pricing table's catalogue for the service
    /// (`[instances.ec2]`): any type the scenario's table prices.
    Instance(&'static str),
    /// Fractions of a whole by name, adding up to 1: `{ eventual = 0.3,
    /// strong = 0.7 }`.
    Mix(&'static [&'static str]),
    Flag,
    /// A day written by hand: 24 non-negative numbers, one an hour from
    /// 00:00, normalised to average 1; it takes the place of the key
    /// named (`profile`), and both given is an error.
    Day {
        instead_of: &'static str,
    },
    /// A range of hours of the day in quotes, `"HH-HH"` (`"08-20"`).
    Hours,
    /// A name in quotes (`id`, `from`): part of the design's shape, not a
    /// value to vary.
    Text,
}

impl Kind {
    /// Whether a value of this kind may be written as a range (`{ low,
    /// expected, high }`): a number, a size or a duration.
    pub fn takes_a_range(&self) -> bool {
        matches!(
            self,
            Self::Rate
                | Self::Number
                | Self::Ratio
                | Self::Count { .. }
                | Self::Size
                | Self::Duration
        )
    }
}

/// A default as a scenario would write it, read by the same code as the
/// scenario's own values.
#[derive(Debug, PartialEq, Eq)]
pub enum Default {
    /// Absent unless the scenario sets it.
    None,
    Text(&'static str),
    Integer(i64),
    Bool(bool),
}

/// A key a component (or `[workload]`, or `[requirements]`) takes.
#[derive(Debug, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub default: Default,
    /// What the default means when it is not a value ("the flow", "all month").
    pub default_doc: Option<&'static str>,
    pub doc: &'static str,
    /// For a key that counts the component's load itself
    /// (`invocations_per_month`): why it and the component's own rate
    /// cannot both be set, as help for the error.
    pub replaces_rate: Option<&'static str>,
    /// For a duration, the unit its meaning is counted in (`h` for hours a
    /// day, `d` for a retention), when its default does not show it: a bare
    /// number written for it is refused, and the fix suggests this unit.
    pub unit: Option<&'static str>,
    /// For a key that may also be written as a field of an inline table
    /// (`auto_scaling = { target = 0.7 }` for `auto_scaling_target`): the
    /// table's name and the field's.
    pub grouped: Option<(&'static str, &'static str)>,
}

impl Key {
    pub const fn new(name: &'static str, kind: Kind, default: Default, doc: &'static str) -> Self {
        Self {
            name,
            kind,
            default,
            default_doc: None,
            doc,
            replaces_rate: None,
            unit: None,
            grouped: None,
        }
    }

    /// The same key, also written as `field` of the inline table `table`.
    pub const fn grouped_as(self, table: &'static str, field: &'static str) -> Self {
        Self {
            grouped: Some((table, field)),
            ..self
        }
    }

    /// The same duration key, counted in `unit` (`"h"`, `"d"`…).
    pub const fn in_unit(self, unit: &'static str) -> Self {
        Self {
            unit: Some(unit),
            ..self
        }
    }

    /// The unit a duration of this key is written in: the declared one,
    /// else its default's (`"24 h"` → `h`).
    pub fn duration_unit(&self) -> Option<&'static str> {
        let from_default = match (&self.kind, &self.default) {
            (Kind::Duration, Default::Text(text)) => text.split_once(' ').map(|(_, unit)| unit),
            _ => None,
        };
        self.unit.or(from_default)
    }

    /// What the key counts a month, in words (`queries_per_month`:
    /// "queries a month"), for a number that counts things that happen:
    /// queries, jobs, runs, requests. Such a key is a `Number` only because
    /// its counts run past a `Count`'s; what it counts is whole all the
    /// same, so a what-if answers it in whole counts.
    pub fn counted_a_month(&self) -> Option<String> {
        let things = self.name.strip_suffix("_per_month")?;
        (self.kind == Kind::Number).then(|| format!("{} a month", things.replace('_', " ")))
    }

    /// The same key, with its default described in words.
    pub const fn defaulting_to(self, words: &'static str) -> Self {
        Self {
            default_doc: Some(words),
            ..self
        }
    }

    /// The same key, counting the component's load in place of its own
    /// rate; `help` says how.
    pub const fn replacing_rate(self, help: &'static str) -> Self {
        Self {
            replaces_rate: Some(help),
            ..self
        }
    }

    /// The default as `calc services` shows it.
    pub fn default_text(&self) -> String {
        match (&self.default, self.default_doc) {
            (_, Some(words)) => words.to_string(),
            (Default::None, None) => "-".to_string(),
            (Default::Text(text), None) => (*text).to_string(),
            (Default::Integer(n), None) => n.to_string(),
            (Default::Bool(b), None) => b.to_string(),
        }
    }

    /// The default, read as a scenario's value would be.
    pub fn default_parsed(&self) -> Result<Value, BadDefault> {
        let bad = || BadDefault { key: self.name };
        Ok(match (&self.kind, &self.default) {
            (_, Default::None) => Value::Absent,
            (Kind::Rate | Kind::Number | Kind::Ratio, Default::Integer(n)) => {
                Value::Number(Decimal::from(*n))
            }
            (Kind::Count { .. }, Default::Integer(n)) => {
                Value::Count(u32::try_from(*n).map_err(|_| bad())?)
            }
            (Kind::Size, Default::Text(text)) => Value::Bytes(text.parse().map_err(|_| bad())?),
            (Kind::Duration, Default::Text(text)) => {
                Value::Duration(text.parse().map_err(|_| bad())?)
            }
            (Kind::Choice(names), Default::Text(text)) => {
                let i = names.iter().position(|n| n == text).ok_or_else(bad)?;
                Value::Choice(u8::try_from(i).map_err(|_| bad())?)
            }
            (Kind::Flag, Default::Bool(b)) => Value::Flag(*b),
            _ => return Err(bad()),
        })
    }
}

/// A key whose declared default does not read as its kind: a mistake in
/// the declaration, which a test of every key finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadDefault {
    pub key: &'static str,
}

impl std::fmt::Display for BadDefault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the default of `{}` does not fit its kind", self.key)
    }
}

impl std::error::Error for BadDefault {}

/// The most durations a list key holds.
pub const MAX_LIST: usize = 8;

/// The most names a mix has.
pub const MAX_MIX: usize = 4;

/// One value of a key, as an evaluation reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Not set, and no default.
    Absent,
    Number(Decimal),
    Count(u32),
    Bytes(Bytes),
    Duration(Duration),
    Durations(SmallVec<[Duration; MAX_LIST]>),
    /// The index of the name in the key's choices.
    Choice(u8),
    /// A type the scenario's pricing table has a row for, by its name.
    Name(&'static str),
    /// Each name's fraction, in the key's order (0 for a name not given).
    Mix(SmallVec<[Decimal; MAX_MIX]>),
    Flag(bool),
    /// A day written by hand, normalised.
    Day(&'static Profile),
    /// A range of hours of the day.
    Hours(HourRange),
}

impl Value {
    /// The value as a scenario would write it: `3000`, `1 KB`, `on_demand`,
    /// exactly (a size that is not a whole number of a unit is in bytes).
    pub fn written(&self, key: &Key) -> String {
        match self {
            Value::Absent => key.default_text(),
            Value::Number(n) => n.normalize().to_string(),
            Value::Count(n) => n.to_string(),
            Value::Bytes(b) => {
                let shown = b.to_string();
                if shown.parse::<Bytes>() == Ok(*b) {
                    shown
                } else {
                    format!("{} B", b.0)
                }
            }
            Value::Duration(d) => {
                let shown = d.to_string();
                if shown.parse::<Duration>() == Ok(*d) {
                    shown
                } else {
                    format!("{} ms", d.ms().normalize())
                }
            }
            Value::Durations(list) => {
                let items: Vec<String> = list.iter().map(ToString::to_string).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Choice(i) => match &key.kind {
                Kind::Choice(names) => names
                    .get(usize::from(*i))
                    .copied()
                    .unwrap_or("?")
                    .to_string(),
                _ => i.to_string(),
            },
            Value::Flag(b) => b.to_string(),
            Value::Day(day) => {
                let hours: Vec<String> = day
                    .factors
                    .iter()
                    .map(|f| f.normalize().to_string())
                    .collect();
                format!("[{}]", hours.join(", "))
            }
            Value::Name(name) => (*name).to_string(),
            Value::Hours(range) => range.to_string(),
            Value::Mix(fractions) => {
                let names = match &key.kind {
                    Kind::Mix(names) => *names,
                    _ => &[],
                };
                let parts: Vec<String> = names
                    .iter()
                    .zip(fractions)
                    .filter(|(_, f)| !f.is_zero())
                    .map(|(name, f)| format!("{name} = {}", f.normalize()))
                    .collect();
                format!("{{ {} }}", parts.join(", "))
            }
        }
    }
}

/// The values of one component's keys, in the order its service declares them.
#[derive(Clone, Copy, Debug)]
pub struct Values<'a> {
    keys: &'static [&'static Key],
    values: &'a [Value],
}

impl<'a> Values<'a> {
    pub fn new(keys: &'static [&'static Key], values: &'a [Value]) -> Self {
        debug_assert_eq!(keys.len(), values.len());
        Self { keys, values }
    }

    /// The value of `key`, which must be one of this service's keys.
    pub fn get(&self, key: &'static Key) -> &'a Value {
        self.keys
            .iter()
            .position(|k| std::ptr::eq(*k, key))
            .and_then(|i| self.values.get(i))
            .unwrap_or(&Value::Absent)
    }

    pub fn is_set(&self, key: &'static Key) -> bool {
        *self.get(key) != Value::Absent
    }

    pub fn number(&self, key: &'static Key) -> Option<Decimal> {
        match self.get(key) {
            Value::Number(n) => Some(*n),
            Value::Count(n) => Some(Decimal::from(*n)),
            _ => None,
        }
    }

    pub fn count(&self, key: &'static Key) -> Option<u32> {
        match self.get(key) {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }

    pub fn bytes(&self, key: &'static Key) -> Option<Bytes> {
        match self.get(key) {
            Value::Bytes(b) => Some(*b),
            _ => None,
        }
    }

    pub fn duration(&self, key: &'static Key) -> Option<Duration> {
        match self.get(key) {
            Value::Duration(d) => Some(*d),
            _ => None,
        }
    }

    pub fn durations(&self, key: &'static Key) -> Option<&'a [Duration]> {
        match self.get(key) {
            Value::Durations(list) => Some(list.as_slice()),
            _ => None,
        }
    }

    /// A mix's fractions, in the key's order of names.
    pub fn mix(&self, key: &'static Key) -> Option<&'a [Decimal]> {
        match self.get(key) {
            Value::Mix(fractions) => Some(fractions.as_slice()),
            _ => None,
        }
    }

    /// A type from the table's catalogue.
    pub fn name(&self, key: &'static Key) -> Option<&'static str> {
        match self.get(key) {
            Value::Name(name) => Some(name),
            _ => None,
        }
    }

    /// A range of hours of the day.
    pub fn hours(&self, key: &'static Key) -> Option<HourRange> {
        match self.get(key) {
            Value::Hours(range) => Some(*range),
            _ => None,
        }
    }

    pub fn flag(&self, key: &'static Key) -> Option<bool> {
        match self.get(key) {
            Value::Flag(b) => Some(*b),
            _ => None,
        }
    }

    pub fn choice<C: crate::model::choice::Choice>(&self, key: &'static Key) -> Option<C> {
        match self.get(key) {
            Value::Choice(i) => C::CHOICES.get(usize::from(*i)).map(|(_, c)| *c),
            _ => None,
        }
    }
}

/// Why a component's values do not make a component: two keys that exclude
/// each other, a key that needs another. Located at `key` when it is set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub key: Option<&'static Key>,
    pub message: String,
    pub help: Option<String>,
}

impl Invalid {
    pub fn new(key: &'static Key, message: impl Into<String>) -> Self {
        Self {
            key: Some(key),
            message: message.into(),
            help: None,
        }
    }

    /// About the component as a whole (a key it lacks).
    pub fn component(message: impl Into<String>) -> Self {
        Self {
            key: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duration_is_counted_in_its_declared_unit_else_its_defaults() {
        let retention = Key::new("retention", Kind::Duration, Default::Text("24 h"), "");
        assert_eq!(retention.duration_unit(), Some("h"));
        let window = Key::new("window", Kind::Duration, Default::None, "").in_unit("s");
        assert_eq!(window.duration_unit(), Some("s"));
        let declared = Key::new("kept", Kind::Duration, Default::Text("24 h"), "").in_unit("d");
        assert_eq!(declared.duration_unit(), Some("d"));
        // A size's default has a unit too, but not one of time.
        let size = Key::new("size", Kind::Size, Default::Text("1 KB"), "");
        assert_eq!(size.duration_unit(), None);
    }

    #[test]
    fn a_number_a_month_counts_whole_things() {
        let queries = Key::new("queries_per_month", Kind::Number, Default::None, "");
        assert_eq!(
            queries.counted_a_month().as_deref(),
            Some("queries a month")
        );
        let requests = Key::new(
            "catalog_requests_per_month",
            Kind::Number,
            Default::None,
            "",
        );
        assert_eq!(
            requests.counted_a_month().as_deref(),
            Some("catalog requests a month")
        );
        // Time a month is a duration, not a count; a rate is not a month's.
        let hours = Key::new("active_hours_per_month", Kind::Duration, Default::None, "");
        assert_eq!(hours.counted_a_month(), None);
        let ratio = Key::new("peak_to_average", Kind::Ratio, Default::Integer(1), "");
        assert_eq!(ratio.counted_a_month(), None);
    }
}
