//! Reading a component's keys: each service asks for the keys it knows, typed
//! and checked, and whatever is left over is an error that suggests the
//! closest key the service knows.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Source, Span};
use crate::pricing::{LimitValue, PriceBook};
use crate::services::Limit;
use crate::units::{Bytes, Duration, EXPECT_RATE, decimal_from_f64, parse_rate};

/// A value with the place in the scenario it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

/// A fixed set of names that a key accepts (`capacity_mode = "provisioned"`).
pub trait Choice: Copy + PartialEq + 'static {
    const CHOICES: &'static [(&'static str, Self)];

    fn as_str(self) -> &'static str {
        Self::CHOICES
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(name, _)| name)
    }
}

/// Declares an enum whose values a scenario names in snake_case.
macro_rules! choice {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $crate::fields::Choice for $name {
            const CHOICES: &'static [(&'static str, Self)] = &[$(($text, Self::$variant),)*];
        }
    };
}
pub(crate) use choice;

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
}

/// What a service may read while it parses a component: the scenario's
/// workload (the default rate and size) and the pricing table's limits.
pub struct ParseCtx<'a> {
    pub records_per_second: Option<Sp<Decimal>>,
    pub record_size: Option<Sp<Bytes>>,
    pub prices: &'a PriceBook,
    /// Where the component is written, for errors about a key it lacks.
    pub span: Span,
}

impl<'s> Fields<'s> {
    pub fn new(source: &'s Source, service: &'static str, entries: Vec<Entry>) -> Self {
        Self {
            source,
            service,
            entries: entries.into_iter().map(|e| (e, false)).collect(),
            asked: Vec::new(),
        }
    }

    pub fn service(&self) -> &'static str {
        self.service
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
        let source = self.source;
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        match convert(&entry.value) {
            Ok(value) => Ok(Some(Sp {
                value,
                span: entry.value_span,
            })),
            Err(reason) => {
                let message = reason.unwrap_or_else(|| {
                    format!(
                        "`{key}` must be {expected}, found {}",
                        describe(&entry.value)
                    )
                });
                Err(source.error(entry.value_span, message))
            }
        }
    }

    /// A non-negative number (a rate, a count of units). A `_per_second` key
    /// also takes a rate with a period, such as `"8.64M/day"`.
    pub fn number(&mut self, key: &'static str) -> Result<Option<Sp<Decimal>>, Diagnostic> {
        let rate = key.ends_with("_per_second");
        let expected = if rate { EXPECT_RATE } else { "a number" };
        self.typed(key, expected, |value| {
            let number = match value {
                toml::Value::Integer(n) => Some(Decimal::from(*n)),
                toml::Value::Float(f) => decimal_from_f64(*f),
                toml::Value::String(text) if rate => Some(parse_rate(text).map_err(Some)?),
                _ => None,
            }
            .ok_or(None)?;
            check_rate(key, number).map_err(Some)
        })
    }

    /// A whole count at most `max`.
    pub fn count(&mut self, key: &'static str, max: u32) -> Result<Option<Sp<u32>>, Diagnostic> {
        self.typed(key, "a whole number", |value| match value {
            toml::Value::Integer(n) if *n < 0 => {
                Err(Some(format!("`{key}` cannot be negative (found {n})")))
            }
            toml::Value::Integer(n) => u32::try_from(*n)
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| Some(format!("`{key}` is at most {max} (found {n})"))),
            _ => Err(None),
        })
    }

    pub fn bytes(&mut self, key: &'static str) -> Result<Option<Sp<Bytes>>, Diagnostic> {
        self.typed(key, "a size such as \"1 KB\"", |value| match value {
            toml::Value::String(text) => text.parse().map_err(Some),
            toml::Value::Integer(n) => Bytes::from_integer(*n).map_err(Some),
            _ => Err(None),
        })
    }

    pub fn duration(&mut self, key: &'static str) -> Result<Option<Sp<Duration>>, Diagnostic> {
        self.typed(
            key,
            "a duration such as \"200 ms\" or \"24 h\"",
            |value| match value {
                toml::Value::String(text) => text.parse().map_err(Some),
                _ => Err(None),
            },
        )
    }

    /// A list of durations, e.g. `["30 min", "5 min"]`, of at most `max` entries.
    pub fn durations(
        &mut self,
        key: &'static str,
        max: usize,
    ) -> Result<Option<Sp<Vec<Duration>>>, Diagnostic> {
        self.typed(
            key,
            "a list of durations such as [\"30 min\", \"5 min\"]",
            |value| {
                let items = value.as_array().ok_or(None)?;
                if items.is_empty() || items.len() > max {
                    return Err(Some(format!(
                        "`{key}` takes 1 to {max} durations (found {})",
                        items.len()
                    )));
                }
                items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .ok_or(None)
                            .and_then(|text| text.parse().map_err(Some))
                    })
                    .collect()
            },
        )
    }

    pub fn flag(&mut self, key: &'static str) -> Result<Option<Sp<bool>>, Diagnostic> {
        self.typed(key, "`true` or `false`", |value| {
            value.as_bool().ok_or(None)
        })
    }

    pub fn choice<C: Choice>(&mut self, key: &'static str) -> Result<Option<Sp<C>>, Diagnostic> {
        let source = self.source;
        let Some(entry) = self.take(key) else {
            return Ok(None);
        };
        let names = || C::CHOICES.iter().map(|(name, _)| *name);
        let listed = names()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let Some(text) = entry.value.as_str() else {
            return Err(source.error(entry.value_span, format!("`{key}` must be one of {listed}")));
        };
        match C::CHOICES.iter().find(|(name, _)| *name == text) {
            Some((_, choice)) => Ok(Some(Sp {
                value: *choice,
                span: entry.value_span,
            })),
            None => Err(source
                .error(entry.value_span, format!("unknown {key} `{text}`"))
                .suggesting(text, names())
                .or_help(format!("expected one of {listed}"))),
        }
    }

    /// Fails unless `value` lies in `min..=max`, naming the key and both bounds.
    pub fn in_range<T: Copy + PartialOrd + std::fmt::Display>(
        &self,
        key: &str,
        value: &Sp<T>,
        min: T,
        max: T,
    ) -> Result<(), Diagnostic> {
        if (min..=max).contains(&value.value) {
            return Ok(());
        }
        Err(self.error(
            value.span,
            format!(
                "`{key}` must be between {min} and {max} (found {})",
                value.value
            ),
        ))
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

impl ParseCtx<'_> {
    /// The component's rate, or the workload's.
    pub fn rate(&self, fields: &mut Fields, key: &'static str) -> Result<Sp<Decimal>, Diagnostic> {
        match fields.number(key)? {
            Some(rate) => Ok(rate),
            None => self
                .records_per_second
                .ok_or_else(|| self.missing(fields, key, "records_per_second")),
        }
    }

    /// The component's record size, or the workload's.
    pub fn size(&self, fields: &mut Fields, key: &'static str) -> Result<Sp<Bytes>, Diagnostic> {
        match fields.bytes(key)? {
            Some(size) => Ok(size),
            None => self
                .record_size
                .ok_or_else(|| self.missing(fields, key, "record_size")),
        }
    }

    fn missing(&self, fields: &Fields, key: &str, workload_key: &str) -> Diagnostic {
        fields
            .error(self.span, format!("`{}` needs `{key}`", fields.service()))
            .with_help(format!(
                "set `{workload_key}` in [workload], or `{key}` on this component"
            ))
    }

    /// Checks a size against the service's limit, returning the limit:
    /// "a 2 MB message is over SQS's 1 MB message limit" (`noun` "message",
    /// `owner` "SQS", `limit_noun` "message").
    pub fn size_within(
        &self,
        fields: &Fields,
        size: &Sp<Bytes>,
        limit: &'static Limit,
        (noun, owner, limit_noun): (&str, &str, &str),
    ) -> Result<Bytes, Diagnostic> {
        let max = self.limit_bytes(fields, limit)?;
        if size.value > max {
            return Err(fields.error(
                size.span,
                format!(
                    "a {} {noun} is over {owner}'s {max} {limit_noun} limit",
                    size.value
                ),
            ));
        }
        Ok(max)
    }

    pub fn limit_bytes(&self, fields: &Fields, limit: &'static Limit) -> Result<Bytes, Diagnostic> {
        self.limit(fields, limit, LimitValue::bytes)
    }

    pub fn limit_count(
        &self,
        fields: &Fields,
        limit: &'static Limit,
    ) -> Result<Decimal, Diagnostic> {
        self.limit(fields, limit, LimitValue::count)
    }

    pub fn limit_duration(
        &self,
        fields: &Fields,
        limit: &'static Limit,
    ) -> Result<Duration, Diagnostic> {
        self.limit(fields, limit, LimitValue::duration)
    }

    /// A limit from the pricing table, for checks made while parsing; the
    /// table's loader already checked its kind.
    fn limit<T>(
        &self,
        fields: &Fields,
        limit: &'static Limit,
        pick: fn(LimitValue) -> Option<T>,
    ) -> Result<T, Diagnostic> {
        let table = &self.prices.name;
        let entry = self.prices.limit(limit.key).ok_or_else(|| {
            fields.error(
                self.span,
                format!("pricing table `{table}` has no limit `{}`", limit.key),
            )
        })?;
        pick(entry.value).ok_or_else(|| {
            fields.error(
                self.span,
                format!(
                    "limit `{}` in pricing table `{table}` has the wrong kind of value",
                    limit.key
                ),
            )
        })
    }
}

/// The largest rate or count calc prices: larger figures are typos, and
/// would overflow exact arithmetic once multiplied by a size and a month.
const MAX_RATE: u64 = 1_000_000_000_000;

/// A rate or count as `[workload]` and components take it: not negative,
/// at most 10^12.
pub fn check_rate(key: &str, number: Decimal) -> Result<Decimal, String> {
    if number.is_sign_negative() && !number.is_zero() {
        return Err(format!("`{key}` cannot be negative (found {number})"));
    }
    if number > Decimal::from(MAX_RATE) {
        return Err(format!(
            "`{key}` is larger than calc can price (at most 10^12)"
        ));
    }
    Ok(number)
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => format!("{f:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(_) => "an array".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}
