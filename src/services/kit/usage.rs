//! What one alternative has used of each dimension so far this month: the
//! ledger its free tiers and price tiers are counted against.

use std::cell::RefCell;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::base::number::{Exact, TooLarge};

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
    key: &'static str,
    quantity: Decimal,
    free: Decimal,
}

impl Usage {
    /// What had been used of `key` before: in all, and of the free tier.
    pub(super) fn before(&self, key: &'static str) -> (Decimal, Decimal) {
        let used = self.used.borrow();
        find(&used, key).map_or((Decimal::ZERO, Decimal::ZERO), |i| {
            (used[i].quantity, used[i].free)
        })
    }

    /// Records `quantity` more of `key`, `free` of it from the free tier.
    pub(super) fn take(
        &self,
        key: &'static str,
        quantity: Decimal,
        free: Decimal,
    ) -> Result<(), TooLarge> {
        let mut used = self.used.borrow_mut();
        match find(&used, key) {
            Some(i) => {
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

/// Where `key` is in the ledger: found by its address, the usual case (a
/// dimension's key is one string), else by its text (a free tier's pool,
/// which the pricing table names).
fn find(used: &[Used], key: &'static str) -> Option<usize> {
    used.iter()
        .position(|u| std::ptr::eq(u.key, key))
        .or_else(|| used.iter().position(|u| u.key == key))
}
