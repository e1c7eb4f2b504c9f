//! What an evaluation produces: plain numbers and keys, no words. The renderers
//! turn these into tables, JSON or Markdown.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::Arc;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::number::{Number, readable};
use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit};
use crate::model::flow::{Flow, From};
pub use crate::model::requirements::Ordering;
use crate::model::schedule::Schedule;
use crate::model::traced::{self, Traced};
use crate::model::working::{Part, Working};

pub const MAX_TIERS: usize = 4;

thread_local! {
    static DETAILED: Cell<bool> = const { Cell::new(true) };
}

/// Runs `f` with the evaluations on this thread working out only what a
/// bill and a verdict need (costs, latency, violations, what flows between
/// components), leaving out what a reader of those alone never reads: the
/// capacity figures, a tiered line's average unit price. For a Monte Carlo
/// run's samples; what they make is not a report to show.
pub fn bills_only<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DETAILED.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(DETAILED.with(|d| d.replace(false)));
    f()
}

/// Whether this thread's evaluations work everything out: not within
/// [`bills_only`].
pub fn detailed() -> bool {
    DETAILED.with(Cell::get)
}

/// A fixed rate that converted a table's prices from another currency:
/// `rate` units of this table's currency for one of `from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeRate {
    pub from: Cow<'static, str>,
    pub rate: Decimal,
    pub as_of: Cow<'static, str>,
}

/// One line of a bill: `quantity` (less `free_quantity`) × `unit_price` = `monthly_cost`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineItem<N = Decimal> {
    pub dimension: &'static Dimension,
    pub quantity: N,
    /// The part of `quantity` that the free tier covers.
    pub free_quantity: N,
    /// The price per unit; for a tiered price, the average over the tiers used.
    pub unit_price: N,
    pub monthly_cost: N,
    /// How a tiered price split the billed quantity (empty for a flat price).
    pub tiers: Tiers<N>,
    /// The type whose catalogue row priced it, for a catalogue's dimension:
    /// with the dimension, it finds the price (and its date) in the table.
    pub row: Option<&'static str>,
    /// Whether the scenario set its price over the table's, so that no
    /// date of the table's applies to it.
    pub price_set: bool,
    /// For a commitment's upfront fee: the whole fee, paid once, and the
    /// months of the term it is spread over (`monthly_cost` is one month's
    /// share). `None` for what is billed as it is used.
    pub paid_once: Option<PaidOnce>,
    /// The purchase option whose rates in the type's row priced it
    /// (`reserved_1y_partial_upfront`), for a line of a commitment priced
    /// by a catalogue; `None` for the row's own price or a `[prices]` one.
    pub commitment: Option<&'static str>,
}

impl<N: Number> LineItem<N> {
    /// A line of `dimension` with nothing on it yet, to be priced in place.
    pub fn blank(dimension: &'static Dimension) -> Self {
        Self {
            dimension,
            quantity: N::ZERO,
            free_quantity: N::ZERO,
            unit_price: N::ZERO,
            monthly_cost: N::ZERO,
            tiers: SmallVec::new(),
            row: None,
            price_set: false,
            paid_once: None,
            commitment: None,
        }
    }
}

/// An upfront fee paid once for a term, of which a month's bill carries
/// `amount` ÷ `term_months`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaidOnce {
    pub amount: Decimal,
    pub term_months: Decimal,
}

/// How a tiered price split a line's quantity, band by band.
pub type Tiers<N = Decimal> = SmallVec<[TierUse<N>; MAX_TIERS]>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TierUse<N = Decimal> {
    pub quantity: N,
    pub unit_price: N,
    pub cost: N,
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
    /// One of a fixed set of names (`binding_limit`, `flush_trigger`).
    Key(&'static str),
}

/// A fact about a component worth telling, that does not make it fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    pub code: &'static str,
    pub text: &'static str,
    pub level: Level,
    /// What the note is about, said before its text: what a fixed text
    /// cannot know.
    pub about: Option<About>,
}

/// The figures a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// A size, with the words that lead it: `objects of 2 MB: …`.
    Size(&'static str, Bytes),
    /// An hour whose load needs more capacity than the hour before had:
    /// `at 08:00 the load needs 1,750 WCU, over the 358 WCU of the hour
    /// before: …`.
    Rise {
        hour: u8,
        need: Decimal,
        set: Decimal,
        unit: &'static str,
    },
}

impl Note {
    /// The note in words, what it is about first if it says.
    pub fn message(&self) -> Cow<'static, str> {
        match self.about {
            Some(About::Size(lead, size)) => format!("{lead} {size}: {}", self.text).into(),
            Some(About::Rise {
                hour,
                need,
                set,
                unit,
            }) => format!(
                "at {hour:02}:00 the load needs {} {unit}, over the {} {unit} of the hour before: {}",
                readable(need, 2),
                readable(set, 2),
                self.text
            )
            .into(),
            None => self.text.into(),
        }
    }
}

/// How much a note weighs in the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Worth knowing; the design works as priced.
    Info,
    /// The design works, with a caveat worth reading before relying on it.
    Warning,
}

/// What an alternative comes to: it works, it works with a caveat, or it
/// breaks a requirement or a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Ok,
    Warning,
    Fails,
}

impl Verdict {
    /// As JSON and the comparison name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Fails => "fails",
        }
    }
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
    /// A component cannot run a job this long; `instead` says what can.
    JobDuration {
        max: Duration,
        required: Duration,
        instead: &'static str,
    },
    /// The design needs more of something than AWS allows. `needed` and
    /// `allowed` are in the limit's kind: a count, bytes, or milliseconds.
    Limit {
        limit: &'static Limit,
        needed: Decimal,
        allowed: Decimal,
        fix: &'static str,
    },
    /// Scheduled runs that add up to more hours than the month has: one
    /// application (or instance) cannot run them all.
    Schedule {
        run_hours: Decimal,
        month_hours: Decimal,
    },
    /// A component its schedule stops while the flow still reaches it:
    /// the first hour (from 00:00) it is paused and receives traffic, of
    /// a day it runs on or else (`weekend`) of a day it does not, and the
    /// flow's factor of its average then.
    Paused {
        hour: u8,
        weekend: bool,
        factor: Decimal,
        schedule: Schedule,
    },
    /// The design asks for something the service does not do at all (a
    /// multi-node parallel job on Fargate, a job larger than its
    /// instance): the rule, and the fix.
    Unsupported {
        rule: &'static str,
        fix: &'static str,
    },
    /// A store set to hold less than the flow puts into it over the
    /// retention the scenario requires: `held` bytes, `needed` bytes.
    Holds {
        held: Bytes,
        needed: Decimal,
        retention: Duration,
    },
    /// The design sets something below what AWS allows (a stream's
    /// retention under 24 hours), in the limit's kind.
    Minimum {
        limit: &'static Limit,
        set: Decimal,
        minimum: Decimal,
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
            Self::Retention { .. } | Self::Holds { .. } => "retention",
            Self::Replay => "replay",
            Self::MessageSize { .. } => "max_message_size",
            Self::JobDuration { .. } => "max_job_duration",
            Self::Limit { .. }
            | Self::Minimum { .. }
            | Self::Schedule { .. }
            | Self::Paused { .. }
            | Self::Unsupported { .. } => "limit",
        }
    }
}

// Room for what a service usually reports, kept inline so that evaluating
// one allocates nothing. A service that reports more spills to the heap:
// nothing is ever dropped.
pub const INLINE_CAPACITY: usize = 12;
pub const INLINE_LINE_ITEMS: usize = 8;
pub const INLINE_NOTES: usize = 4;
pub const INLINE_VIOLATIONS: usize = 8;

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
    pub max_run_duration: Option<RunLimit>,
}

/// The longest a component's single run may take, and what to use for
/// longer ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunLimit {
    pub max: Duration,
    /// The services that run longer jobs, as a user would be told.
    pub instead: &'static str,
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
pub struct ComponentResult<N = Decimal> {
    pub service: &'static str,
    /// The variant in use (`provisioned`, `on_demand`…), when the service has several.
    pub mode: Option<&'static str>,
    pub capacity: SmallVec<[Capacity; INLINE_CAPACITY]>,
    /// Its bill. Made with room for [`INLINE_LINE_ITEMS`], kept across
    /// [`reset`](Self::reset), so that an evaluation after the first
    /// allocates nothing; a plain vector, whose push is small enough to
    /// build a line where it is kept (see `kit::bill::charge_into`).
    pub line_items: Vec<LineItem<N>>,
    pub latency: Duration,
    pub notes: SmallVec<[Note; INLINE_NOTES]>,
    pub violations: SmallVec<[Violation; INLINE_VIOLATIONS]>,
    pub properties: Properties,
    /// Its `id` in the scenario, if it has one.
    pub id: Option<Arc<str>>,
    /// What it receives, and from where.
    pub input: Flow<N>,
    pub from: From,
    /// What it passes on; `None` while a service passes on what it receives.
    pub output: Option<Flow<N>>,
    /// The files it writes, for a consumer that takes files (S3 behind a
    /// stream processor's file sink); `None` if it writes none.
    pub files: Option<Flow<N>>,
    /// The latency from the workload to the end of this component, along
    /// the components it consumes from.
    pub path_latency: Duration,
    /// How its figures were worked out, when `calc explain` asks; empty
    /// otherwise.
    pub working: Working,
    /// A capacity that follows the day, hour by hour (auto scaling, a
    /// schedule).
    pub hourly: Option<Box<Hourly>>,
    /// Whether it keeps its capacity figures: [`detailed`] when it was
    /// made or last reset, asked once, not at each figure.
    detailed: bool,
}

/// A capacity figure for each hour of the day, and how much of it the
/// hour's load uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hourly {
    pub key: &'static str,
    pub capacity: [Decimal; 24],
    /// `None` for a capacity that is not sized by the load (a schedule's
    /// instances, running or not by the clock).
    pub utilisation: Option<[Decimal; 24]>,
}

impl<N: Number> ComponentResult<N> {
    pub fn new(service: &'static str, mode: Option<&'static str>) -> Self {
        Self {
            service,
            mode,
            capacity: SmallVec::new(),
            line_items: Vec::with_capacity(INLINE_LINE_ITEMS),
            latency: Duration::ZERO,
            notes: SmallVec::new(),
            violations: SmallVec::new(),
            properties: Properties::default(),
            id: None,
            input: Flow::NOTHING,
            from: From::Workload,
            output: None,
            files: None,
            path_latency: Duration::ZERO,
            working: Working::new(),
            hourly: None,
            detailed: detailed(),
        }
    }

    /// A placeholder, to be overwritten by an evaluation.
    pub fn empty() -> Self {
        Self::new("", None)
    }

    /// Starts over as a new result for `service`, keeping the buffers.
    /// Its `id` is the evaluation's to set: kept, so that an evaluation
    /// of the same component again does not count its references anew.
    pub fn reset(&mut self, service: &'static str, mode: Option<&'static str>) {
        self.service = service;
        self.mode = mode;
        self.capacity.clear();
        self.line_items.clear();
        self.latency = Duration::ZERO;
        self.notes.clear();
        self.violations.clear();
        self.properties = Properties::default();
        self.input = Flow::NOTHING;
        self.from = From::Workload;
        self.output = None;
        self.files = None;
        self.working.nodes.clear();
        self.working.steps.clear();
        self.path_latency = Duration::ZERO;
        self.hourly = None;
        self.detailed = detailed();
    }

    /// The sum of its line items. An evaluation checks that it fits in
    /// exact decimals before it reports it.
    pub fn monthly_cost(&self) -> N {
        self.line_items
            .iter()
            .try_fold(N::ZERO, |total, item| total.plus(item.monthly_cost))
            .unwrap_or(N::of(Decimal::MAX))
    }

    pub fn capacity(&mut self, key: &'static str, value: CapacityValue) {
        if self.detailed {
            self.capacity.push(Capacity { key, value });
        }
    }

    /// A capacity figure that is a number: put in words as a decimal, and
    /// only where the figures are read.
    #[inline]
    pub fn capacity_number(&mut self, key: &'static str, value: N) {
        if self.detailed {
            self.push_number(key, value);
        }
    }

    /// [`Self::capacity_number`]'s figure, where the figures are read:
    /// out of line, so that a run that reads bills alone skips it inline.
    #[cold]
    #[inline(never)]
    fn push_number(&mut self, key: &'static str, value: N) {
        let value = CapacityValue::Number(value.decimal());
        self.capacity.push(Capacity { key, value });
    }

    /// A capacity figure in `unit`, and how it was worked out.
    #[inline]
    pub fn capacity_of(&mut self, key: &'static str, value: Traced<N>, unit: &'static str) {
        self.capacity_number(key, value.value());
        traced::step(key, Part::Capacity, unit, value);
    }

    pub fn note(&mut self, code: &'static str, text: &'static str) {
        self.notes.push(Note {
            code,
            text,
            level: Level::Info,
            about: None,
        });
    }

    /// A caveat that makes the alternative's verdict `warning`.
    pub fn warn(&mut self, code: &'static str, text: &'static str) {
        self.notes.push(Note {
            code,
            text,
            level: Level::Warning,
            about: None,
        });
    }

    /// A caveat about a size, said before its text: `warn_about(code,
    /// ("objects of", size), "write larger files")` reads "objects of
    /// 2 MB: write larger files".
    pub fn warn_about(
        &mut self,
        code: &'static str,
        about: (&'static str, Bytes),
        text: &'static str,
    ) {
        self.notes.push(Note {
            code,
            text,
            level: Level::Warning,
            about: Some(About::Size(about.0, about.1)),
        });
    }

    /// A caveat about the figures of `about`, said before its text.
    pub fn warn_of(&mut self, code: &'static str, about: About, text: &'static str) {
        self.notes.push(Note {
            code,
            text,
            level: Level::Warning,
            about: Some(about),
        });
    }

    pub fn violate_below(
        &mut self,
        limit: &'static Limit,
        set: Decimal,
        minimum: Decimal,
        fix: &'static str,
    ) {
        self.violations.push(Violation::Minimum {
            limit,
            set,
            minimum,
            fix,
        });
    }

    pub fn violate(
        &mut self,
        limit: &'static Limit,
        needed: Decimal,
        allowed: Decimal,
        fix: &'static str,
    ) {
        self.violations.push(Violation::Limit {
            limit,
            needed,
            allowed,
            fix,
        });
    }
}

/// One alternative, evaluated and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlternativeResult<N = Decimal> {
    pub name: Arc<str>,
    pub components: Vec<ComponentResult<N>>,
    pub monthly_cost: N,
    /// The latency the components add along the longest path through them.
    pub latency: Duration,
    /// Requirement violations, with the index of the component each concerns
    /// (`None` for the alternative as a whole: latency, budget, retention,
    /// replay). Limit violations stay with their components.
    pub violations: SmallVec<[(Option<usize>, Violation); INLINE_VIOLATIONS]>,
}

impl<N: Number> AlternativeResult<N> {
    /// Nothing yet: a buffer an evaluation writes into.
    pub fn empty() -> Self {
        Self {
            name: Arc::from(""),
            components: Vec::new(),
            monthly_cost: N::ZERO,
            latency: Duration::ZERO,
            violations: SmallVec::new(),
        }
    }

    pub fn feasible(&self) -> bool {
        self.violations.is_empty() && self.components.iter().all(|c| c.violations.is_empty())
    }

    /// `fails` when it breaks anything, `warning` when a component warns.
    pub fn verdict(&self) -> Verdict {
        if !self.feasible() {
            Verdict::Fails
        } else if self.warnings().next().is_some() {
            Verdict::Warning
        } else {
            Verdict::Ok
        }
    }

    /// The warnings of its components, with the component's index.
    pub fn warnings(&self) -> impl Iterator<Item = (usize, &Note)> {
        self.components.iter().enumerate().flat_map(|(i, c)| {
            c.notes
                .iter()
                .filter(|n| n.level == Level::Warning)
                .map(move |n| (i, n))
        })
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
    /// The fixed rate the table's prices were converted at, if they were.
    pub exchange_rate: Option<ExchangeRate>,
    /// The kinds of free tier the table's allowances are (`always`,
    /// `12-months`, `unstated`): what `free_tier = true` applies.
    pub free_tier: Vec<&'static str>,
}

/// A value a what-if set over the scenario's: its path, as the user wrote
/// the value, and what the scenario had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub path: String,
    pub value: String,
    pub was: String,
}

/// Everything `calc` found for a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub scenario: String,
    /// What the workload sends the first components.
    pub workload: crate::model::flow::Flow,
    /// What every alternative is held to (an alternative's own budget
    /// aside).
    pub requirements: crate::model::requirements::Requirements,
    pub pricing: PricingInfo,
    pub hours_per_month: Decimal,
    pub free_tier: bool,
    /// Values set over the scenario's for this run (`--set`).
    pub overrides: Vec<Override>,
    /// The alternative the scenario chose (`choice`), by index.
    pub choice: Option<usize>,
    pub alternatives: Vec<AlternativeResult>,
    /// The Monte Carlo run over the scenario's ranges, when it has any.
    pub odds: Option<crate::model::odds::Odds>,
    /// Every alternative month by month, when the scenario states
    /// `[growth]`.
    pub growth: Option<GrowthReport>,
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
    /// The cheapest alternative that meets every requirement and limit but
    /// its budget; the first on a tie.
    pub fn cheapest_working(&self) -> Option<usize> {
        let works = |a: &AlternativeResult| {
            a.all_violations()
                .all(|(_, v)| matches!(v, Violation::MaxMonthlyCost { .. }))
        };
        self.alternatives
            .iter()
            .enumerate()
            .filter(|(_, a)| works(a))
            .min_by(|(i, a), (j, b)| a.monthly_cost.cmp(&b.monthly_cost).then(i.cmp(j)))
            .map(|(i, _)| i)
    }

    /// The lowest monthly cost of any alternative, feasible or not.
    pub fn cheapest_cost(&self) -> Decimal {
        self.alternatives
            .iter()
            .map(|a| a.monthly_cost)
            .min()
            .unwrap_or_default()
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

/// Capacity figures that step as the load grows: the sweep's, and a
/// cluster's brokers and nodes.
pub const STEPPING: [&str; 10] = [
    "shards",
    "wcu",
    "rcu",
    "kpus",
    "concurrency",
    "instances",
    "prefixes",
    "partitions",
    "brokers",
    "nodes",
];

/// One capacity figure of one component in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    pub component: usize,
    pub key: &'static str,
    pub value: Decimal,
}

/// One alternative in one month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Month {
    /// From 1.
    pub month: u32,
    /// The month's rates over the written ones.
    pub factor: Decimal,
    /// `None` when its figures cannot be computed that month (a quantity
    /// past the pricing table's last tier, a figure too large).
    pub cost: Option<Decimal>,
    pub capacity: Vec<Figure>,
    /// Its first violation that month other than the budget: a limit it
    /// breaks, a requirement it misses.
    pub breaks: Option<(Option<usize>, Violation)>,
}

/// A capacity figure that changes from one month to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The first month at the new value.
    pub month: u32,
    pub component: usize,
    pub key: &'static str,
    pub from: Decimal,
    pub to: Decimal,
}

/// One alternative over the horizon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlternativeGrowth {
    pub months: Vec<Month>,
    /// Every change of a stepping figure, in month order.
    pub steps: Vec<Step>,
    /// Its budget: its own `max_monthly_cost`, else `[requirements]`'s.
    pub budget: Option<Decimal>,
    /// The first month that costs more than the budget.
    pub over_budget: Option<u32>,
    /// The first month that breaks a limit or a requirement (the budget
    /// aside), or whose figures cannot be computed.
    pub breaks: Option<u32>,
    /// The months' costs added up; `None` when one cannot be computed.
    pub total: Option<Decimal>,
}

impl AlternativeGrowth {
    /// The cost of months 1 to `months`, added up.
    pub fn total_through(&self, months: u32) -> Option<Decimal> {
        crate::base::number::sum(
            self.months
                .iter()
                .take(months as usize)
                .map(|m| m.cost)
                .collect::<Option<Vec<_>>>()?,
        )
        .ok()
    }

    /// Where the budget is crossed over the first `months`, held as
    /// `over` says: the first month over it (`EachMonth`), or the first
    /// month whose running total passes the budget times `months`
    /// (`Total`); `None` within it or with no budget.
    pub fn crosses(&self, over: crate::model::growth::BudgetOver, months: u32) -> Option<u32> {
        let budget = self.budget?;
        let horizon = self.months.iter().take(months as usize);
        match over {
            crate::model::growth::BudgetOver::EachMonth => horizon
                .filter(|m| m.cost.is_none_or(|cost| cost > budget))
                .map(|m| m.month)
                .next(),
            crate::model::growth::BudgetOver::Total => {
                let allowed = budget.checked_mul(Decimal::from(months))?;
                let mut spent = Decimal::ZERO;
                for month in horizon {
                    spent = match month.cost.and_then(|c| spent.checked_add(c)) {
                        Some(spent) => spent,
                        None => return Some(month.month),
                    };
                    if spent > allowed {
                        return Some(month.month);
                    }
                }
                None
            }
        }
    }
}

/// The scenario over its horizon: one entry an alternative, in the
/// report's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrowthReport {
    pub growth: crate::model::growth::Growth,
    pub factors: Vec<Decimal>,
    pub alternatives: Vec<AlternativeGrowth>,
}
