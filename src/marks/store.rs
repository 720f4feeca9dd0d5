//! Where marks live on disk, and writing them so nothing is ever lost: one
//! writer at a time (a lock beside the file), atomic replacement (a temporary
//! file in the same directory, fsync, rename, fsync of the directory), and a
//! file stance cannot read is left exactly as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    /// Stance will not use the file or its lock, for a reason it can name.
    Refused(Unsaved),
}

/// What keeps a marks file from being written, for the reader to be told in
/// their own language (the reader's catalogue has the words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// The disk (or the reader's quota on it) is full.
    DiskFull,
    /// The folder may not be written by this user.
    NoPermission,
    /// The disk is mounted read-only.
    ReadOnlyDisk,
    /// A folder, or a file stance did not make, is where the file must go.
    InTheWay,
    /// The folder the file was in no longer exists.
    FolderGone,
    /// The lock file is a link, which stance does not follow.
    LockIsLink,
    /// The lock file belongs to another user.
    LockOfAnother,
    /// The marks file belongs to another user.
    FileOfAnother,
}

impl Trouble {
    /// The words in English, for messages outside the reader.
    pub fn english(self) -> &'static str {
        match self {
            Trouble::DiskFull => "the disk is full",
            Trouble::NoPermission => "no permission to write there",
            Trouble::ReadOnlyDisk => "the disk can only be read",
            Trouble::InTheWay => "a folder or file is in the way",
            Trouble::FolderGone => "its folder is gone",
            Trouble::LockIsLink => {
                "its lock file is a link, which stance does not follow; remove it, or keep \
                 your marks in a folder of your own (--marks)"
            }
            Trouble::LockOfAnother => {
                "its lock file belongs to another user; keep your marks in a folder of your \
                 own (--marks)"
            }
            Trouble::FileOfAnother => {
                "it belongs to another user, so stance neither reads nor writes it as your \
                 marks; keep your marks in a folder of your own (--marks)"
            }
        }
    }
}

/// A file that could not be written, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// Why.
    pub trouble: Trouble,
    /// The file (a marks file, its lock or its temporary).
    pub path: PathBuf,
}

impl std::fmt::Display for Unsaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display().to_string();
        let path = crate::text::sanitize_line(&path);
        write!(f, "{} ({path})", self.trouble.english())
    }
}

impl std::error::Error for Unsaved {}

impl Unsaved {
    fn new(trouble: Trouble, path: &Path) -> Unsaved {
        Unsaved {
            trouble,
            path: path.to_path_buf(),
        }
    }

    /// As an I/O error of `kind`, from which [`unsaved`] gets it back.
    fn error(self, kind: io::ErrorKind) -> io::Error {
        io::Error::new(kind, self)
    }
}

/// The [`Unsaved`] an error from this module carries, if it is one.
pub fn unsaved(e: &io::Error) -> Option<&Unsaved> {
    e.get_ref()?.downcast_ref()
}

/// An open marks file.
#[derive(Debug)]
pub struct Store {
    /// The marks file.
    pub path: PathBuf,
    /// `None` when changes are saved; otherwise why not.
    pub read_only: Option<ReadOnly>,
    /// Held for as long as the store is open: the lock that makes us the one writer.
    _lock: Option<(File, PathBuf)>,
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

/// stance's folder in the user's data directory: `$XDG_DATA_HOME/stance`, or
/// `~/.local/share/stance`; none when neither is set.
pub fn data_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("stance"))
}

/// The default marks file for a document: `<data dir>/<id>.marks.json` (see [`data_dir`]).
pub fn default_path(doc_id: &str) -> Option<PathBuf> {
    Some(data_dir()?.join(format!("{}.marks.json", file_stem(doc_id))))
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
        store.read_only = Some(refusal(e, dir));
    }
    if store.read_only.is_none()
        && let Some(why) = foreign(path)
    {
        // Never adopted: not its reader's name, not its permissions, not its content.
        store.read_only = Some(ReadOnly::Refused(why));
        return Opened {
            marks: fresh(),
            store,
            problems: None,
        };
    }
    if store.read_only.is_none() {
        // The lock sits beside the file saved, so a reader through a link and
        // one through the file itself take the same lock.
        match resolve_links(path).and_then(|target| Ok((take_lock(&target)?, target))) {
            Ok((Some(lock), target)) => {
                store._lock = Some((lock, lock_path(&target)));
                remove_stale_temporaries(&target);
            }
            Ok((None, _)) => store.read_only = Some(ReadOnly::Locked),
            Err(e) => store.read_only = Some(refusal(e, &lock_path(path))),
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

/// Why saving is off after `e` writing at `path`, said in stance's words.
fn refusal(e: io::Error, path: &Path) -> ReadOnly {
    let e = in_own_words(e, path);
    match unsaved(&e) {
        Some(u) => ReadOnly::Refused(u.clone()),
        None => ReadOnly::Unwritable(e.to_string()),
    }
}

/// Why a marks file (or the link to it) must not be taken as the reader's: it
/// belongs to another user.
fn foreign(path: &Path) -> Option<Unsaved> {
    let link = fs::symlink_metadata(path).ok()?;
    let file = fs::metadata(path).ok();
    (owned_by_another(&link) || file.as_ref().is_some_and(owned_by_another))
        .then(|| Unsaved::new(Trouble::FileOfAnother, path))
}

fn first_message(r: &Report) -> String {
    r.diagnostics
        .first()
        .map(|d| d.message.clone())
        .unwrap_or_default()
}

/// The name of the temporary file a save of `name` writes first: `.NAME.stance-tmp-PID`.
/// Only files of exactly this form, owned by the reader, are ever removed as stale.
fn temp_name(name: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut t = std::ffi::OsString::from(".");
    t.push(name);
    t.push(format!("{TEMP_MARK}{}", std::process::id()));
    t
}

/// What sits between a file's name and the process number in [`temp_name`].
const TEMP_MARK: &str = ".stance-tmp-";

/// Whether `file` is a temporary [`temp_name`] makes for `name`, by any process.
fn is_our_temp(file: &std::ffi::OsStr, name: &std::ffi::OsStr) -> bool {
    let (Some(file), Some(name)) = (file.to_str(), name.to_str()) else {
        return false;
    };
    file.strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix(TEMP_MARK))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes temporary files left by a writer that was killed mid-save: only
/// names stance itself makes ([`temp_name`]), only regular files, only the
/// reader's own. Only the lock holder calls this, so no save is in progress to
/// lose its file.
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !is_our_temp(&entry.file_name(), name) {
            continue;
        }
        let ours = fs::symlink_metadata(entry.path())
            .is_ok_and(|m| m.file_type().is_file() && !owned_by_another(&m));
        if ours {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a file belongs to a user other than the one running stance.
#[cfg(unix)]
fn owned_by_another(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() != rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_another(_meta: &fs::Metadata) -> bool {
    false
}

/// Options that never follow a symbolic link at the last step of a path.
fn no_follow() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        // New files get the reader's umask, never more than rw-r--r--.
        o.mode(0o644);
    }
    o
}

/// Whether opening failed because the last part of the path is a symbolic link.
fn is_link_refused(e: &io::Error, path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && e.kind() != io::ErrorKind::NotFound
}

/// Same file: the same device and inode.
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    true
}

/// Takes the writer's lock; `Ok(None)` when another stance holds it.
///
/// The lock file is created new (never through a link) or, when it is there
/// already, opened without following a link; one of another user's is refused.
/// Since the holder removes it on the way out, the lock counts only if the file
/// locked is still the one at the path.
fn take_lock(path: &Path) -> io::Result<Option<File>> {
    let lock = lock_path(path);
    let shown = lock.display();
    for _ in 0..16 {
        let file = match no_follow().write(true).create_new(true).open(&lock) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                match no_follow().write(true).open(&lock) {
                    Ok(f) => f,
                    // Removed by the holder on its way out: try again.
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) if is_link_refused(&e, &lock) => {
                        return Err(Unsaved::new(Trouble::LockIsLink, &lock).error(e.kind()));
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(Unsaved::new(Trouble::InTheWay, &lock).error(io::ErrorKind::Other));
        }
        if owned_by_another(&meta) {
            return Err(Unsaved::new(Trouble::LockOfAnother, &lock).error(io::ErrorKind::Other));
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        if fs::symlink_metadata(&lock).is_ok_and(|now| same_file(&now, &meta)) {
            return Ok(Some(file));
        }
    }
    Err(io::Error::other(format!(
        "the lock file {shown} keeps changing; is another program removing it?"
    )))
}

impl Drop for Store {
    /// The lock is not a file a reader has to think about: it goes with the store.
    fn drop(&mut self) {
        if let Some((file, lock)) = &self._lock {
            // Only the file this store locked, never one another stance made since.
            if let (Ok(ours), Ok(there)) = (file.metadata(), fs::symlink_metadata(lock))
                && same_file(&ours, &there)
            {
                let _ = fs::remove_file(lock);
            }
        }
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
                ReadOnly::Refused(u) => u.to_string(),
            })),
        }
    }
}

/// Replaces `path` with `bytes` atomically (temporary file, fsync, rename,
/// fsync of the directory). A link is written through: its target gets the
/// new bytes and the link stays. The file is never wider than rw-r--r--, and
/// no narrower than it was made.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_links(path)?;
    let (dir, name) = split(&target)?;
    let tmp = dir.join(temp_name(name));
    let was = fs::metadata(&target).ok().filter(fs::Metadata::is_file);
    let mut created = false;
    let result = (|| {
        let mut file = match no_follow().write(true).create_new(true).open(&tmp) {
            Ok(f) => f,
            // Left by an earlier stance with this process number: ours to replace.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let stale = fs::symlink_metadata(&tmp)
                    .is_ok_and(|m| m.file_type().is_file() && !owned_by_another(&m));
                if !stale {
                    return Err(Unsaved::new(Trouble::InTheWay, &tmp).error(e.kind()));
                }
                fs::remove_file(&tmp)?;
                no_follow().write(true).create_new(true).open(&tmp)?
            }
            Err(e) => return Err(e),
        };
        created = true;
        keep_narrower_mode(&file, was.as_ref())?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, &target)?;
        created = false;
        // The rename is durable only once the directory is: best effort, as some
        // file systems cannot sync a directory.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if created {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| in_own_words(e, &target))
}

/// A path's directory (`.` for a bare name) and file name.
fn split(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} does not name a file", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Ok((dir, name))
}

/// Follows symbolic links from `path` to the file they lead to (which need not exist yet).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other(format!(
        "{} is a chain of links that never ends",
        path.display()
    )))
}

/// A replacement keeps the old file's permissions when they are narrower than
/// the new file's, so a private file stays private.
fn keep_narrower_mode(file: &File, was: Option<&fs::Metadata>) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(was) = was {
        use std::os::unix::fs::PermissionsExt;
        let now = file.metadata()?.permissions().mode() & 0o777;
        let mode = now & was.permissions().mode();
        if mode != now {
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (file, was);
    Ok(())
}

/// Why a file could not be written, said for a reader, naming the file.
pub fn in_own_words(e: io::Error, path: &Path) -> io::Error {
    use io::ErrorKind as K;
    if unsaved(&e).is_some() || e.kind() == K::Other {
        // Already in stance's words, naming the file.
        return e;
    }
    let trouble = match e.kind() {
        K::StorageFull | K::QuotaExceeded => Trouble::DiskFull,
        K::PermissionDenied => Trouble::NoPermission,
        K::ReadOnlyFilesystem => Trouble::ReadOnlyDisk,
        K::IsADirectory | K::DirectoryNotEmpty | K::NotADirectory => Trouble::InTheWay,
        K::NotFound => Trouble::FolderGone,
        _ => {
            return io::Error::new(
                e.kind(),
                format!("{} could not be written ({e})", path.display()),
            );
        }
    };
    Unsaved::new(trouble, path).error(e.kind())
}

/// Writes marks that could not be saved to `path` into a spare file: in the
/// current directory, or else the temporary directory. Never replaces a file;
/// gives the spare file's path, or why neither place could take it.
pub fn write_spare(path: &Path, bytes: &[u8]) -> Result<PathBuf, Vec<io::Error>> {
    let name = path
        .file_name()
        .map_or_else(|| "marks".into(), |n| n.to_string_lossy().into_owned());
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    let stamp: String = super::now().chars().filter(char::is_ascii_digit).collect();
    let mut errors = Vec::new();
    let dirs = std::env::current_dir()
        .into_iter()
        .chain([std::env::temp_dir()]);
    for dir in dirs {
        for n in 0..100 {
            let file = match n {
                0 => format!("{stem}.unsaved-{stamp}.json"),
                _ => format!("{stem}.unsaved-{stamp}-{n}.json"),
            };
            let spare = dir.join(file);
            match no_follow().write(true).create_new(true).open(&spare) {
                Ok(mut f) => match f.write_all(bytes).and_then(|()| f.sync_all()) {
                    Ok(()) => return Ok(spare),
                    Err(e) => {
                        drop(f);
                        let _ = fs::remove_file(&spare);
                        errors.push(in_own_words(e, &spare));
                        break;
                    }
                },
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    errors.push(in_own_words(e, &spare));
                    break;
                }
            }
        }
    }
    Err(errors)
}
