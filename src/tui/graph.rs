//! What the reader derives from a document once, at load: node labels, where
//! each node sits in the text, each node's neighbours and the outline's trees.
//! Nothing here changes while reading.

use crate::model::{Document, RelationKind};

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
#[derive(Debug)]
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
}

impl Graph {
    /// Derives everything from `doc` in one pass over nodes and relations.
    pub fn new(doc: &Document) -> Graph {
        let labels = doc.labels();
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
            let (out, inc) = match r.kind {
                RelationKind::Supports => (Link::Supports, Link::SupportedBy),
                RelationKind::Rebuts => (Link::Rebuts, Link::RebuttedBy),
                RelationKind::Undercuts => (Link::Undercuts, Link::UndercutBy),
            };
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
        }
    }
}
