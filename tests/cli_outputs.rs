//! What the command line writes, and where: reader flags on the bare command,
//! files written with `-o`, escaping for each output format, names and wording.

mod common;

use std::path::Path;

use common::{stance, stderr, stdout};

// ---------------------------------------------------------------- 15-9

/// Runs `stance ARGS` in a pseudo-terminal with `home` as its home, waits until
/// the screen shows `want`, presses `q` and returns whether `want` appeared.
#[cfg(unix)]
fn reader_shows(args: &[&str], home: &Path, want: &str) -> bool {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty opens");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stance"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("USER", "tester");
    cmd.cwd(home);
    let mut child = pair.slave.spawn_command(cmd).expect("stance starts");
    drop(pair.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
        0,
    )));
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let parser = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            parser.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut writer = pair.master.take_writer().expect("pty writer");
    // Only a hang reaches this limit.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = false;
    while Instant::now() < deadline {
        if screen.lock().unwrap().screen().contents().contains(want) {
            seen = true;
            break;
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let _ = child.wait();
    seen
}

#[cfg(unix)]
#[test]
fn the_bare_command_takes_the_readers_flags() {
    let home = tempfile::tempdir().unwrap();
    assert!(
        reader_shows(&["--ui", "zh"], home.path(), "大纲"),
        "`stance --ui zh` opens the reader in Chinese"
    );
    let marks = home.path().join("ana.json");
    assert!(reader_shows(
        &[
            "--ui",
            "en",
            "--lang",
            "en",
            "--reader",
            "ana",
            "--marks",
            marks.to_str().unwrap()
        ],
        home.path(),
        "Outline"
    ));
}

#[test]
fn the_bare_command_into_a_pipe_follows_lang() {
    let en = stance(&["--lang", "en"]);
    assert_eq!(en.status.code(), Some(0), "{}", stderr(&en));
    assert_eq!(stdout(&en), stdout(&stance(&["print", "--lang", "en"])));
    for args in [&["--ui", "zh"][..], &["--reader", "ana"]] {
        let out = stance(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}
