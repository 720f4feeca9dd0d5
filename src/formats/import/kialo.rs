//! Kialo's plain-text discussion exports, in both layouts seen in the wild.
//!
//! The older layout:
//!
//! ```text
//! Discussion Title: Should hate speech be legally protected?
//!
//! 1. Hate speech should be legally protected.
//! 1.1. Con: Hate speech is wrong, and should therefore be illegal \(as it is\).
//! 1.1.1. Pro: a claim whose text
//! goes on over several lines
//! 1.2. Con: -> See 1.1.
//! ```
//!
//! The newer layout: `Discussion Name:` with the title on the next line,
//! headers on lines of their own with the text on the following lines,
//! indented two spaces per level, `[n]` footnote markers, and a trailing
//! `Sources:` list:
//!
//! ```text
//! Discussion Name: hate-speech
//! Should hate speech be legally protected?
//!
//! 1. Thesis:
//!   Hate speech should be legally protected.
//!
//!   1.1. Con:
//!     Hate speech is wrong. [1]
//!
//! Sources:
//! [1] https://example.org/study
//! ```
//!
//! How it is read:
//!
//! * Either line ending; indentation is ignored, the numbers give the tree.
//! * A header is a number (`1.2.3.`) and a side (`Pro:`, `Con:`, `Thesis:`);
//!   the thesis is `1.` with or without `Thesis:`. A number with several
//!   parts but no side is an error; `2.`, `3.`… without a side start further
//!   top-level trees (stance's export writes those for nodes the thesis does
//!   not reach) unless the text above is itself a numbered list, in which
//!   case they are part of it. Any other line continues the claim above.
//! * Pros become claims supporting their parent, Cons rebuttals of it; a
//!   non-top `Thesis:` (Kialo's multi-thesis discussions) is a claim that
//!   answers nothing. Node ids are `c-` or `r-` and the number: `c-1.2`.
//! * `-> See 1.1.` is a link: the claim 1.1 itself supports or rebuts the
//!   parent, so no copy is made; claims under a link answer the linked claim.
//! * `[n]` markers point into `Sources:`; each node gets the sources it cites
//!   as its note, and the marker stays in the text — except a source that is
//!   stance's own "⚑ Verify (outside the article)" footnote, which becomes the
//!   node's `verify`, and one that is a "✎ Note: …" (stance's export of a
//!   node's note), which becomes a line of its note; their markers are taken
//!   out of the text. In `Sources:` a
//!   source starts only where the numbering continues the list, at the
//!   indentation of its first source; any other line (a numbered line in a
//!   quoted excerpt, say) continues the source above.
//! * Kialo escapes Markdown (`\(`, `\[`); the escapes are removed. A text
//!   ending in ` [editorial]` (stance's export) is an editorial node.
//! * Lines before the thesis (background information) become source notes.
//! * A title with nothing under it is an empty discussion (a warning); text
//!   under it with no numbered claim is an error.

use std::collections::HashMap;

use super::{Draft, DraftSection, label};
use crate::diag::{Diagnostic, Pos, Report};
use crate::formats::EDITORIAL_SUFFIX;
use crate::formats::kialo::{NOTE_LEAD, VERIFY_LEAD};
use crate::model::{NodeKind, RelationKind};

/// Widest label, in columns, for a section named after the claim heading its branch.
const SECTION_LABEL_WIDTH: usize = 40;

/// Which side of its parent an entry is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A top-level entry (`1.`, `2.`…).
    Root,
    /// A position in a multi-thesis discussion, answering nothing.
    Thesis,
    /// For the parent.
    Pro,
    /// Against the parent.
    Con,
}

/// One numbered entry as read.
#[derive(Debug)]
struct Entry {
    /// The number with its final dot: `1.2.`.
    number: String,
    side: Side,
    /// The entry above, by index; `None` for top-level entries.
    parent: Option<usize>,
    /// Text lines: the rest of the header line, then continuation lines.
    lines: Vec<String>,
    line: u64,
}

/// A header line, taken apart.
struct Header<'a> {
    number: &'a str,
    parts: usize,
    side: Option<Side>,
    rest: &'a str,
}

/// Reads a Kialo export into `draft`, reporting problems to `report`.
pub(super) fn read(text: &str, draft: &mut Draft, report: &mut Report) {
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l))
        .peekable();

    // The discussion's title line(s).
    while lines.next_if(|(_, l)| l.trim().is_empty()).is_some() {}
    let mut title = String::new();
    if let Some((_, first)) = lines.peek().copied() {
        let first = first.trim();
        if let Some(rest) = first.strip_prefix("Discussion Title:") {
            title = rest.trim().to_string();
            lines.next();
        } else if let Some(rest) = first.strip_prefix("Discussion Name:") {
            title = rest.trim().to_string();
            lines.next();
            while lines.next_if(|(_, l)| l.trim().is_empty()).is_some() {}
            if let Some(&(_, next)) = lines.peek()
                && header(next.trim()).is_none()
                && next.trim() != "Sources:"
            {
                if !title.is_empty() {
                    draft.notes.push(format!("Kialo discussion name: {title}"));
                }
                title = next.trim().to_string();
                lines.next();
            }
        }
    }
    draft.title = title;

    let mut entries: Vec<Entry> = Vec::new();
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut roots = 0usize;
    let mut background: Vec<String> = Vec::new();
    let mut sources = Sources::default();
    let mut in_sources = false;
    // Where the thesis was expected, for the message when there is none.
    let mut first_content = None;
    for (no, line) in lines {
        let trimmed = line.trim();
        if first_content.is_none() && !trimmed.is_empty() {
            first_content = Some(no);
        }
        if in_sources {
            sources.line(line);
            continue;
        }
        if trimmed == "Sources:" && !line.starts_with([' ', '\t']) {
            in_sources = true;
            continue;
        }
        let Some(h) = header(trimmed) else {
            continuation(&mut entries, &mut background, trimmed);
            continue;
        };
        let at = Pos::new(no, 0);
        let side = match (h.parts, h.side) {
            (1, Some(Side::Thesis)) => Side::Root,
            (1, None) if is_next_root(&h, roots, entries.last()) => Side::Root,
            (1, _) => {
                continuation(&mut entries, &mut background, trimmed);
                continue;
            }
            (_, None) => {
                report.push(
                    Diagnostic::error(at, format!("`{}` has no `Pro:` or `Con:`", h.number))
                        .hint("write the header as `1.2. Pro: …` or `1.2. Con: …`"),
                );
                Side::Con
            }
            (_, Some(side)) => side,
        };
        let parent = if side == Side::Root {
            roots += 1;
            None
        } else {
            let parent_number = parent_number(h.number);
            match by_number.get(parent_number) {
                Some(&p) => Some(p),
                None => {
                    report.push(
                        Diagnostic::error(
                            at,
                            format!(
                                "`{}` comes before any `{parent_number}` it could answer",
                                h.number
                            ),
                        )
                        .hint("every claim follows the claim it answers; check the numbering"),
                    );
                    None
                }
            }
        };
        if let Some(&first) = by_number.get(h.number) {
            let first_line = entries[first].line;
            report.push(Diagnostic::error(
                at,
                format!(
                    "`{}` is numbered twice (first at line {first_line})",
                    h.number
                ),
            ));
        } else {
            by_number.insert(h.number.to_string(), entries.len());
        }
        entries.push(Entry {
            number: h.number.to_string(),
            side,
            parent,
            lines: if h.rest.is_empty() {
                Vec::new()
            } else {
                vec![h.rest.to_string()]
            },
            line: no,
        });
    }
    draft.notes.extend(background);

    if entries.is_empty() && first_content.is_none() {
        // A title and nothing else (what stance's export writes for an empty
        // document): an empty discussion, read as one, with a word about it.
        report.push(
            Diagnostic::warning(
                Pos::new(1, 1),
                "no claims: the discussion has a title and nothing else, so the document is empty",
            )
            .hint("add the thesis as `1. …`, with its Pros and Cons under it"),
        );
        return;
    }
    if entries.is_empty() {
        report.push(
            Diagnostic::error(
                Pos::new(first_content.unwrap_or(1), 0),
                "no claims: a Kialo discussion lists its thesis as `1. …`",
            )
            .hint("export the discussion from Kialo as text, or check that this is one"),
        );
        return;
    }
    build(entries, &by_number, &sources.list, draft, report);
}

/// Turns the entries into nodes, relations and sections.
fn build(
    entries: Vec<Entry>,
    by_number: &HashMap<String, usize>,
    sources: &[(String, String)],
    draft: &mut Draft,
    report: &mut Report,
) {
    let texts: Vec<String> = entries.iter().map(|e| entry_text(&e.lines)).collect();
    // Links first, so that claims under a link can answer the linked claim.
    let mut links: Vec<Option<usize>> = vec![None; entries.len()];
    let mut is_link = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        let Some(target) = link_target(&texts[i]) else {
            continue;
        };
        is_link[i] = true;
        let at = Pos::new(e.line, 0);
        match target.and_then(|t| by_number.get(&t).copied()) {
            Some(t) if t == i => report.push(Diagnostic::warning(
                at,
                format!("`{}` links to itself; left out", e.number),
            )),
            Some(t) if e.side != Side::Root => links[i] = Some(t),
            Some(_) => report.push(Diagnostic::error(
                at,
                format!("the top-level `{}` is a link; it must be a claim", e.number),
            )),
            None => report.push(
                Diagnostic::error(
                    at,
                    format!(
                        "`{}` links to `{}`, and there is no claim with that number",
                        e.number,
                        texts[i].trim_start_matches("-> See").trim()
                    ),
                )
                .hint("a link reads `-> See 1.2.`, naming a claim of this discussion"),
            ),
        }
    }
    // A link to a link is a link to what that one names. Each entry's end is
    // found once and remembered, so a chain of links costs its length, not its
    // square; the links of a loop lead nowhere.
    let ends = link_ends(&links);
    let resolve = |i: usize| -> Option<usize> { ends.get(i).copied().flatten() };

    let mut node_of: Vec<Option<usize>> = vec![None; entries.len()];
    let mut section_of: Vec<Option<usize>> = vec![None; entries.len()];
    let mut first_root: Option<usize> = None;
    for (i, e) in entries.iter().enumerate() {
        let at = Pos::new(e.line, 0);
        // The section: a new one for each top-level entry and each answer to
        // one, else the section of the entry above.
        let parent_is_root = e
            .parent
            .is_some_and(|p| entries[p].side == Side::Root && Some(p) == first_root);
        section_of[i] = if e.side == Side::Root || parent_is_root || e.parent.is_none() {
            let title = if e.side == Side::Root && first_root.is_none() && !draft.title.is_empty() {
                draft.title.clone()
            } else {
                format!(
                    "{} {}",
                    e.number,
                    label(&unescape(&texts[i]), SECTION_LABEL_WIDTH)
                )
            };
            draft.sections.push(DraftSection {
                title: Some(title),
                untitled: true,
                nodes: Vec::new(),
            });
            Some(draft.sections.len() - 1)
        } else {
            e.parent.and_then(|p| section_of[p])
        };
        if is_link[i] {
            continue;
        }
        if texts[i].is_empty() {
            report.push(Diagnostic::error(at, format!("`{}` has no text", e.number)));
            continue;
        }
        let (raw, editorial) = match texts[i].strip_suffix(EDITORIAL_SUFFIX) {
            Some(rest) => (rest, true),
            None => (texts[i].as_str(), false),
        };
        let kind = match e.side {
            Side::Con => NodeKind::Rebuttal,
            _ => NodeKind::Claim,
        };
        let prefix = if kind == NodeKind::Rebuttal { "r" } else { "c" };
        let number = e.number.trim_end_matches('.');
        // A footnote stance's export writes for a node's `verify` or note is a
        // remark on the node, not part of its text: its marker is taken out.
        let markers = footnotes(raw);
        let mut text = raw.to_string();
        for marker in &markers {
            if sources.iter().any(|(k, source)| {
                k == marker && (source.starts_with(VERIFY_LEAD) || source.starts_with(NOTE_LEAD))
            }) {
                text = text.replacen(&format!(" [{marker}]"), "", 1);
            }
        }
        let n = draft.add_node(
            &format!("{prefix}-{number}"),
            kind,
            &unescape(&text),
            editorial,
            at,
        );
        for marker in markers {
            match sources.iter().find(|(k, _)| *k == marker) {
                Some((_, source)) if source.starts_with(VERIFY_LEAD) => {
                    draft.nodes[n].verify = Some(source[VERIFY_LEAD.len()..].to_string())
                }
                Some((_, source)) if source.starts_with(NOTE_LEAD) => draft.nodes[n]
                    .notes
                    .push(source[NOTE_LEAD.len()..].to_string()),
                Some((k, source)) => draft.nodes[n].notes.push(format!("[{k}] {source}")),
                None => report.push(Diagnostic::warning(
                    at,
                    format!("footnote [{marker}] has no entry under `Sources:`"),
                )),
            }
        }
        node_of[i] = Some(n);
        if let Some(s) = section_of[i] {
            draft.sections[s].nodes.push(n);
        }
        if e.side == Side::Root && first_root.is_none() {
            first_root = Some(i);
            draft.thesis = Some(n);
        }
    }

    for (i, e) in entries.iter().enumerate() {
        let kind = match e.side {
            Side::Pro => RelationKind::Supports,
            Side::Con => RelationKind::Rebuts,
            Side::Root | Side::Thesis => continue,
        };
        let from = resolve(i).and_then(|x| node_of[x]);
        let to = e.parent.and_then(resolve).and_then(|x| node_of[x]);
        match (from, to) {
            (Some(from), Some(to)) => draft.relate(from, to, kind, None, Pos::new(e.line, 0)),
            // A link that leads to no claim (a loop of links, or a chain
            // ending at a link already left out) is said once, where it is.
            (None, _) if is_link[i] && links[i].is_some() => report.push(
                Diagnostic::warning(
                    Pos::new(e.line, 0),
                    format!(
                        "`{}` links to `{}`, which leads round a loop of links or to a link left out, never to a claim; left out",
                        e.number,
                        links[i].map_or("", |t| entries[t].number.as_str())
                    ),
                )
                .hint("point the link at the claim itself: `-> See 1.2.`"),
            ),
            (Some(_), None) if e.parent.is_some_and(|p| is_link[p]) => report.push(
                Diagnostic::warning(
                    Pos::new(e.line, 0),
                    format!(
                        "`{}` answers the link `{}`, which leads to no claim; left out",
                        e.number,
                        e.parent.map_or("", |p| entries[p].number.as_str())
                    ),
                )
                .hint("point the link at the claim itself: `-> See 1.2.`"),
            ),
            _ => {}
        }
    }
}

/// For each entry, the entry its chain of links ends at (itself when it is no
/// link), or `None` when the chain goes round a loop. Each entry is visited
/// once: a chain is walked, then every link on it is given its end.
fn link_ends(links: &[Option<usize>]) -> Vec<Option<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; links.len()];
    let mut ends: Vec<Option<usize>> = vec![None; links.len()];
    let mut path = Vec::new();
    for start in 0..links.len() {
        let mut i = start;
        let end = loop {
            match state[i] {
                State::Done => break ends[i],
                State::OnPath => break None,
                State::New => {}
            }
            state[i] = State::OnPath;
            path.push(i);
            match links[i] {
                Some(t) if t < links.len() => i = t,
                Some(_) => break None,
                None => break Some(i),
            }
        };
        for p in path.drain(..) {
            state[p] = State::Done;
            ends[p] = end;
        }
    }
    ends
}

/// Takes a header line apart: `1.2.3. Pro: text` → number `1.2.3.`, 3 parts, Pro, `text`.
fn header(line: &str) -> Option<Header<'_>> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            break;
        }
        if bytes.get(i) != Some(&b'.') {
            return None;
        }
        i += 1;
        parts += 1;
    }
    if parts == 0 || bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
        return None;
    }
    let number = &line[..i];
    let rest = line[i..].trim_start();
    let mut side = None;
    let mut text = rest;
    for (word, s) in [
        ("Pro:", Side::Pro),
        ("Con:", Side::Con),
        ("Thesis:", Side::Thesis),
    ] {
        if rest
            .get(..word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
        {
            side = Some(s);
            text = rest[word.len()..].trim_start();
            break;
        }
    }
    Some(Header {
        number,
        parts,
        side,
        rest: text,
    })
}

/// Whether a side-less `N.` starts the next top-level tree: N follows the
/// last root, and the text above is not a numbered list that N continues.
fn is_next_root(h: &Header<'_>, roots: usize, above: Option<&Entry>) -> bool {
    let n: usize = h.number.trim_end_matches('.').parse().unwrap_or(0);
    if n != roots + 1 {
        return false;
    }
    let previous = format!("{}.", n.saturating_sub(1));
    !above.is_some_and(|e| {
        e.lines.iter().any(|l| {
            l.strip_prefix(previous.as_str())
                .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
    })
}

/// `1.2.3.` → `1.2.`
fn parent_number(number: &str) -> &str {
    let body = &number[..number.len().saturating_sub(1)];
    body.rfind('.').map_or("", |i| &number[..=i])
}

/// A line that is not a header: more text for the entry above, or background before the first.
fn continuation(entries: &mut [Entry], background: &mut Vec<String>, line: &str) {
    match entries.last_mut() {
        Some(e) => e.lines.push(line.to_string()),
        None if !line.is_empty() => background.push(line.to_string()),
        None => {}
    }
}

/// An entry's text: its lines joined, blank lines at either end dropped.
fn entry_text(lines: &[String]) -> String {
    lines.join("\n").trim().to_string()
}

/// For `-> See 1.2.`: `Some(Some("1.2."))`; for a malformed link `Some(None)`; for a claim `None`.
fn link_target(text: &str) -> Option<Option<String>> {
    let rest = text.strip_prefix("-> See")?.trim();
    let number = if rest.ends_with('.') {
        rest.to_string()
    } else {
        format!("{rest}.")
    };
    let whole = header(&number).is_some_and(|h| h.number.len() == number.len());
    Some(whole.then_some(number))
}

/// The `Sources:` list as it is read: `(number, text)` in order.
///
/// A source starts with `[n]`, `[n]:` or `n.` — but only where `n` continues
/// the numbering (one more than the source above; the first may have any
/// number) and the line is indented as the first source was. Any other line,
/// a numbered line inside a source's excerpt included, continues the source
/// above, so a `3.` in a quoted passage neither cuts the source short nor
/// takes the place of the real source 3.
#[derive(Debug, Default)]
struct Sources {
    list: Vec<(String, String)>,
    /// The indentation of the first source, in bytes of leading whitespace.
    indent: Option<usize>,
}

impl Sources {
    fn line(&mut self, line: &str) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return;
        }
        let indent = line.len() - line.trim_start().len();
        let numbered = trimmed
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .or_else(|| trimmed.split_once('.'))
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let continues = |n: &str| match self.list.last() {
            None => true,
            Some((last, _)) => match (last.parse::<u64>(), n.parse::<u64>()) {
                (Ok(last), Ok(n)) => last.checked_add(1) == Some(n),
                _ => false,
            },
        };
        let starts = numbered
            .filter(|(n, _)| continues(n) && self.indent.is_none_or(|first| first == indent));
        match (starts, self.list.last_mut()) {
            (Some((n, rest)), _) => {
                let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
                self.indent.get_or_insert(indent);
                self.list.push((n.to_string(), rest.to_string()));
            }
            (None, Some((_, text))) => {
                text.push(' ');
                text.push_str(trimmed);
            }
            (None, None) => {}
        }
    }
}

/// The footnote numbers `[n]` cited in raw (still escaped) text, in order,
/// each once; `\[1\]` is escaped text and `[1](url)` a link, neither a footnote.
fn footnotes(raw: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == b'[' {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let close = i + 1 + digits;
            if digits > 0 && bytes.get(close) == Some(&b']') && bytes.get(close + 1) != Some(&b'(')
            {
                let n = raw[i + 1..close].to_string();
                if !found.contains(&n) {
                    found.push(n);
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Removes Kialo's Markdown escapes: a backslash before ASCII punctuation.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_taken_apart() {
        let h = header("1.2.3. Pro: text").unwrap();
        assert_eq!(
            (h.number, h.parts, h.side, h.rest),
            ("1.2.3.", 3, Some(Side::Pro), "text")
        );
        let h = header("1. Thesis:").unwrap();
        assert_eq!((h.number, h.side, h.rest), ("1.", Some(Side::Thesis), ""));
        assert!(header("1.5 percent of it").is_none());
        assert!(header("1.2.x").is_none());
        assert!(header("Pro: x").is_none());
    }

    #[test]
    fn chains_of_links_end_at_their_claim_and_loops_nowhere() {
        // 0 is a claim; 1 → 0; 2 → 1; 3 → 4 → 3 loops; 5 → 3 leads into it.
        let links = [None, Some(0), Some(1), Some(4), Some(3), Some(3)];
        assert_eq!(
            link_ends(&links),
            [Some(0), Some(0), Some(0), None, None, None]
        );
    }

    #[test]
    fn parents_and_links() {
        assert_eq!(parent_number("1.2.3."), "1.2.");
        assert_eq!(parent_number("1."), "");
        assert_eq!(link_target("-> See 1.1.5."), Some(Some("1.1.5.".into())));
        assert_eq!(link_target("-> See 1.1"), Some(Some("1.1.".into())));
        assert_eq!(link_target("-> See there"), Some(None));
        assert_eq!(link_target("a claim"), None);
    }

    #[test]
    fn footnotes_skip_escapes_and_links() {
        assert_eq!(
            footnotes("a [1] b [2](http://x) \\[3\\] [1] [12]"),
            ["1", "12"]
        );
    }

    #[test]
    fn sources_start_only_where_the_numbering_continues() {
        let mut sources = Sources::default();
        for line in [
            "[1] One",
            "  2. quoted",
            "[3] not next",
            "[2] Two",
            "[99999999999999999999999] huge",
            "[99999999999999999999999] again",
        ] {
            sources.line(line);
        }
        let numbers: Vec<&str> = sources.list.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(numbers, ["1", "2"]);
        assert_eq!(sources.list[0].1, "One 2. quoted [3] not next");
    }

    #[test]
    fn escapes_are_removed() {
        assert_eq!(unescape("\\(a\\) \\[b\\] c\\\\d \\中"), "(a) [b] c\\d \\中");
    }
}
