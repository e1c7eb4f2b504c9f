//! `calc check`: every scenario against its budget, its requirements and
//! AWS's limits, for CI. A scenario passes when the alternative it chose
//! (`choice = "…"`), or every alternative when it chose none, passes.
//!
//! The exit codes are the contract a CI job builds on: 0 when every scenario
//! passes (or `--warn-only`), 1 when one fails, 2 when one cannot be read or
//! evaluated. An invalid file is never a pass: it is reported in every
//! format beside the scenarios that could be checked, so that CI shows it
//! where it shows the rest.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use rust_decimal::Decimal;

use crate::base::units::Duration;

use crate::base::diagnostic::{Diagnostic, io_reason};
use crate::base::environment::Environment;
use crate::base::files;
use crate::cli::{CheckArgs, CheckFormat};
use crate::model::keys::Values;
use crate::model::report::Report;
use crate::model::requirements::{self, Requirements};
use crate::render::text;
use crate::scenario::set;
use crate::scenario::{self, Overrides};
use crate::{Appendix, Outcome, evaluate, exit, render};

/// `--max-increase`: how much more than the baseline an alternative may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Increase {
    /// Percent of the baseline's cost (`10%`).
    Percent(Decimal),
    /// An amount in the pricing table's currency (`200`).
    Amount(Decimal),
}

impl FromStr for Increase {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (number, percent) = match text.strip_suffix('%') {
            Some(number) => (number.trim_end(), true),
            None => (text, false),
        };
        let value: Decimal = number
            .parse()
            .map_err(|_| format!("`{text}` is not a percentage (`10%`) or an amount (`200`)"))?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(format!("`{text}` is negative: an increase is at least 0"));
        }
        Ok(if percent {
            Self::Percent(value)
        } else {
            Self::Amount(value)
        })
    }
}

impl fmt::Display for Increase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Percent(p) => write!(f, "{}%", p.normalize()),
            Self::Amount(a) => write!(f, "{}", a.normalize()),
        }
    }
}

/// How a checked alternative, or a scenario, came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pass,
    /// It passes, with warnings worth reading.
    Warning,
    Fail,
}

impl Status {
    /// As JSON names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Warning => "warning",
            Self::Fail => "fail",
        }
    }
}

/// Why an alternative fails or warns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The requirement (`max_monthly_cost`, `limit`…), `max_increase`, or
    /// `warning`.
    pub rule: &'static str,
    /// Whether it makes the alternative fail (a warning does only under
    /// `--deny-warnings`).
    pub failing: bool,
    /// In calc's words; the renderers escape it for their format.
    pub message: String,
}

/// One alternative of a checked scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlternativeCheck {
    /// Must it pass: the chosen one, or every one when none is chosen.
    pub checked: bool,
    /// The line of its `name` in the scenario, for annotations.
    pub line: u32,
    /// Its budget: its own `max_monthly_cost`, else `[requirements]`'s.
    pub budget: Option<Decimal>,
    /// What the same alternative cost in the baseline, if there is one.
    pub baseline_cost: Option<Decimal>,
    pub status: Status,
    pub reasons: Vec<Reason>,
    /// The rules it was checked against, in order: a JUnit test case each.
    pub rules: Vec<&'static str>,
}

/// One scenario, evaluated and judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioCheck {
    /// The file, as the command line (or the walk of a folder) named it.
    pub file: String,
    pub report: Report,
    /// The chosen alternative's index, if the scenario chose one.
    pub choice: Option<usize>,
    /// In the report's order.
    pub alternatives: Vec<AlternativeCheck>,
    /// The worst status of its checked alternatives.
    pub status: Status,
}

impl ScenarioCheck {
    /// The alternatives that must pass, with their results.
    pub fn checked(
        &self,
    ) -> impl Iterator<Item = (&crate::model::report::AlternativeResult, &AlternativeCheck)> {
        self.report
            .alternatives
            .iter()
            .zip(&self.alternatives)
            .filter(|(_, c)| c.checked)
    }

    /// The alternatives shown for context only.
    pub fn context(
        &self,
    ) -> impl Iterator<Item = (&crate::model::report::AlternativeResult, &AlternativeCheck)> {
        self.report
            .alternatives
            .iter()
            .zip(&self.alternatives)
            .filter(|(_, c)| !c.checked)
    }
}

/// A file `calc check` could not read or evaluate: it fails the check
/// (exit 2), and every format reports it where the scenario would be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// The file, as the command line (or the walk of a folder) named it.
    pub file: String,
    /// Why: each error found, placed in the file it is about (the scenario,
    /// or a pricing table it names).
    pub error: Diagnostic,
}

/// Everything `calc check` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Results {
    pub scenarios: Vec<ScenarioCheck>,
    /// The files that could not be checked, in the order they were found.
    pub broken: Vec<Broken>,
    pub max_increase: Option<Increase>,
    /// Whether a baseline was given.
    pub baseline: bool,
    pub deny_warnings: bool,
}

impl Results {
    pub fn count(&self, status: Status) -> usize {
        self.scenarios.iter().filter(|s| s.status == status).count()
    }

    /// Whether every scenario passed and every file could be checked.
    pub fn passed(&self) -> bool {
        self.count(Status::Fail) == 0 && self.broken.is_empty()
    }
}

/// Runs `calc check`. A file that cannot be checked is reported in every
/// format, as CI reads it, and on stderr in full; the run then exits 2.
pub fn run(args: &CheckArgs, env: &Environment) -> Outcome {
    let results = match check(args) {
        Ok(results) => results,
        Err(diagnostic) => {
            return Outcome {
                stderr: crate::base::escape::terminal_lines(&diagnostic.to_string()),
                code: exit::INVALID_INPUT,
                ..Outcome::default()
            };
        }
    };
    let stdout = match args.format {
        CheckFormat::Table => render::check::table(&results, env.color),
        CheckFormat::Json => render::check::json(&results),
        CheckFormat::Markdown => render::check::markdown(&results),
        CheckFormat::Junit => render::check::junit(&results),
    };
    let mut stderr: String = results
        .broken
        .iter()
        .map(|b| crate::base::escape::terminal_lines(&b.error.to_string()))
        .collect();
    if env.github_actions {
        stderr.push_str(&render::check::annotations(&results));
    }
    let appendix = env.step_summary.as_ref().map(|path| Appendix {
        path: path.clone(),
        text: render::check::markdown(&results),
    });
    let code = if !results.broken.is_empty() {
        exit::INVALID_INPUT
    } else if results.passed() || args.warn_only {
        exit::SUCCESS
    } else {
        exit::CHECK_FAILED
    };
    Outcome {
        stdout,
        stderr,
        code,
        appendix,
    }
}

/// Finds, evaluates and judges every scenario. A file that cannot be read
/// or evaluated is kept in [`Results::broken`]; an error of the command
/// itself (no scenario anywhere, a baseline that does not fit) is `Err`.
pub fn check(args: &CheckArgs) -> Result<Results, Diagnostic> {
    let overrides = Overrides {
        hours_per_month: args.evaluation.hours_per_month,
        pricing: args.evaluation.pricing.clone(),
        allow_outside_pricing: args.evaluation.allow_outside_pricing,
    };
    let (found, mut broken) = find(&args.paths)?;
    let baselines = match &args.baseline {
        Some(baseline) => baselines(baseline, &found)?,
        None => vec![None; found.len()],
    };
    let evaluated = in_parallel(&found, |i, scenario| {
        let now = evaluate_file(scenario, &overrides, &args.set)?;
        let before = match (&now, &baselines[i]) {
            (Some(_), Some(baseline)) => evaluate_file(baseline, &overrides, &[])?,
            _ => None,
        };
        Ok::<_, Box<Broken>>((now, before))
    });
    let mut scenarios = Vec::new();
    let today = crate::base::dates::today();
    for result in evaluated {
        match result {
            Ok((Some(now), before)) => {
                scenarios.push(judge(now, before.as_ref(), args, &today));
            }
            Ok((None, _)) => {}
            Err(error) => broken.push(*error),
        }
    }
    if scenarios.is_empty() && broken.is_empty() {
        return Err(Diagnostic::plain("no scenarios to check")
            .with_help("the folders given hold only pricing tables"));
    }
    Ok(Results {
        scenarios,
        broken,
        max_increase: args.max_increase,
        baseline: args.baseline.is_some(),
        deny_warnings: args.deny_warnings,
    })
}

/// A scenario file to check.
#[derive(Clone, Debug)]
struct Found {
    path: PathBuf,
    /// Where its baseline sits in a baseline folder: its path under the
    /// folder it was found in, or its file name.
    key: PathBuf,
    /// The folder it was found in, whose tree it must stay in (a link in a
    /// folder is followed only within it); `None` for a file named on the
    /// command line, which is read wherever it is.
    folder: Option<PathBuf>,
}

/// The files named, and every `*.toml` under the folders named, each folder
/// in sorted order; a file named twice is checked once. A path that cannot
/// be read is a broken file of its own.
fn find(paths: &[PathBuf]) -> Result<(Vec<Found>, Vec<Broken>), Diagnostic> {
    let mut found: Vec<Found> = Vec::new();
    let mut broken = Vec::new();
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) => {
                broken.push(Broken {
                    file: path.display().to_string(),
                    error: Diagnostic::plain(format!(
                        "cannot read `{}`: {}",
                        path.display(),
                        io_reason(&e)
                    )),
                });
                continue;
            }
        };
        if metadata.is_dir() {
            let before = (found.len(), broken.len());
            walk(path, path, &mut found, &mut broken);
            if (found.len(), broken.len()) == before {
                return Err(Diagnostic::plain(format!(
                    "no `.toml` scenarios in folder `{}`",
                    path.display()
                )));
            }
        } else {
            found.push(Found {
                path: path.clone(),
                key: PathBuf::from(path.file_name().unwrap_or_default()),
                folder: None,
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert(f.path.clone()));
    Ok((found, broken))
}

/// Every `*.toml` under `dir`, sorted by name, at any depth; hidden entries
/// (`.git`) and links to folders (which may loop) are not followed. A
/// folder that cannot be read is a broken file.
fn walk(root: &Path, dir: &Path, found: &mut Vec<Found>, broken: &mut Vec<Broken>) {
    let cannot = |e: std::io::Error| Broken {
        file: dir.display().to_string(),
        error: Diagnostic::plain(format!(
            "cannot read `{}`: {}",
            dir.display(),
            io_reason(&e)
        )),
    };
    let entries = std::fs::read_dir(dir).and_then(|entries| entries.collect::<Result<Vec<_>, _>>());
    let mut entries = match entries {
        Ok(entries) => entries,
        Err(e) => return broken.push(cannot(e)),
    };
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // The entry's own type: a link is a link, wherever it leads.
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => return broken.push(cannot(e)),
        };
        if kind.is_dir() {
            walk(root, &path, found, broken);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(Found {
                key: path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
                path,
                folder: Some(root.to_path_buf()),
            });
        }
    }
}

/// The baseline of each scenario: a file for a single scenario, or the file
/// at the same place under a baseline folder (none for a new scenario),
/// which must stay in that folder as the scenarios stay in theirs.
fn baselines(baseline: &Path, found: &[Found]) -> Result<Vec<Option<Found>>, Diagnostic> {
    let metadata = std::fs::metadata(baseline).map_err(|e| {
        Diagnostic::plain(format!(
            "cannot read baseline `{}`: {}",
            baseline.display(),
            io_reason(&e)
        ))
    })?;
    if metadata.is_dir() {
        return Ok(found
            .iter()
            .map(|f| {
                let path = baseline.join(&f.key);
                // A link there is an entry, wherever it leads.
                std::fs::symlink_metadata(&path).is_ok().then(|| Found {
                    path,
                    key: f.key.clone(),
                    folder: Some(baseline.to_path_buf()),
                })
            })
            .collect());
    }
    if found.len() != 1 {
        return Err(Diagnostic::plain(format!(
            "baseline `{}` is one file, for {} scenarios",
            baseline.display(),
            found.len()
        ))
        .with_help(
            "give a folder laid out as the checked scenarios, e.g. the base branch's checkout",
        ));
    }
    Ok(vec![Some(Found {
        path: baseline.to_path_buf(),
        key: found[0].key.clone(),
        folder: None,
    })])
}

/// `f` over `items` on every core (each item is a whole scenario: reading,
/// parsing and evaluating it), the results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len())
        .max(1);
    if workers == 1 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(i, item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// A scenario evaluated, with what judging it needs from the file.
struct Evaluated {
    file: String,
    report: Report,
    choice: Option<usize>,
    lines: Vec<u32>,
    budgets: Vec<Option<Decimal>>,
    /// The requirements `[requirements]` states, other than the budget.
    stated: Vec<&'static str>,
}

/// Reads and evaluates one scenario; `None` for a pricing table found in a
/// folder beside the scenarios that name it.
fn evaluate_file(
    found: &Found,
    overrides: &Overrides,
    sets: &[String],
) -> Result<Option<Evaluated>, Box<Broken>> {
    let file = found.path.display().to_string();
    let broken = |error: Diagnostic| {
        Box::new(Broken {
            file: file.clone(),
            error,
        })
    };
    let source = read(found).map_err(broken)?;
    if found.folder.is_some() && is_pricing_table(&source.text) {
        return Ok(None);
    }
    let dir = found.path.parent().unwrap_or(Path::new("."));
    let scenario = scenario::parse(source, dir, overrides).map_err(broken)?;
    let (values, overridden) = set::apply(&scenario, sets).map_err(broken)?;
    let mut report = evaluate::evaluate_with(&scenario, &values).map_err(broken)?;
    report.overrides = overridden;
    let stated = Requirements::from_values(&Values::new(
        requirements::KEYS,
        &values[scenario.requirements.clone()],
    ));
    let budgets = scenario
        .alternatives
        .iter()
        .map(|a| match values[a.budget] {
            crate::model::keys::Value::Number(budget) => Some(budget),
            _ => stated.max_monthly_cost,
        })
        .collect();
    let lines = scenario
        .alternatives
        .iter()
        .map(|a| scenario.source.line(a.span))
        .collect();
    Ok(Some(Evaluated {
        file,
        report,
        choice: scenario.choice,
        lines,
        budgets,
        stated: stated_rules(&stated),
    }))
}

/// The file's text: a file named on the command line wherever it is, one
/// found in a folder only if it leads to a `.toml` file in that folder.
fn read(found: &Found) -> Result<crate::base::diagnostic::Source, Diagnostic> {
    let Some(folder) = &found.folder else {
        return files::read(&found.path, "");
    };
    files::read_within(folder, &found.key, "").map_err(|denied| match denied {
        files::Denied::Error(error) => error,
        files::Denied::Refused => Diagnostic::plain(format!(
            "`{}` is refused: it does not lead to a `.toml` file in `{}`",
            found.path.display(),
            folder.display()
        ))
        .with_help(
            "a link in a checked folder is followed only to a `.toml` file in the same folder; \
             name a file outside it on the command line to check it",
        ),
    })
}

/// A table has `[prices…]` and no alternatives; a scenario always has some.
fn is_pricing_table(text: &str) -> bool {
    text.parse::<toml::Table>()
        .is_ok_and(|t| t.contains_key("prices") && !t.contains_key("alternatives"))
}

fn stated_rules(stated: &Requirements) -> Vec<&'static str> {
    let mut rules = Vec::new();
    if stated.max_latency.is_some() {
        rules.push("max_latency");
    }
    if stated.ordering.is_some() {
        rules.push("ordering");
    }
    if stated.retention.is_some() {
        rules.push("retention");
    }
    if stated.replay {
        rules.push("replay");
    }
    if stated.max_message_size.is_some() {
        rules.push("max_message_size");
    }
    if stated.max_job_duration.is_some() {
        rules.push("max_job_duration");
    }
    rules
}

/// Each alternative against its budget, the requirements, AWS's limits,
/// and (with `--max-increase`) its baseline's cost.
fn judge(
    now: Evaluated,
    before: Option<&Evaluated>,
    args: &CheckArgs,
    today: &str,
) -> ScenarioCheck {
    let currency = now.report.pricing.currency.clone();
    let stale = args
        .max_price_age
        .and_then(|age| stale_prices(&now.report.pricing, age, today));
    let mut alternatives = Vec::with_capacity(now.report.alternatives.len());
    for (i, alternative) in now.report.alternatives.iter().enumerate() {
        let checked = now.choice.is_none_or(|c| c == i);
        let mut reasons: Vec<Reason> = alternative
            .all_violations()
            .map(|(c, v)| Reason {
                rule: v.requirement(),
                failing: true,
                message: text::violation(alternative, c, v, &currency),
            })
            .collect();
        reasons.extend(alternative.warnings().map(|(c, note)| Reason {
            rule: "warning",
            failing: args.deny_warnings,
            message: format!(
                "{}: {}",
                text::component_label(&alternative.components[c]),
                note.text
            ),
        }));
        let baseline_cost = before.and_then(|b| {
            let same = b
                .report
                .alternatives
                .iter()
                .find(|a| a.name == alternative.name);
            // A scenario that chose another design is held to what it had chosen.
            let chosen = || {
                (now.choice == Some(i))
                    .then_some(b.choice)
                    .flatten()
                    .map(|c| &b.report.alternatives[c])
            };
            same.or_else(chosen).map(|a| a.monthly_cost)
        });
        if let (Some(limit), Some(base)) = (args.max_increase, baseline_cost)
            && let Some(reason) = increase(alternative.monthly_cost, base, limit, &currency)
        {
            reasons.push(reason);
        }
        reasons.extend(stale.clone());
        let status = if reasons.iter().any(|r| r.failing) {
            Status::Fail
        } else if reasons.is_empty() {
            Status::Pass
        } else {
            Status::Warning
        };
        let budget = now.budgets[i];
        let mut rules = Vec::new();
        if budget.is_some() {
            rules.push("max_monthly_cost");
        }
        rules.extend(&now.stated);
        rules.push("limit");
        if args.max_increase.is_some() && baseline_cost.is_some() {
            rules.push("max_increase");
        }
        if args.max_price_age.is_some() {
            rules.push("max_price_age");
        }
        rules.push("warning");
        alternatives.push(AlternativeCheck {
            checked,
            line: now.lines[i],
            budget,
            baseline_cost,
            status,
            reasons,
            rules,
        });
    }
    let status = alternatives
        .iter()
        .filter(|a| a.checked)
        .map(|a| a.status)
        .max()
        .unwrap_or(Status::Pass);
    ScenarioCheck {
        file: now.file,
        report: now.report,
        choice: now.choice,
        alternatives,
        status,
    }
}

/// The reason a scenario's prices are too old: its table's `as_of` is more
/// than `age` before `today`. A table whose date is not a date is too old.
fn stale_prices(
    pricing: &crate::model::report::PricingInfo,
    age: Duration,
    today: &str,
) -> Option<Reason> {
    let allowed_days = age.ms() / Decimal::from(86_400_000);
    let days = crate::base::dates::days(today)
        .zip(crate::base::dates::days(&pricing.as_of))
        .map(|(today, as_of)| Decimal::from(today - as_of));
    if days.is_some_and(|days| days <= allowed_days) {
        return None;
    }
    Some(Reason {
        rule: "max_price_age",
        failing: true,
        message: match days {
            Some(days) => format!(
                "pricing table {} is dated {}, {} days before today ({today}); allowed: {} days",
                pricing.name,
                pricing.as_of,
                days,
                allowed_days.normalize()
            ),
            None => format!(
                "pricing table {} has no date calc can read (`as_of = \"{}\"`)",
                pricing.name, pricing.as_of
            ),
        },
    })
}

/// The reason an alternative's cost rose more than `limit` allows over
/// `base`, or `None` when it did not.
fn increase(cost: Decimal, base: Decimal, limit: Increase, currency: &str) -> Option<Reason> {
    let rise = cost - base;
    let allowed = match limit {
        Increase::Amount(amount) => amount,
        // Too large to compute is no limit at all: no cost reaches it.
        Increase::Percent(percent) => base
            .checked_mul(percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .unwrap_or(Decimal::MAX),
    };
    if rise <= allowed {
        return None;
    }
    Some(Reason {
        rule: "max_increase",
        failing: true,
        message: format!(
            "costs {} a month, {} more than the baseline's {}{}; allowed: {}",
            text::money(cost, currency),
            text::money(rise, currency),
            text::money(base, currency),
            percent_change(rise, base).map_or_else(String::new, |p| format!(" (+{p})")),
            match limit {
                Increase::Percent(p) => format!("+{}%", p.normalize()),
                Increase::Amount(a) => format!("+{}", text::money(a, currency)),
            }
        ),
    })
}

/// `rise` as a percentage of `base`, to two decimals: `12.5%`.
pub fn percent_change(rise: Decimal, base: Decimal) -> Option<String> {
    let ratio = rise.checked_div(base)?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(format!("{}%", text::number(ratio, 2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_increase_is_a_percentage_or_an_amount() {
        assert_eq!("10%".parse(), Ok(Increase::Percent(dec!(10))));
        assert_eq!("12.5 %".parse(), Ok(Increase::Percent(dec!(12.5))));
        assert_eq!("200".parse(), Ok(Increase::Amount(dec!(200))));
        assert!("-5%".parse::<Increase>().is_err());
        assert!("ten".parse::<Increase>().is_err());
    }

    #[test]
    fn an_increase_within_the_limit_passes() {
        // 110 over 100 is +10: exactly 10% is allowed, 10.01 is not.
        assert_eq!(
            increase(dec!(110), dec!(100), Increase::Percent(dec!(10)), "USD"),
            None
        );
        let over = increase(dec!(110.01), dec!(100), Increase::Percent(dec!(10)), "USD")
            .expect("over the limit");
        assert_eq!(
            over.message,
            "costs $110.01 a month, $10.01 more than the baseline's $100.00 (+10.01%); allowed: +10%"
        );
        assert_eq!(
            increase(dec!(300), dec!(100), Increase::Amount(dec!(200)), "USD"),
            None
        );
        assert!(increase(dec!(300.01), dec!(100), Increase::Amount(dec!(200)), "USD").is_some());
        // Anything over a free baseline is an infinite percentage.
        assert!(increase(dec!(0.01), dec!(0), Increase::Percent(dec!(50)), "USD").is_some());
    }
}
