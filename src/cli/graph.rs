//! `stance graph`: the whole document in JSON, Argdown, AIF, DOT or Kialo's format.

use std::io::Write;

use super::args::{GraphFormat, InputArgs};
use super::common::{Overwrite, emit, emit_streamed, read_marks, with_document};
use crate::formats;
use crate::output;
use crate::tui::i18n::UiLang;

pub(super) fn graph(
    input: &InputArgs,
    format: GraphFormat,
    marks_path: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, UiLang::from_env(), err, |_| Ok(()));
    };
    let marks = match marks_path {
        Some(p) => match read_marks(p, doc) {
            Ok(m) => Some(m),
            Err(report) => {
                write!(err, "{report}")?;
                return Ok(1);
            }
        },
        None => None,
    };
    // A reader's own nodes join the graph (`--marks` with additions).
    let overlay = marks.as_ref().map(|m| m.with_overlay(doc));
    let doc = overlay.as_ref().map_or(doc, |o| &o.doc);
    let inputs: Vec<&std::path::Path> = input
        .file
        .as_deref()
        .into_iter()
        .chain(marks_path)
        .collect();
    let ui = UiLang::from_env();
    // Every format but JSON is written as it is made.
    let (marks, lang) = (marks.as_ref(), doc.lang);
    let replace = Overwrite::Replace;
    match format {
        GraphFormat::Json => emit(
            &output::json::to_json(doc),
            output,
            &inputs,
            replace,
            ui,
            out,
            err,
        ),
        GraphFormat::Argdown => emit_streamed(output, &inputs, replace, ui, out, err, |w| {
            formats::argdown::write_to(doc, marks, lang, w);
        }),
        GraphFormat::Aif => emit_streamed(output, &inputs, replace, ui, out, err, |w| {
            formats::aif::write_to(doc, lang, w)
        }),
        GraphFormat::Dot => emit_streamed(output, &inputs, replace, ui, out, err, |w| {
            formats::dot::write_to(doc, marks, lang, w);
        }),
        GraphFormat::Kialo => emit_streamed(output, &inputs, replace, ui, out, err, |w| {
            let _ = formats::kialo::write_to(doc, lang, w);
        }),
    }
}
