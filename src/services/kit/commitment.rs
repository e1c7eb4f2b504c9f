//! Commitments: capacity bought for a term of one or three years (reserved
//! capacity, reserved instances, Savings Plans) in exchange for a lower rate.
//! A commitment is billed as an upfront fee paid once, of which each month
//! carries its share (the fee ÷ the term's months), and an hourly rate
//! billed for every hour of the term, used or not.

pub use crate::model::commitment::{Purchase, Term};

/// What a component's bill says of a commitment, on every format.
pub const NOTE: &str = "a commitment bills its upfront fee once: each month carries the fee ÷ the term's months (`upfront_paid_once`, `term_months`), and its hourly rate for the scenario's `hours_per_month`, taken as a month of the term";
