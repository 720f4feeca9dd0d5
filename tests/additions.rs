//! A reader's own nodes in the marks file (`stance.marks/2`): files the
//! previous version wrote read and write back unchanged, adding a node
//! upgrades them without losing a byte of meaning and removing it goes back,
//! saving goes through the store and the writer thread, bad additions are
//! refused at their line and column, hostile text is made safe, and random
//! sequences of changes always leave a valid file.

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;
use stance::marks::additions::{Addition, AdditionRelation, Draft};
use stance::marks::store::open;
use stance::marks::writer::for_store;
use stance::marks::{Marks, SCHEMA, SCHEMA_2, Stance, parse};
use stance::model::{Bilingual, Document, NodeKind, RelationKind, load_embedded, load_text};

fn article() -> Document {
    load_embedded().document.unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/marks-v1")
        .join(name)
}

fn renamed_tiny() -> Document {
    let text = std::fs::read_to_string(fixture("tiny-renamed.yaml")).unwrap();
    load_text("tiny-renamed.yaml", text).document.unwrap()
}

fn validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schemas/marks.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn valid(json: &str) -> Result<(), String> {
    let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{errors:#?}\n{json}"))
    }
}

fn en(text: &str) -> Bilingual {
    Bilingual {
        zh: String::new(),
        en: text.into(),
    }
}

fn relation(to: &str, kind: RelationKind) -> AdditionRelation {
    AdditionRelation {
        to: to.into(),
        kind,
        link: None,
    }
}

/// The evidence of the issue's "Done when": the words quoted from s1p13.
fn team_evidence(supports: &str) -> Draft {
    let mut d = Draft::new(
        NodeKind::Evidence,
        Bilingual {
            zh: "一个百来人的团队就做到了".into(),
            en: String::new(),
        },
    );
    d.quote = Some("一个百来人的 AI 创业团队".into());
    d.paragraph = Some("s1p13".into());
    d.relations.push(relation(supports, RelationKind::Supports));
    d
}

/// Both files with `updated` taken out (it changes with every edit) and, for
/// the upgraded one, what version 2 adds.
fn meaning_of_v1(json: &str) -> Value {
    let mut v: Value = serde_json::from_str(json).unwrap();
    let o = v.as_object_mut().unwrap();
    for key in [
        "updated",
        "schema",
        "additions",
        "reader_id",
        "last_addition",
    ] {
        o.remove(key);
    }
    v
}

#[test]
fn files_the_previous_version_wrote_read_and_write_back_byte_for_byte() {
    for (name, doc) in [
        ("deepseek.json", article()),
        ("tiny-with-orphan.json", renamed_tiny()),
    ] {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let file = parse(name, &text, Some(&doc)).unwrap();
        assert_eq!(file.schema, SCHEMA);
        let marks = Marks::from_file(file);
        assert!(marks.additions().is_empty());
        assert_eq!(marks.to_json(&doc), text, "{name}");
    }
}

#[test]
fn adding_a_node_upgrades_to_v2_and_removing_it_goes_back_keeping_every_mark() {
    for (name, doc, target) in [
        ("deepseek.json", article(), "c-thesis"),
        ("tiny-with-orphan.json", renamed_tiny(), "c-main"),
    ] {
        let original = std::fs::read_to_string(fixture(name)).unwrap();
        let mut marks = Marks::from_file(parse(name, &original, Some(&doc)).unwrap());
        let mut d = Draft::new(NodeKind::Rebuttal, en("One team is not a policy."));
        d.relations.push(relation(target, RelationKind::Rebuts));
        let id = marks.add_addition(d);

        let v2 = marks.to_json(&doc);
        valid(&v2).unwrap();
        let value: Value = serde_json::from_str(&v2).unwrap();
        assert_eq!(value["schema"], SCHEMA_2);
        assert_eq!(value["additions"][0]["id"], id.as_str());
        assert_eq!(value["additions"][0]["relations"][0]["to"], target);
        assert_eq!(meaning_of_v1(&v2), meaning_of_v1(&original), "{name}");

        // Read back as version 2: everything, the additions too.
        let again = Marks::from_file(parse(name, &v2, Some(&doc)).unwrap());
        assert_eq!(again, marks);
        assert_eq!(
            again.to_json(&doc),
            v2,
            "a /2 file writes back byte for byte"
        );

        // Removing the last addition makes it a /1 file again, as it was.
        let mut back = again;
        back.delete_addition(&id).unwrap();
        let v1 = back.to_json(&doc);
        assert_eq!(
            serde_json::from_str::<Value>(&v1).unwrap()["schema"],
            SCHEMA
        );
        // The reader keeps their id (their namespace); nothing else differs.
        let kept = back.reader_id.clone().unwrap();
        assert!(v1.contains(&format!("\"reader_id\": \"{kept}\"")), "{v1}");
        assert_eq!(meaning_of_v1(&v1), meaning_of_v1(&original), "{name}");
        valid(&v1).unwrap();
    }
}

#[test]
fn additions_are_saved_through_the_writer_thread_and_read_back() {
    let doc = article();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana.marks.json");
    let opened = open(&path, &doc, Some("ana".into()));
    assert!(opened.store.writable());
    let mut marks = opened.marks;
    if marks.digest_missing() {
        marks.document.digest = stance::marks::digest(&doc);
    }
    let mut writer = for_store(opened.store);
    let mut claim = Draft::new(NodeKind::Claim, en("Small teams can beat sanctions."));
    claim
        .relations
        .push(relation("c-thesis", RelationKind::Supports));
    let claim = marks.add_addition(claim);
    writer.submit(marks.snapshot(&doc));
    marks.add_addition(team_evidence(&claim));
    let overlay = marks.with_overlay(&doc);
    let i = overlay.doc.node_index(&claim).unwrap();
    marks.set_stance(&overlay.doc, i, Some(Stance::Agree));
    writer.submit(marks.snapshot(&overlay.doc));
    let results = writer.finish();
    assert!(results.iter().all(Result::is_ok), "{results:?}");

    let text = std::fs::read_to_string(&path).unwrap();
    valid(&text).unwrap();
    let reopened = open(&path, &doc, None);
    assert!(reopened.problems.is_none(), "{:?}", reopened.problems);
    assert_eq!(reopened.marks, marks);
    assert_eq!(reopened.marks.stance(&claim), Some(Stance::Agree));
    assert_eq!(reopened.marks.counts(&doc).orphans, 0);
}

/// The report for a marks file `text` stance refuses, as the command line prints it.
fn refused(text: &str) -> String {
    let doc = article();
    match parse("m.json", text, Some(&doc)) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(report) => report.to_string(),
    }
}

fn v2_with(additions: &str) -> String {
    format!(
        r#"{{
  "schema": "stance.marks/2",
  "document": {{"id": "deepseek-industrial-policy", "title": "t", "digest": "sha256:0000000000000000000000000000000000000000000000000000000000000000"}},
  "reader": "ana",
  "reader_id": "r00000001",
  "created": "2026-12-01T00:00:00Z",
  "updated": "2026-12-01T00:00:00Z",
  "marks": [],
  "additions": [
    {additions}
  ]
}}
"#
    )
}

const GOOD: &str = r#"{"id": "r00000001.1", "kind": "claim", "text": {"zh": "", "en": "mine"}, "relations": [], "created": "2026-12-01T00:00:00Z", "updated": "2026-12-01T00:00:00Z"}"#;

#[test]
fn bad_additions_are_refused_at_their_line_and_column() {
    let cases = [
        (
            GOOD.replace("\"claim\"", "\"opinion\""),
            "unknown variant `opinion`",
        ),
        (
            GOOD.replace(
                "\"relations\": []",
                "\"relations\": [{\"to\": \"\", \"kind\": \"rebuts\"}]",
            ),
            "points at nothing",
        ),
        (
            GOOD.replace(
                "\"relations\": []",
                "\"relations\": [{\"to\": \"e-dau\", \"kind\": \"undercuts\"}]",
            ),
            "has no `link`",
        ),
        (
            GOOD.replace("{\"zh\": \"\", \"en\": \"mine\"}", "5"),
            "invalid type",
        ),
        (
            GOOD.replace("\"relations\": []", "\"relations\": {}"),
            "invalid type",
        ),
        (
            format!("{GOOD},\n    {GOOD}"),
            "two additions have the id `r00000001.1`",
        ),
    ];
    for (additions, says) in cases {
        let text = v2_with(&additions);
        let shown = refused(&text);
        assert!(shown.contains(says), "{says}: {shown}");
        // Placed: file, line and column, on one of the additions' lines.
        let line: usize = shown
            .strip_prefix("m.json:")
            .and_then(|rest| rest.split(':').next())
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| panic!("no line in {shown}"));
        assert!((10..=11).contains(&line), "line {line}: {shown}");
        assert!(shown.starts_with(&format!("m.json:{line}:")) && shown.contains(": error: "));
    }
    // The good one is accepted.
    parse("m.json", &v2_with(GOOD), Some(&article())).unwrap();
}

#[test]
fn hostile_text_in_additions_is_made_safe_and_huge_text_loads() {
    let hostile = r"\u001b[2J\u001b]0;pwned\u0007\u202e\u0000\r";
    let additions = GOOD
        .replace("\"mine\"", &format!("\"EN{hostile}\""))
        .replace("\"zh\": \"\"", &format!("\"zh\": \"ZH{hostile}\""))
        .replace(
            "\"relations\": []",
            &format!(
                "\"quote\": \"Q{hostile}\", \"paragraph\": \"s1p13{hostile}\", \"note\": \"N{hostile}\", \"relations\": [{{\"to\": \"c-thesis{hostile}\", \"kind\": \"rebuts\"}}]"
            ),
        );
    let doc = article();
    let file = parse("m.json", &v2_with(&additions), Some(&doc)).unwrap();
    let a = &file.additions[0];
    let mut seen = vec![&a.text.zh, &a.text.en, &a.relations[0].to];
    seen.extend([&a.quote, &a.paragraph, &a.note].into_iter().flatten());
    for s in seen {
        assert!(
            !s.chars()
                .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}')),
            "{s:?}"
        );
    }
    // The overlay names what it cannot place rather than failing.
    let marks = Marks::from_file(file);
    let overlay = marks.with_overlay(&doc);
    assert_eq!(overlay.orphans.len(), 2, "{:?}", overlay.orphans);

    // Four megabytes of text in one addition: read, placed, written back.
    let huge = "论".repeat(4 << 20 >> 2);
    let mut m = Marks::new(&doc, None);
    let id = m.add_addition(Draft::new(NodeKind::Claim, en(&huge)));
    let json = m.to_json(&doc);
    let back = Marks::from_file(parse("m.json", &json, Some(&doc)).unwrap());
    assert_eq!(back.addition(&id).unwrap().text.en.len(), huge.len());
    assert!(back.with_overlay(&doc).doc.node(&id).is_some());
}

/// One change a reader can make to their own nodes.
#[derive(Debug, Clone)]
enum Op {
    Add {
        kind: usize,
        text: String,
        anchored: bool,
        to: usize,
        relation: usize,
    },
    Edit {
        which: usize,
        text: String,
        note: Option<String>,
    },
    Delete {
        which: usize,
    },
    Undo,
    Mark {
        which: usize,
        stance: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let text = prop_oneof![
        3 => "[a-zA-Z 一个百来人的论点]{0,12}",
        1 => any::<String>(),
        1 => Just("\u{1b}[2J\u{7}\u{202e}\r\n\0x".to_string()),
    ];
    prop_oneof![
        4 => (0..3usize, text.clone(), any::<bool>(), 0..6usize, 0..3usize).prop_map(
            |(kind, text, anchored, to, relation)| Op::Add { kind, text, anchored, to, relation }
        ),
        2 => (0..8usize, text.clone(), proptest::option::of(text)).prop_map(
            |(which, text, note)| Op::Edit { which, text, note }
        ),
        2 => (0..8usize).prop_map(|which| Op::Delete { which }),
        1 => Just(Op::Undo),
        1 => (0..8usize, 0..3usize).prop_map(|(which, stance)| Op::Mark { which, stance }),
    ]
}

fn apply(m: &mut Marks, doc: &Document, deleted: &mut Vec<Addition>, op: Op) {
    let ids: Vec<String> = m.additions().iter().map(|a| a.id.clone()).collect();
    match op {
        Op::Add {
            kind,
            text,
            anchored,
            to,
            relation,
        } => {
            let mut d = Draft::new(NodeKind::ALL[kind], en(&text));
            if anchored {
                d.quote = Some("一个百来人的 AI 创业团队".into());
                d.paragraph = Some("s1p13".into());
            }
            let targets = ["c-thesis", "e-team-size", "gone-node"];
            let target = match to {
                0..=2 => targets[to].to_string(),
                _ => ids
                    .get(to - 3)
                    .cloned()
                    .unwrap_or_else(|| "c-thesis".into()),
            };
            let kind = RelationKind::ALL[relation];
            d.relations.push(AdditionRelation {
                to: target,
                kind,
                link: (kind == RelationKind::Undercuts).then(|| "c-thesis".to_string()),
            });
            m.add_addition(d);
        }
        Op::Edit { which, text, note } => {
            if let Some(id) = ids.get(which) {
                let mut d = Draft::of(m.addition(id).unwrap());
                d.text = en(&text);
                d.note = note;
                m.edit_addition(id, d);
            }
        }
        Op::Delete { which } => {
            if let Some(id) = ids.get(which) {
                deleted.push(m.delete_addition(id).unwrap());
            }
        }
        Op::Undo => {
            if let Some(a) = deleted.pop() {
                assert!(m.restore_addition(a));
            }
        }
        Op::Mark { which, stance } => {
            if let Some(id) = ids.get(which) {
                let overlay = m.with_overlay(doc);
                let i = overlay.doc.node_index(id).unwrap();
                m.set_stance(&overlay.doc, i, Some(Stance::ALL[stance]));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever a reader does to their own nodes, the file stays valid,
    /// reads back as exactly what was in memory, and ids stay unique.
    #[test]
    fn any_sequence_of_changes_keeps_the_file_valid_and_loadable(
        ops in proptest::collection::vec(op(), 1..24)
    ) {
        let doc = article();
        let mut m = Marks::new(&doc, Some("ana".into()));
        let mut deleted = Vec::new();
        for op in ops {
            apply(&mut m, &doc, &mut deleted, op);
            let json = m.to_json(&doc);
            prop_assert_eq!(&json, &m.to_file(&doc).to_json());
            valid(&json).map_err(TestCaseError::fail)?;
            let back = Marks::from_file(
                parse("m.json", &json, Some(&doc)).map_err(|r| TestCaseError::fail(r.to_string()))?,
            );
            prop_assert_eq!(&back, &m);
            let mut ids: Vec<&str> = m.additions().iter().map(|a| a.id.as_str()).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), n);
            let overlay = m.with_overlay(&doc);
            prop_assert_eq!(overlay.doc.nodes.len(), doc.nodes.len() + n);
        }
    }
}

#[test]
fn the_readmes_example_of_a_v2_file_is_valid_and_reads() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme
        .find("#### Your own arguments in the marks file")
        .expect("the section")..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let text = &section[start..start + section[start..].find("```").unwrap()];
    // The digest is shortened in the README; the schema wants a whole one.
    let whole = text.replace("sha256:…", &format!("sha256:{}", "0".repeat(64)));
    valid(&whole).unwrap();
    let doc = article();
    let marks = Marks::from_file(parse("README.md", text, Some(&doc)).unwrap());
    let overlay = marks.with_overlay(&doc);
    assert!(overlay.orphans.is_empty(), "{:?}", overlay.orphans);
    let analysis = stance::analysis::analyze(&overlay.doc, &marks);
    let thesis = analysis
        .claims
        .iter()
        .find(|c| c.node == "c-thesis")
        .unwrap();
    assert_eq!(thesis.because, ["r3f9a01bc.2"]);
}

/// The reader as it is (before it can add nodes) keeps a student's additions
/// when it saves: a /2 file opened, marked and saved is still /2, every
/// addition in it, and the marks on them where they were.
#[test]
fn the_reader_keeps_additions_it_cannot_show_yet_when_it_saves() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use stance::tui::app::{App, Effect, Saving};
    use stance::tui::i18n::UiLang;
    use stance::tui::reading::Mode;

    let doc = article();
    let mut marks = Marks::new(&doc, Some("ana".into()));
    let mut d = Draft::new(NodeKind::Rebuttal, en("One startup is not a policy."));
    d.relations.push(relation("c-thesis", RelationKind::Rebuts));
    let id = marks.add_addition(d);
    marks.add_addition(team_evidence(&id));
    let overlay = marks.with_overlay(&doc);
    marks.set_stance(
        &overlay.doc,
        overlay.doc.node_index(&id).unwrap(),
        Some(Stance::Agree),
    );
    let before = marks.clone();

    let mut app =
        App::new(doc.clone(), UiLang::En, Mode::Zh, (120, 40)).with_marks(marks, Saving::Nowhere);
    let effects = app.handle_key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
    assert_eq!(effects, vec![Effect::SaveMarks]);
    let saved = app.marks.snapshot(&app.doc).to_json();
    valid(&saved).unwrap();
    let back = Marks::from_file(parse("m.json", &saved, Some(&doc)).unwrap());
    assert_eq!(back.additions(), before.additions());
    assert_eq!(back.reader_id, before.reader_id);
    assert_eq!(back.stance(&id), Some(Stance::Agree));
    assert_eq!(back.stance("c-thesis"), Some(Stance::Dispute));
    assert_eq!(
        back.counts(&doc).orphans,
        0,
        "marks on her own nodes are not orphans"
    );
}

#[test]
fn a_file_with_additions_but_no_reader_id_takes_their_namespace_and_writes_back_valid() {
    let text = v2_with(GOOD).replace("  \"reader_id\": \"r00000001\",\n", "");
    assert!(!text.contains("reader_id"));
    let doc = article();
    let mut marks = Marks::from_file(parse("m.json", &text, Some(&doc)).unwrap());
    assert_eq!(marks.reader_id.as_deref(), Some("r00000001"));
    let id = marks.add_addition(Draft::new(NodeKind::Claim, en("another")));
    assert_eq!(id, "r00000001.2");
    valid(&marks.to_json(&doc)).unwrap();
}

#[test]
fn a_deleted_additions_id_is_never_given_again_even_after_saving_and_reopening() {
    let doc = article();
    let mut marks = Marks::new(&doc, Some("ana".into()));
    let first = marks.add_addition(Draft::new(NodeKind::Claim, en("first")));
    let second = marks.add_addition(Draft::new(NodeKind::Claim, en("second")));
    assert!(marks.delete_addition(&second).is_some());
    let json = marks.to_json(&doc);
    valid(&json).unwrap();
    let saved: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(saved["last_addition"], 2, "{json}");
    let mut reopened = Marks::from_file(parse("ana.marks.json", &json, Some(&doc)).unwrap());
    let third = reopened.add_addition(Draft::new(NodeKind::Claim, en("third")));
    assert_ne!(third, second, "the deleted addition's id is not reused");
    assert_ne!(third, first);
    assert_eq!(third.rsplit_once('.').unwrap().1, "3");
    // Deleting every addition (the file goes back to /1) keeps the number too.
    reopened.delete_addition(&first);
    reopened.delete_addition(&third);
    let json = reopened.to_json(&doc);
    valid(&json).unwrap();
    let mut again = Marks::from_file(parse("ana.marks.json", &json, Some(&doc)).unwrap());
    let fourth = again.add_addition(Draft::new(NodeKind::Claim, en("fourth")));
    assert_eq!(fourth.rsplit_once('.').unwrap().1, "4");
}

#[test]
fn a_file_without_last_addition_still_loads_and_counts_from_its_additions() {
    let doc = article();
    let mut marks = Marks::new(&doc, Some("ana".into()));
    let first = marks.add_addition(Draft::new(NodeKind::Claim, en("first")));
    let mut json: Value = serde_json::from_str(&marks.to_json(&doc)).unwrap();
    json.as_object_mut().unwrap().remove("last_addition");
    let text = serde_json::to_string_pretty(&json).unwrap();
    let mut reopened = Marks::from_file(parse("ana.marks.json", &text, Some(&doc)).unwrap());
    let next = reopened.add_addition(Draft::new(NodeKind::Claim, en("next")));
    assert_ne!(next, first);
}

#[test]
fn a_file_claiming_the_last_number_was_given_still_gets_distinct_ids_and_stays_loadable() {
    let doc = article();
    let mut marks = Marks::new(&doc, Some("ana".into()));
    marks.add_addition(Draft::new(NodeKind::Claim, en("first")));
    let mut json: Value = serde_json::from_str(&marks.to_json(&doc)).unwrap();
    json["last_addition"] = Value::from(u64::MAX);
    let text = serde_json::to_string_pretty(&json).unwrap();
    let mut reopened = Marks::from_file(parse("ana.marks.json", &text, Some(&doc)).unwrap());
    let a = reopened.add_addition(Draft::new(NodeKind::Claim, en("a")));
    let b = reopened.add_addition(Draft::new(NodeKind::Claim, en("b")));
    let ids: std::collections::HashSet<_> =
        reopened.additions().iter().map(|x| x.id.clone()).collect();
    assert_eq!(ids.len(), 3, "{a} {b}: every id distinct");
    let saved = reopened.to_json(&doc);
    let again = parse("ana.marks.json", &saved, Some(&doc)).expect("the file loads back");
    assert_eq!(Marks::from_file(again).additions().len(), 3);
}

/// Taking a reader's node out of the document in place, and putting it back,
/// gives the document a fresh overlay gives, index and all; an article's own
/// node is refused.
#[test]
fn a_readers_node_is_taken_out_and_put_back_in_place() {
    let doc = article();
    let mut marks = Marks::new(&doc, None);
    let mut ids = Vec::new();
    for (i, to) in ["c-thesis", "c-algorithms-over-compute", "c-thesis"]
        .into_iter()
        .enumerate()
    {
        let mut d = Draft::new(
            NodeKind::Rebuttal,
            Bilingual {
                zh: format!("第 {i} 条"),
                en: format!("number {i}"),
            },
        );
        d.relations.push(AdditionRelation {
            to: to.into(),
            kind: RelationKind::Rebuts,
            link: None,
        });
        ids.push(marks.add_addition(d));
    }
    let full = marks.with_overlay(&doc).doc;
    let middle = full.node_index(&ids[1]).unwrap();
    let at = full
        .relations
        .iter()
        .position(|r| r.from == ids[1])
        .unwrap();
    let mut cut = full.clone();
    assert!(cut.remove_node(middle, at..at + 1));
    let mut without = marks.clone();
    let gone = without.delete_addition(&ids[1]).unwrap();
    assert_eq!(cut, without.with_overlay(&doc).doc, "as if never added");
    let node = full.nodes[middle].clone();
    let relation = full.relations[at].clone();
    assert!(cut.insert_node(middle, node, vec![relation], at));
    assert_eq!(cut, full, "put back, as it was");
    without.restore_addition(gone);
    assert_eq!(without.with_overlay(&doc).doc, full);
    // The article's own nodes were built in: they stay.
    let before = cut.clone();
    assert!(!cut.remove_node(0, 0..0));
    assert_eq!(cut, before);
}
