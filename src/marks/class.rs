//! A class's marks merged: for each node, how many agree, dispute or are unsure,
//! and everyone's notes — with the nodes that split the class most listed first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DocumentRef, MarksFile, Stance};
use crate::model::Document;
use crate::output::names::Names;
use crate::text::{md_text, sanitize_line};
use crate::tui::i18n::{UiLang, cli_strings, fill};
use crate::wrap::{Ambiguous, str_width, truncate};

/// The value of `schema` in a class file.
pub const SCHEMA: &str = "stance.class/1";

/// One reader's note on a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderNote {
    /// Who wrote it.
    pub reader: String,
    /// What they wrote.
    pub note: String,
}

/// The class's marks on one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassNode {
    /// The node's id.
    pub node: String,
    /// How many agree.
    pub agree: usize,
    /// How many dispute.
    pub dispute: usize,
    /// How many are unsure.
    pub unsure: usize,
    /// Everyone's notes.
    pub notes: Vec<ReaderNote>,
    /// The node's text when it was marked (from the first file that has it).
    #[serde(default)]
    pub text: String,
}

impl ClassNode {
    /// Readers who took a stance.
    pub fn votes(&self) -> usize {
        // Counts come from files; saturate rather than overflow on absurd ones.
        self.agree
            .saturating_add(self.dispute)
            .saturating_add(self.unsure)
    }

    /// How much the node splits the class: the readers on the smaller side of
    /// agree/dispute, counted twice (an even 5–5 split scores 10, 9–1 scores 2).
    pub fn contest(&self) -> usize {
        self.agree.min(self.dispute).saturating_mul(2)
    }
}

/// A merged class: `stance.class/1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassFile {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The document the marks are on.
    pub document: DocumentRef,
    /// The readers merged, in the order given.
    pub readers: Vec<String>,
    /// Nodes with any mark, most contested first.
    pub nodes: Vec<ClassNode>,
    /// The students' own nodes, each with its author and classmates' votes
    /// (an optional field of `stance.class/1`, omitted when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additions: Vec<super::class_additions::ClassAddition>,
}

/// Something a merge did that the teacher should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeWarning {
    /// The same reader came twice; the newer file was kept.
    Twice {
        /// The reader.
        reader: String,
        /// The file left out.
        dropped: String,
        /// The file kept.
        kept: String,
    },
}

impl MergeWarning {
    /// The warning in words, in `lang`.
    pub fn words(&self, lang: UiLang) -> String {
        match self {
            MergeWarning::Twice {
                reader,
                dropped,
                kept,
            } => fill(cli_strings(lang).mg_twice, &[reader, dropped, kept]),
        }
    }
}

impl std::fmt::Display for MergeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(UiLang::En))
    }
}

/// Merges readers' marks files. Errors name the file that does not fit; warnings
/// (such as the same reader twice, where the newer file is kept) are returned.
pub fn merge(files: Vec<(String, MarksFile)>) -> Result<(ClassFile, Vec<MergeWarning>), String> {
    let mut warnings = Vec::new();
    let Some((_, first)) = files.first() else {
        return Err("no marks files to merge".into());
    };
    let document = first.document.clone();
    // reader -> (file name, file); the newer file wins.
    let mut by_reader: Vec<(String, String, MarksFile)> = Vec::new();
    for (name, file) in files {
        if file.document.id != document.id {
            return Err(format!(
                "{name}: these marks are for `{}`, but the others are for `{}`; merge one document's marks at a time",
                file.document.id, document.id
            ));
        }
        let reader = file
            .reader
            .clone()
            .unwrap_or_else(|| reader_from_name(&name));
        match by_reader.iter_mut().find(|(r, _, _)| *r == reader) {
            Some(existing) => {
                let (keep, drop) = if file.updated >= existing.2.updated {
                    (name.clone(), existing.1.clone())
                } else {
                    (existing.1.clone(), name.clone())
                };
                warnings.push(MergeWarning::Twice {
                    reader: reader.clone(),
                    dropped: drop,
                    kept: keep,
                });
                if file.updated >= existing.2.updated {
                    *existing = (reader, name, file);
                }
            }
            None => by_reader.push((reader, name, file)),
        }
    }
    let mut nodes: BTreeMap<String, (usize, ClassNode)> = BTreeMap::new();
    let mut order = 0;
    for (reader, _, file) in &by_reader {
        // One vote per reader per node, however often a file repeats it: the
        // last entry for a node is the one that counts, in the file's order.
        let last: std::collections::HashMap<&str, usize> = file
            .marks
            .iter()
            .enumerate()
            .map(|(i, m)| (m.node.as_str(), i))
            .collect();
        for (_, m) in file
            .marks
            .iter()
            .enumerate()
            .filter(|(i, m)| last.get(m.node.as_str()) == Some(i))
        {
            let entry = nodes.entry(m.node.clone()).or_insert_with(|| {
                order += 1;
                (
                    order,
                    ClassNode {
                        node: m.node.clone(),
                        agree: 0,
                        dispute: 0,
                        unsure: 0,
                        notes: Vec::new(),
                        text: m.text.clone(),
                    },
                )
            });
            match m.stance {
                Some(Stance::Agree) => entry.1.agree += 1,
                Some(Stance::Dispute) => entry.1.dispute += 1,
                Some(Stance::Unsure) => entry.1.unsure += 1,
                None => {}
            }
            if let Some(n) = &m.note {
                entry.1.notes.push(ReaderNote {
                    reader: reader.clone(),
                    note: n.clone(),
                });
            }
        }
    }
    let mut nodes: Vec<(usize, ClassNode)> = nodes.into_values().collect();
    nodes.sort_by(|(oa, a), (ob, b)| {
        b.contest()
            .cmp(&a.contest())
            .then(b.votes().cmp(&a.votes()))
            .then(oa.cmp(ob))
    });
    let additions = super::class_additions::collect(
        &by_reader
            .iter()
            .map(|(r, _, f)| (r.as_str(), f))
            .collect::<Vec<_>>(),
    );
    Ok((
        ClassFile {
            schema: SCHEMA.to_string(),
            document,
            readers: by_reader.into_iter().map(|(r, _, _)| r).collect(),
            nodes: nodes.into_iter().map(|(_, n)| n).collect(),
            additions,
        },
        warnings,
    ))
}

/// Takes each node's text from `doc` where it has the node: marks files may
/// leave `text` out, and the document's own words are the current ones.
pub fn fill_from(class: &mut ClassFile, doc: &Document) {
    for n in &mut class.nodes {
        if let Some(node) = doc.node(&n.node) {
            n.text = node.text.get_or_other(doc.lang).to_string();
        }
    }
}

/// A reader's name from a file name: `alice.marks.json` gives `alice`.
fn reader_from_name(name: &str) -> String {
    let file = std::path::Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    // File names are as untrusted as contents.
    crate::text::sanitize_line(file.split('.').next().unwrap_or(&file)).into_owned()
}

/// A bar of `width` cells: agree █, dispute ▓, unsure ░ in proportion.
pub fn bar(n: &ClassNode, width: usize) -> String {
    let total = n.votes();
    if total == 0 || width == 0 {
        return " ".repeat(width);
    }
    // In u128 so that counts from a hostile file cannot overflow; each part is
    // clamped so the three never exceed the width.
    let share = |count: usize| -> usize {
        let (c, w, t) = (count as u128, width as u128, total as u128);
        usize::try_from(((c * w + t / 2) / t).min(w)).unwrap_or(width)
    };
    let a = share(n.agree);
    let d = share(n.agree.saturating_add(n.dispute))
        .saturating_sub(a)
        .min(width - a);
    let u = width - a - d;
    format!("{}{}{}", "█".repeat(a), "▓".repeat(d), "░".repeat(u))
}

/// The class as an aligned text table, most contested first, in English,
/// nodes named by their ids ([`table_in`] names them by label).
pub fn table(class: &ClassFile) -> String {
    table_in(class, None, UiLang::En)
}

/// The class as Markdown, in English, nodes named by their ids.
pub fn markdown(class: &ClassFile) -> String {
    markdown_in(class, None, UiLang::En)
}

/// How a person names a node of the class: its label and text from the
/// document when it has the node, else the id and the text from the marks.
fn name_and_text(
    n: &ClassNode,
    doc: Option<&Document>,
    names: Option<&Names>,
    lang: UiLang,
) -> (String, String) {
    match (doc, names) {
        (Some(doc), Some(names)) => match (names.label(doc, &n.node), doc.node(&n.node)) {
            (Some(label), Some(node)) => (
                label.to_string(),
                node.text.get_or_other(lang.text_lang()).to_string(),
            ),
            _ => (n.node.clone(), n.text.clone()),
        },
        _ => (n.node.clone(), n.text.clone()),
    }
}

/// The class as an aligned text table, most contested first, in `lang`.
/// Every name and text is on one line ([`sanitize_line`]), so no file can add
/// rows; widths are measured in columns, so Chinese headings line up.
pub fn table_in(class: &ClassFile, doc: Option<&Document>, lang: UiLang) -> String {
    let s = cli_strings(lang);
    let amb = Ambiguous::Narrow;
    let names = doc.map(Names::new);
    let rows: Vec<(String, String)> = class
        .nodes
        .iter()
        .map(|n| {
            let (name, text) = name_and_text(n, doc, names.as_ref(), lang);
            (
                sanitize_line(&name).into_owned(),
                sanitize_line(&text).into_owned(),
            )
        })
        .collect();
    let w = |t: &str| str_width(t, amb);
    let id_w = rows
        .iter()
        .map(|(id, _)| w(id))
        .chain([w(s.mg_node)])
        .max()
        .unwrap_or(4);
    let heads = [s.mg_agree, s.mg_dispute, s.mg_unsure, s.mg_notes];
    let widths = heads.map(|h| w(h).max(3));
    let pad_right =
        |t: &str, width: usize| format!("{t}{}", " ".repeat(width.saturating_sub(w(t))));
    let pad_left = |t: &str, width: usize| format!("{}{t}", " ".repeat(width.saturating_sub(w(t))));
    let readers: Vec<String> = class
        .readers
        .iter()
        .map(|r| sanitize_line(r).into_owned())
        .collect();
    let mut out = fill(
        s.mg_readers,
        &[&class.readers.len().to_string(), &readers.join(s.list_sep)],
    );
    out.push('\n');
    out.push_str(&pad_right(s.mg_node, id_w));
    for (h, width) in heads.iter().zip(widths) {
        out.push_str("  ");
        out.push_str(&pad_left(h, width));
    }
    out.push_str(&format!("  {}  {}\n", pad_right(s.mg_split, 10), s.mg_text));
    for (n, (id, text)) in class.nodes.iter().zip(&rows) {
        out.push_str(&pad_right(id, id_w));
        let counts = [n.agree, n.dispute, n.unsure, n.notes.len()];
        for (c, width) in counts.iter().zip(widths) {
            out.push_str("  ");
            out.push_str(&pad_left(&c.to_string(), width));
        }
        out.push_str(&format!("  {}  {}\n", bar(n, 10), truncate(text, 60, amb)));
        for note in &n.notes {
            let line = format!(
                "{}: {}",
                sanitize_line(&note.reader),
                sanitize_line(&note.note)
            );
            out.push_str(&format!(
                "{}  {}\n",
                " ".repeat(id_w),
                truncate(&line, 100, amb)
            ));
        }
    }
    out.push_str(&super::class_additions::table_section(class, doc, lang));
    out
}

/// The class as Markdown in `lang`, most contested first, with everyone's
/// notes; all text from the marks files escaped ([`md_text`]).
pub fn markdown_in(class: &ClassFile, doc: Option<&Document>, lang: UiLang) -> String {
    let s = cli_strings(lang);
    let names = doc.map(Names::new);
    let readers: Vec<String> = class.readers.iter().map(|r| md_text(r)).collect();
    let mut out = format!(
        "# {}\n\n{}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---|\n",
        fill(
            s.mg_title,
            &[&md_text(doc.map_or(class.document.title.as_str(), |d| {
                d.title.get_or_other(lang.text_lang())
            }))]
        ),
        fill(
            s.mg_readers_md,
            &[&class.readers.len().to_string(), &readers.join(s.list_sep)]
        ),
        s.mg_node,
        s.mg_agree,
        s.mg_dispute,
        s.mg_unsure,
        s.mg_notes,
        s.mg_text,
    );
    for n in &class.nodes {
        let (name, text) = name_and_text(n, doc, names.as_ref(), lang);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            md_text(&name),
            n.agree,
            n.dispute,
            n.unsure,
            n.notes.len(),
            md_text(&text)
        ));
    }
    for n in class.nodes.iter().filter(|n| !n.notes.is_empty()) {
        let heading = match (doc, &names) {
            (Some(doc), Some(names)) if doc.node(&n.node).is_some() => {
                names.short(doc, &n.node, lang.text_lang())
            }
            _ => n.node.clone(),
        };
        out.push_str(&format!("\n## {}\n\n", md_text(&heading)));
        for note in &n.notes {
            out.push_str(&format!(
                "- **{}**: {}\n",
                md_text(&note.reader),
                md_text(&note.note)
            ));
        }
    }
    out.push_str(&super::class_additions::markdown_section(class, doc, lang));
    out
}
