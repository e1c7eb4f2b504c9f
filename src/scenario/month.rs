//! The values of one month under `[growth]`: every rate the workload and
//! the components state (records, writes, reads, puts a second) times the
//! month's growth factor. Sizes, stored data and counts a month stay as
//! written. The month is a value like any other (`month`, 1 unless set),
//! so a what-if can set it, vary it or solve for it.

use rust_decimal::Decimal;

use super::Scenario;
use super::params::Place;
use crate::base::diagnostic::Diagnostic;
use crate::base::number::{Number, TooLarge};
use crate::model::keys::{Kind, Value};

/// Values moved to the month their `month` names, in a buffer of its own
/// that is written over each time: after the first, nothing is allocated.
#[derive(Debug, Default)]
pub struct AtMonth {
    /// The slots of every rate the workload and the components state.
    rates: Vec<usize>,
    grown: Vec<Value>,
    /// The last month's factor, kept for the next evaluation of the same
    /// month (a sweep over another value, a Monte Carlo run).
    last: Option<(u32, Decimal)>,
}

impl AtMonth {
    pub fn new(scenario: &Scenario) -> Self {
        if scenario.growth.is_none() {
            return Self::default();
        }
        let rates = scenario
            .params
            .info
            .iter()
            .enumerate()
            .filter(|(_, param)| {
                param.key.kind == Kind::Rate
                    && matches!(param.place, Place::Workload | Place::Component { .. })
            })
            .map(|(slot, _)| slot)
            .collect();
        Self {
            rates,
            grown: Vec::new(),
            last: None,
        }
    }

    /// `values` as they are in the month their `month` slot names: the
    /// same slice in month 1, else the rates grown (with `month` put back
    /// to 1, so that they are never grown twice).
    pub fn values<'v>(
        &'v mut self,
        scenario: &Scenario,
        values: &'v [Value],
    ) -> Result<&'v [Value], Diagnostic> {
        let month = match values[scenario.month] {
            Value::Count(month) if month > 1 => month,
            _ => return Ok(values),
        };
        let Some(growth) = &scenario.growth else {
            return Err(Diagnostic::plain(format!(
                "`month` is {month}, but the scenario has no `[growth]`: every month is month 1"
            ))
            .with_help("add `[growth]` with a `rate` (`rate = \"8% per month\"`) to evaluate a later month"));
        };
        let factor = match self.last {
            Some((last, factor)) if last == month => factor,
            _ => {
                let factor = growth.factor(month).map_err(|_| too_large(month))?;
                self.last = Some((month, factor));
                factor
            }
        };
        self.grown(scenario, values, factor)
            .map_err(|_| too_large(month))
    }

    /// `values` with every rate times `factor`, and `month` 1.
    pub fn grown(
        &mut self,
        scenario: &Scenario,
        values: &[Value],
        factor: Decimal,
    ) -> Result<&[Value], TooLarge> {
        self.grown.clear();
        self.grown.extend_from_slice(values);
        for &slot in &self.rates {
            if let Value::Number(rate) = values[slot] {
                self.grown[slot] = Value::Number(rate.times(factor)?);
            }
        }
        self.grown[scenario.month] = Value::Count(1);
        Ok(&self.grown)
    }
}

/// The message for a month whose rates are past exact decimals.
pub fn too_large(month: u32) -> Diagnostic {
    Diagnostic::plain(format!(
        "in month {month} of `[growth]`, the rates are too large to compute exactly"
    ))
    .with_help("evaluate fewer months, or a lower rate")
}
