//! `stance check`: check a document and summarize it, once or whenever it changes.

use std::io::Write;

use super::args::InputArgs;
use super::common::plural;
use crate::marks;
use crate::model::NodeKind;
use crate::text::sanitize_line;

/// Checks the file, then again each time it changes, until interrupted.
pub(super) fn check_watch(
    input: &InputArgs,
    all: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Some(path) = input.file.clone() else {
        writeln!(
            err,
            "stance: --watch follows a file; give one, as in `stance check --watch article.yaml`"
        )?;
        return Ok(2);
    };
    let mut watched = crate::model::load::Watched::new(&path, input.limits());
    let mut first = true;
    loop {
        if std::mem::take(&mut first) || watched.changed() {
            writeln!(out, "── {} ──", marks::now())?;
            check(input, all, out, err)?;
            out.flush()?;
            err.flush()?;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// Most items of one kind the checklist lists without `--all`.
const CHECKLIST_ITEMS: usize = 10;

/// Checks the document: every error, and each kind of warning once (all of
/// them with `all`), then the summary and what the encoding still lacks.
pub(super) fn check(
    input: &InputArgs,
    all: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let loaded = input.load_source();
    if all {
        write!(err, "{}", loaded.report)?;
    } else {
        write!(err, "{}", loaded.report.summarized())?;
    }
    let r = &loaded.report;
    let name = sanitize_line(&r.file);
    let problems = match (r.errors(), r.warnings()) {
        (0, 0) => String::new(),
        (e, w) => format!(
            " ({})",
            [plural(e, "error"), plural(w, "warning")]
                .into_iter()
                .filter(|s| !s.starts_with('0'))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    match &loaded.document {
        Some(doc) => {
            let verdict = if r.has_errors() { "has problems" } else { "ok" };
            writeln!(
                out,
                "{name}: {verdict}{problems}: {}, {}, {}, {}, {}, {}, {}",
                plural(doc.sections.len(), "section"),
                plural(doc.paragraph_count(), "paragraph"),
                plural(doc.count(NodeKind::Claim), "claim"),
                plural(doc.count(NodeKind::Evidence), "evidence node"),
                plural(doc.count(NodeKind::Rebuttal), "rebuttal"),
                plural(doc.relations.len(), "relation"),
                plural(doc.figures.len(), "figure"),
            )?;
        }
        None => writeln!(out, "{name}: cannot be read{problems}")?,
    }
    if let Some(doc) = loaded.usable() {
        let gaps = crate::authoring::gaps(doc);
        if !gaps.is_empty() {
            writeln!(
                out,
                "\nWhat the encoding still lacks:\n{}",
                crate::authoring::checklist_of_at_most(
                    &gaps,
                    if all { usize::MAX } else { CHECKLIST_ITEMS }
                )
                .trim_end()
            )?;
        }
    }
    Ok(if r.has_errors() { 1 } else { 0 })
}
