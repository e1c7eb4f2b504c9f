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
//! `terms.OnDemand` one entry at a time, keep the few products a selection
//! wants (with only the attributes it asks about) and the terms of those
//! products, and skip the rest as they stream by. AWS writes `products`
//! before `terms`; a file in the other order is read twice, the second time
//! for the terms alone, since which terms to keep is only known from the
//! products.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::io::Read;

use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

/// Says which selectors a product (its family, its attributes) matches.
pub type Keep<'a> = dyn Fn(Option<&str>, &[Option<String>]) -> Vec<usize> + 'a;

/// Which products to keep: `keep` is given a product's family and the
/// values of `attributes` (in that order, `None` where the product has no
/// such attribute) and says which of the caller's selectors it matches.
pub struct Selection<'a> {
    pub attributes: &'a [&'a str],
    pub keep: &'a Keep<'a>,
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
    /// The products kept, by SKU.
    pub products: HashMap<String, Product>,
    /// The distinct values of the region attribute, up to [`MAX_REGIONS`].
    pub regions: BTreeSet<String>,
    /// Whether `terms` came before `products`, so that they were skipped.
    pub terms_first: bool,
}

/// At most this many distinct regions are remembered (there are a few dozen).
pub const MAX_REGIONS: usize = 100;

#[derive(Debug)]
pub struct Product {
    /// The selection's attributes, as in [`Selection::attributes`].
    pub attributes: Vec<Option<String>>,
    /// The selectors it matched.
    pub selected: Vec<usize>,
    /// Its on-demand terms, by offer term code.
    pub terms: Vec<(String, Term)>,
}

#[derive(Debug, Deserialize)]
pub struct Term {
    #[serde(rename = "priceDimensions")]
    pub price_dimensions: HashMap<String, PriceDimension>,
}

#[derive(Debug, Deserialize)]
pub struct PriceDimension {
    #[serde(rename = "rateCode")]
    pub rate_code: Option<String>,
    pub unit: String,
    #[serde(rename = "pricePerUnit")]
    pub price_per_unit: HashMap<String, String>,
    #[serde(rename = "beginRange")]
    pub begin_range: Option<String>,
    #[serde(rename = "endRange")]
    pub end_range: Option<String>,
}

/// Reads an offer file: a first pass, and a second one for the terms when
/// the file put them before the products. `reopen` opens the file again.
pub fn read<R: Read>(
    first: R,
    reopen: impl FnOnce() -> std::io::Result<R>,
    selection: &Selection,
) -> Result<Offer, serde_json::Error> {
    let mut offer = Offer::default();
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
) -> Result<(), serde_json::Error> {
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    Document {
        selection,
        offer,
        pass,
    }
    .deserialize(&mut de)?;
    de.end()
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

/// `products`: each product is read, matched and dropped unless selected.
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
        let selection = self.selection;
        while let Some(sku) = map.next_key::<String>()? {
            let (family, attributes) = map.next_value_seed(ProductSeed { selection })?;
            if let Some(region) = &attributes[selection.region_attribute]
                && self.offer.regions.len() < MAX_REGIONS
                && !self.offer.regions.contains(region)
            {
                self.offer.regions.insert(region.clone());
            }
            let selected = (selection.keep)(family.as_deref(), &attributes);
            if !selected.is_empty() {
                self.offer.products.insert(
                    sku,
                    Product {
                        attributes,
                        selected,
                        terms: Vec::new(),
                    },
                );
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
        while let Some(sku) = map.next_key::<String>()? {
            match self.products.get_mut(&sku) {
                Some(product) => {
                    let terms: HashMap<String, Term> = map.next_value()?;
                    let mut terms: Vec<(String, Term)> = terms.into_iter().collect();
                    product.terms.append(&mut terms);
                    product.terms.sort_by(|a, b| a.0.cmp(&b.0));
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}
