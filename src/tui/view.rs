//! Drawing: turns the app's state into a frame. Reads state, changes nothing.

// The legend is its own module; it is declared here, beside its only
// drawer, so that the runner's `tui/mod.rs` need not change for it.
#[path = "legend.rs"]
pub mod legend;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line as RLine, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, Overlay, Pane};
use super::figure::FigureState;
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
            Overlay::Figure(state) => draw_figure(frame, app, theme, body, state),
        }
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
    let lines = legend::lines(s, inner_w, app.ambiguous);
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
    let label = app
        .selected
        .map(|n| app.graph.labels[n].as_str())
        .unwrap_or("");
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

fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
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
fn fit(title: &str, width: usize, app: &App) -> String {
    truncate(title, width, app.ambiguous).into_owned()
}

fn to_line<'a>(line: &Line, theme: &Theme) -> RLine<'a> {
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
        spans.push(Span::styled(text[a..b].to_string(), style));
    }
    RLine::from(spans)
}

/// Clears `area` for a popup. A wide character cut in half by the popup's edge
/// would be drawn by the terminal over the popup's border, so its other half
/// outside the popup is blanked too.
fn clear(frame: &mut Frame, area: Rect) {
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
    let lines = panes::map_lines(app, inner_w, inner_h);
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
    let mut lines = legend::help_lines(s, inner_w, app.ambiguous);
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

/// A figure drawn with ratatui's widgets: bars with BarChart, tables, stats and
/// a formula's inputs with Table; the worked result, source and notes below.
fn draw_figure(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, state: &FigureState) {
    use crate::figures::{FigureData, render::quantity_text, units::format_value};
    use ratatui::layout::{Constraint, Direction, Layout};
    use ratatui::widgets::{Bar, BarChart, Cell, Row, Table};

    let s = app.strings();
    clear(frame, area);
    let Some(fig) = state.figure(&app.doc) else {
        return;
    };
    let lang = app.mode.primary(app.doc.lang);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let count = if state.figures.len() > 1 {
        format!(" {}/{}", state.current + 1, state.figures.len())
    } else {
        String::new()
    };
    let title = fit(
        &format!(
            " ▦ {}{count} · {} ",
            s.figure_title,
            fig.title.get_or_other(lang)
        ),
        inner_w,
        app,
    );
    let outer = block(title, true, theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);

    // Below the chart: the working (for formulas), the source and the notes.
    let mut details: Vec<Line> = Vec::new();
    let width = usize::from(inner.width);
    let wrapped = |text: &str, tone: Tone| -> Vec<Line> {
        crate::wrap::wrap(text, width.max(1), app.ambiguous)
            .into_iter()
            .map(|r| Line {
                segs: vec![panes::Seg {
                    text: text[r].to_string(),
                    tone,
                }],
                ..Line::default()
            })
            .collect()
    };
    if let FigureData::Formula(f) = &fig.data {
        let substituted: Vec<String> = f
            .inputs
            .iter()
            .zip(&state.inputs)
            .map(|(i, v)| format_value(*v, &i.unit, lang))
            .collect();
        details.extend(wrapped(
            &format!("{} = {}", f.result.label.get_or_other(lang), f.expression),
            Tone::Dim,
        ));
        details.extend(wrapped(
            &format!("  = {}", substituted.join(" × ")),
            Tone::Dim,
        ));
        let verdict = match state.check(&app.doc) {
            Some(crate::figures::Check::Agrees {
                computed, stated, ..
            }) => (
                format!(
                    "✓ {} → {} ({})",
                    format_value(computed, &stated_unit(f), lang),
                    format_value(stated, &stated_unit(f), lang),
                    s.figure_agrees
                ),
                Tone::Agree,
            ),
            Some(crate::figures::Check::Differs {
                computed, stated, ..
            }) => (
                format!(
                    "{} {} ≠ {} {}",
                    if state.changed(&app.doc) {
                        "→"
                    } else {
                        "✗"
                    },
                    format_value(computed, &stated_unit(f), lang),
                    format_value(stated, &stated_unit(f), lang),
                    if state.changed(&app.doc) {
                        format!("({})", s.changed_inputs)
                    } else {
                        String::new()
                    }
                ),
                if state.changed(&app.doc) {
                    Tone::Match
                } else {
                    Tone::Dispute
                },
            ),
            Some(crate::figures::Check::Computed { computed }) => (
                format!("= {}", format_value(computed, &f.result.unit, lang)),
                Tone::Plain,
            ),
            Some(crate::figures::Check::Failed(e)) => {
                use crate::figures::formula::FormulaError;
                let why = match e {
                    FormulaError::DivisionByZero { .. } => s.figure_errors[0].to_string(),
                    FormulaError::NotFinite => s.figure_errors[1].to_string(),
                    // An author's mistake in the formula: its details are for the author.
                    other => other.to_string(),
                };
                (format!("✗ {} {why}", s.figure_failed), Tone::Warning)
            }
            None => (String::new(), Tone::Plain),
        };
        details.extend(wrapped(&verdict.0, verdict.1));
    }
    let mut source = format!(
        "{} {}",
        s.source_paragraph,
        fig.paragraphs().collect::<Vec<_>>().join(", ")
    );
    if !fig.sourced {
        source.push_str(&format!(" · {}", s.unsourced));
    }
    details.extend(wrapped(
        &source,
        if fig.sourced {
            Tone::Dim
        } else {
            Tone::Warning
        },
    ));
    if let Some(n) = &fig.notes {
        details.extend(wrapped(n.get_or_other(lang), Tone::Dim));
    }
    let detail_h = (details.len() as u16).min(inner.height / 2);
    let [chart_area, detail_area] = Layout::new(
        Direction::Vertical,
        [Constraint::Min(1), Constraint::Length(detail_h)],
    )
    .areas(inner);
    let text: Vec<RLine> = details.iter().map(|l| to_line(l, theme)).collect();
    frame.render_widget(Paragraph::new(text), detail_area);

    // Numbers as integers for the bar widget: hundredths keep two decimals.
    let scaled = |v: f64| (v.max(0.0) * 100.0).round() as u64;
    let bar_style = theme.tone(Tone::Evidence);
    match &fig.data {
        FigureData::Bar(chart) => {
            let bars: Vec<Bar> = chart
                .bars
                .iter()
                .map(|b| {
                    let label = b.label.get_or_other(lang).to_string();
                    let value = quantity_text(&b.amount, &chart.unit, b.qualifier, lang);
                    let value = if b.derived {
                        format!("{value} *")
                    } else {
                        value
                    };
                    Bar::default()
                        .value(scaled(b.amount.high()))
                        .label(RLine::raw(label))
                        .text_value(value)
                        .style(bar_style)
                })
                .collect();
            let mut widget = BarChart::horizontal(bars)
                .bar_width(1)
                .bar_gap(1)
                .value_style(theme.tone(Tone::Plain));
            if let Some(max) = chart.max {
                widget = widget.max(scaled(max));
            }
            frame.render_widget(widget, chart_area);
        }
        FigureData::Change(c) => {
            let side = |l: &crate::figures::Labelled| {
                let label = l.label.get_or_other(lang).to_string();
                let value = quantity_text(
                    &l.quantity.amount,
                    &l.quantity.unit,
                    l.quantity.qualifier,
                    lang,
                );
                let scale =
                    crate::figures::units::Unit::parse(&l.quantity.unit).map_or(1.0, |u| u.scale());
                Bar::default()
                    .value(scaled(l.quantity.amount.high() * scale / 1000.0))
                    .label(RLine::raw(label))
                    .text_value(value)
                    .style(bar_style)
            };
            let [bars_area, change_area] = Layout::new(
                Direction::Vertical,
                [Constraint::Length(4), Constraint::Min(0)],
            )
            .areas(chart_area);
            let widget = BarChart::horizontal(vec![side(&c.before), side(&c.after)])
                .bar_width(1)
                .bar_gap(1)
                .value_style(theme.tone(Tone::Plain));
            frame.render_widget(widget, bars_area);
            if let Some((lo, hi)) = c.relative() {
                let pct = |x: f64| format!("{:+.0}%", x * 100.0);
                let text = if (lo - hi).abs() < 1e-9 {
                    pct(lo)
                } else {
                    format!("{} … {}", pct(hi), pct(lo))
                };
                frame.render_widget(
                    Paragraph::new(RLine::styled(text, theme.tone(Tone::Warning))),
                    change_area,
                );
            }
        }
        FigureData::Table(t) => {
            let header = Row::new(
                t.columns
                    .iter()
                    .map(|c| Cell::from(c.get_or_other(lang).to_string())),
            )
            .style(theme.tone(Tone::Heading));
            let cells: Vec<Vec<String>> = t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            crate::figures::Cell::Text(b) => b.get_or_other(lang).to_string(),
                            crate::figures::Cell::Quantity(q) => {
                                quantity_text(&q.amount, &q.unit, q.qualifier, lang)
                            }
                        })
                        .collect()
                })
                .collect();
            let widths = column_widths(
                &t.columns
                    .iter()
                    .map(|c| c.get_or_other(lang).to_string())
                    .collect::<Vec<_>>(),
                &cells,
                width,
            );
            let rows: Vec<Row> = cells
                .into_iter()
                .map(|r| {
                    let h = r
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| {
                            crate::wrap::wrap(c, usize::from(*w).max(1), app.ambiguous).len()
                        })
                        .max()
                        .unwrap_or(1);
                    Row::new(r.into_iter().zip(&widths).map(|(c, w)| {
                        let lines: Vec<RLine> =
                            crate::wrap::wrap(&c, usize::from(*w).max(1), app.ambiguous)
                                .into_iter()
                                .map(|rg| RLine::raw(c[rg].to_string()))
                                .collect();
                        Cell::from(ratatui::text::Text::from(lines))
                    }))
                    .height(h as u16)
                })
                .collect();
            let widths: Vec<Constraint> = widths.into_iter().map(Constraint::Length).collect();
            frame.render_widget(
                Table::new(rows, widths).header(header).column_spacing(1),
                chart_area,
            );
        }
        FigureData::Stat(st) => {
            let rows: Vec<Row> = st
                .items
                .iter()
                .map(|i| {
                    Row::new(vec![
                        Cell::from(i.label.get_or_other(lang).to_string()),
                        Cell::from(quantity_text(
                            &i.quantity.amount,
                            &i.quantity.unit,
                            i.quantity.qualifier,
                            lang,
                        ))
                        .style(theme.tone(Tone::Key)),
                    ])
                })
                .collect();
            let label_w = st
                .items
                .iter()
                .map(|i| crate::wrap::str_width(i.label.get_or_other(lang), app.ambiguous))
                .max()
                .unwrap_or(4);
            let widths = [
                Constraint::Length(label_w.min(width / 2) as u16),
                Constraint::Min(4),
            ];
            frame.render_widget(Table::new(rows, widths).column_spacing(2), chart_area);
        }
        FigureData::Formula(f) => {
            let rows: Vec<Row> = f
                .inputs
                .iter()
                .zip(&state.inputs)
                .enumerate()
                .map(|(i, (input, v))| {
                    let changed = (input.value - v).abs() > 1e-9;
                    let marker = if i == state.input { "▶ " } else { "  " };
                    let value_tone = if changed { Tone::Match } else { Tone::Key };
                    Row::new(vec![
                        Cell::from(format!("{marker}{}", input.label.get_or_other(lang))),
                        Cell::from(format_value(*v, &input.unit, lang))
                            .style(theme.tone(value_tone)),
                        Cell::from(format!("({})", input.name)).style(theme.tone(Tone::Dim)),
                    ])
                    .style(if i == state.input {
                        theme.cursor(true)
                    } else {
                        Style::new()
                    })
                })
                .collect();
            let [hint_area, table_area] = Layout::new(
                Direction::Vertical,
                [Constraint::Length(1), Constraint::Min(0)],
            )
            .areas(chart_area);
            frame.render_widget(
                Paragraph::new(RLine::styled(
                    fit(s.formula_inputs, width, app),
                    theme.tone(Tone::Heading),
                )),
                hint_area,
            );
            let label_w = f
                .inputs
                .iter()
                .map(|i| crate::wrap::str_width(i.label.get_or_other(lang), app.ambiguous) + 2)
                .max()
                .unwrap_or(6);
            let widths = [
                Constraint::Length(label_w.min(width / 2) as u16),
                Constraint::Length(18),
                Constraint::Min(4),
            ];
            frame.render_widget(Table::new(rows, widths).column_spacing(2), table_area);
        }
    }
}

/// The unit a formula's stated value is in (the result unit when none is stated).
fn stated_unit(f: &crate::figures::Formula) -> String {
    f.stated
        .as_ref()
        .map_or_else(|| f.result.unit.clone(), |s| s.unit.clone())
}

/// Column widths for a table that fits `total` columns: each column as wide as
/// its widest cell, the widest shrunk first when they do not fit.
fn column_widths(header: &[String], rows: &[Vec<String>], total: usize) -> Vec<u16> {
    let n = header.len().max(1);
    let mut w: Vec<usize> = (0..n)
        .map(|c| {
            std::iter::once(header.get(c).map_or(0, |h| {
                crate::wrap::str_width(h, crate::wrap::Ambiguous::Narrow)
            }))
            .chain(rows.iter().map(|r| {
                r.get(c).map_or(0, |x| {
                    crate::wrap::str_width(x, crate::wrap::Ambiguous::Narrow)
                })
            }))
            .max()
            .unwrap_or(1)
            .max(2)
        })
        .collect();
    let room = total.saturating_sub(n - 1);
    while w.iter().sum::<usize>() > room {
        let Some((i, _)) = w.iter().enumerate().max_by_key(|(_, v)| **v) else {
            break;
        };
        if w[i] <= 4 {
            break;
        }
        w[i] -= 1;
    }
    w.into_iter()
        .map(|x| x.min(u16::MAX as usize) as u16)
        .collect()
}
