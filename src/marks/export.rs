//! A reader's marks in other forms: a readable Markdown list, and W3C Web
//! Annotations whose selectors point into the article's text.

use serde_json::{Value, json};

use super::{Mark, Marks};
use crate::model::Document;
use crate::text::{iri_segment, md_code, md_text};

/// Formats `stance export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The marks file itself (`stance.marks/1`).
    Json,
    /// A readable list: each marked node with its quote, stance, note and paragraph.
    Markdown,
    /// W3C Web Annotation JSON-LD (an AnnotationCollection).
    W3c,
}

/// Characters of context kept either side of a quote in a TextQuoteSelector.
const CONTEXT: usize = 32;

/// The marks as `format`.
pub fn export(doc: &Document, marks: &Marks, format: ExportFormat) -> String {
    match format {
        ExportFormat::Json => marks.to_json(doc),
        ExportFormat::Markdown => markdown(doc, marks),
        ExportFormat::W3c => {
            let mut s = serde_json::to_string_pretty(&w3c(doc, marks)).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

/// Where a node is: `§2 ¶4 (s1p4)`.
fn place(doc: &Document, node: &str) -> Option<String> {
    let n = doc.node(node)?;
    let p = doc.anchor(n)?;
    let (s, i) = doc.paragraph_position(p)?;
    Some(format!("§{} ¶{} ({p})", s + 1, i + 1))
}

/// A Markdown list of the marked nodes, in the document's order, orphans last.
/// Everything that comes from a file or the command line is escaped
/// ([`md_text`], [`md_code`]), so no link, tag or fence reaches the reader.
pub fn markdown(doc: &Document, marks: &Marks) -> String {
    let file = marks.to_file(doc);
    let mut out = format!(
        "# Marks on “{}”\n\n",
        md_text(doc.title.get_or_other(doc.lang))
    );
    if let Some(r) = &file.reader {
        out.push_str(&format!("Reader: {}  \n", md_text(r)));
    }
    out.push_str(&format!(
        "Updated: {}  \n{} of {} nodes marked.\n",
        md_text(&file.updated),
        marks.marked_count(doc),
        doc.nodes.len()
    ));
    for m in &file.marks {
        out.push('\n');
        let node = doc.node(&m.node);
        let kind = node.map_or("node", |n| n.kind.name());
        let stance = m.stance.map_or("note only".to_string(), |s| {
            format!("{} {}", s.glyph(), s.name())
        });
        out.push_str(&format!("## {} {} — {stance}\n\n", kind, md_code(&m.node)));
        let text = node.map_or(m.text.as_str(), |n| n.text.get_or_other(doc.lang));
        out.push_str(&format!("{}\n\n", md_text(text)));
        if node.is_some_and(|n| n.origin == crate::model::Origin::Editorial) {
            out.push_str("*Editorial: added for debate, not in the article.*\n\n");
        }
        if let Some(q) = node.and_then(|n| n.quote.as_deref()).or(m.quote.as_deref()) {
            out.push_str(&format!("> {}\n\n", md_text(q)));
        }
        if let Some(note) = &m.note {
            out.push_str(&format!("Note: {}\n\n", md_text(note)));
        }
        match place(doc, &m.node) {
            Some(p) => out.push_str(&format!("Paragraph: {}\n", md_text(&p))),
            None if node.is_none() => {
                out.push_str("This node is no longer in the document; the mark is kept.\n")
            }
            None => {}
        }
    }
    out
}

/// The quote of `m` with up to [`CONTEXT`] characters either side, from its paragraph.
fn quote_selector(doc: &Document, m: &Mark) -> Option<(String, Value)> {
    let node = doc.node(&m.node)?;
    let quote = node.quote.as_deref()?;
    let pid = doc.anchor(node)?;
    let (_, para) = doc.paragraph(pid)?;
    let text = para.text(doc.lang);
    let at = text.find(quote)?;
    let before: Vec<char> = text[..at].chars().collect();
    let prefix: String = before[before.len().saturating_sub(CONTEXT)..]
        .iter()
        .collect();
    let suffix: String = text[at + quote.len()..].chars().take(CONTEXT).collect();
    Some((
        pid.to_string(),
        json!({ "type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix }),
    ))
}

/// The marks as a W3C Web Annotation collection: each mark an Annotation with
/// motivation `assessing`, the stance as a tagging body, the note as a
/// commenting body, and a TextQuoteSelector on the quoted words.
pub fn w3c(doc: &Document, marks: &Marks) -> Value {
    let file = marks.to_file(doc);
    let base = format!("urn:stance:{}", iri_segment(&doc.id));
    let creator = file
        .reader
        .as_ref()
        .map(|r| json!({ "type": "Person", "name": r }));
    let items: Vec<Value> = file
        .marks
        .iter()
        .map(|m| {
            let mut body = Vec::new();
            if let Some(s) = m.stance {
                body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": s.name() }));
            }
            if let Some(n) = &m.note {
                body.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": n, "format": "text/plain" }));
            }
            let target = match quote_selector(doc, m) {
                Some((pid, selector)) => json!({ "source": format!("{base}#{}", iri_segment(&pid)), "selector": selector }),
                None => json!({ "source": format!("{base}#{}", iri_segment(&m.node)) }),
            };
            let mut a = json!({
                "id": format!("{base}/marks/{}", iri_segment(&m.node)),
                "type": "Annotation",
                "motivation": "assessing",
                "created": m.at,
                "body": body,
                "target": target,
            });
            if let Some(c) = &creator {
                a["creator"] = c.clone();
            }
            a
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{base}/marks"),
        "type": "AnnotationCollection",
        "label": format!("Marks on {}", doc.title.get_or_other(doc.lang)),
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items },
    })
}
