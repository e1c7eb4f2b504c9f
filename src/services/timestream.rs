//! Amazon Timestream for LiveAnalytics: writes counted in 1 KB units a
//! request, the memory store per GB-hour, the magnetic store per GB-month,
//! and queries per TCU-hour.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, KIB};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{self, Flow};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{ComponentResult, Properties, Retention, Violation};
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef, given};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "timestream",
    title: "Timestream",
    aliases: &["timestream_for_liveanalytics"],
    dimensions: &[
        &WRITE_UNITS,
        &MEMORY_STORE_GB_HOUR,
        &MAGNETIC_STORE_GB_MONTH,
        &TCU_HOUR,
    ],
    limits: &[
        &MIN_MEMORY_RETENTION,
        &MAX_MEMORY_RETENTION,
        &MIN_MAGNETIC_RETENTION,
        &MAX_MAGNETIC_RETENTION,
        &MAX_RECORDS_PER_WRITE,
        &MAX_RECORD_SIZE,
        &MIN_MAX_QUERY_TCU,
        &MAX_MAX_QUERY_TCU,
        &MAX_QUERY_TCU_STEP,
        &DEFAULT_MAX_QUERY_TCU,
        &MIN_BILLED_QUERY_DURATION,
        &LATENCY,
    ],
    catalogue: None,
    offer: Some(&Offer {
        code: "AmazonTimestream",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &EVENTS_PER_WRITE,
        &BATCH_WINDOW,
        &COMMON_ATTRIBUTES,
        &MEMORY_RETENTION,
        &MAGNETIC_RETENTION,
        &QUERY_TCUS,
        &QUERY_HOURS_PER_DAY,
        &MAX_QUERY_TCU,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: Some(&flow::RECORDS),
    transforms: false,
};

static EVENTS_PER_WRITE: Key = Key::new(
    "events_per_write",
    Kind::Count {
        min: 1,
        max: 100_000,
    },
    Default::Integer(1),
    "records (time-series events) batched in one WriteRecords request",
);
static BATCH_WINDOW: Key = Key::new(
    "batch_window",
    Kind::Duration,
    Default::None,
    "time over which writers gather records into requests: each window's records make whole requests, the last one partly filled",
)
.defaulting_to("full requests only")
.in_unit("s");
static COMMON_ATTRIBUTES: Key = Key::new(
    "common_attributes",
    Kind::Size,
    Default::None,
    "the bytes of each record that every record of a request shares (dimensions, the measure name), sent once a request as its common attributes",
)
.defaulting_to("none: each record is sent whole");
static MEMORY_RETENTION: Key = Key::new(
    "memory_retention",
    Kind::Duration,
    Default::None,
    "how long the memory store keeps a record (1 h to 8,766 h)",
)
.defaulting_to("required")
.in_unit("h");
static MAGNETIC_RETENTION: Key = Key::new(
    "magnetic_retention",
    Kind::Duration,
    Default::None,
    "how long the magnetic store keeps a record after the memory store (1 d to 73,000 d)",
)
.defaulting_to("required")
.in_unit("d");
static QUERY_TCUS: Key = Key::new(
    "query_tcus",
    Kind::Number,
    Default::None,
    "Timestream compute units queries use while they run, with `query_hours_per_day`",
)
.defaulting_to("no queries");
static QUERY_HOURS_PER_DAY: Key = Key::new(
    "query_hours_per_day",
    Kind::Duration,
    Default::None,
    "time a day queries run, as one period (billed per second, at least 30 s)",
)
.defaulting_to("no queries")
.in_unit("h");
static MAX_QUERY_TCU: Key = Key::new(
    "max_query_tcu",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::None,
    "the account's MaxQueryTCU: 4 to 1,000 in multiples of 4",
)
.defaulting_to("the account default, 200");

pub const LATENCY: Limit = Limit::new("timestream.latency", LimitKind::Duration, "query latency");
pub const DOC: Doc = Doc {
    bills: "Timestream for LiveAnalytics (closed to new customers since 2025-06-20: every component says so): write units, each request's payload (`events_per_write` records of the flow's size, the `common_attributes` they share counted once) rounded up to 1 KB, full requests only or, with a `batch_window`, each window's records in whole requests; the memory store's GB-hours and the magnetic store's GB-months of what arrives over `memory_retention` and `magnetic_retention` (tables once full); queries' TCU-hours, `query_tcus` × `query_hours_per_day` (at least 30 s). Retentions out of range, more than 100 records a request, records over 2 KB, or a `max_query_tcu` outside 4 to 1,000 in steps of 4, fail",
    reports: "write requests and units a second, GB in each store, TCU-hours",
    summary: "a serverless time-series database (LiveAnalytics, closed to new customers since 2025-06-20)",
    ordering: "none",
    retention: "memory store, then magnetic store, as set",
    replay: "no",
    latency: "a query in about a second (calc takes the table's `latency`, 1 s)",
    scaling: "automatic; queries up to MaxQueryTCU",
    formulas: &[
        "write units a request = ceil(events_per_write x record size / 1 KB), at least 1: batching shares the units",
        "with `common_attributes`: payload = common_attributes + events_per_write x (record size - common_attributes), the shared part sent once a request",
        "requests = records / events_per_write; with a batch_window, ceil(records in a window / events_per_write) a window",
        "memory store GB-hours = record rate x record size x memory_retention x hours in the month",
        "magnetic store GB-months = record rate x record size x magnetic_retention",
        "both stores as they hold once full (steady state): a table younger than its retention holds less and costs less",
        "TCU-hours = query_tcus x max(30 s, query time a day) x days",
    ],
};

pub const WRITE_UNITS: Dimension = Dimension::new("timestream.write_units", "million units");
pub const MEMORY_STORE_GB_HOUR: Dimension =
    Dimension::new("timestream.memory_store_gb_hour", "GB-hour");
pub const MAGNETIC_STORE_GB_MONTH: Dimension =
    Dimension::new("timestream.magnetic_store_gb_month", "GB-month");
pub const TCU_HOUR: Dimension = Dimension::new("timestream.tcu_hour", "TCU-hour");

pub const MIN_MEMORY_RETENTION: Limit = Limit::new(
    "timestream.min_memory_retention",
    LimitKind::Duration,
    "memory store retention",
);
pub const MAX_MEMORY_RETENTION: Limit = Limit::new(
    "timestream.max_memory_retention",
    LimitKind::Duration,
    "memory store retention",
);
// In days, as AWS sets them: 73,000 days is longer than a duration holds.
pub const MIN_MAGNETIC_RETENTION: Limit = Limit::new(
    "timestream.min_magnetic_retention_days",
    LimitKind::Count,
    "days of magnetic store retention",
);
pub const MAX_MAGNETIC_RETENTION: Limit = Limit::new(
    "timestream.max_magnetic_retention_days",
    LimitKind::Count,
    "days of magnetic store retention",
);
pub const MAX_RECORDS_PER_WRITE: Limit = Limit::new(
    "timestream.max_records_per_write",
    LimitKind::Count,
    "records per WriteRecords request",
);
pub const MAX_RECORD_SIZE: Limit = Limit::new(
    "timestream.max_record_size",
    LimitKind::Bytes,
    "record size",
);
pub const MIN_MAX_QUERY_TCU: Limit = Limit::new(
    "timestream.min_max_query_tcu",
    LimitKind::Count,
    "MaxQueryTCU",
);
pub const MAX_MAX_QUERY_TCU: Limit = Limit::new(
    "timestream.max_max_query_tcu",
    LimitKind::Count,
    "MaxQueryTCU",
);
pub const MAX_QUERY_TCU_STEP: Limit = Limit::new(
    "timestream.max_query_tcu_step",
    LimitKind::Count,
    "MaxQueryTCU step",
);
pub const DEFAULT_MAX_QUERY_TCU: Limit = Limit::new(
    "timestream.default_max_query_tcu",
    LimitKind::Count,
    "MaxQueryTCU of a new account",
);
pub const MIN_BILLED_QUERY_DURATION: Limit = Limit::new(
    "timestream.min_billed_query_duration",
    LimitKind::Duration,
    "billed time of a query period",
);

/// Queries: the TCUs they use while they run, and how long they run a day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queries {
    pub tcus: Decimal,
    pub per_day: Duration,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub events_per_write: u32,
    /// The time writers gather records over; `None` counts full requests only.
    pub batch_window: Option<Duration>,
    /// The bytes of each record shared by every record of a request, sent
    /// once a request.
    pub common_attributes: Option<Bytes>,
    pub memory_retention: Duration,
    pub magnetic_retention: Duration,
    pub queries: Option<Queries>,
    /// The account's MaxQueryTCU; `None` is the table's default.
    pub max_query_tcu: Option<u32>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `timestream` has no value");
    let Some(memory_retention) = values.duration(&MEMORY_RETENTION) else {
        return Err(
            Invalid::new(&MEMORY_RETENTION, "`timestream` needs `memory_retention`").with_help(
                "how long recent records stay in memory, e.g. `memory_retention = \"24 h\"`",
            ),
        );
    };
    let Some(magnetic_retention) = values.duration(&MAGNETIC_RETENTION) else {
        return Err(Invalid::new(
            &MAGNETIC_RETENTION,
            "`timestream` needs `magnetic_retention`",
        )
        .with_help(
            "how long records stay in the magnetic store, e.g. `magnetic_retention = \"365 d\"`",
        ));
    };
    let batch_window = values.duration(&BATCH_WINDOW);
    if batch_window.is_some_and(|window| window <= Duration::ZERO) {
        return Err(
            Invalid::new(&BATCH_WINDOW, "`batch_window` must be more than 0 s")
                .with_help("leave it out to count full requests only"),
        );
    }
    let queries = match (
        values.number(&QUERY_TCUS),
        values.duration(&QUERY_HOURS_PER_DAY),
    ) {
        (None, None) => None,
        (Some(tcus), Some(per_day)) => {
            if per_day > Duration::from_hours(24) {
                return Err(Invalid::new(
                    &QUERY_HOURS_PER_DAY,
                    "`query_hours_per_day` is more than a day",
                )
                .with_help("give the time queries run in one day"));
            }
            Some(Queries { tcus, per_day })
        }
        (Some(_), None) => {
            return Err(
                Invalid::new(&QUERY_TCUS, "`query_tcus` needs `query_hours_per_day`").with_help(
                    "set how long queries run a day, e.g. `query_hours_per_day = \"2 h\"`",
                ),
            );
        }
        (None, Some(_)) => {
            return Err(Invalid::new(
                &QUERY_HOURS_PER_DAY,
                "`query_hours_per_day` needs `query_tcus`",
            )
            .with_help("set the compute units queries use while they run, e.g. `query_tcus = 8`"));
        }
    };
    Ok(Input {
        events_per_write: values.count(&EVENTS_PER_WRITE).ok_or_else(default)?,
        batch_window,
        common_attributes: values.bytes(&COMMON_ATTRIBUTES),
        memory_retention,
        magnetic_retention,
        queries,
        max_query_tcu: values.count(&MAX_QUERY_TCU),
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
        result.latency = ctx.duration(&LATENCY)?;
        result.warn(
            "closed_to_new_customers",
            "Timestream for LiveAnalytics is closed to new customers since 2025-06-20: only accounts already using it can create tables; AWS points new designs to Timestream for InfluxDB",
        );
        let rate = ctx.average()?;
        let size = ctx.record_size()?;
        let max_size = ctx.bytes(&MAX_RECORD_SIZE)?;
        if size > max_size {
            result.violate(
                &MAX_RECORD_SIZE,
                size.decimal(),
                max_size.decimal(),
                "split the measures over several records, or keep large values in S3",
            );
        }
        let per_write = Decimal::from(self.events_per_write);
        let most_per_write = ctx.count(&MAX_RECORDS_PER_WRITE)?;
        if per_write > most_per_write {
            result.violate(
                &MAX_RECORDS_PER_WRITE,
                per_write,
                most_per_write,
                "send smaller batches: lower `events_per_write`",
            );
        }
        ctx.within(
            self.memory_retention.ms(),
            (
                &MIN_MEMORY_RETENTION,
                "raise `memory_retention`: the memory store keeps records at least an hour",
            ),
            (
                &MAX_MEMORY_RETENTION,
                "keep older records in the magnetic store: lower `memory_retention`",
            ),
            result,
        )?;
        ctx.within(
            self.magnetic_retention.hours().per(Decimal::from(24))?,
            (
                &MIN_MAGNETIC_RETENTION,
                "raise `magnetic_retention` to at least a day",
            ),
            (
                &MAX_MAGNETIC_RETENTION,
                "export older records to S3 (UNLOAD) and keep them there",
            ),
            result,
        )?;

        // Common attributes are part of each record: less than it, or
        // the design is refused and its records are sent whole.
        let record = ctx.record_size()?;
        if let Some(common) = self.common_attributes
            && common >= record
        {
            result.violations.push(Violation::Unsupported {
                rule: "`common_attributes` is not less than the records' size, which includes them",
                fix: "set `common_attributes` to the part of each record that every record of a request shares (dimensions, the measure name), less than the record",
            });
        }
        let size = Records {
            size: ctx.size()?,
            common: self
                .common_attributes
                .filter(|common| *common < record)
                .map(|common| given::size(common, &COMMON_ATTRIBUTES)),
        };
        let writes = Writes::of(
            rate,
            size,
            given::key(self.events_per_write, "records", &EVENTS_PER_WRITE),
            self.batch_window
                .map(|window| given::seconds(window, &BATCH_WINDOW)),
        )?;
        result.capacity_of(
            "write_requests_per_second",
            writes.requests.per(writes.seconds)?,
            "requests/s",
        );
        result.capacity_of(
            "write_units_per_second",
            writes.units.per(writes.seconds)?,
            "units/s",
        );
        let units = writes
            .units_in(ctx.seconds_traced()?)?
            .per(given::million())?;
        charge_into(&mut result.line_items, ctx, &WRITE_UNITS, units)?;

        // Steady state: each store holds what arrives over its retention.
        let bytes_per_second = rate.times(size.size)?;
        let gb_held = |retention: Traced<N>| -> Result<Traced<N>, EvalError> {
            Ok(bytes_per_second.times(retention)?.per(given::gib())?)
        };
        let memory_gb = gb_held(given::seconds(self.memory_retention, &MEMORY_RETENTION))?;
        let magnetic_gb = gb_held(given::seconds(self.magnetic_retention, &MAGNETIC_RETENTION))?;
        result.capacity_of("memory_store_gb", memory_gb, "GB");
        result.capacity_of("magnetic_store_gb", magnetic_gb, "GB");
        charge_into(
            &mut result.line_items,
            ctx,
            &MEMORY_STORE_GB_HOUR,
            memory_gb.times(ctx.hours_traced())?,
        )?;
        charge_into(
            &mut result.line_items,
            ctx,
            &MAGNETIC_STORE_GB_MONTH,
            magnetic_gb,
        )?;

        self.queries(ctx, result)?;

        result.properties = Properties {
            retention: Retention::For(Duration::from_ms(
                self.memory_retention
                    .ms()
                    .plus(self.magnetic_retention.ms())?,
            )),
            max_message_size: Some(max_size),
            ..Properties::default()
        };
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

/// The records of a request: their size, and the bytes of each that
/// every record of the request shares, sent once as its common attributes.
#[derive(Clone, Copy, Debug)]
struct Records<N = Decimal> {
    size: Traced<N>,
    common: Option<Traced<N>>,
}

/// Write units of one request of `records` records: its whole payload in
/// 1 KB units, rounded up, at least one (Timestream developer guide,
/// "Metering: writes": "each write is counted in units of 1 KiB"). With
/// common attributes the payload is them once and each record's own bytes
/// (its size less them): AWS's example sends 52 B of common attributes and
/// 36 records of 27 B in 1,024 B, one unit. A payload past 2^64 bytes is too
/// large to compute.
fn units_of_request<N: Number>(records: Traced<N>, of: Records<N>) -> Result<Traced<N>, EvalError> {
    let payload = match of.common {
        None => of.size.times(records)?,
        Some(common) => common.plus(of.size.minus(common)?.times(records)?)?,
    };
    if payload.value() > N::of(Decimal::from(u64::MAX)) {
        return Err(EvalError::Arithmetic);
    }
    let kb = Traced::rule(Decimal::from(KIB), "B", "writes are metered in 1 KB units");
    Ok(payload.per(kb)?.ceil().max(given::at_least_one(
        "",
        "a request is at least one write unit",
    )))
}

/// Write requests and write units over `seconds` seconds: the units a
/// month are `units` x the month's seconds / `seconds`, divided last so that
/// whole figures stay exact.
#[derive(Clone, Copy, Debug)]
struct Writes<N = Decimal> {
    requests: Traced<N>,
    units: Traced<N>,
    seconds: Traced<N>,
}

impl<N: Number> Writes<N> {
    /// `rate` records a second, `per_write` to a request, gathered over
    /// `window` seconds if given.
    fn of(
        rate: Traced<N>,
        size: Records<N>,
        per_write: Traced<N>,
        window: Option<Traced<N>>,
    ) -> Result<Self, EvalError> {
        let full_units = units_of_request(per_write, size)?;
        match window {
            // Full requests only: `rate` requests every `per_write` seconds.
            None => Ok(Self {
                requests: rate,
                units: rate.times(full_units)?,
                seconds: per_write,
            }),
            // AWS's example: 100 records every 5 s in batches of 12 make
            // ceil(100 / 12) = 9 requests, 8 full and one of 4 records.
            Some(window) => {
                let records = rate.times(window)?.ceil();
                let full = records.per(per_write)?.floor();
                let rest = records.minus(full.times(per_write)?)?;
                let mut requests = full;
                let mut units = full.times(full_units)?;
                if rest.value() > N::ZERO {
                    // A last request past 2^64 records is too large to compute.
                    if rest.value() > N::of(Decimal::from(u64::MAX)) {
                        return Err(EvalError::Arithmetic);
                    }
                    let last = Traced::rule(Decimal::ONE, "", "the last request, partly filled");
                    requests = requests.plus(last)?;
                    units = units.plus(units_of_request(rest, size)?)?;
                }
                Ok(Self {
                    requests,
                    units,
                    seconds: window,
                })
            }
        }
    }

    /// Write units over `seconds`.
    fn units_in(self, seconds: Traced<N>) -> Result<Traced<N>, EvalError> {
        Ok(self.units.times(seconds)?.per(self.seconds)?)
    }
}

impl Input {
    /// The account's MaxQueryTCU checked, and the queries' TCU-hours.
    fn queries<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let max_tcu = match self.max_query_tcu {
            Some(set) => Decimal::from(set),
            None => ctx.count(&DEFAULT_MAX_QUERY_TCU)?,
        };
        ctx.within(
            max_tcu,
            (
                &MIN_MAX_QUERY_TCU,
                "raise `max_query_tcu`: queries need at least the minimum",
            ),
            (
                &MAX_MAX_QUERY_TCU,
                "lower `max_query_tcu`, or spread the queries over time",
            ),
            result,
        )?;
        let step = ctx.count(&MAX_QUERY_TCU_STEP)?;
        if !step.is_zero() && !(max_tcu % step).is_zero() {
            result.violations.push(Violation::Unsupported {
                rule: "MaxQueryTCU is set in whole steps (`timestream.max_query_tcu_step` in the pricing table)",
                fix: "round `max_query_tcu` to a multiple of the step",
            });
        }
        let Some(queries) = self.queries else {
            return Ok(());
        };
        if queries.tcus > max_tcu {
            result.violations.push(Violation::Unsupported {
                rule: "queries use more TCUs than `max_query_tcu` lets them",
                fix: "raise `max_query_tcu`, or expect the queries to run longer on fewer TCUs",
            });
        }
        // Billed per second, at least 30 s (Timestream developer guide,
        // "Timestream Compute Unit"); calc takes the query time a day as
        // one period.
        let ms = given::ms_a_second();
        let minimum = ctx
            .limit_traced(&MIN_BILLED_QUERY_DURATION, "ms")?
            .per(ms)?;
        let a_day = Traced::rule(Decimal::from(24), "h/d", "hours a day");
        let days = ctx.hours_traced().per(a_day)?;
        let running = given::seconds(queries.per_day, &QUERY_HOURS_PER_DAY).ceil();
        // The minimum first: of equal figures, it is the one billed.
        let billed = minimum.max(running);
        let per_hour = given::seconds_an_hour();
        let tcu_hours = given::key(queries.tcus, "TCUs", &QUERY_TCUS)
            .times(billed)?
            .times(days)?
            .per(per_hour)?;
        result.capacity_of("tcu_hours", tcu_hours, "TCU-hours");
        charge_into(&mut result.line_items, ctx, &TCU_HOUR, tcu_hours)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::Bytes;
    use crate::services::kit::testing::{Fed, ctx, figure, floats_agree, item, steady};
    use rust_decimal_macros::dec;

    /// Records of `size` bytes sent whole.
    fn whole(size: Decimal) -> Records {
        Records {
            size: figure(size),
            common: None,
        }
    }

    /// AWS's metering example: 100 EC2 instances each writing an 83-byte
    /// event every 5 s, 20 records a second.
    fn aws_example(events_per_write: u32, batch_window: Option<Duration>) -> Fed<Input> {
        let input = Input {
            events_per_write,
            batch_window,
            common_attributes: None,
            memory_retention: Duration::from_hours(1),
            magnetic_retention: Duration::from_hours(24),
            queries: None,
            max_query_tcu: None,
        };
        Fed::new(input, steady(dec!(20), Bytes(83)), Input::evaluate_into)
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let queries = |tcus, per_day| Some(Queries { tcus, per_day });
        let mut cases = vec![
            aws_example(1, None),
            aws_example(12, None),
            aws_example(12, Some(Duration::from_secs(5))),
        ];
        // A non-round rate in windows whose last request is partly
        // filled, with common attributes, and queries 3 h a day.
        let mut odd = aws_example(7, Some(Duration::from_secs(3)));
        odd.flow = steady(dec!(1234.567), Bytes(300));
        odd.input.common_attributes = Some(Bytes(52));
        odd.input.memory_retention = Duration::from_secs(12_345);
        odd.input.magnetic_retention = Duration::from_hours(365 * 24);
        odd.input.queries = queries(dec!(20), Duration::from_hours(3));
        cases.push(odd);
        // Full requests only, of several KB each; queries billed at the
        // 30-second minimum.
        let mut large = aws_example(100, None);
        large.flow = steady(dec!(333.3), Bytes(1999));
        large.input.queries = queries(dec!(4), Duration::from_secs(10));
        cases.push(large);
        // Past the limits: records a request, record size, retentions,
        // MaxQueryTCU, and queries over it.
        let mut over = aws_example(101, Some(Duration::from_secs(1)));
        over.flow = steady(dec!(0.7), Bytes::kib(3));
        over.input.memory_retention = Duration::from_hours(9000);
        over.input.magnetic_retention = Duration::from_hours(80_000 * 24);
        over.input.max_query_tcu = Some(6);
        over.input.queries = queries(dec!(12.5), Duration::from_hours(1));
        cases.push(over);
        // Common attributes as large as the record: refused, sent whole.
        let mut refused = aws_example(12, Some(Duration::from_secs(5)));
        refused.input.common_attributes = Some(Bytes(83));
        cases.push(refused);
        for fed in cases {
            for hours in [dec!(720), dec!(730.5)] {
                floats_agree(&fed.input, fed.flow, &ctx(hours));
            }
        }
    }

    #[test]
    fn one_event_a_write_is_aws_51_840_000_writes() {
        // AWS: 100 writes every 5 s × 12 a minute × 60 × 24 × 30 days
        // = 51,840,000 writes; × $0.50 a million = $25.92.
        let result = aws_example(1, None).evaluate(&ctx(dec!(720))).unwrap();
        let line = item(&result, "write_units");
        assert_eq!(line.quantity, dec!(51.84));
        assert_eq!(line.monthly_cost, dec!(25.92));
    }

    #[test]
    fn common_attributes_sent_once_a_request_are_aws_1_555_200_writes() {
        // AWS's example with common attributes: the region, az, vpc and
        // measure name, 52 B, sent once a write, and each event's own 27 B:
        // 52 + 36 × 27 = 1,024 B, so a write holds 36 events. 100 events
        // every 5 s make ceil(100 / 36) = 3 writes (2 full, one of 28
        // events: 52 + 28 × 27 = 808 B, one unit), 3 units every 5 s;
        // × 518,400 five-second spells in 720 h = 1,555,200 writes, as
        // AWS says; × $0.50 a million = $0.7776. (AWS gives the event
        // alone as 83 B, which is not 52 + 27: the records here are 79 B.)
        let common = |bytes: u64, per_write: u32| {
            let mut fed = aws_example(per_write, Some(Duration::from_secs(5)));
            fed.input.common_attributes = Some(Bytes(bytes));
            fed.flow = steady(dec!(20), Bytes(79));
            fed
        };
        let shared = Records {
            size: figure(dec!(79)),
            common: Some(figure(dec!(52))),
        };
        let unit = |records| units_of_request(figure(records), shared).unwrap().value();
        assert_eq!(unit(dec!(36)), dec!(1));
        assert_eq!(unit(dec!(37)), dec!(2));
        let result = common(52, 36).evaluate(&ctx(dec!(720))).unwrap();
        let line = item(&result, "write_units");
        assert_eq!(line.quantity, dec!(1.5552));
        assert_eq!(line.monthly_cost, dec!(0.7776));
        assert!(result.violations.is_empty());
        // The same 79 B records sent whole fit 12 to a write (948 B), as
        // AWS's batch without common attributes: 9 writes every 5 s.
        let mut whole = common(52, 12);
        whole.input.common_attributes = None;
        let result = whole.evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(item(&result, "write_units").quantity, dec!(4.6656));

        // Common attributes as large as the record are refused, and the
        // records are priced whole meanwhile.
        let result = common(79, 12).evaluate(&ctx(dec!(720))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Unsupported { .. }]
        ));
        assert_eq!(item(&result, "write_units").quantity, dec!(4.6656));
    }

    #[test]
    fn twelve_events_a_write_in_5_second_windows_is_aws_6_480_an_hour() {
        // AWS: 100 events every 5 s in writes of 12 (under 1 KB, one unit)
        // make 9 writes (ceil(100 / 12): 8 full and one of 4), 108 a
        // minute, 6,480 an hour; × 720 h = 4,665,600 writes; × $0.50 a
        // million = $2.3328.
        let units = units_of_request(figure(dec!(12)), whole(dec!(83))).unwrap();
        assert_eq!(units.value(), dec!(1));
        let writes = Writes::of(
            figure(dec!(20)),
            whole(dec!(83)),
            figure(dec!(12)),
            Some(figure(dec!(5))),
        )
        .unwrap();
        assert_eq!(
            (writes.requests.value(), writes.units.value()),
            (dec!(9), dec!(9))
        );
        assert_eq!(
            writes.units_in(figure(dec!(3600))).unwrap().value(),
            dec!(6480)
        );
        let result = aws_example(12, Some(Duration::from_secs(5)))
            .evaluate(&ctx(dec!(720)))
            .unwrap();
        let line = item(&result, "write_units");
        assert_eq!(line.quantity, dec!(4.6656));
        assert_eq!(line.monthly_cost, dec!(2.3328));
        // Without a window only full requests are counted: 20 / 12 a
        // second × 2,592,000 s = 4,320,000 writes.
        let result = aws_example(12, None).evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(item(&result, "write_units").quantity, dec!(4.32));
    }

    #[test]
    fn a_request_is_counted_in_whole_kilobytes_of_its_payload() {
        // 13 events of 83 B = 1,079 B: two units; 100 of 300 B = 30,000 B:
        // 30 units (29.3 rounded up).
        let units = |records, size| {
            units_of_request(figure(records), whole(size))
                .unwrap()
                .value()
        };
        assert_eq!(units(dec!(13), dec!(83)), dec!(2));
        assert_eq!(units(dec!(100), dec!(300)), dec!(30));
        // 10 records/s of 300 B in full batches of 100: 0.1 requests a
        // second of 30 units each, 3 units a second.
        let writes =
            Writes::of(figure(dec!(10)), whole(dec!(300)), figure(dec!(100)), None).unwrap();
        assert_eq!(
            writes.units_in(figure(Decimal::ONE)).unwrap().value(),
            dec!(3)
        );
        assert_eq!(
            writes.requests.per(writes.seconds).unwrap().value(),
            dec!(0.1)
        );
    }

    #[test]
    fn the_stores_hold_what_arrives_over_their_retention() {
        // 1,024 records/s of 1 KB = 1 MB/s. A day in memory holds 86,400 MB
        // = 84.375 GB; × 730 h = 61,593.75 GB-hours × $0.036 = $2,217.375.
        // A year (365 d) on magnetic holds 30,796.875 GB × $0.03 = $923.90625.
        let mut input = aws_example(1, None);
        input.flow = steady(dec!(1024), Bytes::kib(1));
        input.memory_retention = Duration::from_hours(24);
        input.magnetic_retention = Duration::from_hours(365 * 24);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let memory = item(&result, "memory_store_gb_hour");
        assert_eq!(memory.quantity, dec!(61593.75));
        assert_eq!(memory.monthly_cost, dec!(2217.375));
        let magnetic = item(&result, "magnetic_store_gb_month");
        assert_eq!(magnetic.quantity, dec!(30796.875));
        assert_eq!(magnetic.monthly_cost, dec!(923.90625));
        assert!(result.violations.is_empty());
        assert_eq!(result.notes[0].code, "closed_to_new_customers");
    }

    #[test]
    fn query_tcu_hours_follow_aws_examples() {
        // AWS: 20 TCUs for 3 hours are 60 TCU-hours. A 30-day month of 3 h
        // a day: 1,800 TCU-hours × $0.518 = $932.40.
        let mut input = aws_example(1, None);
        input.queries = Some(Queries {
            tcus: dec!(20),
            per_day: Duration::from_hours(3),
        });
        let result = input.evaluate(&ctx(dec!(720))).unwrap();
        let line = item(&result, "tcu_hour");
        assert_eq!(line.quantity, dec!(1800));
        assert_eq!(line.monthly_cost, dec!(932.40));
        // 10 s a day is billed as 30 s: 4 TCUs × 30 s × 30 days / 3,600
        // = 1 TCU-hour.
        input.queries = Some(Queries {
            tcus: dec!(4),
            per_day: Duration::from_secs(10),
        });
        let result = input.evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(item(&result, "tcu_hour").quantity, dec!(1));
    }

    #[test]
    fn retentions_and_max_query_tcu_out_of_range_are_violations() {
        // 9,000 h in memory is over 8,766 h; 80,000 d on magnetic is over
        // 73,000 d; a MaxQueryTCU of 1,001 is over 1,000 and not a multiple
        // of 4; 12 TCUs over a MaxQueryTCU of 8; 101 records a request is
        // over 100.
        let mut input = aws_example(101, None);
        input.memory_retention = Duration::from_hours(9000);
        input.magnetic_retention = Duration::from_hours(80_000 * 24);
        input.max_query_tcu = Some(1001);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let limits: Vec<&str> = result
            .violations
            .iter()
            .filter_map(|v| match v {
                Violation::Limit { limit, .. } => Some(limit.key),
                _ => None,
            })
            .collect();
        assert_eq!(
            limits,
            [
                MAX_RECORDS_PER_WRITE.key,
                MAX_MEMORY_RETENTION.key,
                MAX_MAGNETIC_RETENTION.key,
                MAX_MAX_QUERY_TCU.key,
            ]
        );
        assert_eq!(result.violations.len(), 5);
        input.max_query_tcu = Some(8);
        input.events_per_write = 1;
        input.memory_retention = Duration::from_hours(1);
        input.magnetic_retention = Duration::from_hours(24);
        input.queries = Some(Queries {
            tcus: dec!(12),
            per_day: Duration::from_hours(1),
        });
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Unsupported { rule, .. }] if rule.contains("more TCUs")
        ));
        // Under the minimums: 30 min in memory, 12 h on magnetic.
        input.queries = None;
        input.memory_retention = Duration::from_secs(1800);
        input.magnetic_retention = Duration::from_hours(12);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(
            result
                .violations
                .iter()
                .all(|v| matches!(v, Violation::Minimum { .. }))
        );
        assert_eq!(result.violations.len(), 2);
    }
}
