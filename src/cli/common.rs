//! Helpers every command uses: reading files, writing output, loading the document and the marks.

use std::io::Write;

use super::args::{InputArgs, MarksArgs};
use crate::marks;
use crate::model::{self, LoadOptions};
use crate::text::sanitize_line;

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

/// Writes `text` to `path`, or to `out` when there is none.
pub(super) fn emit(
    text: &str,
    path: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "cannot write {}: {e}",
                    sanitize_line(&p.display().to_string())
                ),
            )
        }),
        None => out.write_all(text.as_bytes()),
    }
}

/// Writes what `write` produces to `path`, or to `out` when there is none, as
/// it is produced: a large export is never held whole in memory.
pub(super) fn emit_streamed(
    path: Option<&std::path::Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn std::fmt::Write),
) -> std::io::Result<()> {
    let cannot = |p: &std::path::Path, e: std::io::Error| {
        std::io::Error::new(
            e.kind(),
            format!(
                "cannot write {}: {e}",
                sanitize_line(&p.display().to_string())
            ),
        )
    };
    match path {
        Some(p) => {
            let file = std::fs::File::create(p).map_err(|e| cannot(p, e))?;
            let mut file = std::io::BufWriter::new(file);
            let mut sink = TextSink::new(&mut file);
            write(&mut sink);
            sink.finish()
                .and_then(|()| file.flush())
                .map_err(|e| cannot(p, e))
        }
        None => {
            let mut buffered = std::io::BufWriter::new(out);
            let mut sink = TextSink::new(&mut buffered);
            write(&mut sink);
            sink.finish()?;
            buffered.flush()
        }
    }
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

/// Loads the document; on errors, reports them and returns 1 without running `f`.
pub(super) fn with_document(
    input: &InputArgs,
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
            writeln!(
                err,
                "stance: {name} has errors; `stance check {name}` lists them all"
            )?;
            Ok(1)
        }
    }
}

/// Opens the marks of `input`'s document, printing what went wrong when they cannot be read.
pub(super) fn with_marks(
    input: &InputArgs,
    marks_args: &MarksArgs,
    err: &mut dyn Write,
    f: impl FnOnce(&model::Document, &marks::Marks, &mut dyn Write) -> std::io::Result<i32>,
) -> std::io::Result<i32> {
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, err, |_| Ok(()));
    };
    let Some(opened) = marks_args.read(doc) else {
        writeln!(
            err,
            "stance: no marks file: set HOME or XDG_DATA_HOME, or give one with --marks FILE"
        )?;
        return Ok(1);
    };
    if let Some(report) = &opened.problems {
        write!(err, "{report}")?;
        return Ok(1);
    }
    let mut marks = opened.marks;
    if let Some(r) = &marks_args.reader {
        marks.reader = Some(r.clone());
    }
    f(doc, &marks, err)
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
            format!(
                "not a class file from `stance merge`: {}",
                model::yaml::json_error_words(&e)
            ),
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
