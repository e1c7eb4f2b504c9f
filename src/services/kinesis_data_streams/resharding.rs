//! A provisioned stream resharded hour by hour with UpdateShardCount: the
//! shards each hour of a day needs, as the API's limits let the stream
//! follow them. One call goes at most to double, or down to half, the
//! shards before it, so a larger step takes several calls in the hour
//! (each takes minutes); a stream makes at most so many calls a rolling
//! day, and past them the hour keeps the shards it has: more than it
//! needs or, on the way up, fewer.

use rust_decimal::Decimal;

use crate::base::number::{Number, TooLarge};
use crate::model::profile::HOURS;
use crate::model::traced::Traced;

/// UpdateShardCount's limits, from the pricing table.
#[derive(Clone, Copy, Debug)]
pub struct Limits<N = Decimal> {
    /// Changes a rolling 24 hours.
    pub a_day: u32,
    /// How far one change may go: up to this many times the shards, down
    /// to the shards over it, rounded up.
    pub factor: Traced<N>,
}

/// The shards of each hour of a day that repeats, from what each hour
/// needs: the day starts from the shards the day before ended with.
pub fn follow<N: Number>(
    needed: &[Traced<N>; HOURS],
    limits: Limits<N>,
) -> Result<[Traced<N>; HOURS], TooLarge> {
    let mut start = needed[HOURS - 1];
    let mut day = one_day(needed, start, limits)?;
    for _ in 0..2 {
        if day[HOURS - 1].value() == start.value() {
            break;
        }
        start = day[HOURS - 1];
        day = one_day(needed, start, limits)?;
    }
    Ok(day)
}

fn one_day<N: Number>(
    needed: &[Traced<N>; HOURS],
    start: Traced<N>,
    limits: Limits<N>,
) -> Result<[Traced<N>; HOURS], TooLarge> {
    let mut shards = start;
    let mut changes = 0u32;
    let mut day = [start; HOURS];
    for (hour, need) in needed.iter().enumerate() {
        while need.value() != shards.value() && changes < limits.a_day {
            let most = shards.times(limits.factor)?;
            let least = shards.per(limits.factor)?.ceil();
            shards = if need.value() > most.value() {
                need.min(most)
            } else if need.value() < least.value() {
                need.max(least)
            } else {
                *need
            };
            changes += 1;
        }
        day[hour] = shards;
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn limits(a_day: u32) -> Limits {
        Limits {
            a_day,
            factor: Traced::rule(dec!(2), "", "double or half"),
        }
    }

    fn day(values: [i64; HOURS], a_day: u32) -> Vec<Decimal> {
        let needed = values.map(|v| Traced::rule(Decimal::from(v), "shards", "needed"));
        follow(&needed, limits(a_day))
            .expect("small figures")
            .iter()
            .map(|t| t.value())
            .collect()
    }

    #[test]
    fn shards_follow_a_day_within_double_and_half() {
        // 2 shards at night, 7 by day: a call goes at most to double, so
        // 08:00 takes two (2 → 4 → 7), and 20:00 two more (7 → 4 → 2):
        // four calls a day, within ten.
        let mut needed = [2; HOURS];
        needed[8..20].fill(7);
        let shards = day(needed, 10);
        assert_eq!(&shards[7..10], &[dec!(2), dec!(7), dec!(7)]);
        assert_eq!(&shards[19..22], &[dec!(7), dec!(2), dec!(2)]);
        // With three calls a day, the four the day wants cannot all be
        // made: some hour keeps other shards than it needs.
        let shards = day(needed, 3);
        let needed: Vec<Decimal> = needed.iter().map(|n| Decimal::from(*n)).collect();
        assert_ne!(shards, needed);
    }

    #[test]
    fn past_the_changes_a_day_the_shards_stay() {
        // Alternating 2 and 4 every hour wants 24 changes; ten are
        // allowed: the stream follows for ten hours, then keeps what it
        // has. Steady state: the next day starts where this one ends.
        let needed = std::array::from_fn(|h| if h % 2 == 0 { 4 } else { 2 });
        let shards = day(needed, 10);
        let changes = shards.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(changes <= 10, "{shards:?}");
        assert!(shards[12..].iter().all(|s| *s == shards[11]), "{shards:?}");
    }
}
