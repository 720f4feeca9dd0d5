//! The text search scans: every paragraph and node with case folded, built on
//! another thread as the reader opens, so a large document's first frame does
//! not wait for it and the first search rarely does.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::model::{Document, Lang};
use crate::text::fold_case_into;

/// Case-folded searchable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    /// Each paragraph in both languages, by section then paragraph.
    pub para: Vec<Vec<String>>,
    /// Each node: its text in both languages, quote and note.
    pub node: Vec<String>,
}

impl SearchText {
    /// Folds all of `doc`'s text.
    pub fn new(doc: &Document) -> SearchText {
        let fold = |parts: &[&str]| {
            let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                fold_case_into(&mut out, p);
            }
            out
        };
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
        let node = doc
            .nodes
            .iter()
            .map(|n| {
                let mut parts = vec![n.text.zh.as_str(), n.text.en.as_str()];
                parts.extend(
                    [&n.quote, &n.note]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
                fold(&parts)
            })
            .collect();
        SearchText { para, node }
    }
}

/// The search text, being built or ready.
pub struct Prepared(RefCell<Inner>);

enum Inner {
    Building(JoinHandle<SearchText>, Arc<Document>),
    Ready(Rc<SearchText>),
}

impl Prepared {
    /// Starts folding `doc`'s text on another thread (on this one, if no
    /// thread can be started).
    pub fn start(doc: &Arc<Document>) -> Prepared {
        let mine = Arc::clone(doc);
        let inner = match std::thread::Builder::new()
            .name("stance-search-text".into())
            .spawn(move || SearchText::new(&mine))
        {
            Ok(handle) => Inner::Building(handle, Arc::clone(doc)),
            Err(_) => Inner::Ready(Rc::new(SearchText::new(doc))),
        };
        Prepared(RefCell::new(inner))
    }

    /// The text, waiting for the thread if it has not finished.
    pub fn get(&self) -> Rc<SearchText> {
        let mut inner = self.0.borrow_mut();
        let text = match std::mem::replace(&mut *inner, Inner::Ready(Rc::new(empty()))) {
            Inner::Ready(text) => text,
            // A thread that failed is replaced by doing the work here.
            Inner::Building(handle, doc) => {
                Rc::new(handle.join().unwrap_or_else(|_| SearchText::new(&doc)))
            }
        };
        *inner = Inner::Ready(Rc::clone(&text));
        text
    }
}

fn empty() -> SearchText {
    SearchText {
        para: Vec::new(),
        node: Vec::new(),
    }
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ready = matches!(&*self.0.borrow(), Inner::Ready(_));
        f.debug_struct("Prepared").field("ready", &ready).finish()
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
    }
}
