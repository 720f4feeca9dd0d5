//! The outline: sections, and under each the nodes shown there as a tree
//! (a node sits under the node it supports or attacks, when both are in the section).

use std::collections::HashSet;

use super::graph::Graph;
use crate::model::Document;

/// One row of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A section heading.
    Section(usize),
    /// A node, at a depth below its section.
    Node {
        /// Index in `doc.nodes`.
        node: usize,
        /// 0 for the section's top-level nodes.
        depth: usize,
        /// Whether it has nodes under it (so it can be folded).
        branch: bool,
    },
}

/// The rows of the outline given what is folded: one walk over the trees
/// [`Graph`] keeps, so linear in the rows shown and the nodes folded away.
pub fn rows(
    doc: &Document,
    graph: &Graph,
    folded_sections: &HashSet<usize>,
    folded_nodes: &HashSet<usize>,
) -> Vec<Row> {
    let mut rows = Vec::with_capacity(doc.sections.len() + doc.nodes.len());
    let mut placed = vec![false; doc.nodes.len()];
    for s in 0..doc.sections.len() {
        rows.push(Row::Section(s));
        if folded_sections.contains(&s) {
            continue;
        }
        // (node, depth, shown): nodes under a folded node are walked but not shown,
        // so they are not mistaken for orphans below.
        let mut stack: Vec<(usize, usize, bool)> = graph.outline_roots[s]
            .iter()
            .rev()
            .map(|&r| (r, 0, true))
            .collect();
        // Nodes caught in a cycle of attacks have no root; they are shown at the top level.
        let mut leftovers = graph.at_paragraph[s].iter().flatten().copied();
        while let Some((node, depth, shown)) = stack.pop().or_else(|| {
            leftovers
                .by_ref()
                .find(|&n| !placed[n])
                .map(|n| (n, 0, true))
        }) {
            if placed[node] {
                continue;
            }
            placed[node] = true;
            let children = &graph.outline_children[node];
            let branch = children.iter().any(|&c| !placed[c]);
            if shown {
                rows.push(Row::Node {
                    node,
                    depth,
                    branch,
                });
            }
            let open = shown && !folded_nodes.contains(&node);
            for &c in children.iter().rev() {
                if !placed[c] {
                    stack.push((c, depth + 1, open));
                }
            }
        }
    }
    rows
}
