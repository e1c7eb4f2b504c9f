//! `[requirements]`: what every alternative is checked against. Each key is
//! declared once; its value sits in the scenario's vector of values
//! (`requirements.max_monthly_cost`), so a what-if can vary it.

use rust_decimal::Decimal;

use crate::base::units::{Bytes, Duration};
use crate::model::choice::choice;
use crate::model::keys::{Default, Key, Kind, Values};

static MAX_LATENCY: Key = Key::new(
    "max_latency",
    Kind::Duration,
    Default::None,
    "the latency the components add along the slowest path, at most",
)
.in_unit("s");
pub static MAX_MONTHLY_COST: Key = Key::new(
    "max_monthly_cost",
    Kind::Number,
    Default::None,
    "the monthly bill at most, in the pricing table's currency",
);
static ORDERING: Key = Key::new(
    "ordering",
    Kind::Choice(Ordering::NAMES),
    Default::None,
    "`none`, `per_key` or `total`: every component that orders keeps at least this",
);
static RETENTION: Key = Key::new(
    "retention",
    Kind::Duration,
    Default::None,
    "some component keeps the data this long",
)
.in_unit("d");
static REPLAY: Key = Key::new(
    "replay",
    Kind::Flag,
    Default::Bool(false),
    "some component lets consumers read the data again",
);
static MAX_MESSAGE_SIZE: Key = Key::new(
    "max_message_size",
    Kind::Size,
    Default::None,
    "every component carries messages this large",
);
static MAX_JOB_DURATION: Key = Key::new(
    "max_job_duration",
    Kind::Duration,
    Default::None,
    "every component with a run limit allows jobs this long",
)
.in_unit("min");

static BUDGET_PERCENTILE: Key = Key::new(
    "budget_percentile",
    Kind::Count { min: 1, max: 99 },
    Default::None,
    "with ranges, hold the budget at this percentile of the Monte Carlo run's monthly cost, not at the expected cost",
);
static MIN_CHANCE_CHEAPEST: Key = Key::new(
    "min_chance_cheapest",
    Kind::Count { min: 1, max: 100 },
    Default::None,
    "with ranges, the percentage of Monte Carlo samples in which a checked alternative is the cheapest that works, at least (`calc check`)",
);

/// The keys of `[requirements]`, in the order their values are kept.
pub static KEYS: &[&Key] = &[
    &MAX_LATENCY,
    &MAX_MONTHLY_COST,
    &ORDERING,
    &RETENTION,
    &REPLAY,
    &MAX_MESSAGE_SIZE,
    &MAX_JOB_DURATION,
    &BUDGET_PERCENTILE,
    &MIN_CHANCE_CHEAPEST,
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Requirements {
    pub max_latency: Option<Duration>,
    pub max_monthly_cost: Option<Decimal>,
    pub ordering: Option<Ordering>,
    pub retention: Option<Duration>,
    pub replay: bool,
    pub max_message_size: Option<Bytes>,
    pub max_job_duration: Option<Duration>,
    /// The percentile of the Monte Carlo cost held to the budget.
    pub budget_percentile: Option<u32>,
    /// The least percentage of samples in which a checked alternative is
    /// the cheapest that works.
    pub min_chance_cheapest: Option<u32>,
}

impl Requirements {
    /// The requirements from the values of [`KEYS`].
    pub fn from_values(values: &Values) -> Self {
        Self {
            max_latency: values.duration(&MAX_LATENCY),
            max_monthly_cost: values.number(&MAX_MONTHLY_COST),
            ordering: values.choice(&ORDERING),
            retention: values.duration(&RETENTION),
            replay: values.flag(&REPLAY).unwrap_or(false),
            max_message_size: values.bytes(&MAX_MESSAGE_SIZE),
            max_job_duration: values.duration(&MAX_JOB_DURATION),
            budget_percentile: values.count(&BUDGET_PERCENTILE),
            min_chance_cheapest: values.count(&MIN_CHANCE_CHEAPEST),
        }
    }
}

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
