//! HTML that is escaped by construction: markup goes in only as `&'static str`
//! written into the program, and everything else only through [`Html::text`].

use crate::model::Bilingual;
use crate::tui::i18n::UiLang;

/// A page being written. Text from files can only enter through [`Html::text`]
/// (or the helpers built on it), which escapes it for element content and for
/// quoted attribute values alike, after making controls visible.
#[derive(Debug, Default)]
pub struct Html {
    out: String,
}

impl Html {
    /// An empty page.
    pub fn new() -> Html {
        Html::default()
    }

    /// What has been written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Markup written into the program; never text from a file (the type
    /// keeps it so: only string literals live for `'static`).
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.out.push_str(markup);
        self
    }

    /// Any text, escaped for element content and double- or single-quoted
    /// attribute values; controls and bidi overrides made visible first
    /// ([`crate::text::sanitize`]).
    pub fn text(&mut self, s: &str) -> &mut Html {
        escape_into(&mut self.out, &crate::text::sanitize(s));
        self
    }

    /// A number.
    pub fn num(&mut self, n: usize) -> &mut Html {
        self.out.push_str(&n.to_string());
        self
    }

    /// A number with up to two decimals, for SVG geometry.
    pub fn coord(&mut self, v: f64) -> &mut Html {
        let v = if v.is_finite() { v } else { 0.0 };
        let s = format!("{:.2}", v);
        self.out
            .push_str(s.trim_end_matches('0').trim_end_matches('.'));
        self
    }

    /// The interface word in both languages, the page's current one shown:
    /// `<span class="l-en" lang="en">…</span><span class="l-zh" lang="zh">…</span>`.
    pub fn word(&mut self, pick: impl Fn(UiLang) -> &'static str) -> &mut Html {
        self.both(pick(UiLang::En), pick(UiLang::Zh))
    }

    /// As [`Html::word`], for text made at run time.
    pub fn both(&mut self, en: &str, zh: &str) -> &mut Html {
        self.raw("<span class=\"l-en\" lang=\"en\">")
            .text(en)
            .raw("</span><span class=\"l-zh\" lang=\"zh\">")
            .text(zh)
            .raw("</span>")
    }

    /// A text from the document in both languages, shown as the interface is
    /// (each falling back on the other where one is empty).
    pub fn bilingual(&mut self, b: &Bilingual) -> &mut Html {
        use crate::model::Lang;
        self.both(b.get_or_other(Lang::En), b.get_or_other(Lang::Zh))
    }

    /// A link to a web page, or the address as plain text when it is not an
    /// `http`/`https` address (no `javascript:`, `data:` or other scheme ever
    /// becomes a link).
    pub fn link(&mut self, url: &str) -> &mut Html {
        match web_address(url) {
            Some(u) => self
                .raw("<a rel=\"noopener noreferrer\" href=\"")
                .text(u)
                .raw("\">")
                .text(u)
                .raw("</a>"),
            None => self.text(url),
        }
    }
}

/// `url` when it is an absolute `http:` or `https:` address with nothing in
/// it that could end or bend the attribute (spaces, quotes, controls).
pub fn web_address(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !u.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
    });
    (scheme_ok && clean && u.len() > 8).then_some(u)
}

/// Appends `s` escaped: the five characters HTML gives meaning to.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // HTML forbids NUL outright; `sanitize` shows it, this is a last guard.
            '\0' => out.push('\u{2400}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_a_tag_or_leave_an_attribute() {
        let mut h = Html::new();
        h.text("<script>alert('x')</script> \"a\" & \u{1b}[31m");
        assert_eq!(
            h.finish(),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;a&quot; &amp; ␛[31m"
        );
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_address(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(
            web_address("HTTP://example.org"),
            Some("HTTP://example.org")
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<b>",
            "https://x.org/\" onmouseover=\"a",
            "//example.org",
            "https://",
            "file:///etc/passwd",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
        let mut h = Html::new();
        h.link("javascript:alert(1)");
        assert_eq!(h.finish(), "javascript:alert(1)");
    }

    #[test]
    fn coordinates_are_short_and_never_nan() {
        let mut h = Html::new();
        h.coord(12.5).raw(" ").coord(3.0).raw(" ").coord(f64::NAN);
        assert_eq!(h.finish(), "12.5 3 0");
    }
}
