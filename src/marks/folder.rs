//! A class folder: every reader's marks file for one document in one shared
//! directory (a school server, a git repository, a Syncthing or network
//! folder). The reader's own file is `<reader>.marks.json`, written only by
//! its reader; every other file is read and classified, and what sync engines
//! leave behind (half-written files, conflict copies, files for another
//! document or from a newer stance) is skipped and named, never fatal.
//!
//! [`classify`] is pure; [`scan`] and [`own_file`] are the small I/O layer.
//! Nothing here writes a file.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::class::{self, ClassFile};
use super::{DocumentRef, MarksFile};
use crate::model::{LoadOptions, load::read_text};
use crate::text::sanitize_line;
use crate::tui::i18n::{UiLang, class_strings, fill};

/// The most files a folder scan reads; more are counted as skipped.
pub const MAX_FILES: usize = 10_000;

/// The largest marks file read from a class folder.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most read from one folder in all: files past it are skipped, so a
/// folder of huge files cannot take the reader's memory.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file in the folder is not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leftover {
    /// It ends too soon: a sync engine is still writing it. Read again when it changes.
    HalfWritten,
    /// A copy a sync engine made when two changes met (Syncthing's
    /// `.sync-conflict-`, Dropbox's "conflicted copy", git's `<<<<<<<` markers).
    ConflictCopy,
    /// Marks on another document (its id).
    OtherDocument(String),
    /// Written by a newer stance (the schema it names).
    Newer(String),
    /// Not a marks file stance can read, and why (with line and column when known).
    Unreadable(String),
    /// Beyond [`MAX_FILES`] files or [`MAX_TOTAL_BYTES`] in all.
    TooMany,
}

impl Leftover {
    /// The reason in words, in `lang`.
    pub fn words(&self, lang: UiLang) -> String {
        let s = class_strings(lang);
        match self {
            Leftover::HalfWritten => s.half_written.to_string(),
            Leftover::ConflictCopy => s.conflict_copy.to_string(),
            Leftover::OtherDocument(id) => fill(s.other_document, &[&sanitize_line(id)]),
            Leftover::Newer(schema) => fill(s.newer, &[&sanitize_line(schema)]),
            Leftover::Unreadable(why) => fill(s.unreadable, &[&sanitize_line(why)]),
            Leftover::TooMany => fill(
                s.too_many,
                &[
                    &MAX_FILES.to_string(),
                    &(MAX_TOTAL_BYTES / 1024 / 1024).to_string(),
                ],
            ),
        }
    }
}

/// A file skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its name in the folder.
    pub file: String,
    /// Why.
    pub why: Leftover,
}

/// One reader's file in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classmate {
    /// Its name in the folder.
    pub file: String,
    /// What it holds.
    pub marks: MarksFile,
}

/// What a scan of a class folder found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folder {
    /// The readers' files, by file name.
    pub readers: Vec<Classmate>,
    /// The files not counted, by file name.
    pub skipped: Vec<Skipped>,
}

/// Whether `name` is a copy a sync engine made of a file two changes met in.
pub fn is_conflict_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains(".sync-conflict-")
        || lower.contains("conflicted copy")
        // Git's copies of a file in a merge it could not finish.
        || lower.ends_with(".orig")
        || lower.contains(".json_base")
        || lower.contains(".json_local")
        || lower.contains(".json_remote")
}

/// Whether `name` is a file the folder scan looks at: a visible `.json`
/// file (marks files and the copies sync engines make of them). Locks,
/// stance's own temporary files, hidden files (`.git`, `.stfolder`) and
/// anything else a class keeps beside the marks (a README) are not.
pub fn is_candidate(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.starts_with('.') && lower.contains(".json") && !lower.ends_with(".lock")
}

/// Whether `text` holds the markers git leaves in a file it could not merge.
pub fn has_conflict_markers(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>"))
}

/// The version number of a schema such as `stance.marks/1`.
fn version(schema: &str) -> Option<u64> {
    schema.strip_prefix("stance.marks/")?.parse().ok()
}

/// What the file `name` with `text` is: a reader's marks (on `doc_id`, when
/// given) or a leftover, and why. Pure: the text is never changed.
pub fn classify(name: &str, text: &str, doc_id: Option<&str>) -> Result<MarksFile, Leftover> {
    if is_conflict_name(name) || has_conflict_markers(text) {
        return Err(Leftover::ConflictCopy);
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(Leftover::HalfWritten);
    }
    let file = match super::parse(name, text, None) {
        Ok(file) => file,
        Err(report) => return Err(diagnose(body, &report)),
    };
    match doc_id {
        Some(id) if file.document.id != id => Err(Leftover::OtherDocument(file.document.id)),
        _ => Ok(file),
    }
}

/// Why a file [`super::parse`] refused is not counted.
fn diagnose(text: &str, report: &crate::diag::Report) -> Leftover {
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(e) if e.is_eof() => return Leftover::HalfWritten,
        Ok(v) => {
            let schema = v.get("schema").and_then(|s| s.as_str()).unwrap_or("");
            if let (Some(theirs), Some(ours)) = (version(schema), version(super::SCHEMA_2))
                && theirs > ours
            {
                return Leftover::Newer(schema.to_string());
            }
        }
        Err(_) => {}
    }
    let why = report.diagnostics.first().map_or_else(String::new, |d| {
        if d.pos.line > 0 {
            format!("{}:{}: {}", d.pos.line, d.pos.column, d.message)
        } else {
            d.message.clone()
        }
    });
    Leftover::Unreadable(why)
}

/// Reads every candidate file in `dir` ([`is_candidate`]) and classifies it.
/// Fails only when the folder itself cannot be listed.
pub fn scan(dir: &Path, doc_id: Option<&str>) -> io::Result<Folder> {
    let mut names: Vec<String> = Vec::new();
    let mut skipped = Vec::new();
    for entry in fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_candidate(&name) {
            names.push(name);
        }
    }
    names.sort();
    if names.len() > MAX_FILES {
        for name in names.split_off(MAX_FILES) {
            skipped.push(Skipped {
                file: name,
                why: Leftover::TooMany,
            });
        }
    }
    let mut readers = Vec::new();
    let mut total = 0u64;
    for name in names {
        let len = fs::symlink_metadata(dir.join(&name)).map_or(0, |m| m.len());
        total = total.saturating_add(len.min(MAX_FILE_BYTES));
        if total > MAX_TOTAL_BYTES {
            skipped.push(Skipped {
                file: name,
                why: Leftover::TooMany,
            });
            continue;
        }
        match read_one(&dir.join(&name), &name, doc_id) {
            Ok(marks) => readers.push(Classmate { file: name, marks }),
            Err(why) => skipped.push(Skipped { file: name, why }),
        }
    }
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Folder { readers, skipped })
}

/// Reads and classifies one file of the folder.
pub fn read_one(path: &Path, name: &str, doc_id: Option<&str>) -> Result<MarksFile, Leftover> {
    if is_conflict_name(name) {
        return Err(Leftover::ConflictCopy);
    }
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(Leftover::Unreadable(
                "a link, which stance does not follow in a class folder".into(),
            ));
        }
        Ok(m) if !m.is_file() => {
            return Err(Leftover::Unreadable("not a regular file".into()));
        }
        Ok(_) => {}
        // Gone between listing and reading: a sync engine moving it into place.
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Leftover::HalfWritten),
        Err(e) => return Err(Leftover::Unreadable(e.to_string())),
    }
    let limits = LoadOptions {
        max_bytes: MAX_FILE_BYTES,
    };
    match read_text(path, limits) {
        Ok(text) => classify(name, &text, doc_id),
        Err(d) => Err(Leftover::Unreadable(d.message)),
    }
}

impl Folder {
    /// The document most files are for, preferring `preferred` when any file
    /// is for it: a class folder is for one document.
    pub fn main_document(&self, preferred: Option<&str>) -> Option<DocumentRef> {
        if let Some(id) = preferred
            && let Some(c) = self.readers.iter().find(|c| c.marks.document.id == id)
        {
            return Some(c.marks.document.clone());
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &self.readers {
            *counts.entry(c.marks.document.id.as_str()).or_default() += 1;
        }
        let best = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?
            .0
            .to_string();
        self.readers
            .iter()
            .find(|c| c.marks.document.id == best)
            .map(|c| c.marks.document.clone())
    }

    /// Moves the files for any document but `id` to the skipped.
    pub fn keep_document(&mut self, id: &str) {
        let (keep, other): (Vec<_>, Vec<_>) = std::mem::take(&mut self.readers)
            .into_iter()
            .partition(|c| c.marks.document.id == id);
        self.readers = keep;
        for c in other {
            self.skipped.push(Skipped {
                file: c.file,
                why: Leftover::OtherDocument(c.marks.document.id),
            });
        }
        self.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    }

    /// One status line on the files skipped ("2 files skipped: a.json
    /// (half-written), …"), or `None` when none were.
    pub fn summary(&self, lang: UiLang) -> Option<String> {
        summary(&self.skipped, lang)
    }

    /// The readers who picked the same name, with their files: each reader
    /// is told, and neither file is touched. Readers are told apart by their
    /// id ([`super::reader_id`]).
    pub fn namesakes(&self) -> Vec<(String, Vec<String>)> {
        let mut by_name: BTreeMap<String, Vec<(Option<&str>, &str)>> = BTreeMap::new();
        for c in &self.readers {
            by_name
                .entry(reader_name(c))
                .or_default()
                .push((c.marks.reader_id.as_deref(), c.file.as_str()));
        }
        by_name
            .into_iter()
            .filter(|(_, files)| {
                let mut ids: Vec<Option<&str>> = files.iter().map(|(id, _)| *id).collect();
                ids.sort();
                ids.dedup();
                ids.len() > 1
            })
            .map(|(name, files)| (name, files.iter().map(|(_, f)| f.to_string()).collect()))
            .collect()
    }

    /// The class merged: each reader once (a reader is their id, or their name
    /// when the file has none; of two files of one reader the newer counts),
    /// two readers of one name shown apart ("ana", "ana (2)"). `document` is
    /// what the class file names; files for other documents should have been
    /// set aside first ([`Folder::keep_document`]).
    pub fn merge(&self, document: DocumentRef) -> ClassFile {
        self.merge_named(document).0
    }

    /// As [`Folder::merge`], with each reader counted: their name as the
    /// class shows it and their file.
    pub fn merge_named(&self, document: DocumentRef) -> (ClassFile, Vec<(String, &Classmate)>) {
        // Each reader's newest file, keyed by id (or name).
        let mut newest: BTreeMap<String, &Classmate> = BTreeMap::new();
        for c in self
            .readers
            .iter()
            .filter(|c| c.marks.document.id == document.id)
        {
            let key = match &c.marks.reader_id {
                Some(id) => format!("id:{id}"),
                None => format!("name:{}", reader_name(c)),
            };
            match newest.get(&key) {
                Some(old) if old.marks.updated > c.marks.updated => {}
                Some(old) if old.marks.updated == c.marks.updated && old.file < c.file => {}
                _ => {
                    newest.insert(key, c);
                }
            }
        }
        let mut chosen: Vec<&Classmate> = newest.into_values().collect();
        chosen.sort_by(|a, b| a.file.cmp(&b.file));
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut named = Vec::new();
        let files: Vec<(String, MarksFile)> = chosen
            .into_iter()
            .map(|c| {
                let name = reader_name(c);
                let n = seen.entry(name.clone()).or_default();
                *n += 1;
                let shown = if *n == 1 {
                    name
                } else {
                    format!("{name} ({n})")
                };
                let mut marks = c.marks.clone();
                marks.reader = Some(shown.clone());
                named.push((shown, c));
                (c.file.clone(), marks)
            })
            .collect();
        let class = match class::merge(files) {
            Ok((class, _)) => class,
            Err(_) => ClassFile {
                schema: class::SCHEMA.to_string(),
                document,
                readers: Vec::new(),
                nodes: Vec::new(),
                additions: Vec::new(),
            },
        };
        (class, named)
    }
}

/// The name a reader goes by in the class: the file's `reader`, else the file's name up to its first dot.
pub fn reader_name(c: &Classmate) -> String {
    match c.marks.reader.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => sanitize_line(r).into_owned(),
        _ => sanitize_line(c.file.split('.').next().unwrap_or(&c.file)).into_owned(),
    }
}

/// One status line on `skipped`, or `None` when nothing was.
pub fn summary(skipped: &[Skipped], lang: UiLang) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let s = class_strings(lang);
    let shown: Vec<String> = skipped
        .iter()
        .take(5)
        .map(|k| {
            fill(
                s.skipped_one,
                &[&sanitize_line(&k.file), &k.why.words(lang)],
            )
        })
        .collect();
    let mut list = shown.join(s.list_sep);
    if skipped.len() > shown.len() {
        list.push_str(&fill(
            s.and_more,
            &[&(skipped.len() - shown.len()).to_string()],
        ));
    }
    let head = if skipped.len() == 1 {
        s.skipped_1.to_string()
    } else {
        fill(s.skipped_n, &[&skipped.len().to_string()])
    };
    Some(format!("{head}{list}"))
}

/// A reader's name made safe as a file name.
pub fn file_stem(reader: &str) -> String {
    let stem: String = reader
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "reader".to_string()
    } else {
        stem
    }
}

/// Where the reader's own marks go in a class folder, and whether another
/// reader of the same name is there already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnFile {
    /// The reader's own file.
    pub path: PathBuf,
    /// The file of another reader who picked the same name, when there is
    /// one: the reader's marks then go to a file named with their id.
    pub namesake: Option<String>,
}

/// The reader's own file in `dir`: `<reader>.marks.json`, unless that file is
/// another reader's (it carries another reader id), when it is
/// `<reader>-<first 8 of id>.marks.json`. Never writes anything.
pub fn own_file(dir: &Path, reader: &str, id: Option<&str>) -> OwnFile {
    let stem = file_stem(reader);
    let plain = format!("{stem}.marks.json");
    let path = dir.join(&plain);
    // A file there that this user cannot read (another student's, on a
    // shared server) is someone else's as surely as one with another id.
    let theirs = match fs::read_to_string(&path) {
        Ok(t) => super::parse(&plain, &t, None)
            .ok()
            .and_then(|f| f.reader_id),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Some(String::new()),
        Err(_) => None,
    };
    match (theirs, id) {
        (Some(theirs), Some(mine)) if theirs != mine => {
            let short: String = mine.chars().take(8).collect();
            OwnFile {
                path: dir.join(format!("{stem}-{short}.marks.json")),
                namesake: Some(plain),
            }
        }
        _ => OwnFile {
            path,
            namesake: None,
        },
    }
}

/// What tells a file changed without reading it: size, time, and (on unix) inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

fn stamp(meta: &fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    }
}

/// Scans a folder again and again, reading only the files that changed
/// since the last scan: what a watch or a poll calls on every change.
#[derive(Debug, Default)]
pub struct Scanner {
    seen: BTreeMap<String, (Stamp, Result<MarksFile, Leftover>)>,
    scanned: bool,
}

impl Scanner {
    /// A scanner that has read nothing yet.
    pub fn new() -> Scanner {
        Scanner::default()
    }

    /// Looks at `dir` again; gives the folder when anything changed since the
    /// last look (always, the first time), `Ok(None)` when nothing did.
    pub fn rescan(&mut self, dir: &Path, doc_id: Option<&str>) -> io::Result<Option<Folder>> {
        let mut now: BTreeMap<String, Option<Stamp>> = BTreeMap::new();
        for entry in fs::read_dir(dir)? {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            if !is_candidate(&name) {
                continue;
            }
            let meta = fs::symlink_metadata(entry.path()).ok();
            now.insert(name, meta.as_ref().map(stamp));
        }
        let mut changed = !self.scanned;
        self.scanned = true;
        let before = self.seen.len();
        self.seen.retain(|name, _| now.contains_key(name));
        changed |= self.seen.len() != before;
        let mut skipped = Vec::new();
        let mut total = 0u64;
        for (i, (name, st)) in now.into_iter().enumerate() {
            total = total.saturating_add(st.map_or(0, |s| s.len.min(MAX_FILE_BYTES)));
            if i >= MAX_FILES || total > MAX_TOTAL_BYTES {
                changed |= self.seen.remove(&name).is_some();
                skipped.push(Skipped {
                    file: name,
                    why: Leftover::TooMany,
                });
                continue;
            }
            // A file with no stamp (gone while listed) is read every time.
            let fresh =
                matches!((self.seen.get(&name), st), (Some((old, _)), Some(st)) if *old == st);
            if fresh {
                continue;
            }
            let result = read_one(&dir.join(&name), &name, doc_id);
            let st = st.unwrap_or(Stamp {
                len: u64::MAX,
                modified: None,
                inode: 0,
            });
            let same = matches!(self.seen.get(&name), Some((_, r)) if *r == result);
            changed |= !same;
            self.seen.insert(name, (st, result));
        }
        if !changed {
            return Ok(None);
        }
        let mut readers = Vec::new();
        for (name, (_, result)) in &self.seen {
            match result {
                Ok(marks) => readers.push(Classmate {
                    file: name.clone(),
                    marks: marks.clone(),
                }),
                Err(why) => skipped.push(Skipped {
                    file: name.clone(),
                    why: why.clone(),
                }),
            }
        }
        skipped.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(Some(Folder { readers, skipped }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"schema":"stance.marks/1","document":{"id":"doc","title":"T","digest":""},"reader":"ana","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","marks":[{"node":"c1","stance":"agree","at":"2026-01-01T00:00:00Z"}]}"#;

    #[test]
    fn a_marks_file_for_the_document_counts() {
        let f = classify("ana.marks.json", GOOD, Some("doc")).unwrap();
        assert_eq!(f.reader.as_deref(), Some("ana"));
    }

    #[test]
    fn a_file_cut_short_is_half_written() {
        let cut = &GOOD[..GOOD.len() / 2];
        assert_eq!(
            classify("ana.marks.json", cut, Some("doc")),
            Err(Leftover::HalfWritten)
        );
        assert_eq!(
            classify("ana.marks.json", "", Some("doc")),
            Err(Leftover::HalfWritten)
        );
    }

    #[test]
    fn conflict_copies_are_known_by_name_and_by_markers() {
        for name in [
            "ana.sync-conflict-20261203-101010-ABCDEFG.marks.json",
            "ana.marks (Ben's conflicted copy 2026-12-03).json",
        ] {
            assert_eq!(
                classify(name, GOOD, Some("doc")),
                Err(Leftover::ConflictCopy),
                "{name}"
            );
        }
        let merged = format!("<<<<<<< HEAD\n{GOOD}\n=======\n{GOOD}\n>>>>>>> origin/main\n");
        assert_eq!(
            classify("ana.marks.json", &merged, Some("doc")),
            Err(Leftover::ConflictCopy)
        );
    }

    #[test]
    fn marks_on_another_document_are_set_aside() {
        assert_eq!(
            classify("ana.marks.json", GOOD, Some("other")),
            Err(Leftover::OtherDocument("doc".into()))
        );
    }

    #[test]
    fn a_newer_schema_is_named() {
        let newer = GOOD.replace("stance.marks/1", "stance.marks/99");
        assert_eq!(
            classify("ana.marks.json", &newer, Some("doc")),
            Err(Leftover::Newer("stance.marks/99".into()))
        );
    }

    #[test]
    fn broken_json_is_unreadable_with_its_place() {
        let broken = GOOD.replace("\"marks\":[", "\"marks\":[}");
        match classify("ana.marks.json", &broken, Some("doc")) {
            Err(Leftover::Unreadable(why)) => assert!(why.starts_with("1:"), "{why}"),
            other => panic!("{other:?}"),
        }
        let other = r#"{"schema":"something/else"}"#;
        assert!(matches!(
            classify("x.json", other, None),
            Err(Leftover::Unreadable(_))
        ));
    }

    #[test]
    fn only_visible_json_files_are_looked_at() {
        assert!(is_candidate("ana.marks.json"));
        assert!(!is_candidate("ana.marks.json.lock"));
        assert!(!is_candidate(".ana.marks.json.stance-tmp-123"));
        assert!(!is_candidate("README.md"));
        assert!(!is_candidate(".git"));
    }

    #[test]
    fn the_summary_counts_and_names_what_was_skipped() {
        let skipped = vec![
            Skipped {
                file: "a.json".into(),
                why: Leftover::HalfWritten,
            },
            Skipped {
                file: "b.sync-conflict-1.json".into(),
                why: Leftover::ConflictCopy,
            },
        ];
        let line = summary(&skipped, UiLang::En).unwrap();
        assert!(line.starts_with("2 files skipped: "), "{line}");
        assert!(line.contains("a.json") && line.contains("b.sync-conflict-1.json"));
        assert_eq!(summary(&[], UiLang::En), None);
        let zh = summary(&skipped, UiLang::Zh).unwrap();
        assert!(zh.contains('2') && zh.contains("a.json"), "{zh}");
    }

    fn file_of(reader: &str, id: Option<&str>, node: &str, stance: &str) -> String {
        let id = id.map_or(String::new(), |i| format!(r#""reader_id":"{i}","#));
        format!(
            r#"{{"schema":"stance.marks/1","document":{{"id":"doc","title":"T","digest":""}},"reader":"{reader}",{id}"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","marks":[{{"node":"{node}","stance":"{stance}","at":"2026-01-01T00:00:00Z"}}]}}"#
        )
    }

    #[test]
    fn a_scan_counts_readers_and_names_every_leftover() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(
            d.join("ana.marks.json"),
            file_of("ana", None, "c1", "agree"),
        )
        .unwrap();
        fs::write(
            d.join("bo.marks.json"),
            file_of("bo", None, "c1", "dispute"),
        )
        .unwrap();
        fs::write(d.join("cut.marks.json"), &GOOD[..40]).unwrap();
        fs::write(d.join("ana.sync-conflict-20261203-1-A.marks.json"), GOOD).unwrap();
        fs::write(d.join("other.marks.json"), GOOD.replace("\"doc\"", "\"x\"")).unwrap();
        fs::write(d.join("new.marks.json"), GOOD.replace("/1", "/7")).unwrap();
        fs::write(d.join("bad.marks.json"), "{]").unwrap();
        fs::write(d.join("ana.marks.json.lock"), "").unwrap();
        fs::write(d.join("README.md"), "# class").unwrap();
        let folder = scan(d, Some("doc")).unwrap();
        let readers: Vec<&str> = folder.readers.iter().map(|c| c.file.as_str()).collect();
        assert_eq!(readers, ["ana.marks.json", "bo.marks.json"]);
        let why: Vec<(&str, &Leftover)> = folder
            .skipped
            .iter()
            .map(|k| (k.file.as_str(), &k.why))
            .collect();
        assert_eq!(why.len(), 5, "{why:?}");
        assert!(why.contains(&("cut.marks.json", &Leftover::HalfWritten)));
        assert!(why.contains(&(
            "ana.sync-conflict-20261203-1-A.marks.json",
            &Leftover::ConflictCopy
        )));
        assert!(why.contains(&("other.marks.json", &Leftover::OtherDocument("x".into()))));
        assert!(why.contains(&("new.marks.json", &Leftover::Newer("stance.marks/7".into()))));
        assert!(matches!(
            why.iter().find(|(f, _)| *f == "bad.marks.json"),
            Some((_, Leftover::Unreadable(_)))
        ));
        let class = folder.merge(folder.main_document(Some("doc")).unwrap());
        assert_eq!(class.readers, ["ana", "bo"]);
        assert_eq!((class.nodes[0].agree, class.nodes[0].dispute), (1, 1));
        assert!(
            folder
                .summary(UiLang::En)
                .unwrap()
                .starts_with("5 files skipped")
        );
    }

    #[test]
    fn two_readers_of_one_name_are_both_counted_and_told() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let (a, b) = ("a".repeat(32), "b".repeat(32));
        fs::write(
            d.join("ana.marks.json"),
            file_of("ana", Some(&a), "c1", "agree"),
        )
        .unwrap();
        // The second ana is given a file of her own, named with her id.
        let own = own_file(d, "ana", Some(&b));
        assert_eq!(own.namesake.as_deref(), Some("ana.marks.json"));
        assert_eq!(own.path, d.join("ana-bbbbbbbb.marks.json"));
        // The first keeps hers.
        assert_eq!(own_file(d, "ana", Some(&a)).path, d.join("ana.marks.json"));
        fs::write(&own.path, file_of("ana", Some(&b), "c1", "dispute")).unwrap();
        let folder = scan(d, Some("doc")).unwrap();
        assert_eq!(
            folder.namesakes(),
            [(
                "ana".to_string(),
                vec![
                    "ana-bbbbbbbb.marks.json".to_string(),
                    "ana.marks.json".to_string()
                ]
            )]
        );
        let class = folder.merge(folder.main_document(None).unwrap());
        assert_eq!(class.readers, ["ana", "ana (2)"]);
        assert_eq!((class.nodes[0].agree, class.nodes[0].dispute), (1, 1));
    }

    #[test]
    fn a_rescan_reads_what_changed_and_drops_what_went_away() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let mut scanner = Scanner::new();
        let first = scanner.rescan(d, Some("doc")).unwrap().unwrap();
        assert!(first.readers.is_empty());
        assert_eq!(scanner.rescan(d, Some("doc")).unwrap(), None);
        fs::write(
            d.join("ana.marks.json"),
            file_of("ana", None, "c1", "agree"),
        )
        .unwrap();
        fs::write(d.join("bo.marks.json"), &GOOD[..30]).unwrap();
        let second = scanner.rescan(d, Some("doc")).unwrap().unwrap();
        assert_eq!(second.readers.len(), 1);
        assert_eq!(second.skipped[0].why, Leftover::HalfWritten);
        // The half-written file is read again once it is whole.
        fs::write(
            d.join("bo.marks.json"),
            file_of("bo", None, "c1", "dispute"),
        )
        .unwrap();
        let third = scanner.rescan(d, Some("doc")).unwrap().unwrap();
        assert_eq!(third.readers.len(), 2);
        assert!(third.skipped.is_empty());
        fs::remove_file(d.join("ana.marks.json")).unwrap();
        let fourth = scanner.rescan(d, Some("doc")).unwrap().unwrap();
        let names: Vec<&str> = fourth.readers.iter().map(|c| c.file.as_str()).collect();
        assert_eq!(names, ["bo.marks.json"]);
    }

    #[test]
    fn a_folder_of_huge_files_is_read_only_up_to_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let each = MAX_FILE_BYTES;
        let files = MAX_TOTAL_BYTES / each + 1;
        for i in 0..files {
            // Sparse: the disk holds almost nothing.
            let f = fs::File::create(dir.path().join(format!("big{i:02}.marks.json"))).unwrap();
            f.set_len(each).unwrap();
        }
        for folder in [
            scan(dir.path(), None).unwrap(),
            Scanner::new().rescan(dir.path(), None).unwrap().unwrap(),
        ] {
            let too_many: Vec<&str> = folder
                .skipped
                .iter()
                .filter(|k| k.why == Leftover::TooMany)
                .map(|k| k.file.as_str())
                .collect();
            assert_eq!(too_many, [format!("big{:02}.marks.json", files - 1)]);
            assert_eq!(folder.skipped.len() as u64, files);
        }
    }
}
