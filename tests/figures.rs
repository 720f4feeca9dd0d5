//! Cited figures: the article's numbers as data, checked and drawn as text.
//!
//! The built-in figures load clean and draw within any width; every number the
//! article cites is in a figure; formulas compute and check their rounding; the
//! fixtures under tests/fixtures/ prove each validation problem is reported at
//! its exact file:line:column; and figures survive the JSON round trip.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{stance_in, stderr, stdout};
use stance::diag::Severity::{self, Error, Warning};
use stance::diag::{Diagnostic, Pos};
use stance::figures::embedded::{self, FILES};
use stance::figures::{Check, Figure, FigureData, FigureKind, FormulaError, render_text};
use stance::model::{Document, Lang, load_embedded, load_figure_file, load_text};
use unicode_width::UnicodeWidthStr;

fn article() -> Document {
    let loaded = load_embedded();
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    loaded.document.expect("the built-in article loads")
}

fn figure<'a>(doc: &'a Document, id: &str) -> &'a Figure {
    doc.figure(id).unwrap_or_else(|| panic!("no figure {id}"))
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The problems `stance` finds in a figure file read on its own.
fn figure_file_problems(path: &str) -> Vec<Diagnostic> {
    let (_, report) = load_figure_file(path, &fixture(path));
    report.diagnostics
}

/// Asserts `problems` are exactly these (severity, line, column, words in the message).
fn assert_problems(problems: &[Diagnostic], expected: &[(Severity, u64, u64, &str)]) {
    let got: Vec<(Severity, u64, u64, &str)> = problems
        .iter()
        .map(|d| (d.severity, d.pos.line, d.pos.column, d.message.as_str()))
        .collect();
    assert_eq!(got.len(), expected.len(), "{problems:#?}");
    for (g, e) in got.iter().zip(expected) {
        assert_eq!((g.0, g.1, g.2), (e.0, e.1, e.2), "{g:?}");
        assert!(g.3.contains(e.3), "{:?} should contain {:?}", g.3, e.3);
    }
    for d in problems {
        assert!(d.hint.is_some(), "every problem has a hint: {d:?}");
    }
}

// ───────────────────────── The built-in figures ─────────────────────────

#[test]
fn the_builtin_figures_have_the_expected_ids_and_kinds() {
    let doc = article();
    let got: Vec<(&str, FigureKind)> = doc
        .figures
        .iter()
        .map(|f| (f.id.as_str(), f.kind()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("deepseek-users", FigureKind::Bar),
            ("us-money", FigureKind::Stat),
            ("diffusion-tiers", FigureKind::Table),
            ("team-size", FigureKind::Stat),
            ("china-compute", FigureKind::Stat),
            ("occupancy", FigureKind::Bar),
            ("h100-rent", FigureKind::Change),
            ("revenue", FigureKind::Formula),
            ("market-share", FigureKind::Stat),
        ]
    );
}

#[test]
fn every_embedded_file_is_listed_under_its_own_id_and_checks_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/figures");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            format!(
                "assets/figures/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    let listed: BTreeSet<String> = FILES.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(listed, on_disk, "src/figures/embedded.rs lists every file");
    for (name, text) in FILES {
        let (figure, report) = load_figure_file(name, text);
        assert!(report.diagnostics.is_empty(), "{report}");
        let figure = figure.unwrap();
        assert_eq!(name, format!("assets/figures/{}.yaml", figure.id));
    }
}

#[test]
fn the_embedded_figures_belong_to_the_builtin_article_only() {
    assert_eq!(article().id, embedded::DOCUMENT);
    let other = load_text("other.yaml", common::MINIMAL.to_string());
    assert!(other.report.diagnostics.is_empty(), "{}", other.report);
    assert!(other.document.unwrap().figures.is_empty());
}

#[test]
fn every_figure_is_cited_and_every_citation_resolves() {
    let doc = article();
    for f in &doc.figures {
        let citing: Vec<&str> = doc
            .nodes
            .iter()
            .filter(|n| n.figures.contains(&f.id))
            .map(|n| n.id.as_str())
            .collect();
        assert!(!citing.is_empty(), "no node cites {}", f.id);
        for p in f.paragraphs() {
            assert!(doc.paragraph(p).is_some(), "{}: {p}", f.id);
        }
    }
    for n in &doc.nodes {
        assert_eq!(doc.figures_of(n).count(), n.figures.len(), "{}", n.id);
    }
    for (node, fig) in [
        ("e-dau", "deepseek-users"),
        ("e-chatgpt-40", "deepseek-users"),
        ("e-chip-subsidy", "us-money"),
        ("e-stargate", "us-money"),
        ("e-diffusion-rule", "diffusion-tiers"),
        ("e-tier1", "diffusion-tiers"),
        ("e-tier2", "diffusion-tiers"),
        ("e-tier3", "diffusion-tiers"),
        ("e-team-size", "team-size"),
        ("e-compute-246", "china-compute"),
        ("e-growth-65", "china-compute"),
        ("e-projects-13k", "china-compute"),
        ("e-occupancy", "occupancy"),
        ("e-h100-rent", "h100-rent"),
        ("e-revenue-calc", "revenue"),
        ("e-market-share", "market-share"),
    ] {
        assert!(
            doc.node(node).unwrap().figures.contains(&fig.to_string()),
            "{node} cites {fig}"
        );
    }
}

/// Runs of ASCII digits (with `.` between) in `s`, as in tests/content.rs.
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars().chain([' ']) {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(cur.trim_end_matches('.').to_string());
            cur.clear();
        }
    }
    out
}

/// Every number a figure holds: its values, its title and its table text (not its notes).
fn figure_numbers(f: &Figure) -> BTreeSet<String> {
    let mut text = format!("{} ", f.title.zh);
    let mut value = |v: f64| text.push_str(&format!(" {v} "));
    match &f.data {
        FigureData::Bar(b) => {
            for bar in &b.bars {
                value(bar.amount.low());
                value(bar.amount.high());
            }
        }
        FigureData::Change(c) => {
            for side in [&c.before, &c.after] {
                value(side.quantity.amount.low());
                value(side.quantity.amount.high());
            }
        }
        FigureData::Stat(s) => {
            for i in &s.items {
                value(i.quantity.amount.low());
                value(i.quantity.amount.high());
            }
        }
        FigureData::Formula(fm) => {
            for i in &fm.inputs {
                value(i.value);
            }
            if let Some(s) = &fm.stated {
                value(s.value);
            }
        }
        FigureData::Table(t) => {
            let json = serde_json::to_string(&t.rows).unwrap();
            text.push_str(&json.replace(".0", ""));
        }
    }
    numbers(&text).into_iter().collect()
}

#[test]
fn every_number_the_article_cites_is_in_a_figure_a_node_cites() {
    let doc = article();
    let mut missing = Vec::new();
    for s in &doc.sections {
        for p in &s.paragraphs {
            for num in numbers(&p.zh) {
                let model_or_date = p.zh.contains(&format!("H{num}"))
                    || [" 年", " 月", " 日"]
                        .iter()
                        .any(|u| p.zh.contains(&format!("{num}{u}")));
                if model_or_date {
                    continue;
                }
                let found = doc.figures.iter().any(|f| {
                    f.paragraphs().any(|fp| fp == p.id)
                        && figure_numbers(f).contains(&num)
                        && doc.nodes.iter().any(|n| n.figures.contains(&f.id))
                });
                if !found {
                    missing.push(format!("{}: {num}", p.id));
                }
            }
        }
    }
    assert!(missing.is_empty(), "numbers in no figure: {missing:?}");
}

#[test]
fn the_derived_chatgpt_number_follows_from_the_article() {
    let doc = article();
    let FigureData::Bar(b) = &figure(&doc, "deepseek-users").data else {
        panic!("a bar chart")
    };
    let (deepseek, chatgpt) = (&b.bars[0], &b.bars[1]);
    assert!(!deepseek.derived && chatgpt.derived);
    // 2000 万 is 40% of ChatGPT's.
    assert!((deepseek.amount.low() / 0.4 - chatgpt.amount.low()).abs() < 1e-9);
    let notes = figure(&doc, "deepseek-users").notes.as_ref().unwrap();
    assert!(notes.zh.contains("推算") && notes.en.contains("derived"));
    // Stargate is noted as private money.
    let notes = figure(&doc, "us-money").notes.as_ref().unwrap();
    assert!(
        notes
            .en
            .contains("private money announced by the president")
    );
}

#[test]
fn the_change_and_the_formula_check_out() {
    let doc = article();
    let FigureData::Change(c) = &figure(&doc, "h100-rent").data else {
        panic!("a change")
    };
    let (lo, hi) = c.relative().unwrap();
    assert!((lo - (7.5 - 18.0) / 18.0).abs() < 1e-12);
    assert!((hi - (7.5 - 12.0) / 12.0).abs() < 1e-12);
    for f in &doc.figures {
        match f.kind() {
            FigureKind::Formula => assert!(f.check().unwrap().is_ok(), "{}", f.id),
            _ => assert!(f.check().is_none()),
        }
    }
}

// ───────────────────────── Formulas ─────────────────────────

#[test]
fn the_revenue_sum_computes_2304_and_agrees_with_the_stated_2300() {
    let doc = article();
    let fig = figure(&doc, "revenue");
    let f = fig.formula().unwrap();
    assert_eq!(f.names(), ["rent", "months", "servers", "utilization"]);
    assert_eq!(f.values(), [7.5, 12.0, 128.0, 20.0]);
    assert_eq!(f.result_unit(), "万元");
    assert!((f.compute().unwrap() - 2304.0).abs() < 1e-9);
    match fig.check().unwrap() {
        Check::Agrees {
            computed,
            rounded,
            stated,
        } => {
            assert!((computed - 2304.0).abs() < 1e-9);
            assert_eq!((rounded, stated), (2300.0, 2300.0));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn changing_an_input_recomputes_the_result() {
    let doc = article();
    let f = figure(&doc, "revenue").formula().unwrap();
    let mut inputs = f.values();
    inputs[3] = 60.0; // occupancy 20% → 60%
    assert!((f.evaluate(&inputs).unwrap() - 6912.0).abs() < 1e-9);
    let check = f.check_with(&inputs);
    assert!(matches!(check, Check::Differs { .. }), "{check:?}");
    assert!((check.difference().unwrap() - (2300.0 - 6912.0)).abs() < 1e-9);
    inputs[0] = 3.75; // and the rent halved again
    assert!((f.evaluate(&inputs).unwrap() - 3456.0).abs() < 1e-9);
    // Bad input from a user: errors, never panics.
    assert_eq!(
        f.evaluate(&[1.0, 2.0]),
        Err(FormulaError::WrongInputCount {
            expected: 4,
            got: 2
        })
    );
    assert_eq!(
        f.evaluate(&[f64::NAN, 12.0, 128.0, 20.0]),
        Err(FormulaError::NotFinite)
    );
    assert_eq!(
        f.evaluate(&[f64::MAX, f64::MAX, 128.0, 20.0]),
        Err(FormulaError::NotFinite)
    );
}

#[test]
fn a_division_by_zero_from_changed_inputs_is_an_error_value() {
    let (fig, report) = load_figure_file(
        "payback.yaml",
        "id: payback\nkind: formula\ntitle: {zh: 回本, en: Payback}\nparagraph: s1p1\n\
         inputs:\n  - {name: cost, label: {zh: 成本, en: Cost}, value: 100, unit: 万元}\n  \
         - {name: profit, label: {zh: 利润, en: Profit}, value: 10, unit: 万元/月}\n\
         expression: cost ÷ profit\nresult: {label: {zh: 月数, en: Months}, unit: 个月}\n",
    );
    assert!(report.diagnostics.is_empty(), "{report}");
    let fig = fig.unwrap();
    let f = fig.formula().unwrap();
    assert!((f.compute().unwrap() - 10.0).abs() < 1e-9);
    assert!(matches!(fig.check(), Some(Check::Computed { .. })));
    assert_eq!(
        f.evaluate(&[100.0, 0.0]),
        Err(FormulaError::DivisionByZero { at: 6 })
    );
}

// ───────────────────────── Validation, with positions ─────────────────────────

#[test]
fn a_wrong_stated_value_warns_naming_the_figure_at_its_position() {
    let path = "tests/fixtures/wrong-stated.yaml";
    let loaded = load_text(path, fixture(path));
    assert_problems(
        &loaded.report.diagnostics,
        &[(
            Warning,
            34,
            13,
            "figure `revenue`: the article states 2300 万元, the inputs give 2304 万元",
        )],
    );
    assert_eq!(
        loaded.report.diagnostics[0].message,
        "figure `revenue`: the article states 2300 万元, the inputs give 2304 万元"
    );
    // The same figure with the article's rounding declared is ✓ …
    let rounded = fixture(path).replace(
        "stated: {value: 2300, unit: 万元}",
        "stated: {value: 2300, unit: 万元, round_to: 100}",
    );
    let loaded = load_text(path, rounded.clone());
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    // … and rounding does not excuse a value that is simply wrong.
    let wrong = rounded.replace("value: 2300,", "value: 2600,");
    let problems = load_text(path, wrong).report.diagnostics;
    assert_problems(
        &problems,
        &[(
            Warning,
            34,
            13,
            "figure `revenue`: the article states 2600 万元, the inputs give 2304 万元 (2300 万元 rounded to 100)",
        )],
    );
}

#[test]
fn check_reports_the_wrong_stated_value_as_a_warning_and_exits_0() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = stance_in(root, &["check", "tests/fixtures/wrong-stated.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "tests/fixtures/wrong-stated.yaml:34:13: warning: figure `revenue`: the article states 2300 万元, the inputs give 2304 万元\n"
        ),
        "{err}"
    );
    assert!(stdout(&out).contains("ok (1 warning)"), "{}", stdout(&out));
}

#[test]
fn a_node_citing_an_unknown_figure_is_an_error_at_the_reference() {
    let path = "tests/fixtures/unknown-figure.yaml";
    let problems = load_text(path, fixture(path)).report.diagnostics;
    assert_problems(
        &problems,
        &[(
            Error,
            19,
            26,
            "node `c-idle` cites figure `ocupancy`, and no figure has that id",
        )],
    );
    assert!(problems[0].hint.as_deref().unwrap().contains("occupancy"));
}

#[test]
fn a_figure_citing_a_missing_paragraph_is_an_error_at_the_reference() {
    let path = "tests/fixtures/bad-paragraph.yaml";
    let problems = load_text(path, fixture(path)).report.diagnostics;
    assert_problems(
        &problems,
        &[
            (Error, 24, 16, "figure `occupancy` cites paragraph `s1p9`"),
            (Error, 25, 18, "figure `occupancy` cites paragraph `s2p1`"),
        ],
    );
}

#[test]
fn a_missing_value_is_reported_at_the_bar() {
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/missing-value.yaml"),
        &[(
            Error,
            8,
            5,
            "bar 2 of figure `missing-value` has no `value`",
        )],
    );
}

#[test]
fn a_missing_unit_is_reported_at_the_item() {
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/missing-unit.yaml"),
        &[(Error, 6, 5, "item 1 of figure `missing-unit` has no `unit`")],
    );
}

#[test]
fn an_unknown_unit_is_reported_at_the_unit() {
    let problems = figure_file_problems("tests/fixtures/figures/unknown-unit.yaml");
    assert_problems(
        &problems,
        &[(Error, 6, 53, "unknown unit `万圆/月` in `after` of figure")],
    );
    assert!(problems[0].hint.as_deref().unwrap().contains("万"));
}

#[test]
fn an_unknown_kind_is_reported_at_the_kind() {
    let problems = figure_file_problems("tests/fixtures/figures/unknown-kind.yaml");
    assert_problems(&problems, &[(Error, 2, 7, "unknown figure kind `pie`")]);
    assert!(
        problems[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("bar, change, table, formula, stat")
    );
}

#[test]
fn an_undefined_input_is_reported_at_the_name_in_the_expression() {
    let problems = figure_file_problems("tests/fixtures/figures/undefined-input.yaml");
    assert_problems(
        &problems,
        &[(
            Error,
            8,
            20,
            "`monthz` is not one of the formula's inputs (character 8)",
        )],
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("the inputs are rent, months")
    );
}

#[test]
fn a_malformed_expression_is_reported_inside_the_quotes() {
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/bad-expression.yaml"),
        &[(
            Error,
            8,
            32,
            "the `(` at character 8 is never closed (character 19)",
        )],
    );
}

#[test]
fn a_division_by_zero_is_reported_at_the_division() {
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/division-by-zero.yaml"),
        &[(Error, 8, 18, "division by zero (character 6)")],
    );
}

#[test]
fn fields_of_another_place_or_kind_are_reported_where_they_are() {
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/wrong-field.yaml"),
        &[
            (
                Error,
                7,
                53,
                "bar 1 of figure `wrong-field` takes no `unit`",
            ),
            (
                Error,
                8,
                13,
                "`expression` is a field of formula figures, and figure `wrong-field` is a bar",
            ),
        ],
    );
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/result-written.yaml"),
        &[
            (
                Error,
                8,
                65,
                "the result of figure `result-written` takes no `value`",
            ),
            (
                Error,
                9,
                27,
                "is in 美元, which cannot be compared with the result's 万元",
            ),
        ],
    );
}

#[test]
fn table_rows_need_one_cell_per_column_and_no_empty_cells() {
    assert_problems(
        &figure_file_problems("tests/fixtures/figures/table-row.yaml"),
        &[
            (
                Error,
                11,
                5,
                "row 2 of figure `table-row` has 1 cell, and the table has 2 columns",
            ),
            (Error, 13, 7, "row 3, cell 2 of figure `table-row` is empty"),
        ],
    );
}

#[test]
fn problems_in_a_figure_file_are_shown_as_file_line_column_with_the_line() {
    let name = "assets/figures/unknown-unit.yaml";
    let (_, report) = load_figure_file(name, &fixture("tests/fixtures/figures/unknown-unit.yaml"));
    let text = report.to_string();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "assets/figures/unknown-unit.yaml:6:53: error: unknown unit `万圆/月` in `after` of figure `unknown-unit`"
        )
    );
    assert!(text.contains("6 | "), "the line is quoted: {text}");
    assert!(text.contains("= hint: a unit is"), "{text}");
}

#[test]
fn odd_numbers_and_ranges_are_refused_with_positions() {
    let base = "id: f\nkind: stat\ntitle: {zh: 标题, en: Title}\nparagraph: s1p1\nitems:\n";
    let cases: [(&str, u64, u64, &str); 6] = [
        (
            "  - {label: {zh: a, en: a}, value: .nan, unit: 人}\n",
            6,
            36,
            "not a number",
        ),
        (
            "  - {label: {zh: a, en: a}, low: 30, high: 20, unit: \"%\"}\n",
            6,
            34,
            "runs from 30 down to 20",
        ),
        (
            "  - {label: {zh: a, en: a}, low: 30, unit: \"%\"}\n",
            6,
            34,
            "only one end of a range",
        ),
        (
            "  - {label: {zh: a, en: a}, value: 3, low: 1, high: 5, unit: 人}\n",
            6,
            36,
            "both a `value` and a range",
        ),
        (
            "  - {label: {zh: a, en: a}, value: 3, unit: 人, qualifier: nearly}\n",
            6,
            59,
            "unknown qualifier `nearly`",
        ),
        (
            "  - {value: 3, unit: 人}\n",
            6,
            5,
            "the label of item 1 of figure `f` is missing",
        ),
    ];
    for (item, line, column, words) in cases {
        let (_, report) = load_figure_file("f.yaml", &format!("{base}{item}"));
        let problems = report.diagnostics;
        assert_eq!(problems.len(), 1, "{item}: {problems:#?}");
        let d = &problems[0];
        assert_eq!((d.pos.line, d.pos.column), (line, column), "{item}: {d:?}");
        assert!(
            d.message.to_lowercase().contains(&words.to_lowercase()),
            "{d:?}"
        );
    }
}

#[test]
fn hostile_figure_files_are_errors_not_crashes() {
    for text in [
        "",
        "\u{feff}",
        "id: [",
        "- 1\n- 2\n",
        "id: x\nkind: formula\n",
        "id: x\nkind: bar\nbars: []\n",
        "id: x\nkind: table\ncolumns: []\nrows: [[]]\n",
        "id: x\nkind: change\nbefore: {}\nafter: {}\n",
        "id: \"a b\"\nkind: stat\nitems: [{}]\n",
    ] {
        let (fig, report) = load_figure_file("x.yaml", text);
        assert!(report.has_errors(), "{text:?}");
        assert!(fig.is_none(), "{text:?}");
    }
    // Escape sequences in a figure's text are made visible when it is read.
    let evil = "id: x\nkind: stat\ntitle: {zh: \"\\e[2J标题\", en: \"\\e]0;pwned\\a\"}\nparagraph: s1p1\n\
                items:\n  - {label: {zh: \"\\u202e反\", en: x}, value: 1, unit: 人}\n\
                notes: \"\\e[31mred\"\n";
    let (fig, report) = load_figure_file("x.yaml", evil);
    assert!(report.diagnostics.is_empty(), "{report}");
    let fig = fig.unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let text = render_text(&fig, lang, 40);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        assert!(!text.contains('\u{202e}'), "{text}");
    }
    assert!(render_text(&fig, Lang::Zh, 40).starts_with("␛[2J标题\n"));
}

// ───────────────────────── Drawing as text ─────────────────────────

#[test]
fn every_figure_fits_widths_40_and_80_in_both_languages() {
    let doc = article();
    for f in &doc.figures {
        for lang in [Lang::Zh, Lang::En] {
            for width in [40, 80] {
                let text = render_text(f, lang, width);
                assert!(text.ends_with('\n'));
                for line in text.lines() {
                    assert!(
                        UnicodeWidthStr::width(line) <= width,
                        "{} {lang:?} at {width}: {line:?} is {} wide\n{text}",
                        f.id,
                        UnicodeWidthStr::width(line)
                    );
                    assert_eq!(line, line.trim_end(), "no trailing spaces");
                }
                assert!(text.contains(&f.paragraph), "the source paragraph is named");
                if !f.sourced {
                    assert!(text.contains(if lang == Lang::Zh {
                        "未注明来源"
                    } else {
                        "Unsourced"
                    }));
                }
            }
        }
    }
}

#[test]
fn every_figure_fits_any_width_from_the_minimum_up() {
    let doc = article();
    for f in &doc.figures {
        for lang in [Lang::Zh, Lang::En] {
            for width in 0..=130 {
                let text = render_text(f, lang, width);
                let limit = width.max(stance::figures::render::MIN_WIDTH);
                for line in text.lines() {
                    assert!(
                        UnicodeWidthStr::width(line) <= limit,
                        "{} at {width}: {line:?}",
                        f.id
                    );
                }
            }
            // An absurd width is drawn at the widest width, not attempted.
            let huge = render_text(f, lang, usize::MAX);
            let widest = huge.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
            assert!(widest <= stance::figures::render::MAX_WIDTH, "{}", f.id);
        }
    }
}

fn drawn(id: &str, lang: Lang, width: usize) -> String {
    render_text(figure(&article(), id), lang, width)
}

#[test]
fn a_bar_chart_is_drawn_with_blocks_values_and_units() {
    assert_eq!(
        drawn("occupancy", Lang::Zh, 40),
        "\
智算中心(机房)出租率
普遍 █████▍░░                    20%–30%
有些 ██▊                         10%
░ 区间
出处:段落 s2p7
未注明来源:文章没有给出这些数字的出处。
注:出自一位未具名的“行业人士”,读者无从核
   实。满格为 100%。
"
    );
}

#[test]
fn a_derived_bar_is_marked_and_explained() {
    let text = drawn("deepseek-users", Lang::En, 80);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1..4],
        [
            "DeepSeek           █████████████▎                    more than 20 million people",
            "ChatGPT (derived)* █████████████████████████████████ more than 50 million people",
            "* Derived, not a number the article gives; see the note.",
        ]
    );
}

#[test]
fn a_change_is_drawn_with_its_percentage() {
    assert_eq!(
        drawn("h100-rent", Lang::En, 40),
        "\
Monthly rent of an Nvidia H100 server (8
GPUs; \"this year\" is 2024)
Start of the year → Now
120,000–180,000 yuan/month → 75,000
yuan/month (−38%…−58%)
From paragraph s2p8
Unsourced: the article gives no source
for these numbers.
Note: The article calls this \"cut in
      half\": a 50% fall lies within the
      range the two ends give. The
      article writes the rent as 万/月;
      the yuan is added here. \"Start of
      the year\" and \"now\" are, like the
      compute figures beside them, from
      2024, not the early 2025 in which
      the article was written. ⚑ Verify:
      the dates of the two rents
      (source: Chinese press reports on
      GPU-server rents in 2024, e.g. 晚
      点 LatePost).
"
    );
    let zh = drawn("h100-rent", Lang::Zh, 80);
    assert!(
        zh.contains("\n12–18 万元/月 → 7.5 万元/月 (−38%…−58%)\n"),
        "{zh}"
    );
}

#[test]
fn a_table_is_aligned_by_display_width_with_chinese_cells() {
    assert_eq!(
        drawn("diffusion-tiers", Lang::Zh, 80),
        "\
《人工智能扩散出口管制框架》的三类国家(文章的说法)
类别                  国家         例如                    买显卡
────────────────────  ───────────  ──────────────────────  ─────────────────────
第一类:“AI20 俱乐部”  20 国        澳大利亚、比利时、加拿  可以自由买,但一国算力
                                   大、日本、韩国、法国、  不能超过全球 25%
                                   德国、中国台湾等

第二类                超过 140 国  新加坡、印度、以色列、  有配额,每年最多 4 万
                                   沙特、葡萄牙等          块,超了就得申请

第三类                24 国        中国、古巴、伊朗、朝    完全禁止
                                   鲜、俄罗斯、伊拉克、阿
                                   富汗等
出处:段落 s1p10(另见 s1p7、s1p8、s1p9)
未注明来源:文章没有给出这些数字的出处。
注:表中是文章的说法,与公布的规则不符。⚑ 待核实:按 BIS 2025 年 1 月 13 日发布的
   《人工智能扩散框架》,第一类是美国加 18 个盟友,不设上限;25%(及单国 7%)的上限针
   对的是“通用验证最终用户”数据中心运营商放在第一类以外的算力,而非一国占全球算力
   的份额;第二类约 120 国,每国到 2027 年约 5 万块先进 GPU;规则还管制闭源模型的权
   重,自 2025 年 5 月 15 日起才须遵守(来源:BIS 规则原文及其摘要、律师事务所的解
   读;另见第一类、第二类和扩散框架的证据节点)。
"
    );
    // Too narrow for columns, the table is listed row by row.
    let narrow = drawn("diffusion-tiers", Lang::Zh, 40);
    assert!(
        narrow.contains("\n第二类\n  国家:超过 140 国\n"),
        "{narrow}"
    );
}

#[test]
fn a_formula_is_worked_out_line_by_line_with_a_check() {
    assert_eq!(
        drawn("revenue", Lang::Zh, 80),
        "\
千卡级智算中心一年的营收
输入
  每台月租 (rent)       7.5 万元/月
  月数 (months)         12 个月
  服务器 (servers)      128 台
  利用率 (utilization)  20%
算式  rent × months × servers × utilization
代入  7.5 万元/月 × 12 个月 × 128 台 × 20%
计算  年营收 = 2304 万元
文章  2300 万元(取整到 100 万元)
✓ 计算值 2304 万元取整到 100 万元是 2300 万元,与文章一致
出处:段落 s2p9(另见 s2p8、s2p7)
未注明来源:文章没有给出这些数字的出处。
注:算式是文章自己的(7.5 万 ✖ 12 个月 ✖ 128 台服务器 ✖ 20%),算出来是 2304 万元,文
   章取整写作 2300 万。128 台 8 卡服务器共 1024 张卡,即“千卡”。7.5 万是未注明来
   源的现价租金;20% 取自行业人士所说出租率区间的下限,而出租率与利用率并不完全相
   同。文章没有给出运营成本。
"
    );
}

#[test]
fn a_formula_that_does_not_match_shows_the_difference() {
    let path = "tests/fixtures/wrong-stated.yaml";
    let wrong = fixture(path).replace(
        "stated: {value: 2300, unit: 万元}",
        "stated: {value: 2600, unit: 万元, round_to: 100}",
    );
    let doc = load_text(path, wrong).document.unwrap();
    let fig = figure(&doc, "revenue");
    let zh = render_text(fig, Lang::Zh, 100);
    assert!(
        zh.contains("\n✗ 不一致:算出来是 2304 万元,取整到 100 万元是 2300 万元;文章写 2600 万元,多了 296 万元\n"),
        "{zh}"
    );
    let en = render_text(fig, Lang::En, 200);
    assert!(
        en.contains("✗ does not match: the inputs give 23.04 million yuan"),
        "{en}"
    );
    assert!(en.contains("2.96 million yuan more"), "{en}");
}

#[test]
fn headline_numbers_are_aligned_label_and_value_lines() {
    assert_eq!(
        drawn("china-compute", Lang::En, 80),
        "\
China's computing power (the article's \"first half of this year\": 2024)
Computing capacity                        246 EFLOPS
Intelligent compute, year-on-year growth  65%
AI application projects                   more than 13,000
From paragraph s2p5
Unsourced: the article gives no source for these numbers.
Note: The article gives neither the source of these numbers nor how they were
      measured. It was written in early 2025, but its \"first half of this year\"
      is data for the first half of 2024. ⚑ Verify: the date and basis of the
      numbers (source: the Ministry of Industry and Information Technology's
      national computing statistics released in 2024, as reported by Xinhua and
      others).
"
    );
}

#[test]
fn print_shows_each_figure_after_its_paragraph() {
    let out = stance_in(&std::env::temp_dir(), &["print", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let paragraph = text.find("[s2p9] ").unwrap();
    let next = text.find("[s2p10] ").unwrap();
    let block = &text[paragraph..next];
    assert!(
        block.contains("    * figure revenue (formula; no source given)\n"),
        "{block}"
    );
    assert!(block.contains("      ✓ 计算值 2304 万元取整到 100 万元是 2300 万元,与文章一致\n"));
    assert!(
        block.contains("      figures: revenue\n"),
        "nodes list their figures"
    );
    for f in &article().figures {
        assert_eq!(
            text.matches(&format!("* figure {} (", f.id)).count(),
            1,
            "{} is printed once",
            f.id
        );
    }
    // The drawings stay within 80 columns, indentation included.
    for line in text.lines().filter(|l| l.contains('█') || l.contains('─')) {
        assert!(UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

// ───────────────────────── JSON ─────────────────────────

#[test]
fn the_json_dump_holds_the_figures_and_loads_back_the_same() {
    let out = stance_in(&std::env::temp_dir(), &["graph", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let figures = value["figures"].as_array().expect("a figures list");
    assert_eq!(figures.len(), article().figures.len());
    for f in figures {
        assert!(f["id"].is_string(), "{f}");
        assert!(f["kind"].is_string(), "{f}");
        assert!(
            f["title"]["zh"].is_string() && f["title"]["en"].is_string(),
            "{f}"
        );
        assert!(
            f["paragraph"].is_string() && f["sourced"].is_boolean(),
            "{f}"
        );
    }
    let revenue = figures.iter().find(|f| f["id"] == "revenue").unwrap();
    assert_eq!(revenue["kind"], "formula");
    assert_eq!(
        revenue["expression"],
        "rent × months × servers × utilization"
    );
    assert_eq!(revenue["stated"]["round_to"], 100.0);
    assert_eq!(revenue["inputs"][3]["unit"], "%");
    let rent = figures.iter().find(|f| f["id"] == "h100-rent").unwrap();
    assert_eq!(
        (
            rent["before"]["low"].as_f64(),
            rent["before"]["high"].as_f64()
        ),
        (Some(12.0), Some(18.0))
    );

    // Loaded back, the dump's figures replace the embedded ones and are the same.
    let back = load_text("dump.json", json.clone());
    assert!(back.report.diagnostics.is_empty(), "{}", back.report);
    let back = back.document.unwrap();
    assert_eq!(back.figures, article().figures);
    assert_eq!(stance::output::json::to_json(&back), json);
}

#[test]
fn a_documents_own_figures_round_trip_through_json() {
    let path = "tests/fixtures/unknown-figure.yaml";
    let fixed = fixture(path).replace("[occupancy, ocupancy]", "[occupancy]");
    let first = load_text(path, fixed);
    assert!(first.report.diagnostics.is_empty(), "{}", first.report);
    let doc = first.document.unwrap();
    assert_eq!(doc.figures.len(), 1);
    let json = stance::output::json::to_json(&doc);
    let again = load_text("dump.json", json.clone());
    assert!(again.report.diagnostics.is_empty(), "{}", again.report);
    assert_eq!(again.document.unwrap().figures, doc.figures);
    // Changed in the JSON, a figure is checked like one written in YAML.
    let broken = json.replacen("\"unit\": \"%\"", "\"unit\": \"percent\"", 1);
    let problems = load_text("dump.json", broken).report.diagnostics;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("unknown unit `percent`"));
    assert_ne!(problems[0].pos, Pos::NONE);
}
