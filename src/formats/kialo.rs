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
//! Text is on one line, control characters made visible. It is written in
//! Kialo's own syntax: a Markdown link `[label](url)` stays a link, and only
//! what would break the format is escaped — `\`, every other `[` and `]`
//! (which could pass for a footnote or the editorial tag) and a leading `->`
//! (which would be a link to another claim). Editorial nodes end with
//! [`EDITORIAL_SUFFIX`].
//!
//! Notes are footnotes, as Kialo writes sources: a `[n]` marker in the text
//! and, at the end, `Sources:` with one `[n] …` line per source.
//!
//! * A note line `[k] text` whose marker `[k]` is in the node's text (a source
//!   of a Kialo discussion, as stance's import keeps them) is that source
//!   again; the marker stays where it was in the text. Numbers run without a
//!   gap, so a discussion from Kialo keeps its own; where two sources share a
//!   number, or numbers skip, markers are renumbered with their sources.
//! * Any other note line gets a marker after the text (before any editorial
//!   suffix) and the source `[n] ✎ Note: …` ([`NOTE_LEAD`]).
//! * What the node leans on from outside the article gets a marker and the
//!   source `[n] ⚑ Verify (outside the article): …` ([`VERIFY_LEAD`]).
//!
//! stance's Kialo import reads all three back: the first as the note it was,
//! the other two as the note or `verify`, their markers taken out of the text.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use super::{EDITORIAL_SUFFIX, one_line, text_in, top_node};
use crate::model::{Document, Lang, Node, Origin, RelationKind};
use crate::text::sanitize_line;

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
        sanitize_line(&one_line(doc.title.get_or_other(lang)))
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
    if !w.sources.entries.is_empty() {
        out.write_str("\nSources:\n")?;
        for (n, s) in &w.sources.entries {
            writeln!(out, "[{n}] {}", sanitize_line(s))?;
        }
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
    /// The notes written as footnotes so far, for the `Sources:` list at the end.
    sources: Footnotes,
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
            sources: Footnotes::new(doc, lang),
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
                writeln!(
                    out,
                    "{prefix}{}",
                    claim_text(n, self.lang, &mut self.sources)
                )?;
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

/// A node's text as a Kialo claim: one line, escaped, its notes and what it
/// has to verify as footnotes (added to `sources`), tagged when editorial.
fn claim_text(node: &Node, lang: Lang, sources: &mut Footnotes) -> String {
    let text = one_line(text_in(node, lang));
    // The note's sources cited in the text keep their markers; the rest of
    // the note becomes footnotes of its own.
    let mut markers: HashMap<u64, u64> = HashMap::new();
    let mut own: Vec<String> = Vec::new();
    for line in node.note.as_deref().unwrap_or_default().lines() {
        match source_line(line) {
            Some((k, source)) if has_marker(&text, k) && !markers.contains_key(&k) => {
                let n = sources.cited(k, source);
                markers.insert(k, n);
            }
            _ if line.trim().is_empty() => {}
            _ => own.push(format!("{NOTE_LEAD}{}", one_line(line))),
        }
    }
    let text = sanitize_line(&text);
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with("->") {
        out.push('\\');
    }
    let mut rest: &str = &text;
    while let Some(c) = rest.chars().next() {
        if let Some(link) = link_len(rest) {
            out.push_str(&rest[..link]);
            rest = &rest[link..];
            continue;
        }
        if c == '[' {
            let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
            let close = 1 + digits;
            let k = rest[1..close].parse::<u64>().ok();
            if let Some(n) = k.and_then(|k| markers.get(&k))
                && rest[close..].starts_with(']')
                && !rest[close + 1..].starts_with('(')
            {
                let _ = write!(out, "[{n}]");
                rest = &rest[close + 1..];
                continue;
            }
        }
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if let Some(v) = &node.verify {
        let n = sources.fresh(format!("{VERIFY_LEAD}{}", one_line(v.get_or_other(lang))));
        let _ = write!(out, " [{n}]");
    }
    for note in own {
        let n = sources.fresh(note);
        let _ = write!(out, " [{n}]");
    }
    if node.origin == Origin::Editorial {
        out.push_str(EDITORIAL_SUFFIX);
    }
    if let Some(suffix) = super::reader_suffix(node) {
        out.push_str(&suffix);
    }
    out
}

/// The length of a Markdown link `[label](url)` at the start of `s`, which
/// Kialo shows as a link and stance's import keeps as it is: a label without
/// brackets or backslashes, a URL without spaces, brackets or backslashes
/// whose parentheses balance.
fn link_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('[')?;
    let label = rest.find([']', '[', '\\'])?;
    if label == 0 || !rest[label..].starts_with("](") {
        return None;
    }
    let url_start = 1 + label + 2;
    let mut depth = 0usize;
    for (i, c) in s[url_start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return (i > 0).then_some(url_start + i + 1),
            ')' => depth -= 1,
            // Stopping at the next bracket keeps the whole scan linear.
            '\\' | '[' | ']' => return None,
            c if c.is_whitespace() => return None,
            _ => {}
        }
    }
    None
}

/// What a verify footnote says before the fact to check.
pub const VERIFY_LEAD: &str = "⚑ Verify (outside the article): ";

/// What a footnote holding a node's note (other than a source of its own) says first.
pub const NOTE_LEAD: &str = "✎ Note: ";

/// The `Sources:` list as it is written.
///
/// Numbers run 1, 2, 3… without a gap, since Kialo's list (and stance's
/// import of it) counts on that: the document's own sources come first, in
/// the order of their numbers (so a discussion from Kialo keeps its numbers),
/// then what to verify and the other notes, in the order they are written.
struct Footnotes {
    /// The document's own sources (note lines `[k] text` whose marker is in
    /// the node's text), by `k`: the number written and the first text.
    reserved: HashMap<u64, (u64, String)>,
    /// What is written, by number.
    entries: BTreeMap<u64, String>,
    /// The lowest number that may be free.
    next: u64,
}

impl Footnotes {
    fn new(doc: &Document, lang: Lang) -> Footnotes {
        let mut found: HashMap<u64, String> = HashMap::new();
        for n in &doc.nodes {
            let Some(note) = &n.note else { continue };
            for (k, text) in note.lines().filter_map(source_line) {
                if has_marker(text_in(n, lang), k) {
                    found.entry(k).or_insert_with(|| one_line(text));
                }
            }
        }
        let mut numbers: Vec<u64> = found.keys().copied().collect();
        numbers.sort_unstable();
        let reserved: HashMap<u64, (u64, String)> = numbers
            .iter()
            .zip(1..)
            .map(|(&k, written)| (k, (written, found.remove(&k).unwrap_or_default())))
            .collect();
        Footnotes {
            next: reserved.len() as u64 + 1,
            reserved,
            entries: BTreeMap::new(),
        }
    }

    /// The number for the source `[k] text` cited in a text: its place among
    /// the document's sources, or a new one when another source has `k`.
    fn cited(&mut self, k: u64, text: &str) -> u64 {
        let text = one_line(text);
        match self.reserved.get(&k) {
            Some((written, first)) if *first == text => {
                self.entries.insert(*written, text);
                *written
            }
            _ => self.fresh(text),
        }
    }

    /// A new number for `text`, after the document's own sources.
    fn fresh(&mut self, text: String) -> u64 {
        while self.entries.contains_key(&self.next) {
            self.next += 1;
        }
        self.entries.insert(self.next, text);
        self.next
    }
}

/// `[12] text` → `(12, "text")`: a note line that is a Kialo source.
fn source_line(line: &str) -> Option<(u64, &str)> {
    let (k, rest) = line.strip_prefix('[')?.split_once(']')?;
    if k.is_empty() || k.len() > 9 || !k.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = rest.strip_prefix(' ')?.trim();
    if rest.is_empty() {
        return None;
    }
    Some((k.parse().ok()?, rest))
}

/// Whether `text` cites the footnote `[k]`: the marker, not followed by `(` (which makes a link).
fn has_marker(text: &str, k: u64) -> bool {
    let marker = format!("[{k}]");
    text.match_indices(&marker)
        .any(|(i, m)| !text[i + m.len()..].starts_with('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_whole() {
        let s = "[burden of proof](https://en.wikipedia.org/wiki/Burden_(philosophy)) rest";
        assert_eq!(link_len(s), Some(s.len() - " rest".len()));
        assert_eq!(link_len("[a](b c)"), None);
        assert_eq!(link_len("[a] (b)"), None);
        assert_eq!(link_len("[](b)"), None);
        assert_eq!(link_len("[a]()"), None);
        assert_eq!(link_len("[a[b](c)"), None);
        assert_eq!(link_len("[a](b"), None);
        assert_eq!(link_len("[a](b[c](d)"), None);
    }
}
