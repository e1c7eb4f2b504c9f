//! What a pass over an offer file is told to keep, and what it kept.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::figure::{Figure, Refused};

/// Says which selectors a product matches, from the offer's code (when
/// the file gave it before its products), the product's family and its
/// attributes.
pub type Keep<'a> = dyn Fn(Option<&str>, Option<&str>, &[Option<String>]) -> Vec<usize> + 'a;

/// Says which catalogue a product is a row of, and the row's name (its
/// type), from the same arguments as [`Keep`].
pub type Classify<'a> =
    dyn Fn(Option<&str>, Option<&str>, &[Option<String>]) -> Option<(usize, String)> + 'a;

/// Which products to keep: `keep` is given the offer code, a product's
/// family and the values of `attributes` (in that order, `None` where the
/// product has no such attribute) and says which of the caller's
/// selectors, numbered from 0 up to `selectors` (excluded), it matches.
pub struct Selection<'a> {
    pub attributes: &'a [&'a str],
    pub keep: &'a Keep<'a>,
    pub selectors: usize,
    /// Which catalogue row, if any, a product is: the products of each row
    /// are counted as a selector's are.
    pub rows: &'a Classify<'a>,
    /// The attribute whose values are counted in [`Offer::regions`].
    pub region_attribute: usize,
}

/// What a pass over an offer file kept.
#[derive(Debug, Default)]
pub struct Offer {
    pub offer_code: Option<String>,
    pub version: Option<String>,
    pub publication_date: Option<String>,
    pub has_products: bool,
    pub has_terms: bool,
    /// What each selector matched, by selector.
    pub matched: Vec<Matched>,
    /// What each catalogue row matched, by catalogue and row name: as many
    /// entries as the Region has types, however many products it has.
    pub rows: BTreeMap<(usize, String), Matched>,
    /// The products that alone match a selector, by SKU, with their terms.
    pub products: HashMap<String, Product>,
    /// The distinct values of the region attribute, up to [`MAX_REGIONS`].
    pub regions: BTreeSet<String>,
    /// Whether `terms` came before `products`, so that they were skipped.
    pub terms_first: bool,
    /// The figure that stopped the read, if one did.
    pub(super) fault: Option<Fault>,
}

/// At most this many distinct regions are remembered (there are a few dozen).
pub const MAX_REGIONS: usize = 100;

/// The SKUs a selector keeps of the products it matched, to name them.
pub const MAX_SKUS: usize = 10;

/// The products one selector matched.
#[derive(Debug, Default)]
pub struct Matched {
    /// How many (a SKU written twice among the first [`MAX_SKUS`] counts once).
    pub count: usize,
    /// The first [`MAX_SKUS`] of their SKUs, in order.
    pub skus: Vec<String>,
    /// The selection's attributes of the product, while it is the only one.
    pub(super) attributes: Option<Vec<Option<String>>>,
}

impl Matched {
    pub(super) fn add(&mut self, sku: &str, attributes: &[Option<String>]) {
        let at = match self.skus.binary_search_by(|kept| kept.as_str().cmp(sku)) {
            Ok(_) => return,
            Err(at) => at,
        };
        self.count += 1;
        self.attributes = (self.count == 1).then(|| attributes.to_vec());
        if at < MAX_SKUS {
            self.skus.insert(at, sku.to_string());
            self.skus.truncate(MAX_SKUS);
        }
    }
}

#[derive(Debug)]
pub struct Product {
    /// The selection's attributes, as in [`Selection::attributes`].
    pub attributes: Vec<Option<String>>,
    /// Its on-demand terms, by offer term code.
    pub terms: Vec<(String, Term)>,
}

#[derive(Debug)]
pub struct Term {
    /// By rate code.
    pub price_dimensions: HashMap<String, PriceDimension>,
}

#[derive(Debug)]
pub struct PriceDimension {
    pub rate_code: Option<String>,
    pub unit: String,
    /// Its `pricePerUnit` in USD, if it has one.
    pub usd: Option<Figure>,
    pub begin_range: Option<Figure>,
    pub end_range: Option<Figure>,
}

/// A figure of a kept term that a decimal cannot hold.
#[derive(Debug)]
pub struct Fault {
    pub sku: String,
    pub rate_code: String,
    /// What the figure is: `price`, `` `beginRange` `` or `` `endRange` ``.
    pub what: &'static str,
    pub text: String,
    pub refused: Refused,
}

/// Why an offer file could not be read: the JSON error (with its line and
/// column), and the figure behind it if it was one.
#[derive(Debug)]
pub struct Error {
    pub json: serde_json::Error,
    pub fault: Option<Box<Fault>>,
}

impl From<serde_json::Error> for Error {
    fn from(json: serde_json::Error) -> Self {
        Error { json, fault: None }
    }
}
