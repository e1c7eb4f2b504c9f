//! `[growth]`: the workload grows month by month, and each month is the
//! scenario evaluated again with its rates scaled. The months count from
//! 1: month 1 is the first month billed, the scenario as written, and
//! month `m` carries the growth of the `m - 1` months before it.

use rust_decimal::Decimal;

use crate::base::number::{Number, TooLarge};
use crate::model::choice::choice;
use crate::model::keys::{Default, Key, Kind};

/// The longest horizon calc evaluates: ten years of months.
pub const MAX_MONTHS: u32 = 120;

pub static RATE: Key = Key::new(
    "rate",
    Kind::Text,
    Default::None,
    "the growth a month: `\"8% per month\"`, or a list, one rate for each month after the first (the last holds on)",
);
pub static MONTHS: Key = Key::new(
    "months",
    Kind::Count {
        min: 1,
        max: MAX_MONTHS,
    },
    Default::Integer(12),
    "how many months to evaluate, the first being the scenario as written",
);
pub static BUDGET_MONTHS: Key = Key::new(
    "budget_months",
    Kind::Count {
        min: 1,
        max: MAX_MONTHS,
    },
    Default::None,
    "`calc check` holds the budget (`max_monthly_cost`) over this many months, at most `months`",
)
.defaulting_to("the month as written only");
pub static BUDGET: Key = Key::new(
    "budget",
    Kind::Choice(BudgetOver::NAMES),
    Default::Text("each_month"),
    "`each_month`: every month through `budget_months` within `max_monthly_cost`; `total`: their sum within `max_monthly_cost` × `budget_months`",
);

/// The month evaluated: a value of the scenario, not of `[growth]`, so
/// that `--set month=12`, `calc sweep --vary month=1..24` and `calc solve
/// --for month` reach it like any other.
pub static MONTH: Key = Key::new(
    "month",
    Kind::Count {
        min: 1,
        max: MAX_MONTHS,
    },
    Default::Integer(1),
    "the month of `[growth]` evaluated, every rate times its growth: 1 is the scenario as written (`--set month=12`, `calc sweep --vary month=1..24`, `calc solve --for month`)",
);

/// The keys of `[growth]` read as values, `rate` aside (a text or a list).
pub static KEYS: &[&Key] = &[&MONTHS, &BUDGET_MONTHS, &BUDGET];

choice! {
    /// How `calc check` holds the budget over the horizon.
    pub enum BudgetOver {
        /// Every month through the last, each within the monthly budget.
        EachMonth = "each_month",
        /// The months' sum within the monthly budget times their number.
        Total = "total",
    }
}

/// `[growth]` as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Growth {
    /// The growth into each month after the first, as fractions (`0.08`
    /// for 8%); the last holds for the months past the list.
    pub rates: Vec<Decimal>,
    pub months: u32,
    pub budget_months: Option<u32>,
    pub budget: BudgetOver,
}

impl Growth {
    /// The rate that takes month `m` to month `m + 1`.
    pub fn rate_after(&self, month: u32) -> Decimal {
        let index = usize::try_from(month.saturating_sub(1)).unwrap_or(usize::MAX);
        self.rates
            .get(index)
            .or(self.rates.last())
            .copied()
            .unwrap_or(Decimal::ZERO)
    }

    /// What each month's rates are the written ones times, for months 1
    /// to `months`: 1 for month 1, then the product of `1 + rate` over
    /// the months before. Exact while the product has at most 28 decimal
    /// places (1.1^m for every month in range); past that, rounded to the
    /// 28 digits a decimal holds.
    pub fn factors(&self) -> Result<Vec<Decimal>, TooLarge> {
        (1..=self.months).map(|month| self.factor(month)).collect()
    }

    /// What month `month`'s rates are the written ones times: 1 for month
    /// 1, then the product of `1 + rate` over the months before it.
    pub fn factor(&self, month: u32) -> Result<Decimal, TooLarge> {
        let mut factor = Decimal::ONE;
        for before in 1..month {
            factor = factor.times(Decimal::ONE.plus(self.rate_after(before))?)?;
        }
        Ok(factor)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::model::report::{AlternativeGrowth, Month};

    fn growth(rates: &[Decimal], months: u32) -> Growth {
        Growth {
            rates: rates.to_vec(),
            months,
            budget_months: None,
            budget: BudgetOver::EachMonth,
        }
    }

    #[test]
    fn month_one_is_the_scenario_as_written() {
        // 10% a month: 1, 1.1, 1.21, 1.331, … ; month 9 is 1.1^8 =
        // 2.14358881, and month 24 is 1.1^23, exactly.
        let factors = growth(&[dec!(0.1)], 24).factors().unwrap();
        assert_eq!(factors.len(), 24);
        assert_eq!(
            &factors[..4],
            &[dec!(1), dec!(1.1), dec!(1.21), dec!(1.331)]
        );
        assert_eq!(factors[8], dec!(2.14358881));
        assert_eq!(factors[23], dec!(8.95430243255237372246531));
    }

    #[test]
    fn a_list_of_rates_takes_one_a_month_and_the_last_holds() {
        // 10% into month 2, 5% into month 3, then 0% on.
        let factors = growth(&[dec!(0.1), dec!(0.05), dec!(0)], 5)
            .factors()
            .unwrap();
        assert_eq!(
            factors,
            [dec!(1), dec!(1.1), dec!(1.155), dec!(1.155), dec!(1.155)]
        );
        // No growth: every month is month 1.
        assert!(
            growth(&[dec!(0)], 3)
                .factors()
                .unwrap()
                .iter()
                .all(|f| *f == Decimal::ONE)
        );
    }

    fn over(costs: &[Decimal], budget: Decimal) -> AlternativeGrowth {
        AlternativeGrowth {
            months: costs
                .iter()
                .zip(1..)
                .map(|(cost, month)| Month {
                    month,
                    factor: Decimal::ONE,
                    cost: Some(*cost),
                    capacity: Vec::new(),
                    breaks: None,
                })
                .collect(),
            steps: Vec::new(),
            budget: Some(budget),
            over_budget: None,
            breaks: None,
            total: None,
        }
    }

    #[test]
    fn a_budget_is_crossed_in_the_first_month_over_it_or_by_the_running_total() {
        let a = over(&[dec!(80), dec!(90), dec!(110), dec!(120)], dec!(100));
        assert_eq!(a.crosses(BudgetOver::EachMonth, 4), Some(3));
        assert_eq!(a.crosses(BudgetOver::EachMonth, 2), None);
        // 80 + 90 + 110 = 280 ≤ 300; + 120 = 400 ≤ 400: the total holds
        // over four months; over three, 280 ≤ 300 too.
        assert_eq!(a.crosses(BudgetOver::Total, 4), None);
        assert_eq!(a.crosses(BudgetOver::Total, 3), None);
        let b = over(&[dec!(100), dec!(150), dec!(60)], dec!(100));
        // 100 + 150 = 250 > 200 in month 2, over three months 250 ≤ 300,
        // then 310 > 300 in month 3.
        assert_eq!(b.crosses(BudgetOver::Total, 2), Some(2));
        assert_eq!(b.crosses(BudgetOver::Total, 3), Some(3));
        assert_eq!(b.total_through(3), Some(dec!(310)));
    }
}
