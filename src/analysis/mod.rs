//! What a reader's marks imply for the argument: which claims still stand,
//! where the reader's own marks pull against each other, and what disputing
//! one more node would cost. Pure functions over the graph and the marks.
//!
//! The rules, as the README states them:
//! * A support of a claim **counts** unless you dispute the supporting node,
//!   or that supporting node is itself a claim left unsupported, or you agree
//!   with an undercut of the link between them (an undercut cuts the link, not
//!   the claim).
//! * A claim is **unsupported** when it has supports and none of them counts;
//!   **contested** when you agree with a rebuttal of it, or with an undercut of
//!   one of its supports; **weakened** when some but not all of its supports
//!   count; otherwise it **stands**. When several apply, the first in that order
//!   is the claim's status.
//! * Tensions: you agree with a claim and with a rebuttal of it (or an undercut
//!   of its support); you agree with a claim that is unsupported by your own
//!   marks; you dispute a claim while agreeing with every support it has and
//!   with nothing that attacks it.

pub mod brief;

use serde::Serialize;

use crate::marks::{Marks, Stance};
use crate::model::{Document, NodeKind, RelationKind};

/// Where a claim stands, given the reader's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Nothing the reader marked takes anything away from it.
    Stands,
    /// Some of its supports no longer count.
    Weakened,
    /// It has supports and none of them counts.
    Unsupported,
    /// The reader agrees with something that attacks it or its support.
    Contested,
}

impl Status {
    /// The word used in files and the interface.
    pub fn name(self) -> &'static str {
        match self {
            Status::Stands => "stands",
            Status::Weakened => "weakened",
            Status::Unsupported => "unsupported",
            Status::Contested => "contested",
        }
    }

    /// A glyph, so the status shows without colour (none for a claim that stands).
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Stands => "",
            Status::Weakened => "↓",
            Status::Unsupported => "∅",
            Status::Contested => "⇄",
        }
    }
}

/// A claim's status and the nodes that cause it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimStatus {
    /// The claim's id.
    pub node: String,
    /// Its status.
    pub status: Status,
    /// The ids of the nodes that make it so.
    pub because: Vec<String>,
    /// The reason in words.
    pub explanation: String,
}

/// Kinds of tension in a reader's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TensionKind {
    /// Agreeing with a claim and with something that attacks it.
    AgreeWithClaimAndRebuttal,
    /// Agreeing with a claim whose supports you all rejected.
    AgreeWithUnsupported,
    /// Disputing a claim while accepting everything for it and nothing against it.
    DisputeWhatYouSupport,
}

/// A place where the reader's marks pull against each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tension {
    /// What kind.
    pub kind: TensionKind,
    /// The nodes involved, the claim first.
    pub nodes: Vec<String>,
    /// What is in tension, in words.
    pub explanation: String,
}

/// Everything the analysis finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// Every claim, in document order.
    pub claims: Vec<ClaimStatus>,
    /// Every tension, in document order of their claims.
    pub tensions: Vec<Tension>,
}

/// The graph in index form, built once per analysis.
struct Graph<'a> {
    doc: &'a Document,
    /// For each node: (supporter, undercuts of that link).
    supports: Vec<Vec<(usize, Vec<usize>)>>,
    /// For each node: nodes that rebut it.
    rebuttals: Vec<Vec<usize>>,
    /// Node order in which every supporter comes before what it supports.
    order: Vec<usize>,
}

impl<'a> Graph<'a> {
    fn new(doc: &'a Document) -> Graph<'a> {
        let n = doc.nodes.len();
        let mut supports: Vec<Vec<(usize, Vec<usize>)>> = vec![Vec::new(); n];
        let mut rebuttals = vec![Vec::new(); n];
        let idx = |id: &str| doc.node_index(id);
        for r in &doc.relations {
            if let (Some(f), Some(t)) = (idx(&r.from), idx(&r.to)) {
                match r.kind {
                    RelationKind::Supports => supports[t].push((f, Vec::new())),
                    RelationKind::Rebuts => rebuttals[t].push(f),
                    RelationKind::Undercuts => {}
                }
            }
        }
        for r in doc
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Undercuts)
        {
            let (Some(u), Some(ev), Some(claim)) =
                (idx(&r.from), idx(&r.to), r.link.as_deref().and_then(idx))
            else {
                continue;
            };
            if let Some(link) = supports[claim].iter_mut().find(|(s, _)| *s == ev) {
                link.1.push(u);
            }
        }
        // Supporters before what they support (the loader rejects support cycles;
        // any left over are appended so every node is visited once).
        let mut order = Vec::with_capacity(n);
        let mut state = vec![0u8; n];
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&(s, _)) = supports[node].get(*next) {
                    *next += 1;
                    if state[s] == 0 {
                        state[s] = 1;
                        stack.push((s, 0));
                    }
                } else {
                    state[node] = 2;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        Graph {
            doc,
            supports,
            rebuttals,
            order,
        }
    }
}

/// The reader's stance on node `i`.
fn stance(doc: &Document, marks: &Marks, i: usize) -> Option<Stance> {
    marks.stance(&doc.nodes[i].id)
}

/// Statuses of every node (claims and anything else with supports), with causes.
fn statuses(g: &Graph, marks: &Marks, extra_dispute: Option<usize>) -> Vec<(Status, Vec<usize>)> {
    let doc = g.doc;
    let disputed =
        |i: usize| extra_dispute == Some(i) || stance(doc, marks, i) == Some(Stance::Dispute);
    let agreed =
        |i: usize| extra_dispute != Some(i) && stance(doc, marks, i) == Some(Stance::Agree);
    let mut out = vec![(Status::Stands, Vec::new()); doc.nodes.len()];
    for &c in &g.order {
        let mut lost = Vec::new();
        let mut attackers = Vec::new();
        for (s, undercuts) in &g.supports[c] {
            let cut: Vec<usize> = undercuts.iter().copied().filter(|&u| agreed(u)).collect();
            if disputed(*s) || out[*s].0 == Status::Unsupported || !cut.is_empty() {
                lost.push(*s);
            }
            attackers.extend(cut);
        }
        attackers.extend(g.rebuttals[c].iter().copied().filter(|&r| agreed(r)));
        let total = g.supports[c].len();
        out[c] = if total > 0 && lost.len() == total {
            (Status::Unsupported, lost)
        } else if !attackers.is_empty() {
            (Status::Contested, attackers)
        } else if !lost.is_empty() {
            (Status::Weakened, lost)
        } else {
            (Status::Stands, Vec::new())
        };
    }
    out
}

fn labels(doc: &Document, ids: &[usize]) -> String {
    let names: Vec<&str> = ids.iter().map(|&i| doc.nodes[i].id.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Why a claim has its status, in words a student understands.
fn explain(
    doc: &Document,
    g: &Graph,
    marks: &Marks,
    c: usize,
    status: Status,
    because: &[usize],
) -> String {
    let id = &doc.nodes[c].id;
    let total = g.supports[c].len();
    match status {
        Status::Stands if total == 0 => format!("{id} stands: nothing you marked bears on it."),
        Status::Stands => format!("{id} stands: all {total} of its supports still count."),
        Status::Weakened => format!(
            "{id} is weakened: {} of its {total} supports no longer count ({}){}.",
            because.len(),
            labels(doc, because),
            reason_suffix(doc, g, marks, c, because)
        ),
        Status::Unsupported => format!(
            "{id} is unsupported: none of its {total} supports counts any more ({}){}.",
            labels(doc, because),
            reason_suffix(doc, g, marks, c, because)
        ),
        Status::Contested => format!(
            "{id} is contested: you agree with {}, which attacks it or its support.",
            labels(doc, because)
        ),
    }
}

/// "— you disputed E1; E2 is itself unsupported; you agree with R3, which undercuts E4's support".
fn reason_suffix(doc: &Document, g: &Graph, marks: &Marks, c: usize, lost: &[usize]) -> String {
    let mut disputed = Vec::new();
    let mut fallen = Vec::new();
    let mut cut = Vec::new();
    for &s in lost {
        if stance(doc, marks, s) == Some(Stance::Dispute) {
            disputed.push(s);
        } else if let Some((_, us)) = g.supports[c].iter().find(|(x, _)| *x == s)
            && us
                .iter()
                .any(|&u| stance(doc, marks, u) == Some(Stance::Agree))
        {
            cut.push(s);
        } else {
            fallen.push(s);
        }
    }
    let mut parts = Vec::new();
    if !disputed.is_empty() {
        parts.push(format!("you disputed {}", labels(doc, &disputed)));
    }
    if !fallen.is_empty() {
        parts.push(format!("{} lost all support", labels(doc, &fallen)));
    }
    if !cut.is_empty() {
        parts.push(format!(
            "you agree with an undercut of the support from {}",
            labels(doc, &cut)
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join("; "))
    }
}

/// Analyses the reader's marks on `doc`.
pub fn analyze(doc: &Document, marks: &Marks) -> Analysis {
    let g = Graph::new(doc);
    let st = statuses(&g, marks, None);
    let mut claims = Vec::new();
    let mut tensions = Vec::new();
    for (c, node) in doc.nodes.iter().enumerate() {
        if node.kind != NodeKind::Claim {
            continue;
        }
        let (status, because) = &st[c];
        claims.push(ClaimStatus {
            node: node.id.clone(),
            status: *status,
            because: because.iter().map(|&i| doc.nodes[i].id.clone()).collect(),
            explanation: explain(doc, &g, marks, c, *status, because),
        });
        let mine = stance(doc, marks, c);
        let agreed = |i: usize| stance(doc, marks, i) == Some(Stance::Agree);
        let attackers: Vec<usize> = g.rebuttals[c]
            .iter()
            .copied()
            .chain(g.supports[c].iter().flat_map(|(_, us)| us.iter().copied()))
            .filter(|&r| agreed(r))
            .collect();
        if mine == Some(Stance::Agree) {
            for &r in &attackers {
                tensions.push(Tension {
                    kind: TensionKind::AgreeWithClaimAndRebuttal,
                    nodes: vec![node.id.clone(), doc.nodes[r].id.clone()],
                    explanation: format!(
                        "You agree with {} and also with {}, which argues against it. Can both be right?",
                        node.id, doc.nodes[r].id
                    ),
                });
            }
            if *status == Status::Unsupported {
                let mut nodes = vec![node.id.clone()];
                nodes.extend(because.iter().map(|&i| doc.nodes[i].id.clone()));
                tensions.push(Tension {
                    kind: TensionKind::AgreeWithUnsupported,
                    nodes,
                    explanation: format!(
                        "You agree with {}, but by your own marks none of its supports ({}) holds. What makes you accept it?",
                        node.id,
                        labels(doc, because)
                    ),
                });
            }
        }
        let sups = &g.supports[c];
        if mine == Some(Stance::Dispute)
            && !sups.is_empty()
            && sups.iter().all(|(s, _)| agreed(*s))
            && attackers.is_empty()
        {
            let mut nodes = vec![node.id.clone()];
            nodes.extend(sups.iter().map(|(s, _)| doc.nodes[*s].id.clone()));
            let ids: Vec<usize> = sups.iter().map(|(s, _)| *s).collect();
            tensions.push(Tension {
                kind: TensionKind::DisputeWhatYouSupport,
                nodes,
                explanation: format!(
                    "You dispute {}, yet you agree with everything offered for it ({}) and with nothing against it. What is missing?",
                    node.id,
                    labels(doc, &ids)
                ),
            });
        }
    }
    Analysis { claims, tensions }
}

/// If the reader disputed node `x`, the claims that would lose their last
/// support (that are not unsupported already), in document order.
pub fn what_if_disputed(doc: &Document, marks: &Marks, x: usize) -> Vec<usize> {
    let g = Graph::new(doc);
    let now = statuses(&g, marks, None);
    let then = statuses(&g, marks, Some(x));
    (0..doc.nodes.len())
        .filter(|&i| doc.nodes[i].kind == NodeKind::Claim)
        .filter(|&i| now[i].0 != Status::Unsupported && then[i].0 == Status::Unsupported)
        .collect()
}

/// The status of every node, by index (claims get theirs; other nodes stand
/// unless they have supports of their own).
pub fn node_statuses(doc: &Document, marks: &Marks) -> Vec<Status> {
    let g = Graph::new(doc);
    statuses(&g, marks, None)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// The analysis as plain text for `stance analyze`.
pub fn to_text(a: &Analysis) -> String {
    let mut out = String::new();
    let counts = [
        Status::Stands,
        Status::Weakened,
        Status::Unsupported,
        Status::Contested,
    ]
    .map(|s| (s, a.claims.iter().filter(|c| c.status == s).count()));
    let summary: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.name()))
        .collect();
    out.push_str(&format!(
        "{} claims: {}\n",
        a.claims.len(),
        summary.join(", ")
    ));
    for c in a.claims.iter().filter(|c| c.status != Status::Stands) {
        out.push_str(&format!("  {} {}\n", c.status.glyph(), c.explanation));
    }
    if a.tensions.is_empty() {
        out.push_str("No tensions in your marks.\n");
    } else {
        out.push_str(&format!(
            "{} tension{} in your marks:\n",
            a.tensions.len(),
            if a.tensions.len() == 1 { "" } else { "s" }
        ));
        for t in &a.tensions {
            out.push_str(&format!("  ⚠ {}\n", t.explanation));
        }
    }
    out
}
