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
pub mod text;

pub use text::to_text;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};

use serde::Serialize;

use crate::marks::{Marks, Stance};
use crate::model::{Document, NodeKind, Relation, RelationKind};

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
    /// The same reason as data (node indices), for wording it in another
    /// language or with other names; not written to JSON.
    #[serde(skip)]
    pub why: Option<Why>,
}

/// Why a claim has its status, as data: node indices, not words, so the
/// reader and `stance analyze` can each say it in their own words and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    /// The claim's status.
    pub status: Status,
    /// How many supports the claim has.
    pub supports: usize,
    /// The nodes that give it its status: the supports that no longer count
    /// (weakened, unsupported), or what the reader agrees with that attacks
    /// it or its support (contested).
    pub because: Vec<usize>,
    /// Of the supports that no longer count: those the reader disputed,
    pub disputed: Vec<usize>,
    /// those that lost all their own support,
    pub fallen: Vec<usize>,
    /// and those whose link to the claim the reader agrees an undercut cuts.
    pub cut: Vec<usize>,
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

/// The argument's structure in index form. It does not depend on anyone's
/// marks, so the reader builds it once per document and keeps it.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    /// Whether each node is a claim.
    claim: Vec<bool>,
    /// For each node: (supporter, undercuts of that link).
    supports: Vec<Vec<(usize, Vec<usize>)>>,
    /// For each node: nodes that rebut it.
    rebuttals: Vec<Vec<usize>>,
    /// For each node: the nodes it supports.
    supported: Vec<Vec<usize>>,
    /// For each node: the nodes whose support it undercuts (the supported end).
    undercutting: Vec<Vec<usize>>,
    /// For each node: the nodes it rebuts.
    rebutting: Vec<Vec<usize>>,
    /// The nodes before `tail` in an order in which every supporter comes
    /// before what it supports.
    order: Vec<usize>,
    /// Where the nodes put in at the end begin (a reader's own, which only
    /// they support): they are ordered apart, before all others, so changing
    /// them never orders the document again.
    tail: usize,
    /// The nodes from `tail` on, every supporter before what it supports.
    tail_order: Vec<usize>,
    /// Each node's place: in `order`, or (negative) in `tail_order`.
    rank: Vec<i64>,
}

/// What one reader's marks make of the argument: every node's stance and
/// status (with its causes) and the tensions, kept up to date one mark at a
/// time by [`Engine::set_stance`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marked {
    stances: Vec<Option<Stance>>,
    statuses: Vec<(Status, Vec<usize>)>,
    /// Tensions by claim index (claims without any are absent).
    tensions: BTreeMap<usize, Vec<Tension>>,
}

impl Marked {
    /// The status of node `i` (nodes out of range stand).
    pub fn status(&self, i: usize) -> Status {
        self.statuses.get(i).map_or(Status::Stands, |s| s.0)
    }

    /// The nodes that give node `i` its status.
    pub fn because(&self, i: usize) -> &[usize] {
        self.statuses.get(i).map_or(&[], |s| s.1.as_slice())
    }

    /// The reader's stance on node `i`.
    pub fn stance(&self, i: usize) -> Option<Stance> {
        self.stances.get(i).copied().flatten()
    }

    /// Every tension, in document order of their claims.
    pub fn tensions(&self) -> impl Iterator<Item = &Tension> {
        self.tensions.values().flatten()
    }

    /// How many tensions there are.
    pub fn tension_count(&self) -> usize {
        self.tensions.values().map(Vec::len).sum()
    }
}

impl Engine {
    /// Indexes `doc`'s relations once.
    pub fn new(doc: &Document) -> Engine {
        Engine::with_tail(doc, doc.nodes.len())
    }

    /// [`Engine::new`] for a document whose nodes from `tail` on are a
    /// reader's own, to be changed with [`Engine::cut`] and [`Engine::extend`].
    pub fn with_tail(doc: &Document, tail: usize) -> Engine {
        let n = doc.nodes.len();
        let mut engine = Engine {
            claim: doc
                .nodes
                .iter()
                .map(|n| n.kind == NodeKind::Claim)
                .collect(),
            supports: vec![Vec::new(); n],
            rebuttals: vec![Vec::new(); n],
            supported: vec![Vec::new(); n],
            undercutting: vec![Vec::new(); n],
            rebutting: vec![Vec::new(); n],
            order: Vec::new(),
            tail: tail.min(n),
            tail_order: Vec::new(),
            rank: vec![0; n],
        };
        let ends = doc.relation_ends();
        engine.relate(doc, doc.relations.iter().zip(ends), false);
        // Supporters before what they support (the loader rejects support cycles;
        // any left over are appended so every node is visited once).
        engine.order = engine.supporters_first(0..engine.tail);
        for (r, &i) in engine.order.iter().enumerate() {
            engine.rank[i] = r as i64;
        }
        engine.order_tail();
        engine
    }

    /// Files relations (with their ends) as [`Engine::new`] does: supports and
    /// rebuttals, then undercuts, each in the order given; `in_order` when
    /// they come from one node put in among the reader's, so each goes after
    /// those of the nodes before it rather than last. Returns what they bear on.
    fn relate<'a>(
        &mut self,
        doc: &Document,
        relations: impl Iterator<Item = (&'a Relation, (Option<usize>, Option<usize>))> + Clone,
        in_order: bool,
    ) -> Vec<usize> {
        let mut seeds = Vec::new();
        for (r, end) in relations.clone() {
            let (Some(f), Some(t)) = end else { continue };
            match r.kind {
                RelationKind::Supports => {
                    let list = &mut self.supports[t];
                    let i = if in_order {
                        list.partition_point(|(s, _)| *s <= f)
                    } else {
                        list.len()
                    };
                    list.insert(i, (f, Vec::new()));
                    self.supported[f].push(t);
                }
                RelationKind::Rebuts => {
                    let list = &mut self.rebuttals[t];
                    let i = if in_order {
                        list.partition_point(|&s| s <= f)
                    } else {
                        list.len()
                    };
                    list.insert(i, f);
                    self.rebutting[f].push(t);
                }
                RelationKind::Undercuts => continue,
            }
            seeds.push(t);
        }
        for (r, end) in relations {
            if r.kind != RelationKind::Undercuts {
                continue;
            }
            let (Some(u), Some(ev), Some(claim)) = (
                end.0,
                end.1,
                r.link.as_deref().and_then(|l| doc.node_index(l)),
            ) else {
                continue;
            };
            if let Some(link) = self.supports[claim].iter_mut().find(|(s, _)| *s == ev) {
                let i = if in_order {
                    link.1.partition_point(|&x| x <= u)
                } else {
                    link.1.len()
                };
                link.1.insert(i, u);
                self.undercutting[u].push(claim);
            }
            seeds.push(claim);
        }
        seeds
    }

    /// The nodes of `range` with every supporter (in the range) before what
    /// it supports, by depth-first walks from each in turn.
    fn supporters_first(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        let mut order = Vec::with_capacity(range.len());
        let mut state = vec![0u8; range.len()];
        let start_at = range.start;
        let len = state.len();
        let at = |i: usize| i.checked_sub(start_at).filter(|&i| i < len);
        for start in range.clone() {
            if state[start - start_at] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start - start_at] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&(s, _)) = self.supports[node].get(*next) {
                    *next += 1;
                    if let Some(i) = at(s)
                        && state[i] == 0
                    {
                        state[i] = 1;
                        stack.push((s, 0));
                    }
                } else {
                    state[node - start_at] = 2;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        order
    }

    /// Orders the nodes from `tail` on and ranks them before all others.
    fn order_tail(&mut self) {
        self.tail_order = self.supporters_first(self.tail..self.claim.len());
        let count = self.tail_order.len() as i64;
        for (r, &i) in self.tail_order.iter().enumerate() {
            self.rank[i] = r as i64 - count;
        }
    }

    /// Every node, each after its supporters.
    fn order(&self) -> impl Iterator<Item = usize> + '_ {
        self.tail_order.iter().chain(&self.order).copied()
    }

    /// Takes out what `doc` (not yet cut) has from node `nodes` and relation
    /// `relations` on, with the statuses of the nodes cut ([`Document::cut_tail`]).
    /// Returns the nodes before the cut whose status may change. Every
    /// relation naming a node after the cut must be after the cut too, and so
    /// must every undercut of a support after it. Costs what is cut.
    pub fn cut(
        &mut self,
        doc: &Document,
        marked: &mut Marked,
        nodes: usize,
        relations: usize,
    ) -> Vec<usize> {
        let cut = doc.relations.get(relations..).unwrap_or(&[]);
        let mut seeds = self.unrelate(doc, cut);
        let nodes = nodes.min(self.claim.len());
        for list in [
            &mut self.rebuttals,
            &mut self.supported,
            &mut self.undercutting,
            &mut self.rebutting,
        ] {
            list.truncate(nodes);
        }
        self.claim.truncate(nodes);
        self.supports.truncate(nodes);
        self.rank.truncate(nodes);
        self.tail_order.retain(|&n| n < nodes);
        marked.stances.truncate(nodes);
        marked.statuses.truncate(nodes);
        marked.tensions.split_off(&nodes);
        seeds.retain(|&s| s < nodes);
        seeds.sort_unstable();
        seeds.dedup();
        seeds
    }

    /// Puts in what `doc` has from node `nodes` and relation `relations` on
    /// (appended since [`Engine::cut`]), and evaluates again the nodes from
    /// `changed` on, `seeds`, and what they bear on as far as statuses change:
    /// `marked` is then what [`Engine::evaluate`] makes of `doc`, `stance`
    /// giving the reader's stance on each new node by id.
    pub fn extend(
        &mut self,
        doc: &Document,
        marked: &mut Marked,
        stance: impl Fn(&str) -> Option<Stance>,
        (nodes, relations, changed): (usize, usize, usize),
        mut seeds: Vec<usize>,
    ) {
        for n in doc.nodes.iter().skip(nodes) {
            self.claim.push(n.kind == NodeKind::Claim);
            self.supports.push(Vec::new());
            self.rebuttals.push(Vec::new());
            self.supported.push(Vec::new());
            self.undercutting.push(Vec::new());
            self.rebutting.push(Vec::new());
            self.rank.push(0);
            marked.stances.push(stance(&n.id));
            marked.statuses.push((Status::Stands, Vec::new()));
        }
        let added = doc.relations.get(relations..).unwrap_or(&[]);
        let ends: Vec<_> = added.iter().map(|r| doc.relation_end(r)).collect();
        seeds.extend(self.relate(doc, added.iter().zip(ends.iter().copied()), false));
        self.order_tail();
        seeds.extend(changed..self.claim.len());
        self.settle(doc, marked, seeds);
    }

    /// Takes out what relations `cut` of `doc` filed; returns what they bore on.
    fn unrelate(&mut self, doc: &Document, cut: &[Relation]) -> Vec<usize> {
        let mut seeds = Vec::new();
        let drop_last = |list: &mut Vec<usize>, x: usize| {
            if let Some(i) = list.iter().rposition(|&y| y == x) {
                list.remove(i);
            }
        };
        // Undercuts first: the support they cut may be cut too.
        for r in cut.iter().filter(|r| r.kind == RelationKind::Undercuts) {
            let (Some(u), Some(ev)) = doc.relation_end(r) else {
                continue;
            };
            let Some(claim) = r.link.as_deref().and_then(|l| doc.node_index(l)) else {
                continue;
            };
            if let Some(link) = self.supports[claim].iter_mut().find(|(s, _)| *s == ev)
                && let Some(i) = link.1.iter().rposition(|&x| x == u)
            {
                link.1.remove(i);
                drop_last(&mut self.undercutting[u], claim);
            }
            seeds.push(claim);
        }
        for r in cut {
            let (Some(f), Some(t)) = doc.relation_end(r) else {
                continue;
            };
            match r.kind {
                RelationKind::Supports => {
                    if let Some(i) = self.supports[t].iter().rposition(|(s, _)| *s == f) {
                        self.supports[t].remove(i);
                    }
                    drop_last(&mut self.supported[f], t);
                }
                RelationKind::Rebuts => {
                    drop_last(&mut self.rebuttals[t], f);
                    drop_last(&mut self.rebutting[f], t);
                }
                RelationKind::Undercuts => continue,
            }
            seeds.push(t);
        }
        seeds
    }

    /// Takes out node `n`, which no other node's relations name, with its
    /// relations (`doc`, not yet changed, has them at `relations`), and its
    /// status: every later node moves down one place. Returns what `n` bore
    /// on (new positions), to evaluate again with [`Engine::settle`] once the
    /// document has lost the node too. `near` lists, once each, every node
    /// whose lists may name a node after `n` (see `Graph::remove_node`).
    pub fn remove_node(
        &mut self,
        doc: &Document,
        marked: &mut Marked,
        n: usize,
        relations: std::ops::Range<usize>,
        near: &[usize],
    ) -> Vec<usize> {
        let gone = doc.relations.get(relations).unwrap_or(&[]);
        let seeds = self.unrelate(doc, gone);
        let down = |m: usize| if m > n { m - 1 } else { m };
        self.renumber(marked, near, down);
        for lists in [
            &mut self.rebuttals,
            &mut self.supported,
            &mut self.undercutting,
            &mut self.rebutting,
        ] {
            lists.remove(n);
        }
        self.supports.remove(n);
        self.claim.remove(n);
        self.rank.remove(n);
        marked.stances.remove(n);
        marked.statuses.remove(n);
        let later = marked.tensions.split_off(&n);
        marked.tensions.extend(
            later
                .into_iter()
                .filter(|(c, _)| *c != n)
                .map(|(c, t)| (c - 1, t)),
        );
        self.order_tail();
        seeds.into_iter().filter(|&m| m != n).map(down).collect()
    }

    /// Renumbers, by `to`, every node named in the lists of the nodes `near`
    /// (each once) and in their statuses' causes.
    fn renumber(&mut self, marked: &mut Marked, near: &[usize], to: impl Fn(usize) -> usize) {
        for &x in near {
            if let Some(list) = self.supports.get_mut(x) {
                for (s, undercuts) in list.iter_mut() {
                    *s = to(*s);
                    undercuts.iter_mut().for_each(|u| *u = to(*u));
                }
            }
            for lists in [
                &mut self.rebuttals,
                &mut self.supported,
                &mut self.undercutting,
                &mut self.rebutting,
            ] {
                if let Some(list) = lists.get_mut(x) {
                    list.iter_mut().for_each(|m| *m = to(*m));
                }
            }
            if let Some((_, because)) = marked.statuses.get_mut(x) {
                because.iter_mut().for_each(|m| *m = to(*m));
            }
        }
    }

    /// Puts in node `n` of `doc` (which has it, and its relations at
    /// `relations`, already) with the reader's `stance` on it: every node
    /// from `n` on moves up one place, and `n` and what it bears on are
    /// evaluated. `near` lists, once each and by their old positions, every
    /// node whose lists may name a node from `n` on; no other node's
    /// relations may name `n`. The inverse of [`Engine::remove_node`].
    pub fn insert_node(
        &mut self,
        doc: &Document,
        marked: &mut Marked,
        (n, stance): (usize, Option<Stance>),
        relations: std::ops::Range<usize>,
        near: &[usize],
    ) {
        let up = |m: usize| if m >= n { m + 1 } else { m };
        self.renumber(marked, near, up);
        for lists in [
            &mut self.rebuttals,
            &mut self.supported,
            &mut self.undercutting,
            &mut self.rebutting,
        ] {
            lists.insert(n, Vec::new());
        }
        self.supports.insert(n, Vec::new());
        self.claim.insert(n, doc.nodes[n].kind == NodeKind::Claim);
        self.rank.insert(n, 0);
        marked.stances.insert(n, stance);
        marked.statuses.insert(n, (Status::Stands, Vec::new()));
        let later = marked.tensions.split_off(&n);
        marked
            .tensions
            .extend(later.into_iter().map(|(c, t)| (c + 1, t)));
        // Its relations, after those of the nodes before it in each list.
        let added = doc.relations.get(relations).unwrap_or(&[]);
        let ends: Vec<_> = added.iter().map(|r| doc.relation_end(r)).collect();
        let mut seeds = vec![n];
        seeds.extend(self.relate(doc, added.iter().zip(ends.iter().copied()), true));
        self.order_tail();
        self.settle(doc, marked, seeds);
    }

    /// Evaluates `seeds` of `doc` again after a change to it (see
    /// [`Engine::remove_node`]), and upward from them as far as a status
    /// changes, in rank order; refreshes the tensions of every node touched.
    pub fn settle(&self, doc: &Document, marked: &mut Marked, seeds: Vec<usize>) {
        let mut touched: BTreeSet<usize> = BTreeSet::new();
        let mut queue = Queue::default();
        for s in seeds {
            if s < self.claim.len() {
                touched.insert(s);
                queue.push(self.rank[s], s);
            }
        }
        self.propagate(doc, marked, queue, touched);
    }

    /// Node `c`'s status, given everyone's stances and whether each supporter is
    /// unsupported. A supporter later in `order` (only in a support cycle, which
    /// the loader rejects) is read as standing, so every evaluation agrees.
    fn eval(
        &self,
        c: usize,
        stance: impl Fn(usize) -> Option<Stance>,
        unsupported: impl Fn(usize) -> bool,
    ) -> (Status, Vec<usize>) {
        let agreed = |i: usize| stance(i) == Some(Stance::Agree);
        let mut lost = Vec::new();
        let mut attackers = Vec::new();
        for (s, undercuts) in &self.supports[c] {
            let before = attackers.len();
            attackers.extend(undercuts.iter().copied().filter(|&u| agreed(u)));
            let cut = attackers.len() > before;
            let fallen = self.rank[*s] < self.rank[c] && unsupported(*s);
            if stance(*s) == Some(Stance::Dispute) || fallen || cut {
                lost.push(*s);
            }
        }
        attackers.extend(self.rebuttals[c].iter().copied().filter(|&r| agreed(r)));
        let total = self.supports[c].len();
        if total > 0 && lost.len() == total {
            (Status::Unsupported, lost)
        } else if !attackers.is_empty() {
            (Status::Contested, attackers)
        } else if !lost.is_empty() {
            (Status::Weakened, lost)
        } else {
            (Status::Stands, Vec::new())
        }
    }

    /// Every status from nothing, with `stance` giving each node's stance.
    fn statuses(&self, stance: impl Fn(usize) -> Option<Stance>) -> Vec<(Status, Vec<usize>)> {
        let mut out = vec![(Status::Stands, Vec::new()); self.claim.len()];
        for c in self.order() {
            out[c] = self.eval(c, &stance, |s| out[s].0 == Status::Unsupported);
        }
        out
    }

    /// What `marks` make of `doc`, computed in full (once per document or marks file).
    pub fn evaluate(&self, doc: &Document, marks: &Marks) -> Marked {
        let mut stances = vec![None; self.claim.len()];
        for (id, m) in &marks.by_node {
            if let Some(i) = doc.node_index(id)
                && let Some(slot) = stances.get_mut(i)
            {
                *slot = m.stance;
            }
        }
        let statuses = self.statuses(|i| stances[i]);
        let mut marked = Marked {
            stances,
            statuses,
            tensions: BTreeMap::new(),
        };
        for c in 0..self.claim.len() {
            self.refresh_tensions(doc, &mut marked, c);
        }
        marked
    }

    /// Changes the stance on node `x` and updates only what depends on it: the
    /// nodes `x` supports, rebuts or undercuts, and what they support in turn as
    /// far as a status changes. In a debate tree that is a few dozen nodes, not
    /// the document.
    pub fn set_stance(
        &self,
        doc: &Document,
        marked: &mut Marked,
        x: usize,
        stance: Option<Stance>,
    ) {
        if x >= marked.stances.len() || marked.stances[x] == stance {
            return;
        }
        marked.stances[x] = stance;
        let mut touched: BTreeSet<usize> = BTreeSet::from([x]);
        let mut queue = Queue::default();
        for &t in self.supported[x]
            .iter()
            .chain(&self.undercutting[x])
            .chain(&self.rebutting[x])
        {
            touched.insert(t);
            queue.push(self.rank[t], t);
        }
        self.propagate(doc, marked, queue, touched);
    }

    /// Evaluates what `queue` holds in rank order, queueing what a node
    /// supports when it becomes or stops being unsupported; refreshes the
    /// tensions of every node `touched` or changed.
    fn propagate(
        &self,
        doc: &Document,
        marked: &mut Marked,
        mut queue: Queue,
        mut touched: BTreeSet<usize>,
    ) {
        while let Some(c) = queue.pop() {
            let new = self.eval(
                c,
                |i| marked.stances[i],
                |s| marked.statuses[s].0 == Status::Unsupported,
            );
            if new == marked.statuses[c] {
                continue;
            }
            let flipped =
                (new.0 == Status::Unsupported) != (marked.statuses[c].0 == Status::Unsupported);
            marked.statuses[c] = new;
            touched.insert(c);
            if flipped {
                for &p in &self.supported[c] {
                    if self.rank[p] > self.rank[c] {
                        queue.push(self.rank[p], p);
                    }
                }
            }
        }
        for c in touched {
            self.refresh_tensions(doc, marked, c);
        }
    }

    /// If the reader disputed node `x`, the claims that would lose their last
    /// support (that are not unsupported already), in document order. Only what
    /// `x` supports or undercuts, and upward from there, is evaluated.
    pub fn what_if_disputed(&self, marked: &Marked, x: usize) -> Vec<usize> {
        if x >= marked.stances.len() {
            return Vec::new();
        }
        let stance = |i: usize| {
            if i == x {
                Some(Stance::Dispute)
            } else {
                marked.stances[i]
            }
        };
        let mut then: HashMap<usize, bool> = HashMap::new();
        let mut queue = Queue::default();
        for &t in self.supported[x].iter().chain(&self.undercutting[x]) {
            queue.push(self.rank[t], t);
        }
        while let Some(c) = queue.pop() {
            let now = |i: usize| marked.statuses[i].0 == Status::Unsupported;
            let unsupported = |i: usize| then.get(&i).copied().unwrap_or_else(|| now(i));
            let new = self.eval(c, stance, unsupported).0 == Status::Unsupported;
            if new != now(c) {
                then.insert(c, new);
                for &p in &self.supported[c] {
                    if self.rank[p] > self.rank[c] {
                        queue.push(self.rank[p], p);
                    }
                }
            }
        }
        let mut lost: Vec<usize> = then
            .into_iter()
            .filter(|&(i, u)| u && self.claim[i])
            .map(|(i, _)| i)
            .collect();
        lost.sort_unstable();
        lost
    }

    /// Why claim `c` has its status, as data for each interface to put in
    /// its own words (and language). `None` for an index out of range.
    pub fn why(&self, marked: &Marked, c: usize) -> Option<Why> {
        let (status, because) = marked.statuses.get(c)?;
        let mut why = Why {
            status: *status,
            supports: self.supports.get(c).map_or(0, Vec::len),
            because: because.clone(),
            disputed: Vec::new(),
            fallen: Vec::new(),
            cut: Vec::new(),
        };
        if matches!(status, Status::Weakened | Status::Unsupported) {
            for &s in because {
                if marked.stance(s) == Some(Stance::Dispute) {
                    why.disputed.push(s);
                } else if let Some((_, us)) = self.supports[c].iter().find(|(x, _)| *x == s)
                    && us.iter().any(|&u| marked.stance(u) == Some(Stance::Agree))
                {
                    why.cut.push(s);
                } else {
                    why.fallen.push(s);
                }
            }
        }
        Some(why)
    }

    /// Why claim `c` has its status, in words a student understands.
    pub fn explain(&self, doc: &Document, marked: &Marked, c: usize) -> String {
        let Some(why) = self.why(marked, c) else {
            return String::new();
        };
        let id = &doc.nodes[c].id;
        let total = why.supports;
        let because = &why.because;
        match why.status {
            Status::Stands if total == 0 => format!("{id} stands: nothing you marked bears on it."),
            Status::Stands => format!("{id} stands: all {total} of its supports still count."),
            Status::Weakened => format!(
                "{id} is weakened: {} of its {total} supports no longer count ({}){}.",
                because.len(),
                labels(doc, because),
                reason_suffix(doc, &why)
            ),
            Status::Unsupported => format!(
                "{id} is unsupported: none of its {total} supports counts any more ({}){}.",
                labels(doc, because),
                reason_suffix(doc, &why)
            ),
            Status::Contested => format!(
                "{id} is contested: you agree with {}, which attacks it or its support.",
                labels(doc, because)
            ),
        }
    }

    /// Recomputes the tensions of node `c` (nothing for nodes that are not claims).
    fn refresh_tensions(&self, doc: &Document, marked: &mut Marked, c: usize) {
        let found = if self.claim.get(c) == Some(&true) {
            self.tensions_of(doc, marked, c)
        } else {
            Vec::new()
        };
        if found.is_empty() {
            marked.tensions.remove(&c);
        } else {
            marked.tensions.insert(c, found);
        }
    }

    fn tensions_of(&self, doc: &Document, marked: &Marked, c: usize) -> Vec<Tension> {
        let mine = marked.stance(c);
        if mine.is_none() {
            return Vec::new();
        }
        let id = &doc.nodes[c].id;
        let (status, because) = &marked.statuses[c];
        let agreed = |i: usize| marked.stance(i) == Some(Stance::Agree);
        let attackers: Vec<usize> = self.rebuttals[c]
            .iter()
            .copied()
            .chain(
                self.supports[c]
                    .iter()
                    .flat_map(|(_, us)| us.iter().copied()),
            )
            .filter(|&r| agreed(r))
            .collect();
        let mut tensions = Vec::new();
        if mine == Some(Stance::Agree) {
            for &r in &attackers {
                tensions.push(Tension {
                    kind: TensionKind::AgreeWithClaimAndRebuttal,
                    nodes: vec![id.clone(), doc.nodes[r].id.clone()],
                    explanation: format!(
                        "You agree with {} and also with {}, which argues against it. Can both be right?",
                        id, doc.nodes[r].id
                    ),
                });
            }
            if *status == Status::Unsupported {
                let mut nodes = vec![id.clone()];
                nodes.extend(because.iter().map(|&i| doc.nodes[i].id.clone()));
                tensions.push(Tension {
                    kind: TensionKind::AgreeWithUnsupported,
                    nodes,
                    explanation: format!(
                        "You agree with {}, but by your own marks none of its supports ({}) holds. What makes you accept it?",
                        id,
                        labels(doc, because)
                    ),
                });
            }
        }
        let sups = &self.supports[c];
        if mine == Some(Stance::Dispute)
            && !sups.is_empty()
            && sups.iter().all(|(s, _)| agreed(*s))
            && attackers.is_empty()
        {
            let mut nodes = vec![id.clone()];
            nodes.extend(sups.iter().map(|(s, _)| doc.nodes[*s].id.clone()));
            let ids: Vec<usize> = sups.iter().map(|(s, _)| *s).collect();
            tensions.push(Tension {
                kind: TensionKind::DisputeWhatYouSupport,
                nodes,
                explanation: format!(
                    "You dispute {}, yet you agree with everything offered for it ({}) and with nothing against it. What is missing?",
                    id,
                    labels(doc, &ids)
                ),
            });
        }
        tensions
    }
}

/// Nodes waiting to be evaluated, taken in `order` so each is evaluated once,
/// after everything it depends on.
#[derive(Default)]
struct Queue {
    heap: BinaryHeap<Reverse<(i64, usize)>>,
    queued: HashSet<usize>,
}

impl Queue {
    fn push(&mut self, rank: i64, node: usize) {
        if self.queued.insert(node) {
            self.heap.push(Reverse((rank, node)));
        }
    }

    fn pop(&mut self) -> Option<usize> {
        self.heap.pop().map(|Reverse((_, node))| node)
    }
}

/// "— you disputed E1; E2 is itself unsupported; you agree with R3, which undercuts E4's support".
fn reason_suffix(doc: &Document, why: &Why) -> String {
    let mut parts = Vec::new();
    if !why.disputed.is_empty() {
        parts.push(format!("you disputed {}", labels(doc, &why.disputed)));
    }
    if !why.fallen.is_empty() {
        parts.push(format!("{} lost all support", labels(doc, &why.fallen)));
    }
    if !why.cut.is_empty() {
        parts.push(format!(
            "you agree with an undercut of the support from {}",
            labels(doc, &why.cut)
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join("; "))
    }
}

fn labels(doc: &Document, ids: &[usize]) -> String {
    let names: Vec<&str> = ids.iter().map(|&i| doc.nodes[i].id.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Analyses the reader's marks on `doc`.
pub fn analyze(doc: &Document, marks: &Marks) -> Analysis {
    let engine = Engine::new(doc);
    let marked = engine.evaluate(doc, marks);
    let claims = doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Claim)
        .map(|(c, node)| ClaimStatus {
            node: node.id.clone(),
            status: marked.status(c),
            because: marked
                .because(c)
                .iter()
                .map(|&i| doc.nodes[i].id.clone())
                .collect(),
            explanation: engine.explain(doc, &marked, c),
            why: engine.why(&marked, c),
        })
        .collect();
    let tensions = marked.tensions().cloned().collect();
    Analysis { claims, tensions }
}

/// If the reader disputed node `x`, the claims that would lose their last
/// support (that are not unsupported already), in document order.
pub fn what_if_disputed(doc: &Document, marks: &Marks, x: usize) -> Vec<usize> {
    let engine = Engine::new(doc);
    engine.what_if_disputed(&engine.evaluate(doc, marks), x)
}

/// The status of every node, by index (claims get theirs; other nodes stand
/// unless they have supports of their own).
pub fn node_statuses(doc: &Document, marks: &Marks) -> Vec<Status> {
    let engine = Engine::new(doc);
    engine
        .statuses(|i| marks.stance(&doc.nodes[i].id))
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// What-if by its definition: every status evaluated twice, with and without
/// the extra dispute. The incremental [`Engine::what_if_disputed`] must agree
/// with it; tests compare the two.
pub fn what_if_disputed_in_full(doc: &Document, marks: &Marks, x: usize) -> Vec<usize> {
    let engine = Engine::new(doc);
    let stance = |i: usize| marks.stance(&doc.nodes[i].id);
    let now = engine.statuses(stance);
    let then = engine.statuses(|i| {
        if i == x {
            Some(Stance::Dispute)
        } else {
            stance(i)
        }
    });
    (0..doc.nodes.len())
        .filter(|&i| doc.nodes[i].kind == NodeKind::Claim)
        .filter(|&i| now[i].0 != Status::Unsupported && then[i].0 == Status::Unsupported)
        .collect()
}
