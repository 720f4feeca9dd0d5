//! The field's formats: stance's graph out as Argdown, AIF, DOT and Kialo and
//! back in, checked against the real Argdown parser and Graphviz, and the
//! importers on fixtures of every layout, malformed files included.

mod common;

use common::argdown::argdown_json;
use common::graphviz::graphviz_svg;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;
use stance::diag::{Report, Severity};
use stance::formats::{self, EDITORIAL_SUFFIX, ImportFormat, detect, import, load_any};
use stance::marks::{Marks, Stance};
use stance::model::{Document, Lang, NodeKind, Origin, RelationKind, load_embedded, load_text};
use stance::wrap::{Ambiguous, str_width};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn article() -> Document {
    load_embedded()
        .document
        .expect("the built-in article loads")
}

/// Imports `text` and loads the YAML, which must have no errors.
fn imported(name: &str, text: &str, from: Option<ImportFormat>) -> (formats::Imported, Document) {
    let result = import(name, text, from).unwrap_or_else(|r| panic!("import failed:\n{r}"));
    assert_eq!(result.report.errors(), 0, "{}", result.report);
    let loaded = load_text(&format!("{name}.yaml"), result.yaml.clone());
    assert!(
        !loaded.report.has_errors(),
        "the imported YAML has errors:\n{}\n{}",
        loaded.report,
        result.yaml
    );
    let doc = loaded.document.expect("a document");
    (result, doc)
}

/// The 1-based line of the first `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u64 {
    common::position(text, needle).0
}

/// The errors of a failed import, as (line, message).
fn errors(report: &Report) -> Vec<(u64, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.pos.line, d.message.clone()))
        .collect()
}

fn import_errors(name: &str) -> (String, Vec<(u64, String)>) {
    let text = fixture(name);
    match import(name, &text, None) {
        Ok(i) => panic!("{name} imported, but it is malformed:\n{}", i.yaml),
        Err(report) => {
            // Every message names the file and a line, as `stance` prints it.
            let shown = report.to_string();
            assert!(shown.starts_with(&format!("{name}:")), "{shown}");
            (text, errors(&report))
        }
    }
}

fn text_of<'a>(doc: &'a Document, id: &str) -> &'a str {
    doc.node(id)
        .map(|n| n.text.get_or_other(doc.lang))
        .unwrap_or_else(|| panic!("no node `{id}`"))
}

/// Every relation as (from text, to text, kind, link text), so documents with different ids compare.
fn relations_by_text(doc: &Document) -> BTreeSet<(String, String, &'static str, Option<String>)> {
    doc.relations
        .iter()
        .map(|r| {
            (
                text_of(doc, &r.from).to_string(),
                text_of(doc, &r.to).to_string(),
                r.kind.name(),
                r.link.as_deref().map(|l| text_of(doc, l).to_string()),
            )
        })
        .collect()
}

/// Every node as (text, editorial?).
fn nodes_by_text(doc: &Document) -> BTreeSet<(String, bool)> {
    doc.nodes
        .iter()
        .map(|n| {
            (
                n.text.get_or_other(doc.lang).to_string(),
                n.origin == Origin::Editorial,
            )
        })
        .collect()
}

/// A document with what the article lacks: a node reached twice, nodes the
/// thesis does not reach, an undercut, editorial nodes, and text that looks
/// like syntax in every format.
const TANGLED: &str = r#"schema: stance/1
id: tangled
lang: en
title: {en: "Cars: in or out?", zh: 汽车进城吗}
thesis: c-main
sections:
  - id: s1
    title: {en: "Part [one] #1", zh: 第一部分}
    paragraphs:
      - id: s1p1
        en: "Ban cars (all of them): the air is cleaner. Deliveries -> slower; see e.g. the 2019 survey [1] {draft} // not a comment."
        zh: 禁车,空气更好。
      - id: s1p2
        en: "Shops lose custom. Footfall rose anyway."
        zh: 商店失去顾客。
  - id: s2
    title: {en: "An island", zh: 孤岛}
    paragraphs:
      - id: s2p1
        en: "Bus lanes speed up buses. Buses carry more people per metre of road."
        zh: 公交专用道。
nodes:
  - id: c-main
    kind: claim
    text: {en: "Ban cars (all of them)", zh: 禁车}
    quote: "Ban cars (all of them)"
  - id: e-air
    kind: evidence
    basis: statistic
    text: {en: "The air is cleaner: e.g. \"fewer\" particulates [1] {draft} // not a comment", zh: 空气更好}
    quote: "the air is cleaner"
    supports: [c-main, c-shops-fine]
  - id: c-shops-fine
    kind: claim
    text: {en: "Shops do fine", zh: 商店没事}
    quote: "Footfall rose anyway"
    supports: [c-main]
  - id: r-shops
    kind: rebuttal
    text: {en: "-> Shops lose custom", zh: 商店失去顾客}
    quote: "Shops lose custom"
    rebuts: [c-main, c-shops-fine]
  - id: r-weather
    kind: rebuttal
    origin: editorial
    text: {en: "Air depends on the weather #not-a-tag @[x] <y> *z* _w_", zh: 空气取决于天气}
    paragraphs: [s1p1]
  - id: c-bus
    kind: claim
    text: {en: "Bus lanes speed up buses", zh: 公交更快}
    quote: "Bus lanes speed up buses"
  - id: e-capacity
    kind: evidence
    basis: reasoning
    text: {en: "Buses carry more people per metre of road", zh: 公交运量大}
    quote: "Buses carry more people per metre of road"
    supports: [c-bus]
  - id: r-cost
    kind: rebuttal
    origin: editorial
    text: {en: "Lanes cost road space", zh: 车道占地}
    paragraphs: [s2p1]
    rebuts: [e-capacity]
relations:
  - {from: r-weather, to: e-air, kind: undercuts, link: c-main}
"#;

fn tangled() -> Document {
    let loaded = load_text("tangled.yaml", TANGLED.to_string());
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    loaded.document.expect("tangled loads")
}

fn documents() -> Vec<Document> {
    vec![article(), tangled()]
}

// ---------------------------------------------------------------- Kialo out and back

#[test]
fn kialo_round_trip_keeps_the_tree() {
    for doc in documents() {
        let kialo = formats::to_kialo(&doc);
        assert!(kialo.starts_with("Discussion Title: "), "{kialo}");
        let (_, back) = imported("round.txt", &kialo, None);

        // The same thesis and the same texts, editorial marks included.
        let thesis = doc.thesis.as_deref().expect("a thesis");
        let back_thesis = back.thesis.as_deref().expect("the import names a thesis");
        assert_eq!(text_of(&back, back_thesis), text_of(&doc, thesis));
        assert_eq!(nodes_by_text(&back), nodes_by_text(&doc));

        // The same parent–child pairs on the same sides: Kialo has Pro and
        // Con, so an undercut comes back as a Con (a rebuttal) under the evidence.
        let sides = |d: &Document| -> BTreeSet<(String, String, &'static str)> {
            relations_by_text(d)
                .into_iter()
                .map(|(from, to, kind, _)| {
                    let side = if kind == RelationKind::Supports.name() {
                        "Pro"
                    } else {
                        "Con"
                    };
                    (from, to, side)
                })
                .collect()
        };
        assert_eq!(sides(&back), sides(&doc));
        // Written out again, it is the same discussion, line for line.
        assert_eq!(formats::to_kialo(&back), kialo);
    }
}

#[test]
fn kialo_export_links_nodes_reached_twice_and_keeps_unreached_ones() {
    let kialo = formats::to_kialo(&tangled());
    let lines: Vec<&str> = kialo.lines().collect();
    // e-air supports both the thesis and c-shops-fine: written once, linked once.
    let air: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("The air is cleaner"))
        .collect();
    assert_eq!(air.len(), 1, "{kialo}");
    let number = air[0].split_whitespace().next().unwrap_or_default();
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(&format!("Pro: -> See {number}"))),
        "{kialo}"
    );
    // The bus lanes are not under the thesis: a second top-level tree.
    assert!(lines.contains(&"2. Bus lanes speed up buses"), "{kialo}");
    assert!(
        lines.iter().any(|l| l.starts_with("2.1. Pro: Buses carry")),
        "{kialo}"
    );
    // Kialo's escapes, and the editorial tag.
    assert!(kialo.contains("Ban cars (all of them)"), "{kialo}");
    assert!(kialo.contains("Con: \\-> Shops lose custom"), "{kialo}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.ends_with(EDITORIAL_SUFFIX))
            .count(),
        2,
        "{kialo}"
    );
}

// ---------------------------------------------------------------- Kialo in

#[test]
fn old_kialo_layout_with_links_escapes_and_multi_line_claims() {
    let text = fixture("kialo-old.txt");
    assert_eq!(detect(&text), Some(ImportFormat::Kialo));
    let (result, doc) = imported("kialo-old.txt", &text, None);
    assert_eq!(result.format, ImportFormat::Kialo);
    assert_eq!(doc.lang, Lang::En);
    assert_eq!(doc.title.en, "Should cities ban cars from their centres?");
    assert!(
        doc.source
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("A discussion for a geography class.")),
        "background lines become source notes"
    );
    assert_eq!(doc.thesis.as_deref(), Some("c-1"));
    assert_eq!(
        text_of(&doc, "c-1.1"),
        "Car-free centres have cleaner air (fewer particulates)."
    );
    assert_eq!(
        text_of(&doc, "c-1.2.1"),
        "Deliveries become slower and dearer\nfor every shop in the zone,\nand the cost is passed on."
    );
    assert_eq!(
        text_of(&doc, "r-1.2.2"),
        "Footfall rose in most pedestrianised streets [see the 2019 survey]."
    );
    // Links are relations to the node itself, not copies; a claim under a
    // link answers the linked claim; a link may point forward.
    assert!(doc.nodes.iter().all(|n| !n.text.en.contains("-> See")));
    assert_eq!(doc.nodes.len(), 8);
    let got: BTreeSet<(String, String, &str)> = doc
        .relations
        .iter()
        .map(|r| (r.from.clone(), r.to.clone(), r.kind.name()))
        .collect();
    let want: BTreeSet<(String, String, &str)> = [
        ("c-1.1", "c-1", RelationKind::Supports),
        ("r-1.1.1", "c-1.1", RelationKind::Rebuts),
        ("c-1.4", "c-1.1", RelationKind::Supports),
        ("r-1.2", "c-1", RelationKind::Rebuts),
        ("c-1.2.1", "r-1.2", RelationKind::Supports),
        ("r-1.2.2", "r-1.2", RelationKind::Rebuts),
        ("c-1.2.1", "c-1", RelationKind::Rebuts),
        ("r-1.3.1", "c-1.2.1", RelationKind::Rebuts),
        ("c-1.4", "c-1", RelationKind::Supports),
    ]
    .into_iter()
    .map(|(a, b, k)| (a.to_string(), b.to_string(), k.name()))
    .collect();
    assert_eq!(got, want);
    // Pros are claims and Cons rebuttals, at every depth.
    assert_eq!(doc.node("c-1.2.1").map(|n| n.kind), Some(NodeKind::Claim));
    assert_eq!(
        doc.node("r-1.2.2").map(|n| n.kind),
        Some(NodeKind::Rebuttal)
    );
    // The thesis and then one section per branch under it (the link 1.3
    // heads a branch too, holding what answers it).
    let firsts: Vec<&str> = doc
        .sections
        .iter()
        .map(|s| s.paragraphs[0].en.as_str())
        .collect();
    assert_eq!(
        firsts,
        [
            text_of(&doc, "c-1"),
            text_of(&doc, "c-1.1"),
            text_of(&doc, "r-1.2"),
            text_of(&doc, "r-1.3.1"),
            text_of(&doc, "c-1.4")
        ]
    );
    let sizes: Vec<usize> = doc.sections.iter().map(|s| s.paragraphs.len()).collect();
    assert_eq!(sizes, [1, 2, 3, 1, 1]);
}

#[test]
fn crlf_reads_like_lf() {
    let lf = fixture("kialo-old.txt");
    let crlf = fixture("kialo-old-crlf.txt");
    assert!(crlf.contains("\r\n") && !lf.contains('\r'));
    let (_, a) = imported("kialo-old.txt", &lf, None);
    let (_, b) = imported("kialo-old.txt", &crlf, None);
    assert_eq!(a.nodes, b.nodes);
    assert_eq!(a.relations, b.relations);
    assert!(b.nodes.iter().all(|n| !n.text.en.contains('\r')));
}

#[test]
fn new_kialo_layout_with_indentation_footnotes_and_sources() {
    let text = fixture("kialo-new.txt");
    assert_eq!(detect(&text), Some(ImportFormat::Kialo));
    let (_, doc) = imported("kialo-new.txt", &text, None);
    assert_eq!(doc.title.en, "Should companies adopt a four-day work week?");
    assert!(
        doc.source
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("four-day-week")),
        "the discussion name is kept"
    );
    assert_eq!(
        text_of(&doc, "c-1"),
        "Companies should adopt a four-day work week."
    );
    assert_eq!(
        text_of(&doc, "r-1.1.1"),
        "The trials were voluntary, so the firms\nthat joined were the ones most likely to succeed. [2]"
    );
    let note = |id: &str| {
        doc.node(id)
            .and_then(|n| n.note.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        note("c-1.1"),
        "[1] Autonomy (2023), The results are in: the UK's four-day week pilot."
    );
    assert_eq!(
        note("r-1.1.1"),
        "[2] A reply in the same journal, continued on a second line."
    );
    assert_eq!(
        note("r-1.2.1"),
        "[1] Autonomy (2023), The results are in: the UK's four-day week pilot.\n[3] https://example.org/rota"
    );
    // The link under 1.3 is r-1.1.1 rebutting the thesis, not a copy; the
    // sources list is not a claim.
    assert_eq!(doc.nodes.len(), 5);
    assert!(
        doc.relations
            .iter()
            .any(|r| r.from == "r-1.1.1" && r.to == "c-1" && r.kind == RelationKind::Rebuts)
    );
    assert!(doc.nodes.iter().all(|n| !n.text.en.contains("Sources")));
}

#[test]
fn a_numbered_list_inside_a_claim_is_not_a_new_thesis() {
    let text = "Discussion Title: Lists\n\n1. A thesis with reasons:\n1. first\n2. second\n1.1. Pro: A reason.\n";
    let (_, doc) = imported("lists.txt", text, None);
    assert_eq!(doc.nodes.len(), 2);
    assert_eq!(
        text_of(&doc, "c-1"),
        "A thesis with reasons:\n1. first\n2. second"
    );
}

#[test]
fn malformed_kialo_files_are_reported_at_their_line() {
    for (name, needle, says) in [
        ("kialo-orphan.txt", "1.3.1.", "comes before any `1.3.`"),
        (
            "kialo-bad-link.txt",
            "-> See 1.9.",
            "no claim with that number",
        ),
        (
            "kialo-no-side.txt",
            "1.2. A claim",
            "has no `Pro:` or `Con:`",
        ),
        ("kialo-no-claims.txt", "Some words", "no claims"),
    ] {
        let (text, errors) = import_errors(name);
        let line = line_of(&text, needle);
        assert!(
            errors.iter().any(|(l, m)| *l == line && m.contains(says)),
            "{name}: expected `{says}` at line {line}, got {errors:?}"
        );
    }
    let (text, errors) = import_errors("kialo-duplicate.txt");
    let first = line_of(&text, "1.1. Pro: A reason");
    let second = line_of(&text, "1.1. Pro: Another");
    assert!(
        errors.iter().any(|(l, m)| *l == second
            && m.contains("numbered twice")
            && m.contains(&format!("line {first}"))),
        "{errors:?}"
    );
}

#[test]
fn a_link_that_closes_a_support_cycle_is_left_out_with_a_warning() {
    let text = "Discussion Title: Round\n\n1. A.\n1.1. Pro: B.\n1.1.1. Pro: -> See 1.\n1.2. Con: -> See 1.2.\n";
    let (result, doc) = imported("round.txt", text, None);
    assert_eq!(doc.relations.len(), 1, "{:?}", doc.relations);
    let warnings: Vec<u64> = result
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.pos.line)
        .collect();
    assert!(
        warnings.contains(&line_of(text, "-> See 1.\n")),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&line_of(text, "-> See 1.2.")),
        "{warnings:?}"
    );
}

#[test]
fn a_discussion_of_3000_claims_imports() {
    // A tree three wide, breadth first, Pros and Cons alternating.
    let mut numbers = vec!["1.".to_string()];
    let mut text = String::from("Discussion Title: A large discussion\n\n1. The thesis.\n");
    let mut parent = 0;
    while numbers.len() < 3000 {
        for k in 1..=3 {
            if numbers.len() == 3000 {
                break;
            }
            let number = format!("{}{k}.", numbers[parent]);
            let side = if numbers.len() % 2 == 0 { "Pro" } else { "Con" };
            text.push_str(&format!(
                "{number} {side}: Claim {} answers claim {}.\n",
                numbers.len(),
                parent
            ));
            numbers.push(number);
        }
        parent += 1;
    }
    let (_, doc) = imported("large.txt", &text, None);
    assert_eq!(doc.nodes.len(), 3000);
    assert_eq!(doc.relations.len(), 2999);
}

#[test]
fn hostile_text_is_made_safe_and_still_loads() {
    let text = "Discussion Title: \u{1b}]0;owned\u{7}Title\n\n1. Thesis \u{1b}[2J with \u{202e} bidi\n1.1. Pro: DEL\u{7f} C1\u{85} LS\u{2028} BOM\u{feff} nonchar\u{fffe} \"quote\" \\ : # *a &b\n";
    let (result, doc) = imported("hostile.txt", text, None);
    assert!(!result.yaml.contains('\u{1b}') && !result.yaml.contains('\u{7}'));
    assert!(text_of(&doc, "c-1").contains('␛'));
    assert!(text_of(&doc, "c-1").contains("<U+202E>"));
    assert!(text_of(&doc, "c-1.1").contains("\"quote\" \\ : # *a &b"));
}

// ---------------------------------------------------------------- AIF out and back

#[test]
fn aif_export_is_aifdb_json() {
    let doc = tangled();
    let aif: Value = serde_json::from_str(&formats::to_aif(&doc)).expect("valid JSON");
    let nodes = aif["nodes"].as_array().expect("nodes");
    let edges = aif["edges"].as_array().expect("edges");
    assert_eq!(aif["locutions"], Value::Array(vec![]));
    let count = |t: &str| nodes.iter().filter(|n| n["type"] == t).count();
    let supports = doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Supports)
        .count();
    assert_eq!(count("I"), doc.nodes.len());
    assert_eq!(count("RA"), supports);
    assert_eq!(count("CA"), doc.relations.len() - supports);
    assert_eq!(edges.len(), 2 * doc.relations.len());
    for n in nodes {
        assert!(n["nodeID"].is_string() && n["text"].is_string(), "{n}");
    }
    for e in edges {
        assert!(e["edgeID"].is_string() && e["fromID"].is_string() && e["toID"].is_string());
    }
    // The undercut's CA points at an RA node, not an I-node.
    let kind_of: BTreeMap<&str, &str> = nodes
        .iter()
        .filter_map(|n| Some((n["nodeID"].as_str()?, n["type"].as_str()?)))
        .collect();
    let ca_to_ra = edges
        .iter()
        .filter(|e| {
            let from = e["fromID"].as_str().unwrap_or_default();
            let to = e["toID"].as_str().unwrap_or_default();
            kind_of.get(from) == Some(&"CA") && kind_of.get(to) == Some(&"RA")
        })
        .count();
    assert_eq!(ca_to_ra, 1);
    let editorial = nodes
        .iter()
        .filter(|n| {
            n["text"]
                .as_str()
                .is_some_and(|t| t.ends_with(EDITORIAL_SUFFIX))
        })
        .count();
    assert_eq!(
        editorial,
        doc.nodes
            .iter()
            .filter(|n| n.origin == Origin::Editorial)
            .count()
    );
}

#[test]
fn aif_round_trip_keeps_the_graph() {
    for doc in documents() {
        let aif = formats::to_aif(&doc);
        assert_eq!(detect(&aif), Some(ImportFormat::Aif));
        let (_, back) = imported("round.json", &aif, None);
        assert_eq!(nodes_by_text(&back), nodes_by_text(&doc));
        assert_eq!(relations_by_text(&back), relations_by_text(&doc));
    }
}

// ---------------------------------------------------------------- AIF in

#[test]
fn aif_corpus_map_with_numeric_ids_and_dialogue() {
    let text = fixture("aif-corpus.json");
    assert_eq!(detect(&text), Some(ImportFormat::Aif));
    let (result, doc) = imported("aif-corpus.json", &text, None);
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["c-1", "c-2", "r-4", "r-6", "c-8", "c-14"]);
    let got: BTreeSet<(&str, &str, &str, Option<&str>)> = doc
        .relations
        .iter()
        .map(|r| {
            (
                r.from.as_str(),
                r.to.as_str(),
                r.kind.name(),
                r.link.as_deref(),
            )
        })
        .collect();
    let want: BTreeSet<(&str, &str, &str, Option<&str>)> = [
        ("c-2", "c-1", RelationKind::Supports, None),
        ("c-14", "c-1", RelationKind::Supports, None),
        ("r-4", "c-1", RelationKind::Rebuts, None),
        ("r-6", "c-2", RelationKind::Undercuts, Some("c-1")),
    ]
    .into_iter()
    .map(|(a, b, k, l)| (a, b, k.name(), l))
    .collect();
    assert_eq!(got, want);
    assert_eq!(doc.thesis.as_deref(), Some("c-1"));
    // The rephrase joins the two statements by notes.
    let note = |id: &str| {
        doc.node(id)
            .and_then(|n| n.note.clone())
            .unwrap_or_default()
    };
    // Each names the other by its words (cut short), not by an id an export renumbers.
    assert!(
        note("c-2").starts_with("AIF: rephrased as “Banning cars makes the air")
            && note("c-8") == "AIF: a rephrase of “Car-free centres have cleaner air.”.",
        "{} / {}",
        note("c-2"),
        note("c-8")
    );
    // The dialogue layer is skipped quietly; the preference node is not.
    let warned: Vec<u64> = result
        .report
        .diagnostics
        .iter()
        .map(|d| d.pos.line)
        .collect();
    assert_eq!(warned, [line_of(&text, "\"nodeID\": 13,")]);
}

#[test]
fn aif_in_ova_layout_with_tabs_and_string_ids() {
    let text = fixture("aif-ova.json");
    assert!(text.contains('\t'));
    assert_eq!(detect(&text), Some(ImportFormat::Aif));
    let (_, doc) = imported("aif-ova.json", &text, None);
    assert_eq!(doc.thesis.as_deref(), Some("c-a1"));
    assert_eq!(doc.relations.len(), 1);
    assert_eq!(
        (doc.relations[0].from.as_str(), doc.relations[0].to.as_str()),
        ("c-a2", "c-a1")
    );
}

#[test]
fn malformed_aif_files_are_reported_at_their_line() {
    let (text, errors) = import_errors("aif-duplicate-id.json");
    let line = line_of(&text, "A third");
    assert!(
        errors
            .iter()
            .any(|(l, m)| *l == line && m.contains("two nodes have the id `2`")),
        "{errors:?}"
    );
    let (text, errors) = import_errors("aif-syntax.json");
    let line = line_of(&text, "A comma is missing");
    assert!(
        errors
            .iter()
            .any(|(l, m)| *l == line && m.contains("invalid JSON")),
        "{errors:?}"
    );
    let (text, errors) = import_errors("aif-wrong-shape.json");
    let line = line_of(&text, "\"nodes\"");
    assert!(errors.iter().any(|(l, _)| *l == line), "{errors:?}");
    let (text, errors) = import_errors("argdown-wrong-shape.json");
    let line = line_of(&text, "\"statements\"");
    assert!(errors.iter().any(|(l, _)| *l == line), "{errors:?}");
}

// ---------------------------------------------------------------- Argdown

#[test]
fn the_argdown_parser_reads_every_node_and_relation() {
    for doc in documents() {
        let mut marks = Marks::new(&doc, None);
        marks.set_stance(&doc, 0, Some(Stance::Dispute));
        marks.set_note(&doc, 0, "a {note} with } braces");
        let source = formats::to_argdown(&doc, Some(&marks));
        let json: Value = serde_json::from_str(&argdown_json(&source)).expect("JSON");
        let statements = json["statements"].as_object().expect("statements");
        assert_eq!(statements.len(), doc.nodes.len(), "{source}");
        for n in &doc.nodes {
            let s = &statements[n.id.as_str()];
            let member = s["members"]
                .as_array()
                .and_then(|m| {
                    m.iter()
                        .find(|m| m["text"].as_str().is_some_and(|t| !t.is_empty()))
                })
                .unwrap_or_else(|| panic!("`{}` has no text in Argdown", n.id));
            let text = member["text"].as_str().unwrap_or_default();
            let tags: Vec<&str> = member["tags"]
                .as_array()
                .map(|t| t.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            // The text comes through untouched, followed only by the tags.
            let words: String = n
                .text
                .get_or_other(doc.lang)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let rest = text
                .trim()
                .strip_prefix(&words)
                .unwrap_or_else(|| panic!("`{}`: Argdown read {text:?}, expected {words:?}", n.id));
            let written: Vec<&str> = rest.split_whitespace().collect();
            let expected: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            assert_eq!(written, expected, "`{}`", n.id);
            assert!(tags.contains(&n.kind.name()), "`{}`: {tags:?}", n.id);
            assert_eq!(
                tags.contains(&"editorial"),
                n.origin == Origin::Editorial,
                "`{}`",
                n.id
            );
        }
        let relations: BTreeSet<(String, String, String)> = json["relations"]
            .as_array()
            .expect("relations")
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                (s("from"), s("to"), s("relationType"))
            })
            .collect();
        let expected: BTreeSet<(String, String, String)> = doc
            .relations
            .iter()
            .map(|r| {
                let kind = match r.kind {
                    RelationKind::Supports => "support",
                    RelationKind::Rebuts => "attack",
                    RelationKind::Undercuts => "undercut",
                };
                (r.from.clone(), r.to.clone(), kind.to_string())
            })
            .collect();
        assert_eq!(relations, expected);
        // Sections are headings.
        let titles: Vec<String> = json["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .filter_map(|s| s["title"].as_str().map(str::to_string))
            .collect();
        let expected: Vec<String> = doc
            .sections
            .iter()
            .map(|s| s.title.get_or_other(doc.lang).to_string())
            .collect();
        assert_eq!(titles, expected);
    }
}

#[test]
fn argdown_round_trip_through_the_parser_gives_the_same_document() {
    for doc in documents() {
        let json = argdown_json(&formats::to_argdown(&doc, None));
        assert_eq!(detect(&json), Some(ImportFormat::ArgdownJson));
        let (_, back) = imported("round.json", &json, None);
        assert_eq!(back.thesis, doc.thesis);
        let node = |d: &Document| -> Vec<(String, &str, &str, String, String)> {
            let mut v: Vec<_> = d
                .nodes
                .iter()
                .map(|n| {
                    (
                        n.id.clone(),
                        n.kind.name(),
                        n.origin.name(),
                        n.text.zh.split_whitespace().collect::<Vec<_>>().join(" "),
                        n.text.en.split_whitespace().collect::<Vec<_>>().join(" "),
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(node(&back), node(&doc));
        let rels = |d: &Document| -> HashSet<_> { d.relations.iter().cloned().collect() };
        assert_eq!(rels(&back), rels(&doc));
    }
}

#[test]
fn argdown_json_with_arguments_sections_and_contradictions() {
    let text = fixture("argdown-map.json");
    assert_eq!(detect(&text), Some(ImportFormat::ArgdownJson));
    let (_, doc) = imported("argdown-map.json", &text, None);
    assert_eq!(doc.thesis.as_deref(), Some("Uniforms"));
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "Uniforms",
            "Cheaper",
            "Hidden-costs",
            "Level-field",
            "Visible-wealth",
            "Untitled-1",
            "Bullying-persists",
            "Expression",
            "Dress-codes"
        ]
    );
    let kind = |id: &str| doc.node(id).map(|n| n.kind);
    assert_eq!(kind("Bullying-persists"), Some(NodeKind::Rebuttal));
    assert_eq!(kind("Dress-codes"), Some(NodeKind::Evidence));
    assert_eq!(kind("Hidden-costs"), Some(NodeKind::Rebuttal));
    assert_eq!(kind("Uniforms"), Some(NodeKind::Claim));
    let has = |from: &str, to: &str, k: RelationKind, link: Option<&str>| {
        doc.relations
            .iter()
            .any(|r| r.from == from && r.to == to && r.kind == k && r.link.as_deref() == link)
    };
    assert!(has("Cheaper", "Uniforms", RelationKind::Supports, None));
    assert!(has("Hidden-costs", "Cheaper", RelationKind::Rebuts, None));
    // An argument supports its conclusion, and its premises support it;
    // an undercut of the argument attacks that link.
    assert!(has("Level-field", "Uniforms", RelationKind::Supports, None));
    assert!(has(
        "Visible-wealth",
        "Level-field",
        RelationKind::Supports,
        None
    ));
    assert!(has(
        "Untitled-1",
        "Level-field",
        RelationKind::Supports,
        None
    ));
    assert!(has(
        "Bullying-persists",
        "Level-field",
        RelationKind::Undercuts,
        Some("Uniforms")
    ));
    // A contradiction attacks both ways.
    assert!(has("Expression", "Uniforms", RelationKind::Rebuts, None));
    assert!(has("Uniforms", "Expression", RelationKind::Rebuts, None));
    // Headings become sections, nested ones in order; what precedes them gets one of its own.
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.en.as_str()).collect();
    assert_eq!(titles.len(), 4);
    assert_eq!(&titles[1..], ["Costs", "Equality", "Freedom"]);
    let section_of = |id: &str| {
        doc.node(id)
            .and_then(|n| doc.anchor(n))
            .and_then(|p| doc.paragraph_position(p))
            .map(|(s, _)| s)
    };
    assert_eq!(section_of("Uniforms"), Some(0));
    assert_eq!(section_of("Level-field"), Some(2));
    assert_eq!(section_of("Dress-codes"), Some(3));
}

// ---------------------------------------------------------------- DOT

#[test]
fn graphviz_renders_the_dot_without_warnings() {
    for doc in documents() {
        let mut marks = Marks::new(&doc, None);
        marks.set_stance(&doc, 0, Some(Stance::Agree));
        marks.set_stance(&doc, 1, Some(Stance::Dispute));
        marks.set_stance(&doc, 2, Some(Stance::Unsure));
        let dot = formats::to_dot(&doc, Some(&marks));
        let svg = graphviz_svg(&dot);
        for n in &doc.nodes {
            // Graphviz writes `-` in names as `&#45;`.
            let title = format!("<title>{}</title>", n.id.replace('-', "&#45;"));
            assert!(svg.contains(&title), "`{}`", n.id);
        }
        // One cluster per section with nodes.
        let with_nodes: HashSet<usize> = doc
            .nodes
            .iter()
            .filter_map(|n| doc.anchor(n).and_then(|p| doc.paragraph_position(p)))
            .map(|(s, _)| s)
            .collect();
        assert_eq!(
            dot.matches("subgraph \"cluster_").count(),
            with_nodes.len(),
            "{dot}"
        );
        // Marks fill the nodes and show their glyph; editorial nodes say so.
        let line = |id: &str| {
            dot.lines()
                .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [label=")))
                .unwrap_or_else(|| panic!("no node line for `{id}`"))
                .to_string()
        };
        let first = line(&doc.nodes[0].id);
        assert!(
            first.contains("#c8e6c9") && first.contains("label=\"✓ "),
            "{first}"
        );
        assert!(line(&doc.nodes[1].id).contains("#ffcdd2"));
        assert!(line(&doc.nodes[2].id).contains("#fff9c4"));
        for n in &doc.nodes {
            let l = line(&n.id);
            assert_eq!(
                l.contains("· editorial"),
                n.origin == Origin::Editorial,
                "{l}"
            );
            assert_eq!(l.contains("dashed"), n.origin == Origin::Editorial, "{l}");
            // Wrapped by display width: every line of text fits.
            let label = l
                .split("label=\"")
                .nth(1)
                .and_then(|s| s.split("\", shape=").next())
                .unwrap_or_default();
            for text_line in label.split("\\n").skip(1) {
                let width = str_width(&text_line.replace("\\\"", "\""), Ambiguous::Narrow);
                assert!(width <= formats::dot::LABEL_WIDTH, "{text_line}");
            }
        }
        // The three relation kinds look different.
        let styled = |style: &str| dot.lines().filter(|l| l.contains(style)).count();
        let count = |k: RelationKind| doc.relations.iter().filter(|r| r.kind == k).count();
        assert_eq!(styled("arrowhead=normal"), count(RelationKind::Supports));
        assert_eq!(styled("arrowhead=tee"), count(RelationKind::Rebuts));
        assert_eq!(styled("arrowhead=odot"), count(RelationKind::Undercuts));
    }
}

// ---------------------------------------------------------------- detection and loading

#[test]
fn stance_documents_are_not_taken_for_foreign_ones() {
    assert_eq!(detect(common::MINIMAL), None);
    let json = stance::output::json::to_json(&article());
    assert_eq!(detect(&json), None);
    let loaded = load_any("tiny.yaml", common::MINIMAL.to_string(), None);
    assert!(loaded.usable().is_some(), "{}", loaded.report);
}

#[test]
fn load_any_opens_foreign_files_and_reports_against_them() {
    let text = fixture("kialo-new.txt");
    let loaded = load_any("kialo-new.txt", text, None);
    let doc = loaded.usable().expect("usable");
    assert_eq!(doc.nodes.len(), 5);
    // The import's report, about the Kialo file, not the translations the YAML lacks.
    assert_eq!(loaded.report.file, "kialo-new.txt");
    assert_eq!(loaded.report.warnings(), 0, "{}", loaded.report);

    let loaded = load_any("kialo-orphan.txt", fixture("kialo-orphan.txt"), None);
    assert!(loaded.document.is_none() && loaded.report.has_errors());

    // `--from` wins over detection.
    let loaded = load_any("old.txt", fixture("kialo-old.txt"), Some(ImportFormat::Aif));
    assert!(loaded.report.has_errors());
}

#[test]
fn undetectable_text_says_how_to_name_the_format() {
    let Err(report) = import("notes.txt", "just some notes\n", None) else {
        panic!("plain text is not a format stance imports");
    };
    assert!(report.to_string().contains("--from kialo"), "{report}");
}

// ---------------------------------------------------------------- nothing panics

/// One step of writing a Kialo discussion: mostly well-formed (so that most
/// files import and the YAML they give is put to the test), sometimes not.
#[derive(Debug, Clone)]
enum Step {
    /// A Pro (true) or Con under the entry chosen by the number.
    Claim(usize, bool, String),
    /// A link under one entry to another.
    Link(usize, bool, usize),
    /// A further line of the claim above, or a blank line.
    More(String),
    /// A line that may be anything.
    Junk(String),
}

const KIALO_TEXT: &str = "[ -~\\u{4e00}-\\u{4e10}\\u{1b}\\u{202e}\\[\\]\\\\]{0,20}";

fn kialo_step() -> impl Strategy<Value = Step> {
    let junk = prop_oneof![
        (
            prop::collection::vec(1u8..4, 1..4),
            prop_oneof!["Pro: ", "Con: ", "Thesis: ", ""],
            KIALO_TEXT
        )
            .prop_map(|(n, s, t)| {
                let n: String = n.iter().map(|p| format!("{p}.")).collect();
                format!("{n} {s}{t}")
            }),
        Just("Sources:".to_string()),
        (1u8..4, KIALO_TEXT).prop_map(|(n, t)| format!("[{n}] {t}")),
    ];
    prop_oneof![
        6 => (any::<usize>(), any::<bool>(), KIALO_TEXT).prop_map(|(p, pro, t)| Step::Claim(p, pro, t)),
        2 => (any::<usize>(), any::<bool>(), any::<usize>()).prop_map(|(p, pro, t)| Step::Link(p, pro, t)),
        1 => prop_oneof![KIALO_TEXT, Just(String::new())].prop_map(Step::More),
        1 => junk.prop_map(Step::Junk),
    ]
}

/// The number of a new entry under the entry `p` (modulo how many there are).
fn number_under(p: usize, numbers: &mut Vec<String>, children: &mut Vec<usize>) -> String {
    let parent = p % numbers.len();
    children[parent] += 1;
    let number = format!("{}{}.", numbers[parent], children[parent]);
    numbers.push(number.clone());
    children.push(0);
    number
}

/// Writes the steps as a discussion, numbering each claim under its parent.
fn kialo_file(steps: &[Step], crlf: bool) -> String {
    let mut numbers = vec!["1.".to_string()];
    let mut children: Vec<usize> = vec![0];
    let mut lines = vec![
        "Discussion Title: t".to_string(),
        "1. The thesis".to_string(),
    ];
    for step in steps {
        let side = |pro: bool| if pro { "Pro" } else { "Con" };
        match step {
            Step::Claim(p, pro, text) => {
                let n = number_under(*p, &mut numbers, &mut children);
                lines.push(format!("{n} {}: {text}", side(*pro)));
            }
            Step::Link(p, pro, target) => {
                let to = numbers[target % numbers.len()].clone();
                let n = number_under(*p, &mut numbers, &mut children);
                lines.push(format!("{n} {}: -> See {to}", side(*pro)));
            }
            Step::More(text) | Step::Junk(text) => lines.push(text.clone()),
        }
    }
    lines.join(if crlf { "\r\n" } else { "\n" })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the Kialo file, the import either reports errors or gives
    /// YAML that loads without any.
    #[test]
    fn any_kialo_file_imports_or_is_refused(
        steps in prop::collection::vec(kialo_step(), 0..30),
        crlf in any::<bool>(),
    ) {
        let text = kialo_file(&steps, crlf);
        if let Ok(result) = import("any.txt", &text, Some(ImportFormat::Kialo)) {
            let loaded = load_text("any.yaml", result.yaml.clone());
            prop_assert!(!loaded.report.has_errors(), "{}\n{}", loaded.report, result.yaml);
        }
    }

    /// Any AIF graph, cycles and dangling edges included, imports into a valid document.
    #[test]
    fn any_aif_graph_imports_or_is_refused(
        types in prop::collection::vec(prop_oneof!["I", "I", "I", "RA", "RA", "CA", "MA", "L", "PA", "X"], 1..14),
        edges in prop::collection::vec((0usize..16, 0usize..16), 0..30),
        texts in prop::collection::vec("[ -~]{0,6}", 14),
    ) {
        let nodes: Vec<Value> = types
            .iter()
            .enumerate()
            .map(|(i, t)| serde_json::json!({"nodeID": i, "text": texts[i], "type": t}))
            .collect();
        let edges: Vec<Value> = edges
            .iter()
            .map(|(a, b)| serde_json::json!({"fromID": a, "toID": b.to_string()}))
            .collect();
        let text = serde_json::json!({"nodes": nodes, "edges": edges}).to_string();
        if let Ok(result) = import("any.json", &text, None) {
            let loaded = load_text("any.yaml", result.yaml.clone());
            prop_assert!(!loaded.report.has_errors(), "{}\n{}", loaded.report, result.yaml);
        }
    }

    /// Any Argdown map, whatever its tags, relations and data, imports into a valid document.
    #[test]
    fn any_argdown_map_imports_or_is_refused(
        tags in prop::collection::vec(
            prop_oneof!["claim", "evidence", "rebuttal", "thesis", "editorial", "other"], 1..10),
        relations in prop::collection::vec(
            (0usize..12, 0usize..12, prop_oneof![
                "support", "attack", "undercut", "contradictory", "entails", "contrary", "other"]),
            0..20),
        links in prop::collection::vec((0usize..12, 0usize..12, 0usize..12), 0..6),
        texts in prop::collection::vec("[ -~#]{0,8}", 10),
    ) {
        let title = |i: usize| format!("s {i}");
        let mut statements = serde_json::Map::new();
        for (i, tag) in tags.iter().enumerate() {
            let undercuts: Vec<Value> = links
                .iter()
                .filter(|(from, _, _)| *from == i)
                .map(|(_, to, link)| serde_json::json!({"to": title(*to), "link": title(*link)}))
                .collect();
            statements.insert(title(i), serde_json::json!({
                "members": [{
                    "text": format!("{} #{tag}", texts[i]),
                    "tags": [tag],
                    "section": "s1",
                    "startLine": i + 1,
                    "data": {"undercuts": undercuts, "zh": 5}
                }]
            }));
        }
        let relations: Vec<Value> = relations
            .iter()
            .map(|(a, b, k)| serde_json::json!({
                "relationType": k, "from": title(*a), "to": title(*b),
                "fromType": "equivalence-class", "toType": "equivalence-class"
            }))
            .collect();
        let text = serde_json::json!({
            "statements": statements,
            "arguments": {},
            "relations": relations,
            "sections": [{"id": "s1", "title": "A heading", "children": []}]
        })
        .to_string();
        if let Ok(result) = import("any.json", &text, None) {
            let loaded = load_text("any.yaml", result.yaml.clone());
            prop_assert!(!loaded.report.has_errors(), "{}\n{}", loaded.report, result.yaml);
        }
    }

    /// Arbitrary bytes as any format: never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        for from in [ImportFormat::Kialo, ImportFormat::Aif, ImportFormat::ArgdownJson] {
            let _ = import("x", &text, Some(from));
        }
        let _ = detect(&text);
    }
}
