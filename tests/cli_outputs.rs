//! What the command line writes, and where: reader flags on the bare command,
//! files written with `-o`, escaping for each output format, names and wording.

mod common;

use std::path::Path;

use common::{stance, stance_in, stderr, stdout};

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

// ---------------------------------------------------------------- helpers

/// A marks file on the built-in article, by `reader`, with `marks` as JSON.
fn marks_file(dir: &Path, name: &str, reader: Option<&str>, marks: &str) -> std::path::PathBuf {
    let reader = reader.map_or("null".to_string(), |r| {
        serde_json::Value::String(r.to_string()).to_string()
    });
    let text = format!(
        r#"{{"schema":"stance.marks/1","document":{{"id":"deepseek-industrial-policy","title":"t","digest":"sha256:0"}},"reader":{reader},"created":"2026-01-01T00:00:00Z","updated":"2026-01-02T00:00:00Z","marks":[{marks}]}}"#
    );
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const TWO_MARKS: &str = r#"{"node":"c-thesis","stance":"dispute","at":"2026-01-01T00:00:00Z","text":"x"},{"node":"e-dau","stance":"agree","note":"big","at":"2026-01-01T00:00:00Z","text":"y"}"#;

// ---------------------------------------------------------------- 14-16

#[cfg(unix)]
#[test]
fn new_and_import_never_write_through_a_dangling_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("article.txt"), "标题\n\n第一段。\n").unwrap();
    let target = d.join("elsewhere.yaml");
    std::os::unix::fs::symlink(&target, d.join("out.yaml")).unwrap();
    let new = stance_in(d, &["new", "article.txt", "-o", "out.yaml"]);
    assert_eq!(new.status.code(), Some(1), "{}", stderr(&new));
    assert!(stderr(&new).contains("already exists"), "{}", stderr(&new));
    assert!(!target.exists(), "the link's target was created");

    let kialo = d.join("k.txt");
    std::fs::write(
        &kialo,
        "Discussion Title: T\n\n1. Thesis\n1.1. Pro: a reason\n",
    )
    .unwrap();
    let import = stance_in(d, &["import", "k.txt", "-o", "out.yaml"]);
    assert_eq!(import.status.code(), Some(1), "{}", stderr(&import));
    assert!(!target.exists(), "the link's target was created");
}

#[test]
fn no_output_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let marks = marks_file(d, "ana.json", Some("ana"), TWO_MARKS);
    let before = std::fs::read(&marks).unwrap();
    let doc = d.join("doc.json");
    std::fs::write(&doc, stdout(&stance(&["graph"]))).unwrap();
    let doc_before = std::fs::read(&doc).unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["export", "--marks", s(&marks), "-o", s(&marks)],
        vec!["graph", s(&doc), "-o", s(&doc)],
        vec![
            "graph",
            "--marks",
            s(&marks),
            "--format",
            "dot",
            "-o",
            s(&marks),
        ],
        vec!["brief", s(&doc), "--side", "for", "-o", s(&doc)],
        vec!["merge", s(&marks), "--format", "markdown", "-o", s(&marks)],
    ];
    for args in runs {
        let out = stance_in(d, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?} was allowed");
        assert!(
            stderr(&out).contains("which this command reads"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(&marks).unwrap(), before);
    assert_eq!(std::fs::read(&doc).unwrap(), doc_before);
}

#[cfg(unix)]
#[test]
fn an_output_through_a_link_replaces_the_link_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let marks = marks_file(d, "ana.json", Some("ana"), TWO_MARKS);
    // A link to the input is the input.
    std::os::unix::fs::symlink(&marks, d.join("to-marks.md")).unwrap();
    let out = stance_in(
        d,
        &[
            "export",
            "--marks",
            s(&marks),
            "--format",
            "markdown",
            "-o",
            "to-marks.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A link to someone else's file: the file is left alone.
    let victim = d.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, d.join("brief.md")).unwrap();
    let out = stance_in(d, &["brief", "--side", "for", "-o", "brief.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let written = d.join("brief.md");
    assert!(
        !std::fs::symlink_metadata(&written)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&written).unwrap().starts_with("# "));
    assert!(stderr(&out).contains("was a link"), "{}", stderr(&out));
}

#[test]
fn replacing_an_output_is_said_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = stance_in(d, &["graph", "--format", "dot", "-o", "g.dot"]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(stderr(&first), "", "a new file needs no notice");
    std::fs::write(d.join("g.dot"), "old").unwrap();
    let again = stance_in(d, &["graph", "--format", "dot", "-o", "g.dot"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stderr(&again).contains("replaced g.dot"),
        "{}",
        stderr(&again)
    );
    assert!(
        std::fs::read_to_string(d.join("g.dot"))
            .unwrap()
            .starts_with("digraph")
    );
    let names: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[cfg(unix)]
#[test]
fn the_schema_beside_a_new_document_is_never_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("article.txt"), "标题\n\n第一段。\n").unwrap();
    let victim = d.join("victim.json");
    std::fs::write(
        &victim,
        "{\"title\": \"stance content document (stance/1)\", \"old\": 1}",
    )
    .unwrap();
    let before = std::fs::read(&victim).unwrap();
    std::os::unix::fs::symlink(&victim, d.join("content.schema.json")).unwrap();
    let out = stance_in(d, &["new", "article.txt", "-o", "doc.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(&victim).unwrap(), before);
    // And a dangling one does not get its target created.
    let d2 = tempfile::tempdir().unwrap();
    std::fs::write(d2.path().join("article.txt"), "标题\n\n第一段。\n").unwrap();
    let target = d2.path().join("nowhere.json");
    std::os::unix::fs::symlink(&target, d2.path().join("content.schema.json")).unwrap();
    let out = stance_in(d2.path(), &["new", "article.txt", "-o", "doc.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!target.exists());
}
