//! A node's `verify`: an outside fact the node leans on, with what to check and
//! where. It loads, round-trips through JSON, is known to the schema, and every
//! view shows it beside the text: the reader's node pane, `print`, `brief` (both
//! sides), and the Argdown, Kialo, AIF and DOT exports.

mod common;

use stance::analysis::brief::{Context, Side, brief};
use stance::formats::{import, to_aif, to_argdown, to_dot, to_kialo};
use stance::model::{Document, load_text};
use stance::output::print::{PrintLang, print};
use stance::tui::app::App;
use stance::tui::i18n::UiLang;
use stance::tui::panes::node_lines;
use stance::tui::reading::Mode;

const VERIFY_EN: &str = "Who funds it: the company's own announcement";
const VERIFY_ZH: &str = "资金来源:以公司公告为准";

/// The minimal document with `verify` on the editorial rebuttal, and a note.
fn with_verify() -> String {
    common::MINIMAL.replace(
        "    undercuts: [e-idle]\n",
        &format!(
            "    undercuts: [e-idle]\n    note: Reasoning first.\n    verify: {{zh: \"{VERIFY_ZH}\", en: \"{VERIFY_EN}\"}}\n"
        ),
    )
}

fn doc() -> Document {
    let loaded = load_text("tiny.yaml", with_verify());
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    loaded.document.expect("loads")
}

#[test]
fn verify_loads_in_both_languages_and_survives_json() {
    let d = doc();
    let v = d.node("r-timing").unwrap().verify.clone().expect("verify");
    assert_eq!((v.zh.as_str(), v.en.as_str()), (VERIFY_ZH, VERIFY_EN));
    assert!(d.node("c-main").unwrap().verify.is_none());
    let json = stance::output::json::to_json(&d);
    let back = load_text("tiny.json", json)
        .document
        .expect("JSON loads back");
    assert_eq!(back.node("r-timing").unwrap().verify, Some(v));
}

#[test]
fn an_empty_verify_is_an_error_at_its_place() {
    let text = common::MINIMAL.replace(
        "    undercuts: [e-idle]\n",
        "    undercuts: [e-idle]\n    verify: {zh: \"\", en: \"\"}\n",
    );
    let loaded = load_text("tiny.yaml", text.clone());
    let report = loaded.report.to_string();
    let (line, _) = common::position(&text, "verify:");
    assert!(
        report.contains(&format!("tiny.yaml:{line}:")) && report.contains("`verify`"),
        "{report}"
    );
}

#[test]
fn the_schema_knows_verify() {
    let schema: serde_json::Value =
        serde_json::from_str(stance::authoring::content_schema()).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let good: serde_json::Value = serde_saphyr::from_str(&with_verify()).unwrap();
    assert!(v.is_valid(&good));
    let bad: serde_json::Value = serde_saphyr::from_str(&common::MINIMAL.replace(
        "    undercuts: [e-idle]\n",
        "    undercuts: [e-idle]\n    verify: {zh: x, en: y, where: z}\n",
    ))
    .unwrap();
    assert!(!v.is_valid(&bad), "verify is {{zh, en}} and nothing else");
}

#[test]
fn the_reader_shows_verify_beside_the_text() {
    let d = doc();
    let at = d.node_index("r-timing").unwrap();
    for (ui, mode, lead, what) in [
        (UiLang::En, Mode::En, "⚑ verify", VERIFY_EN),
        (UiLang::Zh, Mode::Zh, "⚑ 待核实", VERIFY_ZH),
    ] {
        let mut app = App::new(d.clone(), ui, mode, (120, 40));
        app.select_node(at);
        let text: String = node_lines(&app, 200)
            .iter()
            .map(|l| l.text() + "\n")
            .collect();
        let line = text
            .lines()
            .find(|l| l.contains(lead))
            .unwrap_or_else(|| panic!("no {lead} in\n{text}"));
        assert!(line.contains(what), "{line}");
        // Not on a node without it.
        app.select_node(d.node_index("c-main").unwrap());
        let other: String = node_lines(&app, 200).iter().map(|l| l.text()).collect();
        assert!(!other.contains('⚑'), "{other}");
    }
}

#[test]
fn print_shows_verify_in_each_language() {
    let out = print(&doc(), PrintLang::Both);
    assert!(out.contains("outside fact to verify"), "{out}");
    assert!(out.contains(&format!("⚑ verify: {VERIFY_ZH}")), "{out}");
    assert!(out.contains(&format!("⚑ verify: {VERIFY_EN}")), "{out}");
    assert_eq!(out.matches("⚑ verify:").count(), 2);
}

#[test]
fn brief_prints_notes_and_verify_under_each_item_on_both_sides() {
    let d = doc();
    let cx = Context {
        marks: None,
        class: None,
    };
    for side in [Side::For, Side::Against] {
        let out = brief(&d, side, &cx);
        // The brief names nodes by label, as everywhere a person reads.
        let label = format!(
            "**Rebuttal {}**",
            d.labels()[d.node_index("r-timing").unwrap()]
        );
        let item = out
            .lines()
            .position(|l| l.contains(&label))
            .unwrap_or_else(|| panic!("r-timing in\n{out}"));
        let under: Vec<&str> = out.lines().skip(item + 1).take(3).collect();
        assert!(
            under.iter().any(|l| l.trim() == "Note: Reasoning first."),
            "{side:?}: {under:?}"
        );
        assert!(
            under
                .iter()
                .any(|l| l.contains("⚑ Verify") && l.contains(VERIFY_EN)),
            "{side:?}: {under:?}"
        );
        assert!(out.lines().nth(item).unwrap().contains("⚑"), "flagged");
    }
}

#[test]
fn argdown_tags_verify_and_keeps_what_to_check() {
    let out = to_argdown(&doc(), None);
    let line = out
        .lines()
        .find(|l| l.starts_with("[r-timing]"))
        .expect("r-timing");
    assert!(line.contains("#verify"), "{line}");
    assert!(line.contains(VERIFY_ZH), "in the export's language: {line}");
    let main = out.lines().find(|l| l.starts_with("[c-main]")).unwrap();
    assert!(!main.contains("#verify"), "{main}");
}

#[test]
fn kialo_gives_verify_as_a_footnote_that_imports_back() {
    let d = doc();
    let out = to_kialo(&d);
    let line = out
        .lines()
        .find(|l| l.contains("可能只是时机问题"))
        .unwrap();
    // The verify footnote, then the node's note as a footnote of its own.
    assert!(line.ends_with("[1] [2] [editorial]"), "{line}");
    assert!(
        out.contains(&format!(
            "\nSources:\n[1] ⚑ Verify (outside the article): {VERIFY_ZH}\n[2] ✎ Note: Reasoning first.\n"
        )),
        "{out}"
    );
    let back = import("tiny.txt", &out, Some(stance::formats::ImportFormat::Kialo))
        .unwrap_or_else(|r| panic!("imports: {r}"));
    let doc = load_text("back.yaml", back.yaml).document.unwrap();
    let n = doc
        .nodes
        .iter()
        .find(|n| n.text.zh.starts_with("可能只是时机问题"))
        .unwrap();
    assert_eq!(
        n.text.zh, "可能只是时机问题",
        "the marker is not left in the text"
    );
    assert_eq!(n.verify.as_ref().unwrap().zh, VERIFY_ZH);
    assert_eq!(n.note.as_deref(), Some("Reasoning first."));
}

#[test]
fn aif_notes_verify_on_the_node_text_and_imports_it_back() {
    let out = to_aif(&doc());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let texts: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    let t = texts
        .iter()
        .find(|t| t.starts_with("可能只是时机问题"))
        .unwrap();
    assert_eq!(
        *t,
        format!("可能只是时机问题 [⚑ verify: {VERIFY_ZH}] [editorial]")
    );
    assert_eq!(texts.iter().filter(|t| t.contains("⚑ verify")).count(), 1);
    // It imports back as the node's verify, the text as it was.
    let back = import("tiny.json", &out, Some(stance::formats::ImportFormat::Aif))
        .unwrap_or_else(|r| panic!("imports: {r}"));
    let doc = load_text("back.yaml", back.yaml).document.unwrap();
    let n = doc
        .nodes
        .iter()
        .find(|n| n.text.zh.starts_with("可能只是时机问题"))
        .unwrap();
    assert_eq!(n.text.zh, "可能只是时机问题");
    assert_eq!(n.verify.as_ref().unwrap().zh, VERIFY_ZH);
}

#[test]
fn dot_draws_verify_bold_and_says_so() {
    let out = to_dot(&doc(), None);
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with("\"r-timing\""))
        .unwrap();
    assert!(line.contains("⚑ verify"), "said in words: {line}");
    assert!(line.contains("dashed,bold"), "and drawn: {line}");
    assert!(
        line.contains(VERIFY_ZH),
        "what to check in the tooltip: {line}"
    );
    let main = out
        .lines()
        .find(|l| l.trim_start().starts_with("\"c-main\""))
        .unwrap();
    assert!(!main.contains("bold") && !main.contains('⚑'), "{main}");
}

/// On a real screen, in either interface language, a built-in node that leans
/// on an outside fact shows ⚑ and what to check in the node pane, and the
/// wide Chinese text wraps inside the pane's border.
#[test]
fn the_built_in_article_shows_verify_on_screen() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let doc = stance::model::load_embedded().document.unwrap();
    let at = doc.node_index("e-tier2").unwrap();
    for (ui, mode, word, what) in [
        (UiLang::En, Mode::En, "⚑ verify", "BIS"),
        (UiLang::Zh, Mode::Zh, "⚑ 待核实", "BIS"),
    ] {
        let mut app = App::new(doc.clone(), ui, mode, (120, 40));
        app.select_node(at);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| stance::tui::view::draw(f, &app, &stance::tui::theme::Theme { color: false }))
            .unwrap();
        let buf = terminal.backend().buffer().clone();
        let screen = common::buffer_text(&buf);
        assert!(screen.contains(word), "{screen}");
        assert!(screen.contains(what), "{screen}");
        // Every row is the screen's width: nothing wide spilled over a border.
        for line in screen.lines() {
            assert_eq!(unicode_width::UnicodeWidthStr::width(line), 120, "{line}");
        }
        let pane = app
            .panes()
            .unwrap()
            .node
            .expect("a node pane at 120 columns");
        for y in pane.y + 1..pane.y + pane.h - 1 {
            for x in [pane.x, pane.x + pane.w - 1] {
                assert!(
                    ["│", "┃", "║"].contains(&buf[(x, y)].symbol()),
                    "border at ({x},{y})\n{screen}"
                );
            }
        }
    }
}
