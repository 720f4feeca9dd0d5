//! The students' own arguments in a class view (`stance merge`): every
//! student's additions, who wrote them, and how many classmates agreed with
//! or disputed them (classmates' marks on an addition are marks under its
//! id, counted like any other), listed under the node each answers.

use serde::{Deserialize, Serialize};

use super::additions::{Addition, with_authored};
use super::class::ClassFile;
use super::{MarksFile, Stance};
use crate::model::Document;
use crate::output::names::Names;
use crate::text::{md_text, sanitize_line};
use crate::tui::i18n::{UiLang, cli_strings, fill};

/// One student's addition in a class file (`additions` of `stance.class/1`,
/// an optional field: files without it read as before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassAddition {
    /// Who wrote it.
    pub reader: String,
    /// How many classmates (not its author) agree with it.
    pub agree: usize,
    /// How many classmates dispute it.
    pub dispute: usize,
    /// The addition as the student's marks file holds it.
    pub addition: Addition,
}

/// Every reader's additions, in the readers' order, with their classmates'
/// agree and dispute counted from the merged files (`by_reader`: reader and
/// file, as merged, one file per reader).
pub fn collect(by_reader: &[(&str, &MarksFile)]) -> Vec<ClassAddition> {
    let mut out = Vec::new();
    for (author, file) in by_reader {
        for a in &file.additions {
            let (mut agree, mut dispute) = (0, 0);
            for (other, theirs) in by_reader {
                if other == author {
                    continue;
                }
                // The last mark a file has on the node is the one that counts.
                match theirs
                    .marks
                    .iter()
                    .rev()
                    .find(|m| m.node == a.id)
                    .and_then(|m| m.stance)
                {
                    Some(Stance::Agree) => agree += 1,
                    Some(Stance::Dispute) => dispute += 1,
                    _ => {}
                }
            }
            out.push(ClassAddition {
                reader: author.to_string(),
                agree,
                dispute,
                addition: a.clone(),
            });
        }
    }
    out
}

/// The class's additions as nodes of `doc` (each with its author), so each
/// has one label in the class view (+C1, +R2…).
pub fn overlay(doc: &Document, class: &ClassFile) -> Document {
    with_authored(
        doc,
        class
            .additions
            .iter()
            .map(|c| (c.reader.as_str(), &c.addition)),
    )
    .doc
}

/// The additions grouped under the node each answers (its first relation's
/// target; those answering nothing last), the groups in the order of the
/// document's nodes.
pub fn grouped<'a>(
    class: &'a ClassFile,
    doc: Option<&Document>,
) -> Vec<(Option<&'a str>, Vec<&'a ClassAddition>)> {
    let mut groups: Vec<(Option<&str>, Vec<&ClassAddition>)> = Vec::new();
    for c in &class.additions {
        let to = c.addition.relations.first().map(|r| r.to.as_str());
        match groups.iter_mut().find(|(t, _)| *t == to) {
            Some((_, v)) => v.push(c),
            None => groups.push((to, vec![c])),
        }
    }
    groups.sort_by_key(|(to, _)| match to {
        Some(id) => (0, doc.and_then(|d| d.node_index(id)).unwrap_or(usize::MAX)),
        None => (1, 0),
    });
    groups
}

/// The name a person reads for node `id` in the class view: label and start
/// of its text, or the id when the document does not have it.
fn named(doc: Option<&Document>, names: Option<&Names>, id: &str, lang: UiLang) -> String {
    match (doc, names) {
        (Some(d), Some(n)) => n.short(d, id, lang.text_lang()),
        _ => sanitize_line(id).into_owned(),
    }
}

/// One addition's line: `+R1 “text” — by ana — classmates: 1 agree, 2 dispute`.
fn line(
    c: &ClassAddition,
    doc: Option<&Document>,
    names: Option<&Names>,
    lang: UiLang,
) -> (String, String) {
    let s = cli_strings(lang);
    let name = match (doc, names) {
        (Some(d), Some(n)) => n.label_or_id(d, &c.addition.id),
        _ => sanitize_line(&c.addition.id).into_owned(),
    };
    let text = sanitize_line(c.addition.text.get_or_other(lang.text_lang())).into_owned();
    let by = fill(
        s.od_class_by,
        &[
            &sanitize_line(&c.reader),
            &c.agree.to_string(),
            &c.dispute.to_string(),
        ],
    );
    (format!("{name} “{text}”"), by)
}

/// The section of the text table: each group's node, then its additions.
pub fn table_section(class: &ClassFile, doc: Option<&Document>, lang: UiLang) -> String {
    if class.additions.is_empty() {
        return String::new();
    }
    let s = cli_strings(lang);
    let doc = doc.map(|d| overlay(d, class));
    let names = doc.as_ref().map(Names::new);
    let mut out = format!("\n{}\n", s.od_class_title);
    for (to, list) in grouped(class, doc.as_ref()) {
        let head = match to {
            Some(id) => named(doc.as_ref(), names.as_ref(), id, lang),
            None => s.od_class_unattached.to_string(),
        };
        out.push_str(&format!("{head}\n"));
        for c in list {
            let (name, by) = line(c, doc.as_ref(), names.as_ref(), lang);
            out.push_str(&format!("  {name} — {by}\n"));
        }
    }
    out
}

/// The section of the Markdown view, everything from the files escaped.
pub fn markdown_section(class: &ClassFile, doc: Option<&Document>, lang: UiLang) -> String {
    if class.additions.is_empty() {
        return String::new();
    }
    let s = cli_strings(lang);
    let doc = doc.map(|d| overlay(d, class));
    let names = doc.as_ref().map(Names::new);
    let mut out = format!("\n## {}\n", s.od_class_title);
    for (to, list) in grouped(class, doc.as_ref()) {
        let head = match to {
            Some(id) => named(doc.as_ref(), names.as_ref(), id, lang),
            None => s.od_class_unattached.to_string(),
        };
        out.push_str(&format!("\n### {}\n\n", md_text(&head)));
        for c in list {
            let (name, by) = line(c, doc.as_ref(), names.as_ref(), lang);
            out.push_str(&format!("- {} — {}\n", md_text(&name), md_text(&by)));
            if let Some(q) = &c.addition.quote {
                out.push_str(&format!("  > {}\n", md_text(q)));
            }
        }
    }
    out
}
