//! AWS Glue ETL jobs, billed per DPU-hour of run time.

use rust_decimal::Decimal;

use crate::bill::charge;
use crate::fields::{Choice, choice};
use crate::flow::Flow;
use crate::keys::{Default, Invalid, Key, Kind, Values};
use crate::number::Exact;
use crate::report::{CapacityValue, ComponentResult, Properties};
use crate::services::{Ctx, Dimension, Doc, EvalError, Limit, LimitKind, ServiceDef};
use crate::units::Duration;

pub const SERVICE: ServiceDef = ServiceDef {
    name: "glue",
    title: "Glue",
    dimensions: &[&ETL_DPU_HOUR, &FLEX_DPU_HOUR],
    limits: &[&MIN_BILLED_DURATION, &MIN_BILLED_DURATION_BEFORE_2_0],
    parse: super::Parse {
        keys: &[
            &WORKER_TYPE,
            &WORKERS,
            &DPUS,
            &DURATION,
            &RUNS_PER_MONTH,
            &EXECUTION_CLASS,
            &GLUE_VERSION,
        ],
        build,
    },
    doc: &DOC,
    input: None,
    catalogue: None,
    transforms: false,
};

static WORKER_TYPE: Key = Key::new(
    "worker_type",
    Kind::Choice(WorkerType::NAMES),
    Default::None,
    "`G.025X`, `G.1X`, `G.2X`, `G.4X` or `G.8X` (0.25 to 8 DPUs a worker)",
)
.defaulting_to("`dpus` instead");
static WORKERS: Key = Key::new(
    "workers",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::None,
    "workers of `worker_type` a run uses",
)
.defaulting_to("`dpus` instead");
static DPUS: Key = Key::new(
    "dpus",
    Kind::Number,
    Default::None,
    "DPUs a run uses (4 vCPU and 16 GB each), instead of `worker_type` and `workers`",
)
.defaulting_to("from the workers");
static DURATION: Key = Key::new(
    "duration",
    Kind::Duration,
    Default::None,
    "time a run takes",
)
.defaulting_to("required");
static RUNS_PER_MONTH: Key = Key::new(
    "runs_per_month",
    Kind::Number,
    Default::Integer(1),
    "runs a month",
);
static EXECUTION_CLASS: Key = Key::new(
    "execution_class",
    Kind::Choice(ExecutionClass::NAMES),
    Default::Text("standard"),
    "`standard`, or `flex` (spare capacity, cheaper, slower to start; Glue 3.0 and later)",
);
static GLUE_VERSION: Key = Key::new(
    "glue_version",
    Kind::Choice(GlueVersion::NAMES),
    Default::Text("5.0"),
    "the job's Glue version: before 2.0 a run is billed at least 10 minutes, from 2.0 at least 1",
);

pub const DOC: Doc = Doc {
    summary: "serverless Spark ETL jobs, billed per DPU-hour of run time",
    ordering: "none",
    retention: "none: it reads from and writes to stores",
    replay: "no",
    latency: "the run's duration",
    scaling: "DPUs set per job (worker type x workers)",
    formulas: &[
        "DPUs = workers x DPUs per worker (G.025X 0.25, G.1X 1, G.2X 2, G.4X 4, G.8X 8), or as given",
        "billed time = the run rounded up to the second, at least 1 minute (10 before Glue 2.0)",
        "DPU-hours = DPUs x billed time (h) x runs a month, standard or Flex",
    ],
};

pub const ETL_DPU_HOUR: Dimension = Dimension::new("glue.etl_dpu_hour", "DPU-hour");
pub const FLEX_DPU_HOUR: Dimension = Dimension::new("glue.flex_dpu_hour", "DPU-hour");

pub const MIN_BILLED_DURATION: Limit = Limit::new(
    "glue.min_billed_duration",
    LimitKind::Duration,
    "billed time of a run (Glue 2.0 and later)",
);
pub const MIN_BILLED_DURATION_BEFORE_2_0: Limit = Limit::new(
    "glue.min_billed_duration_before_2_0",
    LimitKind::Duration,
    "billed time of a run (Glue 0.9 and 1.0)",
);

choice! {
    pub enum WorkerType {
        G025x = "G.025X",
        G1x = "G.1X",
        G2x = "G.2X",
        G4x = "G.4X",
        G8x = "G.8X",
    }
}

impl WorkerType {
    /// DPUs a worker gives (Glue developer guide, "Worker types").
    fn dpus(self) -> Decimal {
        match self {
            Self::G025x => Decimal::new(25, 2),
            Self::G1x => Decimal::ONE,
            Self::G2x => Decimal::TWO,
            Self::G4x => Decimal::from(4),
            Self::G8x => Decimal::from(8),
        }
    }
}

choice! {
    pub enum ExecutionClass {
        Standard = "standard",
        Flex = "flex",
    }
}

choice! {
    pub enum GlueVersion {
        V0_9 = "0.9",
        V1_0 = "1.0",
        V2_0 = "2.0",
        V3_0 = "3.0",
        V4_0 = "4.0",
        V5_0 = "5.0",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// DPUs a run uses, from the workers or as given.
    pub dpus: Decimal,
    pub duration: Duration,
    pub runs_per_month: Decimal,
    pub execution_class: ExecutionClass,
    pub glue_version: GlueVersion,
}

fn build(values: &Values) -> Result<super::Input, Invalid> {
    let default = || Invalid::component("a key of `glue` has no value");
    let dpus = match (
        values.choice::<WorkerType>(&WORKER_TYPE),
        values.count(&WORKERS),
        values.number(&DPUS),
    ) {
        (Some(_), Some(_), Some(_)) | (Some(_), None, Some(_)) | (None, Some(_), Some(_)) => {
            return Err(Invalid::new(
                &DPUS,
                "`dpus` and `worker_type` with `workers` say the same thing twice",
            )
            .with_help("keep `worker_type` and `workers`, or `dpus` alone"));
        }
        (Some(_), None, None) => {
            return Err(Invalid::new(&WORKER_TYPE, "`worker_type` needs `workers`")
                .with_help("set how many workers a run uses, e.g. `workers = 10`"));
        }
        (None, Some(_), None) => {
            return Err(Invalid::new(&WORKERS, "`workers` needs `worker_type`")
                .with_help("e.g. `worker_type = \"G.1X\"`, one DPU a worker"));
        }
        (None, None, None) => {
            return Err(
                Invalid::component("`glue` needs `worker_type` and `workers`, or `dpus`")
                    .with_help("e.g. `worker_type = \"G.1X\", workers = 10`"),
            );
        }
        (Some(_), Some(0), None) => {
            return Err(Invalid::new(&WORKERS, "`workers` must be at least 1"));
        }
        (Some(worker_type), Some(workers), None) => worker_type
            .dpus()
            .times(Decimal::from(workers))
            .map_err(|_| Invalid::new(&WORKERS, "`workers` is too large to compute exactly"))?,
        (None, None, Some(dpus)) if dpus.is_zero() => {
            return Err(Invalid::new(&DPUS, "`dpus` must be more than 0"));
        }
        (None, None, Some(dpus)) => dpus,
    };
    let Some(duration) = values.duration(&DURATION) else {
        return Err(Invalid::component("`glue` needs `duration`")
            .with_help("set how long one run takes, e.g. `duration = \"15 min\"`"));
    };
    if duration <= Duration::ZERO {
        return Err(Invalid::new(&DURATION, "`duration` must be more than 0 s"));
    }
    let execution_class = values.choice(&EXECUTION_CLASS).ok_or_else(default)?;
    let glue_version: GlueVersion = values.choice(&GLUE_VERSION).ok_or_else(default)?;
    // The Flex execution class came with Glue 3.0 (AWS Big Data blog,
    // "Introducing AWS Glue Flex jobs").
    if execution_class == ExecutionClass::Flex
        && matches!(
            glue_version,
            GlueVersion::V0_9 | GlueVersion::V1_0 | GlueVersion::V2_0
        )
    {
        return Err(Invalid::new(
            &EXECUTION_CLASS,
            format!(
                "the `flex` execution class needs Glue 3.0 or later (found {})",
                glue_version.as_str()
            ),
        )
        .with_help("set `glue_version = \"3.0\"` or later, or use `standard`"));
    }
    Ok(super::Input::Glue(Input {
        dpus,
        duration,
        runs_per_month: values.number(&RUNS_PER_MONTH).ok_or_else(default)?,
        execution_class,
        glue_version,
    }))
}

impl Input {
    pub fn evaluate_into(&self, ctx: &Ctx, result: &mut ComponentResult) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.execution_class.as_str()));
        // A run is billed per second, rounded up, with a minimum that
        // Glue 2.0 lowered from 10 minutes to 1.
        let minimum = match self.glue_version {
            GlueVersion::V0_9 | GlueVersion::V1_0 => &MIN_BILLED_DURATION_BEFORE_2_0,
            _ => &MIN_BILLED_DURATION,
        };
        let run_secs = self.duration.secs().ceil();
        let billed_secs = run_secs.max(ctx.duration(minimum)?.secs());
        // Seconds first, hours last, so that a whole number of DPU-hours
        // stays whole (6 DPUs for 20 minutes are 2 DPU-hours exactly).
        let dpu_hours = self
            .dpus
            .times(billed_secs)?
            .times(self.runs_per_month)?
            .per(Decimal::from(3600))?;
        result.capacity("dpus", CapacityValue::Number(self.dpus));
        result.capacity("billed_seconds_per_run", CapacityValue::Number(billed_secs));
        result.capacity("dpu_hours", CapacityValue::Number(dpu_hours));
        let dimension = match self.execution_class {
            ExecutionClass::Standard => &ETL_DPU_HOUR,
            ExecutionClass::Flex => &FLEX_DPU_HOUR,
        };
        result.line_items.push(charge(ctx, dimension, dpu_hours)?);
        // A job reads from and writes to stores of its own: it passes
        // nothing on through the flow, and its data is late by its run.
        result.properties = Properties::default();
        result.latency = self.duration;
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Value;
    use crate::services::testing::{Alone, ctx, item};
    use rust_decimal_macros::dec;

    /// The job that the declared keys make, with `set` over their defaults.
    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        match crate::services::testing::built(&SERVICE, set)? {
            super::super::Input::Glue(job) => Ok(job),
            other => panic!("not a Glue job: {other:?}"),
        }
    }

    fn job(dpus: Decimal, duration: Duration) -> Input {
        Input {
            dpus,
            duration,
            runs_per_month: Decimal::ONE,
            execution_class: ExecutionClass::Standard,
            glue_version: GlueVersion::V5_0,
        }
    }

    fn line(input: &Input) -> (Decimal, Decimal) {
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let item = &result.line_items[0];
        (item.quantity, item.monthly_cost)
    }

    #[test]
    fn aws_pricing_example_of_a_15_minute_job() {
        // AWS's example: a Spark job of 6 DPUs for 15 minutes,
        // 6 × 0.25 h = 1.5 DPU-hours × $0.44 = $0.66.
        let input = built(&[
            (&DPUS, Value::Number(dec!(6))),
            (&DURATION, Value::Duration(Duration::from_secs(15 * 60))),
        ])
        .unwrap();
        assert_eq!(line(&input), (dec!(1.5), dec!(0.66)));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "etl_dpu_hour").monthly_cost, dec!(0.66));
        assert_eq!(result.latency, Duration::from_secs(900));
    }

    #[test]
    fn flex_example_of_a_20_minute_job() {
        // AWS's Flex example, as quoted: 6 DPUs × 1/3 h × $0.29 = $0.58.
        // 6 × 1,200 s = 7,200 DPU-seconds = 2 DPU-hours exactly.
        let mut input = job(dec!(6), Duration::from_secs(20 * 60));
        input.execution_class = ExecutionClass::Flex;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let flex = item(&result, "flex_dpu_hour");
        assert_eq!((flex.quantity, flex.monthly_cost), (dec!(2), dec!(0.58)));
    }

    #[test]
    fn workers_make_dpus() {
        // 10 × G.2X = 20 DPUs for 1 h, 60 runs: 1,200 DPU-hours × $0.44 = $528.
        let input = built(&[
            (&WORKER_TYPE, Value::Choice(2)),
            (&WORKERS, Value::Count(10)),
            (&DURATION, Value::Duration(Duration::from_hours(1))),
            (&RUNS_PER_MONTH, Value::Number(dec!(60))),
        ])
        .unwrap();
        assert_eq!(input.dpus, dec!(20));
        assert_eq!(line(&input), (dec!(1200), dec!(528)));
        // 2 × G.025X = 0.5 DPU.
        let input = built(&[
            (&WORKER_TYPE, Value::Choice(0)),
            (&WORKERS, Value::Count(2)),
            (&DURATION, Value::Duration(Duration::from_hours(1))),
        ])
        .unwrap();
        assert_eq!(input.dpus, dec!(0.5));
    }

    #[test]
    fn a_short_run_is_billed_one_minute_from_glue_2_0() {
        // 10 s on 10 DPUs is billed 60 s: 600 DPU-seconds = 1/6 DPU-hour
        // × $0.44 = $0.0733…; 30 such runs are 5 DPU-hours, $2.20.
        let mut input = job(dec!(10), Duration::from_secs(10));
        input.runs_per_month = dec!(30);
        assert_eq!(line(&input), (dec!(5), dec!(2.20)));
        // A run of 90.2 s is billed 91 s: 10 × 91 × 30 = 27,300 DPU-seconds
        // = 7.58333… DPU-hours.
        input.duration = Duration::from_ms(dec!(90200));
        let (quantity, _) = line(&input);
        assert_eq!(quantity.round_dp(6), dec!(7.583333));
    }

    #[test]
    fn a_short_run_is_billed_ten_minutes_before_glue_2_0() {
        // 2 minutes on Glue 1.0 with 10 DPUs: billed 10 minutes,
        // 10 × 600 s = 6,000 DPU-seconds = 1.6666… DPU-hours; 3 runs are
        // 18,000 DPU-seconds = 5 DPU-hours × $0.44 = $2.20.
        let mut input = job(dec!(10), Duration::from_secs(120));
        input.glue_version = GlueVersion::V1_0;
        input.runs_per_month = dec!(3);
        assert_eq!(line(&input), (dec!(5), dec!(2.20)));
        // The same runs on Glue 2.0 are billed their 2 minutes:
        // 10 × 120 × 3 = 3,600 DPU-seconds = 1 DPU-hour, $0.44.
        input.glue_version = GlueVersion::V2_0;
        assert_eq!(line(&input), (dec!(1), dec!(0.44)));
    }

    #[test]
    fn the_sizing_keys_exclude_and_need_each_other() {
        let duration = (&DURATION, Value::Duration(Duration::from_secs(60)));
        let error = built(std::slice::from_ref(&duration)).unwrap_err();
        assert_eq!(
            error.message,
            "`glue` needs `worker_type` and `workers`, or `dpus`"
        );
        let error = built(&[duration.clone(), (&WORKER_TYPE, Value::Choice(1))]).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &WORKER_TYPE));
        let error = built(&[duration.clone(), (&WORKERS, Value::Count(2))]).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &WORKERS));
        let error = built(&[
            duration.clone(),
            (&WORKER_TYPE, Value::Choice(1)),
            (&WORKERS, Value::Count(2)),
            (&DPUS, Value::Number(dec!(2))),
        ])
        .unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &DPUS));
        let error = built(&[(&DPUS, Value::Number(dec!(2)))]).unwrap_err();
        assert_eq!(error.message, "`glue` needs `duration`");
    }

    #[test]
    fn flex_needs_glue_3_0() {
        let base = [
            (&DPUS, Value::Number(dec!(2))),
            (&DURATION, Value::Duration(Duration::from_secs(60))),
            (&EXECUTION_CLASS, Value::Choice(1)),
        ];
        let mut set = base.to_vec();
        set.push((&GLUE_VERSION, Value::Choice(2)));
        let error = built(&set).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &EXECUTION_CLASS));
        assert_eq!(
            error.message,
            "the `flex` execution class needs Glue 3.0 or later (found 2.0)"
        );
        let mut set = base.to_vec();
        set.push((&GLUE_VERSION, Value::Choice(3)));
        assert_eq!(built(&set).unwrap().execution_class, ExecutionClass::Flex);
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^20 DPUs for a week, 10^6 runs: about 6 × 10^31 DPU-seconds.
        let mut input = job(dec!(1e20), Duration::from_hours(168));
        input.runs_per_month = dec!(1000000);
        assert_eq!(
            input.evaluate(&ctx(dec!(730))).unwrap_err(),
            EvalError::Arithmetic
        );
    }
}
