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
pub mod theme;
pub mod view;

use std::io::{self, stdout};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::marks::class::ClassFile;
use crate::marks::store::{Opened, ReadOnly, Store};
use crate::model::Document;
use app::{App, Effect, Saving};
use i18n::UiLang;
use reading::Mode;
use theme::Theme;

/// How the reader starts.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The interface language.
    pub ui: UiLang,
    /// The article's language mode.
    pub mode: Mode,
}

/// Opens the reader full-screen on `doc` with the reader's marks (saved to
/// `opened`'s store, if any) and a class's marks, and returns when the reader
/// quits. The terminal is restored on quit, on error and on panic.
pub fn run(
    doc: Document,
    options: Options,
    opened: Option<Opened>,
    class: Option<ClassFile>,
) -> io::Result<()> {
    // Our hook goes in first so that ratatui's, installed by `init`, restores
    // the screen before it runs: then mouse reporting is switched off too.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        let mut app = App::new(doc, options.ui, options.mode, (size.width, size.height));
        let store = match opened {
            Some(o) => {
                let saving = saving_of(&o, app.strings());
                app = app.with_marks(o.marks, saving);
                Some(o.store)
            }
            None => {
                app.saving = Saving::ReadOnly(app.strings().no_marks_file.to_string());
                None
            }
        };
        if let Some(c) = class {
            app = app.with_class(c);
        }
        event_loop(&mut terminal, &mut app, store.as_ref(), &Theme::from_env())
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: Option<&Store>,
    theme: &Theme,
) -> io::Result<()> {
    loop {
        terminal.draw(|frame| view::draw(frame, app, theme))?;
        // Take every event that is waiting before drawing again, so a burst of
        // keys costs one frame, not one frame per key.
        let mut next = Some(event::read()?);
        while let Some(ev) = next {
            for effect in handle(app, ev) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::SaveMarks => save(app, store),
                    Effect::ExportMarks => export(app),
                }
            }
            next = if event::poll(Duration::ZERO)? {
                Some(event::read()?)
            } else {
                None
            };
        }
    }
}

/// Saves the marks, telling the app whether it worked; a failure keeps them in memory.
fn save(app: &mut App, store: Option<&Store>) {
    let Some(store) = store.filter(|s| s.writable()) else {
        return;
    };
    let result = store.save(&app.marks, &app.doc).map_err(|e| e.to_string());
    if result.is_ok() {
        app.set_saving(Saving::To(store.path.clone()));
    }
    app.saved(result);
}

/// Writes the marks as JSON into the current directory, under a name that does
/// not replace an earlier export.
fn export(app: &mut App) {
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
