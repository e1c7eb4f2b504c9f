//! The numeric core allocates nothing in steady state: a sweep of many
//! what-if points reuses the buffers of the first evaluation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

use calc::base::diagnostic::Source;
use calc::evaluate::Evaluator;
use calc::model::keys::Value;
use calc::scenario::set;
use calc::scenario::{Overrides, parse};
use rust_decimal::Decimal;

/// Counts the allocations each thread makes, so that tests running in
/// parallel do not count each other's.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the
// counter is a const-initialised thread-local, which does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract for `layout` is the same.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above, with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn a_sweep_allocates_nothing_after_its_first_point() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "kinesis-vs-dynamodb.toml",
        "3000-messages-per-second.toml",
        "streaming-real-time-layer.toml",
        "big-data-ingestion.toml",
        "thumbnail-batch.toml",
        "time-series-store.toml",
        "kafka-on-ec2-vs-msk.toml",
    ] {
        let text = std::fs::read_to_string(root.join("scenarios").join(name)).expect("readable");
        let scenario = parse(
            Source::new(name, text),
            &root.join("scenarios"),
            &Overrides::default(),
        )
        .expect("parses");
        let slot = set::resolve(&scenario, "workload.records_per_second").expect("a path");
        let mut values = scenario.params.values.clone();
        let mut evaluator = Evaluator::new(&scenario);
        evaluator.evaluate(&values).expect("evaluates");
        let before = allocations();
        for rate in 1..=200 {
            values[slot] = Value::Number(Decimal::from(rate * 50));
            evaluator.evaluate(&values).expect("evaluates");
        }
        assert_eq!(allocations() - before, 0, "{name} allocated while sweeping");
    }
}
