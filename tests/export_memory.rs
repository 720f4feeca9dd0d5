//! The W3C export of many marks is written as it is made: the memory it takes
//! is measured with a counting allocator and compared with the size of what it
//! writes (not with a number of bytes that depends on the machine).

use stance::marks::export::{ExportFormat, export_to};
use stance::tui::i18n::UiLang;

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

#[path = "common/streamed.rs"]
mod streamed;

#[test]
fn the_w3c_export_of_many_marks_is_streamed() {
    let loaded = stance::model::load_text("big.yaml", synth::generate(10_000, 1, 0.0));
    let doc = loaded.document.expect("the synthetic document loads");
    let marks = streamed::marked(&doc);
    let (written, extra) = streamed::measure(|out| {
        export_to(&doc, &marks, ExportFormat::W3c, UiLang::En, out).expect("written")
    });
    assert!(written > 1_000_000, "{written} bytes of annotations");
    // Holding the collection whole takes several times its text; streaming it
    // takes a small fraction (the list of marks in order, one annotation, a buffer).
    assert!(
        extra * 10 < written,
        "the export took {extra} bytes of memory for {written} bytes of output"
    );
}
