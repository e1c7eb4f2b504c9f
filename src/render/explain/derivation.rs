//! A step of a working in words: its expression with the scenario's own
//! numbers and units, then the same with each rounding, maximum and
//! minimum worked in turn, then the value:
//! `max(⌈max(2.9297, 3 ◀, 1.4648)⌉, 1) = max(⌈3⌉, 1) = max(3, 1) = 3 shards`.

use rust_decimal::Decimal;

use crate::base::number::readable;
use crate::model::working::{Given, Node, NodeId, Op, Part, Step, Working};

/// The decimals a figure is shown to; the JSON holds it exactly.
const SHOWN_DP: u32 = 4;

/// How the numbers of a working are written.
#[derive(Clone, Copy)]
pub struct Style<'a> {
    /// The pricing table's currency, for prices and costs.
    pub currency: &'a str,
}

impl Style<'_> {
    /// `$0.015` for dollars, `KRW 20.8` else; exact, at least to the cent.
    pub fn money(self, amount: Decimal) -> String {
        let mut exact = amount.normalize();
        if exact.scale() < 2 {
            exact.rescale(2);
        }
        let text = exact.abs().to_string();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let sign = if exact.is_sign_negative() { "-" } else { "" };
        let number = format!("{sign}{}.{fraction}", crate::base::number::grouped(whole));
        if self.currency == "USD" {
            format!("${number}")
        } else {
            format!("{} {number}", self.currency)
        }
    }

    /// A value in `unit`, to [`SHOWN_DP`] decimals, or to four significant
    /// digits below 0.01: `3,072,000 B/s`, `0.00001744`; `1 shard`, in the
    /// singular, for one.
    pub fn amount(self, value: Decimal, unit: &str) -> String {
        let number = if !value.is_zero() && value.abs() < Decimal::new(1, 2) {
            readable(crate::base::number::significant(value, 4), 28)
        } else {
            readable(value, SHOWN_DP)
        };
        if unit.is_empty() {
            number
        } else {
            let unit = crate::base::units::after_count(&number, unit);
            format!("{number} {unit}")
        }
    }

    /// A number given, as the working says it: a price per its unit, else
    /// the number in its unit.
    pub fn given(self, node: &Node) -> String {
        match &node.op {
            Op::Leaf(leaf) => match leaf.source {
                Given::Price { .. } => format!("{}/{}", self.money(node.value), leaf.unit),
                _ => self.amount(node.value, leaf.unit),
            },
            _ => self.amount(node.value, ""),
        }
    }

    /// A step's value in its unit: a cost in money.
    pub fn value(self, working: &Working, step: &Step) -> String {
        let value = working.node(step.node).value;
        match step.part {
            Part::Cost => self.money(value),
            _ => self.amount(value, step.unit),
        }
    }
}

/// The derivation of `working`'s step `index`, as printed.
pub fn text(working: &Working, index: usize, style: Style) -> String {
    let step = &working.steps[index];
    let value = working.node(step.node).value;
    let exact = style.amount(value, "").replace(',', "").parse::<Decimal>() == Ok(value)
        || step.part == Part::Cost;
    let last = format!(
        "{} {}",
        if exact { "=" } else { "≈" },
        style.value(working, step)
    );
    // A figure an earlier step already named is that step again.
    if let Some(earlier) = working.steps[..index].iter().find(|s| s.node == step.node) {
        return format!("{} {last}", earlier.figure);
    }
    if matches!(working.node(step.node).op, Op::Leaf(_)) {
        let given = style.given(working.node(step.node));
        // A figure taken as it is given needs no working: `2 tasks`.
        if exact && given == style.value(working, step) {
            return given;
        }
        return format!("{given} {last}");
    }
    let writer = Writer {
        working,
        root: step.node,
        before: &working.steps[..index],
        style,
    };
    let mut stages: Vec<String> = Vec::new();
    for stage in writer.stages() {
        if stages.last() != Some(&stage) {
            stages.push(stage);
        }
    }
    format!("{} {last}", stages.join(" = "))
}

struct Writer<'a> {
    working: &'a Working,
    /// The node the step names.
    root: NodeId,
    /// The steps before this one: a node one of them names is written as
    /// its value, not worked out again.
    before: &'a [Step],
    style: Style<'a>,
}

/// How tightly an expression binds, for parentheses.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Binding {
    Sum,
    Product,
    Atom,
}

impl Writer<'_> {
    /// The expression, then the same with the innermost roundings, maxima
    /// and minima worked out, each followed by `=`, until none is left.
    fn stages(&self) -> Vec<String> {
        let mut shown = vec![false; self.working.nodes.len()];
        let mut stages = vec![self.write(self.root, &shown)];
        loop {
            let pending = self.innermost(self.root, &shown);
            if pending.is_empty() || shown[self.root.index()] {
                break;
            }
            // First their terms, then the roundings themselves.
            let mut worked = false;
            for &id in &pending {
                for term in self.terms(id) {
                    if self.compound(term, &shown) {
                        shown[term.index()] = true;
                        worked = true;
                    }
                }
            }
            if worked {
                self.settle_no_ops(&mut shown);
                if shown[self.root.index()] {
                    break;
                }
                stages.push(self.write(self.root, &shown));
            }
            for &id in &pending {
                shown[id.index()] = true;
            }
            self.settle_no_ops(&mut shown);
            if !shown[self.root.index()] {
                stages.push(self.write(self.root, &shown));
            }
        }
        stages
    }

    /// Marks as worked the roundings of a number already whole (`⌈3⌉`):
    /// a stage that showed them would show nothing.
    fn settle_no_ops(&self, shown: &mut [bool]) {
        for (i, node) in self.working.nodes.iter().enumerate() {
            if let Op::Ceil(a) | Op::Floor(a) | Op::UpToCent(a) = node.op
                && shown[a.index()]
                && self.working.node(a).value == node.value
            {
                shown[i] = true;
            }
        }
    }

    fn is_ref(&self, id: NodeId) -> bool {
        id != self.root && self.before.iter().any(|s| s.node == id)
    }

    /// Written as a number already: a leaf, an earlier step, or a node
    /// worked out in an earlier stage.
    fn settled(&self, id: NodeId, shown: &[bool]) -> bool {
        shown[id.index()] || self.is_ref(id) || matches!(self.working.node(id).op, Op::Leaf(_))
    }

    fn compound(&self, id: NodeId, shown: &[bool]) -> bool {
        !self.settled(id, shown)
    }

    fn terms(&self, id: NodeId) -> Vec<NodeId> {
        match &self.working.node(id).op {
            Op::Leaf(_) => Vec::new(),
            Op::Add(a, b) | Op::Sub(a, b) | Op::Mul(a, b) | Op::Div(a, b) => vec![*a, *b],
            Op::Ceil(a) | Op::Floor(a) | Op::UpToCent(a) => vec![*a],
            Op::Max { terms, .. } | Op::Min { terms, .. } => terms.clone(),
            Op::Tiered { from, to, .. } => vec![*from, *to],
        }
    }

    fn rounding(&self, id: NodeId) -> bool {
        matches!(
            self.working.node(id).op,
            Op::Ceil(_)
                | Op::Floor(_)
                | Op::UpToCent(_)
                | Op::Max { .. }
                | Op::Min { .. }
                | Op::Tiered { .. }
        )
    }

    /// The roundings under `id` (itself included) with none under them
    /// still to work out.
    fn innermost(&self, id: NodeId, shown: &[bool]) -> Vec<NodeId> {
        if self.settled(id, shown) {
            return Vec::new();
        }
        let below: Vec<NodeId> = self
            .terms(id)
            .into_iter()
            .flat_map(|term| self.innermost(term, shown))
            .collect();
        if below.is_empty() && self.rounding(id) {
            vec![id]
        } else {
            below
        }
    }

    fn write(&self, id: NodeId, shown: &[bool]) -> String {
        self.written(id, shown).0
    }

    /// The expression at `id`, and how tightly it binds.
    fn written(&self, id: NodeId, shown: &[bool]) -> (String, Binding) {
        let node = self.working.node(id);
        let style = self.style;
        if let Some(step) = self.before.iter().find(|s| s.node == id)
            && id != self.root
        {
            return (style.value(self.working, step), Binding::Atom);
        }
        if shown[id.index()] {
            return (style.amount(node.value, ""), Binding::Atom);
        }
        let binary = |a: NodeId, b: NodeId, sign: &str, binding: Binding| {
            let left = self.operand(a, shown, binding, false);
            let right = self.operand(b, shown, binding, true);
            (format!("{left} {sign} {right}"), binding)
        };
        match &node.op {
            Op::Leaf(_) => (style.given(node), Binding::Atom),
            Op::Add(a, b) => binary(*a, *b, "+", Binding::Sum),
            Op::Sub(a, b) => binary(*a, *b, "−", Binding::Sum),
            Op::Mul(a, b) => binary(*a, *b, "×", Binding::Product),
            Op::Div(a, b) => binary(*a, *b, "÷", Binding::Product),
            Op::Ceil(a) => (format!("⌈{}⌉", self.write(*a, shown)), Binding::Atom),
            Op::Floor(a) => (format!("⌊{}⌋", self.write(*a, shown)), Binding::Atom),
            Op::UpToCent(a) => (
                format!(
                    "{} up to the cent",
                    self.operand(*a, shown, Binding::Product, false)
                ),
                Binding::Sum,
            ),
            Op::Max { terms, binding } => (self.pick("max", terms, *binding, shown), Binding::Atom),
            Op::Min { terms, binding } => (self.pick("min", terms, *binding, shown), Binding::Atom),
            Op::Tiered { split, .. } => {
                let parts: Vec<String> = split
                    .iter()
                    .map(|(quantity, price)| {
                        format!("{} × {}", style.amount(*quantity, ""), style.money(*price))
                    })
                    .collect();
                let binding = if parts.len() > 1 {
                    Binding::Sum
                } else {
                    Binding::Product
                };
                (parts.join(" + "), binding)
            }
        }
    }

    /// An operand of a `binding` operator, in parentheses where it binds
    /// less tightly (or as tightly, on the right of `−` and `÷`).
    fn operand(&self, id: NodeId, shown: &[bool], binding: Binding, right: bool) -> String {
        let (text, own) = self.written(id, shown);
        let subtractive = right
            && matches!(
                self.working.node(id).op,
                Op::Add(..) | Op::Sub(..) | Op::Mul(..) | Op::Div(..)
            )
            && !shown[id.index()]
            && !self.is_ref(id);
        if own < binding || (subtractive && own == binding) {
            format!("({text})")
        } else {
            text
        }
    }

    /// `max(2.9297, 3 ◀, 1.4648)`: the terms, the binding one marked.
    fn pick(&self, name: &str, terms: &[NodeId], binding: usize, shown: &[bool]) -> String {
        let written: Vec<String> = terms
            .iter()
            .enumerate()
            .map(|(i, term)| {
                let text = self.write(*term, shown);
                if i == binding && terms.len() > 1 {
                    format!("{text} ◀")
                } else {
                    text
                }
            })
            .collect();
        format!("{name}({})", written.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traced::{self, Traced};
    use rust_decimal_macros::dec;

    const USD: Style = Style { currency: "USD" };

    fn rule(value: Decimal, unit: &'static str) -> Traced {
        Traced::rule(value, unit, "a figure")
    }

    #[test]
    fn a_figure_taken_as_given_is_said_once_unless_its_unit_changes() {
        let working = traced::record(|| {
            traced::step("tasks", Part::Capacity, "tasks", rule(dec!(2), "tasks"));
            let rate = rule(dec!(3000), "records/s");
            traced::step("messages", Part::Capacity, "messages/s", rate);
            traced::take()
        });
        assert_eq!(text(&working, 0, USD), "2 tasks");
        assert_eq!(text(&working, 1, USD), "3,000 records/s = 3,000 messages/s");
    }

    #[test]
    fn arithmetic_is_written_then_worked() {
        let working = traced::record(|| {
            let shards = rule(dec!(3000), "records/s")
                .per(rule(dec!(1000), "records/s"))
                .unwrap();
            traced::step("shards", Part::Capacity, "shards", shards);
            let bytes = rule(dec!(3072000), "B/s")
                .per(rule(dec!(1048576), "B/s"))
                .unwrap();
            traced::step("bytes", Part::Capacity, "shards", bytes);
            traced::take()
        });
        assert_eq!(
            text(&working, 0, USD),
            "3,000 records/s ÷ 1,000 records/s = 3 shards"
        );
        assert_eq!(
            text(&working, 1, USD),
            "3,072,000 B/s ÷ 1,048,576 B/s ≈ 2.9297 shards"
        );
    }

    #[test]
    fn roundings_are_worked_from_the_inside_out() {
        let working = traced::record(|| {
            let a = rule(dec!(3072000), "B/s")
                .per(rule(dec!(1048576), "B/s"))
                .unwrap();
            traced::step("write_bytes_shards", Part::Capacity, "", a);
            let b = rule(dec!(3000), "records/s")
                .per(rule(dec!(1000), "records/s"))
                .unwrap();
            traced::step("write_records_shards", Part::Capacity, "", b);
            let (_, tightest) = Traced::greatest(&[a, b]);
            let shards = tightest.ceil().max(rule(dec!(1), ""));
            traced::step("shards", Part::Capacity, "shards", shards);
            let units = rule(dec!(3000), "records/s")
                .times(
                    rule(dec!(1024), "B")
                        .per(rule(dec!(25600), "B"))
                        .unwrap()
                        .ceil(),
                )
                .unwrap();
            traced::step("units", Part::Capacity, "units/s", units);
            traced::take()
        });
        assert_eq!(
            text(&working, 2, USD),
            "max(⌈max(2.9297, 3 ◀)⌉ ◀, 1) = max(3 ◀, 1) = 3 shards"
        );
        assert_eq!(
            text(&working, 3, USD),
            "3,000 records/s × ⌈1,024 B ÷ 25,600 B⌉ = 3,000 records/s × ⌈0.04⌉ = \
             3,000 records/s × 1 = 3,000 units/s"
        );
    }

    #[test]
    fn parentheses_keep_the_order_of_operations() {
        let working = traced::record(|| {
            let a = rule(dec!(10), "");
            let b = rule(dec!(4), "");
            let c = rule(dec!(2), "");
            let value = a
                .minus(b.minus(c).unwrap())
                .unwrap()
                .per(c.plus(c).unwrap())
                .unwrap();
            traced::step("x", Part::Capacity, "", value);
            traced::take()
        });
        assert_eq!(text(&working, 0, USD), "(10 − (4 − 2)) ÷ (2 + 2) = 2");
    }

    #[test]
    fn money_is_exact_to_at_least_the_cent() {
        assert_eq!(USD.money(dec!(110.376)), "$110.376");
        assert_eq!(USD.money(dec!(32.85)), "$32.85");
        assert_eq!(USD.money(dec!(1423.5)), "$1,423.50");
        let krw = Style { currency: "KRW" };
        assert_eq!(krw.money(dec!(20.8)), "KRW 20.80");
    }
}
