//! The reader without a terminal: keys become actions, actions change state.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use stance::marks::Stance;
use stance::model::{NodeKind, load_embedded};
use stance::tui::app::{App, Effect, Hit, Overlay, Pane};
use stance::tui::graph::Link;
use stance::tui::i18n::UiLang;
use stance::tui::keymap::Action;
use stance::tui::outline::Row;
use stance::tui::reading::Mode;

fn app_at(cols: u16, rows: u16) -> App {
    let doc = load_embedded().document.unwrap();
    App::new(doc, UiLang::En, Mode::Both, (cols, rows))
}

fn app() -> App {
    app_at(120, 40)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn id(app: &App) -> &str {
    &app.doc.nodes[app.selected.expect("a node is selected")].id
}

#[test]
fn the_reader_opens_at_the_thesis() {
    let app = app();
    assert_eq!(id(&app), "c-thesis");
    let (s, p) = app.graph.anchors[app.selected.unwrap()].unwrap();
    assert_eq!((app.section, app.paragraph), (s, p));
    assert!(
        matches!(app.rows[app.outline_cursor], Row::Node { node, .. } if Some(node) == app.selected)
    );
}

#[test]
fn q_and_ctrl_c_quit_but_a_release_does_nothing() {
    let mut a = app();
    assert_eq!(press(&mut a, KeyCode::Char('q')), vec![Effect::Quit]);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(a.handle_key(ctrl_c), vec![Effect::Quit]);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert!(a.handle_key(release).is_empty());
}

#[test]
fn moving_through_the_outline_moves_the_reading_position() {
    let mut a = app();
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.rows[a.outline_cursor], Row::Section(0));
    assert_eq!(a.selected, None);
    press(&mut a, KeyCode::Char('j'));
    let node = a.selected.expect("the first node under the section");
    assert_eq!(a.graph.anchors[node].map(|(s, _)| s), Some(0));
    assert_eq!(Some((a.section, a.paragraph)), a.graph.anchors[node]);
}

#[test]
fn moving_through_paragraphs_selects_the_nodes_there() {
    let mut a = app();
    a.focus = Pane::Reading;
    press(&mut a, KeyCode::Char('g'));
    assert_eq!((a.section, a.paragraph), (0, 0));
    for _ in 0..3 {
        press(&mut a, KeyCode::Char('j'));
        let here = &a.graph.at_paragraph[a.section][a.paragraph];
        assert_eq!(a.selected, here.first().copied());
    }
    // Past the section's last paragraph, reading goes on into the next section.
    let last = a.doc.sections[0].paragraphs.len() - 1;
    while a.paragraph < last {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Char('j'));
    assert_eq!((a.section, a.paragraph), (1, 0));
}

#[test]
fn following_a_neighbour_and_coming_back() {
    let mut a = app();
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Node);
    let first = a.neighbours()[0];
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.selected, Some(first.node));
    assert_eq!(
        a.graph.anchors[first.node],
        Some((a.section, a.paragraph)),
        "the text follows the selection"
    );
    press(&mut a, KeyCode::Backspace);
    assert_eq!(id(&a), "c-thesis");
    press(&mut a, KeyCode::Char('>'));
    assert_eq!(a.selected, Some(first.node));
    press(&mut a, KeyCode::Char('>'));
    assert!(a.message.is_some(), "says there is nothing further forward");
}

#[test]
fn the_node_pane_lists_supports_before_what_the_node_supports() {
    let a = app();
    let links: Vec<Link> = a.neighbours().iter().map(|n| n.link).collect();
    assert!(links.contains(&Link::SupportedBy) && links.contains(&Link::RebuttedBy));
    let first_rebut = links.iter().position(|l| *l == Link::RebuttedBy).unwrap();
    assert!(links[..first_rebut].iter().all(|l| *l == Link::SupportedBy));
}

#[test]
fn search_is_incremental_case_insensitive_and_esc_goes_back() {
    let mut a = app();
    let before = (a.section, a.paragraph, a.selected);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "星际");
    assert!(!a.search.hits.is_empty());
    let here = a.search.current.map(|c| a.search.hits[c]);
    assert!(matches!(
        here,
        Some(Hit::Paragraph(1, _)) | Some(Hit::Node(_))
    ));
    assert_eq!(
        a.section, 1,
        "jumped to the Stargate paragraph while typing"
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!((a.section, a.paragraph, a.selected), before);

    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "STARGATE");
    let count = a.search.hits.len();
    assert!(count >= 2, "matches the English too, whatever the case");
    press(&mut a, KeyCode::Enter);
    assert!(!a.search.typing);
    let first = a.search.current;
    press(&mut a, KeyCode::Char('n'));
    assert_ne!(a.search.current, first);
    press(&mut a, KeyCode::Char('N'));
    assert_eq!(a.search.current, first);
}

/// The hits of `query` typed from nothing into a fresh reader.
fn fresh_hits(query: &str) -> Vec<Hit> {
    let mut a = app();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, query);
    a.search.hits.clone()
}

#[test]
fn narrowing_and_backspace_find_what_a_fresh_search_finds() {
    // Each keystroke narrows the previous hits and Backspace returns to them;
    // every step must equal searching for that query from nothing.
    let mut a = app();
    press(&mut a, KeyCode::Char('/'));
    let mut query = String::new();
    for c in "ai 算".chars() {
        press(&mut a, KeyCode::Char(c));
        query.push(c);
        assert_eq!(a.search.hits, fresh_hits(&query), "typed {query:?}");
    }
    for _ in 0..3 {
        press(&mut a, KeyCode::Backspace);
        query.pop();
        assert_eq!(a.search.hits, fresh_hits(&query), "back to {query:?}");
    }
    assert!(fresh_hits("a").len() > fresh_hits("ai").len());
    typed(&mut a, "ME");
    assert_eq!(a.search.hits, fresh_hits("ame"));
    assert!(!a.search.hits.is_empty());
}

#[test]
fn a_search_with_no_match_says_so() {
    let mut a = app();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "zzzzqqq");
    assert!(a.search.hits.is_empty());
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('n'));
    assert!(a.message.is_some());
}

#[test]
fn sections_step_with_brackets() {
    let mut a = app();
    press(&mut a, KeyCode::Char(']'));
    assert_eq!((a.section, a.paragraph), (1, 0));
    press(&mut a, KeyCode::Char('['));
    press(&mut a, KeyCode::Char('['));
    assert_eq!((a.section, a.paragraph), (0, 0));
}

#[test]
fn l_cycles_the_article_language() {
    let mut a = app();
    assert_eq!(a.mode, Mode::Both);
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.mode, Mode::Zh);
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.mode, Mode::En);
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.mode, Mode::Both);
}

#[test]
fn folding_a_section_hides_its_nodes_and_selecting_one_unfolds_it() {
    let mut a = app();
    press(&mut a, KeyCode::Char('g'));
    let before = a.rows.len();
    press(&mut a, KeyCode::Char('h'));
    assert!(a.rows.len() < before);
    assert!(a.folded_sections.contains(&0));
    let thesis = a.graph.thesis.unwrap();
    a.select_node(thesis);
    assert!(!a.folded_sections.contains(&0));
    assert_eq!(a.rows.len(), before);
}

#[test]
fn the_map_opens_on_the_selection_and_enter_reads_a_node() {
    let mut a = app();
    press(&mut a, KeyCode::Char('m'));
    let Some(Overlay::Map(map)) = a.overlays.last() else {
        panic!("the map is open")
    };
    assert_eq!(map.rows[map.cursor].node, a.selected);
    press(&mut a, KeyCode::Char('j'));
    let Some(Overlay::Map(map)) = a.overlays.last() else {
        panic!()
    };
    let target = map.rows[map.cursor].node.unwrap();
    press(&mut a, KeyCode::Enter);
    assert!(a.overlays.is_empty());
    assert_eq!(a.selected, Some(target));
    press(&mut a, KeyCode::Backspace);
    assert_eq!(id(&a), "c-thesis");
}

#[test]
fn every_node_appears_in_the_map_with_its_branch_drawn_once() {
    let mut a = app();
    press(&mut a, KeyCode::Char('m'));
    let Some(Overlay::Map(map)) = a.overlays.last() else {
        panic!()
    };
    for n in 0..a.doc.nodes.len() {
        let full = map
            .rows
            .iter()
            .filter(|r| r.node == Some(n) && !r.repeated)
            .count();
        assert_eq!(full, 1, "{}", a.doc.nodes[n].id);
    }
}

#[test]
fn folding_in_the_map_hides_the_branch() {
    let mut a = app();
    press(&mut a, KeyCode::Char('m'));
    press(&mut a, KeyCode::Char('g'));
    let count = |a: &App| match a.overlays.last() {
        Some(Overlay::Map(m)) => m.rows.len(),
        _ => 0,
    };
    let before = count(&a);
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Char('h'));
    assert!(count(&a) < before);
    press(&mut a, KeyCode::Char('l'));
    assert_eq!(count(&a), before);
    press(&mut a, KeyCode::Esc);
    assert!(a.overlays.is_empty());
}

#[test]
fn left_on_a_leaf_of_the_map_goes_to_what_it_hangs_under() {
    let mut a = app();
    press(&mut a, KeyCode::Char('m'));
    press(&mut a, KeyCode::Char('g'));
    let here = |a: &App| match a.overlays.last() {
        Some(Overlay::Map(m)) => (m.cursor, m.rows[m.cursor]),
        _ => panic!("the map is open"),
    };
    // Down to the first leaf below the thesis.
    while here(&a).1.branch || here(&a).1.node.is_none() {
        press(&mut a, KeyCode::Char('j'));
    }
    let (at, leaf) = here(&a);
    press(&mut a, KeyCode::Char('h'));
    let (up, parent) = here(&a);
    assert!(up < at, "moved up from row {at} to {up}");
    let (leaf, parent) = (leaf.node.unwrap(), parent.node.unwrap());
    assert!(
        a.graph.neighbours[leaf].iter().any(|n| n.node == parent),
        "{} hangs under {}",
        a.doc.nodes[leaf].id,
        a.doc.nodes[parent].id
    );
}

#[test]
fn help_opens_over_anything_and_esc_closes_it() {
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    assert!(matches!(a.overlays.last(), Some(Overlay::Help { .. })));
    press(&mut a, KeyCode::Char('j'));
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Help { scroll: 1 })
    ));
    press(&mut a, KeyCode::Esc);
    assert!(a.overlays.is_empty());
    press(&mut a, KeyCode::Char('m'));
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(a.overlays.len(), 2);
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlays.last(), Some(Overlay::Map(_))));
}

#[test]
fn a_narrow_terminal_shows_one_pane_and_tab_switches_it() {
    let mut a = app_at(40, 12);
    let panes = a.panes().expect("40x12 is drawn");
    assert!(panes.single.is_some() && panes.outline.is_none());
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Reading);
    assert!(app_at(10, 5).panes().is_none(), "too small to draw");
}

#[test]
fn the_current_paragraph_stays_in_view() {
    let mut a = app_at(80, 24);
    a.focus = Pane::Reading;
    for _ in 0..60 {
        press(&mut a, KeyCode::Char('j'));
        let here = (a.section, Some(a.paragraph));
        assert!(
            a.reading_window().iter().any(|(s, l)| (*s, l.para) == here),
            "paragraph {here:?} not in view from {:?}",
            a.scroll
        );
    }
}

#[test]
fn resizing_keeps_the_selection_and_rewraps() {
    let mut a = app_at(120, 40);
    let wide = a.reading_text().lines.len();
    let sel = a.selected;
    a.resize(70, 20);
    assert_eq!(a.selected, sel);
    assert!(
        a.reading_text().lines.len() > wide,
        "narrower means more lines"
    );
}

#[test]
fn every_action_is_safe_with_an_empty_document() {
    let src = "schema: stance/1\nid: empty\nlang: zh\ntitle: {zh: 空, en: Empty}\n";
    let doc = stance::model::load_text("empty.yaml", src.to_string())
        .document
        .unwrap();
    let mut a = App::new(doc, UiLang::Zh, Mode::Zh, (80, 24));
    for action in [
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::Follow,
        Action::Back,
        Action::Forward,
        Action::NextMatch,
        Action::PrevMatch,
        Action::PrevSection,
        Action::NextSection,
        Action::CycleLang,
        Action::Collapse,
        Action::Expand,
        Action::FocusNext,
        Action::Map,
        Action::Down,
        Action::Follow,
        Action::Close,
        Action::Help,
        Action::Close,
    ] {
        a.update(action);
        // And every screen it leads to can be drawn.
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        t.draw(|f| stance::tui::view::draw(f, &a, &stance::tui::theme::Theme { color: true }))
            .unwrap();
    }
    assert_eq!(a.selected, None);
}

#[test]
fn labels_tell_kinds_apart() {
    let a = app();
    for (i, n) in a.doc.nodes.iter().enumerate() {
        let letter = match n.kind {
            NodeKind::Claim => 'C',
            NodeKind::Evidence => 'E',
            NodeKind::Rebuttal => 'R',
        };
        assert!(a.graph.labels[i].starts_with(letter));
    }
}

/// Folds and unfolds random outline branches, checking after each that the
/// rows are what walking every tree from scratch gives.
fn fold_at_random(mut a: App, steps: usize) {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut folds = 0;
    for step in 0..steps {
        let shown: Vec<usize> = a
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Node {
                    node, branch: true, ..
                } => Some(*node),
                _ => None,
            })
            .collect();
        let Some(&node) = shown.get(next(shown.len().max(1))) else {
            return;
        };
        a.select_node(node);
        a.focus = Pane::Outline;
        let key = if next(2) == 0 { 'h' } else { 'l' };
        let changes = (key == 'h') != a.folded_nodes.contains(&node);
        folds += usize::from(key == 'h' && changes);
        press(&mut a, KeyCode::Char(key));
        let fresh =
            stance::tui::outline::rows(&a.doc, &a.graph, &a.folded_sections, &a.folded_nodes);
        assert_eq!(
            a.rows, fresh,
            "step {step}: {key} on {}",
            a.doc.nodes[node].id
        );
        let row = a
            .rows
            .iter()
            .position(|r| matches!(r, Row::Node { node: n, .. } if *n == node));
        if changes {
            assert_eq!(
                row,
                Some(a.outline_cursor),
                "the cursor stays on the branch"
            );
        }
    }
    assert!(folds > 0, "some branches were folded");
}

#[test]
fn folding_a_branch_gives_the_rows_a_fresh_walk_gives() {
    fold_at_random(app(), 200);
    // Attacks in a cycle (no root in their section) and a deeper tree.
    let cycle = r#"schema: stance/1
id: cycle
lang: en
title: {zh: 环, en: Cycle}
sections:
  - id: s
    title: {zh: 节, en: S}
    paragraphs:
      - {id: p, zh: 段, en: Para}
nodes:
  - {id: a, kind: rebuttal, origin: editorial, text: {zh: 甲, en: A}, paragraphs: [p], rebuts: [b]}
  - {id: b, kind: rebuttal, origin: editorial, text: {zh: 乙, en: B}, paragraphs: [p], rebuts: [c]}
  - {id: c, kind: rebuttal, origin: editorial, text: {zh: 丙, en: C}, paragraphs: [p], rebuts: [a]}
  - {id: d, kind: claim, origin: editorial, text: {zh: 丁, en: D}, paragraphs: [p]}
  - {id: e, kind: evidence, basis: reasoning, origin: editorial, text: {zh: 戊, en: E}, paragraphs: [p], supports: [d]}
  - {id: f, kind: rebuttal, origin: editorial, text: {zh: 己, en: F}, paragraphs: [p], rebuts: [e]}
  - {id: g, kind: rebuttal, origin: editorial, text: {zh: 庚, en: G}, paragraphs: [p], rebuts: [f]}
"#;
    let loaded = stance::model::load_text("cycle.yaml", cycle.to_string());
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    let doc = loaded.document.unwrap();
    fold_at_random(App::new(doc, UiLang::En, Mode::Both, (120, 40)), 200);
}

#[test]
fn on_a_screen_too_small_to_draw_only_quit_does_anything() {
    let mut a = app_at(20, 6);
    let before = (a.selected, a.outline_cursor, a.focus);
    for c in "jdjacm/".chars() {
        assert!(
            press(&mut a, KeyCode::Char(c)).is_empty(),
            "{c} did something"
        );
    }
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.counts().marked, 0, "no mark was made unseen");
    assert_eq!((a.selected, a.outline_cursor, a.focus), before);
    assert!(a.overlays.is_empty() && a.editing.is_none() && !a.search.typing);
    assert_eq!(press(&mut a, KeyCode::Char('q')), vec![Effect::Quit]);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(a.handle_key(ctrl_c), vec![Effect::Quit]);
    // Once it is big enough again, keys work.
    a.resize(80, 24);
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(a.counts().marked, 1);
}

/// The node under the map's cursor (the map must be open).
fn map_node(a: &App) -> usize {
    match a.overlays.last() {
        Some(Overlay::Map(m)) => m.rows[m.cursor].node.expect("a node row"),
        other => panic!("the map is not open: {other:?}"),
    }
}

fn stance_of(a: &App, n: usize) -> Option<Stance> {
    a.mark_of(n).and_then(|m| m.stance)
}

fn ctrl(a: &mut App, c: char) -> Vec<Effect> {
    a.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn a_student_marks_notes_and_undoes_from_the_map() {
    let mut a = app();
    press(&mut a, KeyCode::Char('m'));
    typed(&mut a, "jj");
    let n = map_node(&a);
    assert_eq!(press(&mut a, KeyCode::Char('a')), vec![Effect::SaveMarks]);
    assert_eq!(stance_of(&a, n), Some(Stance::Agree));
    typed(&mut a, "d");
    assert_eq!(stance_of(&a, n), Some(Stance::Dispute));
    typed(&mut a, "c");
    typed(&mut a, "why");
    assert_eq!(press(&mut a, KeyCode::Enter), vec![Effect::SaveMarks]);
    assert_eq!(a.mark_of(n).and_then(|m| m.note.as_deref()), Some("why"));
    assert!(
        matches!(a.overlays.last(), Some(Overlay::Map(_))),
        "still in the map"
    );
    assert_eq!(map_node(&a), n);
    // U takes back one change at a time: the note, then dispute, then agree.
    assert_eq!(press(&mut a, KeyCode::Char('U')), vec![Effect::SaveMarks]);
    assert_eq!(a.mark_of(n).and_then(|m| m.note.clone()), None);
    assert_eq!(stance_of(&a, n), Some(Stance::Dispute));
    typed(&mut a, "U");
    assert_eq!(stance_of(&a, n), Some(Stance::Agree));
    typed(&mut a, "U");
    assert!(a.mark_of(n).is_none());
    typed(&mut a, "U");
    assert!(a.message.as_deref().unwrap().contains("Nothing to undo"));
    // Leaving the map, the reader is at the node they marked.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.selected, Some(n));
}

#[test]
fn clearing_a_mark_and_note_can_be_undone() {
    let mut a = app();
    let n = a.selected.unwrap();
    typed(&mut a, "a");
    typed(&mut a, "c");
    typed(&mut a, "keep me");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "x");
    assert!(a.mark_of(n).is_none());
    assert!(
        a.message.as_deref().unwrap().contains("U undoes"),
        "{:?}",
        a.message
    );
    assert_eq!(ctrl(&mut a, 'z'), vec![Effect::SaveMarks]);
    let m = a.mark_of(n).expect("the mark is back");
    assert_eq!(
        (m.stance, m.note.as_deref()),
        (Some(Stance::Agree), Some("keep me"))
    );
}

#[test]
fn a_click_in_the_map_selects_a_row_and_a_second_reads_it() {
    let mut a = app_at(80, 24);
    press(&mut a, KeyCode::Char('m'));
    press(&mut a, KeyCode::Char('g'));
    let click = |a: &mut App, row: u16| {
        a.mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 0 is the border; the list's third row is screen row 3.
    click(&mut a, 3);
    let n = map_node(&a);
    match a.overlays.last() {
        Some(Overlay::Map(m)) => assert_eq!(m.cursor, 2),
        _ => panic!(),
    }
    click(&mut a, 3);
    assert!(a.overlays.is_empty());
    assert_eq!(a.selected, Some(n));
}

#[test]
fn the_map_folds_to_the_number_of_levels_typed() {
    let mut a = app();
    press(&mut a, KeyCode::Char('m'));
    let rows = |a: &App| match a.overlays.last() {
        Some(Overlay::Map(m)) => m.rows.as_ref().clone(),
        _ => panic!(),
    };
    let depth = |rows: &[stance::tui::map::MapRow], mut i: usize| {
        let mut d = 0;
        while let Some(p) = rows[i].parent {
            d += 1;
            i = p;
        }
        d
    };
    let all = rows(&a).len();
    for levels in [1usize, 2, 3] {
        typed(&mut a, &levels.to_string());
        let r = rows(&a);
        assert!(r.len() < all);
        let deepest = (0..r.len()).map(|i| depth(&r, i)).max().unwrap();
        assert_eq!(deepest, levels - 1, "{levels} levels");
        map_node_or_heading(&a);
    }
    typed(&mut a, "0");
    assert_eq!(rows(&a).len(), all);
}

/// The cursor is on a row the map has.
fn map_node_or_heading(a: &App) {
    match a.overlays.last() {
        Some(Overlay::Map(m)) => assert!(m.cursor < m.rows.len()),
        _ => panic!(),
    }
}

#[test]
fn esc_asks_before_a_note_draft_is_thrown_away() {
    let mut a = app();
    let n = a.selected.unwrap();
    typed(&mut a, "c");
    typed(&mut a, "half a thought");
    press(&mut a, KeyCode::Esc);
    assert!(a.editing.is_some(), "one Esc keeps the draft");
    assert!(a.message.is_some(), "and says how to keep or drop it");
    typed(&mut a, "!");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.editing.as_ref().unwrap().text, "half a thought!");
    press(&mut a, KeyCode::Esc);
    assert!(a.editing.is_none(), "Esc twice throws it away");
    assert!(a.mark_of(n).is_none());
    // With nothing changed, one Esc closes the box.
    typed(&mut a, "c");
    press(&mut a, KeyCode::Esc);
    assert!(a.editing.is_none());
}

#[test]
fn ctrl_c_while_writing_a_note_does_not_lose_it_at_once() {
    let mut a = app();
    typed(&mut a, "c");
    typed(&mut a, "almost done");
    assert!(ctrl(&mut a, 'c').is_empty(), "the first Ctrl-C only warns");
    assert_eq!(a.editing.as_ref().unwrap().text, "almost done");
    assert_eq!(press(&mut a, KeyCode::Enter), vec![Effect::SaveMarks]);
    typed(&mut a, "c");
    typed(&mut a, " more");
    ctrl(&mut a, 'c');
    assert_eq!(ctrl(&mut a, 'c'), vec![Effect::Quit], "the second quits");
}

#[test]
fn the_hint_line_while_writing_a_note_offers_its_own_keys() {
    let mut a = app();
    typed(&mut a, "c");
    let line = stance::tui::panes::status_line(&a, 200).text();
    assert!(line.contains("save the note"), "{line}");
    assert!(!line.contains("quit"), "{line}");
}

#[test]
fn a_click_while_writing_a_note_does_not_move_the_selection() {
    let mut a = app();
    let n = a.selected;
    typed(&mut a, "c");
    a.mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 3,
        row: 2,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(a.selected, n);
}

#[test]
fn the_class_line_wraps_whole_with_its_bar_in_a_narrow_node_pane() {
    use stance::marks::class::{ClassFile, ClassNode, SCHEMA};
    use stance::wrap::{Ambiguous, str_width};
    let doc = load_embedded().document.unwrap();
    let class = ClassFile {
        schema: SCHEMA.into(),
        document: stance::marks::document_ref(&doc),
        readers: vec!["a".into(), "b".into(), "c".into(), "d".into(), "e".into()],
        nodes: vec![ClassNode {
            node: "c-thesis".into(),
            agree: 2,
            dispute: 3,
            unsure: 0,
            notes: Vec::new(),
            text: String::new(),
        }],
        additions: Vec::new(),
    };
    let a = App::new(doc, UiLang::En, Mode::En, (120, 40)).with_class(class);
    let width = usize::from(a.panes().unwrap().node.unwrap().w - 2);
    let lines: Vec<String> = stance::tui::panes::node_lines(&a, width)
        .iter()
        .map(|l| l.text())
        .collect();
    for l in &lines {
        assert!(str_width(l, Ambiguous::Narrow) <= width, "{l:?} is cut");
    }
    let all = lines.join(" ");
    assert!(all.contains("0 unsure"), "{lines:#?}");
    assert!(
        all.contains('█') && all.contains('▓'),
        "the bar shows: {lines:#?}"
    );
}

#[test]
fn the_article_reads_on_across_sections_with_no_blank_pane() {
    let mut a = app_at(200, 60);
    a.focus = Pane::Reading;
    let height = usize::from(a.panes().unwrap().reading.unwrap().h - 2);
    let window = a.reading_window();
    assert_eq!(window.len(), height, "the pane is full from the start");
    assert!(
        window.iter().any(|(s, _)| *s == 1),
        "the next section follows the first in the same pane"
    );
    // Page by page to the end: every page full, never backwards, every section seen.
    let mut seen: std::collections::BTreeSet<usize> = window.iter().map(|(s, _)| *s).collect();
    let mut last = a.scroll;
    for _ in 0..200 {
        press(&mut a, KeyCode::PageDown);
        assert!(a.scroll >= last, "{:?} after {last:?}", a.scroll);
        let window = a.reading_window();
        assert_eq!(window.len(), height, "a full pane at {:?}", a.scroll);
        // Reading goes on from the first paragraph that starts on the page.
        let here = (a.section, Some(a.paragraph));
        let first = window.iter().position(|(s, l)| (*s, l.para) == here);
        let first = first.expect("the paragraph read is on the page");
        if first == 0 {
            let start = a.section_text(a.section).paragraphs[a.paragraph].start;
            assert_eq!(a.scroll.line, start, "{here:?} starts above the page");
        }
        seen.extend(window.iter().map(|(s, _)| *s));
        if a.scroll == last {
            break;
        }
        last = a.scroll;
    }
    assert_eq!(
        seen.len(),
        a.doc.sections.len(),
        "paging reaches every section"
    );
    let last_section = a.doc.sections.len() - 1;
    let end = a.section_text(last_section).lines.last().cloned();
    assert_eq!(
        a.reading_window().last().map(|(s, l)| (*s, l.clone())),
        end.map(|l| (last_section, l)),
        "the last page ends with the article's last line"
    );
    // And back up to the title.
    for _ in 0..200 {
        press(&mut a, KeyCode::PageUp);
    }
    assert_eq!(a.scroll, stance::tui::reading::Place::default());
}

#[test]
fn the_wheel_scrolls_from_one_section_into_the_next() {
    use crossterm::event::{MouseEvent, MouseEventKind};
    let mut a = app_at(120, 40);
    let at = a.panes().unwrap().reading.unwrap();
    let wheel = |kind| MouseEvent {
        kind,
        column: at.x + 3,
        row: at.y + 3,
        modifiers: KeyModifiers::NONE,
    };
    for _ in 0..60 {
        a.mouse(wheel(MouseEventKind::ScrollDown));
    }
    assert!(a.scroll.section > 0, "scrolled past §1: {:?}", a.scroll);
}

#[test]
fn g_and_home_in_the_article_go_to_the_top_of_the_article() {
    let mut a = app();
    a.focus = Pane::Reading;
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.section, 2);
    press(&mut a, KeyCode::Char('g'));
    assert_eq!((a.section, a.paragraph), (0, 0));
    assert_eq!(a.scroll, stance::tui::reading::Place::default());
    press(&mut a, KeyCode::Char('G'));
    let last = a.doc.sections.len() - 1;
    assert_eq!(
        (a.section, a.paragraph),
        (last, a.doc.sections[last].paragraphs.len() - 1)
    );
    press(&mut a, KeyCode::Home);
    assert_eq!((a.section, a.paragraph), (0, 0));
}

#[test]
fn brackets_put_the_section_heading_at_the_top() {
    let mut a = app_at(120, 40);
    press(&mut a, KeyCode::Char(']'));
    let heading = a.doc.sections[1].title.get(a.doc.lang).to_string();
    let window = a.reading_window();
    assert!(
        window[0].1.text == heading,
        "first line {:?}, not the heading {heading:?}",
        window[0].1.text
    );
}

#[test]
fn a_section_chosen_in_the_outline_is_summed_up_not_called_an_empty_paragraph() {
    let mut a = app();
    press(&mut a, KeyCode::Char('g'));
    assert!(matches!(a.rows[a.outline_cursor], Row::Section(0)));
    let text: Vec<String> = stance::tui::panes::node_lines(&a, 60)
        .iter()
        .map(|l| l.text())
        .collect();
    let all = text.join("\n");
    assert!(!all.contains("No node is tied"), "{all}");
    let paras = a.doc.sections[0].paragraphs.len();
    assert!(text[0].starts_with("§1 "), "{all}");
    assert!(all.contains(&format!("{paras} paragraphs")), "{all}");
    assert!(all.contains("Enter folds it"), "{all}");
}

#[test]
fn the_model_names_each_node_by_one_label() {
    let doc = load_embedded().document.unwrap();
    let labels = doc.labels();
    for (i, l) in labels.iter().enumerate() {
        assert_eq!(doc.label(i).as_ref(), Some(l));
    }
    let thesis = doc.node_index("c-thesis").unwrap();
    assert_eq!(labels[thesis], "C1");
    assert_eq!(doc.label(doc.nodes.len()), None);
    assert_eq!(
        app().graph.labels,
        labels,
        "the reader shows the model's labels"
    );
}

#[test]
fn no_line_of_the_node_pane_runs_past_its_border() {
    use stance::wrap::{Ambiguous, str_width};
    for mode in [Mode::Zh, Mode::En, Mode::Both] {
        let doc = load_embedded().document.unwrap();
        let mut a = App::new(doc, UiLang::Zh, mode, (120, 40));
        for n in 0..a.doc.nodes.len() {
            a.visit(n);
            typed(&mut a, "a");
            for width in [22, 26, 34] {
                for l in stance::tui::panes::node_lines(&a, width) {
                    let t = l.text();
                    assert!(str_width(&t, Ambiguous::Narrow) <= width, "{t:?} > {width}");
                }
            }
        }
    }
}

#[test]
fn a_note_is_saved_on_the_node_it_was_begun_on() {
    let mut a = app();
    let first = a.selected.unwrap();
    typed(&mut a, "c");
    typed(&mut a, "about the thesis");
    // Something else moves the selection meanwhile (a reload of the file).
    let other = (first + 1) % a.doc.nodes.len();
    a.visit(other);
    assert_eq!(
        a.note_label(),
        a.graph.labels[first],
        "the box names its node"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.mark_of(first).and_then(|m| m.note.as_deref()),
        Some("about the thesis")
    );
    assert!(a.mark_of(other).is_none());
}

#[test]
fn a_huge_pasted_note_still_edits() {
    let mut a = app_at(40, 12);
    typed(&mut a, "c");
    a.paste(&"长文".repeat(100_000));
    for code in [KeyCode::Left, KeyCode::Home, KeyCode::Right, KeyCode::End] {
        press(&mut a, code);
    }
    press(&mut a, KeyCode::Backspace);
    let input = a.editing.as_ref().unwrap();
    assert_eq!(input.text.chars().count(), 199_999);
    let (shown, _) = input.window(37, stance::wrap::Ambiguous::Narrow);
    assert!(!shown.is_empty());
}

#[test]
fn the_wheel_scrolls_the_node_pane_text() {
    let mut a = app_at(80, 24);
    let node = a.panes().unwrap().node.unwrap();
    let wheel = |a: &mut App, kind| {
        a.mouse(MouseEvent {
            kind,
            column: node.x + 2,
            row: node.y + 2,
            modifiers: KeyModifiers::NONE,
        })
    };
    wheel(&mut a, MouseEventKind::ScrollDown);
    assert_eq!(a.node_scroll, 3);
    wheel(&mut a, MouseEventKind::ScrollUp);
    assert_eq!(a.node_scroll, 0);
}

#[test]
fn search_finds_a_node_by_its_label_and_by_its_id() {
    let mut a = app();
    let r7 = a.graph.labels.iter().position(|l| l == "R7").unwrap();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "R7");
    assert!(
        a.search.hits.contains(&Hit::Node(r7)),
        "{:?}",
        a.search.hits
    );
    press(&mut a, KeyCode::Esc);
    let id = a.doc.nodes[r7].id.clone();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, &id);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.selected, Some(r7), "the id leads to the node");
}

#[test]
fn a_node_answering_another_section_points_to_it_in_the_outline() {
    let a = app_at(200, 60);
    let label = |n: usize| a.graph.labels[n].as_str();
    let r9 = a.graph.labels.iter().position(|l| l == "R9").unwrap();
    let target =
        stance::tui::outline::parent_elsewhere(&a, r9).expect("R9 answers another section");
    assert_eq!(label(target), "C10", "R9 rebuts C10");
    let (sec, _) = a.graph.anchors[target].unwrap();
    assert_ne!(Some(sec), a.graph.anchors[r9].map(|(s, _)| s));
    let lines = stance::tui::outline::outline_lines(&a, 60, a.rows.len());
    let row = a
        .rows
        .iter()
        .position(|r| matches!(r, Row::Node { node, .. } if *node == r9))
        .unwrap();
    let text = lines[row].text();
    assert!(
        text.trim_end().ends_with(&format!("→ C10 §{}", sec + 1)),
        "{text}"
    );
    // A node under its parent in the same section gets no pointer.
    let child = a
        .rows
        .iter()
        .find_map(|r| match r {
            Row::Node { node, depth: 1, .. } => Some(*node),
            _ => None,
        })
        .unwrap();
    assert_eq!(stance::tui::outline::parent_elsewhere(&a, child), None);
}

#[test]
fn dragging_the_outline_border_widens_it_and_back() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app_at(120, 40);
    let outline = a.panes().unwrap().outline.unwrap();
    let at = |kind, column| MouseEvent {
        kind,
        column,
        row: outline.y + 5,
        modifiers: KeyModifiers::NONE,
    };
    let border = outline.x + outline.w - 1;
    a.mouse(at(MouseEventKind::Down(MouseButton::Left), border));
    a.mouse(at(MouseEventKind::Drag(MouseButton::Left), 119));
    a.mouse(at(MouseEventKind::Up(MouseButton::Left), 119));
    let wide = a.panes().unwrap().outline.unwrap().w;
    assert!(wide > outline.w, "{wide} after dragging to the right");
    assert_eq!(a.outline_wider, stance::tui::layout::WIDER);
    let border = wide - 1;
    a.mouse(at(MouseEventKind::Down(MouseButton::Left), border));
    a.mouse(at(MouseEventKind::Drag(MouseButton::Left), 0));
    a.mouse(at(MouseEventKind::Up(MouseButton::Left), 0));
    assert_eq!(a.panes().unwrap().outline.unwrap().w, outline.w);
    // A drag that did not start on the border moves nothing.
    a.mouse(at(MouseEventKind::Drag(MouseButton::Left), 119));
    assert_eq!(a.outline_wider, 0);
}
