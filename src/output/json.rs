//! The resolved document as JSON: the same model as the YAML, every relation
//! listed under `relations`, ready to load back with `stance check`.

use crate::model::Document;

/// Pretty JSON for `doc`, ending with a newline.
pub fn to_json(doc: &Document) -> String {
    // Serializing plain structs of strings, vectors and enums cannot fail.
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}
