//! A sweep for a reader (a table of sample points and every change), for a
//! script (JSON: every point), for a spreadsheet (CSV), as a chart (SVG),
//! or as a page with the chart, the changes and the points (HTML).

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::html::{esc as html_esc, page};
use super::json::Exact;
use super::table::{align_right, new_table};
use super::text;
use crate::base::escape::{csv as csv_field, terminal};
use crate::base::units::after_count;
use crate::commands::sweep::{Format, Swept};
use crate::model::report::Override;
use crate::scenario::Scenario;
use crate::whatif::sweep::{Charted, Crossover, Sweep, Turn};

/// Rows of the table's sample, at most, besides those around each change.
const SAMPLE_ROWS: usize = 11;

pub fn render(swept: &Swept, format: Format) -> String {
    let Swept {
        sweep,
        scenario,
        overrides,
    } = swept;
    match format {
        Format::Table => table(sweep, scenario, overrides),
        Format::Json => json(sweep, scenario, overrides),
        Format::Csv => csv(sweep),
        Format::Svg => super::chart::render(sweep, scenario),
        Format::Html => html(swept),
    }
}

/// The sweep in a sentence: what varies, over what range, in how many points.
fn heading(sweep: &Sweep) -> String {
    let plan = &sweep.plan;
    let show = |x| plan.axis.show(x, &sweep.currency).to_string();
    format!(
        "{} from {} to {}, {} points",
        plan.axis.path,
        show(plan.from),
        show(plan.to),
        text::number(Decimal::from(sweep.points.len()), 0)
    )
}

/// A boundary opening a sentence: "Above 3,461 records/s", "From 1 MB".
fn opening(sweep: &Sweep, at: &crate::whatif::Boundary) -> String {
    let words = at.words(&sweep.plan.axis, &sweep.currency);
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A crossover in words: "Above 3,461 records/s: On demand is cheaper than
/// Provisioned". The boundary comes first, so that an alternative's name
/// (which may hold commas) cannot run into it.
pub fn crossover_words(sweep: &Sweep, crossover: &Crossover) -> String {
    let name = |i: usize| sweep.names[i].as_str();
    let at = opening(sweep, &crossover.at);
    match (crossover.below, crossover.above) {
        (Some(below), Some(above)) if crossover.below_fails => format!(
            "{at}: {} is the cheapest feasible, as {} fails",
            name(above),
            name(below)
        ),
        (Some(below), Some(above)) => {
            format!("{at}: {} is cheaper than {}", name(above), name(below))
        }
        (None, Some(above)) => format!(
            "{at}: {} is the cheapest feasible; below, none is feasible",
            name(above)
        ),
        (Some(below), None) => format!(
            "{at}: no alternative is feasible; below, {} is the cheapest",
            name(below)
        ),
        (None, None) => format!("{at}: the cheapest changes"),
    }
}

/// A turn in words: "Above 1 MB: Kinesis fails — …".
pub fn turn_words(sweep: &Sweep, turn: &Turn) -> String {
    let name = &sweep.names[turn.alternative];
    let at = opening(sweep, &turn.at);
    let reason = text::failure(turn.reason.as_ref(), &sweep.currency);
    if turn.fails_above {
        format!("{at}: {name} fails — {reason}")
    } else {
        format!("{at}: {name} is feasible; below, it fails — {reason}")
    }
}

/// The points the table shows: evenly spread, both ends, and the points on
/// each side of every change.
fn sample(sweep: &Sweep) -> Vec<usize> {
    let count = sweep.points.len();
    let mut rows: Vec<usize> = (0..SAMPLE_ROWS)
        .map(|i| i * (count - 1) / (SAMPLE_ROWS - 1))
        .collect();
    let boundaries = sweep
        .crossovers
        .iter()
        .map(|c| c.at.at)
        .chain(sweep.turns.iter().map(|t| t.at.at));
    for at in boundaries {
        let after = sweep.points.partition_point(|x| *x <= at);
        rows.extend([after.saturating_sub(1), after.min(count - 1)]);
    }
    rows.sort_unstable();
    rows.dedup();
    rows
}

fn table(sweep: &Sweep, scenario: &Scenario, overrides: &[Override]) -> String {
    let currency = &terminal(&sweep.currency);
    let mut out = String::new();
    let _ = writeln!(out, "{}", terminal(&scenario.name));
    let _ = writeln!(
        out,
        "{}",
        super::what_if_setting(scenario, sweep.hours_per_month, overrides, terminal)
    );
    let _ = writeln!(out, "sweep of {}\n", terminal(&heading(sweep)));

    if sweep.crossovers.is_empty() && sweep.turns.is_empty() {
        let _ = writeln!(
            out,
            "No change: the cheapest feasible alternative and every verdict stay the same."
        );
    } else {
        let _ = writeln!(out, "Changes");
        for words in changes(sweep) {
            let _ = writeln!(out, "- {}", terminal(&words));
        }
        if sweep.more_changes {
            let _ = writeln!(
                out,
                "- and more: the search stopped after {} changes; sweep a narrower range",
                crate::whatif::sweep::MAX_CHANGES
            );
        }
    }
    out.push('\n');

    let mut header = vec![terminal(&sweep.plan.axis.path)];
    header.extend(sweep.names.iter().map(|n| terminal(n)));
    header.push("cheapest feasible".to_string());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header);
    for i in sample(sweep) {
        let mut row = vec![sweep.plan.axis.show(sweep.points[i], currency).to_string()];
        for (alternative, cell) in sweep.row(i).iter().enumerate() {
            let mut text = cell
                .cost
                .map_or_else(|| "no cost".to_string(), |cost| text::money(cost, currency));
            if let (Some(figure), Some(value)) = (sweep.capacity[alternative], cell.capacity) {
                let value = text::number(value, 2);
                let _ = write!(text, " · {value} {}", after_count(&value, figure.key));
            }
            if sweep.plan.charted == Charted::Latency && cell.cost.is_some() {
                let _ = write!(text, " · {}", latency(cell.latency));
            }
            if !cell.feasible() {
                text.push_str(" ✗");
            }
            row.push(text);
        }
        row.push(
            sweep
                .cheapest(i)
                .map_or_else(|| "none".to_string(), |c| terminal(&sweep.names[c])),
        );
        table.add_row(row);
    }
    let columns: Vec<usize> = (0..=sweep.names.len()).collect();
    align_right(&mut table, &columns);
    let _ = writeln!(out, "{table}");
    if sweep.cells.iter().any(|c| !c.feasible()) {
        let _ = write!(out, "✗ fails there. ");
    }
    let _ = writeln!(
        out,
        "A sample of the {} points, with those on each side of every change; --format csv or json gives them all.",
        text::number(Decimal::from(sweep.points.len()), 0)
    );
    out
}

/// Every change in words, in order along the axis.
fn changes(sweep: &Sweep) -> Vec<String> {
    let mut changes: Vec<(Decimal, String)> = sweep
        .crossovers
        .iter()
        .map(|c| (c.at.at, crossover_words(sweep, c)))
        .chain(sweep.turns.iter().map(|t| (t.at.at, turn_words(sweep, t))))
        .collect();
    changes.sort_by_key(|(at, _)| *at);
    changes.into_iter().map(|(_, words)| words).collect()
}

fn csv(sweep: &Sweep) -> String {
    let mut out = String::new();
    let _ = write!(out, "{}", csv_field(&sweep.plan.axis.path));
    for (name, figure) in sweep.names.iter().zip(&sweep.capacity) {
        let _ = write!(
            out,
            ",{},{}",
            csv_field(&format!("{name} monthly_cost")),
            csv_field(&format!("{name} verdict"))
        );
        if sweep.plan.charted == Charted::Latency {
            let _ = write!(out, ",{}", csv_field(&format!("{name} latency_ms")));
        }
        if let Some(figure) = figure {
            let _ = write!(out, ",{}", csv_field(&format!("{name} {}", figure.key)));
        }
    }
    out.push_str(",cheapest\n");
    for (i, x) in sweep.points.iter().enumerate() {
        let _ = write!(out, "{}", x.normalize());
        for (cell, figure) in sweep.row(i).iter().zip(&sweep.capacity) {
            out.push(',');
            if let Some(cost) = cell.cost {
                let _ = write!(out, "{}", cost.normalize());
            }
            let _ = write!(out, ",{}", cell.verdict.as_str());
            if sweep.plan.charted == Charted::Latency {
                out.push(',');
                if cell.cost.is_some() {
                    let _ = write!(out, "{}", cell.latency.ms().normalize());
                }
            }
            if figure.is_some() {
                out.push(',');
                if let Some(value) = cell.capacity {
                    let _ = write!(out, "{}", value.normalize());
                }
            }
        }
        out.push(',');
        if let Some(c) = sweep.cheapest(i) {
            out.push_str(&csv_field(&sweep.names[c]));
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Document<'a> {
    alternatives: Vec<Alternative<'a>>,
    crossovers: Vec<CrossoverView<'a>>,
    hours_per_month: Exact,
    /// The figure charted and tabulated beside the cost (`--measure`).
    measure: &'a str,
    /// Whether there are changes past those listed (the search stopped).
    more_changes: bool,
    overrides: Vec<super::json::Set<'a>>,
    points: Vec<Point<'a>>,
    pricing: super::json::Pricing<'a>,
    scenario: &'a str,
    turns: Vec<TurnView<'a>>,
    vary: Vary<'a>,
}

#[derive(Serialize)]
struct Vary<'a> {
    from: Exact,
    path: &'a str,
    points: usize,
    to: Exact,
    unit: String,
}

#[derive(Serialize)]
struct Alternative<'a> {
    /// The capacity figure each point reports, if the alternative has one.
    capacity: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct Point<'a> {
    alternatives: Vec<Cell<'a>>,
    cheapest: Option<&'a str>,
    value: Exact,
}

#[derive(Serialize)]
struct Cell<'a> {
    capacity: Option<Exact>,
    feasible: bool,
    /// `null` where the cost cannot be computed.
    latency_ms: Option<Exact>,
    /// `null` where the cost cannot be computed.
    monthly_cost: Option<Exact>,
    name: &'a str,
    /// With ranges: the monthly cost at P10 and P90 of the samples at
    /// this point; absent without ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    p10: Option<Exact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p90: Option<Exact>,
    verdict: &'static str,
}

#[derive(Serialize)]
struct CrossoverView<'a> {
    above: Option<&'a str>,
    below: Option<&'a str>,
    below_fails: bool,
    /// Whether `value` itself is on the upper side (`from`) or the lower (`above`).
    inclusive: bool,
    text: String,
    value: Exact,
}

#[derive(Serialize)]
struct TurnView<'a> {
    alternative: &'a str,
    fails_above: bool,
    inclusive: bool,
    reason: String,
    text: String,
    value: Exact,
}

fn json(sweep: &Sweep, scenario: &Scenario, overrides: &[Override]) -> String {
    let name = |i: usize| sweep.names[i].as_str();
    let document = Document {
        alternatives: sweep
            .names
            .iter()
            .zip(&sweep.capacity)
            .map(|(name, figure)| Alternative {
                capacity: figure.map(|f| f.key),
                name,
            })
            .collect(),
        crossovers: sweep
            .crossovers
            .iter()
            .map(|c| CrossoverView {
                above: c.above.map(name),
                below: c.below.map(name),
                below_fails: c.below_fails,
                inclusive: c.at.from,
                text: crossover_words(sweep, c),
                value: Exact(c.at.at),
            })
            .collect(),
        hours_per_month: Exact(sweep.hours_per_month),
        measure: match &sweep.plan.charted {
            Charted::Cost => "cost",
            Charted::Latency => "latency",
            Charted::Capacity(key) => key,
        },
        more_changes: sweep.more_changes,
        overrides: overrides.iter().map(super::json::Set::of).collect(),
        points: sweep
            .points
            .iter()
            .enumerate()
            .map(|(i, x)| Point {
                alternatives: sweep
                    .row(i)
                    .iter()
                    .enumerate()
                    .map(|(a, cell)| {
                        let band = sweep.band(i, a);
                        Cell {
                            capacity: cell.capacity.map(Exact),
                            latency_ms: cell.cost.map(|_| Exact(cell.latency.ms())),
                            feasible: cell.feasible(),
                            monthly_cost: cell.cost.map(Exact),
                            name: name(a),
                            p10: band.map(|(p10, _)| Exact(p10)),
                            p90: band.map(|(_, p90)| Exact(p90)),
                            verdict: cell.verdict.as_str(),
                        }
                    })
                    .collect(),
                cheapest: sweep.cheapest(i).map(name),
                value: Exact(*x),
            })
            .collect(),
        pricing: super::json::Pricing::of(&scenario.prices),
        scenario: &scenario.name,
        turns: sweep
            .turns
            .iter()
            .map(|t| TurnView {
                alternative: name(t.alternative),
                fails_above: t.fails_above,
                inclusive: t.at.from,
                reason: text::failure(t.reason.as_ref(), &sweep.currency),
                text: turn_words(sweep, t),
                value: Exact(t.at.at),
            })
            .collect(),
        vary: Vary {
            from: Exact(sweep.plan.from),
            path: &sweep.plan.axis.path,
            points: sweep.points.len(),
            to: Exact(sweep.plan.to),
            unit: sweep.plan.axis.unit(&sweep.currency),
        },
    };
    super::json::to_string(&document)
}

/// The most points the page lists in full; a longer sweep lists a sample,
/// with those on each side of every change.
const MAX_ROWS: usize = 1_001;

/// One self-contained page: the chart, every change in words, and the
/// points.
fn html(swept: &Swept) -> String {
    let Swept {
        sweep,
        scenario,
        overrides,
    } = swept;
    let currency = &sweep.currency;
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header>\n<h1>{}</h1>\n<p class=\"muted\">{}</p>\n<p>Sweep of <code>{}</code></p>\n</header>\n<main>",
        html_esc(&scenario.name),
        text::setting(
            &scenario.prices.info(),
            sweep.hours_per_month,
            scenario.free_tier,
            overrides,
            html_esc
        )
        .replace('\n', "<br/>"),
        html_esc(&heading(sweep))
    );
    let changes = changes(sweep);
    let said = if changes.is_empty() {
        "No change: the cheapest feasible alternative and every verdict stay the same.".to_string()
    } else {
        changes.join("; ")
    };
    // The chart is drawn as `--format svg` draws it, with a title for
    // assistive technology.
    let chart = super::chart::render(sweep, scenario).replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" ",
            html_esc(&format!(
                "{} of each alternative by {}",
                charted_words(sweep),
                sweep.plan.axis.path
            ))
        ),
        1,
    );
    let _ = writeln!(
        body,
        "<section id=\"chart\">\n<h2>{}</h2>\n<figure>{}<figcaption>{}</figcaption></figure>\n</section>",
        html_esc(&charted_words(sweep)),
        chart.trim_start_matches(|c: char| c != '<'),
        html_esc(&said)
    );
    body.push_str("<section id=\"changes\">\n<h2>Changes</h2>\n");
    if changes.is_empty() {
        let _ = writeln!(body, "<p>{}</p>", html_esc(&said));
    } else {
        body.push_str("<ul>\n");
        for words in &changes {
            let _ = writeln!(body, "<li>{}</li>", html_esc(words));
        }
        body.push_str("</ul>\n");
        if sweep.more_changes {
            let _ = writeln!(
                body,
                "<p>And more: the search stopped after {} changes; sweep a narrower range.</p>",
                crate::whatif::sweep::MAX_CHANGES
            );
        }
    }
    body.push_str("</section>\n");

    let rows: Vec<usize> = if sweep.points.len() <= MAX_ROWS {
        (0..sweep.points.len()).collect()
    } else {
        sample(sweep)
    };
    let _ = writeln!(
        body,
        "<section id=\"points\">\n<h2>Points</h2>\n<p>{}</p>",
        if rows.len() == sweep.points.len() {
            format!(
                "Every one of the {} points; ✗ marks an alternative that fails there.",
                text::number(Decimal::from(sweep.points.len()), 0)
            )
        } else {
            format!(
                "A sample of the {} points, with those on each side of every change; \
                 <code>--format csv</code> or <code>json</code> gives them all. ✗ marks an \
                 alternative that fails there.",
                text::number(Decimal::from(sweep.points.len()), 0)
            )
        }
    );
    let _ = write!(
        body,
        "<table class=\"stack\"><thead><tr><th scope=\"col\" class=\"n\">{}</th>",
        html_esc(&sweep.plan.axis.path)
    );
    for name in &sweep.names {
        let _ = write!(
            body,
            "<th scope=\"col\" class=\"n\">{}</th>",
            html_esc(name)
        );
    }
    body.push_str("<th scope=\"col\">cheapest feasible</th></tr></thead><tbody>\n");
    for i in rows {
        let _ = write!(
            body,
            "<tr><td class=\"n\" data-label=\"{}\">{}</td>",
            html_esc(&sweep.plan.axis.path),
            html_esc(&sweep.plan.axis.show(sweep.points[i], currency).to_string())
        );
        for (alternative, cell) in sweep.row(i).iter().enumerate() {
            let mut shown = cell
                .cost
                .map_or_else(|| "no cost".to_string(), |cost| text::money(cost, currency));
            if let (Some(figure), Some(value)) = (sweep.capacity[alternative], cell.capacity) {
                let value = text::number(value, 2);
                let _ = write!(shown, " · {value} {}", after_count(&value, figure.key));
            }
            if sweep.plan.charted == Charted::Latency && cell.cost.is_some() {
                let _ = write!(shown, " · {}", latency(cell.latency));
            }
            if !cell.feasible() {
                shown.push_str(" ✗");
            }
            let _ = write!(
                body,
                "<td class=\"n\" data-label=\"{}\">{}</td>",
                html_esc(&sweep.names[alternative]),
                html_esc(&shown)
            );
        }
        let _ = writeln!(
            body,
            "<td data-label=\"cheapest feasible\">{}</td></tr>",
            sweep
                .cheapest(i)
                .map_or_else(|| "none".to_string(), |c| html_esc(&sweep.names[c]))
        );
    }
    body.push_str("</tbody></table>\n</section>\n</main>\n");
    page(&scenario.name, &body)
}

/// What the chart shows, in words: `Monthly cost`, `Latency`, `shards`.
fn charted_words(sweep: &Sweep) -> String {
    match &sweep.plan.charted {
        Charted::Cost => "Monthly cost".to_string(),
        Charted::Latency => "Latency".to_string(),
        Charted::Capacity(key) => key.clone(),
    }
}

/// A latency in a sweep's table, to the millisecond: points a fraction of a
/// second apart must not read the same.
fn latency(latency: crate::base::units::Duration) -> String {
    format!(
        "{} s",
        text::number(latency.ms() / Decimal::ONE_THOUSAND, 3)
    )
}
