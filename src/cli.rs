//! The command line: `stance read`, `stance check`, `stance print` and `stance graph`.
//!
//! Each command writes its product to stdout and problems to stderr, and
//! returns the exit status: 0 when all is well (warnings allowed), 1 when the
//! document has errors or cannot be read, 2 for a mistaken command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    },
    /// Check a document and summarize it; every problem is listed as file:line:column.
    Check(InputArgs),
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
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
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
    fn load(&self) -> Loaded {
        let options = LoadOptions {
            max_bytes: self.max_size.saturating_mul(1024 * 1024),
        };
        model::load(&Input::from_arg(self.file.clone()), options)
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

/// Formats `stance graph` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// The resolved document as JSON (loads back with `stance check`).
    Json,
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
            }
        } else {
            Command::Print {
                input: input(),
                lang: PrintLang::Both,
            }
        }
    });
    let result = match command {
        Command::Read { input, reader } => read(&input, reader, err),
        Command::Check(input) => check(&input, out, err),
        Command::Print { input, lang } => with_document(&input, err, |doc| {
            out.write_all(output::print(doc, lang).as_bytes())
        }),
        Command::Graph {
            input,
            format: GraphFormat::Json,
            output,
        } => with_document(&input, err, |doc| {
            let json = output::json::to_json(doc);
            match &output {
                Some(path) => std::fs::write(path, json).map_err(|e| {
                    std::io::Error::new(
                        e.kind(),
                        format!(
                            "cannot write {}: {e}",
                            sanitize_line(&path.display().to_string())
                        ),
                    )
                }),
                None => out.write_all(json.as_bytes()),
            }
        }),
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

fn read(input: &InputArgs, reader: ReaderArgs, err: &mut dyn Write) -> std::io::Result<i32> {
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
    let options = tui::Options {
        ui: reader.ui.unwrap_or_else(UiLang::from_env),
        mode: reader.lang,
    };
    tui::run(doc, options)?;
    Ok(0)
}

fn check(input: &InputArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let loaded = input.load();
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
                plural(0, "figure"),
            )?;
        }
        None => writeln!(out, "{name}: cannot be read{problems}")?,
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
