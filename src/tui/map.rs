//! The argument map: the graph drawn as a tree around the thesis, each node with
//! what supports, rebuts and undercuts it beneath, joined by box-drawing lines.
//! Its rows, its state and keys, and the lines its popup shows live here.

use std::collections::HashSet;
use std::rc::Rc;

use super::app::{App, Overlay};
use super::graph::{Graph, Link};
use super::keymap::Action;
use super::panes::{Line, Tone, kind_glyph, node_summary, wrapped};
use crate::model::Document;
use crate::model::NodeKind;
use crate::wrap::{str_width, truncate};

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

/// One line of the map. Small and without text: a 100,000-node map is a
/// hundred thousand of these, and only the visible ones are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapRow {
    /// The node, or `None` for the heading over nodes not under the thesis.
    pub node: Option<usize>,
    /// The row it hangs under (`None` for a tree's root).
    pub parent: Option<usize>,
    /// The last of its parent's children (drawn `└─` rather than `├─`).
    pub last: bool,
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
                    parent: None,
                    last: false,
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
    /// The row of its parent.
    parent_row: Option<usize>,
    /// Whether it is its parent's last child.
    last: bool,
    visible: bool,
}

/// The connector lines drawn before row `i`'s glyph (`│  ├─ `), from the rows
/// above it: one step per level of depth.
pub fn prefix(rows: &[MapRow], i: usize) -> String {
    let Some(row) = rows.get(i) else {
        return String::new();
    };
    let mut lasts = Vec::new();
    let mut at = row;
    while let Some(p) = at.parent.and_then(|p| rows.get(p)) {
        lasts.push(at.last);
        at = p;
    }
    let mut out = String::new();
    if let Some((mine, above)) = lasts.split_first() {
        for &ancestor_last in above.iter().rev() {
            out.push_str(if ancestor_last { "   " } else { "│  " });
        }
        out.push_str(if *mine { "└─ " } else { "├─ " });
    }
    out
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
        parent_row: None,
        last: false,
        visible: true,
    }];
    while let Some(Pending {
        node,
        parent,
        glyph,
        parent_row,
        last,
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
                        parent_row: None,
                        last: false,
                        visible: false,
                    });
                }
            }
            continue;
        }
        let kids = if repeated {
            Vec::new()
        } else {
            children(graph, node, parent)
        };
        seen.drawn[node] = true;
        seen.placed[node] = true;
        let row = out.len();
        out.push(MapRow {
            node: Some(node),
            parent: parent_row,
            last,
            glyph,
            repeated,
            branch: !kids.is_empty(),
        });
        let open = !folded.contains(&node);
        let count = kids.len();
        for (i, (kid, g)) in kids.into_iter().enumerate().rev() {
            stack.push(Pending {
                node: kid,
                parent: Some(node),
                glyph: g,
                parent_row: Some(row),
                last: i + 1 == count,
                visible: open,
            });
        }
    }
}

/// The argument map's folds and cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MapState {
    /// Its rows given the folds.
    pub rows: Rc<Vec<MapRow>>,
    /// Folded nodes.
    pub folded: HashSet<usize>,
    /// The row under the cursor.
    pub cursor: usize,
    /// The first row shown.
    pub offset: usize,
}

/// What a key in the map leaves for the reader around it to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapStep {
    /// Nothing: the map handled it.
    Stay,
    /// Close the map.
    Close,
    /// Close the map and read this node.
    Read(usize),
    /// Show the key list over the map.
    Help,
}

impl MapState {
    /// The node under the cursor (`None` on the heading over loose nodes).
    pub fn node(&self) -> Option<usize> {
        self.rows.get(self.cursor).and_then(|r| r.node)
    }

    /// Applies one of the map's keys. `full` is the unfolded map, if built,
    /// reused when nothing is folded; `page` the rows in a screen.
    pub fn act(
        &mut self,
        action: Action,
        doc: &Document,
        graph: &Graph,
        full: Option<Rc<Vec<MapRow>>>,
        page: usize,
    ) -> MapStep {
        let state = self;
        let last = state.rows.len().saturating_sub(1);
        match action {
            Action::Down => state.cursor = (state.cursor + 1).min(last),
            Action::Up => state.cursor = state.cursor.saturating_sub(1),
            Action::Top => state.cursor = 0,
            Action::Bottom => state.cursor = last,
            Action::PageDown => state.cursor = (state.cursor + page).min(last),
            Action::PageUp => state.cursor = state.cursor.saturating_sub(page),
            Action::Collapse | Action::Expand => {
                let Some(row) = state.rows.get(state.cursor).copied() else {
                    return MapStep::Stay;
                };
                let Some(node) = row.node else {
                    return MapStep::Stay;
                };
                let changed = if action == Action::Collapse {
                    row.branch && state.folded.insert(node)
                } else {
                    state.folded.remove(&node)
                };
                if changed {
                    state.rows = match full {
                        Some(rows) if state.folded.is_empty() => rows,
                        _ => Rc::new(rows(doc, graph, &state.folded)),
                    };
                    state.cursor = state
                        .rows
                        .iter()
                        .position(|r| r.node == Some(node))
                        .unwrap_or(0);
                } else if action == Action::Collapse
                    && let Some(p) = row.parent
                {
                    // On a leaf or a folded branch, go to the parent row.
                    state.cursor = p;
                }
            }
            Action::Follow => {
                return state.node().map_or(MapStep::Stay, MapStep::Read);
            }
            Action::Close | Action::Map => return MapStep::Close,
            Action::Help => return MapStep::Help,
            _ => {}
        }
        MapStep::Stay
    }

    /// Folds the map so it shows `levels` levels under each root (0: all),
    /// keeping the cursor on its node or, if that is folded away, on the
    /// nearest row above it that is still shown. `full` is the unfolded map.
    pub fn show_levels(
        &mut self,
        levels: usize,
        doc: &Document,
        graph: &Graph,
        full: Rc<Vec<MapRow>>,
    ) {
        let node = self.node();
        // Where the cursor's row hangs in the unfolded map, so a node folded
        // away gives its place to the ancestor still shown.
        let mut path = Vec::new();
        let mut at = node.and_then(|n| full.iter().position(|r| r.node == Some(n)));
        while let Some(i) = at {
            path.push(full[i].node);
            at = full[i].parent;
        }
        self.folded.clear();
        self.rows = full;
        // Folding a branch can bring a node's first full drawing somewhere
        // else (a node shown twice is drawn whole only where it first
        // appears, and an undercut hangs under one of its evidence's
        // places only), so fold again on the folded rows until every row
        // shown is within `levels`. Each round folds at least one more node.
        if levels > 0 {
            loop {
                let depths = depths(&self.rows);
                let before = self.folded.len();
                for (row, d) in self.rows.iter().zip(depths) {
                    if let Some(n) = row.node
                        && row.branch
                        && d + 1 >= levels
                    {
                        self.folded.insert(n);
                    }
                }
                if self.folded.len() == before {
                    break;
                }
                self.rows = Rc::new(rows(doc, graph, &self.folded));
            }
        }
        self.cursor = path
            .iter()
            .find_map(|n| n.and_then(|n| self.rows.iter().position(|r| r.node == Some(n))))
            .unwrap_or(0);
        self.offset = self.offset.min(self.cursor);
    }

    /// Scrolls so the cursor is among the `height` rows shown.
    pub fn keep_visible(&mut self, height: usize) {
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
    }
}

/// How deep each row hangs (0 for a root), in one pass: a row's parent is
/// always above it.
fn depths(rows: &[MapRow]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(rows.len());
    for r in rows {
        let d = r.parent.and_then(|p| out.get(p)).map_or(0, |d| d + 1);
        out.push(d);
    }
    out
}

/// How the map popup's inside, `inner` rows tall, is shared: rows for the
/// list, and rows for the preview of the node under the cursor (with the
/// rule above it). A screen too short for both shows only the list.
pub fn heights(inner: usize) -> (usize, usize) {
    if inner < 12 {
        return (inner, 0);
    }
    let preview = (inner / 3).min(8);
    (inner - preview, preview)
}

/// The map popup's inside, `height` rows: the visible rows from its offset,
/// then, where there is room, a rule and the node under the cursor in full.
pub fn lines(app: &App, width: usize, height: usize) -> Vec<Line> {
    let Some(Overlay::Map(state)) = app
        .overlays
        .iter()
        .rev()
        .find(|o| matches!(o, Overlay::Map(_)))
    else {
        return Vec::new();
    };
    let (list, preview) = heights(height);
    let mut out = map_rows(app, state, width, list);
    if preview > 0 {
        out.resize(list, Line::new());
        out.push(Line::new().push("─".repeat(width), Tone::Glyph));
        if let Some(node) = state.node() {
            out.extend(node_preview(app, node, width, preview - 1));
        }
    }
    out
}

/// The node under the map's cursor, in `height` lines at most: its label and
/// mark, its whole statement, and the reader's note; cut with `…` if longer.
fn node_preview(app: &App, node: usize, width: usize, height: usize) -> Vec<Line> {
    let width = width.max(1);
    let s = app.strings();
    let n = &app.doc.nodes[node];
    let kind = match n.kind {
        NodeKind::Claim => s.claim,
        NodeKind::Evidence => s.evidence,
        NodeKind::Rebuttal => s.rebuttal,
    };
    // The label as the node pane gives it, then the mark and status glyphs.
    let mut head = node_summary(app, node, width);
    head.retain(|seg| seg.tone != Tone::Plain);
    if let Some(first) = head.first_mut() {
        first.text = truncate(
            &format!("{} {kind} {}", kind_glyph(n.kind), app.graph.labels[node]),
            width,
            app.ambiguous,
        )
        .into_owned();
    }
    let mut out = vec![Line {
        segs: head,
        ..Line::new()
    }];
    out.extend(super::panes::statement_lines(app, n, width));
    if let Some(note) = app.mark_of(node).and_then(|m| m.note.as_deref()) {
        out.extend(wrapped(
            &format!("{}: {note}", s.your_note),
            Tone::Dim,
            width,
            app,
        ));
    }
    if out.len() > height {
        out.truncate(height);
        if let Some(last) = out.last_mut() {
            // Room for the `…` that says there is more.
            let mut text = String::new();
            for c in last.text().chars() {
                if str_width(&text, app.ambiguous) + crate::wrap::char_width(c, app.ambiguous) + 1
                    > width
                {
                    break;
                }
                text.push(c);
            }
            text.push('…');
            let tone = last.segs.last().map_or(Tone::Plain, |seg| seg.tone);
            *last = Line::new().push(text, tone);
        }
    }
    out
}

/// The map's rows, `height` of them from its offset.
fn map_rows(app: &App, state: &MapState, width: usize, height: usize) -> Vec<Line> {
    let s = app.strings();
    state
        .rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(height)
        .map(|(i, row)| {
            let mut line = Line {
                cursor: i == state.cursor,
                ..Line::new()
            };
            let Some(node) = row.node else {
                return line.push(format!("── {} ──", s.not_in_map), Tone::Heading);
            };
            let fold = if row.branch && state.folded.contains(&node) {
                "▸ "
            } else {
                ""
            };
            let lead = format!("{}{}", prefix(&state.rows, i), row.glyph.text());
            let tone = if row.glyph == Glyph::Root {
                Tone::Heading
            } else {
                Tone::Glyph
            };
            let mut used = str_width(&lead, app.ambiguous) + str_width(fold, app.ambiguous);
            line = line.push(lead, tone).push(fold, Tone::Glyph);
            let tail = if row.repeated {
                format!(" {}", s.seen_above)
            } else {
                String::new()
            };
            used += str_width(&tail, app.ambiguous);
            line.segs
                .extend(node_summary(app, node, width.saturating_sub(used)));
            if !tail.is_empty() {
                line = line.push(tail, Tone::Dim);
            }
            line
        })
        .collect()
}
