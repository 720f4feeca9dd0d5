//! Drawing: turns the app's state into a frame. Reads state, changes nothing.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line as RLine, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, Overlay, Pane};
use super::input::TextInput;
use super::layout::{Area, MIN_SIZE};
use super::panes::{self, Line, Tone, kind_tone};
use super::reading::ReadingLine;
use super::theme::Theme;
use crate::wrap::truncate;

fn rect(a: Area) -> Rect {
    Rect::new(a.x, a.y, a.w, a.h)
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some(panes) = app.panes() else {
        too_small(frame, app, theme);
        return;
    };
    let mut placed = vec![
        (Pane::Outline, panes.outline),
        (Pane::Reading, panes.reading),
        (Pane::Node, panes.node),
    ];
    if let Some(single) = panes.single {
        placed = vec![(app.focus, Some(single))];
    }
    // The map covers every pane: drawing them under it would be wasted.
    let covered = app.overlays.iter().any(|o| matches!(o, Overlay::Map(_)));
    for (pane, at) in placed {
        if let Some(a) = at
            && !covered
        {
            draw_pane(frame, app, theme, pane, rect(a));
        }
    }
    let status = panes::status_line(app, usize::from(area.width));
    frame.render_widget(Paragraph::new(to_line(&status, theme)), rect(panes.status));
    let body = Rect::new(0, 0, area.width, panes.status.y);
    if app.legend && app.overlays.is_empty() {
        draw_legend(frame, app, theme, panes.node.or(panes.single).map(rect));
    }
    for overlay in &app.overlays {
        match overlay {
            Overlay::Map(_) => draw_map(frame, app, theme, body),
            Overlay::Help { scroll } => draw_help(frame, app, theme, body, *scroll),
            Overlay::List(kind, cursor) => draw_list(frame, app, theme, body, *kind, *cursor),
            Overlay::Figure(state) => super::figure::draw(frame, app, theme, body, state),
            Overlay::Teacher => super::teacher::draw(frame, app, theme, body),
        }
    }
    if let Some(form) = &app.form {
        super::addform::draw(frame, app, theme, body, form);
    }
    if let Some(input) = &app.editing {
        draw_note(frame, app, theme, input, body);
    }
}

/// The first run's legend: a box at the bottom of the node pane (or of the
/// one pane shown), leaving the article's title and heading in view.
fn draw_legend(frame: &mut Frame, app: &App, theme: &Theme, over: Option<Rect>) {
    let s = app.strings();
    let Some(over) = over else { return };
    let inner_w = usize::from(over.width.saturating_sub(2));
    let lines = super::legend::lines(s, inner_w, app.ambiguous);
    let h = (lines.len() as u16 + 2).min(over.height);
    if h < 3 {
        return;
    }
    let at = Rect::new(over.x, over.bottom() - h, over.width, h);
    clear(frame, at);
    let title = fit(
        &format!(" {} · {} ", s.legend_title, s.legend_close),
        inner_w,
        app,
    );
    let text: Vec<RLine> = lines.iter().map(|l| to_line(l, theme)).collect();
    frame.render_widget(Paragraph::new(text).block(block(title, true, theme)), at);
}

/// The note being written: a one-line field above the status line, with the
/// terminal's cursor placed in it so input methods put their window there.
fn draw_note(frame: &mut Frame, app: &App, theme: &Theme, input: &TextInput, body: Rect) {
    let s = app.strings();
    if body.height < 3 {
        return;
    }
    let area = Rect::new(body.x, body.bottom() - 3, body.width, 3);
    clear(frame, area);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let label = app.note_label();
    let title = fit(
        &format!(" {} {label} · {} ", s.note_title, s.note_keys),
        inner_w,
        app,
    );
    let (shown, col) = input.window(inner_w.saturating_sub(1), app.ambiguous);
    frame.render_widget(
        Paragraph::new(RLine::raw(shown.to_string())).block(block(title, true, theme)),
        area,
    );
    let x = area.x + 1 + u16::try_from(col).unwrap_or(0);
    frame.set_cursor_position((x.min(area.right().saturating_sub(2)), area.y + 1));
}

fn too_small(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let msg = format!("{} {}×{}.", app.strings().too_small, MIN_SIZE.0, MIN_SIZE.1);
    let lines: Vec<RLine> = crate::wrap::wrap(&msg, usize::from(area.width), app.ambiguous)
        .into_iter()
        .map(|r| RLine::styled(msg[r].to_string(), theme.tone(Tone::Warning)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

pub(super) fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.tone(Tone::Heading)))
}

fn draw_pane(frame: &mut Frame, app: &App, theme: &Theme, pane: Pane, area: Rect) {
    let s = app.strings();
    let focused = app.focus == pane;
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let mark = if focused { "▶ " } else { "" };
    match pane {
        Pane::Outline => {
            let lines = super::outline::outline_lines(app, inner_w, inner_h);
            let title = fit(&format!(" {mark}{} ", s.outline), inner_w, app);
            let text: Vec<RLine> = lines
                .iter()
                .map(|l| cursor_line(l, theme, focused))
                .collect();
            frame.render_widget(
                Paragraph::new(text).block(block(title, focused, theme)),
                area,
            );
        }
        Pane::Node => {
            let lines = panes::node_lines(app, inner_w);
            let shown = panes::node_window(app, &lines, inner_h);
            let title = fit(&format!(" {mark}{} ", s.node), inner_w, app);
            let text: Vec<RLine> = shown
                .iter()
                .map(|&i| &lines[i])
                .map(|l| {
                    if l.neighbour.is_some() {
                        cursor_line(l, theme, focused)
                    } else {
                        to_line(l, theme)
                    }
                })
                .collect();
            frame.render_widget(
                Paragraph::new(text).block(block(title, focused, theme)),
                area,
            );
        }
        Pane::Reading => {
            // A document may have no sections at all (an imported graph).
            let heading = app.doc.sections.get(app.section).map_or("", |sec| {
                sec.title.get_or_other(app.mode.primary(app.doc.lang))
            });
            let title = fit(
                &format!(
                    " {mark}{} · §{}/{} {heading} ",
                    s.reading,
                    app.section + 1,
                    app.doc.sections.len()
                ),
                inner_w,
                app,
            );
            let needle = crate::text::fold_case(&app.search.query);
            let lines: Vec<RLine> = app
                .reading_window()
                .iter()
                .take(inner_h)
                .map(|(sec, l)| reading_line(app, theme, *sec, l, &needle))
                .collect();
            frame.render_widget(
                Paragraph::new(lines).block(block(title, focused, theme)),
                area,
            );
        }
    }
}

/// A title cut to fit its border.
pub(super) fn fit(title: &str, width: usize, app: &App) -> String {
    truncate(title, width, app.ambiguous).into_owned()
}

pub(super) fn to_line<'a>(line: &Line, theme: &Theme) -> RLine<'a> {
    RLine::from(
        line.segs
            .iter()
            .map(|s| Span::styled(s.text.clone(), theme.tone(s.tone)))
            .collect::<Vec<_>>(),
    )
}

fn cursor_line<'a>(line: &Line, theme: &Theme, focused: bool) -> RLine<'a> {
    let l = to_line(line, theme);
    if line.cursor {
        l.style(theme.cursor(focused))
    } else {
        l
    }
}

/// One line of the article: gutter bar on the current paragraph, quotes and
/// badges styled, search matches highlighted.
fn reading_line<'a>(
    app: &App,
    theme: &Theme,
    section: usize,
    line: &ReadingLine,
    needle: &str,
) -> RLine<'a> {
    let current = section == app.section && line.para == Some(app.paragraph);
    let mut spans = vec![Span::styled(
        if current { "▌ " } else { "  " },
        theme.tone(Tone::Heading),
    )];
    // Cut the line where any mark or match begins or ends; style each piece.
    let text = line.text.as_str();
    let lower = crate::text::fold_case(text);
    let mut matches = Vec::new();
    if !needle.is_empty() && lower.len() == text.len() {
        let mut from = 0;
        while let Some(i) = lower[from..].find(needle) {
            matches.push(from + i..from + i + needle.len());
            from += i + needle.len().max(1);
        }
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in &line.marks {
        cuts.extend([r.start, r.end]);
    }
    for r in &matches {
        cuts.extend([r.start, r.end]);
    }
    let chosen = selected_on_line(app, section, line);
    for r in &chosen {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let kinds = |n: usize| kind_tone(app.doc.nodes[n].kind);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut style = Style::new();
        for (r, m) in &line.marks {
            if r.start <= a && b <= r.end {
                style = style.patch(theme.mark(*m, kinds, app.selected));
            }
        }
        if matches.iter().any(|r| r.start <= a && b <= r.end) {
            style = style.patch(theme.search_match());
        }
        if chosen.iter().any(|r| r.start <= a && b <= r.end) {
            style = style.patch(theme.selection());
        }
        spans.push(Span::styled(text[a..b].to_string(), style));
    }
    RLine::from(spans)
}

/// The bytes of `line` the words being selected (or the caret, before the
/// selection starts) are drawn on.
fn selected_on_line(app: &App, section: usize, line: &ReadingLine) -> Vec<std::ops::Range<usize>> {
    use super::selection::{caret_on_line, on_line};
    let Some(sel) = &app.selection else {
        return Vec::new();
    };
    if sel.section != section || line.para != Some(sel.paragraph) {
        return Vec::new();
    }
    if sel.started() {
        return on_line(line, sel.span());
    }
    let text = app
        .doc
        .sections
        .get(section)
        .and_then(|s| s.paragraphs.get(sel.paragraph))
        .map_or("", |p| p.text(app.doc.lang));
    caret_on_line(line, text, sel.head()).into_iter().collect()
}

/// Clears `area` for a popup. A wide character cut in half by the popup's edge
/// would be drawn by the terminal over the popup's border, so its other half
/// outside the popup is blanked too.
pub(super) fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let buf = frame.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let before = &mut buf[(area.left() - 1, y)];
            if unicode_width::UnicodeWidthStr::width(before.symbol()) > 1 {
                before.set_symbol(" ");
            }
        }
        if area.right() < bounds.right() {
            let after = &mut buf[(area.right(), y)];
            if after.symbol().is_empty() {
                after.set_symbol(" ");
            }
        }
    }
}

fn draw_map(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let s = app.strings();
    clear(frame, area);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let lines = super::map::lines(app, inner_w, inner_h);
    let title = fit(&format!(" {} · {} ", s.map, s.map_legend), inner_w, app);
    let text: Vec<RLine> = lines.iter().map(|l| cursor_line(l, theme, true)).collect();
    frame.render_widget(Paragraph::new(text).block(block(title, true, theme)), area);
}

fn draw_list(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    kind: super::app::ListKind,
    cursor: usize,
) {
    let s = app.strings();
    let w = area.width.min(90);
    let at = Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height);
    clear(frame, at);
    let inner_w = usize::from(w.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let lines = panes::list_lines(app, kind, cursor, inner_w);
    let first = lines.iter().position(|l| l.cursor).unwrap_or(0);
    let offset = first.saturating_sub(inner_h.saturating_sub(1));
    let text: Vec<RLine> = lines
        .iter()
        .skip(offset)
        .take(inner_h)
        .map(|l| cursor_line(l, theme, true))
        .collect();
    let title = match kind {
        super::app::ListKind::Tensions => s.tensions_title,
        super::app::ListKind::Cruxes => s.cruxes_title,
        super::app::ListKind::Figures => s.figures_title,
        super::app::ListKind::Orphans => s.own.orphans_title,
    };
    let title = fit(&format!(" {title} · {} ", s.list_keys), inner_w, app);
    frame.render_widget(Paragraph::new(text).block(block(title, true, theme)), at);
}

fn draw_help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, scroll: usize) {
    let s = app.strings();
    let w = area.width.min(72);
    let h = area.height;
    let at = Rect::new(area.x + (area.width - w) / 2, area.y, w, h);
    clear(frame, at);
    let inner_w = usize::from(w.saturating_sub(2));
    let inner_h = usize::from(h.saturating_sub(2));
    let mut lines = super::legend::help_lines(s, inner_w, app.ambiguous);
    lines.extend(panes::help_lines(app));
    let scroll = scroll.min(lines.len().saturating_sub(inner_h));
    let text: Vec<RLine> = lines
        .iter()
        .skip(scroll)
        .take(inner_h)
        .map(|l| {
            let mut cut = Line::default();
            let mut used = 0;
            for seg in &l.segs {
                let t =
                    truncate(&seg.text, inner_w.saturating_sub(used), app.ambiguous).into_owned();
                used += crate::wrap::str_width(&t, app.ambiguous);
                cut.segs.push(panes::Seg {
                    text: t,
                    tone: seg.tone,
                });
            }
            to_line(&cut, theme)
        })
        .collect();
    let title = fit(
        &format!(" {} · {} ", s.help_title, s.help_footer),
        inner_w,
        app,
    );
    frame.render_widget(
        Paragraph::new(text)
            .block(block(title, true, theme))
            .alignment(Alignment::Left),
        at,
    );
}
