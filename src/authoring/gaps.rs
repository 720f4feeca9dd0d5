//! What an encoding still lacks: a checklist for the author, not a verdict.
//!
//! None of these make a document wrong — an article may well have paragraphs
//! that argue nothing, and a claim may be asserted bare — so they are not
//! errors or warnings in the loader's report (the built-in article stays
//! warning-free). `stance check` lists them after the report, each with the id
//! to go to, as the places an encoder would look at next.

use std::collections::HashSet;

use crate::model::{Document, NodeKind, Origin, RelationKind};

/// What kind of gap it is, in the order the checklist lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GapKind {
    /// A paragraph no node cites (neither by `paragraphs` nor by its quote).
    UncitedParagraph,
    /// A claim nothing supports (except an objection the article raises only
    /// to rebut it: a claim an article node rebuts and that supports nothing).
    UnsupportedClaim,
    /// A main claim (one that supports the thesis) that nothing rebuts or undercuts.
    UnrebuttedMainClaim,
    /// Evidence that does not say what kind of support it is.
    EvidenceWithoutBasis,
    /// A node whose text has no translation.
    MissingTranslation,
}

impl GapKind {
    /// Every kind, in checklist order.
    pub const ALL: [GapKind; 5] = [
        GapKind::UncitedParagraph,
        GapKind::UnsupportedClaim,
        GapKind::UnrebuttedMainClaim,
        GapKind::EvidenceWithoutBasis,
        GapKind::MissingTranslation,
    ];

    /// A heading for the kind in a checklist.
    pub fn heading(self) -> &'static str {
        match self {
            GapKind::UncitedParagraph => "paragraphs no node cites",
            GapKind::UnsupportedClaim => "claims with no support",
            GapKind::UnrebuttedMainClaim => "main claims with no rebuttal",
            GapKind::EvidenceWithoutBasis => "evidence without a basis",
            GapKind::MissingTranslation => "nodes without a translation",
        }
    }
}

/// One thing the encoding lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// What kind of gap.
    pub kind: GapKind,
    /// The paragraph or node it concerns.
    pub id: String,
    /// What is missing and what to do, in one sentence.
    pub message: String,
}

/// Every gap in `doc`, grouped by kind in [`GapKind::ALL`] order and in
/// document order within a kind.
pub fn gaps(doc: &Document) -> Vec<Gap> {
    let mut out = Vec::new();
    let gap = |kind, id: &str, message: String| Gap {
        kind,
        id: id.to_string(),
        message,
    };

    let cited: HashSet<&str> = doc
        .nodes
        .iter()
        .flat_map(|n| n.paragraphs.iter().map(String::as_str))
        .collect();
    for p in doc.sections.iter().flat_map(|s| &s.paragraphs) {
        if !cited.contains(p.id.as_str()) {
            out.push(gap(
                GapKind::UncitedParagraph,
                &p.id,
                format!(
                    "no node cites paragraph `{}`: mark what it argues, or leave it if it argues nothing",
                    p.id
                ),
            ));
        }
    }

    let has_incoming =
        |id: &str, kinds: &[RelationKind]| doc.incoming(id).any(|r| kinds.contains(&r.kind));
    // An objection the article raises only to reject it ("some say…") is a
    // claim the article rebuts and that supports nothing: it is not meant to
    // have support, so it is not a gap.
    let objection = |id: &str| {
        doc.outgoing(id).next().is_none()
            && doc.incoming(id).any(|r| {
                r.kind == RelationKind::Rebuts
                    && doc
                        .node(&r.from)
                        .is_some_and(|n| n.origin == Origin::Article)
            })
    };
    for n in doc.nodes.iter().filter(|n| n.kind == NodeKind::Claim) {
        if !has_incoming(&n.id, &[RelationKind::Supports]) && !objection(&n.id) {
            out.push(gap(
                GapKind::UnsupportedClaim,
                &n.id,
                format!(
                    "nothing supports claim `{}`: add the evidence the article gives for it, or note that it gives none",
                    n.id
                ),
            ));
        }
    }

    if let Some(thesis) = doc.thesis.as_deref() {
        let main = doc.incoming(thesis).filter(|r| {
            r.kind == RelationKind::Supports
                && doc.node(&r.from).is_some_and(|n| n.kind == NodeKind::Claim)
        });
        let mut seen = HashSet::new();
        for r in main {
            if !seen.insert(r.from.as_str()) {
                continue;
            }
            // A line of argument is answered when the claim is rebutted, when
            // its own link to the thesis is undercut, or when a support of it is.
            let answered = has_incoming(&r.from, &[RelationKind::Rebuts, RelationKind::Undercuts])
                || doc.relations.iter().any(|x| {
                    x.kind == RelationKind::Undercuts && x.link.as_deref() == Some(r.from.as_str())
                });
            if !answered {
                out.push(gap(
                    GapKind::UnrebuttedMainClaim,
                    &r.from,
                    format!(
                        "nothing rebuts main claim `{}`: add what the other side would say (`origin: editorial`)",
                        r.from
                    ),
                ));
            }
        }
    }

    for n in doc.nodes.iter() {
        if n.kind == NodeKind::Evidence && n.basis.is_none() {
            out.push(gap(
                GapKind::EvidenceWithoutBasis,
                &n.id,
                format!(
                    "evidence `{}` has no `basis`: say whether it is a statistic, an event, an example…",
                    n.id
                ),
            ));
        }
    }

    let other = doc.lang.other();
    for n in doc.nodes.iter() {
        if n.text.get(other).trim().is_empty() {
            out.push(gap(
                GapKind::MissingTranslation,
                &n.id,
                format!("node `{}` has no `{}` text", n.id, other.code()),
            ));
        }
    }
    out
}

/// The gaps as a checklist for `stance check`: a heading per kind with a count,
/// and a `- [ ] message` line per gap (the message names the id); empty when
/// there are none.
pub fn checklist(gaps: &[Gap]) -> String {
    checklist_of_at_most(gaps, usize::MAX)
}

/// As [`checklist`], listing at most `most` items of each kind, then how many
/// more there are (an imported discussion of 5,000 claims lacks 5,000
/// translations; the count says so, the list need not).
pub fn checklist_of_at_most(gaps: &[Gap], most: usize) -> String {
    let mut out = String::new();
    for kind in GapKind::ALL {
        let of_kind: Vec<&Gap> = gaps.iter().filter(|g| g.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("{} ({}):\n", kind.heading(), of_kind.len()));
        for g in of_kind.iter().take(most) {
            out.push_str(&format!("  - [ ] {}\n", g.message));
        }
        if of_kind.len() > most {
            out.push_str(&format!(
                "  … and {} more (`--all` lists every one)\n",
                of_kind.len() - most
            ));
        }
    }
    out
}
