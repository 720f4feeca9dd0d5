//! Authoring support: from a plain article to a document skeleton, a schema
//! for editors, the closest span to a mistyped quote, and what an encoding
//! still lacks.
//!
//! * [`scaffold`] turns a plain-text or Markdown article into authoring YAML
//!   (`stance new`) that loads at once, with warnings for what is left to do.
//! * [`content_schema`] is the JSON Schema of the format (`stance schema`), so
//!   an editor with a YAML language server checks and completes as one types.
//! * [`closest_span`] finds where a quote that is not verbatim most nearly is,
//!   so `stance check` can say which character differs.
//! * [`gaps`] lists what the encoding lacks (`stance check`'s checklist).
//!
//! Like [`crate::model`], nothing here knows of terminals.

mod closest;
mod gaps;
mod scaffold;
mod schema;

pub use closest::{
    Budget, Closest, DOCUMENT_BUDGET, Difference, MAX_QUOTE_CHARS, closest_span, describe,
    shown_span,
};
pub use gaps::{Gap, GapKind, checklist, checklist_of_at_most, gaps};
pub use scaffold::{
    Article, ArticleSection, HEADING_MAX_WIDTH, SCHEMA_FILE_NAME, document_id, guess_lang,
    scaffold, scaffold_with_schema, split_article,
};
pub use schema::{SchemaInstall, content_schema, install_schema};
