//! The flow inside an alternative: which component each consumes, and an
//! order in which each comes after the one it consumes.

use super::checks::check_deliveries;
use super::component::FromId;
use super::design::Component;
use crate::base::diagnostic::{Diagnostic, Source};
use crate::model::flow::From;
use crate::model::keys::Value;

/// Resolves each component's `from` (by default, the component before it)
/// and orders the components so that each comes after the one it consumes.
pub(super) fn link(
    source: &Source,
    components: &mut [Component],
    froms: &[FromId],
    values: &[Value],
) -> Result<Vec<usize>, Diagnostic> {
    for (i, from) in froms.iter().enumerate() {
        components[i].from = match from {
            None if i == 0 => From::Workload,
            None => From::Component(i - 1),
            Some(from) => {
                let found = components
                    .iter()
                    .position(|c| c.id.as_deref() == Some(from.value.as_str()));
                let Some(j) = found else {
                    let ids = components.iter().filter_map(|c| c.id.as_deref());
                    return Err(source
                        .error(
                            from.span,
                            format!("no component has the id `{}`", from.value),
                        )
                        .suggesting(&from.value, ids)
                        .or_help(
                            "give the component it consumes an `id`, e.g. `id = \"stream\"`",
                        ));
                };
                From::Component(j)
            }
        };
    }
    for (i, component) in components.iter().enumerate() {
        if let Some(id) = &component.id
            && components[..i].iter().any(|c| c.id.as_ref() == Some(id))
        {
            return Err(source.error(component.span, format!("two components have the id `{id}`")));
        }
    }
    check_deliveries(source, components, values)?;
    // Each component consumes one other, so following `from` either reaches
    // the workload or comes round again: a cycle.
    let n = components.len();
    let mut depth = vec![0usize; n];
    for (i, d) in depth.iter_mut().enumerate() {
        let mut at = i;
        while let From::Component(j) = components[at].from {
            *d += 1;
            if *d > n {
                let span = froms[i].as_ref().map_or(components[i].span, |f| f.span);
                return Err(source
                    .error(span, "the components consume each other in a circle")
                    .with_help("each component's `from` must lead back to the workload"));
            }
            at = j;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| depth[i]);
    Ok(order)
}
