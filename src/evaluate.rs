//! Evaluating a scenario: each alternative's components (capacity, bill,
//! latency, limits), then the alternative against the requirements.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::base::diagnostic::Diagnostic;
use crate::base::number::Number;
use crate::base::units::Duration;
use crate::model::flow::{self, Flow, From, Own, Unfit};
use crate::model::keys::{Value, Values};
use crate::model::report::{AlternativeResult, ComponentResult, Report, Retention, Violation};
use crate::model::requirements::{self, Requirements};
use crate::model::traced;
use crate::pricing::{Gap, PriceBook};
use crate::scenario::month::AtMonth;
use crate::scenario::{Alternative, Component, Scenario};
use crate::services;
use crate::services::kit::ctx::PricesSet;
use crate::services::kit::usage::Usage;
use crate::services::kit::{Ctx, Delivery, EvalError, Evaluated, Made};

/// Evaluates every alternative of a scenario with the values it states.
pub fn evaluate(scenario: &Scenario) -> Result<Report, Diagnostic> {
    evaluate_with(scenario, &scenario.params.values)
}

/// What the workload sends the first component, from its values.
pub fn workload(scenario: &Scenario, values: &[Value]) -> Result<Flow, Diagnostic> {
    let own = flow::RECORDS.own(&Values::new(
        flow::RECORDS.all,
        &values[scenario.workload.clone()],
    ));
    own.over(Flow::NOTHING).map_err(|unfit| {
        // Where the workload's rates are written, if they are.
        let span = scenario
            .workload
            .clone()
            .find_map(|slot| scenario.params.span(slot))
            .unwrap_or_default();
        match unfit {
            Unfit::PeakBelowAverage(_) => scenario
                .source
                .error(span, "the workload's peak is below its average")
                .with_help("a peak is the busiest second's rate: at least the average"),
            Unfit::TooLarge => scenario
                .source
                .error(span, "the workload's peak is too large to compute exactly"),
        }
    })
}

/// Evaluates every alternative with `values` in place of the scenario's own
/// (the same slots, some of them varied).
pub fn evaluate_with(scenario: &Scenario, values: &[Value]) -> Result<Report, Diagnostic> {
    // The report's workload is the month's too.
    let mut at = AtMonth::new(scenario);
    let values = at.values(scenario, values)?;
    let mut evaluator = Evaluator::new(scenario);
    evaluator.evaluate(values)?;
    Ok(Report {
        scenario: scenario.name.clone(),
        workload: workload(scenario, values)?,
        requirements: requirements_at(scenario, values),
        pricing: scenario.prices.info(),
        hours_per_month: hours(scenario, values),
        free_tier: scenario.free_tier,
        overrides: Vec::new(),
        choice: scenario.choice,
        alternatives: evaluator.results,
        odds: None,
        growth: None,
    })
}

/// Evaluations of one scenario at many vectors of values (a sweep, a
/// break-even search), each written over the last one's buffers: after the
/// first, an evaluation allocates nothing.
pub struct Evaluator<'s, N = Decimal> {
    scenario: &'s Scenario,
    results: Vec<AlternativeResult<N>>,
    /// For each alternative, why it could not be evaluated, if it could not.
    failures: Vec<Option<Diagnostic>>,
    /// For each alternative, whether what it lacked is a figure of the
    /// pricing table (then every such gap is found and reported at once).
    lacks: Vec<bool>,
    /// The values moved to the month they name (`month`).
    at: AtMonth,
    /// The slots that may change from one evaluation to the next, when the
    /// caller says which: the components that read none of them are made
    /// once, on the first evaluation, and kept. `None`: any slot may change.
    varied: Option<Vec<usize>>,
    /// For each alternative, each component as [`Self::varied`] lets it
    /// be kept (`None` for one that reads a varied slot).
    kept: Vec<Vec<Option<Kept>>>,
}

/// Every alternative's result, and why each that has none has none.
pub type Each<'a, N> = (&'a [AlternativeResult<N>], &'a [Option<Diagnostic>]);

/// A component made from its values, with what it states of its input and
/// output: all it reads of them, kept while they do not change.
pub struct Kept {
    made: Box<dyn Made>,
    own_input: Own,
    own_output: Own,
}

impl Kept {
    /// What `component` makes of `values`; `None` when its values make no
    /// component, which an evaluation then reports as it would otherwise.
    fn of(component: &Component, values: &[Value]) -> Option<Self> {
        Some(Self {
            made: component.make(values).ok()?,
            own_input: component.own_input(values),
            own_output: component.own_output(values),
        })
    }
}

impl<'s> Evaluator<'s> {
    pub fn new(scenario: &'s Scenario) -> Self {
        Self::of(scenario, None)
    }

    /// An evaluator for values of which only `varied` slots change from one
    /// evaluation to the next: each component that reads none of them is
    /// made once, from the values of the first evaluation, and reused.
    pub fn varying(scenario: &'s Scenario, varied: &[usize]) -> Self {
        Self::of(scenario, Some(varied))
    }
}

impl<'s> Evaluator<'s, f64> {
    /// [`Evaluator::varying`] in floats: the samples of a Monte Carlo run
    /// (whose ranged values are the `varied` slots), of which it reads the
    /// costs and verdicts to rank them, not the figures of a report.
    pub fn sampling(scenario: &'s Scenario, varied: &[usize]) -> Self {
        Self::of(scenario, Some(varied))
    }
}

impl<'s, N: Evaluated> Evaluator<'s, N> {
    fn of(scenario: &'s Scenario, varied: Option<&[usize]>) -> Self {
        Self {
            scenario,
            results: Vec::new(),
            failures: Vec::new(),
            lacks: Vec::new(),
            at: AtMonth::new(scenario),
            varied: varied.map(<[usize]>::to_vec),
            kept: Vec::new(),
        }
    }

    /// Every alternative at `values` (the scenario's slots, some varied);
    /// an error if any of them cannot be evaluated.
    pub fn evaluate(&mut self, values: &[Value]) -> Result<&[AlternativeResult<N>], Diagnostic> {
        self.evaluate_each(values)?;
        let first = self
            .failures
            .iter_mut()
            .zip(&self.lacks)
            .find_map(|(failure, lacks)| failure.take().map(|failure| (failure, *lacks)));
        match first {
            Some((failure, true)) => Err(gaps(self.scenario, values)?.unwrap_or(failure)),
            Some((failure, false)) => Err(failure),
            None => Ok(&self.results),
        }
    }

    /// Every alternative at `values`, each on its own: one whose figures
    /// cannot be computed there (a quantity past a pricing table's last
    /// tier, a figure too large for exact decimals) has its reason in the
    /// second slice, and the others are evaluated all the same. An error
    /// only for what concerns them all (the workload).
    pub fn evaluate_each(&mut self, values: &[Value]) -> Result<Each<'_, N>, Diagnostic> {
        self.evaluate_changed(values, None)
    }

    /// [`Self::evaluate_each`], evaluating again only the alternatives that
    /// `changed` marks (every one when it is `None`, and on the first
    /// evaluation): the others keep the figures of the last evaluation, for
    /// values that do not reach them.
    pub fn evaluate_changed(
        &mut self,
        values: &[Value],
        changed: Option<&[bool]>,
    ) -> Result<Each<'_, N>, Diagnostic> {
        let scenario = self.scenario;
        let values = self.at.values(scenario, values)?;
        let no_usage = Usage::default();
        let requirements = requirements_at(scenario, values);
        let ctx = context(scenario, values, &requirements, &scenario.prices, &no_usage)?;
        let no_usage = Usage::default();
        let ctx = N::context(&ctx, &no_usage);
        let count = scenario.alternatives.len();
        let first = self.results.len() != count;
        self.results.resize_with(count, AlternativeResult::empty);
        self.failures.resize_with(count, || None);
        self.lacks.resize(count, false);
        if let Some(varied) = &self.varied
            && self.kept.len() != count
        {
            self.kept = scenario
                .alternatives
                .iter()
                .map(|alternative| {
                    let keep = |c: &Component| (!c.reads_any(varied)).then(|| Kept::of(c, values));
                    alternative
                        .components
                        .iter()
                        .map(|c| keep(c).flatten())
                        .collect()
                })
                .collect();
        }
        for (i, (((alternative, out), failure), lacks)) in scenario
            .alternatives
            .iter()
            .zip(&mut self.results)
            .zip(&mut self.failures)
            .zip(&mut self.lacks)
            .enumerate()
        {
            if !first && changed.is_some_and(|changed| !changed[i]) {
                continue;
            }
            let kept = self.kept.get(i).map_or(&[][..], Vec::as_slice);
            let error =
                evaluate_alternative_into(alternative, values, &requirements, &ctx, kept, out)
                    .err();
            *lacks = error.is_some_and(|(_, error)| gap(error).is_some());
            *failure = error.map(|(index, error)| located(scenario, alternative, index, error));
        }
        Ok((&self.results, &self.failures))
    }
}

/// What every component of the scenario is evaluated with at `values`,
/// whose requirements are `requirements`, priced by `prices`.
fn context<'a>(
    scenario: &'a Scenario,
    values: &'a [Value],
    requirements: &Requirements,
    prices: &'a PriceBook,
    usage: &'a Usage,
) -> Result<Ctx<'a>, Diagnostic> {
    Ok(Ctx {
        prices,
        hours: hours(scenario, values),
        free_tier: scenario.free_tier,
        round_up_to_cent: scenario.round_up_to_cent,
        usage,
        input: workload(scenario, values)?,
        keys: &flow::RECORDS,
        prices_set: PricesSet {
            values: prices_set(&values[scenario.price_slots.clone()]),
            slot: |dimension| services::dimensions().position(|d| d.key == dimension.key),
        },
        required_retention: requirements.retention,
    })
}

/// The alternative's own budget, if it has one, in place of the scenario's.
fn budget(
    alternative: &Alternative,
    values: &[Value],
    requirements: &Requirements,
) -> Option<Decimal> {
    match values[alternative.budget] {
        Value::Number(budget) => Some(budget),
        _ => requirements.max_monthly_cost,
    }
}

/// Each alternative's budget at `values`: its own, else the scenario's.
pub fn budgets(scenario: &Scenario, values: &[Value]) -> Vec<Option<Decimal>> {
    let requirements = requirements_at(scenario, values);
    scenario
        .alternatives
        .iter()
        .map(|alternative| budget(alternative, values, &requirements))
        .collect()
}

/// The requirements at `values`.
pub fn requirements_at(scenario: &Scenario, values: &[Value]) -> Requirements {
    Requirements::from_values(&Values::new(
        requirements::KEYS,
        &values[scenario.requirements.clone()],
    ))
}

/// The figure of the pricing table that `error` says is missing, if it
/// says one is.
fn gap(error: EvalError) -> Option<Gap> {
    match error {
        EvalError::MissingPrice(dimension) => Some(Gap::Price(dimension)),
        EvalError::MissingLimit(limit) => Some(Gap::Limit(limit)),
        _ => None,
    }
}

/// Why the table leaves out the figure `error` says it lacks, if it says.
fn missing(book: &PriceBook, error: EvalError) -> Option<&crate::pricing::Missing> {
    match error {
        EvalError::MissingRow(dimension) => book.missing_price(dimension.key),
        _ => book.missing(gap(error)?),
    }
}

/// Gaps no scenario needs more of: a bound on the search, never reached
/// by a table of the registry's services.
const MAX_GAPS: usize = 512;

/// Every price and limit that the scenario needs and its table lacks, at
/// once, so that they can be filled in one go: each alternative is
/// evaluated again with a stand-in for each figure it lacks, until it needs
/// no other (or fails for another reason). One error for each, at the
/// first component that needs it, and one that says how to fill them all;
/// `None` if none is missing.
fn gaps(scenario: &Scenario, values: &[Value]) -> Result<Option<Diagnostic>, Diagnostic> {
    let requirements = requirements_at(scenario, values);
    let usage = Usage::default();
    // Each gap, and where it is needed: (alternative, component).
    let mut found: Vec<(Gap, Vec<(usize, usize)>)> = Vec::new();
    for (a, alternative) in scenario.alternatives.iter().enumerate() {
        let mut book = scenario.prices.clone();
        let mut out = AlternativeResult::empty();
        for _ in 0..MAX_GAPS {
            let ctx = context(scenario, values, &requirements, &book, &usage)?;
            let Err((i, error)) =
                evaluate_alternative_into(alternative, values, &requirements, &ctx, &[], &mut out)
            else {
                break;
            };
            let Some(gap) = gap(error) else { break };
            match found.iter_mut().find(|(g, _)| *g == gap) {
                Some((_, places)) => places.push((a, i)),
                None => found.push((gap, vec![(a, i)])),
            }
            book = book.standing_in(gap);
        }
    }
    let table = &scenario.prices.name;
    // A service AWS does not offer in the table's Region lacks every
    // figure: one error says so, at the first component that needs it.
    let book = &scenario.prices;
    let not_offered = |gap: &Gap| book.missing(*gap).is_some_and(|m| m.not_offered);
    let mut offered_nowhere: Vec<&str> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for (gap, places) in found.iter().filter(|(gap, _)| not_offered(gap)) {
        let service = gap.key().split_once('.').map_or(gap.key(), |(s, _)| s);
        if offered_nowhere.contains(&service) {
            continue;
        }
        offered_nowhere.push(service);
        let (a, i) = places[0];
        let error = match *gap {
            Gap::Price(dimension) => EvalError::MissingPrice(dimension),
            Gap::Limit(limit) => EvalError::MissingLimit(limit),
        };
        errors.push(
            located(scenario, &scenario.alternatives[a], i, error).with_help(format!(
                "use `--pricing` with a table of a Region that offers `{service}` (`calc pricing list`), or another service"
            )),
        );
    }
    found.retain(|(gap, _)| !not_offered(gap));
    errors.extend(found.iter().map(|(gap, places)| {
        let (a, i) = places[0];
        let alternative = &scenario.alternatives[a];
        let error = match *gap {
            Gap::Price(dimension) => EvalError::MissingPrice(dimension),
            Gap::Limit(limit) => EvalError::MissingLimit(limit),
        };
        let diagnostic = located(scenario, alternative, i, error);
        match places.len() {
            1 => diagnostic,
            n => {
                let help = diagnostic.help.clone().unwrap_or_default();
                diagnostic.with_help(format!(
                    "{help} (needed by {n} components: {})",
                    needed_by(scenario, places)
                ))
            }
        }
    }));
    let Some(first) = found.first() else {
        return Ok(Diagnostic::all(errors));
    };
    let (prices, limits) = found
        .iter()
        .partition::<Vec<_>, _>(|(gap, _)| matches!(gap, Gap::Price(_)));
    let what = [(prices.len(), "price"), (limits.len(), "limit")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| format!("{n} {noun}{}", if n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(" and ");
    let them = if found.len() == 1 { "it" } else { "them" };
    let entry = match first.0 {
        Gap::Price(dimension) => format!(
            "`[prices.{}]` with `price`, `unit = \"{}\"`",
            dimension.key, dimension.unit
        ),
        Gap::Limit(limit) => format!("`[limits.{}]` with `value`", limit.key),
    };
    // Another table is a fix only if one holds every figure missing here;
    // a figure no bundled table holds (a price no source gives) is filled
    // by a price book alone.
    let elsewhere = crate::pricing::bundled_names()
        .filter(|name| name != table)
        .filter_map(crate::pricing::compiled)
        .any(|other| found.iter().all(|(gap, _)| other.holds_gap(*gap)));
    let another = if elsewhere {
        format!("use `--pricing` with a table that has {them} (`calc pricing list`), or ")
    } else {
        format!("no bundled table has {them}: write ")
    };
    errors.push(
        scenario
            .source
            .error_in_file(format!(
                "pricing table `{table}` lacks {what} that this scenario needs (above)"
            ))
            .with_help(if scenario.prices.is_bundled() {
                format!(
                    "{another}a price book of your own that fills {them}: `extends = \"{table}\"`, then \
                     {entry}, `source`, `as_of` and `evidence`, and so on for each; \
                     name it with `--pricing book.toml`"
                )
            } else if elsewhere {
                format!(
                    "add {them} to the table: {entry}, `source`, `as_of` and `evidence`, \
                     and so on for each; or use `--pricing` with a table that has {them} \
                     (`calc pricing list`)"
                )
            } else {
                format!(
                    "add {them} to the table: {entry}, `source`, `as_of` and `evidence`, \
                     and so on for each; no bundled table has {them}"
                )
            }),
    );
    Ok(Diagnostic::all(errors))
}

/// The components at `places`, as a report names them.
fn needed_by(scenario: &Scenario, places: &[(usize, usize)]) -> String {
    places
        .iter()
        .map(|&(a, i)| {
            let alternative = &scenario.alternatives[a];
            format!("`{}` of `{}`", label(alternative, i), alternative.name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The prices set over the table's; none at all (the usual case) is an
/// empty slice, so that the bill does not look for them.
fn prices_set(slots: &[Value]) -> &[Value] {
    if slots.iter().all(|v| matches!(v, Value::Absent)) {
        &[]
    } else {
        slots
    }
}

/// The hours of the billing month at `values`.
pub fn hours(scenario: &Scenario, values: &[Value]) -> Decimal {
    match values[scenario.hours_per_month] {
        Value::Number(hours) => hours,
        _ => Decimal::from(730),
    }
}

/// An evaluation error, placed at the component that failed.
fn located(
    scenario: &Scenario,
    alternative: &Alternative,
    index: usize,
    error: EvalError,
) -> Diagnostic {
    let component = &alternative.components[index];
    let mut message = describe(error, &scenario.prices.name, component);
    if let Some(why) = missing(&scenario.prices, error) {
        let key = match error {
            EvalError::MissingPrice(d) | EvalError::MissingRow(d) => d.key,
            EvalError::MissingLimit(l) => l.key,
            _ => "",
        };
        message = match why.not_offered {
            true => format!(
                "`{}` is not offered in {} (pricing table `{}`): {}",
                key.split_once('.').map_or(key, |(service, _)| service),
                scenario.prices.region,
                scenario.prices.name,
                why.reason
            ),
            false => format!("{message}: {}", why.reason),
        };
    }
    scenario
        .source
        .error(component.span, message)
        .with_help(help(
            error,
            alternative,
            index,
            scenario.prices.is_bundled(),
        ))
}

/// One alternative, written into `out`, whose buffers are reused: once they
/// have grown to the alternative's size, an evaluation allocates nothing.
/// `kept` has, for some of its components, what their values make, made
/// from the same values (empty if none is kept).
///
/// The alternative is one design in one account: its components share the
/// free tiers and price tiers, counted from a fresh ledger (`ctx.usage` is
/// not used). `ctx.input` is the workload as [`workload`] makes it (its
/// peak checked against its average), which the first component receives;
/// each other component receives what the one it consumes emits.
pub fn evaluate_alternative_into<N: Evaluated>(
    alternative: &Alternative,
    values: &[Value],
    requirements: &Requirements,
    ctx: &Ctx<N>,
    kept: &[Option<Kept>],
    out: &mut AlternativeResult<N>,
) -> Result<(), (usize, EvalError)> {
    let kept = |i: usize| kept.get(i).and_then(Option::as_ref);
    let usage = Usage::default();
    // What every component is evaluated with; each sets what it receives.
    let mut component_ctx = Ctx {
        usage: &usage,
        ..*ctx
    };
    if !Arc::ptr_eq(&out.name, &alternative.name) {
        out.name.clone_from(&alternative.name);
    }
    out.violations.clear();
    out.components
        .resize_with(alternative.components.len(), ComponentResult::empty);
    for &i in &alternative.order {
        let component = &alternative.components[i];
        // What it receives, and whether its rate is known to fit (a peak
        // at least its average): the workload's and what a component passes
        // on are checked where they are made, and copies of each record keep
        // the order of the two; files a component writes are its own. It is
        // written where the component reads it, not built beside it and
        // copied there: a flow just written in parts reads back slowly.
        let checked = match component.from {
            From::Workload => {
                component_ctx.input = ctx.input;
                true
            }
            From::Component(j) => {
                let producer = &alternative.components[j];
                let delivery = match kept(j) {
                    Some(kept) => kept.made.delivery_to(component.def().name),
                    None => producer
                        .delivery_to(values, component.def().name)
                        .map_err(|_| (j, EvalError::Invalid))?,
                };
                let copies = delivery.copies();
                let made = &out.components[j];
                component_ctx.input = match delivery {
                    Delivery::Files => made.files.or(made.output),
                    _ => made.output,
                }
                .unwrap_or(Flow::NOTHING);
                if let Some(rate) = &mut component_ctx.input.rate {
                    *rate = rate
                        .times(N::of(copies))
                        .map_err(|_| (j, EvalError::Arithmetic))?;
                }
                !matches!(delivery, Delivery::Files)
            }
        };
        let own_input = match kept(i) {
            Some(kept) => kept.own_input,
            None => component.own_input(values),
        };
        // Nothing of its own over a flow that fits: the flow, as `over`
        // would give it.
        if !(checked && own_input.is_nothing()) {
            own_input
                .apply(&mut component_ctx.input)
                .map_err(|e| (i, unfit(e)))?;
        }
        component_ctx.keys = component.def().input.unwrap_or(&flow::RECORDS);
        let before = match component.from {
            From::Workload => Duration::ZERO,
            From::Component(j) => out.components[j].path_latency,
        };
        let result = &mut out.components[i];
        let recording = traced::recording();
        if recording {
            // What was recorded before this component is not its working.
            traced::take();
        }
        match kept(i) {
            Some(kept) => N::made(&*kept.made, &component_ctx, result),
            None => component.evaluate_into(values, &component_ctx, result),
        }
        .map_err(|e| (i, e))?;
        if recording {
            result.working = traced::take();
        }
        // The same name as the last evaluation's, the usual case: its
        // count of references, which every thread would share, is left be.
        let same_id = match (&result.id, &component.id) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if !same_id {
            result.id.clone_from(&component.id);
        }
        result.input = component_ctx.input;
        result.from = component.from;
        result.path_latency = before
            .then(result.latency)
            .ok_or((i, EvalError::Arithmetic))?;
        let own_output = match kept(i) {
            Some(kept) => kept.own_output,
            None => component.own_output(values),
        };
        match &mut result.output {
            // What it received, passed on as it is: it fits.
            None if own_output.is_nothing() => result.output = Some(component_ctx.input),
            None => {
                let output = own_output.over(component_ctx.input);
                result.output = Some(output.map_err(|e| (i, unfit(e)))?);
            }
            Some(output) => own_output.apply(output).map_err(|e| (i, unfit(e)))?,
        }
    }
    let mut total = N::ZERO;
    for (i, component) in out.components.iter().enumerate() {
        let cost = component
            .line_items
            .iter()
            .try_fold(N::ZERO, |sum, item| sum.plus(item.monthly_cost));
        total = cost
            .and_then(|cost| total.plus(cost))
            .map_err(|_| (i, EvalError::Arithmetic))?;
    }
    out.monthly_cost = total;
    // Branches run side by side: the data is late by the slowest path.
    out.latency = out
        .components
        .iter()
        .map(|c| c.path_latency)
        .max()
        .unwrap_or(Duration::ZERO);
    check(requirements, budget(alternative, values, requirements), out);
    Ok(())
}

fn unfit(error: Unfit) -> EvalError {
    match error {
        Unfit::PeakBelowAverage(rate) => EvalError::PeakBelowAverage(rate),
        Unfit::TooLarge => EvalError::Arithmetic,
    }
}

/// Checks an alternative against the requirements: latency adds up along the
/// components, cost adds up, every component that orders messages or limits
/// their size must meet the requirement, and retention and replay are met when
/// any component keeps the data long enough or lets it be read again.
fn check<N: Number>(
    requirements: &Requirements,
    budget: Option<Decimal>,
    alternative: &mut AlternativeResult<N>,
) {
    let (components, monthly_cost, latency) = (
        &alternative.components,
        alternative.monthly_cost,
        alternative.latency,
    );
    let violations = &mut alternative.violations;
    if let Some(limit) = requirements.max_latency
        && latency > limit
    {
        violations.push((
            None,
            Violation::MaxLatency {
                actual: latency,
                limit,
            },
        ));
    }
    if let Some(limit) = budget
        && monthly_cost > N::of(limit)
    {
        violations.push((
            None,
            Violation::MaxMonthlyCost {
                actual: monthly_cost.decimal(),
                limit,
            },
        ));
    }
    for (i, component) in components.iter().enumerate() {
        let properties = &component.properties;
        if let (Some(required), Some(has)) = (requirements.ordering, properties.ordering)
            && !has.satisfies(required)
        {
            violations.push((Some(i), Violation::Ordering { has, required }));
        }
        if let (Some(required), Some(max)) =
            (requirements.max_message_size, properties.max_message_size)
            && required > max
        {
            violations.push((Some(i), Violation::MessageSize { max, required }));
        }
        if let (Some(required), Some(limit)) =
            (requirements.max_job_duration, properties.max_run_duration)
            && required > limit.max
        {
            violations.push((
                Some(i),
                Violation::JobDuration {
                    max: limit.max,
                    required,
                    instead: limit.instead,
                },
            ));
        }
    }
    if let Some(required) = requirements.retention {
        let longest = components
            .iter()
            .map(|c| c.properties.retention)
            .max_by_key(|r| match r {
                Retention::None => (0, Duration::ZERO),
                Retention::For(d) => (1, *d),
                Retention::Indefinite => (2, Duration::ZERO),
            })
            .unwrap_or(Retention::None);
        let kept = match longest {
            Retention::None => false,
            Retention::For(d) => d >= required,
            Retention::Indefinite => true,
        };
        if !kept {
            violations.push((None, Violation::Retention { longest, required }));
        }
    }
    if requirements.replay && !components.iter().any(|c| c.properties.replay) {
        violations.push((None, Violation::Replay));
    }
}

fn describe(error: EvalError, table: &str, component: &Component) -> String {
    let def = component.def();
    let keys = def.input.as_ref();
    match error {
        EvalError::MissingRate => format!(
            "`{}` needs `{}`",
            def.name,
            keys.map_or("records_per_second", |k| k.rate.name)
        ),
        EvalError::MissingSize => format!(
            "`{}` needs `{}`",
            def.name,
            keys.map_or("record_size", |k| k.size.name)
        ),
        EvalError::MissingStored { needs, .. } => format!("`{}` needs {needs}", def.name),
        EvalError::Invalid => format!("`{}`'s values do not fit together", def.name),
        EvalError::Arithmetic => format!(
            "the figures of `{}` are too large to compute exactly",
            def.name
        ),
        EvalError::PeakBelowAverage(rate) => format!(
            "`{}` would peak at {} records/s, below its average of {}",
            def.name, rate.peak, rate.average
        ),
        EvalError::MissingPrice(d) => {
            format!("pricing table `{table}` has no price for `{}`", d.key)
        }
        EvalError::MissingRow(_) => format!(
            "pricing table `{table}` has no row for the type this `{}` component names",
            def.name
        ),
        EvalError::MissingSpec(_) => format!(
            "pricing table `{table}` has no `vcpu` or no `memory` for the type this `{}` component names",
            def.name
        ),
        EvalError::MissingCommitment(_, purchase) => format!(
            "pricing table `{table}` has no `{purchase}` rates for the type this `{}` component names",
            def.name
        ),
        EvalError::MissingLimit(l) => format!("pricing table `{table}` has no limit `{}`", l.key),
        EvalError::BeyondLastTier(d) => {
            format!(
                "the quantity of `{}` runs past the last tier of pricing table `{table}`",
                d.key
            )
        }
        EvalError::LimitKind(l) => format!(
            "limit `{}` in pricing table `{table}` has the wrong kind of value",
            l.key
        ),
        EvalError::Overflow(d) => format!("the cost of `{}` is too large to compute", d.key),
    }
}

/// What to do about `error`; `bundled`: whether the pricing table is one
/// built in (filled by a price book that extends it) or a file (edited).
fn help(error: EvalError, alternative: &Alternative, index: usize, bundled: bool) -> String {
    let fill = |entry: String| {
        if bundled {
            format!("a price book that extends the table can add `{entry}`")
        } else {
            format!("add `{entry}` to the table")
        }
    };
    let component = &alternative.components[index];
    let keys = component.def().input.as_ref();
    let upstream = match component.from {
        From::Workload => {
            "set `{workload}` in [workload], or `{own}` on this component".to_string()
        }
        From::Component(j) => format!(
            "the component it consumes, `{}` ({}), passes on none; set `{{own}}` on this component",
            alternative.components[j].def().name,
            label(alternative, j),
        ),
    };
    match error {
        EvalError::MissingRate => upstream
            .replace("{workload}", "records_per_second")
            .replace("{own}", keys.map_or("records_per_second", |k| k.rate.name)),
        EvalError::MissingSize => upstream
            .replace("{workload}", "record_size")
            .replace("{own}", keys.map_or("record_size", |k| k.size.name)),
        EvalError::PeakBelowAverage(_) => {
            "a peak is the busiest second's rate: at least the average".to_string()
        }
        EvalError::MissingStored { help, .. } => help.to_string(),
        EvalError::Invalid => "check the values set for this component".to_string(),
        EvalError::Arithmetic => {
            "exact decimal arithmetic has 28 digits: check the rates, sizes, durations and prices"
                .to_string()
        }
        EvalError::MissingPrice(d) => format!(
            "{}; or set `\"{}\" = <price per {}>` in [pricing_overrides]",
            fill(format!("[prices.{}]", d.key)),
            d.key,
            d.unit
        ),
        EvalError::MissingRow(d) => format!(
            "add a row for it to the table's `[instances.{}]`",
            d.rows
                .unwrap_or_else(|| d.key.split_once('.').map_or(d.key, |(service, _)| service))
        ),
        EvalError::MissingSpec(d) => format!(
            "add `vcpu` and `memory` to its row in the table's `[instances.{}]`",
            d.rows
                .unwrap_or_else(|| d.key.split_once('.').map_or(d.key, |(service, _)| service))
        ),
        EvalError::MissingCommitment(d, purchase) => format!(
            "{} with its `upfront` and `hourly`; or choose another `purchase`",
            fill(format!(
                "[instances.{}.\"TYPE\".commitments.{purchase}]",
                d.catalogue()
            ))
        ),
        EvalError::MissingLimit(l) => fill(format!("[limits.{}]", l.key)),
        EvalError::BeyondLastTier(_) => {
            "add a last tier without `up_to`, or price it by agreement".to_string()
        }
        EvalError::LimitKind(_) | EvalError::Overflow(_) => {
            "check the pricing table and the scenario's figures".to_string()
        }
    }
}

/// How a report names a component: its id, or its place.
pub fn label(alternative: &Alternative, index: usize) -> String {
    alternative.components[index]
        .id
        .as_deref()
        .map_or_else(|| format!("components[{index}]"), str::to_string)
}
