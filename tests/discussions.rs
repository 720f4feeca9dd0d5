//! Real discussions from Kialo, AIF corpora and Argdown (issue 19): sources
//! and notes through every export and back, Kialo's own link syntax, empty
//! maps, and AIF attacks on attacks. Each case has a fixture in
//! `tests/fixtures/discussions/` shaped like the real files it stands for.

use std::fs;
use std::path::Path;

use stance::diag::Severity;
use stance::formats::{ImportFormat, import};
use stance::model::{Document, load_text};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discussions")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Imports `text`; the YAML must load without errors. Returns the document and the import's warnings.
fn imported(name: &str, text: &str, from: Option<ImportFormat>) -> (Document, Vec<String>) {
    let result = import(name, text, from).unwrap_or_else(|r| panic!("import failed:\n{r}"));
    let loaded = load_text(&format!("{name}.yaml"), result.yaml.clone());
    assert!(
        !loaded.report.has_errors(),
        "the imported YAML has errors:\n{}\n{}",
        loaded.report,
        result.yaml
    );
    let warnings = result
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.clone())
        .collect();
    (loaded.document.expect("a document"), warnings)
}

fn node<'a>(doc: &'a Document, id: &str) -> &'a stance::model::Node {
    doc.node(id).unwrap_or_else(|| panic!("no node `{id}`"))
}

fn note<'a>(doc: &'a Document, id: &str) -> &'a str {
    node(doc, id).note.as_deref().unwrap_or_default()
}

// ---------------------------------------------------------------- 1. Kialo sources

#[test]
fn numbered_lines_in_a_source_excerpt_stay_in_that_source() {
    let text = fixture("kialo-excerpt-numbers.txt");
    let (doc, warnings) = imported("homework.txt", &text, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    // Source 1 keeps its whole excerpt, numbered lines included.
    assert_eq!(
        note(&doc, "c-1.1"),
        "[1] Cooper, H. (2006). Does homework improve academic achievement? \
         Excerpt: \"Across the studies reviewed we found \
         2. no link in primary school, and \
         3. a moderate link in secondary school.\""
    );
    // Source 2 is the real source 2, not the excerpt's line `2.`; a wrapped
    // line starting with a year is part of it.
    assert_eq!(
        note(&doc, "r-1.2"),
        "[2] Dunlosky, J. et al. (2013). Improving students' learning with effective techniques. \
         2013. Psychological Science in the Public Interest, 14(1)."
    );
    assert_eq!(
        note(&doc, "r-1.2.1"),
        "[3] https://example.org/spaced-practice"
    );
}
