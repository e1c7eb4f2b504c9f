//! What a pricing table may hold for one service, as the pricing floor is
//! told it: the service's dimensions, limits, catalogue and offer.

use super::dimension::{Dimension, Limit};
use super::offer::Offer;

/// What a pricing table may hold for one service: a price for each of its
/// dimensions (for its catalogue's dimension, a row a type) and its limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Priced {
    pub service: &'static str,
    pub dimensions: &'static [&'static Dimension],
    pub limits: &'static [&'static Limit],
    /// The dimension priced by type from the table's catalogue
    /// (`[instances.<service>]`), not by `[prices]`.
    pub catalogue: Option<&'static Dimension>,
    /// The AWS Price List offer that prices the service, for `calc pricing
    /// import`.
    pub offer: Option<&'static Offer>,
}

impl Priced {
    /// The service whose catalogue prices `dimension` by type, if one does:
    /// the dimension's own `rows`, or for this service's own catalogue
    /// dimension, this service.
    pub fn catalogue_service(&self, dimension: &Dimension) -> Option<&'static str> {
        dimension
            .rows
            .or_else(|| (self.catalogue == Some(dimension)).then_some(self.service))
    }
}
