//! What an evaluation produces: plain numbers and keys, no words. The renderers
//! turn these into tables, JSON or Markdown.

use arrayvec::ArrayVec;
use rust_decimal::Decimal;

use crate::fields::choice;
use crate::pricing::MAX_TIERS;
use crate::services::{Dimension, Limit};
use crate::units::{Bytes, Duration};

/// One line of a bill: `quantity` (less `free_quantity`) × `unit_price` = `monthly_cost`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineItem {
    pub dimension: &'static Dimension,
    pub quantity: Decimal,
    /// The part of `quantity` that the free tier covers.
    pub free_quantity: Decimal,
    /// The price per unit; for a tiered price, the average over the tiers used.
    pub unit_price: Decimal,
    pub monthly_cost: Decimal,
    /// How a tiered price split the billed quantity (empty for a flat price).
    pub tiers: ArrayVec<TierUse, MAX_TIERS>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TierUse {
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub cost: Decimal,
}

/// A capacity figure with a stable key, as JSON consumers see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity {
    pub key: &'static str,
    pub value: CapacityValue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapacityValue {
    /// A whole count (shards, units, partitions).
    Count(u64),
    /// An exact figure (the unrounded terms behind a count, a rate).
    Number(Decimal),
    Bytes(Bytes),
    Duration(Duration),
    /// One of a fixed set of names (`binding_limit`, `flush_trigger`).
    Key(&'static str),
}

/// A fact about a component worth telling, that does not make it fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    pub code: &'static str,
    pub text: &'static str,
}

/// Why an alternative does not meet its requirements or AWS's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Violation {
    MaxLatency {
        actual: Duration,
        limit: Duration,
    },
    MaxMonthlyCost {
        actual: Decimal,
        limit: Decimal,
    },
    /// A component hands messages on in a weaker order than required.
    Ordering {
        has: Ordering,
        required: Ordering,
    },
    /// No component keeps the data as long as required.
    Retention {
        longest: Retention,
        required: Duration,
    },
    /// No component lets consumers read data again.
    Replay,
    /// A component cannot carry messages this large.
    MessageSize {
        max: Bytes,
        required: Bytes,
    },
    /// A component cannot run a job this long.
    JobDuration {
        max: Duration,
        required: Duration,
    },
    /// The design needs more of something than AWS allows. `needed` and
    /// `allowed` are in the limit's kind: a count, bytes, or milliseconds.
    Limit {
        limit: &'static Limit,
        needed: Decimal,
        allowed: Decimal,
        fix: &'static str,
    },
}

impl Violation {
    /// The requirement (or `limit`) a violation is about, as JSON names it.
    pub fn requirement(&self) -> &'static str {
        match self {
            Self::MaxLatency { .. } => "max_latency",
            Self::MaxMonthlyCost { .. } => "max_monthly_cost",
            Self::Ordering { .. } => "ordering",
            Self::Retention { .. } => "retention",
            Self::Replay => "replay",
            Self::MessageSize { .. } => "max_message_size",
            Self::JobDuration { .. } => "max_job_duration",
            Self::Limit { .. } => "limit",
        }
    }
}

// Room for what any service reports. A service bills at most 6 line items
// today; capacity figures, notes and violations past these bounds would be
// dropped (never a line item: a dropped line would be a wrong total), and a
// dropped violation cannot make an infeasible component look feasible.
pub const MAX_CAPACITY: usize = 12;
pub const MAX_LINE_ITEMS: usize = 10;
pub const MAX_NOTES: usize = 6;
pub const MAX_VIOLATIONS: usize = 8;

choice! {
    /// The order in which a component hands messages on.
    pub enum Ordering {
        /// No order is kept.
        None = "none",
        /// Messages with the same key (partition key, message group, item) stay in order.
        PerKey = "per_key",
        /// All messages stay in order.
        Total = "total",
    }
}

impl Ordering {
    fn rank(self) -> u8 {
        match self {
            Self::None => 0,
            Self::PerKey => 1,
            Self::Total => 2,
        }
    }

    /// Whether keeping this order satisfies a requirement for `required`.
    pub fn satisfies(self, required: Ordering) -> bool {
        self.rank() >= required.rank()
    }
}

/// How long a component keeps the data it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// Passes data on and keeps nothing.
    None,
    For(Duration),
    /// Keeps data until it is deleted (a table, a bucket).
    Indefinite,
}

/// What a component can promise, checked against `[requirements]`. `None`
/// means the component has no say in that property (a Lambda consumer does
/// not reorder what it is given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Properties {
    pub ordering: Option<Ordering>,
    pub retention: Retention,
    /// Consumers can read the same data again from a position or a time.
    pub replay: bool,
    pub max_message_size: Option<Bytes>,
    /// The longest a single run (invocation, job) may take.
    pub max_run_duration: Option<Duration>,
}

impl Default for Properties {
    fn default() -> Self {
        Self {
            ordering: None,
            retention: Retention::None,
            replay: false,
            max_message_size: None,
            max_run_duration: None,
        }
    }
}

/// One component of an alternative, evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentResult {
    pub service: &'static str,
    /// The variant in use (`provisioned`, `on_demand`…), when the service has several.
    pub mode: Option<&'static str>,
    pub capacity: ArrayVec<Capacity, MAX_CAPACITY>,
    pub line_items: ArrayVec<LineItem, MAX_LINE_ITEMS>,
    pub latency: Duration,
    pub notes: ArrayVec<Note, MAX_NOTES>,
    pub violations: ArrayVec<Violation, MAX_VIOLATIONS>,
    pub properties: Properties,
}

impl ComponentResult {
    pub fn new(service: &'static str, mode: Option<&'static str>) -> Self {
        Self {
            service,
            mode,
            capacity: ArrayVec::new(),
            line_items: ArrayVec::new(),
            latency: Duration::ZERO,
            notes: ArrayVec::new(),
            violations: ArrayVec::new(),
            properties: Properties::default(),
        }
    }

    pub fn monthly_cost(&self) -> Decimal {
        self.line_items.iter().map(|item| item.monthly_cost).sum()
    }

    pub fn capacity(&mut self, key: &'static str, value: CapacityValue) {
        let _ = self.capacity.try_push(Capacity { key, value });
    }

    pub fn note(&mut self, code: &'static str, text: &'static str) {
        let _ = self.notes.try_push(Note { code, text });
    }

    pub fn violate(
        &mut self,
        limit: &'static Limit,
        needed: Decimal,
        allowed: Decimal,
        fix: &'static str,
    ) {
        let _ = self.violations.try_push(Violation::Limit {
            limit,
            needed,
            allowed,
            fix,
        });
    }
}

/// One alternative, evaluated and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlternativeResult {
    pub name: String,
    pub components: Vec<ComponentResult>,
    pub monthly_cost: Decimal,
    /// The latency the components add in sequence.
    pub latency: Duration,
    /// Requirement violations, with the index of the component each concerns
    /// (`None` for the alternative as a whole: latency, budget, retention,
    /// replay). Limit violations stay with their components.
    pub violations: Vec<(Option<usize>, Violation)>,
}

impl AlternativeResult {
    pub fn feasible(&self) -> bool {
        self.violations.is_empty() && self.components.iter().all(|c| c.violations.is_empty())
    }

    /// Every violation, with the index of the component it belongs to, if any.
    pub fn all_violations(&self) -> impl Iterator<Item = (Option<usize>, &Violation)> {
        let own = self.violations.iter().map(|(i, v)| (*i, v));
        let components = self
            .components
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.violations.iter().map(move |v| (Some(i), v)));
        components.chain(own)
    }
}

/// The pricing table a report used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricingInfo {
    pub name: String,
    pub region: String,
    pub currency: String,
    pub as_of: String,
}

/// Everything `calc` found for a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub scenario: String,
    pub pricing: PricingInfo,
    pub hours_per_month: Decimal,
    pub free_tier: bool,
    pub alternatives: Vec<AlternativeResult>,
}

/// One row of the comparison: an alternative and its cost against the cheapest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ranked {
    /// The alternative's index in [`Report::alternatives`].
    pub index: usize,
    /// How many times the cheapest alternative's cost it costs; `None` when
    /// the cheapest costs nothing, so no ratio exists, or the ratio is too
    /// large to compute.
    pub ratio_to_cheapest: Option<Decimal>,
}

impl Report {
    /// The lowest monthly cost of any alternative, feasible or not.
    pub fn cheapest_cost(&self) -> Decimal {
        self.alternatives
            .iter()
            .map(|a| a.monthly_cost)
            .min()
            .unwrap_or_default()
    }

    /// How many times the cheapest alternative's cost `cost` is; `None` when
    /// the cheapest costs nothing. Looks at every alternative: for all of
    /// them, use [`Report::comparison`], which finds the cheapest once.
    pub fn ratio_to_cheapest(&self, cost: Decimal) -> Option<Decimal> {
        ratio(cost, self.cheapest_cost())
    }

    /// Indices of the alternatives, feasible ones first, then cheapest first;
    /// ties keep the scenario's order.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.alternatives.len()).collect();
        // Stable, and each key worked out once: O(n log n) for n alternatives.
        order.sort_by_cached_key(|&i| {
            let alternative = &self.alternatives[i];
            (!alternative.feasible(), alternative.monthly_cost)
        });
        order
    }

    /// The comparison's rows in [`Report::ranking`]'s order, each with its
    /// ratio to the cheapest.
    pub fn comparison(&self) -> Vec<Ranked> {
        let cheapest = self.cheapest_cost();
        self.ranking()
            .into_iter()
            .map(|index| Ranked {
                index,
                ratio_to_cheapest: ratio(self.alternatives[index].monthly_cost, cheapest),
            })
            .collect()
    }
}

/// `None` too when the ratio is too large for a decimal (a cheapest cost of
/// a tiny fraction of a cent).
fn ratio(cost: Decimal, cheapest: Decimal) -> Option<Decimal> {
    cost.checked_div(cheapest)
}
