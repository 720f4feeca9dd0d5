//! What each pane says, as lines of toned text: no styles, no terminal. The
//! view turns tones into colours; tests and mouse clicks read these lines directly.

use super::app::{App, Pane};
use super::graph::Link;
use super::keymap::{Action, Focus, KEYMAP, Scope, hints_for};

use super::outline::Row;
use super::reading::Mode;
use crate::analysis::Status;
use crate::marks::Stance;
use crate::model::{Lang, NodeKind, Origin};
use crate::text::sanitize_line;
use crate::wrap::{str_width, truncate, wrap};

/// The role of a stretch of text; the theme gives each a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// Less important text.
    Dim,
    /// A pane's or section's heading.
    Heading,
    /// A claim's label or glyph.
    Claim,
    /// Evidence's label or glyph.
    Evidence,
    /// A rebuttal's label or glyph.
    Rebuttal,
    /// The mark on editorial nodes.
    Editorial,
    /// A warning (no source given).
    Warning,
    /// A key name in hints and help.
    Key,
    /// The connectors and relation glyphs of the map.
    Glyph,
    /// A search match.
    Match,
    /// The reader agrees.
    Agree,
    /// The reader disputes.
    Dispute,
    /// The reader is unsure.
    Unsure,
    /// The words of a link (its address is one key away).
    Link,
}

/// The tone of a stance.
pub fn stance_tone(s: Stance) -> Tone {
    match s {
        Stance::Agree => Tone::Agree,
        Stance::Dispute => Tone::Dispute,
        Stance::Unsure => Tone::Unsure,
    }
}

/// A stretch of text with one tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    /// The text (already safe: content is sanitized at load).
    pub text: String,
    /// Its role.
    pub tone: Tone,
}

/// One line of a pane.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// Its pieces, left to right.
    pub segs: Vec<Seg>,
    /// The neighbour it lists, in the node pane.
    pub neighbour: Option<usize>,
    /// Under the cursor.
    pub cursor: bool,
}

impl Line {
    pub(crate) fn new() -> Line {
        Line::default()
    }

    pub(crate) fn push(mut self, text: impl Into<String>, tone: Tone) -> Line {
        self.segs.push(Seg {
            text: text.into(),
            tone,
        });
        self
    }

    /// The line's text without tones.
    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The tone of a node kind.
pub fn kind_tone(kind: NodeKind) -> Tone {
    match kind {
        NodeKind::Claim => Tone::Claim,
        NodeKind::Evidence => Tone::Evidence,
        NodeKind::Rebuttal => Tone::Rebuttal,
    }
}

/// A glyph per kind, so kinds differ without colour.
pub fn kind_glyph(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Claim => "◆",
        NodeKind::Evidence => "●",
        NodeKind::Rebuttal => "✕",
    }
}

/// The language node texts are shown in.
pub(crate) fn node_lang(app: &App) -> Lang {
    app.mode.primary(app.doc.lang)
}

/// `label text`, cut to `width` columns, for one-line lists.
pub(crate) fn node_summary(app: &App, node: usize, width: usize) -> Vec<Seg> {
    let n = &app.doc.nodes[node];
    let label = &app.graph.labels[node];
    let mut segs = vec![Seg {
        text: format!("{} {label}", kind_glyph(n.kind)),
        tone: kind_tone(n.kind),
    }];
    let mut used = str_width(&segs[0].text, app.ambiguous);
    // The reader's mark, by glyph and colour: ✓ ✗ ?, and * for a note.
    if let Some(m) = app.mark_of(node) {
        let mut mark = m.stance.map_or(String::new(), |st| st.glyph().to_string());
        if m.note.is_some() {
            mark.push('*');
        }
        let tone = m.stance.map_or(Tone::Dim, stance_tone);
        used += str_width(&mark, app.ambiguous);
        segs.push(Seg { text: mark, tone });
    }
    // What the marks imply for it: ↓ weakened, ∅ unsupported, ⇄ contested.
    let status = app.status_of(node);
    if status != Status::Stands && n.kind == NodeKind::Claim {
        used += str_width(status.glyph(), app.ambiguous);
        segs.push(Seg {
            text: status.glyph().to_string(),
            tone: Tone::Warning,
        });
    }
    if n.origin == Origin::Editorial {
        segs.push(Seg {
            text: " ✎".into(),
            tone: Tone::Editorial,
        });
        used += 2;
    }
    if n.origin == Origin::Reader {
        let own = format!(" {}", super::addform::OWN_GLYPH);
        used += str_width(&own, app.ambiguous);
        segs.push(Seg {
            text: own,
            tone: Tone::Editorial,
        });
    }
    let room = width.saturating_sub(used + 1);
    if room > 0 {
        let text = crate::model::links::shown(n.text.get_or_other(node_lang(app)))
            .0
            .replace('\n', " ");
        segs.push(Seg {
            text: format!(" {}", truncate(&text, room, app.ambiguous)),
            tone: Tone::Plain,
        });
    }
    segs
}

/// Who wrote a node of a reader's own: the reader's name, or "you" for the
/// reader's own nodes when they gave none (not the id the file keeps).
fn author<'a>(app: &'a App, n: &'a crate::model::Node) -> &'a str {
    if app.marks.addition(&n.id).is_some() {
        if let Some(name) = app.marks.reader.as_deref() {
            return name;
        }
        return app.strings().reader_you;
    }
    n.author.as_deref().unwrap_or("?")
}

/// Everything the node pane shows, wrapped to `width`; neighbours carry their index.
pub fn node_lines(app: &App, width: usize) -> Vec<Line> {
    let s = app.strings();
    let width = width.max(1);
    let Some(idx) = app.selected else {
        return no_node_lines(app, width);
    };
    let n = &app.doc.nodes[idx];
    let kind = match n.kind {
        NodeKind::Claim => s.claim,
        NodeKind::Evidence => s.evidence,
        NodeKind::Rebuttal => s.rebuttal,
    };
    // The label first; the id beside it, cut with `…` where the border comes.
    let head = format!("{} {kind} {}", kind_glyph(n.kind), app.graph.labels[idx]);
    let room = width.saturating_sub(str_width(&head, app.ambiguous));
    let head = truncate(&head, width, app.ambiguous).into_owned();
    // A Kialo claim by its number, as Kialo shows it; any other node by its id.
    let id = match super::discussion::position(app, idx) {
        Some(number) => format!(
            "  {} {number}",
            super::i18n::discussion_strings(app.ui).kialo_number
        ),
        None => format!("  {}", n.id),
    };
    let id = truncate(&id, room, app.ambiguous).into_owned();
    let mut out = vec![
        Line::new()
            .push(head, kind_tone(n.kind))
            .push(id, Tone::Dim),
    ];
    match n.origin {
        Origin::Article => out.extend(wrapped(s.from_article, Tone::Dim, width, app)),
        Origin::Editorial => out.extend(wrapped(
            &format!("✎ {}", s.editorial),
            Tone::Editorial,
            width,
            app,
        )),
        Origin::Reader => out.extend(wrapped(
            &format!("⊕ {} {}", s.reader_own, author(app, n)),
            Tone::Editorial,
            width,
            app,
        )),
    }
    if let Some(m) = app.mark_of(idx) {
        if let Some(st) = m.stance {
            let word = match st {
                Stance::Agree => s.agree,
                Stance::Dispute => s.dispute,
                Stance::Unsure => s.unsure,
            };
            out.push(
                Line::new()
                    .push(format!("{}: ", s.your_stance), Tone::Dim)
                    .push(format!("{} {word}", st.glyph()), stance_tone(st)),
            );
        }
        if let Some(note) = &m.note {
            out.extend(wrapped(
                &format!("{}: {note}", s.your_note),
                Tone::Plain,
                width,
                app,
            ));
        }
    }
    if n.kind == NodeKind::Claim && app.status_of(idx) != Status::Stands {
        out.extend(wrapped(
            &format!("{} {}", app.status_of(idx).glyph(), app.explain(idx)),
            Tone::Warning,
            width,
            app,
        ));
    }
    if app.mark_of(idx).and_then(|m| m.stance) != Some(Stance::Dispute) {
        let lost = app.what_if(idx);
        if !lost.is_empty() {
            let names: Vec<String> = lost.iter().map(|&i| app.graph.labels[i].clone()).collect();
            out.extend(wrapped(
                &format!("{} {}", s.what_if, s.list(&names)),
                Tone::Dim,
                width,
                app,
            ));
        }
    }
    if let Some(c) = app.class_of(idx) {
        let counts = format!(
            "{}: {} {} · {} {} · {} {}",
            s.class_split, c.agree, s.agree, c.dispute, s.dispute, c.unsure, s.unsure
        );
        // Wrapped like every other line; the bar after the last words if it
        // fits there, else on a line of its own.
        out.extend(wrapped(&counts, Tone::Dim, width, app));
        let bar = crate::marks::class::bar(c, 10.min(width));
        let bar_w = str_width(&bar, app.ambiguous);
        match out.last_mut() {
            Some(last) if str_width(&last.text(), app.ambiguous) + 1 + bar_w <= width => {
                last.segs.push(Seg {
                    text: format!(" {bar}"),
                    tone: Tone::Glyph,
                });
            }
            _ => out.push(Line::new().push(bar, Tone::Glyph)),
        }
    }
    out.extend(reason_lines(app, idx, width));
    out.push(Line::new());
    out.extend(statement_lines(app, n, width));
    // A discussion's claim is its own paragraph: its quote would say it twice.
    if let Some(q) = n.quote.as_ref().filter(|_| !app.discussion.is_discussion) {
        out.push(Line::new());
        let q = crate::model::links::shown(q).0;
        out.extend(wrapped(&format!("“{q}”"), Tone::Match, width, app));
        if let Some(p) = n.paragraphs.first() {
            let place = app
                .doc
                .paragraph_position(p)
                .map(|(sec, par)| format!(" (§{} ¶{})", sec + 1, par + 1))
                .unwrap_or_default();
            out.extend(wrapped(
                &format!("  — {} {p}{place}", s.quote_in),
                Tone::Dim,
                width,
                app,
            ));
        }
    }
    if let Some(b) = &n.basis {
        out.extend(wrapped(
            &format!("{}: {}", s.basis, super::i18n::basis_name(app.ui, b)),
            Tone::Dim,
            width,
            app,
        ));
    }
    if !n.sourced {
        out.extend(wrapped(s.unsourced, Tone::Warning, width, app));
    }
    if let Some(v) = &n.verify {
        out.extend(wrapped(
            &format!("{}{}", s.verify, v.get_or_other(node_lang(app))),
            Tone::Warning,
            width,
            app,
        ));
    }

    if let Some(note) = &n.note {
        out.extend(wrapped(
            &format!("{}: {note}", s.note),
            Tone::Dim,
            width,
            app,
        ));
    }
    let mut current = None;
    for (i, nb) in app.neighbours().iter().enumerate() {
        if current != Some(nb.link) {
            current = Some(nb.link);
            out.push(Line::new());
            let heading = match nb.link {
                Link::SupportedBy => s.supported_by,
                Link::RebuttedBy => s.rebutted_by,
                Link::UndercutBy => s.undercut_by,
                Link::Supports => s.supports,
                Link::Rebuts => s.rebuts,
                Link::Undercuts => s.undercuts,
            };
            out.push(Line::new().push(heading, Tone::Heading));
        }
        let mut line = Line {
            neighbour: Some(i),
            cursor: i == app.neighbour_cursor,
            ..Line::new()
        }
        .push("  ▸ ", Tone::Dim);
        let via = nb
            .via
            .filter(|_| matches!(nb.link, Link::UndercutBy | Link::Undercuts))
            .map(|v| format!(" → {}", app.graph.labels[v]))
            .unwrap_or_default();
        let room = width.saturating_sub(4 + str_width(&via, app.ambiguous));
        line.segs.extend(node_summary(app, nb.node, room));
        if !via.is_empty() {
            line = line.push(via, Tone::Dim);
        }
        out.push(line);
    }
    // The figures it cites, selectable after the neighbours: Enter opens one.
    let figures = app.node_figures();
    if !figures.is_empty() {
        out.push(Line::new());
        out.push(Line::new().push(s.figures_title, Tone::Heading));
        let lang = node_lang(app);
        let base = app.neighbours().len();
        for (k, &f) in figures.iter().enumerate() {
            let fig = &app.doc.figures[f];
            let lead = format!("  ▦ {} ", figure_kind(s, fig.kind()));
            let room = width.saturating_sub(str_width(&lead, app.ambiguous));
            out.push(Line {
                neighbour: Some(base + k),
                cursor: base + k == app.neighbour_cursor,
                ..Line::new().push(lead, Tone::Glyph).push(
                    truncate(fig.title.get_or_other(lang), room, app.ambiguous),
                    Tone::Plain,
                )
            });
        }
    }
    out
}

/// The node pane with no node selected: the section's summary, after a word
/// on the paragraph when the reader is in the text rather than on the
/// section's row of the outline.
fn no_node_lines(app: &App, width: usize) -> Vec<Line> {
    let s = app.strings();
    let on_section = app.focus == Pane::Outline
        && matches!(app.rows.get(app.outline_cursor), Some(Row::Section(_)));
    let mut out = Vec::new();
    if !on_section {
        out.extend(wrapped(s.no_node, Tone::Dim, width, app));
        out.push(Line::new());
    }
    let summary = super::outline::section_summary(
        &app.doc,
        &app.graph,
        s,
        app.section,
        node_lang(app),
        on_section,
    );
    for (i, text) in summary.iter().enumerate() {
        let tone = [Tone::Heading, Tone::Plain][..]
            .get(i)
            .copied()
            .unwrap_or(Tone::Dim);
        out.extend(wrapped(text, tone, width, app));
    }
    out
}

/// A figure's kind in the interface's language.
fn figure_kind(s: &super::i18n::Strings, kind: crate::figures::FigureKind) -> &'static str {
    let i = crate::figures::FigureKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0);
    s.figure_kinds[i]
}

/// A node's statement wrapped to `width`: in the article's language and then
/// the other when both are shown (the second dimmed), else in the one shown.
pub(super) fn statement_lines(app: &App, n: &crate::model::Node, width: usize) -> Vec<Line> {
    let langs = match app.mode {
        Mode::Both => vec![app.doc.lang, app.doc.lang.other()],
        _ => vec![node_lang(app)],
    };
    let mut out = Vec::new();
    for (i, l) in langs.into_iter().enumerate() {
        let text = n.text.get(l);
        if !text.is_empty() {
            out.extend(with_link_words(
                text,
                if i == 0 { Tone::Plain } else { Tone::Dim },
                width,
                app,
            ));
        }
    }
    out.extend(super::discussion::link_lines(app, n, width));
    out
}

/// Text wrapped to `width`, each Markdown link shown as its words in the link tone.
fn with_link_words(text: &str, tone: Tone, width: usize, app: &App) -> Vec<Line> {
    let (text, words, _) = crate::model::links::shown(text);
    wrap(&text, width, app.ambiguous)
        .into_iter()
        .map(|r| {
            let mut line = Line::new();
            let mut at = r.start;
            for w in words.iter().filter(|w| w.start < r.end && w.end > r.start) {
                let (s, e) = (w.start.max(r.start), w.end.min(r.end));
                if at < s {
                    line = line.push(&text[at..s], tone);
                }
                line = line.push(&text[s..e], Tone::Link);
                at = e;
            }
            if at < r.end {
                line = line.push(&text[at..r.end], tone);
            }
            line
        })
        .collect()
}

/// Text wrapped to `width` in one tone.
pub(super) fn wrapped(text: &str, tone: Tone, width: usize, app: &App) -> Vec<Line> {
    wrap(text, width, app.ambiguous)
        .into_iter()
        .map(|r| Line::new().push(&text[r], tone))
        .collect()
}

/// The node pane's lines to show in `height` rows: from its scroll, read as
/// text from the top, so a node opens on its own statement. Returns the index
/// of each line shown.
pub fn node_window(app: &App, lines: &[Line], height: usize) -> Vec<usize> {
    let offset = app.node_scroll.min(lines.len().saturating_sub(height));
    (offset..lines.len()).take(height).collect()
}

/// The node pane's cursor (over its relations, then its figures) and the
/// first of its lines shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NodeView {
    /// The relation or figure under the cursor.
    pub cursor: usize,
    /// The first line shown.
    pub scroll: usize,
}

/// Where a key leaves the node pane, which reads as text with its `items`
/// (relations, then figures) selectable: `j` walks down to the selected one,
/// then from one to the next, and past the last scrolls on; `k` walks back
/// and, at the first, scrolls up to the node's own statement; `g` `G` go to
/// the top and bottom, `PgUp` `PgDn` a screen at a time. `lines` are the
/// pane's, `height` its rows.
pub fn node_step(
    at: NodeView,
    action: Action,
    lines: &[Line],
    height: usize,
    items: usize,
) -> NodeView {
    let last = items.saturating_sub(1);
    let max = lines.len().saturating_sub(height);
    let line_of = |i: usize| lines.iter().position(|l| l.neighbour == Some(i));
    let shown = |scroll: usize, l: usize| l >= scroll && l < scroll + height;
    let scroll = at.scroll.min(max);
    let here = line_of(at.cursor).filter(|_| items > 0);
    let mut cursor = at.cursor;
    let mut next = scroll;
    match action {
        Action::Down => match here {
            Some(l) if l >= scroll + height => next = scroll + 1,
            Some(_) if cursor < last => cursor += 1,
            _ => next = scroll + 1,
        },
        Action::Up => match here {
            Some(l) if shown(scroll, l) && cursor > 0 => cursor -= 1,
            _ => next = scroll.saturating_sub(1),
        },
        Action::Top => (cursor, next) = (0, 0),
        Action::Bottom => (cursor, next) = (last, max),
        Action::PageDown | Action::PageUp => {
            let page = height.saturating_sub(1).max(1);
            next = if action == Action::PageDown {
                scroll + page
            } else {
                scroll.saturating_sub(page)
            }
            .min(max);
            // Keep the selection on screen if any item is.
            if !here.is_some_and(|l| shown(next, l))
                && let Some(i) = (0..items).find(|&i| line_of(i).is_some_and(|l| shown(next, l)))
            {
                cursor = i;
            }
        }
        _ => return at,
    }
    if cursor != at.cursor
        && let Some(l) = line_of(cursor)
    {
        // Bring the newly selected item into view, no further.
        if l < next {
            next = l;
        } else if l >= next + height {
            next = l + 1 - height;
        }
    }
    NodeView {
        cursor,
        scroll: next.min(max),
    }
}

/// The key list, from the keymap table.
pub fn help_lines(app: &App) -> Vec<Line> {
    let s = app.strings();
    let mut out = Vec::new();
    let width = KEYMAP
        .iter()
        .map(|b| str_width(&b.keys_label(), app.ambiguous))
        .max()
        .unwrap_or(0);
    for (scope, title) in [
        (Scope::Reader, s.scope_reader),
        (Scope::Map, s.scope_map),
        (Scope::Help, s.scope_help),
        (Scope::List, s.scope_list),
        (Scope::Figure, s.scope_figure),
        (Scope::Note, s.scope_note),
        (
            Scope::Teacher,
            crate::tui::i18n::class_strings(app.ui).teacher_title,
        ),
        (Scope::Select, s.own.scope_select),
        (Scope::Form, s.own.scope_form),
        (Scope::Global, s.scope_global),
    ] {
        out.push(Line::new().push(title, Tone::Heading));
        for b in KEYMAP.iter().filter(|b| b.scope == scope) {
            let keys = b.keys_label();
            let pad = width.saturating_sub(str_width(&keys, app.ambiguous));
            out.push(
                Line::new()
                    .push(format!("  {keys}{}  ", " ".repeat(pad)), Tone::Key)
                    .push(b.description(app.ui), Tone::Plain),
            );
        }
        out.push(Line::new());
    }
    out
}

/// The class's reasons on node `idx`, newest first: each classmate's note
/// with their stance and name (or number, with `--anonymous`).
fn reason_lines(app: &App, idx: usize, width: usize) -> Vec<Line> {
    let reasons = app.reasons(idx);
    if reasons.is_empty() {
        return Vec::new();
    }
    let words = crate::tui::i18n::class_strings(app.ui);
    let mut out = vec![Line::new().push(format!("{}:", words.reasons), Tone::Dim)];
    for r in reasons {
        let glyph = r.stance.map_or("·", Stance::glyph);
        let text = format!("{glyph} {}: {}", r.who, r.note);
        let tone = r.stance.map_or(Tone::Plain, stance_tone);
        out.extend(wrapped(&text, tone, width, app));
    }
    out
}

/// The status line: where you are, then key hints for what is on screen, cut to `width`.
pub fn status_line(app: &App, width: usize) -> Line {
    let s = app.strings();
    let lang = match app.mode {
        Mode::Zh => s.lang_zh,
        Mode::En => s.lang_en,
        Mode::Both => s.lang_both,
    };
    let title = app.doc.title.get_or_other(node_lang(app));
    let marked = app.counts().marked;
    // Narrow terminals get the short forms, so the pane and hints still fit.
    let compact = width < 80;
    let lang = match (compact, app.mode) {
        (true, Mode::Zh) => "中",
        (true, Mode::En) => "EN",
        (true, Mode::Both) => "中+EN",
        _ => lang,
    };
    let progress = if compact {
        format!("{marked}/{}", app.doc.nodes.len())
    } else {
        format!("{marked}/{} {}", app.doc.nodes.len(), s.marked)
    };
    let mut place = format!(
        " §{}/{} · {lang} · {progress} ",
        app.section + 1,
        app.doc.sections.len(),
    );
    let orphans = app.counts().orphans;
    if orphans > 0 {
        let what = if compact { "⚠" } else { s.orphaned };
        place.push_str(&format!("· {orphans} {what} "));
    }
    // The reader's own nodes the article no longer has a place for.
    let own = app.orphan_count();
    if own > 0 {
        let what = if compact { "⊕⚠" } else { s.own.orphaned };
        place.push_str(&format!("· {own} {what} "));
    }
    if app.filter != super::app::Filter::All {
        place.push_str(&format!("· {} ", s.filters[app.filter.index()]));
    }
    if let Some(live) = &app.class_live {
        let n = live.readers.len().to_string();
        let words = crate::tui::i18n::class_strings(app.ui);
        let what = crate::tui::i18n::fill(words.status_readers, &[&n]);
        place.push_str(&format!("· {what} "));
        if live.skipped.is_some() || live.error.is_some() {
            place.push_str("⚠ ");
        }
    }
    let mut right: Vec<Seg> = Vec::new();
    // Hints only fill what room is left; anything else on the right is news.
    let mut showing_hints = false;
    // A one-off message shows over a finished search until the next key.
    let searching = app.search.typing || (!app.search.query.is_empty() && app.message.is_none());
    if searching {
        let count = match (app.search.current, app.search.hits.len()) {
            (_, 0) if !app.search.query.is_empty() => s.no_match.to_string(),
            (Some(c), n) => format!("{}/{n}", c + 1),
            _ => String::new(),
        };
        let cursor = if app.search.typing { "▏" } else { "" };
        right.push(Seg {
            text: format!("/{}{cursor} ", app.search.query),
            tone: Tone::Match,
        });
        right.push(Seg {
            text: format!("{count} "),
            tone: Tone::Dim,
        });
    } else if let Some(e) = app.load_error.as_deref() {
        right.push(Seg {
            text: format!("⚠ {e} · {} ", s.showing_last_good),
            tone: Tone::Warning,
        });
    } else if let Some(m) = app.message.as_deref() {
        right.push(Seg {
            text: format!("{m} "),
            tone: Tone::Warning,
        });
    } else if let super::app::Saving::ReadOnly(why) | super::app::Saving::Failed(why) = &app.saving
    {
        right.push(Seg {
            text: format!("{} {why} · e {} ", s.not_saved, s.export_hint),
            tone: Tone::Warning,
        });
    } else {
        showing_hints = true;
        let scope = app.scope();
        let focus = match (scope, app.focus) {
            (Scope::Reader, Pane::Outline) => Focus::Outline,
            (Scope::Reader, Pane::Reading) => Focus::Reading,
            (Scope::Reader, Pane::Node) => Focus::Node,
            (scope, _) => Focus::Popup(scope),
        };
        for h in hints_for(focus)
            .into_iter()
            .filter(|h| h.actions.iter().any(|a| app.offers(*a)))
        {
            right.push(Seg {
                text: h.keys(scope),
                tone: Tone::Key,
            });
            right.push(Seg {
                text: format!(" {}  ", h.words(app.ui)),
                tone: Tone::Dim,
            });
        }
    }
    if app.scope() == Scope::Reader && !app.search.typing {
        let pane = match app.focus {
            Pane::Outline => s.outline,
            Pane::Reading => s.reading,
            Pane::Node => s.node,
        };
        right.insert(
            0,
            Seg {
                text: format!("[{pane}] "),
                tone: Tone::Heading,
            },
        );
    }
    // The title yields room first, then the hints from the right; a warning,
    // a message or the search takes all the room it needs.
    let right_width: usize = right
        .iter()
        .map(|seg| str_width(&seg.text, app.ambiguous))
        .sum();
    let place_width = str_width(&place, app.ambiguous);
    let claimed = if showing_hints {
        right_width.min(width / 2)
    } else {
        right_width
    };
    let title_room = width.saturating_sub(place_width + claimed + 1);
    // A title cut to a letter or two says nothing: the article shows it in full.
    let title = if str_width(title, app.ambiguous) <= title_room || title_room >= 12 {
        truncate(title, title_room, app.ambiguous)
    } else {
        "".into()
    };
    let mut line = Line::new()
        .push(format!(" {title}"), Tone::Heading)
        .push(place, Tone::Dim);
    let mut used = str_width(&line.text(), app.ambiguous);
    for seg in right {
        let w = str_width(&seg.text, app.ambiguous);
        if used + w > width {
            let cut = truncate(&seg.text, width.saturating_sub(used), app.ambiguous).into_owned();
            line.segs.push(Seg {
                text: cut,
                tone: seg.tone,
            });
            break;
        }
        used += w;
        line.segs.push(seg);
    }
    line
}

/// Entry `i` of a list (`on`: under the cursor): `text` wrapped to `width`
/// after `lead`, the lines after the first indented as far.
fn entry(
    out: &mut Vec<Line>,
    app: &App,
    (i, on): (usize, bool),
    lead: &str,
    text: &str,
    width: usize,
) {
    let lead_w = str_width(lead, app.ambiguous);
    for (k, r) in wrap(text, width.saturating_sub(lead_w).max(1), app.ambiguous)
        .into_iter()
        .enumerate()
    {
        let lead = if k == 0 {
            lead.to_string()
        } else {
            " ".repeat(lead_w)
        };
        out.push(Line {
            cursor: on,
            neighbour: Some(i),
            ..Line::new()
                .push(lead, Tone::Warning)
                .push(&text[r], Tone::Plain)
        });
    }
}

/// The lines of a tensions or cruxes list, each leading to a node; the cursor marked.
pub fn list_lines(app: &App, kind: super::app::ListKind, cursor: usize, width: usize) -> Vec<Line> {
    use super::app::ListKind;
    let s = app.strings();
    let mut out = Vec::new();
    match kind {
        ListKind::Tensions => {
            if app.tensions().next().is_none() {
                out.push(Line::new().push(s.no_tensions, Tone::Dim));
            }
            for (i, t) in app.tensions().enumerate() {
                let text = app.tension_text(t);
                entry(&mut out, app, (i, i == cursor), "⚠ ", &text, width);
            }
        }
        ListKind::Orphans => {
            let listed = app.orphans_listed();
            if listed.is_empty() {
                out.push(Line::new().push(s.own.no_orphans, Tone::Dim));
            }
            for (i, (id, lost)) in listed.iter().enumerate() {
                let why: Vec<String> = lost
                    .iter()
                    .map(|o| crate::marks::export::orphan_words(o, app.ui))
                    .collect();
                let name = match app.doc.node_index(id) {
                    Some(n) => format!(
                        "{} {}",
                        app.graph.labels[n],
                        app.doc.nodes[n].text.get_or_other(node_lang(app))
                    ),
                    None => app.marks.addition(id).map_or(String::new(), |a| {
                        a.text.get_or_other(node_lang(app)).to_string()
                    }),
                };
                let text = format!("{} — {}", sanitize_line(&name), why.join("; "));
                entry(&mut out, app, (i, i == cursor), "⊕⚠ ", &text, width);
            }
        }
        ListKind::Figures => {
            let lang = node_lang(app);
            for (i, f) in app.doc.figures.iter().enumerate() {
                let lead = format!("▦ {} ", figure_kind(s, f.kind()));
                let used = str_width(&lead, app.ambiguous);
                out.push(Line {
                    cursor: i == cursor,
                    neighbour: Some(i),
                    ..Line::new().push(lead, Tone::Glyph).push(
                        truncate(
                            f.title.get_or_other(lang),
                            width.saturating_sub(used),
                            app.ambiguous,
                        ),
                        Tone::Plain,
                    )
                });
            }
        }
        ListKind::Cruxes => {
            for (i, id) in app.cruxes.iter().enumerate() {
                let Some(c) = app.class.as_ref().and_then(|m| m.get(id)) else {
                    continue;
                };
                let counts = format!("{:>2}✓ {:>2}✗ {:>2}? ", c.agree, c.dispute, c.unsure);
                let bar = crate::marks::class::bar(c, 8);
                let mut line = Line {
                    cursor: i == cursor,
                    neighbour: Some(i),
                    ..Line::new()
                        .push(counts, Tone::Plain)
                        .push(format!("{bar} "), Tone::Glyph)
                };
                let used = str_width(&line.text(), app.ambiguous);
                match app.doc.node_index(id) {
                    Some(n) => line
                        .segs
                        .extend(node_summary(app, n, width.saturating_sub(used))),
                    None => {
                        line = line.push(
                            truncate(id, width.saturating_sub(used), app.ambiguous),
                            Tone::Dim,
                        )
                    }
                }
                out.push(line);
            }
        }
    }
    out
}
