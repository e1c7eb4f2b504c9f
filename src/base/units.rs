//! Sizes, durations, rates and exact decimal numbers as a scenario writes them.
//!
//! Sizes follow AWS's quotas and billing: `KB`, `MB`, `GB` and `TB` are powers of
//! 1,024 (`KiB`, `MiB`… are accepted as the same), and a bare integer is bytes.
//! A lowercase `b` after a prefix (`kb`, `Mb`, `Gbit`) means bits, and is refused
//! rather than read as bytes. Rates are exact decimals per second, and may be
//! written with a period (`"8.64M/day"`, `"500 per min"`).

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::base::number::Inexact;

pub const KIB: u64 = 1024;
pub const MIB: u64 = 1024 * KIB;
pub const GIB: u64 = 1024 * MIB;
pub const TIB: u64 = 1024 * GIB;
pub const PIB: u64 = 1024 * TIB;

/// Why a size, a duration or a rate as written is not one calc reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitError {
    /// Nothing that reads as a number at the start: `KB`.
    NoNumber {
        text: String,
    },
    /// The number, as written, is not one exact decimals can carry.
    Inexact {
        number: String,
        why: Inexact,
    },
    Negative {
        text: String,
    },
    /// A bare number of bytes below zero.
    NegativeSize,
    /// Past [`MAX_SIZE`].
    SizeTooLarge,
    /// A fraction of a byte: `1.3 B`.
    NotWholeBytes {
        text: String,
    },
    UnknownSizeUnit {
        unit: String,
    },
    /// Bits with no prefix: `bit`, `bps`.
    Bits {
        unit: String,
    },
    /// Bits with a prefix, `kb` or `Mbps`, or a rate, `MB/s`, for a size.
    PrefixedBits {
        unit: String,
        prefix: Prefix,
        /// Per second: `Mbps`, `Mb/s`.
        per_second: bool,
    },
    /// Bytes per second for a size: `MB/s`.
    SizeRate {
        unit: String,
        prefix: Prefix,
    },
    /// `M`, minutes to some and months to others.
    MinutesOrMonths,
    /// Months and years, which vary in length.
    NotFixedLength {
        unit: String,
    },
    UnknownDurationUnit {
        unit: String,
    },
    /// A duration without a unit.
    NoDurationUnit {
        text: String,
    },
    /// Past 100 years.
    DurationTooLong,
    /// `m` in a count, thousandths to some and millions to others.
    ThousandthsOrMillions {
        text: String,
    },
    UnknownCount {
        suffix: String,
        text: String,
    },
    /// `500 per`.
    NoPeriod {
        text: String,
        count: String,
    },
    /// `M` as a rate's period.
    PeriodMinutesOrMonths {
        text: String,
    },
    UnknownPeriod {
        unit: String,
        text: String,
    },
    /// A rate past what exact decimals carry.
    RateTooLarge {
        text: String,
    },
}

/// A size unit's binary prefix, as [`UnitError`] names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefix {
    /// `k`, `m`, …
    letter: char,
    /// Bytes in one: 1,024 for kilo.
    multiplier: u64,
    /// `kilo`, `mega`, …
    name: &'static str,
    /// Written as the IEC's binary prefix, `Ki`, `Mi`…
    binary: bool,
}

impl Prefix {
    /// `kilo`, or `kibi` when written as `Ki`.
    fn name(self) -> String {
        if self.binary {
            format!("{}bi", &self.name[..2])
        } else {
            self.name.to_string()
        }
    }

    /// The unit in bytes: `KB`, or `KiB`.
    fn bytes_unit(self) -> String {
        let upper = self.letter.to_ascii_uppercase();
        if self.binary {
            format!("{upper}iB")
        } else {
            format!("{upper}B")
        }
    }
}

impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoNumber { text } => write!(f, "`{text}` does not start with a number"),
            Self::Inexact { number, why } => match why {
                Inexact::NotANumber => write!(f, "`{number}` is not a number"),
                Inexact::TooLarge => {
                    write!(f, "`{number}` is too large for exact decimals (28 digits)")
                }
                Inexact::TooSmall => write!(
                    f,
                    "`{number}` is too small for exact decimals (28 decimal places); write 0 for none"
                ),
            },
            Self::Negative { text } => write!(f, "`{text}` is negative"),
            Self::NegativeSize => f.write_str("a size cannot be negative"),
            Self::SizeTooLarge => f.write_str("size is larger than 1 PB"),
            Self::NotWholeBytes { text } => write!(f, "`{text}` is not a whole number of bytes"),
            Self::UnknownSizeUnit { unit } => {
                write!(f, "unknown size unit `{unit}`; use B, KB, MB, GB, TB or PB")
            }
            Self::Bits { unit } => write!(
                f,
                "`{unit}` is bits; a size is in bytes: write `B`, or divide by 8"
            ),
            Self::PrefixedBits {
                unit,
                prefix,
                per_second,
            } => {
                let name = prefix.name();
                let instead = format!(
                    "write `{}` for {name}bytes ({} bytes), or divide by 8",
                    prefix.bytes_unit(),
                    crate::base::number::grouped(&prefix.multiplier.to_string())
                );
                if *per_second {
                    write!(
                        f,
                        "`{unit}` is {name}bits per second, a rate; a size is in bytes: {instead}"
                    )
                } else {
                    write!(f, "`{unit}` is {name}bits; {instead}")
                }
            }
            Self::SizeRate { unit, prefix } => write!(
                f,
                "`{unit}` is a rate; a size has no `/s`: write `{}`",
                prefix.bytes_unit()
            ),
            Self::MinutesOrMonths => {
                f.write_str("`M` could mean minutes or months; write `min` for minutes")
            }
            Self::NotFixedLength { unit } => write!(
                f,
                "`{unit}` is not a fixed length of time; write days, e.g. `30 d`"
            ),
            Self::UnknownDurationUnit { unit } => {
                write!(
                    f,
                    "unknown duration unit `{unit}`; use {DURATION_UNIT_NAMES}"
                )
            }
            Self::NoDurationUnit { text } => {
                write!(f, "`{text}` needs a unit: {DURATION_UNIT_NAMES}")
            }
            Self::DurationTooLong => f.write_str("duration is longer than 100 years"),
            Self::ThousandthsOrMillions { text } => write!(
                f,
                "`m` in `{text}` could mean thousandths or millions; write `M` for millions"
            ),
            Self::UnknownCount { suffix, text } => write!(
                f,
                "unknown count `{suffix}` in `{text}`; use k (thousands), M (millions) or G (billions)"
            ),
            Self::NoPeriod { text, count } => write!(
                f,
                "`{text}` has no period after it; write e.g. `{count}/s` or `{count} per day`"
            ),
            Self::PeriodMinutesOrMonths { text } => write!(
                f,
                "`M` in `{text}` could mean minutes or months; write `min` for minutes"
            ),
            Self::UnknownPeriod { unit, text } => write!(
                f,
                "unknown period `{unit}` in `{text}`; use s, min, h, d or w"
            ),
            Self::RateTooLarge { text } => write!(f, "`{text}` is larger than calc can price"),
        }
    }
}

impl std::error::Error for UnitError {}

/// The largest size calc accepts: larger figures are typos, and would
/// overflow exact arithmetic once multiplied by a rate and a month.
pub const MAX_SIZE: u64 = PIB;

/// A size in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bytes(pub u64);

impl Bytes {
    /// A size given as a bare number of bytes, within calc's range.
    pub fn from_integer(bytes: i64) -> Result<Self, UnitError> {
        let bytes = u64::try_from(bytes).map_err(|_| UnitError::NegativeSize)?;
        if bytes > MAX_SIZE {
            return Err(UnitError::SizeTooLarge);
        }
        Ok(Bytes(bytes))
    }

    pub const fn kib(n: u64) -> Self {
        Self(n * KIB)
    }

    pub const fn mib(n: u64) -> Self {
        Self(n * MIB)
    }

    pub fn decimal(self) -> Decimal {
        Decimal::from(self.0)
    }

    /// The size in GB as AWS bills it: GiB, 2^30 bytes.
    pub fn gb(self) -> Result<Decimal, crate::base::number::TooLarge> {
        use crate::base::number::Number;
        self.decimal().per(Decimal::from(GIB))
    }

    /// How many `unit`-sized chunks this size occupies, the last one partly filled.
    pub const fn chunks_of(self, unit: u64) -> u64 {
        self.0.div_ceil(unit)
    }
}

/// The binary prefixes a size unit may start with, and what the prefix is called.
const SIZE_PREFIXES: [(char, u64, &str); 5] = [
    ('k', KIB, "kilo"),
    ('m', MIB, "mega"),
    ('g', GIB, "giga"),
    ('t', TIB, "tera"),
    ('p', PIB, "peta"),
];

/// How many bytes one `unit` is: `KB` and `kB` are 1,024 bytes, `MiB` is
/// 1,048,576. Bits (`kb`, `Mbit`, `Mbps`) are refused with a hint, since
/// reading them as bytes would be off by a factor of eight.
fn size_multiplier(unit: &str) -> Result<u64, UnitError> {
    // A bare `b` has no prefix to make it bits, and has always read as bytes.
    if unit.is_empty() || matches!(unit, "B" | "b" | "byte" | "bytes") {
        return Ok(1);
    }
    let owned = || unit.to_string();
    let mut chars = unit.chars();
    let first = chars.next().unwrap_or_default().to_ascii_lowercase();
    let rest = chars.as_str();
    let Some(&(letter, multiplier, name)) = SIZE_PREFIXES.iter().find(|(p, _, _)| *p == first)
    else {
        if matches!(unit, "bit" | "bits" | "bps") {
            return Err(UnitError::Bits { unit: owned() });
        }
        return Err(UnitError::UnknownSizeUnit { unit: owned() });
    };
    let (binary, rest) = match rest.strip_prefix(['i', 'I']) {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let prefix = Prefix {
        letter,
        multiplier,
        name,
        binary,
    };
    match rest {
        "B" | "byte" | "bytes" => Ok(multiplier),
        "b" | "bit" | "bits" | "bps" | "b/s" | "bit/s" => Err(UnitError::PrefixedBits {
            unit: owned(),
            prefix,
            per_second: !matches!(rest, "b" | "bit" | "bits"),
        }),
        "Bps" | "B/s" => Err(UnitError::SizeRate {
            unit: owned(),
            prefix,
        }),
        _ => Err(UnitError::UnknownSizeUnit { unit: owned() }),
    }
}

impl FromStr for Bytes {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (number, unit) = split_number(text)?;
        let multiplier = size_multiplier(unit)?;
        let bytes = number
            .checked_mul(Decimal::from(multiplier))
            .filter(|b| *b <= Decimal::from(MAX_SIZE))
            .ok_or(UnitError::SizeTooLarge)?;
        if !bytes.fract().is_zero() {
            return Err(UnitError::NotWholeBytes {
                text: text.to_string(),
            });
        }
        // Whole, not negative and at most 1 PB: it fits.
        u64::try_from(bytes)
            .map(Bytes)
            .map_err(|_| UnitError::SizeTooLarge)
    }
}

impl fmt::Display for Bytes {
    /// In the largest unit it reaches: exactly when it divides (`1 MB`,
    /// `1000 KB`), else to two decimals (`2.93 MB`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(&str, u64); 5] = [
            ("PB", PIB),
            ("TB", TIB),
            ("GB", GIB),
            ("MB", MIB),
            ("KB", KIB),
        ];
        let Some((name, size)) = UNITS.iter().find(|(_, size)| self.0 >= *size).copied() else {
            return write!(f, "{} B", self.0);
        };
        if self.0.is_multiple_of(size) {
            return write!(f, "{} {name}", self.0 / size);
        }
        let value = (self.decimal() / Decimal::from(size))
            .round_dp(2)
            .normalize();
        write!(f, "{value} {name}")
    }
}

/// A span of time, kept in exact milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    ms: Decimal,
}

/// Ordered as its milliseconds are: spans of one scale, the usual case
/// (a path's latencies add up at every component), by their mantissas.
impl Ord for Duration {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        crate::base::number::compare(self.ms, other.ms)
    }
}

impl PartialOrd for Duration {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Duration {
    pub const ZERO: Self = Self { ms: Decimal::ZERO };

    pub const fn from_ms(ms: Decimal) -> Self {
        Self { ms }
    }

    pub fn from_secs(secs: u64) -> Self {
        Self::from_ms(Decimal::from(secs) * Decimal::ONE_THOUSAND)
    }

    pub fn from_hours(hours: u64) -> Self {
        Self::from_secs(hours * 3600)
    }

    pub fn ms(self) -> Decimal {
        self.ms
    }

    /// `self` and then `next`, one after the other; `None` past the
    /// largest decimal. Summed by [`number::add`](crate::base::number::add)
    /// inline: a path's latency is summed at every component of every
    /// evaluation, and a sum returned through memory stalls the read that
    /// follows.
    #[inline(always)]
    pub fn then(self, next: Duration) -> Option<Duration> {
        crate::base::number::add(self.ms, next.ms).map(Self::from_ms)
    }

    pub fn secs(self) -> Decimal {
        self.ms / Decimal::ONE_THOUSAND
    }

    pub fn hours(self) -> Decimal {
        self.secs() / Decimal::from(3600)
    }
}

/// Duration units and their length in milliseconds. Matched without regard
/// to case, except `M` (see [`duration_ms`]).
const DURATION_UNITS: [(&[&str], u64); 6] = [
    (&["ms", "msec", "msecs", "millisecond", "milliseconds"], 1),
    (&["s", "sec", "secs", "second", "seconds"], 1_000),
    (&["m", "min", "mins", "minute", "minutes"], 60_000),
    (&["h", "hr", "hrs", "hour", "hours"], 3_600_000),
    (&["d", "day", "days"], 86_400_000),
    (&["w", "wk", "wks", "week", "weeks"], 604_800_000),
];

const DURATION_UNIT_NAMES: &str = "ms, s, min, h, d or w";

/// How many milliseconds one `unit` lasts.
fn duration_ms(unit: &str) -> Result<u64, UnitError> {
    // `M` is minutes to some and months to others.
    if unit == "M" {
        return Err(UnitError::MinutesOrMonths);
    }
    let lower = unit.to_ascii_lowercase();
    if let Some((_, ms)) = DURATION_UNITS
        .iter()
        .find(|(names, _)| names.contains(&lower.as_str()))
    {
        return Ok(*ms);
    }
    let unit = unit.to_string();
    if matches!(
        lower.as_str(),
        "mo" | "mon" | "month" | "months" | "y" | "yr" | "year" | "years"
    ) {
        return Err(UnitError::NotFixedLength { unit });
    }
    Err(UnitError::UnknownDurationUnit { unit })
}

impl FromStr for Duration {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (number, unit) = split_number(text)?;
        if unit.is_empty() {
            return Err(UnitError::NoDurationUnit {
                text: text.to_string(),
            });
        }
        let multiplier = duration_ms(unit)?;
        let ms = number
            .checked_mul(Decimal::from(multiplier))
            .filter(|ms| *ms <= Decimal::from(100u64 * 365 * 86_400_000))
            .ok_or(UnitError::DurationTooLong)?;
        Ok(Self::from_ms(ms))
    }
}

impl fmt::Display for Duration {
    /// The largest unit that keeps the number readable: `200 ms`, `1.7 s`, `5 min`, `24 h`, `7 d`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.ms;
        let (value, unit) = if ms < Decimal::ONE_THOUSAND {
            (ms, "ms")
        } else if ms < Decimal::from(60_000) {
            (ms / Decimal::ONE_THOUSAND, "s")
        } else if ms < Decimal::from(3_600_000) {
            (ms / Decimal::from(60_000), "min")
        } else if ms < Decimal::from(86_400_000) || ms % Decimal::from(86_400_000) != Decimal::ZERO
        {
            (ms / Decimal::from(3_600_000), "h")
        } else {
            (ms / Decimal::from(86_400_000), "d")
        };
        write!(f, "{} {unit}", value.round_dp(2).normalize())
    }
}

/// Counts a rate may be written in: `"2k/s"`, `"8.64M/day"`.
const COUNT_SUFFIXES: [(&str, u64); 7] = [
    ("k", 1_000),
    ("K", 1_000),
    ("thousand", 1_000),
    ("M", 1_000_000),
    ("million", 1_000_000),
    ("G", 1_000_000_000),
    ("billion", 1_000_000_000),
];

/// A rate in events per second, as a scenario writes it: a number (per
/// second), or a count over a period, `"8.64M/day"`, `"100000 per day"`,
/// `"500/min"`, `"2k/s"`, `"1.5 M per hour"`.
///
/// The result is exact whenever the count divides by the period (8.64M a day
/// is exactly 100 a second); otherwise it is the quotient to the 28
/// significant digits exact decimals hold (500 a minute is
/// 8.333333333333333333333333333 a second).
pub fn parse_rate(text: &str) -> Result<Decimal, UnitError> {
    let trimmed = text.trim();
    let text = || trimmed.to_string();
    let (count, period) = split_period(trimmed);
    let (number, suffix) = split_number(count)?;
    let multiplier = if suffix.is_empty() {
        1
    } else {
        COUNT_SUFFIXES
            .iter()
            .find(|(name, _)| *name == suffix)
            .map(|(_, m)| *m)
            .ok_or_else(|| match suffix {
                "m" => UnitError::ThousandthsOrMillions { text: text() },
                _ => UnitError::UnknownCount {
                    suffix: suffix.to_string(),
                    text: text(),
                },
            })?
    };
    let per_ms = match period {
        None => 1_000,
        Some("") => {
            return Err(UnitError::NoPeriod {
                text: text(),
                count: count.to_string(),
            });
        }
        Some(unit) => duration_ms(unit).map_err(|_| match unit {
            "M" => UnitError::PeriodMinutesOrMonths { text: text() },
            _ => UnitError::UnknownPeriod {
                unit: unit.to_string(),
                text: text(),
            },
        })?,
    };
    let too_large = || UnitError::RateTooLarge { text: text() };
    let per_period = number
        .checked_mul(Decimal::from(multiplier))
        .ok_or_else(too_large)?;
    // Counted per millisecond of the period, then per second: one exact
    // multiplication and one division, the only step that can round.
    per_period
        .checked_mul(Decimal::ONE_THOUSAND)
        .and_then(|n| n.checked_div(Decimal::from(per_ms)))
        .map(|rate| rate.normalize())
        .ok_or_else(too_large)
}

/// `"500/min"` → (`"500"`, `Some("min")`); `"1.5 M per hour"` → (`"1.5 M"`,
/// `Some("hour")`); `"3000"` → (`"3000"`, `None`).
fn split_period(text: &str) -> (&str, Option<&str>) {
    if let Some((count, period)) = text.split_once('/') {
        return (count.trim(), Some(period.trim()));
    }
    let lower = text.to_ascii_lowercase();
    match lower.find(" per ") {
        Some(at) => (text[..at].trim(), Some(text[at + " per ".len()..].trim())),
        None => match lower.strip_suffix(" per") {
            Some(count) => (text[..count.len()].trim(), Some("")),
            None => (text, None),
        },
    }
}

/// What a scenario writes for a duration, as a message says it.
pub const EXPECT_DURATION: &str = "a duration with a unit, such as \"1 s\" or \"200 ms\"";
/// What a scenario writes for a size, as a message says it.
pub const EXPECT_SIZE: &str = "a size such as \"1 KB\", or a whole number of bytes";
/// What a scenario writes for a rate, as a message says it.
pub const EXPECT_RATE: &str = "a number per second, or a rate such as \"500/min\"";

/// A duration as written in a file, read as text and checked later where
/// its span is at hand; a bare number is refused by name, since its unit
/// would be a guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationText(pub String);

impl Deref for DurationText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = DurationText;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECT_DURATION)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DurationText, E> {
                Ok(DurationText(v.to_string()))
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

/// A size as written in a file: a string with a unit, or a bare number of bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizeText {
    Text(String),
    Bytes(i64),
}

impl<'de> Deserialize<'de> for SizeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;

        impl Visitor<'_> for SizeVisitor {
            type Value = SizeText;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECT_SIZE)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<SizeText, E> {
                Ok(SizeText::Text(v.to_string()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SizeText, E> {
                Ok(SizeText::Bytes(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SizeText, E> {
                // Past i64, a size is far over calc's 1 PB anyway.
                Ok(SizeText::Bytes(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }

        deserializer.deserialize_any(SizeVisitor)
    }
}

/// Splits `"1.5 KB"` into the number and the unit, rejecting negative numbers.
fn split_number(text: &str) -> Result<(Decimal, &str), UnitError> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(end);
    if number.is_empty() {
        return Err(UnitError::NoNumber {
            text: text.to_string(),
        });
    }
    let number =
        crate::base::number::exact(&number.replace('_', "")).map_err(|why| UnitError::Inexact {
            number: number.to_string(),
            why,
        })?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(UnitError::Negative {
            text: text.to_string(),
        });
    }
    Ok((number, unit.trim()))
}

/// The plural nouns calc counts in, each with its singular.
const SINGULARS: &[(&str, &str)] = &[
    ("records", "record"),
    ("shards", "shard"),
    ("prefixes", "prefix"),
    ("partitions", "partition"),
    ("instances", "instance"),
    ("nodes", "node"),
    ("brokers", "broker"),
    ("workers", "worker"),
    ("consumers", "consumer"),
    ("groups", "group"),
    ("subscriptions", "subscription"),
    ("copies", "copy"),
    ("objects", "object"),
    ("requests", "request"),
    ("calls", "call"),
    ("invocations", "invocation"),
    ("messages", "message"),
    ("events", "event"),
    ("deliveries", "delivery"),
    ("readings", "reading"),
    ("uploads", "upload"),
    ("writes", "write"),
    ("reads", "read"),
    ("GETs", "GET"),
    ("PUTs", "PUT"),
    ("queries", "query"),
    ("runs", "run"),
    ("jobs", "job"),
    ("rules", "rule"),
    ("users", "user"),
    ("units", "unit"),
    ("KPUs", "KPU"),
    ("DPUs", "DPU"),
    ("TCUs", "TCU"),
    ("vCPUs", "vCPU"),
    ("hours", "hour"),
    ("seconds", "second"),
    ("minutes", "minute"),
    ("days", "day"),
];

/// `unit` after a count written `shown`: its singular after `1` (`1 shard`,
/// `1 record/s`, `1 instance-hour`), else as it is. The noun is what comes
/// before a `/`, its last word (after a `-`) takes the number; a count of
/// millions or thousands stays plural (`1 million requests`).
pub fn after_count<'a>(shown: &str, unit: &'a str) -> std::borrow::Cow<'a, str> {
    let singular = (|| {
        if shown != "1" {
            return None;
        }
        let (noun, per) = unit.split_at(unit.find('/').unwrap_or(unit.len()));
        if noun.starts_with("million ") || noun.starts_with("thousand ") {
            return None;
        }
        let at = noun.rfind([' ', '-']).map_or(0, |i| i + 1);
        let (before, word) = noun.split_at(at);
        let (_, one) = SINGULARS.iter().find(|(many, _)| *many == word)?;
        Some(format!("{before}{one}{per}"))
    })();
    singular.map_or(std::borrow::Cow::Borrowed(unit), std::borrow::Cow::Owned)
}

#[cfg(test)]
mod tests;
