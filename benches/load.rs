//! Loading and validating documents of 1k, 10k and 100k nodes, beside the floor:
//! a bare parse of the same text by the same YAML library (serde-saphyr, with the
//! budgets stance sets) into `serde::de::IgnoredAny`, which builds nothing.
//!
//! `cargo bench --bench load`. The documents come from `examples/synth.rs`
//! (seed 1), generated in memory. A case whose single probe run takes longer
//! than `STANCE_BENCH_PROBE_LIMIT` seconds (default 6) is not handed to
//! criterion (its minimum of 11 runs would take minutes): the probe's time is
//! printed instead, marked `probe`. Set `STANCE_BENCH_PROBE_LIMIT=1000` to
//! measure everything with criterion regardless.
//!
//! The target is a ratio (load at most 1.3x the floor), and on a shared machine
//! two criterion groups measured a minute apart see different neighbours. So
//! the ratio is also measured in pairs, floor then load on the same text back
//! to back, and the median of the pairs' ratios is printed as
//! `load/paired_ratio/<size>` (31, 21, 7 and 3 pairs for the article, 1k, 10k
//! and 100k).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

mod common;
use common::synth;

/// The options `src/model/yaml.rs` parses with, so the floor has the same budgets.
fn stance_options(text: &str) -> serde_saphyr::Options {
    let scaled = text.len().saturating_add(1_000);
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
            max_events: scaled.max(1_000_000),
            max_nodes: scaled.max(250_000),
            max_documents: 1,
            max_total_scalar_bytes: scaled.saturating_add(1024 * 1024),
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_alias_expansions_per_anchor: 1_000,
        },
        strict_booleans: true,
    }
}

fn floor(text: &str) {
    let parsed: serde::de::IgnoredAny =
        serde_saphyr::from_str_with_options(text, stance_options(text)).expect("the floor parses");
    black_box(parsed);
}

fn load(text: &str) {
    let loaded = stance::model::load_text("bench.yaml", text.to_string());
    assert!(
        !loaded.report.has_errors(),
        "the synthetic document has errors:\n{}",
        loaded.report
    );
    black_box(loaded);
}

fn probe_limit() -> Duration {
    let secs = std::env::var("STANCE_BENCH_PROBE_LIMIT")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(6.0);
    Duration::from_secs_f64(secs)
}

fn bench_load(c: &mut Criterion) {
    let limit = probe_limit();
    let embedded = include_str!("../content/deepseek.yaml");
    // The built-in article's figures are YAML files of their own (assets/figures/),
    // parsed whenever the article loads; its floor parses them too.
    let figures: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/figures"))
            .expect("assets/figures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .map(|p| std::fs::read_to_string(p).expect("a figure file"))
            .collect();
    let bytes = embedded.len() + figures.iter().map(String::len).sum::<usize>();
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("floor", "article"), |b| {
        b.iter(|| {
            floor(embedded);
            for f in &figures {
                floor(f);
            }
        })
    });
    // What every command without a file does first: `stance::model::load_embedded`.
    group.bench_function(BenchmarkId::new("load_text", "article"), |b| {
        b.iter(|| {
            let loaded = stance::model::load_embedded();
            assert!(!loaded.report.has_errors(), "{}", loaded.report);
            black_box(loaded)
        })
    });
    for (label, nodes) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let text = synth::generate(nodes, 1, 0.0);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if nodes >= 100_000 {
            group.sample_size(10);
            group.sampling_mode(SamplingMode::Flat);
            group.warm_up_time(Duration::from_millis(1));
            group.measurement_time(Duration::from_secs(20));
        } else if nodes >= 10_000 {
            group.sample_size(10);
            group.sampling_mode(SamplingMode::Flat);
        }
        for (name, f) in [("floor", floor as fn(&str)), ("load_text", load)] {
            let start = Instant::now();
            f(&text);
            let once = start.elapsed();
            if once > limit {
                println!(
                    "load/{name}/{label}: probe {:.3} s for one run ({:.1} MB), over the {:.0} s limit: not run under criterion",
                    once.as_secs_f64(),
                    text.len() as f64 / 1e6,
                    limit.as_secs_f64()
                );
                continue;
            }
            group.bench_function(BenchmarkId::new(name, label), |b| b.iter(|| f(&text)));
        }
    }
    // Authors may leave `paragraphs:` out and let stance find the quote's
    // paragraph: 1% of the article nodes of a 10k-node document do here.
    let text = synth::generate(10_000, 1, 0.01);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(1));
    group.bench_function(BenchmarkId::new("load_text_1pct_unplaced", "10k"), |b| {
        b.iter(|| load(&text))
    });
    group.finish();

    for (label, nodes, pairs) in [
        ("article", 0, 31),
        ("1k", 1_000, 21),
        ("10k", 10_000, 7),
        ("100k", 100_000, 3),
    ] {
        let text = if nodes == 0 {
            embedded.to_string()
        } else {
            synth::generate(nodes, 1, 0.0)
        };
        let mut ratios = Vec::with_capacity(pairs);
        let mut floors = Vec::with_capacity(pairs);
        let mut loads = Vec::with_capacity(pairs);
        for _ in 0..pairs {
            let start = Instant::now();
            floor(&text);
            if nodes == 0 {
                for f in &figures {
                    floor(f);
                }
            }
            let f = start.elapsed().as_secs_f64();
            let start = Instant::now();
            load(&text);
            let l = start.elapsed().as_secs_f64();
            ratios.push(l / f);
            floors.push(f);
            loads.push(l);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        println!(
            "load/paired_ratio/{label}: load_text / floor = {:.2} (median of {pairs} pairs; medians: floor {:.2} ms, load_text {:.2} ms; {:.2} MB)",
            median(&mut ratios),
            median(&mut floors) * 1e3,
            median(&mut loads) * 1e3,
            text.len() as f64 / 1e6
        );
    }

    // Re-opening a large unchanged file: what `stance` does with a file of 4 MiB
    // or more once it has loaded clean (stance::model::cache): hash the text,
    // read the entry back with serde_json, rebuild the index, check it holds
    // together. Three runs after the one that writes the entry; their median.
    for (label, nodes) in [("10k", 10_000), ("100k", 100_000)] {
        let text = synth::generate(nodes, 1, 0.0);
        let dir = tempfile::tempdir().expect("a temporary cache directory");
        let cache = stance::model::cache::Cache::in_dir(dir.path());
        let through_cache = || {
            let loaded = cache.load("bench.yaml", text.clone(), stance::model::load_text);
            assert!(!loaded.report.has_errors(), "{}", loaded.report);
            black_box(loaded);
        };
        let start = Instant::now();
        through_cache();
        let first = start.elapsed().as_secs_f64();
        let mut reopens: Vec<f64> = (0..3)
            .map(|_| {
                let start = Instant::now();
                through_cache();
                start.elapsed().as_secs_f64()
            })
            .collect();
        reopens.sort_by(f64::total_cmp);
        println!(
            "load/cache/{label}: first load and write {:.2} ms; re-open from the cache {:.2} ms (median of 3; {:.2} MB)",
            first * 1e3,
            reopens[1] * 1e3,
            text.len() as f64 / 1e6
        );
    }
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_load
}
criterion_main!(benches);
