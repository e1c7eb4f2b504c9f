//! A figure as an offer file writes it (a price, `"0.0000000140"` or
//! `"4e-07"`; a range bound, `"100000000000"` or `"Inf"`), read into an exact
//! decimal or refused.
//!
//! Decimals hold 28 decimal places and at most 2^96 - 1 as their digits.
//! `rust_decimal`'s own parsing rounds what goes past that (a price of
//! 10^-29 becomes 0, and a first range priced so becomes a free tier): here a
//! figure is read digit by digit and refused unless it is kept exactly.

use std::fmt;

use rust_decimal::Decimal;

/// A figure read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    Number(Decimal),
    /// `Inf`, an open range's end.
    Inf,
    /// Text that is not a number, as written.
    Text(String),
}

/// Why a number cannot be carried exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not 0, but below 10^-28: it would become 0.
    Small,
    /// Above the largest decimal, about 7.9 × 10^28.
    Large,
    /// Within range, but with more digits than a decimal keeps.
    Digits,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refused::Small => {
                "is too small for exact decimal arithmetic, which keeps 28 decimal places"
            }
            Refused::Large => "is too large for exact decimal arithmetic",
            Refused::Digits => "has more digits than exact decimal arithmetic keeps",
        })
    }
}

/// The largest digits a decimal holds, `2^96 - 1`.
const MAX_DIGITS: u128 = (1 << 96) - 1;

/// The most decimal places a decimal holds.
const MAX_PLACES: i64 = 28;

/// Reads a figure: `Inf`, a decimal number (with an exponent or not), or
/// other text. A number that a decimal cannot hold exactly is refused.
pub fn read(text: &str) -> Result<Figure, Refused> {
    let text = text.trim();
    if text == "Inf" {
        return Ok(Figure::Inf);
    }
    match exact(text) {
        Some(number) => number.map(Figure::Number),
        None => Ok(Figure::Text(text.to_string())),
    }
}

/// The exact value of `text`, `[+-]digits[.digits][(e|E)[+-]digits]`, or
/// `None` if it is not written so.
fn exact(text: &str) -> Option<Result<Decimal, Refused>> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent_of(exponent)?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || whole.bytes().chain(fraction.bytes());
    if whole.len() + fraction.len() == 0 || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let digits: Vec<u8> = digits().map(|b| b - b'0').collect();
    let Some(first) = digits.iter().position(|d| *d != 0) else {
        // Zero, however it is written.
        return Some(Ok(Decimal::ZERO));
    };
    let last = digits.iter().rposition(|d| *d != 0).unwrap_or(first);
    let significant = &digits[first..=last];
    // The value is `significant` × 10^-scale; its first digit is worth
    // 10^magnitude.
    let trailing_zeros = count(digits.len() - 1 - last);
    let scale = count(fraction.len())
        .saturating_sub(exponent)
        .saturating_sub(trailing_zeros);
    let magnitude = (count(significant.len()) - 1).saturating_sub(scale);
    if magnitude < -MAX_PLACES {
        return Some(Err(Refused::Small));
    }
    if magnitude > MAX_PLACES {
        return Some(Err(Refused::Large));
    }
    // From here on, at most 29 digits before the point.
    let digit = |i: i64| -> u128 {
        usize::try_from(i)
            .ok()
            .and_then(|i| significant.get(i))
            .map_or(0, |d| u128::from(*d))
    };
    let number = |len: i64| (0..len).fold(0u128, |n, i| n * 10 + digit(i));
    if number(magnitude + 1) > MAX_DIGITS {
        return Some(Err(Refused::Large));
    }
    let places = scale.max(0);
    let len = magnitude + 1 + places;
    if places > MAX_PLACES || len > 29 || number(len) > MAX_DIGITS {
        return Some(Err(Refused::Digits));
    }
    let digits = i128::try_from(number(len)).ok()?;
    let places = u32::try_from(places).ok()?;
    let value = Decimal::try_from_i128_with_scale(if negative { -digits } else { digits }, places);
    Some(value.map_err(|_| Refused::Digits))
}

/// An exponent, `[+-]digits`; one too large to matter is taken as ±10^9.
fn exponent_of(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits.parse::<i64>().unwrap_or(i64::MAX).min(1_000_000_000);
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn number(text: &str) -> Result<Figure, Refused> {
        read(text)
    }

    fn n(value: Decimal) -> Result<Figure, Refused> {
        Ok(Figure::Number(value))
    }

    #[test]
    fn offer_figures_are_read_exactly() {
        assert_eq!(number("0.0000000140"), n(dec!(0.000000014)));
        assert_eq!(number("0.0150000000"), n(dec!(0.015)));
        assert_eq!(number("100000000000"), n(dec!(100000000000)));
        assert_eq!(number("1.0E10"), n(dec!(10000000000)));
        assert_eq!(number("4e-07"), n(dec!(0.0000004)));
        assert_eq!(number("2.5e+3"), n(dec!(2500)));
        assert_eq!(number(" 0.5 "), n(dec!(0.5)));
        assert_eq!(number("-0.25"), n(dec!(-0.25)));
        assert_eq!(number(".5"), n(dec!(0.5)));
        assert_eq!(number("Inf"), Ok(Figure::Inf));
        for text in [
            "cheap", "", "-", "1.2.3", "1e", "e5", "0x10", "1e5.5", "inf", "NaN",
        ] {
            assert_eq!(number(text), Ok(Figure::Text(text.to_string())), "{text}");
        }
    }

    #[test]
    fn zero_is_zero_however_it_is_written() {
        for text in [
            "0",
            "0.0000000000",
            "-0",
            "0e-40",
            "0.00000000000000000000000000000000000",
        ] {
            assert_eq!(number(text), n(Decimal::ZERO), "{text}");
        }
    }

    #[test]
    fn the_edges_of_a_decimal_are_kept_and_what_is_past_them_refused() {
        // 10^-28 is the smallest step of a decimal; 10^-29 would be 0.
        assert_eq!(
            number("0.0000000000000000000000000001"),
            n(Decimal::new(1, 28))
        );
        assert_eq!(number("1e-28"), n(Decimal::new(1, 28)));
        assert_eq!(
            number("0.00000000000000000000000000001"),
            Err(Refused::Small)
        );
        assert_eq!(number("1e-30"), Err(Refused::Small));
        assert_eq!(number("-1e-30"), Err(Refused::Small));
        assert_eq!(number("1e-999999999999999999999"), Err(Refused::Small));
        // 2^96 - 1 is the largest; 2^96 is past it.
        assert_eq!(number("79228162514264337593543950335"), n(Decimal::MAX));
        assert_eq!(number("79228162514264337593543950336"), Err(Refused::Large));
        assert_eq!(number("1e30"), Err(Refused::Large));
        assert_eq!(number("1E+99999999999"), Err(Refused::Large));
        assert_eq!(
            number("100000000000000000000000000000"),
            Err(Refused::Large)
        );
        // Trailing zeros past the 28th place are exact; other digits are not.
        assert_eq!(
            number("0.000000400000000000000000000000000"),
            n(dec!(0.0000004))
        );
        assert_eq!(
            number("0.12345678901234567890123456789"),
            Err(Refused::Digits)
        );
        // 29 digits in all fit below 2^96; 30 do not.
        assert_eq!(
            number("1234567890.1234567890123456789"),
            n(dec!(1234567890.1234567890123456789))
        );
        assert_eq!(
            number("12345678901.1234567890123456789"),
            Err(Refused::Digits)
        );
        assert_eq!(
            number("7.9228162514264337593543950335"),
            n(Decimal::from_i128_with_scale(MAX_DIGITS as i128, 28))
        );
        assert_eq!(
            number("7.9228162514264337593543950336"),
            Err(Refused::Digits)
        );
    }
}
