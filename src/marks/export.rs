//! A reader's marks in other forms: a readable Markdown list, and W3C Web
//! Annotations whose selectors point into the article's text.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::additions::{Addition, Orphan, with_additions};
use super::{Mark, Marks, Stance};
use crate::model::Document;
use crate::text::{iri_segment, md_code, md_text};
use crate::tui::i18n::{UiLang, cli_strings, fill};

/// Formats `stance export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The marks file itself (`stance.marks/1`, or `/2` with the reader's own nodes).
    Json,
    /// A readable list: each marked node with its quote, stance, note and paragraph.
    Markdown,
    /// W3C Web Annotation JSON-LD (an AnnotationCollection).
    W3c,
    /// One self-contained HTML page: the article, the argument, the figures,
    /// the marks (and with `--class`, the class's split).
    Html,
}

/// Characters of context kept either side of a quote in a TextQuoteSelector.
const CONTEXT: usize = 32;

/// The marks as `format`.
pub fn export(doc: &Document, marks: &Marks, format: ExportFormat) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = export_to(doc, marks, format, UiLang::En, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes the marks as `format` to `out`; the W3C form is written as it is
/// made ([`write_w3c`]), never held whole in memory; the Markdown's own
/// words are in `lang`.
pub fn export_to(
    doc: &Document,
    marks: &Marks,
    format: ExportFormat,
    lang: UiLang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let overlay;
    let doc = if marks.additions.is_empty() {
        doc
    } else {
        overlay = with_additions(doc, marks);
        &overlay.doc
    };
    match format {
        ExportFormat::Json => out.write_all(marks.to_json(doc).as_bytes()),
        ExportFormat::Markdown => out.write_all(markdown_in(doc, marks, lang).as_bytes()),
        ExportFormat::W3c => write_w3c(doc, marks, out),
        ExportFormat::Html => crate::output::html::write_page(
            doc,
            crate::output::html::Sources {
                marks: Some(marks),
                class: None,
            },
            crate::output::html::Options {
                ui: lang,
                article: crate::output::PrintLang::Both,
            },
            out,
        ),
    }
}

/// Where a node is: `§2 ¶4 (s1p4)`.
fn place(doc: &Document, node: &str) -> Option<String> {
    let n = doc.node(node)?;
    let p = doc.anchor(n)?;
    let (s, i) = doc.paragraph_position(p)?;
    Some(format!("§{} ¶{} ({p})", s + 1, i + 1))
}

/// Where `node` sits in the article, as (section, paragraph): its own
/// paragraph, or for a node the article does not place (an editorial
/// rebuttal), the place of what it supports or attacks, a few steps out.
fn position(doc: &Document, node: &crate::model::Node) -> Option<(usize, usize)> {
    let mut n = node;
    for _ in 0..4 {
        if let Some(p) = doc.anchor(n).and_then(|p| doc.paragraph_position(p)) {
            return Some(p);
        }
        n = doc.outgoing(&n.id).find_map(|r| doc.node(&r.to))?;
    }
    None
}

/// The marks in reading order: by the paragraph each node is in, then by the
/// document's node order; nodes with no place in the article after those with
/// one, marks on nodes the document no longer has last.
/// Placed or not, section, paragraph, node: the order a reader meets a mark in.
type ReadingKey = (u8, u32, u32, u32);

fn reading_order(doc: &Document, marks: &Marks) -> Vec<std::sync::Arc<Mark>> {
    // Compact keys: this list is all the W3C export holds besides one annotation.
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut keyed: Vec<(ReadingKey, &std::sync::Arc<Mark>)> = marks
        .by_node
        .values()
        .enumerate()
        .map(|(i, m)| {
            let key = match doc.node_index(&m.node) {
                Some(at) => match position(doc, &doc.nodes[at]) {
                    Some((s, p)) => (0, narrow(s), narrow(p), narrow(at)),
                    None => (1, 0, 0, narrow(at)),
                },
                None => (2, 0, 0, narrow(i)),
            };
            (key, m)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed
        .into_iter()
        .map(|(_, m)| std::sync::Arc::clone(m))
        .collect()
}

/// A Markdown list of the marked nodes, in reading order, orphans last.
/// Everything that comes from a file or the command line is escaped
/// ([`md_text`], [`md_code`]), so no link, tag or fence reaches the reader.
pub fn markdown(doc: &Document, marks: &Marks) -> String {
    markdown_in(doc, marks, UiLang::En)
}

/// [`markdown`], its own words in `lang` (the nodes' text and quotes stay in the article's language).
pub fn markdown_in(doc: &Document, marks: &Marks, lang: UiLang) -> String {
    // The reader's own nodes are nodes like any other here (marked, placed,
    // labelled +C1…), and listed again, all of them, in a section of their own.
    let overlay = (!marks.additions.is_empty()).then(|| with_additions(doc, marks));
    let doc = overlay.as_ref().map_or(doc, |o| &o.doc);
    let s = cli_strings(lang);
    let file = marks.to_file(doc);
    let in_order = reading_order(doc, marks);
    let names = crate::output::names::Names::new(doc);
    let mut out = format!(
        "# {}\n\n",
        fill(s.ex_title, &[&md_text(doc.title.get_or_other(doc.lang))])
    );
    if let Some(r) = &file.reader {
        out.push_str(&format!("{}  \n", fill(s.ex_reader, &[&md_text(r)])));
    }
    out.push_str(&format!(
        "{}  \n{}\n",
        fill(s.ex_updated, &[&md_text(&file.updated)]),
        fill(
            s.ex_count,
            &[
                &marks.marked_count(doc).to_string(),
                &doc.nodes.len().to_string()
            ]
        )
    ));
    for m in in_order.iter().map(std::sync::Arc::as_ref) {
        out.push('\n');
        let node = doc.node(&m.node);
        let kind = node.map_or(s.ex_kinds[3], |n| match n.kind {
            crate::model::NodeKind::Claim => s.ex_kinds[0],
            crate::model::NodeKind::Evidence => s.ex_kinds[1],
            crate::model::NodeKind::Rebuttal => s.ex_kinds[2],
        });
        let stance = match m.stance {
            Some(Stance::Agree) => s.stance_agree,
            Some(Stance::Dispute) => s.stance_dispute,
            Some(Stance::Unsure) => s.stance_unsure,
            None => s.ex_note_only,
        };
        // The label a person knows the node by, the id beside it for finding it in files.
        let name = match names.label(doc, &m.node) {
            Some(label) => format!("{label} ({kind} {})", md_code(&m.node)),
            None => format!("{kind} {}", md_code(&m.node)),
        };
        out.push_str(&format!("## {name} — {stance}\n\n"));
        let text = node.map_or(m.text.as_str(), |n| n.text.get_or_other(doc.lang));
        out.push_str(&format!("{}\n\n", md_text(text)));
        if node.is_some_and(|n| n.origin == crate::model::Origin::Editorial) {
            out.push_str(&format!("*{}*\n\n", s.ex_editorial));
        }
        if let Some(author) = node
            .filter(|n| n.origin == crate::model::Origin::Reader)
            .and_then(|n| n.author.as_deref())
        {
            out.push_str(&format!("*{}*\n\n", fill(s.od_own_by, &[&md_text(author)])));
        }
        if let Some(q) = node.and_then(|n| n.quote.as_deref()).or(m.quote.as_deref()) {
            out.push_str(&format!("> {}\n\n", md_text(q)));
        }
        if let Some(note) = &m.note {
            out.push_str(&format!("{}\n\n", fill(s.ex_note, &[&md_text(note)])));
        }
        match place(doc, &m.node) {
            Some(p) => out.push_str(&format!("{}\n", fill(s.ex_paragraph, &[&md_text(&p)]))),
            None if node.is_none() => out.push_str(&format!("{}\n", s.ex_orphan)),
            None => {}
        }
    }
    if let Some(o) = &overlay {
        own_markdown(doc, marks, &o.orphans, &names, lang, &mut out);
    }
    out
}

/// The reader's own nodes, all of them, in the order they were added: each
/// with its text in both languages, quote, place, what it answers, note, and
/// why it is an orphan if it is one.
fn own_markdown(
    doc: &Document,
    marks: &Marks,
    orphans: &[Orphan],
    names: &crate::output::names::Names,
    lang: UiLang,
    out: &mut String,
) {
    let s = cli_strings(lang);
    out.push_str(&format!("\n# {}\n", s.od_own_title));
    for a in marks.additions() {
        let kind = match a.kind {
            crate::model::NodeKind::Claim => s.ex_kinds[0],
            crate::model::NodeKind::Evidence => s.ex_kinds[1],
            crate::model::NodeKind::Rebuttal => s.ex_kinds[2],
        };
        let label = names.label(doc, &a.id).unwrap_or("—");
        out.push_str(&format!(
            "\n## {} ({kind} {})\n\n",
            md_text(label),
            md_code(&a.id)
        ));
        for text in [&a.text.zh, &a.text.en] {
            if !text.is_empty() {
                out.push_str(&format!("{}\n\n", md_text(text)));
            }
        }
        if let Some(q) = &a.quote {
            out.push_str(&format!("> {}\n\n", md_text(q)));
        }
        for r in &a.relations {
            out.push_str(&format!(
                "- {}\n",
                md_text(&relation_words(doc, names, a, r, lang))
            ));
        }
        if !a.relations.is_empty() {
            out.push('\n');
        }
        if let Some(note) = &a.note {
            out.push_str(&format!("{}\n\n", fill(s.ex_note, &[&md_text(note)])));
        }
        if let Some(p) = place(doc, &a.id) {
            out.push_str(&format!("{}\n\n", fill(s.ex_paragraph, &[&md_text(&p)])));
        }
        for o in orphans.iter().filter(|o| o.addition() == a.id) {
            out.push_str(&format!("⚠ {}\n\n", md_text(&orphan_words(o, lang))));
        }
    }
}

/// What an addition's relation says, in `lang`: "rebuts C1 “…”".
pub fn relation_words(
    doc: &Document,
    names: &crate::output::names::Names,
    _a: &Addition,
    r: &super::additions::AdditionRelation,
    lang: UiLang,
) -> String {
    let s = cli_strings(lang);
    let to = names.short(doc, &r.to, lang.text_lang());
    match r.kind {
        crate::model::RelationKind::Supports => fill(s.od_relations[0], &[&to]),
        crate::model::RelationKind::Rebuts => fill(s.od_relations[1], &[&to]),
        crate::model::RelationKind::Undercuts => {
            let link = r
                .link
                .as_deref()
                .map_or_else(String::new, |l| names.label_or_id(doc, l));
            fill(s.od_relations[2], &[&names.label_or_id(doc, &r.to), &link])
        }
    }
}

/// Why an addition (or part of it) could not be placed, in `lang`.
pub fn orphan_words(o: &Orphan, lang: UiLang) -> String {
    let s = cli_strings(lang);
    let line = |t: &str| crate::text::sanitize_line(t).into_owned();
    match o {
        Orphan::IdTaken { .. } => s.od_orphans[0].to_string(),
        Orphan::Target { to, .. } => fill(s.od_orphans[1], &[&line(to)]),
        Orphan::Anchor {
            paragraph: Some(p), ..
        } => fill(s.od_orphans[2], &[&line(p)]),
        Orphan::Anchor {
            paragraph: None, ..
        } => s.od_orphans[3].to_string(),
    }
}

/// A TextQuoteSelector on the quoted words of a mark's node.
#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: String,
    suffix: String,
}

/// The quote of `m` with up to [`CONTEXT`] characters either side, from its paragraph.
fn quote_selector<'d>(doc: &'d Document, m: &Mark) -> Option<(&'d str, QuoteSelector<'d>)> {
    node_selector(doc, &m.node)
}

/// The quote of node `id` with up to [`CONTEXT`] characters either side, from its paragraph.
fn node_selector<'d>(doc: &'d Document, id: &str) -> Option<(&'d str, QuoteSelector<'d>)> {
    let node = doc.node(id)?;
    let quote = node.quote.as_deref()?;
    let pid = doc.anchor(node)?;
    let (_, para) = doc.paragraph(pid)?;
    selector_in(para.text(doc.lang), quote).map(|sel| (pid, sel))
}

/// An addition's own quote in its paragraph: in the article's language, or
/// in the translation when the reader quoted that.
fn addition_selector<'d>(
    doc: &'d Document,
    a: &'d Addition,
) -> Option<(&'d str, QuoteSelector<'d>)> {
    let (quote, pid) = (a.quote.as_deref()?, a.paragraph.as_deref()?);
    let (_, para) = doc.paragraph(pid)?;
    let pid = para.id.as_str();
    selector_in(para.text(doc.lang), quote)
        .or_else(|| selector_in(para.text(doc.lang.other()), quote))
        .map(|sel| (pid, sel))
}

/// `quote` in `text` with up to [`CONTEXT`] characters either side.
fn selector_in<'q>(text: &str, quote: &'q str) -> Option<QuoteSelector<'q>> {
    let at = text.find(quote)?;
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let suffix: String = text[at + quote.len()..].chars().take(CONTEXT).collect();
    Some(QuoteSelector {
        kind: "TextQuoteSelector",
        exact: quote,
        prefix: before[start..].to_string(),
        suffix,
    })
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    selector: Option<QuoteSelector<'a>>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<&'a Person<'a>>,
}

/// The annotations, made one at a time as they are written.
struct Items<'a> {
    doc: &'a Document,
    marks: &'a [std::sync::Arc<Mark>],
    base: &'a str,
    reader_base: &'a str,
    creator: Option<&'a Person<'a>>,
    /// The reader's own nodes, annotated after the marks.
    additions: &'a [std::sync::Arc<Addition>],
    /// Where their ids start: `…/readers/READER/additions`.
    additions_base: &'a str,
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = ser.serialize_seq(Some(self.marks.len() + self.additions.len()))?;
        for m in self.marks {
            let mut body = Vec::with_capacity(2);
            if let Some(s) = m.stance {
                body.push(Body {
                    kind: "TextualBody",
                    purpose: "tagging",
                    value: s.name(),
                    format: None,
                    language: None,
                });
            }
            if let Some(n) = &m.note {
                body.push(Body {
                    kind: "TextualBody",
                    purpose: "commenting",
                    value: n,
                    format: Some("text/plain"),
                    language: None,
                });
            }
            let base = self.base;
            let target = match quote_selector(self.doc, m) {
                Some((pid, selector)) => Target {
                    source: format!("{base}#{}", iri_segment(pid)),
                    selector: Some(selector),
                },
                None => Target {
                    source: format!("{base}#{}", iri_segment(&m.node)),
                    selector: None,
                },
            };
            seq.serialize_element(&Annotation {
                id: format!("{}/{}", self.reader_base, iri_segment(&m.node)),
                kind: "Annotation",
                // A note without a stance comments; a stance assesses.
                motivation: if m.stance.is_some() {
                    "assessing"
                } else {
                    "commenting"
                },
                created: &m.at,
                body,
                target,
                creator: self.creator,
            })?;
        }
        for a in self.additions {
            seq.serialize_element(&self.addition(a))?;
        }
        seq.end()
    }
}

impl<'a> Items<'a> {
    /// A reader's own node as an annotation: its text in the body (one
    /// TextualBody per language it is written in), its kind as a tag, its
    /// note as a description; the target is its own quote (a
    /// TextQuoteSelector on the paragraph) when it is anchored, else the
    /// quote of the node it answers, else that node or the document.
    /// Motivated `replying` when it answers a node that quotes the article,
    /// `commenting` otherwise.
    fn addition(&self, a: &'a Addition) -> Annotation<'a> {
        let (doc, base) = (self.doc, self.base);
        let answered = a.relations.iter().find_map(|r| doc.node(&r.to));
        let replying = a
            .relations
            .iter()
            .filter_map(|r| doc.node(&r.to))
            .any(|n| n.quote.is_some() && n.origin != crate::model::Origin::Reader);
        let motivation = if replying { "replying" } else { "commenting" };
        let mut body = Vec::with_capacity(4);
        for (text, code) in [(&a.text.zh, "zh"), (&a.text.en, "en")] {
            if !text.is_empty() {
                body.push(Body {
                    kind: "TextualBody",
                    purpose: motivation,
                    value: text,
                    format: Some("text/plain"),
                    language: Some(code),
                });
            }
        }
        body.push(Body {
            kind: "TextualBody",
            purpose: "tagging",
            value: a.kind.name(),
            format: None,
            language: None,
        });
        if let Some(n) = &a.note {
            body.push(Body {
                kind: "TextualBody",
                purpose: "describing",
                value: n,
                format: Some("text/plain"),
                language: None,
            });
        }
        let target = match addition_selector(doc, a)
            .or_else(|| answered.and_then(|n| node_selector(doc, &n.id)))
        {
            Some((pid, selector)) => Target {
                source: format!("{base}#{}", iri_segment(pid)),
                selector: Some(selector),
            },
            None => Target {
                source: match answered {
                    Some(n) => format!("{base}#{}", iri_segment(&n.id)),
                    None => base.to_string(),
                },
                selector: None,
            },
        };
        Annotation {
            id: format!("{}/{}", self.additions_base, iri_segment(&a.id)),
            kind: "Annotation",
            motivation,
            created: &a.created,
            body,
            target,
            creator: self.creator,
        }
    }
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    items: Items<'a>,
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page<'a>,
}

/// Writes the marks as a W3C Web Annotation collection to `out`, one
/// annotation at a time (100,000 marks need no more memory than one): each
/// mark an Annotation, motivated `assessing` when it has a stance and
/// `commenting` when it is a note alone, the stance as a tagging body, the
/// note as a commenting body, and a TextQuoteSelector on the quoted words.
///
/// Ids are unique per reader and mark, so a class's exports combine without
/// clashing: `urn:stance:DOC/readers/READER/marks/NODE`, each part
/// percent-encoded; a file without a reader's name is told apart by when it
/// was started.
///
/// The reader's own nodes follow, one annotation each, with ids
/// `…/readers/READER/additions/ID` (see `Items::addition`).
pub fn write_w3c(doc: &Document, marks: &Marks, out: &mut dyn Write) -> std::io::Result<()> {
    let overlay = (!marks.additions.is_empty()).then(|| with_additions(doc, marks));
    let doc = overlay.as_ref().map_or(doc, |o| &o.doc);
    let in_order = reading_order(doc, marks);
    let base = format!("urn:stance:{}", iri_segment(&doc.id));
    let who = match &marks.reader {
        Some(r) => iri_segment(r),
        None => format!("unnamed-{}", iri_segment(&marks.created)),
    };
    let reader_base = format!("{base}/readers/{who}/marks");
    let additions_base = format!("{base}/readers/{who}/additions");
    let creator = marks.reader.as_deref().map(|name| Person {
        kind: "Person",
        name,
    });
    let collection = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: reader_base.clone(),
        kind: "AnnotationCollection",
        label: format!("Marks on {}", doc.title.get_or_other(doc.lang)),
        total: in_order.len() + marks.additions.len(),
        first: Page {
            kind: "AnnotationPage",
            items: Items {
                doc,
                marks: &in_order,
                base: &base,
                reader_base: &reader_base,
                creator: creator.as_ref(),
                additions: &marks.additions,
                additions_base: &additions_base,
            },
        },
    };
    let mut w = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &collection).map_err(std::io::Error::other)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The W3C export as a JSON value, for programs that want to look inside it.
pub fn w3c(doc: &Document, marks: &Marks) -> Value {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail, and what is written is JSON.
    let _ = write_w3c(doc, marks, &mut bytes);
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}
