//! The command line: reading, checking, printing and exporting documents, and a reader's marks.
//!
//! Each command writes its product to stdout and problems to stderr, and
//! returns the exit status: 0 when all is well (warnings allowed), 1 when the
//! document has errors or cannot be read, 2 for a mistaken command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::{self, brief::Side};
use crate::formats::{self, ImportFormat};
use crate::marks::{self, export::ExportFormat};
use crate::model::{self, Input, LoadOptions, Loaded, NodeKind, load::DEFAULT_MAX_SIZE_MIB};
use crate::output::{self, PrintLang};
use crate::text::sanitize_line;
use crate::tui::{self, i18n::UiLang, reading::Mode};

/// Read an article as an argument: its claims, the evidence behind them and the rebuttals against them.
#[derive(Debug, Parser)]
#[command(name = "stance", version, about, long_about = None)]
pub struct Cli {
    /// What to do; with none, stance opens the reader on the built-in article.
    #[command(subcommand)]
    pub command: Option<Command>,
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
        #[arg(long, value_name = "MERGED.json")]
        class: Option<PathBuf>,
        /// Reload FILE whenever it changes on disk (for authors editing it).
        #[arg(long)]
        watch: bool,
    },
    /// Write your marks as JSON, Markdown or W3C Web Annotations.
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
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Merge a class's marks files into one view: who agrees, disputes, is unsure, most divisive first.
    Merge {
        /// Marks files (each student's export).
        #[arg(value_name = "MARKS.json", required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClassFormat::Json)]
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
    },
    /// A debate brief for one side, in Markdown ready to print.
    Brief {
        /// The document.
        #[command(flatten)]
        input: InputArgs,
        /// The side to argue.
        #[arg(long, value_enum)]
        side: Side,
        /// Your marks file, to show your marks, notes and tensions in the brief.
        #[arg(long, value_name = "FILE")]
        marks: Option<PathBuf>,
        /// A class's merged marks (from `stance merge`), to show the class's split.
        #[arg(long, value_name = "MERGED.json")]
        class: Option<PathBuf>,
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
    },
    /// Check a document and summarize it; every problem is listed as file:line:column.
    Check {
        /// The document to work on.
        #[command(flatten)]
        input: InputArgs,
        /// Check again whenever the file changes on disk (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
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

/// The document to work on.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// A stance document (.yaml or .json); without one, the built-in article.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Largest file to read, in MiB (a guard against runaway files).
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MAX_SIZE_MIB)]
    pub max_size: u64,
}

impl InputArgs {
    fn limits(&self) -> LoadOptions {
        LoadOptions {
            max_bytes: self.max_size.saturating_mul(1024 * 1024),
        }
    }

    /// Loads the document: the built-in article, a stance file, or a Kialo,
    /// AIF or Argdown JSON file, recognised by its content.
    fn load(&self) -> Loaded {
        let Some(path) = &self.file else {
            return model::load(&Input::Embedded, self.limits());
        };
        let name = path.display().to_string();
        match read_file(path, self.limits()) {
            // Large files are kept resolved in the user's cache (model::cache).
            Ok(text) => match model::cache::Cache::from_env() {
                Some(cache) => cache.load(&name, text, |name, text| {
                    formats::load_any(name, text, None)
                }),
                None => formats::load_any(&name, text, None),
            },
            Err(report) => Loaded {
                document: None,
                report,
            },
        }
    }

    /// As [`InputArgs::load`], but the built-in article is parsed and checked
    /// from its YAML source (the others read it pre-resolved), so that `check`
    /// validates what the article is written in.
    fn load_source(&self) -> Loaded {
        match &self.file {
            None => model::load::load_embedded_yaml(),
            Some(_) => self.load(),
        }
    }
}

/// How the reader looks.
#[derive(Debug, Args, Clone, Copy)]
pub struct ReaderArgs {
    /// Interface language (default: from LANG).
    #[arg(long, value_enum)]
    pub ui: Option<UiLang>,
    /// Article language to start in; `L` cycles zh / en / both while reading.
    #[arg(long, value_enum, default_value_t = Mode::Both)]
    pub lang: Mode,
}

impl Default for ReaderArgs {
    fn default() -> Self {
        ReaderArgs {
            ui: None,
            lang: Mode::Both,
        }
    }
}

/// Where a reader's marks are kept.
#[derive(Debug, Args, Clone, Default)]
pub struct MarksArgs {
    /// The marks file (default: $XDG_DATA_HOME/stance/<document id>.marks.json).
    #[arg(long, value_name = "FILE")]
    pub marks: Option<PathBuf>,
    /// Your name, recorded in the marks (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub reader: Option<String>,
}

impl MarksArgs {
    /// The marks file for `doc`, if one can be named.
    fn path(&self, doc: &model::Document) -> Option<PathBuf> {
        self.marks
            .clone()
            .or_else(|| marks::store::default_path(&doc.id))
    }

    fn reader(&self) -> Option<String> {
        self.reader
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|r| !r.trim().is_empty())
    }

    /// Opens the marks for `doc` to read and save them, or says why there are none.
    fn open(&self, doc: &model::Document) -> Option<marks::store::Opened> {
        self.path(doc)
            .map(|p| marks::store::open(&p, doc, self.reader()))
    }

    /// Reads the marks for `doc` without locking or creating anything.
    fn read(&self, doc: &model::Document) -> Option<marks::store::Opened> {
        self.path(doc)
            .map(|p| marks::store::read(&p, doc, self.reader()))
    }
}

/// Languages a figure is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FigureLang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

/// Formats `stance analyze` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// Sentences for a reader.
    Text,
    /// `{claims: [{node, status, because}], tensions: [{kind, nodes, explanation}]}`.
    Json,
}

/// Formats `stance merge` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassFormat {
    /// `stance.class/1`, for `stance read --class`.
    Json,
    /// An aligned table, most contested first.
    Table,
    /// Markdown, with everyone's notes.
    Markdown,
}

/// Formats `stance graph` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// The resolved document as JSON (loads back with `stance check`).
    Json,
    /// Argdown, for the Argdown tools and VS Code extension.
    Argdown,
    /// The Argument Interchange Format as AIFdb writes it (OVA, AIFdb corpora).
    Aif,
    /// Graphviz, for `dot -Tsvg`.
    Dot,
    /// Kialo's plain-text discussion export.
    Kialo,
}

/// Runs the command line, writing to `out` and `err`; returns the exit status.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let input = || InputArgs {
        file: None,
        max_size: DEFAULT_MAX_SIZE_MIB,
    };
    // Without a command: the reader in a terminal, plain text into a pipe.
    let command = cli.command.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            Command::Read {
                input: input(),
                reader: ReaderArgs::default(),
                marks: MarksArgs::default(),
                class: None,
                watch: false,
            }
        } else {
            Command::Print {
                input: input(),
                lang: PrintLang::Both,
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
        } => read(&input, reader, &marks, class.as_deref(), watch, err),
        Command::Export {
            input,
            marks,
            format,
            output,
        } => export(&input, &marks, format, output.as_deref(), out, err),
        Command::Merge {
            files,
            format,
            output,
        } => merge(&files, format, output.as_deref(), out, err),
        Command::Marks {
            input,
            marks,
            orphans,
        } => list_marks(&input, &marks, orphans, out, err),
        Command::New {
            article,
            output,
            lang,
        } => new_document(&article, output.as_deref(), lang, out, err),
        Command::Schema => out
            .write_all(crate::authoring::content_schema().as_bytes())
            .map(|()| 0),
        Command::Figure {
            id,
            input,
            list,
            lang,
            width,
        } => with_document(&input, err, |doc| {
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
            match doc.figure(&id) {
                Some(f) => out.write_all(crate::figures::render_text(f, lang, width).as_bytes()),
                None => Err(std::io::Error::other(format!(
                    "no figure `{}`; `stance figure --list` shows them",
                    sanitize_line(&id)
                ))),
            }
        }),
        Command::Analyze {
            input,
            marks,
            format,
        } => with_marks(&input, &marks, err, |doc, marks, _| {
            let a = analysis::analyze(doc, marks);
            let text = match format {
                AnalyzeFormat::Text => analysis::to_text(&a),
                AnalyzeFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&a).unwrap_or_default();
                    s.push('\n');
                    s
                }
            };
            out.write_all(text.as_bytes())?;
            Ok(0)
        }),
        Command::Brief {
            input,
            side,
            marks,
            class,
            output,
        } => brief(
            &input,
            side,
            marks.as_deref(),
            class.as_deref(),
            output.as_deref(),
            out,
            err,
        ),
        Command::Check {
            input,
            watch: false,
        } => check(&input, out, err),
        Command::Check { input, watch: true } => check_watch(&input, out, err),
        Command::Print { input, lang } => with_document(&input, err, |doc| {
            out.write_all(output::print(doc, lang).as_bytes())
        }),
        Command::Graph {
            input,
            format,
            marks,
            output,
        } => graph(
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
        } => import(&file, from, output.as_deref(), max_size, out, err),
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

fn read(
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

/// Reads a file as text, or the report that says why it cannot be read.
fn read_file(path: &std::path::Path, limits: LoadOptions) -> Result<String, crate::diag::Report> {
    model::load::read_text(path, limits).map_err(|d| {
        let mut r = crate::diag::Report::new(path.display().to_string());
        r.push(d);
        r
    })
}

/// Writes `text` to `path`, or to `out` when there is none.
fn emit(text: &str, path: Option<&std::path::Path>, out: &mut dyn Write) -> std::io::Result<()> {
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

/// Opens the marks of `input`'s document, printing what went wrong when they cannot be read.
fn with_marks(
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

fn export(
    input: &InputArgs,
    marks_args: &MarksArgs,
    format: ExportFormat,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks_args, err, |doc, marks, _| {
        emit(&marks::export::export(doc, marks, format), output, out)?;
        Ok(0)
    })
}

fn list_marks(
    input: &InputArgs,
    marks_args: &MarksArgs,
    orphans: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    with_marks(input, marks_args, err, |doc, marks, err| {
        let file = marks.to_file(doc);
        let mut count = 0;
        for m in &file.marks {
            let orphan = doc.node(&m.node).is_none();
            if orphans && !orphan {
                continue;
            }
            count += 1;
            let stance = m.stance.map_or("note", |s| s.name());
            let note = m
                .note
                .as_deref()
                .map(|n| format!(" — {}", n.replace('\n', " ")))
                .unwrap_or_default();
            let gone = if orphan {
                " (no longer in the document)"
            } else {
                ""
            };
            writeln!(
                out,
                "{}\t{stance}\t{}{gone}{note}",
                m.node,
                m.text.replace('\n', " ")
            )?;
        }
        if count == 0 {
            let what = if orphans {
                "no orphaned marks"
            } else {
                "no marks yet"
            };
            writeln!(err, "stance: {what}")?;
        }
        Ok(0)
    })
}

/// The error for a class file made for another document.
fn wrong_class(path: &std::path::Path, theirs: &str, ours: &str) -> String {
    format!(
        "{}: error: these class marks are for `{}`, not `{}`\n  = hint: merge this document's marks with `stance merge`",
        sanitize_line(&path.display().to_string()),
        sanitize_line(theirs),
        sanitize_line(ours)
    )
}

/// Reads a merged class file, or says what is wrong with it.
fn read_class(path: &std::path::Path) -> Result<marks::class::ClassFile, String> {
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
            format!("not a class file from `stance merge`: {e}"),
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

fn brief(
    input: &InputArgs,
    side: Side,
    marks_path: Option<&std::path::Path>,
    class: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, err, |_| Ok(()));
    };
    let marks = match marks_path.map(|p| read_marks(p, doc)).transpose() {
        Ok(m) => m,
        Err(report) => {
            write!(err, "{report}")?;
            return Ok(1);
        }
    };
    let class = match class.map(read_class).transpose() {
        Ok(Some(c)) if c.document.id != doc.id => {
            let path = class.unwrap_or(std::path::Path::new(""));
            writeln!(err, "{}", wrong_class(path, &c.document.id, &doc.id))?;
            return Ok(1);
        }
        Ok(c) => c.map(|c| {
            c.nodes
                .into_iter()
                .map(|n| (n.node.clone(), n))
                .collect::<std::collections::HashMap<_, _>>()
        }),
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(1);
        }
    };
    let cx = analysis::brief::Context {
        marks: marks.as_ref(),
        class: class.as_ref(),
    };
    emit(&analysis::brief::brief(doc, side, &cx), output, out)?;
    Ok(0)
}

fn merge(
    files: &[PathBuf],
    format: ClassFormat,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut parsed = Vec::new();
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        let result = read_file(path, LoadOptions::default())
            .and_then(|text| marks::parse(&name, &text, None));
        match result {
            Ok(file) => parsed.push((name, file)),
            Err(report) => {
                write!(err, "{report}")?;
                failed = true;
            }
        }
    }
    if failed {
        return Ok(1);
    }
    let (class, warnings) = match marks::class::merge(parsed) {
        Ok(r) => r,
        Err(message) => {
            writeln!(err, "stance: {}", sanitize_line(&message))?;
            return Ok(1);
        }
    };
    for w in warnings {
        writeln!(err, "stance: warning: {}", sanitize_line(&w))?;
    }
    let text = match format {
        ClassFormat::Json => {
            let mut s = serde_json::to_string_pretty(&class).unwrap_or_default();
            s.push('\n');
            s
        }
        ClassFormat::Table => marks::class::table(&class),
        ClassFormat::Markdown => marks::class::markdown(&class),
    };
    emit(&text, output, out)?;
    Ok(0)
}

fn graph(
    input: &InputArgs,
    format: GraphFormat,
    marks_path: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let loaded = input.load();
    let Some(doc) = loaded.usable() else {
        return with_document(input, err, |_| Ok(()));
    };
    let marks = match marks_path {
        Some(p) => match read_marks(p, doc) {
            Ok(m) => Some(m),
            Err(report) => {
                write!(err, "{report}")?;
                return Ok(1);
            }
        },
        None => None,
    };
    let text = match format {
        GraphFormat::Json => output::json::to_json(doc),
        GraphFormat::Argdown => formats::to_argdown(doc, marks.as_ref()),
        GraphFormat::Aif => formats::to_aif(doc),
        GraphFormat::Dot => formats::to_dot(doc, marks.as_ref()),
        GraphFormat::Kialo => formats::to_kialo(doc),
    };
    emit(&text, output, out)?;
    Ok(0)
}

/// Reads a marks file for `doc` (never writing it).
fn read_marks(
    path: &std::path::Path,
    doc: &model::Document,
) -> Result<marks::Marks, crate::diag::Report> {
    let name = path.display().to_string();
    read_file(path, LoadOptions::default())
        .and_then(|t| marks::parse(&name, &t, Some(doc)))
        .map(marks::Marks::from_file)
}

fn import(
    file: &std::path::Path,
    from: Option<ImportFormat>,
    output: Option<&std::path::Path>,
    max_size: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let name = file.display().to_string();
    let limits = LoadOptions {
        max_bytes: max_size.saturating_mul(1024 * 1024),
    };
    let text = match read_file(file, limits) {
        Ok(t) => t,
        Err(r) => {
            write!(err, "{r}")?;
            return Ok(1);
        }
    };
    match formats::import(&name, &text, from) {
        Ok(imported) => {
            write!(err, "{}", imported.report)?;
            if let Some(p) = output
                && p.exists()
            {
                writeln!(
                    err,
                    "stance: {} already exists; choose another name or move it aside",
                    sanitize_line(&p.display().to_string())
                )?;
                return Ok(1);
            }
            emit(&imported.yaml, output, out)?;
            Ok(0)
        }
        Err(report) => {
            write!(err, "{report}")?;
            Ok(1)
        }
    }
}

/// Scaffolds a document from an article's text.
fn new_document(
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

/// Checks the file, then again each time it changes, until interrupted.
fn check_watch(
    input: &InputArgs,
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
    let stamp = || {
        std::fs::metadata(&path)
            .ok()
            .map(|m| (m.modified().ok(), m.len()))
    };
    let mut last = None;
    loop {
        let now = stamp();
        if last.as_ref() != Some(&now) {
            last = Some(now);
            writeln!(out, "── {} ──", marks::now())?;
            check(input, out, err)?;
            out.flush()?;
            err.flush()?;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

fn check(input: &InputArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let loaded = input.load_source();
    write!(err, "{}", loaded.report)?;
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
                crate::authoring::checklist(&gaps).trim_end()
            )?;
        }
    }
    Ok(if r.has_errors() { 1 } else { 0 })
}

/// Loads the document; on errors, reports them and returns 1 without running `f`.
fn with_document(
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if word.ends_with("evidence node") || !word.ends_with('s') {
        format!("{n} {word}s")
    } else {
        format!("{n} {word}")
    }
}
