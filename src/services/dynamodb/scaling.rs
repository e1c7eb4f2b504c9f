//! DynamoDB auto scaling hour by hour: the write capacity each hour of a
//! day needs at the target utilisation, as AWS's decrease quota lets it
//! follow the load. An increase takes effect when it is needed (AWS raises
//! capacity once the target is passed for two minutes, and the update
//! takes minutes: less than the hour this model counts in); a decrease is
//! made only when the quota allows it, else the hour keeps the capacity of
//! the hour before.
//!
//! That increase is not instant, and AWS says what happens meanwhile: auto
//! scaling starts once consumption has passed the target for two
//! consecutive minutes, the table's update then takes minutes more, and
//! "any requests that exceed the previous provisioned capacity" are
//! throttled until it ends. [`worst_rise`] finds the hour where that
//! bites hardest.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::model::profile::HOURS;
use crate::model::traced::Traced;

/// AWS's quota on decreases of a table's provisioned capacity, from the
/// pricing table: the first decrease of a UTC day is free (up to four in
/// its first hour), then one an hour if the hour before had none, up to
/// `a_day` in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decreases {
    pub a_day: u32,
    /// Hours that must pass after a decrease before the next (after the
    /// day's first hour of decreases): 1, "none in the preceding hour".
    pub apart: usize,
}

/// The capacity of each hour of a day that repeats, from what each hour
/// needs: the day starts from the capacity the day before ended with.
pub fn follow<N: Number>(needed: &[Traced<N>; HOURS], rules: Decreases) -> [Traced<N>; HOURS] {
    let mut start = needed[HOURS - 1];
    let mut day = one_day(needed, start, rules);
    // A day that ends higher than it started (a decrease the quota held
    // back) starts the next one there; two passes settle it.
    for _ in 0..2 {
        if day[HOURS - 1].value() == start.value() {
            break;
        }
        start = day[HOURS - 1];
        day = one_day(needed, start, rules);
    }
    day
}

fn one_day<N: Number>(
    needed: &[Traced<N>; HOURS],
    start: Traced<N>,
    rules: Decreases,
) -> [Traced<N>; HOURS] {
    let mut capacity = start;
    let mut decreases = 0u32;
    let mut last: Option<usize> = None;
    let mut day = [start; HOURS];
    for (hour, need) in needed.iter().enumerate() {
        if need.value() >= capacity.value() {
            // An increase, or no change: the hour's own need.
            capacity = *need;
        } else {
            let allowed = decreases < rules.a_day
                && last.is_none_or(|last| hour.saturating_sub(last) > rules.apart);
            if allowed {
                capacity = *need;
                decreases += 1;
                last = Some(hour);
            }
        }
        day[hour] = capacity;
    }
    day
}

/// An hour whose writes need more than the capacity of the hour before:
/// what is over it is throttled while auto scaling catches up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rise<N = Decimal> {
    pub hour: usize,
    /// The hour's write units a second.
    pub need: N,
    /// The capacity of the hour before.
    pub set: N,
}

/// The hour (of a day that repeats) whose write units a second exceed the
/// capacity of the hour before by the most, the earliest of equals; `None`
/// when each hour's capacity covers the next hour's writes.
pub fn worst_rise<N: Number>(capacity: &[N; HOURS], writes: &[N; HOURS]) -> Option<Rise<N>> {
    let mut worst: Option<Rise<N>> = None;
    for (hour, need) in writes.iter().enumerate() {
        let set = capacity[(hour + HOURS - 1) % HOURS];
        // Differences of figures that fit: they fit too.
        let Ok(over) = need.minus(set) else { continue };
        if over > N::ZERO && worst.is_none_or(|w| w.need.minus(w.set).is_ok_and(|o| over > o)) {
            worst = Some(Rise {
                hour,
                need: *need,
                set,
            });
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    use super::*;

    fn traced(values: [i64; HOURS]) -> [Traced; HOURS] {
        values.map(|v| Traced::rule(Decimal::from(v), "WCU", "needed"))
    }

    fn values(day: [Traced; HOURS]) -> [Decimal; HOURS] {
        day.map(Traced::value)
    }

    const AWS: Decreases = Decreases {
        a_day: 27,
        apart: 1,
    };

    #[test]
    fn capacity_follows_a_day_that_steps_up_and_down_once() {
        // business_hours at 1,000 writes/s and a 0.7 target: 358 WCU at
        // night, 2,500 from 08:00 to 20:00; one decrease a day, at 20:00.
        let mut needed = [358; HOURS];
        needed[8..20].fill(2500);
        let day = values(follow(&traced(needed), AWS));
        assert_eq!(day, needed.map(Decimal::from));
    }

    #[test]
    fn a_decrease_the_hour_after_another_waits() {
        // Needed: 100 at 00:00, then falling by 10 each hour to 01:00,
        // 02:00, 03:00: the first decrease of the day (hour 1) is free;
        // hour 2 follows one in hour 1, so it waits (90); hour 3 may
        // (none in hour 2): 70; hour 4 waits again at 70 though 60 would
        // do, hour 5 decreases to 50.
        let mut needed = [50; HOURS];
        needed[..5].copy_from_slice(&[100, 90, 80, 70, 60]);
        // The day before ended at 50 and hour 0 needs 100: an increase.
        let day = values(follow(&traced(needed), AWS));
        assert_eq!(
            &day[..6],
            &[dec!(100), dec!(90), dec!(90), dec!(70), dec!(70), dec!(50)]
        );
        assert_eq!(day[23], dec!(50));
    }

    #[test]
    fn past_the_day_s_quota_capacity_stays_up() {
        // A quota of one decrease a day: 100 → 50 at hour 2, then the
        // table keeps 80 (reached at hour 4) to the end of the day, and
        // the next day starts there.
        let mut needed = [50; HOURS];
        needed[..5].copy_from_slice(&[100, 100, 50, 50, 80]);
        let one = Decreases { a_day: 1, apart: 1 };
        let day = values(follow(&traced(needed), one));
        // Day 2 starts at 80 (where day 1 ended): hour 0 needs 100, an
        // increase; hour 2 makes the day's one decrease, to 50; hour 4
        // rises to 80 and stays.
        assert_eq!(
            &day[..5],
            &[dec!(100), dec!(100), dec!(50), dec!(50), dec!(80)]
        );
        assert!(day[5..].iter().all(|c| *c == dec!(80)));
    }

    #[test]
    fn the_steepest_rise_past_the_hour_before_is_the_one_told() {
        // business_hours at 1,000 writes/s: 250 a second at night on 358
        // WCU, 1,750 by day on 2,500. At 08:00 the writes (1,750) pass the
        // night's 358 by 1,392; at 20:00 they fall. Hour 0 follows hour
        // 23, both nights.
        let mut capacity = [dec!(358); HOURS];
        capacity[8..20].fill(dec!(2500));
        let mut writes = [dec!(250); HOURS];
        writes[8..20].fill(dec!(1750));
        assert_eq!(
            worst_rise(&capacity, &writes),
            Some(Rise {
                hour: 8,
                need: dec!(1750),
                set: dec!(358),
            })
        );
        // A rise within the target's headroom (250 → 350 writes on 358
        // WCU) is served by the capacity already there.
        writes[8..20].fill(dec!(350));
        assert_eq!(worst_rise(&capacity, &writes), None);
        // Two rises: the larger is told; of equals, the earlier. Hour 0's
        // rise counts against hour 23's capacity.
        let flat = [dec!(100); HOURS];
        let mut two = [dec!(50); HOURS];
        two[0] = dec!(130);
        two[12] = dec!(130);
        assert_eq!(worst_rise(&flat, &two).map(|r| r.hour), Some(0));
        two[12] = dec!(131);
        assert_eq!(worst_rise(&flat, &two).map(|r| r.hour), Some(12));
    }
}
