//! The one name a person reads for a node: its label (C1, E3, R19) with a few
//! words of its text. Ids stay where a program reads them (JSON) or beside the label.

use crate::model::{Document, Lang};
use crate::text::sanitize_line;
use crate::wrap::{Ambiguous, truncate};

/// How wide, in terminal columns, the words after a label may be.
const SHORT_WIDTH: usize = 32;

/// Every node's label, computed once per document.
#[derive(Debug, Clone)]
pub struct Names {
    labels: Vec<String>,
}

impl Names {
    /// The labels of `doc`'s nodes ([`Document::labels`]).
    pub fn new(doc: &Document) -> Names {
        Names {
            labels: doc.labels(),
        }
    }

    /// The label of the node `id` (`C1`), if the document has it.
    pub fn label(&self, doc: &Document, id: &str) -> Option<&str> {
        doc.node_index(id)
            .and_then(|i| self.labels.get(i))
            .map(String::as_str)
    }

    /// The label, or for a node the document does not have, its id.
    pub fn label_or_id(&self, doc: &Document, id: &str) -> String {
        self.label(doc, id)
            .map_or_else(|| sanitize_line(id).into_owned(), str::to_string)
    }

    /// `C1 “DeepSeek's success mocks…”`: the label and the start of the
    /// node's text in `lang` (measured in columns, so Chinese fits too); a
    /// node the document does not have is named by its id.
    pub fn short(&self, doc: &Document, id: &str, lang: Lang) -> String {
        match (self.label(doc, id), doc.node(id)) {
            (Some(label), Some(node)) => {
                let text = sanitize_line(node.text.get_or_other(lang));
                format!(
                    "{label} “{}”",
                    truncate(&text, SHORT_WIDTH, Ambiguous::Narrow)
                )
            }
            _ => sanitize_line(id).into_owned(),
        }
    }
}
