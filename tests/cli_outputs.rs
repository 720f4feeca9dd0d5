//! What the command line writes, and where: reader flags on the bare command,
//! files written with `-o`, escaping for each output format, names and wording.

mod common;

use std::path::Path;

// `stance` and `stance_in` run the binary outside the project in an English
// locale (tests that want Chinese say `--ui zh` or set LANG themselves).
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
    marks_for(dir, name, "deepseek-industrial-policy", reader, marks)
}

/// A marks file on document `doc`.
fn marks_for(
    dir: &Path,
    name: &str,
    doc: &str,
    reader: Option<&str>,
    marks: &str,
) -> std::path::PathBuf {
    let reader = reader.map_or("null".to_string(), |r| {
        serde_json::Value::String(r.to_string()).to_string()
    });
    let text = format!(
        r#"{{"schema":"stance.marks/1","document":{{"id":"{doc}","title":"t","digest":"sha256:0"}},"reader":{reader},"created":"2026-01-01T00:00:00Z","updated":"2026-01-02T00:00:00Z","marks":[{marks}]}}"#
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

// ---------------------------------------------------------------- 14-15

const HOSTILE: &str =
    "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>";

/// A document whose title, node texts and quotes carry markup, a code fence and a table row.
fn hostile_document(dir: &Path) -> std::path::PathBuf {
    let yaml = common::MINIMAL
        .replace("{zh: 小文章, en: A small article}", &format!("{{zh: \"{HOSTILE}\", en: \"{HOSTILE}\"}}"))
        .replace(
            "{zh: 市场说了算, en: The market decides}",
            &format!("{{zh: \"{HOSTILE}\\n```\\n| forged | row |\", en: \"{HOSTILE}\\n```\\n# heading\"}}"),
        )
        .replace(
            "{zh: 出租率低, en: Occupancy is low}",
            "{zh: \"- [x](javascript:void) &lt;b&gt;\", en: \"1. **bold** `code`\"}",
        );
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

/// `md` with every backslash-escaped character taken out: what Markdown acts on.
fn unescaped(md: &str) -> String {
    let mut bare = String::new();
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            bare.push(c);
        }
    }
    bare
}

fn assert_inert_markdown(what: &str, md: &str) {
    let bare = unescaped(md);
    for bad in ["<", "](", "&lt;", "| forged"] {
        assert!(!bare.contains(bad), "{what}: `{bad}` gets through:\n{md}");
    }
    for line in bare.lines() {
        let t = line.trim_start();
        assert!(
            !t.starts_with("```"),
            "{what}: a fence from the content:\n{md}"
        );
        assert!(
            !t.starts_with("# heading"),
            "{what}: a heading from the content:\n{md}"
        );
    }
}

#[test]
fn hostile_text_is_inert_in_every_markdown_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let doc = hostile_document(d);
    assert_eq!(stance(&["check", s(&doc)]).status.code(), Some(0));
    let note = serde_json::Value::String(format!("{HOSTILE}\n```\n| forged | row |")).to_string();
    let mark = format!(
        r#"{{"node":"c-main","stance":"agree","note":{note},"at":"2026-01-01T00:00:00Z","text":{note}}},{{"node":"e-idle","stance":"dispute","at":"2026-01-01T00:00:00Z"}}"#
    );
    let marks = marks_for(d, "ana.json", "tiny", Some("<b>ana</b>"), &mark);
    let other = marks_for(
        d,
        "ben.json",
        "tiny",
        Some("ben [x](javascript:1)"),
        &mark.replace("agree", "dispute"),
    );
    let runs: Vec<(&str, Vec<&str>)> = vec![
        (
            "brief",
            vec!["brief", s(&doc), "--side", "for", "--marks", s(&marks)],
        ),
        (
            "brief against",
            vec!["brief", s(&doc), "--side", "against", "--marks", s(&marks)],
        ),
        (
            "export",
            vec![
                "export",
                s(&doc),
                "--marks",
                s(&marks),
                "--format",
                "markdown",
            ],
        ),
        (
            "export --reader",
            vec![
                "export",
                s(&doc),
                "--marks",
                s(&marks),
                "--format",
                "markdown",
                "--reader",
                "<i>x</i>",
            ],
        ),
        (
            "merge",
            vec!["merge", s(&marks), s(&other), "--format", "markdown"],
        ),
    ];
    for (what, args) in runs {
        let out = stance(&args);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        assert_inert_markdown(what, &stdout(&out));
    }
}

#[test]
fn a_reader_name_with_newlines_adds_no_rows_to_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = marks_file(d, "a.json", Some("ana\ne-forged    9  9  9"), TWO_MARKS);
    let b = marks_file(d, "b.json", Some("ben\r\nc-forged"), TWO_MARKS);
    let out = stance(&["merge", s(&a), s(&b), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    // A header line, a column line, one row for each of the two nodes marked
    // and one line for each reader's note.
    assert_eq!(table.lines().count(), 6, "{table}");
    assert!(
        !table
            .lines()
            .any(|l| l.starts_with("e-forged") || l.starts_with("c-forged"))
    );
}

#[test]
fn w3c_ids_are_valid_iris() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let yaml = common::MINIMAL
        .replace("id: tiny", "id: \"a#b/c?d<e>\"")
        .replace("c-main", "主张#1/x?y");
    let doc = d.join("doc.yaml");
    std::fs::write(&doc, yaml).unwrap();
    let marks = marks_for(
        d,
        "m.json",
        "a#b/c?d<e>",
        Some("ana"),
        r#"{"node":"主张#1/x?y","stance":"agree","at":"2026-01-01T00:00:00Z"},{"node":"gone one","stance":"agree","at":"2026-01-01T00:00:00Z"}"#,
    );
    let out = stance(&["export", s(&doc), "--marks", s(&marks), "--format", "w3c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut iris = vec![v["id"].as_str().unwrap().to_string()];
    for a in v["first"]["items"].as_array().unwrap() {
        iris.push(a["id"].as_str().unwrap().to_string());
        iris.push(a["target"]["source"].as_str().unwrap().to_string());
    }
    assert_eq!(iris.len(), 5);
    for iri in iris {
        // One `#` at most (the fragment), and nothing an IRI may not hold.
        assert!(iri.matches('#').count() <= 1, "not an IRI: {iri}");
        let path = iri.split('#').next().unwrap();
        assert!(
            !iri.chars().any(|c| " <>\"{}|\\^`?".contains(c)) && !path.contains("/x"),
            "not an IRI: {iri}"
        );
    }
}

// ---------------------------------------------------------------- 14-14

const OSC52: &str = "ana\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{9b}2J";

fn assert_no_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{9b}'),
        "{what}: a control character gets through: {text:?}"
    );
}

#[test]
fn reader_names_from_the_command_line_or_user_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let marks = marks_file(d, "m.json", None, TWO_MARKS);
    for format in ["markdown", "json", "w3c"] {
        let out = stance(&[
            "export",
            "--marks",
            s(&marks),
            "--format",
            format,
            "--reader",
            OSC52,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_no_controls(format, &out.stdout);
        assert!(stdout(&out).contains("ana"));
    }
    let fresh = d.join("new.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["export", "--marks", s(&fresh), "--format", "markdown"])
        .env("USER", OSC52)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Reader: ana"), "{}", stdout(&out));
    assert_no_controls("$USER", &out.stdout);
}

#[cfg(unix)]
#[test]
fn new_names_a_folder_without_its_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("class\u{1b}]0;pwned\u{7}");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("content.schema.json"), "{\"mine\": true}").unwrap();
    std::fs::write(dir.path().join("a.txt"), "标题\n\n第一段。\n").unwrap();
    let out_path = folder.join("doc.yaml");
    let out = stance_in(dir.path(), &["new", "a.txt", "-o", s(&out_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("someone else's file"),
        "{}",
        stdout(&out)
    );
    assert_no_controls("new", &out.stdout);
    assert_no_controls("new", &out.stderr);
}

// ---------------------------------------------------------------- 15-6

#[test]
fn merge_skips_the_lock_of_an_open_reader_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ana = marks_file(d, "ana.json", Some("ana"), TWO_MARKS);
    let ben = marks_file(d, "ben.json", Some("ben"), TWO_MARKS);
    let lock = d.join("ben.json.lock");
    std::fs::write(&lock, "").unwrap();
    let out = stance(&["merge", s(&ana), s(&ben), s(&lock), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("skipping"), "{}", stderr(&out));
    assert!(stderr(&out).contains("ben.json.lock"), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("2 readers: ana, ben"),
        "{}",
        stdout(&out)
    );
}

// ---------------------------------------------------------------- 15-7

#[test]
fn merge_takes_text_from_the_document_and_counts_and_shows_notes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // No `text`, and one mark with only a note.
    let marks = r#"{"node":"c-thesis","stance":"dispute","at":"2026-01-01T00:00:00Z"},{"node":"e-dau","note":"is 20 million a lot?","at":"2026-01-01T00:00:00Z"}"#;
    let ana = marks_file(d, "ana.json", Some("ana"), marks);
    let out = stance(&["merge", s(&ana), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let row = |id: &str| {
        table
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("no row for {id}:\n{table}"))
            .to_string()
    };
    // Rows are named by label: C1 is c-thesis, E12 is e-dau.
    assert!(row("C1 ").contains("DeepSeek"), "{table}");
    let fields: Vec<String> = row("E12 ").split_whitespace().map(String::from).collect();
    assert_eq!(
        fields[1..5],
        ["0", "0", "0", "1"],
        "the note counts: {table}"
    );
    assert!(table.contains("ana: is 20 million a lot?"), "{table}");
    let md = stdout(&stance(&["merge", s(&ana), "--format", "markdown"]));
    assert!(md.contains("is 20 million a lot?"), "{md}");

    // Another document, named with --document.
    let doc = d.join("tiny.yaml");
    std::fs::write(&doc, common::MINIMAL).unwrap();
    let tiny = marks_for(
        d,
        "t.json",
        "tiny",
        Some("ana"),
        r#"{"node":"c-main","stance":"agree","at":"2026-01-01T00:00:00Z"}"#,
    );
    let with = stdout(&stance(&[
        "merge",
        s(&tiny),
        "--document",
        s(&doc),
        "--format",
        "table",
    ]));
    assert!(
        with.contains("The market decides") || with.contains("市场说了算"),
        "{with}"
    );
    // Marks for one document with another named: refused.
    let wrong = stance(&["merge", s(&ana), "--document", s(&doc)]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("tiny"), "{}", stderr(&wrong));
}

// ---------------------------------------------------------------- 15-8

#[test]
fn w3c_ids_differ_between_readers_and_a_note_alone_is_a_comment() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let note_only = r#",{"node":"c-nvidia-hurt","note":"why?","at":"2026-01-01T00:00:00Z"}"#;
    let ana = marks_file(
        d,
        "ana.json",
        Some("ana"),
        &format!("{TWO_MARKS}{note_only}"),
    );
    let ben = marks_file(d, "ben.json", Some("ben"), TWO_MARKS);
    let anon = marks_file(d, "anon.json", None, TWO_MARKS);
    let mut ids = std::collections::HashSet::new();
    let mut total = 0;
    for f in [&ana, &ben, &anon] {
        let out = stance(&["export", "--marks", s(f), "--format", "w3c"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(
            ids.insert(v["id"].as_str().unwrap().to_string()),
            "collection ids clash"
        );
        for a in v["first"]["items"].as_array().unwrap() {
            total += 1;
            ids.insert(a["id"].as_str().unwrap().to_string());
            let commenting = a["id"].as_str().unwrap().ends_with("c-nvidia-hurt");
            let want = if commenting {
                "commenting"
            } else {
                "assessing"
            };
            assert_eq!(a["motivation"], want, "{a}");
        }
    }
    assert_eq!(
        ids.len(),
        total + 3,
        "annotation ids clash across readers: {ids:?}"
    );
}

// ---------------------------------------------------------------- 15-C8

/// Marks on every node of the built-in article, a stance on each.
fn marks_on_everything(dir: &Path) -> std::path::PathBuf {
    let graph: serde_json::Value = serde_json::from_str(&stdout(&stance(&["graph"]))).unwrap();
    let marks: Vec<String> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"{{"node":{},"stance":"{}","at":"2026-01-01T00:00:00Z"}}"#,
                n["id"],
                ["agree", "dispute", "unsure"][i % 3]
            )
        })
        .collect();
    marks_file(dir, "all.json", Some("ana"), &marks.join(","))
}

#[test]
fn the_markdown_export_follows_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let marks = marks_on_everything(dir.path());
    let out = stance(&["export", "--marks", s(&marks), "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    let places: Vec<(u32, u32)> = md
        .lines()
        .filter_map(|l| l.strip_prefix("Paragraph: §"))
        .map(|rest| {
            let (s, rest) = rest.split_once(" ¶").unwrap();
            let p = rest.split_whitespace().next().unwrap();
            (s.parse().unwrap(), p.parse().unwrap())
        })
        .collect();
    assert!(places.len() > 40, "{md}");
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted, "marks out of reading order");
}

// ---------------------------------------------------------------- 15-C1, 15-C7, 15-11, 15-10

/// Every node id of the built-in article.
fn node_ids() -> Vec<String> {
    let graph: serde_json::Value = serde_json::from_str(&stdout(&stance(&["graph"]))).unwrap();
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

/// Marks where a person reads them: a stance on several nodes, a note on one.
const SOME_MARKS: &str = r#"{"node":"c-thesis","stance":"dispute","at":"x"},{"node":"e-dau","stance":"dispute","at":"x"},{"node":"e-rank-2","stance":"agree","note":"第二大","at":"x"},{"node":"r-survivorship","stance":"agree","at":"x"},{"node":"e-export-ladder","stance":"dispute","at":"x"},{"node":"c-gpu-rationing","stance":"agree","at":"x"},{"node":"r-stargate-private","stance":"agree","at":"x"},{"node":"c-subsidies","stance":"agree","at":"x"}"#;

#[test]
fn people_read_labels_not_ids() {
    let dir = tempfile::tempdir().unwrap();
    let ana = marks_file(dir.path(), "ana.json", Some("ana"), SOME_MARKS);
    let ben = marks_file(dir.path(), "ben.json", Some("ben"), TWO_MARKS);
    let ids = node_ids();
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("analyze", vec!["analyze", "--marks", s(&ana), "--ui", "en"]),
        (
            "brief",
            vec!["brief", "--side", "for", "--marks", s(&ana), "--ui", "en"],
        ),
        (
            "merge table",
            vec!["merge", s(&ana), s(&ben), "--format", "table", "--ui", "en"],
        ),
        (
            "merge markdown",
            vec![
                "merge",
                s(&ana),
                s(&ben),
                "--format",
                "markdown",
                "--ui",
                "en",
            ],
        ),
    ];
    for (what, args) in runs {
        let out = stance(&args);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        let text = stdout(&out);
        for id in &ids {
            // Figures' notes may cite an id in the article's own words; nodes are named by label.
            let named = text
                .match_indices(id.as_str())
                .filter(|(at, _)| {
                    let after = text[at + id.len()..].chars().next();
                    let before = text[..*at].chars().next_back();
                    !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
                        && !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                })
                .count();
            let in_content = if what == "brief" { 2 } else { 0 };
            assert!(named <= in_content, "{what} names {id} by its id:\n{text}");
        }
        assert!(text.contains("C1"), "{what}: {text}");
    }
    // Where a program or a search might want the id, it stands beside the label.
    let md = stdout(&stance(&[
        "export",
        "--marks",
        s(&ana),
        "--format",
        "markdown",
    ]));
    assert!(md.contains("## C1 (claim `c-thesis`) — ✗ dispute"), "{md}");
    let list = stdout(&stance(&["marks", "--marks", s(&ana)]));
    assert!(
        list.lines()
            .any(|l| l.starts_with("C1\tc-thesis\tdispute\t")),
        "{list}"
    );
}

#[test]
fn analyze_never_says_a_claim_you_dispute_stands() {
    let dir = tempfile::tempdir().unwrap();
    let only = r#"{"node":"c-thesis","stance":"dispute","at":"x"}"#;
    let marks = marks_file(dir.path(), "m.json", Some("ana"), only);
    let text = stdout(&stance(&["analyze", "--marks", s(&marks), "--ui", "en"]));
    assert!(!text.contains("stand"), "{text}");
    assert!(
        text.contains("Not undermined, though you dispute them yourself: C1 “"),
        "{text}"
    );
    assert!(text.contains("it does not mean you accept it"), "{text}");
}

#[test]
fn analyze_speaks_grammatically() {
    let dir = tempfile::tempdir().unwrap();
    // Two rebuttals of the thesis accepted; one of the three supports of C7 disputed.
    let marks = r#"{"node":"r-survivorship","stance":"agree","at":"x"},{"node":"r-ecosystem","stance":"agree","at":"x"},{"node":"e-dau","stance":"dispute","at":"x"}"#;
    let m = marks_file(dir.path(), "m.json", Some("ana"), marks);
    let text = stdout(&stance(&["analyze", "--marks", s(&m), "--ui", "en"]));
    assert!(text.contains("which attack it or its support"), "{text}");
    assert!(!text.contains("which attacks it"), "{text}");
    assert!(
        text.contains("1 of its 3 supports no longer counts"),
        "{text}"
    );
    assert!(!text.contains("no longer count ("), "{text}");
}

/// ASCII words a person may meet in Chinese output: those in the article's
/// own Chinese text and figures, ids, labels, and the program's name.
fn words_of_the_content() -> std::collections::HashSet<String> {
    fn walk(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        const NOT_SHOWN: [&str; 6] = ["kind", "basis", "origin", "schema", "source", "notes"];
        match v {
            serde_json::Value::String(s) if !NOT_SHOWN.contains(&key) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            serde_json::Value::Object(o) => {
                let zh = o.get("zh").and_then(|z| z.as_str()).unwrap_or("");
                for (k, x) in o {
                    // The English side only where there is no Chinese (editorial nodes).
                    if k == "en" && !zh.is_empty() || NOT_SHOWN.contains(&k.as_str()) {
                        continue;
                    }
                    walk(x, k, out);
                }
            }
            _ => {}
        }
    }
    let graph: serde_json::Value = serde_json::from_str(&stdout(&stance(&["graph"]))).unwrap();
    let mut strings = Vec::new();
    walk(&graph, "", &mut strings);
    let mut words: std::collections::HashSet<String> =
        strings.iter().flat_map(|s| ascii_words(s)).collect();
    words.extend(["stance", "text", "C", "E", "R", "s", "p", "ana", "ben"].map(String::from));
    // The figures' own Chinese words (their notes name sources such as 晚点 LatePost):
    // what follows `zh:` on each line of their files.
    let figures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/figures");
    for entry in std::fs::read_dir(figures).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((_, zh)) = line.split_once("zh:") {
                words.extend(ascii_words(zh));
            }
        }
    }
    words
}

fn ascii_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn in_chinese_analyze_brief_merge_and_export_use_no_english() {
    let dir = tempfile::tempdir().unwrap();
    let ana = marks_file(dir.path(), "ana.json", Some("ana"), SOME_MARKS);
    let ben = marks_file(dir.path(), "ben.json", Some("ben"), TWO_MARKS);
    let ana_again = marks_file(dir.path(), "ana.json.old", Some("ana"), TWO_MARKS);
    std::fs::write(dir.path().join("ben.json.lock"), "").unwrap();
    let lock = dir.path().join("ben.json.lock");
    let mut allowed = words_of_the_content();
    // What the readers wrote and the files' names are theirs.
    allowed.extend(ascii_words(s(&lock)));
    allowed.extend(ascii_words(s(&ana_again)));
    allowed.insert("big".to_string());
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("analyze", vec!["analyze", "--marks", s(&ana), "--ui", "zh"]),
        (
            "analyze (stance --ui zh)",
            vec!["--ui", "zh", "analyze", "--marks", s(&ana)],
        ),
        (
            "brief for",
            vec!["brief", "--side", "for", "--marks", s(&ana), "--ui", "zh"],
        ),
        (
            "brief against",
            vec![
                "brief",
                "--side",
                "against",
                "--marks",
                s(&ana),
                "--ui",
                "zh",
            ],
        ),
        (
            "merge table",
            vec![
                "merge",
                s(&ana),
                s(&ben),
                s(&lock),
                "--format",
                "table",
                "--ui",
                "zh",
            ],
        ),
        (
            "merge markdown",
            vec![
                "merge",
                s(&ana),
                s(&ben),
                "--format",
                "markdown",
                "--ui",
                "zh",
            ],
        ),
        (
            "export markdown",
            vec![
                "export",
                "--marks",
                s(&ana),
                "--format",
                "markdown",
                "--ui",
                "zh",
            ],
        ),
        ("marks", vec!["marks", "--marks", s(&ana), "--ui", "zh"]),
        (
            "marks, orphans",
            vec!["marks", "--marks", s(&ana), "--orphans", "--ui", "zh"],
        ),
        (
            "merge, a reader twice",
            vec![
                "merge",
                s(&ana),
                s(&ana_again),
                "--ui",
                "zh",
                "--format",
                "table",
            ],
        ),
    ];
    for (what, args) in runs {
        let out = stance(&args);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        let shown = format!("{}{}", stdout(&out), stderr(&out));
        // `stance marks` keeps the marks file's own word for a stance in its
        // third column, as it keeps the id in its second: for scripts.
        let file_words = ["agree", "dispute", "unsure", "note"];
        let english: Vec<String> = ascii_words(&shown)
            .into_iter()
            .filter(|w| !(what.starts_with("marks") && file_words.contains(&w.as_str())))
            // One letter is a label's or a cut word's, not English.
            .filter(|w| w.len() > 1 && !allowed.contains(w))
            .collect();
        assert!(
            english.is_empty(),
            "{what} says {english:?} in Chinese:\n{shown}"
        );
    }
    // LANG chooses Chinese too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["analyze", "--marks", s(&ana)])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("个主张"), "{}", stdout(&out));
}

#[test]
fn every_catalogue_entry_is_in_both_languages() {
    use stance::tui::i18n::{UiLang, cli_strings};
    let en = serde_json::to_value(cli_strings(UiLang::En)).unwrap();
    let zh = serde_json::to_value(cli_strings(UiLang::Zh)).unwrap();
    let (en, zh) = (en.as_object().unwrap(), zh.as_object().unwrap());
    assert_eq!(en.len(), zh.len());
    let placeholders = |s: &str| {
        let mut p: Vec<String> = (0..10)
            .map(|i| format!("{{{i}}}"))
            .filter(|p| s.contains(p))
            .collect();
        p.sort();
        p
    };
    for (key, e) in en {
        let z = &zh[key];
        let pairs: Vec<(&str, &str)> = match (e, z) {
            (serde_json::Value::String(e), serde_json::Value::String(z)) => vec![(e, z)],
            (serde_json::Value::Array(e), serde_json::Value::Array(z)) => {
                assert_eq!(e.len(), z.len(), "{key}");
                e.iter()
                    .zip(z)
                    .map(|(e, z)| (e.as_str().unwrap(), z.as_str().unwrap()))
                    .collect()
            }
            _ => panic!("{key} has different shapes"),
        };
        for (e, z) in pairs {
            assert!(
                !e.trim().is_empty() && !z.trim().is_empty(),
                "{key} is empty"
            );
            assert_eq!(
                placeholders(e),
                placeholders(z),
                "{key}: the same blanks in both"
            );
            // Commands, flags and paths in backticks, and the program's name, are not English.
            let prose: String = z.split('`').step_by(2).collect();
            let english: Vec<String> = ascii_words(&prose)
                .into_iter()
                .filter(|w| w.len() > 1 && w != "stance")
                .collect();
            assert!(english.is_empty(), "{key} in Chinese has English: {z}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_replaced_output_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = stance(&["brief", "--side", "for", "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn analyze_json_keeps_ids_for_programs_and_words_for_people() {
    let dir = tempfile::tempdir().unwrap();
    let ana = marks_file(dir.path(), "ana.json", Some("ana"), SOME_MARKS);
    let ids = node_ids();
    for lang in ["en", "zh"] {
        let out = stance(&[
            "analyze",
            "--marks",
            s(&ana),
            "--format",
            "json",
            "--ui",
            lang,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let claims = v["claims"].as_array().unwrap();
        assert_eq!(
            claims[0]["node"], "c-thesis",
            "ids where a program reads them"
        );
        let explanations: Vec<&str> = claims
            .iter()
            .chain(v["tensions"].as_array().unwrap())
            .map(|c| c["explanation"].as_str().unwrap())
            .collect();
        assert!(explanations[0].starts_with("C1 “"), "{}", explanations[0]);
        for e in &explanations {
            assert!(!e.ends_with(": ."), "{e}");
            for id in &ids {
                assert!(!e.contains(&format!("{id} ")), "{e} names {id}");
            }
        }
    }
}

#[test]
fn writing_a_file_is_reported_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ana = marks_file(d, "ana.json", Some("ana"), SOME_MARKS);
    let out = d.join("brief.md");
    std::fs::write(&out, "old").unwrap();
    let zh = stance(&[
        "brief",
        "--side",
        "for",
        "--marks",
        s(&ana),
        "--ui",
        "zh",
        "-o",
        s(&out),
    ]);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    assert!(stderr(&zh).contains("已替换"), "{}", stderr(&zh));
    let refused = stance(&["export", "--marks", s(&ana), "--ui", "zh", "-o", s(&ana)]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("不写入"), "{}", stderr(&refused));
    let missing = stance(&[
        "merge",
        s(&ana),
        "--ui",
        "zh",
        "-o",
        s(&d.join("no/such/dir/c.json")),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("所在文件夹不存在"),
        "{}",
        stderr(&missing)
    );
}
