//! The command line: reading, checking, printing and exporting documents, and a reader's marks.
//!
//! Each command writes its product to stdout and problems to stderr, and
//! returns the exit status: 0 when all is well (warnings allowed), 1 when the
//! document has errors or cannot be read, 2 for a mistaken command line.
//!
//! Each command has its own module; [`args`] holds the arguments they share.

mod analyze;
pub mod args;
mod brief;
mod check;
mod class;
mod common;
mod export;
mod figure;
mod graph;
mod import;
mod marks_list;
mod merge;
mod new;
mod print;
mod read;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use args::{
    AnalyzeFormat, ClassFormat, FigureLang, GraphFormat, InputArgs, MarksArgs, ReaderArgs,
};

use crate::analysis::brief::Side;
use crate::formats::ImportFormat;
use crate::marks::export::ExportFormat;
use crate::model::load::DEFAULT_MAX_SIZE_MIB;
use crate::output::PrintLang;
use crate::tui::i18n::UiLang;
use crate::tui::reading::Mode;

/// Read an article as an argument: its claims, the evidence behind them and the rebuttals against them.
#[derive(Debug, Parser)]
#[command(name = "stance", version, about, long_about = None)]
pub struct Cli {
    /// What to do; with none, stance opens the reader on the built-in article.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// How the reader looks, when stance runs without a command.
    #[command(flatten)]
    pub reader: ReaderArgs,
    /// Where the marks are kept, when stance runs without a command.
    #[command(flatten)]
    pub marks: MarksArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive reader (the default when stance runs in a terminal).
    Read {
        /// The document to work on.
        #[command(flatten)]
        input: InputArgs,
        /// How the reader looks.
        #[command(flatten)]
        reader: ReaderArgs,
        /// Where the marks are kept.
        #[command(flatten)]
        marks: MarksArgs,
        /// A class's merged marks (from `stance merge`), shown beside your own.
        #[arg(long, value_name = "MERGED.json", conflicts_with = "class_dir")]
        class: Option<PathBuf>,
        /// Reload FILE whenever it changes on disk (for authors editing it).
        #[arg(long)]
        watch: bool,
        /// With --class-dir: show classmates as "student 1…n" instead of by name.
        #[arg(long, requires = "class_dir")]
        anonymous: bool,
        /// With --class-dir: open on the teacher's view of the class (`T` toggles it).
        #[arg(long, requires = "class_dir")]
        teacher: bool,
    },
    /// Write your marks as JSON, Markdown or W3C Web Annotations, or the whole argument as one HTML page.
    Export {
        /// The document the marks are on.
        #[command(flatten)]
        input: InputArgs,
        /// Where the marks are kept.
        #[command(flatten)]
        marks: MarksArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Language of the Markdown's own words (default: from LANG).
        #[arg(long, value_enum)]
        ui: Option<UiLang>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// With `--format html`: a class's merged marks (from `stance merge`), to show where the class splits.
        #[arg(long, value_name = "MERGED.json", conflicts_with = "class_dir")]
        class: Option<PathBuf>,
        /// With `--format html`: the article as the page first shows it (the page can switch).
        #[arg(long, value_enum, default_value_t = PrintLang::Both)]
        lang: PrintLang,
    },
    /// Merge a class's marks files into one view: who agrees, disputes, is unsure, most divisive first.
    Merge {
        /// Marks files (each student's export).
        #[arg(value_name = "MARKS.json", required = true)]
        files: Vec<PathBuf>,
        /// The document the marks are on, for each node's text (default: the
        /// built-in article, when the marks are on it).
        #[arg(long, value_name = "FILE")]
        document: Option<PathBuf>,
        /// Language of what stance writes (default: from LANG).
        #[arg(long, value_enum)]
        ui: Option<UiLang>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClassFormat::Json)]
        format: ClassFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// A class folder merged, as `merge` does for files: who agrees, disputes, is unsure, and why.
    Class {
        /// The class folder: each reader's `<name>.marks.json`.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The document the marks are on, for each node's text (default: the
        /// built-in article, when the marks are on it).
        #[arg(long, value_name = "FILE")]
        document: Option<PathBuf>,
        /// Language of what stance writes (default: from LANG).
        #[arg(long, value_enum)]
        ui: Option<UiLang>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClassFormat::Table)]
        format: ClassFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// What your marks imply: which claims stand, are weakened, unsupported or contested, and why; and where your marks pull against each other.
    Analyze {
        /// The document the marks are on.
        #[command(flatten)]
        input: InputArgs,
        /// Where the marks are kept.
        #[command(flatten)]
        marks: MarksArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
        format: AnalyzeFormat,
        /// Language of what stance writes (default: from LANG).
        #[arg(long, value_enum)]
        ui: Option<UiLang>,
    },
    /// A debate brief for one side, in Markdown ready to print.
    Brief {
        /// The document.
        #[command(flatten)]
        input: InputArgs,
        /// The side to argue.
        #[arg(long, value_enum)]
        side: Side,
        /// Language of what stance writes (default: from LANG).
        #[arg(long, value_enum)]
        ui: Option<UiLang>,
        /// Your marks file, to show your marks, notes and tensions in the brief.
        #[arg(long, value_name = "FILE")]
        marks: Option<PathBuf>,
        /// A class's merged marks (from `stance merge`), to show the class's split.
        #[arg(long, value_name = "MERGED.json")]
        class: Option<PathBuf>,
        /// A class folder: the class's split from every reader's file in it, and
        /// your own marks from it (unless --marks names them).
        #[arg(long, value_name = "DIR", conflicts_with = "class")]
        class_dir: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Start encoding an article: a document skeleton from a plain-text or Markdown file.
    New {
        /// The article as text (`-` reads standard input).
        #[arg(value_name = "ARTICLE.txt")]
        article: PathBuf,
        /// Where to write the skeleton (default: standard output).
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
        /// The article's language (default: guessed from the text).
        #[arg(long, value_enum)]
        lang: Option<FigureLang>,
    },
    /// Print the JSON Schema of the content format, for editors that validate YAML as you type.
    Schema,
    /// Print one cited figure as text: bars, tables, a calculation worked out and checked.
    Figure {
        /// The figure's id (`stance figure --list` shows them).
        #[arg(value_name = "ID", required_unless_present = "list")]
        id: Option<String>,
        /// The document.
        #[command(flatten)]
        input: InputArgs,
        /// List the figures' ids and titles instead.
        #[arg(long)]
        list: bool,
        /// Which language.
        #[arg(long, value_enum, default_value_t = FigureLang::Zh)]
        lang: FigureLang,
        /// Width in columns.
        #[arg(long, default_value_t = 80)]
        width: usize,
    },
    /// List your marks; with --orphans, those on nodes the document no longer has.
    Marks {
        /// The document the marks are on.
        #[command(flatten)]
        input: InputArgs,
        /// Where the marks are kept.
        #[command(flatten)]
        marks: MarksArgs,
        /// Only marks whose node is no longer in the document (they are kept, never dropped).
        #[arg(long)]
        orphans: bool,
        /// Language of what stance writes (default: from LANG).
        #[arg(long, value_enum)]
        ui: Option<UiLang>,
    },
    /// Check a document and summarize it; every problem is listed as file:line:column.
    Check {
        /// The document to work on.
        #[command(flatten)]
        input: InputArgs,
        /// Check again whenever the file changes on disk (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
        /// List every warning and every gap; without it, a kind of warning
        /// that repeats is said once, with how many there are.
        #[arg(long)]
        all: bool,
    },
    /// Print the article as plain text, with the claims, evidence and rebuttals under each paragraph.
    Print {
        /// The document to work on.
        #[command(flatten)]
        input: InputArgs,
        /// Which language to show.
        #[arg(long, value_enum, default_value_t = PrintLang::Both)]
        lang: PrintLang,
    },
    /// Write the whole document, fully resolved, for other programs.
    Graph {
        /// The document to work on.
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
        format: GraphFormat,
        /// Your marks, shown in Argdown (as tags) and DOT (as fill colours).
        #[arg(long, value_name = "FILE")]
        marks: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Turn a Kialo export, an AIF map or Argdown JSON into a stance document you can edit and mark.
    Import {
        /// The file to import.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Its format (default: detected from the content).
        #[arg(long, value_enum)]
        from: Option<ImportFormat>,
        /// Where to write the document (default: standard output).
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
        /// Largest file to read, in MiB.
        #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MAX_SIZE_MIB)]
        max_size: u64,
    },
}

/// Runs the command line, writing to `out` and `err`; returns the exit status.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // `stance --ui zh analyze` as well as `stance analyze --ui zh`.
    let ui = |own: Option<UiLang>| own.or(cli.reader.ui).unwrap_or_else(UiLang::from_env);
    let input = || InputArgs {
        file: None,
        max_size: DEFAULT_MAX_SIZE_MIB,
    };
    // Without a command: the reader in a terminal, plain text into a pipe;
    // the reader's flags (`stance --ui zh`) apply to either.
    let command = cli.command.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            Command::Read {
                input: input(),
                reader: cli.reader,
                marks: cli.marks,
                class: None,
                watch: false,
                anonymous: false,
                teacher: false,
            }
        } else {
            Command::Print {
                input: input(),
                lang: match cli.reader.lang {
                    Mode::Zh => PrintLang::Zh,
                    Mode::En => PrintLang::En,
                    Mode::Both => PrintLang::Both,
                },
            }
        }
    });
    let result = match command {
        Command::Read {
            input,
            reader,
            marks,
            class,
            watch,
            anonymous,
            teacher,
        } => read::read(
            &input,
            reader,
            &marks,
            class.as_deref(),
            watch,
            read::ClassFlags { anonymous, teacher },
            err,
        ),
        Command::Export {
            input,
            marks,
            format: ExportFormat::Html,
            ui: lang,
            output,
            class,
            lang: article,
        } => export::export_html(
            &input,
            &marks,
            export::Page {
                class: class.as_deref(),
                ui: ui(lang),
                article,
            },
            output.as_deref(),
            out,
            err,
        ),
        Command::Export {
            ui: lang,
            class: Some(_),
            ..
        } => writeln!(
            err,
            "stance: {}",
            crate::tui::i18n::html_strings(ui(lang)).class_needs_html
        )
        .map(|()| 2),
        Command::Export {
            input,
            marks,
            format,
            ui: lang,
            output,
            ..
        } => export::export(
            &input,
            &marks,
            format,
            ui(lang),
            output.as_deref(),
            out,
            err,
        ),
        Command::Merge {
            files,
            document,
            ui: lang,
            format,
            output,
        } => merge::merge(
            &files,
            document.as_deref(),
            ui(lang),
            format,
            output.as_deref(),
            out,
            err,
        ),
        Command::Class {
            dir,
            document,
            ui: lang,
            format,
            output,
        } => class::class(
            &dir,
            document.as_deref(),
            ui(lang),
            format,
            output.as_deref(),
            out,
            err,
        ),
        Command::Marks {
            input,
            marks,
            orphans,
            ui: lang,
        } => marks_list::list_marks(&input, &marks, orphans, ui(lang), out, err),
        Command::New {
            article,
            output,
            lang,
        } => new::new_document(&article, output.as_deref(), lang, out, err),
        Command::Schema => out
            .write_all(crate::authoring::content_schema().as_bytes())
            .map(|()| 0),
        Command::Figure {
            id,
            input,
            list,
            lang,
            width,
        } => figure::figure(&input, id.as_deref(), list, lang, width, out, err),
        Command::Analyze {
            input,
            marks,
            format,
            ui: lang,
        } => analyze::analyze(&input, &marks, format, ui(lang), out, err),
        Command::Brief {
            input,
            side,
            ui: lang,
            marks,
            class,
            class_dir,
            output,
        } => brief::brief(
            &input,
            side,
            ui(lang),
            brief::Sources {
                marks: marks.as_deref(),
                class: class.as_deref(),
                class_dir: class_dir.as_deref(),
            },
            output.as_deref(),
            out,
            err,
        ),
        Command::Check {
            input,
            watch: false,
            all,
        } => check::check(&input, all, out, err),
        Command::Check {
            input,
            watch: true,
            all,
        } => check::check_watch(&input, all, out, err),
        Command::Print { input, lang } => print::print(&input, lang, out, err),
        Command::Graph {
            input,
            format,
            marks,
            output,
        } => graph::graph(
            &input,
            format,
            marks.as_deref(),
            output.as_deref(),
            out,
            err,
        ),
        Command::Import {
            file,
            from,
            output,
            max_size,
        } => import::import(&file, from, output.as_deref(), max_size, out, err),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`stance print | head`) is the reader's choice, not a failure.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return 0;
            }
            let _ = writeln!(err, "stance: {e}");
            1
        }
    }
}
