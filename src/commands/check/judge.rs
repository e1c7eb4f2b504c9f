//! Each scenario read, evaluated and judged: every alternative against its
//! budget, the requirements, AWS's limits, its baseline and the age of its
//! prices.

use std::path::Path;

use rust_decimal::Decimal;

use super::find::{self, Found};
use super::results::{
    AlternativeCheck, Args, Broken, Increase, PriceDate, Reason, ScenarioCheck, Status, Why,
};
use crate::base::diagnostic::Diagnostic;
use crate::base::progress::Progress;
use crate::base::units::Duration;
use crate::evaluate;
use crate::model::growth::BudgetOver;
use crate::model::keys::Values;
use crate::model::odds::Odds;
use crate::model::report::{AlternativeResult, LineItem, Report, Violation};
use crate::model::requirements::{self, Requirements};
use crate::pricing::PriceBook;
use crate::scenario::{self, Overrides, set};
use crate::whatif::monte_carlo;

/// A scenario evaluated, with what judging it needs from the file.
pub(super) struct Evaluated {
    file: String,
    report: Report,
    choice: Option<usize>,
    lines: Vec<u32>,
    budgets: Vec<Option<Decimal>>,
    /// The requirements `[requirements]` states, other than the budget.
    stated: Vec<&'static str>,
    /// The least percentage of samples in which a checked alternative is
    /// the cheapest that works.
    min_chance_cheapest: Option<u32>,
    /// Each alternative's oldest price from the table, if it uses one.
    oldest: Vec<Option<PriceDate>>,
}

/// Reads and evaluates one scenario, with a Monte Carlo run over its
/// ranges when `plan` asks for one; `None` for a pricing table found in a
/// folder beside the scenarios that name it.
pub(super) fn evaluate_file(
    found: &Found,
    overrides: &Overrides,
    sets: &[String],
    plan: Option<monte_carlo::Plan>,
) -> Result<Option<Evaluated>, Box<Broken>> {
    let file = found.path.display().to_string();
    let broken = |error: Diagnostic| {
        Box::new(Broken {
            file: file.clone(),
            error,
        })
    };
    let source = find::read(found).map_err(broken)?;
    if found.folder.is_some() && find::is_pricing_table(&source.text) {
        return Ok(None);
    }
    let dir = found.path.parent().unwrap_or(Path::new("."));
    let scenario = scenario::parse(source, dir, overrides).map_err(broken)?;
    let set::Applied {
        values,
        ranges,
        overrides: overridden,
    } = set::apply(&scenario, sets).map_err(broken)?;
    let mut report = evaluate::evaluate_with(&scenario, &values).map_err(broken)?;
    report.overrides = overridden;
    if let Some(plan) = plan {
        // Scenarios are checked side by side: no progress line for each.
        report.odds = monte_carlo::run(&scenario, &values, &ranges, plan, &Progress::silent())
            .map_err(broken)?;
    }
    report.growth = crate::whatif::growth::run(&scenario, &values).map_err(broken)?;
    let stated = Requirements::from_values(&Values::new(
        requirements::KEYS,
        &values[scenario.requirements.clone()],
    ));
    let budgets = evaluate::budgets(&scenario, &values);
    let lines = scenario
        .alternatives
        .iter()
        .map(|a| scenario.source.line(a.span))
        .collect();
    let oldest = report
        .alternatives
        .iter()
        .map(|a| oldest_price(a, &scenario.prices))
        .collect();
    Ok(Some(Evaluated {
        file,
        report,
        oldest,
        choice: scenario.choice,
        lines,
        budgets,
        stated: stated_rules(&stated),
        min_chance_cheapest: stated.min_chance_cheapest,
    }))
}

fn stated_rules(stated: &Requirements) -> Vec<&'static str> {
    let mut rules = Vec::new();
    if stated.max_latency.is_some() {
        rules.push("max_latency");
    }
    if stated.ordering.is_some() {
        rules.push("ordering");
    }
    if stated.retention.is_some() {
        rules.push("retention");
    }
    if stated.replay {
        rules.push("replay");
    }
    if stated.max_message_size.is_some() {
        rules.push("max_message_size");
    }
    if stated.max_job_duration.is_some() {
        rules.push("max_job_duration");
    }
    if stated.min_chance_cheapest.is_some() {
        rules.push("min_chance_cheapest");
    }
    rules
}

/// Each alternative against its budget, the requirements, AWS's limits,
/// and (with `--max-increase`) its baseline's cost.
pub(super) fn judge(
    now: Evaluated,
    before: Option<&Evaluated>,
    args: &Args,
    today: &str,
) -> ScenarioCheck {
    let mut alternatives = Vec::with_capacity(now.report.alternatives.len());
    let odds = now.report.odds.as_ref();
    let held = odds.and_then(|odds| odds.percentile);
    for (i, alternative) in now.report.alternatives.iter().enumerate() {
        let checked = now.choice.is_none_or(|c| c == i);
        let mut reasons: Vec<Reason> = alternative
            .all_violations()
            // A budget held at a percentile is judged there, not at the
            // expected cost.
            .filter(|(_, v)| held.is_none() || !matches!(v, Violation::MaxMonthlyCost { .. }))
            .map(|(component, violation)| Reason {
                failing: true,
                why: Why::Violation {
                    component,
                    violation: *violation,
                },
            })
            .collect();
        reasons.extend(alternative.warnings().map(|(component, note)| Reason {
            failing: args.deny_warnings,
            why: Why::Warning {
                component,
                note: *note,
            },
        }));
        reasons.extend(at_percentile(
            now.budgets[i],
            odds,
            i,
            alternative.monthly_cost,
        ));
        reasons.extend(chance_cheapest(&now.report, now.min_chance_cheapest, i));
        let baseline_cost = before.and_then(|b| {
            let same = b
                .report
                .alternatives
                .iter()
                .find(|a| a.name == alternative.name);
            // A scenario that chose another design is held to what it had chosen.
            let chosen = || {
                (now.choice == Some(i))
                    .then_some(b.choice)
                    .flatten()
                    .map(|c| &b.report.alternatives[c])
            };
            same.or_else(chosen).map(|a| a.monthly_cost)
        });
        if let (Some(limit), Some(base)) = (args.max_increase, baseline_cost)
            && let Some(reason) = increase(alternative.monthly_cost, base, limit)
        {
            reasons.push(reason);
        }
        reasons.extend(over_growth(&now.report, i));
        reasons.extend(args.max_price_age.and_then(|age| {
            let oldest = now.oldest[i].as_ref()?;
            stale_prices(&now.report.pricing.name, oldest, age, today)
        }));
        let status = if reasons.iter().any(|r| r.failing) {
            Status::Fail
        } else if reasons.is_empty() {
            Status::Pass
        } else {
            Status::Warning
        };
        let budget = now.budgets[i];
        let mut rules = Vec::new();
        if budget.is_some() {
            rules.push("max_monthly_cost");
        }
        rules.extend(&now.stated);
        rules.push("limit");
        if args.max_increase.is_some() && baseline_cost.is_some() {
            rules.push("max_increase");
        }
        if args.max_price_age.is_some() {
            rules.push("max_price_age");
        }
        rules.push("warning");
        alternatives.push(AlternativeCheck {
            checked,
            line: now.lines[i],
            budget,
            baseline_cost,
            status,
            reasons,
            rules,
        });
    }
    let status = alternatives
        .iter()
        .filter(|a| a.checked)
        .map(|a| a.status)
        .max()
        .unwrap_or(Status::Pass);
    ScenarioCheck {
        file: now.file,
        report: now.report,
        choice: now.choice,
        alternatives,
        status,
    }
}

/// The reason alternative `i` fails its budget held at a percentile of
/// the Monte Carlo run, if it does.
fn at_percentile(
    budget: Option<Decimal>,
    odds: Option<&Odds>,
    i: usize,
    expected: Decimal,
) -> Option<Reason> {
    let odds = odds?;
    let percentile = odds.percentile?;
    let budget = budget?;
    let cost = odds.alternatives.get(i)?.at_percentile?;
    (cost > budget).then_some(Reason {
        failing: true,
        why: Why::BudgetAtPercentile {
            percentile,
            cost,
            expected,
            budget,
        },
    })
}

/// The reason alternative `index` fails its budget as the workload grows,
/// held over `budget_months` as `[growth]` states; none when it holds,
/// or when it already fails in month 1, which the budget check reports.
fn over_growth(report: &Report, index: usize) -> Option<Reason> {
    let growth = report.growth.as_ref()?;
    let months = growth.growth.budget_months?;
    let alternative = growth.alternatives.get(index)?;
    let budget = alternative.budget?;
    let over = growth.growth.budget;
    let month = alternative.crosses(over, months)?;
    if month == 1 {
        return None;
    }
    let (spent, allowed) = match over {
        BudgetOver::EachMonth => (alternative.months[month as usize - 1].cost?, budget),
        BudgetOver::Total => (
            alternative.total_through(month)?,
            budget.checked_mul(Decimal::from(months))?,
        ),
    };
    Some(Reason {
        failing: true,
        why: Why::Growth {
            month,
            months,
            over,
            spent,
            allowed,
        },
    })
}

/// The reason alternative `i` is the cheapest design that works in too few
/// samples, if it is; without ranges, the point estimate decides (it is the
/// cheapest or it is not).
fn chance_cheapest(report: &Report, required: Option<u32>, i: usize) -> Option<Reason> {
    let required = required?;
    let chance = match &report.odds {
        Some(odds) => odds.chance(odds.alternatives.get(i)?.cheapest),
        None if report.cheapest_working() == Some(i) => Decimal::ONE,
        None => Decimal::ZERO,
    };
    (chance * Decimal::ONE_HUNDRED < Decimal::from(required)).then_some(Reason {
        failing: true,
        why: Why::ChanceCheapest { chance, required },
    })
}

/// The oldest price `alternative` takes from `prices`: its key there and
/// its date, `None` when it takes none (every price it pays set by the
/// scenario). A line item of no quantity pays no price, so its date does
/// not count; a date calc cannot read counts as the oldest.
fn oldest_price(alternative: &AlternativeResult, prices: &PriceBook) -> Option<PriceDate> {
    alternative
        .components
        .iter()
        .flat_map(|c| &c.line_items)
        .filter(|item| !item.price_set && !item.quantity.is_zero())
        .filter_map(|item| dated(item, prices))
        .min_by_key(|price| crate::base::dates::days(&price.as_of).unwrap_or(i64::MIN))
}

/// The table's entry that prices `item`, and its date: the dimension's
/// price, or the row of the type that priced it (its commitment's rates,
/// for a line of one).
fn dated(item: &LineItem, prices: &PriceBook) -> Option<PriceDate> {
    let dimension = item.dimension;
    match item.row {
        Some(row) => {
            let catalogue = dimension.catalogue();
            let entry = prices.instance(catalogue, row)?;
            // A commitment's line is dated by the rates that priced it; a
            // destination's price is written under the dimension's own.
            match item.commitment {
                Some(purchase) => entry.commitment(purchase).map(|rates| PriceDate {
                    key: format!("instances.{catalogue}.\"{row}\".commitments.{purchase}"),
                    as_of: rates.hourly.as_of.to_string(),
                }),
                None => Some(PriceDate {
                    key: match dimension.by_destination {
                        true => format!("{}.to.\"{row}\"", dimension.key),
                        false => format!("instances.{catalogue}.\"{row}\""),
                    },
                    as_of: entry.price.as_of.to_string(),
                }),
            }
        }
        None => prices.price_of(dimension).map(|price| PriceDate {
            key: dimension.key.to_string(),
            as_of: price.as_of.to_string(),
        }),
    }
}

/// The reason an alternative's prices are too old: the oldest it uses,
/// `price`, is dated more than `age` before `today`. A price whose date is
/// not a date is too old.
fn stale_prices(table: &str, price: &PriceDate, age: Duration, today: &str) -> Option<Reason> {
    let allowed_days = age.ms() / Decimal::from(86_400_000);
    let days = crate::base::dates::days(today)
        .zip(crate::base::dates::days(&price.as_of))
        .map(|(today, as_of)| Decimal::from(today - as_of));
    if days.is_some_and(|days| days <= allowed_days) {
        return None;
    }
    Some(Reason {
        failing: true,
        why: Why::StalePrices {
            table: table.to_string(),
            price: price.clone(),
            days,
            allowed_days,
            today: today.to_string(),
        },
    })
}

/// The reason an alternative's cost rose more than `limit` allows over
/// `base`, or `None` when it did not.
fn increase(cost: Decimal, base: Decimal, limit: Increase) -> Option<Reason> {
    let rise = cost - base;
    let allowed = match limit {
        Increase::Amount(amount) => amount,
        // Too large to compute is no limit at all: no cost reaches it.
        Increase::Percent(percent) => base
            .checked_mul(percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .unwrap_or(Decimal::MAX),
    };
    if rise <= allowed {
        return None;
    }
    Some(Reason {
        failing: true,
        why: Why::Increase { cost, base, limit },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_increase_within_the_limit_passes() {
        // 110 over 100 is +10: exactly 10% is allowed, 10.01 is not.
        assert_eq!(
            increase(dec!(110), dec!(100), Increase::Percent(dec!(10))),
            None
        );
        let over = increase(dec!(110.01), dec!(100), Increase::Percent(dec!(10)));
        assert_eq!(
            over.map(|r| r.why),
            Some(Why::Increase {
                cost: dec!(110.01),
                base: dec!(100),
                limit: Increase::Percent(dec!(10))
            })
        );
        assert_eq!(
            increase(dec!(300), dec!(100), Increase::Amount(dec!(200))),
            None
        );
        assert!(increase(dec!(300.01), dec!(100), Increase::Amount(dec!(200))).is_some());
        // Anything over a free baseline is an infinite percentage.
        assert!(increase(dec!(0.01), dec!(0), Increase::Percent(dec!(50))).is_some());
    }

    #[test]
    fn prices_older_than_allowed_are_stale() {
        let price = |as_of: &str| PriceDate {
            key: "s3.put_requests".to_string(),
            as_of: as_of.to_string(),
        };
        let age = Duration::from_ms(dec!(86400000) * dec!(30));
        assert_eq!(
            stale_prices("t", &price("2026-11-06"), age, "2026-12-06"),
            None
        );
        let stale = stale_prices("t", &price("2026-11-05"), age, "2026-12-06").map(|r| r.why);
        let Some(Why::StalePrices {
            price,
            days,
            allowed_days,
            ..
        }) = stale
        else {
            panic!("31 days is over 30: {stale:?}");
        };
        assert_eq!(price.key, "s3.put_requests");
        assert_eq!((days, allowed_days), (Some(dec!(31)), dec!(30)));
    }

    /// Each alternative's oldest price, from a scenario on the bundled table.
    fn oldest(text: &str) -> Vec<Option<PriceDate>> {
        use crate::base::diagnostic::Source;
        use crate::scenario::Overrides;
        let scenario = scenario::parse(
            Source::new("old.toml", text),
            Path::new("."),
            &Overrides::default(),
        )
        .expect("parses");
        let values = set::apply(&scenario, &[]).expect("no --set").values;
        let report = evaluate::evaluate_with(&scenario, &values).expect("evaluates");
        report
            .alternatives
            .iter()
            .map(|a| oldest_price(a, &scenario.prices))
            .collect()
    }

    #[test]
    fn the_oldest_price_an_alternative_uses_dates_it() {
        // The bundled table is dated 2026-11-24, but of what Firehose to S3
        // pays, S3's PUT requests are dated 2024-07-01 (its storage
        // 2025-10-22, Firehose's ingestion 2026-11-24; nothing reads, so
        // GET requests, also 2024-07-01, are not paid). MSK's storage is
        // dated 2024-07-01 too, but the scenario sets its price, so the
        // oldest it takes from the table is the kafka.m5.large row,
        // 2025-10-09.
        let found = oldest(
            r#"name = "old prices"
pricing = "aws-us-east-1"
[workload]
records_per_second = 10
record_size = "1 KB"
[pricing_overrides]
"msk.storage_gb_month" = 0.1
[[alternatives]]
name = "Firehose to S3"
components = [{ service = "firehose" }, { service = "s3" }]
[[alternatives]]
name = "MSK"
components = [{ service = "msk", broker_type = "kafka.m5.large", storage_per_broker = "100 GB" }]
[[alternatives]]
name = "Firehose alone"
components = [{ service = "firehose" }]
"#,
        );
        let date = |key: &str, as_of: &str| {
            Some(PriceDate {
                key: key.to_string(),
                as_of: as_of.to_string(),
            })
        };
        assert_eq!(
            found,
            [
                date("s3.put_requests", "2024-07-01"),
                date("instances.msk.\"kafka.m5.large\"", "2025-10-09"),
                date("firehose.ingestion_gb", "2026-11-24"),
            ]
        );
        // On 2026-12-07, 30 days allowed: 2024-07-01 is 365 + 365 + 159 =
        // 889 days before, though the table is 13 days old.
        let age = Duration::from_ms(dec!(86400000) * dec!(30));
        let stale = found[0]
            .as_ref()
            .and_then(|p| stale_prices("aws-us-east-1", p, age, "2026-12-07"));
        let Some(Why::StalePrices { days, .. }) = stale.map(|r| r.why) else {
            panic!("S3's PUT price is over 30 days old");
        };
        assert_eq!(days, Some(dec!(889)));
        assert_eq!(
            found[2]
                .as_ref()
                .and_then(|p| stale_prices("aws-us-east-1", p, age, "2026-12-07")),
            None
        );
    }
}
