//! Marks: saved without loss, never overwriting what stance cannot read,
//! exported to formats that validate, and merged for a class.

mod common;

use std::path::Path;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use stance::marks::class::{ClassFile, merge};
use stance::marks::export::{ExportFormat, export, w3c};
use stance::marks::store::{ReadOnly, open};
use stance::marks::{Mark, Marks, MarksFile, SCHEMA, Stance, parse};
use stance::model::{Document, load_embedded, load_text};
use stance::tui::app::{App, Effect, Filter};
use stance::tui::i18n::UiLang;
use stance::tui::reading::Mode;

use common::{MINIMAL, stance, stderr, stdout};

fn article() -> Document {
    load_embedded().document.unwrap()
}

fn idx(doc: &Document, id: &str) -> usize {
    doc.node_index(id).unwrap()
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/schemas")
        .join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, json: &str) {
    let value: Value = serde_json::from_str(json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{json}");
}

fn some_marks(doc: &Document) -> Marks {
    let mut m = Marks::new(doc, Some("ana".into()));
    m.set_stance(doc, idx(doc, "c-thesis"), Some(Stance::Dispute));
    m.set_note(doc, idx(doc, "c-thesis"), "一个成功不证明政策全错");
    m.set_stance(doc, idx(doc, "e-dau"), Some(Stance::Agree));
    m.set_note(
        doc,
        idx(doc, "r-survivorship"),
        "worth raising in the debate",
    );
    m
}

#[test]
fn marks_round_trip_through_the_file() {
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    let opened = open(&path, &doc, Some("ana".into()));
    assert!(opened.store.writable());
    let marks = some_marks(&doc);
    opened.store.save(&marks, &doc).unwrap();
    drop(opened);
    let again = open(&path, &doc, None);
    assert!(again.problems.is_none());
    assert_eq!(again.marks, marks);
    assert_eq!(again.marks.stance("e-dau"), Some(Stance::Agree));
    assert_eq!(again.marks.get("r-survivorship").unwrap().stance, None);
    assert_valid(
        &schema("marks.schema.json"),
        &std::fs::read_to_string(&path).unwrap(),
    );
}

#[test]
fn a_mark_records_the_node_as_it_was() {
    let doc = article();
    let m = some_marks(&doc);
    let mark = m.get("e-dau").unwrap();
    assert_eq!(mark.text, doc.node("e-dau").unwrap().text.zh);
    assert_eq!(mark.quote, doc.node("e-dau").unwrap().quote);
    assert!(m.document.digest.starts_with("sha256:"));
}

#[test]
fn a_file_stance_cannot_read_is_kept_byte_for_byte() {
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("broken.json", b"{\"schema\": \"stance.marks/1\", \"marks\": [".to_vec()),
        ("other.json", br#"{"schema": "something/else"}"#.to_vec()),
        ("binary.json", vec![0u8, 159, 146, 150]),
        (
            "wrong-doc.json",
            br#"{"schema":"stance.marks/1","document":{"id":"another","title":"x","digest":"sha256:0"},"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","marks":[]}"#.to_vec(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let opened = open(&path, &doc, None);
        assert!(matches!(opened.store.read_only, Some(ReadOnly::Invalid(_))), "{name}");
        let report = opened.problems.expect("the problem is reported").to_string();
        assert!(report.contains(name), "the report names the file: {report}");
        assert!(opened.store.save(&some_marks(&doc), &doc).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} untouched");
    }
}

#[test]
fn a_second_writer_opens_read_only() {
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    let first = open(&path, &doc, None);
    assert!(first.store.writable());
    let second = open(&path, &doc, None);
    assert_eq!(second.store.read_only, Some(ReadOnly::Locked));
    drop(first);
    let third = open(&path, &doc, None);
    assert!(
        third.store.writable(),
        "the lock goes with the first writer"
    );
}

#[test]
fn an_unwritable_place_keeps_marks_in_memory() {
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    let opened = open(dir.path(), &doc, None);
    assert!(matches!(
        opened.store.read_only,
        Some(ReadOnly::Unwritable(_))
    ));
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let opened = open(&blocked.join("sub/m.json"), &doc, None);
    assert!(!opened.store.writable());
}

#[test]
fn orphans_survive_a_content_change() {
    let doc = load_text("v1.yaml", MINIMAL.to_string()).document.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    let opened = open(&path, &doc, None);
    let mut m = Marks::new(&doc, None);
    m.set_stance(&doc, idx(&doc, "e-idle"), Some(Stance::Dispute));
    m.set_stance(&doc, idx(&doc, "c-main"), Some(Stance::Agree));
    opened.store.save(&m, &doc).unwrap();
    drop(opened);

    // The author renames a node: its mark becomes an orphan, and is kept.
    let v2 = load_text("v2.yaml", MINIMAL.replace("e-idle", "e-occupancy"))
        .document
        .unwrap();
    let opened = open(&path, &v2, None);
    let orphans: Vec<_> = opened.marks.orphans(&v2).map(|m| m.node.clone()).collect();
    assert_eq!(orphans, vec!["e-idle"]);
    assert_eq!(opened.marks.marked_count(&v2), 1);
    let mut marks = opened.marks.clone();
    marks.set_stance(&v2, idx(&v2, "e-occupancy"), Some(Stance::Unsure));
    opened.store.save(&marks, &v2).unwrap();
    let saved = parse(
        "m.json",
        &std::fs::read_to_string(&path).unwrap(),
        Some(&v2),
    )
    .unwrap();
    let ids: Vec<&str> = saved.marks.iter().map(|m| m.node.as_str()).collect();
    assert_eq!(
        ids,
        vec!["c-main", "e-occupancy", "e-idle"],
        "orphans last, never dropped"
    );
}

#[test]
fn the_w3c_export_points_at_the_article_text() {
    let doc = article();
    let marks = some_marks(&doc);
    let anno = w3c(&doc, &marks);
    assert_eq!(anno["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = anno["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let mut checked = 0;
    for a in items {
        assert_eq!(a["type"], "Annotation");
        // A note without a stance comments; a stance assesses.
        let motivation = if a["body"][0]["purpose"] == "tagging" {
            "assessing"
        } else {
            "commenting"
        };
        assert_eq!(a["motivation"], motivation);
        let Some(sel) = a["target"].get("selector") else {
            continue;
        };
        assert_eq!(sel["type"], "TextQuoteSelector");
        let source = a["target"]["source"].as_str().unwrap();
        let pid = source.rsplit('#').next().unwrap();
        let (_, para) = doc.paragraph(pid).unwrap();
        let whole = format!(
            "{}{}{}",
            sel["prefix"].as_str().unwrap(),
            sel["exact"].as_str().unwrap(),
            sel["suffix"].as_str().unwrap()
        );
        assert!(para.zh.contains(&whole), "{whole} is in {pid}");
        checked += 1;
    }
    assert!(checked >= 2);
    let thesis = items
        .iter()
        .find(|a| a["id"].as_str().unwrap().ends_with("c-thesis"))
        .unwrap();
    let purposes: Vec<&str> = thesis["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, vec!["tagging", "commenting"]);
}

#[test]
fn the_markdown_export_reads_as_a_list() {
    let doc = article();
    let md = export(&doc, &some_marks(&doc), ExportFormat::Markdown);
    assert!(md.contains("## C1 (claim `c-thesis`) — ✗ dispute"), "{md}");
    assert!(md.contains("Note: 一个成功不证明政策全错"));
    assert!(md.contains("> DeepSeek 的成功,狠狠地嘲讽了一把各国政府的 AI 产业政策。"));
    assert!(md.contains("Paragraph: §1 ¶5 (s0p5)"));
    assert!(md.contains("*Editorial"), "editorial nodes say so");
}

fn student(
    doc: &Document,
    name: &str,
    stances: &[(&str, Stance)],
    updated: &str,
) -> (String, stance::marks::MarksFile) {
    let mut m = Marks::new(doc, Some(name.to_string()));
    for (id, s) in stances {
        m.set_stance(doc, idx(doc, id), Some(*s));
    }
    let mut f = m.to_file(doc);
    f.updated = updated.to_string();
    (format!("{name}.json"), f)
}

#[test]
fn merging_puts_the_most_divisive_claims_first() {
    use Stance::*;
    let doc = article();
    let files = vec![
        student(
            &doc,
            "a",
            &[("c-thesis", Agree), ("e-dau", Agree), ("c-lessons", Agree)],
            "1",
        ),
        student(
            &doc,
            "b",
            &[
                ("c-thesis", Dispute),
                ("e-dau", Agree),
                ("c-lessons", Agree),
            ],
            "1",
        ),
        student(
            &doc,
            "c",
            &[
                ("c-thesis", Agree),
                ("e-dau", Agree),
                ("c-lessons", Dispute),
            ],
            "1",
        ),
        student(&doc, "d", &[("c-thesis", Dispute), ("e-dau", Unsure)], "1"),
        student(&doc, "e", &[("c-thesis", Unsure), ("e-dau", Agree)], "1"),
    ];
    let (class, warnings) = merge(files).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(class.readers, vec!["a", "b", "c", "d", "e"]);
    let order: Vec<&str> = class.nodes.iter().map(|n| n.node.as_str()).collect();
    assert_eq!(order, vec!["c-thesis", "c-lessons", "e-dau"]);
    let thesis = &class.nodes[0];
    assert_eq!((thesis.agree, thesis.dispute, thesis.unsure), (2, 2, 1));
    let json = serde_json::to_string_pretty(&class).unwrap();
    assert_valid(&schema("class.schema.json"), &json);
    let back: ClassFile = serde_json::from_str(&json).unwrap();
    assert_eq!(back, class);
}

#[test]
fn the_same_reader_twice_keeps_the_newest_and_warns() {
    let doc = article();
    let old = student(
        &doc,
        "ana",
        &[("c-thesis", Stance::Agree)],
        "2026-01-01T00:00:00Z",
    );
    let new = student(
        &doc,
        "ana",
        &[("c-thesis", Stance::Dispute)],
        "2026-02-01T00:00:00Z",
    );
    let (class, warnings) = merge(vec![new, old]).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(class.readers, vec!["ana"]);
    assert_eq!((class.nodes[0].agree, class.nodes[0].dispute), (0, 1));
}

#[test]
fn marks_of_another_document_are_refused() {
    let doc = article();
    let tiny = load_text("t.yaml", MINIMAL.to_string()).document.unwrap();
    let a = student(&doc, "a", &[("c-thesis", Stance::Agree)], "1");
    let mut m = Marks::new(&tiny, Some("b".into()));
    m.set_stance(&tiny, 0, Some(Stance::Agree));
    let b = ("b.json".to_string(), m.to_file(&tiny));
    let err = merge(vec![a, b]).unwrap_err();
    assert!(err.contains("b.json") && err.contains("tiny"), "{err}");
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn marking_in_the_reader_asks_for_a_save_and_shows_everywhere() {
    let doc = article();
    let mut app = App::new(doc, UiLang::En, Mode::Zh, (120, 40));
    let thesis = app.selected.unwrap();
    assert_eq!(press(&mut app, 'd'), vec![Effect::SaveMarks]);
    assert_eq!(app.mark_of(thesis).unwrap().stance, Some(Stance::Dispute));
    assert!(
        press(&mut app, 'd').is_empty(),
        "the same stance again changes nothing"
    );
    // The badge in the text carries the mark.
    let text = app.reading_text();
    assert!(text.lines.iter().any(|l| l.text.contains("[C1✗]")));
    // A note, typed in Chinese with a correction.
    press(&mut app, 'c');
    for ch in "不同意x".chars() {
        press(&mut app, ch);
    }
    app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    let effects = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(effects, vec![Effect::SaveMarks]);
    assert_eq!(app.mark_of(thesis).unwrap().note.as_deref(), Some("不同意"));
    // Esc twice abandons a changed draft (once only warns).
    press(&mut app, 'c');
    press(&mut app, 'z');
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.editing.is_none());
    assert_eq!(app.mark_of(thesis).unwrap().note.as_deref(), Some("不同意"));
    // x clears both.
    assert_eq!(press(&mut app, 'x'), vec![Effect::SaveMarks]);
    assert!(app.mark_of(thesis).is_none());
}

#[test]
fn the_filter_shows_only_matching_nodes() {
    let doc = article();
    let mut app = App::new(doc, UiLang::En, Mode::Zh, (120, 40));
    press(&mut app, 'a');
    let all = app.rows.len();
    press(&mut app, 'v');
    assert_eq!(app.filter, Filter::Unmarked);
    assert_eq!(app.rows.len(), all - 1);
    press(&mut app, 'v');
    assert_eq!(app.filter, Filter::Agreed);
    let nodes = app
        .rows
        .iter()
        .filter(|r| matches!(r, stance::tui::outline::Row::Node { .. }))
        .count();
    assert_eq!(nodes, 1);
}

#[test]
fn export_merge_and_orphans_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = article();
    let mut paths = Vec::new();
    for (name, s) in [
        ("ana", Stance::Agree),
        ("ben", Stance::Dispute),
        ("cai", Stance::Dispute),
    ] {
        let mut m = Marks::new(&doc, Some(name.into()));
        m.set_stance(&doc, idx(&doc, "c-thesis"), Some(s));
        let path = dir.path().join(format!("{name}.marks.json"));
        std::fs::write(&path, m.to_json(&doc)).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let out = stance(&["export", "--marks", &paths[0], "--format", "w3c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let w3c: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(w3c["total"], 1);
    let out = stance(&["export", "--marks", &paths[0]]);
    assert_valid(&schema("marks.schema.json"), &stdout(&out));

    let mut args = vec!["merge", "--format", "table"];
    args.extend(paths.iter().map(String::as_str));
    let out = stance(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.contains("3 readers: ana, ben, cai"), "{table}");
    assert!(table.lines().nth(2).unwrap().starts_with("C1 "), "{table}");

    let out = stance(&["marks", "--marks", &paths[1], "--orphans"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("no orphaned marks"));

    // A damaged file is reported with its name and left alone.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{oops").unwrap();
    let out = stance(&["merge", &paths[0], bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.json:1:2"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "{oops");
}

fn select(app: &mut App, id: &str) {
    let i = app.doc.node_index(id).unwrap();
    app.visit(i);
}

#[test]
fn a_student_sees_why_a_claim_lost_its_footing_and_the_tension_in_agreeing() {
    let mut app = App::new(article(), UiLang::En, Mode::En, (120, 40));
    for id in ["e-chip-subsidy", "e-stargate"] {
        select(&mut app, id);
        press(&mut app, 'd');
    }
    select(&mut app, "c-subsidies");
    let idx = app.selected.unwrap();
    assert_eq!(app.status_of(idx), stance::analysis::Status::Unsupported);
    let pane: Vec<String> = stance::tui::panes::node_lines(&app, 60)
        .iter()
        .map(|l| l.text())
        .collect();
    let text = pane.join("\n");
    // Nodes are named by their labels, as everywhere in the reader.
    let label = |id: &str| app.graph.labels[app.doc.node_index(id).unwrap()].clone();
    let claim = label("c-subsidies");
    assert!(text.contains(&format!("{claim} is unsupported")), "{text}");
    let (a, b) = (label("e-chip-subsidy"), label("e-stargate"));
    assert!(text.contains(&format!("{a} and {b}")), "{text}");
    // Agreeing anyway is a tension, listed under t; Enter goes to the claim.
    press(&mut app, 'a');
    assert_eq!(app.tensions().count(), 1);
    select(&mut app, "c-thesis");
    press(&mut app, 't');
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.selected, Some(idx));
    assert!(app.overlays.is_empty());
}

#[test]
fn the_status_line_counts_follow_every_change_of_marks() {
    let doc = article();
    let mut marks = some_marks(&doc);
    // A mark on a node the document does not have: an orphan, counted apart.
    let mut gone = (**marks.by_node.values().next().unwrap()).clone();
    gone.node = "c-gone".into();
    marks.by_node.insert(gone.node.clone(), Arc::new(gone));
    let mut app = App::new(doc, UiLang::En, Mode::En, (120, 40))
        .with_marks(marks, stance::tui::app::Saving::Nowhere);
    let check = |app: &App, step: &str| {
        let counts = app.marks.counts(&app.doc);
        assert_eq!(app.counts(), counts, "after {step}");
        assert_eq!(counts.orphans, 1);
        let line = stance::tui::panes::status_line(app, 300).text();
        assert!(
            line.contains(&format!(
                " {}/{} marked",
                counts.marked,
                app.doc.nodes.len()
            )) && line.contains("1 marks on nodes"),
            "after {step}: {line}"
        );
    };
    check(&app, "opening");
    for (id, key) in [
        ("c-thesis", 'a'),
        ("e-stargate", 'd'),
        ("e-stargate", 'u'),
        ("c-thesis", 'x'),
        ("c-thesis", 'x'),
        ("e-chip-subsidy", 'a'),
    ] {
        select(&mut app, id);
        press(&mut app, key);
        check(&app, &format!("{key} on {id}"));
    }
    // A note alone marks a node; clearing it with x unmarks it.
    select(&mut app, "c-subsidies");
    press(&mut app, 'c');
    for c in "why?".chars() {
        press(&mut app, c);
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    check(&app, "a note");
    press(&mut app, 'x');
    check(&app, "clearing the note");
}

#[test]
fn new_marks_get_the_documents_digest_before_they_are_written() {
    let doc = article();
    let expected = stance::marks::digest(&doc);
    let marks = Marks::without_digest(&doc, None);
    assert!(marks.digest_missing());
    let mut app = App::open(
        doc,
        marks,
        stance::tui::app::Saving::Nowhere,
        UiLang::En,
        Mode::En,
        (120, 40),
    );
    app.settle_digest();
    assert_eq!(app.marks.document.digest, expected);
    assert!(app.marks.to_json(&app.doc).contains(&expected));
    // Marks that have one keep it.
    let mut other = some_marks(&app.doc);
    other.document.digest = "sha256:recorded-when-the-file-was-made".into();
    let mut app = app.with_marks(other, stance::tui::app::Saving::Nowhere);
    app.settle_digest();
    assert_eq!(
        app.marks.document.digest,
        "sha256:recorded-when-the-file-was-made"
    );
}

#[test]
fn the_node_pane_says_what_disputing_would_cost() {
    let mut app = App::new(article(), UiLang::En, Mode::En, (120, 40));
    select(&mut app, "e-chip-subsidy");
    press(&mut app, 'd');
    select(&mut app, "e-stargate");
    let lines: Vec<String> = stance::tui::panes::node_lines(&app, 100)
        .iter()
        .map(|l| l.text())
        .collect();
    let label = &app.graph.labels[app.doc.node_index("c-subsidies").unwrap()];
    assert!(
        lines
            .iter()
            .any(|l| l.contains("lose their last support") && l.contains(label.as_str())),
        "{lines:#?}"
    );
}

#[test]
fn cruxes_list_the_class_split_and_lead_to_the_node() {
    let doc = article();
    let files = vec![
        student(
            &doc,
            "a",
            &[("e-dau", Stance::Agree), ("c-lessons", Stance::Agree)],
            "1",
        ),
        student(
            &doc,
            "b",
            &[("e-dau", Stance::Agree), ("c-lessons", Stance::Dispute)],
            "1",
        ),
    ];
    let (class, _) = merge(files).unwrap();
    let mut app = App::new(doc, UiLang::En, Mode::En, (120, 40)).with_class(class);
    press(&mut app, 'C');
    let lines = stance::tui::panes::list_lines(&app, stance::tui::app::ListKind::Cruxes, 0, 80);
    assert!(lines[0].text().contains(" 1✓  1✗"), "{}", lines[0].text());
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.selected, app.doc.node_index("c-lessons"));
    let pane: Vec<String> = stance::tui::panes::node_lines(&app, 80)
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(
        pane.iter()
            .any(|l| l.starts_with("Class: 1 agree · 1 dispute · 0 unsure")),
        "{pane:#?}"
    );
}

/// The marks file as stance wrote it before saving was made O(marks): every
/// node of the document looked up in turn, then the orphans, cloned, as pretty JSON.
fn old_to_json(m: &Marks, doc: &Document) -> String {
    let mut marks: Vec<Mark> = doc
        .nodes
        .iter()
        .filter_map(|n| m.by_node.get(&n.id).map(|a| Mark::clone(a)))
        .collect();
    marks.extend(
        m.by_node
            .values()
            .filter(|mark| doc.node(&mark.node).is_none())
            .map(|a| Mark::clone(a)),
    );
    let file = MarksFile {
        schema: SCHEMA.to_string(),
        document: m.document.clone(),
        reader: m.reader.clone(),
        reader_id: None,
        created: m.created.clone(),
        updated: m.updated.clone(),
        marks,
        additions: Vec::new(),
        last_addition: None,
    };
    let mut s = serde_json::to_string_pretty(&file).unwrap();
    s.push('\n');
    s
}

/// Marks on every third node of the article, with notes that need escaping,
/// and orphans whose ids sort before, among and after the article's.
fn marks_with_orphans(doc: &Document, reader: Option<&str>) -> Marks {
    let mut m = Marks::new(doc, reader.map(str::to_string));
    for i in (0..doc.nodes.len()).step_by(3) {
        m.set_stance(doc, i, Some(Stance::ALL[i % 3]));
        if i % 2 == 0 {
            m.set_note(doc, i, &format!("note {i}: \"quoted\" \\ 中文 — tab\there"));
        }
    }
    for id in ["0-first", "c-gone", "r-zzz", "zz-last"] {
        assert!(doc.node(id).is_none());
        m.by_node.insert(
            id.to_string(),
            Arc::new(Mark {
                node: id.to_string(),
                stance: Some(Stance::Unsure),
                note: Some(format!("on {id}, which went away")),
                at: "2026-01-02T03:04:05Z".into(),
                text: "text as it was".into(),
                quote: Some("«quote»".into()),
            }),
        );
    }
    m
}

#[test]
fn saving_writes_the_same_bytes_as_before_orphans_included() {
    let doc = article();
    for reader in [Some("ana"), None] {
        let m = marks_with_orphans(&doc, reader);
        let old = old_to_json(&m, &doc);
        // The test means something only if document order is not id order.
        let in_id_order: Vec<&str> = m.by_node.keys().map(String::as_str).collect();
        let file = m.to_file(&doc);
        let in_file_order: Vec<&str> = file.marks.iter().map(|k| k.node.as_str()).collect();
        assert_ne!(in_id_order, in_file_order);
        assert_eq!(
            &in_file_order[in_file_order.len() - 4..],
            ["0-first", "c-gone", "r-zzz", "zz-last"],
            "orphans last, in id order"
        );
        assert_eq!(m.to_json(&doc), old);
        assert_eq!(file.to_json(), old);
        let snapshot = m.snapshot(&doc);
        assert_eq!(snapshot.to_json(), old, "the writer thread's form too");
        assert_eq!(
            snapshot
                .marks
                .iter()
                .map(|k| k.node.as_str())
                .collect::<Vec<_>>(),
            in_file_order
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let opened = open(&path, &doc, None);
        opened.store.save(&m, &doc).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
        opened.store.save_snapshot(&snapshot).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
    }
    // And with no marks at all.
    let m = Marks::new(&doc, None);
    assert_eq!(m.to_json(&doc), old_to_json(&m, &doc));
}

#[test]
fn the_digest_is_sha256_of_the_graph_json() {
    use sha2::{Digest, Sha256};
    let minimal = load_text("m.yaml", MINIMAL.to_string()).document.unwrap();
    for doc in [article(), minimal] {
        let json = stance::output::json::to_json(&doc);
        assert!(json.ends_with("}\n"));
        let hex: String = Sha256::digest(json.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(stance::marks::digest(&doc), format!("sha256:{hex}"));
    }
}

#[test]
fn the_writer_thread_saves_the_newest_marks_and_releases_the_lock() {
    use stance::marks::writer;
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    let opened = open(&path, &doc, None);
    assert!(opened.store.writable());
    let mut w = writer::for_store(opened.store);
    let mut m = opened.marks;
    let thesis = idx(&doc, "c-thesis");
    for stance in [Stance::Agree, Stance::Dispute, Stance::Unsure] {
        m.set_stance(&doc, thesis, Some(stance));
        w.submit(m.snapshot(&doc));
    }
    // While the writer owns the store, no one else may write.
    assert!(!open(&path, &doc, None).store.writable());
    let results = w.finish();
    assert!(
        !results.is_empty() && results.iter().all(Result::is_ok),
        "{results:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), m.to_json(&doc));
    assert!(
        open(&path, &doc, None).store.writable(),
        "the lock went with the writer"
    );
}

#[test]
fn the_writer_thread_reports_a_failed_save() {
    use stance::marks::writer;
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    let opened = open(&path, &doc, None);
    let mut w = writer::for_store(opened.store);
    // The marks file's place becomes a directory: the rename cannot replace it.
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("keep"), "x").unwrap();
    w.submit(opened.marks.snapshot(&doc));
    assert!(w.flush());
    let results = w.results();
    assert!(matches!(results.as_slice(), [Err(_)]), "{results:?}");
}

#[test]
fn counts_in_one_pass_agree_with_marked_count_and_orphans() {
    let doc = article();
    for m in [
        Marks::new(&doc, None),
        some_marks(&doc),
        marks_with_orphans(&doc, None),
    ] {
        let counts = m.counts(&doc);
        assert_eq!(counts.marked, m.marked_count(&doc));
        assert_eq!(counts.orphans, m.orphans(&doc).count());
    }
    assert_eq!(marks_with_orphans(&doc, None).counts(&doc).orphans, 4);
}

// ----- the marks file on disk: locks, temporaries, links, other users -----

#[cfg(unix)]
mod on_disk {
    use super::*;
    use stance::marks::store::{Trouble, Unsaved};
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

    const TROUBLES: [Trouble; 8] = [
        Trouble::DiskFull,
        Trouble::NoPermission,
        Trouble::ReadOnlyDisk,
        Trouble::InTheWay,
        Trouble::FolderGone,
        Trouble::LockIsLink,
        Trouble::LockOfAnother,
        Trouble::FileOfAnother,
    ];

    #[test]
    fn why_marks_are_not_saved_is_said_in_both_languages() {
        use stance::tui::i18n::strings;
        for t in TROUBLES {
            let u = Unsaved {
                trouble: t,
                path: "/data/m.json".into(),
            };
            let en = strings(UiLang::En).unsaved(&u);
            let zh = strings(UiLang::Zh).unsaved(&u);
            // The catalogue's English is the words outside the reader too.
            assert_eq!(en, u.to_string(), "{t:?}");
            assert!(zh.ends_with("(/data/m.json)"), "{zh}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{t:?} in Chinese: {zh}"
            );
        }
        // A path from the disk is shown, never obeyed.
        let u = Unsaved {
            trouble: Trouble::DiskFull,
            path: "/tmp/\u{1b}[2Jx.json".into(),
        };
        assert!(!strings(UiLang::En).unsaved(&u).contains('\u{1b}'));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Some user who is not the one running the tests.
    const OTHER_UID: u32 = 4242;

    /// Gives `path` to [`OTHER_UID`]; `false` when this user may not (only root may).
    fn give_away(path: &Path) -> bool {
        std::os::unix::fs::lchown(path, Some(OTHER_UID), None).is_ok()
    }

    #[test]
    fn a_file_in_the_way_of_the_marks_folder_is_named_in_stances_words() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "x").unwrap();
        let opened = open(&blocked.join("sub/m.json"), &doc, None);
        match &opened.store.read_only {
            Some(ReadOnly::Refused(u)) => {
                assert_eq!(
                    (u.trouble, u.path.as_path()),
                    (Trouble::InTheWay, blocked.join("sub").as_path())
                );
            }
            other => panic!("saving must be off, saying why: {other:?}"),
        }
    }

    #[test]
    fn the_lock_file_goes_with_the_store_on_every_way_out() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ben.json");
        let opened = open(&path, &doc, None);
        assert!(opened.store.writable());
        assert!(dir.path().join("ben.json.lock").exists(), "held while open");
        // A second reader, refused the lock, does not remove the first one's.
        let second = open(&path, &doc, None);
        assert_eq!(second.store.read_only, Some(ReadOnly::Locked));
        drop(second);
        assert!(dir.path().join("ben.json.lock").exists());
        opened.store.save(&some_marks(&doc), &doc).unwrap();
        drop(opened);
        assert_eq!(names(dir.path()), vec!["ben.json".to_string()]);
        // Through the writer thread, as the reader saves.
        let opened = open(&path, &doc, None);
        let mut w = stance::marks::writer::for_store(opened.store);
        w.submit(opened.marks.snapshot(&doc));
        assert!(w.finish().iter().all(Result::is_ok));
        assert_eq!(names(dir.path()), vec!["ben.json".to_string()]);
        // A lock left by a stance killed with -9 is taken over, and then removed too.
        std::fs::write(dir.path().join("ben.json.lock"), "").unwrap();
        let opened = open(&path, &doc, None);
        assert!(opened.store.writable(), "a lock no one holds is free");
        drop(opened);
        assert_eq!(names(dir.path()), vec!["ben.json".to_string()]);
    }

    #[test]
    fn only_stances_own_temporaries_are_removed_at_start() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.json");
        let users = [
            ".notes.json.backup",
            ".notes.json.old123",
            ".notes.json.stance-tmp-",
            ".notes.json.stance-tmp-12x",
            ".other.json.stance-tmp-12",
            "notes.json.stance-tmp-12",
        ];
        for name in users {
            std::fs::write(dir.path().join(name), "the user's").unwrap();
        }
        let stale = dir.path().join(".notes.json.stance-tmp-12345");
        std::fs::write(&stale, "left by a killed stance").unwrap();
        let opened = open(&path, &doc, None);
        assert!(opened.store.writable());
        assert!(!stale.exists(), "stance's own temporary is cleaned up");
        for name in users {
            assert_eq!(
                std::fs::read_to_string(dir.path().join(name)).unwrap(),
                "the user's",
                "{name} is the user's"
            );
        }
    }

    #[test]
    fn a_temporary_of_another_user_is_never_removed() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let planted = dir.path().join(".m.json.stance-tmp-999");
        std::fs::write(&planted, "someone else's").unwrap();
        if !give_away(&planted) {
            eprintln!("skipped: only root can give a file to another user");
            return;
        }
        drop(open(&dir.path().join("m.json"), &doc, None));
        assert!(planted.exists());
    }

    #[test]
    fn a_linked_marks_file_is_written_through_the_link() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/ben.json");
        let link = dir.path().join("notes.json");
        symlink("real/ben.json", &link).unwrap();
        let opened = open(&link, &doc, None);
        assert!(opened.store.writable());
        let marks = some_marks(&doc);
        opened.store.save(&marks, &doc).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link stays a link"
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            marks.to_json(&doc)
        );
        assert_eq!(
            mode(&target) & !0o644,
            0,
            "never wider than rw-r--r--: {:o}",
            mode(&target)
        );
        // A second save replaces the target again, and only the target.
        let mut more = marks.clone();
        more.set_stance(&doc, idx(&doc, "c-thesis"), Some(Stance::Unsure));
        opened.store.save(&more, &doc).unwrap();
        assert_eq!(std::fs::read_to_string(&link).unwrap(), more.to_json(&doc));
        // One lock for the file, whichever way it is opened.
        let direct = open(&target, &doc, None);
        assert_eq!(direct.store.read_only, Some(ReadOnly::Locked));
        drop(direct);
        drop(opened);
        assert_eq!(
            names(&dir.path().join("real")),
            vec!["ben.json".to_string()]
        );
        assert_eq!(
            names(dir.path()),
            vec!["notes.json".to_string(), "real".to_string()]
        );
    }

    #[test]
    fn a_saved_file_is_never_wider_than_0644_and_a_private_one_stays_private() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let opened = open(&path, &doc, None);
        opened.store.save(&some_marks(&doc), &doc).unwrap();
        assert_eq!(mode(&path) & !0o644, 0, "{:o}", mode(&path));
        for (was, now) in [(0o600, 0o600), (0o777, 0o644), (0o666, 0o644)] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(was)).unwrap();
            opened.store.save(&some_marks(&doc), &doc).unwrap();
            assert_eq!(
                mode(&path),
                now & mode(&path),
                "{was:o} became {:o}",
                mode(&path)
            );
            assert_eq!(mode(&path) & !now, 0, "{was:o} became {:o}", mode(&path));
        }
    }

    #[test]
    fn a_planted_lock_link_is_refused_and_its_target_never_made() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        symlink(&victim, dir.path().join("m.json.lock")).unwrap();
        let opened = open(&dir.path().join("m.json"), &doc, None);
        match &opened.store.read_only {
            Some(ReadOnly::Refused(u)) => assert_eq!(u.trouble, Trouble::LockIsLink),
            other => panic!("a planted lock link must stop saving: {other:?}"),
        }
        assert!(!victim.exists(), "the link's target was not created");
    }

    #[test]
    fn a_planted_temporary_link_is_not_followed() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        let tmp = format!(".m.json.stance-tmp-{}", std::process::id());
        symlink(&victim, dir.path().join(tmp)).unwrap();
        let path = dir.path().join("m.json");
        let opened = open(&path, &doc, None);
        let result = opened.store.save(&some_marks(&doc), &doc);
        assert!(
            result.is_err(),
            "a link in the temporary's place stops the save"
        );
        assert!(!victim.exists(), "nothing was written through the link");
        let e = result.unwrap_err();
        let u = stance::marks::store::unsaved(&e).expect("said in stance's words");
        assert_eq!(u.trouble, Trouble::InTheWay, "{e}");
    }

    #[test]
    fn marks_and_locks_of_another_user_are_not_adopted() {
        let doc = article();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let mut planted = some_marks(&doc);
        planted.reader = Some("mallory".into());
        let text = planted.to_json(&doc);
        std::fs::write(&path, &text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        if !give_away(&path) {
            eprintln!("skipped: only root can give a file to another user");
            return;
        }
        let opened = open(&path, &doc, Some("ben".into()));
        match &opened.store.read_only {
            Some(ReadOnly::Refused(u)) => {
                assert_eq!(
                    (u.trouble, u.path.as_path()),
                    (Trouble::FileOfAnother, path.as_path())
                );
            }
            other => panic!("another user's marks file must not be written: {other:?}"),
        }
        assert_eq!(
            opened.marks.reader.as_deref(),
            Some("ben"),
            "not their name"
        );
        assert!(opened.marks.by_node.is_empty(), "not their marks");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert_eq!(std::fs::metadata(&path).unwrap().uid(), OTHER_UID);
        assert!(!dir.path().join("m.json.lock").exists(), "no lock is taken");
        // Their lock: they hold these marks, stance says so and does not save.
        let mine = dir.path().join("n.json");
        let lock = dir.path().join("n.json.lock");
        std::fs::write(&lock, "").unwrap();
        give_away(&lock);
        let opened = open(&mine, &doc, None);
        match &opened.store.read_only {
            Some(ReadOnly::Refused(u)) => assert_eq!(u.trouble, Trouble::LockOfAnother),
            other => panic!("another user's lock must be refused: {other:?}"),
        }
        drop(opened);
        assert!(lock.exists(), "their lock is left alone");
    }
}
