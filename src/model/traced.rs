//! A number that records how it was computed. While a [`Working`] is being
//! recorded on this thread ([`record`]), each number given and each
//! operation on them adds a node to it; otherwise a [`Traced`] is its value
//! and nothing more: the operations compute the value, look at no
//! recorder and allocate nothing, so that a sweep stays as fast as before.
//!
//! The recorder is per thread, as a logger's context is: the formulas of
//! every service compute with these numbers, and threading a recorder
//! through each of them would put it in every signature for the one
//! command that asks for it (`calc explain`).

use std::cell::{Cell, RefCell};

use rust_decimal::Decimal;

use super::working::{Band, Given, Leaf, Node, NodeId, Op, Part, Step, Working};
use crate::base::number::{Number, TooLarge};

thread_local! {
    static RECORDING: Cell<bool> = const { Cell::new(false) };
    static WORKING: RefCell<Working> = const { RefCell::new(Working::new()) };
}

/// Runs `f` with the working of what it computes recorded; each component's
/// is taken with [`take`].
pub fn record<T>(f: impl FnOnce() -> T) -> T {
    struct Stop(bool);
    impl Drop for Stop {
        fn drop(&mut self) {
            RECORDING.with(|r| r.set(self.0));
            if !self.0 {
                WORKING.with(|w| *w.borrow_mut() = Working::new());
            }
        }
    }
    let _stop = Stop(RECORDING.with(|r| r.replace(true)));
    WORKING.with(|w| *w.borrow_mut() = Working::new());
    f()
}

/// Whether a working is being recorded on this thread.
pub fn recording() -> bool {
    RECORDING.with(Cell::get)
}

/// The working recorded so far, leaving an empty one to record into: the
/// numbers computed before it may not be used after it.
pub fn take() -> Working {
    WORKING.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// Names `value` as a figure of the working: a capacity figure, or part of
/// a line item, in `unit`.
#[inline]
pub fn step<N: Number>(figure: &'static str, part: Part, unit: &'static str, value: Traced<N>) {
    if let Some(node) = value.node {
        record_step(Step {
            figure,
            part,
            node,
            unit,
        });
    }
}

/// Records `step`, while a working is recorded: out of line, as [`push`].
#[cold]
#[inline(never)]
fn record_step(step: Step) {
    WORKING.with(|w| w.borrow_mut().steps.push(step));
}

/// Records a node of `value`, computed by `op`. Only while a working is
/// recorded, so out of line: the arithmetic that may call it stays small
/// enough to be inlined where it is done.
#[cold]
#[inline(never)]
fn push<N: Number>(value: N, op: Op) -> Option<NodeId> {
    let value = value.decimal();
    WORKING.with(|w| {
        let mut working = w.borrow_mut();
        let id = NodeId::at(working.nodes.len());
        working.nodes.push(Node { value, op });
        id
    })
}

/// Records a given number's node: `value` in `unit`, from `source`.
#[cold]
#[inline(never)]
fn leaf<N: Number>(value: N, unit: &'static str, source: impl FnOnce() -> Given) -> Option<NodeId> {
    push(
        value,
        Op::Leaf(Leaf {
            unit,
            source: source(),
        }),
    )
}

/// A number, and while a working is recorded, the node that says how it
/// was computed. Exact (a decimal) but in the samples of a Monte Carlo
/// run, which record no working.
#[derive(Clone, Copy, Debug)]
pub struct Traced<N = Decimal> {
    value: N,
    node: Option<NodeId>,
}

impl<N: Number> Traced<N> {
    /// A number taken as given, in `unit`, from `source` (built only when
    /// a working is recorded).
    #[inline(always)]
    pub fn given(value: Decimal, unit: &'static str, source: impl FnOnce() -> Given) -> Self {
        Self::given_as(N::of(value), unit, source)
    }

    /// [`given`](Self::given) a value already of its number type: a
    /// flow's rate, a figure the component before computed.
    #[inline(always)]
    pub fn given_as(value: N, unit: &'static str, source: impl FnOnce() -> Given) -> Self {
        let node = if recording() {
            leaf(value, unit, source)
        } else {
            None
        };
        Self { value, node }
    }

    /// A fixed figure of the rule a service follows (1,024 bytes a KB, a
    /// 1 WCU minimum), said in a few words.
    pub fn rule(value: Decimal, unit: &'static str, what: &'static str) -> Self {
        Self::given(value, unit, || Given::Rule(what))
    }

    pub const fn value(self) -> N {
        self.value
    }

    /// The node that says how it was computed, while a working is recorded.
    pub const fn node(self) -> Option<NodeId> {
        self.node
    }

    #[inline]
    fn then(self, value: N, op: impl FnOnce(NodeId) -> Op) -> Self {
        let node = self.node.and_then(|a| push(value, op(a)));
        Self { value, node }
    }

    #[inline]
    fn with(self, other: Self, value: N, op: fn(NodeId, NodeId) -> Op) -> Self {
        let node = match (self.node, other.node) {
            (Some(a), Some(b)) => push(value, op(a, b)),
            _ => None,
        };
        Self { value, node }
    }

    #[inline]
    pub fn times(self, other: Self) -> Result<Self, TooLarge> {
        Ok(self.with(other, self.value.times(other.value)?, Op::Mul))
    }

    #[inline]
    pub fn per(self, other: Self) -> Result<Self, TooLarge> {
        Ok(self.with(other, self.value.per(other.value)?, Op::Div))
    }

    #[inline]
    pub fn plus(self, other: Self) -> Result<Self, TooLarge> {
        Ok(self.with(other, self.value.plus(other.value)?, Op::Add))
    }

    #[inline]
    pub fn minus(self, other: Self) -> Result<Self, TooLarge> {
        Ok(self.with(other, self.value.minus(other.value)?, Op::Sub))
    }

    /// Rounded up to a whole number.
    #[inline]
    pub fn ceil(self) -> Self {
        self.then(self.value.ceil(), Op::Ceil)
    }

    /// Rounded down to a whole number.
    #[inline]
    pub fn floor(self) -> Self {
        self.then(self.value.floor(), Op::Floor)
    }

    /// Money rounded up to the next cent.
    #[inline]
    pub fn up_to_cent(self) -> Self {
        self.then(self.value.up_to_cent(), Op::UpToCent)
    }

    /// The greater of the two, this one if they are equal.
    #[inline]
    pub fn max(self, other: Self) -> Self {
        Self::greatest(&[self, other]).1
    }

    /// The lesser of the two, this one if they are equal.
    #[inline]
    pub fn min(self, other: Self) -> Self {
        Self::least(&[self, other]).1
    }

    /// The greatest of `terms` (the first of equals), and its place.
    pub fn greatest(terms: &[Self]) -> (usize, Self) {
        Self::pick(
            terms,
            |a, b| a > b,
            |terms, binding| Op::Max { terms, binding },
        )
    }

    /// The least of `terms` (the first of equals), and its place.
    pub fn least(terms: &[Self]) -> (usize, Self) {
        Self::pick(
            terms,
            |a, b| a < b,
            |terms, binding| Op::Min { terms, binding },
        )
    }

    fn pick(
        terms: &[Self],
        better: fn(N, N) -> bool,
        op: fn(Vec<NodeId>, usize) -> Op,
    ) -> (usize, Self) {
        let mut binding = 0;
        for (i, term) in terms.iter().enumerate().skip(1) {
            if better(term.value, terms[binding].value) {
                binding = i;
            }
        }
        let value = terms.get(binding).map_or(N::ZERO, |t| t.value);
        let nodes: Option<Vec<NodeId>> = if recording() {
            terms.iter().map(|t| t.node).collect()
        } else {
            None
        };
        let node = nodes.and_then(|nodes| push(value, op(nodes, binding)));
        (binding, Self { value, node })
    }

    /// The cost `value` of the month's usage from `from` to `to` across
    /// the bands, and how they split it (built only when a working is
    /// recorded).
    pub fn tiered(
        from: Self,
        to: Self,
        value: N,
        bands: impl FnOnce() -> (Vec<Band>, Vec<(Decimal, Decimal)>),
    ) -> Self {
        let node = match (from.node, to.node) {
            (Some(from), Some(to)) => {
                let (bands, split) = bands();
                push(
                    value,
                    Op::Tiered {
                        from,
                        to,
                        bands,
                        split,
                    },
                )
            }
            _ => None,
        };
        Self { value, node }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rule(value: Decimal) -> Traced {
        Traced::rule(value, "", "a figure")
    }

    #[test]
    fn unrecorded_numbers_are_their_values_alone() {
        let shards = rule(dec!(3000)).per(rule(dec!(1000))).unwrap().ceil();
        assert_eq!(shards.value(), dec!(3));
        assert_eq!(shards.node(), None);
        assert!(take().nodes.is_empty());
    }

    #[test]
    fn a_recorded_working_holds_each_operation_in_order() {
        let working = record(|| {
            let bytes = rule(dec!(3072000)).per(rule(dec!(1048576))).unwrap();
            let records = rule(dec!(3000)).per(rule(dec!(1000))).unwrap();
            let (binding, tightest) = Traced::greatest(&[bytes, records]);
            assert_eq!(binding, 1);
            step("shards", Part::Capacity, "shards", tightest.ceil());
            take()
        });
        assert!(!recording());
        let ops: Vec<&Op> = working.nodes.iter().map(|n| &n.op).collect();
        let node = |i| NodeId::at(i).unwrap();
        assert_eq!(ops[2], &Op::Div(node(0), node(1)));
        assert_eq!(ops[5], &Op::Div(node(3), node(4)));
        assert_eq!(
            ops[6],
            &Op::Max {
                terms: vec![node(2), node(5)],
                binding: 1
            }
        );
        assert_eq!(ops[7], &Op::Ceil(node(6)));
        assert_eq!(working.nodes[2].value, dec!(2.9296875));
        assert_eq!(
            working.steps,
            [Step {
                figure: "shards",
                part: Part::Capacity,
                node: node(7),
                unit: "shards"
            }]
        );
    }

    #[test]
    fn the_first_of_equal_terms_binds() {
        let (binding, _) = Traced::greatest(&[rule(dec!(3)), rule(dec!(3)), rule(dec!(1))]);
        assert_eq!(binding, 0);
        let (binding, least) = Traced::least(&[rule(dec!(3)), rule(dec!(1)), rule(dec!(1))]);
        assert_eq!((binding, least.value()), (1, dec!(1)));
    }
}
