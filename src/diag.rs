//! Problems found in a file, reported as `file:line:column: what is wrong` with a hint.
//!
//! Every loader in stance returns these rather than stopping at the first
//! problem, so an author sees everything to fix in one run. Rendering quotes the
//! offending line with a caret under the column, measured by display width so
//! it lines up under Chinese text too.

use std::fmt;

use unicode_width::UnicodeWidthStr;

use crate::text::{sanitize, sanitize_line};

/// How bad a problem is: errors make a file unusable, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be used until this is fixed.
    Error,
    /// The file works, but something is missing or suspicious.
    Warning,
}

/// A place in a file: 1-based line and column (in characters). Zero means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: u64,
    /// 1-based column in characters, or 0 when unknown.
    pub column: u64,
}

impl Pos {
    /// A position for problems that concern the whole file.
    pub const NONE: Pos = Pos { line: 0, column: 0 };

    /// A position at `line`, `column` (both 1-based).
    pub fn new(line: u64, column: u64) -> Self {
        Pos { line, column }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the file is unusable (error) or merely incomplete (warning).
    pub severity: Severity,
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `pos`.
    pub fn error(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `pos`.
    pub fn warning(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pos,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// All the problems found in one file, with the text needed to show where they are.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The file's name as the user gave it.
    pub file: String,
    /// The file's text, if it could be read, for quoting lines.
    pub source: Option<String>,
    /// The problems, in the order of their position in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// An empty report for `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Report {
            file: file.into(),
            source: None,
            diagnostics: Vec::new(),
        }
    }

    /// Adds a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether any problem makes the file unusable.
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Puts problems in file order (stable, so problems at one place keep their order).
    pub fn sort(&mut self) {
        self.diagnostics.sort_by_key(|d| d.pos);
    }
}

/// The lines of a source, split once, so quoting many problems from a large
/// file costs one pass over it rather than one per problem.
fn nth_line<'a>(lines: &[&'a str], n: u64) -> Option<&'a str> {
    let idx = usize::try_from(n.checked_sub(1)?).ok()?;
    lines.get(idx).copied()
}

/// Longest stretch of a quoted source line shown under a problem, in columns.
const SNIPPET_WIDTH: usize = 100;

impl fmt::Display for Report {
    /// Writes every problem as `file:line:column: error: message`, the quoted line
    /// with a caret, and the hint. All file-derived text is sanitized.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = self.source_lines();
        let file = sanitize_line(&self.file);
        for d in &self.diagnostics {
            write_one(f, &file, &lines, d)?;
        }
        Ok(())
    }
}

impl Report {
    /// The source's lines, when some problem has a line to quote.
    fn source_lines(&self) -> Vec<&str> {
        if self.diagnostics.iter().any(|d| d.pos.line > 0) {
            self.source
                .as_deref()
                .map(|t| t.lines().collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    /// The report with each kind of warning said once: every error in full,
    /// a warning of a kind that occurs once in full, and a kind that repeats
    /// (5,319 nodes without a translation, say) as one line, at its first
    /// place, with how many more there are. `Display` lists them all.
    pub fn summarized(&self) -> Summarized<'_> {
        Summarized(self)
    }
}

/// A [`Report`] written with one line per repeated kind of warning; see [`Report::summarized`].
pub struct Summarized<'a>(&'a Report);

impl fmt::Display for Summarized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.0;
        let mut kinds: std::collections::HashMap<String, usize> = Default::default();
        for d in &report.diagnostics {
            if d.severity == Severity::Warning {
                *kinds.entry(kind_of(&d.message)).or_default() += 1;
            }
        }
        let lines = report.source_lines();
        let file = sanitize_line(&report.file);
        for d in &report.diagnostics {
            if d.severity == Severity::Error {
                write_one(f, &file, &lines, d)?;
                continue;
            }
            // A repeated kind is said at its first place; the entry is then
            // taken out, so its later warnings are passed over.
            match kinds.remove(&kind_of(&d.message)) {
                Some(1) => write_one(f, &file, &lines, d)?,
                Some(n) => {
                    write_position(f, &file, d.pos, "warning")?;
                    writeln!(
                        f,
                        "{} (and {} more like it; `--all` lists every one)",
                        sanitize(&d.message),
                        n - 1
                    )?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// What a warning says with its particulars taken out: the ids, names and
/// quoted words between backquotes or quotation marks, and every number. Two
/// warnings of one kind differ only in those (`node `c-1` has no `zh`
/// translation`, `node `c-2` …`).
fn kind_of(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut closing: Option<char> = None;
    let mut last_digit = false;
    for c in message.chars() {
        if let Some(close) = closing {
            if c == close {
                closing = None;
                kind.push(c);
            }
            continue;
        }
        let close = match c {
            '`' => Some('`'),
            '“' => Some('”'),
            '"' => Some('"'),
            '«' => Some('»'),
            _ => None,
        };
        if let Some(close) = close {
            closing = Some(close);
            kind.push(c);
            kind.push('…');
            last_digit = false;
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                kind.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        kind.push(c);
    }
    kind
}

/// Writes `file:line:column: label: ` for a problem at `pos`.
fn write_position(f: &mut fmt::Formatter<'_>, file: &str, pos: Pos, label: &str) -> fmt::Result {
    match pos {
        Pos { line: 0, .. } => write!(f, "{file}: {label}: "),
        Pos { line, column: 0 } => write!(f, "{file}:{line}: {label}: "),
        Pos { line, column } => write!(f, "{file}:{line}:{column}: {label}: "),
    }
}

/// Writes one problem in full: where, what, the quoted line and the hint.
fn write_one(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    lines: &[&str],
    d: &Diagnostic,
) -> fmt::Result {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    write_position(f, file, d.pos, label)?;
    writeln!(f, "{}", sanitize(&d.message))?;
    if let Some(text) = nth_line(lines, d.pos.line) {
        write_snippet(f, d.pos, text)?;
    }
    if let Some(hint) = &d.hint {
        writeln!(f, "  = hint: {}", sanitize(hint))?;
    }
    Ok(())
}

/// Writes `   12 | the line` and a caret under `pos.column`, clipping long lines
/// around the column so the caret stays on screen.
fn write_snippet(f: &mut fmt::Formatter<'_>, pos: Pos, text: &str) -> fmt::Result {
    let chars: Vec<char> = text.chars().collect();
    let col = usize::try_from(pos.column.saturating_sub(1))
        .unwrap_or(usize::MAX)
        .min(chars.len());
    // Clip to a window around the column, measured by display width, in one pass
    // each way so a megabyte-long line costs no more than reading it.
    let widths: Vec<usize> = chars
        .iter()
        .map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0))
        .collect();
    let mut start = col;
    let mut left = 0;
    while start > 0 && left + widths[start - 1] <= SNIPPET_WIDTH / 2 {
        start -= 1;
        left += widths[start];
    }
    let mut end = col;
    let mut used = left;
    while end < chars.len() && used + widths[end] <= SNIPPET_WIDTH {
        used += widths[end];
        end += 1;
    }
    let shown: String = chars[start..end].iter().collect();
    let shown = sanitize_line(&shown);
    let prefix: String = chars[start..col].iter().collect();
    let caret_at = UnicodeWidthStr::width(sanitize_line(&prefix).as_ref());
    let gutter = pos.line.to_string().len();
    let more_left = if start > 0 { "…" } else { "" };
    let more_right = if end < chars.len() { "…" } else { "" };
    writeln!(f, "{:gutter$} |", "")?;
    writeln!(f, "{} | {more_left}{shown}{more_right}", pos.line)?;
    if pos.column > 0 {
        let pad = caret_at + more_left.len().min(1);
        writeln!(f, "{:gutter$} | {:pad$}^", "", "")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(source: &str, d: Diagnostic) -> String {
        let mut r = Report::new("doc.yaml");
        r.source = Some(source.to_string());
        r.push(d);
        r.to_string()
    }

    #[test]
    fn caret_sits_under_the_column_after_chinese_text() {
        let out = report(
            "quote: 算力不够?算法来凑\n",
            Diagnostic::error(Pos::new(1, 13), "here"),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "doc.yaml:1:13: error: here");
        let text_line = lines[2];
        let caret_line = lines[3];
        let caret_col = UnicodeWidthStr::width(&caret_line[..caret_line.find('^').unwrap()]);
        // Column 13 is the character after "quote: 算力不够?" whose width is 7 + 9.
        let target = text_line.find('算').unwrap();
        let expected = UnicodeWidthStr::width(&text_line[..target]) + 9;
        assert_eq!(caret_col, expected);
    }

    #[test]
    fn a_repeated_kind_of_warning_is_one_line_and_errors_stay_whole() {
        let mut r = Report::new("doc.yaml");
        r.source = Some("a\nb\nc\nd\n".into());
        r.push(Diagnostic::warning(
            Pos::new(1, 1),
            "node `c-1` has no `zh` translation",
        ));
        r.push(Diagnostic::error(Pos::new(2, 1), "a “bad” thing").hint("fix it"));
        r.push(Diagnostic::error(Pos::new(3, 1), "a “worse” thing"));
        r.push(Diagnostic::warning(
            Pos::new(3, 1),
            "node `c-22` has no `zh` translation",
        ));
        r.push(Diagnostic::warning(Pos::new(4, 1), "no `thesis`").hint("add one"));
        let out = r.summarized().to_string();
        assert!(out.starts_with(
            "doc.yaml:1:1: warning: node `c-1` has no `zh` translation (and 1 more like it; `--all` lists every one)\n\
             doc.yaml:2:1: error: a “bad” thing\n"
        ), "{out}");
        assert!(!out.contains("c-22"), "{out}");
        assert!(out.contains("error: a “worse” thing"), "{out}");
        assert!(
            out.contains("warning: no `thesis`\n  |\n4 | d\n  | ^\n  = hint: add one\n"),
            "{out}"
        );
        assert_eq!(r.to_string().matches("has no `zh`").count(), 2);
    }

    #[test]
    fn hostile_text_in_messages_is_made_visible() {
        let out = report(
            "title: \"\u{1b}[2J\"\n",
            Diagnostic::error(Pos::new(1, 8), "bad \u{1b}[2J title").hint("fix \u{7}"),
        );
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains('\u{7}'));
        assert!(out.contains("bad ␛[2J title"));
    }

    #[test]
    fn a_very_long_line_is_clipped_around_the_column() {
        let line = "x".repeat(5000) + "Y" + &"z".repeat(5000);
        let out = report(&line, Diagnostic::error(Pos::new(1, 5001), "here"));
        for l in out.lines() {
            assert!(UnicodeWidthStr::width(l) < SNIPPET_WIDTH + 20, "{l}");
        }
        let caret_line = out.lines().nth(3).unwrap();
        let text_line = out.lines().nth(2).unwrap();
        assert_eq!(
            text_line
                .chars()
                .nth(caret_line.chars().position(|c| c == '^').unwrap()),
            Some('Y')
        );
    }
}
