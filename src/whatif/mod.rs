//! What-if questions over one value of a scenario: a sweep of it across a
//! range ([`sweep`]), and the range of it in which a condition holds
//! ([`solve`]). Both vary the value in the scenario's vector of values and
//! evaluate again with the lean evaluator, without reading the file again.

pub mod draw;
pub mod monte_carlo;
pub mod growth;
pub mod solve;
pub mod sweep;

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::base::diagnostic::Diagnostic;
use crate::base::number::Inexact;
use crate::base::units::{Bytes, Duration, UnitError};
use crate::model::keys::{Key, Kind, Value};
use crate::model::report::{AlternativeResult, ComponentResult, Violation};
use crate::scenario::Scenario;
use crate::scenario::params::Place;
use crate::scenario::set;

/// Why an alternative fails at a value, as data: the renderers word it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// It breaks a requirement or an AWS limit, at this component if the
    /// violation is one component's.
    Violates {
        component: Option<Box<ComponentResult>>,
        violation: Violation,
    },
    /// Its figures cannot be computed there.
    Uncomputable(Box<Diagnostic>),
}

impl Failure {
    /// The first violation of an alternative, if it has one.
    pub fn first_of(result: &AlternativeResult) -> Option<Self> {
        result
            .all_violations()
            .next()
            .map(|(component, violation)| Self::Violates {
                component: component.map(|i| Box::new(result.components[i].clone())),
                violation: *violation,
            })
    }
}

/// `FROM..TO` read as two values on `axis`, each checked as the scenario's
/// own value would be.
pub fn range(
    axis: &Axis,
    scenario: &Scenario,
    values: &[Value],
    text: &str,
    option: &str,
) -> Result<(Decimal, Decimal), Diagnostic> {
    let Some((from, to)) = text.split_once("..") else {
        return Err(
            Diagnostic::plain(format!("{option} `{text}` is not a range FROM..TO"))
                .with_help(format!("for example `{option} {}=1000..10000`", axis.path)),
        );
    };
    let read = |end: &str| {
        axis.read(scenario, values, end.trim())
            .map_err(|error| prefixed(error, &format!("{option} {}", axis.path)))
    };
    Ok((read(from)?, read(to)?))
}

/// The point `i` of `n` equal steps from `from` over `span`: exact while
/// `span × i` fits in a decimal, else by the step's size (a range near the
/// largest decimal), never a panic.
pub fn along(from: Decimal, span: Decimal, i: u64, n: u64) -> Decimal {
    let (i, n) = (Decimal::from(i), Decimal::from(n.max(1)));
    let offset = span
        .checked_mul(i)
        .map(|total| total / n)
        .unwrap_or_else(|| span / n * i);
    from.checked_add(offset).unwrap_or(from + span)
}

/// Points of equal ratio from `start` (above zero) to an end, to six
/// significant digits: samples for reading and drawing, in floating point;
/// what matters (a crossover, a boundary) is bisected exactly.
#[derive(Clone, Copy, Debug)]
pub struct Ratios {
    start: Decimal,
    ratio: f64,
}

impl Ratios {
    pub fn new(start: Decimal, to: Decimal) -> Self {
        let ratio = match to.checked_div(start) {
            Some(ratio) => ratio.to_string().parse::<f64>().unwrap_or(1.0),
            // A ratio past the largest decimal (1e-27 to 3,000) is still a
            // float.
            None => float(to) / float(start),
        };
        Self { start, ratio }
    }

    /// The point `i` of `n` steps; `None` where it is no decimal.
    pub fn at(&self, i: u64, n: u64) -> Option<Decimal> {
        // Exact below 2^53; a sweep has at most a million points.
        let factor = self.ratio.powf(i as f64 / n.max(1) as f64);
        Decimal::try_from(factor)
            .ok()
            .and_then(|factor| self.start.checked_mul(factor))
            // A factor past the largest decimal: the point, as a float.
            .or_else(|| Decimal::try_from(float(self.start) * factor).ok())
            .map(|x| crate::base::number::significant(x, 6))
    }
}

fn float(x: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    x.to_f64().unwrap_or(0.0)
}

/// `error`, its message prefixed with where it arose (`--vary PATH`, a point).
pub fn prefixed(mut error: Diagnostic, prefix: &str) -> Diagnostic {
    error.message = format!("{prefix}: {}", error.message);
    error
}

/// The numbers a varied value takes: each axis is a line of exact decimals
/// in the key's own unit (bytes for a size, milliseconds for a duration).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// A rate, records (or requests) a second.
    Rate,
    /// A plain number, or a unit price.
    Number,
    /// A whole count.
    Count,
    /// A size, in whole bytes.
    Size,
    /// A duration, in milliseconds.
    Duration,
}

/// The value a what-if varies: its slot, its path and what it measures.
#[derive(Clone, Debug)]
pub struct Axis {
    pub slot: usize,
    /// The path as the model names it (a component by its `id`).
    pub path: String,
    pub key: &'static Key,
    pub measure: Measure,
    /// A unit price: shown as money.
    pub price: bool,
}

impl Axis {
    /// The value at `path`, which must be a number, a size or a duration.
    pub fn resolve(scenario: &Scenario, path: &str, verb: &str) -> Result<Self, Diagnostic> {
        let slot = set::resolve(scenario, path).map_err(|e| Diagnostic::plain(e.to_string()))?;
        Self::at(scenario, slot, verb)
    }

    /// The value in `slot`, which must be a number, a size or a duration.
    pub fn at(scenario: &Scenario, slot: usize, verb: &str) -> Result<Self, Diagnostic> {
        let param = scenario.params.info[slot];
        let path = set::paths(scenario)
            .find(|(_, s)| *s == slot)
            .map_or_else(String::new, |(p, _)| p);
        let measure = match param.key.kind {
            Kind::Rate => Measure::Rate,
            Kind::Number | Kind::Ratio => Measure::Number,
            Kind::Count { .. } => Measure::Count,
            Kind::Size => Measure::Size,
            Kind::Duration => Measure::Duration,
            Kind::Choice(names) => {
                return Err(Diagnostic::plain(format!(
                    "`{path}` is a choice ({}), not a number {verb} can vary",
                    names.join(", ")
                ))
                .with_help(format!(
                    "try each with `--set {path}={}`; {verb} varies numbers, sizes and durations",
                    names.first().copied().unwrap_or_default()
                )));
            }
            Kind::Instance(service) => {
                return Err(Diagnostic::plain(format!(
                    "`{path}` is a `{service}` type from the pricing table, not a number {verb} can vary"
                ))
                .with_help(format!(
                    "try each type with `--set {path}=TYPE`; `calc pricing show {} {service}` lists them",
                    scenario.prices.name
                )));
            }
            Kind::Flag => {
                return Err(Diagnostic::plain(format!(
                    "`{path}` is true or false, not a number {verb} can vary"
                ))
                .with_help(format!(
                    "try both with `--set {path}=true` and `--set {path}=false`"
                )));
            }
            Kind::Durations { .. } | Kind::Mix(_) | Kind::Day { .. } | Kind::Hours | Kind::Text => {
                return Err(
                    Diagnostic::plain(format!("`{path}` is not a number {verb} can vary"))
                        .with_help(format!(
                            "{verb} varies numbers, sizes and durations; `--set {path}=…` sets it"
                        )),
                );
            }
        };
        Ok(Self {
            slot,
            path,
            key: param.key,
            measure,
            price: matches!(param.place, Place::Price(_)),
        })
    }

    /// Reads `text` as the scenario would write this value, checked as the
    /// scenario's own would be (with the other values in `values`), as a
    /// number on the axis. `what` names it in messages (`--vary`'s start).
    pub fn read(
        &self,
        scenario: &Scenario,
        values: &[Value],
        text: &str,
    ) -> Result<Decimal, Diagnostic> {
        let mut scratch = values.to_vec();
        set::set(scenario, &mut scratch, &self.path, text)?;
        Ok(self.number(&scratch[self.slot]).unwrap_or_default())
    }

    /// Reads a step (`1 KB`, `100`, `30 s`): a positive amount on the axis.
    pub fn read_step(&self, text: &str) -> Result<Decimal, Diagnostic> {
        let step = match self.measure {
            Measure::Size => text.trim_matches('"').parse::<Bytes>().map(|b| b.decimal()),
            Measure::Duration => text.trim_matches('"').parse::<Duration>().map(Duration::ms),
            _ => match crate::base::number::exact(text) {
                Ok(step) => Ok(step),
                // A step past the largest decimal is past any range: the
                // sweep takes its two ends.
                Err(Inexact::TooLarge) => Ok(Decimal::MAX),
                Err(Inexact::TooSmall) => {
                    return Err(Diagnostic::plain(format!(
                        "`--step {text}` is too small: exact decimals stop at 28 decimal places"
                    )));
                }
                Err(why) => Err(UnitError::Inexact {
                    number: text.to_string(),
                    why,
                }),
            },
        }
        .map_err(|reason| Diagnostic::plain(format!("--step {text}: {reason}")))?;
        if step <= Decimal::ZERO {
            return Err(Diagnostic::plain(format!(
                "--step {text}: a step must be above zero"
            )));
        }
        Ok(step)
    }

    /// The value this axis takes at `x`. `x` is whole for counts and sizes.
    pub fn value(&self, x: Decimal) -> Value {
        match self.measure {
            Measure::Rate | Measure::Number => Value::Number(x),
            Measure::Count => Value::Count(u32::try_from(x).unwrap_or(u32::MAX)),
            Measure::Size => Value::Bytes(Bytes(u64::try_from(x).unwrap_or(u64::MAX))),
            Measure::Duration => Value::Duration(Duration::from_ms(x)),
        }
    }

    /// The number a value stands for on this axis; `None` when it is not set.
    pub fn number(&self, value: &Value) -> Option<Decimal> {
        crate::model::spread::number(value)
    }

    /// Whether the axis takes whole numbers only: counts and sizes, and the
    /// numbers that count things a month (queries, jobs, runs).
    pub fn whole(&self) -> bool {
        matches!(self.measure, Measure::Count | Measure::Size) || self.counted().is_some()
    }

    /// What the axis counts a month, in words ("queries a month"), when its
    /// key counts things that happen.
    pub fn counted(&self) -> Option<String> {
        if self.price {
            return None;
        }
        self.key.counted_a_month()
    }

    /// The least value the key takes.
    pub fn minimum(&self) -> Decimal {
        match self.key.kind {
            Kind::Ratio => Decimal::ONE,
            Kind::Count { min, .. } => Decimal::from(min),
            _ => Decimal::ZERO,
        }
    }

    /// `x` as a reader reads it: `3,461 records/s`, `1 MB`, `250 ms`, `$0.015`.
    pub fn show(&self, x: Decimal, currency: &str) -> Shown {
        Shown {
            axis: self.measure,
            price: self.price,
            counted: self.counted(),
            x,
            currency: currency.to_string(),
        }
    }

    /// The axis's unit in words, for a chart's title.
    pub fn unit(&self, currency: &str) -> String {
        match (self.measure, self.price) {
            (_, true) => format!("{currency} per unit"),
            (Measure::Rate, _) => "records/s".to_string(),
            (Measure::Number | Measure::Count, _) => String::new(),
            (Measure::Size, _) => "bytes".to_string(),
            (Measure::Duration, _) => "ms".to_string(),
        }
    }
}

/// A number on an axis, written for a reader, exactly.
pub struct Shown {
    axis: Measure,
    price: bool,
    /// What a count a month counts ("queries a month"), said after it.
    counted: Option<String>,
    x: Decimal,
    currency: String,
}

/// Decimals a reader sees; a value with more is shown rounded, after "about".
const PLACES_SHOWN: u32 = 4;

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.x.normalize();
        if x.scale() > PLACES_SHOWN {
            f.write_str("about ")?;
        }
        let readable = |x: Decimal| crate::base::number::readable(x, PLACES_SHOWN);
        if self.price {
            return if self.currency == "USD" {
                write!(f, "${}", readable(x))
            } else {
                write!(f, "{} {}", self.currency, readable(x))
            };
        }
        match self.axis {
            Measure::Rate => write!(f, "{} records/s", readable(x)),
            Measure::Number | Measure::Count => match &self.counted {
                Some(counted) => write!(f, "{} {counted}", readable(x)),
                None => f.write_str(&readable(x)),
            },
            Measure::Size => {
                let bytes = Bytes(u64::try_from(x).unwrap_or(u64::MAX));
                let shown = bytes.to_string();
                if shown.parse::<Bytes>() == Ok(bytes) {
                    f.write_str(&shown)
                } else {
                    write!(f, "{} B", readable(x))
                }
            }
            Measure::Duration => {
                let duration = Duration::from_ms(x);
                let shown = duration.to_string();
                if shown.parse::<Duration>() == Ok(duration) {
                    f.write_str(&shown)
                } else {
                    write!(f, "{} ms", readable(x))
                }
            }
        }
    }
}

/// A boundary on an axis between two states: `at` is the last value of the
/// lower state (`above at`), or, when `from` is true, the first value of the
/// upper one (`from at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Boundary {
    pub at: Decimal,
    pub from: bool,
}

impl Boundary {
    /// `above 3,461 records/s` or `from 1 MB`.
    pub fn words(&self, axis: &Axis, currency: &str) -> String {
        let side = if self.from { "from" } else { "above" };
        format!("{side} {}", axis.show(self.at, currency))
    }
}

/// A boundary found by [`bisect`], with a value known on each side of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub boundary: Boundary,
    /// A value in the lower state, and one in the upper state, next to it.
    pub lower: Decimal,
    pub upper: Decimal,
}

/// Finds where `state` changes between `lo` (whose state is `below`) and
/// `hi` (whose state differs), by bisection on the axis, to the last whole
/// number on a whole axis and to the precision of a decimal otherwise; then
/// states the boundary as the shortest decimal that holds it.
pub fn bisect<S: PartialEq, E>(
    axis: &Axis,
    mut lo: Decimal,
    mut hi: Decimal,
    below: &S,
    mut state: impl FnMut(Decimal) -> Result<S, E>,
) -> Result<Found, E> {
    // A decimal's precision runs out after about 90 halvings of any range.
    for _ in 0..200 {
        let mid = if axis.whole() {
            if hi - lo <= Decimal::ONE {
                break;
            }
            (lo + (hi - lo) / Decimal::TWO).floor()
        } else {
            let mid = lo + (hi - lo) / Decimal::TWO;
            if mid <= lo || mid >= hi {
                break;
            }
            mid
        };
        if state(mid)? == *below {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut boundary = Boundary {
        at: lo.normalize(),
        from: false,
    };
    if !axis.whole() {
        // The shortest decimal in [lo, hi]: lo rounded up to the fewest
        // places that stay within the bracket.
        if let Some(shortest) = (0..=28)
            .map(|places| lo.round_dp_with_strategy(places, RoundingStrategy::ToPositiveInfinity))
            .find(|shortest| *shortest <= hi)
        {
            if state(shortest)? == *below {
                lo = shortest;
                boundary.at = shortest.normalize();
            } else {
                hi = shortest;
                boundary = Boundary {
                    at: shortest.normalize(),
                    from: true,
                };
            }
        }
    }
    Ok(Found {
        boundary,
        lower: lo,
        upper: hi,
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn axis(measure: Measure) -> Axis {
        Axis {
            slot: 0,
            path: "x".to_string(),
            key: &crate::scenario::params::PRICE,
            measure,
            price: false,
        }
    }

    fn search(
        measure: Measure,
        lo: Decimal,
        hi: Decimal,
        above: impl Fn(Decimal) -> bool,
    ) -> Found {
        bisect::<bool, ()>(&axis(measure), lo, hi, &false, |x| Ok(above(x))).expect("no error")
    }

    #[test]
    fn a_step_is_found_at_its_exact_value() {
        // Above 3,461 (a whole unit more costs more): "above 3461".
        let found = search(Measure::Number, dec!(1000), dec!(10000), |x| x > dec!(3461));
        assert_eq!(
            found.boundary,
            Boundary {
                at: dec!(3461),
                from: false
            }
        );
        // From 2.5 on (2.5 itself is in the upper state): "from 2.5".
        let found = search(Measure::Number, dec!(0), dec!(10), |x| x >= dec!(2.5));
        assert_eq!(
            found.boundary,
            Boundary {
                at: dec!(2.5),
                from: true
            }
        );
        assert!(found.lower < dec!(2.5) && found.upper == dec!(2.5));
    }

    #[test]
    fn a_boundary_between_decimals_is_the_shortest_that_holds_it() {
        // 1/3 has no exact decimal: the boundary is a decimal within the
        // bracket, on the right side of it.
        let third = Decimal::ONE / Decimal::from(3);
        let found = search(Measure::Number, dec!(0), dec!(1), |x| x > third);
        let at = found.boundary.at;
        assert!((at - third).abs() < dec!(0.000000000000000001), "{at}");
        assert_eq!(found.boundary.from, at > third);
    }

    #[test]
    fn a_whole_axis_stops_at_whole_numbers() {
        // Bytes: over 1,048,576 fails.
        let found = search(Measure::Size, dec!(0), dec!(4194304), |x| x > dec!(1048576));
        assert_eq!(
            found.boundary,
            Boundary {
                at: dec!(1048576),
                from: false
            }
        );
        assert_eq!((found.lower, found.upper), (dec!(1048576), dec!(1048577)));
    }

    #[test]
    fn points_of_equal_ratio_are_decimals_at_any_scale() {
        // From the least decimal up: each point a decimal arithmetic can
        // divide by (no more than 28 places), within the range, in order.
        for (from, to) in [
            (Decimal::new(1, 28), Decimal::new(1, 27)),
            (Decimal::new(1, 27), dec!(3000)),
            (dec!(10), dec!(10000)),
        ] {
            let ratios = Ratios::new(from, to);
            let points: Vec<Decimal> = (0..=100).filter_map(|i| ratios.at(i, 100)).collect();
            assert_eq!(points.len(), 101, "{from}..{to}");
            for pair in points.windows(2) {
                assert!(pair[0] <= pair[1], "{pair:?}");
            }
            for x in &points {
                assert!(x.scale() <= 28, "{x:?} has scale {}", x.scale());
                assert!(Decimal::ONE.checked_div(*x).is_some(), "{x:?}");
            }
        }
        // 1e-27 to 3,000 is a ratio of 3 × 10^30, past the largest decimal:
        // halfway, the point is 1e-27 × √(3 × 10^30) = 1.73205… × 10^-12.
        let half = Ratios::new(Decimal::new(1, 27), dec!(3000)).at(1, 2);
        assert_eq!(half, Some(dec!(0.00000000000173205)));
        // 10 to 10,000 in three steps: 100 and 1,000, exactly.
        let ratios = Ratios::new(dec!(10), dec!(10000));
        assert_eq!(ratios.at(1, 3), Some(dec!(100)));
        assert_eq!(ratios.at(2, 3), Some(dec!(1000)));
    }

    #[test]
    fn values_read_exactly_or_say_about() {
        let rate = axis(Measure::Rate);
        assert_eq!(rate.show(dec!(3461), "USD").to_string(), "3,461 records/s");
        assert_eq!(
            rate.show(dec!(10316.101326375), "USD").to_string(),
            "about 10,316.1013 records/s"
        );
        let size = axis(Measure::Size);
        assert_eq!(size.show(dec!(1048576), "USD").to_string(), "1 MB");
        assert_eq!(size.show(dec!(1048577), "USD").to_string(), "1,048,577 B");
        let duration = axis(Measure::Duration);
        assert_eq!(duration.show(dec!(90000), "USD").to_string(), "1.5 min");
    }
}
