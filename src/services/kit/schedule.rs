//! `schedule = { hours = "08-20", days = "weekdays" }` on a component that
//! bills the hours it runs (EC2, a provisioned Redshift cluster paused and
//! resumed, a Managed Flink application): the same two keys for every such
//! service, the rule for its hours a month, its capacity hour by hour, and
//! the verdict when the flow reaches it while it is paused.
//!
//! The hours a month: hours a day × (the month's hours ÷ 24) × (days a week
//! ÷ 7), with one division last (see [`hours_a_month`]): 12 h on
//! weekdays of a 730-hour month is 12 × 730 × 5 ÷ 168 = 260.714285… h, to
//! 28 significant digits; `"00-24"` every day is the month itself.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::Duration;

use crate::model::dimension::Limit;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::profile::HOURS;
use crate::model::report::{ComponentResult, Hourly, Violation};
use crate::model::schedule::{Days, HourRange, Schedule};
use crate::model::traced::Traced;
use crate::services::kit::{Ctx, EvalError, given};

pub static SCHEDULE_HOURS: Key = Key::new(
    "schedule_hours",
    Kind::Hours,
    Default::None,
    "hours of the day it runs, \"HH-HH\", the end not included (\"08-20\" is 12 hours; \"22-06\" wraps midnight); billed for those hours of each day it runs on, not the whole month. With `schedule_days`, also written `schedule = { hours = \"08-20\", days = \"weekdays\" }`",
)
.defaulting_to("all day with `schedule_days`; else the whole month")
.grouped_as("schedule", "hours");

pub static SCHEDULE_DAYS: Key = Key::new(
    "schedule_days",
    Kind::Choice(Days::NAMES),
    Default::None,
    "the days of the week it runs `schedule_hours`: `every_day`, or `weekdays` (5 of 7)",
)
.defaulting_to("every_day")
.grouped_as("schedule", "days");

/// The rule, for the formulas `calc services` shows.
pub const FORMULA: &str = "with `schedule`: hours running = hours a day x hours a month x days a week (7, or 5 on weekdays) / 168, to 28 significant digits; \"00-24\" every day is the whole month";

/// How a scenario names a key in a message: `schedule` for the inline
/// table's fields, else the key itself.
pub fn named(key: &Key) -> &'static str {
    key.grouped.map_or(key.name, |(table, _)| table)
}

/// The schedule the values give, if they give one (either key set): not
/// beside any of `instead_of`, the keys that already say how long it runs
/// (`hours_running`), which would say it twice.
pub fn read(values: &Values, instead_of: &[&'static Key]) -> Result<Option<Schedule>, Invalid> {
    let hours = values.hours(&SCHEDULE_HOURS);
    let days = values.choice::<Days>(&SCHEDULE_DAYS);
    if hours.is_none() && days.is_none() {
        return Ok(None);
    }
    if let Some(other) = instead_of.iter().find(|key| values.is_set(key)) {
        return Err(Invalid::new(
            other,
            format!(
                "`{}` and `schedule` both set the hours it runs",
                other.name
            ),
        )
        .with_help(format!(
            "keep one: `{}`, or `schedule` for the hours of the day it runs, e.g. `schedule = {{ hours = \"08-20\", days = \"weekdays\" }}`",
            other.name
        )));
    }
    Ok(Some(Schedule {
        hours: hours.unwrap_or(HourRange::DAY),
        days: days.unwrap_or(Days::EveryDay),
    }))
}

/// The key that has the resource run part of the month, if one does:
/// `hours_running`, else the schedule's; what a commitment, billed every
/// hour of its term, refuses.
pub fn part_time(values: &Values, hours_running: &'static Key) -> Option<&'static Key> {
    [hours_running, &SCHEDULE_HOURS, &SCHEDULE_DAYS]
        .into_iter()
        .find(|key| values.is_set(key))
}

/// The hours a month the schedule runs, for a working: hours a day × the
/// month's hours × days a week ÷ 168 (24 hours × 7 days).
pub fn hours_a_month<N: Number>(schedule: Schedule, ctx: &Ctx<N>) -> Result<Traced<N>, EvalError> {
    let a_day = given::key(schedule.hours.hours(), "h/day", &SCHEDULE_HOURS);
    let a_week = given::key(schedule.days.a_week(), "days/week", &SCHEDULE_DAYS);
    let week = Traced::rule(Decimal::from(24 * 7), "h/week", "hours a week");
    Ok(a_day.times(ctx.hours_traced())?.times(a_week)?.per(week)?)
}

/// The hours a month a component that bills its running hours runs: its
/// schedule's, else its `hours_running` (`key`), else the whole month.
pub fn hours_running<N: Number>(
    schedule: Option<Schedule>,
    running: Option<Duration>,
    key: &'static Key,
    ctx: &Ctx<N>,
    result: &mut ComponentResult<N>,
) -> Result<Traced<N>, EvalError> {
    match schedule {
        Some(schedule) => hours_a_month(schedule, ctx),
        None => Ok(ctx.hours_running(running, key, result)),
    }
}

/// The seconds a month an instance that bills its running time is billed
/// for: its running hours (`hours_running` above), at least the `minimum`
/// billed each time it starts (a limit in ms), taken as one start a month.
/// Seconds, so that whole figures stay exact until a caller divides by
/// the hour last.
pub fn billed_seconds<N: Number>(
    schedule: Option<Schedule>,
    running: Option<Duration>,
    key: &'static Key,
    minimum: &'static Limit,
    ctx: &Ctx<N>,
    result: &mut ComponentResult<N>,
) -> Result<Traced<N>, EvalError> {
    // In the order a working lists them: the hour, the second, the limit.
    let per_hour = given::seconds_an_hour();
    let ms = given::ms_a_second();
    let minimum = ctx.limit_traced(minimum, "ms")?.per(ms)?;
    let running = hours_running(schedule, running, key, ctx, result)?.times(per_hour)?;
    // The minimum first: of equal figures, it is the one billed.
    Ok(minimum.max(running))
}

/// The days a month the schedule runs on, for what is counted a day it
/// runs (a cluster's free concurrency scaling): the month's hours × days a
/// week ÷ 168.
pub fn days_a_month<N: Number>(schedule: Schedule, ctx: &Ctx<N>) -> Result<Traced<N>, EvalError> {
    let a_week = given::key(schedule.days.a_week(), "days/week", &SCHEDULE_DAYS);
    let week = Traced::rule(Decimal::from(24 * 7), "h/week", "hours a week");
    Ok(ctx.hours_traced().times(a_week)?.per(week)?)
}

/// `count` of what runs (instances, nodes, KPUs) in the hours of a day the
/// schedule runs, 0 in the others, as the capacity by hour: a day it runs
/// on. Nothing the load sizes, so no utilisation.
pub fn hourly<N: Number>(
    schedule: Schedule,
    key: &'static str,
    count: Decimal,
    result: &mut ComponentResult<N>,
) {
    let mut capacity = [Decimal::ZERO; HOURS];
    for (hour, running) in capacity.iter_mut().enumerate() {
        if schedule.runs_at(hour) {
            *running = count;
        }
    }
    result.hourly = Some(Box::new(Hourly {
        key,
        capacity,
        utilisation: None,
    }));
}

/// Fails the component when the flow reaches it while its schedule has it
/// paused: the first hour of the day, from 00:00, that the schedule leaves
/// off and in which what it receives is above 0 (its day's factor of the
/// average; 1 every hour without a profile); else, on weekdays only, the
/// weekend, which the day's shape reaches as it does every day. Nothing
/// received, or what comes out of a store (its objects wait for a reader),
/// is no traffic to miss.
pub fn check_traffic<N: Number>(schedule: Schedule, ctx: &Ctx<N>, result: &mut ComponentResult<N>) {
    let Some(rate) = ctx.input.rate else {
        return;
    };
    if ctx.input.stored.is_some() || rate.average.is_zero() {
        return;
    }
    let factor = |hour: usize| rate.profile.map_or(Decimal::ONE, |p| p.factors[hour]);
    let first = |paused: &dyn Fn(usize) -> bool| {
        (0..HOURS).find(|&hour| paused(hour) && !factor(hour).is_zero())
    };
    let found = match first(&|hour| !schedule.runs_at(hour)) {
        Some(hour) => Some((hour, false)),
        None if schedule.days == Days::Weekdays => first(&|_| true).map(|hour| (hour, true)),
        None => None,
    };
    if let Some((hour, weekend)) = found {
        result.violations.push(Violation::Paused {
            hour: u8::try_from(hour).unwrap_or(u8::MAX),
            weekend,
            factor: factor(hour),
            schedule,
        });
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::services::kit::testing::ctx;

    #[test]
    fn hours_a_month_are_hours_a_day_over_the_month_s_days() {
        // 12 h × 730 ÷ 24 = 365 h every day.
        let every_day = Schedule {
            hours: "08-20".parse().expect("a range"),
            days: Days::EveryDay,
        };
        let hours = |schedule, month| hours_a_month(schedule, &ctx(month)).map(|h| h.value());
        assert_eq!(hours(every_day, dec!(730)), Ok(dec!(365)));
        // On weekdays: 12 × 730 × 5 ÷ 168 = 43,800 ÷ 168 = 260.714285…,
        // to 28 significant digits.
        let weekdays = Schedule {
            days: Days::Weekdays,
            ..every_day
        };
        assert_eq!(
            hours(weekdays, dec!(730)),
            Ok(dec!(260.71428571428571428571428571))
        );
        // All day every day is the month, exactly, whatever its hours.
        for month in [dec!(720), dec!(730), dec!(744), dec!(730.5)] {
            assert_eq!(hours(Schedule::ALWAYS, month), Ok(month));
        }
    }
}
