//! The README's promises: its example document is valid, and its set-up commands are the real ones.

use stance::model::load_text;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_example_document_in_the_readme_checks_clean() {
    let readme = readme();
    let start = readme.find("```yaml\n").expect("a yaml example") + "```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let loaded = load_text("README.md example", readme[start..end].to_string());
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    let doc = loaded.document.unwrap();
    assert_eq!(doc.relations.len(), 2);
    assert!(doc.sections[0].untitled);
}

#[test]
fn the_readme_gives_the_two_set_up_commands() {
    let readme = readme();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    for step in [
        "cargo test",
        "cargo fmt --check",
        "cargo clippy --all-targets -- -D warnings",
    ] {
        assert!(ci.contains(step), "CI runs {step}");
    }
}
