//! HTML that is escaped by construction: markup goes in only as `&'static str`
//! written into the program, and everything else only through [`Html::text`].

use crate::model::Bilingual;
use crate::tui::i18n::UiLang;

/// How much of the page is held before it is passed on to the output.
const CHUNK: usize = 64 * 1024;

/// A page being written. Text from files can only enter through [`Html::text`]
/// (or the helpers built on it), which escapes it for element content and for
/// quoted attribute values alike, after making controls visible.
///
/// Written to an output ([`Html::to`]), the page is passed on in pieces as it
/// is made, so a page of any size is never held whole in memory.
#[derive(Default)]
pub struct Html<'w> {
    out: String,
    sink: Option<&'w mut dyn std::io::Write>,
    error: Option<std::io::Error>,
}

impl std::fmt::Debug for Html<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Html")
            .field("held", &self.out.len())
            .field("streaming", &self.sink.is_some())
            .finish()
    }
}

impl<'w> Html<'w> {
    /// An empty page, held in memory ([`Html::finish`] hands it over).
    pub fn new() -> Html<'w> {
        Html::default()
    }

    /// An empty page written to `sink` as it is made ([`Html::close`] ends it).
    pub fn to(sink: &'w mut dyn std::io::Write) -> Html<'w> {
        Html {
            out: String::with_capacity(CHUNK + 1024),
            sink: Some(sink),
            error: None,
        }
    }

    /// What has been written (for a page held in memory).
    pub fn finish(self) -> String {
        self.out
    }

    /// Writes what is still held to the output and reports the first error
    /// writing met (a full disk, a closed pipe).
    pub fn close(mut self) -> std::io::Result<()> {
        self.pass_on();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Hands what is held to the output, if there is one; after an error
    /// nothing more is written (and nothing more is kept).
    fn pass_on(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            if self.error.is_none()
                && let Err(e) = sink.write_all(self.out.as_bytes())
            {
                self.error = Some(e);
            }
            self.out.clear();
        }
    }

    fn grew(&mut self) -> &mut Html<'w> {
        if self.out.len() >= CHUNK {
            self.pass_on();
        }
        self
    }

    /// Markup written into the program; never text from a file (the type
    /// keeps it so: only string literals live for `'static`).
    pub fn raw(&mut self, markup: &'static str) -> &mut Html<'w> {
        self.out.push_str(markup);
        self.grew()
    }

    /// Any text, escaped for element content and double- or single-quoted
    /// attribute values; controls and bidi overrides made visible first
    /// ([`crate::text::sanitize`]).
    pub fn text(&mut self, s: &str) -> &mut Html<'w> {
        escape_into(&mut self.out, &crate::text::sanitize(s));
        self.grew()
    }

    /// A number.
    pub fn num(&mut self, n: usize) -> &mut Html<'w> {
        self.out.push_str(&n.to_string());
        self
    }

    /// A number with up to two decimals, for SVG geometry.
    pub fn coord(&mut self, v: f64) -> &mut Html<'w> {
        let v = if v.is_finite() { v } else { 0.0 };
        let s = format!("{:.2}", v);
        self.out
            .push_str(s.trim_end_matches('0').trim_end_matches('.'));
        self
    }

    /// The interface word in both languages, the page's current one shown:
    /// `<span class="l-en" lang="en">…</span><span class="l-zh" lang="zh">…</span>`.
    pub fn word(&mut self, pick: impl Fn(UiLang) -> &'static str) -> &mut Html<'w> {
        self.both(pick(UiLang::En), pick(UiLang::Zh))
    }

    /// As [`Html::word`], for text made at run time.
    pub fn both(&mut self, en: &str, zh: &str) -> &mut Html<'w> {
        self.raw("<span class=\"l-en\" lang=\"en\">")
            .text(en)
            .raw("</span><span class=\"l-zh\" lang=\"zh\">")
            .text(zh)
            .raw("</span>")
    }

    /// A text from the document in both languages, shown as the interface is
    /// (each falling back on the other where one is empty).
    pub fn bilingual(&mut self, b: &Bilingual) -> &mut Html<'w> {
        use crate::model::Lang;
        self.both(b.get_or_other(Lang::En), b.get_or_other(Lang::Zh))
    }

    /// A link to a web page, or the address as plain text when it is not an
    /// `http`/`https` address (no `javascript:`, `data:` or other scheme ever
    /// becomes a link).
    pub fn link(&mut self, url: &str) -> &mut Html<'w> {
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

    /// A page written to an output arrives whole, in pieces, and the first
    /// error writing meets is reported.
    #[test]
    fn a_page_streams_to_its_output_and_reports_a_failed_write() {
        let long = "<p>".repeat(CHUNK);
        let mut held = Html::new();
        held.text(&long).raw("end");
        let mut bytes = Vec::new();
        let mut streamed = Html::to(&mut bytes);
        streamed.text(&long).raw("end");
        assert!(streamed.out.len() < CHUNK, "passed on as it grew");
        streamed.close().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), held.finish());

        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full;
        let mut h = Html::to(&mut full);
        h.text(&long);
        let e = h.close().unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
    }

    #[test]
    fn coordinates_are_short_and_never_nan() {
        let mut h = Html::new();
        h.coord(12.5).raw(" ").coord(3.0).raw(" ").coord(f64::NAN);
        assert_eq!(h.finish(), "12.5 3 0");
    }
}
