//! Pricing tables: unit prices, free tiers and service limits, each with the
//! source it came from and the date it was true.
//!
//! Bundled tables are embedded in the binary; a scenario may name its own file.

mod audit;
mod commitments;
#[cfg(test)]
mod compiled;
mod figures;
pub mod import;
mod load;
mod parse;
mod raw;
// Written by `compiled::rust_source`, not by hand.
mod tables;

pub use audit::{IMPLAUSIBLE, Implausible, audit};
pub use load::{NamedBy, load};
pub use parse::parse;

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::base::units::{Bytes, Duration};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::priced::Priced;
use crate::model::report::{ExchangeRate, PricingInfo};

/// The tables shipped inside the binary, by name: each is compiled into
/// static data ([`tables`]), so that a run reads none of their text. The
/// default table prices everything calc bills; a regional one holds only
/// the figures found for its Region.
pub fn bundled_names() -> impl Iterator<Item = &'static str> {
    tables::ALL.iter().map(|book| &*book.name)
}

/// Text a table holds: borrowed from a compiled table, owned when read from
/// a file.
pub type Text = Cow<'static, str>;

/// The table a scenario uses when it names none.
pub const DEFAULT_TABLE: &str = "aws-us-east-1";

/// How well a figure is backed.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// Text AWS wrote: documentation, a pricing page, a blog post.
    AwsDocs,
    /// A worked example AWS published.
    AwsExample,
    /// The AWS Price List API.
    AwsPriceList,
    /// Only third-party material agrees on it.
    ThirdParty,
    /// Not confirmed by any source consulted.
    Unverified,
    /// Set by the scenario (`[pricing_overrides]`).
    Scenario,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwsDocs => "aws-docs",
            Self::AwsExample => "aws-example",
            Self::AwsPriceList => "aws-price-list",
            Self::ThirdParty => "third-party",
            Self::Unverified => "unverified",
            Self::Scenario => "scenario",
        }
    }
}

/// What kind of free tier an allowance is: AWS replaced the 12-month offers
/// with credits for accounts opened from 2025-07-15, and kept the "always
/// free" ones for every account.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum FreeKind {
    /// Every month, for every account, for as long as it is open.
    #[serde(rename = "always")]
    Always,
    /// Each month of an account's first 12, for an account opened before
    /// 2025-07-15.
    #[serde(rename = "12-months")]
    TwelveMonths,
}

impl FreeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::TwelveMonths => "12-months",
        }
    }

    /// The name of `kind` as a report gives it: `unstated` for an
    /// allowance whose kind the table does not say.
    pub fn name(kind: Option<Self>) -> &'static str {
        kind.map_or("unstated", Self::as_str)
    }
}

/// One price band of a tiered price: `price` applies up to `up_to` units a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    pub up_to: Option<Decimal>,
    pub price: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rate {
    Flat(Decimal),
    Tiered(Cow<'static, [Tier]>),
}

#[derive(Clone, Debug)]
pub struct Price {
    pub rate: Rate,
    /// Units a month that the free tier does not charge for.
    pub free_per_month: Decimal,
    /// Units an hour that the free tier does not charge for (for hourly capacity such as WCU).
    pub free_per_hour: Decimal,
    /// The dimension whose free tier this one shares (Lambda's Arm
    /// duration shares x86's one allowance): its registry key, or `None`
    /// for an allowance of its own.
    pub free_pool: Option<&'static str>,
    /// The kind of its free tier, when it has one.
    pub free_kind: Option<FreeKind>,
    pub source: Text,
    pub as_of: Text,
    pub evidence: Evidence,
}

/// A row of a service's catalogue: a type the table prices by the hour (an
/// EC2 instance type, an MSK broker type), with its size where the table
/// gives it. A scenario names the type; the row gives the unit price of the
/// service's catalogue dimension (`ec2.instance_hour`).
#[derive(Clone, Debug)]
pub struct Instance {
    pub service: &'static str,
    pub name: &'static str,
    pub vcpu: Option<u32>,
    pub memory: Option<Bytes>,
    /// The data a unit of the type holds (a Redshift node's managed or
    /// local storage), where the table gives it.
    pub storage: Option<Bytes>,
    /// A flat price per the catalogue dimension's unit, with its source.
    pub price: Price,
    /// The type's rates under a commitment (`reserved_1y_partial_upfront`),
    /// by the purchase option's name; empty where the table has none.
    pub commitments: Cow<'static, [Commitment]>,
}

impl Instance {
    /// The type's rates under the purchase option named `purchase`.
    pub fn commitment(&self, purchase: &str) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.purchase == purchase)
    }
}

/// A type's rates under one purchase option: an upfront fee per unit of the
/// type (a node, an instance), paid once for the term, and a rate per unit
/// of the catalogue dimension (a node-hour) for every hour of the term.
#[derive(Clone, Debug)]
pub struct Commitment {
    /// The purchase option, as a scenario names it.
    pub purchase: &'static str,
    pub upfront: Price,
    pub hourly: Price,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitValue {
    Count(Decimal),
    Bytes(Bytes),
    Duration(Duration),
}

impl LimitValue {
    pub fn count(self) -> Option<Decimal> {
        match self {
            Self::Count(n) => Some(n),
            _ => None,
        }
    }

    pub fn bytes(self) -> Option<Bytes> {
        match self {
            Self::Bytes(b) => Some(b),
            _ => None,
        }
    }

    pub fn duration(self) -> Option<Duration> {
        match self {
            Self::Duration(d) => Some(d),
            _ => None,
        }
    }

    /// The value as a violation states it: a count, bytes, or milliseconds.
    pub fn amount(self) -> Decimal {
        match self {
            Self::Count(n) => n,
            Self::Bytes(b) => b.decimal(),
            Self::Duration(d) => d.ms(),
        }
    }
}

/// Why a table leaves out a price or limit on purpose: a figure no source
/// gave for its Region, or a service AWS does not offer there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub reason: Text,
    /// AWS does not offer the service in the table's Region.
    pub not_offered: bool,
}

#[derive(Clone, Debug)]
pub struct LimitEntry {
    pub value: LimitValue,
    pub source: Text,
    pub as_of: Text,
    pub evidence: Evidence,
}

/// A loaded pricing table: prices and limits sorted by the registry's own
/// keys, so that the evaluation finds one by a binary search, without
/// hashing or allocating. A bundled table is static data, borrowed.
#[derive(Clone, Debug)]
pub struct PriceBook {
    pub name: Text,
    pub region: Text,
    pub currency: Text,
    pub as_of: Text,
    pub source_name: Text,
    /// The rate its prices were converted at, if they were.
    pub exchange_rate: Option<ExchangeRate>,
    prices: Cow<'static, [(&'static str, Price)]>,
    limits: Cow<'static, [(&'static str, LimitEntry)]>,
    /// Each service's catalogue, sorted by (service, type).
    instances: Cow<'static, [Instance]>,
    /// The prices (by dimension key) and limits (by limit key) the table
    /// leaves out on purpose, each with its reason, sorted by key.
    missing_prices: Cow<'static, [(&'static str, Missing)]>,
    missing_limits: Cow<'static, [(&'static str, Missing)]>,
    /// Each price's and limit's position by the hash of its key, made on
    /// the first look-up: the evaluation finds an entry by an integer.
    index: OnceLock<Index>,
}

/// Positions in a book's prices and limits, in tables addressed by their
/// keys' hashes: a look-up is one probe or two, never a search.
#[derive(Clone, Debug)]
struct Index {
    prices: Table,
    limits: Table,
}

/// Places addressed by hash: in each, the hash of an entry's key and its
/// position plus one (0 where the place is empty), and the address of a
/// key found equal to the entry's, so that a look-up by the same key
/// compares no text again. A hash's place is the bits of it that `shift`
/// says.
#[derive(Debug)]
struct Table {
    slots: Box<[(u64, u32)]>,
    seen: Box<[AtomicUsize]>,
    shift: u32,
}

impl Clone for Table {
    fn clone(&self) -> Self {
        Self {
            slots: self.slots.clone(),
            seen: self
                .seen
                .iter()
                .map(|a| AtomicUsize::new(a.load(Ordering::Relaxed)))
                .collect(),
            shift: self.shift,
        }
    }
}

impl Index {
    /// A table of at least four times as many places as entries, a power
    /// of two, each entry at its hash's place or the next free one after
    /// it. Of the ways to take a place from the hash's bits, the one that
    /// leaves the fewest entries away from their own place: a look-up of
    /// one of those is a single probe.
    fn of<T>(entries: &[(&'static str, T)]) -> Table {
        let places = (entries.len() * 4).next_power_of_two().max(2);
        let hashes: Vec<u64> = entries
            .iter()
            .map(|(key, _)| crate::model::dimension::key_hash(key))
            .collect();
        let fill = |shift: u32| {
            let mut slots = vec![(0, 0); places];
            let mut away = 0;
            for (i, &hash) in hashes.iter().enumerate() {
                let mut place = place_of(hash, places - 1, shift);
                if slots[place].1 != 0 {
                    away += 1;
                }
                while slots[place].1 != 0 {
                    place = (place + 1) & (places - 1);
                }
                slots[place] = (hash, u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
            (away, slots)
        };
        // The high bits first, the ones FNV-1a mixes best.
        let bits = places.trailing_zeros();
        let shift = (0..=64 - bits)
            .min_by_key(|&shift| (fill(shift).0, shift.abs_diff(32)))
            .unwrap_or(32);
        let slots = fill(shift).1;
        let seen = slots.iter().map(|_| AtomicUsize::new(0)).collect();
        Table {
            slots: slots.into_boxed_slice(),
            seen,
            shift,
        }
    }
}

/// Where a hash starts its probe in a table of `mask + 1` places: the bits
/// from `shift` up.
fn place_of(hash: u64, mask: usize, shift: u32) -> usize {
    // The table has fewer places than 2^32: the bits kept fit.
    (hash >> shift) as usize & mask
}

/// The entry for `key`, whose hash is `hash`, through `index`. The usual
/// look-up, of a key at its own place that was found equal before, is a
/// few comparisons, inlined where the evaluation asks for a price or a
/// limit; any other probes on.
#[inline]
fn by_hash<'a, T>(
    entries: &'a [(&'static str, T)],
    index: &Table,
    hash: u64,
    key: &'static str,
) -> Option<&'a T> {
    let place = place_of(hash, index.slots.len().wrapping_sub(1), index.shift);
    if let Some(&(h, position)) = index.slots.get(place)
        && h == hash
        && let Some(entry) = entries.get((position as usize).wrapping_sub(1))
        && entry.0.len() == key.len()
        && index.seen[place].load(Ordering::Relaxed) == key.as_ptr() as usize
    {
        return Some(&entry.1);
    }
    probe(entries, index, hash, key)
}

/// [`by_hash`] from the key's own place on, comparing text where the
/// hashes agree.
#[inline(never)]
fn probe<'a, T>(
    entries: &'a [(&'static str, T)],
    index: &Table,
    hash: u64,
    key: &'static str,
) -> Option<&'a T> {
    let mask = index.slots.len().checked_sub(1)?;
    let mut place = place_of(hash, mask, index.shift);
    loop {
        let (h, position) = index.slots[place];
        let entry = entries.get(usize::try_from(position).ok()?.checked_sub(1)?)?;
        if h == hash && entry.0.len() == key.len() {
            // A key that lives for the whole run, once found equal, is the
            // same text whenever it comes back at the same address.
            let address = key.as_ptr() as usize;
            let seen = &index.seen[place];
            if seen.load(Ordering::Relaxed) == address {
                return Some(&entry.1);
            }
            if entry.0 == key {
                seen.store(address, Ordering::Relaxed);
                return Some(&entry.1);
            }
        }
        place = (place + 1) & mask;
    }
}

/// The entry for `key` in a slice sorted by key.
fn find<'a, T>(entries: &'a [(&'static str, T)], key: &str) -> Option<&'a T> {
    entries
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| &entries[i].1)
}

impl PriceBook {
    pub fn price(&self, key: &str) -> Option<&Price> {
        find(&self.prices, key)
    }

    pub fn limit(&self, key: &str) -> Option<&LimitEntry> {
        find(&self.limits, key)
    }

    #[inline]
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index {
            prices: Index::of(&self.prices),
            limits: Index::of(&self.limits),
        })
    }

    /// The price of `dimension`, found by its key's compiled-in hash.
    #[inline]
    pub fn price_of(&self, dimension: &Dimension) -> Option<&Price> {
        by_hash(
            &self.prices,
            &self.index().prices,
            dimension.hash,
            dimension.key,
        )
    }

    /// The value of `limit`, found by its key's compiled-in hash.
    #[inline]
    pub fn limit_of(&self, limit: &Limit) -> Option<&LimitEntry> {
        by_hash(&self.limits, &self.index().limits, limit.hash, limit.key)
    }

    /// Why the table leaves out the price of the dimension `key`, if it
    /// says (for a catalogue's dimension: why it has no row).
    pub fn missing_price(&self, key: &str) -> Option<&Missing> {
        find(&self.missing_prices, key)
    }

    /// Why the table leaves out the limit `key`, if it says.
    pub fn missing_limit(&self, key: &str) -> Option<&Missing> {
        find(&self.missing_limits, key)
    }

    /// The prices and limits the table leaves out with a reason, by key.
    pub fn missing_prices(&self) -> impl Iterator<Item = (&'static str, &Missing)> {
        self.missing_prices.iter().map(|(k, v)| (*k, v))
    }

    pub fn missing_limits(&self) -> impl Iterator<Item = (&'static str, &Missing)> {
        self.missing_limits.iter().map(|(k, v)| (*k, v))
    }

    /// Why the table lacks `gap`, if it says.
    pub fn missing(&self, gap: Gap) -> Option<&Missing> {
        match gap {
            Gap::Price(dimension) => self.missing_price(dimension.key),
            Gap::Limit(limit) => self.missing_limit(limit.key),
        }
    }

    /// Whether the table holds the figure `gap` names.
    pub fn holds_gap(&self, gap: Gap) -> bool {
        match gap {
            Gap::Price(dimension) => self.price_of(dimension).is_some(),
            Gap::Limit(limit) => self.limit_of(limit).is_some(),
        }
    }

    /// The row of `service`'s catalogue for the type `name`.
    pub fn instance(&self, service: &str, name: &str) -> Option<&Instance> {
        self.instances
            .binary_search_by(|row| (row.service, row.name).cmp(&(service, name)))
            .ok()
            .map(|i| &self.instances[i])
    }

    /// The rows of `service`'s catalogue, by type.
    pub fn instances(&self, service: &str) -> &[Instance] {
        let start = self.instances.partition_point(|row| row.service < service);
        let end = self.instances.partition_point(|row| row.service <= service);
        &self.instances[start..end]
    }

    /// Whether the table prices `dimension` of `def`: a price, or for a
    /// catalogue's dimension, at least one type.
    pub fn holds(&self, service: &Priced, dimension: &Dimension) -> bool {
        if let Some(service) = service.catalogue_service(dimension) {
            !self.instances(service).is_empty()
        } else {
            self.price(dimension.key).is_some()
        }
    }

    /// Every catalogue's rows, by (service, type).
    pub fn all_instances(&self) -> &[Instance] {
        &self.instances
    }

    pub fn prices(&self) -> impl Iterator<Item = (&'static str, &Price)> {
        self.prices.iter().map(|(k, v)| (*k, v))
    }

    pub fn limits(&self) -> impl Iterator<Item = (&'static str, &LimitEntry)> {
        self.limits.iter().map(|(k, v)| (*k, v))
    }

    /// The kinds of free tier the table's allowances are, each once:
    /// always-free first, then 12-month, then `None` for any whose kind the
    /// table does not state.
    pub fn free_tier_kinds(&self) -> Vec<Option<FreeKind>> {
        let allowances: Vec<Option<FreeKind>> = self
            .prices
            .iter()
            .filter(|(_, p)| !(p.free_per_month.is_zero() && p.free_per_hour.is_zero()))
            .map(|(_, p)| p.free_kind)
            .collect();
        [Some(FreeKind::Always), Some(FreeKind::TwelveMonths), None]
            .into_iter()
            .filter(|kind| allowances.contains(kind))
            .collect()
    }

    /// This table with `other`'s prices (its free tiers and catalogues)
    /// and its own limits: what a design of the same capacity costs at
    /// other prices.
    pub fn with_prices_of(&self, other: &PriceBook) -> PriceBook {
        PriceBook {
            prices: other.prices.clone(),
            instances: other.instances.clone(),
            missing_prices: other.missing_prices.clone(),
            ..self.clone()
        }
    }

    /// Whether this is a bundled table, as built in (not a file, nor a
    /// price book that extends one).
    pub fn is_bundled(&self) -> bool {
        compiled(&self.name).is_some_and(|bundled| bundled.source_name == self.source_name)
    }

    /// This table with a stand-in for `gap`, a figure it lacks, so that an
    /// evaluation can go on to find the next one it lacks. A table with
    /// stand-ins only finds gaps: nothing computed with it is shown.
    pub fn standing_in(&self, gap: Gap) -> PriceBook {
        let mut book = self.clone();
        book.index = OnceLock::new();
        let (source, as_of) = (Cow::Borrowed("stand-in"), Cow::Borrowed(""));
        match gap {
            Gap::Price(dimension) => {
                let entry = Price {
                    rate: Rate::Flat(Decimal::ZERO),
                    free_per_month: Decimal::ZERO,
                    free_per_hour: Decimal::ZERO,
                    free_pool: None,
                    free_kind: None,
                    source,
                    as_of,
                    evidence: Evidence::Unverified,
                };
                insert_sorted(book.prices.to_mut(), dimension.key, entry);
            }
            Gap::Limit(limit) => {
                // One of the limit's own unit: a divisor that cannot be zero.
                let value = match limit.kind {
                    LimitKind::Count => LimitValue::Count(Decimal::ONE),
                    LimitKind::Bytes => LimitValue::Bytes(Bytes(1)),
                    LimitKind::Duration => LimitValue::Duration(Duration::from_secs(1)),
                };
                let entry = LimitEntry {
                    value,
                    source,
                    as_of,
                    evidence: Evidence::Unverified,
                };
                insert_sorted(book.limits.to_mut(), limit.key, entry);
            }
        }
        book
    }

    /// Replaces one unit price, the free tier kept, for the tests that
    /// price a component at a figure of their own.
    #[cfg(test)]
    pub(crate) fn override_price(&mut self, key: &'static str, price: Decimal) {
        self.index = OnceLock::new();
        let prices = self.prices.to_mut();
        let index = match prices.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(index) => index,
            Err(index) => {
                let entry = Price {
                    rate: Rate::Flat(price),
                    free_per_month: Decimal::ZERO,
                    free_per_hour: Decimal::ZERO,
                    free_pool: None,
                    free_kind: None,
                    source: Cow::Borrowed(""),
                    as_of: Cow::Borrowed(""),
                    evidence: Evidence::Scenario,
                };
                prices.insert(index, (key, entry));
                index
            }
        };
        let entry = &mut prices[index].1;
        entry.rate = Rate::Flat(price);
        entry.source = Cow::Borrowed("scenario [pricing_overrides]");
        entry.evidence = Evidence::Scenario;
    }
}

/// A figure an evaluation needed and a table lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    Price(&'static Dimension),
    Limit(&'static Limit),
}

impl Gap {
    pub fn key(self) -> &'static str {
        match self {
            Gap::Price(dimension) => dimension.key,
            Gap::Limit(limit) => limit.key,
        }
    }
}

/// Puts `entry` at `key`'s place in `entries`, sorted by key (over the
/// entry already there, if one is).
fn insert_sorted<T>(entries: &mut Vec<(&'static str, T)>, key: &'static str, entry: T) {
    match entries.binary_search_by(|(k, _)| (*k).cmp(key)) {
        Ok(i) => entries[i].1 = entry,
        Err(i) => entries.insert(i, (key, entry)),
    }
}

/// The services a table may price, as the registry declares them: a table
/// is read against them, and knows nothing else of the services.
#[derive(Clone, Copy, Debug)]
pub struct Vocabulary<'a>(pub &'a [Priced]);

impl<'a> Vocabulary<'a> {
    /// The service named `name`.
    pub fn service(self, name: &str) -> Option<&'a Priced> {
        self.0.iter().find(|service| service.service == name)
    }

    pub fn names(self) -> impl Iterator<Item = &'static str> + 'a {
        self.0.iter().map(|service| service.service)
    }

    /// Every service's dimensions.
    pub fn dimensions(self) -> impl Iterator<Item = &'static Dimension> + 'a {
        self.0
            .iter()
            .flat_map(|service| service.dimensions.iter().copied())
    }

    pub fn dimension(self, key: &str) -> Option<&'static Dimension> {
        self.dimensions().find(|dimension| dimension.key == key)
    }
}

impl PriceBook {
    /// What a report says of the table it used.
    pub fn info(&self) -> PricingInfo {
        PricingInfo {
            name: self.name.to_string(),
            region: self.region.to_string(),
            currency: self.currency.to_string(),
            as_of: self.as_of.to_string(),
            exchange_rate: self.exchange_rate.clone(),
            free_tier: self
                .free_tier_kinds()
                .into_iter()
                .map(FreeKind::name)
                .collect(),
        }
    }
}

/// A bundled table, compiled: checked when it was built, read by no run.
pub fn compiled(name: &str) -> Option<&'static PriceBook> {
    tables::ALL.iter().copied().find(|book| book.name == name)
}

/// A bundled table's text, by name, for the tests that read it.
#[cfg(test)]
pub(crate) fn bundled(name: &str) -> Option<crate::base::diagnostic::Source> {
    let path = format!("{}/pricing/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).ok()?;
    Some(crate::base::diagnostic::Source::new(
        format!("pricing/{name}.toml"),
        text,
    ))
}
