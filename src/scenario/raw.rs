//! A scenario file as written, before its keys are read by the
//! declarations that know them.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::fields::Entry;
use crate::base::number::Dec;
use crate::services::{ALL, ServiceDef};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) name: String,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) description: Option<String>,
    pub(super) pricing: Option<Spanned<String>>,
    pub(super) hours_per_month: Option<Spanned<Dec>>,
    #[serde(default)]
    pub(super) free_tier: bool,
    pub(super) rounding: Option<Spanned<String>>,
    pub(super) choice: Option<Spanned<String>>,
    pub(super) workload: Option<Spanned<RawTable>>,
    pub(super) requirements: Option<Spanned<RawTable>>,
    pub(super) growth: Option<Spanned<RawTable>>,
    #[serde(default)]
    pub(super) pricing_overrides: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    pub(super) alternatives: Spanned<Vec<RawAlternative>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlternative {
    pub(super) name: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) description: Option<String>,
    pub(super) max_monthly_cost: Option<Spanned<Dec>>,
    pub(super) components: Spanned<Vec<Spanned<RawComponent>>>,
}

/// A table's keys and values with their places, for the declared keys to
/// read: a component (`EXPECTING` says what one looks like), `[workload]` or
/// `[requirements]`.
pub(super) struct RawEntries<const COMPONENT: bool>(
    pub(super) Vec<(Spanned<String>, Spanned<toml::Value>)>,
);

/// A component, `{ service = "…", … }`.
pub(super) type RawComponent = RawEntries<true>;
/// A plain table of keys.
pub(super) type RawTable = RawEntries<false>;

/// The service examples name: the first one `calc services` lists.
const EXAMPLE: &ServiceDef = ALL[0];

/// How to write a required key a scenario leaves out.
pub(super) fn example(path: &str) -> Option<String> {
    Some(match path {
        "alternatives" => "add an alternative to compare: a `[[alternatives]]` table with \
             `name = \"…\"` and `components = [{ service = \"…\" }]`"
            .to_string(),
        "alternatives.name" => format!("name it for the report: `name = \"{}\"`", EXAMPLE.title),
        "alternatives.components" => format!(
            "add the services it is made of: `components = [{{ service = \"{}\" }}]`",
            EXAMPLE.name
        ),
        _ => return None,
    })
}

impl<'de, const COMPONENT: bool> Deserialize<'de> for RawEntries<COMPONENT> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<const COMPONENT: bool>;

        impl<'de, const COMPONENT: bool> Visitor<'de> for EntriesVisitor<COMPONENT> {
            type Value = RawEntries<COMPONENT>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                if COMPONENT {
                    write!(f, "a table such as {{ service = \"{}\" }}", EXAMPLE.name)
                } else {
                    f.write_str("a table")
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(RawEntries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor::<COMPONENT>)
    }
}

pub(super) fn entries<const COMPONENT: bool>(raw: RawEntries<COMPONENT>) -> Vec<Entry> {
    raw.0
        .into_iter()
        .map(|(key, value)| Entry {
            key_span: key.span().into(),
            key: key.into_inner(),
            value_span: value.span().into(),
            value: value.into_inner(),
        })
        .collect()
}
