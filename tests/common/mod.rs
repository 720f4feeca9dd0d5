//! Helpers shared by the integration tests: running the real binary.
#![allow(dead_code)]

pub mod argdown;
pub mod graphviz;
pub mod kialo;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// The longest any test waits for the binary before calling it hung. Only a hang
/// reaches it: a debug build on a 2-core machine shared with others (load average
/// 17 and more) must never fail a test by being slow. How fast something is, is
/// measured against a reference run of the same test, never against this.
pub const HANG_LIMIT: Duration = Duration::from_secs(180);

/// Runs the `stance` binary with `args` from a directory outside the project,
/// so tests prove the embedded article needs no files.
pub fn stance(args: &[&str]) -> Output {
    stance_in(&std::env::temp_dir(), args)
}

/// Runs `stance` in `dir`, in an English locale whatever the machine's is
/// (commands speak the language of LANG; tests that want Chinese say `--ui zh`).
pub fn stance_in(dir: &Path, args: &[&str]) -> Output {
    command_in(dir)
        .args(args)
        .output()
        .expect("the stance binary runs")
}

/// Runs `stance` in `home`, which is its home and data directory too: its
/// reader id and default marks file are the test's own, never the machine's.
pub fn stance_home(home: &Path, args: &[&str]) -> Output {
    command_in(home)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("the stance binary runs")
}

/// [`stance_home`], which must succeed: its standard error says why if not.
pub fn stance_home_ok(home: &Path, args: &[&str]) -> Output {
    let out = stance_home(home, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stance {}: {}",
        args.join(" "),
        stderr(&out)
    );
    out
}

/// The `stance` binary to run in `dir`, in an English locale.
fn command_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stance"));
    c.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir);
    c
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small complete document, for tests to break in one place at a time.
pub const MINIMAL: &str = r#"schema: stance/1
id: tiny
lang: zh
title: {zh: 小文章, en: A small article}
thesis: c-main
sections:
  - id: s1
    title: {zh: 第一节, en: Part one}
    paragraphs:
      - id: s1p1
        zh: "政府不该插手,市场说了算。"
        en: "The government should stay out; the market decides."
      - id: s1p2
        zh: "智算中心出租率只有 10%。"
        en: "Data centres are only 10% occupied."
nodes:
  - id: c-main
    kind: claim
    text: {zh: 市场说了算, en: The market decides}
    quote: "市场说了算"
    paragraphs: [s1p1]
  - id: e-idle
    kind: evidence
    basis: statistic
    sourced: false
    text: {zh: 出租率低, en: Occupancy is low}
    quote: "出租率只有 10%"
    supports: [c-main]
  - id: r-timing
    kind: rebuttal
    origin: editorial
    text: {zh: 可能只是时机问题, en: It may be a matter of timing}
    paragraphs: [s1p2]
    undercuts: [e-idle]
"#;

/// The 1-based (line, column) of the first `needle` in `src`, column in characters.
pub fn position(src: &str, needle: &str) -> (u64, u64) {
    let at = src.find(needle).expect("needle in source");
    let before = &src[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    (line, col)
}

/// A rendered screen as text, one line per row, each wide character once.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(if sym.is_empty() { " " } else { sym });
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
