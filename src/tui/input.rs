//! A one-line text field whose cursor moves by characters and is placed by
//! display width, so Chinese typed through an input method edits correctly.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::wrap::{Ambiguous, char_width, str_width};

/// The text being edited and where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    /// The text.
    pub text: String,
    /// The cursor, as a byte offset on a character boundary.
    pub cursor: usize,
    /// The first character shown, as a byte offset: the view moves only when
    /// the cursor would leave it, so Left moves the cursor, not the text.
    start: usize,
}

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
            start: 0,
        }
    }

    /// Types `c` at the cursor. Newlines and controls are ignored: a note is one paragraph.
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    /// Moves one character left.
    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// Moves one character right.
    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// To the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// To the end.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// An editing key typed into the text: a character (not with Ctrl or
    /// Alt), deleting either way, moving by a character or to either end.
    /// Other keys change nothing.
    pub fn edit(&mut self, key: &KeyEvent) {
        match key.code {
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.insert(c)
            }
            _ => {}
        }
    }

    /// Moves the view, shown `width` columns wide, as little as keeps the
    /// cursor (and the character under it) in it. Call after each edit.
    pub fn keep_visible(&mut self, width: usize, amb: Ambiguous) {
        if self.start > self.cursor || !self.text.is_char_boundary(self.start) {
            self.start = self.cursor;
        }
        let under = self.under(amb);
        // One pass, however long a pasted note is.
        let mut used = str_width(&self.text[self.start..self.cursor], amb) + under;
        for c in self.text[self.start..self.cursor].chars() {
            if used <= width {
                break;
            }
            used -= char_width(c, amb);
            self.start += c.len_utf8();
        }
    }

    /// Columns the character under the cursor takes (1 at the end, for the cursor).
    fn under(&self, amb: Ambiguous) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(1, |c| char_width(c, amb).max(1))
    }

    /// The part of the text to show in `width` columns so the cursor is visible,
    /// and the cursor's column within it: from where [`TextInput::keep_visible`]
    /// left the view if the cursor is in it, else ending at the cursor.
    pub fn window(&self, width: usize, amb: Ambiguous) -> (&str, usize) {
        if width == 0 {
            return ("", 0);
        }
        let kept = self.start <= self.cursor
            && self.text.is_char_boundary(self.start)
            && str_width(&self.text[self.start..self.cursor], amb) + self.under(amb) <= width;
        if kept {
            return self.shown_from(self.start, width, amb);
        }
        // Start as far left as possible while the cursor (and the character
        // under it) still fits.
        let under = self.text[self.cursor..]
            .chars()
            .next()
            .map_or(1, |c| char_width(c, amb).max(1));
        let mut start = self.cursor;
        let mut used = under;
        for (i, c) in self.text[..self.cursor].char_indices().rev() {
            let w = char_width(c, amb);
            if used + w > width {
                break;
            }
            used += w;
            start = i;
        }
        self.shown_from(start, width, amb)
    }

    /// The text from byte `start` that fits `width` columns, and the cursor's column.
    fn shown_from(&self, start: usize, width: usize, amb: Ambiguous) -> (&str, usize) {
        let col = str_width(&self.text[start..self.cursor], amb);
        let mut end = start;
        let mut shown = 0;
        for (i, c) in self.text[start..].char_indices() {
            let w = char_width(c, amb);
            if shown + w > width {
                break;
            }
            shown += w;
            end = start + i + c.len_utf8();
        }
        (&self.text[start..end], col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_edited_by_characters_and_placed_by_width() {
        let mut t = TextInput::new("");
        for c in "算力不够".chars() {
            t.insert(c);
        }
        t.left();
        t.backspace();
        assert_eq!(t.text, "算力够");
        let (shown, col) = t.window(20, Ambiguous::Narrow);
        assert_eq!(shown, "算力够");
        assert_eq!(col, 4, "the cursor sits after two wide characters");
    }

    #[test]
    fn a_long_note_scrolls_to_keep_the_cursor_in_view() {
        let t = TextInput::new(&"长".repeat(50));
        let (shown, col) = t.window(10, Ambiguous::Narrow);
        assert!(str_width(shown, Ambiguous::Narrow) <= 10);
        assert_eq!(
            col, 8,
            "the cursor after four wide characters, with room for itself"
        );
    }

    #[test]
    fn left_in_a_narrow_box_moves_the_cursor_not_the_text() {
        let amb = Ambiguous::Narrow;
        let mut t = TextInput::new(&"abcdefghij".repeat(3));
        t.keep_visible(10, amb);
        let (before, col) = t.window(10, amb);
        let before = before.to_string();
        for k in 1..=5 {
            t.left();
            t.keep_visible(10, amb);
            let (shown, at) = t.window(10, amb);
            assert_eq!(shown, before, "the text stays put");
            assert_eq!(at, col - k, "the cursor moves left");
        }
        // Past the left edge, the view follows the cursor.
        for _ in 0..10 {
            t.left();
            t.keep_visible(10, amb);
        }
        let (shown, at) = t.window(10, amb);
        assert_eq!(at, 0);
        assert!(t.text[t.cursor..].starts_with(shown));
    }

    #[test]
    fn edits_at_the_ends_are_safe() {
        let mut t = TextInput::new("a");
        t.right();
        t.delete();
        t.home();
        t.backspace();
        t.left();
        assert_eq!((t.text.as_str(), t.cursor), ("a", 0));
        t.insert('\n');
        assert_eq!(t.text, "a");
    }
}
