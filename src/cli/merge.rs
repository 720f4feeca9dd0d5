//! `stance merge`: a class's marks files in one view.

use std::io::Write;
use std::path::PathBuf;

use super::args::ClassFormat;
use super::common::{emit, read_file};
use crate::marks;
use crate::model::LoadOptions;
use crate::text::sanitize_line;

pub(super) fn merge(
    files: &[PathBuf],
    format: ClassFormat,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut parsed = Vec::new();
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        let result = read_file(path, LoadOptions::default())
            .and_then(|text| marks::parse(&name, &text, None));
        match result {
            Ok(file) => parsed.push((name, file)),
            Err(report) => {
                write!(err, "{report}")?;
                failed = true;
            }
        }
    }
    if failed {
        return Ok(1);
    }
    let (class, warnings) = match marks::class::merge(parsed) {
        Ok(r) => r,
        Err(message) => {
            writeln!(err, "stance: {}", sanitize_line(&message))?;
            return Ok(1);
        }
    };
    for w in warnings {
        writeln!(err, "stance: warning: {}", sanitize_line(&w))?;
    }
    let text = match format {
        ClassFormat::Json => {
            let mut s = serde_json::to_string_pretty(&class).unwrap_or_default();
            s.push('\n');
            s
        }
        ClassFormat::Table => marks::class::table(&class),
        ClassFormat::Markdown => marks::class::markdown(&class),
    };
    emit(&text, output, out)?;
    Ok(0)
}
