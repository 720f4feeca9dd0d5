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
use crate::output::names::Names;
use crate::text::{md_code, md_fence, md_text, one_line};
use crate::tui::i18n::{CliStrings, UiLang, cli_strings, fill};

use super::text::Words;

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
    words: Option<Words<'a>>,
    names: Names,
    lang: UiLang,
    s: &'static CliStrings,
    /// Each claim's status in `analysis`, by node id.
    status: HashMap<&'a str, usize>,
    /// Undercuts by the node whose support they attack (their `link`).
    undercuts_of: HashMap<&'a str, Vec<usize>>,
    out: &'o mut dyn Write,
    shown_figures: HashSet<String>,
    /// Attacks the map has no answer to, in the order met (for the side for).
    unanswered: Vec<(String, String)>,
    /// Nodes whose case (the node and what supports it) is already set out.
    shown_cases: HashSet<&'a str>,
    /// Nodes whose attacks are already listed under an earlier line.
    walked: HashSet<&'a str>,
}

/// The brief as Markdown, in English.
pub fn brief(doc: &Document, side: Side, cx: &Context) -> String {
    brief_in(doc, side, cx, UiLang::En)
}

/// The brief as Markdown, written in `lang`: its headings and notes from the
/// catalogue, each node's text in that language, each node named by its label.
pub fn brief_in(doc: &Document, side: Side, cx: &Context, lang: UiLang) -> String {
    let mut out = String::new();
    brief_to(doc, side, cx, lang, &mut out);
    out
}

/// Writes the brief as Markdown to `out` as it is made. A failing `out` (a
/// closed pipe) makes the rest of the writes do nothing; the caller learns of
/// it from its own writer.
///
/// A reader's own nodes in `cx.marks` join the map first
/// ([`crate::marks::additions::with_additions`]): their arguments appear on
/// their side with their quotes, tagged as theirs, and where they answered
/// an attack the answer is theirs ("your answer: …").
pub fn brief_to(doc: &Document, side: Side, cx: &Context, lang: UiLang, out: &mut dyn Write) {
    let overlay = cx
        .marks
        .filter(|m| !m.additions.is_empty())
        .map(|m| crate::marks::additions::with_additions(doc, m));
    let doc = overlay.as_ref().map_or(doc, |o| &o.doc);
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
        words: cx.marks.map(|m| Words::new(doc, m, lang)),
        names: Names::new(doc),
        lang,
        s: cli_strings(lang),
        status,
        undercuts_of,
        out,
        shown_figures: HashSet::new(),
        unanswered: Vec::new(),
        shown_cases: HashSet::new(),
        walked: HashSet::new(),
    };
    w.write(side);
}

/// How an answer to an attack is introduced: the reader's own is theirs.
fn answer_lead(n: &Node, s: &'static CliStrings) -> &'static str {
    if n.origin == Origin::Reader {
        s.od_your_answer
    } else {
        s.br_answer
    }
}

impl<'a> Writer<'a, '_> {
    fn node(&self, id: &str) -> Option<&'a Node> {
        self.doc.node(id)
    }

    fn text<'n>(&self, n: &'n Node) -> &'n str {
        n.text.get_or_other(self.lang.text_lang())
    }

    /// The node's label (`C1`), for a person; its id only if it has none.
    fn label(&self, id: &str) -> String {
        self.names.label_or_id(self.doc, id)
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
            .map(|r| (r, self.label(id)))
            .collect();
        let undercuts = self.undercuts_of.get(id).map_or(&[][..], Vec::as_slice);
        for r in undercuts.iter().filter_map(|&i| self.doc.relations.get(i)) {
            if let Some(n) = self.node(&r.from) {
                v.push((
                    n,
                    fill(
                        self.s.br_support_link,
                        &[&self.label(&r.to), &self.label(id)],
                    ),
                ));
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
        let s = self.s;
        let label = match n.kind {
            NodeKind::Claim => s.kind_claim,
            NodeKind::Evidence => s.kind_evidence,
            NodeKind::Rebuttal => s.kind_rebuttal,
        };
        let mut flags = Vec::new();
        if n.origin == Origin::Editorial {
            flags.push(s.br_editorial.to_string());
        }
        if n.origin == Origin::Reader {
            let who = md_text(n.author.as_deref().unwrap_or_default());
            flags.push(fill(s.od_own_by, &[&who]));
        }
        if !n.sourced {
            flags.push(s.br_unsourced.to_string());
        }
        if n.verify.is_some() {
            flags.push(s.br_outside_fact.to_string());
        }
        if let Some(b) = &n.basis {
            // A known basis in the reader's language; any other as written.
            flags.push(md_text(crate::tui::i18n::basis_name(self.lang, b)));
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" _({})_", flags.join(s.clause_sep))
        };
        let _ = writeln!(
            self.out,
            "{pad}- {lead}**{label} {}**{}{}{flags}",
            md_text(&self.label(&n.id)),
            s.colon,
            md_text(self.text(n))
        );
        if let Some(q) = &n.quote {
            let _ = writeln!(
                self.out,
                "{pad}  > {} ({})",
                md_text(q),
                md_text(&self.place(n))
            );
        }
        self.remarks(n, &pad);
        // Figures as small tables, shown once in the brief, where first cited.
        for f in self.doc.figures_of(n) {
            if !self.shown_figures.insert(f.id.clone()) {
                let _ = writeln!(
                    self.out,
                    "{pad}  {}",
                    fill(s.br_figure_above, &[&md_code(&f.id)])
                );
                continue;
            }
            let text = crate::figures::render_text(f, self.lang.text_lang(), 72);
            let text = crate::text::sanitize(&text);
            // A fence longer than any run of backticks in the figure, so it cannot end early.
            let fence = md_fence(&text);
            let _ = writeln!(self.out, "{pad}  {fence}text");
            for line in text.lines() {
                let _ = writeln!(self.out, "{pad}  {line}");
            }
            let _ = writeln!(self.out, "{pad}  {fence}");
        }
        if let (Some(m), Some(words)) = (self.cx.marks.and_then(|m| m.get(&n.id)), &self.words) {
            let note = m
                .note
                .as_deref()
                .map(|t| format!(" — “{}”", md_text(t)))
                .unwrap_or_default();
            let mark = format!("{}{note}", words.stance(m.stance));
            let _ = writeln!(self.out, "{pad}  {}", fill(s.br_your_mark, &[&mark]));
        }
        if let (Some(status), Some(words)) = (
            self.analysis
                .as_ref()
                .zip(self.status.get(n.id.as_str()))
                .and_then(|(a, &i)| a.claims.get(i)),
            &self.words,
        ) && status.status != Status::Stands
        {
            let line = md_text(&words.claim_line(status));
            let _ = writeln!(self.out, "{pad}  {}", fill(s.br_status, &[&line]));
        }
        if let Some(c) = self.cx.class.and_then(|c| c.get(&n.id)) {
            let counts = [c.agree, c.dispute, c.unsure].map(|n| n.to_string());
            let _ = writeln!(
                self.out,
                "{pad}  {}",
                fill(s.br_class, &[&counts[0], &counts[1], &counts[2]])
            );
        }
    }

    /// The encoder's note and the outside fact to verify, one line each under
    /// the item (text collapsed onto the line so it stays inside the list).
    fn remarks(&mut self, n: &Node, pad: &str) {
        let s = self.s;
        if let Some(note) = &n.note {
            let _ = writeln!(self.out, "{pad}  {}{}", s.br_note, md_text(&one_line(note)));
        }
        if let Some(v) = &n.verify {
            let _ = writeln!(
                self.out,
                "{pad}  {}{}",
                s.br_verify,
                md_text(&one_line(v.get_or_other(self.lang.text_lang())))
            );
        }
    }

    fn note_unanswered(&mut self, attacker: &Node) {
        if !self.unanswered.iter().any(|(id, _)| *id == attacker.id) {
            let text = one_line(self.text(attacker));
            self.unanswered.push((attacker.id.clone(), text));
        }
    }

    /// For the side for: the attacks nothing in the map answers, said plainly
    /// in one place at the end.
    fn closing_unanswered(&mut self) {
        let s = self.s;
        let _ = writeln!(self.out, "\n## {}\n", s.br_unanswered_heading);
        if self.unanswered.is_empty() {
            let _ = writeln!(self.out, "{}", s.br_all_answered);
            return;
        }
        let _ = writeln!(self.out, "{}\n", s.br_unanswered_lead);
        for (id, text) in std::mem::take(&mut self.unanswered) {
            let label = self.label(&id);
            let _ = writeln!(
                self.out,
                "- **{}**{}{}",
                md_text(&label),
                s.colon,
                md_text(&text)
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
                Some(p) if depth > MAX_INDENT => {
                    fill(self.s.br_for, &[&md_text(&self.label(&p.id))])
                }
                _ => String::new(),
            };
            if n.kind != NodeKind::Claim {
                self.item(n, depth, &lead);
                continue;
            }
            if !self.shown_cases.insert(n.id.as_str()) {
                let pad = "  ".repeat(depth.min(MAX_INDENT));
                let _ = writeln!(
                    self.out,
                    "{pad}- {lead}**{} {}**{}{}",
                    self.s.kind_claim,
                    md_text(&self.label(&n.id)),
                    self.s.colon,
                    self.s.br_see_above
                );
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
        let s = self.s;
        let _ = writeln!(self.out, "\n## {}\n", md_text(self.text(claim)));
        let _ = writeln!(self.out, "### {}\n", s.br_the_case);
        self.case_for(claim, 0);
        // A line set out under an earlier one had its attacks listed there.
        let listed_above = self.walked.contains(claim.id.as_str());
        let attacks = self.attacks_on_line(claim);
        let _ = writeln!(self.out, "\n### {}\n", s.br_other_side);
        if attacks.is_empty() && listed_above {
            let _ = writeln!(self.out, "- {}", s.br_attacks_above);
        } else if attacks.is_empty() {
            let _ = writeln!(self.out, "- {}", s.br_nothing_attacks);
        }
        for (a, target) in attacks {
            self.item(a, 0, &fill(s.br_against, &[&md_text(&target)]));
            let answers = self.answers(a);
            if answers.is_empty() {
                let _ = writeln!(self.out, "  - _{}_", s.br_no_answer);
                self.note_unanswered(a);
            }
            for n in answers {
                self.item(n, 1, answer_lead(n, s));
            }
        }
    }

    fn line_against(&mut self, claim: &'a Node) {
        let s = self.s;
        let _ = writeln!(
            self.out,
            "\n## {}\n",
            fill(s.br_against_line, &[&md_text(self.text(claim))])
        );
        let attacks = self.attacks_on_line(claim);
        let _ = writeln!(self.out, "### {}\n", s.br_the_case);
        if attacks.is_empty() {
            let _ = writeln!(self.out, "- {}", s.br_no_rebuttal);
        }
        for (a, target) in &attacks {
            let (a, target) = (*a, target.clone());
            self.item(a, 0, &fill(s.br_against, &[&md_text(&target)]));
            for n in self.arriving(&a.id, RelationKind::Supports) {
                self.item(n, 1, "");
            }
        }
        let _ = writeln!(self.out, "\n### {}\n", s.br_what_to_answer);
        self.case_for(claim, 0);
        for (a, _) in attacks {
            for n in self.answers(a) {
                let lead = fill(s.br_their_answer, &[&md_text(&self.label(&a.id))]);
                self.item(n, 0, &lead);
            }
        }
    }

    fn write(&mut self, side: Side) {
        let doc = self.doc;
        let s = self.s;
        let original = doc.title.get_or_other(doc.lang);
        let title = doc.title.get_or_other(self.lang.text_lang());
        let heading = match side {
            Side::For => s.br_title_for,
            Side::Against => s.br_title_against,
        };
        let _ = writeln!(self.out, "# {heading}\n");
        if title == original {
            let _ = writeln!(self.out, "_{}_\n", md_text(original));
        } else {
            let _ = writeln!(self.out, "_{}_ — {}\n", md_text(original), md_text(title));
        }
        let Some(thesis) = doc.thesis.as_deref().and_then(|t| doc.node(t)) else {
            let _ = writeln!(self.out, "{}", s.br_no_thesis);
            return;
        };
        let _ = writeln!(
            self.out,
            "**{} {}**{}{}\n",
            s.br_thesis,
            md_text(&self.label(&thesis.id)),
            s.colon,
            md_text(self.text(thesis))
        );
        if let Some(q) = &thesis.quote {
            let _ = writeln!(
                self.out,
                "> {} ({})\n",
                md_text(q),
                md_text(&self.place(thesis))
            );
        }
        let _ = writeln!(self.out, "{}", s.br_legend);
        if let (Some(a), Some(words)) = (&self.analysis, &self.words)
            && !a.tensions.is_empty()
        {
            let _ = writeln!(self.out, "\n## {}\n", s.br_tensions);
            for t in &a.tensions {
                let _ = writeln!(self.out, "- {}", md_text(&words.tension(t)));
            }
        }
        // The thesis's own attackers first, then each main line in document order.
        match side {
            Side::For => {
                let direct = self.attacks(&thesis.id);
                if !direct.is_empty() {
                    let _ = writeln!(self.out, "\n## {}\n", s.br_attacks_on_thesis);
                    for (a, _) in direct {
                        self.item(a, 0, "");
                        let answers = self.answers(a);
                        if answers.is_empty() {
                            let _ = writeln!(self.out, "  - _{}_", s.br_no_answer);
                            self.note_unanswered(a);
                        }
                        for n in answers {
                            self.item(n, 1, answer_lead(n, s));
                        }
                    }
                }
            }
            Side::Against => {
                let direct = self.attacks(&thesis.id);
                if !direct.is_empty() {
                    let _ = writeln!(self.out, "\n## {}\n", s.br_against_thesis);
                    for (a, _) in direct {
                        self.item(a, 0, "");
                        for n in self.arriving(&a.id, RelationKind::Supports) {
                            self.item(n, 1, "");
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
        if side == Side::For {
            self.closing_unanswered();
        }
    }
}
