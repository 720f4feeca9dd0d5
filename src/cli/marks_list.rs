//! `stance marks`: list a reader's marks, or only the orphaned ones.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use super::common::with_marks;

pub(super) fn list_marks(
    input: &InputArgs,
    marks_args: &MarksArgs,
    orphans: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks_args, err, |doc, marks, err| {
        let file = marks.to_file(doc);
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
                " (no longer in the document)"
            } else {
                ""
            };
            writeln!(
                out,
                "{}\t{stance}\t{}{gone}{note}",
                m.node,
                m.text.replace('\n', " ")
            )?;
        }
        if count == 0 {
            let what = if orphans {
                "no orphaned marks"
            } else {
                "no marks yet"
            };
            writeln!(err, "stance: {what}")?;
        }
        Ok(0)
    })
}
