//! A scenario as read and checked: its alternatives and their components,
//! each component's slots in the parameter vector, ready to evaluate.

use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::params::Params;
use crate::base::diagnostic::{Source, Span};
use crate::model::flow::{self, From, Own};
use crate::model::keys::{Invalid, Value, Values};
use crate::model::report::ComponentResult;
use crate::pricing::PriceBook;
use crate::services::kit::{Ctx, Delivery, EvalError, Evaluated, Made, ServiceDef};

/// A scenario, read and checked, ready to evaluate.
#[derive(Debug)]
pub struct Scenario {
    pub name: String,
    /// The slot of `hours_per_month` in `params`.
    pub hours_per_month: usize,
    /// The slot of `month`: the month of `[growth]` evaluated.
    pub month: usize,
    pub free_tier: bool,
    pub round_up_to_cent: bool,
    /// Where `[requirements]`'s values sit in `params`.
    pub requirements: Range<usize>,
    /// Where `[workload]`'s values sit in `params`: what the first component
    /// of each alternative receives.
    pub workload: Range<usize>,
    /// Where the unit prices set over the table's sit in `params`: one slot
    /// per dimension of [`services::dimensions`].
    pub price_slots: Range<usize>,
    /// Every value the workload and the components state, with its path.
    pub params: Params,
    pub prices: PriceBook,
    pub alternatives: Vec<Alternative>,
    /// How the workload grows month by month (`[growth]`), if it does.
    pub growth: Option<crate::model::growth::Growth>,
    /// The alternative the team chose (`choice = "…"`), by index: the one
    /// `calc check` holds to the requirements; the others are context.
    pub choice: Option<usize>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub name: Arc<str>,
    pub components: Vec<Component>,
    /// The components in an order where each comes after the one it consumes.
    pub order: Vec<usize>,
    /// Where its `name` is written: the line a check's annotation points at.
    pub span: Span,
    /// The slot of its own budget (`max_monthly_cost`), which takes the
    /// place of `[requirements]`'s when it is set.
    pub budget: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub span: Span,
    pub id: Option<Arc<str>>,
    /// Where its input comes from: the component before it by default.
    pub from: From,
    /// Where its values sit in the scenario's `params`: the rate, peak and
    /// size it sets for its own input, what it says it emits (Lambda, Flink,
    /// EC2), and its service's own keys.
    pub input_slots: Range<usize>,
    pub output_slots: Range<usize>,
    pub slots: Range<usize>,
    pub def: &'static ServiceDef,
}

impl Component {
    pub fn def(&self) -> &'static ServiceDef {
        self.def
    }

    /// The values of its service's own keys, from `values` (the
    /// scenario's, or varied ones).
    pub fn values<'v>(&self, values: &'v [Value]) -> Values<'v> {
        Values::new(self.def.keys, &values[self.slots.clone()])
    }

    /// Whether `values` make a component of its service.
    pub fn check(&self, values: &[Value]) -> Result<(), Invalid> {
        (self.def.functions.check)(&self.values(values))
    }

    /// How a consumer of service `consumer` receives its records.
    pub fn delivery_to(&self, values: &[Value], consumer: &str) -> Result<Delivery, Invalid> {
        (self.def.functions.delivery)(&self.values(values), consumer)
    }

    /// The component its values make, to evaluate again and again while
    /// they stay as they are.
    pub fn make(&self, values: &[Value]) -> Result<Box<dyn Made>, Invalid> {
        (self.def.functions.make)(&self.values(values))
    }

    /// Whether any of its values (its input's, its output's, its
    /// service's) sits in one of `slots`.
    pub fn reads_any(&self, slots: &[usize]) -> bool {
        slots.iter().any(|slot| {
            self.input_slots.contains(slot)
                || self.output_slots.contains(slot)
                || self.slots.contains(slot)
        })
    }

    /// Its capacity, bill, latency and limit checks at `values`, into
    /// `result`, whose buffers are reused.
    pub fn evaluate_into<N: Evaluated>(
        &self,
        values: &[Value],
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        N::evaluation(&self.def.functions)(&self.values(values), ctx, result)
    }

    /// The rate, peak and size it sets for its own input.
    pub fn own_input(&self, values: &[Value]) -> Own {
        match self.def().input {
            Some(keys) => keys.own(&Values::new(keys.all, &values[self.input_slots.clone()])),
            None => Own::default(),
        }
    }

    /// What it says it emits.
    pub fn own_output(&self, values: &[Value]) -> Own {
        if self.output_slots.is_empty() {
            return Own::default();
        }
        flow::own_output(&Values::new(
            flow::OUTPUT_KEYS,
            &values[self.output_slots.clone()],
        ))
    }
}

/// Settings the command line can force over the scenario's own.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub hours_per_month: Option<Decimal>,
    pub pricing: Option<String>,
    /// Lets the scenario name a pricing table outside its own folder.
    pub allow_outside_pricing: bool,
}
