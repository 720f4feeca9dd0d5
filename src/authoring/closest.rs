//! The span of the article closest to a quote that is not verbatim, and what
//! differs, so that `stance check` can say exactly which character to fix.
//!
//! This is approximate substring matching (Sellers' algorithm): the fewest
//! characters to insert, delete or replace to turn the quote into some span
//! of a paragraph, found with the edit-distance table in which the span may
//! start anywhere for free. A paragraph of `n` characters costs `m × n` table
//! cells for a quote of `m`, which is small for real paragraphs but not for a
//! hostile file, so the work is bounded three ways: quotes over
//! [`MAX_QUOTE_CHARS`] are not matched, each search spends at most the cells
//! its [`Budget`] allows and stops there (keeping the best so far), and one
//! budget can be shared across a whole document.

use unicode_width::UnicodeWidthStr;

/// Longest quote, in characters, for which a closest span is looked for.
pub const MAX_QUOTE_CHARS: usize = 1_000;

/// Table cells one document may spend on closest spans: some tens of
/// milliseconds in a release build, and enough to search a 55-paragraph
/// article for a dozen mistyped 100-character quotes that name no paragraph
/// (a quote that names its paragraph costs about a hundredth of that).
pub const DOCUMENT_BUDGET: usize = 10_000_000;

/// How many edit-distance table cells may still be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget(pub usize);

impl Budget {
    /// Takes `cells` from the budget if it has them.
    fn spend(&mut self, cells: usize) -> bool {
        match self.0.checked_sub(cells) {
            Some(left) => {
                self.0 = left;
                true
            }
            None => false,
        }
    }
}

/// The first thing that differs between a quote and its closest span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Nothing: the span is the quote, verbatim.
    None,
    /// The quote has `quote` where the article has `article`.
    Replaced {
        /// The quote's character.
        quote: char,
        /// The article's character.
        article: char,
    },
    /// The quote lacks the article's `article`.
    Missing {
        /// The character the article has here.
        article: char,
    },
    /// The quote has `quote`, which the article does not.
    Extra {
        /// The character the quote has too many.
        quote: char,
    },
}

/// The span of one candidate paragraph closest to a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    /// Which candidate it is in (an index into the candidates given).
    pub candidate: usize,
    /// Where the span starts in that paragraph, in characters.
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
    /// The span's text.
    pub span: String,
    /// The fewest characters to insert, delete or replace in the quote to get the span.
    pub edits: usize,
    /// The first of those edits, reading the quote from the start.
    pub first: Difference,
    /// Where the first difference is in the span, in characters.
    pub at: usize,
    /// The article's text just before the first difference (a few characters),
    /// so the place can be found.
    pub before: String,
}

/// Finds the span closest to `quote` in `candidates` (paragraph texts, the most
/// likely first: on equal distance the earlier candidate wins), spending at
/// most `budget` table cells. `None` when the quote is empty or too long, or
/// the budget runs out before any candidate could be searched.
pub fn closest_span(quote: &str, candidates: &[&str], budget: &mut Budget) -> Option<Closest> {
    let q: Vec<char> = quote.chars().collect();
    if q.is_empty() || q.len() > MAX_QUOTE_CHARS {
        return None;
    }
    let mut best: Option<(usize, usize, usize)> = None; // (edits, candidate, end)
    let mut texts: Vec<Vec<char>> = Vec::with_capacity(candidates.len());
    for (c, text) in candidates.iter().enumerate() {
        let p: Vec<char> = text.chars().collect();
        let cells = q.len().saturating_mul(p.len() + 1);
        if !budget.spend(cells) {
            texts.push(Vec::new());
            break;
        }
        let (edits, end) = best_end(&q, &p);
        if best.is_none_or(|(e, _, _)| edits < e) {
            best = Some((edits, c, end));
        }
        texts.push(p);
        if edits == 0 {
            break;
        }
    }
    let (edits, candidate, end) = best?;
    let p = texts.get(candidate)?;
    align(&q, p, end, edits, candidate, budget)
}

/// One row at a time: the least edits to match the quote with a span ending
/// anywhere in `p`, and the last end where that is reached.
fn best_end(q: &[char], p: &[char]) -> (usize, usize) {
    // Row 0 is all zeros: the span may start anywhere.
    let mut prev: Vec<usize> = vec![0; p.len() + 1];
    let mut cur: Vec<usize> = vec![0; p.len() + 1];
    for (i, &qc) in q.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &pc) in p.iter().enumerate() {
            let replace = prev[j] + usize::from(qc != pc);
            cur[j + 1] = replace.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    // On a tie the later end wins: of "市场说" (the quote's last character
    // extra) and "市场说了算" (a character missing), the longer span is the one
    // the author meant, and a differing last character reads better as replaced.
    let mut best = (usize::MAX, 0);
    for (j, &e) in prev.iter().enumerate() {
        if e <= best.0 {
            best = (e, j);
        }
    }
    best
}

/// Recomputes the table over the window that can hold the span ending at
/// `end`, walks back from the end to find where the span starts, and records
/// the first edit in reading order.
fn align(
    q: &[char],
    p: &[char],
    end: usize,
    edits: usize,
    candidate: usize,
    budget: &mut Budget,
) -> Option<Closest> {
    let lo = end.saturating_sub(q.len() + edits);
    let w = &p[lo..end];
    let (rows, cols) = (q.len() + 1, w.len() + 1);
    // The whole window is kept for the walk back; its size is bounded by the
    // quote's (at most (m + 1) × (2m + 1) cells), and it is paid for.
    if !budget.spend(rows.saturating_mul(cols)) {
        return None;
    }
    let mut d = vec![0u32; rows * cols];
    for i in 1..rows {
        d[i * cols] = i as u32;
        for j in 1..cols {
            let replace = d[(i - 1) * cols + j - 1] + u32::from(q[i - 1] != w[j - 1]);
            let extra = d[(i - 1) * cols + j] + 1;
            let missing = d[i * cols + j - 1] + 1;
            d[i * cols + j] = replace.min(extra).min(missing);
        }
    }
    let (mut i, mut j) = (rows - 1, cols - 1);
    // Edits found walking back; the last one found is the first in the quote.
    let mut first = Difference::None;
    let mut first_at = end;
    while i > 0 {
        let here = d[i * cols + j];
        if j > 0 && here == d[(i - 1) * cols + j - 1] + u32::from(q[i - 1] != w[j - 1]) {
            if q[i - 1] != w[j - 1] {
                first = Difference::Replaced {
                    quote: q[i - 1],
                    article: w[j - 1],
                };
                first_at = lo + j - 1;
            }
            i -= 1;
            j -= 1;
        } else if here == d[(i - 1) * cols + j] + 1 {
            first = Difference::Extra { quote: q[i - 1] };
            first_at = lo + j;
            i -= 1;
        } else if j > 0 {
            first = Difference::Missing { article: w[j - 1] };
            first_at = lo + j - 1;
            j -= 1;
        } else {
            // Unreachable with a consistent table; stop rather than loop.
            break;
        }
    }
    let start = lo + j;
    let first_at = first_at.clamp(start, end);
    let before_from = first_at.saturating_sub(6).max(start);
    Some(Closest {
        candidate,
        start,
        end,
        span: p[start..end].iter().collect(),
        edits,
        first,
        at: first_at - start,
        before: p[before_from..first_at].iter().collect(),
    })
}

/// Says what differs, for a hint: "your quote has ‘，’ (full-width) where the
/// article has ‘,’ (ASCII)", "your quote lacks ‘了’ after ‘政府说’", "your quote
/// has an extra ‘ ’ (a space) after ‘普遍’", and how many other edits there are.
pub fn describe(c: &Closest) -> String {
    let after = if c.before.is_empty() {
        String::new()
    } else {
        format!(" after ‘{}’", c.before)
    };
    let first = match c.first {
        Difference::None => return "it is there verbatim".to_string(),
        Difference::Replaced { quote, article } => {
            let (qn, an) = width_names(quote, article);
            format!(
                "your quote has {}{qn} where the article has {}{an}",
                shown(quote),
                shown(article)
            )
        }
        Difference::Missing { article } => {
            format!("your quote lacks {}{after}", shown(article))
        }
        Difference::Extra { quote } => {
            format!("your quote has an extra {}{after}", shown(quote))
        }
    };
    match c.edits {
        0 | 1 => first,
        2 => format!("{first}, and one more difference"),
        n => format!("{first}, and {} more differences", n - 1),
    }
}

/// The span for a message, cut to about 60 columns around the first difference.
pub fn shown_span(c: &Closest) -> String {
    const WIDTH: usize = 60;
    if UnicodeWidthStr::width(c.span.as_str()) <= WIDTH {
        return c.span.clone();
    }
    let chars: Vec<char> = c.span.chars().collect();
    let from = c.at.saturating_sub(WIDTH / 4);
    let to = (from + WIDTH / 2).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// A character in quotes, with spaces named (they are invisible in quotes).
fn shown(c: char) -> String {
    match c {
        ' ' => "‘ ’ (a space)".to_string(),
        '\u{3000}' => "‘\u{3000}’ (a full-width space)".to_string(),
        '\u{a0}' => "‘\u{a0}’ (a no-break space)".to_string(),
        c if c.is_whitespace() => format!("U+{:04X} (a space)", c as u32),
        c => format!("‘{c}’"),
    }
}

/// " (full-width)" and " (ASCII)" when the two are the same sign in both
/// widths, the commonest typo when copying Chinese text.
fn width_names(quote: char, article: char) -> (&'static str, &'static str) {
    let narrow = |c: char| match c as u32 {
        0xff01..=0xff5e => char::from_u32(c as u32 - 0xfee0),
        0x3000 => Some(' '),
        _ => None,
    };
    if narrow(quote) == Some(article) {
        (" (full-width)", " (ASCII)")
    } else if narrow(article) == Some(quote) {
        (" (ASCII)", " (full-width)")
    } else {
        ("", "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(quote: &str, paragraph: &str) -> Closest {
        closest_span(quote, &[paragraph], &mut Budget(DOCUMENT_BUDGET)).expect("a span")
    }

    #[test]
    fn a_replaced_character_is_found_with_its_span() {
        let c = find("政府不该插手，市场", "我认为政府不该插手,市场说了算。");
        assert_eq!(c.span, "政府不该插手,市场");
        assert_eq!(c.edits, 1);
        assert_eq!(
            c.first,
            Difference::Replaced {
                quote: '，',
                article: ','
            }
        );
        assert_eq!(c.before, "政府不该插手");
    }

    #[test]
    fn a_missing_and_an_extra_character() {
        let c = find("市场说算", "政府不该插手,市场说了算。");
        assert_eq!(c.first, Difference::Missing { article: '了' });
        assert_eq!(c.span, "市场说了算");
        let c = find("出租率普遍  20%", "目前机房出租率普遍 20%-30%");
        assert_eq!(c.first, Difference::Extra { quote: ' ' });
        assert_eq!(c.edits, 1);
    }

    #[test]
    fn the_budget_bounds_the_work() {
        let long = "字".repeat(900);
        let paragraphs: Vec<String> = (0..100).map(|_| "文".repeat(900)).collect();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let mut budget = Budget(5_000_000);
        let _ = closest_span(&long, &refs, &mut budget);
        assert!(budget.0 <= 5_000_000);
        // Nothing is searched once the budget is gone.
        assert_eq!(closest_span("x", &["x"], &mut Budget(0)), None);
        assert_eq!(
            closest_span(
                &"x".repeat(MAX_QUOTE_CHARS + 1),
                &["x"],
                &mut Budget(usize::MAX)
            ),
            None
        );
    }

    #[test]
    fn the_earlier_candidate_wins_a_tie() {
        let c = closest_span("abcx", &["abcd", "abce"], &mut Budget(1000)).unwrap();
        assert_eq!(c.candidate, 0);
    }
}
