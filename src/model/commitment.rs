//! How capacity is bought: on demand, or committed for a term of one or
//! three years with one of AWS's payment options. Shared by the services
//! that offer commitments and by the pricing tables that price them.

use crate::base::number::Number;
use rust_decimal::Decimal;

use crate::model::choice::{Choice, choice};
use crate::model::traced::Traced;

choice! {
    /// How capacity is bought: on demand, or committed for a term with one
    /// of AWS's payment options.
    pub enum Purchase {
        OnDemand = "on_demand",
        Reserved1yNoUpfront = "reserved_1y_no_upfront",
        Reserved1yPartialUpfront = "reserved_1y_partial_upfront",
        Reserved1yAllUpfront = "reserved_1y_all_upfront",
        Reserved3yNoUpfront = "reserved_3y_no_upfront",
        Reserved3yPartialUpfront = "reserved_3y_partial_upfront",
        Reserved3yAllUpfront = "reserved_3y_all_upfront",
        SavingsPlan1yNoUpfront = "savings_plan_1y_no_upfront",
        SavingsPlan1yPartialUpfront = "savings_plan_1y_partial_upfront",
        SavingsPlan1yAllUpfront = "savings_plan_1y_all_upfront",
        SavingsPlan3yNoUpfront = "savings_plan_3y_no_upfront",
        SavingsPlan3yPartialUpfront = "savings_plan_3y_partial_upfront",
        SavingsPlan3yAllUpfront = "savings_plan_3y_all_upfront",
    }
}

/// The length of a commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    OneYear,
    ThreeYears,
}

impl Term {
    /// The months the term lasts, which its upfront fee is spread over.
    pub fn months<N: Number>(self) -> Traced<N> {
        match self {
            Self::OneYear => Traced::rule(Decimal::from(12), "months", "months in a 1-year term"),
            Self::ThreeYears => {
                Traced::rule(Decimal::from(36), "months", "months in a 3-year term")
            }
        }
    }
}

impl Purchase {
    /// The term committed to; `None` on demand.
    pub fn term(self) -> Option<Term> {
        match self {
            Self::OnDemand => None,
            Self::Reserved1yNoUpfront
            | Self::Reserved1yPartialUpfront
            | Self::Reserved1yAllUpfront
            | Self::SavingsPlan1yNoUpfront
            | Self::SavingsPlan1yPartialUpfront
            | Self::SavingsPlan1yAllUpfront => Some(Term::OneYear),
            Self::Reserved3yNoUpfront
            | Self::Reserved3yPartialUpfront
            | Self::Reserved3yAllUpfront
            | Self::SavingsPlan3yNoUpfront
            | Self::SavingsPlan3yPartialUpfront
            | Self::SavingsPlan3yAllUpfront => Some(Term::ThreeYears),
        }
    }

    /// Whether it is a Savings Plan (a commitment of dollars an hour) rather
    /// than a reservation of a resource.
    pub fn is_savings_plan(self) -> bool {
        self.as_str().starts_with("savings_plan")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_but_on_demand_has_a_term_of_its_name() {
        for (name, purchase) in Purchase::CHOICES {
            let months = purchase.term().map(|t| t.months().value());
            let expected = if name.contains("_1y_") {
                Some(Decimal::from(12))
            } else if name.contains("_3y_") {
                Some(Decimal::from(36))
            } else {
                None
            };
            assert_eq!(months, expected, "{name}");
            assert_eq!(purchase.is_savings_plan(), name.starts_with("savings_plan"));
        }
    }
}
