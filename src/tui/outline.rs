//! The outline: sections, and under each the nodes shown there as a tree
//! (a node sits under the node it supports or attacks, when both are in the section).

use std::collections::{HashMap, HashSet};

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

/// The section's nodes as trees: for each node, the nodes under it, and the roots.
fn section_forest(
    doc: &Document,
    graph: &Graph,
    section: usize,
) -> (Vec<usize>, Vec<Vec<usize>>, Vec<usize>) {
    let members: Vec<usize> = graph.at_paragraph[section]
        .iter()
        .flatten()
        .copied()
        .collect();
    let slot: HashMap<usize, usize> = members.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
    let mut roots = Vec::new();
    for (i, &n) in members.iter().enumerate() {
        // The node's parent is the first node in this section that it bears on.
        let parent = doc.outgoing(&doc.nodes[n].id).find_map(|r| {
            let t = doc.node_index(&r.to)?;
            (t != n).then(|| slot.get(&t).copied()).flatten()
        });
        match parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    (members, children, roots)
}

/// The rows of the outline given what is folded. Linear in the number of nodes.
pub fn rows(
    doc: &Document,
    graph: &Graph,
    folded_sections: &HashSet<usize>,
    folded_nodes: &HashSet<usize>,
) -> Vec<Row> {
    let mut rows = Vec::with_capacity(doc.sections.len() + doc.nodes.len());
    for s in 0..doc.sections.len() {
        rows.push(Row::Section(s));
        if folded_sections.contains(&s) {
            continue;
        }
        let (members, children, roots) = section_forest(doc, graph, s);
        let mut placed = vec![false; members.len()];
        // (member slot, depth, shown): nodes under a folded node are walked but not shown,
        // so they are not mistaken for orphans below.
        let mut stack: Vec<(usize, usize, bool)> =
            roots.iter().rev().map(|&r| (r, 0, true)).collect();
        // Nodes caught in a cycle of attacks have no root; they are shown at the top level.
        let mut leftovers = 0..members.len();
        while let Some((i, depth, shown)) = stack.pop().or_else(|| {
            leftovers
                .by_ref()
                .find(|&i| !placed[i])
                .map(|i| (i, 0, true))
        }) {
            if placed[i] {
                continue;
            }
            placed[i] = true;
            let node = members[i];
            let branch = children[i].iter().any(|&c| !placed[c]);
            if shown {
                rows.push(Row::Node {
                    node,
                    depth,
                    branch,
                });
            }
            let open = shown && !folded_nodes.contains(&node);
            for &c in children[i].iter().rev() {
                if !placed[c] {
                    stack.push((c, depth + 1, open));
                }
            }
        }
    }
    rows
}
