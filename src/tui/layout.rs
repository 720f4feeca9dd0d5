//! Where each pane goes for a terminal size: side by side when wide, stacked
//! when medium, one at a time when narrow, and a notice when too small.

/// A rectangle of the screen, as plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Width in columns.
    pub w: u16,
    /// Height in rows.
    pub h: u16,
}

/// The panes' places. A pane that is not shown at this size is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The outline, when shown beside the others.
    pub outline: Option<Area>,
    /// The reading pane, when shown beside the others.
    pub reading: Option<Area>,
    /// The node pane, when shown beside the others.
    pub node: Option<Area>,
    /// On narrow terminals: the focused pane alone.
    pub single: Option<Area>,
    /// The status line.
    pub status: Area,
}

/// The smallest terminal stance draws in.
pub const MIN_SIZE: (u16, u16) = (24, 8);
/// From this width the three panes stand side by side.
const WIDE: u16 = 110;
/// From this width two columns are shown; below it, one pane at a time.
const MEDIUM: u16 = 70;

/// How many times the outline can be widened (`w`) before it goes back.
pub const WIDER: u8 = 2;

/// The panes for a `w`×`h` terminal, or `None` when it is below [`MIN_SIZE`].
/// `wider` (0 to [`WIDER`]) widens the outline a step at a time, for readers
/// of Chinese, whose 26 columns at the normal width hold 8 characters: the
/// node pane and the article give up the room.
pub fn layout(w: u16, h: u16, wider: u8) -> Option<Panes> {
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return None;
    }
    let body = h - 1;
    let status = Area {
        x: 0,
        y: body,
        w,
        h: 1,
    };
    let area = |x, y, w, h| Some(Area { x, y, w, h });
    let step = u16::from(wider.min(WIDER));
    Some(if w >= WIDE {
        let outline = w * (24 + 10 * step) / 100;
        let node = w * (30 - 4 * step) / 100;
        let reading = w - outline - node;
        Panes {
            outline: area(0, 0, outline, body),
            reading: area(outline, 0, reading, body),
            node: area(outline + reading, 0, node, body),
            single: None,
            status,
        }
    } else if w >= MEDIUM {
        let left = w * (38 + 12 * step) / 100;
        let top = body / 2;
        Panes {
            outline: area(0, 0, left, top),
            node: area(0, top, left, body - top),
            reading: area(left, 0, w - left, body),
            single: None,
            status,
        }
    } else {
        Panes {
            outline: None,
            reading: None,
            node: None,
            single: area(0, 0, w, body),
            status,
        }
    })
}
