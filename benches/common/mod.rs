//! What the benches share: the synthetic documents, a seeded random picker and
//! criterion's settings. Each bench uses some of it.
#![allow(dead_code)]

use std::time::Duration;

use criterion::Criterion;
use stance::model::Document;

#[path = "../../examples/synth.rs"]
pub mod synth;

/// A synthetic document of `nodes` nodes (seed 1), loaded; it must check clean.
pub fn doc(nodes: usize) -> Document {
    let text = synth::generate(nodes, 1, 0.0);
    let loaded = stance::model::load_text("bench.yaml", text);
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    loaded.document.expect("a document")
}

/// SplitMix64, for picking nodes and places to start from.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// Short warm-ups and measurements: the machine is shared and the 100k cases
/// are slow, so `cargo bench` stays within minutes; medians are what is reported.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
