//! AIF JSON maps, as AIFdb, OVA and the AIF corpora write them.
//!
//! `{"nodes": [{nodeID, text, type}], "edges": [{fromID, toID}], ...}`, at the
//! top level or under `"AIF"` (OVA's layout); ids are strings or numbers.
//!
//! * I-nodes (information) become nodes: `c-<nodeID>`, or `r-<nodeID>` for
//!   those that attack something and support nothing (rebuttals); the rest
//!   are claims.
//! * RA (inference): each premise (an I-node with an edge into it) supports
//!   each conclusion (an I-node it has an edge to).
//! * CA (conflict): each attacker rebuts each attacked I-node; a CA aimed at
//!   an RA is an undercut of that inference: it attacks the link from each of
//!   the RA's premises to its conclusion.
//! * CA aimed at another CA (an attack on an attack, 11% of the links in the
//!   microtexts corpus): stance has no relation for it, so each attacker is
//!   kept as a rebuttal of the attacked conflict's attackers, with a warning
//!   and a note on the attacker saying what it really attacks.
//! * Sections: one per tree of the map, so a reader can start from any root
//!   (a statement that answers nothing): the tree of the root with the most
//!   statements answering it first, as the thesis (AIF names none; its
//!   section's title and the document's notes say how it was chosen), then
//!   the others, largest first; statements in no tree share a last section.
//! * MA (rephrase): both statements are kept, and each gets a note naming the
//!   other by its first words.
//! * An I-node's `note` (a field stance's export adds) is the node's note.
//! * A scheme joins every one of its sources to every one of its targets, so
//!   one with many on both sides would make their product of relations (a few
//!   thousand edges, millions of relations). The import keeps the relations it
//!   makes within a budget proportional to the file ([`budget`]); a scheme
//!   that would overrun it is skipped with a warning saying how many relations
//!   it would have made, so the work stays linear in the file.
//! * The dialogue layer (L, YA, TA nodes, `locutions`) is skipped; PA
//!   (preference) nodes are skipped with a warning, since stance has no
//!   preferences; so are nodes of other types.
//!
//! Errors: not JSON, no `nodes`, a node without `nodeID`, the same id twice.
//! Warnings (the rest is imported): an edge to a node that is not there, an
//! I-node without text, an RA or CA missing one of its ends, a map with no
//! statement at all (the document is empty).

use std::collections::HashMap;

use serde::Deserialize;

use super::json::{Lenient, Scalar, Spanned, parse, pos};
use super::{Draft, DraftSection, label};
use crate::diag::{Diagnostic, Pos, Report};
use crate::formats::EDITORIAL_SUFFIX;
use crate::formats::aif::VERIFY_NOTE_START;
use crate::model::{NodeKind, RelationKind};

#[derive(Deserialize)]
struct File {
    nodes: Option<Spanned<Vec<Spanned<RawNode>>>>,
    #[serde(default)]
    edges: Vec<Spanned<RawEdge>>,
    #[serde(rename = "AIF")]
    aif: Option<Spanned<Body>>,
}

#[derive(Deserialize)]
struct Body {
    nodes: Option<Spanned<Vec<Spanned<RawNode>>>>,
    #[serde(default)]
    edges: Vec<Spanned<RawEdge>>,
}

#[derive(Deserialize)]
struct RawNode {
    #[serde(rename = "nodeID")]
    node_id: Option<Spanned<Scalar>>,
    text: Option<Lenient<Scalar>>,
    #[serde(rename = "type")]
    kind: Option<Lenient<String>>,
    /// A remark on the statement (stance's AIF export writes the node's note here).
    note: Option<Lenient<String>>,
}

#[derive(Deserialize)]
struct RawEdge {
    #[serde(rename = "fromID")]
    from: Option<Scalar>,
    #[serde(rename = "toID")]
    to: Option<Scalar>,
}

/// Widest name, in columns, of a statement named in another's rephrase note.
const REPHRASE_LABEL_WIDTH: usize = 40;

/// What an AIF node is, for the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    I,
    Ra,
    Ca,
    Ma,
    /// Dialogue: skipped without a word.
    Dialogue,
    /// Skipped with a warning.
    Other,
}

struct Node {
    id: String,
    kind: Type,
    text: String,
    note: Option<String>,
    at: Pos,
}

/// How many relations an import may make from a file with `nodes` nodes and
/// `edges` edges: ordinary maps make about one per edge, so this only stops
/// schemes that multiply their sources by their targets.
fn budget(nodes: usize, edges: usize) -> usize {
    8usize
        .saturating_mul(nodes.saturating_add(edges))
        .saturating_add(10_000)
}

/// Spends `wanted` relations of `left`, or says why a scheme cannot have them.
fn spend(left: &mut usize, wanted: usize, node: &Node, what: &str, report: &mut Report) -> bool {
    if wanted <= *left {
        *left -= wanted;
        return true;
    }
    report.push(
        Diagnostic::warning(
            node.at,
            format!(
                "`{}` ({what}) would make {wanted} relations, one for each of its sources with each of its targets; skipped",
                node.id
            ),
        )
        .hint("stance keeps an import's relations in proportion to the file; split the scheme into smaller ones in the source"),
    );
    false
}

/// Reads an AIF map into `draft`, reporting problems to `report`.
pub(super) fn read(text: &str, draft: &mut Draft, report: &mut Report) {
    let file: File = match parse(text) {
        Ok(f) => f,
        Err(d) => {
            report.push(d);
            return;
        }
    };
    let (nodes, edges) = match (file.nodes, file.aif) {
        (Some(n), _) => (n, file.edges),
        (None, Some(body)) => match body.value.nodes {
            Some(n) => (n, body.value.edges),
            None => {
                report.push(Diagnostic::error(pos(&body), "`AIF` has no `nodes` list"));
                return;
            }
        },
        (None, None) => {
            report.push(
                Diagnostic::error(Pos::new(1, 1), "no `nodes` list: this is not an AIF map")
                    .hint("AIF JSON has `nodes`, `edges` and `locutions` at the top"),
            );
            return;
        }
    };

    let nodes_at = pos(&nodes);
    let mut list: Vec<Node> = Vec::with_capacity(nodes.value.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for n in &nodes.value {
        let at = pos(n);
        let Some(id) = &n.value.node_id else {
            report.push(Diagnostic::error(at, "a node without `nodeID`"));
            continue;
        };
        let id_text = id.value.text();
        if let Some(&first) = index.get(&id_text) {
            report.push(Diagnostic::error(
                pos(id),
                format!(
                    "two nodes have the id `{id_text}` (the first at line {})",
                    list[first].at.line
                ),
            ));
            continue;
        }
        let type_name = n
            .value
            .kind
            .as_ref()
            .and_then(Lenient::known)
            .map(String::as_str)
            .unwrap_or_default();
        let kind = match type_name {
            "I" => Type::I,
            "RA" => Type::Ra,
            "CA" => Type::Ca,
            "MA" => Type::Ma,
            "L" | "YA" | "TA" => Type::Dialogue,
            "PA" => {
                report.push(Diagnostic::warning(
                    at,
                    format!("preference node `{id_text}` (PA) skipped: stance has no preferences between arguments"),
                ));
                Type::Other
            }
            other => {
                report.push(Diagnostic::warning(
                    at,
                    format!("node `{id_text}` has the unknown type `{other}`; skipped"),
                ));
                Type::Other
            }
        };
        let text = n
            .value
            .text
            .as_ref()
            .and_then(Lenient::known)
            .map(Scalar::text)
            .unwrap_or_default();
        let note = n
            .value
            .note
            .as_ref()
            .and_then(Lenient::known)
            .filter(|t| !t.trim().is_empty())
            .cloned();
        index.insert(id_text.clone(), list.len());
        list.push(Node {
            id: id_text,
            kind,
            text,
            note,
            at,
        });
    }

    // Edges, each end checked.
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    for e in &edges {
        let end = |s: &Option<Scalar>| s.as_ref().map(Scalar::text);
        let (Some(from), Some(to)) = (end(&e.value.from), end(&e.value.to)) else {
            report.push(Diagnostic::warning(
                pos(e),
                "an edge without `fromID` or `toID`; skipped",
            ));
            continue;
        };
        match (index.get(&from), index.get(&to)) {
            (Some(&f), Some(&t)) => {
                outs[f].push(t);
                ins[t].push(f);
            }
            (f, _) => {
                let missing = if f.is_none() { from } else { to };
                report.push(Diagnostic::warning(
                    pos(e),
                    format!("an edge to or from `{missing}`, and no node has that id; skipped"),
                ));
            }
        }
    }
    if report.has_errors() {
        return;
    }

    // I-nodes without text cannot be shown; everything through them is dropped.
    let mut usable = vec![false; list.len()];
    for (i, n) in list.iter().enumerate() {
        if n.kind == Type::I {
            if n.text.trim().is_empty() {
                report.push(Diagnostic::warning(
                    n.at,
                    format!("I-node `{}` has no text; skipped", n.id),
                ));
            } else {
                usable[i] = true;
            }
        }
    }
    let is_i = |i: usize| usable[i];

    // Relations between I-nodes (by position in `list`), inferences first so
    // conflicts aimed at them find their links.
    struct Rel {
        from: usize,
        to: usize,
        kind: RelationKind,
        link: Option<usize>,
        at: Pos,
    }
    let mut rels: Vec<Rel> = Vec::new();
    let mut left = budget(list.len(), edges.len());
    let mut inference_links: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (s, n) in list.iter().enumerate().filter(|(_, n)| n.kind == Type::Ra) {
        let premises: Vec<usize> = ins[s].iter().copied().filter(|&i| is_i(i)).collect();
        let conclusions: Vec<usize> = outs[s].iter().copied().filter(|&i| is_i(i)).collect();
        if premises.is_empty() || conclusions.is_empty() {
            report.push(Diagnostic::warning(
                n.at,
                format!(
                    "inference `{}` (RA) has no {}; skipped",
                    n.id,
                    if premises.is_empty() {
                        "premise"
                    } else {
                        "conclusion"
                    }
                ),
            ));
            continue;
        }
        // Arrows from an inference to another scheme (support for an inference
        // or a conflict) are structures stance cannot hold; types already
        // warned about or dialogue are passed over quietly.
        if outs[s]
            .iter()
            .any(|&t| matches!(list[t].kind, Type::Ra | Type::Ca | Type::Ma))
        {
            report.push(Diagnostic::warning(
                n.at,
                format!(
                    "inference `{}` (RA) also points at something other than a statement; that part is skipped",
                    n.id
                ),
            ));
        }
        if !spend(
            &mut left,
            premises.len().saturating_mul(conclusions.len()),
            n,
            "RA",
            report,
        ) {
            continue;
        }
        let mut links = Vec::new();
        for &p in &premises {
            for &c in &conclusions {
                rels.push(Rel {
                    from: p,
                    to: c,
                    kind: RelationKind::Supports,
                    link: None,
                    at: n.at,
                });
                links.push((p, c));
            }
        }
        inference_links.insert(s, links);
    }
    let mut rephrases: Vec<(usize, usize)> = Vec::new();
    // (attacker, attacker of the attacked conflict, what that conflict attacks).
    let mut attacks_on_attacks: Vec<(usize, usize, Option<usize>)> = Vec::new();
    // For a conflict attacked by another: its attackers, each with the
    // statement it attacks (or the conclusion of the inference it attacks).
    let conflict_on_conflict = |t: usize| -> Option<Vec<(usize, Option<usize>)>> {
        if list[t].kind != Type::Ca {
            return None;
        }
        let target = outs[t].iter().find_map(|&x| {
            if is_i(x) {
                Some(x)
            } else if list[x].kind == Type::Ra {
                outs[x].iter().copied().find(|&c| is_i(c))
            } else {
                None
            }
        });
        let attackers: Vec<(usize, Option<usize>)> = ins[t]
            .iter()
            .copied()
            .filter(|&i| is_i(i))
            .map(|i| (i, target))
            .collect();
        (!attackers.is_empty()).then_some(attackers)
    };
    for (s, n) in list.iter().enumerate() {
        match n.kind {
            Type::Ca => {
                let attackers: Vec<usize> = ins[s].iter().copied().filter(|&i| is_i(i)).collect();
                if attackers.is_empty() || outs[s].is_empty() {
                    report.push(Diagnostic::warning(
                        n.at,
                        format!(
                            "conflict `{}` (CA) has no {}; skipped",
                            n.id,
                            if attackers.is_empty() {
                                "attacker"
                            } else {
                                "target"
                            }
                        ),
                    ));
                    continue;
                }
                for &t in &outs[s] {
                    let wanted = if is_i(t) {
                        attackers.len()
                    } else {
                        inference_links
                            .get(&t)
                            .map_or(0, |links| links.len().saturating_mul(attackers.len()))
                    };
                    if !spend(&mut left, wanted, n, "CA", report) {
                        break;
                    }
                    if is_i(t) {
                        for &a in &attackers {
                            rels.push(Rel {
                                from: a,
                                to: t,
                                kind: RelationKind::Rebuts,
                                link: None,
                                at: n.at,
                            });
                        }
                    } else if let Some(links) = inference_links.get(&t) {
                        for &a in &attackers {
                            for &(p, c) in links {
                                rels.push(Rel {
                                    from: a,
                                    to: p,
                                    kind: RelationKind::Undercuts,
                                    link: Some(c),
                                    at: n.at,
                                });
                            }
                        }
                    } else if let Some(attacked) = conflict_on_conflict(t) {
                        // An attack on an attack: stance has no relation for
                        // it, so each attacker is kept as a rebuttal of the
                        // attacked conflict's attackers, with a note saying
                        // what it really attacks.
                        report.push(Diagnostic::warning(
                            n.at,
                            format!(
                                "conflict `{}` (CA) attacks conflict `{}`, an attack on an attack, which stance cannot hold; its attackers are kept as rebuttals of that conflict's attackers, each with a note",
                                n.id, list[t].id
                            ),
                        ));
                        for &a in &attackers {
                            for &(b, target) in &attacked {
                                rels.push(Rel {
                                    from: a,
                                    to: b,
                                    kind: RelationKind::Rebuts,
                                    link: None,
                                    at: n.at,
                                });
                                attacks_on_attacks.push((a, b, target));
                            }
                        }
                    } else {
                        report.push(Diagnostic::warning(
                            n.at,
                            format!(
                                "conflict `{}` (CA) attacks `{}`, which is neither a statement nor an inference stance keeps; that attack is skipped",
                                n.id, list[t].id
                            ),
                        ));
                    }
                }
            }
            Type::Ma => {
                let sources = ins[s].iter().filter(|&&i| is_i(i)).count();
                let targets = outs[s].iter().filter(|&&i| is_i(i)).count();
                if !spend(&mut left, sources.saturating_mul(targets), n, "MA", report) {
                    continue;
                }
                for &a in ins[s].iter().filter(|&&i| is_i(i)) {
                    for &b in outs[s].iter().filter(|&&i| is_i(i)) {
                        rephrases.push((a, b));
                    }
                }
            }
            _ => {}
        }
    }

    // Kinds follow roles: what attacks and supports nothing is a rebuttal.
    let mut attacks = vec![false; list.len()];
    let mut supports = vec![false; list.len()];
    for r in &rels {
        match r.kind {
            RelationKind::Supports => supports[r.from] = true,
            _ => attacks[r.from] = true,
        }
    }
    let mut node_of: Vec<Option<usize>> = vec![None; list.len()];
    let mut section = DraftSection {
        title: None,
        untitled: true,
        nodes: Vec::new(),
    };
    for (i, n) in list.iter().enumerate() {
        if !usable[i] {
            continue;
        }
        let kind = if attacks[i] && !supports[i] {
            NodeKind::Rebuttal
        } else {
            NodeKind::Claim
        };
        let prefix = if kind == NodeKind::Rebuttal { "r" } else { "c" };
        let text = n.text.trim();
        let (text, editorial) = match text.strip_suffix(EDITORIAL_SUFFIX) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        // stance's export notes a node's `verify` on its text; it comes back as `verify`.
        let (text, verify) = match text.rfind(VERIFY_NOTE_START) {
            Some(at) if text.ends_with(']') => (
                &text[..at],
                Some(&text[at + VERIFY_NOTE_START.len()..text.len() - 1]),
            ),
            _ => (text, None),
        };
        let d = draft.add_node(&format!("{prefix}-{}", n.id), kind, text, editorial, n.at);
        draft.nodes[d].verify = verify.map(str::to_string);
        draft.nodes[d].notes.extend(n.note.clone());
        section.nodes.push(d);
        node_of[i] = Some(d);
    }
    if section.nodes.is_empty() {
        report.push(
            Diagnostic::warning(
                nodes_at,
                "no statements: the map has no I-node with text, so the document is empty",
            )
            .hint("check that this is the map you meant: AIF statements are nodes of type `I`"),
        );
    }
    draft.sections.push(section);
    for r in rels {
        if let (Some(from), Some(to)) = (node_of[r.from], node_of[r.to]) {
            let link = r.link.and_then(|l| node_of[l]);
            draft.relate(from, to, r.kind, link, r.at);
        }
    }
    for (a, b, target) in attacks_on_attacks {
        if let (Some(a), Some(b)) = (node_of[a], node_of[b]) {
            let name = |n: usize| label(&draft.nodes[n].text, REPHRASE_LABEL_WIDTH);
            let note = match target.and_then(|t| node_of[t]) {
                Some(t) => format!(
                    "AIF: attacks the attack of “{}” on “{}”; kept as a rebuttal of the attacker.",
                    name(b),
                    name(t)
                ),
                None => format!(
                    "AIF: attacks the attack made by “{}”; kept as a rebuttal of the attacker.",
                    name(b)
                ),
            };
            if !draft.nodes[a].notes.contains(&note) {
                draft.nodes[a].notes.push(note);
            }
        }
    }
    // Each statement is named in the other's note by its words, which stay
    // true when the map is renumbered (as any export does), unlike its id.
    for (a, b) in rephrases {
        if let (Some(a), Some(b)) = (node_of[a], node_of[b]) {
            let name = |d: &Draft, n: usize| label(&d.nodes[n].text, REPHRASE_LABEL_WIDTH);
            let (name_a, name_b) = (name(draft, a), name(draft, b));
            draft.nodes[a]
                .notes
                .push(format!("AIF: rephrased as “{name_b}”."));
            draft.nodes[b]
                .notes
                .push(format!("AIF: a rephrase of “{name_a}”."));
        }
    }
    by_root(draft);
}

/// Widest label, in columns, of a section named after its root statement.
const ROOT_LABEL_WIDTH: usize = 40;

/// Puts each tree of the map in a section of its own, so a reader can start
/// from any root: a root is a statement that answers nothing, and its tree
/// everything that answers it, directly or not. AIF names no thesis; the
/// thesis is the root with the most statements answering it (the first in
/// the file on a tie), its section first and titled to say so, and the
/// document's notes say how it was chosen. A statement in several trees is
/// in the first (the thesis's first); statements that answer nothing and
/// that nothing answers, and any caught in a loop with no root, share a last
/// section. Linear in the map: each statement is walked once.
fn by_root(draft: &mut Draft) {
    let Some(all) = draft.sections.pop() else {
        return;
    };
    let n = draft.nodes.len();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut answers = vec![false; n];
    for r in &draft.relations {
        if r.from != r.to {
            incoming[r.to].push(r.from);
            answers[r.from] = true;
        }
    }
    let roots: Vec<usize> = all.nodes.iter().copied().filter(|&i| !answers[i]).collect();
    // How many statements reach each root (stamped per root, so no clearing).
    let mut seen = vec![usize::MAX; n];
    let mut size = vec![0usize; n];
    for &root in &roots {
        let mut stack = vec![root];
        seen[root] = root;
        while let Some(x) = stack.pop() {
            for &y in &incoming[x] {
                if seen[y] != root {
                    seen[y] = root;
                    size[root] += 1;
                    stack.push(y);
                }
            }
        }
    }
    let mut order: Vec<usize> = roots.iter().copied().filter(|&r| size[r] > 0).collect();
    order.sort_by_key(|&r| std::cmp::Reverse(size[r]));
    // Each statement goes to the first tree (in that order) that reaches it.
    let mut home: Vec<Option<usize>> = vec![None; n];
    for (k, &root) in order.iter().enumerate() {
        let mut stack = vec![root];
        home[root] = Some(k);
        while let Some(x) = stack.pop() {
            for &y in &incoming[x] {
                if home[y].is_none() {
                    home[y] = Some(k);
                    stack.push(y);
                }
            }
        }
    }
    let mut sections: Vec<DraftSection> = order
        .iter()
        .map(|&root| DraftSection {
            title: Some(label(&draft.nodes[root].text, ROOT_LABEL_WIDTH)),
            untitled: true,
            nodes: Vec::new(),
        })
        .collect();
    let mut rest = DraftSection {
        title: None,
        untitled: true,
        nodes: Vec::new(),
    };
    for &i in &all.nodes {
        match home[i] {
            Some(k) => sections[k].nodes.push(i),
            None => rest.nodes.push(i),
        }
    }
    if let Some(&thesis) = order.first() {
        draft.thesis = Some(thesis);
        draft.chosen_thesis_section = Some(draft.sections.len());
        let rest_said = if rest.nodes.is_empty() {
            String::new()
        } else {
            format!(
                " Statements in no tree (answering nothing, answered by nothing), in the last section: {}.",
                rest.nodes.len()
            )
        };
        draft.notes.push(format!(
            "How the thesis was chosen: AIF names none, so stance takes the statement that answers \
             nothing and has the most statements answering it, directly or not: “{}” ({} of {} \
             statements). Each of the map's {} trees is a section of its own, headed by its root, \
             so any can be read from its root.{rest_said}",
            label(&draft.nodes[thesis].text, ROOT_LABEL_WIDTH),
            size[thesis],
            all.nodes.len(),
            order.len(),
        ));
    }
    if !rest.nodes.is_empty() || sections.is_empty() {
        sections.push(rest);
    }
    draft.sections.extend(sections);
}
