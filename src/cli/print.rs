//! `stance print`: the article as plain text, with its nodes under each paragraph.

use std::io::Write;

use crate::tui::i18n::UiLang;

use super::args::InputArgs;
use super::common::with_document;
use crate::output::{self, PrintLang};

pub(super) fn print(
    input: &InputArgs,
    lang: PrintLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_document(input, UiLang::from_env(), err, |doc| {
        out.write_all(output::print(doc, lang).as_bytes())
    })
}
