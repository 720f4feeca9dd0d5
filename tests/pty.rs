//! The reader in a real pseudo-terminal: keys go in as bytes, the screen is
//! read back through a terminal emulator, and the process must leave the
//! terminal as it found it.
//!
//! Nothing here sleeps to let the reader catch up: after each key the test
//! waits until the screen shows what the key should have done.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use vt100::Screen;

/// How long to wait for any one thing to appear before calling the program hung;
/// a busy machine only makes the wait longer, so only a hang reaches it.
const WAIT: Duration = Duration::from_secs(60);

/// The status line's count of marked nodes in the built-in article: ` n/total`.
fn marked(n: usize) -> String {
    let total = stance::model::load_embedded().document.unwrap().nodes.len();
    format!(" {n}/{total}")
}
/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
/// ratatui ends every frame by hiding the cursor, then flushes.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// Without a frame end, output that has been still this long counts as complete.
const QUIET: Duration = Duration::from_millis(200);

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal is at least one cell")
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// What the reader has written so far: the bytes, and the screen they draw.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

/// `stance read --ui en` running in a pty, with what it draws parsed as it comes.
struct Session {
    /// `None` once the test has hung up ([`Session::hang_up`]).
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    eof: Arc<AtomicBool>,
    /// Tells the thread reading the output to stop after its next read.
    stop_reading: Arc<AtomicBool>,
    /// The reader's home for this session: marks are saved here, never in the real one.
    _home: Option<tempfile::TempDir>,
}

impl Session {
    fn start(cols: u16, rows: u16) -> Session {
        let home = tempfile::tempdir().expect("a temporary home");
        let mut s = Session::start_in(cols, rows, home.path(), &[]);
        s._home = Some(home);
        s
    }

    /// Starts `stance read --ui en ARGS` with `dir` as its home and working directory.
    fn start_in(cols: u16, rows: u16, dir: &std::path::Path, args: &[&str]) -> Session {
        Session::start_env(cols, rows, dir, args, &[])
    }

    /// As [`Session::start_in`], with extra environment variables.
    fn start_env(
        cols: u16,
        rows: u16,
        dir: &std::path::Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stance"));
        cmd.args(["read", "--ui", "en"]);
        cmd.args(args);
        Session::spawn(cols, rows, dir, cmd, env)
    }

    /// Runs `cmd` in a new pty of `cols` × `rows`, with `dir` as its home and
    /// working directory and extra environment variables `env`.
    fn spawn(
        cols: u16,
        rows: u16,
        dir: &std::path::Path,
        mut cmd: CommandBuilder,
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("a pty opens");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env("HOME", dir);
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env("USER", "tester");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        // Outside the project: the built-in article needs no files.
        cmd.cwd(dir);
        let child = pair.slave.spawn_command(cmd).expect("stance starts");
        // Only the child holds the slave now, so its exit ends the output.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
        }));
        let eof = Arc::new(AtomicBool::new(false));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (out, done, stop) = (
            Arc::clone(&output),
            Arc::clone(&eof),
            Arc::clone(&stop_reading),
        );
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    // Linux reports the slave's last close as EIO: both mean the end.
                    Ok(0) => break,
                    Ok(n) => n,
                    // A signal to the test process (a child stopped or went on)
                    // is not the end of the output.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                };
                let mut out = out.lock().unwrap();
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
            // The reader's copy of the master closes here.
            drop(reader);
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            master: Some(pair.master),
            writer,
            child,
            output,
            eof,
            stop_reading,
            _home: None,
        }
    }

    /// The screen as the emulator has it now.
    fn screen(&self) -> Screen {
        self.output.lock().unwrap().parser.screen().clone()
    }

    /// The screen, how many bytes drew it, and whether they end a frame.
    fn snapshot(&self) -> (Screen, usize, bool) {
        let out = self.output.lock().unwrap();
        let frame_done = out.raw.ends_with(FRAME_END);
        (out.parser.screen().clone(), out.raw.len(), frame_done)
    }

    /// Polls the screen until `ok` holds on a whole frame, and returns that
    /// screen; panics with the screen after `timeout`.
    ///
    /// The reader writes a frame in several pieces, so a screen read between
    /// two of them is half old, half new: only a screen at the end of a frame
    /// (or after output has been still for a while) is judged.
    #[track_caller]
    fn wait_for_screen(
        &self,
        what: &str,
        timeout: Duration,
        ok: impl Fn(&Screen) -> bool,
    ) -> Screen {
        let start = Instant::now();
        let (mut seen, mut since) = (usize::MAX, Instant::now());
        loop {
            let (screen, len, frame_done) = self.snapshot();
            if len != seen {
                (seen, since) = (len, Instant::now());
            }
            if (frame_done || since.elapsed() >= QUIET) && ok(&screen) {
                return screen;
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; the screen shows:\n{}",
                    screen.contents()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Polls the screen's text until `ok` holds, and returns that text.
    #[track_caller]
    fn wait_for(&self, what: &str, timeout: Duration, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for_screen(what, timeout, |s| ok(&s.contents()))
            .contents()
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("keys written");
        self.writer.flush().expect("keys flushed");
    }

    /// Resizes the emulator, then the pty. In this order, and with the output
    /// held meanwhile, every byte drawn for the new size reaches the emulator
    /// at the new size; bytes of an older frame that arrive late are wiped by
    /// the full redraw a resize brings.
    fn resize(&mut self, cols: u16, rows: u16) {
        let mut out = self.output.lock().unwrap();
        out.parser.set_size(nz(rows), nz(cols));
        self.master()
            .resize(pty_size(cols, rows))
            .expect("pty resized");
    }

    /// Whether the pty is in raw mode (no line editing, no echo), as the child set it.
    fn raw_mode(&self) -> bool {
        let termios = self.master().get_termios().expect("the pty's settings");
        // The flags' names, so this needs no libc constants: `ICANON | ECHO | …`.
        let flags = format!("{:?}", termios.local_flags);
        !flags
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|f| f == "ICANON" || f == "ECHO")
    }

    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the pty is still open")
    }

    /// Closes the terminal under the reader, as a terminal window closing or
    /// sshd on a dropped connection does: every copy of the pty's master side
    /// is closed, and no signal is sent.
    fn hang_up(&mut self) {
        // The thread reading the output holds a copy: make it stop after one
        // more read, and make sure there is something to read (a resize redraws).
        self.stop_reading.store(true, Ordering::SeqCst);
        let (cols, rows) = {
            let screen = self.screen();
            let (rows, cols) = screen.size();
            (cols.get(), rows.get())
        };
        self.resize(cols + 1, rows);
        let start = Instant::now();
        while !self.eof.load(Ordering::SeqCst) {
            assert!(start.elapsed() < WAIT, "the output thread never stopped");
            thread::sleep(POLL);
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    /// Waits for the child to exit and for its last output to be read.
    #[track_caller]
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                break status;
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!(
                    "stance did not exit within {WAIT:?}; the screen shows:\n{}",
                    self.screen().contents()
                );
            }
            thread::sleep(POLL);
        };
        while !self.eof.load(Ordering::SeqCst) {
            assert!(start.elapsed() < WAIT, "the pty output never ended");
            thread::sleep(POLL);
        }
        status
    }

    fn raw_output(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the reader running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

// ----- reading the screen -----

fn rows(screen: &Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).collect()
}

/// The bottom line.
fn status(screen: &Screen) -> String {
    rows(screen).pop().unwrap_or_default()
}

/// The text of cells `from..to` of `row`.
/// A cell never written and one written blank read the same.
fn cells(screen: &Screen, row: u16, from: u16, to: u16) -> String {
    (from..to)
        .filter_map(|c| screen.cell(row, c))
        .filter(|cell| !cell.is_wide_continuation())
        .map(|cell| match cell.contents() {
            "" => " ",
            text => text,
        })
        .collect()
}

fn cell_is(screen: &Screen, row: u16, col: u16, any: &[&str]) -> bool {
    screen
        .cell(row, col)
        .is_some_and(|c| any.contains(&c.contents()))
}

/// The lines inside the pane whose top border carries `title`, or `None` when
/// no such pane is drawn. Focused panes have thick borders, the rest rounded.
fn pane(screen: &Screen, title: &str) -> Option<Vec<String>> {
    let (height, width) = (screen.size().0.get(), screen.size().1.get());
    for top in 0..height {
        for left in 0..width {
            if !cell_is(screen, top, left, &["╭", "┏"]) {
                continue;
            }
            let Some(right) = (left + 1..width).find(|&c| cell_is(screen, top, c, &["╮", "┓"]))
            else {
                continue;
            };
            if !cells(screen, top, left, right).contains(title) {
                continue;
            }
            return Some(
                (top + 1..height)
                    .take_while(|&r| !cell_is(screen, r, left, &["╰", "┗"]))
                    .map(|r| cells(screen, r, left + 1, right))
                    .collect(),
            );
        }
    }
    None
}

fn node_pane(screen: &Screen) -> Vec<String> {
    pane(screen, "Node ").expect("the node pane is drawn")
}

/// The node pane's heading (`● EVIDENCE E8  e-stargate`), when it is in view.
fn node_header(screen: &Screen) -> Option<String> {
    node_pane(screen)
        .into_iter()
        .map(|l| l.trim().to_string())
        .find(|l| {
            KINDS
                .iter()
                .any(|(glyph, kind)| l.starts_with(&format!("{glyph} {kind} ")))
        })
}

const KINDS: [(&str, &str); 3] = [("◆", "CLAIM"), ("●", "EVIDENCE"), ("✕", "REBUTTAL")];

/// The glyph and label of the neighbour under the node pane's cursor (the first one listed).
fn first_neighbour(screen: &Screen) -> (String, String) {
    let line = node_pane(screen)
        .into_iter()
        .find_map(|l| l.trim_start().strip_prefix("▸ ").map(str::to_string))
        .expect("the node pane lists a neighbour");
    let mut words = line.split_whitespace();
    let glyph = words.next().expect("a glyph").to_string();
    let label = words.next().expect("a label").to_string();
    (glyph, label)
}

/// The current paragraph (the lines marked `▌`) of the article pane, joined
/// as one string: Chinese wraps without spaces, so a word may span lines.
fn current_paragraph(screen: &Screen) -> String {
    pane(screen, "Article")
        .expect("the article pane is drawn")
        .iter()
        .filter_map(|l| l.strip_prefix("▌ "))
        .map(str::trim_end)
        .collect()
}

/// What the status line says after `/query` (the cursor `▏` stripped): `1/3`, `no match`.
fn search_count(screen: &Screen, query: &str) -> Option<String> {
    let status = status(screen);
    let (_, after) = status.split_once(&format!("/{query}"))?;
    Some(after.trim_start_matches('▏').trim().to_string())
}

/// `3/7` with 1 ≤ 3 ≤ 7.
fn is_count(text: &str) -> bool {
    let Some((a, b)) = text.split_once('/') else {
        return false;
    };
    match (a.parse::<usize>(), b.parse::<usize>()) {
        (Ok(a), Ok(b)) => 1 <= a && a <= b,
        _ => false,
    }
}

/// Every pane title on one row.
fn side_by_side(screen: &Screen) -> bool {
    rows(screen)
        .iter()
        .any(|r| r.contains("Outline") && r.contains("Article") && r.contains("Node"))
}

/// The alternate screen was entered and, after it was last entered, left.
#[track_caller]
fn assert_screen_restored(raw: &[u8]) {
    let left = assert_modes_restored(raw);
    let tail = String::from_utf8_lossy(&raw[left..]);
    // Nothing is drawn after the terminal is handed back.
    let printable = tail
        .split('\x1b')
        .skip(1)
        .map(|seq| {
            seq.trim_start_matches(|c: char| c == '[' || c == '?' || c.is_ascii_digit() || c == ';')
        })
        .map(|rest| rest.chars().skip(1).collect::<String>())
        .collect::<String>();
    assert!(
        printable.trim().is_empty(),
        "text was written after the screen was restored: {tail:?}"
    );
}

/// The alternate screen left, the cursor shown, mouse reporting off, after the
/// reader's last entry to the alternate screen; gives where it was left.
#[track_caller]
fn assert_modes_restored(raw: &[u8]) -> usize {
    let find_last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let entered = find_last(ENTER_ALT).expect("the reader entered the alternate screen");
    let left = find_last(LEAVE_ALT).expect("the reader left the alternate screen");
    assert!(
        left > entered,
        "the alternate screen was entered again after it was left"
    );
    let tail = String::from_utf8_lossy(&raw[left..]);
    assert!(
        raw[left..]
            .windows(SHOW_CURSOR.len())
            .any(|w| w == SHOW_CURSOR),
        "the cursor is shown again after leaving: {tail:?}"
    );
    let mouse_off = find_last(MOUSE_OFF).expect("mouse reporting was switched off");
    assert!(
        mouse_off > entered,
        "mouse reporting was switched off before the session, not after"
    );
    left
}

// ----- the tests -----

#[test]
fn a_reader_session_from_start_to_quit() {
    let mut s = Session::start(80, 24);
    let screen = s.wait_for_screen("the reader to open", WAIT, |sc| {
        let text = sc.contents();
        text.contains("DeepSeek") && text.contains("▶ Outline") && pane(sc, "Node ").is_some()
    });
    assert!(s.raw_mode(), "the reader runs in raw mode");
    assert!(
        screen.alternate_screen(),
        "the reader draws on the alternate screen"
    );

    // Moving in the outline reads another node each time.
    let mut before = node_pane(&screen);
    for i in 0..3 {
        s.send(b"j");
        let moved = s.wait_for_screen(
            &format!("j #{} to change the node pane", i + 1),
            WAIT,
            |sc| pane(sc, "Node ").is_some_and(|p| p != before),
        );
        before = node_pane(&moved);
    }

    // Search, with the count in the status line while typing.
    s.send(b"/");
    s.wait_for("the search prompt", WAIT, |t| {
        t.lines().last().is_some_and(|l| l.contains("/▏"))
    });
    s.send("星际之门".as_bytes());
    let typing = s.wait_for_screen("the query and a match count", WAIT, |sc| {
        status(sc).contains("/星际之门▏")
            && search_count(sc, "星际之门").is_some_and(|c| is_count(&c))
    });
    let count = search_count(&typing, "星际之门").unwrap();
    assert!(
        count.starts_with("1/"),
        "the first match is current: {count}"
    );
    s.send(b"\r");
    let found = s.wait_for_screen("the search to be confirmed", WAIT, |sc| {
        let st = status(sc);
        !st.contains('▏') && search_count(sc, "星际之门").is_some_and(|c| c == count)
    });
    assert!(
        current_paragraph(&found).contains("星际之门"),
        "the article is at the match; current paragraph: {:?}\n{}",
        current_paragraph(&found),
        found.contents()
    );

    // Follow the node's first relation, then come back.
    s.send(b"\t");
    s.wait_for("focus on the article", WAIT, |t| t.contains("▶ Article"));
    s.send(b"\t");
    let at_node = s.wait_for_screen("focus on the node pane", WAIT, |sc| {
        sc.contents().contains("▶ Node") && status(sc).contains("[Node]")
    });
    let before = node_pane(&at_node);
    s.send(b"\r");
    let followed = s.wait_for_screen("Enter to follow the first neighbour", WAIT, |sc| {
        pane(sc, "Node ").is_some_and(|p| p != before)
    });
    assert!(
        followed.contents().contains("▶ Node"),
        "focus stays on the node pane"
    );
    s.send(b"\x7f");
    s.wait_for_screen("Backspace to return to the previous node", WAIT, |sc| {
        pane(sc, "Node ").is_some_and(|p| p == before)
    });

    // The article's language cycles both → 中文 → English → both, in the
    // status line and in the paragraph found above.
    for (label, zh, en) in [
        ("· 中文", true, false),
        ("· English", false, true),
        ("· 中文 + English", true, true),
    ] {
        s.send(b"L");
        s.wait_for_screen(&format!("the language to be {label:?}"), WAIT, |sc| {
            let st = status(sc);
            let place = st.split(" [").next().unwrap_or_default().trim_end();
            let text = current_paragraph(sc);
            place.contains(&format!("{label} ·"))
                && text.contains("星际之门") == zh
                && text.contains(" the ") == en
        });
    }

    // The argument map opens over the panes and closes with Esc.
    s.send(b"m");
    s.wait_for("the argument map", WAIT, |t| {
        t.contains("Argument map") && t.contains("[+] supports")
    });
    s.send(b"\x1b");
    s.wait_for_screen("the map to close", WAIT, |sc| {
        !sc.contents().contains("Argument map") && pane(sc, "Outline").is_some()
    });

    // So does the key list.
    s.send(b"?");
    s.wait_for("the key list", WAIT, |t| {
        t.contains("Keys · Esc closes") && t.contains("quit") && t.contains("move down")
    });
    s.send(b"\x1b");
    s.wait_for_screen("the key list to close", WAIT, |sc| {
        !sc.contents().contains("Keys · Esc closes") && pane(sc, "Outline").is_some()
    });

    // Wide: three panes side by side, and the node's heading in view.
    s.resize(120, 40);
    let wide = s.wait_for_screen("three panes side by side", WAIT, side_by_side);
    let header = node_header(&wide).unwrap_or_else(|| {
        panic!(
            "the node pane shows its heading at 120×40:\n{}",
            wide.contents()
        )
    });
    let (glyph, label) = first_neighbour(&wide);
    let kind = KINDS
        .iter()
        .find(|(g, _)| *g == glyph)
        .map(|(_, k)| *k)
        .expect("a known glyph");
    s.send(b"\r");
    let there = s.wait_for_screen(
        &format!("the heading to be {glyph} {kind} {label}"),
        WAIT,
        |sc| node_header(sc).is_some_and(|h| h.starts_with(&format!("{glyph} {kind} {label}  "))),
    );
    assert_ne!(
        node_header(&there),
        Some(header.clone()),
        "another node is shown"
    );
    s.send(b"\x7f");
    s.wait_for_screen(&format!("the heading to be back to {header}"), WAIT, |sc| {
        node_header(sc).as_deref() == Some(header.as_str())
    });

    // Narrow: one pane and the status line.
    s.resize(40, 12);
    s.wait_for_screen("the narrow layout", WAIT, |sc| {
        let (h, w) = sc.size();
        (h.get(), w.get()) == (12, 40)
            && !side_by_side(sc)
            && status(sc).contains("§2/5")
            && status(sc).contains("[Node]")
            && pane(sc, "▶ Node").is_some()
    });

    s.send(b"q");
    let exit = s.wait_exit();
    assert!(exit.success(), "stance exits with 0 on q: {exit:?}");
    assert!(!s.raw_mode(), "raw mode is switched off on quit");
    assert_screen_restored(&s.raw_output());
}

#[test]
fn a_tiny_terminal_gets_a_notice_not_garbage() {
    let mut s = Session::start(20, 6);
    let screen = s.wait_for_screen("the too-small notice", WAIT, |sc| {
        let words = rows(sc)
            .iter()
            .map(|r| r.trim())
            .collect::<Vec<_>>()
            .join(" ");
        words.contains("The terminal is too small for stance.") && words.contains("24×8")
    });
    let text = screen.contents();
    for border in ["╭", "┏", "│", "┃", "─", "━"] {
        assert!(!text.contains(border), "no pane is drawn at 20×6:\n{text}");
    }
    s.send(b"q");
    let exit = s.wait_exit();
    assert!(exit.success(), "stance exits with 0 on q: {exit:?}");
    assert_screen_restored(&s.raw_output());
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut s = Session::start(80, 24);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    // From anywhere: even while a search is being typed.
    s.send(b"/");
    s.wait_for("the search prompt", WAIT, |t| {
        t.lines().last().is_some_and(|l| l.contains("/▏"))
    });
    s.send(b"\x03");
    let exit = s.wait_exit();
    assert!(exit.success(), "stance exits with 0 on Ctrl-C: {exit:?}");
    assert!(!s.raw_mode(), "raw mode is switched off on Ctrl-C");
    assert_screen_restored(&s.raw_output());
}

#[test]
fn a_burst_of_keys_is_handled() {
    let mut s = Session::start(80, 24);
    s.wait_for_screen("the reader to open", WAIT, |sc| {
        status(sc).contains("§1/5") && sc.contents().contains("▶ Outline")
    });
    s.send(&[b'j'; 200]);
    s.wait_for_screen("the last section after 200 j", WAIT, |sc| {
        status(sc).contains("§5/5") && current_paragraph(sc).chars().count() > 0
    });
    s.send(b"q");
    let exit = s.wait_exit();
    assert!(
        exit.success(),
        "stance exits with 0 after a burst: {exit:?}"
    );
    assert_screen_restored(&s.raw_output());
}

#[test]
fn marks_survive_kill_9_in_the_middle_of_saving() {
    use stance::marks::{Stance, parse};
    let doc = stance::model::load_embedded().document.unwrap();
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("class").join("ana.marks.json");
    let marks_arg = marks.to_str().unwrap().to_string();
    let mut seen_file = 0;
    for round in 0..12 {
        let mut s = Session::start_in(80, 24, dir.path(), &["--marks", &marks_arg]);
        s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
        // Each key changes a mark and saves at once; the kill lands somewhere
        // in the middle of this stream of saves, at a different point each round.
        let burst: Vec<u8> = (0..20 + round * 7)
            .map(|i| [b'a', b'j', b'd', b'u', b'j'][(i + round) % 5])
            .collect();
        s.send(&burst);
        if round % 3 == 0 {
            // Sometimes let a save finish first, so the file exists to be replaced.
            s.wait_for("a mark to be counted", WAIT, |t| !t.contains(&marked(0)));
        }
        let pid = s.child.process_id().expect("the reader's pid");
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let status = s.wait_exit();
        assert!(!status.success(), "killed, not exited");
        if marks.exists() {
            seen_file += 1;
            let text = std::fs::read_to_string(&marks).expect("the marks file reads");
            let file = parse("ana.marks.json", &text, Some(&doc))
                .unwrap_or_else(|r| panic!("round {round}: a broken marks file:\n{r}\n{text}"));
            assert!(
                file.marks
                    .iter()
                    .all(|m| m.stance.is_some() || m.note.is_some())
            );
            assert!(file.marks.iter().any(|m| m.stance == Some(Stance::Agree)
                || m.stance == Some(Stance::Dispute)
                || m.stance == Some(Stance::Unsure)));
        }
        // No temporary files are left to pile up beside it.
        let leftovers: Vec<_> = std::fs::read_dir(marks.parent().unwrap())
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(leftovers.len() <= 3, "{leftovers:?}");
    }
    assert!(seen_file >= 4, "the marks file was written in most rounds");
}

#[test]
fn a_second_reader_on_the_same_marks_is_read_only_and_says_so() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut first = Session::start_in(100, 24, dir.path(), &["--marks", &arg]);
    first.wait_for("the first reader", WAIT, |t| t.contains("▶ Outline"));
    let mut second = Session::start_in(100, 24, dir.path(), &["--marks", &arg]);
    second.wait_for("the second reader to say it is read-only", WAIT, |t| {
        t.contains("not saved") && t.contains("another stance")
    });
    second.send(b"q");
    assert!(second.wait_exit().success());
    first.send(b"a");
    first.wait_for("the mark to be saved", WAIT, |t| t.contains(&marked(1)));
    first.send(b"q");
    assert!(first.wait_exit().success());
    assert!(
        std::fs::read_to_string(&marks)
            .unwrap()
            .contains("\"agree\"")
    );
}

#[test]
fn marks_made_where_they_cannot_be_saved_are_asked_about_and_kept_in_a_spare_file() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut first = Session::start_in(100, 24, dir.path(), &["--marks", &arg]);
    first.wait_for("the first reader", WAIT, |t| t.contains("▶ Outline"));
    let mut second = Session::start_in(100, 24, dir.path(), &["--marks", &arg]);
    second.wait_for("the second reader to say it is read-only", WAIT, |t| {
        t.contains("another stance")
    });
    second.send(b"a");
    second.wait_for("the mark to be counted", WAIT, |t| t.contains(&marked(1)));
    second.send(b"q");
    second.wait_for("the question", WAIT, |t| t.contains("press q again"));
    second.send(b"q");
    let status = second.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", said(&second));
    let said = said(&second);
    assert!(
        said.contains("another stance has these marks open"),
        "{said}"
    );
    let spare = spare_files(dir.path());
    assert_eq!(spare.len(), 1, "{said}");
    assert_mark_kept(&spare[0]);
    assert!(!marks.exists(), "the first reader's file is not touched");
    first.send(b"q");
    assert!(first.wait_exit().success());
}

/// Starts a reader with `--marks` in a fresh home, marks the thesis "agree",
/// and waits for the save to show in the status line.
fn session_with_a_mark(
    extra_env: &[(&str, &str)],
) -> (Session, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut s = Session::start_env(100, 30, dir.path(), &["--marks", &arg], extra_env);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    s.send(b"a");
    s.wait_for("the mark to be counted", WAIT, |t| t.contains(&marked(1)));
    (s, dir, marks)
}

fn assert_mark_kept(marks: &std::path::Path) {
    let doc = stance::model::load_embedded().document.unwrap();
    let text = std::fs::read_to_string(marks).expect("the marks file exists");
    let file = stance::marks::parse("m.json", &text, Some(&doc)).expect("the marks file parses");
    // A new file's digest is computed off the input path, but always written.
    assert_eq!(file.document.digest, stance::marks::digest(&doc));
    assert!(
        file.marks
            .iter()
            .any(|m| m.node == "c-thesis" && m.stance == Some(stance::marks::Stance::Agree))
    );
}

#[test]
fn sigterm_and_sighup_save_the_marks_and_restore_the_terminal() {
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let (mut s, _dir, marks) = session_with_a_mark(&[]);
        let pid = s.child.process_id().expect("the reader's pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let status = s.wait_exit();
        assert_eq!(
            status.exit_code(),
            code,
            "SIG{sig} ends stance with 128 + its number"
        );
        assert!(!s.raw_mode(), "raw mode is off after SIG{sig}");
        assert_screen_restored(&s.raw_output());
        assert_mark_kept(&marks);
        assert_eq!(
            lock_files(_dir.path()),
            Vec::<String>::new(),
            "no lock after SIG{sig}"
        );
    }
}

#[test]
fn marks_changed_just_before_quitting_are_on_disk_when_stance_exits() {
    // Saving happens off the input path; quitting must wait for the last save.
    // The keys come in one write, so `q` is read before any save can finish:
    // agree, dispute, unsure on the thesis, then quit. Only the last counts.
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut s = Session::start_in(100, 30, dir.path(), &["--marks", &arg]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    s.send(b"aduq");
    let status = s.wait_exit();
    assert!(status.success(), "stance exits with 0: {status:?}");
    let doc = stance::model::load_embedded().document.unwrap();
    let text = std::fs::read_to_string(&marks).expect("the marks file was written before exit");
    let file = stance::marks::parse("m.json", &text, Some(&doc)).expect("the marks file parses");
    let on_thesis: Vec<_> = file.marks.iter().filter(|m| m.node == "c-thesis").collect();
    assert_eq!(on_thesis.len(), 1, "{text}");
    assert_eq!(
        on_thesis[0].stance,
        Some(stance::marks::Stance::Unsure),
        "the newest change is the one saved"
    );
    assert_screen_restored(&s.raw_output());
    assert_eq!(
        lock_files(dir.path()),
        Vec::<String>::new(),
        "the lock goes with a clean quit"
    );
}

#[test]
fn keys_are_answered_while_a_save_is_held_and_quitting_waits_for_it() {
    // A debug build holds every save until the gate file exists.
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let gate = dir.path().join("gate");
    let arg = marks.to_str().unwrap().to_string();
    let gate_env = gate.to_str().unwrap().to_string();
    let mut s = Session::start_env(
        100,
        30,
        dir.path(),
        &["--marks", &arg],
        &[("STANCE_TEST_SAVE_GATE", &gate_env)],
    );
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    s.send(b"a");
    s.wait_for("the mark to be counted", WAIT, |t| t.contains(&marked(1)));
    // The first save is held: a reader that saved on the input path would not
    // answer these keys until it was done.
    s.send(b"x");
    s.wait_for("the mark to be cleared", WAIT, |t| t.contains(&marked(0)));
    s.send(b"d");
    s.wait_for("the thesis to be disputed", WAIT, |t| {
        t.contains(&marked(1))
    });
    assert!(!marks.exists(), "nothing is written while the gate is shut");
    s.send(b"q");
    // The terminal is given back at once; the process stays for the save.
    let deadline = Instant::now() + WAIT;
    while !s
        .raw_output()
        .windows(LEAVE_ALT.len())
        .any(|w| w == LEAVE_ALT)
    {
        assert!(Instant::now() < deadline, "the terminal was not restored");
        thread::sleep(POLL);
    }
    assert!(
        s.child.try_wait().expect("the child's state").is_none(),
        "stance waits for the held save before it exits"
    );
    assert!(!marks.exists());
    std::fs::write(&gate, "").expect("the gate opens");
    let status = s.wait_exit();
    assert!(status.success(), "stance exits with 0: {status:?}");
    let doc = stance::model::load_embedded().document.unwrap();
    let text = std::fs::read_to_string(&marks).expect("the held save was written before exit");
    let file = stance::marks::parse("m.json", &text, Some(&doc)).expect("the marks file parses");
    let on_thesis: Vec<_> = file.marks.iter().filter(|m| m.node == "c-thesis").collect();
    assert_eq!(on_thesis.len(), 1, "{text}");
    assert_eq!(on_thesis[0].stance, Some(stance::marks::Stance::Dispute));
    assert_screen_restored(&s.raw_output());
}

/// Puts a directory that is not empty in the marks file's place: no rename can
/// replace it, whoever runs the test (root included), on any file system.
fn block_saving(marks: &std::path::Path) {
    std::fs::create_dir(marks).expect("a directory in the way");
    std::fs::write(marks.join("keep"), "x").expect("a file in it");
}

/// Lets saving work again: what [`block_saving`] put in the way is gone.
fn unblock_saving(marks: &std::path::Path) {
    std::fs::remove_dir_all(marks).expect("the directory removed");
}

/// Polls `ok` until it holds; panics after [`WAIT`].
#[track_caller]
fn wait_until(what: &str, ok: impl Fn() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        thread::sleep(POLL);
    }
}

/// The spare files (`m.unsaved-….json`) in `dir`.
fn spare_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .expect("the folder lists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("m.unsaved-") && n.ends_with(".json"))
        })
        .collect()
}

/// What stance said on its way out, with the pty's line breaks taken out.
fn said(s: &Session) -> String {
    String::from_utf8_lossy(&s.raw_output()).replace("\r\n", "")
}

#[test]
fn a_save_that_fails_after_quitting_goes_to_a_spare_file_and_says_where() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut s = Session::start_in(100, 30, dir.path(), &["--marks", &arg]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    block_saving(&marks);
    // Marked and quit in one burst: the failure comes when the screen is gone.
    s.send(b"aq");
    let status = s.wait_exit();
    assert_eq!(
        status.exit_code(),
        1,
        "the exit status says not all was saved"
    );
    let said = said(&s);
    assert!(said.contains("could not be saved"), "{said}");
    assert!(
        said.contains("m.json"),
        "the message names the file: {said}"
    );
    let spare = spare_files(dir.path());
    assert_eq!(
        spare.len(),
        1,
        "one spare file in the working directory: {said}"
    );
    let name = spare[0].file_name().unwrap().to_str().unwrap();
    assert!(
        said.contains(name),
        "the message names the spare file: {said}"
    );
    assert_mark_kept(&spare[0]);
    assert!(
        marks.join("keep").exists(),
        "what was in the way is untouched"
    );
}

#[test]
fn quitting_with_unsaved_marks_asks_first_then_writes_a_spare_file() {
    let (mut s, dir, marks) = session_with_a_mark(&[]);
    wait_until("the first save", || marks.exists());
    std::fs::remove_file(&marks).expect("the saved file removed");
    block_saving(&marks);
    s.send(b"d");
    s.wait_for("the failure on the status line", WAIT, |t| {
        t.contains("not saved") && t.contains("in the way")
    });
    s.send(b"q");
    s.wait_for("the question", WAIT, |t| t.contains("press q again"));
    assert!(
        s.child.try_wait().expect("the child's state").is_none(),
        "one q does not leave with marks unsaved"
    );
    // Any other key goes on reading; the question comes again on the next q.
    s.send(b"j");
    s.wait_for("the question to go", WAIT, |t| !t.contains("press q again"));
    s.send(b"q");
    s.wait_for("the question again", WAIT, |t| t.contains("press q again"));
    // The mouse moving is not an answer: the next q still leaves.
    s.send(b"\x1b[<35;10;5M");
    s.send(b"q");
    let status = s.wait_exit();
    assert_eq!(
        status.exit_code(),
        1,
        "the exit status says not all was saved"
    );
    assert!(!s.raw_mode(), "raw mode is off");
    // The message comes after the screen is restored, so it can be read.
    assert_modes_restored(&s.raw_output());
    let spare = spare_files(dir.path());
    assert_eq!(spare.len(), 1, "{}", said(&s));
    let text = std::fs::read_to_string(&spare[0]).unwrap();
    assert!(
        text.contains("\"dispute\""),
        "the newest marks are kept: {text}"
    );
    assert!(said(&s).contains(spare[0].file_name().unwrap().to_str().unwrap()));
}

#[test]
fn a_failed_save_is_tried_again_at_the_next_key_once_the_problem_is_fixed() {
    let (mut s, dir, marks) = session_with_a_mark(&[]);
    wait_until("the first save", || marks.exists());
    std::fs::remove_file(&marks).expect("the saved file removed");
    block_saving(&marks);
    s.send(b"d");
    s.wait_for("the failure on the status line", WAIT, |t| {
        t.contains("not saved")
    });
    // Space is freed: nothing is retried until a key comes.
    unblock_saving(&marks);
    s.send(b"j");
    s.wait_for("the retry to succeed", WAIT, |t| !t.contains("not saved"));
    let text = std::fs::read_to_string(&marks).expect("saved once the problem was fixed");
    assert!(text.contains("\"dispute\""), "{text}");
    s.send(b"q");
    assert!(s.wait_exit().success(), "all is saved: an ordinary quit");
    assert!(spare_files(dir.path()).is_empty());
}

#[test]
fn a_panic_restores_the_terminal_prints_a_readable_message_and_keeps_the_marks() {
    let (mut s, dir, marks) = session_with_a_mark(&[("STANCE_TEST_PANIC_KEY", "Z")]);
    s.send(b"Z");
    let status = s.wait_exit();
    assert!(!status.success(), "a panic is a failure");
    assert!(!s.raw_mode(), "raw mode is off after the panic");
    let raw = s.raw_output();
    let find = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let left = find(LEAVE_ALT).expect("the alternate screen was left");
    let message =
        find(b"a panic forced by STANCE_TEST_PANIC_KEY").expect("the panic message is printed");
    assert!(
        message > left,
        "the message comes after the screen is restored, so it can be read"
    );
    assert!(
        s.screen().contents().contains("panic"),
        "and it is on the screen"
    );
    assert_mark_kept(&marks);
    assert_eq!(
        lock_files(dir.path()),
        Vec::<String>::new(),
        "no lock after a panic"
    );
}

#[test]
fn rapid_resizing_keeps_the_screen_whole() {
    let mut s = Session::start(80, 24);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    for (w, h) in [
        (40, 12),
        (120, 40),
        (23, 7),
        (200, 60),
        (60, 20),
        (80, 24),
        (30, 10),
        (100, 30),
    ] {
        s.resize(w, h);
    }
    s.wait_for_screen("the last size drawn", WAIT, |sc| {
        let (h, w) = sc.size();
        (h.get(), w.get()) == (30, 100) && status(sc).contains("§1/5")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn the_reader_follows_a_file_being_edited() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let doc = dir.path().join("draft.yaml");
    let good = common::MINIMAL.to_string();
    std::fs::write(&doc, &good).unwrap();
    let arg = doc.to_str().unwrap().to_string();
    let mut s = Session::start_env(100, 30, dir.path(), &[&arg, "--watch"], &[]);
    s.wait_for("the draft to open", WAIT, |t| t.contains("Part one"));
    // A broken save: a banner says so and the last good version stays.
    std::fs::write(&doc, good.replace("kind: claim", "kind: clam")).unwrap();
    s.wait_for("the load error", WAIT, |t| {
        t.contains("unknown kind") && t.contains("Part one")
    });
    // Fixed, with a new heading: the reader follows.
    std::fs::write(&doc, good.replace("Part one", "Part the first")).unwrap();
    s.wait_for("the new version", WAIT, |t| {
        t.contains("Part the first") && !t.contains("unknown kind")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// Whether `dir` holds a lock file (`*.lock`).
fn lock_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("the marks folder lists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lock"))
        .collect()
}

#[test]
fn a_terminal_that_goes_away_ends_stance_with_the_marks_saved_and_no_lock() {
    // Not the controlling terminal: closing it sends no SIGHUP, so only
    // noticing the terminal is gone can end stance.
    hang_up_under_stance(false);
}

#[test]
fn a_terminal_closed_with_a_hangup_signal_ends_stance_the_same_way() {
    // The controlling terminal, as in tmux or over ssh: the system sends
    // SIGHUP as the terminal goes, and reads come back empty at the same time.
    hang_up_under_stance(true);
}

fn hang_up_under_stance(controlling: bool) {
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stance"));
    cmd.args(["read", "--ui", "en", "--marks", &arg]);
    cmd.set_controlling_tty(controlling);
    let mut s = Session::spawn(100, 30, dir.path(), cmd, &[]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    s.send(b"a");
    s.wait_for("the mark to be counted", WAIT, |t| t.contains(&marked(1)));
    // (Dropping portable-pty's writer types a newline and Ctrl-D first; neither
    // changes a mark.)
    s.hang_up();
    let start = Instant::now();
    // Only a hang reaches this limit: stance used to spin here for ever.
    let limit = Duration::from_secs(30);
    let status = loop {
        if let Some(status) = s.child.try_wait().expect("the child's status") {
            break status;
        }
        assert!(
            start.elapsed() < limit,
            "stance still runs {limit:?} after its terminal went away"
        );
        thread::sleep(POLL);
    };
    eprintln!(
        "stance left {:?} after its terminal went away",
        start.elapsed()
    );
    assert_eq!(
        status.exit_code(),
        129,
        "a vanished terminal ends stance as a hangup would: {status:?}"
    );
    assert_mark_kept(&marks);
    assert_eq!(
        lock_files(dir.path()),
        Vec::<String>::new(),
        "no lock is left"
    );
}

/// The state letter (`R`, `S`, `T` for stopped…) of process `pid`, from `/proc`.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state …`: the name may hold spaces, the last `)` ends it.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// The pid of the child of `parent` named `name`, from `/proc`.
fn child_named(parent: u32, name: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
        let (head, rest) = stat.rsplit_once(')')?;
        let comm = head.split_once('(')?.1;
        let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent && comm == name).then_some(pid)
    })
}

#[test]
fn ctrl_z_stops_stance_as_a_job_and_fg_brings_it_back_raw_and_redrawn() {
    suspend_and_resume(false);
}

#[test]
fn ctrl_z_stops_the_whole_job_when_a_script_started_stance() {
    suspend_and_resume(true);
}

/// Runs stance as a job of an interactive bash (directly, or from `sh -c`),
/// stops it with Ctrl-Z and brings it back with `fg`.
fn suspend_and_resume(through_a_script: bool) {
    if !std::path::Path::new("/proc/self/stat").exists() {
        eprintln!("skipped: no /proc to read process states from");
        return;
    }
    if std::process::Command::new("bash")
        .args(["-c", "true"])
        .status()
        .is_err()
    {
        eprintln!("skipped: no bash to run stance as a job");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary home");
    // A shell with job control, as the reader has: it owns the terminal and
    // stance runs as its job, so a stop is not ignored as in a group no shell watches.
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    let mut s = Session::spawn(100, 30, dir.path(), cmd, &[("PS1", "$ ")]);
    s.wait_for("the shell's prompt", WAIT, |t| t.contains("$"));
    let bash = s.child.process_id().expect("the shell's pid");
    let stance = format!(
        "{} read --ui en --marks m.json",
        env!("CARGO_BIN_EXE_stance")
    );
    let line = if through_a_script {
        // `; true` keeps sh from replacing itself with stance.
        format!("sh -c '{stance}; true'\r")
    } else {
        format!("{stance}\r")
    };
    s.send(line.as_bytes());
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    s.send(b"a");
    s.wait_for("the mark to be counted", WAIT, |t| t.contains(&marked(1)));
    let entered = s.raw_output().len();

    s.send(b"\x1a");
    s.wait_for("the shell to say the job stopped", WAIT, |t| {
        t.contains("Stopped")
    });
    let parent = if through_a_script {
        let sh = child_named(bash, "sh").expect("sh is the shell's child");
        assert_eq!(process_state(sh), Some('T'), "the script stops with stance");
        sh
    } else {
        bash
    };
    let pid = child_named(parent, "stance").expect("stance runs");
    assert_eq!(process_state(pid), Some('T'), "stance is stopped");
    let raw = s.raw_output();
    let after = &raw[entered..];
    let find = |needle: &[u8]| after.windows(needle.len()).position(|w| w == needle);
    assert!(find(LEAVE_ALT).is_some(), "the alternate screen was left");
    assert!(
        find(MOUSE_OFF).is_some(),
        "mouse reporting was switched off"
    );
    assert!(find(SHOW_CURSOR).is_some(), "the cursor is shown");
    assert!(
        !s.screen().contents().contains("▶ Outline"),
        "the shell's screen is back"
    );

    let before_fg = s.raw_output().len();
    s.send(b"fg\r");
    s.wait_for("the reader drawn again", WAIT, |t| {
        t.contains("▶ Outline") && t.contains(&marked(1))
    });
    assert_ne!(process_state(pid), Some('T'), "stance runs again");
    assert!(
        s.raw_output()[before_fg..]
            .windows(ENTER_ALT.len())
            .any(|w| w == ENTER_ALT),
        "the alternate screen is taken again"
    );
    assert!(s.raw_mode(), "raw mode is back");
    // A key without Enter reaches it: the terminal is not in line mode.
    s.send(b"x");
    s.wait_for("the mark to be cleared", WAIT, |t| t.contains(&marked(0)));
    s.send(b"q");
    s.wait_for("the shell's prompt again", WAIT, |t| {
        !t.contains("▶ Outline") && t.contains("$")
    });
    s.send(b"exit\r");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}

/// A 64 KiB tmpfs, unmounted when dropped: a disk that really fills up.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    /// Mounts one at `at`; `None` where mounting is not allowed (not root, a container).
    fn mount(at: &std::path::Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_path_buf()))
    }

    /// Fills it up with one file, which is returned.
    fn fill(&self) -> std::path::PathBuf {
        let filler = self.0.join("filler");
        let mut f = std::fs::File::create(&filler).expect("a file on the small disk");
        let chunk = [b'x'; 1024];
        while f.write_all(&chunk).and_then(|()| f.sync_all()).is_ok() {}
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_full_disk_warns_asks_on_quit_and_saves_once_space_is_freed() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let Some(disk) = SmallDisk::mount(&dir.path().join("disk")) else {
        eprintln!(
            "skipped: no tmpfs can be mounted here (the directory-in-the-way tests still run)"
        );
        return;
    };
    let marks = disk.0.join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut s = Session::start_in(100, 30, dir.path(), &["--marks", &arg]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    let filler = disk.fill();
    s.send(b"a");
    s.wait_for("the warning", WAIT, |t| {
        t.contains("not saved") && t.contains("full")
    });
    s.send(b"q");
    s.wait_for("the question", WAIT, |t| t.contains("press q again"));
    std::fs::remove_file(&filler).expect("space freed");
    s.send(b"j");
    s.wait_for("the retry to succeed", WAIT, |t| {
        !t.contains("not saved") && !t.contains("press q again")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "everything was saved: {status:?}");
    assert_mark_kept(&marks);
    assert!(spare_files(dir.path()).is_empty());
    drop(disk);
}

#[test]
fn the_spare_file_goes_to_the_temporary_folder_when_the_working_one_is_gone() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let (work, tmp) = (dir.path().join("work"), dir.path().join("tmp"));
    std::fs::create_dir(&work).unwrap();
    std::fs::create_dir(&tmp).unwrap();
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let tmp_env = tmp.to_str().unwrap().to_string();
    let mut s = Session::start_env(100, 30, &work, &["--marks", &arg], &[("TMPDIR", &tmp_env)]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    block_saving(&marks);
    // The working folder is removed under the reader: no spare file can go there.
    std::fs::remove_dir_all(&work).unwrap();
    s.send(b"aq");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", said(&s));
    let spare = spare_files(&tmp);
    assert_eq!(spare.len(), 1, "{}", said(&s));
    assert_mark_kept(&spare[0]);
    assert!(said(&s).contains(spare[0].file_name().unwrap().to_str().unwrap()));
}

#[test]
fn with_no_place_for_a_spare_file_the_marks_are_printed_rather_than_lost() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let nowhere = dir.path().join("no-such-folder");
    let nowhere = nowhere.to_str().unwrap().to_string();
    let mut s = Session::start_env(100, 30, &work, &["--marks", &arg], &[("TMPDIR", &nowhere)]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    block_saving(&marks);
    std::fs::remove_dir_all(&work).unwrap();
    s.send(b"aq");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1);
    let said = said(&s);
    assert!(said.contains("Here are your marks"), "{said}");
    let json = &said[said.find("{").expect("the marks as JSON")..];
    assert!(
        json.contains("\"c-thesis\"") && json.contains("\"agree\""),
        "{json}"
    );
}

#[test]
fn a_new_marks_file_follows_the_readers_umask() {
    use std::os::unix::fs::PermissionsExt;
    for (umask, mode) in [(0o077, 0o600), (0o022, 0o644), (0o000, 0o644)] {
        let dir = tempfile::tempdir().expect("a temporary home");
        let marks = dir.path().join("m.json");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stance"));
        cmd.args(["read", "--ui", "en", "--marks", marks.to_str().unwrap()]);
        cmd.umask(Some(umask));
        let mut s = Session::spawn(100, 30, dir.path(), cmd, &[]);
        s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
        s.send(b"aq");
        assert!(s.wait_exit().success());
        let got = std::fs::metadata(&marks).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask:03o} gives {got:03o}");
    }
}

#[test]
fn a_stop_stance_did_not_ask_for_is_followed_by_a_full_redraw() {
    let mut s = Session::start(100, 30);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    let pid = s.child.process_id().expect("the reader's pid").to_string();
    let kill = |sig: &str| {
        let ok = std::process::Command::new("kill")
            .args([sig, &pid])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill {sig}");
    };
    kill("-STOP");
    wait_until("stance to stop", || {
        process_state(pid.parse().unwrap()) == Some('T')
    });
    let before = s.raw_output().len();
    // Meanwhile something scribbles on the screen, as a shell would.
    s.output
        .lock()
        .unwrap()
        .parser
        .process(b"\x1b[2J\x1b[Hscribbled");
    kill("-CONT");
    s.wait_for("the reader drawn again", WAIT, |t| {
        t.contains("▶ Outline") && !t.contains("scribbled")
    });
    assert!(
        s.raw_output()[before..]
            .windows(ENTER_ALT.len())
            .any(|w| w == ENTER_ALT),
        "the terminal is set up again"
    );
    assert!(s.raw_mode());
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// Writes `reader`'s marks on the built-in article into `dir`.
fn class_file(
    dir: &std::path::Path,
    reader: &str,
    node: &str,
    stance: stance::marks::Stance,
    note: &str,
) {
    let doc = stance::model::load_embedded().document.unwrap();
    let mut m = stance::marks::Marks::new(&doc, Some(reader.to_string()));
    let i = doc.node_index(node).unwrap();
    m.set_stance(&doc, i, Some(stance));
    m.set_note(&doc, i, note);
    std::fs::write(dir.join(format!("{reader}.marks.json")), m.to_json(&doc)).unwrap();
}

#[test]
fn a_class_folder_moves_the_teachers_view_without_a_key() {
    use stance::marks::Stance;
    let home = tempfile::tempdir().unwrap();
    let class = home.path().join("class");
    std::fs::create_dir(&class).unwrap();
    class_file(
        &class,
        "bo",
        "c-thesis",
        Stance::Agree,
        "the numbers say so",
    );
    let mut s = Session::start_in(
        120,
        40,
        home.path(),
        &[
            "--class-dir",
            class.to_str().unwrap(),
            "--reader",
            "ana",
            "--teacher",
        ],
    );
    s.wait_for("the teacher's view with bo", WAIT, |t| {
        t.contains("class: 1 readers") && t.contains("bo — marked: 1, notes: 1")
    });
    // A classmate marks, and a sync program leaves a file half-written: no key is pressed.
    class_file(
        &class,
        "cy",
        "c-thesis",
        Stance::Dispute,
        "one firm proves nothing",
    );
    std::fs::write(class.join("di.marks.json"), "{\"schema\": \"stance.ma").unwrap();
    let t = s.wait_for("cy in the teacher's view", WAIT, |t| {
        t.contains("cy — marked: 1, notes: 1") && t.contains("✗ cy · C1: one firm proves nothing")
    });
    assert!(
        t.contains("1 file skipped: di.marks.json (half-written"),
        "{t}"
    );
    // Back to the article: the node pane has the split and the reasons.
    s.send(b"T");
    s.send(b"\t\t");
    s.wait_for("the reasons in the node pane", WAIT, |t| {
        t.contains("Reasons:") && t.contains("✗ cy: one firm proves nothing")
    });
    // Ana marks the thesis: her file is hers, with her reader id.
    s.send(b"a");
    let own = class.join("ana.marks.json");
    let id_file = home.path().join("data/stance/reader-id");
    let start = Instant::now();
    let text = loop {
        if let Ok(t) = std::fs::read_to_string(&own)
            && t.contains("\"agree\"")
        {
            break t;
        }
        assert!(start.elapsed() < WAIT, "ana's marks were never saved");
        thread::sleep(POLL);
    };
    let id = std::fs::read_to_string(&id_file).unwrap();
    assert!(
        text.contains(&format!("\"reader_id\": \"{}\"", id.trim())),
        "{text}"
    );
    s.wait_for("ana counted", WAIT, |t| t.contains("class: 3 readers"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    // Nothing but her own file (and nothing of another's) was written.
    let bo = std::fs::read_to_string(class.join("bo.marks.json")).unwrap();
    assert!(bo.contains("the numbers say so") && !bo.contains("reader_id"));
}

#[test]
fn a_second_reader_of_the_same_name_is_told_and_gets_a_file_of_their_own() {
    let home = tempfile::tempdir().unwrap();
    let class = home.path().join("class");
    std::fs::create_dir(&class).unwrap();
    // Another ana, with another reader id, got there first.
    let doc = stance::model::load_embedded().document.unwrap();
    let mut theirs = stance::marks::Marks::new(&doc, Some("ana".into()));
    theirs.reader_id = Some("f".repeat(32));
    theirs.set_stance(&doc, 0, Some(stance::marks::Stance::Agree));
    let before = theirs.to_json(&doc);
    std::fs::write(class.join("ana.marks.json"), &before).unwrap();
    let mut s = Session::start_in(
        120,
        40,
        home.path(),
        &["--class-dir", class.to_str().unwrap(), "--reader", "ana"],
    );
    s.wait_for("the reader told", WAIT, |t| {
        t.contains("another reader named ana marks in this folder")
    });
    s.send(b"d");
    let start = Instant::now();
    let mine = loop {
        let found: Vec<_> = std::fs::read_dir(&class)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("ana-") && n.ends_with(".marks.json"))
            .collect();
        if let [name] = found.as_slice()
            && std::fs::read_to_string(class.join(name)).is_ok_and(|t| t.contains("dispute"))
        {
            break name.clone();
        }
        assert!(
            start.elapsed() < WAIT,
            "the second ana's marks were never saved"
        );
        thread::sleep(POLL);
    };
    s.wait_for("both told", WAIT, |t| t.contains("class: 2 readers"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_eq!(
        std::fs::read_to_string(class.join("ana.marks.json")).unwrap(),
        before
    );
    assert!(mine.len() > "ana-.marks.json".len());
}

// ---------------------------------------------------------------- a discussion's links (issue 19)

#[test]
fn links_listed_in_a_discussion_are_hyperlinks_where_the_terminal_has_them() {
    let home = tempfile::tempdir().expect("a temporary home");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/discussions/kialo-links.txt"),
        home.path().join("cars.txt"),
    )
    .expect("the fixture is copied");
    let mut s = Session::start_env(
        100,
        30,
        home.path(),
        &["cars.txt"],
        &[("STANCE_HYPERLINKS", "1")],
    );
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    s.send(b"/burden\r");
    s.wait_for("the claim with the link", WAIT, |t| {
        t.contains("Kialo 1.1.1")
    });
    s.send(b"o");
    let link = "\x1b]8;;https://en.wikipedia.org/wiki/Burden_of_proof_(philosophy)\x1b\\burden of proof\x1b]8;;\x1b\\";
    let deadline = std::time::Instant::now() + WAIT;
    while !String::from_utf8_lossy(&s.raw_output()).contains(link) {
        assert!(
            std::time::Instant::now() < deadline,
            "no hyperlink in:\n{}",
            String::from_utf8_lossy(&s.raw_output()).escape_debug()
        );
        thread::sleep(Duration::from_millis(50));
    }
    // The words are drawn where they were: the link changes nothing on screen.
    let screen = s.wait_for("the link's words", WAIT, |t| {
        t.contains("🔗 burden of proof")
    });
    assert!(screen.contains("Burden_of_proof"), "{screen}");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

// ----- A reader's own arguments, end to end -----

/// How many `w` presses take a caret from the start of `text` to `words`,
/// moving as the reader's selection does.
fn words_before(text: &str, words: &str) -> usize {
    use stance::tui::selection::{Motion, Selection};
    let mut sel = Selection::new(0, 0, "p", text, 0);
    for n in 0..text.len() {
        if text[sel.head()..].starts_with(words) {
            return n;
        }
        sel.step(text, Motion::WordRight);
    }
    panic!("{words} is not in the paragraph");
}

#[test]
fn a_student_quotes_the_article_rebuts_the_thesis_and_finds_it_all_again() {
    const PHRASE: &str = "一个百来人的 AI 创业团队";
    let doc = stance::model::load_embedded().document.unwrap();
    let para = doc
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .find(|p| p.zh.contains(PHRASE))
        .expect("the paragraph");
    let thesis = doc.labels()[doc.node_index("c-thesis").unwrap()].clone();
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut s = Session::start_in(100, 30, dir.path(), &["--marks", &arg]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));

    // Find the paragraph, select the words by word, and quote them as evidence.
    s.send("/中国一个百来人\r".as_bytes());
    s.wait_for_screen("the paragraph found", WAIT, |sc| {
        current_paragraph(sc).contains("中国一个百来人")
    });
    s.send(b"s0");
    s.send("w".repeat(words_before(&para.zh, PHRASE)).as_bytes());
    s.send(b" ");
    s.send("w".repeat(11).as_bytes());
    s.send(b"e");
    s.wait_for("the form with the quote", WAIT, |t| {
        t.contains("Your own node") && t.contains(&format!("Quote     {PHRASE}"))
    });
    s.send(b"A small team did it\r");
    s.wait_for("the evidence added", WAIT, |t| t.contains("Added +E1"));

    // A rebuttal of the thesis: the thesis is the last node the form offers.
    s.send(b"A");
    s.wait_for("the form", WAIT, |t| t.contains("Answers"));
    s.send(b"\x1b[A\x1b[A\x1b[A\x1b[D\x1b[B\x1b[B\x1b[B");
    s.wait_for("the thesis chosen", WAIT, |t| {
        t.contains(&format!("‹ {thesis} "))
    });
    s.send(b"Export controls still bite\r");
    s.wait_for("the rebuttal added", WAIT, |t| t.contains("Added +R1"));
    s.send(b"a");
    s.wait_for("the mark counted", WAIT, |t| t.contains(" 1/"));
    s.send(b"q");
    assert!(s.wait_exit().success());

    // Everything is in the marks file, and there again on reopening.
    let text = std::fs::read_to_string(&marks).expect("the marks file");
    assert!(text.contains("stance.marks/2"), "{text}");
    let mut s = Session::start_in(100, 30, dir.path(), &["--marks", &arg]);
    let screen = s.wait_for("the reader to reopen", WAIT, |t| t.contains("▶ Outline"));
    assert!(screen.contains(" 1/"), "the mark is there:\n{screen}");
    s.send(b"/Export controls\r");
    s.wait_for("the rebuttal found", WAIT, |t| {
        t.contains("Export controls still bite") && t.contains("+R1")
    });
    s.send(b"/A small team\r");
    s.wait_for("the evidence found", WAIT, |t| {
        t.contains("A small team did it") && t.contains("+E1")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());

    // The analysis counts the rebuttal the student agrees with.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["analyze", "--ui", "en", "--format", "json", "--marks", &arg])
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .output()
        .expect("analyze runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let claim = json["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["node"] == "c-thesis"))
        .unwrap_or_else(|| panic!("the thesis is analysed: {json}"));
    assert_eq!(claim["status"], "contested", "{json}");
}
