//! `stance export`: a reader's marks as JSON, Markdown or W3C Web Annotations.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use super::common::{emit, with_marks};
use crate::marks::{self, export::ExportFormat};

pub(super) fn export(
    input: &InputArgs,
    marks_args: &MarksArgs,
    format: ExportFormat,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks_args, err, |doc, marks, _| {
        emit(&marks::export::export(doc, marks, format), output, out)?;
        Ok(0)
    })
}
