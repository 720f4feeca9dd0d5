//! Wrapping paragraph text to a terminal pane by display width, with Chinese line-breaking rules.
//!
//! Chinese has no spaces between words and its characters take two terminal
//! columns, so neither byte length nor `char` count says where a line ends, and
//! breaking only at spaces would leave whole paragraphs on one line. [`wrap`]
//! measures every character with [`char_width`] and breaks:
//!
//! * between any two CJK (wide) characters, and where CJK text meets other text;
//! * at spaces, which are then dropped from both line ends;
//! * inside a Latin word (`DeepSeek`, `2000`, `20%-30%`) only when the word is
//!   wider than the pane;
//! * never so that a line starts with closing punctuation (`,。)”`…) or ends
//!   with opening punctuation (`(“《`…) — the typesetting rule Chinese calls
//!   避头尾 and Japanese kinsoku — unless there is no other way to stay within
//!   the width.
//!
//! It returns byte ranges into the original text rather than new strings, so a
//! renderer can map styled spans (highlighted quotes) onto each line without
//! re-finding them. [`truncate`] shortens a one-line label the same way.

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// How to count East Asian ambiguous-width characters (“ ” ‘ ’ … · etc.): some terminals draw them 2 columns wide.
///
/// Unicode leaves their width to context; a terminal with a CJK locale or font
/// often draws them wide, and wrapping with the wrong width either wastes a
/// column per quote or lets lines spill over the pane's edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    /// Ambiguous characters take one column (the Unicode default outside East Asian contexts).
    #[default]
    Narrow,
    /// Ambiguous characters take two columns, as in many CJK terminals and fonts.
    Wide,
}

/// Display width of one char (0 for controls/combining; Wide uses UnicodeWidthChar::width_cjk for ambiguous chars).
pub fn char_width(c: char, amb: Ambiguous) -> usize {
    let width = match amb {
        Ambiguous::Narrow => c.width(),
        Ambiguous::Wide => c.width_cjk(),
    };
    // unicode-width answers None for control characters; they draw nothing.
    width.unwrap_or(0)
}

/// Display width of a string.
///
/// This is the sum of [`char_width`] over its characters — deliberately not
/// `UnicodeWidthStr::width`, which counts some sequences (emoji ZWJ sequences,
/// `"\r\n"`) as a unit — so that it agrees with the widths [`wrap`] and
/// [`truncate`] measure with, character by character.
pub fn str_width(s: &str, amb: Ambiguous) -> usize {
    s.chars().map(|c| char_width(c, amb)).sum()
}

/// Wraps `text` into lines no wider than `width` columns; returns the byte range of each line in `text`.
///
/// * Each `'\n'` ends a line; the newline is in no range (nor is a carriage
///   return before it), and an empty line of text gives an empty range, so
///   `""` gives one empty line and `"a\n"` gives two.
/// * Lines are filled greedily: a line is broken only when the next unit does
///   not fit. A unit is a CJK character or a Latin word (a run of characters
///   that are neither spaces nor CJK); a word wider than `width` is split
///   between characters, starting on the current line.
/// * Spaces where a line breaks are in neither line's range, and spaces at the
///   start of a paragraph are dropped, so no line starts or ends with a space.
///   No-break spaces (U+00A0, U+2007, U+202F) are not break points; a zero-width
///   space (U+200B) is one.
/// * No line starts with closing punctuation or ends with opening punctuation
///   when that can be avoided by moving characters to the next line. When it
///   cannot (the line would be left empty), the punctuation goes to the start
///   of the next line: the width always wins.
/// * A `width` of 0 gives no lines at all.
///
/// Every line is at most `width` columns wide, measured with [`char_width`],
/// with one exception: a single character wider than `width` (a CJK character
/// when `width` is 1) cannot be split, so it gets a line of its own that
/// overflows. Zero-width characters (combining marks, joiners) stay on the
/// line of the character before them.
///
/// The ranges are in order, do not overlap and lie on `char` boundaries; what
/// lies between them is only spaces and newlines.
///
/// The work is linear in the length of `text`: each character is measured
/// once, and a line's width is a difference of running column counts.
pub fn wrap(text: &str, width: usize, amb: Ambiguous) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    // One buffer for every paragraph, so text with many short lines does not
    // allocate per line.
    let mut clusters = Vec::new();
    let mut start = 0;
    for (newline, _) in text.match_indices('\n') {
        wrap_segment(text, start..newline, width, amb, &mut clusters, &mut lines);
        start = newline + 1;
    }
    wrap_segment(
        text,
        start..text.len(),
        width,
        amb,
        &mut clusters,
        &mut lines,
    );
    lines
}

/// Truncates `s` to at most `width` columns, appending '…' when cut (the ellipsis counts in the width); never splits a wide char.
///
/// `s` is returned borrowed when it already fits. When it is cut, spaces
/// before the ellipsis are dropped (`"hello…"`, not `"hello …"`), and zero-width
/// characters after the last kept character stay with it. When even the
/// ellipsis does not fit (`width` 1 with [`Ambiguous::Wide`], or `width` 0),
/// the text is cut without one.
pub fn truncate(s: &str, width: usize, amb: Ambiguous) -> Cow<'_, str> {
    if str_width(s, amb) <= width {
        return Cow::Borrowed(s);
    }
    let ellipsis = char_width('…', amb);
    let Some(room) = width.checked_sub(ellipsis) else {
        return Cow::Borrowed(&s[..fit_prefix(s, width, amb)]);
    };
    let kept = s[..fit_prefix(s, room, amb)].trim_end();
    let mut out = String::with_capacity(kept.len() + '…'.len_utf8());
    out.push_str(kept);
    out.push('…');
    Cow::Owned(out)
}

/// Byte length of the longest prefix of `s` at most `width` columns wide.
fn fit_prefix(s: &str, width: usize, amb: Ambiguous) -> usize {
    let mut used = 0;
    for (at, c) in s.char_indices() {
        used += char_width(c, amb);
        if used > width {
            return at;
        }
    }
    s.len()
}

/// Whether no line may start with `c`.
///
/// Both the full-width forms and the ASCII ones: the article text mixes ASCII
/// commas and question marks into Chinese sentences.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        // Full-width and CJK forms.
        '\u{FF0C}' // ，
            | '。'
            | '、'
            | '\u{FF1F}' // ？
            | '\u{FF01}' // ！
            | '\u{FF1B}' // ；
            | '\u{FF1A}' // ：
            | '\u{FF09}' // ）
            | '\u{FF3D}' // ］
            | '\u{FF5D}' // ｝
            | '\u{FF05}' // ％
            | '\u{FF0E}' // ．
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '〗'
            | '”'
            | '’'
            | '…'
            // ASCII forms.
            | ','
            | '.'
            | '?'
            | '!'
            | ';'
            | ':'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Whether no line may end with `c`.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '\u{FF08}' // （
            | '\u{FF3B}' // ［
            | '\u{FF5B}' // ｛
            | '「'
            | '『'
            | '《'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Whether a line may break at `c`, which is then dropped from the line ends.
fn is_break_space(c: char) -> bool {
    // No-break spaces exist precisely to glue their neighbours together.
    (c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')) || c == '\u{200B}'
}

/// Whether `c` breaks like a Chinese character: a line may end before or after it.
///
/// Judged by the narrow width, so that the break points do not move when the
/// ambiguous width changes: “ and … stay glued to the Latin text around them.
fn is_cjk(c: char) -> bool {
    c.width() == Some(2)
}

/// One character of a paragraph plus any zero-width characters after it: the
/// smallest piece a line can be cut into.
#[derive(Debug, Clone)]
struct Cluster {
    /// Byte offset of the cluster in the whole text.
    start: usize,
    /// Byte offset just past the cluster.
    end: usize,
    /// Columns of the paragraph before this cluster, spaces included; a line's
    /// width is a difference of two of these, so nothing is measured twice.
    x: usize,
    /// Columns of the cluster itself.
    width: usize,
    space: bool,
    cjk: bool,
    opening: bool,
    closing: bool,
    /// When a line may break before this cluster: the cluster index at which
    /// the line before it then ends (before any spaces in between).
    brk: Option<usize>,
    /// Where the unbreakable unit holding this cluster ends: the line end of
    /// the next permitted break after it (or the paragraph's last character).
    unit_end: usize,
    /// The Latin word (run of non-space, non-CJK clusters) holding this
    /// cluster, as a cluster range; `index..index + 1` outside words.
    word_start: usize,
    /// See `word_start`.
    word_end: usize,
}

/// Splits one paragraph (no newlines) into clusters and marks where lines may break.
fn build_clusters(text: &str, seg: Range<usize>, amb: Ambiguous, out: &mut Vec<Cluster>) {
    out.clear();
    let mut x = 0;
    // The last non-space cluster, whose punctuation decides whether a break
    // in the spaces after it is allowed.
    let mut prev: Option<usize> = None;
    for (offset, c) in text[seg.clone()].char_indices() {
        let start = seg.start + offset;
        let end = start + c.len_utf8();
        let width = char_width(c, amb);
        let space = is_break_space(c);
        if width == 0 && !space {
            // Combining marks and joiners belong to the character before them.
            if let Some(last) = out.last_mut()
                && !last.space
            {
                last.end = end;
                continue;
            }
        }
        let (cjk, opening, closing) = (is_cjk(c), is_opening(c), is_closing(c));
        let index = out.len();
        let mut brk = None;
        if !space && let Some(k) = prev {
            let before = &out[k];
            let allowed = if k + 1 < index {
                // Spaces in between: a break there is fine unless it strands
                // punctuation.
                !closing && !before.opening
            } else {
                // Chinese text breaks anywhere, and so does a closing mark
                // before an opening one ("门”(Stargate)").
                (before.cjk || cjk || (before.closing && opening)) && !closing && !before.opening
            };
            if allowed {
                brk = Some(k + 1);
            }
        }
        out.push(Cluster {
            start,
            end,
            x,
            width,
            space,
            cjk,
            opening,
            closing,
            brk,
            unit_end: 0,
            word_start: index,
            word_end: index + 1,
        });
        x += width;
        if !space {
            prev = Some(index);
        }
    }
    // Trailing spaces are never shown, so a unit at the end stops at the last
    // character that is.
    let mut unit_end = out.iter().rposition(|c| !c.space).map_or(0, |i| i + 1);
    for cluster in out.iter_mut().rev() {
        cluster.unit_end = unit_end;
        if let Some(line_end) = cluster.brk {
            unit_end = line_end;
        }
    }
    // Words, so that a forced cut never splits one that fits on a line. A
    // permitted break inside a run ("”(") ends a word too.
    let in_word = |c: &Cluster| !c.space && !c.cjk;
    for j in 1..out.len() {
        if in_word(&out[j]) && in_word(&out[j - 1]) && out[j].brk.is_none() {
            out[j].word_start = out[j - 1].word_start;
        }
    }
    for j in (1..out.len()).rev() {
        if out[j].word_start == out[j - 1].word_start {
            out[j - 1].word_end = out[j].word_end;
        }
    }
}

/// Bytes of a paragraph measured at a time. A cluster takes about 100 bytes,
/// so measuring a 10 MB paragraph at once took a gigabyte; a window of this
/// size keeps it to a few megabytes whatever the paragraph.
const WINDOW: usize = 64 * 1024;
/// Bytes measured past a window to find where it may end.
const LOOKAHEAD: usize = 4 * 1024;

/// Wraps one paragraph `seg` of `text`, appending its lines to `out`.
fn wrap_segment(
    text: &str,
    seg: Range<usize>,
    width: usize,
    amb: Ambiguous,
    clusters: &mut Vec<Cluster>,
    out: &mut Vec<Range<usize>>,
) {
    wrap_segment_by(text, seg, width, amb, clusters, out, WINDOW);
}

/// [`wrap_segment`], measuring `window` bytes at a time.
///
/// A window ends just before a character where a line may break, and the
/// next begins at the start of a line that follows such a place: every
/// measurement a line is decided on (a unit's or a word's extent, where a
/// break is allowed) stops at those places, so the lines are the same as
/// with the whole paragraph measured at once (tested with windows of a few
/// bytes). A paragraph with no such place for a window's length (one giant
/// word) is measured whole.
fn wrap_segment_by(
    text: &str,
    mut seg: Range<usize>,
    width: usize,
    amb: Ambiguous,
    clusters: &mut Vec<Cluster>,
    out: &mut Vec<Range<usize>>,
    window: usize,
) {
    // CRLF text: the carriage return is part of the line break, not the line.
    if text[seg.clone()].ends_with('\r') {
        seg.end -= 1;
    }
    let mut start = seg.start;
    let mut window = window.max(1);
    let mut first_window = true;
    loop {
        let reach = start
            .saturating_add(window)
            .saturating_add(LOOKAHEAD.min(window));
        let end = if reach >= seg.end {
            seg.end
        } else {
            text.floor_char_boundary(reach)
        };
        build_clusters(text, start..end, amb, clusters);
        let whole = end == seg.end;
        // The window ends before the last cluster, within `window` bytes,
        // where a line may break.
        let cut = if whole {
            Some(clusters.len())
        } else {
            clusters
                .iter()
                .rposition(|c| c.brk.is_some() && c.start - start <= window)
                .filter(|&k| k > 0)
        };
        let Some(cut) = cut else {
            // No place to end the window: measure more at once.
            window = window.saturating_mul(2);
            continue;
        };
        let lines_before = out.len();
        let empty_at = first_window.then_some(seg.start);
        match wrap_clusters(&clusters[..cut], width, whole, empty_at, out) {
            None => return,
            Some(restart) if restart > 0 => {
                start = clusters[restart].start;
                first_window = false;
            }
            Some(_) => {
                // No line could be settled in this window: measure more at once.
                out.truncate(lines_before);
                window = window.saturating_mul(2);
            }
        }
    }
}

/// Wraps clusters `cl`, appending their lines to `out`. When `whole`, they are
/// the rest of the paragraph and every line is written (returns `None`);
/// otherwise lines are written up to the last line start where a break is
/// allowed, whose index is returned (0: none), to start the next window from.
/// `empty_at` is where the paragraph starts, when `cl` starts it: a paragraph
/// with nothing to show is one empty line there.
fn wrap_clusters(
    cl: &[Cluster],
    width: usize,
    whole: bool,
    empty_at: Option<usize>,
    out: &mut Vec<Range<usize>>,
) -> Option<usize> {
    let (Some(first), Some(last_shown)) = (
        cl.iter().position(|c| !c.space),
        cl.iter().rposition(|c| !c.space),
    ) else {
        if whole && let Some(at) = empty_at {
            out.push(at..at);
        }
        return if whole { None } else { Some(0) };
    };
    let content_end = last_shown + 1;
    let paragraph_width = cl[last_shown].x + cl[last_shown].width;
    // Columns before cluster `i`; past the last shown character, the width of it all.
    let col = |i: usize| {
        if i < content_end {
            cl[i].x
        } else {
            paragraph_width
        }
    };

    let mut line_start = first;
    // The last line start where a break is allowed, and the lines before it.
    let mut safe = (0, out.len());
    // The last place the current line may break: (its end, next line's start).
    let mut last_break: Option<(usize, usize)> = None;
    let mut i = first;
    while i < content_end {
        if cl[i].space {
            // Spaces never overflow a line by themselves: at a break they are dropped.
            i += 1;
            continue;
        }
        if i > line_start
            && let Some(line_end) = cl[i].brk
        {
            last_break = Some((line_end, i));
        }
        if col(i + 1) - col(line_start) <= width {
            i += 1;
            continue;
        }
        let (line_end, next_start) = if i == line_start {
            // One character wider than the whole pane: it cannot be split, so
            // it overflows on a line of its own.
            let mut next = i + 1;
            while next < content_end && cl[next].space {
                next += 1;
            }
            (i + 1, next)
        } else {
            choose_break(cl, line_start, i, last_break, width, col)
        };
        out.push(cl[line_start].start..cl[line_end - 1].end);
        line_start = next_start;
        last_break = None;
        if !whole && line_start < content_end && cl[line_start].brk.is_some() {
            safe = (line_start, out.len());
        }
        // Carried-over clusters keep their measurements; only cluster `i`, which
        // did not fit, is looked at again against the new line.
        i = i.max(line_start);
    }
    if !whole {
        // Lines after the last safe start are decided again in the next window.
        out.truncate(safe.1);
        return Some(safe.0);
    }
    if line_start < content_end {
        out.push(cl[line_start].start..cl[last_shown].end);
    }
    None
}

/// Where to end the line `line_start..=overflow` when cluster `overflow` no
/// longer fits: returns (line end, next line start), both cluster indices.
fn choose_break(
    cl: &[Cluster],
    line_start: usize,
    overflow: usize,
    last_break: Option<(usize, usize)>,
    width: usize,
    col: impl Fn(usize) -> usize,
) -> (usize, usize) {
    if let Some((line_end, next)) = last_break {
        let unit_end = cl[overflow].unit_end;
        if col(unit_end) - col(next) <= width {
            // The unit fits on a line of its own: move it down whole.
            return (line_end, next);
        }
        // It will be split anyway; splitting it here fills this line instead
        // of leaving it short.
        return split_point(cl, next, overflow, width, &col).map_or((line_end, next), |p| (p, p));
    }
    if let Some(p) = split_point(cl, line_start, overflow, width, &col) {
        return (p, p);
    }
    // Kinsoku cannot be kept without an empty line: let the punctuation start
    // the next line rather than overflow this one. If the overflow is inside
    // a word that fits a line ("……" after "而"), the whole word goes down.
    let word_start = cl[overflow].word_start;
    let next = if word_start > line_start && in_fitting_word(cl, overflow, width, &col) {
        word_start
    } else {
        overflow
    };
    let mut line_end = next;
    while cl[line_end - 1].space {
        line_end -= 1;
    }
    (line_end, next)
}

/// Whether cluster `p` continues a word (is not its first cluster) that is
/// no wider than a line, so cutting before `p` would split it needlessly.
fn in_fitting_word(cl: &[Cluster], p: usize, width: usize, col: impl Fn(usize) -> usize) -> bool {
    let cluster = &cl[p];
    cluster.word_start < p && col(cluster.word_end) - col(cluster.word_start) <= width
}

/// The last place in `(after, upto]` where a line may be cut between two
/// characters without putting closing punctuation at the start of a line or
/// opening punctuation at its end, such that what moves down fits on one line.
///
/// Going back from the overflow moves the characters before a closing mark
/// down with it. The closing marks right after it go down too, as many as fit
/// on a line, so the check covers them (`门。”` moves as one). Moving
/// characters that still would not fit only makes a second line start with
/// the mark, so the walk stops there, which also bounds it by the width.
///
/// A word that fits a line is not cut: keeping numbers and names whole matters
/// more to a reader than a comma at a line start. Places next to spaces are
/// skipped: they are break points already, and one that was not taken was
/// refused for the same reasons.
fn split_point(
    cl: &[Cluster],
    after: usize,
    upto: usize,
    width: usize,
    col: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut glue_end = upto + 1;
    if cl[upto].closing {
        // Only as many as fit one line: a longer run hangs somewhere anyway.
        while glue_end < cl.len() && cl[glue_end].closing && col(glue_end + 1) - col(upto) <= width
        {
            glue_end += 1;
        }
    }
    (after + 1..=upto)
        .rev()
        .take_while(|&p| col(glue_end) - col(p) <= width)
        .find(|&p| {
            let (before, here) = (&cl[p - 1], &cl[p]);
            !before.space
                && !here.space
                && !here.closing
                && !before.opening
                && !in_fitting_word(cl, p, width, &col)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NARROW: Ambiguous = Ambiguous::Narrow;
    const WIDE: Ambiguous = Ambiguous::Wide;

    /// The first sentence of the article, with its ASCII commas.
    const DEEPSEEK: &str = "DeepSeek 在短短两周内,狂飙突进,成为全球第二大 AI 应用,日活用户量突破 2000 万,已经是 ChatGPT 的 40%。";
    const STARGATE: &str = "2025 年 1 月 21 日,特朗普更是高调宣布“星际之门”(Stargate)计划,联合 OpenAI、软银、甲骨文,四年内砸 5000 亿美元,誓要重塑美国 AI 版图。";
    const QUESTION: &str = "有人说,这会对英伟达的显卡市场造成冲击。错,短期可能有点影响,但长期来看,反而是好事。AI 算力越来越便宜,结果只会是需求暴涨,英伟达的显卡只会卖得更火。";
    const ENGLISH: &str = "In just two weeks, DeepSeek has surged ahead to become the world's second-largest AI app, with daily active users topping 20 million (already 40% of ChatGPT's).";
    /// Full-width punctuation, written as escapes so no editor folds it to ASCII.
    const FULLWIDTH: &str = "「产业政策」是什么\u{FF1F}《经济学》说\u{FF1A}“政府挑选赢家。”然而……市场\u{FF08}而非官员\u{FF09}决定了12-18个月内20%-30%的增长\u{FF01}";

    #[test]
    fn measuring_a_window_at_a_time_gives_the_same_lines() {
        let long_word = format!("{} {} end", "x".repeat(300), "y".repeat(40));
        let spaces = format!("a{}b  c\u{3000}d", " ".repeat(200));
        let texts = [
            DEEPSEEK,
            STARGATE,
            QUESTION,
            ENGLISH,
            FULLWIDTH,
            long_word.as_str(),
            spaces.as_str(),
            "",
            "   ",
            "a",
            "“”()「」……",
        ];
        for text in texts {
            for amb in [NARROW, WIDE] {
                for width in 1..=40 {
                    let mut whole = Vec::new();
                    wrap_segment_by(
                        text,
                        0..text.len(),
                        width,
                        amb,
                        &mut Vec::new(),
                        &mut whole,
                        usize::MAX / 4,
                    );
                    assert_eq!(whole, wrap(text, width, amb), "{text:?} at width {width}");
                    for window in [1, 2, 3, 5, 8, 13, 21, 34, 55] {
                        let mut by = Vec::new();
                        wrap_segment_by(
                            text,
                            0..text.len(),
                            width,
                            amb,
                            &mut Vec::new(),
                            &mut by,
                            window,
                        );
                        assert_eq!(
                            by, whole,
                            "{text:?} at width {width}, window {window}, {amb:?}"
                        );
                    }
                }
            }
        }
    }

    fn lines(text: &str, width: usize, amb: Ambiguous) -> Vec<&str> {
        wrap(text, width, amb)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// Coverage: the ranges are ordered, disjoint, on char boundaries, and only
    /// whitespace lies outside them, so every other char is in exactly one range.
    fn check_covers(text: &str, ranges: &[Range<usize>]) {
        let mut at = 0;
        for r in ranges {
            assert!(r.start >= at && r.start <= r.end, "{ranges:?} out of order");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(
                text[at..r.start].chars().all(char::is_whitespace),
                "non-space {:?} left out before {r:?}",
                &text[at..r.start]
            );
            at = r.end;
        }
        assert!(text[at..].chars().all(char::is_whitespace));
        let wanted: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let got: String = ranges
            .iter()
            .flat_map(|r| text[r.clone()].chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(got, wanted);
    }

    /// Width: no line wider than `width`, except one lone character wider than it.
    fn check_width(text: &str, ranges: &[Range<usize>], width: usize, amb: Ambiguous) {
        for r in ranges {
            let line = &text[r.clone()];
            let lone_wide = line.chars().count() == 1 && str_width(line, amb) > width;
            assert!(
                str_width(line, amb) <= width || lone_wide,
                "{line:?} is wider than {width}"
            );
            assert!(
                !line.starts_with(char::is_whitespace) && !line.ends_with(char::is_whitespace),
                "{line:?} keeps a space at a break"
            );
        }
    }

    /// The Latin word around byte `cut` when `cut` is strictly inside one: a
    /// run of characters that are neither spaces nor CJK, which a closing
    /// mark followed by an opening one also ends.
    fn word_around(text: &str, cut: usize) -> Option<&str> {
        let in_word = |c: char| !is_break_space(c) && !is_cjk(c);
        let joined =
            |a: char, b: char| in_word(a) && in_word(b) && !(is_closing(a) && is_opening(b));
        let (before, after) = (
            text[..cut].chars().next_back()?,
            text[cut..].chars().next()?,
        );
        if !joined(before, after) {
            return None;
        }
        let mut start = cut - before.len_utf8();
        let mut prev = before;
        for c in text[..start].chars().rev() {
            if !joined(c, prev) {
                break;
            }
            start -= c.len_utf8();
            prev = c;
        }
        let mut end = cut + after.len_utf8();
        let mut prev = after;
        for c in text[end..].chars() {
            if !joined(prev, c) {
                break;
            }
            end += c.len_utf8();
            prev = c;
        }
        Some(&text[start..end])
    }

    /// Kinsoku: a line starts with closing punctuation, or the line before ends
    /// with opening punctuation, only when no cut in the line before would let
    /// the characters moved down fit on the next line with the punctuation.
    fn check_kinsoku(text: &str, ranges: &[Range<usize>], width: usize, amb: Ambiguous) {
        for pair in ranges.windows(2) {
            let (prev, cur) = (pair[0].clone(), pair[1].clone());
            if text[prev.end..cur.start].contains('\n') {
                continue;
            }
            let line = &text[cur.clone()];
            let starts_closing = line.starts_with(is_closing);
            let ends_opening = text[prev.clone()].ends_with(is_opening);
            if !starts_closing && !ends_opening {
                continue;
            }
            // What would have to move down together with the start of this line.
            let glued = if starts_closing {
                line.find(|c| !is_closing(c)).unwrap_or(line.len())
            } else {
                line.chars().next().map_or(0, char::len_utf8)
            };
            let glued_end = cur.start + glued;
            for (offset, _) in text[prev.clone()].char_indices().skip(1) {
                let cut = prev.start + offset;
                let head = text[prev.start..cut].trim_end();
                let tail = text[cut..glued_end].trim_start();
                // Keeping words whole comes first: a word that fits is never cut.
                let keeps_word = word_around(text, cut).is_none_or(|w| str_width(w, amb) > width);
                let acceptable = !head.is_empty()
                    && !head.ends_with(is_opening)
                    && !tail.starts_with(is_closing)
                    && keeps_word;
                assert!(
                    !acceptable || str_width(tail, amb) > width,
                    "width {width}: {:?} / {line:?} could break before {tail:?}",
                    &text[prev.clone()]
                );
            }
        }
    }

    /// Words: a break between two characters of a Latin word (a run of
    /// characters that are neither spaces nor CJK) means the word is wider
    /// than a line.
    fn check_words(text: &str, ranges: &[Range<usize>], width: usize, amb: Ambiguous) {
        for pair in ranges.windows(2) {
            let (prev, cur) = (pair[0].clone(), pair[1].clone());
            if prev.end != cur.start {
                continue;
            }
            if let Some(word) = word_around(text, cur.start) {
                assert!(
                    str_width(word, amb) > width,
                    "width {width}: {word:?} split into {:?} / {:?}",
                    &text[prev],
                    &text[cur]
                );
            }
        }
    }

    fn check_all(text: &str, width: usize, amb: Ambiguous) -> Vec<Range<usize>> {
        let ranges = wrap(text, width, amb);
        check_covers(text, &ranges);
        check_width(text, &ranges, width, amb);
        check_kinsoku(text, &ranges, width, amb);
        check_words(text, &ranges, width, amb);
        ranges
    }

    #[test]
    fn char_width_counts_cjk_as_two_and_controls_and_combining_as_zero() {
        assert_eq!(char_width('a', NARROW), 1);
        assert_eq!(char_width('中', NARROW), 2);
        assert_eq!(char_width('\u{FF0C}', NARROW), 2);
        assert_eq!(char_width('\t', NARROW), 0);
        assert_eq!(char_width('\u{1b}', WIDE), 0);
        assert_eq!(char_width('\u{301}', NARROW), 0);
    }

    #[test]
    fn ambiguous_chars_are_one_column_narrow_and_two_wide() {
        for c in ['“', '”', '‘', '’', '…', '·'] {
            assert_eq!(char_width(c, NARROW), 1, "{c}");
            assert_eq!(char_width(c, WIDE), 2, "{c}");
        }
        assert_eq!(char_width('a', WIDE), 1);
        assert_eq!(char_width('中', WIDE), 2);
    }

    #[test]
    fn str_width_is_the_sum_of_char_widths() {
        assert_eq!(str_width("", NARROW), 0);
        assert_eq!(str_width("AI 应用", NARROW), 7);
        assert_eq!(str_width("“星际之门”", NARROW), 10);
        assert_eq!(str_width("“星际之门”", WIDE), 12);
        assert_eq!(str_width("a\r\nb", NARROW), 2);
    }

    #[test]
    fn zero_width_gives_no_lines() {
        assert!(wrap(DEEPSEEK, 0, NARROW).is_empty());
        assert!(wrap("", 0, NARROW).is_empty());
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        for width in [2, 3, 5, 8, 13] {
            for amb in [NARROW, WIDE] {
                for line in lines(STARGATE, width, amb) {
                    assert!(str_width(line, amb) <= width, "{line:?} > {width}");
                }
            }
        }
    }

    #[test]
    fn a_char_wider_than_the_width_gets_a_line_of_its_own() {
        assert_eq!(lines("中文", 1, NARROW), ["中", "文"]);
        assert_eq!(lines("a中b", 1, NARROW), ["a", "中", "b"]);
        // In a wide terminal a quote mark alone is two columns.
        assert_eq!(lines("“x”", 1, WIDE), ["“", "x", "”"]);
    }

    #[test]
    fn lines_are_filled_greedily() {
        assert_eq!(
            lines("the quick brown fox jumps over the lazy dog", 10, NARROW),
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        assert_eq!(
            lines("现象级应用名副其实", 6, NARROW),
            ["现象级", "应用名", "副其实"]
        );
        // An odd width leaves one column over: wide characters cannot use it.
        assert_eq!(
            lines("现象级应用名副其实", 7, NARROW),
            ["现象级", "应用名", "副其实"]
        );
    }

    #[test]
    fn chinese_breaks_between_any_two_cjk_characters() {
        assert_eq!(
            lines("产业政策这一理论", 4, NARROW),
            ["产业", "政策", "这一", "理论"]
        );
        // Where Chinese meets Latin text without a space, it may break too.
        assert_eq!(lines("日活2000万", 6, NARROW), ["日活", "2000万"]);
    }

    #[test]
    fn latin_words_are_kept_whole_when_they_fit() {
        assert_eq!(
            lines("周期 12-18 个月,增长 20%-30%。", 10, NARROW),
            ["周期 12-18", "个月,增长", "20%-30%。"]
        );
        assert_eq!(lines(DEEPSEEK, 10, NARROW)[0], "DeepSeek");
        for width in 1..=40 {
            for text in [DEEPSEEK, STARGATE, ENGLISH] {
                check_words(text, &wrap(text, width, NARROW), width, NARROW);
            }
        }
    }

    #[test]
    fn a_word_longer_than_the_width_is_split_by_characters() {
        assert_eq!(
            lines("supercalifragilistic", 6, NARROW),
            ["superc", "alifra", "gilist", "ic"]
        );
        // The split starts on the current line rather than leaving it short.
        assert_eq!(
            lines("see https://example.com/a/b", 10, NARROW),
            ["see https:", "//example.", "com/a/b"]
        );
    }

    #[test]
    fn spaces_at_a_break_are_dropped_from_both_line_ends() {
        assert_eq!(lines("AI   应用", 3, NARROW), ["AI", "应", "用"]);
        assert_eq!(lines("one    two", 5, NARROW), ["one", "two"]);
        // Spaces inside a line are kept and counted.
        assert_eq!(lines("a  b", 4, NARROW), ["a  b"]);
    }

    #[test]
    fn leading_spaces_of_a_paragraph_are_dropped() {
        assert_eq!(lines("  \u{3000}现象级应用", 80, NARROW), ["现象级应用"]);
        assert_eq!(lines("   ", 80, NARROW), [""]);
    }

    #[test]
    fn no_break_space_is_not_a_break_point() {
        assert_eq!(lines("1\u{A0}000 yuan", 5, NARROW), ["1\u{A0}000", "yuan"]);
        assert_eq!(lines("ab\u{200B}cd", 3, NARROW), ["ab", "cd"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // "名副其实" fills width 8 and would leave "。" to start the next
        // line; "实" goes down with it instead.
        assert_eq!(lines("名副其实。", 8, NARROW), ["名副其", "实。"]);
        assert_eq!(
            lines("现象级应用,名副其实。", 10, NARROW),
            ["现象级应", "用,名副其", "实。"]
        );
        // A full-width comma, the ASCII comma the article uses, and a percent
        // sign set apart from its number.
        assert_eq!(
            lines("日活用户量\u{FF0C}已经", 10, NARROW),
            ["日活用户", "量\u{FF0C}已经"]
        );
        assert_eq!(
            lines("日活用户量,已经", 10, NARROW),
            ["日活用户", "量,已经"]
        );
        assert_eq!(lines("达到 40 %", 7, NARROW), ["达到", "40 %"]);
        for width in 1..=40 {
            for amb in [NARROW, WIDE] {
                check_all(DEEPSEEK, width, amb);
                check_all(QUESTION, width, amb);
            }
        }
    }

    #[test]
    fn closing_punctuation_pulls_the_characters_before_it_down() {
        // "。”" together: both marks need a character before them on their line.
        assert_eq!(
            lines("宣布星际之门。”", 12, NARROW),
            ["宣布星际之", "门。”"]
        );
    }

    #[test]
    fn closing_punctuation_hangs_only_when_the_line_would_be_empty() {
        // Width 2 holds one Chinese character: moving "量" down with the comma
        // would overflow, so the comma starts a line as a last resort.
        assert_eq!(lines("量,", 2, NARROW), ["量", ","]);
        assert_eq!(lines("量\u{FF0C}", 3, NARROW), ["量", "\u{FF0C}"]);
        // "门。" fills four columns; "”" cannot take "门。" down with it.
        assert_eq!(lines("门。”", 4, WIDE), ["门。", "”"]);
        assert_eq!(lines("门。”", 5, NARROW), ["门。”"]);
        assert_eq!(lines("a门。”", 5, NARROW), ["a", "门。”"]);
        // Moving "0" down with "%。" would still overflow: only "。" hangs.
        assert_eq!(lines("40%。", 3, NARROW), ["40%", "。"]);
        // "40%。" fits nowhere whole; cutting "40%" would be worse than the hang.
        assert_eq!(lines("的 40%。", 4, NARROW), ["的", "40%", "。"]);
        // "而" can go down with the ellipsis, so nothing hangs; at width 3 it
        // cannot, and the ellipsis, one word, hangs whole rather than split.
        assert_eq!(lines("然而……市场", 5, NARROW), ["然", "而……", "市场"]);
        assert_eq!(
            lines("然而……市场", 3, NARROW),
            ["然", "而", "……", "市", "场"]
        );
        // At width 2 "0%" fits, so only "。" hangs, not "%" as well.
        assert_eq!(lines("40%。", 2, NARROW), ["4", "0%", "。"]);
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        assert_eq!(
            lines("特朗普宣布“星际之门”计划", 11, NARROW),
            ["特朗普宣布", "“星际之门”", "计划"]
        );
        // "联合（" would fill the line exactly; the bracket goes down instead.
        assert_eq!(
            lines("联合\u{FF08}软银\u{FF09}", 6, NARROW),
            ["联合", "\u{FF08}软", "银\u{FF09}"]
        );
        assert_eq!(lines("计划(app)", 5, NARROW), ["计划", "(app)"]);
        // A closing quote before an opening bracket is a break point.
        assert_eq!(
            lines("宣布“星际之门”(Stargate)计划", 12, WIDE),
            ["宣布“星际之", "门”", "(Stargate)计", "划"]
        );
        assert_eq!(lines("see (a b)", 5, NARROW), ["see", "(a b)"]);
        for width in 1..=40 {
            for amb in [NARROW, WIDE] {
                check_all(STARGATE, width, amb);
                check_all(FULLWIDTH, width, amb);
            }
        }
    }

    #[test]
    fn newline_forces_a_break_and_empty_lines_are_kept() {
        let text = "第一段\n\n第二段很长很长\n";
        let ranges = wrap(text, 8, NARROW);
        assert_eq!(ranges, [0..9, 10..10, 11..23, 23..32, 33..33]);
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["第一段", "", "第二段很", "长很长", ""]
        );
        assert_eq!(wrap("", 10, NARROW), vec![Range { start: 0, end: 0 }]);
        check_covers(text, &ranges);
    }

    #[test]
    fn crlf_line_endings_keep_the_carriage_return_out_of_the_line() {
        assert_eq!(lines("一行\r\n二行", 10, NARROW), ["一行", "二行"]);
        assert_eq!(lines("\r\n", 10, NARROW), ["", ""]);
    }

    #[test]
    fn zero_width_chars_stay_with_the_char_before_them() {
        let text = "cafe\u{301} au lait";
        assert_eq!(lines(text, 5, NARROW), ["cafe\u{301}", "au", "lait"]);
        assert_eq!(
            lines("e\u{301}e\u{301}", 1, NARROW),
            ["e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn every_non_space_char_is_in_exactly_one_range_in_order() {
        for text in [DEEPSEEK, STARGATE, ENGLISH, "  a  b\n\n c \r\n  ", "\n\n"] {
            for width in [1, 2, 7, 30] {
                check_covers(text, &wrap(text, width, NARROW));
            }
        }
    }

    #[test]
    fn deepseek_sentence_wraps_at_every_width() {
        assert_eq!(
            lines(DEEPSEEK, 17, NARROW),
            [
                "DeepSeek 在短短两",
                "周内,狂飙突进,成",
                "为全球第二大 AI",
                "应用,日活用户量突",
                "破 2000 万,已经是",
                "ChatGPT 的 40%。",
            ]
        );
        assert_eq!(
            lines(DEEPSEEK, 40, NARROW),
            [
                "DeepSeek 在短短两周内,狂飙突进,成为全球",
                "第二大 AI 应用,日活用户量突破 2000 万,已",
                "经是 ChatGPT 的 40%。",
            ]
        );
        assert_eq!(
            lines(DEEPSEEK, 80, NARROW),
            [
                "DeepSeek 在短短两周内,狂飙突进,成为全球第二大 AI 应用,日活用户量突破 2000 万,已",
                "经是 ChatGPT 的 40%。",
            ]
        );
        let at_one = lines(DEEPSEEK, 1, NARROW);
        assert_eq!(&at_one[..3], ["D", "e", "e"]);
        assert!(at_one.contains(&"在"));
        for width in [1, 2, 3, 10, 17, 40, 80] {
            for amb in [NARROW, WIDE] {
                check_all(DEEPSEEK, width, amb);
            }
        }
    }

    #[test]
    fn stargate_quotes_wrap_in_both_ambiguous_modes() {
        let narrow = lines(STARGATE, 20, NARROW);
        let wide = lines(STARGATE, 20, WIDE);
        for (lines, amb) in [(&narrow, NARROW), (&wide, WIDE)] {
            for line in lines {
                assert!(str_width(line, amb) <= 20, "{line:?}");
                assert!(!line.ends_with('“') && !line.starts_with('”'));
            }
        }
        // Wide quotes take a column each more, so the lines differ.
        assert_ne!(narrow, wide);
        assert_eq!(lines("宣布“星际之门”", 9, NARROW), ["宣布“星际", "之门”"]);
        assert_eq!(lines("宣布“星际之门”", 9, WIDE), ["宣布“星", "际之门”"]);
    }

    #[test]
    fn all_widths_from_1_to_60_keep_the_width_kinsoku_and_coverage_rules() {
        let samples = [
            DEEPSEEK,
            STARGATE,
            QUESTION,
            ENGLISH,
            FULLWIDTH,
            "“引号”‘单引号’……省略号。\u{FF01}\u{FF1F}\u{FF1B}\u{FF1A}、\u{FF05}\u{FF09}",
            "(((开)))))) a) (b ,c .d",
            "mixed 中文 and English, 中英文混排\u{FF1A}AI 应用(app)的 20\u{FF05}。\nsecond line\n\n  indented",
        ];
        for text in samples {
            for width in 1..=60 {
                for amb in [NARROW, WIDE] {
                    check_all(text, width, amb);
                }
            }
        }
    }

    #[test]
    fn a_200_kb_paragraph_wraps_within_the_width() {
        let mut text = String::new();
        while text.len() < 200_000 {
            text.push_str(DEEPSEEK);
            text.push_str(ENGLISH);
        }
        // A single unbreakable word is the case a naive wrapper re-measures most.
        let word = "x".repeat(200_000);
        for text in [text.as_str(), word.as_str()] {
            let ranges = wrap(text, 37, NARROW);
            check_width(text, &ranges, 37, NARROW);
            check_covers(text, &ranges);
        }
    }

    #[test]
    fn truncate_borrows_text_that_fits() {
        assert!(matches!(
            truncate("AI 应用", 7, NARROW),
            Cow::Borrowed("AI 应用")
        ));
        assert!(matches!(truncate("", 0, NARROW), Cow::Borrowed("")));
    }

    #[test]
    fn truncate_appends_an_ellipsis_within_the_width() {
        assert_eq!(truncate("hello world", 8, NARROW), "hello w…");
        assert_eq!(truncate("hello world", 7, NARROW), "hello…");
        assert_eq!(truncate("现象级应用", 7, NARROW), "现象级…");
        assert_eq!(truncate("现象级应用", 7, WIDE), "现象…");
        for width in 0..12 {
            for amb in [NARROW, WIDE] {
                assert!(str_width(&truncate(DEEPSEEK, width, amb), amb) <= width);
            }
        }
    }

    #[test]
    fn truncate_never_splits_a_wide_char() {
        // Six columns of room minus the ellipsis leaves five: two characters, not two and a half.
        assert_eq!(truncate("现象级应用", 6, NARROW), "现象…");
        assert_eq!(truncate("现象级应用", 1, NARROW), "…");
        assert_eq!(truncate("现象级应用", 1, WIDE), "");
        assert_eq!(truncate("现象级应用", 0, NARROW), "");
    }
}
