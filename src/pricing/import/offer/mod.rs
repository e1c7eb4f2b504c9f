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

mod products;
mod terms;
mod types;

pub use types::*;

use std::fmt;
use std::io::Read;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use products::Products;
use terms::Terms;

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

#[cfg(test)]
mod tests;
