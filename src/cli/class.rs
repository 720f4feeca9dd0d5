//! `stance class DIR`: `merge` over a class folder, and the folder's reading
//! shared by the commands that take `--class-dir`.

use std::io::Write;
use std::path::Path;

use super::args::ClassFormat;
use super::common::{Overwrite, emit, named_document};
use crate::marks::{self, class::ClassFile, folder::Folder};
use crate::model::{self, Document, LoadOptions};
use crate::text::sanitize_line;
use crate::tui::i18n::{UiLang, class_strings, fill};

/// Reads the class folder `dir` for `doc` (when known): the readers' files,
/// what was skipped, and the class merged. What was skipped and readers who
/// share a name are told on `err` in one line each; only a folder that cannot
/// be listed is an error (its message returned).
pub(super) fn read_folder(
    dir: &Path,
    doc: Option<&Document>,
    lang: UiLang,
    err: &mut dyn Write,
) -> std::io::Result<Result<(Folder, ClassFile), String>> {
    let s = class_strings(lang);
    let mut folder = match marks::folder::scan(dir, None) {
        Ok(f) => f,
        Err(e) => {
            return Ok(Err(fill(
                s.folder_unreadable,
                &[
                    &sanitize_line(&dir.display().to_string()),
                    &sanitize_line(&e.to_string()),
                ],
            )));
        }
    };
    // Without a document named, the folder's: the built-in article's when
    // any file is on it, else the one most files are on.
    let builtin = doc.is_none().then(builtin).flatten();
    let document = match doc.or(builtin.as_ref()) {
        Some(d) if doc.is_some() => marks::document_ref(d),
        b => match folder.main_document(b.map(|d| d.id.as_str())) {
            Some(r) => r,
            None => match b {
                Some(d) => marks::document_ref(d),
                None => marks::DocumentRef {
                    id: String::new(),
                    title: String::new(),
                    digest: String::new(),
                },
            },
        },
    };
    folder.keep_document(&document.id);
    if let Some(line) = folder.summary(lang) {
        writeln!(err, "stance: {line}")?;
    }
    for (name, files) in folder.namesakes() {
        let files: Vec<String> = files
            .iter()
            .map(|f| sanitize_line(f).into_owned())
            .collect();
        writeln!(
            err,
            "stance: {}",
            fill(s.namesakes, &[&name, &files.join(", ")])
        )?;
    }
    let class = folder.merge(document);
    Ok(Ok((folder, class)))
}

/// The built-in article.
pub(super) fn builtin() -> Option<Document> {
    model::load(&model::Input::Embedded, LoadOptions::default()).document
}

/// `stance class DIR`: the folder merged, as `stance merge` writes it.
pub(super) fn class(
    dir: &Path,
    document: Option<&Path>,
    lang: UiLang,
    format: ClassFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let loaded = match document {
        Some(path) => match named_document(path, lang, err)? {
            Ok(loaded) => Some(loaded),
            Err(code) => return Ok(code),
        },
        None => None,
    };
    let doc = loaded.as_ref().and_then(|l| l.usable());
    let (_, mut class) = match read_folder(dir, doc, lang, err)? {
        Ok(r) => r,
        Err(message) => {
            writeln!(err, "stance: {message}")?;
            return Ok(1);
        }
    };
    let builtin = doc.is_none().then(builtin).flatten();
    let doc = doc
        .or(builtin.as_ref())
        .filter(|d| d.id == class.document.id);
    if let Some(doc) = doc {
        marks::class::fill_from(&mut class, doc);
    }
    let text = super::merge::class_text(&class, doc, format, lang);
    let inputs: Vec<&Path> = document.into_iter().collect();
    emit(&text, output, &inputs, Overwrite::Replace, lang, out, err)
}
