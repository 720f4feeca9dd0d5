//! A shared class folder: `stance class DIR`, `--class-dir` on the commands,
//! what sync engines leave behind, and the folder followed live in the reader.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use stance::marks::{Marks, Stance};
use stance::model::{Document, load_embedded};
use stance::tui::app::{App, ClassLive};
use stance::tui::class_live::{ClassUpdate, ClassWatch};
use stance::tui::i18n::UiLang;
use stance::tui::reading::Mode;

use common::{HANG_LIMIT, stance_home, stance_home_ok, stderr, stdout};

fn article() -> Document {
    load_embedded().document.unwrap()
}

/// Writes `reader`'s marks into `dir`: `stance` on each node listed, with a note.
fn write_marks(dir: &Path, reader: &str, marks: &[(&str, Stance, &str)]) -> Marks {
    let doc = article();
    let mut m = Marks::new(&doc, Some(reader.to_string()));
    for (node, stance, note) in marks {
        let i = doc.node_index(node).unwrap();
        m.set_stance(&doc, i, Some(*stance));
        if !note.is_empty() {
            m.set_note(&doc, i, note);
        }
    }
    std::fs::write(dir.join(format!("{reader}.marks.json")), m.to_json(&doc)).unwrap();
    m
}

/// `stance class DIR --format json` run with `home` as the user's home: the
/// class file, checked against its schema, and what it said on stderr.
fn class_json(home: &Path, dir: &Path) -> (Value, String) {
    let out = stance_home_ok(home, &["class", dir.to_str().unwrap(), "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let errors: Vec<String> = class_schema()
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    (json, stderr(&out))
}

fn class_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schemas/class.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// A folder of two readers and every kind of leftover a sync engine makes.
fn a_class_with_leftovers(dir: &Path) {
    write_marks(
        dir,
        "ana",
        &[("c-thesis", Stance::Dispute, "one success proves nothing")],
    );
    write_marks(dir, "bo", &[("c-thesis", Stance::Agree, "")]);
    let ana = std::fs::read_to_string(dir.join("ana.marks.json")).unwrap();
    std::fs::write(
        dir.join("ana.sync-conflict-20261203-101010-ABCDEFG.marks.json"),
        &ana,
    )
    .unwrap();
    std::fs::write(
        dir.join("cy.marks.json"),
        ana[..ana.len() / 2].replace("\"ana\"", "\"cy\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("di.marks.json"),
        format!("<<<<<<< HEAD\n{ana}=======\n{ana}>>>>>>> origin\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("ed.marks.json"),
        ana.replace("stance.marks/1", "stance.marks/9"),
    )
    .unwrap();
    std::fs::write(
        dir.join("fay.marks.json"),
        ana.replace("\"id\": \"", "\"id\": \"another-"),
    )
    .unwrap();
    std::fs::write(dir.join("gus.marks.json"), "{ not json").unwrap();
    std::fs::write(dir.join("ana.marks.json.lock"), "").unwrap();
    std::fs::write(dir.join("README.md"), "our class").unwrap();
}

#[test]
fn the_class_command_merges_the_folder_and_names_every_leftover() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    a_class_with_leftovers(&dir);
    let before: Vec<(String, Vec<u8>)> = files_in(&dir);
    let (json, err) = class_json(home.path(), &dir);
    assert_eq!(json["schema"], "stance.class/1");
    assert_eq!(json["readers"], serde_json::json!(["ana", "bo"]));
    let thesis = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["node"] == "c-thesis")
        .unwrap();
    assert_eq!(
        (thesis["agree"].as_u64(), thesis["dispute"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(thesis["notes"][0]["stance"], "dispute");
    let line = err
        .lines()
        .find(|l| l.contains("files skipped"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("6 files skipped"), "{line}");
    for (file, why) in [
        (
            "ana.sync-conflict-20261203-101010-ABCDEFG.marks.json",
            "conflict copy",
        ),
        ("cy.marks.json", "half-written"),
        ("di.marks.json", "conflict copy"),
        ("ed.marks.json", "newer stance"),
        ("fay.marks.json", "another document"),
    ] {
        assert!(line.contains(&format!("{file} (")), "{file} in {line}");
        let at = line.find(file).unwrap();
        assert!(line[at..].contains(why), "{file}: {why} in {line}");
    }
    // `and 1 more`: gus, unreadable, is counted.
    assert!(line.contains("1 more"), "{line}");
    // Nothing in the folder was touched.
    assert_eq!(files_in(&dir), before);
}

#[test]
fn the_class_command_writes_what_merge_writes_for_the_same_files() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    write_marks(&dir, "ana", &[("c-thesis", Stance::Dispute, "no")]);
    write_marks(&dir, "bo", &[("c-thesis", Stance::Agree, "yes")]);
    for format in ["json", "table", "markdown"] {
        let class = stance_home(
            home.path(),
            &["class", dir.to_str().unwrap(), "--format", format],
        );
        let merge = stance_home(
            home.path(),
            &[
                "merge",
                dir.join("ana.marks.json").to_str().unwrap(),
                dir.join("bo.marks.json").to_str().unwrap(),
                "--format",
                format,
            ],
        );
        assert_eq!(stdout(&class), stdout(&merge), "{format}");
        assert!(!stdout(&class).is_empty());
    }
    // Chinese words for Chinese readers.
    let zh = stance_home(home.path(), &["class", dir.to_str().unwrap(), "--ui", "zh"]);
    assert!(stdout(&zh).contains("同意"), "{}", stdout(&zh));
}

#[test]
fn a_folder_that_cannot_be_read_is_named() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("no-such-class");
    let out = stance_home(home.path(), &["class", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-such-class"), "{}", stderr(&out));
}

#[test]
fn export_analyze_and_brief_take_the_readers_file_from_the_folder() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    write_marks(
        &dir,
        "ana",
        &[("c-thesis", Stance::Dispute, "ana's reason")],
    );
    write_marks(&dir, "bo", &[("c-thesis", Stance::Agree, "bo's reason")]);
    let d = dir.to_str().unwrap();
    let export = stance_home_ok(
        home.path(),
        &["export", "--class-dir", d, "--reader", "ana"],
    );
    assert!(stdout(&export).contains("ana's reason"));
    assert!(!stdout(&export).contains("bo's reason"));
    stance_home_ok(
        home.path(),
        &[
            "analyze",
            "--class-dir",
            d,
            "--reader",
            "bo",
            "--format",
            "json",
        ],
    );
    let brief = stance_home_ok(
        home.path(),
        &["brief", "--side", "against", "--class-dir", d],
    );
    // The class's split is in the brief as `--class` would put it.
    let merged = home.path().join("merged.json");
    stance_home_ok(
        home.path(),
        &[
            "merge",
            dir.join("ana.marks.json").to_str().unwrap(),
            dir.join("bo.marks.json").to_str().unwrap(),
            "-o",
            merged.to_str().unwrap(),
        ],
    );
    let by_file = stance_home(
        home.path(),
        &[
            "brief",
            "--side",
            "against",
            "--class",
            merged.to_str().unwrap(),
        ],
    );
    assert_eq!(stdout(&brief), stdout(&by_file));
    // --marks and --class-dir name two places for one reader's marks.
    let both = stance_home(
        home.path(),
        &["export", "--class-dir", d, "--marks", "x.json"],
    );
    assert_eq!(both.status.code(), Some(2));
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Waits for the watch's next update that satisfies `done`; a hang fails.
fn wait_for(watch: &ClassWatch, done: impl Fn(&ClassUpdate) -> bool) -> ClassUpdate {
    let start = Instant::now();
    loop {
        if let Some(u) = watch.take()
            && done(&u)
        {
            return u;
        }
        assert!(
            start.elapsed() < HANG_LIMIT,
            "the class folder was never seen to change"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_watch_follows_readers_coming_changing_and_going() {
    let dir = tempfile::tempdir().unwrap();
    let doc = article();
    let document = stance::marks::document_ref(&doc);
    let watch = ClassWatch::start(
        dir.path().to_path_buf(),
        document,
        Duration::from_millis(50),
    )
    .unwrap();
    let first = wait_for(&watch, |_| true);
    assert!(first.class.readers.is_empty());
    write_marks(dir.path(), "ana", &[("c-thesis", Stance::Agree, "")]);
    wait_for(&watch, |u| u.class.readers == ["ana"]);
    write_marks(dir.path(), "bo", &[("c-thesis", Stance::Dispute, "")]);
    let both = wait_for(&watch, |u| u.class.readers.len() == 2);
    let thesis = both
        .class
        .nodes
        .iter()
        .find(|n| n.node == "c-thesis")
        .unwrap();
    assert_eq!((thesis.agree, thesis.dispute), (1, 1));
    // Ana changes her mind.
    write_marks(dir.path(), "ana", &[("c-thesis", Stance::Dispute, "")]);
    let changed = wait_for(&watch, |u| {
        u.class
            .nodes
            .iter()
            .any(|n| n.node == "c-thesis" && n.dispute == 2)
    });
    assert_eq!(changed.class.readers, ["ana", "bo"]);
    // A file that goes away takes its reader out of the view.
    std::fs::remove_file(dir.path().join("bo.marks.json")).unwrap();
    let gone = wait_for(&watch, |u| u.class.readers.len() == 1);
    assert_eq!(gone.class.readers, ["ana"]);
    assert_eq!(gone.readers.len(), 1);
}

fn reader_with(update: ClassUpdate, anonymous: bool) -> App {
    let doc = article();
    let mut app = App::new(doc, UiLang::En, Mode::Both, (120, 40));
    app.class_live = Some(ClassLive::new(anonymous));
    app.class_changed(update);
    app
}

fn update_of(dir: &Path) -> ClassUpdate {
    let doc = article();
    let folder = stance::marks::folder::scan(dir, None).unwrap();
    ClassUpdate::of(folder, &stance::marks::document_ref(&doc))
}

#[test]
fn the_node_pane_shows_the_split_and_the_reasons_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut ana = write_marks(
        dir.path(),
        "ana",
        &[("c-thesis", Stance::Dispute, "older reason")],
    );
    let mut bo = write_marks(
        dir.path(),
        "bo",
        &[("c-thesis", Stance::Agree, "newer reason")],
    );
    // Times decide the order, not the names.
    let doc = article();
    for (m, at) in [
        (&mut ana, "2026-12-01T10:00:00Z"),
        (&mut bo, "2026-12-02T10:00:00Z"),
    ] {
        let mut file = m.to_file(&doc);
        file.marks[0].at = at.to_string();
        let reader = file.reader.clone().unwrap();
        std::fs::write(
            dir.path().join(format!("{reader}.marks.json")),
            file.to_json(),
        )
        .unwrap();
    }
    let app = reader_with(update_of(dir.path()), false);
    let thesis = doc.node_index("c-thesis").unwrap();
    let reasons = app.reasons(thesis);
    let said: Vec<(String, Option<Stance>, String)> = reasons
        .into_iter()
        .map(|r| (r.who, r.stance, r.note))
        .collect();
    assert_eq!(
        said,
        [
            (
                "bo".to_string(),
                Some(Stance::Agree),
                "newer reason".to_string()
            ),
            (
                "ana".to_string(),
                Some(Stance::Dispute),
                "older reason".to_string()
            ),
        ]
    );
    let mut app = app;
    app.select_node(thesis);
    let text: String = stance::tui::panes::node_lines(&app, 60)
        .iter()
        .map(|l| l.text() + "\n")
        .collect();
    let newer = text
        .find("✓ bo: newer reason")
        .unwrap_or_else(|| panic!("{text}"));
    let older = text
        .find("✗ ana: older reason")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(newer < older, "{text}");
    assert!(text.contains("Reasons"), "{text}");
    assert!(text.contains("Class: 1 agree"), "{text}");
}

#[test]
fn anonymous_classmates_are_numbered_the_same_all_session() {
    let dir = tempfile::tempdir().unwrap();
    write_marks(dir.path(), "bo", &[("c-thesis", Stance::Agree, "bo says")]);
    let mut app = reader_with(update_of(dir.path()), true);
    let thesis = article().node_index("c-thesis").unwrap();
    assert_eq!(app.reasons(thesis)[0].who, "student 1");
    // A classmate who comes later gets the next number; bo keeps hers.
    write_marks(
        dir.path(),
        "al",
        &[("c-thesis", Stance::Dispute, "al says")],
    );
    app.class_changed(update_of(dir.path()));
    let who: Vec<(String, String)> = app
        .reasons(thesis)
        .into_iter()
        .map(|r| (r.note, r.who))
        .collect();
    assert!(
        who.contains(&("bo says".into(), "student 1".into())),
        "{who:?}"
    );
    assert!(
        who.contains(&("al says".into(), "student 2".into())),
        "{who:?}"
    );
    assert!(
        !who.iter()
            .any(|(_, w)| w.contains("bo") || w.contains("al"))
    );
    // In Chinese.
    app.ui = UiLang::Zh;
    assert!(app.reasons(thesis).iter().any(|r| r.who == "学生 1"));
}

#[test]
fn leftovers_are_told_once_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    a_class_with_leftovers(dir.path());
    let mut app = reader_with(update_of(dir.path()), false);
    let said = app.message.clone().unwrap();
    assert!(said.starts_with("6 files skipped"), "{said}");
    app.message = None;
    // The same leftovers again are not news.
    app.class_changed(update_of(dir.path()));
    assert_eq!(app.message, None);
}

/// Writes `reader`'s marks with every mark's time set to `at`, so what is
/// newest does not depend on when the test runs.
fn write_marks_at(dir: &Path, reader: &str, at: &str, marks: &[(&str, Stance, &str)]) {
    let doc = article();
    let m = write_marks(dir, reader, marks);
    let mut file = m.to_file(&doc);
    for mark in &mut file.marks {
        mark.at = at.to_string();
    }
    file.created = at.to_string();
    file.updated = at.to_string();
    std::fs::write(dir.join(format!("{reader}.marks.json")), file.to_json()).unwrap();
}

fn render(app: &App) -> ratatui::buffer::Buffer {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| stance::tui::view::draw(f, app, &stance::tui::theme::Theme { color: false }))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn press(app: &mut App, c: char) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn a_class_of_three(dir: &Path) {
    write_marks_at(
        dir,
        "ana",
        "2026-12-01T09:00:00Z",
        &[
            ("c-thesis", Stance::Dispute, "one success proves nothing"),
            ("e-dau", Stance::Agree, ""),
        ],
    );
    write_marks_at(
        dir,
        "bo",
        "2026-12-01T09:05:00Z",
        &[("c-thesis", Stance::Agree, "the numbers say so")],
    );
    write_marks_at(
        dir,
        "cy",
        "2026-12-01T09:10:00Z",
        &[
            ("c-thesis", Stance::Dispute, ""),
            ("e-dau", Stance::Dispute, ""),
        ],
    );
}

#[test]
fn the_teachers_view_shows_who_marked_what_divides_and_the_newest_notes() {
    let dir = tempfile::tempdir().unwrap();
    a_class_of_three(dir.path());
    let doc = article();
    let mut app = App::new(doc.clone(), UiLang::En, Mode::Both, (100, 32));
    // Classmates vote without names; the teacher still sees them.
    app.class_live = Some(ClassLive::new(true));
    app.class_changed(update_of(dir.path()));
    app.message = None;
    press(&mut app, 'T');
    let screen = common::buffer_text(&render(&app));
    insta::assert_snapshot!("teacher_view", screen);
    for name in [
        "ana — marked: 2, notes: 1",
        "bo — marked: 1, notes: 1",
        "cy — marked: 2, notes: 0",
    ] {
        assert!(screen.contains(name), "{name}\n{screen}");
    }
    let newest = screen.find("bo · ").unwrap_or_else(|| panic!("{screen}"));
    let older = screen.find("ana · ").unwrap_or_else(|| panic!("{screen}"));
    assert!(newest < older, "{screen}");
    // The thesis (2 against 1) is the most divisive; the unmarked count is the rest.
    let unmarked = doc.nodes.len() - 2;
    assert!(
        screen.contains(&format!("Marked by no one ({unmarked})")),
        "{screen}"
    );
    // T again, and the article is back.
    press(&mut app, 'T');
    assert!(app.overlays.is_empty());
    // In Chinese.
    app.ui = UiLang::Zh;
    press(&mut app, 'T');
    let zh = common::buffer_text(&render(&app));
    assert!(
        zh.contains("谁标记了多少") && zh.contains("最新笔记"),
        "{zh}"
    );
}

#[test]
fn the_teachers_view_follows_the_folder_as_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    a_class_of_three(dir.path());
    let mut app = App::new(article(), UiLang::En, Mode::Both, (100, 32));
    app.class_live = Some(ClassLive::new(false));
    app.class_changed(update_of(dir.path()));
    press(&mut app, 'T');
    let before = common::buffer_text(&render(&app));
    assert!(before.contains("cy — marked: 2"), "{before}");
    std::fs::remove_file(dir.path().join("cy.marks.json")).unwrap();
    write_marks_at(
        dir.path(),
        "di",
        "2026-12-01T10:00:00Z",
        &[("c-thesis", Stance::Unsure, "not sure yet")],
    );
    app.class_changed(update_of(dir.path()));
    let after = common::buffer_text(&render(&app));
    assert!(!after.contains("cy — "), "{after}");
    assert!(after.contains("di — marked: 1, notes: 1"), "{after}");
    assert!(after.contains("? di · "), "{after}");
}

#[test]
fn without_a_class_folder_the_teachers_key_says_what_it_needs() {
    let mut app = App::new(article(), UiLang::En, Mode::Both, (100, 32));
    press(&mut app, 'T');
    assert!(app.overlays.is_empty());
    assert!(app.message.as_deref().unwrap().contains("--class-dir"));
}

/// Writes `reader`'s file with one argument of their own rebutting the thesis.
fn write_rebuttal(dir: &Path, reader: &str, id: &str, words: &str) -> String {
    use stance::marks::additions::{AdditionRelation, Draft};
    use stance::model::{Bilingual, NodeKind, RelationKind};
    let doc = article();
    let mut m = Marks::new(&doc, Some(reader.to_string()));
    m.reader_id = Some(id.to_string());
    let mut draft = Draft::new(
        NodeKind::Rebuttal,
        Bilingual {
            zh: String::new(),
            en: words.to_string(),
        },
    );
    draft.relations.push(AdditionRelation {
        to: "c-thesis".into(),
        kind: RelationKind::Rebuts,
        link: None,
    });
    let added = m.add_addition(draft);
    std::fs::write(dir.join(format!("{reader}.marks.json")), m.to_json(&doc)).unwrap();
    added
}

fn reader_following(dir: &Path, own: &str, own_id: &str, anonymous: bool) -> App {
    let doc = article();
    let mut app = App::new(doc.clone(), UiLang::En, Mode::Both, (120, 40));
    app.marks.reader = Some(own.to_string());
    app.marks.reader_id = Some(own_id.to_string());
    app.class_live = Some(
        ClassLive::new(anonymous)
            .with_arguments(std::sync::Arc::new(doc), Some(format!("{own}.marks.json"))),
    );
    app.class_changed(update_of(dir));
    app
}

#[test]
fn classmates_arguments_join_the_reader_as_nodes_by_their_authors_and_can_be_marked() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = write_rebuttal(
        dir.path(),
        "bo",
        &"b".repeat(32),
        "one firm is not a policy test",
    );
    // Ana's own argument is hers, not a classmate's: it is not laid over twice.
    let mine = write_rebuttal(dir.path(), "ana", &"a".repeat(32), "ana's own rebuttal");
    let mut app = reader_following(dir.path(), "ana", &"a".repeat(32), false);
    let i = app
        .doc
        .node_index(&theirs)
        .expect("bo's argument is a node");
    let node = &app.doc.nodes[i];
    assert_eq!(node.author.as_deref(), Some("bo"));
    assert_eq!(node.origin, stance::model::Origin::Reader);
    assert!(app.doc.node_index(&mine).is_none());
    // Ana agrees with bo's rebuttal, like any node.
    app.select_node(i);
    press(&mut app, 'a');
    assert_eq!(app.marks.stance(&theirs), Some(Stance::Agree));
    // Her file, saved, counts in the class: on the node and on bo's argument.
    std::fs::write(
        dir.path().join("ana.marks.json"),
        app.marks.to_json(&app.doc),
    )
    .unwrap();
    let update = update_of(dir.path());
    let split = update
        .class
        .nodes
        .iter()
        .find(|n| n.node == theirs)
        .unwrap();
    assert_eq!((split.agree, split.dispute), (1, 0));
    let listed = update
        .class
        .additions
        .iter()
        .find(|a| a.addition.id == theirs)
        .unwrap();
    assert_eq!((listed.reader.as_str(), listed.agree), ("bo", 1));
    app.class_changed(update);
    let i = app.doc.node_index(&theirs).unwrap();
    assert_eq!(app.class_of(i).map(|c| c.agree), Some(1));
}

#[test]
fn anonymous_classmates_arguments_carry_their_number() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = write_rebuttal(
        dir.path(),
        "bo",
        &"b".repeat(32),
        "one firm is not a policy test",
    );
    let app = reader_following(dir.path(), "ana", &"a".repeat(32), true);
    let i = app.doc.node_index(&theirs).unwrap();
    assert_eq!(app.doc.nodes[i].author.as_deref(), Some("student 1"));
}

#[test]
fn the_class_command_lists_classmates_arguments_with_their_authors() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    let theirs = write_rebuttal(&dir, "bo", &"b".repeat(32), "one firm is not a policy test");
    let (json, _) = class_json(home.path(), &dir);
    assert_eq!(json["additions"][0]["reader"], "bo");
    assert_eq!(json["additions"][0]["addition"]["id"], theirs.as_str());
}

#[test]
fn a_change_is_seen_by_the_filesystem_watch_before_the_next_poll() {
    let dir = tempfile::tempdir().unwrap();
    let doc = article();
    // A poll an hour away: only the watch can bring the change in.
    let watch = ClassWatch::start(
        dir.path().to_path_buf(),
        stance::marks::document_ref(&doc),
        Duration::from_secs(3600),
    )
    .unwrap();
    let first = wait_for(&watch, |_| true);
    assert!(first.class.readers.is_empty());
    write_marks(dir.path(), "ana", &[("c-thesis", Stance::Agree, "")]);
    let seen = wait_for(&watch, |u| !u.class.readers.is_empty());
    assert_eq!(seen.class.readers, ["ana"]);
}

#[test]
fn a_new_version_of_the_document_keeps_classmates_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = write_rebuttal(
        dir.path(),
        "bo",
        &"b".repeat(32),
        "one firm is not a policy test",
    );
    let mut app = reader_following(dir.path(), "ana", &"a".repeat(32), false);
    let mut changed = article();
    changed.nodes[0].text.en = "A thesis worded anew.".into();
    app.document_changed(changed);
    assert_eq!(app.doc.nodes[0].text.en, "A thesis worded anew.");
    let i = app
        .doc
        .node_index(&theirs)
        .expect("bo's argument is still a node");
    assert_eq!(app.doc.nodes[i].author.as_deref(), Some("bo"));
}

#[test]
fn a_new_version_of_the_document_arrives_in_a_class_without_arguments() {
    let dir = tempfile::tempdir().unwrap();
    write_marks(dir.path(), "bo", &[("c-thesis", Stance::Agree, "")]);
    let mut app = reader_following(dir.path(), "ana", &"a".repeat(32), false);
    let mut changed = article();
    changed.nodes[0].text.en = "A thesis worded anew.".into();
    app.document_changed(changed);
    assert_eq!(app.doc.nodes[0].text.en, "A thesis worded anew.");
}

/// The page's class section: from `<section id="class"` to its end.
fn class_section(page: &str) -> &str {
    let start = page
        .find("<section id=\"class\"")
        .expect("the page has a class section");
    let len = page[start..]
        .find("</section>")
        .expect("the class section ends");
    &page[start..start + len]
}

#[test]
fn the_html_page_shows_a_class_folder_as_the_merged_file_of_that_folder() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    write_marks(
        &dir,
        "ana",
        &[
            ("c-thesis", Stance::Dispute, "one success proves nothing"),
            ("e-dau", Stance::Agree, ""),
        ],
    );
    write_marks(
        &dir,
        "bo",
        &[
            ("c-thesis", Stance::Agree, "bo's reason"),
            ("e-dau", Stance::Agree, ""),
        ],
    );
    write_marks(&dir, "cy", &[("c-thesis", Stance::Unsure, "")]);
    // A sync engine's copy: told, never fatal, never counted.
    let ana = std::fs::read_to_string(dir.join("ana.marks.json")).unwrap();
    std::fs::write(
        dir.join("ana.sync-conflict-20261203-101010-ABCDEFG.marks.json"),
        &ana,
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let merged = home.path().join("merged.json");
    stance_home_ok(
        home.path(),
        &[
            "class",
            d,
            "--format",
            "json",
            "-o",
            merged.to_str().unwrap(),
        ],
    );
    let by_dir = stance_home_ok(
        home.path(),
        &[
            "export",
            "--format",
            "html",
            "--class-dir",
            d,
            "--reader",
            "zed",
        ],
    );
    assert!(
        stderr(&by_dir).contains("sync-conflict"),
        "the leftover is told: {}",
        stderr(&by_dir)
    );
    let by_file = stance_home_ok(
        home.path(),
        &[
            "export",
            "--format",
            "html",
            "--class",
            merged.to_str().unwrap(),
            "--reader",
            "zed",
        ],
    );
    let (page_dir, page_file) = (stdout(&by_dir), stdout(&by_file));
    let section = class_section(&page_dir);
    assert!(section.contains("one success proves nothing"));
    assert!(section.contains("bo&#39;s reason") || section.contains("bo&#x27;s reason"));
    assert!(section.contains("ana") && section.contains("cy"));
    assert_eq!(section, class_section(&page_file));
    // The leftover is not counted: three readers, not four.
    assert!(section.contains("(3)"), "{section}");
    // Both class sources at once are refused as contradictory.
    let both = stance_home(
        home.path(),
        &[
            "export",
            "--format",
            "html",
            "--class-dir",
            d,
            "--class",
            merged.to_str().unwrap(),
        ],
    );
    assert_eq!(both.status.code(), Some(2));
    // The page never replaces a reader's file in the folder.
    let ana_path = dir.join("ana.marks.json");
    let over = stance_home(
        home.path(),
        &[
            "export",
            "--format",
            "html",
            "--class-dir",
            d,
            "-o",
            ana_path.to_str().unwrap(),
        ],
    );
    assert_eq!(over.status.code(), Some(1), "{}", stderr(&over));
    assert_eq!(std::fs::read_to_string(&ana_path).unwrap(), ana);
}

/// Adds `name`'s mark `stance` on node `id` (a classmate's addition) to the
/// marks file `path`, as the reader would have saved it.
fn add_mark(path: &Path, id: &str, stance: Stance) {
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["marks"].as_array_mut().unwrap().push(
        serde_json::json!({"node": id, "stance": stance.name(), "at": "2026-12-01T00:00:00Z"}),
    );
    std::fs::write(path, file.to_string()).unwrap();
}

#[test]
fn the_html_page_shows_each_students_own_argument_under_what_it_answers() {
    use stance::marks::additions::{AdditionRelation, Draft};
    use stance::model::{Bilingual, NodeKind, RelationKind};
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    let doc = article();
    let mut ana = Marks::new(&doc, Some("ana".into()));
    let mut d = Draft::new(
        NodeKind::Rebuttal,
        Bilingual {
            zh: String::new(),
            en: "One lab's luck is not a policy".into(),
        },
    );
    d.relations.push(AdditionRelation {
        to: "c-thesis".into(),
        kind: RelationKind::Rebuts,
        link: None,
    });
    let id = ana.add_addition(d);
    std::fs::write(dir.join("ana.marks.json"), ana.to_json(&doc)).unwrap();
    write_marks(&dir, "bo", &[("c-thesis", Stance::Agree, "")]);
    write_marks(&dir, "cy", &[("c-thesis", Stance::Dispute, "")]);
    write_marks(&dir, "di", &[]);
    add_mark(&dir.join("bo.marks.json"), &id, Stance::Dispute);
    add_mark(&dir.join("cy.marks.json"), &id, Stance::Agree);
    add_mark(&dir.join("di.marks.json"), &id, Stance::Agree);

    let out = stance_home_ok(
        home.path(),
        &[
            "export",
            "--format",
            "html",
            "--class-dir",
            dir.to_str().unwrap(),
            "--reader",
            "zed",
        ],
    );
    let page = scraper::Html::parse_document(&stdout(&out));
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let thesis = doc.labels()[doc.node_index("c-thesis").unwrap()].clone();
    let groups: Vec<_> = page.select(&sel("#class ul.class-own > li")).collect();
    assert_eq!(groups.len(), 1, "one node answered");
    let head: String = groups[0]
        .select(&sel("p a.label"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(head, thesis);
    let own: Vec<String> = groups[0]
        .select(&sel("li.own"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(own.len(), 1);
    assert!(
        own[0].contains("One lab's luck is not a policy"),
        "{}",
        own[0]
    );
    assert!(
        own[0].contains("+R1"),
        "its label in the class view: {}",
        own[0]
    );
    assert!(
        own[0].contains("by ana — classmates: 2 agree, 1 dispute"),
        "{}",
        own[0]
    );
}

#[test]
fn classmates_arguments_are_read_only_but_can_be_marked_and_stay_while_the_reader_changes_their_own()
 {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use stance::tui::i18n::{fill, strings};
    let dir = tempfile::tempdir().unwrap();
    let theirs = write_rebuttal(
        dir.path(),
        "bo",
        &"b".repeat(32),
        "one firm is not a policy test",
    );
    let bos_file = std::fs::read(dir.path().join("bo.marks.json")).unwrap();
    let mut app = reader_following(dir.path(), "ana", &"a".repeat(32), false);
    let i = app.doc.node_index(&theirs).unwrap();
    app.select_node(i);
    let refused = fill(strings(UiLang::En).own.theirs, &["bo"]);
    // Edit, delete and relate-from are refused, naming the author.
    for key in ['E', 'D', 'R'] {
        app.message = None;
        let effects = app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
        assert!(effects.is_empty(), "{key}: {effects:?}");
        assert!(app.form.is_none(), "{key} opens no form");
        assert_eq!(app.message.as_deref(), Some(refused.as_str()), "{key}");
        assert!(app.marks.additions().is_empty(), "{key}");
        assert!(app.doc.node_index(&theirs).is_some(), "{key}");
    }
    assert!(
        app.relating.is_none(),
        "relating from bo's node never starts"
    );
    assert!(!fill(strings(UiLang::Zh).own.theirs, &["bo"]).contains("{0}"));
    // Marking it works, in ana's own marks.
    press(&mut app, 'd');
    assert_eq!(app.marks.stance(&theirs), Some(Stance::Dispute));
    // Ana adds, edits and deletes her own node: bo's stays laid over.
    app.select_node(0);
    press(&mut app, 'A');
    for c in "my own answer".chars() {
        press(&mut app, c);
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let mine = app.marks.additions()[0].id.clone();
    assert!(app.doc.node_index(&mine).is_some());
    assert!(app.doc.node_index(&theirs).is_some(), "after adding");
    press(&mut app, 'E');
    assert!(app.form.is_some(), "her own node opens to edit");
    press(&mut app, '!');
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.marks.addition(&mine).unwrap().text.en, "my own answer!");
    assert!(app.doc.node_index(&theirs).is_some(), "after editing");
    let i = app.doc.node_index(&theirs).unwrap();
    assert_eq!(app.doc.nodes[i].author.as_deref(), Some("bo"));
    app.select_node(app.doc.node_index(&mine).unwrap());
    press(&mut app, 'D');
    assert!(app.doc.node_index(&mine).is_none());
    assert!(app.doc.node_index(&theirs).is_some(), "after deleting");
    assert_eq!(app.marks.stance(&theirs), Some(Stance::Dispute));
    // Bo's file was never touched.
    assert_eq!(
        std::fs::read(dir.path().join("bo.marks.json")).unwrap(),
        bos_file
    );
}
