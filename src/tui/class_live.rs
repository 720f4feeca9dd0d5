//! The class folder followed live: a thread off the UI looks at the folder
//! as soon as the system reports a change in it (a filesystem watch), and in
//! any case every [`POLL`] (network drives and some sync engines report
//! nothing), reads only the files that changed, and leaves the newest
//! [`ClassUpdate`] for the event loop, which hands it to the app as an event.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::marks::class::ClassFile;
use crate::marks::folder::{Folder, Scanner};
use crate::marks::{DocumentRef, Stance};
use crate::tui::i18n::UiLang;

/// How often the folder is looked at: well inside the two seconds a class
/// waits to see a classmate's mark.
pub const POLL: Duration = Duration::from_millis(500);

/// One reader of the class, as the teacher's view lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderSummary {
    /// Their name as the class shows it.
    pub name: String,
    /// Nodes they took a stance on.
    pub stances: usize,
    /// Notes they wrote.
    pub notes: usize,
    /// When their file last changed (RFC 3339).
    pub updated: String,
}

/// One classmate's own arguments (their additions), as the class shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TheirArguments {
    /// Their name as the class shows it.
    pub name: String,
    /// Their file in the folder.
    pub file: String,
    /// Their reader id, if their file has one.
    pub reader_id: Option<String>,
    /// Their additions, in their file's order.
    pub additions: Vec<crate::marks::additions::Addition>,
}

/// What the class folder holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassUpdate {
    /// The class merged.
    pub class: ClassFile,
    /// Each reader, in the order the class lists them.
    pub readers: Vec<ReaderSummary>,
    /// The files skipped, as one line per language (English, Chinese), or `None`.
    pub skipped: Option<[String; 2]>,
    /// Readers who picked the same name: the name and their files.
    pub namesakes: Vec<(String, Vec<String>)>,
    /// Each reader's own arguments, for readers who have any.
    pub arguments: Vec<TheirArguments>,
    /// The folder could not be read: the folder and why (the last good view stays).
    pub error: Option<(String, String)>,
}

impl ClassUpdate {
    /// The update a scan of the folder gives, for `document`.
    pub fn of(mut folder: Folder, document: &DocumentRef) -> ClassUpdate {
        folder.keep_document(&document.id);
        let (class, named) = folder.merge_named(document.clone());
        let arguments = named
            .iter()
            .filter(|(_, c)| !c.marks.additions.is_empty())
            .map(|(name, c)| TheirArguments {
                name: name.clone(),
                file: c.file.clone(),
                reader_id: c.marks.reader_id.clone(),
                additions: c.marks.additions.clone(),
            })
            .collect();
        let readers = named
            .into_iter()
            .map(|(name, c)| ReaderSummary {
                name,
                stances: c.marks.marks.iter().filter(|m| m.stance.is_some()).count(),
                notes: c.marks.marks.iter().filter(|m| m.note.is_some()).count(),
                updated: c.marks.updated.clone(),
            })
            .collect();
        let skipped = folder
            .summary(UiLang::En)
            .map(|en| [en, folder.summary(UiLang::Zh).unwrap_or_default()]);
        ClassUpdate {
            arguments,
            namesakes: folder.namesakes(),
            class,
            readers,
            skipped,
            error: None,
        }
    }
}

/// The newest update, replaced by each scan and taken by the event loop:
/// however slowly the loop takes them, only one waits.
type Slot = Arc<Mutex<Option<ClassUpdate>>>;

/// The thread following a class folder; it stops when this is dropped.
pub struct ClassWatch {
    slot: Slot,
    stop: Arc<AtomicBool>,
}

impl ClassWatch {
    /// Starts following `dir` for `document`, looking every `every`.
    pub fn start(
        dir: PathBuf,
        document: DocumentRef,
        every: Duration,
    ) -> std::io::Result<ClassWatch> {
        let slot: Slot = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let (theirs, stopped) = (Arc::clone(&slot), Arc::clone(&stop));
        std::thread::Builder::new()
            .name("stance-class".into())
            .spawn(move || {
                let mut scanner = Scanner::new();
                let mut failing = false;
                // The watch only wakes the thread early; without one (the
                // system has none, or too many are in use) the poll does it all.
                let (wake, woken) = std::sync::mpsc::channel::<()>();
                let _watcher = watch(&dir, wake);
                while !stopped.load(Ordering::SeqCst) {
                    let update = match scanner.rescan(&dir, Some(&document.id)) {
                        Ok(Some(folder)) => {
                            failing = false;
                            Some(ClassUpdate::of(folder, &document))
                        }
                        Ok(None) => None,
                        Err(e) if !failing => {
                            failing = true;
                            // Seen again in full once the folder is back.
                            scanner = Scanner::new();
                            Some(ClassUpdate {
                                class: ClassFile {
                                    schema: crate::marks::class::SCHEMA.to_string(),
                                    document: document.clone(),
                                    readers: Vec::new(),
                                    nodes: Vec::new(),
                                    additions: Vec::new(),
                                },
                                readers: Vec::new(),
                                skipped: None,
                                namesakes: Vec::new(),
                                arguments: Vec::new(),
                                error: Some((
                                    crate::text::sanitize_line(&dir.display().to_string())
                                        .into_owned(),
                                    crate::text::sanitize_line(&e.to_string()).into_owned(),
                                )),
                            })
                        }
                        Err(_) => None,
                    };
                    if let Some(u) = update
                        && let Ok(mut slot) = theirs.lock()
                    {
                        *slot = Some(u);
                    }
                    // Wait for a change or the next poll, in short steps so
                    // that dropping the watch stops the thread soon.
                    let mut waited = Duration::ZERO;
                    while waited < every && !stopped.load(Ordering::SeqCst) {
                        let step = Duration::from_millis(50).min(every - waited);
                        if woken.recv_timeout(step).is_ok() {
                            // A burst of events (a sync engine writing many
                            // files) costs one look.
                            while woken.try_recv().is_ok() {}
                            break;
                        }
                        waited += step;
                    }
                }
            })?;
        Ok(ClassWatch { slot, stop })
    }

    /// The newest update since the last call, if there is one.
    pub fn take(&self) -> Option<ClassUpdate> {
        self.slot.lock().ok()?.take()
    }
}

impl Drop for ClassWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A filesystem watch on `dir` that sends on `wake` at every change in it, if
/// the system has one to give.
fn watch(dir: &std::path::Path, wake: std::sync::mpsc::Sender<()>) -> Option<impl Drop> {
    use notify::Watcher as _;
    let mut w = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok() {
            let _ = wake.send(());
        }
    })
    .ok()?;
    w.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    Some(w)
}

/// A reason a classmate gave: their note on a node, with their stance and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Who, as shown (a name, or "student 3").
    pub who: String,
    /// Their stance, if they took one.
    pub stance: Option<Stance>,
    /// What they wrote.
    pub note: String,
    /// When (RFC 3339).
    pub at: String,
}
