//! What flows through an alternative: each component receives records at an
//! average and a peak rate, each of a size, from the workload or from the
//! component before it (or the one it names with `from`), and emits what its
//! service makes of them.

use rust_decimal::Decimal;

use crate::base::number::{Number, TooLarge};
use crate::base::units::Bytes;
use crate::model::keys::{Default, Key, Kind, Values};
use crate::model::profile::{self, Profile};

/// A rate of records a second: the month's average and its peak.
///
/// Provisioned capacity (shards, WCU, brokers, concurrency, prefixes) is sized
/// for the peak; what is billed per request or per byte follows the average.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate<N = Decimal> {
    pub average: N,
    pub peak: N,
    /// How the rate spreads over the day, when a profile says: the hour
    /// `h` carries `average × factors[h]`.
    pub profile: Option<&'static Profile>,
}

impl<N: Number> Rate<N> {
    /// A steady rate: the peak is the average.
    pub fn flat(average: N) -> Self {
        Self {
            average,
            peak: average,
            profile: None,
        }
    }

    /// A rate of this average and peak, of no particular shape over the day.
    pub fn new(average: N, peak: N) -> Self {
        Self {
            average,
            peak,
            profile: None,
        }
    }

    /// The same shape at another size, e.g. one copy per subscription.
    pub fn times(self, factor: N) -> Result<Self, TooLarge> {
        if factor.is_one() {
            // One copy, the usual case: a product by exactly 1 is the
            // figure itself, but for a zero, which a product writes as a
            // plain 0.
            let same = |x: N| if x.is_zero() { N::ZERO } else { x };
            return Ok(Self {
                average: same(self.average),
                peak: same(self.peak),
                profile: self.profile,
            });
        }
        Ok(Self {
            average: self.average.times(factor)?,
            peak: self.peak.times(factor)?,
            profile: self.profile,
        })
    }

    /// The same shape divided, e.g. records handed over in batches.
    pub fn per(self, divisor: N) -> Result<Self, TooLarge> {
        Ok(Self {
            average: self.average.per(divisor)?,
            peak: self.peak.per(divisor)?,
            profile: self.profile,
        })
    }

    /// The average rate in hour `hour` of the day: the average times the
    /// profile's factor, or the average itself without a profile.
    pub fn in_hour(self, hour: usize) -> Result<N, TooLarge> {
        match self.profile {
            Some(profile) => self
                .average
                .times(N::of(profile.factors[hour % profile::HOURS])),
            None => Ok(self.average),
        }
    }

    /// The peak within an hour over that hour's average: the busiest second
    /// over the busiest hour (1 without a peak of its own).
    pub fn within_hour(self) -> N {
        let busiest = self
            .profile
            .map_or(Ok(self.average), |p| self.average.times(N::of(p.peak())));
        match busiest.and_then(|busiest| self.peak.per(busiest)) {
            Ok(ratio) if ratio > N::ONE => ratio,
            _ => N::ONE,
        }
    }

    /// The peak over the average; `None` when the average is zero.
    pub fn peak_to_average(self) -> Option<N> {
        self.peak.per(self.average).ok()
    }

    /// The same rate in exact decimals: itself, for a rate in decimals.
    pub fn decimal(self) -> Rate {
        Rate {
            average: self.average.decimal(),
            peak: self.peak.decimal(),
            profile: self.profile,
        }
    }
}

/// Records a component receives or emits. Either part may be unknown: a
/// scenario without `record_size` can still price a Lambda function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flow<N = Decimal> {
    pub rate: Option<Rate<N>>,
    pub record_size: Option<Bytes>,
    /// The data the store it comes through holds (an S3 bucket's objects),
    /// for what queries that data: Athena after S3 reads it.
    pub stored: Option<Bytes>,
    /// The size of each object that store holds, where it is known.
    pub stored_object_size: Option<Bytes>,
    /// How the objects the flow carries (or, after a store, the objects it
    /// holds) were batched, where a buffer batched them: what a reader of
    /// small objects can suggest without knowing the service that wrote
    /// them.
    pub object_buffer: Option<Buffered>,
}

/// The buffer that batched a flow's objects: it could batch more (set
/// larger or longer), or it already batches as much as its service allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Buffered {
    CanGrow,
    AtMaximum,
}

impl Flow {
    /// The same flow in another number type: floats, for a Monte Carlo
    /// sample.
    pub fn to<N: Number>(self) -> Flow<N> {
        Flow {
            rate: self.rate.map(|rate| Rate {
                average: N::of(rate.average),
                peak: N::of(rate.peak),
                profile: rate.profile,
            }),
            record_size: self.record_size,
            stored: self.stored,
            stored_object_size: self.stored_object_size,
            object_buffer: self.object_buffer,
        }
    }
}

impl<N: Number> Flow<N> {
    /// Nothing at all: what a DynamoDB table without a stream passes on.
    pub const NOTHING: Self = Self {
        rate: None,
        record_size: None,
        stored: None,
        stored_object_size: None,
        object_buffer: None,
    };

    pub fn new(rate: Rate<N>, record_size: Option<Bytes>) -> Self {
        Self {
            rate: Some(rate),
            record_size,
            stored: None,
            stored_object_size: None,
            object_buffer: None,
        }
    }
}

/// How a peak is stated, in `[workload]` or on a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peak {
    /// `peak_records_per_second`
    Rate(Decimal),
    /// `peak_to_average`
    Ratio(Decimal),
}

impl Peak {
    fn over<N: Number>(self, average: N) -> Result<N, TooLarge> {
        match self {
            Self::Rate(peak) => Ok(N::of(peak)),
            Self::Ratio(ratio) => average.times(N::of(ratio)),
        }
    }
}

/// What a component states of its own input or output; what it leaves out
/// comes from the flow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Own {
    pub records_per_second: Option<Decimal>,
    pub peak: Option<Peak>,
    pub record_size: Option<Bytes>,
    /// The shape of its day (`profile`), over the one it receives.
    pub profile: Option<&'static Profile>,
}

/// Why a component's own figures do not fit what it receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unfit {
    /// A peak below its average: the rates cannot both be right.
    PeakBelowAverage(Rate),
    /// A peak too large for exact decimals.
    TooLarge,
}

impl std::convert::From<TooLarge> for Unfit {
    fn from(_: TooLarge) -> Self {
        Self::TooLarge
    }
}

impl Own {
    /// Whether it states nothing of its own: what it receives passes as it
    /// comes.
    #[inline]
    pub fn is_nothing(&self) -> bool {
        self.records_per_second.is_none()
            && self.peak.is_none()
            && self.record_size.is_none()
            && self.profile.is_none()
    }

    /// This component's own figures over what it receives. A component that
    /// sets its own average but no peak keeps the shape of what it receives:
    /// a function behind a spiky stream is spiky too.
    pub fn over<N: Number>(&self, received: Flow<N>) -> Result<Flow<N>, Unfit> {
        if self.is_nothing() {
            // Nothing of its own, the usual case: what it receives, its
            // rate checked as below.
            return fits(received.rate).map(|()| received);
        }
        let average = self
            .records_per_second
            .map(N::of)
            .or(received.rate.map(|r| r.average));
        let day = self.profile.or(received.rate.and_then(|r| r.profile));
        let rate = match (average, self.peak, self.profile) {
            (None, _, _) => None,
            // A profile of its own: the busiest hour, and within it the
            // stated ratio; a peak rate stated wins.
            (Some(average), peak, Some(profile)) => {
                let busiest = average.times(N::of(profile.peak()))?;
                Some(Rate {
                    average,
                    peak: match peak {
                        Some(Peak::Rate(peak)) => N::of(peak),
                        Some(Peak::Ratio(ratio)) => busiest.times(N::of(ratio))?,
                        None => busiest,
                    },
                    profile: Some(profile),
                })
            }
            (Some(average), Some(peak), None) => Some(Rate {
                average,
                peak: peak.over(average)?,
                profile: day,
            }),
            (Some(average), None, None) if self.records_per_second.is_some() => Some(Rate {
                average,
                // The shape is a division: worked out only when it is used.
                peak: match received.rate.and_then(Rate::peak_to_average) {
                    Some(ratio) => average.times(ratio)?,
                    None => average,
                },
                profile: day,
            }),
            (Some(_), None, None) => received.rate,
        };
        fits(rate)?;
        Ok(Flow {
            rate,
            record_size: self.record_size.or(received.record_size),
            stored: received.stored,
            stored_object_size: received.stored_object_size,
            // Records of a size the scenario states are not the buffer's
            // objects; what a store holds still is.
            object_buffer: received
                .object_buffer
                .filter(|_| self.record_size.is_none() || received.stored.is_some()),
        })
    }

    /// [`Self::over`] `flow`, in its place: with nothing of its own, the
    /// flow is checked where it lies, not copied out and back.
    pub fn apply<N: Number>(&self, flow: &mut Flow<N>) -> Result<(), Unfit> {
        if self.is_nothing() {
            fits(flow.rate)
        } else {
            *flow = self.over(*flow)?;
            Ok(())
        }
    }
}

/// Whether `rate` fits: a peak at least its average.
fn fits<N: Number>(rate: Option<Rate<N>>) -> Result<(), Unfit> {
    match rate {
        Some(rate) if rate.peak < rate.average => Err(Unfit::PeakBelowAverage(rate.decimal())),
        _ => Ok(()),
    }
}

/// Where a component's input comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    /// `[workload]`: the first component, unless it names another.
    Workload,
    /// The component at this index in the alternative.
    Component(usize),
}

/// The keys a service reads its own input from, when it consumes records:
/// DynamoDB says `writes_per_second` and `item_size`.
#[derive(Debug, PartialEq, Eq)]
pub struct InputKeys {
    /// The unit of the rate, as a working says it: `records/s`.
    pub unit: &'static str,
    pub rate: &'static Key,
    pub peak: &'static Key,
    pub size: &'static Key,
    /// All of them with `peak_to_average`, in the order their values are kept.
    pub all: &'static [&'static Key],
}

impl InputKeys {
    /// What a component sets of its own input.
    pub fn own(&self, values: &Values) -> Own {
        own(values, self.rate, Some(self.peak), self.size)
    }
}

/// What a component says it emits, from the values of [`OUTPUT_KEYS`].
pub fn own_output(values: &Values) -> Own {
    own(values, &OUTPUT_RATE, None, &OUTPUT_SIZE)
}

fn own(values: &Values, rate: &'static Key, peak: Option<&'static Key>, size: &'static Key) -> Own {
    let peak = match (
        peak.and_then(|p| values.number(p)),
        values.number(&PEAK_TO_AVERAGE),
    ) {
        (Some(peak), _) => Some(Peak::Rate(peak)),
        (None, Some(ratio)) => Some(Peak::Ratio(ratio)),
        (None, None) => None,
    };
    Own {
        records_per_second: values.number(rate),
        peak,
        record_size: values.bytes(size),
        // A day written by hand takes the place of a built-in one.
        profile: match (values.get(&HOURLY), values.get(&PROFILE)) {
            (crate::model::keys::Value::Day(day), _) => Some(*day),
            (_, crate::model::keys::Value::Choice(index)) => Profile::at(*index),
            _ => None,
        },
    }
}

const FLOW: &str = "the flow";

pub static ID: Key = Key::new(
    "id",
    Kind::Text,
    Default::None,
    "a name for the component, for `from` and for paths",
);
pub static FROM: Key = Key::new(
    "from",
    Kind::Text,
    Default::None,
    "the `id` of the component whose output it consumes",
)
.defaulting_to("the component before it");

pub static RECORDS_PER_SECOND: Key = Key::new(
    "records_per_second",
    Kind::Rate,
    Default::None,
    "records received per second, on average",
)
.defaulting_to(FLOW);
pub static PEAK_RECORDS_PER_SECOND: Key = Key::new(
    "peak_records_per_second",
    Kind::Rate,
    Default::None,
    "records received in the busiest second",
)
.defaulting_to(FLOW);
pub static PEAK_TO_AVERAGE: Key = Key::new(
    "peak_to_average",
    Kind::Ratio,
    Default::None,
    "the peak rate over the average (instead of a peak rate), at least 1",
)
.defaulting_to(FLOW);
pub static PROFILE: Key = Key::new(
    "profile",
    Kind::Choice(profile::NAMES),
    Default::None,
    "the shape of the day: `flat`, `business_hours`, `evening_peak` or `batch_window` (24 factors each, averaging 1); the peak is then its busiest hour, times `peak_to_average` within the hour",
)
.defaulting_to(FLOW);
pub static HOURLY: Key = Key::new(
    "hourly",
    Kind::Day {
        instead_of: "profile",
    },
    Default::None,
    "the shape of the day written by hand: 24 numbers, one an hour from 00:00, scaled to average 1 (instead of a `profile`)",
)
.defaulting_to(FLOW);
pub static RECORD_SIZE: Key =
    Key::new("record_size", Kind::Size, Default::None, "bytes per record").defaulting_to(FLOW);

/// The keys of records, as most services and `[workload]` name them.
pub static RECORDS: InputKeys = InputKeys {
    unit: "records/s",
    rate: &RECORDS_PER_SECOND,
    peak: &PEAK_RECORDS_PER_SECOND,
    size: &RECORD_SIZE,
    all: &[
        &RECORDS_PER_SECOND,
        &PEAK_RECORDS_PER_SECOND,
        &PEAK_TO_AVERAGE,
        &PROFILE,
        &HOURLY,
        &RECORD_SIZE,
    ],
};

pub static OUTPUT_RATE: Key = Key::new(
    "output_records_per_second",
    Kind::Rate,
    Default::None,
    "records it emits per second (its peak keeps the shape of its input)",
)
.defaulting_to("what it receives");
pub static OUTPUT_SIZE: Key = Key::new(
    "output_record_size",
    Kind::Size,
    Default::None,
    "bytes per record it emits",
)
.defaulting_to("what it receives");

/// The keys of a service that emits records it is told to (Lambda, Flink, EC2).
pub static OUTPUT_KEYS: &[&Key] = &[&OUTPUT_RATE, &OUTPUT_SIZE];

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn received(average: Decimal, peak: Decimal) -> Flow {
        Flow::new(Rate::new(average, peak), Some(Bytes::kib(1)))
    }

    #[test]
    fn nothing_own_passes_the_flow_through() {
        let flow = received(dec!(100), dec!(300));
        assert_eq!(Own::default().over(flow), Ok(flow));
    }

    #[test]
    fn an_own_average_keeps_the_shape_it_receives() {
        // 100/s peaking at 300/s is a ratio of 3: an own 20/s peaks at 60/s.
        let own = Own {
            records_per_second: Some(dec!(20)),
            ..Own::default()
        };
        let flow = own.over(received(dec!(100), dec!(300))).unwrap();
        assert_eq!(flow.rate, Some(Rate::flat(dec!(20)).with_peak(dec!(60))));
    }

    #[test]
    fn an_own_peak_wins() {
        let own = Own {
            peak: Some(Peak::Ratio(dec!(4))),
            ..Own::default()
        };
        let flow = own.over(received(dec!(1000), dec!(1000))).unwrap();
        assert_eq!(flow.rate.unwrap().peak, dec!(4000));
        let own = Own {
            peak: Some(Peak::Rate(dec!(500))),
            ..Own::default()
        };
        assert!(own.over(received(dec!(1000), dec!(1000))).is_err());
    }

    impl Rate {
        fn with_peak(self, peak: Decimal) -> Self {
            Self { peak, ..self }
        }
    }

    #[test]
    fn a_profile_peaks_at_its_busiest_hour_and_a_ratio_applies_within_it() {
        // 1,000/s on business_hours: 1,750/s from 08:00 to 20:00; with
        // peak_to_average = 2 within the hour, 3,500/s.
        let business = Profile::named("business_hours");
        let own = Own {
            records_per_second: Some(dec!(1000)),
            profile: business,
            ..Own::default()
        };
        let rate = own.over(Flow::<Decimal>::NOTHING).unwrap().rate.unwrap();
        assert_eq!((rate.average, rate.peak), (dec!(1000), dec!(1750)));
        assert_eq!(rate.in_hour(3), Ok(dec!(250)));
        assert_eq!(rate.in_hour(8), Ok(dec!(1750)));
        let own = Own {
            peak: Some(Peak::Ratio(dec!(2))),
            ..own
        };
        let rate = own.over(Flow::<Decimal>::NOTHING).unwrap().rate.unwrap();
        assert_eq!(rate.peak, dec!(3500));
        assert_eq!(rate.within_hour(), dec!(2));
        // The shape flows on: a consumer with its own average keeps it.
        let consumer = Own {
            records_per_second: Some(dec!(10)),
            ..Own::default()
        };
        let received = Flow::new(rate, None);
        let passed = consumer.over(received).unwrap().rate.unwrap();
        assert_eq!(passed.profile, business);
        assert_eq!(passed.peak, dec!(35));
    }
}
