//! The argument graph as a Kialo discussion in Kialo's plain-text export layout.
//!
//! ```text
//! Discussion Title: <title>
//!
//! 1. <thesis>
//! 1.1. Pro: <a node that supports the thesis>
//! 1.1.1. Con: <a node that rebuts or undercuts 1.1>
//! 1.2. Con: -> See 1.1.1.
//! ```
//!
//! Kialo is a tree: each claim is a Pro or Con of the one above it. The tree
//! grows from the thesis through incoming relations, in the document's
//! relation order: what supports a node is a Pro under it, what rebuts it a
//! Con. An undercut (an attack on the link between evidence and the claim it
//! supports) becomes a Con under the evidence — Kialo's own reading of a Con
//! on a Pro includes "this does not support the parent" — and is placed
//! under the evidence's first appearance. A node reached a second time is
//! written as `-> See <its first number>`, as Kialo writes links.
//!
//! Nodes the thesis does not reach are not dropped: they head further
//! top-level trees numbered `2.`, `3.`…, each grown from a node that answers
//! no other unplaced node. stance's Kialo import reads these back.
//!
//! Text is on one line, with Kialo's Markdown escapes for `\ ( ) [ ]` and a
//! leading `->`; editorial nodes end with [`EDITORIAL_SUFFIX`].
//!
//! A node that leans on a fact from outside the article gets a footnote, as
//! Kialo writes sources: a `[n]` marker after its text (before any editorial
//! suffix) and, at the end, `Sources:` with `[n] ⚑ Verify (outside the
//! article): …`. stance's Kialo import reads the footnote back as the node's note.

use std::collections::HashMap;
use std::fmt::Write;

use super::{EDITORIAL_SUFFIX, one_line, text_in, top_node};
use crate::model::{Document, Lang, Node, Origin, RelationKind};

/// The document as a Kialo discussion, node texts in `lang`.
pub fn write(doc: &Document, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Discussion Title: {}\n",
        one_line(doc.title.get_or_other(lang))
    );
    let Some(top) = top_node(doc) else {
        return out;
    };
    let mut numbers: HashMap<&str, String> = HashMap::new();
    let mut sources: Vec<String> = Vec::new();
    let mut roots = 1;
    tree(
        doc,
        top,
        "1.".into(),
        lang,
        &mut numbers,
        &mut sources,
        &mut out,
    );
    // Further trees for what the thesis does not reach, each from a node that
    // answers no other unplaced node where there is one (so trees are not
    // started from their leaves).
    loop {
        let unplaced: Vec<&Node> = doc
            .nodes
            .iter()
            .filter(|n| !numbers.contains_key(n.id.as_str()))
            .collect();
        let Some(first) = unplaced.first() else {
            break;
        };
        let answers_unplaced = |n: &Node| {
            doc.outgoing(&n.id)
                .any(|r| !numbers.contains_key(r.to.as_str()))
        };
        let root = unplaced
            .iter()
            .find(|n| !answers_unplaced(n))
            .unwrap_or(first);
        roots += 1;
        tree(
            doc,
            root,
            format!("{roots}."),
            lang,
            &mut numbers,
            &mut sources,
            &mut out,
        );
    }
    if !sources.is_empty() {
        out.push_str("\nSources:\n");
        for (i, s) in sources.iter().enumerate() {
            let _ = writeln!(out, "[{}] {VERIFY_LEAD}{s}", i + 1);
        }
    }
    out
}

/// What a verify footnote says before the fact to check.
pub const VERIFY_LEAD: &str = "⚑ Verify (outside the article): ";

/// Writes the tree under `root`, numbered from `number`, depth first.
fn tree<'a>(
    doc: &'a Document,
    root: &'a Node,
    number: String,
    lang: Lang,
    numbers: &mut HashMap<&'a str, String>,
    sources: &mut Vec<String>,
    out: &mut String,
) {
    // An explicit stack, so a deep chain of replies cannot overflow the call stack.
    let mut stack: Vec<(&Node, String, Option<&str>)> = vec![(root, number, None)];
    while let Some((node, number, side)) = stack.pop() {
        let prefix = match side {
            Some(side) => format!("{number} {side}: "),
            None => format!("{number} "),
        };
        if let Some(first) = numbers.get(node.id.as_str()) {
            let _ = writeln!(out, "{prefix}-> See {first}");
            continue;
        }
        numbers.insert(node.id.as_str(), number.clone());
        let _ = writeln!(out, "{prefix}{}", claim_text(node, lang, sources));
        let mut children: Vec<(&Node, &'static str)> = Vec::new();
        for r in doc.incoming(&node.id) {
            let side = match r.kind {
                RelationKind::Supports => "Pro",
                RelationKind::Rebuts => "Con",
                // Undercutting several links from the same evidence, or
                // rebutting it as well, is still one Con under it.
                RelationKind::Undercuts if children_has(&children, &r.from) => continue,
                RelationKind::Undercuts => "Con",
            };
            if let Some(child) = doc.node(&r.from) {
                children.push((child, side));
            }
        }
        for (i, (child, side)) in children.into_iter().enumerate().rev() {
            stack.push((child, format!("{number}{}.", i + 1), Some(side)));
        }
    }
}

fn children_has(children: &[(&Node, &str)], id: &str) -> bool {
    children.iter().any(|(n, _)| n.id == id)
}

/// A node's text as a Kialo claim: one line, escaped, with a footnote marker
/// when it has something to verify (added to `sources`), tagged when editorial.
fn claim_text(node: &Node, lang: Lang, sources: &mut Vec<String>) -> String {
    let text = one_line(text_in(node, lang));
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with("->") {
        out.push('\\');
    }
    for c in text.chars() {
        if matches!(c, '\\' | '(' | ')' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    if let Some(v) = &node.verify {
        sources.push(one_line(v.get_or_other(lang)));
        let _ = write!(out, " [{}]", sources.len());
    }
    if node.origin == Origin::Editorial {
        out.push_str(EDITORIAL_SUFFIX);
    }
    out
}
