//! `stance new`: a document skeleton from an article's text.

use std::io::Write;

use super::args::FigureLang;
use super::common::{emit, read_file};
use crate::model::{self, LoadOptions};
use crate::text::sanitize_line;

/// Scaffolds a document from an article's text.
pub(super) fn new_document(
    article: &std::path::Path,
    output: Option<&std::path::Path>,
    lang: Option<FigureLang>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    use crate::authoring::{SchemaInstall, guess_lang, install_schema, scaffold};
    let name = sanitize_line(&article.display().to_string()).into_owned();
    let text = if article.as_os_str() == "-" {
        let mut t = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut t)?;
        t
    } else {
        match read_file(article, LoadOptions::default()) {
            Ok(t) => t,
            Err(r) => {
                write!(err, "{r}")?;
                return Ok(1);
            }
        }
    };
    let lang = match lang {
        Some(FigureLang::Zh) => model::Lang::Zh,
        Some(FigureLang::En) => model::Lang::En,
        None => guess_lang(&text),
    };
    let yaml = scaffold(&text, lang, &name);
    let loaded = model::load_text(&name, yaml.clone());
    let Some(doc) = loaded
        .document
        .as_ref()
        .filter(|_| !loaded.report.has_errors())
    else {
        write!(err, "{}", loaded.report)?;
        writeln!(
            err,
            "stance: the skeleton does not load; please report this with the article file"
        )?;
        return Ok(1);
    };
    let summary = format!(
        "{} sections, {} paragraphs",
        doc.sections.len(),
        doc.paragraph_count()
    );
    match output {
        None => {
            out.write_all(yaml.as_bytes())?;
            writeln!(
                err,
                "stance: {summary}; for your editor's checks, `stance schema > content.schema.json` beside the file"
            )?;
        }
        Some(path) => {
            if path.exists() {
                writeln!(
                    err,
                    "stance: {} already exists; choose another name or move it aside (stance never overwrites a document)",
                    sanitize_line(&path.display().to_string())
                )?;
                return Ok(1);
            }
            emit(&yaml, Some(path), out)?;
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let schema = match install_schema(dir) {
                Ok(SchemaInstall::KeptOther(p)) => format!(
                    "; {} is someone else's file, so your editor will not find stance's schema",
                    p.display()
                ),
                Ok(_) => String::new(),
                Err(e) => format!("; the schema could not be written beside it ({e})"),
            };
            writeln!(
                out,
                "Wrote {}: {summary}{schema}.\nNext: translate the paragraphs, add nodes, and run `stance check {}` (or `stance read --watch {}`).",
                sanitize_line(&path.display().to_string()),
                sanitize_line(&path.display().to_string()),
                sanitize_line(&path.display().to_string()),
            )?;
        }
    }
    if doc.paragraph_count() == 0 {
        writeln!(err, "stance: warning: no paragraphs were found in {name}")?;
    }
    Ok(0)
}
