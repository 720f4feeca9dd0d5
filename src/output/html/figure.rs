//! The cited figures as HTML: bars as inline SVG, tables as tables, from the
//! same data the terminal draws ([`crate::figures`]).

use super::markup::Html;
use crate::figures::render::quantity_text;
use crate::figures::units::{Unit, format_value};
use crate::figures::{
    Amount, BarChart, Change, Check, Figure, FigureData, Formula, Quantity, Stats, Table,
};
use crate::model::{Bilingual, Lang};
use crate::tui::i18n::{html_strings, strings};

/// The figure's numbers: its chart, table or calculation, and its notes.
pub fn body(h: &mut Html, fig: &Figure) {
    match &fig.data {
        FigureData::Bar(chart) => bars(h, chart),
        FigureData::Change(change) => change_of(h, change),
        FigureData::Table(table) => table_of(h, table),
        FigureData::Formula(formula) => formula_of(h, formula),
        FigureData::Stat(stats) => stats_of(h, stats),
    }
    if !fig.sourced {
        h.raw("<p class=\"warn\">")
            .word(|l| html_strings(l).figure_unsourced)
            .raw("</p>");
    }
    if let Some(notes) = &fig.notes {
        h.raw("<p class=\"fig-notes\">")
            .bilingual(notes)
            .raw("</p>");
    }
}

/// The kind of figure, in both languages.
pub fn kind_word(h: &mut Html, fig: &Figure) {
    let i = crate::figures::FigureKind::ALL
        .iter()
        .position(|k| *k == fig.kind())
        .unwrap_or(0);
    h.word(|l| strings(l).figure_kinds[i]);
}

/// A quantity in both languages, hedges included.
fn quantity(h: &mut Html, amount: &Amount, unit: &str, q: Option<crate::figures::Qualifier>) {
    let (en, zh) = quantity_words(amount, unit, q);
    h.both(&en, &zh);
}

/// One bar: a row with its label, an SVG bar solid to the low end and lighter
/// on to the high end of a range, and its value in words (so the number never
/// rests on the drawing alone).
struct Row<'a> {
    label: &'a Bilingual,
    derived: bool,
    low: f64,
    high: f64,
    /// The value as written in English and in Chinese.
    value: (String, String),
}

fn quantity_words(
    amount: &Amount,
    unit: &str,
    q: Option<crate::figures::Qualifier>,
) -> (String, String) {
    (
        quantity_text(amount, unit, q, Lang::En),
        quantity_text(amount, unit, q, Lang::Zh),
    )
}

fn bar_rows<'a>(h: &mut Html, rows: impl Iterator<Item = Row<'a>>, full: f64) {
    let fraction = |v: f64| {
        if full > 0.0 && v.is_finite() {
            (v / full).clamp(0.0, 1.0) * 100.0
        } else {
            0.0
        }
    };
    h.raw("<table class=\"bars\"><tbody>");
    for row in rows {
        h.raw("<tr><th scope=\"row\">").bilingual(row.label);
        if row.derived {
            h.raw("*");
        }
        let (low, high) = (fraction(row.low), fraction(row.high.max(row.low)));
        // A small but real value still shows, so that it is not read as zero.
        let low_drawn = if low > 0.0 { low.max(0.5) } else { 0.0 };
        h.raw("</th><td class=\"bar\"><svg viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" x=\"0\" y=\"0\" width=\"100\" height=\"6\"/><rect class=\"solid\" x=\"0\" y=\"0\" width=\"")
            .coord(low_drawn)
            .raw("\" height=\"6\"/>");
        if high > low_drawn {
            h.raw("<rect class=\"range\" x=\"")
                .coord(low_drawn)
                .raw("\" y=\"0\" width=\"")
                .coord(high - low_drawn)
                .raw("\" height=\"6\"/>");
        }
        h.raw("</svg></td><td class=\"value\">")
            .both(&row.value.0, &row.value.1)
            .raw("</td></tr>");
    }
    h.raw("</tbody></table>");
}

fn bars(h: &mut Html, chart: &BarChart) {
    let full = chart.full();
    let rows = chart.bars.iter().map(|b| Row {
        label: &b.label,
        derived: b.derived,
        low: b.amount.low(),
        high: b.amount.high(),
        value: quantity_words(&b.amount, &chart.unit, b.qualifier),
    });
    bar_rows(h, rows, full);
    notes_for_bars(
        h,
        chart
            .bars
            .iter()
            .any(|b| matches!(b.amount, Amount::Range { .. })),
        chart.bars.iter().any(|b| b.derived),
    );
}

fn notes_for_bars(h: &mut Html, range: bool, derived: bool) {
    if range {
        h.raw("<p class=\"fig-key\">")
            .word(|l| html_strings(l).range)
            .raw("</p>");
    }
    if derived {
        h.raw("<p class=\"fig-key\">")
            .word(|l| html_strings(l).derived)
            .raw("</p>");
    }
}

/// A quantity's ends in a common scale (its unit's), so before and after compare.
fn scaled(q: &Quantity) -> (f64, f64) {
    let s = Unit::parse(&q.unit).map_or(1.0, |u| u.scale());
    (q.amount.low() * s, q.amount.high() * s)
}

fn change_of(h: &mut Html, change: &Change) {
    let (b, a) = (
        scaled(&change.before.quantity),
        scaled(&change.after.quantity),
    );
    let full = b.1.max(a.1).max(0.0);
    fn row(l: &crate::figures::Labelled, (low, high): (f64, f64)) -> Row<'_> {
        let q = &l.quantity;
        Row {
            label: &l.label,
            derived: false,
            low,
            high,
            value: quantity_words(&q.amount, &q.unit, q.qualifier),
        }
    }
    let rows = [row(&change.before, b), row(&change.after, a)];
    bar_rows(h, rows.into_iter(), full);
    if let Some((lo, hi)) = change.relative() {
        let pct = |v: f64| format!("{}{:.1}%", if v > 0.0 { "+" } else { "" }, v * 100.0);
        let text = if (hi - lo).abs() < 0.0005 {
            pct(lo)
        } else {
            format!("{} – {}", pct(lo), pct(hi))
        };
        h.raw("<p class=\"change\">")
            .word(|l| html_strings(l).change)
            .raw(": ")
            .text(&text)
            .raw("</p>");
    }
    notes_for_bars(
        h,
        [&change.before, &change.after]
            .iter()
            .any(|l| matches!(l.quantity.amount, Amount::Range { .. })),
        false,
    );
}

fn table_of(h: &mut Html, table: &Table) {
    h.raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"data\"><thead><tr>");
    for c in &table.columns {
        h.raw("<th scope=\"col\">").bilingual(c).raw("</th>");
    }
    h.raw("</tr></thead><tbody>");
    for row in &table.rows {
        h.raw("<tr>");
        for cell in row {
            h.raw("<td>");
            match cell {
                crate::figures::Cell::Text(t) => {
                    h.bilingual(t);
                }
                crate::figures::Cell::Quantity(q) => quantity(h, &q.amount, &q.unit, q.qualifier),
            }
            h.raw("</td>");
        }
        h.raw("</tr>");
    }
    h.raw("</tbody></table></div>");
}

fn stats_of(h: &mut Html, stats: &Stats) {
    h.raw("<dl class=\"stats\">");
    for item in &stats.items {
        let q = &item.quantity;
        h.raw("<div><dt>").bilingual(&item.label).raw("</dt><dd>");
        quantity(h, &q.amount, &q.unit, q.qualifier);
        h.raw("</dd></div>");
    }
    h.raw("</dl>");
}

fn value_in(h: &mut Html, v: f64, unit: &str) {
    h.both(
        &format_value(v, unit, Lang::En),
        &format_value(v, unit, Lang::Zh),
    );
}

fn formula_of(h: &mut Html, f: &Formula) {
    h.raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"data\"><caption>")
        .word(|l| html_strings(l).inputs)
        .raw("</caption><tbody>");
    for input in &f.inputs {
        h.raw("<tr><th scope=\"row\">")
            .bilingual(&input.label)
            .raw(" <code>")
            .text(&input.name)
            .raw("</code></th><td>");
        value_in(h, input.value, &input.unit);
        h.raw("</td></tr>");
    }
    h.raw("</tbody></table></div><p class=\"formula\"><code>")
        .text(&f.expression)
        .raw("</code></p><p>")
        .bilingual(&f.result.label)
        .raw(" — ");
    match f.check() {
        Check::Computed { computed } => {
            h.word(|l| html_strings(l).computed).raw(": ");
            value_in(h, computed, &f.result.unit);
        }
        Check::Agrees {
            computed, stated, ..
        }
        | Check::Differs {
            computed, stated, ..
        } => {
            let unit = f
                .stated
                .as_ref()
                .map_or(f.result.unit.as_str(), |s| s.unit.as_str());
            let agrees = f.check().is_ok();
            h.word(|l| html_strings(l).computed).raw(": ");
            value_in(h, computed, unit);
            h.raw("; ").word(|l| html_strings(l).stated).raw(": ");
            value_in(h, stated, unit);
            h.raw(if agrees {
                " <span class=\"ok\">"
            } else {
                " <span class=\"warn\">"
            });
            if agrees {
                h.word(|l| html_strings(l).agrees);
            } else {
                h.word(|l| html_strings(l).differs);
            }
            h.raw("</span>");
        }
        Check::Failed(e) => {
            h.raw("<span class=\"warn\">")
                .word(|l| html_strings(l).cannot_compute)
                .raw(": ")
                .text(&e.to_string())
                .raw("</span>");
        }
    }
    h.raw("</p>");
}
