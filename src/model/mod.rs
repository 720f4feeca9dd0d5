//! The document: an article's sections and paragraphs, and the argument graph over them.
//!
//! This is the resolved model every part of stance reads. It is built by
//! [`load`] from YAML (what authors write) or JSON (what `stance graph` writes),
//! and it knows nothing of terminals. Ids are checked, relations point at real
//! nodes, quotes are verbatim, cited figures exist and their formulas have been
//! verified, and all text has been sanitized.

pub mod cache;
mod figures;
pub mod links;
pub mod load;
mod lookalike;
mod quotes;
mod raw;
mod resolve;
pub(crate) mod yaml;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use figures::load_figure_file;
pub use load::{Input, LoadOptions, Loaded, load, load_embedded, load_text};
pub use resolve::KNOWN_BASES;
/// Writes any text as a YAML double-quoted string (for tools that generate documents).
pub use yaml::quoted as yaml_quoted;

use crate::figures::Figure;

/// The value of `schema` this version reads and writes.
pub const SCHEMA: &str = "stance/1";

/// What starts the label of a reader's own node (`+C1`), so it never reads as
/// one of the article's (see [`Document::labels`]).
pub const READER_LABEL_PREFIX: &str = "+";

/// A string in the article's two languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bilingual {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang`, or in the other language when that one is empty.
    pub fn get_or_other(&self, lang: Lang) -> &str {
        let wanted = self.get(lang);
        if wanted.is_empty() {
            self.get(lang.other())
        } else {
            wanted
        }
    }
}

/// One of the two languages a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The code used in files: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language `texts` are written in: `zh` when Han characters are at
    /// least a quarter as many as Latin letters, else `en`. `stance new` and
    /// `stance import` decide an article's language by it.
    pub fn guess<'a>(texts: impl IntoIterator<Item = &'a str>) -> Lang {
        let (mut han, mut latin) = (0usize, 0usize);
        for c in texts.into_iter().flat_map(str::chars) {
            if matches!(c as u32,
                0x3040..=0x30ff      // kana, which only appears among Han characters
                | 0x3400..=0x4dbf    // CJK extension A
                | 0x4e00..=0x9fff    // CJK unified ideographs
                | 0xf900..=0xfaff    // compatibility ideographs
                | 0x20000..=0x3134f)
            // extensions B–G
            {
                han += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
        if han > 0 && han * 4 >= latin {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Where the article comes from. Every field is optional because captures differ.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Who wrote it.
    #[serde(default)]
    pub author: Option<String>,
    /// Where it was found.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was captured.
    #[serde(default)]
    pub captured: Option<String>,
    /// Anything else a reader should know about the source.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A headed part of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Unique id.
    pub id: String,
    /// The heading; for the untitled opening, a label chosen by the author.
    pub title: Bilingual,
    /// True when the article has no heading here and `title` is the encoder's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub untitled: bool,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph: the original verbatim and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Unique id.
    pub id: String,
    /// Chinese text.
    pub zh: String,
    /// English text.
    pub en: String,
}

impl Paragraph {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// What part a node plays in the argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// Something asserted that can be agreed with or disputed.
    Claim,
    /// A fact, event, example or reasoning offered in support.
    Evidence,
    /// An argument against a claim, a piece of evidence, or a link between them.
    Rebuttal,
}

impl NodeKind {
    /// Every kind, in the order they are listed to users.
    pub const ALL: [NodeKind; 3] = [NodeKind::Claim, NodeKind::Evidence, NodeKind::Rebuttal];

    /// Its place in [`NodeKind::ALL`] and the letter its labels carry.
    fn label_letter(self) -> (usize, char) {
        match self {
            NodeKind::Claim => (0, 'C'),
            NodeKind::Evidence => (1, 'E'),
            NodeKind::Rebuttal => (2, 'R'),
        }
    }

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Claim => "claim",
            NodeKind::Evidence => "evidence",
            NodeKind::Rebuttal => "rebuttal",
        }
    }
}

/// Whether a node is the article's own or was added by whoever encoded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Said in the article; its quote is verbatim.
    Article,
    /// Added by the encoder (for example a counter-argument); not in the article.
    Editorial,
    /// A reader's own node, from their marks file (never from a content file):
    /// its author is in [`Node::author`]. Built by `marks::additions::with_additions`.
    Reader,
}

impl Origin {
    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Article => "article",
            Origin::Editorial => "editorial",
            Origin::Reader => "reader",
        }
    }
}

/// A claim, piece of evidence or rebuttal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Unique id.
    pub id: String,
    /// Claim, evidence or rebuttal.
    pub kind: NodeKind,
    /// A short statement in both languages.
    pub text: Bilingual,
    /// A verbatim span of the original (required for article nodes).
    #[serde(default)]
    pub quote: Option<String>,
    /// Ids of the paragraphs it comes from or responds to.
    pub paragraphs: Vec<String>,
    /// The article's, or the encoder's.
    pub origin: Origin,
    /// For evidence: what kind of support it is (statistic, event, policy...).
    #[serde(default)]
    pub basis: Option<String>,
    /// False where the article states a fact without giving a source.
    pub sourced: bool,
    /// Ids of the figures it cites.
    pub figures: Vec<String>,
    /// The encoder's remark.
    #[serde(default)]
    pub note: Option<String>,
    /// A fact from outside the article that the node leans on: what to check
    /// and in which named source, in both languages. Shown wherever the node is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<Bilingual>,
    /// For a reader's own node ([`Origin::Reader`]): the reader's name. Never
    /// set on the article's or the encoder's nodes; absent from JSON when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// How one node bears on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// `from` gives a reason to accept `to`.
    Supports,
    /// `from` gives a reason to reject `to`.
    Rebuts,
    /// `from` attacks the link by which `to` supports `link`.
    Undercuts,
}

impl RelationKind {
    /// Every kind, in the order they are listed to users.
    pub const ALL: [RelationKind; 3] = [
        RelationKind::Supports,
        RelationKind::Rebuts,
        RelationKind::Undercuts,
    ];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Rebuts => "rebuts",
            RelationKind::Undercuts => "undercuts",
        }
    }
}

/// An edge of the argument graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relation {
    /// The node that supports or attacks.
    pub from: String,
    /// The node supported or attacked (for undercuts: the supporting node).
    pub to: String,
    /// Supports, rebuts or undercuts.
    pub kind: RelationKind,
    /// For undercuts: the node `to` supports; the attacked link is `to` → `link`.
    #[serde(default)]
    pub link: Option<String>,
}

/// A whole article with its argument graph, fully resolved.
///
/// Not `Eq`: figures hold numbers (`f64`), which have no total equality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Unique id of the document (marks files are keyed by it).
    pub id: String,
    /// The article's title.
    pub title: Bilingual,
    /// The language the article was written in.
    pub lang: Lang,
    /// Where it comes from.
    pub source: Source,
    /// The id of the main claim, if the encoder named one.
    #[serde(default)]
    pub thesis: Option<String>,
    /// The article, in order.
    pub sections: Vec<Section>,
    /// Claims, evidence and rebuttals.
    pub nodes: Vec<Node>,
    /// Every relation, including those written on nodes.
    pub relations: Vec<Relation>,
    /// The figures nodes cite: the document's own, and for the built-in article the embedded ones.
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(skip)]
    index: Index,
}

/// Lookups from id to position, built once when a document is resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    nodes: HashMap<String, usize>,
    paragraphs: HashMap<String, (usize, usize)>,
    /// The relations leaving and arriving at each node, by the position of the
    /// (first) node with the id; no id is copied for them.
    outgoing: ByNode,
    incoming: ByNode,
    /// Relations whose end names no node (only in a document with errors).
    outgoing_elsewhere: HashMap<String, Vec<usize>>,
    incoming_elsewhere: HashMap<String, Vec<usize>>,
    figures: HashMap<String, usize>,
    /// For each node, the position in its `paragraphs` of the one holding its
    /// quote, found for all nodes in one pass over the text (asking each
    /// paragraph per node cost the paragraph's length per node).
    quote_in: Vec<Option<u32>>,
}

/// Relation positions grouped by node, in two flat lists (a list per node
/// would cost an allocation per node): node `n`'s are
/// `relations[starts[n]..starts[n + 1]]`, in the order of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ByNode {
    starts: Vec<u32>,
    relations: Vec<u32>,
    /// Relations added after it was built ([`Document::with_nodes`]), by
    /// node, after that node's others: adding a reader's few nodes costs what
    /// they add, not a pass over the whole graph.
    added: HashMap<u32, Vec<u32>>,
}

impl ByNode {
    /// Groups `pairs` of (node position, relation position) for `nodes` nodes.
    fn new(nodes: usize, pairs: &[(u32, u32)]) -> ByNode {
        // Every position is checked (`get_mut`): nothing here can panic, even
        // on a pair that names no node.
        let mut starts = vec![0u32; nodes + 1];
        for &(n, _) in pairs {
            if let Some(count) = starts.get_mut(n as usize + 1) {
                *count += 1;
            }
        }
        for i in 0..nodes {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut relations = vec![0u32; starts[nodes] as usize];
        for &(n, r) in pairs {
            if let Some(slot) = next.get_mut(n as usize)
                && let Some(place) = relations.get_mut(*slot as usize)
            {
                *place = r;
                *slot += 1;
            }
        }
        ByNode {
            starts,
            relations,
            added: HashMap::new(),
        }
    }

    /// Files relation `relation` under node `node`, after everything before it.
    fn push(&mut self, node: u32, relation: u32) {
        self.added.entry(node).or_default().push(relation);
    }

    /// Node `node`'s relations, in the document's order.
    fn each(&self, node: usize) -> impl Iterator<Item = u32> + '_ {
        // Most documents have nothing added: no hashing for them.
        let added = u32::try_from(node)
            .ok()
            .filter(|_| !self.added.is_empty())
            .and_then(|n| self.added.get(&n))
            .map_or(&[][..], Vec::as_slice);
        self.get(node).iter().chain(added).copied()
    }

    /// Takes out node `node` and the relations `gone`, both added
    /// ([`ByNode::push`], a node from [`ByNode::built`] on): later nodes and
    /// relations move down.
    fn remove(&mut self, node: usize, gone: &std::ops::Range<usize>) {
        let shift = |r: u32| {
            let r = r as usize;
            if gone.contains(&r) {
                None
            } else if r >= gone.end {
                u32::try_from(r - gone.len()).ok()
            } else {
                u32::try_from(r).ok()
            }
        };
        let node = u32::try_from(node).unwrap_or(u32::MAX);
        self.added.remove(&node);
        // Changed where they are: only the nodes after it are filed again.
        let later: Vec<u32> = self.added.keys().copied().filter(|&n| n > node).collect();
        let moved: Vec<(u32, Vec<u32>)> = later
            .into_iter()
            .filter_map(|n| self.added.remove(&n).map(|at| (n - 1, at)))
            .collect();
        self.added.extend(moved);
        self.added.retain(|_, at| {
            at.retain_mut(|r| match shift(*r) {
                Some(s) => {
                    *r = s;
                    true
                }
                None => false,
            });
            !at.is_empty()
        });
    }

    /// How many nodes the lists were built for: nodes from here on are added.
    fn built(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Makes room for an added node at `node` (from [`ByNode::built`] on) and
    /// `count` added relations at `at`: later nodes and relations move up.
    fn open(&mut self, node: usize, at: usize, count: usize) {
        let (node, at) = (
            u32::try_from(node).unwrap_or(u32::MAX),
            u32::try_from(at).unwrap_or(u32::MAX),
        );
        let count = u32::try_from(count).unwrap_or(0);
        let later: Vec<u32> = self.added.keys().copied().filter(|&n| n >= node).collect();
        let moved: Vec<(u32, Vec<u32>)> = later
            .into_iter()
            .filter_map(|n| self.added.remove(&n).map(|list| (n + 1, list)))
            .collect();
        self.added.extend(moved);
        for list in self.added.values_mut() {
            for r in list.iter_mut().filter(|r| **r >= at) {
                *r += count;
            }
        }
    }

    /// Files relation `relation` under `node`, in relation order.
    fn insert(&mut self, node: u32, relation: u32) {
        let list = self.added.entry(node).or_default();
        let i = list.partition_point(|&r| r < relation);
        list.insert(i, relation);
    }

    /// Keeps only the first `nodes` nodes and the relations before `relations`:
    /// cheaply when only added ones go, else built again.
    fn cut(&mut self, nodes: usize, relations: usize) {
        let built = self.built();
        if nodes >= built && self.relations.iter().all(|&r| (r as usize) < relations) {
            self.added.retain(|&n, at| {
                at.retain(|&r| (r as usize) < relations);
                (n as usize) < nodes && !at.is_empty()
            });
            return;
        }
        let mut pairs = Vec::with_capacity(self.relations.len());
        for n in 0..nodes {
            let at = u32::try_from(n).unwrap_or(u32::MAX);
            pairs.extend(
                self.each(n)
                    .filter(|&r| (r as usize) < relations)
                    .map(|r| (at, r)),
            );
        }
        *self = ByNode::new(nodes, &pairs);
    }

    fn get(&self, node: usize) -> &[u32] {
        match (self.starts.get(node), self.starts.get(node + 1)) {
            (Some(&a), Some(&b)) => self.relations.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Puts `i` into the sorted `list`, after those before it.
fn insert_sorted(list: &mut Vec<usize>, i: usize) {
    let at = list.partition_point(|&r| r < i);
    list.insert(at, i);
}

/// Gives nodes their labels in document order ([`Document::labels`], the
/// one rule), one at a time, so a reader's nodes at the end can be labelled
/// again without counting the whole document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Labeller {
    /// Nodes counted so far: the article's claims, evidence, rebuttals, then the reader's.
    counters: [usize; 6],
}

impl Labeller {
    fn slot(node: &Node) -> (usize, char) {
        let (i, letter) = node.kind.label_letter();
        if node.origin == Origin::Reader {
            (i + 3, letter)
        } else {
            (i, letter)
        }
    }

    /// The label of `node`, the next in document order.
    pub fn next(&mut self, node: &Node) -> String {
        let (i, letter) = Labeller::slot(node);
        self.counters[i] += 1;
        if i >= 3 {
            format!("{READER_LABEL_PREFIX}{letter}{}", self.counters[i])
        } else {
            format!("{letter}{}", self.counters[i])
        }
    }

    /// Counts `node` without making its label: for a node known to keep the
    /// one it has.
    pub fn pass(&mut self, node: &Node) {
        let (i, _) = Labeller::slot(node);
        self.counters[i] += 1;
    }

    /// Whether `a` and `b` are labelled in the same series.
    pub fn same_series(a: &Node, b: &Node) -> bool {
        Labeller::slot(a).0 == Labeller::slot(b).0
    }

    /// Takes back the label of `node`, the last one given of its series (the
    /// document is cut before it).
    pub fn take_back(&mut self, node: &Node) {
        let (i, _) = Labeller::slot(node);
        self.counters[i] = self.counters[i].saturating_sub(1);
    }
}

impl Document {
    fn build_index(&mut self) {
        let mut index = Index {
            nodes: HashMap::with_capacity(self.nodes.len()),
            paragraphs: HashMap::with_capacity(self.paragraph_count()),
            ..Index::default()
        };
        for (i, n) in self.nodes.iter().enumerate() {
            if !index.nodes.contains_key(&n.id) {
                index.nodes.insert(n.id.clone(), i);
            }
        }
        for (s, section) in self.sections.iter().enumerate() {
            for (p, para) in section.paragraphs.iter().enumerate() {
                if !index.paragraphs.contains_key(&para.id) {
                    index.paragraphs.insert(para.id.clone(), (s, p));
                }
            }
        }
        // Positions fit in u32: no document within any size limit holds 2^32 relations.
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut outgoing = Vec::with_capacity(self.relations.len());
        let mut incoming = Vec::with_capacity(self.relations.len());
        for (i, r) in self.relations.iter().enumerate() {
            match index.nodes.get(&r.from) {
                Some(&n) => outgoing.push((at(n), at(i))),
                None => index
                    .outgoing_elsewhere
                    .entry(r.from.clone())
                    .or_default()
                    .push(i),
            }
            match index.nodes.get(&r.to) {
                Some(&n) => incoming.push((at(n), at(i))),
                None => index
                    .incoming_elsewhere
                    .entry(r.to.clone())
                    .or_default()
                    .push(i),
            }
        }
        index.outgoing = ByNode::new(self.nodes.len(), &outgoing);
        index.incoming = ByNode::new(self.nodes.len(), &incoming);
        for (i, f) in self.figures.iter().enumerate() {
            index.figures.entry(f.id.clone()).or_insert(i);
        }
        let texts: Vec<&str> = self
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .map(|p| p.text(self.lang))
            .collect();
        let quoted = self.nodes.iter().filter(|n| !n.paragraphs.is_empty());
        let found = quotes::Occurrences::find(quoted.filter_map(|n| n.quote.as_deref()), &texts);
        let starts: Vec<usize> = self
            .sections
            .iter()
            .scan(0, |at, s| {
                let start = *at;
                *at += s.paragraphs.len();
                Some(start)
            })
            .collect();
        index.quote_in = self
            .nodes
            .iter()
            .map(|n| {
                let q = n.quote.as_deref()?;
                n.paragraphs.iter().position(|p| {
                    index
                        .paragraphs
                        .get(p.as_str())
                        .and_then(|&(s, i)| starts.get(s).map(|start| start + i))
                        .is_some_and(|at| found.occurs(q, at))
                })
            })
            .map(|at| at.and_then(|a| u32::try_from(a).ok()))
            .collect();
        self.index = index;
    }

    /// This document with `nodes` appended after its own and `relations` after
    /// its own, the index extended rather than built again (the article's text
    /// is not searched again; each new node's quote is looked for in its own
    /// paragraphs only; the new relations are filed beside the index, so this
    /// costs what is added, whatever the document's size). Nothing already in
    /// the document moves, so its labels and positions stay. A new node whose id the document already has is
    /// left out (the caller reports it). This is how a reader's own nodes join
    /// the article (`marks::additions::with_additions`).
    pub fn with_nodes(mut self, nodes: Vec<Node>, relations: Vec<Relation>) -> Document {
        self.push_nodes(nodes, relations);
        self
    }

    /// [`Document::with_nodes`] in place: appends `nodes` and `relations`,
    /// extending the index (costs what is added, whatever the document's size).
    pub fn push_nodes(&mut self, nodes: Vec<Node>, relations: Vec<Relation>) {
        for n in nodes {
            if self.index.nodes.contains_key(&n.id) {
                continue;
            }
            self.index.nodes.insert(n.id.clone(), self.nodes.len());
            let lang = self.lang;
            let found = n.quote.as_deref().and_then(|q| {
                n.paragraphs.iter().position(|p| {
                    self.paragraph(p)
                        .is_some_and(|(_, para)| para.text(lang).contains(q))
                })
            });
            self.index
                .quote_in
                .push(found.and_then(|a| u32::try_from(a).ok()));
            self.nodes.push(n);
        }
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        for r in relations {
            let i = self.relations.len();
            match self.index.nodes.get(&r.from) {
                Some(&n) => self.index.outgoing.push(at(n), at(i)),
                None => self
                    .index
                    .outgoing_elsewhere
                    .entry(r.from.clone())
                    .or_default()
                    .push(i),
            }
            match self.index.nodes.get(&r.to) {
                Some(&n) => self.index.incoming.push(at(n), at(i)),
                None => self
                    .index
                    .incoming_elsewhere
                    .entry(r.to.clone())
                    .or_default()
                    .push(i),
            }
            self.relations.push(r);
        }
    }

    /// This document with only its first `nodes` nodes and `relations`
    /// relations: the undoing of [`Document::push_nodes`], the index cut back
    /// rather than built again (nothing before the cut moves). Gives back the
    /// nodes and relations cut off (moved, not copied), so unchanged ones can
    /// be put back.
    pub fn cut_tail(&mut self, nodes: usize, relations: usize) -> (Vec<Node>, Vec<Relation>) {
        let nodes = nodes.min(self.nodes.len());
        let relations = relations.min(self.relations.len());
        for (i, n) in self.nodes.iter().enumerate().skip(nodes) {
            if self.index.nodes.get(&n.id) == Some(&i) {
                self.index.nodes.remove(&n.id);
            }
        }
        let cut_nodes = self.nodes.split_off(nodes);
        self.index.quote_in.truncate(nodes);
        let cut_relations = self.relations.split_off(relations);
        self.index.outgoing.cut(nodes, relations);
        self.index.incoming.cut(nodes, relations);
        for map in [
            &mut self.index.outgoing_elsewhere,
            &mut self.index.incoming_elsewhere,
        ] {
            map.retain(|_, at| {
                at.retain(|&r| r < relations);
                !at.is_empty()
            });
        }
        (cut_nodes, cut_relations)
    }

    /// Takes out node `node`, which nothing names, with its relations
    /// `relations` (which must be all it has, and added after the document
    /// was built, as a reader's own are): later nodes and relations move
    /// down one place and `relations.len()` places. Costs the nodes after it
    /// and the added relations, whatever the document's size. False (and
    /// nothing changed) when the node was not added.
    pub fn remove_node(&mut self, node: usize, relations: std::ops::Range<usize>) -> bool {
        if node >= self.nodes.len()
            || relations.end > self.relations.len()
            || relations.start > relations.end
            || node < self.index.outgoing.built()
            || node < self.index.incoming.built()
        {
            return false;
        }
        self.index.outgoing.remove(node, &relations);
        self.index.incoming.remove(node, &relations);
        let gone = self.nodes.remove(node);
        if self.index.nodes.get(&gone.id) == Some(&node) {
            self.index.nodes.remove(&gone.id);
        }
        for (i, n) in self.nodes.iter().enumerate().skip(node) {
            if let Some(at) = self.index.nodes.get_mut(&n.id)
                && *at == i + 1
            {
                *at = i;
            }
        }
        if node < self.index.quote_in.len() {
            self.index.quote_in.remove(node);
        }
        self.relations.drain(relations.clone());
        for map in [
            &mut self.index.outgoing_elsewhere,
            &mut self.index.incoming_elsewhere,
        ] {
            map.retain(|_, at| {
                at.retain(|r| !relations.contains(r));
                for r in at.iter_mut() {
                    if *r >= relations.end {
                        *r -= relations.len();
                    }
                }
                !at.is_empty()
            });
        }
        true
    }

    /// Puts `new` in at position `node` with its `relations` at relation
    /// position `at`, as a reader's own node is put back where it was (an
    /// undo): later nodes move up one place and later relations
    /// `relations.len()` places. The inverse of [`Document::remove_node`],
    /// and like it, costs the nodes after it and the added relations. False
    /// (and nothing changed) where it cannot go: among the nodes the document
    /// was built with, or under an id it has.
    pub fn insert_node(
        &mut self,
        node: usize,
        new: Node,
        relations: Vec<Relation>,
        at: usize,
    ) -> bool {
        if node > self.nodes.len()
            || at > self.relations.len()
            || self.index.nodes.contains_key(&new.id)
            || node < self.index.outgoing.built()
            || node < self.index.incoming.built()
        {
            return false;
        }
        let count = relations.len();
        self.index.outgoing.open(node, at, count);
        self.index.incoming.open(node, at, count);
        for map in [
            &mut self.index.outgoing_elsewhere,
            &mut self.index.incoming_elsewhere,
        ] {
            for list in map.values_mut() {
                for r in list.iter_mut().filter(|r| **r >= at) {
                    *r += count;
                }
            }
        }
        for (i, n) in self.nodes.iter().enumerate().skip(node) {
            if let Some(pos) = self.index.nodes.get_mut(&n.id)
                && *pos == i
            {
                *pos = i + 1;
            }
        }
        let lang = self.lang;
        let found = new.quote.as_deref().and_then(|q| {
            new.paragraphs.iter().position(|p| {
                self.paragraph(p)
                    .is_some_and(|(_, para)| para.text(lang).contains(q))
            })
        });
        self.index.nodes.insert(new.id.clone(), node);
        self.index.quote_in.insert(
            node.min(self.index.quote_in.len()),
            found.and_then(|a| u32::try_from(a).ok()),
        );
        self.nodes.insert(node, new);
        let pos = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        for (k, r) in relations.iter().enumerate() {
            let i = at + k;
            match self.index.nodes.get(&r.from) {
                Some(&n) => self.index.outgoing.insert(pos(n), pos(i)),
                None => insert_sorted(
                    self.index
                        .outgoing_elsewhere
                        .entry(r.from.clone())
                        .or_default(),
                    i,
                ),
            }
            match self.index.nodes.get(&r.to) {
                Some(&n) => self.index.incoming.insert(pos(n), pos(i)),
                None => insert_sorted(
                    self.index
                        .incoming_elsewhere
                        .entry(r.to.clone())
                        .or_default(),
                    i,
                ),
            }
        }
        self.relations.splice(at..at, relations);
        true
    }

    /// Relation `r`'s ends as node positions, `(from, to)`, looked up by id
    /// (for a few relations; [`Document::relation_ends`] gives them all).
    pub fn relation_end(&self, r: &Relation) -> (Option<usize>, Option<usize>) {
        (self.node_index(&r.from), self.node_index(&r.to))
    }

    /// The position of the node with this id in [`Document::nodes`].
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.nodes.get(id).copied()
    }

    /// The name people read for each node, by index: its kind's letter and its
    /// place among the nodes of that kind, in document order (C1, E3, R19).
    /// Ids are for files and machines; everything a person reads names a node
    /// by this label (with its short text, or with the id beside it).
    ///
    /// A reader's own nodes ([`Origin::Reader`]) are counted in a series of
    /// their own, [`READER_LABEL_PREFIX`] before the letter (+C1, +E1, +R1), so
    /// the article's labels never shift when a reader adds nodes.
    pub fn labels(&self) -> Vec<String> {
        let mut labeller = Labeller::default();
        self.nodes.iter().map(|n| labeller.next(n)).collect()
    }

    /// The label of node `node` (see [`Document::labels`], the one rule; this
    /// labels every node, so use `labels` for many).
    pub fn label(&self, node: usize) -> Option<String> {
        self.labels().into_iter().nth(node)
    }

    /// The position of the paragraph with this id: (section, paragraph within it).
    pub fn paragraph_position(&self, id: &str) -> Option<(usize, usize)> {
        self.index.paragraphs.get(id).copied()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.nodes.get(id).map(|&i| &self.nodes[i])
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.index.figures.get(id).map(|&i| &self.figures[i])
    }

    /// The figures a node cites, in its order (ids that name no figure are skipped).
    pub fn figures_of<'a>(&'a self, node: &'a Node) -> impl Iterator<Item = &'a Figure> + 'a {
        node.figures.iter().filter_map(|id| self.figure(id))
    }

    /// The figures shown after paragraph `id` (those whose `paragraph` it is).
    pub fn figures_at<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Figure> + 'a {
        self.figures.iter().filter(move |f| f.paragraph == id)
    }

    /// The paragraph with this id, and the index of its section.
    pub fn paragraph(&self, id: &str) -> Option<(usize, &Paragraph)> {
        self.index
            .paragraphs
            .get(id)
            .map(|&(s, p)| (s, &self.sections[s].paragraphs[p]))
    }

    /// Each relation's ends as node positions, `(from, to)`, in relation order
    /// (`None` where an end names no node), read off the index: no id is
    /// looked up, so this is cheap even for a large graph.
    pub fn relation_ends(&self) -> Vec<(Option<usize>, Option<usize>)> {
        let mut ends = vec![(None, None); self.relations.len()];
        for n in 0..self.nodes.len() {
            for &r in self.index.outgoing.get(n) {
                if let Some(end) = ends.get_mut(r as usize) {
                    end.0 = Some(n);
                }
            }
            for &r in self.index.incoming.get(n) {
                if let Some(end) = ends.get_mut(r as usize) {
                    end.1 = Some(n);
                }
            }
        }
        for (&n, at) in &self.index.outgoing.added {
            for &r in at {
                if let Some(end) = ends.get_mut(r as usize) {
                    end.0 = Some(n as usize);
                }
            }
        }
        for (&n, at) in &self.index.incoming.added {
            for &r in at {
                if let Some(end) = ends.get_mut(r as usize) {
                    end.1 = Some(n as usize);
                }
            }
        }
        ends
    }

    /// Relations leaving `id` (what the node supports or attacks).
    pub fn outgoing<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Relation> + 'a {
        self.related(&self.index.outgoing, &self.index.outgoing_elsewhere, id)
    }

    /// Relations arriving at `id` (what supports or attacks the node).
    pub fn incoming<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Relation> + 'a {
        self.related(&self.index.incoming, &self.index.incoming_elsewhere, id)
    }

    fn related<'a>(
        &'a self,
        by_node: &'a ByNode,
        elsewhere: &'a HashMap<String, Vec<usize>>,
        id: &str,
    ) -> impl Iterator<Item = &'a Relation> + 'a {
        let (known, other) = match self.index.nodes.get(id) {
            Some(&n) => (Some(by_node.each(n)), &[][..]),
            None => (None, elsewhere.get(id).map_or(&[][..], Vec::as_slice)),
        };
        known
            .into_iter()
            .flatten()
            .map(|i| i as usize)
            .chain(other.iter().copied())
            .filter_map(|i| self.relations.get(i))
    }

    /// Total number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.sections.iter().map(|s| s.paragraphs.len()).sum()
    }

    /// Number of nodes of `kind`.
    pub fn count(&self, kind: NodeKind) -> usize {
        self.nodes.iter().filter(|n| n.kind == kind).count()
    }

    /// The paragraph a node is shown under: the one holding its quote, else its first.
    pub fn anchor<'a>(&self, node: &'a Node) -> Option<&'a str> {
        // This document's own node: its anchor was found with the index.
        if let Some(i) = self.node_index(&node.id)
            && std::ptr::eq(&self.nodes[i], node)
            && let Some(found) = self.index.quote_in.get(i)
        {
            return found
                .and_then(|at| node.paragraphs.get(at as usize))
                .or_else(|| node.paragraphs.first())
                .map(String::as_str);
        }
        let lang = self.lang;
        let holding_quote = node.quote.as_deref().and_then(|q| {
            node.paragraphs.iter().find(|p| {
                self.paragraph(p)
                    .is_some_and(|(_, para)| para.text(lang).contains(q))
            })
        });
        holding_quote
            .or_else(|| node.paragraphs.first())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(from: &str, to: &str) -> Relation {
        Relation {
            from: from.into(),
            to: to.into(),
            kind: RelationKind::Rebuts,
            link: None,
        }
    }

    fn node(id: &str) -> Node {
        Node {
            id: id.into(),
            kind: NodeKind::Claim,
            text: Bilingual::default(),
            quote: None,
            paragraphs: Vec::new(),
            origin: Origin::Editorial,
            basis: None,
            sourced: true,
            figures: Vec::new(),
            note: None,
            verify: None,
            author: None,
        }
    }

    /// The index answers for every relation in the document's order, whether
    /// its ends name a node (grouped by node position) or not (as a document
    /// read from JSON may hold), and for a repeated id.
    #[test]
    fn relations_are_found_from_both_ends_in_order() {
        let mut doc = Document {
            schema: SCHEMA.into(),
            id: "d".into(),
            title: Bilingual::default(),
            lang: Lang::En,
            source: Source::default(),
            thesis: None,
            sections: Vec::new(),
            nodes: vec![node("a"), node("b"), node("a"), node("c")],
            relations: vec![
                relation("b", "a"),
                relation("a", "b"),
                relation("ghost", "a"),
                relation("b", "ghost"),
                relation("c", "b"),
                relation("a", "c"),
            ],
            figures: Vec::new(),
            index: Index::default(),
        };
        doc.build_index();
        let ends = |it: Box<dyn Iterator<Item = &Relation> + '_>| {
            it.map(|r| format!("{}>{}", r.from, r.to))
                .collect::<Vec<_>>()
        };
        assert_eq!(ends(Box::new(doc.outgoing("a"))), ["a>b", "a>c"]);
        assert_eq!(ends(Box::new(doc.incoming("a"))), ["b>a", "ghost>a"]);
        assert_eq!(ends(Box::new(doc.outgoing("b"))), ["b>a", "b>ghost"]);
        assert_eq!(ends(Box::new(doc.incoming("b"))), ["a>b", "c>b"]);
        assert_eq!(ends(Box::new(doc.outgoing("ghost"))), ["ghost>a"]);
        assert_eq!(ends(Box::new(doc.incoming("ghost"))), ["b>ghost"]);
        assert_eq!(ends(Box::new(doc.outgoing("c"))), ["c>b"]);
        assert!(doc.outgoing("nobody").next().is_none());
        assert_eq!(doc.node_index("a"), Some(0));

        // Nodes added later are found like the others, after them, and
        // cutting them off gives the document back exactly.
        let before = doc.clone();
        let mut d = node("d");
        d.origin = Origin::Reader;
        let added = doc.clone().with_nodes(
            vec![d, node("a")],
            vec![
                relation("d", "a"),
                relation("a", "d"),
                relation("d", "ghost2"),
            ],
        );
        assert_eq!(added.nodes.len(), 5, "an id it has already is left out");
        assert_eq!(
            ends(Box::new(added.incoming("a"))),
            ["b>a", "ghost>a", "d>a"]
        );
        assert_eq!(ends(Box::new(added.outgoing("a"))), ["a>b", "a>c", "a>d"]);
        assert_eq!(ends(Box::new(added.outgoing("d"))), ["d>a", "d>ghost2"]);
        let rebuilt = {
            let mut fresh = added.clone();
            fresh.build_index();
            fresh
        };
        assert_eq!(added.relation_ends(), rebuilt.relation_ends());
        for id in ["a", "b", "c", "d", "ghost", "ghost2"] {
            assert_eq!(
                ends(Box::new(added.incoming(id))),
                ends(Box::new(rebuilt.incoming(id)))
            );
        }
        assert_eq!(added.labels()[4], "+C1");
        let mut cut = added.clone();
        cut.cut_tail(4, 6);
        assert_eq!(cut, before);
    }
}
