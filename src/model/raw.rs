//! The authoring syntax as read from a file, before any checking: every field
//! optional and every value carrying its position, so that one pass can report
//! all that is missing or wrong, each at its place.

use serde::Deserialize;

use super::yaml::Spanned;

/// A string with its position.
pub(crate) type Str = Spanned<String>;

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
    #[serde(default)]
    pub nodes: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub relations: Vec<Spanned<RawRelation>>,
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
    pub basis: Option<Str>,
    pub sourced: Option<bool>,
    #[serde(default)]
    pub figures: Vec<Str>,
    pub note: Option<String>,
    /// Relations written on the node: it supports these nodes.
    #[serde(default)]
    pub supports: Vec<Str>,
    /// It rebuts these nodes.
    #[serde(default)]
    pub rebuts: Vec<Str>,
    /// It undercuts the link from each of these nodes to the one node it supports.
    #[serde(default)]
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
