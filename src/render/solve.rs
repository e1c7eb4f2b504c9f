//! The answer to a solve: for each alternative, where the condition holds.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::json::Exact;
use super::table::new_wrapped_table;
use super::text;
use crate::base::escape::terminal;
use crate::base::units::Duration;
use crate::commands::solve::{Format, Solved};
use crate::model::report::Override;
use crate::scenario::Scenario;
use crate::whatif::Failure;
use crate::whatif::solve::{Answer, Condition, End, Holds};

pub fn render(solved: &Solved, format: Format) -> String {
    let Solved {
        answer,
        scenario,
        overrides,
    } = solved;
    match format {
        Format::Table => table(answer, scenario, overrides),
        Format::Json => json(answer, scenario, overrides),
    }
}

/// The condition in words: `cost <= $500.00`, `feasible`, `cost <= Kinesis's`.
fn condition(answer: &Answer) -> String {
    match &answer.question.condition {
        Condition::CostAtMost(amount) => {
            format!("cost <= {}", text::money(*amount, &answer.currency))
        }
        Condition::Feasible => "feasible".to_string(),
        Condition::CostAtMostOf(other) => format!("cost <= {}'s", answer.names[*other]),
        Condition::LatencyAtMost(limit) => format!("latency <= {limit}"),
    }
}

/// Where the condition holds, in words: "up to 2,000 records/s".
pub fn holds_words(answer: &Answer, holds: &Holds) -> String {
    let axis = &answer.question.axis;
    let show = |x: Decimal| axis.show(x, &answer.currency).to_string();
    // The upper end: "up to X" (X included) or "below X".
    let up_to = |end: &End| match end {
        End::Open(_) => None,
        End::Bound { at, .. } if at.from => Some(format!("below {}", show(at.at))),
        End::Bound { at, .. } => Some(format!("up to {}", show(at.at))),
    };
    // The lower end: "from X" (X included) or "above X".
    let from = |end: &End| match end {
        End::Open(_) => None,
        End::Bound { at, .. } => Some(at.words(axis, &answer.currency)),
    };
    match holds {
        Holds::Itself => "(the alternative compared with)".to_string(),
        Holds::Nowhere { .. } => "nowhere in the range".to_string(),
        Holds::Between { low, high, again } => {
            let mut words = match (from(low), up_to(high)) {
                (None, None) => "everywhere in the range: no limit found".to_string(),
                (None, Some(high)) => high,
                (Some(low), None) => format!("{low}, to the end of the range"),
                (Some(low), Some(high)) => format!("{low}, {high}"),
            };
            if let Some(again) = again {
                let _ = write!(words, "; and again at {}", show(*again));
            }
            words
        }
    }
}

/// What happens just past the range's upper end (or its lower end, when
/// only that is bounded; or, when the condition holds nowhere, at the
/// start): the cost there and why the alternative fails, if it does.
fn beyond(answer: &Answer, holds: &Holds) -> String {
    let currency = &answer.currency;
    let describe = |place: String,
                    cost: &Option<Decimal>,
                    reason: &Option<Failure>,
                    latency: Option<Duration>| {
        let mut words = place;
        if let Some(cost) = cost {
            let _ = write!(words, ": {} a month", text::money(*cost, currency));
        }
        if let (Condition::LatencyAtMost(limit), Some(latency)) =
            (&answer.question.condition, latency)
        {
            // Never "latency 2 min" just past a limit of 2 min: exact then.
            let shown = if latency.to_string() == limit.to_string() {
                format!("{} ms", text::number(latency.ms(), 28))
            } else {
                latency.to_string()
            };
            let _ = write!(words, ", latency {shown}");
        }
        if reason.is_some() {
            let _ = write!(
                words,
                "; fails: {}",
                text::failure(reason.as_ref(), currency)
            );
        }
        words
    };
    match holds {
        Holds::Itself => String::new(),
        Holds::Nowhere { cost, reason } => describe(
            format!(
                "at {}",
                answer.question.axis.show(answer.question.from, currency)
            ),
            cost,
            reason,
            None,
        ),
        Holds::Between { high, low, .. } => match (high, low) {
            (
                End::Bound {
                    cost,
                    reason,
                    latency,
                    ..
                },
                _,
            ) => describe("just above".to_string(), cost, reason, *latency),
            (
                End::Open(_),
                End::Bound {
                    cost,
                    reason,
                    latency,
                    ..
                },
            ) => describe("just below".to_string(), cost, reason, *latency),
            (End::Open(_), End::Open(_)) => String::new(),
        },
    }
}

fn heading(answer: &Answer) -> String {
    let question = &answer.question;
    let show = |x| question.axis.show(x, &answer.currency).to_string();
    format!(
        "where {} holds, for {} from {} to {}",
        condition(answer),
        question.axis.path,
        show(question.from),
        show(question.to)
    )
}

fn table(answer: &Answer, scenario: &Scenario, overrides: &[Override]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", terminal(&scenario.name));
    let _ = writeln!(
        out,
        "{}",
        super::what_if_setting(scenario, answer.hours_per_month, overrides, terminal)
    );
    let _ = writeln!(out, "{}\n", terminal(&heading(answer)));
    let mut table = new_wrapped_table(&["alternative", "holds", "past it"], 120);
    for (name, holds) in answer.names.iter().zip(&answer.holds) {
        table.add_row(vec![
            terminal(name),
            terminal(&holds_words(answer, holds)),
            terminal(&beyond(answer, holds)),
        ]);
    }
    let _ = writeln!(out, "{table}");
    out
}

#[derive(Serialize)]
struct Document<'a> {
    alternatives: Vec<AlternativeView<'a>>,
    condition: String,
    hours_per_month: Exact,
    overrides: Vec<super::json::Set<'a>>,
    path: &'a str,
    pricing: super::json::Pricing<'a>,
    range: Range,
    scenario: &'a str,
}

#[derive(Serialize)]
struct Range {
    from: Exact,
    to: Exact,
}

#[derive(Serialize)]
struct AlternativeView<'a> {
    /// A grid point past the upper end where the condition holds again.
    again: Option<Exact>,
    /// `range` (it holds from `low` to `high`), `nowhere`, or `itself`.
    holds: &'static str,
    high: Option<EndView>,
    low: Option<EndView>,
    name: &'a str,
    text: String,
}

#[derive(Serialize)]
struct EndView {
    /// Whether `value` is a boundary the search found (else the range's end).
    bounded: bool,
    /// Whether the condition holds at `value` itself.
    holds_at_value: bool,
    /// Past the boundary: the cost, and why the alternative fails if it does.
    outside: Option<Outside>,
    value: Exact,
}

#[derive(Serialize)]
struct Outside {
    /// `null` where the cost cannot be computed.
    latency_ms: Option<Exact>,
    /// `null` where the cost cannot be computed.
    monthly_cost: Option<Exact>,
    reason: Option<String>,
    value: Exact,
}

fn end_view(end: &End, upper: bool, currency: &str) -> EndView {
    match end {
        End::Open(x) => EndView {
            bounded: false,
            holds_at_value: true,
            outside: None,
            value: Exact(*x),
        },
        End::Bound {
            at,
            outside,
            cost,
            reason,
            latency,
        } => EndView {
            bounded: true,
            // An upper end "from X" is the first value where it stops
            // holding; a lower end "from X", the first where it holds.
            holds_at_value: at.from != upper,
            outside: Some(Outside {
                latency_ms: latency.map(|l| Exact(l.ms())),
                monthly_cost: cost.map(Exact),
                reason: reason.as_ref().map(|f| text::failure(Some(f), currency)),
                value: Exact(*outside),
            }),
            value: Exact(at.at),
        },
    }
}

fn json(answer: &Answer, scenario: &Scenario, overrides: &[Override]) -> String {
    let document = Document {
        alternatives: answer
            .names
            .iter()
            .zip(&answer.holds)
            .map(|(name, holds)| {
                let (kind, low, high, again) = match holds {
                    Holds::Itself => ("itself", None, None, None),
                    Holds::Nowhere { .. } => ("nowhere", None, None, None),
                    Holds::Between { low, high, again } => (
                        "range",
                        Some(end_view(low, false, &answer.currency)),
                        Some(end_view(high, true, &answer.currency)),
                        again.map(Exact),
                    ),
                };
                AlternativeView {
                    again,
                    holds: kind,
                    high,
                    low,
                    name,
                    text: holds_words(answer, holds),
                }
            })
            .collect(),
        condition: condition(answer),
        hours_per_month: Exact(answer.hours_per_month),
        overrides: overrides.iter().map(super::json::Set::of).collect(),
        path: &answer.question.axis.path,
        pricing: super::json::Pricing::of(&scenario.prices),
        range: Range {
            from: Exact(answer.question.from),
            to: Exact(answer.question.to),
        },
        scenario: &scenario.name,
    };
    super::json::to_string(&document)
}
