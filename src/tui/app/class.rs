//! The class folder in the reader: the folder's updates arrive here as
//! events ([`App::class_changed`]), the node pane asks for a node's reasons
//! ([`App::reasons`]), and classmates are named, or numbered when the class
//! votes without names.

use super::*;
use crate::tui::class_live::{ClassUpdate, ReaderSummary, Reason};
use crate::tui::i18n::{class_strings, fill};

/// The class as the reader knows it from the folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassLive {
    /// Classmates are shown as "student 1…n" (the teacher's view still names them).
    pub anonymous: bool,
    /// Each name's number, given in the order names first appear: stable for
    /// the session, whatever comes and goes.
    numbers: HashMap<String, usize>,
    /// Every reader in the folder, with how much they marked.
    pub readers: Vec<ReaderSummary>,
    /// The files skipped, in English and Chinese.
    pub skipped: Option<[String; 2]>,
    /// Readers who picked the same name.
    pub namesakes: Vec<(String, Vec<String>)>,
    /// Why the folder could not be read, while it cannot.
    pub error: Option<String>,
    /// How many updates have arrived.
    pub updates: u64,
    /// The teacher's view's scroll.
    pub scroll: usize,
    /// The document as it was opened, before any classmate's arguments were
    /// laid over it; `None` when classmates' arguments are not shown.
    base: Option<Arc<Document>>,
    /// The reader's own file in the folder: its arguments are the reader's
    /// own, not a classmate's.
    own_file: Option<String>,
    /// The classmates' arguments laid over the document now (id, author, when changed).
    laid: Vec<(String, String, String)>,
    /// The classmates' arguments as the folder last had them, to lay again
    /// over a new version of the document.
    arguments: Vec<crate::tui::class_live::TheirArguments>,
}

impl ClassLive {
    /// Following a folder, naming classmates or not.
    pub fn new(anonymous: bool) -> ClassLive {
        ClassLive {
            anonymous,
            ..ClassLive::default()
        }
    }

    /// Following a folder where classmates' own arguments join `base` as
    /// nodes by their authors; `own_file` is the reader's own file there.
    pub fn with_arguments(mut self, base: Arc<Document>, own_file: Option<String>) -> ClassLive {
        self.base = Some(base);
        self.own_file = own_file;
        self
    }

    /// How `name` is shown to classmates: the name, or "student n".
    pub fn shown(&self, name: &str, lang: UiLang) -> String {
        match self.numbers.get(name) {
            Some(n) if self.anonymous => fill(class_strings(lang).student_n, &[&n.to_string()]),
            _ => name.to_string(),
        }
    }
}

impl App {
    /// The class folder changed: the split, the reasons and the teacher's
    /// view follow it; a reader whose file went away leaves the view.
    pub fn class_changed(&mut self, update: ClassUpdate) {
        let live = self.class_live.get_or_insert_with(ClassLive::default);
        live.updates += 1;
        if let Some((dir, why)) = update.error {
            // The last good view stays; the status line says why it is not moving.
            let dir_said = fill(class_strings(self.ui).folder_unreadable, &[&dir, &why]);
            live.error = Some(dir_said.clone());
            self.message = Some(dir_said);
            return;
        }
        live.error = None;
        for name in &update.class.readers {
            let next = live.numbers.len() + 1;
            live.numbers.entry(name.clone()).or_insert(next);
        }
        let lang_index = usize::from(self.ui == UiLang::Zh);
        let news = |old: &Option<[String; 2]>, new: &Option<[String; 2]>| old != new;
        let mut tell: Vec<String> = Vec::new();
        if news(&live.skipped, &update.skipped)
            && let Some(line) = &update.skipped
        {
            tell.push(line[lang_index].clone());
        }
        if live.namesakes != update.namesakes {
            for (name, files) in &update.namesakes {
                tell.push(fill(
                    class_strings(self.ui).namesakes,
                    &[name, &files.join(", ")],
                ));
            }
        }
        live.skipped = update.skipped;
        live.namesakes = update.namesakes;
        live.readers = update.readers;
        let arguments = update.arguments;
        if !tell.is_empty() {
            self.message = Some(tell.join(" · "));
        }
        self.cruxes = update.class.nodes.iter().map(|n| n.node.clone()).collect();
        self.class = Some(
            update
                .class
                .nodes
                .into_iter()
                .map(|n| (n.node.clone(), n))
                .collect(),
        );
        self.lay_arguments(&arguments, false);
        if let Some(live) = &mut self.class_live {
            live.arguments = arguments;
        }
    }

    /// The document changed on disk (`--watch`): in a class folder the new
    /// version is the base classmates' arguments are laid over again.
    pub fn document_changed(&mut self, doc: Document) {
        match &mut self.class_live {
            Some(live) if live.base.is_some() => {
                live.base = Some(Arc::new(doc));
                let arguments = std::mem::take(&mut live.arguments);
                self.lay_arguments(&arguments, true);
                if let Some(live) = &mut self.class_live {
                    live.arguments = arguments;
                }
            }
            _ => self.reload(doc),
        }
    }

    /// Lays classmates' own arguments over the document as nodes by their
    /// authors (numbered with `--anonymous`), when they changed: they can be
    /// read, followed and marked like any node, and only their authors change
    /// them. The reader's own file is left to the reader's own arguments.
    /// With `again`, the document is laid out anew even when the arguments are as they were.
    fn lay_arguments(&mut self, arguments: &[crate::tui::class_live::TheirArguments], again: bool) {
        let Some(live) = &self.class_live else { return };
        let Some(base) = live.base.clone() else {
            return;
        };
        let own_id = self.marks.reader_id.as_deref();
        let theirs: Vec<(String, &crate::marks::additions::Addition)> = arguments
            .iter()
            .filter(|t| Some(t.file.as_str()) != live.own_file.as_deref())
            .filter(|t| own_id.is_none() || t.reader_id.as_deref() != own_id)
            .flat_map(|t| {
                let who = live.shown(&t.name, self.ui);
                t.additions.iter().map(move |a| (who.clone(), a))
            })
            .collect();
        let laid: Vec<(String, String, String)> = theirs
            .iter()
            .map(|(who, a)| (a.id.clone(), who.clone(), a.updated.clone()))
            .collect();
        if laid == live.laid && !again {
            return;
        }
        let doc = crate::marks::additions::with_authored(
            &base,
            theirs.iter().map(|(who, a)| (who.as_str(), *a)),
        )
        .doc;
        let teacher = matches!(self.overlays.last(), Some(Overlay::Teacher));
        self.reload(doc);
        if let Some(live) = &mut self.class_live {
            live.laid = laid;
        }
        if teacher {
            self.overlays.push(Overlay::Teacher);
        }
    }

    /// The class's reasons on node `idx`: each note with its writer's stance
    /// and name (or number), newest first.
    pub fn reasons(&self, idx: usize) -> Vec<Reason> {
        let Some(c) = self.class_of(idx) else {
            return Vec::new();
        };
        let mut out: Vec<Reason> = c
            .notes
            .iter()
            .map(|n| Reason {
                who: match &self.class_live {
                    Some(live) => live.shown(&n.reader, self.ui),
                    None => n.reader.clone(),
                },
                stance: n.stance,
                note: n.note.clone(),
                at: n.at.clone(),
            })
            .collect();
        // RFC 3339 in UTC sorts as text; ties keep the class's order.
        out.sort_by(|a, b| b.at.cmp(&a.at));
        out
    }

    /// Opens the teacher's view, or says it needs a class folder.
    pub fn open_teacher(&mut self) {
        if self.class_live.is_some() {
            if !matches!(self.overlays.last(), Some(Overlay::Teacher)) {
                self.overlays.push(Overlay::Teacher);
            }
        } else {
            self.message = Some(class_strings(self.ui).teacher_needs_folder.to_string());
        }
    }

    /// A key in the teacher's view: scroll, help, or back to the article.
    pub(super) fn teacher_action(&mut self, action: Action) -> Vec<Effect> {
        let page = usize::from(self.size.1.saturating_sub(4)).max(1);
        match action {
            Action::Close | Action::Teacher => {
                self.overlays.pop();
            }
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            _ => {
                if let Some(live) = &mut self.class_live {
                    live.scroll = match action {
                        Action::Down => live.scroll.saturating_add(1),
                        Action::Up => live.scroll.saturating_sub(1),
                        Action::PageDown => live.scroll.saturating_add(page),
                        Action::PageUp => live.scroll.saturating_sub(page),
                        Action::Top => 0,
                        _ => live.scroll,
                    };
                    // Never past the end, so scrolling back up answers at once.
                    let lines = crate::tui::teacher::lines(self, usize::from(self.size.0)).len();
                    if let Some(live) = &mut self.class_live {
                        live.scroll = live.scroll.min(lines.saturating_sub(1));
                    }
                }
            }
        }
        Vec::new()
    }
}
