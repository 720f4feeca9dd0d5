//! Selecting a span of one paragraph with the keyboard (or the mouse), to quote
//! it in a node of the reader's own: pure state over the paragraph's text.
//!
//! The selection is two byte offsets into the paragraph's original text, kept
//! on character boundaries, so the span it yields is a slice of that text:
//! verbatim by construction, whatever is drawn around it (badges, wrapping).
//!
//! Words, for moving by word in text that mixes Chinese and Latin script: a run
//! of Latin letters and digits (with `'`, `-`, `.` or `_` inside it, as in
//! "don't", "V3" or "3.5") is one word; every Han character (and any other
//! wide, East Asian character) is a word of its own; every other visible
//! character (punctuation) is a word of one character; spaces only separate.
//! A Han character per word is a choice, not a shortcut: Chinese writes no
//! spaces, a dictionary segmenter guesses (and would tie the program to one
//! dictionary), while a character is always something the reader can see and
//! count; a span such as "一个百来人的 AI 创业团队" is reached by stepping
//! over its characters and the Latin word at once.

use std::ops::Range;

use super::reading::{Mark, ReadingLine};

/// How a key moves the end of the selection that moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// One character left.
    CharLeft,
    /// One character right.
    CharRight,
    /// To the start of the word before.
    WordLeft,
    /// Past the next word (while selecting), or to its start (before).
    WordRight,
    /// To the paragraph's start.
    Start,
    /// To the paragraph's end.
    End,
}

/// A selection in one paragraph: a caret until it is started, then a span
/// from where it started (the anchor) to where it has moved (the head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The section the paragraph is in.
    pub section: usize,
    /// The paragraph, within its section.
    pub paragraph: usize,
    /// The paragraph's id, recorded with the quote.
    pub paragraph_id: String,
    /// Where the selection started (a byte offset on a character boundary).
    anchor: usize,
    /// Where it has moved to (a byte offset on a character boundary).
    head: usize,
    /// Whether it has started: before, the head is a caret and the anchor follows it.
    started: bool,
}

/// What kind of character `c` is, for moving by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Separates words.
    Space,
    /// Part of a run of Latin letters and digits.
    Latin,
    /// A word on its own: a Han character, or punctuation.
    Single,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() && !wide(c) {
        Class::Latin
    } else {
        Class::Single
    }
}

/// Whether `c` is an East Asian wide character (Han, kana, hangul, fullwidth
/// forms): each is a word, however the text around it runs.
fn wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Joins two Latin runs into one word when between them: "don't", "V3.5", "e-mail".
fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '_')
}

impl Selection {
    /// A caret at byte `at` of the paragraph `text` (moved back to a character
    /// boundary, and to the end if past it).
    pub fn new(
        section: usize,
        paragraph: usize,
        paragraph_id: &str,
        text: &str,
        at: usize,
    ) -> Selection {
        let at = floor(text, at);
        Selection {
            section,
            paragraph,
            paragraph_id: paragraph_id.to_string(),
            anchor: at,
            head: at,
            started: false,
        }
    }

    /// Whether the span has been started (the anchor is fixed).
    pub fn started(&self) -> bool {
        self.started
    }

    /// Fixes the anchor where the caret is: moving now selects.
    pub fn start(&mut self) {
        self.anchor = self.head;
        self.started = true;
    }

    /// Back to a caret where the head is, selecting nothing.
    pub fn unstart(&mut self) {
        self.anchor = self.head;
        self.started = false;
    }

    /// Where the moving end is (the caret before the selection starts).
    pub fn head(&self) -> usize {
        self.head
    }

    /// The selected bytes of the paragraph's text (empty before it starts).
    pub fn span(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    /// The selected words, verbatim: a slice of `text`, the paragraph the
    /// selection was made in (empty if `text` is not that paragraph's).
    pub fn quote<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.span()).unwrap_or("")
    }

    /// Selects `range` of `text` at once (a mouse drag), as if started at its
    /// start and moved to its end.
    pub fn select(&mut self, text: &str, from: usize, to: usize) {
        self.anchor = floor(text, from);
        self.head = floor(text, to);
        self.started = true;
    }

    /// Moves the head (and, before the selection starts, the anchor with it).
    pub fn step(&mut self, text: &str, motion: Motion) {
        let at = floor(text, self.head);
        self.head = match motion {
            Motion::CharLeft => prev_char(text, at),
            Motion::CharRight => next_char(text, at),
            Motion::WordLeft => word_start_before(text, at),
            Motion::WordRight if self.started => word_end_after(text, at),
            Motion::WordRight => next_word_start(text, at),
            Motion::Start => 0,
            Motion::End => text.len(),
        };
        if !self.started {
            self.anchor = self.head;
        }
    }
}

/// `at` moved back to a character boundary of `text`, no further than its end.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

fn prev_char(text: &str, at: usize) -> usize {
    text[..at]
        .chars()
        .next_back()
        .map_or(at, |c| at - c.len_utf8())
}

/// The end of the word that starts at `at` (which must start one): one
/// character for a single, the whole run (with its joiners) for Latin.
fn word_end(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return at;
    };
    let mut end = at + first.len_utf8();
    if class(first) != Class::Latin {
        return end;
    }
    while let Some(&(i, c)) = chars.peek() {
        if class(c) == Class::Latin {
            end = at + i + c.len_utf8();
            chars.next();
        } else if joiner(c) {
            // A joiner counts only with Latin on both sides.
            let after = text[at + i + c.len_utf8()..].chars().next();
            if after.is_some_and(|a| class(a) == Class::Latin) {
                end = at + i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    end
}

/// Past the next word: spaces skipped, then the word.
fn word_end_after(text: &str, at: usize) -> usize {
    let start = skip_spaces(text, at);
    word_end(text, start)
}

fn skip_spaces(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| class(c) != Class::Space)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The start of the next word: past the word at `at` (if any), then spaces.
fn next_word_start(text: &str, at: usize) -> usize {
    let in_word = text[at..]
        .chars()
        .next()
        .is_some_and(|c| class(c) != Class::Space);
    let past = if in_word { word_end(text, at) } else { at };
    // A caret inside a Latin word goes past the rest of it.
    skip_spaces(text, past)
}

/// The start of the word before `at`: spaces skipped back, then the word.
fn word_start_before(text: &str, at: usize) -> usize {
    // Back over spaces.
    let mut end = at;
    while let Some(c) = text[..end].chars().next_back() {
        if class(c) != Class::Space {
            break;
        }
        end -= c.len_utf8();
    }
    let Some(last) = text[..end].chars().next_back() else {
        return end;
    };
    if class(last) != Class::Latin {
        return end - last.len_utf8();
    }
    // Back over the Latin run and the joiners inside it.
    let mut start = end;
    let mut prev_latin = false;
    for (i, c) in text[..end].char_indices().rev() {
        if class(c) == Class::Latin {
            start = i;
            prev_latin = true;
        } else if joiner(c) && prev_latin {
            // Only with Latin before it too.
            let before = text[..i].chars().next_back();
            if before.is_some_and(|b| class(b) == Class::Latin) {
                prev_latin = false;
                continue;
            }
            break;
        } else {
            break;
        }
    }
    start
}

/// The byte ranges of `line` that show bytes `span` of its paragraph's
/// original text (badges, drawn among the words, are skipped): where a
/// selection is drawn. Empty for a line that is not of the original text.
pub fn on_line(line: &ReadingLine, span: Range<usize>) -> Vec<Range<usize>> {
    let Some(mut src) = line.source else {
        return Vec::new();
    };
    let mut badges: Vec<Range<usize>> = line
        .marks
        .iter()
        .filter(|(_, m)| matches!(m, Mark::Badge(_)))
        .map(|(r, _)| r.clone())
        .collect();
    badges.sort_by_key(|r| r.start);
    // The stretches of the line's own words, between its badges.
    let mut words = Vec::new();
    let mut at = 0;
    for b in badges
        .iter()
        .chain(std::iter::once(&(line.text.len()..line.text.len())))
    {
        if b.start > at {
            words.push(at..b.start);
        }
        at = at.max(b.end);
    }
    let mut out = Vec::new();
    for w in words {
        let (from, to) = (src, src + w.len());
        let (s, e) = (span.start.max(from), span.end.min(to));
        if s < e {
            out.push(w.start + (s - from)..w.start + (e - from));
        }
        src = to;
    }
    out
}

/// The byte of the paragraph's original text shown at display column `col`
/// of `line` (a badge counts as the text right after it; past the end, the
/// end of the line's words). `None` for a line not of the original text.
pub fn source_at(line: &ReadingLine, col: usize, amb: crate::wrap::Ambiguous) -> Option<usize> {
    let start = line.source?;
    let badges: Vec<&Range<usize>> = line
        .marks
        .iter()
        .filter(|(_, m)| matches!(m, Mark::Badge(_)))
        .map(|(r, _)| r)
        .collect();
    let (mut shown, mut src) = (0, start);
    for (i, c) in line.text.char_indices() {
        if shown + crate::wrap::char_width(c, amb) > col {
            break;
        }
        shown += crate::wrap::char_width(c, amb);
        if !badges.iter().any(|r| r.contains(&i)) {
            src += c.len_utf8();
        }
    }
    Some(src)
}

/// The bytes of `line` showing the character at byte `at` of the original
/// text, where a caret is drawn (a space past the line's end shows nothing).
pub fn caret_on_line(line: &ReadingLine, text: &str, at: usize) -> Option<Range<usize>> {
    let len = text[at.min(text.len())..].chars().next()?.len_utf8();
    on_line(line, at..at + len).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "中国一个百来人的 AI 创业团队,直接打脸——you can't stop V3.5 now.";

    fn caret_at(text: &str, words: &str) -> Selection {
        let at = text.find(words).expect("the words are in the text");
        Selection::new(0, 0, "p1", text, at)
    }

    #[test]
    fn selecting_by_word_takes_each_han_character_and_each_latin_run() {
        let mut s = caret_at(MIXED, "一个");
        s.start();
        let mut seen = Vec::new();
        for _ in 0..11 {
            s.step(MIXED, Motion::WordRight);
            seen.push(s.quote(MIXED).to_string());
        }
        assert_eq!(seen[0], "一");
        assert_eq!(seen[5], "一个百来人的");
        assert_eq!(seen[6], "一个百来人的 AI", "AI is one word");
        assert_eq!(seen[10], "一个百来人的 AI 创业团队");
        assert_eq!(s.paragraph_id, "p1");
    }

    #[test]
    fn a_latin_word_keeps_its_apostrophes_and_points() {
        let mut s = caret_at(MIXED, "can't");
        s.start();
        s.step(MIXED, Motion::WordRight);
        assert_eq!(s.quote(MIXED), "can't");
        s.step(MIXED, Motion::WordRight);
        s.step(MIXED, Motion::WordRight);
        assert_eq!(s.quote(MIXED), "can't stop V3.5");
        // The full stop at the end is a word of its own, not part of "now".
        s.step(MIXED, Motion::WordRight);
        s.step(MIXED, Motion::WordRight);
        assert_eq!(s.quote(MIXED), "can't stop V3.5 now.");
    }

    #[test]
    fn moving_back_shrinks_by_word_and_by_character() {
        let mut s = caret_at(MIXED, "一个");
        s.start();
        s.step(MIXED, Motion::End);
        assert!(s.quote(MIXED).ends_with("now."));
        s.step(MIXED, Motion::WordLeft);
        s.step(MIXED, Motion::WordLeft);
        assert!(s.quote(MIXED).ends_with("V3.5 "), "{}", s.quote(MIXED));
        s.step(MIXED, Motion::CharLeft);
        s.step(MIXED, Motion::WordLeft);
        assert!(s.quote(MIXED).ends_with("stop "), "{}", s.quote(MIXED));
        // Back past the anchor, the span runs the other way.
        let mut s = caret_at(MIXED, "AI");
        s.start();
        s.step(MIXED, Motion::WordLeft);
        s.step(MIXED, Motion::CharLeft);
        assert_eq!(s.quote(MIXED), "人的 ");
    }

    #[test]
    fn before_it_starts_the_caret_moves_to_word_starts_and_selects_nothing() {
        let mut s = caret_at(MIXED, "的 AI");
        s.step(MIXED, Motion::WordRight);
        assert_eq!(&MIXED[s.head()..s.head() + 2], "AI");
        s.step(MIXED, Motion::WordRight);
        assert!(MIXED[s.head()..].starts_with("创"));
        assert_eq!(s.quote(MIXED), "");
        s.step(MIXED, Motion::WordLeft);
        assert!(MIXED[s.head()..].starts_with("AI"));
    }

    #[test]
    fn every_span_is_a_slice_of_the_paragraph_on_character_boundaries() {
        let motions = [
            Motion::CharLeft,
            Motion::CharRight,
            Motion::WordLeft,
            Motion::WordRight,
            Motion::Start,
            Motion::End,
        ];
        for start in 0..=MIXED.len() {
            let mut s = Selection::new(0, 0, "p", MIXED, start);
            s.start();
            for (i, m) in motions.iter().cycle().skip(start % 6).take(9).enumerate() {
                s.step(MIXED, *m);
                if i % 4 == 3 {
                    s.step(MIXED, Motion::CharRight);
                }
                let span = s.span();
                assert!(MIXED.is_char_boundary(span.start) && MIXED.is_char_boundary(span.end));
                assert!(MIXED.contains(s.quote(MIXED)));
            }
        }
    }

    #[test]
    fn a_selection_is_drawn_around_the_badges_among_its_words() {
        // "ab[E1]cd" laid out from "abcd", the line starting at byte 1: "b[E1]cd".
        let line = ReadingLine {
            text: "b[E1]cd".into(),
            marks: vec![(1..5, Mark::Badge(0))],
            para: Some(0),
            source: Some(1),
        };
        let shown: Vec<&str> = on_line(&line, 0..3)
            .into_iter()
            .map(|r| &line.text[r])
            .collect();
        assert_eq!(
            shown,
            ["b", "c"],
            "bytes 1 and 2 of abcd, the badge skipped"
        );
        assert!(
            on_line(&line, 3..4)
                .iter()
                .all(|r| &line.text[r.clone()] == "d")
        );
        assert_eq!(caret_on_line(&line, "abcd", 2), Some(5..6));
        let translation = ReadingLine {
            source: None,
            ..line
        };
        assert!(on_line(&translation, 0..4).is_empty());
    }

    #[test]
    fn a_column_of_a_line_is_a_byte_of_the_paragraph() {
        use crate::wrap::Ambiguous::Narrow;
        // "算力[E1]不够" from "算力不够", from its start: wide characters, a badge.
        let line = ReadingLine {
            text: "算力[E1]不够".into(),
            marks: vec![(6..10, Mark::Badge(0))],
            para: Some(0),
            source: Some(0),
        };
        assert_eq!(source_at(&line, 0, Narrow), Some(0));
        assert_eq!(source_at(&line, 1, Narrow), Some(0), "the right half of 算");
        assert_eq!(source_at(&line, 2, Narrow), Some(3));
        assert_eq!(
            source_at(&line, 5, Narrow),
            Some(6),
            "on the badge: the text after it"
        );
        assert_eq!(source_at(&line, 8, Narrow), Some(6));
        assert_eq!(source_at(&line, 10, Narrow), Some(9));
        assert_eq!(source_at(&line, 99, Narrow), Some(12));
    }

    #[test]
    fn the_ends_of_a_paragraph_and_an_empty_one_are_safe() {
        let mut s = Selection::new(0, 0, "p", "", 9);
        s.start();
        for m in [
            Motion::CharLeft,
            Motion::WordLeft,
            Motion::CharRight,
            Motion::WordRight,
        ] {
            s.step("", m);
        }
        assert_eq!(s.quote(""), "");
        let mut s = Selection::new(0, 0, "p", "ab", 1);
        s.step("ab", Motion::WordLeft);
        assert_eq!(s.head(), 0);
        s.step("ab", Motion::WordRight);
        assert_eq!(s.head(), 2);
    }
}
