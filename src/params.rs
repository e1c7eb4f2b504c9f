//! Every value a scenario states, in one vector, each with a path that names
//! it (`workload.records_per_second`,
//! `alternatives[Kinesis].components[stream].consumers`). An evaluation reads
//! the vector, so a what-if changes one value and evaluates again without
//! reading the scenario again.

use std::fmt::Write;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Source, Span};
use crate::fields::Fields;
use crate::keys::{Invalid, Key, Value};

/// Where a value sits in the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Workload,
    /// The component at `component` in the alternative at `alternative`.
    Component {
        alternative: usize,
        component: usize,
    },
}

/// What a value is: its key, its place, and where the scenario wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    pub key: &'static Key,
    pub place: Place,
    /// `None` when the value is the key's default.
    pub span: Option<Span>,
}

/// The values of a scenario and what each is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pub values: Vec<Value>,
    pub info: Vec<Param>,
}

impl Params {
    /// Reads `keys` from `fields` (each as written, else its default) and
    /// returns the slots their values take.
    pub fn read(
        &mut self,
        fields: &mut Fields,
        keys: &'static [&'static Key],
        place: Place,
    ) -> Result<Range<usize>, Diagnostic> {
        let start = self.values.len();
        for key in keys {
            let (value, span) = fields.value(key)?;
            self.values.push(value);
            self.info.push(Param { key, place, span });
        }
        Ok(start..self.values.len())
    }

    /// Where the value in `slot` was written, if it was.
    pub fn span(&self, slot: usize) -> Option<Span> {
        self.info.get(slot).and_then(|p| p.span)
    }

    /// An [`Invalid`] from the values in `slots`, located at its key if the
    /// scenario wrote it, else at the component (`fallback`).
    pub fn locate(
        &self,
        source: &Source,
        slots: Range<usize>,
        invalid: Invalid,
        fallback: Span,
    ) -> Diagnostic {
        let span = invalid
            .key
            .and_then(|key| {
                slots
                    .clone()
                    .find(|&slot| std::ptr::eq(self.info[slot].key, key))
            })
            .and_then(|slot| self.span(slot))
            .unwrap_or(fallback);
        source
            .error(span, invalid.message)
            .with_help_opt(invalid.help)
    }
}

/// The path of a value: `workload.records_per_second`, or
/// `alternatives[NAME].components[ID or INDEX].KEY`.
pub fn path(place: Place, key: &Key, alternative: Option<(&str, Option<&str>)>) -> String {
    let mut path = String::new();
    match (place, alternative) {
        (Place::Workload, _) | (_, None) => path.push_str("workload"),
        (Place::Component { component, .. }, Some((name, id))) => {
            let _ = write!(path, "alternatives[{name}].components[");
            match id {
                Some(id) => path.push_str(id),
                None => {
                    let _ = write!(path, "{component}");
                }
            }
            path.push(']');
        }
    }
    let _ = write!(path, ".{}", key.name);
    path
}
