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
//! written as `-> See <its first number>`, as Kialo writes links. A branch
//! deeper than [`MAX_DEPTH`] is linked the same way and continued as a
//! top-level tree, so no line repeats more than that many ancestors.
//!
//! Nodes the thesis does not reach are not dropped: they head further
//! top-level trees numbered `2.`, `3.`…, each grown from a node that answers
//! no other unplaced node. stance's Kialo import reads these back.
//!
//! Text is on one line, with Kialo's Markdown escapes for `\ ( ) [ ]` and a
//! leading `->`; editorial nodes end with [`EDITORIAL_SUFFIX`].

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write;

use super::{EDITORIAL_SUFFIX, one_line, text_in, top_node};
use crate::model::{Document, Lang, Node, Origin, RelationKind};

/// How deep a tree may grow before its branch is continued as a new top-level
/// tree: Kialo numbers spell out the whole path (`1.1.1.…`), so a chain of
/// 20,000 replies would repeat its ancestors' numbers on every line, 400 MB in
/// all. Past this depth the node is written as a link, `-> See 7.`, and its
/// branch goes on under `7.`, which keeps every line short and the output
/// linear in the document.
pub const MAX_DEPTH: usize = 32;

/// The document as a Kialo discussion, node texts in `lang`.
pub fn write(doc: &Document, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write_to(doc, lang, &mut out);
    out
}

/// Writes the document as a Kialo discussion to `out` as it goes, holding no
/// more than the numbers already given out.
pub fn write_to(doc: &Document, lang: Lang, out: &mut dyn Write) -> std::fmt::Result {
    writeln!(
        out,
        "Discussion Title: {}\n",
        one_line(doc.title.get_or_other(lang))
    )?;
    let Some(top) = top_node(doc) else {
        return Ok(());
    };
    let mut w = Trees::new(doc, lang);
    w.tree(doc.node_index(&top.id).unwrap_or(0), "1.".into(), out)?;
    // Further trees for what the thesis does not reach, each from a node that
    // answers no other unplaced node where there is one (so trees are not
    // started from their leaves); found without rescanning the nodes per tree.
    loop {
        let root = match w.no_unplaced_target.first() {
            Some(&n) => n,
            None => {
                while w.first_unplaced < doc.nodes.len() && w.numbers[w.first_unplaced].is_some() {
                    w.first_unplaced += 1;
                }
                if w.first_unplaced == doc.nodes.len() {
                    break;
                }
                w.first_unplaced
            }
        };
        w.roots += 1;
        let number = format!("{}.", w.roots);
        w.tree(root, number, out)?;
    }
    Ok(())
}

/// The trees as they are written: the number each node got, and what is left to place.
struct Trees<'a> {
    doc: &'a Document,
    lang: Lang,
    /// Each node's number (by position), once written or reserved.
    numbers: Vec<Option<String>>,
    /// Top-level trees so far.
    roots: usize,
    /// For each node, how many of the nodes it answers are not placed yet.
    unplaced_targets: Vec<usize>,
    /// Unplaced nodes that answer no unplaced node, by position.
    no_unplaced_target: BTreeSet<usize>,
    /// No node before this one is unplaced.
    first_unplaced: usize,
    /// Each relation's ends as node positions.
    ends: Vec<(Option<usize>, Option<usize>)>,
    /// Relations arriving at each node, by position.
    incoming: Vec<Vec<usize>>,
}

impl<'a> Trees<'a> {
    fn new(doc: &'a Document, lang: Lang) -> Trees<'a> {
        let n = doc.nodes.len();
        let ends = doc.relation_ends();
        let mut unplaced_targets = vec![0; n];
        let mut incoming = vec![Vec::new(); n];
        for (r, &(from, to)) in ends.iter().enumerate() {
            if let (Some(from), Some(to)) = (from, to) {
                unplaced_targets[from] += 1;
                incoming[to].push(r);
            }
        }
        let no_unplaced_target = (0..n).filter(|&i| unplaced_targets[i] == 0).collect();
        Trees {
            doc,
            lang,
            numbers: vec![None; n],
            roots: 1,
            unplaced_targets,
            no_unplaced_target,
            first_unplaced: 0,
            ends,
            incoming,
        }
    }

    /// Gives node `n` its number, and counts it placed for those answering it.
    fn place(&mut self, n: usize, number: String) {
        if self.numbers[n].replace(number).is_some() {
            // Reserved for a continued branch: already counted.
            return;
        }
        self.no_unplaced_target.remove(&n);
        for &r in &self.incoming[n] {
            if let (Some(from), _) = self.ends[r] {
                self.unplaced_targets[from] = self.unplaced_targets[from].saturating_sub(1);
                if self.unplaced_targets[from] == 0 && self.numbers[from].is_none() {
                    self.no_unplaced_target.insert(from);
                }
            }
        }
    }

    /// Writes the tree under `root`, numbered from `number`, depth first; a
    /// branch deeper than [`MAX_DEPTH`] is linked and continued as a top-level
    /// tree of its own once this one is done.
    fn tree(&mut self, root: usize, number: String, out: &mut dyn Write) -> std::fmt::Result {
        let mut continued: Vec<(usize, String)> = vec![(root, number)];
        while let Some((root, number)) = continued.pop() {
            // An explicit stack, so a deep chain of replies cannot overflow the call stack.
            let mut stack: Vec<(usize, String, Option<&str>, usize)> =
                vec![(root, number, None, 0)];
            while let Some((node, number, side, depth)) = stack.pop() {
                let prefix = match side {
                    Some(side) => format!("{number} {side}: "),
                    None => format!("{number} "),
                };
                let reserved_root =
                    side.is_none() && self.numbers[node].as_deref() == Some(&number);
                if !reserved_root && let Some(first) = &self.numbers[node] {
                    writeln!(out, "{prefix}-> See {first}")?;
                    continue;
                }
                if depth > MAX_DEPTH {
                    self.roots += 1;
                    let top = format!("{}.", self.roots);
                    writeln!(out, "{prefix}-> See {top}")?;
                    self.place(node, top.clone());
                    continued.push((node, top));
                    continue;
                }
                let doc = self.doc;
                let n = &doc.nodes[node];
                writeln!(out, "{prefix}{}", claim_text(n, self.lang))?;
                self.place(node, number.clone());
                let mut children: Vec<(usize, &'static str)> = Vec::new();
                let mut answering = HashSet::new();
                for &r in &self.incoming[node] {
                    let (Some(from), _) = self.ends[r] else {
                        continue;
                    };
                    let side = match doc.relations[r].kind {
                        RelationKind::Supports => "Pro",
                        RelationKind::Rebuts => "Con",
                        // Undercutting several links from the same evidence, or
                        // rebutting it as well, is still one Con under it.
                        RelationKind::Undercuts if answering.contains(&from) => continue,
                        RelationKind::Undercuts => "Con",
                    };
                    answering.insert(from);
                    children.push((from, side));
                }
                for (i, (child, side)) in children.into_iter().enumerate().rev() {
                    stack.push((child, format!("{number}{}.", i + 1), Some(side), depth + 1));
                }
            }
        }
        Ok(())
    }
}

/// A node's text as a Kialo claim: one line, escaped, tagged when editorial.
fn claim_text(node: &Node, lang: Lang) -> String {
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
    if node.origin == Origin::Editorial {
        out.push_str(EDITORIAL_SUFFIX);
    }
    out
}
