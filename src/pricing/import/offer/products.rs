//! `products`, read one at a time: matched, counted, and kept only when a
//! selector matches it alone.

use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::types::*;

/// `products`: each product is read, matched, counted and dropped; then the
/// products that alone match a selector are set aside for their terms.
pub(super) struct Products<'a> {
    pub(super) selection: &'a Selection<'a>,
    pub(super) offer: &'a mut Offer,
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
            if let Some(row) =
                (selection.rows)(offer.offer_code.as_deref(), family.as_deref(), &attributes)
            {
                offer.rows.entry(row).or_default().add(&sku, &attributes);
            }
        }
        offer.products.clear();
        for matched in offer.matched.iter().chain(offer.rows.values()) {
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
pub(super) struct ProductSeed<'a> {
    selection: &'a Selection<'a>,
}

pub(super) type ProductFields = (Option<String>, Vec<Option<String>>);

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
pub(super) struct Attributes<'a> {
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
pub(super) struct Name<'a> {
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
