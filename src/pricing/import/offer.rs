//! Reading an AWS Price List offer file as a stream.
//!
//! The file is one JSON object (the Price List Bulk API's format):
//!
//! ```text
//! { "formatVersion": "v1.0", "offerCode": "AmazonKinesis", "version": "…",
//!   "publicationDate": "2024-07-01T00:00:00Z",
//!   "products": { SKU: { "sku", "productFamily", "attributes": { "usagetype",
//!                 "regionCode", "operation", "group", … } }, … },
//!   "terms": { "OnDemand": { SKU: { OFFER_TERM: { "priceDimensions": {
//!                 RATE_CODE: { "unit", "pricePerUnit": { "USD": "0.015" },
//!                 "beginRange": "0", "endRange": "Inf", … } } } } },
//!              "Reserved": { … } } }
//! ```
//!
//! Offer files are hundreds of MB (EC2's several GB), so the document is
//! never built as a tree: serde's visitors walk `products` and
//! `terms.OnDemand` one entry at a time and skip what is not wanted as it
//! streams by. Of the products a selector matches, only what decides the
//! price is kept: their count, the first few SKUs (to name them), and, when
//! it matched exactly one, that product's attributes and on-demand terms.
//! A selector that matches 390,000 products costs no more than one that
//! matches two. AWS writes `products` before `terms`; a file in the other
//! order is read twice, the second time for the terms alone, since which
//! terms to keep is only known from the products.
//!
//! The figures of the terms kept (prices, range bounds) are read exactly
//! where they are written: one a decimal cannot hold is an error at its
//! line and column, with the SKU and rate code it belongs to.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::io::Read;

use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, Visitor};

use super::figure::{self, Figure, Refused};

/// Says which selectors a product matches, from the offer's code (when
/// the file gave it before its products), the product's family and its
/// attributes.
pub type Keep<'a> = dyn Fn(Option<&str>, Option<&str>, &[Option<String>]) -> Vec<usize> + 'a;

/// Which products to keep: `keep` is given the offer code, a product's
/// family and the values of `attributes` (in that order, `None` where the
/// product has no such attribute) and says which of the caller's
/// selectors, numbered from 0 up to `selectors` (excluded), it matches.
pub struct Selection<'a> {
    pub attributes: &'a [&'a str],
    pub keep: &'a Keep<'a>,
    pub selectors: usize,
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
    /// The products that alone match a selector, by SKU, with their terms.
    pub products: HashMap<String, Product>,
    /// The distinct values of the region attribute, up to [`MAX_REGIONS`].
    pub regions: BTreeSet<String>,
    /// Whether `terms` came before `products`, so that they were skipped.
    pub terms_first: bool,
    /// The figure that stopped the read, if one did.
    fault: Option<Fault>,
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
    attributes: Option<Vec<Option<String>>>,
}

impl Matched {
    fn add(&mut self, sku: &str, attributes: &[Option<String>]) {
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

/// Reads an offer file: a first pass, and a second one for the terms when
/// the file put them before the products. `reopen` opens the file again.
pub fn read<R: Read>(
    first: R,
    reopen: impl FnOnce() -> std::io::Result<R>,
    selection: &Selection,
) -> Result<Offer, Error> {
    let mut offer = Offer {
        matched: (0..selection.selectors)
            .map(|_| Matched::default())
            .collect(),
        ..Offer::default()
    };
    pass(first, selection, &mut offer, Pass::Whole)?;
    if offer.terms_first && !offer.products.is_empty() {
        let again = reopen().map_err(serde_json::Error::io)?;
        pass(again, selection, &mut offer, Pass::TermsOnly)?;
    }
    Ok(offer)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Whole,
    TermsOnly,
}

fn pass<R: Read>(
    reader: R,
    selection: &Selection,
    offer: &mut Offer,
    pass: Pass,
) -> Result<(), Error> {
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let read = Document {
        selection,
        offer: &mut *offer,
        pass,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    read.map_err(|json| Error {
        json,
        fault: offer.fault.take().map(Box::new),
    })
}

struct Document<'a> {
    selection: &'a Selection<'a>,
    offer: &'a mut Offer,
    pass: Pass,
}

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an AWS Price List offer file (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Document {
            selection,
            offer,
            pass,
        } = self;
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), pass) {
                ("offerCode", Pass::Whole) => offer.offer_code = Some(map.next_value()?),
                ("version", Pass::Whole) => offer.version = Some(map.next_value()?),
                ("publicationDate", Pass::Whole) => {
                    offer.publication_date = Some(map.next_value()?);
                }
                ("products", Pass::Whole) => {
                    map.next_value_seed(Products {
                        selection,
                        offer: &mut *offer,
                    })?;
                    offer.has_products = true;
                }
                ("terms", Pass::Whole) if !offer.has_products => {
                    map.next_value::<IgnoredAny>()?;
                    offer.terms_first = true;
                    offer.has_terms = true;
                }
                ("terms", _) => {
                    map.next_value_seed(Terms {
                        products: &mut offer.products,
                        fault: &mut offer.fault,
                    })?;
                    offer.has_terms = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// `products`: each product is read, matched, counted and dropped; then the
/// products that alone match a selector are set aside for their terms.
struct Products<'a> {
    selection: &'a Selection<'a>,
    offer: &'a mut Offer,
}

impl<'de> DeserializeSeed<'de> for Products<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Products<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`products`, a map from SKU to product")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Products { selection, offer } = self;
        while let Some(sku) = map.next_key::<String>()? {
            let (family, attributes) = map.next_value_seed(ProductSeed { selection })?;
            if let Some(region) = &attributes[selection.region_attribute]
                && offer.regions.len() < MAX_REGIONS
                && !offer.regions.contains(region)
            {
                offer.regions.insert(region.clone());
            }
            let selected =
                (selection.keep)(offer.offer_code.as_deref(), family.as_deref(), &attributes);
            for index in selected {
                offer.matched[index].add(&sku, &attributes);
            }
        }
        offer.products.clear();
        for matched in &offer.matched {
            if let (1, Some(attributes), Some(sku)) =
                (matched.count, &matched.attributes, matched.skus.first())
            {
                offer
                    .products
                    .entry(sku.clone())
                    .or_insert_with(|| Product {
                        attributes: attributes.clone(),
                        terms: Vec::new(),
                    });
            }
        }
        Ok(())
    }
}

/// One product: its family and the selection's attributes.
struct ProductSeed<'a> {
    selection: &'a Selection<'a>,
}

type ProductFields = (Option<String>, Vec<Option<String>>);

impl<'de> DeserializeSeed<'de> for ProductSeed<'_> {
    type Value = ProductFields;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<ProductFields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProductSeed<'_> {
    type Value = ProductFields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a product, with `productFamily` and `attributes`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProductFields, A::Error> {
        let mut family = None;
        let mut attributes = vec![None; self.selection.attributes.len()];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "productFamily" => family = Some(map.next_value::<String>()?),
                "attributes" => map.next_value_seed(Attributes {
                    names: self.selection.attributes,
                    values: &mut attributes,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((family, attributes))
    }
}

/// A product's `attributes`: the wanted ones are kept, the others skipped
/// without being copied.
struct Attributes<'a> {
    names: &'a [&'a str],
    values: &'a mut [Option<String>],
}

impl<'de> DeserializeSeed<'de> for Attributes<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Attributes<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a product's `attributes`, a map of strings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(wanted) = map.next_key_seed(Name { names: self.names })? {
            match wanted {
                Some(index) => self.values[index] = Some(map.next_value::<String>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A key: the index of the wanted name it is, if any, read without copying.
struct Name<'a> {
    names: &'a [&'a str],
}

impl<'de> DeserializeSeed<'de> for Name<'_> {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an attribute name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.names.iter().position(|n| *n == name))
    }
}

/// `terms`: only `OnDemand` is read.
struct Terms<'a> {
    products: &'a mut HashMap<String, Product>,
    fault: &'a mut Option<Fault>,
}

impl<'de> DeserializeSeed<'de> for Terms<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Terms<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms`, a map from term type (`OnDemand`, `Reserved`) to terms")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(kind) = map.next_key::<String>()? {
            if kind == "OnDemand" {
                map.next_value_seed(OnDemand {
                    products: &mut *self.products,
                    fault: &mut *self.fault,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `terms.OnDemand`: the terms of kept products are read, the rest skipped.
struct OnDemand<'a> {
    products: &'a mut HashMap<String, Product>,
    fault: &'a mut Option<Fault>,
}

impl<'de> DeserializeSeed<'de> for OnDemand<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnDemand<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms.OnDemand`, a map from SKU to offer terms")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(kept) = map.next_key_seed(KeptSku {
            products: &*self.products,
        })? {
            let Some(sku) = kept else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let terms = map.next_value_seed(ProductTerms {
                sku: &sku,
                fault: &mut *self.fault,
            })?;
            if let Some(product) = self.products.get_mut(&sku) {
                product.terms.extend(terms);
                product.terms.sort_by(|a, b| a.0.cmp(&b.0));
            }
        }
        Ok(())
    }
}

/// A SKU of `terms.OnDemand`: itself if its product is kept, read without
/// copying otherwise.
struct KeptSku<'a> {
    products: &'a HashMap<String, Product>,
}

impl<'de> DeserializeSeed<'de> for KeptSku<'_> {
    type Value = Option<String>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeptSku<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a SKU")
    }

    fn visit_str<E: serde::de::Error>(self, sku: &str) -> Result<Option<String>, E> {
        Ok(self.products.contains_key(sku).then(|| sku.to_string()))
    }
}

/// A kept product's on-demand terms, by offer term code.
struct ProductTerms<'a> {
    sku: &'a str,
    fault: &'a mut Option<Fault>,
}

impl<'de> DeserializeSeed<'de> for ProductTerms<'_> {
    type Value = HashMap<String, Term>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProductTerms<'_> {
    type Value = HashMap<String, Term>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a product's offer terms, a map from offer term code to term")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut terms = HashMap::new();
        while let Some(code) = map.next_key::<String>()? {
            let term = map.next_value_seed(TermSeed {
                sku: self.sku,
                fault: &mut *self.fault,
            })?;
            terms.insert(code, term);
        }
        Ok(terms)
    }
}

/// An offer term: its `priceDimensions`, by rate code.
struct TermSeed<'a> {
    sku: &'a str,
    fault: &'a mut Option<Fault>,
}

impl<'de> DeserializeSeed<'de> for TermSeed<'_> {
    type Value = Term;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Term, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TermSeed<'_> {
    type Value = Term;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an offer term, with `priceDimensions`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Term, A::Error> {
        let mut price_dimensions = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "priceDimensions" {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if price_dimensions.is_some() {
                return Err(A::Error::duplicate_field("priceDimensions"));
            }
            price_dimensions = Some(map.next_value_seed(PriceDimensions {
                sku: self.sku,
                fault: &mut *self.fault,
            })?);
        }
        let price_dimensions =
            price_dimensions.ok_or_else(|| A::Error::missing_field("priceDimensions"))?;
        Ok(Term { price_dimensions })
    }
}

/// A term's `priceDimensions`, by rate code.
struct PriceDimensions<'a> {
    sku: &'a str,
    fault: &'a mut Option<Fault>,
}

impl<'de> DeserializeSeed<'de> for PriceDimensions<'_> {
    type Value = HashMap<String, PriceDimension>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PriceDimensions<'_> {
    type Value = HashMap<String, PriceDimension>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`priceDimensions`, a map from rate code to price dimension")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut dimensions = HashMap::new();
        while let Some(code) = map.next_key::<String>()? {
            let dimension = map.next_value_seed(DimensionSeed {
                sku: self.sku,
                rate_code: &code,
                fault: &mut *self.fault,
            })?;
            dimensions.insert(code, dimension);
        }
        Ok(dimensions)
    }
}

/// A price dimension: its unit, its price in USD and its range.
struct DimensionSeed<'a> {
    sku: &'a str,
    rate_code: &'a str,
    fault: &'a mut Option<Fault>,
}

impl<'de> DeserializeSeed<'de> for DimensionSeed<'_> {
    type Value = PriceDimension;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<PriceDimension, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DimensionSeed<'_> {
    type Value = PriceDimension;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a price dimension, with `unit` and `pricePerUnit`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PriceDimension, A::Error> {
        let DimensionSeed {
            sku,
            rate_code,
            fault,
        } = self;
        let (mut code, mut unit, mut usd, mut begin, mut end) = (None, None, None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let (field, duplicate) = match key.as_str() {
                "rateCode" => ("rateCode", code.replace(map.next_value()?).is_some()),
                "unit" => ("unit", unit.replace(map.next_value()?).is_some()),
                "pricePerUnit" => {
                    let usd_seed = FigureSeed::new(sku, rate_code, "price", fault);
                    let read = map.next_value_seed(PricePerUnit { usd: usd_seed })?;
                    ("pricePerUnit", usd.replace(read).is_some())
                }
                "beginRange" => {
                    let seed = FigureSeed::new(sku, rate_code, "`beginRange`", fault);
                    let read = map.next_value_seed(Optional(seed))?;
                    ("beginRange", begin.replace(read).is_some())
                }
                "endRange" => {
                    let seed = FigureSeed::new(sku, rate_code, "`endRange`", fault);
                    let read = map.next_value_seed(Optional(seed))?;
                    ("endRange", end.replace(read).is_some())
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if duplicate {
                return Err(A::Error::duplicate_field(field));
            }
        }
        Ok(PriceDimension {
            rate_code: code.flatten(),
            unit: unit.ok_or_else(|| A::Error::missing_field("unit"))?,
            usd: usd.ok_or_else(|| A::Error::missing_field("pricePerUnit"))?,
            begin_range: begin.flatten(),
            end_range: end.flatten(),
        })
    }
}

/// `pricePerUnit`: a price by currency, all strings; USD is read, the
/// others checked and dropped.
struct PricePerUnit<'a> {
    usd: FigureSeed<'a>,
}

impl<'de> DeserializeSeed<'de> for PricePerUnit<'_> {
    type Value = Option<Figure>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<Figure>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PricePerUnit<'_> {
    type Value = Option<Figure>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`pricePerUnit`, a map from currency to price")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Figure>, A::Error> {
        let mut seed = Some(self.usd);
        let mut usd = None;
        while let Some(currency) = map.next_key::<String>()? {
            match (currency.as_str(), seed.take()) {
                ("USD", Some(figure)) => usd = Some(map.next_value_seed(figure)?),
                (_, unused) => {
                    seed = unused;
                    map.next_value::<String>()?;
                }
            }
        }
        Ok(usd)
    }
}

/// A figure that may be `null`, as serde reads an `Option`.
struct Optional<'a>(FigureSeed<'a>);

impl<'de> DeserializeSeed<'de> for Optional<'_> {
    type Value = Option<Figure>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<Figure>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Optional<'_> {
    type Value = Option<Figure>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Option<Figure>, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<Figure>, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// A price or a range bound, a string read as a [`Figure`]: one a decimal
/// cannot hold is an error here, where the reader knows its line and
/// column, and its place in the terms is kept as the [`Fault`].
struct FigureSeed<'a> {
    sku: &'a str,
    rate_code: &'a str,
    what: &'static str,
    fault: &'a mut Option<Fault>,
}

impl<'a> FigureSeed<'a> {
    fn new(
        sku: &'a str,
        rate_code: &'a str,
        what: &'static str,
        fault: &'a mut Option<Fault>,
    ) -> Self {
        FigureSeed {
            sku,
            rate_code,
            what,
            fault,
        }
    }
}

impl<'de> DeserializeSeed<'de> for FigureSeed<'_> {
    type Value = Figure;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Figure, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FigureSeed<'_> {
    type Value = Figure;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Figure, E> {
        figure::read(text).map_err(|refused| {
            let error = E::custom(format!("the {} `{text}` {refused}", self.what));
            *self.fault = Some(Fault {
                sku: self.sku.to_string(),
                rate_code: self.rate_code.to_string(),
                what: self.what,
                text: text.to_string(),
                refused,
            });
            error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An offer of `many` products of usage type `MANY`, SKUs `M000000` on
    /// written last first, and one of usage type `ONE`; each with its term.
    fn offer(many: usize, price: &str) -> String {
        let mut products = Vec::new();
        let mut terms = Vec::new();
        let skus = (0..many)
            .rev()
            .map(|i| (format!("M{i:06}"), "MANY"))
            .chain([("ONE".to_string(), "ONE")]);
        for (sku, usage_type) in skus {
            products.push(format!(
                r#""{sku}": {{"attributes": {{"usagetype": "{usage_type}", "regionCode": "r"}}}}"#
            ));
            terms.push(format!(
                r#""{sku}": {{"T": {{"priceDimensions": {{"{sku}.T.R": {{"unit": "Hrs",
                "pricePerUnit": {{"USD": "{price}"}}}}}}}}}}"#
            ));
        }
        format!(
            r#"{{"offerCode": "O", "products": {{{}}}, "terms": {{"OnDemand": {{{}}}}}}}"#,
            products.join(",\n"),
            terms.join(",\n")
        )
    }

    /// Selector 0 takes usage type `MANY`, selector 1 `ONE`.
    fn keep(_: Option<&str>, _: Option<&str>, values: &[Option<String>]) -> Vec<usize> {
        match values[0].as_deref() {
            Some("MANY") => vec![0],
            Some("ONE") => vec![1],
            _ => Vec::new(),
        }
    }

    fn read_text(text: &str) -> Result<Offer, Error> {
        let names = ["usagetype", "regionCode"];
        let selection = Selection {
            attributes: &names,
            keep: &keep,
            selectors: 2,
            region_attribute: 1,
        };
        read(text.as_bytes(), || Ok(text.as_bytes()), &selection)
    }

    #[test]
    fn of_many_products_a_selector_keeps_their_count_and_first_skus_only() {
        let offer = read_text(&offer(20_000, "0.015")).expect("reads");
        let many = &offer.matched[0];
        assert_eq!(many.count, 20_000);
        let first: Vec<String> = (0..MAX_SKUS).map(|i| format!("M{i:06}")).collect();
        assert_eq!(many.skus, first);
        assert_eq!(many.attributes, None);
        // Only the product that alone matches its selector is kept, with
        // its one term; the 20,000 terms of the others are skipped.
        assert_eq!(offer.matched[1].count, 1);
        assert_eq!(offer.products.keys().collect::<Vec<_>>(), ["ONE"]);
        let one = &offer.products["ONE"];
        assert_eq!(
            one.attributes,
            [Some("ONE".to_string()), Some("r".to_string())]
        );
        assert_eq!(one.terms.len(), 1);
    }

    #[test]
    fn a_sku_written_twice_is_one_product() {
        let text = offer(1, "0.015").replacen(
            r#""ONE": {"#,
            r#""M000000": {"attributes": {"usagetype": "MANY", "regionCode": "r"}}, "ONE": {"#,
            1,
        );
        let offer = read_text(&text).expect("reads");
        assert_eq!(offer.matched[0].count, 1);
        assert!(offer.products.contains_key("M000000"));
    }

    #[test]
    fn a_price_a_decimal_cannot_hold_is_a_fault_at_its_place() {
        let error = read_text(&offer(2, "1e-30")).expect_err("refused");
        let fault = error.fault.expect("a fault");
        // Only the terms kept are read: those of `ONE`. The header and the
        // three products take lines 1 to 3, and the terms start on line 3,
        // two lines each, `ONE`'s last: its price is on line 8, after 16
        // spaces and `"pricePerUnit": {"USD": "` (25 characters), so that
        // `1e-30` takes columns 42 to 46 and its closing quote, where the
        // reader is, column 47.
        assert_eq!(
            (fault.sku.as_str(), fault.rate_code.as_str()),
            ("ONE", "ONE.T.R")
        );
        assert_eq!((fault.what, fault.text.as_str()), ("price", "1e-30"));
        assert_eq!(fault.refused, Refused::Small);
        assert_eq!((error.json.line(), error.json.column()), (8, 47));
    }
}
