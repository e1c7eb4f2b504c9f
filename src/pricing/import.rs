//! `calc pricing import`: a pricing table written from AWS Price List offer
//! files (the Bulk API's JSON), for one region.
//!
//! Each service's [`Offer`] (in the vocabulary a table is read against)
//! says which product of its offer prices each of its dimensions: its usage
//! type (after the region's prefix), any other attribute it must have, and
//! how many of the offer's units make one of calc's. A dimension calc has no mapping for, or whose
//! product is missing, ambiguous or priced in a way calc cannot hold, is
//! left out of the table and listed: never guessed.

mod figure;
mod regions;
mod offer;

pub use regions::BILLING_CODES;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::Vocabulary;
use crate::base::diagnostic::{Diagnostic, io_reason};
use crate::base::number::grouped;
use crate::model::dimension::Dimension;
use crate::model::offer::{Catalogue, Mapping, Offer};

use figure::Figure;

use crate::model::report::MAX_TIERS;

/// What to import.
#[derive(Debug)]
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub region: &'a str,
    /// The usage-type prefixes of the region, over [`BILLING_CODES`].
    pub usage_type_prefix: Option<&'a str>,
}

/// A price found, in calc's unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub key: &'static str,
    pub unit: &'static str,
    pub rate: Rate,
    pub free_per_month: Option<Decimal>,
    pub source: String,
    /// The publication date, YYYY-MM-DD.
    pub as_of: String,
    pub offer_unit: String,
    pub factor: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rate {
    Flat(Decimal),
    /// `(up_to, price)`, the last `up_to` `None` when the offer's last range
    /// is open.
    Tiered(Vec<(Option<Decimal>, Decimal)>),
}

/// Why a dimension of a service in the files is not in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// calc knows no product for it.
    NoMapping,
    /// No product of the region matches its mapping.
    NoProduct { offer: String },
    /// Several do, at different SKUs: `count` of them, the first of which
    /// (up to ten, in order) are `skus`.
    Ambiguous { skus: Vec<String>, count: usize },
    /// The product's terms are not a price calc can hold.
    Unusable { sku: String, why: String },
}

/// A row of a service's catalogue found: a type and its hourly price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Calc's unit, the catalogue dimension's.
    pub unit: &'static str,
    pub vcpu: Option<u32>,
    /// In calc's size syntax: `8 GB` (a GB is 1,024³ bytes, the Price
    /// List's GiB).
    pub memory: Option<String>,
    pub price: Decimal,
    pub source: String,
    /// The publication date, YYYY-MM-DD.
    pub as_of: String,
    pub offer_unit: String,
    /// What the row leaves out of the product, and why.
    pub notes: Vec<String>,
}

/// A catalogue row's key: the service and the type's name.
pub type RowKey = (&'static str, String);

/// An offer file read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferFile {
    pub path: String,
    pub offer_code: String,
    pub version: String,
    pub publication_date: String,
    /// Whether calc models a service it prices.
    pub known: bool,
}

/// What an import found: the prices, and for each dimension of the
/// services whose offers were read, why it is missing.
#[derive(Debug, Default)]
pub struct Imported {
    pub region: String,
    pub files: Vec<OfferFile>,
    pub found: BTreeMap<&'static str, Found>,
    pub missing: BTreeMap<&'static str, Missing>,
    /// The catalogue rows found, by service and type.
    pub rows: BTreeMap<RowKey, Row>,
    /// The types of the Region's products left out of the catalogues, and
    /// why (never [`Missing::NoMapping`] or [`Missing::NoProduct`]).
    pub rows_missing: BTreeMap<RowKey, Missing>,
}

impl Imported {
    /// The latest publication date of the files read.
    pub fn as_of(&self) -> Option<&str> {
        let prices = self.found.values().map(|f| f.as_of.as_str());
        prices
            .chain(self.rows.values().map(|r| r.as_of.as_str()))
            .max()
    }
}

/// Reads each offer file in turn and picks the region's prices.
pub fn import(request: &Request, services: Vocabulary) -> Result<Imported, Diagnostic> {
    let prefixes = prefixes(request)?;
    let selectors = selectors(services);
    let catalogues = catalogues(services);
    let attributes = wanted_attributes(&selectors, &catalogues);
    let mut imported = Imported {
        region: request.region.to_string(),
        ..Imported::default()
    };
    let mut regions_seen = BTreeSet::new();
    let mut region_found = false;
    let mut offers_read = BTreeSet::new();
    for path in request.files {
        let wanted = Wanted {
            region: request.region,
            prefixes: &prefixes,
            names: &attributes,
            selectors: &selectors,
            catalogues: &catalogues,
        };
        let (file, offer) = read_offer(path, &wanted)?;
        region_found |= offer.regions.contains(request.region);
        regions_seen.extend(offer.regions.iter().cloned());
        let as_of = file.publication_date[..10].to_string();
        for (index, selector) in selectors.iter().enumerate() {
            let (mapping, key) = (selector.mapping, selector.mapping.dimension.key);
            if selector.offer != file.offer_code || imported.found.contains_key(key) {
                continue;
            }
            let matched = &offer.matched[index];
            let outcome = match (matched.count, matched.skus.first()) {
                (0, _) | (_, None) => Err(Missing::NoProduct {
                    offer: file.offer_code.clone(),
                }),
                (1, Some(sku)) => match price(mapping, &file, &as_of, sku, &offer.products[sku]) {
                    Ok(found) => Ok(found),
                    Err(Refusal::Unusable(why)) => Err(Missing::Unusable {
                        sku: sku.clone(),
                        why,
                    }),
                    Err(Refusal::Fatal(diagnostic)) => return Err(*diagnostic),
                },
                (count, _) => Err(Missing::Ambiguous {
                    skus: matched.skus.clone(),
                    count,
                }),
            };
            match outcome {
                Ok(found) => {
                    imported.missing.remove(key);
                    imported.found.insert(key, found);
                }
                Err(missing) => {
                    imported.missing.insert(key, missing);
                }
            }
        }
        for ((index, name), matched) in &offer.rows {
            let catalogue = &catalogues[*index];
            let key = (catalogue.service, name.clone());
            if catalogue.offer != file.offer_code || imported.rows.contains_key(&key) {
                continue;
            }
            let outcome = match (matched.count, matched.skus.first()) {
                (1, Some(sku)) => row(catalogue, &file, &as_of, sku, &offer.products[sku], &wanted)
                    .map_err(|why| Missing::Unusable {
                        sku: sku.clone(),
                        why,
                    }),
                (count, _) => Err(Missing::Ambiguous {
                    skus: matched.skus.clone(),
                    count,
                }),
            };
            match outcome {
                Ok(row) => {
                    imported.rows_missing.remove(&key);
                    imported.rows.insert(key, row);
                }
                Err(missing) => {
                    imported.rows_missing.insert(key, missing);
                }
            }
        }
        offers_read.insert(file.offer_code.clone());
        imported.files.push(file);
    }
    if !region_found {
        let seen: Vec<String> = regions_seen.iter().map(|r| format!("`{r}`")).collect();
        let help = if seen.is_empty() {
            "the files' products name no `regionCode`".to_string()
        } else {
            format!("the files' products are in {}", seen.join(", "))
        };
        return Err(Diagnostic::plain(format!(
            "no product in the offer files is in region `{}`",
            request.region
        ))
        .suggesting(request.region, regions_seen.iter().map(String::as_str))
        .or_help(help));
    }
    for service in services.0 {
        let read = service
            .offer
            .is_some_and(|offer| offers_read.contains(offer.code));
        if !read {
            continue;
        }
        let rows_imported = service.offer.is_some_and(|offer| offer.catalogue.is_some());
        for dimension in service.dimensions {
            // A catalogue's dimension is priced by its rows.
            let by_rows = rows_imported && service.catalogue == Some(*dimension);
            if !by_rows && !imported.found.contains_key(dimension.key) {
                imported
                    .missing
                    .entry(dimension.key)
                    .or_insert(Missing::NoMapping);
            }
        }
    }
    Ok(imported)
}

/// The usage-type prefixes of the requested region.
fn prefixes(request: &Request) -> Result<Vec<String>, Diagnostic> {
    let mut prefixes = vec![request.region.to_string()];
    if let Some(prefix) = request.usage_type_prefix {
        prefixes.push(prefix.to_string());
        return Ok(prefixes);
    }
    let codes = BILLING_CODES
        .iter()
        .find(|(region, _)| *region == request.region)
        .map(|(_, codes)| *codes)
        .ok_or_else(|| {
            Diagnostic::plain(format!(
                "calc does not know the usage-type prefix of region `{}`",
                request.region
            ))
            .suggesting(request.region, BILLING_CODES.iter().map(|(r, _)| *r))
            .or_help(
                "give it with `--usage-type-prefix` (AWS's billing code for the Region, such as `USE2`)",
            )
        })?;
    prefixes.extend(codes.iter().map(|c| (*c).to_string()));
    Ok(prefixes)
}

/// One product a mapping selects, with the code of its offer.
struct Selector {
    offer: &'static str,
    mapping: &'static Mapping,
}

/// Every mapping of every service's offer, in the services' order.
fn selectors(services: Vocabulary) -> Vec<Selector> {
    services
        .0
        .iter()
        .filter_map(|service| service.offer)
        .flat_map(|offer: &'static Offer| {
            offer.mappings.iter().map(|mapping| Selector {
                offer: offer.code,
                mapping,
            })
        })
        .collect()
}

/// The products of an offer that are a service's catalogue rows.
struct CatalogueSelector {
    offer: &'static str,
    service: &'static str,
    dimension: &'static Dimension,
    catalogue: &'static Catalogue,
}

/// Every catalogue calc imports, in the services' order.
fn catalogues(services: Vocabulary) -> Vec<CatalogueSelector> {
    services
        .0
        .iter()
        .filter_map(|service| {
            let offer = service.offer?;
            Some(CatalogueSelector {
                offer: offer.code,
                service: service.service,
                dimension: service.catalogue?,
                catalogue: offer.catalogue?,
            })
        })
        .collect()
}

/// The attributes the mappings and catalogues look at; `usagetype` first,
/// `regionCode` last.
fn wanted_attributes(
    selectors: &[Selector],
    catalogues: &[CatalogueSelector],
) -> Vec<&'static str> {
    let mut names = vec!["usagetype"];
    let mapped = selectors
        .iter()
        .flat_map(|s| s.mapping.attributes.iter().map(|(name, _)| *name));
    let catalogued = catalogues.iter().flat_map(|c| {
        let c = c.catalogue;
        let exact = c.attributes.iter().chain(c.where_given);
        [c.type_attribute]
            .into_iter()
            .chain(exact.map(|(name, _)| *name))
            .chain(c.vcpu)
            .chain(c.memory)
    });
    for name in mapped.chain(catalogued) {
        if name != "productFamily" && !names.contains(&name) {
            names.push(name);
        }
    }
    names.push("regionCode");
    names
}

/// What to take from each offer file: the Region's products that the
/// mappings and catalogues select.
struct Wanted<'a> {
    region: &'a str,
    prefixes: &'a [String],
    names: &'a [&'static str],
    selectors: &'a [Selector],
    catalogues: &'a [CatalogueSelector],
}

impl Wanted<'_> {
    fn value<'v>(&self, values: &'v [Option<String>], name: &str) -> Option<&'v str> {
        let index = self.names.iter().position(|n| *n == name)?;
        values[index].as_deref()
    }

    /// The catalogue row a product of the Region is, if any: its
    /// catalogue's index and its type.
    fn row(&self, offer_code: Option<&str>, values: &[Option<String>]) -> Option<(usize, String)> {
        self.catalogues
            .iter()
            .enumerate()
            .filter(|(_, c)| offer_code.is_none_or(|code| code == c.offer))
            .find_map(|(index, CatalogueSelector { catalogue, .. })| {
                let exact = catalogue
                    .attributes
                    .iter()
                    .all(|(attribute, value)| self.value(values, attribute) == Some(*value));
                let where_given = catalogue.where_given.iter().all(|(attribute, value)| {
                    self.value(values, attribute).is_none_or(|v| v == *value)
                });
                if !exact || !where_given {
                    return None;
                }
                let name = self.value(values, catalogue.type_attribute)?;
                let usage_type = self.value(values, "usagetype")?;
                let wanted = format!("{}{name}", catalogue.usage_type);
                usage_type_is(usage_type, &wanted, self.prefixes).then(|| (index, name.to_string()))
            })
    }
}

/// Whether `usage_type` is `suffix`, bare or after one of the Region's
/// prefixes.
fn usage_type_is(usage_type: &str, suffix: &str, prefixes: &[String]) -> bool {
    let prefixed = usage_type
        .strip_suffix(suffix)
        .and_then(|rest| rest.strip_suffix('-'))
        .is_some_and(|prefix| prefixes.iter().any(|p| p == prefix));
    usage_type == suffix || prefixed
}

/// Whether a product of `region` is the one `mapping` names.
fn matches(
    mapping: &Mapping,
    family: Option<&str>,
    names: &[&str],
    values: &[Option<String>],
    prefixes: &[String],
) -> bool {
    let value = |name: &str| -> Option<&str> {
        if name == "productFamily" {
            return family;
        }
        let index = names.iter().position(|n| *n == name)?;
        values[index].as_deref()
    };
    if let Some(suffix) = mapping.usage_type {
        let Some(usage_type) = value("usagetype") else {
            return false;
        };
        if !usage_type_is(usage_type, suffix, prefixes) {
            return false;
        }
    }
    mapping
        .attributes
        .iter()
        .all(|(name, wanted)| value(name) == Some(*wanted))
}

fn read_offer(path: &Path, wanted: &Wanted) -> Result<(OfferFile, offer::Offer), Diagnostic> {
    let Wanted {
        region,
        prefixes,
        names,
        selectors,
        ..
    } = *wanted;
    let name = path.display().to_string();
    let region_index = names.len() - 1;
    // Once the file has said which offer it is (AWS writes `offerCode`
    // first), only that offer's mappings select its products.
    let keep =
        |offer_code: Option<&str>, family: Option<&str>, values: &[Option<String>]| -> Vec<usize> {
            if values[region_index].as_deref() != Some(region) {
                return Vec::new();
            }
            selectors
                .iter()
                .enumerate()
                .filter(|(_, s)| offer_code.is_none_or(|code| code == s.offer))
                .filter(|(_, s)| matches(s.mapping, family, names, values, prefixes))
                .map(|(i, _)| i)
                .collect()
        };
    let rows = |offer_code: Option<&str>, _: Option<&str>, values: &[Option<String>]| {
        if values[region_index].as_deref() != Some(region) {
            return None;
        }
        wanted.row(offer_code, values)
    };
    let selection = offer::Selection {
        attributes: names,
        keep: &keep,
        selectors: selectors.len(),
        rows: &rows,
        region_attribute: region_index,
    };
    let file = crate::base::files::open_stream(path, "offer file ")?;
    let reopen = || {
        crate::base::files::open_stream(path, "offer file ")
            .map_err(|d| std::io::Error::other(d.message))
    };
    let offer = offer::read(file, reopen, &selection).map_err(|e| malformed(&name, &e))?;
    let required = |value: &Option<String>, field: &str| {
        value.clone().ok_or_else(|| {
            Diagnostic::plain(format!(
                "`{name}` is not an AWS Price List offer file: it has no `{field}`"
            ))
        })
    };
    let offer_code = required(&offer.offer_code, "offerCode")?;
    let version = required(&offer.version, "version")?;
    let publication_date = required(&offer.publication_date, "publicationDate")?;
    for (present, field) in [(offer.has_products, "products"), (offer.has_terms, "terms")] {
        if !present {
            return Err(Diagnostic::plain(format!(
                "`{name}` is not an AWS Price List offer file: it has no `{field}`"
            )));
        }
    }
    if !publication_date
        .get(..10)
        .is_some_and(crate::base::dates::is_date)
    {
        return Err(Diagnostic::plain(format!(
            "`{name}`: `publicationDate` `{publication_date}` does not start with a date YYYY-MM-DD"
        )));
    }
    let known = selectors.iter().any(|s| s.offer == offer_code)
        || wanted.catalogues.iter().any(|c| c.offer == offer_code);
    let file = OfferFile {
        path: name,
        offer_code,
        version,
        publication_date,
        known,
    };
    Ok((file, offer))
}

/// A JSON error, or a figure calc cannot carry, placed in the file by line
/// and column.
fn malformed(name: &str, error: &offer::Error) -> Diagnostic {
    let offer::Error { json: error, fault } = error;
    if error.is_io() {
        let reason =
            std::io::Error::from(error.io_error_kind().unwrap_or(std::io::ErrorKind::Other));
        return Diagnostic::plain(format!(
            "cannot read offer file `{name}`: {}",
            io_reason(&reason)
        ));
    }
    let text = error.to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&place).unwrap_or(&text);
    let mut diagnostic = Diagnostic::plain(match fault {
        Some(fault) => format!(
            "`{name}`: the {} `{}` of SKU `{}`, rate code `{}`, {}",
            fault.what,
            excerpt(&fault.text),
            excerpt(&fault.sku),
            excerpt(&fault.rate_code),
            fault.refused
        ),
        None => format!("`{name}` is not a valid AWS Price List offer file: {message}"),
    });
    diagnostic.file = Some(format!("{name}:{}:{}", error.line(), error.column()));
    diagnostic
}

/// Why a product's terms give no price.
enum Refusal {
    /// Not a price calc can hold: the dimension is listed as missing.
    Unusable(String),
    /// A figure exact decimal arithmetic cannot carry into calc's unit.
    Fatal(Box<Diagnostic>),
}

impl From<String> for Refusal {
    fn from(why: String) -> Self {
        Refusal::Unusable(why)
    }
}

impl From<&str> for Refusal {
    fn from(why: &str) -> Self {
        Refusal::Unusable(why.to_string())
    }
}

/// A price range of a term, as read.
struct Range<'a> {
    begin: Decimal,
    end: Option<Decimal>,
    price: Decimal,
    /// The price dimension's key.
    code: &'a str,
    /// Its `rateCode`, as the table's source names it.
    rate_code: &'a str,
    unit: &'a str,
}

/// The product's on-demand price, in calc's unit, or why it is not one.
fn price(
    mapping: &Mapping,
    file: &OfferFile,
    as_of: &str,
    sku: &str,
    product: &offer::Product,
) -> Result<Found, Refusal> {
    let dimension = mapping.dimension;
    let ranges = ranges(product)?;
    let convert = Conversion {
        factor: Decimal::from(mapping.factor),
        times: grouped(&mapping.factor.to_string()),
        path: &file.path,
        sku,
        unit: dimension.unit,
    };
    let mut rest = ranges.as_slice();
    let mut free_per_month = None;
    if let [free @ Range { end: Some(end), .. }, next, ..] = rest
        && free.price.is_zero()
        && !next.price.is_zero()
    {
        free_per_month = Some(convert.bound(free, *end)?);
        rest = &rest[1..];
    }
    let rate = match rest {
        [range @ Range { end: None, .. }] => Rate::Flat(convert.price(range)?),
        tiers if tiers.len() <= MAX_TIERS => Rate::Tiered(
            tiers
                .iter()
                .map(|range| {
                    let up_to = range.end.map(|end| convert.bound(range, end)).transpose()?;
                    Ok((up_to, convert.price(range)?))
                })
                .collect::<Result<_, Refusal>>()?,
        ),
        tiers => {
            return Err(format!(
                "it has {} price tiers, more than the {MAX_TIERS} calc holds",
                tiers.len()
            )
            .into());
        }
    };
    Ok(Found {
        key: dimension.key,
        unit: dimension.unit,
        rate,
        free_per_month,
        source: source(file, &ranges, product),
        as_of: as_of.to_string(),
        offer_unit: ranges[0].unit.to_string(),
        factor: mapping.factor,
    })
}

/// How an offer's figures become calc's: the conversion is exact, or an
/// error, since a bound that would be rounded, or a price that would
/// overflow, is not a price.
struct Conversion<'a> {
    /// The offer's units in one of calc's.
    factor: Decimal,
    /// The factor as the error says it.
    times: String,
    path: &'a str,
    sku: &'a str,
    /// Calc's unit.
    unit: &'a str,
}

impl Conversion<'_> {
    /// A range's bound in calc's unit.
    fn bound(&self, range: &Range, bound: Decimal) -> Result<Decimal, Refusal> {
        bound
            .checked_div(self.factor)
            .filter(|quotient| quotient.checked_mul(self.factor) == Some(bound))
            .map(|quotient| quotient.normalize())
            .ok_or_else(|| {
                let refused = if bound.checked_div(self.factor).is_some_and(|q| q.is_zero()) {
                    figure::Refused::Small
                } else {
                    figure::Refused::Digits
                };
                self.cannot(
                    range,
                    format!("`endRange` `{}`", bound.normalize()),
                    format!("divided by {}", self.times),
                    refused,
                )
            })
    }

    /// A range's price per calc's unit.
    fn price(&self, range: &Range) -> Result<Decimal, Refusal> {
        range
            .price
            .checked_mul(self.factor)
            .filter(|product| product.checked_div(self.factor) == Some(range.price))
            .map(|product| product.normalize())
            .ok_or_else(|| {
                self.cannot(
                    range,
                    format!("price `{}`", range.price.normalize()),
                    format!("times {}", self.times),
                    figure::Refused::Large,
                )
            })
    }

    fn cannot(
        &self,
        range: &Range,
        what: String,
        how: String,
        refused: figure::Refused,
    ) -> Refusal {
        Refusal::Fatal(Box::new(Diagnostic::plain(format!(
            "`{}`: the {what} of SKU `{}`, rate code `{}`, {how} for calc's `{}`, {refused}",
            self.path,
            excerpt(self.sku),
            excerpt(range.code),
            self.unit,
        ))))
    }
}

/// Where an imported price comes from, down to its rate codes.
fn source(file: &OfferFile, ranges: &[Range], product: &offer::Product) -> String {
    let codes: Vec<&str> = ranges.iter().map(|r| r.rate_code).collect();
    let usage_type = product.attributes[0].as_deref().unwrap_or("(none)");
    format!(
        "AWS Price List, {}, version {}, published {}, rate code{} {}, usage type {}",
        file.offer_code,
        file.version,
        file.publication_date,
        if codes.len() == 1 { "" } else { "s" },
        codes.join(", "),
        usage_type
    )
}

/// A catalogue row from the one product of its type: one flat price in the
/// catalogue's unit, its vCPUs and memory where calc reads them.
fn row(
    selector: &CatalogueSelector,
    file: &OfferFile,
    as_of: &str,
    sku: &str,
    product: &offer::Product,
    wanted: &Wanted,
) -> Result<Row, String> {
    let catalogue = selector.catalogue;
    let name = wanted
        .value(&product.attributes, catalogue.type_attribute)
        .unwrap_or_default();
    if !type_name(name) {
        return Err(format!(
            "its type `{}` is not a name calc reads (letters, digits, `.`, `-`, `_`)",
            excerpt(name)
        ));
    }
    let ranges = ranges(product).map_err(|refusal| match refusal {
        Refusal::Unusable(why) => why,
        Refusal::Fatal(diagnostic) => diagnostic.message,
    })?;
    let [range @ Range { end: None, .. }] = ranges.as_slice() else {
        return Err(format!(
            "it has {} price ranges, not the one flat rate a type's row holds",
            ranges.len()
        ));
    };
    if range.unit != catalogue.offer_unit {
        return Err(format!(
            "it is priced per `{}`, not per `{}`",
            excerpt(range.unit),
            catalogue.offer_unit
        ));
    }
    if range.price.is_zero() {
        return Err("it is priced 0".to_string());
    }
    let mut notes = Vec::new();
    let vcpu = catalogue.vcpu.and_then(|attribute| {
        let text = wanted.value(&product.attributes, attribute)?;
        let vcpu = text.parse::<u32>().ok().filter(|v| (1..=1_024).contains(v));
        if vcpu.is_none() {
            notes.push(format!(
                "The Price List gives its `{attribute}` as `{}`, not a number of vCPUs: the row leaves it out.",
                excerpt(text)
            ));
        }
        vcpu
    });
    let memory = catalogue.memory.and_then(|attribute| {
        let text = wanted.value(&product.attributes, attribute)?;
        let memory = memory(text);
        if memory.is_none() {
            notes.push(format!(
                "The Price List gives its `{attribute}` as `{}`, not a size in GiB: the row leaves it out.",
                excerpt(text)
            ));
        }
        memory
    });
    let usage_type = product.attributes[0].as_deref().unwrap_or("(none)");
    Ok(Row {
        unit: selector.dimension.unit,
        vcpu,
        memory,
        price: range.price.normalize(),
        source: format!(
            "AWS Price List, {}, version {}, published {}, SKU {sku}, rate code {}, usage type {usage_type}",
            file.offer_code, file.version, file.publication_date, range.rate_code
        ),
        as_of: as_of.to_string(),
        offer_unit: range.unit.to_string(),
        notes,
    })
}

/// Whether a table reads `name` as a type's: letters, digits, `.`, `-`
/// and `_`, at most 64 of them.
fn type_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// The Price List's memory (`16 GiB`, `1,952 GiB`, `0.5 GiB`) in calc's
/// size syntax, whose GB is the Price List's GiB (`16 GB`); `None` for
/// anything else (`NA`).
fn memory(text: &str) -> Option<String> {
    let figure = text.strip_suffix(" GiB")?;
    let digits: String = figure.chars().filter(|c| *c != ',').collect();
    let grouped_right = figure
        .split(',')
        .skip(1)
        .all(|group| group.len() == 3 && group.chars().all(|c| c.is_ascii_digit()));
    if !grouped_right
        || digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let size = format!("{} GB", digits.parse::<Decimal>().ok()?.normalize());
    match size.parse::<crate::base::units::Bytes>() {
        Ok(bytes) if bytes.0 > 0 => Some(size),
        _ => None,
    }
}

/// The price ranges of a product's one on-demand term, from 0, in order:
/// priced in USD, in one unit, each starting where the one before ends.
fn ranges(product: &offer::Product) -> Result<Vec<Range<'_>>, Refusal> {
    let term = match product.terms.as_slice() {
        [] => return Err("it has no on-demand term".into()),
        [(_, term)] => term,
        several => {
            return Err(
                format!("it has {} on-demand terms, calc expects one", several.len()).into(),
            );
        }
    };
    let mut ranges = Vec::new();
    for (code, offered) in &term.price_dimensions {
        let usd = offered
            .usd
            .as_ref()
            .ok_or_else(|| format!("rate code `{}` has no price in USD", excerpt(code)))?;
        let begin = match &offered.begin_range {
            None => Decimal::ZERO,
            Some(figure) => number(figure)?
                .ok_or_else(|| format!("rate code `{}` begins at `Inf`", excerpt(code)))?,
        };
        let end = offered
            .end_range
            .as_ref()
            .map(number)
            .transpose()?
            .flatten();
        let price =
            number(usd)?.ok_or_else(|| format!("rate code `{}` costs `Inf`", excerpt(code)))?;
        if price.is_sign_negative() && !price.is_zero() {
            return Err(format!("rate code `{}` has a negative price", excerpt(code)).into());
        }
        ranges.push(Range {
            begin,
            end,
            price,
            code,
            rate_code: offered.rate_code.as_deref().unwrap_or(code),
            unit: &offered.unit,
        });
    }
    ranges.sort_by(|a, b| {
        a.begin
            .cmp(&b.begin)
            .then_with(|| a.rate_code.cmp(b.rate_code))
    });
    let Some(first) = ranges.first() else {
        return Err("its on-demand term has no price dimension".into());
    };
    if ranges.iter().any(|r| r.unit != first.unit) {
        return Err("its price dimensions are in different units".into());
    }
    let mut expected = Decimal::ZERO;
    for (i, range) in ranges.iter().enumerate() {
        let last = i + 1 == ranges.len();
        let gap_or_overlap = range.begin != expected;
        let empty = range.end.is_some_and(|end| end <= range.begin);
        if gap_or_overlap || empty || (range.end.is_none() && !last) {
            return Err("its price ranges do not follow one another from 0".into());
        }
        expected = range.end.unwrap_or(expected);
    }
    Ok(ranges)
}

/// A range bound or price as read: `None` for `Inf`.
fn number(figure: &Figure) -> Result<Option<Decimal>, String> {
    match figure {
        Figure::Number(value) => Ok(Some(*value)),
        Figure::Inf => Ok(None),
        Figure::Text(text) => Err(format!("`{}` is not a number", excerpt(text))),
    }
}

/// Text from an offer file as a message quotes it: at most 64 characters,
/// then `…`, since a key or a figure may be megabytes long.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
