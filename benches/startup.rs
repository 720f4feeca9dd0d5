//! The built-in article, as a user meets it: whole processes of the release
//! binary, from `exec` to exit, and from `exec` to the reader's first frame in
//! a real pseudo-terminal.
//!
//! `cargo bench --bench startup`.
//!
//! * `process/version`: `stance --version`, the floor of starting any process.
//! * `process/print`: `stance print` (the article as text, to /dev/null).
//! * `process/check`: `stance check`.
//! * `process/export_html`: `stance export --format html -o page.html`.
//! * `process/first_frame`: `stance read --ui en` in a 200x60 pty, timed from
//!   spawning the process until the end of its first frame has been read from
//!   the pty: the status line (`… marked`) followed by the cursor-hide that
//!   ratatui ends every frame with. The process is then killed, untimed.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_stance");
/// ratatui ends every frame by hiding the cursor.
const FRAME_END: &[u8] = b"\x1b[?25l";

fn run(args: &[&str], home: &std::path::Path) {
    let status = Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("stance runs");
    assert!(status.success(), "stance {args:?} failed");
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Spawns the reader in a pty and returns how long its first frame took.
fn first_frame(home: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["read", "--ui", "en"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.cwd(home);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("stance starts");
    drop(pair.slave);
    let mut seen = Vec::with_capacity(64 * 1024);
    let mut buf = [0u8; 16 * 1024];
    let took = loop {
        let n = reader.read(&mut buf).expect("the reader writes a frame");
        assert!(n > 0, "stance exited before drawing");
        seen.extend_from_slice(&buf[..n]);
        if let Some(at) = find(&seen, b"marked", 0)
            && find(&seen, FRAME_END, at).is_some()
        {
            break start.elapsed();
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    took
}

fn bench_startup(c: &mut Criterion) {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut group = c.benchmark_group("process");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("version", |b| b.iter(|| run(&["--version"], home.path())));
    group.bench_function("print", |b| b.iter(|| run(&["print"], home.path())));
    group.bench_function("check", |b| b.iter(|| run(&["check"], home.path())));
    let page = home.path().join("page.html");
    let page = page.to_str().expect("a temporary path in UTF-8");
    group.bench_function("export_html", |b| {
        b.iter(|| run(&["export", "--format", "html", "-o", page], home.path()))
    });
    group.bench_function("first_frame", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| first_frame(home.path())).sum())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_startup
}
criterion_main!(benches);
