//! The one theme: a style for each tone, in the 16 basic colours, with every
//! meaning also carried by a glyph, a word or a modifier, and no colour under NO_COLOR.

use ratatui::style::{Color, Modifier, Style};

use super::panes::Tone;
use super::reading::Mark;

/// Styles for everything the reader draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used (NO_COLOR turns them off; modifiers stay).
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something non-empty (<https://no-color.org>).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The style of a tone.
    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Plain => Style::new(),
            Tone::Dim => self.fg(Color::Gray).add_modifier(if self.color {
                Modifier::empty()
            } else {
                Modifier::DIM
            }),
            Tone::Heading => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Tone::Claim => self.fg(Color::LightBlue).add_modifier(Modifier::BOLD),
            Tone::Evidence => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Tone::Rebuttal => self.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Tone::Editorial => self
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Tone::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Tone::Key => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Tone::Glyph => self.fg(Color::DarkGray),
            Tone::Match => self.fg(Color::Yellow),
            Tone::Agree => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Tone::Dispute => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Tone::Unsure => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Tone::Link => self.fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The style of a marked stretch of the article; `selected` is the selected node.
    pub fn mark(
        &self,
        mark: Mark,
        kind_tone: impl Fn(usize) -> Tone,
        selected: Option<usize>,
    ) -> Style {
        match mark {
            Mark::Quote(n) if Some(n) == selected => self
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Mark::Quote(_) => Style::new().add_modifier(Modifier::UNDERLINED),
            Mark::Badge(n) if Some(n) == selected => {
                self.tone(kind_tone(n)).add_modifier(Modifier::REVERSED)
            }
            Mark::Badge(n) => self.tone(kind_tone(n)),
            Mark::Heading => self.tone(Tone::Heading),
            Mark::Title => self.tone(Tone::Heading).add_modifier(Modifier::BOLD),
            Mark::Translation => self.fg(Color::Gray),
            Mark::Aside => self.tone(Tone::Dim).add_modifier(Modifier::ITALIC),
            Mark::Link => self.tone(Tone::Link),
        }
    }

    /// Search matches inside the article.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Words being selected in the article (and the caret before they are).
    pub fn selection(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Cyan)
                .fg(Color::Black)
                .add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// The line under the cursor.
    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }
}
