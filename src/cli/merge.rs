//! `stance merge`: a class's marks files in one view.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::ClassFormat;
use super::common::{Overwrite, emit, named_document, read_file, wrong_class};
use crate::marks;
use crate::model::{self, LoadOptions};
use crate::text::sanitize_line;
use crate::tui::i18n::UiLang;

pub(super) fn merge(
    files: &[PathBuf],
    document: Option<&Path>,
    lang: UiLang,
    format: ClassFormat,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut parsed = Vec::new();
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        // `stance merge class/*` picks up the lock a reader keeps beside its
        // marks file while it is open; it holds no marks.
        if is_lock(path) {
            let s = crate::tui::i18n::cli_strings(lang);
            let what = crate::tui::i18n::fill(s.mg_skipping_lock, &[&sanitize_line(&name)]);
            writeln!(err, "stance: {what}")?;
            continue;
        }
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
    let (mut class, warnings) = match marks::class::merge(parsed) {
        Ok(r) => r,
        Err(message) => {
            writeln!(err, "stance: {}", sanitize_line(&message))?;
            return Ok(1);
        }
    };
    // The document gives each node its text: the one named, or the built-in
    // article when the marks are on it.
    let loaded = match document {
        Some(path) => match named_document(path, lang, err)? {
            Ok(loaded) => Some(loaded),
            Err(code) => return Ok(code),
        },
        None => Some(model::load(&model::Input::Embedded, LoadOptions::default())),
    };
    let doc = loaded.as_ref().and_then(|l| l.usable());
    match doc {
        Some(doc) if doc.id == class.document.id => marks::class::fill_from(&mut class, doc),
        Some(doc) if document.is_some() => {
            writeln!(
                err,
                "{}",
                wrong_class(
                    document.unwrap_or(Path::new("")),
                    &class.document.id,
                    &doc.id
                )
            )?;
            return Ok(1);
        }
        _ => {}
    }
    // Labels only from the document the marks are on.
    let doc = doc.filter(|d| d.id == class.document.id);
    let words = crate::tui::i18n::cli_strings(lang);
    for w in warnings {
        let w = w.words(lang);
        writeln!(err, "stance: {}: {}", words.mg_warning, sanitize_line(&w))?;
    }
    let text = class_text(&class, doc, format, lang);
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).chain(document).collect();
    emit(&text, output, &inputs, Overwrite::Replace, lang, out, err)
}

/// A class file as `format` writes it (`stance merge` and `stance class`).
pub(super) fn class_text(
    class: &marks::class::ClassFile,
    doc: Option<&crate::model::Document>,
    format: ClassFormat,
    lang: UiLang,
) -> String {
    match format {
        ClassFormat::Json => {
            let mut s = serde_json::to_string_pretty(class).unwrap_or_default();
            s.push('\n');
            s
        }
        ClassFormat::Table => marks::class::table_in(class, doc, lang),
        ClassFormat::Markdown => marks::class::markdown_in(class, doc, lang),
    }
}

/// Whether `path` is the lock stance keeps beside a marks file (`ben.json.lock`).
fn is_lock(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e == "lock")
}
