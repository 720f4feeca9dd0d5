//! Reading a big discussion (issue 19): a generated 3,000-claim Kialo
//! discussion opens folded, folds and unfolds whole, and shows the selected
//! claim's full text at 100x30; links show as words with the address one key
//! away; the reading pane says a section's heading once and indents a branch.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stance::formats::load_any;
use stance::tui::app::App;
use stance::tui::i18n::UiLang;
use stance::tui::outline::Row;
use stance::tui::reading::Mode;
use stance::tui::theme::Theme;

fn open(name: &str, text: String, size: (u16, u16)) -> App {
    let loaded = load_any(name, text, None);
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    let doc = loaded.document.expect("a document");
    App::new(doc, UiLang::En, Mode::Both, size)
}

fn big() -> App {
    open("big.txt", common::kialo::discussion(3000), (100, 30))
}

fn press(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// The screen as text, one string per row.
fn screen(app: &App) -> Vec<String> {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| stance::tui::view::draw(f, app, &Theme { color: false }))
        .expect("drawn");
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < w {
                let cell = &buf[(x, y)];
                row.push_str(cell.symbol());
                x += 1;
            }
            row
        })
        .collect()
}

/// The node pane's text (the right half of the screen, inside its border), as one line.
fn node_pane_text(app: &App) -> String {
    let panes = app.panes().expect("panes");
    let node = panes.node.expect("the node pane beside the outline");
    let rows = screen(app);
    let mut words = Vec::new();
    for y in node.y + 1..node.y + node.h - 1 {
        let row: String = rows[usize::from(y)]
            .chars()
            .skip(usize::from(node.x) + 1)
            .take(usize::from(node.w) - 2)
            .collect();
        words.extend(row.split_whitespace().map(str::to_string));
    }
    words.join(" ")
}

fn depths(app: &App) -> Vec<usize> {
    app.rows
        .iter()
        .filter_map(|r| match r {
            Row::Node { depth, .. } => Some(*depth),
            Row::Section(_) => None,
        })
        .collect()
}

#[test]
fn a_big_discussion_opens_folded_to_its_main_pros_and_cons() {
    let app = big();
    assert_eq!(app.doc.nodes.len(), 3000);
    let sections = app.doc.sections.len();
    // The thesis's section, and one per main branch.
    assert_eq!(sections, 9);
    // Two levels: each main pro or con, and what answers it directly.
    assert_eq!(depths(&app).iter().max(), Some(&1));
    assert_eq!(app.rows.len(), sections + 1 + 8 + 8 * 3, "{:?}", app.rows);
    // No reading pane beside the claims: the tree and the claim share the width.
    let panes = app.panes().expect("panes");
    assert!(panes.reading.is_none());
    assert!(panes.outline.expect("outline").w >= 50);
}

#[test]
fn fold_all_unfold_all_and_to_a_depth() {
    let mut app = big();
    let sections = app.doc.sections.len();
    press(&mut app, '-');
    assert!(app.rows.iter().all(|r| matches!(r, Row::Section(_))));
    assert_eq!(app.rows.len(), sections);
    assert!(screen(&app).join("\n").contains("outline folded"));

    press(&mut app, '+');
    assert_eq!(app.rows.len(), sections + 3000);
    assert_eq!(depths(&app).iter().max(), Some(&6));

    press(&mut app, '3');
    assert_eq!(depths(&app).iter().max(), Some(&2));
    assert!(app.rows.len() < 200, "{}", app.rows.len());
    press(&mut app, '0');
    assert_eq!(app.rows.len(), sections + 3000);

    // Enter on a folded node opens just that branch.
    press(&mut app, '2');
    let before = app.rows.len();
    let at = app
        .rows
        .iter()
        .position(|r| {
            matches!(
                r,
                Row::Node {
                    depth: 1,
                    branch: true,
                    ..
                }
            )
        })
        .expect("a folded node at depth 1");
    app.outline_cursor = at;
    app.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert_eq!(app.rows.len(), before + 3);
}

#[test]
fn the_full_text_of_a_deep_claim_is_visible_at_100_by_30() {
    let mut app = big();
    // A long claim five levels down, hidden by the folds when the reader opens.
    let deep = (0..app.doc.nodes.len())
        .find(|&i| {
            let n = &app.doc.nodes[i];
            n.text.en.contains("ends with the words") && n.id.matches('.').count() >= 4
        })
        .expect("a long claim five levels down");
    let text = app.doc.nodes[deep].text.en.clone();
    assert!(text.len() > 300, "{text}");
    app.visit(deep);
    // Selecting it opened only the branch it is in.
    assert!(app.rows.len() < 100, "{}", app.rows.len());
    let shown = node_pane_text(&app);
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(
        shown.contains(&words.join(" ")),
        "the node pane does not hold\n{text}\nit shows\n{shown}"
    );
    // Its place as Kialo numbers it.
    let number = app.doc.nodes[deep].id[2..].to_string();
    assert!(shown.contains(&format!("Kialo {number}")), "{shown}");
}

#[test]
fn links_show_their_words_and_the_address_is_one_key_away() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/discussions/kialo-links.txt"),
    )
    .expect("the fixture");
    let mut app = open("cars.txt", text, (100, 30));
    let n = app.doc.node_index("r-1.1.1").expect("r-1.1.1");
    app.visit(n);
    let shown = node_pane_text(&app);
    assert!(
        shown.contains("The burden of proof lies with those who want the ban."),
        "{shown}"
    );
    assert!(!shown.contains("wikipedia"), "{shown}");
    assert!(shown.contains("o shows where they lead"), "{shown}");
    assert!(stance::tui::discussion::hyperlinks(&app).is_empty());
    press(&mut app, 'o');
    // The address is wrapped where the pane ends: read the rows run together.
    let shown: String = node_pane_text(&app).split(' ').collect();
    assert!(
        shown.contains(
            "Links🔗burdenofproofhttps://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)"
        ),
        "{shown}"
    );

    // Where the terminal has hyperlinks, the words drawn are made a link to
    // the address: the place given is where the words are on screen.
    let links = stance::tui::discussion::hyperlinks(&app);
    assert_eq!(links.len(), 1, "{links:?}");
    let h = &links[0];
    assert_eq!(h.words, "burden of proof");
    assert_eq!(
        h.url,
        "https://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)"
    );
    let (w, rows) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, rows)).expect("a test terminal");
    t.draw(|f| stance::tui::view::draw(f, &app, &Theme { color: false }))
        .expect("drawn");
    let drawn: String = (h.x..h.x + h.words.len() as u16)
        .map(|x| t.backend().buffer()[(x, h.y)].symbol().to_string())
        .collect();
    assert_eq!(drawn, h.words);
    let mut out = Vec::new();
    stance::tui::discussion::write_hyperlinks(&mut out, &app).expect("written");
    let out = String::from_utf8(out).expect("UTF-8");
    assert_eq!(
        out,
        format!(
            "\u{1b}[{};{}H\u{1b}]8;;{}\u{1b}\\burden of proof\u{1b}]8;;\u{1b}\\",
            h.y + 1,
            h.x + 1,
            h.url
        )
    );
    press(&mut app, 'o');
    // The 608-character map address reaches neither the outline nor the claim's text.
    let n = app.doc.node_index("c-1.1").expect("c-1.1");
    app.visit(n);
    let screen = screen(&app).join("\n");
    assert!(!screen.contains("google.com"), "{screen}");
    assert!(
        node_pane_text(&app).contains("see the low emission zones in London."),
        "{screen}"
    );
}

#[test]
fn the_reading_pane_says_a_heading_once_and_indents_a_branch() {
    let app = open("big.txt", common::kialo::discussion(60), (60, 30));
    // Narrow: one pane at a time, the reading pane among them.
    let section = 1;
    let text = app.section_text(section);
    let title = app.doc.sections[section].title.en.clone();
    let heading_lines = text.lines.iter().filter(|l| l.text == title).count();
    assert_eq!(heading_lines, 1, "{:?}", text.lines);
    assert!(
        !text.lines.iter().any(|l| l.text.contains("no heading")),
        "{:?}",
        text.lines
    );
    // 1.1 at the left, 1.1.1 two columns in, 1.1.1.1 four.
    let line_of = |words: &str| {
        text.lines
            .iter()
            .find(|l| l.text.trim_start().starts_with(words))
            .unwrap_or_else(|| panic!("no line starting {words}: {:?}", text.lines))
            .text
            .clone()
    };
    assert!(line_of("Claim 1.1 says").starts_with("Claim"));
    assert!(line_of("Claim 1.1.1 says").starts_with("  Claim"));
    assert!(line_of("Claim 1.1.1.1 says").starts_with("    Claim"));
}

/// The outline's rows on screen, inside its border.
fn outline_rows(app: &App) -> Vec<String> {
    let panes = app.panes().expect("panes");
    let o = panes.outline.or(panes.single).expect("the outline");
    let rows = screen(app);
    (o.y + 1..o.y + o.h - 1)
        .map(|y| {
            rows[usize::from(y)]
                .chars()
                .skip(usize::from(o.x) + 1)
                .take(usize::from(o.w) - 2)
                .collect::<String>()
        })
        .collect()
}

#[test]
fn the_outline_shows_kialo_numbers_and_keeps_room_for_the_words() {
    for (size, deep_numbered) in [((80, 24), false), ((100, 30), true)] {
        let mut app = open("big.txt", common::kialo::discussion(3000), size);
        press(&mut app, '0');
        // Go down to a claim six levels deep, so the deepest rows are on screen.
        let deep = app
            .doc
            .node_index("c-1.1.1.1.1.1.1")
            .expect("a claim six levels down");
        app.visit(deep);
        let rows = outline_rows(&app);
        let mut seen = 0;
        let mut saw_deep = false;
        for (node, id) in app.doc.nodes.iter().enumerate().map(|(i, n)| (i, &n.id)) {
            let number = &id[2..];
            let label = &app.graph.labels[node];
            let full = app.doc.nodes[node].text.en.clone();
            // The row that holds this label, if it is on screen.
            // (Without the pointer to a parent in another section, `→ C1 §1`.)
            let Some(row) = rows
                .iter()
                .map(|r| r.split(" → ").next().unwrap_or(r))
                .find(|r| r.split_whitespace().any(|w| w == label.as_str()))
            else {
                continue;
            };
            seen += 1;
            // The label, then the number as Kialo writes it, then the words.
            let at = row.find(&format!(" {label} ")).expect("label") + label.len() + 1;
            let after = &row[at..];
            let numbered = after.starts_with(&format!(" {number} "));
            let text = if numbered {
                &after[number.len() + 2..]
            } else {
                &after[1..]
            };
            // The words always get room: at least twelve columns of them.
            let text = text.trim_end();
            assert!(
                unicode_width::UnicodeWidthStr::width(text) >= 12
                    && full.starts_with(text.trim_end_matches('…')),
                "{size:?}: {row:?}"
            );
            let depth = number.matches('.').count();
            if depth <= 2 {
                assert!(
                    numbered,
                    "{size:?}: a shallow claim without its number: {row:?}"
                );
            }
            if depth == 6 {
                saw_deep = true;
                assert_eq!(numbered, deep_numbered, "{size:?}: {row:?}");
            }
        }
        assert!(seen >= 10 && saw_deep, "{size:?}: {rows:#?}");
    }
}

/// The text inside `area`'s border on screen, words joined by one space.
fn area_text(app: &App, area: stance::tui::layout::Area) -> String {
    let rows = screen(app);
    let mut words = Vec::new();
    for y in area.y + 1..area.y + area.h - 1 {
        let row: String = rows[usize::from(y)]
            .chars()
            .skip(usize::from(area.x) + 1)
            .take(usize::from(area.w) - 2)
            .collect();
        words.extend(row.split_whitespace().map(str::to_string));
    }
    words.join(" ")
}

#[test]
fn one_key_brings_the_article_pane_back_beside_a_discussion_and_puts_it_away() {
    let mut app = open("big.txt", common::kialo::discussion(60), (100, 30));
    let claim = app.doc.node_index("c-1.1").expect("c-1.1");
    app.visit(claim);
    let alone = app.panes().expect("panes");
    assert!(alone.reading.is_none());
    let tree = alone.outline.expect("the outline").w;

    press(&mut app, 'P');
    let three = app.panes().expect("panes");
    let reading = three.reading.expect("the article pane is back");
    assert!(three.outline.is_some() && three.node.is_some());
    assert!(three.outline.expect("outline").w < tree, "{three:?}");
    // It reads the selected claim's section, as for an article.
    let text = area_text(&app, reading);
    assert!(text.contains("Claim 1.1 says something"), "{text}");
    assert!(
        screen(&app)
            .join("\n")
            .contains("the article pane beside the claims"),
        "{}",
        screen(&app).join("\n")
    );
    // Tab reaches it.
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    assert_eq!(app.focus, stance::tui::app::Pane::Reading);

    press(&mut app, 'P');
    let again = app.panes().expect("panes");
    assert!(again.reading.is_none());
    assert_eq!(again.outline.expect("outline").w, tree);
    // Focus does not stay on a pane that is gone.
    assert_ne!(app.focus, stance::tui::app::Pane::Reading);
    assert!(screen(&app).join("\n").contains("the claims alone"));

    // The help lists the key, from the keymap.
    press(&mut app, '?');
    let mut help = String::new();
    for _ in 0..20 {
        help.push_str(&screen(&app).join("\n"));
        app.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    }
    assert!(
        help.contains("P ") && help.contains("in a discussion: the article pane beside the"),
        "{help}"
    );
}

#[test]
fn the_article_pane_key_on_an_article_changes_nothing_and_says_why() {
    let mut app = App::new(
        stance::model::load_embedded()
            .document
            .expect("the built-in article"),
        UiLang::Zh,
        Mode::Both,
        (120, 40),
    );
    let before = app.panes();
    assert!(before.and_then(|p| p.reading).is_some());
    press(&mut app, 'P');
    assert_eq!(app.panes(), before);
    // A wide character's second cell draws as a space: read without them.
    let shown: String = screen(&app).concat().split(' ').collect();
    assert!(shown.contains("文章总是在大纲旁显示正文"), "{shown}");
}

fn search(app: &mut App, query: &str) {
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    press(app, '/');
    for c in query.chars() {
        press(app, c);
    }
}

#[test]
fn search_finds_a_links_words_and_not_its_hidden_address() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/discussions/kialo-links.txt"),
    )
    .expect("the fixture");
    let mut app = open("cars.txt", text, (100, 30));
    // Words only in addresses: nothing a reader sees holds them.
    for hidden in ["wikipedia", "google.com/maps", "https", "example.org"] {
        search(&mut app, hidden);
        assert!(
            app.search.hits.is_empty(),
            "{hidden}: {:?}",
            app.search.hits
        );
        assert!(
            screen(&app).join("\n").contains("no match"),
            "{hidden}: {}",
            screen(&app).join("\n")
        );
    }
    // The words as shown, across the link's end, find the claim.
    let claim = app.doc.node_index("r-1.1.1").expect("r-1.1.1");
    search(&mut app, "the burden of proof lies");
    assert!(!app.search.hits.is_empty());
    assert_eq!(app.selected, Some(claim));
    assert!(
        node_pane_text(&app).contains("The burden of proof lies with those"),
        "{}",
        node_pane_text(&app)
    );
    let chinese = app.doc.node_index("c-1.2.1").expect("c-1.2.1");
    search(&mut app, "见伦敦的数据。");
    assert_eq!(app.selected, Some(chinese));
}
