//! The interactive reader: terminal setup, the event loop, and the modules it draws on.
//!
//! Keys become actions through [`keymap`], [`app::App::update`] changes plain
//! state and returns effects, and [`view`] draws the state. Only this file
//! touches the terminal.

pub mod app;
pub mod figure;
pub mod graph;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod map;
pub mod outline;
pub mod panes;
pub mod reading;
pub mod search;
pub mod theme;
pub mod view;

use std::io::{self, stdout};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::marks::class::ClassFile;
use crate::marks::store::{Opened, ReadOnly, Store};
use crate::marks::writer::{Saved, Writer};
use crate::marks::{Marks, Snapshot};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::model::{Document, LoadOptions};
use app::{App, Effect, Saving};
use i18n::{UiLang, strings};
use reading::Mode;
use theme::Theme;

/// How the reader starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// The interface language.
    pub ui: UiLang,
    /// The article's language mode.
    pub mode: Mode,
    /// A file to reload whenever it changes on disk, with its size limit.
    pub watch: Option<(PathBuf, LoadOptions)>,
}

/// How a reading session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) ended it, after marks were saved
    /// and the terminal restored; the number is the signal's.
    Signal(i32),
}

/// Opens the reader full-screen on `doc` with the reader's marks (saved to
/// `opened`'s store, if any) and a class's marks, and returns when the reader
/// quits. The terminal is restored on quit, on error and on panic.
pub fn run(
    doc: Document,
    options: Options,
    opened: Option<Opened>,
    class: Option<ClassFile>,
) -> io::Result<Ending> {
    // Signals only set a flag; the loop notices it within a poll interval,
    // saves, and leaves through the same door as `q`, restoring the terminal.
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    // Our hook goes in first so that ratatui's, installed by `init`, restores
    // the screen before it runs: then mouse reporting is switched off too.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    // A writable store goes to a writer thread, which owns it (and its lock)
    // until the saver is finished or dropped: after the last write, on every
    // way out, a panic's unwinding included.
    let mut saver: Option<Saver> = None;
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        let s = strings(options.ui);
        let (marks, saving) = match opened {
            Some(o) => {
                let saving = saving_of(&o, s);
                if o.store.writable() {
                    saver = Some(Saver::start(o.store));
                }
                (o.marks, saving)
            }
            None => (
                Marks::without_digest(&doc, None),
                Saving::ReadOnly(s.no_marks_file.to_string()),
            ),
        };
        let size = (size.width, size.height);
        let mut app = App::open(doc, marks, saving, options.ui, options.mode, size);
        if let Some(c) = class {
            app = app.with_class(c);
        }
        let mut watch = options.watch.map(|(path, limits)| Watch::new(path, limits));
        let io = Io {
            saver: saver.as_mut(),
            signal: &signal,
            watch: watch.as_mut(),
        };
        event_loop(&mut terminal, &mut app, io, &Theme::from_env())
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    // Quit, a signal, or an error: the terminal is back at once, and the save
    // asked for last is on disk before the process ends.
    if let Some(saver) = saver {
        let path = saver.path.clone();
        if let Some(Err(e)) = saver.writer.finish().pop() {
            eprintln!(
                "stance: your last change to the marks could not be saved to {}: {e}\n\
                 Check that its directory exists and can be written, then open the \
                 document again and redo the change.",
                path.display()
            );
        }
    }
    result
}

/// What the status line says about saving, from how the marks file opened.
fn saving_of(o: &Opened, s: &i18n::Strings) -> Saving {
    match &o.store.read_only {
        None => Saving::To(o.store.path.clone()),
        Some(ReadOnly::Locked) => Saving::ReadOnly(s.locked.to_string()),
        Some(ReadOnly::Invalid(why)) => Saving::ReadOnly(format!("{} {why}", s.invalid_marks)),
        Some(ReadOnly::Unwritable(why)) => Saving::ReadOnly(why.clone()),
    }
}

/// What the loop touches besides the app: the marks' writer, the signal flag, a watched file.
struct Io<'a> {
    saver: Option<&'a mut Saver>,
    signal: &'a AtomicUsize,
    watch: Option<&'a mut Watch>,
}

/// Saves the marks off the input path: the loop hands the writer thread a
/// snapshot and goes on; results come back to the status line.
struct Saver {
    /// The marks file, for the status line.
    path: PathBuf,
    /// Owns the store.
    writer: Writer<Snapshot>,
}

impl Saver {
    /// Starts the writer thread, which takes the store.
    fn start(store: Store) -> Saver {
        let path = store.path.clone();
        let gate = test_save_gate();
        let writer = Writer::new(move |snapshot: Snapshot| {
            if let Some(gate) = &gate {
                while !gate.exists() {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
            store.save_snapshot(&snapshot).map_err(|e| e.to_string())
        });
        Saver { path, writer }
    }

    /// Hands the writer a snapshot of the marks, in file order; does not wait
    /// (except, the first time, for the document's digest if it is not ready).
    fn save(&mut self, app: &mut App) {
        app.settle_digest();
        self.writer.submit(app.marks.snapshot(&app.doc));
    }

    /// Tells the app how the writes finished since the last look went; whether any had.
    fn report(&self, app: &mut App) -> bool {
        let results = self.writer.results();
        let any = !results.is_empty();
        for result in results {
            report_saved(app, &self.path, result);
        }
        any
    }
}

/// In a debug build, a test can hold every save until a file exists, to prove
/// that keys are answered while a save is under way and that quitting waits for
/// it; release builds have no such hook.
fn test_save_gate() -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os("STANCE_TEST_SAVE_GATE").map(PathBuf::from)
    } else {
        None
    }
}

/// Tells the app whether a save worked; a failure keeps the marks in memory.
fn report_saved(app: &mut App, path: &Path, result: Saved) {
    if result.is_ok() {
        app.set_saving(Saving::To(path.to_path_buf()));
    }
    app.saved(result);
}

/// How often the loop looks for signals and file changes while no key comes.
const TICK: Duration = Duration::from_millis(150);

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut io: Io,
    theme: &Theme,
) -> io::Result<Ending> {
    // In a debug build, a test can ask for a panic on a key to prove the
    // terminal is restored and marks are kept; release builds have no such key.
    let panic_key: Option<char> = if cfg!(debug_assertions) {
        std::env::var("STANCE_TEST_PANIC_KEY")
            .ok()
            .and_then(|k| k.chars().next())
    } else {
        None
    };
    loop {
        if let Some(saver) = io.saver.as_deref() {
            saver.report(app);
        }
        terminal.draw(|frame| view::draw(frame, app, theme))?;
        // Wait for an event, a signal, or a change to the watched file.
        loop {
            let sig = io.signal.load(Ordering::SeqCst);
            if sig != 0 {
                // The caller flushes the writer: every save asked for is written.
                return Ok(Ending::Signal(sig as i32));
            }
            if event::poll(TICK)? {
                break;
            }
            // A save finished while no key came: show it.
            if let Some(saver) = io.saver.as_deref()
                && saver.report(app)
            {
                break;
            }
            if let Some(w) = io.watch.as_deref_mut()
                && w.changed()
            {
                w.reload(app);
                break;
            }
        }
        // Take every event that is waiting before drawing again, so a burst of
        // keys costs one frame, not one frame per key.
        while event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            if let (Some(k), Event::Key(key)) = (panic_key, &ev)
                && key.code == crossterm::event::KeyCode::Char(k)
            {
                panic!("a panic forced by STANCE_TEST_PANIC_KEY, to test recovery");
            }
            for effect in handle(app, ev) {
                match effect {
                    Effect::Quit => return Ok(Ending::Quit),
                    Effect::SaveMarks => {
                        if let Some(saver) = io.saver.as_deref_mut() {
                            saver.save(app);
                        }
                    }
                    Effect::ExportMarks => export(app),
                }
            }
        }
    }
}

/// A file the reader follows: reloaded when it changes (see
/// [`crate::model::load::Watched`]: time, size, type, and content).
struct Watch {
    path: PathBuf,
    limits: LoadOptions,
    watched: crate::model::load::Watched,
}

impl Watch {
    fn new(path: PathBuf, limits: LoadOptions) -> Watch {
        let watched = crate::model::load::Watched::new(&path, limits);
        Watch {
            path,
            limits,
            watched,
        }
    }

    fn changed(&mut self) -> bool {
        self.watched.changed()
    }

    /// Reloads the file into the app, or shows why it cannot be, keeping the last good document.
    fn reload(&self, app: &mut App) {
        let name = self.path.display().to_string();
        let loaded = match crate::model::load::read_text(&self.path, self.limits) {
            Ok(text) => crate::formats::load_any(&name, text, None),
            Err(d) => {
                let mut report = crate::diag::Report::new(name);
                report.push(d);
                crate::model::Loaded {
                    document: None,
                    report,
                }
            }
        };
        match loaded.usable() {
            Some(doc) => app.reload(doc.clone()),
            None => {
                let report = &loaded.report;
                let first = report
                    .diagnostics
                    .iter()
                    .find(|d| d.severity == crate::diag::Severity::Error);
                let text = first.map_or_else(String::new, |d| {
                    let at = if d.pos.line > 0 {
                        format!(":{}:{}", d.pos.line, d.pos.column)
                    } else {
                        String::new()
                    };
                    format!(
                        "{}{at}: {} ({} error{})",
                        crate::text::sanitize_line(&report.file),
                        crate::text::sanitize_line(&d.message),
                        report.errors(),
                        if report.errors() == 1 { "" } else { "s" }
                    )
                });
                app.load_error = Some(text);
            }
        }
    }
}

/// Writes the marks as JSON into the current directory, under a name that does
/// not replace an earlier export.
fn export(app: &mut App) {
    app.settle_digest();
    let stamp: String = crate::marks::now()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let reader = app.marks.reader.clone().unwrap_or_else(|| "marks".into());
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let name = format!("{}-{}-{stamp}.marks.json", safe(&app.doc.id), safe(&reader));
    let s = app.strings();
    let result = crate::marks::store::write_atomic(
        std::path::Path::new(&name),
        app.marks.to_json(&app.doc).as_bytes(),
    );
    app.message = Some(match result {
        Ok(()) => {
            let path = std::env::current_dir()
                .map(|d| d.join(&name))
                .unwrap_or_else(|_| name.clone().into());
            format!("{} {}", s.exported, path.display())
        }
        Err(e) => format!("{} {e}", s.export_failed),
    });
}

/// Applies one terminal event to the app.
pub fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) => app.handle_key(key),
        Event::Mouse(m) => app.mouse(m),
        Event::Paste(text) => {
            app.paste(&text);
            Vec::new()
        }
        Event::Resize(w, h) => {
            app.resize(w, h);
            Vec::new()
        }
        _ => Vec::new(),
    }
}
