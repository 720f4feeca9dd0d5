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
//!   included); `P` brings the article's three panes back, and again puts
//!   them away;
//! * a big one (more than [`BIG`] nodes) opens folded to its first
//!   [`OPEN_LEVELS`] levels; `-` folds everything, `+` unfolds everything,
//!   a digit folds the outline to that many levels (`0`: all), for any document;
//! * a Kialo claim's number (`1.8.9.14.2`) is shown as Kialo users know it,
//!   beside its label, in the node pane and in the outline (where it gives
//!   way when the claim's words would keep fewer than [`OUTLINE_WORDS`] columns);
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
    /// The terminal shows OSC 8 hyperlinks: listed links are made links.
    pub hyperlinks: bool,
    /// The reader asked for the article's three panes back (`P`).
    pub article_pane: bool,
}

impl DiscussionView {
    /// What `doc` is.
    pub fn of(doc: &Document) -> DiscussionView {
        DiscussionView {
            is_discussion: is_discussion(doc),
            kialo: !doc.nodes.is_empty() && doc.nodes.iter().all(|n| kialo_number(&n.id).is_some()),
            show_links: false,
            hyperlinks: false,
            article_pane: false,
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

/// Whether the claims get the width: a discussion, unless the reader asked
/// for the article pane back.
pub fn claims_alone(app: &App) -> bool {
    app.discussion.is_discussion && !app.discussion.article_pane
}

/// Whether this module acts on `action` in the reader.
pub fn handles(action: Action) -> bool {
    matches!(
        action,
        Action::Links
            | Action::FoldAll
            | Action::UnfoldAll
            | Action::Depth(_)
            | Action::ArticlePane
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
        Action::ArticlePane if !app.discussion.is_discussion => {
            app.message = Some(d.article_always.to_string());
        }
        Action::ArticlePane => {
            let shown = !app.discussion.article_pane;
            app.discussion.article_pane = shown;
            // Focus on the pane that goes away moves to the outline.
            if !shown && app.focus == super::app::Pane::Reading {
                app.focus = super::app::Pane::Outline;
            }
            app.resize(app.size.0, app.size.1);
            app.message = Some(
                if shown {
                    d.article_shown
                } else {
                    d.article_hidden
                }
                .to_string(),
            );
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
        // The words on a line of their own (a hyperlink where the terminal
        // has them), the address in full under them.
        out.push(Line::new().push(link_head(&text[l.words], width, app), Tone::Link));
        let url = &text[l.url];
        for r in wrap(url, width.saturating_sub(3).max(1), app.ambiguous) {
            out.push(Line::new().push(format!("   {}", &url[r]), Tone::Dim));
        }
    }
    out
}

/// The line naming a link: `🔗 words`, cut to `width`.
fn link_head(words: &str, width: usize, app: &App) -> String {
    crate::wrap::truncate(&format!("🔗 {words}"), width, app.ambiguous).into_owned()
}

/// A link's words on screen, to be made a hyperlink to its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    /// Column of the words' first cell.
    pub x: u16,
    /// Row.
    pub y: u16,
    /// The words as drawn there.
    pub words: String,
    /// The address.
    pub url: String,
}

/// Where the node pane shows the selected node's links, when it lists them:
/// each link's words, with its address. Empty when nothing is listed.
pub fn hyperlinks(app: &App) -> Vec<Hyperlink> {
    let (Some(selected), true) = (app.selected, app.discussion.show_links) else {
        return Vec::new();
    };
    if !app.overlays.is_empty() {
        return Vec::new();
    }
    let Some(area) = app.panes().and_then(|p| match p.single {
        Some(single) if app.focus == super::app::Pane::Node => Some(single),
        Some(_) => None,
        None => p.node,
    }) else {
        return Vec::new();
    };
    let (w, h) = (
        usize::from(area.w.saturating_sub(2)),
        usize::from(area.h.saturating_sub(2)),
    );
    let n = &app.doc.nodes[selected];
    let text = n.text.get_or_other(app.mode.primary(app.doc.lang));
    let links = crate::model::links::links(text);
    let lines = super::panes::node_lines(app, w);
    let shown = super::panes::node_window(app, &lines, h);
    let lead = crate::wrap::str_width("🔗 ", app.ambiguous);
    let mut next = 0;
    let mut out = Vec::new();
    let heads: Vec<String> = links
        .iter()
        .map(|l| link_head(&text[l.words.clone()], w, app))
        .collect();
    // The link lines come in the order of the links, after the text (some
    // may be scrolled out of view).
    for (row, &i) in shown.iter().enumerate() {
        let line = lines[i].text();
        let Some(k) = heads[next.min(heads.len())..]
            .iter()
            .position(|h| *h == line)
            .map(|k| k + next)
        else {
            continue;
        };
        out.push(Hyperlink {
            x: area.x + 1 + lead as u16,
            y: area.y + 1 + row as u16,
            words: heads[k]["🔗 ".len()..].to_string(),
            url: text[links[k].url.clone()].to_string(),
        });
        next = k + 1;
    }
    out
}

/// `words` as an OSC 8 hyperlink to `url`. The address is written with
/// printable ASCII alone: anything else (controls, spaces, non-ASCII,
/// whatever a file put there) is percent-encoded, so nothing from the file
/// can end the sequence early or steer the terminal. `words` are already
/// sanitized, as everything drawn is.
pub fn osc8(url: &str, words: &str) -> String {
    let mut safe = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) {
            safe.push(char::from(b));
        } else {
            safe.push_str(&format!("%{b:02X}"));
        }
    }
    let words = crate::text::sanitize_line(words);
    format!("\x1b]8;;{safe}\x1b\\{words}\x1b]8;;\x1b\\")
}

/// Whether the terminal is known to show OSC 8 hyperlinks, from its
/// environment (`get` reads a variable). `STANCE_HYPERLINKS=1` or `=0`
/// decides; otherwise terminals that say who they are and have them.
pub fn hyperlinks_supported(get: impl Fn(&str) -> Option<String>) -> bool {
    match get("STANCE_HYPERLINKS").as_deref() {
        Some("1") => return true,
        Some("0") => return false,
        _ => {}
    }
    let program = get("TERM_PROGRAM").unwrap_or_default();
    let term = get("TERM").unwrap_or_default();
    matches!(
        program.as_str(),
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "tabby" | "rio"
    ) || get("KITTY_WINDOW_ID").is_some()
        || get("WT_SESSION").is_some()
        || get("KONSOLE_VERSION").is_some()
        || get("VTE_VERSION")
            .and_then(|v| v.parse::<u32>().ok())
            .is_some_and(|v| v >= 5000)
        || term.contains("kitty")
        || term.contains("foot")
        || term.contains("alacritty")
}

/// Writes the hyperlinks of the screen just drawn over their words (the same
/// characters, so the screen does not change, only the words become links).
pub fn write_hyperlinks(out: &mut impl std::io::Write, app: &App) -> std::io::Result<()> {
    use crossterm::{cursor::MoveTo, queue, style::Print};
    let links = hyperlinks(app);
    if links.is_empty() {
        return Ok(());
    }
    for h in links {
        queue!(out, MoveTo(h.x, h.y), Print(osc8(&h.url, &h.words)))?;
    }
    out.flush()
}

/// A node's place as its discussion numbers it, when it is a Kialo claim: `1.8.9.14.2`.
pub fn position(app: &App, node: usize) -> Option<&str> {
    if !app.discussion.kialo {
        return None;
    }
    kialo_number(&app.doc.nodes[node].id)
}

/// The fewest columns a claim's words keep in the outline beside its
/// Kialo number: below that the number gives way (the node pane still shows
/// it), since a row of numbers without words reads as nothing.
pub const OUTLINE_WORDS: usize = 12;

/// A Kialo claim's number as the outline shows it after the label (` 1.8.9`),
/// when a row `room` columns wide still leaves the label and
/// [`OUTLINE_WORDS`] columns of its words beside it; otherwise none.
pub fn outline_number(app: &App, node: usize, room: usize) -> Option<String> {
    let number = format!(" {}", position(app, node)?);
    let label = format!(
        "{} {}",
        super::panes::kind_glyph(app.doc.nodes[node].kind),
        app.graph.labels[node]
    );
    let needed = crate::wrap::str_width(&label, app.ambiguous)
        + crate::wrap::str_width(&number, app.ambiguous)
        + 1
        + OUTLINE_WORDS;
    (needed <= room).then_some(number)
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
    fn a_hyperlink_carries_nothing_that_could_steer_the_terminal() {
        let link = osc8(
            "https://x.org/a b\u{1b}]0;pwned\u{7}\u{9b}é",
            "wörds\u{1b}[2J",
        );
        assert!(
            link.starts_with("\u{1b}]8;;https://x.org/a%20b%1B]0;pwned%07%C2%9B%C3%A9\u{1b}\\")
        );
        assert!(link.ends_with("\u{1b}]8;;\u{1b}\\"));
        // Four escapes: two to open and end the link, two to end their
        // strings; none from the address or the words.
        assert_eq!(link.matches('\u{1b}').count(), 4, "{link:?}");
        assert!(!link.contains('\u{7}'));
        assert!(link.contains("wörds␛[2J"));
    }

    #[test]
    fn hyperlinks_where_the_terminal_says_it_has_them() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(hyperlinks_supported(env(&[("TERM_PROGRAM", "WezTerm")])));
        assert!(hyperlinks_supported(env(&[("VTE_VERSION", "7200")])));
        assert!(!hyperlinks_supported(env(&[("VTE_VERSION", "4600")])));
        assert!(!hyperlinks_supported(env(&[("TERM", "xterm-256color")])));
        assert!(!hyperlinks_supported(env(&[
            ("TERM", "kitty"),
            ("STANCE_HYPERLINKS", "0")
        ])));
        assert!(hyperlinks_supported(env(&[("STANCE_HYPERLINKS", "1")])));
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
