//! `stance import`: a Kialo, AIF or Argdown file as a stance document.

use std::io::Write;

use super::common::{emit, read_file};
use crate::formats::{self, ImportFormat};
use crate::model::LoadOptions;
use crate::text::sanitize_line;

pub(super) fn import(
    file: &std::path::Path,
    from: Option<ImportFormat>,
    output: Option<&std::path::Path>,
    max_size: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let name = file.display().to_string();
    let limits = LoadOptions {
        max_bytes: max_size.saturating_mul(1024 * 1024),
    };
    let text = match read_file(file, limits) {
        Ok(t) => t,
        Err(r) => {
            write!(err, "{r}")?;
            return Ok(1);
        }
    };
    match formats::import(&name, &text, from) {
        Ok(imported) => {
            write!(err, "{}", imported.report)?;
            if let Some(p) = output
                && p.exists()
            {
                writeln!(
                    err,
                    "stance: {} already exists; choose another name or move it aside",
                    sanitize_line(&p.display().to_string())
                )?;
                return Ok(1);
            }
            emit(&imported.yaml, output, out)?;
            Ok(0)
        }
        Err(report) => {
            write!(err, "{report}")?;
            Ok(1)
        }
    }
}
