//! What one alternative has used of each dimension so far this month: the
//! ledger its free tiers and price tiers are counted against.

use std::cell::RefCell;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::number::{Number, TooLarge};
use crate::model::dimension::{Dimension, key_hash};

/// What one alternative has already used of each dimension this month.
///
/// AWS applies free tiers and price tiers to an account's whole monthly usage,
/// not to each resource: two Lambda functions share one free tier, and the
/// second queue's requests start where the first one's left off in the tiers.
/// An alternative is one design, so one account; each starts a new ledger.
#[derive(Debug)]
pub struct Usage<N = Decimal> {
    lines: RefCell<Lines<N>>,
}

impl<N> Default for Usage<N> {
    fn default() -> Self {
        Self {
            lines: RefCell::default(),
        }
    }
}

/// More than every service's dimensions together, so the ledger never
/// leaves its inline storage.
pub const MAX_DIMENSIONS: usize = 112;

/// Places of the ledger's lines by their keys' hashes: twice as many as
/// the lines they index, so that a look-up is a probe or two.
const PLACES: usize = 256;

/// The lines the places index; any after them (never, with the registry's
/// dimensions) are searched.
const INDEXED: usize = PLACES / 2;

#[derive(Debug)]
struct Lines<N> {
    used: SmallVec<[Used<N>; MAX_DIMENSIONS]>,
    /// At each place, the position of the line whose key's hash starts
    /// there (or at a place before it, taken), plus one; 0 where empty.
    places: [u8; PLACES],
}

impl<N> Default for Lines<N> {
    fn default() -> Self {
        Self {
            used: SmallVec::new(),
            places: [0; PLACES],
        }
    }
}

impl<N> Lines<N> {
    /// The line of `key`, or the empty place where a line for it goes.
    #[inline]
    fn find(&self, key: Ledger) -> Result<usize, usize> {
        let mut place = (key.hash >> 32) as usize % PLACES;
        loop {
            match self.places[place] {
                0 if self.used.len() <= INDEXED => return Err(place),
                0 => {
                    let searched = &self.used[INDEXED..];
                    return match searched.iter().position(|u| u.key.is(key)) {
                        Some(i) => Ok(INDEXED + i),
                        None => Err(place),
                    };
                }
                i if self.used[usize::from(i) - 1].key.is(key) => return Ok(usize::from(i) - 1),
                _ => place = (place + 1) % PLACES,
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Used<N> {
    key: Ledger,
    quantity: N,
    free: N,
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

/// A line of the ledger, by its position; or, for a key without one, the
/// place where its line goes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Line(Result<usize, usize>);

impl<N: Number> Usage<N> {
    /// The line of `key`: what was used before is read from it and what
    /// is taken added to it (or a line made for it), with one look-up.
    pub(super) fn find(&self, key: Ledger) -> Line {
        // A line is added only for a text no line has, so at most one
        // matches a key.
        Line(self.lines.borrow().find(key))
    }

    /// What had been used of `line` before: in all, and of the free tier;
    /// nothing without a line.
    pub(super) fn before(&self, line: Line) -> (N, N) {
        match line.0 {
            Ok(i) => {
                let lines = self.lines.borrow();
                (lines.used[i].quantity, lines.used[i].free)
            }
            Err(_) => (N::ZERO, N::ZERO),
        }
    }

    /// Records `quantity` more of `key`, `free` of it from the free tier,
    /// on its line as [`Self::find`] found it before anything else was
    /// taken (a new line without one).
    pub(super) fn take(
        &self,
        line: Line,
        key: Ledger,
        quantity: N,
        free: N,
    ) -> Result<(), TooLarge> {
        let mut lines = self.lines.borrow_mut();
        match line.0 {
            Ok(i) => {
                let entry = &mut lines.used[i];
                entry.quantity = entry.quantity.plus(quantity)?;
                entry.free = entry.free.plus(free)?;
            }
            Err(place) => {
                // Held inline up to MAX_DIMENSIONS, more than every
                // service's dimensions together: a ledger never allocates.
                lines.used.push(Used {
                    key,
                    quantity,
                    free,
                });
                let position = lines.used.len();
                if position <= INDEXED {
                    // The place found empty, unless a line taken since
                    // (the free tier's pool) went there.
                    let empty = match lines.places[place] {
                        0 => Some(place),
                        _ => lines.find(key).err(),
                    };
                    if let Some(place) = empty {
                        lines.places[place] = u8::try_from(position).unwrap_or(0);
                    }
                }
            }
        }
        Ok(())
    }
}
