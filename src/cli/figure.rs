//! `stance figure`: one cited figure as text, or the list of them.

use std::io::Write;

use super::args::{FigureLang, InputArgs};
use super::common::with_document;
use crate::model;
use crate::text::sanitize_line;

pub(super) fn figure(
    input: &InputArgs,
    id: Option<&str>,
    list: bool,
    lang: FigureLang,
    width: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_document(input, err, |doc| {
        let lang = match lang {
            FigureLang::Zh => model::Lang::Zh,
            FigureLang::En => model::Lang::En,
        };
        if list {
            for f in &doc.figures {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    f.id,
                    f.kind().name(),
                    f.title.get_or_other(lang)
                )?;
            }
            return Ok(());
        }
        let id = id.unwrap_or_default();
        match doc.figure(id) {
            Some(f) => out.write_all(crate::figures::render_text(f, lang, width).as_bytes()),
            None => Err(std::io::Error::other(format!(
                "no figure `{}`; `stance figure --list` shows them",
                sanitize_line(id)
            ))),
        }
    })
}
