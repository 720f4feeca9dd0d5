//! The one place that knows which YAML library stance uses (serde-saphyr), and its budgets.
//!
//! serde-saphyr was chosen over serde_yaml because serde_yaml is deprecated
//! upstream and has no resource limits: one anchor aliased a few thousand
//! times can exhaust memory. serde-saphyr enforces budgets while it parses,
//! reports line and column for every error, and gives values their position
//! ([`Spanned`]) so later checks can point at the exact place too.
//! JSON documents are parsed here as well (JSON is YAML 1.2 flow syntax), so
//! both formats get the same positions in errors.

use std::cell::Cell;
use std::fmt::Write as _;

use serde::de::{DeserializeOwned, SeqAccess, Visitor};

use crate::diag::{Diagnostic, Pos};

/// A value with the position it was written at (for an alias: where it was used).
///
/// Read through [`serde_saphyr::Spanned`], which carries two full `Location`s
/// (`referenced` and `defined`, 56 bytes); stance uses one line and column, so
/// only those are kept. Every field of the raw document is wrapped in one, so
/// this more than halves the memory a large document takes while it is checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned<T> {
    pub value: T,
    line: u32,
    column: u32,
}

impl<T> Spanned<T> {
    /// `value`, placed at `at`.
    pub(crate) fn new(value: T, at: Pos) -> Self {
        Spanned {
            value,
            line: narrow(at.line),
            column: narrow(at.column),
        }
    }
}

/// Lines and columns past `u32::MAX` (a file of several gigabytes) are kept as that.
fn narrow(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        let at = Pos::new(s.referenced.line(), s.referenced.column());
        Ok(Spanned::new(s.value, at))
    }
}

/// Where a spanned value was written (for an alias: where it was used).
pub(crate) fn pos<T>(v: &Spanned<T>) -> Pos {
    Pos::new(u64::from(v.line), u64::from(v.column))
}

/// The most nodes and relations a document may hold, and how many have been read.
///
/// The size limit alone does not bound the work: 840,000 nodes of a line each
/// fit in 64 MiB and took 44 s and 893 MB to check. The counts are checked
/// while the file is parsed, so a file over them costs no more than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub max_nodes: usize,
    pub max_relations: usize,
    /// The `--max-size` that gives these limits, in MiB, for the message.
    pub max_size_mib: u64,
    nodes: usize,
    relations: usize,
}

impl Counts {
    pub(crate) fn new(max_nodes: usize, max_relations: usize, max_size_mib: u64) -> Counts {
        Counts {
            max_nodes,
            max_relations,
            max_size_mib,
            nodes: 0,
            relations: 0,
        }
    }
}

thread_local! {
    /// The limits of the parse running on this thread, if it has any.
    static COUNTS: Cell<Option<Counts>> = const { Cell::new(None) };
}

/// Runs `f` (a parse) with `counts` as the limits on nodes and relations.
pub(crate) fn with_counts<T>(counts: Counts, f: impl FnOnce() -> T) -> T {
    let before = COUNTS.with(|c| c.replace(Some(counts)));
    let out = f();
    COUNTS.with(|c| c.set(before));
    out
}

/// What a count is of.
#[derive(Clone, Copy)]
enum Counted {
    Nodes,
    Relations,
}

/// Counts one more node or relation; the message when that passes the limit.
fn count(what: Counted) -> Result<(), String> {
    COUNTS.with(|c| {
        let Some(mut counts) = c.get() else {
            return Ok(());
        };
        let (n, max, noun) = match what {
            Counted::Nodes => (&mut counts.nodes, counts.max_nodes, "nodes"),
            Counted::Relations => (&mut counts.relations, counts.max_relations, "relations"),
        };
        *n += 1;
        let over = *n > max;
        let mib = counts.max_size_mib;
        c.set(Some(counts));
        if over {
            Err(format!(
                "the document has more than {max} {noun}, the most stance reads with --max-size {mib}"
            ))
        } else {
            Ok(())
        }
    })
}

/// A list whose elements are counted against a limit as they are read.
struct CountedSeq<T> {
    what: Counted,
    marker: std::marker::PhantomData<T>,
}

impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for CountedSeq<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        loop {
            // Counted before the element is read, so that the error points at it.
            if let Err(message) = count(self.what) {
                if seq.next_element::<serde::de::IgnoredAny>()?.is_none() {
                    break;
                }
                return Err(serde::de::Error::custom(message));
            }
            match seq.next_element()? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(out)
    }
}

/// A document's `nodes`, counted against the node limit (`deserialize_with`).
pub(crate) fn counted_nodes<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    d.deserialize_seq(CountedSeq {
        what: Counted::Nodes,
        marker: std::marker::PhantomData,
    })
}

/// A list of relations (under `relations`, or `supports` and the like on a
/// node), counted against the relation limit (`deserialize_with`).
pub(crate) fn counted_relations<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    d.deserialize_seq(CountedSeq {
        what: Counted::Relations,
        marker: std::marker::PhantomData,
    })
}

/// Most aliases a content file may use. Content has little use for them; the limit
/// is what stops "billion laughs" style files long before they cost memory.
const MAX_ALIASES: usize = 1_000;
/// Most events that replaying aliases may produce in all.
const MAX_REPLAYED_EVENTS: usize = 100_000;
/// Deepest nesting of mappings and sequences (a content file needs about 6).
pub(crate) const MAX_DEPTH: usize = 64;

/// Parses `text` into `T` within budgets scaled to the text's size, so that
/// work and memory stay proportional to the file however it is written.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    // Every YAML node or event needs at least one byte of input, except those an
    // alias replays, which the alias limits bound separately.
    let scaled = text.len().saturating_add(1_000);
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_depth: MAX_DEPTH,
            max_events: scaled.max(1_000_000),
            max_nodes: scaled.max(250_000),
            max_documents: 1,
            // Text can only outgrow the file through aliases, which this stops early.
            max_total_scalar_bytes: scaled.saturating_add(1024 * 1024),
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
            max_alias_expansions_per_anchor: MAX_ALIASES,
        },
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(to_diagnostic)
}

fn to_diagnostic(e: serde_saphyr::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line(), l.column()))
        .unwrap_or(Pos::NONE);
    let rendered = e.without_snippet().render();
    let message = if rendered.starts_with("budget breached") {
        budget_message(&rendered).to_string()
    } else {
        // The library appends the position to its message; ours goes in front instead.
        let suffix = format!(" at line {}, column {}", pos.line, pos.column);
        plain_words(rendered.strip_suffix(&suffix).unwrap_or(&rendered))
    };
    let hint = hint_for(&message);
    let d = Diagnostic::error(pos, message);
    match hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// JSON text as the YAML parser can read it: a raw C1 control (U+0080 to
/// U+009F) is valid in a JSON string but not in YAML, so each is written as
/// the JSON escape for it, which both read as the same character (and which
/// stance then shows as visible text, like every control character).
pub(crate) fn json_for_yaml(text: &str) -> std::borrow::Cow<'_, str> {
    let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !text.contains(is_c1) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        if is_c1(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A JSON parser's error in stance's own words, without the library's `at line
/// L column C` (the position goes in front, as for every error).
pub(crate) fn json_error_words(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    plain_words(message)
}

/// A parser's message in stance's own words: the YAML and JSON libraries
/// speak to programmers ("set DuplicateKeyPolicy in Options", "EOF while
/// parsing a value"); readers get what is wrong in the file.
pub(crate) fn plain_words(message: &str) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest).trim();
        return format!("duplicate key `{key}`: it appears twice in the same mapping");
    }
    if let Some(rest) = m.strip_prefix("EOF while parsing ") {
        let what = match rest {
            "an object" => "an object (`{…}`)",
            "a list" => "a list (`[…]`)",
            "a string" => "a string",
            _ => "a value",
        };
        return format!("the file ends in the middle of {what}; it may be cut short");
    }
    let fixed = [
        (
            "trailing characters",
            "more text after the end of the document",
        ),
        (
            "trailing comma",
            "a comma before a closing bracket, which JSON does not allow",
        ),
        (
            "key must be a string",
            "expected a key in double quotes (JSON has no comments)",
        ),
        ("expected value", "expected a value here"),
        ("expected ident", "expected `true`, `false` or `null` here"),
        ("expected `:`", "expected `:` after the key"),
        ("expected `,` or `}`", "expected `,` or `}` after the value"),
        ("expected `,` or `]`", "expected `,` or `]` after the value"),
        (
            "invalid escape",
            "an unknown escape (a `\\` followed by a letter JSON does not know)",
        ),
        ("invalid number", "a number JSON cannot read"),
        ("number out of range", "a number too large"),
        (
            "invalid unicode code point",
            "a `\\u` escape that names no character",
        ),
        (
            "lone leading surrogate in hex escape",
            "a `\\u` escape that names half a character",
        ),
        ("unexpected end of hex escape", "a `\\u` escape cut short"),
        (
            "recursion limit exceeded",
            "the file nests more deeply than any stance document can",
        ),
        ("expected sequence start", "expected a list here"),
        (
            "expected mapping start",
            "expected a mapping (`key: value` pairs) here",
        ),
    ];
    for (library, ours) in fixed {
        if m == library {
            return ours.to_string();
        }
    }
    if m.starts_with("!!binary scalar") {
        return "a `!!binary` value where text was expected; write the text itself".to_string();
    }
    if m.starts_with("alias replay limit exceeded") || m.starts_with("alias expansion limit") {
        return budget_message("").to_string();
    }
    if m == "expected string scalar" {
        return "expected text here, not a list or a mapping".to_string();
    }
    if m.starts_with("invalid trailing content after") {
        return "more text after the closing quote of a string; put the whole value inside the quotes".to_string();
    }
    if let Some(rest) = m.strip_prefix("unexpected character: ") {
        let code = rest
            .split_once("\\u{")
            .and_then(|(_, r)| r.split_once('}'))
            .and_then(|(hex, _)| u32::from_str_radix(hex, 16).ok());
        return match code {
            Some(c) => format!(
                "unexpected character U+{c:04X}, which YAML does not allow raw; write it as `\\u{c:04X}` inside double quotes"
            ),
            None => "unexpected character, which YAML does not allow here".to_string(),
        };
    }
    if m.starts_with("control character") && m.contains("while parsing a string") {
        return "a raw control character in a string; write it as an escape such as `\\n` or `\\u0001`".to_string();
    }
    m.to_string()
}

/// Plain words for a budget the file broke (the library names them for programmers).
fn budget_message(rendered: &str) -> &'static str {
    if rendered.contains("Depth") {
        "the file nests more deeply than any stance document can"
    } else if rendered.contains("Documents") {
        "the file holds several YAML documents (separated by `---`); stance reads one"
    } else {
        "the file expands far beyond its own size when its aliases (`*name`) are filled in"
    }
}

/// A hint for the library's messages that a reader may not understand on their own.
fn hint_for(message: &str) -> Option<&'static str> {
    let m = message.to_ascii_lowercase();
    if m.contains("expands") || m.contains("alias") || m.contains("anchor") {
        Some(
            "write the repeated values out in full instead of using anchors (`&name`) and aliases (`*name`)",
        )
    } else if m.contains("depth") || m.contains("nest") || m.contains("recursion") {
        Some("the file nests deeper than any stance document needs; check its indentation")
    } else if m.contains("unknown field") {
        Some("check the spelling against the format reference in README.md")
    } else if m.contains("duplicate") {
        Some("each key may appear once in a mapping; remove or rename the repeated one")
    } else if m.contains("several yaml documents") {
        Some("keep one document per file")
    } else if m.contains("the most stance reads with --max-size") {
        Some(
            "if you trust this file, raise the limit with --max-size (each MiB allows 2,048 more nodes and 4,096 more relations)",
        )
    } else if m.starts_with("expected text here") {
        Some("this value should be text; put it in quotes if it contains `:` or `#`")
    } else {
        None
    }
}

/// A YAML double-quoted string holding exactly `s`.
///
/// Every value is double-quoted so no text can be read as YAML syntax (`: `,
/// ` #`, a leading `-`, `*`, `&`, `!`, `yes`). Escaped besides `"` and `\`:
/// line breaks, tabs and other controls, and the characters YAML does not
/// allow raw or that some readers take for line breaks.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
