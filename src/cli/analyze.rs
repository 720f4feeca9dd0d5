//! `stance analyze`: what a reader's marks imply, and where they pull against each other.

use std::io::Write;

use super::args::{AnalyzeFormat, InputArgs, MarksArgs};
use super::common::with_marks;
use crate::analysis;

pub(super) fn analyze(
    input: &InputArgs,
    marks: &MarksArgs,
    format: AnalyzeFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks, err, |doc, marks, _| {
        let a = analysis::analyze(doc, marks);
        let text = match format {
            AnalyzeFormat::Text => analysis::to_text(&a),
            AnalyzeFormat::Json => {
                let mut s = serde_json::to_string_pretty(&a).unwrap_or_default();
                s.push('\n');
                s
            }
        };
        out.write_all(text.as_bytes())?;
        Ok(0)
    })
}
