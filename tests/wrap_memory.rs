//! Memory held while wrapping one huge paragraph, counted by a global
//! allocator. In a test binary of its own: tests running beside it in the
//! same process would add their allocations to the peak it measures.

/// Counts the bytes allocated, and the most held at once, so a test can say
/// how much memory a call took (the only test in this binary, so nothing
/// else allocates meanwhile).
mod peak {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    pub struct Counting;
    static NOW: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            NOW.fetch_sub(layout.size(), Relaxed);
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    /// Runs `f` and returns what it gave and the most memory held meanwhile beyond what was held before.
    pub fn during<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = NOW.load(Relaxed);
        PEAK.store(before, Relaxed);
        let out = f();
        (out, PEAK.load(Relaxed).saturating_sub(before))
    }
}

#[global_allocator]
static ALLOC: peak::Counting = peak::Counting;

#[test]
fn wrapping_one_long_paragraph_takes_memory_for_its_lines_not_its_characters() {
    // A 10 MB paragraph took 881 MB in the reader: wrapping measured every
    // character at once (about 100 bytes each). Its lines are 16 bytes each.
    let text = "long words in one paragraph, ".repeat(350_000);
    let (lines, peak) =
        peak::during(|| stance::wrap::wrap(&text, 80, stance::wrap::Ambiguous::Narrow));
    let held_by_lines = lines.capacity() * std::mem::size_of::<std::ops::Range<usize>>();
    assert!(lines.len() > 100_000);
    assert!(
        peak < held_by_lines + 32 * 1024 * 1024,
        "wrapping {} bytes into {} lines held {peak} bytes at most",
        text.len(),
        lines.len()
    );
}
