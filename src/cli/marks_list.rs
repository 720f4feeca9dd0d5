//! `stance marks`: list a reader's marks, or only the orphaned ones.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use super::common::with_marks;
use crate::output::names::Names;
use crate::text::sanitize_line;
use crate::tui::i18n::{UiLang, cli_strings};

pub(super) fn list_marks(
    input: &InputArgs,
    marks_args: &MarksArgs,
    orphans: bool,
    lang: UiLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks_args, lang, err, |doc, marks, err| {
        let s = cli_strings(lang);
        let file = marks.to_file(doc);
        let names = Names::new(doc);
        let mut count = 0;
        for m in &file.marks {
            let orphan = doc.node(&m.node).is_none();
            if orphans && !orphan {
                continue;
            }
            count += 1;
            let stance = m.stance.map_or("note", |s| s.name());
            let note = m
                .note
                .as_deref()
                .map(|n| format!(" — {}", n.replace('\n', " ")))
                .unwrap_or_default();
            let gone = if orphan {
                format!(" {}", s.mk_gone)
            } else {
                String::new()
            };
            // The label a person knows the node by, then the id for scripts.
            let label = names.label(doc, &m.node).unwrap_or("—");
            let text = doc
                .node(&m.node)
                .map_or(m.text.as_str(), |n| n.text.get_or_other(doc.lang));
            writeln!(
                out,
                "{label}\t{}\t{stance}\t{}{gone}{}",
                sanitize_line(&m.node),
                sanitize_line(text),
                sanitize_line(&note)
            )?;
        }
        if orphans {
            // The reader's own nodes the document cannot place, or only in part.
            for o in marks.with_overlay(doc).orphans {
                let Some(a) = marks.addition(o.addition()) else {
                    continue;
                };
                count += 1;
                let label = names.label(doc, &a.id).unwrap_or("—");
                writeln!(
                    out,
                    "{label}\t{}\taddition\t{} — {}",
                    sanitize_line(&a.id),
                    sanitize_line(a.text.get_or_other(doc.lang)),
                    crate::marks::export::orphan_words(&o, lang)
                )?;
            }
        }
        if count == 0 {
            let what = if orphans { s.mk_no_orphans } else { s.mk_none };
            writeln!(err, "stance: {what}")?;
        }
        Ok(0)
    })
}
