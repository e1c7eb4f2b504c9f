//! How a component's figures were worked out: every capacity figure and
//! line item as an expression over the numbers it came from (the scenario's
//! values, the table's limits and prices, the month), recorded by the code
//! that computed it (`model::traced`), so that the two cannot drift.

use std::num::NonZeroU32;

use rust_decimal::Decimal;

use super::dimension::{Dimension, Limit};
use super::keys::Key;

/// A component's working: the nodes of its expressions, in the order they
/// were computed, and the steps that name the figures among them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Working {
    pub nodes: Vec<Node>,
    pub steps: Vec<Step>,
}

impl Working {
    pub const fn new() -> Self {
        Self {
            nodes: Vec::new(),
            steps: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The step whose figure `id` is, if one names it.
    pub fn step_of(&self, id: NodeId) -> Option<usize> {
        self.steps.iter().position(|step| step.node == id)
    }
}

/// A node of a working, by its place among the nodes.
///
/// Held as the place plus one, never zero, so that an `Option<NodeId>` is
/// one 32-bit word: a traced float is then a pair of scalars, passed in
/// registers rather than through memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    /// The node at `index`; `None` past the 4 billion a working can hold.
    pub fn at(index: usize) -> Option<Self> {
        u32::try_from(index)
            .ok()
            .and_then(|i| i.checked_add(1))
            .and_then(NonZeroU32::new)
            .map(Self)
    }

    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// A number and how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub value: Decimal,
    pub op: Op,
}

/// How a node's value was computed from others, all recorded before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// A number taken as given, and where it comes from.
    Leaf(Leaf),
    Add(NodeId, NodeId),
    Sub(NodeId, NodeId),
    Mul(NodeId, NodeId),
    Div(NodeId, NodeId),
    /// Rounded up to a whole number.
    Ceil(NodeId),
    /// Rounded down to a whole number.
    Floor(NodeId),
    /// Money rounded up to the next cent.
    UpToCent(NodeId),
    /// The greatest of its terms, the first of equals; `binding` is its place.
    Max {
        terms: Vec<NodeId>,
        binding: usize,
    },
    /// The least of its terms, the first of equals; `binding` is its place.
    Min {
        terms: Vec<NodeId>,
        binding: usize,
    },
    /// The cost of the month's usage from `from` to `to` across `bands`,
    /// each up to its bound (the last may have none) at its price; `split`
    /// is the quantity each band used took, and its price.
    Tiered {
        from: NodeId,
        to: NodeId,
        bands: Vec<Band>,
        split: Vec<(Decimal, Decimal)>,
    },
}

/// A price band of a tiered price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub up_to: Option<Decimal>,
    pub price: Decimal,
}

/// A number taken as given: its unit, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// `records/s`, `B`, `h`, a dimension's unit for a price per it; empty
    /// for a plain count.
    pub unit: &'static str,
    pub source: Given,
}

/// Where a number taken as given comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Given {
    /// A key of the component, as the scenario sets it or by default.
    Key(&'static Key),
    /// What the component receives, under the key that names it.
    Input(&'static Key),
    /// What the store the component reads holds (an S3 bucket's objects).
    Stored,
    /// A limit of the pricing table.
    Limit(&'static Limit),
    /// The unit price of a dimension, as billed: the table's, a type's row,
    /// or one the scenario sets; `off` a Spot discount taken off it.
    Price {
        dimension: &'static Dimension,
        /// The type whose row prices it, for a catalogue's dimension.
        row: Option<&'static str>,
        /// Set by the scenario (`[pricing_overrides]`) over the table's.
        set: bool,
        source: String,
        as_of: String,
        evidence: &'static str,
    },
    /// The free tier of a dimension, a month or an hour.
    FreePerMonth(&'static Dimension),
    FreePerHour(&'static Dimension),
    /// What the alternative's earlier components used of a dimension this
    /// month, of all of it or of its free tier.
    UsedBefore(&'static Dimension),
    /// Of the free tier under this key: the dimension's own, or the one it
    /// shares.
    FreeUsedBefore(&'static str),
    /// The hours of the billing month.
    Hours,
    /// A fixed figure of the rule the service follows: what it is.
    Rule(&'static str),
}

/// A figure the working names: a capacity figure, or part of a line item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// A capacity key (`shards`), or a line item's dimension key.
    pub figure: &'static str,
    pub part: Part,
    pub node: NodeId,
    /// The unit of the figure's value.
    pub unit: &'static str,
}

/// What a step is of its figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Capacity,
    /// The quantity a line item bills.
    Quantity,
    /// The part of it the free tier covers.
    Free,
    /// What it costs.
    Cost,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Capacity => "capacity",
            Self::Quantity => "quantity",
            Self::Free => "free",
            Self::Cost => "cost",
        }
    }
}
