//! The reader, without a terminal: time to the first frame, and a key press to
//! the next frame at 100,000 nodes, at 200x60.
//!
//! `cargo bench --bench reader`.
//!
//! Every measured frame is a real `Terminal::draw` into ratatui's `TestBackend`:
//! the whole widget tree is rendered into a buffer, diffed against the previous
//! frame and the changes written to the backend, as in the reader. ratatui
//! only *writes* what changed, but it always *renders* everything, so a frame
//! costs the same whether or not the screen changed; even so, every measured
//! key changes the state (the cursor moves, a relation is followed, the map
//! opens, the query grows), and the state is reset between iterations outside
//! the timing (`iter_custom`), so each measured key does real work.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stance::model::Document;
use stance::tui::app::{App, Pane, Saving};
use stance::tui::i18n::UiLang;
use stance::tui::reading::Mode;
use stance::tui::theme::Theme;
use stance::tui::view;

mod common;
use common::{Rng, doc};

const COLS: u16 = 200;
const ROWS: u16 = 60;
const THEME: Theme = Theme { color: true };

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal")
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| view::draw(f, app, &THEME)).expect("a frame");
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// App::open and the first frame, for a fresh app on `doc`.
fn first_frame(c: &mut Criterion, label: &str, doc: &Document) {
    let mut group = c.benchmark_group("first_frame");
    if doc.nodes.len() >= 10_000 {
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_millis(1));
    }
    // The reader's marks come from its marks file (read before, untimed): a
    // first open with no marks file also pays the document's digest for the
    // new file (`marks_digest` in benches/output.rs).
    let marks = stance::marks::Marks::new(doc, None);
    group.bench_function(BenchmarkId::new("app_open+draw", label), |b| {
        b.iter_batched(
            || (doc.clone(), marks.clone()),
            |(d, m)| {
                let app = App::open(d, m, Saving::Nowhere, UiLang::En, Mode::Both, (COLS, ROWS));
                let mut term = terminal();
                draw(&mut term, &app);
                // Dropping a 100k-node app is not part of showing it.
                (app, term)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Times `press` and the frame after it; `reset` runs before each, untimed, and
/// its frame is drawn untimed too, so `press` starts from a settled screen.
fn key_to_frame(
    group: &mut Group<'_>,
    name: &str,
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    mut reset: impl FnMut(&mut App, &mut Rng),
    mut press: impl FnMut(&mut App),
) {
    let mut rng = Rng(7);
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                reset(app, &mut rng);
                draw(term, app);
                let start = Instant::now();
                press(app);
                draw(term, app);
                total += start.elapsed();
            }
            total
        })
    });
}

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// `j` in the outline: the cursor moves down one row (a new node is selected).
fn outline_j(group: &mut Group<'_>, name: &str, app: &mut App, term: &mut Terminal<TestBackend>) {
    let nodes = app.doc.nodes.len();
    key_to_frame(
        group,
        name,
        app,
        term,
        |app, rng| {
            app.overlays.clear();
            app.focus = Pane::Outline;
            if app.outline_cursor + 2 >= app.rows.len() {
                app.select_node(rng.below(nodes));
            }
        },
        |app| {
            black_box(app.handle_key(ch('j')));
        },
    );
}

/// A mark key (`a`, `d`, `u`) on a node picked at random.
fn mark_key(
    group: &mut Group<'_>,
    name: &str,
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    key: char,
) {
    let nodes = app.doc.nodes.len();
    key_to_frame(
        group,
        name,
        app,
        term,
        |app, rng| {
            app.focus = Pane::Outline;
            app.select_node(rng.below(nodes));
        },
        |app| {
            black_box(app.handle_key(ch(key)));
        },
    );
}

fn keys_at_scale(c: &mut Criterion, doc: &Document) {
    let mut app = App::new(doc.clone(), UiLang::En, Mode::Both, (COLS, ROWS));
    let mut term = terminal();
    draw(&mut term, &app);
    let nodes = doc.nodes.len();
    let sections = doc.sections.len();
    let mut group = c.benchmark_group("key_to_frame_100k");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));

    // A frame with nothing changed, for scale.
    key_to_frame(
        &mut group,
        "redraw_only",
        &mut app,
        &mut term,
        |_, _| {},
        |_| {},
    );

    // j in the outline: the cursor moves down one row (a new node is selected).
    outline_j(&mut group, "outline_j", &mut app, &mut term);

    // j in the reading pane: the next paragraph (and its first node).
    key_to_frame(
        &mut group,
        "reading_j",
        &mut app,
        &mut term,
        |app, rng| {
            app.focus = Pane::Reading;
            if rng.below(50) == 0 {
                app.select_paragraph(rng.below(sections), 0);
            }
        },
        |app| {
            black_box(app.handle_key(ch('j')));
        },
    );

    // Tab to the node pane, then Enter: follow the first relation listed.
    // Each iteration starts from another node, so nothing is cached from the last.
    key_to_frame(
        &mut group,
        "follow_relation_enter",
        &mut app,
        &mut term,
        |app, rng| {
            app.select_node(rng.below(nodes));
            app.focus = Pane::Outline;
            app.handle_key(key(KeyCode::Tab));
            app.handle_key(key(KeyCode::Tab));
            assert_eq!(app.focus, Pane::Node);
            app.neighbour_cursor = 0;
        },
        |app| {
            black_box(app.handle_key(key(KeyCode::Enter)));
        },
    );

    // PgDn in the reading pane, from the top of a random section.
    key_to_frame(
        &mut group,
        "reading_pgdn",
        &mut app,
        &mut term,
        |app, rng| {
            app.select_paragraph(rng.below(sections), 0);
            app.focus = Pane::Reading;
        },
        |app| {
            black_box(app.handle_key(key(KeyCode::PageDown)));
        },
    );

    // m: open the argument map (closed again, untimed, before the next).
    key_to_frame(
        &mut group,
        "open_map_m",
        &mut app,
        &mut term,
        |app, rng| {
            app.overlays.clear();
            app.focus = Pane::Outline;
            app.select_node(rng.below(nodes));
        },
        |app| {
            black_box(app.handle_key(ch('m')));
        },
    );
    app.overlays.clear();

    // Typing a search: the first keystroke after `/`, and the second.
    for (name, typed, next) in [
        ("search_first_key_算", "", '算'),
        ("search_second_key_算力", "算", '力'),
        ("search_first_key_g", "", 'g'),
        ("search_third_key_gpu", "gp", 'u'),
    ] {
        key_to_frame(
            &mut group,
            name,
            &mut app,
            &mut term,
            |app, _| {
                app.handle_key(key(KeyCode::Esc));
                app.overlays.clear();
                app.focus = Pane::Outline;
                app.select_node(0);
                app.handle_key(ch('/'));
                for c in typed.chars() {
                    app.handle_key(ch(c));
                }
            },
            |app| {
                black_box(app.handle_key(ch(next)));
            },
        );
    }
    app.handle_key(key(KeyCode::Esc));

    // h then l in the outline: fold the selected node's branch, unfold it again
    // (the outline's rows are rebuilt each time).
    key_to_frame(
        &mut group,
        "outline_fold_h",
        &mut app,
        &mut term,
        |app, rng| {
            app.focus = Pane::Outline;
            app.folded_nodes.clear();
            app.select_node(rng.below(nodes));
            app.handle_key(ch('l'));
        },
        |app| {
            black_box(app.handle_key(ch('h')));
        },
    );

    // a: agree with a node (marks change: what depends on it is re-evaluated).
    // Saving is the runner's, not measured here (see the marks bench).
    mark_key(&mut group, "mark_agree_a", &mut app, &mut term, 'a');

    // With 10,000 marks made: what grows with the marks (the status line's
    // counts, the tensions) shows here.
    let mut rng = Rng(3);
    app.focus = Pane::Outline;
    while app.marks.by_node.len() < 10_000 {
        app.select_node(rng.below(nodes));
        app.handle_key(ch(['a', 'd', 'u'][rng.below(3)]));
    }
    outline_j(&mut group, "outline_j_10k_marks", &mut app, &mut term);
    mark_key(
        &mut group,
        "mark_dispute_d_10k_marks",
        &mut app,
        &mut term,
        'd',
    );
    group.finish();

    // The search alone, without drawing: one keystroke of `/算力`.
    let mut group = c.benchmark_group("search_100k");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    for (name, typed, next) in [("keystroke_算力", "算", '力'), ("keystroke_gpu", "gp", 'u')] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.handle_key(key(KeyCode::Esc));
                    app.handle_key(ch('/'));
                    for c in typed.chars() {
                        app.handle_key(ch(c));
                    }
                    let start = Instant::now();
                    black_box(app.handle_key(ch(next)));
                    total += start.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

/// The pieces the slow keys spend their time in, each alone (public functions
/// the reader calls), so the key timings above can be read as sums of these.
fn components_at_scale(c: &mut Criterion, doc: &Document) {
    use stance::analysis;
    use stance::marks::Marks;
    let marks = Marks::new(doc, None);
    let graph = stance::tui::graph::Graph::new(doc);
    let none = std::collections::HashSet::new();
    let mut group = c.benchmark_group("components_100k");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let mut rng = Rng(11);
    // Built once per document (App::open, reload).
    group.bench_function("analysis::Engine::new", |b| {
        b.iter(|| black_box(analysis::Engine::new(doc)))
    });
    let engine = analysis::Engine::new(doc);
    group.bench_function("analysis::Engine::evaluate", |b| {
        b.iter(|| black_box(engine.evaluate(doc, &marks)))
    });
    // Drawn on every change of the selected node (the node pane's what-if line).
    let marked = engine.evaluate(doc, &marks);
    group.bench_function("analysis::Engine::what_if_disputed", |b| {
        b.iter(|| black_box(engine.what_if_disputed(&marked, rng.below(doc.nodes.len()))))
    });
    // Run on every mark (App::mark_changed).
    let mut marked = engine.evaluate(doc, &marks);
    let stances = [
        Some(stance::marks::Stance::Agree),
        Some(stance::marks::Stance::Dispute),
        None,
    ];
    group.bench_function("analysis::Engine::set_stance", |b| {
        b.iter(|| {
            let s = stances[rng.below(3)];
            engine.set_stance(doc, &mut marked, rng.below(doc.nodes.len()), s);
        })
    });
    // `stance analyze` (every claim explained).
    group.bench_function("analysis::analyze", |b| {
        b.iter(|| black_box(analysis::analyze(doc, &marks)))
    });
    // Run on every `m`.
    group.bench_function("map::rows", |b| {
        b.iter(|| black_box(stance::tui::map::rows(doc, &graph, &none)))
    });
    // Run on every fold, unfold and filter change.
    group.bench_function("outline::rows", |b| {
        b.iter(|| black_box(stance::tui::outline::rows(doc, &graph, &none, &none)))
    });
    // Run for each section the reading pane shows that is not laid out yet
    // (a page turn into new sections lays out one or two).
    let no_stance = |_: usize| None;
    group.bench_function("reading::layout one section", |b| {
        b.iter(|| {
            let spec = stance::tui::reading::Spec {
                section: rng.below(doc.sections.len()),
                mode: Mode::Both,
                width: 88,
                amb: stance::wrap::Ambiguous::Narrow,
                untitled_note: "",
                stance_of: &no_stance,
                discussion: false,
            };
            black_box(stance::tui::reading::layout(doc, &graph, &spec))
        })
    });
    // Graph::new runs once, in App::open; the digest when a marks file is first made.
    group.bench_function("tui::graph::Graph::new", |b| {
        b.iter(|| black_box(stance::tui::graph::Graph::new(doc)))
    });
    group.bench_function("marks::digest", |b| {
        b.iter(|| black_box(stance::marks::digest(doc)))
    });
    group.finish();
}

/// A reader's own nodes at scale: 100,000 document nodes and 1,000 additions
/// (each rebutting or supporting a node picked at random), every key to the
/// next frame: marking one's own node, typing in the form, saving a new node,
/// saving an edit, deleting one.
fn own_nodes_at_scale(c: &mut Criterion, doc: &Document) {
    use stance::marks::Marks;
    use stance::marks::additions::{AdditionRelation, Draft};
    use stance::model::{Bilingual, NodeKind, RelationKind};
    let mut rng = Rng(11);
    let mut marks = Marks::new(doc, None);
    for i in 0..1_000 {
        let target = &doc.nodes[rng.below(doc.nodes.len())];
        let to = target.id.clone();
        let mut draft = Draft::new(
            NodeKind::Rebuttal,
            Bilingual {
                zh: format!("读者的第 {i} 条反驳"),
                en: format!("the reader's rebuttal number {i}"),
            },
        );
        // Where the form puts a node that quotes nothing: at the paragraph
        // of the node it answers.
        draft.paragraph = doc.anchor(target).map(str::to_string);
        draft.relations.push(AdditionRelation {
            to,
            kind: if i % 3 == 0 {
                RelationKind::Supports
            } else {
                RelationKind::Rebuts
            },
            link: None,
        });
        marks.add_addition(draft);
    }
    let mut app = App::open(
        doc.clone(),
        marks,
        Saving::Nowhere,
        UiLang::En,
        Mode::Both,
        (COLS, ROWS),
    );
    let mut term = terminal();
    draw(&mut term, &app);
    let first_own = doc.nodes.len();
    let own = app.doc.nodes.len() - first_own;
    assert_eq!(own, 1_000, "every addition is a node");
    let mut group = c.benchmark_group("own_nodes_100k");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(1));
    // Marking one's own node: like any node.
    key_to_frame(
        &mut group,
        "mark_agree_a_own_node",
        &mut app,
        &mut term,
        |app, rng| {
            app.focus = Pane::Outline;
            app.select_node(first_own + rng.below(own));
            app.handle_key(ch('x'));
        },
        |app| {
            black_box(app.handle_key(ch('a')));
        },
    );
    // Typing a character into the form.
    key_to_frame(
        &mut group,
        "form_keystroke",
        &mut app,
        &mut term,
        |app, _| {
            if app.form.is_none() {
                app.handle_key(ch('A'));
            }
        },
        |app| {
            black_box(app.handle_key(ch('x')));
        },
    );
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Esc));
    // Saving a new node (Enter in the form); undone untimed, so the count stays.
    key_to_frame(
        &mut group,
        "add_enter_saves_a_new_node",
        &mut app,
        &mut term,
        |app, rng| {
            if app.doc.nodes.len() > first_own + own {
                app.handle_key(ch('U'));
            }
            app.select_node(rng.below(first_own));
            app.handle_key(ch('A'));
            for c in "my answer".chars() {
                app.handle_key(ch(c));
            }
        },
        |app| {
            black_box(app.handle_key(key(KeyCode::Enter)));
        },
    );
    // Saving an edit of one's own node.
    key_to_frame(
        &mut group,
        "edit_enter_saves_an_edit",
        &mut app,
        &mut term,
        |app, rng| {
            app.form = None;
            app.select_node(first_own + rng.below(own));
            app.handle_key(ch('E'));
            app.handle_key(ch('!'));
        },
        |app| {
            black_box(app.handle_key(key(KeyCode::Enter)));
        },
    );
    // Deleting one's own node; undone untimed.
    key_to_frame(
        &mut group,
        "delete_D_own_node",
        &mut app,
        &mut term,
        |app, rng| {
            if app.doc.nodes.len() < first_own + own {
                app.handle_key(ch('U'));
            }
            app.select_node(first_own + rng.below(own));
        },
        |app| {
            black_box(app.handle_key(ch('D')));
        },
    );
    // Undoing a deletion: the node comes back in its place among the
    // reader's, so the ones after it are laid again.
    key_to_frame(
        &mut group,
        "undo_U_brings_a_deleted_node_back",
        &mut app,
        &mut term,
        |app, rng| {
            if app.doc.nodes.len() == first_own + own {
                app.select_node(first_own + rng.below(own));
                app.handle_key(ch('D'));
            }
        },
        |app| {
            black_box(app.handle_key(ch('U')));
        },
    );
    group.finish();
}

fn bench_reader(c: &mut Criterion) {
    let article = stance::model::load_embedded()
        .document
        .expect("the article loads");
    first_frame(c, "article", &article);
    // The process-level start-up (exec, load, terminal set-up) is in benches/startup.rs.
    first_frame(c, "1k", &doc(1_000));
    first_frame(c, "10k", &doc(10_000));
    let big = doc(100_000);
    first_frame(c, "100k", &big);
    keys_at_scale(c, &big);
    components_at_scale(c, &big);
    own_nodes_at_scale(c, &big);
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_reader
}
criterion_main!(benches);
