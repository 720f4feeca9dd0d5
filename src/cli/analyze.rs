//! `stance analyze`: what a reader's marks imply, and where they pull against each other.

use std::io::Write;

use super::args::{AnalyzeFormat, InputArgs, MarksArgs};
use super::common::with_marks;
use crate::analysis;
use crate::tui::i18n::UiLang;

pub(super) fn analyze(
    input: &InputArgs,
    marks: &MarksArgs,
    format: AnalyzeFormat,
    lang: UiLang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks, lang, err, |doc, marks, _| {
        let a = analysis::analyze(doc, marks);
        let text = match format {
            AnalyzeFormat::Text => analysis::to_text(doc, marks, &a, lang),
            AnalyzeFormat::Json => {
                // Ids for programs; the explanations are for people, worded
                // as the text output words them, in the interface language.
                let words = analysis::text::Words::new(doc, marks, lang);
                let mut a = a;
                for c in &mut a.claims {
                    c.explanation = words.claim_line(c);
                }
                for t in &mut a.tensions {
                    t.explanation = words.tension(t);
                }
                let mut s = serde_json::to_string_pretty(&a).unwrap_or_default();
                s.push('\n');
                s
            }
        };
        out.write_all(text.as_bytes())?;
        Ok(0)
    })
}
