//! Amazon EC2 On-Demand Linux instances, billed per instance-hour.

use rust_decimal::Decimal;

use crate::bill::charge;
use crate::fields::{Choice, choice};
use crate::keys::{Default, Invalid, Key, Kind, Values};
use crate::number::Exact;
use crate::report::{CapacityValue, ComponentResult, Properties};
use crate::services::{Ctx, Dimension, Doc, EvalError, ServiceDef};
use crate::units::Duration;

pub const SERVICE: ServiceDef = ServiceDef {
    name: "ec2",
    title: "EC2",
    dimensions: &[
        &M5_LARGE_HOUR,
        &M5_XLARGE_HOUR,
        &C5_XLARGE_HOUR,
        &R5_2XLARGE_HOUR,
    ],
    limits: &[],
    parse: super::Parse {
        keys: &[&INSTANCE_TYPE, &INSTANCES, &HOURS_RUNNING],
        build,
    },
    doc: &DOC,
    input: None,
    transforms: true,
};

static INSTANCE_TYPE: Key = Key::new(
    "instance_type",
    Kind::Choice(InstanceType::NAMES),
    Default::None,
    "one of the types the pricing table prices",
)
.defaulting_to("required");
// At least 1, checked by `build` with a hint to leave the component out.
static INSTANCES: Key = Key::new(
    "instances",
    Kind::Count {
        min: 0,
        max: 100_000,
    },
    Default::Integer(1),
    "instances running",
);
static HOURS_RUNNING: Key = Key::new(
    "hours_running",
    Kind::Duration,
    Default::None,
    "time each instance runs in the month",
)
.defaulting_to("the whole month");

pub const DOC: Doc = Doc {
    summary: "virtual machines billed per instance-hour (On-Demand, Linux)",
    ordering: "whatever the software keeps",
    retention: "the attached storage",
    replay: "no",
    latency: "none added",
    scaling: "one instance type and count",
    formulas: &["instance-hours = instances x hours running"],
};

pub const M5_LARGE_HOUR: Dimension = Dimension::new("ec2.m5_large_hour", "instance-hour");
pub const M5_XLARGE_HOUR: Dimension = Dimension::new("ec2.m5_xlarge_hour", "instance-hour");
pub const C5_XLARGE_HOUR: Dimension = Dimension::new("ec2.c5_xlarge_hour", "instance-hour");
pub const R5_2XLARGE_HOUR: Dimension = Dimension::new("ec2.r5_2xlarge_hour", "instance-hour");

choice! {
    /// The instance types the bundled table prices (those with a sourced price).
    pub enum InstanceType {
        M5Large = "m5.large",
        M5Xlarge = "m5.xlarge",
        C5Xlarge = "c5.xlarge",
        R52xlarge = "r5.2xlarge",
    }
}

impl InstanceType {
    fn dimension(self) -> &'static Dimension {
        match self {
            Self::M5Large => &M5_LARGE_HOUR,
            Self::M5Xlarge => &M5_XLARGE_HOUR,
            Self::C5Xlarge => &C5_XLARGE_HOUR,
            Self::R52xlarge => &R5_2XLARGE_HOUR,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub instance_type: InstanceType,
    pub instances: u32,
    /// Time each instance runs in the month; `None` is the whole month.
    pub hours_running: Option<Duration>,
}

fn build(values: &Values) -> Result<super::Input, Invalid> {
    let Some(instance_type) = values.choice(&INSTANCE_TYPE) else {
        let listed: Vec<String> = InstanceType::CHOICES
            .iter()
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        return Err(Invalid::new(&INSTANCE_TYPE, "`ec2` needs `instance_type`")
            .with_help(format!("one of {}", listed.join(", "))));
    };
    let instances = values
        .count(&INSTANCES)
        .ok_or_else(|| Invalid::component("a key of `ec2` has no value"))?;
    if instances == 0 {
        return Err(Invalid::new(&INSTANCES, "`instances` must be at least 1")
            .with_help("leave the component out if nothing runs"));
    }
    let hours_running = values.duration(&HOURS_RUNNING);
    if hours_running.is_some_and(|hours| hours <= Duration::ZERO) {
        return Err(
            Invalid::new(&HOURS_RUNNING, "`hours_running` must be more than 0 h")
                .with_help("leave it out for an instance that runs all month"),
        );
    }
    Ok(super::Input::Ec2(Input {
        instance_type,
        instances,
        hours_running,
    }))
}

impl Input {
    pub fn evaluate_into(&self, ctx: &Ctx, result: &mut ComponentResult) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.instance_type.as_str()));
        let hours = match self.hours_running {
            Some(running) if running.hours() > ctx.hours => {
                result.note(
                    "hours_running_over_month",
                    "`hours_running` is longer than the month: calc bills the whole month",
                );
                ctx.hours
            }
            Some(running) => running.hours(),
            None => ctx.hours,
        };
        let instance_hours = Decimal::from(self.instances).times(hours)?;
        result.capacity("instances", CapacityValue::Count(u64::from(self.instances)));
        result.capacity("instance_hours", CapacityValue::Number(instance_hours));
        result
            .line_items
            .push(charge(ctx, self.instance_type.dimension(), instance_hours)?);
        // A server runs as long as it is left running; what it keeps and in
        // which order depends on the software on it.
        result.properties = Properties {
            max_run_duration: None,
            ..Properties::default()
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::testing::{Alone, ctx, item, prices};
    use rust_decimal_macros::dec;

    #[test]
    fn an_instance_all_month() {
        // m5.large at $0.096 × 730 h = $70.08.
        let input = Input {
            instance_type: InstanceType::M5Large,
            instances: 1,
            hours_running: None,
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "m5_large_hour").monthly_cost, dec!(70.08));
        assert_eq!(result.properties.max_run_duration, None);
    }

    #[test]
    fn a_cron_box_stopped_between_runs() {
        // 3 × m5.xlarge for 10 h = 30 instance-hours × $0.192 = $5.76.
        let input = Input {
            instance_type: InstanceType::M5Xlarge,
            instances: 3,
            hours_running: Some(Duration::from_hours(10)),
        };
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        let line = item(&result, "m5_xlarge_hour");
        assert_eq!(line.quantity, dec!(30));
        assert_eq!(line.monthly_cost, dec!(5.76));
    }

    #[test]
    fn the_most_instances_compute_exactly_and_a_huge_price_is_an_error() {
        // 100,000 instances all of a 744-hour month: 74,400,000 instance-hours.
        let input = Input {
            instance_type: InstanceType::M5Large,
            instances: 100_000,
            hours_running: None,
        };
        let result = input.evaluate(&ctx(dec!(744))).unwrap();
        assert_eq!(item(&result, "m5_large_hour").quantity, dec!(74400000));
        // At 10^26 an instance-hour the bill is past exact decimals: an error, not a panic.
        let mut book = prices().clone();
        book.override_price(M5_LARGE_HOUR.key, dec!(1e26), M5_LARGE_HOUR.unit);
        let huge = Ctx {
            prices: &book,
            ..ctx(dec!(744))
        };
        assert_eq!(
            input.evaluate(&huge),
            Err(EvalError::Overflow(&M5_LARGE_HOUR))
        );
    }

    #[test]
    fn running_longer_than_the_month_bills_the_month() {
        // r5.2xlarge: 720 h × $0.504 = $362.88, whatever longer time is asked for.
        let input = Input {
            instance_type: InstanceType::R52xlarge,
            instances: 1,
            hours_running: Some(Duration::from_hours(1000)),
        };
        let result = input.evaluate(&ctx(dec!(720))).unwrap();
        assert_eq!(item(&result, "r5_2xlarge_hour").monthly_cost, dec!(362.88));
        assert_eq!(result.notes.len(), 1);
    }
}
