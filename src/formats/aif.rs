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
use std::fmt::Write;

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
    let mut out = String::new();
    write_to(doc, lang, &mut out);
    out
}

/// Writes the document as AIF JSON to `out` as it goes: node texts are
/// written straight from the document, and only numbers are kept for the
/// edges. A failing `out` makes the rest of the writes do nothing; the caller
/// learns of it from its own writer.
pub fn write_to(doc: &Document, lang: Lang, out: &mut dyn Write) {
    // AIF ids: I-nodes 1..=n in document order, then a scheme per relation.
    let i_node: HashMap<&str, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i + 1))
        .collect();
    let mut next_id = doc.nodes.len() + 1;
    // Each scheme: (its id, RA or not, from, to).
    let mut schemes: Vec<(usize, bool, usize, usize)> = Vec::new();
    // Supports first, so every undercut finds the RA node of the link it attacks.
    let mut ra_of: HashMap<(&str, &str), usize> = HashMap::new();
    for r in doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Supports)
    {
        let (Some(&from), Some(&to)) = (i_node.get(r.from.as_str()), i_node.get(r.to.as_str()))
        else {
            continue;
        };
        schemes.push((next_id, true, from, to));
        ra_of.insert((r.from.as_str(), r.to.as_str()), next_id);
        next_id += 1;
    }
    for r in &doc.relations {
        let Some(&from) = i_node.get(r.from.as_str()) else {
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
        let Some(&target) = target else {
            continue;
        };
        schemes.push((next_id, false, from, target));
        next_id += 1;
    }

    // Written by hand rather than through a map, so that keys come in the
    // order AIFdb writes them (nodes, edges, locutions), one object per line.
    let _ = out.write_str("{\n  \"nodes\": [");
    let mut first = true;
    let mut item = |out: &mut dyn Write, value: Value| {
        let _ = out.write_str(if first { "\n    " } else { ",\n    " });
        let _ = out.write_str(&serde_json::to_string(&value).unwrap_or_default());
        first = false;
    };
    for (i, n) in doc.nodes.iter().enumerate() {
        let mut text = text_in(n, lang).to_string();
        if let Some(v) = &n.verify {
            text.push_str(&verify_note(v.get_or_other(lang)));
        }
        if n.origin == Origin::Editorial {
            text.push_str(EDITORIAL_SUFFIX);
        }
        if let Some(suffix) = super::reader_suffix(n) {
            text.push_str(&suffix);
        }
        let mut node = json!({"nodeID": (i + 1).to_string(), "text": text, "type": "I"});
        if let Some(note) = n.note.as_deref().filter(|t| !t.trim().is_empty()) {
            node["note"] = Value::String(note.to_string());
        }
        item(out, node);
    }
    for &(id, ra, _, _) in &schemes {
        let (text, kind) = if ra { (RA_TEXT, "RA") } else { (CA_TEXT, "CA") };
        item(
            out,
            json!({"nodeID": id.to_string(), "text": text, "type": kind}),
        );
    }
    if !first {
        let _ = out.write_str("\n  ");
    }
    let _ = out.write_str("],\n  \"edges\": [");
    let mut edge_id = 0usize;
    for &(id, _, from, to) in &schemes {
        for (a, b) in [(from, id), (id, to)] {
            edge_id += 1;
            let _ = out.write_str(if edge_id == 1 { "\n    " } else { ",\n    " });
            let edge = json!({"edgeID": edge_id.to_string(), "fromID": a.to_string(), "toID": b.to_string()});
            let _ = out.write_str(&serde_json::to_string(&edge).unwrap_or_default());
        }
    }
    if edge_id > 0 {
        let _ = out.write_str("\n  ");
    }
    let _ = out.write_str("],\n  \"locutions\": []\n}\n");
}
