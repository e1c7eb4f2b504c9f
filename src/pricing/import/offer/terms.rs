//! `terms.OnDemand`, read for the products kept, every figure exactly
//! where it is written.

use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, Visitor};

use super::super::figure::{self, Figure};
use super::types::*;

/// `terms`: only `OnDemand` is read.
pub(super) struct Terms<'a> {
    pub(super) products: &'a mut HashMap<String, Product>,
    pub(super) fault: &'a mut Option<Fault>,
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
pub(super) struct OnDemand<'a> {
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
pub(super) struct KeptSku<'a> {
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
pub(super) struct ProductTerms<'a> {
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
pub(super) struct TermSeed<'a> {
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
pub(super) struct PriceDimensions<'a> {
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
pub(super) struct DimensionSeed<'a> {
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
pub(super) struct PricePerUnit<'a> {
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
pub(super) struct Optional<'a>(FigureSeed<'a>);

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
pub(super) struct FigureSeed<'a> {
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
