//! `calc check`'s results: a table for a terminal, JSON, Markdown for a
//! pull-request comment, JUnit XML, an HTML page for a CI artifact, and
//! GitHub Actions annotations. Every
//! piece of text from a scenario (its file name, its name, its
//! alternatives' names) goes through the format's escape.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::html::{esc as html_esc, page};
use super::json::Exact;
use super::table::new_table;
use super::text;
use super::text::percent_change;
use crate::base::diagnostic::Diagnostic;
use crate::base::escape;
use crate::commands::check::{
    AlternativeCheck, Broken, Format, Increase, Reason, Results, ScenarioCheck, Status, Why,
};
use crate::model::growth::BudgetOver;
use crate::model::report::AlternativeResult;

/// The headline: `1 of 3 scenarios fails`, `3 scenarios pass`, or `1 of 3
/// scenarios cannot be checked`.
pub fn headline(results: &Results) -> String {
    let broken = results.broken.len();
    let total = results.scenarios.len() + broken;
    let noun = if total == 1 { "scenario" } else { "scenarios" };
    let failed = results.count(Status::Fail);
    let warned = results.count(Status::Warning);
    let mut line = if failed > 0 {
        format!(
            "{failed} of {total} {noun} {}",
            if failed == 1 { "fails" } else { "fail" }
        )
    } else if broken > 0 {
        format!("{broken} of {total} {noun} cannot be checked")
    } else if total == 1 {
        "1 scenario passes".to_string()
    } else {
        format!("{total} {noun} pass")
    };
    if failed > 0 && broken > 0 {
        let _ = write!(line, "; {broken} cannot be checked");
    }
    if warned > 0 {
        let _ = write!(line, "; {warned} with warnings");
    }
    line
}

/// Where an error of a broken file is: its own file (the scenario, or a
/// pricing table it names), and its line and column when it has them.
fn place<'a>(broken: &'a Broken, error: &'a Diagnostic) -> (&'a str, Option<(u32, u32)>) {
    let file = error.file.as_deref().unwrap_or(&broken.file);
    (file, error.location.as_ref().map(|l| (l.line, l.column)))
}

/// `t.toml:2:3`, or the file alone.
fn place_text(broken: &Broken, error: &Diagnostic) -> String {
    match place(broken, error) {
        (file, Some((line, column))) => format!("{file}:{line}:{column}"),
        (file, None) => file.to_string(),
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Warning => "warning",
        Status::Fail => "FAIL",
    }
}

/// `$356.77 (71.35%)` under the budget, `-$923.59 (-184.72%)` over it.
fn headroom(cost: Decimal, budget: Option<Decimal>, currency: &str) -> String {
    let Some(budget) = budget else {
        return "—".to_string();
    };
    let room = budget - cost;
    let mut text = signed(room, currency, false);
    if let Some(p) = percent_change(room, budget) {
        let _ = write!(text, " ({p})");
    }
    text
}

/// Money with its sign before the symbol: `-$923.59`, and `+$5.00` when
/// `plus` asks for it.
fn signed(amount: Decimal, currency: &str, plus: bool) -> String {
    let sign = if crate::base::number::cents(amount) < Decimal::ZERO {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    format!("{sign}{}", text::money(amount.abs(), currency))
}

/// Against the baseline: `+$5.00 (+3.5%)`, or `new` without one.
fn versus_baseline(cost: Decimal, base: Option<Decimal>, currency: &str) -> String {
    let Some(base) = base else {
        return "new".to_string();
    };
    let change = cost - base;
    let mut text = signed(change, currency, true);
    if let Some(p) = percent_change(change, base) {
        let p = if change.is_sign_negative() {
            p
        } else {
            format!("+{p}")
        };
        let _ = write!(text, " ({p})");
    }
    text
}

fn rules_failed(check: &AlternativeCheck) -> String {
    let mut rules: Vec<&str> = check.reasons.iter().map(Reason::rule).collect();
    rules.dedup();
    rules.join(", ")
}

/// A row a checked alternative, then every reason in full, then the headline.
pub fn table(results: &Results, color: bool) -> String {
    let mut header = vec![
        "result",
        "scenario",
        "alternative",
        "monthly",
        "budget",
        "headroom",
    ];
    if results.baseline {
        header.push("vs baseline");
    }
    header.push("reasons");
    let mut table = new_table(&header);
    let mut details = String::new();
    for scenario in &results.scenarios {
        let currency = &escape::terminal(&scenario.report.pricing.currency);
        let file = escape::terminal(&scenario.file);
        for (alternative, check) in scenario.checked() {
            let mut row = vec![
                status_word(check.status).to_string(),
                file.clone(),
                escape::terminal(&alternative.name),
                text::money(alternative.monthly_cost, currency),
                check
                    .budget
                    .map_or_else(|| "—".to_string(), |b| text::money(b, currency)),
                headroom(alternative.monthly_cost, check.budget, currency),
            ];
            if results.baseline {
                row.push(versus_baseline(
                    alternative.monthly_cost,
                    check.baseline_cost,
                    currency,
                ));
            }
            row.push(rules_failed(check));
            table.add_row(row);
            for reason in &check.reasons {
                let mark = if reason.failing { "✗" } else { "!" };
                let _ = writeln!(
                    details,
                    "{mark} {file}:{}: {}: {}",
                    check.line,
                    escape::terminal(&alternative.name),
                    escape::terminal(&message(
                        alternative,
                        reason,
                        &scenario.report.pricing.currency
                    ))
                );
            }
        }
    }
    for broken in &results.broken {
        let file = escape::terminal(&broken.file);
        let mut row = vec!["ERROR".to_string(), file.clone()];
        row.extend(std::iter::repeat_n("—".to_string(), header.len() - 3));
        row.push("cannot be checked".to_string());
        table.add_row(row);
        for error in broken.error.each() {
            let _ = writeln!(
                details,
                "✗ {}: {}",
                escape::terminal(&place_text(broken, error)),
                escape::terminal(&error.message)
            );
        }
    }
    let money_columns = if results.baseline { 3..7 } else { 3..6 };
    for column in money_columns {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    let mut out = format!("{table}\n");
    if !details.is_empty() {
        out.push('\n');
        out.push_str(&details);
    }
    let (verdict, paint) = if !results.broken.is_empty() {
        ("ERROR", "\u{1b}[31m")
    } else if results.passed() {
        ("PASS", "\u{1b}[32m")
    } else {
        ("FAIL", "\u{1b}[31m")
    };
    let line = format!("{verdict}: {}", headline(results));
    if color {
        let _ = writeln!(out, "\n{paint}{line}\u{1b}[0m");
    } else {
        let _ = writeln!(out, "\n{line}");
    }
    out
}

/// The results in the format asked for.
pub fn render(results: &Results, format: Format, color: bool) -> String {
    match format {
        Format::Table => table(results, color),
        Format::Json => json(results),
        Format::Markdown => markdown(results),
        Format::Junit => junit(results),
        Format::Html => html(results),
    }
}

/// Why an alternative fails or warns, in calc's words (the format escapes
/// them).
pub fn message(alternative: &AlternativeResult, reason: &Reason, currency: &str) -> String {
    match &reason.why {
        Why::Violation {
            component,
            violation,
        } => text::violation(alternative, *component, violation, currency),
        Why::Warning { component, note } => format!(
            "{}: {}",
            text::component_label(&alternative.components[*component]),
            note.message()
        ),
        Why::Increase { cost, base, limit } => {
            let rise = cost - base;
            format!(
                "costs {} a month, {} more than the baseline's {}{}; allowed: {}",
                text::money(*cost, currency),
                text::money(rise, currency),
                text::money(*base, currency),
                percent_change(rise, *base).map_or_else(String::new, |p| format!(" (+{p})")),
                match limit {
                    Increase::Percent(p) => format!("+{}%", p.normalize()),
                    Increase::Amount(a) => format!("+{}", text::money(*a, currency)),
                }
            )
        }
        Why::BudgetAtPercentile {
            percentile,
            cost,
            expected,
            budget,
        } => format!(
            "costs {} a month at P{percentile} of its Monte Carlo run, over its budget of {} held at the {}; its expected cost is {}",
            text::money(*cost, currency),
            text::money(*budget, currency),
            nth_percentile(*percentile),
            text::money(*expected, currency),
        ),
        Why::ChanceCheapest { chance, required } => format!(
            "is the cheapest design that works in {}% of the Monte Carlo samples; the scenario asks for at least {required}% (`min_chance_cheapest`)",
            text::number((chance * Decimal::ONE_HUNDRED).round_dp(1), 1)
        ),
        Why::Growth {
            month,
            months,
            over,
            spent,
            allowed,
        } => match over {
            BudgetOver::EachMonth => format!(
                "costs {} a month in month {month} as the workload grows; budget: {} a month, held for {months} months",
                text::money(*spent, currency),
                text::money(*allowed, currency),
            ),
            BudgetOver::Total => format!(
                "costs {} over months 1 to {month} as the workload grows; budget: {} over {months} months",
                text::money(*spent, currency),
                text::money(*allowed, currency),
            ),
        },
        Why::StalePrices {
            table,
            price,
            days,
            allowed_days,
            today,
        } => match days {
            Some(days) => format!(
                "the oldest price it uses, `{}` of pricing table {table}, is dated {}, {days} days before today ({today}); allowed: {} days; check it against AWS's price and update its entry and `as_of`",
                price.key,
                price.as_of,
                allowed_days.normalize()
            ),
            None => format!(
                "the price `{}` of pricing table {table} has no date calc can read (`as_of = \"{}\"`)",
                price.key, price.as_of
            ),
        },
    }
}

/// The JSON document: keys sorted, money exact. Extend it, never rename.
pub fn json(results: &Results) -> String {
    let document = Document {
        errors: results
            .broken
            .iter()
            .flat_map(|broken| broken.error.each().map(move |error| (broken, error)))
            .map(|(broken, error)| {
                let (file, at) = place(broken, error);
                ErrorView {
                    column: at.map(|(_, column)| column),
                    file,
                    help: error.help.as_deref(),
                    line: at.map(|(line, _)| line),
                    message: &error.message,
                    scenario: &broken.file,
                }
            })
            .collect(),
        passed: results.passed(),
        scenarios: results.scenarios.iter().map(scenario_view).collect(),
        summary: Summary {
            errors: results.broken.len(),
            failed: results.count(Status::Fail),
            passed: results.count(Status::Pass),
            scenarios: results.scenarios.len(),
            warnings: results.count(Status::Warning),
        },
    };
    super::json::to_string(&document)
}

#[derive(Serialize)]
struct Document<'a> {
    /// One an error of a file that could not be checked.
    errors: Vec<ErrorView<'a>>,
    passed: bool,
    scenarios: Vec<ScenarioView<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    column: Option<u32>,
    /// The file the error is in: the scenario, or a pricing table it names.
    file: &'a str,
    help: Option<&'a str>,
    line: Option<u32>,
    message: &'a str,
    /// The scenario that could not be checked.
    scenario: &'a str,
}

#[derive(Serialize)]
struct Summary {
    /// The files that could not be checked.
    errors: usize,
    failed: usize,
    passed: usize,
    scenarios: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct ScenarioView<'a> {
    alternatives: Vec<AlternativeView<'a>>,
    choice: Option<&'a str>,
    file: &'a str,
    scenario: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct AlternativeView<'a> {
    baseline_cost: Option<Exact>,
    budget: Option<Exact>,
    checked: bool,
    headroom: Option<Exact>,
    latency_ms: Exact,
    line: u32,
    monthly_cost: Exact,
    name: &'a str,
    reasons: Vec<ReasonView>,
    status: &'static str,
    verdict: &'static str,
}

#[derive(Serialize)]
struct ReasonView {
    failing: bool,
    message: String,
    /// The month (from 1) the budget is crossed in, for a reason of
    /// `[growth]`; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    rule: &'static str,
}

fn scenario_view(scenario: &ScenarioCheck) -> ScenarioView<'_> {
    ScenarioView {
        alternatives: scenario
            .report
            .alternatives
            .iter()
            .zip(&scenario.alternatives)
            .map(|(a, c)| AlternativeView {
                baseline_cost: c.baseline_cost.map(Exact),
                budget: c.budget.map(Exact),
                checked: c.checked,
                headroom: c.budget.map(|b| Exact(b - a.monthly_cost)),
                latency_ms: Exact(a.latency.ms()),
                line: c.line,
                monthly_cost: Exact(a.monthly_cost),
                name: &a.name,
                reasons: c
                    .reasons
                    .iter()
                    .map(|r| ReasonView {
                        failing: r.failing,
                        message: message(a, r, &scenario.report.pricing.currency),
                        month: match r.why {
                            Why::Growth { month, .. } => Some(month),
                            _ => None,
                        },
                        rule: r.rule(),
                    })
                    .collect(),
                status: c.status.as_str(),
                verdict: a.verdict().as_str(),
            })
            .collect(),
        choice: scenario
            .choice
            .map(|c| &*scenario.report.alternatives[c].name),
        file: &scenario.file,
        scenario: &scenario.report.scenario,
        status: scenario.status.as_str(),
    }
}

fn icon(status: Status) -> &'static str {
    match status {
        Status::Pass => "✅ pass",
        Status::Warning => "⚠️ warning",
        Status::Fail => "❌ fail",
    }
}

/// A pull-request comment: the verdict, a row a checked alternative, and a
/// folded section a scenario with every reason and the alternatives shown
/// for context. Markdown text is escaped with [`escape::markdown`]; text in
/// HTML (`<summary>`) with [`escape::html`].
pub fn markdown(results: &Results) -> String {
    let md = escape::markdown;
    let mut out = format!(
        "### {} calc check: {}\n\n",
        if results.passed() { "✅" } else { "❌" },
        headline(results)
    );
    let _ = write!(
        out,
        "| result | scenario | alternative | monthly | budget | headroom |"
    );
    if results.baseline {
        out.push_str(" vs baseline |");
    }
    out.push_str(" reasons |\n|---|---|---|--:|--:|--:|");
    if results.baseline {
        out.push_str("--:|");
    }
    out.push_str("---|\n");
    for scenario in &results.scenarios {
        let currency = &md(&scenario.report.pricing.currency);
        for (alternative, check) in scenario.checked() {
            let _ = write!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                icon(check.status),
                md(&scenario.file),
                md(&alternative.name),
                text::money(alternative.monthly_cost, currency),
                check
                    .budget
                    .map_or_else(|| "—".to_string(), |b| text::money(b, currency)),
                headroom(alternative.monthly_cost, check.budget, currency),
            );
            if results.baseline {
                let _ = write!(
                    out,
                    " {} |",
                    versus_baseline(alternative.monthly_cost, check.baseline_cost, currency)
                );
            }
            let _ = writeln!(out, " {} |", md(&rules_failed(check)));
        }
    }
    for broken in &results.broken {
        let _ = write!(out, "| ❗ error | {} |", md(&broken.file));
        let _ = writeln!(
            out,
            "{} cannot be checked |",
            " — |".repeat(if results.baseline { 5 } else { 4 })
        );
    }
    for scenario in &results.scenarios {
        details(&mut out, scenario);
    }
    for broken in &results.broken {
        let _ = write!(
            out,
            "\n<details>\n<summary>❗ error: {}</summary>\n\n",
            escape::html(&broken.file)
        );
        for error in broken.error.each() {
            let _ = writeln!(
                out,
                "- ✗ {}: {}",
                md(&place_text(broken, error)),
                md(&error.message)
            );
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn details(out: &mut String, scenario: &ScenarioCheck) {
    let md = escape::markdown;
    let currency = &md(&scenario.report.pricing.currency);
    let _ = write!(
        out,
        "\n<details>\n<summary>{} {}: {}</summary>\n\n",
        icon(scenario.status),
        escape::html(&scenario.file),
        escape::html(&scenario.report.scenario)
    );
    for (alternative, check) in scenario.checked() {
        let _ = writeln!(
            out,
            "- **{}**{}: {} a month, latency {}, {}",
            md(&alternative.name),
            if scenario.choice.is_some() {
                " (chosen)"
            } else {
                ""
            },
            text::money(alternative.monthly_cost, currency),
            alternative.latency,
            text::verdict(alternative)
        );
        for reason in &check.reasons {
            let mark = if reason.failing { "✗" } else { "⚠️" };
            let text = message(alternative, reason, &scenario.report.pricing.currency);
            let _ = writeln!(out, "  - {mark} {}", md(&text));
        }
    }
    let context: Vec<String> = scenario
        .context()
        .map(|(alternative, _)| context_line(alternative, currency))
        .collect();
    if !context.is_empty() {
        let _ = writeln!(out, "\nNot chosen, for context:\n");
        for line in context {
            let _ = writeln!(out, "- {line}");
        }
    }
    out.push_str("\n</details>\n");
}

fn context_line(alternative: &AlternativeResult, currency: &str) -> String {
    format!(
        "{}: {} a month, latency {}, {}",
        escape::markdown(&alternative.name),
        text::money(alternative.monthly_cost, currency),
        alternative.latency,
        escape::markdown(&text::short_verdict(alternative))
    )
}

/// JUnit XML: a `<testsuite>` a scenario, a `<testcase>` a checked
/// alternative and rule (each requirement the scenario states, AWS's
/// limits, the increase over the baseline, warnings), a `<failure>` where
/// it fails.
pub fn junit(results: &Results) -> String {
    let x = escape::xml;
    let mut suites = String::new();
    let (mut all_tests, mut all_failures) = (0, 0);
    for scenario in &results.scenarios {
        let (mut tests, mut failures) = (0, 0);
        let mut cases = String::new();
        for (alternative, check) in scenario.checked() {
            for rule in &check.rules {
                tests += 1;
                let _ = write!(
                    cases,
                    "    <testcase classname=\"{}\" name=\"{}: {rule}\"",
                    x(&scenario.file),
                    x(&alternative.name)
                );
                let reasons: Vec<_> = check.reasons.iter().filter(|r| r.rule() == *rule).collect();
                let currency = &scenario.report.pricing.currency;
                let text_of = |r: &&&Reason| x(&message(alternative, r, currency));
                let failing: Vec<_> = reasons.iter().filter(|r| r.failing).collect();
                if reasons.is_empty() {
                    cases.push_str("/>\n");
                    continue;
                }
                cases.push_str(">\n");
                if let Some(first) = failing.first() {
                    failures += 1;
                    let text: Vec<String> = failing.iter().map(text_of).collect();
                    let _ = writeln!(
                        cases,
                        "      <failure type=\"{rule}\" message=\"{}\">{}</failure>",
                        text_of(first),
                        text.join("\n")
                    );
                } else {
                    let text: Vec<String> = reasons.iter().map(|r| text_of(&r)).collect();
                    let _ = writeln!(cases, "      <system-out>{}</system-out>", text.join("\n"));
                }
                cases.push_str("    </testcase>\n");
            }
        }
        all_tests += tests;
        all_failures += failures;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n",
            x(&scenario.file)
        );
    }
    for broken in &results.broken {
        all_tests += 1;
        let file = x(&broken.file);
        let first = &broken.error;
        let text: Vec<String> = broken
            .error
            .each()
            .map(|error| x(&format!("{}: {}", place_text(broken, error), error.message)))
            .collect();
        let _ = write!(
            suites,
            "  <testsuite name=\"{file}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    \
             <testcase classname=\"{file}\" name=\"{file}: read\">\n      \
             <error type=\"invalid input\" message=\"{}\">{}</error>\n    </testcase>\n  </testsuite>\n",
            x(&first.message),
            text.join("\n")
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"calc check\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        results.broken.len()
    )
}

/// GitHub Actions workflow commands, one a reason of a checked alternative,
/// on the line of the alternative's name: `::error` for a failure,
/// `::warning` for a warning that does not fail.
pub fn annotations(results: &Results) -> String {
    let mut out = String::new();
    for scenario in &results.scenarios {
        for (alternative, check) in scenario.checked() {
            for reason in &check.reasons {
                let level = if reason.failing { "error" } else { "warning" };
                let title = format!("calc check: {}", alternative.name);
                let _ = writeln!(
                    out,
                    "::{level} file={},line={},title={}::{}",
                    escape::github_property(&scenario.file),
                    check.line,
                    escape::github_property(&title),
                    escape::github_message(&format!(
                        "{}: {}",
                        alternative.name,
                        message(alternative, reason, &scenario.report.pricing.currency)
                    ))
                );
            }
        }
    }
    for broken in &results.broken {
        for error in broken.error.each() {
            let (file, at) = place(broken, error);
            let at = at.map_or_else(String::new, |(line, column)| {
                format!(",line={line},col={column}")
            });
            let _ = writeln!(
                out,
                "::error file={}{at},title={}::{}",
                escape::github_property(file),
                escape::github_property("calc check: cannot be checked"),
                escape::github_message(&error.message)
            );
        }
    }
    out
}

fn status(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Pass => ("ok", "✓ pass"),
        Status::Warning => ("warning", "! warning"),
        Status::Fail => ("fails", "✗ fail"),
    }
}

/// A page for a CI artifact: the headline, a row a checked alternative,
/// every reason, and the files that could not be read.
fn html(results: &Results) -> String {
    let headline = headline(results);
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header>\n<h1>calc check: <span class=\"{}\">{}</span></h1>\n</header>\n<main>",
        if results.passed() { "ok" } else { "fails" },
        html_esc(&headline)
    );
    body.push_str(
        "<section id=\"results\">\n<h2>Results</h2>\n<table class=\"stack\"><thead><tr>\
         <th scope=\"col\">result</th><th scope=\"col\">scenario</th><th scope=\"col\">alternative</th>\
         <th scope=\"col\" class=\"n\">monthly</th><th scope=\"col\" class=\"n\">budget</th>\
         <th scope=\"col\" class=\"n\">headroom</th>",
    );
    if results.baseline {
        body.push_str("<th scope=\"col\" class=\"n\">vs baseline</th>");
    }
    body.push_str("<th scope=\"col\">rules failed</th></tr></thead><tbody>\n");
    for scenario in &results.scenarios {
        let currency = &scenario.report.pricing.currency;
        for (alternative, check) in scenario.checked() {
            let (class, word) = status(check.status);
            let _ = write!(
                body,
                "<tr><td data-label=\"result\" class=\"{class} nowrap\">{word}</td>\
                 <td data-label=\"scenario\"><code>{}</code></td><td data-label=\"alternative\">{}</td>\
                 <td class=\"n\" data-label=\"monthly\">{}</td><td class=\"n\" data-label=\"budget\">{}</td>\
                 <td class=\"n\" data-label=\"headroom\">{}</td>",
                html_esc(&scenario.file),
                html_esc(&alternative.name),
                text::money(alternative.monthly_cost, currency),
                check
                    .budget
                    .map_or_else(|| "—".to_string(), |b| text::money(b, currency)),
                html_esc(&headroom(alternative.monthly_cost, check.budget, currency)),
            );
            if results.baseline {
                let _ = write!(
                    body,
                    "<td class=\"n\" data-label=\"vs baseline\">{}</td>",
                    html_esc(&versus_baseline(
                        alternative.monthly_cost,
                        check.baseline_cost,
                        currency
                    ))
                );
            }
            let _ = writeln!(
                body,
                "<td data-label=\"rules failed\">{}</td></tr>",
                html_esc(&rules_failed(check))
            );
        }
    }
    for broken in &results.broken {
        let _ = writeln!(
            body,
            "<tr><td data-label=\"result\" class=\"fails\">✗ error</td>\
             <td data-label=\"scenario\"><code>{}</code></td>\
             <td data-label=\"alternative\" colspan=\"{}\">cannot be checked</td></tr>",
            html_esc(&broken.file),
            if results.baseline { 6 } else { 5 }
        );
    }
    body.push_str("</tbody></table>\n</section>\n");

    for scenario in &results.scenarios {
        let (class, word) = status(scenario.status);
        let currency = &scenario.report.pricing.currency;
        let _ = writeln!(
            body,
            "<section class=\"scenario\">\n<h2><span class=\"{class}\">{word}</span> {}</h2>\n\
             <p><code>{}</code></p>\n<ul>",
            html_esc(&scenario.report.scenario),
            html_esc(&scenario.file)
        );
        for (alternative, check) in scenario.checked() {
            let _ = write!(
                body,
                "<li><strong>{}</strong>{}: {} a month, latency {}, {}",
                html_esc(&alternative.name),
                if scenario.choice.is_some() {
                    " (chosen)"
                } else {
                    ""
                },
                text::money(alternative.monthly_cost, currency),
                alternative.latency,
                html_esc(text::verdict(alternative))
            );
            if !check.reasons.is_empty() {
                body.push_str("<ul class=\"reasons\">");
                for reason in &check.reasons {
                    let (class, mark) = if reason.failing {
                        ("fails", "✗")
                    } else {
                        ("warning", "!")
                    };
                    let _ = write!(
                        body,
                        "<li class=\"{class}\">{mark} {}</li>",
                        html_esc(&message(alternative, reason, currency))
                    );
                }
                body.push_str("</ul>");
            }
            body.push_str("</li>\n");
        }
        body.push_str("</ul>\n");
        let context: Vec<String> = scenario
            .context()
            .map(|(alternative, _)| {
                format!(
                    "<li>{}: {} a month, latency {}, {}</li>",
                    html_esc(&alternative.name),
                    text::money(alternative.monthly_cost, currency),
                    alternative.latency,
                    html_esc(&text::short_verdict(alternative))
                )
            })
            .collect();
        if !context.is_empty() {
            let _ = writeln!(
                body,
                "<p>Not chosen, for context:</p>\n<ul>{}</ul>",
                context.concat()
            );
        }
        body.push_str("</section>\n");
    }
    for broken in &results.broken {
        let _ = writeln!(
            body,
            "<section class=\"broken\">\n<h2><span class=\"fails\">✗ error</span> <code>{}</code></h2>\n<ul>",
            html_esc(&broken.file)
        );
        for error in broken.error.each() {
            let _ = writeln!(
                body,
                "<li>{}: {}</li>",
                html_esc(&place_text(broken, error)),
                html_esc(&error.message)
            );
        }
        body.push_str("</ul>\n</section>\n");
    }
    body.push_str("</main>\n");
    page(&format!("calc check: {headline}"), &body)
}

/// `90th percentile`, `1st percentile`, `22nd percentile`.
fn nth_percentile(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix} percentile")
}
