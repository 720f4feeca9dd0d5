//! `stance brief`: a debate brief for one side.

use std::io::Write;

use super::args::InputArgs;
use super::common::{Overwrite, emit_streamed, read_class, read_marks, with_document, wrong_class};
use crate::analysis::{self, brief::Side};
use crate::tui::i18n::UiLang;

/// What the brief draws on besides the document: a reader's marks, a class's.
pub(super) struct Sources<'a> {
    pub marks: Option<&'a std::path::Path>,
    pub class: Option<&'a std::path::Path>,
    /// A class folder (`--class-dir`).
    pub class_dir: Option<&'a std::path::Path>,
}

pub(super) fn brief(
    input: &InputArgs,
    side: Side,
    lang: UiLang,
    sources: Sources<'_>,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Sources {
        marks: marks_path,
        class,
        class_dir,
    } = sources;
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, lang, err, |_| Ok(()));
    };
    // In a class folder, the reader's own file is their marks, if they have one.
    let own = class_dir.and_then(|dir| {
        let args = super::args::MarksArgs {
            class_dir: Some(dir.to_path_buf()),
            ..Default::default()
        };
        args.own_in_class(crate::marks::reader_id::load())
            .map(|o| o.path)
            .filter(|p| p.is_file())
    });
    let marks_path = marks_path.or(own.as_deref());
    let from_folder = match class_dir {
        Some(dir) => match super::class::read_folder(dir, Some(doc), lang, err)? {
            Ok((_, c)) => Some(c),
            Err(message) => {
                writeln!(err, "stance: {message}")?;
                return Ok(1);
            }
        },
        None => None,
    };
    let marks = match marks_path.map(|p| read_marks(p, doc)).transpose() {
        Ok(m) => m,
        Err(report) => {
            write!(err, "{report}")?;
            return Ok(1);
        }
    };
    let class_path = class;
    let class = match class.map(read_class).transpose() {
        Ok(Some(c)) if c.document.id != doc.id => {
            let path = class.unwrap_or(std::path::Path::new(""));
            writeln!(err, "{}", wrong_class(path, &c.document.id, &doc.id))?;
            return Ok(1);
        }
        Ok(c) => c.or(from_folder).map(|c| {
            c.nodes
                .into_iter()
                .map(|n| (n.node.clone(), n))
                .collect::<std::collections::HashMap<_, _>>()
        }),
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(1);
        }
    };
    let cx = analysis::brief::Context {
        marks: marks.as_ref(),
        class: class.as_ref(),
    };
    let inputs: Vec<&std::path::Path> = input
        .file
        .as_deref()
        .into_iter()
        .chain(marks_path)
        .chain(class_path)
        .collect();
    emit_streamed(output, &inputs, Overwrite::Replace, lang, out, err, |w| {
        analysis::brief::brief_to(doc, side, &cx, lang, w)
    })
}
