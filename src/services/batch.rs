//! AWS Batch jobs: Batch itself costs nothing; its jobs are billed as the
//! EC2 instances or Fargate tasks they run on.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, Duration};
use crate::model::choice::choice;
use crate::model::flow::Flow;
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::report::{ComponentResult, Properties, Violation};
use crate::model::traced::{self, Traced};
use crate::model::working::Part;
use crate::services::kit::bill::charge_type_off_into;
use crate::services::kit::given;
use crate::services::kit::spot::{self, Purchase, SPOT_DISCOUNT};
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};
use crate::services::{ec2, fargate};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "batch",
    title: "Batch",
    aliases: &[],
    // Its line items are EC2's and Fargate's: Batch adds no price.
    dimensions: &[],
    limits: &[],
    keys: &[
        &JOBS_PER_MONTH,
        &DURATION,
        &VCPU,
        &MEMORY,
        &COMPUTE,
        &INSTANCE_TYPE,
        &PURCHASE,
        &SPOT_DISCOUNT,
        &MULTI_NODE,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    catalogue: None,
    // Batch itself has no price: its jobs run on EC2 or Fargate.
    offer: None,
    transforms: false,
};

static JOBS_PER_MONTH: Key = Key::new(
    "jobs_per_month",
    Kind::Number,
    Default::None,
    "jobs a month",
)
.defaulting_to("required");
static DURATION: Key = Key::new(
    "duration",
    Kind::Duration,
    Default::None,
    "time a job takes",
)
.defaulting_to("required")
.in_unit("s");
static VCPU: Key =
    Key::new("vcpu", Kind::Number, Default::None, "vCPUs a job uses").defaulting_to("required");
static MEMORY: Key =
    Key::new("memory", Kind::Size, Default::None, "memory a job uses").defaulting_to("required");
static COMPUTE: Key = Key::new(
    "compute",
    Kind::Choice(Compute::NAMES),
    Default::Text("ec2"),
    "`ec2` (instances of `instance_type`) or `fargate` (a task a job)",
);
static INSTANCE_TYPE: Key = Key::new(
    "instance_type",
    Kind::Instance("ec2"),
    Default::None,
    "with `compute = \"ec2\"`, a type the pricing table prices (`calc pricing show TABLE ec2`)",
)
.defaulting_to("required with `ec2`");
static PURCHASE: Key = Key::new(
    "purchase",
    Kind::Choice(Purchase::NAMES),
    Default::Text("on_demand"),
    "`on_demand`, or `spot` (EC2 Spot, or Fargate Spot with `compute = \"fargate\"`) with `spot_discount`",
);
static MULTI_NODE: Key = Key::new(
    "multi_node",
    Kind::Flag,
    Default::Bool(false),
    "a multi-node parallel job (EC2 On-Demand only: not Fargate, not Spot)",
);

pub const DOC: Doc = Doc {
    bills: "nothing for Batch itself: its jobs' EC2 instance-hours (On-Demand, or `purchase = \"spot\"` at the stated `spot_discount`; jobs packed onto `instance_type` by vCPU and memory, `ceil(jobs_per_month / jobs per instance)` × `duration`) or Fargate vCPU-hours and GB-hours (a task a job, at least 1 minute). A job larger than its instance, or `multi_node` on Fargate or on Spot, fails",
    reports: "jobs per instance, instance-hours or task-hours",
    summary: "batch jobs on EC2 or Fargate; Batch itself costs nothing",
    ordering: "none",
    retention: "none: jobs read from and write to stores",
    replay: "no",
    latency: "the job's duration",
    scaling: "jobs packed onto instances, or a Fargate task a job",
    formulas: &[
        "AWS Batch adds no charge: the bill is the EC2 instances or Fargate tasks",
        "ec2: jobs per instance = min(floor(instance vCPU / job vCPU), floor(instance memory / job memory))",
        "ec2: instance-hours = ceil(jobs / jobs per instance) x duration (h): each instance runs a wave of jobs side by side",
        "fargate: a task of the job's vcpu and memory (a size Fargate runs) a job, billed per second, at least 1 minute",
        "spot: the EC2 or Fargate price less `spot_discount`, the fraction the scenario assumes",
    ],
};

choice! {
    pub enum Compute {
        Ec2 = "ec2",
        Fargate = "fargate",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub jobs_per_month: Decimal,
    pub duration: Duration,
    pub vcpu: Decimal,
    pub memory: Bytes,
    /// The EC2 type jobs are packed onto; `None` on Fargate.
    pub instance_type: Option<&'static str>,
    pub multi_node: bool,
    /// The fraction below On-Demand that Spot is priced at; `None` On-Demand.
    pub spot_discount: Option<Decimal>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `batch` has no value");
    let (Some(jobs_per_month), Some(duration)) =
        (values.number(&JOBS_PER_MONTH), values.duration(&DURATION))
    else {
        return Err(
            Invalid::component("`batch` needs `jobs_per_month` and `duration`")
                .with_help("e.g. `jobs_per_month = 1000, duration = \"30 min\"`"),
        );
    };
    if duration <= Duration::ZERO {
        return Err(Invalid::new(&DURATION, "`duration` must be more than 0 s"));
    }
    let (Some(vcpu), Some(memory)) = (values.number(&VCPU), values.bytes(&MEMORY)) else {
        return Err(Invalid::component("`batch` needs `vcpu` and `memory`")
            .with_help("e.g. `vcpu = 2, memory = \"4 GB\"`, what one job uses"));
    };
    if vcpu.is_zero() {
        return Err(Invalid::new(&VCPU, "`vcpu` must be more than 0"));
    }
    if memory.0 == 0 {
        return Err(Invalid::new(&MEMORY, "`memory` must be more than 0 B"));
    }
    let compute: Compute = values.choice(&COMPUTE).ok_or_else(default)?;
    let purchase: Purchase = values.choice(&PURCHASE).ok_or_else(default)?;
    let spot_discount = spot::discount(values, purchase == Purchase::Spot)?;
    let instance_type = values.name(&INSTANCE_TYPE);
    let instance_type = match compute {
        Compute::Ec2 => Some(instance_type.ok_or_else(|| {
            Invalid::new(&INSTANCE_TYPE, "`compute = \"ec2\"` needs `instance_type`")
                .with_help("e.g. `instance_type = \"m5.xlarge\"`: `calc pricing show TABLE ec2` lists the types")
        })?),
        Compute::Fargate if instance_type.is_some() => {
            return Err(Invalid::new(
                &INSTANCE_TYPE,
                "`instance_type` is for `compute = \"ec2\"`: Fargate has no instances",
            )
            .with_help("leave it out, or set `compute = \"ec2\"`"));
        }
        Compute::Fargate => {
            // A job on Fargate is a Fargate task: its size must be one.
            fargate::check_size(vcpu, memory, (&VCPU, &MEMORY))?;
            None
        }
    };
    Ok(Input {
        jobs_per_month,
        duration,
        vcpu,
        memory,
        instance_type,
        multi_node: values.flag(&MULTI_NODE).ok_or_else(default)?,
        spot_discount,
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
        match self.instance_type {
            Some(instance_type) => self.on_ec2(ctx, instance_type, result)?,
            None => self.on_fargate(ctx, result)?,
        }
        // AWS Batch user guide, "Compute environment considerations for
        // MNP": multi-node parallel jobs are not supported on compute
        // environments that use Spot Instances.
        if self.multi_node && self.spot_discount.is_some() {
            result.violations.push(Violation::Unsupported {
                rule: "multi-node parallel jobs do not run on Spot compute environments (AWS Batch user guide)",
                fix: "set `purchase = \"on_demand\"` with `compute = \"ec2\"`",
            });
        }
        if let Some(off) = self.spot_discount {
            spot::note(result, off);
            let off: Traced = given::key(off, "", &SPOT_DISCOUNT);
            traced::step("spot_discount", Part::Capacity, "", off);
        }
        result.properties = Properties::default();
        result.latency = self.duration;
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

impl Input {
    fn on_ec2<N: Number>(
        &self,
        ctx: &Ctx<N>,
        instance_type: &'static str,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(instance_type));
        let row = ctx
            .prices
            .instance("ec2", instance_type)
            .ok_or(EvalError::MissingRow(&ec2::INSTANCE_HOUR))?;
        let (Some(vcpu), Some(memory)) = (row.vcpu, row.memory) else {
            return Err(EvalError::MissingSpec(&ec2::INSTANCE_HOUR));
        };
        // Jobs run side by side on an instance as far as both its vCPUs
        // and its memory go.
        let instance_vcpus: Traced<N> = Traced::rule(
            Decimal::from(vcpu),
            "vCPU",
            "vCPUs of an instance of `instance_type`, the table's row",
        );
        let instance_memory = Traced::rule(
            memory.decimal(),
            "B",
            "memory of an instance of `instance_type`, the table's row",
        );
        let job_vcpus = given::key(self.vcpu, "vCPU", &VCPU);
        let job_memory = given::size(self.memory, &MEMORY);
        let by_vcpu = instance_vcpus.per(job_vcpus)?.floor();
        let by_memory = instance_memory.per(job_memory)?.floor();
        let mut per_instance = by_vcpu.min(by_memory);
        if per_instance.value().is_zero() {
            result.violations.push(Violation::Unsupported {
                rule: "a job needs more vCPU or memory than `instance_type` has",
                fix: "choose a larger instance type, or smaller jobs",
            });
            // Priced as one job an instance, as if it fitted.
            per_instance = Traced::rule(
                Decimal::ONE,
                "jobs",
                "a job that does not fit is priced as one an instance",
            );
        }
        let jobs = given::key(self.jobs_per_month, "jobs", &JOBS_PER_MONTH);
        let instance_runs = jobs.per(per_instance)?.ceil();
        // Seconds first, hours last, so that whole hours stay whole.
        let instance_hours = instance_runs
            .times(given::seconds(self.duration, &DURATION))?
            .per(given::seconds_an_hour())?;
        result.capacity_of("jobs_per_instance", per_instance, "jobs");
        result.capacity_of("instance_runs", instance_runs, "runs");
        result.capacity_of("instance_hours", instance_hours, "instance-hours");
        charge_type_off_into(
            &mut result.line_items,
            ctx,
            &ec2::INSTANCE_HOUR,
            instance_type,
            instance_hours,
            self.spot_discount,
        )?;
        Ok(())
    }

    fn on_fargate<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some("fargate"));
        // AWS Batch user guide, "Create a multi-node parallel job
        // definition": "AWS Fargate doesn't support multi-node parallel jobs."
        if self.multi_node {
            result.violations.push(Violation::Unsupported {
                rule: "multi-node parallel jobs do not run on Fargate (AWS Batch user guide)",
                fix: "set `compute = \"ec2\"` with an On-Demand `instance_type`",
            });
        }
        let duration = given::seconds(self.duration, &DURATION);
        let billed = fargate::billed_seconds(ctx, duration)?;
        let jobs = given::key(self.jobs_per_month, "jobs", &JOBS_PER_MONTH);
        let task_seconds = billed.times(jobs)?;
        result.capacity_of("billed_seconds_per_job", billed, "s");
        result.capacity_of(
            "task_hours",
            task_seconds.per(given::seconds_an_hour())?,
            "h",
        );
        let vcpu = given::key(self.vcpu, "vCPU", &VCPU);
        let memory = given::size(self.memory, &MEMORY);
        fargate::charge_tasks(
            ctx,
            result,
            fargate::Architecture::X86_64,
            (vcpu, memory),
            task_seconds,
            self.spot_discount,
        )
    }
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

    fn jobs(vcpu: Decimal, gb: u64, compute: Option<&'static str>) -> Input {
        Input {
            jobs_per_month: dec!(1000),
            duration: Duration::from_secs(30 * 60),
            vcpu,
            memory: Bytes(gb * GIB),
            instance_type: compute,
            multi_node: false,
            spot_discount: None,
        }
    }

    #[test]
    fn jobs_are_packed_onto_instances() {
        // 1,000 jobs of 2 vCPU / 4 GB for 30 min on m5.xlarge (4 vCPU,
        // 16 GB): min(4 / 2, 16 / 4) = min(2, 4) = 2 jobs an instance, so
        // 500 instance-runs × 0.5 h = 250 instance-hours × $0.192 = $48.00.
        let input = jobs(dec!(2), 4, Some("m5.xlarge"));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(line.dimension.key, "ec2.instance_hour");
        assert_eq!((line.quantity, line.monthly_cost), (dec!(250), dec!(48.00)));
        assert!(result.violations.is_empty());
        assert_eq!(result.latency, Duration::from_secs(1800));
        // Memory binds when jobs need more of it: 1 vCPU / 6 GB is
        // min(4, floor(16 / 6) = 2) = 2 an instance; 1,001 jobs need
        // ceil(500.5) = 501 instance-runs, 250.5 instance-hours, $48.096.
        let mut input = jobs(dec!(1), 6, Some("m5.xlarge"));
        input.jobs_per_month = dec!(1001);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(
            (line.quantity, line.monthly_cost),
            (dec!(250.5), dec!(48.096))
        );
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let on = |vcpu, gb, compute, count, ms, spot, multi_node| Input {
            jobs_per_month: count,
            duration: Duration::from_ms(ms),
            spot_discount: spot,
            multi_node,
            ..jobs(vcpu, gb, compute)
        };
        let m5 = Some("m5.xlarge");
        let cases = [
            // Packed by vCPU, and by memory with a wave left over.
            on(dec!(2), 4, m5, dec!(1000), dec!(1800000), None, false),
            on(dec!(1), 6, m5, dec!(1001), dec!(1800000), None, false),
            // Non-round jobs and seconds, on Spot.
            on(
                dec!(0.5),
                1,
                m5,
                dec!(1234.567),
                dec!(1234567),
                Some(dec!(0.7)),
                false,
            ),
            // Larger than its instance, and multi-node on Spot: violations.
            on(dec!(8), 4, m5, dec!(1000), dec!(1800000), None, false),
            on(
                dec!(2),
                4,
                m5,
                dec!(1000),
                dec!(1800000),
                Some(dec!(0.7)),
                true,
            ),
            // On Fargate: billed to the second, at least a minute.
            on(dec!(2), 4, None, dec!(1000), dec!(1800000), None, false),
            on(dec!(1), 2, None, dec!(1234.567), dec!(30000), None, false),
            on(
                dec!(0.25),
                1,
                None,
                dec!(777),
                dec!(90200.5),
                Some(dec!(0.65)),
                true,
            ),
        ];
        for input in cases {
            for hours in [dec!(730), dec!(744)] {
                floats_agree(&input, Flow::NOTHING, &ctx(hours));
            }
        }
    }

    #[test]
    fn a_job_larger_than_its_instance_is_a_violation() {
        // 8 vCPU on m5.xlarge (4 vCPU): it does not fit.
        let input = jobs(dec!(8), 4, Some("m5.xlarge"));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Unsupported { fix, .. }] if fix.contains("larger instance type")
        ));
    }

    #[test]
    fn jobs_on_fargate_are_tasks() {
        // 1,000 jobs of 2 vCPU / 4 GB for 30 min on Fargate: 1,000 × 1,800 s
        // = 500 task-hours; 1,000 vCPU-hours × $0.04048 = $40.48 and
        // 2,000 GB-hours × $0.004445 = $8.89; $49.37 in all.
        let input = jobs(dec!(2), 4, None);
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "vcpu_hour").monthly_cost, dec!(40.48));
        assert_eq!(item(&result, "gb_hour").monthly_cost, dec!(8.89));
        assert_eq!(result.monthly_cost(), dec!(49.37));
        // A 30 s job is billed a minute: 1,000 × 60 s = 16.666… task-hours.
        let mut short = input;
        short.duration = Duration::from_secs(30);
        let result = short.evaluate(&ctx(dec!(730))).unwrap();
        // 2 vCPU × 60,000 s = 120,000 vCPU-seconds = 33.333… vCPU-hours.
        assert_eq!(
            item(&result, "vcpu_hour").quantity.round_dp(6),
            dec!(33.333333)
        );
    }

    #[test]
    fn multi_node_jobs_on_fargate_are_a_violation() {
        let mut input = jobs(dec!(2), 4, None);
        input.multi_node = true;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Unsupported { rule, .. }] if rule.contains("multi-node parallel jobs do not run on Fargate")
        ));
        // On EC2 On-Demand they run.
        let mut input = jobs(dec!(2), 4, Some("m5.xlarge"));
        input.multi_node = true;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(result.violations.is_empty());
    }

    #[test]
    fn spot_is_priced_at_the_stated_discount_and_refuses_multi_node_jobs() {
        // The 1,000 jobs above on m5.xlarge Spot at 70% off: 250
        // instance-hours × $0.192 × 0.3 = 250 × $0.0576 = $14.40.
        let mut input = jobs(dec!(2), 4, Some("m5.xlarge"));
        input.spot_discount = Some(dec!(0.7));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "instance_hour");
        assert_eq!(
            (line.unit_price, line.monthly_cost),
            (dec!(0.0576), dec!(14.40))
        );
        assert!(result.notes.iter().any(|n| n.code == "spot_assumed"));
        assert!(result.violations.is_empty());
        // On Fargate Spot: $49.37 × 0.3 = $14.811 ($12.144 + $2.667).
        let mut input = jobs(dec!(2), 4, None);
        input.spot_discount = Some(dec!(0.7));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(result.monthly_cost(), dec!(14.811));
        // AWS Batch runs no multi-node parallel job on Spot.
        let mut input = jobs(dec!(2), 4, Some("m5.xlarge"));
        input.spot_discount = Some(dec!(0.7));
        input.multi_node = true;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert!(matches!(
            result.violations.as_slice(),
            [Violation::Unsupported { rule, .. }] if rule.contains("Spot compute environments")
        ));
    }

    #[test]
    fn the_keys_need_each_other() {
        let base = [
            (&JOBS_PER_MONTH, Value::Number(dec!(10))),
            (&DURATION, Value::Duration(Duration::from_secs(60))),
            (&VCPU, Value::Number(dec!(1))),
            (&MEMORY, Value::Bytes(Bytes(10 * GIB))),
        ];
        // On EC2 (the default), an instance type is needed.
        let error = built(&base).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &INSTANCE_TYPE));
        // On Fargate, the job must be a Fargate task size.
        let mut set = base.to_vec();
        set.push((&COMPUTE, Value::Choice(1)));
        let error = built(&set).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &MEMORY));
        assert_eq!(error.message, "Fargate has no task of 1 vCPU with 10 GB");
        set.push((&INSTANCE_TYPE, Value::Name("m5.xlarge")));
        let error = built(&set).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &INSTANCE_TYPE));
        // Spot needs the discount the scenario assumes.
        let mut set = base.to_vec();
        set.push((&INSTANCE_TYPE, Value::Name("m5.xlarge")));
        set.push((&PURCHASE, Value::Choice(1)));
        let error = built(&set).unwrap_err();
        assert!(std::ptr::eq(error.key.unwrap(), &SPOT_DISCOUNT));
        set.push((&SPOT_DISCOUNT, Value::Number(dec!(0.6))));
        assert_eq!(built(&set).unwrap().spot_discount, Some(dec!(0.6)));
    }
}
