//! The command line as a reader or a script uses it: the real binary, run from
//! a directory with no content files in it.

mod common;

use common::{MINIMAL, position, stance, stderr, stdout};

#[test]
fn check_passes_on_the_built_in_article_and_summarizes_it() {
    let out = stance(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.starts_with("content/deepseek.yaml: ok"),
        "{summary}"
    );
    for part in [
        "5 sections",
        "55 paragraphs",
        "claims",
        "evidence nodes",
        "rebuttals",
        "relations",
    ] {
        assert!(summary.contains(part), "{part} missing from {summary}");
    }
    assert_eq!(stderr(&out), "", "the built-in article has no warnings");
}

#[test]
fn with_no_command_stance_prints_the_article() {
    let bare = stance(&[]);
    assert_eq!(bare.status.code(), Some(0));
    assert_eq!(stdout(&bare), stdout(&stance(&["print"])));
    assert!(stdout(&bare).starts_with("DeepSeek,被打脸的到底是谁?\n"));
}

#[test]
fn print_shows_headings_paragraphs_and_the_nodes_under_them() {
    let text = stdout(&stance(&["print", "--lang", "zh"]));
    assert!(text.contains("## 美国政府的悲哀 [s1]"), "{text}");
    assert!(text.contains("[s1p4] 2024 年 3 月,美国政府宣布拿出 300 亿美元补贴"));
    assert!(text.contains("EDITORIAL"), "editorial nodes are marked");
    assert!(text.contains("supported by:"));
    assert!(
        !text.contains("[s0p1 en]"),
        "zh mode has no English paragraphs"
    );
    let en = stdout(&stance(&["print", "--lang", "en"]));
    assert!(
        en.contains("## The") && !en.contains("美国政府的悲哀"),
        "{en}"
    );
    let both = stdout(&stance(&["print", "--lang", "both"]));
    let zh_at = both.find("[s0p1] DeepSeek 在短短两周内").unwrap();
    let en_at = both.find("[s0p1 en]").unwrap();
    assert!(zh_at < en_at, "the original comes first");
}

#[test]
fn every_node_is_printed_once() {
    let text = stdout(&stance(&["print"]));
    let json = stdout(&stance(&["graph", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    for n in doc["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let kind = n["kind"].as_str().unwrap();
        let header = format!("* {kind} {id} (");
        assert_eq!(text.matches(&header).count(), 1, "{header}");
    }
}

#[test]
fn the_json_dump_loads_back_and_dumps_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let first = stance(&["graph", "--format", "json"]);
    assert_eq!(first.status.code(), Some(0));
    let dump = dir.path().join("dump.json");
    std::fs::write(&dump, &first.stdout).unwrap();
    let dump = dump.to_str().unwrap();

    let check = stance(&["check", dump]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(stderr(&check), "");
    let again = stance(&["graph", dump]);
    assert_eq!(
        stdout(&again),
        stdout(&first),
        "JSON → JSON is the identity"
    );
    assert_eq!(
        stdout(&stance(&["print", dump])),
        stdout(&stance(&["print"])),
        "the dump prints like the YAML"
    );
}

#[test]
fn the_json_has_the_documented_fields() {
    let json = stdout(&stance(&["graph"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["schema"], "stance/1");
    for key in [
        "id",
        "title",
        "lang",
        "source",
        "sections",
        "nodes",
        "relations",
    ] {
        assert!(!doc[key].is_null(), "{key}");
    }
    let s = &doc["sections"][1];
    assert!(s["title"]["zh"].is_string() && s["title"]["en"].is_string());
    let p = &s["paragraphs"][0];
    for key in ["id", "zh", "en"] {
        assert!(p[key].is_string(), "{key}");
    }
    for n in doc["nodes"].as_array().unwrap() {
        for key in [
            "id",
            "kind",
            "text",
            "quote",
            "paragraphs",
            "origin",
            "basis",
            "sourced",
            "figures",
            "note",
        ] {
            assert!(n.get(key).is_some(), "node field {key}");
        }
    }
    let kinds: Vec<&str> = doc["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for k in ["supports", "rebuts", "undercuts"] {
        assert!(kinds.contains(&k), "{k}");
    }
}

#[test]
fn graph_writes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("g.json");
    let out = stance(&["graph", "-o", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        stdout(&stance(&["graph"]))
    );
}

#[test]
fn check_lists_every_problem_as_file_line_column_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let src = MINIMAL
        .replace("supports: [c-main]", "supports: [c-mian]")
        .replace("kind: rebuttal", "kind: rebutal");
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, &src).unwrap();
    let p = path.to_str().unwrap();
    let out = stance(&["check", p]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let (line, col) = position(&src, "c-mian");
    assert!(err.contains(&format!("{p}:{line}:{col}: error:")), "{err}");
    assert!(err.contains("c-mian"));
    let (line, col) = position(&src, "rebutal");
    let unknown = format!("{p}:{line}:{col}: error: unknown kind `rebutal`");
    assert!(err.contains(&unknown), "{err}");
    assert!(!err.contains("warning"), "no follow-on warnings: {err}");
    assert!(err.contains("= hint:"));
    assert!(
        stdout(&out).contains("has problems (2 errors"),
        "{}",
        stdout(&out)
    );
    // The commands that need a sound document refuse it the same way.
    for cmd in ["print", "graph"] {
        let out = stance(&[cmd, p]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert_eq!(
            stdout(&out),
            "",
            "{cmd} prints nothing from a broken document"
        );
        assert!(stderr(&out).contains("c-mian"));
    }
}

#[test]
fn warnings_do_not_fail_check() {
    let dir = tempfile::tempdir().unwrap();
    let src = MINIMAL.replace("en: \"Data centres are only 10% occupied.\"", "en: \"\"");
    let path = dir.path().join("draft.yaml");
    std::fs::write(&path, src).unwrap();
    let out = stance(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning: paragraph `s1p2` has no `en` translation"));
    assert!(stdout(&out).contains("ok (1 warning)"), "{}", stdout(&out));
}

#[test]
fn a_mistaken_command_line_exits_2_with_usage() {
    let out = stance(&["chekc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage"));
    let out = stance(&["print", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_scaffolds_a_document_that_checks_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let article = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/deepseek.txt");
    let out_path = dir.path().join("draft.yaml");
    let out = stance(&[
        "new",
        article.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("5 sections, 55 paragraphs"),
        "{}",
        stdout(&out)
    );
    assert!(
        dir.path().join("content.schema.json").exists(),
        "the schema is put beside it"
    );
    let check = stance(&["check", out_path.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "warnings only: {}",
        stderr(&check)
    );
    assert!(stderr(&check).contains("warning"));
    assert!(stdout(&check).contains("What the encoding still lacks"));
    let again = stance(&[
        "new",
        article.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn schema_prints_the_content_schema() {
    let out = stance(&["schema"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["properties"]["nodes"].is_object());
}

#[test]
fn check_watch_reports_again_on_each_save() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.yaml");
    std::fs::write(&path, MINIMAL).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["check", "--watch", path.to_str().unwrap()])
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
    // Only a hang reaches this wait; a busy machine merely makes it longer.
    let wait = common::HANG_LIMIT;
    let next_verdict = || loop {
        let line = rx
            .recv_timeout(wait)
            .expect("a report before the hang limit");
        if line.contains("draft.yaml:") {
            return line;
        }
    };
    assert!(next_verdict().contains(": ok"));
    std::fs::write(&path, MINIMAL.replace("kind: claim", "kind: clam")).unwrap();
    assert!(next_verdict().contains("has problems"));
    std::fs::write(&path, MINIMAL).unwrap();
    assert!(next_verdict().contains(": ok"));
    child.kill().unwrap();
    let _ = child.wait();
}
