//! A reader's marks: agree, dispute or unsure on nodes, with notes. Loading
//! with precise errors, changing, and the time stamps they carry. No I/O here
//! beyond parsing text; [`store`] reads and writes files.

pub mod additions;
pub mod class;
pub mod class_additions;
pub mod export;
pub mod folder;
pub mod reader_id;
pub mod store;
pub mod writer;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Pos, Report};
use crate::model::Document;
use crate::text::sanitize;

/// The value of `schema` in a marks file without additions (and in every
/// marks file stance wrote before readers could add nodes).
pub const SCHEMA: &str = "stance.marks/1";

/// The value of `schema` in a marks file that holds a reader's own nodes
/// ([`additions::Addition`]). Both are read; `/2` is written only when the file
/// has additions, so a file without them stays `/1`, readable by older stance.
pub const SCHEMA_2: &str = "stance.marks/2";

/// The schema a file with these additions is written as.
fn schema_for<T>(additions: &[T]) -> &'static str {
    if additions.is_empty() {
        SCHEMA
    } else {
        SCHEMA_2
    }
}

/// A reader's position on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The reader accepts it.
    Agree,
    /// The reader rejects it.
    Dispute,
    /// The reader has not made up their mind.
    Unsure,
}

impl Stance {
    /// Every stance, in the order they are listed.
    pub const ALL: [Stance; 3] = [Stance::Agree, Stance::Dispute, Stance::Unsure];

    /// The word used in files.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Dispute => "dispute",
            Stance::Unsure => "unsure",
        }
    }

    /// A glyph, so a stance shows without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Stance::Agree => "✓",
            Stance::Dispute => "✗",
            Stance::Unsure => "?",
        }
    }
}

/// Which document a marks file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// The document's id.
    pub id: String,
    /// Its title in the original language, for people reading the file.
    pub title: String,
    /// SHA-256 of the document as `stance graph --format json` writes it, to tell
    /// when the content changed under the marks.
    pub digest: String,
}

/// One mark on one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The node's id.
    pub node: String,
    /// The reader's stance; `None` when there is only a note.
    #[serde(default)]
    pub stance: Option<Stance>,
    /// The reader's note.
    #[serde(default)]
    pub note: Option<String>,
    /// When it last changed (RFC 3339, UTC).
    pub at: String,
    /// The node's text when it was marked, so the mark still reads if the content changes.
    #[serde(default)]
    pub text: String,
    /// The node's quote when it was marked.
    #[serde(default)]
    pub quote: Option<String>,
}

/// A marks file: `stance.marks/1`, or `stance.marks/2` when it holds additions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarksFile {
    /// [`SCHEMA`], or [`SCHEMA_2`] when there are additions.
    pub schema: String,
    /// The document marked.
    pub document: DocumentRef,
    /// Who marked it.
    #[serde(default)]
    pub reader: Option<String>,
    /// The reader's own id: the namespace of their additions' ids (kept once
    /// made, also in a `/1` file, so the namespace never changes), and in a
    /// class folder what tells two readers who picked the same name apart
    /// ([`reader_id`]). Written whenever the reader has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader_id: Option<String>,
    /// When the file was started.
    pub created: String,
    /// When it last changed.
    pub updated: String,
    /// The marks, in node order of the document (marks on nodes it no longer has last).
    pub marks: Vec<Mark>,
    /// The reader's own nodes, in the order they were added (omitted when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additions: Vec<additions::Addition>,
    /// The highest addition number ever given in the reader's namespace, so
    /// that a deleted addition's id (and classmates' marks on it) never passes
    /// to a new one. Optional: files without it read as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_addition: Option<u64>,
}

/// How many marks are on nodes of a document, and how many on nodes it no longer has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkCounts {
    /// Marks on nodes of the document ([`Marks::marked_count`]).
    pub marked: usize,
    /// Marks on nodes it does not have ([`Marks::orphans`]).
    pub orphans: usize,
}

/// A reader's marks in memory, keyed by node id. Marks on nodes the document no
/// longer has (orphans) are kept and written back: nothing is ever dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    /// The document they belong to.
    pub document: DocumentRef,
    /// Who is marking.
    pub reader: Option<String>,
    /// When the file was started.
    pub created: String,
    /// When anything last changed.
    pub updated: String,
    /// By node id. Each mark is shared with the snapshots being saved
    /// ([`Marks::snapshot`]); changing one copies only that mark, if it is shared.
    /// Marks on the reader's own nodes are here too, under the addition's id.
    pub by_node: BTreeMap<String, Arc<Mark>>,
    /// The reader's own id ([`additions`]): made when they first add a node,
    /// or taken from the user's data directory in a class folder ([`reader_id`]).
    pub reader_id: Option<String>,
    /// The reader's own nodes in the file's order, shared with snapshots like
    /// marks. Change them through [`Marks::add_addition`] and its siblings.
    pub additions: Vec<Arc<additions::Addition>>,
    /// The highest addition number handed out in this session, so a number
    /// is never given twice while an undo may still bring its addition back.
    /// Saved as `last_addition`; not part of what the marks mean (it never affects `==`).
    pub(crate) high_water: additions::HighWater,
}

/// The digest recorded for a document: SHA-256 of exactly the bytes
/// [`crate::output::json::to_json`] writes (pretty JSON and a newline), fed to
/// the hash as they are produced instead of built into one string first.
pub fn digest(doc: &Document) -> String {
    let mut hasher = HashWriter(Sha256::new());
    if serde_json::to_writer_pretty(&mut hasher, doc).is_err() {
        // `to_json` writes nothing but the newline when serializing fails.
        hasher.0 = Sha256::new();
    }
    hasher.0.update(b"\n");
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in hasher.0.finalize() {
        // Writing into a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Bytes written to it go into the hash.
struct HashWriter(Sha256);

impl io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The reference a new marks file records for `doc`.
pub fn document_ref(doc: &Document) -> DocumentRef {
    Marks::new(doc, None).document
}

impl Marks {
    /// No marks yet on `doc`.
    pub fn new(doc: &Document, reader: Option<String>) -> Marks {
        let mut marks = Marks::without_digest(doc, reader);
        marks.document.digest = digest(doc);
        marks
    }

    /// No marks yet on `doc`, with the document's digest left empty for the
    /// caller to fill in before the marks are written anywhere
    /// ([`Marks::digest_missing`]): hashing a large document takes a while.
    pub fn without_digest(doc: &Document, reader: Option<String>) -> Marks {
        let now = now();
        Marks {
            document: DocumentRef {
                id: doc.id.clone(),
                title: doc.title.get_or_other(doc.lang).to_string(),
                digest: String::new(),
            },
            reader,
            created: now.clone(),
            updated: now,
            by_node: BTreeMap::new(),
            reader_id: None,
            additions: Vec::new(),
            high_water: additions::HighWater::default(),
        }
    }

    /// Whether the document's digest is still to be filled in.
    pub fn digest_missing(&self) -> bool {
        self.document.digest.is_empty()
    }

    /// The mark on `node`, if any.
    pub fn get(&self, node: &str) -> Option<&Mark> {
        self.by_node.get(node).map(Arc::as_ref)
    }

    /// The stance on `node`, if any.
    pub fn stance(&self, node: &str) -> Option<Stance> {
        self.get(node).and_then(|m| m.stance)
    }

    /// Sets (or with `None` clears) the stance on node `idx` of `doc`. Returns whether anything changed.
    pub fn set_stance(&mut self, doc: &Document, idx: usize, stance: Option<Stance>) -> bool {
        self.change(doc, idx, |m| {
            let changed = m.stance != stance;
            m.stance = stance;
            changed
        })
    }

    /// Sets (or with an empty text clears) the note on node `idx`. Returns whether anything changed.
    pub fn set_note(&mut self, doc: &Document, idx: usize, note: &str) -> bool {
        let note = sanitize(note.trim()).into_owned();
        let note = (!note.is_empty()).then_some(note);
        self.change(doc, idx, |m| {
            let changed = m.note != note;
            m.note = note;
            changed
        })
    }

    /// Clears stance and note on node `idx`.
    pub fn clear(&mut self, idx: usize, doc: &Document) -> bool {
        let Some(node) = doc.nodes.get(idx) else {
            return false;
        };
        let removed = self.by_node.remove(&node.id).is_some();
        if removed {
            self.updated = now();
        }
        removed
    }

    fn change(&mut self, doc: &Document, idx: usize, f: impl FnOnce(&mut Mark) -> bool) -> bool {
        let Some(node) = doc.nodes.get(idx) else {
            return false;
        };
        let now = now();
        let mark = self.by_node.entry(node.id.clone()).or_insert_with(|| {
            Arc::new(Mark {
                node: node.id.clone(),
                stance: None,
                note: None,
                at: now.clone(),
                text: String::new(),
                quote: None,
            })
        });
        let mark = Arc::make_mut(mark);
        let changed = f(mark);
        if mark.stance.is_none() && mark.note.is_none() {
            self.by_node.remove(&node.id);
            self.updated = now;
            return true;
        }
        if changed {
            mark.at = now.clone();
            mark.text = node.text.get_or_other(doc.lang).to_string();
            mark.quote = node.quote.clone();
            self.updated = now;
        }
        changed
    }

    /// Marks on nodes `doc` does not have (nor the reader's own additions).
    pub fn orphans<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = &'a Mark> + 'a {
        let own = self.own_ids();
        self.by_node
            .values()
            .map(Arc::as_ref)
            .filter(move |m| doc.node(&m.node).is_none() && !own.contains(m.node.as_str()))
    }

    /// The ids of the reader's additions.
    fn own_ids(&self) -> std::collections::HashSet<&str> {
        self.additions.iter().map(|a| a.id.as_str()).collect()
    }

    /// [`Marks::marked_count`] and the number of [`Marks::orphans`] in one
    /// pass, for a caller that keeps them until the marks or the document change.
    pub fn counts(&self, doc: &Document) -> MarkCounts {
        let mut counts = MarkCounts::default();
        // The reader's own ids, looked up only if some mark is an orphan.
        let own = std::cell::OnceCell::new();
        for (id, mark) in &self.by_node {
            let index = doc.node_index(id);
            counts.marked += usize::from(index.is_some());
            counts.orphans += usize::from(
                is_orphan(doc, id, mark, index)
                    && !own
                        .get_or_init(|| self.own_ids())
                        .contains(mark.node.as_str()),
            );
        }
        counts
    }

    /// Number of nodes of `doc` with a stance or a note.
    pub fn marked_count(&self, doc: &Document) -> usize {
        self.by_node
            .keys()
            .filter(|id| doc.node(id).is_some())
            .count()
    }

    /// The marks in the order a file lists them: in the document's node order,
    /// then the orphans in id order. Costs one index lookup per mark and a sort
    /// of the marks, whatever the size of the document.
    fn in_file_order<'a>(&'a self, doc: &Document) -> Vec<&'a Arc<Mark>> {
        let mut placed: Vec<(usize, &Arc<Mark>)> = Vec::with_capacity(self.by_node.len());
        let mut orphans = Vec::new();
        // Marks on the reader's own nodes come after the document's, in the
        // additions' order, whether `doc` has the additions in it or not (with
        // them in, those are exactly their positions).
        let own: std::collections::HashMap<&str, usize> = self
            .additions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let after = doc.nodes.len();
        for (id, mark) in &self.by_node {
            let index = doc.node_index(id);
            let ours = own.get(id.as_str()).filter(|_| mark.node == *id);
            match (index, ours) {
                (_, Some(&a)) => placed.push((after + a, mark)),
                (Some(i), None) => placed.push((i, mark)),
                (None, None) => {}
            }
            if ours.is_none() && is_orphan(doc, id, mark, index) {
                orphans.push(mark);
            }
        }
        // Node indices are distinct, so an unstable sort gives the one order.
        placed.sort_unstable_by_key(|&(i, _)| i);
        let mut marks: Vec<&Arc<Mark>> = placed.into_iter().map(|(_, m)| m).collect();
        marks.extend(orphans);
        marks
    }

    /// What a save writes, taken now and sharing the marks rather than copying
    /// them: cheap enough to make on every change, and sent to a writer thread.
    pub fn snapshot(&self, doc: &Document) -> Snapshot {
        Snapshot {
            document: self.document.clone(),
            reader: self.reader.clone(),
            created: self.created.clone(),
            updated: self.updated.clone(),
            marks: self
                .in_file_order(doc)
                .into_iter()
                .map(Arc::clone)
                .collect(),
            reader_id: self.reader_id.clone(),
            additions: self.additions.clone(),
            last_addition: self.high_water.last(),
        }
    }

    /// The file form: marks in the document's node order, orphans last.
    pub fn to_file(&self, doc: &Document) -> MarksFile {
        MarksFile {
            schema: schema_for(&self.additions).to_string(),
            document: self.document.clone(),
            reader: self.reader.clone(),
            reader_id: self.reader_id.clone(),
            created: self.created.clone(),
            updated: self.updated.clone(),
            marks: self
                .in_file_order(doc)
                .into_iter()
                .map(|m| Mark::clone(m))
                .collect(),
            additions: self.additions.iter().map(|a| a.as_ref().clone()).collect(),
            last_addition: self.high_water.last(),
        }
    }

    /// The file's JSON text: [`MarksFile`]'s form, written from shared marks.
    pub fn to_json(&self, doc: &Document) -> String {
        self.snapshot(doc).to_json()
    }

    /// Reads marks from a file's parsed form.
    pub fn from_file(file: MarksFile) -> Marks {
        Marks {
            document: file.document,
            reader: file.reader,
            created: file.created,
            updated: file.updated,
            by_node: file
                .marks
                .into_iter()
                .map(|m| (m.node.clone(), Arc::new(m)))
                .collect(),
            // A file with additions and no reader id (written by hand) takes
            // the namespace of its first addition, so it writes back valid.
            reader_id: file.reader_id.or_else(|| {
                file.additions.first().map(|a| match a.id.rsplit_once('.') {
                    Some((ns, _)) if !ns.is_empty() => ns.to_string(),
                    _ => additions::new_reader_id(),
                })
            }),
            additions: file.additions.into_iter().map(Arc::new).collect(),
            high_water: additions::HighWater::saved(file.last_addition),
        }
    }
}

/// [`MarksFile`] borrowed: the same fields in the same order, so it writes the
/// same JSON without copying the marks.
#[derive(Serialize)]
struct FileRef<'a> {
    schema: &'a str,
    document: &'a DocumentRef,
    reader: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reader_id: Option<&'a str>,
    created: &'a str,
    updated: &'a str,
    marks: Vec<&'a Mark>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    additions: Vec<&'a additions::Addition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_addition: Option<u64>,
}

/// Pretty JSON and a newline: the text of a marks file.
fn file_json(file: &impl Serialize) -> String {
    // Strings, options and enums only: serializing cannot fail.
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

impl MarksFile {
    /// The file's JSON text, as [`Marks::to_json`] writes it.
    pub fn to_json(&self) -> String {
        file_json(self)
    }
}

/// Marks as a save writes them, in file order, sharing each mark with the
/// [`Marks`] they were taken from ([`Marks::snapshot`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The document marked.
    pub document: DocumentRef,
    /// Who marked it.
    pub reader: Option<String>,
    /// When the file was started.
    pub created: String,
    /// When it last changed.
    pub updated: String,
    /// The marks in the document's node order, orphans last.
    pub marks: Vec<Arc<Mark>>,
    /// The reader's own id.
    pub reader_id: Option<String>,
    /// The reader's own nodes, in the file's order.
    pub additions: Vec<Arc<additions::Addition>>,
    /// The highest addition number ever given (`last_addition`).
    pub last_addition: Option<u64>,
}

impl Snapshot {
    /// The file's JSON text, byte for byte what [`Marks::to_json`] gives for the same marks.
    pub fn to_json(&self) -> String {
        file_json(&FileRef {
            schema: schema_for(&self.additions),
            document: &self.document,
            reader: &self.reader,
            reader_id: self.reader_id.as_deref(),
            created: &self.created,
            updated: &self.updated,
            marks: self.marks.iter().map(Arc::as_ref).collect(),
            additions: self.additions.iter().map(Arc::as_ref).collect(),
            last_addition: self.last_addition,
        })
    }
}

/// Whether `mark`, kept under `id` (found at `index` in `doc`), is on a node
/// `doc` does not have. The key is the mark's node, unless someone filed it
/// under another; then the mark's own node decides.
fn is_orphan(doc: &Document, id: &str, mark: &Mark, index: Option<usize>) -> bool {
    if id == mark.node {
        index.is_none()
    } else {
        doc.node(&mark.node).is_none()
    }
}

/// Parses a marks file's text, checking it is one and belongs to `doc` (when
/// given). Problems go into a report naming the file; the text is never changed.
pub fn parse(name: &str, text: &str, doc: Option<&Document>) -> Result<MarksFile, Report> {
    // A byte-order mark is harmless; editors on Windows add one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut report = Report::new(name);
    report.source = Some(text.to_string());
    let fail = |mut report: Report, d: Diagnostic| {
        report.push(d);
        Err(report)
    };
    if text.trim().is_empty() {
        return fail(report, Diagnostic::error(Pos::NONE, "the marks file is empty").hint(
            "a marks file is written by stance; move this one aside and stance starts a new one",
        ));
    }
    // The fast way: the text straight into a marks file. Anything else (not
    // JSON, not a marks file, a field wrong, a key twice) is read again the
    // slow way, through a JSON value, for the words that say what is wrong
    // (and, for a key given twice, to take the last as before).
    let fast = serde_json::from_str::<MarksFile>(text)
        .ok()
        .filter(|f| f.schema == SCHEMA || f.schema == SCHEMA_2);
    let file: MarksFile = match fast {
        Some(file) => file,
        None => {
            let value: serde_json::Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    let pos = Pos::new(e.line() as u64, e.column() as u64);
                    let msg = crate::model::yaml::json_error_words(&e);
                    return fail(report, Diagnostic::error(pos, format!("not valid JSON: {msg}")).hint(
                    "the file was changed or damaged outside stance; stance will not overwrite it",
                ));
                }
            };
            let schema = value.get("schema").and_then(|s| s.as_str()).unwrap_or("");
            if schema != SCHEMA && schema != SCHEMA_2 {
                let shown = if schema.is_empty() {
                    "no schema".to_string()
                } else {
                    format!("schema `{schema}`")
                };
                return fail(report, Diagnostic::error(Pos::NONE, format!("this is not a marks file ({shown})")).hint(
                format!("stance marks files have `\"schema\": \"{SCHEMA}\"` (or `{SCHEMA_2}` with a reader's own nodes); check you gave the right file"),
            ));
            }
            match serde_json::from_value(value) {
                Ok(f) => f,
                Err(e) => {
                    // Read again from the text, which knows where the problem is.
                    let (pos, e) = match serde_json::from_str::<MarksFile>(text) {
                        Err(at) if at.line() > 0 => (
                            Pos::new(at.line() as u64, at.column() as u64),
                            at.to_string(),
                        ),
                        _ => (Pos::NONE, e.to_string()),
                    };
                    let e = strip_position(&e);
                    return fail(
                    report,
                    Diagnostic::error(pos, format!("the marks file is incomplete or wrong: {e}")).hint(
                        "it does not have the fields stance writes (fix the place shown, or move the \
                         file aside); stance will not overwrite it",
                    ),
                );
                }
            }
        }
    };
    if let Some(d) = additions_problem(text, &file) {
        return fail(report, d);
    }
    if let Some(doc) = doc
        && file.document.id != doc.id
    {
        return fail(
            report,
            Diagnostic::error(
                Pos::NONE,
                format!(
                    "these marks are for another document (`{}`), not `{}`",
                    file.document.id, doc.id
                ),
            )
            .hint("open that document with them, or choose another marks file with --marks"),
        );
    }
    Ok(sanitized(file))
}

/// serde_json's message without its own " at line L column C" (the report shows the place).
fn strip_position(e: &str) -> String {
    match e.rfind(" at line ") {
        Some(i) if e[i..].contains(" column ") => e[..i].to_string(),
        _ => e.to_string(),
    }
}

/// The first thing wrong with a file's additions that serde does not see:
/// two with one id. Placed at the second one's `"id"` in the text.
fn additions_problem(text: &str, file: &MarksFile) -> Option<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    let dup = file
        .additions
        .iter()
        .find(|a| !seen.insert(a.id.as_str()))?;
    let needle = serde_json::to_string(&dup.id).unwrap_or_default();
    let mut found = text.match_indices(&needle).filter(|(i, _)| {
        text[..*i].trim_end().ends_with(':')
            && text[..*i]
                .trim_end()
                .trim_end_matches(':')
                .trim_end()
                .ends_with("\"id\"")
    });
    let at = found.nth(1).map(|(i, _)| i);
    let pos = at.map_or(Pos::NONE, |i| {
        let before = &text[..i];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos::new(line as u64, col as u64)
    });
    Some(
        Diagnostic::error(
            pos,
            format!(
                "two additions have the id `{}`",
                crate::text::sanitize_line(&dup.id)
            ),
        )
        .hint("each of a reader's own nodes needs an id of its own; rename one (stance never writes two)"),
    )
}

/// Makes every string in a marks file safe to show.
fn sanitized(mut f: MarksFile) -> MarksFile {
    let clean = |s: &mut String| crate::text::sanitize_in_place(s);
    clean(&mut f.document.id);
    clean(&mut f.document.title);
    clean(&mut f.document.digest);
    clean(&mut f.created);
    clean(&mut f.updated);
    if let Some(r) = &mut f.reader {
        clean(r);
    }
    for m in &mut f.marks {
        clean(&mut m.node);
        clean(&mut m.at);
        clean(&mut m.text);
        if let Some(n) = &mut m.note {
            clean(n);
        }
        if let Some(q) = &mut m.quote {
            clean(q);
        }
    }
    if let Some(r) = &mut f.reader_id {
        clean(r);
    }
    for a in &mut f.additions {
        clean(&mut a.id);
        clean(&mut a.text.zh);
        clean(&mut a.text.en);
        clean(&mut a.created);
        clean(&mut a.updated);
        for s in [&mut a.quote, &mut a.paragraph, &mut a.note]
            .into_iter()
            .flatten()
        {
            clean(s);
        }
        for r in &mut a.relations {
            clean(&mut r.to);
            if let Some(l) = &mut r.link {
                clean(l);
            }
        }
    }
    f
}

/// The time now, as RFC 3339 in UTC (`2026-11-28T14:05:09Z`).
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since 1970 as RFC 3339 in UTC, by Howard Hinnant's civil-from-days.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_stamps_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_878_309), "2026-11-28T15:05:09Z");
    }
}
