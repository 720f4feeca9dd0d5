//! The reader's own arguments in the reader: selecting words of a paragraph,
//! and the form that makes a node of them (or of nothing).

use super::*;
use crate::marks::additions::{Addition, AdditionRelation, Draft};
use crate::model::{Bilingual, Lang, NodeKind, Origin, RelationKind};
use crate::tui::addform::{AddForm, Bearing, Filled, FormStep, Target};
use crate::tui::selection::{Motion, Selection};

impl App {
    /// Starts selecting in the current paragraph, the caret at the selected
    /// node's quote when it is there. Selection quotes the article's original
    /// text, so a view showing only the translation shows both.
    pub(super) fn start_selection(&mut self) {
        let doc = Arc::clone(&self.doc);
        let Some(para) = doc
            .sections
            .get(self.section)
            .and_then(|s| s.paragraphs.get(self.paragraph))
        else {
            self.message = Some(self.strings().own.no_paragraph.to_string());
            return;
        };
        if self.mode.langs(doc.lang).first() != Some(&doc.lang) {
            self.mode = Mode::Both;
            self.scroll_to_paragraph();
        }
        let text = para.text(doc.lang);
        let at = self
            .selected
            .and_then(|n| doc.nodes[n].quote.as_deref())
            .and_then(|q| text.find(q))
            .unwrap_or(0);
        self.selection = Some(Selection::new(
            self.section,
            self.paragraph,
            &para.id,
            text,
            at,
        ));
        self.focus = Pane::Reading;
        self.message = Some(self.strings().own.selecting.to_string());
    }

    /// The text of the paragraph being selected in (the original language).
    fn selection_text(&self) -> Option<(&str, &Selection)> {
        let sel = self.selection.as_ref()?;
        let para = self
            .doc
            .sections
            .get(sel.section)?
            .paragraphs
            .get(sel.paragraph)?;
        Some((para.text(self.doc.lang), sel))
    }

    /// A key while selecting.
    pub(super) fn select_action(&mut self, action: Action) -> Vec<Effect> {
        let motion = match action {
            Action::CharLeft => Some(Motion::CharLeft),
            Action::CharRight => Some(Motion::CharRight),
            Action::WordLeft => Some(Motion::WordLeft),
            Action::WordRight => Some(Motion::WordRight),
            Action::LineStart => Some(Motion::Start),
            Action::LineEnd => Some(Motion::End),
            _ => None,
        };
        let doc = Arc::clone(&self.doc);
        let Some(sel) = self.selection.as_mut() else {
            return Vec::new();
        };
        let Some(text) = doc
            .sections
            .get(sel.section)
            .and_then(|s| s.paragraphs.get(sel.paragraph))
            .map(|p| p.text(doc.lang))
        else {
            self.selection = None;
            return Vec::new();
        };
        if let Some(m) = motion {
            sel.step(text, m);
            self.keep_selection_visible();
            return Vec::new();
        }
        match action {
            Action::SelectFrom => sel.start(),
            Action::Close => self.selection = None,
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::QuoteAsEvidence => self.form_from_selection(NodeKind::Evidence),
            Action::RespondTo => self.form_from_selection(NodeKind::Rebuttal),
            _ => {}
        }
        Vec::new()
    }

    /// Scrolls the reading pane so the line with the selection's moving end is in view.
    fn keep_selection_visible(&mut self) {
        let Some(sel) = self.selection.as_ref() else {
            return;
        };
        let (section, para, head) = (sel.section, sel.paragraph, sel.head());
        let text = self.section_text(section);
        let Some(range) = text.paragraphs.get(para) else {
            return;
        };
        let line = text.lines[range.clone()]
            .iter()
            .rposition(|l| l.source.is_some_and(|s| s <= head))
            .map_or(range.start, |i| range.start + i);
        let at = Place::new(section, line);
        let height = self.pane_height(Pane::Reading);
        let top = self.with_article(|a| {
            if at < self.scroll {
                a.clamp(at, height)
            } else if a.step(self.scroll, height as isize - 1) < at {
                a.clamp(a.step(at, 1 - height as isize), height)
            } else {
                self.scroll
            }
        });
        self.scroll = top;
    }

    /// The language a reader writes in: the interface's.
    fn writing_lang(&self) -> Lang {
        match self.ui {
            UiLang::En => Lang::En,
            UiLang::Zh => Lang::Zh,
        }
    }

    /// A node as the form offers it to answer: id, label, its supports.
    fn target(&self, n: usize) -> Target {
        let supports = self
            .doc
            .incoming(&self.doc.nodes[n].id)
            .filter(|r| r.kind == crate::model::RelationKind::Supports)
            .filter_map(|r| {
                let i = self.doc.node_index(&r.from)?;
                Some((r.from.clone(), self.graph.labels[i].clone()))
            })
            .collect();
        let lang = self.mode.primary(self.doc.lang);
        Target {
            id: self.doc.nodes[n].id.clone(),
            label: self.graph.labels[n].clone(),
            text: self.doc.nodes[n].text.get_or_other(lang).to_string(),
            supports,
        }
    }

    /// The nodes a new node may answer, `first` first: then the nodes of
    /// paragraph (section, paragraph), then the thesis, each once.
    fn targets(&self, first: Option<usize>, para: Option<(usize, usize)>) -> Vec<Target> {
        let mut order: Vec<usize> = first.into_iter().collect();
        if let Some((s, p)) = para
            && let Some(here) = self.graph.at_paragraph.get(s).and_then(|ps| ps.get(p))
        {
            order.extend(here.iter().copied());
        }
        order.extend(self.graph.thesis);
        let mut seen = HashSet::new();
        order.retain(|n| seen.insert(*n));
        order.into_iter().map(|n| self.target(n)).collect()
    }

    /// Opens the form for a node answering the selected node (`A`), or the
    /// thesis when none is selected.
    pub(super) fn open_form(&mut self) {
        let targets = self.targets(self.selected, Some((self.section, self.paragraph)));
        self.form = Some(AddForm::new(
            targets,
            NodeKind::Rebuttal,
            Bearing::Rebuts,
            self.writing_lang(),
            None,
        ));
    }

    /// Opens the form with the selected words as its quote: evidence supports
    /// the selected node; a response rebuts the node whose quote the words
    /// touch, or else the selected node.
    fn form_from_selection(&mut self, kind: NodeKind) {
        let Some((text, sel)) = self.selection_text() else {
            return;
        };
        let quote = sel.quote(text);
        if quote.trim().is_empty() {
            self.message = Some(self.strings().own.select_first.to_string());
            return;
        }
        let (section, para, span) = (sel.section, sel.paragraph, sel.span());
        let quote = (quote.to_string(), sel.paragraph_id.clone());
        let first = match kind {
            NodeKind::Evidence => self.selected,
            _ => self
                .graph
                .at_paragraph
                .get(section)
                .and_then(|ps| ps.get(para))
                .and_then(|ns| {
                    ns.iter().copied().find(|&n| {
                        self.doc.nodes[n]
                            .quote
                            .as_deref()
                            .and_then(|q| text.find(q).map(|at| at..at + q.len()))
                            .is_some_and(|r| r.start < span.end && span.start < r.end)
                    })
                })
                .or(self.selected),
        };
        let bearing = if kind == NodeKind::Evidence {
            Bearing::Supports
        } else {
            Bearing::Rebuts
        };
        let targets = self.targets(first, Some((section, para)));
        self.form = Some(AddForm::new(
            targets,
            kind,
            bearing,
            self.writing_lang(),
            Some(quote),
        ));
        self.selection = None;
    }

    /// The paragraph and byte of its original text under screen cell (`x`, `y`)
    /// of the article pane, if the original text is there.
    fn text_at(&self, panes: &Panes, x: u16, y: u16) -> Option<(usize, usize, usize)> {
        let area = panes.reading.or(panes.single)?;
        if !area.contains(x, y) || (panes.reading.is_none() && self.focus != Pane::Reading) {
            return None;
        }
        let row = usize::from(y.checked_sub(area.y + 1)?);
        let col = usize::from(x.checked_sub(area.x + 1 + GUTTER)?);
        let window = self.reading_window();
        let (section, line) = window.get(row)?;
        let at = crate::tui::selection::source_at(line, col, self.ambiguous)?;
        Some((*section, line.para?, at))
    }

    /// A mouse press or drag over the article's words selects them: the press
    /// sets where, dragging within the same paragraph selects up to the
    /// character under the pointer. Whether the event was the selection's.
    pub(super) fn select_mouse(&mut self, event: MouseEvent, panes: &Panes) -> bool {
        use crossterm::event::MouseButton;
        let at = self.text_at(panes, event.column, event.row);
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.drag_from = at;
                // While selecting, a press moves the caret in the paragraph.
                if let (Some((s, p, byte)), Some(sel)) = (at, self.selection.as_mut())
                    && (sel.section, sel.paragraph) == (s, p)
                {
                    let doc = Arc::clone(&self.doc);
                    let text = doc.sections[s].paragraphs[p].text(doc.lang);
                    sel.select(text, byte, byte);
                    sel.unstart();
                    return true;
                }
                self.selection.is_some()
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                let (Some(from), Some((s, p, byte))) = (self.drag_from, at) else {
                    return self.selection.is_some();
                };
                if (from.0, from.1) != (s, p) {
                    return true;
                }
                let doc = Arc::clone(&self.doc);
                let Some(para) = doc.sections.get(s).and_then(|sec| sec.paragraphs.get(p)) else {
                    return true;
                };
                let text = para.text(doc.lang);
                if self
                    .selection
                    .as_ref()
                    .is_none_or(|sel| (sel.section, sel.paragraph) != (s, p))
                {
                    self.selection = Some(Selection::new(s, p, &para.id, text, from.2));
                }
                let Some(sel) = self.selection.as_mut() else {
                    return true;
                };
                // The character under the pointer is in, whichever way the drag goes.
                let (a, b) = if byte >= from.2 {
                    (
                        from.2,
                        text[byte..]
                            .chars()
                            .next()
                            .map_or(byte, |c| byte + c.len_utf8()),
                    )
                } else {
                    (
                        text[from.2..]
                            .chars()
                            .next()
                            .map_or(from.2, |c| from.2 + c.len_utf8()),
                        byte,
                    )
                };
                sel.select(text, a, b);
                self.focus = Pane::Reading;
                true
            }
            _ => false,
        }
    }

    /// Columns of the form's text fields.
    pub fn form_width(&self) -> usize {
        super::super::addform::text_width(self.size.0)
    }

    /// A key while the form is open.
    pub(super) fn form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let (width, amb, s) = (self.form_width(), self.ambiguous, self.strings());
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match form.key(key, width, amb) {
            FormStep::Stay => Vec::new(),
            FormStep::NeedsText => {
                self.message = Some(s.own.needs_text.to_string());
                Vec::new()
            }
            FormStep::ConfirmClose => {
                self.message = Some(s.own.form_unsaved.to_string());
                Vec::new()
            }
            FormStep::ConfirmQuit => {
                self.message = Some(s.own.form_unsaved_quit.to_string());
                Vec::new()
            }
            FormStep::Close => {
                self.form = None;
                Vec::new()
            }
            FormStep::Quit => vec![Effect::Quit],
            FormStep::Save(filled) => self.save_form(*filled),
        }
    }
}

/// What a change replaced, for undo.
#[derive(Debug, Clone)]
pub(super) enum Undo {
    /// A node's mark (by node id) as it was; `None` when it had none.
    Mark(String, Option<Arc<Mark>>),
    /// A change to the reader's own nodes.
    Own(OwnChange),
}

/// A change to the reader's own nodes, with what undoing it needs.
#[derive(Debug, Clone)]
pub(super) enum OwnChange {
    /// This addition was added.
    Added(String),
    /// This addition was changed from this.
    Edited(Addition),
    /// This addition was deleted, with the mark it had.
    Deleted(Addition, Option<Arc<Mark>>),
}

impl App {
    /// How many of the reader's own nodes have lost something the article no
    /// longer has: a target, or the words they quote (each counted once).
    pub fn orphan_count(&self) -> usize {
        let ids: HashSet<&str> = self.orphan_additions.iter().map(|o| o.addition()).collect();
        ids.len()
    }

    /// The reader's own nodes that lost something, in the order they were
    /// added: each addition's id with what it lost (listed by `O`).
    pub fn orphans_listed(&self) -> Vec<(String, Vec<&crate::marks::additions::Orphan>)> {
        let mut by_id: HashMap<&str, Vec<&crate::marks::additions::Orphan>> = HashMap::new();
        for o in &self.orphan_additions {
            by_id.entry(o.addition()).or_default().push(o);
        }
        self.marks
            .additions()
            .iter()
            .filter_map(|a| Some((a.id.clone(), by_id.remove(a.id.as_str())?)))
            .collect()
    }

    /// Whether node `n` is one of the reader's own: a reader's node from
    /// their own marks file, not a classmate's laid over the article.
    pub fn is_own(&self, n: usize) -> bool {
        self.doc.nodes.get(n).is_some_and(|node| {
            node.origin == Origin::Reader && self.marks.addition(&node.id).is_some()
        })
    }

    /// Why node `n` cannot be changed by the reader: a classmate's node names
    /// its author (it can still be marked); any other is not the reader's.
    fn refuse_change(&mut self, n: Option<usize>) {
        let s = self.strings();
        let author = n
            .and_then(|n| self.doc.nodes.get(n))
            .filter(|node| node.origin == Origin::Reader)
            .and_then(|node| node.author.clone());
        self.message = Some(match author {
            Some(who) => crate::tui::i18n::fill(s.own.theirs, &[&crate::text::sanitize_line(&who)]),
            None => s.own.not_yours.to_string(),
        });
    }

    /// `R`: on one's own node, starts relating it; on another node after
    /// that, opens the form for how it bears on it.
    pub(super) fn relate(&mut self) {
        let s = self.strings();
        let from = self
            .relating
            .as_deref()
            .and_then(|id| self.doc.node_index(id));
        match (from, self.selected) {
            (None, Some(n)) if self.is_own(n) => {
                self.relating = Some(self.doc.nodes[n].id.clone());
                self.message = Some(format!("{} {}", self.graph.labels[n], s.own.relate_from));
            }
            (None, n) => {
                self.relating = None;
                self.refuse_change(n);
            }
            (Some(f), Some(n)) if f == n => self.message = Some(s.own.relate_self.to_string()),
            (Some(_), None) => self.message = Some(s.select_first.to_string()),
            (Some(f), Some(n)) => {
                let from = (self.doc.nodes[f].id.clone(), self.graph.labels[f].clone());
                self.relating = None;
                self.form = Some(AddForm::relate(from, self.target(n), Bearing::Rebuts));
            }
        }
    }

    /// Adds the relation a relate form made to the addition it is from.
    fn save_relation(&mut self, from: &str, filled: Filled) -> Vec<Effect> {
        self.form = None;
        let (Some(before), Some((kind, to, link))) =
            (self.marks.addition(from).cloned(), filled.relation)
        else {
            return Vec::new();
        };
        let relation = AdditionRelation { to, kind, link };
        let mut draft = Draft::of(&before);
        if draft.relations.contains(&relation) {
            return Vec::new();
        }
        draft.relations.push(relation);
        if !self.marks.edit_addition(from, draft) {
            return Vec::new();
        }
        self.push_change(Undo::Own(OwnChange::Edited(before)));
        self.additions_changed(Some(from));
        let s = self.strings();
        let label = self
            .doc
            .node_index(from)
            .map_or("", |n| self.graph.labels[n].as_str());
        self.message = Some(format!("{} {label} · {}", s.own.related, s.undo_hint));
        vec![Effect::SaveMarks]
    }

    /// Saves the form as a new addition, or as the new content of the one it edits.
    fn save_form(&mut self, filled: Filled) -> Vec<Effect> {
        if let Some(from) = filled.relating.clone() {
            return self.save_relation(&from, filled);
        }
        let before = filled
            .editing
            .as_deref()
            .and_then(|id| self.marks.addition(id))
            .cloned();
        let mut text = before
            .as_ref()
            .map_or_else(Bilingual::default, |b| b.text.clone());
        match filled.lang {
            Lang::Zh => text.zh = filled.text.clone(),
            Lang::En => text.en = filled.text.clone(),
        }
        let mut relations: Vec<AdditionRelation> = filled
            .relation
            .iter()
            .map(|(kind, to, link)| AdditionRelation {
                to: to.clone(),
                kind: *kind,
                link: link.clone(),
            })
            .collect();
        // Relations attached besides the one the form shows stay as they were.
        if let Some(b) = &before {
            relations.extend(b.relations.iter().skip(1).cloned());
        }
        let (quote, paragraph) = match (&filled.quote, &before) {
            (Some((q, p)), _) => (Some(q.clone()), Some(p.clone())),
            (None, Some(b)) if b.paragraph.is_some() => (b.quote.clone(), b.paragraph.clone()),
            // No words of the article: it sits at the paragraph of the node it
            // answers (or of the thesis), so it shows there in the outline and text.
            _ => {
                let at = filled
                    .answers
                    .as_deref()
                    .and_then(|id| self.doc.node_index(id))
                    .or(self.graph.thesis)
                    .and_then(|n| self.doc.anchor(&self.doc.nodes[n]))
                    .map(str::to_string);
                (None, at)
            }
        };
        let draft = Draft {
            kind: filled.kind,
            text,
            quote,
            paragraph,
            relations,
            note: filled.note.clone(),
        };
        let s = self.strings();
        let (id, change, word) = match (filled.editing, before) {
            (Some(id), Some(before)) => {
                if !self.marks.edit_addition(&id, draft) {
                    self.form = None;
                    return Vec::new();
                }
                (id, OwnChange::Edited(before), s.own.edited)
            }
            // Edited away meanwhile (an undo): nothing to edit.
            (Some(_), None) => {
                self.form = None;
                return Vec::new();
            }
            (None, _) => {
                let id = self.marks.add_addition(draft);
                (id.clone(), OwnChange::Added(id), s.own.added)
            }
        };
        self.form = None;
        self.push_change(Undo::Own(change));
        self.additions_changed(Some(&id));
        let label = self
            .doc
            .node_index(&id)
            .map_or("", |n| self.graph.labels[n].as_str());
        self.message = Some(format!("{word} {label} · {}", s.undo_hint));
        vec![Effect::SaveMarks]
    }

    /// The reader's own nodes changed: the document is overlaid again and
    /// everything derived from it rebuilt, the reader kept where they were,
    /// `select` (an addition's id) selected if given.
    fn additions_changed(&mut self, select: Option<&str>) {
        let load_error = self.load_error.take();
        let (scroll, focus) = (self.scroll, self.focus);
        self.relay();
        self.load_error = load_error;
        match select
            .and_then(|id| self.doc.node_index(id))
            .or(self.selected)
        {
            Some(n) => self.select_node(n),
            // What was selected went: the reader stays at the paragraph.
            None => self.select_paragraph(self.section, self.paragraph),
        }
        if select.is_none() {
            self.scroll = self.clamp_scroll(scroll);
        }
        self.focus = focus;
    }

    /// Opens the form on the selected node, if it is the reader's own (`E`).
    pub(super) fn edit_own(&mut self) {
        let Some(n) = self.selected.filter(|&n| self.is_own(n)) else {
            self.refuse_change(self.selected);
            return;
        };
        let id = self.doc.nodes[n].id.clone();
        let Some(a) = self.marks.addition(&id).cloned() else {
            return;
        };
        let first = a.relations.first();
        // The node it answers first, then the others of its paragraph.
        let answers = first.map(|r| match r.kind {
            RelationKind::Undercuts => r.link.clone().unwrap_or_default(),
            _ => r.to.clone(),
        });
        let at = answers.as_deref().and_then(|id| self.doc.node_index(id));
        let para = a
            .paragraph
            .as_deref()
            .and_then(|p| self.doc.paragraph_position(p));
        let mut targets = self.targets(at, para);
        targets.retain(|t| t.id != id);
        let lang = if a.text.get(self.writing_lang()).is_empty()
            && !a.text.get(self.writing_lang().other()).is_empty()
        {
            self.writing_lang().other()
        } else {
            self.writing_lang()
        };
        let mut form = AddForm::new(
            targets,
            a.kind,
            Bearing::of(first.map(|r| r.kind)),
            lang,
            None,
        );
        form.editing = Some(id);
        form.text = TextInput::new(a.text.get(lang));
        form.note = TextInput::new(a.note.as_deref().unwrap_or(""));
        if let Some(r) = first.filter(|r| r.kind == RelationKind::Undercuts) {
            form.link = form
                .target()
                .and_then(|t| t.supports.iter().position(|(s, _)| *s == r.to))
                .unwrap_or(0);
        }
        if let (Some(q), Some(p)) = (&a.quote, &a.paragraph) {
            form.quote = Some((q.clone(), p.clone()));
        }
        form.snapshot();
        self.form = Some(form);
    }

    /// Deletes the selected node, if it is the reader's own (`D`), with its
    /// mark; undo brings both back.
    pub(super) fn delete_own(&mut self) -> Vec<Effect> {
        let Some(n) = self.selected.filter(|&n| self.is_own(n)) else {
            self.refuse_change(self.selected);
            return Vec::new();
        };
        let id = self.doc.nodes[n].id.clone();
        let label = self.graph.labels[n].clone();
        let Some(a) = self.marks.delete_addition(&id) else {
            return Vec::new();
        };
        let mark = self.marks.by_node.remove(&id);
        self.push_change(Undo::Own(OwnChange::Deleted(a, mark)));
        self.additions_changed(None);
        let s = self.strings();
        self.message = Some(format!("{} {label} · {}", s.own.deleted, s.undo_hint));
        vec![Effect::SaveMarks]
    }

    /// Undoes a change to the reader's own nodes.
    pub(super) fn undo_own(&mut self, change: OwnChange) -> Vec<Effect> {
        let s = self.strings();
        let select = match change {
            OwnChange::Added(id) => {
                self.marks.delete_addition(&id);
                self.marks.by_node.remove(&id);
                None
            }
            OwnChange::Edited(before) => {
                let id = before.id.clone();
                // Exactly as it was, its time stamps too.
                self.marks.delete_addition(&id);
                self.marks.restore_addition(before);
                Some(id)
            }
            OwnChange::Deleted(a, mark) => {
                let id = a.id.clone();
                self.marks.restore_addition(a);
                if let Some(m) = mark {
                    self.marks.by_node.insert(id.clone(), m);
                }
                Some(id)
            }
        };
        self.additions_changed(select.as_deref());
        let label = select
            .as_deref()
            .and_then(|id| self.doc.node_index(id))
            .map_or("", |n| self.graph.labels[n].as_str());
        self.message = Some(format!("{} {label}", s.undone).trim_end().to_string());
        vec![Effect::SaveMarks]
    }
}
