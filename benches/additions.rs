//! A reader's own nodes at scale: loading a marks file with 10,000 additions
//! (the target: under 100 ms), putting them into the map, and saving them.
//!
//! Also what the reader needs per key at scale: the overlay of 1,000
//! additions on a 100k-node document refreshed after one edit.
//!
//! `cargo bench --bench additions`. The additions are on the built-in article
//! and on a synthetic 10k-node document (`examples/synth.rs`, seed 1): a third
//! claims, a third evidence quoting their paragraph, a third rebuttals; each
//! answers an article node or an earlier addition; a fifth carry a note; the
//! reader agrees with every tenth.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use stance::marks::additions::{AdditionRelation, Draft, with_additions};
use stance::marks::store;
use stance::marks::{Marks, Stance};
use stance::model::{Bilingual, Document, NodeKind, RelationKind};

mod common;
use common::{Rng, doc};

/// `count` additions on `doc` as described in the module's documentation.
fn additions(doc: &Document, count: usize) -> Marks {
    let mut m = Marks::new(doc, Some("ana".into()));
    let mut rng = Rng(7);
    let paragraphs: Vec<(&str, &str)> = doc
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| (p.id.as_str(), p.text(doc.lang)))
        .filter(|(_, t)| t.chars().count() > 12)
        .collect();
    let mut ids: Vec<String> = Vec::with_capacity(count);
    for i in 0..count {
        let kind = NodeKind::ALL[i % 3];
        let mut d = Draft::new(
            kind,
            Bilingual {
                zh: format!("我自己的第 {i} 个论点:一个百来人的团队也能做到"),
                en: format!("My own point number {i}: a small team can do it"),
            },
        );
        if kind == NodeKind::Evidence {
            let (pid, text) = paragraphs[rng.below(paragraphs.len())];
            d.quote = Some(text.chars().take(12).collect());
            d.paragraph = Some(pid.to_string());
        }
        let to = if i > 0 && rng.below(2) == 0 {
            ids[rng.below(ids.len())].clone()
        } else {
            doc.nodes[rng.below(doc.nodes.len())].id.clone()
        };
        d.relations.push(AdditionRelation {
            to,
            kind: if kind == NodeKind::Rebuttal {
                RelationKind::Rebuts
            } else {
                RelationKind::Supports
            },
            link: None,
        });
        if i % 5 == 0 {
            d.note = Some(format!("note {i}: 需要核实"));
        }
        ids.push(m.add_addition(d));
    }
    let overlay = with_additions(doc, &m);
    for id in ids.iter().step_by(10) {
        let i = overlay.doc.node_index(id).expect("placed");
        m.set_stance(&overlay.doc, i, Some(Stance::Agree));
    }
    m
}

fn bench_additions(c: &mut Criterion) {
    let article = stance::model::load_embedded()
        .document
        .expect("the article");
    let synthetic = doc(10_000);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut group = c.benchmark_group("additions");
    group.sample_size(20);
    for (label, doc) in [("article", &article), ("10k-doc", &synthetic)] {
        let marks = additions(doc, 10_000);
        let path = dir.path().join(format!("{label}.marks.json"));
        let text = marks.to_json(doc);
        std::fs::write(&path, &text).expect("write the marks file");
        eprintln!(
            "additions/{label}: a marks file of {} bytes with 10,000 additions",
            text.len()
        );
        // What every command and the reader do first: read the file, parse,
        // check and sanitize it (`store::read`, no lock taken).
        group.bench_function(BenchmarkId::new("load_10k", label), |b| {
            b.iter(|| {
                let opened = store::read(&path, doc, None);
                assert!(opened.problems.is_none());
                black_box(opened.marks)
            })
        });
        // Then the reader's nodes join the map.
        group.bench_function(BenchmarkId::new("overlay_10k", label), |b| {
            b.iter(|| black_box(with_additions(doc, &marks)))
        });
        // And what the writer thread does on each save.
        group.bench_function(BenchmarkId::new("save_json_10k", label), |b| {
            b.iter(|| black_box(marks.snapshot(doc).to_json()))
        });
    }
    // The reader's 1,000 additions laid over a 100k-node document in full
    // (what a command does once; the reader changes only what changed).
    let big = doc(100_000);
    let marks = additions(&big, 1_000);
    group.sample_size(20);
    group.bench_function(BenchmarkId::new("fresh_overlay_1k", "100k-doc"), |b| {
        b.iter(|| black_box(with_additions(&big, &marks)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_additions
}
criterion_main!(benches);
