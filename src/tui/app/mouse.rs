//! The mouse: clicks in each pane, the wheel, and dragging the outline's border.

use super::*;

impl App {
    /// A mouse click or wheel turn.
    pub fn mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        if self.panes().is_none() {
            return Vec::new();
        }
        if self.editing.is_some() || self.form.is_some() {
            // The note is saved to the selected node: a click must not move it.
            return Vec::new();
        }
        if !self.overlays.is_empty() || self.search.typing {
            if let Some(Overlay::Map(_)) = self.overlays.last() {
                return match event.kind {
                    MouseEventKind::ScrollDown => self.map_action(Action::Down),
                    MouseEventKind::ScrollUp => self.map_action(Action::Up),
                    MouseEventKind::Down(_) => self.map_click(event.row),
                    _ => Vec::new(),
                };
            }
            return Vec::new();
        }
        let Some(panes) = self.panes() else {
            return Vec::new();
        };
        let (x, y) = (event.column, event.row);
        if self.drag_border(event, &panes) || self.select_mouse(event, &panes) {
            return Vec::new();
        }
        let hit = [
            (Pane::Outline, panes.outline),
            (Pane::Reading, panes.reading),
            (Pane::Node, panes.node),
        ]
        .into_iter()
        .find_map(|(pane, area)| area.filter(|a| a.contains(x, y)).map(|a| (pane, a)))
        .or_else(|| {
            panes
                .single
                .filter(|a| a.contains(x, y))
                .map(|a| (self.focus, a))
        });
        let Some((pane, area)) = hit else {
            return Vec::new();
        };
        match event.kind {
            MouseEventKind::Down(_) => {
                self.legend = false;
                self.focus = pane;
                let line = usize::from(y.saturating_sub(area.y + 1));
                self.click(pane, line);
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = matches!(event.kind, MouseEventKind::ScrollDown);
                match pane {
                    Pane::Reading => self.scroll_by(if down { 3 } else { -3 }),
                    Pane::Outline => {
                        let max = self
                            .rows
                            .len()
                            .saturating_sub(self.pane_height(Pane::Outline));
                        self.outline_offset = if down {
                            (self.outline_offset + 3).min(max)
                        } else {
                            self.outline_offset.saturating_sub(3)
                        };
                    }
                    Pane::Node => self.node_scroll_by(if down { 3 } else { -3 }),
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The outline's right border, dragged with the mouse, widens or narrows
    /// it to the nearest of the widths `w` steps through. Whether the event
    /// was the border's.
    pub(super) fn drag_border(&mut self, event: MouseEvent, panes: &Panes) -> bool {
        let Some(outline) = panes.outline else {
            return false;
        };
        let border = outline.x + outline.w - 1;
        match event.kind {
            MouseEventKind::Down(crossterm::event::MouseButton::Left)
                if event.column == border
                    && event.row >= outline.y
                    && event.row < outline.y + outline.h =>
            {
                self.dragging_border = true;
                true
            }
            MouseEventKind::Drag(_) if self.dragging_border => {
                let edge = |step: u8| {
                    layout(self.size.0, self.size.1, step)
                        .and_then(|p| p.outline)
                        .map_or(0, |o| o.x + o.w - 1)
                };
                let nearest = (0..=crate::tui::layout::WIDER)
                    .min_by_key(|&step| edge(step).abs_diff(event.column))
                    .unwrap_or(0);
                if nearest != self.outline_wider {
                    self.outline_wider = nearest;
                    self.resize(self.size.0, self.size.1);
                }
                true
            }
            MouseEventKind::Up(_) if self.dragging_border => {
                self.dragging_border = false;
                true
            }
            _ => false,
        }
    }

    pub(super) fn click(&mut self, pane: Pane, line: usize) {
        match pane {
            Pane::Outline => {
                let row = self.outline_offset + line;
                if row < self.rows.len() {
                    self.outline_to(row);
                }
            }
            Pane::Reading => {
                let window = self.reading_window();
                if let Some((s, Some(p))) = window.get(line).map(|(s, l)| (*s, l.para)) {
                    let scroll = self.scroll;
                    self.select_paragraph(s, p);
                    self.scroll = scroll;
                }
            }
            Pane::Node => {
                let Some(area) = self.panes().and_then(|p| p.node.or(p.single)) else {
                    return;
                };
                let lines =
                    crate::tui::panes::node_lines(self, usize::from(area.w.saturating_sub(2)));
                let shown = crate::tui::panes::node_window(
                    self,
                    &lines,
                    usize::from(area.h.saturating_sub(2)),
                );
                if let Some(Some(i)) = shown.get(line).map(|&l| lines[l].neighbour) {
                    if self.neighbour_cursor == i {
                        // A second click on the same neighbour follows it.
                        self.node_action(Action::Follow);
                    } else {
                        self.neighbour_cursor = i;
                    }
                }
            }
        }
    }
}
