//! A value known only within a range: `{ low = 2000, expected = 3000, high =
//! 8000 }`. The report's figures are worked out at the expected value, as
//! for any other; a Monte Carlo run draws the value from its distribution.

use rust_decimal::Decimal;

use crate::model::choice::{Choice, choice};
use crate::model::keys::{Key, Value};

choice! {
    /// How a ranged value is drawn between its low and its high.
    pub enum Distribution {
        /// Beta-PERT: smooth, bounded by low and high, most likely at the
        /// expected value, which it weighs four times as much as either end
        /// in its mean, `(low + 4 × expected + high) ÷ 6`. The default: an
        /// estimate's ends are rarer than its middle, which a triangle
        /// overstates.
        Pert = "pert",
        /// Straight lines from low up to the expected value and down to high.
        Triangular = "triangular",
        /// Every value between low and high as likely as another; the
        /// expected value is only the point estimate.
        Uniform = "uniform",
        /// Skewed to the right, with a long tail past high: low and high are
        /// its 5th and 95th percentiles, so 1 sample in 20 lands above high.
        Lognormal = "lognormal",
    }
}

/// A ranged value, each end as the key's own value (a rate, a size, a
/// duration, a count, a price).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spread {
    pub low: Value,
    pub expected: Value,
    pub high: Value,
    pub distribution: Distribution,
}

/// A value's number on its own scale: a number as it is, a count, bytes, or
/// milliseconds; `None` for values that are not numbers.
pub fn number(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Count(n) => Some(Decimal::from(*n)),
        Value::Bytes(b) => Some(b.decimal()),
        Value::Duration(d) => Some(d.ms()),
        _ => None,
    }
}

impl Spread {
    /// Low, expected and high as numbers on the value's scale.
    pub fn numbers(&self) -> Option<[Decimal; 3]> {
        Some([
            number(&self.low)?,
            number(&self.expected)?,
            number(&self.high)?,
        ])
    }

    /// The range as a scenario writes it: `{ low = 2000, expected = 3000,
    /// high = 8000 }`, its distribution named unless it is the default.
    pub fn written(&self, key: &Key) -> String {
        let quoted = |value: &Value| match value {
            Value::Bytes(_) | Value::Duration(_) => format!("\"{}\"", value.written(key)),
            _ => value.written(key),
        };
        let mut text = format!(
            "{{ low = {}, expected = {}, high = {}",
            quoted(&self.low),
            quoted(&self.expected),
            quoted(&self.high)
        );
        if self.distribution != Distribution::Pert {
            text.push_str(&format!(
                ", distribution = \"{}\"",
                self.distribution.as_str()
            ));
        }
        text.push_str(" }");
        text
    }

    /// Whether low, expected and high are one value: then every draw is it.
    pub fn collapsed(&self) -> bool {
        self.low == self.high
    }
}
