//! Reading a discussion (from Kialo, AIF or Argdown) rather than an article: a big tree of claims with no article text beside it.
//!
//! An imported discussion is its own article: each claim is a paragraph
//! holding exactly its text (see [`crate::formats::import`]). Reading one
//! side by side with that "article" shows every claim twice, and a real
//! discussion runs to thousands of claims. So, for a discussion:
//!
//! * the layout gives the width to the claims: the outline (the tree) and the
//!   node pane (the selected claim's full text), no reading pane beside them
//!   (on a narrow screen, one pane at a time as always, the reading pane
//!   included);
//! * a big one (more than [`BIG`] nodes) opens folded to its first
//!   [`OPEN_LEVELS`] levels; `-` folds everything, `+` unfolds everything,
//!   a digit folds the outline to that many levels (`0`: all), for any document;
//! * a Kialo claim's number (`1.8.9.14.2`) is shown as Kialo users know it,
//!   beside its label;
//! * a claim's links show as their words, underlined, and `o` lists where
//!   they lead.

use super::app::App;
use super::keymap::Action;
use super::layout::{Area, MIN_SIZE, Panes};
use super::outline::Row;
use super::panes::{Line, Tone};
use crate::model::{Document, Node, Origin};
use crate::wrap::wrap;

/// From this many nodes a discussion opens folded.
pub const BIG: usize = 200;

/// How many levels of the outline a big discussion opens with: the main
/// pros and cons and what answers them directly.
pub const OPEN_LEVELS: usize = 2;

/// What the reader keeps about reading a discussion.
#[derive(Debug, Clone, Default)]
pub struct DiscussionView {
    /// The document is a discussion: every node from the source is the whole
    /// of its own paragraph (nothing else to read beside the claims).
    pub is_discussion: bool,
    /// Node ids are Kialo's numbers (`c-1.2.3`): show them as `1.2.3`.
    pub kialo: bool,
    /// The node pane lists where the selected node's links lead.
    pub show_links: bool,
}

impl DiscussionView {
    /// What `doc` is.
    pub fn of(doc: &Document) -> DiscussionView {
        DiscussionView {
            is_discussion: is_discussion(doc),
            kialo: !doc.nodes.is_empty() && doc.nodes.iter().all(|n| kialo_number(&n.id).is_some()),
            show_links: false,
        }
    }
}

/// Whether `doc` is a discussion rather than an article: it has nodes, and
/// every node taken from the text quotes the whole of its one paragraph,
/// which holds nothing else (what the imports write).
pub fn is_discussion(doc: &Document) -> bool {
    let mut any = false;
    for n in doc.nodes.iter().filter(|n| n.origin == Origin::Article) {
        any = true;
        let [p] = n.paragraphs.as_slice() else {
            return false;
        };
        let Some((_, para)) = doc.paragraph(p) else {
            return false;
        };
        if n.quote.as_deref() != Some(para.text(doc.lang)) {
            return false;
        }
    }
    any
}

/// The Kialo number in a node id from a Kialo import: `c-1.8.9` → `1.8.9`.
pub fn kialo_number(id: &str) -> Option<&str> {
    let number = id.strip_prefix("c-").or_else(|| id.strip_prefix("r-"))?;
    let ok = !number.is_empty()
        && number
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(number)
}

/// The panes for a discussion: the outline and the node pane share the
/// width (the outline more, `wider` steps more still); on a narrow screen one
/// pane at a time, as for an article.
pub fn layout(w: u16, h: u16, wider: u8) -> Option<Panes> {
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return None;
    }
    let article = super::layout::layout(w, h, wider)?;
    if article.single.is_some() {
        return Some(article);
    }
    let body = h - 1;
    let step = u16::from(wider.min(super::layout::WIDER));
    let outline = w * (50 + 8 * step) / 100;
    Some(Panes {
        outline: Some(Area {
            x: 0,
            y: 0,
            w: outline,
            h: body,
        }),
        reading: None,
        node: Some(Area {
            x: outline,
            y: 0,
            w: w - outline,
            h: body,
        }),
        single: None,
        status: article.status,
    })
}

/// Whether this module acts on `action` in the reader.
pub fn handles(action: Action) -> bool {
    matches!(
        action,
        Action::Links | Action::FoldAll | Action::UnfoldAll | Action::Depth(_)
    )
}

/// Does what `action` asks (see [`handles`]).
pub fn update(app: &mut App, action: Action) {
    let d = super::i18n::discussion_strings(app.ui);
    match action {
        Action::Links => {
            app.discussion.show_links = !app.discussion.show_links;
            app.node_scroll = 0;
        }
        Action::FoldAll => {
            fold_to(app, 1);
            app.folded_sections = (0..app.doc.sections.len()).collect();
            app.rebuild_rows();
            settle_cursor(app);
            app.message = Some(d.folded_all.to_string());
        }
        Action::UnfoldAll | Action::Depth(0) => {
            fold_to(app, 0);
            app.message = Some(d.unfolded_all.to_string());
        }
        Action::Depth(levels) => {
            fold_to(app, usize::from(levels));
            app.message = Some(d.folded_to.replace("{n}", &levels.to_string()));
        }
        _ => {}
    }
}

/// Folds the outline so that `levels` levels of nodes show under each
/// section (`0`: everything unfolded), every section open.
pub fn fold_to(app: &mut App, levels: usize) {
    app.folded_sections.clear();
    app.folded_nodes.clear();
    if levels > 0 {
        let all = super::outline::rows(
            &app.doc,
            &app.graph,
            &Default::default(),
            &Default::default(),
        );
        app.folded_nodes = all
            .into_iter()
            .filter_map(|r| match r {
                Row::Node {
                    node,
                    depth,
                    branch: true,
                } if depth + 1 >= levels => Some(node),
                _ => None,
            })
            .collect();
    }
    app.rebuild_rows();
    settle_cursor(app);
}

/// Opens a big discussion folded to its first levels.
pub fn open_folded(app: &mut App) {
    if app.discussion.is_discussion && app.doc.nodes.len() > BIG {
        fold_to(app, OPEN_LEVELS);
    }
}

/// Puts the outline's cursor on the selected node, or, when a fold hides it,
/// on the row that holds it (the folded node above it, or its section).
fn settle_cursor(app: &mut App) {
    let Some(selected) = app.selected else {
        return;
    };
    if let Some(row) = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Node { node, .. } if *node == selected))
    {
        app.outline_cursor = row;
    } else {
        let section = app.graph.anchors[selected].map(|(s, _)| s);
        // The last row above the node's place: its section row, or the
        // folded row of the branch it is in.
        let mut best = None;
        for (i, r) in app.rows.iter().enumerate() {
            match *r {
                Row::Section(s) if Some(s) == section => best = Some(i),
                Row::Section(s) if section.is_some_and(|x| s > x) => break,
                Row::Node { node, .. } if best.is_some() && under(app, selected, node) => {
                    best = Some(i)
                }
                _ => {}
            }
        }
        app.outline_cursor = best.unwrap_or(0);
    }
    app.keep_outline_visible();
}

/// Unfolds the nodes above `node` in the outline, so that it shows (the
/// caller rebuilds the rows). Each step up is one pass over the nodes.
pub fn unfold_above(app: &mut App, node: usize) {
    let mut current = node;
    let mut seen = std::collections::HashSet::from([node]);
    while let Some(parent) = app
        .graph
        .outline_children
        .iter()
        .position(|children| children.contains(&current))
    {
        if !seen.insert(parent) {
            break;
        }
        app.folded_nodes.remove(&parent);
        current = parent;
    }
}

/// Whether `node` is `top` or in the branch under it in the outline.
fn under(app: &App, node: usize, top: usize) -> bool {
    let mut stack = vec![top];
    let mut seen = std::collections::HashSet::new();
    while let Some(n) = stack.pop() {
        if n == node {
            return true;
        }
        if seen.insert(n) {
            stack.extend(app.graph.outline_children[n].iter().copied());
        }
    }
    false
}

/// What the node pane says of a node's links: how many, and the key that
/// shows where they lead; with it pressed, each link's words and address.
pub fn link_lines(app: &App, n: &Node, width: usize) -> Vec<Line> {
    let text = n.text.get_or_other(app.mode.primary(app.doc.lang));
    let links = crate::model::links::links(text);
    if links.is_empty() {
        return Vec::new();
    }
    let d = super::i18n::discussion_strings(app.ui);
    let mut out = vec![Line::new()];
    if !app.discussion.show_links {
        let said = d.links_hidden.replace("{n}", &links.len().to_string());
        out.extend(
            wrap(&said, width, app.ambiguous)
                .into_iter()
                .map(|r| Line::new().push(&said[r], Tone::Dim)),
        );
        return out;
    }
    out.push(Line::new().push(d.links_title, Tone::Heading));
    for l in links {
        let item = format!("🔗 {}: {}", &text[l.words], &text[l.url]);
        for (k, r) in wrap(&item, width, app.ambiguous).into_iter().enumerate() {
            out.push(Line::new().push(&item[r], if k == 0 { Tone::Plain } else { Tone::Link }));
        }
    }
    out
}

/// A node's place as its discussion numbers it, when it is a Kialo claim: `1.8.9.14.2`.
pub fn position(app: &App, node: usize) -> Option<&str> {
    if !app.discussion.kialo {
        return None;
    }
    kialo_number(&app.doc.nodes[node].id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kialo_numbers_are_read_from_ids() {
        assert_eq!(kialo_number("c-1.8.9.14.2"), Some("1.8.9.14.2"));
        assert_eq!(kialo_number("r-1"), Some("1"));
        assert_eq!(kialo_number("c-1..2"), None);
        assert_eq!(kialo_number("c-"), None);
        assert_eq!(kialo_number("e-1.2"), None);
        assert_eq!(kialo_number("c-1.x"), None);
    }

    #[test]
    fn a_discussion_gives_the_claims_the_width() {
        let p = layout(160, 40, 0).unwrap();
        assert!(p.reading.is_none());
        let (o, n) = (p.outline.unwrap(), p.node.unwrap());
        assert_eq!(o.w + n.w, 160);
        assert!(o.w >= 80, "{o:?}");
        let narrow = layout(50, 20, 0).unwrap();
        assert!(narrow.single.is_some());
        assert!(layout(10, 5, 0).is_none());
    }
}
