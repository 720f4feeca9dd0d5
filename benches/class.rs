//! A class folder of 300 readers: read and merged from scratch (what
//! `stance class DIR` and the reader's first look do), looked at again with
//! nothing changed (what the live view does twice a second), and with one
//! reader's file changed.
//!
//! `cargo bench --bench class`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use stance::marks::folder::{Scanner, scan};
use stance::marks::{Marks, Stance, document_ref};
use stance::model::{Document, load_embedded};
use stance::tui::class_live::ClassUpdate;

/// How many readers the folder holds.
const READERS: usize = 300;

/// A reader's marks: a stance on two nodes in three, a note on one in five.
fn reader(doc: &Document, i: usize) -> Marks {
    let mut m = Marks::new(doc, Some(format!("student{i:03}")));
    m.reader_id = Some(format!("{i:032x}"));
    for n in 0..doc.nodes.len() {
        let roll = (n * 31 + i * 17) % 15;
        if !roll.is_multiple_of(3) {
            m.set_stance(doc, n, Some(Stance::ALL[(n + i) % 3]));
        }
        if roll.is_multiple_of(5) {
            m.set_note(
                doc,
                n,
                &format!("student {i} thinks node {n} needs a source; 理由 {i}"),
            );
        }
    }
    m
}

fn folder(c: &mut Criterion) {
    let doc = load_embedded().document.expect("the article loads");
    let document = document_ref(&doc);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files: Vec<(std::path::PathBuf, String)> = (0..READERS)
        .map(|i| {
            let path = dir.path().join(format!("student{i:03}.marks.json"));
            (path, reader(&doc, i).to_json(&doc))
        })
        .collect();
    for (path, json) in &files {
        std::fs::write(path, json).expect("writing a reader's file");
    }
    let mut g = c.benchmark_group("class_folder_300");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("scan_and_merge", |b| {
        b.iter(|| {
            let f = scan(dir.path(), Some(&doc.id)).expect("the folder lists");
            black_box(ClassUpdate::of(f, &document))
        })
    });
    let mut scanner = Scanner::new();
    scanner
        .rescan(dir.path(), Some(&doc.id))
        .expect("the folder lists");
    g.bench_function("rescan_unchanged", |b| {
        b.iter(|| black_box(scanner.rescan(dir.path(), Some(&doc.id)).expect("lists")))
    });
    let mut flip = 0usize;
    g.bench_function("rescan_one_changed_and_merge", |b| {
        b.iter(|| {
            flip += 1;
            let (path, _) = &files[flip % READERS];
            let mut m = reader(&doc, flip % READERS);
            m.set_stance(&doc, flip % doc.nodes.len(), Some(Stance::Unsure));
            std::fs::write(path, m.to_json(&doc)).expect("writing");
            let f = scanner
                .rescan(dir.path(), Some(&doc.id))
                .expect("lists")
                .expect("a change is seen");
            black_box(ClassUpdate::of(f, &document))
        })
    });
    g.finish();
}

criterion_group!(benches, folder);
criterion_main!(benches);
