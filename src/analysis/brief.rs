//! A debate brief in Markdown for one side: the thesis, each main line of
//! argument with its evidence, what attacks it, and what answers the attacks —
//! with the reader's marks, notes and tensions and the class's split where given.
//! Everything follows the document's order, so two runs compare with diff.
//!
//! The brief is written as it is made, and its size stays in proportion to the
//! document: a node already set out in full is named again with "see above"
//! rather than re-printed with everything under it, and lists nest no deeper
//! than [`MAX_INDENT`] (deeper items say what they support instead), so a
//! chain of 20,000 supports is 20,000 short items, not 400 MB of indentation.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{Analysis, Status, analyze};
use crate::marks::Marks;
use crate::marks::class::ClassNode;
use crate::model::{Document, Node, NodeKind, Origin, RelationKind};

/// Which side the brief argues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Side {
    /// For the article's thesis: its claims are the case, the rebuttals what to answer.
    For,
    /// Against it: the rebuttals are the case, the article's claims what to answer.
    Against,
}

/// What the brief draws on besides the document.
pub struct Context<'a> {
    /// The reader's marks, if any.
    pub marks: Option<&'a Marks>,
    /// The class's marks by node id, if any.
    pub class: Option<&'a HashMap<String, ClassNode>>,
}

/// The deepest a list item is indented; items below it say what they support.
pub const MAX_INDENT: usize = 8;

struct Writer<'a, 'o> {
    doc: &'a Document,
    cx: &'a Context<'a>,
    analysis: Option<Analysis>,
    /// Each claim's status in `analysis`, by node id.
    status: HashMap<&'a str, usize>,
    /// Undercuts by the node whose support they attack (their `link`).
    undercuts_of: HashMap<&'a str, Vec<usize>>,
    out: &'o mut dyn Write,
    shown_figures: HashSet<String>,
    /// Nodes whose case (the node and what supports it) is already set out.
    shown_cases: HashSet<&'a str>,
    /// Nodes whose attacks are already listed under an earlier line.
    walked: HashSet<&'a str>,
}

/// The brief as Markdown.
pub fn brief(doc: &Document, side: Side, cx: &Context) -> String {
    let mut out = String::new();
    brief_to(doc, side, cx, &mut out);
    out
}

/// Writes the brief as Markdown to `out` as it is made. A failing `out` (a
/// closed pipe) makes the rest of the writes do nothing; the caller learns of
/// it from its own writer.
pub fn brief_to(doc: &Document, side: Side, cx: &Context, out: &mut dyn Write) {
    let analysis = cx.marks.map(|m| analyze(doc, m));
    let status = analysis.as_ref().map_or_else(HashMap::new, |a| {
        let mut by_id = HashMap::new();
        for (i, c) in a.claims.iter().enumerate() {
            by_id
                .entry(doc.node(&c.node).map_or("", |n| n.id.as_str()))
                .or_insert(i);
        }
        by_id
    });
    let mut undercuts_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in doc.relations.iter().enumerate() {
        if r.kind == RelationKind::Undercuts
            && let Some(link) = r.link.as_deref()
        {
            undercuts_of.entry(link).or_default().push(i);
        }
    }
    let mut w = Writer {
        doc,
        cx,
        analysis,
        status,
        undercuts_of,
        out,
        shown_figures: HashSet::new(),
        shown_cases: HashSet::new(),
        walked: HashSet::new(),
    };
    w.write(side);
}

impl<'a> Writer<'a, '_> {
    fn node(&self, id: &str) -> Option<&'a Node> {
        self.doc.node(id)
    }

    fn text<'n>(&self, n: &'n Node) -> &'n str {
        n.text.get_or_other(crate::model::Lang::En)
    }

    /// Nodes related to `id` by `kind`, arriving at it, in document order.
    fn arriving(&self, id: &str, kind: RelationKind) -> Vec<&'a Node> {
        let mut v: Vec<&'a Node> = self
            .doc
            .incoming(id)
            .filter(|r| r.kind == kind)
            .filter_map(|r| self.node(&r.from))
            .collect();
        v.sort_by_key(|n| self.doc.node_index(&n.id));
        v.dedup_by_key(|n| n.id.clone());
        v
    }

    /// Everything that attacks `id` or the links into it: (attacker, what it attacks).
    fn attacks(&self, id: &str) -> Vec<(&'a Node, String)> {
        let mut v: Vec<(&'a Node, String)> = self
            .arriving(id, RelationKind::Rebuts)
            .into_iter()
            .map(|r| (r, id.to_string()))
            .collect();
        let undercuts = self.undercuts_of.get(id).map_or(&[][..], Vec::as_slice);
        for r in undercuts.iter().filter_map(|&i| self.doc.relations.get(i)) {
            if let Some(n) = self.node(&r.from) {
                v.push((n, format!("the support {} gives {id}", r.to)));
            }
        }
        v.sort_by_key(|(n, _)| self.doc.node_index(&n.id));
        v
    }

    fn place(&self, n: &Node) -> String {
        self.doc
            .anchor(n)
            .and_then(|p| {
                self.doc
                    .paragraph_position(p)
                    .map(|(s, i)| format!("§{} ¶{}, {p}", s + 1, i + 1))
            })
            .unwrap_or_default()
    }

    /// One node as a list item at `depth`, with its quote, flags, marks and class split.
    fn item(&mut self, n: &Node, depth: usize, lead: &str) {
        let pad = "  ".repeat(depth.min(MAX_INDENT));
        let label = match n.kind {
            NodeKind::Claim => "Claim",
            NodeKind::Evidence => "Evidence",
            NodeKind::Rebuttal => "Rebuttal",
        };
        let mut flags = Vec::new();
        if n.origin == Origin::Editorial {
            flags.push("editorial, not in the article".to_string());
        }
        if !n.sourced {
            flags.push("⚠ the article gives no source".to_string());
        }
        if let Some(b) = &n.basis {
            flags.push(b.clone());
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" _({})_", flags.join("; "))
        };
        let _ = writeln!(
            self.out,
            "{pad}- {lead}**{label} `{}`**: {}{flags}",
            n.id,
            self.text(n)
        );
        if let Some(q) = &n.quote {
            let _ = writeln!(self.out, "{pad}  > {q} ({})", self.place(n));
        }
        // Figures as small tables, shown once in the brief, where first cited.
        for f in self.doc.figures_of(n) {
            if !self.shown_figures.insert(f.id.clone()) {
                let _ = writeln!(self.out, "{pad}  Figure `{}`: shown above.", f.id);
                continue;
            }
            let text = crate::figures::render_text(f, crate::model::Lang::En, 72);
            let _ = writeln!(self.out, "{pad}  ```text");
            for line in text.lines() {
                let _ = writeln!(self.out, "{pad}  {line}");
            }
            let _ = writeln!(self.out, "{pad}  ```");
        }
        if let Some(m) = self.cx.marks.and_then(|m| m.get(&n.id)) {
            let stance = m.stance.map_or("no stance".to_string(), |s| {
                format!("{} {}", s.glyph(), s.name())
            });
            let note = m
                .note
                .as_deref()
                .map(|t| format!(" — “{t}”"))
                .unwrap_or_default();
            let _ = writeln!(self.out, "{pad}  Your mark: {stance}{note}");
        }
        if let Some(status) = self
            .analysis
            .as_ref()
            .zip(self.status.get(n.id.as_str()))
            .and_then(|(a, &i)| a.claims.get(i))
            && status.status != Status::Stands
        {
            let _ = writeln!(self.out, "{pad}  Status: {}", status.explanation);
        }
        if let Some(c) = self.cx.class.and_then(|c| c.get(&n.id)) {
            let _ = writeln!(
                self.out,
                "{pad}  Class: {} agree, {} dispute, {} unsure",
                c.agree, c.dispute, c.unsure
            );
        }
    }

    /// A claim with everything under it that supports it, depth first
    /// without recursion. A claim whose case is already set out is named with
    /// "see above"; below [`MAX_INDENT`] an item says what it supports.
    fn case_for(&mut self, claim: &'a Node, depth: usize) {
        let mut stack: Vec<(&'a Node, usize, Option<&'a Node>)> = vec![(claim, depth, None)];
        while let Some((n, depth, parent)) = stack.pop() {
            let lead = match parent {
                Some(p) if depth > MAX_INDENT => format!("(for `{}`) ", p.id),
                _ => String::new(),
            };
            if n.kind != NodeKind::Claim {
                self.item(n, depth, &lead);
                continue;
            }
            if !self.shown_cases.insert(n.id.as_str()) {
                let pad = "  ".repeat(depth.min(MAX_INDENT));
                let _ = writeln!(self.out, "{pad}- {lead}**Claim `{}`**: see above.", n.id);
                continue;
            }
            self.item(n, depth, &lead);
            for s in self
                .arriving(&n.id, RelationKind::Supports)
                .into_iter()
                .rev()
            {
                stack.push((s, depth + 1, Some(n)));
            }
        }
    }

    /// Everything that attacks a line: the claim, anything in its support tree,
    /// or the links between them; in document order, each attacker once.
    /// Attacks on what an earlier line already covered are listed there.
    fn attacks_on_line(&mut self, claim: &'a Node) -> Vec<(&'a Node, String)> {
        let mut stack = vec![claim];
        let mut attacks = Vec::new();
        while let Some(n) = stack.pop() {
            if !self.walked.insert(n.id.as_str()) {
                continue;
            }
            attacks.extend(self.attacks(&n.id));
            stack.extend(self.arriving(&n.id, RelationKind::Supports));
        }
        attacks.sort_by_key(|(n, _)| self.doc.node_index(&n.id));
        attacks.dedup_by_key(|(n, _)| n.id.clone());
        attacks
    }

    /// What answers an attack: nodes that rebut it, or undercut its support.
    fn answers(&self, attacker: &Node) -> Vec<&'a Node> {
        let mut v = self.arriving(&attacker.id, RelationKind::Rebuts);
        let mut seen: HashSet<&str> = v.iter().map(|n| n.id.as_str()).collect();
        for (n, _) in self.attacks(&attacker.id) {
            if seen.insert(n.id.as_str()) {
                v.push(n);
            }
        }
        v
    }

    fn line_for(&mut self, claim: &'a Node) {
        let _ = writeln!(self.out, "\n## {}\n", self.text(claim));
        let _ = writeln!(self.out, "### The case\n");
        self.case_for(claim, 0);
        let attacks = self.attacks_on_line(claim);
        let _ = writeln!(
            self.out,
            "\n### What the other side will say, and answers\n"
        );
        if attacks.is_empty() {
            let _ = writeln!(
                self.out,
                "- Nothing in this map attacks this line. Expect something anyway."
            );
        }
        for (a, target) in attacks {
            self.item(a, 0, &format!("Against {target}: "));
            let answers = self.answers(a);
            if answers.is_empty() {
                let _ = writeln!(self.out, "  - _No answer in the map: prepare one._");
            }
            for n in answers {
                self.item(n, 1, "Answer: ");
            }
        }
    }

    fn line_against(&mut self, claim: &'a Node) {
        let _ = writeln!(self.out, "\n## Against: {}\n", self.text(claim));
        let attacks = self.attacks_on_line(claim);
        let _ = writeln!(self.out, "### The case\n");
        if attacks.is_empty() {
            let _ = writeln!(
                self.out,
                "- No rebuttal in the map attacks this line: build one, or concede it."
            );
        }
        for (a, target) in &attacks {
            let (a, target) = (*a, target.clone());
            self.item(a, 0, &format!("Against {target}: "));
            for s in self.arriving(&a.id, RelationKind::Supports) {
                self.item(s, 1, "");
            }
        }
        let _ = writeln!(self.out, "\n### What to answer: the article's line\n");
        self.case_for(claim, 0);
        for (a, _) in attacks {
            for n in self.answers(a) {
                self.item(n, 0, &format!("Their answer to {}: ", a.id));
            }
        }
    }

    fn write(&mut self, side: Side) {
        let doc = self.doc;
        let title = doc.title.get_or_other(crate::model::Lang::En);
        let side_name = match side {
            Side::For => "for",
            Side::Against => "against",
        };
        let _ = writeln!(self.out, "# Debate brief — {side_name} the thesis\n");
        let _ = writeln!(
            self.out,
            "_{}_ — {}\n",
            doc.title.get_or_other(doc.lang),
            title
        );
        let Some(thesis) = doc.thesis.as_deref().and_then(|t| doc.node(t)) else {
            let _ = writeln!(
                self.out,
                "This document names no thesis, so there are no sides to brief."
            );
            return;
        };
        let _ = writeln!(
            self.out,
            "**Thesis** (`{}`): {}\n",
            thesis.id,
            self.text(thesis)
        );
        if let Some(q) = &thesis.quote {
            let _ = writeln!(self.out, "> {q} ({})\n", self.place(thesis));
        }
        let _ = writeln!(
            self.out,
            "Nodes marked _editorial_ were added for debate; they are not in the article. ⚠ marks facts the article states without a source."
        );
        if let Some(a) = &self.analysis
            && !a.tensions.is_empty()
        {
            let _ = writeln!(self.out, "\n## Tensions in your marks\n");
            for t in &a.tensions {
                let _ = writeln!(self.out, "- {}", t.explanation);
            }
        }
        // The thesis's own attackers first, then each main line in document order.
        match side {
            Side::For => {
                let direct = self.attacks(&thesis.id);
                if !direct.is_empty() {
                    let _ = writeln!(self.out, "\n## Attacks on the thesis itself\n");
                    for (a, _) in direct {
                        self.item(a, 0, "");
                        let answers = self.answers(a);
                        if answers.is_empty() {
                            let _ = writeln!(self.out, "  - _No answer in the map: prepare one._");
                        }
                        for n in answers {
                            self.item(n, 1, "Answer: ");
                        }
                    }
                }
            }
            Side::Against => {
                let direct = self.attacks(&thesis.id);
                if !direct.is_empty() {
                    let _ = writeln!(self.out, "\n## Against the thesis itself\n");
                    for (a, _) in direct {
                        self.item(a, 0, "");
                        for s in self.arriving(&a.id, RelationKind::Supports) {
                            self.item(s, 1, "");
                        }
                    }
                }
            }
        }
        for line in self.arriving(&thesis.id, RelationKind::Supports) {
            match side {
                Side::For => self.line_for(line),
                Side::Against => self.line_against(line),
            }
        }
    }
}
