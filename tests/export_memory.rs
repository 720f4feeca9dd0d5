//! The W3C export of many marks is written as it is made: the memory it takes
//! is measured with a counting allocator and compared with the size of what it
//! writes (not with a number of bytes that depends on the machine).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use stance::marks::export::{ExportFormat, export_to};
use stance::marks::{Marks, Stance};
use stance::tui::i18n::UiLang;

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Counts what is written and keeps none of it.
struct Measure(usize);

impl std::io::Write for Measure {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_w3c_export_of_many_marks_is_streamed() {
    let loaded = stance::model::load_text("big.yaml", synth::generate(10_000, 1, 0.0));
    let doc = loaded.document.expect("the synthetic document loads");
    let mut marks = Marks::new(&doc, Some("ana".into()));
    for i in 0..doc.nodes.len() {
        marks.set_stance(&doc, i, Some(Stance::ALL[i % 3]));
        if i % 4 == 0 {
            marks.set_note(&doc, i, "a note of a few words, as students write them");
        }
    }
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut out = Measure(0);
    export_to(&doc, &marks, ExportFormat::W3c, UiLang::En, &mut out).expect("written");
    let extra = PEAK.load(Ordering::Relaxed) - before;
    assert!(out.0 > 1_000_000, "{} bytes of annotations", out.0);
    // Holding the collection whole takes several times its text; streaming it
    // takes a small fraction (the list of marks in order, one annotation, a buffer).
    assert!(
        extra * 10 < out.0,
        "the export took {extra} bytes of memory for {} bytes of output",
        out.0
    );
}
