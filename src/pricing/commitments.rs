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
