//! The argument map: the graph drawn as a tree around the thesis, each node with
//! what supports, rebuts and undercuts it beneath, joined by box-drawing lines.

use std::collections::HashSet;

use super::graph::{Graph, Link};
use crate::model::Document;

/// How a row relates to the row it hangs under; shown as a glyph, not only a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// A tree's root.
    Root,
    /// Supports its parent: `[+]`.
    Supports,
    /// Rebuts its parent: `[−]`.
    Rebuts,
    /// Undercuts the link from its parent to the grandparent: `[⊘]`.
    Undercuts,
}

impl Glyph {
    /// The glyph as drawn.
    pub fn text(self) -> &'static str {
        match self {
            Glyph::Root => "",
            Glyph::Supports => "[+] ",
            Glyph::Rebuts => "[−] ",
            Glyph::Undercuts => "[⊘] ",
        }
    }
}

/// One line of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRow {
    /// The node, or `None` for the heading over nodes not under the thesis.
    pub node: Option<usize>,
    /// Connector lines drawn before the glyph (`│  ├─ `).
    pub prefix: String,
    /// How it relates to its parent.
    pub glyph: Glyph,
    /// Already drawn higher up; shown again as a reference, without its branch.
    pub repeated: bool,
    /// Has rows under it (so it can be folded).
    pub branch: bool,
}

/// What hangs under `node` when it sits under `parent`.
fn children(graph: &Graph, node: usize, parent: Option<usize>) -> Vec<(usize, Glyph)> {
    graph.neighbours[node]
        .iter()
        .filter_map(|n| match n.link {
            Link::SupportedBy => Some((n.node, Glyph::Supports)),
            Link::RebuttedBy => Some((n.node, Glyph::Rebuts)),
            Link::UndercutBy if parent.is_some() && n.via == parent => {
                Some((n.node, Glyph::Undercuts))
            }
            _ => None,
        })
        .collect()
}

/// The map's rows: the thesis tree first, then trees for the nodes not under it.
/// Each node's branch is drawn once; later appearances are references.
pub fn rows(doc: &Document, graph: &Graph, folded: &HashSet<usize>) -> Vec<MapRow> {
    let mut out = Vec::new();
    let mut seen = Seen {
        drawn: vec![false; doc.nodes.len()],
        placed: vec![false; doc.nodes.len()],
    };
    if let Some(t) = graph.thesis {
        tree(graph, t, folded, &mut seen, &mut out);
    }
    let bears_on_something = |i: usize| {
        graph.neighbours[i]
            .iter()
            .any(|n| matches!(n.link, Link::Supports | Link::Rebuts | Link::Undercuts))
    };
    let mut heading = false;
    // Tops of their own trees first, then anything left (nodes under those, in cycles).
    for pass in [true, false] {
        for i in 0..doc.nodes.len() {
            if seen.placed[i] || (pass && bears_on_something(i)) {
                continue;
            }
            if !heading && graph.thesis.is_some() {
                out.push(MapRow {
                    node: None,
                    prefix: String::new(),
                    glyph: Glyph::Root,
                    repeated: false,
                    branch: false,
                });
                heading = true;
            }
            tree(graph, i, folded, &mut seen, &mut out);
        }
    }
    out
}

/// A node waiting to be drawn. A folded branch is still walked, unshown, so its
/// nodes are not drawn again further down as if they hung under nothing.
struct Pending {
    node: usize,
    parent: Option<usize>,
    glyph: Glyph,
    /// For each ancestor level, whether that ancestor was its parent's last child.
    lasts: Vec<bool>,
    visible: bool,
}

/// Which nodes the map has drawn, and which it has placed (drawn, or hidden in a folded branch).
struct Seen {
    drawn: Vec<bool>,
    placed: Vec<bool>,
}

/// Draws the tree under `root` depth-first without recursion (a debate can be deep).
fn tree(
    graph: &Graph,
    root: usize,
    folded: &HashSet<usize>,
    seen: &mut Seen,
    out: &mut Vec<MapRow>,
) {
    let mut stack = vec![Pending {
        node: root,
        parent: None,
        glyph: Glyph::Root,
        lasts: Vec::new(),
        visible: true,
    }];
    while let Some(Pending {
        node,
        parent,
        glyph,
        lasts,
        visible,
    }) = stack.pop()
    {
        let repeated = seen.drawn[node];
        if !visible {
            if !seen.placed[node] {
                seen.placed[node] = true;
                for (kid, g) in children(graph, node, parent) {
                    stack.push(Pending {
                        node: kid,
                        parent: Some(node),
                        glyph: g,
                        lasts: Vec::new(),
                        visible: false,
                    });
                }
            }
            continue;
        }
        let mut prefix = String::new();
        if let Some((last, above)) = lasts.split_last() {
            for &ancestor_last in above {
                prefix.push_str(if ancestor_last { "   " } else { "│  " });
            }
            prefix.push_str(if *last { "└─ " } else { "├─ " });
        }
        let kids = if repeated {
            Vec::new()
        } else {
            children(graph, node, parent)
        };
        seen.drawn[node] = true;
        seen.placed[node] = true;
        out.push(MapRow {
            node: Some(node),
            prefix,
            glyph,
            repeated,
            branch: !kids.is_empty(),
        });
        let open = !folded.contains(&node);
        let count = kids.len();
        for (i, (kid, g)) in kids.into_iter().enumerate().rev() {
            let mut l = lasts.clone();
            l.push(i + 1 == count);
            stack.push(Pending {
                node: kid,
                parent: Some(node),
                glyph: g,
                lasts: l,
                visible: open,
            });
        }
    }
}
