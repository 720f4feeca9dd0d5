//! Figures drawn as plain text: bars from block characters, aligned tables, a
//! change with its percentage, a formula worked out line by line, headline
//! numbers — for `stance print`, `stance figure` and anyone reading in a pipe.
//!
//! Everything is measured in display columns (a Chinese character takes two),
//! and every line fits the width given, so the text can be pasted into a
//! narrow terminal or a document. Ambiguous-width characters (the block
//! characters, “ ”) count as narrow, as they do everywhere else in stance.

use std::borrow::Cow;

use super::formula::Check;
use super::units::{format_range, format_value, number};
use super::{
    Amount, Bar, BarChart, Cell, Change, Figure, FigureData, Formula, Qualifier, Quantity, Stats,
    Table,
};
use crate::model::Lang;
use crate::wrap::{Ambiguous, str_width, wrap};

/// Narrowest width drawn; a smaller width is treated as this one, since a bar,
/// a label and a value cannot share fewer columns.
pub const MIN_WIDTH: usize = 20;
/// Widest width drawn; a larger one is treated as this one, so that a bar is
/// never asked to be wider than any screen (or than memory allows).
pub const MAX_WIDTH: usize = 1000;

/// Eighths of a cell, for bars finer than whole characters (index = eighths).
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const FULL: &str = "█";
/// The part of a bar between the ends of a range.
const RANGE: &str = "░";
/// Narrowest bar area worth drawing beside its label and value.
const MIN_BAR: usize = 8;
/// Narrowest table column (unless its text is narrower) before a table is
/// listed row by row instead: text squeezed thinner reads a word at a time.
const MIN_COLUMN: usize = 10;

/// `fig` as text in `lang`, every line at most `width` columns (`width` taken
/// between [`MIN_WIDTH`] and [`MAX_WIDTH`]):
/// the title, the figure, where it comes from, whether the article gives a
/// source, and the notes. Ends with a newline.
pub fn render_text(fig: &Figure, lang: Lang, width: usize) -> String {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let w = Words::of(lang);
    let mut out: Vec<String> = Vec::new();
    out.extend(wrapped(fig.title.get_or_other(lang), width));
    match &fig.data {
        FigureData::Bar(b) => bars(&mut out, b, lang, width),
        FigureData::Change(c) => change(&mut out, c, lang, width),
        FigureData::Table(t) => table(&mut out, t, lang, width),
        FigureData::Formula(f) => formula(&mut out, f, lang, width),
        FigureData::Stat(s) => stats(&mut out, s, lang, width),
    }
    let mut source = format!("{}{}", w.from, fig.paragraph);
    if !fig.also.is_empty() {
        source.push_str(&(w.see_also)(&fig.also.join(w.list_sep)));
    }
    out.extend(wrapped(&source, width));
    if !fig.sourced {
        out.extend(wrapped(w.unsourced, width));
    }
    if let Some(notes) = &fig.notes {
        let text = notes.get_or_other(lang);
        if !text.trim().is_empty() {
            out.extend(hanging(w.note, text, width));
        }
    }
    let mut text = String::new();
    for line in out {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// The renderer's own words, in each language.
struct Words {
    from: &'static str,
    see_also: fn(&str) -> String,
    list_sep: &'static str,
    unsourced: &'static str,
    note: &'static str,
    colon: &'static str,
    derived: &'static str,
    range: &'static str,
    inputs: &'static str,
    expression: &'static str,
    substituted: &'static str,
    computed: &'static str,
    stated: &'static str,
    rounded_to: fn(&str) -> String,
    no_stated: &'static str,
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::Zh => Words {
                from: "出处:段落 ",
                see_also: |s| format!("(另见 {s})"),
                list_sep: "、",
                unsourced: "未注明来源:文章没有给出这些数字的出处。",
                note: "注:",
                colon: ":",
                derived: "推算值,不是文章给出的数字;见注。",
                range: "区间",
                inputs: "输入",
                expression: "算式",
                substituted: "代入",
                computed: "计算",
                stated: "文章",
                rounded_to: |s| format!("(取整到 {s})"),
                no_stated: "(文章没有给出结果)",
            },
            Lang::En => Words {
                from: "From paragraph ",
                see_also: |s| format!(" (see also {s})"),
                list_sep: ", ",
                unsourced: "Unsourced: the article gives no source for these numbers.",
                note: "Note: ",
                colon: ": ",
                derived: "Derived, not a number the article gives; see the note.",
                range: "range",
                inputs: "Inputs",
                expression: "Expression",
                substituted: "With values",
                computed: "Computed",
                stated: "Stated",
                rounded_to: |s| format!(" (rounded to the nearest {s})"),
                no_stated: "(the article states no result)",
            },
        }
    }
}

fn width_of(s: &str) -> usize {
    str_width(s, Ambiguous::Narrow)
}

/// `s` followed by spaces up to `width` columns.
fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    out.push_str(&" ".repeat(width.saturating_sub(width_of(s))));
    out
}

/// `text` wrapped to `width`, as owned lines (an empty text gives no lines).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    wrap(text, width, Ambiguous::Narrow)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// `prefix` then `text` wrapped, later lines indented under the text.
fn hanging(prefix: &str, text: &str, width: usize) -> Vec<String> {
    let indent = width_of(prefix);
    if indent + MIN_BAR > width {
        let mut out = wrapped(prefix.trim_end(), width);
        out.extend(wrapped(text, width));
        return out;
    }
    wrapped(text, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{prefix}{line}")
            } else {
                format!("{}{line}", " ".repeat(indent))
            }
        })
        .collect()
}

/// Label / value lines with the values aligned in a column; a label too wide
/// for its column goes on a line of its own, its value indented below it.
fn aligned(rows: &[(String, String)], indent: usize, width: usize) -> Vec<String> {
    let room = width.saturating_sub(indent);
    let cap = room / 2;
    let key_width = rows
        .iter()
        .map(|(k, _)| width_of(k))
        .filter(|&w| w <= cap)
        .max()
        .unwrap_or(0);
    let lead = " ".repeat(indent);
    let mut out = Vec::new();
    for (key, value) in rows {
        if width_of(key) <= key_width {
            let prefix = format!("{lead}{}  ", pad(key, key_width));
            out.extend(hanging(&prefix, value, width));
        } else {
            out.extend(wrapped(key, room).into_iter().map(|l| format!("{lead}{l}")));
            out.extend(hanging(&format!("{lead}  "), value, width));
        }
    }
    out
}

/// A quantity as a reader of `lang` writes it, hedges included: `超过 2000 万人`, `about 100 people`.
pub fn quantity_text(
    amount: &Amount,
    unit: &str,
    qualifier: Option<Qualifier>,
    lang: Lang,
) -> String {
    let value = match *amount {
        Amount::Exact { value } => format_value(value, unit, lang),
        Amount::Range { low, high } => format_range(low, high, unit, lang),
    };
    match (qualifier, lang) {
        (None, _) => value,
        (Some(Qualifier::Over), Lang::Zh) => format!("超过 {value}"),
        (Some(Qualifier::AtMost), Lang::Zh) => format!("最多 {value}"),
        (Some(Qualifier::About), Lang::Zh) => format!("约 {value}"),
        (Some(Qualifier::Over), Lang::En) => format!("more than {value}"),
        (Some(Qualifier::AtMost), Lang::En) => format!("at most {value}"),
        (Some(Qualifier::About), Lang::En) => format!("about {value}"),
    }
}

fn quantity(q: &Quantity, lang: Lang) -> String {
    quantity_text(&q.amount, &q.unit, q.qualifier, lang)
}

fn bars(out: &mut Vec<String>, chart: &BarChart, lang: Lang, width: usize) {
    let w = Words::of(lang);
    let label = |b: &Bar| {
        let l = b.label.get_or_other(lang);
        if b.derived {
            format!("{l}*")
        } else {
            l.to_string()
        }
    };
    let value = |b: &Bar| quantity_text(&b.amount, &chart.unit, b.qualifier, lang);
    let full = chart.full();
    let label_width = chart
        .bars
        .iter()
        .map(|b| width_of(&label(b)))
        .max()
        .unwrap_or(0);
    let value_width = chart
        .bars
        .iter()
        .map(|b| width_of(&value(b)))
        .max()
        .unwrap_or(0);
    let area = width.saturating_sub(label_width + value_width + 2);
    // Labels beside the bars while they leave the bars room; above them otherwise,
    // rather than cut short (a cut label could lose the * that marks a derived value).
    let one_line = label_width <= width / 3 && area >= MIN_BAR;
    for b in &chart.bars {
        let (l, v) = (label(b), value(b));
        if one_line {
            out.push(format!(
                "{} {} {v}",
                pad(&l, label_width),
                bar(&b.amount, full, area)
            ));
        } else {
            out.extend(wrapped(&l, width));
            let area = width.saturating_sub(value_width + 1);
            if area >= MIN_BAR / 2 {
                out.push(format!("{} {v}", bar(&b.amount, full, area)));
            } else {
                out.push(bar(&b.amount, full, width));
                out.extend(wrapped(&v, width));
            }
        }
    }
    if chart
        .bars
        .iter()
        .any(|b| matches!(b.amount, Amount::Range { .. }))
    {
        out.extend(hanging(&format!("{RANGE} "), w.range, width));
    }
    if chart.bars.iter().any(|b| b.derived) {
        out.extend(hanging("* ", w.derived, width));
    }
}

/// A bar exactly `area` columns wide: solid to the low end in eighths of a
/// column, shaded on to the high end of a range, then spaces.
fn bar(amount: &Amount, full: f64, area: usize) -> String {
    bar_between(amount.low(), amount.high(), full, area)
}

/// A bar exactly `area` columns wide for a value from `low` to `high` (equal
/// for a single value) on a scale where `full` fills it: solid in eighths of
/// a column to `low`, shaded on to `high`, then spaces. Any value above zero
/// shows at least a sliver, so a small bar is never read as none.
pub fn bar_between(low: f64, high: f64, full: f64, area: usize) -> String {
    let fraction = |v: f64| {
        if full > 0.0 && v.is_finite() {
            (v / full).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let cells = area as f64;
    let eighths = (fraction(low) * cells * 8.0).round() as usize;
    let (whole, part) = (eighths / 8, eighths % 8);
    let mut s = FULL.repeat(whole);
    let mut used = whole;
    if part > 0 {
        s.push_str(EIGHTHS[part]);
        used += 1;
    } else if whole == 0 && fraction(low) > 0.0 && area > 0 {
        // A small but real value still shows, so that it is not read as zero.
        s.push_str(EIGHTHS[1]);
        used += 1;
    }
    let high = ((fraction(high) * cells).round() as usize).min(area);
    if high > used {
        s.push_str(&RANGE.repeat(high - used));
        used = high;
    }
    s.push_str(&" ".repeat(area.saturating_sub(used)));
    s
}

/// A relative change as a signed percentage: `−38%`, `+5%`, `0%`.
fn percent(fraction: f64) -> String {
    let p = (fraction * 100.0).round();
    if p == 0.0 {
        "0%".to_string()
    } else if p < 0.0 {
        format!("−{}%", number(-p))
    } else {
        format!("+{}%", number(p))
    }
}

fn change(out: &mut Vec<String>, c: &Change, lang: Lang, width: usize) {
    out.extend(wrapped(
        &format!(
            "{} → {}",
            c.before.label.get_or_other(lang),
            c.after.label.get_or_other(lang)
        ),
        width,
    ));
    let mut line = format!(
        "{} → {}",
        quantity(&c.before.quantity, lang),
        quantity(&c.after.quantity, lang)
    );
    if let Some((lo, hi)) = c.relative() {
        let (lo, hi) = (percent(lo), percent(hi));
        // Falls read from the smallest to the largest; rises likewise.
        let span = match () {
            _ if lo == hi => lo,
            _ if hi.starts_with('−') || hi == "0%" => format!("{hi}…{lo}"),
            _ => format!("{lo}…{hi}"),
        };
        line.push_str(&format!(" ({span})"));
    }
    out.extend(wrapped(&line, width));
}

fn cell_text(cell: &Cell, lang: Lang) -> Cow<'_, str> {
    match cell {
        Cell::Text(t) => Cow::Borrowed(t.get_or_other(lang)),
        Cell::Quantity(q) => Cow::Owned(quantity(q, lang)),
    }
}

fn table(out: &mut Vec<String>, t: &Table, lang: Lang, width: usize) {
    let headers: Vec<&str> = t.columns.iter().map(|c| c.get_or_other(lang)).collect();
    let rows: Vec<Vec<Cow<'_, str>>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| cell_text(c, lang)).collect())
        .collect();
    match column_widths(&headers, &rows, width) {
        Some(widths) => grid(out, &headers, &rows, &widths),
        None => records(out, &headers, &rows, lang, width),
    }
}

/// Column widths that fit `width`: natural widths if they fit, else the room
/// shared out with the narrowest columns served first. `None` when some
/// column would be narrower than [`MIN_COLUMN`] (and narrower than its text).
fn column_widths(headers: &[&str], rows: &[Vec<Cow<'_, str>>], width: usize) -> Option<Vec<usize>> {
    let n = headers.len();
    if n == 0 {
        return None;
    }
    let natural: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| width_of(c))
                .chain([width_of(headers[i])])
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let room = width.checked_sub(2 * (n - 1))?;
    if natural.iter().sum::<usize>() <= room {
        return Some(natural);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut widths = vec![0; n];
    let mut left = room;
    for (k, &i) in order.iter().enumerate() {
        let share = left / (n - k);
        widths[i] = natural[i].min(share);
        left -= widths[i];
    }
    let longest_word = |i: usize| {
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| longest_unit(c))
            .chain([longest_unit(headers[i])])
            .max()
            .unwrap_or(0)
    };
    let too_narrow =
        (0..n).any(|i| widths[i] < natural[i].min(MIN_COLUMN) || widths[i] < longest_word(i));
    (!too_narrow).then_some(widths)
}

/// The widest stretch of `s` that wrapping cannot break: a run of narrow
/// characters between spaces (a Latin word), or one wide character.
fn longest_unit(s: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        let w = crate::wrap::char_width(c, Ambiguous::Narrow);
        if c.is_whitespace() || w > 1 {
            run = 0;
            longest = longest.max(w);
        } else {
            run += w;
            longest = longest.max(run);
        }
    }
    longest
}

fn grid(out: &mut Vec<String>, headers: &[&str], rows: &[Vec<Cow<'_, str>>], widths: &[usize]) {
    let wrapped_row = |cells: &[&str]| -> Vec<String> {
        let columns: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| wrapped(cells.get(i).copied().unwrap_or(""), w))
            .collect();
        let height = columns.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..height)
            .map(|line| {
                let parts: Vec<String> = columns
                    .iter()
                    .zip(widths)
                    .map(|(c, &w)| pad(c.get(line).map_or("", String::as_str), w))
                    .collect();
                parts.join("  ")
            })
            .collect()
    };
    out.extend(wrapped_row(headers));
    let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    out.push(rule.join("  "));
    let bodies: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let cells: Vec<&str> = r.iter().map(|c| c.as_ref()).collect();
            wrapped_row(&cells)
        })
        .collect();
    // Rows of several lines each are told apart by a blank line between them.
    let spaced = bodies.iter().any(|b| b.len() > 1);
    for (i, body) in bodies.into_iter().enumerate() {
        if spaced && i > 0 {
            out.push(String::new());
        }
        out.extend(body);
    }
}

/// A table too wide for its width, row by row: the first cell as a heading,
/// then each other column's heading and cell.
fn records(
    out: &mut Vec<String>,
    headers: &[&str],
    rows: &[Vec<Cow<'_, str>>],
    lang: Lang,
    width: usize,
) {
    let colon = Words::of(lang).colon;
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push(String::new());
        }
        let mut cells = row.iter().zip(headers);
        if let Some((first, _)) = cells.next() {
            out.extend(wrapped(first, width));
        }
        for (cell, header) in cells {
            out.extend(hanging(&format!("  {header}{colon}"), cell, width));
        }
    }
}

fn stats(out: &mut Vec<String>, s: &Stats, lang: Lang, width: usize) {
    let rows: Vec<(String, String)> = s
        .items
        .iter()
        .map(|i| {
            (
                i.label.get_or_other(lang).to_string(),
                quantity(&i.quantity, lang),
            )
        })
        .collect();
    out.extend(aligned(&rows, 0, width));
}

fn formula(out: &mut Vec<String>, f: &Formula, lang: Lang, width: usize) {
    let w = Words::of(lang);
    let show = |value: f64, unit: &str| format_value(value, unit, lang);
    out.extend(wrapped(w.inputs, width));
    let inputs: Vec<(String, String)> = f
        .inputs
        .iter()
        .map(|i| {
            (
                format!("{} ({})", i.label.get_or_other(lang), i.name),
                show(i.value, &i.unit),
            )
        })
        .collect();
    out.extend(aligned(&inputs, 2, width));

    let mut lines = vec![
        (w.expression.to_string(), f.expression.clone()),
        (
            w.substituted.to_string(),
            f.substituted(|i| show(i.value, &i.unit)),
        ),
    ];
    let check = f.check();
    let result_label = f.result.label.get_or_other(lang);
    match f.compute() {
        Ok(v) => lines.push((
            w.computed.to_string(),
            format!("{result_label} = {}", show(v, &f.result.unit)),
        )),
        Err(e) => lines.push((w.computed.to_string(), format!("✗ {e}"))),
    }
    match &f.stated {
        Some(s) => {
            let rounding = s
                .round_to
                .map(|step| (w.rounded_to)(&show(step, &s.unit)))
                .unwrap_or_default();
            lines.push((
                w.stated.to_string(),
                format!("{}{rounding}", show(s.value, &s.unit)),
            ));
        }
        None => lines.push((w.stated.to_string(), w.no_stated.to_string())),
    }
    out.extend(aligned(&lines, 0, width));
    if let Some((mark, text)) = verdict(&check, f, lang) {
        out.extend(hanging(mark, &text, width));
    }
}

/// The ✓ or ✗ of a worked formula and what it means, with the difference when
/// there is one; nothing when the article states no value to check.
fn verdict(check: &Check, f: &Formula, lang: Lang) -> Option<(&'static str, String)> {
    let unit = f
        .stated
        .as_ref()
        .map_or(f.result.unit.as_str(), |s| s.unit.as_str());
    let show = |v: f64| format_value(v, unit, lang);
    let step = f.stated.as_ref().and_then(|s| s.round_to);
    let (yes, no) = ("✓ ", "✗ ");
    Some(match (check, lang) {
        (Check::Computed { .. }, _) => return None,
        (Check::Failed(e), Lang::Zh) => (no, format!("无法计算:{e}")),
        (Check::Failed(e), Lang::En) => (no, format!("cannot be computed: {e}")),
        (
            Check::Agrees {
                computed, rounded, ..
            },
            Lang::Zh,
        ) => match step {
            Some(step) => (
                yes,
                format!(
                    "计算值 {}取整到 {}是 {},与文章一致",
                    show(*computed),
                    show(step),
                    show(*rounded)
                ),
            ),
            None => (yes, format!("计算值 {}与文章一致", show(*computed))),
        },
        (
            Check::Agrees {
                computed, rounded, ..
            },
            Lang::En,
        ) => match step {
            Some(step) => (
                yes,
                format!(
                    "{} rounded to the nearest {} is {}, as the article states",
                    show(*computed),
                    show(step),
                    show(*rounded)
                ),
            ),
            None => (
                yes,
                format!("{} is what the article states", show(*computed)),
            ),
        },
        (
            Check::Differs {
                computed,
                rounded,
                stated,
            },
            _,
        ) => {
            let diff = stated - computed;
            let rounding = match (step, lang) {
                (Some(step), Lang::Zh) => format!(",取整到 {}是 {}", show(step), show(*rounded)),
                (Some(step), Lang::En) => {
                    format!(", {} to the nearest {}", show(*rounded), show(step))
                }
                (None, _) => String::new(),
            };
            let text = match lang {
                Lang::Zh => format!(
                    "不一致:算出来是 {}{rounding};文章写 {},{} {}",
                    show(*computed),
                    show(*stated),
                    if diff > 0.0 { "多了" } else { "少了" },
                    show(diff.abs())
                ),
                Lang::En => format!(
                    "does not match: the inputs give {}{rounding}; the article states {}, {} {}",
                    show(*computed),
                    show(*stated),
                    show(diff.abs()),
                    if diff > 0.0 { "more" } else { "less" }
                ),
            };
            (no, text)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_in_eighths_and_always_fill_their_area() {
        let exact = |value| Amount::Exact { value };
        assert_eq!(bar(&exact(5.0), 10.0, 4), "██  ");
        assert_eq!(bar(&exact(10.0), 10.0, 4), "████");
        assert_eq!(bar(&exact(20.0), 10.0, 4), "████", "clamped at full");
        assert_eq!(
            bar(&exact(1.0), 10.0, 2),
            "▎ ",
            "1/10 of 2 columns is 1.6 eighths"
        );
        assert_eq!(
            bar(&exact(0.001), 10.0, 4),
            "▏   ",
            "a small value still shows"
        );
        assert_eq!(bar(&exact(0.0), 10.0, 4), "    ");
        assert_eq!(bar(&exact(-3.0), 10.0, 4), "    ");
        assert_eq!(bar(&exact(5.0), 0.0, 4), "    ", "no scale, no bar");
        assert_eq!(
            bar(
                &Amount::Range {
                    low: 2.0,
                    high: 3.0
                },
                10.0,
                10
            ),
            "██░       "
        );
        for area in 0..20 {
            for v in [0.0, 0.3, 1.7, 5.5, 9.99, 10.0] {
                assert_eq!(width_of(&bar(&exact(v), 10.0, area)), area);
            }
        }
    }

    #[test]
    fn percentages_carry_a_true_minus_sign() {
        assert_eq!(percent(-0.375), "−38%");
        assert_eq!(percent(0.05), "+5%");
        assert_eq!(percent(0.001), "0%");
    }

    #[test]
    fn tables_get_columns_that_fit_or_none() {
        let cells = |v: &[&'static str]| v.iter().map(|s| Cow::Borrowed(*s)).collect::<Vec<_>>();
        let rows = vec![cells(&["a", "a long cell of several words"])];
        assert_eq!(column_widths(&["x", "y"], &rows, 80), Some(vec![1, 28]));
        let widths = column_widths(&["x", "y"], &rows, 20).unwrap();
        assert!(widths.iter().sum::<usize>() + 2 <= 20, "{widths:?}");
        assert_eq!(
            column_widths(&["x", "y"], &rows, 12),
            None,
            "too narrow: listed as records"
        );
        assert_eq!(column_widths(&[], &[], 80), None);
        assert_eq!(longest_unit("Australia, 中国"), 10);
    }
}
