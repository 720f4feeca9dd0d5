//! Helpers every command uses: reading files, writing output, loading the document and the marks.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use crate::marks;
use crate::model::{self, LoadOptions};
use crate::text::sanitize_line;
use crate::tui::i18n::{UiLang, cli_strings, fill};

/// Reads a file as text, or the report that says why it cannot be read.
pub(super) fn read_file(
    path: &std::path::Path,
    limits: LoadOptions,
) -> Result<String, crate::diag::Report> {
    model::load::read_text(path, limits).map_err(|d| {
        let mut r = crate::diag::Report::new(path.display().to_string());
        r.push(d);
        r
    })
}

/// How an output file may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Overwrite {
    /// A file already there is replaced (exports, briefs and graphs are made again and again).
    Replace,
    /// A file already there is kept, and the command fails (a new document may hold work).
    Never,
}

/// Writes `text` to `path` (or to `out` when there is none), never over one
/// of `inputs`, atomically, and saying on `err` when a file was replaced.
/// Returns the exit status: 0 when written, 1 when not.
pub(super) fn emit(
    text: &str,
    path: Option<&std::path::Path>,
    inputs: &[&std::path::Path],
    overwrite: Overwrite,
    lang: UiLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    emit_with(path, inputs, overwrite, lang, out, err, |w| {
        w.write_all(text.as_bytes())
    })
}

/// As [`emit`], with `write` producing the output as it goes.
pub(super) fn emit_with(
    path: Option<&std::path::Path>,
    inputs: &[&std::path::Path],
    overwrite: Overwrite,
    lang: UiLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<i32> {
    use crate::output::file::{Replaced, WriteError, write_output_with};
    let s = cli_strings(lang);
    let Some(p) = path else {
        write(out)?;
        return Ok(0);
    };
    let shown = sanitize_line(&p.display().to_string()).into_owned();
    let result = write_output_with(p, inputs, overwrite == Overwrite::Replace, write);
    match result {
        Ok(Replaced::Nothing) => {}
        Ok(Replaced::File) => writeln!(err, "stance: {}", fill(s.cm_replaced, &[&shown]))?,
        Ok(Replaced::Link) => writeln!(err, "stance: {}", fill(s.cm_was_link, &[&shown]))?,
        Err(WriteError::IsInput(input)) => {
            let input = sanitize_line(&input.display().to_string()).into_owned();
            writeln!(err, "stance: {}", fill(s.cm_is_input, &[&shown, &input]))?;
            return Ok(1);
        }
        Err(WriteError::IsDirectory) => {
            writeln!(err, "stance: {}", fill(s.cm_is_folder, &[&shown]))?;
            return Ok(1);
        }
        Err(WriteError::Exists) => {
            writeln!(err, "stance: {}", fill(s.cm_exists, &[&shown]))?;
            return Ok(1);
        }
        Err(WriteError::Io(e)) => {
            let why = io_reason(&e, lang);
            writeln!(err, "stance: {}", fill(s.cm_cannot_write, &[&shown, why]))?;
            return Ok(1);
        }
    }
    Ok(0)
}

/// Why the file system refused, in the program's own words.
pub(super) fn io_reason(e: &std::io::Error, lang: UiLang) -> &'static str {
    use std::io::ErrorKind as K;
    let reasons = &cli_strings(lang).io_reasons;
    reasons[match e.kind() {
        K::NotFound => 0,
        K::PermissionDenied => 1,
        K::ReadOnlyFilesystem => 2,
        K::StorageFull | K::QuotaExceeded => 3,
        K::NotADirectory => 4,
        K::InvalidFilename | K::InvalidInput => 5,
        _ => 6,
    }]
}

/// As [`emit`], with `write` producing the text as it goes: a large export is
/// never held whole in memory, and what it writes is sanitized on the way.
pub(super) fn emit_streamed(
    path: Option<&std::path::Path>,
    inputs: &[&std::path::Path],
    overwrite: Overwrite,
    lang: UiLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
    write: impl FnOnce(&mut dyn std::fmt::Write),
) -> std::io::Result<i32> {
    emit_with(path, inputs, overwrite, lang, out, err, |w| {
        let mut buffered = std::io::BufWriter::new(w);
        let mut sink = TextSink::new(&mut buffered);
        write(&mut sink);
        sink.finish()?;
        buffered.flush()
    })
}

/// Text written (`fmt::Write`) straight into a byte stream (`io::Write`),
/// sanitized on the way (the last boundary before a terminal or a file: what
/// reaches it has no escape sequence even if a document slipped one past
/// loading); the first I/O error is kept, and every write after it does nothing.
struct TextSink<'w> {
    inner: &'w mut dyn Write,
    error: Option<std::io::Error>,
}

impl<'w> TextSink<'w> {
    fn new(inner: &'w mut dyn Write) -> TextSink<'w> {
        TextSink { inner, error: None }
    }

    fn finish(self) -> std::io::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl std::fmt::Write for TextSink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        let s = crate::text::sanitize(s);
        self.inner.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

/// The document a class command names with `--document`, loaded; `Err` with
/// the exit code when it cannot be used (what is wrong is already told on `err`).
pub(super) fn named_document(
    path: &std::path::Path,
    lang: UiLang,
    err: &mut dyn Write,
) -> std::io::Result<Result<model::Loaded, i32>> {
    let input = InputArgs {
        file: Some(path.to_path_buf()),
        max_size: model::load::DEFAULT_MAX_SIZE_MIB,
    };
    let loaded = input.load();
    if loaded.usable().is_none() {
        return with_document(&input, lang, err, |_| Ok(())).map(Err);
    }
    Ok(Ok(loaded))
}

/// Loads the document; on errors, reports them and returns 1 without running `f`.
pub(super) fn with_document(
    input: &InputArgs,
    lang: UiLang,
    err: &mut dyn Write,
    f: impl FnOnce(&model::Document) -> std::io::Result<()>,
) -> std::io::Result<i32> {
    let loaded = input.load();
    match loaded.usable() {
        Some(doc) => {
            f(doc)?;
            Ok(0)
        }
        None => {
            write!(err, "{}", loaded.report)?;
            let name = sanitize_line(&loaded.report.file);
            let s = cli_strings(lang);
            writeln!(err, "stance: {}", fill(s.cm_has_errors, &[&name]))?;
            Ok(1)
        }
    }
}

/// Opens the marks of `input`'s document, printing what went wrong when they cannot be read.
pub(super) fn with_marks(
    input: &InputArgs,
    marks_args: &MarksArgs,
    lang: UiLang,
    err: &mut dyn Write,
    f: impl FnOnce(&model::Document, &marks::Marks, &mut dyn Write) -> std::io::Result<i32>,
) -> std::io::Result<i32> {
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, lang, err, |_| Ok(()));
    };
    let Some(opened) = marks_args.read(doc) else {
        writeln!(err, "stance: {}", cli_strings(lang).cm_no_marks_file)?;
        return Ok(1);
    };
    if let Some(report) = &opened.problems {
        write!(err, "{report}")?;
        return Ok(1);
    }
    let mut marks = opened.marks;
    if marks_args.reader.is_some() {
        marks.reader = marks_args.reader();
    }
    let overlay = marks.with_overlay(doc);
    f(&overlay.doc, &marks, err)
}

/// Reads a marks file for `doc` (never writing it).
pub(super) fn read_marks(
    path: &std::path::Path,
    doc: &model::Document,
) -> Result<marks::Marks, crate::diag::Report> {
    let name = path.display().to_string();
    read_file(path, LoadOptions::default())
        .and_then(|t| marks::parse(&name, &t, Some(doc)))
        .map(marks::Marks::from_file)
}

/// Reads a merged class file, or says what is wrong with it.
pub(super) fn read_class(path: &std::path::Path) -> Result<marks::class::ClassFile, String> {
    let name = path.display().to_string();
    let fail = |d: crate::diag::Diagnostic, text: Option<String>| {
        let mut r = crate::diag::Report::new(name.clone());
        r.source = text;
        r.push(d);
        r.to_string().trim_end().to_string()
    };
    let text = model::load::read_text(path, LoadOptions::default()).map_err(|d| fail(d, None))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let c: marks::class::ClassFile = serde_json::from_str(&text).map_err(|e| {
        let pos = crate::diag::Pos::new(e.line() as u64, e.column().max(1) as u64);
        let d = crate::diag::Diagnostic::error(
            pos,
            if e.is_eof() {
                "not a class file from `stance merge`: it ends too soon"
            } else {
                "not a class file from `stance merge`"
            },
        )
        .hint("merge the students' marks with `stance merge A.json B.json -o class.json`");
        fail(d, Some(text.clone()))
    })?;
    if c.schema != marks::class::SCHEMA {
        let d = crate::diag::Diagnostic::error(
            crate::diag::Pos::NONE,
            format!("expected schema `{}`", marks::class::SCHEMA),
        );
        return Err(fail(d, None));
    }
    // Counts cannot exceed the readers merged; a file that says so was not written by stance.
    let readers = c.readers.len();
    if let Some(n) = c.nodes.iter().find(|n| n.votes() > readers) {
        let d = crate::diag::Diagnostic::error(
            crate::diag::Pos::NONE,
            format!(
                "node `{}` has more votes than the {readers} readers merged",
                n.node
            ),
        )
        .hint("merge the marks files again with `stance merge`");
        return Err(fail(d, None));
    }
    let mut c = c;
    for n in &mut c.nodes {
        crate::text::sanitize_in_place(&mut n.node);
        crate::text::sanitize_in_place(&mut n.text);
        for note in &mut n.notes {
            crate::text::sanitize_in_place(&mut note.reader);
            crate::text::sanitize_in_place(&mut note.note);
        }
    }
    for r in &mut c.readers {
        crate::text::sanitize_in_place(r);
    }
    for a in &mut c.additions {
        crate::text::sanitize_in_place(&mut a.reader);
        let x = &mut a.addition;
        for s in [&mut x.id, &mut x.text.zh, &mut x.text.en] {
            crate::text::sanitize_in_place(s);
        }
        for s in [&mut x.quote, &mut x.paragraph, &mut x.note]
            .into_iter()
            .flatten()
        {
            crate::text::sanitize_in_place(s);
        }
        for r in &mut x.relations {
            crate::text::sanitize_in_place(&mut r.to);
        }
    }
    Ok(c)
}

/// The error for a class file made for another document.
pub(super) fn wrong_class(path: &std::path::Path, theirs: &str, ours: &str) -> String {
    format!(
        "{}: error: these class marks are for `{}`, not `{}`\n  = hint: merge this document's marks with `stance merge`",
        sanitize_line(&path.display().to_string()),
        sanitize_line(theirs),
        sanitize_line(ours)
    )
}

pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if word.ends_with("evidence node") || !word.ends_with('s') {
        format!("{n} {word}s")
    } else {
        format!("{n} {word}")
    }
}
