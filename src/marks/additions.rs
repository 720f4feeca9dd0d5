//! A reader's own arguments: claims, evidence and rebuttals a student adds in
//! their marks file (`stance.marks/2`), anchored in the article's words, and
//! how they join the article's graph ([`with_additions`]) without ever
//! touching the content file.
//!
//! # The API
//!
//! * [`Addition`] is one node of the reader's, as the file holds it:
//!   `{id, kind, text: {zh, en}, quote, paragraph, relations: [{to, kind,
//!   link}], note, created, updated}`.
//! * [`Draft`] is what a form fills in; [`Marks::add_addition`] turns it into
//!   an addition and returns its id, [`Marks::edit_addition`] replaces one's
//!   content, [`Marks::delete_addition`] removes one and hands it back,
//!   [`Marks::restore_addition`] puts it back (undo). [`Marks::additions`]
//!   lists them in the file's order; [`Marks::addition`] finds one.
//! * Ids are in the reader's own namespace: `<reader_id>.<n>` (`r3f9a01bc.1`),
//!   [`Marks::reader_id`] being made once, at random, when the reader first
//!   adds a node. Two students' additions never share an id.
//! * [`with_additions`] gives the article with the reader's nodes appended
//!   ([`Origin::Reader`], [`Node::author`] = the reader's name) and their
//!   relations, plus the [`Orphan`]s: relations whose target is gone, anchors
//!   whose quote is no longer in its paragraph, ids the article already uses.
//!   Orphans stay in the file; they are only left out of the graph.
//! * Saving: [`Marks::snapshot`] carries the additions (shared, not copied)
//!   to the writer thread like marks; the file says `stance.marks/2` only
//!   when it holds additions. The reader id, once made, stays in the file
//!   (also when every addition is deleted and the file is `/1` again).

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

use super::{Marks, now};
use crate::model::{Bilingual, Document, Node, NodeKind, Origin, Relation, RelationKind};
use crate::text::sanitize;

/// One of a reader's own nodes, as the marks file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addition {
    /// Unique id in the reader's namespace (`<reader_id>.<n>`).
    pub id: String,
    /// Claim, evidence or rebuttal.
    pub kind: NodeKind,
    /// The reader's words; either language may be empty.
    #[serde(deserialize_with = "lenient_text")]
    pub text: Bilingual,
    /// The span of the article it quotes (evidence) or answers (claims and
    /// rebuttals), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The id of the paragraph holding `quote`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// What it supports, rebuts or undercuts.
    #[serde(default)]
    pub relations: Vec<AdditionRelation>,
    /// The reader's remark on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was added (RFC 3339, UTC).
    pub created: String,
    /// When it last changed.
    pub updated: String,
}

/// A relation from an addition to a node (the article's or another addition).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRelation")]
pub struct AdditionRelation {
    /// The node supported or attacked (for undercuts: the supporting node).
    pub to: String,
    /// Supports, rebuts or undercuts.
    pub kind: RelationKind,
    /// For undercuts: the node `to` supports; the attacked link is `to` → `link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A relation as read, before it is checked to point somewhere.
#[derive(Deserialize)]
struct RawRelation {
    to: String,
    kind: RelationKind,
    #[serde(default)]
    link: Option<String>,
}

impl TryFrom<RawRelation> for AdditionRelation {
    type Error = String;

    fn try_from(r: RawRelation) -> Result<Self, Self::Error> {
        if r.to.trim().is_empty() {
            return Err(
                "a relation of an addition points at nothing (`to` is empty); \
                 give the id of the node it answers, or remove the relation"
                    .into(),
            );
        }
        match (r.kind, r.link.as_deref().map(str::trim)) {
            (RelationKind::Undercuts, None | Some("")) => Err(format!(
                "an `undercuts` relation to `{}` has no `link`; give the node `{}` supports",
                crate::text::sanitize_line(&r.to),
                crate::text::sanitize_line(&r.to)
            )),
            _ => Ok(AdditionRelation {
                to: r.to,
                kind: r.kind,
                link: r.link.filter(|l| !l.trim().is_empty()),
            }),
        }
    }
}

/// `text: {zh, en}` with either key allowed to be missing (read as empty).
/// Only an object is text (serde would take a list for a struct too).
fn lenient_text<'de, D: Deserializer<'de>>(d: D) -> Result<Bilingual, D::Error> {
    let mut t = std::collections::BTreeMap::<String, String>::deserialize(d)?;
    Ok(Bilingual {
        zh: t.remove("zh").unwrap_or_default(),
        en: t.remove("en").unwrap_or_default(),
    })
}

/// What a reader fills in to add or edit one of their nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Claim, evidence or rebuttal.
    pub kind: NodeKind,
    /// Their words; either language may be empty.
    pub text: Bilingual,
    /// The verbatim span of the article it quotes or answers.
    pub quote: Option<String>,
    /// The id of the paragraph holding the quote.
    pub paragraph: Option<String>,
    /// What it supports, rebuts or undercuts.
    pub relations: Vec<AdditionRelation>,
    /// A remark.
    pub note: Option<String>,
}

impl Draft {
    /// A draft of `kind` with `text` in one language and nothing else.
    pub fn new(kind: NodeKind, text: Bilingual) -> Draft {
        Draft {
            kind,
            text,
            quote: None,
            paragraph: None,
            relations: Vec::new(),
            note: None,
        }
    }

    /// The draft of an existing addition, to edit it.
    pub fn of(a: &Addition) -> Draft {
        Draft {
            kind: a.kind,
            text: a.text.clone(),
            quote: a.quote.clone(),
            paragraph: a.paragraph.clone(),
            relations: a.relations.clone(),
            note: a.note.clone(),
        }
    }

    /// Every string made safe to show, text and note trimmed, empty options
    /// dropped; the quote is kept exactly (it must match the article).
    fn cleaned(self) -> Draft {
        let text = |s: &str| sanitize(s.trim()).into_owned();
        let opt = |s: Option<String>, trim: bool| {
            s.map(|s| {
                let s = if trim { s.trim().to_string() } else { s };
                sanitize(&s).into_owned()
            })
            .filter(|s| !s.is_empty())
        };
        Draft {
            kind: self.kind,
            text: Bilingual {
                zh: text(&self.text.zh),
                en: text(&self.text.en),
            },
            quote: opt(self.quote, false),
            paragraph: opt(self.paragraph, true),
            relations: self
                .relations
                .into_iter()
                .filter(|r| !r.to.trim().is_empty())
                .map(|r| AdditionRelation {
                    to: sanitize(r.to.trim()).into_owned(),
                    kind: r.kind,
                    link: opt(r.link, true),
                })
                .collect(),
            note: opt(self.note, true),
        }
    }
}

/// Something of a reader's additions the document cannot place. The addition
/// stays in the marks file; only the part named is left out of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Orphan {
    /// The article already has a node with the addition's id: the addition is left out.
    IdTaken {
        /// The addition's id.
        addition: String,
    },
    /// A relation's target (or an undercut's link) is not in the document or
    /// among the additions: the relation is left out.
    Target {
        /// The addition's id.
        addition: String,
        /// The id it names that is gone.
        to: String,
    },
    /// The quote is not (or no longer) in the paragraph named, or the
    /// paragraph is gone: the node is shown without its anchor.
    Anchor {
        /// The addition's id.
        addition: String,
        /// The paragraph it names, if any.
        paragraph: Option<String>,
    },
}

impl Orphan {
    /// The id of the addition concerned.
    pub fn addition(&self) -> &str {
        match self {
            Orphan::IdTaken { addition }
            | Orphan::Target { addition, .. }
            | Orphan::Anchor { addition, .. } => addition,
        }
    }
}

/// The article with a reader's nodes in it.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// The document: the article's nodes first, unmoved, then the reader's.
    pub doc: Document,
    /// What could not be placed, in the additions' order.
    pub orphans: Vec<Orphan>,
}

/// The name a reader's nodes carry: their name, else their reader id.
pub fn author_of(marks: &Marks) -> String {
    marks
        .reader
        .clone()
        .or_else(|| marks.reader_id.clone())
        .unwrap_or_else(|| "reader".to_string())
}

/// The reader's additions in `marks` as nodes of `doc` ([`Origin::Reader`],
/// authored by [`Marks::reader`], else their reader id), appended after the
/// article's nodes so no article label or position moves, with their
/// relations. An addition whose quote occurs in its paragraph (in either
/// language) is anchored there. What cannot be placed is reported, not dropped
/// from the marks.
pub fn with_additions(doc: &Document, marks: &Marks) -> Overlay {
    if marks.additions.is_empty() {
        return Overlay {
            doc: doc.clone(),
            orphans: Vec::new(),
        };
    }
    let author = author_of(marks);
    with_authored(
        doc,
        marks
            .additions
            .iter()
            .map(|a| (author.as_str(), a.as_ref())),
    )
}

/// Several readers' additions as nodes of `doc`, each with its author, in
/// the order given (a class's, for `stance merge`): [`with_additions`] for
/// more than one reader. Ids are in each reader's namespace, so they do not
/// collide; one that does is an [`Orphan::IdTaken`].
pub fn with_authored<'a>(
    doc: &Document,
    additions: impl Iterator<Item = (&'a str, &'a Addition)> + Clone,
) -> Overlay {
    let (nodes, relations, orphans) = parts(doc, additions);
    let doc = if nodes.is_empty() && relations.is_empty() {
        doc.clone()
    } else {
        doc.clone().with_nodes(nodes, relations)
    };
    Overlay { doc, orphans }
}

/// The nodes and relations `additions` add to `doc`, and what cannot be placed.
fn parts<'a>(
    doc: &Document,
    additions: impl Iterator<Item = (&'a str, &'a Addition)> + Clone,
) -> (Vec<Node>, Vec<Relation>, Vec<Orphan>) {
    let mut orphans = Vec::new();
    // The additions that are nodes: new ones, and (when `doc` is already an
    // overlay, so this is idempotent) those already in it as the reader's.
    let mut placed: HashSet<&str> = HashSet::new();
    let mut fresh: HashSet<&str> = HashSet::new();
    let mut nodes = Vec::new();
    for (author, a) in additions.clone() {
        let already = doc.node(&a.id).map(|n| n.origin == Origin::Reader);
        if already == Some(false) || !placed.insert(a.id.as_str()) {
            orphans.push(Orphan::IdTaken {
                addition: a.id.clone(),
            });
            continue;
        }
        let (node, orphan) = node_of(doc, author, a);
        orphans.extend(orphan);
        if already.is_some() {
            continue;
        }
        fresh.insert(a.id.as_str());
        nodes.push(node);
    }
    let exists = |id: &str| doc.node_index(id).is_some() || placed.contains(id);
    let mut relations = Vec::new();
    for (_, a) in additions {
        if !placed.contains(a.id.as_str()) {
            continue;
        }
        let (mine, lost) = relations_of(a, exists);
        orphans.extend(lost);
        if fresh.contains(a.id.as_str()) {
            relations.extend(mine);
        }
    }
    (nodes, relations, orphans)
}

/// Addition `a` as a node of `doc`, by `author`, and whether it is an
/// orphan because its words are not where it says (it is then a node
/// without a place in the text).
pub fn node_of(doc: &Document, author: &str, a: &Addition) -> (Node, Option<Orphan>) {
    let anchored = match (&a.quote, &a.paragraph) {
        (Some(q), Some(p)) => doc
            .paragraph(p)
            .is_some_and(|(_, para)| para.zh.contains(q.as_str()) || para.en.contains(q.as_str())),
        (None, Some(p)) => doc.paragraph(p).is_some(),
        (Some(_), None) => false,
        (None, None) => true,
    };
    let orphan = (!anchored).then(|| Orphan::Anchor {
        addition: a.id.clone(),
        paragraph: a.paragraph.clone(),
    });
    let node = Node {
        id: a.id.clone(),
        kind: a.kind,
        text: a.text.clone(),
        quote: a.quote.clone(),
        paragraphs: if anchored {
            a.paragraph.iter().cloned().collect()
        } else {
            Vec::new()
        },
        origin: Origin::Reader,
        basis: None,
        sourced: true,
        figures: Vec::new(),
        note: a.note.clone(),
        verify: None,
        author: Some(author.to_string()),
    };
    (node, orphan)
}

/// Addition `a`'s relations whose ends `exists`, and an orphan for each of
/// the others.
pub fn relations_of(a: &Addition, exists: impl Fn(&str) -> bool) -> (Vec<Relation>, Vec<Orphan>) {
    let mut relations = Vec::new();
    let mut orphans = Vec::new();
    for r in &a.relations {
        let missing = if !exists(&r.to) {
            Some(&r.to)
        } else {
            r.link.as_ref().filter(|l| !exists(l))
        };
        match missing {
            Some(to) => orphans.push(Orphan::Target {
                addition: a.id.clone(),
                to: to.clone(),
            }),
            None => relations.push(Relation {
                from: a.id.clone(),
                to: r.to.clone(),
                kind: r.kind,
                link: r.link.clone(),
            }),
        }
    }
    (relations, orphans)
}

/// A fresh reader id: `r` and eight hex digits, from the time, the process
/// and the address of a stack value, hashed (no random-number crate needed;
/// one reader makes one id, once).
pub fn new_reader_id() -> String {
    use sha2::{Digest, Sha256};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let local = 0u8;
    let mut h = Sha256::new();
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update((std::ptr::addr_of!(local) as usize).to_le_bytes());
    h.update(format!("{:?}", std::thread::current().id()).as_bytes());
    let digest = h.finalize();
    let mut id = String::from("r");
    for b in &digest[..4] {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

/// The highest addition number ever given out ([`Marks`] keeps it): equal
/// to every other, since it is bookkeeping, not meaning.
/// The first is `None` until the first addition of the session, when every
/// number the marks name is looked at once; after that, adding is O(1). The
/// second is the highest the file said was given (`last_addition`), so a
/// number deleted in an earlier session is never given again.
#[derive(Debug, Clone, Copy, Default)]
pub struct HighWater(Option<u64>, u64);

impl HighWater {
    /// Starting from the highest number a file says was given.
    pub(crate) fn saved(last: Option<u64>) -> HighWater {
        HighWater(None, last.unwrap_or(0))
    }

    /// The highest number known to be given, for the file's `last_addition`
    /// (`None` when none is known to have been).
    pub(crate) fn last(&self) -> Option<u64> {
        Some(self.0.unwrap_or(0).max(self.1)).filter(|&n| n > 0)
    }
}

impl PartialEq for HighWater {
    fn eq(&self, _: &HighWater) -> bool {
        true
    }
}

impl Eq for HighWater {}

/// The number after the reader's namespace in an addition id, if it is one of `ns`'s.
fn sequence(id: &str, ns: &str) -> Option<u64> {
    id.strip_prefix(ns)?.strip_prefix('.')?.parse().ok()
}

impl Marks {
    /// The reader's additions, in the file's order (the order they were added).
    pub fn additions(&self) -> &[Arc<Addition>] {
        &self.additions
    }

    /// The addition with this id.
    pub fn addition(&self, id: &str) -> Option<&Addition> {
        self.additions.iter().find(|a| a.id == id).map(Arc::as_ref)
    }

    /// `doc` with these marks' additions in it: [`with_additions`].
    pub fn with_overlay(&self, doc: &Document) -> Overlay {
        with_additions(doc, self)
    }

    /// The reader's id, made now (and kept in the file from then on) if they have none yet.
    pub fn ensure_reader_id(&mut self) -> &str {
        self.reader_id.get_or_insert_with(new_reader_id)
    }

    /// Adds a node of the reader's own; returns its new id (`<reader_id>.<n>`).
    /// Its text, note and relations are made safe to show; the quote is kept
    /// verbatim.
    pub fn add_addition(&mut self, draft: Draft) -> String {
        let ns = self.ensure_reader_id().to_string();
        // Past every number still named anywhere: additions, their relations,
        // marks (kept on deleted additions), and those given out this session
        // (an undo may bring one back). Only the numbers in the file are
        // looked for, once; this session's are counted as they are given.
        let named = match self.high_water.0 {
            Some(n) => n,
            None => self.highest_named(&ns).max(self.high_water.1),
        };
        let next = match named.checked_add(1) {
            Some(n) => n,
            // Only a file claiming the last number was given comes here: take
            // the lowest number nothing names, so ids stay unique and the
            // file stays loadable.
            None => self.lowest_free(&ns),
        };
        self.high_water.0 = Some(named.max(next));
        let id = format!("{ns}.{next}");
        let d = draft.cleaned();
        let at = now();
        self.additions.push(Arc::new(Addition {
            id: id.clone(),
            kind: d.kind,
            text: d.text,
            quote: d.quote,
            paragraph: d.paragraph,
            relations: d.relations,
            note: d.note,
            created: at.clone(),
            updated: at.clone(),
        }));
        self.updated = at;
        id
    }

    /// The lowest number in namespace `ns` that no addition, relation or mark names.
    fn lowest_free(&self, ns: &str) -> u64 {
        let named: std::collections::HashSet<u64> = self.named_numbers(ns).collect();
        (1..).find(|n| !named.contains(n)).unwrap_or(1)
    }

    /// The highest number in namespace `ns` that the additions, their
    /// relations or the marks name.
    fn highest_named(&self, ns: &str) -> u64 {
        self.named_numbers(ns).max().unwrap_or(0)
    }

    /// Every number in namespace `ns` that the additions, their relations or the marks name.
    fn named_numbers<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = u64> + 'a {
        self.additions
            .iter()
            .flat_map(|a| {
                std::iter::once(a.id.as_str()).chain(
                    a.relations
                        .iter()
                        .flat_map(|r| std::iter::once(r.to.as_str()).chain(r.link.as_deref())),
                )
            })
            .chain(self.by_node.keys().map(String::as_str))
            .filter_map(move |id| sequence(id, ns))
    }

    /// Replaces the content of addition `id` with `draft` (its id and
    /// creation time stay). Returns whether anything changed.
    pub fn edit_addition(&mut self, id: &str, draft: Draft) -> bool {
        let d = draft.cleaned();
        let Some(slot) = self.additions.iter_mut().find(|a| a.id == id) else {
            return false;
        };
        if Draft::of(slot) == d {
            return false;
        }
        let at = now();
        let a = Arc::make_mut(slot);
        a.kind = d.kind;
        a.text = d.text;
        a.quote = d.quote;
        a.paragraph = d.paragraph;
        a.relations = d.relations;
        a.note = d.note;
        a.updated = at.clone();
        self.updated = at;
        true
    }

    /// Removes addition `id` and gives it back (for undo). Marks on it and
    /// relations of other additions to it stay (as orphans) until it returns.
    pub fn delete_addition(&mut self, id: &str) -> Option<Addition> {
        let at = self.additions.iter().position(|a| a.id == id)?;
        let a = self.additions.remove(at);
        self.updated = now();
        Some(Arc::unwrap_or_clone(a))
    }

    /// Puts back an addition [`Marks::delete_addition`] removed, exactly as it
    /// was, in its place by number among the reader's additions. Returns false
    /// (and changes nothing) if an addition with its id is already there.
    pub fn restore_addition(&mut self, addition: Addition) -> bool {
        if self.additions.iter().any(|a| a.id == addition.id) {
            return false;
        }
        let ns = self.reader_id.clone().unwrap_or_default();
        let place = sequence(&addition.id, &ns).and_then(|n| {
            self.additions
                .iter()
                .position(|a| sequence(&a.id, &ns).is_some_and(|m| m > n))
        });
        if let (Some(n), Some(high)) = (sequence(&addition.id, &ns), self.high_water.0) {
            self.high_water.0 = Some(high.max(n));
        }
        let a = Arc::new(addition);
        match place {
            Some(i) => self.additions.insert(i, a),
            None => self.additions.push(a),
        }
        self.updated = now();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::{SCHEMA, SCHEMA_2, Stance, parse};
    use crate::model::load_embedded;

    fn article() -> Document {
        load_embedded()
            .document
            .expect("the embedded article loads")
    }

    fn text(en: &str) -> Bilingual {
        Bilingual {
            zh: String::new(),
            en: en.into(),
        }
    }

    fn rel(to: &str, kind: RelationKind) -> AdditionRelation {
        AdditionRelation {
            to: to.into(),
            kind,
            link: None,
        }
    }

    #[test]
    fn ids_are_in_the_readers_namespace_and_never_reused_while_present() {
        let doc = article();
        let mut m = Marks::new(&doc, Some("ana".into()));
        let a = m.add_addition(Draft::new(NodeKind::Claim, text("one")));
        let b = m.add_addition(Draft::new(NodeKind::Claim, text("two")));
        let ns = m.reader_id.clone().expect("made on the first addition");
        assert!(ns.starts_with('r') && ns.len() == 9, "{ns}");
        assert_eq!(a, format!("{ns}.1"));
        assert_eq!(b, format!("{ns}.2"));
        let gone = m.delete_addition(&a).expect("it was there");
        let c = m.add_addition(Draft::new(NodeKind::Claim, text("three")));
        assert_eq!(c, format!("{ns}.3"));
        assert!(m.restore_addition(gone.clone()));
        assert!(!m.restore_addition(gone), "twice is refused");
        let order: Vec<&str> = m.additions().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(order, [a.as_str(), b.as_str(), c.as_str()]);
    }

    #[test]
    fn two_readers_never_share_an_id() {
        assert_ne!(new_reader_id(), new_reader_id());
    }

    #[test]
    fn editing_keeps_id_and_creation_and_reports_no_change() {
        let doc = article();
        let mut m = Marks::new(&doc, None);
        let id = m.add_addition(Draft::new(NodeKind::Claim, text("first")));
        let created = m.addition(&id).unwrap().created.clone();
        assert!(!m.edit_addition(&id, Draft::new(NodeKind::Claim, text(" first "))));
        let mut d = Draft::new(NodeKind::Rebuttal, text("second\u{1b}[31m"));
        d.relations.push(rel("c-thesis", RelationKind::Rebuts));
        assert!(m.edit_addition(&id, d));
        let a = m.addition(&id).unwrap();
        assert_eq!(
            (a.id.as_str(), a.created.as_str()),
            (id.as_str(), created.as_str())
        );
        assert_eq!(a.kind, NodeKind::Rebuttal);
        assert!(!a.text.en.contains('\u{1b}'), "{:?}", a.text.en);
        assert!(!m.edit_addition("nobody", Draft::new(NodeKind::Claim, text("x"))));
    }

    #[test]
    fn additions_join_the_graph_after_the_article_with_labels_of_their_own() {
        let doc = article();
        let before = doc.labels();
        let mut m = Marks::new(&doc, Some("ana".into()));
        let mut claim = Draft::new(NodeKind::Claim, text("Small teams can win."));
        claim.relations.push(rel("c-thesis", RelationKind::Rebuts));
        let c = m.add_addition(claim);
        let mut ev = Draft::new(NodeKind::Evidence, text("A hundred people."));
        ev.quote = Some("一个百来人的 AI 创业团队".into());
        ev.paragraph = Some("s1p13".into());
        ev.relations.push(rel(&c, RelationKind::Supports));
        let e = m.add_addition(ev);
        let o = m.with_overlay(&doc);
        assert!(o.orphans.is_empty(), "{:?}", o.orphans);
        let labels = o.doc.labels();
        assert_eq!(
            &labels[..before.len()],
            &before[..],
            "article labels never shift"
        );
        assert_eq!(&labels[before.len()..], ["+C1", "+E1"]);
        let node = o.doc.node(&e).expect("the evidence is a node");
        assert_eq!(
            (node.origin, node.author.as_deref()),
            (Origin::Reader, Some("ana"))
        );
        assert_eq!(o.doc.anchor(node), Some("s1p13"));
        assert!(o.doc.incoming("c-thesis").any(|r| r.from == c));
        assert!(o.doc.incoming(&c).any(|r| r.from == e));
        // Marks on the reader's own nodes are marks like any other.
        let i = o.doc.node_index(&c).unwrap();
        assert!(m.set_stance(&o.doc, i, Some(Stance::Agree)));
        assert_eq!(m.counts(&doc).orphans, 0);
    }

    #[test]
    fn what_cannot_be_placed_is_reported_and_kept() {
        let doc = article();
        let mut m = Marks::new(&doc, None);
        let mut d = Draft::new(NodeKind::Evidence, text("gone"));
        d.quote = Some("words the article never says".into());
        d.paragraph = Some("s1p13".into());
        d.relations
            .push(rel("no-such-node", RelationKind::Supports));
        d.relations.push(rel("c-thesis", RelationKind::Supports));
        let id = m.add_addition(d);
        let o = m.with_overlay(&doc);
        assert_eq!(
            o.orphans,
            [
                Orphan::Anchor {
                    addition: id.clone(),
                    paragraph: Some("s1p13".into())
                },
                Orphan::Target {
                    addition: id.clone(),
                    to: "no-such-node".into()
                }
            ]
        );
        let again = with_additions(&o.doc, &m);
        assert_eq!(
            again.orphans, o.orphans,
            "an overlay of an overlay is the same"
        );
        assert_eq!(again.doc, o.doc);
        let node = o.doc.node(&id).expect("still a node");
        assert!(node.paragraphs.is_empty());
        assert_eq!(o.doc.outgoing(&id).count(), 1);
        assert_eq!(
            m.addition(&id).unwrap().relations.len(),
            2,
            "kept in the file"
        );
    }

    #[test]
    fn laying_again_after_a_cut_gives_what_a_fresh_overlay_gives() {
        let doc = article();
        let mut m = Marks::new(&doc, Some("ana".into()));
        let mut r = Draft::new(NodeKind::Rebuttal, text("no"));
        r.relations.push(rel("c-thesis", RelationKind::Rebuts));
        r.relations.push(rel("gone", RelationKind::Rebuts));
        let a = m.add_addition(r);
        let overlay = m.with_overlay(&doc);
        // The article's nodes and relations come first, unmoved.
        assert_eq!(overlay.doc.nodes[..doc.nodes.len()], doc.nodes[..]);
        assert_eq!(
            overlay.doc.relations[..doc.relations.len()],
            doc.relations[..]
        );
        // The reader's cut off the end and laid again (the reader's general
        // path, `Document::cut_tail`), as the additions are now.
        let refresh = |overlay: &Overlay, m: &Marks| {
            let mut base = overlay.doc.clone();
            base.cut_tail(doc.nodes.len(), doc.relations.len());
            with_additions(&base, m)
        };
        let mut e = Draft::new(NodeKind::Evidence, text("yes"));
        e.relations.push(rel(&a, RelationKind::Supports));
        let b = m.add_addition(e);
        let mut edited = Draft::of(m.addition(&a).unwrap());
        edited.relations.remove(0);
        m.edit_addition(&a, edited);
        let refreshed = refresh(&overlay, &m);
        let fresh = m.with_overlay(&doc);
        assert_eq!(refreshed.doc, fresh.doc);
        assert_eq!(refreshed.orphans, fresh.orphans);
        assert_eq!(refreshed.doc.node_index(&b), Some(doc.nodes.len() + 1));
        assert!(refreshed.doc.incoming("c-thesis").all(|r| r.from != a));
        // All gone: the article as it was.
        m.delete_addition(&a);
        m.delete_addition(&b);
        assert_eq!(refresh(&refreshed, &m).doc, doc);
    }

    #[test]
    fn a_file_is_v2_only_while_it_has_additions() {
        let doc = article();
        let mut m = Marks::new(&doc, None);
        m.set_stance(&doc, 0, Some(Stance::Agree));
        let v1 = m.to_json(&doc);
        assert!(v1.contains(SCHEMA) && !v1.contains("additions") && !v1.contains("reader_id"));
        let id = m.add_addition(Draft::new(NodeKind::Claim, text("mine")));
        let v2 = m.to_json(&doc);
        assert!(v2.contains(SCHEMA_2), "{v2}");
        assert_eq!(v2, m.to_file(&doc).to_json(), "snapshot and file agree");
        let back = Marks::from_file(parse("m.json", &v2, Some(&doc)).expect("reads back"));
        assert_eq!(back, m);
        m.delete_addition(&id);
        let again = m.to_json(&doc);
        assert!(
            again.contains(SCHEMA) && !again.contains("additions") && again.contains("reader_id"),
            "{again}"
        );
    }
}
