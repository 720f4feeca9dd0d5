//! What `argdown json` writes: statements, arguments, relations and sections.
//!
//! * Statements (equivalence classes) and arguments become nodes, in the
//!   order they first appear; the id is the title (spaces become `-`), the
//!   text the first non-empty text of a member with its tags removed (an
//!   argument's is its description, or its title when it has none).
//! * Kinds: the tags `#claim`, `#evidence`, `#rebuttal`; otherwise a node
//!   that attacks or undercuts and supports nothing is a rebuttal, the rest
//!   claims. `#editorial` makes it editorial, `#thesis` the thesis.
//! * Relations keep their kind: support and entails → supports; attack and
//!   contrary → rebuts; contradictory → rebuts both ways; undercut →
//!   undercuts. An undercut of an argument attacks the link from the argument
//!   to its main conclusion; of a statement, the link named in the
//!   undercutting statement's data (`{"undercuts": [{"to", "link"}]}`, which
//!   stance's Argdown export writes), else the one thing it supports.
//! * An argument's premise–conclusion structure: each premise (and
//!   intermediary conclusion) supports the argument, and the argument its
//!   main conclusion.
//! * Sections (headings, nested ones flattened in order) become sections;
//!   nodes defined under no heading go in a section of their own.
//! * Data `"zh"` / `"en"` give the text in that language (stance's export
//!   puts the translation there); data `"note"` is the node's note (each
//!   different one once, when members repeat it).

use std::collections::HashMap;

use serde::Deserialize;

use super::json::{Lenient, Spanned, parse, pos};
use super::{Draft, DraftSection};
use crate::diag::{Diagnostic, Pos, Report};
use crate::model::{Lang, NodeKind, RelationKind};

#[derive(Deserialize)]
struct File {
    statements: Option<HashMap<String, Spanned<Class>>>,
    arguments: Option<HashMap<String, Spanned<Class>>>,
    #[serde(default)]
    relations: Vec<Spanned<Rel>>,
    #[serde(default)]
    sections: Vec<Sec>,
}

/// A statement's equivalence class or an argument: the parts the import reads.
#[derive(Deserialize)]
struct Class {
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    pcs: Vec<Pcs>,
    data: Option<Lenient<Data>>,
}

#[derive(Deserialize)]
struct Member {
    text: Option<Lenient<String>>,
    /// Where the text's links (and tags) are: Argdown gives a link's words in
    /// the text and its address here.
    #[serde(default)]
    ranges: Vec<Lenient<Span>>,
    #[serde(rename = "startLine")]
    start_line: Option<Lenient<u64>>,
    #[serde(default)]
    tags: Vec<Lenient<String>>,
    section: Option<Lenient<String>>,
    data: Option<Lenient<Data>>,
}

/// A marked stretch of a member's text, in UTF-16 code units, `stop` included.
#[derive(Deserialize)]
struct Span {
    #[serde(rename = "type")]
    kind: Option<String>,
    start: Option<u64>,
    stop: Option<u64>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Pcs {
    title: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize, Default)]
struct Data {
    zh: Option<Lenient<String>>,
    en: Option<Lenient<String>>,
    undercuts: Option<Lenient<Vec<Lenient<Link>>>>,
    note: Option<Lenient<String>>,
}

#[derive(Deserialize)]
struct Link {
    to: String,
    link: String,
}

#[derive(Deserialize)]
struct Rel {
    #[serde(rename = "relationType")]
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(rename = "fromType")]
    from_type: Option<String>,
    #[serde(rename = "toType")]
    to_type: Option<String>,
}

#[derive(Deserialize)]
struct Sec {
    id: Option<String>,
    title: Option<String>,
    #[serde(default)]
    children: Vec<Sec>,
}

/// A statement or argument on its way to becoming a node.
struct Item<'a> {
    title: &'a str,
    argument: bool,
    class: &'a Class,
    at: Pos,
}

/// Reads Argdown JSON into `draft`, reporting problems to `report`.
pub(super) fn read(text: &str, draft: &mut Draft, report: &mut Report) {
    let file: File = match parse(text) {
        Ok(f) => f,
        Err(d) => {
            report.push(d);
            return;
        }
    };
    if file.statements.is_none() && file.arguments.is_none() {
        report.push(
            Diagnostic::error(
                Pos::new(1, 1),
                "no `statements` or `arguments`: this is not what `argdown json` writes",
            )
            .hint("make it with `argdown json --stdout FILE.argdown`"),
        );
        return;
    }
    let empty = HashMap::new();
    let statements = file.statements.as_ref().unwrap_or(&empty);
    let arguments = file.arguments.as_ref().unwrap_or(&empty);
    if statements.is_empty() && arguments.is_empty() {
        report.push(
            Diagnostic::warning(
                Pos::new(1, 1),
                "no statements or arguments: the map is empty, and so is the document",
            )
            .hint("check that the Argdown file defines statements, such as `[Title]: text`"),
        );
    }

    // The order of first appearance is the order in the file.
    let mut items: Vec<Item<'_>> = statements
        .iter()
        .map(|(t, c)| (t, c, false))
        .chain(arguments.iter().map(|(t, c)| (t, c, true)))
        .map(|(title, c, argument)| Item {
            title,
            argument,
            class: &c.value,
            at: pos(c),
        })
        .collect();
    // Argdown's own line numbers give the order of the source; the position in
    // the JSON (statements and arguments are separate maps) breaks ties.
    let first_line = |c: &Class| {
        c.members
            .iter()
            .filter_map(|m| m.start_line.as_ref().and_then(Lenient::known).copied())
            .min()
            .unwrap_or(u64::MAX)
    };
    items.sort_by_key(|i| (first_line(i.class), i.at, i.argument));
    let index: HashMap<(bool, &str), usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| ((item.argument, item.title), i))
        .collect();
    let find = |name: &str, kind: Option<&str>| -> Option<usize> {
        let argument = matches!(kind, Some("argument" | "inference"));
        index.get(&(argument, name)).copied()
    };

    // Relations, by item.
    struct R {
        from: usize,
        to: usize,
        kind: RelationKind,
        link: Option<usize>,
        at: Pos,
        /// The reverse half of a contradiction, which says nothing about the node's role.
        mirror: bool,
    }
    let mut rels: Vec<R> = Vec::new();
    for r in &file.relations {
        let at = pos(r);
        let r = &r.value;
        let (Some(from_name), Some(to_name)) = (r.from.as_deref(), r.to.as_deref()) else {
            report.push(Diagnostic::warning(
                at,
                "a relation without `from` or `to`; skipped",
            ));
            continue;
        };
        let (Some(from), Some(to)) = (
            find(from_name, r.from_type.as_deref()),
            find(to_name, r.to_type.as_deref()),
        ) else {
            report.push(Diagnostic::warning(
                at,
                format!("a relation between `{from_name}` and `{to_name}`, one of which is not in the file; skipped"),
            ));
            continue;
        };
        let kind = r.kind.as_deref().unwrap_or_default();
        match kind {
            "support" | "entails" => rels.push(R {
                from,
                to,
                kind: RelationKind::Supports,
                link: None,
                at,
                mirror: false,
            }),
            "attack" | "contrary" => rels.push(R {
                from,
                to,
                kind: RelationKind::Rebuts,
                link: None,
                at,
                mirror: false,
            }),
            "contradictory" => {
                for (a, b, mirror) in [(from, to, false), (to, from, true)] {
                    rels.push(R {
                        from: a,
                        to: b,
                        kind: RelationKind::Rebuts,
                        link: None,
                        at,
                        mirror,
                    });
                }
            }
            "undercut" => {
                let target = &items[to];
                let links: Vec<Option<usize>> = if target.argument {
                    vec![main_conclusion(target.class).and_then(|c| find(c, None))]
                } else {
                    let named: Vec<Option<usize>> = data_of(items[from].class)
                        .filter_map(|d| d.undercuts.as_ref().and_then(Lenient::known))
                        .flatten()
                        .filter_map(Lenient::known)
                        .filter(|l| l.to == to_name)
                        .map(|l| find(&l.link, None))
                        .collect();
                    if named.is_empty() { vec![None] } else { named }
                };
                for link in links {
                    rels.push(R {
                        from,
                        to,
                        kind: RelationKind::Undercuts,
                        link,
                        at,
                        mirror: false,
                    });
                }
            }
            other => report.push(Diagnostic::warning(
                at,
                format!("unknown relation type `{other}`; skipped"),
            )),
        }
    }
    // An argument's own structure.
    for (i, item) in items.iter().enumerate().filter(|(_, i)| i.argument) {
        let main = main_conclusion(item.class);
        for p in &item.class.pcs {
            let Some(title) = p.title.as_deref() else {
                continue;
            };
            let Some(s) = find(title, None) else {
                continue;
            };
            let (from, to) = if Some(title) == main && p.role.as_deref() == Some("main-conclusion")
            {
                (i, s)
            } else {
                (s, i)
            };
            rels.push(R {
                from,
                to,
                kind: RelationKind::Supports,
                link: None,
                at: item.at,
                mirror: false,
            });
        }
    }

    // Sections, in order, nested ones flattened.
    let mut section_index: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<&Sec> = file.sections.iter().rev().collect();
    while let Some(s) = stack.pop() {
        if let Some(id) = &s.id {
            section_index.insert(id.clone(), draft.sections.len());
        }
        draft.sections.push(DraftSection {
            title: s.title.clone(),
            untitled: false,
            nodes: Vec::new(),
        });
        stack.extend(s.children.iter().rev());
    }

    let mut attacks = vec![false; items.len()];
    let mut supports = vec![false; items.len()];
    for r in rels.iter().filter(|r| !r.mirror) {
        match r.kind {
            RelationKind::Supports => supports[r.from] = true,
            _ => attacks[r.from] = true,
        }
    }
    let mut node_of = Vec::with_capacity(items.len());
    let mut no_section = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let tags: Vec<String> = item
            .class
            .members
            .iter()
            .flat_map(|m| m.tags.iter().filter_map(Lenient::known))
            .cloned()
            .collect();
        let has = |t: &str| tags.iter().any(|x| x.eq_ignore_ascii_case(t));
        let kind = if has("rebuttal") {
            NodeKind::Rebuttal
        } else if has("evidence") {
            NodeKind::Evidence
        } else if has("claim") || has("thesis") {
            NodeKind::Claim
        } else if attacks[i] && !supports[i] {
            NodeKind::Rebuttal
        } else {
            NodeKind::Claim
        };
        let defining = item.class.members.iter().find(|m| {
            m.text
                .as_ref()
                .and_then(Lenient::known)
                .is_some_and(|t| !t.trim().is_empty())
        });
        let text = defining
            .and_then(|m| {
                let text = m.text.as_ref().and_then(Lenient::known)?;
                Some(with_links(text, &m.ranges))
            })
            .map(|t| without_tags(&t, &tags))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| item.title.to_string());
        let n = draft.add_node(item.title, kind, &text, has("editorial"), item.at);
        for d in data_of(item.class) {
            for (lang, value) in [(Lang::Zh, &d.zh), (Lang::En, &d.en)] {
                if let Some(v) = value.as_ref().and_then(Lenient::known) {
                    draft.nodes[n].translations.push((lang, v.clone()));
                }
            }
            if let Some(note) = d.note.as_ref().and_then(Lenient::known)
                && !note.trim().is_empty()
                && !draft.nodes[n].notes.contains(note)
            {
                draft.nodes[n].notes.push(note.clone());
            }
        }
        if has("thesis") && draft.thesis.is_none() {
            draft.thesis = Some(n);
        }
        let section = defining
            .or_else(|| item.class.members.first())
            .and_then(|m| m.section.as_ref().and_then(Lenient::known))
            .and_then(|s| section_index.get(s));
        match section {
            Some(&s) => draft.sections[s].nodes.push(n),
            None => no_section.push(n),
        }
        node_of.push(n);
    }
    if !no_section.is_empty() {
        draft.sections.insert(
            0,
            DraftSection {
                title: None,
                untitled: true,
                nodes: no_section,
            },
        );
    }
    for r in rels {
        let link = r.link.map(|l| node_of[l]);
        draft.relate(node_of[r.from], node_of[r.to], r.kind, link, r.at);
    }
}

/// The title of an argument's main conclusion, if it has a premise–conclusion structure.
fn main_conclusion(class: &Class) -> Option<&str> {
    class
        .pcs
        .iter()
        .rev()
        .find(|p| p.role.as_deref() == Some("main-conclusion"))
        .and_then(|p| p.title.as_deref())
}

/// Every data block of a class and its members.
fn data_of(class: &Class) -> impl Iterator<Item = &Data> {
    class
        .data
        .iter()
        .chain(class.members.iter().filter_map(|m| m.data.as_ref()))
        .filter_map(Lenient::known)
}

/// `text` with each link Argdown found written back as `[words](url)` (an
/// address's `%28` and `%29` as the parentheses stance's export encoded).
/// Ranges that do not fit the text, overlap or are not links are passed over.
fn with_links(text: &str, ranges: &[Lenient<Span>]) -> String {
    // Byte offset of each UTF-16 offset that starts a character.
    let mut at16: Vec<(u64, usize)> = Vec::with_capacity(text.len() + 1);
    let mut u = 0u64;
    for (b, c) in text.char_indices() {
        at16.push((u, b));
        u += c.len_utf16() as u64;
    }
    at16.push((u, text.len()));
    let byte = |u: u64| {
        at16.binary_search_by_key(&u, |&(x, _)| x)
            .ok()
            .map(|i| at16[i].1)
    };
    let mut found: Vec<(usize, usize, String)> = ranges
        .iter()
        .filter_map(Lenient::known)
        .filter(|r| r.kind.as_deref() == Some("link"))
        .filter_map(|r| {
            let start = byte(r.start?)?;
            let end = byte(r.stop?.checked_add(1)?)?;
            let url = r.url.as_deref()?.replace("%28", "(").replace("%29", ")");
            (start < end && !url.is_empty()).then_some((start, end, url))
        })
        .collect();
    found.sort_by_key(|&(start, _, _)| start);
    let mut out = String::with_capacity(text.len() + found.len() * 16);
    let mut copied = 0;
    for (start, end, url) in found {
        if start < copied {
            continue;
        }
        out.push_str(&text[copied..start]);
        out.push('[');
        out.push_str(&text[start..end]);
        out.push_str("](");
        out.push_str(&url);
        out.push(')');
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` without its `#tag` and `#(tag text)` markers, spaces tidied.
fn without_tags(text: &str, tags: &[String]) -> String {
    let mut out = text.to_string();
    for tag in tags {
        for form in [format!("#({tag})"), format!("#{tag}")] {
            let mut from = 0;
            while let Some(found) = out[from..].find(&form).map(|i| i + from) {
                let end = found + form.len();
                // Only whole tags: `#claim` is not a tag inside `#claims`.
                let whole = out[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || form.ends_with(')'));
                if whole {
                    out.replace_range(found..end, "");
                    from = found;
                } else {
                    from = end;
                }
            }
        }
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(kind: &str, start: u64, stop: u64, url: &str) -> Lenient<Span> {
        Lenient::Known(Span {
            kind: Some(kind.into()),
            start: Some(start),
            stop: Some(stop),
            url: Some(url.into()),
        })
    }

    #[test]
    fn links_are_written_back_where_argdown_found_them_in_utf16() {
        // "见" is one UTF-16 unit, "🔗" two: Argdown counts in UTF-16.
        let text = "见 🔗 data here #claim";
        let ranges = [
            span("link", 5, 8, "https://x.org/a%28b%29"),
            span("tag", 15, 20, ""),
        ];
        assert_eq!(
            with_links(text, &ranges),
            "见 🔗 [data](https://x.org/a(b)) here #claim"
        );
    }

    #[test]
    fn link_ranges_that_do_not_fit_the_text_are_passed_over() {
        let text = "abc 🔗 def";
        let ranges = [
            span("link", 0, 99, "u"),       // past the end
            span("link", 5, 5, "u"),        // inside the surrogate pair
            span("link", 2, 1, "u"),        // backwards
            span("link", 0, u64::MAX, "u"), // would overflow
            span("link", 0, 0, ""),         // no address
            span("link", 0, 1, "u"),        // kept
            span("link", 1, 2, "v"),        // overlaps the one kept
        ];
        assert_eq!(with_links(text, &ranges), "[ab](u)c 🔗 def");
    }

    #[test]
    fn tags_are_removed_from_text() {
        let tags = vec!["claim".to_string(), "two words".to_string()];
        assert_eq!(
            without_tags("The market #claim decides #(two words) #claims", &tags),
            "The market decides #claims"
        );
    }
}
