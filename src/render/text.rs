//! The words and number formats every renderer shares.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::base::number::cents;
use crate::base::units::{Bytes, Duration, after_count};
use crate::model::choice::Choice;
use crate::model::dimension::LimitKind;
use crate::model::flow::From;
use crate::model::report::Override;
use crate::model::report::{
    AlternativeResult, CapacityValue, ComponentResult, LineItem, Ordering, PricingInfo, Report,
    Retention, Verdict, Violation,
};
use crate::whatif::Failure;

/// `1234567.891` → `1,234,567.89`, keeping at most `max_dp` decimals and no trailing zeros.
pub fn number(value: Decimal, max_dp: u32) -> String {
    crate::base::number::readable(value, max_dp)
}

/// Money to the cent: `$1,450.90`.
pub fn money(amount: Decimal, currency: &str) -> String {
    let cents = cents(amount);
    let whole = number(cents.trunc(), 0);
    let fraction = format!(
        "{:02}",
        (cents.fract().abs() * Decimal::ONE_HUNDRED).trunc()
    );
    format!("{}{whole}.{fraction}", symbol(currency))
}

/// `$` for dollars, else the currency's code and a space (`EUR 32.40`).
fn symbol(currency: &str) -> String {
    if currency == "USD" {
        "$".to_string()
    } else {
        format!("{currency} ")
    }
}

/// A unit price exactly as the table has it: `$0.00065`.
pub fn unit_price(price: Decimal, currency: &str) -> String {
    let mut exact = price.round_dp(10).normalize();
    if exact.scale() < 2 {
        exact.rescale(2);
    }
    format!("{}{exact}", symbol(currency))
}

pub fn capacity_value(value: CapacityValue) -> String {
    match value {
        CapacityValue::Count(n) => number(Decimal::from(n), 0),
        CapacityValue::Number(n) => number(n, 4),
        CapacityValue::Bytes(b) => b.to_string(),
        CapacityValue::Key(k) => k.to_string(),
    }
}

/// `shards 3 (write_records) · write_bytes_shards 2.9297 …`
pub fn capacity(component: &ComponentResult) -> String {
    component
        .capacity
        .iter()
        .map(|c| format!("{} {}", c.key, capacity_value(c.value)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `kinesis_data_streams (provisioned)`, after its id if it has one:
/// `stream: kinesis_data_streams (provisioned)`.
pub fn component_label(component: &ComponentResult) -> String {
    match &component.id {
        Some(id) => format!("{id}: {}", service_label(component)),
        None => service_label(component),
    }
}

/// `kinesis_data_streams (provisioned)`: calc's own words, never user text.
pub fn service_label(component: &ComponentResult) -> String {
    match component.mode {
        Some(mode) => format!("{} ({mode})", component.service),
        None => component.service.to_string(),
    }
}

/// Where a component's input comes from: `workload`, or the component's
/// id, or its place (`components[0]`), as paths name it.
pub fn source(alternative: &AlternativeResult, from: From) -> String {
    match from {
        From::Workload => "workload".to_string(),
        From::Component(j) => alternative.components[j]
            .id
            .as_deref()
            .map_or_else(|| format!("components[{j}]"), str::to_string),
    }
}

/// What a component receives: `2,000 records/s (peak 8,000) of 1 KB from
/// workload`; for one that queries a store, which it reads: `reads lake
/// (s3), which holds 1.2 TB`; `None` when nothing flows in (a job on a
/// schedule).
pub fn input(alternative: &AlternativeResult, component: &ComponentResult) -> Option<String> {
    let flow = component.input;
    if let Some(held) = read_from_store(alternative, component) {
        let store = source(alternative, component.from);
        let service = match component.from {
            From::Component(j) => format!(" ({})", alternative.components[j].service),
            From::Workload => String::new(),
        };
        return Some(format!("reads {store}{service}, which holds {held}"));
    }
    let rate = flow.rate?;
    let average = number(rate.average, 4);
    let mut text = format!("{average} {}", after_count(&average, "records/s"));
    if rate.peak != rate.average {
        let _ = write!(text, " (peak {})", number(rate.peak, 4));
    }
    if let Some(size) = flow.record_size {
        let _ = write!(text, " of {size}");
    }
    let from = source(alternative, component.from);
    match component.from {
        From::Workload => {
            let _ = write!(text, " from the {from}");
        }
        From::Component(j) => {
            let _ = write!(text, " from {from} ({})", alternative.components[j].service);
        }
    }
    Some(text)
}

/// What the store a component queries holds, when it queries one: a
/// service that consumes no records (Athena, Redshift, Glue) is not fed
/// the notifications a bucket passes on, but reads what the bucket holds.
/// (Whether a stated `table_size` is read in its place, its capacity says.)
pub fn read_from_store(
    alternative: &AlternativeResult,
    component: &ComponentResult,
) -> Option<Bytes> {
    let held = component.input.stored?;
    let consumes = crate::services::find(component.service).is_none_or(|def| def.input.is_some());
    let From::Component(j) = component.from else {
        return None;
    };
    // The store itself, not a function that passes on what it received
    // from one (a Lambda after the bucket that submits jobs).
    let store = &alternative.components[j];
    let holds = store.output.is_some_and(|out| out.stored == Some(held))
        && store.input.stored != Some(held);
    (!consumes && holds).then_some(held)
}

/// The decimals a quantity is shown to, in the table and the CSV.
pub const QUANTITY_DP: u32 = 4;

/// The quantity column: `7,776` or `2,190,000 − 18,250 free`.
pub fn quantity(item: &LineItem) -> String {
    if item.free_quantity.is_zero() {
        number(item.quantity, QUANTITY_DP)
    } else {
        format!(
            "{} − {} free",
            number(item.quantity, QUANTITY_DP),
            number(item.free_quantity, QUANTITY_DP)
        )
    }
}

/// The tiers a tiered price used, when there were several.
pub fn tiers(item: &LineItem, currency: &str) -> Option<String> {
    (!item.tiers.is_empty()).then(|| {
        item.tiers
            .iter()
            .map(|t| {
                format!(
                    "{} × {}",
                    number(t.quantity, 4),
                    unit_price(t.unit_price, currency)
                )
            })
            .collect::<Vec<_>>()
            .join(" + ")
    })
}

/// One sentence a violation, naming the component it concerns.
pub fn violation(
    alternative: &AlternativeResult,
    component: Option<usize>,
    violation: &Violation,
    currency: &str,
) -> String {
    violation_of(
        component.map(|i| &alternative.components[i]),
        violation,
        currency,
    )
}

/// Why an alternative fails at a what-if's value, in one sentence (empty
/// for none).
pub fn failure(failure: Option<&Failure>, currency: &str) -> String {
    match failure {
        Some(Failure::Violates {
            component,
            violation,
        }) => violation_of(component.as_deref(), violation, currency),
        Some(Failure::Uncomputable(error)) => {
            format!("its cost cannot be computed: {}", error.message)
        }
        None => String::new(),
    }
}

/// One sentence a violation of `component` (or of the alternative).
fn violation_of(
    component: Option<&ComponentResult>,
    violation: &Violation,
    currency: &str,
) -> String {
    let subject = component.map(component_label);
    match violation {
        Violation::MaxLatency { actual, limit } => {
            let (actual, limit) = durations(*actual, *limit);
            format!("adds {actual} of latency; requirement: at most {limit}")
        }
        Violation::MaxMonthlyCost { actual, limit } => {
            let (rounded, budget) = (money(*actual, currency), money(*limit, currency));
            // Never "costs $500.00 a month; budget: $500.00".
            if rounded == budget {
                format!(
                    "costs {} a month, a fraction of a cent over the budget of {budget}",
                    unit_price(*actual, currency)
                )
            } else {
                format!("costs {rounded} a month; budget: {budget}")
            }
        }
        Violation::Ordering { has, required } => format!(
            "{}: {}; requirement: {}",
            subject.unwrap_or_default(),
            match has {
                Ordering::None => "does not preserve order",
                Ordering::PerKey => "preserves order per key only",
                Ordering::Total => "preserves total order",
            },
            required.as_str()
        ),
        Violation::Retention { longest, required } => match longest {
            Retention::For(d) => {
                let (longest, required) = durations(*d, *required);
                format!("keeps data for at most {longest}; requirement: {required}")
            }
            _ => format!("no component keeps the data; requirement: {required}"),
        },
        Violation::Replay => {
            "no component lets consumers read the data again; requirement: replay".to_string()
        }
        Violation::MessageSize { max, required } => {
            let (max, required) = amounts(LimitKind::Bytes, max.decimal(), required.decimal());
            format!(
                "{}: carries messages of at most {max}; requirement: {required}",
                subject.unwrap_or_default()
            )
        }
        Violation::JobDuration {
            max,
            required,
            instead,
        } => {
            let (max, required) = durations(*max, *required);
            format!(
                "{}: runs for at most {max}; requirement: jobs of {required} (use {instead})",
                subject.unwrap_or_default()
            )
        }
        Violation::Limit {
            limit,
            needed,
            allowed,
            fix,
        } => {
            let (needed, allowed) = amounts(limit.kind, *needed, *allowed);
            format!(
                "{}: {needed} needed, over the limit of {allowed} {}; {fix}",
                subject.unwrap_or_default(),
                limit.what,
            )
        }
        Violation::Schedule {
            run_hours,
            month_hours,
        } => format!(
            "{}: the runs need {} h, more than the {} h of the month; one application cannot run them all: shorten them, or split them over several applications",
            subject.unwrap_or_default(),
            number(*run_hours, 2),
            number(*month_hours, 2),
        ),
        Violation::Paused {
            hour,
            weekend,
            factor,
            schedule,
        } => {
            let shown = number(*factor, 4);
            let factor = if shown == "0" {
                factor.normalize().to_string()
            } else {
                shown
            };
            let on = if *weekend { " on weekends" } else { "" };
            format!(
                "{}: receives {factor} × the average at {hour:02}:00{on} while its schedule ({}) has it paused; run it in every hour the flow reaches it, or keep what arrives in a store it reads when it runs",
                subject.unwrap_or_default(),
                schedule.describe(),
            )
        }
        Violation::Holds {
            held,
            needed,
            retention,
        } => {
            let needed = needed.round().to_u64().map_or_else(
                || format!("{} B", number(*needed, 0)),
                |b| Bytes(b).to_string(),
            );
            format!(
                "{}: holds {held}, but the flow puts {needed} into it over the required retention of {retention}; raise `storage`, or let items expire with `ttl`",
                subject.unwrap_or_default(),
            )
        }
        Violation::Unsupported { rule, fix } => {
            format!("{}: {rule}; {fix}", subject.unwrap_or_default())
        }
        Violation::Minimum {
            limit,
            set,
            minimum,
            fix,
        } => {
            let (set, minimum) = amounts(limit.kind, *set, *minimum);
            format!(
                "{}: {set} set, under the minimum of {minimum} {}; {fix}",
                subject.unwrap_or_default(),
                limit.what,
            )
        }
    }
}

/// Two durations, rounded for reading unless rounding would make them look
/// equal: never "adds 2 min of latency; requirement: at most 2 min".
fn durations(a: Duration, b: Duration) -> (String, String) {
    amounts(LimitKind::Duration, a.ms(), b.ms())
}

/// Two amounts of a limit's kind, rounded for reading unless rounding would
/// make them look equal: never "1 MB, over the limit of 1 MB".
fn amounts(kind: LimitKind, a: Decimal, b: Decimal) -> (String, String) {
    let rounded = |value: Decimal| match kind {
        LimitKind::Bytes => Bytes(u64::try_from(value.ceil()).unwrap_or(u64::MAX)).to_string(),
        LimitKind::Duration => Duration::from_ms(value).to_string(),
        LimitKind::Count => number(value, 2),
    };
    let (a_text, b_text) = (rounded(a), rounded(b));
    // `1 d` and `24 h` look equal too.
    let read = |text: &str| text.parse::<Duration>().ok();
    let look_equal = a_text == b_text
        || (kind == LimitKind::Duration
            && read(&a_text).is_some()
            && read(&a_text) == read(&b_text));
    if !look_equal {
        return (a_text, b_text);
    }
    let exact = |value: Decimal| match kind {
        LimitKind::Bytes => format!("{} B", number(value, 0)),
        LimitKind::Duration => format!("{} ms", number(value, 3)),
        LimitKind::Count => number(value, 28),
    };
    (exact(a), exact(b))
}

/// The verdict line: `meets the requirements` or the first reason it does not.
pub fn verdict(alternative: &AlternativeResult) -> &'static str {
    match alternative.verdict() {
        Verdict::Ok => "meets the requirements",
        Verdict::Warning => "meets the requirements, with warnings",
        Verdict::Fails => "does not meet the requirements",
    }
}

/// The comparison's short verdict: `ok`, or what fails (`fails: max_latency, limit`).
pub fn short_verdict(alternative: &AlternativeResult) -> String {
    let mut failed: Vec<&str> = alternative
        .all_violations()
        .map(|(_, v)| v.requirement())
        .collect();
    failed.sort_unstable();
    failed.dedup();
    if !failed.is_empty() {
        return format!("fails: {}", failed.join(", "));
    }
    let mut warned: Vec<&str> = alternative.warnings().map(|(_, n)| n.code).collect();
    warned.sort_unstable();
    warned.dedup();
    if warned.is_empty() {
        "ok".to_string()
    } else {
        format!("warning: {}", warned.join(", "))
    }
}

/// The report's opening lines: which table, which month, and each value set
/// over the scenario's. The table's and the user's words go through the
/// format's `escape`.
pub fn preamble(report: &Report, escape: fn(&str) -> String) -> String {
    setting(
        &report.pricing,
        report.hours_per_month,
        report.free_tier,
        &report.overrides,
        escape,
    )
}

/// [`preamble`]'s lines from their parts, for what-if reports too.
pub fn setting(
    pricing: &PricingInfo,
    hours_per_month: Decimal,
    free_tier: bool,
    overrides: &[Override],
    escape: fn(&str) -> String,
) -> String {
    let converted = pricing
        .exchange_rate
        .as_ref()
        .map_or_else(String::new, |rate| {
            format!(
                " · converted at {} {} = 1 {} (as of {})",
                number(rate.rate, 28),
                escape(&pricing.currency),
                escape(&rate.from),
                escape(&rate.as_of)
            )
        });
    let mut out = format!(
        "pricing {} ({}, {}, as of {}){converted} · {} hours a month · free tier {}",
        escape(&pricing.name),
        escape(&pricing.region),
        escape(&pricing.currency),
        escape(&pricing.as_of),
        number(hours_per_month, 2),
        free_tier_words(pricing, free_tier),
    );
    for set in overrides {
        let _ = write!(
            out,
            "\nset {} = {} (the scenario: {})",
            escape(&set.path),
            escape(&set.value),
            escape(&set.was)
        );
    }
    out
}

/// "off", or "on" and which kinds of allowance the table's free tier is,
/// said once with the rule that makes them a ceiling: an account's
/// allowances are shared by all its workloads, and this design is counted
/// as if it had them alone.
pub fn free_tier_words(pricing: &PricingInfo, on: bool) -> String {
    match (on, pricing.free_tier.as_slice()) {
        (false, _) => "off".to_string(),
        (true, []) => "on (the table has no allowances)".to_string(),
        (true, kinds) => {
            let words: Vec<&str> = kinds
                .iter()
                .map(|kind| match *kind {
                    "always" => "always-free allowances",
                    "12-months" => "12-month allowances (accounts opened before 2025-07-15)",
                    _ => "allowances of a kind the table does not state",
                })
                .collect();
            format!(
                "on: {}, shared by all of an account's workloads (this design counted as if alone)",
                words.join(" and ")
            )
        }
    }
}

/// `2.25×` the cheapest, or, when there is no ratio (the cheapest is free),
/// `1×` for a free alternative and `—` for any other.
pub fn ratio(ratio_to_cheapest: Option<Decimal>, cost: Decimal) -> String {
    match ratio_to_cheapest {
        Some(ratio) => format!("{}×", number(ratio, 2)),
        None if cost.is_zero() => "1×".to_string(),
        None => "—".to_string(),
    }
}

/// `rise` as a percentage of `base`, to two decimals: `12.5%`.
pub fn percent_change(rise: Decimal, base: Decimal) -> Option<String> {
    let ratio = rise.checked_div(base)?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(format!("{}%", number(ratio, 2)))
}

/// A capacity hour by hour, in a line: a 24-column sparkline, lowest to
/// highest of the day, then the range and the busiest hour's utilisation:
/// `wcu by hour ▁▁▁▁▁▁▁▁████████████▁▁▁▁ 358 to 2,500 (00:00 to 23:00)`.
pub fn hourly(hourly: &crate::model::report::Hourly) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let low = hourly.capacity.iter().copied().min().unwrap_or_default();
    let high = hourly.capacity.iter().copied().max().unwrap_or_default();
    let span = high - low;
    let line: String = hourly
        .capacity
        .iter()
        .map(|c| {
            let step = (*c - low)
                .checked_mul(Decimal::from(7))
                .and_then(|x| x.checked_div(span))
                .map_or(0, |x| usize::try_from(x.round()).unwrap_or(7));
            BARS[step.min(7)]
        })
        .collect();
    let used = hourly.utilisation.map_or_else(String::new, |used| {
        let used_low = used.iter().copied().min().unwrap_or_default();
        let used_high = used.iter().copied().max().unwrap_or_default();
        format!(
            " · utilisation {} to {}",
            number(used_low, 4),
            number(used_high, 4)
        )
    });
    format!(
        "{} by hour {line} {} to {} (00:00 to 23:00){used}",
        hourly.key,
        number(low, 4),
        number(high, 4),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(number(dec!(1234567.891), 2), "1,234,567.89");
        assert_eq!(number(dec!(100), 2), "100");
        assert_eq!(number(dec!(0.5), 2), "0.5");
        assert_eq!(number(dec!(-1234.5), 1), "-1,234.5");
    }

    #[test]
    fn money_has_cents() {
        assert_eq!(money(dec!(1450.897), "USD"), "$1,450.90");
        assert_eq!(money(dec!(108.864), "USD"), "$108.86");
        assert_eq!(money(dec!(0), "USD"), "$0.00");
        assert_eq!(money(dec!(32.4), "EUR"), "EUR 32.40");
    }

    #[test]
    fn a_budget_missed_by_a_fraction_of_a_cent_shows_the_exact_cost() {
        // $500.004 and $500 both round to $500.00.
        let violation = Violation::MaxMonthlyCost {
            actual: dec!(500.004),
            limit: dec!(500),
        };
        assert_eq!(
            violation_of(None, &violation, "USD"),
            "costs $500.004 a month, a fraction of a cent over the budget of $500.00"
        );
        let violation = Violation::MaxMonthlyCost {
            actual: dec!(500.01),
            limit: dec!(500),
        };
        assert_eq!(
            violation_of(None, &violation, "USD"),
            "costs $500.01 a month; budget: $500.00"
        );
    }
}
