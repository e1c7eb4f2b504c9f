//! A pricing table as written, before it is checked.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::commitments::RawCommitment;
use super::figures::Figure;
use super::{Evidence, FreeKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTable {
    pub(super) name: String,
    /// A bundled table this one holds only the differences from.
    #[serde(default)]
    pub(super) extends: Option<Spanned<String>>,
    // Inherited from the table extended when it is left out.
    #[serde(default)]
    pub(super) region: Option<String>,
    #[serde(default)]
    pub(super) currency: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) as_of: Option<String>,
    /// How the extended table's currency converts into this one's.
    #[serde(default)]
    pub(super) exchange_rate: Option<Spanned<RawExchangeRate>>,
    /// A fraction off every price (and tier) of a service (`kinesis_data_streams`)
    /// or of one dimension (`"dynamodb.wcu_hour"`), from the extended table.
    #[serde(default)]
    pub(super) discounts: BTreeMap<Spanned<String>, Figure>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) prices: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawPrice>>>,
    #[serde(default)]
    pub(super) limits: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawLimit>>>,
    /// Each service's catalogue of types: `[instances.ec2."m5.large"]`.
    #[serde(default)]
    pub(super) instances:
        BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<RawInstance>>>,
    /// What the table leaves out on purpose, with why.
    #[serde(default)]
    pub(super) missing: RawMissing,
}

/// `[missing.prices.SERVICE.DIMENSION]` and `[missing.limits.SERVICE.LIMIT]`,
/// each with its `reason`; `[missing.not_offered.SERVICE]` for a service AWS
/// does not offer in the table's Region (every price and limit of it).
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMissing {
    #[serde(default)]
    pub(super) prices: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawReason>>,
    #[serde(default)]
    pub(super) limits: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawReason>>,
    #[serde(default)]
    pub(super) not_offered: BTreeMap<Spanned<String>, RawReason>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReason {
    pub(super) reason: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInstance {
    #[serde(default)]
    pub(super) vcpu: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) memory: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) storage: Option<Spanned<String>>,
    pub(super) price: Figure,
    pub(super) unit: Spanned<String>,
    pub(super) source: String,
    pub(super) as_of: String,
    pub(super) evidence: Evidence,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) note: Option<String>,
    /// Its rates under commitments, by purchase option.
    #[serde(default)]
    pub(super) commitments: BTreeMap<Spanned<String>, Spanned<RawCommitment>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExchangeRate {
    pub(super) from: String,
    pub(super) rate: Figure,
    pub(super) as_of: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrice {
    pub(super) price: Option<Figure>,
    pub(super) tiers: Option<Vec<RawTier>>,
    pub(super) unit: Spanned<String>,
    pub(super) source: String,
    pub(super) as_of: String,
    pub(super) evidence: Evidence,
    #[serde(default)]
    pub(super) free_per_month: Option<Figure>,
    #[serde(default)]
    pub(super) free_per_hour: Option<Figure>,
    /// The kind of its free tier: `"always"` or `"12-months"`.
    #[serde(default)]
    pub(super) free: Option<Spanned<FreeKind>>,
    /// Another dimension of the same service whose free tier this one shares.
    #[serde(default)]
    pub(super) free_shared_with: Option<Spanned<String>>,
    /// Its price to some destination Regions, for a dimension priced by
    /// destination: `[prices.data_transfer.inter_region_gb.to."us-east-2"]`.
    #[serde(default)]
    pub(super) to: BTreeMap<Spanned<String>, Spanned<RawDestinationPrice>>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) note: Option<String>,
}

/// A price to one destination Region: flat, in the unit of the price it
/// belongs to.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDestinationPrice {
    pub(super) price: Figure,
    pub(super) source: String,
    pub(super) as_of: String,
    pub(super) evidence: Evidence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTier {
    pub(super) up_to: Option<Figure>,
    pub(super) price: Figure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLimit {
    pub(super) value: Spanned<toml::Value>,
    pub(super) source: String,
    pub(super) as_of: String,
    pub(super) evidence: Evidence,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) note: Option<String>,
}
