//! `stance read`: the interactive reader.

use std::io::IsTerminal;
use std::io::Write;

use super::args::{InputArgs, MarksArgs, ReaderArgs};
use super::common::{read_class, with_document, wrong_class};
use crate::tui::{self, i18n::UiLang};

/// How the class folder shows: `--anonymous`, `--teacher`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClassFlags {
    pub anonymous: bool,
    pub teacher: bool,
}

pub(super) fn read(
    input: &InputArgs,
    reader: ReaderArgs,
    marks_args: &MarksArgs,
    class: Option<&std::path::Path>,
    watch: bool,
    flags: ClassFlags,
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
        return with_document(
            input,
            reader.ui.unwrap_or_else(UiLang::from_env),
            err,
            |_| Ok(()),
        );
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
    let ui = reader.ui.unwrap_or_else(UiLang::from_env);
    let class_dir = match &marks_args.class_dir {
        Some(dir) => match class_dir(dir, marks_args, ui) {
            Ok(c) => Some(c),
            Err(message) => {
                writeln!(err, "stance: {message}")?;
                return Ok(1);
            }
        },
        None => None,
    };
    let class_dir = class_dir.map(|mut c| {
        c.anonymous = flags.anonymous;
        c.teacher = flags.teacher;
        c
    });
    let opened = marks_args.open(&doc);
    let options = tui::Options {
        class_dir,
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

/// The class folder the reader follows: it must be a folder stance can list;
/// another reader of the same name is named to the reader as the reader opens.
fn class_dir(
    dir: &std::path::Path,
    marks_args: &MarksArgs,
    ui: UiLang,
) -> Result<tui::ClassDir, String> {
    let s = crate::tui::i18n::class_strings(ui);
    let shown = crate::text::sanitize_line(&dir.display().to_string()).into_owned();
    if let Err(e) = std::fs::read_dir(dir) {
        let why = crate::text::sanitize_line(&e.to_string()).into_owned();
        return Err(crate::tui::i18n::fill(s.folder_unreadable, &[&shown, &why]));
    }
    let own = marks_args.own_in_class(crate::marks::reader_id::load_or_create());
    let notice = own.and_then(|o| {
        let theirs = o.namesake?;
        let name = marks_args.reader().unwrap_or_default();
        let ours = o
            .path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(crate::tui::i18n::fill(
            s.namesake_own,
            &[
                &name,
                &crate::text::sanitize_line(&theirs),
                &crate::text::sanitize_line(&ours),
            ],
        ))
    });
    Ok(tui::ClassDir {
        dir: dir.to_path_buf(),
        anonymous: false,
        teacher: false,
        notice,
    })
}
