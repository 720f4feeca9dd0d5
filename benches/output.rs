//! Writing things out: saving 10,000 marks, merging 30 class files, exporting
//! marks, `stance graph` in every format (JSON, Argdown, AIF, DOT, Kialo), the
//! HTML page, and importing a 3,000-claim Kialo discussion.
//!
//! `cargo bench --bench output`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use stance::marks::class;
use stance::marks::export::{self, ExportFormat};
use stance::marks::store::write_atomic;
use stance::marks::{Marks, MarksFile, Snapshot, Stance};
use stance::model::Document;

mod common;
use common::{Rng, doc};

/// A function writing a document in one format.
type Export = fn(&Document) -> String;

/// `count` marks on distinct nodes among the first `among` of `doc`, a fifth with a note.
fn marks(doc: &Document, reader: &str, count: usize, among: usize, seed: u64) -> Marks {
    let mut m = Marks::new(doc, Some(reader.to_string()));
    let mut rng = Rng(seed);
    let among = among.min(doc.nodes.len());
    let mut picked = vec![false; among];
    let mut placed = 0;
    while placed < count.min(among) {
        let i = rng.below(among);
        if picked[i] {
            continue;
        }
        picked[i] = true;
        placed += 1;
        let stance = [Stance::Agree, Stance::Dispute, Stance::Unsure][rng.below(3)];
        m.set_stance(doc, i, Some(stance));
        if rng.below(5) == 0 {
            m.set_note(
                doc,
                i,
                "这一点需要核实:the article gives no source for this figure.",
            );
        }
    }
    m
}

fn bench_marks_save(c: &mut Criterion, label: &str, doc: &Document) {
    let m = marks(doc, "ana", 10_000, doc.nodes.len(), 1);
    assert_eq!(m.by_node.len(), 10_000.min(doc.nodes.len()));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bench.marks.json");
    let json = m.to_json(doc);
    let mut group = c.benchmark_group("save_10k_marks");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function(BenchmarkId::new("to_json", label), |b| {
        b.iter(|| black_box(m.to_json(doc)))
    });
    group.bench_function(BenchmarkId::new("write_atomic", label), |b| {
        b.iter(|| write_atomic(&path, json.as_bytes()).expect("saved"))
    });
    group.bench_function(BenchmarkId::new("to_json+write_atomic", label), |b| {
        b.iter(|| write_atomic(&path, m.to_json(doc).as_bytes()).expect("saved"))
    });
    // What a save costs the input path now: the snapshot handed to the writer
    // thread (marks in file order, cloned), and handing it over.
    group.bench_function(BenchmarkId::new("snapshot", label), |b| {
        b.iter(|| black_box(m.snapshot(doc)))
    });
    group.bench_function(BenchmarkId::new("to_file", label), |b| {
        b.iter(|| black_box(m.to_file(doc)))
    });
    group.bench_function(BenchmarkId::new("Marks::clone", label), |b| {
        b.iter(|| black_box(m.clone()))
    });
    bench_writer(&mut group, label, doc, &m);
    // What the writer thread does with a snapshot.
    let snapshot = m.snapshot(doc);
    group.bench_function(BenchmarkId::new("Snapshot::to_json", label), |b| {
        b.iter(|| black_box(snapshot.to_json()))
    });
    group.finish();

    // On every frame, the status line counts the marks and the orphans.
    let mut group = c.benchmark_group("status_line_10k_marks");
    group.sample_size(20);
    group.bench_function(BenchmarkId::new("marked_count+orphans", label), |b| {
        b.iter(|| black_box(m.marked_count(doc) + m.orphans(doc).count()))
    });
    group.finish();

    let mut group = c.benchmark_group("marks_digest");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("digest", label), |b| {
        b.iter(|| black_box(stance::marks::digest(doc)))
    });
    group.finish();
}

/// The snapshot and the hand-over to a writer thread whose sink does nothing:
/// the whole cost of a save on the input path.
fn bench_writer(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    label: &str,
    doc: &Document,
    m: &Marks,
) {
    let mut writer = stance::marks::writer::Writer::new(|_: Snapshot| Ok(()));
    group.bench_function(BenchmarkId::new("snapshot+submit", label), |b| {
        b.iter(|| writer.submit(m.snapshot(doc)))
    });
    black_box(writer.finish());
}

fn bench_merge(c: &mut Criterion, label: &str, doc: &Document, per_reader: usize, among: usize) {
    let files: Vec<(String, MarksFile)> = (0..30)
        .map(|i| {
            let name = format!("student{i:02}.marks.json");
            let m = marks(doc, &format!("student{i:02}"), per_reader, among, 100 + i);
            (name, m.to_file(doc))
        })
        .collect();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(n, f)| {
            (
                n.clone(),
                serde_json::to_string_pretty(f).expect("marks serialize"),
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("merge_30_class_files");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("merge", label), |b| {
        b.iter_batched(
            || files.clone(),
            |f| black_box(class::merge(f).expect("merged")),
            BatchSize::LargeInput,
        )
    });
    // What `stance merge *.json` does after reading the files: parse, check, merge, write JSON.
    group.bench_function(BenchmarkId::new("parse+merge+json", label), |b| {
        b.iter(|| {
            let parsed: Vec<(String, MarksFile)> = texts
                .iter()
                .map(|(n, t)| (n.clone(), stance::marks::parse(n, t, None).expect("parses")))
                .collect();
            let (merged, _) = class::merge(parsed).expect("merged");
            black_box(serde_json::to_string_pretty(&merged).expect("json"))
        })
    });
    group.finish();
}

fn bench_marks_export(c: &mut Criterion, label: &str, doc: &Document) {
    let m = marks(doc, "ana", 10_000, doc.nodes.len(), 2);
    let mut group = c.benchmark_group("export_10k_marks");
    group.sample_size(10);
    for (name, format) in [
        ("json", ExportFormat::Json),
        ("markdown", ExportFormat::Markdown),
        ("w3c", ExportFormat::W3c),
    ] {
        group.bench_function(BenchmarkId::new(name, label), |b| {
            b.iter(|| black_box(export::export(doc, &m, format)))
        });
    }
    group.finish();
}

fn bench_formats(c: &mut Criterion, docs: &[(&str, &Document)]) {
    let mut group = c.benchmark_group("export_document");
    for (label, doc) in docs {
        if doc.nodes.len() >= 100_000 {
            group.sample_size(10);
            group.sampling_mode(SamplingMode::Flat);
            group.warm_up_time(Duration::from_millis(1));
        } else {
            group.sample_size(20);
            group.sampling_mode(SamplingMode::Auto);
            group.warm_up_time(Duration::from_secs(1));
        }
        let formats: [(&str, Export); 5] = [
            ("json", stance::output::json::to_json),
            ("argdown", |d| stance::formats::to_argdown(d, None)),
            ("aif", stance::formats::to_aif),
            ("dot", |d| stance::formats::to_dot(d, None)),
            ("kialo", stance::formats::to_kialo),
        ];
        for (name, f) in formats {
            group.bench_function(BenchmarkId::new(name, *label), |b| {
                b.iter(|| black_box(f(doc)))
            });
        }
    }
    group.finish();
}

/// A 3,000-claim Kialo discussion (a 3,000-node synthetic document exported as
/// Kialo text), imported: to stance YAML, and on to a loaded document.
fn bench_kialo_import(c: &mut Criterion) {
    let source = doc(3_000);
    let text = stance::formats::to_kialo(&source);
    let claims = text
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    println!(
        "kialo import: {claims} numbered claims, {:.1} KB",
        text.len() as f64 / 1e3
    );
    let from = Some(stance::formats::ImportFormat::Kialo);
    let mut group = c.benchmark_group("import_kialo_3000");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("to_yaml", |b| {
        b.iter(|| black_box(stance::formats::import("bench.txt", &text, from).expect("imports")))
    });
    group.bench_function("load_any", |b| {
        b.iter(|| {
            let loaded = stance::formats::load_any("bench.txt", text.clone(), from);
            assert!(loaded.document.is_some() && !loaded.report.has_errors());
            black_box(loaded)
        })
    });
    group.finish();
}

/// The HTML page (`stance export --format html`): every node marked, a fifth with a note.
fn bench_html(c: &mut Criterion, docs: &[(&str, &Document)]) {
    let mut group = c.benchmark_group("export_html");
    group.sample_size(10);
    for (label, doc) in docs {
        let m = marks(doc, "ana", doc.nodes.len(), doc.nodes.len(), 3);
        let sources = stance::output::html::Sources {
            marks: Some(&m),
            class: None,
        };
        let options = stance::output::html::Options {
            ui: stance::tui::i18n::UiLang::En,
            article: stance::output::PrintLang::Both,
        };
        group.bench_function(BenchmarkId::new("page", *label), |b| {
            b.iter(|| black_box(stance::output::html::page(doc, sources, options)))
        });
    }
    group.finish();
}

fn bench_output(c: &mut Criterion) {
    let article = stance::model::load_embedded()
        .document
        .expect("the article loads");
    let ten = doc(10_000);
    let big = doc(100_000);
    bench_marks_save(c, "10k_doc", &ten);
    bench_marks_save(c, "100k_doc", &big);
    bench_merge(c, "article_76_marks_each", &article, 76, 76);
    bench_merge(c, "10k_doc_1000_marks_each", &ten, 1_000, 2_000);
    bench_marks_export(c, "10k_doc", &ten);
    bench_formats(c, &[("article", &article), ("10k", &ten), ("100k", &big)]);
    bench_html(c, &[("article", &article), ("10k", &ten)]);
    bench_kialo_import(c);
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_output
}
criterion_main!(benches);
