//! The Monte Carlo section of a report, in words: what was ranged, and for
//! each alternative its cost from P10 to P90 (figures and a bar) and how
//! often it is the cheapest design that works.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::text;
use crate::model::choice::Choice;
use crate::model::odds::{Odds, Spreads, Varied};
use crate::model::report::Report;
use crate::model::spread::Distribution;

/// Characters of the bar from the least P10 to the greatest P90.
pub const BAR_WIDTH: usize = 24;

/// `Ranges: 40,000 samples (seed 1), every chance within ±0.5 points 95 times in 100`.
pub fn heading(odds: &Odds) -> String {
    format!(
        "Ranges, by Monte Carlo: {} samples (seed {}); each chance within ±{} percentage points, 95 times in 100",
        text::number(Decimal::from(odds.samples), 0),
        odds.seed,
        text::number(
            Decimal::try_from(odds.margin() * 100.0)
                .unwrap_or_default()
                .round_dp(1),
            1
        )
    )
}

/// `workload.peak_to_average from 2 to 5, most likely 3 (triangular)`.
pub fn range(varied: &Varied, escape: fn(&str) -> String) -> String {
    let spread = &varied.spread;
    let [low, expected, high] =
        [&spread.low, &spread.expected, &spread.high].map(|v| v.written(varied.key));
    let path = escape(&varied.path);
    match spread.distribution {
        Distribution::Pert | Distribution::Triangular => format!(
            "{path} from {low} to {high}, most likely {expected} ({})",
            spread.distribution.as_str()
        ),
        Distribution::Uniform => {
            format!(
                "{path} from {low} to {high}, evenly (uniform); the point estimate takes {expected}"
            )
        }
        Distribution::Lognormal => format!(
            "{path} from {low} to {high} 90 times in 100 (lognormal); the point estimate takes {expected}"
        ),
    }
}

/// A share of the samples as a percentage: `39.4%`.
pub fn chance(odds: &Odds, count: u32) -> String {
    let percent = (odds.chance(count) * Decimal::ONE_HUNDRED).round_dp(1);
    format!("{}%", text::number(percent, 1))
}

/// The least P10 and the greatest P90 of the alternatives: the bars' scale.
pub fn scale(odds: &Odds) -> Option<(Decimal, Decimal)> {
    let low = odds.alternatives.iter().filter_map(|s| s.p10).min()?;
    let high = odds.alternatives.iter().filter_map(|s| s.p90).max()?;
    Some((low, high))
}

/// The cost from P10 to P90 as a bar on `scale`, P50 marked:
/// `   ├───●──────┤         `.
pub fn bar(spread: &Spreads, (low, high): (Decimal, Decimal)) -> String {
    let (Some(p10), Some(p50), Some(p90)) = (spread.p10, spread.p50, spread.p90) else {
        return String::new();
    };
    let last = BAR_WIDTH - 1;
    let at = |x: Decimal| -> usize {
        if high <= low {
            return last / 2;
        }
        let share = ((x - low) / (high - low)).clamp(Decimal::ZERO, Decimal::ONE);
        (share * Decimal::from(last))
            .round()
            .to_usize()
            .unwrap_or(0)
    };
    let (from, middle, to) = (at(p10), at(p50), at(p90));
    (0..BAR_WIDTH)
        .map(|i| match i {
            _ if i == middle => '●',
            _ if from == to && i == from => '│',
            _ if i == from => '├',
            _ if i == to => '┤',
            _ if i > from && i < to => '─',
            _ => ' ',
        })
        .collect()
}

/// The rows of the section, an alternative each: name, P10, P50, P90, the
/// bar, and the chances (cheapest, works, within budget).
pub fn rows(report: &Report, odds: &Odds, currency: &str) -> Vec<[String; 8]> {
    let scale = scale(odds);
    let money =
        |x: Option<Decimal>| x.map_or_else(|| "-".to_string(), |x| text::money(x, currency));
    odds.alternatives
        .iter()
        .zip(&report.alternatives)
        .map(|(spread, alternative)| {
            [
                alternative.name.to_string(),
                money(spread.p10),
                money(spread.p50),
                money(spread.p90),
                scale.map_or_else(String::new, |scale| bar(spread, scale)),
                chance(odds, spread.cheapest),
                chance(odds, spread.feasible),
                spread
                    .within_budget
                    .map_or_else(|| "-".to_string(), |count| chance(odds, count)),
            ]
        })
        .collect()
}

/// The header of [`rows`].
pub const HEADER: [&str; 8] = [
    "alternative",
    "P10",
    "P50",
    "P90",
    "P10 to P90",
    "cheapest",
    "works",
    "within budget",
];

/// What the chances count, said once under the table.
pub const FOOTNOTE: &str = "cheapest: the share of samples in which it is the cheapest alternative that meets every requirement and limit but the budget; works: meets them; within budget: costs no more than its budget. P10, P50 and P90 are the bills of the samples at those ranks, each worked out exactly.";

/// The section as lines of plain text after a heading (the table renderer
/// and Markdown draw the rows their own way).
pub fn ranges(odds: &Odds, escape: fn(&str) -> String) -> String {
    let mut out = String::new();
    for varied in &odds.varied {
        let _ = writeln!(out, "- {}", range(varied, escape));
    }
    out
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn spread(p10: Decimal, p50: Decimal, p90: Decimal) -> Spreads {
        Spreads {
            p10: Some(p10),
            p50: Some(p50),
            p90: Some(p90),
            mean: None,
            cheapest: 0,
            feasible: 0,
            within_budget: None,
            priced: 0,
            at_percentile: None,
        }
    }

    #[test]
    fn a_bar_runs_from_p10_to_p90_with_p50_marked() {
        // On a scale of 0 to 23, a character a unit.
        let scale = (dec!(0), dec!(23));
        assert_eq!(
            bar(&spread(dec!(2), dec!(5), dec!(12)), scale),
            "  ├──●──────┤           "
        );
        // A fixed cost is a point: P50 over P10 and P90.
        assert_eq!(
            bar(&spread(dec!(23), dec!(23), dec!(23)), scale),
            "                       ●"
        );
        assert_eq!(
            bar(&spread(dec!(0), dec!(23), dec!(23)), scale)
                .chars()
                .count(),
            BAR_WIDTH
        );
    }
}
