//! Sizes, durations and exact decimal numbers as a scenario writes them.
//!
//! Sizes follow AWS's quotas and billing: `KB`, `MB`, `GB` and `TB` are powers of
//! 1,024 (`KiB`, `MiB`… are accepted as the same), and a bare integer is bytes.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

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

    /// How many `unit`-sized chunks this size occupies, the last one partly filled.
    pub const fn chunks_of(self, unit: u64) -> u64 {
        self.0.div_ceil(unit)
    }
}

const SIZE_UNITS: [(&str, u64); 10] = [
    ("b", 1),
    ("kb", KIB),
    ("kib", KIB),
    ("mb", MIB),
    ("mib", MIB),
    ("gb", GIB),
    ("gib", GIB),
    ("tb", TIB),
    ("tib", TIB),
    ("pb", PIB),
];

impl FromStr for Bytes {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (number, unit) = split_number(text)?;
        let unit_lower = unit.to_ascii_lowercase();
        let multiplier = if unit.is_empty() {
            1
        } else {
            SIZE_UNITS
                .iter()
                .find(|(name, _)| *name == unit_lower)
                .map(|(_, m)| *m)
                .ok_or_else(|| format!("unknown size unit `{unit}`; use B, KB, MB, GB, TB or PB"))?
        };
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

    pub fn from_ms(ms: Decimal) -> Self {
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

const DURATION_UNITS: [(&str, u64); 13] = [
    ("ms", 1),
    ("s", 1_000),
    ("sec", 1_000),
    ("min", 60_000),
    ("m", 60_000),
    ("h", 3_600_000),
    ("hr", 3_600_000),
    ("hour", 3_600_000),
    ("hours", 3_600_000),
    ("d", 86_400_000),
    ("day", 86_400_000),
    ("days", 86_400_000),
    ("w", 604_800_000),
];

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (number, unit) = split_number(text)?;
        if unit.is_empty() {
            return Err(format!("`{text}` needs a unit: ms, s, min, h or d"));
        }
        let multiplier = DURATION_UNITS
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, m)| *m)
            .ok_or_else(|| format!("unknown duration unit `{unit}`; use ms, s, min, h or d"))?;
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
    let number: Decimal = number
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{number}` is not a number"))?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(format!("`{text}` is negative"));
    }
    Ok((number, unit.trim()))
}

/// An exact decimal from a TOML number, keeping the digits as written:
/// `0.015` becomes 0.015, not the nearest binary fraction.
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // `Display` for f64 prints the shortest digits that read back as the same
    // float, which are the digits the user wrote for any literal of up to 15
    // significant digits.
    Decimal::from_str(&value.to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sizes_are_powers_of_1024() {
        assert_eq!("1 KB".parse::<Bytes>(), Ok(Bytes(1024)));
        assert_eq!("1KiB".parse::<Bytes>(), Ok(Bytes(1024)));
        assert_eq!("35 KB".parse::<Bytes>(), Ok(Bytes(35 * 1024)));
        assert_eq!("1.5 MB".parse::<Bytes>(), Ok(Bytes(1_572_864)));
        assert_eq!("400 kb".parse::<Bytes>(), Ok(Bytes(409_600)));
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
        assert_eq!(Duration::from_hours(168).to_string(), "7 d");
        assert_eq!(Duration::from_ms(dec!(1706.67)).to_string(), "1.71 s");
        assert_eq!(Duration::from_ms(dec!(200)).to_string(), "200 ms");
    }

    #[test]
    fn floats_keep_the_digits_as_written() {
        assert_eq!(decimal_from_f64(0.015), Some(dec!(0.015)));
        assert_eq!(decimal_from_f64(0.0000166667), Some(dec!(0.0000166667)));
        assert_eq!(decimal_from_f64(0.1), Some(dec!(0.1)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }
}
