//! Real discussions from Kialo, AIF corpora and Argdown (issue 19): sources
//! and notes through every export and back, Kialo's own link syntax, empty
//! maps, and AIF attacks on attacks. Each case has a fixture in
//! `tests/fixtures/discussions/` shaped like the real files it stands for.

mod common;

use common::argdown::argdown_json;
use common::graphviz::graphviz_svg;
use std::fs;
use std::path::Path;

use stance::diag::Severity;
use stance::formats::{self, ImportFormat, import};
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

// ---------------------------------------------------------------- 3. notes through every export

/// The lines under `Sources:` in a Kialo text.
fn kialo_sources(kialo: &str) -> Vec<&str> {
    kialo
        .split_once("\nSources:\n")
        .map(|(_, s)| s.lines().filter(|l| !l.is_empty()).collect())
        .unwrap_or_default()
}

/// Every node as (text, note, verify), in the document's language, sorted.
fn texts_and_notes(doc: &Document) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = doc
        .nodes
        .iter()
        .map(|n| {
            (
                n.text.get_or_other(doc.lang).to_string(),
                n.note.clone().unwrap_or_default(),
                n.verify
                    .as_ref()
                    .map(|v| v.get_or_other(doc.lang).to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn kialo_to_stance_to_kialo_keeps_sources_and_markers() {
    let text = fixture("kialo-excerpt-numbers.txt");
    let (doc, _) = imported("homework.txt", &text, None);
    let kialo = formats::to_kialo(&doc);
    // The sources come back under their own numbers, and the markers stay
    // where they were, as Kialo writes them (not escaped).
    assert_eq!(
        kialo_sources(&kialo),
        [
            "[1] Cooper, H. (2006). Does homework improve academic achievement? Excerpt: \"Across the studies reviewed we found 2. no link in primary school, and 3. a moderate link in secondary school.\"",
            "[2] Dunlosky, J. et al. (2013). Improving students' learning with effective techniques. 2013. Psychological Science in the Public Interest, 14(1).",
            "[3] https://example.org/spaced-practice",
        ],
        "{kialo}"
    );
    assert!(
        kialo.contains("1.1. Pro: Homework adds little for young pupils. [1]\n"),
        "{kialo}"
    );
    assert!(
        kialo.contains("1.2.1. Con: Spaced practice can happen in class too. [3]\n"),
        "{kialo}"
    );
    // Read back, every text and note is the same, byte for byte; written
    // again, the same discussion.
    let (back, warnings) = imported("homework-again.txt", &kialo, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(texts_and_notes(&back), texts_and_notes(&doc));
    assert_eq!(formats::to_kialo(&back), kialo);
}

#[test]
fn notes_of_the_built_in_article_survive_kialo_and_back() {
    let doc = stance::model::load_embedded()
        .document
        .expect("the article");
    let with_notes = doc.nodes.iter().filter(|n| n.note.is_some()).count();
    assert!(with_notes > 0, "the article has notes to carry");
    let kialo = formats::to_kialo(&doc);
    let notes = kialo_sources(&kialo)
        .iter()
        .filter(|l| l.contains(formats::kialo::NOTE_LEAD))
        .count();
    assert!(
        notes >= with_notes,
        "{notes} note footnotes for {with_notes} notes"
    );
    let (back, _) = imported("article.txt", &kialo, None);
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let notes = |d: &Document| -> Vec<(String, String)> {
        let mut v: Vec<_> = d
            .nodes
            .iter()
            .filter_map(|n| {
                let note = n.note.as_deref()?;
                Some((
                    one_line(n.text.get_or_other(d.lang)),
                    note.lines()
                        .map(one_line)
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ))
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(notes(&back), notes(&doc));
}

/// Two nodes whose notes both call their source `[1]`, and a note that is a remark.
const CLASHING: &str = r#"schema: stance/1
id: clashing
lang: en
title: {en: "Homework", zh: 作业}
thesis: c-a
sections:
  - id: s1
    title: {en: "One", zh: 一}
    paragraphs:
      - id: p1
        en: "Homework helps [1]. Homework hurts [1]."
        zh: 作业。
nodes:
  - id: c-a
    kind: claim
    text: {en: "Homework helps [1]", zh: 作业有用}
    quote: "Homework helps [1]"
    paragraphs: [p1]
    note: "[1] Source A"
  - id: r-b
    kind: rebuttal
    text: {en: "Homework hurts [1]", zh: 作业有害}
    quote: "Homework hurts [1]"
    paragraphs: [p1]
    note: "[1] Source B\nThe encoder doubts it."
    rebuts: [c-a]
"#;

fn clashing() -> Document {
    let loaded = load_text("clashing.yaml", CLASHING.to_string());
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    loaded.document.expect("loads")
}

#[test]
fn a_source_number_taken_by_another_source_is_renumbered_with_its_marker() {
    let kialo = formats::to_kialo(&clashing());
    assert!(kialo.contains("1. Homework helps [1]\n"), "{kialo}");
    assert!(
        kialo.contains("1.1. Con: Homework hurts [2] [3]\n"),
        "{kialo}"
    );
    assert_eq!(
        kialo_sources(&kialo),
        [
            "[1] Source A",
            "[2] Source B",
            "[3] ✎ Note: The encoder doubts it."
        ],
        "{kialo}"
    );
    let (back, _) = imported("clashing.txt", &kialo, None);
    assert_eq!(note(&back, "r-1.1"), "[2] Source B\nThe encoder doubts it.");
    assert_eq!(node(&back, "r-1.1").text.en, "Homework hurts [2]");
}

#[test]
fn aif_to_stance_to_aif_keeps_notes() {
    let text = fixture("aif-rephrase.json");
    let (doc, _) = imported("rephrase.json", &text, None);
    assert!(
        note(&doc, "c-1").starts_with("AIF: rephrased as “Homework should be optional"),
        "{}",
        note(&doc, "c-1")
    );
    let aif = formats::to_aif(&doc);
    let json: serde_json::Value = serde_json::from_str(&aif).expect("JSON");
    let notes = json["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["note"].is_string())
        .count();
    assert_eq!(notes, 2, "{aif}");
    let (back, _) = imported("rephrase-again.json", &aif, None);
    assert_eq!(texts_and_notes(&back), texts_and_notes(&doc));
    // Notes from another format (Kialo sources) go through AIF too.
    let (kialo, _) = imported("homework.txt", &fixture("kialo-excerpt-numbers.txt"), None);
    let (back, _) = imported("homework.json", &formats::to_aif(&kialo), None);
    assert_eq!(texts_and_notes(&back), texts_and_notes(&kialo));
}

// ---------------------------------------------------------------- Argdown, through its own parser

#[test]
fn argdown_to_stance_to_argdown_keeps_notes() {
    let json = argdown_json(&fixture("argdown-notes.argdown"));
    let (doc, _) = imported("homework.json", &json, None);
    assert_eq!(
        note(&doc, "Tired"),
        "From a 2019 survey of 400 pupils.\nSee also the teachers' union report {2020}."
    );
    assert_eq!(note(&doc, "Practice"), "Cooper (2006)");
    let again = argdown_json(&formats::to_argdown(&doc, None));
    let (back, _) = imported("homework-again.json", &again, None);
    assert_eq!(texts_and_notes(&back), texts_and_notes(&doc));
    // Kialo sources and the built-in article's notes go through Argdown too.
    let (kialo, _) = imported("homework.txt", &fixture("kialo-excerpt-numbers.txt"), None);
    let article = stance::model::load_embedded()
        .document
        .expect("the article");
    for doc in [kialo, article] {
        let json = argdown_json(&formats::to_argdown(&doc, None));
        let (back, _) = imported("back.json", &json, None);
        let notes = |d: &Document| -> Vec<(String, String)> {
            let mut v: Vec<_> = d
                .nodes
                .iter()
                .map(|n| (n.id.clone(), n.note.clone().unwrap_or_default()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(notes(&back), notes(&doc));
    }
}

// ---------------------------------------------------------------- Graphviz

#[test]
fn dot_shows_the_note_in_the_tooltip() {
    let svg = graphviz_svg(&formats::to_dot(&clashing(), None));
    assert!(
        svg.contains("✎ [1] Source B The encoder doubts it."),
        "{svg}"
    );
    assert!(svg.contains("✎ [1] Source A"), "{svg}");
}

// ---------------------------------------------------------------- 4. Kialo's own syntax

#[test]
fn kialo_export_writes_links_in_kialo_syntax_and_escapes_only_what_breaks_it() {
    let (doc, _) = imported("homework.txt", &fixture("kialo-excerpt-numbers.txt"), None);
    let kialo = formats::to_kialo(&doc);
    assert!(
        kialo.contains(
            "1.2. Con: Practice at home helps pupils remember what they learnt, see \
             [the testing effect](https://en.wikipedia.org/wiki/Testing_effect). [2]\n"
        ),
        "{kialo}"
    );
    let (back, _) = imported("homework-again.txt", &kialo, None);
    assert_eq!(
        node(&back, "r-1.2").text.en,
        "Practice at home helps pupils remember what they learnt, see \
         [the testing effect](https://en.wikipedia.org/wiki/Testing_effect). [2]"
    );

    // What would forge structure is escaped; control characters are made visible.
    let mut doc = clashing();
    doc.title.en = "Homework\u{1b}[2J".into();
    doc.nodes[0].text.en = "-> See 1.1. (a) [b] [7] \\( \u{1b}]0;x\u{7} [editorial]".into();
    doc.nodes[0].note = None;
    let kialo = formats::to_kialo(&doc);
    assert!(
        !kialo.contains('\u{1b}') && !kialo.contains('\u{7}'),
        "{kialo:?}"
    );
    assert!(
        kialo.starts_with("Discussion Title: Homework␛[2J\n"),
        "{kialo}"
    );
    assert!(
        kialo.contains("1. \\-> See 1.1. (a) \\[b\\] \\[7\\] \\\\( ␛\\]0;x␇ \\[editorial\\]\n"),
        "{kialo}"
    );
    let (back, warnings) = imported("forged.txt", &kialo, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    let thesis = node(&back, back.thesis.as_deref().expect("a thesis"));
    assert_eq!(
        thesis.text.en,
        "-> See 1.1. (a) [b] [7] \\( ␛]0;x␇ [editorial]"
    );
    assert_eq!(thesis.origin, stance::model::Origin::Article);
}

// ---------------------------------------------------------------- 2. links as data

/// The links of every node, as (id, words, address), sorted.
fn all_links(doc: &Document) -> Vec<(String, String, String)> {
    let mut all: Vec<_> = doc
        .nodes
        .iter()
        .flat_map(|n| {
            let text = n.text.get_or_other(doc.lang).to_string();
            stance::model::links::links(&text)
                .into_iter()
                .map(|l| {
                    (
                        n.id.clone(),
                        text[l.words].to_string(),
                        text[l.url].to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    all.sort();
    all
}

#[test]
fn links_in_claims_are_kept_as_data_and_written_in_each_format_own_syntax() {
    let (doc, _) = imported("cars.txt", &fixture("kialo-links.txt"), None);
    let links = all_links(&doc);
    let mut words: Vec<&str> = links.iter().map(|(_, w, _)| w.as_str()).collect();
    words.sort();
    assert_eq!(
        words,
        [
            "burden of proof",
            "low emission zones",
            "map",
            "survey",
            "伦敦的数据"
        ]
    );
    // The text keeps the link byte for byte.
    assert_eq!(
        node(&doc, "c-1.2.1").text.get_or_other(doc.lang),
        "见[伦敦的数据](https://example.org/伦敦)。"
    );
    let burden = &links
        .iter()
        .find(|(_, w, _)| w == "burden of proof")
        .unwrap()
        .2;
    assert_eq!(
        burden,
        "https://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)"
    );
    let map = &links
        .iter()
        .find(|(_, w, _)| w == "low emission zones")
        .unwrap()
        .2;
    assert_eq!(map.len(), 608);

    // Kialo: the links as Kialo writes them, and back the same.
    let kialo = formats::to_kialo(&doc);
    assert!(
        kialo.contains(
            "The [burden of proof](https://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)) lies"
        ),
        "{kialo}"
    );
    assert!(!kialo.contains("\\["), "{kialo}");
    let (back, _) = imported("cars-again.txt", &kialo, None);
    assert_eq!(all_links(&back), links);
    assert_eq!(texts_and_notes(&back), texts_and_notes(&doc));

    // Argdown: its own link syntax, read by the real Argdown parser, and back.
    let argdown = formats::to_argdown(&doc, None);
    assert!(
        argdown.contains(
            "[burden of proof](https://en.wikipedia.org/wiki/Burden_of_proof_%28philosophy%29)"
        ),
        "{argdown}"
    );
    let json = argdown_json(&argdown);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("Argdown JSON");
    let urls =
        json.matches("\"type\":\"link\"").count() + json.matches("\"type\": \"link\"").count();
    assert!(urls >= 5, "Argdown found {urls} links:\n{parsed}");
    let (back, _) = imported("cars.json", &json, None);
    let ids = |l: &[(String, String, String)]| -> Vec<(String, String)> {
        let mut v: Vec<_> = l.iter().map(|(_, w, u)| (w.clone(), u.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&all_links(&back)), ids(&links));
    let texts = |d: &Document| -> Vec<String> {
        let mut v: Vec<String> = d
            .nodes
            .iter()
            .map(|n| n.text.get_or_other(d.lang).to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(texts(&back), texts(&doc));

    // DOT: the label shows the words, the tooltip the address; Graphviz reads it.
    let dot = formats::to_dot(&doc, None);
    let labels: Vec<&str> = dot
        .lines()
        .filter_map(|l| l.split("label=").nth(1))
        .collect();
    assert!(
        labels.iter().any(|l| l.contains("burden of proof")),
        "{dot}"
    );
    assert!(
        labels.iter().all(|l| !l
            .split(", tooltip")
            .next()
            .unwrap_or("")
            .contains("https://")),
        "{dot}"
    );
    assert!(
        dot.contains("🔗 https://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)"),
        "{dot}"
    );
    let svg = graphviz_svg(&dot);
    assert!(svg.contains("burden of proof"), "{svg}");
}

// ---------------------------------------------------------------- 5. an empty map

#[test]
fn an_empty_map_warns_and_every_export_of_it_loads_back_in_its_peer() {
    let text = fixture("aif-empty.json");
    let (doc, warnings) = imported("iac-empty.json", &text, None);
    assert!(doc.nodes.is_empty());
    assert!(
        warnings.iter().any(|w| w.contains("the document is empty")),
        "{warnings:?}"
    );
    let title = doc.title.get_or_other(doc.lang).to_string();
    assert_eq!(title, "iac-empty");

    // Argdown, through the real Argdown parser and back.
    let json = argdown_json(&formats::to_argdown(&doc, None));
    let (back, warnings) = imported("empty-argdown.json", &json, None);
    assert!(back.nodes.is_empty());
    assert!(warnings.iter().any(|w| w.contains("empty")), "{warnings:?}");
    // Kialo, read by stance's Kialo import (the title survives).
    let (back, warnings) = imported("empty.txt", &formats::to_kialo(&doc), None);
    assert!(back.nodes.is_empty());
    assert_eq!(back.title.get_or_other(back.lang), title);
    assert!(warnings.iter().any(|w| w.contains("empty")), "{warnings:?}");
    // AIF.
    let (back, warnings) = imported("empty-again.json", &formats::to_aif(&doc), None);
    assert!(back.nodes.is_empty());
    assert!(warnings.iter().any(|w| w.contains("empty")), "{warnings:?}");
    // DOT, through Graphviz, which must not say a word.
    graphviz_svg(&formats::to_dot(&doc, None));
    // stance's own JSON.
    let loaded = load_text("empty.json", stance::output::json::to_json(&doc));
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
}

#[test]
fn stance_check_warns_on_an_empty_document_in_every_format_it_reads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let empty = dir.path().join("iac-empty.json");
    fs::write(&empty, fixture("aif-empty.json")).expect("written");
    let empty = empty.to_str().expect("a UTF-8 path");
    let mut files = vec![("aif", empty.to_string())];
    // What stance writes for it: its own JSON, the imported YAML, and the other formats.
    for (format, name) in [
        ("json", "empty.json"),
        ("aif", "empty-again.json"),
        ("kialo", "empty.txt"),
    ] {
        let out = dir.path().join(name);
        let run = common::stance(&[
            "graph",
            "--format",
            format,
            empty,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", common::stderr(&run));
        files.push((format, out.display().to_string()));
    }
    let yaml = dir.path().join("empty.yaml");
    let run = common::stance(&["import", empty, "-o", yaml.to_str().unwrap()]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    files.push(("yaml", yaml.display().to_string()));

    for (format, file) in &files {
        let run = common::stance(&["check", file]);
        let (out, err) = (common::stdout(&run), common::stderr(&run));
        assert_eq!(run.status.code(), Some(0), "{format}: {out}{err}");
        assert!(
            out.contains("ok (1 warning") || out.contains("ok (2 warnings"),
            "{format}: {out}"
        );
        assert!(err.contains("warning: no "), "{format}: {err}");
        assert!(err.contains("is empty"), "{format}: {err}");
    }
}

#[test]
fn a_kialo_title_with_text_but_no_claim_is_still_an_error() {
    let report = import(
        "notes.txt",
        "Discussion Title: Nothing but a title\n\nSome words.\n",
        None,
    )
    .expect_err("text with no claim is not a discussion");
    assert!(report.to_string().contains("no claims"), "{report}");
}

// ---------------------------------------------------------------- 7. stance check on a big import

#[test]
fn stance_check_says_each_kind_of_warning_once_and_all_lists_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let kialo = dir.path().join("big.txt");
    fs::write(&kialo, common::kialo::discussion(3000)).expect("written");
    let yaml = dir.path().join("big.yaml");
    let run = common::stance(&[
        "import",
        kialo.to_str().unwrap(),
        "-o",
        yaml.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    let yaml = yaml.to_str().unwrap();

    let run = common::stance(&["check", yaml]);
    let (out, err) = (common::stdout(&run), common::stderr(&run));
    assert_eq!(run.status.code(), Some(0), "{out}{err}");
    // Every node and paragraph lacks its `zh` text: two kinds, a line each,
    // after the title's one warning in full.
    assert!(err.lines().count() < 20, "{err}");
    assert!(
        err.contains("warning: node `c-1` has no `zh` translation (and 2999 more like it; `--all` lists every one)"),
        "{err}"
    );
    assert!(
        err.contains("warning: paragraph `p-1` has no `zh` translation (and 2999 more"),
        "{err}"
    );
    assert!(err.contains("the title has no `zh` translation\n"), "{err}");
    assert!(out.contains("ok (6001 warnings)"), "{out}");
    // The checklist counts them all and lists a few.
    assert!(out.contains("nodes without a translation (3000):"), "{out}");
    assert!(
        out.contains("… and 2990 more (`--all` lists every one)"),
        "{out}"
    );
    assert!(out.lines().count() < 60, "{out}");

    let run = common::stance(&["check", "--all", yaml]);
    let (out, err) = (common::stdout(&run), common::stderr(&run));
    assert_eq!(run.status.code(), Some(0), "{out}{err}");
    assert_eq!(err.matches("warning: node `").count(), 3000);
    assert_eq!(err.matches("warning: paragraph `").count(), 3000);
    assert!(
        err.contains("node `r-1.8.3.3.3` has no `zh` translation"),
        "no deep node in:\n{err}"
    );
    assert!(!err.contains("more like it"));
    assert_eq!(out.matches("  - [ ] node `").count(), 3000);
}

// ---------------------------------------------------------------- 6. an attack on an attack

#[test]
fn an_aif_attack_on_an_attack_keeps_the_attacker_attached_with_a_note() {
    let text = fixture("aif-attack-on-attack.json");
    let result = import("microtext.json", &text, None).expect("imports");
    // Warned where the attacking conflict is.
    let ca = text
        .lines()
        .position(|l| l.contains("\"nodeID\": \"7\""))
        .expect("node 7") as u64
        + 1;
    assert!(
        result
            .report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning
                && d.pos.line == ca
                && d.message.contains("an attack on an attack")),
        "{}",
        result.report
    );
    let (doc, _) = imported("microtext.json", &text, None);
    let has = |from: &str, to: &str| {
        doc.relations
            .iter()
            .any(|r| r.from == from && r.to == to && r.kind == stance::model::RelationKind::Rebuts)
    };
    assert!(has("r-4", "c-1"), "{:?}", doc.relations);
    // The attacker of the attack is no orphan: it rebuts the attacker.
    assert!(has("r-6", "r-4"), "{:?}", doc.relations);
    assert_eq!(
        note(&doc, "r-6"),
        "AIF: attacks the attack of “Such taxes hit the poor hardest.” on “We should tax sugary drinks.”; \
         kept as a rebuttal of the attacker."
    );
    // Through AIF and back, the attachment and the note stay.
    let (back, _) = imported("again.json", &formats::to_aif(&doc), None);
    assert_eq!(texts_and_notes(&back), texts_and_notes(&doc));
    assert_eq!(back.relations.len(), doc.relations.len());
}

#[test]
fn sources_numbered_with_gaps_come_out_without_gaps_and_read_back() {
    let mut doc = clashing();
    doc.nodes[0].text.en = "Homework helps [3]".into();
    doc.nodes[0].note = Some("[3] Source A".into());
    doc.nodes[1].text.en = "Homework hurts [7]".into();
    doc.nodes[1].note = Some("[7] Source B".into());
    doc.nodes[1].verify = None;
    let kialo = formats::to_kialo(&doc);
    assert!(kialo.contains("1. Homework helps [1]\n"), "{kialo}");
    assert!(kialo.contains("1.1. Con: Homework hurts [2]\n"), "{kialo}");
    assert_eq!(
        kialo_sources(&kialo),
        ["[1] Source A", "[2] Source B"],
        "{kialo}"
    );
    let (back, warnings) = imported("gaps.txt", &kialo, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(note(&back, "r-1.1"), "[2] Source B");
}

#[test]
fn kialo_export_of_a_huge_text_full_of_half_links_stays_linear() {
    // 200,000 `[a](` with no closing parenthesis and no space: a scan for the
    // end of each link that ran to the end of the text would take minutes.
    // The reference is the same size of plain text, written the same way.
    let mut doc = clashing();
    doc.nodes[0].note = None;
    doc.nodes[1].note = None;
    let time = |doc: &Document| {
        let start = std::time::Instant::now();
        let out = formats::to_kialo(doc);
        (start.elapsed(), out)
    };
    doc.nodes[0].text.en = "x".repeat(800_000);
    let (plain, _) = time(&doc);
    doc.nodes[0].text.en = "[a](".repeat(200_000);
    let (links, out) = time(&doc);
    assert!(
        out.contains("\\[a\\](\\[a\\]("),
        "escaped, not written as links"
    );
    assert!(
        links < plain * 50 + std::time::Duration::from_millis(500),
        "{links:?} against {plain:?} for plain text of the same size"
    );
}

// ---------------------------------------------------------------- 7. AIF: the thesis and every root

#[test]
fn an_aif_map_opens_a_section_per_root_and_says_how_the_thesis_was_chosen() {
    let (doc, _) = imported("school.json", &fixture("aif-two-trees.json"), None);
    // The larger tree (three statements answer it) is the thesis, though it
    // comes second in the file.
    assert_eq!(doc.thesis.as_deref(), Some("c-20"));
    let section_nodes: Vec<Vec<String>> = doc
        .sections
        .iter()
        .map(|s| {
            s.paragraphs
                .iter()
                .flat_map(|p| doc.nodes.iter().filter(|n| n.paragraphs.contains(&p.id)))
                .map(|n| n.id.clone())
                .collect()
        })
        .collect();
    assert_eq!(
        section_nodes,
        [
            vec!["c-20", "c-21", "r-23", "r-25"],
            vec!["c-10", "c-11"],
            vec!["c-30"],
        ]
    );
    let titles: Vec<String> = doc
        .sections
        .iter()
        .map(|s| s.title.get_or_other(doc.lang).to_string())
        .collect();
    assert_eq!(
        titles[0],
        "Thesis (the root most answered): Schools should start later."
    );
    assert_eq!(titles[1], "Homework should be shorter.");
    let notes = doc.source.notes.as_deref().unwrap_or_default();
    assert!(
        notes.contains(
            "How the thesis was chosen: AIF names none, so stance takes the statement that answers \
             nothing and has the most statements answering it, directly or not: \
             “Schools should start later.” (3 of 7 statements). Each of the map's 2 trees"
        ),
        "{notes}"
    );
    assert!(
        notes.ends_with("Statements in no tree (answering nothing, answered by nothing), in the last section: 1."),
        "{notes}"
    );

    // A Chinese map says it in Chinese.
    let zh = fixture("aif-two-trees.json")
        .replace("Schools should start later.", "学校应该晚点上课。")
        .replace("Teenagers sleep late by nature.", "青少年天生睡得晚。")
        .replace("Homework should be shorter.", "作业应该更少。")
        .replace("Pupils are tired in the evening.", "学生晚上很累。")
        .replace(
            "Later starts clash with parents' work.",
            "晚上课与父母上班冲突。",
        )
        .replace(
            "Many parents already leave before school starts.",
            "许多父母早已在上课前出门。",
        )
        .replace("Uniforms are cheap.", "校服很便宜。");
    let (zh, _) = imported("school-zh.json", &zh, None);
    assert_eq!(
        zh.sections[0].title.get_or_other(zh.lang),
        "论点(被回应最多的根):学校应该晚点上课。",
        "{:?}",
        zh.lang
    );

    // The reader starts from any root: each is the top of its own section.
    let app = stance::tui::app::App::new(
        doc,
        stance::tui::i18n::UiLang::En,
        stance::tui::reading::Mode::Both,
        (100, 30),
    );
    let tops: Vec<String> = app
        .rows
        .iter()
        .filter_map(|r| match r {
            stance::tui::outline::Row::Node { node, depth: 0, .. } => {
                Some(app.doc.nodes[*node].id.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(tops, ["c-20", "c-10", "c-30"]);
}
