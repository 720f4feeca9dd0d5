//! `stance export`: a reader's marks as JSON, Markdown or W3C Web Annotations.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use super::common::{Overwrite, emit_with, with_marks};
use crate::marks::{self, export::ExportFormat};
use crate::tui::i18n::UiLang;

pub(super) fn export(
    input: &InputArgs,
    marks_args: &MarksArgs,
    format: ExportFormat,
    lang: UiLang,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks_args, lang, err, |doc, marks, err| {
        let marks_file = marks_args.path(doc);
        let inputs: Vec<&std::path::Path> = input
            .file
            .iter()
            .chain(&marks_file)
            .map(|p| p.as_path())
            .collect();
        emit_with(output, &inputs, Overwrite::Replace, lang, out, err, |w| {
            marks::export::export_to(doc, marks, format, lang, w)
        })
    })
}
