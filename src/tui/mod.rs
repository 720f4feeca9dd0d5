//! The interactive reader: terminal setup, the event loop, and the modules it draws on.
//!
//! Keys become actions through [`keymap`], [`app::App::update`] changes plain
//! state and returns effects, and [`view`] draws the state. Only this file
//! touches the terminal.

pub mod app;
pub mod graph;
pub mod i18n;
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

use crate::model::Document;
use app::{App, Effect};
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

/// Opens the reader full-screen on `doc` and returns when the reader quits.
/// The terminal is restored on quit, on error and on panic.
pub fn run(doc: Document, options: Options) -> io::Result<()> {
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
        event_loop(&mut terminal, &mut app, &Theme::from_env())
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme) -> io::Result<()> {
    loop {
        terminal.draw(|frame| view::draw(frame, app, theme))?;
        // Take every event that is waiting before drawing again, so a burst of
        // keys costs one frame, not one frame per key.
        let mut next = Some(event::read()?);
        while let Some(ev) = next {
            if handle(app, ev).contains(&Effect::Quit) {
                return Ok(());
            }
            next = if event::poll(Duration::ZERO)? {
                Some(event::read()?)
            } else {
                None
            };
        }
    }
}

/// Applies one terminal event to the app.
pub fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) => app.handle_key(key),
        Event::Mouse(m) => app.mouse(m),
        Event::Resize(w, h) => {
            app.resize(w, h);
            Vec::new()
        }
        _ => Vec::new(),
    }
}
