//! The authoring syntax as read from a file, before any checking: every field
//! optional and every value carrying its position, so that one pass can report
//! all that is missing or wrong, each at its place.

use serde::Deserialize;

use super::yaml::{Spanned, counted_nodes, counted_relations};

/// A string with its position.
pub(crate) type Str = Spanned<String>;

/// A list of figure values (bars, inputs, a table row…) with its position.
pub(crate) type Values = Spanned<Vec<Spanned<RawValue>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDocument {
    pub schema: Option<Str>,
    pub id: Option<Str>,
    pub title: Option<Spanned<RawText>>,
    pub lang: Option<Str>,
    #[serde(default)]
    pub source: Option<RawSource>,
    pub thesis: Option<Str>,
    #[serde(default)]
    pub sections: Vec<Spanned<RawSection>>,
    #[serde(default, deserialize_with = "counted_nodes")]
    pub nodes: Vec<Spanned<RawNode>>,
    #[serde(default, deserialize_with = "counted_relations")]
    pub relations: Vec<Spanned<RawRelation>>,
    /// Figures the document defines itself (the built-in article's are embedded).
    #[serde(default)]
    pub figures: Vec<Spanned<RawFigure>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawText {
    pub zh: Option<String>,
    pub en: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub captured: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub id: Option<Str>,
    pub title: Option<Spanned<RawText>>,
    #[serde(default)]
    pub untitled: bool,
    #[serde(default)]
    pub paragraphs: Vec<Spanned<RawParagraph>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParagraph {
    pub id: Option<Str>,
    pub zh: Option<String>,
    pub en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNode {
    pub id: Option<Str>,
    pub kind: Option<Str>,
    pub text: Option<Spanned<RawText>>,
    pub quote: Option<Str>,
    #[serde(default)]
    pub paragraphs: Vec<Str>,
    pub origin: Option<Str>,
    /// Who wrote a reader's node (`origin: reader`), as `stance graph --marks` writes it.
    pub author: Option<Str>,
    pub basis: Option<Str>,
    pub sourced: Option<bool>,
    #[serde(default)]
    pub figures: Vec<Str>,
    pub note: Option<String>,
    /// An outside fact the node leans on: what to check, and where.
    pub verify: Option<Spanned<RawText>>,
    /// Relations written on the node: it supports these nodes.
    #[serde(default, deserialize_with = "counted_relations")]
    pub supports: Vec<Str>,
    /// It rebuts these nodes.
    #[serde(default, deserialize_with = "counted_relations")]
    pub rebuts: Vec<Str>,
    /// It undercuts the link from each of these nodes to the one node it supports.
    #[serde(default, deserialize_with = "counted_relations")]
    pub undercuts: Vec<Str>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelation {
    pub from: Option<Str>,
    pub to: Option<Str>,
    pub kind: Option<Str>,
    pub link: Option<Str>,
}

/// A figure as written: one file under `assets/figures/`, or an entry of a
/// document's `figures:`. Every kind's fields are here, all optional, so that a
/// field in the wrong kind is reported where it is instead of failing the parse.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    pub id: Option<Str>,
    pub kind: Option<Str>,
    pub title: Option<Spanned<RawText>>,
    pub paragraph: Option<Str>,
    #[serde(default)]
    pub also: Vec<Str>,
    pub sourced: Option<bool>,
    pub notes: Option<Spanned<RawNotes>>,
    /// bar: the unit of every bar, and the value of a full bar.
    pub unit: Option<Str>,
    pub max: Option<Spanned<f64>>,
    pub bars: Option<Values>,
    /// change
    pub before: Option<Spanned<RawValue>>,
    pub after: Option<Spanned<RawValue>>,
    /// table
    pub columns: Option<Spanned<Vec<Spanned<RawText>>>>,
    pub rows: Option<Spanned<Vec<Values>>>,
    /// formula
    pub inputs: Option<Values>,
    pub expression: Option<Str>,
    pub result: Option<Spanned<RawValue>>,
    pub stated: Option<Spanned<RawValue>>,
    /// stat
    pub items: Option<Values>,
}

/// Notes: `{zh, en}`, or one string shown whatever the language.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawNotes {
    One(String),
    Both(RawText),
}

/// Any value in a figure — a bar, a side of a change, a table cell, a formula
/// input, result or stated value, a stat line — with every field any of them
/// takes; which fields belong where is checked when the figure is resolved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawValue {
    pub name: Option<Str>,
    pub label: Option<Spanned<RawText>>,
    pub zh: Option<Str>,
    pub en: Option<Str>,
    pub value: Option<Spanned<f64>>,
    pub low: Option<Spanned<f64>>,
    pub high: Option<Spanned<f64>>,
    pub unit: Option<Str>,
    pub qualifier: Option<Str>,
    pub round_to: Option<Spanned<f64>>,
    pub derived: Option<Spanned<bool>>,
    /// formula input: the least and most a reader may set it to.
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
}
