//! Random key sequences, clicks and resizes never panic the reader, and the
//! selection always points at something real.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stance::model::{Document, load_embedded};
use stance::tui::app::{App, Overlay};
use stance::tui::i18n::UiLang;
use stance::tui::outline::Row;
use stance::tui::reading::Mode;
use stance::tui::theme::Theme;
use stance::tui::{handle, view};

fn key_event() -> impl Strategy<Value = Event> {
    let codes = prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'h', 'l', 'n', 'N', '[', ']', 'm', 'L', '?', '/', '<', '>', 'x',
            '星', ' '
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
        ]),
    ];
    let mouse = (0u16..200, 0u16..70, 0u8..3).prop_map(|(x, y, k)| {
        Event::Mouse(MouseEvent {
            kind: match k {
                0 => MouseEventKind::Down(MouseButton::Left),
                1 => MouseEventKind::ScrollDown,
                _ => MouseEventKind::ScrollUp,
            },
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    });
    prop_oneof![
        8 => codes.prop_map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        1 => mouse,
        1 => (1u16..200, 1u16..70).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

fn assert_valid(app: &App, doc: &Document) {
    if let Some(n) = app.selected {
        assert!(n < doc.nodes.len());
    }
    assert!(app.section < doc.sections.len());
    assert!(app.paragraph < doc.sections[app.section].paragraphs.len());
    assert!(app.outline_cursor < app.rows.len());
    // The node pane's cursor runs over the neighbours, then the node's figures.
    let items = app.neighbours().len() + app.node_figures().len();
    assert!(app.neighbour_cursor <= items.saturating_sub(1));
    if let Some(Row::Node { node, .. }) = app.rows.get(app.outline_cursor) {
        assert!(*node < doc.nodes.len());
    }
    for o in &app.overlays {
        if let Overlay::Map(m) = o {
            assert!(m.cursor < m.rows.len().max(1));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_and_sizes_never_break_the_reader(
        size in (1u16..200, 1u16..70),
        events in prop::collection::vec(key_event(), 1..60),
    ) {
        let doc = load_embedded().document.unwrap();
        let mut app = App::new(doc.clone(), UiLang::En, Mode::Both, size);
        let theme = Theme { color: true };
        for ev in events {
            if let Event::Resize(w, h) = ev {
                app.resize(w, h);
            } else {
                let _ = handle(&mut app, ev);
            }
            assert_valid(&app, &doc);
            let (w, h) = app.size;
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
        }
    }
}
