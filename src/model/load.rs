//! Reading a document from a file or from the copy compiled into stance, with
//! limits that keep hostile files (huge, binary, bombs) cheap to reject.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::raw::RawDocument;
use super::{Document, resolve, yaml};
use crate::diag::{Diagnostic, Pos, Report};

/// The article stance opens when no file is given.
pub const EMBEDDED_NAME: &str = "content/deepseek.yaml";
const EMBEDDED_YAML: &str = include_str!("../../content/deepseek.yaml");
/// Where the resolved article is kept, relative to the project.
pub const EMBEDDED_JSON_NAME: &str = "content/deepseek.json";
/// The article as `load_embedded_yaml` resolves it, dumped as JSON (generated:
/// `STANCE_BLESS=1 cargo test --test content` rewrites it, and a test there
/// fails whenever it differs from what the YAML gives). Reading it back takes a
/// fraction of a millisecond, where parsing the YAML and the figure files takes
/// several: every command without a file starts with it.
const EMBEDDED_JSON: &str = include_str!("../../content/deepseek.json");

/// Default largest file stance reads, in MiB; `--max-size` raises it.
pub const DEFAULT_MAX_SIZE_MIB: u64 = 64;

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The article compiled into stance.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

impl Input {
    /// `Embedded` when no path is given.
    pub fn from_arg(path: Option<PathBuf>) -> Self {
        path.map_or(Input::Embedded, Input::File)
    }

    /// The name used in messages.
    pub fn name(&self) -> String {
        match self {
            Input::Embedded => EMBEDDED_NAME.to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Largest file read, in bytes.
    pub max_bytes: u64,
}

impl LoadOptions {
    /// The most nodes a document may hold: 2,048 for each MiB of the size
    /// limit (131,072 at the default 64 MiB), so raising `--max-size` raises it.
    pub fn max_nodes(&self) -> usize {
        usize::try_from((self.max_bytes / 512).max(1)).unwrap_or(usize::MAX)
    }

    /// The most relations a document may hold: 4,096 for each MiB of the size limit.
    pub fn max_relations(&self) -> usize {
        usize::try_from((self.max_bytes / 256).max(1)).unwrap_or(usize::MAX)
    }

    fn counts(&self) -> super::yaml::Counts {
        super::yaml::Counts::new(
            self.max_nodes(),
            self.max_relations(),
            self.max_bytes.div_ceil(1024 * 1024),
        )
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: DEFAULT_MAX_SIZE_MIB * 1024 * 1024,
        }
    }
}

/// A loaded document and what was found while loading it.
#[derive(Debug)]
pub struct Loaded {
    /// The document, when the file could be parsed (it may still have errors).
    pub document: Option<Document>,
    /// Every problem found.
    pub report: Report,
}

impl Loaded {
    /// The document, only if it has no errors.
    pub fn usable(&self) -> Option<&Document> {
        if self.report.has_errors() {
            None
        } else {
            self.document.as_ref()
        }
    }
}

/// The embedded article, resolved: read from its pre-resolved JSON (see
/// [`EMBEDDED_JSON_NAME`]), or from the YAML should that ever fail to read.
/// The article checks clean, so the report is empty; `stance check` uses
/// [`load_embedded_yaml`] to validate the source itself.
pub fn load_embedded() -> Loaded {
    match serde_json::from_str::<Document>(EMBEDDED_JSON) {
        Ok(mut document) if document.schema == super::SCHEMA => {
            document.build_index();
            Loaded {
                document: Some(document),
                report: Report::new(EMBEDDED_NAME),
            }
        }
        _ => load_embedded_yaml(),
    }
}

/// The embedded article, parsed and checked from its YAML source (the source of
/// truth) and its figure files, with every warning that finds.
pub fn load_embedded_yaml() -> Loaded {
    load_text(EMBEDDED_NAME, EMBEDDED_YAML.to_string())
}

/// The resolved document as the JSON [`load_embedded`] reads (and as `stance
/// graph --format json` writes): pretty, ending with a newline.
pub fn embedded_json(doc: &Document) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Reads, parses and checks a document. Never panics: every failure is in the report.
pub fn load(input: &Input, options: LoadOptions) -> Loaded {
    match input {
        Input::Embedded => load_embedded(),
        Input::File(path) => match read_text(path, options) {
            Ok(text) => load_text_with(&input.name(), text, options),
            Err(d) => {
                let mut report = Report::new(input.name());
                report.push(d);
                Loaded {
                    document: None,
                    report,
                }
            }
        },
    }
}

/// Parses and checks `text` (YAML or JSON) as the content of a file called
/// `name`, within the default limits on nodes and relations.
pub fn load_text(name: &str, text: String) -> Loaded {
    load_text_with(name, text, LoadOptions::default())
}

/// Like [`load_text`], with the limits on nodes and relations that `options` give.
pub fn load_text_with(name: &str, text: String, options: LoadOptions) -> Loaded {
    let mut report = Report::new(name);
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let document = match super::yaml::with_counts(options.counts(), || parse(&text)) {
        Ok(raw) => Some(resolve::resolve(raw, &text, &mut report)),
        Err(d) => {
            report.push(d);
            None
        }
    };
    report.source = Some(text);
    report.sort();
    Loaded { document, report }
}

fn parse(text: &str) -> Result<RawDocument, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Pos::NONE, "the file is empty")
            .hint("a stance document starts with `schema: stance/1`; see the format reference in README.md"));
    }
    if looks_like_json(text) {
        // serde_json's errors are the clearer ones for JSON syntax; the parse that
        // keeps positions for later checks is the same as for YAML.
        check_json_syntax(text)?;
        return yaml::parse(&yaml::json_for_yaml(text));
    }
    yaml::parse(text)
}

/// Checks that `text` is JSON, with serde_json's error (clearer than a YAML
/// parser's for JSON) at its line and column when it is not.
pub(crate) fn check_json_syntax(text: &str) -> Result<(), Diagnostic> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| {
            Diagnostic::error(
                Pos::new(e.line() as u64, e.column() as u64),
                format!("invalid JSON: {}", super::yaml::json_error_words(&e)),
            )
        })
}

fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Reads a file as UTF-8 text, refusing directories, oversized and binary files
/// with a message that says what to do.
pub fn read_text(path: &Path, options: LoadOptions) -> Result<String, Diagnostic> {
    let whole = Pos::NONE;
    let meta = fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(Diagnostic::error(whole, "this is a directory, not a file")
            .hint("give the path of a .yaml or .json document inside it"));
    }
    let too_big = |size: u64| {
        Diagnostic::error(
            whole,
            format!(
                "the file is {}, over the {} limit",
                human_size(size),
                human_size(options.max_bytes)
            ),
        )
        .hint(format!(
            "if you trust this file, raise the limit with --max-size {}",
            size.div_ceil(1024 * 1024).max(1) * 2
        ))
    };
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > options.max_bytes {
        return Err(too_big(meta.len()));
    }
    let file = open_without_waiting(path).map_err(|e| io_error(&e))?;
    // What was opened is checked again: the path may have been swapped for a
    // pipe between the two looks (a watched file is replaced all the time).
    if !file.metadata().map_err(|e| io_error(&e))?.is_file() {
        return Err(not_regular());
    }
    // A file can grow while it is read, so the limit is enforced on the bytes
    // actually read as well.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Diagnostic::error(
            position_of(&bytes, at),
            "this looks like a binary file (it contains a NUL byte), not a text document",
        )
        .hint("give a stance document in YAML or JSON"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Diagnostic::error(
            position_of(e.as_bytes(), at),
            "the file is not valid UTF-8 text",
        )
        .hint("save it as UTF-8 (most editors offer this under \"Save with encoding\")")
    })
}

/// The error for a pipe (FIFO), device or socket: reading one can wait forever
/// for a writer, or never end.
fn not_regular() -> Diagnostic {
    Diagnostic::error(
        Pos::NONE,
        "this is not a regular file (it is a pipe, a device or a socket); stance reads documents from files",
    )
    .hint("save what you want to read to a file first, as in `command > article.yaml`")
}

/// Opens `path` for reading without waiting: opening a pipe (FIFO) that has no
/// writer waits until one comes, which could be forever, and not even SIGTERM
/// would end the wait. On Linux the open does not wait (`O_NONBLOCK`); the
/// caller then refuses anything but a regular file.
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK on these architectures; it changes nothing for a regular file.
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

/// Watches a file for changes: its modification time and size, and, when
/// those stay the same, a digest of its content, since an editor or a tool
/// can rewrite a file within one tick of a coarse clock, or set its time back.
/// A file that is replaced by a pipe or a device counts as changed (and is
/// then refused by [`read_text`]); a pipe is never opened here.
#[derive(Debug)]
pub struct Watched {
    path: PathBuf,
    limits: LoadOptions,
    stamp: Option<Stamp>,
    digest: Option<[u8; 32]>,
    /// Looks since the content was last hashed.
    since_digest: u32,
}

/// Files larger than this have their content hashed on every tenth look only
/// when their stamp is unchanged (hashing 64 MiB five times a second would
/// keep a core busy).
const HASH_EVERY_LOOK_UP_TO: u64 = 1024 * 1024;

/// What is cheap to ask of a file: whether it is a regular one, when it was modified, its size.
type Stamp = (bool, Option<std::time::SystemTime>, u64);

impl Watched {
    /// Starts watching `path` as it is now.
    pub fn new(path: impl Into<PathBuf>, limits: LoadOptions) -> Watched {
        let path = path.into();
        let stamp = Watched::stamp_of(&path);
        let digest = Watched::digest_of(&path, limits, stamp);
        Watched {
            path,
            limits,
            stamp,
            digest,
            since_digest: 0,
        }
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn stamp_of(path: &Path) -> Option<Stamp> {
        let m = fs::metadata(path).ok()?;
        Some((m.is_file(), m.modified().ok(), m.len()))
    }

    fn digest_of(path: &Path, limits: LoadOptions, stamp: Option<Stamp>) -> Option<[u8; 32]> {
        use sha2::{Digest, Sha256};
        if !stamp.is_some_and(|(regular, _, len)| regular && len <= limits.max_bytes) {
            return None;
        }
        let mut file = open_without_waiting(path).ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut read = 0u64;
        loop {
            let n = file.read(&mut buf).ok()?;
            if n == 0 {
                break;
            }
            read += n as u64;
            if read > limits.max_bytes {
                return None;
            }
            hasher.update(&buf[..n]);
        }
        Some(hasher.finalize().into())
    }

    /// Whether the file changed since it was last looked at (by `new` or `changed`).
    pub fn changed(&mut self) -> bool {
        let stamp = Watched::stamp_of(&self.path);
        self.since_digest = self.since_digest.saturating_add(1);
        let large = stamp.is_some_and(|(_, _, len)| len > HASH_EVERY_LOOK_UP_TO);
        if stamp == self.stamp && large && self.since_digest < 10 {
            return false;
        }
        self.since_digest = 0;
        let digest = Watched::digest_of(&self.path, self.limits, stamp);
        let changed = stamp != self.stamp || digest != self.digest;
        self.stamp = stamp;
        self.digest = digest;
        changed
    }
}

/// Line and column (in characters) of byte `at`, counting only the valid text before it.
fn position_of(bytes: &[u8], at: usize) -> Pos {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    Pos::new(line, column)
}

fn io_error(e: &std::io::Error) -> Diagnostic {
    let d = Diagnostic::error(Pos::NONE, format!("cannot read the file: {}", io_reason(e)));
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            d.hint("check the path; with no file, stance opens its built-in article")
        }
        std::io::ErrorKind::PermissionDenied => {
            d.hint("ask the file's owner for read access, or copy it somewhere you can read")
        }
        _ => d,
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}
