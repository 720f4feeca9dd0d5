//! The field's other formats: stance's graph out as Argdown, AIF, Graphviz DOT and Kialo, and Kialo, AIF and Argdown JSON in.
//!
//! Every function here is pure: text in, text out. The command line decides
//! where the text comes from and goes.
//!
//! Decisions shared by all formats:
//!
//! * **Language.** A node has a text in two languages; the other formats hold
//!   one. Exports write the text in one language, by default the document's
//!   original ([`Document::lang`]), falling back to the translation where the
//!   original is empty. Each format's module has a `write` that takes the
//!   language instead. Argdown keeps the translation as well, in the
//!   statement's data (`{"en": "…"}`), because Argdown has a place for it and
//!   the Argdown JSON import reads it back; DOT puts it in the tooltip.
//! * **Editorial nodes** (added by the encoder, not the article) are tagged in
//!   every format: the Argdown tag `#editorial`, the suffix
//!   [`EDITORIAL_SUFFIX`] on the text in AIF and Kialo (the imports strip it
//!   and restore `origin: editorial`), and in DOT a dashed border with the word
//!   "editorial" in the label.
//! * **A reader's own nodes** (from a marks file, [`Origin::Reader`]) are
//!   tagged with the reader ([`reader_tag`]): `#own #ana` in Argdown, the
//!   suffix ` [ana]` on the text in AIF and Kialo, and in DOT a blue dotted
//!   border with "+C1 · by ana" in the label.
//! * **Imports** are described in [`import`].

pub mod aif;
pub mod argdown;
pub mod dot;
pub mod import;
pub mod kialo;

use crate::marks::Marks;
use crate::model::{Document, Lang, Node, NodeKind, Origin};

pub use import::{ImportFormat, Imported, detect, import, load_any, load_any_with};

/// Appended to the text of editorial nodes in formats without tags (AIF and Kialo).
pub const EDITORIAL_SUFFIX: &str = " [editorial]";

/// The reader a reader's own node is tagged with: their name as one word of
/// letters, digits, `-` and `_` (anything else becomes `-`), or `reader`.
/// `None` for the article's and the encoder's nodes.
pub fn reader_tag(node: &Node) -> Option<String> {
    if node.origin != Origin::Reader {
        return None;
    }
    let name: String = node
        .author
        .as_deref()
        .unwrap_or_default()
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-');
    Some(if name.is_empty() {
        "reader".into()
    } else {
        name.to_string()
    })
}

/// The suffix on a reader's own node's text in AIF and Kialo: ` [ana]`.
pub fn reader_suffix(node: &Node) -> Option<String> {
    reader_tag(node).map(|t| format!(" [{t}]"))
}

/// The document as Argdown, in its original language; `marks` become tags (`#agree`, `#dispute`, `#unsure`).
pub fn to_argdown(doc: &Document, marks: Option<&Marks>) -> String {
    argdown::write(doc, marks, doc.lang)
}

/// The document as AIF JSON (the layout AIFdb writes), in its original language.
pub fn to_aif(doc: &Document) -> String {
    aif::write(doc, doc.lang)
}

/// The document as a Graphviz DOT digraph, in its original language; `marks` fill the nodes.
pub fn to_dot(doc: &Document, marks: Option<&Marks>) -> String {
    dot::write(doc, marks, doc.lang)
}

/// The document as a Kialo plain-text discussion, in its original language.
pub fn to_kialo(doc: &Document) -> String {
    kialo::write(doc, doc.lang)
}

/// A node's text in `lang`, or in the other language when that one is empty.
fn text_in(node: &Node, lang: Lang) -> &str {
    node.text.get_or_other(lang)
}

/// `s` on one line: every run of whitespace (newlines included) becomes one space.
/// Sanitized as well (see [`crate::text::sanitize`]): documents are sanitized
/// when loaded, and exports do it again at their own boundary.
fn one_line(s: &str) -> String {
    crate::text::sanitize(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The node the formats put at the top: the document's thesis, or, when it
/// names none, the first claim that supports or attacks nothing (the top of
/// some tree), or else the first node.
fn top_node(doc: &Document) -> Option<&Node> {
    if let Some(t) = doc.thesis.as_deref().and_then(|t| doc.node(t)) {
        return Some(t);
    }
    doc.nodes
        .iter()
        .find(|n| n.kind == NodeKind::Claim && doc.outgoing(&n.id).next().is_none())
        .or_else(|| doc.nodes.first())
}

/// The nodes shown nowhere in the text, and each section's nodes, in document
/// order (one pass, so exports stay linear in the size of the document).
fn nodes_by_section(doc: &Document) -> (Vec<&Node>, Vec<Vec<&Node>>) {
    let mut nowhere = Vec::new();
    let mut sections = vec![Vec::new(); doc.sections.len()];
    for n in &doc.nodes {
        match doc
            .anchor(n)
            .and_then(|p| doc.paragraph_position(p))
            .and_then(|(s, _)| sections.get_mut(s))
        {
            Some(list) => list.push(n),
            None => nowhere.push(n),
        }
    }
    (nowhere, sections)
}
