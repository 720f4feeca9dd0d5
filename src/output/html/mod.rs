//! One self-contained HTML page for a browser: the article with its quotes
//! highlighted, the argument as a tree from the thesis, every node's details,
//! the figures, a reader's marks and a class's split (`stance export --format html`).
//!
//! The page asks for nothing over the network (its styles and script are
//! inline, and its Content-Security-Policy forbids anything else), reads fully
//! without script, and carries its own words in English and Chinese.

mod figure;
pub mod markup;

use std::collections::{HashMap, HashSet};
use std::io::Write;

use markup::Html;

use crate::marks::additions::Orphan;
use crate::marks::class::{ClassFile, ClassNode};
use crate::marks::{Mark, Marks, Stance};
use crate::model::{Document, Lang, Node, NodeKind, RelationKind};
use crate::output::PrintLang;
use crate::tui::i18n::{UiLang, basis_name, cli_strings, fill, html_strings, strings};

/// What the page shows besides the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// The reader's marks and notes.
    pub marks: Option<&'a Marks>,
    /// A class's merged marks (`stance merge`).
    pub class: Option<&'a ClassFile>,
}

/// How the page opens: its own words' language and the article's.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The language of the page's own words and the nodes' statements.
    pub ui: UiLang,
    /// The article as first shown: the original, the translation, or both.
    pub article: PrintLang,
}

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Deepest the argument tree is drawn; a branch deeper than this is listed
/// among the nodes not under the thesis rather than nested further.
const MAX_DEPTH: usize = 64;

/// Writes the page to `out`.
pub fn write_page(
    doc: &Document,
    sources: Sources<'_>,
    options: Options,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut h = Html::to(out);
    build(&mut h, doc, sources, options);
    h.close()
}

/// The page, whole, in memory.
pub fn page(doc: &Document, sources: Sources<'_>, options: Options) -> String {
    let mut h = Html::new();
    build(&mut h, doc, sources, options);
    h.finish()
}

fn build(h: &mut Html, doc: &Document, sources: Sources<'_>, options: Options) {
    // The reader's own arguments join the article's graph as nodes of their
    // own (+C1…); the article's labels do not move. Idempotent on a document
    // that already holds them.
    let overlay = sources
        .marks
        .filter(|m| !m.additions().is_empty())
        .map(|m| m.with_overlay(doc));
    let doc = overlay.as_ref().map_or(doc, |o| &o.doc);
    let orphans = overlay.as_ref().map_or(&[][..], |o| o.orphans.as_slice());
    let mut cx = Context::new(doc, sources);
    cx.orphans = orphans;
    head(h, doc, options);
    header(h, doc, options);
    h.raw("<main id=\"main\">");
    article(h, &cx);
    map(h, &cx);
    nodes(h, &cx);
    figures(h, &cx);
    marks(h, &cx);
    class(h, &cx);
    h.raw("</main><footer><p>")
        .word(|l| html_strings(l).footer)
        .raw("</p></footer><script>")
        .raw(SCRIPT)
        .raw("</script></body></html>\n");
}

/// What every part of the page looks up: labels, marks and the class by node.
struct Context<'a> {
    doc: &'a Document,
    labels: Vec<String>,
    marks: Option<&'a Marks>,
    class: Option<&'a ClassFile>,
    class_by_node: HashMap<&'a str, &'a ClassNode>,
    /// Each paragraph's number on the page (1, 2…), by id.
    paragraph_numbers: HashMap<&'a str, usize>,
    /// Each figure's place in the document, by id (the first, for a repeated id).
    figure_numbers: HashMap<&'a str, usize>,
    /// What of the reader's own arguments the document cannot place.
    orphans: &'a [Orphan],
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document, sources: Sources<'a>) -> Context<'a> {
        let paragraph_numbers = doc
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i + 1))
            .collect();
        Context {
            doc,
            labels: doc.labels(),
            marks: sources.marks,
            class: sources.class,
            class_by_node: sources
                .class
                .map(|c| c.nodes.iter().map(|n| (n.node.as_str(), n)).collect())
                .unwrap_or_default(),
            paragraph_numbers,
            orphans: &[],
            figure_numbers: doc
                .figures
                .iter()
                .enumerate()
                .rev()
                .map(|(i, f)| (f.id.as_str(), i))
                .collect(),
        }
    }

    fn label(&self, i: usize) -> &str {
        self.labels.get(i).map_or("?", String::as_str)
    }

    /// A link to node `id` by its label (its id, unlinked, when the document lacks it).
    fn node_link(&self, h: &mut Html, id: &str) {
        match self.doc.node_index(id) {
            Some(i) => {
                let label = self.label(i);
                h.raw("<a class=\"label ")
                    .raw(kind_class(self.doc.nodes[i].kind))
                    .raw("\" href=\"#")
                    .text(label)
                    .raw("\">")
                    .text(label)
                    .raw("</a>");
            }
            None => {
                h.raw("<code>").text(id).raw("</code>");
            }
        }
    }

    fn paragraph_link(&self, h: &mut Html, id: &str) {
        match self.paragraph_numbers.get(id) {
            Some(&n) => {
                let (s, _) = self.doc.paragraph_position(id).unwrap_or((0, 0));
                h.raw("<a href=\"#p")
                    .num(n)
                    .raw("\">§")
                    .num(s + 1)
                    .raw(" ¶")
                    .num(n)
                    .raw("</a>");
            }
            None => {
                h.raw("<code>").text(id).raw("</code>");
            }
        }
    }
}

fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Claim => "k-claim",
        NodeKind::Evidence => "k-evidence",
        NodeKind::Rebuttal => "k-rebuttal",
    }
}

fn kind_word(h: &mut Html, kind: NodeKind) {
    let c = |l| cli_strings(l);
    match kind {
        NodeKind::Claim => h.word(|l| c(l).kind_claim),
        NodeKind::Evidence => h.word(|l| c(l).kind_evidence),
        NodeKind::Rebuttal => h.word(|l| c(l).kind_rebuttal),
    };
}

fn stance_word(h: &mut Html, stance: Stance) {
    h.raw("<span class=\"stance s-")
        .raw(stance.name())
        .raw("\">")
        .raw(stance.glyph())
        .raw(" ");
    match stance {
        Stance::Agree => h.word(|l| strings(l).agree),
        Stance::Dispute => h.word(|l| strings(l).dispute),
        Stance::Unsure => h.word(|l| strings(l).unsure),
    };
    h.raw("</span>");
}

fn head(h: &mut Html, doc: &Document, options: Options) {
    let ui = html_strings(options.ui).code;
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .raw(ui)
        .raw("\" class=\"ui-")
        .raw(ui)
        .raw("\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // Nothing may be fetched: no fonts, images, styles or scripts from anywhere.
        .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">")
        .raw("<meta name=\"generator\" content=\"stance\"><title>")
        .text(doc.title.get_or_other(doc.lang))
        .raw("</title><style>")
        .raw(STYLE)
        .raw("</style></head><body>");
}

fn header(h: &mut Html, doc: &Document, options: Options) {
    let original = doc.lang;
    h.raw("<a class=\"skip\" href=\"#article\">")
        .word(|l| html_strings(l).skip)
        .raw("</a><header><h1 lang=\"")
        .raw(original.code())
        .raw("\">")
        .text(doc.title.get_or_other(original))
        .raw("</h1>");
    let other = doc.title.get(original.other());
    if !other.is_empty() {
        h.raw("<p class=\"subtitle\" lang=\"")
            .raw(original.other().code())
            .raw("\">")
            .text(other)
            .raw("</p>");
    }
    let src = &doc.source;
    h.raw("<dl class=\"source\">");
    let row =
        |h: &mut Html, word: fn(UiLang) -> &'static str, value: &Option<String>, link: bool| {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                h.raw("<div><dt>").word(word).raw("</dt><dd>");
                if link {
                    h.link(v);
                } else {
                    h.text(v);
                }
                h.raw("</dd></div>");
            }
        };
    row(h, |l| html_strings(l).publisher, &src.publisher, false);
    row(h, |l| html_strings(l).author, &src.author, false);
    row(h, |l| html_strings(l).source, &src.url, true);
    row(h, |l| html_strings(l).captured, &src.captured, false);
    row(h, |l| html_strings(l).about_source, &src.notes, false);
    h.raw("</dl>");
    // The article's language: radio buttons and CSS, so the switch works without script.
    h.raw(
        "<nav class=\"controls\" aria-labelledby=\"toc-title\"><fieldset class=\"article-lang\"><legend>",
    )
    .word(|l| html_strings(l).article_lang)
    .raw("</legend>");
    let checked = match options.article {
        PrintLang::Both => "both",
        PrintLang::Zh if original == Lang::Zh => "original",
        PrintLang::En if original == Lang::En => "original",
        _ => "translation",
    };
    for (value, word) in [
        (
            "original",
            (|l| html_strings(l).original) as fn(UiLang) -> &'static str,
        ),
        ("translation", |l| html_strings(l).translation),
        ("both", |l| html_strings(l).both),
    ] {
        h.raw("<label><input type=\"radio\" name=\"mode\" value=\"")
            .raw(value)
            .raw("\" id=\"mode-")
            .raw(value)
            .raw("\"");
        if value == checked {
            h.raw(" checked");
        }
        h.raw("> ").word(word).raw("</label>");
    }
    h.raw("</fieldset><p class=\"js-only\" hidden><button type=\"button\" id=\"switch-ui\">")
        .raw("<span class=\"l-en\" lang=\"zh\">")
        .raw(html_strings(UiLang::En).other_ui)
        .raw("</span><span class=\"l-zh\" lang=\"en\">")
        .raw(html_strings(UiLang::Zh).other_ui)
        .raw("</span></button> <button type=\"button\" id=\"expand-all\">")
        .word(|l| html_strings(l).expand_all)
        .raw("</button> <button type=\"button\" id=\"collapse-all\">")
        .word(|l| html_strings(l).collapse_all)
        .raw("</button></p>");
    h.raw("<h2 class=\"toc-title\" id=\"toc-title\">")
        .word(|l| html_strings(l).contents)
        .raw("</h2><ol class=\"toc\">");
    for (href, word) in [
        (
            "#article",
            (|l| html_strings(l).article) as fn(UiLang) -> &'static str,
        ),
        ("#map", |l| html_strings(l).map_title),
        ("#nodes", |l| html_strings(l).nodes_title),
        ("#figures", |l| html_strings(l).figures_title),
        ("#marks", |l| html_strings(l).marks_title),
        ("#class", |l| html_strings(l).class_title),
    ] {
        h.raw("<li><a href=\"")
            .raw(href)
            .raw("\">")
            .word(word)
            .raw("</a></li>");
    }
    h.raw("</ol></nav></header>");
}

/// A paragraph's original text with the quotes of the nodes shown under it
/// highlighted and labelled; quotes that overlap one already marked are only
/// listed below the paragraph.
fn highlighted(h: &mut Html, cx: &Context<'_>, text: &str, anchored: &[usize]) {
    let mut spans: Vec<(usize, usize, usize)> = anchored
        .iter()
        .filter_map(|&i| {
            let q = cx.doc.nodes[i].quote.as_deref().filter(|q| !q.is_empty())?;
            text.find(q).map(|at| (at, at + q.len(), i))
        })
        .collect();
    spans.sort_by_key(|&(start, end, i)| (start, std::cmp::Reverse(end), i));
    let mut at = 0;
    for (start, end, i) in spans {
        if start < at {
            continue;
        }
        h.text(&text[at..start]);
        let label = cx.label(i);
        h.raw("<mark class=\"q ")
            .raw(kind_class(cx.doc.nodes[i].kind))
            .raw("\" id=\"q-")
            .text(label)
            .raw("\">")
            .text(&text[start..end])
            .raw("</mark><a class=\"tag ")
            .raw(kind_class(cx.doc.nodes[i].kind))
            .raw("\" href=\"#")
            .text(label)
            .raw("\">")
            .text(label)
            .raw("</a>");
        at = end;
    }
    h.text(&text[at..]);
}

fn article(h: &mut Html, cx: &Context<'_>) {
    let doc = cx.doc;
    let mut anchored: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in doc.nodes.iter().enumerate() {
        if let Some(p) = doc.anchor(n) {
            anchored.entry(p).or_default().push(i);
        }
    }
    let mut figures_at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in doc.figures.iter().enumerate() {
        figures_at.entry(f.paragraph.as_str()).or_default().push(i);
    }
    let (original, translation) = (doc.lang, doc.lang.other());
    open_section(h, "article", |l| html_strings(l).article);
    let mut number = 0;
    for (s, section) in doc.sections.iter().enumerate() {
        h.raw("<section class=\"part\" id=\"s")
            .num(s + 1)
            .raw("\"><h3>§")
            .num(s + 1)
            .raw(" ");
        h.raw("<span class=\"orig\" lang=\"")
            .raw(original.code())
            .raw("\">")
            .text(section.title.get_or_other(original))
            .raw("</span> <span class=\"trans\" lang=\"")
            .raw(translation.code())
            .raw("\">")
            .text(section.title.get_or_other(translation))
            .raw("</span>");
        if section.untitled {
            h.raw(" <small>")
                .word(|l| strings(l).untitled_note)
                .raw("</small>");
        }
        h.raw("</h3>");
        for p in &section.paragraphs {
            number += 1;
            let here = anchored.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
            h.raw("<div class=\"para\" id=\"p")
                .num(number)
                .raw("\" data-paragraph=\"")
                .text(&p.id)
                .raw("\"><a class=\"num\" href=\"#p")
                .num(number)
                .raw("\" aria-label=\"¶")
                .num(number)
                .raw("\">¶")
                .num(number)
                .raw("</a><p class=\"orig\" lang=\"")
                .raw(original.code())
                .raw("\">");
            highlighted(h, cx, p.text(original), here);
            h.raw("</p><p class=\"trans\" lang=\"")
                .raw(translation.code())
                .raw("\">")
                .text(p.text(translation))
                .raw("</p>");
            let figs = figures_at.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
            if !here.is_empty() || !figs.is_empty() {
                h.raw("<p class=\"in-para\">");
                if !here.is_empty() {
                    h.word(|l| html_strings(l).in_text);
                    for &i in here {
                        h.raw(" ");
                        cx.node_link(h, &doc.nodes[i].id);
                    }
                }
                for &i in figs {
                    h.raw(" <a class=\"fig-link\" href=\"#fig")
                        .num(i + 1)
                        .raw("\">▦ ")
                        .word(|l| strings(l).figure_title)
                        .raw(" ")
                        .num(i + 1)
                        .raw("</a>");
                }
                h.raw("</p>");
            }
            h.raw("</div>");
        }
        h.raw("</section>");
    }
    h.raw("</section>");
}

fn relation_index(kind: RelationKind) -> usize {
    match kind {
        RelationKind::Supports => 0,
        RelationKind::Rebuts => 1,
        RelationKind::Undercuts => 2,
    }
}

fn relation_class(kind: RelationKind) -> &'static str {
    ["r-supports", "r-rebuts", "r-undercuts"][relation_index(kind)]
}

/// One step of drawing the tree without recursion (a deep chain in a
/// hostile file must not exhaust the stack).
enum Step<'a> {
    Open {
        node: usize,
        how: Option<&'a crate::model::Relation>,
        depth: usize,
    },
    Close,
}

fn map(h: &mut Html, cx: &Context<'_>) {
    let doc = cx.doc;
    open_section(h, "map", |l| html_strings(l).map_title)
        .raw("<p>")
        .word(|l| html_strings(l).map_intro)
        .raw("</p>");
    let thesis = doc.thesis.as_deref().and_then(|t| doc.node_index(t));
    let roots: Vec<usize> = match thesis {
        Some(t) => vec![t],
        None => {
            h.raw("<p>").word(|l| html_strings(l).no_thesis).raw("</p>");
            doc.nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.kind == NodeKind::Claim && doc.outgoing(&n.id).next().is_none())
                .map(|(i, _)| i)
                .collect()
        }
    };
    let mut seen: HashSet<usize> = HashSet::new();
    h.raw("<ul class=\"tree\">");
    let mut stack: Vec<Step<'_>> = roots
        .iter()
        .rev()
        .map(|&node| Step::Open {
            node,
            how: None,
            depth: 0,
        })
        .collect();
    while let Some(step) = stack.pop() {
        let (node, how, depth) = match step {
            Step::Close => {
                h.raw("</ul></details></li>");
                continue;
            }
            Step::Open { node, how, depth } => (node, how, depth),
        };
        let n = &doc.nodes[node];
        h.raw("<li class=\"")
            .raw(how.map_or("root", |r| relation_class(r.kind)))
            .raw("\">");
        let children: Vec<&crate::model::Relation> = if seen.contains(&node) || depth >= MAX_DEPTH {
            Vec::new()
        } else {
            doc.incoming(&n.id)
                .filter(|r| doc.node_index(&r.from).is_some())
                .collect()
        };
        let repeated = !seen.insert(node);
        if !children.is_empty() {
            h.raw("<details open><summary>");
        }
        tree_line(h, cx, node, how, depth == 0 && thesis == Some(node));
        if repeated {
            h.raw(" <span class=\"seen\">")
                .word(|l| html_strings(l).shown_above)
                .raw("</span>");
        }
        if children.is_empty() {
            h.raw("</li>");
            continue;
        }
        h.raw("</summary><ul>");
        stack.push(Step::Close);
        for r in children.into_iter().rev() {
            if let Some(from) = doc.node_index(&r.from) {
                stack.push(Step::Open {
                    node: from,
                    how: Some(r),
                    depth: depth + 1,
                });
            }
        }
    }
    h.raw("</ul>");
    let rest: Vec<usize> = (0..doc.nodes.len()).filter(|i| !seen.contains(i)).collect();
    if !rest.is_empty() {
        h.raw("<h3>")
            .word(|l| html_strings(l).not_under_thesis)
            .raw("</h3><ul class=\"rest\">");
        for i in rest {
            h.raw("<li>");
            tree_line(h, cx, i, None, false);
            for r in doc.outgoing(&doc.nodes[i].id) {
                h.raw(" <span class=\"rel ")
                    .raw(relation_class(r.kind))
                    .raw("\">")
                    .word(move |l| html_strings(l).relation_words[relation_index(r.kind)])
                    .raw("</span> ");
                cx.node_link(h, &r.to);
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
    h.raw("</section>");
}

/// A node's line in the tree: how it bears on its parent (glyph and word),
/// its label, its statement, and the reader's mark.
fn tree_line(
    h: &mut Html,
    cx: &Context<'_>,
    node: usize,
    how: Option<&crate::model::Relation>,
    thesis: bool,
) {
    let n = &cx.doc.nodes[node];
    if let Some(r) = how {
        h.raw("<span class=\"rel ")
            .raw(relation_class(r.kind))
            .raw("\">")
            .word(move |l| html_strings(l).relation_words[relation_index(r.kind)])
            .raw("</span> ");
        if let Some(link) = r.link.as_deref() {
            cx.node_link(h, link);
            h.raw(" ");
        }
    }
    if thesis {
        h.raw("<strong class=\"thesis\">")
            .word(|l| html_strings(l).thesis)
            .raw("</strong> ");
    }
    cx.node_link(h, &n.id);
    h.raw(" <span class=\"stmt\">")
        .bilingual(&n.text)
        .raw("</span>");
    if n.origin == crate::model::Origin::Editorial {
        h.raw(" <span class=\"ed\">✎ <span class=\"sr\">")
            .word(|l| strings(l).legend[3].1)
            .raw("</span></span>");
    }
    if let Some(m) = cx.marks.and_then(|m| m.by_node.get(&n.id))
        && let Some(s) = m.stance
    {
        h.raw(" ");
        stance_word(h, s);
    }
}

fn nodes(h: &mut Html, cx: &Context<'_>) {
    let doc = cx.doc;
    open_section(h, "nodes", |l| html_strings(l).nodes_title);
    for (i, n) in doc.nodes.iter().enumerate() {
        node_details(h, cx, i, n);
    }
    h.raw("</section>");
}

fn node_details(h: &mut Html, cx: &Context<'_>, i: usize, n: &Node) {
    let doc = cx.doc;
    let label = cx.label(i);
    h.raw("<article class=\"node ")
        .raw(kind_class(n.kind))
        .raw(if n.origin == crate::model::Origin::Reader {
            " own"
        } else {
            ""
        })
        .raw("\" id=\"")
        .text(label)
        .raw("\" data-node=\"")
        .text(&n.id)
        .raw("\"><h3><span class=\"label ")
        .raw(kind_class(n.kind))
        .raw("\">")
        .text(label)
        .raw("</span> ")
        .bilingual(&n.text)
        .raw("</h3><dl class=\"facts\"><div><dt>")
        .word(|l| html_strings(l).kind)
        .raw("</dt><dd>");
    kind_word(h, n.kind);
    if let Some(b) = n.basis.as_deref() {
        h.raw(" · ")
            .word(|l| strings(l).basis)
            .raw(": ")
            .both(basis_name(UiLang::En, b), basis_name(UiLang::Zh, b));
    }
    h.raw("</dd></div><div><dt>")
        .word(|l| html_strings(l).origin)
        .raw("</dt><dd>");
    match n.origin {
        crate::model::Origin::Article => h.word(|l| html_strings(l).from_article),
        crate::model::Origin::Editorial => h
            .raw("<span class=\"warn\">")
            .word(|l| html_strings(l).editorial)
            .raw("</span>"),
        crate::model::Origin::Reader => {
            let author = n.author.as_deref().unwrap_or("?");
            h.raw("<span class=\"own-by\">⊕ ").both(
                &fill(cli_strings(UiLang::En).od_own_by, &[author]),
                &fill(cli_strings(UiLang::Zh).od_own_by, &[author]),
            );
            h.raw("</span>")
        }
    };
    h.raw("</dd></div>");
    if let Some(q) = n.quote.as_deref().filter(|q| !q.is_empty()) {
        h.raw("<div><dt>")
            .word(|l| html_strings(l).quote)
            .raw("</dt><dd><blockquote lang=\"")
            .raw(doc.lang.code())
            .raw("\">")
            .text(q)
            .raw("</blockquote>");
        if doc.anchor(n).is_some() {
            h.raw(" <a href=\"#q-").text(label).raw("\">↑</a>");
        }
        h.raw("</dd></div>");
    }
    if !n.paragraphs.is_empty() {
        h.raw("<div><dt>")
            .word(|l| html_strings(l).paragraph)
            .raw("</dt><dd>");
        for (k, p) in n.paragraphs.iter().enumerate() {
            if k > 0 {
                h.raw(", ");
            }
            cx.paragraph_link(h, p);
        }
        h.raw("</dd></div>");
    }
    if !n.figures.is_empty() {
        h.raw("<div><dt>")
            .word(|l| html_strings(l).cites)
            .raw("</dt><dd>");
        for id in &n.figures {
            match cx.figure_numbers.get(id.as_str()).copied() {
                Some(f) => {
                    h.raw("<a href=\"#fig")
                        .num(f + 1)
                        .raw("\">▦ ")
                        .bilingual(&doc.figures[f].title)
                        .raw("</a> ");
                }
                None => {
                    h.raw("<code>").text(id).raw("</code> ");
                }
            }
        }
        h.raw("</dd></div>");
    }
    h.raw("</dl>");
    if !n.sourced {
        h.raw("<p class=\"warn\">")
            .word(|l| html_strings(l).unsourced)
            .raw("</p>");
    }
    if let Some(v) = &n.verify {
        h.raw("<p class=\"warn verify\">")
            .word(|l| html_strings(l).verify)
            .raw(" ")
            .bilingual(v)
            .raw("</p>");
    }
    if let Some(note) = n.note.as_deref() {
        h.raw("<p class=\"enc-note\"><strong>")
            .word(|l| html_strings(l).encoder_note)
            .raw(":</strong> ")
            .text(note)
            .raw("</p>");
    }
    relations(h, cx, n);
    if let Some(m) = cx.marks.and_then(|m| m.by_node.get(&n.id)) {
        h.raw("<div class=\"mine\">");
        mark_line(h, m);
        h.raw("</div>");
    }
    if let Some(c) = cx.class_by_node.get(n.id.as_str()) {
        h.raw("<div class=\"class-here\"><strong>")
            .word(|l| html_strings(l).class_split)
            .raw(":</strong> ");
        split(h, c);
        h.raw(" <a href=\"#class-")
            .text(label)
            .raw("\">↓</a></div>");
    }
    h.raw("</article>");
}

/// One of the catalogue's words, picked for a language.
type Word = fn(UiLang) -> &'static str;

/// What a node supports or attacks, and what supports or attacks it, as links.
fn relations(h: &mut Html, cx: &Context<'_>, n: &Node) {
    let doc = cx.doc;
    // What it does (supports, rebuts, undercuts), then what is done to it, in
    // the order of `RelationKind::ALL`.
    let doing: [Word; 3] = [
        |l| strings(l).supports,
        |l| strings(l).rebuts,
        |l| strings(l).undercuts,
    ];
    let done: [Word; 3] = [
        |l| strings(l).supported_by,
        |l| strings(l).rebutted_by,
        |l| strings(l).undercut_by,
    ];
    let groups: Vec<(Word, Vec<&crate::model::Relation>)> = RelationKind::ALL
        .iter()
        .zip(doing)
        .map(|(&k, w)| (w, doc.outgoing(&n.id).filter(|r| r.kind == k).collect()))
        .chain(
            RelationKind::ALL
                .iter()
                .zip(done)
                .map(|(&k, w)| (w, doc.incoming(&n.id).filter(|r| r.kind == k).collect())),
        )
        .collect();
    if groups.iter().all(|(_, rs)| rs.is_empty()) {
        return;
    }
    h.raw("<ul class=\"relations\">");
    for (k, (word, rs)) in groups.iter().enumerate() {
        if rs.is_empty() {
            continue;
        }
        let kind = RelationKind::ALL[k % 3];
        h.raw("<li class=\"")
            .raw(relation_class(kind))
            .raw("\"><span class=\"glyph\" aria-hidden=\"true\">")
            .raw(["+", "−", "⊘"][k % 3])
            .raw("</span> ")
            .word(*word)
            .raw(":");
        for r in rs {
            h.raw(" ");
            let (other, outgoing) = if k < 3 {
                (&r.to, true)
            } else {
                (&r.from, false)
            };
            cx.node_link(h, other);
            if let Some(link) = r.link.as_deref().filter(|_| outgoing) {
                h.raw(" → ");
                cx.node_link(h, link);
            }
        }
        h.raw("</li>");
    }
    h.raw("</ul>");
}

fn mark_line(h: &mut Html, m: &Mark) {
    h.raw("<strong>")
        .word(|l| html_strings(l).your_mark)
        .raw(":</strong> ");
    if let Some(s) = m.stance {
        stance_word(h, s);
    }
    if let Some(note) = m.note.as_deref().filter(|n| !n.trim().is_empty()) {
        h.raw(" <span class=\"note\"><em>")
            .word(|l| html_strings(l).your_note)
            .raw(":</em> ")
            .text(note)
            .raw("</span>");
    }
}

fn figures(h: &mut Html, cx: &Context<'_>) {
    let doc = cx.doc;
    open_section(h, "figures", |l| html_strings(l).figures_title);
    if doc.figures.is_empty() {
        h.raw("<p>").word(|l| strings(l).no_figures).raw("</p>");
    }
    let mut citing: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in doc.nodes.iter().enumerate() {
        for f in &n.figures {
            let nodes = citing.entry(f.as_str()).or_default();
            if nodes.last() != Some(&i) {
                nodes.push(i);
            }
        }
    }
    for (i, f) in doc.figures.iter().enumerate() {
        h.raw("<figure id=\"fig")
            .num(i + 1)
            .raw("\" data-figure=\"")
            .text(&f.id)
            .raw("\"><figcaption><span class=\"fig-kind\">");
        figure::kind_word(h, f);
        h.raw(" ")
            .num(i + 1)
            .raw("</span> ")
            .bilingual(&f.title)
            .raw(" · ");
        for (k, p) in f.paragraphs().enumerate() {
            if k > 0 {
                h.raw(", ");
            }
            cx.paragraph_link(h, p);
        }
        for &n in citing.get(f.id.as_str()).map_or(&[][..], Vec::as_slice) {
            h.raw(" ");
            cx.node_link(h, &doc.nodes[n].id);
        }
        h.raw("</figcaption>");
        figure::body(h, f);
        h.raw("</figure>");
    }
    h.raw("</section>");
}

/// Opens one of the page's sections: `<section id="ID">` labelled by its
/// `<h2 id="ID-title">` heading, which says `title`.
fn open_section<'h, 'w>(h: &'h mut Html<'w>, id: &'static str, title: Word) -> &'h mut Html<'w> {
    h.raw("<section id=\"")
        .raw(id)
        .raw("\" aria-labelledby=\"")
        .raw(id)
        .raw("-title\"><h2 id=\"")
        .raw(id)
        .raw("-title\">")
        .word(title)
        .raw("</h2>")
}

fn marks(h: &mut Html, cx: &Context<'_>) {
    let doc = cx.doc;
    open_section(h, "marks", |l| html_strings(l).marks_title);
    let Some(marks) = cx.marks else {
        h.raw("<p>")
            .word(|l| html_strings(l).marks_none_given)
            .raw("</p></section>");
        return;
    };
    if let Some(reader) = marks.reader.as_deref() {
        h.raw("<p>")
            .word(|l| html_strings(l).reader)
            .raw(": ")
            .text(reader)
            .raw("</p>");
    }
    if marks.by_node.is_empty() {
        h.raw("<p>").word(|l| html_strings(l).no_marks).raw("</p>");
    } else {
        // In the document's order; marks on nodes it no longer has last, kept and shown.
        let mut in_order: Vec<(usize, &Mark)> = marks
            .by_node
            .values()
            .map(|m| (doc.node_index(&m.node).unwrap_or(usize::MAX), &**m))
            .collect();
        in_order.sort_by_key(|(i, _)| *i);
        h.raw("<ul class=\"marks\">");
        for (i, m) in in_order {
            h.raw("<li>");
            if i == usize::MAX {
                h.raw("<code>")
                    .text(&m.node)
                    .raw("</code> ")
                    .text(&m.text)
                    .raw(" ");
                h.word(|l| html_strings(l).gone).raw(" ");
            } else {
                cx.node_link(h, &m.node);
                h.raw(" <span class=\"stmt\">")
                    .bilingual(&doc.nodes[i].text)
                    .raw("</span> ");
            }
            mark_line(h, m);
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
    own_arguments(h, cx, marks);
    h.raw("</section>");
}

/// The reader's own arguments: each as a link to its details with what it
/// answers, then those the document cannot place and why (they stay in the
/// marks file; only the page leaves them off the map).
fn own_arguments(h: &mut Html, cx: &Context<'_>, marks: &Marks) {
    let doc = cx.doc;
    if marks.additions().is_empty() {
        return;
    }
    h.raw("<h3 id=\"own\">")
        .word(|l| cli_strings(l).od_own_title)
        .raw("</h3><ul class=\"own-list\">");
    for a in marks.additions() {
        h.raw("<li>");
        match doc
            .node(&a.id)
            .filter(|n| n.origin == crate::model::Origin::Reader)
        {
            Some(_) => cx.node_link(h, &a.id),
            None => {
                h.raw("<code>").text(&a.id).raw("</code>");
            }
        }
        h.raw(" <span class=\"stmt\">")
            .bilingual(&a.text)
            .raw("</span>");
        for r in &a.relations {
            h.raw(" <span class=\"rel ")
                .raw(relation_class(r.kind))
                .raw("\">")
                .word(move |l| html_strings(l).relation_words[relation_index(r.kind)])
                .raw("</span> ");
            cx.node_link(h, &r.to);
            if let Some(link) = r.link.as_deref() {
                h.raw(" → ");
                cx.node_link(h, link);
            }
        }
        let troubles: Vec<&Orphan> = cx.orphans.iter().filter(|o| o.addition() == a.id).collect();
        if !troubles.is_empty() {
            h.raw("<ul class=\"orphans\">");
            for o in troubles {
                let (i, arg) = match o {
                    Orphan::IdTaken { .. } => (0, ""),
                    Orphan::Target { to, .. } => (1, to.as_str()),
                    Orphan::Anchor {
                        paragraph: Some(p), ..
                    } => (2, p.as_str()),
                    Orphan::Anchor {
                        paragraph: None, ..
                    } => (3, ""),
                };
                h.raw("<li class=\"warn\">⚠ ").both(
                    &fill(cli_strings(UiLang::En).od_orphans[i], &[arg]),
                    &fill(cli_strings(UiLang::Zh).od_orphans[i], &[arg]),
                );
                h.raw("</li>");
            }
            h.raw("</ul>");
        }
        h.raw("</li>");
    }
    h.raw("</ul>");
}

/// The class's split on a node as a bar of three parts and in words, so it
/// reads without colour.
fn split(h: &mut Html, c: &ClassNode) {
    let total = c.votes().max(1) as f64;
    let parts = [
        ("s-agree", c.agree),
        ("s-dispute", c.dispute),
        ("s-unsure", c.unsure),
    ];
    h.raw("<svg class=\"split\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">");
    let mut x = 0.0;
    for (class, n) in parts {
        let w = n as f64 / total * 100.0;
        if w > 0.0 {
            h.raw("<rect class=\"")
                .raw(class)
                .raw("\" x=\"")
                .coord(x)
                .raw("\" y=\"0\" width=\"")
                .coord(w)
                .raw("\" height=\"6\"/>");
        }
        x += w;
    }
    h.raw("</svg> <span class=\"counts\">✓ ")
        .num(c.agree)
        .raw(" ")
        .word(|l| strings(l).agree)
        .raw(" · ✗ ")
        .num(c.dispute)
        .raw(" ")
        .word(|l| strings(l).dispute)
        .raw(" · ? ")
        .num(c.unsure)
        .raw(" ")
        .word(|l| strings(l).unsure)
        .raw("</span>");
}

fn class(h: &mut Html, cx: &Context<'_>) {
    let doc = cx.doc;
    open_section(h, "class", |l| html_strings(l).class_title);
    let Some(class) = cx.class else {
        h.raw("<p>")
            .word(|l| html_strings(l).no_class)
            .raw("</p></section>");
        return;
    };
    h.raw("<p>")
        .word(|l| html_strings(l).class_intro)
        .raw("</p><p>")
        .word(|l| html_strings(l).class_readers)
        .raw(" (")
        .num(class.readers.len())
        .raw("): ");
    for (k, r) in class.readers.iter().enumerate() {
        if k > 0 {
            h.raw(", ");
        }
        h.text(r);
    }
    h.raw("</p><ol class=\"class\">");
    let mut by_split: Vec<&ClassNode> = class.nodes.iter().collect();
    by_split.sort_by_key(|n| (std::cmp::Reverse(n.contest()), std::cmp::Reverse(n.votes())));
    for c in by_split {
        h.raw("<li");
        if let Some(i) = doc.node_index(&c.node) {
            h.raw(" id=\"class-").text(cx.label(i)).raw("\"");
        }
        h.raw(">");
        match doc.node_index(&c.node) {
            Some(i) => {
                cx.node_link(h, &c.node);
                h.raw(" <span class=\"stmt\">")
                    .bilingual(&doc.nodes[i].text)
                    .raw("</span>");
            }
            None => {
                h.raw("<code>")
                    .text(&c.node)
                    .raw("</code> ")
                    .text(&c.text)
                    .raw(" ");
                h.word(|l| html_strings(l).gone);
            }
        }
        h.raw("<div>");
        split(h, c);
        h.raw("</div>");
        if !c.notes.is_empty() {
            h.raw("<ul class=\"notes\">");
            for note in &c.notes {
                h.raw("<li><strong>")
                    .text(&note.reader)
                    .raw(":</strong> ")
                    .text(&note.note)
                    .raw("</li>");
            }
            h.raw("</ul>");
        }
        h.raw("</li>");
    }
    h.raw("</ol>");
    class_additions(h, cx, class);
    h.raw("</section>");
}

/// The students' own arguments in the class: under the node each answers,
/// with who wrote it and how many classmates agreed with or disputed it.
/// Each has its label in the class's view (+C1…), as `stance class` shows it.
fn class_additions(h: &mut Html, cx: &Context<'_>, class: &ClassFile) {
    use crate::marks::class_additions::{grouped, overlay};
    if class.additions.is_empty() {
        return;
    }
    let doc = overlay(cx.doc, class);
    let labels = doc.labels();
    let label = |id: &str| doc.node_index(id).and_then(|i| labels.get(i));
    h.raw("<h3 id=\"class-own\">")
        .word(|l| cli_strings(l).od_class_title)
        .raw("</h3><ul class=\"class-own\">");
    for (to, list) in grouped(class, Some(&doc)) {
        h.raw("<li><p>");
        match to {
            Some(id) if cx.doc.node_index(id).is_some() => {
                let i = cx.doc.node_index(id).unwrap_or(0);
                cx.node_link(h, id);
                h.raw(" <span class=\"stmt\">")
                    .bilingual(&cx.doc.nodes[i].text)
                    .raw("</span>");
            }
            // Another student's argument, or a node the document lacks.
            Some(id) => {
                match (label(id), doc.node(id)) {
                    (Some(l), Some(n)) => h
                        .raw("<strong>")
                        .text(l)
                        .raw("</strong> <span class=\"stmt\">")
                        .bilingual(&n.text)
                        .raw("</span>"),
                    _ => h.raw("<code>").text(id).raw("</code>"),
                };
            }
            None => {
                h.word(|l| cli_strings(l).od_class_unattached);
            }
        }
        h.raw("</p><ul class=\"notes\">");
        for c in list {
            let a = &c.addition;
            h.raw("<li class=\"own ")
                .raw(kind_class(a.kind))
                .raw("\"><strong>")
                .text(label(&a.id).map_or(a.id.as_str(), String::as_str))
                .raw("</strong> ");
            if let Some(r) = a.relations.first() {
                h.raw("<span class=\"rel ")
                    .raw(relation_class(r.kind))
                    .raw("\">")
                    .word(move |l| html_strings(l).relation_words[relation_index(r.kind)])
                    .raw("</span> ");
            }
            h.raw("<span class=\"stmt\">")
                .bilingual(&a.text)
                .raw("</span>");
            if let Some(q) = a.quote.as_deref().filter(|q| !q.is_empty()) {
                h.raw(" <q lang=\"")
                    .raw(cx.doc.lang.code())
                    .raw("\">")
                    .text(q)
                    .raw("</q>");
            }
            let (agree, dispute) = (c.agree.to_string(), c.dispute.to_string());
            h.raw(" <span class=\"own-by\">⊕ ").both(
                &fill(
                    cli_strings(UiLang::En).od_class_by,
                    &[&c.reader, &agree, &dispute],
                ),
                &fill(
                    cli_strings(UiLang::Zh).od_class_by,
                    &[&c.reader, &agree, &dispute],
                ),
            );
            h.raw("</span></li>");
        }
        h.raw("</ul></li>");
    }
    h.raw("</ul>");
}
