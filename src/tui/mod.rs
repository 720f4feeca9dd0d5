//! The interactive reader: terminal setup, the event loop, and the modules it draws on.
//!
//! Keys become actions through [`keymap`], [`app::App::update`] changes plain
//! state and returns effects, and [`view`] draws the state. Only this file
//! touches the terminal.

pub mod addform;
pub mod app;
pub mod class_live;
pub mod discussion;
pub mod figure;
pub mod graph;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod legend;
pub mod map;
pub mod outline;
pub mod panes;
pub mod reading;
pub mod search;
pub mod selection;
pub mod teacher;
pub mod theme;
pub mod view;

use std::io::{self, IsTerminal, stdout};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::DefaultTerminal;

use crate::marks::class::ClassFile;
use crate::marks::store::{Opened, ReadOnly, Store};
use crate::marks::writer::{Saved, Writer};
use crate::marks::{Marks, Snapshot};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM};

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
    /// A class folder to follow live (`--class-dir`).
    pub class_dir: Option<ClassDir>,
}

/// A class folder the reader follows.
#[derive(Debug, Clone)]
pub struct ClassDir {
    /// The folder.
    pub dir: PathBuf,
    /// Classmates shown as "student 1…n".
    pub anonymous: bool,
    /// Open on the teacher's view.
    pub teacher: bool,
    /// What to tell the reader as the reader opens (another reader of the same name).
    pub notice: Option<String>,
}

/// How a reading session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) ended it, after marks were saved
    /// and the terminal restored; the number is the signal's. A terminal that
    /// went away (its window closed, the connection dropped) ends it as SIGHUP,
    /// a hangup, whether or not the signal came.
    Signal(i32),
}

/// Opens the reader full-screen on `doc` with the reader's marks (saved to
/// `opened`'s store, if any) and a class's marks, and returns when the reader
/// quits. The terminal is restored on quit, on error and on panic.
///
/// Marks that could not be saved are written to a spare file as the reader
/// leaves, and the error returned says where: the exit status then says not
/// everything was saved.
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
    // After a stop the reader did not ask for (`kill -STOP`, then `fg` or
    // `kill -CONT`), the terminal may have been changed under it: set it up again.
    let resumed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    signal_hook::flag::register(SIGCONT, Arc::clone(&resumed))?;
    // Our hook goes in first so that ratatui's, installed by `init`, restores
    // the screen before it runs: then mouse reporting is switched off too.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let tty = Tty::now();
    let mut terminal = ratatui::try_init().inspect_err(|_| restore())?;
    let s = strings(options.ui);
    // A writable store goes to a writer thread, which owns it (and its lock)
    // until the saver is finished or dropped: after the last write, on every
    // way out, a panic's unwinding included.
    let mut saver: Option<Saver> = None;
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        let (marks, saving) = match opened {
            Some(o) => {
                let saving = saving_of(&o, s);
                saver = Some(if o.store.writable() {
                    Saver::start(o.store, s)
                } else {
                    Saver::unable(o.store.path.clone(), &saving)
                });
                (o.marks, saving)
            }
            None => {
                let saving = Saving::ReadOnly(s.no_marks_file.to_string());
                let stem: String = doc
                    .id
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let name = format!("{stem}.marks.json");
                saver = Some(Saver::unable(PathBuf::from(name), &saving));
                (Marks::without_digest(&doc, None), saving)
            }
        };
        let size = (size.width, size.height);
        // The article as opened: classmates' arguments are laid over it.
        let base = options.class_dir.as_ref().map(|_| Arc::new(doc.clone()));
        let own_file = saver
            .as_ref()
            .and_then(|s| s.path.file_name())
            .map(|f| f.to_string_lossy().into_owned());
        let mut app = App::open(doc, marks, saving, options.ui, options.mode, size);
        app.discussion.hyperlinks = discussion::hyperlinks_supported(|k| std::env::var(k).ok());
        if let Some(c) = class {
            app = app.with_class(c);
        }
        let mut watch = options.watch.map(|(path, limits)| Watch::new(path, limits));
        // The class folder is read off the UI thread; its news arrives as events.
        let class_watch = match &options.class_dir {
            Some(c) => {
                let live = app::ClassLive::new(c.anonymous);
                app.class_live = Some(match base {
                    Some(base) => live.with_arguments(base, own_file),
                    None => live,
                });
                if c.teacher {
                    app.open_teacher();
                }
                if let Some(notice) = &c.notice {
                    app.message = Some(notice.clone());
                }
                Some(class_live::ClassWatch::start(
                    c.dir.clone(),
                    app.marks.document.clone(),
                    class_live::POLL,
                )?)
            }
            None => None,
        };
        let io = Io {
            class: class_watch.as_ref(),
            saver: saver.as_mut(),
            signal: &signal,
            resumed: &resumed,
            watch: watch.as_mut(),
            input: Input::start()?,
            tty,
        };
        event_loop(&mut terminal, &mut app, io, &Theme::from_env())
    });
    restore();
    // Dropping the terminal shows the cursor, and complains on standard error
    // (which then fails too, and aborts) when it cannot: a terminal that is gone
    // is not dropped.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    // Quit, a signal, or an error: the terminal is back at once, and the save
    // asked for last is on disk before the process ends, or in a spare file.
    if let Some((why, snapshot, path)) = saver.and_then(Saver::finish) {
        return Err(save_elsewhere(&path, &why, &snapshot, s));
    }
    result
}

/// Gives the terminal back as it was: line mode, the main screen, no mouse
/// reporting, the cursor shown. Quietly: a terminal that has gone away cannot be told anything.
fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Sets the terminal up for the reader again (after a stop), and has the next
/// frame drawn whole.
fn reenter(terminal: &mut DefaultTerminal) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    // Not `clear`: it asks the terminal where the cursor is, and the answer
    // would go to the thread reading events. A resize clears without asking.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Stops stance as a shell's job, the way `vim` and `less` do on Ctrl-Z: the
/// terminal is given back first, and taken again (and redrawn) on `fg`.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    restore();
    // The default action of SIGTSTP stops the process here until SIGCONT. It
    // goes to the whole process group, as the terminal would send it, so a
    // script that started stance stops with it and the shell sees its job
    // stop. In a group no shell watches (an orphaned one), the system ignores
    // it and the reader simply goes on.
    stop_the_job()?;
    reenter(terminal)
}

#[cfg(unix)]
fn stop_the_job() -> io::Result<()> {
    rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)?;
    Ok(())
}

#[cfg(not(unix))]
fn stop_the_job() -> io::Result<()> {
    Ok(())
}

/// Writes marks that could not be saved to a spare file and says where, for
/// the error the reader sees as stance exits.
fn save_elsewhere(path: &Path, why: &str, snapshot: &Snapshot, s: &i18n::Strings) -> io::Error {
    let json = snapshot.to_json();
    let [failed, written, then] = s.saved_elsewhere;
    let why = crate::text::sanitize_line(why);
    let message = match crate::marks::store::write_spare(path, json.as_bytes()) {
        Ok(spare) => format!(
            "{failed} {why}\n{written} {} {then}",
            crate::text::sanitize_line(&spare.display().to_string())
        ),
        // Nowhere left on disk: the marks go to the screen rather than be lost.
        Err(errors) => {
            let mut m = format!("{failed} {why}");
            for e in errors {
                let said = match crate::marks::store::unsaved(&e) {
                    Some(u) => s.unsaved(u),
                    None => crate::text::sanitize_line(&e.to_string()).into_owned(),
                };
                m.push_str(&format!("\n  {said}"));
            }
            format!("{m}\n{}\n{json}", s.saved_nowhere)
        }
    };
    io::Error::other(message)
}

/// What the status line says about saving, from how the marks file opened.
fn saving_of(o: &Opened, s: &i18n::Strings) -> Saving {
    match &o.store.read_only {
        None => Saving::To(o.store.path.clone()),
        Some(ReadOnly::Locked) => Saving::ReadOnly(s.locked.to_string()),
        Some(ReadOnly::Invalid(why)) => Saving::ReadOnly(format!("{} {why}", s.invalid_marks)),
        Some(ReadOnly::Unwritable(why)) => Saving::ReadOnly(why.clone()),
        Some(ReadOnly::Refused(u)) => Saving::ReadOnly(s.unsaved(u)),
    }
}

/// Which of standard input and output were terminals when the reader opened.
/// One that no longer is has gone away: its window closed or its connection
/// dropped (a hung-up terminal answers nothing, and reads as empty forever).
#[derive(Debug, Clone, Copy)]
struct Tty {
    stdin: bool,
    stdout: bool,
}

impl Tty {
    fn now() -> Tty {
        Tty {
            stdin: io::stdin().is_terminal(),
            stdout: io::stdout().is_terminal(),
        }
    }

    fn gone(self) -> bool {
        (self.stdin && !io::stdin().is_terminal()) || (self.stdout && !io::stdout().is_terminal())
    }
}

/// How the loop ends when the terminal has gone away.
const GONE: Ending = Ending::Signal(SIGHUP);

/// The terminal's events, read on a thread of their own.
///
/// Reading a terminal that has gone away returns nothing, at once, forever, and
/// crossterm's reader tries again without end; on its own thread that cannot
/// keep the loop from noticing [`Tty::gone`], a signal, or a finished save.
///
/// Once the reader is done the thread stops reading (within a [`TICK`]), so
/// what is typed while a last save is written goes to the shell, not to stance.
struct Input {
    events: Receiver<io::Result<Event>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Input {
    /// How many events may wait unread; the reading thread waits beyond that.
    const QUEUE: usize = 1024;

    fn start() -> io::Result<Input> {
        // Set crossterm's reader up here, before the first frame: it is what
        // catches SIGWINCH, and a resize before it exists would go unseen if
        // the thread below were slow to start. What this reads stays queued
        // for the thread.
        event::poll(Duration::ZERO)?;
        let (tx, events): (SyncSender<io::Result<Event>>, _) =
            std::sync::mpsc::sync_channel(Input::QUEUE);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("stance-input".into())
            .spawn(move || {
                while !stopped.load(Ordering::SeqCst) {
                    let event = match event::poll(TICK) {
                        Ok(false) => continue,
                        Ok(true) => event::read(),
                        Err(e) => Err(e),
                    };
                    let failed = event.is_err();
                    if tx.send(event).is_err() || failed {
                        break;
                    }
                }
            })?;
        Ok(Input { events, stop })
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// What the loop touches besides the app: the marks' writer, the signal flags,
/// a watched file, the terminal's events.
struct Io<'a> {
    saver: Option<&'a mut Saver>,
    signal: &'a AtomicUsize,
    resumed: &'a std::sync::atomic::AtomicBool,
    watch: Option<&'a mut Watch>,
    class: Option<&'a class_live::ClassWatch>,
    input: Input,
    tty: Tty,
}

/// Saves the marks off the input path: the loop hands the writer thread a
/// snapshot and goes on; results come back to the status line. Where the marks
/// cannot be saved at all, it keeps the newest snapshot for a spare file.
struct Saver {
    /// The marks file, for the status line.
    path: PathBuf,
    /// Owns the store; `None` when the marks cannot be saved there.
    writer: Option<Writer<Snapshot>>,
    /// Why the newest save that finished failed; `None` once one succeeds.
    failed: Option<String>,
    /// The newest snapshot handed over: what goes to a spare file if it cannot be saved.
    last: Option<Snapshot>,
}

impl Saver {
    /// Starts the writer thread, which takes the store.
    fn start(store: Store, s: &'static i18n::Strings) -> Saver {
        let path = store.path.clone();
        let gate = test_save_gate();
        let writer = Writer::new(move |snapshot: Snapshot| {
            if let Some(gate) = &gate {
                while !gate.exists() {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
            store
                .save_snapshot(&snapshot)
                .map_err(|e| match crate::marks::store::unsaved(&e) {
                    Some(u) => s.unsaved(u),
                    None => e.to_string(),
                })
        });
        Saver {
            path,
            writer: Some(writer),
            failed: None,
            last: None,
        }
    }

    /// For marks that cannot be saved to `path`, for the reason the status line gives.
    fn unable(path: PathBuf, saving: &Saving) -> Saver {
        let why = match saving {
            Saving::ReadOnly(why) | Saving::Failed(why) => why.trim_start_matches("⚠ ").to_string(),
            Saving::To(_) | Saving::Nowhere => String::new(),
        };
        Saver {
            path,
            writer: None,
            failed: Some(why),
            last: None,
        }
    }

    /// Whether marks changed in this session are not on disk, as far as is known.
    fn unsaved(&self) -> bool {
        self.failed.is_some() && self.last.is_some()
    }

    /// Hands the writer a snapshot of the marks, in file order; does not wait
    /// (except, the first time, for the document's digest if it is not ready).
    fn save(&mut self, app: &mut App) {
        app.settle_digest();
        let snapshot = app.marks.snapshot(&app.doc);
        if let Some(writer) = &mut self.writer {
            writer.submit(snapshot.clone());
        }
        self.last = Some(snapshot);
    }

    /// Tells the app how the writes finished since the last look went; whether any had.
    fn report(&mut self, app: &mut App) -> bool {
        let Some(writer) = &self.writer else {
            return false;
        };
        let results = writer.results();
        let any = !results.is_empty();
        for result in results {
            self.failed = result.as_ref().err().cloned();
            report_saved(app, &self.path, result);
        }
        any
    }

    /// Writes what waits and closes the store (releasing its lock). Gives why
    /// the newest marks are not on disk, with them and the file they were for,
    /// when they are not.
    fn finish(self) -> Option<(String, Snapshot, PathBuf)> {
        let mut failed = self.failed;
        for result in self.writer.map(Writer::finish).unwrap_or_default() {
            failed = result.err();
        }
        Some((failed?, self.last?, self.path))
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

/// How often the loop looks for signals, a vanished terminal and file changes while no key comes.
const TICK: Duration = Duration::from_millis(150);

/// Whether `event` is Ctrl-Z, which a terminal in raw mode passes on as a key.
fn is_suspend(event: &Event) -> bool {
    matches!(event, Event::Key(k)
        if k.kind == KeyEventKind::Press
            && k.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(k.code, KeyCode::Char('z' | 'Z')))
}

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
    // Whether the last key asked to quit with marks unsaved, so the next `q` leaves.
    let mut asked = false;
    loop {
        if let Some(saver) = io.saver.as_deref_mut() {
            saver.report(app);
        }
        // The class folder's news, even while keys keep coming.
        if let Some(update) = io.class.and_then(class_live::ClassWatch::take) {
            app.class_changed(update);
        }
        if io.resumed.swap(false, Ordering::SeqCst) {
            // Not after a Ctrl-Z of ours: that sets the terminal up itself.
            if let Err(e) = reenter(terminal) {
                return gone_or(io.tty, e);
            }
        }
        if let Err(e) = terminal.draw(|frame| view::draw(frame, app, theme)) {
            return gone_or(io.tty, e);
        }
        // Links listed in the node pane become hyperlinks where the terminal has them.
        if app.discussion.hyperlinks
            && let Err(e) = discussion::write_hyperlinks(&mut stdout(), app)
        {
            return gone_or(io.tty, e);
        }
        // Wait for an event, a signal, a vanished terminal, or a change to the watched file.
        let first = loop {
            let sig = io.signal.load(Ordering::SeqCst);
            if sig != 0 {
                // The caller flushes the writer: every save asked for is written.
                return Ok(Ending::Signal(sig as i32));
            }
            if io.tty.gone() {
                return Ok(GONE);
            }
            match io.input.events.recv_timeout(TICK) {
                Ok(Ok(event)) => break Some(event),
                // An error reading the terminal, or the reading thread ended: it is gone.
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => return Ok(GONE),
                Err(RecvTimeoutError::Timeout) => {}
            }
            if io.resumed.load(Ordering::SeqCst) {
                break None;
            }
            // A save finished while no key came: show it.
            if let Some(saver) = io.saver.as_deref_mut()
                && saver.report(app)
            {
                break None;
            }
            if let Some(w) = io.watch.as_deref_mut()
                && w.changed()
            {
                w.reload(app);
                break None;
            }
            if let Some(update) = io.class.and_then(class_live::ClassWatch::take) {
                app.class_changed(update);
                break None;
            }
        };
        // Take every event that is waiting before drawing again, so a burst of
        // keys costs one frame, not one frame per key.
        let mut next = first;
        while let Some(ev) = next.take() {
            if let (Some(k), Event::Key(key)) = (panic_key, &ev)
                && key.code == KeyCode::Char(k)
            {
                panic!("a panic forced by STANCE_TEST_PANIC_KEY, to test recovery");
            }
            if is_suspend(&ev) {
                if let Err(e) = suspend(terminal) {
                    return gone_or(io.tty, e);
                }
                // The SIGCONT that woke us is answered already.
                io.resumed.store(false, Ordering::SeqCst);
            } else if let Some(ending) = apply(app, &mut io, ev, &mut asked) {
                return Ok(ending);
            }
            next = match io.input.events.try_recv() {
                Ok(Ok(event)) => Some(event),
                Ok(Err(_)) | Err(TryRecvError::Disconnected) => return Ok(GONE),
                Err(TryRecvError::Empty) => None,
            };
        }
    }
}

/// An error drawing: the terminal has gone away, or something else went wrong.
fn gone_or(tty: Tty, e: io::Error) -> io::Result<Ending> {
    if tty.gone() { Ok(GONE) } else { Err(e) }
}

/// Applies one event and performs its effects; gives how the session ends, if it does.
fn apply(app: &mut App, io: &mut Io, ev: Event, asked: &mut bool) -> Option<Ending> {
    let key = matches!(&ev, Event::Key(k) if k.kind == KeyEventKind::Press);
    // Only another key answers the question; the mouse moving or a resize does not.
    let was_asked = if key { std::mem::take(asked) } else { *asked };
    // A save that failed is tried again at every key: space may have been freed.
    if key
        && let Some(saver) = io.saver.as_deref_mut()
        && saver.writer.is_some()
        && saver.failed.is_some()
    {
        saver.save(app);
    }
    for effect in handle(app, ev) {
        match effect {
            Effect::Quit => {
                let Some(saver) = io.saver.as_deref_mut() else {
                    return Some(Ending::Quit);
                };
                if !saver.unsaved() {
                    // Anything still being written is waited for after the
                    // terminal is given back.
                    return Some(Ending::Quit);
                }
                // The last save failed: see how the retry went before leaving.
                if let Some(writer) = &saver.writer {
                    writer.flush();
                }
                saver.report(app);
                // The status line has said why; now it asks.
                if !saver.unsaved() || was_asked {
                    return Some(Ending::Quit);
                }
                *asked = true;
                app.message = Some(app.strings().quit_unsaved.to_string());
            }
            Effect::SaveMarks => {
                if let Some(saver) = io.saver.as_deref_mut() {
                    saver.save(app);
                }
            }
            Effect::ExportMarks => export(app),
        }
    }
    None
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
            Some(doc) => app.document_changed(doc.clone()),
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
