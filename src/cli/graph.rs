//! `stance graph`: the whole document in JSON, Argdown, AIF, DOT or Kialo's format.

use std::io::Write;

use super::args::{GraphFormat, InputArgs};
use super::common::{emit, read_marks, with_document};
use crate::formats;
use crate::output;

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
        return with_document(input, err, |_| Ok(()));
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
    let text = match format {
        GraphFormat::Json => output::json::to_json(doc),
        GraphFormat::Argdown => formats::to_argdown(doc, marks.as_ref()),
        GraphFormat::Aif => formats::to_aif(doc),
        GraphFormat::Dot => formats::to_dot(doc, marks.as_ref()),
        GraphFormat::Kialo => formats::to_kialo(doc),
    };
    emit(&text, output, out)?;
    Ok(0)
}
