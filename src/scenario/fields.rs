//! Reading a component's keys: each service asks for the keys it knows, typed
//! and checked, and whatever is left over is an error that suggests the
//! closest key the service knows.

use std::fmt;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::diagnostic::{Diagnostic, Source, Span};
use crate::base::number::{decimal_from_f64, plain_form, quoted_number};
use crate::base::units::{
    Bytes, Duration, EXPECT_DURATION, EXPECT_RATE, EXPECT_SIZE, UnitError, parse_rate,
};
use crate::model::choice::Choice;
use crate::model::keys::{Key, Kind, MAX_LIST, MAX_MIX, Value};
use crate::model::profile::{self, NotADay, Profile};
use crate::model::schedule::{HourRange, NotHours};
use crate::model::spread::{Distribution, Spread};
use crate::pricing::PriceBook;

/// What reading a key found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The value: as written, the expected one of a range, or the default.
    pub value: Value,
    /// Where it was written, if it was.
    pub span: Option<Span>,
    /// Its range, when it was written as one.
    pub spread: Option<Spread>,
}

/// Where `part = …` is written in the inline table at `span`: its value,
/// up to the next comma or brace outside quotes; the whole table when it
/// cannot be found (a range given by other means).
fn part_span(text: &str, span: Span, part: &str) -> Span {
    let (start, end) = (span.start as usize, span.end as usize);
    let Some(table) = text.get(start..end) else {
        return span;
    };
    let mut from = 0;
    while let Some(found) = table[from..].find(part) {
        let at = from + found;
        from = at + part.len();
        let before = table[..at].trim_end();
        let after = table[from..].trim_start();
        if !(before.ends_with('{') || before.ends_with(',')) || !after.starts_with('=') {
            continue;
        }
        let value_at = end - after[1..].trim_start().len();
        let mut quoted = false;
        let length = text[value_at..end]
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                !quoted && (c == ',' || c == '}')
            })
            .map_or(end - value_at, |(i, _)| i);
        let value = text[value_at..value_at + length].trim_end();
        return Span::from(value_at..value_at + value.len());
    }
    span
}

/// The entries with each inline table of grouped keys
/// (`auto_scaling = { target = 0.7, min = 100 }`) written out as the keys
/// it stands for (`auto_scaling_target`, `auto_scaling_min`), each at the
/// place its field is written; `keys` are the keys the component takes.
pub fn ungroup(
    source: &Source,
    keys: &[&'static Key],
    entries: Vec<Entry>,
) -> Result<Vec<Entry>, Diagnostic> {
    let written: Vec<(String, Span)> = entries
        .iter()
        .map(|e| (e.key.clone(), e.key_span))
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let fields: Vec<(&str, &'static Key)> = keys
            .iter()
            .filter_map(|key| match key.grouped {
                Some((table, field)) if table == entry.key => Some((field, *key)),
                _ => None,
            })
            .collect();
        if fields.is_empty() || keys.iter().any(|key| key.name == entry.key) {
            out.push(entry);
            continue;
        }
        let name = &entry.key;
        let example = || {
            let parts: Vec<String> = fields.iter().map(|(f, _)| format!("{f} = …")).collect();
            format!("write `{name} = {{ {} }}`", parts.join(", "))
        };
        let Some(table) = entry.value.as_table() else {
            return Err(source
                .error(
                    entry.value_span,
                    format!("`{name}` must be an inline table"),
                )
                .with_help(example()));
        };
        for (field, value) in table {
            let at = part_span(&source.text, entry.value_span, field);
            // The field's name: the last time it is written before its value.
            let named = source.text[..at.start as usize]
                .rfind(field.as_str())
                .filter(|&start| start >= entry.value_span.start as usize)
                .map_or(at, |start| Span::from(start..start + field.len()));
            let Some((_, key)) = fields.iter().find(|(f, _)| f == field) else {
                return Err(source
                    .error(named, format!("`{name}` has no field `{field}`"))
                    .suggesting(field, fields.iter().map(|(f, _)| *f))
                    .or_help(example()));
            };
            if let Some((_, flat)) = written.iter().find(|(k, _)| k == key.name) {
                return Err(source
                    .error(
                        *flat,
                        format!("`{}` is also set by `{name}`'s `{field}`", key.name),
                    )
                    .with_help(format!(
                        "keep one: `{name} = {{ {field} = … }}` or `{} = …`",
                        key.name
                    )));
            }
            if value.is_table() || value.is_array() {
                return Err(source
                    .error(at, format!("`{name}`'s `{field}` must be one value"))
                    .with_help(format!(
                        "for a range, write `{} = {{ low = …, expected = …, high = … }}`",
                        key.name
                    )));
            }
            out.push(Entry {
                key: key.name.to_string(),
                key_span: named,
                value: value.clone(),
                value_span: at,
            });
        }
    }
    Ok(out)
}

/// The fields of a range.
const RANGE_KEYS: &[&str] = &["low", "expected", "high", "distribution"];

/// A value with the place in the scenario it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Sp<U> {
        Sp {
            value: f(self.value),
            span: self.span,
        }
    }
}

#[derive(Debug)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: toml::Value,
    pub value_span: Span,
}

/// The keys of one component, as written.
pub struct Fields<'s> {
    source: &'s Source,
    service: &'static str,
    entries: Vec<(Entry, bool)>,
    asked: Vec<&'static str>,
    /// The table whose catalogues a type (`instance_type`) is looked up in.
    prices: Option<&'s PriceBook>,
}

impl<'s> Fields<'s> {
    pub fn new(source: &'s Source, service: &'static str, entries: Vec<Entry>) -> Self {
        Self {
            source,
            service,
            entries: entries.into_iter().map(|e| (e, false)).collect(),
            asked: Vec::new(),
            prices: None,
        }
    }

    /// The same keys, whose types are looked up in `prices`' catalogues.
    pub fn with_prices(self, prices: &'s PriceBook) -> Self {
        Self {
            prices: Some(prices),
            ..self
        }
    }

    pub fn error(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.source.error(span, message)
    }

    fn take(&mut self, key: &'static str) -> Option<&Entry> {
        self.asked.push(key);
        let (entry, taken) = self.entries.iter_mut().find(|(e, _)| e.key == key)?;
        *taken = true;
        Some(entry)
    }

    fn typed<T>(
        &mut self,
        key: &'static str,
        expected: &str,
        convert: impl FnOnce(&toml::Value) -> Result<T, Option<String>>,
    ) -> Result<Option<Sp<T>>, Diagnostic> {
        self.typed_with(
            key,
            expected,
            |value| how_to_write(key, expected, value),
            convert,
        )
    }

    /// [`Self::typed`], with `help` saying how to write a refused value.
    fn typed_with<T>(
        &mut self,
        key: &'static str,
        expected: &str,
        help: impl FnOnce(&toml::Value) -> Option<String>,
        convert: impl FnOnce(&toml::Value) -> Result<T, Option<String>>,
    ) -> Result<Option<Sp<T>>, Diagnostic> {
        let source = self.source;
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        match convert(&entry.value) {
            Ok(value) => Ok(Some(Sp {
                value,
                span: entry.value_span,
            })),
            Err(Some(reason)) => Err(source
                .error(entry.value_span, reason)
                .with_help_opt(help(&entry.value))),
            Err(None) => Err(source
                .error(
                    entry.value_span,
                    format!(
                        "`{key}` must be {expected}, found {}",
                        describe(&entry.value)
                    ),
                )
                .with_help_opt(help(&entry.value))),
        }
    }

    /// The value of a declared key: as written, else its default, else
    /// [`Value::Absent`]; with where it was written, if it was, and its
    /// range if it was written as one (then the value is the expected one).
    pub fn value(&mut self, key: &'static Key) -> Result<Read, Diagnostic> {
        if let Some((spread, span)) = self.range(key)? {
            return Ok(Read {
                value: spread.expected.clone(),
                span: Some(span),
                spread: Some(spread),
            });
        }
        let (value, span) = self.one_value(key)?;
        Ok(Read {
            value,
            span,
            spread: None,
        })
    }

    /// `{ low = …, expected = …, high = … }` for a key that takes a number,
    /// a size or a duration: each end read as the key's own value would be,
    /// in order, with its distribution.
    fn range(&mut self, key: &'static Key) -> Result<Option<(Spread, Span)>, Diagnostic> {
        let name = key.name;
        let ranged = key.kind.takes_a_range();
        let (table, span) = match self.entries.iter().find(|(e, _)| e.key == name) {
            Some((entry, _)) => match &entry.value {
                toml::Value::Table(table) => (table.clone(), entry.value_span),
                _ => return Ok(None),
            },
            None => return Ok(None),
        };
        if !ranged {
            // A table for a key of names is a range only if it looks like one.
            if RANGE_KEYS.iter().any(|k| table.contains_key(*k)) {
                return Err(self
                    .error(span, format!("`{name}` takes one value, not a range"))
                    .with_help("a range `{ low, expected, high }` is for numbers, sizes and durations; try each value with `--set`"));
            }
            return Ok(None);
        }
        self.take(name);
        let example = || {
            format!(
                "write `{name} = {{ low = …, expected = …, high = … }}`, each as `{name}` itself is written"
            )
        };
        if let Some(unknown) = table.keys().find(|k| !RANGE_KEYS.contains(&k.as_str())) {
            let at = part_span(&self.source.text, span, unknown);
            return Err(self
                .error(at, format!("a range has no field `{unknown}`"))
                .suggesting(unknown, RANGE_KEYS.iter().copied())
                .or_help(format!(
                    "a range is `{{ low, expected, high }}`, with `distribution` one of {}",
                    Distribution::NAMES.join(", ")
                )));
        }
        let end = |part: &str| -> Result<Value, Diagnostic> {
            let Some(value) = table.get(part) else {
                return Err(self
                    .error(span, format!("the range of `{name}` has no `{part}`"))
                    .with_help(example()));
            };
            if value.is_table() || value.is_array() {
                return Err(self
                    .error(span, format!("`{name}`'s `{part}` must be one value"))
                    .with_help(example()));
            }
            let at = part_span(&self.source.text, span, part);
            let entry = Entry {
                key: name.to_string(),
                key_span: at,
                value: value.clone(),
                value_span: at,
            };
            let mut one = Fields::new(self.source, self.service, vec![entry]);
            one.prices = self.prices;
            one.one_value(key)
                .map(|(value, _)| value)
                .map_err(|mut error| {
                    error.message = format!("{} (the range's `{part}`)", error.message);
                    error
                })
        };
        let (low, expected, high) = (end("low")?, end("expected")?, end("high")?);
        let distribution = match table.get("distribution") {
            None => Distribution::Pert,
            Some(toml::Value::String(text)) => Distribution::CHOICES
                .iter()
                .find(|(n, _)| n == text)
                .map(|(_, d)| *d)
                .ok_or_else(|| {
                    let at = part_span(&self.source.text, span, "distribution");
                    self.error(at, format!("no distribution is named `{text}`"))
                        .suggesting(text, Distribution::NAMES.iter().copied())
                        .or_help(format!("one of {}", Distribution::NAMES.join(", ")))
                })?,
            Some(other) => {
                return Err(self.error(
                    span,
                    format!(
                        "`distribution` must be a name ({}), found {}",
                        Distribution::NAMES.join(", "),
                        describe(other)
                    ),
                ));
            }
        };
        let spread = Spread {
            low,
            expected,
            high,
            distribution,
        };
        if let Some([low, expected, high]) = spread.numbers() {
            if !(low <= expected && expected <= high) {
                return Err(self
                    .error(
                        span,
                        format!(
                            "the range of `{name}` must go up: low ≤ expected ≤ high (found {}, {}, {})",
                            spread.low.written(key),
                            spread.expected.written(key),
                            spread.high.written(key)
                        ),
                    )
                    .with_help(example()));
            }
            if spread.distribution == Distribution::Lognormal && low <= Decimal::ZERO {
                return Err(self
                    .error(
                        span,
                        format!("a lognormal range of `{name}` must start above zero"),
                    )
                    .with_help("a lognormal value is never zero; use `triangular` or `pert` for a range from 0"));
            }
        }
        Ok(Some((spread, span)))
    }

    /// The key's value as one value (not a range).
    fn one_value(&mut self, key: &'static Key) -> Result<(Value, Option<Span>), Diagnostic> {
        let name = key.name;
        let read = match &key.kind {
            Kind::Rate | Kind::Number => self.number(name, "1000")?.map(|n| n.map(Value::Number)),
            Kind::Ratio => {
                let ratio = self.number(name, "2")?;
                if let Some(r) = ratio
                    && r.value < Decimal::ONE
                {
                    return Err(self.error(
                        r.span,
                        format!("`{name}` is at least 1 (found {})", r.value),
                    ));
                }
                ratio.map(|r| r.map(Value::Number))
            }
            Kind::Count { min, max } => {
                let count = self.count(name, *min, *max)?;
                if let Some(c) = count
                    && c.value < *min
                {
                    return Err(self.error(
                        c.span,
                        format!(
                            "`{name}` must be between {min} and {max} (found {})",
                            c.value
                        ),
                    ));
                }
                count.map(|c| c.map(Value::Count))
            }
            Kind::Size => self.bytes(name)?.map(|b| b.map(Value::Bytes)),
            Kind::Duration => self.duration(key)?.map(|d| d.map(Value::Duration)),
            Kind::Durations { max } => self
                .durations(key, (*max).min(MAX_LIST))?
                .map(|list| list.map(|l| Value::Durations(l.into_iter().collect()))),
            Kind::Choice(names) => self.named(key, names)?.map(|i| i.map(Value::Choice)),
            Kind::Instance(service) => self.instance(name, service)?.map(|n| n.map(Value::Name)),
            Kind::Mix(names) => self.mix(name, names)?.map(|m| m.map(Value::Mix)),
            Kind::Flag => self.flag(name)?.map(|f| f.map(Value::Flag)),
            Kind::Day { instead_of } => self.day(name, instead_of)?.map(|d| d.map(Value::Day)),
            Kind::Hours => self.hours(key)?.map(|h| h.map(Value::Hours)),
            // Names shape the design; they are read where the shape is built.
            Kind::Text => None,
        };
        match read {
            Some(value) => Ok((value.value, Some(value.span))),
            None => key
                .default_parsed()
                .map(|value| (value, None))
                .map_err(|e| self.error(Span::default(), e.to_string())),
        }
    }

    /// A day written by hand: 24 numbers, one an hour from 00:00,
    /// normalised to average 1; not with `instead_of` (`profile`) too.
    fn day(
        &mut self,
        key: &'static str,
        instead_of: &'static str,
    ) -> Result<Option<Sp<&'static Profile>>, Diagnostic> {
        let other = self
            .entries
            .iter()
            .find(|(e, _)| e.key == instead_of)
            .map(|(e, _)| e.key_span);
        let source = self.source;
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        let span = entry.value_span;
        let example = format!("e.g. `{key} = [0.5, 0.5, …, 2, 2, …]`, 24 numbers from 00:00");
        if let Some(other) = other {
            return Err(source
                .error(
                    other,
                    format!("`{instead_of}` and `{key}` both set the shape of the day"),
                )
                .with_help(format!(
                    "keep one: a built-in `{instead_of}` or the 24 hours of `{key}`"
                )));
        }
        let Some(items) = entry.value.as_array() else {
            return Err(source
                .error(
                    span,
                    format!(
                        "`{key}` must be a list of 24 numbers, found {}",
                        describe(&entry.value)
                    ),
                )
                .with_help(example));
        };
        let mut hours = Vec::with_capacity(items.len());
        for item in items {
            let Some(number) = written_number(item) else {
                return Err(source
                    .error(
                        span,
                        format!("`{key}` must be 24 numbers, found {}", describe(item)),
                    )
                    .with_help(example));
            };
            // A negative hour is named with its hour below.
            if !number.is_sign_negative() {
                check_rate(key, number).map_err(|e| source.error(span, e.to_string()))?;
            }
            hours.push(number);
        }
        match profile::hand_written(&hours) {
            Ok(day) => Ok(Some(Sp { value: day, span })),
            Err(NotADay::Hours(found)) => Err(source
                .error(
                    span,
                    format!("`{key}` takes 24 numbers, one an hour from 00:00 (found {found})"),
                )
                .with_help(example)),
            Err(NotADay::Negative(hour, value)) => Err(source.error(
                span,
                format!("`{key}` cannot be negative (found {value} at {hour:02}:00)"),
            )),
            Err(NotADay::Empty) => Err(source
                .error(
                    span,
                    format!("`{key}` adds up to 0: a day with no traffic has no shape"),
                )
                .with_help("give the busy hours a number above 0; the day is scaled to average 1")),
        }
    }

    /// A range of hours of the day, `"HH-HH"`, named as the scenario
    /// writes it (`schedule`'s `hours` for a field of an inline table).
    fn hours(&mut self, key: &'static Key) -> Result<Option<Sp<HourRange>>, Diagnostic> {
        let named = match key.grouped {
            Some((table, field)) => format!("`{table}`'s `{field}`"),
            None => format!("`{}`", key.name),
        };
        let source = self.source;
        let Some(entry) = self.take(key.name) else {
            return Ok(None);
        };
        let span = entry.value_span;
        let Some(text) = entry.value.as_str() else {
            let hour = entry.value.as_integer().filter(|h| (0..24).contains(h));
            return Err(source
                .error(
                    span,
                    format!(
                        "{named} must be a range of hours in quotes, found {}",
                        describe(&entry.value)
                    ),
                )
                .with_help(match hour {
                    Some(h) => format!(
                        "write a range from the hour, e.g. \"{h:02}-{:02}\"",
                        (h + 1).min(24)
                    ),
                    None => {
                        "e.g. \"08-20\" for 08:00 to 20:00, \"00-24\" for the whole day".to_string()
                    }
                }));
        };
        match text.parse::<HourRange>() {
            Ok(range) => Ok(Some(Sp { value: range, span })),
            Err(NotHours { reason, help }) => Err(source
                .error(span, format!("{named}: {reason}"))
                .with_help(help)),
        }
    }

    /// Fractions by name, each from 0 to 1, adding up to exactly 1.
    fn mix(
        &mut self,
        key: &'static str,
        names: &'static [&'static str],
    ) -> Result<Option<Sp<SmallVec<[Decimal; MAX_MIX]>>>, Diagnostic> {
        let source = self.source;
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        let span = entry.value_span;
        let example = format!(
            "{{ {} = 0.7, {} = 0.3 }}",
            names[0],
            names[names.len().min(2) - 1]
        );
        let Some(table) = entry.value.as_table() else {
            return Err(source
                .error(span, format!("`{key}` must be a table of fractions"))
                .with_help(format!("for example `{key} = {example}`")));
        };
        let mut fractions: SmallVec<[Decimal; MAX_MIX]> =
            names.iter().map(|_| Decimal::ZERO).collect();
        for (name, value) in table {
            let Some(i) = names.iter().position(|n| n == name) else {
                return Err(source
                    .error(span, format!("`{key}` has no part `{name}`"))
                    .suggesting(name, names.iter().copied())
                    .or_help(format!("its parts: {}", names.join(", "))));
            };
            let fraction = written_number(value)
                .filter(|f| (Decimal::ZERO..=Decimal::ONE).contains(f))
                .ok_or_else(|| {
                    source.error(
                        span,
                        format!(
                            "`{key}.{name}` must be a fraction from 0 to 1, found {}",
                            describe(value)
                        ),
                    )
                })?;
            fractions[i] = fraction;
        }
        let total: Decimal = fractions.iter().sum();
        if total != Decimal::ONE {
            return Err(source
                .error(
                    span,
                    format!(
                        "the parts of `{key}` add up to {}, not 1",
                        total.normalize()
                    ),
                )
                .with_help(format!("for example `{key} = {example}`")));
        }
        Ok(Some(Sp {
            value: fractions,
            span,
        }))
    }

    /// A type `service`'s catalogue in the pricing table has a row for,
    /// by the row's name.
    fn instance(
        &mut self,
        key: &'static str,
        service: &'static str,
    ) -> Result<Option<Sp<&'static str>>, Diagnostic> {
        let (source, prices) = (self.source, self.prices);
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        let span = entry.value_span;
        let rows = prices.map_or(&[][..], |book| book.instances(service));
        let table = prices.map_or("", |book| &*book.name);
        let Some(text) = entry.value.as_str() else {
            return Err(source
                .error(
                    span,
                    format!(
                        "`{key}` must be a type in quotes, found {}",
                        describe(&entry.value)
                    ),
                )
                .with_help_opt(
                    rows.first()
                        .map(|row| format!("e.g. `{key} = \"{}\"`", row.name)),
                ));
        };
        match rows.iter().find(|row| row.name == text) {
            Some(row) => Ok(Some(Sp {
                value: row.name,
                span,
            })),
            None => Err(source
                .error(
                    span,
                    format!("pricing table `{table}` has no `{service}` type `{text}`"),
                )
                .suggesting(text, rows.iter().map(|row| row.name))
                .or_help(format!(
                    "`calc pricing show {table} {service}` lists its {} types",
                    rows.len()
                ))),
        }
    }

    /// One of `names`, as its index.
    fn named(
        &mut self,
        declared: &'static Key,
        names: &[&'static str],
    ) -> Result<Option<Sp<u8>>, Diagnostic> {
        let key = declared.name;
        let source = self.source;
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        let listed = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let Some(text) = entry.value.as_str() else {
            return Err(source.error(entry.value_span, format!("`{key}` must be one of {listed}")));
        };
        match names.iter().position(|name| *name == text) {
            Some(i) => Ok(Some(Sp {
                value: u8::try_from(i).unwrap_or(u8::MAX),
                span: entry.value_span,
            })),
            None => Err(source
                .error(
                    entry.value_span,
                    match declared.grouped {
                        // A field of an inline table, as the scenario names it.
                        Some((table, field)) => format!("`{table}` has no {field} `{text}`"),
                        None => format!("unknown {key} `{text}`"),
                    },
                )
                .suggesting(text, names.iter().copied())
                .or_help(format!("expected one of {listed}"))),
        }
    }

    /// A non-negative number (a rate, a count of units), or one in quotes
    /// (see [`quoted_number`]). A `_per_second` key also takes a rate with
    /// a period, such as `"8.64M/day"`. `example` is a value to show when
    /// what is written is no number.
    pub fn number(
        &mut self,
        key: &'static str,
        example: &str,
    ) -> Result<Option<Sp<Decimal>>, Diagnostic> {
        let rate = key.ends_with("_per_second");
        let expected = if rate { EXPECT_RATE } else { "a number" };
        // A word is not a rate at all: say what one looks like.
        let a_rate = move |text: &str| {
            rate && plain_form(text).is_none()
                && text.trim_start().starts_with(|c: char| c.is_ascii_digit())
        };
        self.typed_with(
            key,
            expected,
            |value| match value {
                toml::Value::String(text) if a_rate(text) => plain_rate(key, text),
                toml::Value::String(text) => plain_number(key, text, example),
                _ => None,
            },
            |value| {
                let number = match value {
                    toml::Value::Integer(n) => Some(Decimal::from(*n)),
                    // A figure that is not zero as written must not become zero.
                    toml::Value::Float(f) => match decimal_from_f64(*f) {
                        Some(n) if n.is_zero() && *f != 0.0 => {
                            return Err(Some(format!(
                                "`{key}` = {f:e} is too small for exact decimals (28 decimal places); write 0 for none"
                            )));
                        }
                        // A number all the same, past what a decimal carries.
                        None if f.is_finite() && *f < 0.0 => {
                            return Err(Some(format!("`{key}` cannot be negative (found {f:e})")));
                        }
                        None if f.is_finite() => {
                            return Err(Some(OutOfRange::TooLarge { key }.to_string()));
                        }
                        n => n,
                    },
                    toml::Value::String(text) => match quoted_number(text) {
                        Some(n) => Some(n),
                        None if a_rate(text) => {
                            Some(parse_rate(text).map_err(|e| Some(e.to_string()))?)
                        }
                        None => None,
                    },
                    _ => None,
                }
                .ok_or(None)?;
                check_rate(key, number).map_err(|e| Some(e.to_string()))
            },
        )
    }

    /// A whole count from `min` to `max`, or one in quotes.
    pub fn count(
        &mut self,
        key: &'static str,
        min: u32,
        max: u32,
    ) -> Result<Option<Sp<u32>>, Diagnostic> {
        let example = min.max(1).to_string();
        self.typed_with(
            key,
            "a whole number",
            |value| {
                let number = match value {
                    toml::Value::String(text) => quoted_number(text),
                    toml::Value::Float(f) => decimal_from_f64(*f),
                    _ => None,
                };
                match (value, number) {
                    // A fraction: the whole numbers either side of it.
                    (_, Some(n)) if !n.fract().is_zero() && n > Decimal::ZERO => {
                        Some(if n.floor() < Decimal::from(min) {
                            format!("write a whole number: `{key} = {}`", n.ceil())
                        } else {
                            format!(
                                "write a whole number: `{key} = {}` or `{key} = {}`",
                                n.floor(),
                                n.ceil()
                            )
                        })
                    }
                    (toml::Value::String(text), _) => plain_number(key, text, &example),
                    _ => None,
                }
            },
            |value| {
                let whole = match value {
                    toml::Value::Integer(n) => *n,
                    toml::Value::String(text) => quoted_number(text)
                        .filter(|n| n.fract().is_zero())
                        .and_then(|n| i64::try_from(n).ok())
                        .ok_or(None)?,
                    _ => return Err(None),
                };
                if whole < 0 {
                    return Err(Some(format!("`{key}` cannot be negative (found {whole})")));
                }
                u32::try_from(whole)
                    .ok()
                    .filter(|n| *n <= max)
                    .ok_or_else(|| Some(format!("`{key}` is at most {max} (found {whole})")))
            },
        )
    }

    pub fn bytes(&mut self, key: &'static str) -> Result<Option<Sp<Bytes>>, Diagnostic> {
        self.typed(key, EXPECT_SIZE, |value| match value {
            toml::Value::String(text) => text.parse().map_err(|e: UnitError| Some(e.to_string())),
            toml::Value::Integer(n) => Bytes::from_integer(*n).map_err(|e| Some(e.to_string())),
            _ => Err(None),
        })
    }

    pub fn duration(&mut self, key: &'static Key) -> Result<Option<Sp<Duration>>, Diagnostic> {
        let name = key.name;
        self.typed_with(
            name,
            EXPECT_DURATION,
            |value| {
                let how = if value.is_str() {
                    "with a unit"
                } else {
                    "in quotes, with a unit"
                };
                with_its_unit(key, value).map(|text| format!("write it {how}: `{name} = {text}`"))
            },
            |value| match value {
                toml::Value::String(text) => {
                    text.parse().map_err(|e: UnitError| Some(e.to_string()))
                }
                _ => Err(None),
            },
        )
    }

    /// A list of durations, e.g. `["30 min", "5 min"]`, of at most `max` entries.
    pub fn durations(
        &mut self,
        key: &'static Key,
        max: usize,
    ) -> Result<Option<Sp<Vec<Duration>>>, Diagnostic> {
        let name = key.name;
        self.typed_with(
            name,
            "a list of durations such as [\"30 min\", \"5 min\"]",
            |value| {
                let text = value
                    .as_array()?
                    .iter()
                    .find_map(|item| with_its_unit(key, item))?;
                Some(format!(
                    "write each in quotes, with a unit: `{name} = [{text}, …]`"
                ))
            },
            |value| {
                let items = value.as_array().ok_or(None)?;
                if items.is_empty() || items.len() > max {
                    return Err(Some(format!(
                        "`{name}` takes 1 to {max} durations (found {})",
                        items.len()
                    )));
                }
                items
                    .iter()
                    .map(|item| {
                        item.as_str().ok_or(None).and_then(|text| {
                            text.parse().map_err(|e: UnitError| Some(e.to_string()))
                        })
                    })
                    .collect()
            },
        )
    }

    /// A name in quotes (`id = "stream"`).
    /// The entry of `key` as written, for a value of a shape of its own
    /// (`[growth]`'s `rate`, a text or a list); it counts as known.
    pub fn entry(&mut self, key: &'static str) -> Option<&Entry> {
        self.take(key)
    }

    pub fn text(&mut self, key: &'static str) -> Result<Option<Sp<String>>, Diagnostic> {
        self.typed(key, "a name in quotes", |value| {
            value.as_str().map(str::to_string).ok_or(None)
        })
    }

    pub fn flag(&mut self, key: &'static str) -> Result<Option<Sp<bool>>, Diagnostic> {
        self.typed(key, "`true` or `false`", |value| {
            value.as_bool().ok_or(None)
        })
    }

    /// Fails on every key no service asked for, each with the closest one it knows.
    pub fn finish(self) -> Result<(), Diagnostic> {
        let known = &self.asked;
        let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        let mut left: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|(_, taken)| !taken)
            .map(|(entry, _)| entry)
            .collect();
        // In the order they are written.
        left.sort_by_key(|entry| entry.key_span.start);
        let unknown = left.into_iter().map(|entry| {
            self.source
                .error(
                    entry.key_span,
                    format!("unknown key `{}` for `{}`", entry.key, self.service),
                )
                .suggesting(&entry.key, known.iter().copied())
                .or_help(format!("`{}` takes {}", self.service, listed.join(", ")))
        });
        Diagnostic::all(unknown).map_or(Ok(()), Err)
    }
}

/// The largest rate or count calc prices: larger figures are typos, and
/// would overflow exact arithmetic once multiplied by a size and a month.
const MAX_RATE: u64 = 1_000_000_000_000;

/// A rate or count as `[workload]` and components take it: not negative,
/// at most 10^12.
pub fn check_rate(key: &'static str, number: Decimal) -> Result<Decimal, OutOfRange> {
    if number.is_sign_negative() && !number.is_zero() {
        return Err(OutOfRange::Negative { key, found: number });
    }
    if number > Decimal::from(MAX_RATE) {
        return Err(OutOfRange::TooLarge { key });
    }
    Ok(number)
}

/// A number outside what its key takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutOfRange {
    Negative {
        key: &'static str,
        found: Decimal,
    },
    /// Past 10^12, more than calc can price.
    TooLarge {
        key: &'static str,
    },
    /// A month of less than an hour or more than 31 days.
    Hours {
        found: Decimal,
    },
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Negative { key, found } => {
                write!(f, "`{key}` cannot be negative (found {found})")
            }
            Self::TooLarge { key } => {
                write!(f, "`{key}` is larger than calc can price (at most 10^12)")
            }
            Self::Hours { found } => write!(
                f,
                "`hours_per_month` must be between 1 and 744 (found {found})"
            ),
        }
    }
}

impl std::error::Error for OutOfRange {}

/// How to write a value of the kind `expected`, when what was written is
/// close: a fraction of a byte without a unit.
fn how_to_write(key: &str, expected: &str, value: &toml::Value) -> Option<String> {
    (expected == EXPECT_SIZE && value.is_float()).then(|| {
        format!("bytes are counted whole; for a fraction, use a unit: `{key} = \"1.5 KB\"`")
    })
}

/// A number as a scenario writes one in a list or a table: an integer,
/// a float (exact to its shortest form) or a number in quotes.
fn written_number(value: &toml::Value) -> Option<Decimal> {
    match value {
        toml::Value::Integer(n) => Some(Decimal::from(*n)),
        toml::Value::Float(f) => decimal_from_f64(*f),
        toml::Value::String(text) => quoted_number(text),
        _ => None,
    }
}

/// How to write a number that `text` does not give: its plain form
/// (`5000`, not `"5,000"`), or, when it is no number, an example.
fn plain_number(key: &str, text: &str, example: &str) -> Option<String> {
    if quoted_number(text).is_some() {
        // A number, refused for its value: the message says why.
        return None;
    }
    Some(match plain_form(text) {
        Some(plain) => format!("write `{key} = {plain}`, not `\"{text}\"`"),
        None => format!("write a number, such as `{key} = {example}`"),
    })
}

/// How to write a rate whose count is written for people: `"5000/min"`,
/// not `"5,000/min"`.
fn plain_rate(key: &str, text: &str) -> Option<String> {
    let at = text
        .find('/')
        .or_else(|| text.to_ascii_lowercase().find(" per "))?;
    let (count, period) = text.split_at(at);
    let plain = plain_form(count)?;
    Some(format!(
        "write `{key} = \"{plain}{period}\"`, not `\"{text}\"`"
    ))
}

/// A duration given as a bare number (`4`, or `"4"`), written with the
/// unit its key is counted in (`"4 h"` for hours a day, not `"4 s"`): the
/// number alone says nothing of its unit, the key's meaning does.
fn with_its_unit(key: &Key, value: &toml::Value) -> Option<String> {
    let number = match value {
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::String(text) if text.trim().parse::<Decimal>().is_ok() => {
            text.trim().to_string()
        }
        _ => return None,
    };
    // Every duration key has a unit (a test checks it); seconds otherwise.
    let unit = key.duration_unit().unwrap_or("s");
    Some(format!("\"{number} {unit}\""))
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => format!("{f:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "an array".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}
