//! The numbers a service's formulas take as given, for its working: its
//! own keys, and the fixed figures of the rules AWS bills by.

use rust_decimal::Decimal;

use crate::base::number::{MILLION, Number};
use crate::base::units::{Bytes, Duration, GIB};
use crate::model::keys::Key;
use crate::model::traced::Traced;
use crate::model::working::Given;

/// The value of one of the component's keys, in `unit`.
pub fn key<N: Number>(
    value: impl Into<Decimal>,
    unit: &'static str,
    key: &'static Key,
) -> Traced<N> {
    Traced::given(value.into(), unit, || Given::Key(key))
}

/// A size key's value in bytes.
pub fn size<N: Number>(value: Bytes, key: &'static Key) -> Traced<N> {
    self::key(value.decimal(), "B", key)
}

/// A duration key's value in hours.
pub fn hours<N: Number>(value: Duration, key: &'static Key) -> Traced<N> {
    self::key(value.hours(), "h", key)
}

/// A duration key's value in seconds.
pub fn seconds<N: Number>(value: Duration, key: &'static Key) -> Traced<N> {
    let secs = N::ratio(value.ms(), Decimal::ONE_THOUSAND);
    Traced::given_as(secs, "s", || Given::Key(key))
}

/// A million, for what is priced by the million.
pub fn million<N: Number>() -> Traced<N> {
    Traced::rule(MILLION, "", "a million, for what is priced by the million")
}

/// The bytes of a GB as AWS bills it: 2^30.
pub fn gib<N: Number>() -> Traced<N> {
    Traced::rule(
        Decimal::from(GIB),
        "B",
        "bytes a GB, as AWS bills it (2^30)",
    )
}

/// At least one: `what` says of what.
pub fn at_least_one<N: Number>(unit: &'static str, what: &'static str) -> Traced<N> {
    Traced::rule(Decimal::ONE, unit, what)
}

/// Seconds an hour, for hours worked out from seconds.
pub fn seconds_an_hour<N: Number>() -> Traced<N> {
    Traced::rule(Decimal::from(3600), "s/h", "seconds an hour")
}

/// Milliseconds a second, for seconds worked out from milliseconds.
pub fn ms_a_second<N: Number>() -> Traced<N> {
    Traced::rule(Decimal::ONE_THOUSAND, "ms/s", "milliseconds a second")
}
