//! The legend of the reader's symbols (◆ ● ✕ ✎ ⊕ ✓ ✗ ? * ⇄ ↓ ∅): at the top
//! of the key list, and in a small box on a reader's first screen.

use crate::tui::i18n::Strings;
use crate::tui::panes::{Line, Seg, Tone};
use crate::wrap::{Ambiguous, str_width, truncate};

/// The tone a symbol is drawn in, as it is drawn elsewhere.
fn tone(glyph: &str) -> Tone {
    match glyph {
        "◆" => Tone::Claim,
        "●" | "[E3]" => Tone::Evidence,
        "✕" => Tone::Rebuttal,
        "✎" | "⊕" => Tone::Editorial,
        "✓" => Tone::Agree,
        "✗" => Tone::Dispute,
        "?" | "*" => Tone::Unsure,
        "▌" => Tone::Heading,
        g if g.starts_with('→') => Tone::Glyph,
        _ => Tone::Warning,
    }
}

/// The legend wrapped to `width`: entries `glyph meaning`, two spaces apart,
/// as many to a line as fit (an entry wider than the line is cut).
pub fn lines(s: &Strings, width: usize, amb: Ambiguous) -> Vec<Line> {
    let width = width.max(1);
    let mut out: Vec<Line> = Vec::new();
    let mut used = 0;
    for (g, m) in &s.legend {
        let entry = format!("{g} {m}");
        let w = str_width(&entry, amb);
        if used > 0 && used + 2 + w > width {
            used = 0;
        }
        if used == 0 {
            out.push(Line::default());
        }
        let Some(line) = out.last_mut() else { break };
        let gap = if used == 0 { "" } else { "  " };
        let meaning = truncate(
            m,
            width.saturating_sub(used + gap.len() + str_width(g, amb) + 1),
            amb,
        );
        line.segs.push(Seg {
            text: format!("{gap}{g} "),
            tone: tone(g),
        });
        line.segs.push(Seg {
            text: meaning.into_owned(),
            tone: Tone::Plain,
        });
        used += gap.len() + w;
    }
    out
}

/// The legend as the key list opens, `width` columns wide: a heading, the
/// entries, a blank line.
pub fn help_lines(s: &Strings, width: usize, amb: Ambiguous) -> Vec<Line> {
    let mut out = vec![Line {
        segs: vec![Seg {
            text: s.legend_title.to_string(),
            tone: Tone::Heading,
        }],
        ..Line::default()
    }];
    for mut l in lines(s, width.saturating_sub(2), amb) {
        l.segs.insert(
            0,
            Seg {
                text: "  ".into(),
                tone: Tone::Plain,
            },
        );
        out.push(l);
    }
    out.push(Line::default());
    out
}
