//! The reader's state and `update`: every key, click and resize becomes a change
//! of plain data here, with no terminal involved, so all of it can be tested.

mod class;
mod find;
mod mouse;
mod notes;
mod own;
mod relay;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::figure::{FigureState, FigureStep};
use super::graph::{Graph, Neighbour};
use super::i18n::{Strings, UiLang, strings};
use super::input::TextInput;
use super::keymap::{Action, Scope, lookup};
use super::layout::{Area, Panes, layout};
pub use super::map::MapState;
use super::map::{self, MapRow, MapStep};
use super::outline::{self, Row};
use super::panes::{NodeView, node_step};
use super::reading::{self, Article, Mode, Place, ReadingLine, ReadingText};
use super::search::{Prepared, SearchText};
use crate::analysis::{Engine, Marked, Status, Tension};
use crate::marks::class::{ClassFile, ClassNode};
use crate::marks::{Mark, MarkCounts, Marks, Stance};
use crate::model::Document;
use crate::text::fold_case;
use crate::wrap::Ambiguous;
pub use class::ClassLive;

/// A pane of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// Sections and their nodes.
    Outline,
    /// The article's text.
    Reading,
    /// The selected node and its neighbours.
    Node,
}

impl Pane {
    const ORDER: [Pane; 3] = [Pane::Outline, Pane::Reading, Pane::Node];

    fn step(self, by: isize) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0) as isize;
        Pane::ORDER[(i + by).rem_euclid(3) as usize]
    }
}

/// Something `update` asks the runner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave the reader.
    Quit,
    /// Save the marks now.
    SaveMarks,
    /// Write the marks as JSON into the current directory.
    ExportMarks,
}

/// Whether the reader's marks are being saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saving {
    /// Every change is saved to this file.
    To(PathBuf),
    /// Changes are kept in memory only, for this reason (export with `e`).
    ReadOnly(String),
    /// The last save failed, for this reason; changes are in memory (export with `e`).
    Failed(String),
    /// There is no file to save to.
    Nowhere,
}

/// Which nodes the outline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every node.
    All,
    /// Nodes with no stance.
    Unmarked,
    /// Nodes agreed with.
    Agreed,
    /// Nodes disputed.
    Disputed,
    /// Nodes marked unsure.
    Unsure,
    /// Nodes with a note.
    Noted,
}

impl Filter {
    const ORDER: [Filter; 6] = [
        Filter::All,
        Filter::Unmarked,
        Filter::Agreed,
        Filter::Disputed,
        Filter::Unsure,
        Filter::Noted,
    ];

    /// The next filter for the `v` key.
    pub fn next(self) -> Filter {
        let i = Filter::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        Filter::ORDER[(i + 1) % Filter::ORDER.len()]
    }

    /// Its position, for its name in the interface strings.
    pub fn index(self) -> usize {
        Filter::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// Whether a node with this mark is shown.
    pub fn keeps(self, mark: Option<&Mark>) -> bool {
        let stance = mark.and_then(|m| m.stance);
        match self {
            Filter::All => true,
            Filter::Unmarked => stance.is_none(),
            Filter::Agreed => stance == Some(Stance::Agree),
            Filter::Disputed => stance == Some(Stance::Dispute),
            Filter::Unsure => stance == Some(Stance::Unsure),
            Filter::Noted => mark.is_some_and(|m| m.note.is_some()),
        }
    }
}

/// A popup over the panes; the top one gets keys first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key list, scrolled by this many lines.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// The argument map.
    Map(MapState),
    /// A list of tensions, cruxes or figures, with its cursor.
    List(ListKind, usize),
    /// Figures, one at a time.
    Figure(FigureState),
    /// The teacher's view of the class folder (its state is in [`ClassLive`]).
    Teacher,
}

/// Which list a list popup shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Tensions in the reader's marks.
    Tensions,
    /// The class's most divisive nodes.
    Cruxes,
    /// Every figure in the document.
    Figures,
    /// The reader's own nodes that lost their place in the article.
    Orphans,
}

/// Where a search match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A paragraph (section, paragraph).
    Paragraph(usize, usize),
    /// A node.
    Node(usize),
}

/// An incremental search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    /// What is being looked for, as typed.
    pub query: String,
    /// Still typing (keys go to the query).
    pub typing: bool,
    /// Every match, in document order.
    pub hits: Vec<Hit>,
    /// The current match.
    pub current: Option<usize>,
    /// Where the reader was when the search began, for Esc.
    origin: Option<Position>,
    /// The hits of each shorter query typed on the way to this one (folded
    /// query, hits), so a longer query narrows them and Backspace goes back.
    narrowing: Vec<(String, Vec<Hit>)>,
}

/// Where the reader is: enough to come back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    section: usize,
    paragraph: usize,
    selected: Option<usize>,
    scroll: Place,
}

/// Everything the reader shows, and nothing about how it is drawn.
#[derive(Debug)]
pub struct App {
    /// The document being read.
    pub doc: Arc<Document>,
    /// What is derived from it once.
    pub graph: Rc<Graph>,
    /// The interface's language.
    pub ui: UiLang,
    /// The article's language mode.
    pub mode: Mode,
    /// How ambiguous-width characters (“ ” … ─ ●) are measured: narrow, as
    /// ratatui's buffer counts them, so text and borders agree.
    pub ambiguous: Ambiguous,
    /// The focused pane.
    pub focus: Pane,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
    /// The outline's rows given the folds.
    pub rows: Vec<Row>,
    /// Folded sections.
    pub folded_sections: HashSet<usize>,
    /// Folded outline nodes.
    pub folded_nodes: HashSet<usize>,
    /// The outline row under the cursor.
    pub outline_cursor: usize,
    /// The row each node is on (`None` when folded away), so selecting is not a search.
    row_of_node: Vec<u32>,
    /// The row of each section's heading.
    row_of_section: Vec<usize>,
    /// The first outline row shown.
    pub outline_offset: usize,
    /// How many steps the outline is widened (`w`), up to [`super::layout::WIDER`].
    pub outline_wider: u8,
    /// The outline's right border is being dragged with the mouse.
    dragging_border: bool,
    /// The section being read.
    pub section: usize,
    /// The paragraph being read, within the section.
    pub paragraph: usize,
    /// The first line of the reading pane shown: the pane scrolls through
    /// the whole article, across sections.
    pub scroll: Place,
    /// The selected node.
    pub selected: Option<usize>,
    /// The neighbour under the cursor in the node pane.
    pub neighbour_cursor: usize,
    /// The first line of the node pane shown: a node opens at its top.
    pub node_scroll: usize,
    /// Nodes to go back to.
    pub back: Vec<usize>,
    /// Nodes to go forward to.
    pub forward: Vec<usize>,
    /// The search, if one was made.
    pub search: Search,
    /// The text the search scans, prepared on another thread.
    search_text: Prepared,
    /// The document's digest for new marks, being computed on another thread.
    digest: Option<std::thread::JoinHandle<String>>,
    /// Popups, bottom first.
    pub overlays: Vec<Overlay>,
    /// A one-off message for the status line.
    pub message: Option<String>,
    /// The legend of symbols shows on a first run (the reader has no marks
    /// yet: no marks file, or an empty one), until the first key. Nothing is
    /// written to remember it: the first mark is what ends first runs.
    pub legend: bool,
    /// The reader's marks.
    pub marks: Marks,
    /// Whether and where marks are being saved.
    pub saving: Saving,
    /// The class's merged marks, by node id, when `--class` was given.
    pub class: Option<HashMap<String, ClassNode>>,
    /// The class folder, when the reader follows one (`--class-dir`).
    pub class_live: Option<ClassLive>,
    /// Which nodes the outline shows.
    pub filter: Filter,
    /// The note being written, if any.
    pub editing: Option<TextInput>,
    /// The key pressed once to leave an unsaved note (Esc or Ctrl-C), so the
    /// same key again confirms: a draft is never dropped by one stray key.
    leaving_note: Option<Action>,
    /// The id of the node the note is on: saved there even if the document
    /// is reloaded meanwhile.
    note_for: Option<String>,
    /// What each change replaced, newest last, for undo: marks, and the
    /// reader's own nodes.
    undo: Vec<own::Undo>,
    /// Why the watched file could not be reloaded (the last good version is shown).
    pub load_error: Option<String>,
    /// How many nodes are marked, and how many marks are on nodes the document
    /// no longer has (kept up to date, not counted on every frame).
    counts: MarkCounts,
    /// Bumped whenever marks change, so cached text with badges is rebuilt.
    marks_version: u64,
    /// The argument's structure for reasoning about marks, built once per document.
    engine: Rc<Engine>,
    /// What the marks imply: statuses and tensions, updated one mark at a time.
    marked: Marked,
    /// The class's nodes, most divisive first (for the cruxes list).
    pub cruxes: Vec<String>,
    what_if_cache: RefCell<Option<WhatIf>>,
    /// The map with nothing folded, and the row each node is drawn at: built
    /// the first time the map opens, kept until the document changes.
    map_cache: RefCell<Option<FullMap>>,
    /// Sections laid out for the reading pane, for one [`ReadingKey`].
    reading_cache: RefCell<SectionCache>,
    /// Reading a discussion rather than an article (see [`super::discussion`]).
    pub discussion: super::discussion::DiscussionView,
    /// Words being selected in the reading pane, to quote or answer.
    pub selection: Option<super::selection::Selection>,
    /// The form for a node of the reader's own, when open.
    pub form: Option<super::addform::AddForm>,
    /// The article alone, without the reader's own nodes: what the content
    /// file says, whose digest the marks carry. `doc` is this with the
    /// reader's additions in it.
    pub base: Arc<Document>,
    /// The reader's additions the document cannot place (their target or
    /// their quote is gone): kept in the marks file, listed, not shown in the graph.
    pub orphan_additions: Vec<crate::marks::additions::Orphan>,
    /// One's own node (its id) a relation is being made from (`R`), until
    /// `R` on the node it bears on.
    pub relating: Option<String>,
    /// Where a mouse drag in the article began: (section, paragraph, byte of
    /// the paragraph's original text).
    drag_from: Option<(usize, usize, usize)>,
    /// Which of the reader's additions are laid over the article as nodes,
    /// so a change to them is laid incrementally (`None`: lay them in full).
    laid: Option<relay::Laid>,
}

/// The unfolded map's rows, and the row each node is drawn at.
type FullMap = (Rc<Vec<MapRow>>, Rc<Vec<Option<usize>>>);

/// A what-if answer cached for (node, marks version).
type WhatIf = (usize, u64, Rc<Vec<usize>>);

/// What the reading pane's layout depends on besides the section: mode,
/// width, character widths, marks.
type ReadingKey = (Mode, usize, Ambiguous, u64);

/// Laid-out sections by index, valid for one [`ReadingKey`].
type SectionCache = (Option<ReadingKey>, HashMap<usize, Rc<ReadingText>>);

/// In `row_of_node`: the node is on no row (folded away, or not in the outline).
const NO_ROW: u32 = u32::MAX;

/// Sections kept laid out at once; more are laid out again when scrolled back to.
const READING_CACHE: usize = 64;

impl App {
    /// A reader on `doc`, at the start of the article with the thesis selected.
    /// Its marks are kept nowhere, so it is no reader's first run: no legend.
    pub fn new(doc: Document, ui: UiLang, mode: Mode, size: (u16, u16)) -> App {
        let marks = Marks::new(&doc, None);
        let mut app = App::open(doc, marks, Saving::Nowhere, ui, mode, size);
        app.legend = false;
        app
    }

    /// A reader on `doc` with the reader's `marks` from the start (so no blank
    /// marks are made for the document first: that means hashing all of it).
    pub fn open(
        doc: Document,
        marks: Marks,
        saving: Saving,
        ui: UiLang,
        mode: Mode,
        size: (u16, u16),
    ) -> App {
        let base = Arc::new(doc);
        let overlay = crate::marks::additions::with_additions(&base, &marks);
        let doc = overlay.doc;
        let graph = Graph::new(&doc);
        let engine = Engine::with_tail(&doc, base.nodes.len());
        let doc = Arc::new(doc);
        let mut app = App {
            laid: None,
            base,
            orphan_additions: overlay.orphans,
            relating: None,
            drag_from: None,
            search_text: Prepared::start(&doc),
            digest: None,
            doc,
            graph: Rc::new(graph),
            ui,
            mode,
            ambiguous: Ambiguous::Narrow,
            focus: Pane::Outline,
            size,
            rows: Vec::new(),
            folded_sections: HashSet::new(),
            folded_nodes: HashSet::new(),
            outline_cursor: 0,
            row_of_node: Vec::new(),
            row_of_section: Vec::new(),
            outline_offset: 0,
            outline_wider: 0,
            dragging_border: false,
            section: 0,
            paragraph: 0,
            scroll: Place::default(),
            selected: None,
            neighbour_cursor: 0,
            node_scroll: 0,
            back: Vec::new(),
            forward: Vec::new(),
            search: Search::default(),
            overlays: Vec::new(),
            message: None,
            legend: false,
            marks,
            saving,
            class: None,
            class_live: None,
            filter: Filter::All,
            editing: None,
            leaving_note: None,
            note_for: None,
            undo: Vec::new(),
            load_error: None,
            marks_version: 0,
            counts: MarkCounts::default(),
            engine: Rc::new(engine),
            marked: Marked::default(),
            cruxes: Vec::new(),
            what_if_cache: RefCell::new(None),
            map_cache: RefCell::new(None),
            reading_cache: RefCell::new((None, HashMap::new())),
            discussion: Default::default(),
            selection: None,
            form: None,
        };
        app.discussion = super::discussion::DiscussionView::of(&app.doc);
        app.note_laid();
        app.rebuild_rows();
        app.start_digest();
        app.marks_changed();
        match app.graph.thesis {
            Some(t) => app.select_node(t),
            None => app.select_paragraph(0, 0),
        }
        super::discussion::open_folded(&mut app);
        // The article opens at its title and first heading, whatever is selected.
        app.scroll = Place::default();
        app.legend = app.counts == MarkCounts::default();
        app
    }

    /// Replaces the document with a new version of it (the file changed on disk),
    /// keeping the reader where they were: the same node, or else the same
    /// paragraph, and the same scroll, where they still exist. Marks are keyed by
    /// node id, so they carry over; marks on nodes that went away become orphans.
    pub fn reload(&mut self, doc: Document) {
        self.base = Arc::new(doc);
        self.overlay_again();
    }

    /// Lays the reader's own nodes over the article (`base`) again and
    /// rebuilds what is derived from the document, as [`App::reload`] says.
    fn overlay_again(&mut self) {
        let node_id = self.selected.map(|i| self.doc.nodes[i].id.clone());
        let para_id = self
            .doc
            .sections
            .get(self.section)
            .and_then(|s| s.paragraphs.get(self.paragraph))
            .map(|p| p.id.clone());
        let (scroll, focus) = (self.scroll, self.focus);
        // The reader's own nodes join the (new version of the) article.
        let overlay = crate::marks::additions::with_additions(&self.base, &self.marks);
        self.orphan_additions = overlay.orphans;
        let doc = overlay.doc;
        self.graph = Rc::new(Graph::new(&doc));
        self.engine = Rc::new(Engine::with_tail(&doc, self.base.nodes.len()));
        let doc = Arc::new(doc);
        self.search_text = Prepared::start(&doc);
        self.doc = doc;
        // Indices into the old document mean nothing in the new one.
        self.folded_nodes.clear();
        self.folded_sections
            .retain(|&s| s < self.doc.sections.len());
        self.back.clear();
        self.forward.clear();
        self.overlays.retain(|o| matches!(o, Overlay::Help { .. }));
        self.search = Search::default();
        // Offsets into a paragraph that may have changed mean nothing now.
        self.selection = None;
        *self.reading_cache.borrow_mut() = (None, HashMap::new());
        *self.what_if_cache.borrow_mut() = None;
        *self.map_cache.borrow_mut() = None;
        self.load_error = None;
        self.discussion = super::discussion::DiscussionView {
            show_links: self.discussion.show_links,
            hyperlinks: self.discussion.hyperlinks,
            article_pane: self.discussion.article_pane,
            ..super::discussion::DiscussionView::of(&self.doc)
        };
        self.note_laid();
        self.rebuild_rows();
        self.marks_changed();
        self.focus = focus;
        match node_id.and_then(|id| self.doc.node_index(&id)) {
            Some(n) => self.select_node(n),
            None => match para_id.and_then(|id| self.doc.paragraph_position(&id)) {
                Some((s, p)) => self.select_paragraph(s, p),
                None => self.select_paragraph(self.section, self.paragraph),
            },
        }
        self.scroll = self.clamp_scroll(scroll);
    }

    /// Gives the reader their marks and says whether they are saved.
    pub fn with_marks(mut self, marks: Marks, saving: Saving) -> App {
        self.marks = marks;
        self.saving = saving;
        if !self.marks.additions().is_empty() || self.doc.nodes.len() != self.base.nodes.len() {
            // Their own nodes come with them.
            self.overlay_again();
        }
        self.start_digest();
        self.marks_changed();
        self
    }

    /// Starts computing the document's digest on another thread if the marks
    /// lack it ([`App::settle_digest`] waits for it).
    fn start_digest(&mut self) {
        if self.marks.digest_missing() && self.digest.is_none() {
            // The digest is the article's own, without the reader's nodes.
            let doc = Arc::clone(&self.base);
            // If no thread can be started, settle_digest computes it in place.
            self.digest = std::thread::Builder::new()
                .name("stance-digest".into())
                .spawn(move || crate::marks::digest(&doc))
                .ok();
        }
    }

    /// Shows a class's merged marks beside the reader's own.
    pub fn with_class(mut self, class: ClassFile) -> App {
        self.cruxes = class.nodes.iter().map(|n| n.node.clone()).collect();
        self.class = Some(
            class
                .nodes
                .into_iter()
                .map(|n| (n.node.clone(), n))
                .collect(),
        );
        self
    }

    /// The status of node `idx` given the reader's marks.
    pub fn status_of(&self, idx: usize) -> Status {
        self.marked.status(idx)
    }

    /// Why claim `idx` has its status, in the interface's words, naming nodes by label.
    pub fn explain(&self, idx: usize) -> String {
        let label = |n: usize| self.graph.labels[n].clone();
        self.engine
            .why(&self.marked, idx)
            .map(|why| self.strings().explain(idx, &why, &label))
            .unwrap_or_default()
    }

    /// A tension in the interface's words, naming nodes by label.
    pub fn tension_text(&self, t: &Tension) -> String {
        let label = |id: &String| {
            self.doc
                .node_index(id)
                .map_or_else(|| id.clone(), |n| self.graph.labels[n].clone())
        };
        let (claim, others) = match t.nodes.split_first() {
            Some((c, rest)) => (label(c), rest.iter().map(label).collect::<Vec<_>>()),
            None => (String::new(), Vec::new()),
        };
        self.strings().tension(t.kind, &claim, &others)
    }

    /// The tensions in the reader's marks, in document order.
    pub fn tensions(&self) -> impl Iterator<Item = &Tension> {
        self.marked.tensions()
    }

    /// The claims that would lose their last support if the reader disputed node `idx`.
    pub fn what_if(&self, idx: usize) -> Rc<Vec<usize>> {
        if let Some((n, v, list)) = self.what_if_cache.borrow().as_ref()
            && *n == idx
            && *v == self.marks_version
        {
            return Rc::clone(list);
        }
        let list = Rc::new(self.engine.what_if_disputed(&self.marked, idx));
        *self.what_if_cache.borrow_mut() = Some((idx, self.marks_version, Rc::clone(&list)));
        list
    }

    /// How many entries a list popup has.
    pub fn list_len(&self, kind: ListKind) -> usize {
        match kind {
            ListKind::Tensions => self.marked.tension_count(),
            ListKind::Cruxes => self.cruxes.len(),
            ListKind::Figures => self.doc.figures.len(),
            ListKind::Orphans => self.orphan_count(),
        }
    }

    /// The node an entry of a list popup leads to.
    fn list_target(&self, kind: ListKind, at: usize) -> Option<usize> {
        let id = match kind {
            ListKind::Tensions => self.marked.tensions().nth(at)?.nodes.first()?,
            ListKind::Cruxes => self.cruxes.get(at)?,
            ListKind::Figures => return None,
            ListKind::Orphans => return self.doc.node_index(&self.orphans_listed().get(at)?.0),
        };
        self.doc.node_index(id)
    }

    /// The class's marks on node `idx`, if a class was loaded.
    pub fn class_of(&self, idx: usize) -> Option<&ClassNode> {
        self.class.as_ref()?.get(&self.doc.nodes.get(idx)?.id)
    }

    /// Whether `action` does anything where keys go now: the hints show only
    /// what does (a chart has no inputs to raise).
    pub fn offers(&self, action: Action) -> bool {
        match (self.overlays.last(), action) {
            (
                Some(Overlay::Figure(f)),
                Action::Increase | Action::Decrease | Action::Reset | Action::Up | Action::Down,
            ) => !f.inputs.is_empty(),
            (Some(Overlay::Figure(f)), Action::Collapse | Action::Expand) => f.figures.len() > 1,
            _ => true,
        }
    }

    /// The reader's mark on node `idx`.
    pub fn mark_of(&self, idx: usize) -> Option<&Mark> {
        self.marks.get(&self.doc.nodes.get(idx)?.id)
    }

    /// The runner saved the marks (or failed to); the status line says which.
    pub fn saved(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                if let Saving::Failed(_) = self.saving {
                    self.saving = Saving::Nowhere;
                }
            }
            Err(e) => self.saving = Saving::Failed(e),
        }
    }

    /// Where a save goes, for the runner to restore after a failure clears.
    pub fn set_saving(&mut self, saving: Saving) {
        self.saving = saving;
    }

    /// All marks changed (a marks file was opened, or the document reloaded).
    fn marks_changed(&mut self) {
        self.marked = self.engine.evaluate(&self.doc, &self.marks);
        self.counts = self.marks.counts(&self.doc);
        self.mark_changed(None);
    }

    /// The mark on one node changed (`had`: whether it had one before): only
    /// what depends on it is re-evaluated.
    fn mark_changed(&mut self, node: Option<(usize, bool)>) {
        self.marks_version += 1;
        if let Some((n, had)) = node {
            let has = self.mark_of(n).is_some();
            self.counts.marked = self.counts.marked + usize::from(has) - usize::from(had);
            let stance = self.marks.stance(&self.doc.nodes[n].id);
            self.engine
                .set_stance(&self.doc, &mut self.marked, n, stance);
        }
        if self.filter != Filter::All {
            self.rebuild_rows();
        }
    }

    /// A version number that changes whenever marks do (for caches of marked text).
    pub fn marks_version(&self) -> u64 {
        self.marks_version
    }

    /// Fills in the document's digest if the marks still lack it (new marks
    /// made without it), waiting for the thread computing it. Call before the
    /// marks are written anywhere.
    pub fn settle_digest(&mut self) {
        if !self.marks.digest_missing() {
            return;
        }
        let digest = self
            .digest
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| crate::marks::digest(&self.base));
        self.marks.document.digest = digest;
    }

    /// How many nodes are marked and how many marks are orphans.
    pub fn counts(&self) -> MarkCounts {
        self.counts
    }

    /// The interface strings.
    pub fn strings(&self) -> &'static Strings {
        strings(self.ui)
    }

    /// Where each pane is at the current size.
    pub fn panes(&self) -> Option<Panes> {
        if super::discussion::claims_alone(self) {
            return super::discussion::layout(self.size.0, self.size.1, self.outline_wider);
        }
        layout(self.size.0, self.size.1, self.outline_wider)
    }

    /// The keymap scope keys are looked up in now.
    pub fn scope(&self) -> Scope {
        if self.editing.is_some() {
            return Scope::Note;
        }
        if self.form.is_some() {
            return Scope::Form;
        }
        match self.overlays.last() {
            Some(Overlay::Help { .. }) => Scope::Help,
            Some(Overlay::Map(_)) => Scope::Map,
            Some(Overlay::List(..)) => Scope::List,
            Some(Overlay::Figure(_)) => Scope::Figure,
            Some(Overlay::Teacher) => Scope::Teacher,
            None if self.selection.is_some() => Scope::Select,
            None => Scope::Reader,
        }
    }

    /// The current section's text at the reading pane's width.
    pub fn reading_text(&self) -> Rc<ReadingText> {
        self.section_text(self.section)
    }

    /// Section `section` laid out at the reading pane's width (cached per
    /// section, mode, width and marks; an empty text past the last section).
    pub fn section_text(&self, section: usize) -> Rc<ReadingText> {
        let width = self.reading_width();
        let key = (self.mode, width, self.ambiguous, self.marks_version);
        {
            let mut cache = self.reading_cache.borrow_mut();
            if cache.0 != Some(key) {
                *cache = (Some(key), HashMap::new());
            }
            if let Some(text) = cache.1.get(&section) {
                return Rc::clone(text);
            }
        }
        let stance_of = |n: usize| self.mark_of(n).and_then(|m| m.stance);
        let spec = reading::Spec {
            section,
            mode: self.mode,
            width,
            amb: self.ambiguous,
            untitled_note: self.strings().untitled_note,
            stance_of: &stance_of,
            discussion: self.discussion.is_discussion,
        };
        let text = Rc::new(reading::layout(&self.doc, &self.graph, &spec));
        let mut cache = self.reading_cache.borrow_mut();
        if cache.1.len() >= READING_CACHE {
            cache.1.clear();
        }
        cache.1.insert(section, Rc::clone(&text));
        text
    }

    /// Runs `f` on the article as the reading pane lays it out.
    fn with_article<T>(&self, f: impl FnOnce(&Article) -> T) -> T {
        let len = |s: usize| self.section_text(s).lines.len();
        f(&Article {
            sections: self.doc.sections.len(),
            len: &len,
        })
    }

    /// `top` kept so the reading pane shows no blank lines past the article's end.
    fn clamp_scroll(&self, top: Place) -> Place {
        let height = self.pane_height(Pane::Reading);
        self.with_article(|a| a.clamp(top, height))
    }

    /// Scrolls the reading pane `by` lines through the article.
    fn scroll_by(&mut self, by: isize) {
        let height = self.pane_height(Pane::Reading);
        self.scroll = self.with_article(|a| a.clamp(a.step(self.scroll, by), height));
    }

    /// The lines the reading pane shows, each with its section, from the top.
    pub fn reading_window(&self) -> Vec<(usize, ReadingLine)> {
        let height = self.pane_height(Pane::Reading);
        let mut out = Vec::with_capacity(height);
        let Place {
            mut section,
            mut line,
        } = self.scroll;
        while out.len() < height && section < self.doc.sections.len() {
            let text = self.section_text(section);
            out.extend(
                text.lines
                    .iter()
                    .skip(line)
                    .take(height - out.len())
                    .map(|l| (section, l.clone())),
            );
            section += 1;
            line = 0;
        }
        out
    }

    /// Text columns of the reading pane (inside its border, after the gutter).
    pub fn reading_width(&self) -> usize {
        self.panes()
            .and_then(|p| p.reading.or(p.single))
            .map_or(40, |a| usize::from(a.w.saturating_sub(2 + GUTTER)).max(1))
    }

    fn pane_height(&self, pane: Pane) -> usize {
        let area = self.panes().and_then(|p| {
            match pane {
                Pane::Outline => p.outline,
                Pane::Reading => p.reading,
                Pane::Node => p.node,
            }
            .or(p.single)
        });
        area.map_or(10, |a| usize::from(a.h.saturating_sub(2)).max(1))
    }

    /// The neighbours of the selected node, in the order the node pane lists them.
    pub fn neighbours(&self) -> &[Neighbour] {
        self.selected
            .map_or(&[], |n| self.graph.neighbours[n].as_slice())
    }

    /// Handles a key press (releases and repeats from enhanced keyboards are ignored).
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        self.message = None;
        if self.panes().is_none() {
            // Nothing can be seen on a screen this small: a key acting unseen
            // would change marks the reader never saw. Only leaving works.
            let scope = if self.editing.is_some() {
                Scope::Note
            } else if self.form.is_some() {
                Scope::Form
            } else {
                Scope::Reader
            };
            return match lookup(scope, &key) {
                Some(Action::Quit) if self.editing.is_some() => self.note_key(key),
                // A changed form asks before it is lost, however small the screen.
                Some(Action::Quit) if self.form.is_some() => self.form_key(key),
                Some(Action::Quit) => self.update(Action::Quit),
                _ => Vec::new(),
            };
        }
        // Any key hides the first run's legend, and does what it does.
        self.legend = false;
        if self.editing.is_some() {
            return self.note_key(key);
        }
        if self.form.is_some() {
            return self.form_key(key);
        }
        if self.search.typing {
            return self.search_key(key);
        }
        match lookup(self.scope(), &key) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// Applies one action and returns what the runner must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Quit {
            return vec![Effect::Quit];
        }
        match self.overlays.last_mut() {
            Some(Overlay::Help { scroll }) => {
                match action {
                    Action::Down => *scroll += 1,
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::PageDown => *scroll += 10,
                    Action::PageUp => *scroll = scroll.saturating_sub(10),
                    Action::Close | Action::Help => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                return Vec::new();
            }
            Some(Overlay::Map(_)) => return self.map_action(action),
            Some(Overlay::List(kind, _)) => {
                let kind = *kind;
                let last = self.list_len(kind).saturating_sub(1);
                let Some(Overlay::List(_, cursor)) = self.overlays.last_mut() else {
                    return Vec::new();
                };
                match action {
                    Action::Down => *cursor = (*cursor + 1).min(last),
                    Action::Up => *cursor = cursor.saturating_sub(1),
                    Action::Top => *cursor = 0,
                    Action::Bottom => *cursor = last,
                    Action::Close => {
                        self.overlays.pop();
                    }
                    Action::Follow if kind == ListKind::Figures => {
                        let at = *cursor;
                        self.overlays.pop();
                        let all: Vec<usize> = (0..self.doc.figures.len()).collect();
                        let mut state = FigureState::new(&self.doc, all);
                        state.step(&self.doc, at as isize);
                        self.overlays.push(Overlay::Figure(state));
                    }
                    Action::Follow => {
                        let at = *cursor;
                        self.overlays.pop();
                        if let Some(n) = self.list_target(kind, at) {
                            self.visit(n);
                            self.focus = Pane::Node;
                        }
                    }
                    _ => {}
                }
                return Vec::new();
            }
            Some(Overlay::Teacher) => return self.teacher_action(action),
            Some(Overlay::Figure(state)) => {
                match state.act(action, &self.doc) {
                    FigureStep::Stay => {}
                    FigureStep::Close => {
                        self.overlays.pop();
                    }
                    FigureStep::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
                }
                return Vec::new();
            }
            None => {}
        }
        if self.selection.is_some() {
            return self.select_action(action);
        }
        match action {
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Select => self.start_selection(),
            Action::AddOwn => self.open_form(),
            Action::EditOwn => self.edit_own(),
            Action::Relate => self.relate(),
            Action::DeleteOwn => return self.delete_own(),
            Action::Figures => self.open_figures(),
            Action::FigureIndex => {
                if self.doc.figures.is_empty() {
                    self.message = Some(self.strings().no_figures.to_string());
                } else {
                    self.overlays.push(Overlay::List(ListKind::Figures, 0));
                }
            }
            Action::Map => self.open_map(),
            Action::WidenOutline => {
                self.outline_wider = (self.outline_wider + 1) % (super::layout::WIDER + 1);
                self.resize(self.size.0, self.size.1);
            }
            Action::FocusNext | Action::FocusPrev => {
                let by = if action == Action::FocusNext { 1 } else { -1 };
                self.focus = self.focus.step(by);
                // A pane the layout leaves out (a discussion's reading pane) is passed over.
                if let Some(p) = self.panes()
                    && p.single.is_none()
                    && self.focus == Pane::Reading
                    && p.reading.is_none()
                {
                    self.focus = self.focus.step(by);
                }
            }
            Action::CycleLang => {
                self.mode = self.mode.next();
                self.scroll_to_paragraph();
            }
            Action::PrevSection => {
                let s = self.section.saturating_sub(1);
                self.jump_to_section(s);
            }
            Action::NextSection => {
                if self.section + 1 < self.doc.sections.len() {
                    self.jump_to_section(self.section + 1);
                }
            }
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::Search => {
                self.search = Search {
                    typing: true,
                    origin: Some(self.position()),
                    ..Search::default()
                };
            }
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::Close => {
                self.search = Search::default();
                self.relating = None;
            }
            Action::Agree => return self.mark(Some(Stance::Agree)),
            Action::Dispute => return self.mark(Some(Stance::Dispute)),
            Action::Unsure => return self.mark(Some(Stance::Unsure)),
            Action::ClearMark => return self.mark(None),
            Action::Undo => return self.undo(),
            Action::Note => self.start_note(),
            Action::Filter => {
                self.filter = self.filter.next();
                self.rebuild_rows();
            }
            Action::Export => return vec![Effect::ExportMarks],
            Action::Tensions => self.overlays.push(Overlay::List(ListKind::Tensions, 0)),
            Action::OwnOrphans => self.overlays.push(Overlay::List(ListKind::Orphans, 0)),
            Action::Teacher => self.open_teacher(),
            Action::Cruxes => {
                if self.class.is_some() {
                    self.overlays.push(Overlay::List(ListKind::Cruxes, 0));
                } else {
                    self.message = Some(self.strings().no_class.to_string());
                }
            }
            action if super::discussion::handles(action) => super::discussion::update(self, action),
            _ => match self.focus {
                Pane::Outline => self.outline_action(action),
                Pane::Reading => self.reading_action(action),
                Pane::Node => self.node_action(action),
            },
        }
        Vec::new()
    }

    fn outline_action(&mut self, action: Action) {
        let last = self.rows.len().saturating_sub(1);
        let page = self.pane_height(Pane::Outline);
        let target = match action {
            Action::Down => (self.outline_cursor + 1).min(last),
            Action::Up => self.outline_cursor.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageDown => (self.outline_cursor + page).min(last),
            Action::PageUp => self.outline_cursor.saturating_sub(page),
            Action::Follow => {
                match self.rows.get(self.outline_cursor) {
                    Some(Row::Section(s)) => {
                        let s = *s;
                        self.toggle_section(s);
                    }
                    Some(Row::Node { node, .. }) => {
                        let n = *node;
                        self.visit(n);
                        self.focus = Pane::Node;
                    }
                    None => {}
                }
                return;
            }
            Action::Collapse | Action::Expand => {
                self.fold_outline(action == Action::Collapse);
                return;
            }
            _ => return,
        };
        self.outline_to(target);
    }

    /// Moves the outline cursor to `row` and reads what is there.
    fn outline_to(&mut self, row: usize) {
        self.outline_cursor = row;
        match self.rows.get(row).copied() {
            Some(Row::Section(s)) => {
                self.set_paragraph(s, 0);
                self.selected = None;
                self.neighbour_cursor = 0;
                self.node_scroll = 0;
            }
            Some(Row::Node { node, .. }) => self.select_node_only(node),
            None => {}
        }
        self.keep_outline_visible();
    }

    fn fold_outline(&mut self, fold: bool) {
        match self.rows.get(self.outline_cursor).copied() {
            Some(Row::Section(s)) if fold != self.folded_sections.contains(&s) => {
                self.toggle_section(s);
            }
            Some(Row::Section(_)) => {}
            Some(Row::Node {
                node,
                depth,
                branch,
            }) => {
                if branch && fold != self.folded_nodes.contains(&node) {
                    if fold {
                        self.folded_nodes.insert(node);
                    } else {
                        self.folded_nodes.remove(&node);
                    }
                    if self.filter == Filter::All {
                        self.splice_branch(self.outline_cursor, node, depth, fold);
                    } else {
                        self.rebuild_rows();
                    }
                } else if fold {
                    // Folding a leaf moves to its parent, as in file trees.
                    let parent = self.rows[..self.outline_cursor]
                        .iter()
                        .rposition(|r| match r {
                            Row::Section(_) => true,
                            Row::Node { depth: d, .. } => *d < depth,
                        });
                    if let Some(p) = parent {
                        self.outline_to(p);
                    }
                }
            }
            None => {}
        }
    }

    /// Folds or unfolds the branch under `node` (on row `at`, at `depth`) by
    /// taking its rows out or putting them back, rather than walking every
    /// tree again: what [`outline::rows`] would give, at the cost of the branch.
    fn splice_branch(&mut self, at: usize, node: usize, depth: usize, fold: bool) {
        let below = |r: &Row| matches!(r, Row::Node { depth: d, .. } if *d > depth);
        if fold {
            let end = self.rows[at + 1..]
                .iter()
                .position(|r| !below(r))
                .map_or(self.rows.len(), |i| at + 1 + i);
            self.rows.drain(at + 1..end);
        } else {
            let row_of_node = &self.row_of_node;
            let branch = outline::branch_rows(&self.graph, node, depth, &self.folded_nodes, |n| {
                row_of_node
                    .get(n)
                    .is_some_and(|&r| r != NO_ROW && (r as usize) < at)
            });
            self.rows.splice(at + 1..at + 1, branch);
        }
        self.index_rows();
    }

    fn toggle_section(&mut self, s: usize) {
        if !self.folded_sections.remove(&s) {
            self.folded_sections.insert(s);
        }
        self.rebuild_rows();
    }

    fn reading_action(&mut self, action: Action) {
        let count = self
            .doc
            .sections
            .get(self.section)
            .map_or(0, |s| s.paragraphs.len());
        let page = self.pane_height(Pane::Reading);
        match action {
            Action::Down => {
                if self.paragraph + 1 < count {
                    self.select_paragraph(self.section, self.paragraph + 1);
                } else if self.section + 1 < self.doc.sections.len() {
                    self.select_paragraph(self.section + 1, 0);
                }
            }
            Action::Up => {
                if self.paragraph > 0 {
                    self.select_paragraph(self.section, self.paragraph - 1);
                } else if self.section > 0 {
                    let prev = self.section - 1;
                    let last = self.doc.sections[prev].paragraphs.len().saturating_sub(1);
                    self.select_paragraph(prev, last);
                }
            }
            // The top and bottom of the article, not of the section.
            Action::Top => {
                self.select_paragraph(0, 0);
                self.scroll = Place::default();
            }
            Action::Bottom => {
                let last = self.doc.sections.len().saturating_sub(1);
                let paras = self
                    .doc
                    .sections
                    .get(last)
                    .map_or(0, |s| s.paragraphs.len());
                self.select_paragraph(last, paras.saturating_sub(1));
                self.scroll = self.clamp_scroll(self.with_article(|a| a.end()));
            }
            Action::PageDown | Action::PageUp => {
                let by = page.saturating_sub(1).max(1) as isize;
                self.scroll_by(if action == Action::PageDown { by } else { -by });
                self.read_from_top();
            }
            Action::Follow => self.focus = Pane::Node,
            _ => {}
        }
    }

    /// The node pane's lines at its current width, and its height.
    fn node_view(&self) -> (Vec<super::panes::Line>, usize) {
        let area = self.panes().and_then(|p| p.node.or(p.single));
        let width = area.map_or(40, |a| usize::from(a.w.saturating_sub(2)));
        (
            super::panes::node_lines(self, width),
            self.pane_height(Pane::Node),
        )
    }

    /// Reads section `s` from its start, with its heading at the top of the pane.
    fn jump_to_section(&mut self, s: usize) {
        self.select_paragraph(s, 0);
        // A section after the first begins with a blank line; the heading is next.
        let top = Place::new(self.section, usize::from(self.section > 0));
        self.scroll = self.clamp_scroll(top);
    }

    /// After scrolling: reads from the first paragraph that starts on screen
    /// (or the one the top line is in), leaving the scroll as it is.
    fn read_from_top(&mut self) {
        let window = self.reading_window();
        let starts_here = |i: usize, s: usize, p: usize| match i.checked_sub(1) {
            Some(prev) => (window[prev].0, window[prev].1.para) != (s, Some(p)),
            None => self
                .section_text(s)
                .paragraphs
                .get(p)
                .is_some_and(|r| r.start == self.scroll.line),
        };
        let first = window
            .iter()
            .enumerate()
            .find_map(|(i, (s, l))| l.para.filter(|&p| starts_here(i, *s, p)).map(|p| (*s, p)))
            .or_else(|| window.iter().find_map(|(s, l)| l.para.map(|p| (*s, p))));
        if let Some((s, p)) = first {
            let scroll = self.scroll;
            self.select_paragraph(s, p);
            self.scroll = scroll;
        }
    }

    fn node_action(&mut self, action: Action) {
        if action == Action::Follow {
            return self.node_follow();
        }
        // The cursor runs over the neighbours, then the figures the node cites.
        let items = self.neighbours().len() + self.node_figures().len();
        let (lines, height) = self.node_view();
        let at = NodeView {
            cursor: self.neighbour_cursor,
            scroll: self.node_scroll,
        };
        let to = node_step(at, action, &lines, height, items);
        self.neighbour_cursor = to.cursor;
        self.node_scroll = to.scroll;
    }

    /// Follows the selected relation, or opens the selected figure.
    fn node_follow(&mut self) {
        let count = self.neighbours().len();
        if let Some(n) = self.neighbours().get(self.neighbour_cursor).copied() {
            self.visit(n.node);
        } else if self.neighbour_cursor >= count {
            let figures = self.node_figures();
            if !figures.is_empty() {
                let mut state = FigureState::new(&self.doc, figures);
                state.step(&self.doc, (self.neighbour_cursor - count) as isize);
                self.overlays.push(Overlay::Figure(state));
            }
        }
    }

    /// Scrolls the node pane's text by `by` lines (the mouse wheel).
    fn node_scroll_by(&mut self, by: isize) {
        let (lines, height) = self.node_view();
        let max = lines.len().saturating_sub(height);
        self.node_scroll = self.node_scroll.min(max).saturating_add_signed(by).min(max);
    }

    // ----- figures -----

    /// The figures the selected node cites, as indices into `doc.figures`.
    pub fn node_figures(&self) -> Vec<usize> {
        let Some(n) = self.selected else {
            return Vec::new();
        };
        self.doc.nodes[n]
            .figures
            .iter()
            .filter_map(|id| self.doc.figures.iter().position(|f| &f.id == id))
            .collect()
    }

    fn open_figures(&mut self) {
        let figures = self.node_figures();
        if figures.is_empty() {
            self.message = Some(self.strings().no_figures_here.to_string());
        } else {
            let state = FigureState::new(&self.doc, figures);
            self.overlays.push(Overlay::Figure(state));
        }
    }

    // ----- marks -----

    // ----- selection and history -----

    /// Selects `node` as a step the reader can go back from.
    pub fn visit(&mut self, node: usize) {
        if let Some(current) = self.selected
            && current != node
        {
            self.back.push(current);
            self.forward.clear();
        }
        self.select_node(node);
    }

    fn go_back(&mut self) {
        match self.back.pop() {
            Some(n) => {
                if let Some(cur) = self.selected {
                    self.forward.push(cur);
                }
                self.select_node(n);
            }
            None => self.message = Some(self.strings().history_start.to_string()),
        }
    }

    fn go_forward(&mut self) {
        match self.forward.pop() {
            Some(n) => {
                if let Some(cur) = self.selected {
                    self.back.push(cur);
                }
                self.select_node(n);
            }
            None => self.message = Some(self.strings().history_end.to_string()),
        }
    }

    /// Selects `node` and brings everything in line: reading position, outline cursor.
    pub fn select_node(&mut self, node: usize) {
        if node >= self.doc.nodes.len() {
            return;
        }
        self.select_node_only(node);
        // Show it in the outline, unfolding what hides it.
        if let Some((s, _)) = self.graph.anchors[node] {
            if self.folded_sections.remove(&s) {
                self.rebuild_rows();
            }
            if self.node_row(node).is_none() && !self.folded_nodes.is_empty() {
                // Only the branches it is in open; the rest stay as folded.
                super::discussion::unfold_above(self, node);
                self.rebuild_rows();
                if self.node_row(node).is_none() {
                    self.folded_nodes.clear();
                    self.rebuild_rows();
                }
            }
        }
        if let Some(row) = self.node_row(node) {
            self.outline_cursor = row;
            self.keep_outline_visible();
        }
    }

    /// The outline row showing `node`, if it is shown.
    fn node_row(&self, node: usize) -> Option<usize> {
        self.row_of_node
            .get(node)
            .filter(|&&r| r != NO_ROW)
            .map(|&r| r as usize)
    }

    /// Selects `node` and scrolls the text to it, leaving the outline cursor alone.
    fn select_node_only(&mut self, node: usize) {
        self.selected = Some(node);
        self.neighbour_cursor = 0;
        self.node_scroll = 0;
        if let Some((s, p)) = self.graph.anchors[node] {
            self.set_paragraph(s, p);
        }
    }

    /// Reads paragraph `p` of section `s`, selecting the first node shown there.
    pub fn select_paragraph(&mut self, s: usize, p: usize) {
        self.set_paragraph(s, p);
        let first = self
            .graph
            .at_paragraph
            .get(self.section)
            .and_then(|ps| ps.get(self.paragraph))
            .and_then(|ns| ns.first())
            .copied();
        match first {
            Some(n) => {
                self.selected = Some(n);
                self.neighbour_cursor = 0;
                self.node_scroll = 0;
                if let Some(row) = self.node_row(n) {
                    self.outline_cursor = row;
                }
            }
            None => {
                self.selected = None;
                self.neighbour_cursor = 0;
                self.node_scroll = 0;
                if let Some(&row) = self.row_of_section.get(self.section) {
                    self.outline_cursor = row;
                }
            }
        }
        self.keep_outline_visible();
    }

    fn set_paragraph(&mut self, s: usize, p: usize) {
        let s = s.min(self.doc.sections.len().saturating_sub(1));
        let count = self
            .doc
            .sections
            .get(s)
            .map_or(0, |sec| sec.paragraphs.len());
        self.section = s;
        self.paragraph = p.min(count.saturating_sub(1));
        self.scroll_to_paragraph();
    }

    /// Scrolls the reading pane so the current paragraph is in view: the first
    /// of a section with its heading, any other from its top with the line
    /// before it for context.
    fn scroll_to_paragraph(&mut self) {
        let text = self.reading_text();
        let height = self.pane_height(Pane::Reading);
        let Some(range) = text.paragraphs.get(self.paragraph) else {
            self.scroll = self.clamp_scroll(Place::new(self.section, 0));
            return;
        };
        let start = if self.paragraph == 0 { 0 } else { range.start };
        let (first, end) = (
            Place::new(self.section, start),
            Place::new(self.section, range.end),
        );
        let top = self.with_article(|a| {
            let bottom = a.step(self.scroll, height as isize);
            if first < self.scroll || end > bottom {
                a.clamp(a.step(first, -isize::from(start > 0)), height)
            } else {
                a.clamp(self.scroll, height)
            }
        });
        self.scroll = top;
    }

    pub(crate) fn keep_outline_visible(&mut self) {
        let h = self.pane_height(Pane::Outline);
        if self.outline_cursor < self.outline_offset {
            self.outline_offset = self.outline_cursor;
        } else if self.outline_cursor >= self.outline_offset + h {
            self.outline_offset = self.outline_cursor + 1 - h;
        }
        let max = self.rows.len().saturating_sub(h);
        self.outline_offset = self.outline_offset.min(max);
    }

    pub(crate) fn rebuild_rows(&mut self) {
        let rows = outline::rows(
            &self.doc,
            &self.graph,
            &self.folded_sections,
            &self.folded_nodes,
        );
        self.rows = self.filtered(rows);
        self.index_rows();
    }

    /// `rows` as the filter shows them: a filtered outline lists the
    /// matching nodes flat under their sections.
    fn filtered(&self, rows: Vec<Row>) -> Vec<Row> {
        if self.filter == Filter::All {
            return rows;
        }
        let keep = |n: usize| self.filter.keeps(self.marks.get(&self.doc.nodes[n].id));
        rows.into_iter()
            .filter_map(|r| match r {
                Row::Node { node, .. } if !keep(node) => None,
                Row::Node { node, .. } => Some(Row::Node {
                    node,
                    depth: 0,
                    branch: false,
                }),
                section => Some(section),
            })
            .collect()
    }

    /// Records the row of each node and section, and keeps the cursor on the outline.
    fn index_rows(&mut self) {
        // Filled in place: no new memory for a large outline's every change.
        self.row_of_node.clear();
        self.row_of_node.resize(self.doc.nodes.len(), NO_ROW);
        self.row_of_section.clear();
        self.row_of_section.resize(self.doc.sections.len(), 0);
        for (i, row) in self.rows.iter().enumerate() {
            match *row {
                Row::Section(s) => self.row_of_section[s] = i,
                Row::Node { node, .. } => {
                    self.row_of_node[node] = u32::try_from(i).unwrap_or(NO_ROW);
                }
            }
        }
        self.outline_cursor = self.outline_cursor.min(self.rows.len().saturating_sub(1));
        self.keep_outline_visible();
    }

    fn position(&self) -> Position {
        Position {
            section: self.section,
            paragraph: self.paragraph,
            selected: self.selected,
            scroll: self.scroll,
        }
    }

    // ----- the map -----

    /// The unfolded map and each node's row in it.
    fn full_map(&self) -> FullMap {
        if let Some((rows, at)) = self.map_cache.borrow().as_ref() {
            return (Rc::clone(rows), Rc::clone(at));
        }
        let rows = map::rows(&self.doc, &self.graph, &HashSet::new());
        let mut at = vec![None; self.doc.nodes.len()];
        for (i, r) in rows.iter().enumerate() {
            if let Some(n) = r.node
                && at[n].is_none()
            {
                at[n] = Some(i);
            }
        }
        let (rows, at) = (Rc::new(rows), Rc::new(at));
        *self.map_cache.borrow_mut() = Some((Rc::clone(&rows), Rc::clone(&at)));
        (rows, at)
    }

    fn open_map(&mut self) {
        let (rows, at) = self.full_map();
        let cursor = self
            .selected
            .and_then(|sel| at.get(sel).copied().flatten())
            .unwrap_or(0);
        self.overlays.push(Overlay::Map(MapState {
            rows,
            cursor,
            ..MapState::default()
        }));
        self.keep_map_visible();
    }

    fn map_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.map_height();
        let full = self
            .map_cache
            .borrow()
            .as_ref()
            .map(|(rows, _)| Rc::clone(rows));
        let Some(Overlay::Map(state)) = self.overlays.last_mut() else {
            return Vec::new();
        };
        let under = state.node();
        match action {
            // Marks and notes act on the node under the cursor, which becomes
            // the selection, so the reader is there when the map closes.
            Action::Agree | Action::Dispute | Action::Unsure | Action::ClearMark | Action::Note => {
                let Some(node) = under else {
                    self.message = Some(self.strings().select_first.to_string());
                    return Vec::new();
                };
                self.select_node(node);
                return match action {
                    Action::Agree => self.mark(Some(Stance::Agree)),
                    Action::Dispute => self.mark(Some(Stance::Dispute)),
                    Action::Unsure => self.mark(Some(Stance::Unsure)),
                    Action::ClearMark => self.mark(None),
                    _ => {
                        self.start_note();
                        Vec::new()
                    }
                };
            }
            Action::Undo => return self.undo(),
            Action::Depth(levels) => {
                let all = full.unwrap_or_else(|| self.full_map().0);
                let Some(Overlay::Map(state)) = self.overlays.last_mut() else {
                    return Vec::new();
                };
                state.show_levels(usize::from(levels), &self.doc, &self.graph, all);
                let s = self.strings();
                self.message = Some(if levels == 0 {
                    s.map_all_levels.to_string()
                } else {
                    format!("{} {levels}", s.map_levels)
                });
            }
            _ => match state.act(action, &self.doc, &self.graph, full, page) {
                MapStep::Stay => {}
                MapStep::Read(node) => {
                    self.overlays.pop();
                    self.visit(node);
                    self.focus = Pane::Node;
                    return Vec::new();
                }
                MapStep::Close => {
                    self.overlays.pop();
                    return Vec::new();
                }
                MapStep::Help => {
                    self.overlays.push(Overlay::Help { scroll: 0 });
                    return Vec::new();
                }
            },
        }
        self.keep_map_visible();
        Vec::new()
    }

    /// Rows of the map's list: the popup less its border and the preview
    /// of the node under the cursor.
    pub fn map_height(&self) -> usize {
        let body = usize::from(self.size.1.saturating_sub(1));
        let (list, _) = map::heights(body.saturating_sub(2));
        list.max(1)
    }

    /// A click on screen row `y` in the map: the first selects the row, a
    /// second on the same row reads its node.
    fn map_click(&mut self, y: u16) -> Vec<Effect> {
        let list = self.map_height();
        let Some(Overlay::Map(state)) = self.overlays.last_mut() else {
            return Vec::new();
        };
        // The list starts under the popup's top border.
        let line = usize::from(y).checked_sub(1).filter(|&l| l < list);
        let Some(row) = line.map(|l| state.offset + l) else {
            return Vec::new();
        };
        if row >= state.rows.len() {
            return Vec::new();
        }
        if state.cursor == row {
            return self.map_action(Action::Follow);
        }
        state.cursor = row;
        Vec::new()
    }

    fn keep_map_visible(&mut self) {
        let h = self.map_height();
        if let Some(Overlay::Map(state)) = self.overlays.last_mut() {
            state.keep_visible(h);
        }
    }

    // ----- search -----

    // ----- terminal events that are not keys -----

    /// The terminal was resized.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.size = (cols, rows);
        self.keep_outline_visible();
        self.scroll_to_paragraph();
        self.keep_map_visible();
    }
}

/// Columns before the reading text: a bar marks the current paragraph.
pub const GUTTER: u16 = 2;

impl Area {
    /// Whether the cell (`x`, `y`) is inside.
    pub fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }
}
