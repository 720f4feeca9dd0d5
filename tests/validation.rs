//! The loader reports every problem at once, each at its line and column, with a hint.

mod common;

use common::{MINIMAL, position};
use stance::diag::{Diagnostic, Severity};
use stance::model::{Document, RelationKind, load_text};

fn problems(src: &str) -> Vec<Diagnostic> {
    load_text("doc.yaml", src.to_string()).report.diagnostics
}

fn errors(src: &str) -> Vec<Diagnostic> {
    problems(src)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn only_error(src: &str) -> Diagnostic {
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    errs.into_iter().next().unwrap()
}

fn doc(src: &str) -> Document {
    let loaded = load_text("doc.yaml", src.to_string());
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    loaded.document.unwrap()
}

#[test]
fn the_minimal_document_is_clean() {
    let loaded = load_text("doc.yaml", MINIMAL.to_string());
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
}

#[test]
fn inline_relations_are_listed_and_undercuts_find_their_link() {
    let d = doc(MINIMAL);
    assert_eq!(d.relations.len(), 2);
    let undercut = d
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::Undercuts)
        .unwrap();
    assert_eq!(
        (undercut.from.as_str(), undercut.to.as_str()),
        ("r-timing", "e-idle")
    );
    assert_eq!(undercut.link.as_deref(), Some("c-main"));
}

#[test]
fn a_quote_finds_its_paragraph_when_none_is_listed() {
    let d = doc(MINIMAL);
    assert_eq!(d.node("e-idle").unwrap().paragraphs, vec!["s1p2"]);
}

#[test]
fn a_relation_to_nowhere_is_reported_at_the_reference() {
    let src = MINIMAL.replace("supports: [c-main]", "supports: [c-mian]");
    let e = only_error(&src);
    assert!(e.message.contains("c-mian"), "{e:?}");
    assert_eq!((e.pos.line, e.pos.column), position(&src, "c-mian"));
    assert!(e.hint.is_some());
}

#[test]
fn a_duplicate_id_is_reported_at_the_second_one() {
    let src = MINIMAL.replace("id: r-timing", "id: e-idle");
    let errs = errors(&src);
    let dup = errs
        .iter()
        .find(|d| d.message.contains("duplicate id `e-idle`"))
        .expect("a duplicate id error");
    let second = src.rfind("id: e-idle").unwrap();
    let expected_line = src[..second].matches('\n').count() as u64 + 1;
    assert_eq!(dup.pos.line, expected_line);
}

#[test]
fn ids_are_shared_between_sections_paragraphs_and_nodes() {
    let src = MINIMAL.replace("id: c-main\n", "id: s1p1\n");
    assert!(
        errors(&src)
            .iter()
            .any(|d| d.message.contains("duplicate id `s1p1`"))
    );
}

#[test]
fn a_quote_that_is_not_verbatim_is_an_error() {
    // A full-width comma where the article has an ASCII one.
    let src = MINIMAL.replace("quote: \"市场说了算\"", "quote: \"插手，市场说了算\"");
    let e = only_error(&src);
    assert!(e.message.contains("not found verbatim"), "{e:?}");
    assert_eq!(e.pos.line, position(&src, "插手，").0);
}

#[test]
fn an_article_node_needs_a_quote_and_an_editorial_one_does_not() {
    let src = MINIMAL.replace("    quote: \"市场说了算\"\n", "");
    let e = only_error(&src);
    assert!(e.message.contains("has no `quote`"), "{e:?}");
    let src = src.replace("kind: claim\n", "kind: claim\n    origin: editorial\n");
    assert!(errors(&src).is_empty());
}

#[test]
fn a_support_cycle_is_named_in_full() {
    let src = MINIMAL.replace(
        "    quote: \"市场说了算\"\n",
        "    quote: \"市场说了算\"\n    supports: [e-idle]\n",
    );
    let e = only_error(&src);
    assert!(e.message.contains("cycle"), "{e:?}");
    assert!(e.message.contains("c-main") && e.message.contains("e-idle"));
}

#[test]
fn a_node_cannot_rebut_itself() {
    let src = MINIMAL.replace("undercuts: [e-idle]", "rebuts: [r-timing]");
    let e = only_error(&src);
    assert!(e.message.contains("itself"), "{e:?}");
}

#[test]
fn unknown_kinds_are_reported_with_the_choices() {
    let src = MINIMAL
        .replace("kind: claim", "kind: clam")
        .replace("origin: editorial", "origin: editoral");
    let errs = errors(&src);
    let kind = errs.iter().find(|d| d.message.contains("`clam`")).unwrap();
    assert_eq!((kind.pos.line, kind.pos.column), position(&src, "clam"));
    assert!(kind.hint.as_deref().unwrap().contains("evidence"));
    assert!(errs.iter().any(|d| d.message.contains("`editoral`")));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let src = MINIMAL
        .replace("kind: claim", "kind: clam")
        .replace("supports: [c-main]", "supports: [nowhere]")
        .replace("quote: \"出租率只有 10%\"", "quote: \"出租率只有 20%\"");
    let errs = errors(&src);
    assert!(errs.len() >= 3, "{errs:#?}");
    let lines: Vec<u64> = errs.iter().map(|d| d.pos.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "problems are listed in file order");
}

#[test]
fn a_missing_translation_is_a_warning_not_an_error() {
    let src = MINIMAL.replace("en: \"Data centres are only 10% occupied.\"", "en: \"\"");
    let all = problems(&src);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].severity, Severity::Warning);
    assert!(all[0].message.contains("translation"));
}

#[test]
fn empty_text_is_an_error() {
    let src = MINIMAL.replace(
        "text: {zh: 出租率低, en: Occupancy is low}",
        "text: {zh: \"\", en: \"\"}",
    );
    let e = only_error(&src);
    assert!(e.message.contains("empty"), "{e:?}");
}

#[test]
fn a_misspelt_field_is_reported_where_it_is() {
    let src = MINIMAL.replace("    basis: statistic", "    bases: statistic");
    let e = only_error(&src);
    assert!(e.message.contains("bases"), "{e:?}");
    assert_eq!((e.pos.line, e.pos.column), position(&src, "bases"));
}

#[test]
fn an_undercut_of_evidence_that_supports_two_claims_must_name_the_link() {
    let src = MINIMAL
        .replace("supports: [c-main]", "supports: [c-main, c-two]")
        .replace(
            "  - id: e-idle\n",
            "  - id: c-two\n    kind: claim\n    origin: editorial\n    text: {zh: 二, en: Two}\n  - id: e-idle\n",
        );
    let e = only_error(&src);
    assert!(e.message.contains("ambiguous"), "{e:?}");
    assert!(e.hint.as_deref().unwrap().contains("link"));
}

#[test]
fn the_thesis_must_be_a_claim() {
    let src = MINIMAL.replace("thesis: c-main", "thesis: e-idle");
    let e = only_error(&src);
    assert!(e.message.contains("not a claim"), "{e:?}");
}

#[test]
fn a_reference_to_a_paragraph_where_a_node_belongs_says_so() {
    let src = MINIMAL.replace("supports: [c-main]", "supports: [s1p1]");
    let e = only_error(&src);
    assert!(e.message.contains("is a paragraph"), "{e:?}");
}

#[test]
fn a_wrong_schema_and_a_missing_language_are_errors() {
    let src = MINIMAL
        .replace("schema: stance/1", "schema: stance/9")
        .replace("lang: zh\n", "");
    let errs = errors(&src);
    assert!(errs.iter().any(|d| d.message.contains("stance/9")));
    assert!(errs.iter().any(|d| d.message.contains("`lang`")));
}

#[test]
fn chinese_ids_crlf_tabs_and_a_bom_load_fine() {
    let src = format!(
        "\u{feff}{}",
        MINIMAL
            .replace("c-main", "主张")
            .replace("\n", "\r\n")
            .replace("en: The market decides}", "en: \"The\tmarket decides\"}")
    );
    let d = doc(&src);
    assert!(d.node("主张").is_some());
    assert_eq!(d.node("主张").unwrap().text.en, "The market decides");
}

#[test]
fn an_untitled_section_may_have_an_empty_label() {
    let src = MINIMAL.replace(
        "  - id: s1\n    title: {zh: 第一节, en: Part one}",
        "  - id: s1\n    untitled: true\n    title: {zh: \"\", en: \"\"}",
    );
    assert!(problems(&src).is_empty(), "{:#?}", problems(&src));
}

mod cache {
    //! The cache of resolved large files (`stance::model::cache`), run here on
    //! small documents with the size floor lowered and a temporary directory.

    use std::cell::Cell;

    use stance::model::cache::Cache;
    use stance::model::{Loaded, load_text};

    use super::MINIMAL;

    /// Loads `text` through `cache`, counting how often the real loader ran.
    fn load(cache: &Cache, text: &str, parses: &Cell<u32>) -> Loaded {
        cache.load("doc.yaml", text.to_string(), |name, text| {
            parses.set(parses.get() + 1);
            load_text(name, text)
        })
    }

    fn cache() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::in_dir(dir.path().join("stance")).min_bytes(0);
        (dir, cache)
    }

    /// Warnings and all: the same document, and the same report, shown the same.
    fn assert_same(a: &Loaded, b: &Loaded) {
        assert_eq!(a.document, b.document);
        assert_eq!(a.report.diagnostics, b.report.diagnostics);
        assert_eq!(a.report.to_string(), b.report.to_string());
        assert_eq!(a.report.file, b.report.file);
    }

    #[test]
    fn a_clean_or_warned_file_is_read_back_from_the_cache_unchanged() {
        let (_dir, cache) = cache();
        // One warning (evidence without a basis), quoted from the file.
        let warned = MINIMAL.replace("    basis: statistic\n", "");
        for text in [MINIMAL.to_string(), warned, format!("\u{feff}{MINIMAL}")] {
            let parses = Cell::new(0);
            let first = load(&cache, &text, &parses);
            assert_eq!(parses.get(), 1);
            assert!(cache.entry_path(&text).is_file(), "an entry is written");
            let again = load(&cache, &text, &parses);
            assert_eq!(parses.get(), 1, "the second load comes from the cache");
            assert_same(&first, &again);
            assert_same(&load_text("doc.yaml", text.clone()), &again);
        }
        let warned = MINIMAL.replace("    basis: statistic\n", "");
        let parses = Cell::new(0);
        assert_eq!(load(&cache, &warned, &parses).report.warnings(), 1);
    }

    #[test]
    fn a_file_with_errors_is_not_cached() {
        let (_dir, cache) = cache();
        let broken = MINIMAL.replace("supports: [c-main]", "supports: [c-mian]");
        let parses = Cell::new(0);
        let first = load(&cache, &broken, &parses);
        assert!(first.report.has_errors());
        assert!(!cache.entry_path(&broken).exists());
        load(&cache, &broken, &parses);
        assert_eq!(parses.get(), 2);
    }

    #[test]
    fn a_corrupt_foreign_or_inconsistent_entry_is_ignored_and_rewritten() {
        let (_dir, cache) = cache();
        let text = MINIMAL.to_string();
        let parses = Cell::new(0);
        let good = load(&cache, &text, &parses);
        let path = cache.entry_path(&text);
        let entry = std::fs::read_to_string(&path).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&entry).unwrap();
        let mut dangling = json.clone();
        dangling["document"]["relations"][0]["to"] = "nowhere".into();
        let mut foreign = json.clone();
        foreign["sha256"] = "0".repeat(64).into();
        let mut old = json.clone();
        old["version"] = "0.0.0-other".into();
        json["format"] = "something-else".into();
        let bad: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\xff\xfe not json".to_vec(),
            entry.as_bytes()[..entry.len() / 2].to_vec(),
            b"{\"format\": \"stance-cache/1\"}".to_vec(),
            json.to_string().into_bytes(),
            foreign.to_string().into_bytes(),
            old.to_string().into_bytes(),
            dangling.to_string().into_bytes(),
        ];
        for (i, bytes) in bad.into_iter().enumerate() {
            std::fs::write(&path, &bytes).unwrap();
            let before = parses.get();
            let loaded = load(&cache, &text, &parses);
            assert_eq!(parses.get(), before + 1, "entry {i} is not trusted");
            assert_same(&good, &loaded);
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                entry,
                "entry {i} is rewritten"
            );
        }
    }

    #[test]
    fn a_tampered_entry_with_escapes_is_discarded() {
        // The entry's digest matches the file, but its text was edited to carry
        // escape sequences that print, the exports and brief would pass on.
        let (_dir, cache) = cache();
        let text = MINIMAL.replace("    basis: statistic\n", "");
        let parses = Cell::new(0);
        let good = load(&cache, &text, &parses);
        let path = cache.entry_path(&text);
        let entry = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&entry).unwrap();
        let edits: [(&[&str], &str); 7] = [
            (&["document", "title", "en"], "\u{1b}[2J\u{1b}]0;pwned\u{7}"),
            (
                &["document", "nodes", "0", "text", "zh"],
                "市场\u{202e}说了算",
            ),
            (
                &["document", "sections", "0", "paragraphs", "0", "en"],
                "C1 \u{9b}31m here",
            ),
            (&["document", "nodes", "1", "quote"], "a\ttab"),
            (&["document", "nodes", "0", "id"], "c-main\u{7f}"),
            (&["document", "title", "zh"], "line\r\nend"),
            (&["warnings", "0", "message"], "\u{1b}[31mred"),
        ];
        for (at, value) in edits {
            let mut tampered = json.clone();
            let mut v = &mut tampered;
            for key in at {
                v = match key.parse::<usize>() {
                    Ok(i) => &mut v[i],
                    Err(_) => &mut v[*key],
                };
            }
            assert!(!v.is_null(), "{at:?} is in the entry");
            *v = value.into();
            std::fs::write(&path, tampered.to_string()).unwrap();
            let before = parses.get();
            let loaded = load(&cache, &text, &parses);
            assert_eq!(parses.get(), before + 1, "{at:?} = {value:?} is not served");
            assert_same(&good, &loaded);
        }
    }

    #[test]
    fn an_unwritable_cache_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        // The cache directory's place is taken by a file.
        let blocked = dir.path().join("stance");
        std::fs::write(&blocked, "not a directory").unwrap();
        let cache = Cache::in_dir(&blocked).min_bytes(0);
        let parses = Cell::new(0);
        let a = load(&cache, MINIMAL, &parses);
        let b = load(&cache, MINIMAL, &parses);
        assert_eq!(parses.get(), 2);
        assert_same(&a, &b);
        assert!(a.report.diagnostics.is_empty());
    }

    #[test]
    fn small_files_are_not_cached_by_default() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::in_dir(dir.path());
        let parses = Cell::new(0);
        load(&cache, MINIMAL, &parses);
        load(&cache, MINIMAL, &parses);
        assert_eq!(parses.get(), 2);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn relation_ends_read_off_the_index_agree_with_looking_ids_up() {
    // The article, and a document with errors: a relation naming a node it
    // lacks, and a duplicated id (the first node with it is the one an id means).
    let broken = common::MINIMAL.replace("supports: [c-main]", "supports: [c-main, c-nowhere]")
        + "  - id: c-main\n    kind: claim\n    origin: editorial\n    text: {zh: 又一个, en: Again}\n";
    let docs = [
        stance::model::load_embedded().document.unwrap(),
        stance::model::load_text("broken.yaml", broken)
            .document
            .unwrap(),
    ];
    for doc in &docs {
        let looked_up: Vec<_> = doc
            .relations
            .iter()
            .map(|r| (doc.node_index(&r.from), doc.node_index(&r.to)))
            .collect();
        assert_eq!(doc.relation_ends(), looked_up, "{}", doc.id);
    }
    assert!(!docs[1].relations.is_empty());
}

#[test]
fn a_readers_node_loads_with_its_author_and_an_author_elsewhere_is_warned() {
    let reader = "  - id: ra.1\n    kind: rebuttal\n    origin: reader\n    author: ana\n    text: {en: One number is not a market}\n    rebuts: [c-main]\n  - id: e-idle\n";
    let d = doc(&MINIMAL.replace("  - id: e-idle\n", reader));
    let n = d.node("ra.1").unwrap();
    assert_eq!(n.origin, stance::model::Origin::Reader);
    assert_eq!(n.author.as_deref(), Some("ana"));
    assert_eq!(n.text.en, "One number is not a market");
    // An empty reader's node is refused; an author on the article's node is warned of.
    let empty = MINIMAL.replace(
        "  - id: e-idle\n",
        &reader.replace("{en: One number is not a market}", "{en: \"\"}"),
    );
    assert!(only_error(&empty).message.contains("is empty"));
    let src = MINIMAL.replace(
        "    quote: \"市场说了算\"\n",
        "    quote: \"市场说了算\"\n    author: bo\n",
    );
    let warned = problems(&src);
    assert!(
        warned
            .iter()
            .any(|w| w.severity == Severity::Warning && w.message.contains("`author`")),
        "{warned:#?}"
    );
    assert!(doc(&src).node("c-main").unwrap().author.is_none());
}
