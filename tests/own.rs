//! A reader's own arguments in the reader, without a terminal: selecting words
//! of the article and the form that makes a node of them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stance::model::load_embedded;
use stance::tui::app::{App, Pane};
use stance::tui::i18n::UiLang;
use stance::tui::keymap::Scope;
use stance::tui::reading::Mode;

const PHRASE: &str = "一个百来人的 AI 创业团队";

fn app(mode: Mode) -> App {
    let doc = load_embedded().document.unwrap();
    App::new(doc, UiLang::En, mode, (120, 40))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The paragraph holding `words` in the article's original language: (section, paragraph, id).
fn paragraph_with(app: &App, words: &str) -> (usize, usize, String) {
    for (s, sec) in app.doc.sections.iter().enumerate() {
        for (p, para) in sec.paragraphs.iter().enumerate() {
            if para.text(app.doc.lang).contains(words) {
                return (s, p, para.id.clone());
            }
        }
    }
    panic!("no paragraph has {words}");
}

/// The text of the paragraph being selected in.
fn selecting_in(app: &App) -> &str {
    let sel = app.selection.as_ref().expect("selecting");
    app.doc.sections[sel.section].paragraphs[sel.paragraph].text(app.doc.lang)
}

/// The words selected now.
fn selected(app: &App) -> &str {
    app.selection.as_ref().unwrap().quote(selecting_in(app))
}

/// Starts selecting in the paragraph holding `words`, the caret moved by
/// word from the paragraph's start to where they begin.
fn caret_at(app: &mut App, words: &str) {
    let (s, p, _) = paragraph_with(app, words);
    app.select_paragraph(s, p);
    keys(app, "s0");
    for _ in 0..200 {
        let sel = app.selection.as_ref().unwrap();
        if selecting_in(app)[sel.head()..].starts_with(words) {
            return;
        }
        keys(app, "w");
    }
    panic!("the caret never reached {words}");
}

#[test]
fn selecting_by_word_in_the_article_gives_its_words_verbatim() {
    let mut a = app(Mode::Both);
    caret_at(&mut a, PHRASE);
    assert_eq!(a.scope(), Scope::Select);
    assert_eq!(a.focus, Pane::Reading);
    keys(&mut a, " ");
    // 一 个 百 来 人 的, AI, 创 业 团 队: eleven words.
    keys(&mut a, &"w".repeat(10));
    assert_eq!(selected(&a), "一个百来人的 AI 创业团");
    keys(&mut a, "w");
    assert_eq!(selected(&a), PHRASE);
    let (_, _, id) = paragraph_with(&a, PHRASE);
    assert_eq!(a.selection.as_ref().unwrap().paragraph_id, id);
    // Shrinking by character and growing by one again lands on the same words.
    press(&mut a, KeyCode::Left);
    assert_eq!(selected(&a), "一个百来人的 AI 创业团");
    press(&mut a, KeyCode::Right);
    assert_eq!(selected(&a), PHRASE);
    keys(&mut a, "q");
    assert!(
        a.selection.is_none(),
        "q stops selecting, and does not quit"
    );
    assert_eq!(a.scope(), Scope::Reader);
}

#[test]
fn a_view_of_the_translation_alone_shows_the_original_to_select_in() {
    let mut a = app(Mode::En);
    let (s, p, _) = paragraph_with(&a, PHRASE);
    a.select_paragraph(s, p);
    keys(&mut a, "s");
    assert_eq!(a.mode, Mode::Both, "the quote is the article's own words");
    keys(&mut a, "0 $");
    assert_eq!(
        selected(&a),
        a.doc.sections[s].paragraphs[p].text(a.doc.lang)
    );
}

#[test]
fn the_selection_is_drawn_over_exactly_the_words_selected() {
    use stance::tui::selection::on_line;
    let mut a = app(Mode::Both);
    caret_at(&mut a, PHRASE);
    keys(&mut a, " ");
    keys(&mut a, &"w".repeat(11));
    let sel = a.selection.clone().unwrap();
    let text = a.section_text(sel.section);
    let range = text.paragraphs[sel.paragraph].clone();
    let drawn: String = text.lines[range]
        .iter()
        .flat_map(|l| {
            on_line(l, sel.span())
                .into_iter()
                .map(move |r| l.text[r].to_string())
        })
        .collect();
    assert_eq!(
        drawn, PHRASE,
        "badges among the words are not drawn as selected"
    );
}

#[test]
fn every_line_of_the_original_knows_where_in_its_paragraph_it_starts() {
    use stance::tui::selection::on_line;
    for cols in [40, 57, 120, 200] {
        let a = {
            let doc = load_embedded().document.unwrap();
            App::new(doc, UiLang::En, Mode::Both, (cols, 30))
        };
        let mut lines = 0;
        for (s, sec) in a.doc.sections.iter().enumerate() {
            let text = a.section_text(s);
            for (p, range) in text.paragraphs.iter().enumerate() {
                let para = sec.paragraphs[p].text(a.doc.lang);
                for line in &text.lines[range.clone()] {
                    let Some(at) = line.source else { continue };
                    let words: String = on_line(line, 0..para.len())
                        .into_iter()
                        .map(|r| &line.text[r])
                        .collect();
                    assert!(
                        para[at..].starts_with(&words),
                        "{cols} columns, §{s} ¶{p}: {words:?} is not at byte {at}"
                    );
                    lines += 1;
                }
            }
        }
        assert!(lines > 50, "the original's lines were checked ({lines})");
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The reader's own node with this id, as the document shows it.
fn own_node(app: &App, id: &str) -> usize {
    let n = app
        .doc
        .node_index(id)
        .expect("the reader's node is in the document");
    assert_eq!(app.doc.nodes[n].origin, stance::model::Origin::Reader);
    n
}

#[test]
fn a_rebuttal_of_ones_own_joins_the_argument_and_agreeing_contests_the_thesis() {
    use stance::analysis::Status;
    use stance::tui::app::Effect;
    let mut a = app(Mode::Both);
    let thesis = a.selected.unwrap();
    assert_eq!(a.doc.nodes[thesis].id, "c-thesis");
    keys(&mut a, "A");
    assert_eq!(a.scope(), Scope::Form);
    let form = a.form.as_ref().unwrap();
    assert_eq!(
        form.target().unwrap().id,
        "c-thesis",
        "it answers the selected node"
    );
    typed(&mut a, "Chips were stockpiled before the ban");
    let effects = a.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(effects, vec![Effect::SaveMarks]);
    assert!(a.form.is_none());
    let added = a.marks.additions();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].text.en, "Chips were stockpiled before the ban");
    assert_eq!(added[0].relations[0].to, "c-thesis");
    let id = added[0].id.clone();
    let n = own_node(&a, &id);
    assert_eq!(a.selected, Some(n), "the new node is selected");
    assert!(a.graph.labels[n].starts_with('+'), "{}", a.graph.labels[n]);
    assert!(
        a.rows
            .iter()
            .any(|r| matches!(r, stance::tui::outline::Row::Node { node, .. } if *node == n)),
        "the outline lists it"
    );
    assert_eq!(a.status_of(thesis), Status::Stands);
    keys(&mut a, "a");
    assert_eq!(a.marks.stance(&id), Some(stance::marks::Stance::Agree));
    assert_eq!(
        a.status_of(thesis),
        Status::Contested,
        "agreeing with it contests the thesis"
    );
}

#[test]
fn selected_words_become_the_quote_of_evidence_shown_as_a_badge_on_them() {
    let mut a = app(Mode::Both);
    caret_at(&mut a, PHRASE);
    keys(&mut a, " ");
    keys(&mut a, &"w".repeat(11));
    keys(&mut a, "e");
    assert!(a.selection.is_none());
    let form = a.form.as_ref().expect("the form opens");
    assert_eq!(form.quote.as_ref().unwrap().0, PHRASE);
    assert_eq!(form.kind, stance::model::NodeKind::Evidence);
    typed(&mut a, "A small team can do it");
    press(&mut a, KeyCode::Enter);
    let added = &a.marks.additions()[0];
    let (s, p, para) = paragraph_with(&a, PHRASE);
    assert_eq!(added.quote.as_deref(), Some(PHRASE));
    assert_eq!(added.paragraph.as_deref(), Some(para.as_str()));
    let n = own_node(&a, &added.id.clone());
    assert_eq!(
        a.graph.anchors[n],
        Some((s, p)),
        "anchored in its paragraph"
    );
    let text = a.section_text(s);
    let badge = text.lines[text.paragraphs[p].clone()].iter().any(|l| {
        l.marks.iter().any(|(r, m)| {
            *m == stance::tui::reading::Mark::Badge(n)
                && l.text[r.clone()].contains(&a.graph.labels[n])
        })
    });
    assert!(badge, "its badge is in the text");
}

#[test]
fn editing_and_deleting_ones_own_node_are_undone_in_turn() {
    let mut a = app(Mode::Both);
    keys(&mut a, "A");
    typed(&mut a, "first words");
    press(&mut a, KeyCode::Enter);
    let id = a.marks.additions()[0].id.clone();
    keys(&mut a, "u");
    keys(&mut a, "E");
    assert_eq!(a.form.as_ref().unwrap().text.text, "first words");
    for _ in 0.."words".len() {
        press(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "thoughts");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.marks.addition(&id).unwrap().text.en, "first thoughts");
    keys(&mut a, "D");
    assert!(a.marks.addition(&id).is_none());
    assert!(a.doc.node_index(&id).is_none(), "gone from the document");
    assert!(a.marks.get(&id).is_none(), "its mark goes with it");
    keys(&mut a, "U");
    assert_eq!(a.marks.addition(&id).unwrap().text.en, "first thoughts");
    assert_eq!(
        a.marks.stance(&id),
        Some(stance::marks::Stance::Unsure),
        "and comes back"
    );
    own_node(&a, &id);
    keys(&mut a, "U");
    assert_eq!(a.marks.addition(&id).unwrap().text.en, "first words");
    keys(&mut a, "U");
    assert_eq!(a.marks.stance(&id), None, "the mark undone");
    keys(&mut a, "U");
    assert!(a.marks.additions().is_empty(), "the addition undone");
    assert!(a.doc.node_index(&id).is_none());
}

#[test]
fn the_articles_own_nodes_cannot_be_edited_or_deleted() {
    let mut a = app(Mode::Both);
    let before = a.doc.nodes.len();
    keys(&mut a, "E");
    assert!(a.form.is_none());
    keys(&mut a, "D");
    assert_eq!(a.doc.nodes.len(), before);
    assert_eq!(
        a.message.as_deref(),
        Some(stance::tui::i18n::strings(UiLang::En).own.not_yours)
    );
}

#[test]
fn chinese_typed_into_the_form_is_kept_in_chinese() {
    let doc = load_embedded().document.unwrap();
    let mut a = App::new(doc, UiLang::Zh, Mode::Both, (80, 24));
    keys(&mut a, "A");
    typed(&mut a, "小团队也能做出来");
    press(&mut a, KeyCode::Enter);
    let added = &a.marks.additions()[0];
    assert_eq!(added.text.zh, "小团队也能做出来");
    assert_eq!(added.text.en, "", "the other language may stay empty");
}

/// One thing a reader does to their own nodes, for the property test.
#[derive(Debug, Clone)]
enum Step {
    /// `A` on article node (index mod count), kind cycled `k` times, these words.
    Add(usize, usize, String),
    /// `E` on own node (index mod count), these words appended.
    Edit(usize, String),
    /// `D` on own node (index mod count).
    Delete(usize),
    /// `a` on own node (index mod count).
    Agree(usize),
    /// `U`.
    Undo,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    let words = "[a-z 中文“”\\-]{1,12}";
    prop_oneof![
        (any::<usize>(), 0..3usize, words).prop_map(|(n, k, w)| Step::Add(n, k, w)),
        (any::<usize>(), words).prop_map(|(n, w)| Step::Edit(n, w)),
        any::<usize>().prop_map(Step::Delete),
        any::<usize>().prop_map(Step::Agree),
        Just(Step::Undo),
    ]
}

/// The reader's own nodes as the document shows them.
fn own_nodes(app: &App) -> Vec<usize> {
    (0..app.doc.nodes.len())
        .filter(|&n| app.doc.nodes[n].origin == stance::model::Origin::Reader)
        .collect()
}

fn apply(a: &mut App, s: &Step) {
    let own = own_nodes(a);
    let base = a.base.nodes.len();
    match s {
        Step::Add(n, k, w) => {
            a.select_node(n % base);
            keys(a, "A");
            // From the words up to the kind, cycled, and back down.
            for _ in 0..3 {
                press(a, KeyCode::BackTab);
            }
            for _ in 0..*k {
                press(a, KeyCode::Right);
            }
            for _ in 0..3 {
                press(a, KeyCode::Tab);
            }
            typed(a, w);
            press(a, KeyCode::Enter);
            // Words of spaces alone are refused: the form stays, and goes.
            if a.form.is_some() {
                press(a, KeyCode::Esc);
                press(a, KeyCode::Esc);
            }
        }
        Step::Edit(n, w) if !own.is_empty() => {
            a.select_node(own[n % own.len()]);
            keys(a, "E");
            typed(a, w);
            press(a, KeyCode::Enter);
        }
        Step::Delete(n) if !own.is_empty() => {
            a.select_node(own[n % own.len()]);
            keys(a, "D");
        }
        Step::Agree(n) if !own.is_empty() => {
            a.select_node(own[n % own.len()]);
            keys(a, "a");
        }
        Step::Undo => keys(a, "U"),
        _ => {}
    }
    assert!(a.form.is_none(), "{s:?} left the form open");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    #[test]
    fn random_adds_edits_deletes_and_undos_keep_the_marks_file_valid_and_loadable(
        steps in proptest::collection::vec(step(), 1..14)
    ) {
        let base = load_embedded().document.unwrap();
        let mut a = App::new(base.clone(), UiLang::En, Mode::Both, (100, 30));
        for s in &steps {
            apply(&mut a, s);
            // What would be saved now loads back into the same nodes.
            let json = a.marks.to_json(&a.doc);
            let file = stance::marks::parse("m.json", &json, Some(&base))
                .unwrap_or_else(|e| panic!("after {s:?} the file does not load: {e}\n{json}"));
            let marks = stance::marks::Marks::from_file(file);
            proptest::prop_assert_eq!(marks.additions(), a.marks.additions());
            let again = App::open(
                base.clone(),
                marks,
                stance::tui::app::Saving::Nowhere,
                UiLang::En,
                Mode::Both,
                (100, 30),
            );
            let ids = |app: &App| own_nodes(app).into_iter().map(|n| app.doc.nodes[n].id.clone()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(ids(&again), ids(&a));
            proptest::prop_assert_eq!(own_nodes(&a).len(), a.marks.additions().len());
            for n in own_nodes(&a) {
                let id = &a.doc.nodes[n].id;
                proptest::prop_assert_eq!(again.marks.stance(id), a.marks.stance(id));
            }
        }
    }
}

#[test]
fn ones_own_node_is_related_to_another_with_r_twice_and_undo_takes_it_back() {
    let mut a = app(Mode::Both);
    keys(&mut a, "A");
    typed(&mut a, "my claim");
    press(&mut a, KeyCode::Enter);
    let id = a.marks.additions()[0].id.clone();
    let relations = |a: &App| a.marks.addition(&id).unwrap().relations.len();
    assert_eq!(relations(&a), 1);
    keys(&mut a, "R");
    let other = a.doc.node_index("c-algorithms-over-compute").unwrap();
    a.select_node(other);
    keys(&mut a, "R");
    assert_eq!(a.scope(), Scope::Form);
    assert_eq!(
        a.form.as_ref().unwrap().target().unwrap().id,
        "c-algorithms-over-compute"
    );
    // Rebuts comes first; supports is one step back.
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::Enter);
    assert_eq!(relations(&a), 2);
    let added = &a.marks.addition(&id).unwrap().relations[1];
    assert_eq!(added.to, "c-algorithms-over-compute");
    assert_eq!(added.kind, stance::model::RelationKind::Supports);
    assert!(
        a.doc
            .relations
            .iter()
            .any(|r| r.from == id && r.to == "c-algorithms-over-compute"),
        "the relation is in the argument"
    );
    // Editing the node keeps the relation the form does not edit, and says so.
    a.select_node(a.doc.node_index(&id).unwrap());
    keys(&mut a, "E");
    let form = a.form.as_ref().unwrap();
    let (lines, _) = stance::tui::addform::lines(&a, form, 70);
    let text: Vec<String> = lines
        .iter()
        .map(|l| l.segs.iter().map(|s| s.text.as_str()).collect())
        .collect();
    let label = &a.graph.labels[other];
    assert!(
        text.iter().any(|l| l.starts_with(" Also")
            && l.contains(&format!("supports {label}"))
            && l.contains("kept")),
        "the form names the relation it keeps:\n{}",
        text.join("\n")
    );
    typed(&mut a, "!");
    press(&mut a, KeyCode::Enter);
    assert_eq!(relations(&a), 2);
    keys(&mut a, "UU");
    assert_eq!(relations(&a), 1, "undo takes the relation back");
    // R on the article's own node first does nothing but say so.
    a.select_node(other);
    keys(&mut a, "R");
    assert!(a.relating.is_none());
    assert!(a.form.is_none());
}

#[test]
fn dragging_the_mouse_over_words_selects_them() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use stance::tui::app::GUTTER;
    use stance::wrap::{Ambiguous, str_width};
    let mut a = app(Mode::Both);
    let (s, p, _) = paragraph_with(&a, PHRASE);
    a.select_paragraph(s, p);
    let area = a.panes().unwrap().reading.unwrap();
    // Where on screen a byte of the paragraph is drawn: (column, row).
    let cell_of = |a: &App, byte: usize| -> (u16, u16) {
        for (row, (sec, line)) in a.reading_window().iter().enumerate() {
            let Some(src) = line.source.filter(|_| (*sec, line.para) == (s, Some(p))) else {
                continue;
            };
            if byte < src || byte >= src + line.text.len() {
                continue;
            }
            // No badge sits before the phrase on its line in this article.
            let col = str_width(&line.text[..byte - src], Ambiguous::Narrow);
            return (area.x + 1 + GUTTER + col as u16, area.y + 1 + row as u16);
        }
        panic!("byte {byte} is not on screen");
    };
    let text = a.doc.sections[s].paragraphs[p].text(a.doc.lang).to_string();
    let start = text.find(PHRASE).unwrap();
    let last = start + PHRASE.len() - "队".len();
    let (x0, y0) = cell_of(&a, start);
    let (x1, y1) = cell_of(&a, last);
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    a.mouse(mouse(MouseEventKind::Down(MouseButton::Left), x0, y0));
    a.mouse(mouse(MouseEventKind::Drag(MouseButton::Left), x1, y1));
    assert_eq!(selected(&a), PHRASE);
    assert_eq!(a.scope(), Scope::Select);
    // Dragged back to where it began, the one character there is selected.
    a.mouse(mouse(MouseEventKind::Drag(MouseButton::Left), x0, y0));
    assert_eq!(selected(&a), "一");
    keys(&mut a, "e");
    assert_eq!(a.form.as_ref().unwrap().quote.as_ref().unwrap().0, "一");
}

#[test]
fn a_node_of_ones_own_whose_words_left_the_article_is_kept_and_counted() {
    use stance::marks::Marks;
    use stance::marks::additions::Draft;
    use stance::model::{Bilingual, NodeKind};
    let doc = load_embedded().document.unwrap();
    let (_, _, para) = paragraph_with(&app(Mode::Both), PHRASE);
    let mut marks = Marks::new(&doc, None);
    let mut draft = Draft::new(
        NodeKind::Evidence,
        Bilingual {
            zh: String::new(),
            en: "quoted words an older version had".into(),
        },
    );
    draft.quote = Some("旧版本里的一句话".into());
    draft.paragraph = Some(para);
    marks.add_addition(draft);
    let mut a = App::open(
        doc,
        marks,
        stance::tui::app::Saving::Nowhere,
        UiLang::En,
        Mode::Both,
        (120, 40),
    );
    assert_eq!(a.orphan_count(), 1);
    assert_eq!(a.marks.additions().len(), 1, "kept");
    let status: String = stance::tui::panes::status_line(&a, 200)
        .segs
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    let said = stance::tui::i18n::strings(UiLang::En).own.orphaned;
    assert!(status.contains(&format!("1 {said}")), "{status}");
    // `O` lists it, with what it lost; Enter goes to it (it is a node, with
    // no place in the text).
    let id = a.marks.additions()[0].id.clone();
    let n = a.doc.node_index(&id).expect("still a node");
    assert!(a.graph.anchors[n].is_none(), "no place in the text");
    keys(&mut a, "O");
    let list = orphans_listed(&a).join("\n");
    assert!(
        list.contains(&format!(
            "⊕⚠ {} quoted words an older version had",
            a.graph.labels[n]
        )) && list.contains("its quote is no longer in paragraph"),
        "{list}"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.selected, Some(n));
    assert!(a.overlays.is_empty());
}

#[test]
fn a_changed_form_is_not_lost_when_the_screen_shrinks_and_q_is_pressed() {
    let mut a = app(Mode::Both);
    keys(&mut a, "A");
    typed(&mut a, "half a thought");
    a.resize(20, 6);
    assert!(a.panes().is_none(), "too small to show anything");
    keys(&mut a, "q");
    assert!(a.form.is_some(), "q types nothing and quits nothing here");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.handle_key(ctrl_c).is_empty(), "the first Ctrl-C asks");
    assert_eq!(a.handle_key(ctrl_c), vec![stance::tui::app::Effect::Quit]);
}

#[test]
fn ones_own_node_is_in_the_map_and_found_by_search_marked_as_ones_own() {
    use stance::tui::app::Overlay;
    let mut a = app(Mode::Both);
    keys(&mut a, "A");
    typed(&mut a, "stockpiled chips");
    press(&mut a, KeyCode::Enter);
    let id = a.marks.additions()[0].id.clone();
    let n = own_node(&a, &id);
    keys(&mut a, "m");
    let Some(Overlay::Map(map)) = a.overlays.last() else {
        panic!("the map opens");
    };
    assert!(map.rows.iter().any(|r| r.node == Some(n)), "the map has it");
    keys(&mut a, "q");
    // The outline's row names it with the glyph of one's own.
    let lines = stance::tui::outline::outline_lines(&a, 60, 200);
    let row: Vec<String> = lines
        .iter()
        .map(|l| l.segs.iter().map(|s| s.text.as_str()).collect())
        .filter(|t: &String| t.contains(&a.graph.labels[n]))
        .collect();
    assert!(
        row.iter()
            .any(|t| t.contains(stance::tui::addform::OWN_GLYPH)),
        "{row:?}"
    );
    keys(&mut a, "/stockpiled");
    // The search text is prepared on another thread; wait for it (no sleep:
    // each key asks again), with a bound that only a hang reaches.
    for _ in 0..100_000 {
        if a.search.hits.contains(&stance::tui::app::Hit::Node(n)) {
            return;
        }
        press(&mut a, KeyCode::Backspace);
        keys(&mut a, "d");
    }
    panic!("search never found one's own node");
}

#[test]
fn text_pasted_into_the_form_goes_into_its_field() {
    let mut a = app(Mode::Both);
    keys(&mut a, "A");
    a.paste("粘贴的\n文字");
    assert_eq!(a.form.as_ref().unwrap().text.text, "粘贴的 文字");
    assert!(a.search.query.is_empty());
}

#[test]
fn control_characters_in_a_marks_files_additions_never_reach_the_screen() {
    use stance::marks::Marks;
    use stance::marks::additions::Draft;
    use stance::model::{Bilingual, NodeKind};
    let doc = load_embedded().document.unwrap();
    let mut marks = Marks::new(&doc, None);
    let mut draft = Draft::new(
        NodeKind::Claim,
        Bilingual {
            zh: String::new(),
            en: "PLAIN".into(),
        },
    );
    draft.note = Some("NOTE".into());
    marks.add_addition(draft);
    // A file written by hand (or by anything else), with terminal escapes in it.
    let json = marks
        .to_json(&doc)
        .replace("PLAIN", "\\u001b[2J\\u001b]0;owned\\u0007red")
        .replace("NOTE", "\\u009b31m");
    let file = stance::marks::parse("m.json", &json, Some(&doc)).expect("it loads");
    let mut a = App::open(
        doc,
        Marks::from_file(file),
        stance::tui::app::Saving::Nowhere,
        UiLang::En,
        Mode::Both,
        (120, 40),
    );
    let id = a.marks.additions()[0].id.clone();
    let n = own_node(&a, &id);
    assert!(a.doc.nodes[n].text.en.contains("red"), "the words are kept");
    a.select_node(n);
    keys(&mut a, "E");
    assert!(a.form.as_ref().unwrap().text.text.contains("red"));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| stance::tui::view::draw(f, &a, &stance::tui::theme::Theme { color: false }))
        .unwrap();
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "a control character reached the screen: {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn ones_own_node_says_it_was_added_by_you_or_by_the_name_given() {
    use stance::tui::panes::node_lines;
    let pane = |a: &App| {
        node_lines(a, 200)
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut a = app(Mode::Both);
    keys(&mut a, "A");
    typed(&mut a, "Chips were stockpiled before the ban");
    press(&mut a, KeyCode::Enter);
    let id = a.marks.additions()[0].id.clone();
    let reader_id = a.marks.reader_id.clone().expect("an id for the new node");
    let text = pane(&a);
    assert!(text.contains("added by you"), "{text}");
    assert!(
        !text.contains(&format!("added by {reader_id}")),
        "the file's reader id is not a name: {text}"
    );
    // With a name, the name.
    a.marks.reader = Some("ana".into());
    let text = pane(&a);
    assert!(text.contains("added by ana"), "{text}");
    assert!(a.doc.node_index(&id).is_some());
}

#[test]
fn the_list_of_ones_nodes_that_lost_their_place_says_when_there_are_none() {
    let mut a = app(Mode::Both);
    keys(&mut a, "O");
    let list = orphans_listed(&a);
    assert_eq!(
        list,
        vec![
            stance::tui::i18n::strings(UiLang::En)
                .own
                .no_orphans
                .to_string()
        ]
    );
    press(&mut a, KeyCode::Enter);
    assert!(a.overlays.is_empty(), "Enter on nothing closes the list");
}

/// The lines of the list of one's own nodes that lost their place.
fn orphans_listed(a: &App) -> Vec<String> {
    stance::tui::panes::list_lines(a, stance::tui::app::ListKind::Orphans, 0, 100)
        .iter()
        .map(|l| l.text())
        .collect()
}

#[test]
fn a_search_and_the_way_back_survive_adding_and_deleting_ones_own_node() {
    let mut a = app(Mode::Both);
    // Search, go somewhere, then come back to the thesis: there is a way back.
    keys(&mut a, "/DeepSeek");
    press(&mut a, KeyCode::Enter);
    let hits = a.search.hits.len();
    assert!(hits > 3, "the search found something ({hits})");
    let thesis = a.doc.node_index("c-thesis").unwrap();
    let other = a.doc.node_index("c-algorithms-over-compute").unwrap();
    a.select_node(other);
    press(&mut a, KeyCode::Enter);
    a.visit(thesis);
    let back = a.back.clone();
    assert!(!back.is_empty(), "a way back");
    keys(&mut a, "A");
    typed(&mut a, "my rebuttal");
    press(&mut a, KeyCode::Enter);
    let status = |a: &App| -> String {
        stance::tui::panes::status_line(a, 200)
            .segs
            .iter()
            .map(|s| s.text.as_str())
            .collect()
    };
    assert!(
        status(&a).contains("Added +R1"),
        "the message shows over the finished search: {}",
        status(&a)
    );
    assert_eq!(a.search.query, "DeepSeek", "the search stays");
    assert_eq!(a.search.hits.len(), hits, "and its matches");
    assert_eq!(a.back, back, "and the way back, for nodes of the article");
    // The next key shows the search again.
    keys(&mut a, "j");
    assert!(status(&a).contains("/DeepSeek"), "{}", status(&a));
    // Deleting one's own node leaves them too.
    let own = a.doc.node_index(&a.marks.additions()[0].id).unwrap();
    a.select_node(own);
    keys(&mut a, "D");
    assert_eq!(a.search.hits.len(), hits);
    assert!(a.back.starts_with(&back));
}
