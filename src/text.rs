//! Making text from files safe to show: no escape sequences, controls or bidi overrides reach a terminal.
//!
//! Content, marks and import files are written by other people, and a terminal
//! executes the escape sequences it is sent. Every string read from a file passes
//! through [`sanitize`] when it is loaded, and everything stance prints that quotes
//! a file (error messages included) passes through it again on the way out.

use std::borrow::Cow;

/// Returns `s` with every character that could steer a terminal made visible.
///
/// * C0 controls (except newline) become their Unicode control pictures
///   (ESC → `␛`, BEL → `␇`), DEL becomes `␡`; a tab becomes a space and a
///   carriage return before a newline is dropped, so CRLF text reads normally.
/// * C1 controls (U+0080–U+009F) and the bidirectional embedding, override and
///   isolate characters (such as U+202E) are written as `<U+202E>`.
///
/// Text with nothing to change is returned borrowed, so the common case costs a scan.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_change) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if needs_change(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], for text that must stay on one line (ids, titles, labels):
/// newlines are shown as `␤` as well.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    let clean = sanitize(s);
    if clean.contains('\n') {
        Cow::Owned(clean.replace('\n', "\u{2424}"))
    } else {
        clean
    }
}

/// Sanitizes a string in place, allocating only when something changes.
pub fn sanitize_in_place(s: &mut String) {
    if let Cow::Owned(clean) = sanitize(s) {
        *s = clean;
    }
}

fn needs_change(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n')
        || (0x7f..=0x9f).contains(&u)
        || matches!(u, 0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069)
}

/// Text on one line: its lines trimmed and joined with spaces (paragraphs and
/// notes are printed one per line, so they can be grepped and listed).
pub fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` as Markdown text that shows exactly these characters: controls made
/// visible, newlines turned to spaces, and every character Markdown or HTML
/// would act on (`*`, `_`, `[`, `<`, `&`, `|`, a backtick; a leading `#`,
/// `>`, `-`, `+` or `1.`) escaped with a backslash, so no link, tag, code
/// fence, table cell or heading can come from a file.
pub fn md_text(s: &str) -> String {
    let clean = sanitize_line(s).replace('\u{2424}', " ");
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // What a line may start with to become a list, a heading underline or a rule.
    let trimmed = out.trim_start();
    let lead = out.len() - trimmed.len();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if trimmed.starts_with(['-', '+', '=', '#', '>']) {
        out.insert(lead, '\\');
    } else if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        out.insert(lead + digits, '\\');
    }
    out
}

/// `s` as a Markdown code span (`` `c-thesis` ``), with as many backticks
/// around it as it needs to hold any inside, on one line, controls made visible.
pub fn md_code(s: &str) -> String {
    let clean = sanitize_line(s);
    let fence = "`".repeat(longest_run(&clean, '`') + 1);
    let pad = if clean.starts_with('`') || clean.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

/// A code fence for a block holding `s`: at least three backticks, and more
/// than any run of backticks inside, so the block cannot be closed early.
pub fn md_fence(s: &str) -> String {
    "`".repeat((longest_run(s, '`') + 1).max(3))
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// `s` percent-encoded for one segment of an IRI: letters, digits and
/// `-._~` stay, every other byte of its UTF-8 becomes `%XX`.
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `s` with case folded for search: every character lowercased on its own, so
/// that folding a query and folding a text agree character by character, and
/// folding `q` then one more character extends folding `q`. ASCII, CJK
/// ideographs and CJK punctuation (most of an article in Chinese) skip
/// Unicode's case tables, which is what makes this fast.
pub fn fold_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_case_into(&mut out, s);
    out
}

/// Appends `s` with case folded as [`fold_case`] does.
pub fn fold_case_into(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if matches!(c, '\u{2000}'..='\u{206F}' | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
        {
            // Punctuation, CJK and Hangul have no case.
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let title = "a\u{1b}]0;x\u{7}b\u{1b}[2Jc";
        let clean = sanitize(title);
        assert_eq!(clean, "a␛]0;x␇b␛[2Jc");
        assert!(!clean.contains('\u{1b}') && !clean.contains('\u{7}'));
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_spelled_out() {
        assert_eq!(sanitize("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(sanitize("abc\u{202e}def"), "abc<U+202E>def");
        assert_eq!(sanitize("\u{2067}x\u{2069}"), "<U+2067>x<U+2069>");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let s = "DeepSeek,被打脸的到底是谁?\n第二行";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
    }

    #[test]
    fn crlf_reads_as_lf_and_tabs_as_spaces() {
        assert_eq!(sanitize("a\r\nb\tc\rd"), "a\nb c␍d");
    }

    #[test]
    fn one_line_text_shows_newlines() {
        assert_eq!(sanitize_line("a\nb"), "a␤b");
    }

    #[test]
    fn folding_skips_no_case_table_that_matters() {
        // The shortcuts must give what Unicode's lowercasing gives, for every character.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let slow: String = c.to_lowercase().collect();
            assert_eq!(fold_case(&c.to_string()), slow, "U+{:04X}", c as u32);
        }
        assert_eq!(fold_case("AI 算力 ÉTÉ ΣΑΣ"), "ai 算力 été σασ");
    }

    #[test]
    fn markdown_text_carries_no_markup() {
        let hostile = "<script>x</script> [a](javascript:alert(1)) ```rust\n# h | c *b* &amp;";
        let md = md_text(hostile);
        // With every escaped pair taken out, nothing Markdown acts on is left.
        let mut bare = String::new();
        let mut chars = md.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
            } else {
                bare.push(c);
            }
        }
        for bad in ['<', '[', ']', '`', '|', '*', '&', '\n'] {
            assert!(!bare.contains(bad), "{bad} unescaped in {md}");
        }
        assert_eq!(md_text("- item"), "\\- item");
        assert_eq!(md_text("12. x"), "12\\. x");
        assert_eq!(md_text("市场说了算"), "市场说了算");
        assert_eq!(md_text("a\u{1b}]52;c;x\u{7}"), "a␛\\]52;c;x␇");
    }

    #[test]
    fn code_spans_and_fences_outlast_backticks_inside() {
        assert_eq!(md_code("c-thesis"), "`c-thesis`");
        assert_eq!(md_code("a``b"), "```a``b```");
        assert_eq!(md_code("`x"), "`` `x ``");
        assert_eq!(md_fence("plain"), "```");
        assert_eq!(md_fence("a ```` b"), "`````");
    }

    #[test]
    fn iri_segments_keep_only_unreserved_characters() {
        assert_eq!(iri_segment("c-thesis"), "c-thesis");
        assert_eq!(iri_segment("a b/c#d"), "a%20b%2Fc%23d");
        assert_eq!(iri_segment("论"), "%E8%AE%BA");
    }
}
