//! The reader's own nodes laid over the article, and laid again after each
//! change to them at the cost of the change, not of the document: the nodes
//! from the first changed one on are cut off the end of the document and put
//! back changed, and the graph, the analysis, the outline's rows and the
//! search text follow ([`App::relay`]). With 100,000 article nodes, building
//! everything again took most of a second a key; this takes what was cut.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use super::{App, Hit, Overlay};
use crate::marks::additions::{Addition, Orphan, author_of, node_of, relations_of};
use crate::model::{Node, Relation};

/// Which additions are nodes of the document being read, in order: node
/// `base + i` is `additions[i]`, and its relations begin at `relations[i]`
/// in the document's relations (each addition's together, in order).
#[derive(Debug, Default)]
pub(super) struct Laid {
    additions: Vec<Arc<Addition>>,
    relations: Vec<usize>,
}

impl App {
    /// Notes which additions the document (just overlaid in full) has as
    /// nodes, so the next change can be laid incrementally. A file whose
    /// additions share an id, or take one of the article's, is always laid in
    /// full: which one is the node is for the full overlay to decide.
    pub(super) fn note_laid(&mut self) {
        self.laid = None;
        if self
            .orphan_additions
            .iter()
            .any(|o| matches!(o, Orphan::IdTaken { .. }))
        {
            return;
        }
        let (base_n, mut r) = (self.base.nodes.len(), self.base.relations.len());
        let mut laid = Laid::default();
        for a in self.marks.additions() {
            let at = base_n + laid.additions.len();
            if self.doc.nodes.get(at).is_none_or(|n| n.id != a.id) {
                // Not where the overlay puts it: nothing incremental is safe.
                return;
            }
            laid.additions.push(Arc::clone(a));
            laid.relations.push(r);
            while self
                .doc
                .relations
                .get(r)
                .is_some_and(|rel| rel.from == a.id)
            {
                r += 1;
            }
        }
        if base_n + laid.additions.len() == self.doc.nodes.len() && r == self.doc.relations.len() {
            self.laid = Some(laid);
        }
    }

    /// Lays the reader's additions over the article again after a change to
    /// them: what changed is cut off the end and put back, the rest stays.
    /// Everything derived from the document is then as a full overlay makes
    /// it ([`App::overlay_again`], which this falls back to when it cannot
    /// be sure), and the reader stays where they were.
    pub(super) fn relay(&mut self) {
        let Some(laid) = self.laid.take() else {
            self.overlay_again();
            return;
        };
        let base_n = self.base.nodes.len();
        let wanted: Vec<Arc<Addition>> = self.marks.additions().to_vec();
        // The first addition that is not laid as it is now.
        let p = laid
            .additions
            .iter()
            .zip(&wanted)
            .position(|(a, b)| !Arc::ptr_eq(a, b))
            .unwrap_or(laid.additions.len().min(wanted.len()));
        if p == laid.additions.len() && p == wanted.len() {
            self.laid = Some(laid);
            return;
        }
        let rest_same = |from: usize, to: usize| {
            laid.additions.len() - from == wanted.len() - to
                && laid.additions[from..]
                    .iter()
                    .zip(&wanted[to..])
                    .all(|(a, b)| Arc::ptr_eq(a, b))
        };
        // One addition's words changed, nothing else: the node's words change.
        if p < laid.additions.len()
            && p < wanted.len()
            && same_but_words(&laid.additions[p], &wanted[p])
            && rest_same(p + 1, p + 1)
        {
            self.rewrite(laid, p, &wanted[p]);
            return;
        }
        // One addition came (a new one, or a deleted one back), and nothing
        // else names it: its node goes in, and the later ones move up.
        if p < wanted.len()
            && rest_same(p, p + 1)
            && !named_by_others(&wanted, p)
            && self.doc.node_index(&wanted[p].id).is_none()
            && self.base.node_index(&wanted[p].id).is_none()
        {
            self.insert_own(laid, p, &wanted[p]);
            return;
        }
        // One addition changed what it answers or where it stands, and
        // nothing names it: its node goes out and comes back changed.
        if p < laid.additions.len()
            && p < wanted.len()
            && laid.additions[p].id == wanted[p].id
            && rest_same(p + 1, p + 1)
            && !named_by_others(&laid.additions, p)
            && !named_by_others(&wanted, p)
        {
            // (Were it laid in full instead, the change is in already.)
            if self.remove_own(laid, p)
                && let Some(laid) = self.laid.take()
            {
                self.insert_own(laid, p, &wanted[p]);
            }
            return;
        }
        // One addition went, and nothing names it: its node goes.
        if p < laid.additions.len() && rest_same(p + 1, p) && !named_by_others(&laid.additions, p) {
            self.remove_own(laid, p);
            return;
        }
        // The ids from there on, before and after; a new one that is taken
        // (by the article, or twice) is for the full overlay.
        let fresh: HashSet<&str> = wanted[p..].iter().map(|a| a.id.as_str()).collect();
        if fresh.len() != wanted.len() - p
            || wanted[p..].iter().any(|a| {
                self.base.node_index(&a.id).is_some()
                    || self.doc.node_index(&a.id).is_some_and(|i| i < base_n + p)
            })
        {
            self.overlay_again();
            return;
        }
        let mut ids: HashSet<&str> = fresh;
        ids.extend(laid.additions[p..].iter().map(|a| a.id.as_str()));
        // Additions before `p` whose relations name a node from there on are
        // laid again too (and, in turn, those naming them), so every relation
        // naming a changed node is cut and put back with it.
        let mut q = p;
        for i in (0..p).rev() {
            let names = |id: &str| ids.contains(id);
            if laid.additions[i]
                .relations
                .iter()
                .any(|r| names(&r.to) || r.link.as_deref().is_some_and(names))
            {
                ids.extend(laid.additions[i..q].iter().map(|a| a.id.as_str()));
                q = i;
            }
        }
        let node_cut = base_n + p;
        let first_changed = base_n + q;
        let rel_cut = laid
            .relations
            .get(q)
            .copied()
            .unwrap_or(self.doc.relations.len());
        let old_len = self.doc.nodes.len();
        // Where each node from the first changed one sat in the outline.
        let old_place: Vec<_> = (first_changed..old_len)
            .map(|n| (self.graph.anchors[n], self.graph.outline_parent[n]))
            .collect();
        // Old position → new, by addition (ids may have moved up or down).
        let new_at: HashMap<*const Addition, usize> = wanted[p..]
            .iter()
            .enumerate()
            .map(|(i, a)| (Arc::as_ptr(a), node_cut + i))
            .collect();
        let moved: Vec<Option<usize>> = laid.additions[p..]
            .iter()
            .map(|a| new_at.get(&Arc::as_ptr(a)).copied())
            .collect();
        let renumber = |n: usize| {
            if n < node_cut {
                Some(n)
            } else {
                moved.get(n - node_cut).copied().flatten()
            }
        };

        // The document, the graph and the analysis: cut, then put back.
        let graph = Rc::make_mut(&mut self.graph);
        graph.cut(&self.doc, (node_cut, rel_cut, first_changed));
        let engine = Rc::make_mut(&mut self.engine);
        let seeds = engine.cut(&self.doc, &mut self.marked, node_cut, rel_cut);
        // The search text lets go of the document, so it is changed in place.
        self.search_text.get();
        let doc = Arc::make_mut(&mut self.doc);
        let (cut_nodes, _) = doc.cut_tail(node_cut, rel_cut);
        let mut kept: HashMap<*const Addition, Node> = laid.additions[p..]
            .iter()
            .map(Arc::as_ptr)
            .zip(cut_nodes)
            .collect();
        let author = author_of(&self.marks);
        self.orphan_additions
            .retain(|o| !ids.contains(o.addition()));
        let mut nodes = Vec::with_capacity(wanted.len() - p);
        for a in &wanted[p..] {
            let node = match kept.remove(&Arc::as_ptr(a)) {
                Some(node) => {
                    self.orphan_additions.extend(lost_place(a, &node));
                    node
                }
                None => {
                    let (node, orphan) = node_of(&self.base, &author, a);
                    self.orphan_additions.extend(orphan);
                    node
                }
            };
            nodes.push(node);
        }
        for a in &wanted[q..p] {
            let lost = self.doc.node(&a.id).and_then(|n| lost_place(a, n));
            self.orphan_additions.extend(lost);
        }
        let doc = Arc::make_mut(&mut self.doc);
        doc.push_nodes(nodes, Vec::new());
        let mut relations: Vec<Relation> = Vec::new();
        let mut starts = Vec::with_capacity(wanted.len() - q);
        for a in &wanted[q..] {
            starts.push(rel_cut + relations.len());
            let (mine, lost) = relations_of(a, |id| doc.node_index(id).is_some());
            relations.extend(mine);
            self.orphan_additions.extend(lost);
        }
        doc.push_nodes(Vec::new(), relations);
        let graph = Rc::make_mut(&mut self.graph);
        graph.extend(&self.doc, (node_cut, rel_cut, first_changed));
        let engine = Rc::make_mut(&mut self.engine);
        let marks = &self.marks;
        engine.extend(
            &self.doc,
            &mut self.marked,
            |id| marks.stance(id),
            (node_cut, rel_cut, first_changed),
            seeds,
        );
        self.search_text
            .renodes(&self.doc, &self.graph.labels, node_cut);

        // The outline: only sections where a node came, went or moved are
        // walked again; elsewhere rows are renumbered.
        let mut sections: HashSet<usize> = HashSet::new();
        let mut seen_new = vec![false; self.doc.nodes.len() - first_changed];
        for (i, &(anchor, parent)) in old_place.iter().enumerate() {
            let n = first_changed + i;
            let now = renumber(n);
            let same = now.is_some_and(|m| {
                seen_new[m - first_changed] = true;
                self.graph.anchors[m] == anchor
                    && self.graph.outline_parent[m] == parent.and_then(renumber)
            });
            if !same {
                sections.extend(anchor.map(|a| a.0));
                sections.extend(now.and_then(|m| self.graph.anchors[m]).map(|a| a.0));
            }
        }
        for (i, seen) in seen_new.iter().enumerate() {
            if !seen {
                sections.extend(self.graph.anchors[first_changed + i].map(|a| a.0));
            }
        }
        self.redo_rows(&sections, renumber, node_cut, old_len);

        self.renumbered(renumber);

        let mut laid = laid;
        laid.additions.truncate(p);
        laid.additions.extend(wanted[p..].iter().cloned());
        laid.relations.truncate(q);
        laid.relations.extend(starts);
        self.laid = Some(laid);
    }
}

/// The orphan addition `a` is when it was laid as `node` without a place in
/// the text, though it names one (its place depends on the article alone, so
/// a node laid before tells it without looking in the text again).
fn lost_place(a: &Addition, node: &Node) -> Option<Orphan> {
    let lost = a.paragraph.is_some() && node.paragraphs.is_empty()
        || a.quote.is_some() && a.paragraph.is_none();
    lost.then(|| Orphan::Anchor {
        addition: a.id.clone(),
        paragraph: a.paragraph.clone(),
    })
}

/// Whether `b` is `a` with other words or note, and nothing else changed.
fn same_but_words(a: &Addition, b: &Addition) -> bool {
    a.id == b.id
        && a.kind == b.kind
        && a.quote == b.quote
        && a.paragraph == b.paragraph
        && a.relations == b.relations
}

/// Whether any addition but `additions[p]` has a relation naming it.
fn named_by_others(additions: &[Arc<Addition>], p: usize) -> bool {
    let id = additions[p].id.as_str();
    additions.iter().enumerate().any(|(i, a)| {
        i != p
            && a.relations
                .iter()
                .any(|r| r.to == id || r.link.as_deref() == Some(id))
    })
}

impl App {
    /// Every node whose lists may name one of the reader's nodes, each once:
    /// theirs, and what theirs bear on (and the supports they undercut).
    fn near_own(&self) -> Vec<usize> {
        let (base_n, len) = (self.base.nodes.len(), self.doc.nodes.len());
        let mut near: Vec<usize> = (base_n..len).collect();
        for y in base_n..len {
            for e in &self.graph.neighbours[y] {
                near.push(e.node);
                near.extend(e.via);
            }
        }
        near.sort_unstable();
        near.dedup();
        near
    }

    /// Addition `p`'s words or note changed (`now`): only its node's words,
    /// and their search text, change.
    fn rewrite(&mut self, mut laid: Laid, p: usize, now: &Arc<Addition>) {
        let n = self.base.nodes.len() + p;
        self.search_text.get();
        let doc = Arc::make_mut(&mut self.doc);
        if let Some(node) = doc.nodes.get_mut(n) {
            node.text = now.text.clone();
            node.note = now.note.clone();
        }
        self.search_text.renode(&self.doc, &self.graph.labels, &[n]);
        laid.additions[p] = Arc::clone(now);
        self.laid = Some(laid);
        self.marks_version += 1;
    }

    /// Addition `p` was deleted, and no other names it: its node and
    /// relations are taken out, and every later node moves down one place,
    /// in the document, the graph, the analysis, the rows and the search
    /// text, at the cost of the reader's nodes, not of the article's. False
    /// when it had to lay everything in full instead.
    fn remove_own(&mut self, mut laid: Laid, p: usize) -> bool {
        let base_n = self.base.nodes.len();
        let n = base_n + p;
        let old_len = self.doc.nodes.len();
        let start = laid.relations[p];
        let end = laid
            .relations
            .get(p + 1)
            .copied()
            .unwrap_or(self.doc.relations.len());
        let near = self.near_own();
        let section = self.graph.anchors[n].map(|a| a.0);
        let (row, parent) = (self.node_row(n), self.graph.outline_parent[n]);
        let graph = Rc::make_mut(&mut self.graph);
        let relabelled = graph.remove_node(&self.doc, n, start..end, &near);
        let engine = Rc::make_mut(&mut self.engine);
        let seeds = engine.remove_node(&self.doc, &mut self.marked, n, start..end, &near);
        self.search_text.get();
        if !Arc::make_mut(&mut self.doc).remove_node(n, start..end) {
            // Not a node the reader added after the article: lay all again.
            self.overlay_again();
            return false;
        }
        // What it bore on, evaluated in the document without it.
        self.engine.settle(&self.doc, &mut self.marked, seeds);
        self.search_text.relabel(&self.graph.labels, n, &relabelled);
        let gone = laid.additions[p].id.clone();
        self.orphan_additions.retain(|o| o.addition() != gone);
        let renumber = |m: usize| match m.cmp(&n) {
            std::cmp::Ordering::Less => Some(m),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(m - 1),
        };
        match row {
            // Shown: its row goes, and nothing else moves but the rows below.
            Some(r) => self.drop_row(r, n, old_len, parent.and_then(renumber)),
            None => self.redo_rows(&section.into_iter().collect(), renumber, n, old_len),
        }
        self.renumbered(renumber);
        laid.additions.remove(p);
        laid.relations.remove(p);
        for r in &mut laid.relations[p..] {
            *r -= end - start;
        }
        self.laid = Some(laid);
        true
    }

    /// Addition `a` came in at `p` among the laid ones, and no other names
    /// it: its node and relations go in, and every later node moves up one
    /// place, at the cost of the reader's nodes, not of the article's.
    fn insert_own(&mut self, mut laid: Laid, p: usize, a: &Arc<Addition>) {
        let base_n = self.base.nodes.len();
        let n = base_n + p;
        let old_len = self.doc.nodes.len();
        let at = laid
            .relations
            .get(p)
            .copied()
            .unwrap_or(self.doc.relations.len());
        let near = self.near_own();
        let (node, orphan) = node_of(&self.base, &author_of(&self.marks), a);
        self.orphan_additions.extend(orphan);
        let exists = |id: &str| id == a.id || self.doc.node_index(id).is_some();
        let (relations, lost) = relations_of(a, exists);
        self.orphan_additions.extend(lost);
        let count = relations.len();
        self.search_text.get();
        if !Arc::make_mut(&mut self.doc).insert_node(n, node, relations, at) {
            self.overlay_again();
            return;
        }
        let graph = Rc::make_mut(&mut self.graph);
        let relabelled = graph.insert_node(&self.doc, n, at..at + count, &near);
        let engine = Rc::make_mut(&mut self.engine);
        let stance = self.marks.stance(&a.id);
        engine.insert_node(
            &self.doc,
            &mut self.marked,
            (n, stance),
            at..at + count,
            &near,
        );
        self.search_text
            .insert(&self.doc, &self.graph.labels, n, &relabelled);
        let renumber = |m: usize| Some(if m >= n { m + 1 } else { m });
        let section = self.graph.anchors[n].map(|a| a.0);
        self.redo_rows(&section.into_iter().collect(), renumber, n, old_len);
        self.renumbered(renumber);
        laid.additions.insert(p, Arc::clone(a));
        laid.relations.insert(p, at);
        for r in &mut laid.relations[p + 1..] {
            *r += count;
        }
        self.laid = Some(laid);
    }

    /// The outline's rows after nodes from `first_moved` on (of `old_len`)
    /// were renumbered by `renumber`: the rows of `sections` are made again,
    /// the other rows of those nodes renumbered in place, and every row
    /// indexed again (no copy of the rows is made).
    fn redo_rows(
        &mut self,
        sections: &HashSet<usize>,
        renumber: impl Fn(usize) -> Option<usize>,
        first_moved: usize,
        old_len: usize,
    ) {
        self.folded_nodes = self
            .folded_nodes
            .iter()
            .filter_map(|&n| renumber(n))
            .collect();
        for n in first_moved..old_len.min(self.row_of_node.len()) {
            if let (Some(r), Some(m)) = (self.node_row(n), renumber(n))
                && let Some(super::Row::Node { node, .. }) = self.rows.get_mut(r)
            {
                *node = m;
            }
        }
        // Last section first, so the rows of those before stay where they are.
        let mut redo: Vec<usize> = sections.iter().copied().collect();
        redo.sort_unstable_by(|a, b| b.cmp(a));
        for s in redo {
            let Some(&start) = self.row_of_section.get(s) else {
                continue;
            };
            let end = self
                .row_of_section
                .get(s + 1)
                .copied()
                .unwrap_or(self.rows.len());
            let fresh = super::outline::rows_of_section(
                &self.graph,
                s,
                &self.folded_sections,
                &self.folded_nodes,
            );
            let fresh = self.filtered(fresh);
            self.rows.splice(start..end, fresh);
        }
        self.index_rows();
    }

    /// Row `r`, node `n`'s, taken out of the outline with the node (which had
    /// no nodes under it): the rows of later nodes renumbered, later rows moved
    /// up, and `parent` (new position), if it has nothing under it now, no
    /// longer shown as a branch.
    fn drop_row(&mut self, r: usize, n: usize, old_len: usize, parent: Option<usize>) {
        for m in n + 1..old_len {
            if let Some(at) = self.node_row(m)
                && let Some(super::Row::Node { node, .. }) = self.rows.get_mut(at)
            {
                *node = m - 1;
            }
        }
        self.rows.remove(r);
        if n < self.row_of_node.len() {
            self.row_of_node.remove(n);
        }
        let r = u32::try_from(r).unwrap_or(super::NO_ROW);
        for at in &mut self.row_of_node {
            if *at != super::NO_ROW && *at > r {
                *at -= 1;
            }
        }
        for at in &mut self.row_of_section {
            if *at > r as usize {
                *at -= 1;
            }
        }
        if let Some(p) = parent
            && self.graph.outline_children[p].is_empty()
            && let Some(at) = self.node_row(p)
            && let Some(super::Row::Node { branch, .. }) = self.rows.get_mut(at)
        {
            *branch = false;
        }
        self.outline_cursor = self.outline_cursor.min(self.rows.len().saturating_sub(1));
        self.keep_outline_visible();
    }

    /// Where the reader is and has been, renumbered after the reader's nodes
    /// changed; popups and caches of the old graph let go.
    fn renumbered(&mut self, renumber: impl Fn(usize) -> Option<usize>) {
        self.selected = self.selected.and_then(&renumber);
        self.back = self.back.iter().filter_map(|&n| renumber(n)).collect();
        self.forward = self.forward.iter().filter_map(|&n| renumber(n)).collect();
        self.search.hits.retain_mut(|h| match h {
            Hit::Node(n) => renumber(*n).map(|m| *n = m).is_some(),
            Hit::Paragraph(..) => true,
        });
        self.search.narrowing.clear();
        if self
            .search
            .current
            .is_some_and(|c| c >= self.search.hits.len())
        {
            self.search.current = self.search.hits.len().checked_sub(1);
        }
        // Popups hold rows of the old graph.
        self.overlays.retain(|o| matches!(o, Overlay::Help { .. }));
        *self.what_if_cache.borrow_mut() = None;
        *self.map_cache.borrow_mut() = None;
        self.counts = self.marks.counts(&self.doc);
        self.marks_version += 1;
    }
}

#[cfg(test)]
mod tests {
    //! Laying incrementally is laying in full, after any sequence of changes.

    use proptest::prelude::*;

    use super::super::{App, Filter, Saving};
    use crate::marks::Marks;
    use crate::marks::additions::{Addition, AdditionRelation, Draft};
    use crate::model::{Bilingual, Document, NodeKind, RelationKind};
    use crate::tui::i18n::UiLang;
    use crate::tui::reading::Mode;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn article() -> Document {
        crate::model::load_embedded().document.expect("the article")
    }

    /// A draft answering node `to` of `app` (or nothing), by `how`, quoting
    /// words of a paragraph, naming one, or neither, as `seed` picks.
    fn draft(app: &App, seed: u32, to: Option<usize>) -> Draft {
        let kinds = [NodeKind::Claim, NodeKind::Evidence, NodeKind::Rebuttal];
        let mut d = Draft::new(
            kinds[seed as usize % 3],
            Bilingual {
                zh: format!("读者 {seed}"),
                en: format!("reader {seed}"),
            },
        );
        let paras: Vec<_> = app
            .doc
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .collect();
        let para = paras[seed as usize % paras.len()];
        match seed / 3 % 4 {
            0 => {
                let text = para.text(app.doc.lang);
                let end = text.char_indices().nth(4).map_or(text.len(), |(i, _)| i);
                d.quote = Some(text[..end].to_string());
                d.paragraph = Some(para.id.clone());
            }
            1 => d.paragraph = Some(para.id.clone()),
            // Words the article does not have: an orphan.
            2 => {
                d.quote = Some("不在文章里的话".into());
                d.paragraph = Some(para.id.clone());
            }
            // Where the form puts it: at the paragraph of the node it answers.
            _ => {
                d.paragraph = to
                    .and_then(|t| app.doc.anchor(&app.doc.nodes[t]))
                    .map(str::to_string);
            }
        }
        if let Some(to) = to {
            let target = &app.doc.nodes[to];
            let kind = match seed / 12 % 3 {
                0 => RelationKind::Supports,
                1 => RelationKind::Rebuts,
                _ => RelationKind::Undercuts,
            };
            let link = (kind == RelationKind::Undercuts)
                .then(|| {
                    app.doc
                        .outgoing(&target.id)
                        .find(|r| r.kind == RelationKind::Supports)
                        .map(|r| r.to.clone())
                })
                .flatten();
            let kind = if kind == RelationKind::Undercuts && link.is_none() {
                RelationKind::Rebuts
            } else {
                kind
            };
            d.relations.push(AdditionRelation {
                to: target.id.clone(),
                kind,
                link,
            });
            // A hand-edited file may say the same thing twice.
            if seed.is_multiple_of(5) {
                d.relations.push(d.relations[0].clone());
            }
        }
        d
    }

    /// Everything derived from the document equals what a reader opened
    /// afresh on the same article and marks has.
    fn same_as_fresh(app: &App, base: &Document) {
        let mut fresh = App::open(
            base.clone(),
            app.marks.clone(),
            Saving::Nowhere,
            UiLang::En,
            Mode::Both,
            app.size,
        );
        fresh.filter = app.filter;
        fresh.folded_nodes = app.folded_nodes.clone();
        fresh.folded_sections = app.folded_sections.clone();
        fresh.rebuild_rows();
        assert_eq!(*app.doc, *fresh.doc, "the document");
        assert_eq!(*app.graph, *fresh.graph, "the graph");
        assert_eq!(app.marked, fresh.marked, "statuses and tensions");
        assert_eq!(app.rows, fresh.rows, "the outline");
        assert_eq!(app.row_of_node, fresh.row_of_node, "the row of each node");
        assert_eq!(*app.search_text.get(), *fresh.search_text.get(), "search");
        let sorted = |a: &App| {
            let mut o: Vec<String> = a
                .orphan_additions
                .iter()
                .map(|o| format!("{o:?}"))
                .collect();
            o.sort();
            o
        };
        assert_eq!(sorted(app), sorted(&fresh), "orphans");
        assert_eq!(app.counts, fresh.counts);
        assert!(app.laid.is_some(), "still laid incrementally");
    }

    fn key(app: &mut App, c: char) {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn laying_incrementally_is_laying_in_full(
            ops in prop::collection::vec((0u8..11, any::<u32>(), any::<u32>()), 1..40)
        ) {
            run(ops);
        }
    }

    /// Cases that once failed.
    #[test]
    fn an_edit_then_a_deletion() {
        run(vec![
            (0, 0, 0),
            (0, 297040426, 0),
            (0, 1, 3207694480),
            (2, 1694085288, 2595667474),
            (3, 2039266210, 2807230344),
        ]);
    }

    /// Applies `ops` (kind, and two numbers picking what) to a reader of
    /// the article, checking it against a fresh one after every change.
    fn run(ops: Vec<(u8, u32, u32)>) {
        {
            let base = article();
            let mut app = App::open(
                base.clone(),
                Marks::new(&base, None),
                Saving::Nowhere,
                UiLang::En,
                Mode::Both,
                (120, 40),
            );
            let mut deleted: Vec<(Addition, Option<std::sync::Arc<crate::marks::Mark>>)> =
                Vec::new();
            for (op, a, b) in ops {
                let own: Vec<String> = app.marks.additions().iter().map(|x| x.id.clone()).collect();
                let any_node = |x: u32| (x as usize) % app.doc.nodes.len();
                // One's own nodes answer one's own often.
                let base_n = base.nodes.len();
                let target = |x: u32| {
                    let n = app.doc.nodes.len();
                    if x.is_multiple_of(2) && n > base_n {
                        base_n + (x as usize / 2) % (n - base_n)
                    } else {
                        any_node(x)
                    }
                };
                match op {
                    // Add a node answering any node, or nothing.
                    0 | 1 => {
                        let to = (a % 5 != 0).then(|| target(b));
                        let d = draft(&app, a, to);
                        app.marks.add_addition(d);
                    }
                    // Edit one's own node: new words, kind, place and relation.
                    2 if !own.is_empty() => {
                        let id = &own[a as usize % own.len()];
                        let to = (b % 4 != 0).then(|| target(b / 4));
                        let mut d = draft(&app, b, to);
                        // A node bearing on itself, as a hand-edited file may say.
                        if b % 7 != 0 {
                            d.relations.retain(|r| r.to != *id);
                        }
                        app.marks.edit_addition(id, d);
                    }
                    // Change only the words of one's own node.
                    9 if !own.is_empty() => {
                        let id = &own[a as usize % own.len()];
                        let mut d = Draft::of(app.marks.addition(id).expect("it is there"));
                        d.text.en = format!("new words {b}");
                        d.note = (b % 2 == 0).then(|| format!("a note {b}"));
                        app.marks.edit_addition(id, d);
                    }
                    // Delete one, with its mark.
                    3 if !own.is_empty() => {
                        let id = own[a as usize % own.len()].clone();
                        let gone = app.marks.delete_addition(&id).expect("it was there");
                        let mark = app.marks.by_node.remove(&id);
                        deleted.push((gone, mark));
                    }
                    // Undo a deletion.
                    4 if !deleted.is_empty() => {
                        let (gone, mark) = deleted.remove(a as usize % deleted.len());
                        let id = gone.id.clone();
                        app.marks.restore_addition(gone);
                        if let Some(m) = mark {
                            app.marks.by_node.insert(id, m);
                        }
                    }
                    // Mark a node (one's own, mostly), as the keys do.
                    5 | 7 | 8 => {
                        let n = if own.is_empty() || a % 3 == 0 {
                            any_node(a)
                        } else {
                            app.doc
                                .node_index(&own[a as usize % own.len()])
                                .unwrap_or(0)
                        };
                        app.focus = super::super::Pane::Outline;
                        app.select_node(n);
                        key(&mut app, ['a', 'd', 'u'][b as usize % 3]);
                        continue;
                    }
                    // Agree with one's own claim and with a rebuttal of it: a tension.
                    10 if !own.is_empty() => {
                        let id = own[a as usize % own.len()].clone();
                        let Some(y) = app.doc.node_index(&id) else {
                            continue;
                        };
                        if app.doc.nodes[y].kind != NodeKind::Claim {
                            continue;
                        }
                        let mut d = draft(&app, b, None);
                        d.kind = NodeKind::Rebuttal;
                        d.relations.push(AdditionRelation {
                            to: id,
                            kind: RelationKind::Rebuts,
                            link: None,
                        });
                        let r = app.marks.add_addition(d);
                        app.relay();
                        same_as_fresh(&app, &base);
                        app.focus = super::super::Pane::Outline;
                        for n in [Some(y), app.doc.node_index(&r)].into_iter().flatten() {
                            app.select_node(n);
                            key(&mut app, 'a');
                        }
                        continue;
                    }
                    // Fold a node, or filter the outline.
                    6 => {
                        let n = any_node(a);
                        if !app.folded_nodes.remove(&n) {
                            app.folded_nodes.insert(n);
                        }
                        app.filter = if b % 3 == 0 {
                            Filter::Agreed
                        } else {
                            Filter::All
                        };
                        app.rebuild_rows();
                        continue;
                    }
                    _ => continue,
                }
                app.relay();
                same_as_fresh(&app, &base);
            }
        }
    }
}
