//! The arguments several commands share: the document, the reader's look, the marks, and output formats.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::read_file;
use crate::formats;
use crate::marks;
use crate::model::{self, Input, LoadOptions, Loaded, load::DEFAULT_MAX_SIZE_MIB};
use crate::tui::{i18n::UiLang, reading::Mode};

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
    pub(super) fn limits(&self) -> LoadOptions {
        LoadOptions {
            max_bytes: self.max_size.saturating_mul(1024 * 1024),
        }
    }

    /// Loads the document: the built-in article, a stance file, or a Kialo,
    /// AIF or Argdown JSON file, recognised by its content.
    pub(super) fn load(&self) -> Loaded {
        let Some(path) = &self.file else {
            return model::load(&Input::Embedded, self.limits());
        };
        let name = path.display().to_string();
        let limits = self.limits();
        match read_file(path, limits) {
            // Large files are kept resolved in the user's cache (model::cache).
            Ok(text) => match model::cache::Cache::from_env() {
                Some(cache) => cache.load(&name, text, |name, text| {
                    formats::load_any_with(name, text, None, limits)
                }),
                None => formats::load_any_with(&name, text, None, limits),
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
    pub(super) fn load_source(&self) -> Loaded {
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
    /// A class folder shared by every reader: your marks are DIR/<your name>.marks.json.
    #[arg(long, value_name = "DIR", conflicts_with = "marks")]
    pub class_dir: Option<PathBuf>,
}

impl MarksArgs {
    /// The marks file for `doc`, if one can be named.
    pub(super) fn path(&self, doc: &model::Document) -> Option<PathBuf> {
        if let Some(own) = self.own_in_class(marks::reader_id::load()) {
            return Some(own.path);
        }
        self.marks
            .clone()
            .or_else(|| marks::store::default_path(&doc.id))
    }

    /// The reader's own file in the class folder, for the reader with `id`.
    pub(super) fn own_in_class(&self, id: Option<String>) -> Option<marks::folder::OwnFile> {
        let dir = self.class_dir.as_deref()?;
        let name = self.reader().unwrap_or_else(|| "reader".to_string());
        Some(marks::folder::own_file(dir, &name, id.as_deref()))
    }

    /// The reader's name, from `--reader` or `$USER`, on one line with every
    /// control made visible: it is written into files and exports others read.
    pub(super) fn reader(&self) -> Option<String> {
        self.reader
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|r| !r.trim().is_empty())
            .map(|r| crate::text::sanitize_line(r.trim()).into_owned())
    }

    /// Opens the marks for `doc` to read and save them, or says why there are none.
    /// In a class folder the marks carry the reader's id (made the first time).
    pub(super) fn open(&self, doc: &model::Document) -> Option<marks::store::Opened> {
        if self.class_dir.is_some() {
            let id = marks::reader_id::load_or_create();
            let own = self.own_in_class(id.clone())?;
            let mut opened = marks::store::open(&own.path, doc, self.reader());
            if opened.marks.reader_id.is_none() {
                opened.marks.reader_id = id;
            }
            return Some(opened);
        }
        self.path(doc)
            .map(|p| marks::store::open(&p, doc, self.reader()))
    }

    /// Reads the marks for `doc` without locking or creating anything.
    pub(super) fn read(&self, doc: &model::Document) -> Option<marks::store::Opened> {
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
