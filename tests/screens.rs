//! Whole screens as a reader sees them (ratatui's TestBackend), snapshotted with
//! insta, plus checks that hold on any screen: borders intact, nothing overflows.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use stance::model::load_embedded;
use stance::tui::app::App;
use stance::tui::i18n::UiLang;
use stance::tui::reading::Mode;
use stance::tui::theme::Theme;
use stance::tui::view;

fn app(cols: u16, rows: u16, ui: UiLang, mode: Mode) -> App {
    App::new(load_embedded().document.unwrap(), ui, mode, (cols, rows))
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| view::draw(f, app, &Theme { color: false }))
        .unwrap();
    terminal.backend().buffer().clone()
}

use common::buffer_text as text;

/// Every pane's left and right border is drawn on every row it spans: no text ran over it.
fn assert_borders_intact(app: &App, buf: &Buffer) {
    let Some(p) = app.panes() else { return };
    let mut areas = vec![p.outline, p.reading, p.node, p.single];
    if app.legend {
        // The first run's legend sits over the bottom of the node pane, in its own box.
        areas = vec![p.outline, p.reading];
    }
    if !app.overlays.is_empty() {
        // A popup covers the panes; the map fills the screen above the status line.
        let full = stance::tui::layout::Area {
            x: 0,
            y: 0,
            w: app.size.0,
            h: p.status.y,
        };
        areas = vec![(app.overlays.len() == 1).then_some(full)];
    }
    for a in areas.into_iter().flatten() {
        for y in a.y + 1..a.y + a.h - 1 {
            for x in [a.x, a.x + a.w - 1] {
                let sym = buf[(x, y)].symbol();
                assert!(
                    ["│", "┃", "║"].contains(&sym),
                    "border broken at ({x},{y}): {sym:?}\n{}",
                    text(buf)
                );
            }
        }
    }
}

fn snapshot(name: &str, app: &App) {
    let buf = render(app);
    assert_borders_intact(app, &buf);
    insta::assert_snapshot!(name, text(&buf));
}

#[test]
fn reader_at_80x24_in_each_language_mode() {
    for (mode, name) in [
        (Mode::Zh, "80x24_zh"),
        (Mode::En, "80x24_en"),
        (Mode::Both, "80x24_both"),
    ] {
        snapshot(name, &app(80, 24, UiLang::En, mode));
    }
}

#[test]
fn reader_at_120x40_in_each_language_mode() {
    for (mode, name) in [
        (Mode::Zh, "120x40_zh"),
        (Mode::En, "120x40_en"),
        (Mode::Both, "120x40_both"),
    ] {
        snapshot(name, &app(120, 40, UiLang::En, mode));
    }
}

#[test]
fn chinese_interface() {
    snapshot("120x40_ui_zh", &app(120, 40, UiLang::Zh, Mode::Zh));
}

#[test]
fn map_help_and_search_open() {
    let mut a = app(80, 24, UiLang::En, Mode::Both);
    keys(&mut a, "m");
    snapshot("80x24_map", &a);
    keys(&mut a, "?");
    snapshot("80x24_map_help", &a);
    let mut a = app(120, 40, UiLang::En, Mode::Both);
    keys(&mut a, "/星际之门");
    snapshot("120x40_search_typing", &a);
    keys(&mut a, "\n\t");
    snapshot("120x40_search_found", &a);
}

#[test]
fn narrow_and_tiny_terminals() {
    let mut a = app(40, 12, UiLang::En, Mode::Zh);
    snapshot("40x12_outline", &a);
    keys(&mut a, "\t");
    snapshot("40x12_reading", &a);
    snapshot("20x6_too_small", &app(20, 6, UiLang::En, Mode::Zh));
}

#[test]
fn borders_hold_at_every_width_and_mode() {
    for w in (24..=160).step_by(7) {
        for h in [8, 13, 24] {
            for mode in [Mode::Zh, Mode::En, Mode::Both] {
                let mut a = app(w, h, UiLang::En, mode);
                assert_borders_intact(&a, &render(&a));
                keys(&mut a, "jjjj\tjjj");
                assert_borders_intact(&a, &render(&a));
            }
        }
    }
}

/// The node pane's rows as text, inside its border.
fn node_pane_text(app: &App) -> Vec<String> {
    let buf = render(app);
    let p = app.panes().unwrap();
    let a = p.node.or(p.single).unwrap();
    (a.y + 1..a.y + a.h - 1)
        .map(|y| {
            (a.x + 1..a.x + a.w - 1)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// Moves the map's cursor to the node labelled `label`.
fn map_to(app: &mut App, label: &str) {
    for _ in 0..200 {
        let Some(stance::tui::app::Overlay::Map(m)) = app.overlays.last() else {
            panic!("the map is not open")
        };
        if m.rows[m.cursor].node.map(|n| app.graph.labels[n].as_str()) == Some(label) {
            return;
        }
        keys(app, "j");
    }
    panic!("{label} is not in the map");
}

#[test]
fn a_node_opened_from_the_map_shows_its_statement_and_scrolls_as_text() {
    let mut a = app(80, 24, UiLang::En, Mode::En);
    keys(&mut a, "m");
    map_to(&mut a, "E1");
    keys(&mut a, "\n");
    let e1 = a.selected.unwrap();
    let statement = a.doc.nodes[e1].text.en.clone();
    let first_words: String = statement.chars().take(12).collect();
    let shown = node_pane_text(&a).join("\n");
    assert!(shown.contains(&first_words), "{shown}");
    // j walks down to the relations and on; k, g and PgUp bring the top back.
    for back in ["k", "g"] {
        keys(&mut a, "jjjjjjjjjjjjjjjj");
        assert!(!node_pane_text(&a).join("\n").contains(&first_words));
        for _ in 0..20 {
            keys(&mut a, back);
        }
        assert!(
            node_pane_text(&a).join("\n").contains(&first_words),
            "{back}"
        );
    }
    keys(&mut a, "jjjjjjjjjjjjjjjj");
    a.handle_key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE));
    a.handle_key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE));
    assert!(node_pane_text(&a).join("\n").contains(&first_words), "PgUp");
}

#[test]
fn the_thesis_reads_whole_in_a_narrow_node_pane() {
    let mut a = app(40, 12, UiLang::En, Mode::En);
    keys(&mut a, "\t\t");
    let thesis = a.doc.nodes[a.selected.unwrap()].text.en.clone();
    let mut seen = String::new();
    let mut last = Vec::new();
    for _ in 0..40 {
        let rows = node_pane_text(&a);
        if rows == last {
            break;
        }
        seen.push_str(&rows.join(" "));
        seen.push(' ');
        last = rows;
        keys(&mut a, "j");
    }
    let words: String = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&thesis), "{thesis}\nnot in\n{words}");
}

#[test]
fn an_id_too_long_for_the_node_pane_ends_in_an_ellipsis() {
    let mut a = app(30, 12, UiLang::En, Mode::En);
    let longest = (0..a.doc.nodes.len())
        .max_by_key(|&n| a.doc.nodes[n].id.len())
        .unwrap();
    a.visit(longest);
    keys(&mut a, "\t\t");
    let first = node_pane_text(&a)[0].trim_end().to_string();
    assert!(first.ends_with('…'), "{first:?}");
    assert!(first.contains(&a.graph.labels[longest]), "{first:?}");
}

#[test]
fn the_map_previews_the_whole_text_of_the_node_under_the_cursor() {
    let mut a = app(80, 24, UiLang::En, Mode::En);
    keys(&mut a, "m");
    // Down to a node whose text the map's row has to cut.
    let mut tried = 0;
    loop {
        let Some(stance::tui::app::Overlay::Map(m)) = a.overlays.last() else {
            panic!()
        };
        if let Some(n) = m.rows[m.cursor].node {
            let statement = &a.doc.nodes[n].text.en;
            if statement.len() > 90 && statement.len() < 200 {
                let screen = text(&render(&a));
                let words: Vec<&str> = statement.split_whitespace().collect();
                let tail = words[words.len() - 2..].join(" ");
                assert!(screen.contains(&tail), "{tail:?} not in\n{screen}");
                return;
            }
        }
        keys(&mut a, "j");
        tried += 1;
        assert!(tried < 100, "no long node in the map");
    }
}

#[test]
fn left_in_a_narrow_note_box_moves_the_cursor_and_leaves_the_text() {
    let mut a = app(30, 12, UiLang::En, Mode::En);
    keys(&mut a, "c");
    keys(&mut a, "the quick brown fox jumps over the lazy dog again");
    let row = |a: &App| {
        let buf = render(a);
        let y = a.panes().unwrap().status.y - 2;
        (0..30).map(|x| buf[(x, y)].symbol()).collect::<String>()
    };
    let cursor = |a: &App| {
        let mut t = Terminal::new(TestBackend::new(30, 12)).unwrap();
        t.draw(|f| view::draw(f, a, &Theme { color: false }))
            .unwrap();
        t.get_cursor_position().unwrap().x
    };
    let (before, at) = (row(&a), cursor(&a));
    for k in 1..=4 {
        a.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(row(&a), before, "Left scrolled the text");
        assert_eq!(cursor(&a), at - k);
    }
}

#[test]
fn the_map_and_its_preview_keep_their_border_at_every_size() {
    for w in (24..=160).step_by(17) {
        for h in [8, 12, 14, 24, 40] {
            for mode in [Mode::Zh, Mode::En] {
                let mut a = app(w, h, UiLang::En, mode);
                keys(&mut a, "mjjjj");
                assert_borders_intact(&a, &render(&a));
                keys(&mut a, "2jj");
                assert_borders_intact(&a, &render(&a));
            }
        }
    }
}

/// A reader opening stance for the first time (no marks yet), as the runner opens it.
fn first_run(cols: u16, rows: u16, ui: UiLang, mode: Mode) -> App {
    let doc = load_embedded().document.unwrap();
    let marks = stance::marks::Marks::new(&doc, None);
    let saving = stance::tui::app::Saving::Nowhere;
    App::open(doc, marks, saving, ui, mode, (cols, rows))
}

#[test]
fn the_first_screen_shows_the_title_the_first_heading_and_the_legend() {
    let mut a = first_run(80, 24, UiLang::En, Mode::Both);
    let buf = render(&a);
    let screen = text(&buf);
    // The title (two lines in English at this width) and the first heading.
    let article: Vec<&str> = screen.lines().take(8).collect();
    let article = article.join("\n");
    assert!(
        article.contains("DeepSeek,被打脸的到底是谁?")
            && article.contains("DeepSeek: who really got slapped")
            && article.contains("开篇")
            && article.contains("Opening"),
        "title and first heading at the top of the article:\n{screen}"
    );
    assert!(
        screen.contains("◆ claim") && screen.contains("∅ unsupported"),
        "the legend shows on a first run:\n{screen}"
    );
    let status = screen.lines().last().unwrap();
    assert!(status.contains("? keys & symbols"), "{status}");
    snapshot("80x24_first_run", &a);
    keys(&mut a, "j");
    assert!(!text(&render(&a)).contains("◆ claim"), "a key hides it");
    keys(&mut a, "?");
    assert!(
        text(&render(&a)).contains("∅ unsupported"),
        "the key list starts with the legend"
    );
}

#[test]
fn a_reader_with_marks_gets_no_legend() {
    let doc = load_embedded().document.unwrap();
    let mut marks = stance::marks::Marks::new(&doc, None);
    marks.set_stance(&doc, 0, Some(stance::marks::Stance::Agree));
    let saving = stance::tui::app::Saving::Nowhere;
    let a = App::open(doc, marks, saving, UiLang::En, Mode::Both, (80, 24));
    assert!(!text(&render(&a)).contains("◆ claim"));
}

#[test]
fn hints_follow_the_focused_pane_and_the_popup() {
    let mut a = app(160, 40, UiLang::En, Mode::Both);
    let status = |a: &App| text(&render(a)).lines().last().unwrap().to_string();
    let outline = status(&a);
    assert!(outline.contains("h/l fold"), "{outline}");
    keys(&mut a, "\t");
    let reading = status(&a);
    assert!(
        reading.contains("[/] section") && reading.contains("L 中/EN"),
        "{reading}"
    );
    keys(&mut a, "\t");
    let node = status(&a);
    assert!(
        node.contains("Enter follow") && node.contains("c note"),
        "{node}"
    );
    keys(&mut a, "m");
    let map = status(&a);
    assert!(
        map.contains("Esc close") && map.contains("a/d/u mark") && map.contains("U undo"),
        "{map}"
    );
}

/// Every word of three or more Latin letters on `screen` that the document
/// itself does not contain (article, node texts, ids, figures) nor the key
/// names and command-line words: English the Chinese interface let through.
fn english_words(screen: &str, allowed: &std::collections::HashSet<String>) -> Vec<String> {
    screen
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        // A word cut by wrapping or by `…` is a piece of an allowed one.
        .filter(|w| !allowed.iter().any(|a| a.contains(w.as_str())))
        .collect()
}

/// The Latin words the document's data holds outside its English texts
/// (ids, names such as DeepSeek in the Chinese text, units), except its
/// `basis` names (statistic, event…), which the interface should translate.
fn document_words(doc: &stance::model::Document) -> std::collections::HashSet<String> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(m) => m
                .iter()
                .filter(|(k, _)| !["basis", "en"].contains(&k.as_str()))
                .for_each(|(_, x)| strings(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    strings(&serde_json::to_value(doc).unwrap(), &mut all);
    let mut words: std::collections::HashSet<String> = all
        .iter()
        .flat_map(|s| s.split(|c: char| !c.is_ascii_alphabetic()))
        .map(str::to_lowercase)
        .collect();
    // Keys as the keyboard names them, and words typed on the command line.
    for w in [
        "enter",
        "esc",
        "tab",
        "shift",
        "backspace",
        "ctrl",
        "alt",
        "home",
        "end",
        "pgup",
        "pgdn",
        "space",
        "stance",
        "class",
        // `--class-dir`, a flag's name.
        "dir",
        "merged",
        "json",
        "home",
        "marks",
    ] {
        words.insert(w.to_string());
    }
    words
}

#[test]
fn the_chinese_interface_shows_no_english() {
    use stance::tui::keymap::Action;
    let doc = load_embedded().document.unwrap();
    let allowed = document_words(&doc);
    let mut found: std::collections::BTreeMap<String, String> = Default::default();
    let mut look = |what: &str, a: &App| {
        let screen = text(&render(a));
        for w in english_words(&screen, &allowed) {
            found
                .entry(w)
                .or_insert_with(|| format!("{what}:\n{screen}"));
        }
    };
    // The article in Chinese: what is left in Latin letters is the interface's.
    for (w, h) in [(120, 40), (80, 24), (40, 12), (20, 6)] {
        {
            let mut a = first_run(w, h, UiLang::Zh, Mode::Zh);
            look("first run", &a);
            for _ in 0..3 {
                keys(&mut a, "\t");
                look("each pane", &a);
            }
            keys(&mut a, "g");
            look("a section's row", &a);
        }
    }
    let mut a = app(120, 40, UiLang::Zh, Mode::Zh);
    // Every node in the node pane, with each stance, and every claim's status.
    for n in 0..a.doc.nodes.len() {
        a.select_node(n);
        a.update(Action::Agree);
        look("agreeing with every node", &a);
    }
    keys(&mut a, "t");
    for _ in 0..a.list_len(stance::tui::app::ListKind::Tensions) {
        look("the tensions", &a);
        keys(&mut a, "j");
    }
    keys(&mut a, "\u{1b}");
    for n in 0..a.doc.nodes.len() {
        if a.doc.nodes[n].kind != stance::model::NodeKind::Claim {
            a.select_node(n);
            a.update(Action::Dispute);
        }
    }
    for n in 0..a.doc.nodes.len() {
        a.select_node(n);
        look("claims left without support", &a);
    }
    keys(&mut a, "t");
    for _ in 0..a.list_len(stance::tui::app::ListKind::Tensions) {
        look("the tensions", &a);
        keys(&mut a, "j");
    }
    keys(&mut a, "\u{1b}");
    // Filters, a note, messages.
    for _ in 0..6 {
        keys(&mut a, "v");
        look("a filter", &a);
    }
    keys(&mut a, "c");
    look("writing a note", &a);
    keys(&mut a, "\u{1b}");
    keys(&mut a, "C");
    look("no class", &a);
    keys(
        &mut a,
        "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    );
    look("history", &a);
    keys(&mut a, "/无此词");
    look("no match", &a);
    keys(&mut a, "\u{1b}");
    // Popups: the key list all the way down, the map, every figure.
    keys(&mut a, "?");
    for _ in 0..20 {
        look("the key list", &a);
        a.update(Action::PageDown);
    }
    keys(&mut a, "\u{1b}m");
    look("the map", &a);
    keys(&mut a, "\u{1b}F");
    look("the figures", &a);
    keys(&mut a, "\n");
    for _ in 0..a.doc.figures.len() {
        look("a figure", &a);
        keys(&mut a, "+");
        look("a figure with an input moved", &a);
        keys(&mut a, "l");
    }
    assert!(
        found.is_empty(),
        "English in the Chinese interface: {:?}\nfirst seen in {}",
        found.keys().collect::<Vec<_>>(),
        found.values().next().unwrap()
    );
}

#[test]
fn w_widens_the_outline_and_comes_back() {
    for (cols, rows) in [(120, 40), (80, 24), (200, 60)] {
        let mut a = app(cols, rows, UiLang::Zh, Mode::Zh);
        let width = |a: &App| a.panes().unwrap().outline.unwrap().w;
        let first = width(&a);
        let mut last = first;
        for _ in 0..stance::tui::layout::WIDER {
            keys(&mut a, "w");
            assert!(width(&a) > last, "wider at {cols}x{rows}");
            last = width(&a);
            assert!(
                a.panes().unwrap().reading.unwrap().w >= 30,
                "the article keeps room"
            );
            let buf = render(&a);
            assert_borders_intact(&a, &buf);
        }
        keys(&mut a, "w");
        assert_eq!(width(&a), first, "and back at {cols}x{rows}");
    }
    // Wider shows more of each node's text.
    let mut a = app(120, 40, UiLang::Zh, Mode::Zh);
    let before = text(&render(&a));
    keys(&mut a, "ww");
    let after = text(&render(&a));
    let cut = |s: &str| s.lines().filter(|l| l.contains('…')).count();
    assert!(cut(&after) < cut(&before), "fewer rows cut short");
}

// ----- The reader's own arguments: selecting words, and the form -----

const PHRASE: &str = "一个百来人的 AI 创业团队";

/// Selects `words` by word in the paragraph that holds them.
fn select_words(a: &mut App, words: &str) {
    let (s, p) = (0..a.doc.sections.len())
        .flat_map(|s| (0..a.doc.sections[s].paragraphs.len()).map(move |p| (s, p)))
        .find(|&(s, p)| {
            a.doc.sections[s].paragraphs[p]
                .text(a.doc.lang)
                .contains(words)
        })
        .expect("the words are in the article");
    a.select_paragraph(s, p);
    keys(a, "s0");
    let text = a.doc.sections[s].paragraphs[p].text(a.doc.lang).to_string();
    while !text[a.selection.as_ref().unwrap().head()..].starts_with(words) {
        keys(a, "w");
    }
    keys(a, " ");
    // One word per Han character, one for the Latin run.
    let count = words
        .split(' ')
        .map(|w| if w.is_ascii() { 1 } else { w.chars().count() })
        .sum::<usize>();
    keys(a, &"w".repeat(count));
}

#[test]
fn a_selection_is_drawn_on_its_words_and_nowhere_else() {
    use ratatui::style::Modifier;
    let mut a = app(80, 24, UiLang::En, Mode::Both);
    select_words(&mut a, PHRASE);
    let buf = render(&a);
    assert_borders_intact(&a, &buf);
    insta::assert_snapshot!("80x24_selecting", text(&buf));
    // Without colour the selection is reversed: those cells read the words.
    let reading = a.panes().unwrap().reading.unwrap();
    let mut chosen = String::new();
    for y in reading.y..reading.y + reading.h {
        for x in reading.x..reading.x + reading.w {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED)
                && cell.modifier.contains(Modifier::UNDERLINED)
            {
                chosen.push_str(cell.symbol());
            }
        }
    }
    assert_eq!(chosen.replace(' ', ""), PHRASE.replace(' ', ""));
}

#[test]
fn the_form_fits_80x24_in_both_interface_languages() {
    for (ui, name) in [(UiLang::En, "80x24_form_en"), (UiLang::Zh, "80x24_form_zh")] {
        let mut a = app(80, 24, ui, Mode::Both);
        select_words(&mut a, PHRASE);
        keys(&mut a, "e");
        keys(
            &mut a,
            if ui == UiLang::Zh {
                "小团队也能做出来"
            } else {
                "A small team did it"
            },
        );
        let buf = render(&a);
        insta::assert_snapshot!(name, text(&buf));
        let screen = text(&buf);
        assert!(screen.contains(PHRASE), "the quote shows whole:\n{screen}");
        let s = stance::tui::i18n::strings(ui);
        for field in [
            s.own.field_kind,
            s.own.field_target,
            s.own.field_text,
            s.own.field_note,
        ] {
            assert!(screen.contains(field), "{field} is on screen:\n{screen}");
        }
    }
}

#[test]
fn on_a_short_screen_the_form_scrolls_to_the_field_being_filled_in() {
    let mut a = app(40, 8, UiLang::En, Mode::Both);
    keys(&mut a, "A");
    keys(&mut a, "abc\t");
    let screen = text(&render(&a));
    assert!(screen.contains("▸Note"), "the note field shows:\n{screen}");
}

#[test]
fn the_form_draws_whole_or_cut_at_every_size_and_its_cursor_is_in_its_field() {
    for (cols, rows) in [(24, 8), (40, 12), (57, 17), (80, 24), (200, 60)] {
        for ui in [UiLang::En, UiLang::Zh] {
            let mut a = app(cols, rows, ui, Mode::Both);
            let Some(_) = a.panes() else { continue };
            keys(&mut a, "A");
            keys(&mut a, &"长".repeat(60));
            let buf = render(&a);
            let screen = text(&buf);
            // The field shows the end of the words, where the cursor is.
            assert!(screen.contains("长长长"), "{cols}x{rows}:\n{screen}");
            let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
            terminal
                .draw(|f| view::draw(f, &a, &Theme { color: false }))
                .unwrap();
            let (x, y) = {
                let p = terminal.get_cursor_position().unwrap();
                (p.x, p.y)
            };
            assert!(x < cols && y < rows, "{cols}x{rows}: cursor at {x},{y}");
            // The cell before the cursor holds the last character typed.
            let before = (x.saturating_sub(2), y);
            assert_eq!(
                terminal.backend().buffer()[before].symbol(),
                "长",
                "{cols}x{rows} {ui:?}: cursor at {x},{y}\n{screen}"
            );
        }
    }
}
