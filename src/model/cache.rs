//! A cache of resolved documents, so that re-opening a large unchanged file
//! costs a JSON read instead of a YAML parse.
//!
//! Parsing YAML is the floor of loading (serde-saphyr reads 15–19 MB/s here:
//! over 3 s for a 100,000-node document), so a large file is kept, once it
//! has loaded without errors, as its resolved [`Document`] and its warnings,
//! under `$XDG_CACHE_HOME/stance/` (or `~/.cache/stance/`). An entry is named
//! after the SHA-256 of the file's bytes and stance's version and rules, and holds both
//! again; it is used only when both match and the document it holds is
//! consistent (every reference names something it holds). Anything else — a
//! corrupt, foreign, truncated or mismatched entry, an unwritable directory —
//! is ignored, and the file is loaded as if there were no cache (and its entry
//! rewritten); no cache problem is ever reported to the user. So is an entry
//! holding any control or bidi character, raw or escaped: every text a load
//! keeps is sanitized, so such an entry was tampered with, and its escapes
//! must not reach `print`, the exports or `brief`.
//!
//! Files under [`MIN_BYTES`] are not cached: they load in a fraction of a
//! second anyway. `STANCE_NO_CACHE=1` turns the cache off.

use std::collections::HashSet;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Document, Loaded, SCHEMA};
use crate::diag::{Diagnostic, Pos, Report, Severity};

/// Smallest file cached, in bytes (4 MiB: about 7,000 nodes, 0.4 s to load).
pub const MIN_BYTES: usize = 4 * 1024 * 1024;
/// Set (to anything but an empty string or `0`) to turn the cache off.
pub const DISABLE_VAR: &str = "STANCE_NO_CACHE";
/// What an entry says it is, so a file of another shape is never read as one.
const FORMAT: &str = "stance-cache/1";
/// Entries kept; the least recently written beyond this are removed.
const KEEP: usize = 8;

/// Where resolved documents are cached, and from what size.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    min_bytes: usize,
}

/// One entry, as written.
#[derive(Serialize, Deserialize)]
struct Entry {
    format: String,
    version: String,
    /// SHA-256 of the file's bytes, in hex.
    sha256: String,
    /// The warnings the load reported, to report them again.
    warnings: Vec<Warning>,
    document: Document,
}

/// A warning with its place (the report's own types are not serialized).
#[derive(Serialize, Deserialize)]
struct Warning {
    line: u64,
    column: u64,
    message: String,
    hint: Option<String>,
}

impl Cache {
    /// The cache in the user's cache directory, unless `STANCE_NO_CACHE` is set
    /// or there is no home to keep it in.
    pub fn from_env() -> Option<Cache> {
        if std::env::var_os(DISABLE_VAR).is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        let xdg = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute());
        let dir = match xdg {
            Some(d) => d,
            None => {
                PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".cache")
            }
        };
        Some(Cache::in_dir(dir.join("stance")))
    }

    /// A cache kept in `dir`, for files of [`MIN_BYTES`] or more.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: dir.into(),
            min_bytes: MIN_BYTES,
        }
    }

    /// The same cache, for files of `bytes` or more.
    pub fn min_bytes(mut self, bytes: usize) -> Cache {
        self.min_bytes = bytes;
        self
    }

    /// Where the entry for `text` is (or would be) kept.
    pub fn entry_path(&self, text: &str) -> PathBuf {
        self.path_for(&hash(text))
    }

    fn path_for(&self, sha256: &str) -> PathBuf {
        let mut key = Sha256::new();
        key.update(sha256.as_bytes());
        key.update(b"\0");
        key.update(version().as_bytes());
        self.dir.join(format!("{}.json", hex(&key.finalize())))
    }

    /// The document in `text` (the content of the file `name`): from the cache
    /// when it holds it, else from `load`, whose result is then kept when it
    /// has no errors. The result is what `load` gives either way.
    pub fn load(
        &self,
        name: &str,
        text: String,
        load: impl FnOnce(&str, String) -> Loaded,
    ) -> Loaded {
        if text.len() < self.min_bytes {
            return load(name, text);
        }
        let sha256 = hash(&text);
        let path = self.path_for(&sha256);
        if let Some((document, warnings)) = read(&path, &sha256) {
            let mut report = Report::new(name);
            report.diagnostics = warnings;
            let mut text = text;
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            report.source = Some(text);
            return Loaded {
                document: Some(document),
                report,
            };
        }
        let loaded = load(name, text);
        // Warnings are replayed against the file's text, so an entry is only
        // written when the report quotes that text as read (BOM removed).
        let ok = !loaded.report.has_errors() && loaded.report.file == name;
        if let (true, Some(doc)) = (ok, &loaded.document) {
            let _ = self.write(&path, &sha256, &loaded.report, doc);
        }
        loaded
    }

    fn write(&self, path: &Path, sha256: &str, report: &Report, doc: &Document) -> Option<()> {
        #[derive(Serialize)]
        struct EntryRef<'a> {
            format: &'a str,
            version: &'a str,
            sha256: &'a str,
            warnings: Vec<Warning>,
            document: &'a Document,
        }
        let warnings = report
            .diagnostics
            .iter()
            .map(|d| Warning {
                line: d.pos.line,
                column: d.pos.column,
                message: d.message.clone(),
                hint: d.hint.clone(),
            })
            .collect();
        fs::create_dir_all(&self.dir).ok()?;
        // Written beside the entry and renamed over it, so a reader sees a whole
        // entry or none. Not synced to disk: an entry cut short by a crash is
        // refused when read (it does not parse), and syncing 60 MB costs a second.
        let temp = self
            .dir
            .join(format!(".{}.{}.tmp", std::process::id(), &sha256[..16]));
        let entry = EntryRef {
            format: FORMAT,
            version: version(),
            sha256,
            warnings,
            document: doc,
        };
        let written = fs::File::create(&temp).ok().and_then(|file| {
            let mut out = BufWriter::new(file);
            serde_json::to_writer(&mut out, &entry).ok()?;
            out.flush().ok()?;
            fs::rename(&temp, path).ok()
        });
        if written.is_none() {
            let _ = fs::remove_file(&temp);
            return None;
        }
        self.evict();
        Some(())
    }

    /// Removes all but the [`KEEP`] most recently written entries.
    fn evict(&self) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_entry_name(p))
            .filter_map(|p| Some((fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        if entries.len() <= KEEP {
            return;
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, p) in entries.into_iter().skip(KEEP) {
            let _ = fs::remove_file(p);
        }
    }
}

/// Whether `p` is named as an entry (64 hex digits and `.json`), so that
/// nothing else in the directory is ever removed.
fn is_entry_name(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.strip_suffix(".json")
        .is_some_and(|stem| stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The document and warnings of the entry at `path`, if it is one for the
/// text hashed to `sha256` and this version, and its document holds together.
fn read(path: &Path, sha256: &str) -> Option<(Document, Vec<Diagnostic>)> {
    let bytes = fs::read(path).ok()?;
    // Everything a load keeps is sanitized, so an entry that holds a control
    // or bidi character anywhere was not written by stance: discarded whole.
    if !clean(std::str::from_utf8(&bytes).ok()?) {
        return None;
    }
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    drop(bytes);
    if entry.format != FORMAT || entry.version != version() || entry.sha256 != sha256 {
        return None;
    }
    let mut document = entry.document;
    document.build_index();
    if !consistent(&document) {
        return None;
    }
    let warnings = entry
        .warnings
        .into_iter()
        .map(|w| Diagnostic {
            severity: Severity::Warning,
            pos: Pos::new(w.line, w.column),
            message: w.message,
            hint: w.hint,
        })
        .collect();
    Some((document, warnings))
}

/// Whether the JSON `text` holds no character a terminal could act on, raw or
/// escaped: no C0 control but newline (raw, or as `\t`, `\r`, `\b`, `\f`,
/// `\u0000`…), no DEL or C1 control, no bidirectional control. stance writes
/// entries from sanitized documents, so a genuine entry always passes; one
/// that fails was tampered with. (A `\\` followed by `t` is text, not an
/// escape, and is passed over as such.)
fn clean(text: &str) -> bool {
    if matches!(crate::text::sanitize(text), std::borrow::Cow::Owned(_)) {
        return false;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b't' | b'r' | b'b' | b'f') => return false,
            Some(b'u') => {
                let code = text
                    .get(i + 2..i + 6)
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                match code {
                    Some(c) => {
                        let shown = char::from_u32(c).map_or(String::new(), String::from);
                        if (c < 0x20 && c != 0x0a)
                            || matches!(crate::text::sanitize(&shown), std::borrow::Cow::Owned(_))
                        {
                            return false;
                        }
                    }
                    None => return false,
                }
                i += 6;
            }
            _ => i += 2,
        }
    }
    true
}

/// Whether every reference in `doc` names something it holds and its ids are
/// unique: what a loaded document without errors guarantees, checked on what
/// is read back rather than trusted.
fn consistent(doc: &Document) -> bool {
    fn unique<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
        let mut seen = HashSet::new();
        ids.all(|id| seen.insert(id))
    }
    let node = |id: &str| doc.node_index(id).is_some();
    doc.schema == SCHEMA
        && unique(
            doc.sections
                .iter()
                .map(|s| s.id.as_str())
                .chain(
                    doc.sections
                        .iter()
                        .flat_map(|s| s.paragraphs.iter())
                        .map(|p| p.id.as_str()),
                )
                .chain(doc.nodes.iter().map(|n| n.id.as_str())),
        )
        && unique(doc.figures.iter().map(|f| f.id.as_str()))
        && doc.thesis.as_deref().is_none_or(node)
        && doc.nodes.iter().all(|n| {
            n.paragraphs
                .iter()
                .all(|p| doc.paragraph_position(p).is_some())
                && n.figures.iter().all(|f| doc.figure(f).is_some())
        })
        && doc
            .relations
            .iter()
            .all(|r| node(&r.from) && node(&r.to) && r.link.as_deref().is_none_or(node))
        && doc.figures.iter().all(|f| {
            std::iter::once(&f.paragraph)
                .chain(&f.also)
                .all(|p| doc.paragraph_position(p).is_some())
        })
}

/// stance's version and a digest of the source that checks documents
/// (build.rs), so a build with other rules never trusts this one's entries.
fn version() -> &'static str {
    concat!(env!("CARGO_PKG_VERSION"), "+rules.", env!("STANCE_RULES"))
}

fn hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
