//! The outline: sections, and under each the nodes shown there as a tree
//! (a node sits under the node it supports or attacks, when both are in the section).

use std::collections::HashSet;

use super::app::App;
use super::graph::Graph;
use super::i18n::Strings;
use super::panes::{Line, Tone, node_lang, node_summary};
use crate::model::{Document, Lang, NodeKind};
use crate::wrap::{str_width, truncate};

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

/// Which nodes a walk has placed (shown, or walked hidden under a fold).
trait Placed {
    fn has(&self, node: usize) -> bool;
    fn put(&mut self, node: usize);
}

impl Placed for Vec<bool> {
    fn has(&self, node: usize) -> bool {
        self.get(node).copied().unwrap_or(true)
    }
    fn put(&mut self, node: usize) {
        if let Some(p) = self.get_mut(node) {
            *p = true;
        }
    }
}

impl Placed for HashSet<usize> {
    fn has(&self, node: usize) -> bool {
        self.contains(&node)
    }
    fn put(&mut self, node: usize) {
        self.insert(node);
    }
}

/// For one branch: the nodes walked so far, and those shown above it.
struct InBranch<F: Fn(usize) -> bool> {
    walked: HashSet<usize>,
    above: F,
}

impl<F: Fn(usize) -> bool> Placed for InBranch<F> {
    fn has(&self, node: usize) -> bool {
        self.walked.contains(&node) || (self.above)(node)
    }
    fn put(&mut self, node: usize) {
        self.walked.insert(node);
    }
}

/// Walks the trees from `stack` (node, depth, shown), then from any of
/// `leftovers` not yet placed, adding the rows shown. Nodes under a folded node
/// are walked but not shown, so they are not mistaken for orphans.
fn walk(
    graph: &Graph,
    mut stack: Vec<(usize, usize, bool)>,
    mut leftovers: impl Iterator<Item = usize>,
    placed: &mut impl Placed,
    folded_nodes: &HashSet<usize>,
    rows: &mut Vec<Row>,
) {
    loop {
        let next = match stack.pop() {
            Some(n) => n,
            None => match leftovers.by_ref().find(|&n| !placed.has(n)) {
                Some(n) => (n, 0, true),
                None => break,
            },
        };
        let (node, depth, shown) = next;
        if placed.has(node) {
            continue;
        }
        placed.put(node);
        let children = &graph.outline_children[node];
        let branch = children.iter().any(|&c| !placed.has(c));
        if shown {
            rows.push(Row::Node {
                node,
                depth,
                branch,
            });
        }
        let open = shown && !folded_nodes.contains(&node);
        for &c in children.iter().rev() {
            if !placed.has(c) {
                stack.push((c, depth + 1, open));
            }
        }
    }
}

/// The rows under `node`, shown at `depth`, when it is unfolded: what [`rows`]
/// gives between it and the next row at its depth or above. `above` says which
/// nodes are already placed above it (its ancestors, in a cycle of attacks).
pub fn branch_rows(
    graph: &Graph,
    node: usize,
    depth: usize,
    folded_nodes: &HashSet<usize>,
    above: impl Fn(usize) -> bool,
) -> Vec<Row> {
    let mut placed = InBranch {
        walked: HashSet::from([node]),
        above,
    };
    let stack = graph.outline_children[node]
        .iter()
        .rev()
        .filter(|&&c| !placed.has(c))
        .map(|&c| (c, depth + 1, true))
        .collect();
    let mut rows = Vec::new();
    walk(
        graph,
        stack,
        std::iter::empty(),
        &mut placed,
        folded_nodes,
        &mut rows,
    );
    rows
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
        section_rows(
            graph,
            s,
            folded_sections,
            folded_nodes,
            &mut placed,
            &mut rows,
        );
    }
    rows
}

/// The rows of section `s`, its heading first, as [`rows`] gives them (a
/// node is shown in one section only, so a section's rows can be made again
/// alone: pass an empty set as `placed`).
fn section_rows(
    graph: &Graph,
    s: usize,
    folded_sections: &HashSet<usize>,
    folded_nodes: &HashSet<usize>,
    placed: &mut impl Placed,
    rows: &mut Vec<Row>,
) {
    rows.push(Row::Section(s));
    if folded_sections.contains(&s) {
        return;
    }
    let stack = graph.outline_roots[s]
        .iter()
        .rev()
        .map(|&r| (r, 0, true))
        .collect();
    // Nodes caught in a cycle of attacks have no root; they are shown at the top level.
    let leftovers = graph.at_paragraph[s].iter().flatten().copied();
    walk(graph, stack, leftovers, placed, folded_nodes, rows);
}

/// The rows of section `s` alone, its heading first, as [`rows`] gives them.
pub fn rows_of_section(
    graph: &Graph,
    s: usize,
    folded_sections: &HashSet<usize>,
    folded_nodes: &HashSet<usize>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut placed: HashSet<usize> = HashSet::new();
    section_rows(
        graph,
        s,
        folded_sections,
        folded_nodes,
        &mut placed,
        &mut rows,
    );
    rows
}

/// What the node pane says when a section, not a node, is selected: the
/// section's title, how much it holds, and (`keys`) how to go on from it.
pub fn section_summary(
    doc: &Document,
    graph: &Graph,
    s: &Strings,
    section: usize,
    lang: Lang,
    keys: bool,
) -> Vec<String> {
    let Some(sec) = doc.sections.get(section) else {
        return Vec::new();
    };
    let mut kinds = [0usize; 3];
    for &n in graph.at_paragraph[section].iter().flatten() {
        kinds[match doc.nodes[n].kind {
            NodeKind::Claim => 0,
            NodeKind::Evidence => 1,
            NodeKind::Rebuttal => 2,
        }] += 1;
    }
    let title = sec.title.get_or_other(lang);
    let title = if title.is_empty() { s.section } else { title };
    let counts = s
        .section_counts
        .replace("{p}", &sec.paragraphs.len().to_string())
        .replace("{c}", &kinds[0].to_string())
        .replace("{e}", &kinds[1].to_string())
        .replace("{r}", &kinds[2].to_string());
    let mut out = vec![format!("§{} {title}", section + 1), counts];
    if keys {
        out.push(s.section_keys.to_string());
    }
    out
}

/// The outline's visible rows, from `app.outline_offset`, `height` of them.
pub fn outline_lines(app: &App, width: usize, height: usize) -> Vec<Line> {
    let s = app.strings();
    app.rows
        .iter()
        .enumerate()
        .skip(app.outline_offset)
        .take(height)
        .map(|(i, row)| {
            let mut line = Line {
                cursor: i == app.outline_cursor,
                ..Line::new()
            };
            match *row {
                Row::Section(sec) => {
                    let fold = if app.folded_sections.contains(&sec) {
                        "▸"
                    } else {
                        "▾"
                    };
                    let title = app.doc.sections[sec].title.get_or_other(node_lang(app));
                    let head = format!("{fold} §{} ", sec + 1);
                    let room = width.saturating_sub(str_width(&head, app.ambiguous));
                    let title = if title.is_empty() { s.section } else { title };
                    line = line
                        .push(head, Tone::Heading)
                        .push(truncate(title, room, app.ambiguous), Tone::Heading);
                }
                Row::Node {
                    node,
                    depth,
                    branch,
                } => {
                    let fold = match (branch, app.folded_nodes.contains(&node)) {
                        (false, _) => "  ",
                        (true, true) => "▸ ",
                        (true, false) => "▾ ",
                    };
                    let indent = format!("{}{fold}", "  ".repeat(depth + 1));
                    // A node that answers one in another section says so, or
                    // it would pass for a child of the node above it.
                    let pointer = parent_elsewhere(app, node)
                        .map(|p| {
                            let place = app.graph.anchors[p]
                                .map(|(sec, _)| format!(" §{}", sec + 1))
                                .unwrap_or_default();
                            format!(" → {}{place}", app.graph.labels[p])
                        })
                        .unwrap_or_default();
                    let used =
                        str_width(&indent, app.ambiguous) + str_width(&pointer, app.ambiguous);
                    line = line.push(indent, Tone::Dim);
                    let room = width.saturating_sub(used);
                    // A Kialo claim's number after its label, when the words still get room.
                    let number = super::discussion::outline_number(app, node, room);
                    let number_w = number.as_ref().map_or(0, |n| str_width(n, app.ambiguous));
                    let mut summary = node_summary(app, node, room - number_w);
                    if let Some(number) = number {
                        summary.insert(
                            1,
                            super::panes::Seg {
                                text: number,
                                tone: Tone::Dim,
                            },
                        );
                    }
                    line.segs.extend(summary);
                    if !pointer.is_empty() {
                        line = line.push(pointer, Tone::Glyph);
                    }
                }
            }
            line
        })
        .collect()
}

/// The node `node` supports, rebuts or undercuts when that node is in another
/// section (or in none) and nothing it bears on is in its own: the outline
/// shows it at the top of its section, away from what it answers.
pub fn parent_elsewhere(app: &App, node: usize) -> Option<usize> {
    use super::graph::Link;
    let own = app.graph.anchors[node].map(|(s, _)| s);
    let targets: Vec<usize> = app.graph.neighbours[node]
        .iter()
        .filter(|n| matches!(n.link, Link::Supports | Link::Rebuts | Link::Undercuts))
        .map(|n| n.node)
        .filter(|&t| t != node)
        .collect();
    let section_of = |n: usize| app.graph.anchors[n].map(|(s, _)| s);
    if own.is_some() && targets.iter().any(|&t| section_of(t) == own) {
        return None;
    }
    targets.first().copied()
}
