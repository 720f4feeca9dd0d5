//! `stance import`: a Kialo, AIF or Argdown file as a stance document.

use std::io::Write;

use super::common::{Overwrite, emit, read_file};
use crate::formats::{self, ImportFormat};
use crate::model::LoadOptions;
use crate::tui::i18n::UiLang;

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
            emit(
                &imported.yaml,
                output,
                &[file],
                Overwrite::Never,
                UiLang::from_env(),
                out,
                err,
            )
        }
        Err(report) => {
            write!(err, "{report}")?;
            Ok(1)
        }
    }
}
