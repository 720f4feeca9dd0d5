//! The HTML page of a large document is written as it is made: the memory it
//! takes is measured with a counting allocator and compared with the size of
//! the page (a page held whole would take at least its own size).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use stance::marks::{Marks, Stance};
use stance::output::PrintLang;
use stance::output::html::{Options, Sources, write_page};
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
fn the_page_of_a_large_document_is_streamed() {
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
    let sources = Sources {
        marks: Some(&marks),
        class: None,
    };
    let options = Options {
        ui: UiLang::En,
        article: PrintLang::Both,
    };
    write_page(&doc, sources, options, &mut out).expect("written");
    let extra = PEAK.load(Ordering::Relaxed) - before;
    assert!(out.0 > 5_000_000, "{} bytes of page", out.0);
    // What the page keeps while it is written is an index per node (labels,
    // where each paragraph and figure is) and one piece of the page.
    assert!(
        extra * 10 < out.0,
        "the page took {extra} bytes of memory for {} bytes of output",
        out.0
    );
}
