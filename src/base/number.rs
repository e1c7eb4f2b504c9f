//! Exact decimals read from TOML, and the money arithmetic the bill needs.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// A decimal read from a TOML integer, float or string, keeping the digits as
/// written (`0.015` is exactly 0.015).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecVisitor;

        impl Visitor<'_> for DecVisitor {
            type Value = Dec;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }

            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Dec, E> {
                Decimal::try_from_i128_with_scale(v, 0)
                    .ok()
                    .map(Dec)
                    .ok_or_else(|| E::custom(format!("{v} is out of range")))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                decimal_from_f64(v)
                    .map(Dec)
                    .ok_or_else(|| E::custom(format!("{v} is out of range")))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                quoted_number(v)
                    .map(Dec)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a number")))
            }
        }

        deserializer.deserialize_any(DecVisitor)
    }
}

/// A number written in quotes, read as it reads without them: `"5000"`,
/// `"0.5"`, `"1_000"`, `"1e3"`.
///
/// One rule wherever a scenario or a table takes a number: a quoted plain
/// number is that number. It can mean nothing else, configuration written
/// by other programs quotes numbers, and rates (`"500/min"`) are text
/// anyway, so refusing `"5000"` in one key while a rate takes it would be a
/// rule of the tool's, not of the value's. What is refused is a figure
/// written for people (`"5,000"`, `"$20,000"`), whose separators read
/// differently from place to place (`5,000` is five in much of Europe):
/// [`plain_form`] says how to write it.
pub fn quoted_number(text: &str) -> Option<Decimal> {
    text.trim().replace('_', "").parse().ok()
}

/// A figure written for people, `"5,000"`, `"$20,000"`, `"20 000"` or
/// `"1,5"`, as a scenario writes it: `5000`, `20000`, `1.5`. `None` when it
/// is plain already, or no number.
pub fn plain_form(text: &str) -> Option<String> {
    let text = text.trim();
    if quoted_number(text).is_some() {
        return None;
    }
    let unsigned = text.trim_start_matches(['$', '€', '£', '¥']).trim_start();
    // Spaces, thin spaces and apostrophes group digits too (`20 000`, `1'000`).
    let joined: String = unsigned
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{202f}')
        .collect();
    let (whole, fraction) = match joined.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (joined.as_str(), None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    let plain = if thousands {
        let whole = groups.concat();
        fraction.map_or(whole.clone(), |f| format!("{whole}.{f}"))
    } else if groups.len() == 2 && fraction.is_none() {
        // One comma, not before three digits: a decimal comma.
        format!("{}.{}", groups[0], groups[1])
    } else {
        joined.clone()
    };
    quoted_number(&plain).map(|n| n.normalize().to_string())
}

/// Why a number written as text is not an exact decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inexact {
    NotANumber,
    /// Past the largest decimal, about 7.9 × 10^28.
    TooLarge,
    /// Not zero as written, but zero to 28 decimal places.
    TooSmall,
}

/// Reads `text` (`0.015`, `1e-28`, `1_000`) as an exact decimal, refusing
/// what a decimal cannot carry rather than rounding it away: a figure past
/// the largest decimal, or one that is not zero but rounds to zero. Digits
/// past the 28th decimal place of a figure that stays above zero are
/// rounded, as a decimal does.
pub fn exact(text: &str) -> Result<Decimal, Inexact> {
    // Any digit but zero before the exponent: the figure is not zero.
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    let nonzero = mantissa.contains(|c: char| ('1'..='9').contains(&c));
    match text.parse::<Decimal>() {
        Ok(value) if value.is_zero() && nonzero => Err(Inexact::TooSmall),
        Ok(value) => Ok(value),
        // A number all the same, as a float: too large or too small.
        Err(_) => match text.replace('_', "").parse::<f64>() {
            Ok(float) if float.is_nan() || text.to_ascii_lowercase().contains("inf") => {
                Err(Inexact::NotANumber)
            }
            Ok(float) if float.abs() >= 1.0 => Err(Inexact::TooLarge),
            Ok(_) if nonzero => Err(Inexact::TooSmall),
            Ok(_) => Ok(Decimal::ZERO),
            Err(_) => Err(Inexact::NotANumber),
        },
    }
}

/// Prices per million (requests, units, events) divide counts by this.
pub const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Rounds money to the cent, half away from zero, for display.
pub fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds money up to the next cent, as AWS's Managed Flink examples do per line item.
pub fn up_to_cent(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity)
}

/// `value` rounded to `digits` significant digits, for a sample point on a
/// ratio scale. A value with no more digits than that is returned as it
/// is: rust_decimal's `round_sf` pads it with zeros instead, past the 28
/// decimal places a decimal may hold (1e-28 to six digits has a scale of
/// 33), and dividing by such a malformed decimal panics inside the crate.
pub fn significant(value: Decimal, digits: u32) -> Decimal {
    let within = 10_u128
        .checked_pow(digits)
        .is_none_or(|limit| value.mantissa().unsigned_abs() < limit);
    if within {
        return value;
    }
    // Fewer digits than the value has: the scale only goes down.
    value.round_sf(digits).unwrap_or(value)
}

/// `a` against `b`, as [`Ord`] orders them. Two decimals of one scale,
/// the usual case (a size in bytes against a limit in bytes), compare by
/// their mantissas alone, without the crate's general rescaling.
#[inline]
pub fn compare(a: Decimal, b: Decimal) -> std::cmp::Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(&b)
    }
}

/// `a + b`; `None` past the largest decimal. Exactly `checked_add`, scale
/// included, with two decimals of one scale, the usual case, added as
/// whole numbers inline.
#[inline(always)]
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.scale() == b.scale() {
        let sum = a.mantissa() + b.mantissa();
        let magnitude = sum.unsigned_abs();
        if magnitude < 1 << 96 {
            let word = |at: u32| (magnitude >> at) as u32;
            return Some(Decimal::from_parts(
                word(0),
                word(32),
                word(64),
                sum < 0,
                a.scale(),
            ));
        }
    }
    a.checked_add(b)
}

/// `ceil(numerator / denominator)` for non-negative decimals, as a count.
pub fn ceil_div(numerator: Decimal, denominator: Decimal) -> Decimal {
    if denominator.is_zero() {
        return Decimal::ZERO;
    }
    (numerator / denominator).ceil()
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
    value.to_string().parse::<Decimal>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_nearest_whole_number_is_the_rounded_one_but_for_halves() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut values = vec![0.0, -0.0, 0.3, -0.7, 4_503_599_627_370_495.7, 1e300, -1e300];
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                values.push(x);
                values.push(x.fract() + (state % 1000) as f64);
            }
        }
        for x in values {
            let (ours, rounded) = (nearest_whole(x), x.round());
            if (x - x.trunc()).abs() == 0.5 {
                // A half: the even neighbour, one of the two.
                assert!((ours - x).abs() == 0.5 && ours % 2.0 == 0.0, "{x:e}");
            } else {
                assert_eq!(ours.to_bits(), rounded.to_bits(), "{x:e}");
            }
        }
        assert_eq!(nearest_whole(2.5), 2.0);
        assert_eq!(nearest_whole(3.5), 4.0);
    }

    #[test]
    fn decimals_compare_as_their_order_has_them() {
        let values = [
            dec!(0),
            dec!(-0),
            dec!(0.0),
            dec!(1),
            dec!(1.0),
            dec!(-1),
            dec!(1024),
            dec!(1048576),
            dec!(0.5),
            dec!(0.50),
            dec!(-0.25),
            dec!(79228162514264337593543950335),
            dec!(-79228162514264337593543950335),
            dec!(7.9228162514264337593543950335),
        ];
        for a in values {
            for b in values {
                assert_eq!(compare(a, b), a.cmp(&b), "{a} against {b}");
            }
        }
        assert!(compare(dec!(2048), dec!(1024)).is_gt());
        assert!(compare(dec!(-3), dec!(2)).is_lt());
    }

    #[test]
    fn a_scaled_float_converts_as_rounding_it_would() {
        let two_52 = 4_503_599_627_370_496.0_f64;
        let two_63 = 9_223_372_036_854_775_808.0_f64;
        let mut values = vec![
            0.0,
            2.5,
            -2.5,
            two_52 - 0.5,
            two_52,
            two_52 + 1.0,
            two_63,
            -two_63,
            1e17 - 16.0,
            -1.234_567_890_123_456_7e16,
            1e30,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Magnitudes from 1 to 1e30, either sign.
            let x = (state >> 11) as f64 / (1_u64 << 53) as f64 * 30.0;
            let magnitude = 10_f64.powf(x);
            values.push(if state & 1 == 0 {
                magnitude
            } else {
                -magnitude
            });
        }
        for x in values {
            assert_eq!(whole_i128(x), x.round() as i128, "{x:e}");
        }
        // 2^52 + 1 is whole: converted as it is.
        assert_eq!(whole_i128(two_52 + 1.0), 4_503_599_627_370_497);
        assert_eq!(whole_i128(-2.5), -3);
    }

    #[test]
    fn a_float_rounds_a_hair_off_a_whole_number_to_it() {
        // 0.1 × 3 is 0.30000000000000004 in binary floating point: ten of
        // them are 3.0000000000000004, which an exact ceiling takes to 4.
        let three = (0.1_f64 * 3.0 * 10.0).max(3.0);
        assert!(three > 3.0);
        assert_eq!(Number::ceil(three), 3.0);
        assert_eq!(Number::floor(2.9999999999999996_f64), 3.0);
        // Past the tolerance, an ordinary ceiling and floor.
        assert_eq!(Number::ceil(3.000_001_f64), 4.0);
        assert_eq!(Number::floor(2.999_999_f64), 2.0);
        assert_eq!(Number::ceil(0.25_f64), 1.0);
        assert_eq!(Number::floor(-0.25_f64), -1.0);
        // 12.341 is 1,234.1 cents: 1,235 cents up.
        assert_eq!(12.341_f64.up_to_cent(), 12.35);
        assert_eq!(12.34_f64.up_to_cent(), 12.34);
    }

    #[test]
    fn a_count_drops_its_fraction_in_either_number_type() {
        assert_eq!(dec!(67108864.9).whole(), Some(67_108_864));
        assert_eq!(67_108_864.9_f64.whole(), Some(67_108_864));
        assert_eq!(dec!(-0.5).whole(), None);
        assert_eq!((-0.5_f64).whole(), None);
        assert_eq!(Decimal::MAX.whole(), None);
        assert_eq!(1.9e19_f64.whole(), None);
        assert_eq!(f64::NAN.whole(), None);
        assert_eq!(1.8e19_f64.whole(), Some(18_000_000_000_000_000_000));
    }

    #[test]
    fn float_arithmetic_says_when_a_result_does_not_fit() {
        assert_eq!(1.0_f64.per(0.0), Err(TooLarge));
        assert_eq!(f64::MAX.times(2.0), Err(TooLarge));
        assert_eq!(f64::MAX.plus(f64::MAX), Err(TooLarge));
        assert_eq!(6.0_f64.per(4.0), Ok(1.5));
        assert_eq!(Decimal::ONE.per(Decimal::ZERO), Err(TooLarge));
    }

    #[test]
    fn a_decimal_becomes_the_float_nearest_it() {
        for (decimal, float) in [
            (dec!(0.015), 0.015),
            (dec!(3000), 3000.0),
            (dec!(-2.5), -2.5),
            (dec!(0.0000166667), 0.0000166667),
            (dec!(1e-28), 1e-28),
        ] {
            let of = f64::of(decimal);
            assert!((of - float).abs() <= float.abs() * 1e-15, "{decimal}: {of}");
            assert!((of.decimal() - decimal).abs() <= decimal.abs() * dec!(1e-15));
        }
        // The largest decimal's nearest float lies past it.
        assert_eq!(f64::of(Decimal::MAX).decimal(), Decimal::MAX);
        assert_eq!(f64::NAN.decimal(), Decimal::ZERO);
    }

    #[test]
    fn a_quoted_plain_number_is_the_number() {
        assert_eq!(quoted_number("5000"), Some(dec!(5000)));
        assert_eq!(quoted_number(" 0.5 "), Some(dec!(0.5)));
        assert_eq!(quoted_number("1_000"), Some(dec!(1000)));
        assert_eq!(quoted_number("-3"), Some(dec!(-3)));
        assert_eq!(quoted_number("1e3"), Some(dec!(1000)));
        for text in ["", "5,000", "$20", "five", "2k", "500/min", "NaN"] {
            assert_eq!(quoted_number(text), None, "{text}");
        }
    }

    #[test]
    fn a_figure_written_for_people_is_shown_plain() {
        for (written, plain) in [
            ("5,000", "5000"),
            ("$20,000", "20000"),
            ("$ 20,000.50", "20000.5"),
            ("1,234,567", "1234567"),
            ("20 000", "20000"),
            ("1'000", "1000"),
            ("€30", "30"),
            ("1,5", "1.5"),
        ] {
            assert_eq!(plain_form(written).as_deref(), Some(plain), "{written}");
        }
        // Plain already, or no number at all.
        for text in ["5000", "five", "1,50,000", "500/min", "3 KB"] {
            assert_eq!(plain_form(text), None, "{text}");
        }
    }

    #[test]
    fn rounding() {
        assert_eq!(cents(dec!(108.864)), dec!(108.86));
        assert_eq!(cents(dec!(0.125)), dec!(0.13));
        assert_eq!(up_to_cent(dec!(0.023)), dec!(0.03));
        assert_eq!(up_to_cent(dec!(0.1042)), dec!(0.11));
        assert_eq!(up_to_cent(dec!(2.00)), dec!(2.00));
        assert_eq!(ceil_div(dec!(3000), dec!(1000)), dec!(3));
        assert_eq!(ceil_div(dec!(3001), dec!(1000)), dec!(4));
    }

    #[test]
    fn text_that_a_decimal_cannot_carry_is_refused_not_rounded_away() {
        assert_eq!(exact("0.015"), Ok(dec!(0.015)));
        assert_eq!(exact("1e-28"), Ok(dec!(0.0000000000000000000000000001)));
        assert_eq!(exact("1e28"), Ok(dec!(10000000000000000000000000000)));
        assert_eq!(exact("1_000"), Ok(dec!(1000)));
        assert_eq!(exact("-0"), Ok(Decimal::ZERO));
        assert_eq!(exact("0e-300"), Ok(Decimal::ZERO));
        // Past the largest decimal, 79,228,162,514,264,337,593,543,950,335.
        assert_eq!(
            exact("79228162514264337593543950336"),
            Err(Inexact::TooLarge)
        );
        assert_eq!(exact("1e29"), Err(Inexact::TooLarge));
        assert_eq!(exact("-1e40"), Err(Inexact::TooLarge));
        assert_eq!(exact("1e400"), Err(Inexact::TooLarge));
        assert_eq!(exact("1_000e40"), Err(Inexact::TooLarge));
        // Not zero, but zero to 28 places: 10^-29 written out, or as 1e-29.
        assert_eq!(
            exact("0.00000000000000000000000000001"),
            Err(Inexact::TooSmall)
        );
        assert_eq!(exact("1e-29"), Err(Inexact::TooSmall));
        assert_eq!(exact("1e-400"), Err(Inexact::TooSmall));
        for word in ["fast", "inf", "NaN", "-infinity", "1e", ""] {
            assert_eq!(exact(word), Err(Inexact::NotANumber), "{word}");
        }
    }

    #[test]
    fn significant_digits_never_pass_the_largest_scale() {
        // Rounded where the value has more digits than asked for.
        assert_eq!(significant(dec!(1234.5678), 6), dec!(1234.57));
        assert_eq!(significant(dec!(0.000123456789), 6), dec!(0.000123457));
        assert_eq!(significant(dec!(-98765432), 3), dec!(-98800000));
        // Kept as it is where it has no more: 1e-28 is the least positive
        // decimal, and stays one that arithmetic can use.
        let least = Decimal::new(1, 28);
        for value in [
            least,
            dec!(0.0000000000000000000000000015),
            dec!(3000),
            Decimal::ZERO,
        ] {
            let rounded = significant(value, 6);
            assert_eq!(rounded, value);
            assert!(rounded.scale() <= 28, "{value}: scale {}", rounded.scale());
        }
        // Dividing by it is an ordinary division: 1 / 1e-28 is 10^28.
        assert_eq!(
            Decimal::ONE.checked_div(significant(least, 6)),
            Some(dec!(10000000000000000000000000000))
        );
        assert_eq!(
            dec!(0.5).checked_div(significant(least, 6)),
            Some(dec!(5000000000000000000000000000))
        );
    }
}

/// `1234567.891` → `1,234,567.89`, keeping at most `max_dp` decimals and no
/// trailing zeros.
pub fn readable(value: Decimal, max_dp: u32) -> String {
    let rounded = value.round_dp(max_dp).normalize();
    let text = rounded.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = grouped(whole);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// `1234567` → `1,234,567`: a run of digits grouped by thousands.
pub fn grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The numbers an evaluation computes with: exact decimals, for every
/// figure calc reports, or binary floating point, for the samples of a
/// Monte Carlo run, whose statistics are estimates anyway. A service's
/// formulas are written once, over any `Number`.
///
/// Each operation says when its result does not fit (past 28 digits for a
/// decimal, past the largest float for a float) or divides by zero,
/// instead of panicking: an evaluation turns that into the evaluation's
/// arithmetic error, an error about the scenario's figures, never a crash.
pub trait Number: Copy + PartialOrd + fmt::Debug + Send + Sync + 'static {
    const ZERO: Self;
    const ONE: Self;

    /// The number nearest to `value`: `value` itself for a decimal.
    fn of(value: Decimal) -> Self;

    /// The decimal nearest to this number: itself for a decimal. Only what
    /// is put into words or into a working takes this way back.
    fn decimal(self) -> Decimal;

    fn times(self, other: Self) -> Result<Self, TooLarge>;
    fn per(self, other: Self) -> Result<Self, TooLarge>;
    fn plus(self, other: Self) -> Result<Self, TooLarge>;
    fn minus(self, other: Self) -> Result<Self, TooLarge>;

    /// Rounded up to a whole number.
    fn ceil(self) -> Self;
    /// Rounded down to a whole number.
    fn floor(self) -> Self;
    /// Money rounded up to the next cent.
    fn up_to_cent(self) -> Self;

    /// `value` ÷ `divisor`, of figures given in decimals: a duration's
    /// milliseconds in seconds. A decimal divides as `/` does (exact where
    /// the quotient fits), a float after converting each.
    fn ratio(value: Decimal, divisor: Decimal) -> Self;

    /// A count of whole units (bytes, instances), the fraction dropped;
    /// `None` below zero or past `u64::MAX`.
    fn whole(self) -> Option<u64>;

    fn is_zero(self) -> bool {
        self == Self::ZERO
    }

    /// Whether it is 1 as written: for a decimal, without a scale (1.0
    /// times a figure adds a decimal place to it; 1 does not).
    fn is_one(self) -> bool {
        self == Self::ONE
    }
}

/// A result too large (or a division by zero) for the number type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

impl Number for Decimal {
    const ZERO: Self = Decimal::ZERO;
    const ONE: Self = Decimal::ONE;

    fn of(value: Decimal) -> Self {
        value
    }

    fn decimal(self) -> Decimal {
        self
    }

    fn times(self, other: Decimal) -> Result<Decimal, TooLarge> {
        self.checked_mul(other).ok_or(TooLarge)
    }

    fn per(self, other: Decimal) -> Result<Decimal, TooLarge> {
        self.checked_div(other).ok_or(TooLarge)
    }

    fn plus(self, other: Decimal) -> Result<Decimal, TooLarge> {
        self.checked_add(other).ok_or(TooLarge)
    }

    fn minus(self, other: Decimal) -> Result<Decimal, TooLarge> {
        self.checked_sub(other).ok_or(TooLarge)
    }

    fn ceil(self) -> Decimal {
        Decimal::ceil(&self)
    }

    fn floor(self) -> Decimal {
        Decimal::floor(&self)
    }

    fn up_to_cent(self) -> Decimal {
        up_to_cent(self)
    }

    fn ratio(value: Decimal, divisor: Decimal) -> Decimal {
        value / divisor
    }

    fn whole(self) -> Option<u64> {
        u64::try_from(self).ok()
    }

    fn is_zero(self) -> bool {
        Decimal::is_zero(&self)
    }

    fn is_one(self) -> bool {
        self.serialize() == Decimal::ONE.serialize()
    }
}

/// The greater of the two, `b` if they are equal, as [`Ord::max`] picks
/// (a decimal's equals may differ in their written scale: 0 and 0.00).
pub fn max<N: Number>(a: N, b: N) -> N {
    if a > b { a } else { b }
}

/// The lesser of the two, `a` if they are equal, as [`Ord::min`] picks.
pub fn min<N: Number>(a: N, b: N) -> N {
    if a <= b { a } else { b }
}

/// How far from a whole number (relative to it, and at least to 1) a
/// float may be and still be taken as that number when it is rounded up
/// or down. Each float operation rounds by about 1e-16 of its result, so a
/// chain of them can land a hair above a whole number that the exact
/// figures reach (3 shards computed as 3.0000000000000004): rounding that
/// up to 4 would be an error of a whole unit, where the float is off by
/// far less than this tolerance.
const WHOLE: f64 = 1e-12;

/// `x` as the whole number it lies within [`WHOLE`] of, if it does.
fn near_whole(x: f64) -> Option<f64> {
    let whole = nearest_whole(x);
    ((x - whole).abs() <= WHOLE * whole.abs().max(1.0)).then_some(whole)
}

/// 2^52: from here on a float has no fraction bits left.
const NO_FRACTION: f64 = 4_503_599_627_370_496.0;

/// A whole number nearest `x` (a half goes to the even one, which no
/// caller minds: a half is never within [`WHOLE`] of a whole number). Two
/// additions: 2^52 has no fraction bits left, so adding it rounds `x` to a
/// whole number, and taking it away again is exact. `f64::round` would be
/// a call into the C library on the x86-64 baseline, at every rounding of
/// every sample.
fn nearest_whole(x: f64) -> f64 {
    let magnitude = x.abs();
    if magnitude < NO_FRACTION {
        ((magnitude + NO_FRACTION) - NO_FRACTION).copysign(x)
    } else {
        x
    }
}

/// `x.round() as i128`, without the two library calls where they change
/// nothing: from 2^52 on a float is a whole number, and below 2^63 it
/// converts as a 64-bit integer. A float's 17 digits, scaled to a
/// decimal's mantissa, lie there but at the ends of the decimal range.
fn whole_i128(x: f64) -> i128 {
    const I64_UP_TO: f64 = 9_223_372_036_854_775_808.0; // 2^63
    let magnitude = x.abs();
    if (NO_FRACTION..I64_UP_TO).contains(&magnitude) {
        i128::from(x as i64)
    } else {
        x.round() as i128
    }
}

fn finite(x: f64) -> Result<f64, TooLarge> {
    if x.is_finite() { Ok(x) } else { Err(TooLarge) }
}

impl Number for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;

    fn of(value: Decimal) -> Self {
        // The 96-bit mantissa from its three 32-bit words, each exact as a
        // float (a 128-bit integer converts by a slow library call), over
        // a power of ten exact up to 10^22: a few roundings at most.
        let bytes = value.serialize();
        let word = |at: usize| {
            f64::from(u32::from_le_bytes([
                bytes[at],
                bytes[at + 1],
                bytes[at + 2],
                bytes[at + 3],
            ]))
        };
        const WORD: f64 = 4_294_967_296.0;
        let magnitude = (word(12) * WORD + word(8)) * WORD + word(4);
        let signed = if value.is_sign_negative() {
            -magnitude
        } else {
            magnitude
        };
        // A whole number, the usual limit or constant, needs no division,
        // the slowest step here.
        match value.scale() {
            0 => signed,
            scale => signed / POWERS_OF_TEN[scale as usize],
        }
    }

    fn decimal(self) -> Decimal {
        // Past the largest decimal, or not a number: the nearest end.
        if self.is_nan() {
            return Decimal::ZERO;
        }
        let magnitude = self.abs();
        if magnitude >= 7.9e28 {
            return if self > 0.0 {
                Decimal::MAX
            } else {
                Decimal::MIN
            };
        }
        // The 17 significant digits a float carries, at most 28 places.
        let digits = if magnitude < 1e-28 {
            -28
        } else {
            magnitude.log10().floor() as i32
        };
        let scale = (16 - digits).clamp(0, 28) as u32;
        let mantissa = whole_i128(self * POWERS_OF_TEN[scale as usize]);
        Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or(Decimal::ZERO)
    }

    fn times(self, other: f64) -> Result<f64, TooLarge> {
        finite(self * other)
    }

    fn per(self, other: f64) -> Result<f64, TooLarge> {
        if other == 0.0 {
            return Err(TooLarge);
        }
        finite(self / other)
    }

    fn plus(self, other: f64) -> Result<f64, TooLarge> {
        finite(self + other)
    }

    fn minus(self, other: f64) -> Result<f64, TooLarge> {
        finite(self - other)
    }

    fn ceil(self) -> f64 {
        near_whole(self).unwrap_or_else(|| self.ceil())
    }

    fn floor(self) -> f64 {
        near_whole(self).unwrap_or_else(|| self.floor())
    }

    fn up_to_cent(self) -> f64 {
        Number::ceil(self * 100.0) / 100.0
    }

    fn ratio(value: Decimal, divisor: Decimal) -> f64 {
        f64::of(value) / f64::of(divisor)
    }

    fn whole(self) -> Option<u64> {
        // The casts saturate; 2^64 is the first float past `u64::MAX`.
        (0.0..18_446_744_073_709_551_616.0)
            .contains(&self)
            .then_some(self as u64)
    }
}

/// 10^0 to 10^28, the scales a decimal may have.
const POWERS_OF_TEN: [f64; 29] = {
    let mut powers = [1.0; 29];
    let mut i = 1;
    while i < 29 {
        powers[i] = powers[i - 1] * 10.0;
        i += 1;
    }
    powers
};

/// The exact sum of `values`, or [`TooLarge`].
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal, TooLarge> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |total, value| total.plus(value))
}
