//! Links in a node's text, as data: a Markdown link `[words](url)` is where it is, its words and its address.
//!
//! Kialo discussions and Argdown maps write links in claims as Markdown. The
//! text keeps them byte for byte (it is what the discussion says, and what a
//! quote must match); every view reads them through [`links`]: the reader
//! shows the words, underlined, with the address one key away; DOT labels
//! show the words; Kialo and Argdown write each link in their own syntax.
//!
//! A link is `[words](url)`: words without brackets or backslashes, not
//! empty; an address without whitespace, brackets or backslashes whose
//! parentheses balance (Wikipedia's `…/Testing_effect_(psychology)`), not
//! empty. `[1]` (a footnote marker) and `[a] (b)` are not links. Finding
//! them is one pass over the text, however many half links it holds.

use std::ops::Range;

/// One link in a text, by byte ranges of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole `[words](url)`.
    pub whole: Range<usize>,
    /// The words shown.
    pub words: Range<usize>,
    /// The address.
    pub url: Range<usize>,
}

/// The length of a link at the start of `s`, if one starts there.
pub fn link_len(s: &str) -> Option<usize> {
    link_at(s).map(|l| l.whole.end)
}

/// The link at the start of `s`, or `None`. Its scan stops at the first
/// bracket, backslash or whitespace after the words, so scanning from every
/// `[` of a text costs one pass over it.
fn link_at(s: &str) -> Option<Link> {
    let rest = s.strip_prefix('[')?;
    let words = rest.find([']', '[', '\\'])?;
    if words == 0 || !rest[words..].starts_with("](") {
        return None;
    }
    let url_start = 1 + words + 2;
    let mut depth = 0usize;
    for (i, c) in s[url_start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                return (i > 0).then(|| Link {
                    whole: 0..url_start + i + 1,
                    words: 1..1 + words,
                    url: url_start..url_start + i,
                });
            }
            ')' => depth -= 1,
            '\\' | '[' | ']' => return None,
            c if c.is_whitespace() => return None,
            _ => {}
        }
    }
    None
}

/// Every link in `text`, in order.
pub fn links(text: &str) -> Vec<Link> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find('[') {
        let start = at + i;
        match link_at(&text[start..]) {
            Some(l) => {
                at = start + l.whole.end;
                found.push(Link {
                    whole: start + l.whole.start..start + l.whole.end,
                    words: start + l.words.start..start + l.words.end,
                    url: start + l.url.start..start + l.url.end,
                });
            }
            None => at = start + 1,
        }
    }
    found
}

/// `text` as a reader sees it: each link's words only. Returns the text, the
/// ranges of the link words in it, and the bytes taken out of `text` (the
/// `[`, and the `](url)`), in order, for moving other ranges with [`moved`].
pub fn shown(text: &str) -> (String, Vec<Range<usize>>, Vec<Range<usize>>) {
    let found = links(text);
    if found.is_empty() {
        return (text.to_string(), Vec::new(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut words = Vec::with_capacity(found.len());
    let mut removed = Vec::with_capacity(found.len() * 2);
    let mut copied = 0;
    for l in &found {
        out.push_str(&text[copied..l.whole.start]);
        let start = out.len();
        out.push_str(&text[l.words.clone()]);
        words.push(start..out.len());
        removed.push(l.whole.start..l.words.start);
        removed.push(l.words.end..l.whole.end);
        copied = l.whole.end;
    }
    out.push_str(&text[copied..]);
    (out, words, removed)
}

/// Where byte `pos` of a text lands once the `removed` ranges (in order, not
/// overlapping) are taken out: a position inside a removed range moves to
/// where that range was.
pub fn moved(pos: usize, removed: &[Range<usize>]) -> usize {
    let mut gone = 0;
    for r in removed {
        if r.start >= pos {
            break;
        }
        gone += r.end.min(pos) - r.start;
    }
    pos - gone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_whole_with_their_words_and_address() {
        let s = "see [the effect](https://w.org/T_(psy)) [1] and [a](b c) [x](y)";
        let found = links(s);
        assert_eq!(found.len(), 2);
        assert_eq!(&s[found[0].words.clone()], "the effect");
        assert_eq!(&s[found[0].url.clone()], "https://w.org/T_(psy)");
        assert_eq!(&s[found[1].whole.clone()], "[x](y)");
        let s = "[burden of proof](https://en.wikipedia.org/wiki/Burden_(philosophy)) rest";
        assert_eq!(link_len(s), Some(s.len() - " rest".len()));
        for not in [
            "[a](b c)",
            "[a] (b)",
            "[](b)",
            "[a]()",
            "[a[b](c)",
            "[a](b",
            "[a](b[c](d)",
        ] {
            assert_eq!(link_len(not), None, "{not}");
        }
        assert_eq!(link_len("[a[b](c)"), None);
        assert_eq!(links("[a[b](c)").len(), 1, "the inner link is one");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking_and_shown_consistently(
            s in "[\\[\\]()a-z 见\\\\:/.]{0,80}"
        ) {
            let found = links(&s);
            for l in &found {
                proptest::prop_assert_eq!(link_len(&s[l.whole.clone()]), Some(l.whole.len()));
                proptest::prop_assert!(!s[l.words.clone()].is_empty());
            }
            let (text, words, removed) = shown(&s);
            proptest::prop_assert_eq!(words.len(), found.len());
            proptest::prop_assert_eq!(moved(s.len(), &removed), text.len());
            for (w, l) in words.iter().zip(&found) {
                proptest::prop_assert_eq!(&text[w.clone()], &s[l.words.clone()]);
            }
        }
    }

    #[test]
    fn the_shown_text_keeps_the_words_and_moves_other_ranges() {
        let s = "A [b](http://x) c [dd](y) e";
        let (text, words, removed) = shown(s);
        assert_eq!(text, "A b c dd e");
        assert_eq!(&text[words[0].clone()], "b");
        assert_eq!(&text[words[1].clone()], "dd");
        assert_eq!(moved(s.len(), &removed), text.len());
        assert_eq!(
            moved(s.find(" c").unwrap(), &removed),
            text.find(" c").unwrap()
        );
        assert_eq!(moved(0, &removed), 0);
        // Inside the address: where the address was.
        assert_eq!(
            moved(s.find("http").unwrap(), &removed),
            text.find(" c").unwrap()
        );
    }
}
