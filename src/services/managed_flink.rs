//! Amazon Managed Service for Apache Flink (formerly Kinesis Data Analytics),
//! billed per KPU-hour with running storage per KPU and durable backups.
//!
//! Billing rule, from AWS's "per second billing" examples in the Managed Flink
//! developer guide: each application is billed for its KPUs plus one
//! orchestration KPU, per second, with at least 10 minutes per start; it gets
//! 50 GB of running storage per application KPU (none for the orchestration
//! KPU), prorated over the month's hours; backups are billed per GB-month.
//!
//! This rule reproduces AWS's batch example ($2.59) and stop-start example
//! ($0.49) exactly, and the KPU-hours of the 24/7 example (its cost report
//! shows 15,120 = 720 h × (20 + 1)). That example's dollar figure, $1,584.00,
//! is 14,400 KPU-hours (20 × 720 × $0.11), not 15,120 × $0.11 = $1,663.20:
//! AWS's own arithmetic disagrees with its formula. calc keeps the
//! orchestration KPU by default; `orchestration_kpu = false` leaves it out,
//! which reproduces the published $1,684.03.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{Flow, Rate};
use crate::model::keys::{Default, Invalid, Key, Kind, MAX_LIST, Values};
use crate::model::offer::Offer;
use crate::model::report::{ComponentResult, Properties, Violation};
use crate::model::schedule::Schedule as Daily;
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::schedule::{self, SCHEDULE_DAYS, SCHEDULE_HOURS};
use crate::services::kit::{
    Component, Ctx, Delivery, Doc, EvalError, Functions, ServiceDef, given,
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "managed_flink",
    title: "Managed Service for Apache Flink",
    aliases: &[
        "kinesis_data_analytics",
        "kinesis_analytics",
        "kinesisanalytics",
        "kda",
        "managed_service_for_apache_flink",
        "msf",
    ],
    dimensions: &[&KPU_HOUR, &RUNNING_STORAGE_GB_MONTH, &BACKUP_GB_MONTH],
    limits: &[
        &KPUS_PER_APPLICATION,
        &MAX_PARALLELISM_PER_KPU,
        &RUNNING_STORAGE_PER_KPU,
        &MIN_BILLED_RUN,
        &LATENCY,
    ],
    catalogue: None,
    offer: Some(&Offer {
        code: "AmazonKinesisAnalytics",
        catalogue: None,
        mappings: &[],
    }),
    keys: &[
        &KPUS,
        &PARALLELISM,
        &PARALLELISM_PER_KPU,
        &ORCHESTRATION_KPU,
        &BACKUP_STORAGE,
        &RUNS_PER_MONTH,
        &RUN_DURATION,
        &RUN_DURATIONS,
        &SCHEDULE_HOURS,
        &SCHEDULE_DAYS,
        &CHECKPOINT_INTERVAL,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    transforms: true,
};

// The sizing and schedule keys are absent unless set: which of them are set
// says how the application is sized and when it runs.
static KPUS: Key = Key::new(
    "kpus",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::None,
    "Kinesis Processing Units for the application",
)
.defaulting_to("from parallelism");
static PARALLELISM: Key = Key::new(
    "parallelism",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "tasks in parallel; KPUs = ceil(parallelism / parallelism_per_kpu)",
);
static PARALLELISM_PER_KPU: Key = Key::new(
    "parallelism_per_kpu",
    Kind::Count { min: 0, max: 1_000 },
    Default::None,
    "tasks per KPU (1 to 8)",
)
.defaulting_to("1");
static CHECKPOINT_INTERVAL: Key = Key::new(
    "checkpoint_interval",
    Kind::Duration,
    Default::Text("60 s"),
    "time between checkpoints (AWS's default configuration: 60 s); a file sink into S3 rolls a part file per task at each",
)
.in_unit("s");
static ORCHESTRATION_KPU: Key = Key::new(
    "orchestration_kpu",
    Kind::Flag,
    Default::Bool(true),
    "bill the extra KPU AWS adds per application",
);
static BACKUP_STORAGE: Key = Key::new(
    "backup_storage",
    Kind::Size,
    Default::Text("0"),
    "durable application backups kept (GB-month)",
);
static RUNS_PER_MONTH: Key = Key::new(
    "runs_per_month",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "starts a month, for batch-style runs",
)
.defaulting_to("all month");
static RUN_DURATION: Key = Key::new(
    "run_duration",
    Kind::Duration,
    Default::None,
    "length of each run (billed at least 10 minutes)",
)
.in_unit("min");
static RUN_DURATIONS: Key = Key::new(
    "run_durations",
    Kind::Durations {
        max: MAX_RUN_GROUPS,
    },
    Default::None,
    "runs of different lengths, e.g. [\"30 min\", \"5 min\"]",
)
.in_unit("min");

pub const DOC: Doc = Doc {
    bills: "KPU-hours (with the orchestration KPU, at least 10 minutes a start), running storage, backups",
    reports: "KPUs",
    summary: "Managed Service for Apache Flink (formerly Kinesis Data Analytics): stream processing billed per KPU-hour",
    ordering: "keeps the order of its source",
    retention: "none (state in snapshots)",
    replay: "no",
    latency: "sub-second processing",
    scaling: "64 KPUs per application (raisable); 1 vCPU and 4 GB per KPU",
    formulas: &[
        "KPU-hours = (KPUs + 1 orchestration) x hours run, per second, at least 10 minutes a start",
        schedule::FORMULA,
        "running storage = KPUs x 50 GB, prorated over the hours run",
        "backups = GB-months kept",
        "into S3: a part file a task (`parallelism`, else KPUs) at each checkpoint (`checkpoint_interval`, 60 s by default), each holding what the task received since the last",
    ],
};

pub const KPU_HOUR: Dimension = Dimension::new("managed_flink.kpu_hour", "KPU-hour");
pub const RUNNING_STORAGE_GB_MONTH: Dimension =
    Dimension::new("managed_flink.running_storage_gb_month", "GB-month");
pub const BACKUP_GB_MONTH: Dimension = Dimension::new("managed_flink.backup_gb_month", "GB-month");

pub const KPUS_PER_APPLICATION: Limit = Limit::new(
    "managed_flink.kpus_per_application",
    LimitKind::Count,
    "KPUs per application",
);
pub const MAX_PARALLELISM_PER_KPU: Limit = Limit::new(
    "managed_flink.max_parallelism_per_kpu",
    LimitKind::Count,
    "parallel tasks per KPU",
);
pub const RUNNING_STORAGE_PER_KPU: Limit = Limit::new(
    "managed_flink.running_storage_per_kpu",
    LimitKind::Bytes,
    "running storage per KPU",
);
pub const MIN_BILLED_RUN: Limit = Limit::new(
    "managed_flink.min_billed_run",
    LimitKind::Duration,
    "billed run time",
);
pub const LATENCY: Limit = Limit::new("managed_flink.latency", LimitKind::Duration, "latency");

/// Runs of the same length: `count` starts, each running `each`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Runs {
    pub count: u32,
    pub each: Duration,
}

/// How many different run lengths `run_durations` may list: as many as a
/// list value holds, so that a schedule is built without allocating.
pub const MAX_RUN_GROUPS: usize = MAX_LIST;

/// When the application runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    /// Started once and left running all month.
    AllMonth,
    /// Started and stopped, each run billed at least the minimum:
    /// `runs_per_month` runs of `run_duration`.
    Runs(Runs),
    /// Started and stopped, one run of each length `run_durations` lists.
    Listed(SmallVec<[Duration; MAX_RUN_GROUPS]>),
    /// Started and stopped by the clock (`schedule`): the same hours of
    /// each day it runs on; each start runs an hour or more, past the
    /// minimum a start is billed.
    Daily(Daily),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// KPUs the application uses, without the orchestration KPU.
    pub kpus: u32,
    /// As set, when the KPUs are worked out from it.
    pub parallelism: Option<u32>,
    /// As set, for the check against the table's maximum; only beside
    /// `parallelism`.
    pub parallelism_per_kpu: Option<u32>,
    pub orchestration_kpu: bool,
    /// Durable application backups kept over the month (GB-month).
    pub backup_storage: Bytes,
    pub schedule: Schedule,
    /// How often it checkpoints: its file sink rolls a file per task at each.
    pub checkpoint_interval: Duration,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `managed_flink` has no value");
    let per_kpu = values.count(&PARALLELISM_PER_KPU);
    if per_kpu == Some(0) {
        return Err(Invalid::new(
            &PARALLELISM_PER_KPU,
            "`parallelism_per_kpu` must be at least 1",
        ));
    }
    let parallelism = values.count(&PARALLELISM);
    let (kpus, sized_by) = match (values.count(&KPUS), parallelism) {
        (Some(_), Some(_)) => {
            return Err(
                Invalid::new(&PARALLELISM, "set `kpus` or `parallelism`, not both")
                    .with_help("KPUs are `parallelism` ÷ `parallelism_per_kpu`, rounded up"),
            );
        }
        (Some(kpus), None) => {
            if per_kpu.is_some() {
                return Err(Invalid::new(
                    &PARALLELISM_PER_KPU,
                    "`parallelism_per_kpu` only applies with `parallelism`",
                )
                .with_help("remove it, or give `parallelism` instead of `kpus`"));
            }
            (kpus, &KPUS)
        }
        (None, Some(parallelism)) => (parallelism.div_ceil(per_kpu.unwrap_or(1)), &PARALLELISM),
        (None, None) => {
            return Err(
                Invalid::component("`managed_flink` needs `kpus` or `parallelism`").with_help(
                    "e.g. `kpus = 2`, or `parallelism = 8` with `parallelism_per_kpu = 4`",
                ),
            );
        }
    };
    if kpus == 0 {
        return Err(
            Invalid::new(sized_by, "an application needs at least 1 KPU")
                .with_help("`parallelism` and `kpus` must be at least 1"),
        );
    }
    Ok(Input {
        kpus,
        parallelism,
        parallelism_per_kpu: per_kpu,
        orchestration_kpu: values.flag(&ORCHESTRATION_KPU).ok_or_else(default)?,
        backup_storage: values.bytes(&BACKUP_STORAGE).ok_or_else(default)?,
        schedule: schedule(values)?,
        checkpoint_interval: checkpoint_interval(values)?,
    })
}

/// The checkpoint interval as set: more than 0 s.
fn checkpoint_interval(values: &Values) -> Result<Duration, Invalid> {
    match values.duration(&CHECKPOINT_INTERVAL) {
        Some(interval) if interval > Duration::ZERO => Ok(interval),
        Some(_) => Err(Invalid::new(
            &CHECKPOINT_INTERVAL,
            "`checkpoint_interval` must be more than 0 s",
        )
        .with_help("AWS's default configuration checkpoints every 60 s")),
        None => Err(Invalid::component("a key of `managed_flink` has no value")),
    }
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    /// Into S3, a file sink: each task writes a part file and rolls it at
    /// each checkpoint (Apache Flink's FileSink with bulk formats), not an
    /// object a record.
    fn delivery_to(&self, consumer: &str) -> Delivery {
        if consumer == "s3" {
            Delivery::Files
        } else {
            Delivery::Every
        }
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let mode = match self.schedule {
            Schedule::AllMonth => "all_month",
            Schedule::Runs(_) | Schedule::Listed(_) => "runs",
            Schedule::Daily(_) => "scheduled",
        };
        result.reset(SERVICE.name, Some(mode));
        let run_seconds = match &self.schedule {
            Schedule::AllMonth => ctx.seconds_traced()?,
            Schedule::Daily(daily) => {
                schedule::hours_a_month(*daily, ctx)?.times(given::seconds_an_hour())?
            }
            // Each start is billed for at least the minimum (10 minutes);
            // the minimum first: of equal figures, it is the one billed.
            // Seconds first, hours last, so that a 10-minute run is not
            // rounded to 0.1666…7 h before it is added or multiplied.
            Schedule::Runs(runs) => {
                let minimum = min_billed_run(ctx)?;
                let count = given::key(runs.count, "runs", &RUNS_PER_MONTH);
                count.times(minimum.max(given::seconds(runs.each, &RUN_DURATION)))?
            }
            Schedule::Listed(runs) => {
                let minimum = min_billed_run(ctx)?;
                let mut total: Option<Traced<N>> = None;
                for &each in runs {
                    let seconds = minimum.max(given::seconds(each, &RUN_DURATIONS));
                    total = Some(match total {
                        Some(total) => total.plus(seconds)?,
                        None => seconds,
                    });
                }
                total.unwrap_or_else(|| Traced::rule(Decimal::ZERO, "s", "no runs"))
            }
        };
        // A schedule's hours a month are taken as worked out, not through
        // seconds, so that they stay as exact as its rule makes them.
        let daily = match &self.schedule {
            Schedule::Daily(daily) => Some(*daily),
            _ => None,
        };
        let run_hours = match daily {
            Some(daily) => schedule::hours_a_month(daily, ctx)?,
            None => run_seconds.per(given::seconds_an_hour())?,
        };
        if run_hours.value() > N::of(ctx.hours) {
            result.violations.push(Violation::Schedule {
                run_hours: run_hours.value().decimal(),
                month_hours: ctx.hours,
            });
        }
        if let Some(per_kpu) = self.parallelism_per_kpu {
            let per_kpu = Decimal::from(per_kpu);
            let max = ctx.count(&MAX_PARALLELISM_PER_KPU)?;
            if per_kpu > max {
                result.violate(
                    &MAX_PARALLELISM_PER_KPU,
                    per_kpu,
                    max,
                    "lower `parallelism_per_kpu` to the maximum: the application gets more KPUs",
                );
            }
        }
        let kpus: Traced<N> = match self.parallelism {
            // As many KPUs as the tasks fill at `parallelism_per_kpu` each.
            Some(parallelism) => {
                let per_kpu = given::key(
                    self.parallelism_per_kpu.unwrap_or(1),
                    "tasks/KPU",
                    &PARALLELISM_PER_KPU,
                );
                given::key(parallelism, "tasks", &PARALLELISM)
                    .per(per_kpu)?
                    .ceil()
            }
            None => given::key(self.kpus, "KPUs", &KPUS),
        };
        let allowed = ctx.count(&KPUS_PER_APPLICATION)?;
        if kpus.value() > N::of(allowed) {
            result.violate(
                &KPUS_PER_APPLICATION,
                kpus.value().decimal(),
                allowed,
                "request a KPU quota increase, raise `parallelism_per_kpu`, or split the job into applications",
            );
        }
        let billed_kpus = if self.orchestration_kpu {
            let orchestration = Traced::rule(
                Decimal::ONE,
                "KPU",
                "the orchestration KPU AWS adds to each application",
            );
            kpus.plus(orchestration)?
        } else {
            kpus
        };
        let storage_bytes = kpus.times(ctx.limit_traced(&RUNNING_STORAGE_PER_KPU, "B/KPU")?)?;
        let storage_gb = storage_bytes.per(given::gib())?;
        result.capacity_of("kpus", kpus, "KPUs");
        result.capacity_of("billed_kpus", billed_kpus, "KPUs");
        result.capacity_of("run_hours", run_hours, "h");
        result.capacity_of("running_storage_gb", storage_gb, "GB");

        let kpu_hours = match daily {
            Some(_) => billed_kpus.times(run_hours)?,
            None => billed_kpus
                .times(run_seconds)?
                .per(given::seconds_an_hour())?,
        };
        charge_into(&mut result.line_items, ctx, &KPU_HOUR, kpu_hours)?;
        // Running storage exists only while the application runs: prorate it.
        let storage_gb_month = match daily {
            Some(_) => storage_gb.times(run_hours)?.per(ctx.hours_traced())?,
            None => storage_gb.times(run_seconds)?.per(ctx.seconds_traced()?)?,
        };
        charge_into(
            &mut result.line_items,
            ctx,
            &RUNNING_STORAGE_GB_MONTH,
            storage_gb_month,
        )?;
        if self.backup_storage.0 > 0 {
            let backup_gb = given::size(self.backup_storage, &BACKUP_STORAGE).per(given::gib())?;
            charge_into(&mut result.line_items, ctx, &BACKUP_GB_MONTH, backup_gb)?;
        }
        result.latency = ctx.duration(&LATENCY)?;
        result.properties = Properties::default();
        result.files = self.files(ctx)?;
        // A stream processor stopped by the clock reads nothing: the
        // stream it consumes keeps what arrives for its retention, but a
        // flow that reaches it all day is one it is meant to process as
        // it comes, so a paused hour with traffic fails it.
        if let Some(daily) = daily {
            schedule::hourly(daily, "kpus", kpus.value().decimal(), result);
            schedule::check_traffic(daily, ctx, result);
        }
        Ok(())
    }
}

/// All month, unless the keys give runs: `run_durations`, or
/// `runs_per_month` with `run_duration`; or the hours of `schedule`.
fn schedule(values: &Values) -> Result<Schedule, Invalid> {
    if let Some(daily) = schedule::read(values, &[&RUNS_PER_MONTH, &RUN_DURATION, &RUN_DURATIONS])?
    {
        return Ok(Schedule::Daily(daily));
    }
    let runs = values.count(&RUNS_PER_MONTH);
    let run_duration = values.duration(&RUN_DURATION);
    match (values.durations(&RUN_DURATIONS), runs, run_duration) {
        (None, None, None) => Ok(Schedule::AllMonth),
        (Some(list), None, None) => {
            if list.iter().any(|d| *d <= Duration::ZERO) {
                return Err(Invalid::new(
                    &RUN_DURATIONS,
                    "each run in `run_durations` must last more than 0 s",
                ));
            }
            Ok(Schedule::Listed(list.iter().copied().collect()))
        }
        (Some(list), _, _) => {
            let other = if runs.is_some() {
                &RUNS_PER_MONTH
            } else {
                &RUN_DURATION
            };
            Err(Invalid::new(
                other,
                "set `run_durations`, or `runs_per_month` with `run_duration`, not both",
            )
            .with_help(format!("`run_durations` already lists {} runs", list.len())))
        }
        (None, Some(count), Some(each)) => {
            if count == 0 {
                return Err(Invalid::new(&RUNS_PER_MONTH, "`runs_per_month` must be at least 1")
                    .with_help("leave out `runs_per_month` and `run_duration` for an application that runs all month"));
            }
            if each <= Duration::ZERO {
                return Err(Invalid::new(
                    &RUN_DURATION,
                    "`run_duration` must be more than 0 s",
                ));
            }
            Ok(Schedule::Runs(Runs { count, each }))
        }
        (None, Some(_), None) => Err(Invalid::new(
            &RUNS_PER_MONTH,
            "`runs_per_month` needs `run_duration`",
        )
        .with_help("say how long each run lasts, e.g. `run_duration = \"15 min\"`")),
        (None, None, Some(_)) => {
            Err(
                Invalid::new(&RUN_DURATION, "`run_duration` needs `runs_per_month`").with_help(
                    "say how many times a month the application starts, e.g. `runs_per_month = 30`",
                ),
            )
        }
    }
}

impl Input {
    /// The part files its file sink writes: one a task at each checkpoint,
    /// each holding what the task received since the last; `None` when
    /// nothing flows in.
    fn files<N: Number>(&self, ctx: &Ctx<N>) -> Result<Option<Flow<N>>, EvalError> {
        let (Some(rate), Some(size)) = (ctx.input.rate, ctx.input.record_size) else {
            return Ok(None);
        };
        let tasks = N::of(Decimal::from(self.parallelism.unwrap_or(self.kpus).max(1)));
        let interval = N::of(self.checkpoint_interval.secs());
        let per_second = tasks.per(interval)?;
        let bytes = rate
            .average
            .times(N::of(size.decimal()))?
            .times(interval)?
            .per(tasks)?
            .ceil();
        let bytes = bytes.whole().ok_or(EvalError::Arithmetic)?;
        Ok(Some(Flow::new(Rate::flat(per_second), Some(Bytes(bytes)))))
    }
}

/// The seconds a start is billed at least: the table's minimum (10 minutes).
fn min_billed_run<N: Number>(ctx: &Ctx<N>) -> Result<Traced<N>, EvalError> {
    let ms = given::ms_a_second();
    Ok(ctx.limit_traced(&MIN_BILLED_RUN, "ms")?.per(ms)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::GIB;
    use crate::model::keys::Value;
    use crate::model::report::{CapacityValue, Violation};
    use crate::services::kit::testing::{self, Alone, floats_agree, item, prices};
    use rust_decimal_macros::dec;

    /// AWS's examples: a 720-hour month, each line item rounded up to the cent.
    fn aws_month() -> Ctx<'static> {
        Ctx {
            prices: prices(),
            hours: dec!(720),
            free_tier: false,
            round_up_to_cent: true,
            input: crate::model::flow::Flow::NOTHING,
            keys: &crate::model::flow::RECORDS,
            prices_set: crate::services::kit::ctx::PricesSet::NONE,
            required_retention: None,
            usage: Box::leak(Box::default()),
        }
    }

    /// `count` runs of `minutes` each.
    fn runs(count: u32, minutes: u64) -> Schedule {
        Schedule::Runs(Runs {
            count,
            each: Duration::from_secs(minutes * 60),
        })
    }

    /// One run of each length, in minutes.
    fn listed(minutes: &[u64]) -> Schedule {
        let each = |&m: &u64| Duration::from_secs(m * 60);
        Schedule::Listed(minutes.iter().map(each).collect())
    }

    fn app(kpus: u32, schedule: Schedule) -> Input {
        Input {
            kpus,
            parallelism: None,
            parallelism_per_kpu: None,
            orchestration_kpu: true,
            backup_storage: Bytes(0),
            schedule,
            checkpoint_interval: Duration::from_secs(60),
        }
    }

    #[test]
    fn streaming_example_counts_the_orchestration_kpu() {
        // AWS's 24/7 example: 20 KPUs, 1 GB of backups. Its cost report bills
        // 720 h × (20 + 1) = 15,120 KPU-hours; 15,120 × $0.11 = $1,663.20.
        // Storage: 20 × 50 GB = 1,000 GB-month × $0.10 = $100.00.
        // Backups: 1 GB-month × $0.023 = $0.023, rounded up to $0.03.
        let mut input = app(20, Schedule::AllMonth);
        input.backup_storage = Bytes(GIB);
        let result = input.evaluate(&aws_month()).unwrap();
        let kpu = item(&result, "kpu_hour");
        assert_eq!(kpu.quantity, dec!(15120));
        assert_eq!(kpu.monthly_cost, dec!(1663.20));
        assert_eq!(
            item(&result, "running_storage_gb_month").quantity,
            dec!(1000)
        );
        assert_eq!(
            item(&result, "running_storage_gb_month").monthly_cost,
            dec!(100.00)
        );
        assert_eq!(item(&result, "backup_gb_month").monthly_cost, dec!(0.03));
    }

    #[test]
    fn streaming_example_without_orchestration_matches_the_published_total() {
        // AWS's printed KPU charge, $1,584.00, is 720 h × 20 KPUs × $0.11 = 14,400
        // KPU-hours. With it, $1,584.00 + $100.00 + $0.03 = $1,684.03.
        let mut input = app(20, Schedule::AllMonth);
        input.backup_storage = Bytes(GIB);
        input.orchestration_kpu = false;
        let result = input.evaluate(&aws_month()).unwrap();
        assert_eq!(item(&result, "kpu_hour").monthly_cost, dec!(1584.00));
        assert_eq!(result.monthly_cost(), dec!(1684.03));
    }

    #[test]
    fn batch_example_15_minutes_a_day() {
        // AWS: 2 KPUs, 15 min × 30 days = 450 min = 7.5 h.
        // KPU: 7.5 h × (2 + 1) = 22.5 KPU-h × $0.11 = $2.475 → $2.48.
        // Storage: 100 GB × 7.5 / 720 = 1.0417 GB-month × $0.10 = $0.1042 → $0.11.
        let result = app(2, runs(30, 15)).evaluate(&aws_month()).unwrap();
        assert_eq!(item(&result, "kpu_hour").quantity, dec!(22.5));
        assert_eq!(item(&result, "kpu_hour").monthly_cost, dec!(2.48));
        assert_eq!(
            item(&result, "running_storage_gb_month").monthly_cost,
            dec!(0.11)
        );
        assert_eq!(result.monthly_cost(), dec!(2.59));
    }

    #[test]
    fn stop_start_example_bills_10_minutes_a_start() {
        // AWS: 4 KPUs run 30, 5 and 2 min, billed 30 + 10 + 10 = 50 min.
        // KPU: 50/60 h × 5 = 4.167 KPU-h × $0.11 = $0.458 → $0.46.
        // Storage: 200 GB × (50/60) / 720 = 0.2315 GB-month × $0.10 → $0.03.
        let result = app(4, listed(&[30, 5, 2])).evaluate(&aws_month()).unwrap();
        assert_eq!(item(&result, "kpu_hour").quantity.round_dp(3), dec!(4.167));
        assert_eq!(item(&result, "kpu_hour").monthly_cost, dec!(0.46));
        assert_eq!(
            item(&result, "running_storage_gb_month")
                .quantity
                .round_dp(3),
            dec!(0.231)
        );
        assert_eq!(
            item(&result, "running_storage_gb_month").monthly_cost,
            dec!(0.03)
        );
        assert_eq!(result.monthly_cost(), dec!(0.49));
    }

    #[test]
    fn runs_at_the_minimum_add_up_to_whole_hours_exactly() {
        // Six runs of 2 minutes, each billed 10 minutes: 6 × 600 s = 3,600 s,
        // exactly 1 h, not 6 × 0.1666…7 h. 1 KPU + 1 = 2 KPU-hours × $0.11 =
        // $0.22 exactly; storage 50 GB × 3,600 s ÷ 2,592,000 s = 1/720 of a
        // GB-month.
        let ctx = testing::ctx(dec!(720));
        let result = app(1, runs(6, 2)).evaluate(&ctx).unwrap();
        let run_hours = result.capacity.iter().find(|c| c.key == "run_hours");
        assert_eq!(
            run_hours.map(|c| &c.value),
            Some(&CapacityValue::Number(dec!(1)))
        );
        assert_eq!(item(&result, "kpu_hour").quantity, dec!(2));
        assert_eq!(item(&result, "kpu_hour").monthly_cost, dec!(0.22));
        let listed = app(1, listed(&[2, 2, 2, 2, 2, 2])).evaluate(&ctx).unwrap();
        assert_eq!(item(&listed, "kpu_hour").quantity, dec!(2));
        assert_eq!(
            item(&listed, "running_storage_gb_month").quantity,
            dec!(50) / dec!(720)
        );
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        use crate::model::flow::{Flow, Rate};
        use crate::model::profile::Profile;
        use crate::model::schedule::Days;
        let office = Daily {
            hours: "08-20".parse().expect("a range"),
            days: Days::Weekdays,
        };
        let mut streaming = app(20, Schedule::AllMonth);
        streaming.backup_storage = Bytes(GIB + 12_345);
        let mut no_orchestration = app(7, Schedule::AllMonth);
        no_orchestration.orchestration_kpu = false;
        let mut sized_by_tasks = app(5, runs(7, 23));
        sized_by_tasks.parallelism = Some(37);
        // 37 tasks at 16 a KPU, where a KPU takes at most 8.
        sized_by_tasks.parallelism_per_kpu = Some(16);
        let apps = [
            streaming,
            no_orchestration,
            sized_by_tasks,
            // AWS's batch and stop-start examples, each start billed at
            // least 10 minutes.
            app(2, runs(30, 15)),
            app(4, listed(&[30, 5, 2, 17])),
            // Over the 64 KPUs an application takes.
            app(65, Schedule::AllMonth),
            // 1,000 runs of 10 h are more hours than the month has.
            app(3, runs(1_000, 600)),
            app(2, Schedule::Daily(office)),
        ];
        // Read at a non-round rate, all day (a scheduled application
        // paused while it flows fails), and under a profile.
        let day = Profile::named("business_hours").expect("a built-in profile");
        let flows = [
            Flow::NOTHING,
            Flow::new(Rate::flat(dec!(1234.567)), Some(Bytes(777))),
            Flow::new(
                Rate {
                    profile: Some(day),
                    ..Rate::new(dec!(98.76), dec!(543.21))
                },
                Some(Bytes::kib(3)),
            ),
        ];
        for app in &apps {
            for flow in flows {
                for round_up_to_cent in [true, false] {
                    let month = Ctx {
                        hours: dec!(730),
                        round_up_to_cent,
                        ..aws_month()
                    };
                    floats_agree(app, flow, &month);
                }
            }
        }
    }

    #[test]
    fn too_many_kpus_is_a_violation() {
        // An application takes 64 KPUs by default.
        let result = app(65, Schedule::AllMonth).evaluate(&aws_month()).unwrap();
        assert_eq!(result.violations.len(), 1, "65 KPUs is over 64");
        let result = app(64, Schedule::AllMonth).evaluate(&aws_month()).unwrap();
        assert!(result.violations.is_empty(), "{:?}", result.violations);
    }

    #[test]
    fn the_largest_application_and_schedule_compute_exactly() {
        // The keys' maxima: 100,000 KPUs started 1,000,000 times for 100
        // years (876,000 h) each: (100,000 + 1) × 8.76 × 10^11 KPU-hours.
        let schedule = || runs(1_000_000, 100 * 365 * 24 * 60);
        let result = app(100_000, schedule()).evaluate(&aws_month()).unwrap();
        assert_eq!(
            item(&result, "kpu_hour").quantity,
            dec!(100_001) * dec!(876_000_000_000)
        );
        // At 10^26 a KPU-hour the bill is past exact decimals: an error, not a panic.
        let mut book = prices().clone();
        book.override_price(KPU_HOUR.key, dec!(1e26));
        let ctx = Ctx {
            prices: &book,
            ..aws_month()
        };
        assert_eq!(
            app(100_000, schedule()).evaluate(&ctx),
            Err(EvalError::Overflow(&KPU_HOUR))
        );
    }

    #[test]
    fn a_schedule_runs_the_application_in_its_hours_and_fails_on_traffic_outside_them() {
        use crate::model::flow::{Flow, Rate};
        use crate::model::schedule::Days;
        // 2 KPUs (3 billed with the orchestration KPU) 08-20 on weekdays
        // of a 730-hour month: 12 h × 730 ÷ 24 days × 5 ÷ 7 = 43,800 ÷
        // 168 = 260.714285… h; 3 × 260.714285… = 782.142857… KPU-hours ×
        // $0.11 = $86.0357…, $86.04. Running storage: 2 × 50 GB = 100 GB
        // × 260.714285… ÷ 730 h = 35.714285… GB-months × $0.10 = $3.57.
        // All month: 3 × 730 = 2,190 KPU-hours, $240.90, and $10.00.
        let daily = Daily {
            hours: "08-20".parse().expect("a range"),
            days: Days::Weekdays,
        };
        let month = Ctx {
            hours: dec!(730),
            round_up_to_cent: false,
            ..aws_month()
        };
        let result = app(2, Schedule::Daily(daily)).evaluate(&month).unwrap();
        assert_eq!(result.mode, Some("scheduled"));
        let kpu = item(&result, "kpu_hour");
        assert_eq!(kpu.quantity, dec!(782.14285714285714285714285713));
        assert_eq!(kpu.monthly_cost.round_dp(2), dec!(86.04));
        let storage = item(&result, "running_storage_gb_month");
        assert_eq!(storage.quantity.round_dp(20), dec!(35.71428571428571428571));
        assert_eq!(storage.monthly_cost.round_dp(2), dec!(3.57));
        let all_month = app(2, Schedule::AllMonth).evaluate(&month).unwrap();
        assert_eq!(item(&all_month, "kpu_hour").monthly_cost, dec!(240.90));
        let mut expected = [dec!(0); 24];
        expected[8..20].fill(dec!(2));
        assert_eq!(result.hourly.as_ref().expect("by hour").capacity, expected);
        assert!(result.violations.is_empty());
        // A stream read all day reaches it at 00:00, paused.
        let fed = Ctx {
            input: Flow::new(Rate::flat(dec!(500)), None),
            ..month
        };
        let result = app(2, Schedule::Daily(daily)).evaluate(&fed).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Paused {
                hour: 0,
                weekend: false,
                factor: dec!(1),
                schedule: daily,
            }]
        );
        // The whole day, every day, bills what all month does.
        let always = app(2, Schedule::Daily(Daily::ALWAYS))
            .evaluate(&month)
            .unwrap();
        assert_eq!(always.line_items, all_month.line_items);
    }

    #[test]
    fn a_schedule_is_refused_beside_runs() {
        let refused = built(&[
            (&KPUS, Value::Count(2)),
            (&RUNS_PER_MONTH, Value::Count(30)),
            (&RUN_DURATION, Value::Duration(Duration::from_secs(600))),
            (&SCHEDULE_HOURS, Value::Hours("08-20".parse().unwrap())),
        ])
        .unwrap_err();
        assert_eq!(
            refused.message,
            "`runs_per_month` and `schedule` both set the hours it runs"
        );
    }

    /// The application built from its keys' defaults, with `set` written over them.
    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        testing::built(&SERVICE, set)
    }

    #[test]
    fn parallelism_per_kpu_over_the_maximum_is_a_violation_and_still_priced() {
        // 32 tasks at 16 a KPU = 2 KPUs, where a KPU takes at most 8 tasks.
        // Priced as set: 720 h × (2 + 1) = 2,160 KPU-hours × $0.11 = $237.60.
        let input = built(&[
            (&PARALLELISM, Value::Count(32)),
            (&PARALLELISM_PER_KPU, Value::Count(16)),
        ])
        .unwrap();
        assert_eq!(input.kpus, 2);
        let result = input.evaluate(&aws_month()).unwrap();
        assert_eq!(
            result.violations.as_slice(),
            [Violation::Limit {
                limit: &MAX_PARALLELISM_PER_KPU,
                needed: dec!(16),
                allowed: dec!(8),
                fix: "lower `parallelism_per_kpu` to the maximum: the application gets more KPUs",
            }]
        );
        assert_eq!(item(&result, "kpu_hour").quantity, dec!(2160));
        assert_eq!(item(&result, "kpu_hour").monthly_cost, dec!(237.60));
        // 8 a KPU is within the limit: 32 tasks take 4 KPUs.
        let input = built(&[
            (&PARALLELISM, Value::Count(32)),
            (&PARALLELISM_PER_KPU, Value::Count(8)),
        ])
        .unwrap();
        assert_eq!(input.kpus, 4);
        assert!(input.evaluate(&aws_month()).unwrap().violations.is_empty());
    }

    #[test]
    fn build_takes_the_defaults_and_refuses_what_describes_no_application() {
        let input = built(&[(&PARALLELISM, Value::Count(5))]).unwrap();
        assert_eq!(
            input,
            Input {
                parallelism: Some(5),
                ..app(5, Schedule::AllMonth)
            }
        );
        let minutes = |m: u64| Duration::from_secs(m * 60);
        let input = built(&[
            (&KPUS, Value::Count(4)),
            (
                &RUN_DURATIONS,
                Value::Durations([30, 5, 2].map(minutes).into_iter().collect()),
            ),
        ])
        .unwrap();
        assert_eq!(input.schedule, listed(&[30, 5, 2]));
        let input = built(&[
            (&KPUS, Value::Count(2)),
            (&RUNS_PER_MONTH, Value::Count(30)),
            (&RUN_DURATION, Value::Duration(minutes(15))),
        ])
        .unwrap();
        assert_eq!(input.schedule, runs(30, 15));

        let refused = |set: &[(&'static Key, Value)]| built(set).unwrap_err().message;
        let kpus = || (&KPUS, Value::Count(2));
        assert_eq!(
            refused(&[]),
            "`managed_flink` needs `kpus` or `parallelism`"
        );
        assert_eq!(
            refused(&[kpus(), (&PARALLELISM, Value::Count(4))]),
            "set `kpus` or `parallelism`, not both"
        );
        assert_eq!(
            refused(&[kpus(), (&PARALLELISM_PER_KPU, Value::Count(2))]),
            "`parallelism_per_kpu` only applies with `parallelism`"
        );
        assert_eq!(
            refused(&[
                (&PARALLELISM, Value::Count(4)),
                (&PARALLELISM_PER_KPU, Value::Count(0)),
            ]),
            "`parallelism_per_kpu` must be at least 1"
        );
        assert_eq!(
            refused(&[(&PARALLELISM, Value::Count(0))]),
            "an application needs at least 1 KPU"
        );
        assert_eq!(
            refused(&[kpus(), (&RUNS_PER_MONTH, Value::Count(30))]),
            "`runs_per_month` needs `run_duration`"
        );
        assert_eq!(
            refused(&[
                kpus(),
                (&RUN_DURATION, Value::Duration(minutes(5))),
                (
                    &RUN_DURATIONS,
                    Value::Durations([minutes(5)].into_iter().collect()),
                ),
            ]),
            "set `run_durations`, or `runs_per_month` with `run_duration`, not both"
        );
    }
}
