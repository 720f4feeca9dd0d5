//! Reading JSON with the line and column of every value, for messages that point into the file.
//!
//! serde_json knows positions only while it parses, so the file is first
//! checked by serde_json (whose syntax errors are the clearest for JSON) and
//! then read with serde-saphyr, which gives every value its position: JSON
//! is YAML 1.2 flow syntax. The one thing JSON allows that YAML's flow syntax
//! may not is a tab where a space would do; in valid JSON a raw tab can only
//! be whitespace (strings hold them escaped), so tabs become spaces first,
//! which keeps every line and column where it was.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Pos};

/// A value with the place it was read from.
pub(super) type Spanned<T> = serde_saphyr::Spanned<T>;

/// Where a spanned value was written.
pub(super) fn pos<T>(v: &Spanned<T>) -> Pos {
    Pos::new(v.referenced.line(), v.referenced.column())
}

/// A JSON scalar where either a string or a number is allowed (AIF ids are either).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum Scalar {
    /// A string.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A large whole number.
    UInt(u64),
    /// Any other number.
    Float(f64),
    /// true or false.
    Bool(bool),
}

impl Scalar {
    /// The value as text: numbers as JSON writes them.
    pub(super) fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(n) => n.to_string(),
            Scalar::UInt(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// Anything, when only some shapes of a value are understood: the rest is skipped rather than refused.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum Lenient<T> {
    /// The shape expected.
    Known(T),
    /// Something else, ignored.
    Other(serde::de::IgnoredAny),
}

impl<T> Lenient<T> {
    /// The value, if it had the expected shape.
    pub(super) fn known(&self) -> Option<&T> {
        match self {
            Lenient::Known(t) => Some(t),
            Lenient::Other(_) => None,
        }
    }
}

/// Parses JSON `text` into `T`, with positions; the error says where the file is broken.
pub(super) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    crate::model::load::check_json_syntax(text)?;
    let text = crate::model::yaml::json_for_yaml(text).replace('\t', " ");
    // Budgets grow with the file, as for content files: a big corpus map is
    // fine, and JSON has no aliases to blow it up.
    let scaled = text.len().saturating_add(1_000);
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 128,
            max_events: scaled.max(1_000_000),
            max_nodes: scaled.max(250_000),
            max_documents: 1,
            max_total_scalar_bytes: scaled.saturating_add(1024 * 1024),
        },
    };
    serde_saphyr::from_str_with_options(&text, options).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos::new(l.line(), l.column()))
            .unwrap_or(Pos::NONE);
        let rendered = e.without_snippet().render();
        let suffix = format!(" at line {}, column {}", pos.line, pos.column);
        let message =
            crate::model::yaml::plain_words(rendered.strip_suffix(&suffix).unwrap_or(&rendered));
        Diagnostic::error(pos, format!("unexpected content: {message}"))
    })
}
