//! Where marks live on disk, and writing them so nothing is ever lost: one
//! writer at a time (a lock beside the file), atomic replacement (a temporary
//! file in the same directory, fsync, rename, fsync of the directory), and a
//! file stance cannot read is left exactly as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::{Marks, Snapshot, parse};
use crate::diag::Report;
use crate::model::{Document, LoadOptions, load::read_text};

/// Why marks are not being saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another stance holds the lock on this file.
    Locked,
    /// The file exists but is not a marks file for this document; it is left untouched.
    Invalid(String),
    /// The directory cannot be created or written.
    Unwritable(String),
}

/// An open marks file.
#[derive(Debug)]
pub struct Store {
    /// The marks file.
    pub path: PathBuf,
    /// `None` when changes are saved; otherwise why not.
    pub read_only: Option<ReadOnly>,
    /// Held for as long as the store is open: the lock that makes us the one writer.
    _lock: Option<File>,
}

/// What opening a marks file gives: the marks, the store, and what to tell the reader.
#[derive(Debug)]
pub struct Opened {
    /// The marks (empty when the file is new or could not be read).
    pub marks: Marks,
    /// Where they are saved, if they are.
    pub store: Store,
    /// Problems with the existing file, for the reader to see.
    pub problems: Option<Report>,
}

/// The default marks file for a document: `$XDG_DATA_HOME/stance/<id>.marks.json`,
/// or `~/.local/share/stance/<id>.marks.json`.
pub fn default_path(doc_id: &str) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(
        base.join("stance")
            .join(format!("{}.marks.json", file_stem(doc_id))),
    )
}

/// A document id made safe as a file name (ids may hold any character but spaces).
fn file_stem(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    path.with_file_name(name)
}

/// Opens the marks for `doc` at `path` to read and write them: takes the
/// writer's lock, creating the directory if needed (the file itself only at
/// the first change).
pub fn open(path: &Path, doc: &Document, reader: Option<String>) -> Opened {
    open_with(path, doc, reader, true)
}

/// Reads the marks for `doc` at `path` without taking the lock or creating
/// anything: for commands that only read them (export, analyze, list).
pub fn read(path: &Path, doc: &Document, reader: Option<String>) -> Opened {
    open_with(path, doc, reader, false)
}

fn open_with(path: &Path, doc: &Document, reader: Option<String>, write: bool) -> Opened {
    // The reader (`write`) fills in a new file's digest itself, off the
    // input path, before the first save: hashing a large document is slow.
    let fresh = || {
        if write {
            Marks::without_digest(doc, reader.clone())
        } else {
            Marks::new(doc, reader.clone())
        }
    };
    let mut store = Store {
        path: path.to_path_buf(),
        read_only: None,
        _lock: None,
    };
    if path.is_dir() {
        store.read_only = Some(ReadOnly::Unwritable(format!(
            "{} is a directory",
            path.display()
        )));
        let mut report = Report::new(path.display().to_string());
        report.push(
            crate::diag::Diagnostic::error(
                crate::diag::Pos::NONE,
                "this is a directory, not a marks file",
            )
            .hint("give a file inside it, such as --marks DIR/marks.json"),
        );
        return Opened {
            marks: fresh(),
            store,
            problems: Some(report),
        };
    }
    if !write {
        store.read_only = Some(ReadOnly::Unwritable("opened only to read".into()));
    } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = fs::create_dir_all(dir)
    {
        store.read_only = Some(ReadOnly::Unwritable(format!(
            "cannot create {}: {e}",
            dir.display()
        )));
    }
    if store.read_only.is_none() {
        match take_lock(path) {
            Ok(Some(lock)) => {
                store._lock = Some(lock);
                remove_stale_temporaries(path);
            }
            Ok(None) => store.read_only = Some(ReadOnly::Locked),
            Err(e) => store.read_only = Some(ReadOnly::Unwritable(e.to_string())),
        }
    }
    if !path.exists() {
        return Opened {
            marks: fresh(),
            store,
            problems: None,
        };
    }
    let name = path.display().to_string();
    let text = match read_text(path, LoadOptions::default()) {
        Ok(t) => t,
        Err(d) => {
            let mut report = Report::new(name);
            report.push(d);
            store.read_only = Some(ReadOnly::Invalid(first_message(&report)));
            return Opened {
                marks: fresh(),
                store,
                problems: Some(report),
            };
        }
    };
    match parse(&name, &text, Some(doc)) {
        Ok(file) => {
            let mut marks = Marks::from_file(file);
            if reader.is_some() && marks.reader.is_none() {
                marks.reader = reader;
            }
            Opened {
                marks,
                store,
                problems: None,
            }
        }
        Err(report) => {
            store.read_only = Some(ReadOnly::Invalid(first_message(&report)));
            Opened {
                marks: fresh(),
                store,
                problems: Some(report),
            }
        }
    }
}

fn first_message(r: &Report) -> String {
    r.diagnostics
        .first()
        .map(|d| d.message.clone())
        .unwrap_or_default()
}

/// Removes temporary files left by a writer that was killed mid-save. Only the
/// lock holder calls this, so no save is in progress to lose its file.
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // atomic-write-file names its temporary `.<name>.<six random characters>`.
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let is_temp = file
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()));
        if is_temp {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Takes the writer's lock; `Ok(None)` when another process holds it.
fn take_lock(path: &Path) -> io::Result<Option<File>> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(path))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

impl Store {
    /// Whether changes are being saved.
    pub fn writable(&self) -> bool {
        self.read_only.is_none()
    }

    /// Saves the marks, atomically: readers of the file see the old marks or the new, never a mix.
    pub fn save(&self, marks: &Marks, doc: &Document) -> io::Result<()> {
        self.check_writable()?;
        write_atomic(&self.path, marks.to_json(doc).as_bytes())
    }

    /// Saves a snapshot of the marks ([`Marks::snapshot`]): the same bytes as
    /// [`Store::save`]. For a writer thread, which has no document.
    pub fn save_snapshot(&self, snapshot: &Snapshot) -> io::Result<()> {
        self.check_writable()?;
        write_atomic(&self.path, snapshot.to_json().as_bytes())
    }

    fn check_writable(&self) -> io::Result<()> {
        match &self.read_only {
            None => Ok(()),
            Some(why) => Err(io::Error::other(match why {
                ReadOnly::Locked => "another stance is writing these marks".to_string(),
                ReadOnly::Invalid(m) => format!("the existing file is kept as it is: {m}"),
                ReadOnly::Unwritable(m) => m.clone(),
            })),
        }
    }
}

/// Replaces `path` with `bytes` atomically (temporary file, fsync, rename, fsync of the directory).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()
}
