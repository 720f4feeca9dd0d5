//! The HTML page of a large document is written as it is made: the memory it
//! takes is measured with a counting allocator and compared with the size of
//! the page (a page held whole would take at least its own size).

use stance::output::PrintLang;
use stance::output::html::{Options, Sources, write_page};
use stance::tui::i18n::UiLang;

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

#[path = "common/streamed.rs"]
mod streamed;

#[test]
fn the_page_of_a_large_document_is_streamed() {
    let loaded = stance::model::load_text("big.yaml", synth::generate(10_000, 1, 0.0));
    let doc = loaded.document.expect("the synthetic document loads");
    let marks = streamed::marked(&doc);
    let sources = Sources {
        marks: Some(&marks),
        class: None,
    };
    let options = Options {
        ui: UiLang::En,
        article: PrintLang::Both,
    };
    let (written, extra) =
        streamed::measure(|out| write_page(&doc, sources, options, out).expect("written"));
    assert!(written > 5_000_000, "{written} bytes of page");
    // What the page keeps while it is written is an index per node (labels,
    // where each paragraph and figure is) and one piece of the page.
    assert!(
        extra * 10 < written,
        "the page took {extra} bytes of memory for {written} bytes of output"
    );
}
