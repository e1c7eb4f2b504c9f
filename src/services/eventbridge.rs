//! Amazon EventBridge event buses, with an optional archive.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Duration, KIB};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Flow, Rate};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{ComponentResult, Ordering, Properties, Retention};
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "eventbridge",
    title: "EventBridge",
    aliases: &["cloudwatch_events", "events"],
    dimensions: &[
        &CUSTOM_EVENTS,
        &ARCHIVE_PROCESSING_GB,
        &ARCHIVE_STORAGE_GB_MONTH,
    ],
    limits: &[&PUT_EVENTS_CALLS, &MAX_EVENT_SIZE, &LATENCY],
    catalogue: None,
    offer: Some(&Offer {
        code: "AWSEvents",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &EVENTS_PER_MONTH,
        &BATCH_SIZE,
        &ARCHIVE,
        &ARCHIVE_RETENTION,
        &SCHEDULED_RULES,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static EVENTS_PER_MONTH: Key = Key::new(
    "events_per_month",
    Kind::Number,
    Default::None,
    "events a month",
)
.defaulting_to("from the rate")
.replacing_rate("`events_per_month` counts the events of the whole month");
// 0 is read, and refused by `build`.
static BATCH_SIZE: Key = Key::new(
    "batch_size",
    Kind::Count {
        min: 0,
        max: MAX_BATCH,
    },
    Default::Integer(1),
    "events per PutEvents call (1 to 10)",
);
static ARCHIVE: Key = Key::new(
    "archive",
    Kind::Flag,
    Default::Bool(false),
    "archive events so they can be replayed",
);
static ARCHIVE_RETENTION: Key = Key::new(
    "archive_retention",
    Kind::Duration,
    Default::None,
    "how long the archive keeps events",
)
.in_unit("d");
static SCHEDULED_RULES: Key = Key::new(
    "scheduled_rules",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::Integer(0),
    "rules that fire on a schedule to start jobs (not billed as events)",
);

pub const DOC: Doc = Doc {
    bills: "custom events (64 KB chunks), archive; scheduled rules are free",
    reports: "PutEvents calls per second",
    summary: "an event bus routing events by rules; scheduled rules start jobs",
    ordering: "none",
    retention: "none, or the archive's retention",
    replay: "only from an archive",
    latency: "about half a second",
    scaling: "10,000 PutEvents calls/s in us-east-1 (raisable)",
    formulas: &[
        "custom events = events x ceil(size / 64 KB)",
        "archive: GB processed, and GB-months kept",
    ],
};

pub const CUSTOM_EVENTS: Dimension = Dimension::new("eventbridge.custom_events", "million events");
pub const ARCHIVE_PROCESSING_GB: Dimension =
    Dimension::new("eventbridge.archive_processing_gb", "GB");
pub const ARCHIVE_STORAGE_GB_MONTH: Dimension =
    Dimension::new("eventbridge.archive_storage_gb_month", "GB-month");

pub const PUT_EVENTS_CALLS: Limit = Limit::new(
    "eventbridge.put_events_per_second",
    LimitKind::Count,
    "PutEvents calls per second per account",
);
pub const MAX_EVENT_SIZE: Limit =
    Limit::new("eventbridge.max_event_size", LimitKind::Bytes, "event size");
pub const LATENCY: Limit = Limit::new("eventbridge.latency", LimitKind::Duration, "latency");

/// Each 64 KiB of an event is billed as one event.
const BILLING_CHUNK: u64 = 64 * KIB;
/// A PutEvents call carries at most 10 entries.
const MAX_BATCH: u32 = 10;

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// Events counted for the whole month, instead of what flows in.
    pub events_per_month: Option<Decimal>,
    pub batch_size: u32,
    /// How long archived events are kept, when the bus has an archive.
    pub archive_retention: Option<Duration>,
    /// Rules that fire on a schedule (cron or rate); their invocations are free.
    pub scheduled_rules: u32,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `eventbridge` has no value");
    // That it and the component's own `records_per_second` are not both
    // set is checked where the component is read (`replacing_rate`).
    let events_per_month = values.number(&EVENTS_PER_MONTH);
    let batch_size = values.count(&BATCH_SIZE).ok_or_else(default)?;
    if batch_size == 0 {
        return Err(Invalid::new(
            &BATCH_SIZE,
            format!("`batch_size` must be between 1 and {MAX_BATCH} (found 0)"),
        ));
    }
    let archive = values.flag(&ARCHIVE).ok_or_else(default)?;
    let archive_retention = values.duration(&ARCHIVE_RETENTION);
    if archive_retention.is_some() && !archive {
        return Err(Invalid::new(
            &ARCHIVE_RETENTION,
            "`archive_retention` needs `archive = true`",
        )
        .with_help("add `archive = true`, or drop `archive_retention`"));
    }
    if archive && archive_retention.is_none() {
        return Err(Invalid::component("an archive needs `archive_retention`")
            .with_help("set `archive_retention`, e.g. \"30 d\": an archive kept indefinitely grows every month"));
    }
    Ok(Input {
        events_per_month,
        batch_size,
        archive_retention,
        scheduled_rules: values.count(&SCHEDULED_RULES).ok_or_else(default)?,
    })
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, None);
        // A count for the month stays exact: it is not a rate times seconds.
        let (events, per_second, peak, per_month) = match (self.events_per_month, ctx.input.rate) {
            (Some(month), _) => {
                let month = given::key(month, "events", &EVENTS_PER_MONTH);
                let per_second = month.per(ctx.seconds_traced()?)?;
                (
                    Rate::flat(per_second.value()),
                    per_second,
                    per_second,
                    month,
                )
            }
            (None, Some(rate)) => {
                let average = ctx.average()?;
                let per_month = average.times(ctx.seconds_traced()?)?;
                (rate, average, ctx.peak()?, per_month)
            }
            // A schedule starts jobs on its own: it carries no events.
            (None, None) if self.scheduled_rules > 0 => {
                let none = Traced::rule(Decimal::ZERO, "events/s", "a schedule carries no events");
                let month = Traced::rule(Decimal::ZERO, "events", "a schedule carries no events");
                (Rate::flat(N::ZERO), none, none, month)
            }
            (None, None) => return Err(EvalError::MissingRate),
        };
        // Unknown when nothing gives a size: then each event is taken to fit
        // in one 64 KB billing chunk.
        let event_size = ctx.input.record_size;
        let max_event_size = ctx.bytes(&MAX_EVENT_SIZE)?;
        if let Some(size) = event_size
            && size > max_event_size
        {
            result.violate(
                &MAX_EVENT_SIZE,
                size.decimal(),
                max_event_size.decimal(),
                "store the payload in S3 and put a pointer in the event",
            );
        }
        result.capacity_of("events_per_second", per_second, "events/s");

        // PutEvents is throttled per call, and a call carries up to 10 events:
        // the limit holds in every second, so the peak counts.
        let batch = given::key(self.batch_size, "events", &BATCH_SIZE);
        let calls = peak.per(batch)?;
        result.capacity_of("put_events_calls_per_second", calls, "calls/s");
        let calls = calls.value();
        let allowed = ctx.count(&PUT_EVENTS_CALLS)?;
        if calls > N::of(allowed) {
            let fix = if self.batch_size < MAX_BATCH {
                "send up to 10 events per PutEvents call (`batch_size = 10`), or request a quota increase"
            } else {
                "request a PutEvents quota increase, or spread the events over several accounts or Regions"
            };
            result.violate(&PUT_EVENTS_CALLS, calls.decimal(), allowed, fix);
        }

        // Custom events are billed per 64 KB chunk of each event. Events that
        // scheduled rules and AWS services put on the default bus are free
        // and are not modelled.
        let chunks = match event_size {
            Some(_) => {
                let chunk = Traced::rule(
                    Decimal::from(BILLING_CHUNK),
                    "B",
                    "an event is billed by the 64 KB",
                );
                let one = given::at_least_one("", "an event is at least one event billed");
                ctx.size()?.per(chunk)?.ceil().max(one)
            }
            None => Traced::rule(
                Decimal::ONE,
                "",
                "an event of unknown size is taken to fit in 64 KB",
            ),
        };
        result.capacity_of("billed_events_per_event", chunks, "");
        if !per_month.value().is_zero() {
            let million_events = per_month.times(chunks)?.per(given::million())?;
            charge_into(&mut result.line_items, ctx, &CUSTOM_EVENTS, million_events)?;
        }
        if self.scheduled_rules > 0 {
            result.capacity_of(
                "scheduled_rules",
                given::key(self.scheduled_rules, "rules", &SCHEDULED_RULES),
                "rules",
            );
            result.note(
                "scheduled_rules_free",
                "rules that fire on a schedule are not billed as events",
            );
        }

        let retention = match self.archive_retention {
            Some(retention) => {
                let size = ctx.size()?;
                let gb = per_month.times(size)?.per(given::gib())?;
                charge_into(&mut result.line_items, ctx, &ARCHIVE_PROCESSING_GB, gb)?;
                // Steady state: the archive holds the events of the retention period.
                let bytes_per_second = per_second.times(size)?;
                let retention_secs = given::seconds(retention, &ARCHIVE_RETENTION);
                let stored = bytes_per_second.times(retention_secs)?.per(given::gib())?;
                charge_into(
                    &mut result.line_items,
                    ctx,
                    &ARCHIVE_STORAGE_GB_MONTH,
                    stored,
                )?;
                Retention::For(retention)
            }
            None => Retention::None,
        };
        // A bus keeps no order; archived events can be replayed onto the bus.
        result.properties = Properties {
            ordering: Some(Ordering::None),
            retention,
            replay: retention != Retention::None,
            max_message_size: Some(max_event_size),
            max_run_duration: None,
        };
        result.latency = ctx.duration(&LATENCY)?;
        result.output = Some(Flow::new(events, event_size));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::{Bytes, PIB};
    use crate::model::keys::Value;
    use crate::services::kit::testing::{Fed, ctx, floats_agree, item, prices};
    use rust_decimal_macros::dec;

    /// The bus that the declared keys make, with `set` over their defaults.
    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    /// Events a second, or a month.
    enum Events {
        PerSecond(Decimal),
        PerMonth(Decimal),
    }

    fn bus(events: Events, event_size: Option<Bytes>) -> Fed<Input> {
        let (flow, events_per_month) = match events {
            Events::PerSecond(rate) => (Flow::new(Rate::flat(rate), event_size), None),
            Events::PerMonth(month) => (
                Flow {
                    record_size: event_size,
                    ..Flow::NOTHING
                },
                Some(month),
            ),
        };
        let input = Input {
            events_per_month,
            batch_size: 1,
            archive_retention: None,
            scheduled_rules: 0,
        };
        Fed::new(input, flow, Input::evaluate_into)
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let cases = [
            (Events::PerSecond(dec!(100)), Some(Bytes::kib(1)), 1, None),
            (
                Events::PerSecond(dec!(1234.567)),
                Some(Bytes(70_000)),
                7,
                Some(Duration::from_hours(720)),
            ),
            (
                Events::PerMonth(dec!(5000001)),
                Some(Bytes(3000)),
                1,
                Some(Duration::from_hours(36)),
            ),
            (Events::PerMonth(dec!(5000000)), None, 1, None),
            // Past the PutEvents calls a second, and an event over the
            // size limit: violations.
            (
                Events::PerSecond(dec!(20000.5)),
                Some(Bytes::kib(1)),
                1,
                None,
            ),
            (Events::PerSecond(dec!(2)), Some(Bytes::kib(300)), 10, None),
        ];
        for (events, size, batch_size, retention) in cases {
            let mut fed = bus(events, size);
            fed.batch_size = batch_size;
            fed.archive_retention = retention;
            floats_agree(&fed.input, fed.flow, &ctx(dec!(730)));
        }
        // A schedule alone carries no events.
        let mut schedule = bus(Events::PerSecond(Decimal::ZERO), None);
        schedule.flow = Flow::NOTHING;
        schedule.scheduled_rules = 3;
        floats_agree(&schedule.input, schedule.flow, &ctx(dec!(744)));
    }

    #[test]
    fn custom_events_at_730_hours() {
        // 100 events/s × 2,628,000 s = 262.8 million × $1.00 = $262.80.
        let result = bus(Events::PerSecond(dec!(100)), Some(Bytes::kib(1)))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let events = item(&result, "custom_events");
        assert_eq!(events.quantity, dec!(262.8));
        assert_eq!(events.monthly_cost, dec!(262.80));
        assert!(result.violations.is_empty());
        assert_eq!(result.properties.retention, Retention::None);
        assert!(!result.properties.replay);
        assert_eq!(result.latency, Duration::from_ms(dec!(500)));
    }

    #[test]
    fn events_per_month_and_64_kb_chunks() {
        // 5,000,000 events a month = 5 million × $1.00 = $5.00, whatever the month's length.
        let result = bus(Events::PerMonth(dec!(5000000)), None)
            .evaluate(&ctx(dec!(720)))
            .unwrap();
        assert_eq!(item(&result, "custom_events").monthly_cost, dec!(5.00));
        // A 100 KB event is 2 chunks: 1 event/s × 2 × 2,628,000 s = 5.256 million.
        let result = bus(Events::PerSecond(dec!(1)), Some(Bytes::kib(100)))
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        assert_eq!(item(&result, "custom_events").quantity, dec!(5.256));
    }

    #[test]
    fn archive_is_billed_and_can_be_replayed() {
        // 100 events/s of 1 KB archived for 30 days, 730 h:
        // processed 100 × 1,024 × 2,628,000 = 269,107,200,000 B / 2^30 GB × $0.10;
        // stored 102,400 B/s × 2,592,000 s = 265,420,800,000 B / 2^30 GB-month × $0.023.
        let mut input = bus(Events::PerSecond(dec!(100)), Some(Bytes::kib(1)));
        input.archive_retention = Some(Duration::from_hours(720));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let processed = item(&result, "archive_processing_gb");
        assert_eq!(processed.quantity, dec!(269107200000) / dec!(1073741824));
        assert_eq!(processed.monthly_cost.round_dp(4), dec!(25.0626));
        let stored = item(&result, "archive_storage_gb_month");
        assert_eq!(stored.quantity, dec!(265420800000) / dec!(1073741824));
        assert_eq!(stored.monthly_cost.round_dp(4), dec!(5.6854));
        assert_eq!(
            result.properties.retention,
            Retention::For(Duration::from_hours(720))
        );
        assert!(result.properties.replay);
    }

    #[test]
    fn put_events_throttle() {
        // 20,000 events/s one per call is 20,000 calls/s, over 10,000.
        let mut input = bus(Events::PerSecond(dec!(20000)), Some(Bytes::kib(1)));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.violations.len(), 1);
        // Ten per call: 2,000 calls/s.
        input.batch_size = 10;
        assert!(
            input
                .evaluate(&ctx(dec!(730)))
                .unwrap()
                .violations
                .is_empty()
        );
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error_not_a_panic() {
        // 10^12 events/s of 1 PB (over the size limit, priced as set) over
        // 744 h, each 2^34 chunks of 64 KB: 10^12 × 2,678,400 s × 2^34
        // = 4.6 × 10^22 million events, large but exact.
        let mut input = bus(Events::PerSecond(dec!(1_000_000_000_000)), Some(Bytes(PIB)));
        let result = input.evaluate(&ctx(dec!(744))).unwrap();
        assert_eq!(
            item(&result, "custom_events").quantity,
            dec!(46_014_561_622_425_600_000_000)
        );
        // At $10^26 per million events the bill does not fit in 28 digits.
        let mut book = prices().clone();
        book.override_price(CUSTOM_EVENTS.key, dec!(1e26));
        let priced = Ctx {
            prices: &book,
            ..ctx(dec!(744))
        };
        assert_eq!(
            input.evaluate(&priced).err(),
            Some(EvalError::Overflow(&CUSTOM_EVENTS))
        );
        // Archived, the month's 3 × 10^33 bytes do not fit either.
        input.archive_retention = Some(Duration::from_hours(168));
        assert_eq!(
            input.evaluate(&ctx(dec!(744))).err(),
            Some(EvalError::Arithmetic)
        );
    }

    #[test]
    fn the_defaults_make_a_bus_without_an_archive() {
        assert_eq!(
            built(&[]),
            Ok(Input {
                events_per_month: None,
                batch_size: 1,
                archive_retention: None,
                scheduled_rules: 0,
            })
        );
        let archived = built(&[
            (&ARCHIVE, Value::Flag(true)),
            (
                &ARCHIVE_RETENTION,
                Value::Duration(Duration::from_hours(720)),
            ),
            (&EVENTS_PER_MONTH, Value::Number(dec!(5000000))),
        ])
        .unwrap();
        assert_eq!(archived.archive_retention, Some(Duration::from_hours(720)));
        assert_eq!(archived.events_per_month, Some(dec!(5000000)));
    }

    #[test]
    fn keys_that_exclude_or_need_each_other() {
        // With the component's own rate it is refused where it is read (see
        // tests/bad); a rate from the workload or the flow is no clash: the
        // month's count wins.
        let month = (&EVENTS_PER_MONTH, Value::Number(dec!(5000000)));
        assert!(built(&[month]).is_ok());
        assert!(EVENTS_PER_MONTH.replaces_rate.is_some());

        let error = built(&[(&BATCH_SIZE, Value::Count(0))]).unwrap_err();
        assert_eq!(
            error.message,
            "`batch_size` must be between 1 and 10 (found 0)"
        );
        let kept = (
            &ARCHIVE_RETENTION,
            Value::Duration(Duration::from_hours(720)),
        );
        let error = built(&[kept]).unwrap_err();
        assert_eq!(error.message, "`archive_retention` needs `archive = true`");
        let error = built(&[(&ARCHIVE, Value::Flag(true))]).unwrap_err();
        assert_eq!(error.key, None);
        assert_eq!(error.message, "an archive needs `archive_retention`");
    }
}
