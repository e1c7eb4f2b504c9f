//! AWS Fargate tasks (Linux), billed per vCPU-hour and GB-hour of the task's size.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration, MIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{CapacityValue, ComponentResult, Properties};
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::charge_off_into;
use crate::services::kit::given;
use crate::services::kit::spot::{self, SPOT_DISCOUNT};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "fargate",
    title: "Fargate",
    aliases: &[],
    dimensions: &[&VCPU_HOUR_X86, &GB_HOUR_X86, &VCPU_HOUR_ARM, &GB_HOUR_ARM],
    limits: &[&MIN_BILLED_DURATION],
    keys: &[
        &TASKS,
        &VCPU,
        &MEMORY,
        &ARCHITECTURE,
        &HOURS_RUNNING,
        &RUNS_PER_MONTH,
        &DURATION,
        &SPOT,
        &SPOT_DISCOUNT,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    catalogue: None,
    offer: Some(&Offer {
        code: "AmazonECS",
        catalogue: None,
        mappings: &[],
    }),
    transforms: true,
};

static TASKS: Key = Key::new(
    "tasks",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::Integer(1),
    "tasks running at once (or started by each run)",
);
static VCPU: Key = Key::new(
    "vcpu",
    Kind::Number,
    Default::None,
    "vCPUs of a task: 0.25, 0.5, 1, 2, 4, 8 or 16",
)
.defaulting_to("required");
static MEMORY: Key = Key::new(
    "memory",
    Kind::Size,
    Default::None,
    "memory of a task, one of the sizes its `vcpu` allows (1 vCPU: 2 GB to 8 GB)",
)
.defaulting_to("required");
static ARCHITECTURE: Key = Key::new(
    "architecture",
    Kind::Choice(Architecture::NAMES),
    Default::Text("x86_64"),
    "`x86_64`, or `arm64` (Graviton, cheaper per vCPU and GB)",
);
static HOURS_RUNNING: Key = Key::new(
    "hours_running",
    Kind::Duration,
    Default::None,
    "time each task runs in the month, for a service that keeps running",
)
.defaulting_to("the whole month")
.in_unit("h");
static RUNS_PER_MONTH: Key = Key::new(
    "runs_per_month",
    Kind::Number,
    Default::None,
    "runs a month of tasks that stop when done, with `duration`",
)
.defaulting_to("`hours_running` instead");
static DURATION: Key = Key::new(
    "duration",
    Kind::Duration,
    Default::None,
    "time a run takes, with `runs_per_month`",
)
.defaulting_to("`hours_running` instead")
.in_unit("s");

static SPOT: Key = Key::new(
    "spot",
    Kind::Flag,
    Default::Bool(false),
    "Fargate Spot (spare capacity AWS can reclaim with a two-minute warning), with `spot_discount`",
);

pub const DOC: Doc = Doc {
    bills: "vCPU-hours and GB-hours (Linux, x86_64 or arm64) of a task size Fargate runs (an impossible vCPU and memory pair is refused with the nearest sizes): tasks × the hours they run (the whole month unless `hours_running`), or × `runs_per_month` of `duration`, each run rounded up to the second, at least 1 minute; `spot = true` prices Fargate Spot at the `spot_discount` the scenario states",
    reports: "task size, task-hours",
    summary: "serverless containers (ECS tasks), billed per vCPU-hour and GB-hour (Linux)",
    ordering: "whatever the software keeps",
    retention: "none: a task's storage goes with it",
    replay: "no",
    latency: "none added",
    scaling: "task size (vCPU and memory) and task count",
    formulas: &[
        "task size: 0.25 vCPU with 0.5, 1 or 2 GB; 0.5 vCPU 1-4 GB; 1 vCPU 2-8 GB; 2 vCPU 4-16 GB; 4 vCPU 8-30 GB (1 GB steps); 8 vCPU 16-60 GB (4 GB steps); 16 vCPU 32-120 GB (8 GB steps)",
        "task-hours = tasks x hours running (the whole month unless set)",
        "or task-hours = tasks x each run rounded up to the second, at least 1 minute, x runs a month",
        "vCPU-hours = vcpu x task-hours; GB-hours = memory (GB) x task-hours, x86_64 or arm64",
        "Fargate Spot: the same, less `spot_discount`, the fraction the scenario assumes",
    ],
};

pub const VCPU_HOUR_X86: Dimension = Dimension::new("fargate.vcpu_hour", "vCPU-hour");
pub const GB_HOUR_X86: Dimension = Dimension::new("fargate.gb_hour", "GB-hour");
pub const VCPU_HOUR_ARM: Dimension = Dimension::new("fargate.vcpu_hour_arm", "vCPU-hour");
pub const GB_HOUR_ARM: Dimension = Dimension::new("fargate.gb_hour_arm", "GB-hour");

pub const MIN_BILLED_DURATION: Limit = Limit::new(
    "fargate.min_billed_duration",
    LimitKind::Duration,
    "billed time of a task",
);

choice! {
    pub enum Architecture {
        X86_64 = "x86_64",
        Arm64 = "arm64",
    }
}

/// The task sizes Fargate runs (Linux): a vCPU count, in thousandths, and
/// the memory it allows, from `min` to `max` MiB in `step`s (Amazon ECS
/// developer guide, "Troubleshoot Amazon ECS task definition invalid CPU or
/// memory errors"). 0.25 vCPU takes 0.5, 1 or 2 GB: two rows.
const SIZES: &[(u32, u64, u64, u64)] = &[
    (250, 512, 512, 512),
    (250, 1024, 2048, 1024),
    (500, 1024, 4096, 1024),
    (1000, 2048, 8192, 1024),
    (2000, 4096, 16384, 1024),
    (4000, 8192, 30720, 1024),
    (8000, 16384, 61440, 4096),
    (16000, 32768, 122_880, 8192),
];

/// The memory sizes (in MiB) a task of `millis` thousandths of a vCPU may have.
fn memories(millis: u32) -> impl Iterator<Item = u64> {
    SIZES
        .iter()
        .filter(move |(cpu, ..)| *cpu == millis)
        .flat_map(|&(_, min, max, step)| (min..=max).step_by(step as usize))
}

fn vcpu_text(millis: u32) -> String {
    (Decimal::from(millis) / Decimal::from(1000))
        .normalize()
        .to_string()
}

/// Checks that `vcpu` and `memory` make a task size Fargate runs; if not,
/// the error is at the key that is off, with the nearest sizes as help.
/// AWS Batch on Fargate runs its jobs as such tasks, so it checks them too.
pub fn check_size(
    vcpu: Decimal,
    memory: Bytes,
    (vcpu_key, memory_key): (&'static Key, &'static Key),
) -> Result<(), Invalid> {
    // Whole thousandths of a vCPU, worked out without text: a component is
    // checked at every evaluation, which allocates nothing.
    let millis = vcpu
        .checked_mul(Decimal::from(1000))
        .filter(|m| m.fract().is_zero())
        .and_then(|m| u32::try_from(m).ok())
        .filter(|m| SIZES.iter().any(|(cpu, ..)| cpu == m));
    let Some(millis) = millis else {
        return Err(Invalid::new(
            vcpu_key,
            format!("Fargate has no task of {} vCPU", vcpu.normalize()),
        )
        .with_help("a task has 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU"));
    };
    if memories(millis).any(|mib| Bytes(mib * MIB) == memory) {
        return Ok(());
    }
    // The nearest memory this vCPU allows (the smaller on a tie), and the
    // smallest vCPU that allows this memory, if one does.
    let nearest = memories(millis)
        .min_by_key(|&mib| (mib * MIB).abs_diff(memory.0))
        .unwrap_or(0);
    let mut help = format!(
        "with {} vCPU a task has {}; the nearest: {} with {} vCPU",
        vcpu_text(millis),
        allowed(millis),
        Bytes(nearest * MIB),
        vcpu_text(millis),
    );
    let mut cpus: Vec<u32> = SIZES.iter().map(|(cpu, ..)| *cpu).collect();
    cpus.dedup();
    if let Some(other) = cpus
        .into_iter()
        .find(|&cpu| memories(cpu).any(|mib| Bytes(mib * MIB) == memory))
    {
        help.push_str(&format!(", or {memory} with {} vCPU", vcpu_text(other)));
    }
    Err(Invalid::new(
        memory_key,
        format!(
            "Fargate has no task of {} vCPU with {memory}",
            vcpu_text(millis)
        ),
    )
    .with_help(help))
}

/// The memory a vCPU count allows, in words.
fn allowed(millis: u32) -> String {
    let rows: Vec<_> = SIZES.iter().filter(|(cpu, ..)| *cpu == millis).collect();
    if rows.len() > 1 {
        let sizes: Vec<String> = memories(millis)
            .map(|mib| Bytes(mib * MIB).to_string())
            .collect();
        return sizes.join(", ");
    }
    let (_, min, max, step) = rows[0];
    format!(
        "{} to {} in {} steps",
        Bytes(min * MIB),
        Bytes(max * MIB),
        Bytes(step * MIB)
    )
}

/// How long the tasks run in the month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Running {
    /// Each task runs this long; `None` is the whole month.
    Hours(Option<Duration>),
    /// Runs that stop when done, each `duration` long.
    Runs {
        per_month: Decimal,
        duration: Duration,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub tasks: u32,
    pub vcpu: Decimal,
    pub memory: Bytes,
    pub architecture: Architecture,
    pub running: Running,
    /// The fraction below On-Demand that Fargate Spot is priced at; `None` On-Demand.
    pub spot_discount: Option<Decimal>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `fargate` has no value");
    let tasks = values.count(&TASKS).ok_or_else(default)?;
    if tasks == 0 {
        return Err(Invalid::new(&TASKS, "`tasks` must be at least 1")
            .with_help("leave the component out if nothing runs"));
    }
    let (Some(vcpu), Some(memory)) = (values.number(&VCPU), values.bytes(&MEMORY)) else {
        return Err(Invalid::component("`fargate` needs `vcpu` and `memory`")
            .with_help("e.g. `vcpu = 1, memory = \"2 GB\"`, a task size Fargate runs"));
    };
    check_size(vcpu, memory, (&VCPU, &MEMORY))?;
    let running = match (
        values.duration(&HOURS_RUNNING),
        values.number(&RUNS_PER_MONTH),
        values.duration(&DURATION),
    ) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(Invalid::new(
                &HOURS_RUNNING,
                "`hours_running` and `runs_per_month` with `duration` exclude each other",
            )
            .with_help("keep `hours_running` for tasks that keep running, or runs for tasks that stop when done"));
        }
        (None, Some(_), None) => {
            return Err(
                Invalid::new(&RUNS_PER_MONTH, "`runs_per_month` needs `duration`")
                    .with_help("set how long one run takes, e.g. `duration = \"5 min\"`"),
            );
        }
        (None, None, Some(_)) => {
            return Err(Invalid::new(&DURATION, "`duration` needs `runs_per_month`")
                .with_help("set how many runs a month, e.g. `runs_per_month = 30`"));
        }
        (Some(hours), None, None) if hours <= Duration::ZERO => {
            return Err(
                Invalid::new(&HOURS_RUNNING, "`hours_running` must be more than 0 h")
                    .with_help("leave it out for tasks that run all month"),
            );
        }
        (hours, None, None) => Running::Hours(hours),
        (None, Some(_), Some(duration)) if duration <= Duration::ZERO => {
            return Err(Invalid::new(&DURATION, "`duration` must be more than 0 s"));
        }
        (None, Some(per_month), Some(duration)) => Running::Runs {
            per_month,
            duration,
        },
    };
    let spot = values.flag(&SPOT).ok_or_else(default)?;
    Ok(Input {
        tasks,
        vcpu,
        memory,
        architecture: values.choice(&ARCHITECTURE).ok_or_else(default)?,
        running,
        spot_discount: spot::discount(values, spot)?,
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
        result.reset(SERVICE.name, Some(self.architecture.as_str()));
        let tasks = given::key(self.tasks, "tasks", &TASKS);
        let task_seconds = match self.running {
            Running::Hours(hours) => {
                let hours = ctx.hours_running(hours, &HOURS_RUNNING, result);
                tasks.times(hours)?.times(given::seconds_an_hour())?
            }
            Running::Runs {
                per_month,
                duration,
            } => {
                let billed = billed_seconds(ctx, given::seconds(duration, &DURATION))?;
                result.capacity_of("billed_seconds_per_run", billed, "s");
                let runs = given::key(per_month, "runs", &RUNS_PER_MONTH);
                tasks.times(billed)?.times(runs)?
            }
        };
        let vcpu = given::key(self.vcpu, "vCPU", &VCPU);
        let memory = given::size(self.memory, &MEMORY);
        result.capacity("tasks", CapacityValue::Count(u64::from(self.tasks)));
        traced::step("tasks", Part::Capacity, "tasks", tasks);
        result.capacity_of("vcpu", vcpu, "vCPU");
        result.capacity("memory", CapacityValue::Bytes(self.memory));
        traced::step("memory", Part::Capacity, "B", memory);
        result.capacity_of(
            "task_hours",
            task_seconds.per(given::seconds_an_hour())?,
            "h",
        );
        charge_tasks(
            ctx,
            result,
            self.architecture,
            (vcpu, memory),
            task_seconds,
            self.spot_discount,
        )?;
        if let Some(off) = self.spot_discount {
            spot::note(result, off);
            let off: Traced = given::key(off, "", &SPOT_DISCOUNT);
            traced::step("spot_discount", Part::Capacity, "", off);
        }
        // A task runs as long as it is left running; what it keeps and in
        // which order depends on the software in it.
        result.properties = Properties::default();
        Ok(())
    }
}

/// The seconds a run of `duration` seconds is billed: rounded up to the
/// second, at least the table's minimum ("Pricing is calculated per second
/// with a 1-minute minimum", AWS Fargate pricing page). AWS Batch bills
/// its Fargate jobs so.
pub fn billed_seconds<N: Number>(
    ctx: &Ctx<N>,
    duration: Traced<N>,
) -> Result<Traced<N>, EvalError> {
    let ms = given::ms_a_second();
    let minimum = ctx.limit_traced(&MIN_BILLED_DURATION, "ms")?.per(ms)?;
    Ok(duration.ceil().max(minimum))
}

/// The line items of `task_seconds` of tasks of `vcpu` vCPUs and `memory`
/// bytes: vCPU-hours and GB-hours. Seconds first, hours last, so that
/// whole hours stay whole.
pub fn charge_tasks<N: Number>(
    ctx: &Ctx<N>,
    result: &mut ComponentResult<N>,
    architecture: Architecture,
    (vcpu, memory): (Traced<N>, Traced<N>),
    task_seconds: Traced<N>,
    spot_discount: Option<Decimal>,
) -> Result<(), EvalError> {
    let gb = memory.per(given::gib())?;
    let vcpu_hours = vcpu.times(task_seconds)?.per(given::seconds_an_hour())?;
    let gb_hours = gb.times(task_seconds)?.per(given::seconds_an_hour())?;
    let (vcpu_dimension, gb_dimension) = match architecture {
        Architecture::X86_64 => (&VCPU_HOUR_X86, &GB_HOUR_X86),
        Architecture::Arm64 => (&VCPU_HOUR_ARM, &GB_HOUR_ARM),
    };
    charge_off_into(
        &mut result.line_items,
        ctx,
        vcpu_dimension,
        vcpu_hours,
        spot_discount,
    )?;
    charge_off_into(
        &mut result.line_items,
        ctx,
        gb_dimension,
        gb_hours,
        spot_discount,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::GIB;
    use crate::model::keys::Value;
    use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
    use rust_decimal_macros::dec;

    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    fn size(vcpu: Decimal, gb: Decimal) -> Vec<(&'static Key, Value)> {
        let bytes = (gb * Decimal::from(GIB))
            .normalize()
            .to_string()
            .parse()
            .unwrap();
        vec![
            (&VCPU, Value::Number(vcpu)),
            (&MEMORY, Value::Bytes(Bytes(bytes))),
        ]
    }

    fn lines(input: &Input) -> [(Decimal, Decimal); 2] {
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        [0, 1].map(|i| {
            let item = &result.line_items[i];
            (item.quantity, item.monthly_cost)
        })
    }

    #[test]
    fn a_task_all_month() {
        // 1 vCPU, 2 GB for 730 h: 730 vCPU-hours × $0.04048 = $29.5504, and
        // 2 × 730 = 1,460 GB-hours × $0.004445 = $6.4897; $36.0401 in all.
        let input = built(&size(dec!(1), dec!(2))).unwrap();
        assert_eq!(
            lines(&input),
            [(dec!(730), dec!(29.5504)), (dec!(1460), dec!(6.4897))]
        );
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.monthly_cost(), dec!(36.0401));
        assert_eq!(item(&result, "vcpu_hour").unit_price, dec!(0.04048));
        assert_eq!(result.latency, Duration::ZERO);
        assert_eq!(result.mode, Some("x86_64"));
    }

    #[test]
    fn arm_tasks_for_some_hours() {
        // 3 tasks of 0.5 vCPU, 1 GB on arm64 for 100 h: 300 task-hours,
        // 150 vCPU-hours × $0.03238 = $4.857 and 300 GB-hours × $0.00356 = $1.068.
        let mut set = size(dec!(0.5), dec!(1));
        set.push((&TASKS, Value::Count(3)));
        set.push((&ARCHITECTURE, Value::Choice(1)));
        set.push((&HOURS_RUNNING, Value::Duration(Duration::from_hours(100))));
        let input = built(&set).unwrap();
        assert_eq!(
            lines(&input),
            [(dec!(150), dec!(4.857)), (dec!(300), dec!(1.068))]
        );
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "gb_hour_arm").unit_price, dec!(0.00356));
    }

    #[test]
    fn a_short_run_is_billed_one_minute() {
        // 30 s on 1 vCPU, 2 GB is billed 60 s; 120 runs are 7,200 task-seconds
        // = 2 task-hours: 2 vCPU-hours × $0.04048 = $0.08096 and 4 GB-hours
        // × $0.004445 = $0.01778.
        let mut set = size(dec!(1), dec!(2));
        set.push((&RUNS_PER_MONTH, Value::Number(dec!(120))));
        set.push((&DURATION, Value::Duration(Duration::from_secs(30))));
        let input = built(&set).unwrap();
        assert_eq!(
            lines(&input),
            [(dec!(2), dec!(0.08096)), (dec!(4), dec!(0.01778))]
        );
        // A run of 90.2 s is billed 91 s: 120 × 91 = 10,920 task-seconds
        // = 3.0333… task-hours, so 3.0333… vCPU-hours.
        let mut input = input;
        input.running = Running::Runs {
            per_month: dec!(120),
            duration: Duration::from_ms(dec!(90200)),
        };
        let [(vcpu_hours, _), _] = lines(&input);
        assert_eq!(vcpu_hours.round_dp(6), dec!(3.033333));
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let task = |vcpu, gb: Decimal, architecture, tasks, running, spot| Input {
            tasks,
            vcpu,
            memory: Bytes(u64::try_from(gb * Decimal::from(GIB)).unwrap()),
            architecture,
            running,
            spot_discount: spot,
        };
        let runs = |per_month, ms| Running::Runs {
            per_month,
            duration: Duration::from_ms(ms),
        };
        let (x86, arm) = (Architecture::X86_64, Architecture::Arm64);
        let cases = [
            task(dec!(1), dec!(2), x86, 1, Running::Hours(None), None),
            task(
                dec!(0.5),
                dec!(1),
                arm,
                3,
                Running::Hours(Some(Duration::from_hours(100))),
                None,
            ),
            // Longer than the month: billed the month, with a note.
            task(
                dec!(4),
                dec!(9),
                x86,
                7,
                Running::Hours(Some(Duration::from_hours(1000))),
                Some(dec!(0.7)),
            ),
            // Runs under the minute, and of non-round seconds.
            task(dec!(1), dec!(2), x86, 1, runs(dec!(120), dec!(30000)), None),
            task(
                dec!(0.25),
                dec!(0.5),
                arm,
                13,
                runs(dec!(1234.567), dec!(90200.7)),
                Some(dec!(0.65)),
            ),
            task(
                dec!(16),
                dec!(120),
                x86,
                100_000,
                runs(dec!(31), dec!(3600000)),
                None,
            ),
        ];
        for input in cases {
            for hours in [dec!(720), dec!(730.5)] {
                floats_agree(&input, crate::model::flow::Flow::NOTHING, &ctx(hours));
            }
        }
    }

    #[test]
    fn an_impossible_task_size_is_refused_with_the_nearest_ones() {
        let error = built(&size(dec!(1), dec!(10))).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &MEMORY));
        assert_eq!(error.message, "Fargate has no task of 1 vCPU with 10 GB");
        assert_eq!(
            error.help.as_deref(),
            Some(
                "with 1 vCPU a task has 2 GB to 8 GB in 1 GB steps; the nearest: 8 GB with 1 vCPU, or 10 GB with 2 vCPU"
            )
        );
        // 0.25 vCPU takes 0.5, 1 or 2 GB, not 1.5.
        let error = built(&size(dec!(0.25), dec!(1.5))).unwrap_err();
        assert_eq!(
            error.help.as_deref(),
            Some("with 0.25 vCPU a task has 512 MB, 1 GB, 2 GB; the nearest: 1 GB with 0.25 vCPU")
        );
        // 8 vCPU steps by 4 GB: 18 GB is not a size, 20 GB is.
        assert!(built(&size(dec!(8), dec!(18))).is_err());
        assert!(built(&size(dec!(8), dec!(20))).is_ok());
        assert!(built(&size(dec!(16), dec!(120))).is_ok());
        assert!(built(&size(dec!(0.25), dec!(0.5))).is_ok());
        let error = built(&size(dec!(3), dec!(8))).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &VCPU));
        assert_eq!(error.message, "Fargate has no task of 3 vCPU");
    }

    #[test]
    fn hours_and_runs_exclude_and_need_each_other() {
        let mut set = size(dec!(1), dec!(2));
        set.push((&HOURS_RUNNING, Value::Duration(Duration::from_hours(1))));
        set.push((&RUNS_PER_MONTH, Value::Number(dec!(2))));
        let error = built(&set).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &HOURS_RUNNING));
        let mut set = size(dec!(1), dec!(2));
        set.push((&RUNS_PER_MONTH, Value::Number(dec!(2))));
        let error = built(&set).unwrap_err();
        assert_eq!(error.message, "`runs_per_month` needs `duration`");
        let error = built(&[(&VCPU, Value::Number(dec!(1)))]).unwrap_err();
        assert_eq!(error.message, "`fargate` needs `vcpu` and `memory`");
    }

    #[test]
    fn fargate_spot_is_the_same_task_at_the_stated_discount() {
        // 1 vCPU, 2 GB all month on Fargate Spot at 70% off: 730 vCPU-hours
        // × $0.012144 = $8.86512 and 1,460 GB-hours × $0.0013335 = $1.94691.
        let mut set = size(dec!(1), dec!(2));
        set.push((&SPOT, Value::Flag(true)));
        assert!(std::ptr::eq(
            built(&set).unwrap_err().key.unwrap(),
            &SPOT_DISCOUNT
        ));
        set.push((&SPOT_DISCOUNT, Value::Number(dec!(0.7))));
        let input = built(&set).unwrap();
        assert_eq!(
            lines(&input),
            [(dec!(730), dec!(8.86512)), (dec!(1460), dec!(1.94691))]
        );
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "vcpu_hour").unit_price, dec!(0.012144));
        assert!(result.notes.iter().any(|n| n.code == "spot_assumed"));
    }

    #[test]
    fn running_longer_than_the_month_bills_the_month() {
        // 1 vCPU, 2 GB asked for 1,000 h in a 720-hour month: 720 vCPU-hours.
        let mut set = size(dec!(1), dec!(2));
        set.push((&HOURS_RUNNING, Value::Duration(Duration::from_hours(1000))));
        let input = built(&set).unwrap();
        let result = input.evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(item(&result, "vcpu_hour").quantity, dec!(720));
        assert_eq!(result.notes.len(), 1);
    }
}
