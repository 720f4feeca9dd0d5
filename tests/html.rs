//! `stance export --format html`: the page's structure, read with a real HTML
//! parser (scraper/html5ever), not by searching the text.

mod common;

use std::path::Path;

use scraper::{Html, Selector};
use stance::model::{Document, load_embedded};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

/// The page for `args` written to a file and parsed.
fn page(home: &Path, args: &[&str]) -> (String, Html) {
    let out = home.join("page.html");
    let mut all = vec!["export", "--format", "html", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = common::stance_home(home, &all);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = std::fs::read_to_string(&out).expect("the page was written");
    let parsed = Html::parse_document(&text);
    (text, parsed)
}

fn embedded() -> Document {
    load_embedded()
        .document
        .expect("the built-in article loads")
}

fn text_of(el: scraper::ElementRef<'_>) -> String {
    el.text().collect()
}

#[test]
fn the_built_in_article_is_one_page_with_its_55_paragraphs_every_node_and_every_relation() {
    let home = tempfile::tempdir().unwrap();
    let (_, html) = page(home.path(), &[]);
    let doc = embedded();
    let labels = doc.labels();

    let title = html.select(&sel("head > title")).next().expect("a title");
    assert_eq!(text_of(title), doc.title.get(doc.lang));
    assert_eq!(html.select(&sel("h1")).count(), 1);

    let paragraphs: Vec<_> = html.select(&sel("#article div.para")).collect();
    assert_eq!(paragraphs.len(), 55);
    assert_eq!(paragraphs.len(), doc.paragraph_count());
    for (para, want) in paragraphs
        .iter()
        .zip(doc.sections.iter().flat_map(|s| &s.paragraphs))
    {
        let orig = para.select(&sel("p.orig")).next().unwrap();
        let trans = para.select(&sel("p.trans")).next().unwrap();
        // The original with its highlights and labels removed reads as the article does.
        let plain: String = orig
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .filter(|e| e.value().name() == "a")
            .fold(text_of(orig), |t, tag| t.replacen(&text_of(tag), "", 1));
        assert_eq!(plain, want.text(doc.lang));
        assert_eq!(text_of(trans), want.text(doc.lang.other()));
    }

    // Every node has its details under its label, with its kind and id.
    for (n, label) in doc.nodes.iter().zip(&labels) {
        let found: Vec<_> = html
            .select(&sel(&format!("#nodes article.node[id=\"{label}\"]")))
            .collect();
        assert_eq!(found.len(), 1, "{label}");
        assert_eq!(found[0].value().attr("data-node"), Some(n.id.as_str()));
        assert!(found[0].value().has_class(
            &format!("k-{}", n.kind.name()),
            scraper::CaseSensitivity::CaseSensitive
        ));
        // and is reachable from the map: in the tree, or listed beside it.
        assert!(
            html.select(&sel(&format!("#map a[href=\"#{label}\"]")))
                .next()
                .is_some(),
            "{label} is on the map"
        );
    }

    // Every relation is a link both ways, told apart by class and by glyph and word.
    let label_of = |id: &str| labels[doc.node_index(id).unwrap()].clone();
    for r in &doc.relations {
        let (from, to) = (label_of(&r.from), label_of(&r.to));
        let kind = r.kind.name();
        let out = sel(&format!(
            "article[id=\"{from}\"] ul.relations li.r-{kind} a[href=\"#{to}\"]"
        ));
        let back = sel(&format!(
            "article[id=\"{to}\"] ul.relations li.r-{kind} a[href=\"#{from}\"]"
        ));
        assert!(html.select(&out).next().is_some(), "{from} {kind} {to}");
        assert!(
            html.select(&back).next().is_some(),
            "{to} is {kind} by {from}"
        );
        let item = html.select(&out).next().unwrap();
        let li = scraper::ElementRef::wrap(item.parent().unwrap()).unwrap();
        let glyph = ["+", "−", "⊘"][match r.kind {
            stance::model::RelationKind::Supports => 0,
            stance::model::RelationKind::Rebuts => 1,
            stance::model::RelationKind::Undercuts => 2,
        }];
        assert!(text_of(li).starts_with(glyph), "{}", text_of(li));
    }

    // The tree starts at the thesis, and each child says how it bears on its parent.
    let thesis = label_of(doc.thesis.as_deref().unwrap());
    let root = html.select(&sel("#map ul.tree > li.root")).next().unwrap();
    let root_link = root.select(&sel("summary a.label")).next().unwrap();
    assert_eq!(
        root_link.value().attr("href"),
        Some(format!("#{thesis}").as_str())
    );
    let supports_thesis = doc
        .incoming(doc.thesis.as_deref().unwrap())
        .filter(|r| r.kind == stance::model::RelationKind::Supports)
        .count();
    let children = root
        .select(&sel(":scope > details > ul > li.r-supports"))
        .count();
    assert_eq!(children, supports_thesis);
    assert!(supports_thesis > 0);
    for child in root.select(&sel(":scope > details > ul > li")) {
        let rel = child.select(&sel(".rel")).next().expect("a relation word");
        assert!(
            text_of(rel).contains("supports")
                || text_of(rel).contains("rebuts")
                || text_of(rel).contains("undercuts")
        );
    }
}

#[test]
fn each_quote_is_highlighted_in_its_paragraph_and_labelled() {
    let home = tempfile::tempdir().unwrap();
    let (_, html) = page(home.path(), &[]);
    let doc = embedded();
    let labels = doc.labels();
    let mut highlighted = 0;
    for (n, label) in doc.nodes.iter().zip(&labels) {
        let Some(mark) = html.select(&sel(&format!("mark[id=\"q-{label}\"]"))).next() else {
            continue;
        };
        highlighted += 1;
        assert_eq!(Some(text_of(mark).as_str()), n.quote.as_deref(), "{label}");
        // The mark sits in the paragraph the node is shown under, followed by its label.
        let para = mark
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| {
                e.value()
                    .has_class("para", scraper::CaseSensitivity::CaseSensitive)
            })
            .unwrap();
        assert_eq!(para.value().attr("data-paragraph"), doc.anchor(n));
        let tag = mark
            .next_sibling()
            .and_then(scraper::ElementRef::wrap)
            .unwrap();
        assert_eq!(text_of(tag), *label);
        assert_eq!(tag.value().attr("href"), Some(format!("#{label}").as_str()));
    }
    let quoted_in_article = doc
        .nodes
        .iter()
        .filter(|n| n.origin == stance::model::Origin::Article && n.quote.is_some())
        .count();
    // Quotes that overlap one already highlighted are listed under the paragraph instead.
    assert!(
        highlighted * 10 >= quoted_in_article * 9,
        "{highlighted} of {quoted_in_article}"
    );
    for (n, label) in doc.nodes.iter().zip(&labels) {
        if let Some(p) = doc.anchor(n) {
            let listed = sel(&format!(
                "div.para[data-paragraph=\"{p}\"] p.in-para a[href=\"#{label}\"]"
            ));
            assert!(html.select(&listed).next().is_some(), "{label} under {p}");
        }
    }
}

#[test]
fn the_page_asks_for_nothing_over_the_network() {
    let home = tempfile::tempdir().unwrap();
    let (text, html) = page(home.path(), &[]);
    for tag in [
        "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base", "form",
    ] {
        assert_eq!(html.select(&sel(tag)).count(), 0, "no <{tag}>");
    }
    assert_eq!(
        html.select(&sel("[src]")).count(),
        0,
        "nothing is loaded from anywhere"
    );
    assert_eq!(html.select(&sel("script")).count(), 1);
    for style in html.select(&sel("style")) {
        let css = text_of(style);
        assert!(!css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"));
    }
    let script = text_of(html.select(&sel("script")).next().unwrap());
    for call in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "WebSocket",
        "sendBeacon",
    ] {
        assert!(!script.contains(call), "{call}");
    }
    // Every link stays in the page, except the source's own address.
    for a in html.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(
            href.starts_with('#') || href.starts_with("https://") || href.starts_with("http://"),
            "{href}"
        );
    }
    let csp = html
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .expect("a content security policy");
    assert!(
        csp.value()
            .attr("content")
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert!(text.starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_figures_are_drawn_from_the_documents_numbers() {
    let home = tempfile::tempdir().unwrap();
    let (_, html) = page(home.path(), &[]);
    let doc = embedded();
    let figures: Vec<_> = html.select(&sel("#figures figure")).collect();
    assert_eq!(figures.len(), doc.figures.len());
    assert!(!figures.is_empty());
    for (el, f) in figures.iter().zip(&doc.figures) {
        assert_eq!(el.value().attr("data-figure"), Some(f.id.as_str()));
        match &f.data {
            stance::figures::FigureData::Bar(chart) => {
                assert_eq!(el.select(&sel("table.bars tr")).count(), chart.bars.len());
                assert_eq!(el.select(&sel("svg rect.solid")).count(), chart.bars.len());
            }
            stance::figures::FigureData::Table(t) => {
                assert_eq!(el.select(&sel("table.data tbody tr")).count(), t.rows.len());
            }
            stance::figures::FigureData::Stat(s) => {
                assert_eq!(el.select(&sel("dl.stats dt")).count(), s.items.len());
            }
            stance::figures::FigureData::Formula(fm) => {
                assert_eq!(
                    el.select(&sel("table.data tbody tr")).count(),
                    fm.inputs.len()
                );
            }
            stance::figures::FigureData::Change(_) => {
                assert_eq!(el.select(&sel("svg rect.solid")).count(), 2);
            }
        }
    }
}

#[test]
fn the_pages_words_come_in_english_and_chinese_and_it_opens_in_the_one_asked_for() {
    let home = tempfile::tempdir().unwrap();
    let (_, en) = page(home.path(), &["--ui", "en"]);
    let (_, zh) = page(home.path(), &["--ui", "zh"]);
    let root = |h: &Html| h.select(&sel("html")).next().unwrap().value().clone();
    assert_eq!(root(&en).attr("lang"), Some("en"));
    assert_eq!(root(&zh).attr("lang"), Some("zh"));
    assert!(root(&zh).has_class("ui-zh", scraper::CaseSensitivity::CaseSensitive));
    let heading = |h: &Html, l: &str| {
        text_of(
            h.select(&sel(&format!("#map-title .l-{l}")))
                .next()
                .unwrap(),
        )
    };
    assert_eq!(heading(&zh, "en"), "The argument");
    assert_eq!(heading(&zh, "zh"), "论证");
    // The article starts as asked: the translation only.
    let (_, trans) = page(home.path(), &["--lang", "en"]);
    let checked = trans
        .select(&sel("input[name=mode][checked]"))
        .next()
        .unwrap();
    assert_eq!(checked.value().attr("value"), Some("translation"));
}

const HOSTILE: &str = r#"schema: stance/1
id: hostile
lang: en
title: {zh: "<b>标题</b>", en: "</title><script>alert('title')</script>"}
source:
  url: "javascript:alert('url')"
  publisher: "\"><img src=x onerror=alert('pub')>"
thesis: c1
sections:
  - id: s1
    title: {zh: "<i>节</i>", en: "<iframe src=//evil.example></iframe>"}
    paragraphs:
      - id: p1
        zh: "<script>alert('zh')</script>"
        en: "Say <b onclick=\"alert('x')\">hi</b> & \e[31mred\u0007 <a href='javascript:alert(1)'>link</a>"
nodes:
  - id: c1
    kind: claim
    text: {zh: "<svg onload=alert(1)>", en: "<style>body{background:url(https://evil.example/x)}</style>"}
    quote: "<b onclick=\"alert('x')\">hi</b>"
    paragraphs: [p1]
    note: "' onmouseover='alert(1)"
  - id: e1
    kind: evidence
    origin: editorial
    text: {zh: "证据", en: "<a href=\"javascript:alert(2)\">evidence</a>"}
    paragraphs: [p1]
    supports: [c1]
"#;

#[test]
fn hostile_text_in_content_marks_and_class_files_stays_text() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(dir.join("hostile.yaml"), HOSTILE).unwrap();
    let marks = r#"{"schema":"stance.marks/1","document":{"id":"hostile","title":"x","digest":"sha256:0"},
      "reader":"<script>alert('reader')</script>","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z",
      "marks":[{"node":"c1","stance":"dispute","note":"</li><script>alert('note')</script>\u001b[2J","at":"2026-01-01T00:00:00Z","text":"x"},
               {"node":"<gone onclick=x>","stance":"agree","note":"\"'><img src=x>","at":"2026-01-01T00:00:00Z","text":"<u>old</u>"}]}"#;
    std::fs::write(dir.join("marks.json"), marks).unwrap();
    let class = r#"{"schema":"stance.class/1","document":{"id":"hostile","title":"x","digest":"sha256:0"},
      "readers":["<b>Ann</b>","Bo\u001b]0;pwned\u0007"],
      "nodes":[{"node":"c1","agree":1,"dispute":1,"unsure":0,"text":"t",
                "notes":[{"reader":"<b>Ann</b>","note":"<script>alert('class')</script>"}]}],
      "additions":[{"reader":"<i>Cy</i>\u001b[1m","agree":2,"dispute":1,
        "addition":{"id":"r00000009.1","kind":"rebuttal",
          "text":{"zh":"<img src=x onerror=alert('own-zh')>","en":"</li><script>alert('own')</script>"},
          "relations":[{"to":"c1","kind":"rebuts"}],
          "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}]}"#;
    std::fs::write(dir.join("class.json"), class).unwrap();
    let (text, html) = page(
        dir,
        &[
            "hostile.yaml",
            "--marks",
            "marks.json",
            "--class",
            "class.json",
        ],
    );

    // None of it became markup: one script (the page's own), no element from the files.
    assert_eq!(html.select(&sel("script")).count(), 1);
    let script = text_of(html.select(&sel("script")).next().unwrap());
    assert!(!script.contains("alert"));
    for tag in [
        "img", "iframe", "b", "i", "u", "gone", "link", "object", "embed",
    ] {
        assert_eq!(html.select(&sel(tag)).count(), 0, "no <{tag}> from a file");
    }
    assert_eq!(html.select(&sel("style")).count(), 1);
    // Our own SVG only: bars and splits, none with a handler.
    for el in html.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "handler {name}={value}");
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{name}={value}"
            );
        }
    }
    assert_eq!(html.select(&sel("a[href^=\"javascript\"]")).count(), 0);
    // The text is all there, readable as text.
    let all: String = html.root_element().text().collect();
    for shown in [
        "</title><script>alert('title')</script>",
        "javascript:alert('url')",
        "<script>alert('zh')</script>",
        "<svg onload=alert(1)>",
        "' onmouseover='alert(1)",
        "</li><script>alert('note')</script>",
        "<script>alert('class')</script>",
        "<b>Ann</b>",
        "</li><script>alert('own')</script>",
        "<img src=x onerror=alert('own-zh')>",
        "by <i>Cy</i>␛[1m — classmates: 2 agree, 1 dispute",
    ] {
        assert!(all.contains(shown), "{shown} is shown as text");
    }
    // The quote with a tag in it is still found and highlighted.
    let mark = html
        .select(&sel("mark#q-C1"))
        .next()
        .expect("the quote is highlighted");
    assert_eq!(text_of(mark), "<b onclick=\"alert('x')\">hi</b>");
    // No control character reaches the page; escapes are shown as pictures.
    assert!(
        !text.chars().any(|c| (c as u32) < 0x20 && c != '\n'),
        "a control character in the page"
    );
    assert!(all.contains("␛[31m") && all.contains("␛[2J") && all.contains("␛]0;pwned␇"));
    // The classmate's argument is under the node it answers, by its author.
    let own = html
        .select(&sel("#class ul.class-own > li"))
        .next()
        .expect("the class's own arguments are listed");
    assert_eq!(own.select(&sel("p a.label[href=\"#C1\"]")).count(), 1);
    assert_eq!(own.select(&sel("li.own")).count(), 1);
}

#[test]
fn marks_and_a_class_show_on_the_page_most_divisive_first() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let doc = embedded();
    let labels = doc.labels();
    let ids: Vec<&str> = doc.nodes.iter().take(3).map(|n| n.id.as_str()).collect();
    let digest = stance::marks::digest(&doc);
    let marks = format!(
        r#"{{"schema":"stance.marks/1","document":{{"id":"{}","title":"t","digest":"{digest}"}},
        "reader":"Mei","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z",
        "marks":[{{"node":"{}","stance":"agree","note":"convincing","at":"2026-01-01T00:00:00Z","text":"x"}},
                 {{"node":"{}","stance":"dispute","at":"2026-01-01T00:00:00Z","text":"x"}}]}}"#,
        doc.id, ids[0], ids[1]
    );
    std::fs::write(dir.join("m.json"), marks).unwrap();
    // Listed least divisive first in the file: the page sorts them.
    let class = format!(
        r#"{{"schema":"stance.class/1","document":{{"id":"{}","title":"t","digest":"{digest}"}},
        "readers":["A","B","C","D"],
        "nodes":[{{"node":"{}","agree":4,"dispute":0,"unsure":0,"notes":[]}},
                 {{"node":"{}","agree":3,"dispute":1,"unsure":0,"notes":[]}},
                 {{"node":"{}","agree":2,"dispute":2,"unsure":0,"notes":[{{"reader":"B","note":"too strong"}}]}}]}}"#,
        doc.id, ids[0], ids[1], ids[2]
    );
    std::fs::write(dir.join("c.json"), class).unwrap();
    let (_, html) = page(dir, &["--marks", "m.json", "--class", "c.json"]);

    let marks: Vec<_> = html.select(&sel("#marks ul.marks > li")).collect();
    assert_eq!(marks.len(), 2);
    assert!(text_of(marks[0]).contains("✓") && text_of(marks[0]).contains("convincing"));
    assert!(text_of(marks[1]).contains("✗"));
    let mine = html
        .select(&sel(&format!(
            "article[id=\"{}\"] .mine .s-agree",
            labels[0]
        )))
        .count();
    assert_eq!(mine, 1);

    let order: Vec<String> = html
        .select(&sel("#class ol.class > li"))
        .map(|li| li.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        order,
        [2, 1, 0].map(|i| format!("class-{}", labels[i])).to_vec()
    );
    let first = html.select(&sel("#class ol.class > li")).next().unwrap();
    assert!(text_of(first).contains("too strong"));
    assert!(text_of(first).contains("✓ 2") && text_of(first).contains("✗ 2"));
    assert_eq!(first.select(&sel("svg.split rect")).count(), 2);
}

#[test]
fn a_class_file_for_another_document_is_refused_with_the_file_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(
        dir.join("other.json"),
        r#"{"schema":"stance.class/1","document":{"id":"another","title":"t","digest":"sha256:0"},"readers":[],"nodes":[]}"#,
    )
    .unwrap();
    let o = common::stance_home(
        dir,
        &["export", "--format", "html", "--class", "other.json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(
        err.contains("other.json") && err.contains("another"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_class_is_refused_by_the_exports_that_cannot_show_it() {
    let home = tempfile::tempdir().unwrap();
    let o = common::stance_home(
        home.path(),
        &["export", "--format", "markdown", "--class", "merged.json"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stderr(&o).contains("--format html"),
        "{}",
        common::stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn the_readers_own_arguments_join_the_map_under_labels_of_their_own() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let doc = embedded();
    let thesis = doc.thesis.clone().unwrap();
    let digest = stance::marks::digest(&doc);
    let marks = format!(
        r#"{{"schema":"stance.marks/2","document":{{"id":"{id}","title":"t","digest":"{digest}"}},
        "reader":"ana","reader_id":"r0a0b0c0d","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z",
        "marks":[{{"node":"r0a0b0c0d.1","stance":"agree","note":"mine","at":"2026-01-01T00:00:00Z"}}],
        "additions":[
          {{"id":"r0a0b0c0d.1","kind":"rebuttal","text":{{"zh":"","en":"<b>One company</b> is not a policy"}},
            "relations":[{{"to":"{thesis}","kind":"rebuts"}}],
            "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}},
          {{"id":"r0a0b0c0d.2","kind":"evidence","text":{{"zh":"","en":"Idle rooms are common"}},
            "relations":[{{"to":"r0a0b0c0d.1","kind":"supports"}}],
            "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}},
          {{"id":"r0a0b0c0d.3","kind":"claim","text":{{"zh":"","en":"About a node now gone"}},
            "relations":[{{"to":"no-such-node","kind":"supports"}}],
            "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}]}}"#,
        id = doc.id
    );
    std::fs::write(dir.join("own.json"), marks).unwrap();
    let (_, html) = page(dir, &["--marks", "own.json"]);
    let labels = doc.labels();
    let thesis_label = &labels[doc.node_index(&thesis).unwrap()];

    // Their details, told apart from the article's, with the author.
    let own = html
        .select(&sel("article.node.own[id=\"+R1\"]"))
        .next()
        .expect("the reader's rebuttal has details under +R1");
    assert_eq!(own.value().attr("data-node"), Some("r0a0b0c0d.1"));
    let text = text_of(own);
    assert!(
        text.contains("<b>One company</b> is not a policy"),
        "{text}"
    );
    assert!(text.contains("by ana"), "{text}");
    assert!(
        text.contains("mine"),
        "the reader's note on their own node: {text}"
    );
    assert_eq!(html.select(&sel("b")).count(), 0);
    let rebuts = sel(&format!(
        "article[id=\"+R1\"] li.r-rebuts a[href=\"#{thesis_label}\"]"
    ));
    assert!(html.select(&rebuts).next().is_some());
    // On the map, under the thesis, with what supports them under them.
    let root = html.select(&sel("#map ul.tree > li.root")).next().unwrap();
    let branch = root
        .select(&sel(":scope > details > ul > li.r-rebuts"))
        .find(|li| {
            li.select(&sel("summary > a.label"))
                .any(|a| a.value().attr("href") == Some("#+R1"))
        })
        .expect("+R1 rebuts the thesis on the map");
    assert!(
        branch
            .select(&sel("li.r-supports a[href=\"#+E1\"]"))
            .next()
            .is_some()
    );
    // The article's labels did not move.
    for (n, label) in doc.nodes.iter().zip(&labels) {
        let el = html
            .select(&sel(&format!("article[id=\"{label}\"]")))
            .next()
            .unwrap();
        assert_eq!(el.value().attr("data-node"), Some(n.id.as_str()));
    }
    // Listed with the marks, and the one the document cannot place says why.
    let list: Vec<_> = html.select(&sel("#marks ul.own-list > li")).collect();
    assert_eq!(list.len(), 3);
    let orphan = text_of(list[2]);
    assert!(orphan.contains("no-such-node"), "{orphan}");
    assert_eq!(list[2].select(&sel("ul.orphans li")).count(), 1);
    assert_eq!(list[0].select(&sel("ul.orphans li")).count(), 0);
}

#[test]
fn the_reader_named_on_the_command_line_is_the_one_on_the_page() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let doc = embedded();
    let marks = format!(
        r#"{{"schema":"stance.marks/1","document":{{"id":"{}","title":"t","digest":"sha256:0"}},
        "reader":"Mei","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","marks":[]}}"#,
        doc.id
    );
    std::fs::write(dir.join("m.json"), marks).unwrap();
    let reader = |h: &Html| text_of(h.select(&sel("#marks > p")).next().unwrap());
    let (_, as_filed) = page(dir, &["--marks", "m.json"]);
    assert!(
        reader(&as_filed).ends_with(": Mei"),
        "{}",
        reader(&as_filed)
    );
    let (_, renamed) = page(dir, &["--marks", "m.json", "--reader", "Lin"]);
    assert!(reader(&renamed).ends_with(": Lin"), "{}", reader(&renamed));
}
