//! Measuring what writing an export takes in memory: a counting allocator and
//! a writer that keeps nothing, for the tests that prove an export is written
//! as it is made. A test target includes this once (it sets the allocator).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use stance::marks::{Marks, Stance};
use stance::model::Document;

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
pub struct Measure(usize);

impl std::io::Write for Measure {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `write` into a [`Measure`]: the bytes written, and the most memory
/// taken beyond what was live before it started.
pub fn measure(write: impl FnOnce(&mut Measure)) -> (usize, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut out = Measure(0);
    write(&mut out);
    (out.0, PEAK.load(Ordering::Relaxed) - before)
}

/// A reader's marks on every node of `doc`, a note on every fourth, as a
/// busy student leaves them.
pub fn marked(doc: &Document) -> Marks {
    let mut marks = Marks::new(doc, Some("ana".into()));
    for i in 0..doc.nodes.len() {
        marks.set_stance(doc, i, Some(Stance::ALL[i % 3]));
        if i % 4 == 0 {
            marks.set_note(doc, i, "a note of a few words, as students write them");
        }
    }
    marks
}
