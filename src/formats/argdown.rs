//! The argument graph as Argdown (<https://argdown.org>), the text format of the Argdown parser and its VS Code extension.
//!
//! Layout: the title in front matter, then one heading per section, and under
//! it a statement definition `[id]: text #kind` for each node anchored there
//! (nodes anchored nowhere come first, before any heading). Each node's own
//! relations follow its definition, indented: `+> [to]` supports, `-> [to]`
//! rebuts, `_> [to]` undercuts. Statement titles are the node ids, so a map
//! drawn by Argdown names nodes as stance does.
//!
//! Tags: `#claim`, `#evidence` or `#rebuttal`; `#editorial` on nodes added by
//! the encoder; `#verify` on nodes that lean on a fact from outside the
//! article; `#thesis` on the thesis; with marks, `#agree`, `#dispute` or
//! `#unsure`. The statement's data (`{...}` after the text) holds what Argdown
//! has no syntax for: the translation (`"en"` or `"zh"`), the link each
//! undercut attacks (`"undercuts": [{"to": …, "link": …}]`, since an Argdown
//! undercut names only the statement it attacks), what to verify outside the
//! article (`"verify"`, in the export's language), the node's note
//! (`"note"`, line breaks kept; stance's Argdown JSON import reads it back)
//! and, with marks, the reader's note (`"reader_note"`).
//!
//! An empty document is one heading, its title, with nothing under it:
//! Argdown refuses a file with no element at all.
//!
//! Text is escaped so that nothing in it is read as Argdown syntax: see
//! [`escape`]. The output parses with `@argdown/cli` 1.7.5 with every node and
//! relation kept (tested in `tests/formats.rs`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use serde_json::{Value, json};

use super::{nodes_by_section, one_line, text_in};
use crate::marks::Marks;
use crate::model::{Document, Lang, Node, NodeKind, Origin, RelationKind};

/// The document as Argdown, node texts in `lang` (falling back to the other language).
pub fn write(doc: &Document, marks: Option<&Marks>, lang: Lang) -> String {
    let mut out = String::new();
    write_to(doc, marks, lang, &mut out);
    out
}

/// Writes the document as Argdown to `out` as it goes (see [`write`]). A failing
/// `out` makes the rest of the writes do nothing; the caller learns of it from
/// its own writer.
pub fn write_to(doc: &Document, marks: Option<&Marks>, lang: Lang, out: &mut dyn Write) {
    let titles = Titles::new(doc);
    let _ = out.write_str("===\n");
    let _ = writeln!(
        out,
        "title: {}",
        front_matter_string(&one_line(doc.title.get_or_other(lang)))
    );
    if let Some(author) = &doc.source.author {
        let _ = writeln!(out, "author: {}", front_matter_string(&one_line(author)));
    }
    let _ = out.write_str("===\n\n");
    let _ = writeln!(
        out,
        "// Exported by stance from the document `{}`. Tags: #claim #evidence #rebuttal; #editorial marks what the encoder added, not the article; #own and a reader's name mark a reader's own nodes; #verify an outside fact to check.",
        one_line(&doc.id).replace('\n', " ")
    );

    // Argdown refuses a file with nothing but front matter and comments, so
    // an empty document is a heading (its title) with nothing under it.
    if doc.nodes.is_empty() && doc.sections.is_empty() {
        let title = one_line(doc.title.get_or_other(lang));
        let title = if title.is_empty() {
            one_line(&doc.id)
        } else {
            title
        };
        let _ = write!(out, "\n# {}\n", escape(&title));
        return;
    }
    let (unanchored, by_section) = nodes_by_section(doc);
    for node in unanchored {
        statement(out, doc, node, marks, lang, &titles);
    }
    for (section, nodes) in doc.sections.iter().zip(by_section) {
        let title = one_line(section.title.get_or_other(lang));
        let title = if title.is_empty() {
            section.id.clone()
        } else {
            title
        };
        let _ = write!(out, "\n# {}\n", escape(&title));
        for node in nodes {
            statement(out, doc, node, marks, lang, &titles);
        }
    }
}

/// Writes one node's definition and the relations it starts.
fn statement(
    out: &mut dyn Write,
    doc: &Document,
    node: &Node,
    marks: Option<&Marks>,
    lang: Lang,
    titles: &Titles,
) {
    let mut line = format!(
        "\n[{}]: {}",
        titles.of(&node.id),
        escape(&one_line(text_in(node, lang)))
    );
    let mut tags = vec![match node.kind {
        NodeKind::Claim => "claim",
        NodeKind::Evidence => "evidence",
        NodeKind::Rebuttal => "rebuttal",
    }];
    if node.origin == Origin::Editorial {
        tags.push("editorial");
    }
    let reader = super::reader_tag(node);
    if let Some(r) = &reader {
        tags.push("own");
        tags.push(r);
    }
    if node.verify.is_some() {
        tags.push("verify");
    }
    if doc.thesis.as_deref() == Some(node.id.as_str()) {
        tags.push("thesis");
    }
    let mark = marks.and_then(|m| m.get(&node.id));
    if let Some(stance) = mark.and_then(|m| m.stance) {
        tags.push(stance.name());
    }
    for tag in tags {
        let _ = write!(line, " #{tag}");
    }

    let mut data = serde_json::Map::new();
    let translation = one_line(node.text.get(lang.other()));
    if !translation.is_empty() && node.text.get(lang).trim() != "" {
        data.insert(lang.other().code().into(), Value::String(translation));
    }
    let undercuts: Vec<Value> = doc
        .outgoing(&node.id)
        .filter(|r| r.kind == RelationKind::Undercuts)
        .filter_map(|r| {
            let link = r.link.as_deref()?;
            Some(json!({"to": titles.of(&r.to), "link": titles.of(link)}))
        })
        .collect();
    if !undercuts.is_empty() {
        data.insert("undercuts".into(), Value::Array(undercuts));
    }
    if let Some(v) = &node.verify {
        data.insert(
            "verify".into(),
            Value::String(one_line(v.get_or_other(lang))),
        );
    }
    if let Some(note) = node.note.as_deref().filter(|n| !n.trim().is_empty()) {
        data.insert("note".into(), Value::String(note.to_string()));
    }
    if let Some(note) = mark.and_then(|m| m.note.as_deref()) {
        data.insert("reader_note".into(), Value::String(one_line(note)));
    }
    if !data.is_empty() {
        let _ = write!(line, " {}", data_block(&Value::Object(data)));
    }
    line.push('\n');
    let _ = out.write_str(&line);

    for r in doc.outgoing(&node.id) {
        let arrow = match r.kind {
            RelationKind::Supports => "+>",
            RelationKind::Rebuts => "->",
            RelationKind::Undercuts => "_>",
        };
        let _ = writeln!(out, "  {arrow} [{}]", titles.of(&r.to));
    }
}

/// Statement titles for node ids: the id itself where Argdown can hold it.
///
/// A title ends at the first `]`, and one starting with `-` is not read as a
/// reference, so ids with those characters get a close variant, kept unique.
struct Titles {
    by_id: HashMap<String, String>,
}

impl Titles {
    fn new(doc: &Document) -> Titles {
        let mut used = HashSet::new();
        let mut by_id = HashMap::new();
        for n in &doc.nodes {
            let mut base: String =
                n.id.chars()
                    .map(|c| match c {
                        '[' => '(',
                        ']' => ')',
                        c => c,
                    })
                    .collect();
            if base.starts_with('-') {
                base.insert(0, '_');
            }
            let mut title = base.clone();
            let mut k = 2;
            while used.contains(&title) {
                title = format!("{base}-{k}");
                k += 1;
            }
            used.insert(title.clone());
            by_id.insert(n.id.clone(), title);
        }
        Titles { by_id }
    }

    fn of<'a>(&'a self, id: &'a str) -> &'a str {
        self.by_id.get(id).map_or(id, String::as_str)
    }
}

/// `s` with every character Argdown would read as syntax escaped with a backslash.
///
/// Escaped always: `\ [ ] < > @ # * _ { }` (references, mentions, tags,
/// emphasis, data). `.` and `:` only when a non-space follows, since
/// `.name.` and `:name:` are Argdown's special characters (`:smile:` becomes
/// an emoji) while a full stop or colon before a space is plain text. `/`
/// only before `/` or `*`, which would start a comment. Commas, dashes and
/// parentheses are syntax only at the start of a line, where text never is.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let special = match c {
            '\\' | '[' | ']' | '<' | '>' | '@' | '#' | '*' | '_' | '{' | '}' => true,
            '.' | ':' => next.is_some_and(|n| !n.is_whitespace()),
            '/' => matches!(next, Some('/' | '*')),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// JSON for a statement's data block, with braces inside strings written as
/// `\u007b` / `\u007d`: Argdown finds the end of a data block by its braces
/// without reading strings, and JSON is YAML, which Argdown reads data as.
fn data_block(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '{' => {
                    out.push_str("\\u007b");
                    continue;
                }
                '}' => {
                    out.push_str("\\u007d");
                    continue;
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// A YAML string for the front matter, which ends at the first `===`: written
/// as a JSON string (valid YAML) with `=` escaped.
fn front_matter_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('=', "\\u003d")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_text_is_escaped() {
        assert_eq!(escape("[a] <b> #c"), "\\[a\\] \\<b\\> \\#c");
        assert_eq!(escape("e.g. it: yes."), "e\\.g. it: yes.");
        assert_eq!(escape("a // b /* c */ d/e"), "a \\// b \\/\\* c \\*/ d/e");
    }

    #[test]
    fn braces_in_data_strings_are_hidden_from_argdown() {
        let v = json!({"en": "a} b {c"});
        let block = data_block(&v);
        assert_eq!(block, "{\"en\":\"a\\u007d b \\u007bc\"}");
        let back: Value = serde_json::from_str(&block).unwrap();
        assert_eq!(back, v);
    }
}
