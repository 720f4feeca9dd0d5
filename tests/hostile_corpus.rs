//! Every file of the hostile corpus (`tests/hostile/`) through every command that
//! reads its kind of input, run as the real binary under a memory limit and a
//! clock: the expected exit status, an error that names the file (and the line and
//! column where the input has them), no panic, nothing raw from the file on the
//! terminal, and a marks file left byte for byte as it was.
//!
//! The table below says what each file must do; a test checks that every file in
//! the corpus has a row, so a new file cannot be added without saying what it means.
//! Cases that are generated when the tests run (a directory, a missing file, a file
//! over the size limit, a FIFO, an unreadable file, hostile file names) follow it.
//!
//! Every case guards a protection: removing one makes its case fail.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

/// Address space the binary may use: far above what any of these needs (a few
/// MiB), far below what an unchecked alias bomb or unbounded read takes.
const MEMORY_LIMIT: u64 = 512 * 1024 * 1024;
/// When a run is killed as hung. Slowness is never a failure here (a busy
/// machine is slow); blow-ups are caught by the memory limit and by the tests that
/// time a shape against a reference run of the same size.
const HANG_LIMIT: Duration = common::HANG_LIMIT;
/// The largest file stance reads by default (`--max-size`, in MiB).
const DEFAULT_MAX_MIB: u64 = 64;

/// What kind of input a corpus file is, which decides the commands run on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A document (YAML or JSON): `check`, `print`, `graph`, `brief`.
    Content,
    /// A marks file for `tiny-example`: `export`, `marks`, `analyze`, `brief --marks`, `merge`.
    Marks,
    /// A merged class file (`stance.class/1`): `brief --class`.
    Class,
}

impl Kind {
    fn dir(self) -> &'static str {
        match self {
            Kind::Content => "content",
            Kind::Marks => "marks",
            Kind::Class => "class",
        }
    }
}

/// Where an error must point.
#[derive(Debug, Clone, Copy)]
enum Where {
    /// At the file as a whole: `name: error: …`.
    File,
    /// At some line and column: `name:L:C: error: …` (where the library decides).
    Somewhere,
    /// At the spot marked `‸` in the `n`th (1-based) occurrence of this text in the file.
    At(&'static str, usize),
    /// On the line of that spot (the YAML parser reports some errors at the
    /// start of the scalar that holds the bad character, not at the character).
    Line(&'static str, usize),
}

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Loads: exit status 0, and each of these appears in some command's output.
    Ok(&'static [&'static str]),
    /// Refused: exit status 1, and stderr says one of the `|`-separated phrases (any case).
    Refused(&'static str, Where),
}

#[derive(Debug, Clone, Copy)]
struct Case {
    kind: Kind,
    file: &'static str,
    expect: Expect,
}

const fn ok(kind: Kind, file: &'static str, shows: &'static [&'static str]) -> Case {
    Case {
        kind,
        file,
        expect: Expect::Ok(shows),
    }
}

const fn bad(kind: Kind, file: &'static str, says: &'static str, at: Where) -> Case {
    Case {
        kind,
        file,
        expect: Expect::Refused(says, at),
    }
}

use Kind::{Class, Content, Marks};
use Where::{At, File, Line, Somewhere};

/// Text every escape-laden file puts around its escapes, to show the text survives.
const ESCAPED_SHOWS: &[&str] = &[
    "TITLE-START",
    "TITLE-END",
    "PARA-START",
    "PARA-END",
    "NODE-START",
];

#[rustfmt::skip]
const CASES: &[Case] = &[
    // ---- content: refused ----
    bad(Content, "empty.yaml", "empty", File),
    bad(Content, "whitespace.yaml", "empty", File),
    bad(Content, "bom-only.yaml", "empty", File),
    bad(Content, "invalid-utf8.yaml", "utf-8", At("title: {zh: 小‸", 1)),
    bad(Content, "invalid-utf8-cut.json", "utf-8", At("    \"zh\": \"‸", 1)),
    bad(Content, "binary.bin", "binary", Somewhere),
    bad(Content, "utf16.yaml", "binary", Somewhere),
    bad(Content, "nul-in-text.yaml", "binary", At("The market ‸\0", 1)),
    bad(Content, "alias-bomb.yaml", "alias", Somewhere),
    bad(Content, "billion-laughs.yaml", "alias", Somewhere),
    bad(Content, "billion-laughs-text.yaml", "expected text|alias", Somewhere),
    bad(Content, "deep-flow.yaml", "nest|recursion", Somewhere),
    bad(Content, "deep-flow-map.yaml", "nest|recursion", Somewhere),
    bad(Content, "deep-block.yaml", "nest|recursion", Somewhere),
    bad(Content, "deep-block-map.yaml", "nest|recursion", Somewhere),
    bad(Content, "deep.json", "nest|recursion", Somewhere),
    bad(Content, "deep-object.json", "nest|recursion", Somewhere),
    bad(Content, "duplicate-ids.yaml", "duplicate id `e-idle`", At("  - id: ‸e-idle", 2)),
    bad(Content, "duplicate-section-paragraph-ids.yaml", "duplicate id `s0`", At("      - id: ‸s0\n", 1)),
    bad(Content, "duplicate-key.yaml", "duplicate", At("    kind: claim\n    ‸kind: evidence", 1)),
    bad(Content, "duplicate-key.json", "duplicate", At("  ‸\"id\": \"other\"", 1)),
    bad(Content, "self-support.yaml", "`e-idle` supports itself", At("supports: [c-main, ‸e-idle]", 1)),
    bad(Content, "self-relations.yaml", "`c-main` rebuts itself", At("{from: c-main, to: ‸c-main", 1)),
    bad(Content, "relation-to-nowhere.yaml", "no node has that id", At("to: ‸c-nowhere", 1)),
    bad(Content, "relation-to-nowhere.json", "no node has that id", At("\"to\": ‸\"c-gone\"", 1)),
    bad(Content, "paragraph-to-nowhere.yaml", "no paragraph has the id", At("paragraphs: [‸s9p9]", 1)),
    bad(Content, "thesis-to-nowhere.yaml", "no node has that id", At("thesis: ‸c-absent", 1)),
    bad(Content, "support-cycle.yaml", "cycle", At("  - ‸id: c-main", 1)),
    bad(Content, "undercut-nothing.yaml", "supports nothing", At("to: ‸c-main, kind: undercuts", 1)),
    bad(Content, "quote-not-verbatim.yaml", "not found verbatim", At("quote: ‸\"出租率普遍 20% - 30%\"", 1)),
    bad(Content, "escapes-in-ids.yaml", "control characters", At("  - id: ‸\"r-", 1)),
    bad(Content, "escapes-in-ids.json", "control characters", At("\"id\": ‸\"r-\\u001b", 1)),
    bad(Content, "unknown-kind-escape.yaml", "unknown kind", At("kind: ‸\"\\e[31m", 1)),
    bad(Content, "raw-esc.yaml", "unexpected character", At("\"A ‸\u{1b}[2J", 1)),
    bad(Content, "raw-c1.yaml", "unexpected character", Line("资源‸\u{9b}", 1)),
    bad(Content, "raw-del.yaml", "unexpected character", Line("Reasoning‸\u{7f}", 1)),
    bad(Content, "multi-document.yaml", "several yaml documents", At("‸---", 1)),
    bad(Content, "unknown-field.yaml", "unknown field `bassis`", At("    ‸bassis", 1)),
    bad(Content, "not-a-mapping.yaml", "mapping", At("‸- schema", 1)),
    bad(Content, "scalar.yaml", "mapping", At("‸stance/1", 1)),
    bad(Content, "missing-everything.yaml", "missing `schema`", At("‸{}", 1)),
    bad(Content, "wrong-types.yaml", "expected a list", At("paragraphs: ‸7", 1)),
    bad(Content, "truncated.json", "invalid json", Somewhere),
    bad(Content, "trailing-garbage.json", "more text after the end", At("\n‸}}\n", 1)),
    bad(Content, "json-comment.json", "invalid json", At("  ‸// a comment", 1)),
    bad(Content, "bad-binary-tag.yaml", "binary", Somewhere),
    bad(Content, "long-line-error.yaml", "error", Somewhere),
    // ---- content: valid but awkward ----
    ok(Content, "ok.yaml", &["小文章", "市场说了算"]),
    ok(Content, "ok.json", &["小文章", "市场说了算"]),
    ok(Content, "bom.yaml", &["小文章"]),
    ok(Content, "bom.json", &["小文章"]),
    ok(Content, "crlf.yaml", &["小文章", "Anything a reader should know"]),
    ok(Content, "crlf.json", &["小文章"]),
    ok(Content, "bom-crlf.yaml", &["小文章"]),
    ok(Content, "tabs.yaml", &["A small article", "Reasoning only; no outside facts."]),
    ok(Content, "tabs.json", &["小文章"]),
    ok(Content, "chinese-ids.yaml", &["主张-市场", "证据-闲置", "反驳-时机", "开篇段一"]),
    ok(Content, "anchors-few.yaml", &["小文章"]),
    ok(Content, "warnings-only.yaml", &["小文章"]),
    ok(Content, "raw-bidi.yaml", &["<U+202E>", "<U+2066>"]),
    ok(Content, "escapes-everywhere.yaml", ESCAPED_SHOWS),
    ok(Content, "escapes-everywhere.json", ESCAPED_SHOWS),
    // ---- content: imports whose shape once cost more than the file ----
    ok(Content, "aif-product.json", &["premise 0", "conclusion 119"]),
    ok(Content, "quotes-long-paragraph.yaml", &["w199"]),
    ok(Content, "quotes-nested.yaml", &["aaaaaaaaaa"]),
    ok(Content, "lookalike-ids.yaml", &["LOOKALIKE-ZWSP", "LOOKALIKE-CYRILLIC"]),
    ok(Content, "raw-c1.json", &["小<U+0085>文章<U+009B>[31m"]),
    ok(Content, "kialo-link-loop.txt", &["A reason.", "An answer to a link that leads nowhere."]),
    // ---- marks: refused ----
    bad(Marks, "empty.json", "empty", File),
    bad(Marks, "whitespace.json", "empty", File),
    // The file's first note begins with \xd2\xbb (valid: U+04BB), then \xb8\xf6 (not).
    bad(Marks, "invalid-utf8.json", "utf-8", At("\"note\": \"һ‸", 1)),
    bad(Marks, "binary.json", "binary", Somewhere),
    bad(Marks, "utf16.json", "binary", Somewhere),
    bad(Marks, "nul-raw.json", "binary", At("only ‸\0", 1)),
    bad(Marks, "raw-control.json", "control character", At("only ‸\u{1b}", 1)),
    bad(Marks, "yaml.json", "not valid json", At("‸schema", 1)),
    bad(Marks, "alias-bomb.yaml", "not valid json", At("‸schema", 1)),
    bad(Marks, "truncated.json", "not valid json", Somewhere),
    bad(Marks, "trailing-garbage.json", "more text after the end", At("}\n‸{}", 1)),
    bad(Marks, "deep.json", "nests more deeply", Somewhere),
    bad(Marks, "deep-object.json", "nests more deeply", Somewhere),
    bad(Marks, "wrong-schema.json", "not a marks file", File),
    bad(Marks, "no-schema.json", "not a marks file", File),
    bad(Marks, "schema-escapes.json", "not a marks file", File),
    bad(Marks, "array.json", "not a marks file", File),
    bad(Marks, "string.json", "not a marks file", File),
    bad(Marks, "other-document.json", "another document|one document's marks at a time", File),
    bad(Marks, "other-document-escapes.json", "another document|one document's marks at a time", File),
    // Where the file has the wrong thing, serde's reading of the text places it.
    bad(Marks, "incomplete.json", "incomplete", Somewhere),
    bad(Marks, "no-marks.json", "incomplete", Somewhere),
    bad(Marks, "marks-not-a-list.json", "incomplete", Somewhere),
    bad(Marks, "wrong-stance.json", "unknown variant `love`", Line("\"love‸\"", 1)),
    bad(Marks, "wrong-stance-escapes.json", "unknown variant", Somewhere),
    bad(Marks, "wrong-type.json", "incomplete", Line("\"node\": 4‸2", 1)),
    // ---- marks: a reader's own nodes (stance.marks/2) ----
    bad(Marks, "additions-unknown-kind.json", "unknown variant `opinion`", Line("\"opinion‸\"", 1)),
    bad(Marks, "additions-relation-to-nothing.json", "points at nothing", Somewhere),
    bad(Marks, "additions-bad-type.json", "invalid type", Line("[‸\"not\"", 1)),
    bad(Marks, "additions-duplicate-id.json", "two additions have the id", Line("\"r0a0b0c0d.1\"‸,\n      \"kind\"", 2)),
    // ---- marks: valid but awkward ----
    ok(Marks, "ok.json", &["一个成功不证明政策全错", "c-gone-from-the-article"]),
    ok(Marks, "crlf.json", &["一个成功不证明政策全错"]),
    ok(Marks, "tabs.json", &["一个成功不证明政策全错"]),
    ok(Marks, "compact.json", &["一个成功不证明政策全错"]),
    ok(Marks, "chinese.json", &["小明", "已删除的论点", "孤立的标记"]),
    ok(Marks, "nul-escaped.json", &["x␀y"]),
    ok(Marks, "escapes-in-text.json", &["R-START", "R-END", "NOTE-START", "NOTE-END"]),
    ok(Marks, "orphans-only.json", &["gone-4"]),
    ok(Marks, "no-marks-yet.json", &[]),
    ok(Marks, "duplicate-marks.json", &["c-main"]),
    ok(Marks, "no-reader.json", &["一个成功不证明政策全错"]),
    ok(Marks, "unknown-fields.json", &["一个成功不证明政策全错"]),
    ok(Marks, "duplicate-keys.json", &["ana-again"]),
    ok(Marks, "bom.json", &["一个成功不证明政策全错"]),
    ok(Marks, "escapes-in-timestamps.json", &["stamps"]),
    ok(Marks, "additions-ok.json", &["一家公司不是一项政策", "Idle rooms are common"]),
    ok(Marks, "additions-escapes.json", &["ADD-START", "ADD-END"]),
    // ---- class files: refused ----
    bad(Class, "empty.json", "not a class file", Somewhere),
    bad(Class, "binary.json", "binary", Somewhere),
    bad(Class, "yaml.json", "not a class file", At("‸schema", 1)),
    bad(Class, "wrong-schema.json", "expected schema", File),
    bad(Class, "schema-escapes.json", "expected schema", File),
    bad(Class, "marks-file.json", "not a class file", Somewhere),
    bad(Class, "negative-count.json", "not a class file", Line("\"agree\": ‸-1", 1)),
    bad(Class, "fractional-count.json", "not a class file", Somewhere),
    bad(Class, "deep.json", "not a class file", Somewhere),
    bad(Class, "invalid-utf8.json", "utf-8", At("\"note\": \"‸", 1)),
    bad(Class, "other-document.json", "another-article", File),
    // ---- class files: valid ----
    ok(Class, "ok.json", &["Class: 2 agree, 0 dispute"]),
    ok(Class, "crlf.json", &["Class: 2 agree, 0 dispute"]),
    ok(Class, "escapes.json", &["Class: 2 agree, 0 dispute"]),
    bad(Class, "huge-counts.json", "more votes than", File),
    ok(Class, "bom.json", &["Class: 2 agree, 0 dispute"]),
];

/// The corpus directory.
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// What one run of the binary gave.
struct Run {
    args: Vec<OsString>,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    took: Duration,
}

impl Run {
    /// Standard error as text, clipped so that a failure message stays readable.
    fn err(&self) -> String {
        let text = String::from_utf8_lossy(&self.stderr);
        match text.char_indices().nth(4_000) {
            Some((at, _)) => format!("{}… ({} bytes in all)", &text[..at], text.len()),
            None => text.into_owned(),
        }
    }

    /// Standard error as text, whole.
    fn full_err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    fn shown(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| format!("{:?}", a.to_string_lossy()))
            .collect();
        format!("stance {}", args.join(" "))
    }
}

/// Runs `stance ARGS` in `dir` under a memory limit, killed only if it hangs.
fn stance_in(dir: &Path, args: &[OsString]) -> Run {
    let kill_after = HANG_LIMIT.as_secs().to_string();
    let started = Instant::now();
    let out = Command::new("timeout")
        .args(["--signal=KILL", &kill_after])
        .arg("prlimit")
        .arg(format!("--as={MEMORY_LIMIT}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .current_dir(dir)
        .env_remove("XDG_DATA_HOME")
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        // Commands speak LANG's language; the expectations here are English.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("timeout (coreutils) and prlimit (util-linux) run");
    Run {
        args: args.to_vec(),
        code: out.status.code(),
        stdout: out.stdout,
        stderr: out.stderr,
        took: started.elapsed(),
    }
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// Wording of the YAML and JSON libraries, meant for programmers, that must
/// not reach a reader: stance says what is wrong in its own words.
const LIBRARY_WORDS: &[&str] = &[
    "DuplicateKeyPolicy",
    "in Options",
    "EOF while parsing",
    "string scalar",
    "double-quoted scalar",
    "!!binary scalar",
    "replay limit",
    "total_replayed_events",
    "\\u{",
    "recursion limit exceeded",
    "sequence start",
    "mapping start",
];

/// The first character that must not reach a terminal raw, if any: C0 controls
/// other than newline and tab, DEL, C1 controls, and bidirectional controls.
fn raw_control(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        let u = c as u32;
        (u < 0x20 && c != '\n' && c != '\t')
            || (0x7f..=0x9f).contains(&u)
            || matches!(u, 0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069)
    })
}

/// The promises every run keeps, whatever the input: not killed (by the memory
/// limit or as hung), no panic, UTF-8 output with nothing raw in it, and no
/// absurdly long line.
fn check_run(run: &Run, problems: &mut Vec<String>) {
    let who = run.shown();
    match run.code {
        None | Some(128..) => problems.push(format!(
            "{who}: killed by a signal (memory or time limit), status {:?}, stderr: {}",
            run.code,
            run.err()
        )),
        Some(101) => problems.push(format!("{who}: exit status 101 (a panic?)")),
        _ => {}
    }
    for (stream, bytes) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{who}: {stream} is not UTF-8: {e}"));
                continue;
            }
        };
        if text.contains("panicked") || text.contains("RUST_BACKTRACE") {
            problems.push(format!("{who}: {stream} shows a panic: {text}"));
        }
        if let Some(words) = LIBRARY_WORDS.iter().find(|w| text.contains(*w)) {
            problems.push(format!(
                "{who}: {stream} speaks the parser's language ({words:?}): {}",
                run.err()
            ));
        }
        if let Some((at, c)) = raw_control(text) {
            let from = text.floor_char_boundary(at.saturating_sub(40));
            let to = text.ceil_char_boundary((at + 40).min(text.len()));
            problems.push(format!(
                "{who}: {stream} has a raw U+{:04X} at byte {at}: {:?}",
                c as u32,
                &text[from..to]
            ));
        }
        if let Some(line) = text.lines().find(|l| l.chars().count() > 2_000) {
            problems.push(format!(
                "{who}: {stream} has a line of {} characters",
                line.chars().count()
            ));
        }
    }
}

/// Line and column (1-based, column in characters) of the `‸` in `needle` at its `nth` occurrence.
fn spot(bytes: &[u8], needle: &str, nth: usize) -> Option<(usize, usize)> {
    let (before, after) = needle.split_once('‸')?;
    let whole = format!("{before}{after}");
    let whole = whole.as_bytes();
    let start = (0..=bytes.len().saturating_sub(whole.len()))
        .filter(|&i| bytes[i..].starts_with(whole))
        .nth(nth.checked_sub(1)?)?;
    let prefix = &bytes[..start + before.len()];
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    Some((line, column))
}

/// Whether `err` holds `name:<digits>:<digits>: error`.
fn has_position(err: &str, name: &str) -> bool {
    err.match_indices(&format!("{name}:")).any(|(i, m)| {
        let rest = &err[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let (Some(l), Some(c), Some(tail)) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        !l.is_empty()
            && !c.is_empty()
            && l.bytes().all(|b| b.is_ascii_digit())
            && c.bytes().all(|b| b.is_ascii_digit())
            && tail.starts_with(" error")
    })
}

/// Checks a run against what the case expects of it.
fn check_expectation(case: &Case, name: &str, bytes: &[u8], run: &Run, problems: &mut Vec<String>) {
    let who = format!("{}/{} — {}", case.kind.dir(), case.file, run.shown());
    // `full` is checked; `err` (clipped) is shown.
    let (full, err) = (run.full_err(), run.err());
    match case.expect {
        Expect::Ok(_) => {
            if run.code != Some(0) {
                problems.push(format!(
                    "{who}: expected exit status 0, got {:?}; stderr:\n{err}",
                    run.code
                ));
            }
        }
        Expect::Refused(says, at) => {
            if run.code != Some(1) {
                problems.push(format!(
                    "{who}: expected exit status 1, got {:?}; stderr:\n{err}",
                    run.code
                ));
            }
            if !full.contains(name) {
                problems.push(format!("{who}: the error does not name the file: {err}"));
            }
            let lower = full.to_lowercase();
            if !says.split('|').any(|s| lower.contains(&s.to_lowercase())) {
                problems.push(format!("{who}: expected {says:?} in: {err}"));
            }
            match at {
                Where::File => {
                    if !full.contains(&format!("{name}: ")) {
                        problems.push(format!("{who}: expected `{name}: ` in: {err}"));
                    }
                }
                Where::Somewhere => {
                    if !has_position(&full, name) {
                        problems.push(format!(
                            "{who}: expected `{name}:LINE:COLUMN: error` in: {err}"
                        ));
                    }
                }
                Where::At(needle, nth) | Where::Line(needle, nth) => {
                    match spot(bytes, needle, nth) {
                        None => problems.push(format!(
                            "{who}: the table's needle {needle:?} is not in the file"
                        )),
                        Some((l, c)) => {
                            let want = match at {
                                Where::At(..) => format!("{name}:{l}:{c}: error"),
                                _ => format!("{name}:{l}:"),
                            };
                            if !full.contains(&want) {
                                problems.push(format!("{who}: expected `{want}` in: {err}"));
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every file of a directory, by name, with its bytes and kind of file.
fn listing(dir: &Path) -> Vec<(OsString, Vec<u8>)> {
    let mut entries: Vec<(OsString, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.file_type().unwrap().is_file() {
                fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.file_name(), bytes)
        })
        .collect();
    entries.sort();
    entries
}

/// After a command on marks file `name`, the directory must hold what it held
/// (the file byte for byte), plus at most the lock file beside it.
fn check_untouched(
    dir: &Path,
    before: &[(OsString, Vec<u8>)],
    name: &OsStr,
    who: &str,
    problems: &mut Vec<String>,
) {
    let mut lock = name.to_os_string();
    lock.push(".lock");
    let after: Vec<(OsString, Vec<u8>)> = listing(dir)
        .into_iter()
        .filter(|(n, _)| *n != lock)
        .collect();
    let before: Vec<&(OsString, Vec<u8>)> = before.iter().filter(|(n, _)| *n != lock).collect();
    if after.len() != before.len() || after.iter().zip(&before).any(|(a, b)| a != *b) {
        let names = |v: Vec<&OsString>| format!("{v:?}");
        problems.push(format!(
            "{who}: the files changed: before {}, after {}{}",
            names(before.iter().map(|(n, _)| n).collect()),
            names(after.iter().map(|(n, _)| n).collect()),
            if after
                .iter()
                .any(|(n, b)| n == name && before.iter().any(|(m, c)| m == name && c != b))
            {
                " (the marks file was rewritten)"
            } else {
                ""
            }
        ));
    }
}

/// The document the marks and class files of the corpus are for (`tiny-example`,
/// the README's example), copied beside them as `doc.yaml`; a small document
/// keeps the hundreds of runs quick in a debug build.
const DOC: &str = "doc.yaml";
/// A second, valid marks file for `merge`.
const PEER: &str = "peer.json";

/// Puts the document and a valid marks file ([`PEER`]) in `dir`.
fn setup(dir: &Path) {
    fs::copy(corpus().join("content/ok.yaml"), dir.join(DOC)).unwrap();
    fs::write(dir.join(PEER), good_marks()).unwrap();
}

/// The commands run on a file of `kind` called `name` (in the current directory).
/// A refused file goes through each reading path once; a loaded one through
/// every output too, since each prints its text differently.
fn commands(kind: Kind, name: &OsStr, refused: bool) -> Vec<Vec<OsString>> {
    let with = |args: &[&str]| -> Vec<OsString> {
        args.iter()
            .map(|a| {
                if *a == "FILE" {
                    name.to_os_string()
                } else {
                    OsString::from(a)
                }
            })
            .collect()
    };
    let (always, when_loaded): (&[&[&str]], &[&[&str]]) = match kind {
        Kind::Content => (
            &[
                &["check", "FILE"],
                &["print", "FILE"],
                &["graph", "FILE"],
                &["brief", "FILE", "--side", "for"],
            ],
            &[
                &["brief", "FILE", "--side", "for"],
                &["brief", "FILE", "--side", "against"],
            ],
        ),
        Kind::Marks => (
            &[
                &["export", DOC, "--marks", "FILE"],
                &["marks", DOC, "--marks", "FILE"],
                &["analyze", DOC, "--marks", "FILE"],
                &["brief", DOC, "--marks", "FILE", "--side", "for"],
                &["merge", PEER, "FILE"],
            ],
            &[
                &["export", DOC, "--marks", "FILE", "--format", "markdown"],
                &["export", DOC, "--marks", "FILE", "--format", "w3c"],
                &["marks", DOC, "--marks", "FILE", "--orphans"],
                &["analyze", DOC, "--marks", "FILE", "--format", "json"],
                &["brief", DOC, "--marks", "FILE", "--side", "against"],
                &["merge", PEER, "FILE", "--format", "table"],
                &["merge", PEER, "FILE", "--format", "markdown"],
            ],
        ),
        Kind::Class => (&[&["brief", DOC, "--class", "FILE", "--side", "for"]], &[]),
    };
    let extra: &[&[&str]] = if refused { &[] } else { when_loaded };
    always.iter().chain(extra).map(|a| with(a)).collect()
}

/// Runs one corpus case: copies the file (and for marks, a valid second file for
/// `merge`) into a fresh directory and runs every command of its kind there.
fn run_case(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let source = corpus().join(case.kind.dir()).join(case.file);
    let bytes = match fs::read(&source) {
        Ok(b) => b,
        Err(e) => {
            return vec![format!(
                "{}: cannot read the corpus file: {e}",
                source.display()
            )];
        }
    };
    let dir = tempfile::tempdir().unwrap();
    if case.kind != Kind::Content {
        setup(dir.path());
    }
    let name = OsString::from(case.file);
    fs::write(dir.path().join(&name), &bytes).unwrap();
    let before = listing(dir.path());
    let mut outputs = String::new();
    let refused = matches!(case.expect, Expect::Refused(..));
    for args in commands(case.kind, &name, refused) {
        let run = stance_in(dir.path(), &args);
        let who = format!("{}/{} — {}", case.kind.dir(), case.file, run.shown());
        let mut found = Vec::new();
        check_run(&run, &mut found);
        check_expectation(case, case.file, &bytes, &run, &mut found);
        if case.kind == Kind::Marks {
            check_untouched(dir.path(), &before, &name, &who, &mut found);
        }
        problems.extend(
            found
                .into_iter()
                .map(|p| format!("{}/{}: {p}", case.kind.dir(), case.file)),
        );
        outputs.push_str(&run.out());
    }
    if let Expect::Ok(shows) = case.expect {
        for s in shows {
            if !outputs.contains(s) {
                problems.push(format!(
                    "{}/{}: expected {s:?} in the output of some command",
                    case.kind.dir(),
                    case.file
                ));
            }
        }
        // What `stance graph` writes loads back.
        if case.kind == Kind::Content {
            let graph = stance_in(
                dir.path(),
                &[os(&["graph"]), vec![name.clone()], os(&["-o", "dump.json"])].concat(),
            );
            let again = stance_in(dir.path(), &os(&["check", "dump.json"]));
            if graph.code != Some(0) || again.code != Some(0) {
                problems.push(format!(
                    "content/{}: the graph dump does not check: {}{}",
                    case.file,
                    graph.err(),
                    again.err()
                ));
            }
        }
    }
    problems
}

/// Runs `cases` on a few threads (each case in its own directory) and fails with
/// every problem found, each naming its case.
fn run_cases(cases: &[&Case]) {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let problems = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let found = run_case(case);
                    problems.lock().unwrap().extend(found);
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    assert!(
        problems.is_empty(),
        "{} problem(s) in the hostile corpus:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

fn cases_of(kind: Kind) -> Vec<&'static Case> {
    CASES.iter().filter(|c| c.kind == kind).collect()
}

#[test]
fn every_corpus_file_has_a_row_and_every_row_a_file() {
    let mut missing = Vec::new();
    for kind in [Kind::Content, Kind::Marks, Kind::Class] {
        for entry in fs::read_dir(corpus().join(kind.dir())).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !CASES.iter().any(|c| c.kind == kind && c.file == name) {
                missing.push(format!("{}/{name} has no row in CASES", kind.dir()));
            }
        }
    }
    for c in CASES {
        if !corpus().join(c.kind.dir()).join(c.file).is_file() {
            missing.push(format!(
                "{}/{} is in CASES but not in tests/hostile",
                c.kind.dir(),
                c.file
            ));
        }
        if CASES
            .iter()
            .filter(|d| d.kind == c.kind && d.file == c.file)
            .count()
            > 1
        {
            missing.push(format!("{}/{} has two rows", c.kind.dir(), c.file));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_position_in_the_table_is_in_its_file() {
    // A needle that matches nothing would make a position check meaningless.
    for c in CASES {
        if let Expect::Refused(_, Where::At(needle, nth) | Where::Line(needle, nth)) = c.expect {
            let bytes = fs::read(corpus().join(c.kind.dir()).join(c.file)).unwrap();
            assert!(
                spot(&bytes, needle, nth).is_some(),
                "{}/{}: {needle:?} (occurrence {nth}) is not in the file",
                c.kind.dir(),
                c.file
            );
        }
    }
}

#[test]
fn content_corpus_through_check_print_graph_and_brief() {
    run_cases(&cases_of(Kind::Content));
}

#[test]
fn marks_corpus_through_export_marks_analyze_brief_and_merge() {
    run_cases(&cases_of(Kind::Marks));
}

#[test]
fn class_corpus_through_brief() {
    run_cases(&cases_of(Kind::Class));
}

#[test]
fn a_figure_with_escapes_in_every_field_prints_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let name = "escapes-everywhere.yaml";
    fs::copy(corpus().join("content").join(name), dir.path().join(name)).unwrap();
    let mut problems = Vec::new();
    for args in [
        os(&["figure", "fig", name]),
        os(&["figure", "fig", name, "--lang", "en"]),
        os(&["figure", "fig", name, "--width", "3"]),
    ] {
        let run = stance_in(dir.path(), &args);
        check_run(&run, &mut problems);
        assert_eq!(run.code, Some(0), "{}: {}", run.shown(), run.err());
        assert!(
            run.out().contains("FIG-NOTE"),
            "{}: {}",
            run.shown(),
            run.out()
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// Cases made when the tests run.
// ---------------------------------------------------------------------------

/// A valid marks file for the corpus's document (`doc.yaml`).
fn good_marks() -> Vec<u8> {
    fs::read(corpus().join("marks/ok.json")).unwrap()
}

/// Runs `args` and checks the general promises and, for a refusal, status 1,
/// the file named, and `says` (any of `|`-separated phrases) in stderr.
fn expect_refused(dir: &Path, args: &[OsString], name: &str, says: &str) -> Run {
    let run = stance_in(dir, args);
    let mut problems = Vec::new();
    check_run(&run, &mut problems);
    let (full, err) = (run.full_err(), run.err());
    if run.code != Some(1) {
        problems.push(format!("expected exit status 1, got {:?}", run.code));
    }
    if !full.contains(name) {
        problems.push(format!("the error does not name {name:?}"));
    }
    let lower = full.to_lowercase();
    if !says.split('|').any(|s| lower.contains(s)) {
        problems.push(format!("expected {says:?}"));
    }
    assert!(
        problems.is_empty(),
        "{}:\n{}\nstderr: {err}",
        run.shown(),
        problems.join("\n")
    );
    run
}

fn content_commands(path: &str) -> Vec<Vec<OsString>> {
    commands(Kind::Content, OsStr::new(path), false)
}

#[test]
fn a_directory_is_refused_by_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    setup(dir.path());
    for args in content_commands("folder.yaml") {
        expect_refused(dir.path(), &args, "folder.yaml", "directory");
    }
    expect_refused(
        dir.path(),
        &os(&["merge", "folder.yaml", PEER]),
        "folder.yaml",
        "directory",
    );
    expect_refused(
        dir.path(),
        &os(&["merge", PEER, "folder.yaml"]),
        "folder.yaml",
        "directory",
    );
    expect_refused(
        dir.path(),
        &os(&["brief", DOC, "--class", "folder.yaml", "--side", "for"]),
        "folder.yaml",
        "directory",
    );
    expect_refused(
        dir.path(),
        &os(&["brief", DOC, "--marks", "folder.yaml", "--side", "for"]),
        "folder.yaml",
        "directory",
    );
}

#[test]

fn marks_pointing_at_a_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    fs::create_dir(dir.path().join("marks.json")).unwrap();
    for args in [
        os(&["export", DOC, "--marks", "marks.json"]),
        os(&["marks", DOC, "--marks", "marks.json"]),
        os(&["analyze", DOC, "--marks", "marks.json"]),
    ] {
        expect_refused(dir.path(), &args, "marks.json", "directory");
    }
}

#[test]
fn a_missing_file_is_refused_and_missing_marks_are_not_created() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    for args in content_commands("nowhere.yaml") {
        expect_refused(dir.path(), &args, "nowhere.yaml", "no such file");
    }
    expect_refused(
        dir.path(),
        &os(&["merge", PEER, "nowhere.json"]),
        "nowhere.json",
        "no such file",
    );
    expect_refused(
        dir.path(),
        &os(&["brief", DOC, "--class", "nowhere.json", "--side", "for"]),
        "nowhere.json",
        "no such file",
    );
    expect_refused(
        dir.path(),
        &os(&["brief", DOC, "--marks", "nowhere.json", "--side", "for"]),
        "nowhere.json",
        "no such file",
    );
    // Marks that do not exist yet are empty, not an error; reading them creates no marks file.
    for args in [
        os(&["marks", DOC, "--marks", "new.json"]),
        os(&["export", DOC, "--marks", "new.json"]),
        os(&["analyze", DOC, "--marks", "new.json"]),
    ] {
        let run = stance_in(dir.path(), &args);
        let mut problems = Vec::new();
        check_run(&run, &mut problems);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert_eq!(run.code, Some(0), "{}: {}", run.shown(), run.err());
        assert!(
            !dir.path().join("new.json").exists(),
            "{} created the marks file",
            run.shown()
        );
    }
}

/// A valid document with a text field of `bytes` bytes.
fn large_document(bytes: usize) -> String {
    let ok = fs::read_to_string(corpus().join("content/ok.yaml")).unwrap();
    let note = "长".repeat(bytes / 3);
    ok.replace(
        "    note: Reasoning only; no outside facts.",
        &format!("    note: \"{note}\""),
    )
}

#[test]
fn a_file_over_the_size_limit_is_refused_by_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    // Content: a valid 2 MB document, refused at 1 MiB, read at 4.
    fs::write(
        dir.path().join("large.yaml"),
        large_document(2 * 1024 * 1024),
    )
    .unwrap();
    for mut args in content_commands("large.yaml") {
        args.extend(os(&["--max-size", "1"]));
        let run = expect_refused(dir.path(), &args, "large.yaml", "limit");
        assert!(
            run.full_err().contains("--max-size"),
            "the hint names the flag: {}",
            run.err()
        );
    }
    let run = stance_in(dir.path(), &os(&["check", "large.yaml", "--max-size", "4"]));
    assert_eq!(run.code, Some(0), "{}", run.err());

    // Marks and class files: past the default limit (a sparse file: no disk is used).
    let huge = dir.path().join("huge.json");
    fs::File::create(&huge)
        .unwrap()
        .set_len(DEFAULT_MAX_MIB * 1024 * 1024 + 1)
        .unwrap();
    setup(dir.path());
    let stamp = |p: &Path| {
        let m = fs::metadata(p).unwrap();
        (m.len(), m.modified().unwrap())
    };
    let before = stamp(&huge);
    for args in [
        os(&["export", DOC, "--marks", "huge.json"]),
        os(&["marks", DOC, "--marks", "huge.json"]),
        os(&["analyze", DOC, "--marks", "huge.json"]),
        os(&["brief", DOC, "--marks", "huge.json", "--side", "for"]),
        os(&["merge", "huge.json", PEER]),
        os(&["brief", DOC, "--class", "huge.json", "--side", "for"]),
    ] {
        expect_refused(dir.path(), &args, "huge.json", "limit");
        assert_eq!(stamp(&huge), before, "{args:?} changed the marks file");
    }
}

#[test]
fn a_large_text_field_loads() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    fs::write(dir.path().join("large.yaml"), large_document(1024 * 1024)).unwrap();
    let mut marks: serde_json::Value = serde_json::from_slice(&good_marks()).unwrap();
    marks["marks"][0]["note"] = serde_json::Value::from("长".repeat(350_000));
    fs::write(dir.path().join("large.json"), marks.to_string()).unwrap();
    let mut problems = Vec::new();
    for args in [
        os(&["check", "large.yaml"]),
        os(&["print", "large.yaml"]),
        os(&["marks", DOC, "--marks", "large.json"]),
        os(&[
            "export",
            DOC,
            "--marks",
            "large.json",
            "--format",
            "markdown",
        ]),
    ] {
        let run = stance_in(dir.path(), &args);
        let mut found = Vec::new();
        check_run(&run, &mut found);
        // A one-line note of a megabyte is printed on one line: that is the file's doing.
        found.retain(|p| !p.contains("has a line of"));
        problems.extend(found);
        if run.code != Some(0) {
            problems.push(format!(
                "{}: status {:?}: {}",
                run.shown(),
                run.code,
                run.err()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Feeds `bytes` (repeated `times` times) into the FIFO at `path` from a thread
/// while `f` runs, then makes sure the writer is released whatever stance did.
///
/// Opening a FIFO for writing blocks until a reader opens it; if stance never
/// opens it, opening it read-write here (which never blocks on Linux) releases
/// the writer, whose writes then fail once that end is closed.
fn with_fifo_writer<T>(
    path: &Path,
    bytes: &'static [u8],
    times: usize,
    f: impl FnOnce() -> T,
) -> (T, usize) {
    let p = path.to_path_buf();
    let writer = std::thread::spawn(move || {
        let mut sent = 0;
        if let Ok(mut w) = fs::OpenOptions::new().write(true).open(&p) {
            for _ in 0..times {
                if w.write_all(bytes).is_err() {
                    break;
                }
                sent += bytes.len();
            }
        }
        sent
    });
    let result = f();
    // The writer may not have reached its `open` yet (a loaded machine can
    // schedule it after `f` is done), and an `open` that comes after the
    // release below would wait forever. So release again until the writer has
    // ended: each read-write open lets a waiting writer through, and once it
    // is closed the writer's next write fails and it stops.
    while !writer.is_finished() {
        drop(fs::OpenOptions::new().read(true).write(true).open(path));
        std::thread::yield_now();
    }
    (result, writer.join().unwrap())
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    // Opening a FIFO with no writer waits for one, forever: `check` on one hung
    // (past SIGTERM). A FIFO, with a writer or without, is refused unopened.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    for args in content_commands("pipe.yaml") {
        let run = expect_refused(dir.path(), &args, "pipe.yaml", "not a regular file");
        assert!(run.full_err().contains("> article.yaml"), "{}", run.err());
    }
    // With a writer waiting: still refused, and the writer gets nothing read.
    static CHUNK: [u8; 64 * 1024] = [b'a'; 64 * 1024];
    let (_, sent) = with_fifo_writer(&fifo, &CHUNK, 1024, || {
        expect_refused(
            dir.path(),
            &os(&["check", "pipe.yaml"]),
            "pipe.yaml",
            "not a regular file",
        )
    });
    assert!(
        sent < 8 * 1024 * 1024,
        "stance read {sent} bytes from the FIFO"
    );
    // Marks from a FIFO: refused, and the FIFO is still a FIFO.
    let marks = dir.path().join("pipe.json");
    assert!(mkfifo(&marks));
    setup(dir.path());
    for args in [
        os(&["marks", DOC, "--marks", "pipe.json"]),
        os(&["merge", PEER, "pipe.json"]),
    ] {
        expect_refused(dir.path(), &args, "pipe.json", "not a regular file");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(&marks).unwrap().file_type().is_fifo());
    }
}

#[test]
fn check_watch_survives_its_file_becoming_a_fifo_and_back() {
    // Swapping a FIFO in for a watched file froze the watcher in `open`.
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.yaml");
    let ok = fs::read(corpus().join("content/ok.yaml")).unwrap();
    fs::write(&path, &ok).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["check", "--watch", "doc.yaml"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let next_verdict = || loop {
        let line = rx
            .recv_timeout(HANG_LIMIT)
            .expect("a verdict before the hang limit");
        if line.contains("doc.yaml:") {
            return line;
        }
    };
    assert!(next_verdict().contains(": ok"));
    fs::remove_file(&path).unwrap();
    assert!(mkfifo(&path));
    assert!(next_verdict().contains("cannot be read"));
    fs::remove_file(&path).unwrap();
    fs::write(&path, &ok).unwrap();
    assert!(
        next_verdict().contains(": ok"),
        "the watcher is still watching"
    );
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn a_file_that_cannot_be_read_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let doc = dir.path().join("secret.yaml");
    fs::copy(corpus().join("content/ok.yaml"), &doc).unwrap();
    let marks = dir.path().join("secret.json");
    fs::write(&marks, good_marks()).unwrap();
    for p in [&doc, &marks] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o000)).unwrap();
    }
    // As root (or with CAP_DAC_OVERRIDE) the permission does not stop reading.
    if fs::File::open(&doc).is_ok() {
        eprintln!("skipped: this user can read a file with mode 000 (root?)");
        return;
    }
    for args in content_commands("secret.yaml") {
        expect_refused(dir.path(), &args, "secret.yaml", "permission denied");
    }
    for args in [
        os(&["export", DOC, "--marks", "secret.json"]),
        os(&["marks", DOC, "--marks", "secret.json"]),
        os(&["merge", "secret.json", "secret.json"]),
    ] {
        expect_refused(dir.path(), &args, "secret.json", "permission denied");
    }
    fs::set_permissions(&marks, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(
        fs::read(&marks).unwrap(),
        good_marks(),
        "the marks file was changed"
    );
}

/// A file name that is itself an attack on the terminal.
const HOSTILE_NAME: &str = "evil-\u{1b}[2J\u{1b}]0;pwned\u{7}-\u{9b}31m-\u{202e}txt";

#[test]
fn a_hostile_file_name_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let good = format!("{HOSTILE_NAME}.yaml");
    let broken = format!("{HOSTILE_NAME}-broken.yaml");
    fs::copy(corpus().join("content/ok.yaml"), dir.path().join(&good)).unwrap();
    fs::copy(
        corpus().join("content/duplicate-ids.yaml"),
        dir.path().join(&broken),
    )
    .unwrap();
    let marks = format!("{HOSTILE_NAME}.json");
    fs::write(dir.path().join(&marks), good_marks()).unwrap();
    let mut problems = Vec::new();
    let mut runs = Vec::new();
    for name in [&good, &broken] {
        runs.extend(
            content_commands(name)
                .iter()
                .map(|a| stance_in(dir.path(), a)),
        );
    }
    setup(dir.path());
    for args in [
        vec![
            OsString::from("marks"),
            DOC.into(),
            "--marks".into(),
            marks.clone().into(),
        ],
        vec![
            OsString::from("analyze"),
            DOC.into(),
            "--marks".into(),
            marks.clone().into(),
        ],
        vec![
            "brief".into(),
            DOC.into(),
            "--class".into(),
            good.clone().into(),
            "--side".into(),
            "for".into(),
        ],
    ] {
        runs.push(stance_in(dir.path(), &args));
    }
    for run in &runs {
        check_run(run, &mut problems);
    }
    assert!(
        runs.iter().any(|r| r.err().contains("evil-␛[2J")),
        "the name is shown, made visible"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]

fn a_reader_named_by_a_hostile_file_name_is_shown_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let marks = format!("{HOSTILE_NAME}.json");
    // Without `reader`, merge names the reader after the file.
    fs::copy(
        corpus().join("marks/no-reader.json"),
        dir.path().join(&marks),
    )
    .unwrap();
    setup(dir.path());
    let mut problems = Vec::new();
    for format in ["json", "table", "markdown"] {
        let args = vec![
            OsString::from("merge"),
            marks.clone().into(),
            PEER.into(),
            "--format".into(),
            format.into(),
        ];
        let run = stance_in(dir.path(), &args);
        check_run(&run, &mut problems);
        assert_eq!(run.code, Some(0), "{}: {}", run.shown(), run.err());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]

fn many_errors_deep_in_a_file_are_reported_in_bounded_time() {
    // 600 KB: 200,000 comment lines, then 1,000 nodes that each point nowhere.
    let mut src = String::from(
        "schema: stance/1\nid: q\nlang: en\nthesis: c\ntitle: {zh: a, en: b}\n\
         sections: [{id: s1, title: {zh: a, en: b}, paragraphs: [{id: p1, zh: x, en: y}]}]\n",
    );
    src.push_str(&"#\n".repeat(200_000));
    src.push_str("nodes:\n  - {id: c, kind: claim, origin: editorial, text: {zh: a, en: b}}\n");
    for i in 0..1_000 {
        src.push_str(&format!(
            "  - {{id: e{i}, kind: evidence, origin: editorial, basis: event, text: {{zh: a, en: b}}, supports: [nowhere]}}\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("errors.yaml"), &src).unwrap();
    let run = expect_refused(
        dir.path(),
        &os(&["check", "errors.yaml"]),
        "errors.yaml",
        "no node has that id",
    );
    assert_eq!(run.full_err().matches(": error: ").count(), 1_000);
}

#[test]

fn many_quotes_without_paragraphs_are_checked_in_bounded_time() {
    // 12,000 paragraphs and 12,000 article nodes that leave stance to find their
    // paragraph (1.8 MB), timed against the same document with every paragraph
    // listed: about the same if the lookup is linear, many times slower (and
    // killed) if it is quadratic. A ratio, not a clock, so a busy machine does
    // not fail it.
    let n = 12_000;
    let document = |listed: bool| {
        let mut src = String::from(
            "schema: stance/1\nid: q\nlang: en\nthesis: c0\ntitle: {zh: a, en: b}\n\
             sections:\n  - id: s1\n    title: {zh: a, en: b}\n    paragraphs:\n",
        );
        for i in 0..n {
            src.push_str(&format!(
                "      - {{id: p{i}, en: \"paragraph number {i} here, with some words to search through\", zh: y}}\n"
            ));
        }
        src.push_str("nodes:\n");
        for i in 0..n {
            let paragraphs = if listed {
                format!(", paragraphs: [p{i}]")
            } else {
                String::new()
            };
            src.push_str(&format!(
                "  - {{id: c{i}, kind: claim, text: {{zh: a, en: b}}, quote: \"number {i} here\"{paragraphs}}}\n"
            ));
        }
        src
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("listed.yaml"), document(true)).unwrap();
    fs::write(dir.path().join("quotes.yaml"), document(false)).unwrap();
    let reference = stance_in(dir.path(), &os(&["check", "listed.yaml"]));
    let run = stance_in(dir.path(), &os(&["check", "quotes.yaml"]));
    assert_eq!(reference.code, Some(0), "{}", reference.err());
    assert_eq!(run.code, Some(0), "{}", run.err());
    assert!(
        run.took < reference.took * 4 + Duration::from_secs(2),
        "finding paragraphs took {:?}, against {:?} with them listed",
        run.took,
        reference.took
    );
}

// ---------------------------------------------------------------------------
// Shapes whose cost once grew faster than the file. Each is generated at a size
// where a quadratic cost runs into the memory limit or takes minutes, and timed
// against a reference file of about the same size whose cost is plainly linear:
// a ratio, not a clock, so a busy machine cannot fail it.
// ---------------------------------------------------------------------------

/// Runs `reference` and then `args` in `dir`, each expected to exit with `code`,
/// and asserts the second took no more than a few times the first.
fn as_cheap_as(dir: &Path, reference: &[&str], args: &[&str], code: i32) -> Run {
    let reference = stance_in(dir, &os(reference));
    let run = stance_in(dir, &os(args));
    let mut problems = Vec::new();
    check_run(&reference, &mut problems);
    check_run(&run, &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        reference.code,
        Some(code),
        "{}: {}",
        reference.shown(),
        reference.err()
    );
    assert_eq!(run.code, Some(code), "{}: {}", run.shown(), run.err());
    assert!(
        run.took < reference.took * 4 + Duration::from_secs(2),
        "{} took {:?}, against {:?} for {}",
        run.shown(),
        run.took,
        reference.took,
        reference.shown()
    );
    run
}

/// An AIF map as JSON from I-node texts and scheme nodes `(id, type)` and edges.
fn aif_map(i_nodes: &[String], schemes: &[(String, &str)], edges: &[(String, String)]) -> String {
    let mut nodes: Vec<String> = i_nodes
        .iter()
        .map(|id| format!(r#"{{"nodeID":"{id}","text":"statement {id}","type":"I"}}"#))
        .collect();
    nodes.extend(
        schemes
            .iter()
            .map(|(id, t)| format!(r#"{{"nodeID":"{id}","text":"{t}","type":"{t}"}}"#)),
    );
    let edges: Vec<String> = edges
        .iter()
        .enumerate()
        .map(|(k, (f, t))| format!(r#"{{"edgeID":"x{k}","fromID":"{f}","toID":"{t}"}}"#))
        .collect();
    format!(
        "{{\"nodes\":[\n{}\n],\n\"edges\":[\n{}\n],\n\"locutions\":[]}}\n",
        nodes.join(",\n"),
        edges.join(",\n")
    )
}

#[test]
fn an_aif_inference_with_many_premises_and_conclusions_imports_in_linear_cost() {
    // One RA joining 1,500 premises to 1,500 conclusions, undercut by 100
    // conflicts: 2.25 million supports and 225 million undercuts if multiplied
    // out, from a file of 300 KB. The reference has as many statements, each
    // pair joined by an inference of its own.
    let n = 1_500;
    let premises: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let conclusions: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    let attackers: Vec<String> = (0..100).map(|i| format!("a{i}")).collect();
    let mut statements = [premises.clone(), conclusions.clone(), attackers.clone()].concat();
    let mut schemes = vec![("ra".to_string(), "RA")];
    let mut edges: Vec<(String, String)> = Vec::new();
    edges.extend(premises.iter().map(|p| (p.clone(), "ra".to_string())));
    edges.extend(conclusions.iter().map(|c| ("ra".to_string(), c.clone())));
    for (k, a) in attackers.iter().enumerate() {
        schemes.push((format!("ca{k}"), "CA"));
        edges.push((a.clone(), format!("ca{k}")));
        edges.push((format!("ca{k}"), "ra".to_string()));
    }
    let product = aif_map(&statements, &schemes, &edges);

    let mut ref_schemes = Vec::new();
    let mut ref_edges = Vec::new();
    for i in 0..n {
        ref_schemes.push((format!("ra{i}"), "RA"));
        ref_edges.push((premises[i].clone(), format!("ra{i}")));
        ref_edges.push((format!("ra{i}"), conclusions[i].clone()));
    }
    for (k, a) in attackers.iter().enumerate() {
        ref_schemes.push((format!("ca{k}"), "CA"));
        ref_edges.push((a.clone(), format!("ca{k}")));
        ref_edges.push((format!("ca{k}"), format!("ra{k}")));
    }
    statements.sort();
    let reference = aif_map(&statements, &ref_schemes, &ref_edges);

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("product.json"), &product).unwrap();
    fs::write(dir.path().join("pairs.json"), &reference).unwrap();
    let run = as_cheap_as(
        dir.path(),
        &["import", "pairs.json"],
        &["import", "product.json"],
        0,
    );
    assert!(
        run.err().contains("`ra` (RA) would make 2250000 relations"),
        "the skipped inference is named: {}",
        run.err()
    );
    as_cheap_as(
        dir.path(),
        &["check", "pairs.json"],
        &["check", "product.json"],
        0,
    );
}

/// A valid document of `n` editorial claims, `c0` the thesis, where claim `i`
/// (from 1) supports the claim `parent(i)`.
fn claims_document(n: usize, parent: impl Fn(usize) -> usize) -> String {
    let mut src = String::from(
        "schema: stance/1\nid: shape\nlang: en\nthesis: c0\ntitle: {zh: 形, en: Shape}\n\
         sections: [{id: s1, title: {zh: 一, en: One}, paragraphs: [{id: p1, zh: 文, en: text}]}]\n\
         nodes:\n  - {id: c0, kind: claim, origin: editorial, text: {zh: 论, en: thesis}}\n",
    );
    for i in 1..n {
        src.push_str(&format!(
            "  - {{id: c{i}, kind: claim, origin: editorial, text: {{zh: 论, en: claim {i}}}, supports: [c{}]}}\n",
            parent(i)
        ));
    }
    src
}

#[test]
fn a_deep_chain_of_supports_is_written_in_proportion_to_the_document() {
    // 5,000 claims each supporting the one before: Kialo numbers and brief
    // indentation spelt out every ancestor on every line (25 MB each here,
    // 400 MB at 20,000). The reference is as many claims all supporting the
    // thesis directly.
    let n = 5_000;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("chain.yaml"), claims_document(n, |i| i - 1)).unwrap();
    fs::write(dir.path().join("star.yaml"), claims_document(n, |_| 0)).unwrap();
    for args in [
        ["graph", "FILE", "--format", "kialo"],
        ["graph", "FILE", "--format", "argdown"],
        ["graph", "FILE", "--format", "dot"],
        ["graph", "FILE", "--format", "aif"],
        ["brief", "FILE", "--side", "for"],
        ["brief", "FILE", "--side", "against"],
    ] {
        let with = |file: &'static str| args.map(|a| if a == "FILE" { file } else { a });
        let star = with("star.yaml");
        let chain = with("chain.yaml");
        let reference = stance_in(dir.path(), &os(&star));
        let run = as_cheap_as(dir.path(), &star, &chain, 0);
        assert!(
            run.stdout.len() < reference.stdout.len() * 2 + 10_000,
            "{} wrote {} bytes, against {} for {}",
            run.shown(),
            run.stdout.len(),
            reference.stdout.len(),
            reference.shown()
        );
    }
    // What the Kialo export wrote imports back with every claim and support.
    let kialo = stance_in(
        dir.path(),
        &os(&[
            "graph",
            "chain.yaml",
            "--format",
            "kialo",
            "-o",
            "chain.txt",
        ]),
    );
    assert_eq!(kialo.code, Some(0), "{}", kialo.err());
    let back = stance_in(dir.path(), &os(&["check", "chain.txt"]));
    assert_eq!(back.code, Some(0), "{}", back.err());
    assert!(
        back.err().contains(&format!("{n} claims")) || back.out().contains(&format!("{n} claims")),
        "{}{}",
        back.out(),
        back.err()
    );
}

/// A valid document with `paragraphs` (id, text) and article claims `(id, quote, listed paragraph)`.
fn quotes_document(
    paragraphs: &[(String, String)],
    claims: &[(String, String, Option<String>)],
) -> String {
    let mut src = String::from(
        "schema: stance/1\nid: q\nlang: en\nthesis: c0\ntitle: {zh: a, en: b}\n\
         sections:\n  - id: s1\n    title: {zh: a, en: b}\n    paragraphs:\n",
    );
    for (id, text) in paragraphs {
        src.push_str(&format!("      - {{id: {id}, en: \"{text}\", zh: y}}\n"));
    }
    src.push_str("nodes:\n");
    for (id, quote, listed) in claims {
        let listed = listed
            .as_ref()
            .map_or(String::new(), |p| format!(", paragraphs: [{p}]"));
        src.push_str(&format!(
            "  - {{id: {id}, kind: claim, text: {{zh: a, en: b}}, quote: \"{quote}\"{listed}}}\n"
        ));
    }
    src
}

#[test]
fn many_quotes_in_one_long_paragraph_are_checked_in_linear_time() {
    // 4,000 claims quoting their own words near the end of one 400 KB
    // paragraph: looking for each quote in its paragraph read the paragraph
    // once per claim (and `print`, `graph` and `brief` did it again). The
    // reference holds the same text with each claim's words in a paragraph of
    // their own.
    let n = 4_000;
    let filler = "x ".repeat(200_000);
    let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let long = vec![("p0".to_string(), format!("{filler}{}", words.join(" ")))];
    let claims: Vec<_> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (format!("c{i}"), w.clone(), Some("p0".to_string())))
        .collect();
    let mut split = vec![("p0".to_string(), filler.clone())];
    split.extend(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| (format!("q{i}"), w.clone())),
    );
    let own: Vec<_> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (format!("c{i}"), w.clone(), Some(format!("q{i}"))))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("long.yaml"),
        quotes_document(&long, &claims),
    )
    .unwrap();
    fs::write(dir.path().join("split.yaml"), quotes_document(&split, &own)).unwrap();
    for args in [
        &["check", "FILE"][..],
        &["brief", "FILE", "--side", "for"],
        &["graph", "FILE", "--format", "dot"],
    ] {
        let with = |file: &'static str| -> Vec<&str> {
            args.iter()
                .map(|&a| if a == "FILE" { file } else { a })
                .collect()
        };
        as_cheap_as(dir.path(), &with("split.yaml"), &with("long.yaml"), 0);
    }
}

#[test]
fn quotes_nested_in_repeated_text_are_found_in_linear_time() {
    // A paragraph of 200,000 `a`s and 600 claims quoting `a`, `aa`, `aaa`…
    // without saying where: finding every occurrence of every quote is 120
    // million matches. The reference says where (`paragraphs: [p0]`), which
    // stance checks without searching the article.
    let k = 600;
    let paragraph = vec![("p0".to_string(), "a".repeat(200_000))];
    let claims = |listed: bool| -> Vec<(String, String, Option<String>)> {
        (1..=k)
            .map(|i| {
                (
                    format!("c{}", i - 1),
                    "a".repeat(i),
                    listed.then(|| "p0".to_string()),
                )
            })
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("found.yaml"),
        quotes_document(&paragraph, &claims(false)),
    )
    .unwrap();
    fs::write(
        dir.path().join("listed.yaml"),
        quotes_document(&paragraph, &claims(true)),
    )
    .unwrap();
    as_cheap_as(
        dir.path(),
        &["check", "listed.yaml"],
        &["check", "found.yaml"],
        0,
    );
}

#[test]
fn nodes_and_relations_are_limited_with_the_size_and_raised_with_it() {
    // The size limit alone did not bound the work: 840,000 nodes of a line
    // each fit in 64 MiB and took 44 s and 893 MB to check. Each MiB of
    // --max-size allows 2,048 nodes and 4,096 relations.
    let head = "schema: stance/1\nid: t\nlang: en\nthesis: n0\ntitle: {zh: a, en: b}\nsections: []\nnodes:\n";
    let node = |i: usize| {
        format!("  - {{id: n{i}, kind: claim, origin: editorial, text: {{zh: 甲, en: x}}}}\n")
    };
    let many_nodes: String = std::iter::once(head.to_string())
        .chain((0..3_000).map(node))
        .collect();
    let many_relations = format!(
        "{head}{}  - {{id: n1, kind: claim, origin: editorial, text: {{zh: 甲, en: x}}, supports: [{}]}}\n",
        node(0),
        vec!["n0"; 5_000].join(", ")
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("nodes.yaml"), &many_nodes).unwrap();
    fs::write(dir.path().join("relations.yaml"), &many_relations).unwrap();
    for (file, says) in [
        ("nodes.yaml", "more than 2048 nodes"),
        ("relations.yaml", "more than 4096 relations"),
    ] {
        for mut args in content_commands(file) {
            args.extend(os(&["--max-size", "1"]));
            let run = expect_refused(dir.path(), &args, file, says);
            assert!(run.full_err().contains("--max-size"), "{}", run.err());
            assert!(has_position(&run.full_err(), file), "{}", run.err());
        }
    }
    let run = stance_in(dir.path(), &os(&["check", "nodes.yaml", "--max-size", "2"]));
    assert_eq!(run.code, Some(0), "{}", run.err());
    // Relations past the limit are refused before they are checked, so the
    // duplicate supports here are never reached.
    let run = stance_in(
        dir.path(),
        &os(&["check", "relations.yaml", "--max-size", "2"]),
    );
    assert!(!run.full_err().contains("more than"), "{}", run.err());
}

#[test]
fn a_chain_of_kialo_links_imports_in_linear_time_and_a_loop_is_said() {
    // 40,000 links each naming the link before it, which names a claim in
    // the end: following each chain from its start cost its length per link
    // (300,000 ran past 120 s). The reference links each straight to the claim.
    let n = 40_000;
    let discussion = |chained: bool| {
        let mut src =
            String::from("Discussion Title: Links\n\n1. The thesis.\n1.1. Pro: A reason.\n");
        for i in 2..n + 2 {
            let target = if chained && i > 2 { i - 1 } else { 1 };
            src.push_str(&format!("1.{i}. Pro: -> See 1.{target}.\n"));
        }
        src
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("chain.txt"), discussion(true)).unwrap();
    fs::write(dir.path().join("direct.txt"), discussion(false)).unwrap();
    as_cheap_as(
        dir.path(),
        &["import", "direct.txt"],
        &["import", "chain.txt"],
        0,
    );
    as_cheap_as(
        dir.path(),
        &["check", "direct.txt"],
        &["check", "chain.txt"],
        0,
    );

    // Links that lead round a loop are said, each at its line, not dropped in silence.
    let run = stance_in(
        dir.path(),
        &os(&[
            "import",
            &corpus()
                .join("content/kialo-link-loop.txt")
                .display()
                .to_string(),
        ]),
    );
    assert_eq!(run.code, Some(0), "{}", run.err());
    for (line, says) in [
        (5, "`1.2.` links to `1.3.`, which leads round a loop"),
        (6, "`1.3.` links to `1.2.`, which leads round a loop"),
        (
            7,
            "`1.3.1.` answers the link `1.3.`, which leads to no claim",
        ),
        (8, "`1.4.` links to `1.5.`"),
    ] {
        assert!(
            run.full_err()
                .contains(&format!("kialo-link-loop.txt:{line}: warning: {says}")),
            "line {line}: {}",
            run.err()
        );
    }
}

#[test]
fn ids_that_print_alike_are_warned_about_with_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        corpus().join("content/lookalike-ids.yaml"),
        dir.path().join("ids.yaml"),
    )
    .unwrap();
    let run = stance_in(dir.path(), &os(&["check", "ids.yaml"]));
    assert_eq!(run.code, Some(0), "{}", run.err());
    let err = run.full_err();
    for (line, says) in [
        (
            45,
            "looks just like `c-main` (line 27): they differ only by U+200B (an invisible character)",
        ),
        (
            50,
            "looks just like `e-idle` (line 32): they differ only by U+0456 (`\u{456}`, which looks like `i`)",
        ),
    ] {
        assert!(
            err.contains(&format!("ids.yaml:{line}:9: warning: the id `")),
            "{err}"
        );
        assert!(err.contains(says), "{says:?} in {err}");
    }
    // The article itself, with its Chinese text, has no look-alikes.
    let run = stance_in(dir.path(), &os(&["check"]));
    assert!(!run.full_err().contains("looks just like"), "{}", run.err());
}
