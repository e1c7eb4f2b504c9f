//! A catalogue row's rates under a commitment:
//! `[instances.redshift."ra3.xlplus".commitments.reserved_1y_partial_upfront]`
//! with an `upfront` fee per unit of the type and an `hourly` rate per unit
//! of the catalogue dimension, each checked as a price is.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::figures::{Figure, non_negative};
use super::{Commitment, Evidence, Price, Rate};
use crate::base::diagnostic::{Diagnostic, Source};
use crate::model::choice::Choice;
use crate::model::commitment::Purchase;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCommitment {
    upfront: Figure,
    hourly: Figure,
    source: String,
    as_of: String,
    evidence: Evidence,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// A row's commitments, by purchase option: each a name a scenario can
/// write (not `on_demand`, which is the row's own price).
pub(super) fn read(
    source: &Source,
    raw: &BTreeMap<Spanned<String>, Spanned<RawCommitment>>,
) -> Result<Cow<'static, [Commitment]>, Diagnostic> {
    let mut read = Vec::with_capacity(raw.len());
    for (name, entry) in raw {
        let purchase = Purchase::CHOICES
            .iter()
            .find(|(text, p)| *text == name.get_ref() && *p != Purchase::OnDemand)
            .map(|(text, _)| *text)
            .ok_or_else(|| {
                source
                    .error(
                        name.span().into(),
                        format!("`{}` is not a commitment", name.get_ref()),
                    )
                    .suggesting(name.get_ref(), Purchase::NAMES[1..].iter().copied())
            })?;
        let entry = entry.get_ref();
        let price = |figure: &Figure| -> Result<Price, Diagnostic> {
            Ok(Price {
                rate: Rate::Flat(non_negative(source, figure)?),
                free_per_month: Decimal::ZERO,
                free_per_hour: Decimal::ZERO,
                free_pool: None,
                free_kind: None,
                source: Cow::Owned(entry.source.clone()),
                as_of: Cow::Owned(entry.as_of.clone()),
                evidence: entry.evidence,
            })
        };
        read.push(Commitment {
            purchase,
            upfront: price(&entry.upfront)?,
            hourly: price(&entry.hourly)?,
        });
    }
    Ok(Cow::Owned(read))
}

#[cfg(test)]
mod tests {
    use crate::base::diagnostic::Source;
    use rust_decimal_macros::dec;

    fn book(text: &str) -> Result<crate::pricing::PriceBook, String> {
        crate::pricing::parse(
            &Source::new("acme.toml", text),
            crate::services::vocabulary(),
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn a_price_book_discounts_a_rows_commitments_as_it_does_its_price() {
        // ra3.xlplus, 1 year partial upfront: $3,187 and $0.363813 an hour;
        // 10% off Redshift: $2,868.30 and $0.3274317.
        let book =
            book("name = \"acme\"\nextends = \"aws-us-east-1\"\n[discounts]\nredshift = 0.1\n")
                .unwrap();
        let row = book.instance("redshift", "ra3.xlplus").unwrap();
        let rates = row.commitment("reserved_1y_partial_upfront").unwrap();
        let flat = |price: &crate::pricing::Price| match price.rate {
            crate::pricing::Rate::Flat(p) => p,
            crate::pricing::Rate::Tiered(_) => panic!("a flat rate"),
        };
        assert_eq!(flat(&rates.upfront), dec!(2868.3));
        assert_eq!(flat(&rates.hourly), dec!(0.3274317));
        assert!(rates.hourly.source.ends_with("; less 10% (acme.toml)"));
    }

    #[test]
    fn a_commitment_is_named_as_a_scenario_names_the_purchase() {
        let row = "name = \"t\"\nregion = \"r\"\ncurrency = \"USD\"\nas_of = \"2026-01-01\"\n\
            [instances.ec2.\"m6i.xlarge\"]\nprice = 0.192\nunit = \"instance-hour\"\n\
            source = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";
        let entry = "upfront = 1\nhourly = 0.1\nsource = \"s\"\nas_of = \"2026-01-01\"\nevidence = \"unverified\"\n";
        let typo = format!(
            "{row}[instances.ec2.\"m6i.xlarge\".commitments.reserved_1y_no_upfrnt]\n{entry}"
        );
        let error = book(&typo).unwrap_err();
        assert!(
            error.contains("`reserved_1y_no_upfrnt` is not a commitment"),
            "{error}"
        );
        assert!(error.contains("reserved_1y_no_upfront"), "{error}");
        let on_demand =
            format!("{row}[instances.ec2.\"m6i.xlarge\".commitments.on_demand]\n{entry}");
        assert!(
            book(&on_demand)
                .unwrap_err()
                .contains("`on_demand` is not a commitment")
        );
        let negative = format!(
            "{row}[instances.ec2.\"m6i.xlarge\".commitments.reserved_1y_no_upfront]\n{}",
            entry.replace("hourly = 0.1", "hourly = -0.1")
        );
        assert!(book(&negative).unwrap_err().contains("cannot be negative"));
    }
}
