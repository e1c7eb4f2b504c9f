//! When a resource sized for the peak runs: a range of hours of the day
//! (`"08-20"`), every day or on weekdays only. Its hours a month are
//! worked out where they are billed (`services::kit::schedule`).

use std::fmt;

use crate::model::choice::choice;
use crate::model::profile::HOURS;

/// Hours of the day, from `start` (inclusive) to `end` (exclusive), as
/// `"HH-HH"`: `"08-20"` is 08:00 to 20:00; `"00-24"` the whole day; an
/// end before the start wraps midnight (`"22-06"`: 22:00 to 06:00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HourRange {
    /// 0 to 23.
    pub start: u8,
    /// 0 to 24, never `start`.
    pub end: u8,
}

impl HourRange {
    /// The whole day.
    pub const DAY: Self = Self { start: 0, end: 24 };

    /// How many hours of a day it covers: 1 to 24.
    pub fn hours(self) -> u8 {
        if self.end > self.start {
            self.end - self.start
        } else {
            24 - self.start + self.end
        }
    }

    /// Whether hour `hour` of the day (0 to 23) is within it.
    pub fn covers(self, hour: usize) -> bool {
        let hour = hour % HOURS;
        let (start, end) = (usize::from(self.start), usize::from(self.end));
        if end > start {
            (start..end).contains(&hour)
        } else {
            hour >= start || hour < end
        }
    }
}

impl fmt::Display for HourRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.start, self.end)
    }
}

/// Why a text is not a range of hours, with how to write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotHours {
    pub reason: String,
    pub help: String,
}

impl std::str::FromStr for HourRange {
    type Err = NotHours;

    /// `"HH-HH"`: two digits each, the start from 00 to 23, the end from
    /// 00 to 24 and not the start.
    fn from_str(text: &str) -> Result<Self, NotHours> {
        let shape = || NotHours {
            reason: format!(
                "a range of hours is two hours of two digits, \"HH-HH\" (found \"{text}\")"
            ),
            help: suggestion(text).map_or_else(
                || "e.g. \"08-20\" for 08:00 to 20:00, \"00-24\" for the whole day".to_string(),
                |fixed| format!("write \"{fixed}\""),
            ),
        };
        let Some((start, end)) = text.split_once('-') else {
            return Err(shape());
        };
        let two_digits = |part: &str| {
            (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u8>().ok())
                .flatten()
        };
        let (Some(start), Some(end)) = (two_digits(start), two_digits(end)) else {
            return Err(shape());
        };
        if start > 23 {
            return Err(NotHours {
                reason: format!(
                    "a range of hours starts at 00 to 23 (found {start:02} in \"{text}\")"
                ),
                help: format!("hours are counted from 00:00: e.g. \"00-{end:02}\""),
            });
        }
        if end > 24 {
            return Err(NotHours {
                reason: format!("a range of hours ends at 00 to 24 (found {end:02} in \"{text}\")"),
                help: format!("write \"{start:02}-24\" to run to midnight"),
            });
        }
        if start == end {
            return Err(NotHours {
                reason: format!("\"{text}\" starts and ends at {start:02}: it has no hours"),
                help: "write \"00-24\" for the whole day; the end is not included (\"08-20\" runs 12 hours)".to_string(),
            });
        }
        Ok(Self { start, end })
    }
}

/// The range that a text close to `"HH-HH"` means: `"8-20"` → `"08-20"`,
/// `"08:00-20:00"` → `"08-20"`, `"08 - 20"` → `"08-20"`.
fn suggestion(text: &str) -> Option<String> {
    let (start, end) = text.split_once(['-', '–'])?;
    let hour = |part: &str| -> Option<u8> {
        let part = part.trim();
        let part = part
            .strip_suffix(":00")
            .or_else(|| part.strip_suffix("h"))
            .unwrap_or(part);
        (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (start, end) = (hour(start)?, hour(end)?);
    (start <= 23 && end <= 24 && start != end).then(|| format!("{start:02}-{end:02}"))
}

choice! {
    /// The days of the week a schedule runs on.
    pub enum Days {
        EveryDay = "every_day",
        /// Monday to Friday: 5 days of 7.
        Weekdays = "weekdays",
    }
}

impl Days {
    /// Days of a week it runs: 7 or 5.
    pub fn a_week(self) -> u8 {
        match self {
            Self::EveryDay => 7,
            Self::Weekdays => 5,
        }
    }
}

/// The hours of the day a resource runs, and on which days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub hours: HourRange,
    pub days: Days,
}

impl Schedule {
    /// All day, every day: the whole month.
    pub const ALWAYS: Self = Self {
        hours: HourRange::DAY,
        days: Days::EveryDay,
    };

    /// Whether hour `hour` of a day it runs on is within it.
    pub fn runs_at(self, hour: usize) -> bool {
        self.hours.covers(hour)
    }

    /// The schedule as a scenario writes it: `08-20`, `08-20 on weekdays`.
    pub fn describe(self) -> String {
        match self.days {
            Days::EveryDay => self.hours.to_string(),
            Days::Weekdays => format!("{} on weekdays", self.hours),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> Result<HourRange, NotHours> {
        text.parse()
    }

    #[test]
    fn a_range_counts_its_hours_and_may_wrap_midnight() {
        assert_eq!(range("08-20").map(HourRange::hours), Ok(12));
        assert_eq!(range("00-24").map(HourRange::hours), Ok(24));
        // 22:00 to 06:00: 22, 23, then 00 to 05.
        let night = range("22-06").expect("a range");
        assert_eq!(night.hours(), 8);
        assert!(night.covers(23) && night.covers(0) && night.covers(5));
        assert!(!night.covers(6) && !night.covers(21));
        // An end of 00 after a start runs to midnight, as 24 does.
        assert_eq!(range("20-00").map(HourRange::hours), Ok(4));
        let day = range("08-20").expect("a range");
        assert!(!day.covers(7) && day.covers(8) && day.covers(19) && !day.covers(20));
        assert_eq!(day.to_string(), "08-20");
    }

    #[test]
    fn a_range_not_written_hh_hh_is_refused_with_the_fix() {
        let refused = |text: &str| range(text).expect_err(text);
        assert_eq!(refused("8-20").help, "write \"08-20\"");
        assert_eq!(refused("08:00-20:00").help, "write \"08-20\"");
        assert!(refused("08-25").reason.contains("ends at 00 to 24"));
        assert_eq!(refused("08-25").help, "write \"08-24\" to run to midnight");
        assert!(refused("24-08").reason.contains("starts at 00 to 23"));
        assert!(refused("20-20").reason.contains("has no hours"));
        assert!(refused("00-00").reason.contains("has no hours"));
        assert!(refused("business").reason.contains("\"HH-HH\""));
    }

    #[test]
    fn a_schedule_describes_itself_as_written() {
        let weekdays = Schedule {
            hours: range("08-20").expect("a range"),
            days: Days::Weekdays,
        };
        assert_eq!(weekdays.describe(), "08-20 on weekdays");
    }
}
