//! AWS Glue: ETL jobs, interactive sessions and crawlers, billed per
//! DPU-hour of run time, and the Data Catalog, billed per object stored and
//! per request beyond a free million of each.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::Duration;
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::Flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{ComponentResult, Properties};
use crate::model::traced::Traced;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "glue",
    title: "Glue",
    aliases: &["glue_etl", "glue_crawler", "glue_data_catalog"],
    dimensions: &[
        &ETL_DPU_HOUR,
        &FLEX_DPU_HOUR,
        &SESSION_DPU_HOUR,
        &CRAWLER_DPU_HOUR,
        &CATALOG_OBJECTS,
        &CATALOG_REQUESTS,
    ],
    limits: &[
        &MIN_BILLED_DURATION,
        &MIN_BILLED_DURATION_BEFORE_2_0,
        &MIN_BILLED_SESSION,
        &SESSION_DEFAULT_DPUS,
        &SESSION_MIN_DPUS,
        &MIN_BILLED_CRAWL,
    ],
    keys: &[
        &KIND,
        &WORKER_TYPE,
        &WORKERS,
        &DPUS,
        &DURATION,
        &RUNS_PER_MONTH,
        &EXECUTION_CLASS,
        &GLUE_VERSION,
        &CATALOG_OBJECTS_KEY,
        &CATALOG_REQUESTS_PER_MONTH,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    catalogue: None,
    offer: Some(&Offer {
        code: "AWSGlue",
        catalogue: None,
        mappings: &[],
    }),
    transforms: false,
};

static KIND: Key = Key::new(
    "kind",
    Kind::Choice(GlueKind::NAMES),
    Default::Text("job"),
    "`job` (an ETL job), `interactive_session`, `crawler`, or `data_catalog` (objects and requests)",
);
static WORKER_TYPE: Key = Key::new(
    "worker_type",
    Kind::Choice(WorkerType::NAMES),
    Default::None,
    "`G.1X`, `G.2X`, `G.4X` or `G.8X` (1 to 8 DPUs a worker); `G.025X` (0.25) runs only streaming jobs",
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
    "DPUs a run uses (4 vCPU and 16 GB each), instead of `worker_type` and `workers`; \
     for a crawler, the DPUs its crawls report",
)
.defaulting_to("from the workers (5 for a session)");
static DURATION: Key = Key::new(
    "duration",
    Kind::Duration,
    Default::None,
    "time a run, session or crawl takes",
)
.defaulting_to("required")
.in_unit("s");
static RUNS_PER_MONTH: Key = Key::new(
    "runs_per_month",
    Kind::Number,
    Default::Integer(1),
    "runs, sessions or crawls a month",
);
static CATALOG_OBJECTS_KEY: Key = Key::new(
    "catalog_objects",
    Kind::Number,
    Default::None,
    "objects the Data Catalog stores (tables, partitions, databases…); the first million are free",
)
.defaulting_to("0, with `kind = \"data_catalog\"`");
static CATALOG_REQUESTS_PER_MONTH: Key = Key::new(
    "catalog_requests_per_month",
    Kind::Number,
    Default::None,
    "requests to the Data Catalog a month; the first million are free",
)
.defaulting_to("0, with `kind = \"data_catalog\"`");
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
    bills: "ETL job DPU-hours, standard or Flex: DPUs (`worker_type` × `workers`, or `dpus`; at least 2, and no `G.025X`, which runs only streaming jobs) × each run rounded up to the second, at least 1 minute (10 before Glue 2.0) × `runs_per_month`. `kind = \"interactive_session\"` (5 DPUs unless set, at least 2; 1-minute minimum), `kind = \"crawler\"` (the DPUs its crawls report; 10-minute minimum), `kind = \"data_catalog\"` (`catalog_objects`, `catalog_requests_per_month`; the first million of each free)",
    reports: "DPUs, DPU-hours, catalog objects",
    summary: "serverless Spark ETL jobs, sessions and crawlers, billed per DPU-hour; the Data Catalog per object and request",
    ordering: "none",
    retention: "none: it reads from and writes to stores",
    replay: "no",
    latency: "the run's duration",
    scaling: "DPUs set per job (worker type x workers)",
    formulas: &[
        "DPUs = workers x DPUs per worker (G.025X 0.25, G.1X 1, G.2X 2, G.4X 4, G.8X 8), or as given",
        "billed time = the run rounded up to the second, at least 1 minute (10 before Glue 2.0)",
        "DPU-hours = DPUs x billed time (h) x runs a month, standard or Flex",
        "interactive session: 5 DPUs unless set (at least 2), at least 1 minute billed",
        "crawler: the DPUs its crawls use x each crawl's time, at least 10 minutes billed",
        "Data Catalog: (objects - 1 million) / 100,000 + (requests - 1 million) / 1 million, in dollars at $1 each",
    ],
};

pub const ETL_DPU_HOUR: Dimension = Dimension::new("glue.etl_dpu_hour", "DPU-hour");
pub const FLEX_DPU_HOUR: Dimension = Dimension::new("glue.flex_dpu_hour", "DPU-hour");
pub const SESSION_DPU_HOUR: Dimension =
    Dimension::new("glue.interactive_session_dpu_hour", "DPU-hour");
pub const CRAWLER_DPU_HOUR: Dimension = Dimension::new("glue.crawler_dpu_hour", "DPU-hour");
pub const CATALOG_OBJECTS: Dimension =
    Dimension::new("glue.catalog_storage", "100,000 objects-month");
pub const CATALOG_REQUESTS: Dimension = Dimension::new("glue.catalog_requests", "million requests");

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

pub const MIN_BILLED_SESSION: Limit = Limit::new(
    "glue.min_billed_session_duration",
    LimitKind::Duration,
    "billed time of an interactive session",
);
pub const SESSION_DEFAULT_DPUS: Limit = Limit::new(
    "glue.interactive_session_default_dpus",
    LimitKind::Count,
    "DPUs an interactive session has unless set",
);
pub const SESSION_MIN_DPUS: Limit = Limit::new(
    "glue.interactive_session_min_dpus",
    LimitKind::Count,
    "DPUs of an interactive session",
);
pub const MIN_BILLED_CRAWL: Limit = Limit::new(
    "glue.min_billed_crawl_duration",
    LimitKind::Duration,
    "billed time of a crawl",
);

choice! {
    pub enum GlueKind {
        Job = "job",
        InteractiveSession = "interactive_session",
        Crawler = "crawler",
        DataCatalog = "data_catalog",
    }
}

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

    /// The DPUs a worker gives, for a working.
    fn dpus_traced<N: Number>(self) -> Traced<N> {
        let what = match self {
            Self::G025x => "DPUs a G.025X worker gives",
            Self::G1x => "DPUs a G.1X worker gives",
            Self::G2x => "DPUs a G.2X worker gives",
            Self::G4x => "DPUs a G.4X worker gives",
            Self::G8x => "DPUs a G.8X worker gives",
        };
        Traced::rule(self.dpus(), "DPUs/worker", what)
    }
}

/// The workers a run uses, when its DPUs are set by `worker_type` and
/// `workers`: the type and the count.
pub type Workers = Option<(WorkerType, u32)>;

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
    pub work: Work,
    /// Runs, sessions or crawls a month.
    pub runs_per_month: Decimal,
}

/// What a `glue` component is billed for.
#[derive(Clone, Debug, PartialEq)]
pub enum Work {
    /// An ETL job: DPUs from the workers or as given.
    Job {
        dpus: Decimal,
        workers: Workers,
        duration: Duration,
        execution_class: ExecutionClass,
        glue_version: GlueVersion,
    },
    /// An interactive session; without DPUs, Glue's default.
    Session {
        dpus: Option<Decimal>,
        workers: Workers,
        duration: Duration,
    },
    /// A crawler, at the DPUs its crawls report.
    Crawler { dpus: Decimal, duration: Duration },
    /// The Data Catalog: objects stored and requests a month.
    Catalog { objects: Decimal, requests: Decimal },
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let kind: GlueKind = values.choice(&KIND).ok_or_else(no_value)?;
    let runs_per_month = values.number(&RUNS_PER_MONTH).ok_or_else(no_value)?;
    if kind == GlueKind::DataCatalog {
        return Ok(Input {
            work: catalog(values)?,
            runs_per_month,
        });
    }
    let catalog_keys = [&CATALOG_OBJECTS_KEY, &CATALOG_REQUESTS_PER_MONTH];
    if let Some(key) = catalog_keys.into_iter().find(|key| values.is_set(key)) {
        return Err(Invalid::new(
            key,
            format!("`{}` needs `kind = \"data_catalog\"`", key.name),
        )
        .with_help("give the Data Catalog a component of its own"));
    }
    let dpus = dpus(values, kind)?;
    let Some(duration) = values.duration(&DURATION) else {
        return Err(Invalid::component("`glue` needs `duration`")
            .with_help("set how long one run takes, e.g. `duration = \"15 min\"`"));
    };
    if duration <= Duration::ZERO {
        return Err(Invalid::new(&DURATION, "`duration` must be more than 0 s"));
    }
    let work = match kind {
        GlueKind::Job => job(values, dpus, duration)?,
        GlueKind::InteractiveSession => session(values, dpus, duration)?,
        GlueKind::Crawler => crawler(values, dpus, duration)?,
        GlueKind::DataCatalog => catalog(values)?,
    };
    Ok(Input {
        work,
        runs_per_month,
    })
}

/// A key every component of `glue` has a value for (by default) has none.
fn no_value() -> Invalid {
    Invalid::component("a key of `glue` has no value")
}

/// The Data Catalog: its objects and requests, and none of a job's figures.
fn catalog(values: &Values) -> Result<Work, Invalid> {
    for key in [&WORKER_TYPE, &WORKERS, &DPUS, &DURATION] {
        if values.is_set(key) {
            return Err(Invalid::new(
                key,
                format!("`{}` is not a figure of the Data Catalog", key.name),
            )
            .with_help("give the catalog its own component, and the job or crawler another"));
        }
    }
    Ok(Work::Catalog {
        objects: values.number(&CATALOG_OBJECTS_KEY).unwrap_or(Decimal::ZERO),
        requests: values
            .number(&CATALOG_REQUESTS_PER_MONTH)
            .unwrap_or(Decimal::ZERO),
    })
}

/// An ETL job: its DPUs, standard or Flex (Flex came with Glue 3.0: AWS Big
/// Data blog, "Introducing AWS Glue Flex jobs").
fn job(
    values: &Values,
    dpus: Option<(Decimal, Workers)>,
    duration: Duration,
) -> Result<Work, Invalid> {
    let execution_class: ExecutionClass = values.choice(&EXECUTION_CLASS).ok_or_else(no_value)?;
    let glue_version: GlueVersion = values.choice(&GLUE_VERSION).ok_or_else(no_value)?;
    let Some((dpus, workers)) = dpus else {
        return Err(
            Invalid::component("`glue` needs `worker_type` and `workers`, or `dpus`")
                .with_help("e.g. `worker_type = \"G.1X\", workers = 10`"),
        );
    };
    // "This worker type is only available for AWS Glue version 3.0 or later
    // streaming jobs" (Glue API reference, `WorkerType`, of G.025X); a
    // `glue` job is a batch Spark ETL job.
    if let Some((WorkerType::G025x, _)) = workers {
        return Err(Invalid::new(
            &WORKER_TYPE,
            "`G.025X` workers run only Glue streaming jobs, not a Spark ETL job",
        )
        .with_help(
            "use `worker_type = \"G.1X\"` (1 DPU a worker) or larger, with at least 2 workers",
        ));
    }
    // "An AWS Glue ETL job requires a minimum of 2 DPUs" (AWS Glue FAQ); the
    // API allows a Spark ETL job "from 2 to 100 DPUs" (Glue API reference,
    // `MaxCapacity`).
    if dpus < Decimal::TWO {
        let (key, help) = match workers {
            Some((worker_type, _)) => (
                &WORKERS,
                format!(
                    "set `workers = {}` or more: a {} worker gives {} DPU",
                    (Decimal::TWO / worker_type.dpus()).ceil(),
                    worker_type.as_str(),
                    worker_type.dpus()
                ),
            ),
            None => (&DPUS, "set `dpus = 2` or more".to_owned()),
        };
        return Err(Invalid::new(
            key,
            format!("a Spark ETL job needs at least 2 DPUs (found {dpus})"),
        )
        .with_help(help));
    }
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
    Ok(Work::Job {
        dpus,
        workers,
        duration,
        execution_class,
        glue_version,
    })
}

/// An interactive session: Glue 2.0 and later, at the standard rate (Glue
/// developer guide, "Interactive sessions pricing").
fn session(
    values: &Values,
    dpus: Option<(Decimal, Workers)>,
    duration: Duration,
) -> Result<Work, Invalid> {
    let execution_class: ExecutionClass = values.choice(&EXECUTION_CLASS).ok_or_else(no_value)?;
    let glue_version: GlueVersion = values.choice(&GLUE_VERSION).ok_or_else(no_value)?;
    if execution_class == ExecutionClass::Flex {
        return Err(Invalid::new(
            &EXECUTION_CLASS,
            "an interactive session has no `flex` execution class",
        )
        .with_help("remove `execution_class`"));
    }
    if matches!(glue_version, GlueVersion::V0_9 | GlueVersion::V1_0) {
        return Err(Invalid::new(
            &GLUE_VERSION,
            format!(
                "interactive sessions need Glue 2.0 or later (found {})",
                glue_version.as_str()
            ),
        ));
    }
    Ok(Work::Session {
        dpus: dpus.map(|(dpus, _)| dpus),
        workers: dpus.and_then(|(_, workers)| workers),
        duration,
    })
}

/// A crawler: the DPUs its crawls report; Glue picks its workers.
fn crawler(
    values: &Values,
    dpus: Option<(Decimal, Workers)>,
    duration: Duration,
) -> Result<Work, Invalid> {
    if values.is_set(&WORKER_TYPE) || values.is_set(&WORKERS) {
        return Err(Invalid::new(
            &WORKER_TYPE,
            "a crawler has no workers: Glue picks its DPUs",
        )
        .with_help("set `dpus` to what the crawler's runs report"));
    }
    let Some((dpus, _)) = dpus else {
        return Err(Invalid::component("a `glue` crawler needs `dpus`")
            .with_help("set the DPUs its crawls report, e.g. `dpus = 2`"));
    };
    Ok(Work::Crawler { dpus, duration })
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
        let (dimension, dpus, duration, minimum) = match &self.work {
            Work::Catalog { objects, requests } => {
                result.reset(SERVICE.name, Some(GlueKind::DataCatalog.as_str()));
                result.properties = Properties::default();
                result.output = Some(Flow::NOTHING);
                // Storage is priced per 100,000 objects a month and requests
                // per million; the table's free allowance covers the first
                // million of each.
                let objects = given::key(*objects, "objects", &CATALOG_OBJECTS_KEY);
                let unit = Traced::rule(
                    Decimal::from(100_000),
                    "objects",
                    "objects a unit of catalog storage holds",
                );
                let hundred_thousands = objects.per(unit)?;
                result.capacity_of("catalog_objects", objects, "objects");
                charge_into(
                    &mut result.line_items,
                    ctx,
                    &CATALOG_OBJECTS,
                    hundred_thousands,
                )?;
                let requests = given::key(*requests, "requests", &CATALOG_REQUESTS_PER_MONTH);
                let millions = requests.per(given::million())?;
                charge_into(&mut result.line_items, ctx, &CATALOG_REQUESTS, millions)?;
                result.latency = Duration::ZERO;
                return Ok(());
            }
            Work::Job {
                dpus,
                workers,
                duration,
                execution_class,
                glue_version,
            } => {
                result.reset(SERVICE.name, Some(execution_class.as_str()));
                // Billed per second, rounded up, with a minimum that Glue 2.0
                // lowered from 10 minutes to 1.
                let minimum = match glue_version {
                    GlueVersion::V0_9 | GlueVersion::V1_0 => &MIN_BILLED_DURATION_BEFORE_2_0,
                    _ => &MIN_BILLED_DURATION,
                };
                let dimension = match execution_class {
                    ExecutionClass::Standard => &ETL_DPU_HOUR,
                    ExecutionClass::Flex => &FLEX_DPU_HOUR,
                };
                (dimension, run_dpus(*dpus, *workers)?, *duration, minimum)
            }
            Work::Session {
                dpus,
                workers,
                duration,
            } => {
                result.reset(SERVICE.name, Some(GlueKind::InteractiveSession.as_str()));
                let dpus = match dpus {
                    Some(dpus) => run_dpus(*dpus, *workers)?,
                    None => ctx.limit_traced(&SESSION_DEFAULT_DPUS, "DPUs")?,
                };
                let least = ctx.count(&SESSION_MIN_DPUS)?;
                if dpus.value() < N::of(least) {
                    result.violate_below(
                        &SESSION_MIN_DPUS,
                        dpus.value().decimal(),
                        least,
                        "give the session at least 2 DPUs",
                    );
                }
                (&SESSION_DPU_HOUR, dpus, *duration, &MIN_BILLED_SESSION)
            }
            Work::Crawler { dpus, duration } => {
                result.reset(SERVICE.name, Some(GlueKind::Crawler.as_str()));
                let dpus = given::key(*dpus, "DPUs", &DPUS);
                (&CRAWLER_DPU_HOUR, dpus, *duration, &MIN_BILLED_CRAWL)
            }
        };
        // A job reads from and writes to stores of its own: it passes
        // nothing on through the flow.
        result.properties = Properties::default();
        result.output = Some(Flow::NOTHING);
        let run_secs = given::seconds(duration, &DURATION).ceil();
        let ms = given::ms_a_second();
        let billed_secs = run_secs.max(ctx.limit_traced(minimum, "ms")?.per(ms)?);
        // Seconds first, hours last, so that a whole number of DPU-hours
        // stays whole (6 DPUs for 20 minutes are 2 DPU-hours exactly).
        let runs = given::key(self.runs_per_month, "runs", &RUNS_PER_MONTH);
        let hour = given::seconds_an_hour();
        let dpu_hours = dpus.times(billed_secs)?.times(runs)?.per(hour)?;
        result.capacity_of("dpus", dpus, "DPUs");
        result.capacity_of("billed_seconds_per_run", billed_secs, "s");
        result.capacity_of("dpu_hours", dpu_hours, "DPU-hours");
        charge_into(&mut result.line_items, ctx, dimension, dpu_hours)?;
        // The data is late by the run.
        result.latency = duration;
        Ok(())
    }
}

/// The DPUs of a run, for a working: the workers' (`worker_type` ×
/// `workers`) when they set them, else `dpus` as given.
fn run_dpus<N: Number>(dpus: Decimal, workers: Workers) -> Result<Traced<N>, EvalError> {
    Ok(match workers {
        Some((worker_type, workers)) => worker_type
            .dpus_traced()
            .times(given::key(workers, "workers", &WORKERS))?,
        None => given::key(dpus, "DPUs", &DPUS),
    })
}

/// The DPUs from `worker_type` × `workers` or `dpus`, if either is given,
/// and the workers that make them.
fn dpus(values: &Values, kind: GlueKind) -> Result<Option<(Decimal, Workers)>, Invalid> {
    match (
        values.choice::<WorkerType>(&WORKER_TYPE),
        values.count(&WORKERS),
        values.number(&DPUS),
    ) {
        (Some(_), Some(_), Some(_)) | (Some(_), None, Some(_)) | (None, Some(_), Some(_)) => {
            Err(Invalid::new(
                &DPUS,
                "`dpus` and `worker_type` with `workers` say the same thing twice",
            )
            .with_help("keep `worker_type` and `workers`, or `dpus` alone"))
        }
        (Some(_), None, None) => Err(Invalid::new(&WORKER_TYPE, "`worker_type` needs `workers`")
            .with_help("set how many workers a run uses, e.g. `workers = 10`")),
        (None, Some(_), None) => Err(Invalid::new(&WORKERS, "`workers` needs `worker_type`")
            .with_help("e.g. `worker_type = \"G.1X\"`, one DPU a worker")),
        (None, None, None) if kind == GlueKind::Job => Err(Invalid::component(
            "`glue` needs `worker_type` and `workers`, or `dpus`",
        )
        .with_help("e.g. `worker_type = \"G.1X\", workers = 10`")),
        (None, None, None) => Ok(None),
        (Some(_), Some(0), None) => Err(Invalid::new(&WORKERS, "`workers` must be at least 1")),
        (Some(worker_type), Some(workers), None) => worker_type
            .dpus()
            .times(Decimal::from(workers))
            .map(|dpus| Some((dpus, Some((worker_type, workers)))))
            .map_err(|_| Invalid::new(&WORKERS, "`workers` is too large to compute exactly")),
        (None, None, Some(dpus)) if dpus.is_zero() => {
            Err(Invalid::new(&DPUS, "`dpus` must be more than 0"))
        }
        (None, None, Some(dpus)) => Ok(Some((dpus, None))),
    }
}

#[cfg(test)]
mod tests;
