//! `stance print`: the article as plain text, with its nodes under each paragraph.

use std::io::Write;

use super::args::InputArgs;
use super::common::with_document;
use crate::output::{self, PrintLang};

pub(super) fn print(
    input: &InputArgs,
    lang: PrintLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_document(input, err, |doc| {
        out.write_all(output::print(doc, lang).as_bytes())
    })
}
