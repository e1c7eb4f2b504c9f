//! What `calc pricing import` reads for a service: the AWS Price List offer
//! that prices it, and which of the offer's products prices each dimension.

use super::dimension::Dimension;

/// The AWS Price List offer (its service code) that prices a service, and
/// the products that price its dimensions. A dimension with no mapping is
/// one whose product is not established: it is reported, never guessed.
#[derive(Debug, PartialEq, Eq)]
pub struct Offer {
    /// The offer's code, `AmazonKinesis`.
    pub code: &'static str,
    /// Which of the offer's products are the rows of the service's
    /// catalogue (`[instances.<service>]`), if calc imports them.
    pub catalogue: Option<&'static Catalogue>,
    pub mappings: &'static [Mapping],
}

/// Which products of an offer are the types of a service's catalogue, one
/// product a type: those whose usage type, after the Region's prefix, is
/// `usage_type` followed by the type's name, and whose other attributes are
/// as given. A type more than one product matches is left out, never guessed.
#[derive(Debug, PartialEq, Eq)]
pub struct Catalogue {
    /// The attribute naming the type: `instanceType`.
    pub type_attribute: &'static str,
    /// The usage type up to the type's name: `BoxUsage:`.
    pub usage_type: &'static str,
    /// Attributes the product must have, exactly.
    pub attributes: &'static [(&'static str, &'static str)],
    /// Attributes the product must have, exactly, where it has them at all
    /// (older files lack some).
    pub where_given: &'static [(&'static str, &'static str)],
    /// The attribute giving the type's vCPUs (`"2"`), if any.
    pub vcpu: Option<&'static str>,
    /// The attribute giving the type's memory (`"8 GiB"`), if any.
    pub memory: Option<&'static str>,
    /// The Price List's unit of the type's price: `Hrs`.
    pub offer_unit: &'static str,
}

/// How a product of the offer prices one of the service's dimensions.
#[derive(Debug, PartialEq, Eq)]
pub struct Mapping {
    pub dimension: &'static Dimension,
    /// The product's `usagetype` after the Region's prefix (`USE1-`, `EU-`,
    /// `APN2-`…; us-east-1 often has none), if the mapping names one.
    pub usage_type: Option<&'static str>,
    /// Other attributes the product must have, exactly (`productFamily` is
    /// the product's family).
    pub attributes: &'static [(&'static str, &'static str)],
    /// The offer's units in one of calc's: 1,000,000 when the offer prices
    /// a request and calc a million requests.
    pub factor: u64,
}

impl Mapping {
    /// The product of this usage type.
    pub const fn usage(dimension: &'static Dimension, usage_type: &'static str) -> Self {
        Self {
            dimension,
            usage_type: Some(usage_type),
            attributes: &[],
            factor: 1,
        }
    }

    /// The product with these attributes, whatever its usage type.
    pub const fn attributes(
        dimension: &'static Dimension,
        attributes: &'static [(&'static str, &'static str)],
    ) -> Self {
        Self {
            dimension,
            usage_type: None,
            attributes,
            factor: 1,
        }
    }

    /// The same product, `factor` of the offer's units in one of calc's.
    pub const fn per(self, factor: u64) -> Self {
        Self { factor, ..self }
    }

    /// The same product, which must also have these attributes.
    pub const fn with(self, attributes: &'static [(&'static str, &'static str)]) -> Self {
        Self { attributes, ..self }
    }
}
