//! The text search scans: every paragraph and node with case folded, built on
//! another thread as the reader opens, so a large document's first frame does
//! not wait for it and the first search rarely does.

use std::cell::{OnceCell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::model::links::shown;
use crate::model::{Document, Lang, Node};
use crate::text::fold_case_into;

/// Case-folded searchable text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    /// Each paragraph in both languages, by section then paragraph.
    pub para: Vec<Vec<String>>,
    /// Each node: its label, id, text in both languages, quote and note.
    /// Links count by their words alone, as they are shown.
    pub node: Vec<String>,
}

/// Folds `parts` for searching, a newline between them. A text is searched
/// as the reader sees it: a link by its words, not by the address hidden
/// behind them (see `model::links::shown`).
fn fold(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        fold_case_into(&mut out, &shown(p).0);
    }
    out
}

/// A node's searchable text: found by its label (R7, as its badges say) and
/// its id too, besides its words.
fn node_text(n: &Node, label: &str) -> String {
    let mut parts = vec![label, n.id.as_str(), n.text.zh.as_str(), n.text.en.as_str()];
    parts.extend(
        [&n.quote, &n.note]
            .into_iter()
            .flatten()
            .map(String::as_str),
    );
    fold(&parts)
}

impl SearchText {
    /// Folds all of `doc`'s text.
    pub fn new(doc: &Document) -> SearchText {
        let para = doc
            .sections
            .iter()
            .map(|s| {
                s.paragraphs
                    .iter()
                    .map(|p| fold(&[p.text(Lang::Zh), p.text(Lang::En)]))
                    .collect()
            })
            .collect();
        let labels = doc.labels();
        let node = doc
            .nodes
            .iter()
            .zip(&labels)
            .map(|(n, label)| node_text(n, label))
            .collect();
        SearchText { para, node }
    }

    /// The text of node `m`, whose label alone changed to `label`: its first
    /// line is the label.
    fn relabel(&mut self, m: usize, label: &str) {
        if let Some(slot) = self.node.get_mut(m) {
            let rest = slot.find('\n').map_or(slot.len(), |i| i);
            let mut folded = String::with_capacity(label.len());
            fold_case_into(&mut folded, label);
            slot.replace_range(..rest, &folded);
        }
    }

    /// The text of the nodes `relabelled`, given `labels` and nothing else.
    fn relabel_all(&mut self, labels: &[String], relabelled: &[usize]) {
        for &m in relabelled {
            if let Some(label) = labels.get(m) {
                self.relabel(m, label);
            }
        }
    }

    /// The text of `doc` after the nodes `changed` changed.
    pub fn renode(&mut self, doc: &Document, labels: &[String], changed: &[usize]) {
        for &m in changed {
            if let (Some(slot), Some(n), Some(label)) =
                (self.node.get_mut(m), doc.nodes.get(m), labels.get(m))
            {
                *slot = node_text(n, label);
            }
        }
    }

    /// The text of `doc`, whose nodes from `from` on changed (with these
    /// `labels`, by node): only theirs is folded again.
    pub fn renodes(&mut self, doc: &Document, labels: &[String], from: usize) {
        self.node.truncate(from);
        for (n, label) in doc.nodes.iter().zip(labels).skip(from) {
            self.node.push(node_text(n, label));
        }
    }
}

/// The search text, being built on another thread or ready.
pub struct Prepared {
    /// The document, until the text is ready (a thread that failed is
    /// replaced by doing the work here); then let go, so the reader's copy
    /// is theirs alone to change.
    doc: RefCell<Option<Arc<Document>>>,
    building: RefCell<Option<JoinHandle<SearchText>>>,
    ready: OnceCell<Rc<SearchText>>,
}

impl Prepared {
    /// Starts folding `doc`'s text on another thread (if none can be started,
    /// the first search does the work).
    pub fn start(doc: &Arc<Document>) -> Prepared {
        let mine = Arc::clone(doc);
        let building = std::thread::Builder::new()
            .name("stance-search-text".into())
            .spawn(move || SearchText::new(&mine))
            .ok();
        Prepared {
            doc: RefCell::new(Some(Arc::clone(doc))),
            building: RefCell::new(building),
            ready: OnceCell::new(),
        }
    }

    /// The text, waiting for the thread if it has not finished (a thread that
    /// failed is replaced by doing the work here).
    pub fn get(&self) -> Rc<SearchText> {
        let text = self.ready.get_or_init(|| {
            let built = self
                .building
                .borrow_mut()
                .take()
                .and_then(|h| h.join().ok());
            let doc = self.doc.borrow_mut().take();
            Rc::new(built.unwrap_or_else(|| doc.map(|d| SearchText::new(&d)).unwrap_or_default()))
        });
        self.doc.borrow_mut().take();
        Rc::clone(text)
    }

    /// Changes the text by `change`: waits for it if it is being built, and
    /// changes it in place (it is not copied unless a search still holds it).
    fn change(&mut self, change: impl FnOnce(&mut SearchText)) {
        self.get();
        let mut text = self.ready.take().unwrap_or_default();
        change(Rc::make_mut(&mut text));
        self.ready = OnceCell::from(text);
    }

    /// The text after node `removed` was taken out and the nodes `relabelled`
    /// (new positions) were given `labels` and nothing else.
    pub fn relabel(&mut self, labels: &[String], removed: usize, relabelled: &[usize]) {
        self.change(|t| {
            if removed < t.node.len() {
                t.node.remove(removed);
            }
            t.relabel_all(labels, relabelled);
        });
    }

    /// The text after node `n` of `doc` was put in and the nodes
    /// `relabelled` (new positions, `n` among them) given `labels`.
    pub fn insert(&mut self, doc: &Document, labels: &[String], n: usize, relabelled: &[usize]) {
        self.change(|t| {
            if let (Some(node), Some(label)) = (doc.nodes.get(n), labels.get(n))
                && n <= t.node.len()
            {
                t.node.insert(n, node_text(node, label));
            }
            let others: Vec<usize> = relabelled.iter().copied().filter(|&m| m != n).collect();
            t.relabel_all(labels, &others);
        });
    }

    /// The text for `doc` after the nodes `changed` changed (see
    /// [`SearchText::renode`]); the document is let go.
    pub fn renode(&mut self, doc: &Document, labels: &[String], changed: &[usize]) {
        self.change(|t| t.renode(doc, labels, changed));
    }

    /// The text for `doc`, whose nodes from `from` on changed (see
    /// [`SearchText::renodes`]); the document is let go.
    pub fn renodes(&mut self, doc: &Document, labels: &[String], from: usize) {
        self.change(|t| t.renodes(doc, labels, from));
    }
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prepared")
            .field("ready", &self.ready.get().is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_built_on_a_thread_is_the_text_built_here() {
        let doc = Arc::new(crate::model::load_embedded().document.expect("the article"));
        let prepared = Prepared::start(&doc);
        let here = SearchText::new(&doc);
        assert_eq!(*prepared.get(), here);
        assert_eq!(*prepared.get(), here, "and again, once ready");
        assert_eq!(here.node.len(), doc.nodes.len());
        assert!(here.para[1].iter().any(|p| p.contains("stargate")));
        // Without a thread (none could be started), the first search builds it.
        let unthreaded = Prepared {
            doc: RefCell::new(Some(Arc::clone(&doc))),
            building: RefCell::new(None),
            ready: OnceCell::new(),
        };
        assert_eq!(*unthreaded.get(), here);
    }
}
