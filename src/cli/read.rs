//! `stance read`: the interactive reader.

use std::io::IsTerminal;
use std::io::Write;

use super::args::{InputArgs, MarksArgs, ReaderArgs};
use super::common::{read_class, with_document, wrong_class};
use crate::tui::{self, i18n::UiLang};

pub(super) fn read(
    input: &InputArgs,
    reader: ReaderArgs,
    marks_args: &MarksArgs,
    class: Option<&std::path::Path>,
    watch: bool,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    if watch && input.file.is_none() {
        writeln!(
            err,
            "stance: --watch follows a file; give one, as in `stance read --watch article.yaml`"
        )?;
        return Ok(2);
    }
    if !std::io::stdout().is_terminal() {
        writeln!(
            err,
            "stance: the reader needs a terminal; to get the article as text, use `stance print`"
        )?;
        return Ok(1);
    }
    let loaded = input.load();
    let Some(doc) = loaded.usable().cloned() else {
        return with_document(input, err, |_| Ok(()));
    };
    let class_file = class;
    let class = match class.map(read_class).transpose() {
        Ok(c) => c,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(1);
        }
    };
    if let (Some(c), Some(path)) = (&class, class_file)
        && c.document.id != doc.id
    {
        writeln!(err, "{}", wrong_class(path, &c.document.id, &doc.id))?;
        return Ok(1);
    }
    let opened = marks_args.open(&doc);
    let options = tui::Options {
        ui: reader.ui.unwrap_or_else(UiLang::from_env),
        mode: reader.lang,
        watch: if watch {
            input.file.clone().map(|f| (f, input.limits()))
        } else {
            None
        },
    };
    Ok(match tui::run(doc, options, opened, class)? {
        tui::Ending::Quit => 0,
        // The shell's convention: 128 plus the signal's number.
        tui::Ending::Signal(sig) => 128 + sig,
    })
}
