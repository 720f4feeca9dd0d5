//! The teacher's view of a class folder: who has marked how much, the most
//! divisive nodes, the nodes no one has marked, and the newest notes, as the
//! folder changes. Reads the app's state; its keys are in the keymap's
//! `Teacher` scope and its state (the scroll) in [`crate::tui::app::ClassLive`].
//! The teacher sees names even when classmates see numbers (`--anonymous`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as RLine;
use ratatui::widgets::Paragraph;

use super::app::App;
use super::i18n::{class_strings, fill};
use super::panes::{Line, Tone, wrapped};
use super::theme::Theme;
use super::view::{block, clear, fit, to_line};
use crate::marks::Stance;
use crate::marks::class::bar;
use crate::wrap::truncate;

/// How many nodes and notes each list shows.
const TOP: usize = 10;

/// Everything the teacher's view shows, wrapped to `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line> {
    let w = class_strings(app.ui);
    let width = width.max(1);
    let mut out = Vec::new();
    let Some(live) = &app.class_live else {
        out.extend(wrapped(w.teacher_needs_folder, Tone::Dim, width, app));
        return out;
    };
    if let Some(e) = &live.error {
        out.extend(wrapped(&format!("⚠ {e}"), Tone::Warning, width, app));
    }
    if let Some(skipped) = &live.skipped {
        let line = &skipped[usize::from(app.ui == super::i18n::UiLang::Zh)];
        out.extend(wrapped(&format!("⚠ {line}"), Tone::Warning, width, app));
    }
    for (name, files) in &live.namesakes {
        let said = fill(w.namesakes, &[name, &files.join(", ")]);
        out.extend(wrapped(&format!("⚠ {said}"), Tone::Warning, width, app));
    }
    let heading = |t: &str| Line::new().push(t.to_string(), Tone::Heading);

    out.push(heading(w.teacher_readers));
    let mut readers: Vec<_> = live.readers.iter().collect();
    readers.sort_by(|a, b| b.stances.cmp(&a.stances).then(a.name.cmp(&b.name)));
    if readers.is_empty() {
        out.push(Line::new().push(format!("  {}", w.teacher_none), Tone::Dim));
    }
    let total = app.doc.nodes.len().max(1);
    for r in readers {
        let said = fill(
            w.teacher_reader_line,
            &[&r.name, &r.stances.to_string(), &r.notes.to_string()],
        );
        // A bar of how much of the article they have marked.
        let filled = (r.stances.min(total) * 10).div_ceil(total);
        let gauge = format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled));
        let room = width.saturating_sub(14);
        out.push(Line::new().push(format!("  {gauge} "), Tone::Glyph).push(
            truncate(&said, room, app.ambiguous).into_owned(),
            Tone::Plain,
        ));
    }

    out.push(Line::new());
    out.push(heading(w.teacher_divisive));
    let divisive: Vec<_> = app
        .cruxes
        .iter()
        .filter_map(|id| {
            let c = app.class.as_ref()?.get(id)?;
            (c.contest() > 0).then_some((id, c))
        })
        .take(TOP)
        .collect();
    if divisive.is_empty() {
        out.push(Line::new().push(format!("  {}", w.teacher_none), Tone::Dim));
    }
    for (id, c) in divisive {
        let (label, text) = match app.doc.node_index(id) {
            Some(i) => (
                app.graph.labels[i].clone(),
                app.doc.nodes[i]
                    .text
                    .get_or_other(app.ui.text_lang())
                    .replace('\n', " "),
            ),
            None => (id.clone(), c.text.clone()),
        };
        let head = format!(
            "  {} {label} {}{} {}{} {}{} ",
            bar(c, 10),
            Stance::Agree.glyph(),
            c.agree,
            Stance::Dispute.glyph(),
            c.dispute,
            Stance::Unsure.glyph(),
            c.unsure
        );
        let room = width.saturating_sub(crate::wrap::str_width(&head, app.ambiguous));
        out.push(Line::new().push(head, Tone::Glyph).push(
            truncate(&text, room, app.ambiguous).into_owned(),
            Tone::Plain,
        ));
    }

    out.push(Line::new());
    let unmarked: Vec<String> = app
        .doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            app.class
                .as_ref()
                .and_then(|c| c.get(&n.id))
                .is_none_or(|c| c.votes() == 0 && c.notes.is_empty())
        })
        .map(|(i, _)| app.graph.labels[i].clone())
        .collect();
    out.push(heading(&fill(
        w.teacher_unmarked,
        &[&unmarked.len().to_string()],
    )));
    if unmarked.is_empty() {
        out.push(Line::new().push(format!("  {}", w.teacher_none), Tone::Dim));
    } else {
        out.extend(wrapped(
            &format!("  {}", unmarked.join(" ")),
            Tone::Dim,
            width,
            app,
        ));
    }

    out.push(Line::new());
    out.push(heading(w.teacher_notes));
    let mut notes: Vec<(&str, String, &crate::marks::class::ReaderNote)> = app
        .class
        .iter()
        .flat_map(|c| c.values())
        .flat_map(|c| {
            let label = app
                .doc
                .node_index(&c.node)
                .map_or_else(|| c.node.clone(), |i| app.graph.labels[i].clone());
            c.notes
                .iter()
                .map(move |n| (c.node.as_str(), label.clone(), n))
        })
        .collect();
    // Newest first; RFC 3339 in UTC sorts as text. Ties in a stable order.
    notes.sort_by(|a, b| {
        b.2.at
            .cmp(&a.2.at)
            .then(a.0.cmp(b.0))
            .then(a.2.reader.cmp(&b.2.reader))
    });
    if notes.is_empty() {
        out.push(Line::new().push(format!("  {}", w.teacher_none), Tone::Dim));
    }
    for (_, label, n) in notes.into_iter().take(TOP) {
        let glyph = n.stance.map_or("·", Stance::glyph);
        let text = format!("  {glyph} {} · {label}: {}", n.reader, n.note);
        out.extend(wrapped(&text, Tone::Plain, width, app));
    }
    out
}

/// Draws the teacher's view over the reader.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    clear(frame, area);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let all = lines(app, inner_w);
    let scroll = app
        .class_live
        .as_ref()
        .map_or(0, |l| l.scroll)
        .min(all.len().saturating_sub(inner_h));
    let text: Vec<RLine> = all
        .iter()
        .skip(scroll)
        .take(inner_h)
        .map(|l| to_line(l, theme))
        .collect();
    let w = class_strings(app.ui);
    let readers = app.class_live.as_ref().map_or(0, |l| l.readers.len());
    let title = fit(
        &format!(" {} ", fill(w.status_readers, &[&readers.to_string()])),
        inner_w,
        app,
    );
    frame.render_widget(Paragraph::new(text).block(block(title, true, theme)), area);
}
