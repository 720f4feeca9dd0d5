//! Authoring support: scaffolding a document from an article's text, the JSON
//! Schema editors validate with (and its agreement with the loader), the
//! closest-span hint for a mistyped quote, and the checklist of gaps.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use serde_json::Value;
use stance::authoring::{
    GapKind, SCHEMA_FILE_NAME, checklist, content_schema, gaps, guess_lang, scaffold,
    scaffold_with_schema, split_article,
};
use stance::diag::{Diagnostic, Severity};
use stance::figures::units::Unit;
use stance::model::{Document, Lang, load_embedded, load_figure_file, load_text};
use stance::output::json::to_json;
use stance::text::sanitize;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Loads `yaml`, asserting it has no errors, and returns it with its warnings.
fn load_clean(name: &str, yaml: &str) -> (Document, Vec<Diagnostic>) {
    let loaded = load_text(name, yaml.to_string());
    assert!(
        !loaded.report.has_errors(),
        "{name} should load without errors:\n{}\n--- the file ---\n{yaml}",
        loaded.report
    );
    let doc = loaded.document.expect("a document");
    (doc, loaded.report.diagnostics)
}

fn errors(name: &str, text: &str) -> Vec<Diagnostic> {
    load_text(name, text.to_string())
        .report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

// ---------------------------------------------------------------------------
// Scaffolding

/// A section as compared: id, untitled, Chinese title, (id, Chinese) of each paragraph.
type SectionOutline = (String, bool, String, Vec<(String, String)>);

#[test]
fn scaffolding_the_seed_article_reproduces_the_embedded_sections_and_paragraphs() {
    let yaml = scaffold(&read("content/deepseek.txt"), Lang::Zh, "deepseek.txt");
    let (doc, warnings) = load_clean("deepseek.yaml", &yaml);
    let embedded = load_embedded().document.expect("the built-in article");

    assert_eq!(doc.title.zh, embedded.title.zh);
    assert_eq!(doc.id, "deepseek");
    let outline = |d: &Document| -> Vec<SectionOutline> {
        d.sections
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.untitled,
                    s.title.zh.clone(),
                    s.paragraphs
                        .iter()
                        .map(|p| (p.id.clone(), p.zh.clone()))
                        .collect(),
                )
            })
            .collect()
    };
    assert_eq!(outline(&doc), outline(&embedded));
    assert_eq!(doc.paragraph_count(), 55);
    assert!(doc.sections[0].untitled);

    // Only warnings, and only about the translations still to write.
    assert!(!warnings.is_empty());
    for w in &warnings {
        assert_eq!(w.severity, Severity::Warning);
        assert!(w.message.contains("translation"), "{w:?}");
    }
}

#[test]
fn a_scaffolded_document_opens_in_the_reader() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::{Terminal, backend::TestBackend};
    use stance::tui::{app::App, i18n::UiLang, reading::Mode, theme::Theme, view};

    for (text, lang, name) in [
        (read("content/deepseek.txt"), Lang::Zh, "deepseek.txt"),
        (
            read("tests/fixtures/authoring/article-en.txt"),
            Lang::En,
            "a.txt",
        ),
        ("Title only".to_string(), Lang::En, "title-only.txt"),
        (String::new(), Lang::En, "empty.txt"),
    ] {
        let (doc, _) = load_clean(name, &scaffold(&text, lang, name));
        for (w, h) in [(120, 40), (80, 24), (40, 12)] {
            let mut app = App::new(doc.clone(), UiLang::En, Mode::Both, (w, h));
            for key in "jjkG]\t\tmLgq".chars() {
                let code = match key {
                    '\t' => KeyCode::Tab,
                    c => KeyCode::Char(c),
                };
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
                let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
                terminal
                    .draw(|f| view::draw(f, &app, &Theme { color: false }))
                    .expect("a frame");
            }
        }
        let app = App::new(doc.clone(), UiLang::En, Mode::Both, (120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
        terminal
            .draw(|f| view::draw(f, &app, &Theme { color: false }))
            .expect("a frame");
        let screen = common::buffer_text(terminal.backend().buffer());
        if let Some(first) = doc.sections.first().and_then(|s| s.paragraphs.first()) {
            let start: String = first.text(lang).chars().take(8).collect();
            assert!(
                screen.contains(&start),
                "{start:?} not on screen:\n{screen}"
            );
        }
    }
}

#[test]
fn the_scaffold_points_at_the_schema_and_says_what_it_is() {
    let yaml = scaffold("标题\n\n正文。\n", Lang::Zh, "a.txt");
    assert_eq!(
        yaml.lines().next(),
        Some(format!("# yaml-language-server: $schema={SCHEMA_FILE_NAME}").as_str())
    );
    assert!(yaml.contains("\nschema: stance/1\n"));
    assert!(yaml.contains("\nid: \"a\"\n"));
    assert!(yaml.contains("\nlang: zh\n"));
    let elsewhere = scaffold_with_schema("T\n\nx.\n", Lang::En, "a.txt", "https://x.test/s.json");
    assert!(elsewhere.starts_with("# yaml-language-server: $schema=https://x.test/s.json\n"));
    // In English the translation to write is Chinese.
    assert!(
        elsewhere.contains("en: \"x.\"\n        zh: \"\""),
        "{elsewhere}"
    );
}

/// Uncomments the scaffold's example nodes, relation and thesis.
fn with_examples(yaml: &str) -> String {
    let mut out = String::new();
    let mut in_example = false;
    for line in yaml.lines() {
        let line = match line {
            "nodes: []" => {
                in_example = true;
                "nodes:"
            }
            "relations: []" => "relations:",
            l if l.starts_with("# thesis: ") => &l[2..],
            l if in_example && (l.starts_with("#   ") || l.starts_with("#     ")) => &l[2..],
            l => l,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn uncommenting_the_example_gives_a_document_with_an_argument() {
    for (text, lang, name) in [
        (read("content/deepseek.txt"), Lang::Zh, "deepseek.txt"),
        (
            read("tests/fixtures/authoring/article-en.txt"),
            Lang::En,
            "a.txt",
        ),
        (
            read("tests/fixtures/authoring/article.md"),
            Lang::En,
            "a.md",
        ),
        (
            "Only a title\n\nand one line.".to_string(),
            Lang::En,
            "b.txt",
        ),
    ] {
        let yaml = with_examples(&scaffold(&text, lang, name));
        let (doc, warnings) = load_clean(name, &yaml);
        assert_eq!(doc.nodes.len(), 3, "{yaml}");
        assert_eq!(doc.thesis.as_deref(), Some("c-main"));
        assert_eq!(doc.relations.len(), 2);
        for w in &warnings {
            assert!(w.message.contains("translation"), "{w:?}");
        }
    }
}

#[test]
fn markdown_headings_markup_and_blocks() {
    let a = split_article(&read("tests/fixtures/authoring/article.md"), "article.md");
    assert_eq!(a.title, "Markdown: an article");
    let got: Vec<(Option<&str>, Vec<&str>)> = a
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.as_deref(),
                s.paragraphs.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                None,
                vec![
                    "An opening paragraph with bold, emphasis, code and a link, wrapped over two lines."
                ]
            ),
            (
                Some("The first part"),
                vec![
                    "A paragraph under the first heading: 5 * 3 = 15, and snake_case_names stay.",
                    "A list item",
                    "Another item, which continues here",
                    "A quoted passage, over two lines.",
                ]
            ),
            (Some("Setext heading"), vec!["let x = 1;"]),
            (Some("第三部分"), vec!["中文段落,换行不加空格。"]),
        ]
    );
    let yaml = scaffold(
        &read("tests/fixtures/authoring/article.md"),
        Lang::En,
        "article.md",
    );
    let (doc, _) = load_clean("article.yaml", &yaml);
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s0", "s1", "s2", "s3"]);
    assert_eq!(doc.sections[1].paragraphs[2].id, "s1p3");
    assert_eq!(doc.title.en, "Markdown: an article");
}

#[test]
fn a_markdown_title_heading_without_front_matter() {
    let a = split_article("# The *title*\n\nText.\n\n## Part\n\nMore.\n", "x.txt");
    assert_eq!(a.title, "The title");
    assert_eq!(a.sections.len(), 2);
    assert_eq!(a.sections[0].heading, None);
    assert_eq!(a.sections[1].heading.as_deref(), Some("Part"));
}

#[test]
fn plain_english_headings_are_short_lines_standing_alone() {
    let a = split_article(
        &read("tests/fixtures/authoring/article-en.txt"),
        "article-en.txt",
    );
    assert_eq!(a.title, "Why Industrial Policy Keeps Failing");
    let got: Vec<(Option<&str>, Vec<&str>)> = a
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.as_deref(),
                s.paragraphs.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                None,
                vec![
                    // The first paragraph is a byline, not a heading.
                    "By Jane Doe",
                    "Governments love to pick winners. They pour money into favoured industries, hoping to create the champions of tomorrow, and the results are rarely what they promised.",
                ]
            ),
            (
                Some("What the record shows"),
                vec![
                    "Consider the server rooms built in the last two years. Most of them stand idle: occupancy is typically 20% to 30%, and some are as low as 10%.",
                    // A question ends with punctuation: text.
                    "Why?",
                    "Because demand did not arrive on schedule. Capacity was built for a boom that had not happened.",
                    // A run of short lines is a list, not three headings.
                    "Apples",
                    "Pears",
                    "Plums",
                ]
            ),
            (
                Some("A small team did better"),
                vec![
                    "A company of about a hundred people built a model that rivals the best, with a fraction of the compute.",
                    // The last line has nothing under it: a sign-off.
                    "Thanks for reading",
                ]
            ),
        ]
    );
    let yaml = scaffold(
        &read("tests/fixtures/authoring/article-en.txt"),
        Lang::En,
        "article-en.txt",
    );
    let (doc, _) = load_clean("article-en.yaml", &yaml);
    assert_eq!(doc.lang, Lang::En);
    assert_eq!(doc.sections[1].title.en, "What the record shows");
    assert_eq!(doc.sections[1].title.zh, "");
}

#[test]
fn chinese_text_without_blank_lines_has_a_paragraph_per_line() {
    let a = split_article(
        "标题\n　　第一段。\n　　第二段,还是第二段。\n小标题\n第三段。\n",
        "x.txt",
    );
    assert_eq!(a.title, "标题");
    assert_eq!(a.sections.len(), 2);
    assert_eq!(
        a.sections[0].paragraphs,
        ["第一段。", "第二段,还是第二段。"]
    );
    assert_eq!(a.sections[1].heading.as_deref(), Some("小标题"));
    assert_eq!(a.sections[1].paragraphs, ["第三段。"]);
}

#[test]
fn a_long_line_without_punctuation_is_text() {
    let long = "这一行没有标点但是它比二十个汉字还要长得多所以它是正文";
    let a = split_article(&format!("T\n\n开头。\n\n{long}\n\n下一段。\n"), "x.txt");
    assert_eq!(a.sections.len(), 1);
    assert_eq!(a.sections[0].paragraphs[1], long);
}

const NASTY: [&str; 30] = [
    "\"quoted\" text: with a colon",
    "key: value # not a comment",
    "- a leading dash",
    "* a leading star",
    "& an anchor-like start",
    "! a tag-like start",
    "*alias",
    "&anchor value",
    "!!str tagged",
    "a tab\there and there\t.",
    r"back\slash \n \t \\ \u0041 \x41",
    "'single' and \"double\" quotes",
    "{flow: mapping}",
    "[a, flow, sequence]",
    "@at and `backtick`",
    "%YAML 1.2",
    "| literal",
    "> folded",
    "? complex key",
    "yes",
    "null",
    "~",
    "0x1F",
    "2024-01-01",
    "---",
    "...",
    "line\u{2028}separator and\u{2029}paragraph separator",
    "control \u{7} bell \u{1b}[2J escape \u{85} next line",
    "bom \u{feff} inside, del \u{7f}",
    "#hashtag at the start.",
];

#[test]
fn yaml_quoting_survives_any_text() {
    let mut text = String::from("A title: with # and \"quotes\"\n\n");
    for line in NASTY {
        text.push_str(line);
        text.push_str("\n\n");
    }
    let yaml = scaffold(&text, Lang::En, "nasty.txt");
    let (doc, _) = load_clean("nasty.yaml", &yaml);
    assert_eq!(doc.title.en, "A title: with # and \"quotes\"");
    // Some of the lines are short enough to be headings; either way, every
    // line is there, in order.
    let texts: Vec<&str> = doc
        .sections
        .iter()
        .flat_map(|s| {
            let heading = (!s.untitled).then_some(s.title.en.as_str());
            heading
                .into_iter()
                .chain(s.paragraphs.iter().map(|p| p.en.as_str()))
        })
        .collect();
    let expected: Vec<String> = NASTY
        .iter()
        .map(|l| sanitize(l.trim()).into_owned())
        .collect();
    assert_eq!(texts, expected);

    // Before the loader makes controls visible, the YAML holds the text exactly.
    let raw: Value = serde_saphyr::from_str(&yaml).expect("the scaffold parses as YAML");
    let mut raw_texts: Vec<&str> = Vec::new();
    for s in raw["sections"].as_array().expect("sections") {
        if s.get("untitled").is_none() {
            raw_texts.push(s["title"]["en"].as_str().expect("a heading"));
        }
        for p in s["paragraphs"].as_array().expect("paragraphs") {
            raw_texts.push(p["en"].as_str().expect("text"));
        }
    }
    let trimmed: Vec<&str> = NASTY.iter().map(|l| l.trim()).collect();
    assert_eq!(raw_texts, trimmed);
}

#[test]
fn an_empty_or_title_only_text_still_loads() {
    for (text, name) in [
        ("", "empty.txt"),
        ("\n\n  \n", "blank.txt"),
        ("Just a title", "title.txt"),
        ("\u{feff}# Heading only\n", "h.md"),
        ("---\ntitle: x\n", "unclosed-front-matter.md"),
        (
            "# ``  ``\n\n## **\n\ntext\n\n## ``  ``\n\nmore",
            "empty-headings.md",
        ),
        (
            "T\n\nfirst.\n\nShort line\nSetext\n======\n\ntext.",
            "setext.txt",
        ),
    ] {
        let yaml = scaffold(text, Lang::En, name);
        load_clean(name, &yaml);
    }
}

#[test]
fn the_language_is_guessed_from_the_script() {
    assert_eq!(guess_lang(&read("content/deepseek.txt")), Lang::Zh);
    assert_eq!(
        guess_lang(&read("tests/fixtures/authoring/article-en.txt")),
        Lang::En
    );
}

proptest! {
    #[test]
    fn any_text_scaffolds_to_a_document_that_loads(
        lines in proptest::collection::vec(
            proptest::string::string_regex(
                "[ \\t#:*&!|>%@`'\"\\\\{}\\[\\],?~a-z中文。,\u{7}\u{1b}\u{2028}-]{0,24}"
            ).expect("a regex"),
            0..12,
        ),
        markdown in any::<bool>(),
    ) {
        // As plain text, each line starts with a letter, so that none reads as
        // Markdown (`# x`, `---`) and every character must be kept.
        let lines: Vec<String> = if markdown {
            lines
        } else {
            lines.iter().map(|l| format!("x{l}")).collect()
        };
        let text = lines.join("\n\n");
        let name = if markdown { "p.md" } else { "p.txt" };
        let yaml = scaffold(&text, Lang::En, name);
        let loaded = load_text("p.yaml", yaml.clone());
        prop_assert!(!loaded.report.has_errors(), "{}\n{}", loaded.report, yaml);
        if !markdown {
            // Plain text keeps every character of every paragraph, in order.
            let doc = loaded.document.expect("a document");
            let kept: String = doc.sections.iter()
                .flat_map(|s| {
                    let heading = if s.untitled { "" } else { s.title.en.as_str() };
                    heading.chars().chain(s.paragraphs.iter().flat_map(|p| p.en.chars()))
                })
                .filter(|c| !c.is_whitespace())
                .collect();
            let body: String = sanitize(&text).chars().filter(|c| !c.is_whitespace()).collect();
            let title: String = sanitize(&doc.title.en).chars().filter(|c| !c.is_whitespace()).collect();
            if !body.is_empty() {
                prop_assert!(body.ends_with(&kept), "{body:?} vs {kept:?}");
                prop_assert_eq!(title.len() + kept.len(), body.len());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The JSON Schema

fn schema_value() -> Value {
    serde_json::from_str(content_schema()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema_value()).expect("the schema compiles")
}

/// A validator for one of the schema's definitions.
fn validator_for_def(name: &str) -> jsonschema::Validator {
    let schema = schema_value();
    let wrapper = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/$defs/{name}"),
        "$defs": schema["$defs"],
    });
    jsonschema::validator_for(&wrapper).expect("the definition compiles")
}

fn yaml_value(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("YAML")
}

fn schema_errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_compiled_in_schema_is_the_file_under_assets() {
    assert_eq!(content_schema(), read("assets/schemas/content.schema.json"));
    let s = schema_value();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn the_embedded_article_validates_as_yaml_and_as_json() {
    let v = validator();
    let yaml = yaml_value(&read("content/deepseek.yaml"));
    assert_eq!(schema_errors(&v, &yaml), Vec::<String>::new());
    // `stance graph` writes JSON that loads back, so it validates too.
    let doc = load_embedded().document.expect("the built-in article");
    let json: Value = serde_json::from_str(&to_json(&doc)).expect("JSON");
    assert_eq!(schema_errors(&v, &json), Vec::<String>::new());
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let p = entry.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_document_that_loads_validates() {
    let v = validator();
    let mut files = Vec::new();
    files_under(&root().join("tests/fixtures"), &mut files);
    let mut checked = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("text");
        let name = path.display().to_string();
        let Ok(value) = serde_saphyr::from_str::<Value>(&text) else {
            continue;
        };
        if value.get("schema").is_none() {
            continue; // a figure file or another format
        }
        if load_text(&name, text.clone()).report.has_errors() {
            continue;
        }
        assert_eq!(schema_errors(&v, &value), Vec::<String>::new(), "{name}");
        checked += 1;
    }
    // tests/common's small document too.
    assert_eq!(
        schema_errors(&v, &yaml_value(common::MINIMAL)),
        Vec::<String>::new()
    );
    assert!(checked >= 4, "only {checked} fixtures were checked");
}

#[test]
fn every_figure_file_validates_against_the_figure_part() {
    let v = validator_for_def("figure_file");
    let mut files = Vec::new();
    files_under(&root().join("assets/figures"), &mut files);
    assert!(files.len() >= 9);
    for path in &files {
        let text = std::fs::read_to_string(path).expect("text");
        assert_eq!(
            schema_errors(&v, &yaml_value(&text)),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
    // Broken figure fixtures: where the problem is one of form, the schema sees it too.
    for name in [
        "missing-unit",
        "missing-value",
        "unknown-kind",
        "unknown-unit",
        "wrong-field",
        "result-written",
    ] {
        let path = format!("tests/fixtures/figures/{name}.yaml");
        let text = read(&path);
        let (_, report) = load_figure_file(&path, &text);
        assert!(report.has_errors(), "{path} is a broken figure");
        assert!(!v.is_valid(&yaml_value(&text)), "the schema accepts {path}");
    }
}

/// Every property name the schema defines anywhere.
fn schema_properties(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for child in map.values() {
                schema_properties(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|c| schema_properties(c, out)),
        _ => {}
    }
}

/// Every key used anywhere in a document.
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            out.extend(map.keys().cloned());
            map.values().for_each(|c| keys(c, out));
        }
        Value::Array(items) => items.iter().for_each(|c| keys(c, out)),
        _ => {}
    }
}

/// Every place a key can be removed: the path to an object and the key.
fn removable(v: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                out.push((path.clone(), k.clone()));
                path.push(k.clone());
                removable(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                removable(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn without(v: &Value, path: &[String], key: &str) -> Value {
    let mut copy = v.clone();
    let mut at = &mut copy;
    for step in path {
        at = match at {
            Value::Object(m) => m.get_mut(step).expect("a path into the document"),
            Value::Array(a) => a
                .get_mut(step.parse::<usize>().expect("an index"))
                .expect("an index into the document"),
            _ => panic!("a path into the document"),
        };
    }
    if let Value::Object(m) = at {
        m.remove(key);
    }
    copy
}

/// Removes each key of `fixture` in turn; returns the removals on which the
/// schema and the loader disagree, as `path/key` with `*` for indices.
fn disagreements(fixture: &str) -> BTreeSet<String> {
    let v = validator();
    let doc = yaml_value(&read(fixture));
    assert_eq!(schema_errors(&v, &doc), Vec::<String>::new(), "{fixture}");
    assert!(
        errors(fixture, &serde_json::to_string(&doc).expect("JSON")).is_empty(),
        "{fixture} loads"
    );
    let mut places = Vec::new();
    removable(&doc, &mut Vec::new(), &mut places);
    let mut out = BTreeSet::new();
    for (path, key) in places {
        let changed = without(&doc, &path, &key);
        let schema_ok = v.is_valid(&changed);
        let json = serde_json::to_string(&changed).expect("JSON");
        let loader_ok = errors(fixture, &json).is_empty();
        if schema_ok != loader_ok {
            let generic: Vec<String> = path
                .iter()
                .map(|s| {
                    if s.parse::<usize>().is_ok() {
                        "*".to_string()
                    } else {
                        s.clone()
                    }
                })
                .chain(std::iter::once(key.clone()))
                .collect();
            out.insert(format!(
                "{} (schema {}, loader {})",
                generic.join("/"),
                if schema_ok { "accepts" } else { "refuses" },
                if loader_ok { "accepts" } else { "refuses" }
            ));
        }
    }
    out
}

#[test]
fn the_schema_and_the_loader_agree_on_what_is_required() {
    // Removing a whole list others refer to leaves dangling references, which
    // only the loader can see: that is about ids, not about required fields.
    // (Without `relations`, the evidence `r-costs` undercuts supports nothing.)
    let dangling: BTreeSet<String> = [
        "figures (schema accepts, loader refuses)",
        "nodes (schema accepts, loader refuses)",
        "relations (schema accepts, loader refuses)",
        "sections (schema accepts, loader refuses)",
        "sections/*/paragraphs (schema accepts, loader refuses)",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(
        disagreements("tests/fixtures/authoring/every-field.yaml"),
        dangling
    );
    let dangling_en: BTreeSet<String> = [
        "figures (schema accepts, loader refuses)",
        "nodes (schema accepts, loader refuses)",
        "sections (schema accepts, loader refuses)",
        "sections/*/paragraphs (schema accepts, loader refuses)",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(
        disagreements("tests/fixtures/authoring/every-field-en.yaml"),
        dangling_en
    );
}

#[test]
fn the_every_field_fixture_uses_every_field_the_schema_defines() {
    let mut defined = BTreeSet::new();
    schema_properties(&schema_value(), &mut defined);
    let mut used = BTreeSet::new();
    keys(
        &yaml_value(&read("tests/fixtures/authoring/every-field.yaml")),
        &mut used,
    );
    let missing: Vec<&String> = defined.difference(&used).collect();
    assert!(missing.is_empty(), "fields never exercised: {missing:?}");
}

#[test]
fn misspelt_fields_and_unknown_values_are_refused_by_both() {
    let v = validator();
    let base = read("tests/fixtures/authoring/every-field.yaml");
    for (from, to) in [
        ("    quote: \"市场说了算\"", "    quotes: \"市场说了算\""),
        ("kind: claim", "kind: clam"),
        ("origin: editorial", "origin: editor"),
        ("kind: supports}", "kind: supprts}"),
        ("kind: stat", "kind: stats"),
        ("qualifier: about}", "qualifier: approximately}"),
        ("lang: zh", "lang: fr"),
        ("schema: stance/1", "schema: stance/2"),
        ("unit: 万人", "unit: 万圆"),
        ("untitled: true", "untitled: \"yes\""),
    ] {
        assert!(base.contains(from), "{from}");
        let changed = base.replacen(from, to, 1);
        assert!(
            !errors("x.yaml", &changed).is_empty(),
            "loader accepts {to}"
        );
        assert!(!v.is_valid(&yaml_value(&changed)), "schema accepts {to}");
    }
    // An unusual basis is only a warning, so the schema lets it through.
    let unusual = base.replacen("basis: statistic", "basis: anecdote", 1);
    assert!(errors("x.yaml", &unusual).is_empty());
    assert!(v.is_valid(&yaml_value(&unusual)));
}

#[test]
fn the_unit_pattern_is_the_units_stance_knows() {
    let v = validator_for_def("unit");
    // The bases and magnitudes as `Unit::known` lists them for hints.
    let known = Unit::known();
    let list = |open: usize| -> Vec<String> {
        let start = known[open..].find('(').expect("a list") + open + 1;
        let end = known[start..].find(')').expect("a list") + start;
        known[start..end].split(' ').map(String::from).collect()
    };
    let bases = list(0);
    let after_bases = known.find(')').expect("a list") + 1;
    let magnitudes = list(after_bases);
    assert!(bases.len() >= 20 && magnitudes.len() >= 5, "{known}");
    let mut candidates: Vec<String> = vec![
        "%".into(),
        " % ".into(),
        "%/月".into(),
        "".into(),
        " ".into(),
        "万圆".into(),
        "万 元".into(),
        "万元 / 月".into(),
        "万元/".into(),
        "/月".into(),
        "万元/月/天".into(),
        "亿万元".into(),
        "千瓦时".into(),
        "千瓦".into(),
        "瓦时".into(),
        "USD".into(),
    ];
    for b in &bases {
        candidates.push(b.clone());
        candidates.push(format!("{b}/月"));
        candidates.push(format!("{b}/{b}"));
        for m in &magnitudes {
            candidates.push(format!("{m}{b}"));
            candidates.push(format!("{m}{b}/天"));
            candidates.push(format!("{b}{m}"));
        }
    }
    for m in &magnitudes {
        candidates.push(m.clone());
        candidates.push(format!("{m}/年"));
        candidates.push(format!("{m}{m}"));
    }
    for c in &candidates {
        assert_eq!(
            v.is_valid(&Value::String(c.clone())),
            Unit::parse(c.trim()).is_some(),
            "unit {c:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// The closest span to a quote that is not verbatim

fn quote_error(quote: &str, paragraphs: &str) -> Diagnostic {
    let src = common::MINIMAL.replacen(
        "    quote: \"市场说了算\"\n    paragraphs: [s1p1]",
        &format!("    quote: \"{quote}\"\n    paragraphs: [{paragraphs}]"),
        1,
    );
    assert_ne!(src, common::MINIMAL, "the fixture changed");
    let errs = errors("doc.yaml", &src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    errs.into_iter().next().expect("one error")
}

fn line_of(needle: &str) -> u64 {
    common::position(common::MINIMAL, needle).0
}

#[test]
fn a_full_width_comma_is_pointed_out() {
    let e = quote_error("政府不该插手，市场", "s1p1");
    let hint = e.hint.expect("a hint");
    let line = line_of("- id: s1p1");
    assert_eq!(
        hint,
        format!(
            "closest: `政府不该插手,市场` in s1p1 (line {line}): your quote has ‘，’ (full-width) where the article has ‘,’ (ASCII)"
        )
    );
}

#[test]
fn a_missing_character_is_pointed_out() {
    let e = quote_error("市场说算", "s1p1");
    let hint = e.hint.expect("a hint");
    assert!(hint.starts_with("closest: `市场说了算` in s1p1"), "{hint}");
    assert!(
        hint.ends_with("your quote lacks ‘了’ after ‘市场说’"),
        "{hint}"
    );
}

#[test]
fn an_extra_space_is_pointed_out() {
    let e = quote_error("出租率只有  10%", "s1p2");
    let hint = e.hint.expect("a hint");
    assert!(
        hint.starts_with("closest: `出租率只有 10%` in s1p2"),
        "{hint}"
    );
    assert!(
        hint.contains("your quote has an extra ‘ ’ (a space) after ‘出租率只有"),
        "{hint}"
    );
}

#[test]
fn a_quote_in_another_paragraph_is_found_there() {
    let e = quote_error("出租率只有 10%", "s1p1");
    let hint = e.hint.expect("a hint");
    let line = line_of("- id: s1p2");
    assert_eq!(
        hint,
        format!(
            "it is verbatim in s1p2 (line {line}), which the node's `paragraphs` does not list: add it"
        )
    );
}

#[test]
fn several_differences_are_counted_and_nothing_close_keeps_the_plain_hint() {
    let e = quote_error("政府不该插手，市场说了算!", "s1p1");
    let hint = e.hint.expect("a hint");
    assert!(hint.ends_with(", and one more difference"), "{hint}");
    let e = quote_error("完全无关的一句话", "s1p1");
    let hint = e.hint.expect("a hint");
    assert!(hint.starts_with("copy it exactly"), "{hint}");
}

#[test]
fn a_quote_with_no_paragraph_listed_is_matched_against_all() {
    let src = common::MINIMAL.replacen(
        "    quote: \"出租率只有 10%\"",
        "    quote: \"出租率只有10%\"",
        1,
    );
    let errs = errors("doc.yaml", &src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let hint = errs[0].hint.clone().expect("a hint");
    assert!(
        hint.starts_with("closest: `出租率只有 10%` in s1p2"),
        "{hint}"
    );
    assert!(hint.contains("lacks ‘ ’ (a space)"), "{hint}");
}

#[test]
fn many_long_wrong_quotes_stay_cheap() {
    // 300 quotes of 900 characters against 40 paragraphs of 900: the full
    // search would fill some 10^10 table cells; the document's budget stops it.
    let para = "这是一段很长的文字,".repeat(90);
    let mut src = String::from(
        "schema: stance/1\nid: big\nlang: zh\ntitle: {zh: 大, en: Big}\nsections:\n  - id: s1\n    title: {zh: 一, en: One}\n    paragraphs:\n",
    );
    for p in 0..40 {
        src.push_str(&format!("      - {{id: p{p}, zh: \"{para}\", en: x}}\n"));
    }
    src.push_str("nodes:\n");
    let quote = "这是一段很长的文字，".repeat(90);
    for n in 0..300 {
        src.push_str(&format!(
            "  - {{id: c{n}, kind: claim, text: {{zh: 主张, en: Claim}}, quote: \"{quote}\"}}\n"
        ));
    }
    // A limit only a hang reaches (the budget keeps this to seconds; the full
    // search runs for many minutes), so a busy machine cannot fail it.
    let started = Instant::now();
    let loaded = load_text("big.yaml", src);
    assert!(
        started.elapsed() < Duration::from_secs(180),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(loaded.report.errors(), 300);
}

// ---------------------------------------------------------------------------
// Gaps

#[test]
fn the_gaps_fixture_has_one_gap_of_each_kind() {
    let (doc, _) = load_clean("gaps.yaml", &read("tests/fixtures/authoring/gaps.yaml"));
    let all = gaps(&doc);
    let found: Vec<(GapKind, &str)> = all.iter().map(|g| (g.kind, g.id.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (GapKind::UncitedParagraph, "s1p4"),
            (GapKind::UnsupportedClaim, "c-small"),
            (GapKind::UnrebuttedMainClaim, "c-small"),
            (GapKind::EvidenceWithoutBasis, "e-idle"),
            (GapKind::MissingTranslation, "e-idle"),
        ]
    );
    let list = checklist(&all);
    assert!(
        list.starts_with("paragraphs no node cites (1):\n  - [ ] "),
        "{list}"
    );
    assert_eq!(
        list.lines().filter(|l| l.starts_with("  - [ ] ")).count(),
        5
    );
}

#[test]
fn the_built_in_article_answers_every_main_claim_and_has_no_other_gaps_but_paragraphs() {
    let loaded = load_embedded();
    // Gaps are not part of the loader's report: the article stays warning-free.
    assert!(loaded.report.diagnostics.is_empty(), "{}", loaded.report);
    let doc = loaded.document.expect("the built-in article");
    let found = gaps(&doc);
    let cited: HashSet<&str> = doc
        .nodes
        .iter()
        .flat_map(|n| n.paragraphs.iter().map(String::as_str))
        .collect();
    for g in &found {
        match g.kind {
            GapKind::UncitedParagraph => {
                assert!(doc.paragraph(&g.id).is_some(), "{g:?}");
                assert!(!cited.contains(g.id.as_str()), "{g:?}");
            }
            GapKind::UnsupportedClaim => {
                let n = doc.node(&g.id).expect("a node");
                assert!(doc.incoming(&n.id).all(|r| r.kind.name() != "supports"));
                // It argues for something: objections the article rejects are not listed.
                assert!(doc.outgoing(&n.id).next().is_some(), "{g:?}");
            }
            _ => panic!("the built-in article has no {:?} gap: {g:?}", g.kind),
        }
    }
    // Every paragraph the article argues in is cited; the count keeps this honest.
    let uncited = found
        .iter()
        .filter(|g| g.kind == GapKind::UncitedParagraph)
        .count();
    assert_eq!(uncited, doc.paragraph_count() - cited.len());
}
