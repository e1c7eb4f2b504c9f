//! What one alternative has used of each dimension so far this month: the
//! ledger its free tiers and price tiers are counted against.

use std::cell::RefCell;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::number::{Exact, TooLarge};
use crate::model::dimension::{Dimension, key_hash};

/// What one alternative has already used of each dimension this month.
///
/// AWS applies free tiers and price tiers to an account's whole monthly usage,
/// not to each resource: two Lambda functions share one free tier, and the
/// second queue's requests start where the first one's left off in the tiers.
/// An alternative is one design, so one account; each starts a new ledger.
#[derive(Debug, Default)]
pub struct Usage {
    used: RefCell<SmallVec<[Used; MAX_DIMENSIONS]>>,
}

/// More than every service's dimensions together, so the ledger never
/// leaves its inline storage.
pub const MAX_DIMENSIONS: usize = 112;

#[derive(Clone, Copy, Debug)]
struct Used {
    key: Ledger,
    quantity: Decimal,
    free: Decimal,
}

/// What the ledger counts usage by: a dimension's key, or the name of a
/// free tier's pool, with its [`key_hash`], so that a look-up compares a
/// number for each entry and text only where the numbers agree.
#[derive(Clone, Copy, Debug)]
pub struct Ledger {
    key: &'static str,
    hash: u64,
}

impl Ledger {
    /// The ledger's line for `dimension`.
    pub fn of(dimension: &'static Dimension) -> Self {
        Self {
            key: dimension.key,
            hash: dimension.hash,
        }
    }

    /// The ledger's line for `key`, hashed here: a free tier's pool, which
    /// the pricing table names.
    pub fn named(key: &'static str) -> Self {
        Self {
            key,
            hash: key_hash(key),
        }
    }

    /// Whether the two are one line: the same text.
    fn is(self, other: Self) -> bool {
        self.hash == other.hash && (std::ptr::eq(self.key, other.key) || self.key == other.key)
    }
}

/// A line of the ledger, by its place.
#[derive(Clone, Copy, Debug)]
pub(super) struct Line(usize);

impl Usage {
    /// The line of `key`, if the ledger has one: what was used before is
    /// read from it and what is taken added to it, with one look-up.
    pub(super) fn find(&self, key: Ledger) -> Option<Line> {
        // A line is added only for a text no line has, so at most one
        // matches a key.
        self.used
            .borrow()
            .iter()
            .position(|u| u.key.is(key))
            .map(Line)
    }

    /// What had been used of `line` before: in all, and of the free tier;
    /// nothing without a line.
    pub(super) fn before(&self, line: Option<Line>) -> (Decimal, Decimal) {
        let used = self.used.borrow();
        line.map_or((Decimal::ZERO, Decimal::ZERO), |Line(i)| {
            (used[i].quantity, used[i].free)
        })
    }

    /// Records `quantity` more of `key`, `free` of it from the free tier,
    /// on its line as [`Self::find`] found it before anything else was
    /// taken (a new line without one).
    pub(super) fn take(
        &self,
        line: Option<Line>,
        key: Ledger,
        quantity: Decimal,
        free: Decimal,
    ) -> Result<(), TooLarge> {
        let mut used = self.used.borrow_mut();
        match line {
            Some(Line(i)) => {
                let entry = &mut used[i];
                entry.quantity = entry.quantity.plus(quantity)?;
                entry.free = entry.free.plus(free)?;
            }
            None => {
                // Held inline up to MAX_DIMENSIONS, more than every
                // service's dimensions together: a ledger never allocates.
                used.push(Used {
                    key,
                    quantity,
                    free,
                });
            }
        }
        Ok(())
    }
}
