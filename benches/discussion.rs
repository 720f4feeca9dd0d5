//! A big Kialo discussion (issue 19): importing 3,000 claims, opening the
//! reader on them (folded, in the discussion layout) to its first frame, and
//! folding and unfolding the whole outline, key to frame, at 160x48.
//!
//! `cargo bench --bench discussion`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stance::tui::app::App;
use stance::tui::i18n::UiLang;
use stance::tui::reading::Mode;
use stance::tui::theme::Theme;
use stance::tui::view;

mod common;
#[path = "../tests/common/kialo.rs"]
mod kialo;

const SIZE: (u16, u16) = (160, 48);
const CLAIMS: usize = 3_000;

fn frame(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| view::draw(f, app, &Theme { color: true }))
        .expect("a frame");
}

fn bench_discussion(c: &mut Criterion) {
    let text = kialo::discussion(CLAIMS);
    let mut group = c.benchmark_group("discussion_3k");
    group.bench_function("import+load", |b| {
        b.iter(|| black_box(stance::formats::load_any("big.txt", text.clone(), None)))
    });
    let doc = stance::formats::load_any("big.txt", text.clone(), None)
        .document
        .expect("the discussion loads");
    group.bench_function("app_open+draw", |b| {
        b.iter_batched(
            || {
                (
                    doc.clone(),
                    Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal"),
                )
            },
            |(doc, mut term)| {
                let app = App::new(doc, UiLang::En, Mode::Both, SIZE);
                frame(&mut term, &app);
                app
            },
            BatchSize::SmallInput,
        )
    });
    for (name, key) in [
        ("fold_all '-'", '-'),
        ("unfold_all '+'", '+'),
        ("to 3 levels '3'", '3'),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let app = App::new(doc.clone(), UiLang::En, Mode::Both, SIZE);
                    let mut term =
                        Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal");
                    frame(&mut term, &app);
                    (app, term)
                },
                |(mut app, mut term)| {
                    app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
                    frame(&mut term, &app);
                    (app, term)
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_discussion
}
criterion_main!(benches);
