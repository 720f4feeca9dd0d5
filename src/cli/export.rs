//! `stance export`: a reader's marks as JSON, Markdown or W3C Web Annotations,
//! and the whole argument as one HTML page.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use super::common::{
    Overwrite, emit_with, read_class, read_marks, with_document, with_marks, wrong_class,
};
use crate::marks::{self, export::ExportFormat};
use crate::output::html;
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

/// How the HTML page is made: the class beside the reader, and its languages.
pub(super) struct Page<'a> {
    pub class: Option<&'a std::path::Path>,
    pub ui: UiLang,
    pub article: crate::output::PrintLang,
}

/// `stance export --format html`: the document as one page, with the reader's
/// marks when there are any (`--marks`, or the default marks file when it
/// exists, or the reader's own file in `--class-dir`) and a class's split
/// with `--class` or from the class folder `--class-dir`.
pub(super) fn export_html(
    input: &InputArgs,
    marks_args: &MarksArgs,
    page: Page<'_>,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let lang = page.ui;
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, lang, err, |_| Ok(()));
    };
    let marks_path = marks_args
        .marks
        .clone()
        .or_else(|| marks_args.path(doc).filter(|p| p.exists()));
    let marks = match marks_path
        .as_deref()
        .map(|p| read_marks(p, doc))
        .transpose()
    {
        // `--reader` names the reader on the page, as in the other exports.
        Ok(m) => m.map(|mut m| {
            if marks_args.reader.is_some() {
                m.reader = marks_args.reader();
            }
            m
        }),
        Err(report) => {
            write!(err, "{report}")?;
            return Ok(1);
        }
    };
    // A class folder's split is the page's class, as `stance class DIR`
    // merges it; what the folder could not count is told on `err`.
    let mut folder_files: Vec<std::path::PathBuf> = Vec::new();
    let from_folder = match marks_args.class_dir.as_deref() {
        Some(dir) => match super::class::read_folder(dir, Some(doc), lang, err)? {
            Ok((folder, mut class)) => {
                marks::class::fill_from(&mut class, doc);
                folder_files = folder.readers.iter().map(|c| dir.join(&c.file)).collect();
                Some(class)
            }
            Err(message) => {
                writeln!(err, "stance: {message}")?;
                return Ok(1);
            }
        },
        None => None,
    };
    let class = match page.class.map(read_class).transpose() {
        Ok(Some(c)) if c.document.id != doc.id => {
            let path = page.class.unwrap_or(std::path::Path::new(""));
            writeln!(err, "{}", wrong_class(path, &c.document.id, &doc.id))?;
            return Ok(1);
        }
        Ok(c) => c.or(from_folder),
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(1);
        }
    };
    let inputs: Vec<&std::path::Path> = input
        .file
        .as_deref()
        .into_iter()
        .chain(marks_path.as_deref())
        .chain(page.class)
        .chain(folder_files.iter().map(|p| p.as_path()))
        .collect();
    // A reader's own nodes are on the page with the article's.
    let overlay = marks.as_ref().map(|m| m.with_overlay(doc));
    let doc = overlay.as_ref().map_or(doc, |o| &o.doc);
    let sources = html::Sources {
        marks: marks.as_ref(),
        class: class.as_ref(),
    };
    let options = html::Options {
        ui: lang,
        article: page.article,
    };
    emit_with(output, &inputs, Overwrite::Replace, lang, out, err, |w| {
        html::write_page(doc, sources, options, w)
    })
}
