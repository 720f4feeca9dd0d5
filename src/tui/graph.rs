//! What the reader derives from a document once, at load: node labels, where
//! each node sits in the text, each node's neighbours and the outline's trees.
//! Reading changes none of it; a reader's own nodes, at the end of the
//! document, are cut off and put back ([`Graph::cut`], [`Graph::extend`]) at
//! the cost of what changes, whatever the document's size.

use crate::model::{Document, Labeller, Relation, RelationKind};

/// How a neighbour relates to the selected node, as listed in the node pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The neighbour supports the node.
    SupportedBy,
    /// The neighbour rebuts the node.
    RebuttedBy,
    /// The neighbour undercuts the node's support of another node.
    UndercutBy,
    /// The node supports the neighbour.
    Supports,
    /// The node rebuts the neighbour.
    Rebuts,
    /// The node undercuts the support the neighbour gives.
    Undercuts,
}

impl Link {
    /// The order the node pane lists them in: what bears on the node, then what it bears on.
    pub const ORDER: [Link; 6] = [
        Link::SupportedBy,
        Link::RebuttedBy,
        Link::UndercutBy,
        Link::Supports,
        Link::Rebuts,
        Link::Undercuts,
    ];
}

/// One entry of a node's neighbourhood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbour {
    /// How it is related.
    pub link: Link,
    /// The neighbour's index in `doc.nodes`.
    pub node: usize,
    /// For undercuts: the node at the other end of the attacked link.
    pub via: Option<usize>,
}

/// A paragraph's place: section index and paragraph index within it.
pub type ParaPos = (usize, usize);

/// Facts about the document the reader looks up on every frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// Short labels (C1, E12, R3) for badges, by node index.
    pub labels: Vec<String>,
    /// The paragraph each node is shown at, by node index.
    pub anchors: Vec<Option<ParaPos>>,
    /// Nodes shown at each paragraph, by section then paragraph.
    pub at_paragraph: Vec<Vec<Vec<usize>>>,
    /// Each node's neighbours in display order, by node index.
    pub neighbours: Vec<Vec<Neighbour>>,
    /// The thesis, if the document names one.
    pub thesis: Option<usize>,
    /// The outline's trees: each node's children (nodes of the same section that
    /// bear on it first), in the order they are shown.
    pub outline_children: Vec<Vec<usize>>,
    /// The outline's trees: each section's top-level nodes, in the order shown.
    pub outline_roots: Vec<Vec<usize>>,
    /// The node each node sits under in the outline: the first of its own
    /// section it bears on.
    pub outline_parent: Vec<Option<usize>>,
    /// The labels given so far, to label nodes added at the end.
    labeller: Labeller,
}

/// The links a relation of `kind` makes: from its source's side, from its target's.
fn links(kind: RelationKind) -> (Link, Link) {
    match kind {
        RelationKind::Supports => (Link::Supports, Link::SupportedBy),
        RelationKind::Rebuts => (Link::Rebuts, Link::RebuttedBy),
        RelationKind::Undercuts => (Link::Undercuts, Link::UndercutBy),
    }
}

/// Where `link`'s entries are in a list sorted by [`Link::ORDER`]: they
/// start at the first index returned and end before the second.
fn group(list: &[Neighbour], link: Link) -> (usize, usize) {
    let key = |l: Link| Link::ORDER.iter().position(|x| *x == l);
    let at = key(link);
    (
        list.partition_point(|n| key(n.link) < at),
        list.partition_point(|n| key(n.link) <= at),
    )
}

impl Graph {
    /// Derives everything from `doc` in one pass over nodes and relations.
    pub fn new(doc: &Document) -> Graph {
        let mut labeller = Labeller::default();
        let labels = doc.nodes.iter().map(|n| labeller.next(n)).collect();
        let mut at_paragraph: Vec<Vec<Vec<usize>>> = doc
            .sections
            .iter()
            .map(|s| vec![Vec::new(); s.paragraphs.len()])
            .collect();
        let anchors: Vec<Option<ParaPos>> = doc
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let pos = doc.anchor(n).and_then(|p| doc.paragraph_position(p));
                if let Some((s, p)) = pos {
                    at_paragraph[s][p].push(i);
                }
                pos
            })
            .collect();
        let mut neighbours = vec![Vec::new(); doc.nodes.len()];
        // In the outline a node sits under the first node of its own section it bears on.
        let mut outline_parent: Vec<Option<usize>> = vec![None; doc.nodes.len()];
        for (r, ends) in doc.relations.iter().zip(doc.relation_ends()) {
            let (Some(from), Some(to)) = ends else {
                continue;
            };
            if outline_parent[from].is_none()
                && from != to
                && let (Some(a), Some(b)) = (anchors[from], anchors[to])
                && a.0 == b.0
            {
                outline_parent[from] = Some(to);
            }
            let link = r.link.as_deref().and_then(|l| doc.node_index(l));
            let (out, inc) = links(r.kind);
            neighbours[from].push(Neighbour {
                link: out,
                node: to,
                via: link,
            });
            neighbours[to].push(Neighbour {
                link: inc,
                node: from,
                via: link,
            });
        }
        for list in &mut neighbours {
            list.sort_by_key(|n| Link::ORDER.iter().position(|l| *l == n.link));
        }
        let mut outline_children = vec![Vec::new(); doc.nodes.len()];
        let mut outline_roots = vec![Vec::new(); doc.sections.len()];
        for (s, paras) in at_paragraph.iter().enumerate() {
            for &n in paras.iter().flatten() {
                match outline_parent[n] {
                    Some(p) => outline_children[p].push(n),
                    None => outline_roots[s].push(n),
                }
            }
        }
        Graph {
            labels,
            anchors,
            at_paragraph,
            neighbours,
            thesis: doc.thesis.as_deref().and_then(|t| doc.node_index(t)),
            outline_children,
            outline_roots,
            outline_parent,
            labeller,
        }
    }

    /// Takes out of the graph what `doc` (not yet cut) has from node `nodes`
    /// and from relation `relations` on, for [`Document::cut_tail`]: the
    /// nodes after the cut, and every trace of the relations after it. The
    /// nodes from `changed` to the cut, whose relations must all be after it
    /// (a reader's own, whose relations are put back changed), are left
    /// unplaced in the outline until [`Graph::extend`]. Costs what is cut,
    /// whatever the document's size.
    pub fn cut(&mut self, doc: &Document, (nodes, relations, changed): (usize, usize, usize)) {
        let cut = doc.relations.get(relations..).unwrap_or(&[]);
        // Their outline place is found again.
        let mut unplace: Vec<usize> = (changed.min(nodes)..nodes).collect();
        for r in cut {
            self.unrelate(doc, r);
        }
        unplace.extend(nodes..self.outline_parent.len());
        for &n in &unplace {
            self.unplace(n);
        }
        for (n, node) in doc.nodes.iter().enumerate().skip(nodes) {
            self.labeller.take_back(node);
            if let Some((s, p)) = self.anchors.get(n).copied().flatten()
                && let Some(list) = self.at_paragraph.get_mut(s).and_then(|s| s.get_mut(p))
            {
                list.retain(|&m| m < nodes);
            }
        }
        let nodes = nodes.min(self.labels.len());
        self.labels.truncate(nodes);
        self.anchors.truncate(nodes);
        self.neighbours.truncate(nodes);
        self.outline_children.truncate(nodes);
        self.outline_parent.truncate(nodes);
    }

    /// Puts into the graph what `doc` has from node `nodes` and relation
    /// `relations` on (appended since [`Graph::cut`] with the same numbers),
    /// and places in the outline the nodes `cut` left unplaced: the graph is
    /// then what [`Graph::new`] makes of `doc`.
    pub fn extend(&mut self, doc: &Document, (nodes, relations, changed): (usize, usize, usize)) {
        for (i, n) in doc.nodes.iter().enumerate().skip(nodes) {
            self.labels.push(self.labeller.next(n));
            let pos = doc.anchor(n).and_then(|p| doc.paragraph_position(p));
            if let Some((s, p)) = pos {
                self.at_paragraph[s][p].push(i);
            }
            self.anchors.push(pos);
            self.neighbours.push(Vec::new());
            self.outline_children.push(Vec::new());
            self.outline_parent.push(None);
        }
        for r in doc.relations.get(relations..).unwrap_or(&[]) {
            let (Some(from), Some(to)) = doc.relation_end(r) else {
                continue;
            };
            self.relate(doc, r, from, to);
        }
        for n in changed.min(nodes)..doc.nodes.len() {
            self.place(n);
        }
    }

    /// Takes out node `n`, which no other node's relations name, with its
    /// relations (`doc`, not yet changed, has them at `relations`): every
    /// later node moves down one place. `near` lists, once each, every node
    /// whose lists may name a node after `n` (the nodes from `n` on and all
    /// they bear on or are borne on by). Returns the nodes whose label changed
    /// (by their new positions).
    pub fn remove_node(
        &mut self,
        doc: &Document,
        n: usize,
        relations: std::ops::Range<usize>,
        near: &[usize],
    ) -> Vec<usize> {
        for r in doc.relations.get(relations).unwrap_or(&[]) {
            self.unrelate(doc, r);
        }
        self.unplace(n);
        if let Some((s, p)) = self.anchors[n] {
            self.at_paragraph[s][p].retain(|&m| m != n);
        }
        self.renumber(near, n, |m| if m > n { m - 1 } else { m });
        // Labels from `n` on, counted again without it.
        let mut labeller = self.labeller;
        for node in &doc.nodes[n..] {
            labeller.take_back(node);
        }
        self.labels.remove(n);
        self.anchors.remove(n);
        self.neighbours.remove(n);
        self.outline_children.remove(n);
        self.outline_parent.remove(n);
        let mut relabelled = Vec::new();
        self.relabel(
            &doc.nodes[n + 1..],
            n,
            &doc.nodes[n],
            labeller,
            &mut relabelled,
        );
        relabelled
    }

    /// Puts in node `n` of `doc` (which has it, and its relations at
    /// `relations`, already): every node from `n` on moves up one place.
    /// `near` lists, once each and by their old positions, every node whose
    /// lists may name a node from `n` on (see [`Graph::remove_node`]); no
    /// other node's relations may name `n`. Returns the nodes whose label
    /// changed (by their new positions), `n` first.
    pub fn insert_node(
        &mut self,
        doc: &Document,
        n: usize,
        relations: std::ops::Range<usize>,
        near: &[usize],
    ) -> Vec<usize> {
        self.renumber(near, n, |m| if m >= n { m + 1 } else { m });
        let node = &doc.nodes[n];
        let pos = doc.anchor(node).and_then(|p| doc.paragraph_position(p));
        if let Some((s, p)) = pos {
            let list = &mut self.at_paragraph[s][p];
            let at = list.partition_point(|&m| m < n);
            list.insert(at, n);
        }
        // Labels from `n` on, counted again with it.
        let mut labeller = self.labeller;
        for later in &doc.nodes[n + 1..] {
            labeller.take_back(later);
        }
        self.labels.insert(n, labeller.next(node));
        self.anchors.insert(n, pos);
        self.neighbours.insert(n, Vec::new());
        self.outline_children.insert(n, Vec::new());
        self.outline_parent.insert(n, None);
        let mut relabelled = vec![n];
        self.relabel(&doc.nodes[n + 1..], n + 1, node, labeller, &mut relabelled);
        for r in doc.relations.get(relations).unwrap_or(&[]) {
            let (Some(from), Some(to)) = doc.relation_end(r) else {
                continue;
            };
            self.relate(doc, r, from, to);
        }
        self.place(n);
        relabelled
    }

    /// Files relation `r` (from `from` to `to`) as [`Graph::new`] does, in
    /// the order of the relations: after those from nodes before `from`.
    fn relate(&mut self, doc: &Document, r: &Relation, from: usize, to: usize) {
        if self.outline_parent[from].is_none()
            && from != to
            && let (Some(a), Some(b)) = (self.anchors[from], self.anchors[to])
            && a.0 == b.0
        {
            self.outline_parent[from] = Some(to);
        }
        let via = r.link.as_deref().and_then(|l| doc.node_index(l));
        let (out, inc) = links(r.kind);
        for (at, entry) in [
            (
                from,
                Neighbour {
                    link: out,
                    node: to,
                    via,
                },
            ),
            (
                to,
                Neighbour {
                    link: inc,
                    node: from,
                    via,
                },
            ),
        ] {
            let list = &mut self.neighbours[at];
            let (start, end) = group(list, entry.link);
            // A node's relations come after those of the nodes before it (the
            // article's first, then the reader's in order); its own outgoing
            // ones, at its own list, in the order given.
            let i = if at == from {
                end
            } else {
                start + list[start..end].partition_point(|e| e.node <= from)
            };
            list.insert(i, entry);
        }
    }

    /// Labels the nodes `later` again, whose labels are at `first` on, going
    /// on from `labeller`: only those in the series of `changed` (the node
    /// taken out or put in) can change; their positions go to `relabelled`.
    fn relabel(
        &mut self,
        later: &[crate::model::Node],
        first: usize,
        changed: &crate::model::Node,
        mut labeller: Labeller,
        relabelled: &mut Vec<usize>,
    ) {
        for (i, node) in later.iter().enumerate() {
            if !Labeller::same_series(node, changed) {
                labeller.pass(node);
                continue;
            }
            let label = labeller.next(node);
            if self.labels[first + i] != label {
                self.labels[first + i] = label;
                relabelled.push(first + i);
            }
        }
        self.labeller = labeller;
    }

    /// Takes out the neighbours relation `r` of `doc` gave its two ends.
    fn unrelate(&mut self, doc: &Document, r: &Relation) {
        let (Some(from), Some(to)) = doc.relation_end(r) else {
            return;
        };
        let via = r.link.as_deref().and_then(|l| doc.node_index(l));
        let (out, inc) = links(r.kind);
        self.forget(
            from,
            Neighbour {
                link: out,
                node: to,
                via,
            },
        );
        self.forget(
            to,
            Neighbour {
                link: inc,
                node: from,
                via,
            },
        );
    }

    /// Renumbers, by `to`, every node named in the lists of the nodes `near`
    /// (each once), and in the paragraphs' and sections' lists where the
    /// nodes from `from` on are shown.
    fn renumber(&mut self, near: &[usize], from: usize, to: impl Fn(usize) -> usize) {
        for &x in near {
            if let Some(list) = self.neighbours.get_mut(x) {
                for e in list.iter_mut() {
                    e.node = to(e.node);
                    e.via = e.via.map(&to);
                }
            }
            if let Some(list) = self.outline_children.get_mut(x) {
                list.iter_mut().for_each(|c| *c = to(*c));
            }
            if let Some(parent) = self.outline_parent.get_mut(x) {
                *parent = parent.map(&to);
            }
        }
        let mut lists: Vec<ParaPos> = self.anchors[from.min(self.anchors.len())..]
            .iter()
            .flatten()
            .copied()
            .collect();
        lists.sort_unstable();
        lists.dedup();
        for &(s, p) in &lists {
            self.at_paragraph[s][p].iter_mut().for_each(|m| *m = to(*m));
        }
        let mut sections: Vec<usize> = lists.iter().map(|&(s, _)| s).collect();
        sections.dedup();
        for s in sections {
            self.outline_roots[s].iter_mut().for_each(|m| *m = to(*m));
        }
    }

    /// Removes the last entry equal to `entry` from node `at`'s neighbours.
    fn forget(&mut self, at: usize, entry: Neighbour) {
        let Some(list) = self.neighbours.get_mut(at) else {
            return;
        };
        let (start, end) = group(list, entry.link);
        if let Some(i) = list[start..end].iter().rposition(|n| *n == entry) {
            list.remove(start + i);
        }
    }

    /// Takes node `n` out of the outline's trees (its parent's children or its
    /// section's roots) and forgets its parent.
    fn unplace(&mut self, n: usize) {
        let list = match self.outline_parent.get_mut(n).and_then(Option::take) {
            Some(p) => self.outline_children.get_mut(p),
            None => self
                .anchors
                .get(n)
                .copied()
                .flatten()
                .and_then(|(s, _)| self.outline_roots.get_mut(s)),
        };
        if let Some(list) = list
            && let Some(i) = list.iter().position(|&m| m == n)
        {
            list.remove(i);
        }
    }

    /// Puts node `n` in the outline's trees: under its parent, or among its
    /// section's roots, in the order [`Graph::new`] gives (paragraph, then
    /// document order).
    fn place(&mut self, n: usize) {
        let Some((s, p)) = self.anchors[n] else {
            return;
        };
        let key = |m: usize, anchors: &[Option<ParaPos>]| (anchors[m].map_or(0, |a| a.1), m);
        let list = match self.outline_parent[n] {
            Some(parent) => &mut self.outline_children[parent],
            None => &mut self.outline_roots[s],
        };
        let at = list.partition_point(|&m| key(m, &self.anchors) < (p, n));
        list.insert(at, n);
    }
}
