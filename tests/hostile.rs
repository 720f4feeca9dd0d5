//! Hostile files: each gets a clear error naming the file, exit status 1, quickly
//! and in bounded memory, and nothing from the file reaches the terminal raw.

mod common;

use common::{HANG_LIMIT, MINIMAL, stance, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Address space the binary may use on a hostile file: far above what the article
/// needs (a few MiB), far below what an unchecked alias bomb takes (many GiB).
const MEMORY_LIMIT: u64 = 512 * 1024 * 1024;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `stance check FILE` under a memory limit, killed only if it hangs (an
/// expansion bomb that slipped through runs into the memory limit long before).
fn check_bounded(path: &Path, extra: &[&str]) -> Output {
    let out = Command::new("timeout")
        .args(["--signal=KILL", &HANG_LIMIT.as_secs().to_string()])
        .arg("prlimit")
        .arg(format!("--as={MEMORY_LIMIT}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_stance"))
        .arg("check")
        .arg(path)
        .args(extra)
        .output()
        .expect("timeout (coreutils) and prlimit (util-linux) run");
    assert!(
        out.status.code().is_some_and(|c| c < 128),
        "killed (memory limit, or hung) on {}: {:?}",
        path.display(),
        out.status
    );
    out
}

/// The common promise for a bad file: status 1, an error that names the file, no panic.
fn assert_rejected(out: &Output, path: &Path, says: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(
        err.contains(&path.display().to_string()),
        "the error names the file: {err}"
    );
    assert!(
        err.to_lowercase().contains(says),
        "expected {says:?} in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn an_anchor_aliased_thousands_of_times_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    // One node with a large text, then thousands of aliases to it: unchecked,
    // this expands to gigabytes of typed structs.
    let big = "算力".repeat(40_000);
    let mut src =
        String::from("schema: stance/1\nid: bomb\nlang: zh\ntitle: {zh: 炸弹, en: bomb}\nnodes:\n");
    src.push_str(&format!(
        "  - &n {{id: x, kind: claim, origin: editorial, text: {{zh: \"{big}\", en: x}}}}\n"
    ));
    for _ in 0..5_000 {
        src.push_str("  - *n\n");
    }
    assert!(src.len() > 200_000, "the bomb is a few hundred KB");
    let path = write(dir.path(), "bomb.yaml", &src);
    let out = check_bounded(&path, &[]);
    assert_rejected(&out, &path, "alias");
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut src =
        String::from("schema: stance/1\nid: lol\nlang: zh\nsource:\n  notes: &a0 \"lol\"\n");
    src.push_str("sections:\n  - id: s1\n    title: {zh: a, en: a}\n    paragraphs:\n");
    // Each level is a list of ten aliases to the one before: 10^9 strings in the end.
    src.push_str(
        "      - id: p\n        zh: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n",
    );
    for level in 2..=9 {
        let prev = level - 1;
        let items = vec![format!("*a{prev}"); 10].join(", ");
        src.push_str(&format!(
            "      - id: p{level}\n        zh: &a{level} [{items}]\n"
        ));
    }
    let path = write(dir.path(), "laughs.yaml", &src);
    let out = check_bounded(&path, &[]);
    assert_rejected(&out, &path, "error");
}

#[test]
fn very_deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let flow = format!("schema: stance/1\nnodes: {}\n", "[".repeat(100_000));
    let path = write(dir.path(), "deep-flow.yaml", flow);
    assert_rejected(&check_bounded(&path, &[]), &path, "error");

    let mut block = String::from("schema: stance/1\nnodes:\n");
    for depth in 0..5_000 {
        block.push_str(&" ".repeat(depth * 2));
        block.push_str("-\n");
    }
    let path = write(dir.path(), "deep-block.yaml", block);
    assert_rejected(&check_bounded(&path, &[]), &path, "error");

    let json = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let path = write(dir.path(), "deep.json", json);
    assert_rejected(&check_bounded(&path, &[]), &path, "json");
}

#[test]
fn a_file_over_the_size_limit_is_refused_and_the_flag_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    // A valid document with a text field of over a megabyte.
    let note = "长".repeat(700_000);
    let src = MINIMAL.replace(
        "    kind: rebuttal\n",
        &format!("    kind: rebuttal\n    note: \"{note}\"\n"),
    );
    let path = write(dir.path(), "large.yaml", &src);
    let err = assert_rejected(&check_bounded(&path, &["--max-size", "1"]), &path, "limit");
    assert!(err.contains("--max-size"), "the hint names the flag: {err}");

    let out = check_bounded(&path, &["--max-size", "4"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn binary_bytes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let path = write(dir.path(), "noise.bin", bytes);
    assert_rejected(&check_bounded(&path, &[]), &path, "binary");
}

#[test]
fn text_that_is_not_utf8_is_refused_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"schema: stance/1\ntitle: {zh: \"".to_vec();
    bytes.extend_from_slice(&[0xb5, 0xda, 0xd2, 0xbb]); // GBK, not UTF-8
    bytes.extend_from_slice(b"\"}\n");
    let path = write(dir.path(), "gbk.yaml", bytes);
    let err = assert_rejected(&check_bounded(&path, &[]), &path, "utf-8");
    assert!(
        err.contains("gbk.yaml:2:14"),
        "line and column of the bad byte: {err}"
    );
}

#[test]
fn empty_and_blank_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("empty.yaml", ""), ("blank.yaml", " \n\t\n  \n")] {
        let path = write(dir.path(), name, text);
        assert_rejected(&check_bounded(&path, &[]), &path, "empty");
    }
}

#[test]
fn a_directory_and_a_missing_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_rejected(&check_bounded(dir.path(), &[]), dir.path(), "directory");
    let missing = dir.path().join("nowhere.yaml");
    assert_rejected(&check_bounded(&missing, &[]), &missing, "no such file");
}

#[test]
fn escape_sequences_in_a_title_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let src = MINIMAL.replace(
        "title: {zh: 小文章, en: A small article}",
        "title: {zh: \"小\\e]0;x\\a文章\\e[2J\", en: \"A \\x9b31m small \\u202E article\"}",
    );
    let path = write(dir.path(), "escapes.yaml", &src);
    let p = path.to_str().unwrap();
    for args in [
        vec!["check", p],
        vec!["print", p],
        vec!["print", p, "--lang", "en"],
        vec!["graph", p],
    ] {
        let out = stance(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
                "{args:?} printed a raw control: {text:?}"
            );
        }
    }
    let printed = stdout(&stance(&["print", p]));
    assert!(
        printed.contains("小␛]0;x␇文章␛[2J"),
        "made visible: {printed}"
    );
    assert!(printed.contains("<U+202E>"));
}

#[test]
fn hostile_text_quoted_in_an_error_is_made_harmless() {
    let dir = tempfile::tempdir().unwrap();
    // A kind with an escape sequence (reported by stance), and a raw ESC byte
    // in the file (reported by the YAML parser, with the line quoted).
    let src = MINIMAL.replace("kind: claim", "kind: \"\\e[31mclaim\\e]0;pwned\\a\"");
    let path = write(dir.path(), "kind.yaml", &src);
    let out = check_bounded(&path, &[]);
    let err = assert_rejected(&out, &path, "unknown kind");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");

    let raw = MINIMAL.replace("A small article", "A \u{1b}[2J small article");
    let path = write(dir.path(), "raw-esc.yaml", &raw);
    let out = check_bounded(&path, &[]);
    let err = assert_rejected(&out, &path, "error");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn a_watched_file_changed_without_changing_its_size_or_time_is_seen() {
    use stance::model::LoadOptions;
    use stance::model::load::Watched;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.yaml");
    std::fs::write(&path, MINIMAL).unwrap();
    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut watched = Watched::new(&path, LoadOptions::default());
    assert!(!watched.changed(), "nothing changed yet");
    // The same number of bytes, and the modification time set back.
    let edited = MINIMAL.replace("kind: claim", "kind: clam!");
    assert_eq!(edited.len(), MINIMAL.len());
    std::fs::write(&path, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(time)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), time);
    assert!(watched.changed(), "the content changed");
    assert!(!watched.changed(), "and then stayed the same");
}
