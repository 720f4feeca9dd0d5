//! The argument graph as AIF (the Argument Interchange Format) in the JSON layout AIFdb and OVA write.
//!
//! `{"nodes": [{nodeID, text, type}], "edges": [{edgeID, fromID, toID}], "locutions": []}`.
//! Every node becomes an I-node (information), numbered from 1 in document
//! order; ids are strings, as AIFdb writes them. Relations become scheme
//! nodes between I-nodes:
//!
//! * supports: premise I → RA (`Default Inference`) → conclusion I, one RA per support;
//! * rebuts: attacker I → CA (`Default Conflict`) → attacked I;
//! * undercuts: attacker I → CA → the RA of the support it attacks, which is
//!   how AIF says "this does not follow".
//!
//! Editorial nodes carry [`EDITORIAL_SUFFIX`](super::EDITORIAL_SUFFIX) on their
//! text. A node that leans on a fact from outside the article carries a note
//! on its text, `[⚑ verify: …]`, before any editorial suffix. A node's note
//! is the I-node's `note`, a field AIF tools pass over and stance's AIF
//! import reads back. The dialogue layer (locutions, L/YA/TA nodes) is empty:
//! stance has no record of who said what when.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{EDITORIAL_SUFFIX, text_in};
use crate::model::{Document, Lang, Origin, RelationKind};

/// The text AIFdb gives RA nodes that name no particular scheme.
pub const RA_TEXT: &str = "Default Inference";
/// The text AIFdb gives CA nodes that name no particular scheme.
pub const CA_TEXT: &str = "Default Conflict";

/// How the note for an outside fact to verify starts on a node's text; it
/// ends with `]`. stance's AIF import reads it back as the node's note.
pub const VERIFY_NOTE_START: &str = " [⚑ verify: ";

/// The note AIF carries on a node's text for an outside fact to verify.
pub fn verify_note(what: &str) -> String {
    format!("{VERIFY_NOTE_START}{}]", super::one_line(what))
}

/// The document as pretty AIF JSON ending with a newline, node texts in `lang`.
pub fn write(doc: &Document, lang: Lang) -> String {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut i_node: HashMap<&str, String> = HashMap::new();
    let mut next_id = 1usize;
    let mut fresh = || {
        let id = next_id.to_string();
        next_id += 1;
        id
    };
    for n in &doc.nodes {
        let id = fresh();
        let mut text = text_in(n, lang).to_string();
        if let Some(v) = &n.verify {
            text.push_str(&verify_note(v.get_or_other(lang)));
        }
        if n.origin == Origin::Editorial {
            text.push_str(EDITORIAL_SUFFIX);
        }
        let mut node = json!({"nodeID": id, "text": text, "type": "I"});
        if let Some(note) = n.note.as_deref().filter(|t| !t.trim().is_empty()) {
            node["note"] = Value::String(note.to_string());
        }
        nodes.push(node);
        i_node.insert(n.id.as_str(), id);
    }

    let edge = |from: &str, to: &str, edges: &mut Vec<Value>| {
        let id = (edges.len() + 1).to_string();
        edges.push(json!({"edgeID": id, "fromID": from, "toID": to}));
    };
    // Supports first, so every undercut finds the RA node of the link it attacks.
    let mut ra_of: HashMap<(&str, &str), String> = HashMap::new();
    for r in doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Supports)
    {
        let (Some(from), Some(to)) = (i_node.get(r.from.as_str()), i_node.get(r.to.as_str()))
        else {
            continue;
        };
        let ra = fresh();
        nodes.push(json!({"nodeID": ra, "text": RA_TEXT, "type": "RA"}));
        edge(from, &ra, &mut edges);
        edge(&ra, to, &mut edges);
        ra_of.insert((r.from.as_str(), r.to.as_str()), ra);
    }
    for r in &doc.relations {
        let Some(from) = i_node.get(r.from.as_str()) else {
            continue;
        };
        let target = match r.kind {
            RelationKind::Supports => continue,
            RelationKind::Rebuts => i_node.get(r.to.as_str()),
            RelationKind::Undercuts => r
                .link
                .as_deref()
                .and_then(|link| ra_of.get(&(r.to.as_str(), link))),
        };
        let Some(target) = target else {
            continue;
        };
        let ca = fresh();
        nodes.push(json!({"nodeID": ca, "text": CA_TEXT, "type": "CA"}));
        edge(from, &ca, &mut edges);
        edge(&ca, target, &mut edges);
    }

    // Written by hand rather than through a map, so that keys come in the
    // order AIFdb writes them (nodes, edges, locutions), one object per line.
    let mut out = String::from("{\n  \"nodes\": [");
    list(&mut out, &nodes);
    out.push_str("],\n  \"edges\": [");
    list(&mut out, &edges);
    out.push_str("],\n  \"locutions\": []\n}\n");
    out
}

/// Appends `items` as JSON objects, one per line, comma-separated.
fn list(out: &mut String, items: &[Value]) {
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(item).unwrap_or_default());
    }
    if !items.is_empty() {
        out.push_str("\n  ");
    }
}
