//! The report as a design-review page: the question, the answer, where
//! the money goes, each alternative drawn and itemised with its working,
//! and the prices it assumed.

use std::fmt::Write;

use super::figures::{self, hop};
use super::page::{esc, page, prose, swatch};
use crate::model::choice::Choice;
use crate::model::report::{
    AlternativeResult, CapacityValue, ComponentResult, Level, Report, Verdict,
};
use crate::model::requirements::Requirements;
use crate::render::explain;
use crate::render::text::{self, money, number};

pub fn render(report: &Report) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header>\n<h1>{}</h1>\n<p class=\"muted\">A design review by calc: capacity, \
         monthly cost, latency and requirements of {} alternative{}.</p>\n</header>\n<main>",
        esc(&report.scenario),
        report.alternatives.len(),
        if report.alternatives.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    question(&mut body, report);
    answer(&mut body, report);
    if let Some(growth) = &report.growth {
        super::growth::section(&mut body, report, growth);
    }
    if let Some(odds) = &report.odds {
        super::odds::section(&mut body, report, odds);
    }
    money_goes(&mut body, report);
    for (i, alternative) in report.alternatives.iter().enumerate() {
        alternative_section(&mut body, report, i, alternative);
    }
    assumptions(&mut body, report);
    body.push_str("</main>\n");
    page(&report.scenario, &body)
}

/// The scenario's question: the workload, the requirements and budget, the
/// prices and month it is answered with.
fn question(out: &mut String, report: &Report) {
    out.push_str("<section id=\"question\">\n<h2>The question</h2>\n<dl class=\"facts\">\n");
    let workload = &report.workload;
    if let Some(rate) = workload.rate {
        let _ = writeln!(
            out,
            "<dt>Workload</dt><dd>{} records/s on average, {} at the peak</dd>",
            number(rate.average, 4),
            number(rate.peak, 4)
        );
    }
    if let Some(size) = workload.record_size {
        let _ = writeln!(out, "<dt>Record size</dt><dd>{size}</dd>");
    }
    let currency = &report.pricing.currency;
    for (what, value) in requirements(&report.requirements, currency) {
        let _ = writeln!(out, "<dt>{what}</dt><dd>{}</dd>", esc(&value));
    }
    let pricing = &report.pricing;
    let _ = writeln!(
        out,
        "<dt>Pricing</dt><dd>table <code>{}</code>: {}, {}, as of {}{}</dd>\n\
         <dt>Month</dt><dd>{} hours</dd>\n<dt>Free tier</dt><dd>{}</dd>",
        esc(&pricing.name),
        esc(&pricing.region),
        esc(&pricing.currency),
        esc(&pricing.as_of),
        pricing
            .exchange_rate
            .as_ref()
            .map(|rate| format!(
                "; converted at {} {} = 1 {} (as of {})",
                number(rate.rate, 28),
                esc(&pricing.currency),
                esc(&rate.from),
                esc(&rate.as_of)
            ))
            .unwrap_or_default(),
        number(report.hours_per_month, 2),
        esc(&super::super::text::free_tier_words(
            pricing,
            report.free_tier
        ))
    );
    for set in &report.overrides {
        let _ = writeln!(
            out,
            "<dt>Set</dt><dd><code>{}</code> = <code>{}</code> (the scenario: <code>{}</code>)</dd>",
            esc(&set.path),
            esc(&set.value),
            esc(&set.was)
        );
    }
    out.push_str("</dl>\n</section>\n");
}

/// The requirements the scenario states, in words.
fn requirements(requirements: &Requirements, currency: &str) -> Vec<(&'static str, String)> {
    let mut said = Vec::new();
    if let Some(latency) = requirements.max_latency {
        said.push(("Latency", format!("at most {latency}")));
    }
    if let Some(ordering) = requirements.ordering {
        said.push(("Ordering", ordering.as_str().replace('_', " ")));
    }
    if let Some(retention) = requirements.retention {
        said.push(("Retention", format!("at least {retention}")));
    }
    if requirements.replay {
        said.push(("Replay", "required".to_string()));
    }
    if let Some(size) = requirements.max_message_size {
        said.push(("Message size", format!("up to {size}")));
    }
    if let Some(duration) = requirements.max_job_duration {
        said.push(("Job duration", format!("up to {duration}")));
    }
    if let Some(budget) = requirements.max_monthly_cost {
        said.push(("Budget", format!("{} a month", money(budget, currency))));
    }
    if said.is_empty() {
        said.push(("Requirements", "none stated".to_string()));
    }
    said
}

fn verdict_class(alternative: &AlternativeResult) -> &'static str {
    match alternative.verdict() {
        Verdict::Ok => "ok",
        Verdict::Warning => "warning",
        Verdict::Fails => "fails",
    }
}

/// Why an alternative fails, or its warnings: a sentence each.
fn reasons(alternative: &AlternativeResult, currency: &str) -> Vec<String> {
    let mut reasons: Vec<String> = alternative
        .all_violations()
        .map(|(c, v)| text::violation(alternative, c, v, currency))
        .collect();
    reasons.extend(alternative.warnings().map(|(c, note)| {
        format!(
            "{}: {}",
            text::component_label(&alternative.components[c]),
            note.message()
        )
    }));
    reasons
}

/// The comparison, the cheapest alternative that meets the requirements,
/// and the one the scenario chose.
fn answer(out: &mut String, report: &Report) {
    let currency = &report.pricing.currency;
    out.push_str("<section id=\"answer\">\n<h2>The answer</h2>\n");
    let comparison = report.comparison();
    match comparison
        .iter()
        .map(|row| &report.alternatives[row.index])
        .find(|a| a.feasible())
    {
        Some(best) => {
            let _ = writeln!(
                out,
                "<p class=\"callout\">Cheapest that meets the requirements: <strong>{}</strong>, \
                 {} a month, latency {}.</p>",
                esc(&best.name),
                money(best.monthly_cost, currency),
                best.latency
            );
        }
        None => out.push_str(
            "<p class=\"callout none\">No alternative meets the requirements: the reasons are \
             in the table.</p>\n",
        ),
    }
    out.push_str(
        "<table class=\"stack\"><caption>Comparison, feasible first, then cheapest first</caption>\
         <thead><tr><th scope=\"col\" class=\"n\">#</th><th scope=\"col\">alternative</th>\
         <th scope=\"col\" class=\"n\">monthly</th><th scope=\"col\" class=\"n\">× cheapest</th>\
         <th scope=\"col\" class=\"n\">latency</th><th scope=\"col\">verdict</th></tr></thead><tbody>\n",
    );
    for (rank, row) in comparison.iter().enumerate() {
        let alternative = &report.alternatives[row.index];
        let chosen = if report.choice == Some(row.index) {
            "<span class=\"badge\">chosen</span>"
        } else {
            ""
        };
        let class = verdict_class(alternative);
        let reasons = reasons(alternative, currency);
        let why = if reasons.is_empty() {
            String::new()
        } else {
            format!(
                "<ul class=\"reasons\">{}</ul>",
                reasons
                    .iter()
                    .map(|r| format!("<li>{}</li>", prose(r)))
                    .collect::<String>()
            )
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"n\" data-label=\"#\">{}</td>\
             <td data-label=\"alternative\"><a href=\"#alt-{}\">{}</a>{chosen}</td>\
             <td class=\"n\" data-label=\"monthly\">{}</td><td class=\"n\" data-label=\"× cheapest\">{}</td>\
             <td class=\"n\" data-label=\"latency\">{}</td>\
             <td data-label=\"verdict\"><span class=\"{class}\">{}</span>{why}</td></tr>",
            rank + 1,
            row.index,
            esc(&alternative.name),
            money(alternative.monthly_cost, currency),
            text::ratio(row.ratio_to_cheapest, alternative.monthly_cost),
            alternative.latency,
            esc(text::verdict(alternative)),
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

/// A stacked bar an alternative, and the same figures as a table.
fn money_goes(out: &mut String, report: &Report) {
    let currency = &report.pricing.currency;
    let (svg, caption) = figures::spend(report);
    let _ = writeln!(
        out,
        "<section id=\"money\">\n<h2>Where the money goes</h2>\n<figure>{svg}\
         <figcaption>{}</figcaption></figure>",
        esc(&caption)
    );
    out.push_str(
        "<table class=\"stack\"><thead><tr><th scope=\"col\">alternative</th>\
         <th scope=\"col\">component</th><th scope=\"col\" class=\"n\">monthly</th>\
         <th scope=\"col\" class=\"n\">share</th></tr></thead><tbody>\n",
    );
    for index in report.ranking() {
        let alternative = &report.alternatives[index];
        for (c, component) in alternative.components.iter().enumerate() {
            let cost = component.monthly_cost();
            let share = cost
                .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(alternative.monthly_cost))
                .map_or_else(|| "—".to_string(), percent);
            let _ = writeln!(
                out,
                "<tr><td data-label=\"alternative\">{}</td><td data-label=\"component\"><span>{}{}</span></td>\
                 <td class=\"n\" data-label=\"monthly\">{}</td><td class=\"n\" data-label=\"share\">{share}</td></tr>",
                esc(&alternative.name),
                swatch(c),
                esc(&text::component_label(component)),
                money(cost, currency),
            );
        }
    }
    out.push_str("</tbody></table>\n</section>\n");
}

/// A share in percent to one decimal; a share too small to show as one is
/// `<0.1%`, not `0%`.
fn percent(share: rust_decimal::Decimal) -> String {
    let shown = number(share, 1);
    if shown == "0" && !share.is_zero() {
        "&lt;0.1%".to_string()
    } else {
        format!("{shown}%")
    }
}

fn alternative_section(out: &mut String, report: &Report, index: usize, a: &AlternativeResult) {
    let currency = &report.pricing.currency;
    let class = verdict_class(a);
    let _ = writeln!(
        out,
        "<section id=\"alt-{index}\" class=\"alternative\">\n<h2>{}</h2>\n\
         <p><strong>{}</strong> a month · latency {} · <span class=\"{class}\">{}</span>{}</p>",
        esc(&a.name),
        money(a.monthly_cost, currency),
        a.latency,
        esc(text::verdict(a)),
        if report.choice == Some(index) {
            "<span class=\"badge\">chosen</span>"
        } else {
            ""
        }
    );
    let violations: Vec<String> = a
        .all_violations()
        .map(|(c, v)| format!("<li>✗ {}</li>", esc(&text::violation(a, c, v, currency))))
        .collect();
    if !violations.is_empty() {
        let _ = writeln!(
            out,
            "<ul class=\"reasons fails\">{}</ul>",
            violations.concat()
        );
    }
    let (svg, caption) = figures::pipeline(a, index, currency);
    let _ = writeln!(
        out,
        "<figure class=\"pipeline\">{svg}<figcaption>{}</figcaption></figure>",
        esc(&caption)
    );
    for (c, component) in a.components.iter().enumerate() {
        component_section(out, report, a, index, c, component);
    }
    out.push_str("</section>\n");
}

fn component_section(
    out: &mut String,
    report: &Report,
    a: &AlternativeResult,
    index: usize,
    c: usize,
    component: &ComponentResult,
) {
    let currency = &report.pricing.currency;
    let failing = !component.violations.is_empty();
    let warned = component.notes.iter().any(|n| n.level == Level::Warning);
    let class = if failing {
        " failing"
    } else if warned {
        " warned"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<section id=\"alt-{index}-c-{c}\" class=\"component{class}\">\n<h3>{}</h3>\n\
         <p>{} a month · latency {}</p>",
        esc(&text::component_label(component)),
        money(component.monthly_cost(), currency),
        component.latency
    );
    if let Some(input) = text::input(a, component) {
        let _ = writeln!(out, "<p>Input: {}</p>", esc(&input));
    } else if let Some(label) = hop(a, component) {
        let _ = writeln!(out, "<p>Input: {}</p>", esc(&label));
    }
    if !component.capacity.is_empty() {
        out.push_str("<dl class=\"facts capacity\">\n");
        for figure in &component.capacity {
            let value = match figure.value {
                CapacityValue::Key(limit) => {
                    format!("<strong>{}</strong>", esc(limit))
                }
                value => esc(&text::capacity_value(value)),
            };
            let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", esc(figure.key));
        }
        out.push_str("</dl>\n");
    }
    if !component.line_items.is_empty() {
        out.push_str(
            "<table class=\"stack\"><thead><tr><th scope=\"col\">dimension</th>\
             <th scope=\"col\" class=\"n\">quantity</th><th scope=\"col\">unit</th>\
             <th scope=\"col\" class=\"n\">unit price</th><th scope=\"col\" class=\"n\">monthly</th>\
             </tr></thead><tbody>\n",
        );
        for item in &component.line_items {
            let _ = writeln!(
                out,
                "<tr><td data-label=\"dimension\"><code>{}</code></td>\
                 <td class=\"n\" data-label=\"quantity\">{}</td><td data-label=\"unit\">{}</td>\
                 <td class=\"n\" data-label=\"unit price\">{}</td><td class=\"n\" data-label=\"monthly\">{}</td></tr>",
                esc(item.dimension.name()),
                esc(&text::quantity(item)),
                esc(item.dimension.unit),
                esc(&text::unit_price(item.unit_price, currency)),
                money(item.monthly_cost, currency)
            );
        }
        out.push_str("</tbody></table>\n");
        for item in &component.line_items {
            if let Some(tiers) = text::tiers(item, currency) {
                let _ = writeln!(
                    out,
                    "<p class=\"muted\">Tiers of <code>{}</code>: {}</p>",
                    esc(item.dimension.name()),
                    esc(&tiers)
                );
            }
        }
    }
    for violation in &component.violations {
        let _ = writeln!(
            out,
            "<p class=\"fails\">✗ {}</p>",
            esc(&text::violation(a, Some(c), violation, currency))
        );
    }
    for note in &component.notes {
        let (class, label) = match note.level {
            Level::Info => ("muted", "Note"),
            Level::Warning => ("warning", "Warning"),
        };
        let _ = writeln!(
            out,
            "<p class=\"{class}\"><strong>{label}:</strong> {}</p>",
            prose(&note.message())
        );
    }
    if !component.working.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>How these figures were worked out</summary>\n{}</details>",
            explain::working_html(currency, &report.pricing.name, a, component)
        );
    }
    out.push_str("</section>\n");
}

/// Every price the bill used, with its source, date and evidence grade.
fn assumptions(out: &mut String, report: &Report) {
    let prices = explain::prices_used(report);
    out.push_str("<section id=\"assumptions\">\n<h2>The prices it assumes</h2>\n");
    if prices.is_empty() {
        out.push_str("<p>No price was used.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>From pricing table <code>{}</code> unless set by the scenario. Evidence: \
         <code>aws-docs</code> text AWS wrote, <code>aws-example</code> a worked example AWS \
         published, <code>aws-price-list</code> AWS's price list, <code>third-party</code> only \
         third parties agree, <code>unverified</code> not confirmed.</p>",
        esc(&report.pricing.name)
    );
    out.push_str(
        "<table class=\"stack\"><thead><tr><th scope=\"col\">price of</th>\
         <th scope=\"col\" class=\"n\">price</th><th scope=\"col\">source</th>\
         <th scope=\"col\">as of</th><th scope=\"col\">evidence</th></tr></thead><tbody>\n",
    );
    for price in prices {
        let _ = writeln!(
            out,
            "<tr><td data-label=\"price of\"><code>{}</code></td><td class=\"n\" data-label=\"price\">{}</td>\
             <td data-label=\"source\">{}</td><td data-label=\"as of\">{}</td>\
             <td data-label=\"evidence\">{}</td></tr>",
            esc(&price.what),
            esc(&price.price),
            esc(&price.source),
            esc(&price.as_of),
            esc(&price.evidence)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}
