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

use crate::bill::charge;
use crate::diagnostic::Diagnostic;
use crate::fields::{Fields, ParseCtx};
use crate::number::ceil_div;
use crate::report::{CapacityValue, ComponentResult, Properties};
use crate::services::{Ctx, Dimension, Doc, EvalError, Limit, LimitKind, ServiceDef};
use crate::units::{Bytes, Duration, GIB};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "managed_flink",
    title: "Managed Service for Apache Flink",
    dimensions: &[&KPU_HOUR, &RUNNING_STORAGE_GB_MONTH, &BACKUP_GB_MONTH],
    limits: &[
        &KPUS_PER_APPLICATION,
        &MAX_PARALLELISM_PER_KPU,
        &RUNNING_STORAGE_PER_KPU,
        &MIN_BILLED_RUN,
        &LATENCY,
    ],
    parse: super::Parse::Own(parse),
    doc: &DOC,
    input: None,
    transforms: true,
};

pub const DOC: Doc = Doc {
    summary: "Managed Service for Apache Flink (formerly Kinesis Data Analytics): stream processing billed per KPU-hour",
    ordering: "keeps the order of its source",
    retention: "none (state in snapshots)",
    replay: "no",
    latency: "sub-second processing",
    scaling: "32 KPUs per application (raisable); 1 vCPU and 4 GB per KPU",
    inputs: &[
        (
            "kpus",
            "from parallelism",
            "Kinesis Processing Units for the application",
        ),
        (
            "parallelism",
            "",
            "tasks in parallel; KPUs = ceil(parallelism / parallelism_per_kpu)",
        ),
        ("parallelism_per_kpu", "1", "tasks per KPU (1 to 8)"),
        (
            "orchestration_kpu",
            "true",
            "bill the extra KPU AWS adds per application",
        ),
        (
            "backup_storage",
            "0",
            "durable application backups kept (GB-month)",
        ),
        (
            "runs_per_month",
            "all month",
            "starts a month, for batch-style runs",
        ),
        (
            "run_duration",
            "",
            "length of each run (billed at least 10 minutes)",
        ),
        (
            "run_durations",
            "",
            "runs of different lengths, e.g. [\"30 min\", \"5 min\"]",
        ),
    ],
    formulas: &[
        "KPU-hours = (KPUs + 1 orchestration) x hours run, per second, at least 10 minutes a start",
        "running storage = KPUs x 50 GB, prorated over the hours run",
        "backups = GB-months kept",
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

/// How many different run lengths `run_durations` may list.
pub const MAX_RUN_GROUPS: usize = 16;

/// When the application runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    /// Started once and left running all month.
    AllMonth,
    /// Started and stopped: groups of runs, each billed at least the minimum.
    /// A scenario gives one group (`runs_per_month` × `run_duration`), or
    /// one run a group (`run_durations`).
    Runs(Box<[Runs]>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// KPUs the application uses, without the orchestration KPU.
    pub kpus: u32,
    pub orchestration_kpu: bool,
    /// Durable application backups kept over the month (GB-month).
    pub backup_storage: Bytes,
    pub schedule: Schedule,
}

fn parse(fields: &mut Fields, ctx: &ParseCtx) -> Result<super::Input, Diagnostic> {
    let kpus = fields.count("kpus", 100_000)?;
    let parallelism = fields.count("parallelism", 1_000_000)?;
    let per_kpu = fields.count("parallelism_per_kpu", 1_000)?;
    let orchestration_kpu = fields.flag("orchestration_kpu")?.is_none_or(|f| f.value);
    let backup_storage = fields.bytes("backup_storage")?;
    let runs = fields.count("runs_per_month", 1_000_000)?;
    let run_duration = fields.duration("run_duration")?;

    let max_per_kpu = ctx.limit_count(fields, &MAX_PARALLELISM_PER_KPU)?;
    if let Some(per_kpu) = per_kpu
        && (per_kpu.value == 0 || Decimal::from(per_kpu.value) > max_per_kpu)
    {
        return Err(fields.error(
            per_kpu.span,
            format!(
                "`parallelism_per_kpu` must be between 1 and {max_per_kpu} (found {})",
                per_kpu.value
            ),
        ));
    }
    let kpus = match (kpus, parallelism) {
        (Some(_), Some(p)) => {
            return Err(fields
                .error(p.span, "set `kpus` or `parallelism`, not both")
                .with_help("KPUs are `parallelism` ÷ `parallelism_per_kpu`, rounded up"));
        }
        (Some(k), None) => {
            if let Some(per_kpu) = per_kpu {
                return Err(fields
                    .error(
                        per_kpu.span,
                        "`parallelism_per_kpu` only applies with `parallelism`",
                    )
                    .with_help("remove it, or give `parallelism` instead of `kpus`"));
            }
            k
        }
        (None, Some(p)) => {
            let per_kpu = per_kpu.map_or(1, |p| p.value);
            let value = ceil_div(Decimal::from(p.value), Decimal::from(per_kpu));
            crate::fields::Sp {
                value: u32::try_from(value).unwrap_or(u32::MAX),
                span: p.span,
            }
        }
        (None, None) => {
            return Err(fields
                .error(ctx.span, "`managed_flink` needs `kpus` or `parallelism`")
                .with_help(
                    "e.g. `kpus = 2`, or `parallelism = 8` with `parallelism_per_kpu = 4`",
                ));
        }
    };
    if kpus.value == 0 {
        return Err(fields
            .error(kpus.span, "an application needs at least 1 KPU")
            .with_help("`parallelism` and `kpus` must be at least 1"));
    }
    let run_durations = fields.durations("run_durations", MAX_RUN_GROUPS)?;
    if let (Some(list), Some(other)) = (
        &run_durations,
        runs.map(|r| r.span).or(run_duration.map(|d| d.span)),
    ) {
        return Err(fields
            .error(
                other,
                "set `run_durations`, or `runs_per_month` with `run_duration`, not both",
            )
            .with_help(format!(
                "`run_durations` already lists {} runs",
                list.value.len()
            )));
    }
    let schedule = match (runs, run_duration) {
        (None, None) => match run_durations {
            None => Schedule::AllMonth,
            Some(list) if list.value.iter().any(|d| *d <= Duration::ZERO) => {
                return Err(fields.error(
                    list.span,
                    "each run in `run_durations` must last more than 0 s",
                ));
            }
            Some(list) => Schedule::Runs(
                list.value
                    .iter()
                    .map(|&each| Runs { count: 1, each })
                    .collect(),
            ),
        },
        (Some(runs), Some(each)) => {
            if runs.value == 0 {
                return Err(fields
                    .error(runs.span, "`runs_per_month` must be at least 1")
                    .with_help("leave out `runs_per_month` and `run_duration` for an application that runs all month"));
            }
            if each.value <= Duration::ZERO {
                return Err(fields.error(each.span, "`run_duration` must be more than 0 s"));
            }
            Schedule::Runs(Box::new([Runs {
                count: runs.value,
                each: each.value,
            }]))
        }
        (Some(runs), None) => {
            return Err(fields
                .error(runs.span, "`runs_per_month` needs `run_duration`")
                .with_help("say how long each run lasts, e.g. `run_duration = \"15 min\"`"));
        }
        (None, Some(each)) => {
            return Err(fields
                .error(each.span, "`run_duration` needs `runs_per_month`")
                .with_help(
                    "say how many times a month the application starts, e.g. `runs_per_month = 30`",
                ));
        }
    };
    Ok(super::Input::ManagedFlink(Input {
        kpus: kpus.value,
        orchestration_kpu,
        backup_storage: backup_storage.map_or(Bytes(0), |b| b.value),
        schedule,
    }))
}

impl Input {
    pub fn evaluate(&self, ctx: &Ctx) -> Result<ComponentResult, EvalError> {
        let mode = match self.schedule {
            Schedule::AllMonth => "all_month",
            Schedule::Runs(_) => "runs",
        };
        let mut result = ComponentResult::new(SERVICE.name, Some(mode));
        let run_hours = match &self.schedule {
            Schedule::AllMonth => ctx.hours,
            Schedule::Runs(groups) => {
                // Each start is billed for at least the minimum (10 minutes).
                let minimum = ctx.duration(&MIN_BILLED_RUN)?;
                groups
                    .iter()
                    .map(|g| Decimal::from(g.count) * g.each.max(minimum).hours())
                    .sum()
            }
        };
        if run_hours > ctx.hours {
            result.note(
                "runs_exceed_month",
                "the runs add up to more time than the month has: one application cannot run them all",
            );
        }
        let kpus = Decimal::from(self.kpus);
        let allowed = ctx.count(&KPUS_PER_APPLICATION)?;
        if kpus > allowed {
            result.violate(
                &KPUS_PER_APPLICATION,
                kpus,
                allowed,
                "request a KPU quota increase, raise `parallelism_per_kpu`, or split the job into applications",
            );
        }
        let billed_kpus = if self.orchestration_kpu {
            kpus + Decimal::ONE
        } else {
            kpus
        };
        let storage_gb = kpus * ctx.bytes(&RUNNING_STORAGE_PER_KPU)?.decimal() / Decimal::from(GIB);
        result.capacity("kpus", CapacityValue::Number(kpus));
        result.capacity("billed_kpus", CapacityValue::Number(billed_kpus));
        result.capacity("run_hours", CapacityValue::Number(run_hours));
        result.capacity("running_storage_gb", CapacityValue::Number(storage_gb));

        result
            .line_items
            .push(charge(ctx, &KPU_HOUR, billed_kpus * run_hours)?);
        // Running storage exists only while the application runs: prorate it.
        let storage_gb_month = storage_gb * run_hours / ctx.hours;
        result
            .line_items
            .push(charge(ctx, &RUNNING_STORAGE_GB_MONTH, storage_gb_month)?);
        if self.backup_storage.0 > 0 {
            let backup_gb = self.backup_storage.decimal() / Decimal::from(GIB);
            result
                .line_items
                .push(charge(ctx, &BACKUP_GB_MONTH, backup_gb)?);
        }
        result.latency = ctx.duration(&LATENCY)?;
        result.properties = Properties::default();
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::testing::{item, prices};
    use rust_decimal_macros::dec;

    /// AWS's examples: a 720-hour month, each line item rounded up to the cent.
    fn aws_month() -> Ctx<'static> {
        Ctx {
            prices: prices(),
            hours: dec!(720),
            free_tier: false,
            round_up_to_cent: true,
            input: crate::flow::Flow::NOTHING,
            usage: Box::leak(Box::default()),
        }
    }

    fn runs(list: &[(u32, u64)]) -> Schedule {
        let groups = list
            .iter()
            .map(|&(count, minutes)| Runs {
                count,
                each: Duration::from_secs(minutes * 60),
            })
            .collect();
        Schedule::Runs(groups)
    }

    fn app(kpus: u32, schedule: Schedule) -> Input {
        Input {
            kpus,
            orchestration_kpu: true,
            backup_storage: Bytes(0),
            schedule,
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
        let result = app(2, runs(&[(30, 15)])).evaluate(&aws_month()).unwrap();
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
        let result = app(4, runs(&[(1, 30), (1, 5), (1, 2)]))
            .evaluate(&aws_month())
            .unwrap();
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
    fn too_many_kpus_is_a_violation() {
        let result = app(40, Schedule::AllMonth).evaluate(&aws_month()).unwrap();
        assert_eq!(
            result.violations.len(),
            1,
            "40 KPUs is over the default 32 per application"
        );
    }
}
