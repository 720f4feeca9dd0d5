//! The figure popup's state: which of a node's figures is shown, and the
//! formula inputs the reader has changed to see the result recompute, and
//! the popup's drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line as RLine;
use ratatui::widgets::Paragraph;

use super::app::App;
use super::keymap::Action;
use super::panes::{self, Line, Tone};
use super::theme::Theme;
use super::view::{block, clear, fit, to_line};
use crate::figures::{Check, Figure};
use crate::model::Document;

/// An open figure popup.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureState {
    /// The figures it can show (indices into `doc.figures`), in order.
    pub figures: Vec<usize>,
    /// The one shown.
    pub current: usize,
    /// For a formula: the inputs as the reader has set them.
    pub inputs: Vec<f64>,
    /// For a formula: the input the keys change.
    pub input: usize,
}

/// What a key in the figure popup leaves for the reader around it to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureStep {
    /// Nothing: the popup handled it.
    Stay,
    /// Close the popup.
    Close,
    /// Show the key list over it.
    Help,
}

impl FigureState {
    /// Applies one of the popup's keys: `h` `l` step through the figures,
    /// `j` `k` choose a formula's input, `+` `-` `r` change it.
    pub fn act(&mut self, action: Action, doc: &Document) -> FigureStep {
        match action {
            Action::Collapse => self.step(doc, -1),
            Action::Expand => self.step(doc, 1),
            Action::Down => self.select_input(1),
            Action::Up => self.select_input(-1),
            Action::Increase => self.nudge(doc, 1.0),
            Action::Decrease => self.nudge(doc, -1.0),
            Action::Reset => self.reset(doc),
            Action::Close => return FigureStep::Close,
            Action::Help => return FigureStep::Help,
            _ => {}
        }
        FigureStep::Stay
    }

    /// A popup on `figures`, showing the first.
    pub fn new(doc: &Document, figures: Vec<usize>) -> FigureState {
        let mut s = FigureState {
            figures,
            current: 0,
            inputs: Vec::new(),
            input: 0,
        };
        s.reset(doc);
        s
    }

    /// The figure shown.
    pub fn figure<'a>(&self, doc: &'a Document) -> Option<&'a Figure> {
        doc.figures.get(*self.figures.get(self.current)?)
    }

    /// Back to the article's own inputs.
    pub fn reset(&mut self, doc: &Document) {
        self.inputs = self
            .figure(doc)
            .and_then(Figure::formula)
            .map(|f| f.values())
            .unwrap_or_default();
        self.input = self.input.min(self.inputs.len().saturating_sub(1));
    }

    /// Shows the next (`by` = 1) or previous (-1) figure.
    pub fn step(&mut self, doc: &Document, by: isize) {
        let n = self.figures.len() as isize;
        if n == 0 {
            return;
        }
        self.current = (self.current as isize + by).rem_euclid(n) as usize;
        self.input = 0;
        self.reset(doc);
    }

    /// Moves the input cursor.
    pub fn select_input(&mut self, by: isize) {
        let n = self.inputs.len() as isize;
        if n > 0 {
            self.input = (self.input as isize + by).clamp(0, n - 1) as usize;
        }
    }

    /// Changes the selected input by one step up (`dir` = 1) or down (-1).
    /// A percentage moves by 5 points; anything else by a tenth of the
    /// article's value, so each press is a visible, round change.
    pub fn nudge(&mut self, doc: &Document, dir: f64) {
        let Some(f) = self.figure(doc).and_then(Figure::formula) else {
            return;
        };
        let Some(original) = f.inputs.get(self.input) else {
            return;
        };
        let step = if original.unit.trim() == "%" {
            5.0
        } else {
            nice_step(original.value.abs() / 10.0)
        };
        if let Some(v) = self.inputs.get_mut(self.input) {
            let (low, high) = original.bounds();
            *v = (((*v + dir * step) / step).round() * step).clamp(low, high);
        }
    }

    /// The formula's result with the reader's inputs, checked against the article.
    pub fn check(&self, doc: &Document) -> Option<Check> {
        Some(self.figure(doc)?.formula()?.check_with(&self.inputs))
    }

    /// Whether the reader has changed any input.
    pub fn changed(&self, doc: &Document) -> bool {
        self.figure(doc)
            .and_then(Figure::formula)
            .is_some_and(|f| f.values() != self.inputs)
    }
}

/// A figure drawn with ratatui's widgets: bars with BarChart, tables, stats and
/// a formula's inputs with Table; the worked result, source and notes below.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, state: &FigureState) {
    use crate::figures::{FigureData, render::quantity_text, units::format_value};
    use ratatui::layout::{Constraint, Direction, Layout};
    use ratatui::widgets::{Cell, Row, Table};

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
        // The expression itself with the reader's values put in, as
        // `stance figure` writes it: `a ÷ (b − 1)`, not a product of inputs.
        let substituted = f.substituted(|input| {
            let at = f.inputs.iter().position(|i| i.name == input.name);
            let value = at.and_then(|k| state.inputs.get(k)).copied();
            format_value(value.unwrap_or(input.value), &input.unit, lang)
        });
        details.extend(wrapped(
            &format!("{} = {}", f.result.label.get_or_other(lang), f.expression),
            Tone::Dim,
        ));
        details.extend(wrapped(&format!("  = {substituted}"), Tone::Dim));
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
        fig.paragraphs()
            .map(|p| match app.doc.paragraph_position(p) {
                // Where a reader finds it, as the node pane says it.
                Some((sec, par)) => format!("§{} ¶{}", sec + 1, par + 1),
                None => p.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
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

    match &fig.data {
        FigureData::Bar(chart) => {
            let rows: Vec<BarRow> = chart
                .bars
                .iter()
                .map(|b| {
                    let value = quantity_text(&b.amount, &chart.unit, b.qualifier, lang);
                    BarRow {
                        label: b.label.get_or_other(lang).to_string(),
                        value: if b.derived {
                            format!("{value} *")
                        } else {
                            value
                        },
                        low: b.amount.low(),
                        high: b.amount.high(),
                    }
                })
                .collect();
            let full = chart
                .max
                .unwrap_or_else(|| rows.iter().map(|r| r.high).fold(0.0, f64::max));
            let lines = bar_lines(&rows, full, width, usize::from(chart_area.height), app);
            let text: Vec<RLine> = lines.iter().map(|l| to_line(l, theme)).collect();
            frame.render_widget(Paragraph::new(text), chart_area);
        }
        FigureData::Change(c) => {
            // Both sides on one scale: a unit's factor turns 万 into ones.
            let side = |l: &crate::figures::Labelled| {
                let scale =
                    crate::figures::units::Unit::parse(&l.quantity.unit).map_or(1.0, |u| u.scale());
                BarRow {
                    label: l.label.get_or_other(lang).to_string(),
                    value: quantity_text(
                        &l.quantity.amount,
                        &l.quantity.unit,
                        l.quantity.qualifier,
                        lang,
                    ),
                    low: l.quantity.amount.low() * scale,
                    high: l.quantity.amount.high() * scale,
                }
            };
            let rows = [side(&c.before), side(&c.after)];
            let full = rows.iter().map(|r| r.high).fold(0.0, f64::max);
            let mut lines = bar_lines(&rows, full, width, usize::from(chart_area.height), app);
            if let Some((lo, hi)) = c.relative() {
                let pct = |x: f64| format!("{:+.0}%", x * 100.0);
                let text = if (lo - hi).abs() < 1e-9 {
                    pct(lo)
                } else {
                    format!("{} … {}", pct(hi), pct(lo))
                };
                lines.push(Line::default());
                lines.push(Line {
                    segs: vec![panes::Seg {
                        text,
                        tone: Tone::Warning,
                    }],
                    ..Line::default()
                });
            }
            let text: Vec<RLine> = lines.iter().map(|l| to_line(l, theme)).collect();
            frame.render_widget(Paragraph::new(text), chart_area);
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
            let label_w = st
                .items
                .iter()
                .map(|i| crate::wrap::str_width(i.label.get_or_other(lang), app.ambiguous))
                .max()
                .unwrap_or(4)
                .min(width * 2 / 3)
                .max(1);
            // A long label wraps within its column rather than being cut.
            let rows: Vec<Row> = st
                .items
                .iter()
                .map(|i| {
                    let label = i.label.get_or_other(lang);
                    let lines: Vec<RLine> = crate::wrap::wrap(label, label_w, app.ambiguous)
                        .into_iter()
                        .map(|rg| RLine::raw(label[rg].to_string()))
                        .collect();
                    let h = lines.len().max(1);
                    Row::new(vec![
                        Cell::from(ratatui::text::Text::from(lines)),
                        Cell::from(quantity_text(
                            &i.quantity.amount,
                            &i.quantity.unit,
                            i.quantity.qualifier,
                            lang,
                        ))
                        .style(theme.tone(Tone::Key)),
                    ])
                    .height(h as u16)
                })
                .collect();
            let widths = [Constraint::Length(label_w as u16), Constraint::Min(4)];
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

/// One bar of a chart in the popup, its value on the chart's scale.
struct BarRow {
    label: String,
    value: String,
    low: f64,
    high: f64,
}

/// Bars as lines, label, bar and value each in a column of its own, so no
/// text covers a bar and a short bar still shows. Labels too wide to leave the
/// bars room go on a line above their bar. A blank line between bars where
/// `height` allows.
fn bar_lines(rows: &[BarRow], full: f64, width: usize, height: usize, app: &App) -> Vec<Line> {
    use crate::figures::render::bar_between;
    use crate::wrap::str_width;
    let amb = app.ambiguous;
    let seg = |text: String, tone: Tone| panes::Seg { text, tone };
    let label_w = rows
        .iter()
        .map(|r| str_width(&r.label, amb))
        .max()
        .unwrap_or(0);
    let value_w = rows
        .iter()
        .map(|r| str_width(&r.value, amb))
        .max()
        .unwrap_or(0);
    let area = width.saturating_sub(label_w + value_w + 2);
    let beside = label_w <= width / 3 && area >= 8;
    let per_bar = if beside { 1 } else { 2 };
    let gap = rows.len() * (per_bar + 1) <= height + 1;
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if i > 0 && gap {
            out.push(Line::default());
        }
        let mut segs = Vec::new();
        let area = if beside {
            let pad = label_w.saturating_sub(str_width(&r.label, amb));
            segs.push(seg(format!("{}{} ", r.label, " ".repeat(pad)), Tone::Plain));
            area
        } else {
            for range in crate::wrap::wrap(&r.label, width.max(1), amb) {
                out.push(Line {
                    segs: vec![seg(r.label[range].to_string(), Tone::Plain)],
                    ..Line::default()
                });
            }
            width.saturating_sub(value_w + 1).max(1)
        };
        segs.push(seg(bar_between(r.low, r.high, full, area), Tone::Evidence));
        segs.push(seg(format!(" {}", r.value), Tone::Plain));
        out.push(Line {
            segs,
            ..Line::default()
        });
    }
    out
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

/// The nearest of 1, 2 or 5 times a power of ten to `x` (at least 0.1).
fn nice_step(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.1 {
        return 0.1;
    }
    let p = 10f64.powf(x.log10().floor());
    let m = x / p;
    let nice = if m < 1.5 {
        1.0
    } else if m < 3.5 {
        2.0
    } else if m < 7.5 {
        5.0
    } else {
        10.0
    };
    nice * p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(12.8), 10.0);
        assert_eq!(nice_step(0.6), 0.5);
        assert_eq!(nice_step(0.75), 1.0);
        assert_eq!(nice_step(1.2), 1.0);
        assert_eq!(nice_step(0.0), 0.1);
    }
}
