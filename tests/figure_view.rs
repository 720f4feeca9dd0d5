//! Figures in the reader: opened from a node or the index, drawn with ratatui's
//! widgets, and a calculation whose inputs the reader can change and reset.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stance::figures::Check;
use stance::model::load_embedded;
use stance::tui::app::{App, Overlay, Pane};
use stance::tui::i18n::UiLang;
use stance::tui::reading::Mode;
use stance::tui::theme::Theme;
use stance::tui::view;

use common::{stance, stdout};

fn app(mode: Mode) -> App {
    App::new(
        load_embedded().document.unwrap(),
        UiLang::En,
        mode,
        (80, 24),
    )
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| view::draw(f, app, &Theme { color: false }))
        .unwrap();
    common::buffer_text(t.backend().buffer())
}

fn figure_check(app: &App) -> Check {
    match app.overlays.last() {
        Some(Overlay::Figure(state)) => state.check(&app.doc).expect("a formula"),
        other => panic!("no figure open: {other:?}"),
    }
}

#[test]
fn one_key_shows_the_revenue_worked_out_and_changing_occupancy_recomputes_it() {
    let mut a = app(Mode::Zh);
    let n = a.doc.node_index("e-revenue-calc").unwrap();
    a.visit(n);
    keys(&mut a, "f");
    assert!(
        matches!(figure_check(&a), Check::Agrees { .. }),
        "2304 rounds to the stated 2300"
    );
    assert!(
        screen(&a).contains("✓ 2304 万元 → 2300 万元"),
        "{}",
        screen(&a)
    );
    // Utilization is the fourth input: 20% → 60%.
    keys(&mut a, "jjj++++++++");
    match figure_check(&a) {
        Check::Differs { computed, .. } => assert!((computed - 6912.0).abs() < 1e-6, "{computed}"),
        other => panic!("{other:?}"),
    }
    assert!(screen(&a).contains("60%"));
    keys(&mut a, "r");
    assert!(matches!(figure_check(&a), Check::Agrees { .. }));
    key(&mut a, KeyCode::Esc);
    assert!(a.overlays.is_empty());
}

#[test]
fn a_node_without_figures_says_so_and_the_index_lists_them_all() {
    let mut a = app(Mode::En);
    keys(&mut a, "f");
    assert!(a.overlays.is_empty());
    assert!(a.message.as_deref().unwrap().contains("no figures"));
    keys(&mut a, "F");
    let text = screen(&a);
    assert_eq!(text.matches("▦ ").count(), a.doc.figures.len(), "{text}");
    key(&mut a, KeyCode::Enter);
    let Some(Overlay::Figure(s)) = a.overlays.last() else {
        panic!()
    };
    assert_eq!(s.current, 0);
    keys(&mut a, "l");
    let Some(Overlay::Figure(s)) = a.overlays.last() else {
        panic!()
    };
    assert_eq!(s.current, 1);
}

#[test]
fn enter_on_a_figure_in_the_node_pane_opens_it() {
    let mut a = app(Mode::En);
    a.visit(a.doc.node_index("e-h100-rent").unwrap());
    a.focus = Pane::Node;
    keys(&mut a, "G");
    key(&mut a, KeyCode::Enter);
    let Some(Overlay::Figure(s)) = a.overlays.last() else {
        panic!("{:?}", a.overlays)
    };
    assert_eq!(s.figure(&a.doc).unwrap().id, "h100-rent");
}

#[test]
fn every_figure_in_the_popup_at_80x24() {
    for mode in [Mode::Zh, Mode::En] {
        let mut a = app(mode);
        keys(&mut a, "F");
        key(&mut a, KeyCode::Enter);
        for f in a.doc.figures.clone() {
            let text = screen(&a);
            // Every row is inside the popup's border.
            for line in text.lines().take(23) {
                assert!(
                    line.starts_with('┏') || line.starts_with('┃') || line.starts_with('┗'),
                    "{line}"
                );
            }
            insta::assert_snapshot!(format!("figure_{}_{:?}", f.id, mode), text);
            keys(&mut a, "l");
        }
    }
}

#[test]
fn stance_figure_prints_one_figure() {
    let out = stance(&["figure", "revenue"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("✓"));
    let out = stance(&["figure", "nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    let out = stance(&["figure", "--list"]);
    assert_eq!(stdout(&out).lines().count(), 9);
}

/// Opens figure `id` in the popup from the index.
fn open_figure(a: &mut App, id: &str) {
    keys(a, "F");
    key(a, KeyCode::Enter);
    for _ in 0..a.doc.figures.len() {
        let Some(Overlay::Figure(s)) = a.overlays.last() else {
            panic!("no figure open")
        };
        if s.figure(&a.doc).unwrap().id == id {
            return;
        }
        keys(a, "l");
    }
    panic!("no figure {id}");
}

#[test]
fn every_bar_shows_however_short_beside_its_label_and_value() {
    const BLOCKS: &[char] = &['█', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    for mode in [Mode::Zh, Mode::En] {
        let lang = mode.primary(stance::model::Lang::Zh);
        // (us-money is two sums of different kinds, listed rather than drawn as bars.)
        for id in ["occupancy", "deepseek-users", "h100-rent"] {
            let mut a = app(mode);
            open_figure(&mut a, id);
            let text = screen(&a);
            let lines: Vec<&str> = text.lines().collect();
            let fig = a.doc.figures.iter().find(|f| f.id == id).unwrap();
            let labels: Vec<String> = match &fig.data {
                stance::figures::FigureData::Bar(c) => c
                    .bars
                    .iter()
                    .map(|b| b.label.get_or_other(lang).to_string())
                    .collect(),
                stance::figures::FigureData::Change(c) => [&c.before, &c.after]
                    .iter()
                    .map(|s| s.label.get_or_other(lang).to_string())
                    .collect(),
                _ => panic!("{id} is not a chart"),
            };
            for label in labels {
                let at = lines
                    .iter()
                    .position(|l| l.contains(label.as_str()))
                    .unwrap_or_else(|| panic!("{label} not shown\n{text}"));
                let bar = lines[at..=at + 1].iter().any(|l| l.contains(BLOCKS));
                assert!(bar, "no bar for {label} in {id}\n{text}");
            }
        }
    }
}

#[test]
fn only_a_calculation_offers_to_change_its_inputs() {
    let hints = |a: &App| stance::tui::panes::status_line(a, 200).text();
    let mut a = app(Mode::En);
    open_figure(&mut a, "us-money");
    assert!(!hints(&a).contains("raise the input"), "{}", hints(&a));
    let mut a = app(Mode::En);
    open_figure(&mut a, "revenue");
    assert!(hints(&a).contains("raise the input"), "{}", hints(&a));
}

#[test]
fn the_popup_works_any_expression_out_as_written_and_says_where_it_comes_from() {
    let (fig, report) = stance::model::load_figure_file(
        "ratio.yaml",
        "id: revenue\nkind: formula\ntitle: {zh: 比, en: Ratio}\nparagraph: s2p9\n\
         inputs:\n  - {name: a, label: {zh: 甲, en: A}, value: 1, unit: 元}\n  \
         - {name: b, label: {zh: 乙, en: B}, value: 1.01, unit: 元}\n\
         expression: a ÷ (b - 1)\nresult: {label: {zh: 比, en: Ratio}, unit: 倍}\n",
    );
    assert!(report.diagnostics.is_empty(), "{report}");
    let fig = fig.unwrap();
    let mut doc = load_embedded().document.unwrap();
    let at = doc.figures.iter().position(|f| f.id == "revenue").unwrap();
    doc.figures[at] = fig.clone();
    let mut a = App::new(doc, UiLang::En, Mode::En, (80, 24));
    open_figure(&mut a, "revenue");
    let f = fig.formula().unwrap();
    let written = f.substituted(|i| {
        stance::figures::units::format_value(i.value, &i.unit, stance::model::Lang::En)
    });
    let text = screen(&a);
    assert!(written.contains('÷'), "{written}");
    assert!(text.contains(&written), "{written:?} not in\n{text}");
    let (s, p) = a.doc.paragraph_position("s2p9").unwrap();
    assert!(text.contains(&format!("§{} ¶{}", s + 1, p + 1)), "{text}");
    assert!(!text.contains("s2p9"), "{text}");
}

#[test]
fn a_percentage_input_stops_at_100_and_every_input_at_the_bounds_its_figure_states() {
    let mut a = app(Mode::Zh);
    a.visit(a.doc.node_index("e-revenue-calc").unwrap());
    keys(&mut a, "f");
    // Utilization is the fourth input: a hundred presses of + stop at 100%.
    keys(&mut a, "jjj");
    keys(&mut a, &"+".repeat(100));
    let inputs = |a: &App| match a.overlays.last() {
        Some(Overlay::Figure(s)) => s.inputs.clone(),
        _ => panic!(),
    };
    assert_eq!(inputs(&a)[3], 100.0);
    match figure_check(&a) {
        Check::Differs { computed, .. } => assert!((computed - 11520.0).abs() < 1e-6, "{computed}"),
        other => panic!("{other:?}"),
    }
    assert!(!screen(&a).contains("105%"));
    keys(&mut a, &"-".repeat(100));
    assert_eq!(inputs(&a)[3], 0.0);
    keys(&mut a, "k");
    keys(&mut a, &"+".repeat(100));
    assert_eq!(inputs(&a)[2], 1000.0, "servers stop at the figure's max");
    keys(&mut a, "k");
    keys(&mut a, &"+".repeat(50));
    assert_eq!(inputs(&a)[1], 12.0, "the months stop at a year");
}

#[test]
fn bounds_that_exclude_the_articles_value_are_refused_where_they_are_written() {
    let file = |min: &str, max: &str| {
        format!(
            "id: r\nkind: formula\ntitle: {{zh: 比, en: Ratio}}\nparagraph: s1p1\n\
             inputs:\n  - {{name: a, label: {{zh: 甲, en: A}}, value: 20, unit: \"%\", min: {min}, max: {max}}}\n\
             expression: a\nresult: {{label: {{zh: 比, en: Ratio}}, unit: \"%\"}}\n"
        )
    };
    let (fig, report) = stance::model::load_figure_file("r.yaml", &file("0", "100"));
    assert!(report.diagnostics.is_empty(), "{report}");
    let fig = fig.unwrap();
    let input = &fig.formula().unwrap().inputs[0];
    assert_eq!((input.min, input.max), (Some(0.0), Some(100.0)));
    for (min, max, says) in [
        ("30", "100", "below `min` 30"),
        ("0", "10", "above `max` 10"),
        ("50", "40", "`max` 40 is below `min` 50"),
    ] {
        let (fig, report) = stance::model::load_figure_file("r.yaml", &file(min, max));
        assert!(fig.is_none(), "{min}..{max} was accepted");
        let text = report.to_string();
        assert!(text.contains("r.yaml:6:"), "{text}");
        assert!(text.contains(says), "{text}");
    }
}

#[test]
fn a_listed_numbers_label_wraps_whole_instead_of_being_cut() {
    // us-money's labels are longer than half the popup: they were cut mid-word.
    let mut a = app(Mode::En);
    open_figure(&mut a, "us-money");
    let text = screen(&a);
    let fig = a.doc.figures.iter().find(|f| f.id == "us-money").unwrap();
    let stancefig = match &fig.data {
        stance::figures::FigureData::Stat(s) => s,
        _ => panic!("us-money lists numbers"),
    };
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for item in &stancefig.items {
        for word in item
            .label
            .get_or_other(stance::model::Lang::En)
            .split_whitespace()
        {
            assert!(
                words.contains(word),
                "`{word}` is cut from the label\n{text}"
            );
        }
    }
}
