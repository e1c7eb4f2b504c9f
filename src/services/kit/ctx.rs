//! What every service's evaluation reads (the prices, the month, what it
//! receives), and why an evaluation may fail.

use rust_decimal::Decimal;

use super::given;
use super::usage::Usage;
use crate::base::number::{self, Number};
use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit};
use crate::model::flow::{Flow, InputKeys, Rate};
use crate::model::keys::{Key, Value};
use crate::model::report::ComponentResult;
use crate::model::traced::Traced;
use crate::model::working::Given;
use crate::pricing::{LimitValue, PriceBook};

/// A price or limit that an evaluation needed and the pricing table lacks, or
/// a quantity no price covers. Never a silent zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalError {
    MissingPrice(&'static Dimension),
    /// The table's catalogue has no row for the component's type.
    MissingRow(&'static Dimension),
    /// The type's row in the catalogue that prices the dimension has no
    /// rates for the purchase option named (`reserved_1y_no_upfront`).
    MissingCommitment(&'static Dimension, &'static str),
    /// The type's row in the catalogue lacks its `vcpu` or `memory`, which
    /// packing jobs onto it needs.
    MissingSpec(&'static Dimension),
    MissingLimit(&'static Limit),
    /// The quantity runs past the last tier of a tiered price.
    BeyondLastTier(&'static Dimension),
    /// A limit has the wrong kind of value for its use.
    LimitKind(&'static Limit),
    Overflow(&'static Dimension),
    /// The component needs a rate (or a record size) that neither it, nor
    /// the flow into it, nor the workload gives.
    MissingRate,
    MissingSize,
    /// The component reads what a store before it holds, and neither it
    /// nor the flow says: `needs` what it needs, `help` how to give it.
    MissingStored {
        needs: &'static str,
        help: &'static str,
    },
    /// A component's own peak is below the average it receives.
    PeakBelowAverage(Rate),
    /// A figure of the component's does not fit in exact decimals (28
    /// digits): the scenario's rates, sizes or prices are too large.
    Arithmetic,
    /// A component's values no longer make a component (a varied value
    /// clashes with another); checked when they are set, so never expected.
    Invalid,
}

impl From<crate::base::number::TooLarge> for EvalError {
    fn from(_: crate::base::number::TooLarge) -> Self {
        Self::Arithmetic
    }
}

/// What every service's evaluation reads: the prices, the month and the options.
#[derive(Clone, Copy)]
pub struct Ctx<'a, N = Decimal> {
    pub prices: &'a PriceBook,
    pub hours: Decimal,
    pub free_tier: bool,
    pub round_up_to_cent: bool,
    /// What the alternative's earlier components used, for shared free and price tiers.
    pub usage: &'a Usage<N>,
    /// What this component receives, its own figures applied.
    pub input: Flow<N>,
    /// The keys that name what it receives, for its working.
    pub keys: &'static InputKeys,
    /// Unit prices set over the table's.
    pub prices_set: PricesSet<'a>,
    /// How long the scenario requires its data kept, if it says: what a
    /// store sizes itself for when nothing else does.
    pub required_retention: Option<Duration>,
}

/// Unit prices set over the table's (`[pricing_overrides]`, or a what-if's
/// `prices.…` path): flat prices that keep the table's free tier.
#[derive(Clone, Copy)]
pub struct PricesSet<'a> {
    /// A slot per dimension of every service, in the registry's order
    /// ([`Value::Absent`] where the table's price holds); empty when no
    /// price is set, the usual case, so that the bill does not look.
    pub values: &'a [Value],
    /// The slot of a dimension among `values`.
    pub slot: fn(&Dimension) -> Option<usize>,
}

impl PricesSet<'_> {
    /// No price set over the table's.
    pub const NONE: PricesSet<'static> = PricesSet {
        values: &[],
        slot: |_| None,
    };

    /// The price set for `dimension`, if one is.
    pub fn price(&self, dimension: &Dimension) -> Option<Decimal> {
        if self.values.is_empty() {
            return None;
        }
        match (self.slot)(dimension).and_then(|slot| self.values.get(slot)) {
            Some(Value::Number(price)) => Some(*price),
            _ => None,
        }
    }
}

impl<'a> Ctx<'a> {
    /// The same context in floats, counting usage in `usage`: for a Monte
    /// Carlo sample.
    pub fn in_floats<'b>(&self, usage: &'b Usage<f64>) -> Ctx<'b, f64>
    where
        'a: 'b,
    {
        Ctx {
            prices: self.prices,
            hours: self.hours,
            free_tier: self.free_tier,
            round_up_to_cent: self.round_up_to_cent,
            usage,
            input: self.input.to(),
            keys: self.keys,
            prices_set: self.prices_set,
            required_retention: self.required_retention,
        }
    }
}

impl<N: Number> Ctx<'_, N> {
    /// The hours of the billing month, for a working.
    pub fn hours_traced(&self) -> Traced<N> {
        Traced::given(self.hours, "h", || Given::Hours)
    }

    /// The seconds of the billing month, for a working.
    pub fn seconds_traced(&self) -> Result<Traced<N>, EvalError> {
        let per_hour = given::seconds_an_hour();
        Ok(self.hours_traced().times(per_hour)?)
    }

    /// How many `unit`s a month `per_second` comes to, for a working.
    pub fn monthly_traced(
        &self,
        per_second: Traced<N>,
        unit: Traced<N>,
    ) -> Result<Traced<N>, EvalError> {
        Ok(per_second.times(self.seconds_traced()?)?.per(unit)?)
    }

    /// The peak rate this component receives, for a working.
    pub fn peak(&self) -> Result<Traced<N>, EvalError> {
        let keys = self.keys;
        Ok(Traced::given_as(self.rate()?.peak, keys.unit, || {
            Given::Input(keys.peak)
        }))
    }

    /// The average rate this component receives, for a working.
    pub fn average(&self) -> Result<Traced<N>, EvalError> {
        let keys = self.keys;
        Ok(Traced::given_as(self.rate()?.average, keys.unit, || {
            Given::Input(keys.rate)
        }))
    }

    /// The size of each record this component receives, for a working.
    pub fn size(&self) -> Result<Traced<N>, EvalError> {
        let keys = self.keys;
        let size = self.record_size()?.decimal();
        Ok(Traced::given(size, "B", || Given::Input(keys.size)))
    }

    /// A limit from the table in its amount (a count, bytes, or
    /// milliseconds), in `unit`, for a working.
    #[inline]
    pub fn limit_traced(
        &self,
        limit: &'static Limit,
        unit: &'static str,
    ) -> Result<Traced<N>, EvalError> {
        let amount = self.limit(limit, |v| Some(v.amount()))?;
        Ok(Traced::given(amount, unit, || Given::Limit(limit)))
    }

    /// Hours a resource runs in the month: `running` (as `key` sets it) if
    /// set (longer than the month is billed as the month, with a note),
    /// else the whole month.
    pub fn hours_running(
        &self,
        running: Option<Duration>,
        key: &'static Key,
        result: &mut ComponentResult<N>,
    ) -> Traced<N> {
        match running {
            Some(running) if running.hours() > self.hours => {
                result.note(
                    "hours_running_over_month",
                    "`hours_running` is longer than the month: calc bills the whole month",
                );
                self.hours_traced()
            }
            Some(running) => given::hours(running, key),
            None => self.hours_traced(),
        }
    }

    /// A value the design sets (a retention, a buffer, a memory size),
    /// given in its limits' kind (a count, bytes, or milliseconds), checked
    /// against the range the table's `min` and `max` limits allow: outside
    /// it, a violation with the fix for its side. The component is still
    /// priced as set.
    pub fn within(
        &self,
        value: Decimal,
        (min, under): (&'static Limit, &'static str),
        (max, over): (&'static Limit, &'static str),
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        let amount = |v: LimitValue| Some(v.amount());
        let (lowest, highest) = (self.limit(min, amount)?, self.limit(max, amount)?);
        if number::compare(value, lowest).is_lt() {
            result.violate_below(min, value, lowest, under);
        }
        if number::compare(value, highest).is_gt() {
            result.violate(max, value, highest, over);
        }
        Ok(())
    }

    /// The rate this component receives.
    pub fn rate(&self) -> Result<Rate<N>, EvalError> {
        self.input.rate.ok_or(EvalError::MissingRate)
    }

    /// The size of each record this component receives.
    pub fn record_size(&self) -> Result<Bytes, EvalError> {
        self.input.record_size.ok_or(EvalError::MissingSize)
    }

    #[inline]
    pub fn count(&self, limit: &'static Limit) -> Result<Decimal, EvalError> {
        self.limit(limit, LimitValue::count)
    }

    #[inline]
    pub fn bytes(&self, limit: &'static Limit) -> Result<Bytes, EvalError> {
        self.limit(limit, LimitValue::bytes)
    }

    #[inline]
    pub fn duration(&self, limit: &'static Limit) -> Result<Duration, EvalError> {
        self.limit(limit, LimitValue::duration)
    }

    /// A limit from the table, of the kind `pick` takes. The table's loader
    /// already checked each limit's kind, so `LimitKind` is a safeguard.
    #[inline]
    fn limit<T>(
        &self,
        limit: &'static Limit,
        pick: fn(LimitValue) -> Option<T>,
    ) -> Result<T, EvalError> {
        let entry = self
            .prices
            .limit_of(limit)
            .ok_or(EvalError::MissingLimit(limit))?;
        pick(entry.value).ok_or(EvalError::LimitKind(limit))
    }
}
