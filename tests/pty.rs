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
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    eof: Arc<AtomicBool>,
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
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("a pty opens");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stance"));
        cmd.args(["read", "--ui", "en"]);
        cmd.args(args);
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
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (out, done) = (Arc::clone(&output), Arc::clone(&eof));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Linux reports the slave's last close as EIO: both mean the end.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let mut out = out.lock().unwrap();
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            master: pair.master,
            writer,
            child,
            output,
            eof,
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
        self.master
            .resize(pty_size(cols, rows))
            .expect("pty resized");
    }

    /// Whether the pty is in raw mode (no line editing, no echo), as the child set it.
    fn raw_mode(&self) -> bool {
        let termios = self.master.get_termios().expect("the pty's settings");
        // The flags' names, so this needs no libc constants: `ICANON | ECHO | …`.
        let flags = format!("{:?}", termios.local_flags);
        !flags
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|f| f == "ICANON" || f == "ECHO")
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
            s.wait_for("a mark to be counted", WAIT, |t| !t.contains(" 0/76"));
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
    first.wait_for("the mark to be saved", WAIT, |t| t.contains(" 1/76"));
    first.send(b"q");
    assert!(first.wait_exit().success());
    assert!(
        std::fs::read_to_string(&marks)
            .unwrap()
            .contains("\"agree\"")
    );
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
    s.wait_for("the mark to be counted", WAIT, |t| t.contains(" 1/76"));
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
    s.wait_for("the mark to be counted", WAIT, |t| t.contains(" 1/76"));
    // The first save is held: a reader that saved on the input path would not
    // answer these keys until it was done.
    s.send(b"x");
    s.wait_for("the mark to be cleared", WAIT, |t| t.contains(" 0/76"));
    s.send(b"d");
    s.wait_for("the thesis to be disputed", WAIT, |t| t.contains(" 1/76"));
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

#[test]
fn a_save_that_fails_after_quitting_is_reported_with_the_file() {
    let dir = tempfile::tempdir().expect("a temporary home");
    let marks = dir.path().join("m.json");
    let arg = marks.to_str().unwrap().to_string();
    let mut s = Session::start_in(100, 30, dir.path(), &["--marks", &arg]);
    s.wait_for("the reader to open", WAIT, |t| t.contains("▶ Outline"));
    // A directory that is not empty takes the file's place: no rename can replace it.
    std::fs::create_dir(&marks).expect("a directory in the way");
    std::fs::write(marks.join("keep"), "x").expect("a file in it");
    // Marked and quit in one burst: the failure comes when the screen is gone.
    s.send(b"aq");
    let status = s.wait_exit();
    assert!(status.success(), "quitting still works: {status:?}");
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    let said = raw
        .rsplit_once("could not be saved to ")
        .map(|(_, rest)| rest.to_string())
        .unwrap_or_else(|| panic!("no message about the failed save:\n{raw}"));
    assert!(
        said.replace("\r\n", "").contains("m.json"),
        "the message names the file: {said}"
    );
    assert!(
        marks.join("keep").exists(),
        "what was in the way is untouched"
    );
}

#[test]
fn a_panic_restores_the_terminal_prints_a_readable_message_and_keeps_the_marks() {
    let (mut s, _dir, marks) = session_with_a_mark(&[("STANCE_TEST_PANIC_KEY", "Z")]);
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
