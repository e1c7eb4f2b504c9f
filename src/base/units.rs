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

/// The largest size calc accepts: larger figures are typos, and would
/// overflow exact arithmetic once multiplied by a rate and a month.
pub const MAX_SIZE: u64 = PIB;

/// A size in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bytes(pub u64);

impl Bytes {
    /// A size given as a bare number of bytes, within calc's range.
    pub fn from_integer(bytes: i64) -> Result<Self, String> {
        u64::try_from(bytes)
            .map_err(|_| "a size cannot be negative".to_string())
            .and_then(|b| {
                if b > MAX_SIZE {
                    Err("size is larger than 1 PB".to_string())
                } else {
                    Ok(Bytes(b))
                }
            })
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
        use crate::base::number::Exact;
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
fn size_multiplier(unit: &str) -> Result<u64, String> {
    // A bare `b` has no prefix to make it bits, and has always read as bytes.
    if unit.is_empty() || matches!(unit, "B" | "b" | "byte" | "bytes") {
        return Ok(1);
    }
    let mut chars = unit.chars();
    let first = chars.next().unwrap_or_default().to_ascii_lowercase();
    let prefix = SIZE_PREFIXES.iter().find(|(p, _, _)| *p == first);
    let rest = chars.as_str();
    let (binary, rest) = match rest.strip_prefix(['i', 'I']) {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let unknown = || format!("unknown size unit `{unit}`; use B, KB, MB, GB, TB or PB");
    let Some(&(_, multiplier, name)) = prefix else {
        if matches!(unit, "bit" | "bits" | "bps") {
            return Err(format!(
                "`{unit}` is bits; a size is in bytes: write `B`, or divide by 8"
            ));
        }
        return Err(unknown());
    };
    let bytes_name = if binary {
        binary_name(name)
    } else {
        name.to_string()
    };
    let upper = first.to_ascii_uppercase();
    let bytes_unit = if binary {
        format!("{upper}iB")
    } else {
        format!("{upper}B")
    };
    let instead = format!(
        "write `{bytes_unit}` for {bytes_name}bytes ({} bytes), or divide by 8",
        crate::base::number::grouped(&multiplier.to_string())
    );
    match rest {
        "B" | "byte" | "bytes" => Ok(multiplier),
        "b" | "bit" | "bits" => Err(format!("`{unit}` is {bytes_name}bits; {instead}")),
        "bps" | "b/s" | "bit/s" => Err(format!(
            "`{unit}` is {bytes_name}bits per second, a rate; a size is in bytes: {instead}"
        )),
        "Bps" | "B/s" => Err(format!(
            "`{unit}` is a rate; a size has no `/s`: write `{bytes_unit}`"
        )),
        _ => Err(unknown()),
    }
}

/// "kilo" → "kibi": the IEC name of a binary prefix.
fn binary_name(name: &str) -> String {
    format!("{}bi", &name[..2])
}

impl FromStr for Bytes {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (number, unit) = split_number(text)?;
        let multiplier = size_multiplier(unit)?;
        let bytes = number
            .checked_mul(Decimal::from(multiplier))
            .filter(|b| *b <= Decimal::from(PIB))
            .ok_or_else(|| "size is larger than 1 PB".to_string())?;
        if !bytes.fract().is_zero() {
            return Err(format!("`{text}` is not a whole number of bytes"));
        }
        u64::try_from(bytes)
            .map(Bytes)
            .map_err(|_| "size is out of range".to_string())
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    ms: Decimal,
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
fn duration_ms(unit: &str) -> Result<u64, String> {
    // `M` is minutes to some and months to others.
    if unit == "M" {
        return Err("`M` could mean minutes or months; write `min` for minutes".to_string());
    }
    let lower = unit.to_ascii_lowercase();
    if let Some((_, ms)) = DURATION_UNITS
        .iter()
        .find(|(names, _)| names.contains(&lower.as_str()))
    {
        return Ok(*ms);
    }
    if matches!(
        lower.as_str(),
        "mo" | "mon" | "month" | "months" | "y" | "yr" | "year" | "years"
    ) {
        return Err(format!(
            "`{unit}` is not a fixed length of time; write days, e.g. `30 d`"
        ));
    }
    Err(format!(
        "unknown duration unit `{unit}`; use {DURATION_UNIT_NAMES}"
    ))
}

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (number, unit) = split_number(text)?;
        if unit.is_empty() {
            return Err(format!("`{text}` needs a unit: {DURATION_UNIT_NAMES}"));
        }
        let multiplier = duration_ms(unit)?;
        let ms = number
            .checked_mul(Decimal::from(multiplier))
            .filter(|ms| *ms <= Decimal::from(100u64 * 365 * 86_400_000))
            .ok_or_else(|| "duration is longer than 100 years".to_string())?;
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
pub fn parse_rate(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let (count, period) = split_period(trimmed);
    let (number, suffix) = split_number(count)?;
    let multiplier = if suffix.is_empty() {
        1
    } else {
        COUNT_SUFFIXES
            .iter()
            .find(|(name, _)| *name == suffix)
            .map(|(_, m)| *m)
            .ok_or_else(|| {
                if suffix == "m" {
                    format!("`m` in `{trimmed}` could mean thousandths or millions; write `M` for millions")
                } else {
                    format!("unknown count `{suffix}` in `{trimmed}`; use k (thousands), M (millions) or G (billions)")
                }
            })?
    };
    let per_ms = match period {
        None => 1_000,
        Some("") => {
            return Err(format!(
                "`{trimmed}` has no period after it; write e.g. `{count}/s` or `{count} per day`"
            ));
        }
        Some(unit) => duration_ms(unit).map_err(|_| {
            if unit == "M" {
                format!("`M` in `{trimmed}` could mean minutes or months; write `min` for minutes")
            } else {
                format!("unknown period `{unit}` in `{trimmed}`; use s, min, h, d or w")
            }
        })?,
    };
    let too_large = || format!("`{trimmed}` is larger than calc can price");
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
fn split_number(text: &str) -> Result<(Decimal, &str), String> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(end);
    if number.is_empty() {
        return Err(format!("`{text}` does not start with a number"));
    }
    let number = crate::base::number::exact(&number.replace('_', "")).map_err(|why| match why {
        Inexact::NotANumber => format!("`{number}` is not a number"),
        Inexact::TooLarge => format!("`{number}` is too large for exact decimals (28 digits)"),
        Inexact::TooSmall => format!(
            "`{number}` is too small for exact decimals (28 decimal places); write 0 for none"
        ),
    })?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(format!("`{text}` is negative"));
    }
    Ok((number, unit.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::number::decimal_from_f64;
    use rust_decimal_macros::dec;

    #[test]
    fn sizes_are_powers_of_1024() {
        assert_eq!("1 KB".parse::<Bytes>(), Ok(Bytes(1024)));
        assert_eq!("1KiB".parse::<Bytes>(), Ok(Bytes(1024)));
        assert_eq!("35 KB".parse::<Bytes>(), Ok(Bytes(35 * 1024)));
        assert_eq!("1.5 MB".parse::<Bytes>(), Ok(Bytes(1_572_864)));
        assert_eq!("400 kB".parse::<Bytes>(), Ok(Bytes(409_600)));
        assert_eq!("2 MiB".parse::<Bytes>(), Ok(Bytes(2_097_152)));
        assert_eq!("512 b".parse::<Bytes>(), Ok(Bytes(512)));
        assert_eq!("3 bytes".parse::<Bytes>(), Ok(Bytes(3)));
        assert_eq!("2 GB".parse::<Bytes>(), Ok(Bytes(2_147_483_648)));
        assert_eq!("512".parse::<Bytes>(), Ok(Bytes(512)));
    }

    #[test]
    fn bad_sizes_are_rejected_with_a_reason() {
        assert!(
            "1.3 B"
                .parse::<Bytes>()
                .unwrap_err()
                .contains("whole number")
        );
        assert!("-1 KB".parse::<Bytes>().unwrap_err().contains("negative"));
        assert!(
            "5 XB"
                .parse::<Bytes>()
                .unwrap_err()
                .contains("unknown size unit")
        );
        assert!("KB".parse::<Bytes>().unwrap_err().contains("number"));
        assert!("2 PB".parse::<Bytes>().unwrap_err().contains("larger"));
    }

    #[test]
    fn figures_past_exact_decimals_are_refused_not_rounded() {
        // 10^33 bytes is past the largest decimal; 10^-29 ms rounds to zero.
        let huge = "1000000000000000000000000000000000";
        assert_eq!(
            huge.parse::<Bytes>(),
            Err(format!(
                "`{huge}` is too large for exact decimals (28 digits)"
            ))
        );
        assert_eq!(
            format!("{huge} s").parse::<Duration>(),
            Err(format!(
                "`{huge}` is too large for exact decimals (28 digits)"
            ))
        );
        assert_eq!(
            parse_rate(&format!("{huge}/s")),
            Err(format!(
                "`{huge}` is too large for exact decimals (28 digits)"
            ))
        );
        let tiny = "0.00000000000000000000000000001";
        assert_eq!(
            format!("{tiny} ms").parse::<Duration>(),
            Err(format!(
                "`{tiny}` is too small for exact decimals (28 decimal places); write 0 for none"
            ))
        );
        // The least decimal, 10^-28, is one.
        assert_eq!(
            "0.0000000000000000000000000001 ms"
                .parse::<Duration>()
                .map(Duration::ms),
            Ok(Decimal::new(1, 28))
        );
    }

    #[test]
    fn bits_are_refused_rather_than_read_as_bytes() {
        assert_eq!(
            "1 kb".parse::<Bytes>(),
            Err(
                "`kb` is kilobits; write `KB` for kilobytes (1,024 bytes), or divide by 8"
                    .to_string()
            )
        );
        assert_eq!(
            "8 Mb".parse::<Bytes>(),
            Err(
                "`Mb` is megabits; write `MB` for megabytes (1,048,576 bytes), or divide by 8"
                    .to_string()
            )
        );
        assert_eq!(
            "1 Kib".parse::<Bytes>(),
            Err(
                "`Kib` is kibibits; write `KiB` for kibibytes (1,024 bytes), or divide by 8"
                    .to_string()
            )
        );
        assert_eq!(
            "10 Mbps".parse::<Bytes>(),
            Err(
                "`Mbps` is megabits per second, a rate; a size is in bytes: \
                 write `MB` for megabytes (1,048,576 bytes), or divide by 8"
                    .to_string()
            )
        );
        for bits in ["1 Gb", "1 gbit", "1 kbit", "1 Tbits", "1 Mb/s", "8 bits"] {
            let error = bits.parse::<Bytes>().unwrap_err();
            assert!(error.contains("bits"), "{bits}: {error}");
        }
        assert!("1 MB/s".parse::<Bytes>().unwrap_err().contains("a rate"));
    }

    #[test]
    fn sizes_print_in_the_largest_exact_unit() {
        assert_eq!(Bytes(1024).to_string(), "1 KB");
        assert_eq!(Bytes(35 * 1024).to_string(), "35 KB");
        assert_eq!(Bytes(1000).to_string(), "1000 B");
        assert_eq!(Bytes(1_024_000).to_string(), "1000 KB");
        assert_eq!(Bytes(3_072_000).to_string(), "2.93 MB");
        assert_eq!(Bytes(6_193_152_000_000).to_string(), "5.63 TB");
        assert_eq!(Bytes(3_072_001).to_string(), "2.93 MB");
    }

    #[test]
    fn durations() {
        assert_eq!("200 ms".parse::<Duration>().unwrap().ms(), dec!(200));
        assert_eq!("1 s".parse::<Duration>().unwrap().ms(), dec!(1000));
        assert_eq!("5 min".parse::<Duration>().unwrap().ms(), dec!(300000));
        assert_eq!(
            "24 h".parse::<Duration>().unwrap(),
            Duration::from_hours(24)
        );
        assert_eq!(
            "7 d".parse::<Duration>().unwrap(),
            Duration::from_hours(168)
        );
        assert!(
            "7".parse::<Duration>()
                .unwrap_err()
                .contains("needs a unit")
        );
        assert!(
            "7 fortnights"
                .parse::<Duration>()
                .unwrap_err()
                .contains("unknown duration unit `fortnights`")
        );
        assert_eq!(Duration::from_hours(168).to_string(), "7 d");
        assert_eq!(Duration::from_ms(dec!(1706.67)).to_string(), "1.71 s");
        assert_eq!(Duration::from_ms(dec!(200)).to_string(), "200 ms");
    }

    #[test]
    fn durations_take_unit_words() {
        let ms = |text: &str| text.parse::<Duration>().map(Duration::ms);
        assert_eq!(ms("1 second"), Ok(dec!(1000)));
        assert_eq!(ms("30 seconds"), Ok(dec!(30000)));
        assert_eq!(ms("1 sec"), Ok(dec!(1000)));
        assert_eq!(ms("45 secs"), Ok(dec!(45000)));
        assert_eq!(ms("1 minute"), Ok(dec!(60000)));
        // 90 × 60,000 ms.
        assert_eq!(ms("90 mins"), Ok(dec!(5400000)));
        assert_eq!(ms("5 Min"), Ok(dec!(300000)));
        assert_eq!(ms("1 hour"), Ok(dec!(3600000)));
        assert_eq!(ms("2 hrs"), Ok(dec!(7200000)));
        assert_eq!(ms("1 hr"), Ok(dec!(3600000)));
        assert_eq!(ms("1 H"), Ok(dec!(3600000)));
        assert_eq!(ms("1 day"), Ok(dec!(86400000)));
        assert_eq!(ms("7 days"), Ok(dec!(604800000)));
        assert_eq!(ms("1 week"), Ok(dec!(604800000)));
        // 2 × 7 × 86,400,000 ms.
        assert_eq!(ms("2 weeks"), Ok(dec!(1209600000)));
        assert_eq!(ms("250 milliseconds"), Ok(dec!(250)));
        assert!(ms("1 M").unwrap_err().contains("minutes or months"));
        assert!(ms("1 month").unwrap_err().contains("write days"));
    }

    #[test]
    fn rates_are_exact_per_second() {
        let rate = |text: &str| parse_rate(text);
        assert_eq!(rate("3000"), Ok(dec!(3000)));
        assert_eq!(rate("0.5"), Ok(dec!(0.5)));
        assert_eq!(rate("1_000/s"), Ok(dec!(1000)));
        assert_eq!(rate("2k/s"), Ok(dec!(2000)));
        assert_eq!(rate("2k"), Ok(dec!(2000)));
        // 8,640,000 a day over 86,400 seconds a day.
        assert_eq!(rate("8.64M/day"), Ok(dec!(100)));
        assert_eq!(rate("8.64 million per day"), Ok(dec!(100)));
        // 600 a minute over 60 seconds.
        assert_eq!(rate("600/min"), Ok(dec!(10)));
        // 3,600,000 an hour over 3,600 seconds.
        assert_eq!(rate("3.6 M per hour"), Ok(dec!(1000)));
        // 604,800 a week over 604,800 seconds.
        assert_eq!(rate("604800 per week"), Ok(dec!(1)));
        assert_eq!(rate("1/ms"), Ok(dec!(1000)));
        assert_eq!(rate("2 per second"), Ok(dec!(2)));
        assert_eq!(rate("120 Per Minute"), Ok(dec!(2)));
    }

    #[test]
    fn rates_that_do_not_divide_keep_28_significant_digits() {
        // 500 a minute is 8⅓ a second: 28 significant digits, the last rounded.
        assert_eq!(rate_of("500/min"), dec!(8.333333333333333333333333333));
        // 1,500,000 an hour is 416⅔ a second.
        assert_eq!(
            rate_of("1.5 M per hour"),
            dec!(416.66666666666666666666666667)
        );
        // 100,000 a day is 125/108 = 1.157407407… a second (407 repeating).
        assert_eq!(
            rate_of("100000 per day"),
            dec!(1.1574074074074074074074074074)
        );
        // What is lost is far below anything calc prints: under 10^-20 a day.
        let per_day = rate_of("100000 per day") * dec!(86400);
        assert!((per_day - dec!(100000)).abs() < dec!(0.00000000000000000001));
    }

    fn rate_of(text: &str) -> Decimal {
        parse_rate(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn bad_rates_say_why() {
        let error = |text: &str| parse_rate(text).unwrap_err();
        assert_eq!(
            error("5/fortnight"),
            "unknown period `fortnight` in `5/fortnight`; use s, min, h, d or w"
        );
        assert_eq!(
            error("5/"),
            "`5/` has no period after it; write e.g. `5/s` or `5 per day`"
        );
        assert!(error("2m/s").contains("write `M` for millions"));
        assert!(error("2 x/s").contains("unknown count `x`"));
        assert!(error("fast").contains("does not start with a number"));
        assert!(error("-5/s").contains("negative"));
        assert!(error("1/M").contains("minutes or months"));
        assert!(error("1M/month").contains("unknown period `month`"));
    }

    #[test]
    fn floats_keep_the_digits_as_written() {
        assert_eq!(decimal_from_f64(0.015), Some(dec!(0.015)));
        assert_eq!(decimal_from_f64(0.0000166667), Some(dec!(0.0000166667)));
        assert_eq!(decimal_from_f64(0.1), Some(dec!(0.1)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }
}
