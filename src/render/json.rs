//! The JSON contract: stable keys (sorted), money unrounded, one object a run.
//! Documented in the README; extend it, never rename.
//!
//! The document is serialised straight from views of the report, each field
//! in alphabetical order (serde writes a struct's fields in the order they
//! are declared), without building a JSON tree of the whole report first.

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::text;
use crate::model::choice::Choice;
use crate::model::odds::Odds;
use crate::model::report::{
    AlternativeResult, CapacityValue, ComponentResult, Level, LineItem, Report,
};

pub fn render(report: &Report) -> String {
    let currency = &report.pricing.currency;
    let comparison = report
        .comparison()
        .into_iter()
        .enumerate()
        .map(|(rank, row)| {
            let alternative = &report.alternatives[row.index];
            Row {
                feasible: alternative.feasible(),
                monthly_cost: Exact(alternative.monthly_cost),
                name: &alternative.name,
                rank: rank + 1,
                ratio_to_cheapest: row.ratio_to_cheapest.map(|r| Exact(r.round_dp(6))),
                verdict: alternative.verdict().as_str(),
            }
        })
        .collect();
    let document = Document {
        choice: report
            .choice
            .and_then(|i| report.alternatives.get(i))
            .map(|a| &*a.name),
        alternatives: report
            .alternatives
            .iter()
            .map(|a| Alternative::of(a, currency))
            .collect(),
        comparison,
        free_tier: report.free_tier,
        growth: report
            .growth
            .as_ref()
            .map(|growth| super::growth::View::of(report, growth)),
        hours_per_month: Exact(report.hours_per_month),
        monte_carlo: report
            .odds
            .as_ref()
            .map(|odds| MonteCarlo::of(odds, report)),
        overrides: report.overrides.iter().map(Set::of).collect(),
        pricing: Pricing {
            as_of: &report.pricing.as_of,
            currency: &report.pricing.currency,
            exchange_rate: report.pricing.exchange_rate.as_ref().map(Exchange::of),
            free_tier_kinds: report.pricing.free_tier.clone(),
            name: &report.pricing.name,
            region: &report.pricing.region,
        },
        scenario: &report.scenario,
    };
    to_string(&document)
}

/// A document as pretty JSON, with a final newline. Every string is written
/// by [`Inert`], so that no character in it acts on what shows the JSON.
pub(crate) fn to_string(document: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Inert::default());
    // Writing to memory cannot fail, and every value serialises.
    let _ = document.serialize(&mut serializer);
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Pretty JSON whose strings hold no character that acts on a terminal or a
/// CI log: serde_json escapes the C0 controls; this escapes the rest of
/// what [`escape::needs_escape`](crate::base::escape::needs_escape) names (DEL, C1,
/// the bidirectional controls, U+2028, U+2029, noncharacters) as `\uXXXX`,
/// and the `[` of a `##[` runner command. A JSON reader gets the same text.
#[derive(Default)]
struct Inert(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Inert {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let command = c == '[' && fragment[..i].ends_with("##");
            if !(command || crate::base::escape::needs_escape(c)) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[derive(Serialize)]
struct Document<'a> {
    alternatives: Vec<Alternative<'a>>,
    /// The alternative the scenario chose, or `null`.
    choice: Option<&'a str>,
    comparison: Vec<Row<'a>>,
    free_tier: bool,
    /// Every alternative month by month, under `[growth]`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    growth: Option<super::growth::View<'a>>,
    hours_per_month: Exact,
    /// The Monte Carlo run over the scenario's ranges; absent without ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    monte_carlo: Option<MonteCarlo<'a>>,
    overrides: Vec<Set<'a>>,
    pricing: Pricing<'a>,
    scenario: &'a str,
}

#[derive(Serialize)]
struct MonteCarlo<'a> {
    alternatives: Vec<Spread<'a>>,
    /// The half-width of the 95% interval of the widest chance (at one
    /// half), as a share.
    margin: Exact,
    ranges: Vec<Range<'a>>,
    samples: u32,
    seed: u64,
}

impl<'a> MonteCarlo<'a> {
    fn of(odds: &'a Odds, report: &'a Report) -> Self {
        let chance = |count: u32| Exact(odds.chance(count));
        Self {
            alternatives: odds
                .alternatives
                .iter()
                .zip(&report.alternatives)
                .map(|(spread, alternative)| Spread {
                    chance_cheapest: chance(spread.cheapest),
                    chance_feasible: chance(spread.feasible),
                    chance_within_budget: spread.within_budget.map(chance),
                    mean: spread.mean.map(|m| Exact(m.round_dp(6))),
                    name: &alternative.name,
                    p10: spread.p10.map(Exact),
                    p50: spread.p50.map(Exact),
                    p90: spread.p90.map(Exact),
                    priced_samples: spread.priced,
                })
                .collect(),
            margin: Exact(
                Decimal::try_from(odds.margin())
                    .unwrap_or_default()
                    .round_dp(4),
            ),
            ranges: odds
                .varied
                .iter()
                .map(|varied| Range {
                    distribution: varied.spread.distribution.as_str(),
                    expected: varied.spread.expected.written(varied.key),
                    high: varied.spread.high.written(varied.key),
                    low: varied.spread.low.written(varied.key),
                    path: &varied.path,
                })
                .collect(),
            samples: odds.samples,
            seed: odds.seed,
        }
    }
}

/// One alternative over the samples: its cost's percentiles and mean, and
/// the share of samples in which it is the cheapest that works, works at
/// all, and keeps to its budget (`null` without one).
#[derive(Serialize)]
struct Spread<'a> {
    chance_cheapest: Exact,
    chance_feasible: Exact,
    chance_within_budget: Option<Exact>,
    mean: Option<Exact>,
    name: &'a str,
    p10: Option<Exact>,
    p50: Option<Exact>,
    p90: Option<Exact>,
    priced_samples: u32,
}

/// A ranged value, each end as the scenario writes it.
#[derive(Serialize)]
struct Range<'a> {
    distribution: &'static str,
    expected: String,
    high: String,
    low: String,
    path: &'a str,
}

/// A value set over the scenario's (`--set`): as set, and as the scenario had it.
#[derive(Serialize)]
pub(super) struct Set<'a> {
    path: &'a str,
    value: &'a str,
    was: &'a str,
}

impl<'a> Set<'a> {
    pub(super) fn of(set: &'a crate::model::report::Override) -> Self {
        Self {
            path: &set.path,
            value: &set.value,
            was: &set.was,
        }
    }
}

#[derive(Serialize)]
pub(super) struct Pricing<'a> {
    as_of: &'a str,
    currency: &'a str,
    /// The fixed rate the prices were converted at, or `null`.
    exchange_rate: Option<Exchange<'a>>,
    /// The kinds of free tier the table's allowances are: `always`,
    /// `12-months`, or `unstated`.
    free_tier_kinds: Vec<&'static str>,
    name: &'a str,
    region: &'a str,
}

impl<'a> Pricing<'a> {
    pub(super) fn of(book: &'a crate::pricing::PriceBook) -> Self {
        Self {
            as_of: &book.as_of,
            currency: &book.currency,
            exchange_rate: book.exchange_rate.as_ref().map(Exchange::of),
            free_tier_kinds: book
                .free_tier_kinds()
                .into_iter()
                .map(crate::pricing::FreeKind::name)
                .collect(),
            name: &book.name,
            region: &book.region,
        }
    }
}

#[derive(Serialize)]
struct Exchange<'a> {
    as_of: &'a str,
    from: &'a str,
    rate: Exact,
}

impl<'a> Exchange<'a> {
    fn of(rate: &'a crate::model::report::ExchangeRate) -> Self {
        Self {
            as_of: &rate.as_of,
            from: &rate.from,
            rate: Exact(rate.rate),
        }
    }
}

#[derive(Serialize)]
struct Row<'a> {
    feasible: bool,
    monthly_cost: Exact,
    name: &'a str,
    rank: usize,
    ratio_to_cheapest: Option<Exact>,
    verdict: &'static str,
}

#[derive(Serialize)]
struct Alternative<'a> {
    components: Vec<Component<'a>>,
    feasible: bool,
    latency_ms: Exact,
    monthly_cost: Exact,
    name: &'a str,
    verdict: &'static str,
    violations: Vec<ViolationView>,
}

impl<'a> Alternative<'a> {
    fn of(alternative: &'a AlternativeResult, currency: &str) -> Self {
        Self {
            components: alternative
                .components
                .iter()
                .map(|c| Component::of(alternative, c))
                .collect(),
            feasible: alternative.feasible(),
            latency_ms: Exact(alternative.latency.ms()),
            monthly_cost: Exact(alternative.monthly_cost),
            name: &alternative.name,
            verdict: alternative.verdict().as_str(),
            violations: alternative
                .all_violations()
                .map(|(component, v)| ViolationView {
                    component,
                    message: text::violation(alternative, component, v, currency),
                    requirement: v.requirement(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ViolationView {
    component: Option<usize>,
    message: String,
    requirement: &'static str,
}

#[derive(Serialize)]
struct Component<'a> {
    capacity: Capacity<'a>,
    /// A capacity that follows the day (auto scaling), hour 0 first;
    /// absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    hourly: Option<HourlyView>,
    id: Option<&'a str>,
    input: Input,
    latency_ms: Exact,
    line_items: Vec<Item>,
    mode: Option<&'static str>,
    monthly_cost: Exact,
    notes: Vec<NoteView>,
    service: &'static str,
}

impl<'a> Component<'a> {
    fn of(alternative: &AlternativeResult, component: &'a ComponentResult) -> Self {
        let input = component.input;
        Self {
            capacity: Capacity(component),
            hourly: component.hourly.as_ref().map(|h| HourlyView {
                capacity: h.capacity.iter().map(|c| Exact(*c)).collect(),
                key: h.key,
                utilisation: h
                    .utilisation
                    .map(|used| used.iter().map(|u| Exact(*u)).collect()),
            }),
            id: component.id.as_deref(),
            input: Input {
                from: text::source(alternative, component.from),
                peak_records_per_second: input.rate.map(|r| Exact(r.peak)),
                record_size: input.record_size.map(|s| s.0),
                records_per_second: input.rate.map(|r| Exact(r.average)),
                store_holds: text::read_from_store(alternative, component).map(|held| held.0),
            },
            latency_ms: Exact(component.latency.ms()),
            line_items: component.line_items.iter().map(Item::of).collect(),
            mode: component.mode,
            monthly_cost: Exact(component.monthly_cost()),
            notes: component
                .notes
                .iter()
                .map(|n| NoteView {
                    code: n.code,
                    level: match n.level {
                        Level::Info => "info",
                        Level::Warning => "warning",
                    },
                    message: n.message(),
                })
                .collect(),
            service: component.service,
        }
    }
}

#[derive(Serialize)]
struct HourlyView {
    capacity: Vec<Exact>,
    key: &'static str,
    /// Absent for a capacity the load does not size (a schedule's).
    #[serde(skip_serializing_if = "Option::is_none")]
    utilisation: Option<Vec<Exact>>,
}

#[derive(Serialize)]
struct Input {
    from: String,
    peak_records_per_second: Option<Exact>,
    record_size: Option<u64>,
    records_per_second: Option<Exact>,
    /// For a component that queries a store, what the store holds, in
    /// bytes: the rate above is then the store's notifications, not what
    /// it reads.
    store_holds: Option<u64>,
}

#[derive(Serialize)]
struct NoteView {
    code: &'static str,
    level: &'static str,
    message: std::borrow::Cow<'static, str>,
}

/// A component's capacity figures as an object, its keys sorted.
struct Capacity<'a>(&'a ComponentResult);

impl Serialize for Capacity<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut figures: Vec<_> = self.0.capacity.iter().collect();
        figures.sort_by_key(|c| c.key);
        let mut map = serializer.serialize_map(Some(figures.len()))?;
        for figure in figures {
            match figure.value {
                CapacityValue::Count(n) => map.serialize_entry(figure.key, &n)?,
                CapacityValue::Number(n) => map.serialize_entry(figure.key, &Exact(n))?,
                CapacityValue::Bytes(b) => map.serialize_entry(figure.key, &b.0)?,
                CapacityValue::Key(k) => map.serialize_entry(figure.key, k)?,
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Item {
    dimension: &'static str,
    free_quantity: Exact,
    monthly_cost: Exact,
    /// A commitment's upfront fee, paid once; `monthly_cost` is its share.
    #[serde(skip_serializing_if = "Option::is_none")]
    paid_once: Option<Exact>,
    price_key: &'static str,
    quantity: Exact,
    /// The months of the term `paid_once` is spread over.
    #[serde(skip_serializing_if = "Option::is_none")]
    term_months: Option<Exact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tiers: Vec<Tier>,
    unit: &'static str,
    unit_price: Exact,
}

impl Item {
    fn of(item: &LineItem) -> Self {
        Self {
            dimension: item.dimension.name(),
            free_quantity: Exact(item.free_quantity),
            monthly_cost: Exact(item.monthly_cost),
            paid_once: item.paid_once.map(|fee| Exact(fee.amount)),
            price_key: item.dimension.key,
            quantity: Exact(item.quantity),
            term_months: item.paid_once.map(|fee| Exact(fee.term_months)),
            tiers: item
                .tiers
                .iter()
                .map(|t| Tier {
                    cost: Exact(t.cost),
                    quantity: Exact(t.quantity),
                    unit_price: Exact(t.unit_price),
                })
                .collect(),
            unit: item.dimension.unit,
            unit_price: Exact(item.unit_price),
        }
    }
}

#[derive(Serialize)]
struct Tier {
    cost: Exact,
    quantity: Exact,
    unit_price: Exact,
}

/// An exact JSON number: `1450.8`, never `1450.8000000001` or `1450.80`.
pub(crate) struct Exact(pub(crate) Decimal);

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(&self.0.normalize(), serializer)
    }
}
