//! The page's drawings, as inline SVG: an alternative's pipeline (a box a
//! component, an arrow a hop, labelled with what flows), and where the
//! money goes (a stacked bar an alternative). Each comes with its words,
//! for the `<figcaption>` and for a reader who cannot see it.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::page::{esc, fill};
use crate::model::flow::From;
use crate::model::report::{AlternativeResult, CapacityValue, ComponentResult, Report, Verdict};
use crate::render::text::{self, money, number};
use crate::services;
use crate::whatif::sweep::STEPPING;

const BOX_W: u32 = 300;
const BOX_H: u32 = 70;
/// The room between two boxes, one above the other: the arrow and its label.
const HOP: u32 = 62;
const COLUMN: u32 = 330;
const MARGIN: u32 = 10;

/// Where each component is drawn: a column (a branch) and a row (its
/// depth along the flow).
fn layout(alternative: &AlternativeResult) -> Vec<(u32, u32)> {
    let n = alternative.components.len();
    let mut depth: Vec<Option<u32>> = vec![None; n];
    // A component is one deeper than the one it consumes; `from` may name
    // one later in the list, so settle them until nothing changes.
    for _ in 0..n {
        for (i, c) in alternative.components.iter().enumerate() {
            depth[i] = match c.from {
                From::Workload => Some(0),
                From::Component(j) if j < n && j != i => depth[j].map(|d| d + 1),
                From::Component(_) => Some(0),
            };
        }
    }
    let depth: Vec<u32> = depth.into_iter().map(|d| d.unwrap_or(0)).collect();
    // The first consumer of a component goes under it; another starts a
    // column to the right. Roots each start their own.
    let mut column: Vec<u32> = vec![0; n];
    let mut next_column = 0;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| depth[i]);
    let mut continued = vec![false; n];
    for &i in &order {
        column[i] = match alternative.components[i].from {
            From::Component(j) if j < n && j != i && !continued[j] => {
                continued[j] = true;
                column[j]
            }
            _ => {
                let c = next_column;
                next_column += 1;
                c
            }
        };
    }
    column.into_iter().zip(depth).collect()
}

/// The capacity a box shows: the figures that step with the load (shards,
/// WCU, KPUs, instances…), else the first figure the component reports.
fn headline(component: &ComponentResult) -> String {
    let stepping: Vec<String> = component
        .capacity
        .iter()
        .filter(|c| STEPPING.contains(&c.key))
        .map(|c| format!("{} {}", text::capacity_value(c.value), c.key))
        .collect();
    if !stepping.is_empty() {
        return stepping.join(" · ");
    }
    component
        .capacity
        .iter()
        .find(|c| !matches!(c.value, CapacityValue::Key(_)))
        .map(|c| format!("{} {}", c.key, text::capacity_value(c.value)))
        .unwrap_or_default()
}

/// What flows into `component`, in the words of what it receives
/// (`records`, `objects`, `writes`): `2,000 records/s · peak 4,000 · 1 KB`,
/// or below one a second, `1 object every 32.77 s · 64 MB`; for one that
/// reads what a store holds, `reads a store of 1 TB`.
pub fn hop(alternative: &AlternativeResult, component: &ComponentResult) -> Option<String> {
    if let Some(held) = text::read_from_store(alternative, component) {
        return Some(format!("reads a store of {held}"));
    }
    let rate = component.input.rate?;
    let unit = services::find(component.service)
        .and_then(|def| def.input)
        .map_or("records/s", |keys| keys.unit);
    let mut label = if rate.average > Decimal::ZERO && rate.average < Decimal::ONE {
        let one = unit.strip_suffix("/s").unwrap_or(unit);
        let one = one.strip_suffix('s').unwrap_or(one);
        let every = Decimal::ONE.checked_div(rate.average).unwrap_or_default();
        format!("1 {one} every {} s", number(every, 2))
    } else {
        let mut label = format!("{} {unit}", number(rate.average, 2));
        if rate.peak != rate.average {
            let _ = write!(label, " · peak {}", number(rate.peak, 2));
        }
        label
    };
    if let Some(size) = component.input.record_size {
        let _ = write!(label, " · {size}");
    }
    Some(label)
}

/// The component's name in a box: its id and service, as the report says it.
fn name(component: &ComponentResult) -> String {
    text::component_label(component)
}

/// An alternative's pipeline: its SVG and the words that say the same.
pub fn pipeline(alternative: &AlternativeResult, index: usize, currency: &str) -> (String, String) {
    let places = layout(alternative);
    let columns = places.iter().map(|p| p.0 + 1).max().unwrap_or(1);
    let rows = places.iter().map(|p| p.1 + 1).max().unwrap_or(1);
    // Room to the right of the last column for the labels of its arrows,
    // at about 7.5 px a character of 13 px text.
    let labels = alternative
        .components
        .iter()
        .zip(&places)
        .filter_map(|(c, (column, _))| {
            let chars =
                u32::try_from(hop(alternative, c)?.chars().count()).unwrap_or(u32::MAX / 16);
            Some(MARGIN + column * COLUMN + BOX_W / 2 + 8 + chars.saturating_mul(15) / 2)
        })
        .max()
        .unwrap_or(0);
    let width = (MARGIN * 2 + (columns - 1) * COLUMN + BOX_W).max(labels + MARGIN);
    let height = MARGIN * 2 + HOP + rows * BOX_H + (rows - 1) * HOP;
    let top = |row: u32| MARGIN + HOP + row * (BOX_H + HOP);
    let left = |column: u32| MARGIN + column * COLUMN;
    let title = format!("The pipeline of {}", alternative.name);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         aria-labelledby=\"pipe{index}-t\" \
         font-family=\"system-ui,sans-serif\"><title id=\"pipe{index}-t\">{}</title>\
         <defs><marker id=\"arrow{index}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" \
         fill=\"#333\"/></marker></defs>",
        esc(&title)
    );
    let mut words: Vec<String> = Vec::new();
    for (i, component) in alternative.components.iter().enumerate() {
        let (column, row) = places[i];
        let (x, y) = (left(column), top(row));
        // The arrow in: from the workload above the first row, or from the
        // box of the component it consumes.
        let (from_x, from_y, from_name) = match component.from {
            From::Component(j) if j < places.len() && j != i => {
                let (c, r) = places[j];
                (
                    left(c) + BOX_W / 2,
                    top(r) + BOX_H,
                    name(&alternative.components[j]),
                )
            }
            _ => (x + BOX_W / 2, y - HOP + 8, "the workload".to_string()),
        };
        let to_x = x + BOX_W / 2;
        let label = hop(alternative, component);
        if label.is_some() || component.from != From::Workload {
            let _ = write!(
                svg,
                "<path d=\"M{from_x},{from_y} C{from_x},{} {to_x},{} {to_x},{y}\" fill=\"none\" \
                 stroke=\"#333\" stroke-width=\"1.5\" marker-end=\"url(#arrow{index})\"/>",
                from_y + HOP / 2,
                y - HOP / 2
            );
            if let Some(label) = &label {
                let _ = write!(
                    svg,
                    "<text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
                    to_x + 8,
                    y - HOP / 2 + 5,
                    esc(label)
                );
            }
        }
        let failing = !component.violations.is_empty();
        let warned = component
            .notes
            .iter()
            .any(|n| n.level == crate::model::report::Level::Warning);
        let (stroke, dash, mark) = if failing {
            ("#a1001c", " stroke-dasharray=\"6 3\"", "✗ ")
        } else if warned {
            ("#7a4f00", " stroke-dasharray=\"2 2\"", "! ")
        } else {
            ("#333", "", "")
        };
        let capacity = headline(component);
        let cost = format!(
            "{} a month · {}",
            money(component.monthly_cost(), currency),
            component.latency
        );
        let _ = write!(
            svg,
            "<g><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"6\" \
             fill=\"#f4f6f8\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"600\" fill=\"{}\">{}{}</text>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#595959\">{}</text></g>",
            x + 10,
            y + 21,
            if failing { "#a1001c" } else { "#1a1a1a" },
            mark,
            esc(&clip(&name(component), 36)),
            x + 10,
            y + 42,
            esc(&clip(&capacity, 40)),
            x + 10,
            y + 61,
            esc(&cost)
        );
        let mut said = name(component);
        if !capacity.is_empty() {
            let _ = write!(said, " ({capacity})");
        }
        let _ = write!(
            said,
            ", fed by {}{}",
            from_name,
            label.map(|l| format!(" at {l}")).unwrap_or_default()
        );
        if failing {
            said.push_str(", failing");
        } else if warned {
            said.push_str(", with a warning");
        }
        words.push(said);
    }
    svg.push_str("</svg>");
    let caption = format!("{}: {}.", title, words.join("; "));
    (svg, caption)
}

/// `text` cut to `max` characters with an ellipsis; the full text is in
/// the caption and the tables.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Where the money goes: a bar an alternative (in the comparison's order),
/// a segment a component in its fill, with each total as text beside it.
pub fn spend(report: &Report) -> (String, String) {
    const BAR_W: u32 = 380;
    const ROW: u32 = 46;
    const TEXT_W: u32 = 110;
    let order = report.ranking();
    let currency = &report.pricing.currency;
    let most = order
        .iter()
        .map(|&i| report.alternatives[i].monthly_cost)
        .max()
        .unwrap_or_default();
    let width = MARGIN * 2 + BAR_W + TEXT_W;
    let height = MARGIN * 2 + u32::try_from(order.len()).unwrap_or(0) * ROW;
    let mut svg = format!(
        "<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         aria-labelledby=\"spend-t\" \
         font-family=\"system-ui,sans-serif\"><title id=\"spend-t\">Monthly cost of each \
         alternative, a segment a component</title>"
    );
    let mut words = Vec::new();
    for (row, &a) in order.iter().enumerate() {
        let alternative = &report.alternatives[a];
        let y = MARGIN + u32::try_from(row).unwrap_or(0) * ROW;
        let _ = write!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
            y + 12,
            esc(&clip(&alternative.name, 70))
        );
        let mut x = Decimal::from(MARGIN);
        for (c, component) in alternative.components.iter().enumerate() {
            let cost = component.monthly_cost();
            if cost <= Decimal::ZERO || most <= Decimal::ZERO {
                continue;
            }
            let w = cost
                .checked_mul(Decimal::from(BAR_W))
                .and_then(|v| v.checked_div(most))
                .unwrap_or_default();
            let _ = write!(
                svg,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{}\" stroke=\"#fff\" \
                 stroke-width=\"0.5\"><title>{}: {}</title></rect>",
                x.round_dp(2),
                y + 18,
                w.round_dp(2),
                fill(c),
                esc(&name(component)),
                esc(&money(cost, currency))
            );
            x += w;
        }
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"600\" fill=\"#1a1a1a\">{}</text>",
            x.round_dp(2) + Decimal::from(6),
            y + 33,
            esc(&money(alternative.monthly_cost, currency))
        );
        let verdict = match alternative.verdict() {
            Verdict::Fails => ", failing",
            _ => "",
        };
        words.push(format!(
            "{} {}{verdict}",
            alternative.name,
            money(alternative.monthly_cost, currency)
        ));
    }
    svg.push_str("</svg>");
    let caption = format!(
        "Monthly cost, a bar an alternative, cheapest feasible first, a segment a component \
         in the order of the flow (the table below gives each): {}.",
        words.join("; ")
    );
    (svg, caption)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_is_cut_with_an_ellipsis() {
        assert_eq!(clip("kinesis", 10), "kinesis");
        assert_eq!(clip("abcdefghijk", 5), "abcd…");
    }
}
