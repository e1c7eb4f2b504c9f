//! The shape of a day: how a rate spreads over the 24 hours, as factors of
//! the day's average. The built-in shapes are data (`profiles.toml`, built
//! into the binary), each averaging exactly 1, so that a profile moves
//! traffic between hours and never changes the day's volume.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::base::number::Dec;

/// The hours of a day.
pub const HOURS: usize = 24;

/// The built-in profiles' names, as a scenario writes them; the data file
/// holds one entry for each (a test holds the two together).
pub const NAMES: &[&str] = &["flat", "business_hours", "evening_peak", "batch_window"];

/// The built-in profiles, as data.
const DATA: &str = include_str!("profiles.toml");

/// A shape of a day.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: &'static str,
    pub doc: String,
    /// Each hour's rate over the day's average, hour 0 first.
    pub factors: [Decimal; HOURS],
}

impl Profile {
    /// The busiest hour's factor: the peak over the average.
    pub fn peak(&self) -> Decimal {
        self.factors.iter().copied().max().unwrap_or(Decimal::ONE)
    }

    /// The built-in profile named `name`.
    pub fn named(name: &str) -> Option<&'static Profile> {
        builtin().iter().find(|p| p.name == name)
    }

    /// The built-in profile at `index` in [`NAMES`].
    pub fn at(index: u8) -> Option<&'static Profile> {
        NAMES.get(usize::from(index)).and_then(|n| Self::named(n))
    }
}

/// Why 24 numbers are not a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotADay {
    /// Not 24 of them.
    Hours(usize),
    /// A negative hour: its index and value.
    Negative(usize, Decimal),
    /// Every hour 0: no average to spread.
    Empty,
}

/// A day written by hand (`hourly = [24 factors]`), normalised so that
/// its factors average 1: each hour × 24 ÷ their sum. A day already
/// averaging 1 is kept as written. Each distinct day is made once and
/// kept for the run, like the built-in ones.
pub fn hand_written(hours: &[Decimal]) -> Result<&'static Profile, NotADay> {
    if hours.len() != HOURS {
        return Err(NotADay::Hours(hours.len()));
    }
    if let Some((hour, value)) = hours
        .iter()
        .enumerate()
        .find(|(_, v)| v.is_sign_negative() && !v.is_zero())
    {
        return Err(NotADay::Negative(hour, *value));
    }
    let sum: Decimal = hours.iter().sum();
    if sum.is_zero() {
        return Err(NotADay::Empty);
    }
    let scale = Decimal::from(HOURS as u32) / sum;
    let mut factors = [Decimal::ZERO; HOURS];
    for (factor, hour) in factors.iter_mut().zip(hours) {
        *factor = (hour * scale).normalize();
    }
    static MADE: Mutex<Vec<&'static Profile>> = Mutex::new(Vec::new());
    let mut made = MADE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(day) = made.iter().find(|p| p.factors == factors) {
        return Ok(day);
    }
    let day: &'static Profile = Box::leak(Box::new(Profile {
        name: "hourly",
        doc: "a day written by hand".to_string(),
        factors,
    }));
    made.push(day);
    Ok(day)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    doc: String,
    factors: Vec<Dec>,
}

/// Every built-in profile, in [`NAMES`]' order. The data is checked by
/// the tests, so that a profile the binary carries is never wrong.
pub fn builtin() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let mut read: BTreeMap<String, Entry> = toml::from_str(DATA).unwrap_or_default();
        NAMES
            .iter()
            .filter_map(|name| {
                let entry = read.remove(*name)?;
                let factors: Vec<Decimal> = entry.factors.iter().map(|d| d.0).collect();
                Some(Profile {
                    name,
                    doc: entry.doc,
                    factors: factors.try_into().ok()?,
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_data_holds_every_named_profile_and_no_other() {
        let read: BTreeMap<String, Entry> = toml::from_str(DATA).expect("profiles.toml parses");
        let mut names: Vec<&str> = read.keys().map(String::as_str).collect();
        let mut expected = NAMES.to_vec();
        names.sort_unstable();
        expected.sort_unstable();
        assert_eq!(names, expected);
        for (name, entry) in &read {
            assert_eq!(entry.factors.len(), HOURS, "{name} has 24 factors");
        }
        assert_eq!(builtin().len(), NAMES.len());
    }

    #[test]
    fn each_profile_averages_exactly_one() {
        for profile in builtin() {
            let sum: Decimal = profile.factors.iter().sum();
            assert_eq!(sum, dec!(24), "{} adds up to {sum}", profile.name);
            assert!(
                profile.factors.iter().all(|f| !f.is_sign_negative()),
                "{}",
                profile.name
            );
            assert!(!profile.doc.is_empty(), "{}", profile.name);
        }
    }

    #[test]
    fn a_hand_written_day_is_normalised_to_average_one() {
        // 12 hours at 2 and 12 at 0 add up to 24: already averaging 1.
        let mut hours = vec![dec!(2); 12];
        hours.extend([dec!(0); 12]);
        let day = hand_written(&hours).expect("a day");
        assert_eq!(day.factors[0], dec!(2));
        assert_eq!(day.factors[12], dec!(0));
        // 12 hours at 3 and 12 at 1 add up to 48: × 24 ÷ 48 = ÷ 2, so
        // 1.5 and 0.5, averaging (12 × 1.5 + 12 × 0.5) ÷ 24 = 1.
        let mut hours = vec![dec!(3); 12];
        hours.extend([dec!(1); 12]);
        let day = hand_written(&hours).expect("a day");
        assert_eq!(day.factors[11], dec!(1.5));
        assert_eq!(day.factors[23], dec!(0.5));
        assert_eq!(day.peak(), dec!(1.5));
        // The same day twice is one day.
        assert!(std::ptr::eq(day, hand_written(&hours).expect("a day")));
        assert_eq!(hand_written(&hours[..23]), Err(NotADay::Hours(23)));
        hours[5] = dec!(-1);
        assert_eq!(hand_written(&hours), Err(NotADay::Negative(5, dec!(-1))));
        assert_eq!(hand_written(&[Decimal::ZERO; 24]), Err(NotADay::Empty));
    }

    #[test]
    fn the_peak_is_the_busiest_hour() {
        // business_hours: 1.75 from 08:00 to 20:00; batch_window: 3 from
        // 01:00 to 05:00; flat: 1.
        let peak = |name: &str| Profile::named(name).map(Profile::peak);
        assert_eq!(peak("business_hours"), Some(dec!(1.75)));
        assert_eq!(peak("batch_window"), Some(dec!(3)));
        assert_eq!(peak("flat"), Some(dec!(1)));
        let business = Profile::named("business_hours").expect("built in");
        assert_eq!(business.factors[7], dec!(0.25));
        assert_eq!(business.factors[8], dec!(1.75));
        assert_eq!(business.factors[19], dec!(1.75));
        assert_eq!(business.factors[20], dec!(0.25));
    }
}
